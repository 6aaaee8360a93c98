"""El trámite del procedimiento 19 que lleva cada solicitud de grabación (expediente único).

La solicitud abre su trámite en la misma transacción, ya con los pasos 1 (retención del
grabador), 2 (el oficio recibido y el evento) y 3 (la fecha pedida) cerrados, y lo lleva por la
decisión del manual «¿Se puede acceder al contenido que solicita?»:

* «No» → 3.1, el oficio que niega la solicitud (se emite en esa transacción) → 5;
* «Sí» → 4, la cita para reproducir el video; registrar la visualización lo lleva a 5.

En 5 espera el monitoreo del sistema: un monitoreo correcto cierra 5 y 6 y concluye el trámite;
uno con falla cierra 5 («¿requirió mantenimiento? Sí», con el mantenimiento abierto) y deja el
trámite en 6 hasta que un monitoreo verifique que el sistema funciona.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.modelos import Oficio, Tramite, Usuario
from app.modelos.videovigilancia import SolicitudGrabacion
from app.servicios.tramites import expediente

PROCEDIMIENTO = 19
PASO_MONITOREO = "5"
PASO_VERIFICACION = "6"


def _datos(solicitud: SolicitudGrabacion) -> dict[str, dict[str, Any]]:
    camara = solicitud.camara
    return {
        "1": {"dias_conservacion": solicitud.dias_retencion},
        "2": {"ubicacion_evento": f"{camara.nombre} ({camara.ubicacion})" if camara.ubicacion else camara.nombre,
              "descripcion_evento": solicitud.motivo or "Solicitud de la grabación por oficio."},
        "3": {"fecha_grabacion": solicitud.fecha_grabacion},
    }


def abrir(actor: Usuario | None, solicitud: SolicitudGrabacion, momento: dt.datetime) -> Tramite:
    """Abre el trámite de la solicitud y lo deja en la decisión (paso 3). Va antes de la bitácora."""
    asunto = f"Grabación de {solicitud.camara.nombre} del {solicitud.fecha_grabacion:%d/%m/%Y}"
    tramite = expediente.abrir(actor, PROCEDIMIENTO, asunto, dependencia=solicitud.dependencia,
                               oficio_entrada=solicitud.oficio, momento=momento, hasta="3", datos=_datos(solicitud))
    solicitud.expediente = tramite
    return tramite


def negar(actor: Usuario | None, tramite: Tramite, razon: str, momento: dt.datetime) -> Tramite:
    """«No» en la decisión: el trámite llega a 3.1 (el oficio de negativa)."""
    return expediente.llevar(actor, tramite, "3.1", respuestas={"3": "No"}, nota=razon, momento=momento)


def negativa_enviada(actor: Usuario | None, tramite: Tramite, oficio: Oficio, momento: dt.datetime) -> Tramite:
    """El oficio de negativa salió: el trámite pasa al monitoreo (5)."""
    return expediente.llevar(actor, tramite, PASO_MONITOREO, nota=f"Se emitió el oficio {oficio.folio}.",
                             momento=momento)


def citar(actor: Usuario | None, tramite: Tramite, cita: dt.datetime, lugar: str, momento: dt.datetime) -> Tramite:
    """«Sí» en la decisión: el trámite queda en 4 con la cita."""
    return expediente.llevar(actor, tramite, "4", respuestas={"3": "Sí"}, momento=momento,
                             datos={"4": {"cita": cita, "lugar_cita": lugar}})


def vista(actor: Usuario | None, tramite: Tramite, asistentes: str, momento: dt.datetime) -> Tramite:
    """La reproducción se hizo: se cierra la cita (4) y el trámite pasa al monitoreo (5)."""
    tramite = Tramite.get_by_id(tramite.id)
    if tramite.paso_actual != "4":
        return tramite
    return expediente.llevar(actor, tramite, PASO_MONITOREO, momento=momento,
                             datos={"4": {"asistentes": asistentes}})


def monitoreados(actor: Usuario | None, correcto: bool, resultado: str, mantenimiento: str,
                 momento: dt.datetime) -> int:
    """Lleva los trámites que esperan el monitoreo (5) o la verificación (6); devuelve cuántos movió."""
    movidos = 0
    pendientes = (Tramite.select().join(SolicitudGrabacion, on=(SolicitudGrabacion.expediente == Tramite.id))
                  .where((Tramite.estado == "abierto")
                         & Tramite.paso_actual.in_([PASO_MONITOREO, PASO_VERIFICACION]))
                  .order_by(Tramite.id))
    for tramite in pendientes:
        datos: dict[str, dict[str, Any]] = {}
        if tramite.paso_actual == PASO_MONITOREO:
            datos["5"] = {"resultado_monitoreo": resultado, "requirio_mantenimiento": not correcto}
            if mantenimiento:
                datos["5"]["mantenimiento_realizado"] = mantenimiento
        if correcto:
            datos["6"] = {"verificacion": resultado}
            expediente.concluir(actor, tramite, momento=momento, datos=datos)
        elif tramite.paso_actual == PASO_MONITOREO:
            expediente.llevar(actor, tramite, PASO_VERIFICACION, momento=momento, datos=datos)
        else:
            continue
        movidos += 1
    return movidos


def por_expediente(tramite_id: int) -> SolicitudGrabacion | None:
    """La solicitud cuyo trámite es ``tramite_id`` (None si no es de este módulo)."""
    return SolicitudGrabacion.get_or_none(SolicitudGrabacion.expediente == tramite_id) if tramite_id else None


texto_expediente = expediente.texto_de
textos_expedientes = expediente.textos_de
resumen_expediente = expediente.resumen_de
