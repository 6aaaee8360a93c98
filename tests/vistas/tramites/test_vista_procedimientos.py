"""Pantalla «Procedimientos»: los 21 del manual, su tabla de pasos y su diagrama de flujo."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGraphicsPathItem

from app.servicios.tramites import procedimientos, tramites
from app.vistas.comun import comunes
from app.vistas.tramites.procedimientos import FIN, Flecha, INICIO, VistaProcedimientos
from app.vistas.tramites.tramites import DialogoNuevoTramite
from tests.ayudas_gui import Respuestas, mostrar
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def avisos(monkeypatch) -> list[tuple[str, str]]:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    return r.avisos


def abrir_vista(qtbot, nombre: str = "director") -> VistaProcedimientos:
    return mostrar(qtbot, VistaProcedimientos(usuario(nombre)), 1280, 760)


def procedimientos_visibles(vista: VistaProcedimientos) -> list[int]:
    return [numero for numero, item in vista._items.items() if not item.isHidden()]


def filas_pasos(vista: VistaProcedimientos) -> list[tuple[str, ...]]:
    modelo = vista.pasos.modelo
    return [tuple(modelo.index(f, c).data() for c in range(modelo.columnCount())) for f in range(modelo.rowCount())]


def test_lista_los_21_procedimientos_por_area(qtbot, demo_sqlite, avisos):
    vista = abrir_vista(qtbot)
    arbol = vista.arbol
    hojas = [arbol.topLevelItem(i).child(j) for i in range(arbol.topLevelItemCount())
             for j in range(arbol.topLevelItem(i).childCount())]
    assert len(hojas) == 21
    assert sorted(h.data(0, Qt.ItemDataRole.UserRole) for h in hojas) == list(range(1, 22))
    areas = [arbol.topLevelItem(i).text(0) for i in range(arbol.topLevelItemCount())]
    assert areas == ["Dirección de Tecnologías de la Información", "Departamento de Soporte Técnico",
                     "Departamento de Programación de Sistemas", "Departamento de Redes de Transporte"]
    assert vista.contador.text() == "21 de 21 procedimientos"


def test_p02_muestra_su_decision_en_la_tabla_y_el_diagrama(qtbot, demo_sqlite, avisos):
    vista = abrir_vista(qtbot)
    vista.seleccionar(2)
    assert vista.titulo.text().startswith("P02 · Procedimiento para el Escalamiento")
    filas = filas_pasos(vista)
    decision = next(f for f in filas if f[0] == "3")
    assert decision[4] == "¿Es posible atenderlo de manera remota? Sí → 4 · No → 3.1"
    assert [f[0] for f in filas] == [p.numero for p in procedimientos.obtener(2).pasos]
    texto_ficha = vista.ficha.toPlainText()
    assert "HASMT2124/MP/TM/22/0624" in texto_ficha          # registro del manual
    assert "se corrigió a Sí → 6 y No → 5.1" in texto_ficha    # notas de numeración corregida

    # Diagrama: un nodo por paso (más Inicio y Fin) y una flecha por cada transición, con su respuesta.
    diagrama = vista.diagrama
    definicion = procedimientos.obtener(2)
    assert set(diagrama.nodos) == {p.numero for p in definicion.pasos} | {INICIO, FIN}
    esperadas = {Flecha(INICIO, definicion.pasos[0].numero, "")}
    for paso in definicion.pasos:
        if paso.es_decision:
            esperadas |= {Flecha(paso.numero, o.destino, o.etiqueta) for o in paso.opciones}
        else:
            esperadas.add(Flecha(paso.numero, paso.siguiente or FIN, ""))
    assert set(diagrama.flechas) == esperadas
    assert Flecha("3", "3.1", "No") in diagrama.flechas and Flecha("3", "4", "Sí") in diagrama.flechas
    trazos = [i for i in diagrama.escena.items() if isinstance(i, QGraphicsPathItem)]
    assert len(trazos) >= len(diagrama.nodos) + len(diagrama.flechas)
    etiquetas = {i.text() for i in diagrama.escena.items() if hasattr(i, "text") and callable(i.text)}
    assert {"Sí", "No", "Inicio", "Fin"} <= etiquetas


@pytest.mark.parametrize("numero", range(1, 22))
def test_cada_procedimiento_se_dibuja_completo(qtbot, numero):
    from app.vistas.tramites.procedimientos import DiagramaFlujo

    diagrama = DiagramaFlujo()
    qtbot.addWidget(diagrama)
    definicion = procedimientos.obtener(numero)
    diagrama.mostrar(definicion)
    transiciones = sum(len(p.opciones) if p.es_decision else 1 for p in definicion.pasos) + 1
    assert len(diagrama.nodos) == len(definicion.pasos) + 2
    assert len(diagrama.flechas) == transiciones


def test_elegir_un_paso_lo_resalta_en_el_diagrama(qtbot, demo_sqlite, avisos):
    vista = abrir_vista(qtbot)
    vista.seleccionar(6)
    vista.pasos.vista.selectRow(2)                      # paso 3, la decisión
    assert vista.diagrama.nodos["3"].pen().widthF() > 3
    assert vista.diagrama.nodos["1"].pen().widthF() < 2


def test_buscar_filtra_la_lista(qtbot, demo_sqlite, avisos):
    vista = abrir_vista(qtbot)
    qtbot.keyClicks(vista.busqueda, "videovigilancia")
    assert procedimientos_visibles(vista) == [19]
    assert vista.contador.text() == "1 de 21 procedimientos"
    qtbot.keyClick(vista.busqueda, Qt.Key.Key_Return)
    assert vista.actual is not None and vista.actual.numero == 19
    vista.busqueda.clear()
    assert len(procedimientos_visibles(vista)) == 21


def test_abrir_tramite_de_este_procedimiento(qtbot, demo_sqlite, avisos, manual_sin_modulos):
    vista = abrir_vista(qtbot, "soporte")
    vista.seleccionar(5)
    assert vista.boton_abrir.isEnabled() and vista.boton_abrir.text() == "Abrir trámite de este procedimiento…"
    abiertos: list[int] = []
    vista.tramite_abierto.connect(abiertos.append)
    elegido: list[int] = []

    def llenar() -> None:
        dialogo = vista.findChild(DialogoNuevoTramite)
        assert dialogo is not None
        elegido.append(dialogo.procedimiento.currentData())
        dialogo.asunto.setText("Revisión de la impresora de Registro Civil")
        dialogo.boton_abrir.click()

    QTimer.singleShot(0, llenar)
    vista.boton_abrir.click()
    assert elegido == [5]                                # llega preseleccionado
    tramite = tramites.obtener(abiertos[0])
    assert tramite.procedimiento == 5 and tramite.paso_actual == "1"
    assert avisos and tramite.numero in avisos[-1][1]


def test_un_procedimiento_con_modulo_se_abre_en_su_pestana(qtbot, demo_sqlite, avisos):
    """P06 no abre un trámite suelto: el botón lleva a Mesa de ayuda (la ventana abre ahí el alta)."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from app.modelos import Tramite

    class Ventana(QWidget):
        def __init__(self, vista) -> None:
            super().__init__()
            self.nuevos: list[tuple[int, int | None]] = []
            QVBoxLayout(self).addWidget(vista)

        def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
            self.nuevos.append((procedimiento, oficio_id))

    vista = VistaProcedimientos(usuario("soporte"))
    ventana = Ventana(vista)
    qtbot.addWidget(ventana)
    ventana.show()
    vista.seleccionar(6)
    assert vista.boton_abrir.text() == "Abrir caso en Mesa de ayuda…"
    assert vista.boton_abrir.toolTip() == "Los tickets se abren en Mesa de ayuda."
    antes = Tramite.select().count()
    vista.boton_abrir.click()
    assert ventana.nuevos == [(6, None)]
    assert vista.findChild(DialogoNuevoTramite) is None and Tramite.select().count() == antes


def test_sin_permiso_no_abre_tramites(qtbot, demo_sqlite, avisos):
    vista = abrir_vista(qtbot, "consulta")
    vista.seleccionar(6)
    assert not vista.boton_abrir.isEnabled()
    redes = abrir_vista(qtbot, "redes")
    redes.seleccionar(6)                                 # Soporte Técnico: no es su área
    assert not redes.boton_abrir.isEnabled()
    redes.seleccionar(19)
    assert redes.boton_abrir.isEnabled()
