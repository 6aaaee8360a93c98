"""Generación del PDF de un oficio de salida de la DTI.

El oficio se compone con ReportLab (*platypus*) en tamaño carta: membrete con
logotipo en todas las páginas, datos del oficio, destinatario, cuerpo
justificado, bloque de firmas, copias (c.c.p.), código QR de verificación en
la esquina inferior derecha de la última página y pie con «Página N de M».

Tipografía y caracteres
    Se usa Liberation Sans, incrustada en el PDF (PDF/A-2b, ver
    :mod:`app.documentos.pdfa`), con las medidas de Helvetica. El texto se
    limita al juego de caracteres Windows-1252 (todo el español: acentos, «ñ», «¿», «¡»,
    comillas tipográficas, «€», etc.). Antes de componer, todo el texto del
    usuario se normaliza (NFC) y:

    * los caracteres fuera de Windows-1252 (emoji, «⏻», ideogramas…) se
      sustituyen por «?»;
    * los caracteres de control (NUL, tabulador vertical…) se eliminan o se
      convierten en espacio o salto de línea;
    * se escapan «&», «<» y «>» para que el texto se imprima literalmente y
      nunca se interprete como marcado de ReportLab.

El resultado es determinista: los mismos datos producen exactamente los mismos
bytes (``invariant=1``), lo que permite calcular y comparar huellas SHA-256.
"""

from __future__ import annotations

import io
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documentos.fechas import lugar_y_fecha
from app.documentos.pdf_comun import construir_pdf
from app.documentos.pdfa import SANS_CURSIVA, SANS_NEGRITAS, registrar_fuentes
from app.documentos.qr import dibujar_qr, matriz_qr

__all__ = ["Firmante", "DatosOficio", "generar_oficio_pdf"]

_log = logging.getLogger(__name__)

# --- Geometría de la página (puntos PostScript) --------------------------------

ANCHO_PAGINA, ALTO_PAGINA = letter
MARGEN_IZQUIERDO = 2.5 * cm
MARGEN_DERECHO = 2.5 * cm
MARGEN_INFERIOR = 2.5 * cm
#: Distancia del borde superior al inicio del membrete.
MEMBRETE_SUPERIOR = 1.3 * cm
#: Alto máximo del logotipo en el membrete.
ALTO_LOGOTIPO = 2.2 * cm
#: Ancho máximo del logotipo (para logotipos apaisados).
ANCHO_MAX_LOGOTIPO = 4.0 * cm
#: Distancia del borde superior a la línea que cierra el membrete.
LINEA_MEMBRETE = MEMBRETE_SUPERIOR + ALTO_LOGOTIPO + 0.35 * cm
#: Distancia del borde superior al inicio del texto del oficio.
MARGEN_SUPERIOR = LINEA_MEMBRETE + 0.75 * cm
ANCHO_UTIL = ANCHO_PAGINA - MARGEN_IZQUIERDO - MARGEN_DERECHO

LADO_QR = 2.2 * cm
SEPARACION_FIRMAS = 1.2 * cm
ESPACIO_FIRMA = 1.9 * cm
#: Límite de caracteres para nombre y cargo de cada firmante: evita que un
#: dato absurdo desborde la celda de la tabla de firmas (más alta que la página).
MAX_CARACTERES_FIRMA = 300
#: Límite de caracteres de cada línea de copia (c.c.p.), por la misma razón.
MAX_CARACTERES_CCP = 500

# Colores institucionales (guinda y dorado).
GUINDA = colors.HexColor("#6B1B2E")
DORADO = colors.HexColor("#B38E5D")
GRIS_TEXTO = colors.HexColor("#3A3A3A")
GRIS_PIE = colors.HexColor("#5E5E5E")

# Liberation Sans, incrustada (PDF/A-2b): las mismas medidas que Helvetica/Arial.
FUENTE = registrar_fuentes()
FUENTE_NEGRITA = SANS_NEGRITAS
FUENTE_CURSIVA = SANS_CURSIVA


# --- Datos ------------------------------------------------------------------


@dataclass(frozen=True)
class Firmante:
    """Persona que firma el oficio."""

    nombre: str
    cargo: str


