"""Pestaña «Respaldos» usada como la usaría Soporte Técnico sobre la demostración."""
from __future__ import annotations

import io

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.modelos import EjecucionRespaldo, PlanRespaldo
from app.servicios.respaldos import planes
from app.vistas.comun import comunes
from app.vistas.respaldos import respaldos as vista_respaldos
from app.vistas.respaldos.dialogos import DialogoEjecucion, DialogoPlan
from app.vistas.respaldos.respaldos import COLOR_VENCIDO, VistaRespaldos
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch, tmp_path):
    r = Respuestas()
    for modulo in (comunes, vista_respaldos):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_respaldos, "confirmar", r.confirmar)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, sugerido, _f: (str(tmp_path / sugerido.split("/")[-1]), "")))
    r.carpeta = tmp_path
    return r


def abrir(qtbot, nombre: str = "soporte") -> VistaRespaldos:
    return mostrar(qtbot, VistaRespaldos(usuario(nombre)), 1300, 700)


def test_calendario_resalta_vencidos_filtra_al_teclear_y_exporta(qtbot, demo_sqlite, respuestas):
    vista = abrir(qtbot)
    modelo = vista.tabla.modelo
    vencidos = planes.vencidos()
    assert modelo.rowCount() == len(planes.calendario()) and vista.resumen.text().startswith(f"{len(vencidos)} plan")
    # El más atrasado va primero y en rojo.
    primero = modelo.index(0, 0)
    assert modelo.data(primero) == vencidos[0]["folio"]
    assert modelo.data(primero, Qt.ItemDataRole.ForegroundRole) == COLOR_VENCIDO
    teclear(qtbot, vista.tabla.busqueda, "registro civil")
    qtbot.waitUntil(lambda: vista.tabla.modelo.rowCount() == 1)
    vista.tabla.vista.selectRow(0)
    assert "Actas digitalizadas" in vista.titulo_detalle.text()
    assert vista.campos["situacion"].text().startswith("Vencido hace")
    assert vista.ejecuciones.count() == EjecucionRespaldo.select().join(PlanRespaldo).where(
        PlanRespaldo.informacion == "Actas digitalizadas del Registro Civil").count()
    vista.tabla.busqueda.clear()
    qtbot.waitUntil(lambda: vista.tabla.modelo.rowCount() > 1)
    vista.exportar()
    libro = openpyxl.load_workbook(io.BytesIO((respuestas.carpeta / "calendario-respaldos.xlsx").read_bytes()))
    filas = list(libro.active.iter_rows(values_only=True))
    encabezado = next(f for f in filas if f and f[0] == "Plan")
    datos = filas[filas.index(encabezado) + 1:]
    assert len(datos) == modelo.rowCount()
    columna = encabezado.index("Próximo")
    assert all(f[columna] is None or hasattr(f[columna], "year") for f in datos)    # fecha real, no texto


def test_dialogo_de_plan_marca_lo_que_falta_y_no_escribe(qtbot, demo_sqlite):
    dialogo = DialogoPlan(usuario("soporte"))
    qtbot.addWidget(dialogo)
    antes = PlanRespaldo.select().count()
    dialogo.guardar()
    assert not dialogo.errores.isHidden()
    assert "oficio del titular" in dialogo.errores.text() and PlanRespaldo.select().count() == antes


def test_registrar_respaldo_desde_el_detalle_y_sha256_invalido(qtbot, demo_sqlite, respuestas):
    vista = abrir(qtbot)
    plan_id = vista.tabla.id_actual() or vista._registros[0]["id"]
    dialogo = DialogoEjecucion(usuario("soporte"), plan_id)
    qtbot.addWidget(dialogo)
    antes = EjecucionRespaldo.select().count()
    dialogo.sha256.setText("no-es-un-hash")
    dialogo.tamano.setText("2048")
    dialogo.guardar()
    assert "64 caracteres hexadecimales" in dialogo.errores.text() and EjecucionRespaldo.select().count() == antes
    dialogo.sha256.setText("ab" * 32)
    dialogo.guardar()
    assert dialogo.result() == DialogoEjecucion.DialogCode.Accepted
    assert EjecucionRespaldo.select().count() == antes + 1


def test_mostrar_expediente_abre_el_plan_desde_pendientes(qtbot, demo_sqlite, respuestas):
    vista = abrir(qtbot)
    plan = PlanRespaldo.get(PlanRespaldo.informacion == "Nómina quincenal y timbrado de recibos")
    vista.filtro.setCurrentIndex(1)           # «Solo vencidos»: la nómina está al día y no se ve
    assert vista.tabla.modelo.fila_de(plan.id) < 0
    vista.mostrar_expediente(plan.expediente_id)
    assert vista.tabla.id_actual() == plan.id and plan.folio in vista.titulo_detalle.text()
    assert vista.boton_respaldo.isEnabled()
    consulta = abrir(qtbot, "consulta")
    assert not consulta.boton_nuevo.isEnabled() and "no lo permite" in consulta.boton_nuevo.toolTip()
