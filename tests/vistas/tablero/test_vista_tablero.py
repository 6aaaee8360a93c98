"""Pestaña «Tablero»: cifras, gráfica, exportación a Excel e informe mensual en PDF desde la interfaz."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pypdfium2 as pdfium
import pytest
from PySide6.QtGui import QColor

from app.servicios.mesa_ayuda import sla, tickets
from app.vistas.comun import comunes
from app.vistas.tablero import tablero as vista_tablero
from app.vistas.tablero.tablero import GUINDA, VistaTablero
from tests.ayudas_gui import Respuestas, mostrar
from tests.conftest import usuario
from tests.servicios.mesa_ayuda.test_tickets import _bien, _ticket
from tests.vistas.mesa_ayuda import test_vista_mesa_ayuda

pytestmark = pytest.mark.gui
base = test_vista_mesa_ayuda.base     # catálogos y usuarios, sin tickets de demostración


def abrir(qtbot, nombre: str) -> VistaTablero:
    vista = mostrar(qtbot, VistaTablero(usuario(nombre)), 1280, 800)
    esperar(qtbot, vista)
    return vista


def esperar(qtbot, vista: VistaTablero) -> None:
    """Las cifras se calculan en segundo plano: espera a que lleguen."""
    qtbot.waitUntil(lambda: not vista.cargando, timeout=20000)


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    return r


@pytest.fixture
def con_tickets(base, monkeypatch):
    bien = _bien("SMT-TIC-00444", marca="HP")
    monkeypatch.setenv("DTI_AHORA", "2026-09-15T10:00:00")
    viejo = _ticket(numero_inventario=bien.numero_inventario)
    tickets.atender(usuario("soporte"), viejo)
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T09:00:00")
    for prioridad in (sla.ALTA, sla.MEDIA, sla.BAJA):
        _ticket(numero_inventario=bien.numero_inventario, prioridad=prioridad)
    monkeypatch.setenv("DTI_AHORA", "2026-11-25T09:00:00")
    return bien


def test_muestra_cifras_y_grafica(con_tickets, qtbot):
    vista = abrir(qtbot, "director")
    assert vista.mes.currentData() == 11 and vista.anio.value() == 2026
    estado = vista.tarjetas["abiertos_estado"].tabla
    assert [(estado.item(i, 0).text(), estado.item(i, 1).text()) for i in range(3)] == [
        ("Nuevo", "3"), ("En atención", "1"), ("Escalado a proveedor", "0")]
    equipos = vista.tarjetas["equipos"].tabla
    assert equipos.item(0, 0).text() == "SMT-TIC-00444" and equipos.item(0, 4).text() == "3"
    assert "4 tickets abiertos" in vista.resumen.text()
    # La gráfica dibuja las barras de septiembre y noviembre en guinda.
    imagen = vista.grafica.grab().toImage()
    guindas = sum(1 for x in range(0, imagen.width(), 3) for y in range(0, imagen.height(), 3)
                  if QColor(imagen.pixel(x, y)) == GUINDA)
    assert guindas > 20
    vista.mes.setCurrentIndex(vista.mes.findData(9))
    assert vista.cargando and "Calculando" in vista.resumen.text()
    esperar(qtbot, vista)
    assert equipos.item(0, 4).text() == "1"
    vista.mes.setCurrentIndex(0)                                       # todo el año
    esperar(qtbot, vista)
    assert not vista.boton_informe.isEnabled()


def test_una_respuesta_vieja_no_pisa_la_nueva(con_tickets, qtbot):
    vista = abrir(qtbot, "director")
    vista.mes.setCurrentIndex(vista.mes.findData(9))
    vista.mes.setCurrentIndex(vista.mes.findData(11))        # el usuario cambia de mes antes de que llegue
    esperar(qtbot, vista)
    vista_tablero.esperar_calculos()
    qtbot.wait(50)
    assert vista.tarjetas["equipos"].tabla.item(0, 4).text() == "3"


def test_exportar_una_cifra_y_todo_a_excel(con_tickets, qtbot, respuestas, monkeypatch, tmp_path):
    vista = abrir(qtbot, "soporte")
    destino = tmp_path / "sla"
    monkeypatch.setattr(vista_tablero, "elegir_destino", lambda *_a: str(destino))
    vista.tarjetas["sla"].boton_excel.click()
    libro = openpyxl.load_workbook(tmp_path / "sla.xlsx")
    assert len(libro.sheetnames) == 1 and libro.active["A3"].value == "Respuesta"
    monkeypatch.setattr(vista_tablero, "elegir_destino", lambda *_a: str(tmp_path / "todo.xlsx"))
    vista.boton_todo.click()
    libro = openpyxl.load_workbook(tmp_path / "todo.xlsx")
    assert len(libro.sheetnames) == 7
    meses = libro["Tickets por mes (2026)"]
    assert meses["A11"].value == dt.datetime(2026, 9, 1) and meses["B13"].value == 3
    vista.boton_excel_meses.click()
    assert "Se guardó" in respuestas.texto()


def test_informe_mensual_pdf_desde_el_tablero(con_tickets, qtbot, respuestas, monkeypatch, tmp_path,
                                              impresiones_ofrecidas):
    vista = abrir(qtbot, "director")
    monkeypatch.setattr(vista_tablero, "elegir_destino", lambda *_a: str(tmp_path / "informe"))
    vista.boton_informe.click()
    contenido = (tmp_path / "informe.pdf").read_bytes()
    documento = pdfium.PdfDocument(contenido)
    texto = documento[0].get_textpage().get_text_range()
    assert "noviembre de 2026" in texto and "Tesorero Municipal" in texto
    # Guardado, lo dice y ofrece imprimirlo ahí mismo.
    assert impresiones_ofrecidas and impresiones_ofrecidas[0][0] == "Informe guardado"
    assert str(tmp_path / "informe.pdf") in impresiones_ofrecidas[0][1]


def test_consulta_no_exporta(con_tickets, qtbot):
    vista = abrir(qtbot, "consulta")
    assert not vista.boton_todo.isEnabled() and not vista.boton_informe.isEnabled()
    assert not vista.tarjetas["sla"].boton_excel.isEnabled()
