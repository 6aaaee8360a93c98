"""Búsqueda global en la ventana: Ctrl+K, resultados agrupados, flechas, Enter abre el registro, Esc cierra."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton

from app.modelos import Bien, Oficio, ServidorPublico, Ticket, Tramite
from app.servicios import busqueda
from app.vistas.busqueda import ATAJO, CajaBusqueda
from app.vistas.busqueda.caja import ROL_RESULTADO
from app.vistas.ventana_principal import VentanaPrincipal
from tests.ayudas_gui import mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def ventana(demo_sqlite, qtbot) -> VentanaPrincipal:
    return mostrar(qtbot, VentanaPrincipal(usuario("director")), 1366, 768, activar=True)


def _caja(ventana: VentanaPrincipal) -> CajaBusqueda:
    return ventana.busqueda_global


def _escribir_y_esperar(qtbot, caja: CajaBusqueda, texto: str) -> None:
    """Teclea como el usuario y espera la respuesta del hilo de trabajo (tras la pausa)."""
    caja.campo.clear()
    teclear(qtbot, caja.campo, texto)
    qtbot.waitUntil(lambda: caja.texto_buscado == texto and caja.lista.isVisible(), timeout=5000)


def _textos(caja: CajaBusqueda) -> list[str]:
    return [caja.lista.item(f).text() for f in range(caja.lista.count())]


def test_la_caja_esta_en_la_cabecera_y_ctrl_k_la_enfoca(ventana, qtbot):
    caja = _caja(ventana)
    assert ventana.menuBar().cornerWidget(Qt.Corner.TopRightCorner) is caja and caja.isVisible()
    assert "Ctrl+K" in caja.campo.placeholderText()
    ventana.mostrar_modulo("Inventario").setFocus()
    assert not caja.campo.hasFocus()
    qtbot.keyClick(ventana, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(caja.campo.hasFocus, timeout=2000)


@pytest.mark.parametrize("pestana", ["Cuentas", "Licencias", "Inventario", "Oficios"])
def test_ningun_boton_de_una_pestana_le_quita_ctrl_k(ventana, qtbot, pestana):
    vista = ventana.mostrar_modulo(pestana)
    atajo = QKeySequence(ATAJO)
    ocupado = [b.text() for b in vista.findChildren(QAbstractButton) if b.shortcut() == atajo]
    assert ocupado == []
    vista.setFocus()
    qtbot.keyClick(ventana, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(_caja(ventana).campo.hasFocus, timeout=2000)


def test_los_resultados_salen_agrupados_y_los_encabezados_no_se_eligen(ventana, qtbot):
    caja = _caja(ventana)
    _escribir_y_esperar(qtbot, caja, "computadora")
    encabezados = [caja.lista.item(f) for f in range(caja.lista.count())
                   if caja.lista.item(f).data(ROL_RESULTADO) is None]
    assert [e.text() for e in encabezados][:1] and {"Bienes", "Trámites"} <= {e.text() for e in encabezados}
    assert all(not (e.flags() & Qt.ItemFlag.ItemIsSelectable) for e in encabezados)
    # La primera fila elegida es un resultado, nunca un encabezado; las flechas saltan los encabezados.
    assert caja.resultado_actual() is not None
    vistos = []
    for _ in range(caja.lista.count() + 2):
        vistos.append(caja.lista.currentRow())
        qtbot.keyClick(caja.campo, Qt.Key.Key_Down)
    assert set(vistos) == set(caja.filas_elegibles())
    assert caja.lista.currentRow() == caja.filas_elegibles()[-1]          # al final, se queda en el último
    qtbot.keyClick(caja.campo, Qt.Key.Key_Up)
    assert caja.lista.currentRow() == caja.filas_elegibles()[-2]
    # La lista cabe en la ventana de 1366×768.
    geometria = caja.lista.geometry()
    assert geometria.right() <= ventana.width() and geometria.bottom() <= ventana.height()


def test_enter_sobre_un_folio_abre_el_oficio_seleccionado_en_oficios(ventana, qtbot):
    oficio = Oficio.select().where(Oficio.folio.is_null(False)).order_by(Oficio.id.desc()).first()
    caja = _caja(ventana)
    _escribir_y_esperar(qtbot, caja, oficio.folio.lower())
    assert _textos(caja)[0] == "Oficios" and _textos(caja)[1].startswith(oficio.folio)
    with qtbot.waitSignal(caja.abierto):
        qtbot.keyClick(caja.campo, Qt.Key.Key_Return)
    assert not caja.lista.isVisible()
    assert ventana.pestanas.tabText(ventana.pestanas.currentIndex()) == "Oficios"
    assert ventana.modulo_cargado("Oficios").tabla.id_actual() == oficio.id


def test_enter_antes_de_la_pausa_busca_y_abre_el_bien_por_su_serie(ventana, qtbot):
    bien = Bien.select().where(Bien.serie.is_null(False)).order_by(Bien.id.desc()).first()
    caja = _caja(ventana)
    caja.campo.setFocus()
    teclear(qtbot, caja.campo, bien.serie.lower())
    qtbot.keyClick(caja.campo, Qt.Key.Key_Return)         # sin esperar los 200 ms
    assert ventana.pestanas.tabText(ventana.pestanas.currentIndex()) == "Inventario"
    assert ventana.modulo_cargado("Inventario").id_actual() == bien.id


def test_un_ticket_se_abre_en_mesa_de_ayuda_con_su_ticket(ventana, qtbot):
    ticket = Ticket.select().order_by(Ticket.id).first()
    caja = _caja(ventana)
    _escribir_y_esperar(qtbot, caja, ticket.folio)
    qtbot.keyClick(caja.campo, Qt.Key.Key_Return)
    vista = ventana.modulo_cargado("Mesa de ayuda")
    assert ventana.pestanas.tabText(ventana.pestanas.currentIndex()) == "Mesa de ayuda"
    assert vista.detalle is not None and vista.detalle["id"] == ticket.id
    assert vista.modelo.id_de(vista.vista.currentIndex().row()) == ticket.id


def test_un_tramite_de_mantenimiento_se_abre_en_su_modulo(ventana, qtbot):
    tramite = Tramite.select().where(Tramite.modulo == "mantenimiento").order_by(Tramite.id).first()
    caja = _caja(ventana)
    _escribir_y_esperar(qtbot, caja, tramite.numero)
    assert caja.resultado_actual().tipo == "tramite"
    qtbot.keyClick(caja.campo, Qt.Key.Key_Return)
    assert ventana.pestanas.tabText(ventana.pestanas.currentIndex()) == "Mantenimiento"


def test_un_servidor_publico_se_abre_en_catalogos(ventana, qtbot):
    servidor = ServidorPublico.select().where(ServidorPublico.nombre.contains("Héctor")).first()
    caja = _caja(ventana)
    _escribir_y_esperar(qtbot, caja, "hector perez")
    while caja.resultado_actual().tipo != "servidor":
        qtbot.keyClick(caja.campo, Qt.Key.Key_Down)
    qtbot.keyClick(caja.campo, Qt.Key.Key_Return)
    catalogos = ventana.modulo_cargado("Catálogos")
    assert catalogos.pestanas.currentWidget() is catalogos.servidores
    assert catalogos.servidores.tabla.id_actual() == servidor.id


def test_un_clic_en_un_resultado_lo_abre(ventana, qtbot):
    bien = Bien.select().order_by(Bien.id).first()
    caja = _caja(ventana)
    _escribir_y_esperar(qtbot, caja, bien.numero_inventario)
    fila = caja.filas_elegibles()[0]
    rectangulo = caja.lista.visualItemRect(caja.lista.item(fila))
    qtbot.mouseClick(caja.lista.viewport(), Qt.MouseButton.LeftButton, pos=rectangulo.center())
    assert ventana.modulo_cargado("Inventario").id_actual() == bien.id


def test_esc_cierra_la_lista_y_luego_limpia_la_caja(ventana, qtbot):
    caja = _caja(ventana)
    _escribir_y_esperar(qtbot, caja, "telefono")
    qtbot.keyClick(caja.campo, Qt.Key.Key_Escape)
    assert not caja.lista.isVisible() and caja.campo.text() == "telefono"
    qtbot.keyClick(caja.campo, Qt.Key.Key_Down)             # vuelve a mostrar lo encontrado
    assert caja.lista.isVisible()
    qtbot.keyClick(caja.campo, Qt.Key.Key_Escape)
    qtbot.keyClick(caja.campo, Qt.Key.Key_Escape)
    assert caja.campo.text() == "" and not caja.lista.isVisible()


def test_sin_resultados_lo_dice_y_enter_no_abre_nada(ventana, qtbot):
    caja = _caja(ventana)
    inicial = ventana.pestanas.currentIndex()
    _escribir_y_esperar(qtbot, caja, "zzqq%_'\"")
    assert _textos(caja) == ["Sin resultados para «zzqq%_'\"»."]
    assert caja.filas_elegibles() == []
    qtbot.keyClick(caja.campo, Qt.Key.Key_Return)
    assert ventana.pestanas.currentIndex() == inicial


def test_diez_mil_caracteres_pegados_no_congelan_ni_fallan(ventana, qtbot):
    caja = _caja(ventana)
    caja.campo.setFocus()
    caja.campo.setText("x" * 10_000)
    caja.buscar_ahora()
    assert caja.grupos == [] and caja.filas_elegibles() == []


def test_solo_se_muestra_la_respuesta_de_lo_ultimo_que_se_escribio(ventana, qtbot):
    caja = _caja(ventana)
    caja.campo.setFocus()
    teclear(qtbot, caja.campo, "telefono")
    caja.pausa.stop()
    caja._pedir_busqueda()                   # la pausa venció: ya se pidió «telefono» al hilo…
    caja.campo.clear()
    teclear(qtbot, caja.campo, "computadora")   # …pero el usuario siguió escribiendo
    qtbot.waitUntil(lambda: caja.texto_buscado is not None, timeout=5000)
    qtbot.wait(300)
    esperado = busqueda.buscar(usuario("director"), "computadora")
    assert caja.texto_buscado == "computadora" and caja.grupos == esperado
    assert busqueda.buscar(usuario("director"), "telefono") != esperado
