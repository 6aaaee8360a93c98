"""Oficio recibido → caso, en la pantalla «Oficios»: abrir el caso que pide, lo que produjo, archivar y descartar."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.modelos import Bitacora, Oficio, Tramite
from app.servicios.oficios import oficios
from app.vistas.comun import comunes
from app.vistas.oficios import oficios as vista_oficios
from app.vistas.oficios.oficios import DialogoAbrirCaso, DialogoOficioRecibido, VistaOficios
from tests.ayudas_gui import Respuestas, mostrar
from tests.conftest import usuario
from tests.vistas.oficios.test_vista_oficios import capturar_recibido, filas_visibles, seleccionar

pytestmark = pytest.mark.gui

MOTIVO = "Es una invitación al informe de la Secretaría: no pide nada a la DTI."


class VentanaFalsa(QWidget):
    """Hace de ventana principal: anota los casos que la vista le pide abrir."""

    def __init__(self, vista: QWidget) -> None:
        super().__init__()
        self.nuevos: list[tuple[int, int | None]] = []
        self.abiertos: list[int] = []
        QVBoxLayout(self).addWidget(vista)

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
        self.nuevos.append((procedimiento, oficio_id))

    def abrir_caso(self, tramite_id: int) -> None:
        self.abiertos.append(tramite_id)


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    r.motivo = MOTIVO
    for modulo in (comunes, vista_oficios):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_oficios, "confirmar", r.confirmar)
    monkeypatch.setattr(vista_oficios, "pedir_motivo", r.pedir_motivo)
    return r


def abrir(qtbot, nombre: str = "asistente") -> tuple[VistaOficios, VentanaFalsa]:
    vista = VistaOficios(usuario(nombre))
    ventana = mostrar(qtbot, VentanaFalsa(vista), 1240, 720)
    return vista, ventana


def recibido(numero: str) -> Oficio:
    return Oficio.get((Oficio.numero_oficio == numero) & (Oficio.tipo == oficios.ENTRANTE))


def test_al_registrar_ofrece_abrir_el_caso_que_pide(demo_sqlite, qtbot, respuestas):
    vista, ventana = abrir(qtbot)
    qtbot.mouseClick(vista.boton_registrar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoOficioRecibido)
    capturar_recibido(qtbot, dialogo, numero="CM/0322/2026")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    nuevo = recibido("CM/0322/2026")

    oferta = vista.dialogo
    assert isinstance(oferta, DialogoAbrirCaso) and oferta.isVisible()
    assert oferta.pregunta.text() == "El oficio CM/0322/2026 quedó registrado. ¿Abrir el caso que pide?"
    assert oferta.combo.count() == 1 + 21                   # los 21 procedimientos del manual
    assert not oferta.boton_abrir.isEnabled()                # primero se elige cuál
    oferta.elegir(7)
    assert oferta.combo.currentText().endswith("— en Mantenimiento")
    with qtbot.waitSignal(oferta.finished):
        qtbot.mouseClick(oferta.boton_abrir, Qt.MouseButton.LeftButton)
    assert ventana.nuevos == [(7, nuevo.id)]                 # el módulo dueño abre su alta con el oficio
    assert respuestas.avisos == []


def test_abrir_caso_despues_desde_el_detalle(demo_sqlite, qtbot, respuestas):
    vista, ventana = abrir(qtbot)
    sga = recibido("SGA/0187/2026")
    seleccionar(vista, sga.id)
    assert vista.boton_abrir_caso.isEnabled()
    qtbot.mouseClick(vista.boton_abrir_caso, Qt.MouseButton.LeftButton)
    oferta = vista.dialogo
    assert isinstance(oferta, DialogoAbrirCaso)
    assert oferta.pregunta.text() == "Oficio recibido SGA/0187/2026. ¿Abrir el caso que pide?"
    oferta.elegir(9)
    assert oferta.combo.currentText().endswith("— en Cuentas")
    with qtbot.waitSignal(oferta.finished):
        qtbot.mouseClick(oferta.boton_abrir, Qt.MouseButton.LeftButton)
    assert ventana.nuevos == [(9, sga.id)]


def test_el_detalle_lista_lo_que_produjo(demo_sqlite, qtbot, respuestas):
    vista, ventana = abrir(qtbot, "director")
    pagos = recibido("TM/DE/0412/2026")            # abrió el trámite P01 y se respondió con un oficio
    seleccionar(vista, pagos.id)
    tramite = Tramite.get(Tramite.oficio_entrada == pagos.id)
    respuesta = Oficio.get(Oficio.en_respuesta_a == pagos.id)
    producido = vista.textos_producido()
    # El caso por lo que es (la adquisición, que lleva su trámite) y el número del trámite.
    assert producido[0].startswith("Caso: Adquisición n.º ")
    assert f"· {tramite.numero} (P01, paso {tramite.paso_actual}) — " in producido[0]
    assert producido[1].startswith(f"Oficio de respuesta: {respuesta.folio} (Emitido) — ")
    assert vista.produjo.isVisibleTo(vista)
    assert not vista.boton_archivar.isEnabled() and not vista.boton_descartar.isEnabled()
    assert "no se archiva" in vista.boton_archivar.toolTip()
    # Doble clic: el caso se abre en su pestaña; la respuesta se elige aquí.
    vista.produjo.itemActivated.emit(vista.produjo.item(0))
    assert ventana.abiertos == [tramite.id]
    vista.produjo.itemActivated.emit(vista.produjo.item(1))
    assert vista.oficio.id == respuesta.id


def test_el_caso_de_un_modulo_dice_que_registro_es(demo_sqlite, qtbot, respuestas):
    """Un oficio que pidió un dictamen dice «Dictamen …», y el doble clic pide abrir ese caso."""
    from app.modelos import Dictamen

    dictamen = Dictamen.select().where(Dictamen.oficio_solicitud.is_null(False)
                                       & Dictamen.expediente.is_null(False)).order_by(Dictamen.id).first()
    vista, ventana = abrir(qtbot, "director")
    seleccionar(vista, dictamen.oficio_solicitud_id)
    caso = vista.textos_producido()[0]
    assert caso.startswith(f"Caso: Dictamen {dictamen.folio or dictamen.id} · ")
    assert "(P04, " in caso
    vista.produjo.itemActivated.emit(vista.produjo.item(0))
    assert ventana.abiertos == [dictamen.expediente_id]


def test_archivar_con_motivo_y_confirmacion(demo_sqlite, qtbot, respuestas):
    vista, _ventana = abrir(qtbot)
    sga = recibido("SGA/0187/2026")
    seleccionar(vista, sga.id)
    assert vista.boton_archivar.isEnabled() and vista.boton_descartar.isEnabled()
    respuestas.si = False                              # se arrepiente en la confirmación
    qtbot.mouseClick(vista.boton_archivar, Qt.MouseButton.LeftButton)
    assert oficios.obtener(sga.id).estado == oficios.REGISTRADO
    respuestas.si = True
    qtbot.mouseClick(vista.boton_archivar, Qt.MouseButton.LeftButton)
    assert "quedará ARCHIVADO y saldrá de la lista de por atender" in respuestas.preguntas[-1]

    guardado = oficios.obtener(sga.id)
    assert guardado.estado == oficios.ARCHIVADO and guardado.motivo_archivo == MOTIVO
    assert guardado.archivado_por.nombre_usuario == "asistente"
    assert vista.campos["estado"].text() == "Archivado"
    assert vista.campos["archivo"].text().startswith(MOTIVO + "\n(Archivado, ")
    for boton in (vista.boton_archivar, vista.boton_descartar, vista.boton_abrir_caso):
        assert not boton.isEnabled()
    assert respuestas.avisos == []


def test_sin_motivo_no_se_descarta_y_nada_se_escribe(demo_sqlite, qtbot, respuestas):
    vista, _ventana = abrir(qtbot)
    sga = recibido("SGA/0187/2026")
    seleccionar(vista, sga.id)
    entradas = Bitacora.select().count()
    respuestas.motivo = "   "
    qtbot.mouseClick(vista.boton_descartar, Qt.MouseButton.LeftButton)
    assert respuestas.avisos[-1] == ("Falta el motivo", "Escriba el motivo; sin motivo no se puede descartar el oficio.")
    assert respuestas.preguntas == []
    respuestas.motivo = None                            # cierra el cuadro del motivo
    qtbot.mouseClick(vista.boton_descartar, Qt.MouseButton.LeftButton)
    guardado = oficios.obtener(sga.id)
    assert guardado.estado == oficios.REGISTRADO and guardado.version == sga.version
    assert Bitacora.select().count() == entradas


def test_filtro_por_atender_es_verdadero(demo_sqlite, qtbot, respuestas):
    vista, _ventana = abrir(qtbot)
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(vista_oficios.POR_ATENDER))
    numeros = [fila[1] for fila in filas_visibles(vista)]
    assert numeros == ["SGA/0187/2026"]                # los demás recibidos ya tienen caso o respuesta
    # Registrado no es lo mismo: incluye los que ya dieron lugar a un caso.
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(oficios.REGISTRADO))
    assert "DC/0055/2026" in [fila[1] for fila in filas_visibles(vista)]
    oficios.descartar_oficio(usuario("asistente"), recibido("SGA/0187/2026"), "Duplicado del SGA/0186/2026.")
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(vista_oficios.POR_ATENDER))
    assert filas_visibles(vista) == []
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(oficios.DESCARTADO))
    assert [fila[1] for fila in filas_visibles(vista)] == ["SGA/0187/2026"]


def test_consulta_no_archiva_ni_abre_casos(demo_sqlite, qtbot, respuestas):
    vista, ventana = abrir(qtbot, "consulta")
    seleccionar(vista, recibido("SGA/0187/2026").id)
    for boton in (vista.boton_archivar, vista.boton_descartar, vista.boton_abrir_caso):
        assert not boton.isEnabled() and "Su rol (Consulta)" in boton.toolTip()
    vista.archivar()                                    # aun forzando la llamada, no pasa nada
    vista.abrir_caso()
    assert oficios.obtener(recibido("SGA/0187/2026").id).estado == oficios.REGISTRADO
    assert ventana.nuevos == []
