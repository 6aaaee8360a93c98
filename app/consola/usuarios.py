"""Subcomando «dti usuario crear»: cuentas de acceso (la contraseña se pide, nunca va en la línea).

Crea cuentas quien administra usuarios (el Director(a)), identificado con ``--usuario`` o
``DTI_USUARIO`` y su contraseña. La única excepción es la primera cuenta de una base sin
cuentas, que es la del Director(a) y no pide credenciales (nadie las tiene todavía).
"""
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
    crear.add_argument("--contrasena-stdin", action="store_true",
                       help="leer la contraseña de la cuenta nueva de la entrada estándar")
    crear.add_argument("--usuario", default=None, metavar="NOMBRE",
                       help="Director(a) que crea la cuenta (o la variable DTI_USUARIO; su contraseña, en "
                            "DTI_CONTRASENA o se pide); no hace falta para la primera cuenta de una base vacía")


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti usuario ACCIÓN»; devuelve el código de salida."""
    from app.consola import comun
    from app.errores import ErrorValidacion
    from app.servicios.catalogos import usuarios
    from app.servicios.nucleo import permisos

    if args.accion == "crear":
        sesion = comun.sesion()
        if sesion is None and args.rol != permisos.DIRECTOR:
            # Sin credenciales solo se llega aquí en una base sin cuentas (principal lo comprueba).
            raise ErrorValidacion([("rol", "La primera cuenta de una base vacía es la del Director(a) de TI: "
                                           "créela con --rol director y con ella las demás.")])
        if args.contrasena_stdin:
            contrasena = sys.stdin.readline().rstrip("\n")
        else:
            contrasena = getpass.getpass("Contraseña: ")
            if getpass.getpass("Repita la contraseña: ") != contrasena:
                print("Las contraseñas no coinciden.", file=sys.stderr)
                return 2
        if sesion is None:
            cuenta = usuarios.crear_primer_director(args.nombre_usuario, args.nombre, contrasena)
        else:
            cuenta = usuarios.crear_usuario(sesion, args.nombre_usuario, args.nombre, args.rol, contrasena)
        print(f"Usuario «{cuenta.nombre_usuario}» creado.")
        return 0
    return 2
