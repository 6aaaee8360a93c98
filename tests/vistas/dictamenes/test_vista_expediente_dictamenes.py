"""La pestaña Dictámenes muestra el trámite de cada dictamen y abre un caso del expediente único."""
from __future__ import annotations

import pytest

from app.modelos import Dictamen, Oficio, Tramite
from app.servicios.oficios import oficios
from app.vistas.dictamenes.dialogos import DialogoSolicitudDictamen
from tests.vistas.dictamenes import test_vista_dictamenes as _base

abrir = _base.abrir
respuestas = _base.respuestas    # la misma fixture de la pestaña

pytestmark = pytest.mark.gui


def test_el_detalle_dice_su_tramite_y_la_ventana_abre_el_caso(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot)
    dictamen = Dictamen.select().where(Dictamen.estado == "en_revision").order_by(Dictamen.id).first()
    tramite = Tramite.get_by_id(dictamen.expediente_id)
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData("emitido"))
    vista.mostrar_expediente(tramite.id)
    # Quitó el filtro que lo escondía, lo seleccionó y su detalle dice el trámite y su paso (texto plano).
    assert vista.dictamen is not None and vista.dictamen.id == dictamen.id
    assert vista.tabla.id_actual() == dictamen.id
    texto = vista.campos["tramite"].text()
    assert texto.startswith(f"{tramite.numero} · paso {tramite.paso_actual}. ")
    assert vista.campos["tramite"].textFormat().name == "PlainText"


def test_nuevo_caso_abre_la_solicitud_con_el_oficio_recibido_elegido(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot)
    oficio = (Oficio.select().where((Oficio.tipo == oficios.ENTRANTE) & (Oficio.estado != oficios.CANCELADO))
              .order_by(Oficio.id.desc()).first())
    vista.nuevo_caso(4, oficio.id)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoSolicitudDictamen)
    assert dialogo.oficio.currentData() == oficio.id
    dialogo.reject()
