"""Alta de bienes desde la factura (CFDI 3.2, 3.3 y 4.0).

Dos pasos: :func:`preparar_alta` lee el XML (de forma segura, con :func:`leer_cfdi`), rechaza
una factura ya registrada y propone un bien por pieza (un concepto con Cantidad 3 da tres
bienes) con descripción, valor unitario y NoIdentificacion; el usuario completa serie, color,
tipo, fotografía y resguardante, y :func:`registrar_alta` guarda en UNA transacción la
factura (XML y PDF), el proveedor si es nuevo, los bienes y la solicitud de alta a
Armonización Contable. Si algo falla no se escribe nada.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PureWindowsPath
from typing import Any

from app.base_datos import transaccion
from app.modelos import Bien, Factura, Proveedor, TipoBien, Usuario, ahora
from app.servicios.nucleo import bitacora
from app.servicios.catalogos import catalogos
from app.errores import ErrorValidacion
from app.servicios.inventario.inventario import (CAMPOS_BIEN, comprobar_unicos, exigir_inventario,
                                                 guardar_nuevo, preparar_bien)
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar

MAXIMO_XML = 5 * 1024 * 1024
MAXIMO_PDF = 25 * 1024 * 1024
MAXIMO_BIENES = 500

# Palabras de la descripción → tipo de bien sugerido (nombres de los tipos predeterminados).
_TIPOS_POR_PALABRA: tuple[tuple[tuple[str, ...], str], ...] = (
    (("laptop", "notebook", "portatil", "thinkpad", "latitude", "probook", "elitebook"), "Laptop"),
    (("multifuncional",), "Multifuncional"),
    (("impresora",), "Impresora"),
    (("monitor",), "Monitor"),
    (("switch",), "Switch"),
    (("router", "ruteador"), "Router"),
    (("access point", "punto de acceso", "unifi ap"), "Access point"),
    (("firewall", "fortigate"), "Firewall"),
    (("nvr", "dvr", "videograbador"), "Grabador de video (NVR/DVR)"),
    (("camara",), "Cámara"),
    (("servidor", "server", "poweredge", "proliant"), "Servidor"),
    (("no break", "no-break", "nobreak"), "No-break"),
    (("ups",), "UPS"),
    (("regulador",), "Regulador de voltaje"),
    (("telefono ip", "telefono voip"), "Teléfono IP"),
    (("proyector",), "Proyector"),
    (("escaner", "scanner"), "Escáner"),
    (("tableta", "tablet", "ipad"), "Tableta"),
    (("nas", "disco duro externo"), "Almacenamiento (NAS/disco externo)"),
    (("computadora", "desktop", "escritorio", "all in one", "all-in-one", "prodesk", "optiplex",
      "thinkcentre", " pc "), "Computadora"),
)

MARCAS_CONOCIDAS = ("HP", "Dell", "Lenovo", "Acer", "Asus", "Apple", "Cisco", "Ubiquiti", "TP-Link",
                    "Hikvision", "Dahua", "Epson", "Brother", "Kyocera", "Samsung", "LG", "APC", "CyberPower",
                    "Fortinet", "Synology", "Canon", "Xerox", "Grandstream", "Yealink", "MikroTik", "Aruba",
                    "Huawei", "Microsoft", "BenQ", "Vorago", "Koblenz", "Tripp Lite", "Complet", "Ricoh")


@dataclass
class BienPropuesto:
    """Una pieza de un concepto de la factura, lista para que el usuario la complete."""

    concepto: int                     # posición del concepto en la factura (desde 1)
    pieza: int                        # 1..cantidad
    descripcion: str
    valor_unitario: Decimal
    no_identificacion: str
    clave_prod_serv: str
    marca: str = ""
    tipo_id: int | None = None        # sugerido por la descripción


@dataclass
class PropuestaAlta:
    """Lo que se leyó de la factura; se pasa tal cual a :func:`registrar_alta`."""

    uuid: str
    version_cfdi: str
    fecha: dt.datetime
    rfc_emisor: str
    nombre_emisor: str
    rfc_receptor: str
    total: Decimal
    moneda: str
    proveedor_id: int | None          # None: se creará al registrar
    xml: bytes
    pdf: bytes | None
    nombre_xml: str = ""
    nombre_pdf: str = ""
    bienes: list[BienPropuesto] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)

    @property
    def proveedor_nuevo(self) -> bool:
        return self.proveedor_id is None


def _nombre_archivo(nombre: str, omision: str) -> str:
    return PureWindowsPath(limpiar_texto(nombre)).name[:255] or omision


def _factura_existente(uuid: str) -> Factura | None:
    return Factura.get_or_none(Factura.uuid == uuid.upper())


def _mensaje_repetida(factura: Factura) -> str:
    numeros = [n for (n,) in Bien.select(Bien.numero_inventario).where(Bien.factura == factura)
               .order_by(Bien.numero_inventario).limit(5).tuples()]
    bienes = f"; sus bienes: {', '.join(numeros)}" if numeros else ""
    return (f"La factura con UUID {factura.uuid} ya está registrada (emisor {factura.rfc_emisor}, "
            f"fecha {factura.fecha:%d/%m/%Y}){bienes}. No se puede dar de alta dos veces.")


def tipo_sugerido(descripcion: str) -> int | None:
    """Id del tipo de bien que sugiere la descripción del concepto, si lo hay."""
    texto = f" {normalizar(descripcion)} "
    nombres = {normalizar(t.nombre): t.id for t in TipoBien.select(TipoBien.id, TipoBien.nombre)
               .where(TipoBien.activo == True)}  # noqa: E712
    for palabras, tipo in _TIPOS_POR_PALABRA:
        if any(p in texto for p in palabras) and normalizar(tipo) in nombres:
            return nombres[normalizar(tipo)]
    return None


def marca_sugerida(descripcion: str) -> str:
    palabras = f" {normalizar(descripcion).replace(',', ' ').replace('.', ' ')} "
    for marca in MARCAS_CONOCIDAS:
        if f" {normalizar(marca)} " in palabras:
            return marca
    return ""


def preparar_alta(xml: bytes, pdf: bytes | None = None, nombre_xml: str = "",
                  nombre_pdf: str = "") -> PropuestaAlta:
    """Lee la factura y propone los bienes. No escribe nada.

    Lanza :class:`ErrorValidacion` (o su subclase ``ErrorCfdi``) con la razón si el archivo no es
    un CFDI válido, si la factura ya está registrada o si el PDF no es un PDF.
    """
    from app.documentos.cfdi import leer_cfdi

    if len(xml) > MAXIMO_XML:
        raise ErrorValidacion([("xml", "El XML pesa más de 5 MB: no es una factura.")])
    cfdi = leer_cfdi(xml)
    if pdf is not None and len(pdf) == 0:
        pdf = None
    if pdf is not None:
        if len(pdf) > MAXIMO_PDF:
            raise ErrorValidacion([("pdf", "El PDF de la factura pesa más de 25 MB.")])
        if not bytes(pdf[:1024]).lstrip().startswith(b"%PDF-"):
            raise ErrorValidacion([("pdf", "El archivo de la representación impresa no es un PDF.")])
    existente = _factura_existente(cfdi.uuid)
    if existente is not None:
        raise ErrorValidacion([("xml", _mensaje_repetida(existente))])
    rfc = cfdi.rfc_emisor.upper()
    proveedor = Proveedor.get_or_none(Proveedor.rfc == rfc)
    propuesta = PropuestaAlta(
        uuid=cfdi.uuid.upper(), version_cfdi=cfdi.version, fecha=cfdi.fecha, rfc_emisor=rfc,
        nombre_emisor=cfdi.nombre_emisor, rfc_receptor=cfdi.rfc_receptor, total=cfdi.total_decimal,
        moneda=cfdi.moneda or "MXN", proveedor_id=proveedor.id if proveedor else None, xml=bytes(xml),
        pdf=bytes(pdf) if pdf is not None else None, nombre_xml=_nombre_archivo(nombre_xml, "factura.xml"),
        nombre_pdf=_nombre_archivo(nombre_pdf, "factura.pdf") if pdf is not None else "")
    if propuesta.moneda not in ("MXN", ""):
        propuesta.avisos.append(f"La factura está en {propuesta.moneda}: capture el valor de cada bien en pesos.")
    for posicion, concepto in enumerate(cfdi.conceptos, start=1):
        piezas = concepto.piezas
        if piezas is None or piezas <= 0:
            propuesta.avisos.append(f"El concepto {posicion} («{concepto.descripcion[:60]}») tiene cantidad "
                                    f"{concepto.cantidad}: no son piezas de un bien y no se propone.")
            continue
        if len(propuesta.bienes) + piezas > MAXIMO_BIENES:
            raise ErrorValidacion([("xml", f"La factura da más de {MAXIMO_BIENES} bienes; regístrela por partes.")])
        tipo = tipo_sugerido(concepto.descripcion)
        marca = marca_sugerida(concepto.descripcion)
        for pieza in range(1, piezas + 1):
            propuesta.bienes.append(BienPropuesto(
                posicion, pieza, limpiar_texto(concepto.descripcion)[:500], concepto.valor_unitario_decimal,
                limpiar_texto(concepto.no_identificacion)[:100], concepto.clave_prod_serv, marca, tipo))
    if not propuesta.bienes:
        raise ErrorValidacion([("xml", "La factura no tiene conceptos con piezas que dar de alta.")])
    return propuesta


_CAMPOS_CAPTURA = set(CAMPOS_BIEN) - {"factura", "proveedor"}


def registrar_alta(actor: Usuario | None, propuesta: PropuestaAlta,
                   bienes: list[dict[str, Any]], solicitar_alta: bool = True) -> list[Bien]:
    """Guarda la factura, el proveedor (si es nuevo), los bienes y la solicitud de alta.

    ``bienes`` trae un diccionario por cada :attr:`PropuestaAlta.bienes`, en el mismo orden,
    con lo que completó el usuario (``serie``, ``color``, ``tipo``, ``resguardante``,
    ``dependencia``, ``fotografia``, ``marca``, ``modelo``, ...; lo que no traiga sale de la
    factura). ``{"omitir": True}`` deja fuera una pieza que no es un bien (p. ej. un flete).
    Todo en una transacción: si un bien no pasa la validación, no se guarda nada.
    """
    exigir_inventario(actor)
    if len(bienes) != len(propuesta.bienes):
        raise ErrorValidacion([("bienes", f"La factura propone {len(propuesta.bienes)} bienes y se recibieron "
                                          f"{len(bienes)} capturas.")])
    v = Validador()
    preparados: list[Bien] = []
    prefijos: list[str] = []
    fecha = propuesta.fecha.date() if isinstance(propuesta.fecha, dt.datetime) else propuesta.fecha
    for numero, (propuesto, captura) in enumerate(zip(propuesta.bienes, bienes), start=1):
        captura = dict(captura or {})
        if captura.pop("omitir", False):
            continue
        desconocidos = set(captura) - _CAMPOS_CAPTURA
        if desconocidos:
            raise ErrorValidacion([("bienes", f"Campos desconocidos: {', '.join(sorted(desconocidos))}.")])
        datos = {"descripcion": propuesto.descripcion, "valor": propuesto.valor_unitario,
                 "no_identificacion": propuesto.no_identificacion, "marca": propuesto.marca,
                 "tipo": propuesto.tipo_id, "fecha_adquisicion": fecha} | captura
        prefijo = f"Bien {numero}: "
        bien = preparar_bien(v, datos, prefijo=prefijo)
        if bien.resguardante is None:
            v.error(prefijo + "resguardante", f"{prefijo}Falta el resguardante (el oficio de alta lleva el nombre "
                                              "y la dependencia del futuro resguardante).")
        preparados.append(bien)
        prefijos.append(prefijo)
    if not preparados:
        v.error("bienes", "No quedó ningún bien que dar de alta.")
    comprobar_unicos(v, preparados, prefijos)
    v.validar()
    with transaccion():
        existente = _factura_existente(propuesta.uuid)
        if existente is not None:     # otra PC la registró mientras se capturaba
            raise ErrorValidacion([("xml", _mensaje_repetida(existente))])
        comprobar_unicos(v, preparados, prefijos)
        v.validar()
        proveedor = Proveedor.get_or_none(Proveedor.id == propuesta.proveedor_id) if propuesta.proveedor_id else None
        if proveedor is None:
            proveedor = Proveedor.get_or_none(Proveedor.rfc == propuesta.rfc_emisor)
        if proveedor is None:
            proveedor = catalogos.guardar_proveedor(actor, propuesta.rfc_emisor,
                                                    (propuesta.nombre_emisor or propuesta.rfc_emisor)[:300])
        momento = ahora()
        factura = Factura(uuid=propuesta.uuid, version_cfdi=propuesta.version_cfdi, fecha=fecha,
                          rfc_emisor=propuesta.rfc_emisor, nombre_emisor=propuesta.nombre_emisor[:300],
                          rfc_receptor=propuesta.rfc_receptor[:13], total=propuesta.total,
                          moneda=(propuesta.moneda or "MXN")[:3], proveedor=proveedor, xml=propuesta.xml,
                          pdf=propuesta.pdf, nombre_xml=propuesta.nombre_xml, nombre_pdf=propuesta.nombre_pdf,
                          creado_en=momento, modificado_en=momento)
        bitacora.guardar(factura, "alta de factura (CFDI)", actor)
        for bien in preparados:
            bien.factura, bien.proveedor = factura, proveedor
            guardar_nuevo(bien, actor, "alta de bien desde factura")
        if solicitar_alta:
            from app.servicios.inventario import movimientos

            ids = [b.id for b in preparados]
            for inicio in range(0, len(ids), movimientos.MAXIMO_BIENES_POR_OFICIO):
                movimientos.solicitar_alta(actor, ids[inicio:inicio + movimientos.MAXIMO_BIENES_POR_OFICIO])
    return preparados
