"""Búsqueda indexada (issue 19, punto 1): las listas que filtran al teclear ya no recorren la tabla.

- SQLite: una tabla virtual FTS5 ``fts_<tabla>`` con el tokenizador ``trigram`` por cada tabla
  con columna ``busqueda`` (contenido externo: lee el texto de la tabla, no lo copia), tres
  disparadores que la llevan al día en la misma transacción del alta, la edición y la baja, y el
  índice poblado con lo que ya había (``rebuild``). Si este SQLite no trae FTS5 con trigramas
  (< 3.34), no se crea nada y la búsqueda sigue con ``LIKE``.
- PostgreSQL: la extensión ``pg_trgm`` y un índice GIN ``<tabla>_busqueda_trgm`` sobre
  ``busqueda``. Si la cuenta no puede crear la extensión, se avisa en el registro y la búsqueda
  sigue con ``ILIKE`` sin índice (``CREATE EXTENSION pg_trgm`` por el administrador y
  ``dti iniciar`` no lo rehace: se crean a mano los índices que dice el aviso).

Las tablas virtuales y sus tablas internas (``fts_<tabla>_data``…) no son modelos: la comparación
del esquema con los modelos no las ve, y la bitácora no las cuenta (no son registros de dominio).
"""
import logging

registro = logging.getLogger(__name__)

TABLAS = (
    "bien", "ticket", "oficio", "tramite", "servidor_publico", "licencia", "software", "solicitud_software",
    "dependencia", "proveedor", "dictamen", "mantenimiento", "dispositivo", "bitacora_servidor", "cuenta",
    "solicitud_cuenta", "adquisicion", "plan_respaldo", "recuperacion_informacion", "solicitud_grabacion",
    "solicitud_desbloqueo", "proyecto", "solicitud_carga_web", "solicitud_declaraciones",
    "solicitud_hipervinculos", "hipervinculo",
)


def _sqlite_con_trigramas(db):
    try:
        db.execute_sql("CREATE VIRTUAL TABLE temp._prueba_trigram USING fts5(t, tokenize='trigram')")
    except Exception:  # noqa: BLE001 - sin FTS5 o sin trigramas: se sigue con LIKE
        return False
    db.execute_sql("DROP TABLE temp._prueba_trigram")
    return True


def _sqlite(db):
    if not _sqlite_con_trigramas(db):
        registro.warning("Este SQLite no trae FTS5 con el tokenizador trigram (hace falta 3.34 o posterior): "
                         "la búsqueda de las listas sigue sin índice.")
        return
    for tabla in TABLAS:
        fts = f"fts_{tabla}"
        db.execute_sql(f'CREATE VIRTUAL TABLE "{fts}" USING fts5(busqueda, content=\'{tabla}\', '
                       f"content_rowid='id', tokenize='trigram')")
        db.execute_sql(f'CREATE TRIGGER "{fts}_alta" AFTER INSERT ON "{tabla}" BEGIN '
                       f'INSERT INTO "{fts}"(rowid, busqueda) VALUES (new.id, new.busqueda); END')
        db.execute_sql(f'CREATE TRIGGER "{fts}_baja" AFTER DELETE ON "{tabla}" BEGIN '
                       f'INSERT INTO "{fts}"("{fts}", rowid, busqueda) VALUES (\'delete\', old.id, old.busqueda); END')
        db.execute_sql(f'CREATE TRIGGER "{fts}_cambio" AFTER UPDATE OF busqueda ON "{tabla}" '
                       f'WHEN old.busqueda IS NOT new.busqueda BEGIN '
                       f'INSERT INTO "{fts}"("{fts}", rowid, busqueda) VALUES (\'delete\', old.id, old.busqueda); '
                       f'INSERT INTO "{fts}"(rowid, busqueda) VALUES (new.id, new.busqueda); END')
        db.execute_sql(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')


def _postgres(db):
    try:
        with db.atomic():
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # noqa: BLE001 - sin permiso: la búsqueda sigue sin índice
        registro.warning("No se pudo crear la extensión pg_trgm (%s): la búsqueda de las listas funciona, "
                         "pero sin índice. Pida al administrador del servidor «CREATE EXTENSION pg_trgm;» en "
                         "esta base y cree los índices «CREATE INDEX <tabla>_busqueda_trgm ON <tabla> USING gin "
                         "(busqueda gin_trgm_ops);» de: %s.", str(exc).strip().splitlines()[0] if str(exc) else exc,
                         ", ".join(TABLAS))
        return
    for tabla in TABLAS:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{tabla}_busqueda_trgm" ON "{tabla}" '
                       f"USING gin (busqueda gin_trgm_ops)")


def up(migrator, db):
    from peewee import PostgresqlDatabase, SqliteDatabase

    if isinstance(db, PostgresqlDatabase):
        _postgres(db)
    elif isinstance(db, SqliteDatabase):
        _sqlite(db)
