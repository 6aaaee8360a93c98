"""Ayudas para las pruebas de la interfaz: contestar los modales, teclear y mostrar una vista."""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)


class Respuestas:
    """Contesta avisos, confirmaciones y preguntas en lugar del usuario: ningún modal bloquea la prueba.

    Cada archivo de pruebas la conecta con ``monkeypatch`` en los módulos que la necesitan.
    """

    def __init__(self) -> None:
        self.avisos: list[tuple[str, str]] = []
        self.preguntas: list[str] = []
        self.si = True
        self.motivo: str | None = None          # lo que contesta pedir_motivo (None: el usuario desiste)

    def avisar(self, _padre, titulo, mensaje, *_args) -> None:
        self.avisos.append((titulo, mensaje))

    def confirmar(self, _padre, _titulo, mensaje) -> bool:
        self.preguntas.append(mensaje)
        return self.si

    def pedir_motivo(self, _padre, _titulo, _pregunta) -> str | None:
        return self.motivo

    def texto(self) -> str:
        """Todos los avisos recibidos, uno por línea («título: mensaje»)."""
        return "\n".join(f"{t}: {m}" for t, m in self.avisos)

    texto_avisos = texto


def teclear(qtbot, widget: QWidget, texto: str) -> None:
    """Escribe como desde el teclado (QTest solo teclea ASCII: los acentos van como eventos con su texto)."""
    for caracter in texto:
        if caracter.isascii():
            qtbot.keyClicks(widget, caracter)
            continue
        for tipo in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(tipo, 0, Qt.KeyboardModifier.NoModifier, caracter))


def mostrar(qtbot, widget: W, ancho: int, alto: int, activar: bool = False) -> W:
    """Registra ``widget`` en qtbot, le da tamaño y lo muestra esperando a que esté expuesto.

    Con ``activar`` además espera a que sea la ventana activa (los atajos de teclado la piden).
    """
    qtbot.addWidget(widget)
    widget.resize(ancho, alto)
    if activar:
        with qtbot.waitActive(widget):
            widget.show()
            widget.activateWindow()
    else:
        with qtbot.waitExposed(widget):
            widget.show()
    return widget
