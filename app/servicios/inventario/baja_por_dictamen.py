"""Emitir el dictamen técnico y, si dice «no apto para operar», abrir la baja del bien.

El dictamen (procedimiento 4) no sabe del inventario: la baja (procedimiento 21) pide un dictamen
válido (:func:`app.servicios.dictamenes.dictamenes.validar_dictamen_para_baja`). Este módulo, por
encima de los dos, hace lo que la DTI espera al emitir: el «no apto» autoriza la baja y su
solicitud a Armonización Contable se abre en el mismo momento.
"""
from __future__ import annotations

from app.base_datos import transaccion
from app.errores import ErrorDTI
from app.modelos import Usuario
from app.modelos.dictamenes import NO_APTO, Dictamen
from app.servicios.dictamenes import dictamenes
from app.servicios.inventario import movimientos
from app.servicios.nucleo.concurrencia import cambia


@cambia("dictamen")
def emitir_dictamen(actor: Usuario | None, dictamen: Dictamen, version: int | None) -> Dictamen:
    """Emite el dictamen (paso 7 del procedimiento 4); si es «no apto», abre la baja del bien.

    El dictamen devuelto lleva en ``aviso_baja`` lo que pasó con la baja (vacío si no aplica).
    """
    with transaccion():
        emitido = dictamenes.emitir_dictamen(actor, dictamen, version)
        emitido.aviso_baja = _abrir_baja(actor, emitido) if emitido.resultado == NO_APTO else ""
    return emitido


def _abrir_baja(actor: Usuario | None, dictamen: Dictamen) -> str:
    """El dictamen «no apto» autoriza la baja: abre su movimiento en el inventario.

    Si el bien no admite la baja ahora (p. ej. tiene otro movimiento pendiente con
    Armonización Contable), el dictamen se emite de todos modos y se devuelve la razón;
    la baja se pide después desde el inventario con este mismo dictamen.
    """
    try:
        with transaccion():
            movimiento = movimientos.abrir_baja_por_dictamen(actor, dictamen)
    except ErrorDTI as error:
        return f"No se abrió la baja del bien: {error}"
    dictamen.movimiento_baja_id = movimiento.id
    dictamen.version = Dictamen.get_by_id(dictamen.id).version
    folio = movimiento.oficio.folio if movimiento.oficio_id else ""
    return f"Se abrió la solicitud de baja del bien (oficio {folio} a Armonización Contable)."
