"""La pestaña Cuentas muestra el trámite de cada solicitud y abre un caso del expediente único."""
from __future__ import annotations

import pytest

from app.modelos import Dependencia, Oficio, SolicitudCuenta, Tramite
from app.servicios.cuentas import cuentas
from app.servicios.oficios import oficios
from app.vistas.cuentas.dialogos import DialogoSolicitudCuenta
from tests.conftest import hace_dias, usuario
from tests.vistas.cuentas import test_vista_cuentas as _base

abrir = _base.abrir
respuestas = _base.respuestas    # la misma fixture de la pestaña

pytestmark = pytest.mark.gui


def test_el_detalle_de_la_solicitud_dice_su_tramite_y_la_cuenta_el_suyo(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot)
    pendiente = (SolicitudCuenta.select().where(SolicitudCuenta.estado == cuentas.INCOMPLETA)
                 .order_by(SolicitudCuenta.id).first())
    tramite = Tramite.get_by_id(pendiente.expediente_id)
    vista.mostrar_expediente(tramite.id)
    assert vista.seleccion is not None and vista.seleccion.id == pendiente.id
    assert f"Trámite: {tramite.numero} · paso 2.1. Se pide a la dependencia solicitante los datos faltantes" \
        in vista.datos.text()
    # Una solicitud atendida se muestra por la cuenta que salió de ella.
    atendida = (SolicitudCuenta.select().where(SolicitudCuenta.estado == cuentas.ATENDIDA)
                .order_by(SolicitudCuenta.id).first())
    vista.mostrar_expediente(atendida.expediente_id)
    assert vista.seleccion.solicitud_id == atendida.id


def test_nuevo_caso_abre_la_solicitud_con_el_oficio_recibido(demo_sqlite, qtbot, respuestas, monkeypatch):
    oficio = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="TM/0999/2026", fecha_documento=hace_dias(1),
        procedencia=Dependencia.get(Dependencia.siglas == "TM"),
        solicitante_nombre="José Javier Gregorio Pérez Hernández", solicitante_cargo="Tesorero Municipal",
        firmado=True, descripcion="Solicita correo institucional para la nueva auxiliar.")
    vistos: list[tuple[str, bool, int | None]] = []

    def exec_(dialogo: DialogoSolicitudCuenta) -> int:
        vistos.append((dialogo.numero_oficio.text(), dialogo.numero_oficio.isEnabled(),
                       dialogo.oficio.id if dialogo.oficio else None))
        dialogo.nombre.setText("Lucía Méndez Ortega")
        dialogo.aceptar()
        return 1

    monkeypatch.setattr(DialogoSolicitudCuenta, "exec", exec_)
    vista = abrir(qtbot)
    vista.nuevo_caso(9, oficio.id)
    assert vistos == [("TM/0999/2026", False, oficio.id)]
    # La solicitud se registró sobre ese mismo oficio (no otro) y su trámite lo tiene de oficio de entrada.
    solicitud = SolicitudCuenta.select().order_by(SolicitudCuenta.id.desc()).first()
    assert solicitud.oficio_id == oficio.id and solicitud.nombre_completo == "Lucía Méndez Ortega"
    assert Tramite.get_by_id(solicitud.expediente_id).oficio_entrada_id == oficio.id
    assert Oficio.select().where(Oficio.numero_oficio == "TM/0999/2026").count() == 1
