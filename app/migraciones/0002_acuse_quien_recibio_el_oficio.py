"""Acuse de recibo: quién recibió el oficio (además de la fecha y hora)."""
# Generada a partir de la diferencia de esquema el 2026-11-26 08:57.
from peewee import *

def up(migrator, db):
    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    migrator.migrate(migrator.add_column('oficio', 'recibido_por_id', ForeignKeyField(Usuario, field=Usuario.id, null=True, on_delete='RESTRICT')))


def down(migrator, db):
    migrator.migrate(migrator.drop_index('oficio', 'oficio_recibido_por_id'))
    migrator.migrate(migrator.drop_column('oficio', 'recibido_por_id'))
