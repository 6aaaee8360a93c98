"""Medida «carga demo» (issue 19, punto 6): ``dti demo --bienes N`` frente a insertar las mismas filas.

App: ``dti demo --bienes N`` (50,000 por omisión, ``DTI_BENCH_BIENES``) en su propio proceso sobre
una base SQLite con los catálogos ya cargados (dependencias y la cuenta del Director): genera N
bienes realistas y los inserta por lotes, cada uno con su entrada de bitácora encadenada y
autenticada. Se mide el tiempo de CPU del proceso (usuario + sistema, con el arranque de Python
y de la app) y su pico de memoria residente (el que informa el propio ``dti demo``).

Base: las mismas filas que dejó la app (bienes, servidores, bitácora y contadores: se leen de la
base de la app antes de medir) insertadas con ``sqlite3`` solo, en una copia de la base de antes,
con ``executemany`` dentro de una transacción: lo mismo que quedó escrito, sin generarlo.

Mediana de 5 rondas (cada una sobre una copia nueva de la base de antes). Meta: razón ≤ 1.5.

    python3 bench/medida_demo.py
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from comun import RAIZ, bienes_bench, figura, imprimir_tabla  # noqa: E402

RONDAS = int(os.environ.get("DTI_BENCH_RONDAS", "5"))
DIRECTOR = {"DTI_USUARIO": "director", "DTI_CONTRASENA": "Director2026"}


def _preparar(ruta: Path) -> None:
    """La base de antes: catálogos de la demostración y la cuenta del Director (sin bienes)."""
    from app import base_datos
    from app.demo import carga
    from app.servicios.catalogos import catalogos, usuarios
    from app.servicios.nucleo import permisos

    base_datos.conectar(f"sqlite:///{ruta.as_posix()}")
    sistema = usuarios.usuario_sistema()
    deps = {siglas: catalogos.guardar_dependencia(sistema, nombre, siglas, ubicacion)
            for nombre, siglas, ubicacion in carga.DEPENDENCIAS}
    director = catalogos.guardar_servidor(sistema, "Miguel Ángel Mendoza López",
                                          "Director de Tecnologías de la Información", deps["DTI"])
    usuarios.crear_usuario(sistema, "director", "Miguel Ángel Mendoza López", permisos.DIRECTOR, "Director2026",
                           director)
    base_datos.cerrar()


def _correr_app(ruta: Path, bienes: int, datos: Path) -> tuple[float, float]:
    """(segundos de CPU, pico de memoria en MB) de ``dti demo --bienes N`` en su propio proceso."""
    entorno = {**os.environ, **DIRECTOR, "DTI_DATOS": str(datos), "PYTHONPATH": str(RAIZ),
               "QT_QPA_PLATFORM": "offscreen"}
    entorno.pop("DTI_DB_URL", None)
    proceso = subprocess.Popen([sys.executable, "-m", "app", "--db", f"sqlite:///{ruta.as_posix()}", "demo",
                                "--bienes", str(bienes)], cwd=RAIZ, env=entorno,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, estado, uso = os.wait4(proceso.pid, 0)
    salida, errores = proceso.stdout.read().decode(), proceso.stderr.read().decode()
    proceso.stdout.close()
    proceso.stderr.close()
    proceso.returncode = os.waitstatus_to_exitcode(estado)
    if proceso.returncode != 0:
        raise RuntimeError(f"dti demo falló ({proceso.returncode}): {(salida + errores).strip()[-800:]}")
    # El pico lo dice el propio proceso (VmHWM): ru_maxrss arrastraría el de este, que lo lanzó.
    pico = re.search(r"Pico de memoria del proceso: ([\d,.]+) MB", salida)
    return uso.ru_utime + uso.ru_stime, float(pico.group(1).replace(",", "")) if pico else uso.ru_maxrss / 1024


def _filas_nuevas(antes: Path, despues: Path) -> tuple[list[tuple[str, list[str], list[tuple]]],
                                                       list[tuple[str, list[str], list[tuple]]]]:
    """Lo que la app escribió: (inserciones por tabla, filas cambiadas por tabla) respecto a ``antes``."""
    viejo = sqlite3.connect(antes)
    nuevo = sqlite3.connect(despues)
    tablas = [t for (t,) in nuevo.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                          "'sqlite_%' AND name NOT LIKE 'fts_%' AND sql NOT LIKE '%VIRTUAL%'")]
    inserciones, cambios = [], []
    for tabla in tablas:
        columnas = [c[1] for c in nuevo.execute(f'PRAGMA table_info("{tabla}")')]
        if "id" not in columnas:
            continue
        maximo = viejo.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{tabla}"').fetchone()[0]
        lista = ", ".join(f'"{c}"' for c in columnas)
        filas = nuevo.execute(f'SELECT {lista} FROM "{tabla}" WHERE id > ? ORDER BY id', (maximo,)).fetchall()
        if filas:
            inserciones.append((tabla, columnas, filas))
        if tabla == "contador_folio":
            cambiadas = [f for f in nuevo.execute(f'SELECT {lista} FROM "{tabla}" WHERE id <= ?', (maximo,))
                         if f not in set(viejo.execute(f'SELECT {lista} FROM "{tabla}"'))]
            if cambiadas:
                cambios.append((tabla, columnas, cambiadas))
    viejo.close()
    nuevo.close()
    return inserciones, cambios


def _base(ruta: Path, inserciones, cambios) -> float:
    """Segundos de CPU de insertar (y actualizar) esas filas con sqlite3 solo, en una transacción."""
    conexion = sqlite3.connect(ruta, isolation_level=None)
    conexion.execute("PRAGMA journal_mode=wal")
    conexion.execute("PRAGMA synchronous=full")
    conexion.execute("PRAGMA foreign_keys=1")
    inicio = time.process_time()
    conexion.execute("BEGIN IMMEDIATE")
    for tabla, columnas, filas in inserciones:
        lista = ", ".join(f'"{c}"' for c in columnas)
        marcas = ", ".join("?" for _ in columnas)
        conexion.executemany(f'INSERT INTO "{tabla}" ({lista}) VALUES ({marcas})', filas)
    for tabla, columnas, filas in cambios:
        asignaciones = ", ".join(f'"{c}" = ?' for c in columnas if c != "id")
        conexion.executemany(f'UPDATE "{tabla}" SET {asignaciones} WHERE id = ?',
                             [tuple(v for c, v in zip(columnas, f) if c != "id") + (f[0],) for f in filas])
    conexion.execute("COMMIT")
    segundos = time.process_time() - inicio
    conexion.close()
    return segundos


def medir() -> list[dict]:
    bienes = bienes_bench()
    with tempfile.TemporaryDirectory(prefix="dti-bench-demo-") as temporal:
        carpeta = Path(temporal)
        datos = carpeta / "datos"
        os.environ["DTI_DATOS"] = str(datos)
        antes = carpeta / "antes.sqlite3"
        _preparar(antes)
        app_rondas, picos, base_rondas = [], [], []
        for ronda in range(RONDAS):
            ruta = carpeta / f"app-{ronda}.sqlite3"
            shutil.copyfile(antes, ruta)
            cpu, pico = _correr_app(ruta, bienes, datos)
            app_rondas.append(cpu)
            picos.append(pico)
            if ronda == 0:
                inserciones, cambios = _filas_nuevas(antes, ruta)
                filas = sum(len(f) for _, _, f in inserciones)
            destino = carpeta / f"base-{ronda}.sqlite3"
            shutil.copyfile(antes, destino)
            base_rondas.append(_base(destino, inserciones, cambios))
            for archivo in (ruta, destino):
                for sufijo in ("", "-wal", "-shm"):
                    Path(f"{archivo}{sufijo}").unlink(missing_ok=True)
    app_s, base_s = statistics.median(app_rondas), statistics.median(base_rondas)
    nota = (f"dti demo --bienes {bienes:,} (CPU del proceso, con el arranque; mediana de {RONDAS}) frente a "
            f"insertar sus {filas:,} filas con sqlite3 solo; pico de memoria {max(picos):,.0f} MB")
    return [figura("carga demo", app_s, base_s, nota=nota, pico_mb=round(max(picos), 1))]


if __name__ == "__main__":
    imprimir_tabla(medir())
