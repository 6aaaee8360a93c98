"""La próxima fecha debida y los días de atraso (funciones puras, sin base)."""
from __future__ import annotations

import datetime as dt

import pytest

from app.servicios.respaldos import periodicidad as p

D = dt.date


def test_meses_se_recortan_al_ultimo_dia():
    assert p.sumar_meses(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert p.sumar_meses(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert p.sumar_meses(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert p.sumar_meses(D(2026, 12, 15), 12) == D(2027, 12, 15)


@pytest.mark.parametrize("clave,dias,esperada", [
    ("diaria", None, D(2026, 12, 1)), ("semanal", None, D(2026, 12, 7)), ("quincenal", None, D(2026, 12, 15)),
    ("mensual", None, D(2026, 12, 30)), ("trimestral", None, D(2027, 2, 28)), ("semestral", None, D(2027, 5, 30)),
    ("anual", None, D(2027, 11, 30)), ("cada_n_dias", 10, D(2026, 12, 10)), ("unica", None, None)])
def test_siguiente_segun_la_periodicidad(clave, dias, esperada):
    assert p.siguiente(D(2026, 11, 30), clave, dias) == esperada


def test_sin_respaldo_toca_el_inicio_y_el_atraso_cuenta_desde_ahi():
    assert p.proxima_fecha(D(2026, 11, 10), "semanal", None, None) == D(2026, 11, 10)
    assert p.proxima_fecha(D(2026, 11, 10), "semanal", None, D(2026, 11, 12)) == D(2026, 11, 19)
    assert p.dias_de_atraso(D(2026, 11, 10), D(2026, 11, 18)) == 8
    assert p.dias_de_atraso(D(2026, 11, 18), D(2026, 11, 18)) == 0      # toca hoy: aún no está vencido
    assert p.dias_de_atraso(None, D(2026, 11, 18)) == 0


def test_periodicidad_desconocida_se_rechaza():
    with pytest.raises(ValueError):
        p.siguiente(D(2026, 11, 30), "cada_luna")
    assert p.describir("cada_n_dias", 9) == "Cada 9 días"
