"""Genera el icono del programa: ``recursos/dti.ico`` (Windows) y ``recursos/dti.png``.

Un cuadro guinda de esquinas redondeadas con «DTI» en crema y una franja dorada, los colores
del sello de ``recursos/logotipo.png``. El sello completo no se lee a 16×16 píxeles; estas
tres letras sí. Se dibuja a 1024 px y se reduce a cada tamaño del ``.ico``.

Uso (necesita Pillow)::

    python3 instalador/generar_icono.py
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RAIZ = Path(__file__).resolve().parent.parent
GUINDA = (107, 27, 46, 255)
DORADO = (196, 160, 102, 255)
CREMA = (250, 243, 229, 255)
LADO = 1024
TAMANOS_ICO = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
FUENTES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
           "arialbd.ttf", "LiberationSans-Bold.ttf")


def _fuente(tamano: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for nombre in FUENTES:
        try:
            return ImageFont.truetype(nombre, tamano)
        except OSError:
            continue
    return ImageFont.load_default(size=tamano)


def dibujar_icono(lado: int = LADO) -> Image.Image:
    """El icono en RGBA, ``lado``×``lado`` píxeles."""
    imagen = Image.new("RGBA", (lado, lado), (0, 0, 0, 0))
    dibujo = ImageDraw.Draw(imagen)
    margen = lado // 32
    dibujo.rounded_rectangle((margen, margen, lado - margen, lado - margen), radius=lado // 6, fill=GUINDA)
    franja = lado * 3 // 4
    dibujo.rectangle((margen * 3, franja, lado - margen * 3, franja + lado // 14), fill=DORADO)
    fuente = _fuente(lado * 2 // 5)
    caja = dibujo.textbbox((0, 0), "DTI", font=fuente)
    ancho, alto = caja[2] - caja[0], caja[3] - caja[1]
    dibujo.text(((lado - ancho) / 2 - caja[0], (franja - alto) / 2 - caja[1] + margen), "DTI",
                font=fuente, fill=CREMA)
    return imagen


def generar(carpeta: Path = RAIZ / "recursos") -> tuple[Path, Path]:
    """Escribe ``dti.ico`` y ``dti.png`` (256 px) en ``carpeta``."""
    icono = dibujar_icono()
    ruta_ico, ruta_png = carpeta / "dti.ico", carpeta / "dti.png"
    icono.save(ruta_ico, format="ICO", sizes=TAMANOS_ICO)
    icono.resize((256, 256), Image.LANCZOS).save(ruta_png, format="PNG", optimize=True)
    return ruta_ico, ruta_png


if __name__ == "__main__":
    for ruta in generar():
        print(ruta)
