"""La pestaña Licencias muestra el trámite de cada solicitud de software y abre un caso del expediente único."""
from __future__ import annotations

import pytest

from app.modelos import Oficio, SolicitudSoftware, Tramite
from app.servicios.licencias import licencias
from app.servicios.oficios import oficios
from app.vistas.licencias.dialogos import DialogoSolicitudSoftware
from tests.vistas.licencias import test_vista_licencias as _base

abrir = _base.abrir
respuestas = _base.respuestas    # la misma fixture de la pestaña

pytestmark = pytest.mark.gui


def test_la_tabla_de_solicitudes_dice_su_tramite_y_la_ventana_abre_el_caso(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot)
    solicitud = SolicitudSoftware.get(SolicitudSoftware.decision == licencias.ADQUISICION)
    tramite = Tramite.get_by_id(solicitud.expediente_id)
    vista.mostrar_expediente(tramite.id)
    tabla = vista.tabla_solicitudes
    assert vista.pestanas.currentWidget() is vista.pagina_solicitudes
    assert tabla.id_actual() == solicitud.id
    fila = tabla.modelo.fila_de(solicitud.id)
    columna = tabla.modelo.columnCount() - 1
    assert tabla.modelo.index(fila, columna).data() == (f"{tramite.numero} · paso 5. "
                                                        "Se hace tramite de adquisición de la licencia.")


def test_nuevo_caso_abre_la_atencion_con_el_oficio_recibido_elegido(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot)
    oficio = (Oficio.select().where((Oficio.tipo == oficios.ENTRANTE) & (Oficio.estado != oficios.CANCELADO))
              .order_by(Oficio.id.desc()).first())
    vista.nuevo_caso(10, oficio.id)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoSolicitudSoftware)
    assert dialogo.oficio.currentData() == oficio.id
    dialogo.reject()


def test_instalar_la_licencia_adquirida_concluye_la_solicitud(demo_sqlite, qtbot, respuestas):
    from app.vistas.licencias.dialogos import DialogoInstalarAdquirida

    vista = abrir(qtbot)
    solicitud = SolicitudSoftware.get(SolicitudSoftware.decision == licencias.ADQUISICION)
    vista.mostrar_expediente(solicitud.expediente_id)
    assert vista.boton_instalar.isEnabled()
    comprada = licencias.registrar_licencia(None, software=solicitud.software, tipo=licencias.PERPETUA, asientos=1,
                                            descripcion="Licencia comprada para la solicitud")
    vista.instalar_adquirida()
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoInstalarAdquirida)
    dialogo.licencia.setCurrentIndex(dialogo.licencia.findData(comprada.id))
    from app.modelos import Bien

    bien = Bien.select().where(Bien.estado != "dado_de_baja").first()
    dialogo.destino.bien.setText(bien.numero_inventario)
    dialogo.guardar()
    qtbot.waitUntil(lambda: vista.dialogo is None)
    assert respuestas.avisos and "concluyó" in str(respuestas.avisos[-1])
    assert Tramite.get_by_id(solicitud.expediente_id).estado == "concluido"
    vista.mostrar_expediente(solicitud.expediente_id)
    assert not vista.boton_instalar.isEnabled()
