"""Pantalla de trámites: la lista, el paso actual con sus decisiones y el historial de pasos.

Todo lo que cambia un trámite pasa por ``app.servicios.tramites.tramites`` (que exige rol y área);
aquí solo se desactiva lo que el rol no puede hacer y se muestra lo que el servicio responde.
"""
from __future__ import annotations

from typing import Any, TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
                               QWidget)

from app.servicios.catalogos import catalogos
from app.servicios.tramites import documento_paso, formulario, ficha as ficha_tramite, procedimientos, tramites
from app.servicios.tramites import propietarios
from app.servicios.tramites.modulos import modulo as modulo_dueno
from app.servicios.oficios import oficios
from app.servicios.nucleo import permisos, plantillas
from app.errores import ErrorPermiso, ErrorValidacion
from app.servicios.nucleo.validacion import normalizar
from app.vistas.comun import comunes
from app.vistas.comun.comunes import ayuda_plana, etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros
from app.vistas.oficios.oficios import abrir_con_programa
from app.vistas.oficios.vista_previa import DialogoVistaPrevia
from app.vistas.tramites.formulario_paso import FormularioPaso

if TYPE_CHECKING:
    from app.modelos import Tramite, Usuario
    from app.servicios.tramites.ficha import FichaTramite
    from app.servicios.tramites.procedimientos import Procedimiento

ESTADOS = (("Todos", None), ("Abierto", tramites.ABIERTO), ("Concluido", tramites.CONCLUIDO),
           ("Cancelado", tramites.CANCELADO))

# Campos marcados en rojo cuando el servicio los rechaza (propiedad dinámica «error»).
HOJA_ERRORES = ('QLineEdit[error="true"], QPlainTextEdit[error="true"], QComboBox[error="true"] '
                '{ border: 2px solid #c0392b; }')
COLOR_ERROR = "color: #b3261e;"
GRIS = QColor(128, 128, 128)


# --- Utilidades compartidas con la vista de procedimientos ---------------------------------

def clave_y_nombre(procedimiento: Procedimiento) -> str:
    """«P06 · Atención a solicitudes de soporte técnico»."""
    return f"{procedimiento.clave} · {procedimiento.nombre}"


def con_pestana(procedimiento: Procedimiento) -> str:
    """«P06 · Atención… — en Mesa de ayuda» si sus casos se abren en un módulo; si no, solo clave y nombre."""
    dueno = modulo_dueno(procedimiento.modulo)
    texto = clave_y_nombre(procedimiento)
    return f"{texto} — {tr('en')} {dueno.pestana}" if dueno is not None else texto


def atiende_area(sesion: Usuario | None, area: str) -> bool:
    """¿El rol de la sesión mueve trámites de ``area``? (la regla vive en el servicio de permisos)."""
    try:
        permisos.exigir_area(sesion, area)
    except ErrorPermiso:
        return False
    return True


def puede_abrir(sesion: Usuario | None, procedimiento: Procedimiento) -> bool:
    return permisos.puede(sesion, permisos.ABRIR_TRAMITE) and atiende_area(sesion, procedimiento.area)


def ajustar_columnas(tabla: TablaFiltrable, muestras: dict[int, str]) -> None:
    """Ancho de las columnas de forma conocida (números, fechas, estados) según la fuente real.

    Así no se cortan con la hoja de estilo ni con fuentes grandes de Windows, y no hay que
    recorrer las filas (``resizeColumnsToContents`` pide ``data()`` de todas).
    """
    vista = tabla.vista
    vista.ensurePolished()
    metrica = vista.fontMetrics()
    encabezado = vista.horizontalHeader()
    encabezado.ensurePolished()
    fuente = QFont(encabezado.font())
    fuente.setBold(True)
    metrica_encabezado = QFontMetrics(fuente)
    for columna, muestra in muestras.items():
        titulo = str(tabla.modelo.headerData(columna, Qt.Orientation.Horizontal) or "")
        vista.setColumnWidth(columna, max(metrica.horizontalAdvance(muestra) + 18,
                                          metrica_encabezado.horizontalAdvance(titulo) + 26))


def pedir_motivo(padre: QWidget, titulo: str, pregunta: str) -> str | None:
    """Pide un texto de varias líneas (el motivo de una cancelación); None si el usuario desiste."""
    texto, aceptado = QInputDialog.getMultiLineText(padre, titulo, pregunta)
    return texto if aceptado else None


def _fecha(valor: Any) -> str:
    if valor is None:
        return ""
    return valor.strftime("%d/%m/%Y %H:%M") if hasattr(valor, "hour") else valor.strftime("%d/%m/%Y")


# --- Diálogo: nuevo trámite ----------------------------------------------------------------

_RECHAZADO = object()      # el servicio rechazó datos del formulario: ya se marcaron en rojo


def _relanzar(exc: Exception) -> None:
    """Para explicar con ``comunes.ejecutar`` un error ya atrapado."""
    raise exc


