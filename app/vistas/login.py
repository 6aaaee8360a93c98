"""Diálogo de inicio de sesión."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from app.modelos import Usuario
from app.rutas import carpeta_recursos
from app.servicios.catalogos import catalogos, usuarios
from app.errores import ErrorDTI, ErrorValidacion
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.formulario import armar_dialogo, botones_de_dialogo, etiqueta_errores

LADO_LOGOTIPO = 88


def logotipo_institucion(lado: int = LADO_LOGOTIPO) -> QPixmap | None:
    """El logotipo configurado en la institución o, si no hay, el de ``recursos/``."""
    imagen = QPixmap()
    try:
        propio = catalogos.institucion().logotipo
    except Exception:  # noqa: BLE001 - sin logotipo de la base se usa el de recursos
        propio = None
    if not (propio and imagen.loadFromData(bytes(propio))):
        ruta = carpeta_recursos() / "logotipo.png"
        if not (ruta.exists() and imagen.load(str(ruta))):
            return None
    return imagen.scaled(lado, lado, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)


class DialogoLogin(QDialog):
    """Pide usuario y contraseña; al aceptar, ``usuario`` tiene la cuenta que inició sesión.

    Un error (contraseña equivocada, espera por intentos fallidos) se muestra dentro del
    diálogo, en rojo, sin cerrarlo.
    """

    def __init__(self, parent: QWidget | None = None, nombre_usuario: str = "") -> None:
        super().__init__(parent)
        self.usuario: Usuario | None = None
        self.setWindowTitle(tr("Iniciar sesión"))
        self.setModal(True)
        self.setMinimumWidth(460)

        try:
            nombre_institucion = catalogos.institucion().nombre
        except Exception:  # noqa: BLE001 - el diálogo debe abrir aunque falte el registro
            nombre_institucion = ""

        logotipo = QLabel(self)
        pixmap = logotipo_institucion()
        if pixmap is not None:
            logotipo.setPixmap(pixmap)
        logotipo.setFixedSize(LADO_LOGOTIPO, LADO_LOGOTIPO)
        logotipo.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.institucion = etiqueta_plana(nombre_institucion, self)
        self.institucion.setObjectName("titulo")
        sistema = etiqueta_plana(tr("Dirección de Tecnologías de la Información"), self)
        sistema.setObjectName("subtitulo")
        encabezado_texto = QVBoxLayout()
        encabezado_texto.addStretch(1)
        encabezado_texto.addWidget(self.institucion)
        encabezado_texto.addWidget(sistema)
        encabezado_texto.addStretch(1)
        encabezado = QHBoxLayout()
        encabezado.setSpacing(14)
        encabezado.addWidget(logotipo)
        encabezado.addLayout(encabezado_texto, 1)

        self.campo_usuario = QLineEdit(self)
        self.campo_usuario.setMaxLength(60)
        self.campo_usuario.setText(nombre_usuario)
        self.campo_usuario.setPlaceholderText(tr("p. ej. jperez"))
        self.campo_contrasena = QLineEdit(self)
        self.campo_contrasena.setEchoMode(QLineEdit.EchoMode.Password)
        self.campo_contrasena.setMaxLength(200)
        formulario = QFormLayout()
        formulario.addRow(tr("&Usuario:"), self.campo_usuario)
        formulario.addRow(tr("&Contraseña:"), self.campo_contrasena)

        self.error = etiqueta_plana("", self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.hide()

        self.botones = QDialogButtonBox(self)
        self.boton_entrar = self.botones.addButton(tr("Entrar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_cancelar = self.botones.addButton(tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_entrar.setDefault(True)
        self.boton_entrar.setAutoDefault(True)
        self.boton_cancelar.setAutoDefault(False)
        self.botones.accepted.connect(self.entrar)
        self.botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(20, 18, 20, 16)
        capa.setSpacing(12)
        capa.addLayout(encabezado)
        capa.addSpacing(6)
        capa.addLayout(formulario)
        capa.addWidget(self.error)
        capa.addWidget(self.botones)

        (self.campo_contrasena if nombre_usuario else self.campo_usuario).setFocus()

    def mostrar_error(self, mensaje: str) -> None:
        self.error.setText(mensaje)
        self.error.show()

    def entrar(self) -> None:
        """Verifica la contraseña con el servicio; si falla, lo dice aquí mismo y no se cierra."""
        nombre = self.campo_usuario.text().strip()
        if not nombre:
            self.mostrar_error(tr("Escriba su usuario."))
            self.campo_usuario.setFocus()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            usuario = usuarios.iniciar_sesion(nombre, self.campo_contrasena.text())
        except ErrorDTI as exc:
            usuario = None
            self.mostrar_error(exc.mensaje)
        except Exception as exc:  # noqa: BLE001 - p. ej. se cayó la red hacia el servidor
            usuario = None
            self.mostrar_error(tr("No se pudo verificar la contraseña: ") + f"{type(exc).__name__}: {exc}")
        finally:
            QGuiApplication.restoreOverrideCursor()
        if usuario is None:
            self.campo_contrasena.clear()
            self.campo_contrasena.setFocus()
            return
        self.usuario = usuario
        self.error.hide()
        self.accept()


class DialogoMiContrasena(QDialog):
    """Archivo → «Cambiar mi contraseña…»: la actual y la nueva dos veces; los errores, aquí mismo."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.setWindowTitle(tr("Cambiar mi contraseña"))
        self.setModal(True)
        self.setMinimumWidth(420)
        self.actual = self._campo()
        self.nueva = self._campo()
        self.confirmacion = self._campo()
        formulario = QFormLayout()
        formulario.addRow(tr("Contraseña &actual:"), self.actual)
        formulario.addRow(tr("Contraseña &nueva:"), self.nueva)
        formulario.addRow(tr("&Confírmela:"), self.confirmacion)
        nota = etiqueta_plana(tr("Al menos {n} caracteres, con letras y números.").replace(
            "{n}", str(usuarios.LONGITUD_MINIMA)), self)
        nota.setObjectName("subtitulo")
        formulario.addRow("", nota)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Cambiar contraseña"))
        armar_dialogo(self, formulario, self.errores, caja)
        self.actual.setFocus()

    def _campo(self) -> QLineEdit:
        campo = QLineEdit(self)
        campo.setEchoMode(QLineEdit.EchoMode.Password)
        campo.setMaxLength(200)
        return campo

    def guardar(self) -> None:
        campos = {"actual": self.actual, "contrasena": self.nueva, "confirmacion": self.confirmacion}
        for campo in campos.values():
            marcar_campo(campo, False)
        try:
            usuarios.cambiar_mi_contrasena(self.sesion, self.actual.text(), self.nueva.text(),
                                           self.confirmacion.text())
        except ErrorValidacion as exc:
            marcar_errores(campos, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        self.accept()
