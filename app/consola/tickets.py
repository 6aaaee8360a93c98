"""Subcomandos ``dti ticket crear|listar|ver`` (los mismos servicios que la pestaña Mesa de ayuda)."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable


def agregar_subcomandos(sub, db: argparse.ArgumentParser) -> None:
    """Agrega ``ticket crear``, ``ticket listar`` y ``ticket ver`` al analizador de ``dti``."""
    from app.servicios.mesa_ayuda import sla, tickets

    grupo = sub.add_parser("ticket", help="tickets de la mesa de ayuda (procedimientos 6 y 2)").add_subparsers(
        dest="accion", metavar="ACCIÓN")
    crear = grupo.add_parser("crear", parents=[db], help="registrar un ticket; imprime su folio en la última línea")
    crear.add_argument("--dependencia", default=None, help="nombre o siglas (se toma la del bien si falta)")
    crear.add_argument("--solicitante", required=True, help="nombre de quien solicita")
    crear.add_argument("--descripcion", required=True)
    crear.add_argument("--canal", choices=list(tickets.CANALES), default=tickets.TELEFONO)
    crear.add_argument("--extension", default="", help="extensión de la DTI que recibió la llamada (222–225)")
    crear.add_argument("--categoria", choices=list(tickets.CATEGORIAS), default="equipo")
    crear.add_argument("--prioridad", choices=list(sla.PRIORIDADES), default=sla.MEDIA)
    crear.add_argument("--modalidad", choices=list(tickets.MODALIDADES), default=None)
    crear.add_argument("--inventario", default="", help="número de inventario del bien (o texto del QR)")
    crear.add_argument("--asignar", default=None, help="usuario al que se asigna")
    crear.add_argument("--usuario", default=None, metavar="NOMBRE",
                       help="quién lo registra: su usuario (o DTI_USUARIO); la contraseña, en DTI_CONTRASENA "
                            "o se pide en la terminal")
    listar = grupo.add_parser("listar", parents=[db], help="listar tickets (JSON por línea, el más reciente primero)")
    listar.add_argument("--estado", choices=list(tickets.ESTADOS))
    listar.add_argument("--abiertos", action="store_true", help="solo nuevos, en atención y escalados")
    listar.add_argument("--alerta", action="store_true", help="solo por vencer o vencidos")
    listar.add_argument("--buscar", default="")
    listar.add_argument("--limite", type=int, default=1000)
    ver = grupo.add_parser("ver", parents=[db], help="datos, SLA, escalamientos e historial de un ticket")
    ver.add_argument("folio")


def ejecutar(args: argparse.Namespace, actor: Callable) -> int:
    from app.servicios.mesa_ayuda import sla, tickets

    if args.accion == "crear":
        ticket = tickets.crear_ticket(
            actor(args.usuario), canal=args.canal, extension=args.extension, dependencia=args.dependencia,
            solicitante_nombre=args.solicitante, descripcion=args.descripcion, categoria=args.categoria,
            prioridad=args.prioridad, modalidad=args.modalidad, numero_inventario=args.inventario,
            asignado=args.asignar)
        print(f"Ticket registrado para {ticket.dependencia.nombre}; meta de respuesta: "
              f"{ticket.meta_respuesta_en:%d/%m/%Y %H:%M}.")
        print(ticket.folio)
        return 0
    if args.accion == "listar":
        filtros = {"estado": args.estado, "solo_abiertos": args.abiertos, "solo_alerta": args.alerta,
                   "texto": args.buscar}
        pendientes, antes = max(0, args.limite), None
        while pendientes:
            pagina = tickets.listar(limite=min(500, pendientes), antes_de_id=antes, **filtros)
            for fila in pagina:
                print(json.dumps(fila, ensure_ascii=False, default=str))
            if len(pagina) < min(500, pendientes):
                break
            pendientes -= len(pagina)
            antes = pagina[-1]["id"]
        return 0
    if args.accion == "ver":
        d = tickets.detalle(tickets.por_folio(args.folio).id)
        print(f"{d['folio']} · {d['estado_texto']} · SLA: {sla.ESTADOS_SLA[d['sla']]}")
        for etiqueta, clave in (("Recibido", "recibido_en"), ("Canal", "canal"), ("Dependencia", "dependencia"),
                                ("Solicitante", "solicitante"), ("Bien", "bien"), ("Categoría", "categoria"),
                                ("Prioridad", "prioridad"), ("Modalidad", "modalidad"), ("Asignado a", "asignado"),
                                ("Descripción", "descripcion"), ("Primera respuesta", "primera_respuesta_en"),
                                ("Resuelto", "resuelto_en"), ("Cerrado", "cerrado_en"), ("Solución", "solucion")):
            valor = d[clave]
            if valor not in (None, ""):
                print(f"{etiqueta}: {valor:%d/%m/%Y %H:%M}" if hasattr(valor, "hour") else f"{etiqueta}: {valor}")
        for e in d["escalamientos"]:
            print(f"Proveedor: {e['proveedor']} ({e['marca']}), entrega comprometida "
                  f"{e['entrega_comprometida']:%d/%m/%Y}, {e['estado']}")
        for cambio in d["cambios"]:
            print(f"  {cambio['momento']:%d/%m/%Y %H:%M}  {cambio['usuario']}: {cambio['accion']}")
        return 0
    return 2
