"""Procedimiento 8: la regla del horario y la bitácora consultable de los servidores.

La bitácora de servidor sustituye a la página de soporte técnico que menciona el
manual («se documentará los movimientos realizados a los servidores…»): cada
programación, autorización, verificación y ajuste de un mantenimiento a un
servidor se anota aquí, y el personal puede agregar notas de cambios.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.modelos import BitacoraServidor, Dispositivo, Mantenimiento, Usuario, ahora
from app.servicios.nucleo import bitacora, calendario_laboral, permisos
from app.errores import ErrorValidacion
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, texto_busqueda

NOMBRES_MES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
               "octubre", "noviembre", "diciembre")
TIPOS_SERVIDOR = ("servidor", "servidor_datos")

# Tipos de anotación en la bitácora de servidor.
PROGRAMACION = "programacion"
AUTORIZACION = "autorizacion"
REPROGRAMACION = "reprogramacion"
REALIZACION = "realizacion"
VERIFICACION = "verificacion"
AJUSTE = "ajuste"
CAMBIO = "cambio"
CANCELACION = "cancelacion"
AVISO = "aviso"
ACUERDO = "acuerdo"
TIPOS_ANOTACION: dict[str, str] = {
    PROGRAMACION: "Programación", AUTORIZACION: "Autorización del director",
    REPROGRAMACION: "Reprogramación", REALIZACION: "Mantenimiento realizado",
    VERIFICACION: "Verificación", AJUSTE: "Ajustes", CAMBIO: "Cambio documentado",
    CANCELACION: "Cancelación", AVISO: "Aviso por oficio", ACUERDO: "Fecha acordada",
}


def dia_largo(fecha: dt.date) -> str:
    """«jueves 3 de diciembre»."""
    return f"{calendario_laboral.NOMBRES_DIA[fecha.weekday()]} {fecha.day} de {NOMBRES_MES[fecha.month - 1]}"


def describir_horario(horario: calendario_laboral.Horario) -> str:
    """«lunes a viernes 08:00–16:00» (o la lista de días si no son seguidos)."""
    dias = sorted(horario.dias_habiles)
    nombres = calendario_laboral.NOMBRES_DIA
    if len(dias) > 2 and dias == list(range(dias[0], dias[-1] + 1)):
        parte_dias = f"{nombres[dias[0]]} a {nombres[dias[-1]]}"
    else:
        parte_dias = ", ".join(nombres[d] for d in dias)
    return f"{parte_dias} {horario.hora_inicio:%H:%M}–{horario.hora_fin:%H:%M}"


def razon_horario_laboral(inicio: dt.datetime, fin: dt.datetime) -> str | None:
    """Por qué ``inicio``–``fin`` no sirve para un mantenimiento de servidor de datos (None si sirve).

    La política del procedimiento 8 pide hacerlo fuera del horario laboral: se rechaza
    si empieza dentro de él o si lo cruza.
    """
    calendario = calendario_laboral.calendario()
    horario = describir_horario(calendario.horario)
    cola = "el mantenimiento de servidores de datos se programa fuera de él."
    if calendario.es_horario_laboral(inicio):
        return f"Las {inicio:%H:%M} del {dia_largo(inicio.date())} es horario laboral ({horario}): {cola}"
    if fin > inicio and calendario.horas_habiles_entre(inicio, fin) > 0:
        return (f"De las {inicio:%H:%M} del {dia_largo(inicio.date())} a las {fin:%H:%M} del "
                f"{dia_largo(fin.date())} se cruza el horario laboral ({horario}): {cola}")
    return None


def es_servidor(dispositivo: Dispositivo) -> bool:
    return dispositivo.tipo in TIPOS_SERVIDOR


def anotar(actor: Usuario | None, dispositivo: Dispositivo, tipo: str, descripcion: str,
           mantenimiento: Mantenimiento | None = None) -> BitacoraServidor:
    """Agrega una entrada a la bitácora del servidor (dentro de la transacción del cambio)."""
    entrada = BitacoraServidor(
        dispositivo=dispositivo, mantenimiento=mantenimiento, momento=ahora(), usuario=actor, tipo=tipo,
        descripcion=descripcion,
        busqueda=texto_busqueda(dispositivo.nombre, mantenimiento.numero if mantenimiento else "",
                                TIPOS_ANOTACION.get(tipo, tipo), descripcion[:2000]))
    with transaccion():
        entrada.save()
        bitacora.registrar(entrada, "anotación en bitácora de servidor", actor)
    return entrada


def documentar_cambio(actor: Usuario | None, dispositivo: Dispositivo, descripcion: str,
                      mantenimiento: Mantenimiento | None = None) -> BitacoraServidor:
    """Documenta un cambio hecho a un servidor (paso 5 del procedimiento 8: «para futuras consultas»)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, permisos.AREA_SOPORTE)
    v = Validador()
    descripcion = v.texto("descripcion", "Descripción del cambio", descripcion, 10000, requerido=True,
                          multilinea=True)
    if not es_servidor(dispositivo):
        v.error("dispositivo", f"«{dispositivo.nombre}» no es un servidor: la bitácora es de servidores.")
    v.validar()
    return anotar(actor, dispositivo, CAMBIO, descripcion, mantenimiento)


def consultar_bitacora(busqueda: str = "", dispositivo: Dispositivo | int | None = None,
                       desde: dt.date | None = None, hasta: dt.date | None = None,
                       limite: int = 1000) -> list[dict[str, Any]]:
    """Entradas de la bitácora de servidores, de la más reciente a la más antigua.

    ``busqueda`` ignora mayúsculas y acentos (y trata «%» y «_» como texto); ``desde`` y
    ``hasta`` son fechas inclusivas.
    """
    if desde and hasta and hasta < desde:
        raise ErrorValidacion([("hasta", "La fecha final es anterior a la inicial.")])
    consulta = (BitacoraServidor
                .select(BitacoraServidor.id, BitacoraServidor.momento, BitacoraServidor.tipo,
                        BitacoraServidor.descripcion, Dispositivo.id.alias("dispositivo_id"),
                        Dispositivo.nombre.alias("servidor"), Mantenimiento.numero.alias("mantenimiento"),
                        Usuario.nombre.alias("usuario"))
                .join(Dispositivo, on=(BitacoraServidor.dispositivo == Dispositivo.id))
                .switch(BitacoraServidor)
                .join(Mantenimiento, JOIN.LEFT_OUTER, on=(BitacoraServidor.mantenimiento == Mantenimiento.id))
                .switch(BitacoraServidor)
                .join(Usuario, JOIN.LEFT_OUTER, on=(BitacoraServidor.usuario == Usuario.id)))
    if dispositivo is not None:
        consulta = consulta.where(BitacoraServidor.dispositivo == dispositivo)
    if desde is not None:
        consulta = consulta.where(BitacoraServidor.momento >= dt.datetime.combine(desde, dt.time.min))
    if hasta is not None:
        consulta = consulta.where(BitacoraServidor.momento < dt.datetime.combine(hasta + dt.timedelta(days=1),
                                                                                 dt.time.min))
    consulta = busqueda_indexada.donde(consulta, BitacoraServidor, busqueda)
    filas = list(consulta.order_by(BitacoraServidor.momento.desc(), BitacoraServidor.id.desc())
                 .limit(limite).dicts())
    for fila in filas:
        fila["tipo_texto"] = TIPOS_ANOTACION.get(fila["tipo"], fila["tipo"])
    return filas