@dataclass(frozen=True)
class DatosOficio:
    """Todo lo necesario para imprimir un oficio de salida."""

    institucion: str  # "H. Ayuntamiento de San Martín Texmelucan, Puebla"
    lema: str  # "¡Unidos Seguimos Haciendo Historia!"
    area_emisora: str  # "Dirección de Tecnologías de la Información"
    lugar: str  # "San Martín Texmelucan, Pue."
    fecha: date
    folio: str  # "TM/DTI/0001/2026"
    asunto: str
    destinatario_nombre: str
    destinatario_cargo: str
    destinatario_dependencia: str
    cuerpo: str  # texto plano; los párrafos se separan con una línea en blanco
    firmantes: tuple[Firmante, ...]
    ccp: tuple[str, ...] = ()
    #: Contenido del QR (p. ej. "DTI|TM/DTI/0001/2026|sha256:ab12..."); sin QR si está vacío.
    texto_verificacion: str = ""
    #: Logotipo PNG/JPG; se omite si es ``None``, no existe o no se puede leer.
    logotipo: Path | None = None
    #: Dibuja una marca de agua diagonal «CANCELADO» en rojo claro en cada página.
    cancelado: bool = False
    #: Otra marca de agua diagonal (gris), p. ej. «VISTA PREVIA» en la que no tiene folio todavía.
    marca_agua: str = ""
    #: Línea opcional del pie (domicilio, teléfono).
    pie: str = ""
    #: Fecha y hora de emisión (metadato «CreationDate» del PDF); sin ella, ``fecha`` a las 00:00.
    creado: datetime | None = None


# --- Limpieza de texto ------------------------------------------------------

_SALTOS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028")
_GUIONES = frozenset("\u2010\u2011\u2012\u2212")


@lru_cache(maxsize=4096)
def _caracter_imprimible(caracter: str) -> str:
    """Traduce un carácter a lo que Helvetica (Windows-1252) puede imprimir."""
    if caracter == "\n":
        return "\n"
    if caracter == "\t":
        return " "
    if caracter in _SALTOS:
        return "\n"
    if caracter == "\u2029":
        return "\n\n"
    if caracter in _GUIONES:
        return "-"
    categoria = unicodedata.category(caracter)
    if categoria == "Cc" or categoria in ("Cf", "Mn", "Me"):
        # Controles, caracteres de formato (ZWJ, BOM…) y marcas combinantes
        # que no se pudieron componer (selectores de variante de emoji…).
        return ""
    if categoria == "Zs":
        return caracter if caracter == "\u00a0" else " "
    try:
        caracter.encode("cp1252")
    except UnicodeEncodeError:
        return "?"
    return caracter


def _texto_imprimible(texto: str) -> str:
    """Normaliza ``texto`` para las fuentes estándar; conserva los saltos de línea."""
    texto = unicodedata.normalize("NFC", texto).replace("\r\n", "\n").replace("\r", "\n")
    if texto.isascii() and texto.isprintable():
        return texto
    return "".join(map(_caracter_imprimible, texto))


def _una_linea(texto: str) -> str:
    """Texto imprimible en una sola línea, con espacios colapsados."""
    return " ".join(_texto_imprimible(texto).split())


def _xml(texto: str) -> str:
    """Texto de una línea listo para un ``Paragraph`` (escapado)."""
    return escape(_una_linea(texto))


def _xml_multilinea(texto: str) -> str:
    """Texto con saltos de línea simples convertidos en ``<br/>`` (escapado)."""
    lineas = (" ".join(linea.split()) for linea in texto.split("\n"))
    return "<br/>".join(escape(linea) for linea in lineas)


def _parrafos(cuerpo: str) -> list[str]:
    """Divide el cuerpo en párrafos (separados por líneas en blanco)."""
    texto = _texto_imprimible(cuerpo)
    bloques = re.split(r"\n[ \u00a0]*\n", texto)
    return [b.strip("\n ") for b in bloques if b.strip()]


def _recortar(texto: str, limite: int) -> str:
    return texto if len(texto) <= limite else texto[: limite - 1].rstrip() + "\u2026"


