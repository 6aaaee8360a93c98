"""El CFDI del proveedor y el pago con la Dirección de Egresos (actividad 5 del procedimiento 1).

* El CFDI se lee con el lector seguro (:mod:`app.documentos.cfdi`): debe ser una factura de
  ingreso timbrada, emitida por el RFC del proveedor contratado, y su total debe coincidir con el
  contrato; si no coincide, la diferencia se explica (queda en el oficio de pago).
* El pago no se tramita antes de una recepción conforme.
* Estados del pago: solicitado (oficio a Egresos) → en trámite → pagado, con fecha y referencia.
"""
from __future__ import annotations

from typing import Any

from app.base_datos import transaccion
from app.errores import ErrorTransicion, ErrorValidacion
from app.modelos import Usuario
from app.modelos.adquisiciones import (CONTRATADA, EN_COMPRA, EN_CORRECCION, PAGADA, PAGO_EN_TRAMITE,
                                       PAGO_SOLICITADO, RECIBIDA, SOLICITADA, Adquisicion)
from app.servicios.adquisiciones import expedientes, oficios_adquisicion
from app.servicios.adquisiciones.comun import CENTAVO, exigir, exigir_estado, fecha, guardar, nombre
from app.servicios.nucleo import archivos, permisos
from app.servicios.nucleo.validacion import Validador
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia

MAXIMO_XML = 5 * 1024 * 1024
MAXIMO_PDF = 25 * 1024 * 1024
MENSAJE_SIN_RECEPCION = ("No se puede tramitar el pago: el bien o servicio aún no se recibe conforme con lo "
                         "solicitado (actividad 4 del procedimiento 1). Registre primero una recepción conforme.")


def diferencia(adquisicion: Adquisicion):
    """Total del CFDI − importe del contrato (None si falta alguno)."""
    if adquisicion.cfdi_total is None or adquisicion.importe is None:
        return None
    return adquisicion.cfdi_total - adquisicion.importe


@cambia("adquisicion")
def registrar_cfdi(actor: Usuario | None, adquisicion: Adquisicion, *, xml: bytes, pdf: bytes | None,
                   nombre_xml: str = "", explicacion_diferencia: str = "",
                   version: int | None = None) -> Adquisicion:
    """Adjunta y lee el CFDI del proveedor (XML y su representación impresa en PDF)."""
    from app.documentos.cfdi import leer_cfdi

    exigir(actor)
    exigir_estado(adquisicion, (CONTRATADA, EN_CORRECCION, RECIBIDA), "adjuntar el CFDI")
    v = Validador()
    explicacion = v.texto("explicacion_diferencia", "Explicación de la diferencia", explicacion_diferencia, 2000,
                          multilinea=True)
    if not isinstance(xml, (bytes, bytearray)) or not xml:
        raise ErrorValidacion([("xml", "Falta el archivo XML del CFDI.")])
    if len(xml) > MAXIMO_XML:
        raise ErrorValidacion([("xml", "El XML pesa más de 5 MB: no es un CFDI.")])
    if not pdf:
        v.error("pdf", "Falta la representación impresa (PDF) del CFDI: se anexa al oficio de pago.")
    elif len(pdf) > MAXIMO_PDF or not archivos.es_pdf(bytes(pdf)):
        v.error("pdf", "La representación impresa del CFDI no es un PDF válido (o pesa más de 25 MB).")
    cfdi = leer_cfdi(bytes(xml))
    if cfdi.tipo_comprobante != "I":
        v.error("xml", f"El CFDI es de tipo {cfdi.tipo_comprobante}, no una factura de ingreso (tipo I).")
    proveedor = adquisicion.proveedor
    if cfdi.rfc_emisor.upper() != proveedor.rfc.upper():
        v.error("xml", f"El CFDI lo emitió el RFC {cfdi.rfc_emisor}, no el proveedor contratado "
                       f"{proveedor.razon_social} ({proveedor.rfc}).")
    otra = (Adquisicion.select()
            .where((Adquisicion.cfdi_uuid == cfdi.uuid.upper()) & (Adquisicion.id != adquisicion.id)).first())
    if otra is not None:
        v.error("xml", f"El CFDI {cfdi.uuid} ya está registrado en la {nombre(otra).lower()}.")
    total = cfdi.total_decimal.quantize(CENTAVO)
    if total != adquisicion.importe and not explicacion:
        v.error("explicacion_diferencia",
                f"El total del CFDI (${total:,.2f}) no coincide con el contrato (${adquisicion.importe:,.2f}); "
                f"diferencia de ${total - adquisicion.importe:,.2f}. Explique la diferencia o pida al proveedor "
                "un CFDI por el importe contratado.")
    v.validar()
    leida = adquisicion.version if version is None else version
    with transaccion():
        adquisicion.cfdi_uuid, adquisicion.cfdi_total = cfdi.uuid.upper(), total
        adquisicion.cfdi_fecha = cfdi.fecha.date() if hasattr(cfdi.fecha, "date") else cfdi.fecha
        adquisicion.cfdi_xml, adquisicion.cfdi_pdf = bytes(xml), bytes(pdf)
        adquisicion.cfdi_nombre = (nombre_xml or f"{adquisicion.cfdi_uuid}.xml")[:255]
        adquisicion.explicacion_diferencia = explicacion if total != adquisicion.importe else ""
        return guardar(actor, adquisicion, "CFDI del proveedor adjuntado", leida)


