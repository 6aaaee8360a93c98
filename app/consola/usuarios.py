"""Subcomando «dti usuario crear»: cuentas de acceso (la contraseña se pide, nunca va en la línea)."""
from __future__ import annotations

import argparse
import getpass
import sys


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    usuario = sub.add_parser("usuario", help="cuentas de acceso").add_subparsers(dest="accion", metavar="ACCIÓN")
    crear = usuario.add_parser("crear", parents=[db], help="crear una cuenta (pide la contraseña)")
    crear.add_argument("nombre_usuario")
    crear.add_argument("--nombre", required=True, help="nombre completo")
    crear.add_argument("--rol", required=True, help="director, jefe_soporte, jefe_sistemas, jefe_redes, "
                                                    "asistente o consulta")
    crear.add_argument("--contrasena-stdin", action="store_true", help="leer la contraseña de la entrada estándar")


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti usuario ACCIÓN»; devuelve el código de salida."""
    from app.servicios.catalogos import usuarios

    if args.accion == "crear":
        if args.contrasena_stdin:
            contrasena = sys.stdin.readline().rstrip("\n")
        else:
            contrasena = getpass.getpass("Contraseña: ")
            if getpass.getpass("Repita la contraseña: ") != contrasena:
                print("Las contraseñas no coinciden.", file=sys.stderr)
                return 2
        cuenta = usuarios.crear_usuario(None, args.nombre_usuario, args.nombre, args.rol, contrasena)
        print(f"Usuario «{cuenta.nombre_usuario}» creado.")
        return 0
    return 2
