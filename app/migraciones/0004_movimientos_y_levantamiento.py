"""Movimientos al inventario y levantamiento físico"""
# Generada a partir de la diferencia de esquema el 2026-11-26 10:35.
from peewee import *


def up(migrator, db):
    class Bien(Model):
        class Meta:
            database = db
            table_name = 'bien'

    class Dependencia(Model):
        class Meta:
            database = db
            table_name = 'dependencia'

    class Oficio(Model):
        class Meta:
            database = db
            table_name = 'oficio'

    class ServidorPublico(Model):
        class Meta:
            database = db
            table_name = 'servidor_publico'

    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    class Movimiento(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        tipo = CharField(index=True, max_length=10)
        estado = CharField(index=True, max_length=12, default='solicitado')
        oficio = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        resguardante_nuevo = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        dependencia_nueva = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        edificio_nuevo = CharField(max_length=150, default='')
        area_nueva = CharField(max_length=150, default='')
        motivo = TextField(default='')
        dictamen_id = IntegerField(index=True, null=True)
        levantamiento_id = IntegerField(index=True, null=True)
        enviado_en = DateTimeField(null=True)
        respuesta_numero = CharField(max_length=100, default='')
        respuesta_fecha = DateField(null=True)
        respuesta_nota = TextField(default='')
        resuelto_en = DateTimeField(null=True)
        solicitado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'movimiento'
    db.create_tables([Movimiento])

    class DetalleMovimiento(Model):
        movimiento = ForeignKeyField(Movimiento, on_delete='RESTRICT')
        bien = ForeignKeyField(Bien, on_delete='RESTRICT')
        resguardante_anterior = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        dependencia_anterior = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        edificio_anterior = CharField(max_length=150, default='')
        area_anterior = CharField(max_length=150, default='')
        estado_bien_anterior = CharField(max_length=20)
        class Meta:
            database = db
            table_name = 'detalle_movimiento'
            indexes = ((('movimiento', 'bien'), True),)
    db.create_tables([DetalleMovimiento])

    class Levantamiento(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        clave = CharField(unique=True, max_length=36)
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        edificio = CharField(max_length=150, default='')
        area = CharField(max_length=150, default='')
        estado = CharField(index=True, max_length=10, default='en_curso')
        iniciado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        iniciado_en = DateTimeField()
        cerrado_en = DateTimeField(null=True)
        base_origen = CharField(max_length=64, default='')
        observaciones = TextField(default='')
        informe = TextField(default='')
        class Meta:
            database = db
            table_name = 'levantamiento'
    db.create_tables([Levantamiento])

    class LecturaLevantamiento(Model):
        levantamiento = ForeignKeyField(Levantamiento, on_delete='RESTRICT')
        numero = CharField(max_length=100)
        bien = ForeignKeyField(Bien, null=True, on_delete='RESTRICT')
        resultado = CharField(max_length=15)
        detalle = CharField(max_length=300, default='')
        momento = DateTimeField()
        usuario = CharField(max_length=100, default='')
        origen = CharField(max_length=20, default='local')
        conflicto = TextField(default='')
        class Meta:
            database = db
            table_name = 'lectura_levantamiento'
            indexes = ((('levantamiento', 'numero'), True),)
    db.create_tables([LecturaLevantamiento])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('lectura_levantamiento'))
    migrator.migrate(migrator.drop_table('levantamiento'))
    migrator.migrate(migrator.drop_table('detalle_movimiento'))
    migrator.migrate(migrator.drop_table('movimiento'))
