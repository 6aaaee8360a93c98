"""Todo libro de Excel que escribe la app sale listo para imprimir (una sola función compartida)."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

from openpyxl import load_workbook

from app.documentos import (excel_cuentas, excel_inventario, excel_tablero, hoja_listado,
                            levantamiento_excel, licencias_informe)
from app.documentos.impresion_excel import PIE_PAGINA


def _revisar(libro, filas_titulo: dict[str, str | None]) -> None:
    """Cada hoja: horizontal, ajustada al ancho, filas de encabezado repetidas y «Página &P de &N»."""
    assert set(filas_titulo) <= set(libro.sheetnames)
    for hoja in libro.worksheets:
        assert hoja.page_setup.orientation == "landscape", hoja.title
        assert hoja.sheet_properties.pageSetUpPr.fitToPage, hoja.title
        assert int(hoja.page_setup.fitToWidth) == 1 and int(hoja.page_setup.fitToHeight) == 0, hoja.title
        assert "&P" in hoja.oddFooter.center.text and "&N" in hoja.oddFooter.center.text, hoja.title
        assert hoja.oddFooter.center.text == PIE_PAGINA
        if hoja.title in filas_titulo:
            assert hoja.print_title_rows == filas_titulo[hoja.title], hoja.title


def test_libro_del_inventario_y_listas(tmp_path):
    ruta = tmp_path / "lista.xlsx"
    excel_inventario.escribir_lista(ruta, "Bienes", [excel_inventario.ColumnaExcel("Número")],
                                    [("SMT-1",)], titulo=("Bienes", "Municipio", "Al hoy"))
    _revisar(load_workbook(ruta), {"Bienes": "$5:$5"})


def test_hoja_listado_y_licencias():
    contenido = hoja_listado.libro_listado("Listado", ("A", "B"), [("x", Decimal("1.50"))])
    _revisar(load_workbook(io.BytesIO(contenido)), {"Listado": "$1:$1"})
    informe = {"resumen": {"licencias": 0, "asientos": 0, "asignados": 0, "sobreasignadas": 0,
                           "por_vencer": 0, "vencidas": 0, "costo_total": Decimal("0")},
               "fecha": dt.date(2026, 11, 26), "dias": 30, "filas": []}
    libro = load_workbook(io.BytesIO(licencias_informe.informe_excel(informe, "Municipio")))
    _revisar(libro, {"Licencias": "$6:$6", "Resumen": "$1:$1"})


def test_tablero_cuentas_y_levantamiento(tmp_path):
    cifra = SimpleNamespace(titulo="Tickets por mes", encabezados=["Mes", "Tickets"],
                            formatos=["mes", "entero"], filas=[[dt.date(2026, 1, 1), 3]])
    ruta = excel_tablero.escribir_libro([cifra], tmp_path / "tablero.xlsx")
    _revisar(load_workbook(ruta), {"Tickets por mes": "$2:$2"})

    ruta = excel_cuentas.exportar_cuentas([], tmp_path / "cuentas.xlsx")
    _revisar(load_workbook(ruta), {"Cuentas": "$1:$1"})

    informe = SimpleNamespace(levantamiento_id=1, ambito="Palacio Municipal",
                              iniciado_en="2026-11-02T09:00:00", cerrado_en="", esperados=0,
                              encontrados=[], faltantes=[], mal_ubicados=[], sobrantes=[])
    ruta = levantamiento_excel.escribir_informe_excel(informe, tmp_path / "levantamiento.xlsx")
    _revisar(load_workbook(ruta or tmp_path / "levantamiento.xlsx"), {"Faltantes": "$1:$1"})
