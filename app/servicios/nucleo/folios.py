"""Folios consecutivos por serie y año: nunca se repiten ni se saltan.

Un contador por serie y año se actualiza dentro de la misma transacción que el
documento: si el documento no se guarda, el número tampoco se consume. En
PostgreSQL la fila del contador se bloquea (``SELECT … FOR UPDATE``) y en SQLite
la transacción ya empezó con ``BEGIN IMMEDIATE``; ``MAX()+1`` no sirve con varias PC.
"""
from __future__ import annotations

from app.base_datos import bd, es_postgres
from app.modelos import ContadorFolio

SERIE_OFICIOS = "oficio"
SERIE_TRAMITES = "tramite"


def siguiente_consecutivo(serie: str, anio: int) -> int:
    """Reserva y devuelve el siguiente número de ``serie`` en ``anio`` (dentro de una transacción)."""
    if bd.transaction_depth() == 0:
        raise RuntimeError("El folio se reserva dentro de la transacción del documento.")
    ContadorFolio.insert(serie=serie, anio=anio, ultimo=0).on_conflict_ignore().execute()
    consulta = ContadorFolio.select().where((ContadorFolio.serie == serie) & (ContadorFolio.anio == anio))
    if es_postgres():
        consulta = consulta.for_update()
    contador = consulta.get()
    siguiente = contador.ultimo + 1
    (ContadorFolio.update(ultimo=siguiente)
     .where(ContadorFolio.id == contador.id).execute())
    return siguiente


def ultimo_consecutivo(serie: str, anio: int) -> int:
    """El último número emitido de ``serie`` en ``anio`` (0 si ninguno)."""
    valor = (ContadorFolio.select(ContadorFolio.ultimo)
             .where((ContadorFolio.serie == serie) & (ContadorFolio.anio == anio)).scalar())
    return valor or 0
