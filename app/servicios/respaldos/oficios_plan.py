"""Oficio de respuesta al titular: el plan de respaldo quedó agendado con su periodicidad.

Sale de la plantilla editable ``formatos/respaldo_plan.txt`` con el servicio de oficios (folio,
firma y PDF congelado) y queda en respuesta al oficio con que se pidió el respaldo.
"""
from __future__ import annotations

from app.base_datos import transaccion
from app.modelos import Oficio, Usuario
from app.modelos.respaldos import PlanRespaldo
from app.servicios.respaldos import periodicidad
from app.servicios.nucleo.concurrencia import cambia

PLANTILLA_PLAN = "respaldo_plan"


def variables(plan: PlanRespaldo) -> dict[str, str]:
    return {
        "numero_oficio": plan.oficio.numero_oficio or "sin número",
        "informacion": plan.informacion,
        "sistema": plan.sistema or "el equipo del área",
        "periodicidad": periodicidad.describir(plan.periodicidad, plan.cada_dias).lower(),
        "propietario": plan.propietario.nombre,
        "inicio": f"{plan.inicio:%d/%m/%Y}",
        "medio": plan.medio or "el medio de respaldo de la DTI",
        "ubicacion": plan.ubicacion or "el resguardo de la DTI",
        "folio_plan": plan.folio,
    }


@cambia("plan")
def emitir_oficio_plan(actor: Usuario | None, plan: PlanRespaldo) -> Oficio:
    """Emite la respuesta al oficio del plan (también marca ese oficio como atendido)."""
    from app.servicios.oficios import oficios

    entrante = plan.oficio
    with transaccion():
        return oficios.emitir_desde_plantilla(
            actor, PLANTILLA_PLAN, variables(plan),
            destinatario_nombre=entrante.solicitante_nombre or plan.propietario.nombre,
            destinatario_cargo=entrante.solicitante_cargo or plan.propietario.cargo,
            destinatario_dependencia=plan.dependencia.nombre, en_respuesta_a=entrante,
            tramite_id=plan.expediente_id, ccp=["Departamento de Soporte Técnico. Para su seguimiento.", "Archivo."])
