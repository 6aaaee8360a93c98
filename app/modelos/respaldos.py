"""Respaldo y recuperación de información (procedimiento 5): planes, ejecuciones, recuperaciones y entregas."""
from __future__ import annotations

from peewee import (BigIntegerField, BlobField, BooleanField, CharField, DateField, DateTimeField,
                    ForeignKeyField, IntegerField, TextField)

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import Dependencia, ServidorPublico
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

# Periodicidad que propone el propietario de la información (política 1 del procedimiento 5).
UNICA = "unica"
DIARIA = "diaria"
SEMANAL = "semanal"
QUINCENAL = "quincenal"
MENSUAL = "mensual"
TRIMESTRAL = "trimestral"
SEMESTRAL = "semestral"
ANUAL = "anual"
CADA_N_DIAS = "cada_n_dias"

PERIODICIDADES: dict[str, str] = {
    UNICA: "Única vez",
    DIARIA: "Diaria",
    SEMANAL: "Semanal",
    QUINCENAL: "Quincenal",
    MENSUAL: "Mensual",
    TRIMESTRAL: "Trimestral",
    SEMESTRAL: "Semestral",
    ANUAL: "Anual",
    CADA_N_DIAS: "Cada N días",
}

EXITOSO = "exitoso"
PARCIAL = "parcial"
FALLIDO = "fallido"
RESULTADOS: dict[str, str] = {EXITOSO: "Exitoso", PARCIAL: "Parcial", FALLIDO: "Fallido"}

SOLICITADA = "solicitada"
RECUPERADA = "recuperada"
ENTREGADA = "entregada"
ESTADOS_RECUPERACION: dict[str, str] = {SOLICITADA: "Solicitada", RECUPERADA: "Recuperada y verificada",
                                        ENTREGADA: "Entregada"}


class PlanRespaldo(ModeloVersionado):
    """Qué información de qué dependencia se respalda y cada cuánto (lo que pidió su titular por oficio)."""

    folio = CharField(max_length=20, unique=True)                 # «RES-0001/2026»
    anio = IntegerField()
    consecutivo = IntegerField()
    dependencia = ForeignKeyField(Dependencia, on_delete="RESTRICT", backref="+")
    informacion = CharField(max_length=300)                       # «Base de datos del padrón catastral»
    sistema = CharField(max_length=200, default="")               # sistema o equipo donde está
    propietario = ForeignKeyField(ServidorPublico, on_delete="RESTRICT", backref="+")
    oficio = ForeignKeyField(Oficio, on_delete="RESTRICT", backref="+")   # la solicitud del titular
    periodicidad = CharField(max_length=12, index=True)
    cada_dias = IntegerField(null=True)                           # solo con «cada N días»
    inicio = DateField()                                          # primera fecha debida
    medio = CharField(max_length=100, default="")                 # medio previsto (NAS, disco externo…)
    ubicacion = CharField(max_length=300, default="")             # dónde quedan los respaldos
    notas = TextField(default="")
    activo = BooleanField(default=True, index=True)
    motivo_baja = TextField(default="")
    baja_en = DateTimeField(null=True)
    baja_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "plan_respaldo"


class EjecucionRespaldo(ModeloVersionado):
    """Un respaldo hecho: cuándo, quién, en qué medio, cuánto pesa, su SHA-256, dónde quedó y cómo salió."""

    plan = ForeignKeyField(PlanRespaldo, on_delete="RESTRICT", backref="ejecuciones")
    realizado_en = DateTimeField(index=True)
    realizado_por = ForeignKeyField(Usuario, on_delete="RESTRICT", backref="+")
    medio = CharField(max_length=100)
    tamano_bytes = BigIntegerField(default=0)
    sha256 = CharField(max_length=64, default="")
    ubicacion = CharField(max_length=300)
    resultado = CharField(max_length=10, index=True)
    notas = TextField(default="")

    class Meta:
        table_name = "ejecucion_respaldo"


class RecuperacionInformacion(ModeloVersionado):
    """Una solicitud de recuperación (actividad 3.1): qué se restauró, de qué respaldo y cómo se verificó."""

    dependencia = ForeignKeyField(Dependencia, on_delete="RESTRICT", backref="+")
    oficio = ForeignKeyField(Oficio, on_delete="RESTRICT", backref="+")
    plan = ForeignKeyField(PlanRespaldo, null=True, on_delete="RESTRICT", backref="recuperaciones")
    ejecucion = ForeignKeyField(EjecucionRespaldo, null=True, on_delete="RESTRICT", backref="+")
    informacion = TextField()                                     # lo que se pidió recuperar
    restaurado = TextField(default="")                            # lo que se restauró
    verificacion = TextField(default="")                          # cómo se comprobó
    recuperada_en = DateTimeField(null=True)
    recuperada_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    estado = CharField(max_length=12, index=True)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "recuperacion_informacion"


class EntregaRespaldo(ModeloVersionado):
    """Entrega de información en un dispositivo de almacenamiento masivo (actividad 4), con su acuse."""

    ejecucion = ForeignKeyField(EjecucionRespaldo, null=True, on_delete="RESTRICT", backref="entregas")
    recuperacion = ForeignKeyField(RecuperacionInformacion, null=True, on_delete="RESTRICT", backref="entregas")
    dispositivo = CharField(max_length=300)                       # tipo, marca, capacidad y serie
    recibe = ForeignKeyField(ServidorPublico, on_delete="RESTRICT", backref="+")
    acuse_en = DateTimeField()                                    # cuándo firmó de recibido
    acuse_nombre = CharField(max_length=255, default="")
    acuse_archivo = BlobField(null=True)
    entregado_en = DateTimeField()
    entregado_por = ForeignKeyField(Usuario, on_delete="RESTRICT", backref="+")
    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    notas = TextField(default="")

    class Meta:
        table_name = "entrega_respaldo"
