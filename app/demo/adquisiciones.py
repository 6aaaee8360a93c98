"""Demostración del procedimiento 1: adquisiciones en distintos estados.

* impresoras de Egresos: recepción tardía y no conforme (corrección pedida), luego conforme, CFDI y
  pago en trámite (la del oficio TM/DE/0412/2026 de la demostración general);
* no-breaks para Catastro: pagada, con sus bienes por dar de alta al inventario;
* tabletas para Desarrollo Urbano: no viable, con su solución alternativa por oficio;
* switches para el DIF: contratada, por recibir; y una solicitud recién registrada en evaluación.

Los CFDI son de demostración (sin sello válido), con la forma de una factura 4.0 timbrada.
"""
from __future__ import annotations

import datetime as dt
import io
import uuid as uuid_lib
from decimal import Decimal
from typing import Any

from app.modelos import Oficio, Proveedor, Usuario
from app.servicios.adquisiciones import adquisiciones, pagos, recepcion
from app.servicios.oficios import oficios
from app.tiempo import hoy_mexico

RFC_MUNICIPIO = "MST850101AB1"


def cfdi_demo(proveedor: Proveedor, conceptos: list[tuple[str, int, Decimal]], fecha: dt.date,
              semilla: str) -> bytes:
    """Un CFDI 4.0 de demostración: ``conceptos`` = (descripción, cantidad, precio unitario con IVA)."""
    renglones, subtotal, iva_total = [], Decimal("0"), Decimal("0")
    for descripcion, cantidad, precio in conceptos:
        base = (precio / Decimal("1.16")).quantize(Decimal("0.01"))
        importe = base * cantidad
        iva = (precio * cantidad) - importe
        subtotal += importe
        iva_total += iva
        renglones.append(
            f'<cfdi:Concepto ClaveProdServ="43211500" Cantidad="{cantidad}" ClaveUnidad="H87" '
            f'Descripcion="{descripcion}" ValorUnitario="{base}" Importe="{importe}" ObjetoImp="02">'
            f'<cfdi:Impuestos><cfdi:Traslados><cfdi:Traslado Base="{importe}" Impuesto="002" TipoFactor="Tasa" '
            f'TasaOCuota="0.160000" Importe="{iva}"/></cfdi:Traslados></cfdi:Impuestos></cfdi:Concepto>')
    total = subtotal + iva_total
    uuid = str(uuid_lib.uuid5(uuid_lib.NAMESPACE_URL, f"dti-demo-cfdi-{semilla}")).upper()
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" '
        'xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="4.0" '
        f'Fecha="{fecha.isoformat()}T10:00:00" Moneda="MXN" TipoDeComprobante="I" Exportacion="01" '
        f'MetodoPago="PPD" LugarExpedicion="74000" SubTotal="{subtotal}" Total="{total}">'
        f'<cfdi:Emisor Rfc="{proveedor.rfc}" Nombre="{proveedor.razon_social.upper()}" RegimenFiscal="601"/>'
        f'<cfdi:Receptor Rfc="{RFC_MUNICIPIO}" Nombre="MUNICIPIO DE SAN MARTIN TEXMELUCAN" '
        'DomicilioFiscalReceptor="74000" RegimenFiscalReceptor="603" UsoCFDI="G03"/>'
        f'<cfdi:Conceptos>{"".join(renglones)}</cfdi:Conceptos>'
        f'<cfdi:Impuestos TotalImpuestosTrasladados="{iva_total}"><cfdi:Traslados>'
        f'<cfdi:Traslado Base="{subtotal}" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" '
        f'Importe="{iva_total}"/></cfdi:Traslados></cfdi:Impuestos>'
        f'<cfdi:Complemento><tfd:TimbreFiscalDigital Version="1.1" UUID="{uuid}" '
        f'FechaTimbrado="{fecha.isoformat()}T10:05:00" RfcProvCertif="SAT970701NN3" '
        'SelloCFD="demo" NoCertificadoSAT="00001000000000000000" SelloSAT="demo"/></cfdi:Complemento>'
        '</cfdi:Comprobante>')
    return xml.encode("utf-8")


