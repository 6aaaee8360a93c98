"""Acceso a internet (procedimiento 20): la política de filtrado y las solicitudes de desbloqueo."""
from __future__ import annotations

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import Dependencia
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

# Estados de una solicitud de desbloqueo.
RECIBIDA = "recibida"
LIBERADA = "liberada"
NEGADA = "negada"

ESTADOS: dict[str, str] = {
    RECIBIDA: "Recibida, por decidir",
    LIBERADA: "Liberada (excepción)",
    NEGADA: "Negada",
}


class PoliticaFiltrado(ModeloVersionado):
    """Una versión de la política de filtrado de contenido (actividades 1 y 2 del manual).

    Cada versión es un registro nuevo: la anterior no se reescribe y queda como historial.
    La vigente es la de número mayor.
    """

    numero = IntegerField(unique=True)                     # versión 1, 2, 3…
    categorias = TextField(default="")                     # una categoría bloqueada por línea
    sin_excepcion = TextField(default="")                  # de esas, las que nunca se liberan (una por línea)
    firewall = CharField(max_length=200)                   # dispositivo donde se aplica
    aplicada_el = DateField()                              # fecha en que se aplicó en el firewall
    descripcion = TextField(default="")                    # cambios de esta versión
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "politica_filtrado"


class SolicitudDesbloqueo(ModeloVersionado):
    """Petición por escrito del titular de una dependencia para liberar un sitio (actividades 3 a 5)."""

    oficio = ForeignKeyField(Oficio, on_delete="RESTRICT", backref="solicitudes_desbloqueo")
    dependencia = ForeignKeyField(Dependencia, on_delete="RESTRICT", backref="+")
    solicitante = CharField(max_length=200)                # el titular que firma el oficio
    sitio = CharField(max_length=253, index=True)          # dominio normalizado (punycode)
    sitio_capturado = CharField(max_length=500, default="")
    motivo = TextField(default="")
    estado = CharField(max_length=12, index=True, default=RECIBIDA)
    politica = ForeignKeyField(PoliticaFiltrado, null=True, on_delete="RESTRICT", backref="+")
    infringe = BooleanField(null=True)                     # la decisión del paso 4
    categoria = CharField(max_length=100, default="")
    razon = TextField(default="")                          # por qué se decidió así
    regla_firewall = TextField(default="")                 # regla de liberación aplicada (4.1)
    vence = DateField(null=True, index=True)               # fin de la excepción; None: no vence
    decidido_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    decidido_en = DateTimeField(null=True)
    oficio_respuesta = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    # El trámite de su procedimiento (expediente único), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "solicitud_desbloqueo"
