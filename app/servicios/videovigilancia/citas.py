"""La cita para reproducir un video (actividad 4): la próxima hora hábil libre.

Las citas duran una hora y empiezan al inicio de la jornada o a horas completas desde él, en días
hábiles del calendario laboral (:mod:`app.servicios.nucleo.calendario_laboral`). Nunca se empalman:
una hora ya dada a otra solicitud se salta (y la columna ``cita`` es única en la base, por si dos
PC agendan a la vez).
"""
from __future__ import annotations

import datetime as dt

from app.modelos import ahora
from app.modelos.videovigilancia import SolicitudGrabacion
from app.servicios.nucleo import calendario_laboral

DURACION = dt.timedelta(hours=1)
_DIAS_BUSCAR = 366


def ocupadas(desde: dt.datetime) -> set[dt.datetime]:
    """Las horas ya dadas a una solicitud desde ``desde``."""
    return {c for (c,) in SolicitudGrabacion.select(SolicitudGrabacion.cita)
            .where(SolicitudGrabacion.cita >= desde.replace(second=0, microsecond=0)).tuples()}


def proxima(desde: dt.datetime | None = None, excepto: set[dt.datetime] | None = None) -> dt.datetime:
    """La primera hora hábil, posterior a ``desde`` (ahora), que ninguna otra cita ocupa."""
    desde = (desde or ahora()).replace(tzinfo=None)
    calendario = calendario_laboral.calendario()
    tomadas = ocupadas(desde) | set(excepto or ())
    fecha = desde.date()
    for _ in range(_DIAS_BUSCAR):
        if calendario.es_dia_habil(fecha):
            inicio = dt.datetime.combine(fecha, calendario.horario.hora_inicio)
            cierre = dt.datetime.combine(fecha, calendario.horario.hora_fin)
            hora = inicio
            while hora + DURACION <= cierre:
                if hora > desde and hora not in tomadas:
                    return hora
                hora += DURACION
        fecha += dt.timedelta(days=1)
    raise ValueError("El calendario laboral no tiene horas hábiles libres en el próximo año.")
