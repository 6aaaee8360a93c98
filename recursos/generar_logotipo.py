"""Genera ``recursos/logotipo.png``: sello municipal sencillo para el membrete.

Sello circular guinda y dorado con «SAN MARTÍN TEXMELUCAN» en el arco
superior, «PUEBLA» en el inferior y las iniciales «SMT» al centro. Se dibuja
al triple de resolución y se reduce para obtener bordes suaves.

Uso::

    python3 recursos/generar_logotipo.py [ruta_salida.png]
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

LADO_FINAL = 600
ESCALA = 3
LADO = LADO_FINAL * ESCALA
CENTRO = LADO / 2

GUINDA = (107, 27, 46, 255)
GUINDA_OSCURO = (84, 18, 34, 255)
DORADO = (196, 160, 102, 255)
DORADO_CLARO = (222, 196, 146, 255)
CREMA = (250, 243, 229, 255)

_FUENTES_SERIF = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "C:/Windows/Fonts/georgiab.ttf",
    "C:/Windows/Fonts/timesbd.ttf",
)
_FUENTES_SANS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
)


def _fuente(candidatas: tuple[str, ...], tamano: int) -> ImageFont.FreeTypeFont:
    """Primera fuente TrueType disponible; si no hay, la predeterminada de Pillow."""
    for ruta in candidatas:
        if Path(ruta).is_file():
            return ImageFont.truetype(ruta, tamano)
    return ImageFont.load_default(size=tamano)


def _circulo(dibujo: ImageDraw.ImageDraw, radio: float, **kwargs: object) -> None:
    dibujo.ellipse(
        (CENTRO - radio, CENTRO - radio, CENTRO + radio, CENTRO + radio), **kwargs
    )


def _estrella(
    dibujo: ImageDraw.ImageDraw, x: float, y: float, radio: float, color: tuple[int, ...]
) -> None:
    """Estrella de cinco picos centrada en (x, y)."""
    puntos = []
    for i in range(10):
        r = radio if i % 2 == 0 else radio * 0.42
        angulo = -math.pi / 2 + i * math.pi / 5
        puntos.append((x + r * math.cos(angulo), y + r * math.sin(angulo)))
    dibujo.polygon(puntos, fill=color)


def _texto_en_arco(
    lienzo: Image.Image,
    texto: str,
    fuente: ImageFont.FreeTypeFont,
    radio: float,
    color: tuple[int, ...],
    arriba: bool,
    espaciado: float = 1.0,
) -> None:
    """Escribe ``texto`` centrado sobre el arco superior o inferior del círculo."""
    anchos = [fuente.getlength(c) * espaciado for c in texto]
    total = sum(anchos)
    angulo = -total / 2 / radio  # radianes, respecto de la vertical
    for caracter, ancho in zip(texto, anchos):
        centro_car = angulo + ancho / 2 / radio
        angulo += ancho / radio
        if caracter == " ":
            continue
        caja = fuente.getbbox(caracter)
        lado = int(max(caja[2], caja[3]) * 2 + 8)
        sprite = Image.new("RGBA", (lado, lado), (0, 0, 0, 0))
        ImageDraw.Draw(sprite).text(
            (lado / 2, lado / 2), caracter, font=fuente, fill=color, anchor="mm"
        )
        if arriba:
            x = CENTRO + radio * math.sin(centro_car)
            y = CENTRO - radio * math.cos(centro_car)
            sprite = sprite.rotate(-math.degrees(centro_car), resample=Image.BICUBIC)
        else:
            x = CENTRO + radio * math.sin(centro_car)
            y = CENTRO + radio * math.cos(centro_car)
            sprite = sprite.rotate(math.degrees(centro_car), resample=Image.BICUBIC)
        lienzo.alpha_composite(sprite, (int(x - lado / 2), int(y - lado / 2)))


def generar(ruta: Path) -> None:
    """Dibuja el sello y lo guarda como PNG con fondo transparente."""
    lienzo = Image.new("RGBA", (LADO, LADO), (0, 0, 0, 0))
    dibujo = ImageDraw.Draw(lienzo)
    r_ext = LADO / 2 - 6 * ESCALA

    # Anillos exteriores: dorado, guinda (banda de texto) y filete dorado.
    _circulo(dibujo, r_ext, fill=DORADO)
    _circulo(dibujo, r_ext - 9 * ESCALA, fill=GUINDA)
    _circulo(dibujo, r_ext - 14 * ESCALA, outline=DORADO_CLARO, width=2 * ESCALA)
    r_interior = r_ext - 78 * ESCALA
    _circulo(dibujo, r_interior + 7 * ESCALA, fill=DORADO)
    _circulo(dibujo, r_interior, fill=GUINDA_OSCURO)
    _circulo(dibujo, r_interior - 10 * ESCALA, outline=DORADO, width=2 * ESCALA)

    # Textos de la banda.
    radio_texto = (r_ext - 9 * ESCALA + r_interior + 7 * ESCALA) / 2
    fuente_arco = _fuente(_FUENTES_SANS, 38 * ESCALA)
    _texto_en_arco(
        lienzo, "SAN MARTÍN TEXMELUCAN", fuente_arco, radio_texto, CREMA, arriba=True,
        espaciado=1.08,
    )
    _texto_en_arco(
        lienzo, "PUEBLA", fuente_arco, radio_texto, CREMA, arriba=False, espaciado=1.25
    )
    # Estrellas que separan ambos textos, a la izquierda y a la derecha.
    for signo in (-1, 1):
        angulo = math.radians(90 + 14) * signo
        _estrella(
            dibujo,
            CENTRO + radio_texto * math.sin(angulo),
            CENTRO - radio_texto * math.cos(angulo),
            15 * ESCALA,
            DORADO_CLARO,
        )

    # Centro: iniciales, filetes y leyenda.
    fuente_siglas = _fuente(_FUENTES_SERIF, 118 * ESCALA)
    dibujo.text((CENTRO, CENTRO - 8 * ESCALA), "SMT", font=fuente_siglas, fill=DORADO_CLARO,
                anchor="mm")
    for dy in (-86, 62):
        y = CENTRO + dy * ESCALA
        dibujo.line(
            (CENTRO - 120 * ESCALA, y, CENTRO + 120 * ESCALA, y), fill=DORADO, width=3 * ESCALA
        )
    for dx in (-34, 0, 34):
        _estrella(dibujo, CENTRO + dx * ESCALA, CENTRO - 112 * ESCALA, 11 * ESCALA, DORADO_CLARO)
    fuente_leyenda = _fuente(_FUENTES_SANS, 22 * ESCALA)
    dibujo.text((CENTRO, CENTRO + 92 * ESCALA), "H. AYUNTAMIENTO", font=fuente_leyenda,
                fill=CREMA, anchor="mm")

    final = lienzo.resize((LADO_FINAL, LADO_FINAL), Image.LANCZOS)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    final.save(ruta, format="PNG", optimize=True)


if __name__ == "__main__":
    destino = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("logotipo.png")
    generar(destino)
    print(f"Logotipo guardado en {destino}")
