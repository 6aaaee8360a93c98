"""Módulo «Oficios» usado como lo usaría el personal de la DTI; se comprueba lo que quedó en la base."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app.demo.datos_tramites import archivo_de_ejemplo
from app.servicios.oficios import oficios
from app.errores import ErrorPermiso
from app.tiempo import hoy_mexico
from app.vistas.comun import comunes
from app.vistas.oficios import oficios as vista_oficios
from app.vistas.oficios.oficios import (COLOR_CANCELADO, COLOR_INCOMPLETO, DialogoEmitirOficio, DialogoOficioRecibido,
                                VistaOficios)
from app.vistas.oficios.vista_previa import DialogoVistaPrevia
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    for modulo in (comunes, vista_oficios):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_oficios, "confirmar", r.confirmar)
    return r


def abrir_vista(qtbot, nombre: str = "director") -> VistaOficios:
    return mostrar(qtbot, VistaOficios(usuario(nombre)), 1240, 720)


def texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def emitir_tras_la_vista_previa(qtbot, dialogo: DialogoEmitirOficio) -> None:
    """«Emitir…» abre la vista previa (sin folio); su «Emitir» toma el folio y cierra el diálogo."""
    qtbot.mouseClick(dialogo.boton_emitir, Qt.MouseButton.LeftButton)
    previa = dialogo.dialogo
    assert isinstance(previa, DialogoVistaPrevia) and previa.isVisible() and previa.paginas
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(previa.boton_emitir, Qt.MouseButton.LeftButton)


def filas_visibles(vista: VistaOficios) -> list[tuple[str, ...]]:
    modelo = vista.tabla.modelo
    return [tuple(modelo.index(f, c).data() for c in range(modelo.columnCount())) for f in range(modelo.rowCount())]


def seleccionar(vista: VistaOficios, oficio_id: int) -> None:
    fila = vista.tabla.modelo.fila_de(oficio_id)
    assert fila >= 0, f"el oficio {oficio_id} no está en la lista"
    vista.tabla.vista.selectRow(fila)
    assert vista.oficio is not None and vista.oficio.id == oficio_id


def capturar_recibido(qtbot, dialogo: DialogoOficioRecibido, *, numero: str, firmado: bool = True) -> None:
    teclear(qtbot, dialogo.procedencia.lineEdit(), "Contraloría Municipal")
    qtbot.keyClicks(dialogo.numero, numero)
    dialogo.fecha.setFocus()
    dialogo.fecha.setDate(QDate(2026, 1, 15))
    teclear(qtbot, dialogo.solicitante, "Nadia Elizabeth Olivera Rendón")
    dialogo.solicitante.completer().activated.emit("Nadia Elizabeth Olivera Rendón")
    if firmado:
        dialogo.firmado.setFocus()
        qtbot.keyClick(dialogo.firmado, Qt.Key.Key_Space)
    teclear(qtbot, dialogo.descripcion, "Solicita mantenimiento preventivo a 12 equipos de cómputo.")


# --- Registrar un oficio recibido ---------------------------------------------------------------

def test_registrar_recibido_con_el_teclado(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "asistente")
    antes = len(oficios.consultar())
    qtbot.mouseClick(vista.boton_registrar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoOficioRecibido) and dialogo.isVisible()
    capturar_recibido(qtbot, dialogo, numero="CM/0321/2026")
    assert dialogo.cargo.text() == "Contralora Municipal"   # el completador llenó el cargo
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)

    assert respuestas.avisos == [] and respuestas.preguntas == []
    assert len(oficios.consultar()) == antes + 1
    nuevo = oficios.obtener(oficios.consultar(busqueda="CM/0321/2026")[0]["id"])
    assert nuevo.tipo == oficios.ENTRANTE and nuevo.estado == oficios.REGISTRADO
    assert nuevo.procedencia.nombre == "Contraloría Municipal"
    assert nuevo.fecha_documento == dt.date(2026, 1, 15)
    assert nuevo.solicitante_nombre == "Nadia Elizabeth Olivera Rendón"
    assert nuevo.solicitante_cargo == "Contralora Municipal"
    assert nuevo.firmado is True
    assert nuevo.descripcion == "Solicita mantenimiento preventivo a 12 equipos de cómputo."
    assert nuevo.recibido_en is not None and nuevo.creado_por.nombre_usuario == "asistente"
    # La lista se refrescó y quedó seleccionado el nuevo, con su acuse en el detalle.
    assert vista.oficio is not None and vista.oficio.id == nuevo.id
    assert vista.campos["acuse"].text().startswith(f"{nuevo.recibido_en:%d/%m/%Y}")
    assert vista.campos["numero"].text() == "CM/0321/2026"
    # Y ofrece abrir el caso que pide; «Ahora no» lo deja por atender.
    oferta = vista.dialogo
    assert isinstance(oferta, vista_oficios.DialogoAbrirCaso) and oferta.isVisible()
    assert "CM/0321/2026 quedó registrado" in oferta.pregunta.text()
    with qtbot.waitSignal(oferta.finished):
        qtbot.mouseClick(oferta.boton_no, Qt.MouseButton.LeftButton)
    assert nuevo.id in {f["id"] for f in oficios.consultar(por_atender=True)}


def test_sin_firma_se_registra_incompleto_y_se_emite_la_solicitud(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "director")
    qtbot.mouseClick(vista.boton_registrar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    capturar_recibido(qtbot, dialogo, numero="CM/0400/2026", firmado=False)
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)

    assert len(respuestas.preguntas) == 2
    assert "Firma del servidor público solicitante" in respuestas.preguntas[0]
    assert "¿Registrarlo como INCOMPLETO?" in respuestas.preguntas[0]
    assert "¿Emitir ahora la solicitud de datos faltantes?" in respuestas.preguntas[1]
    registrado = dialogo.oficio
    assert registrado.estado == oficios.INCOMPLETO
    assert oficios.faltantes_de(oficios.obtener(registrado.id)) == ["Firma del servidor público solicitante"]
    solicitud = dialogo.solicitud
    assert solicitud is not None and solicitud.en_respuesta_a_id == registrado.id
    assert solicitud.folio in respuestas.texto_avisos()
    assert "Firma del servidor público solicitante" in texto_pdf(oficios.pdf_de_oficio(solicitud))
    assert vista.oficio.id == registrado.id
    assert vista.campos["faltantes"].text() == "• Firma del servidor público solicitante"
    assert solicitud.folio in vista.campos["respuestas"].text()


def test_si_no_acepta_registrarlo_incompleto_no_se_guarda_ni_se_pierde_lo_capturado(demo_sqlite, qtbot,
                                                                                      respuestas):
    respuestas.si = False
    vista = abrir_vista(qtbot, "asistente")
    antes = len(oficios.consultar())
    qtbot.mouseClick(vista.boton_registrar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    capturar_recibido(qtbot, dialogo, numero="", firmado=False)
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)

    assert "Número de oficio" in respuestas.preguntas[0]
    assert len(oficios.consultar()) == antes
    assert dialogo.isVisible() and dialogo.solicitante.text() == "Nadia Elizabeth Olivera Rendón"
    dialogo.reject()


def test_asistente_registra_incompleto_pero_no_se_le_ofrece_emitir(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "asistente")
    qtbot.mouseClick(vista.boton_registrar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    capturar_recibido(qtbot, dialogo, numero="CM/0401/2026", firmado=False)
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert len(respuestas.preguntas) == 1     # solo «¿Registrarlo como INCOMPLETO?»
    assert dialogo.oficio.estado == oficios.INCOMPLETO and dialogo.solicitud is None


def test_otro_error_de_validacion_se_muestra_y_el_dialogo_conserva_todo(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "asistente")
    antes = len(oficios.consultar())
    qtbot.mouseClick(vista.boton_registrar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    capturar_recibido(qtbot, dialogo, numero="CM/0500/2026")
    largo = "x" * 6000
    dialogo.descripcion.setPlainText(largo)
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)

    assert "como máximo 5,000 caracteres" in respuestas.texto_avisos()
    assert respuestas.preguntas == []
    assert len(oficios.consultar()) == antes
    assert dialogo.isVisible()
    assert dialogo.numero.text() == "CM/0500/2026" and dialogo.descripcion.toPlainText() == largo
    dialogo.reject()


def test_completar_datos_de_un_incompleto(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "asistente")
    incompleto = oficios.consultar(estado=oficios.INCOMPLETO)[0]
    seleccionar(vista, incompleto["id"])
    assert vista.boton_completar.isEnabled()
    qtbot.mouseClick(vista.boton_completar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    assert dialogo.solicitante.text() == "Patricia Morales Guzmán"          # prellenado
    assert dialogo.procedencia.currentText() == "Sistema Municipal DIF"
    teclear(qtbot, dialogo.numero, "DIF/0777/2026")
    dialogo.firmado.setChecked(True)
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)

    completado = oficios.obtener(incompleto["id"])
    assert completado.estado == oficios.REGISTRADO and completado.faltantes == ""
    assert completado.numero_oficio == "DIF/0777/2026" and completado.firmado
    assert len(oficios.consultar(busqueda="DIF/0777/2026")) == 1            # no se duplicó
    assert vista.oficio.id == incompleto["id"] and not vista.boton_completar.isEnabled()


def test_el_detalle_no_interpreta_marcado(demo_sqlite, qtbot, respuestas):
    hostil = '<img src="C:/Windows/win.ini"><b>Obras</b>'
    oficio = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="SOP/1/2026", fecha_documento=hoy_mexico(), procedencia_texto=hostil,
        solicitante_nombre="Juan Pérez", firmado=True, descripcion="Revisión de red")
    vista = abrir_vista(qtbot)
    seleccionar(vista, oficio.id)
    etiqueta = vista.campos["procedencia"]
    assert etiqueta.textFormat() == Qt.TextFormat.PlainText and etiqueta.text() == hostil


# --- Emitir ---------------------------------------------------------------------------------

def test_emitir_oficio_desde_el_dialogo(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "director")
    ultimo = max(f["id"] for f in oficios.consultar())
    seleccionar(vista, ultimo)                 # un emitido: no se propone «En respuesta a»
    qtbot.mouseClick(vista.boton_emitir, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoEmitirOficio) and dialogo.respuesta.currentData() is None
    teclear(qtbot, dialogo.destinatario, "Sofía Navarro Peña")
    dialogo.destinatario.completer().activated.emit("Sofía Navarro Peña")
    assert dialogo.cargo.text() == "Directora de Catastro"
    assert dialogo.dependencia.text() == "Dirección de Catastro"
    teclear(qtbot, dialogo.asunto, "Mantenimiento de la red de Catastro")
    teclear(qtbot, dialogo.cuerpo, "Le informo que el martes se dará mantenimiento a la red.")
    teclear(qtbot, dialogo.ccp, "Tesorero Municipal. Para su conocimiento.")
    emitir_tras_la_vista_previa(qtbot, dialogo)

    assert respuestas.preguntas == []          # la vista previa es la confirmación
    emitido = oficios.obtener(dialogo.oficio.id)
    assert emitido.folio and emitido.folio in respuestas.texto_avisos()
    assert emitido.estado == oficios.EMITIDO and emitido.destinatario_cargo == "Directora de Catastro"
    assert emitido.ccp == "Tesorero Municipal. Para su conocimiento."
    assert emitido.folio in texto_pdf(oficios.pdf_de_oficio(emitido))
    assert vista.oficio.id == emitido.id and vista.titulo_detalle.text().endswith(emitido.folio)


def test_emitir_en_respuesta_a_un_recibido_con_plantilla(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "soporte")
    recibido = oficios.consultar(busqueda="UT/0098/2026")[0]
    seleccionar(vista, recibido["id"])
    qtbot.mouseClick(vista.boton_emitir, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    assert dialogo.respuesta.currentData() == recibido["id"]
    assert dialogo.destinatario.text() == "Jorge Luis Ramírez Cruz"      # quien firmó el recibido
    dialogo.plantilla.setCurrentIndex(dialogo.plantilla.findData("respuesta_tramite"))
    assert dialogo.asunto.text() == "Respuesta a su solicitud"
    cuerpo = dialogo.cuerpo.toPlainText()
    assert "UT/0098/2026" in cuerpo and "DTI-T-" in cuerpo and "${cuerpo}" in cuerpo
    assert not dialogo.caja_plantilla.isVisible()      # todo sale del recibido y de su trámite
    dialogo.cuerpo.setPlainText(cuerpo.replace("${cuerpo}", "Los hipervínculos ya están publicados."))
    emitir_tras_la_vista_previa(qtbot, dialogo)

    emitido = oficios.obtener(dialogo.oficio.id)
    assert emitido.en_respuesta_a_id == recibido["id"] and emitido.plantilla == "respuesta_tramite"
    assert emitido.tramite_id == recibido["tramite_id"]
    assert oficios.obtener(recibido["id"]).estado == oficios.ATENDIDO


def test_emitir_sin_destinatario_muestra_el_error_y_no_consume_folio(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "director")
    antes = len(oficios.consultar(tipo=oficios.SALIENTE))
    qtbot.mouseClick(vista.boton_emitir, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    teclear(qtbot, dialogo.asunto, "Sin destinatario")
    qtbot.mouseClick(dialogo.boton_emitir, Qt.MouseButton.LeftButton)
    assert "Falta «Destinatario»" in dialogo.errores.text() and dialogo.errores.isVisible()
    assert dialogo.destinatario.property("error") is True
    assert dialogo.dialogo is None                      # sin datos válidos no hay vista previa
    assert respuestas.avisos == []
    assert dialogo.isVisible() and dialogo.asunto.text() == "Sin destinatario"
    assert len(oficios.consultar(tipo=oficios.SALIENTE)) == antes
    dialogo.reject()


# --- Cancelar, PDF y adjuntos -------------------------------------------------------------------

def emitido_vigente() -> dict:
    return oficios.consultar(tipo=oficios.SALIENTE, estado=oficios.EMITIDO)[0]


def test_cancelar_exige_motivo_y_confirmacion(demo_sqlite, qtbot, respuestas, monkeypatch):
    vista = abrir_vista(qtbot, "director")
    fila = emitido_vigente()
    seleccionar(vista, fila["id"])
    motivo = {"texto": "   "}
    monkeypatch.setattr(vista_oficios.QInputDialog, "getMultiLineText",
                        lambda *a, **k: (motivo["texto"], True))

    qtbot.mouseClick(vista.boton_cancelar, Qt.MouseButton.LeftButton)
    assert "Escriba el motivo" in respuestas.texto_avisos()
    assert oficios.obtener(fila["id"]).estado == oficios.EMITIDO

    motivo["texto"] = "Se equivocó el cargo del destinatario."
    respuestas.si = False
    qtbot.mouseClick(vista.boton_cancelar, Qt.MouseButton.LeftButton)
    assert "no se puede deshacer" in respuestas.preguntas[-1]
    assert oficios.obtener(fila["id"]).estado == oficios.EMITIDO

    respuestas.si = True
    qtbot.mouseClick(vista.boton_cancelar, Qt.MouseButton.LeftButton)
    cancelado = oficios.obtener(fila["id"])
    assert cancelado.estado == oficios.CANCELADO
    assert cancelado.motivo_cancelacion == "Se equivocó el cargo del destinatario."
    assert cancelado.cancelado_por.nombre_usuario == "director" and cancelado.folio == fila["folio"]
    assert vista.oficio.id == fila["id"]                              # conserva la selección
    assert not vista.boton_cancelar.isEnabled()
    assert "CANCELADO" in texto_pdf(oficios.pdf_de_oficio(cancelado))
    fila_tabla = vista.tabla.modelo.fila_de(fila["id"])
    assert vista.tabla.modelo.index(fila_tabla, 0).data(Qt.ItemDataRole.ForegroundRole) == COLOR_CANCELADO


def test_guardar_pdf_con_nombre_del_folio(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    vista = abrir_vista(qtbot)
    fila = emitido_vigente()
    seleccionar(vista, fila["id"])
    sugeridos: list[str] = []
    carpeta = tmp_path / "documentos"
    carpeta.mkdir()
    destino = carpeta / "salida"

    def elegir(_padre, _titulo, sugerido, _filtro):
        sugeridos.append(sugerido)
        return str(destino), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", elegir)
    qtbot.mouseClick(vista.boton_guardar_pdf, Qt.MouseButton.LeftButton)
    assert Path(sugeridos[0]).name == fila["folio"].replace("/", "-") + ".pdf"
    guardado = carpeta / "salida.pdf"
    assert guardado.read_bytes() == oficios.pdf_de_oficio(oficios.obtener(fila["id"]))
    assert respuestas.avisos == []
    assert sorted(p.name for p in carpeta.iterdir()) == ["salida.pdf"]   # sin temporales


def test_guardar_pdf_que_no_se_puede_escribir_lo_explica(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    vista = abrir_vista(qtbot)
    seleccionar(vista, emitido_vigente()["id"])
    carpeta = tmp_path / "documentos"
    ocupado = carpeta / "ocupado.pdf"
    # Como un archivo que otro programa tiene abierto: no se puede reemplazar.
    ocupado.mkdir(parents=True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(ocupado), "PDF"))
    qtbot.mouseClick(vista.boton_guardar_pdf, Qt.MouseButton.LeftButton)
    assert "No se pudo guardar el PDF" in respuestas.texto_avisos()
    assert "abierto en otro programa" in respuestas.texto_avisos()
    assert sorted(p.name for p in carpeta.iterdir()) == ["ocupado.pdf"]


def test_abrir_pdf_lo_entrega_al_programa_predeterminado(demo_sqlite, qtbot, respuestas, monkeypatch):
    vista = abrir_vista(qtbot, "consulta")
    fila = emitido_vigente()
    seleccionar(vista, fila["id"])
    abiertos = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: abiertos.append(url) or True)
    qtbot.mouseClick(vista.boton_abrir_pdf, Qt.MouseButton.LeftButton)
    ruta = Path(abiertos[0].toLocalFile())
    # Siempre un nombre generado con la extensión del tipo validado, nunca el del archivo.
    assert ruta.read_bytes().startswith(b"%PDF-") and re.fullmatch(r"dti-[0-9a-f]{16}\.pdf", ruta.name)
    assert len(pdfium.PdfDocument(ruta.read_bytes())) >= 1


def test_adjuntar_pdf_escaneado(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    vista = abrir_vista(qtbot, "asistente")
    recibido = oficios.consultar(busqueda="DC/0055/2026")[0]
    seleccionar(vista, recibido["id"])
    escaneo = tmp_path / "escaneo catastro.pdf"
    escaneo.write_bytes(archivo_de_ejemplo("pdf", "Oficio escaneado"))
    no_pdf = tmp_path / "foto.jpg"
    no_pdf.write_bytes(b"\xff\xd8\xff\xe0 no es pdf")
    elegido = {"ruta": str(no_pdf)}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (elegido["ruta"], "PDF"))

    qtbot.mouseClick(vista.boton_adjuntar, Qt.MouseButton.LeftButton)
    assert "no es un PDF" in respuestas.texto_avisos()
    assert vista.adjuntos.count() == 0

    elegido["ruta"] = str(escaneo)
    qtbot.mouseClick(vista.boton_adjuntar, Qt.MouseButton.LeftButton)
    assert vista.oficio.id == recibido["id"]
    assert vista.adjuntos.count() == 1 and vista.adjuntos.item(0).text().startswith("escaneo catastro.pdf")
    assert [a.nombre_archivo for a in oficios.obtener(recibido["id"]).adjuntos] == ["escaneo catastro.pdf"]


# --- Filtros, colores y permisos --------------------------------------------------------------

def test_filtros_de_tipo_estado_anio_y_busqueda(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot)
    # La demostración de cada módulo agrega oficios recibidos y emitidos (avisos, movimientos...).
    emitidos = len(oficios.consultar(oficios.SALIENTE))
    recibidos = len(oficios.consultar(oficios.ENTRANTE))
    assert emitidos >= 3 and recibidos >= 5 and len(filas_visibles(vista)) == recibidos + emitidos
    vista.filtro_tipo.setCurrentIndex(vista.filtro_tipo.findData(oficios.SALIENTE))
    assert {f[0] for f in filas_visibles(vista)} == {"Emitido"} and len(filas_visibles(vista)) == emitidos
    vista.filtro_tipo.setCurrentIndex(0)
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(oficios.INCOMPLETO))
    filas = filas_visibles(vista)
    incompletos = len(oficios.consultar(estado=oficios.INCOMPLETO))
    assert len(filas) == incompletos >= 1 and {f[5] for f in filas} == {"Incompleto"}
    fila_incompleta = vista.tabla.modelo.index(0, 1)
    assert fila_incompleta.data(Qt.ItemDataRole.ForegroundRole) == COLOR_INCOMPLETO
    vista.filtro_estado.setCurrentIndex(0)
    # El año incluye a los recibidos (por su acuse), no solo a los emitidos con folio.
    vista.filtro_anio.setCurrentIndex(vista.filtro_anio.findData(hoy_mexico().year))
    assert len(filas_visibles(vista)) == recibidos + emitidos
    vista.filtro_anio.setCurrentIndex(vista.filtro_anio.findData(hoy_mexico().year - 1))
    assert filas_visibles(vista) == [] and vista.oficio is None and not vista.boton_guardar_pdf.isEnabled()
    vista.filtro_anio.setCurrentIndex(0)
    with qtbot.waitSignal(vista.tabla.filtro_cambiado):
        teclear(qtbot, vista.tabla.busqueda, "catastro")
    # (los avisos de mantenimiento a Catastro también aparecen: son emitidos)
    assert "DC/0055/2026" in [f[1] for f in filas_visibles(vista) if f[0] == "Recibido"]


def test_consulta_ve_los_botones_deshabilitados_y_el_servicio_se_niega(demo_sqlite, qtbot, respuestas):
    consulta = usuario("consulta")
    vista = abrir_vista(qtbot, "consulta")
    seleccionar(vista, emitido_vigente()["id"])
    for boton in (vista.boton_registrar, vista.boton_emitir, vista.boton_cancelar, vista.boton_adjuntar):
        assert not boton.isEnabled()
        assert "Su rol (Consulta) no permite" in boton.toolTip()
    assert vista.boton_guardar_pdf.isEnabled() and vista.boton_abrir_pdf.isEnabled()
    # Los atajos de teclado tampoco abren nada.
    vista.registrar_recibido()
    vista.emitir_oficio()
    assert vista.dialogo is None
    # Y aunque alguien llamara al servicio directamente, se niega.
    with pytest.raises(ErrorPermiso):
        oficios.registrar_oficio_entrante(consulta, numero_oficio="X/1", descripcion="x")
    with pytest.raises(ErrorPermiso):
        oficios.emitir_oficio(consulta, destinatario_nombre="Alguien", asunto="Algo")
    with pytest.raises(ErrorPermiso):
        oficios.cancelar_oficio(consulta, oficios.obtener(emitido_vigente()["id"]), "sin permiso")


def test_solo_el_director_cancela_y_los_botones_siguen_al_estado(demo_sqlite, qtbot, respuestas):
    jefe = abrir_vista(qtbot, "soporte")
    seleccionar(jefe, emitido_vigente()["id"])
    assert jefe.boton_emitir.isEnabled() and not jefe.boton_cancelar.isEnabled()
    director = abrir_vista(qtbot, "director")
    recibido = oficios.consultar(busqueda="UT/0098/2026")[0]
    seleccionar(director, recibido["id"])
    assert not director.boton_cancelar.isEnabled() and not director.boton_guardar_pdf.isEnabled()
    assert not director.boton_completar.isEnabled()                  # está completo
    assert director.boton_adjuntar.isEnabled()


def test_solicitud_de_datos_faltantes_desde_la_vista(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "director")
    incompleto = oficios.consultar(estado=oficios.INCOMPLETO)[0]
    seleccionar(vista, incompleto["id"])
    antes = len(oficios.consultar(tipo=oficios.SALIENTE))
    qtbot.mouseClick(vista.boton_solicitud, Qt.MouseButton.LeftButton)
    salientes = oficios.consultar(tipo=oficios.SALIENTE)
    assert len(salientes) == antes + 1 and salientes[0]["folio"] in respuestas.texto_avisos()
    assert vista.oficio.id == incompleto["id"]


def test_dialogo_cancelado_no_guarda_nada(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "director")
    antes = len(oficios.consultar())
    qtbot.mouseClick(vista.boton_registrar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    teclear(qtbot, dialogo.numero, "CM/9/2026")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.keyClick(dialogo, Qt.Key.Key_Escape)
    assert dialogo.oficio is None
    assert len(oficios.consultar()) == antes and vista.dialogo is None


def test_abrir_un_adjunto_desde_el_detalle(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    """Doble clic en un adjunto lo abre con el programa del sistema, con sus bytes exactos."""
    escaneo = tmp_path / "escaneo.pdf"
    escaneo.write_bytes(archivo_de_ejemplo("pdf", "Oficio escaneado"))
    recibido = oficios.consultar(tipo="entrante")[0]
    oficios.adjuntar(usuario("asistente"), oficios.obtener(recibido["id"]), escaneo)
    abiertos: list[tuple[str, bytes]] = []
    monkeypatch.setattr(vista_oficios, "abrir_con_programa",
                        lambda _padre, nombre, contenido: abiertos.append((nombre, contenido)))
    vista = abrir_vista(qtbot)
    seleccionar(vista, recibido["id"])
    assert vista.adjuntos.count() == 1
    vista.abrir_adjunto(vista.adjuntos.item(0))
    assert abiertos == [("escaneo.pdf", escaneo.read_bytes())]
    assert respuestas.avisos == []
