"""Cada oficio emitido ancla la bitácora: su QR lleva la posición y el hash de la cadena.

Al emitir, dentro de la misma transacción, se toma el último eslabón de la bitácora (la entrada
del folio que se acaba de tomar); la entrada de la emisión del oficio se encadena justo a él.
El hash de la propia entrada de emisión no puede ir en el QR: cubre el PDF, que lleva el QR.
Como el papel queda fuera de la base, ``dti oficio verificar`` descubre con él que se quitaron
las últimas entradas de la bitácora (truncado) o que la cadena se rehízo antes de ese punto,
aunque nadie haya guardado un sello.
"""
from __future__ import annotations

import re

from app.base_datos import bd
from app.modelos import Bitacora, Oficio
from app.servicios.nucleo import bitacora

_HASH = re.compile(r"^[0-9a-f]{64}$")


def eslabon_actual() -> tuple[int, str]:
    """Posición y hash de la última entrada de la bitácora; se llama dentro de la transacción de emisión.

    Escribe ya las entradas pendientes de la transacción (la del folio) y se queda con la cabeza
    de la cadena hasta el COMMIT: la entrada de la emisión se encadena justo después. Es la única
    escritura que tiene la cadena tomada más que un instante (mientras se genera el PDF).
    """
    if bd.transaction_depth() == 0:
        raise RuntimeError("El ancla del oficio se toma dentro de la transacción de su emisión.")
    bitacora.asentar_pendientes()
    return bitacora.cabeza()


def leer(posicion: str, hash_: str) -> tuple[int, str] | None:
    """El ancla escrita en un QR, o None si no tiene la forma esperada."""
    if not posicion.isdigit() or not _HASH.match(hash_):
        return None
    return int(posicion), hash_


def comprobar(oficio: Oficio, posicion: int, hash_: str) -> str:
    """Por qué el ancla del QR ya no cuadra con la bitácora (vacío si cuadra)."""
    folio = oficio.folio
    if posicion:
        actual = Bitacora.select(Bitacora.hash).where(Bitacora.id == posicion).scalar()
        if actual is None:
            ultima = Bitacora.select(Bitacora.id).order_by(Bitacora.id.desc()).limit(1).scalar() or 0
            return (f"La bitácora ya no tiene la entrada n.º {posicion} que el oficio {folio} ancló al emitirse "
                    f"(hoy termina en la n.º {ultima}): se quitaron entradas de la bitácora.")
        if actual != hash_:
            return (f"La entrada n.º {posicion} de la bitácora cambió desde que se emitió el oficio {folio}: "
                    "la cadena se rehízo antes de ese punto.")
    emision = (Bitacora.select(Bitacora.id)
               .where((Bitacora.tabla == Oficio._meta.table_name) & (Bitacora.registro_id == oficio.id)
                      & (Bitacora.hash_anterior == hash_) & (Bitacora.id > posicion))
               .exists())
    if not emision:
        return (f"Falta en la bitácora la entrada de la emisión del oficio {folio} (la que sigue a la "
                f"n.º {posicion}): se quitó o se rehízo.")
    if oficio.ancla_posicion != posicion or oficio.ancla_hash != hash_:
        return f"El QR no corresponde al oficio {folio} tal como se emitió: su ancla en la bitácora es otra."
    return ""
