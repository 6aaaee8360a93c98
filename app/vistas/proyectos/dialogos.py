"""Diálogos de captura de la pestaña Proyectos, armados de una lista de campos.

Cada acción del proyecto (viabilidad, reunión, tarea, versión del diseño, entrega…) pide pocos datos:
:class:`DialogoCampos` los arma con sus atajos, llama al servicio al aceptar y, si el servicio rehúsa,
marca en rojo los campos con su razón sin cerrar ni perder lo capturado.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QFormLayout,
                               QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.errores import ErrorDTI, ErrorValidacion
from app.modelos import ahora
from app.tiempo import hoy_mexico
from app.vistas.comun.archivos import carpeta_documentos
from app.vistas.comun.comunes import marcar_campo, marcar_errores, tr
from app.vistas.comun.fechas import fecha_de, fecha_hora_de, qfecha, qfecha_hora
from app.vistas.comun.formulario import armar_dialogo, botones_de_dialogo, etiqueta_errores, texto_multilinea


@dataclass
class Campo:
    clave: str
    etiqueta: str                  # con «&» para el atajo Alt+letra
    tipo: str = "texto"            # texto, largo, entero, fecha, fecha_hora, si_no, archivo, opcion
    opciones: Sequence[tuple[str, Any]] = field(default_factory=tuple)
    inicial: Any = None
    minimo: int = 0
    maximo: int = 100


class DialogoCampos(QDialog):
    """Formulario con ``campos``; al aceptar llama ``accion(valores)`` y guarda su resultado."""

    def __init__(self, titulo: str, campos: Sequence[Campo], accion: Callable[[dict[str, Any]], Any],
                 texto_aceptar: str = "Guardar", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(titulo)
        self.setMinimumWidth(560)
        self.accion, self.resultado = accion, None
        self.controles: dict[str, QWidget] = {}
        self._campos = list(campos)
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for campo in self._campos:
            control, fila = self._control(campo)
            self.controles[campo.clave] = control
            formulario.addRow(campo.etiqueta if campo.tipo != "si_no" else "", fila)
            etiqueta = formulario.labelForField(fila)
            if etiqueta is not None:
                etiqueta.setBuddy(control)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr(texto_aceptar))
        armar_dialogo(self, formulario, self.errores, caja)

    def _control(self, campo: Campo) -> tuple[QWidget, Any]:
        if campo.tipo == "largo":
            control = texto_multilinea(self, 60)
            control.setPlainText(campo.inicial or "")
        elif campo.tipo == "entero":
            control = QSpinBox(self)
            control.setRange(campo.minimo, campo.maximo)
            control.setValue(campo.inicial if campo.inicial is not None else campo.minimo)
        elif campo.tipo == "fecha":
            control = QDateEdit(self)
            control.setCalendarPopup(True)
            control.setDisplayFormat("dd/MM/yyyy")
            control.setDate(qfecha(campo.inicial or hoy_mexico()))
        elif campo.tipo == "fecha_hora":
            control = QDateTimeEdit(self)
            control.setCalendarPopup(True)
            control.setDisplayFormat("dd/MM/yyyy HH:mm")
            control.setDateTime(qfecha_hora(campo.inicial or ahora()))
        elif campo.tipo == "si_no":
            control = QCheckBox(campo.etiqueta, self)
            control.setChecked(bool(campo.inicial))
        elif campo.tipo == "opcion":
            control = QComboBox(self)
            for texto, dato in campo.opciones:
                control.addItem(texto, dato)
            if campo.inicial is not None:
                control.setCurrentIndex(max(0, control.findData(campo.inicial)))
        elif campo.tipo == "archivo":
            control = QLineEdit(self)
            control.setPlaceholderText(tr("Ruta del archivo"))
            elegir = QPushButton(tr("Elegir…"), self)
            elegir.setAutoDefault(False)
            elegir.clicked.connect(lambda _c=False, c=control: self._elegir_archivo(c))
            fila = QHBoxLayout()
            fila.addWidget(control, 1)
            fila.addWidget(elegir)
            return control, fila
        else:
            control = QLineEdit(self)
            control.setText(campo.inicial or "")
        return control, control

    def _elegir_archivo(self, control: QLineEdit) -> None:
        ruta, _ = abrir_archivo(self, tr("Elegir archivo"), carpeta_documentos(),
                                              tr("Documentos (*.pdf *.docx *.odt *.xlsx *.png *.jpg *.zip)"))
        if ruta:
            control.setText(ruta)

    def valores(self) -> dict[str, Any]:
        valores: dict[str, Any] = {}
        for campo in self._campos:
            control = self.controles[campo.clave]
            if isinstance(control, QPlainTextEdit):
                valores[campo.clave] = control.toPlainText()
            elif isinstance(control, QSpinBox):
                valores[campo.clave] = control.value()
            elif isinstance(control, QDateTimeEdit) and campo.tipo == "fecha_hora":
                valores[campo.clave] = fecha_hora_de(control.dateTime())
            elif isinstance(control, QDateEdit):
                valores[campo.clave] = fecha_de(control.date())
            elif isinstance(control, QCheckBox):
                valores[campo.clave] = control.isChecked()
            elif isinstance(control, QComboBox):
                valores[campo.clave] = control.currentData()
            else:
                texto = control.text().strip()
                valores[campo.clave] = (texto or None) if campo.tipo == "archivo" else texto
        return valores

    def guardar(self) -> None:
        for control in self.controles.values():
            marcar_campo(control, False)
        self.errores.hide()
        try:
            self.resultado = self.accion(self.valores())
        except ErrorValidacion as exc:
            marcar_errores(self.controles, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            self.errores.setText(exc.mensaje)
            self.errores.show()
            return
        self.accept()


def fecha_texto(valor: dt.date | dt.datetime | None) -> str:
    if valor is None:
        return ""
    return f"{valor:%d/%m/%Y %H:%M}" if isinstance(valor, dt.datetime) else f"{valor:%d/%m/%Y}"
