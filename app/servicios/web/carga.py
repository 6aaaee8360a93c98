"""Procedimiento 14: carga y actualización de información en la página web del Ayuntamiento.

Cada solicitud llega por oficio (política 1) y lleva la nota de que el contenido es
responsabilidad de la dependencia solicitante (política 2). El camino del manual:

* ¿contiene imágenes? (2) «Sí» → 2.1, el área las entrega y se revisan (formato por contenido,
  tamaño y dimensiones); «No» → 3, la programación;
* 3 → 4, el previo: ¿cumple? «Sí» → 5, se publica con su fecha y dirección; «No» → 4.1, se
  corrige y se vuelve a presentar (4).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from peewee import JOIN, fn

from app.base_datos import transaccion
from app.errores import ErrorNoEncontrado
from app.modelos import Dependencia, Oficio, Usuario, ahora
from app.modelos.web import (ACEPTADA, CANCELADA, CORRECCIONES, ESTADOS, IMAGENES, PREVIO, PROGRAMACION, PUBLICADA,
                             ImagenCargaWeb, SolicitudCargaWeb)
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, texto_busqueda
from app.servicios.tramites import expediente
from app.servicios.web import comun, comun_casos, imagenes as revision
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia, crea

PROCEDIMIENTO = 14


def responsabilidad(dependencia: str) -> str:
    """La nota de la política 2 que acompaña a cada solicitud."""
    quien = dependencia or "la dependencia solicitante"
    return (f"La información que se carga o actualiza es responsabilidad de {quien} "
            f"({comun.politica(PROCEDIMIENTO, 2)}).")


def obtener(identificador: int) -> SolicitudCargaWeb:
    solicitud = SolicitudCargaWeb.get_or_none(SolicitudCargaWeb.id == identificador)
    if solicitud is None:
        raise ErrorNoEncontrado(f"No existe la solicitud de carga web {identificador}.")
    return solicitud


@crea
def registrar(actor: Usuario | None, *, oficio: Oficio | None, url_pagina: str, descripcion: str,
              contiene_imagenes: bool) -> SolicitudCargaWeb:
    """Actividades 1 y 2: se recibe el oficio y se decide si la carga trae imágenes."""
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    permisos.exigir_area(actor, comun.AREA)
    v = Validador()
    comun.exigir_oficio(v, oficio)
    url_pagina = comun.url(v, "url_pagina", "Página que se carga o actualiza", url_pagina, requerido=True)
    descripcion = v.texto("descripcion", "Información por cargar o actualizar", descripcion, 5000,
                          requerido=True, multilinea=True)
    v.validar()
    dependencia = oficio.procedencia if oficio.procedencia_id else None
    nombre = dependencia.nombre if dependencia else oficio.procedencia_texto
    momento = ahora()
    with transaccion():
        solicitud = SolicitudCargaWeb(
            oficio=oficio, dependencia=dependencia, url_pagina=url_pagina, descripcion=descripcion,
            contiene_imagenes=bool(contiene_imagenes), estado=IMAGENES if contiene_imagenes else PROGRAMACION,
            responsabilidad=responsabilidad(nombre), creado_por=actor, creado_en=momento, modificado_en=momento,
            busqueda=texto_busqueda(url_pagina, descripcion[:300], nombre, oficio.numero_oficio))
        tramite = expediente.abrir(
            actor, PROCEDIMIENTO, f"Carga web: {descripcion[:200]}", dependencia=dependencia, oficio_entrada=oficio,
            momento=momento, hasta="2.1" if contiene_imagenes else "3",
            respuestas={"2": "Sí" if contiene_imagenes else "No"},
            datos={"1": {"url_pagina": url_pagina, "descripcion_informacion": descripcion}})
        solicitud.expediente = tramite
        bitacora.guardar(solicitud, "solicitud de carga web", actor)
    return solicitud


@cambia("solicitud")
def agregar_imagenes(actor: Usuario | None, solicitud: SolicitudCargaWeb, archivos: list[tuple[str, bytes]],
                     politica: revision.Politica = revision.Politica(), version: int | None = None
                     ) -> list[ImagenCargaWeb]:
    """Actividad 2.1: las imágenes del área, revisadas; si una está mal, no se guarda ninguna."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (IMAGENES,), ESTADOS, "recibir imágenes")
    aceptadas = revision.revisar_todas(archivos, politica)
    guardadas = []
    with transaccion():
        for imagen in aceptadas:
            registro = ImagenCargaWeb(solicitud=solicitud, nombre=imagen.nombre, formato=imagen.formato,
                                      tamano=imagen.tamano, ancho=imagen.ancho, alto=imagen.alto,
                                      contenido=imagen.contenido, sha256=hashlib.sha256(imagen.contenido).hexdigest(),
                                      creado_por=actor)
            guardadas.append(bitacora.guardar(registro, "imagen de carga web", actor))
        solicitud.estado = PROGRAMACION
        lista = ", ".join(f"{i.nombre} ({i.formato.upper()} {i.ancho}×{i.alto})" for i in aceptadas)
        comun_casos.guardar_con_tramite(actor, solicitud, "imágenes recibidas", version, "3",
                                        nota=f"Imágenes revisadas: {lista}")
    return guardadas


