"""Medida «desplazamiento escala»: el último bloque de 200,000 bienes ordenados por dependencia ÷ el primero.

Paginación por llave (issue 19, punto 2): cada bloque se pide con la llave de la última fila vista
(``WHERE (orden, id) > (…)``), así que el bloque 1,000 cuesta lo que el primero, también ordenado
por una columna de otra tabla (la dependencia). La medida recorre la lista entera con el modelo de
la tabla (``ModeloBienes``, como al desplazarse hasta el final: la memoria queda plana) y luego
cronometra, en tiempo de CPU (la máquina puede estar compartida), la mediana de 7 lecturas del
primer bloque y del último bloque lleno.

- ``app_s``: el último bloque (200 filas); ``base_s``: el primero; ``razon``: último ÷ primero (meta ≤ 2).
- Filas aparte: lo mismo por resguardante, y la nota con lo que costaba el último bloque con ``OFFSET``.

Tamaño: ``DTI_BENCH_DESPLAZAMIENTO`` (200,000 por omisión). La base va en una carpeta temporal.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DTI_DATOS", tempfile.mkdtemp(prefix="dti-bench-"))

RONDAS = 7
BLOQUE = 200


def _cpu(funcion, rondas: int = RONDAS) -> float:
    """Mediana del tiempo de CPU del proceso de ``rondas`` corridas de ``funcion()``."""
    tiempos = []
    for _ in range(rondas):
        inicio = time.process_time()
        funcion()
        tiempos.append(time.process_time() - inicio)
    return statistics.median(tiempos)


def _figura(medida: str, app_s: float, base_s: float, **extra) -> dict:
    return {"medida": medida, "app_s": app_s, "base_s": base_s, "razon": app_s / base_s if base_s else None,
            **extra}


def _recorrer(orden: str):
    """Recorre la lista completa con el modelo de la tabla; devuelve (llave del último bloque lleno,
    filas recorridas, máximo de filas en memoria)."""
    from app.servicios.inventario import inventario
    from app.vistas.inventario.inventario import COLUMNAS
    from app.vistas.inventario.modelo import ModeloBienes

    modelo = ModeloBienes(COLUMNAS, inventario.consultar, inventario.contar, orden=orden, bloque=BLOQUE)
    modelo.cargar({})
    maximo = modelo.en_memoria
    while modelo.canFetchMore():
        modelo.fetchMore()
        modelo.index(modelo.rowCount() - 1, 0).data()        # lo que pinta la vista al llegar al final
        maximo = max(maximo, modelo.en_memoria)
    bloques = [b for b in modelo._bloques if b.n == BLOQUE]
    return bloques[-1].inicio, modelo.rowCount(), maximo


def _por(orden: str, total: int) -> tuple[dict, str]:
    from app.servicios.inventario import inventario

    inicio_ultimo, filas, maximo = _recorrer(orden)
    assert filas == total, (filas, total)
    primero = _cpu(lambda: inventario.consultar(limite=BLOQUE, orden=orden))
    ultimo = _cpu(lambda: inventario.consultar(despues=inicio_ultimo, limite=BLOQUE, orden=orden))
    assert len(inventario.consultar(despues=inicio_ultimo, limite=BLOQUE, orden=orden)) == BLOQUE
    return _figura("desplazamiento escala" if orden == "dependencia" else
                   f"desplazamiento escala: por {orden} ({total:,} bienes)", ultimo, primero), \
        f"{filas:,} filas recorridas con a lo más {maximo:,} en memoria"


def _offset(base, total: int) -> float:
    """Lo de antes: el último bloque con ORDER BY de la tabla unida y OFFSET (una sola vez: es lento)."""
    inicio = time.process_time()
    base.execute_sql(
        "SELECT b.id, b.numero_inventario, d.nombre FROM bien b JOIN tipo_bien t ON t.id = b.tipo_id "
        "LEFT JOIN dependencia d ON d.id = b.dependencia_id LEFT JOIN servidor_publico s ON s.id = b.resguardante_id "
        f"ORDER BY d.nombre, b.id LIMIT {BLOQUE} OFFSET {max(0, total - BLOQUE)}").fetchall()
    return time.process_time() - inicio


def medir() -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from app import base_datos
    from app.demo import carga as demo
    from app.demo.inventario import cargar_bienes
    from app.modelos import Bien

    total = int(os.environ.get("DTI_BENCH_DESPLAZAMIENTO") or 200_000)
    carpeta = Path(tempfile.mkdtemp(prefix="dti-bench-desplazamiento-"))
    base = base_datos.conectar(f"sqlite:///{(carpeta / 'desplazamiento.sqlite3').as_posix()}")
    demo.cargar_demo()
    cargar_bienes(max(0, total - Bien.select().count()))
    total = Bien.select().count()
    QApplication.instance() or QApplication([])
    figuras = []
    for orden in ("dependencia", "resguardante"):
        figura, nota = _por(orden, total)
        figura["nota"] = nota
        figuras.append(figura)
    antes = _offset(base, total)
    figuras[0]["nota"] += f"; con OFFSET el último bloque costaba {antes:.3f} s de CPU"
    base_datos.cerrar()
    return figuras


if __name__ == "__main__":
    from comun import imprimir_tabla

    imprimir_tabla(medir())
