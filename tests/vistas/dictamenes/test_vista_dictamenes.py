"""Módulo «Dictámenes» usado como lo usaría Soporte Técnico; se comprueba lo que quedó en la base."""
from __future__ import annotations

import io

import openpyxl
import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.modelos import Bien, Dictamen, inventario as inv
from app.servicios.dictamenes import dictamenes
from app.vistas.comun import ayudas as dictamenes_comun, comunes
from app.vistas.dictamenes import dictamenes as vista_dictamenes
from app.vistas.dictamenes.dictamenes import VistaDictamenes
from app.vistas.dictamenes.dialogos import DialogoEvaluacion, DialogoSolicitudDictamen
from tests.ayudas_dictamenes import crear_bien
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch, tmp_path) -> Respuestas:
    r = Respuestas()
    r.motivo = "Luis Pérez, auxiliar de Tesorería"
    for modulo in (comunes, vista_dictamenes, dictamenes_comun):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_dictamenes, "confirmar", r.confirmar)
    monkeypatch.setattr(vista_dictamenes, "pedir_texto", lambda *_a, **_k: r.motivo)
    r.guardado = tmp_path / "salida"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, sugerido, _f: (str(r.guardado) + "-" + sugerido.split("/")[-1], "")))
    return r


def abrir(qtbot, nombre: str = "soporte", activar: bool = False) -> VistaDictamenes:
    return mostrar(qtbot, VistaDictamenes(usuario(nombre)), 1240, 720, activar)


def clic(qtbot, boton) -> None:
    assert boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, Qt.MouseButton.LeftButton)


def test_ciclo_completo_desde_la_pestana(demo_sqlite, qtbot, respuestas):
    crear_bien("SMT-TIC-00905", descripcion="Computadora de escritorio Dell OptiPlex 3080", marca="Dell",
               modelo="OptiPlex 3080", serie="DELL3080-905",
               caracteristicas_hardware="Intel Core i5-10505, 8 GB RAM DDR4, SSD 256 GB")
    vista = abrir(qtbot)
    assert vista.tabla.modelo.rowCount() == 4
    # 1. Nueva solicitud: bien por número de inventario y oficio recibido.
    clic(qtbot, vista.boton_nueva)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoSolicitudDictamen)
    teclear(qtbot, dialogo.bien, "SMT-TIC-00905")
    dialogo.bien.editingFinished.emit()
    assert "OptiPlex 3080" in dialogo.info_bien.text()
    dialogo.oficio.setCurrentIndex(1)
    dialogo.acordada.setChecked(True)
    teclear(qtbot, dialogo.acuerdo, "Se acordó con la Tesorería, ext. 201")
    with qtbot.waitSignal(dialogo.finished):
        clic(qtbot, dialogo.boton_guardar)
    d = vista.dictamen
    assert d is not None and d.bien.numero_inventario == "SMT-TIC-00905"
    assert d.estado == dictamenes.PROGRAMADO and d.acuerdo_telefonico.startswith("Se acordó con la Tesorería")
    assert vista.tabla.modelo.rowCount() == 5
    # 2. Recibir el equipo: el bien queda «En dictamen».
    clic(qtbot, vista.boton_recibir)
    d = Dictamen.get_by_id(d.id)
    assert d.estado == dictamenes.EN_REVISION and d.entregado_por == "Luis Pérez, auxiliar de Tesorería"
    assert Bien.get_by_id(d.bien_id).estado == inv.EN_DICTAMEN
    assert not vista.boton_emitir.isEnabled()
    # 3. Pruebas y resultado: criterios prellenados; reparable sin solución se rechaza sin cerrar.
    clic(qtbot, vista.boton_evaluar)
    evaluacion = vista.dialogo
    assert isinstance(evaluacion, DialogoEvaluacion)
    assert evaluacion.marca.text() == "Dell" and "i5-10505" in evaluacion.hardware.toPlainText()
    evaluacion.pruebas.setPlainText("Encendido: reinicios aleatorios.\nMemoria: un módulo defectuoso.")
    evaluacion.opciones[dictamenes.REPARABLE].setChecked(True)
    clic(qtbot, evaluacion.boton_guardar)
    assert evaluacion.isVisible() and "posible solución" in evaluacion.errores.text()
    evaluacion.solucion.setPlainText("Sustituir el módulo de memoria de 8 GB.")
    evaluacion.modelo.setText("OptiPlex 3080 SFF")
    with qtbot.waitSignal(evaluacion.finished):
        clic(qtbot, evaluacion.boton_guardar)
    d = Dictamen.get_by_id(d.id)
    assert (d.resultado, d.modelo) == (dictamenes.REPARABLE, "OptiPlex 3080 SFF")
    # 4. Emitir: folio, PDF firmado por el titular; el bien pasa a reparación.
    clic(qtbot, vista.boton_emitir)
    d = Dictamen.get_by_id(d.id)
    assert d.folio and d.estado == dictamenes.EMITIDO
    assert any(d.folio in m for _t, m in respuestas.avisos)
    assert Bien.get_by_id(d.bien_id).estado == inv.EN_REPARACION
    # 5. Guardar el PDF.
    clic(qtbot, vista.boton_guardar_pdf)
    guardado = next(respuestas.guardado.parent.glob("salida-*.pdf"))
    texto = "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(guardado.read_bytes()))
    assert d.folio in texto and "Sustituir el módulo de memoria" in texto and "Miguel Ángel Mendoza López" in texto
    assert vista.historial.count() == 3


