"""Los oficios del procedimiento 1, desde las plantillas editables de ``formatos/``.

* ``tramite_solucion_alternativa``: a la dependencia, cuando la adquisición no es viable (2.1);
* ``tramite_correccion_proveedor``: al proveedor, cuando lo entregado no cumple (4.1);
* ``tramite_solicitud_pago_proveedor``: a la Dirección de Egresos, para tramitar el pago (5).

Los firma el titular de la DTI; ninguno sale con una variable sin llenar (el servicio de oficios lo
rehúsa antes de tomar el folio).
"""
from __future__ import annotations

from typing import Any

from app.modelos import Dependencia, Oficio, ServidorPublico, Usuario
from app.modelos.adquisiciones import Adquisicion
from app.servicios.oficios import oficios
from app.servicios.tramites import procedimientos
from app.servicios.adquisiciones.comun import PROCEDIMIENTO

DEPENDENCIA_PAGOS = "Dirección de Egresos"


def _generales(adquisicion: Adquisicion) -> dict[str, Any]:
    tramite = adquisicion.expediente
    return {"numero_tramite": tramite.numero if tramite else f"adquisición {adquisicion.id}",
            "asunto": tramite.asunto if tramite else adquisicion.descripcion,
            "procedimiento": procedimientos.obtener(PROCEDIMIENTO).titulo,
            "dependencia": adquisicion.dependencia.nombre if adquisicion.dependencia_id else "la Dirección de "
                                                                                            "Tecnologías de la Información",
            "oficio_entrada": adquisicion.oficio.numero_oficio if adquisicion.oficio_id and
            adquisicion.oficio.numero_oficio else "sin número",
            "proveedor": (f"{adquisicion.proveedor.razon_social} (RFC {adquisicion.proveedor.rfc})"
                          if adquisicion.proveedor_id else ""),
            "descripcion_compra": descripcion_compra(adquisicion)}


def descripcion_compra(adquisicion: Adquisicion) -> str:
    """Las partidas como renglones: «• 2 × Impresora multifuncional HP M428 a $9,225.00»."""
    renglones = []
    for p in sorted(adquisicion.partidas, key=lambda p: p.numero):
        marca = " ".join(x for x in (p.marca, p.modelo) if x)
        renglones.append(f"• {p.cantidad} × {p.descripcion}{' ' + marca if marca else ''} a "
                         f"${p.precio_unitario:,.2f} c/u")
    contrato = f"Contrato u orden de compra {adquisicion.numero_contrato}. " if adquisicion.numero_contrato else ""
    total = f"Importe total: ${adquisicion.importe:,.2f}." if adquisicion.importe is not None else ""
    return "\n".join(renglones + [f"{contrato}{total}".strip()]).strip() or adquisicion.descripcion


def _titular(dependencia: Dependencia | None) -> ServidorPublico | None:
    if dependencia is None:
        return None
    return (ServidorPublico.select().where((ServidorPublico.dependencia == dependencia)
                                           & (ServidorPublico.activo == True))  # noqa: E712 - SQL
            .order_by(ServidorPublico.id).first())


def _solicitante(adquisicion: Adquisicion) -> dict[str, str]:
    entrada = adquisicion.oficio if adquisicion.oficio_id else None
    dependencia = adquisicion.dependencia if adquisicion.dependencia_id else None
    if entrada is not None and entrada.solicitante_nombre:
        return {"destinatario_nombre": entrada.solicitante_nombre, "destinatario_cargo": entrada.solicitante_cargo,
                "destinatario_dependencia": dependencia.nombre if dependencia else entrada.procedencia_texto}
    titular = _titular(dependencia)
    nombre_dep = dependencia.nombre if dependencia else ""
    return {"destinatario_nombre": titular.nombre if titular else f"Titular de {nombre_dep or 'la dependencia'}",
            "destinatario_cargo": titular.cargo if titular else "", "destinatario_dependencia": nombre_dep}


def alternativa(actor: Usuario | None, adquisicion: Adquisicion) -> Oficio:
    """Oficio a la dependencia con el motivo de no viabilidad y la solución alternativa (actividad 2.1)."""
    variables = {**_generales(adquisicion), "motivo_no_viable": adquisicion.motivo_no_viable,
                 "solucion_alternativa": adquisicion.solucion_alternativa}
    entrada = adquisicion.oficio if adquisicion.oficio_id else None
    return oficios.emitir_desde_plantilla(actor, "tramite_solucion_alternativa", variables,
                                          **_solicitante(adquisicion), tramite_id=adquisicion.expediente_id,
                                          en_respuesta_a=entrada)


def correccion(actor: Usuario | None, adquisicion: Adquisicion, incumplimientos: str) -> Oficio:
    """Oficio al proveedor con lo que no cumple de lo entregado (actividad 4.1)."""
    proveedor = adquisicion.proveedor
    variables = {**_generales(adquisicion), "incumplimientos": incumplimientos,
                 "proveedor": proveedor.razon_social}
    return oficios.emitir_desde_plantilla(
        actor, "tramite_correccion_proveedor", variables,
        destinatario_nombre=proveedor.contacto or proveedor.razon_social,
        destinatario_cargo="Representante" if proveedor.contacto else "",
        destinatario_dependencia=proveedor.razon_social, tramite_id=adquisicion.expediente_id)


def solicitud_pago(actor: Usuario | None, adquisicion: Adquisicion) -> Oficio:
    """Oficio a la Dirección de Egresos para tramitar el pago al proveedor (actividad 5)."""
    generales = _generales(adquisicion)
    if adquisicion.explicacion_diferencia:
        generales["descripcion_compra"] += (f"\nEl CFDI difiere del importe contratado: "
                                            f"{adquisicion.explicacion_diferencia}")
    variables = {**generales, "folio_fiscal": adquisicion.cfdi_uuid,
                 "importe_factura": f"${adquisicion.cfdi_total:,.2f}"}
    egresos = Dependencia.get_or_none(Dependencia.nombre == DEPENDENCIA_PAGOS)
    titular = _titular(egresos)
    return oficios.emitir_desde_plantilla(
        actor, "tramite_solicitud_pago_proveedor", variables,
        destinatario_nombre=titular.nombre if titular else f"Titular de la {DEPENDENCIA_PAGOS}",
        destinatario_cargo=titular.cargo if titular else "Director(a) de Egresos",
        destinatario_dependencia=DEPENDENCIA_PAGOS, tramite_id=adquisicion.expediente_id)
