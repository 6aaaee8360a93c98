"""Plantillas de texto de los oficios (carpeta ``formatos/``), editables sin tocar código.

Cada plantilla es un archivo ``.txt`` en UTF-8: la primera línea ``Asunto: …``,
una línea en blanco y el cuerpo. Las variables se escriben ``${nombre}``; una
variable sin valor se deja tal cual para que se note al revisar.
"""
from __future__ import annotations

import string
from dataclasses import dataclass

from app.rutas import carpeta_formatos
from app.errores import ErrorNoEncontrado


@dataclass(frozen=True)
class Plantilla:
    clave: str
    asunto: str
    cuerpo: str

    def llenar(self, **variables: object) -> tuple[str, str]:
        """Devuelve (asunto, cuerpo) con las variables sustituidas."""
        valores = {k: "" if v is None else str(v) for k, v in variables.items()}
        return (string.Template(self.asunto).safe_substitute(valores),
                string.Template(self.cuerpo).safe_substitute(valores))


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
