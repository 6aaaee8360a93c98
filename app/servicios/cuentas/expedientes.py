"""El trámite del procedimiento 9 que lleva cada solicitud de cuenta (issue 14: un solo expediente).

La solicitud abre su trámite en la misma transacción en que se registra (paso 1, el oficio
recibido) y el módulo lo lleva por el manual:

* la revisión de datos es la decisión 2: incompleta → «No» → 2.1 (se piden los datos
  faltantes); cuando la dependencia responde se revisa de nuevo (el ciclo 2.1 → 2) y, si ya
  está completa, «Sí» → 3;
* crear la cuenta cierra el paso 3 y su entrega por el correo alternativo cierra el 4: el
  trámite concluye en la entrega;
* cancelar la solicitud cancela el trámite.

:func:`vincular_existentes` crea el trámite de las solicitudes anteriores al expediente único,
con los momentos que dejó su bitácora.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.modelos import Bitacora, SolicitudCuenta, Tramite, Usuario, ahora
from app.servicios.nucleo import bitacora
from app.servicios.tramites import expediente

PROCEDIMIENTO = 9
# Estados de la solicitud (los de app.servicios.cuentas.cuentas, sin importarlo: no hay ciclo).
INCOMPLETA, LISTA, ATENDIDA, CANCELADA = "incompleta", "lista", "atendida", "cancelada"


def _asunto(solicitud: SolicitudCuenta) -> str:
    que = ("Cuenta de correo institucional" if solicitud.tipo == "correo"
           else f"Cuenta de la aplicación «{solicitud.aplicacion}»")
    return f"{que} para {solicitud.nombre_completo or 'un servidor público'}"


def _datos_inicio(solicitud: SolicitudCuenta) -> dict[str, dict[str, Any]]:
    datos: dict[str, dict[str, Any]] = {"1": {
        "nombre_servidor_publico": solicitud.nombre_completo, "dependencia_servidor": solicitud.dependencia,
        "correo_alternativo": solicitud.correo_alternativo, "propuesta_usuario_1": solicitud.propuesta_1,
        "propuesta_usuario_2": solicitud.propuesta_2}}
    if solicitud.faltantes:
        datos["2.1"] = {"datos_faltantes": solicitud.faltantes}
    return datos


def _abrir(actor: Usuario | None, solicitud: SolicitudCuenta, momento: dt.datetime, completa: bool) -> Tramite:
    tramite = expediente.abrir(actor, PROCEDIMIENTO, _asunto(solicitud), dependencia=solicitud.dependencia,
                               oficio_entrada=solicitud.oficio, hasta="3" if completa else "2.1",
                               respuestas={"2": "Sí" if completa else "No"}, momento=momento,
                               datos=_datos_inicio(solicitud))
    return Tramite.get_by_id(tramite.id)    # como quedó tras llevarlo (``abrir`` devuelve el recién creado)


def abrir(actor: Usuario | None, solicitud: SolicitudCuenta, momento: dt.datetime | None = None) -> Tramite:
    """Abre el trámite de la solicitud recién registrada (antes de su bitácora): queda en 3 o en 2.1."""
    tramite = _abrir(actor, solicitud, momento or ahora(), solicitud.estado != INCOMPLETA)
    solicitud.expediente = tramite
    return tramite


def _tramite(actor: Usuario | None, solicitud: SolicitudCuenta) -> Tramite | None:
    """El trámite abierto de la solicitud (se crea si es anterior al expediente único)."""
    if solicitud.expediente_id is None:
        vincular(actor, solicitud)
        return None
    tramite = Tramite.get_by_id(solicitud.expediente_id)
    return tramite if tramite.estado == "abierto" else None


def revisar(actor: Usuario | None, solicitud: SolicitudCuenta, momento: dt.datetime | None = None) -> None:
    """La dependencia respondió con los datos: el trámite vuelve a la decisión 2 (y a 2.1 o a 3)."""
    tramite = _tramite(actor, solicitud)
    if tramite is None or tramite.paso_actual != "2.1":
        return          # una solicitud que ya estaba completa sigue en el paso 3
    momento = momento or ahora()
    if solicitud.estado == INCOMPLETA:
        expediente.llevar(actor, tramite, "2.1", respuestas={"2": "No"}, momento=momento, repetir=True)
        expediente.llevar(actor, tramite, "2.1", momento=momento,
                          datos={"2.1": {"datos_faltantes": solicitud.faltantes}})
    else:
        expediente.llevar(actor, tramite, "3", respuestas={"2": "Sí"}, momento=momento)


def entregar(actor: Usuario | None, solicitud: SolicitudCuenta, *, direccion: str, enviado_a: str,
             momento: dt.datetime | None = None) -> None:
    """Se creó la cuenta (paso 3) y sus credenciales van al correo alternativo (paso 4): concluye."""
    tramite = _tramite(actor, solicitud)
    if tramite is None:
        return
    momento = momento or ahora()
    datos: dict[str, dict[str, Any]] = {"4": {"enviado_a": enviado_a, "fecha_envio": momento}}
    if direccion:
        datos["3"] = {"correo_institucional": direccion}
    expediente.concluir(actor, tramite, respuestas={"2": "Sí"}, momento=momento, datos=datos)


def cancelar(actor: Usuario | None, solicitud: SolicitudCuenta, momento: dt.datetime | None = None) -> None:
    """La solicitud se canceló: su trámite también, con el mismo motivo."""
    tramite = _tramite(actor, solicitud)
    if tramite is not None:
        expediente.cancelar(actor, tramite, solicitud.motivo_cancelacion, momento)


# --- Solicitudes anteriores al expediente único ---------------------------------------------------

def _historia(solicitud: SolicitudCuenta) -> list[tuple[str, dt.datetime, dict[str, Any]]]:
    filas = (Bitacora.select(Bitacora.accion, Bitacora.momento, Bitacora.instantanea)
             .where((Bitacora.tabla == SolicitudCuenta._meta.table_name) & (Bitacora.registro_id == solicitud.id))
             .order_by(Bitacora.id).tuples())
    historia = []
    for accion, momento, instantanea in filas:
        try:
            foto = json.loads(instantanea)
        except ValueError:
            foto = {}
        historia.append((accion, momento, foto if isinstance(foto, dict) else {}))
    return historia


def vincular(actor: Usuario | None, solicitud: SolicitudCuenta) -> Tramite:
    """Crea el trámite de una solicitud que no lo tiene, en el paso de su estado y con su historia."""
    historia = _historia(solicitud)
    inicio = solicitud.creado_en
    estados = [(accion, momento, foto["estado"]) for accion, momento, foto in historia if foto.get("estado")]
    primero = estados[0][2] if estados else (INCOMPLETA if solicitud.faltantes else LISTA)
    tramite = _abrir(actor, solicitud, inicio, primero != INCOMPLETA)
    previo = inicio
    for accion, momento, estado in estados[1:]:
        momento = max(previo, momento)
        previo = momento
        if tramite.estado != "abierto":
            break
        if estado == LISTA and tramite.paso_actual == "2.1":
            tramite = expediente.llevar(actor, tramite, "3", respuestas={"2": "Sí"}, momento=momento)
        elif estado == INCOMPLETA and accion == "solicitud de cuenta completada" and tramite.paso_actual == "2.1":
            tramite = expediente.llevar(actor, tramite, "2.1", respuestas={"2": "No"}, momento=momento,
                                        repetir=True)
        elif estado == ATENDIDA:
            tramite = expediente.concluir(actor, tramite, respuestas={"2": "Sí"}, momento=momento)
        elif estado == CANCELADA:
            tramite = expediente.cancelar(actor, tramite, solicitud.motivo_cancelacion, momento)
    if solicitud.estado == ATENDIDA and tramite.estado == "abierto":
        tramite = expediente.concluir(actor, tramite, respuestas={"2": "Sí"},
                                      momento=max(previo, solicitud.modificado_en))
    elif solicitud.estado == CANCELADA and tramite.estado == "abierto":
        tramite = expediente.cancelar(actor, tramite, solicitud.motivo_cancelacion,
                                      max(previo, solicitud.modificado_en))
    elif solicitud.estado == LISTA and tramite.paso_actual == "2.1":
        tramite = expediente.llevar(actor, tramite, "3", respuestas={"2": "Sí"},
                                    momento=max(previo, solicitud.modificado_en))
    _anotar_vinculo(actor, solicitud, tramite)
    return Tramite.get_by_id(tramite.id)


def _anotar_vinculo(actor: Usuario | None, registro: SolicitudCuenta, tramite: Tramite) -> None:
    """Anota el trámite en el registro (con su bitácora) sin tocar lo demás que tenga guardado."""
    actual = SolicitudCuenta.get_by_id(registro.id)
    actual.expediente = tramite
    bitacora.guardar(actual, "trámite del expediente vinculado", actor, only=[SolicitudCuenta.expediente])
    registro.expediente = tramite


def vincular_existentes(actor: Usuario | None = None) -> int:
    """Crea el trámite de cada solicitud de cuenta que no lo tiene; devuelve cuántos creó (idempotente)."""
    from app.base_datos import transaccion

    creados = 0
    for solicitud in (SolicitudCuenta.select().where(SolicitudCuenta.expediente.is_null())
                      .order_by(SolicitudCuenta.id)):
        with transaccion():
            vincular(actor, solicitud)
        creados += 1
    return creados


# --- Para las vistas ---------------------------------------------------------------------------------

def por_expediente(tramite_id: int) -> SolicitudCuenta | None:
    """El registro cuyo trámite es ``tramite_id`` (None si no es de este módulo)."""
    return SolicitudCuenta.get_or_none(SolicitudCuenta.expediente == tramite_id) if tramite_id else None


# «DTI-T-0012/2026 · paso 3. …» o «… · Concluido»: el mismo texto en todos los módulos.
texto_expediente = expediente.texto_de
