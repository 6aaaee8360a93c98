"""El formulario del paso actual en la pestaña «Trámites»: se arma con los campos del JSON del
procedimiento, no deja cerrar el paso sin lo requerido (marcado en el formulario) y lo capturado
queda con el paso. El plazo vencido se ve en rojo y el oficio del paso tiene vista previa."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit

from app.modelos import PasoTramite, Tramite, ValorPaso
from app.tiempo import ahora_mexico
from app.vistas.comun import comunes
from app.vistas.tramites.tramites import VistaTramites
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    return r


def _tramite(procedimiento: int) -> Tramite:
    """Un trámite llevado en Trámites (un manual sin módulos), en el paso que se prueba: P16 en 2, P03 en 3."""
    from app.demo import datos_tramites
    from app.modelos import Dependencia
    from app.servicios.oficios import oficios
    from app.servicios.tramites import tramites
    from app.tiempo import hoy_mexico

    hasta = {16: "2", 3: "3"}[procedimiento]
    nombre = "Contraloría Municipal" if procedimiento == 16 else "Dirección de Ingresos"
    entrante = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio=f"PR/{procedimiento:02d}/0001/2026", fecha_documento=hoy_mexico(),
        procedencia=Dependencia.get(Dependencia.nombre == nombre), solicitante_nombre="Titular de prueba",
        solicitante_cargo="Titular", firmado=True, descripcion="Caso para probar el formulario del paso.")
    tramite = tramites.abrir_tramite(usuario("sistemas"), procedimiento, "Caso de prueba del formulario",
                                     oficio_entrada=entrante)
    while tramite.paso_actual != hasta:
        datos_tramites.avanzar(usuario("sistemas"), tramite)
        tramite = tramites.obtener(tramite.id)
    return tramite


def _vista(qtbot, tramite: Tramite) -> VistaTramites:
    vista = mostrar(qtbot, VistaTramites(usuario("sistemas")), 1366, 900)
    assert vista.seleccionar(tramite.id) is not False
    return vista


def test_el_formulario_sale_del_json_y_no_deja_cerrar_sin_lo_requerido(qtbot, demo_sqlite, respuestas, manual_sin_modulos):
    tramite = _tramite(16)                       # P16, paso 2: «se hace la programación y se presenta previo»
    assert tramite.paso_actual == "2"
    vista = _vista(qtbot, tramite)
    controles = vista.formulario_paso.controles
    assert isinstance(controles["cambios_programados"][0], QPlainTextEdit)       # texto_largo
    assert isinstance(controles["url_previo"][0], QLineEdit)                     # url
    assert vista.formulario_paso.isVisible() and "h hábiles" in vista.plazo.text()   # 40 h
    pasos_antes = PasoTramite.select().where(PasoTramite.tramite == tramite).count()

    vista.boton_continuar.click()                 # sin «Cambios programados»
    assert Tramite.get_by_id(tramite.id).paso_actual == "2"
    assert PasoTramite.select().where(PasoTramite.tramite == tramite).count() == pasos_antes
    assert "Cambios programados" in vista.formulario_paso.errores.text()
    assert vista.formulario_paso.errores.isVisibleTo(vista)
    assert controles["cambios_programados"][0].property("error") is True

    controles["cambios_programados"][0].setFocus()
    teclear(qtbot, controles["cambios_programados"][0], "Nuevo formato y su validación")
    teclear(qtbot, controles["url_previo"][0], "no es una dirección")
    vista.boton_continuar.click()                 # la dirección mal escrita también se rechaza
    assert Tramite.get_by_id(tramite.id).paso_actual == "2"
    assert controles["url_previo"][0].property("error") is True
    controles["url_previo"][0].clear()
    teclear(qtbot, controles["url_previo"][0], "https://declaraciones.texmelucan.gob.mx/previo")
    vista.boton_continuar.click()
    assert Tramite.get_by_id(tramite.id).paso_actual == "3"
    guardados = {v.clave: v.texto for v in ValorPaso.select().where(ValorPaso.tramite == tramite)}
    assert guardados["cambios_programados"] == "Nuevo formato y su validación"
    assert "Nuevo formato y su validación" in vista.registro_datos.text()     # registro legible, no JSON
    assert "{" not in vista.registro_datos.text()
    assert respuestas.avisos == []


def test_decision_con_campos_de_si_o_no_e_importe(qtbot, demo_sqlite, respuestas, manual_sin_modulos):
    tramite = _tramite(3)                         # P03, paso 3: «¿El proyecto es viable?»
    vista = _vista(qtbot, tramite)
    controles = vista.formulario_paso.controles
    tecnologia = controles["cuenta_con_tecnologia"][0]
    assert isinstance(tecnologia, QComboBox) and [tecnologia.itemText(i) for i in range(3)] == ["", "Sí", "No"]
    vista.botones_opcion["Sí"].click()
    assert Tramite.get_by_id(tramite.id).paso_actual == "3"
    texto = vista.formulario_paso.errores.text()
    assert "tecnología" in texto and "recursos económicos" in texto          # nombra cada faltante
    tecnologia.setCurrentIndex(1)
    controles["cuenta_con_recursos"][0].setCurrentIndex(1)
    teclear(qtbot, controles["costo_estimado"][0], "185000.50")
    teclear(qtbot, controles["justificacion"][0], "Hay servidor y presupuesto en la partida 5151.")
    vista.formulario_paso.poner_archivo("evaluacion_viabilidad", _pdf(qtbot))
    vista.botones_opcion["Sí"].click()
    assert Tramite.get_by_id(tramite.id).paso_actual == "4"
    valor = ValorPaso.get((ValorPaso.tramite == tramite) & (ValorPaso.clave == "costo_estimado"))
    assert valor.texto == "$185,000.50"


def _pdf(qtbot):
    from pathlib import Path
    import tempfile

    from reportlab.pdfgen import canvas

    ruta = Path(tempfile.mkdtemp()) / "evaluacion.pdf"
    lienzo = canvas.Canvas(str(ruta))
    lienzo.drawString(72, 720, "Evaluación de viabilidad")
    lienzo.save()
    return ruta


def test_plazo_vencido_en_rojo(qtbot, demo_sqlite, respuestas, reloj, manual_sin_modulos):
    tramite = _tramite(16)
    reloj.fijar(ahora_mexico() + dt.timedelta(days=30))
    vista = _vista(qtbot, tramite)
    assert "VENCIDO" in vista.plazo.text() and vista.plazo.property("vencido") is True


def test_oficio_del_paso_con_vista_previa_sin_folio(qtbot, demo_sqlite, respuestas, monkeypatch, manual_sin_modulos):
    """P03 3.1 produce el oficio de proyecto no viable: vista previa primero; «Regresar» no toma folio."""
    from app.modelos import Oficio
    from app.vistas.oficios.vista_previa import DialogoVistaPrevia

    tramite = _tramite(3)
    vista = _vista(qtbot, tramite)
    controles = vista.formulario_paso.controles
    controles["cuenta_con_tecnologia"][0].setCurrentIndex(2)
    controles["cuenta_con_recursos"][0].setCurrentIndex(2)
    teclear(qtbot, controles["justificacion"][0], "No hay presupuesto este ejercicio.")
    vista.formulario_paso.poner_archivo("evaluacion_viabilidad", _pdf(qtbot))
    vista.botones_opcion["No"].click()
    assert Tramite.get_by_id(tramite.id).paso_actual == "3.1"
    assert vista.boton_vista_previa.isVisibleTo(vista) and vista.boton_emitir_documento.isVisibleTo(vista)
    emitidos = Oficio.select().where(Oficio.tipo == "saliente").count()
    vistas_previas: list[DialogoVistaPrevia] = []

    def regresar(dialogo) -> int:
        vistas_previas.append(dialogo)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DialogoVistaPrevia, "exec", regresar)
    vista.emitir_documento()                        # falta el motivo: no hay vista previa
    assert not vistas_previas and "motivo" in vista.formulario_paso.errores.text().lower()
    teclear(qtbot, vista.formulario_paso.controles["motivo_no_viable"][0], "Sin suficiencia presupuestal.")
    vista.emitir_documento()                        # vista previa y «Regresar»: sin folio
    assert len(vistas_previas) == 1 and vistas_previas[0].paginas
    assert Oficio.select().where(Oficio.tipo == "saliente").count() == emitidos

    monkeypatch.setattr(DialogoVistaPrevia, "exec", lambda _d: QDialog.DialogCode.Accepted)
    vista.emitir_documento()
    nuevo = Oficio.select().where(Oficio.tipo == "saliente").order_by(Oficio.id.desc()).first()
    assert Oficio.select().where(Oficio.tipo == "saliente").count() == emitidos + 1
    assert nuevo.tramite_id == tramite.id and "Sin suficiencia presupuestal." in nuevo.cuerpo
    assert "${" not in nuevo.cuerpo and any("Oficio emitido" in t for t, _m in respuestas.avisos)
