"""Folios consecutivos por serie y año: nunca se repiten ni se saltan.

Un contador por serie y año se actualiza dentro de la misma transacción que el
documento: si el documento no se guarda, el número tampoco se consume. Cada folio es una
sola sentencia, un viaje a la base (``INSERT … ON CONFLICT DO UPDATE SET ultimo = ultimo + 1
RETURNING``): crea el contador si falta y deja bloqueada hasta el COMMIT solo la fila de esa
serie y año (en PostgreSQL; en SQLite la transacción ya empezó con ``BEGIN IMMEDIATE``).
``MAX()+1`` no sirve con varias PC.

Cada cambio de un contador queda en la bitácora (como cualquier otro registro), y la
verificación de la bitácora comprueba que la secuencia de cada serie es continua y
concuerda con su contador.
"""
from __future__ import annotations

from typing import Any

from app.base_datos import bd
from app.modelos import ContadorFolio
from app.servicios.nucleo import bitacora

SERIE_OFICIOS = "oficio"
SERIE_TRAMITES = "tramite"


_SIGUIENTE = ('INSERT INTO "contador_folio" ("serie", "anio", "ultimo") VALUES ({m}, {m}, 1) '
              'ON CONFLICT ("serie", "anio") DO UPDATE SET "ultimo" = "contador_folio"."ultimo" + 1 '
              'RETURNING "id", "ultimo"')


def siguiente_consecutivo(serie: str, anio: int, usuario: Any = None) -> int:
    """Reserva y devuelve el siguiente número de ``serie`` en ``anio`` (dentro de una transacción).

    Un viaje a la base; el cambio del contador se anota en la bitácora a nombre de ``usuario``
    (la entrada se escribe al final de la transacción).
    """
    if bd.transaction_depth() == 0:
        raise RuntimeError("El folio se reserva dentro de la transacción del documento.")
    id_, siguiente = bd.execute_sql(_SIGUIENTE.format(m=bd.param), (serie, anio)).fetchone()
    contador = ContadorFolio(id=id_, serie=serie, anio=anio, ultimo=siguiente)
    bitacora.registrar(contador, f"folio {siguiente} de la serie {serie} {anio}", usuario)
    return siguiente


def fijar_ultimo(serie: str, anio: int, ultimo: int, usuario: Any = None,
                 accion: str = "reserva de folios en bloque") -> None:
    """Deja el contador de ``serie`` en ``anio`` en ``ultimo`` y lo anota en la bitácora.

    Para las cargas masivas, que reservan un bloque de números de una vez. Debe llamarse
    dentro de la transacción que inserta los documentos.
    """
    if bd.transaction_depth() == 0:
        raise RuntimeError("El contador de folios se cambia dentro de la transacción del documento.")
    ContadorFolio.insert(serie=serie, anio=anio, ultimo=0).on_conflict_ignore().execute()
    (ContadorFolio.update(ultimo=ultimo)
     .where((ContadorFolio.serie == serie) & (ContadorFolio.anio == anio)).execute())
    contador = ContadorFolio.get((ContadorFolio.serie == serie) & (ContadorFolio.anio == anio))
    bitacora.registrar(contador, accion, usuario)


def ultimo_consecutivo(serie: str, anio: int) -> int:
    """El último número emitido de ``serie`` en ``anio`` (0 si ninguno)."""
    valor = (ContadorFolio.select(ContadorFolio.ultimo)
             .where((ContadorFolio.serie == serie) & (ContadorFolio.anio == anio)).scalar())
    return valor or 0
