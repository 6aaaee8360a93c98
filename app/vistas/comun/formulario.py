"""Piezas de los diálogos de captura: renglones con atajo, texto de varias líneas, errores y botones.

Todos los diálogos de la DTI se arman igual: un formulario, debajo la etiqueta roja con lo que falta
(oculta mientras no hay errores) y los botones «Guardar/Cancelar» con Enter como aceptar.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from app.vistas.comun.comunes import etiqueta_plana, tr

SEPARADOR = " — "           # entre el número y la descripción en listas y completadores
COLOR_ERROR = "#a01c1c"


def texto_multilinea(padre: QWidget, alto: int = 70, marcador: str = "") -> QPlainTextEdit:
    """Campo de varias líneas donde Tab pasa al siguiente campo (no escribe un tabulador)."""
    campo = QPlainTextEdit(padre)
    campo.setTabChangesFocus(True)
    campo.setMinimumHeight(alto)
    campo.setPlaceholderText(marcador)
    return campo


def fila_con_atajo(formulario: QFormLayout, texto: str, capa: QLayout, companero: QWidget) -> None:
    """Renglón cuyo campo es una capa: la etiqueta con «&» necesita su compañero para el atajo Alt+letra."""
    etiqueta = QLabel(texto, formulario.parentWidget())
    etiqueta.setBuddy(companero)
    formulario.addRow(etiqueta, capa)


def etiqueta_errores(padre: QWidget) -> QLabel:
    """Etiqueta roja para la lista de lo que falta; oculta mientras no hay errores."""
    etiqueta = etiqueta_plana("", padre)
    etiqueta.setStyleSheet(f"color: {COLOR_ERROR};")
    etiqueta.hide()
    return etiqueta


def botones_de_dialogo(dialogo: QDialog, texto: str) -> tuple[QDialogButtonBox, QPushButton]:
    """«texto» (aceptar, por omisión: llama a ``dialogo.guardar``) y «Cancelar»."""
    caja = QDialogButtonBox(dialogo)
    aceptar = caja.addButton(texto, QDialogButtonBox.ButtonRole.AcceptRole)
    caja.addButton(tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
    aceptar.setDefault(True)
    caja.accepted.connect(dialogo.guardar)
    caja.rejected.connect(dialogo.reject)
    return caja, aceptar


def armar_dialogo(dialogo: QDialog, formulario: QLayout, errores: QLabel, caja: QDialogButtonBox) -> QVBoxLayout:
    """Pone en ``dialogo`` el formulario, la etiqueta de errores y los botones, en ese orden."""
    capa = QVBoxLayout(dialogo)
    capa.addLayout(formulario)
    capa.addWidget(errores)
    capa.addWidget(caja)
    return capa
