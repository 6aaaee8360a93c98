"""Mesa de ayuda (procedimientos 6 y 2): tickets, metas de SLA y escalamientos a proveedor."""
from __future__ import annotations

from peewee import (CharField, DateField, DateTimeField, FloatField, ForeignKeyField,
                    IntegerField, TextField)

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import Dependencia, Proveedor, ServidorPublico
from app.modelos.inventario import Bien
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario


class Ticket(ModeloVersionado):
    """Solicitud de soporte técnico con su folio ``T-AAAA-NNNNN``.

    Las metas de SLA (``meta_respuesta_en``, ``meta_resolucion_en``) se calculan en
    horas hábiles al registrar el ticket y al cambiar su prioridad; los tiempos
    reales en horas hábiles (``horas_respuesta``, ``horas_resolucion``) se guardan
    cuando ocurren, para que el tablero promedie en SQL aunque haya cientos de miles.
    """

    folio = CharField(max_length=20, unique=True)
    anio = IntegerField()
    consecutivo = IntegerField()
    recibido_en = DateTimeField(index=True)
    canal = CharField(max_length=20)
    extension = CharField(max_length=10, default="")
    dependencia = ForeignKeyField(Dependencia, backref="tickets", on_delete="RESTRICT")
    solicitante = ForeignKeyField(ServidorPublico, null=True, backref="tickets", on_delete="RESTRICT")
    solicitante_nombre = CharField(max_length=200, default="")
    bien = ForeignKeyField(Bien, null=True, backref="tickets", on_delete="RESTRICT")
    categoria = CharField(max_length=40)
    descripcion = TextField()
    prioridad = CharField(max_length=10, index=True)
    modalidad = CharField(max_length=20)
    asignado = ForeignKeyField(Usuario, null=True, backref="tickets_asignados", on_delete="RESTRICT")
    estado = CharField(max_length=20, index=True)
    solucion = TextField(default="")
    primera_respuesta_en = DateTimeField(null=True)
    resuelto_en = DateTimeField(null=True)
    cerrado_en = DateTimeField(null=True)
    meta_respuesta_en = DateTimeField(null=True)
    meta_resolucion_en = DateTimeField(null=True)
    horas_respuesta = FloatField(null=True)
    horas_resolucion = FloatField(null=True)
    registrado_por = ForeignKeyField(Usuario, null=True, backref="+", on_delete="RESTRICT")
    busqueda = TextField(default="")

    # El trámite de su procedimiento (issue 14: un solo expediente), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "ticket"
        # Paginación por llave (columna de orden, id) y los historiales del detalle (llave, fecha, id):
        # abrir la mesa de ayuda cuesta lo mismo con 10,000 que con 500,000 tickets (migración 0025).
        indexes = tuple(((columnas, False) for columnas in (
            ("recibido_en", "id"), ("estado", "id"), ("dependencia_id", "id"), ("solicitante_nombre", "id"),
            ("asignado_id", "id"), ("bien_id", "id"), ("bien_id", "recibido_en", "id"),
            ("dependencia_id", "recibido_en", "id"), ("solicitante_id", "recibido_en", "id"))))


class MetaSLA(ModeloVersionado):
    """Meta de atención por prioridad, en horas hábiles (configurable)."""

    prioridad = CharField(max_length=10, unique=True)
    horas_respuesta = FloatField()
    horas_resolucion = FloatField()

    class Meta:
        table_name = "meta_sla"


class Escalamiento(ModeloVersionado):
    """Equipo llevado a un proveedor autorizado de su marca (procedimiento 2, actividad 5.1)."""

    ticket = ForeignKeyField(Ticket, backref="escalamientos", on_delete="RESTRICT")
    proveedor = ForeignKeyField(Proveedor, backref="escalamientos", on_delete="RESTRICT")
    marca = CharField(max_length=100)
    motivo = TextField(default="")
    enviado_en = DateTimeField()
    dias_comprometidos = IntegerField()
    entrega_comprometida = DateField(index=True)
    devuelto_en = DateTimeField(null=True)
    diagnostico_proveedor = TextField(default="")
    entregado_en = DateTimeField(null=True)
    recibido_por = ForeignKeyField(ServidorPublico, null=True, backref="+", on_delete="RESTRICT")
    recibido_por_nombre = CharField(max_length=200, default="")
    estado = CharField(max_length=20, index=True)

    # El trámite de su procedimiento (issue 14: un solo expediente), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "escalamiento"
