"""Subcomandos «dti hipervinculos verificar» y «dti hipervinculos agregar» (procedimiento 17)."""
from __future__ import annotations

import argparse

from app.consola import comun

COMANDOS = ("hipervinculos",)
SOLO_LECTURA: frozenset[str] = frozenset()     # «verificar» guarda el resultado de cada enlace
MENSAJE_SIN_CONEXION = "Sin conexión a la red: no se pudo verificar ningún hipervínculo."


def _segundos(texto: str) -> float:
    try:
        valor = float(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es un número de segundos") from None
    if not 0 < valor <= 300:
        raise argparse.ArgumentTypeError("el tiempo límite va de más de 0 a 300 segundos")
    return valor


def _hilos(texto: str) -> int:
    try:
        valor = int(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{texto}» no es un número entero") from None
    if not 1 <= valor <= 64:
        raise argparse.ArgumentTypeError("los enlaces a la vez van de 1 a 64")
    return valor


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega el grupo «hipervinculos» al analizador de «dti»."""
    grupo = sub.add_parser("hipervinculos", help="hipervínculos de la Tesorería (procedimiento 17)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    verificar = grupo.add_parser(
        "verificar", parents=[db],
        help="pedir cada hipervínculo registrado y decir cuáles están rotos (sale 1 si alguno falla)")
    verificar.add_argument("--salida", metavar="INFORME.xlsx", help="guardar el informe de todos en Excel")
    verificar.add_argument("--tiempo-limite", type=_segundos, default=10.0, metavar="SEGUNDOS",
                           help="tiempo límite por enlace (por omisión 10)")
    verificar.add_argument("--hilos", type=_hilos, default=8, metavar="N", help="enlaces a la vez (por omisión 8)")
    verificar.add_argument("--usuario", metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    nuevo = grupo.add_parser("agregar", parents=[db], help="registrar un hipervínculo de un área de la Tesorería")
    nuevo.add_argument("--area", required=True, metavar="NOMBRE",
                       help="área de la Tesorería cuya carpeta guarda el enlace (si no existe, se agrega)")
    nuevo.add_argument("--fraccion", required=True, metavar="TEXTO", help="fracción de la ley de transparencia")
    nuevo.add_argument("--periodo", required=True, metavar="TEXTO", help="periodo que cubre (p. ej. «3er trimestre 2026»)")
    nuevo.add_argument("--url", required=True, metavar="URL", help="dirección del hipervínculo")
    nuevo.add_argument("--descripcion", default="", metavar="TEXTO")
    nuevo.add_argument("--usuario", metavar="NOMBRE", help=comun.AYUDA_USUARIO)


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti hipervinculos …» (la base ya está conectada y migrada)."""
    from app.servicios.web import hipervinculos

    actor = comun.actor(getattr(args, "usuario", None))
    if args.accion == "agregar":
        registro = hipervinculos.agregar_hipervinculo(actor, area=args.area, fraccion=args.fraccion,
                                                      periodo=args.periodo, url=args.url,
                                                      descripcion=args.descripcion)
        print(f"Hipervínculo {registro.id} registrado en {registro.area.nombre} ({registro.area.carpeta}): "
              f"{registro.url}")
        return 0
    if args.accion == "verificar":
        informe = hipervinculos.verificar(actor, tiempo_limite=args.tiempo_limite, hilos=args.hilos)
        if args.salida:
            comun.escribir(args.salida, hipervinculos.informe_excel(informe.pares))
        if not informe.pares:
            print("No hay hipervínculos registrados que verificar.")
            return 0
        if informe.sin_conexion:
            print(MENSAJE_SIN_CONEXION)
            return 1
        for hipervinculo, resultado in informe.rotos:
            print(f"{hipervinculo.url}\t{resultado.descripcion}")
        total = len(informe.pares)
        if informe.rotos:
            print(f"{total} hipervínculos verificados; {len(informe.rotos)} rotos.")
            return 1
        print(f"{total} hipervínculos verificados; todos responden.")
        return 0
    print("Indique una acción: verificar o agregar (dti hipervinculos --help).")
    return 2
