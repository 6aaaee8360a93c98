"""Limpieza y validación de lo que captura el usuario."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import regex

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


# Caracteres de formato (categoría Cf): espacio de ancho cero, guion suave, marcas de dirección…
# No se ven, así que «ana\u200b» y «ana» parecerían el mismo nombre.
_FORMATO = regex.compile(r"\p{Cf}")
_LETRA = regex.compile(r"\p{L}")
# Las escrituras que se distinguen al buscar mezclas, con su nombre para el usuario.
_ESCRITURAS = {
    "Latin": "latino", "Cyrillic": "cirílico", "Greek": "griego", "Armenian": "armenio",
    "Cherokee": "cheroqui", "Georgian": "georgiano", "Hebrew": "hebreo", "Arabic": "árabe",
    "Han": "chino", "Hiragana": "japonés", "Katakana": "japonés", "Hangul": "coreano",
}
_PATRONES_ESCRITURA = {clave: regex.compile(rf"\p{{Script={clave}}}") for clave in _ESCRITURAS}


def limpiar_nombre(valor: Any) -> str:
    """Un nombre en su forma única: NFKC, sin caracteres de formato ni espacios sobrantes.

    «ﬁ» queda «fi», la «Ａ» de ancho completo queda «A» y el espacio de ancho cero o el guion
    suave desaparecen; los acentos y la ñ se conservan.
    """
    texto = unicodedata.normalize("NFKC", limpiar_texto(valor))
    return limpiar_texto(_FORMATO.sub("", texto))


def escritura(letra: str) -> str:
    """El nombre (en español) del alfabeto de una letra: «latino», «cirílico»…"""
    for clave, patron in _PATRONES_ESCRITURA.items():
        if patron.match(letra):
            return _ESCRITURAS[clave]
    return unicodedata.name(letra, "otro").split(" ")[0].lower()


def mezcla_de_escrituras(texto: str) -> str:
    """La explicación si ``texto`` mezcla letras de alfabetos distintos (vacío si no).

    Una «о» cirílica entre letras latinas hace una cuenta que se ve igual a otra: se rechaza.
    """
    letras: dict[str, str] = {}
    for letra in _LETRA.findall(texto):
        letras.setdefault(escritura(letra), letra)
    if len(letras) < 2:
        return ""
    principal = "latino" if "latino" in letras else next(iter(letras))
    ajenas = [f"«{letra}» ({nombre})" for nombre, letra in letras.items() if nombre != principal]
    return (f"mezcla letras de alfabetos distintos: {', '.join(ajenas)} no es del alfabeto {principal}; "
            f"escríbalo solo con letras del alfabeto {principal}")


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

    def nombre(self, campo: str, etiqueta: str, valor: Any, maximo: int, requerido: bool = False) -> str:
        """Un nombre de persona, cuenta o dependencia: :func:`limpiar_nombre` y un solo alfabeto."""
        limpio = self.texto(campo, etiqueta, limpiar_nombre(valor), maximo, requerido=requerido)
        mezcla = mezcla_de_escrituras(limpio)
        if mezcla:
            self.error(campo, f"«{etiqueta}» {mezcla}.")
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
