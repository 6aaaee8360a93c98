"""Códigos QR vectoriales para documentos PDF.

El QR se dibuja como un único trazo relleno (un rectángulo por cada tramo
horizontal de módulos oscuros), lo que produce archivos pequeños y nítidos a
cualquier resolución de impresión.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import qrcode
from qrcode.constants import (
    ERROR_CORRECT_H,
    ERROR_CORRECT_L,
    ERROR_CORRECT_M,
    ERROR_CORRECT_Q,
)
from reportlab.pdfgen.canvas import FILL_NON_ZERO

__all__ = ["matriz_qr", "dibujar_qr"]

_NIVELES_CORRECCION: dict[str, int] = {
    "L": ERROR_CORRECT_L,
    "M": ERROR_CORRECT_M,
    "Q": ERROR_CORRECT_Q,
    "H": ERROR_CORRECT_H,
}


@lru_cache(maxsize=256)
def matriz_qr(texto: str, correccion: str = "M") -> tuple[tuple[bool, ...], ...]:
    """Devuelve la matriz de módulos del QR que codifica ``texto``.

    Cada fila es una tupla de booleanos (``True`` = módulo oscuro); la fila 0
    es la superior. La matriz NO incluye zona de silencio (``border=0``).
    El texto se codifica en UTF-8, en modo byte.

    :param texto: contenido del código.
    :param correccion: nivel de corrección de errores: ``"L"``, ``"M"``,
        ``"Q"`` o ``"H"``.
    :raises ValueError: si el nivel de corrección no es válido.
    """
    try:
        nivel = _NIVELES_CORRECCION[correccion.upper()]
    except KeyError:
        raise ValueError(
            f"Nivel de corrección QR no válido: {correccion!r} (use L, M, Q o H)."
        ) from None
    codigo = qrcode.QRCode(border=0, error_correction=nivel)
    codigo.add_data(texto)
    codigo.make(fit=True)
    return tuple(tuple(bool(modulo) for modulo in fila) for fila in codigo.get_matrix())


def dibujar_qr(
    canvas: Any,
    texto: str,
    x: float,
    y: float,
    lado: float,
    correccion: str = "M",
) -> None:
    """Dibuja en un lienzo de ReportLab el QR de ``texto`` en negro.

    La esquina inferior izquierda del código queda en ``(x, y)`` y su lado mide
    ``lado`` puntos. Todo el código es un solo trazo relleno; los módulos
    oscuros contiguos de una fila se funden en un único rectángulo.

    Importante: no se dibuja zona de silencio. Quien llama debe dejar en blanco
    al menos 4 módulos (``4 * lado / len(matriz_qr(texto))``) alrededor del
    código para que los lectores lo reconozcan.
    """
    matriz = matriz_qr(texto, correccion)
    modulos = len(matriz)
    if modulos == 0:
        return
    tam = lado / modulos
    trazo = canvas.beginPath()
    for indice_fila, fila in enumerate(matriz):
        y_fila = y + lado - (indice_fila + 1) * tam
        inicio: int | None = None
        for columna, oscuro in enumerate(fila):
            if oscuro and inicio is None:
                inicio = columna
            elif not oscuro and inicio is not None:
                trazo.rect(x + inicio * tam, y_fila, (columna - inicio) * tam, tam)
                inicio = None
        if inicio is not None:
            trazo.rect(x + inicio * tam, y_fila, (modulos - inicio) * tam, tam)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    # Relleno «no cero»: los rectángulos no se traslapan, pero así el resultado
    # no depende del modo de relleno vigente en el lienzo.
    canvas.drawPath(trazo, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()
