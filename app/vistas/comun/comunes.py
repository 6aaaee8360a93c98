"""Piezas comunes de las vistas: ejecutar un servicio mostrando su error, avisos y confirmaciones,
marcas de error en los formularios y la división lista | detalle."""
from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QSplitter, QWidget

from app.base_datos import mensaje_error_base_datos
from app.errores import ErrorConflicto, ErrorDTI, ErrorSesion, ErrorValidacion

T = TypeVar("T")


def tr(texto: str, contexto: str = "DTI") -> str:
    """Texto de la interfaz, siempre por el sistema de traducción de Qt."""
    return QCoreApplication.translate(contexto, texto)


def ejecutar(padre: QWidget | None, funcion: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Llama a un servicio; si falla con un error de negocio, lo muestra y devuelve None.

    Los errores inesperados también se muestran (con su tipo), sin cerrar la aplicación.
    """
    try:
        return funcion(*args, **kwargs)
    except ErrorSesion as exc:
        avisar(padre, tr("Sesión cerrada"), exc.mensaje, QMessageBox.Icon.Warning)
        cerrar_sesion_vencida(padre)
    except ErrorValidacion as exc:
        avisar(padre, tr("Revise los datos"), exc.mensaje, QMessageBox.Icon.Warning)
    except ErrorConflicto as exc:       # otra PC cambió el registro: aviso, y lo capturado sigue en pantalla
        avisar(padre, tr("Otro usuario cambió el registro"), exc.mensaje, QMessageBox.Icon.Warning)
    except ErrorDTI as exc:
        avisar(padre, tr("No se pudo completar"), exc.mensaje, QMessageBox.Icon.Warning)
    except Exception as exc:  # noqa: BLE001 - la GUI nunca debe cerrarse por un error
        traducido = mensaje_error_base_datos(exc)     # nunca el texto del controlador, en inglés
        if traducido is not None:
            avisar(padre, tr("Error de la base de datos"), traducido, QMessageBox.Icon.Critical)
            return None
        avisar(padre, tr("Error inesperado"),
               tr("Ocurrió un error inesperado; no se guardó nada.") + f"\n\n{type(exc).__name__}: {exc}",
               QMessageBox.Icon.Critical)
    return None


def cerrar_sesion_vencida(padre: QWidget | None) -> None:
    """La cuenta de la sesión fue desactivada: la ventana principal cierra la sesión (vuelve al inicio)."""
    widget = padre
    while widget is not None and not callable(getattr(widget, "cerrar_sesion", None)):
        widget = widget.parentWidget()
    if widget is None:     # un diálogo sin padre: la ventana principal abierta
        widget = next((w for w in QApplication.topLevelWidgets()
                       if callable(getattr(w, "cerrar_sesion", None)) and w.isVisible()), None)
    if widget is not None:
        QTimer.singleShot(0, widget.cerrar_sesion)


def avisar(padre: QWidget | None, titulo: str, mensaje: str,
           icono: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
    caja = QMessageBox(icono, titulo, mensaje, QMessageBox.StandardButton.Ok, padre)
    caja.setTextFormat(Qt.TextFormat.PlainText)   # nunca interpretar marcado del usuario
    caja.exec()


def confirmar(padre: QWidget | None, titulo: str, mensaje: str) -> bool:
    """Pregunta antes de algo irreversible. El botón por omisión es «No»."""
    caja = QMessageBox(QMessageBox.Icon.Question, titulo, mensaje,
                       QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, padre)
    caja.setTextFormat(Qt.TextFormat.PlainText)
    caja.setDefaultButton(QMessageBox.StandardButton.No)
    caja.button(QMessageBox.StandardButton.Yes).setText(tr("Sí"))
    caja.button(QMessageBox.StandardButton.No).setText(tr("No"))
    return caja.exec() == QMessageBox.StandardButton.Yes


def etiqueta_plana(texto: str = "", padre: QWidget | None = None) -> QLabel:
    """QLabel que nunca interpreta marcado (un título con <img src=...> no carga nada)."""
    etiqueta = QLabel(padre)
    etiqueta.setTextFormat(Qt.TextFormat.PlainText)
    etiqueta.setText(texto)
    etiqueta.setWordWrap(True)
    return etiqueta


def ayuda_plana(texto: str) -> str:
    """Texto de ayuda emergente que nunca se interpreta como marcado.

    Qt adivina HTML en los tooltips: un dato como ``<img src="C:/...">`` cargaría un archivo
    local. Se escapa y se envuelve para que siempre se muestre tal cual se escribió.
    """
    if not texto:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(texto)}</p>"


def marcar_campo(widget: QWidget, con_error: bool, mensaje: str = "") -> None:
    """Pone o quita el borde rojo de un campo (propiedad dinámica «error»)."""
    widget.setProperty("error", con_error)
    widget.setToolTip(ayuda_plana(mensaje))
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def marcar_errores(campos: Mapping[str, QWidget], errores: Sequence[tuple[str, str]], etiqueta: QLabel) -> None:
    """Marca en rojo los campos rechazados, lista los mensajes en ``etiqueta`` y enfoca el primero.

    ``errores`` son las parejas (campo, mensaje) de ``ErrorValidacion``; lo capturado no se toca.
    """
    primero: QWidget | None = None
    for campo, mensaje in errores:
        widget = campos.get(campo)
        if widget is not None:
            marcar_campo(widget, True, mensaje)
            primero = primero or widget
    etiqueta.setText("\n".join(mensaje for _, mensaje in errores))
    etiqueta.show()
    if primero is not None:
        primero.setFocus()


def division_lista_detalle(padre: QWidget, lista: QWidget, detalle: QWidget, tamanos: list[int],
                           orientacion: Qt.Orientation = Qt.Orientation.Horizontal) -> QSplitter:
    """Divisor lista | detalle (3:2 al crecer) cuyos paneles no se pueden colapsar."""
    division = QSplitter(orientacion, padre)
    division.setChildrenCollapsible(False)
    division.addWidget(lista)
    division.addWidget(detalle)
    division.setStretchFactor(0, 3)
    division.setStretchFactor(1, 2)
    division.setSizes(tamanos)
    return division


def abrir_dialogo(dueno: Any, dialogo: QDialog, al_aceptar: Callable[[Any], None],
                  al_cerrar: Callable[[], None] | None = None) -> None:
    """Abre ``dialogo`` modal sin bloquear el ciclo de eventos; lo deja en ``dueno.dialogo`` mientras dura.

    Al aceptarlo llama ``al_aceptar(dialogo)``; si se cierra sin aceptar, ``al_cerrar()``.
    """
    dueno.dialogo = dialogo
    dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def terminado(resultado: int) -> None:
        dueno.dialogo = None
        if resultado == QDialog.DialogCode.Accepted:
            al_aceptar(dialogo)
        elif al_cerrar is not None:
            al_cerrar()

    dialogo.finished.connect(terminado)
    dialogo.open()
