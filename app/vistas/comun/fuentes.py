"""Las fuentes de la interfaz viajan con el programa (``recursos/fuentes``), no se piden a la PC.

Liberation Sans (mismas medidas que Arial) para el texto y Liberation Mono (ancho fijo) para la
bitácora, contraseñas y claves. Así cada pantalla mide lo mismo en cualquier PC de la DTI, con o
sin las fuentes de Windows, y los PDF podrán incrustar la misma familia.
"""
from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from app.rutas import carpeta_recursos

registro = logging.getLogger(__name__)

FAMILIA_TEXTO = "Liberation Sans"
FAMILIA_FIJA = "Liberation Mono"
TAMANO_PUNTOS = 10

_registradas: set[str] | None = None


def registrar_fuentes() -> set[str]:
    """Registra en Qt las fuentes de ``recursos/fuentes`` (una sola vez) y devuelve sus familias."""
    global _registradas
    if _registradas is None:
        familias: set[str] = set()
        for archivo in sorted((carpeta_recursos() / "fuentes").glob("*.ttf")):
            identificador = QFontDatabase.addApplicationFont(str(archivo))
            if identificador < 0:
                registro.warning("No se pudo cargar la fuente %s.", archivo)
                continue
            familias.update(QFontDatabase.applicationFontFamilies(identificador))
        _registradas = familias
    return set(_registradas)


def fuente_texto(puntos: int = TAMANO_PUNTOS) -> QFont:
    """La fuente de la interfaz (la de la aplicación)."""
    registrar_fuentes()
    return QFont(FAMILIA_TEXTO, puntos)


def fuente_fija(puntos: int = TAMANO_PUNTOS) -> QFont:
    """Fuente de ancho fijo para lo que se lee carácter por carácter (bitácora, contraseñas)."""
    registrar_fuentes()
    fuente = QFont(FAMILIA_FIJA, puntos)
    fuente.setStyleHint(QFont.StyleHint.Monospace)
    fuente.setFixedPitch(True)
    return fuente
