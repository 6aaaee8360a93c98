"""Los oficios de un proyecto: respuesta de no viabilidad u observaciones, y la entrega.

Salen con el servicio de oficios desde las plantillas editables de ``formatos/`` (ningún ``${…}``
sin llenar) y van al titular de la dependencia solicitante, en respuesta a su oficio. Las respuestas
del procedimiento 18 las firma el Tesorero Municipal, o el director con la autorización del Tesorero
registrada (política 3): el oficio dice quién firmó y por qué autoridad.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.base_datos import transaccion
from app.errores import ErrorDTI, ErrorValidacion
from app.modelos import Oficio, ServidorPublico, Tramite, Usuario
from app.modelos.proyectos import ENTREGADO, NO_VIABLE, OBSERVADO, Proyecto
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import permisos
from app.servicios.nucleo.validacion import Validador
from app.servicios.oficios import oficios
from app.servicios.oficios.oficios import Firma
from app.servicios.proyectos import flujo, proyectos
from app.servicios.tramites import expediente, procedimientos

POLITICA_18 = ("Política 3 del procedimiento 18: los oficios de contestación los firma únicamente el Tesorero "
               "Municipal; en casos excepcionales, el director del área competente, previa consulta y "
               "autorización del Tesorero.")


def firma_de(proyecto: Proyecto, firmante: ServidorPublico | None, autorizacion: str = "") -> tuple[Firma, str]:
    """Quién firma la respuesta del proyecto y por qué autoridad; rehúsa la firma que la política no admite."""
    institucion = catalogos.institucion()
    titular = institucion.titular_dti if institucion.titular_dti_id else None
    if proyecto.procedimiento not in flujo.FIRMA_TESORERO:
        if titular is None:
            raise ErrorDTI("Configure al titular de la DTI en Catálogos › Institución antes de emitir oficios.")
        return Firma(titular.nombre, titular.cargo), ""
    tesorero = institucion.tesorero if institucion.tesorero_id else None
    if tesorero is None:
        raise ErrorDTI("Configure al Tesorero Municipal en Catálogos › Institución: este oficio lo firma él.")
    v = Validador()
    autorizacion = v.texto("autorizacion_tesorero", "Autorización del Tesorero", autorizacion, 300)
    v.validar()
    if firmante is None or firmante.id == tesorero.id:
        return Firma(tesorero.nombre, tesorero.cargo), ""
    if titular is not None and firmante.id == titular.id:
        if not autorizacion:
            raise ErrorValidacion([("autorizacion_tesorero", f"El director solo firma esta respuesta con la "
                                    f"autorización del Tesorero Municipal registrada (oficio y fecha). {POLITICA_18}")])
        cargo = f"{titular.cargo}, por autorización del Tesorero Municipal {tesorero.nombre} ({autorizacion})"
        return Firma(titular.nombre, cargo[:300]), autorizacion
    raise ErrorValidacion([("firmante", f"«{firmante.nombre}» no puede firmar esta respuesta: la firma el Tesorero "
                                        f"Municipal; el director, solo con su autorización. {POLITICA_18}")])


def _destinatario(proyecto: Proyecto) -> dict[str, Any]:
    oficio = proyecto.oficio if proyecto.oficio_id else None
    dependencia = proyecto.dependencia.nombre if proyecto.dependencia_id else ""
    if proyecto.solicitante_id:
        nombre, cargo = proyecto.solicitante.nombre, proyecto.solicitante.cargo
    elif oficio is not None and oficio.solicitante_nombre:
        nombre, cargo = oficio.solicitante_nombre, oficio.solicitante_cargo
    else:
        nombre, cargo = (f"Titular de {dependencia}" if dependencia else ""), ""
    return {"destinatario_nombre": nombre, "destinatario_cargo": cargo, "destinatario_dependencia": dependencia,
            "en_respuesta_a": oficio, "tramite_id": proyecto.expediente_id}


def _variables(proyecto: Proyecto) -> dict[str, Any]:
    oficio = proyecto.oficio if proyecto.oficio_id else None
    tramite = Tramite.get_by_id(proyecto.expediente_id)
    numero = ""
    if oficio is not None:
        numero = oficio.numero_oficio or f"sin número, recibido el {oficio.recibido_en:%d/%m/%Y}"
    return {"oficio_entrada": numero, "asunto": tramite.asunto, "numero_tramite": tramite.numero,
            "procedimiento": procedimientos.obtener(proyecto.procedimiento).titulo, "nombre_sistema": proyecto.nombre}


def responder_no_viable(actor: Usuario | None, proyecto: Proyecto, *, motivo: str,
                        firmante: ServidorPublico | None = None, autorizacion: str = "") -> Oficio:
    """La respuesta a un proyecto no viable (3: el trámite concluye) u observado (18: vuelve a valorarse)."""
    proyectos._exigir(actor, proyecto)
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    proyecto = proyectos.obtener(proyecto.id)
    if proyecto.etapa not in (NO_VIABLE, OBSERVADO) or proyecto.procedimiento not in (3, 18):
        raise ErrorDTI("Solo un proyecto no viable del procedimiento 3, u observado del 18, lleva esta respuesta.")
    v = Validador()
    motivo = v.texto("motivo", "Motivo u observaciones", motivo, 5000, requerido=True, multilinea=True)
    v.validar()
    firma, autorizacion = firma_de(proyecto, firmante, autorizacion)
    variables = _variables(proyecto)
    if proyecto.procedimiento == 3:
        clave, variables["motivo_no_viable"] = "tramite_proyecto_no_viable", motivo
    else:
        clave, variables["observaciones"] = "tramite_observaciones_infraestructura", motivo
    with transaccion():
        oficio = oficios.emitir_desde_plantilla(actor, clave, variables, firmantes=[firma], **_destinatario(proyecto))
        proyecto.oficio_respuesta, proyecto.firmante_nombre = oficio, firma.nombre
        proyecto.autorizacion_tesorero = autorizacion
        if proyecto.procedimiento == 3:
            expediente.concluir(actor, proyecto.expediente, nota=f"Oficio {oficio.folio}: proyecto no viable.")
        proyectos._guardar(actor, proyecto, "respuesta de proyecto")
    return oficio


def entregar(actor: Usuario | None, proyecto: Proyecto, *, fecha: dt.date, url: str = "",
             ubicacion_fuente: str = "", trabajos_realizados: str = "", ubicacion: str = "",
             firmante: ServidorPublico | None = None, autorizacion: str = "") -> Oficio:
    """Entrega el proyecto con oficio al titular de la dependencia y concluye su trámite.

    Rehúsa sin memoria técnica, manual de usuario o ubicación del código fuente (11, 13 y 15), sin la
    beta aceptada (3, 11 y 15) y, en el 18, con una firma que la política 3 no admite.
    """
    proyectos._exigir(actor, proyecto)
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    proyecto = proyectos._abierto(proyecto)
    v = Validador()
    url = v.texto("url", "Dirección del sistema o página", url, 500)
    ubicacion_fuente = v.texto("ubicacion_fuente", "Ubicación del código fuente", ubicacion_fuente, 500)
    trabajos = v.texto("trabajos_realizados", "Trabajos realizados", trabajos_realizados, 5000,
                       requerido=proyecto.procedimiento == 18, multilinea=True)
    ubicacion = v.texto("ubicacion", "Lugar de la instalación", ubicacion, 300, requerido=proyecto.procedimiento == 18)
    if not isinstance(fecha, dt.date):
        v.error("fecha", "Capture la fecha de implementación.")
    if proyecto.procedimiento == 13 and not url:
        v.error("url", "Capture la dirección en que se publicó la página web.")
    for mensaje in proyectos.faltantes_entrega(proyecto, ubicacion_fuente or proyecto.ubicacion_fuente):
        v.error("entregables", f"No se entrega: {mensaje}")
    v.validar()
    firma, autorizacion = firma_de(proyecto, firmante, autorizacion)
    variables = _variables(proyecto)
    if proyecto.procedimiento == 18:
        clave = "tramite_infraestructura_concluida"
        variables.update(ubicacion=ubicacion, fecha_conclusion=f"{fecha:%d/%m/%Y}", trabajos_realizados=trabajos)
    else:
        clave = "tramite_entrega_sistema"
        variables["fecha_operacion"] = f"{fecha:%d/%m/%Y}"
    with transaccion():
        oficio = oficios.emitir_desde_plantilla(actor, clave, variables, firmantes=[firma], **_destinatario(proyecto))
        proyecto.oficio_entrega, proyecto.firmante_nombre, proyecto.autorizacion_tesorero = oficio, firma.nombre, autorizacion
        proyecto.implementado_el, proyecto.url, proyecto.etapa = fecha, url, ENTREGADO
        if ubicacion_fuente:
            proyecto.ubicacion_fuente = ubicacion_fuente
        proyectos._mover(actor, proyecto, "entregar", nota=f"Entregado con el oficio {oficio.folio}.")
        proyectos._guardar(actor, proyecto, "entrega de proyecto")
    return oficio
