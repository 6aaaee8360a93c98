"""Ventana de levantamiento: el lector teclea en cualquier parte de la ventana y cada lectura responde."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.modelos import Bien, Dependencia
from app.modelos.levantamiento import CERRADO, Levantamiento, PAUSADO
from app.modelos.movimientos import CAMBIO, Movimiento
from app.servicios.levantamiento import levantamiento
from app.servicios.inventario import movimientos
from app.vistas.comun import comunes
from app.vistas.levantamiento import levantamiento as vista_levantamiento
from app.vistas.levantamiento.levantamiento import VentanaLevantamiento
from app.vistas.levantamiento.cambios import DialogoCambiosLevantamiento
from tests.ayudas_gui import Respuestas, mostrar
from tests.conftest import usuario
from tests.vistas.inventario.test_vista_inventario import insertar_bienes

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    return r


@pytest.fixture
def sonidos(monkeypatch) -> list[str]:
    oidos: list[str] = []
    monkeypatch.setattr(vista_levantamiento, "sonar", oidos.append)
    return oidos


def leer_con_lector(qtbot, widget, texto: str) -> None:
    """Como el lector USB: teclea el número y Enter en el widget que tenga el foco."""
    qtbot.keyClicks(widget, texto)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


@pytest.fixture
def tesoreria(demo_sqlite) -> Dependencia:
    dependencia = Dependencia.get(Dependencia.siglas == "TM")
    insertar_bienes(6, dependencia)            # PRB-00001..06 en Tesorería
    return dependencia


def iniciar(qtbot, dependencia: Dependencia) -> VentanaLevantamiento:
    ventana = mostrar(qtbot, VentanaLevantamiento(usuario("redes")), 1100, 760)
    ventana.dependencia.setCurrentIndex(ventana.dependencia.findData(dependencia.id))
    qtbot.mouseClick(ventana.boton_iniciar, Qt.MouseButton.LeftButton)
    assert ventana.paginas.currentIndex() == 1 and ventana.lev is not None
    return ventana


def test_lecturas_con_el_foco_en_otro_widget(tesoreria, qtbot, respuestas, sonidos):
    esperados = Bien.select().where((Bien.dependencia == tesoreria) & (Bien.estado != "dado_de_baja")).count()
    ventana = iniciar(qtbot, tesoreria)
    assert ventana.texto_progreso.text() == f"0 de {esperados}"
    # El foco en la lista de lecturas (no en el campo): el filtro de la ventana junta lo tecleado.
    ventana.tabla_lecturas.setFocus()
    leer_con_lector(qtbot, ventana.tabla_lecturas, "prb-00001")
    assert ventana.aviso.property("resultado") == "encontrado"
    assert ventana.aviso_titulo.text() == "ENCONTRADO" and "PRB-00001" in ventana.aviso_detalle.text()
    assert ventana.texto_progreso.text() == f"1 de {esperados}" and ventana.progreso.value() == 1
    assert sonidos == ["encontrado"] and ventana.tabla_lecturas.rowCount() == 1
    assert ventana.entrada.text() == ""

    # Un bien de otra dependencia dice cuál, aunque el foco esté en un botón.
    ajeno = Bien.select().where(Bien.dependencia != tesoreria).order_by(Bien.id).first()
    leer_con_lector(qtbot, ventana.boton_pausar, ajeno.numero_inventario)
    assert ventana.aviso.property("resultado") == "otra_area"
    assert ajeno.dependencia.nombre in ventana.aviso_detalle.text()
    assert ventana.texto_progreso.text() == f"1 de {esperados}"
    assert ventana.lev.estado != PAUSADO                       # el Enter no «pulsó» el botón

    # Repetido: responde, pero no cuenta dos veces ni agrega otra fila.
    leer_con_lector(qtbot, ventana.tabla_lecturas, "PRB-00001")
    assert ventana.aviso.property("resultado") == "repetido"
    assert ventana.texto_progreso.text() == f"1 de {esperados}" and ventana.tabla_lecturas.rowCount() == 2
    leer_con_lector(qtbot, ventana.entrada, "NO-EXISTE-1")      # también escrito en el campo
    assert ventana.aviso.property("resultado") == "desconocido"
    assert sonidos == ["encontrado", "otra_area", "repetido", "desconocido"]
    assert levantamiento.progreso(ventana.lev.id) == (1, esperados)
    assert respuestas.avisos == []


def test_pausar_reanudar_y_cerrar_con_informe_y_cambios(tesoreria, qtbot, respuestas, sonidos, monkeypatch,
                                                       tmp_path):
    ventana = iniciar(qtbot, tesoreria)
    leer_con_lector(qtbot, ventana.tabla_lecturas, "PRB-00002")
    ajeno = Bien.select().where((Bien.dependencia != tesoreria) & (Bien.estado == "en_uso")).order_by(Bien.id)
    ajeno = next(b for b in ajeno if movimientos.pendiente_de(b.id) is None)
    leer_con_lector(qtbot, ventana.tabla_lecturas, ajeno.numero_inventario)
    qtbot.mouseClick(ventana.boton_pausar, Qt.MouseButton.LeftButton)
    assert Levantamiento.get_by_id(ventana.lev.id).estado == PAUSADO
    leer_con_lector(qtbot, ventana.tabla_lecturas, "PRB-00003")
    assert "Reanude" in ventana.aviso_detalle.text()
    assert levantamiento.progreso(ventana.lev.id)[0] == 1          # en pausa no se registra
    qtbot.mouseClick(ventana.boton_pausar, Qt.MouseButton.LeftButton)
    leer_con_lector(qtbot, ventana.tabla_lecturas, "PRB-00003")
    assert levantamiento.progreso(ventana.lev.id)[0] == 2

    qtbot.mouseClick(ventana.boton_cerrar_lev, Qt.MouseButton.LeftButton)
    assert "¿Cerrar el levantamiento?" in respuestas.preguntas[-1]
    assert Levantamiento.get_by_id(ventana.lev.id).estado == CERRADO
    assert ventana.paginas.currentIndex() == 2
    esperados = ventana.informe.esperados
    assert ventana.tabla_faltantes.rowCount() == esperados - 2
    faltante = Bien.get(Bien.numero_inventario == ventana.tabla_faltantes.item(0, 0).text())
    assert ventana.tabla_faltantes.item(0, 2).text() == faltante.resguardante.nombre     # nombres, no ids
    assert ventana.tabla_faltantes.item(0, 3).text() == tesoreria.nombre
    assert ventana.tabla_mal_ubicados.rowCount() == 1
    assert ventana.tabla_mal_ubicados.item(0, 0).text() == ajeno.numero_inventario
    assert ventana.pestanas_informe.tabText(2) == "Mal ubicados (1)"

    pdf, excel = tmp_path / "informe.pdf", tmp_path / "informe.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    qtbot.mouseClick(ventana.boton_pdf, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(excel), ""))
    qtbot.mouseClick(ventana.boton_excel, Qt.MouseButton.LeftButton)
    import pypdfium2 as pdfium
    from openpyxl import load_workbook

    documento = pdfium.PdfDocument(str(pdf))
    texto = "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))
    assert ajeno.numero_inventario in texto and "PRB-00001" in texto          # mal ubicado y faltante
    celdas = [c.value for hoja in load_workbook(excel).worksheets for fila in hoja.iter_rows() for c in fila]
    assert "PRB-00004" in celdas

    qtbot.mouseClick(ventana.boton_cambios, Qt.MouseButton.LeftButton)
    dialogo = ventana.dialogo
    assert isinstance(dialogo, DialogoCambiosLevantamiento) and dialogo.tabla.rowCount() == 1
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_aceptar, Qt.MouseButton.LeftButton)
    cambio = Movimiento.get((Movimiento.tipo == CAMBIO) & (Movimiento.levantamiento_id == ventana.lev.id))
    assert cambio.dependencia_nueva_id == tesoreria.id
    assert cambio.oficio.folio in respuestas.texto()


def test_exportar_e_importar_para_trabajar_sin_red(tesoreria, qtbot, respuestas, sonidos, monkeypatch, tmp_path):
    ventana = iniciar(qtbot, tesoreria)
    leer_con_lector(qtbot, ventana.tabla_lecturas, "PRB-00001")
    archivo = tmp_path / "tesoreria.dti-lev.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(archivo), ""))
    qtbot.mouseClick(ventana.boton_exportar, Qt.MouseButton.LeftButton)
    assert archivo.exists() and "Se guardó en" in respuestas.texto()
    # De vuelta en la oficina: importar el mismo archivo no duplica lo ya leído.
    ventana.volver_al_inicio()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(archivo), ""))
    qtbot.mouseClick(ventana.boton_importar, Qt.MouseButton.LeftButton)
    assert "Ya estaban registradas: 1" in respuestas.texto()
    assert ventana.paginas.currentIndex() == 1 and levantamiento.progreso(ventana.lev.id)[0] == 1


def test_continuar_uno_pausado(tesoreria, qtbot, respuestas, sonidos):
    pausado = Levantamiento.get(Levantamiento.estado == PAUSADO)     # el de la demostración
    ventana = mostrar(qtbot, VentanaLevantamiento(usuario("redes")), 1100, 760)
    fila = next(f for f in range(ventana.tabla_anteriores.rowCount())
                if ventana.tabla_anteriores.item(f, 0).text() == str(pausado.id))
    ventana.tabla_anteriores.selectRow(fila)
    qtbot.mouseClick(ventana.boton_continuar, Qt.MouseButton.LeftButton)
    assert ventana.paginas.currentIndex() == 1 and ventana.boton_pausar.text() == "Reanudar"
    assert ventana.tabla_lecturas.rowCount() == len(levantamiento.lecturas(pausado.id)) > 0
    qtbot.mouseClick(ventana.boton_pausar, Qt.MouseButton.LeftButton)
    assert Levantamiento.get_by_id(pausado.id).estado == "en_curso" and ventana.entrada.isEnabled()
