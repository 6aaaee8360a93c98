"""Grabadores (DVR/NVR) y cámaras del sistema de videovigilancia (procedimiento 19, actividad 1).

Cada grabador lleva los días que conserva las grabaciones («el tiempo contemplado dentro del
sistema»): con ellos se decide si una solicitud se puede atender. Al dar de alta un grabador se
liga (o se crea) su equipo del módulo Mantenimiento, para que una falla abra su correctivo.
Nada se borra: las bajas son lógicas.
"""
from __future__ import annotations

from typing import Any

from peewee import fn

from app.base_datos import transaccion
from app.errores import ErrorNoEncontrado
from app.modelos import Dispositivo, Usuario, ahora
from app.modelos.videovigilancia import TIPOS_GRABADOR, Camara, Grabador, SolicitudGrabacion
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.servicios.nucleo.concurrencia import cambia

DIAS_RETENCION_MAXIMO = 3650


def _repetido(modelo, nombre: str, excepto: int | None) -> str | None:
    for otro_id, otro in modelo.select(modelo.id, modelo.nombre).tuples():
        if normalizar(otro) == normalizar(nombre) and otro_id != excepto:
            return otro
    return None


def _dispositivo(actor: Usuario | None, nombre: str, ubicacion: str, tipo: str) -> Dispositivo:
    """El equipo de Mantenimiento del grabador: el del mismo nombre si ya existe, o uno nuevo tipo «video»."""
    from app.servicios.mantenimiento import mantenimiento

    for registro in Dispositivo.select():
        if normalizar(registro.nombre) == normalizar(nombre):
            return registro
    return mantenimiento.guardar_dispositivo(actor, nombre, "video", ubicacion=ubicacion,
                                             descripcion=f"Grabador {TIPOS_GRABADOR[tipo]} de videovigilancia.")


@cambia("grabador")
def guardar_grabador(actor: Usuario | None, *, nombre: str, tipo: str, dias_retencion: Any, ubicacion: str = "",
                     canales: Any = 16, notas: str = "", grabador: Grabador | None = None,
                     version: int | None = None) -> Grabador:
    """Alta o edición de un DVR/NVR con su ubicación y sus días de retención."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    nombre = v.texto("nombre", "Nombre del grabador", nombre, 150, requerido=True)
    ubicacion = v.texto("ubicacion", "Ubicación", ubicacion, 200)
    notas = v.texto("notas", "Notas", notas, 5000, multilinea=True)
    tipo = limpiar_texto(tipo).lower()
    if tipo not in TIPOS_GRABADOR:
        v.error("tipo", "Elija el tipo de grabador: DVR o NVR.")
    dias = v.entero("dias_retencion", "Días de retención", dias_retencion, 1, DIAS_RETENCION_MAXIMO)
    canales = v.entero("canales", "Canales", canales, 1, 256)
    if nombre and (otro := _repetido(Grabador, nombre, grabador.id if grabador else None)):
        v.error("nombre", f"Ya existe el grabador «{otro}».")
    v.validar()
    with transaccion():
        registro = grabador or Grabador(creado_en=ahora())
        registro.nombre, registro.tipo, registro.ubicacion = nombre, tipo, ubicacion
        registro.dias_retencion, registro.canales, registro.notas = dias, canales, notas
        if registro.dispositivo_id is None:
            registro.dispositivo = _dispositivo(actor, nombre, ubicacion, tipo)
        registro.busqueda = texto_busqueda(nombre, TIPOS_GRABADOR[tipo], ubicacion)
        accion = "alta de grabador de video" if grabador is None else "edición de grabador de video"
        return bitacora.guardar_versionado(registro, accion, actor, version if grabador is not None else None)


@cambia("camara")
def guardar_camara(actor: Usuario | None, *, nombre: str, grabador: Grabador | None, ubicacion: str = "",
                   canal: Any = 1, notas: str = "", camara: Camara | None = None,
                   version: int | None = None) -> Camara:
    """Alta o edición de una cámara y el grabador (canal) donde queda su video."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    nombre = v.texto("nombre", "Nombre de la cámara", nombre, 150, requerido=True)
    ubicacion = v.texto("ubicacion", "Ubicación", ubicacion, 200)
    notas = v.texto("notas", "Notas", notas, 5000, multilinea=True)
    canal = v.entero("canal", "Canal", canal, 1, 256)
    if grabador is None:
        v.error("grabador", "Elija el grabador donde queda el video de la cámara.")
    elif not grabador.activo:
        v.error("grabador", f"El grabador «{grabador.nombre}» está dado de baja.")
    elif canal > grabador.canales:
        v.error("canal", f"El grabador «{grabador.nombre}» tiene {grabador.canales} canales.")
    if nombre and (otro := _repetido(Camara, nombre, camara.id if camara else None)):
        v.error("nombre", f"Ya existe la cámara «{otro}».")
    v.validar()
    registro = camara or Camara(creado_en=ahora())
    registro.nombre, registro.ubicacion, registro.grabador = nombre, ubicacion, grabador
    registro.canal, registro.notas = canal, notas
    registro.busqueda = texto_busqueda(nombre, ubicacion, grabador.nombre)
    accion = "alta de cámara" if camara is None else "edición de cámara"
    return bitacora.guardar_versionado(registro, accion, actor, version if camara is not None else None)


