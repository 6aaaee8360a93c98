"""Subcomandos «dti tramite» (abrir, avanzar, ver) y «dti procedimientos» (los 21 del manual)."""
from __future__ import annotations

import argparse

from app.consola import comun


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    tramite = sub.add_parser("tramite", help="trámites de los procedimientos").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    abrir = tramite.add_parser("abrir", parents=[db], help="abrir un trámite; imprime su número")
    abrir.add_argument("--procedimiento", type=int, required=True)
    abrir.add_argument("--asunto", required=True)
    abrir.add_argument("--dependencia", default=None)
    abrir.add_argument("--usuario", default=None)
    avanzar = tramite.add_parser("avanzar", parents=[db], help="concluir el paso actual de un trámite")
    avanzar.add_argument("numero")
    avanzar.add_argument("--opcion", default=None, help="respuesta de la decisión (Sí, No, …)")
    avanzar.add_argument("--nota", default="")
    avanzar.add_argument("--usuario", default=None)
    ver = tramite.add_parser("ver", parents=[db], help="situación e historial de un trámite")
    ver.add_argument("numero")
    proc = sub.add_parser("procedimientos", parents=[db], help="los 21 procedimientos del manual")
    proc.add_argument("numero", nargs="?", type=int)


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti tramite ACCIÓN»; devuelve el código de salida."""
    from app.servicios.catalogos import catalogos
    from app.servicios.tramites import tramites

    if args.accion == "abrir":
        dependencia = catalogos.dependencia_por_nombre(args.dependencia) if args.dependencia else None
        tramite = tramites.abrir_tramite(comun.actor(args.usuario), args.procedimiento, args.asunto, dependencia)
        print(tramite.numero)
        return 0
    if args.accion == "avanzar":
        tramite = tramites.avanzar_tramite(comun.actor(args.usuario), tramites.obtener(args.numero), args.opcion, args.nota)
        estado = tramites.situacion(tramite)
        print(f"{tramite.numero}: " + ("concluido" if estado.terminado else f"paso {estado.paso.numero}: "
                                                                              f"{estado.paso.actividad}"))
        return 0
    if args.accion == "ver":
        tramite = tramites.obtener(args.numero)
        estado = tramites.situacion(tramite)
        print(f"{tramite.numero} · {estado.procedimiento.titulo}")
        print(f"Asunto: {tramite.asunto} · Estado: {tramite.estado}")
        if estado.paso is not None:
            print(f"Paso actual {estado.paso.numero}: {estado.paso.actividad}")
            if estado.paso.es_decision:
                print(f"  {estado.paso.pregunta} " + " · ".join(f"{o.etiqueta} → {o.destino}"
                                                            for o in estado.paso.opciones))
        for paso in tramites.pasos(tramite):
            print(f"  {paso.paso:>5}  {paso.inicio:%d/%m/%Y %H:%M}  {paso.opcion or '':<10} {paso.actividad[:70]}")
        return 0
    return 2


def ejecutar_procedimientos(args: argparse.Namespace) -> int:
    """Ejecuta «dti procedimientos [N]»."""
    from app.servicios.tramites import procedimientos

    if args.numero is None:
        for p in procedimientos.todos():
            print(f"{p.numero:>2}. {p.titulo}  [{p.area}]")
        return 0
    p = procedimientos.obtener(args.numero)
    print(f"{p.numero}. {p.titulo}\nÁrea: {p.area}\nObjetivo: {p.objetivo}")
    for paso in p.pasos:
        if paso.es_decision:
            salto = f"{paso.pregunta} " + " · ".join(f"{o.etiqueta} → {o.destino}" for o in paso.opciones)
        else:
            salto = f"→ {paso.siguiente}" if paso.siguiente else "→ Fin"
        print(f"  {paso.numero:>5}  [{paso.responsable}] {paso.actividad}  {salto}")
    return 0
