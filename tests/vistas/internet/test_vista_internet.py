"""Pestaña «Internet» usada como la usarían el asistente y el jefe de Redes; se comprueba lo que quedó."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.modelos import Oficio, PoliticaFiltrado, SolicitudDesbloqueo, Tramite
from app.servicios.internet import solicitudes
from app.tiempo import hoy_mexico
from app.vistas.comun import ayudas, comunes
from app.vistas.internet import internet as vista_internet
from app.vistas.internet.dialogos import DialogoDecision, DialogoPolitica, DialogoSolicitud
from app.vistas.internet.internet import VistaInternet
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario
from tests.servicios.internet.ayudas import cargar_base, oficio, politica, solicitud

pytestmark = pytest.mark.gui


@pytest.fixture
def datos(bd_sqlite, reloj):
    """Una excepción que ya venció, una vigente y una solicitud por decidir."""
    cargar_base()
    reloj.fijar(dt.datetime.combine(hoy_mexico() - dt.timedelta(days=40), dt.time(10, 0)))
    politica()
    vieja = solicitud("youtube.com", numero="DCS/0100/2026")
    solicitudes.decidir(usuario("redes"), vieja, infringe=False, categoria="Streaming de video y música",
                        razon="Curso.", regla_firewall="permitir youtube.com",
                        vence=hoy_mexico() + dt.timedelta(days=20))
    reloj.fijar(dt.datetime.combine(hoy_mexico() + dt.timedelta(days=38), dt.time(10, 0)))
    vigente = solicitud("facebook.com", numero="DCS/0188/2026")
    solicitudes.decidir(usuario("redes"), vigente, infringe=False, categoria="Redes sociales", razon="Difusión.",
                        regla_firewall="permitir facebook.com", vence=hoy_mexico() + dt.timedelta(days=180))
    solicitud("https://vimeo.com/inai", numero="DCS/0200/2026")
    return bd_sqlite


@pytest.fixture
def respuestas(monkeypatch, tmp_path):
    r = Respuestas()
    for modulo in (comunes, vista_internet, ayudas):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    r.carpeta = tmp_path
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, sugerido, _f: (str(tmp_path / sugerido.split("/")[-1]), "")))
    return r


def abrir(qtbot, nombre: str = "redes") -> VistaInternet:
    return mostrar(qtbot, VistaInternet(usuario(nombre)), 1300, 700)


def clic(qtbot, boton) -> None:
    assert boton.isEnabled(), boton.toolTip()
    qtbot.mouseClick(boton, Qt.MouseButton.LeftButton)


def _celdas(tabla, columna: int) -> list[str]:
    return [tabla.modelo.index(f, columna).data() for f in range(tabla.modelo.rowCount())]


def test_la_pantalla_muestra_solicitudes_excepciones_vencidas_y_politica(datos, qtbot, respuestas):
    vista = abrir(qtbot)
    assert _celdas(vista.tabla, 1) == ["vimeo.com", "facebook.com", "youtube.com"]
    fila_vencida = _celdas(vista.tabla, 1).index("youtube.com")
    assert vista.tabla.modelo.index(fila_vencida, 4).data().startswith("Vencida el ")
    assert vista.tabla.modelo.index(fila_vencida, 0).data(Qt.ItemDataRole.ForegroundRole) == vista_internet.COLOR_VENCIDA
    # Filtrar al teclear y ordenar por encabezado.
    teclear(qtbot, vista.tabla.busqueda, "vimeo")
    qtbot.waitUntil(lambda: _celdas(vista.tabla, 1) == ["vimeo.com"])
    vista.tabla.busqueda.clear()
    qtbot.waitUntil(lambda: vista.tabla.modelo.rowCount() == 3)
    vista.tabla.vista.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _celdas(vista.tabla, 1) == ["facebook.com", "vimeo.com", "youtube.com"]
    # El detalle de la pendiente y el botón de decidir.
    pendiente = SolicitudDesbloqueo.get(SolicitudDesbloqueo.sitio == "vimeo.com")
    vista.seleccionar(pendiente.id)
    assert vista.titulo_detalle.text() == "vimeo.com"
    assert vista.campos["solicitante"].text() == "Daniela Aguilar Romero"
    assert "Paso 4" in vista.campos["tramite"].text()
    assert vista.boton_decidir.isEnabled() and not vista.boton_ver_oficio.isEnabled()
    # Excepciones: la vencida primero, en rojo, y el aviso lo dice.
    assert _celdas(vista.tabla_excepciones, 0) == ["youtube.com", "facebook.com"]
    assert vista.tabla_excepciones.modelo.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == vista_internet.COLOR_VENCIDA
    assert vista.tabla_excepciones.modelo.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "1 excepción(es) vigente(s)" in vista.aviso_excepciones.text() and "1 vencida" in vista.aviso_excepciones.text()
    assert vista.versiones.count() == 1 and "Apuestas — sin excepciones" in vista.texto_version.text()


def test_registrar_y_decidir_desde_la_pantalla(datos, qtbot, respuestas):
    entrada = oficio("DCS/0300/2026")
    vista = abrir(qtbot, "asistente")
    assert not vista.boton_decidir.isEnabled() and not vista.boton_politica.isEnabled()
    clic(qtbot, vista.boton_nueva)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoSolicitud)
    dialogo.oficio.setCurrentIndex(dialogo.oficio.findData(entrada.id))
    assert "titular de Dirección de Comunicación Social" in dialogo.firmante.text()
    teclear(qtbot, dialogo.sitio, "https://WWW.Instagram.com/texmelucan")
    assert dialogo.dominio.text().endswith("instagram.com")
    teclear(qtbot, dialogo.motivo, "Publicar la agenda del Presidente Municipal.")
    with qtbot.waitSignal(dialogo.finished):
        clic(qtbot, dialogo.boton_guardar)
    nueva = SolicitudDesbloqueo.get(SolicitudDesbloqueo.sitio == "instagram.com")
    assert vista.solicitud.id == nueva.id

    redes = abrir(qtbot, "redes")
    redes.seleccionar(nueva.id)
    clic(qtbot, redes.boton_decidir)
    decision = redes.dialogo
    assert isinstance(decision, DialogoDecision)
    decision.no.setChecked(True)
    decision.categoria.setCurrentIndex(decision.categoria.findData("Apuestas"))
    teclear(qtbot, decision.razon, "Lo pide el titular.")
    teclear(qtbot, decision.regla, "permitir instagram.com")
    clic(qtbot, decision.boton_guardar)
    # Rehusado con su razón, sin cerrar el diálogo ni escribir nada.
    assert "no libera en ningún caso" in decision.errores.text() and decision.isVisible()
    assert SolicitudDesbloqueo.get_by_id(nueva.id).estado == solicitudes.RECIBIDA
    decision.categoria.setCurrentIndex(decision.categoria.findData("Redes sociales"))
    with qtbot.waitSignal(decision.finished):
        clic(qtbot, decision.boton_guardar)
    decidida = SolicitudDesbloqueo.get_by_id(nueva.id)
    assert decidida.estado == solicitudes.LIBERADA and decidida.vence > hoy_mexico()
    assert Tramite.get_by_id(decidida.expediente_id).estado == "concluido"
    folio = Oficio.get_by_id(decidida.oficio_respuesta_id).folio
    assert any(folio in m for _t, m in respuestas.avisos)
    assert redes.campos["respuesta"].text() == folio and redes.boton_ver_oficio.isEnabled()


def test_el_oficio_que_no_firma_el_titular_se_rehusa_en_el_dialogo(datos, qtbot, respuestas):
    entrada = oficio("DCS/0301/2026", firmante="Juan González Rodríguez", cargo="Coordinador de área")
    vista = abrir(qtbot, "asistente")
    clic(qtbot, vista.boton_nueva)
    dialogo = vista.dialogo
    dialogo.oficio.setCurrentIndex(dialogo.oficio.findData(entrada.id))
    assert "el titular es Daniela Aguilar Romero" in dialogo.firmante.text()
    teclear(qtbot, dialogo.sitio, "instagram.com")
    teclear(qtbot, dialogo.motivo, "Difusión.")
    antes = SolicitudDesbloqueo.select().count()
    clic(qtbot, dialogo.boton_guardar)
    assert "no la hace el titular" in dialogo.errores.text() and dialogo.isVisible()
    assert SolicitudDesbloqueo.select().count() == antes


def test_nueva_version_de_la_politica(datos, qtbot, respuestas):
    vista = abrir(qtbot)
    clic(qtbot, vista.boton_politica)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoPolitica)
    assert "Descargas P2P" in dialogo.categorias.toPlainText()
    dialogo.categorias.appendPlainText("Criptomonedas")
    teclear(qtbot, dialogo.descripcion, "Se bloquea la minería de criptomonedas.")
    with qtbot.waitSignal(dialogo.finished):
        clic(qtbot, dialogo.boton_guardar)
    assert [p.numero for p in PoliticaFiltrado.select().order_by(PoliticaFiltrado.numero)] == [1, 2]
    assert vista.versiones.count() == 2 and "Criptomonedas" in vista.texto_version.text()
    assert "versión 2" in vista.resumen_politica.text()


def test_exportar_excel_y_lista_para_el_firewall(datos, qtbot, respuestas):
    vista = abrir(qtbot)
    clic(qtbot, vista.boton_lista)
    assert (respuestas.carpeta / "excepciones-internet.txt").read_bytes() == b"facebook.com\n"
    vista.pestanas.setCurrentWidget(vista.pagina_excepciones)
    clic(qtbot, vista.boton_exportar)
    hoja = openpyxl.load_workbook(io.BytesIO((respuestas.carpeta / "excepciones-internet.xlsx").read_bytes())).active
    filas = [[c.value for c in fila] for fila in hoja.iter_rows()]
    encabezado = next(i for i, f in enumerate(filas) if f[0] == "Sitio")
    assert filas[encabezado][:5] == ["Sitio", "Dependencia", "Autorizó", "Autorizada el", "Vence"]
    youtube = filas[encabezado + 1]
    assert youtube[0] == "youtube.com" and isinstance(youtube[3], dt.datetime) and isinstance(youtube[4], dt.datetime)
    hostil = solicitud("twitch.tv", numero="DCS/0999/2026")
    solicitudes.decidir(usuario("redes"), hostil, infringe=True, categoria="Juegos en línea",
                        razon='=HYPERLINK("http://malo.example/x","ver")')
    vista.refrescar()
    vista.pestanas.setCurrentWidget(vista.pagina_solicitudes)
    clic(qtbot, vista.boton_exportar)
    hoja = openpyxl.load_workbook(io.BytesIO((respuestas.carpeta / "solicitudes-desbloqueo.xlsx").read_bytes())).active
    assert sum(1 for f in hoja.iter_rows(values_only=True) if f[1] in ("vimeo.com", "facebook.com", "youtube.com")) == 3
    celdas = [c for fila in hoja.iter_rows() for c in fila if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert celdas and all(c.data_type == "s" for c in celdas)     # texto, nunca fórmula


def test_el_oficio_abre_el_caso_nuevo_en_esta_pestana(datos, qtbot, respuestas):
    entrada = oficio("DCS/0400/2026")
    vista = abrir(qtbot, "asistente")
    vista.nuevo_caso(20, entrada.id)
    assert isinstance(vista.dialogo, DialogoSolicitud) and vista.dialogo.oficio.currentData() == entrada.id
    vista.dialogo.reject()


def test_consulta_solo_mira_y_el_expediente_abre_su_solicitud(datos, qtbot, respuestas):
    vista = abrir(qtbot, "consulta")
    for b in (vista.boton_nueva, vista.boton_decidir, vista.boton_politica, vista.boton_lista, vista.boton_exportar):
        assert not b.isEnabled()
    vista.nuevo_caso(20)
    assert respuestas.avisos and vista.dialogo is None
    facebook = SolicitudDesbloqueo.get(SolicitudDesbloqueo.sitio == "facebook.com")
    vista.mostrar_expediente(facebook.expediente_id)
    assert vista.titulo_detalle.text() == "facebook.com" and vista.boton_ver_oficio.isEnabled()
