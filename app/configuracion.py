"""Configuración local: qué base de datos usar y dónde viven los datos del usuario.

La URL de la base se decide en este orden (la primera que exista gana):

1. la opción ``--db URL`` de la consola o de la GUI;
2. la variable de entorno ``DTI_DB_URL``;
3. ``db_url`` en ``config.json`` dentro de la carpeta de datos del usuario;
4. un archivo SQLite ``dti.sqlite3`` en la carpeta de datos del usuario.

La carpeta de datos es la de la aplicación para el usuario (en Windows,
``%LOCALAPPDATA%\\Ayuntamiento\\DTI``); ``DTI_DATOS`` la cambia (útil en pruebas).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

NOMBRE_APP = "DTI"
AUTOR_APP = "Ayuntamiento"
ARCHIVO_CONFIG = "config.json"
ARCHIVO_SQLITE = "dti.sqlite3"


class ErrorConfiguracion(Exception):
    """La configuración local no se puede leer o no tiene sentido."""


def carpeta_datos() -> Path:
    """Carpeta de datos del usuario; se crea si no existe."""
    propia = os.environ.get("DTI_DATOS")
    if propia:
        carpeta = Path(propia)
    else:
        from platformdirs import user_data_dir

        carpeta = Path(user_data_dir(NOMBRE_APP, AUTOR_APP))
    carpeta.mkdir(parents=True, exist_ok=True)
    return carpeta


def leer_config() -> dict:
    """Lee ``config.json`` de la carpeta de datos (vacío si no existe)."""
    ruta = carpeta_datos() / ARCHIVO_CONFIG
    if not ruta.exists():
        return {}
    try:
        datos = json.loads(ruta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ErrorConfiguracion(
            f"No se pudo leer la configuración {ruta}: {exc}") from exc
    if not isinstance(datos, dict):
        raise ErrorConfiguracion(f"La configuración {ruta} no es un objeto JSON.")
    return datos


def guardar_config(cambios: dict) -> Path:
    """Mezcla ``cambios`` en ``config.json`` y lo guarda de forma atómica."""
    ruta = carpeta_datos() / ARCHIVO_CONFIG
    datos = leer_config()
    datos.update(cambios)
    temporal = ruta.with_suffix(".tmp")
    temporal.write_text(json.dumps(datos, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporal, ruta)
    return ruta


def url_por_omision() -> str:
    """SQLite embebido en la carpeta de datos del usuario."""
    return f"sqlite:///{(carpeta_datos() / ARCHIVO_SQLITE).as_posix()}"


def resolver_url_bd(url_opcion: str | None = None) -> str:
    """Devuelve la URL de la base según el orden documentado en el módulo."""
    if url_opcion:
        return url_opcion
    entorno = os.environ.get("DTI_DB_URL")
    if entorno:
        return entorno
    configurada = leer_config().get("db_url")
    if configurada:
        return str(configurada)
    return url_por_omision()
