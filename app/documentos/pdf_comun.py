"""Metadatos comunes de todo PDF que escribe la aplicación: título, fecha de creación y PDF/A-2b.

Los generadores usan ReportLab con ``invariant=1`` para que los mismos datos den los mismos
bytes (reimprimir un oficio congelado da el mismo archivo). En ese modo ReportLab fija la
fecha de creación en el 1 de enero de 2000; aquí se sustituye por la fecha real del documento:

* en un documento congelado (oficio, dictamen), la de su emisión, tomada del registro, de modo
  que regenerarlo dé los mismos bytes;
* en un informe que no se congela, la del reloj de la aplicación (:func:`app.tiempo.ahora_mexico`).

La fecha se escribe con la zona horaria de México (p. ej. ``D:20261201214500-06'00``).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, Callable, Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

from app.documentos.pdfa import IDIOMA, convertir, fecha_info, registrar_fuentes
from app.tiempo import ZONA_MEXICO, ahora_mexico

__all__ = ["construir_pdf", "fecha_pdf", "fijar_metadatos", "momento_creacion"]


def momento_creacion(momento: dt.datetime | dt.date | None = None) -> dt.datetime:
    """Normaliza la fecha de creación a un ``datetime`` con la zona horaria de México.

    Sin ``momento`` toma el reloj de la aplicación; una fecha sin hora se toma a las 00:00 y un
    ``datetime`` sin zona se entiende como hora de México. Se descartan los microsegundos.
    """
    if momento is None:
        momento = ahora_mexico()
    elif not isinstance(momento, dt.datetime):
        momento = dt.datetime.combine(momento, dt.time(0, 0))
    if momento.tzinfo is None:
        momento = momento.replace(tzinfo=ZONA_MEXICO)
    return momento.astimezone(ZONA_MEXICO).replace(microsecond=0)


def fecha_pdf(momento: dt.datetime | dt.date | None = None) -> str:
    """Fecha en el formato de los metadatos PDF, p. ej. ``"D:20261201214500-06'00"``.

    Es la forma canónica que exige PDF/A (ISO 32000-2: sin el apóstrofo final).
    """
    return fecha_info(momento_creacion(momento))


def fijar_metadatos(lienzo: Canvas, titulo: str, creado: dt.datetime | dt.date | None = None) -> None:
    """Pone en ``lienzo`` el título y la fecha de creación (y de modificación) del PDF."""
    texto_fecha = fecha_pdf(creado)
    lienzo.setTitle(titulo)
    lienzo.setDateFormatter(lambda *_partes: texto_fecha)


def construir_pdf(documento: BaseDocTemplate, historia: Sequence[Flowable], titulo: str,
                  creado: dt.datetime | dt.date | None = None,
                  lienzo: Callable[..., Canvas] = Canvas, pdfa: bool = True, **opciones_lienzo: Any) -> None:
    """Compone ``documento`` (platypus) con el título y la fecha de creación dados.

    ``lienzo`` es la clase (o fábrica) del lienzo; ``opciones_lienzo`` se le pasan al crearlo.
    Si el documento se escribe en memoria (``io.BytesIO``) y ``pdfa`` es verdadero, el resultado
    se convierte en PDF/A-2b validado (:mod:`app.documentos.pdfa`) en el mismo objeto.
    """
    documento.title = titulo
    texto_fecha = fecha_pdf(creado)
    fuente = registrar_fuentes()
    documento.initialFontName = fuente          # ni el preámbulo de cada página usa Helvetica
    documento.lang = IDIOMA

    def crear_lienzo(*args: Any, **kwargs: Any) -> Canvas:
        nuevo = lienzo(*args, **opciones_lienzo, **kwargs)
        nuevo.setDateFormatter(lambda *_partes: texto_fecha)
        return nuevo

    documento.build(list(historia), canvasmaker=crear_lienzo)
    salida = documento.filename
    if pdfa and isinstance(salida, io.BytesIO):
        autor = documento.author if documento.author not in (None, "", "anonymous") else ""
        asunto = documento.subject if documento.subject not in (None, "", "unspecified") else ""
        convertido = convertir(salida.getvalue(), titulo=titulo, creado=momento_creacion(creado),
                               autor=autor, asunto=asunto)
        salida.seek(0)
        salida.truncate()
        salida.write(convertido)
