"""El sitio web de una solicitud, reducido al dominio que carga el firewall, y la lista exportable.

``https://WWW.Facebook.com:443/ruta?x=1`` → ``facebook.com``; ``http://bücher.de`` → ``xn--bcher-kva.de``.
Se quitan el esquema, el usuario, el puerto, la ruta y el «www.» inicial; un nombre
internacional se pasa a punycode (IDNA 2008 con el paquete ``idna``; si no está, el códec
``idna`` de la biblioteca estándar). Lo que no es un dominio se rechaza con su razón.
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from app.errores import ErrorValidacion

MAXIMO_CAPTURA = 500
_ETIQUETA = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_ESQUEMAS = ("http", "https")


def _error(mensaje: str, campo: str = "sitio") -> ErrorValidacion:
    return ErrorValidacion([(campo, mensaje)])


def _a_punycode(nombre: str) -> str:
    try:
        import idna

        return idna.encode(nombre, uts46=True).decode("ascii")
    except ImportError:   # pragma: no cover - el paquete idna viene con requests
        import encodings.idna

        return ".".join(encodings.idna.ToASCII(e).decode("ascii") for e in nombre.split("."))


def normalizar_sitio(texto: object, campo: str = "sitio") -> str:
    """El dominio de ``texto`` en minúsculas y ASCII; lanza :class:`ErrorValidacion` si no lo es."""
    crudo = "" if texto is None else str(texto)
    if len(crudo) > MAXIMO_CAPTURA:
        raise _error(f"El sitio web admite como máximo {MAXIMO_CAPTURA} caracteres (tiene {len(crudo):,}).", campo)
    crudo = crudo.strip()
    if not crudo:
        raise _error("Falta el sitio web (p. ej. facebook.com).", campo)
    if any(ord(c) < 32 or ord(c) == 127 or c.isspace() for c in crudo):
        raise _error("El sitio web no puede llevar espacios ni caracteres de control.", campo)
    if "://" not in crudo:
        crudo = "http://" + crudo.lstrip("/")
    try:
        partes = urlsplit(crudo)
        esquema = partes.scheme.lower()
        nombre = partes.hostname or ""
        partes.port   # valida el puerto («:abc» o «:99999» lanzan ValueError)
    except ValueError:
        raise _error(f"«{crudo[:80]}» no es una dirección web válida.", campo) from None
    if not esquema:
        raise _error(f"«{crudo[:80]}» no es una dirección web válida.", campo)
    if esquema not in _ESQUEMAS:
        raise _error(f"Solo se liberan sitios web (http o https), no «{esquema}:».", campo)
    nombre = nombre.rstrip(".")
    if not nombre:
        raise _error("La dirección no trae el nombre del sitio (p. ej. facebook.com).", campo)
    try:
        ipaddress.ip_address(nombre.strip("[]"))
        raise _error("Indique el dominio del sitio, no una dirección IP: el firewall filtra por dominio.", campo)
    except ValueError:
        pass
    if "*" in nombre:
        raise _error("No se liberan comodines (*.dominio): indique el dominio del sitio.", campo)
    try:
        dominio = _a_punycode(nombre).lower()
    except (UnicodeError, ValueError):
        raise _error(f"«{nombre[:80]}» no es un nombre de dominio válido: lleva letras, números, guiones y "
                     "puntos, sin guion al principio ni al final de cada parte.", campo) from None
    if dominio.startswith("www."):
        dominio = dominio[4:]
    etiquetas = dominio.split(".")
    if len(etiquetas) < 2:
        raise _error(f"«{nombre[:80]}» no es un dominio completo: le falta la terminación (.com, .gob.mx…).", campo)
    if len(dominio) > 253 or not all(_ETIQUETA.match(e) for e in etiquetas):
        raise _error(f"«{nombre[:80]}» no es un nombre de dominio válido: lleva letras, números, guiones y "
                     "puntos, sin guion al principio ni al final de cada parte.", campo)
    if etiquetas[-1].isdigit():
        raise _error(f"«{nombre[:80]}» no termina en un dominio de internet válido.", campo)
    return dominio


def lista_firewall(dominios: Iterable[str]) -> bytes:
    """Un dominio por línea, sin repetir, ordenados; UTF-8 sin BOM y fin de línea «\\n»."""
    unicos = sorted({d.strip().lower() for d in dominios if d and d.strip()})
    return "".join(f"{d}\n" for d in unicos).encode("utf-8")