def _ajustar_linea(
    texto: str, fuente: str, tam_max: float, tam_min: float, ancho: float
) -> tuple[str, float]:
    """Reduce el tamaño (y, si hace falta, recorta con «…») para caber en ``ancho``."""
    tam = tam_max
    medida = stringWidth(texto, fuente, tam)
    if medida <= ancho:
        return texto, tam
    tam = max(tam_min, tam_max * ancho / medida)
    if stringWidth(texto, fuente, tam) <= ancho:
        return texto, tam
    izquierda, derecha = 0, len(texto)
    while izquierda < derecha:  # búsqueda binaria del prefijo más largo que cabe
        medio = (izquierda + derecha + 1) // 2
        if stringWidth(texto[:medio].rstrip() + "\u2026", fuente, tam) <= ancho:
            izquierda = medio
        else:
            derecha = medio - 1
    return texto[:izquierda].rstrip() + "\u2026", tam


# --- Estilos ----------------------------------------------------------------


def _estilo(nombre: str, **kwargs: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FUENTE,
        "fontSize": 11,
        "leading": 14,
        "textColor": colors.black,
        "splitLongWords": 1,
    }
    base.update(kwargs)
    return ParagraphStyle(nombre, **base)


_SANGRIA_DATOS = ANCHO_UTIL * 0.38
ESTILO_FOLIO = _estilo(
    "folio", fontName=FUENTE_NEGRITA, alignment=TA_RIGHT, leftIndent=_SANGRIA_DATOS
)
ESTILO_DATOS = _estilo("datos", alignment=TA_RIGHT, leftIndent=_SANGRIA_DATOS, spaceBefore=2)
ESTILO_DESTINATARIO = _estilo("destinatario", alignment=TA_LEFT, leading=14)
ESTILO_DESTINATARIO_NOMBRE = _estilo("destinatario_nombre", fontName=FUENTE_NEGRITA)
ESTILO_PRESENTE = _estilo("presente", fontName=FUENTE_NEGRITA, spaceBefore=2)
ESTILO_CUERPO = _estilo("cuerpo", alignment=TA_JUSTIFY, leading=15.5, spaceAfter=9)
ESTILO_ATENTAMENTE = _estilo("atentamente", fontName=FUENTE_NEGRITA, alignment=TA_CENTER)
ESTILO_LEMA = _estilo(
    "lema", fontName=FUENTE_CURSIVA, fontSize=10, leading=13, alignment=TA_CENTER
)
ESTILO_FIRMA_NOMBRE = _estilo(
    "firma_nombre", fontName=FUENTE_NEGRITA, fontSize=10, leading=12.5, alignment=TA_CENTER
)
ESTILO_FIRMA_CARGO = _estilo(
    "firma_cargo", fontSize=9.5, leading=12, alignment=TA_CENTER, textColor=GRIS_TEXTO
)
ESTILO_CCP = _estilo(
    "ccp",
    fontSize=7.5,
    leading=9.5,
    textColor=GRIS_TEXTO,
    leftIndent=0.95 * cm,
    firstLineIndent=-0.95 * cm,
)


# --- Logotipo ---------------------------------------------------------------


#: Resolución con la que se incrusta el logotipo (suficiente para impresión láser).
PPP_LOGOTIPO = 300


@lru_cache(maxsize=8)
def _logotipo_cacheado(ruta: str, _mtime_ns: int, _tamano: int) -> ImageReader | None:
    """Lee el logotipo, lo aplana sobre blanco y lo reduce a ``PPP_LOGOTIPO``.

    Incrustarlo ya reducido mantiene el PDF pequeño y la generación rápida
    (ReportLab recodifica la imagen en cada documento). La caché se invalida
    si cambian la fecha de modificación o el tamaño del archivo.
    """
    try:
        with Image.open(ruta) as original:
            original.load()
            imagen = original.convert("RGBA")
        ancho, alto = imagen.size
        if ancho <= 0 or alto <= 0:
            raise ValueError("dimensiones inválidas")
        escala = min(ALTO_LOGOTIPO / alto, ANCHO_MAX_LOGOTIPO / ancho)
        maximo = (ancho * escala / 72 * PPP_LOGOTIPO, alto * escala / 72 * PPP_LOGOTIPO)
        if ancho > maximo[0] or alto > maximo[1]:
            imagen.thumbnail((max(1, round(maximo[0])), max(1, round(maximo[1]))), Image.LANCZOS)
        fondo = Image.new("RGB", imagen.size, (255, 255, 255))
        fondo.paste(imagen, mask=imagen.getchannel("A"))
    except Exception:  # noqa: BLE001 - cualquier archivo ilegible se omite
        _log.warning("No se pudo leer el logotipo %s; se omite.", ruta, exc_info=True)
        return None
    return ImageReader(fondo)


