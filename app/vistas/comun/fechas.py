"""Fechas entre Python y Qt, y el «hoy» de los selectores (el reloj de la aplicación, no el de la PC)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime

from app.tiempo import hoy_mexico


def qfecha(fecha: dt.date) -> QDate:
    """La fecha de Python como ``QDate``."""
    return QDate(fecha.year, fecha.month, fecha.day)


def qfecha_hoy() -> QDate:
    """Hoy en la Ciudad de México como ``QDate``."""
    return qfecha(hoy_mexico())


def fecha_de(valor: QDate) -> dt.date:
    """El ``QDate`` como fecha de Python."""
    return dt.date(valor.year(), valor.month(), valor.day())


def qfecha_hora(momento: dt.datetime) -> QDateTime:
    """Fecha y hora (a minutos) como ``QDateTime``."""
    return QDateTime(qfecha(momento.date()), QTime(momento.hour, momento.minute))


def fecha_hora_de(valor: QDateTime) -> dt.datetime:
    """El ``QDateTime`` como fecha y hora de Python (a minutos)."""
    return dt.datetime.combine(fecha_de(valor.date()), dt.time(valor.time().hour(), valor.time().minute()))


def fecha_hora_legible(momento: dt.datetime) -> str:
    """Fecha y hora en español para leer, p. ej. «domingo, 6 de diciembre de 2026, 15:33:49»."""
    from babel.dates import format_datetime

    return format_datetime(momento, "EEEE, d 'de' MMMM 'de' y, HH:mm:ss", locale="es_MX")
