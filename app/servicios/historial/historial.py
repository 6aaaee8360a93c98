"""Historial de un bien: toda su vida reunida desde cada módulo que lo toca.

Está por encima del inventario, el levantamiento, los dictámenes y la mesa de ayuda: cada uno
entrega sus eventos y aquí se ordenan. Ninguno de ellos importa este módulo.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from app.modelos import Bitacora, ServidorPublico
from app.modelos.inventario import ESTADOS_BIEN
from app.servicios.dictamenes import dictamenes
from app.servicios.inventario import inventario, movimientos
from app.servicios.inventario.comun import EventoHistorial
from app.servicios.levantamiento import levantamiento
from app.servicios.mesa_ayuda import tickets

# Otros módulos (tickets, dictámenes, ...) agregan aquí una función bien_id → eventos.
FUENTES_HISTORIAL: list[Callable[[int], list[EventoHistorial]]] = []


# --- Historial ------------------------------------------------------------------------------

_ETIQUETAS_CAMPO = {
    "numero_inventario": "número de inventario", "descripcion": "descripción", "marca": "marca",
    "modelo": "modelo", "serie": "serie", "color": "color", "valor": "valor",
    "fecha_adquisicion": "fecha de adquisición", "fecha_fabricacion": "fecha de fabricación",
    "resguardante": "resguardante", "dependencia": "dependencia", "edificio": "edificio", "area": "área",
    "estado": "estado", "fotografia": "fotografía", "tipo": "tipo", "cuenta_contable": "cuenta contable",
    "caracteristicas_hardware": "hardware", "caracteristicas_software": "software",
    "observaciones": "observaciones", "proveedor": "proveedor", "factura": "factura",
}


def _eventos_bitacora(bien_id: int) -> list[EventoHistorial]:
    entradas = (Bitacora.select(Bitacora.momento, Bitacora.usuario, Bitacora.accion, Bitacora.instantanea)
                .where((Bitacora.tabla == "bien") & (Bitacora.registro_id == bien_id))
                .order_by(Bitacora.id).tuples())
    eventos: list[EventoHistorial] = []
    anterior: dict[str, Any] | None = None
    nombres_serv: dict[int, str] = {}
    for momento, usuario, accion, foto in entradas:
        datos = json.loads(foto)
        if anterior is None:
            texto = f"{accion.capitalize()} por {usuario}"
        else:
            cambios = []
            for campo, etiqueta in _ETIQUETAS_CAMPO.items():
                if datos.get(campo) != anterior.get(campo):
                    nuevo = datos.get(campo)
                    if campo == "resguardante" and nuevo:
                        if nuevo not in nombres_serv:
                            nombres_serv[nuevo] = ServidorPublico.select(ServidorPublico.nombre).where(
                                ServidorPublico.id == nuevo).scalar() or str(nuevo)
                        nuevo = nombres_serv[nuevo]
                    elif campo == "estado":
                        nuevo = ESTADOS_BIEN.get(nuevo, nuevo)
                    elif campo == "fotografia":
                        nuevo = "nueva" if nuevo else "sin fotografía"
                    elif campo in ("dependencia", "tipo", "proveedor", "factura"):
                        nuevo = None
                    cambios.append(etiqueta if nuevo in (None, "") else f"{etiqueta}: {nuevo}")
            if not cambios:
                anterior = datos
                continue
            texto = f"{accion.capitalize()} por {usuario} ({'; '.join(cambios)})"
        eventos.append(EventoHistorial(momento, "Cambio", texto, ""))
        anterior = datos
    return eventos


def _eventos_movimientos(bien_id: int) -> list[EventoHistorial]:
    return movimientos.eventos_de_bien(bien_id)


def _eventos_levantamiento(bien_id: int) -> list[EventoHistorial]:
    return levantamiento.eventos_de_bien(bien_id)


def _eventos_de_modulos(bien_id: int) -> list[EventoHistorial]:
    """Tickets de la mesa de ayuda y dictámenes técnicos del bien."""
    eventos: list[EventoHistorial] = []
    for fuente in (tickets.historial_de_bien, dictamenes.historial_de_bien):
        for dato in fuente(bien_id):
            eventos.append(EventoHistorial(fecha=dato["fecha"], tipo=dato["tipo"],
                                           descripcion=dato["descripcion"], referencia=dato["referencia"]))
    return eventos


def historial_bien(bien_id: int) -> list[EventoHistorial]:
    """Toda la vida del bien, de lo más antiguo a lo más reciente: cambios registrados en la
    bitácora, movimientos al inventario con sus oficios, levantamientos y lo que agreguen
    los módulos registrados en :data:`FUENTES_HISTORIAL`.
    """
    inventario.obtener(bien_id)
    eventos = (_eventos_bitacora(bien_id) + _eventos_movimientos(bien_id) + _eventos_levantamiento(bien_id)
               + _eventos_de_modulos(bien_id))
    for fuente in FUENTES_HISTORIAL:
        eventos.extend(fuente(bien_id))
    return sorted(eventos, key=lambda e: (e.fecha if isinstance(e.fecha, dt.datetime)
                                          else dt.datetime.combine(e.fecha, dt.time())))
