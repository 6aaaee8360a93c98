"""La hora oficial de la aplicación: la de la Ciudad de México.

El año de un folio sale de aquí: el 31 de diciembre a las 19:00 en México ya es
1 de enero en UTC, y el folio debe seguir siendo del año que termina.
"""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

ZONA_MEXICO = ZoneInfo("America/Mexico_City")


def ahora_mexico() -> dt.datetime:
    """Fecha y hora actuales en la Ciudad de México (con zona).

    ``DTI_AHORA`` (ISO 8601) fija el reloj, para pruebas y demostraciones.
    """
    fijo = os.environ.get("DTI_AHORA")
    if fijo:
        momento = dt.datetime.fromisoformat(fijo)
        if momento.tzinfo is None:
            momento = momento.replace(tzinfo=ZONA_MEXICO)
        return momento.astimezone(ZONA_MEXICO)
    return dt.datetime.now(ZONA_MEXICO)


def hoy_mexico() -> dt.date:
    """La fecha de hoy en la Ciudad de México."""
    return ahora_mexico().date()
