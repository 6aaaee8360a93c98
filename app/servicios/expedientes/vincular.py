"""Cada registro de módulo que aún no tiene trámite (uno de antes del expediente único) recibe el suyo.

La migración 0012 solo agrega las columnas; el trámite de cada registro viejo lo crea su módulo
con los servicios de hoy, colocado en el paso que implica su estado y con los momentos de su
historia. Corre al abrir la base (consola y ventana) y no hace nada cuando ya no queda ninguno:
una consulta por modelo.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from app.modelos import Dictamen, Escalamiento, Mantenimiento, Movimiento, SolicitudCuenta, SolicitudSoftware, Ticket
from app.servicios.cuentas import expedientes as cuentas
from app.servicios.dictamenes import expedientes as dictamenes
from app.servicios.inventario import expedientes as inventario
from app.servicios.licencias import expedientes as licencias
from app.servicios.mantenimiento import expedientes as mantenimiento
from app.servicios.mesa_ayuda import expedientes as mesa_ayuda

registro = logging.getLogger(__name__)

# (módulo, modelos que revisa, función que los vincula)
VINCULADORES: tuple[tuple[str, tuple, Callable[..., int]], ...] = (
    ("Mesa de ayuda", (Ticket, Escalamiento), mesa_ayuda.vincular_existentes),
    ("Dictámenes", (Dictamen,), dictamenes.vincular_existentes),
    ("Mantenimiento", (Mantenimiento,), mantenimiento.vincular_existentes),
    ("Cuentas", (SolicitudCuenta,), cuentas.vincular_existentes),
    ("Licencias", (SolicitudSoftware,), licencias.vincular_existentes),
    ("Inventario", (Movimiento,), inventario.vincular_existentes),
)


def pendientes() -> int:
    """Cuántos registros de módulo no tienen todavía su trámite."""
    return sum(modelo.select().where(modelo.expediente.is_null()).count()
               for _, modelos, _ in VINCULADORES for modelo in modelos)


def vincular_existentes() -> dict[str, int]:
    """Da su trámite a cada registro que no lo tiene; devuelve cuántos vinculó cada módulo."""
    hechos: dict[str, int] = {}
    for nombre, modelos, vincular in VINCULADORES:
        if not any(m.select(m.id).where(m.expediente.is_null()).exists() for m in modelos):
            continue
        hechos[nombre] = vincular(None)
        registro.info("Expediente único: %s registros de %s recibieron su trámite.", hechos[nombre], nombre)
    return hechos
