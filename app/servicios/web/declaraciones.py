"""Procedimiento 16: actualización del sistema de declaraciones patrimoniales y de interés.

Solo la Contraloría Municipal puede pedir cambios (política 2): cualquier otra dependencia se
rehúsa con la razón de la política. Cada solicitud guarda qué cambió, el previo, la aceptación
de la Contraloría (actividad 3: «Sí» → 4 se publica; «No» → 3.1 se corrige y vuelve a 3) y
cuándo se publicó.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.errores import ErrorNoEncontrado, ErrorValidacion
from app.modelos import Dependencia, Oficio, Usuario, ahora
from app.modelos.web import ACEPTADA, CANCELADA, CORRECCIONES, ESTADOS, PREVIO, PROGRAMACION, PUBLICADA, SolicitudDeclaraciones
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, normalizar, texto_busqueda
from app.servicios.tramites import expediente, procedimientos
from app.servicios.web import comun, comun_casos
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia, crea

PROCEDIMIENTO = 16
CONTRALORIA = "Contraloría Municipal"
SIGLAS_CONTRALORIA = "CM"


def _permitidas() -> set[str]:
    """Nombres normalizados que pueden pedir: la Contraloría y lo que declare ``solicitante_de`` en el JSON."""
    nombres = {normalizar(CONTRALORIA)}
    for paso in procedimientos.obtener(PROCEDIMIENTO).pasos:
        regla = paso.regla("solicitante_de")
        if regla is not None:
            nombres |= {normalizar(str(d)) for d in regla.parametros.get("dependencias") or ()}
    return nombres


def es_contraloria(dependencia: Dependencia | None) -> bool:
    """¿Es la Contraloría Municipal? Por nombre sin acentos ni mayúsculas, o por sus siglas «CM»."""
    if dependencia is None:
        return False
    return (normalizar(dependencia.nombre) in _permitidas()
            or (dependencia.siglas or "").strip().upper() == SIGLAS_CONTRALORIA)


def contraloria() -> Dependencia | None:
    """La Contraloría Municipal del catálogo (None si no está)."""
    return next((d for d in Dependencia.select().where(Dependencia.activo == True)  # noqa: E712
                 if es_contraloria(d)), None)


def exigir_contraloria(dependencia: Dependencia | None) -> None:
    """Rehúsa a cualquier solicitante que no sea la Contraloría Municipal, con la razón de la política 2."""
    if es_contraloria(dependencia):
        return
    quien = f"La dependencia «{dependencia.nombre}»" if dependencia is not None else "Un oficio sin dependencia"
    raise ErrorValidacion([("dependencia", f"{quien} no puede solicitar actualizaciones a la plataforma de "
                                           f"declaraciones patrimoniales: solo la {CONTRALORIA}. "
                                           f"{comun.politica(PROCEDIMIENTO, 2)}")])


def obtener(identificador: int) -> SolicitudDeclaraciones:
    solicitud = SolicitudDeclaraciones.get_or_none(SolicitudDeclaraciones.id == identificador)
    if solicitud is None:
        raise ErrorNoEncontrado(f"No existe la solicitud de declaraciones {identificador}.")
    return solicitud


@crea
def registrar(actor: Usuario | None, *, oficio: Oficio | None, actualizacion: str,
              lineamiento: str = "", asunto: str = "") -> SolicitudDeclaraciones:
    """Actividad 1: el oficio de la Contraloría; el caso pasa a programación (2)."""
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    permisos.exigir_area(actor, comun.AREA)
    v = Validador()
    comun.exigir_oficio(v, oficio)
    actualizacion = v.texto("actualizacion", "Actualización solicitada", actualizacion, 5000, requerido=True,
                            multilinea=True)
    lineamiento = v.texto("lineamiento", "Lineamiento o formato del SNA", lineamiento, 300)
    v.validar()
    dependencia = oficio.procedencia if oficio.procedencia_id else None
    exigir_contraloria(dependencia)
    momento = ahora()
    with transaccion():
        solicitud = SolicitudDeclaraciones(
            oficio=oficio, dependencia=dependencia, actualizacion=actualizacion, lineamiento=lineamiento,
            estado=PROGRAMACION, creado_por=actor, creado_en=momento, modificado_en=momento,
            busqueda=texto_busqueda(actualizacion[:300], lineamiento, oficio.numero_oficio))
        datos = {"actualizacion_solicitada": actualizacion, **({"lineamiento_sna": lineamiento} if lineamiento else {})}
        solicitud.expediente = expediente.abrir(
            actor, PROCEDIMIENTO, asunto or f"Declaraciones: {actualizacion[:200]}", dependencia=dependencia,
            oficio_entrada=oficio, momento=momento, hasta="2", datos={"1": datos})
        bitacora.guardar(solicitud, "solicitud de actualización de declaraciones", actor)
    return solicitud


@cambia("solicitud")
def presentar_previo(actor: Usuario | None, solicitud: SolicitudDeclaraciones, *, cambios: str,
                     url_previo: str = "", version_previo: str = "",
                     version: int | None = None) -> SolicitudDeclaraciones:
    """Actividad 2 (o 3.1, las correcciones): se programa y se presenta el previo a la Contraloría (3)."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (PROGRAMACION, CORRECCIONES), ESTADOS, "presentar el previo")
    v = Validador()
    cambios = v.texto("cambios", "Cambios programados", cambios, 5000, requerido=True, multilinea=True)
    url_previo = comun.url(v, "url_previo", "Dirección del previo", url_previo)
    version_previo = v.texto("version_previo", "Versión del previo", version_previo, 50)
    v.validar()
    if solicitud.estado == CORRECCIONES:
        solicitud.correcciones = f"{solicitud.correcciones}\n{cambios}".strip()
        datos = {"3.1": {"correcciones": cambios}}
    else:
        solicitud.cambios_programados = cambios
        datos = {"2": {"cambios_programados": cambios, **({"url_previo": url_previo} if url_previo else {}),
                       **({"version": version_previo} if version_previo else {})}}
    solicitud.url_previo = url_previo or solicitud.url_previo
    solicitud.version_previo = version_previo or solicitud.version_previo
    solicitud.estado = PREVIO
    return comun_casos.guardar_con_tramite(actor, solicitud, "previo presentado a la Contraloría", version, "3",
                                           datos=datos)


