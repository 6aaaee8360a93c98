"""Bitácora: registro de solo agregar, encadenado por hash, de cada cambio.

Cada entrada guarda la instantánea del registro después del cambio y el hash de
la entrada anterior. :func:`verificar` detecta dos cosas: una entrada alterada
(la cadena ya no cuadra) y un registro cuyo contenido actual difiere de su
última instantánea (lo cambiaron con SQL por fuera de la aplicación).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.base_datos import bd
from app.modelos import AUDITADOS, Bitacora, ModeloBase, ahora
from app.modelos.base import valor_instantanea

HASH_INICIAL = "0" * 64
USUARIO_SISTEMA = "sistema"


@dataclass(frozen=True)
class Problema:
    """Una inconsistencia encontrada al verificar."""

    tabla: str
    registro_id: int
    descripcion: str

    def __str__(self) -> str:
        return f"{self.tabla} #{self.registro_id}: {self.descripcion}"


def _json(datos: dict[str, Any]) -> str:
    return json.dumps(datos, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def calcular_hash(momento: str, usuario: str, accion: str, tabla: str, registro_id: int,
                  instantanea: str, hash_anterior: str) -> str:
    contenido = "\x1f".join([momento, usuario, accion, tabla, str(registro_id),
                             instantanea, hash_anterior])
    return hashlib.sha256(contenido.encode("utf-8")).hexdigest()


def nombre_usuario(usuario: Any) -> str:
    """Cómo se anota al autor de un cambio."""
    if usuario is None:
        return USUARIO_SISTEMA
    return getattr(usuario, "nombre_usuario", None) or str(usuario)


def registrar(instancia: ModeloBase, accion: str, usuario: Any = None) -> Bitacora:
    """Anota ``instancia`` tal como quedó. Debe llamarse dentro de la transacción del cambio."""
    if bd.transaction_depth() == 0:
        raise RuntimeError("La bitácora se escribe dentro de la transacción del cambio.")
    ultima = (Bitacora.select(Bitacora.hash).order_by(Bitacora.id.desc()).limit(1).tuples().first())
    anterior = ultima[0] if ultima else HASH_INICIAL
    momento = ahora()
    autor = nombre_usuario(usuario)[:100]
    tabla = instancia._meta.table_name
    foto = _json(instancia.instantanea())
    entrada = Bitacora.create(
        momento=momento, usuario=autor, accion=accion[:60], tabla=tabla,
        registro_id=instancia.get_id(), instantanea=foto, hash_anterior=anterior,
        hash=calcular_hash(valor_instantanea(momento), autor, accion[:60], tabla,
                           instancia.get_id(), foto, anterior))
    return entrada


def guardar(instancia: ModeloBase, accion: str, usuario: Any = None, **opciones) -> ModeloBase:
    """Guarda y anota en la bitácora en la misma transacción."""
    from app.base_datos import transaccion

    with transaccion():
        instancia.save(**opciones)
        registrar(instancia, accion, usuario)
    return instancia


def guardar_versionado(instancia, accion: str, usuario: Any, version_leida: int | None) -> Any:
    """Guarda y anota, comprobando que nadie más lo cambió desde que se leyó (columna ``version``)."""
    from app.base_datos import transaccion
    from app.errores import ErrorConflicto

    with transaccion():
        if instancia.id is not None and version_leida is not None:
            modelo = type(instancia)
            actual = modelo.select(modelo.version).where(modelo.id == instancia.id).scalar()
            if actual != version_leida:
                raise ErrorConflicto(
                    "Otro usuario modificó este registro mientras usted lo editaba. "
                    "Vuelva a abrirlo para ver los cambios y capture de nuevo.")
            instancia.version = version_leida + 1
        instancia.modificado_en = ahora()
        instancia.save()
        registrar(instancia, accion, usuario)
    return instancia


def _verificar_cadena() -> Iterator[Problema]:
    anterior = HASH_INICIAL
    consulta = (Bitacora.select(Bitacora.id, Bitacora.momento, Bitacora.usuario, Bitacora.accion,
                                Bitacora.tabla, Bitacora.registro_id, Bitacora.instantanea,
                                Bitacora.hash_anterior, Bitacora.hash)
                .order_by(Bitacora.id).tuples())
    for (id_, momento, usuario, accion, tabla, registro_id, foto, hash_anterior, hash_) in consulta.iterator():
        esperado = calcular_hash(valor_instantanea(momento), usuario, accion, tabla, registro_id,
                                 foto, hash_anterior)
        if hash_anterior != anterior:
            yield Problema("bitacora", id_, "la cadena está rota: el hash anterior no coincide "
                                            "(se alteró, insertó o quitó una entrada antes de esta)")
        elif esperado != hash_:
            yield Problema("bitacora", id_, f"la entrada fue alterada (sobre {tabla} #{registro_id})")
        anterior = hash_


def _ultimas_instantaneas() -> dict[tuple[str, int], str]:
    ultimas: dict[tuple[str, int], str] = {}
    consulta = (Bitacora.select(Bitacora.tabla, Bitacora.registro_id, Bitacora.instantanea)
                .order_by(Bitacora.id).tuples())
    for tabla, registro_id, foto in consulta.iterator():
        ultimas[(tabla, registro_id)] = foto
    return ultimas


def _verificar_registros() -> Iterator[Problema]:
    ultimas = _ultimas_instantaneas()
    for modelo in AUDITADOS:
        tabla = modelo._meta.table_name
        for instancia in modelo.select().order_by(modelo._meta.primary_key).iterator():
            foto = ultimas.get((tabla, instancia.get_id()))
            if foto is None:
                yield Problema(tabla, instancia.get_id(),
                               "el registro no aparece en la bitácora (se creó por fuera de la aplicación)")
                continue
            actual = instancia.instantanea()
            registrada = json.loads(foto)
            distintos = sorted(c for c in set(actual) | set(registrada)
                               if actual.get(c) != registrada.get(c))
            if distintos:
                yield Problema(tabla, instancia.get_id(),
                               "su contenido difiere de la última instantánea en la bitácora "
                               f"(campos: {', '.join(distintos)})")


def verificar() -> list[Problema]:
    """Revisa la cadena de la bitácora y que cada registro coincida con su última instantánea."""
    return list(_verificar_cadena()) + list(_verificar_registros())


def historial(tabla: str, registro_id: int) -> list[dict[str, Any]]:
    """Entradas de un registro, de la más antigua a la más reciente."""
    consulta = (Bitacora.select().where((Bitacora.tabla == tabla) & (Bitacora.registro_id == registro_id))
                .order_by(Bitacora.id))
    return [{"momento": e.momento, "usuario": e.usuario, "accion": e.accion,
             "instantanea": json.loads(e.instantanea)} for e in consulta]
