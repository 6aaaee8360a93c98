"""Plantillas de texto de los oficios (carpeta ``formatos/``), editables sin tocar código.

Cada plantilla es un archivo ``.txt`` en UTF-8: la primera línea ``Asunto: …``,
una línea en blanco y el cuerpo. Las variables se escriben ``${nombre}``.

Un oficio nunca sale a medias: al llenar una plantilla se informa qué variables
quedaron sin valor (:meth:`Plantilla.llenado`) y :meth:`Plantilla.llenar_completa`
las rechaza con un :class:`ErrorValidacion` que las nombra. Una variable sin valor
(ausente o ``None``) se deja tal cual, ``${nombre}``, para que se note al revisar;
una cadena vacía sí es un valor (p. ej. un «motivo» opcional).
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.rutas import carpeta_formatos
from app.errores import ErrorNoEncontrado, ErrorValidacion

#: Lo que queda de una variable sin llenar en un texto: ``${nombre}``.
_SIN_LLENAR = re.compile(r"\$\{([^{}\n]*)\}")
#: Prefijo del campo de los errores de variables sin llenar («plantilla:equipo»).
CAMPO = "plantilla:"


def _unicos(nombres: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(nombres))


def sin_llenar(texto: str) -> tuple[str, ...]:
    """Nombres de las variables ``${…}`` que siguen en ``texto``, en orden y sin repetir."""
    return _unicos(m.group(1).strip() or "…" for m in _SIN_LLENAR.finditer(texto or ""))


def variables_de(texto: str) -> tuple[str, ...]:
    """Variables que usa un texto de plantilla, en el orden en que aparecen."""
    return _unicos(string.Template(texto).get_identifiers())


def _sustituir(texto: str, valores: Mapping[str, str]) -> str:
    return string.Template(texto).safe_substitute(valores)


@dataclass(frozen=True)
class Llenado:
    """Resultado de llenar una plantilla: el texto y lo que quedó sin valor en cada parte."""

    asunto: str
    cuerpo: str
    faltantes_asunto: tuple[str, ...] = ()
    faltantes_cuerpo: tuple[str, ...] = ()

    @property
    def faltantes(self) -> tuple[str, ...]:
        """Variables sin valor del asunto y del cuerpo, en orden y sin repetir."""
        return _unicos(self.faltantes_asunto + self.faltantes_cuerpo)

    @property
    def completo(self) -> bool:
        return not self.faltantes


def error_faltantes(faltantes: Iterable[str], clave: str = "") -> ErrorValidacion:
    """El rechazo que nombra cada variable sin valor (campo ``plantilla:<variable>``)."""
    de = f" de la plantilla «{clave}»" if clave else ""
    errores = [(f"{CAMPO}{nombre}", f"Falta el valor de «{nombre}» (${{{nombre}}}){de}.")
               for nombre in _unicos(faltantes)]
    return ErrorValidacion(errores)


def exigir_sin_variables(asunto: str, cuerpo: str) -> None:
    """Rechaza un asunto o cuerpo que todavía tiene ``${…}`` (aunque se haya tecleado)."""
    en_asunto, en_cuerpo = sin_llenar(asunto), sin_llenar(cuerpo)
    errores = []
    for nombre in _unicos(en_asunto + en_cuerpo):
        if nombre in en_asunto and nombre in en_cuerpo:
            donde = "el asunto y el cuerpo tienen"
        else:
            donde = "el asunto tiene" if nombre in en_asunto else "el cuerpo tiene"
        errores.append((f"{CAMPO}{nombre}", f"Falta el valor de «{nombre}»: {donde} «${{{nombre}}}» sin llenar."))
    if errores:
        raise ErrorValidacion(errores)


@dataclass(frozen=True)
class Plantilla:
    clave: str
    asunto: str
    cuerpo: str

    def variables(self) -> tuple[str, ...]:
        """Variables del asunto y del cuerpo, en el orden en que aparecen."""
        return _unicos(variables_de(self.asunto) + variables_de(self.cuerpo))

    def llenado(self, **variables: object) -> Llenado:
        """Llena asunto y cuerpo e informa qué variables quedaron sin valor (ausentes o ``None``)."""
        valores = {k: str(v) for k, v in variables.items() if v is not None}
        asunto, cuerpo = _sustituir(self.asunto, valores), _sustituir(self.cuerpo, valores)
        return Llenado(asunto, cuerpo,
                       tuple(n for n in variables_de(self.asunto) if n not in valores),
                       tuple(n for n in variables_de(self.cuerpo) if n not in valores))

    def llenar(self, **variables: object) -> tuple[str, str]:
        """Devuelve (asunto, cuerpo) con las variables sustituidas; las que faltan quedan ``${…}``."""
        llenado = self.llenado(**variables)
        return llenado.asunto, llenado.cuerpo

    def faltantes(self, **variables: object) -> tuple[str, ...]:
        """Variables de la plantilla que ``variables`` no llena."""
        return self.llenado(**variables).faltantes

    def llenar_completa(self, **variables: object) -> tuple[str, str]:
        """Como :meth:`llenar`, pero rechaza con la lista de faltantes si alguna queda sin valor."""
        llenado = self.llenado(**variables)
        if not llenado.completo:
            raise error_faltantes(llenado.faltantes, self.clave)
        return llenado.asunto, llenado.cuerpo


def disponibles() -> list[str]:
    return sorted(r.stem for r in carpeta_formatos().glob("*.txt"))


def cargar(clave: str) -> Plantilla:
    ruta = carpeta_formatos() / f"{clave}.txt"
    if not ruta.is_file() or ruta.parent != carpeta_formatos():
        raise ErrorNoEncontrado(f"No existe la plantilla «{clave}» en {carpeta_formatos()}.")
    texto = ruta.read_text(encoding="utf-8").replace("\r\n", "\n")
    primera, _, resto = texto.partition("\n")
    if primera.lower().startswith("asunto:"):
        return Plantilla(clave, primera.split(":", 1)[1].strip(), resto.strip("\n"))
    return Plantilla(clave, "", texto.strip("\n"))
