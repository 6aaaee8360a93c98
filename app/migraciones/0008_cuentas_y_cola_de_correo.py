"""Cuentas de correo y de aplicaciones (procedimiento 9) y cola de correo saliente."""
# Generada a partir de la diferencia de esquema el 2026-11-26 10:34.
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def up(migrator, db):
    class Dependencia(Model):
        class Meta:
            database = db
            table_name = 'dependencia'

    class Oficio(Model):
        class Meta:
            database = db
            table_name = 'oficio'

    class ServidorPublico(Model):
        class Meta:
            database = db
            table_name = 'servidor_publico'

    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    class ConfiguracionCorreo(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        host = CharField(max_length=200, default='')
        puerto = IntegerField(default=587)
        seguridad = CharField(max_length=10, default='starttls')
        usuario = CharField(max_length=200, default='')
        contrasena_cifrada = TextField(default='')
        remitente = CharField(max_length=254, default='')
        dominio = CharField(max_length=200, default='texmelucan.gob.mx')
        class Meta:
            database = db
            table_name = 'configuracion_correo'
    db.create_tables([ConfiguracionCorreo])

    class SolicitudCuenta(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        tipo = CharField(index=True, max_length=12)
        aplicacion = CharField(max_length=120, default='')
        ambito = CharField(index=True, max_length=140)
        oficio = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        nombre_completo = CharField(max_length=200, default='')
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        servidor = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        correo_alternativo = CharField(max_length=254, default='')
        propuesta_1 = CharField(max_length=60, default='')
        propuesta_2 = CharField(max_length=60, default='')
        estado = CharField(index=True, max_length=12)
        faltantes = TextField(default='')
        dictamen_propuestas = TextField(default='')
        oficio_faltantes = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        motivo_cancelacion = TextField(default='')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'solicitud_cuenta'
    db.create_tables([SolicitudCuenta])

    class Cuenta(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        tipo = CharField(index=True, max_length=12)
        aplicacion = CharField(max_length=120, default='')
        ambito = CharField(max_length=140)
        nombre_usuario = CharField(max_length=60)
        direccion = CharField(max_length=254, default='')
        solicitud = ForeignKeyField(SolicitudCuenta, null=True, on_delete='RESTRICT')
        nombre_completo = CharField(max_length=200)
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        servidor = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        correo_alternativo = CharField(max_length=254)
        estado = CharField(index=True, max_length=12)
        hash_contrasena = CharField(max_length=200, default='')
        contrasena_generada_en = DateTimeField(null=True)
        motivo_estado = TextField(default='')
        estado_cambiado_en = DateTimeField(null=True)
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        class Meta:
            database = db
            table_name = 'cuenta'
            indexes = ((('ambito', 'nombre_usuario'), True),)
    db.create_tables([Cuenta])

    class MensajeCorreo(Model):
        message_id = CharField(unique=True, max_length=200)
        destinatario = CharField(max_length=254)
        asunto = CharField(max_length=300)
        cuerpo = TextField(default='')
        cuerpo_cifrado = TextField(default='')
        cifrado = BooleanField(default=False)
        estado = CharField(index=True, max_length=12)
        intentos = IntegerField(default=0)
        proximo_intento = DateTimeField(index=True)
        ultimo_error = TextField(default='')
        reclamado_por = CharField(max_length=80, default='')
        reclamado_en = DateTimeField(null=True)
        creado_en = DateTimeField()
        enviado_en = DateTimeField(null=True)
        cuenta = ForeignKeyField(Cuenta, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'mensaje_correo'
    db.create_tables([MensajeCorreo])

    class MovimientoCuenta(Model):
        cuenta = ForeignKeyField(Cuenta, on_delete='RESTRICT')
        momento = DateTimeField()
        accion = CharField(max_length=40)
        detalle = TextField(default='')
        persona_presente = CharField(max_length=200, default='')
        identificacion_tipo = CharField(max_length=60, default='')
        identificacion_numero = CharField(max_length=60, default='')
        identifico = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        usuario = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        class Meta:
            database = db
            table_name = 'movimiento_cuenta'
    db.create_tables([MovimientoCuenta])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('movimiento_cuenta'))
    migrator.migrate(migrator.drop_table('mensaje_correo'))
    migrator.migrate(migrator.drop_table('cuenta'))
    migrator.migrate(migrator.drop_table('solicitud_cuenta'))
    migrator.migrate(migrator.drop_table('configuracion_correo'))
