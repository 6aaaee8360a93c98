"""La bandeja «Pendientes»: qué pasos ve cada quien, y cuándo vence cada uno en horas hábiles."""
from __future__ import annotations

import datetime as dt

import pytest

from app import base_datos
from app.demo import datos_tramites
from app.errores import ErrorValidacion
from app.servicios.bandeja import bandeja
from app.servicios.nucleo import permisos
from tests.servicios.bandeja.ayudas import abrir, usuario

VIERNES = dt.datetime(2026, 11, 20, 14, 0)          # viernes hábil; el lunes 23 y el martes 24 también


def _numeros(lista: list[bandeja.Pendiente]) -> list[str]:
    return [p.numero for p in lista]


def test_un_paso_se_vence_al_cruzar_su_plazo_en_horas_habiles(bd, reloj, manual_sin_modulos):
    """El paso 2 del procedimiento 18 tiene 16 h hábiles: abierto el viernes a las 14:00 vence el martes a las 14:00."""
    reloj.fijar(VIERNES)
    redes = usuario("redes")
    tramite = abrir(redes, 18, "Nodo de red en el área de psicología del DIF")
    datos_tramites.avanzar(redes, tramite)
    [pendiente] = bandeja.pendientes(redes)
    assert (pendiente.numero, pendiente.paso, pendiente.area) == (tramite.numero, "2", permisos.AREA_REDES)
    assert pendiente.vence_en == dt.datetime(2026, 11, 24, 14, 0) and not pendiente.vencido

    reloj.fijar(dt.datetime(2026, 11, 23, 7, 30))       # pasó el fin de semana: 65 h de reloj, 2 h hábiles
    [pendiente] = bandeja.pendientes(redes)
    assert not pendiente.vencido and pendiente.horas_habiles == pytest.approx(2.0, abs=0.01)
    assert pendiente.antiguedad > dt.timedelta(hours=65)
    assert bandeja.describir_antiguedad(pendiente.antiguedad) == "2 d 17 h"
    assert bandeja.pendientes(redes, solo_vencidos=True) == []

    reloj.fijar(dt.datetime(2026, 11, 24, 13, 59))
    assert not bandeja.pendientes(redes)[0].vencido

    reloj.fijar(dt.datetime(2026, 11, 24, 14, 1))
    [vencido] = bandeja.pendientes(redes, solo_vencidos=True)
    assert vencido.numero == tramite.numero and vencido.vencido


def test_cada_departamento_ve_sus_pasos_y_los_externos_quedan_en_espera(bd):
    soporte, redes = usuario("soporte"), usuario("redes")
    respaldo = abrir(soporte, 5, "Respaldo del equipo de la ventanilla 2")         # paso 1: la dependencia
    nodo = abrir(redes, 18, "Nodo de red en psicología")
    ticket = abrir(soporte, 6, "No enciende el monitor de la caja 3", hasta="2")   # con módulo: Mesa de ayuda

    de_soporte = bandeja.pendientes(soporte)
    assert sorted(_numeros(de_soporte)) == sorted([respaldo.numero, ticket.numero])
    assert all(p.procedimiento != 18 for p in de_soporte)
    por_numero = {p.numero: p for p in de_soporte}
    espera = por_numero[respaldo.numero]
    assert (espera.paso, espera.area, espera.en_espera_de) == ("1", permisos.AREA_SOPORTE, "Dependencia solicitante")
    assert espera.paso_y_actividad.endswith("(en espera de Dependencia solicitante)")
    assert espera.caso == respaldo.numero and espera.dependencia == "Dirección de Catastro"
    del_modulo = por_numero[ticket.numero]
    assert (del_modulo.paso, del_modulo.modulo, del_modulo.area, del_modulo.en_espera_de) == (
        "2", "mesa_ayuda", permisos.AREA_SOPORTE, "")        # «Asistente de soporte» es de Soporte Técnico
    assert del_modulo.vence_en is not None

    assert _numeros(bandeja.pendientes(redes)) == [nodo.numero]
    assert bandeja.pendientes(usuario("sistemas")) == []
    assert sorted(_numeros(bandeja.pendientes(usuario("director")))) == sorted(
        [respaldo.numero, nodo.numero, ticket.numero])
    consulta = usuario("consulta")
    assert bandeja.pendientes(consulta) == []                                # no atiende ningún área
    assert len(bandeja.pendientes(consulta, bandeja.TODOS)) == 3


def test_mios_son_los_tramites_de_los_que_soy_responsable(bd):
    soporte, asistente = usuario("soporte"), usuario("asistente")
    mio = abrir(soporte, 5, "Respaldo de la ventanilla 2")
    suyo = abrir(asistente, 5, "Recuperación de la ventanilla 4")
    assert _numeros(bandeja.pendientes(soporte, bandeja.MIOS)) == [mio.numero]
    assert _numeros(bandeja.pendientes(asistente, bandeja.MIOS)) == [suyo.numero]
    assert bandeja.pendientes(asistente, bandeja.MIOS)[0].responsable == "Usuario asistente"
    assert sorted(_numeros(bandeja.pendientes(soporte, bandeja.DEPARTAMENTO))) == sorted([mio.numero, suyo.numero])
    assert bandeja.filtrar(bandeja.pendientes(soporte), "ventanilla 4")[0].numero == suyo.numero
    with pytest.raises(ErrorValidacion, match="Alcance desconocido"):
        bandeja.pendientes(soporte, "ajenos")


def test_las_consultas_no_crecen_con_las_filas(bd, monkeypatch):
    soporte = usuario("soporte")
    for i in range(2):
        abrir(soporte, 5, f"Respaldo {i}")
    abrir(soporte, 6, "Ticket de prueba", hasta="2")
    consultas: list[str] = []
    original = base_datos.bd.obj.execute_sql

    def contar(sql, *args, **kwargs):
        consultas.append(sql)
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(base_datos.bd.obj, "execute_sql", contar)
    assert len(bandeja.pendientes(soporte)) == 3
    pocas = len(consultas)
    monkeypatch.setattr(base_datos.bd.obj, "execute_sql", original)
    for i in range(4):
        abrir(soporte, 5, f"Otro respaldo {i}")
        abrir(soporte, 6, f"Otro ticket {i}", hasta="2")
    consultas.clear()
    monkeypatch.setattr(base_datos.bd.obj, "execute_sql", contar)
    assert len(bandeja.pendientes(soporte)) == 11
    assert len(consultas) == pocas