@cambia("camara")
def cambiar_activa_camara(actor: Usuario | None, camara: Camara, activa: bool, version: int | None = None) -> Camara:
    """Baja (o reactivación) lógica de una cámara: sus solicitudes y visualizaciones se conservan."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    camara.activa = bool(activa)
    accion = "reactivación de cámara" if activa else "baja de cámara"
    return bitacora.guardar_versionado(camara, accion, actor, camara.version if version is None else version)


def obtener_camara(identificador: int) -> Camara:
    camara = Camara.get_or_none(Camara.id == identificador)
    if camara is None:
        raise ErrorNoEncontrado(f"No existe la cámara {identificador}.")
    return camara


def obtener_grabador(identificador: int) -> Grabador:
    grabador = Grabador.get_or_none(Grabador.id == identificador)
    if grabador is None:
        raise ErrorNoEncontrado(f"No existe el grabador {identificador}.")
    return grabador


def _comparable(texto: str) -> str:
    """Sin acentos, mayúsculas ni diferencia entre guion y raya («Palacio - Acceso» = «Palacio – Acceso»)."""
    return normalizar(texto.translate(_RAYAS))


_RAYAS = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def camara_por_nombre(nombre: str) -> Camara:
    """La cámara de ese nombre sin importar acentos ni mayúsculas (error claro si no existe)."""
    buscado = _comparable(limpiar_texto(nombre))
    if not buscado:
        raise ErrorNoEncontrado("Indique el nombre de la cámara.")
    for camara in Camara.select():
        if _comparable(camara.nombre) == buscado:
            return camara
    nombres = ", ".join(c.nombre for c in Camara.select().where(Camara.activa == True)  # noqa: E712
                        .order_by(Camara.nombre).limit(8))
    raise ErrorNoEncontrado(f"No existe la cámara «{limpiar_texto(nombre)[:80]}»."
                            + (f" Cámaras registradas: {nombres}…" if nombres else ""))


def grabadores(activos: bool = True) -> list[Grabador]:
    consulta = Grabador.select()
    if activos:
        consulta = consulta.where(Grabador.activo == True)  # noqa: E712
    return list(consulta.order_by(Grabador.nombre))


def camaras(activas: bool = True) -> list[Camara]:
    consulta = Camara.select()
    if activas:
        consulta = consulta.where(Camara.activa == True)  # noqa: E712
    return list(consulta.order_by(Camara.nombre))


def consultar_camaras(incluir_bajas: bool = False) -> list[dict[str, Any]]:
    """Cámaras para la tabla: ubicación, grabador, retención y cuántas solicitudes han tenido."""
    conteo = dict(SolicitudGrabacion.select(SolicitudGrabacion.camara, fn.COUNT(SolicitudGrabacion.id))
                  .group_by(SolicitudGrabacion.camara).tuples())
    consulta = (Camara.select(Camara.id, Camara.nombre, Camara.ubicacion, Camara.canal, Camara.activa,
                              Camara.version, Grabador.id.alias("grabador_id"), Grabador.nombre.alias("grabador"),
                              Grabador.tipo, Grabador.dias_retencion)
                .join(Grabador, on=(Camara.grabador == Grabador.id)))
    if not incluir_bajas:
        consulta = consulta.where(Camara.activa == True)  # noqa: E712
    filas = list(consulta.order_by(Camara.nombre).dicts())
    for fila in filas:
        fila["tipo_texto"] = TIPOS_GRABADOR.get(fila["tipo"], fila["tipo"])
        fila["solicitudes"] = conteo.get(fila["id"], 0)
    return filas
