"""Issue 17, punto 4, en pantalla: la vista pasa la versión que mostró y avisa del conflicto sin perder lo capturado."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.modelos import Oficio
from app.servicios.oficios import oficios
from app.vistas.comun import comunes
from app.vistas.oficios import oficios as vista_oficios
from app.vistas.oficios.oficios import VistaOficios
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    for modulo in (comunes, vista_oficios):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_oficios, "confirmar", r.confirmar)
    return r


def _seleccionar(vista: VistaOficios, oficio_id: int) -> None:
    vista.tabla.vista.selectRow(vista.tabla.modelo.fila_de(oficio_id))
    assert vista.oficio is not None and vista.oficio.id == oficio_id


def test_cancelar_lo_que_otra_pc_ya_cancelo_avisa_y_no_sobrescribe(demo_sqlite, qtbot, respuestas, monkeypatch):
    vista = mostrar(qtbot, VistaOficios(usuario("director")), 1240, 720)
    fila = oficios.consultar(tipo=oficios.SALIENTE, estado=oficios.EMITIDO)[0]
    _seleccionar(vista, fila["id"])                         # esta PC lo muestra emitido
    oficios.cancelar_oficio(usuario("director"), Oficio.get_by_id(fila["id"]), "Cancelado desde la otra PC.")
    monkeypatch.setattr(vista_oficios.QInputDialog, "getMultiLineText", lambda *a, **k: ("Motivo viejo.", True))

    qtbot.mouseClick(vista.boton_cancelar, Qt.MouseButton.LeftButton)

    titulo, mensaje = respuestas.avisos[-1]
    assert titulo == "Otro usuario cambió el registro"
    assert mensaje.startswith(f"Otro usuario cambió el oficio {fila['folio']} mientras usted lo veía")
    assert Oficio.get_by_id(fila["id"]).motivo_cancelacion == "Cancelado desde la otra PC."


def test_completar_con_captura_vieja_avisa_y_el_dialogo_conserva_lo_capturado(demo_sqlite, qtbot, respuestas):
    vista = mostrar(qtbot, VistaOficios(usuario("asistente")), 1240, 720)
    incompleto = oficios.consultar(estado=oficios.INCOMPLETO)[0]
    _seleccionar(vista, incompleto["id"])
    qtbot.mouseClick(vista.boton_completar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    # Mientras tanto, otra PC completa el mismo oficio.
    otro = Oficio.get_by_id(incompleto["id"])
    oficios.registrar_oficio_entrante(
        usuario("soporte"), oficio=otro, numero_oficio="DIF/0900/2026", fecha_documento=otro.fecha_documento,
        procedencia=otro.procedencia, procedencia_texto=otro.procedencia_texto,
        solicitante_nombre=otro.solicitante_nombre, solicitante_cargo=otro.solicitante_cargo, firmado=True,
        descripcion=otro.descripcion or "Solicitud completa.", permitir_incompleto=True)
    guardado = Oficio.get_by_id(incompleto["id"]).instantanea()
    teclear(qtbot, dialogo.numero, "DIF/0777/2026")
    dialogo.firmado.setChecked(True)

    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)

    assert any(t == "Otro usuario cambió el registro" and "mientras usted lo veía" in m for t, m in respuestas.avisos)
    assert dialogo.isVisible() and dialogo.numero.text() == "DIF/0777/2026"      # lo capturado sigue ahí
    assert Oficio.get_by_id(incompleto["id"]).instantanea() == guardado         # y no se escribió nada
