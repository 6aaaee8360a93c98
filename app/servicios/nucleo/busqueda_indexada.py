"""Búsqueda indexada de las listas que filtran al teclear (issue 19, punto 1).

La columna ``busqueda`` de cada tabla guarda el texto normalizado (minúsculas, sin acentos:
:func:`~app.servicios.nucleo.validacion.texto_busqueda`). Antes se buscaba con ``LIKE '%…%'``
sobre ella: un recorrido completo de la tabla por pulsación, y otro más para contar.

- **SQLite**: cada tabla de :data:`TABLAS` tiene una tabla virtual FTS5 ``fts_<tabla>`` con el
  tokenizador ``trigram`` (SQLite ≥ 3.34), de contenido externo (no copia el texto: lo lee de la
  tabla), que tres disparadores mantienen al día dentro de la misma transacción del alta, la
  edición o la baja (migración 0023). Un término de 3 letras o más se busca en el índice
  (``MATCH`` de la frase entre comillas: con trigramas es «contiene», igual que el ``LIKE``); uno
  más corto no tiene trigramas y se busca con ``LIKE`` sobre lo que dejó el índice o, si todos
  son cortos, con ``LIKE`` acotado por el ``LIMIT`` de la lista y del conteo.
- **PostgreSQL**: índice GIN ``<tabla>_busqueda_trgm`` con ``gin_trgm_ops`` (extensión
  ``pg_trgm``) sobre la misma columna; la condición sigue siendo el ``ILIKE`` de siempre, que el
  planificador resuelve con el índice. PostgreSQL lo mantiene solo, en la misma transacción. Si
  la extensión no se pudo crear, la búsqueda funciona igual, sin índice (la migración lo avisa).

Las filas son las mismas que con el ``LIKE`` de antes (mismos términos, misma normalización;
las pruebas lo comparan en los dos motores). El conteo de una búsqueda se acota: :func:`contar`
deja de contar en :data:`TOPE_CONTEO` + 1 («más de 1,000»), así nunca recorre la tabla entera.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any

from peewee import SQL

from app.base_datos import bd, es_postgres
from app.servicios.nucleo.validacion import limpiar_texto, normalizar

TOPE_CONTEO = 1000
"""Una búsqueda cuenta hasta aquí; más se muestra como «más de 1,000»."""

TOPE_IDS = 2000
"""Cuántos ids trae del índice una búsqueda antes de decidir que el término es común (SQLite)."""

MINIMO_TRIGRAMA = 3
"""Un término más corto no tiene trigramas: se busca con ``LIKE``."""

PREFIJO_FTS = "fts_"
SUFIJO_TRGM = "_busqueda_trgm"       # app.base_datos ignora estos índices al comparar con los modelos

TABLAS: tuple[str, ...] = (
    "bien", "ticket", "oficio", "tramite", "servidor_publico", "licencia", "software", "solicitud_software",
    "dependencia", "proveedor", "dictamen", "mantenimiento", "dispositivo", "bitacora_servidor", "cuenta",
    "solicitud_cuenta", "adquisicion", "plan_respaldo", "recuperacion_informacion", "solicitud_grabacion",
    "solicitud_desbloqueo", "proyecto", "solicitud_carga_web", "solicitud_declaraciones",
    "solicitud_hipervinculos", "hipervinculo",
)
"""Las tablas con columna ``busqueda`` que tienen índice (la migración 0023 lleva la misma lista)."""


def tabla_fts(tabla: str) -> str:
    return f"{PREFIJO_FTS}{tabla}"


def indice_trgm(tabla: str) -> str:
    return f"{tabla}{SUFIJO_TRGM}"


def terminos(texto: Any, por_palabras: bool = True) -> list[str]:
    """Los términos normalizados de ``texto``: cada palabra, o la frase entera (``por_palabras=False``)."""
    limpio = normalizar(limpiar_texto(texto))
    if not limpio:
        return []
    return limpio.split() if por_palabras else [limpio]


def hay_indice(modelo: type) -> bool:
    """Si la tabla de ``modelo`` tiene su índice FTS5 en la base SQLite activa."""
    tabla = modelo._meta.table_name
    if es_postgres() or tabla not in TABLAS:
        return False
    return bd.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (tabla_fts(tabla),)).fetchone() is not None


def expresion_match(largos: list[str]) -> str:
    """La consulta FTS5: cada término como cadena literal (entre comillas dobles), todos a la vez."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in largos)


