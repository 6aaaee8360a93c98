"""Calendario laboral: horario, días inhábiles oficiales y capturados, horas hábiles."""
from __future__ import annotations

import datetime as dt

import pytest

from app.modelos import DiaInhabil
from app.servicios.nucleo import bitacora, calendario_laboral as cal
from app.errores import ErrorPermiso, ErrorValidacion
from tests.conftest import usuario

D = dt.datetime


def test_por_omision_lunes_a_viernes_8_a_16(bd):
    horario = cal.horario()
    assert (horario.hora_inicio, horario.hora_fin) == (dt.time(8), dt.time(16))
    assert horario.dias_habiles == {0, 1, 2, 3, 4}
    assert cal.es_horario_laboral(D(2026, 11, 25, 11, 0))          # miércoles 11:00
    assert not cal.es_horario_laboral(D(2026, 11, 25, 16, 0))      # a las 16:00 ya cerró
    assert not cal.es_horario_laboral(D(2026, 11, 25, 7, 59))
    assert not cal.es_horario_laboral(D(2026, 11, 28, 11, 0))      # sábado


def test_dias_oficiales_de_mexico(bd):
    # 2026: 2 feb, 16 mar y 16 nov son lunes de descanso; 2030 tiene la transmisión del Ejecutivo.
    for fecha in (dt.date(2026, 1, 1), dt.date(2026, 2, 2), dt.date(2026, 3, 16), dt.date(2026, 5, 1),
                  dt.date(2026, 9, 16), dt.date(2026, 11, 16), dt.date(2026, 12, 25), dt.date(2030, 10, 1)):
        assert not cal.es_dia_habil(fecha), fecha
    assert cal.es_dia_habil(dt.date(2026, 11, 17))
    assert cal.es_dia_habil(dt.date(2026, 10, 1))
    nombres = {d["fecha"]: d["descripcion"] for d in cal.dias_inhabiles(2026)}
    assert nombres[dt.date(2026, 11, 16)] == "Aniversario de la Revolución Mexicana"


def test_hora_con_zona_se_lee_en_hora_de_mexico(bd):
    # 17:30 UTC del miércoles = 11:30 en la Ciudad de México.
    assert cal.es_horario_laboral(dt.datetime(2026, 11, 25, 17, 30, tzinfo=dt.timezone.utc))
    assert not cal.es_horario_laboral(dt.datetime(2026, 11, 25, 23, 0, tzinfo=dt.timezone.utc))


def test_agregar_y_quitar_dias_inhabiles_con_bitacora(bd):
    director = None   # proceso del sistema
    cal.agregar_dia_inhabil(director, dt.date(2026, 11, 2), "Día de Muertos")
    assert not cal.es_dia_habil(dt.date(2026, 11, 2))
    cal.quitar_dia_inhabil(director, dt.date(2026, 11, 2))
    assert cal.es_dia_habil(dt.date(2026, 11, 2))
    assert DiaInhabil.get(DiaInhabil.fecha == dt.date(2026, 11, 2)).activo is False   # baja lógica
    # Un día oficial también se puede volver hábil (y volver a declarar inhábil).
    cal.quitar_dia_inhabil(director, dt.date(2026, 11, 16))
    assert cal.es_dia_habil(dt.date(2026, 11, 16))
    fila = [d for d in cal.dias_inhabiles(2026) if d["fecha"] == dt.date(2026, 11, 16)][0]
    assert fila["oficial"] and not fila["activo"]
    cal.agregar_dia_inhabil(director, dt.date(2026, 11, 16), "")
    assert not cal.es_dia_habil(dt.date(2026, 11, 16))
    assert bitacora.verificar() == []
    registro = DiaInhabil.get(DiaInhabil.fecha == dt.date(2026, 11, 16))
    acciones = [e["accion"] for e in bitacora.historial("dia_inhabil", registro.id)]
    assert acciones == ["baja de día inhábil", "alta de día inhábil"]


def test_sumar_horas_habiles_salta_noches_fines_de_semana_y_feriados(bd):
    # Viernes 13 nov 2026 a las 15:00 + 3 h: 1 h el viernes, lunes 16 es feriado, martes 17 a las 10:00.
    assert cal.sumar_horas_habiles(D(2026, 11, 13, 15, 0), 3) == D(2026, 11, 17, 10, 0)
    # Recibido de noche: empieza a contar a las 8:00 del día hábil siguiente.
    assert cal.sumar_horas_habiles(D(2026, 11, 24, 20, 0), 2) == D(2026, 11, 25, 10, 0)
    # Justo al cierre, no al día siguiente.
    assert cal.sumar_horas_habiles(D(2026, 11, 25, 8, 0), 8) == D(2026, 11, 25, 16, 0)
    assert cal.sumar_horas_habiles(D(2026, 11, 25, 9, 0), 0) == D(2026, 11, 25, 9, 0)


def test_horas_habiles_entre(bd):
    assert cal.horas_habiles_entre(D(2026, 11, 13, 15, 0), D(2026, 11, 17, 10, 0)) == 3
    assert cal.horas_habiles_entre(D(2026, 11, 28, 9, 0), D(2026, 11, 29, 12, 0)) == 0   # fin de semana
    assert cal.horas_habiles_entre(D(2026, 11, 25, 12, 0), D(2026, 11, 25, 9, 30)) == -2.5


def test_horario_configurable_y_validado(bd):
    director = None   # proceso del sistema
    cal.guardar_horario(director, "09:00", "17:30", {0, 1, 2, 3, 4, 5})
    horario = cal.horario()
    assert (horario.hora_inicio, horario.hora_fin, horario.dias_habiles) == (
        dt.time(9), dt.time(17, 30), frozenset({0, 1, 2, 3, 4, 5}))
    assert cal.es_horario_laboral(D(2026, 11, 28, 17, 0))   # sábado ya es hábil
    cal.guardar_horario(director, dt.time(8), dt.time(16), [0, 1, 2, 3, 4])
    assert not cal.es_dia_habil(dt.date(2026, 11, 28))
    with pytest.raises(ErrorValidacion) as error:
        cal.guardar_horario(director, "16:00", "08:00", [])
    assert set(error.value.campos()) == {"hora_fin", "dias_habiles"}
    with pytest.raises(ErrorValidacion):
        cal.guardar_horario(director, "25:99", "16:00", [0])
    assert cal.horario().hora_inicio == dt.time(8)
    assert bitacora.verificar() == []


def test_solo_quien_edita_catalogos_cambia_el_calendario(demo):
    with pytest.raises(ErrorPermiso):
        cal.agregar_dia_inhabil(usuario("asistente"), dt.date(2026, 12, 24), "Nochebuena")
    with pytest.raises(ErrorPermiso):
        cal.guardar_horario(usuario("consulta"), "08:00", "15:00", [0, 1, 2, 3, 4])
    cal.agregar_dia_inhabil(usuario("director"), dt.date(2026, 12, 24), "Nochebuena")
    assert not cal.es_dia_habil(dt.date(2026, 12, 24))
