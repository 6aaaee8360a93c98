"""Informe de un levantamiento físico en PDF: resumen, faltantes, mal ubicados y sobrantes.

Carta horizontal; las tablas se parten en bloques de 40 filas (una ``Table`` gigante de
ReportLab crece de forma cuadrática). Todo texto del usuario se escapa: ``Paragraph``
interpretaría marcado.
"""
from __future__ import annotations

import io
import unicodedata
from typing import Any
from xml.sax.saxutils import escape

FILAS_POR_TABLA = 40


def _imprimible(texto: Any) -> str:
    """Texto de una línea que Helvetica (Windows-1252) imprime, escapado para ``Paragraph``."""
    limpio = unicodedata.normalize("NFC", "" if texto is None else str(texto))
    salida = []
    for caracter in limpio:
        if unicodedata.category(caracter) in ("Cc", "Cf"):
            salida.append(" ")
            continue
        try:
            caracter.encode("cp1252")
            salida.append(caracter)
        except UnicodeEncodeError:
            salida.append("?")
    return escape(" ".join("".join(salida).split()))


def generar_informe_pdf(informe: Any, institucion: str = "") -> bytes:
    """Bytes del PDF del informe (:class:`app.servicios.levantamiento.levantamiento.Informe`)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    normal = ParagraphStyle("normal", fontName="Helvetica", fontSize=8, leading=10)
    titulo = ParagraphStyle("titulo", fontName="Helvetica-Bold", fontSize=14, leading=18)
    subtitulo = ParagraphStyle("subtitulo", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=8)
    celda = ParagraphStyle("celda", fontName="Helvetica", fontSize=7.5, leading=9)
    encabezado = ParagraphStyle("encabezado", parent=celda, fontName="Helvetica-Bold", textColor=colors.white)

    salida = io.BytesIO()
    documento = SimpleDocTemplate(salida, pagesize=landscape(letter), leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                                  topMargin=1.5 * cm, bottomMargin=1.5 * cm, invariant=1,
                                  title=f"Levantamiento {informe.levantamiento_id}",
                                  author="Dirección de Tecnologías de la Información")
    historia: list[Any] = []
    if institucion:
        historia.append(Paragraph(_imprimible(institucion), normal))
    historia.append(Paragraph(f"Informe del levantamiento físico núm. {informe.levantamiento_id}", titulo))
    historia.append(Paragraph(
        f"Ámbito: <b>{_imprimible(informe.ambito)}</b> · Iniciado: {_imprimible(informe.iniciado_en)}"
        + (f" · Cerrado: {_imprimible(informe.cerrado_en)}" if informe.cerrado_en else " · En curso"), normal))
    historia.append(Paragraph(
        f"Encontrados: <b>{len(informe.encontrados):,} de {informe.esperados:,}</b> · Faltantes: "
        f"<b>{len(informe.faltantes):,}</b> · Mal ubicados: <b>{len(informe.mal_ubicados):,}</b> · "
        f"Sobrantes: <b>{len(informe.sobrantes):,}</b>", normal))
    historia.append(Spacer(1, 0.3 * cm))

    def seccion(nombre: str, filas: list[dict[str, Any]], columnas: list[tuple[str, str, float]]) -> None:
        historia.append(Paragraph(f"{nombre} ({len(filas):,})", subtitulo))
        if not filas:
            historia.append(Paragraph("Ninguno.", normal))
            return
        anchos = [ancho * cm for _, _, ancho in columnas]
        cabeza = [Paragraph(_imprimible(etiqueta), encabezado) for _, etiqueta, _ in columnas]
        for inicio in range(0, len(filas), FILAS_POR_TABLA):
            datos = [cabeza] + [[Paragraph(_imprimible(fila.get(clave, "")), celda) for clave, _, _ in columnas]
                                for fila in filas[inicio:inicio + FILAS_POR_TABLA]]
            tabla = Table(datos, colWidths=anchos, repeatRows=1)
            tabla.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#5b2333")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3eef0")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            historia.append(tabla)

    basicas = [("numero_inventario", "No. de inventario", 3.2), ("descripcion", "Descripción", 6.5),
               ("marca", "Marca", 2.4), ("modelo", "Modelo", 2.8), ("serie", "Serie", 3.0)]
    seccion("Faltantes", informe.faltantes,
            basicas + [("resguardante", "Resguardante", 4.2), ("edificio", "Ubicación", 2.7)])
    seccion("Mal ubicados", informe.mal_ubicados,
            basicas + [("registrado_en", "Registrado en", 4.6), ("leido_en", "Leído", 2.3)])
    seccion("Sobrantes", informe.sobrantes,
            [("numero_inventario", "Código leído", 3.4), ("descripcion", "Descripción", 7.0),
             ("motivo", "Motivo", 5.0), ("leido_en", "Leído", 3.0)])
    historia.append(Spacer(1, 1.5 * cm))
    firmas = Table([["", ""], ["Departamento de Redes de Transporte (DTI)", "Departamento de Inventarios"]],
                   colWidths=[9 * cm, 9 * cm])
    firmas.setStyle(TableStyle([("LINEABOVE", (0, 1), (0, 1), 0.8, colors.black),
                                ("LINEABOVE", (1, 1), (1, 1), 0.8, colors.black),
                                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                ("FONTNAME", (0, 0), (-1, -1), "Helvetica"), ("FONTSIZE", (0, 0), (-1, -1), 8)]))
    historia.append(firmas)

    def pie(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawRightString(doc.pagesize[0] - 1.5 * cm, 0.9 * cm,
                               f"Levantamiento {informe.levantamiento_id} · página {doc.page}")
        canvas.restoreState()

    documento.build(historia, onFirstPage=pie, onLaterPages=pie)
    return salida.getvalue()
