"""Subcomandos «dti dictamen pdf» (procedimiento 4) y «dti licencias informe» (procedimiento 10)."""
from __future__ import annotations

import argparse

from app.consola import comun


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    dictamen = sub.add_parser("dictamen", help="dictámenes técnicos (procedimiento 4)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    pdf_dictamen = dictamen.add_parser("pdf", parents=[db], help="guardar el PDF de un dictamen emitido")
    pdf_dictamen.add_argument("folio")
    pdf_dictamen.add_argument("--salida", required=True, metavar="ARCHIVO.pdf")
    licencia = sub.add_parser("licencias", help="licencias de software (procedimiento 10)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    informe = licencia.add_parser("informe", parents=[db],
                                  help="informe de cumplimiento (.xlsx o .pdf según la extensión de --salida)")
    informe.add_argument("--salida", required=True, metavar="ARCHIVO.xlsx")
    informe.add_argument("--dias", type=int, default=None, help="días de aviso de vencimiento (por omisión, los configurados)")


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti dictamen …» o «dti licencias …»."""
    if args.comando == "dictamen" and args.accion == "pdf":
        from app.servicios.dictamenes import dictamenes

        comun.escribir(args.salida, dictamenes.pdf_de_dictamen(dictamenes.por_folio(args.folio)))
        print(args.salida)
        return 0
    if args.comando == "licencias" and args.accion == "informe":
        from app.documentos.licencias_informe import informe_excel, informe_pdf
        from app.servicios.catalogos import catalogos
        from app.servicios.licencias import licencias

        datos = licencias.informe_cumplimiento(args.dias)
        institucion = catalogos.institucion()
        if args.salida.lower().endswith(".pdf"):
            contenido = informe_pdf(datos, institucion.nombre, institucion.area, institucion.lema, institucion.pie)
        else:
            contenido = informe_excel(datos, institucion.nombre)
        comun.escribir(args.salida, contenido)
        r = datos["resumen"]
        print(f"{args.salida}: {r['licencias']} licencias, {r['sobreasignadas']} sobreasignadas, "
              f"{r['por_vencer']} por vencer en {datos['dias']} días, {r['vencidas']} vencidas")
        return 0
    return 2
