"""Emitir un oficio desde plantilla en la GUI: lo que falta se señala y la vista previa va antes del folio."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt

from app.modelos import ContadorFolio, Oficio
from app.servicios.oficios import oficios
from app.vistas.comun import comunes
from app.vistas.oficios import oficios as vista_oficios
from app.vistas.oficios.oficios import DialogoEmitirOficio, VistaOficios
from app.vistas.oficios.vista_previa import DialogoVistaPrevia
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui

AVISO = {"clase": "preventivo", "equipo": "el conmutador de Catastro", "tipo": "conmutador de red",
         "procedimiento": "procedimiento para el mantenimiento preventivo",
         "fecha": "sábado 14 de noviembre de 2026", "hora_inicio": "09:00", "hora_fin": "13:00",
         "numero": "MNT-2026-0042", "descripcion": "Actualización de firmware."}


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    for modulo in (comunes, vista_oficios):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_oficios, "confirmar", r.confirmar)
    return r


def texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return " ".join("\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento))).split())


def escrito() -> tuple[int, list[tuple]]:
    return Oficio.select().count(), sorted(ContadorFolio.select(ContadorFolio.anio, ContadorFolio.ultimo).tuples())


def abrir_emitir(qtbot) -> tuple[VistaOficios, DialogoEmitirOficio]:
    vista = mostrar(qtbot, VistaOficios(usuario("director")), 1240, 720)
    ultimo = max(f["id"] for f in oficios.consultar(tipo=oficios.SALIENTE))
    vista.tabla.vista.selectRow(vista.tabla.modelo.fila_de(ultimo))   # un emitido: sin «En respuesta a»
    qtbot.mouseClick(vista.boton_emitir, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoEmitirOficio) and dialogo.respuesta.currentData() is None
    teclear(qtbot, dialogo.destinatario, "Sofía Navarro Peña")
    dialogo.destinatario.completer().activated.emit("Sofía Navarro Peña")
    assert dialogo.dependencia.text() == "Dirección de Catastro"
    return vista, dialogo


def elegir_aviso(dialogo: DialogoEmitirOficio) -> None:
    dialogo.plantilla.setCurrentIndex(dialogo.plantilla.findData("aviso_mantenimiento"))


def test_los_datos_que_faltan_se_senalan_y_no_hay_vista_previa_ni_folio(demo_sqlite, qtbot, respuestas):
    _, dialogo = abrir_emitir(qtbot)
    antes = escrito()
    elegir_aviso(dialogo)
    # Un campo por variable que no sale del formulario: ${dependencia} ya la da «Dependencia».
    assert dialogo.caja_plantilla.isVisible()
    assert list(dialogo.campos_plantilla) == ["clase", "equipo", "tipo", "procedimiento", "fecha",
                                              "hora_inicio", "hora_fin", "numero", "descripcion"]
    assert "${equipo}" in dialogo.asunto.text() and "Dirección de Catastro" in dialogo.cuerpo.toPlainText()
    teclear(qtbot, dialogo.campos_plantilla["clase"], "preventivo")
    teclear(qtbot, dialogo.campos_plantilla["equipo"], AVISO["equipo"])
    assert dialogo.asunto.text() == "Aviso de mantenimiento preventivo a el conmutador de Catastro"

    qtbot.mouseClick(dialogo.boton_emitir, Qt.MouseButton.LeftButton)
    assert dialogo.dialogo is None and dialogo.isVisible()           # no se abrió la vista previa
    marcados = [c for c, campo in dialogo.campos_plantilla.items() if campo.property("error")]
    assert marcados == ["tipo", "procedimiento", "fecha", "hora_inicio", "hora_fin", "numero", "descripcion"]
    assert "«fecha»" in dialogo.errores.text() and "«clase»" not in dialogo.errores.text()
    assert respuestas.avisos == [] and escrito() == antes
    # Al escribir el dato, su campo deja de estar marcado y el texto se llena.
    teclear(qtbot, dialogo.campos_plantilla["fecha"], AVISO["fecha"])
    assert not dialogo.campos_plantilla["fecha"].property("error")
    assert AVISO["fecha"] in dialogo.cuerpo.toPlainText()
    dialogo.reject()


def test_variable_tecleada_en_el_cuerpo_se_senala_en_el_cuerpo(demo_sqlite, qtbot, respuestas):
    _, dialogo = abrir_emitir(qtbot)
    antes = escrito()
    teclear(qtbot, dialogo.asunto, "Aviso")
    dialogo.cuerpo.setPlainText("Le aviso que el ${dia} no habrá red.")
    qtbot.mouseClick(dialogo.boton_emitir, Qt.MouseButton.LeftButton)
    assert dialogo.dialogo is None and dialogo.cuerpo.property("error") is True
    assert "${dia}" in dialogo.errores.text()
    assert escrito() == antes
    dialogo.reject()


def test_vista_previa_antes_del_folio_regresar_no_lo_toma_emitir_si(demo_sqlite, qtbot, respuestas):
    vista, dialogo = abrir_emitir(qtbot)
    antes = escrito()
    elegir_aviso(dialogo)
    for clave, valor in AVISO.items():
        teclear(qtbot, dialogo.campos_plantilla[clave], valor)
    assert "${" not in dialogo.asunto.text() + dialogo.cuerpo.toPlainText()

    qtbot.mouseClick(dialogo.boton_emitir, Qt.MouseButton.LeftButton)
    previa = dialogo.dialogo
    assert isinstance(previa, DialogoVistaPrevia) and previa.isVisible() and previa.isModal()
    assert previa.paginas and not previa.paginas[0].pixmap().isNull()
    assert previa.paginas[0].pixmap().width() > 650                     # una hoja carta a ~83 ppp
    assert previa.boton_emitir.text().replace("&", "") == "Emitir"
    assert previa.boton_regresar.text().replace("&", "") == "Regresar"
    assert escrito() == antes                                           # la vista previa no toma folio

    with qtbot.waitSignal(previa.finished):
        qtbot.mouseClick(previa.boton_regresar, Qt.MouseButton.LeftButton)
    assert dialogo.isVisible() and dialogo.dialogo is None and dialogo.oficio is None
    assert escrito() == antes and respuestas.avisos == []
    # Corrige algo y vuelve a intentar: otra vista previa y ahora sí se emite.
    teclear(qtbot, dialogo.ccp, "Archivo.")
    qtbot.mouseClick(dialogo.boton_emitir, Qt.MouseButton.LeftButton)
    previa = dialogo.dialogo
    assert isinstance(previa, DialogoVistaPrevia)
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(previa.boton_emitir, Qt.MouseButton.LeftButton)

    emitido = oficios.obtener(dialogo.oficio.id)
    assert escrito()[0] == antes[0] + 1 and emitido.folio in respuestas.texto_avisos()
    assert emitido.plantilla == "aviso_mantenimiento" and emitido.ccp == "Archivo."
    texto = texto_pdf(oficios.pdf_de_oficio(emitido))
    for esperado in (emitido.folio, AVISO["fecha"], AVISO["numero"], "de las 09:00 a las 13:00 horas"):
        assert esperado in texto, esperado
    assert "${" not in texto and oficios.FOLIO_VISTA_PREVIA not in texto
    assert vista.oficio.id == emitido.id


def test_la_vista_previa_muestra_el_oficio_marcado_sin_folio(demo_sqlite, qtbot, monkeypatch, respuestas):
    _, dialogo = abrir_emitir(qtbot)
    generados: list[bytes] = []
    original = oficios.vista_previa_pdf

    def espiar(*args, **kwargs) -> bytes:
        generados.append(original(*args, **kwargs))
        return generados[-1]

    monkeypatch.setattr(oficios, "vista_previa_pdf", espiar)
    teclear(qtbot, dialogo.asunto, "Mantenimiento de la red")
    teclear(qtbot, dialogo.cuerpo, "El martes habrá mantenimiento.")
    qtbot.mouseClick(dialogo.boton_emitir, Qt.MouseButton.LeftButton)
    assert len(generados) == 1 and isinstance(dialogo.dialogo, DialogoVistaPrevia)
    texto = texto_pdf(generados[0])
    assert oficios.FOLIO_VISTA_PREVIA in texto and "Mantenimiento de la red" in texto and "TM/DTI/" not in texto
    with qtbot.waitSignal(dialogo.dialogo.finished):
        qtbot.keyClick(dialogo.dialogo, Qt.Key.Key_Escape)                # Esc = Regresar
    assert dialogo.oficio is None and dialogo.isVisible()
    dialogo.reject()
