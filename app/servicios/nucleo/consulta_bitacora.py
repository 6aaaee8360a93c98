"""Consulta de la bitácora para las pantallas: listado filtrado, detalle legible, total y Excel.

Solo lectura. Toda función exige que el rol del usuario permita consultar la
bitácora (``permisos.VER_BITACORA``): la bitácora guarda instantáneas de datos
personales y su consulta es tan sensible como los datos mismos.

Cada entrada se lee como la leería un director: quién (la persona, no solo el usuario),
cuándo, qué registro (por su folio, número o nombre) y qué cambió respecto de la entrada
anterior del mismo registro (:mod:`app.servicios.nucleo.bitacora_legible`). La instantánea
cruda sigue en ``instantanea`` / ``instantanea_texto`` para el auditor.
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
import operator
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import Any

from app.modelos import Bitacora, Usuario
from app.servicios.nucleo import permisos
from app.errores import ErrorNoEncontrado, ErrorValidacion
from app.servicios.nucleo.bitacora_legible import Nombrador, diferencias, modelos_por_tabla, personas
from app.servicios.nucleo.etiquetas_bitacora import BUSCABLES, MODULO_OTROS, MODULOS, modulo_de
from app.servicios.nucleo.validacion import limpiar_texto, normalizar

LIMITE_MAXIMO = 10_000
LIMITE_EXPORTACION = 200_000
LARGO_MAXIMO_BUSQUEDA = 100
MAXIMO_REGISTROS_BUSCADOS = 500
BLOQUE = 500

Progreso = Callable[[int, int], None]


@dataclass
class Filtro:
    """Qué entradas se quieren ver. Vacío: todas."""

    busqueda: str = ""                 # usuario, acción o tabla (contiene)
    desde: dt.date | None = None       # inclusive
    hasta: dt.date | None = None       # inclusive
    usuario: str = ""                  # nombre de usuario exacto
    modulo: str = ""                   # «Oficios», «Mesa de ayuda»… (ver MODULOS)
    registro: str = ""                 # folio, número, serie o nombre del registro (contiene)
    tabla: str = ""                    # un registro exacto: tabla y id
    registro_id: int | None = None

    def vacio(self) -> bool:
        return not (limpiar_texto(self.busqueda) or self.desde or self.hasta or self.usuario or self.modulo
                    or limpiar_texto(self.registro) or self.tabla)


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


def _tablas_del_modulo(modulo: str) -> tuple[str, ...] | None:
    """Las tablas del módulo; None si es «Otros» (las que no son de ningún módulo)."""
    if modulo == MODULO_OTROS:
        return None
    if modulo not in MODULOS:
        raise ErrorValidacion([("modulo", f"No existe el módulo «{modulo}» en la bitácora.")])
    return MODULOS[modulo]


def _condicion_registro(texto: str, tablas: tuple[str, ...] | None) -> Any:
    """Entradas de los registros cuyo folio, número o nombre contiene ``texto`` (o cuyo id es ``texto``)."""
    modelos = modelos_por_tabla()
    partes = []
    numero = texto.lstrip("#")
    if numero.isdigit():
        partes.append(Bitacora.registro_id == int(numero))
    for tabla, campos in BUSCABLES.items():
        if tablas is not None and tabla not in tablas:
            continue
        modelo = modelos[tabla]
        condicion = reduce(operator.or_, [getattr(modelo, c).contains(texto) for c in campos])
        ids = [i for (i,) in modelo.select(modelo.id).where(condicion).limit(MAXIMO_REGISTROS_BUSCADOS).tuples()]
        if ids:
            partes.append((Bitacora.tabla == tabla) & Bitacora.registro_id.in_(ids))
    if not partes:
        return Bitacora.id < 0          # nada coincide
    return reduce(operator.or_, partes)


def _consulta_filtrada(filtro: Filtro, *columnas: Any) -> Any:
    consulta = Bitacora.select(*columnas)
    condiciones = []
    texto = limpiar_texto(filtro.busqueda)[:LARGO_MAXIMO_BUSQUEDA]
    if texto:
        condicion = (Bitacora.usuario.contains(texto) | Bitacora.accion.contains(texto)
                     | Bitacora.tabla.contains(texto))
        acciones = _acciones_que_coinciden(texto)
        if acciones:
            condicion = condicion | Bitacora.accion.in_(acciones)
        condiciones.append(condicion)
    if filtro.desde and filtro.hasta and filtro.desde > filtro.hasta:
        raise ErrorValidacion([("desde", "La fecha «desde» es posterior a la fecha «hasta».")])
    if filtro.desde:
        condiciones.append(Bitacora.momento >= dt.datetime.combine(filtro.desde, dt.time()))
    if filtro.hasta:
        condiciones.append(Bitacora.momento < dt.datetime.combine(filtro.hasta + dt.timedelta(days=1), dt.time()))
    if filtro.usuario:
        condiciones.append(Bitacora.usuario == filtro.usuario)
    tablas: tuple[str, ...] | None = None
    if filtro.modulo:
        tablas = _tablas_del_modulo(filtro.modulo)
        if tablas is None:
            todas = [t for grupo in MODULOS.values() for t in grupo]
            condiciones.append(Bitacora.tabla.not_in(todas))
        else:
            condiciones.append(Bitacora.tabla.in_(tablas))
    registro = limpiar_texto(filtro.registro)[:LARGO_MAXIMO_BUSQUEDA]
    if registro:
        condiciones.append(_condicion_registro(registro, tablas))
    if filtro.tabla:
        condiciones.append(Bitacora.tabla == filtro.tabla)
        if filtro.registro_id is not None:
            condiciones.append(Bitacora.registro_id == filtro.registro_id)
    if condiciones:
        consulta = consulta.where(reduce(operator.and_, condiciones))
    return consulta


def _filtro(filtro: Filtro | None, busqueda: str) -> Filtro:
    if filtro is None:
        return Filtro(busqueda=busqueda)
    if busqueda and not filtro.busqueda:
        filtro.busqueda = busqueda
    return filtro


def _con_lectura(filas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Agrega ``persona``, ``modulo`` y ``registro`` (el nombre del registro) a cada fila."""
    nombres_persona = personas(f["usuario"] for f in filas)
    nombrador = Nombrador()
    nombrador.nombres((f["tabla"], f["registro_id"]) for f in filas)
    for fila in filas:
        fila["persona"] = nombres_persona.get(fila["usuario"], fila["usuario"])
        fila["modulo"] = modulo_de(fila["tabla"])
        fila["registro"] = nombrador.titulo(fila["tabla"], fila["registro_id"])
    return filas


