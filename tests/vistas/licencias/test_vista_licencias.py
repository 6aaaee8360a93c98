"""Módulo «Licencias» usado como lo usaría Soporte Técnico; se comprueba lo que quedó en la base."""
from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.modelos import AsignacionLicencia, Licencia, Tramite
from app.servicios.licencias import licencias
from app.vistas.comun import ayudas as dictamenes_comun, comunes
from app.vistas.licencias import licencias as vista_licencias
from app.vistas.licencias.licencias import VistaLicencias
from app.vistas.licencias.dialogos import DialogoAsignar, DialogoLicencia, DialogoSolicitudSoftware
from tests.ayudas_dictamenes import crear_bien
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui
CLAVE = "Q7WXR-2KJ9P-HT4MV-83CDN-6YBFG"


@pytest.fixture
def respuestas(monkeypatch, tmp_path):
    r = Respuestas()
    r.motivo = "Se desinstaló al formatear el equipo."
    for modulo in (comunes, vista_licencias, dictamenes_comun):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_licencias, "confirmar", r.confirmar)
    monkeypatch.setattr(vista_licencias, "pedir_texto", lambda *_a, **_k: r.motivo)
    r.carpeta = tmp_path
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, sugerido, _f: (str(tmp_path / sugerido.split("/")[-1]), "")))
    yield r
    licencias.fijar_dias_aviso(licencias.DIAS_AVISO_OMISION)   # la configuración de la PC es de la sesión


def abrir(qtbot, nombre: str = "soporte") -> VistaLicencias:
    return mostrar(qtbot, VistaLicencias(usuario(nombre)), 1260, 740)


def clic(qtbot, boton) -> None:
    assert boton.isEnabled(), boton.text()
    qtbot.mouseClick(boton, Qt.MouseButton.LeftButton)


def seleccionar_software(vista: VistaLicencias, nombre: str, descripcion: str = "") -> None:
    fila = next(r for r in vista._registros if r["software"] == nombre and descripcion in r["descripcion"])
    vista.seleccionar(fila["id"])


def test_alertas_resaltadas_y_filtro(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot)
    assert vista.tabla.modelo.rowCount() == 10
    alertas = {vista.tabla.modelo.index(f, 0).data(): vista.tabla.modelo.index(f, 8).data()
               for f in range(vista.tabla.modelo.rowCount()) if vista.tabla.modelo.index(f, 8).data()}
    assert alertas["CONTPAQi Nóminas"] == "Sobreasignada (3 de 2)"
    assert alertas["Microsoft 365 Empresa Estándar"].startswith("Vence en 20")
    fila = next(f for f in range(vista.tabla.modelo.rowCount())
                if vista.tabla.modelo.index(f, 0).data() == "CONTPAQi Nóminas")
    assert vista.tabla.modelo.index(fila, 0).data(Qt.ItemDataRole.ForegroundRole) == vista_licencias.COLOR_ALERTA
    assert vista.tabla.modelo.index(fila, 7).data() == "$18,940.00"
    vista.filtro_alerta.setCurrentIndex(vista.filtro_alerta.findData("sobreasignada"))
    assert vista.tabla.modelo.rowCount() == 1
    # Días de aviso configurables: con 400 días entran más licencias por vencer.
    vista.filtro_alerta.setCurrentIndex(vista.filtro_alerta.findData("por_vencer"))
    assert vista.tabla.modelo.rowCount() == 1
    vista.dias.setValue(400)
    vista.dias.editingFinished.emit()
    assert licencias.dias_aviso() == 400 and vista.tabla.modelo.rowCount() > 1


