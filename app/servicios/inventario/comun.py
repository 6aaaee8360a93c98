"""Lo que comparten los módulos del inventario (procedimiento 21): el permiso y el evento del historial."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.modelos import Usuario
from app.servicios.nucleo import permisos


@dataclass(frozen=True)
class EventoHistorial:
    """Un hecho en la vida de un bien: movimiento, cambio, ticket, dictamen, levantamiento."""

    fecha: dt.datetime
    tipo: str
    descripcion: str
    referencia: str = ""


def exigir_inventario(actor: Usuario | None) -> None:
    """El procedimiento 21 lo atiende el Departamento de Redes de Transporte (y la Dirección)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, permisos.AREA_REDES)
