"""Respaldo y recuperación de información (procedimiento 5).

Crea los planes de respaldo por dependencia e información (con la periodicidad que propuso su
propietario y el oficio de solicitud), sus ejecuciones (fecha, quién, medio, tamaño, SHA-256,
ubicación y resultado), las recuperaciones y las entregas en dispositivo de almacenamiento masivo
con su acuse. Escrita a mano: solo las tablas del módulo de respaldos.
"""
from peewee import (BigIntegerField, BlobField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, Model, TextField)


def _tablas(db):
    class Dependencia(Model):
        class Meta:
            database = db
            table_name = 'dependencia'

    class ServidorPublico(Model):
        class Meta:
            database = db
            table_name = 'servidor_publico'

    class Oficio(Model):
        class Meta:
            database = db
            table_name = 'oficio'

    class Tramite(Model):
        class Meta:
            database = db
            table_name = 'tramite'

    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    class PlanRespaldo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        folio = CharField(unique=True, max_length=20)
        anio = IntegerField()
        consecutivo = IntegerField()
        dependencia = ForeignKeyField(Dependencia, on_delete='RESTRICT')
        informacion = CharField(max_length=300)
        sistema = CharField(max_length=200, default='')
        propietario = ForeignKeyField(ServidorPublico, on_delete='RESTRICT')
        oficio = ForeignKeyField(Oficio, on_delete='RESTRICT')
        periodicidad = CharField(index=True, max_length=12)
        cada_dias = IntegerField(null=True)
        inicio = DateField()
        medio = CharField(max_length=100, default='')
        ubicacion = CharField(max_length=300, default='')
        notas = TextField(default='')
        activo = BooleanField(index=True, default=True)
        motivo_baja = TextField(default='')
        baja_en = DateTimeField(null=True)
        baja_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete='RESTRICT')

        class Meta:
            database = db
            table_name = 'plan_respaldo'

    class EjecucionRespaldo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        plan = ForeignKeyField(PlanRespaldo, on_delete='RESTRICT')
        realizado_en = DateTimeField(index=True)
        realizado_por = ForeignKeyField(Usuario, on_delete='RESTRICT')
        medio = CharField(max_length=100)
        tamano_bytes = BigIntegerField(default=0)
        sha256 = CharField(max_length=64, default='')
        ubicacion = CharField(max_length=300)
        resultado = CharField(index=True, max_length=10)
        notas = TextField(default='')

        class Meta:
            database = db
            table_name = 'ejecucion_respaldo'

    class RecuperacionInformacion(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        dependencia = ForeignKeyField(Dependencia, on_delete='RESTRICT')
        oficio = ForeignKeyField(Oficio, on_delete='RESTRICT')
        plan = ForeignKeyField(PlanRespaldo, null=True, on_delete='RESTRICT')
        ejecucion = ForeignKeyField(EjecucionRespaldo, null=True, on_delete='RESTRICT')
        informacion = TextField()
        restaurado = TextField(default='')
        verificacion = TextField(default='')
        recuperada_en = DateTimeField(null=True)
        recuperada_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        estado = CharField(index=True, max_length=12)
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete='RESTRICT')

        class Meta:
            database = db
            table_name = 'recuperacion_informacion'

    class EntregaRespaldo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        ejecucion = ForeignKeyField(EjecucionRespaldo, null=True, on_delete='RESTRICT')
        recuperacion = ForeignKeyField(RecuperacionInformacion, null=True, on_delete='RESTRICT')
        dispositivo = CharField(max_length=300)
        recibe = ForeignKeyField(ServidorPublico, on_delete='RESTRICT')
        acuse_en = DateTimeField()
        acuse_nombre = CharField(max_length=255, default='')
        acuse_archivo = BlobField(null=True)
        entregado_en = DateTimeField()
        entregado_por = ForeignKeyField(Usuario, on_delete='RESTRICT')
        oficio = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        notas = TextField(default='')

        class Meta:
            database = db
            table_name = 'entrega_respaldo'

    return [PlanRespaldo, EjecucionRespaldo, RecuperacionInformacion, EntregaRespaldo]


def up(migrator, db):
    db.create_tables(_tablas(db))


def down(migrator, db):
    for tabla in reversed(_tablas(db)):
        migrator.migrate(migrator.drop_table(tabla._meta.table_name))
