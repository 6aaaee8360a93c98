"""Bitácora de monitoreo del sistema de videovigilancia (procedimiento 19, actividades 5 y 6).

«Se monitorea el sistema de videovigilancia, si presenta algún error se procede a dar
mantenimiento»: una revisión con falla abre, en la misma transacción, un mantenimiento
**correctivo** del grabador con el servicio del módulo Mantenimiento (procedimiento 7, que
atiende las redes de video). Cada revisión mueve los trámites de las solicitudes que esperan el
monitoreo (ver :mod:`app.servicios.videovigilancia.expedientes`). La bitácora es de solo agregar.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.modelos import Mantenimiento, Usuario, ahora
from app.modelos.videovigilancia import CORRECTO, FALLA, RESULTADOS_MONITOREO, Camara, Grabador, MonitoreoVideo
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.validacion import Validador
from app.servicios.videovigilancia import expedientes
from app.servicios.nucleo.concurrencia import crea

AREA = permisos.AREA_REDES
PROCEDIMIENTO_MANTENIMIENTO = 7      # servidores, redes de voz, datos y video
DURACION_CORRECTIVO_MIN = 120


def _actor_mantenimiento(actor: Usuario | None) -> Usuario | None:
    """Quién programa el correctivo: el usuario si el módulo Mantenimiento se lo permite; si no, el sistema.

    El procedimiento 7 es del Departamento de Soporte Técnico; cuando el monitoreo lo registra Redes,
    el correctivo lo abre el sistema a nombre del monitoreo (la nota dice quién detectó la falla).
    """
    if actor is None:
        return None
    if permisos.puede(actor, permisos.ABRIR_TRAMITE) and permisos.AREA_SOPORTE in permisos.AREAS_TRAMITE.get(
            actor.rol, frozenset()):
        return actor
    return None


def _inicio_correctivo(momento: dt.datetime) -> dt.datetime:
    """El correctivo se programa a la siguiente media hora (tiene prioridad sobre los preventivos)."""
    base = momento.replace(second=0, microsecond=0)
    return base + dt.timedelta(minutes=30 - base.minute % 30)


@crea
def registrar(actor: Usuario | None, *, resultado: str, descripcion: str = "", grabador: Grabador | None = None,
              camara: Camara | None = None) -> MonitoreoVideo:
    """Anota una revisión del sistema. Con ``resultado=FALLA`` abre el mantenimiento correctivo del grabador."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, AREA)
    v = Validador()
    descripcion = v.texto("descripcion", "Descripción", descripcion, 5000, multilinea=True,
                          requerido=resultado == FALLA)
    if resultado not in RESULTADOS_MONITOREO:
        v.error("resultado", "Indique si el sistema funciona correctamente o presenta una falla.")
    if camara is not None and grabador is None:
        grabador = camara.grabador
    if camara is not None and camara.grabador_id != grabador.id:
        v.error("camara", f"La cámara «{camara.nombre}» no graba en «{grabador.nombre}».")
    if resultado == FALLA and grabador is None:
        v.error("grabador", "Indique el grabador (o la cámara) con la falla: de él se abre el mantenimiento.")
    elif resultado == FALLA and grabador.dispositivo_id is None:
        v.error("grabador", f"El grabador «{grabador.nombre}» no tiene equipo en Mantenimiento; edítelo para ligarlo.")
    v.validar()
    with transaccion():
        momento = ahora()
        registro = MonitoreoVideo(momento=momento, grabador=grabador, camara=camara, resultado=resultado,
                                  descripcion=descripcion, usuario=actor, creado_en=momento)
        texto_mantenimiento = ""
        if resultado == FALLA:
            from app.servicios.mantenimiento import mantenimiento

            quien = bitacora.nombre_usuario(actor)
            donde = f" (cámara {camara.nombre})" if camara is not None else ""
            correctivo = mantenimiento.programar(
                _actor_mantenimiento(actor), dispositivo=grabador.dispositivo, inicio=_inicio_correctivo(momento),
                duracion_min=DURACION_CORRECTIVO_MIN, procedimiento=PROCEDIMIENTO_MANTENIMIENTO,
                clase="correctivo",
                descripcion=f"Falla detectada en el monitoreo de videovigilancia por {quien}{donde}: {descripcion}")
            registro.mantenimiento = correctivo
            texto_mantenimiento = f"Se abrió el mantenimiento correctivo {correctivo.numero}."
        bitacora.guardar(registro, "monitoreo de videovigilancia", actor)
        resumen = RESULTADOS_MONITOREO[resultado] + (f": {descripcion}" if descripcion else ".")
        expedientes.monitoreados(actor, resultado == CORRECTO, resumen, texto_mantenimiento, momento)
    return registro


def consultar(limite: int = 500) -> list[dict[str, Any]]:
    """La bitácora de monitoreo, de lo más reciente a lo más antiguo."""
    consulta = (MonitoreoVideo.select(MonitoreoVideo.id, MonitoreoVideo.momento, MonitoreoVideo.resultado,
                                      MonitoreoVideo.descripcion, Grabador.nombre.alias("grabador"),
                                      Camara.nombre.alias("camara"), Usuario.nombre_usuario.alias("usuario"),
                                      Mantenimiento.numero.alias("mantenimiento"),
                                      Mantenimiento.estado.alias("estado_mantenimiento"))
                .join(Grabador, JOIN.LEFT_OUTER, on=(MonitoreoVideo.grabador == Grabador.id))
                .switch(MonitoreoVideo).join(Camara, JOIN.LEFT_OUTER, on=(MonitoreoVideo.camara == Camara.id))
                .switch(MonitoreoVideo).join(Usuario, JOIN.LEFT_OUTER, on=(MonitoreoVideo.usuario == Usuario.id))
                .switch(MonitoreoVideo).join(Mantenimiento, JOIN.LEFT_OUTER,
                                             on=(MonitoreoVideo.mantenimiento == Mantenimiento.id)))
    filas = list(consulta.order_by(MonitoreoVideo.id.desc()).limit(limite).dicts())
    for fila in filas:
        fila["resultado_texto"] = RESULTADOS_MONITOREO.get(fila["resultado"], fila["resultado"])
    return filas

