"""Registro de buscadores y la búsqueda que los reúne, agrupada por tipo de registro."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from peewee import Expression

from app.servicios.nucleo import permisos
from app.servicios.nucleo.validacion import limpiar_texto, normalizar

TOPE_POR_TIPO = 8           # resultados por tipo de registro
MINIMO_CARACTERES = 2       # con menos, cualquier texto coincide con casi todo
LARGO_MAXIMO = 100          # lo que pase de aquí no se busca (un folio o un nombre caben de sobra)
MAXIMO_PALABRAS = 6


@dataclass(frozen=True)
class Consulta:
    """Lo que escribió el usuario, ya preparado para las consultas de cada buscador."""

    texto: str                      # limpio y recortado, como lo escribió
    normal: str                     # sin acentos ni mayúsculas (para las columnas ``busqueda``)
    palabras: tuple[str, ...]       # las palabras de ``normal``: todas deben aparecer
    exacto: str                     # en mayúsculas: folios, números de inventario y series


@dataclass(frozen=True)
class Resultado:
    """Un registro encontrado y dónde se abre."""

    tipo: str                       # clave del buscador: «oficio», «bien»…
    id: int
    titulo: str                     # folio, número o nombre
    subtitulo: str                  # lo que ayuda a reconocerlo
    pestana: str                    # título de la pestaña donde se abre
    tramite_id: int | None = None   # su expediente, si tiene
    exacto: bool = False            # el folio, número o serie es justo lo que se escribió


@dataclass(frozen=True)
class Buscador:
    """Cómo se busca un tipo de registro.

    ``buscar(consulta, tope)`` devuelve a lo más ``tope`` resultados, los exactos primero.
    ``permiso``: el rol que no lo tiene no ve estos resultados.
    """

    tipo: str
    nombre: str                     # encabezado del grupo: «Oficios»
    pestana: str
    buscar: Callable[[Consulta, int], list[Resultado]]
    permiso: str = permisos.VER
    orden: int = 100                # posición del grupo cuando ninguno es exacto


@dataclass(frozen=True)
class Grupo:
    """Los resultados de un tipo, con su encabezado."""

    tipo: str
    nombre: str
    resultados: list[Resultado] = field(default_factory=list)


_BUSCADORES: dict[str, Buscador] = {}


def registrar(buscador: Buscador) -> Buscador:
    """Agrega (o reemplaza, si ya hay uno de ese ``tipo``) un buscador. Devuelve el mismo buscador."""
    if not buscador.tipo or not buscador.nombre:
        raise ValueError("Un buscador necesita tipo y nombre.")
    _BUSCADORES[buscador.tipo] = buscador
    return buscador


def quitar(tipo: str) -> Buscador | None:
    """Quita el buscador de ``tipo`` (para pruebas y para módulos que se desactivan)."""
    return _BUSCADORES.pop(tipo, None)


def buscadores() -> list[Buscador]:
    """Los buscadores registrados, en su orden."""
    return sorted(_BUSCADORES.values(), key=lambda b: (b.orden, b.nombre))


def preparar(texto: Any) -> Consulta | None:
    """La consulta de ``texto``, o None si es demasiado corto para buscar."""
    limpio = limpiar_texto(texto)[:LARGO_MAXIMO].strip()
    normal = normalizar(limpio)
    if len(normal.replace(" ", "")) < MINIMO_CARACTERES:
        return None
    palabras = tuple(dict.fromkeys(normal.split()))[:MAXIMO_PALABRAS]
    return Consulta(texto=limpio, normal=normal, palabras=palabras, exacto=limpio.upper())


def coincide(columna: Any, consulta: Consulta) -> Expression:
    """Condición: cada palabra aparece en ``columna`` (una columna ``busqueda`` normalizada).

    peewee escapa ``%`` y ``_``: lo que escribe el usuario se busca tal cual, nunca como comodín.
    """
    condicion = None
    for palabra in consulta.palabras:
        parte = columna.contains(palabra)
        condicion = parte if condicion is None else condicion & parte
    return condicion


def buscar(usuario: Any, texto: Any, tope: int = TOPE_POR_TIPO) -> list[Grupo]:
    """Busca ``texto`` en todos los buscadores que el rol de ``usuario`` puede ver.

    Los grupos con una coincidencia exacta (un folio, un número de inventario, una serie) van
    primero; después, en el orden de los buscadores. Sin resultados no hay grupo.
    """
    permisos.exigir(usuario, permisos.VER)
    consulta = preparar(texto)
    if consulta is None:
        return []
    tope = max(1, min(int(tope), 50))
    grupos: list[tuple[bool, int, Grupo]] = []
    for posicion, buscador in enumerate(buscadores()):
        if not permisos.puede(usuario, buscador.permiso):
            continue
        resultados = _sin_repetir(buscador.buscar(consulta, tope))[:tope]
        if resultados:
            exacto = any(r.exacto for r in resultados)
            grupos.append((not exacto, posicion, Grupo(buscador.tipo, buscador.nombre, resultados)))
    grupos.sort(key=lambda g: (g[0], g[1]))
    return [g[2] for g in grupos]


def _sin_repetir(resultados: list[Resultado]) -> list[Resultado]:
    vistos: set[int] = set()
    unicos = []
    for resultado in sorted(resultados, key=lambda r: not r.exacto):
        if resultado.id not in vistos:
            vistos.add(resultado.id)
            unicos.append(resultado)
    return unicos
