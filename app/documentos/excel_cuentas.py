"""Excel de la lista de cuentas y solicitudes tal como se ve en la pestaña (openpyxl, modo write-only).

Las fechas van como fechas reales de Excel y ningún texto capturado se interpreta como fórmula.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

COLUMNAS = (
    ("Correo o aplicación", "tipo_texto", 28),
    ("Usuario o correo", "usuario", 36),
    ("Nombre completo", "nombre_completo", 34),
    ("Dependencia", "dependencia", 36),
    ("Correo alternativo", "correo_alternativo", 30),
    ("Estado", "estado_texto", 24),
    ("Alta o solicitud", "creado_en", 18),
    ("Último cambio de estado", "estado_cambiado_en", 20),
    ("Motivo o faltantes", "motivo", 50),
)


def texto_limpio(valor: str) -> str:
    """Sin caracteres de control (un «\\x0b» pegado desde Word rompe el archivo entero)."""
    return _CONTROL.sub("", valor)


def exportar_cuentas(filas: Sequence[dict[str, Any]], ruta: str | Path) -> Path:
    """Escribe ``filas`` (las de :func:`app.servicios.cuentas.cuentas.consultar`) en un XLSX; devuelve la ruta.

    Se escribe a un archivo temporal y se renombra: un archivo abierto en Excel no queda a medias.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    from app.documentos.impresion_excel import configurar_impresion

    destino = Path(ruta)
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Cuentas")
    configurar_impresion(hoja, fila_encabezado=1)
    for i, (_titulo, _clave, ancho) in enumerate(COLUMNAS):
        hoja.column_dimensions[chr(ord("A") + i)].width = ancho
    hoja.freeze_panes = "A2"
    hoja.auto_filter.ref = f"A1:{chr(ord('A') + len(COLUMNAS) - 1)}{max(len(filas) + 1, 1)}"
    negrita, fondo = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="5B2C6F")
    encabezado = []
    for titulo, _clave, _ancho in COLUMNAS:
        celda = WriteOnlyCell(hoja, titulo)
        celda.font, celda.fill = negrita, fondo
        celda.alignment = Alignment(vertical="center")
        encabezado.append(celda)
    hoja.append(encabezado)
    for fila in filas:
        renglon: list[Any] = []
        for _titulo, clave, _ancho in COLUMNAS:
            valor = fila.get(clave)
            if clave == "motivo":
                valor = fila.get("motivo_estado") or fila.get("faltantes") or ""
            if isinstance(valor, dt.datetime):
                celda = WriteOnlyCell(hoja, valor)
                celda.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(valor, dt.date):
                celda = WriteOnlyCell(hoja, valor)
                celda.number_format = "dd/mm/yyyy"
            else:
                celda = WriteOnlyCell(hoja, texto_limpio("" if valor is None else str(valor)))
                # Tipo cadena explícito: «=HYPERLINK(…)», «+1+1» o «@SUM(…)» se guardan como texto.
                celda.data_type = "s"
            renglon.append(celda)
        hoja.append(renglon)
    temporal = destino.with_name(destino.name + ".tmp")
    libro.save(temporal)
    temporal.replace(destino)
    return destino
