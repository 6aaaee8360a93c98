"""Subcomandos «dti proyectos …» (procedimientos 3, 11, 13, 15 y 18: proyectos de TI).

``dti proyectos lista [--procedimiento N] [--buscar TEXTO]`` muestra cada proyecto con su
procedimiento, dependencia, etapa, avance del plan de trabajo y el paso de su trámite.
``dti proyectos faltantes ID`` dice qué le falta a un proyecto para entregarse.
"""
from __future__ import annotations

import argparse
import sys

COMANDOS = ("proyectos",)
SOLO_LECTURA = frozenset({"lista", "faltantes", None})


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega el grupo «proyectos» al analizador de «dti»."""
    grupo = sub.add_parser("proyectos", help="proyectos de TI: sistemas, páginas web, módulos de carga e "
                                             "infraestructura (procedimientos 3, 11, 13, 15 y 18)"
                           ).add_subparsers(dest="accion", metavar="ACCIÓN")
    lista = grupo.add_parser("lista", parents=[db], help="proyectos con su etapa, avance y trámite")
    lista.add_argument("--procedimiento", type=int, choices=(3, 11, 13, 15, 18), help="solo ese procedimiento")
    lista.add_argument("--buscar", default="", help="texto a buscar (nombre, dependencia, oficio, etapa)")
    faltantes = grupo.add_parser("faltantes", parents=[db], help="lo que le falta a un proyecto para entregarse")
    faltantes.add_argument("id", type=int, help="número del proyecto (columna «N.º» de la lista)")


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti proyectos …» (la base ya está conectada y migrada)."""
    from app.servicios.proyectos import proyectos

    if args.accion == "lista":
        filas = proyectos.consultar(args.buscar, args.procedimiento)
        if not filas:
            print("No hay proyectos que coincidan.")
            return 0
        print(f"{'N.º':>4}  {'Proc.':>5}  {'Avance':>6}  Proyecto · Dependencia · Etapa · Trámite")
        for f in filas:
            print(f"{f['id']:>4}  {f['procedimiento']:>5}  {f['avance']:>5}%  {f['nombre']} · "
                  f"{f['dependencia'] or 'sin dependencia'} · {f['etapa_texto']} · {f['expediente']}")
        return 0
    if args.accion == "faltantes":
        proyecto = proyectos.obtener(args.id)
        faltan = proyectos.faltantes_entrega(proyecto)
        if not faltan:
            print(f"«{proyecto.nombre}»: tiene lo necesario para entregarse.")
        for mensaje in faltan:
            print(f"- {mensaje}")
        return 0
    print("Indique la acción: dti proyectos lista | faltantes ID", file=sys.stderr)
    return 2