@cambia("solicitud")
def resolver_previo(actor: Usuario | None, solicitud: SolicitudDeclaraciones, *, acepta: bool, quien: str,
                    observaciones: str = "", version: int | None = None) -> SolicitudDeclaraciones:
    """Actividad 3: la Contraloría dice si el previo cumple. Sí → 4 (publicar); No → 3.1 (corregir)."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (PREVIO,), ESTADOS, "registrar la respuesta de la Contraloría")
    v = Validador()
    quien = v.nombre("quien", "Quién respondió por la Contraloría", quien, 200, requerido=True)
    observaciones = v.texto("observaciones", "Observaciones de la Contraloría", observaciones, 5000, multilinea=True)
    if not acepta and not observaciones:
        v.error("observaciones", "Si el previo no cumple, anote las observaciones de la Contraloría.")
    v.validar()
    solicitud.observaciones = observaciones
    if acepta:
        solicitud.estado, solicitud.aceptado_en, solicitud.aceptado_por = ACEPTADA, ahora(), quien
        destino, accion = "4", "previo aceptado por la Contraloría"
    else:
        solicitud.estado, solicitud.rechazos_previo = CORRECCIONES, solicitud.rechazos_previo + 1
        destino, accion = "3.1", "previo con observaciones de la Contraloría"
    return comun_casos.guardar_con_tramite(actor, solicitud, accion, version, destino,
                                           respuestas={"3": "Sí" if acepta else "No"},
                                           datos={"3": {"observaciones": observaciones}} if observaciones else None,
                                           nota=f"Respondió: {quien}")


@cambia("solicitud")
def publicar(actor: Usuario | None, solicitud: SolicitudDeclaraciones, *, fecha_publicacion: dt.date | None,
             url_publicacion: str = "", version: int | None = None) -> SolicitudDeclaraciones:
    """Actividad 4: se publican las actualizaciones; el caso concluye."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (ACEPTADA,), ESTADOS, "publicar")
    v = Validador()
    fecha_publicacion = v.fecha_no_futura("fecha_publicacion", "Fecha de publicación", fecha_publicacion,
                                          hoy_mexico(), requerido=True)
    url_publicacion = comun.url(v, "url_publicacion", "Dirección de la plataforma actualizada", url_publicacion)
    if fecha_publicacion and solicitud.aceptado_en and fecha_publicacion < solicitud.aceptado_en.date():
        v.error("fecha_publicacion", "La publicación no puede ser anterior a la aceptación de la Contraloría.")
    v.validar()
    solicitud.fecha_publicacion, solicitud.url_publicacion, solicitud.estado = (fecha_publicacion, url_publicacion,
                                                                              PUBLICADA)
    datos = {"fecha_publicacion": fecha_publicacion, **({"url_publicacion": url_publicacion} if url_publicacion else {})}
    return comun_casos.guardar_con_tramite(actor, solicitud, "actualización publicada", version, None,
                                           datos={"4": datos})


@cambia("solicitud")
def cancelar(actor: Usuario | None, solicitud: SolicitudDeclaraciones, motivo: str,
             version: int | None = None) -> SolicitudDeclaraciones:
    permisos.exigir(actor, permisos.CANCELAR_TRAMITE)
    comun_casos.exigir_estado(solicitud, (PROGRAMACION, PREVIO, CORRECCIONES, ACEPTADA), ESTADOS, "cancelar")
    return comun_casos.cancelar(actor, solicitud, motivo, CANCELADA, version)


def listar(busqueda: str = "", limite: int = 2000) -> list[dict[str, Any]]:
    consulta = (SolicitudDeclaraciones.select(SolicitudDeclaraciones, Dependencia.nombre.alias("dependencia_nombre"),
                                              Oficio.numero_oficio)
                .join(Dependencia, JOIN.LEFT_OUTER, on=(SolicitudDeclaraciones.dependencia == Dependencia.id))
                .switch(SolicitudDeclaraciones)
                .join(Oficio, JOIN.LEFT_OUTER, on=(SolicitudDeclaraciones.oficio == Oficio.id)))
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, SolicitudDeclaraciones, busqueda, por_palabras=False)
    filas = list(consulta.order_by(SolicitudDeclaraciones.id.desc()).limit(limite).dicts())
    textos = expediente.textos_de([f["expediente"] for f in filas])
    for fila in filas:
        fila["estado_texto"] = ESTADOS.get(fila["estado"], fila["estado"])
        fila["tramite"] = textos.get(fila["expediente"], "(sin trámite)")
    return filas


def por_expediente(tramite_id: int) -> SolicitudDeclaraciones | None:
    return SolicitudDeclaraciones.get_or_none(SolicitudDeclaraciones.expediente == tramite_id) if tramite_id else None
