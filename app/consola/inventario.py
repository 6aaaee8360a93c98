"""Subcomandos de inventario de la consola ``dti`` (CFDI, Excel, etiquetas y resguardos).

Viven aparte de :mod:`app.consola.principal` para que ese archivo solo tenga dos enganches.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

COMANDOS = ("cfdi", "inventario", "exportar", "importar", "etiquetas", "resguardo")
PLANTILLAS = ("carta-3x10", "carta-2x7", "termica-50x25")
AYUDA_USUARIO = ("quién lo hace: su usuario (o la variable DTI_USUARIO); la contraseña, en la variable "
                 "DTI_CONTRASENA o se pide en la terminal")


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    """Agrega los subcomandos de inventario al analizador principal."""
    cfdi = sub.add_parser("cfdi", parents=[db],
                          help="leer una factura CFDI (3.2, 3.3, 4.0) e imprimirla como JSON")
    cfdi.add_argument("archivo", metavar="ARCHIVO.xml")

    grupo = sub.add_parser("inventario", help="inventario de bienes TIC").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    alta = grupo.add_parser(
        "alta-cfdi", parents=[db],
        help="alta de bienes desde la factura CFDI (solo de ingreso); con --simular solo muestra la propuesta")
    alta.add_argument("archivo", metavar="FACTURA.xml")
    alta.add_argument("--pdf", metavar="FACTURA.pdf", help="representación impresa de la factura")
    alta.add_argument("--simular", action="store_true",
                      help="no escribe nada: imprime la propuesta (valor de cada bien y avisos) como JSON")
    alta.add_argument("--resguardante", metavar="NOMBRE",
                      help="servidor público que resguardará los bienes (obligatorio sin --simular)")
    alta.add_argument("--tipo", metavar="TIPO",
                      help="tipo de bien de todas las piezas (por omisión: el que sugiere cada descripción)")
    alta.add_argument("--no-es-bien", type=int, action="append", default=[], metavar="N",
                      help="número de concepto que no es un bien (envío, instalación, servicio); se repite")
    alta.add_argument("--sin-oficio", action="store_true",
                      help="no emitir el oficio de alta a Armonización Contable")
    alta.add_argument("--usuario", default=None, metavar="NOMBRE", help=AYUDA_USUARIO)

    exportar = sub.add_parser("exportar", help="exportar a Excel").add_subparsers(
        dest="que", metavar="QUÉ")
    inventario = exportar.add_parser(
        "inventario", parents=[db],
        help="Libro de inventarios CONAC y Relación de bienes (valor en libros) en un .xlsx")
    inventario.add_argument("--salida", required=True, metavar="ARCHIVO.xlsx")
    inventario.add_argument("--al", metavar="AAAA-MM-DD", default=None,
                            help="fecha de corte del libro (p. ej. 2026-12-31 para el cierre); "
                                 "por omisión, hoy")

    importar = sub.add_parser("importar", help="importar desde Excel").add_subparsers(
        dest="que", metavar="QUÉ")
    inventario = importar.add_parser(
        "inventario", parents=[db], help="importar un inventario existente (todo o nada)")
    inventario.add_argument("archivo", metavar="ARCHIVO.xlsx")
    inventario.add_argument("--simular", action="store_true",
                            help="solo revisar el archivo y mostrar la vista previa; no escribe nada")
    inventario.add_argument("--usuario", default=None, metavar="NOMBRE", help=AYUDA_USUARIO)

    etiquetas = sub.add_parser("etiquetas", parents=[db], help="etiquetas QR de inventario en PDF")
    etiquetas.add_argument("--salida", required=True, metavar="ARCHIVO.pdf")
    etiquetas.add_argument("--plantilla", choices=PLANTILLAS, default="carta-3x10")
    cuales = etiquetas.add_mutually_exclusive_group()
    cuales.add_argument("--dependencia", metavar="NOMBRE", help="los bienes activos de una dependencia")
    cuales.add_argument("--inventario", nargs="+", metavar="NUM", help="números de inventario")
    etiquetas.add_argument("--inicio", type=int, default=1,
                           help="primera posición libre de una hoja ya usada (1 = arriba a la izquierda)")

    resguardo = sub.add_parser("resguardo", parents=[db],
                               help="resguardo en PDF de los bienes de un servidor público")
    resguardo.add_argument("--servidor", required=True, metavar="NOMBRE")
    resguardo.add_argument("--salida", required=True, metavar="ARCHIVO.pdf")


def _cfdi(args: argparse.Namespace) -> int:
    from app.documentos.cfdi import leer_cfdi

    from app.documentos.cfdi import TAMANO_MAXIMO
    from app.servicios.nucleo import archivos

    _nombre, contenido = archivos.leer(args.archivo, TAMANO_MAXIMO, "xml")
    print(leer_cfdi(contenido).a_json())
    return 0


def _alta_cfdi(args: argparse.Namespace) -> int:
    """``dti inventario alta-cfdi``: propuesta (``--simular``) o alta de los bienes de la factura."""
    from app.servicios.inventario import alta_cfdi

    from app.servicios.nucleo import archivos

    nombre_xml, xml = archivos.leer(args.archivo, alta_cfdi.MAXIMO_XML, "xml")
    nombre_pdf, pdf = archivos.leer(args.pdf, alta_cfdi.MAXIMO_PDF, "pdf") if args.pdf else ("", None)
    propuesta = alta_cfdi.preparar_alta(xml, pdf, nombre_xml, nombre_pdf)
    numeros = {c.numero for c in propuesta.conceptos}
    ajenos = sorted(set(args.no_es_bien) - numeros)
    if ajenos:
        print(f"Error: la factura no tiene el concepto {ajenos[0]} (tiene {len(numeros)}).", file=sys.stderr)
        return 2
    omitidas = {i for n in args.no_es_bien for i in propuesta.piezas_de(n)}
    if args.simular:
        datos = propuesta.a_dict()
        if omitidas:
            datos["bienes"] = [b for b in datos["bienes"] if b["concepto"] not in set(args.no_es_bien)]
            aviso = alta_cfdi.cuadre(propuesta, omitidas).aviso()
            datos["avisos"] = [a for a in datos["avisos"] if not a.startswith("Las piezas y")] + (
                [aviso] if aviso else [])
        print(json.dumps(datos, ensure_ascii=False, indent=2))
        return 0
    if not args.resguardante:
        print("Error: indique --resguardante NOMBRE (o use --simular para solo ver la propuesta).", file=sys.stderr)
        return 2
    from app.consola.comun import actor
    from app.servicios.catalogos.catalogos import servidor_por_nombre

    from app.servicios.inventario import tipos_bien

    resguardante = servidor_por_nombre(args.resguardante)
    comun = {"resguardante": resguardante.id}
    if args.tipo:
        comun["tipo"] = tipos_bien.por_nombre(args.tipo).id
    capturas = [{"omitir": True} if i in omitidas else dict(comun) for i in range(len(propuesta.bienes))]
    bienes = alta_cfdi.registrar_alta(actor(args.usuario), propuesta, capturas, solicitar_alta=not args.sin_oficio)
    print(f"Factura {propuesta.uuid}: {len(bienes)} bienes dados de alta "
          f"({', '.join(b.numero_inventario for b in bienes[:5])}{'…' if len(bienes) > 5 else ''}).")
    return 0


def _importar(args: argparse.Namespace) -> int:
    from app.servicios.inventario import importacion as importacion_inventario

    vista = importacion_inventario.previsualizar(args.archivo)
    if vista.errores:
        print(f"El archivo tiene errores; no se importó nada. {vista.resumen()}", file=sys.stderr)
        for error in vista.errores:
            print(f"  {error}", file=sys.stderr)
        return 2
    for aviso in vista.advertencias:
        print(f"Advertencia: {aviso}")
    if args.simular:
        print(f"Simulación: {vista.resumen()} No se escribió nada.")
        return 0
    from app.consola.comun import actor

    creados = importacion_inventario.importar(actor(args.usuario), args.archivo)
    print(f"Importados {creados:,} bienes. {vista.resumen()}")
    return 0


def _exportar(args: argparse.Namespace) -> int:
    """``dti exportar inventario --salida ARCHIVO.xlsx [--al AAAA-MM-DD]``."""
    import datetime as dt

    from app.documentos.fechas import fecha_larga
    from app.servicios.inventario.exportacion import exportar_inventario
    from app.tiempo import hoy_mexico

    al = hoy_mexico()
    if args.al:
        try:
            al = dt.date.fromisoformat(args.al.strip())
        except ValueError:
            print(f"Error: la fecha de corte «{args.al}» no es válida; use AAAA-MM-DD, p. ej. 2026-12-31.",
                  file=sys.stderr)
            return 2
    cuantos = exportar_inventario(args.salida, al=al)
    print(f"{cuantos:,} bienes exportados a {args.salida} (libro de inventarios al {fecha_larga(al)})")
    return 0


def ejecutar(args: argparse.Namespace, conectar: Callable[[argparse.Namespace], None]) -> int:
    """Corre el subcomando de inventario ``args.comando`` (conecta la base si la necesita)."""
    comando = args.comando
    if comando == "cfdi":
        return _cfdi(args)
    if comando == "inventario" and getattr(args, "accion", None) != "alta-cfdi":
        print("Error: indique la acción: «dti inventario alta-cfdi FACTURA.xml [--simular]».", file=sys.stderr)
        return 2
    if comando in ("exportar", "importar") and not getattr(args, "que", None):
        print(f"Error: indique qué {comando}: «dti {comando} inventario ...».", file=sys.stderr)
        return 2
    conectar(args)
    if comando == "exportar":
        return _exportar(args)
    if comando == "importar":
        return _importar(args)
    if comando == "inventario":
        return _alta_cfdi(args)
    if comando == "etiquetas":
        from app.servicios.inventario.etiquetas import generar_etiquetas, seleccionar

        cuantas = len(seleccionar(args.inventario, args.dependencia))
        generar_etiquetas(args.salida, args.plantilla, numeros=args.inventario,
                          dependencia=args.dependencia, inicio=args.inicio)
        print(f"{cuantas:,} etiquetas en {args.salida}")
        return 0
    if comando == "resguardo":
        from app.servicios.inventario.resguardos import generar_resguardo

        pdf = generar_resguardo(args.servidor)
        destino = Path(args.salida)
        temporal = destino.with_name(f".{destino.stem}.tmp{destino.suffix}")
        temporal.write_bytes(pdf)
        temporal.replace(destino)
        print(args.salida)
        return 0
    return 2
