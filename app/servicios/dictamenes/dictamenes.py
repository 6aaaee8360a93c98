"""Dictámenes técnicos de equipos TIC (procedimiento 4 del manual).

El ciclo es el del manual: llega el **oficio de solicitud** (política 2) → se **acuerda por
teléfono** la fecha y hora de recepción (pasos 3 y 4) → se **recibe el equipo** en la DTI (paso 5;
el bien queda «En dictamen») → se hacen las **pruebas** y se evalúan los **criterios** de la
política 4 (fecha de fabricación, marca, modelo, hardware y software; se prellenan desde el bien y
se pueden corregir) → se **emite** el dictamen con folio propio, firmado solo por el titular de la
DTI (política 1), con resultado operativo, reparable (con la posible solución) o no apto para
operar. Un dictamen «no apto» autoriza **una** baja del inventario
(:func:`validar_dictamen_para_baja` y :func:`marcar_usado_en_baja`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from peewee import JOIN

from app.base_datos import serializar, transaccion
from app.modelos import Bien, Dependencia, Oficio, Usuario, ahora, inventario as inv
from app.modelos.dictamenes import (CANCELADO, EMITIDO, EN_REVISION, ESTADOS_DICTAMEN, NO_APTO, OPERATIVO,
                                    PROGRAMADO, REPARABLE, RESULTADOS, SOLICITADO, Dictamen)
from app.servicios.nucleo import bitacora, folios, permisos
from app.servicios.catalogos import catalogos
from app.servicios.dictamenes import expedientes
from app.servicios.oficios import oficios
from app.errores import ErrorDTI, ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia

__all__ = ["ESTADOS_DICTAMEN", "RESULTADOS", "SOLICITADO", "PROGRAMADO", "EN_REVISION", "EMITIDO",
           "CANCELADO", "OPERATIVO", "REPARABLE", "NO_APTO", "SERIE_DICTAMENES", "FORMATO_FOLIO",
           "registrar_solicitud", "programar_recepcion", "recibir_equipo", "capturar_evaluacion",
           "emitir_dictamen", "cancelar_dictamen", "pdf_de_dictamen", "validar_dictamen_para_baja",
           "marcar_usado_en_baja", "historial_de_bien", "consultar", "obtener", "por_folio",
           "bien_por_numero", "buscar_bienes", "criterios_del_bien", "en_curso"]

SERIE_DICTAMENES = "dictamen"
FORMATO_FOLIO = "DTI/DT/{numero:04d}/{anio}"
AREA = permisos.AREA_SOPORTE
EN_CURSO = (SOLICITADO, PROGRAMADO, EN_REVISION)
# Un bien que ya no existe para el inventario no se dictamina.
_ESTADOS_BIEN_NO_DICTAMINABLES = (inv.DADO_DE_BAJA,)


# --- Consultas -----------------------------------------------------------------------------------

def obtener(identificador: int) -> Dictamen:
    dictamen = Dictamen.get_or_none(Dictamen.id == identificador)
    if dictamen is None:
        raise ErrorNoEncontrado(f"No existe el dictamen {identificador}.")
    return dictamen


def por_folio(folio: str) -> Dictamen:
    dictamen = Dictamen.get_or_none(Dictamen.folio == limpiar_texto(folio))
    if dictamen is None:
        raise ErrorNoEncontrado(f"No existe el dictamen con folio «{folio}».")
    return dictamen


def bien_por_numero(numero_inventario: str) -> Bien:
    """El bien con ese número de inventario (sin importar mayúsculas ni espacios sobrantes)."""
    numero = limpiar_texto(numero_inventario)
    bien = (Bien.get_or_none(Bien.numero_inventario == numero)
            or Bien.get_or_none(Bien.numero_inventario == numero.upper()))
    if bien is None:
        raise ErrorNoEncontrado(f"No existe un bien con número de inventario «{numero}».")
    return bien


def buscar_bienes(busqueda: str = "", limite: int = 50) -> list[dict[str, Any]]:
    """Bienes para elegir en el diálogo (número, descripción, marca, modelo, estado)."""
    consulta = (Bien.select(Bien.id, Bien.numero_inventario, Bien.descripcion, Bien.marca, Bien.modelo,
                            Bien.serie, Bien.estado)
                .where(Bien.estado != inv.DADO_DE_BAJA))
    if busqueda:
        consulta = consulta.where(Bien.busqueda.contains(normalizar(busqueda))
                                  | Bien.numero_inventario.contains(limpiar_texto(busqueda).upper()))
    return list(consulta.order_by(Bien.numero_inventario).limit(limite).dicts())


def criterios_del_bien(bien: Bien) -> dict[str, Any]:
    """Los criterios de la política 4 tal como los registra el inventario."""
    return {"fecha_fabricacion": bien.fecha_fabricacion, "marca": bien.marca, "modelo": bien.modelo,
            "caracteristicas_hardware": bien.caracteristicas_hardware,
            "caracteristicas_software": bien.caracteristicas_software}


def en_curso(bien: Bien | int) -> Dictamen | None:
    """El dictamen sin terminar de un bien, si lo hay."""
    bien_id = bien if isinstance(bien, int) else bien.id
    return (Dictamen.select().where((Dictamen.bien == bien_id) & Dictamen.estado.in_(EN_CURSO))
            .order_by(Dictamen.id.desc()).first())


def consultar(busqueda: str = "", estado: str | None = None, resultado: str | None = None,
              anio: int | None = None, bien_id: int | None = None, limite: int = 500) -> list[dict[str, Any]]:
    """Lista para tablas (una consulta, sin instancias de modelo); lo más reciente primero."""
    consulta = (Dictamen.select(Dictamen.id, Dictamen.estado, Dictamen.folio, Dictamen.fecha_emision,
                                Dictamen.creado_en, Dictamen.recepcion_acordada, Dictamen.recibido_en,
                                Dictamen.resultado, Dictamen.marca, Dictamen.modelo, Dictamen.movimiento_baja_id,
                                Bien.id.alias("bien_id"), Bien.numero_inventario, Bien.descripcion,
                                Dependencia.nombre.alias("dependencia"), Oficio.numero_oficio)
                .join(Bien, on=(Dictamen.bien == Bien.id))
                .switch(Dictamen).join(Dependencia, JOIN.LEFT_OUTER, on=(Dictamen.dependencia == Dependencia.id))
                .switch(Dictamen).join(Oficio, JOIN.LEFT_OUTER, on=(Dictamen.oficio_solicitud == Oficio.id)))
    if estado:
        consulta = consulta.where(Dictamen.estado == estado)
    if resultado:
        consulta = consulta.where(Dictamen.resultado == resultado)
    if anio:
        consulta = consulta.where(Dictamen.creado_en.year == anio)
    if bien_id:
        consulta = consulta.where(Dictamen.bien == bien_id)
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Dictamen, busqueda, por_palabras=False)
    return list(consulta.order_by(Dictamen.id.desc()).limit(limite).dicts())


def _busqueda(dictamen: Dictamen) -> str:
    bien = dictamen.bien
    dependencia = dictamen.dependencia.nombre if dictamen.dependencia_id else ""
    oficio = dictamen.oficio_solicitud.numero_oficio if dictamen.oficio_solicitud_id else ""
    return texto_busqueda(dictamen.folio, bien.numero_inventario, bien.descripcion, dictamen.marca,
                          dictamen.modelo, bien.serie, dependencia, oficio,
                          RESULTADOS.get(dictamen.resultado, ""))


# --- Ciclo del procedimiento ----------------------------------------------------------------------

def _exigir(actor: Usuario | None, permiso: str) -> None:
    permisos.exigir(actor, permiso)
    permisos.exigir_area(actor, AREA)


def _exigir_estado(dictamen: Dictamen, estados: tuple[str, ...], accion: str) -> None:
    if dictamen.estado not in estados:
        permitidos = ", ".join(f"«{ESTADOS_DICTAMEN[e]}»" for e in estados)
        raise ErrorTransicion(f"No se puede {accion}: el dictamen está «{ESTADOS_DICTAMEN[dictamen.estado]}» "
                              f"(debe estar {permitidos}).")


def _fecha_hora(v: Validador, campo: str, etiqueta: str, valor: Any) -> dt.datetime | None:
    if valor is None:
        return None
    if not isinstance(valor, dt.datetime):
        v.error(campo, f"«{etiqueta}» debe llevar fecha y hora.")
        return None
    return valor.replace(tzinfo=None, second=0, microsecond=0)


def registrar_solicitud(actor: Usuario | None, *, bien: Bien, oficio: Oficio | None = None,
                        oficio_nuevo: dict[str, Any] | None = None, motivo: str = "",
                        dependencia: Dependencia | None = None,
                        recepcion_acordada: dt.datetime | None = None,
                        acuerdo_telefonico: str = "") -> Dictamen:
    """Registra la solicitud de dictamen de ``bien`` (paso 2).

    La solicitud llega por oficio (política 2): ``oficio`` es un oficio recibido ya registrado, u
    ``oficio_nuevo`` los datos para registrarlo aquí mismo (mismos argumentos que
    :func:`app.servicios.oficios.oficios.registrar_oficio_entrante`), en la misma transacción.
    Los criterios de la política 4 se prellenan desde el bien. Si ya se acordó la recepción por
    teléfono, queda «programado».
    """
    _exigir(actor, permisos.REGISTRAR_OFICIO)
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la solicitud", motivo, 5000, multilinea=True)
    acuerdo_telefonico = v.texto("acuerdo_telefonico", "Acuerdo telefónico", acuerdo_telefonico, 1000,
                                 multilinea=True)
    recepcion_acordada = _fecha_hora(v, "recepcion_acordada", "Fecha y hora de recepción", recepcion_acordada)
    if bien is None:
        v.error("bien", "Indique el bien (número de inventario) que se va a dictaminar.")
    elif bien.estado in _ESTADOS_BIEN_NO_DICTAMINABLES:
        v.error("bien", f"El bien {bien.numero_inventario} ya está dado de baja.")
    if oficio is None and oficio_nuevo is None:
        v.error("oficio", "La solicitud de dictamen llega por oficio: elija el oficio recibido o regístrelo.")
    elif oficio is not None and (oficio.tipo != oficios.ENTRANTE or oficio.estado == oficios.CANCELADO):
        v.error("oficio", "El oficio de solicitud debe ser un oficio recibido vigente.")
    v.validar()
    with transaccion():
        # Dentro de la transacción y con el candado de este bien: dos PC no abren dos dictámenes del
        # mismo bien (las de bienes distintos no se esperan).
        serializar("dictamen en curso", bien.id)
        if en_curso(bien) is not None:
            raise ErrorValidacion([("bien", f"El bien {bien.numero_inventario} ya tiene un dictamen en curso.")])
        if oficio is None:
            oficio = oficios.registrar_oficio_entrante(actor, **oficio_nuevo)
        if dependencia is None:
            dependencia = oficio.procedencia if oficio.procedencia_id else bien.dependencia
        momento = ahora()
        dictamen = Dictamen(
            bien=bien, oficio_solicitud=oficio, dependencia=dependencia,
            motivo_solicitud=motivo or oficio.descripcion,
            estado=PROGRAMADO if recepcion_acordada else SOLICITADO,
            recepcion_acordada=recepcion_acordada, acuerdo_telefonico=acuerdo_telefonico,
            creado_por=actor, creado_en=momento, modificado_en=momento, **criterios_del_bien(bien))
        dictamen.busqueda = _busqueda(dictamen)
        # Su trámite del procedimiento 4 se abre aquí mismo (expediente único), antes de la bitácora.
        expedientes.abrir(actor, dictamen, momento)
        dictamen.save()
        bitacora.registrar(dictamen, "solicitud de dictamen técnico", actor)
    return dictamen


@cambia("dictamen")
def programar_recepcion(actor: Usuario | None, dictamen: Dictamen, version: int | None, *,
                        recepcion_acordada: dt.datetime, acuerdo_telefonico: str = "") -> Dictamen:
    """Anota la fecha y hora de recepción acordadas por teléfono (pasos 3 y 4); se puede reprogramar."""
    _exigir(actor, permisos.REGISTRAR_OFICIO)
    _exigir_estado(dictamen, (SOLICITADO, PROGRAMADO), "programar la recepción")
    v = Validador()
    fecha = _fecha_hora(v, "recepcion_acordada", "Fecha y hora de recepción", recepcion_acordada)
    if fecha is None and not v.errores:
        v.error("recepcion_acordada", "Falta «Fecha y hora de recepción».")
    acuerdo = v.texto("acuerdo_telefonico", "Acuerdo telefónico", acuerdo_telefonico, 1000, multilinea=True)
    v.validar()
    dictamen.recepcion_acordada, dictamen.acuerdo_telefonico = fecha, acuerdo
    dictamen.estado = PROGRAMADO
    with transaccion():
        bitacora.guardar_versionado(dictamen, "recepción de equipo programada", actor, version)
        expedientes.llevar(actor, dictamen)
    return dictamen


@cambia("dictamen")
def recibir_equipo(actor: Usuario | None, dictamen: Dictamen, version: int | None,
                   entregado_por: str = "") -> Dictamen:
    """Recibe el equipo en la DTI (paso 5): el bien pasa a «En dictamen» mientras dura."""
    _exigir(actor, permisos.REGISTRAR_OFICIO)
    _exigir_estado(dictamen, (SOLICITADO, PROGRAMADO), "recibir el equipo")
    v = Validador()
    entregado_por = v.texto("entregado_por", "Entregó el equipo", entregado_por, 200)
    v.validar()
    with transaccion():
        bien = Bien.get_by_id(dictamen.bien_id)
        if bien.estado in _ESTADOS_BIEN_NO_DICTAMINABLES:
            raise ErrorDTI(f"El bien {bien.numero_inventario} ya está dado de baja; no se puede recibir.")
        momento = ahora()
        dictamen.estado_previo_bien = bien.estado
        dictamen.recibido_en, dictamen.recibido_por, dictamen.entregado_por = momento, actor, entregado_por
        dictamen.estado = EN_REVISION
        bitacora.guardar_versionado(dictamen, "equipo recibido para dictamen", actor, version)
        bien.estado = inv.EN_DICTAMEN
        bitacora.guardar_versionado(bien, "bien en dictamen técnico", actor, bien.version)
        expedientes.llevar(actor, dictamen, momento)
    return dictamen


@cambia("dictamen")
def capturar_evaluacion(actor: Usuario | None, dictamen: Dictamen, version: int | None, *,
                        pruebas: str, resultado: str = "", posible_solucion: str = "", conclusion: str = "",
                        fecha_fabricacion: dt.date | None = None, marca: str = "", modelo: str = "",
                        caracteristicas_hardware: str = "", caracteristicas_software: str = "") -> Dictamen:
    """Guarda las pruebas (paso 6), los criterios (editables) y el resultado; se puede corregir hasta emitir."""
    _exigir(actor, permisos.REGISTRAR_OFICIO)
    _exigir_estado(dictamen, (EN_REVISION,), "capturar la evaluación (primero reciba el equipo)")
    v = Validador()
    pruebas = v.texto("pruebas", "Pruebas realizadas", pruebas, 10000, multilinea=True)
    posible_solucion = v.texto("posible_solucion", "Posible solución", posible_solucion, 5000, multilinea=True)
    conclusion = v.texto("conclusion", "Observaciones", conclusion, 5000, multilinea=True)
    marca = v.texto("marca", "Marca", marca, 100)
    modelo = v.texto("modelo", "Modelo", modelo, 100)
    hardware = v.texto("caracteristicas_hardware", "Características de hardware", caracteristicas_hardware,
                       5000, multilinea=True)
    software = v.texto("caracteristicas_software", "Características de software", caracteristicas_software,
                       5000, multilinea=True)
    fecha_fabricacion = v.fecha_no_futura("fecha_fabricacion", "Fecha de fabricación", fecha_fabricacion,
                                          hoy_mexico())
    resultado = limpiar_texto(resultado)
    if resultado and resultado not in RESULTADOS:
        v.error("resultado", f"Resultado desconocido «{resultado[:30]}»: operativo, reparable o no apto.")
    if resultado == REPARABLE and not posible_solucion:
        v.error("posible_solucion", "Un equipo reparable lleva la posible solución (paso 7 del manual).")
    v.validar()
    dictamen.pruebas, dictamen.resultado = pruebas, resultado
    dictamen.posible_solucion, dictamen.conclusion = posible_solucion, conclusion
    dictamen.fecha_fabricacion, dictamen.marca, dictamen.modelo = fecha_fabricacion, marca, modelo
    dictamen.caracteristicas_hardware, dictamen.caracteristicas_software = hardware, software
    dictamen.busqueda = _busqueda(dictamen)
    with transaccion():
        bitacora.guardar_versionado(dictamen, "evaluación de dictamen capturada", actor, version)
        expedientes.llevar(actor, dictamen)
    return dictamen


def _estado_bien_al_emitir(dictamen: Dictamen) -> str:
    if dictamen.resultado == REPARABLE:
        return inv.EN_REPARACION
    previo = dictamen.estado_previo_bien
    return previo if previo and previo != inv.EN_DICTAMEN else inv.EN_USO


@cambia("dictamen")
def emitir_dictamen(actor: Usuario | None, dictamen: Dictamen, version: int | None) -> Dictamen:
    """Emite el dictamen (paso 7): folio consecutivo propio, PDF firmado por el titular y congelado.

    El bien sale de «En dictamen»: reparable → «En reparación»; operativo o no apto → el estado que
    tenía (la baja del no apto la abre el inventario con :func:`validar_dictamen_para_baja`).
    Todo en una transacción: si algo falla no se consume el folio.
    """
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    permisos.exigir_area(actor, AREA)
    _exigir_estado(dictamen, (EN_REVISION,), "emitir el dictamen")
    faltan: list[tuple[str, str]] = []
    if not dictamen.pruebas.strip():
        faltan.append(("pruebas", "Faltan las pruebas realizadas (paso 6)."))
    if dictamen.resultado not in RESULTADOS:
        faltan.append(("resultado", "Falta el resultado: operativo, reparable o no apto para operar."))
    if dictamen.resultado == REPARABLE and not dictamen.posible_solucion.strip():
        faltan.append(("posible_solucion", "Un equipo reparable lleva la posible solución."))
    if faltan:
        raise ErrorValidacion(faltan)
    # Política 1: solo el titular de la DTI firma el dictamen.
    firma = oficios.firmante_titular()
    with transaccion():
        momento = ahora()
        numero = folios.siguiente_consecutivo(SERIE_DICTAMENES, momento.year)
        dictamen.anio, dictamen.consecutivo = momento.year, numero
        dictamen.folio = FORMATO_FOLIO.format(numero=numero, anio=momento.year)
        dictamen.fecha_emision, dictamen.emitido_por = momento.date(), actor
        dictamen.firmante_nombre, dictamen.firmante_cargo = firma.nombre, firma.cargo
        dictamen.estado = EMITIDO
        dictamen.pdf = _generar_pdf(dictamen)
        dictamen.sha256 = hashlib.sha256(dictamen.pdf).hexdigest()
        dictamen.busqueda = _busqueda(dictamen)
        bitacora.guardar_versionado(dictamen, "emisión de dictamen técnico", actor, version)
        bien = Bien.get_by_id(dictamen.bien_id)
        if bien.estado == inv.EN_DICTAMEN:
            bien.estado = _estado_bien_al_emitir(dictamen)
            bitacora.guardar_versionado(bien, f"dictamen {dictamen.folio}: {RESULTADOS[dictamen.resultado]}",
                                        actor, bien.version)
        # Emitir cierra el paso 7: el trámite concluye.
        expedientes.llevar(actor, dictamen, momento)
    return dictamen


def para_baja(bien_id: int) -> list[Dictamen]:
    """Dictámenes emitidos «no apto para operar» de ``bien_id`` que aún no sustentan una baja."""
    return list(Dictamen.select().where((Dictamen.bien == bien_id) & (Dictamen.estado == EMITIDO)
                                        & (Dictamen.resultado == NO_APTO)
                                        & Dictamen.movimiento_baja_id.is_null()).order_by(Dictamen.id))


def liberar_de_baja(dictamen_id: int, movimiento_id: int, actor: Usuario | None = None) -> None:
    """Armonización Contable rechazó la baja: el dictamen vuelve a servir para otra solicitud."""
    dictamen = Dictamen.get_or_none(Dictamen.id == dictamen_id)
    if dictamen is None or dictamen.movimiento_baja_id != movimiento_id:
        return
    dictamen.movimiento_baja_id, dictamen.usado_en_baja_en = None, None
    bitacora.guardar_versionado(dictamen, "baja rechazada: el dictamen queda disponible", actor, dictamen.version)


def cancelar_dictamen(actor: Usuario | None, dictamen: Dictamen, motivo: str) -> Dictamen:
    """Cancela (baja lógica con motivo, quién y cuándo). Un emitido conserva su folio; el usado en una baja no."""
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    permisos.exigir_area(actor, AREA)
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la cancelación", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    if dictamen.estado == CANCELADO:
        raise ErrorTransicion("El dictamen ya está cancelado.")
    if dictamen.movimiento_baja_id is not None:
        raise ErrorTransicion(f"El dictamen {dictamen.folio} ya sustenta la baja del bien "
                              f"(movimiento {dictamen.movimiento_baja_id}); no se puede cancelar.")
    with transaccion():
        estado_anterior = dictamen.estado
        dictamen.estado = CANCELADO
        dictamen.motivo_cancelacion, dictamen.cancelado_en, dictamen.cancelado_por = motivo, ahora(), actor
        bitacora.guardar_versionado(dictamen, "cancelación de dictamen técnico", actor, dictamen.version)
        bien = Bien.get_by_id(dictamen.bien_id)
        if estado_anterior == EN_REVISION and bien.estado == inv.EN_DICTAMEN:
            bien.estado = dictamen.estado_previo_bien or inv.EN_USO
            bitacora.guardar_versionado(bien, "dictamen cancelado: el bien vuelve a su estado", actor, bien.version)
        expedientes.llevar(actor, dictamen, dictamen.cancelado_en)
    return dictamen


# --- PDF -----------------------------------------------------------------------------------------

def _generar_pdf(dictamen: Dictamen, cancelado: bool = False) -> bytes:
    from app.documentos.dictamen_pdf import DatosDictamen, generar_dictamen_pdf

    institucion = catalogos.institucion()
    bien = Bien.get_by_id(dictamen.bien_id)
    oficio = dictamen.oficio_solicitud if dictamen.oficio_solicitud_id else None
    dependencia = dictamen.dependencia.nombre if dictamen.dependencia_id else ""
    datos = DatosDictamen(
        institucion=institucion.nombre, lema=institucion.lema, area_emisora=institucion.area,
        lugar=institucion.lugar, pie=institucion.pie, logotipo=oficios._logotipo(),
        folio=dictamen.folio or "", fecha=dictamen.fecha_emision or hoy_mexico(),
        destinatario_nombre=oficio.solicitante_nombre if oficio else "",
        destinatario_cargo=oficio.solicitante_cargo if oficio else "",
        destinatario_dependencia=dependencia,
        oficio_numero=oficio.numero_oficio if oficio else "",
        oficio_fecha=oficio.fecha_documento if oficio else None,
        recibido_en=dictamen.recibido_en,
        numero_inventario=bien.numero_inventario, descripcion_bien=bien.descripcion,
        serie=bien.serie or "", fecha_fabricacion=dictamen.fecha_fabricacion, marca=dictamen.marca,
        modelo=dictamen.modelo, caracteristicas_hardware=dictamen.caracteristicas_hardware,
        caracteristicas_software=dictamen.caracteristicas_software, pruebas=dictamen.pruebas,
        resultado=dictamen.resultado, resultado_texto=RESULTADOS.get(dictamen.resultado, ""),
        posible_solucion=dictamen.posible_solucion, conclusion=dictamen.conclusion,
        firmante_nombre=dictamen.firmante_nombre, firmante_cargo=dictamen.firmante_cargo,
        cancelado=cancelado)
    return generar_dictamen_pdf(datos)


def pdf_de_dictamen(dictamen: Dictamen) -> bytes:
    """El PDF congelado del dictamen; si se canceló, con la marca «CANCELADO»."""
    if dictamen.pdf is None or not dictamen.folio:
        raise ErrorDTI("Solo los dictámenes emitidos tienen PDF.")
    if dictamen.estado == CANCELADO:
        return _generar_pdf(dictamen, cancelado=True)
    return bytes(dictamen.pdf)


# --- Para el inventario --------------------------------------------------------------------------

def validar_dictamen_para_baja(dictamen_id: int, bien_id: int) -> Dictamen:
    """El dictamen que autoriza la baja de ``bien_id``, o :class:`ErrorValidacion` con la razón.

    Exige que exista, esté emitido (no cancelado), sea «no apto para operar», sea de ese mismo bien
    y no haya sustentado ya otra baja.
    """
    dictamen = Dictamen.get_or_none(Dictamen.id == dictamen_id) if dictamen_id else None
    if dictamen is None:
        raise ErrorValidacion([("dictamen", "La baja de un equipo de TI requiere un dictamen técnico «no apto "
                                            "para operar»; no existe el dictamen indicado.")])
    nombre = dictamen.folio or f"#{dictamen.id}"
    if dictamen.estado == CANCELADO:
        raise ErrorValidacion([("dictamen", f"El dictamen {nombre} está cancelado: "
                                            f"{dictamen.motivo_cancelacion}")])
    if dictamen.estado != EMITIDO:
        raise ErrorValidacion([("dictamen", f"El dictamen {nombre} aún no se emite "
                                            f"(está «{ESTADOS_DICTAMEN[dictamen.estado]}»).")])
    if dictamen.bien_id != bien_id:
        raise ErrorValidacion([("dictamen", f"El dictamen {nombre} es del bien "
                                            f"{dictamen.bien.numero_inventario}, no de este.")])
    if dictamen.resultado != NO_APTO:
        raise ErrorValidacion([("dictamen", f"El dictamen {nombre} concluyó «{RESULTADOS[dictamen.resultado]}»; "
                                            "solo uno «no apto para operar» autoriza la baja.")])
    if dictamen.movimiento_baja_id is not None:
        raise ErrorValidacion([("dictamen", f"El dictamen {nombre} ya se usó para la baja "
                                            f"(movimiento {dictamen.movimiento_baja_id}).")])
    return dictamen


def marcar_usado_en_baja(dictamen: Dictamen, movimiento_id: int, actor: Usuario | None = None) -> Dictamen:
    """Anota que ``dictamen`` sustenta el movimiento de baja ``movimiento_id`` (en la transacción de la baja)."""
    with transaccion():
        actual = validar_dictamen_para_baja(dictamen.id, dictamen.bien_id)
        actual.movimiento_baja_id, actual.usado_en_baja_en = int(movimiento_id), ahora()
        bitacora.guardar_versionado(actual, "dictamen usado en baja de inventario", actor, actual.version)
    dictamen.movimiento_baja_id, dictamen.usado_en_baja_en = actual.movimiento_baja_id, actual.usado_en_baja_en
    dictamen.version = actual.version
    return actual


def historial_de_bien(bien_id: int) -> list[dict[str, Any]]:
    """Lo que le ha pasado a un bien en dictámenes, en orden: fecha, tipo, descripción y referencia."""
    eventos: list[dict[str, Any]] = []
    for d in Dictamen.select().where(Dictamen.bien == bien_id).order_by(Dictamen.id):
        referencia = d.folio or f"Solicitud #{d.id}"
        oficio = d.oficio_solicitud.numero_oficio if d.oficio_solicitud_id else ""
        eventos.append({"fecha": d.creado_en, "tipo": "Solicitud de dictamen",
                        "descripcion": f"Oficio {oficio or '(sin número)'}: {d.motivo_solicitud[:200]}",
                        "referencia": referencia})
        if d.recibido_en:
            eventos.append({"fecha": d.recibido_en, "tipo": "Equipo recibido para dictamen",
                            "descripcion": f"Entregó: {d.entregado_por or 'sin dato'}", "referencia": referencia})
        if d.estado in (EMITIDO, CANCELADO) and d.folio:
            texto = RESULTADOS.get(d.resultado, "")
            if d.resultado == REPARABLE:
                texto += f". Posible solución: {d.posible_solucion[:200]}"
            eventos.append({"fecha": dt.datetime.combine(d.fecha_emision, dt.time(0, 0)) if d.fecha_emision
                            else d.modificado_en, "tipo": "Dictamen emitido", "descripcion": texto,
                            "referencia": referencia})
        if d.usado_en_baja_en:
            eventos.append({"fecha": d.usado_en_baja_en, "tipo": "Baja autorizada por dictamen",
                            "descripcion": f"Movimiento de baja {d.movimiento_baja_id}", "referencia": referencia})
        if d.estado == CANCELADO:
            eventos.append({"fecha": d.cancelado_en, "tipo": "Dictamen cancelado",
                            "descripcion": d.motivo_cancelacion, "referencia": referencia})
    # Los dictámenes de un bien no se enciman (uno en curso a la vez): el orden de captura es el cronológico.
    return eventos
