"""Mantenimientos (procedimientos 7, 8 y 12): equipos y sistemas, planes preventivos,
mantenimientos programados, su historial, los avisos por oficio y la bitácora de servidores."""
from __future__ import annotations

from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField,
                    TextField)

from app.modelos.base import ModeloBase, ModeloVersionado, ahora
from app.modelos.catalogos import Dependencia
from app.modelos.inventario import Bien
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario


class Dispositivo(ModeloVersionado):
    """Equipo o sistema al que la DTI da mantenimiento (servidor, switch, conmutador, NVR, sistema…)."""

    nombre = CharField(max_length=150, unique=True)
    tipo = CharField(max_length=30, index=True)
    ubicacion = CharField(max_length=200, default="")
    bien = ForeignKeyField(Bien, null=True, backref="dispositivos", on_delete="RESTRICT")
    # Dependencias que lo usan (las afectadas por un mantenimiento): ids separados por «;».
    dependencias = TextField(default="")
    descripcion = TextField(default="")
    activo = BooleanField(default=True)
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "dispositivo"


class PlanPreventivo(ModeloVersionado):
    """Mantenimiento preventivo recurrente de un dispositivo: cada N días, semanas o meses."""

    dispositivo = ForeignKeyField(Dispositivo, backref="planes", on_delete="RESTRICT")
    cada = IntegerField()
    unidad = CharField(max_length=10)                 # dias, semanas, meses
    inicio = DateField()
    hora = CharField(max_length=5)                  # «HH:MM» (igual en SQLite y PostgreSQL)
    duracion_min = IntegerField(default=120)
    actividades = TextField(default="")
    hasta = DateField(null=True)
    activo = BooleanField(default=True)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "plan_preventivo"


class Mantenimiento(ModeloVersionado):
    """Un mantenimiento programado: preventivo o correctivo, de los procedimientos 7, 8 o 12."""

    numero = CharField(max_length=30, unique=True)    # MTO-2026-0001
    anio = IntegerField()
    consecutivo = IntegerField()
    procedimiento = IntegerField(index=True)          # 7, 8 o 12
    clase = CharField(max_length=12)                  # preventivo, correctivo
    dispositivo = ForeignKeyField(Dispositivo, backref="mantenimientos", on_delete="RESTRICT")
    plan = ForeignKeyField(PlanPreventivo, null=True, backref="mantenimientos", on_delete="RESTRICT")
    fecha_plan = DateField(null=True)                 # la fecha que el plan le dio (aunque se reprograme)
    inicio = DateTimeField(index=True)
    fin = DateTimeField()
    descripcion = TextField(default="")
    dependencias = TextField(default="")              # afectadas: ids separados por «;»
    acordado_con = CharField(max_length=300, default="")   # titular o áreas con quienes se acordó la fecha
    estado = CharField(max_length=15, index=True)
    verificaciones = IntegerField(default=0)
    # Autorización del director para programar dentro del horario laboral (procedimiento 8).
    autorizado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    autorizado_en = DateTimeField(null=True)
    motivo_autorizacion = TextField(default="")
    # Reprogramación (p. ej. un correctivo desplazó a este preventivo).
    reprogramado_desde = DateTimeField(null=True)
    nota_reprogramacion = TextField(default="")
    aviso_vigente = BooleanField(default=False)       # ya se avisó por oficio con la fecha actual
    concluido_en = DateTimeField(null=True)
    motivo_cancelacion = TextField(default="")
    cancelado_en = DateTimeField(null=True)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    # El trámite de su procedimiento (issue 14: un solo expediente), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "mantenimiento"
        indexes = ((("plan", "fecha_plan"), True),)


class EventoMantenimiento(ModeloBase):
    """Historial de un mantenimiento (solo se agrega): programación, verificación, ajustes…"""

    mantenimiento = ForeignKeyField(Mantenimiento, backref="eventos", on_delete="RESTRICT")
    momento = DateTimeField(default=ahora)
    usuario = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    tipo = CharField(max_length=30)
    nota = TextField(default="")

    class Meta:
        table_name = "evento_mantenimiento"


class AvisoMantenimiento(ModeloBase):
    """Oficio con el que se avisó a una dependencia afectada la fecha del mantenimiento."""

    mantenimiento = ForeignKeyField(Mantenimiento, backref="avisos", on_delete="RESTRICT")
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    oficio = ForeignKeyField(Oficio, on_delete="RESTRICT", backref="+")
    inicio_avisado = DateTimeField()
    emitido_en = DateTimeField(default=ahora)

    class Meta:
        table_name = "aviso_mantenimiento"


class BitacoraServidor(ModeloBase):
    """Bitácora consultable de los cambios hechos a un servidor (sustituye a la página de soporte)."""

    dispositivo = ForeignKeyField(Dispositivo, backref="bitacora", on_delete="RESTRICT")
    mantenimiento = ForeignKeyField(Mantenimiento, null=True, backref="+", on_delete="RESTRICT")
    momento = DateTimeField(default=ahora, index=True)
    usuario = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    tipo = CharField(max_length=30)
    descripcion = TextField()
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "bitacora_servidor"
