"""IVA acreditable de la institución (issue 18): si es falso, el IVA forma parte del costo de un bien."""
# Generada a partir de la diferencia de esquema el 2026-12-04 20:05 y revisada a mano.
from peewee import BooleanField


def up(migrator, db):
    migrator.migrate(migrator.add_column('institucion', 'iva_acreditable', BooleanField(default=False)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('institucion', 'iva_acreditable'))