@cambia("adquisicion")
def solicitar_pago(actor: Usuario | None, adquisicion: Adquisicion, version: int | None = None) -> Adquisicion:
    """Emite el oficio a la Dirección de Egresos para tramitar el pago (estado «pago solicitado»)."""
    exigir(actor)
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    if adquisicion.estado in (SOLICITADA, EN_COMPRA, CONTRATADA, EN_CORRECCION):
        raise ErrorTransicion(MENSAJE_SIN_RECEPCION)
    exigir_estado(adquisicion, (RECIBIDA,), "solicitar el pago")
    if not adquisicion.cfdi_uuid:
        raise ErrorValidacion([("xml", "Adjunte primero el CFDI del proveedor (XML y PDF): el oficio de pago "
                                       "cita su folio fiscal e importe.")])
    leida = adquisicion.version if version is None else version
    with transaccion():
        expedientes.llevar(actor, adquisicion, "5", datos={"5": {"folio_fiscal": adquisicion.cfdi_uuid,
                                                                 "importe_factura": adquisicion.cfdi_total}})
        adquisicion.oficio_pago = oficios_adquisicion.solicitud_pago(actor, adquisicion)
        adquisicion.estado, adquisicion.pago_solicitado_en = PAGO_SOLICITADO, hoy_mexico()
        return guardar(actor, adquisicion, "pago solicitado a la Dirección de Egresos", leida)


@cambia("adquisicion")
def marcar_en_tramite(actor: Usuario | None, adquisicion: Adquisicion, fecha_tramite: Any = None,
                      version: int | None = None) -> Adquisicion:
    """Egresos recibió el oficio y tramita el pago."""
    exigir(actor)
    if adquisicion.estado in (SOLICITADA, EN_COMPRA, CONTRATADA, EN_CORRECCION):
        raise ErrorTransicion(MENSAJE_SIN_RECEPCION)
    exigir_estado(adquisicion, (PAGO_SOLICITADO,), "marcar el pago en trámite")
    v = Validador()
    dia = fecha(v, "fecha", "Fecha", fecha_tramite, requerido=False) or hoy_mexico()
    v.fecha_no_futura("fecha", "Fecha", dia, hoy_mexico())
    if adquisicion.pago_solicitado_en and dia < adquisicion.pago_solicitado_en:
        v.error("fecha", "El pago no puede entrar en trámite antes de solicitarse.")
    v.validar()
    leida = adquisicion.version if version is None else version
    adquisicion.estado, adquisicion.pago_en_tramite_en = PAGO_EN_TRAMITE, dia
    return guardar(actor, adquisicion, "pago en trámite en la Dirección de Egresos", leida)


@cambia("adquisicion")
def marcar_pagado(actor: Usuario | None, adquisicion: Adquisicion, *, fecha_pago: Any, referencia: str,
                  version: int | None = None) -> Adquisicion:
    """Egresos pagó: fecha y referencia (transferencia, cheque); el trámite concluye."""
    exigir(actor)
    if adquisicion.estado in (SOLICITADA, EN_COMPRA, CONTRATADA, EN_CORRECCION):
        raise ErrorTransicion(MENSAJE_SIN_RECEPCION)
    if adquisicion.estado in (RECIBIDA, PAGO_SOLICITADO):
        raise ErrorTransicion("El pago sigue el orden solicitado → en trámite → pagado: "
                              + ("solicite primero el pago a Egresos." if adquisicion.estado == RECIBIDA
                                 else "márquelo primero en trámite."))
    exigir_estado(adquisicion, (PAGO_EN_TRAMITE,), "marcar la adquisición pagada")
    v = Validador()
    dia = fecha(v, "fecha_pago", "Fecha del pago", fecha_pago)
    v.fecha_no_futura("fecha_pago", "Fecha del pago", dia, hoy_mexico())
    if dia is not None and adquisicion.pago_en_tramite_en and dia < adquisicion.pago_en_tramite_en:
        v.error("fecha_pago", "La fecha del pago es anterior a la de su trámite.")
    referencia = v.texto("referencia", "Referencia del pago", referencia, 100, requerido=True)
    v.validar()
    leida = adquisicion.version if version is None else version
    with transaccion():
        adquisicion.estado, adquisicion.pago_fecha, adquisicion.pago_referencia = PAGADA, dia, referencia
        expedientes.llevar(actor, adquisicion, None,
                           nota=f"Pagado el {dia:%d/%m/%Y}, referencia {referencia}.")
        return guardar(actor, adquisicion, "pago al proveedor realizado", leida)


def archivo_cfdi(adquisicion: Adquisicion, tipo: str = "xml") -> tuple[str, bytes]:
    """Nombre y bytes del XML o del PDF del CFDI guardado."""
    contenido = adquisicion.cfdi_xml if tipo == "xml" else adquisicion.cfdi_pdf
    if contenido is None:
        raise ErrorValidacion([("cfdi", "La adquisición no tiene CFDI adjunto.")])
    base = adquisicion.cfdi_uuid or "cfdi"
    return f"{base}.{tipo}", bytes(contenido)


@cambia("adquisicion")
def registrar_cfdi_desde_archivos(actor: Usuario | None, adquisicion: Adquisicion, ruta_xml: str, ruta_pdf: str,
                                  explicacion_diferencia: str = "", version: int | None = None) -> Adquisicion:
    """:func:`registrar_cfdi` leyendo los archivos elegidos con tope (nunca un archivo enorme completo)."""
    v = Validador()
    if not ruta_xml:
        v.error("xml", "Elija el archivo XML del CFDI.")
    if not ruta_pdf:
        v.error("pdf", "Elija la representación impresa (PDF) del CFDI.")
    v.validar()
    nombre_xml, xml = archivos.leer(ruta_xml, MAXIMO_XML, "xml")
    _nombre_pdf, pdf = archivos.leer(ruta_pdf, MAXIMO_PDF, "pdf")
    return registrar_cfdi(actor, adquisicion, xml=xml, pdf=pdf, nombre_xml=nombre_xml,
                          explicacion_diferencia=explicacion_diferencia, version=version)
