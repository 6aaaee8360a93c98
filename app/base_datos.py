"""Conexión peewee a partir de una URL, transacciones seguras y migraciones.

Una sola URL elige el motor: ``sqlite:///ruta/dti.sqlite3`` (embebido, una PC)
o ``postgresql://usuario:clave@servidor/base`` (varias PC a la vez).
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import DatabaseProxy, InterfaceError, OperationalError, PostgresqlDatabase, SqliteDatabase
from playhouse.shortcuts import ReconnectMixin

from app.rutas import carpeta_migraciones

bd = DatabaseProxy()
"""Base de datos activa; se inicializa con :func:`conectar`."""

TABLA_MIGRACIONES = "migracion_esquema"
registro = logging.getLogger(__name__)

# La escritura se serializa en PostgreSQL: toda transacción de escritura toma este candado
# antes de tocar nada, así los folios y la cadena de la bitácora nunca se cruzan y no hay
# bloqueos mutuos (todas piden el mismo candado primero). Es un candado consultivo de
# transacción (se suelta solo al terminar). No necesita permisos sobre ninguna tabla: la cuenta endurecida del
# programa, sin UPDATE en la bitácora, lo toma igual (``LOCK TABLE`` exigiría ese permiso).
_CLAVE_CANDADO_PG = 0x445449          # «DTI»
_CANDADO_PG = f"SELECT pg_advisory_xact_lock({_CLAVE_CANDADO_PG})"


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


def conectar(url: str, migrar: bool = True,
             avance: Callable[[str, int, int], None] | None = None) -> SqliteDatabase | PostgresqlDatabase:
    """Abre la base de ``url``, la asigna a :data:`bd` y aplica las migraciones pendientes.

    ``avance(nombre, n, total)`` se llama antes de aplicar cada migración (la ventana de inicio
    dice cuál va; una base nueva aplica todas).
    """
    base = crear_base(url)
    bd.initialize(base)
    try:
        base.connect(reuse_if_open=True)
    except Exception as exc:  # el controlador dice por qué; lo traducimos
        raise ErrorBaseDatos(f"No se pudo abrir la base de datos ({_url_sin_clave(url)}): {exc}") from exc
    if isinstance(base, SqliteDatabase) and base.database != ":memory:":
        for sufijo in ("", "-wal", "-shm"):
            if Path(f"{base.database}{sufijo}").exists():
                solo_el_usuario(f"{base.database}{sufijo}")
    if migrar:
        aplicar_migraciones(avance=avance)
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


def registrar_modelos(modelos: Sequence[type]) -> None:
    """Los modelos con los que se compara la base después de migrar (los registra ``app.modelos``).

    Así esta capa compara sin importar los modelos (que dependen de ella).
    """
    global _MODELOS
    _MODELOS = modelos      # la misma lista: lo que se le agregue después también cuenta


_MODELOS: Sequence[type] = ()


def diferencias_con_modelos() -> int:
    """Cuántas diferencias hay entre la base activa y los modelos registrados (0 si coincide)."""
    if not _MODELOS:
        return 0
    from playhouse.schema_diff import diff_models

    return sum(len(cambios) for cambios in sin_indices_de_busqueda(diff_models(bd.obj, _MODELOS)))


SUFIJO_INDICE_BUSQUEDA = "_busqueda_trgm"
"""Los índices de trigramas de la búsqueda (migración 0023) no son de los modelos: no cuentan como diferencia."""


def sin_indices_de_busqueda(diferencia):
    """``diferencia`` (de ``diff_models``) sin los índices GIN de la búsqueda indexada de PostgreSQL.

    Las tablas virtuales FTS5 de SQLite no hace falta quitarlas: ``diff_models`` no mira las tablas
    que ningún modelo cubre.
    """
    # diff_models empareja por firma (columnas, único): el índice de trigramas (sobre «busqueda») puede
    # quedarse con la firma del índice común de esa columna, y entonces el que sobra es el común.
    con_trigramas: dict[str, bool] = {}

    def de_busqueda(indice) -> bool:
        if (indice.name or "").endswith(SUFIJO_INDICE_BUSQUEDA):
            return True
        if tuple(indice.columns or ()) != ("busqueda",):
            return False
        if indice.table not in con_trigramas:
            con_trigramas[indice.table] = any(i.name.endswith(SUFIJO_INDICE_BUSQUEDA)
                                              for i in bd.obj.get_indexes(indice.table))
        return con_trigramas[indice.table]

    return diferencia._replace(drop_indexes=[i for i in diferencia.drop_indexes if not de_busqueda(i)])


class ErrorMigracion(ErrorBaseDatos):
    """Una migración falló o dejó un esquema distinto del de los modelos; la base quedó como antes."""


def aplicar_migraciones(hasta: str | None = None, comprobar: bool = True,
                        avance: Callable[[str, int, int], None] | None = None) -> list[str]:
    """Aplica las migraciones pendientes (todas, o hasta ``hasta``) y devuelve sus nombres.

    Si una migración falla, o al terminar (con ``comprobar`` y sin ``hasta``) el esquema no coincide
    con los modelos, nada queda aplicado: en SQLite se vuelve a la copia tomada antes de migrar y en
    PostgreSQL se deshace la transacción que envuelve todas las migraciones. Lanza
    :class:`ErrorMigracion` con la explicación en español.
    """
    corredor = corredor_migraciones()
    if not corredor.migrations():
        # Sin archivos de migración el programa no crearía tablas y no avisaría.
        raise ErrorBaseDatos(
            f"No se encontraron las migraciones del esquema en {carpeta_migraciones()}.")
    pendientes = [m for m in corredor.status() if not m.applied and m.path]
    if not pendientes:
        return []
    anterior = max(corredor.applied(), default=None)
    copia = None
    if isinstance(bd.obj, SqliteDatabase):
        copia = _respaldar_sqlite(pendientes[0].name)
    en_curso = [pendientes[0].name]
    try:
        with bd.atomic() if es_postgres() else contextlib.nullcontext():
            aplicadas = _correr(corredor, hasta, en_curso, avance)
            diferencias = diferencias_con_modelos() if comprobar and hasta is None else 0
            if diferencias:
                raise _EsquemaDistinto(diferencias)
    except Exception as exc:  # noqa: BLE001 - cualquier falla deja la base como estaba
        # Solo al registro detallado: la consola y la ventana muestran el mensaje en español.
        registro.info("Falló la migración %s", en_curso[-1], exc_info=True)
        _deshacer_sqlite(copia, anterior)
        raise ErrorMigracion(_mensaje_migracion(en_curso[-1], anterior, exc)) from exc
    if copia is not None and anterior is None:
        copia.unlink(missing_ok=True)      # una base nueva no tenía nada que proteger
    for nombre in aplicadas:
        registro.info("Migración aplicada: %s", nombre)
    return aplicadas


class _EsquemaDistinto(Exception):
    def __init__(self, cuantas: int):
        super().__init__(f"{cuantas} diferencia(s) entre la base y los modelos")
        self.cuantas = cuantas


def _correr(corredor, hasta: str | None, en_curso: list[str],
            avance: Callable[[str, int, int], None] | None = None) -> list[str]:
    """``Runner.up`` migración por migración, anotando en ``en_curso`` la que se está aplicando."""
    filas = [m for m in corredor.status() if m.path]
    if hasta is not None and hasta not in {m.name for m in filas}:
        return corredor.up(target=hasta)          # el corredor explica que no existe
    plan: list[str] = []
    for migracion in filas:
        if not migracion.applied:
            plan.append(migracion.name)
        if migracion.name == hasta:
            break
    aplicadas: list[str] = []
    for numero, nombre in enumerate(plan, 1):
        en_curso.append(nombre)
        if avance is not None:
            avance(nombre, numero, len(plan))
        aplicadas += corredor.up(target=nombre)
    return aplicadas


def _mensaje_migracion(nombre: str, anterior: str | None, exc: Exception) -> str:
    como_estaba = (f"la base quedó como estaba antes (versión {anterior})" if anterior
                   else "la base quedó sin esquema, como estaba")
    if isinstance(exc, _EsquemaDistinto):
        causa = (f"las migraciones se aplicaron pero el esquema resultante no coincide con el del "
                 f"programa ({exc.cuantas} diferencia(s))")
    else:
        detalle = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        causa = f"la migración «{nombre}» falló ({detalle})"
    return (f"No se pudo actualizar el esquema de la base de datos: {causa}. No se aplicó ningún cambio: "
            f"{como_estaba}. Avise a la Dirección de Tecnologías de la Información antes de volver a abrirla "
            "con esta versión del programa.")


def _deshacer_sqlite(copia: Path | None, anterior: str | None) -> None:
    """Vuelve la base SQLite a la copia de antes de migrar (con la API de respaldo, sobre la conexión)."""
    if copia is None or not isinstance(bd.obj, SqliteDatabase):
        return
    import sqlite3

    origen = sqlite3.connect(str(copia))
    try:
        origen.backup(bd.obj.connection())
    finally:
        origen.close()
    if anterior is None:
        copia.unlink(missing_ok=True)


def _respaldar_sqlite(siguiente: str) -> Path | None:
    """Copia coherente del archivo antes de migrar (``VACUUM INTO``), junto a la base, solo para el usuario."""
    ruta = bd.obj.database
    if ruta == ":memory:":
        return None
    destino = Path(f"{ruta}.antes-de-{siguiente}.respaldo")
    if destino.exists():
        destino.unlink()
    bd.obj.execute_sql("VACUUM INTO ?", (str(destino),))
    solo_el_usuario(destino)
    registro.info("Respaldo antes de migrar: %s", destino)
    return destino


def solo_el_usuario(ruta: Path | str) -> None:
    """Deja ``ruta`` legible y escribible solo por su dueño (0600); en Windows no cambia nada."""
    with contextlib.suppress(OSError):
        os.chmod(ruta, stat.S_IRUSR | stat.S_IWUSR)


def version_esquema() -> str | None:
    """Nombre de la última migración aplicada, o None si la base está vacía."""
    aplicadas = corredor_migraciones().applied()
    return max(aplicadas) if aplicadas else None


_SENALES_DE_CONEXION_PERDIDA = (
    "server closed the connection", "terminating connection", "could not receive data",
    "could not send data", "connection already closed", "connection not open", "could not connect",
    "connection refused", "no connection to the server", "ssl connection has been closed",
    "connection timed out", "server conn crashed", "cannot operate on a closed database",
)

MENSAJE_CONEXION_PERDIDA = (
    "Se perdió la conexión con la base de datos; la operación no se guardó. Revise la red o que el "
    "servidor esté encendido y vuelva a intentarlo; si sigue igual, avise a la Dirección de Tecnologías "
    "de la Información.")


def _errores_del_controlador() -> tuple[tuple[type, ...], tuple[type, ...]]:
    """(errores de interfaz, errores de operación) de peewee, sqlite3 y psycopg2 (si está instalado)."""
    import sqlite3

    from peewee import DatabaseError

    interfaz: list[type] = [InterfaceError, sqlite3.InterfaceError]
    operacion: list[type] = [DatabaseError, sqlite3.DatabaseError]
    try:
        import psycopg2
    except ImportError:  # pragma: no cover - sin PostgreSQL instalado
        pass
    else:
        interfaz.append(psycopg2.InterfaceError)
        operacion.append(psycopg2.DatabaseError)
    return tuple(interfaz), tuple(operacion)


def mensaje_error_base_datos(exc: BaseException) -> str | None:
    """El error del controlador de la base traducido para el usuario, o None si no es de la base.

    Nunca devuelve el texto del controlador (en inglés): una conexión caída dice que se perdió la
    conexión y que la operación no se guardó.
    """
    interfaz, operacion = _errores_del_controlador()
    if not isinstance(exc, interfaz + operacion):
        return None
    texto = str(exc).lower()
    if isinstance(exc, interfaz) or any(senal in texto for senal in _SENALES_DE_CONEXION_PERDIDA):
        return MENSAJE_CONEXION_PERDIDA
    if "permission denied" in texto or "permiso denegado" in texto or "bitácora no se modifica" in texto:
        return ("La cuenta de la base de datos no tiene permiso para esta operación; no se guardó nada. "
                "La bitácora no se cambia ni se borra, y para actualizar el esquema se ejecuta «dti iniciar» "
                "con la cuenta propietaria de la base.")
    if "database is locked" in texto or "database is busy" in texto:
        return ("La base de datos está ocupada por otra operación; la operación no se guardó. "
                "Espere unos segundos y vuelva a intentarlo.")
    return ("La base de datos no pudo completar la operación; no se guardó nada. Si se repite, avise a la "
            "Dirección de Tecnologías de la Información.")
