"""Subcomandos «dti correo»: procesar la cola de correo saliente y enviar una prueba."""
from __future__ import annotations

import argparse
import sys

from app.consola import comun


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    envio = sub.add_parser("correo", help="cola de correo saliente (SMTP)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    procesar = envio.add_parser("procesar", parents=[db], help="enviar los mensajes pendientes cuyo turno llegó")
    procesar.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    probar_correo = envio.add_parser("probar", parents=[db], help="enviar un mensaje de prueba en este momento")
    probar_correo.add_argument("destino", metavar="DESTINO", help="correo al que se envía la prueba")
    probar_correo.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti correo ACCIÓN»; devuelve el código de salida."""
    from app.servicios.nucleo import correo

    if args.accion == "procesar":
        resumen = correo.procesar_cola()
        print(resumen)
        return 0 if not resumen.errores else 1
    if args.accion == "probar":
        mensaje, resumen = correo.probar(comun.actor(args.usuario), args.destino)
        if mensaje.estado == correo.ENVIADO:
            print(f"Prueba enviada a {mensaje.destinatario} ({mensaje.message_id}).")
            return 0
        print(f"No se pudo enviar; el mensaje queda en la cola: {mensaje.ultimo_error or resumen}", file=sys.stderr)
        return 1
    return 2
