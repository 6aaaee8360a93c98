"""Entrega de información en dispositivo de almacenamiento masivo (actividad 4), con el acuse de quien recibe.

Política de la DTI: no se entrega información sin anotar quién de la dependencia la recibió y
cuándo firmó el acuse; una recuperación solo se entrega ya restaurada y verificada, y un respaldo
solo si fue exitoso. El oficio de entrega sale de la plantilla ``formatos/respaldo_entrega.txt``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.errores import ErrorDTI, ErrorValidacion
from app.modelos import Dependencia, Oficio, ServidorPublico, Usuario, ahora
from app.modelos.respaldos import (ENTREGADA, EXITOSO, RECUPERADA, UNICA, EjecucionRespaldo, EntregaRespaldo,
                                   PlanRespaldo, RecuperacionInformacion)
from app.servicios.nucleo import archivos, bitacora, permisos
from app.servicios.nucleo.validacion import Validador
from app.servicios.respaldos import comunes, expedientes
from app.servicios.respaldos.planes import describir_tamano
from app.servicios.nucleo.concurrencia import cambia, crea

TIPOS_ACUSE = ("pdf", "jpg", "png")
MAXIMO_ACUSE = 10 * 1024 * 1024
PLANTILLA_ENTREGA = "respaldo_entrega"


@crea
def registrar_entrega(actor: Usuario | None, *, dispositivo: str, recibe: ServidorPublico | None,
                      acuse_en: dt.datetime | None, ejecucion: EjecucionRespaldo | None = None,
                      recuperacion: RecuperacionInformacion | None = None, acuse_archivo: str | Path | None = None,
                      notas: str = "") -> EntregaRespaldo:
    """Registra la entrega en el dispositivo con el acuse de quien la recibió."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, comunes.AREA)
    v = Validador()
    dispositivo = v.texto("dispositivo", "Dispositivo de almacenamiento masivo", dispositivo, 300, requerido=True)
    notas = v.texto("notas", "Notas", notas, 5000, multilinea=True)
    if (ejecucion is None) == (recuperacion is None):
        v.error("origen", "Indique qué se entrega: un respaldo o una recuperación (uno de los dos).")
    dependencia = (recuperacion.dependencia if recuperacion is not None
                   else ejecucion.plan.dependencia if ejecucion is not None else None)
    if recuperacion is not None and recuperacion.estado != RECUPERADA:
        v.error("recuperacion", "Solo se entrega una recuperación ya restaurada y verificada"
                + (" (ya se entregó)." if recuperacion.estado == ENTREGADA else "."))
    if ejecucion is not None and ejecucion.resultado != EXITOSO:
        v.error("ejecucion", "Solo se entrega un respaldo exitoso.")
    comunes.revisar_servidor(v, "recibe", "Recibe la información", recibe, dependencia)
    momento = ahora()
    if acuse_en is None:
        v.error("acuse_en", "Falta el acuse: la fecha y hora en que quien recibe firmó de recibido.")
    elif acuse_en.replace(tzinfo=None) > momento + dt.timedelta(minutes=5):
        v.error("acuse_en", f"El acuse ({acuse_en:%d/%m/%Y %H:%M}) no puede ser posterior a ahora.")
    nombre_acuse, contenido_acuse = "", None
    if acuse_archivo:
        try:
            leido = archivos.leer_y_validar(acuse_archivo, TIPOS_ACUSE, "Acuse de entrega", "acuse_archivo",
                                            tope=MAXIMO_ACUSE)
            nombre_acuse, contenido_acuse = leido.nombre, leido.contenido
        except ErrorDTI as exc:
            v.error("acuse_archivo", exc.mensaje)
    v.validar()
    with transaccion():
        entrega = EntregaRespaldo(ejecucion=ejecucion, recuperacion=recuperacion, dispositivo=dispositivo,
                                  recibe=recibe, acuse_en=acuse_en.replace(tzinfo=None, microsecond=0),
                                  acuse_nombre=nombre_acuse, acuse_archivo=contenido_acuse, entregado_en=momento,
                                  entregado_por=actor, notas=notas, creado_en=momento, modificado_en=momento)
        bitacora.guardar(entrega, "entrega en dispositivo de almacenamiento", actor)
        if recuperacion is not None:
            recuperacion.estado = ENTREGADA
            bitacora.guardar_versionado(recuperacion, "recuperación entregada", actor, recuperacion.version)
            expedientes.al_entregar_recuperacion(actor, recuperacion, dispositivo, recibe)
        elif ejecucion.plan.periodicidad == UNICA:
            expedientes.al_entregar_plan(actor, ejecucion.plan, dispositivo, recibe)
    return entrega


