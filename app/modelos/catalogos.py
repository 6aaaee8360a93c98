"""Catálogos: institución, dependencias, servidores públicos y proveedores."""
from __future__ import annotations

from peewee import BlobField, BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from app.modelos.base import ModeloVersionado


class Dependencia(ModeloVersionado):
    """Área del gobierno municipal (Presidencia, Tesorería, Contraloría, ...)."""

    nombre = CharField(max_length=200, unique=True)
    siglas = CharField(max_length=30, default="")
    ubicacion = CharField(max_length=200, default="")
    activo = BooleanField(default=True)
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "dependencia"


class ServidorPublico(ModeloVersionado):
    """Persona que trabaja en el Ayuntamiento: solicita, recibe, resguarda o firma."""

    nombre = CharField(max_length=200)
    cargo = CharField(max_length=200, default="")
    dependencia = ForeignKeyField(Dependencia, backref="servidores", null=True, on_delete="RESTRICT")
    correo = CharField(max_length=254, default="")
    extension = CharField(max_length=20, default="")
    activo = BooleanField(default=True)
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "servidor_publico"
        indexes = ((("nombre", "id"), False),)     # orden de las listas por resguardante (0025)


class Proveedor(ModeloVersionado):
    """Proveedor de bienes o servicios de TIC."""

    rfc = CharField(max_length=13, unique=True)
    razon_social = CharField(max_length=300)
    contacto = CharField(max_length=200, default="")
    telefono = CharField(max_length=40, default="")
    correo = CharField(max_length=254, default="")
    # Marcas de las que es servicio técnico autorizado, separadas por «;» (normalizadas).
    marcas_autorizadas = TextField(default="")
    tiempo_entrega_dias = IntegerField(default=0)
    activo = BooleanField(default=True)
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "proveedor"


class Institucion(ModeloVersionado):
    """Datos de la institución que usan los documentos (un solo registro, id = 1)."""

    nombre = CharField(max_length=300)
    municipio = CharField(max_length=200)
    lugar = CharField(max_length=200)                 # "San Martín Texmelucan, Pue."
    lema = CharField(max_length=300, default="")
    area = CharField(max_length=200)                  # "Dirección de Tecnologías de la Información"
    logotipo = BlobField(null=True)
    titular_dti = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="+")
    tesorero = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="+")
    formato_folio = CharField(max_length=100, default="TM/DTI/{numero:04d}/{anio}")
    # Número de inventario de los bienes TIC: {numero} consecutivo y {anio} de adquisición.
    formato_inventario = CharField(max_length=100, default="SMT-TIC-{numero:05d}")
    pie = CharField(max_length=300, default="")
    # Un municipio no acredita el IVA que paga: por omisión es parte del costo de adquisición
    # de un bien. Solo si la institución sí lo acredita se deja fuera del valor del bien.
    iva_acreditable = BooleanField(default=False)

    class Meta:
        table_name = "institucion"
