"""Lo recibido pasa al alta del inventario (procedimiento 21) sin capturarlo otra vez.

La factura es el CFDI ya adjunto a la adquisición; cada pieza toma la descripción, marca y
modelo de su partida, el número de serie de la recepción conforme y el costo del CFDI. Solo falta
decir quién será el resguardante: el inventario guarda la factura, los bienes y su solicitud de
alta a Armonización Contable en una transacción.
"""
from __future__ import annotations

from typing import Any

from app.base_datos import transaccion
from app.errores import ErrorTransicion, ErrorValidacion
from app.modelos import Bien, Factura, ServidorPublico, Usuario
from app.modelos.adquisiciones import PAGADA, PAGO_EN_TRAMITE, PAGO_SOLICITADO, RECIBIDA, Adquisicion
from app.servicios.adquisiciones import recepcion
from app.servicios.adquisiciones.comun import guardar, nombre
from app.servicios.inventario import alta_cfdi
from app.servicios.nucleo.concurrencia import cambia

RECIBIDAS = (RECIBIDA, PAGO_SOLICITADO, PAGO_EN_TRAMITE, PAGADA)


def _piezas(adquisicion: Adquisicion) -> list[dict[str, Any]]:
    """Las piezas que son bienes, en el orden de sus partidas, con su serie de la recepción."""
    series = recepcion.series_recibidas(adquisicion)
    piezas = []
    for partida in sorted(adquisicion.partidas, key=lambda p: p.numero):
        if not partida.es_bien:
            continue
        numeros = series.get(partida.id, [])
        for i in range(partida.cantidad):
            pieza = {"descripcion": partida.descripcion[:300], "marca": partida.marca, "modelo": partida.modelo,
                     "serie": numeros[i] if i < len(numeros) else ""}
            if partida.tipo_bien_id:
                pieza["tipo"] = partida.tipo_bien_id
            piezas.append(pieza)
    return piezas


def preparar(adquisicion: Adquisicion) -> tuple[alta_cfdi.PropuestaAlta, list[dict[str, Any]]]:
    """La propuesta de alta del CFDI y, por pieza, lo que ya se sabe de la adquisición. No escribe nada."""
    if adquisicion.estado not in RECIBIDAS:
        raise ErrorTransicion("Solo lo recibido conforme se da de alta al inventario.")
    if adquisicion.factura_id:
        raise ErrorTransicion(f"Lo recibido en la {nombre(adquisicion).lower()} ya se dio de alta al inventario.")
    if not adquisicion.cfdi_xml:
        raise ErrorValidacion([("xml", "Adjunte primero el CFDI: es la factura del alta al inventario.")])
    propuesta = alta_cfdi.preparar_alta(bytes(adquisicion.cfdi_xml),
                                        bytes(adquisicion.cfdi_pdf) if adquisicion.cfdi_pdf else None,
                                        adquisicion.cfdi_nombre, f"{adquisicion.cfdi_uuid}.pdf")
    piezas = _piezas(adquisicion)
    capturas: list[dict[str, Any]] = []
    for indice, _propuesto in enumerate(propuesta.bienes):
        capturas.append(dict(piezas[indice]) if indice < len(piezas) else {"omitir": True})
    return propuesta, capturas


@cambia("adquisicion")
def dar_de_alta(actor: Usuario | None, adquisicion: Adquisicion, resguardante: ServidorPublico,
                version: int | None = None) -> list[Bien]:
    """Registra en el inventario lo recibido (factura, bienes y su solicitud de alta)."""
    if not isinstance(resguardante, ServidorPublico):
        raise ErrorValidacion([("resguardante", "Elija al futuro resguardante de los bienes.")])
    propuesta, capturas = preparar(adquisicion)
    for captura in capturas:
        if not captura.get("omitir"):
            captura.update(resguardante=resguardante, dependencia=resguardante.dependencia_id)
    leida = adquisicion.version if version is None else version
    with transaccion():
        bienes = alta_cfdi.registrar_alta(actor, propuesta, capturas)
        adquisicion.factura = Factura.get(Factura.uuid == propuesta.uuid)
        guardar(actor, adquisicion, "bienes de la adquisición dados de alta al inventario", leida)
    return bienes
