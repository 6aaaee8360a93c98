"""Cada mantenimiento lleva su trámite (procedimientos 7, 8 y 12): pasos y tiempos en cada acción."""
from __future__ import annotations

import datetime as dt

import pytest

from app.modelos import Mantenimiento, Oficio, Tramite, ValorPaso
from app.servicios.catalogos import catalogos
from app.servicios.mantenimiento import avisos, expedientes, mantenimiento
from app.servicios.oficios import oficios
from app.servicios.tramites import tramites
from app.errores import ErrorValidacion
from tests.conftest import usuario

H = dt.datetime


@pytest.fixture(autouse=True)
def reloj(monkeypatch):
    """Hoy es el viernes 20 de noviembre de 2026, 10:00 (hora de México), y el reloj no anda."""
    monkeypatch.setenv("DTI_AHORA", "2026-11-20T10:00:00")


@pytest.fixture
def a_las(monkeypatch):
    """Lleva el reloj congelado a otro momento."""
    return lambda momento: monkeypatch.setenv("DTI_AHORA", momento)


def _dep(siglas: str):
    return next(d for d in catalogos.dependencias() if d.siglas == siglas)


def _equipo(nombre: str, tipo: str, *siglas: str):
    return mantenimiento.guardar_dispositivo(usuario("director"), nombre, tipo, ubicacion="Site de Tesorería",
                                             dependencias=[_dep(s) for s in siglas])


def _tramite(registro: Mantenimiento) -> Tramite:
    return Tramite.get_by_id(Mantenimiento.get_by_id(registro.id).expediente_id)


def _valores(tramite: Tramite) -> dict[tuple[str, str], str]:
    return {(v.paso, v.clave): v.valor for v in ValorPaso.select().where(ValorPaso.tramite == tramite)}


def _historial(tramite: Tramite) -> list[tuple[str, str, int | None]]:
    return [(p.paso, p.opcion, p.segundos) for p in tramites.pasos(tramite)]


def test_correctivo_del_7_con_un_ajuste_hasta_finalizar(demo, a_las):
    soporte = usuario("soporte")
    switch = _equipo("SW-PRUEBA-CORRECTIVO", "switch", "TM")
    m = mantenimiento.programar(soporte, dispositivo=switch, inicio=H(2026, 11, 23, 18, 0), duracion_min=60,
                                procedimiento=7, clase=mantenimiento.CORRECTIVO,
                                descripcion="Puerto 12 sin enlace.")
    t = _tramite(m)
    assert (t.procedimiento, t.modulo, t.estado, t.paso_actual) == (7, "mantenimiento", "abierto", "3")
    assert t.creado_en == H(2026, 11, 20, 10, 0) and t.responsable_id == soporte.id
    assert m.numero in t.asunto and t.dependencia.siglas == "TM"
    # «¿Qué tipo de mantenimiento es?» quedó respondida con la clase.
    assert _historial(t) == [("1", "", 0), ("2", "Correctivo", 0), ("3", "", None)]

    a_las("2026-11-23T20:00:00")
    m = mantenimiento.registrar_realizacion(soporte, mantenimiento.obtener(m.id), "Se cambió el transceptor.")
    t = _tramite(m)
    assert t.paso_actual == "7"
    assert _historial(t)[2] == ("3", "", 3 * 86400 + 10 * 3600)
    assert _valores(t) == {("1", "equipos"): "SW-PRUEBA-CORRECTIVO", ("1", "problema"): "Puerto 12 sin enlace.",
                           ("2", "prioridad"): "Alta", ("3", "trabajos_realizados"): "Se cambió el transceptor."}

    a_las("2026-11-23T20:30:00")
    m = mantenimiento.registrar_verificacion(soporte, m, correcto=False, nota="Sigue perdiendo paquetes.")
    t = _tramite(m)
    assert t.paso_actual == "7.1"
    assert _historial(t)[3:] == [("7", "No", 1800), ("7.1", "", None)]

    a_las("2026-11-24T09:00:00")
    m = mantenimiento.registrar_ajustes(soporte, m, "Se reemplazó el cable del puerto 12.")
    t = _tramite(m)
    assert t.paso_actual == "7"
    assert _historial(t)[4:] == [("7.1", "", 12 * 3600 + 1800), ("7", "", None)]

    a_las("2026-11-24T09:15:00")
    m = mantenimiento.registrar_verificacion(soporte, m, correcto=True, nota="Enlace estable.")
    t = _tramite(m)
    assert m.estado == mantenimiento.CONCLUIDO
    assert (t.estado, t.paso_actual, t.concluido_en) == ("concluido", None, H(2026, 11, 24, 9, 15))
    assert _historial(t) == [("1", "", 0), ("2", "Correctivo", 0), ("3", "", 295200), ("7", "No", 1800),
                             ("7.1", "", 45000), ("7", "Sí", 900), ("8", "", 0)]
    assert all(p.usuario_id == soporte.id for p in tramites.pasos(t)[2:])


