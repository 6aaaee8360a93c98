"""Módulo Web: cargas de información, declaraciones patrimoniales e hipervínculos (procedimientos 14, 16 y 17)."""
from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model,
                    TextField)


def up(migrator, db):
    class Dependencia(Model):
        class Meta:
            database = db
            table_name = 'dependencia'

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

    class SolicitudCargaWeb(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT")
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT")
        url_pagina = CharField(max_length=500)
        descripcion = TextField(default="")
        contiene_imagenes = BooleanField(default=False)
        estado = CharField(max_length=20, index=True, default='recibida')
        responsabilidad = TextField(default="")
        cambios_realizados = TextField(default="")
        url_previo = CharField(max_length=500, default="")
        previo_aceptado_en = DateTimeField(null=True)
        previo_aceptado_por = CharField(max_length=200, default="")
        observaciones = TextField(default="")
        rechazos_previo = IntegerField(default=0)
        url_publicacion = CharField(max_length=500, default="")
        fecha_publicacion = DateField(null=True)
        motivo_cancelacion = TextField(default="")
        creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT")
        busqueda = TextField(default="", index=True)
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT")
        class Meta:
            database = db
            table_name = 'solicitud_carga_web'
    db.create_tables([SolicitudCargaWeb])

    class ImagenCargaWeb(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        solicitud = ForeignKeyField(SolicitudCargaWeb, on_delete="RESTRICT")
        nombre = CharField(max_length=255)
        formato = CharField(max_length=10)
        tamano = IntegerField()
        ancho = IntegerField()
        alto = IntegerField()
        contenido = BlobField()
        sha256 = CharField(max_length=64)
        creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT")
        class Meta:
            database = db
            table_name = 'imagen_carga_web'
    db.create_tables([ImagenCargaWeb])

    class SolicitudDeclaraciones(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT")
        dependencia = ForeignKeyField(Dependencia, on_delete="RESTRICT")
        actualizacion = TextField()
        lineamiento = CharField(max_length=300, default="")
        estado = CharField(max_length=20, index=True, default='programacion')
        cambios_programados = TextField(default="")
        url_previo = CharField(max_length=500, default="")
        version_previo = CharField(max_length=50, default="")
        aceptado_en = DateTimeField(null=True)
        aceptado_por = CharField(max_length=200, default="")
        observaciones = TextField(default="")
        correcciones = TextField(default="")
        rechazos_previo = IntegerField(default=0)
        fecha_publicacion = DateField(null=True)
        url_publicacion = CharField(max_length=500, default="")
        motivo_cancelacion = TextField(default="")
        creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT")
        busqueda = TextField(default="", index=True)
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT")
        class Meta:
            database = db
            table_name = 'solicitud_declaraciones'
    db.create_tables([SolicitudDeclaraciones])

    class AreaTesoreria(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(max_length=150, unique=True)
        carpeta = CharField(max_length=300)
        activo = BooleanField(default=True)
        busqueda = TextField(default="", index=True)
        class Meta:
            database = db
            table_name = 'area_tesoreria'
    db.create_tables([AreaTesoreria])

    class SolicitudHipervinculos(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT")
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT")
        area = ForeignKeyField(AreaTesoreria, on_delete="RESTRICT")
        dirigido_a = CharField(max_length=20)
        descripcion = TextField()
        estado = CharField(max_length=25, index=True, default='analisis')
        analisis = TextField(default="")
        informacion_faltante = TextField(default="")
        carpeta = CharField(max_length=300, default="")
        url_publicacion = CharField(max_length=500, default="")
        motivo_cancelacion = TextField(default="")
        creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT")
        busqueda = TextField(default="", index=True)
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT")
        class Meta:
            database = db
            table_name = 'solicitud_hipervinculos'
    db.create_tables([SolicitudHipervinculos])

    class Hipervinculo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        area = ForeignKeyField(AreaTesoreria, on_delete="RESTRICT")
        fraccion = CharField(max_length=200)
        periodo = CharField(max_length=100)
        url = CharField(max_length=1000)
        descripcion = CharField(max_length=300, default="")
        solicitud = ForeignKeyField(SolicitudHipervinculos, null=True, on_delete="RESTRICT")
        activo = BooleanField(default=True, index=True)
        ultimo_resultado = CharField(max_length=300, default="")
        ultimo_ok = BooleanField(null=True)
        ultima_verificacion = DateTimeField(null=True)
        creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT")
        busqueda = TextField(default="", index=True)
        class Meta:
            database = db
            table_name = 'hipervinculo'
    db.create_tables([Hipervinculo])

    class VerificacionHipervinculo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        hipervinculo = ForeignKeyField(Hipervinculo, on_delete="RESTRICT")
        momento = DateTimeField(index=True)
        ok = BooleanField()
        codigo = IntegerField(null=True)
        error = CharField(max_length=300, default="")
        milisegundos = IntegerField(default=0)
        url_final = CharField(max_length=1000, default="")
        metodo = CharField(max_length=5, default="")
        usuario = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT")
        class Meta:
            database = db
            table_name = 'verificacion_hipervinculo'
    db.create_tables([VerificacionHipervinculo])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('verificacion_hipervinculo'))
    migrator.migrate(migrator.drop_table('hipervinculo'))
    migrator.migrate(migrator.drop_table('solicitud_hipervinculos'))
    migrator.migrate(migrator.drop_table('area_tesoreria'))
    migrator.migrate(migrator.drop_table('solicitud_declaraciones'))
    migrator.migrate(migrator.drop_table('imagen_carga_web'))
    migrator.migrate(migrator.drop_table('solicitud_carga_web'))
