"""PDF del manual de usuario: portada, tabla de contenido con números de página y capítulos.

Recibe los capítulos ya armados (título y Markdown, ver :mod:`app.documentos.manual_markdown`);
no sabe de dónde salen. Usa las fuentes Liberation de ``recursos/fuentes`` para que cualquier
letra del español (y las comillas «», las flechas →) se vea igual en todas las PC.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, Image, KeepTogether, ListFlowable, ListItem,
                                PageBreak, PageTemplate, Paragraph, Preformatted, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from app.documentos.manual_markdown import Bloque, leer
from app.documentos.pdf_comun import fecha_pdf
from app.rutas import carpeta_recursos

__all__ = ["CapituloPdf", "escribir_manual", "manual_pdf"]

_FUENTES = {"Manual": "LiberationSans-Regular.ttf", "Manual-Negritas": "LiberationSans-Bold.ttf",
            "Manual-Cursiva": "LiberationSans-Italic.ttf", "Manual-NegritasCursiva": "LiberationSans-BoldItalic.ttf",
            "Manual-Mono": "LiberationMono-Regular.ttf"}


@dataclass(frozen=True)
class CapituloPdf:
    """Lo que el PDF necesita de un capítulo: su título y su texto (Markdown, empieza con ``# título``)."""

    titulo: str
    texto: str


def _registrar_fuentes() -> None:
    if "Manual" in pdfmetrics.getRegisteredFontNames():
        return
    carpeta = carpeta_recursos() / "fuentes"
    for nombre, archivo in _FUENTES.items():
        pdfmetrics.registerFont(TTFont(nombre, str(carpeta / archivo)))
    pdfmetrics.registerFontFamily("Manual", normal="Manual", bold="Manual-Negritas", italic="Manual-Cursiva",
                                  boldItalic="Manual-NegritasCursiva")


def _estilos() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cuerpo", fontName="Manual", fontSize=10, leading=13.5, spaceAfter=5)
    return {
        "cuerpo": base,
        "celda": ParagraphStyle("celda", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0),
        "celda_titulo": ParagraphStyle("celda_titulo", parent=base, fontName="Manual-Negritas", fontSize=8.5,
                                       leading=10.5, spaceAfter=0, textColor=colors.white),
        "nota": ParagraphStyle("nota", parent=base, leftIndent=10, borderPadding=5, backColor=colors.HexColor(
            "#eef3f8"), borderColor=colors.HexColor("#9db4cc"), borderWidth=0.5, spaceBefore=4, spaceAfter=8),
        "codigo": ParagraphStyle("codigo", parent=base, fontName="Manual-Mono", fontSize=8.5, leading=10.5,
                                 leftIndent=8, backColor=colors.HexColor("#f2f2f2")),
        "h1": ParagraphStyle("h1", parent=base, fontName="Manual-Negritas", fontSize=18, leading=22,
                             spaceAfter=10, textColor=colors.HexColor("#1f3b5a")),
        "h2": ParagraphStyle("h2", parent=base, fontName="Manual-Negritas", fontSize=13, leading=16,
                             spaceBefore=10, spaceAfter=5, textColor=colors.HexColor("#1f3b5a")),
        "h3": ParagraphStyle("h3", parent=base, fontName="Manual-Negritas", fontSize=11, leading=14,
                             spaceBefore=6, spaceAfter=3),
        "portada": ParagraphStyle("portada", parent=base, fontName="Manual-Negritas", fontSize=26, leading=32,
                                  alignment=TA_CENTER, spaceAfter=16, textColor=colors.HexColor("#1f3b5a")),
        "portada_sub": ParagraphStyle("portada_sub", parent=base, fontSize=13, leading=18, alignment=TA_CENTER),
        "pie_imagen": ParagraphStyle("pie_imagen", parent=base, fontName="Manual-Cursiva", fontSize=8.5,
                                     alignment=TA_CENTER, textColor=colors.HexColor("#555555")),
    }


def _en_linea(texto: str) -> str:
    """Markdown de una línea → marcado de ReportLab (negritas, cursivas, código; enlaces como texto)."""
    partes = re.split(r"(`[^`]+`)", texto)
    salida: list[str] = []
    for parte in partes:
        if len(parte) > 1 and parte.startswith("`") and parte.endswith("`"):
            salida.append(f'<font face="Manual-Mono">{html.escape(parte[1:-1], quote=False)}</font>')
            continue
        parte = html.escape(parte, quote=False)
        parte = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", parte)
        parte = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", parte)
        parte = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", parte)
        salida.append(parte)
    return "".join(salida)


class _Documento(BaseDocTemplate):
    """Anota en la tabla de contenido y en los marcadores cada título de capítulo y de sección."""

    def __init__(self, destino: Any, titulo_pie: str, **opciones: Any) -> None:
        super().__init__(destino, pagesize=letter, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                         bottomMargin=2 * cm, **opciones)
        self.titulo_pie = titulo_pie
        marco = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="cuerpo")
        self.addPageTemplates([PageTemplate("pagina", [marco], onPage=self._pie)])
        self._marcas = 0

    def beforeDocument(self) -> None:  # noqa: N802 - API de ReportLab
        # multiBuild compone varias veces: cada pasada empieza con las mismas claves y el archivo vacío.
        self._marcas = 0
        if hasattr(self.filename, "truncate"):
            self.filename.seek(0)
            self.filename.truncate()

    def _pie(self, lienzo: Canvas, documento: BaseDocTemplate) -> None:
        lienzo.saveState()
        lienzo.setFont("Manual", 8)
        lienzo.setFillColor(colors.HexColor("#555555"))
        lienzo.drawString(self.leftMargin, 1.2 * cm, self.titulo_pie)
        lienzo.drawRightString(self.leftMargin + self.width, 1.2 * cm, f"Página {documento.page}")
        lienzo.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - API de ReportLab
        nivel = {"h1": 0, "h2": 1}.get(getattr(getattr(flowable, "style", None), "name", ""))
        if nivel is None or not isinstance(flowable, Paragraph):
            return
        texto = flowable.getPlainText()
        self._marcas += 1
        clave = f"marca{self._marcas}"
        self.canv.bookmarkPage(clave)
        self.canv.addOutlineEntry(texto, clave, level=nivel, closed=nivel == 0)
        if nivel == 0:      # el contenido lista los capítulos; las secciones quedan en los marcadores
            self.notify("TOCEntry", (nivel, texto, self.page, clave))


