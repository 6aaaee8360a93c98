"""Esquema de la base frente a los modelos: la diferencia y la generación de la siguiente migración.

Vive aparte de ``app.base_datos`` (la conexión, que los modelos usan) porque necesita los modelos:
así ``base_datos`` no importa ``modelos`` y no hay ciclo entre los dos.
"""
from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from app import base_datos
from app.modelos import TODOS


def diferencias_esquema():
    """Lo que falta en la base activa para coincidir con los modelos (vacío si coincide)."""
    from playhouse.schema_diff import diff_models

    return base_datos.sin_indices_de_busqueda(diff_models(base_datos.bd.obj, TODOS))


def generar_migracion(nombre: str) -> Path | None:
    """Escribe la siguiente migración numerada con lo que los modelos tienen de nuevo.

    Herramienta de desarrollo: aplica las migraciones existentes a una base SQLite
    en memoria, compara contra los modelos y escribe el archivo (o None si no hay cambios).
    Revise el archivo generado antes de guardarlo en el repositorio.
    """
    from playhouse.migrations import template

    anterior = base_datos.bd.obj
    memoria = SqliteDatabase(":memory:", pragmas={"foreign_keys": 1})
    base_datos.bd.initialize(memoria)
    try:
        memoria.connect()
        base_datos.aplicar_migraciones(comprobar=False) if base_datos.corredor_migraciones().migrations() else None
        diferencia = diferencias_esquema()
        if not diferencia:
            return None
        lineas = [linea for linea in template(diferencia).splitlines()
                  if not ("# TODO:" in linea and "default <function" in linea)]
        cuerpo = f'"""{nombre}"""\n' + "\n".join(lineas).replace(
            "# Generated from a schema diff on", "# Generada a partir de la diferencia de esquema el") + "\n"
        ruta = Path(base_datos.corredor_migraciones().create(nombre, body=cuerpo))
        return ruta
    finally:
        memoria.close()
        base_datos.bd.initialize(anterior)
