"""Informe de cumplimiento de licencias de software (procedimiento 10), en Excel y en PDF.

Recibe el diccionario de :func:`app.servicios.licencias.licencias.informe_cumplimiento`; no consulta la base.
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from app.documentos.hoja_listado import agregar_hoja

__all__ = ["ENCABEZADOS", "informe_excel", "informe_pdf"]

ENCABEZADOS = ("Software", "Fabricante", "Tipo", "Descripción", "Clave (enmascarada)", "Asientos", "Asignados",
               "Disponibles", "Inicio de vigencia", "Fin de vigencia", "Días restantes", "Costo", "Proveedor",
               "UUID del CFDI", "Alertas")
ANCHOS = (26, 18, 12, 34, 32, 10, 10, 11, 14, 14, 12, 14, 34, 38, 34)


def _fila(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["software"], f["fabricante"], f["tipo_texto"], f["descripcion"], f["clave_mascara"],
            f["asientos"] if f["tipo"] != "libre" else None, f["asignados"], f["disponibles"],
            f["vigencia_inicio"], f["vigencia_fin"], f["dias_restantes"], f["costo"], f["proveedor"] or "",
            f["cfdi_uuid"], f["alertas"] or "En regla")


def informe_excel(informe: dict[str, Any], institucion: str = "") -> bytes:
    """XLSX con una hoja de licencias (fechas y montos con tipo real) y una de resumen."""
    from openpyxl import Workbook

    libro = Workbook(write_only=True)
    r = informe["resumen"]
    antes = [(institucion or "Informe de cumplimiento de licencias de software",),
             ("Informe de cumplimiento de licencias de software",),
             ("Fecha del informe", informe["fecha"]),
             ("Aviso de vencimiento (días)", informe["dias"]), ()]
    agregar_hoja(libro, "Licencias", ENCABEZADOS, (_fila(f) for f in informe["filas"]), ANCHOS, antes)
    agregar_hoja(libro, "Resumen", ("Concepto", "Valor"), [
        ("Licencias activas", r["licencias"]), ("Asientos adquiridos", r["asientos"]),
        ("Asientos asignados", r["asignados"]), ("Licencias sobreasignadas", r["sobreasignadas"]),
        (f"Por vencer en {informe['dias']} días", r["por_vencer"]), ("Vencidas", r["vencidas"]),
        ("Costo total", r["costo_total"])], (40, 18))
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def informe_pdf(informe: dict[str, Any], institucion: str = "", area: str = "", lema: str = "",
                pie: str = "", creado: dt.datetime | None = None) -> bytes:
    """PDF horizontal con el membrete de los oficios, el resumen y la tabla (alertas en rojo).

    ``creado`` es la fecha de creación del PDF; por omisión, el reloj de la aplicación.
    """
    from functools import partial

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

    from app.documentos import oficio_pdf as o
    from app.documentos.fechas import fecha_larga
    from app.documentos.pdf_comun import construir_pdf

    ancho_pagina, alto_pagina = landscape(letter)
    margen = 1.6 * cm
    membrete = o._Membrete(o._una_linea(institucion), o._una_linea(area), o._una_linea(lema), None)

    def encabezado(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(o.FUENTE_NEGRITA, 12)
        canvas.setFillColor(o.GUINDA)
        canvas.drawString(margen, alto_pagina - 1.2 * cm, o._una_linea(membrete.institucion))
        canvas.setFont(o.FUENTE, 9.5)
        canvas.setFillColor(o.GRIS_TEXTO)
        canvas.drawString(margen, alto_pagina - 1.7 * cm, o._una_linea(membrete.area))
        canvas.setStrokeColor(o.GUINDA)
        canvas.line(margen, alto_pagina - 1.95 * cm, ancho_pagina - margen, alto_pagina - 1.95 * cm)
        canvas.setFont(o.FUENTE, 7.5)
        canvas.drawRightString(ancho_pagina - margen, 1.0 * cm, f"Página {doc.page}")
        if pie:
            canvas.drawString(margen, 1.0 * cm, o._una_linea(pie)[:150])
        canvas.restoreState()

    celda = o._estilo("celda_informe", fontSize=7.2, leading=8.6)
    celda_roja = o._estilo("celda_roja", fontSize=7.2, leading=8.6, textColor=colors.HexColor("#A01C1C"),
                           fontName=o.FUENTE_NEGRITA)
    titulo = o._estilo("titulo_informe", fontName=o.FUENTE_NEGRITA, fontSize=13, leading=16, textColor=o.GUINDA)
    r = informe["resumen"]
    historia: list[Any] = [
        Paragraph("Informe de cumplimiento de licencias de software", titulo),
        Paragraph(o._xml(f"Fecha: {fecha_larga(informe['fecha'])}. Se resaltan las licencias sobreasignadas, "
                         f"vencidas o que vencen en los próximos {informe['dias']} días."), o.ESTILO_CUERPO),
        Paragraph(o._xml(f"Licencias activas: {r['licencias']} · Asientos: {r['asientos']} · Asignados: "
                         f"{r['asignados']} · Sobreasignadas: {r['sobreasignadas']} · Por vencer: "
                         f"{r['por_vencer']} · Vencidas: {r['vencidas']} · Costo total: "
                         f"${r['costo_total']:,.2f}"), o.ESTILO_CUERPO),
        Spacer(1, 0.2 * cm),
    ]
    columnas = ("Software", "Tipo", "Descripción", "Clave", "Asientos", "Asignados", "Vigencia", "Costo",
                "Proveedor", "Alertas")
    anchos = [3.0, 1.8, 3.8, 3.2, 1.4, 1.6, 1.9, 1.9, 3.0, 3.1]   # 24.7 cm: el ancho útil
    datos = [[Paragraph(f"<b>{c}</b>", celda) for c in columnas]]
    rojos = []
    for i, f in enumerate(informe["filas"], start=1):
        vigencia = f"{f['vigencia_fin']:%d/%m/%Y}" if f["vigencia_fin"] else "Sin vencimiento"
        costo = f"${(f['costo'] or Decimal('0')):,.2f}"
        alerta = f["alertas"] or "En regla"
        valores = (f["software"], f["tipo_texto"], f["descripcion"], f["clave_mascara"] or "—",
                   "—" if f["tipo"] == "libre" else str(f["asientos"]), str(f["asignados"]), vigencia, costo,
                   f["proveedor"] or "—", alerta)
        datos.append([Paragraph(o._xml(str(v)), celda_roja if (j == 9 and f["alertas"]) else celda)
                      for j, v in enumerate(valores)])
        if f["alertas"]:
            rojos.append(i)
    tabla = Table(datos, colWidths=[a * cm for a in anchos], repeatRows=1)
    estilo = [("GRID", (0, 0), (-1, -1), 0.3, o.DORADO), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F3ECE4")),
              ("VALIGN", (0, 0), (-1, -1), "TOP"),
              ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    estilo += [("BACKGROUND", (0, i), (-1, i), colors.HexColor("#FBE9E9")) for i in rojos]
    tabla.setStyle(TableStyle(estilo))
    historia.append(tabla)

    salida = io.BytesIO()
    documento = BaseDocTemplate(salida, pagesize=(ancho_pagina, alto_pagina), leftMargin=margen,
                                rightMargin=margen, topMargin=2.4 * cm, bottomMargin=1.6 * cm,
                                creator="Sistema DTI", lang="es-MX", invariant=1)
    marco = Frame(margen, 1.6 * cm, ancho_pagina - 2 * margen, alto_pagina - 4.0 * cm, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    documento.addPageTemplates([PageTemplate(id="informe", frames=[marco], onPage=partial(encabezado))])
    construir_pdf(documento, historia, "Informe de cumplimiento de licencias", creado)
    return salida.getvalue()
