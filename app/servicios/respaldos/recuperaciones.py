"""Solicitudes de recuperación de información (actividad 3.1 del procedimiento 5).

Se registran con el oficio del titular; al recuperar se anota qué se restauró, de qué respaldo y
cómo se verificó (sin verificación no hay recuperación, y sin recuperación no hay entrega).
"""
from __future__ import annotations

from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.errores import ErrorNoEncontrado
from app.modelos import Dependencia, Oficio, Usuario, ahora
from app.modelos.respaldos import (ENTREGADA, ESTADOS_RECUPERACION, EXITOSO, RECUPERADA, SOLICITADA,
                                   EjecucionRespaldo, PlanRespaldo, RecuperacionInformacion)
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, texto_busqueda
from app.servicios.respaldos import comunes, expedientes
from app.servicios.nucleo.concurrencia import cambia, crea

__all__ = ["solicitar", "registrar_recuperacion", "recuperaciones", "obtener", "SOLICITADA", "RECUPERADA",
           "ENTREGADA"]


def obtener(identificador: int) -> RecuperacionInformacion:
    recuperacion = RecuperacionInformacion.get_or_none(RecuperacionInformacion.id == identificador)
    if recuperacion is None:
        raise ErrorNoEncontrado(f"No existe la recuperación {identificador}.")
    return recuperacion


@crea
def solicitar(actor: Usuario | None, *, oficio: Oficio | None, informacion: str,
              dependencia: Dependencia | None = None, plan: PlanRespaldo | None = None) -> RecuperacionInformacion:
    """Registra la solicitud de recuperación y abre su trámite (queda en el paso 3.1)."""
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    permisos.exigir_area(actor, comunes.AREA)
    v = Validador()
    informacion = v.texto("informacion", "Información que se necesita recuperar", informacion, 5000,
                          requerido=True, multilinea=True)
    comunes.revisar_oficio(v, oficio, "La recuperación")
    if dependencia is None and plan is not None:
        dependencia = plan.dependencia
    if dependencia is None and oficio is not None and oficio.procedencia_id:
        dependencia = oficio.procedencia
    if dependencia is None:
        v.error("dependencia", "Falta la dependencia que pide la recuperación.")
    elif plan is not None and plan.dependencia_id != dependencia.id:
        v.error("plan", f"El plan {plan.folio} es de {plan.dependencia.nombre}, no de {dependencia.nombre}.")
    v.validar()
    with transaccion():
        momento = ahora()
        recuperacion = RecuperacionInformacion(dependencia=dependencia, oficio=oficio, plan=plan,
                                               informacion=informacion, estado=SOLICITADA, creado_por=actor,
                                               creado_en=momento, modificado_en=momento)
        recuperacion.busqueda = texto_busqueda(informacion[:300], dependencia.nombre, oficio.numero_oficio,
                                               plan.folio if plan else "")
        expedientes.abrir_recuperacion(actor, recuperacion, momento)
        bitacora.guardar(recuperacion, "solicitud de recuperación de información", actor)
    return recuperacion


@cambia("recuperacion")
def registrar_recuperacion(actor: Usuario | None, recuperacion: RecuperacionInformacion, *, restaurado: str,
                           verificacion: str, ejecucion: EjecucionRespaldo | None = None,
                           version: int | None = None) -> RecuperacionInformacion:
    """Anota lo restaurado, del respaldo ``ejecucion``, y cómo se verificó; el trámite pasa a la entrega."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, comunes.AREA)
    v = Validador()
    restaurado = v.texto("restaurado", "Qué se restauró", restaurado, 5000, requerido=True, multilinea=True)
    verificacion = v.texto("verificacion", "Verificación de lo restaurado", verificacion, 5000, requerido=True,
                           multilinea=True)
    if recuperacion.estado != SOLICITADA:
        v.error("estado", f"La recuperación ya está «{ESTADOS_RECUPERACION[recuperacion.estado].lower()}».")
    if ejecucion is None:
        v.error("ejecucion", "Elija el respaldo del que se recuperó la información.")
    else:
        if ejecucion.resultado != EXITOSO:
            v.error("ejecucion", "Solo se recupera de un respaldo exitoso.")
        if ejecucion.plan.dependencia_id != recuperacion.dependencia_id:
            v.error("ejecucion", f"El respaldo es de {ejecucion.plan.dependencia.nombre}, no de "
                                 f"{recuperacion.dependencia.nombre}.")
    v.validar()
    with transaccion():
        recuperacion.restaurado, recuperacion.verificacion = restaurado, verificacion
        recuperacion.ejecucion, recuperacion.plan = ejecucion, ejecucion.plan
        recuperacion.recuperada_en, recuperacion.recuperada_por = ahora(), actor
        recuperacion.estado = RECUPERADA
        origen = (f"Respaldo del {ejecucion.realizado_en:%d/%m/%Y %H:%M} ({ejecucion.plan.folio}), "
                  f"{ejecucion.medio}, SHA-256 {ejecucion.sha256[:12]}…")
        expedientes.al_recuperar(actor, recuperacion, origen)
        bitacora.guardar_versionado(recuperacion, "información recuperada y verificada", actor,
                                    recuperacion.version if version is None else version)
    return recuperacion


def recuperaciones(busqueda: str = "", limite: int = 2000) -> list[dict[str, Any]]:
    consulta = (RecuperacionInformacion
                .select(RecuperacionInformacion.id, RecuperacionInformacion.creado_en,
                        RecuperacionInformacion.informacion, RecuperacionInformacion.restaurado,
                        RecuperacionInformacion.verificacion, RecuperacionInformacion.estado,
                        RecuperacionInformacion.recuperada_en, RecuperacionInformacion.version,
                        RecuperacionInformacion.expediente.alias("expediente_id"),
                        RecuperacionInformacion.ejecucion.alias("ejecucion_id"),
                        Dependencia.nombre.alias("dependencia"), Oficio.numero_oficio.alias("oficio"),
                        PlanRespaldo.folio.alias("plan"))
                .join(Dependencia, on=(RecuperacionInformacion.dependencia == Dependencia.id))
                .switch(RecuperacionInformacion).join(Oficio, on=(RecuperacionInformacion.oficio == Oficio.id))
                .switch(RecuperacionInformacion)
                .join(PlanRespaldo, JOIN.LEFT_OUTER, on=(RecuperacionInformacion.plan == PlanRespaldo.id)))
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, RecuperacionInformacion, busqueda, por_palabras=False)
    filas = list(consulta.order_by(RecuperacionInformacion.id.desc()).limit(limite).dicts())
    textos = expedientes.textos_expedientes([f["expediente_id"] for f in filas])
    for fila in filas:
        fila["estado_texto"] = ESTADOS_RECUPERACION.get(fila["estado"], fila["estado"])
        fila["expediente"] = textos.get(fila["expediente_id"], "(sin trámite)")
    return filas