@cambia("solicitud")
def registrar_programacion(actor: Usuario | None, solicitud: SolicitudCargaWeb, *, cambios: str,
                           url_previo: str = "", version: int | None = None) -> SolicitudCargaWeb:
    """Actividad 3 (o 4.1, las correcciones): se programa y se presenta el previo (4)."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (PROGRAMACION, CORRECCIONES), ESTADOS, "presentar el previo")
    v = Validador()
    cambios = v.texto("cambios", "Programación realizada", cambios, 5000, requerido=True, multilinea=True)
    url_previo = comun.url(v, "url_previo", "Dirección del previo", url_previo)
    v.validar()
    paso = "4.1" if solicitud.estado == CORRECCIONES else "3"
    datos = ({"4.1": {"correcciones": cambios}} if paso == "4.1"
             else {"3": {"cambios_realizados": cambios, **({"url_previo": url_previo} if url_previo else {})}})
    solicitud.cambios_realizados = (f"{solicitud.cambios_realizados}\n{cambios}".strip()
                                    if paso == "4.1" else cambios)
    solicitud.url_previo = url_previo or solicitud.url_previo
    solicitud.estado = PREVIO
    return comun_casos.guardar_con_tramite(actor, solicitud, "previo presentado", version, "4", datos=datos)


@cambia("solicitud")
def resolver_previo(actor: Usuario | None, solicitud: SolicitudCargaWeb, *, acepta: bool, quien: str,
                    observaciones: str = "", version: int | None = None) -> SolicitudCargaWeb:
    """Actividad 4: ¿el previo cumple con las necesidades del solicitante? Sí → 5; No → 4.1."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (PREVIO,), ESTADOS, "resolver el previo")
    v = Validador()
    quien = v.nombre("quien", "Quién revisó el previo por la dependencia", quien, 200, requerido=True)
    observaciones = v.texto("observaciones", "Observaciones del titular", observaciones, 5000, multilinea=True)
    if not acepta and not observaciones:
        v.error("observaciones", "Si el previo no cumple, anote las observaciones: son las correcciones que se harán.")
    v.validar()
    solicitud.observaciones = observaciones
    if acepta:
        solicitud.estado, solicitud.previo_aceptado_en, solicitud.previo_aceptado_por = ACEPTADA, ahora(), quien
        destino, accion = "5", "previo aceptado"
    else:
        solicitud.estado, solicitud.rechazos_previo = CORRECCIONES, solicitud.rechazos_previo + 1
        destino, accion = "4.1", "previo con correcciones"
    return comun_casos.guardar_con_tramite(actor, solicitud, accion, version, destino,
                                           respuestas={"4": "Sí" if acepta else "No"},
                                           datos={"4": {"observaciones": observaciones}} if observaciones else None,
                                           nota=f"Revisó: {quien}")


