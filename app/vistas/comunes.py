"""Piezas comunes de las vistas: ejecutar un servicio mostrando su error, avisos y confirmaciones."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.servicios.errores import ErrorDTI, ErrorValidacion

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
    except ErrorValidacion as exc:
        avisar(padre, tr("Revise los datos"), exc.mensaje, QMessageBox.Icon.Warning)
    except ErrorDTI as exc:
        avisar(padre, tr("No se pudo completar"), exc.mensaje, QMessageBox.Icon.Warning)
    except Exception as exc:  # noqa: BLE001 - la GUI nunca debe cerrarse por un error
        avisar(padre, tr("Error inesperado"),
               tr("Ocurrió un error inesperado; no se guardó nada.") + f"\n\n{type(exc).__name__}: {exc}",
               QMessageBox.Icon.Critical)
    return None


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
