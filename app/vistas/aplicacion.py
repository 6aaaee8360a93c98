"""Arranque de la interfaz: aplicación Qt, idioma, estilo, base de datos, inicio de sesión y ventana."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.rutas import carpeta_recursos
from app.vistas.comun.comunes import tr
from app.vistas.comun.fuentes import fuente_texto
from app.vistas.inicio import PantallaInicio

registro = logging.getLogger(__name__)

NOMBRE_APP = "DTI"
ORGANIZACION = "Ayuntamiento"


def _cargar_traducciones(app: QApplication) -> None:
    """Carga el catálogo de Qt en español (botones y diálogos estándar); si falta, sigue en inglés."""
    if app.property("dti_traducciones"):
        return
    traductor = QTranslator(app)
    carpeta = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if traductor.load("qtbase_es", carpeta):
        app.installTranslator(traductor)
    else:
        registro.info("No se encontró qtbase_es en %s; los diálogos de Qt quedan en inglés.", carpeta)
    app.setProperty("dti_traducciones", True)


def hoja_de_estilo(hoja: Path) -> str:
    """El texto de ``estilo.qss`` con «@RECURSOS@» cambiado por la carpeta de la hoja.

    Qt resuelve ``url(...)`` contra la carpeta de trabajo, no contra la de la hoja: sin la ruta
    completa, las flechas no aparecerían al abrir el programa desde otra carpeta.
    """
    return hoja.read_text(encoding="utf-8").replace("@RECURSOS@", hoja.parent.resolve().as_posix())


def configurar_aplicacion(app: QApplication) -> None:
    """Nombre, idioma (español de México), estilo y logotipo. Se puede llamar más de una vez."""
    app.setApplicationName(NOMBRE_APP)
    app.setOrganizationName(ORGANIZACION)
    app.setApplicationDisplayName(NOMBRE_APP)
    _cargar_traducciones(app)
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
    app.setStyle("Fusion")
    # Las fuentes viajan con el programa: cada pantalla mide lo mismo en cualquier PC.
    app.setFont(fuente_texto())
    hoja = carpeta_recursos() / "estilo.qss"
    try:
        app.setStyleSheet(hoja_de_estilo(hoja))
    except OSError as exc:  # sin hoja de estilo la aplicación funciona igual
        registro.warning("No se pudo leer la hoja de estilo %s: %s", hoja, exc)
    logotipo = carpeta_recursos() / "logotipo.png"
    if logotipo.exists():
        app.setWindowIcon(QIcon(str(logotipo)))


def _error_fatal(titulo: str, mensaje: str) -> None:
    caja = QMessageBox(QMessageBox.Icon.Critical, titulo, mensaje, QMessageBox.StandardButton.Ok)
    caja.setTextFormat(Qt.TextFormat.PlainText)
    caja.exec()


def _conectar_base(url_bd: str | None, pantalla: PantallaInicio | None = None) -> bool:
    """Abre (y migra) la base; si no se puede, lo explica y devuelve False.

    Con ``pantalla``, la de inicio dice qué migración se aplica y cuántas faltan.
    """
    from app.base_datos import ErrorBaseDatos, conectar
    from app.configuracion import ErrorConfiguracion, resolver_url_bd

    def avance(nombre: str, numero: int, total: int) -> None:
        if pantalla is not None:
            pantalla.avance(tr("Actualizando la base de datos: {m}").replace("{m}", nombre), numero, total)

    try:
        if pantalla is not None:
            pantalla.mensaje(tr("Abriendo la base de datos…"))
        conectar(resolver_url_bd(url_bd), avance=avance)
        from app.servicios.expedientes import vincular

        if pantalla is not None and vincular.pendientes():
            pantalla.mensaje(tr("Preparando los expedientes de los registros anteriores…"))
        vincular.vincular_existentes()      # registros de antes del expediente único: su trámite
    except (ErrorBaseDatos, ErrorConfiguracion) as exc:
        if pantalla is not None:
            pantalla.close()
        _error_fatal(tr("No se pudo abrir la base de datos"),
                     tr("El sistema DTI no puede abrir su base de datos.") + f"\n\n{exc}\n\n"
                     + tr("Revise la conexión de red o la configuración y vuelva a intentar; "
                          "si el problema sigue, avise a la Dirección de Tecnologías de la Información."))
        return False
    except Exception as exc:  # noqa: BLE001 - p. ej. el servidor PostgreSQL rechazó la conexión
        if pantalla is not None:
            pantalla.close()
        _error_fatal(tr("No se pudo abrir la base de datos"),
                     tr("Ocurrió un error al abrir o actualizar la base de datos; no se modificó nada.")
                     + f"\n\n{type(exc).__name__}: {exc}")
        return False
    return True


def _cargar_demo_si_vacia(pantalla: PantallaInicio | None = None) -> None:
    from app.demo import carga as servicio_demo

    if servicio_demo.hay_datos():
        return
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def avance(texto: str, numero: int, total: int) -> None:
        if pantalla is not None:
            pantalla.avance(tr("Cargando datos de demostración: {t}").replace("{t}", texto), numero, total)

    try:
        servicio_demo.cargar_demo(avance=avance)
    finally:
        QGuiApplication.restoreOverrideCursor()


class _Sesiones:
    """Lleva el ciclo inicio de sesión → ventana principal → cerrar sesión → inicio de sesión."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.ventana: QWidget | None = None

    def iniciar(self) -> bool:
        """Pide usuario y contraseña y abre la ventana; False si el usuario canceló."""
        from app.vistas.login import DialogoLogin
        from app.vistas.ventana_principal import VentanaPrincipal

        from app.servicios.catalogos import usuarios
        from app.vistas.primer_uso import DialogoPrimerUso

        if not usuarios.hay_cuentas_con_acceso() and DialogoPrimerUso().exec() != QDialog.DialogCode.Accepted:
            return False
        dialogo = DialogoLogin()
        if dialogo.exec() != QDialog.DialogCode.Accepted or dialogo.usuario is None:
            return False
        ventana = VentanaPrincipal(dialogo.usuario)
        ventana.sesion_cerrada.connect(self._cerrar_sesion)
        ventana.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ventana.abrir()          # con el tamaño y los divisores que dejó este usuario
        self.ventana = ventana
        return True

    def _cerrar_sesion(self) -> None:
        # Mientras se pide otra vez la contraseña no hay ventanas: que eso no cierre la aplicación.
        self.app.setQuitOnLastWindowClosed(False)
        if self.ventana is not None:
            self.ventana.close()
            self.ventana = None
        # Fuera de la señal del menú: el diálogo de inicio corre en el ciclo principal.
        QTimer.singleShot(0, self._volver_a_entrar)

    def _volver_a_entrar(self) -> None:
        try:
            if not self.iniciar():
                self.app.quit()
        finally:
            self.app.setQuitOnLastWindowClosed(True)


def ejecutar_gui(url_bd: str | None = None, demo: bool = False) -> int:
    """Abre la interfaz gráfica y devuelve el código de salida de la aplicación."""
    from app.servicios.nucleo import bitacora

    bitacora.fijar_canal(bitacora.CANAL_VENTANA)     # cada entrada de la bitácora dice «ventana»
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv)
    assert isinstance(app, QApplication)
    configurar_aplicacion(app)
    # Lo primero que se ve, antes de abrir la base: el logotipo y qué se está haciendo.
    pantalla = PantallaInicio()
    pantalla.show()
    pantalla.mensaje(tr("Iniciando…"))
    if not _conectar_base(url_bd, pantalla):
        return 1
    if demo:
        _cargar_demo_si_vacia(pantalla)
    pantalla.mensaje(tr("Listo."), 1.0)
    pantalla.close()
    sesiones = _Sesiones(app)
    if not sesiones.iniciar():
        return 0
    return app.exec()  # «sesiones» sigue viva en este marco mientras corre la aplicación
