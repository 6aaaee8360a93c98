"""Subcomandos «dti videovigilancia …» (procedimiento 19): solicitar una grabación y listar las cámaras."""
from __future__ import annotations

import argparse
import datetime as dt

from app.consola import comun

COMANDOS = ("videovigilancia",)
SOLO_LECTURA = frozenset({"camaras", None})

AYUDA_SOLICITAR = """\
Registra la solicitud de una dependencia para ver la grabación de una cámara y aplica la decisión
del procedimiento 19. La última línea es «DENEGADA <folio>» si la fecha pasó la retención del
grabador de la cámara (se emitió el oficio de negativa, que se guarda con «dti oficio pdf
<folio> --salida ARCHIVO.pdf»), o «CITA AAAA-MM-DD HH:MM» con la próxima hora hábil libre para reproducir el video.

La solicitud llega por oficio (actividad 2 del manual). Con --oficio se usa el oficio recibido ya
registrado con ese número. Sin --oficio se registra el oficio recibido con lo que se sabe
(procedencia y descripción; se anota la hora de recepción) y queda INCOMPLETO en Oficios, para completar su número,
firmante y firma; la negativa o la cita se dan igual, en respuesta a ese oficio.

--camara y --dependencia aceptan el nombre sin importar acentos ni mayúsculas (la dependencia
también por sus siglas). Una fecha futura o mal escrita es un error y no se escribe nada."""


def agregar(sub, db: argparse.ArgumentParser) -> None:
    """Agrega «dti videovigilancia» al analizador de «dti»."""
    grupo = sub.add_parser("videovigilancia", help="videovigilancia: solicitudes de grabaciones (procedimiento 19)")
    acciones = grupo.add_subparsers(dest="accion", metavar="ACCIÓN")
    solicitar = acciones.add_parser("solicitar", parents=[db], help="solicitar una grabación: DENEGADA o CITA",
                                    description=AYUDA_SOLICITAR, formatter_class=argparse.RawDescriptionHelpFormatter)
    solicitar.add_argument("--camara", required=True, metavar="NOMBRE", help="nombre de la cámara")
    solicitar.add_argument("--fecha", required=True, metavar="AAAA-MM-DD", help="fecha de la grabación solicitada")
    solicitar.add_argument("--dependencia", required=True, metavar="NOMBRE",
                           help="dependencia solicitante (nombre o siglas)")
    solicitar.add_argument("--oficio", metavar="NUMERO", help="número del oficio recibido ya registrado")
    solicitar.add_argument("--desde", default="00:00", metavar="HH:MM", help="hora inicial (por omisión 00:00)")
    solicitar.add_argument("--hasta", default="23:59", metavar="HH:MM", help="hora final (por omisión 23:59)")
    solicitar.add_argument("--motivo", default="", help="motivo o evento por el que se pide la grabación")
    solicitar.add_argument("--usuario", metavar="NOMBRE", help=comun.AYUDA_USUARIO)
    acciones.add_parser("camaras", parents=[db], help="listar las cámaras con su grabador y días de retención")


def _fecha(texto: str) -> dt.date:
    from app.errores import ErrorValidacion

    try:
        if len(texto.strip()) != 10:
            raise ValueError(texto)
        return dt.date.fromisoformat(texto.strip())
    except ValueError:
        raise ErrorValidacion([("fecha", f"La fecha «{texto[:30]}» no es válida: escríbala como AAAA-MM-DD "
                                         "(por ejemplo 2026-11-18).")]) from None


def _solicitar(args: argparse.Namespace) -> int:
    from app.base_datos import transaccion
    from app.servicios.catalogos import catalogos
    from app.servicios.oficios import oficios
    from app.servicios.videovigilancia import equipos, solicitudes

    fecha = _fecha(args.fecha)
    camara = equipos.camara_por_nombre(args.camara)
    dependencia = catalogos.dependencia_por_nombre(args.dependencia.strip())
    actor = comun.actor(args.usuario)
    oficio = solicitudes.oficio_entrante_por_numero(args.oficio, dependencia) if args.oficio else None
    with transaccion():     # el oficio recibido y la solicitud, o nada
        if oficio is None:
            oficio = oficios.registrar_oficio_entrante(
                actor, procedencia=dependencia,
                descripcion=f"Solicita la grabación de la cámara {camara.nombre} del {fecha:%d/%m/%Y}."
                            + (f" {args.motivo.strip()}" if args.motivo.strip() else ""),
                permitir_incompleto=True)
            nuevo = True
        else:
            nuevo = False
        decision = solicitudes.solicitar(actor, camara=camara, oficio=oficio, fecha=fecha, dependencia=dependencia,
                                         desde=args.desde, hasta=args.hasta, motivo=args.motivo)
    if nuevo:
        print(f"Oficio recibido registrado (n.º interno {oficio.id}), incompleto: faltan {oficio.faltantes}. "
              "Complételo en Oficios.")
    if decision.denegada:
        print(decision.solicitud.razon)
    print(decision.linea())
    return 0


def ejecutar(args: argparse.Namespace) -> int:
    """Ejecuta «dti videovigilancia …»."""
    if args.accion == "solicitar":
        return _solicitar(args)
    if args.accion == "camaras":
        from app.servicios.videovigilancia import equipos

        for fila in equipos.consultar_camaras():
            print(f"{fila['nombre']}\t{fila['ubicacion']}\t{fila['grabador']} (canal {fila['canal']})\t"
                  f"{fila['dias_retencion']} días")
        return 0
    return 2
