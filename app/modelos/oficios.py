"""Oficios entrantes y salientes, sus adjuntos y los contadores de folio."""
from __future__ import annotations

from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField,
                    ForeignKeyField, IntegerField, TextField)

from app.modelos.base import ModeloBase, ModeloVersionado, ahora
from app.modelos.catalogos import Dependencia
from app.modelos.usuarios import Usuario


class ContadorFolio(ModeloBase):
    """Último consecutivo emitido por serie y año (se actualiza en la transacción del documento)."""

    serie = CharField(max_length=40)
    anio = IntegerField()
    ultimo = IntegerField(default=0)

    class Meta:
        table_name = "contador_folio"
        indexes = ((("serie", "anio"), True),)


class Oficio(ModeloVersionado):
    """Documento oficial. ``tipo`` es ``entrante`` (lo recibe la DTI) o ``saliente`` (lo emite)."""

    tipo = CharField(max_length=10, index=True)
    estado = CharField(max_length=15, index=True)   # registrado, incompleto, atendido, archivado, descartado, emitido, cancelado
    # Saliente: folio consecutivo por año.
    anio = IntegerField(null=True)
    consecutivo = IntegerField(null=True)
    folio = CharField(max_length=60, null=True, unique=True)
    # Entrante: lo que exigen las políticas de operación.
    numero_oficio = CharField(max_length=100, default="")
    fecha_documento = DateField(null=True)
    procedencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="oficios_enviados")
    procedencia_texto = CharField(max_length=300, default="")
    solicitante_nombre = CharField(max_length=200, default="")
    solicitante_cargo = CharField(max_length=200, default="")
    firmado = BooleanField(default=False)
    descripcion = TextField(default="")
    recibido_en = DateTimeField(null=True)          # acuse de recibo: fecha y hora
    recibido_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    faltantes = TextField(default="")               # campos que faltaban al registrarlo, separados por «;»
    # Saliente.
    asunto = CharField(max_length=300, default="")
    destinatario_nombre = CharField(max_length=200, default="")
    destinatario_cargo = CharField(max_length=200, default="")
    destinatario_dependencia = CharField(max_length=200, default="")
    cuerpo = TextField(default="")
    firmantes = TextField(default="")               # JSON: [{"nombre": ..., "cargo": ...}]
    ccp = TextField(default="")                     # una línea por destinatario de copia
    plantilla = CharField(max_length=100, default="")
    pdf = BlobField(null=True)                      # bytes congelados del PDF emitido
    sha256 = CharField(max_length=64, default="")
    huella = CharField(max_length=64, default="")   # huella del contenido (va en el QR)
    # Ancla en la bitácora (va en el QR): posición y hash del eslabón al que se encadenó su emisión.
    # Vacía en los emitidos antes de la migración 0014.
    ancla_posicion = IntegerField(null=True)
    ancla_hash = CharField(max_length=64, null=True)
    # Relación con otros documentos y trámites.
    en_respuesta_a = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="respuestas")
    tramite_id = IntegerField(null=True, index=True)
    # Un oficio recibido que no da lugar a un caso se archiva o se descarta con su motivo (políticas 3 y 18).
    motivo_archivo = TextField(default="")
    archivado_en = DateTimeField(null=True)
    archivado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    # Cancelación (baja lógica).
    motivo_cancelacion = TextField(default="")
    cancelado_en = DateTimeField(null=True)
    cancelado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "oficio"


class Adjunto(ModeloBase):
    """Archivo escaneado (PDF) adjunto a un oficio."""

    oficio = ForeignKeyField(Oficio, backref="adjuntos", on_delete="RESTRICT")
    nombre_archivo = CharField(max_length=255)
    tipo_mime = CharField(max_length=100, default="application/pdf")
    contenido = BlobField()
    sha256 = CharField(max_length=64)
    tamano = IntegerField()
    creado_en = DateTimeField(default=ahora)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "adjunto"
