"""Dictámenes técnicos de equipos TIC (procedimiento 4 del manual)."""
from __future__ import annotations

from peewee import BlobField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import Dependencia
from app.modelos.inventario import Bien
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

# Estados del dictamen, en el orden del procedimiento.
SOLICITADO = "solicitado"        # llegó el oficio de solicitud
PROGRAMADO = "programado"        # se acordó por teléfono la fecha y hora de recepción
EN_REVISION = "en_revision"      # el equipo está en la DTI (el bien pasa a «En dictamen»)
EMITIDO = "emitido"              # folio y PDF congelado, firmado por el titular de la DTI
CANCELADO = "cancelado"

ESTADOS_DICTAMEN: dict[str, str] = {
    SOLICITADO: "Solicitado",
    PROGRAMADO: "Recepción programada",
    EN_REVISION: "Equipo en revisión",
    EMITIDO: "Emitido",
    CANCELADO: "Cancelado",
}

# Resultado del dictamen.
OPERATIVO = "operativo"
REPARABLE = "reparable"
NO_APTO = "no_apto"

RESULTADOS: dict[str, str] = {
    OPERATIVO: "Operativo",
    REPARABLE: "Reparable",
    NO_APTO: "No apto para operar",
}


class Dictamen(ModeloVersionado):
    """Un dictamen técnico sobre un bien, desde la solicitud por oficio hasta su emisión."""

    estado = CharField(max_length=15, index=True, default=SOLICITADO)
    bien = ForeignKeyField(Bien, backref="dictamenes", on_delete="RESTRICT")
    # Solicitud (política 2: por oficio al titular de la DTI).
    oficio_solicitud = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="dictamenes")
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="dictamenes")
    motivo_solicitud = TextField(default="")
    # Recepción acordada por teléfono (pasos 3 y 4) y recepción del equipo (paso 5).
    recepcion_acordada = DateTimeField(null=True)
    acuerdo_telefonico = TextField(default="")       # con quién se habló, a qué extensión
    recibido_en = DateTimeField(null=True)
    recibido_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    entregado_por = CharField(max_length=200, default="")
    estado_previo_bien = CharField(max_length=20, default="")
    # Pruebas (paso 6) y criterios de la política 4, prellenados desde el bien y editables.
    pruebas = TextField(default="")
    fecha_fabricacion = DateField(null=True)
    marca = CharField(max_length=100, default="")
    modelo = CharField(max_length=100, default="")
    caracteristicas_hardware = TextField(default="")
    caracteristicas_software = TextField(default="")
    # Resultado (paso 7).
    resultado = CharField(max_length=12, default="", index=True)
    posible_solucion = TextField(default="")
    conclusion = TextField(default="")
    # Emisión: folio propio consecutivo por año y PDF congelado.
    anio = IntegerField(null=True)
    consecutivo = IntegerField(null=True)
    folio = CharField(max_length=60, null=True, unique=True)
    fecha_emision = DateField(null=True)
    emitido_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    firmante_nombre = CharField(max_length=200, default="")
    firmante_cargo = CharField(max_length=200, default="")
    pdf = BlobField(null=True)
    sha256 = CharField(max_length=64, default="")
    # Uso del dictamen «no apto» para la baja del inventario (un dictamen, una baja).
    movimiento_baja_id = IntegerField(null=True, unique=True)
    usado_en_baja_en = DateTimeField(null=True)
    tramite_id = IntegerField(null=True, index=True)
    # Cancelación (baja lógica).
    motivo_cancelacion = TextField(default="")
    cancelado_en = DateTimeField(null=True)
    cancelado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    # El trámite de su procedimiento (issue 14: un solo expediente), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "dictamen"
