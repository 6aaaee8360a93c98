"""Huella de la llave y ancla de los oficios (issue 17, puntos 7 y 2).

``huella_llave`` guarda la huella (nunca la llave) de la llave de secretos con que se escribió el
primer secreto o la primera entrada de la bitácora: una PC con otra llave rehúsa escribir en vez
de crear la suya en silencio. La huella se anota al primer uso, no en esta migración.

``oficio.ancla_posicion`` y ``oficio.ancla_hash``: la posición y el hash del eslabón de la bitácora
al que se encadenó la emisión del oficio; van en su QR y ``dti oficio verificar`` los compara con
la bitácora. Los oficios ya emitidos quedan sin ancla (nulos) y su QR se verifica como antes.
"""
# Generada a partir de la diferencia de esquema el 2026-12-06 21:37.
from peewee import CharField, DateTimeField, IntegerField, Model


def up(migrator, db):
    class HuellaLlave(Model):
        clave = CharField(unique=True, max_length=30)
        huella = CharField(max_length=64)
        registrada_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'huella_llave'
    db.create_tables([HuellaLlave])

    migrator.migrate(migrator.add_column('oficio', 'ancla_posicion', IntegerField(null=True)))
    migrator.migrate(migrator.add_column('oficio', 'ancla_hash', CharField(null=True, max_length=64)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('oficio', 'ancla_hash'))
    migrator.migrate(migrator.drop_column('oficio', 'ancla_posicion'))
    migrator.migrate(migrator.drop_table('huella_llave'))
