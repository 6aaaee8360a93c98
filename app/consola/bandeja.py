"""Subcomando «dti bandeja»: los pasos pendientes de un usuario y los avisos por correo.

``dti bandeja [--usuario NOMBRE] [--vencidos] [--alcance mios|departamento|todos]`` escribe una
línea por paso pendiente; ``dti bandeja avisos`` encola los avisos de pasos y el resumen de
vencidos (sin red también: solo encola); ``dti bandeja destinatarios`` dice quién recibe qué y
permite agregar o dar de baja a un destinatario.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.consola import comun

COMANDO = "bandeja"


def _fecha(texto: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es una fecha AAAA-MM-DD") from None


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega «dti bandeja» al analizador de «dti»."""
    bandeja = sub.add_parser(
        COMANDO, parents=[db], help="pasos pendientes (la pestaña Pendientes) y avisos por correo",
        description="Sin acción, una línea por paso pendiente: número, caso, procedimiento, paso, "
                    "dependencia, vencimiento y «VENCIDO».")
    bandeja.add_argument("--usuario", default=None, metavar="NOMBRE",
                         help="de quién es la bandeja (por omisión: el usuario del sistema, que ve todo)")
    bandeja.add_argument("--vencidos", action="store_true", help="solo los pasos vencidos")
    bandeja.add_argument("--alcance", choices=("mios", "departamento", "todos"), default="departamento",
                         help="míos (trámites de los que es responsable), su departamento (por omisión) o todos")
    acciones = bandeja.add_subparsers(dest="accion", metavar="ACCIÓN")
    avisos = acciones.add_parser("avisos", parents=[db],
                                 help="encolar los avisos de pasos y el resumen diario de vencidos")
    avisos.add_argument("--fecha", type=_fecha, default=None, metavar="AAAA-MM-DD",
                        help="día del resumen de vencidos (por omisión: hoy)")
    avisos.add_argument("--usuario", default=argparse.SUPPRESS, metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    destinatarios = acciones.add_parser("destinatarios", parents=[db],
                                        help="quién recibe qué aviso; agregar o dar de baja a uno")
    destinatarios.add_argument("--agregar", metavar="CORREO", default=None, help="correo que se da de alta")
    destinatarios.add_argument("--clase", choices=("paso", "vencidos"), default="paso",
                               help="paso (le toca un paso a su área) o vencidos (resumen diario)")
    destinatarios.add_argument("--area", default="", help="área cuyos pasos se avisan (con --clase paso)")
    destinatarios.add_argument("--baja", type=int, metavar="ID", default=None,
                               help="dar de baja al destinatario con ese número")
    destinatarios.add_argument("--usuario", default=None, metavar="NOMBRE",
                               help="con --agregar o --baja, " + comun.AYUDA_USUARIO)


def _corto(texto: str, largo: int = 90) -> str:
    return texto if len(texto) <= largo else texto[:largo - 1].rstrip() + "…"


def _paso(pendiente) -> str:
    espera = f" (en espera de {pendiente.en_espera_de})" if pendiente.en_espera_de else ""
    return f"paso {pendiente.paso} · {_corto(pendiente.actividad, 70)}{espera}"


def _vence(pendiente) -> str:
    if pendiente.vence_en is None:
        return "sin plazo"
    return f"vence {pendiente.vence_en:%d/%m/%Y %H:%M}"


def _listar(args: argparse.Namespace) -> int:
    from app.servicios.bandeja import bandeja

    usuario = comun.actor(args.usuario)
    lista = bandeja.pendientes(usuario, args.alcance, solo_vencidos=args.vencidos)
    for p in lista:
        caso = p.caso if p.caso != p.numero else "—"
        print("\t".join((p.numero, caso, f"{p.clave} {p.procedimiento_nombre}", _paso(p),
                         p.dependencia or "—", _vence(p), "VENCIDO" if p.vencido else "")).rstrip())
    cuantos = (f"{len(lista)} pasos vencidos" if args.vencidos
               else f"{len(lista)} pasos pendientes ({sum(p.vencido for p in lista)} vencidos)")
    print(f"{cuantos} · {bandeja.ALCANCES[args.alcance]} · {usuario.nombre}.", file=sys.stderr)
    return 0


def _destinatarios(args: argparse.Namespace) -> int:
    from app.servicios.bandeja import avisos

    if args.agregar:
        registro = avisos.agregar_destinatario(comun.actor(args.usuario), args.clase, args.agregar, args.area)
        print(f"Destinatario {registro.id}: {registro.correo} recibe «{avisos.CLASES[registro.clase]}»"
              + (f" de {registro.area}." if registro.area else "."))
        return 0
    if args.baja is not None:
        registro = avisos.desactivar_destinatario(comun.actor(args.usuario), args.baja)
        print(f"Destinatario {registro.id} ({registro.correo}) dado de baja: ya no recibe avisos.")
        return 0
    for registro in avisos.destinatarios():
        estado = "activo" if registro.activo else "de baja"
        print("\t".join((str(registro.id), registro.clase, registro.area or "—", registro.correo, estado)))
    return 0


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti bandeja [ACCIÓN]»; devuelve el código de salida."""
    if args.accion == "avisos":
        from app.servicios.bandeja import avisos

        print(avisos.encolar_todo(args.fecha))
        return 0
    if args.accion == "destinatarios":
        return _destinatarios(args)
    return _listar(args)
