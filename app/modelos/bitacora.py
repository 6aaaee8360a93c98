"""Bitácora de solo agregar, encadenada por hash y autenticada con la llave de la instalación."""
from __future__ import annotations

from peewee import SQL, CharField, DateTimeField, IntegerField, TextField

from app.modelos.base import ModeloBase, ahora


class Bitacora(ModeloBase):
    """Un cambio: quién, cuándo, qué registro y cómo quedó (instantánea JSON)."""

    momento = DateTimeField(default=ahora)
    usuario = CharField(max_length=100)
    accion = CharField(max_length=60)
    tabla = CharField(max_length=60)
    registro_id = IntegerField()
    instantanea = TextField()
    hash_anterior = CharField(max_length=64)
    hash = CharField(max_length=64)
    # HMAC-SHA256 del hash con la llave de la instalación (fuera de la base): sin ella no se
    # puede agregar ni rehacer una entrada que pase la verificación. Vacío en las anteriores a 0013.
    mac = CharField(max_length=64, default="", constraints=[SQL("DEFAULT ''")])
    # Por dónde se hizo el cambio: «ventana» o «consola» (issue 17, punto 5). Vacío en las
    # anteriores a 0021 y en los procesos sin canal (pruebas, tareas internas); entra en el hash
    # solo cuando no está vacío, así que la cadena de las bases existentes sigue cuadrando.
    canal = CharField(max_length=10, default="", constraints=[SQL("DEFAULT ''")])

    class Meta:
        table_name = "bitacora"
        indexes = ((("tabla", "registro_id"), False),)
