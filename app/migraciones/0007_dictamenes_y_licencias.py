"""Dictámenes técnicos y licencias de software"""
# Generada a partir de la diferencia de esquema el 2026-11-26 10:33.
from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, DecimalField, ForeignKeyField,
                    IntegerField, Model, TextField)


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

    class Software(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(unique=True, max_length=150)
        fabricante = CharField(max_length=150, default='')
        categoria = CharField(max_length=100, default='')
        es_libre = BooleanField(default=False)
        alternativa_libre = CharField(max_length=300, default='')
        notas = TextField(default='')
        activo = BooleanField(default=True)
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'software'
    db.create_tables([Software])

    class Licencia(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        software = ForeignKeyField(Software, on_delete='RESTRICT')
        tipo = CharField(index=True, max_length=12)
        descripcion = CharField(max_length=300, default='')
        asientos = IntegerField(default=1)
        clave_cifrada = TextField(default='')
        clave_mascara = CharField(max_length=200, default='')
        vigencia_inicio = DateField(null=True)
        vigencia_fin = DateField(index=True, null=True)
        costo = DecimalField(max_digits=16, decimal_places=2, default=0)
        proveedor = ForeignKeyField(Proveedor, null=True, on_delete='RESTRICT')
        cfdi_uuid = CharField(max_length=36, default='')
        cfdi_archivo = BlobField(null=True)
        cfdi_nombre = CharField(default='')
        notas = TextField(default='')
        activa = BooleanField(default=True)
        motivo_baja = TextField(default='')
        baja_en = DateTimeField(null=True)
        baja_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'licencia'
    db.create_tables([Licencia])

    class AsignacionLicencia(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        licencia = ForeignKeyField(Licencia, on_delete='RESTRICT')
        bien = ForeignKeyField(Bien, null=True, on_delete='RESTRICT')
        servidor = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        asignado_en = DateTimeField()
        asignado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        instalada = BooleanField(default=False)
        nota = TextField(default='')
        activa = BooleanField(index=True, default=True)
        motivo_baja = TextField(default='')
        baja_en = DateTimeField(null=True)
        baja_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'asignacion_licencia'
    db.create_tables([AsignacionLicencia])

    class Dictamen(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        estado = CharField(index=True, max_length=15, default='solicitado')
        bien = ForeignKeyField(Bien, on_delete='RESTRICT')
        oficio_solicitud = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        motivo_solicitud = TextField(default='')
        recepcion_acordada = DateTimeField(null=True)
        acuerdo_telefonico = TextField(default='')
        recibido_en = DateTimeField(null=True)
        recibido_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        entregado_por = CharField(max_length=200, default='')
        estado_previo_bien = CharField(max_length=20, default='')
        pruebas = TextField(default='')
        fecha_fabricacion = DateField(null=True)
        marca = CharField(max_length=100, default='')
        modelo = CharField(max_length=100, default='')
        caracteristicas_hardware = TextField(default='')
        caracteristicas_software = TextField(default='')
        resultado = CharField(index=True, max_length=12, default='')
        posible_solucion = TextField(default='')
        conclusion = TextField(default='')
        anio = IntegerField(null=True)
        consecutivo = IntegerField(null=True)
        folio = CharField(unique=True, null=True, max_length=60)
        fecha_emision = DateField(null=True)
        emitido_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        firmante_nombre = CharField(max_length=200, default='')
        firmante_cargo = CharField(max_length=200, default='')
        pdf = BlobField(null=True)
        sha256 = CharField(max_length=64, default='')
        movimiento_baja_id = IntegerField(unique=True, null=True)
        usado_en_baja_en = DateTimeField(null=True)
        tramite_id = IntegerField(index=True, null=True)
        motivo_cancelacion = TextField(default='')
        cancelado_en = DateTimeField(null=True)
        cancelado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'dictamen'
    db.create_tables([Dictamen])

    class SolicitudSoftware(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        oficio = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        software = ForeignKeyField(Software, null=True, on_delete='RESTRICT')
        software_texto = CharField(max_length=200, default='')
        decision = CharField(index=True, max_length=20)
        asignacion = ForeignKeyField(AsignacionLicencia, null=True, on_delete='RESTRICT')
        tramite_id = IntegerField(null=True)
        alternativa = CharField(max_length=300, default='')
        justificacion = TextField(default='')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'solicitud_software'
    db.create_tables([SolicitudSoftware])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('solicitud_software'))
    migrator.migrate(migrator.drop_table('dictamen'))
    migrator.migrate(migrator.drop_table('asignacion_licencia'))
    migrator.migrate(migrator.drop_table('licencia'))
    migrator.migrate(migrator.drop_table('software'))