def pdf_demo(titulo: str) -> bytes:
    """Una representación impresa mínima del CFDI (PDF de una página)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    salida = io.BytesIO()
    hoja = canvas.Canvas(salida, pagesize=letter, invariant=1)
    hoja.drawString(72, 720, titulo)
    hoja.showPage()
    hoja.save()
    return salida.getvalue()


def _entrante(asistente: Usuario, numero: str, dias: int, dependencia, nombre: str, cargo: str,
              descripcion: str) -> Oficio:
    return oficios.registrar_oficio_entrante(
        asistente, numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=dias),
        procedencia=dependencia, solicitante_nombre=nombre, solicitante_cargo=cargo, firmado=True,
        descripcion=descripcion)


def impresoras(cuentas: dict[str, Usuario], oficio_impresoras: Oficio):
    """Impresoras de Egresos: entrega tardía y no conforme, corrección, recepción conforme, pago en trámite."""
    director = cuentas["director"]
    hoy = hoy_mexico()
    hace = lambda dias: hoy - dt.timedelta(days=dias)  # noqa: E731
    impresion = Proveedor.get(Proveedor.rfc == "SIM150720QW9")
    a1 = adquisiciones.registrar(director, descripcion="Dos impresoras multifuncionales láser para el área de "
                                                      "pagos de la Dirección de Egresos.", oficio=oficio_impresoras)
    adquisiciones.evaluar(director, a1, viable=True, costo_estimado=Decimal("18450.00"),
                          justificacion="Las impresoras actuales ya no tienen refacciones y frenan los pagos; "
                                        "hay suficiencia presupuestal en la partida 5151.")
    adquisiciones.contratar(director, a1, proveedor=impresion.rfc, numero_contrato="DTI/OC/031/2026",
                            fecha_contrato=hace(30), fecha_entrega_pactada=hace(20),
                            partidas=[{"descripcion": "Impresora multifuncional láser monocromática", "cantidad": 2,
                                       "precio_unitario": "8990.00", "marca": "Brother", "modelo": "MFC-L6915DW"},
                                      {"descripcion": "Instalación y configuración en red", "cantidad": 1,
                                       "precio_unitario": "470.00", "es_bien": False}])
    p1, p2 = sorted(a1.partidas, key=lambda p: p.numero)
    recepcion.recibir(director, a1, fecha_recepcion=hace(17), observaciones="Llegó una sola impresora.",
                      revisiones=[{"partida": p1.id, "cantidad_recibida": 1, "conforme": False,
                                   "observacion": "Falta una impresora; la recibida trae la charola dañada."},
                                  {"partida": p2.id, "cantidad_recibida": 0, "conforme": False,
                                   "observacion": "No se puede instalar sin los dos equipos."}])
    recepcion.recibir(director, a1, fecha_recepcion=hace(12),
                      revisiones=[{"partida": p1.id, "cantidad_recibida": 2, "conforme": True,
                                   "series": ["E78412J5N102334", "E78412J5N102391"]},
                                  {"partida": p2.id, "cantidad_recibida": 1, "conforme": True}])
    pagos.registrar_cfdi(director, a1, xml=cfdi_demo(impresion, [("Impresora multifuncional Brother MFC-L6915DW",
                                                                   2, Decimal("8990.00")),
                                                                  ("Instalación y configuración", 1,
                                                                   Decimal("470.00"))], hace(11), "impresoras"),
                         pdf=pdf_demo("CFDI impresoras"), nombre_xml="SIM-A-1187.xml")
    pagos.solicitar_pago(director, a1)
    pagos.marcar_en_tramite(director, a1)
    return a1


def cargar(cuentas: dict[str, Usuario], deps: dict[str, Any]) -> dict[str, int]:
    """Las demás adquisiciones de demostración (la de impresoras la abre :func:`impresoras`)."""
    director, asistente = cuentas["director"], cuentas["asistente"]
    hoy = hoy_mexico()
    hace = lambda dias: hoy - dt.timedelta(days=dias)  # noqa: E731
    redes = Proveedor.get(Proveedor.rfc == "RSA1103158K2")
    energia = Proveedor.get(Proveedor.rfc == "ESE180301LM4")

    # 2. No-breaks para Catastro: pagados y dados de alta al inventario.
    e2 = _entrante(asistente, "DC/0041/2026", 45, deps["DC"], "Sofía Navarro Peña", "Directora de Catastro",
                   "Solicita tres no-breaks para los equipos de las ventanillas de atención.")
    a2 = adquisiciones.registrar(director, descripcion="Tres no-breaks de 1500 VA para las ventanillas de Catastro.",
                                 oficio=e2)
    adquisiciones.evaluar(director, a2, viable=True, costo_estimado=Decimal("9000.00"),
                          justificacion="Los apagones dañaron dos fuentes de poder en el último mes.")
    adquisiciones.contratar(director, a2, proveedor=energia, numero_contrato="DTI/OC/027/2026",
                            fecha_contrato=hace(40), fecha_entrega_pactada=hace(30),
                            partidas=[{"descripcion": "No-break de 1500 VA, 8 contactos", "cantidad": 3,
                                       "precio_unitario": "2899.00", "marca": "APC", "modelo": "BR1500G"}])
    (partida,) = list(a2.partidas)
    recepcion.recibir(director, a2, fecha_recepcion=hace(31), revisiones=[{
        "partida": partida.id, "cantidad_recibida": 3, "conforme": True,
        "series": ["3B2241X10563", "3B2241X10577", "3B2241X10590"]}])
    pagos.registrar_cfdi(director, a2, xml=cfdi_demo(energia, [("No-break APC BR1500G", 3, Decimal("2899.00"))],
                                                     hace(30), "nobreaks"), pdf=pdf_demo("CFDI no-breaks"))
    pagos.solicitar_pago(director, a2)
    pagos.marcar_en_tramite(director, a2)
    pagos.marcar_pagado(director, a2, fecha_pago=hoy, referencia="SPEI 0026-118734")
    # Su alta al inventario queda por hacer desde la pestaña (el inventario de la demostración no cambia).

    # 3. Tabletas para Desarrollo Urbano: no viable, con solución alternativa.
    e3 = _entrante(asistente, "DDU/0210/2026", 8, deps["SDUE"], "Arq. Tomás Medina Ríos",
                   "Secretario de Desarrollo Urbano y Ecología", "Solicita diez tabletas para inspectores de obra.")
    a3 = adquisiciones.registrar(director, descripcion="Diez tabletas con plan de datos para los inspectores de obra.",
                                 oficio=e3)
    adquisiciones.evaluar(director, a3, viable=False, costo_estimado=Decimal("64900.00"),
                          justificacion="No hay suficiencia presupuestal en el ejercicio 2026.",
                          motivo_no_viable="La partida 5151 está comprometida y el plan de datos requiere "
                                           "contrato plurianual.",
                          solucion_alternativa="Asignar cuatro laptops del almacén de la DTI y habilitar la "
                                               "captura de inspecciones sin conexión en el sistema de licencias "
                                               "de construcción.")

    # 4. Switches para el DIF: contratados, por recibir.
    e4 = _entrante(asistente, "DIF/0377/2026", 12, deps["DIF"], "Patricia Morales Guzmán",
                   "Directora del Sistema Municipal DIF", "Solicita equipo de red para el nuevo consultorio.")
    a4 = adquisiciones.registrar(director, descripcion="Dos switches administrables de 24 puertos PoE.", oficio=e4)
    adquisiciones.evaluar(director, a4, viable=True, justificacion="Se necesita para el nodo de red del consultorio.")
    adquisiciones.contratar(director, a4, proveedor=redes, numero_contrato="DTI/OC/035/2026",
                            fecha_contrato=hace(5), fecha_entrega_pactada=hoy + dt.timedelta(days=5),
                            partidas=[{"descripcion": "Switch administrable 24 puertos PoE+", "cantidad": 2,
                                       "precio_unitario": "7450.00", "marca": "Ubiquiti", "modelo": "USW-24-POE"}])

    # 5. En evaluación.
    e5 = _entrante(asistente, "DI/0140/2026", 1, deps["DI"], "Martha Elena Cruz Solís", "Directora de Ingresos",
                   "Solicita dos lectores de código de barras para las cajas.")
    adquisiciones.registrar(asistente, descripcion="Dos lectores de código de barras para las cajas de Ingresos.",
                            oficio=e5)
    return {"adquisiciones": 5, "oficios_recibidos_adquisiciones": 4}
