"""Lecturas en segundo plano: una función del servicio corre en un hilo y su resultado llega a la interfaz.

Para lo que necesita más de una consulta (el detalle de la fila elegida al abrir un módulo): la
ventana se pinta sin esperarlo. El hilo usa su propia conexión (:func:`conexion_del_hilo`) y solo
se entrega el resultado de la última lectura pedida (las anteriores se descartan).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.vistas.comun import hilos
from app.vistas.comun.segundo_plano import conexion_del_hilo


class _Trabajador(QObject):
    listo = Signal(int, object, str)          # generación, resultado, error

    def __init__(self) -> None:
        super().__init__()
        self.ultima = 0

    @Slot(int, object, object)
    def leer(self, generacion: int, funcion: Callable[..., Any], argumentos: tuple) -> None:
        if generacion != self.ultima:
            return
        try:
            with conexion_del_hilo():
                resultado = funcion(*argumentos)
        except Exception as exc:  # noqa: BLE001 - se informa en la interfaz, en español
            self.listo.emit(generacion, None, getattr(exc, "mensaje", "") or f"{type(exc).__name__}: {exc}")
            return
        self.listo.emit(generacion, resultado, "")


class LectorSegundoPlano(QObject):
    """``leer(funcion, *args)`` en el hilo de trabajo; ``listo(generacion, resultado, error)`` en la interfaz."""

    _pedir = Signal(int, object, object)
    listo = Signal(int, object, str)

    def __init__(self, nombre: str = "lectura", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generacion = 0
        self._hilo = QThread()
        self._hilo.setObjectName(nombre)
        self._trabajador = _Trabajador()
        self._trabajador.moveToThread(self._hilo)
        self._pedir.connect(self._trabajador.leer)
        self._trabajador.listo.connect(self._al_terminar)
        hilos.arrancar(self._hilo, self._trabajador, self)

    @property
    def ocupado(self) -> bool:
        """Hay una lectura pedida cuyo resultado no ha llegado (ni se descartó)."""
        return self._pendiente == self.generacion and self.generacion > 0

    _pendiente = -1

    def descartar(self) -> int:
        """Lo pedido antes ya no se entrega (p. ej. el usuario eligió otra fila)."""
        self.generacion += 1
        self._trabajador.ultima = self.generacion
        return self.generacion

    def leer(self, funcion: Callable[..., Any], *argumentos: Any) -> int:
        generacion = self.descartar()
        self._pendiente = generacion
        self._pedir.emit(generacion, funcion, argumentos)
        return generacion

    def _al_terminar(self, generacion: int, resultado: object, error: str) -> None:
        if generacion != self.generacion:
            return
        self._pendiente = -1
        self.listo.emit(generacion, resultado, error)

    def detener(self) -> None:
        hilos.detener(self._hilo, self._trabajador)
