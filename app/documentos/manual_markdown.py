"""Lector del Markdown del manual de usuario: bloques que el PDF sabe componer.

Se admite el subconjunto que usan los capítulos de ``app/datos/manual/``: encabezados
(``#``…``####``), párrafos, listas con ``-``/``*`` o numeradas (``1.``), tablas con barras
(``| a | b |`` y su renglón ``|---|---|``), imágenes solas en su renglón
(``![texto](capturas/x.png)``), notas (``> texto``) y bloques de código entre ```` ``` ````.
En el texto: ``**negritas**``, ``*cursivas*``, ```código``` y ``[enlace](destino)``.
Una barra dentro de una celda se escribe ``\\|``. Lo que no se reconoce queda como párrafo:
nunca se pierde texto.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Bloque", "leer", "separar_celdas", "escapar_celda"]

_ENCABEZADO = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_VINETA = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMERO = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_IMAGEN = re.compile(r"^!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)\s*$")
_SEPARADOR_TABLA = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass
class Bloque:
    """Un bloque del capítulo. ``tipo``: encabezado, parrafo, lista, tabla, imagen, nota o codigo."""

    tipo: str
    texto: str = ""
    nivel: int = 0                      # encabezado: 1–6
    ordenada: bool = False              # lista
    elementos: list[str] = field(default_factory=list)        # lista
    filas: list[list[str]] = field(default_factory=list)      # tabla: la primera es el encabezado
    ruta: str = ""                      # imagen


def escapar_celda(texto: str) -> str:
    """Texto listo para una celda de tabla: sin saltos de renglón y con las barras escapadas."""
    return " ".join(str(texto).split()).replace("|", "\\|")


def separar_celdas(renglon: str) -> list[str]:
    """``| a | b\\|c |`` → ``["a", "b|c"]``."""
    texto = renglon.strip()
    if texto.startswith("|"):
        texto = texto[1:]
    if texto.endswith("|") and not texto.endswith("\\|"):
        texto = texto[:-1]
    celdas = re.split(r"(?<!\\)\|", texto)
    return [c.strip().replace("\\|", "|") for c in celdas]


def _es_tabla(renglones: list[str], i: int) -> bool:
    return (i + 1 < len(renglones) and "|" in renglones[i]
            and _SEPARADOR_TABLA.match(renglones[i + 1]) is not None)


def leer(texto: str) -> list[Bloque]:
    """Los bloques de ``texto`` en orden."""
    renglones = texto.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    bloques: list[Bloque] = []
    parrafo: list[str] = []

    def cerrar_parrafo() -> None:
        if parrafo:
            bloques.append(Bloque("parrafo", " ".join(p.strip() for p in parrafo)))
            parrafo.clear()

    i = 0
    while i < len(renglones):
        renglon = renglones[i]
        limpio = renglon.strip()
        if not limpio:
            cerrar_parrafo()
            i += 1
            continue
        if limpio.startswith("```"):
            cerrar_parrafo()
            codigo: list[str] = []
            i += 1
            while i < len(renglones) and not renglones[i].strip().startswith("```"):
                codigo.append(renglones[i])
                i += 1
            bloques.append(Bloque("codigo", "\n".join(codigo)))
            i += 1
            continue
        encabezado = _ENCABEZADO.match(limpio)
        if encabezado:
            cerrar_parrafo()
            bloques.append(Bloque("encabezado", encabezado.group(2), nivel=len(encabezado.group(1))))
            i += 1
            continue
        imagen = _IMAGEN.match(limpio)
        if imagen:
            cerrar_parrafo()
            bloques.append(Bloque("imagen", imagen.group(1), ruta=imagen.group(2)))
            i += 1
            continue
        if _es_tabla(renglones, i):
            cerrar_parrafo()
            filas = [separar_celdas(renglones[i])]
            i += 2
            while i < len(renglones) and "|" in renglones[i] and renglones[i].strip():
                filas.append(separar_celdas(renglones[i]))
                i += 1
            ancho = len(filas[0])
            bloques.append(Bloque("tabla", filas=[(f + [""] * ancho)[:ancho] for f in filas]))
            continue
        if limpio.startswith(">"):
            cerrar_parrafo()
            nota: list[str] = []
            while i < len(renglones) and renglones[i].strip().startswith(">"):
                nota.append(renglones[i].strip()[1:].strip())
                i += 1
            bloques.append(Bloque("nota", " ".join(n for n in nota if n)))
            continue
        vineta, numero = _VINETA.match(renglon), _NUMERO.match(renglon)
        if vineta or numero:
            cerrar_parrafo()
            ordenada = numero is not None and vineta is None
            patron = _NUMERO if ordenada else _VINETA
            elementos: list[str] = []
            while i < len(renglones) and renglones[i].strip():
                coincide = patron.match(renglones[i])
                if coincide:
                    elementos.append(coincide.group(1).strip())
                elif elementos and renglones[i].startswith((" ", "\t")):
                    elementos[-1] += " " + renglones[i].strip()     # continuación del elemento
                else:
                    break
                i += 1
            bloques.append(Bloque("lista", ordenada=ordenada, elementos=elementos))
            continue
        parrafo.append(renglon)
        i += 1
    cerrar_parrafo()
    return bloques