def consultar(actor: Usuario | None, busqueda: str = "", limite: int = 2000, filtro: Filtro | None = None,
              antes_de: int | None = None) -> list[dict[str, Any]]:
    """Entradas de la bitácora, de la más reciente a la más antigua.

    ``busqueda`` filtra por usuario, acción o tabla (contiene; los comodines ``%`` y ``_``
    se buscan literalmente); ``filtro`` agrega fechas, usuario, módulo y registro.
    ``antes_de`` pide el bloque siguiente (entradas con id menor). Devuelve diccionarios con
    ``id``, ``momento``, ``usuario``, ``persona``, ``accion``, ``tabla``, ``modulo``,
    ``registro_id``, ``registro`` y ``hash``; nunca la instantánea (pesa).
    """
    permisos.exigir(actor, permisos.VER_BITACORA)
    limite = max(1, min(int(limite), LIMITE_MAXIMO))
    consulta = _consulta_filtrada(_filtro(filtro, busqueda), Bitacora.id, Bitacora.momento, Bitacora.usuario,
                                  Bitacora.accion, Bitacora.tabla, Bitacora.registro_id, Bitacora.hash,
                                  Bitacora.canal)
    if antes_de is not None:
        consulta = consulta.where(Bitacora.id < antes_de)
    return _con_lectura(list(consulta.order_by(Bitacora.id.desc()).limit(limite).dicts()))


def contar(actor: Usuario | None, filtro: Filtro | None = None) -> int:
    """Cuántas entradas cumplen ``filtro``."""
    permisos.exigir(actor, permisos.VER_BITACORA)
    return _consulta_filtrada(filtro or Filtro(), Bitacora.id).count()


