"""Pestaña «Pendientes»: la primera de la ventana, con filtros, vencidos en rojo y doble clic al caso."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from app.demo import datos_tramites
from app.modelos import DestinatarioAviso
from app.servicios.nucleo import permisos
from app.vistas.bandeja import destinatarios as vista_destinatarios
from app.vistas.bandeja.pendientes import ROJO, VistaPendientes
from app.vistas.comun import comunes
from app.vistas.modulos import MODULOS
from app.vistas.ventana_principal import VentanaPrincipal
from tests.ayudas_gui import Respuestas, mostrar
from tests.servicios.bandeja.ayudas import abrir, usuario

pytestmark = pytest.mark.gui

VIERNES = dt.datetime(2026, 11, 20, 14, 0)


class VentanaDePrueba(QMainWindow):
    """Lo único que la pestaña pide de la ventana: ``abrir_caso``."""

    def __init__(self) -> None:
        super().__init__()
        self.abiertos: list[int] = []

    def abrir_caso(self, tramite_id: int) -> None:
        self.abiertos.append(tramite_id)


@pytest.fixture
def casos(bd_sqlite, reloj, manual_sin_modulos):
    """Un respaldo de Soporte (en plazo), un nodo de Redes vencido y uno de Soporte vencido (el martes)."""
    reloj.fijar(VIERNES)
    soporte, redes, asistente = usuario("soporte"), usuario("redes"), usuario("asistente")
    nodo = abrir(redes, 18, "Nodo de red en psicología del DIF")
    vencido = abrir(asistente, 5, "Respaldo vencido de la ventanilla 1")        # 8 h: vence el lunes 14:00
    reloj.fijar(dt.datetime(2026, 11, 24, 10, 0))
    en_plazo = abrir(soporte, 5, "Respaldo de la ventanilla 2")
    datos_tramites.avanzar(redes, nodo)                                         # paso 2: 16 h, en plazo
    return {"soporte": soporte, "redes": redes, "nodo": nodo, "vencido": vencido, "en_plazo": en_plazo}


def _vista(qtbot, sesion) -> tuple[VentanaDePrueba, VistaPendientes]:
    ventana = VentanaDePrueba()
    vista = VistaPendientes(sesion, ventana)
    ventana.setCentralWidget(vista)
    mostrar(qtbot, ventana, 1366, 768)
    return ventana, vista


def _numeros(vista: VistaPendientes) -> list[str]:
    modelo = vista.tabla.modelo
    return [modelo.data(modelo.index(fila, 0)) for fila in range(modelo.rowCount())]


def test_la_bandeja_de_soporte_con_vencidos_en_rojo_y_filtros(casos, qtbot):
    _ventana, vista = _vista(qtbot, casos["soporte"])
    assert _numeros(vista) == [casos["vencido"].numero, casos["en_plazo"].numero]     # lo vencido primero
    modelo = vista.tabla.modelo
    assert modelo.data(modelo.index(0, 7)) == "VENCIDO" and modelo.data(modelo.index(1, 7)) == "En plazo"
    assert modelo.data(modelo.index(0, 0), Qt.ItemDataRole.ForegroundRole) == ROJO
    assert modelo.data(modelo.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert modelo.data(modelo.index(0, 3)).endswith("(en espera de Dependencia solicitante)")
    assert modelo.data(modelo.index(0, 6)) == "23/11/2026 14:00"
    assert vista.tabla.contador.text() == "2 pendientes · 1 vencido"
    assert casos["nodo"].numero not in _numeros(vista)                                # Redes no es de Soporte

    vista.solo_vencidos.setChecked(True)
    assert _numeros(vista) == [casos["vencido"].numero]
    vista.solo_vencidos.setChecked(False)
    vista.alcance.setCurrentIndex(vista.alcance.findText("Míos"))
    assert _numeros(vista) == [casos["en_plazo"].numero]                              # el otro es de la asistente
    vista.alcance.setCurrentIndex(vista.alcance.findText("Todos"))
    assert casos["nodo"].numero in _numeros(vista) and vista.tabla.contador.text() == "3 pendientes · 1 vencido"
    vista.tabla.busqueda.setText("psicología")
    qtbot.waitUntil(lambda: _numeros(vista) == [casos["nodo"].numero])


def test_doble_clic_y_enter_abren_el_caso(casos, qtbot):
    ventana, vista = _vista(qtbot, casos["soporte"])
    tabla = vista.tabla.vista
    centro = tabla.visualRect(vista.tabla.modelo.index(1, 1)).center()
    qtbot.mouseClick(tabla.viewport(), Qt.MouseButton.LeftButton, pos=centro)
    qtbot.mouseDClick(tabla.viewport(), Qt.MouseButton.LeftButton, pos=centro)
    assert ventana.abiertos == [casos["en_plazo"].id]
    assert vista.detalle.text().startswith(f"{casos['en_plazo'].numero} · Atiende: Departamento de Soporte Técnico"
                                           " · Responsable: Usuario soporte · Abierto desde: 24/11/2026 10:00")
    tabla.setFocus()
    tabla.setCurrentIndex(vista.tabla.modelo.index(0, 0))
    qtbot.keyClick(tabla, Qt.Key.Key_Return)
    assert ventana.abiertos == [casos["en_plazo"].id, casos["vencido"].id]


def test_es_la_primera_pestana_cabe_en_1366x768_y_f5_la_actualiza(casos, qtbot):
    assert MODULOS[0].titulo == "Pendientes"
    ventana = VentanaPrincipal(casos["soporte"])
    mostrar(qtbot, ventana, 1366, 768, activar=True)
    vista = ventana.modulo_actual()
    assert isinstance(vista, VistaPendientes) and ventana.pestanas.currentIndex() == 0
    minimo = vista.minimumSizeHint()
    assert minimo.width() <= 1366 - 40 and minimo.height() <= 768 - 160
    assert vista.tabla.vista.width() > 1200                       # la tabla usa el ancho de la ventana
    antes = len(_numeros(vista))
    abrir(casos["soporte"], 5, "Recuperación de la ventanilla 3")
    assert len(_numeros(vista)) == antes                          # hasta que se pide…
    qtbot.keyClick(ventana, Qt.Key.Key_F5)
    assert len(_numeros(vista)) == antes + 1                      # …con F5


def test_el_doble_clic_en_la_ventana_lleva_el_caso_a_su_pestana(casos, qtbot):
    ventana = VentanaPrincipal(casos["soporte"])
    mostrar(qtbot, ventana, 1366, 768)
    vista = ventana.modulo_actual()
    fila = vista.tabla.modelo.fila_de(next(p.paso_tramite_id for p in vista.pendientes.values()
                                           if p.tramite_id == casos["en_plazo"].id))
    vista.tabla.activada.emit(vista.tabla.modelo.id_de(fila))
    assert ventana.pestanas.tabText(ventana.pestanas.currentIndex()) == "Trámites"


def test_destinatarios_de_avisos(casos, qtbot, monkeypatch):
    respuestas = Respuestas()
    monkeypatch.setattr(comunes, "avisar", respuestas.avisar)
    _ventana, vista = _vista(qtbot, casos["soporte"])
    assert vista.boton_destinatarios.isEnabled()
    dialogo = vista_destinatarios.DialogoDestinatarios(casos["soporte"], vista)
    qtbot.addWidget(dialogo)
    dialogo.area.setCurrentIndex(dialogo.area.findData(permisos.AREA_SOPORTE))
    dialogo.correo.setText("no-es-correo")
    dialogo.agregar()
    assert dialogo.errores.text() == "«Correo del destinatario» no parece un correo electrónico válido."
    assert DestinatarioAviso.select().count() == 0
    dialogo.correo.setText("soporte@texmelucan.gob.mx")
    dialogo.agregar()
    [registro] = DestinatarioAviso.select()
    assert (registro.area, registro.correo, registro.activo) == (permisos.AREA_SOPORTE, "soporte@texmelucan.gob.mx",
                                                                 True)
    assert dialogo.tabla.modelo.rowCount() == 1 and dialogo.correo.text() == ""
    dialogo.tabla.vista.selectRow(0)
    dialogo.dar_de_baja()
    assert not DestinatarioAviso.get_by_id(registro.id).activo
    assert dialogo.tabla.modelo.data(dialogo.tabla.modelo.index(0, 3)) == "De baja"
    consulta = VistaPendientes(usuario("consulta"))
    qtbot.addWidget(consulta)
    assert not consulta.boton_destinatarios.isEnabled() and consulta.tabla.modelo.rowCount() == 0
