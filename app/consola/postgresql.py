"""Subcomando «dti postgresql endurecer»: la cuenta del programa no borra ni reescribe la bitácora (issue 17)."""
from __future__ import annotations

import argparse
import getpass
import os
import sys

COMANDOS = ("postgresql",)
# No pide usuario del sistema: no cambia datos, da permisos a la cuenta del programa, y se corre con
# la cuenta PROPIETARIA de PostgreSQL (su contraseña va en --db), que ya es la credencial más fuerte.
SOLO_LECTURA = frozenset({"endurecer", None})
VARIABLE_CONTRASENA = "DTI_CONTRASENA_APP"


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega «dti postgresql …» al analizador de «dti»."""
    grupo = sub.add_parser("postgresql", help="PostgreSQL compartido: permisos de la cuenta del programa"
                           ).add_subparsers(dest="accion", metavar="ACCIÓN")
    endurecer = grupo.add_parser(
        "endurecer", parents=[db],
        help="dar a la cuenta del programa permisos sin borrar y bitácora de solo agregar (con --db de la "
             "cuenta propietaria)",
        description="Se corre con la cuenta PROPIETARIA de la base (--db postgresql://dti_admin@servidor/dti). "
                    "La cuenta del programa (--rol-app) queda sin DELETE en ninguna tabla y sin UPDATE, DELETE "
                    "ni TRUNCATE en la bitácora; un disparador rehúsa además cambiar o borrar la bitácora a "
                    f"cualquier cuenta. La contraseña de una cuenta nueva se toma de {VARIABLE_CONTRASENA} o "
                    "se pregunta. Se puede repetir después de cada migración.")
    endurecer.add_argument("--rol-app", required=True, metavar="NOMBRE",
                           help="cuenta de PostgreSQL que usarán las PC (p. ej. dti_app)")
    endurecer.add_argument("--crear", action="store_true", help="crear la cuenta si no existe")
    endurecer.add_argument("--solo-sql", action="store_true",
                           help="solo imprimir las sentencias, sin aplicarlas (para revisarlas)")


def _contrasena(args: argparse.Namespace) -> str | None:
    contrasena = os.environ.get(VARIABLE_CONTRASENA)
    if contrasena or not args.crear or args.solo_sql:
        return contrasena or None
    if sys.stdin.isatty():
        return getpass.getpass(f"Contraseña para la cuenta nueva «{args.rol_app}»: ") or None
    return None


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti postgresql endurecer»."""
    from app.base_datos import bd
    from app.servicios.nucleo import endurecer_pg

    if args.accion != "endurecer":
        return 2
    contrasena = _contrasena(args)
    if args.solo_sql:
        for sentencia in endurecer_pg.sentencias(args.rol_app, bd.obj.database, None, crear=args.crear):
            print(sentencia + ";")
        return 0
    resultado = endurecer_pg.endurecer(args.rol_app, contrasena, crear=args.crear)
    if resultado.creado and not contrasena:
        print(f"Aviso: la cuenta «{resultado.rol}» se creó sin contraseña; désela con "
              f"ALTER ROLE o con {VARIABLE_CONTRASENA} y este comando.", file=sys.stderr)
    creada = " (creada ahora)" if resultado.creado else ""
    print(f"Endurecida: la cuenta «{resultado.rol}»{creada} lee, agrega y cambia registros en "
          f"{resultado.tablas} tablas; no borra nada y en la bitácora solo agrega.")
    return 0
