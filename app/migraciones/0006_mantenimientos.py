"""Mantenimientos: equipos, planes preventivos, avisos y bitácora de servidores"""
# Generada a partir de la diferencia de esquema el 2026-11-26 10:32.
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

    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    class Dispositivo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(unique=True, max_length=150)
        tipo = CharField(index=True, max_length=30)
        ubicacion = CharField(max_length=200, default='')
        bien = ForeignKeyField(Bien, null=True, on_delete='RESTRICT')
        dependencias = TextField(default='')
        descripcion = TextField(default='')
        activo = BooleanField(default=True)
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'dispositivo'
    db.create_tables([Dispositivo])

    class PlanPreventivo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        dispositivo = ForeignKeyField(Dispositivo, on_delete='RESTRICT')
        cada = IntegerField()
        unidad = CharField(max_length=10)
        inicio = DateField()
        hora = CharField(max_length=5)
        duracion_min = IntegerField(default=120)
        actividades = TextField(default='')
        hasta = DateField(null=True)
        activo = BooleanField(default=True)
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'plan_preventivo'
    db.create_tables([PlanPreventivo])

    class Mantenimiento(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        numero = CharField(unique=True, max_length=30)
        anio = IntegerField()
        consecutivo = IntegerField()
        procedimiento = IntegerField(index=True)
        clase = CharField(max_length=12)
        dispositivo = ForeignKeyField(Dispositivo, on_delete='RESTRICT')
        plan = ForeignKeyField(PlanPreventivo, null=True, on_delete='RESTRICT')
        fecha_plan = DateField(null=True)
        inicio = DateTimeField(index=True)
        fin = DateTimeField()
        descripcion = TextField(default='')
        dependencias = TextField(default='')
        acordado_con = CharField(max_length=300, default='')
        estado = CharField(index=True, max_length=15)
        verificaciones = IntegerField(default=0)
        autorizado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        autorizado_en = DateTimeField(null=True)
        motivo_autorizacion = TextField(default='')
        reprogramado_desde = DateTimeField(null=True)
        nota_reprogramacion = TextField(default='')
        aviso_vigente = BooleanField(default=False)
        concluido_en = DateTimeField(null=True)
        motivo_cancelacion = TextField(default='')
        cancelado_en = DateTimeField(null=True)
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'mantenimiento'
            indexes = ((('plan', 'fecha_plan'), True),)
    db.create_tables([Mantenimiento])

    class AvisoMantenimiento(Model):
        mantenimiento = ForeignKeyField(Mantenimiento, on_delete='RESTRICT')
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        oficio = ForeignKeyField(Oficio, on_delete='RESTRICT')
        inicio_avisado = DateTimeField()
        emitido_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'aviso_mantenimiento'
    db.create_tables([AvisoMantenimiento])

    class BitacoraServidor(Model):
        dispositivo = ForeignKeyField(Dispositivo, on_delete='RESTRICT')
        mantenimiento = ForeignKeyField(Mantenimiento, null=True, on_delete='RESTRICT')
        momento = DateTimeField(index=True)
        usuario = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        tipo = CharField(max_length=30)
        descripcion = TextField()
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'bitacora_servidor'
    db.create_tables([BitacoraServidor])

    class EventoMantenimiento(Model):
        mantenimiento = ForeignKeyField(Mantenimiento, on_delete='RESTRICT')
        momento = DateTimeField()
        usuario = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        tipo = CharField(max_length=30)
        nota = TextField(default='')
        class Meta:
            database = db
            table_name = 'evento_mantenimiento'
    db.create_tables([EventoMantenimiento])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('evento_mantenimiento'))
    migrator.migrate(migrator.drop_table('bitacora_servidor'))
    migrator.migrate(migrator.drop_table('aviso_mantenimiento'))
    migrator.migrate(migrator.drop_table('mantenimiento'))
    migrator.migrate(migrator.drop_table('plan_preventivo'))
    migrator.migrate(migrator.drop_table('dispositivo'))
