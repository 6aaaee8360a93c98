"""Recurrencia de los planes preventivos: cada N días, semanas o meses.

Cálculo puro (sin base de datos). Los meses se cuentan siempre desde la fecha de
inicio, no desde la fecha anterior: un plan que empieza el 31 de enero cae el
28 (o 29) de febrero, el 31 de marzo, el 30 de abril…, sin ir «encogiendo».
"""
from __future__ import annotations

import calendar
import datetime as dt

DIAS = "dias"
SEMANAS = "semanas"
MESES = "meses"

UNIDADES: dict[str, str] = {DIAS: "días", SEMANAS: "semanas", MESES: "meses"}
# El tope evita planes absurdos (y bucles enormes al generar fechas).
MAXIMO_CADA: dict[str, int] = {DIAS: 366, SEMANAS: 104, MESES: 60}
_LIMITE_OCURRENCIAS = 5000


def sumar_meses(fecha: dt.date, meses: int) -> dt.date:
    """``fecha`` más ``meses``; si el día no existe en el mes de llegada, el último día de ese mes."""
    total = fecha.month - 1 + meses
    anio, mes = fecha.year + total // 12, total % 12 + 1
    return dt.date(anio, mes, min(fecha.day, calendar.monthrange(anio, mes)[1]))


def ocurrencia(inicio: dt.date, cada: int, unidad: str, k: int) -> dt.date:
    """La ``k``-ésima fecha del plan (``k = 0`` es la de inicio)."""
    if unidad == DIAS:
        return inicio + dt.timedelta(days=k * cada)
    if unidad == SEMANAS:
        return inicio + dt.timedelta(weeks=k * cada)
    if unidad == MESES:
        return sumar_meses(inicio, k * cada)
    raise ValueError(f"Unidad de recurrencia desconocida: {unidad!r}")


def fechas(inicio: dt.date, cada: int, unidad: str, *, desde: dt.date | None = None,
           hasta: dt.date | None = None, cantidad: int | None = None,
           fin_plan: dt.date | None = None) -> list[dt.date]:
    """Fechas del plan a partir de ``desde`` (inclusive), hasta ``hasta`` o hasta juntar ``cantidad``.

    ``fin_plan`` es la última fecha en que el plan sigue vigente. Hace falta ``hasta`` o ``cantidad``.
    """
    if cada < 1:
        raise ValueError("La recurrencia debe ser de al menos 1.")
    if hasta is None and cantidad is None:
        raise ValueError("Indique hasta qué fecha o cuántas fechas se quieren.")
    limite = min(d for d in (hasta, fin_plan) if d is not None) if (hasta or fin_plan) else None
    resultado: list[dt.date] = []
    for k in range(_LIMITE_OCURRENCIAS):
        fecha = ocurrencia(inicio, cada, unidad, k)
        if limite is not None and fecha > limite:
            break
        if desde is not None and fecha < desde:
            continue
        resultado.append(fecha)
        if cantidad is not None and len(resultado) >= cantidad:
            break
    return resultado


def describir(cada: int, unidad: str) -> str:
    """«Cada 3 meses», «Cada semana», «Cada 15 días»."""
    singular = {DIAS: "día", SEMANAS: "semana", MESES: "mes"}[unidad]
    return f"Cada {singular}" if cada == 1 else f"Cada {cada} {UNIDADES[unidad]}"
