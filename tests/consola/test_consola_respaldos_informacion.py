"""Consola: «dti respaldos vencidos» lista los planes vencidos de la demostración, uno por línea."""
from __future__ import annotations

import datetime as dt

from app.consola.principal import principal
from app.servicios.respaldos import planes


def test_vencidos_una_linea_por_plan_con_dependencia_informacion_y_dias(demo_sqlite, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    esperados = planes.vencidos()
    assert len(esperados) >= 3
    assert principal(["respaldos", "vencidos", "--db", url]) == 0
    lineas = capsys.readouterr().out.splitlines()
    assert len(lineas) == len(esperados)
    for linea, fila in zip(lineas, esperados):
        dependencia, informacion, atraso, _detalle = linea.split("\t")
        assert (dependencia, informacion) == (fila["dependencia"], fila["informacion"])
        assert atraso == f"{fila['dias_atraso']} días de atraso" or atraso == "1 día de atraso"
    assert any(linea.startswith("Registro Civil\tActas digitalizadas") for linea in lineas)
    assert not any("Nómina quincenal" in linea for linea in lineas)       # al día: no sale


def test_sin_vencidos_lo_dice_y_el_calendario_lista_todos(demo_sqlite, capsys, reloj):
    url = f"sqlite:///{demo_sqlite.database}"
    todos = planes.calendario()
    primero = min(f["proxima"] for f in todos if f["proxima"])
    reloj.fijar(dt.datetime.combine(primero, dt.time(9)))
    assert principal(["respaldos", "vencidos", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "No hay planes de respaldo vencidos."
    assert principal(["respaldos", "calendario", "--db", url]) == 0
    salida = capsys.readouterr().out.splitlines()
    assert len(salida) == len(todos) and all(linea.startswith("RES-") for linea in salida)
