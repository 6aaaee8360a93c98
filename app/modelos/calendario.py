"""Calendario laboral: horario de la DTI y días inhábiles (configurables)."""
from __future__ import annotations

from peewee import BooleanField, CharField, DateField

from app.modelos.base import ModeloVersionado


class HorarioLaboral(ModeloVersionado):
    """Horario de trabajo de la DTI (un solo registro, id = 1).

    Las horas se guardan como texto «HH:MM» (igual en SQLite y PostgreSQL) y los
    días hábiles como números de ``weekday()`` separados por coma («0,1,2,3,4» =
    lunes a viernes).
    """

    hora_inicio = CharField(max_length=5, default="08:00")
    hora_fin = CharField(max_length=5, default="16:00")
    dias_habiles = CharField(max_length=20, default="0,1,2,3,4")

    class Meta:
        table_name = "horario_laboral"


class DiaInhabil(ModeloVersionado):
    """Día inhábil capturado o ajuste a un día oficial.

    Los días de descanso obligatorio de la Ley Federal del Trabajo se calculan
    para cada año y cuentan como inhábiles sin necesidad de registro; un registro
    con ``activo = False`` en una de esas fechas lo vuelve hábil (baja lógica).
    """

    fecha = DateField(unique=True)
    descripcion = CharField(max_length=200, default="")
    activo = BooleanField(default=True)

    class Meta:
        table_name = "dia_inhabil"
