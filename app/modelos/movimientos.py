"""Movimientos al inventario de bienes TIC (procedimiento 21): alta, cambio de resguardante y baja.

Un movimiento es la solicitud que la DTI envía por oficio a la Dirección de Armonización
Contable; su detalle dice qué bienes incluye y cómo estaban antes, para poder aplicarlo
o devolver cada bien a su estado si se rechaza.
"""
from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.modelos.base import ModeloBase, ModeloVersionado
from app.modelos.catalogos import Dependencia, ServidorPublico
from app.modelos.inventario import Bien
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

# Tipos de movimiento (políticas de operación del procedimiento 21).
ALTA = "alta"
CAMBIO = "cambio"
BAJA = "baja"

TIPOS_MOVIMIENTO: dict[str, str] = {
    ALTA: "Alta al inventario",
    CAMBIO: "Cambio o reasignación de resguardante",
    BAJA: "Baja del inventario",
}

# Estados: solicitado → enviado → aplicado / rechazado.
SOLICITADO = "solicitado"
ENVIADO = "enviado"
APLICADO = "aplicado"
RECHAZADO = "rechazado"

ESTADOS_MOVIMIENTO: dict[str, str] = {
    SOLICITADO: "Solicitado",
    ENVIADO: "Enviado",
    APLICADO: "Aplicado",
    RECHAZADO: "Rechazado",
}
PENDIENTES = (SOLICITADO, ENVIADO)


class Movimiento(ModeloVersionado):
    """Solicitud de movimiento al inventario con su oficio y la respuesta de Armonización Contable."""

    tipo = CharField(max_length=10, index=True)
    estado = CharField(max_length=12, index=True, default=SOLICITADO)
    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="movimientos")
    # Cambio de resguardante: a quién y a dónde pasa el bien.
    resguardante_nuevo = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="+")
    dependencia_nueva = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    edificio_nuevo = CharField(max_length=150, default="")
    area_nueva = CharField(max_length=150, default="")
    motivo = TextField(default="")
    # El módulo de dictámenes llega en otro issue: por ahora solo el número del dictamen.
    dictamen_id = IntegerField(null=True, index=True)
    levantamiento_id = IntegerField(null=True, index=True)
    enviado_en = DateTimeField(null=True)
    respuesta_numero = CharField(max_length=100, default="")
    respuesta_fecha = DateField(null=True)
    respuesta_nota = TextField(default="")
    resuelto_en = DateTimeField(null=True)
    solicitado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    # El trámite de su procedimiento (issue 14: un solo expediente), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "movimiento"


class DetalleMovimiento(ModeloBase):
    """Un bien dentro de un movimiento, con su situación al solicitarlo."""

    movimiento = ForeignKeyField(Movimiento, on_delete="RESTRICT", backref="detalles")
    bien = ForeignKeyField(Bien, on_delete="RESTRICT", backref="detalles_movimiento")
    resguardante_anterior = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="+")
    dependencia_anterior = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    edificio_anterior = CharField(max_length=150, default="")
    area_anterior = CharField(max_length=150, default="")
    estado_bien_anterior = CharField(max_length=20)

    class Meta:
        table_name = "detalle_movimiento"
        indexes = ((("movimiento", "bien"), True),)
