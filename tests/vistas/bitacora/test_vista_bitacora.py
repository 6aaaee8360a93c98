"""Módulo «Bitácora»: lista, detalle con la instantánea y verificación de integridad."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from app.servicios.nucleo import consulta_bitacora
from app.vistas.bitacora import bitacora as vista_bitacora
from app.vistas.comun import comunes
from app.vistas.bitacora.bitacora import VistaBitacora
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
    assert len(lista) == total > 50
    ids = [vista.tabla.modelo.id_de(i) for i in range(len(lista))]
    assert ids == sorted(ids, reverse=True)
    assert lista[0][2] == "cancelación de oficio" and lista[0][3] == "oficio"
    assert lista[0][5].endswith("…") and len(lista[0][5]) == 13            # hash abreviado
    assert f"{total:,} entradas" in vista.total.text()
    # La primera fila queda seleccionada y su instantánea se ve como JSON con sangría.
    detalle = vista.detalle.toPlainText()
    assert "Acción: cancelación de oficio" in detalle
    assert '  "estado": "cancelado",' in detalle and '"motivo_cancelacion"' in detalle
    # La fuente de ancho fijo es la que trae la aplicación (recursos/fuentes), no la que tenga la PC.
    fuente = QFontInfo(vista.detalle.font())
    assert vista.detalle.isReadOnly() and fuente.family() == "Liberation Mono" and fuente.fixedPitch()


def test_filtrar_al_escribir(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    with qtbot.waitSignal(vista.tabla.filtro_cambiado):
        qtbot.keyClicks(vista.tabla.busqueda, "cancel")
    lista = filas(vista)
    assert lista and all("cancel" in (f[1] + f[2] + f[3]) for f in lista)
    vista.tabla.busqueda.clear()
    with qtbot.waitSignal(vista.tabla.filtro_cambiado):
        qtbot.keyClicks(vista.tabla.busqueda, "asistente")
    assert {f[1] for f in filas(vista)} == {"asistente"}


def test_seleccionar_otra_entrada_muestra_su_instantanea(demo_sqlite, qtbot, avisos):
    vista = abrir(qtbot)
    fila = next(i for i, f in enumerate(filas(vista)) if f[3] == "dependencia")
    vista.tabla.vista.selectRow(fila)
    texto = vista.detalle.toPlainText()
    json_inicio = texto.index("{")
    instantanea = json.loads(texto[json_inicio:])
    assert "nombre" in instantanea and "siglas" in instantanea


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