def test_sistemas_del_12_desde_un_oficio_recibido_hasta_la_entrega(demo, a_las):
    sistemas = usuario("sistemas")
    predial = _equipo("SISTEMA DE PRUEBA", "sistema", "DC")
    oficio = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="DC/0345/2026", fecha_documento=dt.date(2026, 11, 19),
        procedencia=_dep("DC"), solicitante_nombre="Sofía Navarro Peña", solicitante_cargo="Directora",
        firmado=True, descripcion="Solicita corregir el cálculo del predial.")
    m = mantenimiento.programar(sistemas, dispositivo=predial, inicio=H(2026, 11, 25, 9, 0), duracion_min=120,
                                procedimiento=12, clase=mantenimiento.CORRECTIVO,
                                descripcion="Corregir el redondeo del predial.",
                                acordado_con="Sofía Navarro Peña, Directora de Catastro", oficio_entrada=oficio)
    t = _tramite(m)
    assert (t.procedimiento, t.paso_actual, t.oficio_entrada_id) == (12, "3.2", oficio.id)
    assert Oficio.get_by_id(oficio.id).tramite_id == t.id
    assert _historial(t) == [("1", "", 0), ("2", "", 0), ("3", "Correctivo", 0), ("3.2", "", None)]

    # El aviso de «sistema no disponible» es política: no mueve el trámite, pero queda en su expediente.
    a_las("2026-11-20T12:00:00")
    emitidos = avisos.emitir_avisos(sistemas, mantenimiento.obtener(m.id))
    assert _tramite(m).paso_actual == "3.2"
    assert {o.tramite_id for o in emitidos} == {t.id}

    a_las("2026-11-25T11:00:00")
    m = mantenimiento.registrar_realizacion(sistemas, mantenimiento.obtener(m.id), "Se corrigió el redondeo.")
    assert _tramite(m).paso_actual == "5"
    a_las("2026-11-25T12:30:00")
    mantenimiento.registrar_verificacion(sistemas, m, correcto=True)
    t = _tramite(m)
    assert (t.estado, t.concluido_en) == ("concluido", H(2026, 11, 25, 12, 30))
    assert _historial(t) == [("1", "", 0), ("2", "", 0), ("3", "Correctivo", 0),
                             ("3.2", "", 5 * 86400 + 3600), ("4", "", 0), ("5", "Sí", 5400), ("6", "", 0)]


def test_preventivo_del_7_espera_el_aviso_y_la_cancelacion_cancela_el_tramite(demo, a_las):
    soporte, director = usuario("soporte"), usuario("director")
    nvr = _equipo("NVR-PRUEBA-PREVENTIVO", "video", "SSPTM")
    m = mantenimiento.programar(soporte, dispositivo=nvr, inicio=H(2026, 12, 3, 18, 0), duracion_min=120,
                                procedimiento=7, clase=mantenimiento.PREVENTIVO, descripcion="Revisión de discos")
    t = _tramite(m)
    assert t.paso_actual == "5"          # el oficio a las dependencias afectadas
    assert _historial(t) == [("1", "", 0), ("2", "Preventivo", 0), ("2.1", "", 0), ("4", "", 0), ("5", "", None)]
    a_las("2026-11-20T11:00:00")
    avisos.emitir_avisos(director, mantenimiento.obtener(m.id))
    assert _tramite(m).paso_actual == "6" and _historial(_tramite(m))[4] == ("5", "", 3600)

    a_las("2026-11-23T10:00:00")
    with pytest.raises(ErrorValidacion, match="Motivo de la cancelación"):
        mantenimiento.cancelar(soporte, mantenimiento.obtener(m.id), "   ")
    t = _tramite(m)
    assert (t.estado, t.paso_actual) == ("abierto", "6") and _historial(t)[-1] == ("6", "", None)

    mantenimiento.cancelar(soporte, mantenimiento.obtener(m.id), "El equipo se reemplazará.")
    t = _tramite(m)
    assert (t.estado, t.paso_actual, t.motivo_cancelacion) == ("cancelado", None, "El equipo se reemplazará.")
    assert t.concluido_en == H(2026, 11, 23, 10, 0)
    assert _historial(t)[-1] == ("6", "", 3 * 86400 - 3600)


def test_vincular_existentes_repite_la_historia_y_es_idempotente(demo, a_las):
    soporte = usuario("soporte")
    assert expedientes.vincular_existentes() == 0          # la demostración ya tiene sus trámites
    datos = _equipo("SRV-DATOS-PRUEBA", "servidor_datos", "TM")
    m = mantenimiento.programar(soporte, dispositivo=datos, inicio=H(2026, 11, 21, 21, 0), duracion_min=60,
                                procedimiento=8, clase=mantenimiento.PREVENTIVO, descripcion="Índices")
    a_las("2026-11-21T22:00:00")
    m = mantenimiento.registrar_realizacion(soporte, mantenimiento.obtener(m.id))
    a_las("2026-11-21T22:10:00")
    m = mantenimiento.registrar_verificacion(soporte, m, correcto=False, nota="Falla un índice.")
    a_las("2026-11-21T22:40:00")
    m = mantenimiento.registrar_ajustes(soporte, m, "Se reconstruyó el índice.")
    a_las("2026-11-21T23:00:00")
    mantenimiento.registrar_verificacion(soporte, m, correcto=True)
    original = _historial(_tramite(m))
    assert original == [("1", "", 0), ("2", "", 0), ("3", "", 129600), ("4", "No", 600), ("4.1", "", 1800),
                        ("4", "Sí", 1200), ("5", "", 0), ("6", "Sí", 0), ("7", "", 0)]
    programado = mantenimiento.programar(soporte, dispositivo=datos, inicio=H(2026, 11, 28, 21, 0),
                                         duracion_min=60, procedimiento=8, clase=mantenimiento.CORRECTIVO)

    # Registros de antes del expediente único: sin trámite.
    antes = Tramite.select().count()
    Mantenimiento.update(expediente=None).where(Mantenimiento.id.in_([m.id, programado.id])).execute()
    a_las("2026-12-01T09:00:00")
    assert expedientes.vincular_existentes() == 2
    t = _tramite(m)
    assert t.creado_en == H(2026, 11, 20, 10, 0) and t.concluido_en == H(2026, 11, 21, 23, 0)
    assert _historial(t) == original
    assert (_tramite(programado).paso_actual, _tramite(programado).estado) == ("3", "abierto")
    assert Tramite.select().count() == antes + 2
    assert expedientes.vincular_existentes() == 0
    assert Tramite.select().count() == antes + 2
