"""Proyectos de TI (procedimientos 3, 11, 13, 15 y 18 del manual).

Un solo modelo de proyecto para los cinco procedimientos (campo ``procedimiento``) con sus tablas
hijas: los criterios de viabilidad evaluados, los requerimientos, las reuniones con su minuta, las
versiones del diseño o propuesta (cada una aprobada o rechazada con su motivo: los ciclos de ajuste
del manual quedan como historia), las tareas del plan de trabajo y los entregables adjuntos.
"""
from __future__ import annotations

from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, DecimalField,
                    ForeignKeyField, IntegerField, TextField)

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import Dependencia, ServidorPublico
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

# Etapas del proyecto (lo que ve el usuario; el paso exacto del manual lo lleva su trámite).
REGISTRADO = "registrado"
NO_VIABLE = "no_viable"
OBSERVADO = "observado"
ESPERA_HARDWARE = "espera_hardware"
PLANEACION = "planeacion"
DISENO = "diseno"
DESARROLLO = "desarrollo"
REVISION_BETA = "revision_beta"
IMPLEMENTADO = "implementado"
ENTREGADO = "entregado"
CANCELADO = "cancelado"

ETAPAS: dict[str, str] = {
    REGISTRADO: "Registrado, en análisis",
    NO_VIABLE: "No viable",
    OBSERVADO: "Con observaciones para su corrección",
    ESPERA_HARDWARE: "En espera del hardware de la dependencia",
    PLANEACION: "Viable, en planeación",
    DISENO: "Diseño en aprobación",
    DESARROLLO: "En desarrollo",
    REVISION_BETA: "Beta en revisión",
    IMPLEMENTADO: "Implementado, por entregar",
    ENTREGADO: "Entregado",
    CANCELADO: "Cancelado",
}

POR_APROBAR = "por_aprobar"
APROBADA = "aprobada"
RECHAZADA = "rechazada"
ESTADOS_VERSION: dict[str, str] = {POR_APROBAR: "Por aprobar", APROBADA: "Aprobada", RECHAZADA: "Rechazada"}

MEMORIA_TECNICA = "memoria_tecnica"
MANUAL_USUARIO = "manual_usuario"
DISENO_SOFTWARE = "diseno_software"
PLAN_TRABAJO = "plan_trabajo"
OTRO = "otro"
TIPOS_ENTREGABLE: dict[str, str] = {
    MEMORIA_TECNICA: "Memoria técnica",
    MANUAL_USUARIO: "Manual de usuario",
    DISENO_SOFTWARE: "Documento de diseño de software",
    PLAN_TRABAJO: "Plan de trabajo",
    OTRO: "Otro documento",
}


class Proyecto(ModeloVersionado):
    """Un proyecto solicitado por oficio de una dependencia."""

    procedimiento = IntegerField(index=True)                 # 3, 11, 13, 15 o 18
    nombre = CharField(max_length=200)
    descripcion = TextField(default="")
    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    solicitante = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="+")
    responsable = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    etapa = CharField(max_length=20, index=True, default=REGISTRADO)
    viable = BooleanField(null=True)
    justificacion_viabilidad = TextField(default="")
    costo_estimado = DecimalField(max_digits=16, decimal_places=2, auto_round=True, null=True)
    hardware_faltante = TextField(default="")                # lo que la dependencia debe subsanar
    desarrollo_iniciado_en = DateTimeField(null=True)
    version_aprobada = IntegerField(null=True)                # número de la versión con que se desarrolla
    beta_version = CharField(max_length=100, default="")
    beta_url = CharField(max_length=500, default="")
    beta_aceptada_en = DateTimeField(null=True)
    implementado_el = DateField(null=True)
    url = CharField(max_length=500, default="")
    ubicacion_fuente = CharField(max_length=500, default="")  # repositorio o carpeta del código fuente
    oficio_respuesta = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    oficio_entrega = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    firmante_nombre = CharField(max_length=200, default="")
    autorizacion_tesorero = CharField(max_length=300, default="")
    motivo_cancelacion = TextField(default="")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "proyecto"