def test_nueva_licencia_clave_oculta_y_ver_clave(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot, "director")
    clic(qtbot, vista.boton_nueva)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoLicencia)
    dialogo.software.setCurrentIndex(dialogo.software.findText("Windows 11 Pro"))
    dialogo.tipo.setCurrentIndex(dialogo.tipo.findData(licencias.OEM))
    teclear(qtbot, dialogo.descripcion, "OEM de la laptop de Dirección")
    qtbot.keyClicks(dialogo.clave, CLAVE)
    assert dialogo.clave.echoMode() == dialogo.clave.EchoMode.Password
    dialogo.costo.setText("$3,250.50")
    with qtbot.waitSignal(dialogo.finished):
        clic(qtbot, dialogo.boton_guardar)
    nueva = Licencia.get_by_id(vista.licencia.id)
    assert nueva.costo == Decimal("3250.50") and CLAVE not in nueva.clave_cifrada
    assert vista.campos["clave"].text() == "•••••-•••••-•••••-•••••-6YBFG"
    clic(qtbot, vista.boton_ver_clave)
    assert any(CLAVE in m for _t, m in respuestas.avisos)
    # El asistente no puede ver la clave completa.
    otra = abrir(qtbot, "asistente")
    otra.seleccionar(nueva.id)
    assert not otra.boton_ver_clave.isEnabled() and not otra.boton_nueva.isEnabled()


def test_asignar_y_quitar(demo_sqlite, qtbot, respuestas):
    crear_bien("SMT-TIC-00906", serie="DELL3080-906")
    vista = abrir(qtbot)
    seleccionar_software(vista, "Adobe Acrobat Pro")
    antes = vista.asignaciones.count()
    clic(qtbot, vista.boton_asignar)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoAsignar)
    dialogo.destino.a_servidor.setChecked(True)
    dialogo.destino.servidor.setCurrentIndex(dialogo.destino.servidor.findText("Sofía Navarro Peña"))
    clic(qtbot, dialogo.boton_guardar)
    assert dialogo.isVisible() and "ya está asignada" in dialogo.errores.text()
    dialogo.destino.a_bien.setChecked(True)
    teclear(qtbot, dialogo.destino.bien, "SMT-TIC-00906")
    with qtbot.waitSignal(dialogo.finished):
        clic(qtbot, dialogo.boton_guardar)
    assert vista.asignaciones.count() == antes + 1
    vista.asignaciones.setCurrentRow(vista.asignaciones.count() - 1)
    clic(qtbot, vista.boton_quitar)
    assert vista.asignaciones.count() == antes
    baja = AsignacionLicencia.select().where(AsignacionLicencia.activa == False).get()  # noqa: E712
    assert baja.motivo_baja == "Se desinstaló al formatear el equipo." and baja.bien.numero_inventario == "SMT-TIC-00906"


def test_solicitud_sin_licencia_abre_tramite_de_adquisicion(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot)
    clic(qtbot, vista.boton_solicitud)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoSolicitudSoftware)
    dialogo.software.setCurrentIndex(dialogo.software.findText("AutoCAD LT 2026"))
    assert "No hay licencia disponible" in dialogo.disponibilidad.text()
    assert dialogo.alternativa.text() == "LibreCAD o FreeCAD"
    dialogo.adquirir.setChecked(True)
    teclear(qtbot, dialogo.justificacion, "Planos en DWG del área de proyectos.")
    antes = Tramite.select().count()
    with qtbot.waitSignal(dialogo.finished):
        clic(qtbot, dialogo.boton_guardar)
    # Dos trámites: el de adquisición (procedimiento 1) y el caso propio de la solicitud (procedimiento 10).
    nuevos = sorted(t.procedimiento for t in Tramite.select().order_by(Tramite.id.desc()).limit(2))
    assert Tramite.select().count() == antes + 2 and nuevos == [1, 10]
    assert any("trámite de adquisición" in m for _t, m in respuestas.avisos)
    assert vista.tabla_solicitudes.modelo.rowCount() == 4


