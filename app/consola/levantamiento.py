"""Subcomandos ``dti levantamiento …``: el levantamiento físico desde la consola y fuera de línea.

Flujo fuera de línea (laptop sin red)::

    dti levantamiento iniciar --dependencia "Tesorería Municipal"      # oficina → imprime el número
    dti levantamiento exportar 7 --salida tesoreria.dti-lev.json       # oficina
    dti iniciar --db sqlite:///C:/campo/lev.sqlite3                                        # laptop: base nueva
    dti usuario crear campo --nombre "…" --rol director --db sqlite:///C:/campo/lev.sqlite3   # su primera cuenta
    dti levantamiento preparar tesoreria.dti-lev.json --usuario campo --db sqlite:///C:/campo/lev.sqlite3
    dti levantamiento leer 7 SMT-TIC-00012 ... --usuario campo --db sqlite:///C:/campo/lev.sqlite3
    dti levantamiento exportar 7 --salida leido.dti-lev.json --db sqlite:///C:/campo/lev.sqlite3
    dti levantamiento importar leido.dti-lev.json                      # oficina: reporta conflictos
    dti levantamiento cerrar 7 --pdf informe.pdf --excel informe.xlsx  # oficina

Lo que cambia datos pide usuario y contraseña (``--usuario`` o ``DTI_USUARIO``, y
``DTI_CONTRASENA`` o se pide); ``listar``, ``exportar`` e ``informe`` solo leen.
"""
from __future__ import annotations

import argparse
import json
import sys

from app.consola import comun


def agregar_subcomandos(sub, db: argparse.ArgumentParser) -> None:
    lev = sub.add_parser("levantamiento", help="levantamiento físico del inventario (también fuera de línea)",
                         description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    acciones = lev.add_subparsers(dest="accion", metavar="ACCIÓN")
    usuario = argparse.ArgumentParser(add_help=False)
    usuario.add_argument("--usuario", metavar="NOMBRE", help=comun.AYUDA_USUARIO)

    iniciar = acciones.add_parser("iniciar", parents=[db, usuario], help="iniciar; imprime su número")
    iniciar.add_argument("--dependencia", help="nombre o siglas de la dependencia")
    iniciar.add_argument("--edificio", default="")
    iniciar.add_argument("--area", default="")
    leer = acciones.add_parser("leer", parents=[db, usuario], help="registrar lecturas (una por argumento)")
    leer.add_argument("id", type=int)
    leer.add_argument("textos", nargs="+")
    for nombre, ayuda in (("pausar", "pausar"), ("reanudar", "reanudar")):
        accion = acciones.add_parser(nombre, parents=[db, usuario], help=ayuda)
        accion.add_argument("id", type=int)
    for nombre, ayuda in (("cerrar", "cerrar y guardar el informe"), ("informe", "informe sin cerrar")):
        accion = acciones.add_parser(nombre, parents=[db, usuario], help=ayuda)
        accion.add_argument("id", type=int)
        accion.add_argument("--pdf", help="guardar el informe en PDF")
        accion.add_argument("--excel", help="guardar el informe en Excel")
    exportar = acciones.add_parser("exportar", parents=[db], help="exportar a un archivo para la laptop o de vuelta")
    exportar.add_argument("id", type=int)
    exportar.add_argument("--salida", required=True)
    preparar = acciones.add_parser("preparar", parents=[db, usuario],
                                   help="(laptop) cargar el archivo en una base SQLite nueva")
    preparar.add_argument("archivo")
    importar = acciones.add_parser("importar", parents=[db, usuario],
                                   help="(oficina) importar las lecturas hechas fuera de línea")
    importar.add_argument("archivo")
    acciones.add_parser("listar", parents=[db], help="levantamientos (JSON por línea)")


def _dependencia(texto: str) -> int:
    from app.modelos import Dependencia
    from app.errores import ErrorNoEncontrado
    from app.servicios.nucleo.validacion import normalizar

    buscado = normalizar(texto)
    for dependencia in Dependencia.select():
        if buscado in (normalizar(dependencia.nombre), normalizar(dependencia.siglas)):
            return dependencia.id
    raise ErrorNoEncontrado(f"No existe la dependencia «{texto}».")


def _informe(args: argparse.Namespace) -> None:
    from app.servicios.levantamiento import levantamiento

    informe = levantamiento.calcular_informe(args.id)
    print(f"Levantamiento {informe.levantamiento_id} ({informe.ambito}): encontrados {informe.progreso}; "
          f"faltantes {len(informe.faltantes)}, mal ubicados {len(informe.mal_ubicados)}, "
          f"sobrantes {len(informe.sobrantes)}.")
    if args.pdf:
        comun.escribir(args.pdf, levantamiento.informe_pdf(args.id))
        print(args.pdf)
    if args.excel:
        levantamiento.informe_excel(args.id, args.excel)
        print(args.excel)


def ejecutar_levantamiento(args: argparse.Namespace) -> int:
    from app.servicios.levantamiento import archivo as levantamiento_archivo, levantamiento

    accion = args.accion
    if accion == "listar":
        for fila in levantamiento.consultar():
            print(json.dumps(fila, ensure_ascii=False, default=str))
        return 0
    if accion == "exportar":
        ruta = levantamiento_archivo.exportar_levantamiento(args.id, args.salida)
        print(ruta)
        return 0
    actor = comun.actor(getattr(args, "usuario", None))
    if accion == "iniciar":
        dependencia = _dependencia(args.dependencia) if args.dependencia else None
        lev = levantamiento.iniciar(actor, dependencia, args.edificio, args.area)
        print(f"Levantamiento iniciado: {levantamiento.ambito(lev)}; esperados {levantamiento.esperados(lev):,}.")
        print(lev.id)
        return 0
    if accion == "leer":
        for texto in args.textos:
            resultado = levantamiento.registrar_lectura(args.id, texto, actor)
            print(f"[{resultado.nombre}] {resultado.mensaje} ({resultado.progreso})")
        return 0
    if accion in ("pausar", "reanudar"):
        lev = levantamiento.obtener(args.id)
        getattr(levantamiento, accion)(actor, lev.id, lev.version)
        print(f"Levantamiento {lev.id}: {'pausado' if accion == 'pausar' else 'en curso'}.")
        return 0
    if accion == "cerrar":
        lev = levantamiento.obtener(args.id)
        levantamiento.cerrar(actor, lev.id, lev.version)
        _informe(args)
        return 0
    if accion == "informe":
        _informe(args)
        return 0
    if accion == "preparar":
        lev = levantamiento_archivo.preparar_campo(actor, args.archivo)
        print(f"Levantamiento {lev.id} listo en esta base ({levantamiento.ambito(lev)}); "
              f"esperados {levantamiento.esperados(lev):,}.")
        return 0
    if accion == "importar":
        resultado = levantamiento_archivo.importar_levantamiento(actor, args.archivo)
        print(f"Levantamiento {resultado.levantamiento_id}: {resultado.importadas} lecturas importadas, "
              f"{resultado.ya_registradas} ya estaban registradas, {len(resultado.conflictos)} conflictos.")
        for conflicto in resultado.conflictos:
            print(f"  Conflicto: {conflicto}", file=sys.stderr)
        return 1 if resultado.conflictos else 0
    return 2
