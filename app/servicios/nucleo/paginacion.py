"""Paginación por llave (*keyset*) para todas las listas: el bloque siguiente sin ``OFFSET``.

Una lista se ordena por una :class:`Orden` (columnas de la fila, o de una tabla unida por una
llave foránea) y los empates se rompen por el id. Cada fila que devuelve :func:`bloque` trae su
``llave`` (los valores de orden y el id); el bloque siguiente se pide con la llave de la última
fila vista y se lee con ``WHERE (orden, id) > (…)`` sobre un índice compuesto ``(orden, id)``:
el bloque 1,000 cuesta lo mismo que el primero, sin importar cuántas filas haya antes.

Los valores nulos van donde los pone el motor (SQLite los pone primero al subir; PostgreSQL,
al final), así que recorrer por bloques da exactamente las filas y el orden de la consulta
completa con ``ORDER BY``: la lista se parte en segmentos (los nulos, ordenados por id, y los
valores) y cada segmento se lee por su índice.

Una columna de una tabla unida (la dependencia o el resguardante de un bien) se ordena por
``(nombre, id de la tabla unida, id)``: el bloque se lee primero dentro del grupo de la última
fila (``llave = grupo AND id > …``, índice ``(llave, id)``) y después en los grupos siguientes,
en el orden del índice del nombre de la tabla unida (pocas filas), cada uno por el índice
``(llave, id)``. Nunca se ordena la tabla entera por bloque.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import Field, PostgresqlDatabase, Tuple

from app.base_datos import bd

Llave = tuple


@dataclass(frozen=True)
class Orden:
    """Cómo se ordena una lista.

    ``columnas``: las expresiones de orden (campos de la fila o, con ``llave``, de la tabla
    unida, terminando en su id). ``llave``: la llave foránea de la fila hacia la tabla unida
    (``Bien.dependencia``); sin ella, las columnas son de la fila. ``nula``: la (única) columna
    de la fila puede ser NULL. Sin columnas, la lista se ordena solo por id.
    """

    columnas: tuple = ()
    llave: Field | None = None
    nula: bool = False

    @property
    def unida(self) -> bool:
        return self.llave is not None

    @property
    def con_nulos(self) -> bool:
        return self.unida or self.nula


def de_fila(*columnas: Field, nula: bool = False) -> Orden:
    """Orden por columnas de la misma fila (``nula``: la columna admite NULL)."""
    if nula and len(columnas) != 1:
        raise ValueError("Solo una columna nula por orden.")
    return Orden(tuple(columnas), None, nula)


def unida(llave: Field, *columnas: Field) -> Orden:
    """Orden por columnas de la tabla unida por ``llave``; el id de esa tabla desempata."""
    modelo = llave.rel_model
    return Orden(tuple(columnas) + (modelo._meta.primary_key,), llave, False)


POR_ID = Orden()


def nulos_primero() -> bool:
    """¿El motor pone los NULL antes que los valores al ordenar de menor a mayor? (SQLite sí)."""
    return not isinstance(bd.obj, PostgresqlDatabase)


def _valor_bd(columna: Any, valor: Any) -> Any:
    """El valor de la llave tal como se compara en SQL (Decimal, fecha… por el campo)."""
    if valor is None:
        return None
    return columna.db_value(valor) if isinstance(columna, Field) else valor


def _despues(expresiones: Sequence[Any], valores: Sequence[Any], descendente: bool):
    """``(a, b, id) > (x, y, i)`` (o ``<`` al bajar): una sola comparación de filas sobre el índice."""
    if len(expresiones) == 1:
        izquierda, derecha = expresiones[0], valores[0]         # peewee convierte por el campo
    else:
        izquierda = Tuple(*expresiones)
        derecha = Tuple(*[_valor_bd(c, v) for c, v in zip(expresiones, valores)])
    return izquierda < derecha if descendente else izquierda > derecha


def _ordenar(expresiones: Sequence[Any], descendente: bool) -> list[Any]:
    return [e.desc() if descendente else e.asc() for e in expresiones]


def _alias(i: int) -> str:
    return f"_orden_{i}"


def bloque(consulta, orden: Orden, id_campo: Field, *, descendente: bool = False,
           despues: Llave | None = None, limite: int = 200) -> list[dict]:
    """Las siguientes ``limite`` filas de ``consulta`` (un ``select`` de peewee con sus uniones y
    filtros, sin ordenar) en ``orden``, a partir de la llave ``despues`` (None: desde el principio).

    Devuelve diccionarios (``.dicts()``) con la llave de cada fila en ``fila["llave"]``: para el
    bloque siguiente, ``despues=filas[-1]["llave"]``.
    """
    limite = max(1, int(limite))
    columnas = list(orden.columnas)
    con_llave = consulta.select_extend(*[c.alias(_alias(i)) for i, c in enumerate(columnas)],
                                       id_campo.alias("_orden_id")) if columnas else \
        consulta.select_extend(id_campo.alias("_orden_id"))
    segmentos = _segmentos(orden, descendente)
    if despues is None:
        actual, llave = 0, None
    else:
        llave = tuple(despues)
        nulo = orden.con_nulos and llave[0] is None
        actual = segmentos.index("nulos" if nulo else "valores")
    filas: list[dict] = []
    for segmento in segmentos[actual:]:
        falta = limite - len(filas)
        if falta <= 0:
            break
        filas.extend(_leer(con_llave, orden, id_campo, segmento, descendente, llave, falta))
        llave = None                    # los segmentos siguientes se leen desde su principio
    for fila in filas:
        fila["llave"] = tuple(fila.pop(_alias(i)) for i in range(len(columnas))) + (fila.pop("_orden_id"),)
    return filas


def _segmentos(orden: Orden, descendente: bool) -> list[str]:
    if not orden.con_nulos:
        return ["valores"]
    primero = nulos_primero() != descendente
    return ["nulos", "valores"] if primero else ["valores", "nulos"]


def _leer(consulta, orden: Orden, id_campo: Field, segmento: str, descendente: bool,
          llave: Llave | None, limite: int) -> list[dict]:
    columnas = list(orden.columnas)
    id_orden = _ordenar([id_campo], descendente)
    if segmento == "nulos":
        nula = orden.llave if orden.unida else columnas[0]
        q = consulta.where(nula.is_null())
        if llave is not None:
            q = q.where(id_campo < llave[-1] if descendente else id_campo > llave[-1])
        return list(q.order_by(*id_orden).limit(limite).dicts())
    if orden.con_nulos:
        nula = orden.llave if orden.unida else columnas[0]
        consulta = consulta.where(nula.is_null(False))
    if not orden.unida:
        expresiones = columnas + [id_campo]
        q = consulta if llave is None else consulta.where(_despues(expresiones, llave, descendente))
        return list(q.order_by(*_ordenar(expresiones, descendente)).limit(limite).dicts())
    # Tabla unida: primero el resto del grupo de la última fila, luego los grupos siguientes.
    filas: list[dict] = []
    if llave is not None:
        grupo = llave[-2]
        q = consulta.where((orden.llave == grupo)
                           & (id_campo < llave[-1] if descendente else id_campo > llave[-1]))
        filas = list(q.order_by(*id_orden).limit(limite).dicts())
        if len(filas) >= limite:
            return filas
    return filas + _grupos_siguientes(consulta, orden, id_campo, descendente,
                                      llave[:-1] if llave is not None else None, limite - len(filas))


GRUPOS_POR_LECTURA = 64


def _grupos(orden: Orden, descendente: bool, despues: Llave | None):
    """Los grupos (filas de la tabla unida) que siguen a ``despues``, en orden, por páginas del índice
    de su nombre: la tabla unida es chica (dependencias, servidores públicos, usuarios)."""
    columnas = list(orden.columnas)
    modelo = orden.llave.rel_model
    while True:
        q = modelo.select(*columnas)
        if despues is not None:
            q = q.where(_despues(columnas, despues, descendente))
        pagina = list(q.order_by(*_ordenar(columnas, descendente)).limit(GRUPOS_POR_LECTURA).tuples())
        yield from pagina
        if len(pagina) < GRUPOS_POR_LECTURA:
            return
        despues = pagina[-1]


def _grupos_siguientes(consulta, orden: Orden, id_campo: Field, descendente: bool, despues: Llave | None,
                       limite: int) -> list[dict]:
    """Las filas de los grupos que siguen, leídas grupo por grupo por el índice (llave, id).

    Un grupo que no llena el bloque hace que la lectura siguiente abarque el doble de grupos
    (``llave IN (…)``, que solo ordena las filas de esos grupos): con grupos vacíos por un filtro
    bastan unas cuantas consultas, y con grupos grandes basta una. Nunca se ordena la tabla entera.
    """
    columnas = list(orden.columnas)
    filas: list[dict] = []
    grupos = _grupos(orden, descendente, despues)
    cuantos = 1
    while len(filas) < limite:
        tanda = [g for _, g in zip(range(cuantos), grupos)]
        if not tanda:
            break
        ids = [g[-1] for g in tanda]
        q = consulta.where(orden.llave == ids[0]) if len(ids) == 1 else consulta.where(orden.llave.in_(ids))
        orden_sql = _ordenar([id_campo], descendente) if len(ids) == 1 else \
            _ordenar(columnas + [id_campo], descendente)
        falta = limite - len(filas)
        leidas = list(q.order_by(*orden_sql).limit(falta).dicts())
        filas.extend(leidas)
        if len(leidas) < falta:
            cuantos = min(cuantos * 2, GRUPOS_POR_LECTURA)
    return filas


def todas(consulta, orden: Orden, id_campo: Field, *, descendente: bool = False) -> list[dict]:
    """La consulta completa con ``ORDER BY`` (para comparar en las pruebas): mismas filas y orden."""
    columnas = list(orden.columnas)
    return list(consulta.order_by(*_ordenar(columnas + [id_campo], descendente)).dicts())
