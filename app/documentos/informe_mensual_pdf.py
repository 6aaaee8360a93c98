"""Informe mensual de actividades de la mesa de ayuda, en PDF para la Tesorería.

Usa el mismo membrete, colores, tipografía y pie numerado que los oficios
(:mod:`app.documentos.oficio_pdf`). Todo texto que viene de la base se escapa
antes de entrar a un ``Paragraph`` (nada se interpreta como marcado).
"""
from __future__ import annotations

import datetime as dt
import io
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import cm
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

from app.documentos.fechas import lugar_y_fecha
from app.documentos.oficio_pdf import (ALTO_PAGINA, ANCHO_UTIL, DORADO, FUENTE, FUENTE_NEGRITA, GRIS_TEXTO,
                                       GUINDA, MARGEN_DERECHO, MARGEN_INFERIOR, MARGEN_IZQUIERDO,
                                       MARGEN_SUPERIOR, _cargar_logotipo, _dibujar_membrete, _estilo,
                                       _LienzoNumerado, _Membrete, _una_linea, _xml)
from app.documentos.pdf_comun import construir_pdf
from app.tiempo import hoy_mexico

ESTILO_TITULO = _estilo("informe_titulo", fontName=FUENTE_NEGRITA, fontSize=13, leading=17,
                        alignment=TA_CENTER, textColor=GUINDA, spaceAfter=4)
ESTILO_SUBTITULO = _estilo("informe_sub", fontName=FUENTE_NEGRITA, fontSize=11, leading=14,
                           textColor=GUINDA, spaceBefore=10, spaceAfter=4)
ESTILO_TEXTO = _estilo("informe_texto", alignment=TA_JUSTIFY, leading=14.5, spaceAfter=6)
ESTILO_DERECHA = _estilo("informe_fecha", alignment=2)
ESTILO_CELDA = _estilo("informe_celda", fontSize=8.5, leading=10.5)
ESTILO_CELDA_NEGRITA = _estilo("informe_celda_n", fontName=FUENTE_NEGRITA, fontSize=8.5, leading=10.5,
                               textColor=colors.white)
ESTILO_CELDA_NUMERO = _estilo("informe_celda_num", fontSize=8.5, leading=10.5, alignment=2)
ESTILO_ENCABEZADO_NUMERO = _estilo("informe_celda_n_num", fontName=FUENTE_NEGRITA, fontSize=8.5, leading=10.5,
                                   textColor=colors.white, alignment=2)
NUMERICOS = frozenset({"entero", "horas", "porcentaje"})
ESTILO_FIRMA = _estilo("informe_firma", fontName=FUENTE_NEGRITA, fontSize=10, alignment=TA_CENTER)
ESTILO_CARGO = _estilo("informe_cargo", fontSize=9.5, alignment=TA_CENTER, textColor=GRIS_TEXTO)


def _valor(valor, formato: str) -> str:
    if valor is None:
        return "—"
    if formato == "porcentaje":
        return f"{valor * 100:.1f} %"
    if formato == "horas":
        return f"{valor:,.2f} h"
    if formato == "entero":
        return f"{valor:,}"
    if isinstance(valor, dt.date):
        return f"{valor:%d/%m/%Y}"
    return str(valor)


def _tabla(encabezados: list[str], filas: list[tuple], formatos: list[str] | None = None,
           anchos: list[float] | None = None) -> Table:
    formatos = formatos or ["texto"] * len(encabezados)
    numerico = [f in NUMERICOS for f in formatos]
    datos = [[Paragraph(_xml(e), ESTILO_ENCABEZADO_NUMERO if numerico[i] else ESTILO_CELDA_NEGRITA)
              for i, e in enumerate(encabezados)]]
    for fila in filas:
        datos.append([Paragraph(_xml(_valor(v, formatos[i])), ESTILO_CELDA_NUMERO if numerico[i] else ESTILO_CELDA)
                      for i, v in enumerate(fila)])
    if len(datos) == 1:
        datos.append([Paragraph("Sin registros en el periodo.", ESTILO_CELDA)] + [""] * (len(encabezados) - 1))
    tabla = Table(datos, colWidths=anchos, repeatRows=1, hAlign="LEFT")
    tabla.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), GUINDA),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F5EFE6")]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, DORADO),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return tabla


def _anchos(formatos: list[str]) -> list[float]:
    """Las columnas de texto reciben más del doble que las numéricas."""
    pesos = [1.4 if f in NUMERICOS else 3.0 for f in formatos]
    return [ANCHO_UTIL * p / sum(pesos) for p in pesos]


