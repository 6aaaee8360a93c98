"""``dti respaldo crear`` y ``dti respaldo restaurar``: respaldo validado de la base SQLite.

Con PostgreSQL explica cómo respaldar con ``pg_dump`` / ``pg_restore`` (código 2).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

COMANDO = "respaldo"


def agregar(sub, db: argparse.ArgumentParser) -> None:
    grupo = sub.add_parser(COMANDO, help="respaldar la base o restaurarla desde un respaldo validado")
    acciones = grupo.add_subparsers(dest="accion", metavar="ACCIÓN", required=True)
    crear = acciones.add_parser("crear", parents=[db],
                                help="copiar la base abierta a un archivo nuevo (legible solo por usted)")
    crear.add_argument("--salida", required=True, metavar="ARCHIVO", help="archivo del respaldo")
    restaurar = acciones.add_parser(
        "restaurar", parents=[db],
        help="validar un respaldo (integridad, versión del esquema, bitácora) y reemplazar la base con él")
    restaurar.add_argument("archivo", metavar="ARCHIVO", help="respaldo hecho con «dti respaldo crear»")
    restaurar.add_argument("--si", action="store_true",
                           help="no preguntar: reemplazar la base actual (se guarda una copia aparte)")
    restaurar.add_argument("--usuario", default=None, metavar="NOMBRE",
                           help="Director(a) que restaura (o la variable DTI_USUARIO; la contraseña, en "
                                "DTI_CONTRASENA o se pide). Una base sin cuentas se restaura sin ellas.")


def _confirmar(args: argparse.Namespace, resumen) -> bool:
    if args.si:
        return True
    if not sys.stdin.isatty():
        print("Error: restaurar reemplaza la base actual; sin terminal agregue --si para confirmarlo.",
              file=sys.stderr)
        return False
    respuesta = input(f"El respaldo {resumen.ruta} es válido (esquema {resumen.version}, "
                      f"{resumen.entradas_bitacora} entradas en la bitácora). ¿Reemplazar la base actual "
                      "con él? Se guardará una copia de la actual. [s/N] ")
    if respuesta.strip().lower() in ("s", "si", "sí"):
        return True
    print("No se restauró nada.", file=sys.stderr)
    return False


def _hay_cuentas() -> bool:
    """¿La base actual tiene cuentas con contraseña? Una base vacía o que no abre: no."""
    from app.servicios.catalogos import usuarios

    try:
        return usuarios.hay_cuentas_con_acceso()
    except Exception:  # noqa: BLE001 - sin tabla de usuarios (base vacía o dañada): nada que proteger
        return False


def ejecutar(args: argparse.Namespace, exigir_director: Callable[[object, str], None]) -> int:
    """Crea o restaura; restaurar una base con cuentas exige al Director(a) identificado."""
    from app import base_datos
    from app.consola import comun
    from app.configuracion import resolver_url_bd
    from app.errores import ErrorDTI
    from app.servicios.nucleo import respaldo

    url = resolver_url_bd(getattr(args, "db", None))
    if not url.startswith("sqlite"):
        print(f"Error: {respaldo.GUIA_POSTGRES}", file=sys.stderr)
        return 2
    # Sin migrar: se respalda (o se reemplaza) la base tal como está, aunque no abra con esta versión.
    base_datos.conectar(url, migrar=False)
    if args.accion == "restaurar" and _hay_cuentas():
        # Antes de leer el respaldo: sin credenciales del Director(a) no se toca nada.
        exigir_director(comun.identificar(args), "restaurar la base desde un respaldo")
    try:
        if args.accion == "crear":
            resumen = respaldo.crear(args.salida)
            print(f"Respaldo escrito en {resumen.ruta} (esquema {resumen.version}, "
                  f"{resumen.entradas_bitacora} entradas en la bitácora; legible solo por usted). "
                  "Guárdelo fuera de esta PC.")
            return 0
        validado = respaldo.validar(args.archivo)
        if not _confirmar(args, validado):
            return 2
        resumen, anterior = respaldo.restaurar(args.archivo)
    except ErrorDTI as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(f"Base restaurada desde {resumen.ruta} (esquema {resumen.version}, {resumen.entradas_bitacora} "
          f"entradas en la bitácora, verificada). La base de antes quedó en {anterior}.")
    return 0
