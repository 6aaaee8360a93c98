"""Que cada ventana y diálogo quepa en las pantallas de la DTI (1366×768, 1280×720, 1920×1080 al 150 %)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# La pantalla más chica que se atiende, en píxeles lógicos: 1280×720 al 100 % (o 1920×1080 al 150 %).
PANTALLA_MINIMA = QSize(1280, 720)
# Lo que queda para un diálogo en esa pantalla: menos la barra de tareas y la barra de título.
DIALOGO_MAXIMO = QSize(1260, 640)
# Tamaño por omisión de la ventana principal: cabe en 1366×768 con la barra de tareas.
VENTANA_POR_OMISION = QSize(1280, 680)


def disponible(widget: QWidget | None = None) -> QSize:
    """El área útil de la pantalla de ``widget`` (o la principal), sin barra de tareas."""
    pantalla = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    if pantalla is None:
        return PANTALLA_MINIMA
    return pantalla.availableGeometry().size()


def tamano_inicial(area: QSize) -> tuple[QSize, bool]:
    """(tamaño, maximizar) de la ventana principal en una pantalla con ``area`` útil."""
    if area.width() >= VENTANA_POR_OMISION.width() + 20 and area.height() >= VENTANA_POR_OMISION.height() + 40:
        return QSize(VENTANA_POR_OMISION), False
    return QSize(area), True


def tamano_dialogo(ancho: int, alto: int) -> QSize:
    """El tamaño deseado de un diálogo, acotado a lo que cabe en la pantalla más chica."""
    return QSize(min(ancho, DIALOGO_MAXIMO.width()), min(alto, DIALOGO_MAXIMO.height()))


def acotar(dialogo: QWidget, ancho: int, alto: int) -> None:
    """Da a ``dialogo`` su tamaño deseado sin pasar de la pantalla más chica ni de la actual."""
    tamano = tamano_dialogo(ancho, alto)
    area = disponible(dialogo)
    dialogo.resize(min(tamano.width(), area.width()), min(tamano.height(), area.height()))


def desplazable(contenido: QWidget, parent: QWidget | None = None, horizontal: bool = False) -> QScrollArea:
    """Envuelve ``contenido`` en un área que se desplaza cuando no cabe (sin marco)."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if not horizontal:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(contenido)
    return area
