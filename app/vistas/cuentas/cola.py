"""Procesa la cola de correo en segundo plano: un temporizador y un hilo de trabajo (``QThreadPool``).

La ventana nunca se congela esperando al servidor SMTP. Cualquier ventana puede tener el suyo
(p. ej. la principal, para que la cola avance aunque nadie abra la pestaña Cuentas): si dos
pasadas coinciden no pasa nada, el servicio reclama cada mensaje en una transacción.
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from app.servicios.bandeja import avisos
from app.servicios.nucleo import correo
from app.vistas.comun.segundo_plano import conexion_del_hilo

registro = logging.getLogger(__name__)

INTERVALO_MS = 60_000


class _Avisos(QObject):
    terminado = Signal(object)      # ResumenCola o el texto del error


class TareaCola(QRunnable):
    """Una pasada por la cola en un hilo de trabajo (con su propia conexión a la base)."""

    def __init__(self, forzar: bool) -> None:
        super().__init__()
        self.forzar = forzar
        self.avisos = _Avisos()

    def run(self) -> None:  # noqa: D102 - API de Qt
        with conexion_del_hilo():
            try:
                # Antes de enviar: los avisos de pasos y el resumen de vencidos (issue 14). Cada uno
                # tiene su clave única, así que varias PC con la ventana abierta no los duplican.
                avisos.encolar_todo()
            except Exception:  # noqa: BLE001 - un aviso fallido no detiene el envío de la cola
                registro.exception("No se pudieron encolar los avisos de pasos")
            try:
                resultado: Any = correo.procesar_cola(forzar=self.forzar)
            except Exception as exc:  # noqa: BLE001 - el hilo nunca debe tumbar la aplicación
                resultado = f"{type(exc).__name__}: {exc}"
        self.avisos.terminado.emit(resultado)


class ProcesadorCola(QObject):
    """Temporizador de un minuto + hilo de trabajo. ``procesada`` avisa al terminar cada pasada."""

    procesada = Signal(object)
    iniciada = Signal()

    def __init__(self, parent: QObject | None = None, intervalo_ms: int = INTERVALO_MS) -> None:
        super().__init__(parent)
        self.ocupado = False
        self.hilos = QThreadPool(self)
        self.hilos.setMaxThreadCount(1)
        self._tarea: TareaCola | None = None
        self.temporizador = QTimer(self)
        self.temporizador.setInterval(intervalo_ms)
        self.temporizador.timeout.connect(lambda: self.procesar(False))

    def iniciar(self) -> None:
        """Empieza a procesar la cola cada minuto."""
        self.temporizador.start()

    def procesar(self, forzar: bool = False) -> bool:
        """Lanza una pasada (una a la vez); False si ya había una en curso."""
        if self.ocupado:
            return False
        self.ocupado = True
        self._tarea = TareaCola(forzar)
        self._tarea.setAutoDelete(False)
        self._tarea.avisos.terminado.connect(self._terminada)
        self.iniciada.emit()
        self.hilos.start(self._tarea)
        return True

    def _terminada(self, resultado: Any) -> None:
        self.ocupado = False
        self._tarea = None
        self.procesada.emit(resultado)

    def detener(self) -> None:
        """Para el temporizador y espera a que termine la pasada en curso (al cerrar)."""
        self.temporizador.stop()
        self.hilos.waitForDone()
