"""Fechas en español de México para documentos oficiales."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

__all__ = ["fecha_hora_larga", "fecha_larga", "lugar_y_fecha"]


def fecha_larga(fecha: date) -> str:
    """Devuelve la fecha en formato largo, p. ej. ``"24 de noviembre de 2026"``."""
    return format_date(fecha, format="d 'de' MMMM 'de' y", locale="es_MX")


def lugar_y_fecha(lugar: str, fecha: date) -> str:
    """Devuelve la línea de lugar y fecha de un oficio.

    Ejemplo: ``"San Martín Texmelucan, Pue., a 24 de noviembre de 2026"``.
    """
    lugar = lugar.strip()
    if not lugar:
        return fecha_larga(fecha)
    return f"{lugar}, a {fecha_larga(fecha)}"


def fecha_hora_larga(momento: datetime) -> str:
    """Fecha y hora en formato largo, p. ej. ``"1 de diciembre de 2026, 21:45"``."""
    return f"{fecha_larga(momento.date())}, {momento:%H:%M}"
