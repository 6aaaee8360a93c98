"""Conexión peewee a partir de una URL, transacciones seguras y migraciones.

Una sola URL elige el motor: ``sqlite:///ruta/dti.sqlite3`` (embebido, una PC)
o ``postgresql://usuario:clave@servidor/base`` (varias PC a la vez).
"""
from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import DatabaseProxy, InterfaceError, OperationalError, PostgresqlDatabase, SqliteDatabase
from playhouse.shortcuts import ReconnectMixin

from app.rutas import carpeta_migraciones

bd = DatabaseProxy()
"""Base de datos activa; se inicializa con :func:`conectar`."""

TABLA_MIGRACIONES = "migracion_esquema"
registro = logging.getLogger(__name__)

# Tablas cuya escritura se serializa en PostgreSQL: toda transacción de escritura
# toma este candado antes de tocar nada, así los folios y la cadena de la bitácora
# nunca se cruzan y no hay bloqueos mutuos (todas piden el mismo candado primero).
_CANDADO_PG = 'LOCK TABLE "bitacora" IN SHARE ROW EXCLUSIVE MODE'


class PostgresReconectable(ReconnectMixin, PostgresqlDatabase):
    """PostgreSQL que vuelve a conectarse si el servidor se reinició o la red se cortó.

    Solo reintenta fuera de una transacción (al empezarla o en una lectura suelta): una
    transacción interrumpida se pierde entera y el usuario conserva lo que capturó.
    """

    reconnect_errors = (
        (OperationalError, "server closed the connection"),
        (OperationalError, "terminating connection"),
        (OperationalError, "could not receive data"),
        (OperationalError, "connection already closed"),
        (InterfaceError, "connection already closed"),
    )


class ErrorBaseDatos(Exception):
    """La base de datos no se puede abrir o su URL no es válida."""


def _es_ruta_de_red(ruta: str) -> bool:
    return ruta.startswith("\\\\") or ruta.startswith("//")


