"""Datos de un paso de trámite: valores capturados por tipo y adjuntos validados por contenido.

Un valor se convierte a su tipo (un importe es ``Decimal`` en pesos, una fecha es
``date``, una dependencia es la del catálogo…) y se guarda como texto canónico,
con su forma legible. Un adjunto se acepta solo si su contenido es lo que dice
ser (un PDF debe abrir como PDF), no pasa del tope de tamaño y se guarda con su
SHA-256 bajo un nombre seguro con la extensión de su tipo real.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from app.errores import ErrorDTI
from app.modelos import Bien, Dependencia, Proveedor, ServidorPublico
from app.servicios.nucleo import archivos
from app.servicios.nucleo.validacion import limpiar_texto, normalizar
from app.servicios.tramites.procedimientos import Adjunto, Campo

TAMANO_MAXIMO_ADJUNTO = archivos.TAMANO_MAXIMO
# Los de todo adjunto, también con su nombre de aquí.
MIME = archivos.MIME
NOMBRE_TIPO = archivos.NOMBRE_TIPO
extension_de = archivos.extension_de
nombre_seguro = archivos.nombre_seguro
tipo_por_contenido = archivos.tipo_por_contenido
MAXIMO_TEXTO = 300
MAXIMO_TEXTO_LARGO = 5000
_CENTAVO = Decimal("0.01")
_IMPORTE_MAXIMO = Decimal("999999999999.99")
_CORREO = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SI = {"si", "s", "true", "1", "verdadero", "yes"}
_NO = {"no", "n", "false", "0", "falso"}


@dataclass(frozen=True)
class Valor:
    """Un valor capturado, ya convertido a su tipo."""

    clave: str
    etiqueta: str
    tipo: str
    valor: Any              # Decimal, date, datetime, int, bool, str o el registro del catálogo
    guardado: str           # texto canónico que se guarda en la base
    texto: str              # cómo se lee («$12,500.00», «18/11/2026», «Sí»)
    referencia_id: int | None = None


@dataclass(frozen=True)
class ArchivoValidado:
    """Un adjunto que pasó la revisión de contenido."""

    clave: str
    etiqueta: str
    nombre: str             # nombre seguro, con la extensión de su tipo real
    tipo: str               # pdf, docx, …
    tipo_mime: str
    contenido: bytes
    sha256: str
    tamano: int


Errores = list[tuple[str, str]]


# --- Valores ----------------------------------------------------------------------------------

def vacio(crudo: Any) -> bool:
    return crudo is None or (isinstance(crudo, str) and not crudo.strip())


def _fecha(texto: str) -> dt.date:
    texto = texto.strip()
    for formato in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(texto, formato).date()
        except ValueError:
            continue
    raise ValueError(texto)


def _fecha_hora(texto: str) -> dt.datetime:
    texto = " ".join(texto.strip().replace("T", " ").split())
    for formato in ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S"):
        try:
            return dt.datetime.strptime(texto, formato)
        except ValueError:
            continue
    raise ValueError(texto)


def _importe(crudo: Any) -> Decimal:
    if isinstance(crudo, bool):
        raise ValueError(crudo)
    if isinstance(crudo, Decimal):
        numero = crudo
    elif isinstance(crudo, int):
        numero = Decimal(crudo)
    elif isinstance(crudo, float):
        numero = Decimal(repr(crudo))
    else:
        texto = str(crudo).strip().replace("$", "").replace(",", "").replace(" ", "")
        if texto.upper().endswith("MXN"):
            texto = texto[:-3]
        numero = Decimal(texto)
    if not numero.is_finite():
        raise ValueError(crudo)
    return numero.quantize(_CENTAVO, rounding=ROUND_HALF_UP)


def _pesos(importe: Decimal) -> str:
    return f"${importe:,.2f}"


def _por_id(modelo, crudo: Any):
    if isinstance(crudo, modelo):
        return crudo
    if isinstance(crudo, int) and not isinstance(crudo, bool):
        return modelo.get_or_none(modelo.id == crudo)
    texto = str(crudo).strip()
    if texto.isdigit():
        return modelo.get_or_none(modelo.id == int(texto))
    return None


def _dependencia(crudo: Any) -> Dependencia | None:
    encontrada = _por_id(Dependencia, crudo)
    if encontrada is not None:
        return encontrada
    buscado = normalizar(str(crudo))
    return next((d for d in Dependencia.select()
                 if normalizar(d.nombre) == buscado or (d.siglas and normalizar(d.siglas) == buscado)), None)


def _servidor(crudo: Any) -> ServidorPublico | None:
    encontrado = _por_id(ServidorPublico, crudo)
    if encontrado is not None:
        return encontrado
    buscado = normalizar(str(crudo))
    return next((s for s in ServidorPublico.select().where(ServidorPublico.busqueda.contains(buscado))
                 if normalizar(s.nombre) == buscado), None)


def _proveedor(crudo: Any) -> Proveedor | None:
    encontrado = _por_id(Proveedor, crudo)
    if encontrado is not None:
        return encontrado
    texto = str(crudo).strip()
    por_rfc = Proveedor.get_or_none(Proveedor.rfc == texto.upper().replace(" ", "").replace("-", ""))
    if por_rfc is not None:
        return por_rfc
    buscado = normalizar(texto)
    return next((p for p in Proveedor.select() if normalizar(p.razon_social) == buscado), None)


def _bien(crudo: Any) -> Bien | None:
    if isinstance(crudo, Bien):
        return crudo
    texto = str(crudo).strip()
    por_numero = Bien.get_or_none(Bien.numero_inventario == texto.upper())
    if por_numero is None and texto:
        por_numero = Bien.get_or_none(Bien.numero_inventario == texto)
    return por_numero or _por_id(Bien, crudo)


_CATALOGOS = {
    "dependencia": (_dependencia, lambda r: r.nombre, "el catálogo de dependencias"),
    "servidor_publico": (_servidor, lambda r: r.nombre, "el catálogo de servidores públicos"),
    "proveedor": (_proveedor, lambda r: f"{r.razon_social} ({r.rfc})", "el catálogo de proveedores"),
    "bien": (_bien, lambda r: r.numero_inventario, "el inventario (número de inventario)"),
}


def convertir(campo: Campo, crudo: Any) -> tuple[Valor | None, str | None]:
    """Convierte ``crudo`` al tipo de ``campo``: (valor, None), (None, None) si está vacío, o (None, error)."""
    if vacio(crudo):
        return None, None
    etiqueta = campo.etiqueta

    def valor(python: Any, guardado: str, texto: str, referencia: int | None = None) -> tuple[Valor, None]:
        return Valor(campo.clave, etiqueta, campo.tipo, python, guardado, texto, referencia), None

    tipo = campo.tipo
    try:
        if tipo in ("texto", "texto_largo", "url", "correo"):
            largo = tipo == "texto_largo"
            limpio = limpiar_texto(crudo, multilinea=largo)
            maximo = MAXIMO_TEXTO_LARGO if largo else MAXIMO_TEXTO
            if not limpio:
                return None, None
            if len(limpio) > maximo:
                return None, f"«{etiqueta}» admite como máximo {maximo:,} caracteres (tiene {len(limpio):,})."
            if tipo == "url":
                partes = urlparse(limpio)
                if partes.scheme not in ("http", "https") or not partes.netloc or " " in limpio:
                    return None, f"«{etiqueta}» debe ser una dirección web completa (https://…)."
            if tipo == "correo":
                if not _CORREO.match(limpio):
                    return None, f"«{etiqueta}» no parece un correo electrónico válido."
                limpio = limpio.lower()
            return valor(limpio, limpio, limpio)
        if tipo == "fecha":
            fecha = crudo.date() if isinstance(crudo, dt.datetime) else crudo
            if not isinstance(fecha, dt.date):
                fecha = _fecha(str(crudo))
            return valor(fecha, fecha.isoformat(), f"{fecha:%d/%m/%Y}")
        if tipo == "fecha_hora":
            momento = crudo if isinstance(crudo, dt.datetime) else _fecha_hora(str(crudo))
            momento = momento.replace(second=0, microsecond=0, tzinfo=None)
            return valor(momento, momento.isoformat(sep=" ", timespec="minutes"), f"{momento:%d/%m/%Y %H:%M}")
        if tipo == "importe":
            importe = _importe(crudo)
            if importe < 0:
                return None, f"«{etiqueta}» no puede ser negativo."
            if importe > _IMPORTE_MAXIMO:
                return None, f"«{etiqueta}» es demasiado grande."
            return valor(importe, format(importe, "f"), _pesos(importe))
        if tipo == "entero":
            if isinstance(crudo, bool) or isinstance(crudo, float) and not crudo.is_integer():
                raise ValueError(crudo)
            numero = int(str(crudo).strip().replace(",", "")) if not isinstance(crudo, int) else crudo
            return valor(numero, str(numero), f"{numero:,}")
        if tipo == "opcion":
            buscada = normalizar(str(crudo))
            elegida = next((o for o in campo.opciones if normalizar(o) == buscada), None)
            if elegida is None:
                return None, f"«{etiqueta}» debe ser una de: {', '.join(campo.opciones)}."
            return valor(elegida, elegida, elegida)
        if tipo == "si_no":
            if isinstance(crudo, bool):
                si = crudo
            elif normalizar(str(crudo)) in _SI:
                si = True
            elif normalizar(str(crudo)) in _NO:
                si = False
            else:
                return None, f"«{etiqueta}» se contesta «Sí» o «No»."
            return valor(si, "Sí" if si else "No", "Sí" if si else "No")
        if tipo in _CATALOGOS:
            buscar, describir, donde = _CATALOGOS[tipo]
            registro = buscar(crudo)
            if registro is None:
                return None, f"«{etiqueta}»: «{limpiar_texto(crudo)[:80]}» no está en {donde}."
            return valor(registro, str(registro.id), describir(registro), registro.id)
    except (ValueError, TypeError, InvalidOperation):
        return None, _error_de_formato(campo)
    return None, f"«{etiqueta}» tiene un tipo desconocido ({tipo})."


def _error_de_formato(campo: Campo) -> str:
    ejemplos = {"fecha": "una fecha como 18/11/2026", "fecha_hora": "fecha y hora como 18/11/2026 10:30",
                "importe": "un importe en pesos como 12500.50", "entero": "un número entero"}
    return f"«{campo.etiqueta}» debe ser {ejemplos.get(campo.tipo, 'un valor válido')}."


def desde_guardado(campo: Campo, guardado: str, referencia_id: int | None = None) -> Valor | None:
    """Rehace el valor tal como se guardó (para revisar reglas con lo ya capturado)."""
    valor, _error = convertir(campo, referencia_id if referencia_id is not None else guardado)
    return valor


def validar_valores(campos: tuple[Campo, ...], valores: Mapping[str, Any] | None,
                    previos: Mapping[str, Valor] | None = None,
                    exigir_requeridos: bool = True) -> tuple[dict[str, Valor], Errores]:
    """Convierte ``valores`` y junta TODOS los problemas (desconocidos, inválidos y requeridos faltantes).

    Devuelve los valores nuevos convertidos y la lista de errores ``(clave, mensaje)``.
    ``previos`` son los ya capturados en el mismo paso: cuentan para los requeridos.
    """
    valores = dict(valores or {})
    previos = previos or {}
    por_clave = {c.clave: c for c in campos}
    nuevos: dict[str, Valor] = {}
    errores: Errores = []
    for clave in valores:
        if clave not in por_clave:
            conocidos = ", ".join(por_clave) or "ninguno"
            errores.append((clave, f"Este paso no tiene el campo «{clave}» (campos del paso: {conocidos})."))
    for campo in campos:
        if campo.clave in valores:
            convertido, error = convertir(campo, valores[campo.clave])
            if error:
                errores.append((campo.clave, f"{error} [{campo.clave}]"))
                continue
            if convertido is not None:
                nuevos[campo.clave] = convertido
                continue
        if exigir_requeridos and campo.requerido and campo.clave not in nuevos and campo.clave not in previos:
            errores.append((campo.clave, f"Falta «{campo.etiqueta}» [{campo.clave}]."))
    return nuevos, errores


# --- Adjuntos ---------------------------------------------------------------------------------
# La lectura con tope, el tipo real y los nombres seguros son los de todo adjunto
# (``app.servicios.nucleo.archivos``); aquí solo se revisan contra lo que pide el paso.

def leer_archivo(origen: str | Path | tuple[str, bytes], etiqueta: str) -> tuple[str, bytes | None, str | None]:
    """(nombre, bytes, error). ``origen`` es una ruta o un par (nombre, bytes); respeta el tope de tamaño."""
    tope = archivos.legible(TAMANO_MAXIMO_ADJUNTO)
    if isinstance(origen, tuple):
        nombre, contenido = origen
        nombre = archivos.nombre_original(nombre)
        if len(contenido) > TAMANO_MAXIMO_ADJUNTO:
            return nombre, None, (f"«{etiqueta}»: «{nombre}» pesa {archivos.legible(len(contenido))}; "
                                  f"el máximo es {tope}.")
        return nombre, bytes(contenido), None
    try:
        nombre, contenido = archivos.leer(origen, TAMANO_MAXIMO_ADJUNTO)
    except ErrorDTI as exc:
        return archivos.nombre_original(Path(origen).name), None, f"«{etiqueta}»: {exc}"
    return nombre, contenido, None


def validar_adjunto(definicion: Adjunto, nombre: str, contenido: bytes) -> tuple[ArchivoValidado | None, str | None]:
    """Revisa un archivo contra lo que pide el paso: tipo real por contenido, tamaño y nombre seguro."""
    archivo, error = archivos.revisar(nombre, contenido, definicion.tipos, definicion.etiqueta,
                                      respaldo=definicion.clave, tope=TAMANO_MAXIMO_ADJUNTO)
    if error:
        return None, error
    return ArchivoValidado(definicion.clave, definicion.etiqueta, archivo.nombre, archivo.tipo, archivo.tipo_mime,
                           archivo.contenido, archivo.sha256, archivo.tamano), None


def validar_adjuntos(definiciones: tuple[Adjunto, ...], adjuntos: Mapping[str, Any] | None,
                     previos: set[str] | frozenset[str] = frozenset(),
                     exigir_requeridos: bool = True) -> tuple[dict[str, ArchivoValidado], Errores]:
    """Lee y valida cada adjunto; junta TODOS los problemas y los requeridos que faltan."""
    adjuntos = dict(adjuntos or {})
    por_clave = {a.clave: a for a in definiciones}
    validos: dict[str, ArchivoValidado] = {}
    errores: Errores = []
    for clave in adjuntos:
        if clave not in por_clave:
            conocidos = ", ".join(por_clave) or "ninguno"
            errores.append((clave, f"Este paso no lleva el adjunto «{clave}» (adjuntos del paso: {conocidos})."))
    for definicion in definiciones:
        origen = adjuntos.get(definicion.clave)
        if origen is not None:
            nombre, contenido, error = leer_archivo(origen, definicion.etiqueta)
            if error is None:
                archivo, error = validar_adjunto(definicion, nombre, contenido)
            if error:
                errores.append((definicion.clave, f"{error} [{definicion.clave}]"))
                continue
            validos[definicion.clave] = archivo
            continue
        if exigir_requeridos and definicion.requerido and definicion.clave not in previos:
            errores.append((definicion.clave, f"Falta el adjunto «{definicion.etiqueta}» [{definicion.clave}]."))
    return validos, errores
