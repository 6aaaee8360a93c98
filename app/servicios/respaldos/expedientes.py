"""El trámite del procedimiento 5 que lleva cada plan de respaldo y cada recuperación (expediente único).

* Un **plan** es un caso de respaldo: se abre con el oficio del titular (pasos 1 y 2), la
  decisión «¿Qué tipo de actividad es?» (paso 3) dice «Respaldo» y el trámite queda en el paso
  3.2 («Se inicia proceso de respaldo… de acuerdo con periodicidad») mientras el plan esté
  vigente: cada ejecución deja ahí su fecha y ubicación, y la bandeja lo marca vencido cuando
  pasa la próxima fecha debida. Un plan de «única vez» ya respaldado pasa al paso 4 (entrega) y
  concluye al entregarse; dar de baja un plan concluye su trámite.
* Una **recuperación** se abre igual pero «Recuperación» la lleva al 3.1; registrar lo que se
  restauró y su verificación la lleva al 4, y la entrega en dispositivo la concluye.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.modelos import Tramite, Usuario
from app.modelos.respaldos import PERIODICIDADES, PlanRespaldo, RecuperacionInformacion
from app.servicios.tramites import expediente

PROCEDIMIENTO = 5
PASO_RESPALDO = "3.2"
PASO_RECUPERACION = "3.1"
PASO_ENTREGA = "4"


def abrir_plan(actor: Usuario | None, plan: PlanRespaldo, momento: dt.datetime | None = None) -> Tramite:
    """Abre el trámite del plan y lo deja en el paso 3.2 (se llama en la transacción del plan)."""
    datos: dict[str, dict[str, Any]] = {
        "1": {"informacion": plan.informacion},
        "3": {"propietario_informacion": plan.propietario},
        PASO_RESPALDO: {"periodicidad": PERIODICIDADES[plan.periodicidad],
                        "informacion_respaldada": plan.informacion,
                        "ubicacion_respaldo": plan.ubicacion or None},
    }
    tramite = expediente.abrir(actor, PROCEDIMIENTO, f"Plan de respaldo {plan.folio}: {plan.informacion}",
                               dependencia=plan.dependencia, solicitante=plan.propietario,
                               oficio_entrada=plan.oficio, momento=momento, hasta=PASO_RESPALDO,
                               respuestas={"3": "Respaldo"}, datos=datos)
    plan.expediente = tramite
    return tramite


def al_ejecutar(actor: Usuario | None, plan: PlanRespaldo, realizado_en: dt.datetime, ubicacion: str,
                unica_terminada: bool) -> None:
    """Deja en el paso 3.2 la fecha y ubicación del respaldo; un plan de única vez pasa a la entrega."""
    if not plan.expediente_id:
        return
    tramite = Tramite.get_by_id(plan.expediente_id)
    if tramite.estado != "abierto" or tramite.paso_actual != PASO_RESPALDO:
        return
    datos = {PASO_RESPALDO: {"fecha_respaldo": realizado_en, "ubicacion_respaldo": ubicacion}}
    expediente.llevar(actor, tramite, PASO_ENTREGA if unica_terminada else PASO_RESPALDO, datos=datos,
                      nota="Respaldo de única vez realizado." if unica_terminada else "")


def al_entregar_plan(actor: Usuario | None, plan: PlanRespaldo, dispositivo: str, recibe: Any) -> None:
    """La entrega del respaldo de un plan de única vez concluye su trámite (paso 4)."""
    if not plan.expediente_id:
        return
    tramite = Tramite.get_by_id(plan.expediente_id)
    if tramite.estado == "abierto" and tramite.paso_actual == PASO_ENTREGA:
        expediente.concluir(actor, tramite, datos={PASO_ENTREGA: {"dispositivo": dispositivo, "recibe": recibe}},
                            nota=f"Entregado en {dispositivo}.")


def al_dar_de_baja(actor: Usuario | None, plan: PlanRespaldo, motivo: str) -> None:
    if plan.expediente_id:
        tramite = Tramite.get_by_id(plan.expediente_id)
        if tramite.estado == "abierto":
            expediente.concluir(actor, tramite, nota=f"Plan dado de baja: {motivo}")


def abrir_recuperacion(actor: Usuario | None, recuperacion: RecuperacionInformacion,
                       momento: dt.datetime | None = None) -> Tramite:
    """Abre el trámite de la recuperación y lo deja en el paso 3.1."""
    datos = {"1": {"informacion": recuperacion.informacion}}
    tramite = expediente.abrir(actor, PROCEDIMIENTO, f"Recuperación de información: {recuperacion.informacion}",
                               dependencia=recuperacion.dependencia, oficio_entrada=recuperacion.oficio,
                               momento=momento, hasta=PASO_RECUPERACION, respuestas={"3": "Recuperación"},
                               datos=datos)
    recuperacion.expediente = tramite
    return tramite


def al_recuperar(actor: Usuario | None, recuperacion: RecuperacionInformacion, origen: str) -> None:
    """Lo restaurado y su verificación cierran el 3.1: el trámite espera la entrega (paso 4)."""
    if recuperacion.expediente_id:
        datos = {PASO_RECUPERACION: {"respaldo_origen": origen,
                                     "resultado_recuperacion": f"{recuperacion.restaurado}\n"
                                                               f"Verificación: {recuperacion.verificacion}"}}
        expediente.llevar(actor, recuperacion.expediente, PASO_ENTREGA, datos=datos)


def al_entregar_recuperacion(actor: Usuario | None, recuperacion: RecuperacionInformacion, dispositivo: str,
                             recibe: Any) -> None:
    if recuperacion.expediente_id:
        expediente.concluir(actor, recuperacion.expediente,
                            datos={PASO_ENTREGA: {"dispositivo": dispositivo, "recibe": recibe}},
                            nota=f"Entregado en {dispositivo}.")


def por_expediente(tramite_id: int) -> PlanRespaldo | RecuperacionInformacion | None:
    """El plan o la recuperación cuyo trámite es ``tramite_id`` (None si no es de este módulo)."""
    if not tramite_id:
        return None
    return (PlanRespaldo.get_or_none(PlanRespaldo.expediente == tramite_id)
            or RecuperacionInformacion.get_or_none(RecuperacionInformacion.expediente == tramite_id))


texto_expediente = expediente.texto_de
textos_expedientes = expediente.textos_de
resumen_expediente = expediente.resumen_de
