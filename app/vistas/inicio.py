"""Pantalla de inicio: el logotipo y lo que el programa está haciendo, desde el primer segundo.

La primera vez el programa crea la base (todas las migraciones) y, con ``--demo``, carga los datos
de demostración: eso tarda. Mientras tanto esta pantalla dice qué va haciendo y cuánto falta, en
vez de una ventana negra. Se cierra sola cuando aparece el inicio de sesión.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from app.rutas import carpeta_recursos
from app.vistas.comun.comunes import tr

ANCHO, ALTO = 520, 300
GUINDA = QColor("#7a1f2b")
GRIS = QColor("#5c5650")


def _dibujo() -> QPixmap:
    """Tarjeta blanca con el logotipo y el nombre del sistema (sin leer la base: aún no está abierta)."""
    lienzo = QPixmap(ANCHO, ALTO)
    lienzo.fill(QColor("#ffffff"))
    pintor = QPainter(lienzo)
    pintor.setRenderHint(QPainter.RenderHint.Antialiasing)
    pintor.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    pintor.setPen(GUINDA)
    pintor.drawRect(0, 0, ANCHO - 1, ALTO - 1)
    pintor.fillRect(0, 0, ANCHO, 6, GUINDA)
    logotipo = QPixmap(str(carpeta_recursos() / "logotipo.png"))
    if not logotipo.isNull():
        pintor.drawPixmap(QRect(28, 40, 140, 140), logotipo)
    titulo = QFont()
    titulo.setPointSize(17)
    titulo.setBold(True)
    pintor.setFont(titulo)
    pintor.drawText(QRect(190, 60, ANCHO - 210, 40), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    tr("Sistema DTI"))
    subtitulo = QFont()
    subtitulo.setPointSize(10)
    pintor.setFont(subtitulo)
    pintor.setPen(GRIS)
    pintor.drawText(QRect(190, 100, ANCHO - 210, 70), Qt.TextFlag.TextWordWrap,
                    tr("Dirección de Tecnologías de la Información"))
    pintor.end()
    return lienzo


class PantallaInicio(QWidget):
    """El logotipo, un mensaje («Actualizando la base de datos…») y una barra de avance.

    Es una ventana sin marco que se pinta sola y no un ``QSplashScreen``: este espera hasta un
    segundo a que el sistema de ventanas confirme que se ve, y ese segundo se sumaba a cada arranque.
    """

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("pantalla_inicio")
        self.setFixedSize(ANCHO, ALTO)
        self._dibujo = _dibujo()
        self.texto = ""
        self.fraccion: float | None = None
        pantalla = QApplication.primaryScreen()
        if pantalla is not None:
            centro = pantalla.availableGeometry().center()
            self.move(centro.x() - ANCHO // 2, centro.y() - ALTO // 2)

    def mensaje(self, texto: str, fraccion: float | None = None) -> None:
        """Cambia el mensaje (y la barra, 0 a 1; None la oculta) y lo pinta de inmediato."""
        self.texto = texto
        self.fraccion = None if fraccion is None else max(0.0, min(1.0, fraccion))
        self.repaint()
        QApplication.processEvents()

    def avance(self, texto: str, numero: int, total: int) -> None:
        """«texto (n de total)» con la barra en n/total."""
        self.mensaje(f"{texto} ({numero} de {total})", numero / total if total else None)

    def paintEvent(self, _evento: QPaintEvent) -> None:  # noqa: N802 - nombre de Qt
        pintor = QPainter(self)
        pintor.drawPixmap(0, 0, self._dibujo)
        pintor.setPen(GRIS)
        pintor.drawText(QRect(20, ALTO - 44, ANCHO - 40, 30),
                        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter, self.texto)
        if self.fraccion is not None:
            marco = QRect(40, ALTO - 62, ANCHO - 80, 8)
            pintor.setPen(Qt.PenStyle.NoPen)
            pintor.setBrush(QColor("#ebe8e4"))
            pintor.drawRect(marco)
            pintor.setBrush(GUINDA)
            pintor.drawRect(QRect(marco.x(), marco.y(), round(marco.width() * self.fraccion), marco.height()))
        pintor.end()
