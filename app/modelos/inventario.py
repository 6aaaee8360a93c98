"""Inventario de bienes TIC (procedimiento 21): tipos, facturas CFDI y bienes."""
from __future__ import annotations

from peewee import (BlobField, BooleanField, CharField, DateField, DecimalField,
                    ForeignKeyField, IntegerField, TextField)

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import Dependencia, Proveedor, ServidorPublico

# Estados de un bien (el orden es el del ciclo de vida).
EN_USO = "en_uso"
EN_REPARACION = "en_reparacion"
EN_DICTAMEN = "en_dictamen"
BAJA_SOLICITADA = "baja_solicitada"
DADO_DE_BAJA = "dado_de_baja"

ESTADOS_BIEN: dict[str, str] = {
    EN_USO: "En uso",
    EN_REPARACION: "En reparación",
    EN_DICTAMEN: "En dictamen",
    BAJA_SOLICITADA: "Baja solicitada",
    DADO_DE_BAJA: "Dado de baja",
}


class TipoBien(ModeloVersionado):
    """Tipo de bien TIC con su cuenta contable CONAC y su vida útil (configurables)."""

    nombre = CharField(max_length=100, unique=True)          # "Computadora", "Switch", ...
    cuenta_contable = CharField(max_length=30)               # "1.2.4.1.3"
    vida_util_anios = IntegerField(default=3)
    activo = BooleanField(default=True)

    class Meta:
        table_name = "tipo_bien"


class Factura(ModeloVersionado):
    """Comprobante fiscal (CFDI) de una compra: XML y PDF tal como se recibieron."""

    uuid = CharField(max_length=36, unique=True)             # en mayúsculas
    version_cfdi = CharField(max_length=5)                   # "3.2", "3.3", "4.0"
    fecha = DateField()
    rfc_emisor = CharField(max_length=13)
    nombre_emisor = CharField(max_length=300, default="")
    rfc_receptor = CharField(max_length=13, default="")
    total = DecimalField(max_digits=16, decimal_places=2, auto_round=True)
    moneda = CharField(max_length=3, default="MXN")
    proveedor = ForeignKeyField(Proveedor, null=True, backref="facturas", on_delete="RESTRICT")
    xml = BlobField()
    pdf = BlobField(null=True)
    nombre_xml = CharField(max_length=255, default="")
    nombre_pdf = CharField(max_length=255, default="")

    class Meta:
        table_name = "factura"


class Bien(ModeloVersionado):
    """Bien TIC del municipio, identificado por su número de inventario."""

    numero_inventario = CharField(max_length=40, unique=True)
    tipo = ForeignKeyField(TipoBien, backref="bienes", on_delete="RESTRICT")
    descripcion = CharField(max_length=500)
    marca = CharField(max_length=100, default="")
    modelo = CharField(max_length=100, default="")
    # Único cuando se captura; NULL (no "") cuando no se conoce.
    serie = CharField(max_length=100, null=True, unique=True)
    color = CharField(max_length=60, default="")
    fecha_fabricacion = DateField(null=True)
    fecha_adquisicion = DateField(null=True)
    valor = DecimalField(max_digits=16, decimal_places=2, auto_round=True, default=0)
    cuenta_contable = CharField(max_length=30, default="")
    proveedor = ForeignKeyField(Proveedor, null=True, backref="bienes", on_delete="RESTRICT")
    factura = ForeignKeyField(Factura, null=True, backref="bienes", on_delete="RESTRICT")
    no_identificacion = CharField(max_length=100, default="")   # del concepto del CFDI
    fotografia = BlobField(null=True)
    caracteristicas_hardware = TextField(default="")
    caracteristicas_software = TextField(default="")
    resguardante = ForeignKeyField(ServidorPublico, null=True, backref="bienes",
                                   on_delete="RESTRICT")
    dependencia = ForeignKeyField(Dependencia, null=True, backref="bienes", on_delete="RESTRICT")
    edificio = CharField(max_length=150, default="")
    area = CharField(max_length=150, default="")
    estado = CharField(max_length=20, default=EN_USO, index=True)
    observaciones = TextField(default="")
    # Texto normalizado (sin acentos, minúsculas) de número, serie, marca, modelo,
    # descripción y resguardante, para buscar al teclear.
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "bien"
        # Paginación por llave: un índice (columna de orden, id) por columna ordenable (migración 0025).
        indexes = tuple(((columnas, False) for columnas in (
            ("descripcion", "id"), ("marca", "modelo", "id"), ("modelo", "id"), ("serie", "id"),
            ("tipo_id", "id"), ("dependencia_id", "id"), ("resguardante_id", "id"), ("estado", "id"),
            ("valor", "id"), ("fecha_adquisicion", "id"))))
