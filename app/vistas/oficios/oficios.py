"""Módulo «Oficios»: los que llegan (registro, acuse, faltantes) y los que salen (folio, PDF, cancelación)."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QDateEdit, QDialog, QDialogButtonBox,
                               QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import abrir_archivo, guardar_como
from app.modelos import Dependencia, Oficio, ServidorPublico, Usuario
from app.servicios.catalogos import catalogos
from app.servicios.oficios import oficios
from app.servicios.nucleo import permisos, plantillas
from app.errores import ErrorDTI, ErrorValidacion
from app.servicios.nucleo.validacion import normalizar
from app.tiempo import hoy_mexico
from app.vistas.comun.impresion import imprimir_pdf
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.archivos import abrir_con_programa, carpeta_documentos, escribir_archivo
from app.vistas.comun.comunes import (abrir_dialogo, avisar, confirmar, division_lista_detalle, ejecutar,
                                      etiqueta_plana, marcar_campo, marcar_errores, tr)
from app.vistas.comun.fechas import fecha_de, qfecha
from app.vistas.comun.formulario import etiqueta_errores
from app.vistas.oficios.vista_previa import DialogoVistaPrevia
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros

ESTADOS = {
    oficios.REGISTRADO: "Registrado",
    oficios.INCOMPLETO: "Incompleto",
    oficios.ATENDIDO: "Atendido",
    oficios.ARCHIVADO: "Archivado",
    oficios.DESCARTADO: "Descartado",
    oficios.EMITIDO: "Emitido",
    oficios.CANCELADO: "Cancelado",
}
# Filtro de estado que no es un estado: los recibidos que esperan a la DTI (sin trámite ni respuesta).
POR_ATENDER = "por_atender"
TIPOS = {oficios.ENTRANTE: "Recibido", oficios.SALIENTE: "Emitido"}
COLOR_INCOMPLETO = QColor("#b35900")   # naranja oscuro: le faltan datos
COLOR_CANCELADO = QColor("#8a8a8a")    # gris: ya no vale
LIMITE_FILAS = 500
# Nombres para el usuario de las plantillas conocidas de formatos/ (las nuevas usan su nombre de archivo).
NOMBRES_PLANTILLA = {
    "oficio_generico": "Oficio genérico",
    "respuesta_tramite": "Respuesta a un trámite",
    "solicitud_datos_faltantes": "Solicitud de datos faltantes",
}
ANIOS_EN_FILTRO = 5
# Variables que llenan los propios campos del diálogo: no se piden aparte en «Datos de la plantilla».
VARIABLES_DEL_FORMULARIO = ("asunto", "cuerpo")
HOJA_ERRORES = ('QLineEdit[error="true"], QPlainTextEdit[error="true"] '
                '{ border: 2px solid #a01c1c; border-radius: 3px; }')

_PROHIBIDOS_EN_ARCHIVO = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


# --- Utilidades -------------------------------------------------------------------------------

def nombre_archivo_pdf(oficio: Oficio) -> str:
    """«TM/DTI/0004/2026» → «TM-DTI-0004-2026.pdf» (sin caracteres que Windows no acepta)."""
    base = oficio.folio or f"oficio-{oficio.id}"
    limpio = _PROHIBIDOS_EN_ARCHIVO.sub("-", base.replace("/", "-")).strip(" .") or f"oficio-{oficio.id}"
    return f"{limpio}.pdf"


def _completador(nombres: list[str], padre: QWidget) -> QCompleter:
    completador = QCompleter(QStringListModel(nombres, padre), padre)
    completador.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completador.setFilterMode(Qt.MatchFlag.MatchContains)
    completador.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completador


def _solo_faltan_datos(error: ErrorValidacion) -> bool:
    """¿El servicio rechazó el oficio solo porque faltan datos exigidos (y ofrece el registro incompleto)?"""
    campos = error.campos()
    return "" in campos and all(c == "" or c in oficios.REQUISITOS_ENTRANTE for c in campos)


# --- Filas de la tabla --------------------------------------------------------------------------

def _numero_fila(fila: dict[str, Any]) -> str:
    if fila["tipo"] == oficios.SALIENTE:
        return fila.get("folio") or ""
    return fila.get("numero_oficio") or tr("(sin número)")


def _fecha_fila(fila: dict[str, Any]) -> Any:
    if fila.get("fecha_documento"):
        return fila["fecha_documento"]
    recibido = fila.get("recibido_en")
    return recibido.date() if recibido else None


def _parte_fila(fila: dict[str, Any]) -> str:
    if fila["tipo"] == oficios.SALIENTE:
        partes = [fila.get("destinatario_nombre"), fila.get("destinatario_dependencia")]
        return " — ".join(p for p in partes if p)
    return fila.get("procedencia") or fila.get("procedencia_texto") or ""


def _asunto_fila(fila: dict[str, Any]) -> str:
    return fila.get("asunto") or fila.get("descripcion") or ""


def _color_fila(fila: dict[str, Any]) -> QColor | None:
    if fila["estado"] == oficios.INCOMPLETO:
        return COLOR_INCOMPLETO
    if fila["estado"] in (oficios.CANCELADO, oficios.ARCHIVADO, oficios.DESCARTADO):
        return COLOR_CANCELADO
    return None


COLUMNAS = (
    Columna("Tipo", lambda f: TIPOS.get(f["tipo"], f["tipo"]), 72),
    Columna("Folio / número", _numero_fila, 130),
    Columna("Fecha", _fecha_fila, 84),
    Columna("Procedencia o destinatario", _parte_fila, 215),
    Columna("Asunto / descripción", _asunto_fila, 200),
    Columna("Estado", lambda f: ESTADOS.get(f["estado"], f["estado"]), 86),
)
COLUMNA_ELASTICA = 4   # «Asunto / descripción» toma el ancho que sobra


def _consultar(tipo: str | None, busqueda: str, estado: str | None, anio: int | None) -> list[dict[str, Any]]:
    """Lista de la tabla (el filtro se hace en SQL). El año de un recibido es el de su acuse.

    «Por atender» son los recibidos sin trámite, sin respuesta, ni archivados ni descartados.
    """
    if estado == POR_ATENDER:
        return oficios.consultar(tipo, busqueda, None, anio, limite=LIMITE_FILAS, por_atender=True)
    return oficios.consultar(tipo, busqueda, estado, anio, limite=LIMITE_FILAS)


def pedir_motivo(padre: QWidget, titulo: str, pregunta: str) -> str | None:
    """Pide un texto de varias líneas (el motivo); None si el usuario desiste."""
    texto, aceptado = QInputDialog.getMultiLineText(padre, titulo, pregunta)
    return texto if aceptado else None


def texto_procedimiento(definicion: Any) -> str:
    """«P05 · Respaldo de información» y, si lo lleva un módulo, la pestaña donde se abre."""
    from app.servicios.tramites.modulos import modulo

    texto = f"{definicion.clave} · {definicion.nombre}"
    dueno = modulo(definicion.modulo)
    return f"{texto} — {tr('en')} {dueno.pestana}" if dueno is not None else texto


# --- Diálogo: abrir el caso que pide un oficio recibido ------------------------------------------

class DialogoAbrirCaso(QDialog):
    """«¿Abrir el caso que pide?»: el procedimiento del manual que el oficio recibido solicita.

    Al aceptar, ``procedimiento`` es el número elegido; la vista pide a la ventana que abra el
    alta del caso en el módulo que lo lleva (o en Trámites) con este oficio ya elegido.
    """

    def __init__(self, oficio: Oficio, parent: QWidget | None = None, recien_registrado: bool = False) -> None:
        from app.servicios.tramites import procedimientos

        super().__init__(parent)
        self.oficio = oficio
        self.procedimiento: int | None = None
        self.setWindowTitle(tr("Abrir el caso que pide el oficio"))
        self.setMinimumWidth(560)
        numero = oficio.numero_oficio or tr("(sin número)")
        inicio = (tr("El oficio {numero} quedó registrado.") if recien_registrado
                  else tr("Oficio recibido {numero}.")).replace("{numero}", numero)
        self.pregunta = etiqueta_plana(inicio + " " + tr("¿Abrir el caso que pide?"), self)
        self.descripcion = etiqueta_plana(oficio.descripcion or "", self)
        self.descripcion.setObjectName("subtitulo")
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(40)
        self.combo.addItem(tr("(elija el procedimiento)"), None)
        for definicion in procedimientos.todos():
            self.combo.addItem(texto_procedimiento(definicion), definicion.numero)
        self.botones = QDialogButtonBox(self)
        self.boton_abrir = self.botones.addButton(tr("Abrir caso…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_no = self.botones.addButton(tr("Ahora no"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_abrir.setDefault(True)
        self.botones.accepted.connect(self._aceptar)
        self.botones.rejected.connect(self.reject)
        self.combo.currentIndexChanged.connect(lambda _i: self.boton_abrir.setEnabled(self.combo.currentData() is not None))
        self.boton_abrir.setEnabled(False)
        formulario = QFormLayout()
        formulario.addRow(tr("&Procedimiento:"), self.combo)
        capa = QVBoxLayout(self)
        capa.addWidget(self.pregunta)
        if oficio.descripcion:
            capa.addWidget(self.descripcion)
        capa.addLayout(formulario)
        capa.addWidget(self.botones)
        self.combo.setFocus()

    def elegir(self, procedimiento: int) -> None:
        indice = self.combo.findData(int(procedimiento))
        if indice >= 0:
            self.combo.setCurrentIndex(indice)

    def _aceptar(self) -> None:
        if self.combo.currentData() is None:
            return
        self.procedimiento = int(self.combo.currentData())
        self.accept()


# --- Diálogo: registrar o completar un oficio recibido ------------------------------------------

class DialogoOficioRecibido(QDialog):
    """Captura de un oficio que llegó a la DTI. Con ``oficio`` completa uno ya registrado.

    Al aceptar, ``oficio`` es el registro guardado y ``solicitud`` la solicitud de datos
    faltantes si se emitió. Si el servicio rechaza algo, el diálogo no se cierra y
    conserva todo lo capturado.
    """

    def __init__(self, sesion: Usuario, oficio: Oficio | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self._original = oficio
        self._version_vista = oficio.version if oficio is not None else None
        self.oficio: Oficio | None = None
        self.solicitud: Oficio | None = None
        self.ruta_adjunto: str = ""
        self.setWindowTitle(tr("Completar datos del oficio recibido") if oficio else tr("Registrar oficio recibido"))
        self.setMinimumWidth(600)

        self._dependencias: list[Dependencia] = catalogos.dependencias()
        self._servidores: dict[str, ServidorPublico] = {}
        for servidor in catalogos.servidores():
            self._servidores.setdefault(servidor.nombre, servidor)

        self.procedencia = QComboBox(self)
        self.procedencia.setEditable(True)
        self.procedencia.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.procedencia.addItem("", None)
        for dependencia in self._dependencias:
            self.procedencia.addItem(dependencia.nombre, dependencia.id)
        self.procedencia.setCurrentIndex(0)
        self.procedencia.lineEdit().setPlaceholderText(tr("Elija la dependencia o escriba la procedencia"))
        self.procedencia.lineEdit().setMaxLength(300)
        self.procedencia.setCompleter(_completador([d.nombre for d in self._dependencias], self))

        self.numero = QLineEdit(self)
        self.numero.setMaxLength(100)
        self.numero.setPlaceholderText(tr("p. ej. TM/DE/0412/2026"))

        hoy = hoy_mexico()
        self.fecha = QDateEdit(self)
        self.fecha.setCalendarPopup(True)
        self.fecha.setDisplayFormat("dd/MM/yyyy")
        self.fecha.setMaximumDate(qfecha(hoy))
        self.fecha.setDate(qfecha(hoy))
        self.sin_fecha = QCheckBox(tr("El oficio no tiene fecha"), self)
        self.sin_fecha.toggled.connect(lambda marcado: self.fecha.setEnabled(not marcado))
        fila_fecha = QHBoxLayout()
        fila_fecha.addWidget(self.fecha)
        fila_fecha.addWidget(self.sin_fecha)
        fila_fecha.addStretch(1)

        self.solicitante = QLineEdit(self)
        self.solicitante.setMaxLength(200)
        self.solicitante.setPlaceholderText(tr("Escriba para buscar en los servidores públicos"))
        completador = _completador(sorted(self._servidores), self)
        completador.activated.connect(self._elegir_servidor)
        self.solicitante.setCompleter(completador)
        self.cargo = QLineEdit(self)
        self.cargo.setMaxLength(200)

        self.firmado = QCheckBox(tr("Firmado por el solicitante"), self)

        self.descripcion = QPlainTextEdit(self)
        self.descripcion.setTabChangesFocus(True)
        self.descripcion.setPlaceholderText(tr("¿Qué solicita el oficio?"))
        self.descripcion.setMinimumHeight(90)

        self.boton_adjunto = QPushButton(tr("Adjuntar PDF escaneado…"), self)
        self.boton_adjunto.setAutoDefault(False)
        self.boton_adjunto.clicked.connect(self.elegir_adjunto)
        self.etiqueta_adjunto = etiqueta_plana(tr("Sin archivo"), self)
        self.etiqueta_adjunto.setObjectName("subtitulo")
        fila_adjunto = QHBoxLayout()
        fila_adjunto.addWidget(self.boton_adjunto)
        fila_adjunto.addWidget(self.etiqueta_adjunto, 1)

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.addRow(tr("&Procedencia:"), self.procedencia)
        formulario.addRow(tr("&Número de oficio:"), self.numero)
        etiqueta_fecha = QLabel(tr("&Fecha del oficio:"), self)
        etiqueta_fecha.setBuddy(self.fecha)
        formulario.addRow(etiqueta_fecha, fila_fecha)
        formulario.addRow(tr("&Solicitante:"), self.solicitante)
        formulario.addRow(tr("Ca&rgo:"), self.cargo)
        formulario.addRow("", self.firmado)
        formulario.addRow(tr("&Descripción:"), self.descripcion)
        formulario.addRow(tr("Escaneo:"), fila_adjunto)

        self.botones = QDialogButtonBox(self)
        self.boton_guardar = self.botones.addButton(tr("Guardar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.botones.addButton(tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_guardar.setDefault(True)
        self.botones.accepted.connect(self.guardar)
        self.botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        if oficio is not None and oficio.faltantes:
            aviso = etiqueta_plana(tr("Faltaba: ") + oficio.faltantes, self)
            aviso.setStyleSheet("color: #b35900; font-weight: bold;")
            capa.addWidget(aviso)
        capa.addLayout(formulario)
        capa.addWidget(self.botones)
        if oficio is not None:
            self._llenar(oficio)
        self.procedencia.setFocus()

    def _llenar(self, oficio: Oficio) -> None:
        if oficio.procedencia_id:
            indice = self.procedencia.findData(oficio.procedencia_id)
            if indice >= 0:
                self.procedencia.setCurrentIndex(indice)
        elif oficio.procedencia_texto:
            self.procedencia.setEditText(oficio.procedencia_texto)
        self.numero.setText(oficio.numero_oficio)
        if oficio.fecha_documento:
            self.fecha.setDate(qfecha(oficio.fecha_documento))
        else:
            self.sin_fecha.setChecked(True)
        self.solicitante.setText(oficio.solicitante_nombre)
        self.cargo.setText(oficio.solicitante_cargo)
        self.firmado.setChecked(bool(oficio.firmado))
        self.descripcion.setPlainText(oficio.descripcion)

    def _elegir_servidor(self, nombre: str) -> None:
        """Al elegir un servidor público, llena su cargo y (si falta) su dependencia."""
        servidor = self._servidores.get(nombre)
        if servidor is None:
            return
        self.cargo.setText(servidor.cargo)
        if not self.procedencia.currentText().strip() and servidor.dependencia_id:
            indice = self.procedencia.findData(servidor.dependencia_id)
            if indice >= 0:
                self.procedencia.setCurrentIndex(indice)

    def elegir_adjunto(self) -> None:
        ruta, _filtro = abrir_archivo(self, tr("PDF escaneado del oficio"), carpeta_documentos(),
                                                    tr("Documentos PDF (*.pdf);;Todos los archivos (*)"))
        if ruta:
            self.ruta_adjunto = ruta
            self.etiqueta_adjunto.setText(Path(ruta).name)

    def _dependencia_elegida(self) -> Dependencia | None:
        texto = normalizar(self.procedencia.currentText())
        if not texto:
            return None
        for dependencia in self._dependencias:
            siglas = normalizar(dependencia.siglas) if dependencia.siglas else None
            if normalizar(dependencia.nombre) == texto or siglas == texto:
                return dependencia
        return None

    def datos(self) -> dict[str, Any]:
        """Lo capturado, como lo recibe ``oficios.registrar_oficio_entrante``."""
        dependencia = self._dependencia_elegida()
        return {
            "numero_oficio": self.numero.text(),
            "fecha_documento": None if self.sin_fecha.isChecked() else fecha_de(self.fecha.date()),
            "procedencia": dependencia,
            "procedencia_texto": "" if dependencia else self.procedencia.currentText(),
            "solicitante_nombre": self.solicitante.text(),
            "solicitante_cargo": self.cargo.text(),
            "firmado": self.firmado.isChecked(),
            "descripcion": self.descripcion.toPlainText(),
        }

    def guardar(self) -> None:
        datos = self.datos()
        faltan: list[ErrorValidacion] = []

        def registrar(permitir_incompleto: bool) -> Oficio:
            # La versión del oficio cuando se abrió el diálogo: si otra PC lo completó entretanto, se avisa.
            return oficios.registrar_oficio_entrante(self.sesion, permitir_incompleto=permitir_incompleto,
                                                     oficio=self._original, version=self._version_vista, **datos)

        def intentar() -> Oficio | None:
            try:
                return registrar(False)
            except ErrorValidacion as exc:
                if _solo_faltan_datos(exc):
                    faltan.append(exc)
                    return None
                raise

        guardado = ejecutar(self, intentar)
        if guardado is None and faltan:
            lista = "\n".join(f"• {oficios.REQUISITOS_ENTRANTE[c]}" for c in faltan[0].campos() if c)
            pregunta = (tr("Al oficio le faltan datos que exigen las políticas de operación:") + f"\n\n{lista}\n\n"
                        + tr("¿Registrarlo como INCOMPLETO?"))
            if not confirmar(self, tr("Datos faltantes"), pregunta):
                return
            guardado = ejecutar(self, registrar, True)
        if guardado is None:
            return   # el error ya se mostró; lo capturado sigue en el diálogo
        self.oficio = guardado
        if self.ruta_adjunto:
            if ejecutar(self, oficios.adjuntar, self.sesion, guardado, self.ruta_adjunto) is None:
                avisar(self, tr("Adjunto pendiente"),
                       tr("El oficio quedó registrado, pero sin el PDF escaneado. "
                          "Adjúntelo después con «Adjuntar PDF…»."), QMessageBox.Icon.Warning)
        if guardado.estado == oficios.INCOMPLETO and permisos.puede(self.sesion, permisos.EMITIR_OFICIO):
            if confirmar(self, tr("Solicitud de datos faltantes"),
                         tr("El oficio quedó registrado como INCOMPLETO.") + "\n\n"
                         + tr("¿Emitir ahora la solicitud de datos faltantes?")):
                self.solicitud = ejecutar(self, oficios.emitir_solicitud_datos_faltantes, self.sesion, guardado)
                if self.solicitud is not None:
                    avisar(self, tr("Solicitud emitida"),
                           tr("Se emitió la solicitud de datos faltantes con folio ") + f"{self.solicitud.folio}.")
        self.accept()


# --- Diálogo: emitir un oficio ---------------------------------------------------------------

class DialogoEmitirOficio(QDialog):
    """Captura y emisión de un oficio con folio. Al aceptar, ``oficio`` es el emitido."""

    def __init__(self, sesion: Usuario, en_respuesta_a: Oficio | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.oficio: Oficio | None = None
        self.setWindowTitle(tr("Emitir oficio"))
        self.setMinimumSize(680, 640)
        self.setStyleSheet(HOJA_ERRORES)

        self._servidores: dict[str, ServidorPublico] = {}
        for servidor in catalogos.servidores():
            self._servidores.setdefault(servidor.nombre, servidor)
        self._recibidos: dict[int, Oficio] = {}

        self.respuesta = QComboBox(self)
        # Los textos de los oficios son largos: que no decidan el ancho del diálogo.
        self.respuesta.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.respuesta.setMinimumContentsLength(30)
        self.respuesta.addItem(tr("(no responde a un oficio recibido)"), None)
        for fila in oficios.consultar(oficios.ENTRANTE, limite=LIMITE_FILAS):
            self.respuesta.addItem(self._texto_recibido(fila), fila["id"])
        if en_respuesta_a is not None:
            indice = self.respuesta.findData(en_respuesta_a.id)
            if indice < 0:
                self.respuesta.addItem(en_respuesta_a.numero_oficio or f"#{en_respuesta_a.id}", en_respuesta_a.id)
                indice = self.respuesta.count() - 1
            self._recibidos[en_respuesta_a.id] = en_respuesta_a
            self.respuesta.setCurrentIndex(indice)
        self.respuesta.currentIndexChanged.connect(self._al_cambiar_respuesta)

        self.destinatario = QLineEdit(self)
        self.destinatario.setMaxLength(200)
        self.destinatario.setPlaceholderText(tr("Escriba para buscar en los servidores públicos"))
        completador = _completador(sorted(self._servidores), self)
        completador.activated.connect(self._elegir_servidor)
        self.destinatario.setCompleter(completador)
        self.cargo = QLineEdit(self)
        self.cargo.setMaxLength(200)
        self.dependencia = QLineEdit(self)
        self.dependencia.setMaxLength(200)
        self.dependencia.setCompleter(_completador([d.nombre for d in catalogos.dependencias()], self))

        self.plantilla = QComboBox(self)
        self.plantilla.addItem(tr("(sin plantilla)"), "")
        for clave in plantillas.disponibles():
            self.plantilla.addItem(NOMBRES_PLANTILLA.get(clave, clave.replace("_", " ").capitalize()), clave)
        self.plantilla.currentIndexChanged.connect(self._al_elegir_plantilla)
        self._plantilla: plantillas.Plantilla | None = None
        self._propios: dict[str, str] = {}
        self._ultimo_llenado: tuple[str, str] | None = None   # lo que la plantilla escribió por última vez
        # Un campo por cada variable de la plantilla que no sale del formulario ni del oficio recibido.
        self.campos_plantilla: dict[str, QLineEdit] = {}
        self.caja_plantilla = QGroupBox(tr("Datos de la plantilla"), self)
        self.formulario_plantilla = QFormLayout(self.caja_plantilla)
        self.formulario_plantilla.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.caja_plantilla.hide()
        self.dialogo: QDialog | None = None                    # la vista previa, mientras está abierta
        self.errores = etiqueta_errores(self)

        self.asunto = QLineEdit(self)
        self.asunto.setMaxLength(300)
        self.cuerpo = QPlainTextEdit(self)
        self.cuerpo.setTabChangesFocus(True)
        self.cuerpo.setMinimumHeight(180)
        self.ccp = QPlainTextEdit(self)
        self.ccp.setTabChangesFocus(True)
        self.ccp.setPlaceholderText(tr("Una persona por línea, p. ej.: Tesorero Municipal. Para su conocimiento."))
        self.ccp.setFixedHeight(64)

        try:
            firma = oficios.firmante_titular()
            texto_firma = f"{firma.nombre}, {firma.cargo}"
        except ErrorDTI as exc:
            texto_firma = exc.mensaje
        self.firma = etiqueta_plana(texto_firma, self)
        self.firma.setObjectName("subtitulo")

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.addRow(tr("En &respuesta a:"), self.respuesta)
        formulario.addRow(tr("&Destinatario:"), self.destinatario)
        formulario.addRow(tr("Ca&rgo:"), self.cargo)
        formulario.addRow(tr("De&pendencia:"), self.dependencia)
        formulario.addRow(tr("P&lantilla:"), self.plantilla)
        formulario.addRow(tr("&Asunto:"), self.asunto)
        formulario.addRow(tr("&Cuerpo:"), self.cuerpo)
        formulario.addRow(tr("c.c.&p.:"), self.ccp)
        formulario.addRow(tr("Firma:"), self.firma)

        self.botones = QDialogButtonBox(self)
        self.boton_emitir = self.botones.addButton(tr("Emitir…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.botones.addButton(tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_emitir.setDefault(True)
        self.botones.accepted.connect(self.emitir)
        self.botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.addLayout(formulario, 1)
        capa.addWidget(self.caja_plantilla)
        capa.addWidget(self.errores)
        capa.addWidget(self.botones)
        self._campos: dict[str, QWidget] = {
            "destinatario_nombre": self.destinatario, "destinatario_cargo": self.cargo,
            "destinatario_dependencia": self.dependencia, "asunto": self.asunto, "cuerpo": self.cuerpo,
            "ccp": self.ccp}
        if en_respuesta_a is not None:
            self._al_cambiar_respuesta()
        self.destinatario.setFocus()

    @staticmethod
    def _texto_recibido(fila: dict[str, Any]) -> str:
        numero = fila.get("numero_oficio") or tr("(sin número)")
        procedencia = fila.get("procedencia") or fila.get("procedencia_texto") or ""
        descripcion = (fila.get("descripcion") or "")[:60]
        return " — ".join(p for p in (numero, procedencia, descripcion) if p)

    def recibido(self) -> Oficio | None:
        """El oficio recibido al que se responde (o None)."""
        identificador = self.respuesta.currentData()
        if identificador is None:
            return None
        if identificador not in self._recibidos:
            self._recibidos[identificador] = oficios.obtener(identificador)
        return self._recibidos[identificador]

    def _al_cambiar_respuesta(self, _indice: int = 0) -> None:
        """Al responder a un oficio, propone como destinatario a quien lo firmó (si aún no hay)."""
        recibido = ejecutar(self, self.recibido)
        if recibido is None or self.destinatario.text().strip():
            return
        self.destinatario.setText(recibido.solicitante_nombre)
        self.cargo.setText(recibido.solicitante_cargo)
        procedencia = recibido.procedencia.nombre if recibido.procedencia_id else recibido.procedencia_texto
        self.dependencia.setText(procedencia)

    def _elegir_servidor(self, nombre: str) -> None:
        servidor = self._servidores.get(nombre)
        if servidor is None:
            return
        self.cargo.setText(servidor.cargo)
        if servidor.dependencia_id:
            self.dependencia.setText(servidor.dependencia.nombre)

    def _variables(self) -> dict[str, str]:
        """Lo que las plantillas pueden usar: institución, lo capturado, el oficio recibido y sus datos."""
        variables = self._variables_automaticas()
        variables.update({clave: campo.text().strip() for clave, campo in self.campos_plantilla.items()
                          if campo.text().strip()})
        return variables

    def _variables_automaticas(self) -> dict[str, str]:
        """Lo que no hay que pedir aparte: datos de la institución, del formulario y del oficio recibido."""
        # Lo vacío no se pasa: la variable queda como ${…} para que se note y se escriba.
        variables = oficios.variables_generales(
            destinatario_nombre=self.destinatario.text(), destinatario_cargo=self.cargo.text(),
            destinatario_dependencia=self.dependencia.text(), asunto=self.asunto.text(),
            cuerpo=self.cuerpo.toPlainText())
        recibido = self.recibido()
        if recibido is not None:
            variables.update(
                numero_oficio=recibido.numero_oficio or tr("sin número"),
                fecha_oficio=f"{recibido.fecha_documento:%d/%m/%Y}" if recibido.fecha_documento else tr("sin fecha"),
                fecha_recepcion=f"{recibido.recibido_en:%d/%m/%Y a las %H:%M}" if recibido.recibido_en else "",
                descripcion=recibido.descripcion or tr("su petición"),
                faltantes="\n".join(f"• {f}" for f in oficios.faltantes_de(recibido)))
            if recibido.tramite_id:
                from app.servicios.tramites import procedimientos, tramites

                tramite = tramites.obtener(recibido.tramite_id)
                variables["tramite"] = tramite.numero
                variables["procedimiento"] = procedimientos.obtener(tramite.procedimiento).titulo
        return variables

    def _al_elegir_plantilla(self, _indice: int) -> None:
        clave = self.plantilla.currentData()
        if not clave:
            self._plantilla = None
            self._armar_campos_plantilla(())
            return
        plantilla = ejecutar(self, plantillas.cargar, clave)
        if plantilla is None:
            return
        automaticas = ejecutar(self, self._variables_automaticas)
        if automaticas is None:
            return
        asunto, cuerpo = plantilla.llenar(**automaticas)
        actual = self.cuerpo.toPlainText().strip()
        if actual and actual != cuerpo.strip() and "${cuerpo}" not in plantilla.cuerpo:
            if not confirmar(self, tr("Plantilla"),
                             tr("La plantilla reemplazará el texto que ya escribió en el cuerpo. ¿Continuar?")):
                return
        self._plantilla = plantilla
        # ${asunto} y ${cuerpo} valen lo escrito al elegir la plantilla (después, el texto ya es el llenado).
        self._propios = {c: automaticas[c] for c in VARIABLES_DEL_FORMULARIO if c in automaticas}
        self._armar_campos_plantilla([n for n in plantilla.variables()
                                      if n not in automaticas and n not in VARIABLES_DEL_FORMULARIO])
        self._llenar_con_plantilla()

    def _armar_campos_plantilla(self, nombres: list[str] | tuple[str, ...]) -> None:
        """Un campo por variable que falta; los valores ya escritos en otra plantilla se conservan."""
        anteriores = {clave: campo.text() for clave, campo in self.campos_plantilla.items()}
        while self.formulario_plantilla.rowCount():
            self.formulario_plantilla.removeRow(0)
        self.campos_plantilla = {}
        for nombre in nombres:
            campo = QLineEdit(self.caja_plantilla)
            campo.setMaxLength(2000)
            campo.setObjectName(f"plantilla_{nombre}")
            campo.setPlaceholderText(tr("Falta: se escribe en lugar de ${{nombre}}").replace("{nombre}", nombre))
            campo.setText(anteriores.get(nombre, ""))
            campo.textChanged.connect(self._al_cambiar_dato)
            self.formulario_plantilla.addRow(nombre.replace("_", " ").capitalize() + ":", campo)
            self.campos_plantilla[nombre] = campo
        self.caja_plantilla.setVisible(bool(nombres))

    def _llenar_con_plantilla(self) -> None:
        if self._plantilla is None:
            return
        variables = ejecutar(self, self._variables)
        if variables is None:
            return
        for clave in VARIABLES_DEL_FORMULARIO:
            variables.pop(clave, None)
        asunto, cuerpo = self._plantilla.llenar(**variables, **self._propios)
        if asunto:
            self.asunto.setText(asunto)
        self.cuerpo.setPlainText(cuerpo)
        self._ultimo_llenado = (self.asunto.text(), self.cuerpo.toPlainText())

    def _al_cambiar_dato(self, _texto: str = "") -> None:
        """Un dato de la plantilla cambió: se vuelve a llenar el texto (o, si ya lo editó a mano,
        solo se sustituyen las variables que siguen sin llenar)."""
        campo = self.sender()
        if isinstance(campo, QLineEdit) and campo.text().strip():
            marcar_campo(campo, False)
        if self._ultimo_llenado == (self.asunto.text(), self.cuerpo.toPlainText()):
            self._llenar_con_plantilla()
            return
        valores = {clave: c.text().strip() for clave, c in self.campos_plantilla.items() if c.text().strip()}

        def sustituir(texto: str) -> str:
            for clave, valor in valores.items():
                texto = texto.replace(f"${{{clave}}}", valor)
            return texto

        asunto, cuerpo = sustituir(self.asunto.text()), sustituir(self.cuerpo.toPlainText())
        if asunto != self.asunto.text():
            self.asunto.setText(asunto)
        if cuerpo != self.cuerpo.toPlainText():
            self.cuerpo.setPlainText(cuerpo)

    def _datos(self) -> dict[str, Any]:
        recibido = self.recibido() if self.respuesta.currentData() is not None else None
        return dict(destinatario_nombre=self.destinatario.text(), destinatario_cargo=self.cargo.text(),
                    destinatario_dependencia=self.dependencia.text(), asunto=self.asunto.text(),
                    cuerpo=self.cuerpo.toPlainText(), ccp=self.ccp.toPlainText().split("\n"),
                    en_respuesta_a=recibido, tramite_id=recibido.tramite_id if recibido else None,
                    plantilla=self.plantilla.currentData() or "")

    def _limpiar_errores(self) -> None:
        for campo in (*self._campos.values(), *self.campos_plantilla.values()):
            marcar_campo(campo, False)
        self.errores.hide()

    def _campos_con_plantilla(self) -> dict[str, QWidget]:
        """Dónde señalar cada error: los campos del formulario y, por variable, su campo o el texto que la tiene."""
        campos = dict(self._campos)
        for nombre in plantillas.sin_llenar(self.asunto.text() + "\n" + self.cuerpo.toPlainText()):
            en_asunto = f"${{{nombre}}}" in self.asunto.text()
            campos[plantillas.CAMPO + nombre] = (self.campos_plantilla.get(nombre)
                                                 or (self.asunto if en_asunto else self.cuerpo))
        return campos

    def _servicio(self, funcion: Callable[..., Any]) -> Any:
        """Llama al servicio; los datos rechazados se señalan en el formulario (no en un aviso)."""
        rechazos: list[ErrorValidacion] = []

        def llamar() -> Any:
            try:
                return funcion(self.sesion, **self._datos())
            except ErrorValidacion as exc:
                rechazos.append(exc)
                return None

        resultado = ejecutar(self, llamar)    # los demás errores, en un aviso
        for exc in rechazos:
            marcar_errores(self._campos_con_plantilla(), exc.errores, self.errores)
        return resultado

    def emitir(self) -> None:
        """Primero la vista previa (sin folio); el folio se toma solo si en ella se elige «Emitir»."""
        self._limpiar_errores()
        pdf = self._servicio(oficios.vista_previa_pdf)
        if pdf is None:
            return   # el error ya se señaló; lo capturado sigue en el diálogo
        vista = ejecutar(self, DialogoVistaPrevia, pdf, self)
        if vista is None:
            return
        abrir_dialogo(self, vista, lambda _d: self._emitir_definitivo())

    def _emitir_definitivo(self) -> None:
        emitido = self._servicio(oficios.emitir_oficio)
        if emitido is None:
            return
        self.oficio = emitido
        avisar(self, tr("Oficio emitido"), tr("Se emitió el oficio con folio ") + f"{emitido.folio}.")
        self.accept()


# --- Vista del módulo ---------------------------------------------------------------------

class VistaOficios(QWidget):
    """Lista de oficios con filtros, detalle del seleccionado y sus acciones."""

    TITULO = "Oficios"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.oficio: Oficio | None = None
        self.producido: oficios.Producido | None = None
        self.dialogo: QDialog | None = None

        # Barra superior: acciones generales y filtros.
        self.boton_registrar = self._boton(tr("Registrar recibido…"), "Ctrl+R", self.registrar_recibido)
        self.boton_emitir = self._boton(tr("Emitir oficio…"), "Ctrl+N", self.emitir_oficio)
        self.boton_registrar.setObjectName("principal")
        self.boton_emitir.setObjectName("principal")
        self.filtro_tipo = QComboBox(self)
        for texto, valor in ((tr("Todos"), None), (tr("Recibidos"), oficios.ENTRANTE),
                             (tr("Emitidos"), oficios.SALIENTE)):
            self.filtro_tipo.addItem(texto, valor)
        self.filtro_estado = QComboBox(self)
        self.filtro_estado.addItem(tr("Todos"), None)
        self.filtro_estado.addItem(tr("Por atender"), POR_ATENDER)
        self.filtro_estado.setItemData(1, tr("Recibidos sin trámite ni respuesta, ni archivados ni descartados"),
                                       Qt.ItemDataRole.ToolTipRole)
        for clave, texto in ESTADOS.items():
            self.filtro_estado.addItem(tr(texto), clave)
        self.filtro_anio = QComboBox(self)
        self.filtro_anio.addItem(tr("Todos"), None)
        anio = hoy_mexico().year
        for valor in range(anio, anio - ANIOS_EN_FILTRO, -1):
            self.filtro_anio.addItem(str(valor), valor)
        for combo in (self.filtro_tipo, self.filtro_estado, self.filtro_anio):
            combo.currentIndexChanged.connect(lambda _i: self.refrescar())

        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_registrar)
        arriba.addWidget(self.boton_emitir)
        arriba.addStretch(1)
        for texto, combo in ((tr("&Tipo:"), self.filtro_tipo), (tr("E&stado:"), self.filtro_estado),
                             (tr("&Año:"), self.filtro_anio)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(combo)
            arriba.addWidget(etiqueta)
            arriba.addWidget(combo)
            arriba.addSpacing(6)

        # Tabla.
        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por folio, número, dependencia, solicitante o asunto…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(COLUMNA_ELASTICA, QHeaderView.ResizeMode.Stretch)

        # Detalle.
        self.panel_detalle = self._crear_detalle()

        divisor = division_lista_detalle(self, self.tabla, self.panel_detalle, [820, 420])

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(divisor, 1)

        self.refrescar()

    # --- Construcción -----------------------------------------------------------------------

    def _boton(self, texto: str, atajo: str | None, accion: Callable[[], None]) -> QPushButton:
        boton = QPushButton(texto, self)
        boton.setAutoDefault(False)
        if atajo:
            boton.setShortcut(QKeySequence(atajo))
            texto_atajo = QKeySequence(atajo).toString(QKeySequence.SequenceFormat.NativeText)
            boton.setProperty("ayuda", f"{texto.rstrip('…')} ({texto_atajo})")
        else:
            boton.setProperty("ayuda", texto.rstrip("…"))
        boton.setToolTip(boton.property("ayuda"))
        boton.clicked.connect(lambda _c=False: accion())
        return boton

    def _crear_detalle(self) -> QWidget:
        detalle = PanelDetalle(self, tr("Seleccione un oficio"), (
            ("tipo", "Tipo"), ("estado", "Estado"), ("folio", "Folio"), ("numero", "Número de oficio"),
            ("fecha", "Fecha del oficio"), ("acuse", "Acuse de recibo"), ("procedencia", "Procedencia"),
            ("solicitante", "Solicitante"), ("firmado", "Firmado"), ("descripcion", "Descripción"),
            ("faltantes", "Datos faltantes"), ("destinatario", "Destinatario"), ("asunto", "Asunto"),
            ("cuerpo", "Cuerpo"), ("ccp", "c.c.p."), ("firmantes", "Firma"),
            ("respuesta_a", "En respuesta a"), ("respuestas", "Respuestas"),
            ("archivo", "Archivo"), ("cancelacion", "Cancelación"), ("huella", "SHA-256 del PDF"),
            ("registro", "Registró")))
        self.titulo_detalle, self.formulario_detalle = detalle.titulo, detalle.formulario
        self.campos = detalle.campos
        self.campos["faltantes"].setStyleSheet(f"color: {COLOR_INCOMPLETO.name()}; font-weight: bold;")
        self.campos["cancelacion"].setStyleSheet(f"color: {COLOR_CANCELADO.name()};")
        self.campos["archivo"].setStyleSheet(f"color: {COLOR_CANCELADO.name()};")

        self.enlace_tramite = QPushButton(detalle.panel)
        self.enlace_tramite.setObjectName("enlace")
        self.enlace_tramite.setCursor(Qt.CursorShape.PointingHandCursor)
        self.enlace_tramite.setAutoDefault(False)
        self.enlace_tramite.clicked.connect(self.ir_al_tramite)
        detalle.agregar_fila("Trámite", self.enlace_tramite)

        # Lo que produjo el oficio recibido: sus casos y sus oficios de respuesta.
        self.produjo = QListWidget(detalle.panel)
        self.produjo.setMaximumHeight(110)
        self.produjo.setToolTip(tr("Doble clic para abrir el caso en su pestaña, o el oficio de respuesta"))
        self.produjo.itemActivated.connect(self.abrir_producido)
        detalle.agregar_fila("Produjo", self.produjo)

        self.adjuntos = QListWidget(detalle.panel)
        self.adjuntos.setMaximumHeight(90)
        self.adjuntos.setToolTip(tr("Doble clic para abrir el archivo"))
        self.adjuntos.itemActivated.connect(self.abrir_adjunto)
        detalle.agregar_fila("Adjuntos", self.adjuntos)

        self.boton_completar = self._boton(tr("Completar datos…"), None, self.completar_datos)
        self.boton_solicitud = self._boton(tr("Solicitud de datos faltantes"), None, self.emitir_solicitud)
        self.boton_adjuntar = self._boton(tr("Adjuntar PDF…"), None, self.adjuntar_pdf)
        self.boton_guardar_pdf = self._boton(tr("Guardar PDF…"), "Ctrl+S", self.guardar_pdf)
        self.boton_abrir_pdf = self._boton(tr("Abrir PDF"), None, self.abrir_pdf)
        self.boton_imprimir = self._boton(tr("Imprimir…"), "Ctrl+P", self.imprimir)
        self.boton_cancelar = self._boton(tr("Cancelar oficio…"), None, self.cancelar_oficio)
        self.boton_abrir_caso = self._boton(tr("Abrir caso…"), None, self.abrir_caso)
        self.boton_archivar = self._boton(tr("Archivar…"), None, self.archivar)
        self.boton_descartar = self._boton(tr("Descartar…"), None, self.descartar)
        detalle.agregar_botones((self.boton_abrir_caso, self.boton_completar, self.boton_solicitud,
                                 self.boton_archivar, self.boton_descartar, self.boton_adjuntar,
                                 self.boton_guardar_pdf, self.boton_abrir_pdf, self.boton_imprimir,
                                 self.boton_cancelar))
        return detalle

    # --- Datos ----------------------------------------------------------------------------

    def refrescar(self) -> None:
        """Vuelve a leer la lista con los filtros actuales; conserva la selección."""
        filas = ejecutar(self, _consultar, self.filtro_tipo.currentData(), self.tabla.busqueda.text(),
                         self.filtro_estado.currentData(), self.filtro_anio.currentData())
        self.tabla.cargar(filas or [], color=_color_fila)
        self._mostrar(self.tabla.id_actual())

    def seleccionar(self, identificador: int) -> None:
        """Refresca y selecciona el oficio; si los filtros lo ocultan, los quita."""
        self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila < 0:
            quitar_filtros(self.tabla, self.filtro_tipo, self.filtro_estado, self.filtro_anio)
            self.refrescar()
            fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self._mostrar(identificador)

    def _mostrar(self, identificador: Any) -> None:
        from app.servicios.tramites import propietarios

        oficio = None
        if identificador is not None:
            oficio = ejecutar(self, oficios.obtener, identificador)
        self.oficio = oficio
        self.producido = (ejecutar(self, oficios.produjo, oficio, propietarios.registros_de)
                          if oficio is not None else None)
        self._llenar_detalle(oficio)
        self._actualizar_acciones()

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario_detalle.setRowVisible(self.campos[clave], bool(texto))

    def _llenar_detalle(self, oficio: Oficio | None) -> None:
        for clave in self.campos:
            self._fila(clave, "")
        self.adjuntos.clear()
        self.produjo.clear()
        self.formulario_detalle.setRowVisible(self.enlace_tramite, False)
        self.formulario_detalle.setRowVisible(self.adjuntos, False)
        self.formulario_detalle.setRowVisible(self.produjo, False)
        if oficio is None:
            self.titulo_detalle.setText(tr("Seleccione un oficio"))
            return
        entrante = oficio.tipo == oficios.ENTRANTE
        if entrante:
            self.titulo_detalle.setText(tr("Oficio recibido ") + (oficio.numero_oficio or tr("(sin número)")))
        else:
            self.titulo_detalle.setText(tr("Oficio ") + (oficio.folio or ""))
        self._fila("tipo", TIPOS.get(oficio.tipo, oficio.tipo))
        self._fila("estado", ESTADOS.get(oficio.estado, oficio.estado))
        fecha = f"{oficio.fecha_documento:%d/%m/%Y}" if oficio.fecha_documento else tr("sin fecha")
        self._fila("fecha", fecha)
        if entrante:
            self._fila("numero", oficio.numero_oficio or tr("(sin número)"))
            if oficio.recibido_en:
                acuse = f"{oficio.recibido_en:%d/%m/%Y, %H:%M} h"
                receptor = getattr(oficio, "recibido_por", None)
                if receptor is not None:
                    acuse += "\n" + tr("Recibió: ") + receptor.nombre
                self._fila("acuse", acuse)
            procedencia = oficio.procedencia.nombre if oficio.procedencia_id else oficio.procedencia_texto
            self._fila("procedencia", procedencia or tr("(sin procedencia)"))
            solicitante = ", ".join(p for p in (oficio.solicitante_nombre, oficio.solicitante_cargo) if p)
            self._fila("solicitante", solicitante or tr("(sin nombre)"))
            self._fila("firmado", tr("Sí") if oficio.firmado else tr("No"))
            self._fila("descripcion", oficio.descripcion or tr("(sin descripción)"))
            self._fila("faltantes", "\n".join(f"• {f}" for f in oficios.faltantes_de(oficio)))
        else:
            self._fila("folio", oficio.folio or "")
            destinatario = [oficio.destinatario_nombre, oficio.destinatario_cargo, oficio.destinatario_dependencia]
            self._fila("destinatario", "\n".join(p for p in destinatario if p))
            self._fila("asunto", oficio.asunto)
            self._fila("cuerpo", oficio.cuerpo)
            self._fila("ccp", oficio.ccp)
            self._fila("firmantes", self._texto_firmantes(oficio))
            # 64 caracteres sin espacios no se ajustan: en dos renglones.
            self._fila("huella", f"{oficio.sha256[:32]}\n{oficio.sha256[32:]}" if oficio.sha256 else "")
        if oficio.en_respuesta_a_id:
            anterior = oficio.en_respuesta_a
            self._fila("respuesta_a", anterior.folio or anterior.numero_oficio or f"#{anterior.id}")
        self._fila("respuestas", ", ".join(oficios.respuestas_a(oficio)))
        if oficio.estado == oficios.CANCELADO:
            quien = oficio.cancelado_por.nombre if oficio.cancelado_por_id else ""
            cuando = f"{oficio.cancelado_en:%d/%m/%Y %H:%M}" if oficio.cancelado_en else ""
            self._fila("cancelacion", f"{oficio.motivo_cancelacion}\n({', '.join(p for p in (quien, cuando) if p)})")
        if oficio.estado in (oficios.ARCHIVADO, oficios.DESCARTADO):
            quien = oficio.archivado_por.nombre if oficio.archivado_por_id else ""
            cuando = f"{oficio.archivado_en:%d/%m/%Y %H:%M}" if oficio.archivado_en else ""
            marca = ", ".join(p for p in (ESTADOS[oficio.estado], quien, cuando) if p)
            self._fila("archivo", f"{oficio.motivo_archivo}\n({marca})")
        autor = oficio.creado_por.nombre if oficio.creado_por_id else tr("sistema")
        creado = f"{oficio.creado_en:%d/%m/%Y %H:%M}" if oficio.creado_en else ""
        self._fila("registro", f"{autor}, {creado}" if creado else autor)
        if oficio.tramite_id and entrante is False:
            self._mostrar_tramite(oficio.tramite_id)     # el trámite al que responde un emitido
        self._llenar_producido()
        adjuntos = oficios.adjuntos_de(oficio)
        for adjunto in adjuntos:
            kb = max(1, round(adjunto["tamano"] / 1024))
            elemento = QListWidgetItem(f"{adjunto['nombre_archivo']} ({kb:,} KB)")
            elemento.setData(Qt.ItemDataRole.UserRole, adjunto["id"])
            self.adjuntos.addItem(elemento)
        self.formulario_detalle.setRowVisible(self.adjuntos, bool(adjuntos))

    def _llenar_producido(self) -> None:
        """Los casos (con su registro de módulo: «Ticket …») y los oficios de respuesta del recibido."""
        producido = self.producido
        if producido is None or self.oficio is None or self.oficio.tipo != oficios.ENTRANTE:
            return
        from app.servicios.tramites import procedimientos

        for caso in producido.casos:
            try:
                clave = procedimientos.obtener(caso.procedimiento).clave
            except ErrorDTI:
                clave = f"P{caso.procedimiento:02d}"
            situacion = caso.paso_actual and f"{tr('paso')} {caso.paso_actual}" or tr(caso.estado)
            partes = [caso.registro, caso.numero] if caso.registro else [caso.numero]
            texto = f"{tr('Caso')}: {' · '.join(partes)} ({clave}, {situacion}) — {caso.asunto}"
            elemento = QListWidgetItem(texto)
            elemento.setData(Qt.ItemDataRole.UserRole, ("caso", caso.tramite_id))
            self.produjo.addItem(elemento)
        for respuesta in producido.respuestas:
            estado = ESTADOS.get(respuesta["estado"], respuesta["estado"])
            elemento = QListWidgetItem(f"{tr('Oficio de respuesta')}: {respuesta['folio']} ({estado}) — "
                                       f"{respuesta['asunto']}")
            elemento.setData(Qt.ItemDataRole.UserRole, ("oficio", respuesta["id"]))
            self.produjo.addItem(elemento)
        if not producido.vacio:
            self.formulario_detalle.setRowVisible(self.produjo, True)

    def textos_producido(self) -> list[str]:
        """Lo que el detalle lista como producido por el oficio (en el orden en que se ve)."""
        return [self.produjo.item(i).text() for i in range(self.produjo.count())]

    @staticmethod
    def _texto_firmantes(oficio: Oficio) -> str:
        import json

        try:
            firmas = json.loads(oficio.firmantes or "[]")
        except ValueError:
            return ""
        return "\n".join(f"{f.get('nombre', '')}, {f.get('cargo', '')}" for f in firmas if isinstance(f, dict))

    def _mostrar_tramite(self, tramite_id: int) -> None:
        from app.servicios.tramites import tramites

        try:
            numero = tramites.obtener(tramite_id).numero
        except ErrorDTI:
            return
        self.enlace_tramite.setText(numero)
        self.enlace_tramite.setToolTip(tr("Ver el trámite en la pestaña «Trámites»"))
        self.enlace_tramite.setProperty("tramite_id", tramite_id)
        self.formulario_detalle.setRowVisible(self.enlace_tramite, True)

    def _habilitar(self, boton: QPushButton, permiso: str | None, aplica: bool, motivo: str) -> None:
        """Habilita ``boton`` si el rol lo permite y el estado del oficio lo admite; si no, dice por qué."""
        if permiso is not None and not permisos.puede(self.sesion, permiso):
            rol = permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol)
            boton.setEnabled(False)
            boton.setToolTip(tr("Su rol ({rol}) no permite {accion}.").format(
                rol=rol, accion=permisos.DESCRIPCION_PERMISO.get(permiso, permiso)))
            return
        boton.setEnabled(aplica)
        boton.setToolTip(boton.property("ayuda") if aplica else motivo)

    def _actualizar_acciones(self) -> None:
        oficio = self.oficio
        entrante = oficio is not None and oficio.tipo == oficios.ENTRANTE
        saliente = oficio is not None and oficio.tipo == oficios.SALIENTE
        incompleto = entrante and oficio.estado == oficios.INCOMPLETO
        self._habilitar(self.boton_registrar, permisos.REGISTRAR_OFICIO, True, "")
        self._habilitar(self.boton_emitir, permisos.EMITIR_OFICIO, True, "")
        self._habilitar(self.boton_completar, permisos.REGISTRAR_OFICIO, incompleto,
                        tr("Solo para oficios recibidos incompletos."))
        self._habilitar(self.boton_solicitud, permisos.EMITIR_OFICIO, incompleto,
                        tr("Solo para oficios recibidos incompletos."))
        self._habilitar(self.boton_adjuntar, permisos.REGISTRAR_OFICIO,
                        oficio is not None and oficio.estado != oficios.CANCELADO,
                        tr("Seleccione un oficio vigente."))
        self._habilitar(self.boton_guardar_pdf, permisos.VER, saliente, tr("Solo los oficios emitidos tienen PDF."))
        self._habilitar(self.boton_abrir_pdf, permisos.VER, saliente, tr("Solo los oficios emitidos tienen PDF."))
        self._habilitar(self.boton_imprimir, permisos.VER, saliente, tr("Solo los oficios emitidos tienen PDF."))
        self._habilitar(self.boton_cancelar, permisos.CANCELAR_OFICIO,
                        saliente and oficio.estado == oficios.EMITIDO,
                        tr("Solo se cancelan oficios emitidos vigentes."))
        archivado = entrante and oficio.estado in (oficios.ARCHIVADO, oficios.DESCARTADO)
        self._habilitar(self.boton_abrir_caso, permisos.ABRIR_TRAMITE, entrante and not archivado,
                        tr("Los casos se abren desde un oficio recibido que no se archivó ni descartó."))
        sin_nada = entrante and oficio.estado in oficios.POR_ATENDER_ESTADOS and self._sin_produccion()
        motivo = (tr("El oficio ya está archivado o descartado.") if archivado else
                  tr("Ya dio lugar a un caso o a una respuesta: no se archiva.") if entrante else
                  tr("Solo se archivan oficios recibidos."))
        self._habilitar(self.boton_archivar, permisos.REGISTRAR_OFICIO, sin_nada, motivo)
        self._habilitar(self.boton_descartar, permisos.REGISTRAR_OFICIO, sin_nada, motivo)

    def _sin_produccion(self) -> bool:
        """¿El oficio mostrado no tiene trámite ni respuesta vigente? (el servicio lo vuelve a revisar)."""
        producido = self.producido
        if producido is None:
            return False
        return not producido.casos and all(r["estado"] == oficios.CANCELADO for r in producido.respuestas)

    # --- Acciones ------------------------------------------------------------------------------

    def _abrir_dialogo(self, dialogo: QDialog, al_aceptar: Callable[[Any], None]) -> None:
        """Abre ``dialogo`` (modal, sin bloquear el ciclo de eventos) y refresca al terminar."""
        abrir_dialogo(self, dialogo, al_aceptar, self.refrescar)

    def registrar_recibido(self) -> None:
        if not permisos.puede(self.sesion, permisos.REGISTRAR_OFICIO):
            return
        self._abrir_dialogo(DialogoOficioRecibido(self.sesion, parent=self), self._registrado)

    def _registrado(self, dialogo: DialogoOficioRecibido) -> None:
        """Tras registrar un oficio completo, ofrece abrir el caso que pide."""
        self.seleccionar(dialogo.oficio.id)
        if dialogo.oficio.estado == oficios.REGISTRADO and permisos.puede(self.sesion, permisos.ABRIR_TRAMITE):
            self._ofrecer_caso(dialogo.oficio, recien_registrado=True)

    def abrir_caso(self) -> None:
        """«Abrir caso…»: el procedimiento que pide el oficio, y su alta en el módulo que lo lleva."""
        if self.oficio is None or not self.boton_abrir_caso.isEnabled():
            return
        self._ofrecer_caso(self.oficio)

    def _ofrecer_caso(self, oficio: Oficio, recien_registrado: bool = False) -> None:
        self._abrir_dialogo(DialogoAbrirCaso(oficio, self, recien_registrado),
                            lambda d: self.nuevo_caso(d.procedimiento, d.oficio.id))

    def nuevo_caso(self, procedimiento: int, oficio_id: int) -> None:
        """Pide a la ventana abrir el alta del caso en su pestaña (o en Trámites) con el oficio elegido."""
        nuevo = getattr(self.window(), "nuevo_caso", None)
        if not callable(nuevo):
            avisar(self, tr("Abrir caso"), tr("Abra el caso desde la pestaña que lleva su procedimiento."),
                   QMessageBox.Icon.Warning)
            return
        try:
            nuevo(procedimiento, oficio_id)
        except (ValueError, RuntimeError) as exc:
            avisar(self, tr("Abrir caso"), str(exc), QMessageBox.Icon.Warning)

    def abrir_producido(self, elemento: QListWidgetItem) -> None:
        """Doble clic en lo producido: el caso se abre en su módulo; un oficio de respuesta se elige aquí."""
        clase, identificador = elemento.data(Qt.ItemDataRole.UserRole)
        if clase == "oficio":
            self.seleccionar(identificador)
            return
        abrir = getattr(self.window(), "abrir_caso", None)
        if not callable(abrir):
            return
        try:
            abrir(identificador)
        except (ValueError, RuntimeError) as exc:
            avisar(self, tr("Abrir caso"), str(exc), QMessageBox.Icon.Warning)

    def archivar(self) -> None:
        self._archivar_o_descartar(self.boton_archivar, oficios.archivar_oficio, tr("Archivar oficio"),
                                   tr("archivar"), tr("ARCHIVADO"))

    def descartar(self) -> None:
        self._archivar_o_descartar(self.boton_descartar, oficios.descartar_oficio, tr("Descartar oficio"),
                                   tr("descartar"), tr("DESCARTADO"))

    def _archivar_o_descartar(self, boton: QPushButton, servicio: Callable[..., Oficio], titulo: str,
                              verbo: str, estado: str) -> None:
        """Motivo y confirmación; el oficio queda fuera de la lista de por atender."""
        oficio = self.oficio
        if oficio is None or not boton.isEnabled():
            return
        numero = oficio.numero_oficio or tr("(sin número)")
        motivo = pedir_motivo(self, titulo, tr("¿Por qué se va a {verbo} el oficio {numero} sin abrir un caso ni "
                                               "responderlo?\n(queda registrado con su nombre, la fecha y la hora)")
                              .replace("{verbo}", verbo).replace("{numero}", numero))
        if motivo is None:
            return
        if not motivo.strip():
            avisar(self, tr("Falta el motivo"),
                   tr("Escriba el motivo; sin motivo no se puede {verbo} el oficio.").replace("{verbo}", verbo),
                   QMessageBox.Icon.Warning)
            return
        if not confirmar(self, titulo, tr("El oficio {numero} quedará {estado} y saldrá de la lista de por atender."
                                          "\n\n¿Continuar?").replace("{numero}", numero).replace("{estado}", estado)):
            return
        ejecutar(self, servicio, self.sesion, oficio, motivo, version=oficio.version)
        self.seleccionar(oficio.id)

    def completar_datos(self) -> None:
        if self.oficio is None or not self.boton_completar.isEnabled():
            return
        self._abrir_dialogo(DialogoOficioRecibido(self.sesion, self.oficio, parent=self),
                            lambda d: self.seleccionar(d.oficio.id))

    def emitir_oficio(self) -> None:
        if not permisos.puede(self.sesion, permisos.EMITIR_OFICIO):
            return
        recibido = self.oficio if self.oficio is not None and self.oficio.tipo == oficios.ENTRANTE else None
        self._abrir_dialogo(DialogoEmitirOficio(self.sesion, recibido, parent=self),
                            lambda d: self.seleccionar(d.oficio.id))

    def emitir_solicitud(self) -> None:
        oficio = self.oficio
        if oficio is None or not self.boton_solicitud.isEnabled():
            return
        if not confirmar(self, tr("Solicitud de datos faltantes"),
                         tr("Se emitirá con el siguiente folio la solicitud de los datos que le faltan al oficio "
                            "recibido; el oficio quedará congelado. ¿Emitir?")):
            return
        solicitud = ejecutar(self, oficios.emitir_solicitud_datos_faltantes, self.sesion, oficio)
        self.refrescar()
        if solicitud is not None:
            avisar(self, tr("Solicitud emitida"),
                   tr("Se emitió la solicitud de datos faltantes con folio ") + f"{solicitud.folio}.")

    def cancelar_oficio(self) -> None:
        oficio = self.oficio
        if oficio is None or not self.boton_cancelar.isEnabled():
            return
        motivo, aceptado = QInputDialog.getMultiLineText(
            self, tr("Cancelar oficio"),
            tr("Motivo de la cancelación del oficio {folio}\n"
               "(queda registrado con su nombre, la fecha y la hora):").format(folio=oficio.folio))
        if not aceptado:
            return
        if not motivo.strip():
            avisar(self, tr("Falta el motivo"), tr("Escriba el motivo de la cancelación; sin motivo no se cancela."),
                   QMessageBox.Icon.Warning)
            return
        if not confirmar(self, tr("Cancelar oficio"),
                         tr("El oficio {folio} quedará CANCELADO. Conserva su folio y su PDF llevará la marca "
                            "«CANCELADO». Esta acción no se puede deshacer.\n\n¿Cancelar el oficio?")
                         .format(folio=oficio.folio)):
            return
        # La versión que se mostró en el detalle: si otra PC lo canceló entretanto, se avisa y no se escribe.
        ejecutar(self, oficios.cancelar_oficio, self.sesion, oficio, motivo, version=oficio.version)
        self.refrescar()

    def adjuntar_pdf(self) -> None:
        oficio = self.oficio
        if oficio is None or not self.boton_adjuntar.isEnabled():
            return
        ruta, _filtro = abrir_archivo(self, tr("Adjuntar PDF escaneado"), carpeta_documentos(),
                                                    tr("Documentos PDF (*.pdf);;Todos los archivos (*)"))
        if not ruta:
            return
        ejecutar(self, oficios.adjuntar, self.sesion, oficio, ruta)
        self.refrescar()

    def guardar_pdf(self) -> None:
        oficio = self.oficio
        if oficio is None or not self.boton_guardar_pdf.isEnabled():
            return
        sugerido = str(Path(carpeta_documentos()) / nombre_archivo_pdf(oficio))
        ruta, _filtro = guardar_como(self, tr("Guardar PDF del oficio"), sugerido,
                                                    tr("Documentos PDF (*.pdf)"))
        if not ruta:
            return
        if not ruta.lower().endswith(".pdf"):
            ruta += ".pdf"
        contenido = ejecutar(self, oficios.pdf_de_oficio, oficio)
        if contenido is None:
            return
        try:
            escribir_archivo(Path(ruta), contenido)
        except OSError as exc:
            avisar(self, tr("No se pudo guardar el PDF"),
                   tr("No se pudo escribir el archivo:") + f"\n{ruta}\n\n"
                   + tr("Si está abierto en otro programa (por ejemplo, el lector de PDF), ciérrelo e intente "
                        "de nuevo, o guárdelo con otro nombre o en otra carpeta.")
                   + f"\n\n{tr('Detalle')}: {exc.strerror or exc}", QMessageBox.Icon.Warning)

    def abrir_pdf(self) -> None:
        oficio = self.oficio
        if oficio is None or not self.boton_abrir_pdf.isEnabled():
            return
        contenido = ejecutar(self, oficios.pdf_de_oficio, oficio)
        if contenido is not None:
            abrir_con_programa(self, nombre_archivo_pdf(oficio), contenido)

    def imprimir(self) -> None:
        """«Imprimir…»: el PDF del oficio a la impresora, a tamaño real (diálogo del sistema)."""
        oficio = self.oficio
        if oficio is None or not self.boton_imprimir.isEnabled():
            return
        contenido = ejecutar(self, oficios.pdf_de_oficio, oficio)
        if contenido is not None:
            imprimir_pdf(self, contenido, f"Oficio {oficio.folio or oficio.id}")

    def abrir_adjunto(self, elemento: QListWidgetItem) -> None:
        leido = ejecutar(self, oficios.contenido_adjunto, elemento.data(Qt.ItemDataRole.UserRole))
        if leido is not None:
            abrir_con_programa(self, *leido)

    def ir_al_tramite(self) -> None:
        """Abre el trámite en la pestaña que lo lleva (la de su módulo, o «Trámites»)."""
        tramite_id = self.enlace_tramite.property("tramite_id")
        ventana = self.window()
        abrir = getattr(ventana, "abrir_caso", None)
        if tramite_id is None or not callable(abrir):
            return
        try:
            abrir(tramite_id)
        except (ValueError, RuntimeError) as exc:
            avisar(self, tr("Trámites"), str(exc), QMessageBox.Icon.Warning)
