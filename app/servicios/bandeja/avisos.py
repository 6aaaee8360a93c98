"""Avisos por correo de la bandeja (issue 14, punto 5), por la cola SMTP de siempre.

* **Paso**: cuando un paso queda abierto en un área, cada destinatario activo de clase «paso» de
  esa área recibe un aviso (un paso que espera respuesta de fuera de la DTI no se avisa: no le toca
  actuar a nadie de la DTI hasta que llegue). Solo los pasos abiertos desde que el destinatario
  quedó activo: darse de alta no trae de golpe un aviso por cada pendiente viejo.
* **Vencidos**: un resumen diario de los pasos vencidos a cada destinatario de clase «vencidos»
  (la dirección), solo si hay alguno.

Nada se manda dos veces: cada aviso deja un ``AvisoTramite`` con clave única
(``paso:<paso_tramite_id>:<correo>``, ``vencidos:<AAAA-MM-DD>:<correo>``) en la misma transacción
en que se encola su mensaje. Sin red también funciona: aquí solo se encola; la cola envía
cuando puede (``dti correo procesar`` o la ventana abierta).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import IntegrityError

from app.base_datos import transaccion
from app.errores import ErrorNoEncontrado
from app.modelos import AvisoTramite, DestinatarioAviso, Usuario
from app.servicios.bandeja import bandeja
from app.servicios.nucleo import bitacora, correo, permisos
from app.servicios.nucleo.validacion import Validador
from app.tiempo import hoy_mexico

PASO = "paso"
VENCIDOS = "vencidos"
CLASES = {PASO: "Le toca un paso a su área", VENCIDOS: "Resumen diario de pasos vencidos"}
AREAS = (permisos.AREA_DIRECCION, permisos.AREA_SOPORTE, permisos.AREA_SISTEMAS, permisos.AREA_REDES)


@dataclass(frozen=True)
class ResumenAvisos:
    """Lo que encoló una corrida de ``dti bandeja avisos``."""

    pasos: int
    vencidos: int

    def __str__(self) -> str:
        return (f"Avisos de pasos encolados: {self.pasos} · resúmenes de vencidos encolados: {self.vencidos}. "
                "La cola de correo los envía («dti correo procesar»).")


# --- Quién recibe qué -------------------------------------------------------------------------

def destinatarios(solo_activos: bool = False) -> list[DestinatarioAviso]:
    consulta = DestinatarioAviso.select()
    if solo_activos:
        consulta = consulta.where(DestinatarioAviso.activo == True)  # noqa: E712 - SQL
    return list(consulta.order_by(DestinatarioAviso.clase, DestinatarioAviso.area, DestinatarioAviso.correo))


def agregar_destinatario(actor: Usuario | None, clase: str, correo_destino: str, area: str = "") -> DestinatarioAviso:
    """Da de alta (o reactiva) a quien recibe los avisos de ``clase`` (de ``area`` si es «paso»)."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    direccion = v.correo("correo", "Correo del destinatario", correo_destino, requerido=True)
    area = " ".join((area or "").split())
    if clase not in CLASES:
        v.error("clase", f"Clase de aviso desconocida: «{clase}» (paso o vencidos).")
    elif clase == PASO and area not in AREAS:
        v.error("area", "Elija el área cuyos pasos se avisan: " + "; ".join(AREAS) + ".")
    elif clase == VENCIDOS:
        area = ""
    v.validar()
    with transaccion():
        registro = DestinatarioAviso.get_or_none((DestinatarioAviso.clase == clase)
                                                 & (DestinatarioAviso.area == area)
                                                 & (DestinatarioAviso.correo == direccion))
        if registro is not None and registro.activo:
            return registro
        if registro is None:
            registro = DestinatarioAviso(clase=clase, area=area, correo=direccion, activo=True)
            return bitacora.guardar_versionado(registro, "alta de destinatario de avisos", actor, None)
        registro.activo = True
        return bitacora.guardar_versionado(registro, "reactivación de destinatario de avisos", actor,
                                           registro.version)


