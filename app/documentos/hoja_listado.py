"""Excel de «lo listado» en una tabla (y base de los informes): openpyxl en modo write-only.

Fechas y montos se escriben con su tipo y formato reales; el texto del usuario nunca se guarda
como fórmula (``=HYPERLINK(...)``, ``+1+1``, ``@SUM``) y se le quitan los caracteres de control
que rompen el archivo (``\\x0b`` pegado desde Word).
"""
from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["libro_listado", "celda_segura", "FORMATO_FECHA", "FORMATO_FECHA_HORA", "FORMATO_MONEDA"]

FORMATO_FECHA = "dd/mm/yyyy"
FORMATO_FECHA_HORA = "dd/mm/yyyy hh:mm"
FORMATO_MONEDA = '"$"#,##0.00'
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAXIMO_CELDA = 32767


def celda_segura(hoja, valor: Any, negrita: bool = False):
    """Una celda write-only con el tipo correcto; el texto siempre como texto."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if isinstance(valor, str):
        valor = _CONTROL.sub("", valor)[:MAXIMO_CELDA]
    elif isinstance(valor, bool):
        valor = "Sí" if valor else "No"
    celda = WriteOnlyCell(hoja, value=valor)
    if isinstance(valor, str):
        celda.data_type = "s"        # nunca fórmula, aunque empiece con «=»
    elif isinstance(valor, dt.datetime):
        celda.number_format = FORMATO_FECHA_HORA
    elif isinstance(valor, dt.date):
        celda.number_format = FORMATO_FECHA
    elif isinstance(valor, Decimal):
        celda.number_format = FORMATO_MONEDA
    if negrita:
        celda.font = Font(bold=True)
    return celda


def agregar_hoja(libro, titulo: str, encabezados: Sequence[str], filas: Iterable[Sequence[Any]],
                 anchos: Sequence[int] | None = None, antes: Sequence[Sequence[Any]] = ()) -> None:
    """Hoja con renglones previos opcionales (título), encabezados en negrita, filtros y paneles fijos."""
    from openpyxl.utils import get_column_letter

    from app.documentos.impresion_excel import configurar_impresion

    hoja = libro.create_sheet(re.sub(r"[\[\]:*?/\\]", "-", titulo)[:31] or "Hoja")
    for i, ancho in enumerate(anchos or [18] * len(encabezados), start=1):
        hoja.column_dimensions[get_column_letter(i)].width = ancho
    fila_encabezado = len(antes) + 1
    hoja.freeze_panes = f"A{fila_encabezado + 1}"
    configurar_impresion(hoja, fila_encabezado if encabezados else None)
    total = 0
    renglones = []
    for fila in filas:
        renglones.append(fila)
        total += 1
    if encabezados:
        hoja.auto_filter.ref = (f"A{fila_encabezado}:{get_column_letter(len(encabezados))}"
                                f"{fila_encabezado + max(total, 1)}")
    for renglon in antes:
        hoja.append([celda_segura(hoja, v, negrita=(j == 0)) for j, v in enumerate(renglon)])
    hoja.append([celda_segura(hoja, t, negrita=True) for t in encabezados])
    for fila in renglones:
        hoja.append([celda_segura(hoja, v) for v in fila])


def libro_listado(titulo: str, encabezados: Sequence[str], filas: Iterable[Sequence[Any]],
                  anchos: Sequence[int] | None = None) -> bytes:
    """Un libro de una hoja con ``filas`` bajo ``encabezados``; devuelve los bytes del XLSX."""
    from openpyxl import Workbook

    libro = Workbook(write_only=True)
    agregar_hoja(libro, titulo, encabezados, filas, anchos)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()
