"""Licencias de software (procedimiento 10): catálogo, licencias, asignaciones y solicitudes."""
from __future__ import annotations

from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, DecimalField,
                    ForeignKeyField, IntegerField, TextField)

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import Dependencia, Proveedor, ServidorPublico
from app.modelos.inventario import Bien
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

PERPETUA = "perpetua"
SUSCRIPCION = "suscripcion"
VOLUMEN = "volumen"
OEM = "oem"
LIBRE = "libre"

TIPOS_LICENCIA: dict[str, str] = {
    PERPETUA: "Perpetua",
    SUSCRIPCION: "Suscripción",
    VOLUMEN: "Volumen",
    OEM: "OEM",
    LIBRE: "Libre",
}

# Decisiones del flujo del manual (actividades 2, 3, 4, 5 y 6).
ASIGNADA = "asignada"
ADQUISICION = "adquisicion"
ALTERNATIVA_LIBRE = "alternativa_libre"

DECISIONES: dict[str, str] = {
    ASIGNADA: "Se asignó una licencia existente",
    ADQUISICION: "Se abrió el trámite de adquisición",
    ALTERNATIVA_LIBRE: "Se propuso una alternativa de uso libre",
}


class Software(ModeloVersionado):
    """Un programa del catálogo (Windows 11 Pro, CONTPAQi Nóminas, LibreOffice…)."""

    nombre = CharField(max_length=150, unique=True)
    fabricante = CharField(max_length=150, default="")
    categoria = CharField(max_length=100, default="")      # ofimática, contabilidad, diseño…
    es_libre = BooleanField(default=False)
    alternativa_libre = CharField(max_length=300, default="")   # propuesta si no se adquiere
    notas = TextField(default="")
    activo = BooleanField(default=True)
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "software"


class Licencia(ModeloVersionado):
    """Licencia adquirida. La clave se guarda cifrada (``app.servicios.nucleo.secretos``)."""

    software = ForeignKeyField(Software, backref="licencias", on_delete="RESTRICT")
    tipo = CharField(max_length=12, index=True)
    descripcion = CharField(max_length=300, default="")    # «Microsoft 365 Empresa Estándar, 25 usuarios»
    asientos = IntegerField(default=1)
    clave_cifrada = TextField(default="")                  # token de secretos.cifrar; nunca la clave
    clave_mascara = CharField(max_length=200, default="")  # «•••••-•••••-7K3QF», para listas
    vigencia_inicio = DateField(null=True)
    vigencia_fin = DateField(null=True, index=True)        # None: no vence
    costo = DecimalField(max_digits=16, decimal_places=2, auto_round=True, default=0)
    proveedor = ForeignKeyField(Proveedor, null=True, backref="licencias", on_delete="RESTRICT")
    cfdi_uuid = CharField(max_length=36, default="")
    cfdi_archivo = BlobField(null=True)
    cfdi_nombre = CharField(max_length=255, default="")
    notas = TextField(default="")
    activa = BooleanField(default=True)
    motivo_baja = TextField(default="")
    baja_en = DateTimeField(null=True)
    baja_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "licencia"


class AsignacionLicencia(ModeloVersionado):
    """Un asiento de licencia asignado a un bien o a un servidor público (baja lógica)."""

    licencia = ForeignKeyField(Licencia, backref="asignaciones", on_delete="RESTRICT")
    bien = ForeignKeyField(Bien, null=True, backref="licencias", on_delete="RESTRICT")
    servidor = ForeignKeyField(ServidorPublico, null=True, backref="licencias", on_delete="RESTRICT")
    asignado_en = DateTimeField()
    asignado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    instalada = BooleanField(default=False)
    nota = TextField(default="")
    activa = BooleanField(default=True, index=True)
    motivo_baja = TextField(default="")
    baja_en = DateTimeField(null=True)
    baja_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "asignacion_licencia"


class SolicitudSoftware(ModeloVersionado):
    """Una petición de software atendida con el flujo de decisión del procedimiento 10."""

    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="solicitudes_software")
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    software = ForeignKeyField(Software, null=True, on_delete="RESTRICT", backref="solicitudes")
    software_texto = CharField(max_length=200, default="")
    decision = CharField(max_length=20, index=True)
    asignacion = ForeignKeyField(AsignacionLicencia, null=True, on_delete="RESTRICT", backref="+")
    tramite_id = IntegerField(null=True)
    alternativa = CharField(max_length=300, default="")
    justificacion = TextField(default="")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    # El trámite de su procedimiento (issue 14: un solo expediente), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "solicitud_software"