def ids_del_indice(modelo: type, largos: list[str], tope: int) -> list[int]:
    """Hasta ``tope`` ids (en orden de id) que contienen todos los ``largos`` según el índice FTS5."""
    tabla = tabla_fts(modelo._meta.table_name)
    cursor = bd.execute_sql(f'SELECT rowid FROM "{tabla}" WHERE "{tabla}" MATCH ? ORDER BY rowid LIMIT ?',
                            (expresion_match(largos), tope))
    return [fila[0] for fila in cursor.fetchall()]


def _cuantos_en_el_indice(tabla: str, match: str, tope: int) -> int:
    return bd.execute_sql(f'SELECT COUNT(*) FROM (SELECT rowid FROM "{tabla}" WHERE "{tabla}" MATCH ? LIMIT ?)',
                          (match, tope)).fetchone()[0]


@dataclass(frozen=True)
class Filtro:
    """La condición de una búsqueda y lo que el índice ya sabe de su tamaño."""

    condicion: Any               # expresión de peewee, o None (no hay nada que buscar)
    muchos: bool = False         # la condición da más de TOPE_IDS filas (el índice lo sabe: ≥ TOPE_CONTEO + 1)


def _like(campo: Any, palabras: list[str]) -> Any:
    return reduce(operator.and_, [campo.contains(p) for p in palabras])


def filtro(modelo: type, texto: Any, por_palabras: bool = True, columna: str = "busqueda") -> Filtro:
    """La condición «contiene cada término» sobre ``columna`` de ``modelo``, por el índice si lo hay.

    En SQLite los términos de 3 letras o más se buscan en el índice FTS5: si dan a lo más
    :data:`TOPE_IDS` registros, la condición es ``id IN (esos ids)`` (y el ``LIKE`` de los
    términos cortos); si dan más, el término es común y la condición es el ``LIKE`` de siempre,
    que con el ``LIMIT`` de la lista se resuelve recorriendo el índice del orden (cada pocas filas
    hay una que cumple). En PostgreSQL es el ``ILIKE`` de siempre, que usa el índice de trigramas.
    """
    lista = terminos(texto, por_palabras)
    if not lista:
        return Filtro(None)
    campo = getattr(modelo, columna)
    largos = [t for t in lista if len(t) >= MINIMO_TRIGRAMA]
    if not largos or columna != "busqueda" or not hay_indice(modelo):
        return Filtro(_like(campo, lista))
    tabla = tabla_fts(modelo._meta.table_name)
    match = expresion_match(largos)
    cortos = [t for t in lista if len(t) < MINIMO_TRIGRAMA]
    if _cuantos_en_el_indice(tabla, match, TOPE_IDS + 1) > TOPE_IDS:
        return Filtro(_like(campo, lista), muchos=not cortos)
    condicion = modelo._meta.primary_key.in_(SQL(f'(SELECT rowid FROM "{tabla}" WHERE "{tabla}" MATCH ?)', [match]))
    return Filtro(condicion & _like(campo, cortos) if cortos else condicion)


def condicion(modelo: type, texto: Any, por_palabras: bool = True) -> Any:
    """Solo la condición de :func:`filtro` (None si ``texto`` no tiene términos)."""
    return filtro(modelo, texto, por_palabras).condicion


def donde(consulta: Any, modelo: type, texto: Any, por_palabras: bool = True) -> Any:
    """``consulta`` con la condición de búsqueda (sin cambios si ``texto`` no busca nada)."""
    expresion = condicion(modelo, texto, por_palabras)
    return consulta if expresion is None else consulta.where(expresion)


def contar(consulta: Any, tope: int | None = None) -> int:
    """Cuántas filas da ``consulta``, contando a lo más ``tope`` + 1 (más de ``tope``: «más de…»)."""
    tope = TOPE_CONTEO if tope is None else tope
    sql, parametros = consulta.select(SQL("1")).order_by().limit(tope + 1).sql()
    return bd.execute_sql(f"SELECT COUNT(*) FROM ({sql}) AS acotada", parametros).fetchone()[0]


def es_mas_de(total: int, tope: int | None = None) -> bool:
    """Si un conteo acotado quedó en el tope (hay más de ``tope``)."""
    return total > (TOPE_CONTEO if tope is None else tope)


def texto_total(total: int, singular: str, plural: str, acotado: bool = True) -> str:
    """«1 bien», «250 bienes» o «más de 1,000 bienes» (con ``acotado``, si el conteo llegó al tope)."""
    if acotado and es_mas_de(total):
        return f"más de {TOPE_CONTEO:,} {plural}"
    return f"1 {singular}" if total == 1 else f"{total:,} {plural}"
