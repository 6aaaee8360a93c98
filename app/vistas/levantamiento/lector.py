"""Captura del lector de códigos USB (teclea como un teclado y termina con Enter) en toda una ventana.

El lector no sabe qué widget tiene el foco: escribe donde esté. Este filtro de eventos se
instala en la aplicación y solo atiende las teclas dirigidas a widgets de *su* ventana: junta los
caracteres que llegan y, al Enter, emite ``leido`` con el texto completo, aunque el foco esté en
la lista, en un botón o en cualquier otro control.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
                               QWidget)

# Entre dos teclas del lector pasan milisegundos; si pasa más de esto, lo anterior era basura
# (alguien tocó una tecla por error) y se empieza de nuevo.
PAUSA_MAXIMA_S = 1.5
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MODIFICADORES_DE_ATAJO = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                           | Qt.KeyboardModifier.MetaModifier)


def _es_campo_de_texto(widget: QObject | None) -> bool:
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
        return not (isinstance(widget, QLineEdit) and widget.isReadOnly())
    return isinstance(widget, QComboBox) and widget.isEditable()


class CapturaLector(QObject):
    """Junta lo que teclea el lector en cualquier parte de ``ventana`` y emite ``leido`` al Enter.

    ``entrada`` (opcional) es el campo donde el usuario también puede escribir a mano: lo que
    llega a otros widgets se refleja en él, y su Enter también cuenta como lectura. Mientras
    ``activa`` sea falso no se intercepta nada.
    """

    leido = Signal(str)

    def __init__(self, ventana: QWidget, entrada: QLineEdit | None = None) -> None:
        super().__init__(ventana)
        self._ventana = ventana
        self._entrada = entrada
        self._buffer = ""
        self._ultima = 0.0
        self.activa = True
        aplicacion = QApplication.instance()
        if aplicacion is not None:
            aplicacion.installEventFilter(self)
        ventana.destroyed.connect(self._desinstalar)

    @property
    def pendiente(self) -> str:
        """Lo que se ha juntado y aún no termina con Enter."""
        return self._texto()

    def _desinstalar(self, *_args) -> None:
        aplicacion = QApplication.instance()
        if aplicacion is not None:
            aplicacion.removeEventFilter(self)

    def _es_de_la_ventana(self, objeto: QObject) -> bool:
        if not isinstance(objeto, QWidget):
            return False
        try:
            return objeto.window() is self._ventana
        except RuntimeError:          # el widget de C++ ya se destruyó
            return False

    def _texto(self) -> str:
        return self._entrada.text() if self._entrada is not None else self._buffer

    def _poner(self, texto: str) -> None:
        if self._entrada is not None:
            self._entrada.setText(texto)
        else:
            self._buffer = texto

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - API de Qt
        if evento.type() != QEvent.Type.KeyPress or not self.activa or not self._es_de_la_ventana(objeto):
            return False
        assert isinstance(evento, QKeyEvent)
        en_entrada = objeto is self._entrada
        if not en_entrada and _es_campo_de_texto(objeto):
            return False              # otro campo de texto: que escriba el usuario
        if evento.key() in _ENTER:
            texto = self._texto().strip()
            if not texto:
                return False
            self._poner("")
            self._ultima = 0.0
            self.leido.emit(texto)
            return True
        if en_entrada:
            self._ultima = time.monotonic()
            return False              # el campo escribe solo; al Enter se lee
        if evento.key() == Qt.Key.Key_Escape:
            self._poner("")
            return False
        caracter = evento.text()
        if not caracter or not caracter.isprintable() or evento.modifiers() & _MODIFICADORES_DE_ATAJO:
            return False              # flechas, Tab, atajos: para la ventana
        ahora = time.monotonic()
        if caracter == " " and not self._texto():
            return False              # la barra espaciadora sigue pulsando botones
        previo = self._texto() if ahora - self._ultima <= PAUSA_MAXIMA_S else ""
        self._ultima = ahora
        self._poner(previo + caracter)
        return True
