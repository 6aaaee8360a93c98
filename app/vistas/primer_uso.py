"""Primer uso: cuando nadie puede iniciar sesión, se crea la cuenta del Director(a) de TI."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from app.modelos import Usuario
from app.servicios.catalogos import usuarios
from app.errores import ErrorDTI
from app.vistas.comun.comunes import etiqueta_plana, tr


class DialogoPrimerUso(QDialog):
    """Pide los datos de la primera cuenta (rol Director(a) de TI)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Primer uso"))
        self.usuario: Usuario | None = None
        explicacion = etiqueta_plana(tr(
            "Esta base de datos todavía no tiene cuentas. Cree la cuenta del Director(a) de TI; "
            "con ella podrá dar de alta a los demás usuarios en Catálogos › Usuarios."), self)
        self.nombre_usuario = QLineEdit(self)
        self.nombre_usuario.setPlaceholderText(tr("p. ej. mmendoza"))
        self.nombre = QLineEdit(self)
        self.nombre.setPlaceholderText(tr("Nombre completo"))
        self.contrasena = QLineEdit(self)
        self.contrasena.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeticion = QLineEdit(self)
        self.repeticion.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        formulario = QFormLayout()
        formulario.addRow(tr("&Usuario:"), self.nombre_usuario)
        formulario.addRow(tr("&Nombre:"), self.nombre)
        formulario.addRow(tr("&Contraseña:"), self.contrasena)
        formulario.addRow(tr("&Repetir contraseña:"), self.repeticion)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Crear cuenta"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.crear)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addWidget(explicacion)
        capa.addLayout(formulario)
        capa.addWidget(self.error)
        capa.addWidget(botones)
        self.setMinimumWidth(460)

    def crear(self) -> None:
        if self.contrasena.text() != self.repeticion.text():
            self.error.setText(tr("Las contraseñas no coinciden."))
            return
        try:
            self.usuario = usuarios.crear_primer_director(self.nombre_usuario.text(), self.nombre.text(),
                                                          self.contrasena.text())
        except ErrorDTI as exc:
            self.error.setText(exc.mensaje)
            return
        self.accept()
