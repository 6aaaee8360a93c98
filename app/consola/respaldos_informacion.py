"""Subcomandos «dti respaldos …» (procedimiento 5, respaldo y recuperación de información).

``dti respaldos vencidos`` escribe una línea por plan vencido (dependencia, información y días
de atraso), del más atrasado al menos; sale con 0 aunque no haya ninguno.
``dti respaldos calendario`` muestra todos los planes vigentes con su próxima fecha debida.
No confundir con ``dti respaldo``, que respalda la base de datos del propio sistema.
"""
from __future__ import annotations

import argparse

COMANDOS = ("respaldos",)
SOLO_LECTURA = frozenset({"vencidos", "calendario", None})


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega el grupo «respaldos» al analizador de «dti»."""
    respaldos = sub.add_parser("respaldos", help="planes de respaldo de información de las dependencias "
                                                 "(procedimiento 5)").add_subparsers(dest="accion", metavar="ACCIÓN")
    respaldos.add_parser("vencidos", parents=[db],
                         help="una línea por plan vencido: dependencia, información y días de atraso")
    respaldos.add_parser("calendario", parents=[db], help="todos los planes vigentes con su próxima fecha debida")


def _linea_vencido(fila: dict) -> str:
    dias = fila["dias_atraso"]
    return (f"{fila['dependencia']}\t{fila['informacion']}\t{dias} día{'s' if dias != 1 else ''} de atraso"
            f"\t({fila['folio']}, {fila['periodicidad_texto'].lower()}, debía el {fila['proxima']:%d/%m/%Y})")


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti respaldos …» (la base ya está conectada y migrada)."""
    from app.servicios.respaldos import planes

    if args.accion == "vencidos":
        filas = planes.vencidos()
        for fila in filas:
            print(_linea_vencido(fila))
        if not filas:
            print("No hay planes de respaldo vencidos.")
        return 0
    if args.accion == "calendario":
        for fila in planes.calendario():
            proxima = f"{fila['proxima']:%d/%m/%Y}" if fila["proxima"] else "—"
            print(f"{fila['folio']}\t{fila['dependencia']}\t{fila['informacion']}\t{fila['periodicidad_texto']}"
                  f"\t{proxima}\t{fila['estado']}")
        return 0
    print("Use «dti respaldos vencidos» o «dti respaldos calendario».")
    return 2