class DialogoNuevoTramite(QDialog):
    """Abre un trámite: procedimiento, asunto, dependencia, solicitante, oficio recibido y nota.

    Un procedimiento que lleva un módulo (los tickets, los dictámenes…) no se abre aquí: el
    diálogo lo dice y, al aceptar, deja en ``ruta`` el procedimiento y el oficio elegidos para
    que la vista lleve al usuario a la pestaña del módulo.
    """

    def __init__(self, sesion: Usuario, parent: QWidget | None = None,
                 procedimiento: int | None = None, oficio_id: int | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.tramite: Tramite | None = None
        self.ruta: tuple[int, int | None] | None = None      # (procedimiento, oficio) que va a su módulo
        self.setWindowTitle(tr("Nuevo trámite"))
        self.setMinimumWidth(640)
        self.setStyleSheet(HOJA_ERRORES)
        self._dependencias = {d.id: d for d in catalogos.dependencias()}
        self._servidores: dict[int, Any] = {}
        self._oficios = oficios.consultar(tipo=oficios.ENTRANTE, sin_tramite=True)
        if oficio_id is not None and all(o["id"] != oficio_id for o in self._oficios):
            # El oficio que pide el caso, aunque ya haya dado lugar a otro.
            self._oficios += [o for o in oficios.consultar(tipo=oficios.ENTRANTE, limite=100000)
                              if o["id"] == oficio_id]

        self.procedimiento = QComboBox(self)
        self.procedimiento.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.procedimiento.setMinimumContentsLength(40)
        for definicion in procedimientos.todos():
            if puede_abrir(sesion, definicion):
                self.procedimiento.addItem(con_pestana(definicion), definicion.numero)
        self.objetivo = etiqueta_plana("", self)
        self.objetivo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.aviso_modulo = etiqueta_plana("", self)
        self.aviso_modulo.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.aviso_modulo.hide()
        self.asunto = QLineEdit(self)
        self.asunto.setMaxLength(300)
        self.asunto.setPlaceholderText(tr("Qué se pide, en una línea"))
        self.dependencia = QComboBox(self)
        self.dependencia.addItem(tr("(Sin dependencia)"), None)
        for dep in self._dependencias.values():
            self.dependencia.addItem(dep.nombre, dep.id)
        self.solicitante = QComboBox(self)
        self.oficio = QComboBox(self)
        self.oficio.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.oficio.setMinimumContentsLength(40)
        self.oficio.addItem(tr("(Sin oficio recibido)"), None)
        for registro in self._oficios:
            self.oficio.addItem(self._texto_oficio(registro), registro["id"])
        self.nota = QPlainTextEdit(self)
        self.nota.setTabChangesFocus(True)
        self.nota.setPlaceholderText(tr("Opcional: lo que conviene saber al empezar"))
        self.nota.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.errores = etiqueta_plana("", self)
        self.errores.setObjectName("error")
        self.errores.setStyleSheet(COLOR_ERROR)
        self.errores.hide()

        formulario = QFormLayout()
        formulario.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        formulario.addRow(tr("&Procedimiento:"), self.procedimiento)
        formulario.addRow("", self.objetivo)
        formulario.addRow("", self.aviso_modulo)
        formulario.addRow(tr("&Asunto:"), self.asunto)
        formulario.addRow(tr("&Dependencia:"), self.dependencia)
        formulario.addRow(tr("&Solicitante:"), self.solicitante)
        formulario.addRow(tr("&Oficio recibido:"), self.oficio)
        formulario.addRow(tr("No&ta inicial:"), self.nota)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        self.boton_abrir = botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_abrir.setText(tr("Abrir trámite"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self._abrir)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(formulario)
        capa.addWidget(self.errores)
        capa.addWidget(botones)

        self._campos: dict[str, QWidget] = {"asunto": self.asunto, "nota": self.nota,
                                            "oficio_entrada": self.oficio, "procedimiento": self.procedimiento}
        self.procedimiento.currentIndexChanged.connect(self._mostrar_objetivo)
        self.dependencia.currentIndexChanged.connect(self._cargar_solicitantes)
        self.oficio.currentIndexChanged.connect(self._al_elegir_oficio)
        self.asunto.textChanged.connect(lambda _t: marcar_campo(self.asunto, False))
        if procedimiento is not None:
            indice = self.procedimiento.findData(int(procedimiento))
            if indice >= 0:
                self.procedimiento.setCurrentIndex(indice)
        self._mostrar_objetivo()
        self._cargar_solicitantes()
        if oficio_id is not None:
            indice = self.oficio.findData(int(oficio_id))
            if indice >= 0:
                self.oficio.setCurrentIndex(indice)
        self.boton_abrir.setEnabled(self.procedimiento.count() > 0)
        self.procedimiento.setFocus()

    def modulo_elegido(self):
        """El módulo que lleva el procedimiento elegido (None si se abre aquí)."""
        numero = self.procedimiento.currentData()
        return modulo_dueno(procedimientos.obtener(numero).modulo) if numero is not None else None

    @staticmethod
    def _texto_oficio(registro: dict[str, Any]) -> str:
        partes = [registro["numero_oficio"] or tr("sin número"),
                  registro["procedencia"] or registro["procedencia_texto"] or "",
                  (registro["descripcion"] or "")[:70]]
        if registro["estado"] == oficios.INCOMPLETO:
            partes.append(tr("(incompleto)"))
        return " · ".join(p for p in partes if p)

    def _mostrar_objetivo(self) -> None:
        numero = self.procedimiento.currentData()
        if numero is None:
            self.objetivo.setText(tr("Su rol no puede abrir trámites de ningún procedimiento."))
            return
        definicion = procedimientos.obtener(numero)
        self.objetivo.setText(f"{tr('Objetivo')}: {definicion.objetivo}\n{tr('Área')}: {definicion.area}")
        dueno = modulo_dueno(definicion.modulo)
        if dueno is not None:
            self.aviso_modulo.setText(
                dueno.mensaje + " " + tr("«Ir a {pestana}» abre ahí el alta con el oficio elegido.")
                .replace("{pestana}", dueno.pestana))
        self.aviso_modulo.setVisible(dueno is not None)
        for campo in (self.asunto, self.dependencia, self.solicitante, self.nota):
            campo.setEnabled(dueno is None)
        if dueno is None:
            self.solicitante.setEnabled(self.dependencia.currentData() is not None)
        self.boton_abrir.setText(tr("Ir a {pestana}…").replace("{pestana}", dueno.pestana) if dueno is not None
                                 else tr("Abrir trámite"))

    def _cargar_solicitantes(self) -> None:
        self.solicitante.clear()
        self.solicitante.addItem(tr("(Sin solicitante)"), None)
        dep = self._dependencias.get(self.dependencia.currentData())
        self._servidores = {s.id: s for s in catalogos.servidores(dependencia=dep)} if dep is not None else {}
        for servidor in self._servidores.values():
            self.solicitante.addItem(f"{servidor.nombre} — {servidor.cargo}", servidor.id)
        self.solicitante.setEnabled(dep is not None)

    def _al_elegir_oficio(self) -> None:
        """Al elegir el oficio, propone su dependencia, su solicitante y su descripción como asunto."""
        identificador = self.oficio.currentData()
        registro = next((o for o in self._oficios if o["id"] == identificador), None)
        if registro is None:
            return
        if self.dependencia.currentData() is None and registro["procedencia"]:
            indice = self.dependencia.findText(registro["procedencia"], Qt.MatchFlag.MatchExactly)
            if indice >= 0:
                self.dependencia.setCurrentIndex(indice)
        if self.solicitante.currentData() is None and registro["solicitante_nombre"]:
            buscado = normalizar(registro["solicitante_nombre"])
            for i in range(1, self.solicitante.count()):
                servidor = self._servidores.get(self.solicitante.itemData(i))
                if servidor is not None and normalizar(servidor.nombre) == buscado:
                    self.solicitante.setCurrentIndex(i)
                    break
        if not self.asunto.text().strip() and registro["descripcion"]:
            self.asunto.setText(registro["descripcion"][:300])

    def _abrir(self) -> None:
        for campo in self._campos.values():
            marcar_campo(campo, False)
        self.errores.hide()
        numero = self.procedimiento.currentData()
        if numero is None:
            return
        oficio_id = self.oficio.currentData()
        if self.modulo_elegido() is not None:
            self.ruta = (int(numero), oficio_id)      # se abre en su módulo, no aquí
            self.accept()
            return
        oficio = comunes.ejecutar(self, oficios.obtener, oficio_id) if oficio_id is not None else None
        if oficio_id is not None and oficio is None:
            return
        resultado = comunes.ejecutar(self, self._llamar_servicio, numero, oficio)
        if resultado is not None:
            self.tramite = resultado
            self.accept()

    def _llamar_servicio(self, numero: int, oficio: Any) -> Tramite | None:
        try:
            return tramites.abrir_tramite(
                self.sesion, numero, self.asunto.text(),
                dependencia=self._dependencias.get(self.dependencia.currentData()),
                solicitante=self._servidores.get(self.solicitante.currentData()),
                oficio_entrada=oficio, nota=self.nota.toPlainText())
        except ErrorValidacion as exc:
            marcar_errores(self._campos, exc.errores, self.errores)
            return None


# --- Diálogo: oficio de respuesta ----------------------------------------------------------

class DialogoOficioRespuesta(QDialog):
    """Emite el oficio que responde al trámite, con el texto de la plantilla «respuesta_tramite»."""

    def __init__(self, sesion: Usuario, ficha: FichaTramite, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.ficha = ficha
        self.oficio: Any = None
        self.setWindowTitle(tr("Oficio de respuesta · {numero}").replace("{numero}", ficha.tramite.numero))
        self.setMinimumSize(700, 560)
        self.setStyleSheet(HOJA_ERRORES)
        entrante = ficha.oficio_entrada
        tramite = ficha.tramite

        self.destinatario = QLineEdit(self)
        self.cargo = QLineEdit(self)
        self.dependencia = QLineEdit(self)
        self.asunto = QLineEdit(self)
        self.asunto.setMaxLength(300)
        self.cuerpo = QPlainTextEdit(self)
        self.cuerpo.setTabChangesFocus(True)
        self.ccp = QPlainTextEdit(self)
        self.ccp.setTabChangesFocus(True)
        self.ccp.setPlaceholderText(tr("Una persona por línea (opcional)"))
        self.ccp.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.errores = etiqueta_plana("", self)
        self.errores.setObjectName("error")
        self.errores.setStyleSheet(COLOR_ERROR)
        self.errores.hide()

        if entrante is not None:
            self.destinatario.setText(entrante.solicitante_nombre)
            self.cargo.setText(entrante.solicitante_cargo)
            self.dependencia.setText(ficha.procedencia_oficio)
        else:
            if ficha.solicitante is not None:
                self.destinatario.setText(ficha.solicitante.nombre)
                self.cargo.setText(ficha.solicitante.cargo)
            self.dependencia.setText(ficha.dependencia)
        asunto, cuerpo = self._texto_plantilla()
        self.asunto.setText(asunto or f"{tr('Respuesta al trámite')} {tramite.numero}")
        self.cuerpo.setPlainText(cuerpo)

        formulario = QFormLayout()
        formulario.addRow(tr("&Destinatario:"), self.destinatario)
        formulario.addRow(tr("&Cargo:"), self.cargo)
        formulario.addRow(tr("De&pendencia:"), self.dependencia)
        formulario.addRow(tr("&Asunto:"), self.asunto)
        formulario.addRow(tr("C&uerpo:"), self.cuerpo)
        formulario.addRow(tr("c.c.&p.:"), self.ccp)
        aclaracion = etiqueta_plana(tr("Firma el titular de la DTI registrado en Catálogos › Institución. "
                                       "Al emitirlo recibe el siguiente folio y ya no se puede modificar; "
                                       "solo cancelar."), self)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        self.boton_emitir = botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_emitir.setText(tr("Emitir oficio"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self._emitir)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(formulario, 1)
        capa.addWidget(aclaracion)
        capa.addWidget(self.errores)
        capa.addWidget(botones)
        self._campos: dict[str, QWidget] = {
            "destinatario_nombre": self.destinatario, "destinatario_cargo": self.cargo,
            "destinatario_dependencia": self.dependencia, "asunto": self.asunto, "cuerpo": self.cuerpo,
            "ccp": self.ccp}

    def _texto_plantilla(self) -> tuple[str, str]:
        entrante = self.ficha.oficio_entrada
        fecha = ""
        if entrante is not None and entrante.fecha_documento is not None:
            from app.documentos.fechas import fecha_larga

            fecha = fecha_larga(entrante.fecha_documento)
        try:
            plantilla = plantillas.cargar("respuesta_tramite")
        except Exception:  # noqa: BLE001 - sin plantilla se captura a mano
            return "", ""
        return plantilla.llenar(
            numero_oficio=(entrante.numero_oficio if entrante is not None else "") or tr("sin número"),
            fecha_oficio=fecha or tr("sin fecha"),
            descripcion=(entrante.descripcion if entrante is not None else "") or self.ficha.tramite.asunto,
            procedimiento=self.ficha.situacion.procedimiento.titulo,
            tramite=self.ficha.tramite.numero, cuerpo="")

    def _emitir(self) -> None:
        for campo in self._campos.values():
            marcar_campo(campo, False)
        self.errores.hide()
        # Antes de tomar el folio, el oficio tal como saldrá («VISTA PREVIA», sin folio).
        pdf = comunes.ejecutar(self, self._llamar_servicio, oficios.vista_previa_pdf)
        if pdf is None:
            return
        self.vista_previa = DialogoVistaPrevia(pdf, self)
        if self.vista_previa.exec() != QDialog.DialogCode.Accepted:
            return
        oficio = comunes.ejecutar(self, self._llamar_servicio)
        if oficio is None:
            return
        self.oficio = oficio
        comunes.avisar(self, tr("Oficio emitido"),
                       tr("Se emitió el oficio con folio {folio}.").replace("{folio}", oficio.folio))
        self.accept()

    def _llamar_servicio(self, servicio=None) -> Any:
        """Emite el oficio (o, con ``servicio=oficios.vista_previa_pdf``, solo su vista previa)."""
        try:
            return (servicio or oficios.emitir_oficio)(
                self.sesion, destinatario_nombre=self.destinatario.text(), destinatario_cargo=self.cargo.text(),
                destinatario_dependencia=self.dependencia.text(), asunto=self.asunto.text(),
                cuerpo=self.cuerpo.toPlainText(), ccp=self.ccp.toPlainText().split("\n"),
                en_respuesta_a=self.ficha.oficio_entrada, tramite_id=self.ficha.tramite.id,
                plantilla="respuesta_tramite")
        except ErrorValidacion as exc:
            marcar_errores(self._campos, exc.errores, self.errores)
            return None


# --- La vista ------------------------------------------------------------------------------

class VistaTramites(QWidget):
    """Lista de trámites y, a la derecha, el trámite elegido con su paso actual."""

    TITULO = "Trámites"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.ficha: FichaTramite | None = None
        self._version_mostrada: int | None = None
        self._recargando = False
        self.botones_opcion: dict[str, QPushButton] = {}
        self.boton_continuar: QPushButton | None = None

        # Filtros y acciones.
        self.filtro_estado = QComboBox(self)
        for texto, valor in ESTADOS:
            self.filtro_estado.addItem(tr(texto), valor)
        self.filtro_procedimiento = QComboBox(self)
        self.filtro_procedimiento.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filtro_procedimiento.setMinimumContentsLength(28)
        self.filtro_procedimiento.addItem(tr("Todos"), None)
        for definicion in procedimientos.todos():
            self.filtro_procedimiento.addItem(clave_y_nombre(definicion), definicion.numero)
        self.filtro_procedimiento.view().setMinimumWidth(560)
        self.boton_nuevo = QPushButton(tr("Nuevo…"), self)
        self.boton_nuevo.setToolTip(tr("Abrir un caso nuevo: aquí, o en la pestaña del módulo que lo lleva (Ctrl+N)"))
        self.boton_cancelar = QPushButton(tr("Cancelar trámite…"), self)
        self.boton_oficio = QPushButton(tr("Emitir oficio de respuesta…"), self)
        barra = QHBoxLayout()
        etiqueta_estado = QLabel(tr("&Estado:"), self)
        etiqueta_estado.setBuddy(self.filtro_estado)
        etiqueta_proc = QLabel(tr("P&rocedimiento:"), self)
        etiqueta_proc.setBuddy(self.filtro_procedimiento)
        barra.addWidget(etiqueta_estado)
        barra.addWidget(self.filtro_estado)
        barra.addSpacing(8)
        barra.addWidget(etiqueta_proc)
        barra.addWidget(self.filtro_procedimiento, 1)
        barra.addSpacing(16)
        barra.addWidget(self.boton_nuevo)
        barra.addWidget(self.boton_cancelar)
        barra.addWidget(self.boton_oficio)

        # Lista.
        nombres = {p.numero: clave_y_nombre(p) for p in procedimientos.todos()}
        self.tabla = TablaFiltrable([
            Columna(tr("Número"), lambda r: r["numero"], 112),
            Columna(tr("Caso"), lambda r: r.get("caso") or "—", 125),
            Columna(tr("Procedimiento"), lambda r: nombres.get(r["procedimiento"], r["procedimiento"]), 105),
            Columna(tr("Asunto"), lambda r: r["asunto"], 180),
            Columna(tr("Dependencia"), lambda r: r["dependencia"], 120),
            Columna(tr("Paso"), lambda r: r["paso_actual"] or "—", 42),
            Columna(tr("Estado"), lambda r: tr(r["estado"].capitalize()), 76),
            Columna(tr("Última actividad"), lambda r: r["modificado_en"], 124),
        ], tr("Buscar por número, asunto, procedimiento o dependencia…"), self)

        # Detalle.
        self.detalle = self._construir_detalle()
        desplazable = QScrollArea(self)
        desplazable.setWidgetResizable(True)
        desplazable.setFrameShape(QFrame.Shape.NoFrame)
        desplazable.setWidget(self.detalle)
        self.desplazable_detalle = desplazable

        # Historial.
        self.historial = TablaFiltrable([
            Columna(tr("Paso"), lambda r: r["paso"], 50),
            Columna(tr("Actividad"), lambda r: r["actividad"], 280),
            Columna(tr("Inicio"), lambda r: r["inicio"], 115),
            Columna(tr("Fin"), lambda r: r["fin"], 115),
            Columna(tr("Duración"), lambda r: r["duracion"], 125, derecha=True),
            Columna(tr("Respuesta"), lambda r: r["respuesta"], 80),
            Columna(tr("Usuario"), lambda r: r["usuario"], 90),
            Columna(tr("Nota"), lambda r: r["nota"], 200),
        ], parent=self)
        ajustar_columnas(self.tabla, {0: "DTI-T-0000/0000", 5: "10.1", 6: "Concluido", 7: "00/00/0000 00:00"})
        ajustar_columnas(self.historial, {0: "10.1", 2: "00/00/0000 00:00", 3: "00/00/0000 00:00",
                                          4: "en curso · 23 h 59 min", 5: "Preventivo", 6: "asistente"})
        self.historial.busqueda.hide()
        self.historial.contador.hide()
        # El asunto se lleva el espacio que sobra; las demás columnas conservan su ancho.
        self.tabla.vista.horizontalHeader().setStretchLastSection(False)
        self.tabla.vista.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tiempos = etiqueta_plana("", self)
        caja_historial = QGroupBox(tr("Historial de pasos"), self)
        capa_historial = QVBoxLayout(caja_historial)
        capa_historial.addWidget(self.tiempos)
        capa_historial.addWidget(self.historial, 1)

        arriba = comunes.division_lista_detalle(self, self.tabla, desplazable, [870, 410])
        vertical = comunes.division_lista_detalle(self, arriba, caja_historial, [500, 200], Qt.Orientation.Vertical)
        capa = QVBoxLayout(self)
        capa.addLayout(barra)
        capa.addWidget(vertical, 1)

        # Conexiones y atajos.
        self.filtro_estado.currentIndexChanged.connect(lambda _i: self.refrescar())
        self.filtro_procedimiento.currentIndexChanged.connect(lambda _i: self.refrescar())
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._al_seleccionar)
        self.tabla.activada.connect(lambda _id: self.enfocar_detalle())
        self.boton_nuevo.clicked.connect(lambda _c=False: self.nuevo_tramite())
        self.boton_cancelar.clicked.connect(self.cancelar_tramite)
        self.boton_oficio.clicked.connect(self.emitir_oficio_respuesta)
        contexto = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+N"), self, activated=lambda: self.nuevo_tramite(), context=contexto)
        QShortcut(QKeySequence("Alt+S"), self, activated=lambda: self._atajo_opcion("si"), context=contexto)
        QShortcut(QKeySequence("Alt+N"), self, activated=lambda: self._atajo_opcion("no"), context=contexto)
        self.boton_nuevo.setEnabled(any(puede_abrir(sesion, p) for p in procedimientos.todos()))
        self.refrescar()

    # --- Construcción ---------------------------------------------------------------------

    def _construir_detalle(self) -> QWidget:
        panel = QWidget(self)
        self.titulo = etiqueta_plana("", panel)
        self.titulo.setObjectName("titulo")
        fuente = QFont(self.font())
        fuente.setPointSizeF(fuente.pointSizeF() * 1.3)
        fuente.setBold(True)
        self.titulo.setFont(fuente)
        self.procedimiento = etiqueta_plana("", panel)
        self.asunto = etiqueta_plana("", panel)
        self.dependencia = etiqueta_plana("", panel)
        self.solicitante = etiqueta_plana("", panel)
        self.oficio_entrada = etiqueta_plana("", panel)
        self.oficios_emitidos = etiqueta_plana("", panel)
        for etiqueta in (self.asunto, self.dependencia, self.solicitante, self.oficio_entrada,
                         self.oficios_emitidos, self.procedimiento):
            etiqueta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        datos = QFormLayout()
        datos.setContentsMargins(0, 0, 0, 0)
        datos.addRow(tr("Asunto:"), self.asunto)
        datos.addRow(tr("Dependencia:"), self.dependencia)
        datos.addRow(tr("Solicitante:"), self.solicitante)
        datos.addRow(tr("Oficio recibido:"), self.oficio_entrada)
        datos.addRow(tr("Oficios emitidos:"), self.oficios_emitidos)

        self.caja_paso = QGroupBox(tr("Paso actual"), panel)
        self.paso_titulo = etiqueta_plana("", self.caja_paso)
        fuente_paso = QFont(self.font())
        fuente_paso.setPointSizeF(fuente_paso.pointSizeF() * 1.15)
        fuente_paso.setBold(True)
        self.paso_titulo.setFont(fuente_paso)
        self.paso_area = etiqueta_plana("", self.caja_paso)
        self.paso_documento = etiqueta_plana("", self.caja_paso)
        self.plazo = etiqueta_plana("", self.caja_paso)
        self.plazo.setObjectName("plazo")
        self.formulario_paso = FormularioPaso(self.caja_paso)
        self.oficio_paso = etiqueta_plana("", self.caja_paso)
        self.boton_vista_previa = QPushButton(tr("&Vista previa del oficio…"), self.caja_paso)
        self.boton_vista_previa.clicked.connect(self.vista_previa_documento)
        self.boton_emitir_documento = QPushButton(tr("Emitir oficio del paso…"), self.caja_paso)
        self.boton_emitir_documento.clicked.connect(self.emitir_documento)
        self.boton_guardar_datos = QPushButton(tr("&Guardar datos"), self.caja_paso)
        self.boton_guardar_datos.setToolTip(tr("Guarda lo capturado sin cerrar el paso"))
        self.boton_guardar_datos.clicked.connect(self.guardar_datos)
        self.fila_documento = QHBoxLayout()
        self.fila_documento.setContentsMargins(0, 0, 0, 0)
        for boton in (self.boton_guardar_datos, self.boton_vista_previa, self.boton_emitir_documento):
            boton.setAutoDefault(False)
            self.fila_documento.addWidget(boton)
        self.fila_documento.addStretch(1)
        self.pregunta = etiqueta_plana("", self.caja_paso)
        fuente_pregunta = QFont(self.font())
        fuente_pregunta.setBold(True)
        self.pregunta.setFont(fuente_pregunta)
        self.caja_botones = QHBoxLayout()
        self.caja_botones.setContentsMargins(0, 0, 0, 0)
        self.nota = QPlainTextEdit(self.caja_paso)
        self.nota.setTabChangesFocus(True)
        self.nota.setPlaceholderText(tr("Nota que se guarda con este paso (opcional)"))
        self.nota.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.etiqueta_nota = QLabel(tr("N&ota:"), self.caja_paso)
        self.etiqueta_nota.setBuddy(self.nota)
        self.aviso = etiqueta_plana("", self.caja_paso)
        self.aviso.setStyleSheet("color: #8a5a00;")
        capa_paso = QVBoxLayout(self.caja_paso)
        capa_paso.addWidget(self.paso_titulo)
        capa_paso.addWidget(self.paso_area)
        capa_paso.addWidget(self.paso_documento)
        capa_paso.addWidget(self.plazo)
        capa_paso.addSpacing(4)
        capa_paso.addWidget(self.formulario_paso)
        capa_paso.addWidget(self.oficio_paso)
        capa_paso.addLayout(self.fila_documento)
        capa_paso.addWidget(self.pregunta)
        capa_paso.addWidget(self.etiqueta_nota)
        capa_paso.addWidget(self.nota)
        capa_paso.addLayout(self.caja_botones)
        capa_paso.addWidget(self.aviso)

        capa = QVBoxLayout(panel)
        capa.setContentsMargins(8, 0, 4, 0)
        capa.addWidget(self.titulo)
        capa.addWidget(self.procedimiento)
        # Un trámite que lleva un módulo aquí solo se consulta: se mueve desde su pestaña.
        self.aviso_modulo = etiqueta_plana("", panel)
        self.aviso_modulo.setStyleSheet("color: #8a5a00;")
        self.boton_modulo = QPushButton("", panel)
        self.boton_modulo.setAutoDefault(False)
        self.boton_modulo.clicked.connect(lambda _c=False: self.abrir_en_modulo())
        fila_modulo = QHBoxLayout()
        fila_modulo.setContentsMargins(0, 0, 0, 0)
        fila_modulo.addWidget(self.aviso_modulo, 1)
        fila_modulo.addWidget(self.boton_modulo, 0, Qt.AlignmentFlag.AlignTop)
        capa.addLayout(fila_modulo)
        self.aviso_modulo.hide()
        self.boton_modulo.hide()
        capa.addLayout(datos)
        capa.addWidget(self.caja_paso)
        self.caja_datos = QGroupBox(tr("Datos y documentos capturados"), panel)
        self.registro_datos = etiqueta_plana("", self.caja_datos)
        self.registro_datos.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lista_adjuntos = QListWidget(self.caja_datos)
        self.lista_adjuntos.setMaximumHeight(96)
        self.lista_adjuntos.setToolTip(tr("Doble clic o Enter para abrir el documento"))
        self.lista_adjuntos.itemActivated.connect(self.abrir_adjunto)
        capa_datos = QVBoxLayout(self.caja_datos)
        capa_datos.addWidget(self.registro_datos)
        capa_datos.addWidget(self.lista_adjuntos)
        capa.addWidget(self.caja_datos)
        capa.addStretch(1)
        return panel

    # --- Datos ----------------------------------------------------------------------------

    def refrescar(self) -> None:
        """Vuelve a leer la lista (con los filtros actuales) y el trámite elegido."""
        registros = comunes.ejecutar(self, tramites.consultar, self.tabla.busqueda.text(),
                                     self.filtro_estado.currentData(), self.filtro_procedimiento.currentData())
        if registros is None:
            return
        casos = comunes.ejecutar(self, propietarios.registros_de, [r["id"] for r in registros]) or {}
        for registro in registros:
            registro["caso"] = casos.get(registro["id"], "")
        self._recargando = True
        try:
            self.tabla.cargar(registros, color=lambda r: GRIS if r["estado"] == tramites.CANCELADO else None)
        finally:
            self._recargando = False
        self.mostrar(self.tabla.id_actual())

    def _al_seleccionar(self, identificador: Any) -> None:
        if not self._recargando:
            self.mostrar(identificador)

    def seleccionar(self, tramite_id: int) -> bool:
        """Elige un trámite en la lista (quita los filtros si lo ocultan)."""
        fila = self.tabla.modelo.fila_de(tramite_id)
        if fila < 0:
            quitar_filtros(self.tabla, self.filtro_estado, self.filtro_procedimiento)
            self.refrescar()
            fila = self.tabla.modelo.fila_de(tramite_id)
        if fila < 0:
            return False
        self.tabla.vista.selectRow(fila)
        self.mostrar(tramite_id)
        return True

    def mostrar(self, tramite_id: Any) -> None:
        """Llena el panel de detalle con el trámite ``tramite_id`` (None: nada elegido)."""
        anterior = self.ficha.tramite.id if self.ficha is not None else None
        ficha = comunes.ejecutar(self, ficha_tramite.ficha, tramite_id) if tramite_id is not None else None
        self.ficha = ficha
        self._version_mostrada = ficha.version if ficha is not None else None
        if ficha is None or ficha.tramite.id != anterior:
            self.nota.clear()
        self._llenar_detalle()
        self._llenar_historial()
        self._actualizar_acciones()

    def _llenar_detalle(self) -> None:
        ficha = self.ficha
        if ficha is None:
            self.titulo.setText(tr("Seleccione un trámite"))
            for etiqueta in (self.procedimiento, self.asunto, self.dependencia, self.solicitante,
                             self.oficio_entrada, self.oficios_emitidos):
                etiqueta.clear()
            self.caja_paso.hide()
            return
        tramite = ficha.tramite
        definicion = ficha.situacion.procedimiento
        self.titulo.setText(f"{tramite.numero} · {tr(tramite.estado.capitalize())}")
        self.procedimiento.setText(f"{definicion.clave} · {definicion.titulo}")
        self.asunto.setText(tramite.asunto)
        self.dependencia.setText(ficha.dependencia or "—")
        self.solicitante.setText(f"{ficha.solicitante.nombre} — {ficha.solicitante.cargo}"
                                 if ficha.solicitante is not None else "—")
        entrante = ficha.oficio_entrada
        if entrante is not None:
            partes = [entrante.numero_oficio or tr("sin número")]
            if entrante.fecha_documento is not None:
                partes.append(f"{tr('del')} {_fecha(entrante.fecha_documento)}")
            texto = " ".join(partes)
            if ficha.procedencia_oficio:
                texto += f" · {ficha.procedencia_oficio}"
            if entrante.descripcion:
                texto += f"\n{entrante.descripcion}"
            self.oficio_entrada.setText(texto)
        else:
            self.oficio_entrada.setText(tr("Sin oficio vinculado"))
        self.oficios_emitidos.setText(
            "\n".join(f"{o['folio']} ({o['estado']}) · {o['asunto']}" for o in ficha.oficios_emitidos) or "—")
        self._mostrar_dueno()
        self.caja_paso.show()
        self._llenar_paso()

    def dueno(self):
        """El módulo que lleva el trámite mostrado (None si se lleva en esta pestaña)."""
        return modulo_dueno(self.ficha.tramite.modulo) if self.ficha is not None else None

    def _mostrar_dueno(self) -> None:
        dueno = self.dueno()
        if dueno is None:
            self.aviso_modulo.hide()
            self.boton_modulo.hide()
            return
        propietario = comunes.ejecutar(self, propietarios.registro_de, self.ficha.tramite)
        registro = propietario.descripcion if propietario is not None else dueno.registro.capitalize()
        self.aviso_modulo.setText(tr("Es el trámite de: {registro}. Se lleva en la pestaña {pestana}: ahí se "
                                     "avanza, se captura y se cancela; aquí solo se consulta.")
                                  .replace("{registro}", registro).replace("{pestana}", dueno.pestana))
        self.boton_modulo.setText(tr("Abrir en {pestana}").replace("{pestana}", dueno.pestana))
        self.aviso_modulo.show()
        self.boton_modulo.show()

    def _llenar_paso(self) -> None:
        ficha = self.ficha
        assert ficha is not None
        self._limpiar_botones()
        paso = ficha.situacion.paso
        tramite = ficha.tramite
        if paso is None:
            self.caja_paso.setTitle(tr("Trámite terminado"))
            if tramite.estado == tramites.CANCELADO:
                self.paso_titulo.setText(tr("Cancelado el {fecha}").replace("{fecha}", _fecha(tramite.concluido_en)))
                self.paso_area.setText(f"{tr('Motivo')}: {tramite.motivo_cancelacion}")
            else:
                self.paso_titulo.setText(tr("Concluido el {fecha}").replace("{fecha}", _fecha(tramite.concluido_en)))
                self.paso_area.setText(tr("Todos los pasos del procedimiento se completaron."))
            for widget in (self.paso_documento, self.pregunta, self.nota, self.etiqueta_nota, self.plazo,
                           self.formulario_paso, self.oficio_paso, self.boton_vista_previa,
                           self.boton_emitir_documento, self.boton_guardar_datos):
                widget.hide()
            self._llenar_datos_capturados()
            return
        self.caja_paso.setTitle(tr("Paso actual"))
        self.paso_titulo.setText(f"{tr('Paso')} {paso.numero} · {paso.actividad}")
        self.paso_area.setText(f"{tr('Área responsable')}: {paso.responsable}")
        documento = paso.documento_manual or tr("—")
        if paso.tantos:
            documento += f" ({paso.tantos})"
        self.paso_documento.setText(f"{tr('Documento')}: {documento}")
        for widget in (self.paso_documento, self.nota, self.etiqueta_nota):
            widget.show()
        self._llenar_formulario(tramite)
        if self.dueno() is not None:
            # Solo lectura: sin respuesta, nota, captura ni oficio del paso (lo hace su módulo).
            self.pregunta.setText(paso.pregunta if paso.es_decision else "")
            self.pregunta.setVisible(paso.es_decision)
            for widget in (self.nota, self.etiqueta_nota, self.formulario_paso, self.oficio_paso,
                           self.boton_vista_previa, self.boton_emitir_documento, self.boton_guardar_datos):
                widget.hide()
            return
        if paso.es_decision:
            # En casi todos los pasos de decisión la actividad ya es la pregunta: no se repite.
            self.pregunta.setText(paso.pregunta)
            self.pregunta.setVisible(normalizar(paso.pregunta) != normalizar(paso.actividad))
            for opcion in paso.opciones:
                boton = QPushButton(f"{opcion.etiqueta} → {opcion.destino}", self.caja_paso)
                clave = normalizar(opcion.etiqueta)
                if clave in ("si", "no"):
                    boton.setToolTip(ayuda_plana(tr("Responder «{r}» (Alt+{t})").replace("{r}", opcion.etiqueta)
                                                 .replace("{t}", clave[0].upper())))
                boton.clicked.connect(lambda _c=False, e=opcion.etiqueta: self.avanzar(e))
                self.caja_botones.addWidget(boton)
                boton.show()          # sin esperar al ciclo de eventos: el atajo ya lo encuentra visible
                self.botones_opcion[opcion.etiqueta] = boton
        else:
            self.pregunta.hide()
            texto = (tr("Concluir trámite") if paso.es_final
                     else tr("Concluir paso y continuar → {siguiente}").replace("{siguiente}", paso.siguiente or ""))
            self.boton_continuar = QPushButton(texto, self.caja_paso)
            self.boton_continuar.clicked.connect(lambda _c=False: self.avanzar(None))
            self.caja_botones.addWidget(self.boton_continuar)
            self.boton_continuar.show()
        self.caja_botones.addStretch(1)

    def _limpiar_botones(self) -> None:
        while self.caja_botones.count():
            elemento = self.caja_botones.takeAt(0)
            if elemento.widget() is not None:
                elemento.widget().hide()
                elemento.widget().deleteLater()
        self.botones_opcion = {}
        self.boton_continuar = None

    def _llenar_historial(self) -> None:
        ficha = self.ficha
        if ficha is None:
            self.historial.cargar([])
            self.tiempos.clear()
            return
        filas = []
        for registro in ficha.historial:
            segundos = registro.segundos if registro.fin is not None else ficha.tiempos.get(registro.paso)
            duracion = ficha_tramite.humanizar_duracion(segundos)
            filas.append({
                "id": registro.id, "paso": registro.paso, "actividad": registro.actividad,
                "inicio": registro.inicio, "fin": registro.fin,
                "duracion": duracion if registro.fin is not None else f"{tr('en curso')} · {duracion}",
                "respuesta": registro.opcion,
                "usuario": registro.usuario.nombre_usuario if registro.usuario_id is not None else "",
                "nota": " · ".join(linea for linea in registro.nota.splitlines() if linea.strip()),
            })
        self.historial.cargar(filas)
        if filas:
            self.historial.vista.selectRow(len(filas) - 1)   # el paso en curso (o el último)
        total = sum(ficha.tiempos.values())
        partes = [f"{paso}: {ficha_tramite.humanizar_duracion(s)}" for paso, s in ficha.tiempos.items()]
        self.tiempos.setText(f"{tr('Tiempo por paso')} — " + " · ".join(partes)
                             + f"   |   {tr('Total')}: {ficha_tramite.humanizar_duracion(total)}")

    def _actualizar_acciones(self) -> None:
        ficha = self.ficha
        abierto = ficha is not None and ficha.tramite.estado == tramites.ABIERTO
        area = ficha.situacion.procedimiento.area if ficha is not None else ""
        del_area = ficha is not None and atiende_area(self.sesion, area)
        de_modulo = self.dueno() is not None
        puede_avanzar = (abierto and del_area and not de_modulo
                         and permisos.puede(self.sesion, permisos.AVANZAR_TRAMITE))
        for boton in [*self.botones_opcion.values(), self.boton_continuar]:
            if boton is not None:
                boton.setEnabled(puede_avanzar)
        self.nota.setReadOnly(not puede_avanzar)
        self.boton_cancelar.setEnabled(
            abierto and del_area and not de_modulo and permisos.puede(self.sesion, permisos.CANCELAR_TRAMITE))
        self.boton_oficio.setEnabled(
            ficha is not None and ficha.tramite.estado != tramites.CANCELADO
            and permisos.puede(self.sesion, permisos.EMITIR_OFICIO))
        aviso = ""
        if abierto and not puede_avanzar and not de_modulo:
            rol = permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol)
            if not permisos.puede(self.sesion, permisos.AVANZAR_TRAMITE):
                aviso = tr("Solo consulta: su rol ({rol}) no permite avanzar trámites.").replace("{rol}", rol)
            else:
                aviso = (tr("Su rol ({rol}) no atiende trámites del área «{area}».")
                         .replace("{rol}", rol).replace("{area}", area))
        self.aviso.setText(aviso)
        self.aviso.setVisible(bool(aviso))

    # --- Acciones -------------------------------------------------------------------------

    def enfocar_detalle(self) -> None:
        """Enter en la lista: el foco pasa a la nota del paso (o al panel si no se puede avanzar)."""
        if self.ficha is None:
            return
        if self.nota.isVisible() and not self.nota.isReadOnly():
            self.nota.setFocus()
        else:
            self.desplazable_detalle.setFocus()

    def _atajo_opcion(self, clave: str) -> None:
        for etiqueta, boton in self.botones_opcion.items():
            if normalizar(etiqueta) == clave and boton.isEnabled() and boton.isVisible():
                boton.click()
                return

    def avanzar(self, opcion: str | None) -> None:
        """Cierra el paso actual con la respuesta ``opcion`` (None si no es decisión)."""
        ficha = self.ficha
        if ficha is None:
            return
        paso = ficha.situacion.paso
        if paso is not None and paso.es_final and not comunes.confirmar(
                self, tr("Concluir trámite"),
                tr("¿Concluir el trámite {numero}? Es el último paso del procedimiento.")
                .replace("{numero}", ficha.tramite.numero)):
            return
        # Los datos que faltan se marcan en el formulario; un conflicto (otra PC lo movió) lo explica
        # el servicio. Con éxito o con conflicto se vuelve a leer abajo.
        resultado = self._con_formulario(tramites.avanzar_tramite, self.sesion, ficha.tramite, opcion,
                                         self.nota.toPlainText(), version=self._version_mostrada,
                                         valores=self.formulario_paso.valores(),
                                         adjuntos=self.formulario_paso.adjuntos())
        if resultado is _RECHAZADO:
            return          # lo capturado sigue en el formulario, con lo que falta en rojo
        if resultado is not None:
            self.nota.clear()
        # Con éxito o sin él se vuelve a leer: el trámite pudo moverse aquí o en otra PC.
        self.refrescar()

    def nuevo_tramite(self, procedimiento: int | None = None, oficio_id: int | None = None) -> Tramite | None:
        """«Nuevo…»: abre el diálogo; al crear el trámite lo elige en la lista.

        Si el procedimiento elegido lo lleva un módulo, no abre un trámite suelto: pide a la
        ventana el alta en la pestaña de ese módulo (con el oficio elegido).
        """
        if not self.boton_nuevo.isEnabled():
            return None
        dialogo = DialogoNuevoTramite(self.sesion, self, procedimiento, oficio_id)
        try:
            if dialogo.exec() != QDialog.DialogCode.Accepted:
                return None
            tramite, ruta = dialogo.tramite, dialogo.ruta
        finally:
            dialogo.deleteLater()
        if ruta is not None:
            self.enrutar(*ruta)
            return None
        if tramite is None:
            return None
        self.seleccionar(tramite.id)
        QTimer.singleShot(0, self.enfocar_detalle)
        return tramite

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> Tramite | None:
        """Lo que la ventana llama para un caso de un procedimiento sin módulo: el diálogo ya elegido."""
        return self.nuevo_tramite(procedimiento, oficio_id)

    def enrutar(self, procedimiento: int, oficio_id: int | None) -> None:
        """Lleva el alta de un caso de módulo a su pestaña (la ventana sabe cuál)."""
        dueno = modulo_dueno(procedimientos.obtener(procedimiento).modulo)
        ventana = self.window()
        nuevo = getattr(ventana, "nuevo_caso", None) if ventana is not self else None
        if dueno is None or not callable(nuevo):
            comunes.avisar(self, tr("Nuevo caso"), dueno.mensaje if dueno is not None else
                           tr("No se pudo abrir el caso en su pestaña."))
            return
        try:
            nuevo(procedimiento, oficio_id)
        except (ValueError, RuntimeError) as exc:
            comunes.avisar(self, tr("Nuevo caso"), str(exc))

    def abrir_en_modulo(self) -> None:
        """«Abrir en <pestaña>»: el registro del módulo que lleva el trámite mostrado."""
        if self.ficha is None or self.dueno() is None:
            return
        ventana = self.window()
        abrir = getattr(ventana, "abrir_caso", None) if ventana is not self else None
        if not callable(abrir):
            comunes.avisar(self, tr("Abrir caso"), self.dueno().mensaje)
            return
        try:
            abrir(self.ficha.tramite.id)
        except (ValueError, RuntimeError) as exc:
            comunes.avisar(self, tr("Abrir caso"), str(exc))

    def cancelar_tramite(self) -> None:
        """Pide el motivo, confirma y cancela el trámite elegido (baja lógica)."""
        ficha = self.ficha
        if ficha is None or not self.boton_cancelar.isEnabled():
            return
        motivo = pedir_motivo(self, tr("Cancelar trámite"),
                              tr("Motivo de la cancelación del trámite {numero}:")
                              .replace("{numero}", ficha.tramite.numero))
        if motivo is None:
            return
        if not motivo.strip():
            comunes.avisar(self, tr("Cancelar trámite"), tr("Escriba el motivo de la cancelación."))
            return
        if not comunes.confirmar(self, tr("Cancelar trámite"),
                                 tr("¿Cancelar el trámite {numero}? Su historial se conserva, pero ya no "
                                    "podrá avanzar.").replace("{numero}", ficha.tramite.numero)):
            return
        # El servicio de cancelación no recibe la versión mostrada: se comprueba aquí antes.
        actual = comunes.ejecutar(self, ficha_tramite.ficha, ficha.tramite.id)
        if actual is None:
            return
        if actual.version != self._version_mostrada:
            comunes.avisar(self, tr("No se pudo completar"),
                           tr("Otro usuario movió el trámite {numero} mientras usted lo veía. Revise en qué "
                              "paso está antes de cancelarlo.").replace("{numero}", ficha.tramite.numero))
            self.refrescar()
            return
        comunes.ejecutar(self, tramites.cancelar_tramite, self.sesion, actual.tramite, motivo)
        self.refrescar()

    def emitir_oficio_respuesta(self) -> None:
        """Diálogo del oficio de respuesta, con el texto de la plantilla ya llenado."""
        if self.ficha is None or not self.boton_oficio.isEnabled():
            return
        dialogo = DialogoOficioRespuesta(self.sesion, self.ficha, self)
        try:
            dialogo.exec()
        finally:
            dialogo.deleteLater()
        self.refrescar()


    # --- Datos del paso -------------------------------------------------------------------

    def _llenar_formulario(self, tramite: Tramite) -> None:
        """Formulario, plazo y oficio del paso actual, según el JSON de su procedimiento."""
        forma = comunes.ejecutar(self, formulario.formulario_paso, tramite)
        self.forma = forma
        if forma is None:
            for widget in (self.plazo, self.formulario_paso, self.oficio_paso, self.boton_vista_previa,
                           self.boton_emitir_documento, self.boton_guardar_datos):
                widget.hide()
            self._llenar_datos_capturados()
            return
        valores = {clave: valor.valor for clave, valor in forma.valores.items()}
        for clave, valor in valores.items():
            if hasattr(valor, "id") and not isinstance(valor, (int, str)):
                valores[clave] = valor.id         # los catálogos se eligen por id en los combos
        guardados = {clave: dato["nombre_archivo"] for clave, dato in forma.adjuntos_capturados.items()}
        self.formulario_paso.cargar(forma.campos, forma.adjuntos, valores, guardados)
        if forma.plazo_horas_habiles:
            horas = forma.plazo_horas_habiles
            duracion = f"{round(horas * 60)} min" if horas < 1 else f"{horas:g} h"
            texto = tr("Plazo: {d} hábiles").replace("{d}", duracion)
            if forma.vence_en is not None:
                texto += " · " + tr("vence el {f}").replace("{f}", f"{forma.vence_en:%d/%m/%Y %H:%M}")
            if forma.vencido:
                texto += " · " + tr("VENCIDO")
            self.plazo.setText(texto)
            self.plazo.setStyleSheet("color: #a01c1c; font-weight: bold;" if forma.vencido else "")
            self.plazo.setProperty("vencido", forma.vencido)
        self.plazo.setVisible(bool(forma.plazo_horas_habiles))
        documento = forma.documento
        if documento is not None:
            firma = {"tesorero": tr("el Tesorero Municipal"), "jefe_area": tr("el jefe del área")}.get(
                documento.firmante, tr("el titular de la DTI"))
            self.oficio_paso.setText(tr("Este paso produce un oficio ({p}); lo firma {f}.")
                                     .replace("{p}", documento.plantilla.removesuffix(".txt")).replace("{f}", firma))
        self.oficio_paso.setVisible(documento is not None)
        self.boton_vista_previa.setVisible(documento is not None)
        self.boton_emitir_documento.setVisible(documento is not None)
        self.boton_guardar_datos.setVisible(bool(forma.campos or forma.adjuntos))
        self._llenar_datos_capturados()

    def _llenar_datos_capturados(self) -> None:
        ficha = self.ficha
        entradas = (comunes.ejecutar(self, formulario.valores_por_paso, ficha.tramite) or []) if ficha else []
        texto = formulario.registro_legible(ficha.tramite, entradas) if ficha is not None else ""
        self.lista_adjuntos.clear()
        if ficha is not None:
            for entrada in entradas:
                for adjunto in entrada["adjuntos"]:
                    elemento = QListWidgetItem(f"{tr('Paso')} {entrada['registro'].paso} · "
                                               f"{adjunto['etiqueta'] or adjunto['clave']}: {adjunto['nombre_archivo']}")
                    elemento.setData(Qt.ItemDataRole.UserRole, adjunto["id"])
                    self.lista_adjuntos.addItem(elemento)
        self.registro_datos.setText(texto or tr("Todavía no se capturan datos en este trámite."))
        self.lista_adjuntos.setVisible(self.lista_adjuntos.count() > 0)
        self.caja_datos.setVisible(ficha is not None)

    def _con_formulario(self, funcion, *args: Any, **kwargs: Any) -> Any:
        """Llama al servicio; si rechaza datos, los marca en el formulario y devuelve ``_RECHAZADO``.

        Los demás errores se explican en un aviso y devuelven None (como ``comunes.ejecutar``).
        """
        try:
            resultado = funcion(*args, **kwargs)
        except ErrorValidacion as exc:
            self.formulario_paso.marcar_errores(exc.errores)
            return _RECHAZADO
        except Exception as exc:  # noqa: BLE001 - se explica sin cerrar la aplicación
            return comunes.ejecutar(self, _relanzar, exc)
        self.formulario_paso.marcar_errores([])
        return resultado

    def guardar_datos(self) -> None:
        """Guarda lo capturado en el paso sin cerrarlo."""
        if self.ficha is None:
            return
        resultado = self._con_formulario(tramites.capturar_datos, self.sesion, self.ficha.tramite,
                                         self.formulario_paso.valores(), self.formulario_paso.adjuntos(),
                                         version=self._version_mostrada)
        if resultado is not _RECHAZADO:
            self.refrescar()

    def vista_previa_documento(self) -> bool:
        """Muestra el oficio del paso como saldría (sin folio); devuelve True si el usuario eligió «Emitir»."""
        if self.ficha is None:
            return False
        pdf = self._con_formulario(documento_paso.vista_previa, self.sesion, self.ficha.tramite,
                                   self.formulario_paso.valores())
        if pdf is _RECHAZADO or pdf is None:
            return False
        self.dialogo_vista_previa = DialogoVistaPrevia(pdf, self)
        return self.dialogo_vista_previa.exec() == QDialog.DialogCode.Accepted

    def emitir_documento(self) -> None:
        """Vista previa y, si se confirma en ella, emisión con folio del oficio del paso."""
        if self.ficha is None or not self.vista_previa_documento():
            return
        emitido = self._con_formulario(documento_paso.emitir, self.sesion, self.ficha.tramite,
                                       self.formulario_paso.valores())
        if emitido is _RECHAZADO or emitido is None:
            return
        comunes.avisar(self, tr("Oficio emitido"), tr("Se emitió el oficio con folio ") + f"{emitido.folio}.")
        self.refrescar()

    def abrir_adjunto(self, elemento: QListWidgetItem) -> None:
        """Abre un documento adjunto con su programa (guardado con un nombre seguro)."""
        datos = comunes.ejecutar(self, formulario.contenido_adjunto, elemento.data(Qt.ItemDataRole.UserRole))
        if datos is not None:
            nombre, _tipo, contenido = datos
            abrir_con_programa(self, nombre, contenido)


__all__ = ["DialogoNuevoTramite", "DialogoOficioRespuesta", "VistaTramites"]
