"""Videovigilancia (procedimiento 19): grabadores, cámaras, solicitudes de grabación,
visualizaciones y la bitácora de monitoreo del sistema.

Política 2 del procedimiento: nadie puede eliminar ni hacer mal uso del contenido de los
sistemas de videovigilancia. Por eso las visualizaciones y el monitoreo son de solo agregar:
ni siquiera el borrado lógico existe; una corrección es una anotación nueva.
"""
from __future__ import annotations

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.modelos.base import ErrorBorradoFisico, ModeloBase, ModeloVersionado, ahora
from app.modelos.catalogos import Dependencia
from app.modelos.mantenimiento import Dispositivo, Mantenimiento
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario

DVR = "dvr"
NVR = "nvr"
TIPOS_GRABADOR: dict[str, str] = {DVR: "DVR (cámaras analógicas)", NVR: "NVR (cámaras IP)"}

# Decisión del paso 3 del manual: ¿se puede acceder al contenido que solicita?
DENEGADA = "denegada"     # «No» → 3.1, el oficio que niega la solicitud
CITADA = "citada"         # «Sí» → 4, la cita para reproducir el video
VISTA = "vista"           # la cita se cumplió: la visualización quedó registrada
ESTADOS_SOLICITUD: dict[str, str] = {DENEGADA: "Denegada", CITADA: "Cita agendada", VISTA: "Vista"}

CORRECTO = "correcto"
FALLA = "falla"
RESULTADOS_MONITOREO: dict[str, str] = {CORRECTO: "Funciona correctamente", FALLA: "Falla"}

POLITICA_NO_BORRAR = ("Política 2 del procedimiento 19: ni la Dirección de Tecnologías de la Información ni "
                      "ninguna dependencia del H. Ayuntamiento pueden eliminar o hacer mal uso del contenido de "
                      "los sistemas de videovigilancia. El registro no se borra ni se modifica: una corrección "
                      "se anota como registro nuevo.")


class _SoloAgregar(ModeloBase):
    """Registro de solo agregar: no se borra (ni lógica ni físicamente) y no se reescribe."""

    def delete_instance(self, *args, **kwargs):  # noqa: D102 - se prohíbe a propósito
        raise ErrorBorradoFisico(POLITICA_NO_BORRAR)

    @classmethod
    def delete(cls, *args, **kwargs):  # noqa: D102
        raise ErrorBorradoFisico(POLITICA_NO_BORRAR)

    def save(self, *args, **kwargs):  # noqa: D102
        if self.get_id() is not None and not kwargs.get("force_insert"):
            raise ErrorBorradoFisico(POLITICA_NO_BORRAR)
        return super().save(*args, **kwargs)

    @classmethod
    def update(cls, *args, **kwargs):  # noqa: D102
        raise ErrorBorradoFisico(POLITICA_NO_BORRAR)


class Grabador(ModeloVersionado):
    """DVR o NVR: dónde está, cuántos canales y cuántos días conserva las grabaciones."""

    nombre = CharField(max_length=150, unique=True)
    tipo = CharField(max_length=5)
    ubicacion = CharField(max_length=200, default="")
    canales = IntegerField(default=16)
    dias_retencion = IntegerField()
    # El equipo del módulo Mantenimiento que lo representa (una falla abre su correctivo).
    dispositivo = ForeignKeyField(Dispositivo, null=True, on_delete="RESTRICT", backref="+")
    notas = TextField(default="")
    activo = BooleanField(default=True)
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "grabador"


class Camara(ModeloVersionado):
    """Una cámara, su ubicación y el grabador (y canal) donde queda su video."""

    nombre = CharField(max_length=150, unique=True)
    ubicacion = CharField(max_length=200, default="")
    grabador = ForeignKeyField(Grabador, backref="camaras", on_delete="RESTRICT")
    canal = IntegerField(default=1)
    notas = TextField(default="")
    activa = BooleanField(default=True)
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "camara"


class SolicitudGrabacion(ModeloVersionado):
    """Petición de una dependencia, por oficio, de ver la grabación de una cámara en una fecha y horas."""

    oficio = ForeignKeyField(Oficio, on_delete="RESTRICT", backref="+")
    dependencia = ForeignKeyField(Dependencia, on_delete="RESTRICT", backref="+")
    camara = ForeignKeyField(Camara, on_delete="RESTRICT", backref="solicitudes")
    fecha_grabacion = DateField(index=True)
    hora_desde = CharField(max_length=5, default="00:00")     # «HH:MM» (igual en SQLite y PostgreSQL)
    hora_hasta = CharField(max_length=5, default="23:59")
    motivo = TextField(default="")
    dias_retencion = IntegerField()                           # la del grabador cuando se decidió
    estado = CharField(max_length=10, index=True)
    razon = TextField(default="")                             # por qué se negó
    oficio_respuesta = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    cita = DateTimeField(null=True, unique=True)              # una cita por hora: nunca se empalman
    lugar_cita = CharField(max_length=200, default="")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "solicitud_grabacion"


class Visualizacion(_SoloAgregar):
    """Una reproducción de video: quién, cuándo, qué se vio y por qué oficio. Nunca se borra."""

    solicitud = ForeignKeyField(SolicitudGrabacion, backref="visualizaciones", on_delete="RESTRICT")
    oficio = ForeignKeyField(Oficio, on_delete="RESTRICT", backref="+")
    visto_en = DateTimeField()
    atendio = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    asistentes = TextField()                                  # quiénes vieron el video por la dependencia
    contenido = TextField()                                   # qué se vio
    # Una corrección es una anotación nueva que apunta a la visualización que corrige.
    corrige = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="correcciones")
    creado_en = DateTimeField(default=ahora)

    class Meta:
        table_name = "visualizacion_video"


class MonitoreoVideo(_SoloAgregar):
    """Una revisión del sistema de videovigilancia (actividad 5): resultado y, si falló, su mantenimiento."""

    momento = DateTimeField(index=True)
    grabador = ForeignKeyField(Grabador, null=True, on_delete="RESTRICT", backref="monitoreos")
    camara = ForeignKeyField(Camara, null=True, on_delete="RESTRICT", backref="monitoreos")
    resultado = CharField(max_length=10, index=True)
    descripcion = TextField(default="")
    usuario = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    mantenimiento = ForeignKeyField(Mantenimiento, null=True, on_delete="RESTRICT", backref="+")
    creado_en = DateTimeField(default=ahora)

    class Meta:
        table_name = "monitoreo_video"
