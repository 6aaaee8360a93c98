"""Capturas del manual: se guardan reducidas para que el repositorio y el instalador no pesen."""
from __future__ import annotations

from pathlib import Path

from PIL import Image

__all__ = ["ANCHO_CAPTURA", "reducir_captura"]

ANCHO_CAPTURA = 1000      # píxeles: se lee bien en pantalla y en una hoja carta
PESO_MAXIMO = 150_000     # bytes por captura; si pasa, se guarda con menos colores


def reducir_captura(origen: Path, destino: Path, ancho: int = ANCHO_CAPTURA) -> Path:
    """Guarda ``origen`` en ``destino`` a ``ancho`` píxeles, PNG optimizado con paleta.

    Empieza con 256 colores y baja a 128 y 64 mientras el archivo pase de :data:`PESO_MAXIMO`.
    """
    with Image.open(origen) as imagen:
        imagen = imagen.convert("RGB")
        if imagen.width > ancho:
            imagen = imagen.resize((ancho, round(imagen.height * ancho / imagen.width)), Image.Resampling.LANCZOS)
        destino.parent.mkdir(parents=True, exist_ok=True)
        temporal = destino.with_name(destino.name + ".tmp")
        for colores in (256, 128, 64):
            reducida = imagen.quantize(colors=colores, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            reducida.save(temporal, "PNG", optimize=True)
            if temporal.stat().st_size <= PESO_MAXIMO:
                break
        temporal.replace(destino)
    return destino