def _variables(entrega: EntregaRespaldo) -> dict[str, str]:
    if entrega.recuperacion_id:
        r = entrega.recuperacion
        que = f"la información recuperada ({r.restaurado})"
        origen = r.ejecucion if r.ejecucion_id else None
        oficio = r.oficio
    else:
        origen = entrega.ejecucion
        que = f"el respaldo de {origen.plan.informacion} del plan {origen.plan.folio}"
        oficio = origen.plan.oficio
    return {
        "que_se_entrega": que,
        "numero_oficio": oficio.numero_oficio or "sin número",
        "dispositivo": entrega.dispositivo,
        "fecha_respaldo": f"{origen.realizado_en:%d/%m/%Y %H:%M}" if origen else "sin fecha",
        "tamano": describir_tamano(origen.tamano_bytes) if origen else "sin dato",
        "sha256": origen.sha256 if origen and origen.sha256 else "sin dato",
        "recibe": entrega.recibe.nombre,
        "cargo_recibe": entrega.recibe.cargo or "servidor público",
        "fecha_acuse": f"{entrega.acuse_en:%d/%m/%Y a las %H:%M}",
    }


@cambia("entrega")
def emitir_oficio_entrega(actor: Usuario | None, entrega: EntregaRespaldo) -> Oficio:
    """El oficio que acompaña la entrega (plantilla editable ``formatos/respaldo_entrega.txt``)."""
    from app.servicios.oficios import oficios

    if entrega.oficio_id:
        raise ErrorValidacion([("oficio", f"La entrega ya tiene su oficio {entrega.oficio.folio}.")])
    origen = entrega.recuperacion if entrega.recuperacion_id else entrega.ejecucion.plan
    entrante = origen.oficio
    dependencia = origen.dependencia
    with transaccion():
        oficio = oficios.emitir_desde_plantilla(
            actor, PLANTILLA_ENTREGA, _variables(entrega),
            destinatario_nombre=entrante.solicitante_nombre or f"Titular de {dependencia.nombre}",
            destinatario_cargo=entrante.solicitante_cargo, destinatario_dependencia=dependencia.nombre,
            tramite_id=origen.expediente_id,
            ccp=[f"{entrega.recibe.nombre}, {entrega.recibe.cargo}. Quien recibe el dispositivo.", "Archivo."])
        entrega.oficio = oficio
        bitacora.guardar_versionado(entrega, "oficio de entrega emitido", actor, entrega.version)
    return oficio


def entregas(busqueda: str = "", limite: int = 2000) -> list[dict[str, Any]]:
    """Las entregas en dispositivo, de la más reciente a la más antigua."""
    from app.servicios.nucleo.validacion import normalizar

    consulta = (EntregaRespaldo
                .select(EntregaRespaldo.id, EntregaRespaldo.entregado_en, EntregaRespaldo.dispositivo,
                        EntregaRespaldo.acuse_en, EntregaRespaldo.acuse_nombre, EntregaRespaldo.notas,
                        EntregaRespaldo.ejecucion.alias("ejecucion_id"),
                        EntregaRespaldo.recuperacion.alias("recuperacion_id"),
                        ServidorPublico.nombre.alias("recibe"), Oficio.folio.alias("oficio"),
                        PlanRespaldo.folio.alias("plan"), Dependencia.nombre.alias("dependencia"),
                        RecuperacionInformacion.informacion.alias("recuperacion"))
                .join(ServidorPublico, on=(EntregaRespaldo.recibe == ServidorPublico.id))
                .switch(EntregaRespaldo).join(Oficio, JOIN.LEFT_OUTER, on=(EntregaRespaldo.oficio == Oficio.id))
                .switch(EntregaRespaldo)
                .join(EjecucionRespaldo, JOIN.LEFT_OUTER, on=(EntregaRespaldo.ejecucion == EjecucionRespaldo.id))
                .join(PlanRespaldo, JOIN.LEFT_OUTER, on=(EjecucionRespaldo.plan == PlanRespaldo.id))
                .switch(EntregaRespaldo)
                .join(RecuperacionInformacion, JOIN.LEFT_OUTER,
                      on=(EntregaRespaldo.recuperacion == RecuperacionInformacion.id))
                .join(Dependencia, JOIN.LEFT_OUTER, on=(ServidorPublico.dependencia == Dependencia.id),
                      src=ServidorPublico))
    filas = list(consulta.order_by(EntregaRespaldo.id.desc()).limit(limite).dicts())
    for fila in filas:
        fila["que"] = (f"Recuperación: {fila['recuperacion'][:80]}" if fila["recuperacion_id"]
                       else f"Respaldo del plan {fila['plan']}")
    if busqueda:
        buscado = normalizar(busqueda)
        filas = [f for f in filas if buscado in normalizar(" ".join(
            str(f[c] or "") for c in ("dispositivo", "recibe", "oficio", "dependencia", "que")))]
    return filas
