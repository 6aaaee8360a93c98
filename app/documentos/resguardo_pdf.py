"""PDF del resguardo de bienes de un servidor público (listo para imprimir y firmar).

Usa el mismo membrete, colores, tipografía y pie «Página N de M» que los oficios
(:mod:`app.documentos.oficio_pdf`). Todo texto del usuario se normaliza a lo que imprimen
las fuentes estándar y se escapa antes de entrar a un ``Paragraph``.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph,
                                Spacer, Table, TableStyle)

from app.documentos.fechas import lugar_y_fecha
from app.documentos.oficio_pdf import (ALTO_PAGINA, ANCHO_PAGINA, ANCHO_UTIL, DORADO,
                                       FUENTE_NEGRITA, GRIS_TEXTO, GUINDA, MARGEN_DERECHO,
                                       MARGEN_INFERIOR, MARGEN_IZQUIERDO, MARGEN_SUPERIOR,
                                       _cargar_logotipo, _dibujar_membrete, _estilo,
                                       _LienzoNumerado, _Membrete, _xml)
from app.documentos.pdf_comun import construir_pdf

__all__ = ["BienResguardado", "DatosResguardo", "generar_resguardo_pdf"]


@dataclass(frozen=True)
class BienResguardado:
    numero: str
    descripcion: str
    marca: str
    modelo: str
    serie: str
    valor: Decimal


@dataclass(frozen=True)
class DatosResguardo:
    institucion: str
    area: str
    lema: str
    lugar: str
    fecha: date
    resguardante: str
    cargo: str
    dependencia: str
    titular_dti: str
    cargo_titular: str
    bienes: tuple[BienResguardado, ...]
    logotipo: Path | None = None
    pie: str = ""
    #: Fecha y hora de impresión (metadato «CreationDate»); sin ella, el reloj de la aplicación.
    creado: datetime | None = None


_TITULO = _estilo("res_titulo", fontName=FUENTE_NEGRITA, fontSize=13, leading=16,
                  alignment=TA_CENTER, textColor=GUINDA, spaceAfter=4)
_FECHA = _estilo("res_fecha", fontSize=10, alignment=TA_RIGHT, spaceAfter=10)
_DATO = _estilo("res_dato", fontSize=10, leading=13)
_TEXTO = _estilo("res_texto", fontSize=9.5, leading=12.5, spaceBefore=8, spaceAfter=8)
_CELDA = _estilo("res_celda", fontSize=8, leading=9.6)
_CELDA_NUM = _estilo("res_celda_num", fontSize=8, leading=9.6, alignment=TA_RIGHT)
_ENCABEZADO = _estilo("res_encabezado", fontName=FUENTE_NEGRITA, fontSize=8, leading=9.6,
                      textColor=colors.white)
_FIRMA_NOMBRE = _estilo("res_firma_nombre", fontName=FUENTE_NEGRITA, fontSize=9.5, leading=12,
                        alignment=TA_CENTER)
_FIRMA_CARGO = _estilo("res_firma_cargo", fontSize=8.5, leading=10.5, alignment=TA_CENTER,
                       textColor=GRIS_TEXTO)
_FIRMA_ROL = _estilo("res_firma_rol", fontName=FUENTE_NEGRITA, fontSize=8.5, leading=10.5,
                     alignment=TA_CENTER, textColor=GUINDA)


def _moneda(valor: Decimal) -> str:
    return f"${valor:,.2f}"


def _tabla(bienes: tuple[BienResguardado, ...]) -> Table:
    encabezado = [Paragraph(t, _ENCABEZADO) for t in
                  ("#", "No. de inventario", "Descripción", "Marca", "Modelo", "Serie", "Valor")]
    filas = [encabezado]
    total = Decimal("0")
    for numero, bien in enumerate(bienes, start=1):
        total += bien.valor
        filas.append([
            Paragraph(str(numero), _CELDA), Paragraph(_xml(bien.numero), _CELDA),
            Paragraph(_xml(bien.descripcion[:400]), _CELDA), Paragraph(_xml(bien.marca), _CELDA),
            Paragraph(_xml(bien.modelo), _CELDA), Paragraph(_xml(bien.serie), _CELDA),
            Paragraph(_moneda(bien.valor), _CELDA_NUM)])
    filas.append(["", "", Paragraph(f"<b>Total: {len(bienes)} bien(es)</b>", _CELDA), "", "", "",
                   Paragraph(f"<b>{_moneda(total)}</b>", _CELDA_NUM)])
    anchos = [0.8 * cm, 2.7 * cm, None, 2.0 * cm, 2.3 * cm, 2.5 * cm, 2.2 * cm]
    anchos[2] = ANCHO_UTIL - sum(a for a in anchos if a)
    tabla = Table(filas, colWidths=anchos, repeatRows=1)
    tabla.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), GUINDA),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -2), 0.4, colors.HexColor("#9A9A9A")),
        ("LINEABOVE", (0, -1), (-1, -1), 0.9, DORADO),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#F5F0EA")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return tabla


def _firmas(datos: DatosResguardo) -> KeepTogether:
    def bloque(rol: str, quien: str, nombre: str, cargo: str) -> list:
        # Dos renglones de rol en ambos bloques: las líneas de firma quedan a la misma altura.
        return [Paragraph(rol, _FIRMA_ROL), Paragraph(quien, _FIRMA_CARGO), Spacer(1, 1.6 * cm),
                Paragraph("_" * 38, _FIRMA_CARGO),
                Paragraph(_xml(nombre), _FIRMA_NOMBRE), Paragraph(_xml(cargo), _FIRMA_CARGO)]

    tabla = Table([[bloque("RECIBE", "Resguardante", datos.resguardante, datos.cargo),
                    bloque("ENTREGA", "Dirección de Tecnologías de la Información",
                           datos.titular_dti, datos.cargo_titular)]],
                  colWidths=[ANCHO_UTIL / 2] * 2)
    tabla.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 10),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 10)]))
    return KeepTogether([Spacer(1, 1.0 * cm), tabla])


def generar_resguardo_pdf(datos: DatosResguardo) -> bytes:
    """PDF tamaño carta del resguardo; los mismos datos producen los mismos bytes."""
    salida = io.BytesIO()
    membrete = _Membrete(datos.institucion, datos.area, datos.lema, _cargar_logotipo(datos.logotipo))
    documento = BaseDocTemplate(
        salida, pagesize=(ANCHO_PAGINA, ALTO_PAGINA), leftMargin=MARGEN_IZQUIERDO,
        rightMargin=MARGEN_DERECHO, topMargin=MARGEN_SUPERIOR, bottomMargin=MARGEN_INFERIOR,
        author=datos.area, lang="es-MX", invariant=1)
    marco = Frame(MARGEN_IZQUIERDO, MARGEN_INFERIOR, ANCHO_UTIL,
                  ALTO_PAGINA - MARGEN_SUPERIOR - MARGEN_INFERIOR, id="cuerpo",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    documento.addPageTemplates([PageTemplate(
        id="resguardo", frames=[marco], onPage=lambda c, d: _dibujar_membrete(membrete, c, d))])
    institucion = _xml(datos.institucion)
    historia = [
        Paragraph("RESGUARDO DE BIENES INFORMÁTICOS", _TITULO),
        Paragraph(_xml(lugar_y_fecha(datos.lugar, datos.fecha)), _FECHA),
        Paragraph(f"<b>Resguardante:</b> {_xml(datos.resguardante)}", _DATO),
        Paragraph(f"<b>Cargo:</b> {_xml(datos.cargo) or '—'}", _DATO),
        Paragraph(f"<b>Dependencia:</b> {_xml(datos.dependencia) or '—'}", _DATO),
        Paragraph(
            f"Recibo de conformidad los bienes informáticos que se describen a continuación, "
            f"propiedad del {institucion}, y me comprometo a su guarda, custodia y buen uso "
            f"exclusivamente para funciones oficiales, así como a dar aviso a la Dirección de "
            f"Tecnologías de la Información de cualquier cambio de ubicación, daño o extravío, "
            f"y a devolverlos cuando me sean requeridos o al concluir mi cargo.", _TEXTO),
        _tabla(datos.bienes),
        _firmas(datos),
    ]
    construir_pdf(documento, historia, f"Resguardo de bienes: {datos.resguardante}", datos.creado,
                  _LienzoNumerado, pie=datos.pie)
    return salida.getvalue()
