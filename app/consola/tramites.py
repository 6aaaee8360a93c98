"""Subcomandos «dti tramite» (abrir, avanzar, ver…); «dti procedimientos» está en ``procedimientos.py``."""
from __future__ import annotations

import argparse
import sys

from app.consola import comun
from app.errores import ErrorValidacion


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega este grupo de subcomandos al analizador de «dti»."""
    tramite = sub.add_parser("tramite", help="trámites de los procedimientos").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    abrir = tramite.add_parser(
        "abrir", parents=[db], help="abrir un trámite; imprime su número",
        description="Abre un trámite de un procedimiento que se lleva en Trámites. Los que lleva un módulo "
                    "(los tickets, 2 y 6, en Mesa de ayuda; los dictámenes, 4; …) se abren en ese módulo: "
                    "la consola sale con 2 y dice dónde.")
    abrir.add_argument("--procedimiento", type=int, required=True)
    abrir.add_argument("--asunto", required=True)
    abrir.add_argument("--dependencia", default=None)
    abrir.add_argument("--oficio", default=None, metavar="FOLIO_O_ID",
                       help="oficio recibido que pide el caso: su id o su número (p. ej. SGA/0187/2026)")
    abrir.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    avanzar = tramite.add_parser(
        "avanzar", parents=[db], help="concluir el paso actual de un trámite",
        description="Cierra el paso actual con sus datos. Si falta un campo requerido o uno es inválido, "
                    "sale con 2, escribe una línea por cada uno y no guarda nada.")
    avanzar.add_argument("numero")
    avanzar.add_argument("--opcion", default=None, help="respuesta de la decisión (Sí, No, …)")
    avanzar.add_argument("--campo", action="append", default=[], metavar="CLAVE=VALOR",
                         help="un campo del paso (se repite: --campo viable=Sí --campo costo=12500)")
    avanzar.add_argument("--adjunto", action="append", default=[], metavar="CLAVE=ARCHIVO",
                         help="un documento del paso (se repite: --adjunto minuta=minuta.pdf)")
    avanzar.add_argument("--nota", default="")
    avanzar.add_argument("--usuario", default=None, metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    ver = tramite.add_parser("ver", parents=[db], help="situación, historial y datos capturados de un trámite")
    ver.add_argument("numero")
    listar = tramite.add_parser("listar", parents=[db],
                                help="una línea por trámite: número, procedimiento, paso actual, asunto")
    listar.add_argument("--procedimiento", type=int, default=None, metavar="N")
    listar.add_argument("--estado", choices=("abierto", "concluido", "cancelado"), default=None)


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti tramite ACCIÓN»; devuelve el código de salida."""
    from app.servicios.catalogos import catalogos
    from app.servicios.tramites import formulario, tramites

    if args.accion == "abrir":
        from app.consola.oficios import buscar_oficio

        dependencia = catalogos.dependencia_por_nombre(args.dependencia) if args.dependencia else None
        oficio = buscar_oficio(args.oficio) if args.oficio else None
        tramite = tramites.abrir_tramite(comun.actor(args.usuario), args.procedimiento, args.asunto, dependencia,
                                         oficio_entrada=oficio)
        print(tramite.numero)
        return 0
    if args.accion == "avanzar":
        return _avanzar(args)
    if args.accion == "listar":
        for fila in reversed(tramites.consultar(estado=args.estado, procedimiento=args.procedimiento, limite=100000)):
            paso = fila["paso_actual"] or {"concluido": "concluido", "cancelado": "cancelado"}.get(fila["estado"], "—")
            vencido = " (vencido)" if fila.get("vencido") else ""
            print(f"{fila['numero']}\tP{fila['procedimiento']:02d}\t{paso}{vencido}\t{fila['asunto']}")
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
            _imprimir_formulario(formulario.formulario_paso(tramite))
        for paso in tramites.pasos(tramite):
            print(f"  {paso.paso:>5}  {paso.inicio:%d/%m/%Y %H:%M}  {paso.opcion or '':<10} {paso.actividad[:70]}")
        registro = formulario.registro_legible(tramite)
        if registro:
            print("Datos capturados:")
            print(registro)
        return 0
    return 2


def _imprimir_formulario(datos) -> None:
    """Los campos y adjuntos del paso actual (las claves de --campo y --adjunto) y su plazo."""
    if datos is None:
        return
    if datos.vence_en is not None:
        print(f"  Vence: {datos.vence_en:%d/%m/%Y %H:%M}" + (" (VENCIDO)" if datos.vencido else ""))
    for campo in datos.campos:
        capturado = datos.valores.get(campo.clave)
        marca = "requerido" if campo.requerido else "opcional"
        opciones = f": {' | '.join(campo.opciones)}" if campo.opciones else ""
        valor = f" = {capturado.texto}" if capturado else ""
        print(f"  --campo {campo.clave}=…  «{campo.etiqueta}» ({campo.tipo}{opciones}; {marca}){valor}")
    for adjunto in datos.adjuntos:
        marca = "requerido" if adjunto.requerido else "opcional"
        hecho = datos.adjuntos_capturados.get(adjunto.clave)
        valor = f" = {hecho['nombre_archivo']}" if hecho else ""
        print(f"  --adjunto {adjunto.clave}=ARCHIVO  «{adjunto.etiqueta}» ({', '.join(adjunto.tipos)}; {marca}){valor}")


def _pares(textos: list[str], opcion: str) -> dict[str, str]:
    pares: dict[str, str] = {}
    for texto in textos:
        clave, signo, valor = texto.partition("=")
        if not signo or not clave.strip():
            raise ErrorValidacion([(opcion, f"{opcion} «{texto}»: escriba CLAVE=VALOR.")])
        pares[clave.strip()] = valor
    return pares


def _avanzar(args: argparse.Namespace) -> int:
    """«dti tramite avanzar»: 2 y una línea por faltante o inválido, sin escribir nada."""
    from app.servicios.tramites import tramites

    try:
        valores = _pares(args.campo, "--campo")
        adjuntos = _pares(args.adjunto, "--adjunto")
        tramite = tramites.avanzar_tramite(comun.actor(args.usuario), tramites.obtener(args.numero), args.opcion,
                                           args.nota, valores=valores, adjuntos=adjuntos)
    except ErrorValidacion as exc:
        print(f"No se cerró el paso del trámite {args.numero}; nada se guardó:", file=sys.stderr)
        for _clave, mensaje in exc.errores:
            print(f"  {mensaje}", file=sys.stderr)
        return 2
    estado = tramites.situacion(tramite)
    print(f"{tramite.numero}: " + ("concluido" if estado.terminado else f"paso {estado.paso.numero}: "
                                                                          f"{estado.paso.actividad}"))
    return 0

