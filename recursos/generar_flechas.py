"""Genera las flechas de los campos numéricos, de fecha y de lista (``recursos/flecha_*.png``).

La hoja de estilo da borde propio a esos campos; Qt deja entonces de dibujar sus flechas y hay
que darle una imagen. Se dibujan al cuádruple y se reducen para que el borde quede suave.

Uso::

    python3 recursos/generar_flechas.py
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ANCHO, ALTO, ESCALA = 10, 6, 4
COLORES = {"": (74, 69, 64, 255), "_inactiva": (185, 179, 173, 255)}


def flecha(hacia_arriba: bool, color: tuple[int, int, int, int]) -> Image.Image:
    grande = Image.new("RGBA", (ANCHO * ESCALA, ALTO * ESCALA), (0, 0, 0, 0))
    w, h = grande.size
    puntos = [(0, h), (w, h), (w / 2, 0)] if hacia_arriba else [(0, 0), (w, 0), (w / 2, h)]
    ImageDraw.Draw(grande).polygon(puntos, fill=color)
    return grande.resize((ANCHO, ALTO), Image.LANCZOS)


def main() -> None:
    carpeta = Path(__file__).resolve().parent
    for sufijo, color in COLORES.items():
        flecha(True, color).save(carpeta / f"flecha_arriba{sufijo}.png", optimize=True)
        flecha(False, color).save(carpeta / f"flecha_abajo{sufijo}.png", optimize=True)


if __name__ == "__main__":
    main()
