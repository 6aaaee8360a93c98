"""Subcomando «dti buscar TEXTO»: la búsqueda global (Ctrl+K) desde la consola.

Escribe, agrupados por tipo, los oficios, trámites, tickets, bienes, licencias y servidores
públicos que coinciden por folio, número, serie o texto: una línea por resultado con su tipo,
id, folio o nombre, descripción y la pestaña donde se abre.
"""
from __future__ import annotations

import argparse
import sys

from app.consola import comun

COMANDOS = ("buscar",)
SOLO_LECTURA = frozenset({"buscar"})     # sin credenciales: --usuario solo dice con los permisos de quién


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega «dti buscar» al analizador de «dti»."""
    buscar = sub.add_parser("buscar", parents=[db], help="búsqueda global por folio, número, serie o texto",
                            description="Busca en oficios, trámites, tickets, bienes, licencias y servidores "
                                        "públicos, sin importar acentos ni mayúsculas.")
    buscar.add_argument("texto", nargs="+", help="lo que se busca (varias palabras: deben aparecer todas)")
    buscar.add_argument("--tope", type=int, default=8, metavar="N", help="resultados por tipo (1 a 50; 8 por omisión)")
    buscar.add_argument("--usuario", default=None, metavar="NOMBRE",
                        help="con los permisos de quién (por omisión, el usuario del sistema)")
    buscar.set_defaults(accion="buscar")      # no tiene acciones: la ayuda sale solo sin texto


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti buscar» (la base ya está conectada y migrada). Sin resultados, sale con 1."""
    from app.servicios import busqueda

    texto = " ".join(args.texto)
    if busqueda.preparar(texto) is None:
        print(f"Escriba al menos {busqueda.MINIMO_CARACTERES} letras o números para buscar.", file=sys.stderr)
        return 2
    grupos = busqueda.buscar(comun.actor(args.usuario), texto, tope=args.tope)
    for grupo in grupos:
        print(f"{grupo.nombre}:")
        for r in grupo.resultados:
            marca = " (exacto)" if r.exacto else ""
            print(f"  {r.tipo}\t{r.id}\t{r.titulo}{marca}\t{r.subtitulo}\t→ {r.pestana}")
    total = sum(len(g.resultados) for g in grupos)
    print(f"{total} resultado(s) para «{busqueda.preparar(texto).texto}».", file=sys.stderr)
    return 0 if total else 1
