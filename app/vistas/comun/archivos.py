"""Archivos que guarda la interfaz: en Documentos del usuario y completos o nada."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths


def escribir_archivo(ruta: Path, contenido: bytes) -> None:
    """Escribe completo o no escribe: primero un temporal junto al destino y luego lo reemplaza."""
    temporal = ruta.with_name(f".{ruta.name}.{os.getpid()}.tmp")
    try:
        temporal.write_bytes(contenido)
        os.replace(temporal, ruta)
    finally:
        if temporal.exists():
            try:
                temporal.unlink()
            except OSError:
                pass


def carpeta_documentos() -> str:
    """La carpeta Documentos del usuario (donde se proponen los archivos que se guardan)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
