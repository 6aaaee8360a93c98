"""Levantamiento físico del inventario: qué bienes se vieron, dónde y cuándo."""
from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from app.modelos.base import ModeloBase, ModeloVersionado, ahora
from app.modelos.catalogos import Dependencia
from app.modelos.inventario import Bien
from app.modelos.usuarios import Usuario

EN_CURSO = "en_curso"
PAUSADO = "pausado"
CERRADO = "cerrado"

ESTADOS_LEVANTAMIENTO: dict[str, str] = {
    EN_CURSO: "En curso",
    PAUSADO: "Pausado",
    CERRADO: "Cerrado",
}

# Resultado de cada lectura del lector.
ENCONTRADO = "encontrado"
OTRA_AREA = "otra_area"
DADO_DE_BAJA = "dado_de_baja"
DESCONOCIDO = "desconocido"
REPETIDO = "repetido"      # se responde al usuario pero no se guarda otra vez

RESULTADOS_LECTURA: dict[str, str] = {
    ENCONTRADO: "Encontrado",
    OTRA_AREA: "Pertenece a otra área",
    DADO_DE_BAJA: "Dado de baja",
    DESCONOCIDO: "Desconocido",
    REPETIDO: "Repetido",
}


class Levantamiento(ModeloVersionado):
    """Recorrido físico por una dependencia o por una ubicación (edificio y, si se da, área)."""

    clave = CharField(max_length=36, unique=True)        # identifica el levantamiento fuera de línea
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    edificio = CharField(max_length=150, default="")
    area = CharField(max_length=150, default="")
    estado = CharField(max_length=10, default=EN_CURSO, index=True)
    iniciado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    iniciado_en = DateTimeField(default=ahora)
    cerrado_en = DateTimeField(null=True)
    # Base de la que salió (huella de su bitácora) cuando se prepara en una laptop fuera de línea.
    base_origen = CharField(max_length=64, default="")
    observaciones = TextField(default="")
    informe = TextField(default="")                      # JSON del informe congelado al cerrar

    class Meta:
        table_name = "levantamiento"


class LecturaLevantamiento(ModeloBase):
    """Una lectura del lector de códigos; cada número se cuenta una sola vez por levantamiento."""

    levantamiento = ForeignKeyField(Levantamiento, on_delete="RESTRICT", backref="lecturas")
    numero = CharField(max_length=100)                   # texto leído, ya normalizado
    bien = ForeignKeyField(Bien, null=True, on_delete="RESTRICT", backref="+")
    resultado = CharField(max_length=15)
    detalle = CharField(max_length=300, default="")      # p. ej. a qué área pertenece
    momento = DateTimeField(default=ahora)
    usuario = CharField(max_length=100, default="")
    origen = CharField(max_length=20, default="local")   # «local» o «fuera de línea»
    conflicto = TextField(default="")                    # al importar: qué cambió mientras tanto

    class Meta:
        table_name = "lectura_levantamiento"
        indexes = ((("levantamiento", "numero"), True),)
