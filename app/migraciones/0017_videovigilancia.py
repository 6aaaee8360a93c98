"""Videovigilancia (procedimiento 19): grabadores, cámaras, solicitudes de grabación, visualizaciones y monitoreo.

Escrita a mano: crea exactamente las tablas de ``app.modelos.videovigilancia``.
"""
from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def up(migrator, db):
    def referencia(tabla):
        class Referencia(Model):
            class Meta:
                database = db
                table_name = tabla
        return Referencia

    Dependencia, Dispositivo = referencia('dependencia'), referencia('dispositivo')
    Mantenimiento, Oficio = referencia('mantenimiento'), referencia('oficio')
    Tramite, Usuario = referencia('tramite'), referencia('usuario')

    class Grabador(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(unique=True, max_length=150)
        tipo = CharField(max_length=5)
        ubicacion = CharField(max_length=200, default='')
        canales = IntegerField(default=16)
        dias_retencion = IntegerField()
        dispositivo = ForeignKeyField(Dispositivo, null=True, on_delete='RESTRICT')
        notas = TextField(default='')
        activo = BooleanField(default=True)
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'grabador'
    db.create_tables([Grabador])

    class Camara(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(unique=True, max_length=150)
        ubicacion = CharField(max_length=200, default='')
        grabador = ForeignKeyField(Grabador, on_delete='RESTRICT')
        canal = IntegerField(default=1)
        notas = TextField(default='')
        activa = BooleanField(default=True)
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'camara'
    db.create_tables([Camara])

    class SolicitudGrabacion(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        oficio = ForeignKeyField(Oficio, on_delete='RESTRICT')
        dependencia = ForeignKeyField(Dependencia, on_delete='RESTRICT')
        camara = ForeignKeyField(Camara, on_delete='RESTRICT')
        fecha_grabacion = DateField(index=True)
        hora_desde = CharField(max_length=5, default='00:00')
        hora_hasta = CharField(max_length=5, default='23:59')
        motivo = TextField(default='')
        dias_retencion = IntegerField()
        estado = CharField(index=True, max_length=10)
        razon = TextField(default='')
        oficio_respuesta = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        cita = DateTimeField(null=True, unique=True)
        lugar_cita = CharField(max_length=200, default='')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'solicitud_grabacion'
    db.create_tables([SolicitudGrabacion])

    class Visualizacion(Model):
        solicitud = ForeignKeyField(SolicitudGrabacion, on_delete='RESTRICT')
        oficio = ForeignKeyField(Oficio, on_delete='RESTRICT')
        visto_en = DateTimeField()
        atendio = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        asistentes = TextField()
        contenido = TextField()
        corrige = ForeignKeyField('self', null=True, on_delete='RESTRICT')
        creado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'visualizacion_video'
    db.create_tables([Visualizacion])

    class MonitoreoVideo(Model):
        momento = DateTimeField(index=True)
        grabador = ForeignKeyField(Grabador, null=True, on_delete='RESTRICT')
        camara = ForeignKeyField(Camara, null=True, on_delete='RESTRICT')
        resultado = CharField(index=True, max_length=10)
        descripcion = TextField(default='')
        usuario = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        mantenimiento = ForeignKeyField(Mantenimiento, null=True, on_delete='RESTRICT')
        creado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'monitoreo_video'
    db.create_tables([MonitoreoVideo])


def down(migrator, db):
    for tabla in ('monitoreo_video', 'visualizacion_video', 'solicitud_grabacion', 'camara', 'grabador'):
        migrator.migrate(migrator.drop_table(tabla))
