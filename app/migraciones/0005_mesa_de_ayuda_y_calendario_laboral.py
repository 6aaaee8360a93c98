"""Mesa de ayuda y calendario laboral"""
# Generada a partir de la diferencia de esquema el 2026-11-26 10:33.
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

    class Proveedor(Model):
        class Meta:
            database = db
            table_name = 'proveedor'

    class ServidorPublico(Model):
        class Meta:
            database = db
            table_name = 'servidor_publico'

    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

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

    class Ticket(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        folio = CharField(unique=True, max_length=20)
        anio = IntegerField()
        consecutivo = IntegerField()
        recibido_en = DateTimeField(index=True)
        canal = CharField(max_length=20)
        extension = CharField(max_length=10, default='')
        dependencia = ForeignKeyField(Dependencia, on_delete='RESTRICT')
        solicitante = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        solicitante_nombre = CharField(max_length=200, default='')
        bien = ForeignKeyField(Bien, null=True, on_delete='RESTRICT')
        categoria = CharField(max_length=40)
        descripcion = TextField()
        prioridad = CharField(index=True, max_length=10)
        modalidad = CharField(max_length=20)
        asignado = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        estado = CharField(index=True, max_length=20)
        solucion = TextField(default='')
        primera_respuesta_en = DateTimeField(null=True)
        resuelto_en = DateTimeField(null=True)
        cerrado_en = DateTimeField(null=True)
        meta_respuesta_en = DateTimeField(null=True)
        meta_resolucion_en = DateTimeField(null=True)
        horas_respuesta = FloatField(null=True)
        horas_resolucion = FloatField(null=True)
        registrado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(default='')
        class Meta:
            database = db
            table_name = 'ticket'
    db.create_tables([Ticket])

    class Escalamiento(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        ticket = ForeignKeyField(Ticket, on_delete='RESTRICT')
        proveedor = ForeignKeyField(Proveedor, on_delete='RESTRICT')
        marca = CharField(max_length=100)
        motivo = TextField(default='')
        enviado_en = DateTimeField()
        dias_comprometidos = IntegerField()
        entrega_comprometida = DateField(index=True)
        devuelto_en = DateTimeField(null=True)
        diagnostico_proveedor = TextField(default='')
        entregado_en = DateTimeField(null=True)
        recibido_por = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        recibido_por_nombre = CharField(max_length=200, default='')
        estado = CharField(index=True, max_length=20)
        class Meta:
            database = db
            table_name = 'escalamiento'
    db.create_tables([Escalamiento])

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

    class MetaSLA(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        prioridad = CharField(unique=True, max_length=10)
        horas_respuesta = FloatField()
        horas_resolucion = FloatField()
        class Meta:
            database = db
            table_name = 'meta_sla'
    db.create_tables([MetaSLA])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('meta_sla'))
    migrator.migrate(migrator.drop_table('horario_laboral'))
    migrator.migrate(migrator.drop_table('escalamiento'))
    migrator.migrate(migrator.drop_table('ticket'))
    migrator.migrate(migrator.drop_table('dia_inhabil'))