def generar_informe_pdf(datos: dict, *, institucion: str, area: str, lema: str, lugar: str,
                        logotipo: Path | None, pie: str, firmante: tuple[str, str],
                        destinatario: tuple[str, str], fecha: dt.date | None = None,
                        creado: dt.datetime | None = None) -> bytes:
    """Compone el informe del mes de ``datos`` (de :func:`app.servicios.tablero.tablero.informe_mensual`).

    ``creado`` es la fecha de creación del PDF; por omisión, el reloj de la aplicación.
    """
    membrete = _Membrete(_una_linea(institucion), _una_linea(area), _una_linea(lema), _cargar_logotipo(logotipo))
    salida = io.BytesIO()
    documento = BaseDocTemplate(
        salida, pagesize=letter, leftMargin=MARGEN_IZQUIERDO, rightMargin=MARGEN_DERECHO,
        topMargin=MARGEN_SUPERIOR, bottomMargin=MARGEN_INFERIOR,
        author=area,
        creator="Sistema DTI", lang="es-MX", invariant=1, pageCompression=1)
    marco = Frame(MARGEN_IZQUIERDO, MARGEN_INFERIOR, ANCHO_UTIL, ALTO_PAGINA - MARGEN_SUPERIOR - MARGEN_INFERIOR,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="texto")
    documento.addPageTemplates([PageTemplate(id="informe", frames=[marco],
                                             onPage=partial(_dibujar_membrete, membrete), pagesize=letter)])
    fecha = fecha or hoy_mexico()
    h: list = [
        Paragraph(_xml(lugar_y_fecha(lugar, fecha)), ESTILO_DERECHA), Spacer(1, 0.5 * cm),
        Paragraph(_xml(destinatario[0]), _estilo("dest_n", fontName=FUENTE_NEGRITA)),
        Paragraph(_xml(destinatario[1]), _estilo("dest_c", fontName=FUENTE)),
        Paragraph("P R E S E N T E", _estilo("presente", fontName=FUENTE_NEGRITA)), Spacer(1, 0.4 * cm),
        Paragraph(_xml(f"Informe mensual de actividades de la mesa de ayuda — {datos['periodo']}"),
                  ESTILO_TITULO),
        Paragraph(_xml(
            f"Por este medio se informan las actividades de soporte técnico atendidas por la {area} "
            f"del {datos['desde']:%d/%m/%Y} al {datos['hasta']:%d/%m/%Y}: se recibieron "
            f"{datos['recibidos']:,} solicitudes de soporte, se resolvieron {datos['resueltos']:,}, "
            f"{datos['escalados']:,} se escalaron a proveedores autorizados y quedaron "
            f"{datos['abiertos_al_corte']:,} en proceso al cierre del mes."), ESTILO_TEXTO),
        Paragraph("Resumen", ESTILO_SUBTITULO),
        _tabla(["Concepto", "Cantidad"], [
            ("Solicitudes recibidas", datos["recibidos"]), ("Solicitudes resueltas", datos["resueltos"]),
            ("Escaladas a proveedor", datos["escalados"]), ("En proceso al cierre", datos["abiertos_al_corte"])],
            ["texto", "entero"], _anchos(["texto", "entero"])),
        Paragraph("Solicitudes por canal", ESTILO_SUBTITULO),
        _tabla(["Canal", "Solicitudes"], datos["por_canal"], ["texto", "entero"], _anchos(["texto", "entero"])),
        Paragraph("Modalidad de atención", ESTILO_SUBTITULO),
        _tabla(["Modalidad", "Solicitudes"], datos["por_modalidad"], ["texto", "entero"],
               _anchos(["texto", "entero"])),
    ]
    for cifra in datos["cifras"]:
        h.append(KeepTogether([Paragraph(_xml(cifra.titulo), ESTILO_SUBTITULO),
                               _tabla(cifra.encabezados, cifra.filas, cifra.formatos,
                                      _anchos(cifra.formatos or ["texto"] * len(cifra.encabezados)))]))
    h += [Spacer(1, 0.9 * cm), KeepTogether([
        Paragraph("A T E N T A M E N T E", ESTILO_FIRMA), Spacer(1, 1.6 * cm),
        Paragraph("_" * 38, ESTILO_CARGO),
        Paragraph(_xml(firmante[0]), ESTILO_FIRMA), Paragraph(_xml(firmante[1]), ESTILO_CARGO)])]
    construir_pdf(documento, h, f"Informe mensual de la mesa de ayuda, {datos['periodo']}", creado,
                  _LienzoNumerado, pie=_una_linea(pie))
    return salida.getvalue()
