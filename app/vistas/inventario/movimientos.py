"""Diálogos de movimientos al inventario (procedimiento 21): el nuevo movimiento que pide un oficio
recibido, cambio de resguardante, baja y la respuesta de Armonización Contable. Cada uno llama a
un servicio de ``movimientos``; si el servicio rechaza los datos, se marcan los campos y se
conserva lo capturado.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLineEdit, QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget)

from app.modelos import Oficio
from app.modelos.inventario import EN_DICTAMEN, EN_REPARACION, EN_USO, ESTADOS_BIEN
from app.modelos.movimientos import ESTADOS_MOVIMIENTO, TIPOS_MOVIMIENTO
from app.servicios.inventario import inventario, movimientos
from app.errores import ErrorValidacion
from app.tiempo import hoy_mexico
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.inventario.bien import HOJA_ERRORES
from app.vistas.comun.campos import SelectorResguardante


ESTADOS_OPERATIVOS = (EN_USO, EN_REPARACION, EN_DICTAMEN)


def oficio_recibido(oficio_id: int | None) -> Oficio | None:
    """El oficio recibido que pidió el movimiento (None si no hay o ya no existe)."""
    return Oficio.get_or_none(Oficio.id == oficio_id) if oficio_id else None


def texto_oficio(oficio: Oficio) -> str:
    """«DC/0345/2026 · Dirección de Catastro»: el oficio recibido como lo reconoce el usuario."""
    numero = oficio.numero_oficio or oficio.folio or tr("oficio {n}").format(n=oficio.id)
    return " · ".join(p for p in (numero, oficio.procedencia.nombre if oficio.procedencia_id else "") if p)


class DialogoNuevoMovimiento(QDialog):
    """Qué movimiento pide el oficio recibido: alta, cambio de resguardante o baja (``eleccion``)."""

    OPCIONES = (("cambio", "Cambio o reasignación de resguardante del bien seleccionado"),
                ("baja", "Baja del bien seleccionado (con su dictamen técnico)"),
                ("alta", "Alta de un bien nuevo (captura del bien)"))

    def __init__(self, oficio: Oficio | None, disponibles: dict[str, str], parent: QWidget | None = None) -> None:
        """``disponibles``: opción → motivo por el que no aplica («» si aplica)."""
        super().__init__(parent)
        self.setWindowTitle(tr("Nuevo movimiento al inventario"))
        self.eleccion: str | None = None
        capa = QVBoxLayout(self)
        if oficio is not None:
            capa.addWidget(etiqueta_plana(tr("Oficio recibido: ") + texto_oficio(oficio), self))
        self.grupo = QButtonGroup(self)
        self.opciones: dict[str, QRadioButton] = {}
        for clave, texto in self.OPCIONES:
            boton = QRadioButton(tr(texto), self)
            motivo = disponibles.get(clave, "")
            boton.setEnabled(not motivo)
            boton.setToolTip(motivo)
            self.grupo.addButton(boton)
            self.opciones[clave] = boton
            capa.addWidget(boton)
        primero = next((b for b in self.opciones.values() if b.isEnabled()), None)
        if primero is not None:
            primero.setChecked(True)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Continuar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.button(QDialogButtonBox.StandardButton.Ok).setEnabled(primero is not None)
        botones.accepted.connect(self.aceptar)
        botones.rejected.connect(self.reject)
        capa.addWidget(botones)

    def aceptar(self) -> None:
        self.eleccion = next((c for c, b in self.opciones.items() if b.isChecked()), None)
        if self.eleccion is not None:
            self.accept()


class _DialogoServicio(QDialog):
    """Formulario que llama a un servicio al aceptar; si lo rechaza, marca los campos y no se cierra."""

    def __init__(self, titulo: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(titulo)
        self.setStyleSheet(HOJA_ERRORES)
        self.setMinimumWidth(620)
        self.resultado: Any = None
        self.campos: dict[str, QWidget] = {}
        self.errores = etiqueta_plana("", self)
        self.errores.setStyleSheet("color: #b3261e;")
        self.errores.hide()
        self.formulario = QFormLayout()
        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.boton_aceptar = self.botones.button(QDialogButtonBox.StandardButton.Ok)
        self.botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        self.botones.accepted.connect(self.aceptar)
        self.botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(self.formulario)
        capa.addWidget(self.errores)
        capa.addWidget(self.botones)

    def llamar(self) -> Any:
        raise NotImplementedError

    def confirmacion(self) -> str:
        """Pregunta antes de emitir (vacío: no se pregunta)."""
        return ""

    def aceptar(self) -> None:
        for widget in self.campos.values():
            if widget.property("error"):
                marcar_campo(widget, False)
        self.errores.hide()
        pregunta = self.confirmacion()
        if pregunta and not comunes.confirmar(self, self.windowTitle(), pregunta):
            return
        try:
            self.resultado = self.llamar()
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
            return
        except Exception as exc:  # noqa: BLE001 - se muestra en español y se conserva lo capturado
            comunes.ejecutar(self, _relanzar, exc)
            return
        self.accept()


def _relanzar(exc: Exception) -> None:
    raise exc


def _texto_bienes(bienes: list) -> str:
    if len(bienes) <= 4:
        return "\n".join(f"{b.numero_inventario} · {b.descripcion}" for b in bienes)
    return tr("{n} bienes: {primeros}, …").format(n=len(bienes),
                                                  primeros=", ".join(b.numero_inventario for b in bienes[:4]))


class DialogoCambioResguardante(_DialogoServicio):
    """Solicitud de cambio o reasignación de resguardante de uno o varios bienes (un oficio)."""

    def __init__(self, sesion, bienes: list, parent: QWidget | None = None, oficio_id: int | None = None) -> None:
        super().__init__(tr("Cambio de resguardante"), parent)
        self.sesion, self.bienes = sesion, bienes
        self.oficio = oficio_recibido(oficio_id)
        if self.oficio is not None:
            self.formulario.addRow(tr("Oficio recibido:"), etiqueta_plana(texto_oficio(self.oficio), self))
        actuales = {(b.resguardante.nombre if b.resguardante_id else tr("(sin resguardante)"),
                     b.dependencia.nombre if b.dependencia_id else tr("(sin dependencia)")) for b in bienes}
        self.formulario.addRow(tr("Bienes:"), etiqueta_plana(_texto_bienes(bienes), self))
        self.formulario.addRow(tr("Resguardante actual:"),
                               etiqueta_plana("\n".join(f"{n} ({d})" for n, d in sorted(actuales)), self))
        self.futuro = SelectorResguardante(self)
        self.edificio = QLineEdit(self)
        self.edificio.setPlaceholderText(tr("Vacío: la ubicación de la nueva dependencia"))
        self.area = QLineEdit(self)
        self.motivo = QPlainTextEdit(self)
        self.motivo.setTabChangesFocus(True)
        self.motivo.setFixedHeight(70)
        self.formulario.addRow(tr("Futuro resguardante:"), self.futuro)
        ubicacion = QHBoxLayout()
        ubicacion.addWidget(self.edificio, 1)
        ubicacion.addWidget(etiqueta_plana(tr("Área:"), self))
        ubicacion.addWidget(self.area, 1)
        self.formulario.addRow(tr("Edificio:"), ubicacion)
        self.formulario.addRow(tr("Motivo:"), self.motivo)
        self.boton_aceptar.setText(tr("Emitir oficio"))
        self.campos = {"resguardante": self.futuro.servidor, "dependencia": self.futuro.dependencia,
                       "edificio": self.edificio, "area": self.area, "motivo": self.motivo,
                       "bienes": self.futuro.servidor}

    def confirmacion(self) -> str:
        return tr("Se emitirá con el siguiente folio el oficio a Armonización Contable con la solicitud de "
                  "cambio de resguardante de {n} bien(es). El cambio surte efecto cuando Armonización Contable "
                  "lo aplique. ¿Emitir?").format(n=len(self.bienes))

    def llamar(self):
        return movimientos.solicitar_cambio(
            self.sesion, [b.id for b in self.bienes], self.futuro.servidor_id(),
            dependencia_id=self.futuro.dependencia_id(), edificio=self.edificio.text(), area=self.area.text(),
            motivo=self.motivo.toPlainText(), versiones={b.id: b.version for b in self.bienes},
            oficio_entrada=self.oficio)


class DialogoBaja(_DialogoServicio):
    """Solicitud de baja: motivo y el dictamen técnico «no apto para operar» que la autoriza."""

    def __init__(self, sesion, bien, parent: QWidget | None = None, oficio_id: int | None = None) -> None:
        from app.servicios.dictamenes import dictamenes

        super().__init__(tr("Solicitar baja de {n}").format(n=bien.numero_inventario), parent)
        self.sesion, self.bien = sesion, bien
        self.oficio = oficio_recibido(oficio_id)
        if self.oficio is not None:
            self.formulario.addRow(tr("Oficio recibido:"), etiqueta_plana(texto_oficio(self.oficio), self))
        self.formulario.addRow(tr("Bien:"), etiqueta_plana(_texto_bienes([bien]), self))
        self.dictamen = QComboBox(self)
        self.dictamen.addItem(tr("(sin dictamen)"), None)
        for dictamen in dictamenes.para_baja(bien.id):
            self.dictamen.addItem(tr("{folio} — no apto para operar, emitido el {fecha}").format(
                folio=dictamen.folio, fecha=dictamen.fecha_emision.strftime("%d/%m/%Y")), dictamen.id)
        if self.dictamen.count() > 1:
            self.dictamen.setCurrentIndex(1)
        self.dictamen.setToolTip(tr("Solo aparecen los dictámenes emitidos de este bien que lo declaran no apto "
                                    "para operar y que aún no sustentan otra baja."))
        self.motivo = QPlainTextEdit(self)
        self.motivo.setTabChangesFocus(True)
        self.motivo.setFixedHeight(80)
        self.formulario.addRow(tr("Dictamen técnico:"), self.dictamen)
        self.formulario.addRow(tr("Motivo de la baja:"), self.motivo)
        self.boton_aceptar.setText(tr("Emitir oficio"))
        self.campos = {"dictamen": self.dictamen, "motivo": self.motivo}

    def dictamen_id(self) -> int | None:
        return self.dictamen.currentData()

    def confirmacion(self) -> str:
        if self.dictamen_id() is None or not self.motivo.toPlainText().strip():
            return ""      # el servicio explicará qué falta; no hay nada que confirmar aún
        return tr("Se emitirá con el siguiente folio el oficio de baja del bien {n}, que quedará en «Baja "
                  "solicitada» hasta la respuesta de Armonización Contable. ¿Emitir?").format(
                      n=self.bien.numero_inventario)

    def llamar(self):
        return movimientos.solicitar_baja(self.sesion, self.bien.id, self.motivo.toPlainText(), self.dictamen_id(),
                                          version=self.bien.version, oficio_entrada=self.oficio)


class DialogoEstado(_DialogoServicio):
    """Estado operativo del bien: en uso, en reparación o en dictamen (la baja va por su solicitud)."""

    def __init__(self, sesion, bien, parent: QWidget | None = None) -> None:
        super().__init__(tr("Estado de {n}").format(n=bien.numero_inventario), parent)
        self.sesion, self.bien = sesion, bien
        self.formulario.addRow(tr("Bien:"), etiqueta_plana(_texto_bienes([bien]), self))
        self.estado = QComboBox(self)
        for clave in ESTADOS_OPERATIVOS:
            self.estado.addItem(tr(ESTADOS_BIEN[clave]), clave)
        self.estado.setCurrentIndex(max(self.estado.findData(bien.estado), 0))
        self.motivo = QPlainTextEdit(self)
        self.motivo.setTabChangesFocus(True)
        self.motivo.setFixedHeight(70)
        self.motivo.setPlaceholderText(tr("p. ej. «Enviado a garantía con el proveedor»; queda en observaciones"))
        self.formulario.addRow(tr("Estado:"), self.estado)
        self.formulario.addRow(tr("Motivo:"), self.motivo)
        self.boton_aceptar.setText(tr("Guardar"))
        self.campos = {"estado": self.estado, "motivo": self.motivo}

    def llamar(self):
        return inventario.cambiar_estado(self.sesion, self.bien.id, self.bien.version, self.estado.currentData(),
                                         self.motivo.toPlainText())


class DialogoRespuesta(_DialogoServicio):
    """Respuesta de Armonización Contable a un movimiento enviado: aplicado o rechazado, con número y fecha."""

    def __init__(self, sesion, movimiento, parent: QWidget | None = None) -> None:
        super().__init__(tr("Respuesta de Armonización Contable"), parent)
        self.sesion, self.movimiento = sesion, movimiento
        folio = movimiento.oficio.folio if movimiento.oficio_id else ""
        self.formulario.addRow(tr("Movimiento:"), etiqueta_plana(
            f"{TIPOS_MOVIMIENTO.get(movimiento.tipo, movimiento.tipo)} · "
            f"{ESTADOS_MOVIMIENTO.get(movimiento.estado, movimiento.estado)} · {tr('oficio')} {folio}", self))
        self.formulario.addRow(tr("Bienes:"), etiqueta_plana(_texto_bienes(movimientos.bienes_de(movimiento)), self))
        self.aplicado = QRadioButton(tr("Aplicado"), self)
        self.rechazado = QRadioButton(tr("Rechazado"), self)
        self.aplicado.setChecked(True)
        grupo = QButtonGroup(self)
        grupo.addButton(self.aplicado)
        grupo.addButton(self.rechazado)
        eleccion = QHBoxLayout()
        eleccion.addWidget(self.aplicado)
        eleccion.addWidget(self.rechazado)
        eleccion.addStretch(1)
        self.numero = QLineEdit(self)
        self.numero.setPlaceholderText(tr("p. ej. DAC/0123/2026"))
        self.fecha = QDateEdit(self)
        self.fecha.setCalendarPopup(True)
        self.fecha.setDisplayFormat("dd/MM/yyyy")
        hoy = hoy_mexico()
        self.fecha.setDate(QDate(hoy.year, hoy.month, hoy.day))
        self.nota = QPlainTextEdit(self)
        self.nota.setTabChangesFocus(True)
        self.nota.setFixedHeight(70)
        self.formulario.addRow(tr("Resultado:"), eleccion)
        self.formulario.addRow(tr("Oficio de respuesta núm.:"), self.numero)
        self.formulario.addRow(tr("Fecha del oficio:"), self.fecha)
        self.formulario.addRow(tr("Nota / motivo del rechazo:"), self.nota)
        self.boton_aceptar.setText(tr("Registrar respuesta"))
        self.campos = {"respuesta_numero": self.numero, "respuesta_fecha": self.fecha, "respuesta_nota": self.nota}

    def confirmacion(self) -> str:
        if self.aplicado.isChecked():
            return tr("Al registrarlo como APLICADO, el movimiento surte efecto en los bienes y ya no se puede "
                      "cambiar. ¿Registrar?")
        return tr("Al registrarlo como RECHAZADO, los bienes vuelven a su estado anterior. ¿Registrar?")

    def llamar(self):
        fecha = self.fecha.date()
        import datetime as dt

        dia = dt.date(fecha.year(), fecha.month(), fecha.day())
        funcion: Callable[..., Any] = movimientos.aplicar if self.aplicado.isChecked() else movimientos.rechazar
        return funcion(self.sesion, self.movimiento.id, self.movimiento.version, self.numero.text(), dia,
                       self.nota.toPlainText())
