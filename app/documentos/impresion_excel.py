"""Configuración de impresión común a todos los libros de Excel que escribe la app.

Cada hoja se imprime en horizontal, ajustada al ancho de la página (las páginas que haga
falta hacia abajo), con las filas de encabezado repetidas en cada página y «Página N de M»
en el pie.

Funciona en el modo *write-only* de openpyxl (``WriteOnlyWorksheet`` tiene ``page_setup``,
``sheet_properties``, ``print_title_rows`` y ``oddFooter``). Llámese **antes de escribir la
primera fila**: en ese modo las propiedades de la hoja (``sheetPr``, donde va «ajustar a la
página») se escriben al empezar el flujo de filas.
"""
from __future__ import annotations

from typing import Any

__all__ = ["PIE_PAGINA", "configurar_impresion"]

PIE_PAGINA = "Página &P de &N"


def configurar_impresion(hoja: Any, fila_encabezado: int | None = 1,
                         desde_fila: int | None = None) -> None:
    """Deja lista la impresión de ``hoja`` (normal o write-only).

    ``fila_encabezado``: última fila que se repite arriba de cada página (la de los títulos de
    columna); ``desde_fila``: primera fila repetida (por omisión, la misma ``fila_encabezado``).
    Con ``fila_encabezado=None`` no se repite ninguna fila.
    """
    configuracion = hoja.page_setup
    configuracion.orientation = "landscape"
    configuracion.paperSize = 1 if configuracion.paperSize is None else configuracion.paperSize  # carta
    configuracion.fitToWidth = 1
    configuracion.fitToHeight = 0          # 0: tantas páginas hacia abajo como haga falta
    propiedades = hoja.sheet_properties
    if propiedades.pageSetUpPr is None:
        from openpyxl.worksheet.properties import PageSetupProperties

        propiedades.pageSetUpPr = PageSetupProperties()
    propiedades.pageSetUpPr.fitToPage = True
    if fila_encabezado:
        primera = desde_fila or fila_encabezado
        hoja.print_title_rows = f"{primera}:{fila_encabezado}"
    hoja.oddFooter.center.text = PIE_PAGINA
    hoja.oddFooter.center.size = 8