def desactivar_destinatario(actor: Usuario | None, destinatario_id: int) -> DestinatarioAviso:
    """Baja lógica: deja de recibir avisos (el registro y lo ya avisado se quedan)."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    registro = DestinatarioAviso.get_or_none(DestinatarioAviso.id == destinatario_id)
    if registro is None:
        raise ErrorNoEncontrado(f"No existe el destinatario de avisos {destinatario_id}.")
    if not registro.activo:
        return registro
    registro.activo = False
    return bitacora.guardar_versionado(registro, "baja de destinatario de avisos", actor, registro.version)


# --- Encolar ---------------------------------------------------------------------------------

def _encolar_una_vez(clave: str, clase: str, direccion: str, asunto: str, cuerpo: str,
                     pendiente: bandeja.Pendiente | None = None) -> bool:
    """Encola el mensaje y su ``AvisoTramite`` juntos; False si esa clave ya se avisó (aunque sea desde otra PC)."""
    try:
        with transaccion():
            if AvisoTramite.select().where(AvisoTramite.clave == clave).exists():
                return False
            mensaje = correo.encolar(direccion, asunto, cuerpo)
            aviso = AvisoTramite(clave=clave, clase=clase, destinatario=direccion, mensaje_id=mensaje.id,
                                 tramite=pendiente.tramite_id if pendiente else None,
                                 paso_tramite=pendiente.paso_tramite_id if pendiente else None)
            bitacora.guardar(aviso, "aviso de trámite encolado")
    except IntegrityError:
        return False      # otra PC lo encoló al mismo tiempo: la clave única lo impidió y aquí no quedó nada
    return True


def _texto_vence(pendiente: bandeja.Pendiente) -> str:
    if pendiente.vence_en is None:
        return "sin plazo en el manual"
    return f"{pendiente.vence_en:%d/%m/%Y %H:%M}" + (" (VENCIDO)" if pendiente.vencido else "")


def _cuerpo_paso(pendiente: bandeja.Pendiente) -> str:
    lineas = [f"A su área ({pendiente.area}) le toca un paso del trámite {pendiente.numero}.", "",
              f"Caso: {pendiente.caso}",
              f"Procedimiento: {pendiente.clave} · {pendiente.procedimiento_nombre}",
              f"Paso {pendiente.paso}: {pendiente.actividad}",
              f"Asunto: {pendiente.asunto}"]
    if pendiente.dependencia:
        lineas.append(f"Dependencia: {pendiente.dependencia}")
    lineas += [f"Abierto desde: {pendiente.inicio:%d/%m/%Y %H:%M}",
               f"Vence: {_texto_vence(pendiente)}", "",
               "Véalo en la pestaña Pendientes del sistema de la DTI (o con «dti bandeja»)."]
    return "\n".join(lineas)


def encolar_avisos_de_pasos() -> int:
    """Encola un aviso a cada destinatario «paso» activo del área de cada paso abierto; devuelve cuántos."""
    por_area: dict[str, list[tuple[str, dt.datetime]]] = {}
    for destinatario in destinatarios(solo_activos=True):
        if destinatario.clase == PASO:
            # Desde que quedó activo (alta o reactivación): no se le manda de golpe lo que ya estaba abierto.
            por_area.setdefault(destinatario.area, []).append((destinatario.correo, destinatario.modificado_en))
    if not por_area:
        return 0
    lista = [p for p in bandeja.abiertos() if not p.en_espera_de and p.area in por_area]
    ya = {clave for (clave,) in AvisoTramite.select(AvisoTramite.clave)
          .where((AvisoTramite.clase == PASO)
                 & AvisoTramite.paso_tramite.in_([p.paso_tramite_id for p in lista])).tuples()} if lista else set()
    encolados = 0
    for pendiente in lista:
        for direccion, desde in por_area[pendiente.area]:
            clave = f"paso:{pendiente.paso_tramite_id}:{direccion}"
            if clave in ya or pendiente.inicio < desde:
                continue
            asunto = (f"Pendiente: paso {pendiente.paso} de {pendiente.caso} "
                      f"({pendiente.clave} · {pendiente.procedimiento_nombre})")[:300]
            if _encolar_una_vez(clave, PASO, direccion, asunto, _cuerpo_paso(pendiente), pendiente):
                encolados += 1
    return encolados


def _cuerpo_vencidos(fecha: dt.date, vencidos: list[bandeja.Pendiente]) -> str:
    lineas = [f"Pasos vencidos de la DTI al {fecha:%d/%m/%Y}: {len(vencidos)}.", ""]
    for p in vencidos:
        espera = f" (en espera de {p.en_espera_de})" if p.en_espera_de else ""
        lineas.append(f"- {p.caso} · {p.clave} paso {p.paso}{espera} · {p.area} · "
                      f"{p.dependencia or 'sin dependencia'} · venció el {p.vence_en:%d/%m/%Y %H:%M}")
    lineas += ["", "Véalos en la pestaña Pendientes con «Solo vencidos» "
                   "(o con «dti bandeja --vencidos --alcance todos»)."]
    return "\n".join(lineas)


def encolar_resumen_vencidos(fecha: dt.date | None = None) -> int:
    """Encola el resumen de pasos vencidos del día ``fecha`` (hoy) a cada destinatario «vencidos» activo."""
    fecha = fecha or hoy_mexico()
    direcciones = [d.correo for d in destinatarios(solo_activos=True) if d.clase == VENCIDOS]
    if not direcciones:
        return 0
    vencidos = [p for p in bandeja.abiertos() if p.vencido]
    if not vencidos:
        return 0
    asunto = f"Pasos vencidos de la DTI al {fecha:%d/%m/%Y}: {len(vencidos)}"
    cuerpo = _cuerpo_vencidos(fecha, vencidos)
    return sum(_encolar_una_vez(f"vencidos:{fecha:%Y-%m-%d}:{direccion}", VENCIDOS, direccion, asunto, cuerpo)
               for direccion in direcciones)


def encolar_todo(fecha: dt.date | None = None) -> ResumenAvisos:
    """Lo que corre ``dti bandeja avisos``: avisos de pasos y el resumen de vencidos del día."""
    return ResumenAvisos(encolar_avisos_de_pasos(), encolar_resumen_vencidos(fecha))
