"""Sección «Por procedimiento» del Tablero: tablas, filtro, año, vencidos en rojo y su Excel."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.vistas.comun import comunes
from app.vistas.tablero import procedimientos as vista_procedimientos
from app.vistas.tablero.procedimientos import ROJO, SeccionProcedimientos, duracion
from app.vistas.tablero.tablero import VistaTablero
from tests.ayudas_gui import Respuestas, mostrar
from tests.conftest import usuario
from tests.servicios.tablero.test_procedimientos import cargar_casos

pytestmark = pytest.mark.gui


@pytest.fixture
def casos(bd_sqlite, reloj, respaldos_sin_modulo):
    return cargar_casos(reloj)


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    return r


def esperar(qtbot, seccion: SeccionProcedimientos) -> None:
    qtbot.waitUntil(lambda: not seccion.cargando and seccion.datos is not None, timeout=20000)
    vista_procedimientos.esperar_calculos()


def abrir(qtbot, nombre: str) -> SeccionProcedimientos:
    """El Tablero en una pantalla de 1366×768, en la sección «Por procedimiento»."""
    vista = mostrar(qtbot, VistaTablero(usuario(nombre)), 1366, 700)
    qtbot.waitUntil(lambda: not vista.cargando, timeout=20000)
    seccion = vista.por_procedimiento
    assert seccion.datos is None and not seccion.cargando      # no se calcula hasta que se mira
    vista.secciones.setCurrentWidget(seccion)
    esperar(qtbot, seccion)
    return seccion


def _texto(tabla, fila: int) -> list[str]:
    return [tabla.item(fila, j).text() for j in range(tabla.columnCount())]


def _fila(tabla, *inicio: str) -> int:
    return next(i for i in range(tabla.rowCount()) if _texto(tabla, i)[:len(inicio)] == list(inicio))


def test_muestra_casos_y_tiempos_por_paso(casos, qtbot):
    seccion = abrir(qtbot, "dir")
    assert seccion.anio.value() == 2026
    p05 = "5. Respaldo y recuperación de información"
    casos_tabla = seccion.tabla_casos
    assert _texto(casos_tabla, _fila(casos_tabla, p05, "Mar 2026")) == [p05, "Mar 2026", "4", "0", "0", "4"]
    assert _texto(casos_tabla, _fila(casos_tabla, p05, "May 2026"))[2:] == ["0", "0", "1", "2"]
    pasos = seccion.tabla_pasos
    uno = _texto(pasos, _fila(pasos, p05, "1"))
    assert uno[3:] == ["8 h hábiles", "4", "2.5 h", "7.9 h", "1", "0"]
    fila_dos = _fila(pasos, p05, "2")
    assert _texto(pasos, fila_dos)[3] == "5 min hábiles" and _texto(pasos, fila_dos)[7:] == ["1", "1"]
    assert pasos.item(fila_dos, 8).foreground().color() == ROJO
    assert pasos.item(_fila(pasos, p05, "1"), 8).foreground().color() != ROJO
    assert _texto(pasos, _fila(pasos, "6. Atención a solicitudes de soporte técnico", "1"))[5] == "30 min"
    assert "2 casos abiertos hoy · 1 con el paso vencido" in seccion.resumen.text()
    # En la pantalla de 1366 caben todas las columnas de los tiempos sin desplazarse de lado.
    assert pasos.horizontalScrollBar().maximum() == 0


def test_filtro_de_procedimiento_y_cambio_de_anio(casos, qtbot):
    seccion = abrir(qtbot, "dir")
    seccion.procedimiento.setCurrentIndex(seccion.procedimiento.findData(6))
    assert not seccion.cargando                                  # filtrar no vuelve a consultar
    assert [_texto(seccion.tabla_casos, i)[1] for i in range(seccion.tabla_casos.rowCount())] == [
        "Mar 2026", "Abr 2026", "May 2026"]
    assert {seccion.tabla_pasos.item(i, 1).text() for i in range(seccion.tabla_pasos.rowCount())} == {
        "1", "2", "3", "4", "5"}
    seccion.procedimiento.setCurrentIndex(0)
    seccion.anio.setValue(2025)
    assert seccion.cargando and "Calculando" in seccion.resumen.text()
    qtbot.waitUntil(lambda: not seccion.cargando, timeout=20000)
    assert [_texto(seccion.tabla_casos, i)[1:] for i in range(seccion.tabla_casos.rowCount())] == [
        ["Nov 2025", "1", "0", "0", "1"], ["Dic 2025", "0", "0", "0", "1"]]
    assert seccion.caja_pasos.title() == "Tiempos por paso (2025)"


def test_exportar_a_excel_y_confirmar_antes_de_reemplazar(casos, qtbot, respuestas, monkeypatch, tmp_path):
    seccion = abrir(qtbot, "dir")
    monkeypatch.setattr(vista_procedimientos, "elegir_archivo", lambda *_a: str(tmp_path / "cifras"))
    seccion.boton_excel.click()
    ruta = tmp_path / "cifras.xlsx"
    assert respuestas.preguntas == [] and f"Se guardó {ruta}" in respuestas.texto()
    libro = openpyxl.load_workbook(ruta)
    casos_hoja, pasos_hoja = libro.worksheets
    marzo = next(r for r in casos_hoja.iter_rows(min_row=3, values_only=True) if r[0] == 5 and r[2].month == 3)
    assert marzo[2:] == (dt.datetime(2026, 3, 1), 4, 0, 0, 4)
    paso_uno = next(r for r in pasos_hoja.iter_rows(min_row=3, values_only=True) if r[0] == 5 and r[2] == "1")
    assert paso_uno[4:] == (8, 4, 2.5, 7.9, 1, 0)
    # Ya existe: se pregunta; si el usuario dice que no, el archivo queda como estaba.
    ruta.write_bytes(b"otro libro")
    respuestas.si = False
    seccion.boton_excel.click()
    assert len(respuestas.preguntas) == 1 and "Ya existe" in respuestas.preguntas[0]
    assert ruta.read_bytes() == b"otro libro" and len(respuestas.avisos) == 1
    respuestas.si = True
    seccion.boton_excel.click()
    assert len(respuestas.preguntas) == 2 and openpyxl.load_workbook(ruta).sheetnames[1] == "Tiempos por paso (2026)"


def test_consulta_ve_las_cifras_pero_no_exporta(casos, qtbot):
    from app.servicios.catalogos import usuarios

    usuarios.crear_usuario(None, "lector", "Solo consulta", "consulta", "Consulta2026")
    seccion = abrir(qtbot, "lector")
    assert seccion.tabla_casos.rowCount() == 8 and not seccion.boton_excel.isEnabled()


def test_duracion_legible():
    assert [duracion(h) for h in (None, 0, 0.25, 2.5, 47.9, 72)] == ["—", "0 min", "15 min", "2.5 h", "47.9 h",
                                                                    "3.0 días"]
