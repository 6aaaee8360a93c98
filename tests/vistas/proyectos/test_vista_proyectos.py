"""La pestaña Proyectos: tabla, detalle con versiones y Gantt, acciones con sus reglas y exportación."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.modelos import Proyecto, VersionDiseno
from app.servicios.proyectos import proyectos
from app.vistas.comun import comunes
from app.vistas.proyectos import proyectos as vista_proyectos
from app.vistas.proyectos.dialogos import DialogoCampos
from tests.ayudas_gui import Respuestas, mostrar
from tests.conftest import usuario
from tests.servicios.proyectos.ayudas import oficio

pytestmark = pytest.mark.gui


@pytest.fixture
def con_demo(base):
    """Los proyectos de la demostración sobre los catálogos y usuarios."""
    from app.demo import proyectos as demo

    cuentas = {c: usuario(c) for c in ("sistemas", "redes", "asistente", "director")}
    from app.modelos import Dependencia, ServidorPublico

    demo.cargar(cuentas, {d.siglas: d for d in Dependencia.select()}, {s.nombre: s for s in ServidorPublico.select()})
    demo.turnos_ingresos(cuentas["sistemas"], oficio())
    return base


@pytest.fixture
def respuestas(monkeypatch, tmp_path):
    r = Respuestas()
    for modulo in (comunes, vista_proyectos):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_proyectos, "confirmar", r.confirmar)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, sugerido, _f: (str(tmp_path / sugerido.split("/")[-1]), "")))
    r.carpeta = tmp_path
    return r


def _abrir(qtbot, nombre: str = "sistemas") -> vista_proyectos.VistaProyectos:
    return mostrar(qtbot, vista_proyectos.VistaProyectos(usuario(nombre)), 1366, 700)


def _turnos() -> Proyecto:
    return Proyecto.get(Proyecto.procedimiento == 3)


@pytest.mark.parametrize("url_bd", ["sqlite"], indirect=True)
def test_el_detalle_muestra_el_diseno_en_aprobacion_y_el_gantt(con_demo, qtbot, respuestas):
    vista = _abrir(qtbot)
    p = _turnos()
    vista.mostrar_expediente(p.expediente_id)
    assert vista.titulo_detalle.text() == "Sistema de turnos para las cajas de Ingresos"
    textos = [vista.versiones.item(i).text() for i in range(vista.versiones.count())]
    assert textos[0].startswith("v1 · Rechazada") and "Falta distinguir los turnos preferentes" in textos[0]
    assert textos[1].startswith("v2 · Por aprobar")
    assert len(vista.gantt.tareas) == 4 and vista.gantt.tareas[0][3] == 100
    assert vista.botones["resolver"].isEnabled() and not vista.botones["iniciar"].isEnabled()
    assert "Paso 5" in vista.campos["tramite"].text()
    # La búsqueda filtra al teclear; vaciarla trae todo.
    vista.tabla.busqueda.setText("bienestar")
    vista.refrescar()
    assert [f["nombre"] for f in vista._registros] == ["Módulo de carga de padrones de beneficiarios"]


@pytest.mark.parametrize("url_bd", ["sqlite"], indirect=True)
def test_rechazar_sin_motivo_marca_el_campo_y_aprobar_habilita_el_desarrollo(con_demo, qtbot, respuestas):
    vista = _abrir(qtbot)
    p = _turnos()
    vista.seleccionar(p.id)
    qtbot.mouseClick(vista.botones["resolver"], Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoCampos)
    dialogo.controles["aprobada"].setCurrentIndex(1)           # rechazada
    dialogo.guardar()
    assert dialogo.isVisible() and "Motivo del rechazo" in dialogo.errores.text()
    assert VersionDiseno.get((VersionDiseno.proyecto == p) & (VersionDiseno.numero == 2)).estado == "por_aprobar"
    dialogo.controles["aprobada"].setCurrentIndex(0)
    dialogo.guardar()
    assert not dialogo.isVisible()
    assert VersionDiseno.get((VersionDiseno.proyecto == p) & (VersionDiseno.numero == 2)).estado == "aprobada"
    assert vista.botones["iniciar"].isEnabled()
    qtbot.mouseClick(vista.botones["iniciar"], Qt.MouseButton.LeftButton)
    assert respuestas.preguntas and Proyecto.get_by_id(p.id).etapa == "desarrollo"


@pytest.mark.parametrize("url_bd", ["sqlite"], indirect=True)
def test_consulta_no_puede_actuar_y_exportar_da_excel_con_lo_listado(con_demo, qtbot, respuestas):
    vista = _abrir(qtbot, "consulta")
    vista.seleccionar(_turnos().id)
    assert not vista.boton_nuevo.isEnabled()
    assert not any(b.isEnabled() for b in vista.botones.values())
    vista = _abrir(qtbot)
    vista.exportar()
    libro = openpyxl.load_workbook(respuestas.carpeta / "proyectos.xlsx")
    hoja = libro.active
    valores = [[c.value for c in fila] for fila in hoja.iter_rows()]
    encabezado = next(i for i, fila in enumerate(valores) if fila and fila[0] == "Proyecto")
    nombres = {fila[0] for fila in valores[encabezado + 1:]}
    assert "Sistema de turnos para las cajas de Ingresos" in nombres and len(nombres) == len(proyectos.consultar())
    avance = next(fila[5] for fila in valores[encabezado + 1:] if fila[0] == "Micrositio de transparencia proactiva")
    assert avance == 100 and isinstance(avance, int)


@pytest.mark.parametrize("url_bd", ["sqlite"], indirect=True)
def test_nuevo_caso_abre_el_registro_con_el_oficio_elegido(con_demo, qtbot, respuestas):
    vista = _abrir(qtbot)
    entrante = oficio("DIF/0500/2026", "DIF", "Solicita una página web para el DIF.")
    vista.nuevo_caso(13, entrante.id)
    dialogo = vista.dialogo
    assert dialogo.controles["oficio"].currentData() == entrante.id
    assert dialogo.controles["procedimiento"].currentData() == 13
    dialogo.controles["nombre"].setText("Página del DIF")
    dialogo.guardar()
    nuevo = Proyecto.get(Proyecto.nombre == "Página del DIF")
    assert nuevo.procedimiento == 13 and vista.proyecto.id == nuevo.id
