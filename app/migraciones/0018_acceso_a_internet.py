"""Acceso a internet (procedimiento 20): versiones de la política de filtrado y solicitudes de desbloqueo."""
# Escrita a mano: crea exactamente las tablas de app/modelos/internet.py.
from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def up(migrator, db):
    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    class Oficio(Model):
        class Meta:
            database = db
            table_name = 'oficio'

    class Dependencia(Model):
        class Meta:
            database = db
            table_name = 'dependencia'

    class Tramite(Model):
        class Meta:
            database = db
            table_name = 'tramite'

    class PoliticaFiltrado(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        numero = IntegerField(unique=True)
        categorias = TextField(default='')
        sin_excepcion = TextField(default='')
        firewall = CharField(max_length=200)
        aplicada_el = DateField()
        descripcion = TextField(default='')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'politica_filtrado'
    db.create_tables([PoliticaFiltrado])

    class SolicitudDesbloqueo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        oficio = ForeignKeyField(Oficio, on_delete='RESTRICT')
        dependencia = ForeignKeyField(Dependencia, on_delete='RESTRICT')
        solicitante = CharField(max_length=200)
        sitio = CharField(index=True, max_length=253)
        sitio_capturado = CharField(max_length=500, default='')
        motivo = TextField(default='')
        estado = CharField(index=True, max_length=12, default='recibida')
        politica = ForeignKeyField(PoliticaFiltrado, null=True, on_delete='RESTRICT')
        infringe = BooleanField(null=True)
        categoria = CharField(max_length=100, default='')
        razon = TextField(default='')
        regla_firewall = TextField(default='')
        vence = DateField(index=True, null=True)
        decidido_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        decidido_en = DateTimeField(null=True)
        oficio_respuesta = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'solicitud_desbloqueo'
    db.create_tables([SolicitudDesbloqueo])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('solicitud_desbloqueo'))
    migrator.migrate(migrator.drop_table('politica_filtrado'))
