"""Un solo expediente (issue 14): cada registro de módulo lleva el trámite de su procedimiento.

Agrega el vínculo ``expediente`` a tickets, escalamientos, dictámenes, mantenimientos, solicitudes de
cuenta y de software y movimientos de inventario; el módulo dueño de cada trámite; el archivo o
descarte de un oficio recibido que no da lugar a un caso, y los avisos por correo (quién recibe qué,
y lo ya encolado). Los registros que ya existían reciben su trámite al abrir la base
(``app.servicios.expedientes``), con los servicios de hoy, y no en esta migración.
"""
# Generada a partir de la diferencia de esquema el 2026-12-06 20:36.
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def up(migrator, db):
    class PasoTramite(Model):
        class Meta:
            database = db
            table_name = 'paso_tramite'

    class Tramite(Model):
        class Meta:
            database = db
            table_name = 'tramite'

    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    class AvisoTramite(Model):
        clave = CharField(unique=True, max_length=250)
        clase = CharField(max_length=20)
        tramite = ForeignKeyField(Tramite, null=True, on_delete='RESTRICT')
        paso_tramite = ForeignKeyField(PasoTramite, null=True, on_delete='RESTRICT')
        destinatario = CharField(max_length=254)
        mensaje_id = IntegerField(null=True)
        creado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'aviso_tramite'
    db.create_tables([AvisoTramite])

    class DestinatarioAviso(Model):
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        clase = CharField(max_length=20)
        area = CharField(max_length=200, default='')
        correo = CharField(max_length=254)
        activo = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'destinatario_aviso'
    db.create_tables([DestinatarioAviso])

    migrator.migrate(migrator.add_column('oficio', 'motivo_archivo', TextField(default='')))
    migrator.migrate(migrator.add_column('oficio', 'archivado_en', DateTimeField(null=True)))
    migrator.migrate(migrator.add_column('oficio', 'archivado_por_id', ForeignKeyField(Usuario, field=Usuario.id, null=True, on_delete='RESTRICT')))
    migrator.migrate(migrator.add_column('tramite', 'modulo', CharField(index=True, max_length=30, default='')))
    migrator.migrate(migrator.add_column('mantenimiento', 'expediente_id', ForeignKeyField(Tramite, field=Tramite.id, unique=True, null=True, on_delete='RESTRICT')))
    migrator.migrate(migrator.add_column('solicitud_cuenta', 'expediente_id', ForeignKeyField(Tramite, field=Tramite.id, unique=True, null=True, on_delete='RESTRICT')))
    migrator.migrate(migrator.add_column('movimiento', 'expediente_id', ForeignKeyField(Tramite, field=Tramite.id, unique=True, null=True, on_delete='RESTRICT')))
    migrator.migrate(migrator.add_column('dictamen', 'expediente_id', ForeignKeyField(Tramite, field=Tramite.id, unique=True, null=True, on_delete='RESTRICT')))
    migrator.migrate(migrator.add_column('ticket', 'expediente_id', ForeignKeyField(Tramite, field=Tramite.id, unique=True, null=True, on_delete='RESTRICT')))
    migrator.migrate(migrator.add_column('escalamiento', 'expediente_id', ForeignKeyField(Tramite, field=Tramite.id, unique=True, null=True, on_delete='RESTRICT')))
    migrator.migrate(migrator.add_column('solicitud_software', 'expediente_id', ForeignKeyField(Tramite, field=Tramite.id, unique=True, null=True, on_delete='RESTRICT')))


def down(migrator, db):
    migrator.migrate(migrator.drop_index('solicitud_software', 'solicitud_software_expediente_id'))
    migrator.migrate(migrator.drop_index('escalamiento', 'escalamiento_expediente_id'))
    migrator.migrate(migrator.drop_index('ticket', 'ticket_expediente_id'))
    migrator.migrate(migrator.drop_index('dictamen', 'dictamen_expediente_id'))
    migrator.migrate(migrator.drop_index('movimiento', 'movimiento_expediente_id'))
    migrator.migrate(migrator.drop_index('solicitud_cuenta', 'solicitud_cuenta_expediente_id'))
    migrator.migrate(migrator.drop_index('mantenimiento', 'mantenimiento_expediente_id'))
    migrator.migrate(migrator.drop_index('tramite', 'tramite_modulo'))
    migrator.migrate(migrator.drop_index('oficio', 'oficio_archivado_por_id'))
    migrator.migrate(migrator.drop_column('solicitud_software', 'expediente_id'))
    migrator.migrate(migrator.drop_column('escalamiento', 'expediente_id'))
    migrator.migrate(migrator.drop_column('ticket', 'expediente_id'))
    migrator.migrate(migrator.drop_column('dictamen', 'expediente_id'))
    migrator.migrate(migrator.drop_column('movimiento', 'expediente_id'))
    migrator.migrate(migrator.drop_column('solicitud_cuenta', 'expediente_id'))
    migrator.migrate(migrator.drop_column('mantenimiento', 'expediente_id'))
    migrator.migrate(migrator.drop_column('tramite', 'modulo'))
    migrator.migrate(migrator.drop_column('oficio', 'archivado_por_id'))
    migrator.migrate(migrator.drop_column('oficio', 'archivado_en'))
    migrator.migrate(migrator.drop_column('oficio', 'motivo_archivo'))
    migrator.migrate(migrator.drop_table('destinatario_aviso'))
    migrator.migrate(migrator.drop_table('aviso_tramite'))
