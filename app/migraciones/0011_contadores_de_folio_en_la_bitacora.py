"""Contadores de folios en la bitácora (issue 17): desde ahora cada cambio de contador se anota.

Una base anterior tiene contadores que nunca entraron en la bitácora y la verificación los
reportaría como creados por fuera. Esta migración solo agrega datos: anota una vez, con su
valor actual, cada contador que aún no aparece en la bitácora, encadenado como cualquier
entrada. Usa SQL y un cálculo de hash propios (no los modelos de hoy), para que siga
corriendo igual aunque el esquema cambie después.
"""
import hashlib
import json

HASH_INICIAL = "0" * 64
USUARIO = "sistema"
ACCION = "registro inicial del contador (migración 0011)"


def _hash(momento, usuario, accion, tabla, registro_id, foto, anterior):
    contenido = "\x1f".join([momento, usuario, accion, tabla, str(registro_id), foto, anterior])
    return hashlib.sha256(contenido.encode("utf-8")).hexdigest()


def up(migrator, db):
    from app.tiempo import ahora_mexico

    p = db.param
    anotados = {fila[0] for fila in db.execute_sql(
        "SELECT DISTINCT registro_id FROM bitacora WHERE tabla = 'contador_folio'").fetchall()}
    contadores = db.execute_sql("SELECT id, serie, anio, ultimo FROM contador_folio ORDER BY id").fetchall()
    pendientes = [c for c in contadores if c[0] not in anotados]
    if not pendientes:
        return
    ultima = db.execute_sql("SELECT hash FROM bitacora ORDER BY id DESC LIMIT 1").fetchone()
    anterior = ultima[0] if ultima else HASH_INICIAL
    momento = ahora_mexico().replace(tzinfo=None, microsecond=0).isoformat(sep=" ")
    for id_, serie, anio, ultimo in pendientes:
        foto = json.dumps({"anio": anio, "id": id_, "serie": serie, "ultimo": ultimo},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        nuevo = _hash(momento, USUARIO, ACCION, "contador_folio", id_, foto, anterior)
        db.execute_sql(
            "INSERT INTO bitacora (momento, usuario, accion, tabla, registro_id, instantanea, hash_anterior, hash) "
            f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p})",
            (momento, USUARIO, ACCION, "contador_folio", id_, foto, anterior, nuevo))
        anterior = nuevo


def down(migrator, db):
    """Las entradas de la bitácora no se quitan: es de solo agregar."""
