"""Sello de la bitácora: un punto de control que se guarda **fuera** de la base.

La cadena autenticada detecta una entrada alterada, agregada o rehecha, pero no que alguien
con acceso a la base quite las últimas entradas junto con lo que anotaron (el último oficio,
sus entradas y su contador). El sello es un archivo JSON con la posición y el hash de la
última entrada, cuántas entradas había y cuántas filas tenía cada tabla auditada, firmado con
HMAC con la llave de la instalación. Se imprime, se manda a la Contraloría o se guarda en una
USB; :func:`verificar_sello` compara la base de hoy con él y detecta cualquier cambio hecho
antes de ese punto, incluido el truncado.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from app.modelos import AUDITADOS, Bitacora
from app.servicios.nucleo.bitacora import Problema, llave_bitacora
from app.tiempo import ahora_mexico

FORMATO = "dti-sello-bitacora/1"


def _canonico(datos: dict[str, Any]) -> bytes:
    return json.dumps(datos, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _mac(datos: dict[str, Any], llave: bytes) -> str:
    sin_mac = {k: v for k, v in datos.items() if k != "mac"}
    return hmac.new(llave, _canonico(sin_mac), hashlib.sha256).hexdigest()


def sellar() -> dict[str, Any]:
    """El sello de la bitácora tal como está ahora (para guardarlo fuera de la base)."""
    ultima = Bitacora.select(Bitacora.id, Bitacora.hash).order_by(Bitacora.id.desc()).limit(1).tuples().first()
    posicion, hash_ = ultima if ultima else (0, "")
    filas = {modelo._meta.table_name: modelo.select().count() for modelo in AUDITADOS}
    datos: dict[str, Any] = {
        "formato": FORMATO,
        "momento": ahora_mexico().replace(microsecond=0).isoformat(),
        "posicion": posicion,
        "hash": hash_,
        "entradas": Bitacora.select().where(Bitacora.id <= posicion).count(),
        "filas": dict(sorted(filas.items())),
    }
    datos["mac"] = _mac(datos, llave_bitacora())
    return datos


def escribir(ruta: str) -> dict[str, Any]:
    """Escribe el sello en ``ruta`` (JSON legible) de una vez y lo devuelve."""
    from pathlib import Path

    datos = sellar()
    destino = Path(ruta)
    temporal = destino.with_name(destino.name + ".tmp")
    temporal.write_text(json.dumps(datos, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    temporal.replace(destino)
    return datos


def leer(ruta: str) -> dict[str, Any]:
    """Lee un sello; un archivo que no es un sello da un error en español."""
    from pathlib import Path

    from app.errores import ErrorValidacion

    try:
        texto = Path(ruta).read_bytes()[:1_000_000].decode("utf-8")
        datos = json.loads(texto)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ErrorValidacion([("sello", f"No se pudo leer el sello {ruta}: {exc}")]) from exc
    if not isinstance(datos, dict) or datos.get("formato") != FORMATO:
        raise ErrorValidacion([("sello", f"{ruta} no es un sello de la bitácora ({FORMATO}).")])
    return datos


def verificar_sello(sello: dict[str, Any]) -> list[Problema]:
    """Lo que cambió en la base antes del punto del sello (vacío si nada).

    - el sello mismo es auténtico (su HMAC con la llave de la instalación);
    - la entrada de su posición sigue ahí con el mismo hash (nadie truncó ni rehízo la cadena);
    - hay las mismas entradas hasta esa posición (nadie quitó una de en medio);
    - ninguna tabla auditada tiene menos filas que entonces (nada se borra en este sistema).
    """
    problemas: list[Problema] = []
    mac = str(sello.get("mac") or "")
    if not hmac.compare_digest(mac, _mac(sello, llave_bitacora(crear=False))):
        return [Problema("sello", 0, "el sello no es auténtico: se alteró o es de otra instalación "
                                     "(su HMAC no corresponde a la llave de esta instalación)")]
    posicion, hash_ = int(sello.get("posicion") or 0), str(sello.get("hash") or "")
    cuando = sello.get("momento", "")
    if posicion:
        actual = Bitacora.select(Bitacora.hash).where(Bitacora.id == posicion).scalar()
        if actual is None:
            ultima = Bitacora.select(Bitacora.id).order_by(Bitacora.id.desc()).limit(1).scalar() or 0
            problemas.append(Problema("bitacora", posicion, f"falta la entrada del sello del {cuando}: la bitácora "
                                                             f"termina en la entrada {ultima} (se quitaron las últimas "
                                                             "entradas)"))
        elif actual != hash_:
            problemas.append(Problema("bitacora", posicion, f"la entrada del sello del {cuando} cambió: la cadena "
                                                             "se rehízo antes de ese punto"))
    entradas = Bitacora.select().where(Bitacora.id <= posicion).count()
    if entradas != int(sello.get("entradas") or 0):
        problemas.append(Problema("bitacora", posicion, f"hasta la entrada {posicion} había {sello.get('entradas')} "
                                                         f"entradas según el sello del {cuando} y hoy hay {entradas}"))
    filas_hoy = {modelo._meta.table_name: modelo for modelo in AUDITADOS}
    for tabla, antes in sorted((sello.get("filas") or {}).items()):
        modelo = filas_hoy.get(tabla)
        if modelo is None:
            continue
        ahora = modelo.select().count()
        if ahora < int(antes):
            problemas.append(Problema(tabla, 0, f"tiene {ahora} filas y el sello del {cuando} registró {antes}: "
                                                 "se borraron filas"))
    return problemas
