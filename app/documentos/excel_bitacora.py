"""Excel de la bitácora: quién, cuándo, qué registro y qué cambió, listo para imprimir.

Una hoja en modo write-only (no guarda las filas en memoria): título, filtro aplicado,
encabezados con autofiltro y paneles fijos. La fecha y hora es una fecha real de Excel (no
texto) y los cambios van uno por renglón dentro de su celda. El texto nunca se guarda como
fórmula (:func:`app.documentos.hoja_listado.celda_segura`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.documentos.hoja_listado import celda_segura
from app.documentos.impresion_excel import configurar_impresion

__all__ = ["COLUMNAS", "TITULO", "escribir_bitacora"]

TITULO = "Bitácora de cambios"
# (encabezado, ancho)
COLUMNAS: tuple[tuple[str, int], ...] = (
    ("Fecha y hora", 17), ("Persona", 28), ("Usuario", 12), ("Acción", 28), ("Módulo", 14),
    ("Registro", 34), ("Qué cambió", 70), ("Entrada", 9),
)
FILA_ENCABEZADO = 4
MAXIMO_CAMBIOS_EN_CELDA = 60


def _cambios(cambios: Iterable[Any]) -> str:
    lineas = [str(c) for c in cambios]
    if len(lineas) > MAXIMO_CAMBIOS_EN_CELDA:
        restantes = len(lineas) - MAXIMO_CAMBIOS_EN_CELDA
        lineas = lineas[:MAXIMO_CAMBIOS_EN_CELDA] + [f"… y {restantes} campos más"]
    return "\n".join(lineas)


def escribir_bitacora(ruta: str | Path, filas: Iterable[Mapping[str, Any]], filtro: str) -> int:
    """Escribe el libro en ``ruta`` con ``filas`` (las de ``consulta_bitacora.filas_legibles``).

    Devuelve cuántas entradas escribió.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Bitácora")
    for i, (_titulo, ancho) in enumerate(COLUMNAS, start=1):
        hoja.column_dimensions[get_column_letter(i)].width = ancho
    hoja.freeze_panes = f"A{FILA_ENCABEZADO + 1}"
    configurar_impresion(hoja, FILA_ENCABEZADO)
    hoja.append([celda_segura(hoja, TITULO, negrita=True)])
    hoja.append([celda_segura(hoja, "Filtro:", negrita=True), celda_segura(hoja, filtro)])
    hoja.append([])
    hoja.append([celda_segura(hoja, titulo, negrita=True) for titulo, _ancho in COLUMNAS])
    ajustar = Alignment(wrap_text=True, vertical="top")
    arriba = Alignment(vertical="top")
    cuantas = 0
    for fila in filas:
        valores = [fila["momento"], fila.get("persona", ""), fila["usuario"], fila["accion"],
                   fila.get("modulo", ""), fila.get("registro", ""), _cambios(fila.get("cambios", ())), fila["id"]]
        celdas = [celda_segura(hoja, v) for v in valores]
        for j, celda in enumerate(celdas):
            celda.alignment = ajustar if j == 6 else arriba
        hoja.append(celdas)
        cuantas += 1
    # En write-only el autofiltro se escribe al cerrar la hoja: ya se sabe hasta qué fila llega.
    hoja.auto_filter.ref = (f"A{FILA_ENCABEZADO}:{get_column_letter(len(COLUMNAS))}"
                            f"{FILA_ENCABEZADO + max(cuantas, 1)}")
    libro.save(str(ruta))
    return cuantas
