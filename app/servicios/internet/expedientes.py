"""El trámite del procedimiento 20 que lleva cada solicitud de desbloqueo (expediente único).

* registrar la solicitud (con su oficio) abre el trámite en el paso 3 y lo deja en la decisión (4);
* ¿infringe la política? «Sí» → 5, el oficio que explica el motivo, y el trámite concluye;
* «No» → 4.1, se libera en el firewall, se informa por oficio y el trámite concluye.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.modelos import Tramite, Usuario
from app.modelos.internet import SolicitudDesbloqueo
from app.servicios.tramites import expediente

PROCEDIMIENTO = 20
PASO_DECISION = "4"
PASO_NEGADA = "5"
PASO_LIBERADA = "4.1"


def abrir(actor: Usuario | None, solicitud: SolicitudDesbloqueo, momento: dt.datetime | None = None) -> Tramite:
    """Abre el trámite de la solicitud recién registrada y lo lleva a la decisión (paso 4).

    Se llama en la transacción de la solicitud, antes de registrarla en la bitácora.
    """
    datos = {"3": {"sitio_web": f"https://{solicitud.sitio}", "motivo_solicitud": solicitud.motivo}}
    tramite = expediente.abrir(actor, PROCEDIMIENTO, f"Desbloqueo del sitio {solicitud.sitio}",
                               dependencia=solicitud.dependencia, oficio_entrada=solicitud.oficio,
                               momento=momento or solicitud.creado_en, hasta=PASO_DECISION, datos=datos)
    solicitud.expediente = tramite
    return tramite


def llevar_a_respuesta(actor: Usuario | None, solicitud: SolicitudDesbloqueo,
                       datos: dict[str, dict[str, Any]]) -> Tramite:
    """Responde la decisión (paso 4) y lleva el trámite al paso del oficio de respuesta (5 o 4.1)."""
    infringe = bool(solicitud.infringe)
    destino = PASO_NEGADA if infringe else PASO_LIBERADA
    return expediente.llevar(actor, solicitud.expediente, destino,
                             respuestas={PASO_DECISION: "Sí" if infringe else "No"}, datos=datos)


def concluir(actor: Usuario | None, solicitud: SolicitudDesbloqueo, nota: str) -> Tramite:
    """Cierra el paso del oficio de respuesta: el trámite termina."""
    return expediente.concluir(actor, solicitud.expediente, nota=nota)


def por_expediente(tramite_id: int) -> SolicitudDesbloqueo | None:
    """La solicitud cuyo trámite es ``tramite_id`` (None si no es de este módulo)."""
    if not tramite_id:
        return None
    return SolicitudDesbloqueo.get_or_none(SolicitudDesbloqueo.expediente == tramite_id)


texto_expediente = expediente.texto_de
textos_expedientes = expediente.textos_de
resumen_expediente = expediente.resumen_de
