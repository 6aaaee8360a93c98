"""La pestaña «Inventario» muestra el trámite del movimiento y abre un movimiento nuevo desde un oficio."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.modelos import Bien, Movimiento, ServidorPublico, Tramite
from app.modelos.movimientos import APLICADO
from app.servicios.catalogos import catalogos
from app.servicios.inventario import movimientos
from app.servicios.oficios import oficios
from app.vistas.comun import comunes
from app.vistas.inventario.inventario import VistaInventario
from app.vistas.inventario.movimientos import DialogoCambioResguardante, DialogoNuevoMovimiento
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
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    return r


def test_abrir_un_movimiento_aplicado_desde_su_tramite(demo_sqlite, qtbot, respuestas):
    aplicado = Movimiento.get(Movimiento.estado == APLICADO)
    tramite = Tramite.get_by_id(aplicado.expediente_id)
    vista = mostrar(qtbot, VistaInventario(usuario("redes")), 1280, 760)
    vista.mostrar_expediente(tramite.id)
    assert vista.bien.id == movimientos.bienes_de(aplicado)[0].id
    assert vista.campos["tramite"].text() == (f"Alta al inventario · Aplicado · {aplicado.oficio.folio}\n"
                                              f"{tramite.numero} · Concluido el {tramite.concluido_en:%d/%m/%Y %H:%M}")


def test_nuevo_movimiento_desde_un_oficio_recibido(demo_sqlite, qtbot, respuestas):
    egresos = catalogos.dependencia_por_nombre("Dirección de Egresos")
    oficio = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="DE/0888/2026", fecha_documento=dt.date(2026, 11, 19),
        procedencia=egresos, solicitante_nombre="Ricardo Flores Aguilar", solicitante_cargo="Director",
        firmado=True, descripcion="Solicita reasignar la laptop.")
    bien = Bien.select().where((Bien.estado == "en_uso") & ~Bien.id.in_(
        Bien.select(Bien.id).join(movimientos.DetalleMovimiento))).order_by(Bien.id).first()
    vista = mostrar(qtbot, VistaInventario(usuario("redes")), 1280, 760)
    vista.seleccionar(bien.id)
    vista.nuevo_caso(21, oficio.id)
    eleccion = vista.dialogo
    assert isinstance(eleccion, DialogoNuevoMovimiento) and eleccion.opciones["cambio"].isChecked()
    with qtbot.waitSignal(eleccion.finished):
        eleccion.aceptar()
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoCambioResguardante) and dialogo.oficio.id == oficio.id
    futuro = ServidorPublico.select().where((ServidorPublico.id != bien.resguardante_id)
                                            & ServidorPublico.dependencia.is_null(False)).first()
    dialogo.futuro.servidor.setCurrentIndex(dialogo.futuro.servidor.findData(futuro.id))
    teclear(qtbot, dialogo.motivo, "Lo pide el oficio DE/0888/2026")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_aceptar, Qt.MouseButton.LeftButton)
    movimiento = movimientos.pendiente_de(bien.id)
    tramite = Tramite.get_by_id(movimiento.expediente_id)
    assert (tramite.procedimiento, tramite.oficio_entrada_id, tramite.paso_actual) == (21, oficio.id, "5")
    assert vista.campos["tramite"].text() == (f"{tramite.numero} · Paso 5: Recepción de Oficio de solicitud de "
                                              "movimiento al inventario de bienes TIC.")
