"""Capítulos del manual de usuario: cargarlos, encontrar el de una pestaña y buscar en ellos.

Archivos de ``app/datos/manual/``:

* ``introduccion.md``: el primer capítulo (cómo entrar, cómo moverse, qué es un trámite);
* ``pestana-<clave>.md``: uno por pestaña; la clave es el título sin acentos, en minúsculas y con
  guiones (``Mesa de ayuda`` → ``pestana-mesa-de-ayuda.md``);
* ``procedimiento-pNN.md`` (opcional): la introducción escrita a mano del procedimiento NN; el
  resto de su capítulo se arma de su ``pNN.json`` (ver :mod:`app.servicios.ayuda.procedimientos`);
* ``capturas/``: las imágenes que citan los capítulos (``dti manual --capturas``).

Cada archivo empieza con su título (``# Título``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from app.errores import ErrorNoEncontrado
from app.rutas import carpeta_procedimientos
from app.servicios.nucleo.validacion import normalizar

__all__ = ["Capitulo", "buscar", "capitulo_pestana", "capitulos_pestanas", "carpeta_manual",
           "clave_pestana", "leer_archivo"]

GENERAL = "general"
PESTANA = "pestana"
PROCEDIMIENTO = "procedimiento"


@dataclass(frozen=True)
class Capitulo:
    """Un capítulo: ``texto`` en Markdown, que empieza con ``# titulo``."""

    clave: str          # «introduccion», «pestana-inventario», «procedimiento-p11»
    titulo: str
    texto: str
    tipo: str = GENERAL  # general, pestana o procedimiento
    pestana: str = ""    # pestana: el título de la pestaña que explica


def carpeta_manual() -> Path:
    """Carpeta de los capítulos (datos del paquete, junto a los procedimientos)."""
    return carpeta_procedimientos().parent / "manual"


def clave_pestana(titulo: str) -> str:
    """``"Mesa de ayuda"`` → ``"pestana-mesa-de-ayuda"``."""
    return "pestana-" + re.sub(r"[^a-z0-9]+", "-", normalizar(titulo or "")).strip("-")


def _titulo_de(texto: str, respaldo: str) -> str:
    for renglon in texto.splitlines():
        if renglon.startswith("# "):
            return renglon[2:].strip()
        if renglon.strip():
            break
    return respaldo


def leer_archivo(ruta: Path, tipo: str = GENERAL, pestana: str = "") -> Capitulo:
    """El capítulo del archivo ``ruta`` (UTF-8)."""
    texto = Path(ruta).read_text(encoding="utf-8")
    return Capitulo(Path(ruta).stem, _titulo_de(texto, Path(ruta).stem), texto, tipo, pestana)


def capitulo_pestana(titulo: str, carpeta: Path | None = None) -> Capitulo:
    """El capítulo de la pestaña ``titulo`` (sin importar mayúsculas ni acentos).

    ``ErrorNoEncontrado`` si la pestaña no tiene capítulo.
    """
    carpeta = carpeta or carpeta_manual()
    ruta = carpeta / f"{clave_pestana(titulo)}.md"
    if not ruta.is_file():
        raise ErrorNoEncontrado(f"La pestaña «{titulo}» todavía no tiene capítulo en el manual de usuario "
                                f"(se espera el archivo {ruta.name}).")
    return leer_archivo(ruta, PESTANA, titulo)


def capitulos_pestanas(titulos: Sequence[str] | None = None, carpeta: Path | None = None) -> list[Capitulo]:
    """Los capítulos de las pestañas en el orden de ``titulos``; después, los de archivos que no estén ahí.

    Una pestaña sin capítulo se omite (la prueba de cobertura del manual lo señala).
    """
    carpeta = carpeta or carpeta_manual()
    resultado: list[Capitulo] = []
    usadas: set[str] = set()
    for titulo in titulos or ():
        clave = clave_pestana(titulo)
        if clave in usadas or not (carpeta / f"{clave}.md").is_file():
            continue
        usadas.add(clave)
        resultado.append(capitulo_pestana(titulo, carpeta))
    for ruta in sorted(carpeta.glob("pestana-*.md")):
        if ruta.stem not in usadas:
            capitulo = leer_archivo(ruta, PESTANA)
            resultado.append(Capitulo(capitulo.clave, capitulo.titulo, capitulo.texto, PESTANA, capitulo.titulo))
    return resultado


def buscar(lista: Iterable[Capitulo], texto: str) -> list[Capitulo]:
    """Los capítulos que contienen todas las palabras de ``texto`` (sin importar acentos ni mayúsculas)."""
    palabras = normalizar(texto or "").split()
    if not palabras:
        return list(lista)
    return [c for c in lista if all(p in normalizar(c.texto) for p in palabras)]
