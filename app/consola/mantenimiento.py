"""Subcomandos ``dti mantenimiento listar|programar`` (los mismos servicios que la pestaña Mantenimiento)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable

_AYUDA_FECHA = "AAAA-MM-DD"


def _fecha(texto: str) -> dt.date:
    try:
        return dt.date.fromisoformat(texto)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"fecha inválida «{texto}»: use {_AYUDA_FECHA}") from exc


def _fecha_hora(texto: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(texto.replace(" ", "T"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"fecha y hora inválidas «{texto}»: use AAAA-MM-DDTHH:MM") from exc


def agregar_subcomandos(sub, db: argparse.ArgumentParser) -> None:
    """Agrega ``mantenimiento listar`` y ``mantenimiento programar`` al analizador de ``dti``."""
    grupo = sub.add_parser("mantenimiento", help="mantenimientos de servidores, redes y sistemas "
                                                 "(procedimientos 7, 8 y 12)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    listar = grupo.add_parser("listar", parents=[db], help="listar mantenimientos (JSON por línea)")
    listar.add_argument("--desde", type=_fecha, metavar=_AYUDA_FECHA)
    listar.add_argument("--hasta", type=_fecha, metavar=_AYUDA_FECHA)
    listar.add_argument("--procedimiento", type=int, choices=[7, 8, 12])
    listar.add_argument("--buscar", default="")
    programar = grupo.add_parser("programar", parents=[db],
                                 help="programar un mantenimiento; imprime su número en la última línea")
    programar.add_argument("--equipo", required=True, help="nombre del equipo o sistema")
    programar.add_argument("--inicio", required=True, type=_fecha_hora, metavar="AAAA-MM-DDTHH:MM")
    programar.add_argument("--duracion", type=int, default=120, help="minutos (por omisión 120)")
    programar.add_argument("--procedimiento", type=int, choices=[7, 8, 12], required=True)
    programar.add_argument("--clase", choices=["preventivo", "correctivo"], default="preventivo")
    programar.add_argument("--descripcion", default="")
    programar.add_argument("--acordado-con", default="", help="titular con quien se acordó la fecha (12)")
    programar.add_argument("--autorizar", default="", metavar="MOTIVO",
                           help="(solo director) autorizar un servidor de datos dentro del horario laboral")
    programar.add_argument("--usuario", default=None, metavar="NOMBRE",
                           help="quién lo programa: su usuario (o DTI_USUARIO); la contraseña, en DTI_CONTRASENA "
                                "o se pide en la terminal")


def ejecutar(args: argparse.Namespace, actor: Callable) -> int:
    from app.servicios.mantenimiento import mantenimiento

    if args.accion == "listar":
        for fila in mantenimiento.consultar(args.desde, args.hasta, args.procedimiento, busqueda=args.buscar,
                                            limite=100000):
            fila.pop("dependencias", None)
            print(json.dumps(fila, ensure_ascii=False, default=str))
        return 0
    if args.accion == "programar":
        registro = mantenimiento.programar(
            actor(args.usuario), dispositivo=mantenimiento.dispositivo_por_nombre(args.equipo), inicio=args.inicio,
            duracion_min=args.duracion, procedimiento=args.procedimiento, clase=args.clase,
            descripcion=args.descripcion, acordado_con=args.acordado_con, autorizar_motivo=args.autorizar)
        print(f"{mantenimiento.CLASES[registro.clase]} de «{registro.dispositivo.nombre}» programado del "
              f"{registro.inicio:%d/%m/%Y %H:%M} al {registro.fin:%d/%m/%Y %H:%M}.")
        if registro.autorizado_por is not None:
            print(f"Autorizado dentro del horario laboral por {registro.autorizado_por.nombre}.")
        print(registro.numero)
        return 0
    return 2
