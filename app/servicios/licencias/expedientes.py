"""El trámite del procedimiento 10 que lleva cada solicitud de software (issue 14: un solo expediente).

``SolicitudSoftware.expediente`` es el caso propio del procedimiento 10; no se confunde con
``SolicitudSoftware.tramite_id``, el trámite de **adquisición** (procedimiento 1) que se abre
cuando no hay licencia. El servicio ya toma la decisión del manual y el trámite la sigue:

* ¿hay licencia? (paso 2) «Sí» → 4, se instala: el trámite concluye;
* «No» → ¿adquirir? (paso 3) «Sí» → 5, el trámite de adquisición (queda abierto mientras dura);
* «No» → 6, la alternativa de uso libre: el trámite concluye.

:func:`vincular_existentes` crea el trámite de las solicitudes anteriores al expediente único.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.modelos import SolicitudSoftware, Tramite, Usuario
from app.modelos.licencias import ADQUISICION, ALTERNATIVA_LIBRE, ASIGNADA
from app.servicios.nucleo import bitacora
from app.servicios.tramites import expediente

PROCEDIMIENTO = 10
# Decisión del módulo → (respuestas del manual, paso al que llega; None: concluye).
CAMINOS: dict[str, tuple[dict[str, str], str | None]] = {
    ASIGNADA: ({"2": "Sí"}, None),
    ADQUISICION: ({"2": "No", "3": "Sí"}, "5"),
    ALTERNATIVA_LIBRE: ({"2": "No", "3": "No"}, None),
}


def _nombre(solicitud: SolicitudSoftware) -> str:
    return solicitud.software.nombre if solicitud.software_id else solicitud.software_texto


def _datos(solicitud: SolicitudSoftware) -> dict[str, dict[str, Any]]:
    datos: dict[str, dict[str, Any]] = {"1": {"software": _nombre(solicitud)}}
    if solicitud.decision == ASIGNADA and solicitud.asignacion_id:
        asignacion = solicitud.asignacion
        licencia = asignacion.licencia
        texto = f"{licencia.software.nombre} (licencia {licencia.id})"
        datos["2"] = {"licencia_existente": texto}
        datos["4"] = {"bien": asignacion.bien if asignacion.bien_id else None, "licencia": texto}
    elif solicitud.decision == ADQUISICION:
        datos["3"] = {"justificacion_adquisicion": solicitud.justificacion
                      or f"No hay licencia de {_nombre(solicitud)}."}
    elif solicitud.decision == ALTERNATIVA_LIBRE:
        datos["6"] = {"alternativa": solicitud.alternativa}
    return datos


def abrir(actor: Usuario | None, solicitud: SolicitudSoftware, momento: dt.datetime | None = None) -> Tramite:
    """Abre el trámite de la solicitud ya decidida y lo lleva por el camino de su decisión.

    Se llama en la transacción de la solicitud, antes de registrarla en la bitácora.
    """
    respuestas, hasta = CAMINOS[solicitud.decision]
    momento = momento or solicitud.creado_en
    tramite = expediente.abrir(actor, PROCEDIMIENTO, f"Solicitud de software: {_nombre(solicitud)}",
                               dependencia=solicitud.dependencia, oficio_entrada=solicitud.oficio,
                               momento=momento, hasta="2", datos=_datos(solicitud))
    tramite = expediente.llevar(actor, tramite, hasta, respuestas=respuestas, momento=momento,
                                datos=_datos(solicitud))
    solicitud.expediente = tramite
    return tramite


def vincular_existentes(actor: Usuario | None = None) -> int:
    """Crea el trámite de cada solicitud de software que no lo tiene; devuelve cuántos creó (idempotente)."""
    from app.base_datos import transaccion

    creados = 0
    for solicitud in (SolicitudSoftware.select().where(SolicitudSoftware.expediente.is_null())
                      .order_by(SolicitudSoftware.id)):
        if solicitud.decision not in CAMINOS:
            continue
        with transaccion():
            abrir(actor, solicitud, solicitud.creado_en)
            bitacora.guardar(solicitud, "trámite del expediente vinculado", actor, only=[SolicitudSoftware.expediente])
        creados += 1
    return creados


# --- Para las vistas ---------------------------------------------------------------------------------

def por_expediente(tramite_id: int) -> SolicitudSoftware | None:
    """El registro cuyo trámite es ``tramite_id`` (None si no es de este módulo)."""
    return SolicitudSoftware.get_or_none(SolicitudSoftware.expediente == tramite_id) if tramite_id else None


# «DTI-T-0012/2026 · paso 3. …» o «… · Concluido»: el mismo texto en todos los módulos.
texto_expediente = expediente.texto_de
textos_expedientes = expediente.textos_de
