"""Manual en la ventana: F1 abre el capítulo de la pestaña visible, Ayuda → Manual, índice y búsqueda."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QImage, QTextDocument

from app.vistas.ayuda.visor import VisorManual
from app.vistas.modulos import MODULOS
from app.vistas.ventana_principal import VentanaPrincipal
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def ventana(demo_sqlite, qtbot) -> VentanaPrincipal:
    ventana = VentanaPrincipal(usuario("director"))
    qtbot.addWidget(ventana)
    ventana.show()
    qtbot.waitExposed(ventana)
    return ventana


@pytest.fixture
def visor(qtbot) -> VisorManual:
    visor = VisorManual([m.titulo for m in MODULOS])
    qtbot.addWidget(visor)
    visor.show()
    return visor


@pytest.mark.parametrize(("pestana", "clave", "frase"), [
    ("Inventario", "pestana-inventario", "Alta desde CFDI"),
    ("Mesa de ayuda", "pestana-mesa-de-ayuda", "Calendario y SLA"),
    ("Bitácora", "pestana-bitacora", "Verificar integridad"),
])
def test_f1_abre_el_capitulo_de_la_pestana_visible(ventana, qtbot, pestana, clave, frase):
    ventana.mostrar_modulo(pestana)
    qtbot.keyClick(ventana, Qt.Key.Key_F1)
    visor = ventana.visor_manual
    assert visor.isVisible()
    assert visor.clave_actual == clave
    assert frase in visor.texto.toPlainText()
    assert visor.indice.currentItem().text(0) == f"Pestaña {pestana}"
    assert visor.windowTitle().endswith(f"Pestaña {pestana}")


def test_f1_en_otra_pestana_cambia_de_capitulo_en_el_mismo_visor(ventana, qtbot):
    ventana.mostrar_modulo("Inventario")
    qtbot.keyClick(ventana, Qt.Key.Key_F1)
    primero = ventana.visor_manual
    ventana.mostrar_modulo("Oficios")
    qtbot.keyClick(ventana, Qt.Key.Key_F1)
    assert ventana.visor_manual is primero and primero.clave_actual == "pestana-oficios"


def test_menu_ayuda_manual_abre_el_manual_completo_en_la_introduccion(ventana):
    menu = next(a.menu() for a in ventana.menuBar().actions() if a.text() == "A&yuda")
    textos = [a.text() for a in menu.actions()]
    assert "&Manual de usuario" in textos and "Ayuda de esta &pestaña" in textos
    assert ventana.accion_ayuda_pestana.shortcut().toString() == "F1"
    ventana.accion_manual.trigger()
    visor = ventana.visor_manual
    assert visor.clave_actual == "introduccion"
    assert len(visor.elementos()) == len(visor.capitulos)
    assert any(e.text(0).startswith("Procedimiento 21.") for e in visor.elementos())


def test_buscar_filtra_el_indice_sin_acentos_y_avisa_si_no_hay_nada(visor, qtbot):
    qtbot.keyClicks(visor.busqueda, "armonizacion")
    titulos = [e.text(0) for e in visor.elementos()]
    assert "Pestaña Inventario" in titulos and "Pestaña Bitácora" not in titulos
    assert visor.clave_actual in {c.clave for c in visor.capitulos if "Armonización" in c.texto}
    assert visor.texto.textCursor().selectedText().casefold() == "armonización"
    assert visor.sin_resultados.isHidden()
    primera = visor.texto.textCursor().selectionStart()
    qtbot.keyClick(visor.busqueda, Qt.Key.Key_Return)      # Enter: la siguiente aparición
    assert visor.texto.textCursor().selectionStart() > primera
    visor.busqueda.setText("xqzwv")
    assert visor.elementos() == [] and not visor.sin_resultados.isHidden()
    visor.busqueda.clear()
    assert len(visor.elementos()) == len(visor.capitulos)


def test_elegir_en_el_indice_y_seguir_un_enlace_entre_capitulos(visor, qtbot):
    elemento = next(e for e in visor.elementos() if e.text(0).startswith("Procedimiento 4."))
    visor.indice.setCurrentItem(elemento)
    assert visor.clave_actual == "procedimiento-p04"
    assert "Pasos" in visor.texto.toPlainText()
    visor.texto.anchorClicked.emit(QUrl("pestana-tramites.md"))
    assert visor.clave_actual == "pestana-tramites"
    assert visor.mostrar("no-existe") is False and visor.clave_actual == "pestana-tramites"


def test_las_capturas_se_cargan_a_lo_ancho_y_no_se_sale_de_la_carpeta(visor):
    visor.resize(900, 600)
    imagen = visor.texto.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("capturas/inventario.png"))
    assert isinstance(imagen, QImage) and not imagen.isNull()
    assert imagen.width() <= visor.texto.viewport().width()
    fuera = visor.texto.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                     QUrl("../procedimientos/p01.json"))
    assert not isinstance(fuera, QImage)
