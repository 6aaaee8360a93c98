"""Los oficios de respuesta del módulo Web, desde las plantillas editables de ``formatos/``.

* ``web_carga_publicada``: la información se publicó (procedimiento 14), con la nota de responsabilidad.
* ``web_declaraciones_publicadas``: la actualización de la plataforma se publicó (procedimiento 16).
* ``web_hipervinculos_elaborados``: los hipervínculos quedaron en el hosting (procedimiento 17).

Cada uno responde al oficio recibido del caso y queda en su trámite; sin caso concluido no se emite.
"""
from __future__ import annotations

from typing import Any

from app.errores import ErrorTransicion
from app.modelos import Hipervinculo, Oficio, Tramite, Usuario
from app.modelos.web import PUBLICADA, SolicitudCargaWeb, SolicitudDeclaraciones, SolicitudHipervinculos
from app.servicios.oficios import oficios

PLANTILLA_CARGA = "web_carga_publicada"
PLANTILLA_DECLARACIONES = "web_declaraciones_publicadas"
PLANTILLA_HIPERVINCULOS = "web_hipervinculos_elaborados"


def _comunes(registro: Any) -> tuple[dict[str, str], dict[str, Any]]:
    if registro.estado != PUBLICADA:
        raise ErrorTransicion("El oficio de respuesta se emite cuando el caso ya concluyó (publicado).")
    entrante: Oficio | None = registro.oficio if registro.oficio_id else None
    if entrante is None:
        raise ErrorTransicion("El caso no tiene oficio recibido al cual responder.")
    tramite = Tramite.get_by_id(registro.expediente_id) if registro.expediente_id else None
    variables = {
        "numero_oficio": entrante.numero_oficio or "sin número",
        "fecha_oficio": f"{entrante.fecha_documento:%d/%m/%Y}" if entrante.fecha_documento
        else f"{entrante.recibido_en:%d/%m/%Y}",
        "tramite": tramite.numero if tramite else "sin trámite",
    }
    procedencia = entrante.procedencia.nombre if entrante.procedencia_id else entrante.procedencia_texto
    datos = dict(destinatario_nombre=entrante.solicitante_nombre or f"Titular de {procedencia or 'la dependencia'}",
                 destinatario_cargo=entrante.solicitante_cargo, destinatario_dependencia=procedencia,
                 en_respuesta_a=entrante, tramite_id=tramite.id if tramite else None)
    return variables, datos


def variables_carga(solicitud: SolicitudCargaWeb) -> tuple[dict[str, str], dict[str, Any]]:
    variables, datos = _comunes(solicitud)
    variables.update(url_pagina=solicitud.url_pagina, url_publicacion=solicitud.url_publicacion,
                     fecha_publicacion=f"{solicitud.fecha_publicacion:%d/%m/%Y}",
                     aceptado_por=solicitud.previo_aceptado_por, responsabilidad=solicitud.responsabilidad)
    return variables, datos


def variables_declaraciones(solicitud: SolicitudDeclaraciones) -> tuple[dict[str, str], dict[str, Any]]:
    variables, datos = _comunes(solicitud)
    variables.update(fecha_publicacion=f"{solicitud.fecha_publicacion:%d/%m/%Y}", actualizacion=solicitud.actualizacion,
                     cambios="; ".join(x for x in (solicitud.cambios_programados, solicitud.correcciones) if x),
                     aceptado_por=solicitud.aceptado_por)
    return variables, datos


def variables_hipervinculos(solicitud: SolicitudHipervinculos) -> tuple[dict[str, str], dict[str, Any]]:
    variables, datos = _comunes(solicitud)
    enlaces = Hipervinculo.select().where(Hipervinculo.solicitud == solicitud.id).order_by(Hipervinculo.id)
    variables.update(area=solicitud.area.nombre, carpeta=solicitud.carpeta,
                     hipervinculos="\n".join(f"• {h.fraccion} ({h.periodo}): {h.url}" for h in enlaces))
    return variables, datos


def emitir_respuesta(actor: Usuario | None, registro: Any) -> Oficio:
    """Emite con folio el oficio de respuesta del caso (según su procedimiento)."""
    if isinstance(registro, SolicitudCargaWeb):
        clave, (variables, datos) = PLANTILLA_CARGA, variables_carga(registro)
    elif isinstance(registro, SolicitudDeclaraciones):
        clave, (variables, datos) = PLANTILLA_DECLARACIONES, variables_declaraciones(registro)
    else:
        clave, (variables, datos) = PLANTILLA_HIPERVINCULOS, variables_hipervinculos(registro)
    return oficios.emitir_desde_plantilla(actor, clave, variables, **datos)
