"""Esquema inicial: catálogos, usuarios, oficios, folios, trámites y bitácora.

Copia congelada de los modelos de ese momento: no importa app.modelos a propósito.
"""
# Generada a partir de la diferencia de esquema el 2026-11-26 08:54.
from peewee import *


def up(migrator, db):
    class Dependencia(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(unique=True, max_length=200)
        siglas = CharField(max_length=30, default='')
        ubicacion = CharField(max_length=200, default='')
        activo = BooleanField(default=True)
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'dependencia'
    db.create_tables([Dependencia])

    class ServidorPublico(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(max_length=200)
        cargo = CharField(max_length=200, default='')
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        correo = CharField(max_length=254, default='')
        extension = CharField(max_length=20, default='')
        activo = BooleanField(default=True)
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'servidor_publico'
    db.create_tables([ServidorPublico])

    class Usuario(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre_usuario = CharField(unique=True, max_length=60)
        nombre = CharField(max_length=200)
        rol = CharField(max_length=40)
        hash_contrasena = CharField(max_length=200, default='')
        servidor = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        activo = BooleanField(default=True)
        intentos_fallidos = IntegerField(default=0)
        bloqueado_hasta = DateTimeField(null=True)
        ultimo_acceso = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'usuario'
    db.create_tables([Usuario])

    class Oficio(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        tipo = CharField(index=True, max_length=10)
        estado = CharField(index=True, max_length=15)
        anio = IntegerField(null=True)
        consecutivo = IntegerField(null=True)
        folio = CharField(unique=True, null=True, max_length=60)
        numero_oficio = CharField(max_length=100, default='')
        fecha_documento = DateField(null=True)
        procedencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        procedencia_texto = CharField(max_length=300, default='')
        solicitante_nombre = CharField(max_length=200, default='')
        solicitante_cargo = CharField(max_length=200, default='')
        firmado = BooleanField(default=False)
        descripcion = TextField(default='')
        recibido_en = DateTimeField(null=True)
        faltantes = TextField(default='')
        asunto = CharField(max_length=300, default='')
        destinatario_nombre = CharField(max_length=200, default='')
        destinatario_cargo = CharField(max_length=200, default='')
        destinatario_dependencia = CharField(max_length=200, default='')
        cuerpo = TextField(default='')
        firmantes = TextField(default='')
        ccp = TextField(default='')
        plantilla = CharField(max_length=100, default='')
        pdf = BlobField(null=True)
        sha256 = CharField(max_length=64, default='')
        huella = CharField(max_length=64, default='')
        en_respuesta_a = ForeignKeyField('self', null=True, on_delete='RESTRICT')
        tramite_id = IntegerField(index=True, null=True)
        motivo_cancelacion = TextField(default='')
        cancelado_en = DateTimeField(null=True)
        cancelado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'oficio'
    db.create_tables([Oficio])

    class Adjunto(Model):
        oficio = ForeignKeyField(Oficio, on_delete='RESTRICT')
        nombre_archivo = CharField()
        tipo_mime = CharField(max_length=100, default='application/pdf')
        contenido = BlobField()
        sha256 = CharField(max_length=64)
        tamano = IntegerField()
        creado_en = DateTimeField()
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'adjunto'
    db.create_tables([Adjunto])

    class Bitacora(Model):
        momento = DateTimeField()
        usuario = CharField(max_length=100)
        accion = CharField(max_length=60)
        tabla = CharField(max_length=60)
        registro_id = IntegerField()
        instantanea = TextField()
        hash_anterior = CharField(max_length=64)
        hash = CharField(max_length=64)
        class Meta:
            database = db
            table_name = 'bitacora'
            indexes = ((('tabla', 'registro_id'), False),)
    db.create_tables([Bitacora])

    class ContadorFolio(Model):
        serie = CharField(max_length=40)
        anio = IntegerField()
        ultimo = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'contador_folio'
            indexes = ((('serie', 'anio'), True),)
    db.create_tables([ContadorFolio])

    class Institucion(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(max_length=300)
        municipio = CharField(max_length=200)
        lugar = CharField(max_length=200)
        lema = CharField(max_length=300, default='')
        area = CharField(max_length=200)
        logotipo = BlobField(null=True)
        titular_dti = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        tesorero = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        formato_folio = CharField(max_length=100, default='TM/DTI/{numero:04d}/{anio}')
        pie = CharField(max_length=300, default='')
        class Meta:
            database = db
            table_name = 'institucion'
    db.create_tables([Institucion])

    class Tramite(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        numero = CharField(unique=True, max_length=40)
        procedimiento = IntegerField(index=True)
        asunto = CharField(max_length=300)
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        solicitante = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        oficio_entrada = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        paso_actual = CharField(null=True, max_length=10)
        estado = CharField(index=True, max_length=12)
        responsable = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        concluido_en = DateTimeField(null=True)
        motivo_cancelacion = TextField(default='')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'tramite'
    db.create_tables([Tramite])

    class PasoTramite(Model):
        tramite = ForeignKeyField(Tramite, on_delete='RESTRICT')
        paso = CharField(max_length=10)
        actividad = TextField()
        responsable_area = CharField(max_length=200, default='')
        inicio = DateTimeField()
        fin = DateTimeField(null=True)
        segundos = IntegerField(null=True)
        opcion = CharField(max_length=60, default='')
        destino = CharField(null=True, max_length=10)
        nota = TextField(default='')
        usuario = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'paso_tramite'
    db.create_tables([PasoTramite])

    class Proveedor(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        rfc = CharField(unique=True, max_length=13)
        razon_social = CharField(max_length=300)
        contacto = CharField(max_length=200, default='')
        telefono = CharField(max_length=40, default='')
        correo = CharField(max_length=254, default='')
        marcas_autorizadas = TextField(default='')
        tiempo_entrega_dias = IntegerField(default=0)
        activo = BooleanField(default=True)
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'proveedor'
    db.create_tables([Proveedor])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('proveedor'))
    migrator.migrate(migrator.drop_table('paso_tramite'))
    migrator.migrate(migrator.drop_table('tramite'))
    migrator.migrate(migrator.drop_table('institucion'))
    migrator.migrate(migrator.drop_table('contador_folio'))
    migrator.migrate(migrator.drop_table('bitacora'))
    migrator.migrate(migrator.drop_table('adjunto'))
    migrator.migrate(migrator.drop_table('oficio'))
    migrator.migrate(migrator.drop_table('usuario'))
    migrator.migrate(migrator.drop_table('servidor_publico'))
    migrator.migrate(migrator.drop_table('dependencia'))
