"""Los hilos de trabajo de la interfaz: se arrancan, se registran y se detienen en un solo lugar.

Un ``QThread`` destruido mientras corre aborta el proceso; por eso cada hilo queda registrado
con su trabajador y se detiene al destruirse su dueño o, a más tardar, al salir del programa.
El trabajador debe tener el atributo ``ultima`` (la generación más reciente pedida): al detener
se pone en -1 para que descarte lo que aún tenga en cola.
"""
from __future__ import annotations

import atexit

from PySide6.QtCore import QObject, QThread

_HILOS_VIVOS: dict[QThread, QObject] = {}


@atexit.register
def _detener_todos() -> None:
    for hilo, trabajador in list(_HILOS_VIVOS.items()):
        detener(hilo, trabajador)


def arrancar(hilo: QThread, trabajador: QObject, dueno: QObject) -> None:
    """Registra ``hilo`` con su ``trabajador``, lo arranca y lo detiene cuando ``dueno`` se destruya."""
    _HILOS_VIVOS[hilo] = trabajador
    hilo.start()
    dueno.destroyed.connect(lambda *_a, h=hilo, t=trabajador: detener(h, t))


def detener(hilo: QThread, trabajador: QObject) -> None:
    """Descarta lo pendiente del trabajador, termina el hilo (espera hasta 10 s) y lo olvida."""
    trabajador.ultima = -1
    try:
        if hilo.isRunning():
            hilo.quit()
            hilo.wait(10000)
    except RuntimeError:                # el objeto de C++ ya no existe
        pass
    _HILOS_VIVOS.pop(hilo, None)
