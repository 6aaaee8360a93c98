"""Respaldo y restauración de la base SQLite, con la API de respaldo en línea de SQLite.

Crear copia la base abierta página por página (coherente aunque otros escriban) a un archivo nuevo
legible solo por el usuario. Restaurar **valida** el respaldo antes de tocar nada: que sea una base
SQLite íntegra (``PRAGMA integrity_check``), que su esquema no sea más nuevo que el del programa y que
su bitácora pase la verificación completa; guarda aparte la base actual y solo entonces la reemplaza.
Con PostgreSQL el respaldo lo hace el servidor (``pg_dump`` / ``pg_restore``): aquí solo se explica cómo.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from app import base_datos
from app.errores import ErrorDTI
from app.tiempo import ahora_mexico

CABECERA_SQLITE = b"SQLite format 3\x00"

GUIA_POSTGRES = (
    "Con PostgreSQL el respaldo lo hace el servidor, no este programa. Para respaldar: "
    "pg_dump --format=custom --file=dti-AAAA-MM-DD.respaldo \"postgresql://usuario@servidor/base\". "
    "Para restaurar (con todas las PC cerradas): pg_restore --clean --if-exists --single-transaction "
    "--dbname=\"postgresql://usuario@servidor/base\" dti-AAAA-MM-DD.respaldo y después "
    "«dti verificar-bitacora». Guarde el archivo fuera del servidor y solo para el administrador.")


class ErrorRespaldo(ErrorDTI):
    """El respaldo no se pudo crear, o no es válido y no se restauró."""


class RespaldoEnPostgres(ErrorDTI):
    """La base es PostgreSQL: el respaldo se hace con las herramientas del servidor."""

    def __init__(self) -> None:
        super().__init__(GUIA_POSTGRES)


@dataclass(frozen=True)
class Resumen:
    """Lo que contiene un respaldo: su archivo, la versión del esquema y las entradas de la bitácora."""

    ruta: Path
    version: str
    entradas_bitacora: int


def _ruta_base() -> Path:
    if base_datos.es_postgres():
        raise RespaldoEnPostgres()
    ruta = base_datos.bd.obj.database
    if ruta == ":memory:":
        raise ErrorRespaldo("La base está en memoria: no hay archivo que respaldar.")
    return Path(ruta).resolve()


def _archivo_nuevo_privado(ruta: Path) -> None:
    """Crea ``ruta`` vacía con permisos 0600 desde el principio (nadie más alcanza a leerla)."""
    descriptor = os.open(ruta, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    os.close(descriptor)


def _version_y_entradas(conexion: sqlite3.Connection) -> tuple[str, int]:
    version = conexion.execute(f"SELECT max(name) FROM {base_datos.TABLA_MIGRACIONES}").fetchone()[0]
    entradas = conexion.execute("SELECT count(*) FROM bitacora").fetchone()[0]
    return version or "sin esquema", entradas


def crear(salida: str | Path) -> Resumen:
    """Escribe en ``salida`` una copia coherente de la base abierta (archivo nuevo, permisos 0600)."""
    origen = _ruta_base()
    destino = Path(salida).resolve()
    if destino == origen:
        raise ErrorRespaldo("El respaldo no puede escribirse sobre la misma base de datos.")
    if destino.is_dir():
        raise ErrorRespaldo(f"{destino} es una carpeta: indique el nombre del archivo del respaldo.")
    destino.parent.mkdir(parents=True, exist_ok=True)
    temporal = destino.with_name(f".{destino.name}.{os.getpid()}.tmp")
    temporal.unlink(missing_ok=True)
    _archivo_nuevo_privado(temporal)
    try:
        with closing(sqlite3.connect(temporal)) as copia:
            base_datos.bd.obj.connection().backup(copia)
            copia.execute("PRAGMA journal_mode=DELETE")    # un solo archivo, sin -wal aparte
            version, entradas = _version_y_entradas(copia)
        os.replace(temporal, destino)
    except BaseException:
        temporal.unlink(missing_ok=True)
        raise
    base_datos.solo_el_usuario(destino)
    return Resumen(destino, version, entradas)


def _revisar_archivo(ruta: Path) -> None:
    try:
        info = ruta.stat()
    except OSError:
        raise ErrorRespaldo(f"No se encontró el respaldo {ruta}; no se restauró nada.") from None
    if not stat.S_ISREG(info.st_mode):
        raise ErrorRespaldo(f"{ruta} no es un archivo de respaldo; no se restauró nada.")
    with ruta.open("rb") as archivo:
        if archivo.read(len(CABECERA_SQLITE)) != CABECERA_SQLITE:
            raise ErrorRespaldo(f"{ruta} no es un respaldo de la base del sistema (no es un archivo SQLite); no se restauró nada.")


def _revisar_integridad(copia: Path) -> None:
    migraciones = {m.name for m in base_datos.corredor_migraciones().migrations()}
    try:
        with closing(sqlite3.connect(copia)) as conexion:
            resultado = [fila[0] for fila in conexion.execute("PRAGMA integrity_check")]
            if resultado != ["ok"]:
                raise ErrorRespaldo(f"El respaldo está dañado (la revisión de integridad de SQLite encontró "
                                    f"{len(resultado)} problema(s)); no se restauró nada.")
            tablas = {fila[0] for fila in conexion.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if base_datos.TABLA_MIGRACIONES not in tablas or "bitacora" not in tablas:
                raise ErrorRespaldo("El archivo no es un respaldo de la base del sistema DTI (no tiene su "
                                    "esquema ni su bitácora); no se restauró nada.")
            aplicadas = {fila[0] for fila in conexion.execute(f"SELECT name FROM {base_datos.TABLA_MIGRACIONES}")}
    except sqlite3.DatabaseError:
        raise ErrorRespaldo("El respaldo está dañado: SQLite no lo puede leer; no se restauró nada.") from None
    desconocidas = sorted(aplicadas - migraciones)
    if desconocidas:
        raise ErrorRespaldo(f"El respaldo es de una versión más nueva del programa (esquema {desconocidas[-1]}); "
                            "actualice el programa antes de restaurarlo. No se restauró nada.")


@contextmanager
def _base_activa(ruta: Path) -> Iterator[None]:
    """Durante el bloque, los modelos leen la base de ``ruta``; al salir, vuelve la base de antes."""
    anterior = base_datos.bd.obj
    aparte = base_datos.crear_base(f"sqlite:///{ruta.as_posix()}")
    base_datos.bd.initialize(aparte)
    try:
        aparte.connect()
        yield
    finally:
        aparte.close()
        base_datos.bd.initialize(anterior)


def _revisar_bitacora(copia: Path) -> Resumen:
    """Lleva la copia al esquema del programa y verifica su bitácora, abierta aparte de la base actual."""
    from app.servicios.nucleo import bitacora

    with _base_activa(copia):
        try:
            base_datos.aplicar_migraciones()
        except base_datos.ErrorBaseDatos as exc:
            raise ErrorRespaldo(f"El respaldo no se puede llevar a la versión del programa; no se restauró nada. {exc}") from None
        problemas = bitacora.verificar()
        version = base_datos.version_esquema() or "sin esquema"
        from app.modelos import Bitacora

        entradas = Bitacora.select().count()
    if problemas:
        raise ErrorRespaldo(f"La bitácora del respaldo no pasa la verificación ({len(problemas)} problema(s); "
                            f"el primero: {problemas[0]}). Pudo alterarse; no se restauró nada.")
    return Resumen(copia, version, entradas)


@contextmanager
def copia_validada(ruta: str | Path) -> Iterator[tuple[Resumen, Path]]:
    """Copia privada y ya validada del respaldo ``ruta`` (se borra al salir); lanza :class:`ErrorRespaldo`.

    Se valida y se restaura la misma copia: el archivo original puede cambiar después sin efecto.
    """
    original = Path(ruta)
    _revisar_archivo(original)
    carpeta = Path(tempfile.mkdtemp(prefix="dti-restaurar-"))
    try:
        copia = carpeta / "respaldo.sqlite3"
        _archivo_nuevo_privado(copia)
        with original.open("rb") as fuente, copia.open("wb") as destino:
            shutil.copyfileobj(fuente, destino)
        _revisar_integridad(copia)
        resumen = _revisar_bitacora(copia)
        yield Resumen(original, resumen.version, resumen.entradas_bitacora), copia
    finally:
        shutil.rmtree(carpeta, ignore_errors=True)


def validar(ruta: str | Path) -> Resumen:
    """Valida el respaldo ``ruta`` sin tocar la base abierta."""
    _ruta_base()
    with copia_validada(ruta) as (resumen, _copia):
        return resumen


def restaurar(ruta: str | Path) -> tuple[Resumen, Path]:
    """Valida ``ruta``, guarda aparte la base actual y la reemplaza por el respaldo.

    Devuelve el resumen del respaldo restaurado y el archivo donde quedó la base de antes.
    """
    actual = _ruta_base()
    with copia_validada(ruta) as (resumen, copia):
        marca = ahora_mexico().strftime("%Y%m%d-%H%M%S")
        anterior = actual.with_name(f"{actual.name}.antes-de-restaurar-{marca}.respaldo")
        anterior.unlink(missing_ok=True)
        base_datos.bd.obj.execute_sql("VACUUM INTO ?", (str(anterior),))
        base_datos.solo_el_usuario(anterior)
        with closing(sqlite3.connect(copia)) as fuente:
            fuente.backup(base_datos.bd.obj.connection())
    return resumen, anterior
