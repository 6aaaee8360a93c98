"""Medición «folios postgresql»: 200 folios desde dos procesos a la vez en una base nueva.

App: dos procesos conectados con ``app.base_datos.conectar`` reservan 100 folios cada uno, al
mismo tiempo, con el servicio de la app (``folios.siguiente_consecutivo`` dentro de
``transaccion()``: un ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` que bloquea solo la fila de
la serie, y al final la entrada de bitácora del contador con la cabeza de la cadena tomada un
instante), una transacción por folio como al emitir un oficio. Base: otros dos procesos con
psycopg2 solo, un ``UPDATE … SET ultimo = ultimo + 1 RETURNING ultimo`` por folio, cada uno en su
transacción. En ambos se verifica que los 200 números sean 1…200: sin duplicados ni huecos.

Mediana de 5 rondas (cada una con su serie y su contador), en tiempo de reloj de la salida común
al último fin: el trabajo se reparte entre los dos procesos y el servidor, que el tiempo de CPU
de un proceso no ve. Meta: razón ≤ 2, 0 duplicados y 0 huecos.

El servidor sale de ``DTI_PRUEBAS_PG`` (como en las pruebas; por omisión
``postgresql://postgres@127.0.0.1:5432/test``); se crea una base nueva y se borra al terminar.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from comun import RAIZ, figura, imprimir_tabla  # noqa: E402

POR_PROCESO = 100
PROCESOS = 2
RONDAS = 5
URL_SERVIDOR = os.environ.get("DTI_PRUEBAS_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _conectar_psycopg(url: str):
    import psycopg2

    partes = urlparse(url)
    return psycopg2.connect(host=partes.hostname, port=partes.port or 5432, user=partes.username or "postgres",
                            password=partes.password, dbname=partes.path.lstrip("/") or "postgres",
                            connect_timeout=5)


def _url_base(nombre: str) -> str:
    return urlparse(URL_SERVIDOR)._replace(path=f"/{nombre}").geturl()


# --- Procesos hijos: esperan la misma hora de salida y reservan sus folios -------------------

def _esperar(salida: float) -> None:
    while (falta := salida - time.time()) > 0:
        time.sleep(min(falta, 0.01))


def _hijo_app(url: str, salida: float, ronda: int) -> dict:
    from app.base_datos import conectar, transaccion
    from app.servicios.nucleo import folios

    serie = f"medicion {ronda}"       # una serie por ronda (sin documentos: no es continua)
    conectar(url, migrar=False)
    folios.ultimo_consecutivo(serie, 2026)   # conexión abierta antes de la salida
    _esperar(salida)
    numeros = []
    for _ in range(POR_PROCESO):
        with transaccion():
            numeros.append(folios.siguiente_consecutivo(serie, 2026))
    return {"numeros": numeros, "fin": time.time()}


def _hijo_base(url: str, salida: float, ronda: int) -> dict:
    conexion = _conectar_psycopg(url)
    _esperar(salida)
    numeros = []
    for _ in range(POR_PROCESO):
        with conexion, conexion.cursor() as cursor:   # una transacción por folio
            cursor.execute("UPDATE contador_bench SET ultimo = ultimo + 1 WHERE id = %s RETURNING ultimo", (ronda,))
            numeros.append(cursor.fetchone()[0])
    conexion.close()
    return {"numeros": numeros, "fin": time.time()}


def _a_la_vez(modo: str, url: str, ronda: int) -> tuple[float, list[int]]:
    """Lanza los procesos con la misma hora de salida; (segundos de salida al último fin, números)."""
    salida = time.time() + 2.0   # margen para que ambos importen y se conecten
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ)}
    procesos = [subprocess.Popen([sys.executable, str(Path(__file__).resolve()), modo, url, repr(salida),
                                  str(ronda)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=entorno)
                for _ in range(PROCESOS)]
    resultados = []
    for proceso in procesos:
        salida_std, errores = proceso.communicate(timeout=600)
        if proceso.returncode != 0:
            raise RuntimeError(f"Un proceso {modo} falló: {errores.strip()[-600:]}")
        resultados.append(json.loads(salida_std.strip().splitlines()[-1]))
    if time.time() < salida:
        raise RuntimeError("Los procesos terminaron antes de la hora de salida.")
    numeros = sorted(n for r in resultados for n in r["numeros"])
    return max(r["fin"] for r in resultados) - salida, numeros


def _revisar(numeros: list[int]) -> tuple[int, int]:
    """(duplicados, huecos) de una lista ordenada que debería ser 1…N."""
    duplicados = len(numeros) - len(set(numeros))
    huecos = len(set(range(1, max(numeros, default=0) + 1)) - set(numeros))
    return duplicados, huecos


def medir() -> list[dict]:
    try:
        admin = _conectar_psycopg(URL_SERVIDOR)
    except Exception as exc:  # noqa: BLE001
        raise RuntimeError(f"Sin servidor PostgreSQL en {URL_SERVIDOR} ({exc}); defina DTI_PRUEBAS_PG.") from exc
    admin.autocommit = True
    nombre = f"dti_bench_folios_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{nombre}"')
    try:
        url = _url_base(nombre)
        from app.base_datos import cerrar, conectar

        conectar(url)   # base nueva: aplica las migraciones
        cerrar()
        conexion = _conectar_psycopg(url)
        with conexion, conexion.cursor() as cursor:
            cursor.execute("CREATE TABLE contador_bench (id integer PRIMARY KEY, ultimo integer NOT NULL)")
            cursor.executemany("INSERT INTO contador_bench VALUES (%s, 0)", [(r,) for r in range(RONDAS)])
        conexion.close()
        rondas_app, rondas_base, problemas = [], [], [0, 0, 0, 0]
        for ronda in range(RONDAS):
            segundos, numeros_app = _a_la_vez("--hijo-app", url, ronda)
            rondas_app.append(segundos)
            segundos, numeros_base = _a_la_vez("--hijo-base", url, ronda)
            rondas_base.append(segundos)
            for i, cifra in enumerate(_revisar(numeros_app) + _revisar(numeros_base)):
                problemas[i] += cifra
            if len(numeros_app) != PROCESOS * POR_PROCESO or numeros_app[-1] != PROCESOS * POR_PROCESO:
                problemas[1] += 1
        app_s, base_s = statistics.median(rondas_app), statistics.median(rondas_base)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')
        admin.close()
    total = PROCESOS * POR_PROCESO
    duplicados, huecos, dup_base, huecos_base = problemas
    correcto = duplicados == 0 and huecos == 0 and app_s / base_s <= 2.0
    nota = (f"{total} folios de {PROCESOS} procesos, mediana de {RONDAS} rondas: app {total / app_s:.0f} folios/s, "
            f"base {total / base_s:.0f} folios/s; app {duplicados} duplicados y {huecos} huecos, "
            f"base {dup_base} y {huecos_base}")
    return [figura("folios postgresql", app_s, base_s, nota=nota, cumple=correcto)]


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] in ("--hijo-app", "--hijo-base"):
        hijo = _hijo_app if sys.argv[1] == "--hijo-app" else _hijo_base
        print(json.dumps(hijo(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))))
        sys.exit(0)
    imprimir_tabla(medir())
