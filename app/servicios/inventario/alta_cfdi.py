"""Alta de bienes desde la factura (CFDI 3.2, 3.3 y 4.0).

Dos pasos: :func:`preparar_alta` lee el XML (de forma segura, con :func:`leer_cfdi`), rechaza
una factura ya registrada y propone un bien por pieza (un concepto con Cantidad 3 da tres
bienes) con descripción, valor de adquisición y NoIdentificacion; el usuario completa serie, color,
tipo, fotografía y resguardante, y :func:`registrar_alta` guarda en UNA transacción la
factura (XML y PDF), el proveedor si es nuevo, los bienes y la solicitud de alta a
Armonización Contable. Si algo falla no se escribe nada.

Solo una factura de ingreso (tipo I) es una adquisición: los CFDI de pago, nómina, egreso y
traslado se rechazan nombrando su tipo. El valor de cada pieza es su costo de adquisición:
(importe − descuento + impuestos trasladados no acreditables) ÷ cantidad. Un municipio no
acredita el IVA, así que por omisión es parte del costo; si la institución indica que sí lo
acredita (``Institucion.iva_acreditable``) queda fuera. Los centavos que no se reparten parejo
van a las primeras piezas, para que las piezas sumen exactamente el concepto; :func:`cuadre`
muestra cómo las piezas y los demás conceptos suman el total de la factura.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from app.base_datos import transaccion
from app.modelos import Bien, Factura, Institucion, Proveedor, TipoBien, Usuario, ahora
from app.servicios.nucleo import archivos, bitacora
from app.servicios.catalogos import catalogos
from app.errores import ErrorValidacion
from app.servicios.inventario.inventario import (CAMPOS_BIEN, comprobar_unicos, exigir_inventario,
                                                 guardar_nuevo, preparar_bien)
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar

MAXIMO_XML = 5 * 1024 * 1024
MAXIMO_PDF = 25 * 1024 * 1024
MAXIMO_BIENES = 500
CENTAVO = Decimal("0.01")

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
class ConceptoPropuesto:
    """Un concepto de la factura con su costo de adquisición desglosado."""

    numero: int                       # posición en la factura (desde 1)
    descripcion: str
    cantidad: Decimal
    importe: Decimal
    descuento: Decimal
    impuestos_costo: Decimal          # trasladados no acreditables (forman parte del costo)
    iva_acreditable: Decimal          # IVA que la institución acredita (fuera del costo)
    costo: Decimal                    # importe − descuento + impuestos_costo, a centavos
    piezas: int | None                # None: cantidad fraccionaria o cero (no son piezas)

    @property
    def es_bien(self) -> bool:
        return bool(self.piezas) and self.piezas > 0


@dataclass
class Cuadre:
    """Cómo los bienes y lo demás suman el total de la factura."""

    bienes: Decimal                   # piezas que se dan de alta
    otros: Decimal                    # conceptos (o piezas) que no son bienes
    iva_acreditable: Decimal
    retenciones: Decimal
    total: Decimal                    # el de la factura
    piezas: int = 0

    @property
    def suma(self) -> Decimal:
        return self.bienes + self.otros + self.iva_acreditable - self.retenciones

    @property
    def diferencia(self) -> Decimal:
        return self.total - self.suma

    def lineas(self) -> list[str]:
        """El cuadre en renglones de texto, para la pantalla."""
        lineas = [f"{self.piezas} piezas que se dan de alta: $ {self.bienes:,.2f}"]
        if self.otros:
            lineas.append(f"+ Conceptos que no son bienes: $ {self.otros:,.2f}")
        if self.iva_acreditable:
            lineas.append(f"+ IVA acreditable (fuera del costo): $ {self.iva_acreditable:,.2f}")
        if self.retenciones:
            lineas.append(f"− Impuestos retenidos: $ {self.retenciones:,.2f}")
        lineas.append(f"= $ {self.suma:,.2f}; total de la factura: $ {self.total:,.2f}")
        if self.diferencia:
            lineas.append(f"Diferencia: $ {self.diferencia:,.2f}")
        return lineas

    def aviso(self) -> str:
        """Texto del aviso si no cuadra (vacío si cuadra)."""
        if not self.diferencia:
            return ""
        return (f"Las piezas y los demás conceptos suman $ {self.suma:,.2f} y la factura dice "
                f"$ {self.total:,.2f} (diferencia de $ {self.diferencia:,.2f}): revise el valor de "
                "cada bien antes de registrar.")


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
    conceptos: list[ConceptoPropuesto] = field(default_factory=list)
    iva_acreditable: Decimal = Decimal("0")        # total de IVA que se acredita
    retenciones: Decimal = Decimal("0")
    acredita_iva: bool = False                     # el ajuste de la institución al preparar

    @property
    def proveedor_nuevo(self) -> bool:
        return self.proveedor_id is None

    def piezas_de(self, concepto: int) -> list[int]:
        """Índices en :attr:`bienes` de las piezas del concepto ``concepto`` (desde 1)."""
        return [i for i, b in enumerate(self.bienes) if b.concepto == concepto]

    def a_dict(self) -> dict[str, Any]:
        """La propuesta como la imprime ``dti inventario alta-cfdi --simular`` (montos como texto)."""
        bienes = []
        for concepto in self.conceptos:
            piezas = [self.bienes[i] for i in self.piezas_de(concepto.numero)]
            if not piezas:
                continue
            valores = [b.valor_unitario for b in piezas]
            bienes.append({
                "concepto": concepto.numero, "descripcion": piezas[0].descripcion,
                "cantidad": str(len(piezas)), "valor_unitario": str(min(valores)),
                "valores": [str(v) for v in valores], "valor_total": str(sum(valores, Decimal("0"))),
                "importe": str(concepto.importe), "descuento": str(concepto.descuento),
                "impuestos_en_el_costo": str(concepto.impuestos_costo),
                "no_identificacion": piezas[0].no_identificacion})
        return {"uuid": self.uuid, "total": str(self.total), "bienes": bienes, "avisos": list(self.avisos)}


def _prorratear(monto: Decimal, bases: list[Decimal]) -> list[Decimal]:
    """Reparte ``monto`` en proporción a ``bases``, a centavos, sin perder ni ganar un centavo."""
    total = sum(bases, Decimal("0"))
    if not monto or not total:
        return [Decimal("0")] * len(bases)
    partes = [(monto * base / total).quantize(CENTAVO, ROUND_HALF_UP) for base in bases]
    ultimo = max(i for i, base in enumerate(bases) if base)
    partes[ultimo] += monto - sum(partes, Decimal("0"))
    return partes


def _repartir(costo: Decimal, piezas: int) -> list[Decimal]:
    """Valor de cada pieza: parejo a centavos; los centavos que sobran, a las primeras."""
    base = (costo / piezas).quantize(CENTAVO, ROUND_DOWN)
    sobran = int((costo - base * piezas) / CENTAVO)
    return [base + CENTAVO if i < sobran else base for i in range(piezas)]


def _iva_acreditable() -> bool:
    """El ajuste de la institución, sin crear su registro (preparar no escribe nada)."""
    institucion = Institucion.get_or_none(Institucion.id == 1)
    return bool(institucion and institucion.iva_acreditable)


def costos_conceptos(cfdi, acredita_iva: bool) -> tuple[list[ConceptoPropuesto], Decimal, Decimal]:
    """Costo de adquisición de cada concepto, el IVA acreditable y las retenciones de la factura.

    En 3.3 y 4.0 el descuento y los impuestos vienen por concepto; en 3.2 (o si un emisor solo
    los puso en el comprobante) se prorratean según el importe. Los impuestos locales del
    complemento siempre se prorratean y nunca se acreditan.
    """
    importes = [c.importe_decimal for c in cfdi.conceptos]
    if any(c.descuento for c in cfdi.conceptos):
        descuentos = [c.descuento_decimal for c in cfdi.conceptos]
    else:
        descuentos = _prorratear(cfdi.descuento_decimal, importes)
    bases = [importe - descuento for importe, descuento in zip(importes, descuentos)]
    federales = [t for t in cfdi.traslados if not t.local]
    locales = [t for t in cfdi.traslados if t.local]
    if any(c.traslados for c in cfdi.conceptos):
        iva = [sum((t.importe_decimal for t in c.traslados if t.es_iva), Decimal("0")) for c in cfdi.conceptos]
        otros = [sum((t.importe_decimal for t in c.traslados if not t.es_iva), Decimal("0"))
                 for c in cfdi.conceptos]
    else:
        iva = _prorratear(sum((t.importe_decimal for t in federales if t.es_iva), Decimal("0")), bases)
        otros = _prorratear(sum((t.importe_decimal for t in federales if not t.es_iva), Decimal("0")), bases)
    locales_por_concepto = _prorratear(sum((t.importe_decimal for t in locales), Decimal("0")), bases)
    conceptos = []
    for numero, (concepto, base, descuento) in enumerate(zip(cfdi.conceptos, bases, descuentos), start=1):
        indice = numero - 1
        impuestos = otros[indice] + locales_por_concepto[indice] + (Decimal("0") if acredita_iva else iva[indice])
        conceptos.append(ConceptoPropuesto(
            numero=numero, descripcion=limpiar_texto(concepto.descripcion)[:500],
            cantidad=concepto.cantidad_decimal, importe=concepto.importe_decimal, descuento=descuento,
            impuestos_costo=impuestos, iva_acreditable=iva[indice] if acredita_iva else Decimal("0"),
            costo=(base + impuestos).quantize(CENTAVO, ROUND_HALF_UP), piezas=concepto.piezas))
    iva_acreditable = sum((c.iva_acreditable for c in conceptos), Decimal("0"))
    if cfdi.retenciones:
        retenciones = sum((r.importe_decimal for r in cfdi.retenciones), Decimal("0"))
    else:
        retenciones = sum((r.importe_decimal for c in cfdi.conceptos for r in c.retenciones), Decimal("0"))
    return conceptos, iva_acreditable.quantize(CENTAVO, ROUND_HALF_UP), retenciones


def cuadre(propuesta: PropuestaAlta, omitidas: Collection[int] = ()) -> Cuadre:
    """Cómo suman el total las piezas que se dan de alta (``omitidas``: índices en ``bienes``)."""
    omitidas = set(omitidas)
    bienes = sum((b.valor_unitario for i, b in enumerate(propuesta.bienes) if i not in omitidas), Decimal("0"))
    otros = sum((b.valor_unitario for i, b in enumerate(propuesta.bienes) if i in omitidas), Decimal("0"))
    otros += sum((c.costo for c in propuesta.conceptos if not propuesta.piezas_de(c.numero)), Decimal("0"))
    return Cuadre(bienes=bienes, otros=otros, iva_acreditable=propuesta.iva_acreditable,
                  retenciones=propuesta.retenciones, total=propuesta.total,
                  piezas=len(propuesta.bienes) - len(omitidas & set(range(len(propuesta.bienes)))))


def _nombre_archivo(nombre: str, omision: str) -> str:
    """El nombre original solo como texto: sin carpetas, control ni marcas bidireccionales."""
    return archivos.nombre_original(nombre, omision)


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
    if cfdi.tipo_comprobante != "I":
        if cfdi.nombre_tipo:
            que = f"El CFDI es de {cfdi.nombre_tipo} (tipo {cfdi.tipo_comprobante})"
        else:
            que = f"El CFDI es de un tipo de comprobante desconocido («{cfdi.tipo_comprobante[:20] or 'vacío'}»)"
        raise ErrorValidacion([("xml", f"{que}, no una factura de ingreso (tipo I): solo una factura de "
                                       "ingreso es una adquisición y puede dar de alta bienes.")])
    if pdf is not None and len(pdf) == 0:
        pdf = None
    if pdf is not None:
        if len(pdf) > MAXIMO_PDF:
            raise ErrorValidacion([("pdf", "El PDF de la factura pesa más de 25 MB.")])
        if not archivos.es_pdf(bytes(pdf)):
            raise ErrorValidacion([("pdf", "El archivo de la representación impresa no es un PDF "
                                           "(no se pudo abrir como PDF).")])
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
    propuesta.acredita_iva = _iva_acreditable()
    propuesta.conceptos, propuesta.iva_acreditable, propuesta.retenciones = costos_conceptos(
        cfdi, propuesta.acredita_iva)
    for concepto, propuesto in zip(cfdi.conceptos, propuesta.conceptos):
        posicion = propuesto.numero
        piezas = propuesto.piezas
        if not propuesto.es_bien:
            propuesta.avisos.append(f"El concepto {posicion} («{concepto.descripcion[:60]}») tiene cantidad "
                                    f"{concepto.cantidad}: no son piezas de un bien y no se propone.")
            continue
        if len(propuesta.bienes) + piezas > MAXIMO_BIENES:
            raise ErrorValidacion([("xml", f"La factura da más de {MAXIMO_BIENES} bienes; regístrela por partes.")])
        if propuesto.costo <= 0:
            propuesta.avisos.append(f"El concepto {posicion} («{concepto.descripcion[:60]}») tiene costo "
                                    f"$ {propuesto.costo:,.2f} después del descuento: revise su valor.")
        tipo = tipo_sugerido(concepto.descripcion)
        marca = marca_sugerida(concepto.descripcion)
        for pieza, valor in enumerate(_repartir(max(propuesto.costo, Decimal("0")), piezas), start=1):
            propuesta.bienes.append(BienPropuesto(
                posicion, pieza, propuesto.descripcion, valor,
                limpiar_texto(concepto.no_identificacion)[:100], concepto.clave_prod_serv, marca, tipo))
    if not propuesta.bienes:
        raise ErrorValidacion([("xml", "La factura no tiene conceptos con piezas que dar de alta.")])
    aviso = cuadre(propuesta).aviso()
    if aviso:
        propuesta.avisos.append(aviso)
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
