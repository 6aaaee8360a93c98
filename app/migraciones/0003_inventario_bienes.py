"""Inventario de bienes TIC: tipos, facturas CFDI y bienes"""
# Generada a partir de la diferencia de esquema el 2026-11-26 10:27.
from peewee import *


def up(migrator, db):
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

    class TipoBien(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        nombre = CharField(unique=True, max_length=100)
        cuenta_contable = CharField(max_length=30)
        vida_util_anios = IntegerField(default=3)
        activo = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'tipo_bien'
    db.create_tables([TipoBien])

    class Factura(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        uuid = CharField(unique=True, max_length=36)
        version_cfdi = CharField(max_length=5)
        fecha = DateField()
        rfc_emisor = CharField(max_length=13)
        nombre_emisor = CharField(max_length=300, default='')
        rfc_receptor = CharField(max_length=13, default='')
        total = DecimalField(max_digits=16, decimal_places=2)
        moneda = CharField(max_length=3, default='MXN')
        proveedor = ForeignKeyField(Proveedor, null=True, on_delete='RESTRICT')
        xml = BlobField()
        pdf = BlobField(null=True)
        nombre_xml = CharField(default='')
        nombre_pdf = CharField(default='')
        class Meta:
            database = db
            table_name = 'factura'
    db.create_tables([Factura])

    class Bien(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        numero_inventario = CharField(unique=True, max_length=40)
        tipo = ForeignKeyField(TipoBien, on_delete='RESTRICT')
        descripcion = CharField(max_length=500)
        marca = CharField(max_length=100, default='')
        modelo = CharField(max_length=100, default='')
        serie = CharField(unique=True, null=True, max_length=100)
        color = CharField(max_length=60, default='')
        fecha_fabricacion = DateField(null=True)
        fecha_adquisicion = DateField(null=True)
        valor = DecimalField(max_digits=16, decimal_places=2, default=0)
        cuenta_contable = CharField(max_length=30, default='')
        proveedor = ForeignKeyField(Proveedor, null=True, on_delete='RESTRICT')
        factura = ForeignKeyField(Factura, null=True, on_delete='RESTRICT')
        no_identificacion = CharField(max_length=100, default='')
        fotografia = BlobField(null=True)
        caracteristicas_hardware = TextField(default='')
        caracteristicas_software = TextField(default='')
        resguardante = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        edificio = CharField(max_length=150, default='')
        area = CharField(max_length=150, default='')
        estado = CharField(index=True, max_length=20, default='en_uso')
        observaciones = TextField(default='')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'bien'
    db.create_tables([Bien])

    migrator.migrate(migrator.add_column('institucion', 'formato_inventario', CharField(max_length=100, default='SMT-TIC-{numero:05d}')))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('institucion', 'formato_inventario'))
    migrator.migrate(migrator.drop_table('bien'))
    migrator.migrate(migrator.drop_table('factura'))
    migrator.migrate(migrator.drop_table('tipo_bien'))