def _imagen(bloque: Bloque, carpeta: Path | None, ancho: float, estilos: dict[str, ParagraphStyle]) -> list[Flowable]:
    ruta = Path(bloque.ruta) if Path(bloque.ruta).is_absolute() or carpeta is None else carpeta / bloque.ruta
    pie = Paragraph(_en_linea(bloque.texto or ruta.name), estilos["pie_imagen"])
    if not ruta.is_file():
        return [Paragraph(f"(Falta la captura {html.escape(bloque.ruta)}: genérela con "
                          "«dti manual --capturas».)", estilos["pie_imagen"])]
    from PIL import Image as ImagenPil

    with ImagenPil.open(ruta) as abierta:
        px_ancho, px_alto = abierta.size
    escala = min(ancho / px_ancho, (14 * cm) / px_alto, 1.0 if px_ancho < 400 else 10.0)
    return [KeepTogether([Image(str(ruta), width=px_ancho * escala, height=px_alto * escala), pie]),
            Spacer(1, 6)]


def _tabla(bloque: Bloque, ancho: float, estilos: dict[str, ParagraphStyle]) -> Table:
    filas = [[Paragraph(_en_linea(c), estilos["celda_titulo" if i == 0 else "celda"]) for c in fila]
             for i, fila in enumerate(bloque.filas)]
    columnas = max(1, len(bloque.filas[0]))
    # La columna con más texto se lleva el espacio que sobra.
    largos = [max(len(f[j]) for f in bloque.filas) for j in range(columnas)]
    minimo = ancho * 0.1
    anchos = [max(minimo, min(ancho * 0.6, ancho * largo / max(1, sum(largos)))) for largo in largos]
    factor = ancho / sum(anchos)
    tabla = Table(filas, colWidths=[a * factor for a in anchos], repeatRows=1, hAlign="LEFT")
    tabla.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3b5a")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f6f9")]),
    ]))
    return tabla


