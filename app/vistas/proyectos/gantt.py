"""Gantt simple del plan de trabajo: una barra por tarea (inicio–fin) con su avance, pintada con QPainter."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import tr

ALTO_RENGLON = 22
ANCHO_NOMBRE = 130
COLOR_BARRA = QColor("#b7cbe6")
COLOR_AVANCE = QColor("#2f5d9b")
COLOR_HOY = QColor("#a01c1c")


class Gantt(QWidget):
    """Tareas como barras sobre una escala de días; la línea roja es hoy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tareas: list[tuple[str, dt.date, dt.date, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Diagrama de Gantt del plan de trabajo"))

    def cargar(self, tareas: Sequence[tuple[str, dt.date, dt.date, int]]) -> None:
        self.tareas = list(tareas)
        self.setToolTip("\n".join(f"{n}: {i:%d/%m} → {f:%d/%m} · {a} %" for n, i, f, a in self.tareas))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - API de Qt
        return QSize(320, max(1, len(self.tareas)) * ALTO_RENGLON + 20)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - API de Qt
        return self.sizeHint()

    def rango(self) -> tuple[dt.date, dt.date]:
        inicio = min(t[1] for t in self.tareas)
        fin = max(t[2] for t in self.tareas)
        return inicio, max(fin, inicio)

    def paintEvent(self, _evento) -> None:  # noqa: N802 - API de Qt
        pintor = QPainter(self)
        pintor.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.tareas:
            pintor.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("Sin tareas en el plan de trabajo"))
            return
        inicio, fin = self.rango()
        dias = (fin - inicio).days + 1
        ancho = max(40, self.width() - ANCHO_NOMBRE - 6)
        por_dia = ancho / dias
        metrica = pintor.fontMetrics()
        for renglon, (nombre, desde, hasta, avance) in enumerate(self.tareas):
            y = renglon * ALTO_RENGLON + 4
            pintor.setPen(self.palette().text().color())
            pintor.drawText(QRectF(0, y, ANCHO_NOMBRE - 4, ALTO_RENGLON - 4), Qt.AlignmentFlag.AlignVCenter,
                            metrica.elidedText(nombre, Qt.TextElideMode.ElideRight, ANCHO_NOMBRE - 6))
            x = ANCHO_NOMBRE + (desde - inicio).days * por_dia
            largo = max(3.0, ((hasta - desde).days + 1) * por_dia)
            barra = QRectF(x, y + 3, largo, ALTO_RENGLON - 10)
            pintor.setPen(Qt.PenStyle.NoPen)
            pintor.setBrush(COLOR_BARRA)
            pintor.drawRect(barra)
            pintor.setBrush(COLOR_AVANCE)
            pintor.drawRect(QRectF(x, y + 3, largo * avance / 100, ALTO_RENGLON - 10))
        pie = len(self.tareas) * ALTO_RENGLON + 4
        pintor.setPen(self.palette().text().color())
        pintor.drawText(QRectF(ANCHO_NOMBRE, pie, ancho, 16), Qt.AlignmentFlag.AlignLeft, f"{inicio:%d/%m/%Y}")
        pintor.drawText(QRectF(ANCHO_NOMBRE, pie, ancho, 16), Qt.AlignmentFlag.AlignRight, f"{fin:%d/%m/%Y}")
        hoy = hoy_mexico()
        if inicio <= hoy <= fin:
            x = ANCHO_NOMBRE + ((hoy - inicio).days + 0.5) * por_dia
            pintor.setPen(QPen(COLOR_HOY, 1.5, Qt.PenStyle.DashLine))
            pintor.drawLine(int(x), 0, int(x), pie)
