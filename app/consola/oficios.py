"""Subcomandos «dti oficio»: emitir, guardar el PDF, verificar el QR, cancelar y listar oficios."""
from __future__ import annotations

import argparse
import json

from app.consola import comun


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    oficio = sub.add_parser("oficio", help="oficios emitidos").add_subparsers(dest="accion", metavar="ACCIÓN")
    emitir = oficio.add_parser("emitir", parents=[db], help="emitir un oficio; imprime el folio en la última línea")
    emitir.add_argument("--destinatario", required=True)
    emitir.add_argument("--cargo", default="", help="cargo del destinatario")
    emitir.add_argument("--dependencia", default="", help="dependencia del destinatario")
    emitir.add_argument("--asunto", required=True)
    emitir.add_argument("--cuerpo", default="")
    emitir.add_argument("--ccp", action="append", default=[], help="copia para (se puede repetir)")
    emitir.add_argument("--usuario", default=None, help="usuario que emite (por omisión: sistema)")
    pdf = oficio.add_parser("pdf", parents=[db], help="guardar el PDF de un oficio")
    pdf.add_argument("folio")
    pdf.add_argument("--salida", required=True, metavar="ARCHIVO.pdf")
    verificar = oficio.add_parser("verificar", parents=[db], help="verificar el texto del QR de un oficio")
    verificar.add_argument("texto")
    cancelar = oficio.add_parser("cancelar", parents=[db], help="cancelar un oficio (conserva su folio)")
    cancelar.add_argument("folio")
    cancelar.add_argument("--motivo", required=True)
    cancelar.add_argument("--usuario", default=None)
    listar = oficio.add_parser("listar", parents=[db], help="listar oficios (JSON por línea)")
    listar.add_argument("--buscar", default="")
    listar.add_argument("--tipo", choices=["entrante", "saliente"])


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti oficio ACCIÓN»; devuelve el código de salida."""
    from app.servicios.oficios import oficios

    if args.accion == "emitir":
        oficio = oficios.emitir_oficio(
            comun.actor(args.usuario), destinatario_nombre=args.destinatario, destinatario_cargo=args.cargo,
            destinatario_dependencia=args.dependencia, asunto=args.asunto, cuerpo=args.cuerpo, ccp=args.ccp)
        print(f"Oficio emitido el {oficio.fecha_documento:%d/%m/%Y}, SHA-256 {oficio.sha256}")
        print(oficio.folio)
        return 0
    if args.accion == "pdf":
        oficio = oficios.por_folio(args.folio)
        comun.escribir(args.salida, oficios.pdf_de_oficio(oficio))
        print(args.salida)
        return 0
    if args.accion == "verificar":
        valido, explicacion = oficios.verificar_qr(args.texto)
        print(explicacion)
        return 0 if valido else 1
    if args.accion == "cancelar":
        oficios.cancelar_oficio(comun.actor(args.usuario), oficios.por_folio(args.folio), args.motivo)
        print(f"Oficio {args.folio} cancelado; conserva su folio.")
        return 0
    if args.accion == "listar":
        for fila in oficios.consultar(tipo=args.tipo, busqueda=args.buscar, limite=100000):
            print(json.dumps(fila, ensure_ascii=False, default=str))
        return 0
    return 2
