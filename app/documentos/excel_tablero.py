"""Exportación de las cifras del tablero a Excel (openpyxl en modo de solo escritura).

Números y fechas se escriben como valores reales con formato; el texto que vino
del usuario nunca se guarda como fórmula (``=``, ``+``, ``-``, ``@``) y se le
quitan los caracteres de control que romperían el archivo.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMATOS = {"entero": "#,##0", "horas": "#,##0.00", "porcentaje": "0.0%", "fecha": "dd/mm/yyyy",
             "mes": "mm/yyyy", "fecha_hora": "dd/mm/yyyy hh:mm"}
_ANCHOS = {"texto": 38, "entero": 12, "horas": 16, "porcentaje": 14, "fecha": 12, "mes": 12,
           "fecha_hora": 17}


def _hoja_valida(titulo: str, usados: set[str]) -> str:
    nombre = re.sub(r"[\[\]:*?/\\]", " ", titulo)[:31].strip() or "Hoja"
    base, n = nombre, 2
    while nombre.lower() in usados:
        sufijo = f" ({n})"
        nombre, n = base[:31 - len(sufijo)] + sufijo, n + 1
    usados.add(nombre.lower())
    return nombre


def celda(hoja, valor: Any, formato: str = "texto"):
    """Una celda de solo escritura con el tipo correcto (el texto nunca es fórmula)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(valor, str):
        valor = _CONTROL.sub("", valor)
        c = WriteOnlyCell(hoja, value=valor)
        c.data_type = "s"           # «=HYPERLINK(...)» queda como texto literal
        return c
    c = WriteOnlyCell(hoja, value=valor)
    if isinstance(valor, (int, float, dt.date)) and formato in _FORMATOS:
        c.number_format = _FORMATOS[formato]
    return c


def escribir_libro(cifras: list, ruta: str | Path) -> Path:
    """Escribe un libro con una hoja por cifra (título, encabezados en negrita, filtros)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from app.documentos.impresion_excel import configurar_impresion

    libro = Workbook(write_only=True)
    usados: set[str] = set()
    negrita = Font(bold=True)
    for cifra in cifras:
        hoja = libro.create_sheet(_hoja_valida(cifra.titulo, usados))
        configurar_impresion(hoja, fila_encabezado=2)
        formatos = cifra.formatos or ["texto"] * len(cifra.encabezados)
        for i, formato in enumerate(formatos, start=1):
            hoja.column_dimensions[get_column_letter(i)].width = _ANCHOS.get(formato, 20)
        titulo = celda(hoja, cifra.titulo)
        titulo.font = Font(bold=True, size=13)
        hoja.append([titulo])
        encabezados = []
        for texto in cifra.encabezados:
            c = celda(hoja, texto)
            c.font = negrita
            encabezados.append(c)
        hoja.append(encabezados)
        for fila in cifra.filas:
            hoja.append([celda(hoja, v, formatos[i] if i < len(formatos) else "texto")
                         for i, v in enumerate(fila)])
        ultima = get_column_letter(len(cifra.encabezados))
        hoja.auto_filter.ref = f"A2:{ultima}{len(cifra.filas) + 2}"
        hoja.freeze_panes = "A3"
    ruta = Path(ruta)
    libro.save(ruta)
    return ruta