def test_informe_y_exportar(demo_sqlite, qtbot, respuestas):
    vista = abrir(qtbot)
    clic(qtbot, vista.boton_informe_excel)
    libro = openpyxl.load_workbook(io.BytesIO((respuestas.carpeta / "informe-licencias.xlsx").read_bytes()))
    assert {"Licencias", "Resumen"} <= set(libro.sheetnames)
    clic(qtbot, vista.boton_informe_pdf)
    assert (respuestas.carpeta / "informe-licencias.pdf").read_bytes().startswith(b"%PDF")
    vista.filtro_tipo.setCurrentIndex(vista.filtro_tipo.findData(licencias.OEM))
    clic(qtbot, vista.boton_exportar)
    filas = list(openpyxl.load_workbook(io.BytesIO((respuestas.carpeta / "licencias.xlsx").read_bytes()))
                 .active.iter_rows(values_only=True))
    assert filas[0][0] == "Software" and len(filas) == 1 + 3
    assert all(f[0] == "Windows 11 Pro" and f[3].endswith(("3B6YG", "9YF6G", "6FG3Y")) for f in filas[1:])


def test_catalogo_editar_quitar_clave_baja_y_cfdi(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    from app.modelos import Software
    from app.vistas.licencias.dialogos import DialogoCatalogoSoftware

    vista = abrir(qtbot, "director")
    # Catálogo: alta de un programa con su alternativa libre; el diálogo sigue abierto para otro.
    clic(qtbot, vista.boton_catalogo)
    catalogo = vista.dialogo
    assert isinstance(catalogo, DialogoCatalogoSoftware)
    teclear(qtbot, catalogo.nombre, "Adobe Photoshop")
    teclear(qtbot, catalogo.alternativa, "GIMP")
    clic(qtbot, catalogo.boton_guardar)
    assert Software.get(Software.nombre == "Adobe Photoshop").alternativa_libre == "GIMP"
    clic(qtbot, catalogo.boton_nuevo)
    teclear(qtbot, catalogo.nombre, "adobe photoshop")
    clic(qtbot, catalogo.boton_guardar)
    assert "Ya existe" in catalogo.errores.text()
    catalogo.accept()
    # Editar: quitar la clave guardada.
    seleccionar_software(vista, "CONTPAQi Nóminas")
    clic(qtbot, vista.boton_editar)
    edicion = vista.dialogo
    assert edicion.clave.text() == "" and "3-XK29" in edicion.clave.placeholderText()
    edicion.quitar_clave.setChecked(True)
    with qtbot.waitSignal(edicion.finished):
        clic(qtbot, edicion.boton_guardar)
    contpaq = Licencia.get_by_id(vista.licencia.id)
    assert contpaq.clave_cifrada == "" and contpaq.clave_mascara == "" and not vista.boton_ver_clave.isEnabled()
    # CFDI: se abre con el programa predeterminado.
    abiertos = []
    monkeypatch.setattr(vista_licencias, "abrir_con_programa", lambda _p, nombre, datos: abiertos.append(nombre))
    xml = tmp_path / "cfdi-contpaq.xml"
    xml.write_bytes(b'<?xml version="1.0"?><cfdi:Comprobante/>')
    licencias.registrar_licencia(usuario("director"), software=contpaq.software, tipo=contpaq.tipo,
                                 asientos=contpaq.asientos, vigencia_fin=contpaq.vigencia_fin, cfdi_archivo=xml,
                                 licencia=contpaq, version=contpaq.version)
    vista.refrescar()
    clic(qtbot, vista.boton_cfdi)
    assert abiertos == ["cfdi-contpaq.xml"]
    # Baja lógica con motivo: desaparece de las activas, queda con «Con las dadas de baja».
    respuestas.motivo = "No se renovó; se migró a la nómina en línea."
    clic(qtbot, vista.boton_baja)
    assert not Licencia.get_by_id(contpaq.id).activa
    assert all(r["id"] != contpaq.id for r in vista._registros)
    vista.filtro_bajas.setCurrentIndex(1)
    assert any(r["id"] == contpaq.id for r in vista._registros)
