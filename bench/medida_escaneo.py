"""Medida «escaneo levantamiento»: una lectura del lector en un levantamiento con 50,000 bienes.

La app hace todo lo de una lectura real: normaliza el texto (minúsculas y espacios del lector),
busca el bien por el índice único del número de inventario, revisa que no se haya leído ya,
lo clasifica (encontrado / otra área / baja / desconocido), guarda la lectura con su entrada
de bitácora encadenada y calcula el avance «123 de 150». La base de comparación es la
consulta desnuda del bien por su número (SQL crudo con el cursor de peewee), sin escribir nada.
Objetivo: ≤ 20 ms por lectura.

Segunda medida, «carga demo»: ``dti demo --bienes N`` (generar N bienes realistas e insertarlos
con su entrada de bitácora encadenada) frente a insertar las mismas filas ya hechas con
``insert_many`` desnudo en lotes de 500 dentro de una transacción, sin bitácora.

    python3 bench/medida_escaneo.py              # DTI_BENCH_BIENES=50000 por omisión
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LECTURAS = int(os.environ.get("DTI_BENCH_LECTURAS", "300"))


def medir() -> list[dict]:
    """SQLite siempre; también PostgreSQL si ``DTI_BENCH_PG`` da la URL de un servidor
    (p. ej. ``postgresql://postgres@127.0.0.1:5432/postgres``): ahí crea y borra una base."""
    resultados = _medir_en(None)
    servidor = os.environ.get("DTI_BENCH_PG")
    if servidor:
        resultados += _medir_en(servidor)
    return resultados


def _base_pg(servidor: str, crear: bool) -> str:
    from urllib.parse import urlparse

    import psycopg2

    partes = urlparse(servidor)
    nombre = f"dti_bench_escaneo_{os.getpid()}"
    conexion = psycopg2.connect(host=partes.hostname, port=partes.port or 5432, user=partes.username,
                                password=partes.password, dbname=partes.path.lstrip("/") or "postgres")
    conexion.autocommit = True
    with conexion.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')
        if crear:
            cursor.execute(f'CREATE DATABASE "{nombre}"')
    conexion.close()
    return partes._replace(path=f"/{nombre}").geturl()


def _medir_en(servidor_pg: str | None) -> list[dict]:
    from app import base_datos
    from app.modelos import Bien, Dependencia
    from app.demo import carga as demo
    from app.servicios.levantamiento import levantamiento
    from app.servicios.catalogos import usuarios
    from app.demo.inventario import cargar_bienes

    cantidad = int(os.environ.get("DTI_BENCH_BIENES", "50000"))
    motor = "PostgreSQL" if servidor_pg else "SQLite"
    with tempfile.TemporaryDirectory(prefix="dti-bench-escaneo-") as carpeta:
        url = _base_pg(servidor_pg, True) if servidor_pg else f"sqlite:///{Path(carpeta, 'bench.sqlite3').as_posix()}"
        base = base_datos.conectar(url)
        try:
            demo.cargar_demo()
            inicio = time.perf_counter()
            cargar_bienes(max(0, cantidad - Bien.select().count()))
            carga_s = time.perf_counter() - inicio
            carga_base_s = _insercion_desnuda(base)
            actor = usuarios.obtener("redes")
            abiertas = [f["ambito"] for f in levantamiento.consultar()]
            dependencia = next(d.id for d in Dependencia.select().order_by(Dependencia.id)
                               if d.nombre not in abiertas)
            lev = levantamiento.iniciar(actor, dependencia_id=dependencia)
            numeros = [n for (n,) in Bien.select(Bien.numero_inventario).tuples()]
            azar = random.Random(21)
            muestra = azar.sample(numeros, min(LECTURAS, len(numeros)))
            # Como llega del lector: minúsculas y espacios alrededor.
            textos = [f"  {n.lower()} " for n in muestra]

            inicio = time.perf_counter()
            for texto in textos:
                levantamiento.registrar_lectura(lev.id, texto, actor)
            app_s = (time.perf_counter() - inicio) / len(textos)

            marcador = "%s" if servidor_pg else "?"
            cursor_sql = 'SELECT "id", "numero_inventario", "dependencia_id", "estado" FROM "bien" ' \
                         f'WHERE "numero_inventario" = {marcador}'
            inicio = time.perf_counter()
            for numero in muestra:
                base.execute_sql(cursor_sql, (numero,)).fetchone()
            base_s = (time.perf_counter() - inicio) / len(muestra)
        finally:
            base_datos.cerrar()
            if servidor_pg:
                _base_pg(servidor_pg, False)
    return [{"medida": "escaneo levantamiento" if motor == "SQLite" else f"escaneo levantamiento ({motor})", "app_s": app_s,
             "base_s": base_s, "razon": app_s / base_s if base_s else None},
            {"medida": f"carga demo {cantidad:,} bienes con bitácora ({motor})", "app_s": carga_s,
             "base_s": carga_base_s, "razon": carga_s / carga_base_s if carga_base_s else None}]


def _insercion_desnuda(base) -> float:
    """Las mismas filas, ya hechas, con insert_many desnudo en una tabla gemela sin bitácora."""
    from app.modelos import Bien

    filas = list(Bien.select().tuples())
    base.execute_sql('CREATE TABLE "bien_base" AS SELECT * FROM "bien" WHERE 1 = 0')

    class BienBase(Bien):
        class Meta:
            table_name = "bien_base"

    campos = list(BienBase._meta.sorted_fields)
    inicio = time.perf_counter()
    with base.atomic():
        for desde in range(0, len(filas), 500):
            BienBase.insert_many(filas[desde:desde + 500], fields=campos).execute()
    return time.perf_counter() - inicio


if __name__ == "__main__":
    resultados = medir()
    print(f"{'medida':<64} {'app_s':>9} {'base_s':>9} {'razón':>8}")
    for r in resultados:
        print(f"{r['medida']:<64} {r['app_s']:>9.5f} {r['base_s']:>9.5f} {r['razon']:>8.1f}")