class CriterioViabilidad(ModeloVersionado):
    """Un criterio del manual evaluado en una ronda de la valoración de viabilidad."""

    proyecto = ForeignKeyField(Proyecto, backref="criterios", on_delete="RESTRICT")
    ronda = IntegerField(default=1)
    clave = CharField(max_length=40)
    etiqueta = CharField(max_length=200)
    cumple = BooleanField()
    nota = TextField(default="")
    evaluado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "criterio_viabilidad"


class ReunionProyecto(ModeloVersionado):
    """Una reunión con la dependencia y su minuta (asistentes, acuerdos, duración)."""

    proyecto = ForeignKeyField(Proyecto, backref="reuniones", on_delete="RESTRICT")
    fecha = DateTimeField()
    duracion_minutos = IntegerField()
    asistentes = TextField()
    acuerdos = TextField()
    minuta_nombre = CharField(max_length=255, default="")
    minuta_tipo = CharField(max_length=10, default="")
    minuta = BlobField(null=True)
    minuta_sha256 = CharField(max_length=64, default="")
    registrado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "reunion_proyecto"


class RequerimientoProyecto(ModeloVersionado):
    """Un requerimiento del proyecto; si salió de una reunión, la reunión que lo completó."""

    proyecto = ForeignKeyField(Proyecto, backref="requerimientos", on_delete="RESTRICT")
    descripcion = TextField()
    reunion = ForeignKeyField(ReunionProyecto, null=True, on_delete="RESTRICT", backref="requerimientos")
    activo = BooleanField(default=True)
    registrado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "requerimiento_proyecto"


class VersionDiseno(ModeloVersionado):
    """Una versión del diseño o propuesta; la dependencia la aprueba o rechaza con su motivo."""

    proyecto = ForeignKeyField(Proyecto, backref="versiones", on_delete="RESTRICT")
    numero = IntegerField()
    descripcion = TextField()
    archivo_nombre = CharField(max_length=255, default="")
    archivo_tipo = CharField(max_length=10, default="")
    archivo = BlobField(null=True)
    archivo_sha256 = CharField(max_length=64, default="")
    estado = CharField(max_length=12, index=True, default=POR_APROBAR)
    motivo = TextField(default="")
    resuelto_por = CharField(max_length=200, default="")      # quién de la dependencia resolvió
    resuelto_en = DateTimeField(null=True)
    registrado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "version_diseno"


class TareaProyecto(ModeloVersionado):
    """Una tarea del plan de trabajo (para el Gantt)."""

    proyecto = ForeignKeyField(Proyecto, backref="tareas", on_delete="RESTRICT")
    orden = IntegerField(default=0)
    nombre = CharField(max_length=200)
    responsable = CharField(max_length=200, default="")
    inicio = DateField()
    fin = DateField()
    avance = IntegerField(default=0)                           # 0 a 100
    activa = BooleanField(default=True)

    class Meta:
        table_name = "tarea_proyecto"


class EntregableProyecto(ModeloVersionado):
    """Un entregable adjunto (memoria técnica, manual de usuario…), validado por su contenido."""

    proyecto = ForeignKeyField(Proyecto, backref="entregables", on_delete="RESTRICT")
    tipo = CharField(max_length=20, index=True)
    nombre = CharField(max_length=255)
    tipo_archivo = CharField(max_length=10)
    contenido = BlobField()
    sha256 = CharField(max_length=64)
    tamano = IntegerField()
    activo = BooleanField(default=True)
    registrado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "entregable_proyecto"


MODELOS = [Proyecto, CriterioViabilidad, ReunionProyecto, RequerimientoProyecto, VersionDiseno, TareaProyecto,
           EntregableProyecto]