def test_filtros_y_exportar_lo_listado(demo_sqlite, qtbot, respuestas):
    consulta = abrir(qtbot, "consulta")
    # La consulta ni captura, ni emite, ni exporta (su rol solo consulta).
    assert not any(b.isEnabled() for b in (consulta.boton_nueva, consulta.boton_emitir, consulta.boton_exportar))
    vista = abrir(qtbot, "asistente")
    vista.filtro_resultado.setCurrentIndex(vista.filtro_resultado.findData(dictamenes.NO_APTO))
    assert vista.tabla.modelo.rowCount() == 1
    assert vista.tabla.modelo.index(0, 5).data() == "No apto para operar"
    # El asistente captura y exporta, pero no emite (con folio emite la jefatura).
    assert vista.boton_nueva.isEnabled()
    clic(qtbot, vista.boton_exportar)
    archivo = next(respuestas.guardado.parent.glob("salida-*.xlsx"))
    filas = list(openpyxl.load_workbook(io.BytesIO(archivo.read_bytes())).active.iter_rows(values_only=True))
    assert filas[0][:3] == ("Folio", "Fecha", "No. inventario")
    assert len(filas) == 2 and filas[1][0].startswith("DTI/DT/") and filas[1][1].year >= 2026
    quitar = vista.filtro_resultado
    quitar.setCurrentIndex(0)
    qtbot.keyClicks(vista.tabla.busqueda, "lenovo")
    qtbot.waitUntil(lambda: vista.tabla.modelo.rowCount() == 1)


def test_atajo_nueva_solicitud_y_cancelar(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot, "soporte", activar=True)
    vista.tabla.vista.setFocus()
    qtbot.keyClick(vista.tabla.vista, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: vista.dialogo is not None)   # el atajo de un botón hace un clic animado
    assert isinstance(vista.dialogo, DialogoSolicitudDictamen)
    vista.dialogo.reject()
    # Cancelar el que está en revisión devuelve el bien a su estado.
    en_revision = next(f for f in dictamenes.consultar() if f["estado"] == dictamenes.EN_REVISION)
    vista.seleccionar(en_revision["id"])
    clic(qtbot, vista.boton_cancelar)
    assert Dictamen.get_by_id(en_revision["id"]).estado == dictamenes.CANCELADO
    assert Bien.get_by_id(en_revision["bien_id"]).estado == inv.EN_USO


def test_reprogramar_y_ver_pdf(demo_sqlite, qtbot, respuestas, monkeypatch):
    import datetime as dt

    from PySide6.QtCore import QDate, QDateTime, QTime

    from app.vistas.dictamenes.dialogos import DialogoProgramarRecepcion

    vista = abrir(qtbot)
    programado = next(f for f in dictamenes.consultar() if f["estado"] == dictamenes.PROGRAMADO)
    vista.seleccionar(programado["id"])
    clic(qtbot, vista.boton_programar)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoProgramarRecepcion)
    dialogo.recepcion.setDateTime(QDateTime(QDate(2026, 12, 3), QTime(12, 30)))
    dialogo.acuerdo.setText("Reprogramado a petición de Obras Públicas")
    with qtbot.waitSignal(dialogo.finished):
        clic(qtbot, dialogo.boton_guardar)
    assert Dictamen.get_by_id(programado["id"]).recepcion_acordada == dt.datetime(2026, 12, 3, 12, 30)
    abiertos = []
    monkeypatch.setattr(vista_dictamenes, "abrir_con_programa", lambda _p, nombre, datos: abiertos.append((nombre, datos)))
    emitido = next(f for f in dictamenes.consultar() if f["folio"])
    vista.seleccionar(emitido["id"])
    clic(qtbot, vista.boton_abrir_pdf)
    assert abiertos[0][0] == emitido["folio"].replace("/", "-") + ".pdf"
    assert abiertos[0][1] == bytes(Dictamen.get_by_id(emitido["id"]).pdf)
