"""Módulo «Bitácora»: lista, detalle con la instantánea y verificación de integridad."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QFileDialog

from app.modelos import Bitacora, Oficio
from app.servicios.nucleo import consulta_bitacora
from app.vistas.bitacora import bitacora as vista_bitacora
from app.vistas.comun import comunes
from app.vistas.bitacora.bitacora import VistaBitacora
from app.vistas.comun.fechas import qfecha
from tests.ayudas_gui import Respuestas, mostrar
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def avisos(monkeypatch) -> list[tuple[str, str]]:
    r = Respuestas()
    monkeypatch.setattr(vista_bitacora, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    return r.avisos


def abrir(qtbot, nombre: str = "director") -> VistaBitacora:
    return mostrar(qtbot, VistaBitacora(usuario(nombre)), 1240, 700)


def filas(vista: VistaBitacora) -> list[tuple[str, ...]]:
    modelo = vista.tabla.modelo
    return [tuple(modelo.index(f, c).data() for c in range(modelo.columnCount())) for f in range(modelo.rowCount())]


def test_lista_de_la_mas_reciente_a_la_mas_antigua_con_detalle(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    director = usuario("director")
    total = consulta_bitacora.total(director)
    lista = filas(vista)
    assert total > len(lista) == vista_bitacora.BLOQUE_FILAS      # la lista va por bloques
    ids = [vista.tabla.modelo.id_de(i) for i in range(len(lista))]
    assert ids == sorted(ids, reverse=True)
    cancelacion = Bitacora.get_by_id(ids[0])
    folio = Oficio.get_by_id(cancelacion.registro_id).folio
    # Quién (la persona), cuándo, acción, módulo y el registro por su folio.
    assert lista[0][1:] == (director.nombre, "cancelación de oficio", "Oficios", f"Oficio {folio}")
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", lista[0][0])
    assert f"{total:,} entradas" in vista.total.text()
    assert f"Se muestran 500 de {total:,}" in vista.mostradas.text()
    # La primera fila queda seleccionada: qué cambió, con las etiquetas de las pantallas.
    panel = vista.panel
    assert panel.titulo.text() == f"Oficio {folio}"
    assert panel.campos["quien"].text() == f"{director.nombre} (director)"
    assert re.fullmatch(r"\w+, \d{1,2} de \w+ de \d{4}, \d\d:\d\d:\d\d", panel.campos["cuando"].text())
    cambios = panel.cambios.toPlainText()
    assert "• Estado: emitido → cancelado" in cambios
    assert f"• Motivo de cancelación: (vacío) → {Oficio.get_by_id(cancelacion.registro_id).motivo_cancelacion}" \
        in cambios
    assert "{" not in cambios and '"estado"' not in cambios
    # La instantánea cruda sigue ahí para el auditor, plegada.
    assert panel.plegable.text() == "Instantánea (auditor)" and not panel.instantanea.isVisible()
    qtbot.mouseClick(panel.plegable, Qt.MouseButton.LeftButton)
    assert panel.instantanea.isVisible()
    crudo = panel.instantanea.toPlainText()
    assert '  "estado": "cancelado",' in crudo and '"motivo_cancelacion"' in crudo
    assert f"Hash: {cancelacion.hash}" in crudo
    # La fuente de ancho fijo es la que trae la aplicación (recursos/fuentes), no la que tenga la PC.
    fuente = QFontInfo(panel.instantanea.font())
    assert panel.instantanea.isReadOnly() and fuente.family() == "Liberation Mono" and fuente.fixedPitch()


def test_mostrar_mas_agrega_el_bloque_siguiente(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    antes = [vista.tabla.modelo.id_de(i) for i in range(vista.tabla.modelo.rowCount())]
    qtbot.mouseClick(vista.boton_mas, Qt.MouseButton.LeftButton)
    despues = [vista.tabla.modelo.id_de(i) for i in range(vista.tabla.modelo.rowCount())]
    assert despues[:len(antes)] == antes and len(despues) == 2 * vista_bitacora.BLOQUE_FILAS
    assert len(set(despues)) == len(despues)


def test_filtrar_al_escribir(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    with qtbot.waitSignal(vista.tabla.filtro_cambiado):
        qtbot.keyClicks(vista.tabla.busqueda, "cancel")
    lista = filas(vista)
    assert lista and all("cancel" in f[2] for f in lista)
    vista.tabla.busqueda.clear()
    with qtbot.waitSignal(vista.tabla.filtro_cambiado):
        qtbot.keyClicks(vista.tabla.busqueda, "asistente")
    assert {f[1] for f in filas(vista)} == {usuario("asistente").nombre}


def test_filtros_de_modulo_persona_y_registro(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    total = vista.coinciden
    barra = vista.filtros
    barra.modulo.setCurrentIndex(barra.modulo.findData("Mesa de ayuda"))
    lista = filas(vista)
    assert lista and {f[3] for f in lista} == {"Mesa de ayuda"} and vista.coinciden < total
    barra.usuario.setCurrentIndex(barra.usuario.findData("soporte"))
    assert {f[1] for f in filas(vista)} == {usuario("soporte").nombre}
    con_persona = vista.coinciden
    folio = next(f[4] for f in filas(vista) if f[4].startswith("Ticket ")).removeprefix("Ticket ")
    with qtbot.waitSignal(barra.cambiado, timeout=2000):
        barra.registro.setText(folio)
    assert filas(vista) and all(f"Ticket {folio}" in f[4] for f in filas(vista))
    assert vista.coinciden < con_persona
    # Las fechas: un rango que termina antes de la primera entrada no deja nada.
    barra.registro.clear()
    primera = min(m for (m,) in Bitacora.select(Bitacora.momento).tuples()).date()
    barra.hasta.setDate(qfecha(primera - dt.timedelta(days=1)))
    barra.usar_hasta.setChecked(True)
    assert filas(vista) == [] and "Se muestran 0 de 0" in vista.mostradas.text()
    assert not vista.boton_exportar.isEnabled() and vista.panel.titulo.text().startswith("Seleccione")
    qtbot.mouseClick(barra.quitar, Qt.MouseButton.LeftButton)
    assert vista.coinciden == total and not barra.usar_hasta.isChecked()


def test_ver_solo_este_registro(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    registro = vista.panel.titulo.text()
    qtbot.mouseClick(vista.panel.boton_registro, Qt.MouseButton.LeftButton)
    lista = filas(vista)
    assert {f[4] for f in lista} == {registro} and [f[2] for f in lista][:2] == [
        "cancelación de oficio", "emisión de oficio"]
    assert registro in vista.filtros.registro.placeholderText()


def test_exportar_a_excel_confirma_antes_de_reemplazar(demo_sqlite, qtbot, avisos, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    from app.vistas.bitacora import exportar

    respuestas = Respuestas()
    monkeypatch.setattr(exportar.comunes, "confirmar", respuestas.confirmar)
    carpeta = tmp_path / "salida"
    carpeta.mkdir()
    destino = carpeta / "bitacora.xlsx"
    destino.write_bytes(b"anterior")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(carpeta / "bitacora"), "")))
    vista = abrir(qtbot)
    vista.filtros.modulo.setCurrentIndex(vista.filtros.modulo.findData("Oficios"))
    respuestas.si = False
    qtbot.mouseClick(vista.boton_exportar, Qt.MouseButton.LeftButton)
    assert respuestas.preguntas == ["Ya existe «bitacora.xlsx».\n¿Desea reemplazarlo?"]
    assert destino.read_bytes() == b"anterior" and avisos == []
    respuestas.si = True
    qtbot.mouseClick(vista.boton_exportar, Qt.MouseButton.LeftButton)
    assert avisos == [("Exportación terminada", f"Se exportaron {vista.coinciden:,} entradas de la bitácora a:\n"
                                                f"{destino}")]
    hoja = load_workbook(destino).active
    filas_excel = list(hoja.iter_rows(min_row=5, values_only=True))
    assert len(filas_excel) == vista.coinciden and all(isinstance(f[0], dt.datetime) for f in filas_excel)
    assert {f[4] for f in filas_excel} == {"Oficios"}


def test_seleccionar_otra_entrada_muestra_su_instantanea(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    fila = next(i for i, f in enumerate(filas(vista)) if f[4].startswith("Contador de folios"))
    vista.tabla.vista.selectRow(fila)
    texto = vista.panel.instantanea.toPlainText()
    instantanea = json.loads(texto[texto.index("{"):])
    assert "serie" in instantanea and "ultimo" in instantanea
    assert "Ultimo: " in vista.panel.cambios.toPlainText()


def test_verificar_integridad_en_datos_de_demostracion(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    total = consulta_bitacora.total(usuario("director"))
    qtbot.mouseClick(vista.boton_verificar, Qt.MouseButton.LeftButton)
    assert avisos == [("Bitácora íntegra", f"La bitácora está íntegra: {total:,} entradas verificadas.")]


def test_verificar_detecta_un_cambio_hecho_por_fuera(demo_sqlite, qtbot, avisos):
    demo_sqlite.execute_sql("UPDATE oficio SET asunto='x' WHERE id=1")
    vista = abrir(qtbot)
    qtbot.mouseClick(vista.boton_verificar, Qt.MouseButton.LeftButton)
    titulo, mensaje = avisos[-1]
    assert titulo == "Problemas de integridad"
    assert "oficio #1" in mensaje and "asunto" in mensaje
    assert "oficio #1" in vista.ultimo_informe


def test_roles_sin_permiso_no_ven_entradas(demo_sqlite, qtbot, avisos):
    for nombre in ("consulta", "asistente"):
        vista = abrir(qtbot, nombre)
        assert vista.tabla is None
        assert vista.aviso.text() == "Su rol no permite consultar la bitácora."
        vista.refrescar()                    # F5 no hace nada ni muestra errores
    assert avisos == []


def test_las_fuentes_viajan_con_el_programa(qapp):
    """La interfaz usa las familias que trae recursos/fuentes, no las que la PC sustituya."""
    from PySide6.QtGui import QFontInfo

    from app.vistas.comun.fuentes import FAMILIA_FIJA, FAMILIA_TEXTO, fuente_fija, registrar_fuentes

    assert {FAMILIA_TEXTO, FAMILIA_FIJA} <= registrar_fuentes()
    assert QFontInfo(qapp.font()).family() == FAMILIA_TEXTO
    assert QFontInfo(fuente_fija()).family() == FAMILIA_FIJA and QFontInfo(fuente_fija()).fixedPitch()
