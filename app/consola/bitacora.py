"""``dti bitacora sello``: el punto de control de la bitácora que se guarda fuera de la base."""
from __future__ import annotations

import argparse
import sys

COMANDO = "bitacora"


def agregar(sub, db: argparse.ArgumentParser) -> None:
    grupo = sub.add_parser(COMANDO, help="sello de la bitácora (punto de control para guardar fuera de la base)")
    acciones = grupo.add_subparsers(dest="accion", metavar="ACCIÓN", required=True)
    sello = acciones.add_parser("sello", parents=[db],
                                help="escribir el sello de la bitácora: posición, hash, filas por tabla y HMAC")
    sello.add_argument("--salida", required=True, metavar="SELLO.json", help="archivo del sello")


def ejecutar(args: argparse.Namespace) -> int:
    from app.errores import ErrorDTI
    from app.servicios.nucleo import sello_bitacora

    try:
        datos = sello_bitacora.escribir(args.salida)
    except (ErrorDTI, OSError) as exc:
        print(f"Error: no se pudo escribir el sello: {exc}", file=sys.stderr)
        return 2
    print(f"Sello de la bitácora escrito en {args.salida}: entrada {datos['posicion']}, "
          f"hash {datos['hash'][:16]}…, {datos['entradas']} entradas. Guárdelo fuera de la base "
          "(impreso, en la Contraloría o en una USB).")
    return 0


def problemas_del_sello(ruta: str | None) -> list:
    """Los cambios que el sello de ``ruta`` revela (lista vacía sin sello)."""
    if not ruta:
        return []
    from app.servicios.nucleo import sello_bitacora

    return sello_bitacora.verificar_sello(sello_bitacora.leer(ruta))
