"""Diálogos del módulo Web: un formulario con validación que llama a su servicio al aceptar."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from app.errores import ErrorDTI, ErrorValidacion
from app.servicios.oficios import oficios
from app.vistas.comun.comunes import avisar, etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.fechas import fecha_de, qfecha_hoy

LINEA, TEXTO, CASILLA, FECHA, OPCIONES = "linea", "texto", "casilla", "fecha", "opciones"


@dataclass
class Campo:
    """Un campo del formulario: la clave es la del error del servicio (``ErrorValidacion``)."""

    clave: str
    etiqueta: str
    tipo: str = LINEA
    valor: Any = None
    opciones: Sequence[tuple[str, Any]] = field(default_factory=tuple)
    ayuda: str = ""


def opciones_oficios() -> list[tuple[str, Any]]:
    """Los oficios recibidos por atender, para elegir con cuál se solicita."""
    filas = oficios.consultar(tipo=oficios.ENTRANTE, por_atender=True, limite=300)
    return [(f"{f['numero_oficio'] or 'sin número'} · {f['procedencia'] or f['procedencia_texto'] or ''} · "
             f"{(f['descripcion'] or '')[:70]}", f["id"]) for f in filas]


class DialogoFormulario(QDialog):
    """Formulario: al aceptar llama ``accion(valores)``; si el servicio rehúsa, marca los campos y no cierra."""

    def __init__(self, padre: QWidget | None, titulo: str, campos: Sequence[Campo],
                 accion: Callable[[dict[str, Any]], Any], aviso: str = "", texto_aceptar: str = "Guardar") -> None:
        super().__init__(padre)
        self.setWindowTitle(titulo)
        self.setMinimumWidth(560)
        self.accion, self.resultado = accion, None
        self.widgets: dict[str, QWidget] = {}
        capa = QVBoxLayout(self)
        if aviso:
            nota = etiqueta_plana(aviso, self)
            nota.setObjectName("ayuda")
            capa.addWidget(nota)
        formulario = QFormLayout()
        for campo in campos:
            widget = self._widget(campo)
            self.widgets[campo.clave] = widget
            if campo.ayuda:
                widget.setToolTip(campo.ayuda)
            formulario.addRow(QLabel(tr(campo.etiqueta) + ":", self), widget)
        capa.addLayout(formulario)
        self.errores = etiqueta_plana("", self)
        self.errores.setObjectName("error")
        self.errores.hide()
        capa.addWidget(self.errores)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(tr(texto_aceptar))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.aceptar)
        botones.rejected.connect(self.reject)
        self.botones = botones
        capa.addWidget(botones)
        if campos:
            self.widgets[campos[0].clave].setFocus()

    def _widget(self, campo: Campo) -> QWidget:
        if campo.tipo == TEXTO:
            widget = QPlainTextEdit(self)
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(80)
            widget.setPlainText(campo.valor or "")
        elif campo.tipo == CASILLA:
            widget = QCheckBox(self)
            widget.setChecked(bool(campo.valor))
        elif campo.tipo == FECHA:
            widget = QDateEdit(self)
            widget.setCalendarPopup(True)
            widget.setDisplayFormat("dd/MM/yyyy")
            widget.setDate(qfecha_hoy())
        elif campo.tipo == OPCIONES:
            widget = QComboBox(self)
            for texto, dato in campo.opciones:
                widget.addItem(texto, dato)
            if campo.valor is not None:
                widget.setCurrentIndex(max(0, widget.findData(campo.valor)))
        else:
            widget = QLineEdit(self)
            widget.setText(str(campo.valor or ""))
        return widget

    def valores(self) -> dict[str, Any]:
        datos: dict[str, Any] = {}
        for clave, widget in self.widgets.items():
            if isinstance(widget, QPlainTextEdit):
                datos[clave] = widget.toPlainText()
            elif isinstance(widget, QCheckBox):
                datos[clave] = widget.isChecked()
            elif isinstance(widget, QDateEdit):
                datos[clave] = fecha_de(widget.date())
            elif isinstance(widget, QComboBox):
                datos[clave] = widget.currentData()
            else:
                datos[clave] = widget.text()
        return datos

    def aceptar(self) -> None:
        for widget in self.widgets.values():
            marcar_campo(widget, False)
        self.errores.hide()
        try:
            self.resultado = self.accion(self.valores())
        except ErrorValidacion as exc:
            marcar_errores(self.widgets, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            avisar(self, tr("No se pudo completar"), exc.mensaje)
            return
        self.accept()


def hoy() -> dt.date:
    from app.tiempo import hoy_mexico

    return hoy_mexico()
