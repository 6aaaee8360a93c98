"""La pestaña «Mantenimiento» muestra el trámite de cada mantenimiento y abre un caso desde su trámite."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QTime, Qt

from app.modelos import Mantenimiento, Tramite
from app.servicios.catalogos import catalogos
from app.servicios.mantenimiento import mantenimiento as servicio
from app.servicios.oficios import oficios
from app.vistas.comun import comunes
from app.vistas.mantenimiento import respuestas as preguntas
from app.vistas.mantenimiento.dialogos import DialogoProgramar
from app.vistas.mantenimiento.mantenimiento import VistaMantenimiento
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def reloj(monkeypatch):
    """Hoy es el viernes 20 de noviembre de 2026, 10:00 (hora de México), y el reloj no anda."""
    monkeypatch.setenv("DTI_AHORA", "2026-11-20T10:00:00")


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(preguntas, "avisar", r.avisar)
    monkeypatch.setattr(preguntas, "confirmar", r.confirmar)
    monkeypatch.setattr(preguntas, "pedir_motivo", r.pedir_motivo)
    return r


def test_el_detalle_dice_el_tramite_y_su_paso_y_se_abre_desde_el_tramite(demo_sqlite, qtbot, respuestas):
    registro = servicio.programar(usuario("soporte"), dispositivo=servicio.dispositivo_por_nombre("SW-NÚCLEO-PALACIO"),
                                  inicio=dt.datetime(2026, 11, 24, 18, 0), duracion_min=60, procedimiento=7,
                                  clase=servicio.CORRECTIVO, descripcion="Puerto 3 sin enlace.")
    vista = mostrar(qtbot, VistaMantenimiento(usuario("soporte")), 1280, 760)
    tramite = Tramite.get_by_id(registro.expediente_id)
    vista.mostrar_expediente(tramite.id)
    detalle = vista.lista.detalle
    assert vista.pestanas.currentWidget() is vista.lista and detalle.mantenimiento.id == registro.id
    assert detalle.campos["tramite"].text() == (f"{tramite.numero} · Paso 3: Se realiza mantenimiento correctivo "
                                                "de acuerdo con la falla que presente el servidor y/o redes.")
    respuestas.motivo = "Se cambió la fuente de poder."
    qtbot.mouseClick(detalle.boton_realizado, Qt.MouseButton.LeftButton)
    assert detalle.campos["tramite"].text() == f"{tramite.numero} · Paso 7: ¿Funcionan correctamente los " \
                                               "servidores y/o redes?"
    assert Tramite.get_by_id(tramite.id).paso_actual == "7"


def test_nuevo_caso_del_12_con_el_oficio_recibido_ya_puesto(demo_sqlite, qtbot, respuestas):
    catastro = next(d for d in catalogos.dependencias() if d.siglas == "DC")
    oficio = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="DC/0999/2026", fecha_documento=dt.date(2026, 11, 19),
        procedencia=catastro, solicitante_nombre="Sofía Navarro Peña", solicitante_cargo="Directora",
        firmado=True, descripcion="Solicita corregir el padrón catastral.")
    vista = mostrar(qtbot, VistaMantenimiento(usuario("sistemas")), 1280, 760)
    antes = Mantenimiento.select().count()
    vista.nuevo_caso(12, oficio.id)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoProgramar) and dialogo.procedimiento.currentData() == 12
    textos = [dialogo.formulario.itemAt(i).widget().text() for i in range(dialogo.formulario.count())
              if hasattr(dialogo.formulario.itemAt(i).widget(), "text")]
    assert "DC/0999/2026 · Dirección de Catastro" in textos
    dialogo.equipo.setCurrentIndex(dialogo.equipo.findData(servicio.dispositivo_por_nombre(
        "SISTEMA DE IMPUESTO PREDIAL").id))
    dialogo.clase.setCurrentIndex(dialogo.clase.findData(servicio.CORRECTIVO))
    dialogo.fecha.setDate(QDate(2026, 11, 26))
    dialogo.hora.setTime(QTime(9, 0))
    teclear(qtbot, dialogo.acordado, "Sofía Navarro Peña, Directora de Catastro")
    dialogo.guardar()
    assert Mantenimiento.select().count() == antes + 1
    registro = Mantenimiento.select().order_by(Mantenimiento.id.desc()).first()
    tramite = Tramite.get_by_id(registro.expediente_id)
    assert (tramite.procedimiento, tramite.oficio_entrada_id, tramite.paso_actual) == (12, oficio.id, "3.2")
    assert respuestas.avisos and registro.numero in respuestas.avisos[-1][1]
