"""Pestaña «Videovigilancia» usada como la usaría Redes de Transporte; se comprueba lo que quedó en la base."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QFileDialog

from app.modelos import Mantenimiento, Oficio, SolicitudGrabacion, Visualizacion
from app.modelos.videovigilancia import CITADA, DENEGADA, VISTA
from app.servicios.videovigilancia import solicitudes
from app.vistas.comun import ayudas, comunes
from app.vistas.videovigilancia import dialogos as dialogos_video, videovigilancia as vista_video
from app.vistas.videovigilancia.dialogos import DialogoMonitoreo, DialogoSolicitud, DialogoVisualizacion
from app.vistas.videovigilancia.videovigilancia import VistaVideovigilancia
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.servicios.videovigilancia.ayudas import crear_base, oficio

pytestmark = pytest.mark.gui
HOY = dt.date(2026, 11, 18)


@pytest.fixture
def base(bd_sqlite):
    return crear_base()


@pytest.fixture
def respuestas(monkeypatch, tmp_path):
    r = Respuestas()
    for modulo in (comunes, vista_video, dialogos_video, ayudas):
        if hasattr(modulo, "avisar"):
            monkeypatch.setattr(modulo, "avisar", r.avisar)
        if hasattr(modulo, "confirmar"):
            monkeypatch.setattr(modulo, "confirmar", r.confirmar)
    r.carpeta = tmp_path
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, sugerido, _f: (str(tmp_path / sugerido.split("/")[-1]), "")))
    return r


def _abrir(qtbot, base, quien: str = "redes") -> VistaVideovigilancia:
    return mostrar(qtbot, VistaVideovigilancia(getattr(base, quien)), 1366, 700)


def _clic(qtbot, boton) -> None:
    assert boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, Qt.MouseButton.LeftButton)


def _solicitudes(base) -> tuple[SolicitudGrabacion, SolicitudGrabacion]:
    negada = solicitudes.solicitar(base.redes, camara=base.nave, oficio=oficio(base, "SM/1/2026"),
                                   fecha=HOY - dt.timedelta(40)).solicitud
    citada = solicitudes.solicitar(base.redes, camara=base.acceso, oficio=oficio(base, "SM/2/2026"),
                                   fecha=HOY - dt.timedelta(2)).solicitud
    return negada, citada


def test_tabla_filtra_ordena_y_el_detalle_muestra_la_decision(base, qtbot, respuestas):
    negada, citada = _solicitudes(base)
    vista = _abrir(qtbot, base)
    assert vista.tabla.modelo.rowCount() == 2
    vista.seleccionar(negada.id)
    assert vista.campos["estado"].text() == "Denegada" and "conserva 15 días" in vista.campos["razon"].text()
    assert vista.campos["negativa"].text() == Oficio.get_by_id(negada.oficio_respuesta_id).folio
    assert vista.boton_negativa.isEnabled() and not vista.boton_visualizacion.isEnabled()
    vista.seleccionar(citada.id)
    assert vista.campos["cita"].text().startswith("18/11/2026 11:00") and vista.boton_visualizacion.isEnabled()
    teclear(qtbot, vista.tabla.busqueda, "denegada")
    qtbot.waitUntil(lambda: vista.tabla.modelo.rowCount() == 1)
    assert vista.tabla.modelo.index(0, 1).data() == "Mercado – Nave central"
    vista.tabla.busqueda.clear()
    qtbot.waitUntil(lambda: vista.tabla.modelo.rowCount() == 2)
    vista.tabla.vista.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [vista.tabla.modelo.index(f, 1).data() for f in range(2)] == ["Mercado – Nave central",
                                                                         "Palacio – Acceso principal"]


def test_exportar_a_excel_con_fechas_reales(base, qtbot, respuestas):
    _solicitudes(base)
    vista = _abrir(qtbot, base)
    _clic(qtbot, vista.boton_exportar)
    hoja = openpyxl.load_workbook(io.BytesIO((respuestas.carpeta / "solicitudes-grabacion.xlsx").read_bytes())).active
    filas = list(hoja.iter_rows(values_only=True))
    encabezado = filas.index(next(f for f in filas if f and f[0] == "Recibida"))
    datos = filas[encabezado + 1:]
    assert len(datos) == 2 and isinstance(datos[0][2], dt.datetime)
    assert {f[6] for f in datos} == {"Denegada", "Cita agendada"}


def test_dialogo_de_solicitud_niega_con_confirmacion_y_oficio(base, qtbot, respuestas):
    entrante = oficio(base, "SM/9/2026")
    dialogo = DialogoSolicitud(base.redes, oficio_id=entrante.id)
    qtbot.addWidget(dialogo)
    dialogo.camara.setCurrentIndex(dialogo.camara.findData(base.acceso.id))
    dialogo.fecha.setDate(QDate(2026, 9, 1))
    assert "Fuera de la retención" in dialogo.prevision.text()
    respuestas.si = False                          # el usuario desiste: nada se escribe
    dialogo.guardar()
    assert SolicitudGrabacion.select().count() == 0 and dialogo.result() == 0
    respuestas.si = True
    dialogo.guardar()
    solicitud = SolicitudGrabacion.get()
    assert solicitud.estado == DENEGADA and solicitud.oficio_respuesta.en_respuesta_a_id == entrante.id
    assert "oficio que niega" in respuestas.preguntas[0]


def test_dialogo_de_solicitud_rechaza_horario_al_reves_sin_escribir(base, qtbot, respuestas):
    dialogo = DialogoSolicitud(base.redes, oficio_id=oficio(base).id)
    qtbot.addWidget(dialogo)
    dialogo.camara.setCurrentIndex(dialogo.camara.findData(base.acceso.id))
    dialogo.desde.setTime(QTime(15, 0))
    dialogo.hasta.setTime(QTime(9, 0))
    dialogo.guardar()
    assert "termina (09:00) antes de empezar (15:00)" in dialogo.errores.text()
    assert SolicitudGrabacion.select().count() == 0


def test_visualizacion_y_correccion_desde_la_pestana(base, qtbot, respuestas):
    _negada, citada = _solicitudes(base)
    vista = _abrir(qtbot, base)
    vista.seleccionar(citada.id)
    dialogo = DialogoVisualizacion(base.redes, citada.id)
    qtbot.addWidget(dialogo)
    dialogo.asistentes.setPlainText("Síndica Municipal")
    dialogo.contenido.setPlainText("Acceso principal de 10:00 a 11:00.")
    dialogo.guardar()
    assert SolicitudGrabacion.get_by_id(citada.id).estado == VISTA
    vista.seleccionar(citada.id)
    assert vista.visualizaciones.count() == 1 and not vista.boton_visualizacion.isEnabled()
    vista.visualizaciones.setCurrentRow(0)
    assert vista.boton_corregir.isEnabled()
    correccion = DialogoVisualizacion(base.redes, citada.id, corrige_id=Visualizacion.get().id)
    qtbot.addWidget(correccion)
    correccion.asistentes.setPlainText("Síndica Municipal y su asesor")
    correccion.contenido.setPlainText("Corrige: también estuvo el asesor.")
    correccion.guardar()
    assert Visualizacion.select().count() == 2


def test_monitoreo_con_falla_abre_mantenimiento(base, qtbot, respuestas):
    dialogo = DialogoMonitoreo(base.redes)
    qtbot.addWidget(dialogo)
    dialogo.resultado_combo.setCurrentIndex(dialogo.resultado_combo.findData("falla"))
    dialogo.grabador.setCurrentIndex(dialogo.grabador.findData(base.mercado.id))
    dialogo.descripcion.setPlainText("El DVR no graba desde las 03:00.")
    dialogo.guardar()
    assert Mantenimiento.select().where(Mantenimiento.clase == "correctivo").count() == 1
    vista = _abrir(qtbot, base)
    assert vista.tabla_monitoreo.modelo.rowCount() == 1


def test_consulta_no_registra_y_mostrar_expediente(base, qtbot, respuestas):
    _negada, citada = _solicitudes(base)
    vista = _abrir(qtbot, base, "consulta")
    for b in (vista.boton_solicitud, vista.boton_monitoreo, vista.boton_grabador, vista.boton_visualizacion):
        assert not b.isEnabled()
    vista.mostrar_expediente(SolicitudGrabacion.get_by_id(citada.id).expediente_id)
    assert vista.tabla.id_actual() == citada.id and SolicitudGrabacion.get_by_id(citada.id).estado == CITADA
