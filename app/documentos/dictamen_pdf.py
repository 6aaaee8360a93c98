"""PDF del dictamen técnico (procedimiento 4), con el membrete y el estilo de los oficios.

Contiene: folio y fecha, destinatario (quien solicitó por oficio), referencia a la solicitud, los
datos del bien, los cinco criterios de la política 4 (fecha de fabricación, marca, modelo,
características de hardware y de software), las pruebas realizadas, el resultado (con la posible
solución si es reparable, o la autorización de la baja si no es apto) y **un solo bloque de firma:
el del titular de la DTI** (política 1). Es determinista (``invariant=1``): los mismos datos dan
los mismos bytes; la fecha de creación del PDF es la de emisión del dictamen.

El resultado y la firma nunca quedan solos en una hoja: van junto con el último renglón de las
pruebas realizadas; si no caben, pasan con él a la página siguiente bajo «(continuación)».
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from app.documentos.fechas import fecha_larga, lugar_y_fecha
from app.documentos.pdf_comun import construir_pdf
from app.documentos.oficio_pdf import (ALTO_PAGINA, ANCHO_UTIL, DORADO, ESPACIO_FIRMA, ESTILO_ATENTAMENTE,
                                       ESTILO_CUERPO, ESTILO_DATOS, ESTILO_DESTINATARIO,
                                       ESTILO_DESTINATARIO_NOMBRE, ESTILO_FOLIO, ESTILO_LEMA, ESTILO_PRESENTE,
                                       FUENTE_NEGRITA, GUINDA, MARGEN_DERECHO, MARGEN_INFERIOR, MARGEN_IZQUIERDO,
                                       MARGEN_SUPERIOR, Firmante, _bloque_firmas, _CierreConParrafo, _cargar_logotipo,
                                       _dibujar_marca_cancelado, _dibujar_membrete, _estilo, _LienzoNumerado,
                                       _Membrete, _metadato, _parrafos, _texto_imprimible, _una_linea, _xml,
                                       _xml_multilinea)

__all__ = ["DatosDictamen", "generar_dictamen_pdf"]

ESTILO_TITULO = _estilo("titulo_dictamen", fontName=FUENTE_NEGRITA, fontSize=14, leading=18,
                        alignment=TA_CENTER, textColor=GUINDA, spaceAfter=4)
ESTILO_SECCION = _estilo("seccion_dictamen", fontName=FUENTE_NEGRITA, fontSize=11, leading=14,
                         textColor=GUINDA, spaceBefore=6, spaceAfter=3)
# Texto corrido del dictamen: un poco más compacto que el de un oficio para que quepa en una hoja.
ESTILO_TEXTO = _estilo("texto_dictamen", fontSize=10.5, leading=13.5, alignment=ESTILO_CUERPO.alignment,
                       spaceAfter=5)
ESTILO_CELDA = _estilo("celda_dictamen", fontSize=9.5, leading=11.5)
ESTILO_CELDA_ETIQUETA = _estilo("celda_etiqueta", fontName=FUENTE_NEGRITA, fontSize=9.5, leading=11.5)
ESTILO_RESULTADO = _estilo("resultado_dictamen", fontName=FUENTE_NEGRITA, fontSize=12, leading=16,
                           alignment=TA_CENTER)
COLOR_RESULTADO = {"operativo": colors.HexColor("#1E6B34"), "reparable": colors.HexColor("#8A5A00"),
                   "no_apto": colors.HexColor("#A01C1C")}
FONDO_ETIQUETA = colors.HexColor("#F3ECE4")


@dataclass(frozen=True)
class DatosDictamen:
    """Todo lo que lleva el PDF de un dictamen."""

    institucion: str
    lema: str
    area_emisora: str
    lugar: str
    folio: str
    fecha: dt.date
    destinatario_nombre: str
    destinatario_cargo: str
    destinatario_dependencia: str
    oficio_numero: str
    oficio_fecha: dt.date | None
    recibido_en: dt.datetime | None
    numero_inventario: str
    descripcion_bien: str
    serie: str
    fecha_fabricacion: dt.date | None
    marca: str
    modelo: str
    caracteristicas_hardware: str
    caracteristicas_software: str
    pruebas: str
    resultado: str                  # operativo, reparable o no_apto
    resultado_texto: str            # «No apto para operar»
    posible_solucion: str
    conclusion: str
    firmante_nombre: str
    firmante_cargo: str
    logotipo: Path | None = None
    pie: str = ""
    cancelado: bool = False
    #: Fecha y hora de emisión (metadato «CreationDate» del PDF); sin ella, ``fecha`` a las 00:00.
    creado: dt.datetime | None = None


def _celda(texto: str, estilo=ESTILO_CELDA) -> Paragraph:
    return Paragraph(_xml_multilinea(_texto_imprimible(texto or "—").strip() or "—"), estilo)


def _tabla(filas: list[tuple[str, str]]) -> Table:
    datos = [[_celda(etiqueta, ESTILO_CELDA_ETIQUETA), _celda(valor)] for etiqueta, valor in filas]
    tabla = Table(datos, colWidths=[ANCHO_UTIL * 0.32, ANCHO_UTIL * 0.68], hAlign="LEFT", splitByRow=1)
    tabla.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), FONDO_ETIQUETA),
        ("GRID", (0, 0), (-1, -1), 0.4, DORADO),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return tabla


def _texto_largo(texto: str) -> list[Flowable]:
    return [Paragraph(_xml_multilinea(p), ESTILO_TEXTO) for p in _parrafos(texto)] or \
        [Paragraph("—", ESTILO_TEXTO)]


def _historia(d: DatosDictamen) -> list[Flowable]:
    historia: list[Flowable] = [
        Paragraph("DICTAMEN TÉCNICO", ESTILO_TITULO),
        Paragraph(f"Dictamen No. {_xml(d.folio)}", ESTILO_FOLIO),
        Paragraph(f"<b>Asunto:</b> Dictamen técnico del bien {_xml(d.numero_inventario)}", ESTILO_DATOS),
        Paragraph(_xml(lugar_y_fecha(d.lugar, d.fecha)), ESTILO_DATOS),
        Spacer(1, 0.4 * cm),
    ]
    for texto, estilo in ((d.destinatario_nombre, ESTILO_DESTINATARIO_NOMBRE),
                          (d.destinatario_cargo, ESTILO_DESTINATARIO),
                          (d.destinatario_dependencia, ESTILO_DESTINATARIO)):
        if texto.strip():
            historia.append(Paragraph(_xml(texto), estilo))
    historia += [Paragraph("P R E S E N T E", ESTILO_PRESENTE), Spacer(1, 0.3 * cm)]

    referencia = f"su oficio No. {_una_linea(d.oficio_numero)}" if d.oficio_numero else "su oficio"
    if d.oficio_fecha:
        referencia += f" de fecha {fecha_larga(d.oficio_fecha)}"
    recibido = (f", recibido en las oficinas de esta Dirección el {fecha_larga(d.recibido_en.date())} "
                f"a las {d.recibido_en:%H:%M} horas" if d.recibido_en else "")
    introduccion = (f"En atención a {referencia}, mediante el cual solicita el dictamen técnico del bien con "
                    f"número de inventario {_una_linea(d.numero_inventario)}{recibido}, le informo el resultado "
                    "de la revisión conforme a los criterios de las políticas de operación:")
    historia.append(Paragraph(_xml_multilinea(_texto_imprimible(introduccion)), ESTILO_TEXTO))

    historia.append(Paragraph("Datos del bien y criterios de evaluación", ESTILO_SECCION))
    historia.append(_tabla([
        ("Número de inventario", d.numero_inventario), ("Descripción", d.descripcion_bien),
        ("Número de serie", d.serie),
        ("a) Fecha de fabricación", f"{d.fecha_fabricacion:%d/%m/%Y}" if d.fecha_fabricacion else "No determinada"),
        ("b) Marca", d.marca), ("c) Modelo", d.modelo),
        ("d) Características de hardware", d.caracteristicas_hardware),
        ("e) Características de software", d.caracteristicas_software)]))
    historia.append(Paragraph("Pruebas realizadas", ESTILO_SECCION))
    pruebas = _texto_largo(d.pruebas)
    historia += pruebas[:-1]

    # El resultado, su explicación y la firma van juntos: la hoja de firma nunca queda sin el resultado.
    final: list[Flowable] = [Paragraph("Resultado", ESTILO_SECCION)]
    color = COLOR_RESULTADO.get(d.resultado, colors.black)
    caja = Table([[Paragraph(f'<font color="{color.hexval()}">{_xml(d.resultado_texto.upper())}</font>',
                             ESTILO_RESULTADO)]], colWidths=[ANCHO_UTIL])
    caja.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, color), ("TOPPADDING", (0, 0), (-1, -1), 4),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    final += [caja, Spacer(1, 0.15 * cm)]
    if d.resultado == "reparable":
        final.append(Paragraph("Posible solución", ESTILO_SECCION))
        final += _texto_largo(d.posible_solucion)
    elif d.resultado == "no_apto":
        final.append(Paragraph(
            "El bien no se encuentra en condiciones óptimas de operación, por lo que se autoriza iniciar el "
            "trámite de baja de bien mueble.", ESTILO_TEXTO))
    elif d.resultado == "operativo":
        final.append(Paragraph("El bien se encuentra en condiciones de operación.", ESTILO_TEXTO))
    if d.conclusion.strip():
        final.append(Paragraph("Observaciones", ESTILO_SECCION))
        final += _texto_largo(d.conclusion)

    # Política 1: firma únicamente el titular de la DTI.
    final += [Spacer(1, 0.2 * cm), Paragraph("A T E N T A M E N T E", ESTILO_ATENTAMENTE)]
    if d.lema.strip():
        final.append(Paragraph(_xml(d.lema), ESTILO_LEMA))
    final.append(Spacer(1, ESPACIO_FIRMA * 0.75))
    final += _bloque_firmas((Firmante(d.firmante_nombre, d.firmante_cargo),))
    # El último párrafo de las pruebas (al menos sus dos últimas líneas) acompaña al bloque final.
    continuacion = Paragraph("Pruebas realizadas (continuación)", ESTILO_SECCION)
    historia.append(_CierreConParrafo(pruebas[-1], final, continuacion))
    return historia


def generar_dictamen_pdf(datos: DatosDictamen) -> bytes:
    """Compone el dictamen en tamaño carta y devuelve los bytes del PDF."""
    membrete = _Membrete(institucion=_una_linea(datos.institucion), area=_una_linea(datos.area_emisora),
                         lema=_una_linea(datos.lema), logotipo=_cargar_logotipo(datos.logotipo))
    salida = io.BytesIO()
    documento = BaseDocTemplate(
        salida, pagesize=letter, leftMargin=MARGEN_IZQUIERDO, rightMargin=MARGEN_DERECHO,
        topMargin=MARGEN_SUPERIOR, bottomMargin=MARGEN_INFERIOR,
        author=_metadato(datos.area_emisora),
        subject=_metadato(f"Dictamen técnico del bien {datos.numero_inventario}"), creator="Sistema DTI",
        keywords=_metadato(datos.folio), lang="es-MX", invariant=1, pageCompression=1)
    marco = Frame(MARGEN_IZQUIERDO, MARGEN_INFERIOR, ANCHO_UTIL, ALTO_PAGINA - MARGEN_SUPERIOR - MARGEN_INFERIOR,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="texto")
    plantilla = PageTemplate(id="dictamen", frames=[marco], onPage=partial(_dibujar_membrete, membrete),
                             pagesize=letter)
    if datos.cancelado:
        plantilla.onPageEnd = _dibujar_marca_cancelado
    documento.addPageTemplates([plantilla])
    construir_pdf(documento, _historia(datos), _metadato(f"Dictamen técnico {datos.folio}"),
                  datos.creado or datos.fecha, _LienzoNumerado, pie=_una_linea(datos.pie))
    return salida.getvalue()