def usuarios_en_bitacora(actor: Usuario | None) -> list[tuple[str, str]]:
    """Los usuarios que aparecen en la bitácora: (usuario, nombre de la persona), por nombre."""
    permisos.exigir(actor, permisos.VER_BITACORA)
    nombres = [u for (u,) in Bitacora.select(Bitacora.usuario).distinct().tuples()]
    nombres_persona = personas(nombres)
    return sorted(((u, nombres_persona.get(u, u)) for u in nombres), key=lambda par: normalizar(par[1]))


def modulos() -> list[str]:
    """Los módulos por los que se puede filtrar (las pestañas), y «Otros»."""
    return list(MODULOS) + [MODULO_OTROS]


def _instantanea(texto: str) -> dict[str, Any] | None:
    try:
        valor = json.loads(texto)
    except ValueError:
        return None
    return valor if isinstance(valor, dict) else None


def _anterior(fila: dict[str, Any]) -> tuple[int, str] | None:
    """La entrada anterior del mismo registro: (id, instantánea en texto)."""
    return (Bitacora.select(Bitacora.id, Bitacora.instantanea)
            .where((Bitacora.tabla == fila["tabla"]) & (Bitacora.registro_id == fila["registro_id"])
                   & (Bitacora.id < fila["id"]))
            .order_by(Bitacora.id.desc()).limit(1).tuples().first())


def _anteriores(bloque: list[dict[str, Any]]) -> dict[int, str]:
    """La instantánea anterior del mismo registro de cada fila del bloque (por id de la fila).

    Una consulta por tabla para todo el bloque, no una por fila.
    """
    por_tabla: dict[str, set[int]] = {}
    for fila in bloque:
        por_tabla.setdefault(fila["tabla"], set()).add(fila["registro_id"])
    tope = max(f["id"] for f in bloque)
    historia: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for tabla, ids in por_tabla.items():
        consulta = (Bitacora.select(Bitacora.id, Bitacora.registro_id, Bitacora.instantanea)
                    .where((Bitacora.tabla == tabla) & Bitacora.registro_id.in_(sorted(ids)) & (Bitacora.id < tope))
                    .order_by(Bitacora.id).tuples())
        for identificador, registro_id, texto in consulta:
            historia.setdefault((tabla, registro_id), []).append((identificador, texto))
    resultado: dict[int, str] = {}
    for fila in bloque:
        previas = historia.get((fila["tabla"], fila["registro_id"]), [])
        posicion = bisect.bisect_left(previas, (fila["id"], ""))
        if posicion:
            resultado[fila["id"]] = previas[posicion - 1][1]
    return resultado


def entrada(actor: Usuario | None, identificador: int) -> dict[str, Any]:
    """Una entrada completa, legible y con la instantánea ya convertida de JSON (``instantanea``).

    Además de las columnas de la bitácora trae ``persona``, ``modulo``, ``registro`` (el nombre
    del registro), ``anterior_id`` (la entrada anterior del mismo registro, o None) y
    ``cambios`` (:class:`~app.servicios.nucleo.bitacora_legible.Cambio`, campo por campo).
    Si la instantánea guardada no es JSON válido (alguien la alteró por fuera), se
    devuelve ``instantanea`` en None, el texto tal cual en ``instantanea_texto`` y sin cambios.
    """
    permisos.exigir(actor, permisos.VER_BITACORA)
    fila = (Bitacora.select(Bitacora.id, Bitacora.momento, Bitacora.usuario, Bitacora.accion,
                            Bitacora.tabla, Bitacora.registro_id, Bitacora.instantanea,
                            Bitacora.hash_anterior, Bitacora.hash, Bitacora.canal)
            .where(Bitacora.id == identificador).dicts().first())
    if fila is None:
        raise ErrorNoEncontrado(f"No existe la entrada {identificador} de la bitácora.")
    texto = fila.pop("instantanea") or ""
    fila["instantanea"] = _instantanea(texto)
    fila["instantanea_texto"] = texto
    _con_lectura([fila])
    anterior = _anterior(fila)
    fila["anterior_id"] = anterior[0] if anterior else None
    fila["cambios"] = []
    if fila["instantanea"] is not None:
        previa = _instantanea(anterior[1]) if anterior else None
        fila["cambios"] = diferencias(fila["tabla"], previa, fila["instantanea"], Nombrador())
    return fila


