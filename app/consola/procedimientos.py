"""Subcomandos «dti procedimientos»: los procedimientos del manual, su validación y su BPMN.

    dti procedimientos                        lista de los procedimientos
    dti procedimientos 16                     pasos del procedimiento 16 (igual que «ver 16»)
    dti procedimientos validar [CARPETA]      revisa una carpeta de pNN.json (0: válida; 2: problemas)
    dti procedimientos bpmn 16 --salida p16.bpmn

argparse no admite en el mismo lugar un número y un nombre de acción; ``normalizar``
convierte «procedimientos» solo en «procedimientos listar» y «procedimientos 16» en
«procedimientos ver 16» antes de interpretar la línea.
"""
from __future__ import annotations

import argparse
import sys

from app.consola import comun

COMANDO = "procedimientos"
ACCIONES = ("listar", "ver", "validar", "bpmn")
# Opciones de «dti» y de «procedimientos» que llevan un valor después.
_CON_VALOR = {"--db", "--salida", "--carpeta"}


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    grupo = sub.add_parser(COMANDO, parents=[db], help="los procedimientos del manual: ver, validar, exportar a BPMN",
                           usage="dti procedimientos [N | listar | ver N | validar [CARPETA] | bpmn N --salida ARCHIVO]",
                           description="Sin acción: la lista. Con un número: los pasos de ese procedimiento.")
    acciones = grupo.add_subparsers(dest="accion", metavar="ACCIÓN")
    acciones.add_parser("listar", parents=[db], help="número, título y área de cada procedimiento")
    ver = acciones.add_parser("ver", parents=[db], help="pasos, decisiones y datos de un procedimiento")
    ver.add_argument("numero", type=int)
    validar = acciones.add_parser(
        "validar", parents=[db], help="revisar una carpeta de procedimientos (esquema y flujo)",
        description="Revisa los p*.json de CARPETA (por omisión, los del sistema) contra el esquema y "
                    "las revisiones del flujo. Sale con 0 si todo es válido; con 2 y una línea por problema.")
    validar.add_argument("carpeta", nargs="?", default=None, metavar="CARPETA")
    validar.add_argument("--formatos", default=None, metavar="CARPETA",
                         help="carpeta de las plantillas de oficio (por omisión, formatos/ del sistema)")
    bpmn = acciones.add_parser("bpmn", parents=[db], help="exportar un procedimiento a BPMN 2.0 (con diagrama)")
    bpmn.add_argument("numero", type=int)
    bpmn.add_argument("--salida", default=None, metavar="ARCHIVO.bpmn", help="por omisión, pNN.bpmn aquí")
    bpmn.add_argument("--carpeta", default=None, metavar="CARPETA",
                      help="leer el procedimiento de otra carpeta de pNN.json")


def normalizar(argv: list[str]) -> list[str]:
    """«procedimientos» → «procedimientos listar»; «procedimientos N» → «procedimientos ver N»."""
    posicion = _posicion_del_comando(argv)
    if posicion is None:
        return argv
    i = posicion + 1
    while i < len(argv):
        token = argv[i]
        if token in ("-h", "--help"):
            return argv
        if token.startswith("-"):
            i += 1 if "=" in token or token not in _CON_VALOR else 2
            continue
        if token.isdigit():
            return [*argv[:i], "ver", *argv[i:]]
        return argv
    return [*argv, "listar"]


def _posicion_del_comando(argv: list[str]) -> int | None:
    """Dónde está «procedimientos» como subcomando (el primer argumento que no es opción)."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token.startswith("-"):
            i += 1 if "=" in token or token not in _CON_VALOR else 2
            continue
        return i if token == COMANDO else None
    return None


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti procedimientos ACCIÓN»; devuelve el código de salida."""
    if args.accion == "validar":
        return _validar(args)
    if args.accion == "bpmn":
        return _bpmn(args)
    from app.servicios.tramites import procedimientos

    if args.accion == "ver":
        _imprimir(procedimientos.obtener(args.numero))
        return 0
    for p in procedimientos.todos():
        print(f"{p.numero:>2}. {p.titulo}  [{p.area}]")
    return 0


def _imprimir(p) -> None:
    print(f"{p.numero}. {p.titulo}\nÁrea: {p.area}\nObjetivo: {p.objetivo}")
    for paso in p.preparacion:
        print(f"  {paso.numero:>5}  [{paso.responsable}] {paso.actividad}  (una sola vez, no en cada trámite)")
    for paso in p.pasos:
        if paso.es_decision:
            salto = f"{paso.pregunta} " + " · ".join(f"{o.etiqueta} → {o.destino}" for o in paso.opciones)
        else:
            salto = f"→ {paso.siguiente}" if paso.siguiente else "→ Fin"
        print(f"  {paso.numero:>5}  [{paso.responsable}] {paso.actividad}  {salto}")
        for linea in _datos_del_paso(paso):
            print(f"         {linea}")


def _datos_del_paso(paso) -> list[str]:
    lineas = []
    if getattr(paso, "campos", ()):
        lineas.append("Datos: " + "; ".join(c.etiqueta + (" *" if c.requerido else "") for c in paso.campos))
    if getattr(paso, "adjuntos", ()):
        lineas.append("Adjuntos: " + "; ".join(f"{a.etiqueta} ({', '.join(a.tipos)})" for a in paso.adjuntos))
    if getattr(paso, "documento", None) is not None and not isinstance(paso.documento, str):
        lineas.append(f"Oficio: {paso.documento.plantilla} (firma: {paso.documento.firmante})")
    if getattr(paso, "plazo_horas_habiles", None):
        lineas.append(f"Plazo: {paso.plazo_horas_habiles:g} horas hábiles")
    if getattr(paso, "reglas", ()):
        lineas.append("Reglas: " + ", ".join(r.nombre for r in paso.reglas))
    return lineas


def _validar(args: argparse.Namespace) -> int:
    from app.rutas import carpeta_procedimientos
    from app.servicios.tramites import validacion_procedimientos

    carpeta = args.carpeta or str(carpeta_procedimientos())
    problemas = validacion_procedimientos.validar_carpeta(carpeta, args.formatos)
    if problemas:
        for problema in problemas:
            print(problema)
        print(f"{len(problemas)} problema(s) en {carpeta}.", file=sys.stderr)
        return 2
    print(f"Procedimientos válidos en {carpeta}.")
    return 0


def _bpmn(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.errores import ErrorNoEncontrado
    from app.servicios.tramites import bpmn, procedimientos

    if args.carpeta:
        # Una carpeta ajena se valida antes de exportar: un archivo roto se explica, no truena.
        from app.servicios.tramites.validacion_procedimientos import validar_carpeta

        problemas = validar_carpeta(Path(args.carpeta))
        if problemas:
            for problema in problemas:
                print(problema, file=sys.stderr)
            print(f"{len(problemas)} problema(s) en {args.carpeta}: corríjalos antes de exportar a BPMN.",
                  file=sys.stderr)
            return 2
        encontrados = [p for p in (procedimientos.cargar_archivo(r) for r in sorted(Path(args.carpeta).glob("p*.json")))
                       if p.numero == args.numero]
        if not encontrados:
            raise ErrorNoEncontrado(f"No existe el procedimiento {args.numero} en {args.carpeta}.")
        procedimiento = encontrados[0]
    else:
        procedimiento = procedimientos.obtener(args.numero)
    salida = args.salida or f"p{procedimiento.numero:02d}.bpmn"
    comun.escribir(salida, bpmn.exportar(procedimiento))
    print(salida)
    return 0
