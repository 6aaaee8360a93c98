"""Mesa de ayuda y calendario laboral"""
# Generada a partir de la diferencia de esquema el 2026-11-26 10:32.
from peewee import *


def up(migrator, db):
    class DiaInhabil(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        fecha = DateField(unique=True)
        descripcion = CharField(max_length=200, default='')
        activo = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'dia_inhabil'
    db.create_tables([DiaInhabil])

    class HorarioLaboral(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        hora_inicio = CharField(max_length=5, default='08:00')
        hora_fin = CharField(max_length=5, default='16:00')
        dias_habiles = CharField(max_length=20, default='0,1,2,3,4')
        class Meta:
            database = db
            table_name = 'horario_laboral'
    db.create_tables([HorarioLaboral])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('horario_laboral'))
    migrator.migrate(migrator.drop_table('dia_inhabil'))