def total(actor: Usuario | None) -> int:
    """Cuántas entradas tiene la bitácora."""
    permisos.exigir(actor, permisos.VER_BITACORA)
    return Bitacora.select().count()


def filas_legibles(actor: Usuario | None, filtro: Filtro | None = None,
                   progreso: Progreso | None = None) -> Iterator[dict[str, Any]]:
    """Todas las entradas del filtro (de la más reciente a la más antigua) con sus cambios.

    Se leen por bloques (sin OFFSET creciente); ``progreso(hechos, total)`` tras cada bloque.
    """
    permisos.exigir(actor, permisos.VER_BITACORA)
    filtro = filtro or Filtro()
    cuantas = min(contar(actor, filtro), LIMITE_EXPORTACION)
    hechas = 0
    antes_de: int | None = None
    nombrador = Nombrador()
    while hechas < cuantas:
        consulta = _consulta_filtrada(filtro, Bitacora.id, Bitacora.momento, Bitacora.usuario, Bitacora.accion,
                                      Bitacora.tabla, Bitacora.registro_id, Bitacora.instantanea)
        if antes_de is not None:
            consulta = consulta.where(Bitacora.id < antes_de)
        bloque = list(consulta.order_by(Bitacora.id.desc()).limit(min(BLOQUE, cuantas - hechas)).dicts())
        if not bloque:
            break
        anteriores = _anteriores(bloque)
        for fila in _con_lectura(bloque):
            actual = _instantanea(fila.pop("instantanea") or "")
            anterior = anteriores.get(fila["id"])
            previa = _instantanea(anterior) if anterior is not None else None
            fila["cambios"] = diferencias(fila["tabla"], previa, actual, nombrador) if actual is not None else []
            yield fila
        hechas += len(bloque)
        antes_de = bloque[-1]["id"]
        if progreso is not None:
            progreso(hechas, cuantas)


def exportar_excel(actor: Usuario | None, ruta: str | Path, filtro: Filtro | None = None,
                   progreso: Progreso | None = None) -> int:
    """Escribe en ``ruta`` un Excel con las entradas del filtro; devuelve cuántas escribió.

    Completo o nada: se escribe en un temporal junto al destino y luego lo reemplaza.
    """
    from app.documentos.excel_bitacora import escribir_bitacora

    permisos.exigir(actor, permisos.VER_BITACORA)
    destino = Path(ruta)
    temporal = destino.with_name(f".{destino.name}.{os.getpid()}.tmp")
    try:
        cuantas = escribir_bitacora(temporal, filas_legibles(actor, filtro, progreso), describir(filtro))
        os.replace(temporal, destino)
    finally:
        temporal.unlink(missing_ok=True)
    return cuantas


def describir(filtro: Filtro | None) -> str:
    """El filtro en una frase para el encabezado del Excel («Módulo: Oficios; desde 01/12/2026»)."""
    if filtro is None or filtro.vacio():
        return "Todas las entradas"
    partes = []
    if filtro.desde:
        partes.append(f"desde {filtro.desde:%d/%m/%Y}")
    if filtro.hasta:
        partes.append(f"hasta {filtro.hasta:%d/%m/%Y}")
    if filtro.usuario:
        partes.append(f"usuario: {filtro.usuario}")
    if filtro.modulo:
        partes.append(f"módulo: {filtro.modulo}")
    if limpiar_texto(filtro.registro):
        partes.append(f"registro: {limpiar_texto(filtro.registro)}")
    if filtro.tabla:
        partes.append(f"registro: {filtro.tabla} #{filtro.registro_id}")
    if limpiar_texto(filtro.busqueda):
        partes.append(f"texto: {limpiar_texto(filtro.busqueda)}")
    texto = "; ".join(partes)
    return texto[:1].upper() + texto[1:]