def _cargar_logotipo(ruta: Path | None) -> ImageReader | None:
    """Devuelve el logotipo listo para dibujar, o ``None`` si falta o es ilegible."""
    if ruta is None:
        return None
    try:
        ruta = Path(ruta)
        info = ruta.stat()
    except (OSError, TypeError, ValueError):
        _log.warning("No existe el logotipo %s; se omite.", ruta)
        return None
    if not ruta.is_file():
        return None
    return _logotipo_cacheado(str(ruta.resolve()), info.st_mtime_ns, info.st_size)


# --- Dibujo de elementos fijos de la página ----------------------------------


@dataclass(frozen=True)
class _Membrete:
    institucion: str
    area: str
    lema: str
    logotipo: ImageReader | None


def _dibujar_membrete(membrete: _Membrete, canvas: Canvas, _doc: Any) -> None:
    """Membrete de cada página: logotipo, institución, área, lema y filete.

    Se ajusta al tamaño de la página del lienzo (carta vertical u horizontal).
    """
    ancho_pagina, alto_pagina = canvas._pagesize
    canvas.saveState()
    tope = alto_pagina - MEMBRETE_SUPERIOR
    x_texto = MARGEN_IZQUIERDO
    if membrete.logotipo is not None:
        ancho_img, alto_img = membrete.logotipo.getSize()
        alto = ALTO_LOGOTIPO
        ancho = alto * ancho_img / alto_img
        if ancho > ANCHO_MAX_LOGOTIPO:
            ancho = ANCHO_MAX_LOGOTIPO
            alto = ancho * alto_img / ancho_img
        y_img = tope - ALTO_LOGOTIPO + (ALTO_LOGOTIPO - alto) / 2
        canvas.drawImage(membrete.logotipo, MARGEN_IZQUIERDO, y_img, ancho, alto)
        x_texto = MARGEN_IZQUIERDO + ancho + 0.5 * cm
    ancho_texto = ancho_pagina - MARGEN_DERECHO - x_texto

    # (texto, fuente, tamaño máximo, tamaño mínimo, interlineado, color)
    lineas = [
        (membrete.institucion, FUENTE_NEGRITA, 14.0, 9.0, 18.0, GUINDA),
        (membrete.area, FUENTE, 11.0, 8.0, 15.0, GRIS_TEXTO),
        (membrete.lema, FUENTE_CURSIVA, 9.5, 7.0, 13.0, DORADO),
    ]
    lineas = [linea for linea in lineas if linea[0]]
    alto_bloque = sum(linea[4] for linea in lineas)
    # Bloque de texto centrado verticalmente respecto del espacio del logotipo.
    y = tope - (ALTO_LOGOTIPO - alto_bloque) / 2
    for texto, fuente, tam_max, tam_min, interlineado, color in lineas:
        texto, tam = _ajustar_linea(texto, fuente, tam_max, tam_min, ancho_texto)
        y -= interlineado
        canvas.setFont(fuente, tam)
        canvas.setFillColor(color)
        canvas.drawString(x_texto, y + (interlineado - tam) * 0.45, texto)

    y_linea = alto_pagina - LINEA_MEMBRETE
    canvas.setStrokeColor(GUINDA)
    canvas.setLineWidth(1.1)
    canvas.line(MARGEN_IZQUIERDO, y_linea, ancho_pagina - MARGEN_DERECHO, y_linea)
    canvas.setStrokeColor(DORADO)
    canvas.setLineWidth(0.5)
    canvas.line(MARGEN_IZQUIERDO, y_linea - 2.5, ancho_pagina - MARGEN_DERECHO, y_linea - 2.5)
    canvas.restoreState()


