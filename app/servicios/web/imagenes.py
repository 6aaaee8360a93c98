"""Revisión de las imágenes que entrega el área (procedimiento 14, actividad 2.1).

La política pide las imágenes «en el formato correcto»: el formato se reconoce por el
**contenido** (Pillow), no por la extensión; además se revisan el tamaño en bytes y las
dimensiones máximas. Una imagen mala se rehúsa con su razón antes de guardar nada.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from app.errores import ErrorValidacion
from app.servicios.nucleo import archivos

FORMATOS_OMISION = ("png", "jpg", "webp")
MAXIMO_BYTES_OMISION = 2 * 1024 * 1024
MAXIMO_ANCHO_OMISION = 1920
MAXIMO_ALTO_OMISION = 1920
_PILLOW = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}


@dataclass(frozen=True)
class Politica:
    """Lo que se acepta: formatos (por contenido), tamaño en bytes y dimensiones máximas."""

    formatos: tuple[str, ...] = FORMATOS_OMISION
    maximo_bytes: int = MAXIMO_BYTES_OMISION
    maximo_ancho: int = MAXIMO_ANCHO_OMISION
    maximo_alto: int = MAXIMO_ALTO_OMISION


@dataclass(frozen=True)
class ImagenRevisada:
    nombre: str
    formato: str
    tamano: int
    ancho: int
    alto: int
    contenido: bytes


def revisar(nombre: str, contenido: bytes, politica: Politica = Politica()) -> ImagenRevisada:
    """La imagen aceptada, o :class:`ErrorValidacion` con la razón (no escribe nada)."""
    nombre = archivos.nombre_original(nombre, "imagen")
    permitidos = ", ".join(f.upper() for f in politica.formatos)
    if not contenido:
        raise ErrorValidacion([("imagenes", f"La imagen «{nombre}» está vacía.")])
    if len(contenido) > politica.maximo_bytes:
        raise ErrorValidacion([("imagenes", f"La imagen «{nombre}» pesa {archivos.legible(len(contenido))}; "
                                            f"el máximo es {archivos.legible(politica.maximo_bytes)}.")])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(contenido)) as imagen:
                formato = _PILLOW.get(imagen.format or "", (imagen.format or "").lower())
                ancho, alto = imagen.size
                imagen.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            OSError, SyntaxError, ValueError) as exc:
        raise ErrorValidacion([("imagenes", f"«{nombre}» no es una imagen válida o está dañada; "
                                            f"se aceptan {permitidos}.")]) from exc
    if formato not in politica.formatos:
        raise ErrorValidacion([("imagenes", f"La imagen «{nombre}» es {formato.upper() or 'de formato desconocido'}, "
                                            f"no está en el formato correcto: se aceptan {permitidos} (política del "
                                            "procedimiento 14: el área proporciona las imágenes en el formato "
                                            "correcto).")])
    if ancho > politica.maximo_ancho or alto > politica.maximo_alto:
        raise ErrorValidacion([("imagenes", f"La imagen «{nombre}» mide {ancho}×{alto} px; el máximo es "
                                            f"{politica.maximo_ancho}×{politica.maximo_alto} px.")])
    return ImagenRevisada(nombre, formato, len(contenido), ancho, alto, bytes(contenido))


def revisar_todas(imagenes: list[tuple[str, bytes]], politica: Politica = Politica()) -> list[ImagenRevisada]:
    """Revisa todas; si una falla, ninguna se acepta (el error nombra cada imagen rechazada)."""
    aceptadas, errores = [], []
    for nombre, contenido in imagenes:
        try:
            aceptadas.append(revisar(nombre, contenido, politica))
        except ErrorValidacion as exc:
            errores.extend(exc.errores)
    if not imagenes:
        errores.append(("imagenes", "Agregue al menos una imagen."))
    if errores:
        raise ErrorValidacion(errores)
    return aceptadas
