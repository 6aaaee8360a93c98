"""Adquisiciones y pagos a proveedores de TIC (procedimiento 1).

Crea ``adquisicion`` (el caso: solicitud, evaluación, compra, CFDI y pago), ``partida_adquisicion``
(lo que se compra), ``recepcion_adquisicion`` (cada entrega revisada, también las rechazadas) y
``revision_partida`` (la revisión de cada partida en una entrega, con sus números de serie).
"""
# Escrita a mano (issue 15): solo las tablas del módulo de adquisiciones.
from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, DecimalField, ForeignKeyField,
                    IntegerField, Model, TextField)


def up(migrator, db):
    def referencia(tabla):
        class Meta:
            database = db
            table_name = tabla
        return type(f"Ref_{tabla}", (Model,), {"Meta": Meta})

    Oficio = referencia('oficio')
    SolicitudSoftware = referencia('solicitud_software')
    Dependencia = referencia('dependencia')
    Proveedor = referencia('proveedor')
    Factura = referencia('factura')
    TipoBien = referencia('tipo_bien')
    Usuario = referencia('usuario')
    Tramite = referencia('tramite')

    class Adquisicion(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        origen = CharField(max_length=10, default='oficio')
        oficio = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        solicitud_software = ForeignKeyField(SolicitudSoftware, null=True, on_delete='RESTRICT')
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        descripcion = TextField()
        estado = CharField(max_length=16, index=True, default='solicitada')
        viable = BooleanField(null=True)
        justificacion = TextField(default='')
        costo_estimado = DecimalField(max_digits=16, decimal_places=2, null=True)
        motivo_no_viable = TextField(default='')
        solucion_alternativa = TextField(default='')
        oficio_alternativa = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        proveedor = ForeignKeyField(Proveedor, null=True, on_delete='RESTRICT')
        numero_contrato = CharField(max_length=100, default='')
        fecha_contrato = DateField(null=True)
        fecha_entrega_pactada = DateField(null=True)
        importe = DecimalField(max_digits=16, decimal_places=2, null=True)
        cfdi_uuid = CharField(max_length=36, default='', index=True)
        cfdi_total = DecimalField(max_digits=16, decimal_places=2, null=True)
        cfdi_fecha = DateField(null=True)
        cfdi_xml = BlobField(null=True)
        cfdi_pdf = BlobField(null=True)
        cfdi_nombre = CharField(max_length=255, default='')
        explicacion_diferencia = TextField(default='')
        oficio_pago = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        pago_solicitado_en = DateField(null=True)
        pago_en_tramite_en = DateField(null=True)
        pago_fecha = DateField(null=True)
        pago_referencia = CharField(max_length=100, default='')
        factura = ForeignKeyField(Factura, null=True, on_delete='RESTRICT')
        motivo_cancelacion = TextField(default='')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'adquisicion'
    db.create_tables([Adquisicion])

    class PartidaAdquisicion(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        adquisicion = ForeignKeyField(Adquisicion, on_delete='RESTRICT')
        numero = IntegerField()
        descripcion = CharField(max_length=500)
        cantidad = IntegerField(default=1)
        precio_unitario = DecimalField(max_digits=16, decimal_places=2)
        marca = CharField(max_length=100, default='')
        modelo = CharField(max_length=100, default='')
        es_bien = BooleanField(default=True)
        tipo_bien = ForeignKeyField(TipoBien, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'partida_adquisicion'
    db.create_tables([PartidaAdquisicion])

    class RecepcionAdquisicion(Model):
        adquisicion = ForeignKeyField(Adquisicion, on_delete='RESTRICT')
        numero = IntegerField()
        fecha = DateField()
        conforme = BooleanField()
        tardia = BooleanField(default=False)
        observaciones = TextField(default='')
        incumplimientos = TextField(default='')
        oficio_correccion = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        registrado_en = DateTimeField()
        registrado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'recepcion_adquisicion'
    db.create_tables([RecepcionAdquisicion])

    class RevisionPartida(Model):
        recepcion = ForeignKeyField(RecepcionAdquisicion, on_delete='RESTRICT')
        partida = ForeignKeyField(PartidaAdquisicion, on_delete='RESTRICT')
        cantidad_recibida = IntegerField(default=0)
        conforme = BooleanField()
        observacion = TextField(default='')
        series = TextField(default='')
        class Meta:
            database = db
            table_name = 'revision_partida'
    db.create_tables([RevisionPartida])


def down(migrator, db):
    for tabla in ('revision_partida', 'recepcion_adquisicion', 'partida_adquisicion', 'adquisicion'):
        migrator.migrate(migrator.drop_table(tabla))
