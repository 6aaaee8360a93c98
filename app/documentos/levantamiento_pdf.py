"""Informe de un levantamiento físico en PDF: resumen, faltantes, mal ubicados y sobrantes.

Carta horizontal, con el membrete, los colores y el pie «Página N de M» de los oficios; las fechas
van en español («1 de diciembre de 2026, 21:45») y al final, las líneas de firma con nombre y cargo.
Las tablas se parten en bloques de 40 filas (una ``Table`` gigante de ReportLab crece de forma
cuadrática). Todo texto del usuario se escapa: ``Paragraph`` interpretaría marcado.
"""
from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.documentos.fechas import fecha_hora_larga

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


def _fecha_legible(texto: str) -> str:
    """«2026-12-01 21:45» (como lo guarda el informe) → «1 de diciembre de 2026, 21:45»."""
    try:
        return fecha_hora_larga(dt.datetime.fromisoformat(str(texto).strip()))
    except ValueError:
        return str(texto)


def _valor(fila: dict[str, Any], clave: str) -> Any:
    """Valor de la celda; la fecha y hora de lectura, en español."""
    valor = fila.get(clave, "")
    return _fecha_legible(valor) if clave == "leido_en" and valor else valor


def generar_informe_pdf(informe: Any, institucion: str = "", *, area: str = "", lema: str = "",
                        logotipo: Path | None = None, pie: str = "",
                        firmantes: Sequence[tuple[str, str]] = (),
                        creado: dt.datetime | None = None) -> bytes:
    """Bytes del PDF del informe (:class:`app.servicios.levantamiento.levantamiento.Informe`).

    ``firmantes`` son pares (nombre, cargo) de quienes firman; ``creado`` es la fecha de
    creación del PDF (por omisión, el reloj de la aplicación).
    """
    from functools import partial

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, \
        TableStyle

    from app.documentos import oficio_pdf as o
    from app.documentos.pdf_comun import construir_pdf

    ancho_pagina, alto_pagina = landscape(letter)
    ancho_util = ancho_pagina - o.MARGEN_IZQUIERDO - o.MARGEN_DERECHO
    normal = o._estilo("lev_normal", fontSize=8.5, leading=11, alignment=0)
    titulo = o._estilo("lev_titulo", fontName=o.FUENTE_NEGRITA, fontSize=14, leading=18, textColor=o.GUINDA,
                       alignment=0, spaceAfter=4)
    subtitulo = o._estilo("lev_subtitulo", fontName=o.FUENTE_NEGRITA, fontSize=11, leading=14, spaceBefore=8,
                          textColor=o.GUINDA, alignment=0)
    celda = o._estilo("lev_celda", fontSize=7.5, leading=9, alignment=0)
    encabezado = o._estilo("lev_encabezado", fontName=o.FUENTE_NEGRITA, fontSize=7.5, leading=9,
                           textColor=colors.white, alignment=0)

    membrete = o._Membrete(o._una_linea(institucion), o._una_linea(area), o._una_linea(lema),
                           o._cargar_logotipo(logotipo))
    salida = io.BytesIO()
    documento = BaseDocTemplate(salida, pagesize=(ancho_pagina, alto_pagina), leftMargin=o.MARGEN_IZQUIERDO,
                                rightMargin=o.MARGEN_DERECHO, topMargin=o.MARGEN_SUPERIOR,
                                bottomMargin=o.MARGEN_INFERIOR, invariant=1, pageCompression=1,
                                author=o._metadato(area or "Dirección de Tecnologías de la Información"),
                                creator="Sistema DTI", lang="es-MX")
    marco = Frame(o.MARGEN_IZQUIERDO, o.MARGEN_INFERIOR, ancho_util,
                  alto_pagina - o.MARGEN_SUPERIOR - o.MARGEN_INFERIOR,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="texto")
    documento.addPageTemplates([PageTemplate(id="levantamiento", frames=[marco],
                                             onPage=partial(o._dibujar_membrete, membrete),
                                             pagesize=(ancho_pagina, alto_pagina))])
    historia: list[Any] = []
    historia.append(Paragraph(f"Informe del levantamiento físico núm. {informe.levantamiento_id}", titulo))
    historia.append(Paragraph(
        f"Ámbito: <b>{_imprimible(informe.ambito)}</b> · Iniciado: "
        f"{_imprimible(_fecha_legible(informe.iniciado_en))}"
        + (f" · Cerrado: {_imprimible(_fecha_legible(informe.cerrado_en))}" if informe.cerrado_en
           else " · En curso"), normal))
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
        total = sum(ancho for _, _, ancho in columnas)
        anchos = [ancho_util * ancho / total for _, _, ancho in columnas]
        cabeza = [Paragraph(_imprimible(etiqueta), encabezado) for _, etiqueta, _ in columnas]
        for inicio in range(0, len(filas), FILAS_POR_TABLA):
            datos = [cabeza] + [[Paragraph(_imprimible(_valor(fila, clave)), celda) for clave, _, _ in columnas]
                                for fila in filas[inicio:inicio + FILAS_POR_TABLA]]
            tabla = Table(datos, colWidths=anchos, repeatRows=1)
            tabla.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, 0), o.GUINDA),
                ("GRID", (0, 0), (-1, -1), 0.25, o.DORADO),
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
    if firmantes:
        firmas = o._bloque_firmas(tuple(o.Firmante(nombre, cargo) for nombre, cargo in firmantes))
        historia.append(KeepTogether([Spacer(1, o.ESPACIO_FIRMA), *firmas]))

    construir_pdf(documento, historia, o._metadato(f"Informe del levantamiento físico {informe.levantamiento_id}"),
                  creado, o._LienzoNumerado, pie=o._una_linea(pie))
    return salida.getvalue()
