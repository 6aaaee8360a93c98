"""Subcomandos «dti internet …» (procedimiento 20, aplicación de políticas de acceso a internet).

``dti internet excepciones [--salida lista.txt]`` escribe los dominios de las excepciones
vigentes, uno por línea (UTF-8 sin BOM, fin de línea «\\n»), listos para cargarse en el firewall.
``dti internet politica`` muestra la versión vigente de la política de filtrado y su historial.
"""
from __future__ import annotations

import argparse
import sys

from app.consola import comun

COMANDOS = ("internet",)
SOLO_LECTURA = frozenset({"excepciones", "politica"})


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega el grupo «internet» al analizador de «dti»."""
    internet = sub.add_parser("internet", help="acceso a internet: política de filtrado y excepciones "
                                               "(procedimiento 20)").add_subparsers(dest="accion", metavar="ACCIÓN")
    excepciones = internet.add_parser("excepciones", parents=[db],
                                      help="lista de dominios con excepción vigente, uno por línea, para el firewall")
    excepciones.add_argument("--salida", metavar="LISTA.txt",
                             help="archivo donde escribir la lista (sin ella, se escribe en la pantalla)")
    excepciones.add_argument("--usuario", help="quién exporta (por omisión, el usuario del sistema)")
    internet.add_parser("politica", parents=[db], help="versión vigente de la política de filtrado e historial")


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti internet …» (la base ya está conectada y migrada)."""
    from app.servicios.internet import politicas, solicitudes

    if args.accion == "excepciones":
        contenido = solicitudes.lista_excepciones(comun.actor(args.usuario))
        if args.salida:
            comun.escribir(args.salida, contenido)
            total = contenido.count(b"\n")
            print(f"{args.salida}: {total} dominio(s) con excepción vigente.", file=sys.stderr)
        else:
            sys.stdout.write(contenido.decode("utf-8"))
        return 0
    if args.accion == "politica":
        versiones = politicas.historial()
        if not versiones:
            print("Aún no hay política de filtrado registrada.")
            return 0
        for politica in versiones:
            marca = "vigente" if politica is versiones[0] else "anterior"
            print(f"Versión {politica.numero} ({marca}), aplicada el {politica.aplicada_el:%d/%m/%Y} en {politica.firewall}")
            cerradas = set(politicas.sin_excepcion_de(politica))
            for categoria in politicas.categorias_de(politica):
                print(f"  - {categoria}" + (" (sin excepciones)" if categoria in cerradas else ""))
        return 0
    print("Indique la acción: dti internet excepciones | politica", file=sys.stderr)
    return 2
