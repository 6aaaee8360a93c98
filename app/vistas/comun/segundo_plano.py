"""Trabajo en un hilo aparte: cada hilo usa su propia conexión a la base y la cierra al terminar.

peewee abre una conexión por hilo; si el hilo no la cierra, queda abierta (en PostgreSQL ocupa
una sesión del servidor; en SQLite, el archivo). Todo hilo de trabajo de la interfaz envuelve su
trabajo en :func:`conexion_del_hilo`.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from app.base_datos import bd

registro = logging.getLogger(__name__)


@contextlib.contextmanager
def conexion_del_hilo() -> Iterator[None]:
    """Abre (si hace falta) la conexión de este hilo y la cierra al salir, aunque el trabajo falle."""
    try:
        yield
    finally:
        if bd.obj is not None and not bd.is_closed():
            try:
                bd.close()
            except Exception:  # noqa: BLE001 - cerrar es cortesía: el trabajo ya terminó
                registro.warning("No se pudo cerrar la conexión del hilo de trabajo.", exc_info=True)
