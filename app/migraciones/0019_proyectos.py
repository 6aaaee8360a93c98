"""Proyectos de TI (procedimientos 3, 11, 13, 15 y 18): proyecto, criterios de viabilidad, reuniones con
minuta, requerimientos, versiones del diseño, tareas del plan de trabajo y entregables."""
from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, DecimalField, ForeignKeyField,
                    IntegerField, Model, TextField)

TABLAS = ["entregable_proyecto", "tarea_proyecto", "version_diseno", "requerimiento_proyecto", "reunion_proyecto",
          "criterio_viabilidad", "proyecto"]


def up(migrator, db):
    class Oficio(Model):
        class Meta:
            database = db
            table_name = 'oficio'

    class Dependencia(Model):
        class Meta:
            database = db
            table_name = 'dependencia'

    class ServidorPublico(Model):
        class Meta:
            database = db
            table_name = 'servidor_publico'

    class Usuario(Model):
        class Meta:
            database = db
            table_name = 'usuario'

    class Tramite(Model):
        class Meta:
            database = db
            table_name = 'tramite'

    class Proyecto(Model):
        procedimiento = IntegerField(index=True)
        nombre = CharField(max_length=200)
        descripcion = TextField(default='')
        oficio = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        dependencia = ForeignKeyField(Dependencia, null=True, on_delete='RESTRICT')
        solicitante = ForeignKeyField(ServidorPublico, null=True, on_delete='RESTRICT')
        responsable = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        etapa = CharField(index=True, max_length=20, default='registrado')
        viable = BooleanField(null=True)
        justificacion_viabilidad = TextField(default='')
        costo_estimado = DecimalField(null=True, max_digits=16, decimal_places=2)
        hardware_faltante = TextField(default='')
        desarrollo_iniciado_en = DateTimeField(null=True)
        version_aprobada = IntegerField(null=True)
        beta_version = CharField(max_length=100, default='')
        beta_url = CharField(max_length=500, default='')
        beta_aceptada_en = DateTimeField(null=True)
        implementado_el = DateField(null=True)
        url = CharField(max_length=500, default='')
        ubicacion_fuente = CharField(max_length=500, default='')
        oficio_respuesta = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        oficio_entrega = ForeignKeyField(Oficio, null=True, on_delete='RESTRICT')
        firmante_nombre = CharField(max_length=200, default='')
        autorizacion_tesorero = CharField(max_length=300, default='')
        motivo_cancelacion = TextField(default='')
        creado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        busqueda = TextField(index=True, default='')
        expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete='RESTRICT')
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'proyecto'
    db.create_tables([Proyecto])

    class CriterioViabilidad(Model):
        proyecto = ForeignKeyField(Proyecto, on_delete='RESTRICT')
        ronda = IntegerField(default=1)
        clave = CharField(max_length=40)
        etiqueta = CharField(max_length=200)
        cumple = BooleanField()
        nota = TextField(default='')
        evaluado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'criterio_viabilidad'
    db.create_tables([CriterioViabilidad])

    class ReunionProyecto(Model):
        proyecto = ForeignKeyField(Proyecto, on_delete='RESTRICT')
        fecha = DateTimeField()
        duracion_minutos = IntegerField()
        asistentes = TextField()
        acuerdos = TextField()
        minuta_nombre = CharField(default='')
        minuta_tipo = CharField(max_length=10, default='')
        minuta = BlobField(null=True)
        minuta_sha256 = CharField(max_length=64, default='')
        registrado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'reunion_proyecto'
    db.create_tables([ReunionProyecto])

    class RequerimientoProyecto(Model):
        proyecto = ForeignKeyField(Proyecto, on_delete='RESTRICT')
        descripcion = TextField()
        reunion = ForeignKeyField(ReunionProyecto, null=True, on_delete='RESTRICT')
        activo = BooleanField(default=True)
        registrado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'requerimiento_proyecto'
    db.create_tables([RequerimientoProyecto])

    class VersionDiseno(Model):
        proyecto = ForeignKeyField(Proyecto, on_delete='RESTRICT')
        numero = IntegerField()
        descripcion = TextField()
        archivo_nombre = CharField(default='')
        archivo_tipo = CharField(max_length=10, default='')
        archivo = BlobField(null=True)
        archivo_sha256 = CharField(max_length=64, default='')
        estado = CharField(index=True, max_length=12, default='por_aprobar')
        motivo = TextField(default='')
        resuelto_por = CharField(max_length=200, default='')
        resuelto_en = DateTimeField(null=True)
        registrado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'version_diseno'
    db.create_tables([VersionDiseno])

    class TareaProyecto(Model):
        proyecto = ForeignKeyField(Proyecto, on_delete='RESTRICT')
        orden = IntegerField(default=0)
        nombre = CharField(max_length=200)
        responsable = CharField(max_length=200, default='')
        inicio = DateField()
        fin = DateField()
        avance = IntegerField(default=0)
        activa = BooleanField(default=True)
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'tarea_proyecto'
    db.create_tables([TareaProyecto])

    class EntregableProyecto(Model):
        proyecto = ForeignKeyField(Proyecto, on_delete='RESTRICT')
        tipo = CharField(index=True, max_length=20)
        nombre = CharField()
        tipo_archivo = CharField(max_length=10)
        contenido = BlobField()
        sha256 = CharField(max_length=64)
        tamano = IntegerField()
        activo = BooleanField(default=True)
        registrado_por = ForeignKeyField(Usuario, null=True, on_delete='RESTRICT')
        version = IntegerField(default=1)
        creado_en = DateTimeField()
        modificado_en = DateTimeField()
        class Meta:
            database = db
            table_name = 'entregable_proyecto'
    db.create_tables([EntregableProyecto])


def down(migrator, db):
    for tabla in TABLAS:
        migrator.migrate(migrator.drop_table(tabla))
