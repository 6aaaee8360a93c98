"""La hora oficial de la aplicación: la de la Ciudad de México. Único reloj del programa.

Todo «ahora» y todo «hoy» del sistema —servicios, documentos, consola y vistas (el calendario
de mantenimientos, los selectores de fecha que empiezan en hoy)— sale de este módulo: nada más
llama a ``datetime.now()``, ``date.today()`` ni ``QDate.currentDate()`` (una prueba lo vigila).
Así la hora de la PC o su zona horaria no cambian un folio, un plazo ni un calendario.

El año de un folio sale de aquí: el 31 de diciembre a las 19:00 en México ya es
1 de enero en UTC, y el folio debe seguir siendo del año que termina.
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import os
from collections.abc import Iterator
from zoneinfo import ZoneInfo

ZONA_MEXICO = ZoneInfo("America/Mexico_City")

# Hora fijada con ``reloj_fijo`` (p. ej. la demostración, que registra pasos del pasado).
_fijado: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("dti_reloj_fijo", default=None)


def _en_mexico(momento: dt.datetime) -> dt.datetime:
    if momento.tzinfo is None:
        momento = momento.replace(tzinfo=ZONA_MEXICO)
    return momento.astimezone(ZONA_MEXICO)


def ahora_mexico() -> dt.datetime:
    """Fecha y hora actuales en la Ciudad de México (con zona).

    En orden: la hora fijada con :func:`reloj_fijo`; la variable ``DTI_AHORA`` (ISO 8601, sin
    zona se entiende hora de México), para demostraciones y pruebas; el reloj de la PC.
    """
    fijado = _fijado.get()
    if fijado is not None:
        return fijado
    fijo = os.environ.get("DTI_AHORA")
    if fijo:
        return _en_mexico(dt.datetime.fromisoformat(fijo))
    return dt.datetime.now(ZONA_MEXICO)


def hoy_mexico() -> dt.date:
    """La fecha de hoy en la Ciudad de México."""
    return ahora_mexico().date()


@contextlib.contextmanager
def reloj_fijo(momento: dt.datetime) -> Iterator[None]:
    """Mientras dura el bloque, «ahora» es ``momento`` (sin zona: hora de México).

    Solo afecta al hilo y contexto que lo usa; sirve para registrar hechos del pasado con la
    hora en que ocurrieron (la demostración) sin tocar variables de entorno del proceso.
    """
    marca = _fijado.set(_en_mexico(momento))
    try:
        yield
    finally:
        _fijado.reset(marca)
