"""Rutas de los archivos que acompañan al programa (plantillas, recursos, datos).

Funciona igual desde el código fuente, instalado con ``pip install -e`` o
empaquetado con PyInstaller (donde todo vive bajo ``sys._MEIPASS``).
"""
from __future__ import annotations

import sys
from pathlib import Path


def raiz_proyecto() -> Path:
    """Carpeta que contiene ``app/``, ``formatos/`` y ``recursos/``."""
    congelado = getattr(sys, "_MEIPASS", None)
    if congelado:
        return Path(congelado)
    return Path(__file__).resolve().parent.parent


def carpeta_formatos() -> Path:
    """Plantillas de texto de los oficios, editables sin tocar código."""
    return raiz_proyecto() / "formatos"


def carpeta_recursos() -> Path:
    """Iconos, logotipo y hojas de estilo."""
    return raiz_proyecto() / "recursos"


def carpeta_procedimientos() -> Path:
    """Definiciones de los 21 procedimientos del manual (JSON)."""
    return Path(__file__).resolve().parent / "datos" / "procedimientos"


def carpeta_migraciones() -> Path:
    """Migraciones numeradas del esquema."""
    return Path(__file__).resolve().parent / "migraciones"
