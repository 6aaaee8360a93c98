"""Trámites: casos de uno de los 21 procedimientos y su historial de pasos."""
from __future__ import annotations

from peewee import BlobField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

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
    # Módulo dueño del caso («mesa_ayuda», «dictamenes», …); vacío si el trámite se lleva en Trámites.
    modulo = CharField(max_length=30, default="", index=True)

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


class ValorPaso(ModeloBase):
    """Un valor capturado en un paso del trámite (el último de cada clave es el vigente)."""

    tramite = ForeignKeyField(Tramite, backref="valores", on_delete="RESTRICT")
    paso_tramite = ForeignKeyField(PasoTramite, backref="valores", on_delete="RESTRICT")
    paso = CharField(max_length=10)
    clave = CharField(max_length=60)
    etiqueta = CharField(max_length=200, default="")
    tipo = CharField(max_length=20)
    valor = TextField()                                      # texto canónico: «12500.50», «2026-11-18»…
    texto = TextField(default="")                            # como se lee: «$12,500.50», «18/11/2026»…
    referencia_id = IntegerField(null=True)                  # id en su catálogo (dependencia, bien…)
    creado_en = DateTimeField(default=ahora)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "valor_paso"


class AdjuntoPaso(ModeloBase):
    """Un documento adjunto a un paso del trámite, guardado en la base con su SHA-256."""

    tramite = ForeignKeyField(Tramite, backref="adjuntos", on_delete="RESTRICT")
    paso_tramite = ForeignKeyField(PasoTramite, backref="adjuntos", on_delete="RESTRICT")
    paso = CharField(max_length=10)
    clave = CharField(max_length=60)
    etiqueta = CharField(max_length=200, default="")
    nombre_archivo = CharField(max_length=255)               # nombre seguro, con la extensión de su tipo real
    tipo = CharField(max_length=10)                          # pdf, docx, …
    tipo_mime = CharField(max_length=100)
    contenido = BlobField()
    sha256 = CharField(max_length=64)
    tamano = IntegerField()
    creado_en = DateTimeField(default=ahora)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "adjunto_paso"


class DestinatarioAviso(ModeloVersionado):
    """Quién recibe qué aviso por correo: un área del manual (o la dirección) y un correo."""

    clase = CharField(max_length=20)                         # «paso» (le toca un paso) o «vencidos» (resumen diario)
    area = CharField(max_length=200, default="")             # área responsable; vacía en «vencidos»
    correo = CharField(max_length=254)
    activo = BooleanField(default=True)

    class Meta:
        table_name = "destinatario_aviso"


class AvisoTramite(ModeloBase):
    """Un aviso ya encolado: su clave única impide mandarlo dos veces."""

    clave = CharField(max_length=250, unique=True)           # «paso:<id>:<correo>», «vencidos:<fecha>:<correo>»
    clase = CharField(max_length=20)
    tramite = ForeignKeyField(Tramite, null=True, on_delete="RESTRICT", backref="+")
    paso_tramite = ForeignKeyField(PasoTramite, null=True, on_delete="RESTRICT", backref="+")
    destinatario = CharField(max_length=254)
    mensaje_id = IntegerField(null=True)                     # el MensajeCorreo de la cola
    creado_en = DateTimeField(default=ahora)

    class Meta:
        table_name = "aviso_tramite"