def _bloques(texto: str, carpeta: Path | None, ancho: float, estilos: dict[str, ParagraphStyle]) -> list[Flowable]:
    historia: list[Flowable] = []
    for bloque in leer(texto):
        if bloque.tipo == "encabezado":
            estilo = estilos["h1" if bloque.nivel == 1 else "h2" if bloque.nivel == 2 else "h3"]
            historia.append(Paragraph(_en_linea(bloque.texto), estilo))
        elif bloque.tipo == "parrafo":
            historia.append(Paragraph(_en_linea(bloque.texto), estilos["cuerpo"]))
        elif bloque.tipo == "nota":
            historia.append(Paragraph(_en_linea(bloque.texto), estilos["nota"]))
        elif bloque.tipo == "codigo":
            historia.append(Preformatted(bloque.texto, estilos["codigo"]))
        elif bloque.tipo == "lista":
            elementos = [ListItem(Paragraph(_en_linea(e), estilos["cuerpo"]), leftIndent=14)
                         for e in bloque.elementos]
            historia.append(ListFlowable(elementos, bulletType="1" if bloque.ordenada else "bullet",
                                         start=None if bloque.ordenada else "•", bulletFontName="Manual",
                                         bulletFontSize=9, leftIndent=14))
            historia.append(Spacer(1, 4))
        elif bloque.tipo == "tabla":
            historia += [_tabla(bloque, ancho, estilos), Spacer(1, 8)]
        elif bloque.tipo == "imagen":
            historia += _imagen(bloque, carpeta, ancho, estilos)
    return historia


def manual_pdf(capitulos: Sequence[CapituloPdf], titulo: str = "Manual de usuario", subtitulo: str = "",
               carpeta_imagenes: Path | None = None, creado: dt.datetime | dt.date | None = None,
               version: str = "") -> bytes:
    """El PDF del manual: portada, «Contenido» con el número de página de cada capítulo y los capítulos."""
    import io

    _registrar_fuentes()
    estilos = _estilos()
    salida = io.BytesIO()
    documento = _Documento(salida, titulo, title=titulo,
                           author="Dirección de Tecnologías de la Información", lang="es-MX")
    contenido = TableOfContents()
    contenido.levelStyles = [
        ParagraphStyle("indice0", fontName="Manual-Negritas", fontSize=10, leading=13, leftIndent=0,
                       firstLineIndent=0, spaceBefore=3),
        ParagraphStyle("indice1", fontName="Manual", fontSize=9, leading=11, leftIndent=16, firstLineIndent=0),
    ]
    contenido.dotsMinLevel = 0
    contenido.rightColumnWidth = 36
    historia: list[Flowable] = [Spacer(1, 6 * cm), Paragraph(html.escape(titulo), estilos["portada"])]
    if subtitulo:
        historia.append(Paragraph(html.escape(subtitulo), estilos["portada_sub"]))
    if version:
        historia += [Spacer(1, 12), Paragraph(html.escape(version), estilos["portada_sub"])]
    historia += [PageBreak(), Paragraph("Contenido", estilos["h3"]), contenido]
    for capitulo in capitulos:
        historia.append(PageBreak())
        texto = capitulo.texto if capitulo.texto.lstrip().startswith("# ") else f"# {capitulo.titulo}\n\n{capitulo.texto}"
        historia += _bloques(texto, carpeta_imagenes, documento.width, estilos)
    texto_fecha = fecha_pdf(creado)

    def lienzo(*args: Any, **kwargs: Any) -> Canvas:
        kwargs["invariant"] = 1
        nuevo = Canvas(*args, **kwargs)
        nuevo.setDateFormatter(lambda *_partes: texto_fecha)
        return nuevo

    documento.multiBuild(historia, canvasmaker=lienzo)
    return salida.getvalue()


def escribir_manual(ruta: str | Path, capitulos: Sequence[CapituloPdf], **opciones: Any) -> Path:
    """Escribe el PDF en ``ruta`` de una vez (nunca queda a medias) y devuelve la ruta."""
    destino = Path(ruta)
    contenido = manual_pdf(capitulos, **opciones)
    temporal = destino.with_name(destino.name + ".tmp")
    temporal.write_bytes(contenido)
    temporal.replace(destino)
    return destino
