"""Movimientos al inventario de bienes TIC según las políticas del procedimiento 21.

Cada movimiento (alta, cambio o reasignación de resguardante, baja) se solicita con un
oficio a la Dirección de Armonización Contable (folio de la numeración común y PDF
congelado) y espera su respuesta: solicitado → enviado → aplicado / rechazado. Solo al
aplicarse cambia el bien; si se rechaza, el bien vuelve a su estado anterior.

Cada movimiento es un caso del procedimiento 21: al solicitarlo se abre su trámite en la misma
transacción y cada acción lo lleva por los pasos del manual (el mapeo estado → paso está en
:mod:`app.servicios.inventario.expedientes`); aplicarlo cierra el paso 7 y concluye el trámite.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import JOIN

from app.base_datos import serializar, transaccion
from app.modelos import Bien, Dependencia, Oficio, ServidorPublico, Usuario, ahora
from app.modelos.inventario import BAJA_SOLICITADA, DADO_DE_BAJA
from app.modelos.movimientos import (ALTA, APLICADO, BAJA, CAMBIO, ENVIADO, ESTADOS_MOVIMIENTO, PENDIENTES,
                                     RECHAZADO, SOLICITADO, TIPOS_MOVIMIENTO, DetalleMovimiento, Movimiento)
from app.servicios.nucleo import bitacora
from app.servicios.oficios import oficios
from app.errores import ErrorConflicto, ErrorDTI, ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.servicios.inventario import expedientes
from app.servicios.inventario.comun import EventoHistorial, exigir_inventario
from app.servicios.nucleo.validacion import Validador, normalizar
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia

DEPENDENCIA_DESTINO = "Dirección de Armonización Contable"
MAXIMO_BIENES_POR_OFICIO = 60
MENSAJE_SIN_DICTAMEN = ("La baja de un bien TIC requiere un dictamen técnico que lo declare no apto "
                        "para operar.")



# --- Consultas -------------------------------------------------------------------------------

def obtener(movimiento_id: int) -> Movimiento:
    movimiento = Movimiento.get_or_none(Movimiento.id == movimiento_id)
    if movimiento is None:
        raise ErrorNoEncontrado(f"No existe el movimiento {movimiento_id}.")
    return movimiento


def pendiente_de(bien_id: int) -> Movimiento | None:
    """El movimiento que espera respuesta para ese bien, si lo hay."""
    return (Movimiento.select().join(DetalleMovimiento)
            .where((DetalleMovimiento.bien == bien_id) & Movimiento.estado.in_(PENDIENTES)).first())


def alta_aplicada(bien_id: int) -> bool:
    """¿Armonización Contable ya confirmó el alta de este bien?"""
    return (Movimiento.select().join(DetalleMovimiento)
            .where((DetalleMovimiento.bien == bien_id) & (Movimiento.tipo == ALTA)
                   & (Movimiento.estado == APLICADO)).exists())


def bienes_de(movimiento: Movimiento | int) -> list[Bien]:
    movimiento_id = movimiento.id if isinstance(movimiento, Movimiento) else movimiento
    return list(Bien.select().join(DetalleMovimiento)
                .where(DetalleMovimiento.movimiento == movimiento_id).order_by(Bien.numero_inventario))


def consultar(estado: str | None = None, tipo: str | None = None, bien_id: int | None = None,
              limite: int = 500) -> list[dict[str, Any]]:
    """Movimientos para una tabla (más recientes primero), con folio y cuántos bienes."""
    from peewee import fn

    consulta = (Movimiento.select(Movimiento.id, Movimiento.tipo, Movimiento.estado, Movimiento.version,
                                  Movimiento.creado_en, Movimiento.enviado_en, Movimiento.respuesta_numero,
                                  Movimiento.respuesta_fecha, Movimiento.motivo, Movimiento.dictamen_id,
                                  Oficio.folio.alias("folio"),
                                  fn.COUNT(DetalleMovimiento.id).alias("bienes"),
                                  fn.MIN(Bien.numero_inventario).alias("primer_numero"))
                .join(Oficio, JOIN.LEFT_OUTER, on=(Movimiento.oficio == Oficio.id))
                .switch(Movimiento).join(DetalleMovimiento, JOIN.LEFT_OUTER)
                .join(Bien, JOIN.LEFT_OUTER, on=(DetalleMovimiento.bien == Bien.id))
                .group_by(Movimiento.id, Oficio.folio))
    if estado:
        consulta = consulta.where(Movimiento.estado == estado)
    if tipo:
        consulta = consulta.where(Movimiento.tipo == tipo)
    if bien_id:
        sub = DetalleMovimiento.select(DetalleMovimiento.movimiento).where(DetalleMovimiento.bien == bien_id)
        consulta = consulta.where(Movimiento.id.in_(sub))
    filas = list(consulta.order_by(Movimiento.id.desc()).limit(limite).dicts())
    for fila in filas:
        fila["tipo_nombre"] = TIPOS_MOVIMIENTO.get(fila["tipo"], fila["tipo"])
        fila["estado_nombre"] = ESTADOS_MOVIMIENTO.get(fila["estado"], fila["estado"])
    return filas


def pdf_oficio(movimiento_id: int) -> bytes:
    """El PDF congelado del oficio de solicitud del movimiento."""
    movimiento = obtener(movimiento_id)
    if movimiento.oficio is None:
        raise ErrorDTI("El movimiento no tiene oficio emitido.")
    return oficios.pdf_de_oficio(movimiento.oficio)


def eventos_de_bien(bien_id: int) -> list[EventoHistorial]:
    """Los movimientos del bien como eventos de su historial (solicitud y respuesta)."""
    filas = (Movimiento.select(Movimiento, Oficio.folio.alias("folio"))
             .join(DetalleMovimiento).switch(Movimiento)
             .join(Oficio, JOIN.LEFT_OUTER, on=(Movimiento.oficio == Oficio.id))
             .where(DetalleMovimiento.bien == bien_id).order_by(Movimiento.id).objects())
    eventos: list[EventoHistorial] = []
    for m in filas:
        nombre = TIPOS_MOVIMIENTO.get(m.tipo, m.tipo)
        eventos.append(EventoHistorial(m.creado_en, "Movimiento",
                                       f"Solicitud de {nombre.lower()} a Armonización Contable"
                                       + (f" ({m.motivo})" if m.motivo else ""), m.folio or ""))
        if m.enviado_en:
            eventos.append(EventoHistorial(m.enviado_en, "Movimiento", f"Oficio de {nombre.lower()} enviado",
                                           m.folio or ""))
        if m.estado in (APLICADO, RECHAZADO) and m.resuelto_en:
            verbo = "aplicado" if m.estado == APLICADO else "rechazado"
            nota = f": {m.respuesta_nota}" if m.respuesta_nota else ""
            eventos.append(EventoHistorial(
                m.resuelto_en, "Movimiento",
                f"{nombre} {verbo} por Armonización Contable (oficio {m.respuesta_numero} del "
                f"{m.respuesta_fecha:%d/%m/%Y}){nota}", m.respuesta_numero))
    return eventos


# --- Solicitudes --------------------------------------------------------------------------

def _destinatario() -> tuple[str, str]:
    """Titular de la Dirección de Armonización Contable (nombre, cargo) según el catálogo."""
    objetivo = normalizar(DEPENDENCIA_DESTINO)
    for dependencia in Dependencia.select().where(Dependencia.activo == True):  # noqa: E712
        if normalizar(dependencia.nombre) == objetivo:
            servidores = list(ServidorPublico.select().where(
                (ServidorPublico.dependencia == dependencia) & (ServidorPublico.activo == True))  # noqa: E712
                .order_by(ServidorPublico.id))
            titular = next((s for s in servidores if normalizar(s.cargo).startswith("director")),
                           servidores[0] if servidores else None)
            if titular:
                return titular.nombre, titular.cargo
    return f"Titular de la {DEPENDENCIA_DESTINO}", ""


def _persona(servidor: ServidorPublico | None, dependencia: Dependencia | None) -> str:
    nombre = servidor.nombre if servidor else "sin resguardante"
    return f"{nombre} ({dependencia.nombre if dependencia else 'sin dependencia'})"


def _bienes_bloqueados(bien_ids: list[int], versiones: dict[int, int] | None) -> list[Bien]:
    """Lee los bienes dentro de la transacción y verifica que nadie los movió mientras tanto."""
    if not bien_ids:
        raise ErrorValidacion([("bienes", "Seleccione al menos un bien.")])
    if len(bien_ids) > MAXIMO_BIENES_POR_OFICIO:
        raise ErrorValidacion([("bienes", f"Un oficio lleva como máximo {MAXIMO_BIENES_POR_OFICIO} bienes; "
                                          "divida la solicitud.")])
    # «No hay otra solicitud en espera de este bien» se comprueba y luego se escribe: dos PC a la
    # vez no deben pasar las dos (en PostgreSQL, un candado por bien hasta el COMMIT; en orden de
    # id para que dos solicitudes con los mismos bienes no se bloqueen mutuamente).
    for bien_id in sorted(set(bien_ids)):
        serializar(Bien._meta.table_name, bien_id)
    bienes = {b.id: b for b in Bien.select().where(Bien.id.in_(list(bien_ids)))}
    faltan = [i for i in bien_ids if i not in bienes]
    if faltan:
        raise ErrorNoEncontrado(f"No existe el bien {faltan[0]}.")
    for bien_id in bien_ids:
        bien = bienes[bien_id]
        if versiones and bien_id in versiones and versiones[bien_id] != bien.version:
            raise ErrorConflicto(f"Otro usuario modificó el bien {bien.numero_inventario} mientras usted lo "
                                 "revisaba. Vuelva a abrirlo para ver los cambios.")
        pendiente = pendiente_de(bien_id)
        if pendiente is not None:
            folio = pendiente.oficio.folio if pendiente.oficio else f"movimiento {pendiente.id}"
            raise ErrorConflicto(f"El bien {bien.numero_inventario} ya tiene una solicitud de "
                                 f"{TIPOS_MOVIMIENTO[pendiente.tipo].lower()} en espera de respuesta "
                                 f"({folio}).")
        if bien.estado == DADO_DE_BAJA:
            raise ErrorValidacion([("bienes", f"El bien {bien.numero_inventario} ya está dado de baja.")])
    return [bienes[i] for i in bien_ids]


def _crear(actor: Usuario | None, tipo: str, bienes: list[Bien], plantilla: str,
           variables: dict[str, str], oficio_entrada: Oficio | None = None, **campos: Any) -> Movimiento:
    """Movimiento, detalle, oficio, trámite y bitácora (dentro de la transacción del llamador).

    El trámite queda en el paso 5 (ver ``expedientes``) y el oficio de solicitud, en su expediente.
    """
    nombre, cargo = _destinatario()
    momento = ahora()
    tramite = expedientes.abrir(actor, tipo, bienes, variables.get("bienes", ""), motivo=campos.get("motivo", ""),
                                dictamen=variables.get("dictamen", ""), oficio_entrada=oficio_entrada,
                                momento=momento)
    oficio = oficios.emitir_desde_plantilla(
        actor, plantilla, variables, destinatario_nombre=nombre, destinatario_cargo=cargo,
        destinatario_dependencia=DEPENDENCIA_DESTINO,
        ccp=["Departamento de Inventarios. Para su conocimiento.", "Archivo."], tramite_id=tramite.id)
    movimiento = Movimiento(tipo=tipo, estado=SOLICITADO, oficio=oficio, solicitado_por=actor,
                            creado_en=momento, modificado_en=momento, expediente=tramite, **campos)
    bitacora.guardar(movimiento, f"solicitud de {tipo} de inventario", actor)
    for bien in bienes:
        detalle = DetalleMovimiento(movimiento=movimiento, bien=bien, resguardante_anterior=bien.resguardante_id,
                                    dependencia_anterior=bien.dependencia_id, edificio_anterior=bien.edificio,
                                    area_anterior=bien.area, estado_bien_anterior=bien.estado)
        bitacora.guardar(detalle, "bien de movimiento de inventario", actor)
    return movimiento


def _renglon_alta(b: Bien) -> str:
    return (f"• No. de inventario {b.numero_inventario}: {b.descripcion}. Marca: {b.marca or 's/m'}; "
            f"modelo: {b.modelo or 's/m'}; número de serie: {b.serie or 's/n'}; color: {b.color or 'sin dato'}. "
            f"Resguardante: {_persona(b.resguardante, b.dependencia)}.")


def solicitar_alta(actor: Usuario | None, bien_ids: list[int],
                   versiones: dict[int, int] | None = None, oficio_entrada: Oficio | None = None) -> Movimiento:
    """Solicitud de alta al inventario: nombre y dependencia del futuro resguardante y marca,
    modelo, serie y color de cada bien (política de operación 2 del procedimiento 21).

    ``oficio_entrada``: el oficio recibido que pidió el movimiento (queda en su trámite).
    """
    exigir_inventario(actor)
    with transaccion():
        bienes = _bienes_bloqueados(list(bien_ids), versiones)
        v = Validador()
        for b in bienes:
            if b.resguardante_id is None:
                v.error("resguardante", f"Falta el resguardante del bien {b.numero_inventario}: el oficio de alta "
                                        "lleva el nombre y la dependencia del futuro resguardante.")
            if alta_aplicada(b.id):
                v.error("bienes", f"El bien {b.numero_inventario} ya fue dado de alta.")
        v.validar()
        return _crear(actor, ALTA, bienes, "inventario_alta",
                      {"bienes": "\n".join(_renglon_alta(b) for b in bienes)}, oficio_entrada=oficio_entrada)


def solicitar_cambio(actor: Usuario | None, bien_ids: list[int] | int, resguardante_id: int,
                     dependencia_id: int | None = None, edificio: str = "", area: str = "",
                     motivo: str = "", versiones: dict[int, int] | None = None,
                     levantamiento_id: int | None = None, oficio_entrada: Oficio | None = None) -> Movimiento:
    """Solicitud de cambio o reasignación de resguardante: número de inventario y nombre y
    dependencia del resguardante actual y del futuro (política de operación 3).
    """
    exigir_inventario(actor)
    ids = [bien_ids] if isinstance(bien_ids, int) else list(bien_ids)
    v = Validador()
    edificio = v.texto("edificio", "Edificio", edificio, 150)
    area = v.texto("area", "Área", area, 150)
    motivo = v.texto("motivo", "Motivo", motivo, 2000, multilinea=True)
    nuevo = ServidorPublico.get_or_none(ServidorPublico.id == resguardante_id) if resguardante_id else None
    if nuevo is None:
        v.error("resguardante", "Elija al futuro resguardante.")
    elif not nuevo.activo:
        v.error("resguardante", f"{nuevo.nombre} está dado de baja como servidor público.")
    dependencia = Dependencia.get_or_none(Dependencia.id == dependencia_id) if dependencia_id else (
        nuevo.dependencia if nuevo else None)
    if nuevo is not None and dependencia is not None and nuevo.dependencia_id not in (None, dependencia.id):
        v.error("dependencia", f"{nuevo.nombre} pertenece a «{nuevo.dependencia.nombre}», no a "
                               f"«{dependencia.nombre}».")
    if nuevo is not None and dependencia is None:
        v.error("dependencia", "Falta la dependencia del futuro resguardante.")
    v.validar()
    if not edificio and dependencia.ubicacion:
        edificio = dependencia.ubicacion[:150]   # sin ubicación dada, la de la nueva dependencia
    with transaccion():
        bienes = _bienes_bloqueados(ids, versiones)
        for b in bienes:
            if (b.resguardante_id, b.dependencia_id, b.edificio, b.area) == (nuevo.id, dependencia.id, edificio,
                                                                                area or b.area):
                raise ErrorValidacion([("resguardante", f"{nuevo.nombre} ya es el resguardante del bien "
                                                        f"{b.numero_inventario}.")])
        futuro = _persona(nuevo, dependencia)
        renglones = [f"• No. de inventario {b.numero_inventario} ({b.descripcion}). Resguardante actual: "
                     f"{_persona(b.resguardante, b.dependencia)}. Futuro resguardante: {futuro}."
                     for b in bienes]
        return _crear(actor, CAMBIO, bienes, "inventario_cambio",
                      {"bienes": "\n".join(renglones), "motivo": f"Motivo: {motivo}" if motivo else ""},
                      oficio_entrada=oficio_entrada, resguardante_nuevo=nuevo, dependencia_nueva=dependencia,
                      edificio_nuevo=edificio, area_nueva=area, motivo=motivo, levantamiento_id=levantamiento_id)


@cambia("bien_id", Bien)
def solicitar_baja(actor: Usuario | None, bien_id: int, motivo: str, dictamen_id: int | None,
                   version: int | None = None, oficio_entrada: Oficio | None = None) -> Movimiento:
    """Solicitud de baja del inventario (política de operación 4). La baja de un bien TIC
    exige el dictamen técnico emitido que lo declare no apto para operar (procedimiento 4);
    el dictamen queda ligado a esta baja y no sirve para otra. El bien queda en
    «baja solicitada» hasta la respuesta.
    """
    exigir_inventario(actor)
    return _solicitar_baja(actor, bien_id, motivo, dictamen_id, version, oficio_entrada)


def abrir_baja_por_dictamen(actor: Usuario | None, dictamen) -> Movimiento:
    """Abre la baja que autoriza un dictamen «no apto para operar» al emitirse.

    La política del procedimiento 4 hace del dictamen la autorización: quien lo emite
    (Soporte Técnico o la Dirección) abre el movimiento aunque no opere el inventario.
    """
    motivo = (f"Dictamen técnico {dictamen.folio}: el equipo no es apto para operar. "
              f"{dictamen.conclusion or ''}").strip()
    return _solicitar_baja(actor, dictamen.bien_id, motivo, dictamen.id, None)


def _solicitar_baja(actor: Usuario | None, bien_id: int, motivo: str, dictamen_id: int | None,
                    version: int | None, oficio_entrada: Oficio | None = None) -> Movimiento:
    from app.servicios.dictamenes import dictamenes

    v = Validador()
    motivo = v.texto("motivo", "Motivo de la baja", motivo, 2000, requerido=True, multilinea=True)
    if dictamen_id is None:
        v.error("dictamen", MENSAJE_SIN_DICTAMEN)
    v.validar()
    with transaccion():
        dictamen = dictamenes.validar_dictamen_para_baja(int(dictamen_id), bien_id)
        (bien,) = _bienes_bloqueados([bien_id], {bien_id: version} if version is not None else None)
        renglon = (f"• No. de inventario {bien.numero_inventario}: {bien.descripcion}. Marca: {bien.marca or 's/m'}; "
                   f"modelo: {bien.modelo or 's/m'}; número de serie: {bien.serie or 's/n'}. Resguardante: "
                   f"{_persona(bien.resguardante, bien.dependencia)}.")
        movimiento = _crear(actor, BAJA, [bien], "inventario_baja",
                            {"bienes": renglon, "motivo": motivo,
                             "dictamen": f"Se anexa el dictamen técnico {dictamen.folio}, que declara el "
                                         "bien no apto para operar."},
                            oficio_entrada=oficio_entrada, motivo=motivo, dictamen_id=dictamen.id)
        bien.estado = BAJA_SOLICITADA
        bitacora.guardar_versionado(bien, "baja solicitada", actor, bien.version)
        dictamenes.marcar_usado_en_baja(dictamen, movimiento.id, actor)
    return movimiento


# --- Seguimiento ----------------------------------------------------------------------------

def _transicion(movimiento_id: int, version: int, desde: tuple[str, ...], accion: str) -> Movimiento:
    movimiento = obtener(movimiento_id)
    if movimiento.version != version:
        raise ErrorConflicto("Otro usuario actualizó este movimiento mientras usted lo revisaba. "
                             "Vuelva a abrirlo para ver su estado.")
    if movimiento.estado not in desde:
        raise ErrorTransicion(f"No se puede {accion}: el movimiento está "
                              f"«{ESTADOS_MOVIMIENTO.get(movimiento.estado, movimiento.estado)}».")
    return movimiento


@cambia("movimiento_id", Movimiento)
def marcar_enviado(actor: Usuario | None, movimiento_id: int, version: int) -> Movimiento:
    """El oficio se entregó a Armonización Contable (con acuse)."""
    exigir_inventario(actor)
    with transaccion():
        movimiento = _transicion(movimiento_id, version, (SOLICITADO,), "marcar como enviado")
        if movimiento.oficio and movimiento.oficio.estado == oficios.CANCELADO:
            raise ErrorTransicion("El oficio de este movimiento fue cancelado; solicite el movimiento de nuevo.")
        movimiento.estado = ENVIADO
        movimiento.enviado_en = ahora()
        expedientes.al_enviar(actor, movimiento, movimiento.enviado_en)
        return bitacora.guardar_versionado(movimiento, "oficio de movimiento enviado", actor, version)


def _respuesta(v: Validador, numero_oficio: str, fecha: dt.date | None) -> tuple[str, dt.date | None]:
    numero = v.texto("respuesta_numero", "Número del oficio de respuesta", numero_oficio, 100, requerido=True)
    fecha = v.fecha_no_futura("respuesta_fecha", "Fecha del oficio de respuesta", fecha, hoy_mexico(),
                              requerido=True)
    return numero, fecha


@cambia("movimiento_id", Movimiento)
def aplicar(actor: Usuario | None, movimiento_id: int, version: int, numero_oficio: str,
            fecha: dt.date | None, nota: str = "") -> Movimiento:
    """Armonización Contable respondió que aplicó el movimiento: surte efecto en cada bien."""
    exigir_inventario(actor)
    v = Validador()
    numero, fecha = _respuesta(v, numero_oficio, fecha)
    nota = v.texto("respuesta_nota", "Nota", nota, 2000, multilinea=True)
    v.validar()
    with transaccion():
        movimiento = _transicion(movimiento_id, version, (ENVIADO,), "registrar la respuesta")
        if fecha and movimiento.enviado_en and fecha < movimiento.enviado_en.date():
            raise ErrorValidacion([("respuesta_fecha", "La respuesta no puede ser anterior al envío del oficio "
                                                       f"({movimiento.enviado_en:%d/%m/%Y}).")])
        aplicados = bienes_de(movimiento)
        for bien in aplicados:
            if movimiento.tipo == CAMBIO:
                bien.resguardante = movimiento.resguardante_nuevo_id
                bien.dependencia = movimiento.dependencia_nueva_id
                if movimiento.edificio_nuevo:
                    bien.edificio = movimiento.edificio_nuevo
                if movimiento.area_nueva or movimiento.edificio_nuevo:
                    bien.area = movimiento.area_nueva
                from app.servicios.nucleo.validacion import texto_busqueda

                bien.busqueda = texto_busqueda(bien.numero_inventario, bien.serie, bien.marca, bien.modelo,
                                               bien.descripcion, movimiento.resguardante_nuevo.nombre)
                bitacora.guardar_versionado(bien, "cambio de resguardante aplicado", actor, bien.version)
            elif movimiento.tipo == BAJA:
                bien.estado = DADO_DE_BAJA
                bitacora.guardar_versionado(bien, "baja aplicada", actor, bien.version)
        movimiento.estado = APLICADO
        movimiento.respuesta_numero, movimiento.respuesta_fecha, movimiento.respuesta_nota = numero, fecha, nota
        movimiento.resuelto_en = ahora()
        expedientes.al_aplicar(actor, movimiento, [b.numero_inventario for b in aplicados], movimiento.resuelto_en)
        return bitacora.guardar_versionado(movimiento, "movimiento aplicado", actor, version)


@cambia("movimiento_id", Movimiento)
def rechazar(actor: Usuario | None, movimiento_id: int, version: int, numero_oficio: str,
             fecha: dt.date | None, motivo: str) -> Movimiento:
    """Armonización Contable rechazó el movimiento: cada bien vuelve al estado que tenía."""
    exigir_inventario(actor)
    v = Validador()
    numero, fecha = _respuesta(v, numero_oficio, fecha)
    motivo = v.texto("respuesta_nota", "Motivo del rechazo", motivo, 2000, requerido=True, multilinea=True)
    v.validar()
    with transaccion():
        movimiento = _transicion(movimiento_id, version, (ENVIADO,), "registrar la respuesta")
        detalles = DetalleMovimiento.select().where(DetalleMovimiento.movimiento == movimiento)
        for detalle in detalles:
            bien = detalle.bien
            if bien.estado != detalle.estado_bien_anterior:
                bien.estado = detalle.estado_bien_anterior
                bitacora.guardar_versionado(bien, "movimiento rechazado: el bien vuelve a su estado", actor,
                                            bien.version)
        if movimiento.tipo == BAJA and movimiento.dictamen_id is not None:
            from app.servicios.dictamenes import dictamenes

            dictamenes.liberar_de_baja(movimiento.dictamen_id, movimiento.id, actor)
        movimiento.estado = RECHAZADO
        movimiento.respuesta_numero, movimiento.respuesta_fecha, movimiento.respuesta_nota = numero, fecha, motivo
        movimiento.resuelto_en = ahora()
        expedientes.al_rechazar(actor, movimiento, movimiento.resuelto_en)
        return bitacora.guardar_versionado(movimiento, "movimiento rechazado", actor, version)