def _dibujar_marca_cancelado(canvas: Canvas, _doc: Any) -> None:
    """Marca de agua diagonal «CANCELADO», semitransparente, sobre todo el contenido."""
    canvas.saveState()
    canvas.setFillColorRGB(0.85, 0.12, 0.12)
    canvas.setFillAlpha(0.22)
    canvas.translate(ANCHO_PAGINA / 2, ALTO_PAGINA / 2)
    canvas.rotate(math.degrees(math.atan2(ALTO_PAGINA, ANCHO_PAGINA)))
    tam = 104
    canvas.setFont(FUENTE_NEGRITA, tam)
    canvas.drawCentredString(0, -tam * 0.35, "CANCELADO")
    canvas.restoreState()


def _dibujar_marca_agua(texto: str, canvas: Canvas, _doc: Any) -> None:
    """Marca de agua diagonal gris con ``texto``, del tamaño que quepa en la diagonal de la hoja."""
    canvas.saveState()
    canvas.setFillColorRGB(0.35, 0.35, 0.45)
    canvas.setFillAlpha(0.2)
    canvas.translate(ANCHO_PAGINA / 2, ALTO_PAGINA / 2)
    canvas.rotate(math.degrees(math.atan2(ALTO_PAGINA, ANCHO_PAGINA)))
    ancho = canvas.stringWidth(texto, FUENTE_NEGRITA, 1) or 1
    tam = min(104, 0.62 * math.hypot(ANCHO_PAGINA, ALTO_PAGINA) / ancho)
    canvas.setFont(FUENTE_NEGRITA, tam)
    canvas.drawCentredString(0, -tam * 0.35, texto)
    canvas.restoreState()


