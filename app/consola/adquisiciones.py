"""Subcomandos «dti adquisiciones …» (procedimiento 1: adquisiciones y pagos a proveedores de TIC)."""
from __future__ import annotations

import argparse

from app.consola import comun

COMANDOS = ("adquisiciones",)
SOLO_LECTURA = frozenset({"lista", "proveedor", None})


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega «dti adquisiciones lista | proveedor» al analizador de «dti»."""
    grupo = sub.add_parser("adquisiciones", help="adquisiciones y pagos a proveedores (procedimiento 1)")
    acciones = grupo.add_subparsers(dest="accion", metavar="ACCIÓN")
    lista = acciones.add_parser("lista", parents=[db], help="listar las adquisiciones (o guardarlas en Excel)")
    lista.add_argument("--estado", default=None, help="solo las de este estado (p. ej. pago_en_tramite)")
    lista.add_argument("--buscar", default="", help="texto a buscar (necesidad, proveedor, RFC, UUID…)")
    lista.add_argument("--excel", metavar="ARCHIVO.xlsx", help="guardar la lista en un libro de Excel")
    proveedor = acciones.add_parser("proveedor", parents=[db],
                                    help="historial de entregas de un proveedor: tardías y rechazadas")
    proveedor.add_argument("rfc")


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti adquisiciones …»."""
    from app.errores import ErrorNoEncontrado, ErrorValidacion
    from app.modelos import Proveedor
    from app.modelos.adquisiciones import ESTADOS
    from app.servicios.adquisiciones import consultas

    if args.accion == "lista":
        if args.estado and args.estado not in ESTADOS:
            raise ErrorValidacion([("estado", f"Estado desconocido «{args.estado[:30]}»; use uno de: "
                                              f"{', '.join(ESTADOS)}.")])
        filas = consultas.lista(args.buscar, args.estado)
        if args.excel:
            comun.escribir(args.excel, consultas.exportar_excel(filas))
            print(f"{args.excel}: {len(filas)} adquisiciones")
            return 0
        for f in filas:
            importe = f"${f['importe']:,.2f}" if f["importe"] is not None else "—"
            print(f"{f['numero']}\t{f['estado_texto']}\t{importe}\t{f['proveedor'] or '—'}\t{f['descripcion'][:60]}")
        print(f"{len(filas)} adquisiciones")
        return 0
    if args.accion == "proveedor":
        rfc = args.rfc.strip().upper().replace("-", "").replace(" ", "")
        proveedor = Proveedor.get_or_none(Proveedor.rfc == rfc)
        if proveedor is None:
            raise ErrorNoEncontrado(f"No hay proveedor con RFC «{rfc[:20]}» en el catálogo.")
        h = consultas.historial_proveedor(proveedor)
        print(f"{proveedor.razon_social} ({proveedor.rfc}): {h['adquisiciones']} adquisiciones, "
              f"${h['contratado']:,.2f} contratado; {h['total']} entregas, {h['tardias']} tardías, "
              f"{h['rechazadas']} rechazadas")
        for e in h["entregas"]:
            marcas = ", ".join(m for m, si in (("tardía", e["tardia"]), ("rechazada", e["rechazada"])) if si)
            print(f"{e['fecha']:%d/%m/%Y}\t{e['tramite']}\t{marcas or 'a tiempo y conforme'}\t{e['descripcion'][:60]}")
        return 0
    return 2
