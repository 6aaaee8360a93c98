"""Medidas del lector del levantamiento (issue 19, punto 4), en SQLite, con tiempo de CPU.

- «escaneo levantamiento»: una lectura de la app (``levantamiento.registrar_lectura``: una
  consulta por índices, un INSERT y su entrada de bitácora encadenada y autenticada, COMMIT)
  frente a la misma obra con ``sqlite3`` solo: la misma consulta, el mismo INSERT, la cabeza de
  la cadena, SHA-256 y HMAC de la entrada, su INSERT y el COMMIT, con los mismos pragmas
  (WAL, ``synchronous=FULL``). Meta: ≤ 20 ms por lectura.
- «escaneo escala»: la misma lectura de la app con 200,000 bienes ÷ con 10,000 (meta ≤ 1.5).
  Con índices y el avance llevado en cuenta, el costo no depende del tamaño del inventario.

Cada cifra es la mediana de 5 rondas de 100 lecturas distintas (encontrados, de otra área y
desconocidos), en tiempo de CPU del proceso (``time.process_time``: la máquina es compartida).
Los bienes se crean con SQL (una plantilla de la demostración repetida por dependencia): lo que se
mide es la lectura, no la carga. ``DTI_BENCH_ESCALA="10000,200000"`` cambia los tamaños.

    python3 bench/medida_escaneo.py
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from comun import figura, imprimir_tabla  # noqa: E402

RONDAS = 5
POR_RONDA = 100


def _tamanos() -> tuple[int, int]:
    texto = os.environ.get("DTI_BENCH_ESCALA", "10000,200000")
    chico, grande = (int(x.replace("_", "")) for x in texto.split(","))
    return chico, grande


def _preparar(carpeta: Path, bienes: int) -> tuple[str, int, list[str]]:
    """Base SQLite con ``bienes`` bienes y un levantamiento en curso; (url, id, textos a leer)."""
    from app import base_datos
    from app.demo.inventario import cargar_bienes
    from app.modelos import Bien, Dependencia
    from app.servicios.catalogos import catalogos, usuarios
    from app.servicios.levantamiento import levantamiento
    from app.servicios.nucleo import permisos

    url = f"sqlite:///{(carpeta / f'escaneo-{bienes}.sqlite3').as_posix()}"
    base = base_datos.conectar(url)
    sistema = usuarios.usuario_sistema()
    for i in range(20):
        catalogos.guardar_dependencia(sistema, f"Dependencia de medición {i + 1:02d}", f"DM{i + 1:02d}",
                                      f"Edificio {i % 4 + 1}")
    servidor = catalogos.guardar_servidor(sistema, "Isaías Soto López", "Jefe de Redes",
                                          Dependencia.select().first())
    usuarios.crear_usuario(sistema, "redes", "Isaías Soto López", permisos.JEFE_REDES, "Redes2026", servidor)
    plantilla = 200
    cargar_bienes(plantilla)
    columnas = [c.column_name for c in Bien._meta.sorted_fields
                if c.column_name not in ("id", "numero_inventario", "serie", "busqueda", "dependencia_id")]
    deps = [d for (d,) in Dependencia.select(Dependencia.id).order_by(Dependencia.id).tuples()]
    with base.atomic():
        base.execute_sql(
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            f"INSERT INTO bien (numero_inventario, serie, busqueda, dependencia_id, {', '.join(columnas)}) "
            f"SELECT 'ESC-' || printf('%07d', i), 'SESC' || i, 'esc-' || printf('%07d', i), "
            f"{deps[0]} + (i % {len(deps)}), {', '.join('t.' + c for c in columnas)} "
            f"FROM n, (SELECT * FROM bien ORDER BY id LIMIT 1) AS t", (bienes - plantilla,))
    base.execute_sql("ANALYZE")
    actor = usuarios.obtener("redes")
    lev = levantamiento.iniciar(actor, dependencia_id=deps[0])
    numeros = [n for (n,) in Bien.select(Bien.numero_inventario).where(Bien.numero_inventario.startswith("ESC-"))
               .tuples()]
    azar = random.Random(19)
    muestra = azar.sample(numeros, RONDAS * POR_RONDA * 2)
    # Como llega del lector (minúsculas y espacios); uno de cada diez no está en el inventario.
    textos = [f"  {n.lower()} " if i % 10 else f"NO-ESTA-{i:05d}" for i, n in enumerate(muestra)]
    base_datos.cerrar()
    return url, lev.id, textos


def _rondas_app(url: str, lev_id: int, textos: list[str]) -> float:
    """Mediana, por ronda, del tiempo de CPU de una lectura de la app."""
    from app import base_datos
    from app.servicios.catalogos import usuarios
    from app.servicios.levantamiento import levantamiento

    base_datos.conectar(url, migrar=False)
    actor = usuarios.obtener("redes")
    levantamiento.registrar_lectura(lev_id, textos[-1], actor)       # calienta la conexión y el avance
    por_lectura = []
    for ronda in range(RONDAS):
        parte = textos[ronda * POR_RONDA:(ronda + 1) * POR_RONDA]
        inicio = time.process_time()
        for texto in parte:
            levantamiento.registrar_lectura(lev_id, texto, actor)
        por_lectura.append((time.process_time() - inicio) / len(parte))
    base_datos.cerrar()
    return statistics.median(por_lectura)


_CONSULTA = """
SELECT l.estado, l.dependencia_id, b.id, b.numero_inventario, b.descripcion, b.estado, b.dependencia_id,
       d.nombre, s.nombre, p.momento
