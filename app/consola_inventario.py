"""Subcomandos de inventario de la consola ``dti`` (CFDI, Excel, etiquetas y resguardos).

Viven aparte de :mod:`app.consola` para que ese archivo solo tenga dos enganches.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

COMANDOS = ("cfdi",)


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega los subcomandos de inventario al analizador principal."""
    cfdi = sub.add_parser("cfdi", parents=[db],
                          help="leer una factura CFDI (3.2, 3.3, 4.0) e imprimirla como JSON")
    cfdi.add_argument("archivo", metavar="ARCHIVO.xml")


def _cfdi(args: argparse.Namespace) -> int:
    from app.documentos.cfdi import leer_cfdi

    ruta = Path(args.archivo)
    if not ruta.is_file():
        print(f"Error: no existe el archivo «{ruta}».", file=sys.stderr)
        return 2
    print(leer_cfdi(ruta.read_bytes()).a_json())
    return 0


def ejecutar(args: argparse.Namespace, conectar: Callable[[argparse.Namespace], None]) -> int:
    """Corre el subcomando de inventario ``args.comando`` (conecta la base si la necesita)."""
    if args.comando == "cfdi":
        return _cfdi(args)
    return 2
