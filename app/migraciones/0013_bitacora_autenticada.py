"""Bitácora autenticada (issue 17, punto 2): cada entrada nueva lleva el HMAC de su hash.

El HMAC se calcula con una llave derivada de la llave de la instalación, que vive fuera de la base
(``DTI_LLAVE`` o ``llave-secretos.key``): quien solo tiene acceso a la base y al código fuente ya no
puede agregar una entrada ni rehacer la cadena de modo que pase la verificación. Las entradas
anteriores quedan con ``mac`` vacío; su alteración se detecta porque cambia el hash de la primera
entrada autenticada que las sigue: en una base que ya tenía entradas, esta migración agrega una
entrada autenticada al final (con SQL y un cálculo de hash propios, como la 0011), para que la
verificación sepa que desde aquí toda entrada lleva su HMAC.
"""
# Generada a partir de la diferencia de esquema el 2026-12-06 20:46.
import hashlib
import hmac
import json

from peewee import SQL, CharField

USUARIO = "sistema"
ACCION = "bitácora autenticada desde aquí (migración 0013)"


def _hash(momento, usuario, accion, tabla, registro_id, foto, anterior):
    contenido = "\x1f".join([momento, usuario, accion, tabla, str(registro_id), foto, anterior])
    return hashlib.sha256(contenido.encode("utf-8")).hexdigest()


def up(migrator, db):
    # Con DEFAULT en la base: una inserción con SQL que no lo nombra (la migración 0011) queda sin HMAC.
    migrator.migrate(migrator.add_column('bitacora', 'mac', CharField(max_length=64, default='',
                                                                      constraints=[SQL("DEFAULT ''")])))
    ultima = db.execute_sql("SELECT id, hash FROM bitacora ORDER BY id DESC LIMIT 1").fetchone()
    if ultima is None:
        return          # base nueva: cada entrada nacerá con su HMAC
    from app.servicios.nucleo.secretos import llave_derivada
    from app.tiempo import ahora_mexico

    p = db.param
    momento = ahora_mexico().replace(tzinfo=None, microsecond=0).isoformat(sep=" ")
    foto = json.dumps({"entradas_sin_hmac": ultima[0]}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    nuevo = _hash(momento, USUARIO, ACCION, "bitacora", 0, foto, ultima[1])
    mac = hmac.new(llave_derivada("bitacora"), nuevo.encode("ascii"), hashlib.sha256).hexdigest()
    db.execute_sql(
        "INSERT INTO bitacora (momento, usuario, accion, tabla, registro_id, instantanea, hash_anterior, hash, mac) "
        f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p})",
        (momento, USUARIO, ACCION[:60], "bitacora", 0, foto, ultima[1], nuevo, mac))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('bitacora', 'mac'))
