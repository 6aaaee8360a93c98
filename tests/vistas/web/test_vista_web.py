"""Pestaña Web: sub-pestañas, verificador en segundo plano con progreso y cancelar, formularios y Excel."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.modelos import Tramite
from app.servicios.catalogos import usuarios
from app.servicios.web import hipervinculos
from app.vistas.comun import ayudas, comunes
from app.vistas.web import cargas as vista_cargas
from app.vistas.web.web import VistaWeb
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario
from tests.servicios.web.ayudas import imagen, oficio
from tests.servicios.web.servidor_http import servidor_local

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    from app.vistas.web import base

    monkeypatch.setattr(base, "avisar", r.avisar)
    monkeypatch.setattr(base, "confirmar", r.confirmar)
    return r


def _vista(qtbot, sesion) -> VistaWeb:
    return mostrar(qtbot, VistaWeb(sesion), 1366, 700)


def test_demo_muestra_la_verificacion_y_el_historial(demo_sqlite, qtbot, respuestas):
    vista = _vista(qtbot, usuario("director"))
    pagina = vista.hipervinculos
    assert vista.pestanas.currentWidget() is vista.subpestanas_hipervinculos
    assert pagina.tabla.modelo.rowCount() == 15
    assert "3 rotos" in pagina.resumen.text() and "Última verificación" in pagina.resumen.text()
    rotos = [f for f in pagina._registros if f["ultimo_resultado"] == "HTTP 404"]
    fila = pagina.tabla.modelo.fila_de(rotos[0]["id"])
    assert pagina.tabla.modelo.data(pagina.tabla.modelo.index(fila, 0), Qt.ItemDataRole.ForegroundRole) is not None
    pagina.seleccionar(rotos[0]["id"])
    assert pagina.historial.rowCount() == 2 and pagina.detalle.titulo.text().endswith("Roto")
    teclear(qtbot, pagina.tabla.busqueda, "catastro")
    qtbot.waitUntil(lambda: pagina.tabla.modelo.rowCount() == 3)
    # Las otras sub-pestañas tienen sus casos de la demostración.
    assert vista.cargas.tabla.modelo.rowCount() == 3 and vista.declaraciones.tabla.modelo.rowCount() == 2
    assert vista.solicitudes_hipervinculos.tabla.modelo.rowCount() == 2


def test_mostrar_expediente_abre_el_caso_en_su_subpestana(demo_sqlite, qtbot, respuestas):
    vista = _vista(qtbot, usuario("sistemas"))
    tramite = Tramite.get(Tramite.asunto == "Formato de conflicto de interés en la plataforma de declaraciones")
    vista.mostrar_expediente(tramite.id)
    assert vista.pestanas.currentWidget() is vista.declaraciones
    assert vista.declaraciones.fila_actual()["expediente"] == tramite.id
    assert vista.declaraciones.boton_previo.isEnabled() and not vista.declaraciones.boton_publicar.isEnabled()


def test_declaraciones_de_otra_dependencia_se_rehusan_en_el_formulario(demo_sqlite, qtbot, respuestas):
    de_ingresos = {"id": oficio("DI", "DI/0777/2026").id}
    vista = _vista(qtbot, usuario("sistemas"))
    antes = vista.declaraciones.tabla.modelo.rowCount()
    vista.nuevo_caso(16, de_ingresos["id"])
    dialogo = vista.declaraciones.dialogo
    assert dialogo.widgets["oficio"].currentData() == de_ingresos["id"]
    dialogo.widgets["actualizacion"].setPlainText("Agregar un campo de domicilio")
    dialogo.aceptar()
    assert dialogo.isVisible() and "solo la Contraloría Municipal" in dialogo.errores.text()
    assert vista.declaraciones.tabla.modelo.rowCount() == antes
    dialogo.reject()


def test_nueva_carga_valida_y_rehusa_la_imagen_mala(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    vista = _vista(qtbot, usuario("sistemas"))
    pagina = vista.cargas
    vista.nuevo_caso(14)
    dialogo = pagina.dialogo
    dialogo.widgets["contiene_imagenes"].setChecked(True)
    dialogo.widgets["descripcion"].setPlainText("Aviso de cierre por fin de año")
    dialogo.widgets["url_pagina"].setText("texmelucan.example/avisos")
    dialogo.aceptar()
    assert dialogo.isVisible() and "http://" in dialogo.errores.text()
    assert dialogo.widgets["url_pagina"].property("error") is True
    dialogo.widgets["url_pagina"].setText("https://texmelucan.example/avisos")
    dialogo.aceptar()
    qtbot.waitUntil(lambda: pagina.dialogo is None)
    fila = pagina.fila_actual()
    assert fila["url_pagina"] == "https://texmelucan.example/avisos" and fila["estado"] == "imagenes"
    assert pagina.boton_imagenes.isEnabled() and not pagina.boton_publicar.isEnabled()
    falsa = tmp_path / "cartel.png"
    falsa.write_bytes(imagen("GIF"))           # dice PNG, es GIF
    monkeypatch.setattr(vista_cargas, "elegir_imagenes", lambda _p: [falsa])
    pagina.recibir_imagenes()
    assert "no está en el formato correcto" in respuestas.texto()
    assert pagina.fila_actual()["imagenes"] == 0
    buena = tmp_path / "cartel-bueno.png"
    buena.write_bytes(imagen())
    monkeypatch.setattr(vista_cargas, "elegir_imagenes", lambda _p: [buena])
    pagina.recibir_imagenes()
    assert pagina.fila_actual()["imagenes"] == 1 and pagina.fila_actual()["estado"] == "programacion"
    assert "PNG 800×600" in pagina.detalle.campos["imagenes"].text()


def test_exportar_lista_con_fechas_reales(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    vista = _vista(qtbot, usuario("director"))
    destino = tmp_path / "hipervinculos.xlsx"
    monkeypatch.setattr(ayudas, "ruta_para_guardar", lambda *_a: destino)
    vista.hipervinculos.exportar()
    filas = list(openpyxl.load_workbook(io.BytesIO(destino.read_bytes())).active.iter_rows(values_only=True))
    assert filas[0][-1] == "Verificado el" and len(filas) == 16
    assert all(isinstance(f[-1], dt.datetime) for f in filas[1:])


@pytest.fixture
def sistema_con_enlaces(bd_sqlite):
    return usuarios.usuario_sistema()


def test_verificar_en_segundo_plano_con_progreso(sistema_con_enlaces, qtbot, respuestas):
    actor = sistema_con_enlaces
    with servidor_local() as servidor:
        for numero, ruta in enumerate(("/ok", "/falta", "/movido", "/lento")):
            hipervinculos.agregar_hipervinculo(actor, area="Ingresos", fraccion=f"Fracción {numero}", periodo="2026",
                                               url=servidor.url(ruta))
        vista = _vista(qtbot, actor)
        pagina = vista.hipervinculos
        pagina.TIEMPO_LIMITE = 0.4
        assert "Ningún hipervínculo se ha verificado" in pagina.resumen.text()
        qtbot.mouseClick(pagina.boton_verificar, Qt.MouseButton.LeftButton)
        assert pagina.verificando and pagina.progreso is not None and not pagina.boton_verificar.isEnabled()
        qtbot.waitUntil(lambda: not pagina.verificando, timeout=5000)
    assert pagina.resumen.text() == "4 verificados; 2 rotos."
    situaciones = {f["url"].rsplit("/", 1)[1]: f["situacion"] for f in pagina._registros}
    assert situaciones == {"ok": "Responde", "falta": "Roto", "movido": "Responde", "lento": "Roto"}
    assert pagina.historial.rowCount() == 1 and pagina.boton_verificar.isEnabled()


def test_cancelar_la_verificacion(sistema_con_enlaces, qtbot, respuestas):
    actor = sistema_con_enlaces
    with servidor_local() as servidor:
        for numero in range(24):
            hipervinculos.agregar_hipervinculo(actor, area="Egresos", fraccion=f"Fracción {numero}", periodo="2026",
                                               url=servidor.url(f"/lento?{numero}"))
        vista = _vista(qtbot, actor)
        pagina = vista.hipervinculos
        pagina.TIEMPO_LIMITE = 0.3
        pagina.verificar()
        from PySide6.QtWidgets import QPushButton

        qtbot.mouseClick(pagina.progreso.findChild(QPushButton), Qt.MouseButton.LeftButton)   # «Cancelar»
        qtbot.waitUntil(lambda: not pagina.verificando, timeout=5000)
    assert pagina.resumen.text().startswith("Verificación cancelada")
    verificados = sum(1 for f in pagina._registros if f["ultimo_ok"] is not None)
    assert verificados < 24
