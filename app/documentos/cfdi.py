"""Lector seguro de facturas electrónicas (CFDI 3.2, 3.3 y 4.0).

El XML viene de fuera (correo del proveedor, memoria USB): se lee con ``defusedxml``, que
rechaza DTD, entidades (bombas «billion laughs») y referencias externas (XXE) antes de que
el analizador las expanda. Cualquier archivo que no sea un CFDI timbrado y completo se
rechaza con :class:`ErrorCfdi` y una razón en español de una línea.

Los montos se conservan como texto exactamente como vienen en el XML (``"4685.00"``,
``"8.620690"``) y se ofrecen también como ``Decimal`` en propiedades ``*_decimal``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from app.errores import ErrorValidacion

# Un CFDI real con cientos de conceptos pesa algunos cientos de KB.
TAMANO_MAXIMO = 10 * 1024 * 1024

NS_CFD3 = "http://www.sat.gob.mx/cfd/3"
NS_CFD4 = "http://www.sat.gob.mx/cfd/4"
NS_TFD = "http://www.sat.gob.mx/TimbreFiscalDigital"
NS_IMPLOCAL = "http://www.sat.gob.mx/implocal"
_VERSIONES = {NS_CFD3: ("3.2", "3.3"), NS_CFD4: ("4.0",)}

_UUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
# Importes del anexo 20: dígitos, punto y hasta 6 decimales; sin signo, exponente ni NaN.
_IMPORTE = re.compile(r"^\d{1,18}(\.\d{1,6})?$")

# Tipo de comprobante: clave del catálogo c_TipoDeComprobante (3.3 y 4.0) o palabra de la 3.2.
TIPOS_COMPROBANTE = {"I": "ingreso", "E": "egreso o nota de crédito", "T": "traslado",
                     "N": "nómina", "P": "recepción de pagos"}
_TIPOS_32 = {"INGRESO": "I", "EGRESO": "E", "TRASLADO": "T"}
# En la 3.2 «Moneda» era texto libre: estas formas (sin puntos ni espacios) son pesos mexicanos.
_PESOS = {"MXN", "MXP", "MN", "PESO", "PESOS", "PESOMEXICANO", "PESOSMEXICANOS", "MONEDANACIONAL",
          "NACIONAL"}


def normalizar_moneda(texto: str) -> str:
    """Clave de la moneda: «Pesos», «MN», «M.N.», «Peso Mexicano» (3.2) o vacío son ``MXN``."""
    clave = re.sub(r"[\s.]", "", texto or "").upper()
    if not clave or clave in _PESOS:
        return "MXN"
    return texto.strip()


class ErrorCfdi(ErrorValidacion):
    """El archivo no es un CFDI válido; ``razon`` lo explica en una línea."""

    def __init__(self, razon: str):
        self.razon = razon
        super().__init__([("xml", razon)])


def _decimal(texto: str) -> Decimal:
    return Decimal(texto) if texto else Decimal("0")


@dataclass(frozen=True)
class Impuesto:
    """Un impuesto trasladado o retenido (``impuesto``: «002»/«IVA», «003»/«IEPS», «001»/«ISR»)."""

    impuesto: str
    importe: str
    local: bool = False            # del complemento de impuestos locales (estatales)

    @property
    def importe_decimal(self) -> Decimal:
        return _decimal(self.importe)

    @property
    def es_iva(self) -> bool:
        return not self.local and self.impuesto.upper() in ("002", "IVA")


@dataclass(frozen=True)
class Concepto:
    """Un renglón de la factura, con los montos como texto tal cual."""

    descripcion: str
    cantidad: str
    valor_unitario: str
    importe: str
    no_identificacion: str = ""
    clave_prod_serv: str = ""
    unidad: str = ""
    descuento: str = ""
    traslados: tuple[Impuesto, ...] = ()
    retenciones: tuple[Impuesto, ...] = ()

    @property
    def descuento_decimal(self) -> Decimal:
        return _decimal(self.descuento)

    @property
    def cantidad_decimal(self) -> Decimal:
        return _decimal(self.cantidad)

    @property
    def valor_unitario_decimal(self) -> Decimal:
        return _decimal(self.valor_unitario)

    @property
    def importe_decimal(self) -> Decimal:
        return _decimal(self.importe)

    @property
    def piezas(self) -> int | None:
        """Cantidad como número entero de piezas (``"3.00"`` → 3), o None si es fraccionaria."""
        cantidad = self.cantidad_decimal
        return int(cantidad) if cantidad == cantidad.to_integral_value() else None

    def a_dict(self) -> dict[str, str]:
        return {"descripcion": self.descripcion, "cantidad": self.cantidad,
                "valor_unitario": self.valor_unitario, "importe": self.importe,
                "no_identificacion": self.no_identificacion,
                "clave_prod_serv": self.clave_prod_serv}


@dataclass(frozen=True)
class Cfdi:
    """Datos de una factura que el inventario necesita."""

    version: str
    uuid: str                      # en mayúsculas
    fecha: dt.datetime
    rfc_emisor: str
    nombre_emisor: str
    rfc_receptor: str
    total: str
    moneda: str
    conceptos: tuple[Concepto, ...]
    nombre_receptor: str = ""
    serie: str = ""
    folio: str = ""
    tipo_comprobante: str = "I"    # I, E, T, N o P (la 3.2 se traduce a la clave)
    subtotal: str = ""
    descuento: str = ""
    # Impuestos del comprobante (en la 3.2 solo vienen aquí) y los locales del complemento.
    traslados: tuple[Impuesto, ...] = ()
    retenciones: tuple[Impuesto, ...] = ()

    @property
    def total_decimal(self) -> Decimal:
        return _decimal(self.total)

    @property
    def descuento_decimal(self) -> Decimal:
        return _decimal(self.descuento)

    @property
    def nombre_tipo(self) -> str:
        """«ingreso», «recepción de pagos», ... para los mensajes (vacío si el tipo no es del catálogo)."""
        return TIPOS_COMPROBANTE.get(self.tipo_comprobante, "")

    def a_dict(self) -> dict[str, Any]:
        """Las claves que imprime ``dti cfdi`` (montos como texto tal cual)."""
        return {"version": self.version, "uuid": self.uuid,
                "fecha": self.fecha.isoformat(), "rfc_emisor": self.rfc_emisor,
                "nombre_emisor": self.nombre_emisor, "rfc_receptor": self.rfc_receptor,
                "total": self.total, "moneda": self.moneda,
                "conceptos": [c.a_dict() for c in self.conceptos]}

    def a_json(self) -> str:
        return json.dumps(self.a_dict(), ensure_ascii=False, indent=2)


def _analizar(datos: bytes) -> Element:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(datos, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ErrorCfdi("El XML trae una declaración DTD o entidades (posible ataque); "
                        "una factura del SAT nunca las tiene.") from None
    except ParseError as exc:
        linea, columna = getattr(exc, "position", (0, 0))
        raise ErrorCfdi(f"El archivo no es un XML bien formado (dañado o incompleto; "
                        f"línea {linea}, columna {columna}).") from None
    except (ValueError, LookupError, UnicodeError):
        raise ErrorCfdi("El archivo no es un XML legible (codificación desconocida).") from None


def _atributo(elemento: Element, nombres: tuple[str, ...]) -> str:
    for nombre in nombres:
        valor = elemento.get(nombre)
        if valor is not None:
            return valor.strip()
    return ""


class _Lector:
    """Lee atributos con el nombre que usa cada versión (3.2 en minúscula)."""

    def __init__(self, version: str):
        self.antigua = version == "3.2"

    def __call__(self, elemento: Element, nombre: str) -> str:
        minuscula = nombre[0].lower() + nombre[1:]
        orden = (minuscula, nombre) if self.antigua else (nombre, minuscula)
        return _atributo(elemento, orden)


def _importe(texto: str, que: str) -> str:
    if not _IMPORTE.match(texto):
        muestra = texto[:30] if texto else "vacío"
        raise ErrorCfdi(f"{que} no es un importe válido («{muestra}»).")
    try:
        Decimal(texto)
    except InvalidOperation:  # pragma: no cover - la expresión ya lo descarta
        raise ErrorCfdi(f"{que} no es un importe válido («{texto[:30]}»).") from None
    return texto


def _version(raiz: Element) -> tuple[str, str]:
    if not isinstance(raiz.tag, str) or not raiz.tag.startswith("{"):
        raise ErrorCfdi("El XML no es un CFDI: su elemento raíz no es cfdi:Comprobante del SAT.")
    espacio, _, local = raiz.tag[1:].partition("}")
    if local != "Comprobante" or espacio not in _VERSIONES:
        raise ErrorCfdi(f"El XML no es un CFDI: su elemento raíz es «{local[:40]}» "
                        "y debería ser cfdi:Comprobante del SAT.")
    version = _atributo(raiz, ("Version", "version"))
    if version not in _VERSIONES[espacio]:
        raise ErrorCfdi(f"Versión de CFDI no admitida («{version[:10] or 'sin versión'}»): "
                        "se leen 3.2, 3.3 y 4.0.")
    return espacio, version


def _uuid(raiz: Element) -> str:
    encontrados: list[str] = []
    for complemento in raiz.findall(f"{{{raiz.tag[1:].partition('}')[0]}}}Complemento"):
        for timbre in complemento.iter(f"{{{NS_TFD}}}TimbreFiscalDigital"):
            uuid = _atributo(timbre, ("UUID",)).upper()
            if uuid:
                if not _UUID.match(uuid):
                    raise ErrorCfdi(f"El UUID del timbre fiscal no tiene la forma correcta («{uuid[:40]}»).")
                if uuid not in encontrados:
                    encontrados.append(uuid)
    if not encontrados:
        raise ErrorCfdi("La factura no está timbrada: falta el UUID del TimbreFiscalDigital.")
    if len(encontrados) > 1:
        raise ErrorCfdi(f"La factura trae {len(encontrados)} timbres fiscales con UUID distintos "
                        f"({', '.join(encontrados[:3])}): no se sabe cuál es el comprobante; "
                        "pida al proveedor el XML original.")
    return encontrados[0]


def _impuestos(nodo: Element | None, ns: str, leer: _Lector, grupo: str, que: str) -> tuple[Impuesto, ...]:
    """Traslados o retenciones (``grupo``: «Traslado» o «Retencion») de un nodo cfdi:Impuestos."""
    if nodo is None:
        return ()
    resultado = []
    for elemento in nodo.findall(f"{ns}{grupo}s/{ns}{grupo}"):
        importe = leer(elemento, "Importe")
        if not importe:            # TipoFactor «Exento»: no lleva importe
            continue
        resultado.append(Impuesto(leer(elemento, "Impuesto"), _importe(importe, f"Un impuesto {que}")))
    return tuple(resultado)


def _impuestos_locales(raiz: Element, ns: str) -> tuple[tuple[Impuesto, ...], tuple[Impuesto, ...]]:
    traslados, retenciones = [], []
    for complemento in raiz.findall(f"{ns}Complemento"):
        for locales in complemento.iter(f"{{{NS_IMPLOCAL}}}ImpuestosLocales"):
            for nodo in locales.iter(f"{{{NS_IMPLOCAL}}}TrasladosLocales"):
                importe = _atributo(nodo, ("Importe",))
                if importe:
                    traslados.append(Impuesto(_atributo(nodo, ("ImpLocTrasladado",)),
                                              _importe(importe, "Un impuesto local trasladado"), local=True))
            for nodo in locales.iter(f"{{{NS_IMPLOCAL}}}RetencionesLocales"):
                importe = _atributo(nodo, ("Importe",))
                if importe:
                    retenciones.append(Impuesto(_atributo(nodo, ("ImpLocRetenido",)),
                                                _importe(importe, "Un impuesto local retenido"), local=True))
    return tuple(traslados), tuple(retenciones)


def _tipo_comprobante(texto: str, version: str) -> str:
    clave = texto.strip().upper()
    if version == "3.2":
        return _TIPOS_32.get(clave, clave)
    return clave


def _fecha(texto: str) -> dt.datetime:
    try:
        fecha = dt.datetime.strptime(texto, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        raise ErrorCfdi(f"La fecha de la factura no es válida («{texto[:30] or 'vacía'}»).") from None
    return fecha


def leer_cfdi(datos: bytes) -> Cfdi:
    """Lee un CFDI timbrado; lanza :class:`ErrorCfdi` si el archivo no lo es."""
    if not isinstance(datos, (bytes, bytearray, memoryview)):
        raise TypeError("leer_cfdi espera los bytes del archivo")
    datos = bytes(datos)
    if not datos.strip():
        raise ErrorCfdi("El archivo está vacío.")
    if len(datos) > TAMANO_MAXIMO:
        raise ErrorCfdi(f"El archivo es demasiado grande para ser una factura "
                        f"({len(datos) / 1048576:.1f} MB; máximo {TAMANO_MAXIMO // 1048576} MB).")
    raiz = _analizar(datos)
    espacio, version = _version(raiz)
    leer = _Lector(version)
    ns = f"{{{espacio}}}"

    emisor = raiz.find(f"{ns}Emisor")
    if emisor is None or not leer(emisor, "Rfc"):
        raise ErrorCfdi("La factura no tiene emisor (falta el RFC del proveedor).")
    receptor = raiz.find(f"{ns}Receptor")
    nodos = raiz.findall(f"{ns}Conceptos/{ns}Concepto")
    if not nodos:
        raise ErrorCfdi("La factura no tiene conceptos.")
    conceptos = []
    for numero, nodo in enumerate(nodos, start=1):
        descuento = leer(nodo, "Descuento")
        impuestos = nodo.find(f"{ns}Impuestos")
        descripcion = leer(nodo, "Descripcion")
        if not descripcion:
            raise ErrorCfdi(f"El concepto {numero} no tiene descripción.")
        conceptos.append(Concepto(
            descripcion=descripcion,
            cantidad=_importe(leer(nodo, "Cantidad"), f"La cantidad del concepto {numero}"),
            valor_unitario=_importe(leer(nodo, "ValorUnitario"),
                                    f"El valor unitario del concepto {numero}"),
            importe=_importe(leer(nodo, "Importe"), f"El importe del concepto {numero}"),
            no_identificacion=leer(nodo, "NoIdentificacion"),
            clave_prod_serv=leer(nodo, "ClaveProdServ"),
            unidad=leer(nodo, "Unidad"),
            descuento=_importe(descuento, f"El descuento del concepto {numero}") if descuento else "",
            traslados=_impuestos(impuestos, ns, leer, "Traslado", f"trasladado del concepto {numero}"),
            retenciones=_impuestos(impuestos, ns, leer, "Retencion", f"retenido del concepto {numero}"),
        ))
    total = _importe(leer(raiz, "Total"), "El total de la factura")
    fecha = _fecha(leer(raiz, "Fecha"))
    uuid = _uuid(raiz)
    descuento = leer(raiz, "Descuento")
    subtotal = leer(raiz, "SubTotal")
    impuestos = raiz.find(f"{ns}Impuestos")
    locales_trasladados, locales_retenidos = _impuestos_locales(raiz, ns)
    return Cfdi(
        version=version, uuid=uuid, fecha=fecha,
        rfc_emisor=leer(emisor, "Rfc").upper(), nombre_emisor=leer(emisor, "Nombre"),
        rfc_receptor=leer(receptor, "Rfc").upper() if receptor is not None else "",
        nombre_receptor=leer(receptor, "Nombre") if receptor is not None else "",
        total=total,
        # En 3.2 «Moneda» es opcional, va con mayúscula y es texto libre («Pesos», «M.N.»).
        moneda=normalizar_moneda(_atributo(raiz, ("Moneda", "moneda"))),
        conceptos=tuple(conceptos),
        serie=leer(raiz, "Serie"), folio=leer(raiz, "Folio"),
        tipo_comprobante=_tipo_comprobante(leer(raiz, "TipoDeComprobante"), version),
        subtotal=_importe(subtotal, "El subtotal de la factura") if subtotal else "",
        descuento=_importe(descuento, "El descuento de la factura") if descuento else "",
        traslados=_impuestos(impuestos, ns, leer, "Traslado", "trasladado") + locales_trasladados,
        retenciones=_impuestos(impuestos, ns, leer, "Retencion", "retenido") + locales_retenidos,
    )
