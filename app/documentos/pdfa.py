"""PDF/A-2b para el archivo (Ley General de Archivos): oficios, dictámenes, resguardos e informes.

ReportLab compone el documento con las fuentes Liberation (libres, con las mismas medidas que
Arial/Helvetica) **incrustadas**; después, con pikepdf, este módulo:

* pone el perfil de color sRGB como *output intent* (el que trae pikepdf);
* escribe los metadatos XMP con la identificación PDF/A (parte 2, nivel B), el título, el autor,
  el asunto y la fecha de creación real, iguales a los del diccionario /Info;
* fija el idioma del documento (``/Lang es-MX``);
* guarda con un identificador determinista (los mismos datos dan los mismos bytes: un oficio
  congelado se puede volver a generar idéntico) y **valida lo que escribió** con el validador de
  pikepdf: si el resultado no es PDF/A-2b, no se entrega y se explica por qué.

La fecha de los metadatos (``xmp:MetadataDate``) es la de creación del documento, no la del reloj
de la PC: así el archivo no cambia cada vez que se genera.
"""
from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache

import pikepdf
from pikepdf import pdfa
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.errores import ErrorDTI
from app.rutas import carpeta_recursos

__all__ = ["SANS", "SANS_NEGRITAS", "SANS_CURSIVA", "SANS_NEGRITAS_CURSIVA", "MONO", "MONO_NEGRITAS",
           "IDIOMA", "ErrorPdfA", "convertir", "fecha_info", "registrar_fuentes"]

SANS = "DTI-Sans"
SANS_NEGRITAS = "DTI-Sans-Negritas"
SANS_CURSIVA = "DTI-Sans-Cursiva"
SANS_NEGRITAS_CURSIVA = "DTI-Sans-NegritasCursiva"
MONO = "DTI-Mono"
MONO_NEGRITAS = "DTI-Mono-Negritas"
IDIOMA = "es-MX"
NIVEL = "2b"
CREADOR = "Sistema DTI"

_ARCHIVOS = {
    SANS: "LiberationSans-Regular.ttf",
    SANS_NEGRITAS: "LiberationSans-Bold.ttf",
    SANS_CURSIVA: "LiberationSans-Italic.ttf",
    SANS_NEGRITAS_CURSIVA: "LiberationSans-BoldItalic.ttf",
    MONO: "LiberationMono-Regular.ttf",
    MONO_NEGRITAS: "LiberationMono-Bold.ttf",
}


class ErrorPdfA(ErrorDTI):
    """El documento no quedó como PDF/A-2b (no se entrega un archivo que no cumple)."""


@lru_cache(maxsize=1)
def registrar_fuentes() -> str:
    """Registra en ReportLab la familia Liberation (incrustada en cada PDF) y devuelve la normal.

    Con la familia registrada, ``<b>`` e ``<i>`` dentro de un ``Paragraph`` usan la variante
    incrustada correcta.
    """
    carpeta = carpeta_recursos() / "fuentes"
    for nombre, archivo in _ARCHIVOS.items():
        pdfmetrics.registerFont(TTFont(nombre, str(carpeta / archivo)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_NEGRITAS, italic=SANS_CURSIVA,
                                  boldItalic=SANS_NEGRITAS_CURSIVA)
    pdfmetrics.registerFontFamily(MONO, normal=MONO, bold=MONO_NEGRITAS, italic=MONO, boldItalic=MONO_NEGRITAS)
    # Lo que ReportLab dibuja sin fuente explícita (una celda de tabla, un estilo sin fontName)
    # usaría Helvetica, que no va incrustada: la fuente por omisión pasa a ser la nuestra.
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.tables import CellStyle

    CellStyle.fontname = SANS
    ParagraphStyle.defaults["fontName"] = SANS
    ParagraphStyle.defaults["bulletFontName"] = SANS
    return SANS


def fecha_info(momento: dt.datetime) -> str:
    """Fecha del diccionario /Info en la forma canónica de PDF/A, p. ej. ``D:20261201214500-06'00``."""
    desfase = momento.utcoffset() or dt.timedelta(0)
    minutos = int(desfase.total_seconds()) // 60
    signo = "+" if minutos >= 0 else "-"
    horas, resto = divmod(abs(minutos), 60)
    return f"D:{momento:%Y%m%d%H%M%S}{signo}{horas:02d}'{resto:02d}"


def convertir(contenido: bytes, *, titulo: str, creado: dt.datetime, autor: str = "",
              asunto: str = "") -> bytes:
    """Devuelve ``contenido`` (un PDF de ReportLab) como PDF/A-2b validado.

    ``creado`` debe llevar zona horaria. Lanza :class:`ErrorPdfA` si el resultado no cumple
    (p. ej. una fuente sin incrustar): nunca entrega un PDF que dice ser PDF/A y no lo es.
    """
    if creado.tzinfo is None:
        raise ValueError("La fecha de creación del PDF/A debe llevar zona horaria.")
    creado = creado.replace(microsecond=0)
    with pikepdf.open(io.BytesIO(contenido)) as pdf:
        for pagina in pdf.pages:
            # ReportLab escribe una transición de página vacía que PDF/A no reconoce.
            if pikepdf.Name.Trans in pagina.obj:
                del pagina.obj[pikepdf.Name.Trans]
        info = pdf.docinfo
        for clave in list(info.keys()):
            del info[clave]
        fecha = fecha_info(creado)
        info[pikepdf.Name.Title] = titulo
        info[pikepdf.Name.Author] = autor or CREADOR
        info[pikepdf.Name.Subject] = asunto or titulo
        info[pikepdf.Name.Creator] = CREADOR
        info[pikepdf.Name.Producer] = f"{CREADOR} (ReportLab y pikepdf)"
        info[pikepdf.Name.CreationDate] = fecha
        info[pikepdf.Name.ModDate] = fecha
        pdf.Root[pikepdf.Name.Lang] = pikepdf.String(IDIOMA)
        pdfa.prepare(pdf, NIVEL)
        # La fecha de los metadatos es la del documento: mismos datos, mismos bytes.
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["xmp:MetadataDate"] = creado.isoformat()
        salida = io.BytesIO()
        try:
            pdfa.save(pdf, salida, NIVEL, repair=False, deterministic_id=True)
        except pdfa.PdfaError as exc:
            hallazgos = "; ".join(str(h) for h in exc.report.findings[:3])
            raise ErrorPdfA(f"El documento «{titulo}» no quedó como PDF/A-2b: {hallazgos}") from exc
    return salida.getvalue()