def crear_base(url: str) -> SqliteDatabase | PostgresqlDatabase:
    """Construye (sin abrir) la base peewee que describe ``url``."""
    partes = urlparse(url)
    esquema = partes.scheme.lower()
    if esquema == "sqlite":
        ruta = unquote(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else ""
        if not ruta:
            raise ErrorBaseDatos("La URL de SQLite debe ser sqlite:///ruta/al/archivo.sqlite3")
        if _es_ruta_de_red(ruta):
            raise ErrorBaseDatos(
                "Un archivo SQLite no se comparte por una carpeta de red: para varias PC "
                "use un servidor PostgreSQL (postgresql://usuario:clave@servidor/base).")
        if ruta != ":memory:":
            # En Windows la URL llega como sqlite:///C:/... y en Linux como sqlite:////ruta.
            if re.match(r"^/[A-Za-z]:/", ruta):
                ruta = ruta[1:]
            Path(ruta).parent.mkdir(parents=True, exist_ok=True)
        return SqliteDatabase(
            ruta,
            pragmas={
                "journal_mode": "wal",
                "foreign_keys": 1,
                "busy_timeout": 30000,
                "synchronous": "full",
            },
            # Toda escritura empieza con BEGIN IMMEDIATE: leer y luego escribir
            # dentro de BEGIN DEFERRED falla al instante con "database is locked".
            lock_type="IMMEDIATE",
            timeout=30,
        )
    if esquema in ("postgresql", "postgres"):
        nombre = partes.path.lstrip("/")
        if not nombre:
            raise ErrorBaseDatos("La URL de PostgreSQL debe incluir la base: postgresql://usuario@servidor/base")
        opciones = {
            "host": partes.hostname or "127.0.0.1",
            "port": partes.port or 5432,
            "user": unquote(partes.username) if partes.username else None,
            "password": unquote(partes.password) if partes.password else None,
            "connect_timeout": 10,
            "application_name": "dti",
        }
        return PostgresReconectable(nombre,
                                  **{k: v for k, v in opciones.items() if v is not None})
    raise ErrorBaseDatos(
        f"Motor de base de datos no reconocido: «{esquema or url}». "
        "Use sqlite:///archivo.sqlite3 o postgresql://usuario:clave@servidor/base.")


def conectar(url: str, migrar: bool = True) -> SqliteDatabase | PostgresqlDatabase:
    """Abre la base de ``url``, la asigna a :data:`bd` y aplica las migraciones pendientes."""
    base = crear_base(url)
    bd.initialize(base)
    try:
        base.connect(reuse_if_open=True)
    except Exception as exc:  # el controlador dice por qué; lo traducimos
        raise ErrorBaseDatos(f"No se pudo abrir la base de datos ({_url_sin_clave(url)}): {exc}") from exc
    if migrar:
        aplicar_migraciones()
    return base


def cerrar() -> None:
    """Cierra la conexión activa, si la hay."""
    base = bd.obj
    if base is not None and not base.is_closed():
        base.close()


def es_postgres() -> bool:
    return isinstance(bd.obj, PostgresqlDatabase)


def descripcion_conexion() -> str:
    """Qué base está abierta, sin la contraseña: «SQLite: C:/…/dti.sqlite3» o «PostgreSQL: usuario@servidor/base»."""
    base = bd.obj
    if base is None:
        return "Sin base de datos"
    if es_postgres():
        parametros = base.connect_params
        servidor = parametros.get("host", "")
        puerto = parametros.get("port")
        if puerto and puerto != 5432:
            servidor = f"{servidor}:{puerto}"
        usuario = parametros.get("user")
        return f"PostgreSQL: {usuario + '@' if usuario else ''}{servidor}/{base.database}"
    return f"SQLite: {base.database}"


def _url_sin_clave(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


@contextlib.contextmanager
def transaccion() -> Iterator[None]:
    """Transacción de escritura: o se guarda todo, o nada.

    En SQLite empieza con ``BEGIN IMMEDIATE``; en PostgreSQL toma primero el
    candado de escritura compartido por toda la aplicación. Anidada, usa un
    punto de guardado.
    """
    externa = bd.transaction_depth() == 0
    with bd.atomic():
        if externa and es_postgres():
            bd.execute_sql(_CANDADO_PG)
        yield


def corredor_migraciones():
    from playhouse.migrations import Runner

    return Runner(bd.obj, directory=str(carpeta_migraciones()), table_name=TABLA_MIGRACIONES)


def aplicar_migraciones(hasta: str | None = None) -> list[str]:
    """Aplica las migraciones pendientes (todas, o hasta ``hasta``) y devuelve sus nombres."""
    corredor = corredor_migraciones()
    if not corredor.migrations():
        # Sin archivos de migración el programa no crearía tablas y no avisaría.
        raise ErrorBaseDatos(
            f"No se encontraron las migraciones del esquema en {carpeta_migraciones()}.")
    pendientes = [m for m in corredor.status() if not m.applied and m.path]
    if pendientes and corredor.applied() and isinstance(bd.obj, SqliteDatabase):
        _respaldar_sqlite(pendientes[0].name)
    aplicadas = corredor.up(target=hasta)
    for nombre in aplicadas:
        registro.info("Migración aplicada: %s", nombre)
    return aplicadas


def _respaldar_sqlite(siguiente: str) -> Path | None:
    """Copia coherente del archivo antes de migrar (``VACUUM INTO``), junto a la base."""
    ruta = bd.obj.database
    if ruta == ":memory:":
        return None
    destino = Path(f"{ruta}.antes-de-{siguiente}.respaldo")
    if destino.exists():
        destino.unlink()
    bd.obj.execute_sql("VACUUM INTO ?", (str(destino),))
    registro.info("Respaldo antes de migrar: %s", destino)
    return destino


def version_esquema() -> str | None:
    """Nombre de la última migración aplicada, o None si la base está vacía."""
    aplicadas = corredor_migraciones().applied()
    return max(aplicadas) if aplicadas else None
