"""Etiquetas QR de inventario en PDF (hojas carta tipo Avery y rollo térmico).

El QR lleva **solo el número de inventario** en texto plano, para que cualquier lector que
«teclea» (keyboard wedge) lo escriba tal cual. Cada etiqueta muestra además la institución,
el número en grande y una descripción corta recortada.

Se dibuja directo en el lienzo de ReportLab (sin platypus) y cada QR es un solo trazo
vectorial (:func:`app.documentos.qr.dibujar_qr`): mil etiquetas toman segundos. Alrededor
de cada código quedan en blanco al menos 4 módulos (la zona de silencio que exige la norma)
dentro de la propia etiqueta, y cada módulo mide al menos 0.6 mm para que se lea impreso a
203 dpi (térmica) o a 300 dpi (láser).
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.documentos.pdf_comun import fijar_metadatos
from app.documentos.qr import dibujar_qr, matriz_qr

ZONA_SILENCIO = 4          # módulos en blanco alrededor del código
_MARGEN = 0.06 * inch      # respiro interior de la etiqueta (el corte no siempre es exacto)
_CORRECCION = "M"


@dataclass(frozen=True)
class Plantilla:
    """Geometría de una hoja de etiquetas (todas las medidas en puntos PDF)."""

    clave: str
    nombre: str
    pagina: tuple[float, float]
    ancho: float
    alto: float
    margen_superior: float
    margen_izquierdo: float
    paso_horizontal: float
    paso_vertical: float
    columnas: int
    filas: int

    @property
    def por_hoja(self) -> int:
        return self.columnas * self.filas

    def origen(self, posicion: int) -> tuple[float, float]:
        """Esquina inferior izquierda de la etiqueta ``posicion`` (0 = arriba a la izquierda)."""
        fila, columna = divmod(posicion, self.columnas)
        x = self.margen_izquierdo + columna * self.paso_horizontal
        y = self.pagina[1] - self.margen_superior - fila * self.paso_vertical - self.alto
        return x, y


PLANTILLAS: dict[str, Plantilla] = {
    "carta-3x10": Plantilla("carta-3x10", "Carta 3×10 (Avery 5160, 2.625″ × 1″)", letter,
                            2.625 * inch, 1 * inch, 0.5 * inch, 0.1875 * inch,
                            2.75 * inch, 1 * inch, 3, 10),
    "carta-2x7": Plantilla("carta-2x7", "Carta 2×7 (Avery 5162, 4″ × 1.33″)", letter,
                           4 * inch, 1.3333 * inch, 0.8333 * inch, 0.1563 * inch,
                           4.1875 * inch, 1.3333 * inch, 2, 7),
    "termica-50x25": Plantilla("termica-50x25", "Rollo térmico 50 × 25 mm", (50 * mm, 25 * mm),
                               50 * mm, 25 * mm, 0, 0, 50 * mm, 25 * mm, 1, 1),
}


@dataclass(frozen=True)
class Etiqueta:
    """Lo que se imprime en una etiqueta."""

    numero: str
    descripcion: str = ""


def _imprimible(texto: str) -> str:
    """Texto de una línea que las fuentes estándar del PDF pueden dibujar (Windows-1252)."""
    limpio = " ".join("".join(c if c.isprintable() else " " for c in texto or "").split())
    return limpio.encode("cp1252", errors="replace").decode("cp1252")


def recortar(texto: str, fuente: str, tamano: float, ancho: float) -> str:
    """Recorta ``texto`` con «…» para que quepa en ``ancho`` puntos."""
    if stringWidth(texto, fuente, tamano) <= ancho:
        return texto
    while texto and stringWidth(texto + "…", fuente, tamano) > ancho:
        texto = texto[:-1]
    return texto.rstrip() + "…"


def _dos_lineas(texto: str, fuente: str, tamano: float, ancho: float) -> list[str]:
    """Hasta dos renglones; el segundo se recorta con «…» si no cabe todo."""
    palabras = texto.split()
    primera, usadas = "", 0
    for palabra in palabras:
        prueba = f"{primera} {palabra}".strip()
        if primera and stringWidth(prueba, fuente, tamano) > ancho:
            break
        primera, usadas = prueba, usadas + 1
    lineas = [recortar(primera, fuente, tamano, ancho)] if primera else []
    resto = " ".join(palabras[usadas:])
    if resto:
        lineas.append(recortar(resto, fuente, tamano, ancho))
    return lineas


def _dibujar(lienzo: Canvas, plantilla: Plantilla, x: float, y: float, etiqueta: Etiqueta,
             institucion: str) -> None:
    modulos = len(matriz_qr(etiqueta.numero, _CORRECCION))
    alto_util = plantilla.alto - 2 * _MARGEN
    modulo = alto_util / (modulos + 2 * ZONA_SILENCIO)
    lado = modulo * modulos
    silencio = modulo * ZONA_SILENCIO
    dibujar_qr(lienzo, etiqueta.numero, x + _MARGEN + silencio, y + _MARGEN + silencio, lado,
               _CORRECCION)
    texto_x = x + _MARGEN + lado + 2 * silencio
    ancho = x + plantilla.ancho - _MARGEN - texto_x
    escala = plantilla.alto / inch
    arriba = y + plantilla.alto - _MARGEN
    t_inst, t_num, t_desc = 6.2 * escala ** 0.5, 10.5 * escala ** 0.5, 6.4 * escala ** 0.5
    if plantilla.ancho < 2 * inch:                          # térmica 50 mm: texto más chico
        t_inst, t_num, t_desc = 5.2, 8.6, 5.4
    while stringWidth(institucion, "Helvetica-Bold", t_inst) > ancho and t_inst > 4.6:
        t_inst -= 0.2
    lienzo.setFont("Helvetica-Bold", t_inst)
    renglon = arriba - t_inst - 1
    lienzo.drawString(texto_x, renglon, recortar(institucion, "Helvetica-Bold", t_inst, ancho))
    numero = _imprimible(etiqueta.numero)
    tam_num = t_num
    while stringWidth(numero, "Helvetica-Bold", tam_num) > ancho and tam_num > 6:
        tam_num -= 0.5
    renglon -= tam_num + 3
    lienzo.setFont("Helvetica-Bold", tam_num)
    lienzo.drawString(texto_x, renglon, recortar(numero, "Helvetica-Bold", tam_num, ancho))
    lienzo.setFont("Helvetica", t_desc)
    for linea in _dos_lineas(_imprimible(etiqueta.descripcion), "Helvetica", t_desc, ancho):
        renglon -= t_desc + 1.5
        if renglon < y + _MARGEN:
            break
        lienzo.drawString(texto_x, renglon, linea)


def generar_pdf_etiquetas(etiquetas: Sequence[Etiqueta], plantilla: str = "carta-3x10",
                          institucion: str = "", inicio: int = 1,
                          creado: dt.datetime | None = None) -> bytes:
    """PDF con una etiqueta por elemento, a partir de la posición ``inicio`` (1 = arriba a la izquierda).

    ``inicio`` permite aprovechar una hoja ya usada: las posiciones anteriores quedan en
    blanco en la primera hoja. ``creado`` es la fecha de creación del PDF (por omisión, el reloj
    de la aplicación).
    """
    if plantilla not in PLANTILLAS:
        raise ValueError(f"Plantilla de etiquetas desconocida: {plantilla!r}")
    hoja = PLANTILLAS[plantilla]
    if not 1 <= inicio <= hoja.por_hoja:
        raise ValueError(f"La posición inicial debe estar entre 1 y {hoja.por_hoja}.")
    salida = io.BytesIO()
    lienzo = Canvas(salida, pagesize=hoja.pagina, invariant=1, pageCompression=0)
    fijar_metadatos(lienzo, "Etiquetas de inventario", creado)
    lienzo.setAuthor(_imprimible(institucion))
    institucion = _imprimible(institucion)
    posicion = inicio - 1
    for etiqueta in etiquetas:
        if posicion == hoja.por_hoja:
            lienzo.showPage()
            posicion = 0
        x, y = hoja.origen(posicion)
        _dibujar(lienzo, hoja, x, y, etiqueta, institucion)
        posicion += 1
    lienzo.showPage()
    lienzo.save()
    return salida.getvalue()