class _LienzoNumerado(Canvas):
    """Lienzo que difiere el cierre de páginas para imprimir «Página N de M» y el pie."""

    def __init__(self, *args: Any, pie: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pie_oficio = pie
        self._estados_pagina: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - nombre de la API de ReportLab
        self._estados_pagina.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._estados_pagina)
        for estado in self._estados_pagina:
            self.__dict__.update(estado)
            self._dibujar_pie(total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _dibujar_pie(self, total: int) -> None:
        ancho_pagina = self._pagesize[0]  # carta vertical u horizontal
        self.saveState()
        y_linea = MARGEN_INFERIOR - 0.55 * cm
        self.setStrokeColor(DORADO)
        self.setLineWidth(0.5)
        self.line(MARGEN_IZQUIERDO, y_linea, ancho_pagina - MARGEN_DERECHO, y_linea)
        self.setFillColor(GRIS_PIE)
        etiqueta = f"Página {self._pageNumber} de {total}"
        tam_etiqueta = 8
        self.setFont(FUENTE, tam_etiqueta)
        y_texto = y_linea - 0.45 * cm
        self.drawRightString(ancho_pagina - MARGEN_DERECHO, y_texto, etiqueta)
        if self._pie_oficio:
            ancho_util = ancho_pagina - MARGEN_IZQUIERDO - MARGEN_DERECHO
            ancho = ancho_util - stringWidth(etiqueta, FUENTE, tam_etiqueta) - 0.6 * cm
            texto, tam = _ajustar_linea(self._pie_oficio, FUENTE, 7.5, 6.0, ancho)
            self.setFont(FUENTE, tam)
            self.drawString(MARGEN_IZQUIERDO, y_texto, texto)
        self.restoreState()


# --- Flowables propios ------------------------------------------------------


class _BloqueFinal(Flowable):
    """Copias (c.c.p.) a la izquierda y QR de verificación al pie, a la derecha.

    Es el último elemento del oficio. Reserva la altura mayor entre las copias
    y el QR (con su zona de silencio y su leyenda); como nada se compone
    después, el espacio entre su posición y el fondo del marco está libre, y
    ahí se ancla el QR: queda en la esquina inferior derecha de la última
    página sin encimarse con el texto. Debe agregarse directamente al marco
    (no dentro de tablas), porque ``drawOn`` recibe coordenadas absolutas.
    """

    TAM_LEYENDA = 6.5

    def __init__(
        self,
        copias: list[Paragraph],
        texto_qr: str,
        leyenda: str,
        fondo_marco: float,
    ) -> None:
        super().__init__()
        self._copias = copias
        self._texto_qr = texto_qr
        self._leyenda = leyenda
        self._fondo = fondo_marco
        if texto_qr:
            modulos = len(matriz_qr(texto_qr))
            self._silencio = 4 * LADO_QR / modulos + 1  # ≥ 4 módulos en blanco
            self._alto_qr = self._silencio + LADO_QR + self._silencio + self.TAM_LEYENDA + 2
            self._ancho_qr = self._silencio + LADO_QR
        else:
            self._silencio = self._alto_qr = self._ancho_qr = 0.0
        self._ancho = 0.0
        self._alturas: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._ancho = availWidth
        ancho_texto = availWidth - self._ancho_qr
        self._alturas = [p.wrap(ancho_texto, availHeight)[1] for p in self._copias]
        return availWidth, max(sum(self._alturas), self._alto_qr)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Si no cabe, deja en esta página las copias que quepan y pasa el resto."""
        self.wrap(availWidth, availHeight)
        acumulado, cuantas = 0.0, 0
        for altura in self._alturas:
            if acumulado + altura > availHeight:
                break
            acumulado += altura
            cuantas += 1
        if cuantas == 0:
            return []
        resto = _BloqueFinal(self._copias[cuantas:], self._texto_qr, self._leyenda, self._fondo)
        return [*self._copias[:cuantas], resto]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        alto = max(sum(self._alturas), self._alto_qr)
        cursor = y + alto
        for parrafo, altura in zip(self._copias, self._alturas):
            cursor -= altura
            parrafo.drawOn(canvas, x, cursor)
        if not self._texto_qr:
            return
        base = min(y, self._fondo)
        derecha = x + self._ancho
        x_qr = derecha - LADO_QR
        y_qr = base + 2 + self.TAM_LEYENDA + self._silencio
        dibujar_qr(canvas, self._texto_qr, x_qr, y_qr, LADO_QR)
        canvas.saveState()
        canvas.setFont(FUENTE, self.TAM_LEYENDA)
        canvas.setFillColor(GRIS_PIE)
        if stringWidth(self._leyenda, FUENTE, self.TAM_LEYENDA) <= LADO_QR:
            canvas.drawCentredString(x_qr + LADO_QR / 2, base + 2, self._leyenda)
        else:
            canvas.drawRightString(derecha, base + 2, self._leyenda)
        canvas.restoreState()

    def draw(self) -> None:  # pragma: no cover - se dibuja en drawOn
        pass


class _CierreConParrafo(Flowable):
    """Une el último párrafo del cuerpo con el cierre (firmas, copias y QR).

    Evita que la hoja de firmas quede sin texto: si el cierre no cabe en la
    página, al menos las dos últimas líneas del párrafo pasan con él a la
    siguiente; el resto del párrafo se queda donde cabe (y, si es más largo que
    una hoja, se reparte hoja por hoja con la misma regla). Si se da
    ``encabezado`` (p. ej. «(continuación)»), encabeza cada hoja a la que pasa.
    """

    def __init__(self, parrafo: Paragraph | None, cierre: list[Flowable],
                 encabezado: Flowable | None = None, continua: bool = False) -> None:
        super().__init__()
        self._parrafo = parrafo
        self._cierre = cierre
        self._encabezado = encabezado
        self._continua = continua
        self._reintentado = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, 0xFFFFFF  # fuerza a que el marco llame a split()

    def _alto(self, flowable: Flowable, ancho: float, alto: float) -> float:
        return (
            flowable.wrapOn(self.canv, ancho, alto)[1]
            + flowable.getSpaceBefore()
            + flowable.getSpaceAfter()
        )

    def _previos(self) -> list[Flowable]:
        return [self._encabezado] if self._continua and self._encabezado is not None else []

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parrafo = self._parrafo
        if parrafo is None:
            return self._juntos(self._cierre, availWidth, availHeight)
        previos = self._previos()
        disponible = availHeight - sum(self._alto(f, availWidth, availHeight) for f in previos)
        alto_cierre = sum(self._alto(f, availWidth, availHeight) for f in self._cierre)
        alto_parrafo = parrafo.wrapOn(self.canv, availWidth, availHeight)[1]
        extra = parrafo.getSpaceBefore() + parrafo.getSpaceAfter()
        if alto_parrafo + extra + alto_cierre <= disponible:
            return [*previos, parrafo, *self._cierre]
        interlineado = parrafo.style.leading
        # Todas las líneas menos las dos últimas, si caben en esta página.
        alto_primera = min(disponible - extra, alto_parrafo - 1.5 * interlineado)
        if alto_primera >= 2 * interlineado:
            partes = parrafo.split(availWidth, alto_primera)
            if len(partes) == 2:
                siguiente: Flowable
                if self._encabezado is None:
                    siguiente = KeepTogether([partes[1], *self._cierre])
                else:
                    siguiente = _CierreConParrafo(partes[1], self._cierre, self._encabezado, continua=True)
                return [*previos, partes[0], siguiente]
        if self._encabezado is not None and not self._reintentado:
            # No cabe ni el final del párrafo: se vuelve a intentar completo en la hoja siguiente,
            # bajo el encabezado (ahí, si hace falta, se reparte con la misma regla).
            self._reintentado = self._continua = True
            return []
        return self._juntos([*self._previos(), parrafo, *self._cierre], availWidth, availHeight)

    def _juntos(self, flowables: list[Flowable], ancho: float, alto: float) -> list[Flowable]:
        # Se delega en KeepTogether ya dividido (salto de marco + contenido): el
        # primer elemento devuelto debe caber, o ser una acción, para platypus.
        return KeepTogether(flowables).splitOn(self.canv, ancho, alto)

    def draw(self) -> None:  # pragma: no cover - nunca se dibuja, siempre se divide
        pass


# --- Composición ------------------------------------------------------------


def _bloque_firmas(firmantes: tuple[Firmante, ...]) -> list[Flowable]:
    """Tablas de firmas: hasta tres por renglón, centradas, con su línea de firma."""
    if not firmantes:
        return []
    renglones = math.ceil(len(firmantes) / 3)
    por_renglon = math.ceil(len(firmantes) / renglones)
    elementos: list[Flowable] = []
    for inicio in range(0, len(firmantes), por_renglon):
        grupo = firmantes[inicio : inicio + por_renglon]
        ancho_columna = min(
            8.0 * cm, (ANCHO_UTIL - SEPARACION_FIRMAS * (por_renglon - 1)) / por_renglon
        )
        fila_nombres: list[Any] = []
        fila_cargos: list[Any] = []
        anchos: list[float] = []
        estilos: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, 0), 4),
            ("TOPPADDING", (0, 1), (-1, 1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
        for indice, firmante in enumerate(grupo):
            if indice:
                fila_nombres.append("")
                fila_cargos.append("")
                anchos.append(SEPARACION_FIRMAS)
            columna = len(anchos)
            nombre = _recortar(_una_linea(firmante.nombre), MAX_CARACTERES_FIRMA)
            cargo = _recortar(_texto_imprimible(firmante.cargo).strip(), MAX_CARACTERES_FIRMA)
            fila_nombres.append(Paragraph(escape(nombre), ESTILO_FIRMA_NOMBRE))
            fila_cargos.append(Paragraph(_xml_multilinea(cargo), ESTILO_FIRMA_CARGO))
            anchos.append(ancho_columna)
            estilos.append(("LINEABOVE", (columna, 0), (columna, 0), 0.8, colors.black))
        if inicio:
            elementos.append(Spacer(1, ESPACIO_FIRMA))
        tabla = Table([fila_nombres, fila_cargos], colWidths=anchos, hAlign="CENTER")
        tabla.setStyle(TableStyle(estilos))
        elementos.append(tabla)
    return elementos


def _historia(datos: DatosOficio) -> list[Flowable]:
    """Lista de elementos (flowables) del oficio, en orden."""
    lema = _xml(datos.lema)
    historia: list[Flowable] = [
        Paragraph(f"Oficio No. {_xml(datos.folio)}", ESTILO_FOLIO),
        Paragraph(f"<b>Asunto:</b> {_xml(datos.asunto)}", ESTILO_DATOS),
        Paragraph(_xml(lugar_y_fecha(datos.lugar, datos.fecha)), ESTILO_DATOS),
        Spacer(1, 0.9 * cm),
    ]
    for texto, estilo in (
        (datos.destinatario_nombre, ESTILO_DESTINATARIO_NOMBRE),
        (datos.destinatario_cargo, ESTILO_DESTINATARIO),
        (datos.destinatario_dependencia, ESTILO_DESTINATARIO),
    ):
        if texto.strip():
            historia.append(Paragraph(_xml(texto), estilo))
    historia.append(Paragraph("P R E S E N T E", ESTILO_PRESENTE))
    historia.append(Spacer(1, 0.7 * cm))

    parrafos = [
        Paragraph(_xml_multilinea(p), ESTILO_CUERPO) for p in _parrafos(datos.cuerpo)
    ]
    ultimo = parrafos.pop() if parrafos else None
    historia.extend(parrafos)

    cierre: list[Flowable] = [
        Spacer(1, 0.4 * cm),
        Paragraph("A T E N T A M E N T E", ESTILO_ATENTAMENTE),
    ]
    if lema:
        cierre.append(Paragraph(lema, ESTILO_LEMA))
    if datos.firmantes:
        cierre.append(Spacer(1, ESPACIO_FIRMA))
        cierre.extend(_bloque_firmas(datos.firmantes))
    copias = [
        Paragraph(f"c.c.p. {escape(_recortar(_una_linea(c), MAX_CARACTERES_CCP))}", ESTILO_CCP)
        for c in datos.ccp
        if c.strip()
    ]
    if copias or datos.texto_verificacion:
        leyenda = _recortar(f"Verificación: {_una_linea(datos.folio)}", 90)
        cierre.append(Spacer(1, 0.6 * cm))
        cierre.append(
            _BloqueFinal(copias, datos.texto_verificacion, leyenda, MARGEN_INFERIOR)
        )
    historia.append(_CierreConParrafo(ultimo, cierre))
    return historia


def _metadato(texto: str) -> str:
    """Texto para los metadatos del PDF (Unicode admitido; sin controles)."""
    return " ".join("".join(c if c.isprintable() else " " for c in texto).split())


def generar_oficio_pdf(datos: DatosOficio) -> bytes:
    """Compone el oficio y devuelve el PDF en bytes.

    Es determinista: los mismos ``datos`` producen bytes idénticos. Los
    caracteres que Helvetica no puede imprimir se sustituyen por «?» (ver la
    documentación del módulo). El QR de ``texto_verificacion`` se imprime en la
    esquina inferior derecha de la última página, con zona de silencio; conviene
    que ese texto sea breve (menos de ~150 caracteres) para que el QR de 2.2 cm
    se lea bien.

    :raises qrcode.exceptions.DataOverflowError: si ``texto_verificacion`` no
        cabe en un código QR (más de ~2,300 bytes).
    """
    membrete = _Membrete(
        institucion=_una_linea(datos.institucion),
        area=_una_linea(datos.area_emisora),
        lema=_una_linea(datos.lema),
        logotipo=_cargar_logotipo(datos.logotipo),
    )
    salida = io.BytesIO()
    documento = BaseDocTemplate(
        salida,
        pagesize=letter,
        leftMargin=MARGEN_IZQUIERDO,
        rightMargin=MARGEN_DERECHO,
        topMargin=MARGEN_SUPERIOR,
        bottomMargin=MARGEN_INFERIOR,
        author=_metadato(datos.area_emisora),
        subject=_metadato(datos.asunto),
        creator="Sistema DTI",
        keywords=_metadato(datos.folio),
        lang="es-MX",
        invariant=1,
        pageCompression=1,
    )
    marco = Frame(
        MARGEN_IZQUIERDO,
        MARGEN_INFERIOR,
        ANCHO_UTIL,
        ALTO_PAGINA - MARGEN_SUPERIOR - MARGEN_INFERIOR,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="texto",
    )
    plantilla = PageTemplate(
        id="oficio",
        frames=[marco],
        onPage=partial(_dibujar_membrete, membrete),
        pagesize=letter,
    )
    if datos.cancelado:
        plantilla.onPageEnd = _dibujar_marca_cancelado
    elif datos.marca_agua.strip():
        plantilla.onPageEnd = partial(_dibujar_marca_agua, _una_linea(datos.marca_agua))
    documento.addPageTemplates([plantilla])
    construir_pdf(
        documento,
        _historia(datos),
        _metadato(f"Oficio {datos.folio}"),
        datos.creado or datos.fecha,
        _LienzoNumerado,
        pie=_una_linea(datos.pie),
    )
    return salida.getvalue()
