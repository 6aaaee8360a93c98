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
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import DatabaseProxy, InterfaceError, OperationalError, PostgresqlDatabase, SqliteDatabase
from playhouse.shortcuts import ReconnectMixin

from app.rutas import carpeta_migraciones

bd = DatabaseProxy()
"""Base de datos activa; se inicializa con :func:`conectar`."""

TABLA_MIGRACIONES = "migracion_esquema"
registro = logging.getLogger(__name__)

# En PostgreSQL solo se serializa lo que debe ir en orden (issue 19, punto 5): la cabeza de la
# cadena de la bitácora y el contador del folio de la serie que se usa. Nada toma un candado al
# empezar: dos PC que escriben registros distintos no se esperan, y las lecturas nunca esperan.
#
# - La bitácora se escribe al final de la transacción (:func:`transaccion` llama al asentador que
#   registra ``app.servicios.nucleo.bitacora``): justo antes del COMMIT se toma este candado
#   consultivo de transacción, se lee la última entrada y se insertan de una vez las entradas de
#   la transacción; el COMMIT lo suelta. Se pide y se lee la cabeza en un solo viaje (dos
#   sentencias: la lectura lleva su propia instantánea, tomada ya con el candado). No necesita
#   permisos sobre ninguna tabla: la cuenta endurecida, sin UPDATE en la bitácora, lo toma igual.
# - Cada folio es un ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (un viaje) que deja bloqueada
#   solo la fila del contador de esa serie y año hasta el COMMIT.
# - Lo que comprueba y luego escribe sobre una misma cosa (un dictamen en curso por bien, un
#   levantamiento abierto por dependencia) pide :func:`serializar` con su clave.
_CLAVE_CANDADO_PG = 0x445449          # «DTI»: la cabeza de la cadena de la bitácora
CANDADO_CADENA_PG = f"SELECT pg_advisory_xact_lock({_CLAVE_CANDADO_PG})"


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


class _EstadoTransaccion(threading.local):
    """Lo diferido de la transacción en curso de este hilo (peewee lleva una conexión por hilo)."""

    def __init__(self) -> None:
        self.abierta = False            # dentro de un transaccion() externo
        self.diferidas: list[Any] = []  # entradas de bitácora de la transacción, en orden
        self.asentadas = 0              # cuántas de ellas ya se escribieron (ver asentar_ahora)
        self.cadena = False             # ya se tomó la cabeza de la cadena en esta transacción


_estado = _EstadoTransaccion()
_asentador: Callable[..., bool | None] | None = None


def fijar_asentador(funcion: Callable[..., bool | None]) -> None:
    """Quién escribe lo diferido (lo fija ``app.servicios.nucleo.bitacora`` al importarse)."""
    global _asentador
    _asentador = funcion


def diferir(elemento: Any) -> bool:
    """Deja ``elemento`` para escribirse al final de la transacción; False si no hay :func:`transaccion`."""
    if not _estado.abierta or bd.transaction_depth() == 0:
        return False
    _estado.diferidas.append(elemento)
    return True


def asentar_ahora(confirmar: bool = False) -> bool:
    """Escribe ya lo diferido de esta transacción (quien lo pide necesita la cadena al día).

    Con ``confirmar`` (solo al final de la transacción externa) el asentador puede mandar el
    COMMIT en el mismo viaje que el último INSERT; devuelve True si lo hizo.
    """
    estado = _estado
    pendientes = estado.diferidas[estado.asentadas:]
    confirmada = False
    if pendientes:
        if _asentador is None:     # pragma: no cover - bitacora lo fija al importarse
            raise RuntimeError("Hay entradas de bitácora pendientes y nadie que las escriba.")
        confirmada = bool(_asentador(pendientes, confirmar=confirmar))
    estado.asentadas = len(estado.diferidas)
    return confirmada


def cadena_tomada() -> bool:
    """Si esta transacción ya tiene la cabeza de la cadena de la bitácora (su candado en PostgreSQL)."""
    return _estado.abierta and _estado.cadena


def marcar_cadena_tomada() -> None:
    _estado.cadena = True


def serializar(*clave: object) -> None:
    """Dentro de la transacción: solo una a la vez con esta ``clave`` (hasta el COMMIT).

    Para lo que se comprueba y luego se escribe sobre una misma cosa (p. ej. «no hay otro dictamen
    en curso de este bien»). En PostgreSQL es un candado consultivo de transacción sobre la clave;
    en SQLite no hace falta (``BEGIN IMMEDIATE`` ya serializa las escrituras).
    """
    if bd.transaction_depth() == 0:
        raise RuntimeError("serializar() se llama dentro de la transacción de escritura.")
    if es_postgres():
        texto = "\x1f".join(str(parte) for parte in clave)
        bd.execute_sql(f"SELECT pg_advisory_xact_lock({_CLAVE_CANDADO_PG}, hashtext(%s))", (texto,))


@contextlib.contextmanager
def transaccion() -> Iterator[None]:
    """Transacción de escritura: o se guarda todo, o nada.

    En SQLite empieza con ``BEGIN IMMEDIATE``. En PostgreSQL no toma ningún candado al empezar:
    las entradas de bitácora se escriben al final, justo antes del COMMIT, con el candado de la
    cabeza de la cadena (ver arriba). Anidada, usa un punto de guardado; si el punto de guardado
    se deshace, sus entradas de bitácora pendientes también (y las que se escribieron dentro de
    él vuelven a quedar pendientes).
    """
    externa = bd.transaction_depth() == 0
    estado = _estado
    if externa:
        estado.abierta, estado.diferidas, estado.asentadas, estado.cadena = True, [], 0, False
    marca, asentadas, cadena = len(estado.diferidas), estado.asentadas, estado.cadena
    try:
        with bd.atomic() as transaccion_peewee:
            yield
            # En PostgreSQL el último INSERT de la bitácora lleva el COMMIT en su mismo viaje: la
            # cabeza de la cadena y la fila del folio se sueltan un viaje antes.
            if externa and asentar_ahora(confirmar=es_postgres()):
                transaccion_peewee.commit = lambda *_args, **_kwargs: None     # ya se confirmó
    except BaseException:
        del estado.diferidas[marca:]
        estado.asentadas = min(estado.asentadas, asentadas, len(estado.diferidas))
        estado.cadena = cadena and estado.cadena
        raise
    finally:
        if externa:
            estado.abierta, estado.diferidas, estado.asentadas, estado.cadena = False, [], 0, False


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