@cambia("solicitud")
def publicar(actor: Usuario | None, solicitud: SolicitudCargaWeb, *, url_publicacion: str,
             fecha_publicacion: dt.date | None, version: int | None = None) -> SolicitudCargaWeb:
    """Actividad 5: se publica la información; el caso concluye con su fecha y dirección."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (ACEPTADA,), ESTADOS, "publicar")
    v = Validador()
    url_publicacion = comun.url(v, "url_publicacion", "Dirección de la información publicada", url_publicacion,
                                requerido=True)
    fecha_publicacion = v.fecha_no_futura("fecha_publicacion", "Fecha de publicación", fecha_publicacion,
                                          hoy_mexico(), requerido=True)
    if fecha_publicacion and solicitud.previo_aceptado_en and fecha_publicacion < solicitud.previo_aceptado_en.date():
        v.error("fecha_publicacion", "La publicación no puede ser anterior a la aceptación del previo.")
    v.validar()
    solicitud.url_publicacion, solicitud.fecha_publicacion, solicitud.estado = url_publicacion, fecha_publicacion, PUBLICADA
    return comun_casos.guardar_con_tramite(actor, solicitud, "información publicada", version, None,
                                           datos={"5": {"url_publicacion": url_publicacion,
                                                        "fecha_publicacion": fecha_publicacion}})


@cambia("solicitud")
def cancelar(actor: Usuario | None, solicitud: SolicitudCargaWeb, motivo: str,
             version: int | None = None) -> SolicitudCargaWeb:
    permisos.exigir(actor, permisos.CANCELAR_TRAMITE)
    comun_casos.exigir_estado(solicitud, (IMAGENES, PROGRAMACION, PREVIO, CORRECCIONES, ACEPTADA), ESTADOS,
                              "cancelar")
    return comun_casos.cancelar(actor, solicitud, motivo, CANCELADA, version)


def imagenes_de(solicitud_id: int) -> list[dict[str, Any]]:
    return list(ImagenCargaWeb.select(ImagenCargaWeb.id, ImagenCargaWeb.nombre, ImagenCargaWeb.formato,
                                      ImagenCargaWeb.tamano, ImagenCargaWeb.ancho, ImagenCargaWeb.alto)
                .where(ImagenCargaWeb.solicitud == solicitud_id).order_by(ImagenCargaWeb.id).dicts())


def listar(busqueda: str = "", limite: int = 2000) -> list[dict[str, Any]]:
    """Las solicitudes para la tabla, con su dependencia, oficio, estado y trámite."""
    cuantas = (ImagenCargaWeb.select(ImagenCargaWeb.solicitud, fn.COUNT(ImagenCargaWeb.id).alias("n"))
               .group_by(ImagenCargaWeb.solicitud).alias("cuantas"))
    consulta = (SolicitudCargaWeb.select(SolicitudCargaWeb, Dependencia.nombre.alias("dependencia_nombre"),
                                         Oficio.numero_oficio, fn.COALESCE(cuantas.c.n, 0).alias("imagenes"))
                .join(Dependencia, JOIN.LEFT_OUTER, on=(SolicitudCargaWeb.dependencia == Dependencia.id))
                .switch(SolicitudCargaWeb).join(Oficio, JOIN.LEFT_OUTER, on=(SolicitudCargaWeb.oficio == Oficio.id))
                .switch(SolicitudCargaWeb)
                .join(cuantas, JOIN.LEFT_OUTER, on=(cuantas.c.solicitud_id == SolicitudCargaWeb.id)))
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, SolicitudCargaWeb, busqueda, por_palabras=False)
    filas = list(consulta.order_by(SolicitudCargaWeb.id.desc()).limit(limite).dicts())
    textos = expediente.textos_de([f["expediente"] for f in filas])
    for fila in filas:
        fila["estado_texto"] = ESTADOS.get(fila["estado"], fila["estado"])
        fila["tramite"] = textos.get(fila["expediente"], "(sin trámite)")
    return filas


def por_expediente(tramite_id: int) -> SolicitudCargaWeb | None:
    return SolicitudCargaWeb.get_or_none(SolicitudCargaWeb.expediente == tramite_id) if tramite_id else None
