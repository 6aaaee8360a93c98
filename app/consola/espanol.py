"""Los textos propios de argparse (ayuda y errores de uso) en español.

argparse pasa cada texto que muestra por ``argparse._`` (``gettext.gettext``) y los plurales por
``argparse.ngettext``, con el dominio global de gettext (no uno propio de argparse). ``instalar()``
sustituye esas dos funciones del módulo ``argparse`` por unas que buscan primero en el catálogo de
abajo y, si el texto no está en él, devuelven lo que devolvería gettext (el mismo texto, o la
traducción instalada por otro). Así cambian todos los analizadores de ``app.consola`` —también los
padres sin ``-h`` (``parents=[...]``) y los que crea ``add_subparsers``— sin subclases ni opciones
en cada ``ArgumentParser(...)``.

El catálogo cubre todas las cadenas traducibles de argparse de Python 3.11 a 3.13 (la prueba
``tests/consola/test_consola_espanol.py`` las saca del argparse instalado y falla si alguna falta).
No cambian los nombres de subcomandos ni opciones ni los códigos de salida (2 en errores de uso).
"""
from __future__ import annotations

import argparse
import gettext

#: Texto de argparse → texto en español (mismos marcadores ``%s``/``%r``/``%(nombre)s``).
TEXTOS: dict[str, str] = {
    # Ayuda
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionales",
    "options": "opciones",
    "subcommands": "subcomandos",
    "%(heading)s:": "%(heading)s:",
    "show this help message and exit": "mostrar esta ayuda y salir",
    "show program's version number and exit": "mostrar la versión del programa y salir",
    " (default: %(default)s)": " (por omisión: %(default)s)",
    # Errores de uso (los ve quien escribe la orden)
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: aviso: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan los argumentos requeridos: %s",
    "one of the arguments %s is required": "se requiere uno de los argumentos %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "opción ambigua: %(option)s puede ser %(matches)s",
    "not allowed with argument %s": "no se permite junto con el argumento %s",
    "ignored explicit argument %r": "se ignoró el valor explícito %r",
    "expected one argument": "se esperaba un valor",
    "expected at most one argument": "se esperaba a lo más un valor",
    "expected at least one argument": "se esperaba al menos un valor",
    "invalid %(type)s value: %(value)r": "valor inválido para %(type)s: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "valor no válido: %(value)r (elija entre %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "subcomando desconocido %(parser_name)r (elija entre %(choices)s)",
    "can't open '%(filename)s': %(error)s": "no se pudo abrir '%(filename)s': %(error)s",
    'argument "-" with mode %r': 'el argumento "-" no admite el modo %r',
    "unexpected option string: %s": "opción inesperada: %s",
    "argument '%(argument_name)s' is deprecated": "el argumento '%(argument_name)s' es obsoleto",
    "option '%(option)s' is deprecated": "la opción '%(option)s' es obsoleta",
    "command '%(parser_name)s' is deprecated": "el subcomando '%(parser_name)s' es obsoleto",
    # Errores de programación al armar el analizador (los ve quien desarrolla)
    "'required' is an invalid argument for positionals": "'required' no es válido en argumentos posicionales",
    "dest= is required for options like %r": "se requiere dest= para opciones como %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "opción inválida %(option)r: debe empezar con un carácter de %(prefix_chars)r",
    "invalid conflict_resolution value: %r": "valor inválido de conflict_resolution: %r",
    "conflicting subparser: %s": "subcomando repetido: %s",
    "conflicting subparser alias: %s": "alias de subcomando repetido: %s",
    "cannot merge actions - two groups are named %r": "no se pueden combinar las acciones: dos grupos se llaman %r",
    "mutually exclusive arguments must be optional": "los argumentos mutuamente excluyentes deben ser opciones",
    "cannot have multiple subparser arguments": "no puede haber más de un grupo de subcomandos",
    "%r is not callable": "%r no es invocable",
    ".__call__() not defined": ".__call__() no está definido",
}

#: (singular, plural) de argparse → (singular, plural) en español.
PLURALES: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): ("se esperaba %s valor", "se esperaban %s valores"),
    ("conflicting option string: %s", "conflicting option strings: %s"):
        ("opción repetida: %s", "opciones repetidas: %s"),
}

#: Nombre del tipo (``type=``) en «invalid %(type)s value» → lo que se esperaba, en palabras.
TIPOS: dict[str, str] = {"int": "un número entero", "float": "un número"}


class _ValorInvalido(str):
    """«valor inválido» que dice el tipo esperado en español (``int`` → «un número entero»)."""

    def __mod__(self, datos):
        if isinstance(datos, dict) and datos.get("type") in TIPOS:
            return f"valor inválido: {datos['value']!r} (se esperaba {TIPOS[datos['type']]})"
        return str.__mod__(self, datos)


_VALOR_INVALIDO = _ValorInvalido(TEXTOS["invalid %(type)s value: %(value)r"])


def traducir(mensaje: str) -> str:
    """Texto de argparse en español; si no está en el catálogo, lo que dé gettext."""
    if mensaje == "invalid %(type)s value: %(value)r":
        return _VALOR_INVALIDO
    return TEXTOS.get(mensaje) or gettext.gettext(mensaje)


def traducir_plural(singular: str, plural: str, n: int) -> str:
    """Plural de argparse en español; si no está en el catálogo, lo que dé gettext."""
    if (singular, plural) in PLURALES:
        uno, varios = PLURALES[singular, plural]
        return uno if n == 1 else varios
    return gettext.ngettext(singular, plural, n)


def instalar() -> None:
    """Hace que argparse hable español (idempotente). Debe ir antes de crear analizadores:
    los títulos de sección y la ayuda de ``-h`` se fijan al crear cada uno."""
    argparse._ = traducir
    argparse.ngettext = traducir_plural
