"""Búsqueda al teclear en segundo plano: la consulta corre en un hilo y la ventana nunca se congela.

Con 50,000 bienes el ``LIKE`` sobre la columna normalizada tarda decenas de milisegundos; si se
hiciera en el hilo de la interfaz, cada pulsación congelaría la ventana ese tiempo. Aquí un hilo
de trabajo (con su propia conexión, abierta y cerrada en cada consulta) cuenta y trae el primer
bloque; el resultado se aplica al modelo en el hilo de la interfaz solo si sigue siendo el de la
última búsqueda (las pulsaciones intermedias se descartan sin consultar).
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.vistas.comun import hilos
from app.vistas.comun.segundo_plano import conexion_del_hilo


class _Trabajador(QObject):
    """Vive en el hilo de trabajo; atiende una búsqueda a la vez."""

    listo = Signal(int, object, object, str)        # generación, total, registros, error

    def __init__(self, consultar: Callable[..., Sequence[dict]], contar: Callable[..., int]) -> None:
        super().__init__()
        self._consultar = consultar
        self._contar = contar
        self.ultima = 0                  # la generación más reciente pedida (la escribe la interfaz)

    @Slot(int, object, object, int)
    def buscar(self, generacion: int, filtro: dict, orden: Any, limite: int) -> None:
        if generacion != self.ultima:
            return                        # ya se tecleó otra cosa: no vale la pena consultar
        try:
            with conexion_del_hilo():
                total = int(self._contar(**filtro))
                registros = list(self._consultar(despues=None, limite=limite, orden=orden, **filtro)) if total else []
        except Exception as exc:  # noqa: BLE001 - se informa en la interfaz, en español
            mensaje = getattr(exc, "mensaje", "") or f"{type(exc).__name__}: {exc}"
            self.listo.emit(generacion, 0, [], mensaje)
            return
        self.listo.emit(generacion, total, registros, "")


class BuscadorSegundoPlano(QObject):
    """Pide búsquedas al hilo de trabajo y entrega solo la última (``resultado``)."""

    _pedir = Signal(int, object, object, int)
    resultado = Signal(int, object, object, str)     # generación, total, registros, error

    def __init__(self, consultar: Callable[..., Sequence[dict]], contar: Callable[..., int],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generacion = 0
        self.pedida_en = 0.0
        self._hilo = QThread()
        self._hilo.setObjectName("busqueda-inventario")
        self._trabajador = _Trabajador(consultar, contar)
        self._trabajador.moveToThread(self._hilo)
        self._pedir.connect(self._trabajador.buscar)
        self._trabajador.listo.connect(self._al_terminar)
        hilos.arrancar(self._hilo, self._trabajador, self)

    def nueva_generacion(self) -> int:
        """Invalida lo pedido antes (p. ej. una carga directa en el hilo de la interfaz)."""
        self.generacion += 1
        self._trabajador.ultima = self.generacion
        return self.generacion

    def buscar(self, filtro: dict, orden: Any, limite: int) -> int:
        generacion = self.nueva_generacion()
        self.pedida_en = time.perf_counter()
        self._pedir.emit(generacion, dict(filtro), orden, limite)
        return generacion

    def _al_terminar(self, generacion: int, total: object, registros: object, error: str) -> None:
        if generacion != self.generacion:
            return
        self.resultado.emit(generacion, total, registros, error)

    def detener(self) -> None:
        hilos.detener(self._hilo, self._trabajador)
