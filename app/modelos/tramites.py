"""Trámites: casos de uno de los 21 procedimientos y su historial de pasos."""
from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.modelos.base import ModeloBase, ModeloVersionado, ahora
from app.modelos.catalogos import Dependencia, ServidorPublico
from app.modelos.oficios import Oficio
from app.modelos.usuarios import Usuario


class Tramite(ModeloVersionado):
    """Un caso de un procedimiento del manual."""

    numero = CharField(max_length=40, unique=True)          # "DTI-T-0001/2026"
    procedimiento = IntegerField(index=True)                 # 1..21
    asunto = CharField(max_length=300)
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="tramites")
    solicitante = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="tramites")
    oficio_entrada = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="tramites")
    paso_actual = CharField(max_length=10, null=True)        # None al concluir
    estado = CharField(max_length=12, index=True)            # abierto, concluido, cancelado
    responsable = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    concluido_en = DateTimeField(null=True)
    motivo_cancelacion = TextField(default="")
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "tramite"


class PasoTramite(ModeloBase):
    """Un paso recorrido: quién, cuándo, qué se decidió y cuánto tardó."""

    tramite = ForeignKeyField(Tramite, backref="pasos", on_delete="RESTRICT")
    paso = CharField(max_length=10)
    actividad = TextField()
    responsable_area = CharField(max_length=200, default="")
    inicio = DateTimeField(default=ahora)
    fin = DateTimeField(null=True)
    segundos = IntegerField(null=True)
    opcion = CharField(max_length=60, default="")            # respuesta de la decisión
    destino = CharField(max_length=10, null=True)            # paso siguiente (None: fin)
    nota = TextField(default="")
    usuario = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "paso_tramite"
