"""Captura rápida de un ticket, solo con el teclado, en menos de treinta segundos.

Orden de tabulación: canal → extensión → dependencia → solicitante → número de
inventario → categoría → prioridad → modalidad → descripción → asignar a.
Dependencia y solicitante se autocompletan (sin importar acentos ni mayúsculas);
al elegir un solicitante se llena su dependencia y al teclear o escanear el
número de inventario se muestra el bien (y su dependencia si faltaba). **Enter**
guarda desde cualquier campo (Mayús+Enter hace salto de línea en la descripción);
**Esc** cancela.

Abierta por un oficio recibido (``oficio_id``), muestra su folio, llena dependencia,
solicitante y descripción con lo que dice el oficio y el ticket queda ligado a él (su
trámite del procedimiento 6 lleva el oficio de entrada).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from app.servicios.catalogos import catalogos
from app.servicios.inventario import inventario as servicio_inventario
from app.servicios.mesa_ayuda import sla, tickets
from app.errores import ErrorDTI, ErrorValidacion
from app.servicios.nucleo.validacion import normalizar
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, marcar_errores, tr

if TYPE_CHECKING:
    from app.modelos import Bien, Ticket, Usuario

HOJA = ('QLineEdit[error="true"], QPlainTextEdit[error="true"], QComboBox[error="true"] '
        '{ border: 2px solid #c0392b; }')


def _completador(padre: QWidget, textos: list[str]) -> QCompleter:
    completador = QCompleter(QStringListModel(textos, padre), padre)
    completador.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completador.setFilterMode(Qt.MatchFlag.MatchContains)
    completador.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completador


class _EnterGuarda(QObject):
    """En la descripción, Enter guarda y Mayús+Enter pone un salto de línea."""

    def __init__(self, dialogo: "CapturaTicket") -> None:
        super().__init__(dialogo)
        self.dialogo = dialogo

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - API de Qt
        if evento.type() == QEvent.Type.KeyPress and isinstance(evento, QKeyEvent):
            if evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if evento.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    return False
                self.dialogo.guardar()
                return True
        return False


class _TabCompleta(QObject):
    """Tab con la lista de sugerencias abierta: toma la sugerencia y pasa al siguiente campo.

    Toma la sugerencia marcada con las flechas, o la única que haya; si lo escrito ya
    es válido tal cual (p. ej. unas siglas) o hay varias sin marcar, deja lo escrito.
    """

    def __init__(self, dialogo: "CapturaTicket", linea: QLineEdit, valido=None) -> None:
        super().__init__(dialogo)
        self.dialogo, self.linea, self.valido = dialogo, linea, valido
        linea.completer().popup().installEventFilter(self)

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - API de Qt
        if (evento.type() == QEvent.Type.KeyPress and isinstance(evento, QKeyEvent)
                and evento.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            completador = self.linea.completer()
            popup = completador.popup()
            if popup.isVisible():
                elegido = popup.currentIndex()
                if not (self.valido and self.valido()):
                    if elegido.isValid():
                        self.linea.setText(elegido.data())
                    elif completador.completionCount() == 1:
                        completador.setCurrentRow(0)
                        self.linea.setText(completador.currentCompletion())
                popup.hide()
            self.dialogo.pasar_foco(evento.key() == Qt.Key.Key_Tab)
            return True
        return False


class CapturaTicket(QDialog):
    """Diálogo de registro de un ticket (procedimiento 6, actividad 2)."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, numero_inventario: str | None = None,
                 bien_id: int | None = None, oficio_id: int | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.oficio = tickets.datos_de_oficio(oficio_id) if oficio_id is not None else None
        self.ticket: Ticket | None = None
        self._bien: Bien | None = None
        self.setWindowTitle(tr("Nuevo ticket de soporte"))
        self.setStyleSheet(HOJA)
        self.setMinimumWidth(560)

        self._dependencias = {d.nombre: d for d in catalogos.dependencias()}
        self._por_normalizado = {normalizar(d.nombre): d for d in self._dependencias.values()}
        self._por_normalizado.update({normalizar(d.siglas): d for d in self._dependencias.values() if d.siglas})
        self._servidores = catalogos.servidores()

        self.canal = QComboBox(self)
        for clave, texto in tickets.CANALES.items():
            self.canal.addItem(tr(texto), clave)
        self.extension = QComboBox(self)
        for ext in tickets.EXTENSIONES_DTI:
            self.extension.addItem(ext, ext)
        self.dependencia = QLineEdit(self)
        self.dependencia.setPlaceholderText(tr("Nombre o siglas (TM, DE, RC…)"))
        self.dependencia.setCompleter(_completador(self, sorted(self._dependencias)))
        self.solicitante = QLineEdit(self)
        self.solicitante.setPlaceholderText(tr("Quién llama o escribe"))
        self._modelo_solicitantes = QStringListModel([s.nombre for s in self._servidores], self)
        completador = _completador(self, [])
        completador.setModel(self._modelo_solicitantes)
        self.solicitante.setCompleter(completador)
        self.inventario = QLineEdit(self)
        self.inventario.setPlaceholderText(tr("Número de inventario o lectura del QR (opcional)"))
        self.bien = etiqueta_plana("", self)
        self.bien.setObjectName("ayuda")
        self.categoria = QComboBox(self)
        for clave, texto in tickets.CATEGORIAS.items():
            self.categoria.addItem(tr(texto), clave)
        self.prioridad = QComboBox(self)
        for clave, texto in sla.PRIORIDADES.items():
            self.prioridad.addItem(tr(texto), clave)
        self.prioridad.setCurrentIndex(self.prioridad.findData(sla.MEDIA))
        self.modalidad = QComboBox(self)
        for clave, texto in tickets.MODALIDADES.items():
            self.modalidad.addItem(tr(texto), clave)
        self.aviso_modalidad = etiqueta_plana("", self)
        self.aviso_modalidad.setObjectName("ayuda")
        self.descripcion = QPlainTextEdit(self)
        self.descripcion.setTabChangesFocus(True)
        self.descripcion.setPlaceholderText(tr("Qué le pasa al equipo o sistema (Mayús+Enter: nueva línea)"))
        self.descripcion.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.descripcion.installEventFilter(_EnterGuarda(self))
        self.asignado = QComboBox(self)
        self.asignado.addItem(tr("Sin asignar"), None)
        for usuario in tickets.usuarios_asignables():
            self.asignado.addItem(usuario.nombre, usuario.id)

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.etiqueta_oficio = etiqueta_plana("", self)
        if self.oficio is not None:
            self.etiqueta_oficio.setText(" · ".join(x for x in (self.oficio["referencia"], self.oficio["asunto"]) if x))
            formulario.addRow(tr("Oficio:"), self.etiqueta_oficio)
        for texto, widget in ((tr("&Canal:"), self.canal), (tr("E&xtensión:"), self.extension),
                              (tr("&Dependencia:"), self.dependencia), (tr("&Solicitante:"), self.solicitante),
                              (tr("&Inventario:"), self.inventario), ("", self.bien),
                              (tr("Ca&tegoría:"), self.categoria), (tr("&Prioridad:"), self.prioridad),
                              (tr("&Modalidad:"), self.modalidad), ("", self.aviso_modalidad),
                              (tr("D&escripción:"), self.descripcion), (tr("&Asignar a:"), self.asignado)):
            if texto:
                etiqueta = QLabel(texto, self)
                etiqueta.setBuddy(widget)
                formulario.addRow(etiqueta, widget)
            else:
                formulario.addRow("", widget)
        self.errores = etiqueta_plana("", self)
        self.errores.setStyleSheet("color: #b3261e;")
        self.errores.hide()
        botones = QDialogButtonBox(self)
        self.boton_guardar = botones.addButton(tr("Guardar (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_guardar.setDefault(True)
        botones.addButton(tr("Cancelar (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        botones.accepted.connect(self.guardar)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(formulario)
        capa.addWidget(self.errores)
        capa.addWidget(botones)

        orden = [self.canal, self.extension, self.dependencia, self.solicitante, self.inventario, self.categoria,
                 self.prioridad, self.modalidad, self.descripcion, self.asignado, self.boton_guardar]
        for anterior, siguiente in zip(orden, orden[1:]):
            QWidget.setTabOrder(anterior, siguiente)
        self.campos: dict[str, QWidget] = {
            "canal": self.canal, "extension": self.extension, "dependencia": self.dependencia,
            "solicitante": self.solicitante, "bien": self.inventario, "categoria": self.categoria,
            "prioridad": self.prioridad, "modalidad": self.modalidad, "descripcion": self.descripcion,
            "asignado": self.asignado, "oficio": self.etiqueta_oficio}

        self._filtros_tab = [_TabCompleta(self, self.dependencia, lambda: self.dependencia_actual() is not None),
                             _TabCompleta(self, self.solicitante,
                                          lambda: self._servidor_de(self.solicitante.text()) is not None)]
        self.canal.currentIndexChanged.connect(self._canal_cambiado)
        self.dependencia.editingFinished.connect(self._dependencia_elegida)
        self.dependencia.completer().activated.connect(lambda _t: self._dependencia_elegida())
        self.solicitante.editingFinished.connect(self._solicitante_elegido)
        self.inventario.editingFinished.connect(self._buscar_bien)
        self.inventario.returnPressed.connect(self._buscar_bien)
        self._canal_cambiado()
        if bien_id is not None:
            numero_inventario = servicio_inventario.numero_de(bien_id) or numero_inventario
        if numero_inventario:
            self.inventario.setText(numero_inventario)
            self._buscar_bien()
        if self.oficio is not None:
            self._llenar_de_oficio(self.oficio)
        self.canal.setFocus()

    def _llenar_de_oficio(self, oficio: dict) -> None:
        """El oficio llegó a la oficina de la DTI: canal presencial y lo que el oficio dice."""
        self.canal.setCurrentIndex(self.canal.findData(tickets.PRESENCIAL_OFICINA))
        if oficio["dependencia"] and not self.dependencia.text().strip():
            self.dependencia.setText(oficio["dependencia"])
            self._dependencia_elegida()
        if oficio["solicitante"]:
            self.solicitante.setText(oficio["solicitante"])
        if oficio["descripcion"]:
            self.descripcion.setPlainText(oficio["descripcion"])

    # --- Reacciones ---------------------------------------------------------------------------

    def pasar_foco(self, adelante: bool = True) -> None:
        """Mueve el foco al campo siguiente (o anterior) del orden de tabulación."""
        self.focusNextPrevChild(adelante)

    def _canal_cambiado(self) -> None:
        self.extension.setEnabled(self.canal.currentData() == tickets.TELEFONO)

    def dependencia_actual(self):
        return self._por_normalizado.get(normalizar(self.dependencia.text()))

    def _dependencia_elegida(self) -> None:
        dep = self.dependencia_actual()
        if dep is not None and self.dependencia.text() != dep.nombre:
            self.dependencia.setText(dep.nombre)     # «TM» → «Tesorería Municipal»
        nombres = [s.nombre for s in self._servidores if dep is None or s.dependencia_id == dep.id]
        otros = [s.nombre for s in self._servidores if dep is not None and s.dependencia_id != dep.id]
        self._modelo_solicitantes.setStringList(nombres + otros)
        obligatoria = tickets.requiere_presencial(dep)
        if obligatoria:
            self.modalidad.setCurrentIndex(self.modalidad.findData(tickets.PRESENCIAL))
            self.aviso_modalidad.setText(tr("Política: en la Presidencia y la Tesorería el soporte es presencial."))
        else:
            self.aviso_modalidad.clear()
        self.modalidad.setEnabled(not obligatoria)

    def _solicitante_elegido(self) -> None:
        nombre = normalizar(self.solicitante.text())
        for servidor in self._servidores:
            if normalizar(servidor.nombre) == nombre:
                self.solicitante.setText(servidor.nombre)
                if not self.dependencia.text().strip() and servidor.dependencia_id:
                    self.dependencia.setText(servidor.dependencia.nombre)
                    self._dependencia_elegida()
                return

    def _buscar_bien(self) -> None:
        texto = self.inventario.text().strip()
        self._bien = None
        if not texto:
            self.bien.clear()
            marcar_campo(self.inventario, False)
            return
        try:
            bien = tickets.bien_por_inventario(texto)
        except ErrorDTI as error:
            self.bien.setText(str(error))
            marcar_campo(self.inventario, True, str(error))
            return
        marcar_campo(self.inventario, False)
        self._bien = bien
        self.inventario.setText(bien.numero_inventario)
        partes = [bien.descripcion, bien.marca, bien.modelo]
        if bien.dependencia_id:
            partes.append(f"· {bien.dependencia.nombre}")
            if not self.dependencia.text().strip():
                self.dependencia.setText(bien.dependencia.nombre)
                self._dependencia_elegida()
        if bien.resguardante_id and not self.solicitante.text().strip():
            self.solicitante.setText(bien.resguardante.nombre)
        self.bien.setText(" ".join(p for p in partes if p))

    def _servidor_de(self, nombre: str):
        buscado = normalizar(nombre)
        for servidor in self._servidores:
            if normalizar(servidor.nombre) == buscado:
                return servidor
        return None

    # --- Guardar ------------------------------------------------------------------------------

    def keyPressEvent(self, evento: QKeyEvent) -> None:  # noqa: N802 - API de Qt
        if evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = self.focusWidget().completer().popup() if isinstance(self.focusWidget(), QLineEdit) \
                and self.focusWidget().completer() else None
            if popup is None or not popup.isVisible():
                self.guardar()
                return
        super().keyPressEvent(evento)

    def guardar(self) -> None:
        """Valida con el servicio y guarda; si algo falta, marca los campos y no cierra."""
        for widget in self.campos.values():
            if widget.property("error"):
                marcar_campo(widget, False)
        self.errores.hide()
        texto_dep = self.dependencia.text().strip()
        dep = self.dependencia_actual()
        servidor = self._servidor_de(self.solicitante.text())
        try:
            self.ticket = tickets.crear_ticket(
                self.sesion, canal=self.canal.currentData(), extension=self.extension.currentData() or "",
                dependencia=dep if dep is not None else (texto_dep or None),
                solicitante=servidor, solicitante_nombre=self.solicitante.text(),
                bien=self._bien, numero_inventario="" if self._bien else self.inventario.text(),
                categoria=self.categoria.currentData(), prioridad=self.prioridad.currentData(),
                modalidad=self.modalidad.currentData(), descripcion=self.descripcion.toPlainText(),
                asignado=self.asignado.currentData(),
                oficio=self.oficio["id"] if self.oficio is not None else None)
        except ErrorValidacion as error:
            marcar_errores(self.campos, error.errores, self.errores)
            return
        except ErrorDTI as error:
            comunes.avisar(self, tr("No se pudo registrar"), str(error))
            return
        self.accept()


def abrir_captura(padre: QWidget | None, sesion: Usuario, numero_inventario: str | None = None,
                  bien_id: int | None = None, oficio_id: int | None = None) -> Ticket | None:
    """Abre la captura rápida (con el bien ya puesto si se da) y devuelve el ticket creado o None.

    Para abrir un ticket desde el inventario o un levantamiento: pase el número de
    inventario o el ``bien_id``; para el que pide un oficio recibido, su ``oficio_id``.
    """
    dialogo = CapturaTicket(sesion, padre, numero_inventario=numero_inventario, bien_id=bien_id,
                            oficio_id=oficio_id)
    dialogo.exec()
    return dialogo.ticket
