"""Medida «busqueda escala»: la búsqueda al teclear no crece con la base (issue 19, punto 1).

Una pulsación es lo que hace el hilo de búsqueda del inventario: contar (acotado) y traer el
primer bloque de 200 filas por el servicio, para cada prefijo de seis búsquedas escritas letra
por letra (número, marca y modelo, serie, resguardante…). Se mide con **tiempo de CPU** del
proceso (``time.process_time``: la máquina puede estar compartida) y la mediana de
:data:`RONDAS` rondas.

- ``app_s``: segundos de CPU por pulsación con la base grande (200,000 bienes por omisión);
- ``base_s``: lo mismo con la base chica (un vigésimo: 10,000);
- ``razon`` = grande ÷ chica (meta ≤ 1.5).

El tamaño grande sale de ``DTI_BENCH_BUSQUEDA_BIENES`` (o de ``DTI_BENCH_BIENES`` si es menor:
las pruebas del corredor usan pocos bienes). Se carga la chica, se mide, se agregan los bienes que
faltan a la misma base y se vuelve a medir. Las figuras aparte dan la pulsación con el ``LIKE`` de
antes (conteo y bloque por recorrido completo) en la base grande, como referencia.
"""
from __future__ import annotations

import os
import statistics
import time

from comun import bienes_bench, carpeta_temporal, figura, imprimir_tabla, preparar_entorno

TEXTOS = ("smt-tic-0123", "hp prodesk", "lenovo", "mxl00", "garcia", "switch cisco")
RONDAS = 5
GRANDE_POR_OMISION = 200_000


def _grande() -> int:
    valor = os.environ.get("DTI_BENCH_BUSQUEDA_BIENES", "").strip().replace(",", "").replace("_", "")
    grande = int(valor) if valor else GRANDE_POR_OMISION
    if os.environ.get("DTI_BENCH_BIENES"):
        grande = min(grande, bienes_bench())
    return max(grande, 40)


def _pulsaciones() -> list[str]:
    return [texto[:largo] for texto in TEXTOS for largo in range(1, len(texto) + 1)]


def _ronda(buscar, pulsaciones: list[str]) -> float:
    """Segundos de CPU por pulsación de una ronda completa."""
    inicio = time.process_time()
    for texto in pulsaciones:
        buscar(texto)
    return (time.process_time() - inicio) / len(pulsaciones)


def _con_servicio(texto: str) -> None:
    from app.servicios.inventario import inventario

    if inventario.contar(texto):
        inventario.consultar(texto, limite=200)


def _con_like_de_antes(texto: str) -> None:
    """La consulta de antes: conteo completo y primer bloque con LIKE en cada palabra."""
    from app.base_datos import bd
    from app.servicios.nucleo.validacion import normalizar

    palabras = normalizar(texto).split()
    donde = "(" + " AND ".join("busqueda LIKE ?" for _ in palabras) + ") OR numero_inventario LIKE ?"
    parametros = [f"%{p}%" for p in palabras] + [f"{texto.strip().upper()}%"]
    if bd.execute_sql(f"SELECT COUNT(id) FROM bien WHERE {donde}", parametros).fetchone()[0]:
        bd.execute_sql(f"SELECT id FROM bien WHERE {donde} ORDER BY numero_inventario LIMIT 200",
                       parametros).fetchall()


def _mediana(buscar, pulsaciones: list[str]) -> float:
    _ronda(buscar, pulsaciones)                       # calienta la caché de páginas
    return statistics.median(_ronda(buscar, pulsaciones) for _ in range(RONDAS))


def medir() -> list[dict]:
    carpeta = carpeta_temporal("busqueda")
    preparar_entorno(carpeta)
    from app import base_datos
    from app.demo import carga as demo
    from app.demo.inventario import cargar_bienes
    from app.modelos import Bien

    grande = _grande()
    chica = max(grande // 20, 10)
    base_datos.conectar(f"sqlite:///{(carpeta / 'busqueda.sqlite3').as_posix()}")
    demo.cargar_demo()
    cargar_bienes(chica - Bien.select().count())
    pulsaciones = _pulsaciones()
    t_chica = _mediana(_con_servicio, pulsaciones)
    cargar_bienes(grande - Bien.select().count())
    total = Bien.select().count()
    t_grande = _mediana(_con_servicio, pulsaciones)
    t_like = _mediana(_con_like_de_antes, pulsaciones)
    base_datos.cerrar()
    return [
        figura("busqueda escala", t_grande, t_chica,
               nota=f"CPU por pulsación ({len(pulsaciones)} pulsaciones, mediana de {RONDAS} rondas): "
                    f"{t_grande * 1000:.2f} ms con {total:,} bienes ÷ {t_chica * 1000:.2f} ms con {chica:,}"),
        figura(f"busqueda: pulsación con el LIKE de antes ({total:,} bienes)", t_like, t_grande,
               nota="base_s: la pulsación con el índice; razón = cuántas veces más costaba antes"),
    ]


if __name__ == "__main__":
    imprimir_tabla(medir())
