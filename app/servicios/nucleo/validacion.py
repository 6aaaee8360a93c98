"""Limpieza y validación de lo que captura el usuario."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from app.errores import ErrorValidacion

# Caracteres de control (salvo tabulador y salto de línea) y el NUL: PostgreSQL
# rechaza el NUL y Excel se rompe con \x0b pegado desde Word.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# RFC: 3 letras (persona moral) o 4 (física), fecha AAMMDD y homoclave de 3.
_RFC = re.compile(r"^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{2}[A\d])$")
_CORREO = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def limpiar_texto(valor: Any, multilinea: bool = False) -> str:
    """Texto sin caracteres de control ni espacios sobrantes en los extremos."""
    if valor is None:
        return ""
    texto = _CONTROL.sub("", str(valor))
    texto = texto.replace("\r\n", "\n").replace("\r", "\n")
    if not multilinea:
        texto = " ".join(texto.split())
    return texto.strip()


def normalizar(texto: str) -> str:
    """Minúsculas sin acentos, para buscar y para comparar nombres."""
    descompuesto = unicodedata.normalize("NFKD", texto.casefold())
    sin_acentos = "".join(c for c in descompuesto if not unicodedata.combining(c))
    return " ".join(sin_acentos.split())


def texto_busqueda(*partes: Any) -> str:
    """Columna de búsqueda normalizada (SQLite solo ignora mayúsculas en ASCII)."""
    return normalizar(" ".join(str(p) for p in partes if p))


class Validador:
    """Junta los errores de un formulario para mostrarlos todos a la vez."""

    def __init__(self) -> None:
        self.errores: list[tuple[str, str]] = []

    def error(self, campo: str, mensaje: str) -> None:
        self.errores.append((campo, mensaje))

    def texto(self, campo: str, etiqueta: str, valor: Any, maximo: int,
              requerido: bool = False, multilinea: bool = False) -> str:
        limpio = limpiar_texto(valor, multilinea=multilinea)
        if requerido and not limpio:
            self.error(campo, f"Falta «{etiqueta}».")
        elif len(limpio) > maximo:
            self.error(campo, f"«{etiqueta}» admite como máximo {maximo:,} caracteres "
                              f"(tiene {len(limpio):,}).")
        return limpio

    def rfc(self, campo: str, valor: Any) -> str:
        limpio = limpiar_texto(valor).upper().replace(" ", "").replace("-", "")
        if not limpio:
            self.error(campo, "Falta el RFC.")
            return limpio
        coincide = _RFC.match(limpio)
        valido = False
        if coincide:
            _, aa, mm, dd, _ = coincide.groups()
            try:
                dt.date(2000 + int(aa), int(mm), int(dd))
                valido = True
            except ValueError:
                valido = False
        if not valido:
            self.error(campo, f"El RFC «{limpio[:20]}» no tiene la forma correcta: 3 o 4 letras, "
                              "la fecha AAMMDD y 3 caracteres de homoclave (p. ej. ABC010203XY1).")
        return limpio

    def correo(self, campo: str, etiqueta: str, valor: Any, requerido: bool = False) -> str:
        limpio = self.texto(campo, etiqueta, valor, 254, requerido=requerido)
        if limpio and not _CORREO.match(limpio):
            self.error(campo, f"«{etiqueta}» no parece un correo electrónico válido.")
        return limpio.lower()

    def fecha_no_futura(self, campo: str, etiqueta: str, valor: dt.date | None,
                        hoy: dt.date, requerido: bool = False) -> dt.date | None:
        if valor is None:
            if requerido:
                self.error(campo, f"Falta «{etiqueta}».")
            return None
        if valor > hoy:
            self.error(campo, f"«{etiqueta}» no puede ser posterior a hoy "
                              f"({valor:%d/%m/%Y} > {hoy:%d/%m/%Y}).")
        return valor

    def entero(self, campo: str, etiqueta: str, valor: Any, minimo: int, maximo: int) -> int:
        try:
            numero = int(valor)
        except (TypeError, ValueError):
            self.error(campo, f"«{etiqueta}» debe ser un número entero.")
            return minimo
        if not minimo <= numero <= maximo:
            self.error(campo, f"«{etiqueta}» debe estar entre {minimo} y {maximo}.")
        return numero

    def validar(self) -> None:
        """Lanza :class:`ErrorValidacion` si se juntó algún error."""
        if self.errores:
            raise ErrorValidacion(self.errores)
