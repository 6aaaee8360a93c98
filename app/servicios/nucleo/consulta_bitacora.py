"""Consulta de la bitácora para las pantallas: listado, detalle de una entrada y total.

Solo lectura. Toda función exige que el rol del usuario permita consultar la
bitácora (``permisos.VER_BITACORA``): la bitácora guarda instantáneas de datos
personales y su consulta es tan sensible como los datos mismos.
"""
from __future__ import annotations

import json
from typing import Any

from app.modelos import Bitacora, Usuario
from app.servicios.nucleo import permisos
from app.errores import ErrorNoEncontrado
from app.servicios.nucleo.validacion import limpiar_texto, normalizar

LIMITE_MAXIMO = 10_000
LARGO_MAXIMO_BUSQUEDA = 100


def _acciones_que_coinciden(buscado: str) -> list[str]:
    """Acciones distintas que contienen ``buscado`` sin importar acentos ni mayúsculas.

    SQLite solo ignora mayúsculas en ASCII y ningún motor ignora acentos: «sesion»
    no encontraría «inicio de sesión» con ``LIKE``. Las acciones distintas son pocas
    (decenas), así que se comparan ya normalizadas en Python.
    """
    clave = normalizar(buscado)
    if not clave:
        return []
    acciones = Bitacora.select(Bitacora.accion).distinct().tuples()
    return [accion for (accion,) in acciones if clave in normalizar(accion)]


def consultar(actor: Usuario | None, busqueda: str = "", limite: int = 2000) -> list[dict[str, Any]]:
    """Entradas de la bitácora, de la más reciente a la más antigua.

    ``busqueda`` filtra por usuario, acción o tabla (contiene; los comodines ``%`` y ``_``
    se buscan literalmente). Devuelve diccionarios con ``id``, ``momento``, ``usuario``,
    ``accion``, ``tabla``, ``registro_id`` y ``hash``; nunca la instantánea (pesa).
    """
    permisos.exigir(actor, permisos.VER_BITACORA)
    limite = max(1, min(int(limite), LIMITE_MAXIMO))
    consulta = Bitacora.select(Bitacora.id, Bitacora.momento, Bitacora.usuario, Bitacora.accion,
                               Bitacora.tabla, Bitacora.registro_id, Bitacora.hash)
    texto = limpiar_texto(busqueda)[:LARGO_MAXIMO_BUSQUEDA]
    if texto:
        condicion = (Bitacora.usuario.contains(texto) | Bitacora.accion.contains(texto)
                     | Bitacora.tabla.contains(texto))
        acciones = _acciones_que_coinciden(texto)
        if acciones:
            condicion = condicion | Bitacora.accion.in_(acciones)
        consulta = consulta.where(condicion)
    return list(consulta.order_by(Bitacora.id.desc()).limit(limite).dicts())


def entrada(actor: Usuario | None, identificador: int) -> dict[str, Any]:
    """Una entrada completa, con la instantánea ya convertida de JSON (``instantanea``).

    Si la instantánea guardada no es JSON válido (alguien la alteró por fuera), se
    devuelve ``instantanea`` en None y el texto tal cual en ``instantanea_texto``.
    """
    permisos.exigir(actor, permisos.VER_BITACORA)
    fila = (Bitacora.select(Bitacora.id, Bitacora.momento, Bitacora.usuario, Bitacora.accion,
                            Bitacora.tabla, Bitacora.registro_id, Bitacora.instantanea,
                            Bitacora.hash_anterior, Bitacora.hash)
            .where(Bitacora.id == identificador).dicts().first())
    if fila is None:
        raise ErrorNoEncontrado(f"No existe la entrada {identificador} de la bitácora.")
    texto = fila.pop("instantanea") or ""
    try:
        fila["instantanea"] = json.loads(texto)
    except ValueError:
        fila["instantanea"] = None
    fila["instantanea_texto"] = texto
    return fila


def total(actor: Usuario | None) -> int:
    """Cuántas entradas tiene la bitácora."""
    permisos.exigir(actor, permisos.VER_BITACORA)
    return Bitacora.select().count()
