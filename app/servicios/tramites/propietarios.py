"""De un trámite al registro del módulo que lo lleva (el ticket, el dictamen, el movimiento…).

La bandeja y el detalle de un oficio muestran el caso por lo que es para el usuario («ticket
T-2026-00012»), y un doble clic lo abre en su módulo.
"""
from __future__ import annotations

from dataclasses import dataclass

from peewee import Model

from app.modelos import (Dictamen, Escalamiento, Mantenimiento, Movimiento, SolicitudCuenta, SolicitudSoftware,
                         Ticket, Tramite)
from app.modelos.adquisiciones import Adquisicion
from app.modelos.internet import SolicitudDesbloqueo
from app.modelos.respaldos import PlanRespaldo, RecuperacionInformacion
from app.modelos.web import SolicitudCargaWeb, SolicitudDeclaraciones, SolicitudHipervinculos
from app.modelos.proyectos import Proyecto
from app.modelos.videovigilancia import SolicitudGrabacion

# Por módulo: (modelo con el vínculo «expediente», qué es un caso, campo que lo identifica o «»).
PROPIETARIOS: dict[str, tuple[tuple[type[Model], str, str], ...]] = {
    "mesa_ayuda": ((Ticket, "Ticket", "folio"), (Escalamiento, "Escalamiento", "")),
    "dictamenes": ((Dictamen, "Dictamen", "folio"),),
    "mantenimiento": ((Mantenimiento, "Mantenimiento", "numero"),),
    "cuentas": ((SolicitudCuenta, "Solicitud de cuenta", ""),),
    "licencias": ((SolicitudSoftware, "Solicitud de software", ""),),
    "inventario": ((Movimiento, "Movimiento al inventario", ""),),
    "web": ((SolicitudCargaWeb, "Carga a la página web", ""), (SolicitudDeclaraciones, "Actualización de declaraciones", ""),
            (SolicitudHipervinculos, "Solicitud de hipervínculos", "")),
    "adquisiciones": ((Adquisicion, "Adquisición", ""),),
    "videovigilancia": ((SolicitudGrabacion, "Solicitud de grabación", ""),),
    "internet": ((SolicitudDesbloqueo, "Solicitud de desbloqueo", "sitio"),),
    "respaldos": ((PlanRespaldo, "Plan de respaldo", "folio"), (RecuperacionInformacion, "Recuperación", "")),
    "proyectos": ((Proyecto, "Proyecto", "nombre"),),
}


@dataclass(frozen=True)
class Propietario:
    modulo: str
    registro: Model
    descripcion: str     # «Ticket T-2026-00012», «Solicitud de cuenta 7»


def registro_de(tramite: Tramite) -> Propietario | None:
    """El registro de módulo cuyo expediente es ``tramite`` (None si se lleva en Trámites)."""
    for modelo, nombre, campo in PROPIETARIOS.get(tramite.modulo or "", ()):
        registro = modelo.get_or_none(modelo.expediente == tramite.id)
        if registro is not None:
            identificador = getattr(registro, campo, None) if campo else None
            return Propietario(tramite.modulo, registro, _describir(nombre, campo, identificador, registro.id))
    return None


def registros_de(tramite_ids: list[int]) -> dict[int, str]:
    """Descripción del registro dueño de cada trámite (una consulta por modelo, para tablas)."""
    if not tramite_ids:
        return {}
    descripciones: dict[int, str] = {}
    for modelos in PROPIETARIOS.values():
        for modelo, nombre, campo in modelos:
            columnas = [modelo.id, modelo.expediente] + ([getattr(modelo, campo)] if campo else [])
            for fila in (modelo.select(*columnas).where(modelo.expediente.in_(tramite_ids)).tuples()):
                descripciones[fila[1]] = _describir(nombre, campo, fila[2] if campo else None, fila[0])
    return descripciones


def _describir(nombre: str, campo: str, identificador: str | None, registro_id: int) -> str:
    """«Ticket T-2026-00012»; sin folio todavía (un dictamen sin emitir): «Dictamen n.º 4 (sin folio)»."""
    if identificador:
        return f"{nombre} {identificador}"
    return f"{nombre} n.º {registro_id}" + (" (sin folio)" if campo == "folio" else "")