FROM levantamiento AS l
LEFT JOIN bien AS b ON b.numero_inventario IN (?, ?)
LEFT JOIN dependencia AS d ON d.id = b.dependencia_id
LEFT JOIN servidor_publico AS s ON s.id = b.resguardante_id
LEFT JOIN lectura_levantamiento AS p ON p.levantamiento_id = l.id AND p.numero = COALESCE(b.numero_inventario, ?)
LEFT JOIN usuario AS u ON u.id = ?
WHERE l.id = ? LIMIT 1
"""


def _rondas_base(url: str, lev_id: int, textos: list[str]) -> float:
    """La misma obra con ``sqlite3`` solo: consulta, INSERT, cabeza, hash y HMAC, INSERT, COMMIT."""
    conexion = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    conexion.execute("PRAGMA journal_mode=wal")
    conexion.execute("PRAGMA synchronous=full")
    conexion.execute("PRAGMA foreign_keys=1")
    llave = hashlib.sha256(b"llave de medicion").digest()
    por_lectura = []
    for ronda in range(RONDAS):
        parte = textos[ronda * POR_RONDA:(ronda + 1) * POR_RONDA]
        inicio = time.process_time()
        for texto in parte:
            numero = " ".join(texto.split()).upper()
            fila = conexion.execute(_CONSULTA, (numero, numero.replace("'", "-"), numero, 1, lev_id)).fetchone()
            resultado = "desconocido" if fila[2] is None else ("encontrado" if fila[6] == fila[1] else "otra_area")
            momento = time.strftime("%Y-%m-%d %H:%M:%S")
            conexion.execute("BEGIN IMMEDIATE")
            nueva = conexion.execute(
                "INSERT INTO lectura_levantamiento (levantamiento_id, numero, bien_id, resultado, detalle, momento, "
                "usuario, origen, conflicto) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '') "
                "ON CONFLICT (levantamiento_id, numero) DO NOTHING RETURNING id",
                (lev_id, fila[3] or numero, fila[2], resultado, fila[7] or "", momento, "redes", "local")).fetchone()
            if nueva is not None:
                anterior = conexion.execute("SELECT hash FROM bitacora ORDER BY id DESC LIMIT 1").fetchone()[0]
                foto = json.dumps({"id": nueva[0], "levantamiento": lev_id, "numero": fila[3] or numero,
                                   "bien": fila[2], "resultado": resultado, "detalle": fila[7] or "",
                                   "momento": momento, "usuario": "redes", "origen": "local", "conflicto": ""},
                                  ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                contenido = "\x1f".join([momento, "redes", "lectura de levantamiento", "lectura_levantamiento",
                                         str(nueva[0]), foto, anterior])
                nuevo = hashlib.sha256(contenido.encode("utf-8")).hexdigest()
                mac = hmac.new(llave, nuevo.encode("ascii"), hashlib.sha256).hexdigest()
                conexion.execute(
                    "INSERT INTO bitacora (momento, usuario, accion, tabla, registro_id, instantanea, hash_anterior, "
                    "hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (momento, "redes", "lectura de levantamiento", "lectura_levantamiento", nueva[0], foto,
                     anterior, nuevo, mac))
            conexion.execute("COMMIT")
        por_lectura.append((time.process_time() - inicio) / len(parte))
    conexion.close()
    return statistics.median(por_lectura)


def medir() -> list[dict]:
    chico, grande = _tamanos()
    with tempfile.TemporaryDirectory(prefix="dti-bench-escaneo-") as temporal:
        carpeta = Path(temporal)
        os.environ["DTI_DATOS"] = str(carpeta / "datos")
        url_chico, lev_chico, textos_chico = _preparar(carpeta, chico)
        url_grande, lev_grande, textos_grande = _preparar(carpeta, grande)
        mitad = RONDAS * POR_RONDA
        app_chico = _rondas_app(url_chico, lev_chico, textos_chico[:mitad])
        app_grande = _rondas_app(url_grande, lev_grande, textos_grande[:mitad])
        base_grande = _rondas_base(url_grande, lev_grande, textos_grande[mitad:])
    nota_escala = (f"una lectura con {grande:,} bienes ÷ con {chico:,} (CPU, mediana de {RONDAS} rondas de "
                   f"{POR_RONDA} lecturas)")
    return [figura("escaneo levantamiento", app_grande, base_grande,
                   nota=f"con {grande:,} bienes; base: la misma consulta, INSERT, bitácora y COMMIT con sqlite3 solo"),
            figura("escaneo escala", app_grande, app_chico, nota=nota_escala)]


if __name__ == "__main__":
    imprimir_tabla(medir())
