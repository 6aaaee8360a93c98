"""Página web (procedimientos 14, 16 y 17): cargas de información, declaraciones e hipervínculos."""
from __future__ import annotations

from peewee import BlobField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import Dependencia
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

# Estados de una solicitud (carga web y declaraciones): el paso del manual en que va.
RECIBIDA = "recibida"
IMAGENES = "imagenes"          # p14, 2.1: faltan las imágenes del área
PROGRAMACION = "programacion"
PREVIO = "previo"              # el previo espera la aceptación del solicitante
ACEPTADA = "aceptada"          # el previo se aceptó: falta publicar
CORRECCIONES = "correcciones"
PUBLICADA = "publicada"
CANCELADA = "cancelada"

ESTADOS: dict[str, str] = {
    RECIBIDA: "Recibida", IMAGENES: "Esperando imágenes", PROGRAMACION: "En programación",
    PREVIO: "Previo en revisión", CORRECCIONES: "En correcciones", ACEPTADA: "Previo aceptado, por publicar", PUBLICADA: "Publicada", CANCELADA: "Cancelada",
}

# Estados de una solicitud de hipervínculos (procedimiento 17).
ANALISIS = "analisis"
INFORMACION_FALTANTE = "informacion_faltante"
HOSTING = "hosting"
ELABORACION = "elaboracion"
ESTADOS_HIPERVINCULOS: dict[str, str] = {
    ANALISIS: "En análisis", INFORMACION_FALTANTE: "Información faltante", HOSTING: "Carga al hosting",
    ELABORACION: "Elaboración de hipervínculos", PUBLICADA: "Concluida", CANCELADA: "Cancelada",
}


class SolicitudCargaWeb(ModeloVersionado):
    """Procedimiento 14: una petición de carga o actualización de información en la página web."""

    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    url_pagina = CharField(max_length=500)
    descripcion = TextField(default="")
    contiene_imagenes = BooleanField(default=False)
    estado = CharField(max_length=20, index=True, default=RECIBIDA)
    responsabilidad = TextField(default="")          # la nota de la política 2
    cambios_realizados = TextField(default="")
    url_previo = CharField(max_length=500, default="")
    previo_aceptado_en = DateTimeField(null=True)
    previo_aceptado_por = CharField(max_length=200, default="")
    observaciones = TextField(default="")
    rechazos_previo = IntegerField(default=0)
    url_publicacion = CharField(max_length=500, default="")
    fecha_publicacion = DateField(null=True)
    motivo_cancelacion = TextField(default="")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "solicitud_carga_web"


class ImagenCargaWeb(ModeloVersionado):
    """Una imagen que entregó el área para su carga (revisada antes de aceptarse)."""

    solicitud = ForeignKeyField(SolicitudCargaWeb, backref="imagenes", on_delete="RESTRICT")
    nombre = CharField(max_length=255)
    formato = CharField(max_length=10)
    tamano = IntegerField()
    ancho = IntegerField()
    alto = IntegerField()
    contenido = BlobField()
    sha256 = CharField(max_length=64)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "imagen_carga_web"


class SolicitudDeclaraciones(ModeloVersionado):
    """Procedimiento 16: un cambio a la plataforma de declaraciones (solo lo pide la Contraloría)."""

    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    dependencia = ForeignKeyField(Dependencia, on_delete="RESTRICT", backref="+")
    actualizacion = TextField()
    lineamiento = CharField(max_length=300, default="")
    estado = CharField(max_length=20, index=True, default=PROGRAMACION)
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
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "solicitud_declaraciones"


class AreaTesoreria(ModeloVersionado):
    """Un área de la Tesorería con su carpeta en el hosting (Ingresos, Egresos, Catastro…)."""

    nombre = CharField(max_length=150, unique=True)
    carpeta = CharField(max_length=300)
    activo = BooleanField(default=True)
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "area_tesoreria"


class SolicitudHipervinculos(ModeloVersionado):
    """Procedimiento 17: una petición de hipervínculos de un área de la Tesorería."""

    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    area = ForeignKeyField(AreaTesoreria, on_delete="RESTRICT", backref="solicitudes")
    dirigido_a = CharField(max_length=20)                 # «tesorero» o «titular_dti» (política 1)
    descripcion = TextField()
    estado = CharField(max_length=25, index=True, default=ANALISIS)
    analisis = TextField(default="")
    informacion_faltante = TextField(default="")
    carpeta = CharField(max_length=300, default="")
    url_publicacion = CharField(max_length=500, default="")
    motivo_cancelacion = TextField(default="")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "solicitud_hipervinculos"


class Hipervinculo(ModeloVersionado):
    """Un hipervínculo publicado: área, fracción de la ley de transparencia, periodo y dirección."""

    area = ForeignKeyField(AreaTesoreria, on_delete="RESTRICT", backref="hipervinculos")
    fraccion = CharField(max_length=200)
    periodo = CharField(max_length=100)
    url = CharField(max_length=1000)
    descripcion = CharField(max_length=300, default="")
    solicitud = ForeignKeyField(SolicitudHipervinculos, null=True, on_delete="RESTRICT", backref="hipervinculos")
    activo = BooleanField(default=True, index=True)
    ultimo_resultado = CharField(max_length=300, default="")
    ultimo_ok = BooleanField(null=True)
    ultima_verificacion = DateTimeField(null=True)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "hipervinculo"


class VerificacionHipervinculo(ModeloVersionado):
    """Una consulta del verificador a un hipervínculo: estado HTTP o error, tiempo y momento."""

    hipervinculo = ForeignKeyField(Hipervinculo, backref="verificaciones", on_delete="RESTRICT")
    momento = DateTimeField(index=True)
    ok = BooleanField()
    codigo = IntegerField(null=True)
    error = CharField(max_length=300, default="")
    milisegundos = IntegerField(default=0)
    url_final = CharField(max_length=1000, default="")
    metodo = CharField(max_length=5, default="")
    usuario = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "verificacion_hipervinculo"
