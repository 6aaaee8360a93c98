"""Datos de los pasos de trámite (issue 13): valores capturados y adjuntos, cada uno con el paso que lo capturó."""
# Generada a partir de la diferencia de esquema el 2026-12-04 19:52.
from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def up(migrator, db):
    class PasoTramite(Model):
        class Meta:
            database = db
            table_name = 'paso_tramite'

    class Tramite(Model):
        class Meta:
            database = db
            table_name = 'tramite'

    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    class AdjuntoPaso(Model):
        tramite = ForeignKeyField(Tramite, on_delete='RESTRICT')
        paso_tramite = ForeignKeyField(PasoTramite, on_delete='RESTRICT')
        paso = CharField(max_length=10)
        clave = CharField(max_length=60)
        etiqueta = CharField(max_length=200, default='')
        nombre_archivo = CharField(max_length=255)
        tipo = CharField(max_length=10)
        tipo_mime = CharField(max_length=100)
        contenido = BlobField()
        sha256 = CharField(max_length=64)
        tamano = IntegerField()
        creado_en = DateTimeField()
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'adjunto_paso'
    db.create_tables([AdjuntoPaso])

    class ValorPaso(Model):
        tramite = ForeignKeyField(Tramite, on_delete='RESTRICT')
        paso_tramite = ForeignKeyField(PasoTramite, on_delete='RESTRICT')
        paso = CharField(max_length=10)
        clave = CharField(max_length=60)
        etiqueta = CharField(max_length=200, default='')
        tipo = CharField(max_length=20)
        valor = TextField()
        texto = TextField(default='')
        referencia_id = IntegerField(null=True)
        creado_en = DateTimeField()
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'valor_paso'
    db.create_tables([ValorPaso])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('valor_paso'))
    migrator.migrate(migrator.drop_table('adjunto_paso'))
