"""Rutas de los archivos que acompañan al programa (plantillas, recursos, datos).

Funciona igual desde el código fuente, instalado con ``pip install -e`` o
empaquetado con PyInstaller (donde todo vive bajo ``sys._MEIPASS``).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def raiz_proyecto() -> Path:
    """Carpeta que contiene ``formatos/`` y ``recursos/``.

    En el repositorio (o instalado con ``pip install -e``), la que contiene ``app/``; instalado con
    ``pip install .``, la copia que el empaquetado deja dentro del paquete (``app/_raiz``, ver
    ``setup.py``); empaquetado con PyInstaller, ``sys._MEIPASS``.
    """
    congelado = getattr(sys, "_MEIPASS", None)
    if congelado:
        return Path(congelado)
    codigo = Path(__file__).resolve().parent
    if (codigo.parent / "formatos").is_dir():
        return codigo.parent
    instalada = codigo / "_raiz"
    return instalada if instalada.is_dir() else codigo.parent


def carpeta_formatos() -> Path:
    """Plantillas de texto de los oficios, editables sin tocar código."""
    return raiz_proyecto() / "formatos"


def carpeta_recursos() -> Path:
    """Iconos, logotipo y hojas de estilo."""
    return raiz_proyecto() / "recursos"


VARIABLE_PROCEDIMIENTOS = "DTI_PROCEDIMIENTOS"


def carpeta_procedimientos() -> Path:
    """Definiciones de los procedimientos del manual (JSON).

    Por omisión, los 21 del manual de la DTI que vienen con el programa. Otro municipio carga
    los de su propio manual poniendo en la variable de entorno ``DTI_PROCEDIMIENTOS`` la carpeta
    de sus ``pNN.json`` (revísela antes con ``dti procedimientos validar CARPETA``); un
    procedimiento suyo sin ``"modulo"`` se lleva completo en la pestaña Trámites.
    """
    propia = os.environ.get(VARIABLE_PROCEDIMIENTOS, "").strip()
    if propia:
        return Path(propia).expanduser()
    return Path(__file__).resolve().parent / "datos" / "procedimientos"


def carpeta_migraciones() -> Path:
    """Migraciones numeradas del esquema."""
    return Path(__file__).resolve().parent / "migraciones"
