"""Cada cuánto toca un respaldo: la próxima fecha debida y los días de atraso (sin base de datos).

La próxima fecha sale de la última ejecución **exitosa** (política 1: la periodicidad que propuso
el propietario de la información); sin ninguna, es la fecha de inicio del plan. «Hoy» es siempre
el de :mod:`app.tiempo` (hora de la Ciudad de México).
"""
from __future__ import annotations

import calendar
import datetime as dt

from app.modelos.respaldos import (ANUAL, CADA_N_DIAS, DIARIA, MENSUAL, PERIODICIDADES, QUINCENAL, SEMANAL,
                                   SEMESTRAL, TRIMESTRAL, UNICA)

DIAS: dict[str, int] = {DIARIA: 1, SEMANAL: 7, QUINCENAL: 15}
MESES: dict[str, int] = {MENSUAL: 1, TRIMESTRAL: 3, SEMESTRAL: 6, ANUAL: 12}
MAXIMO_DIAS = 3660


def sumar_meses(fecha: dt.date, meses: int) -> dt.date:
    """``fecha`` más ``meses`` meses; el 31 de enero más un mes es el último día de febrero."""
    total = fecha.month - 1 + meses
    anio, mes = fecha.year + total // 12, total % 12 + 1
    return dt.date(anio, mes, min(fecha.day, calendar.monthrange(anio, mes)[1]))


def siguiente(fecha: dt.date, periodicidad: str, cada_dias: int | None = None) -> dt.date | None:
    """La fecha que sigue a ``fecha`` según la periodicidad (None: «única vez», ya no hay otra)."""
    if periodicidad == UNICA:
        return None
    if periodicidad in DIAS:
        return fecha + dt.timedelta(days=DIAS[periodicidad])
    if periodicidad in MESES:
        return sumar_meses(fecha, MESES[periodicidad])
    if periodicidad == CADA_N_DIAS and cada_dias:
        return fecha + dt.timedelta(days=int(cada_dias))
    raise ValueError(f"Periodicidad desconocida: «{periodicidad}».")


def proxima_fecha(inicio: dt.date, periodicidad: str, cada_dias: int | None,
                  ultima_exitosa: dt.date | None) -> dt.date | None:
    """Cuándo toca el siguiente respaldo (None si el plan de «única vez» ya se hizo)."""
    if ultima_exitosa is None:
        return inicio
    return siguiente(ultima_exitosa, periodicidad, cada_dias)


def dias_de_atraso(proxima: dt.date | None, hoy: dt.date) -> int:
    """Días que lleva vencido (0 si vence hoy, más adelante o ya no le toca)."""
    if proxima is None or proxima >= hoy:
        return 0
    return (hoy - proxima).days


def describir(periodicidad: str, cada_dias: int | None = None) -> str:
    """«Semanal», «Cada 10 días»."""
    if periodicidad == CADA_N_DIAS:
        return f"Cada {cada_dias} días" if cada_dias else "Cada N días"
    return PERIODICIDADES.get(periodicidad, periodicidad)
