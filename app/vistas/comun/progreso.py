"""Trabajo largo con barra de progreso cancelable (exportar, etiquetas, importar).

El servicio recibe ``progreso(hechos, total)`` y lo llama de vez en cuando; aquí se actualiza un
``QProgressDialog`` y se procesan los eventos para que la ventana siga respondiendo. Si el usuario
cancela, la siguiente llamada lanza :class:`Cancelado`: el servicio no deja archivos a medias
(escribe en un temporal) y su transacción se deshace.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.vistas.comun import comunes
from app.vistas.comun.comunes import tr

T = TypeVar("T")


class Cancelado(Exception):
    """El usuario pulsó «Cancelar» en la barra de progreso."""


class Progreso:
    """Diálogo de progreso: se pasa como ``progreso=`` a los servicios."""

    def __init__(self, padre: QWidget | None, titulo: str, texto: str) -> None:
        self.dialogo = QProgressDialog(texto, tr("Cancelar"), 0, 0, padre)
        self.dialogo.setWindowTitle(titulo)
        self.dialogo.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialogo.setMinimumDuration(300)     # lo muy corto no parpadea
        self.dialogo.setAutoClose(False)
        self.dialogo.setAutoReset(False)
        self.dialogo.setMinimumWidth(420)
        self.dialogo.setValue(0)
        self.llamadas = 0

    def __call__(self, hechos: int, total: int) -> None:
        self.llamadas += 1
        if total and self.dialogo.maximum() != total:
            self.dialogo.setMaximum(total)
        self.dialogo.setValue(min(hechos, total) if total else 0)
        if total:
            self.dialogo.setLabelText(tr("{h} de {t}").format(h=f"{hechos:,}", t=f"{total:,}"))
        QCoreApplication.processEvents()
        if self.dialogo.wasCanceled():
            raise Cancelado

    def cerrar(self) -> None:
        self.dialogo.close()
        self.dialogo.deleteLater()


def con_progreso(padre: QWidget | None, titulo: str, texto: str, funcion: Callable[..., T],
                 *args: Any, **kwargs: Any) -> T | None:
    """Llama ``funcion(*args, progreso=..., **kwargs)`` con barra de progreso.

    Devuelve su resultado, o None si el usuario canceló o si falló (el error se muestra en español).
    """
    progreso = Progreso(padre, titulo, texto)
    try:
        return comunes.ejecutar(padre, _sin_cancelar, funcion, *args, progreso=progreso, **kwargs)
    finally:
        progreso.cerrar()


def _sin_cancelar(funcion: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    try:
        return funcion(*args, **kwargs)
    except Cancelado:
        return None


def con_espera(padre: QWidget | None, titulo: str, texto: str, funcion: Callable[..., T],
               *args: Any, **kwargs: Any) -> T | None:
    """Para servicios sin avance parcial (p. ej. las etiquetas): barra ocupada mientras trabajan.

    Devuelve el resultado o None si falló (el error se muestra en español).
    """
    dialogo = QProgressDialog(texto, "", 0, 0, padre)
    dialogo.setWindowTitle(titulo)
    dialogo.setWindowModality(Qt.WindowModality.WindowModal)
    dialogo.setCancelButton(None)
    dialogo.setMinimumDuration(0)
    dialogo.setMinimumWidth(420)
    dialogo.show()
    QCoreApplication.processEvents()
    try:
        return comunes.ejecutar(padre, funcion, *args, **kwargs)
    finally:
        dialogo.close()
        dialogo.deleteLater()
