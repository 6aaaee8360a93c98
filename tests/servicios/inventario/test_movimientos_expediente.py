"""Cada movimiento al inventario lleva su trámite del procedimiento 21: pasos y tiempos en cada acción."""
from __future__ import annotations

import datetime as dt

import pytest

from app.modelos import Bien, Movimiento, Oficio, ServidorPublico, Tramite, ValorPaso
from app.servicios.inventario import expedientes, inventario, movimientos, tipos_bien
from app.servicios.tramites import tramites
from app.errores import ErrorValidacion
from tests.ayudas_dictamenes import dictamen_emitido
from tests.conftest import usuario

H = dt.datetime
SOLICITADO = [("1", "", 0), ("2", "", 0), ("3", "Baja", 0), ("3.2", "", 0), ("4", "", 0)]


@pytest.fixture(autouse=True)
def reloj(monkeypatch):
    """Hoy es el viernes 20 de noviembre de 2026, 10:00 (hora de México), y el reloj no anda."""
    monkeypatch.setenv("DTI_AHORA", "2026-11-20T10:00:00")


@pytest.fixture
def a_las(monkeypatch):
    return lambda momento: monkeypatch.setenv("DTI_AHORA", momento)


def _bien(serie: str) -> Bien:
    tipos_bien.asegurar_predeterminados()
    return inventario.registrar_bien(
        usuario("redes"), tipo=tipos_bien.por_nombre("Laptop"), descripcion="Laptop Dell Latitude 5420",
        marca="Dell", modelo="Latitude 5420", serie=serie, color="Negro", valor="23500",
        fecha_adquisicion=dt.date(2025, 2, 10),
        resguardante=ServidorPublico.get(ServidorPublico.nombre == "Sofía Navarro Peña"))


def _tramite(movimiento: Movimiento) -> Tramite:
    return Tramite.get_by_id(Movimiento.get_by_id(movimiento.id).expediente_id)


def _historial(tramite: Tramite) -> list[tuple[str, str, int | None]]:
    return [(p.paso, p.opcion, p.segundos) for p in tramites.pasos(tramite)]


def test_baja_hasta_aplicarse_cierra_el_paso_7_y_concluye(demo, a_las):
    redes = usuario("redes")
    bien = _bien("CN0EXPBAJA01")
    dictamen = dictamen_emitido(bien)          # el «no apto» abre la baja
    baja = movimientos.pendiente_de(bien.id)
    t = _tramite(baja)
    assert (t.procedimiento, t.modulo, t.estado, t.paso_actual) == (21, "inventario", "abierto", "5")
    assert t.creado_en == H(2026, 11, 20, 10, 0) and bien.numero_inventario in t.asunto
    # «Identificar actividad» respondida con el tipo, y el oficio de solicitud (4) ya emitido.
    assert _historial(t) == SOLICITADO + [("5", "", None)]
    assert Oficio.get_by_id(baja.oficio_id).tramite_id == t.id
    valores = {(v.paso, v.clave): v.valor for v in ValorPaso.select().where(ValorPaso.tramite == t)}
    assert bien.numero_inventario in valores[("3.2", "bienes")] and dictamen.folio in valores[("3.2", "dictamen")]

    a_las("2026-11-23T09:00:00")
    baja = movimientos.marcar_enviado(redes, baja.id, baja.version)
    t = _tramite(baja)
    assert t.paso_actual == "6" and _historial(t)[5] == ("5", "", 71 * 3600)

    a_las("2026-11-27T12:00:00")
    with pytest.raises(ErrorValidacion, match="Número del oficio de respuesta"):
        movimientos.aplicar(redes, baja.id, baja.version, "", dt.date(2026, 11, 27))
    assert _tramite(baja).paso_actual == "6" and _historial(_tramite(baja))[-1] == ("6", "", None)
    movimientos.aplicar(redes, baja.id, baja.version, "TM/DAC/0500/2026", dt.date(2026, 11, 27))
    t = _tramite(baja)
    assert Bien.get_by_id(bien.id).estado == "dado_de_baja"
    assert (t.estado, t.paso_actual, t.concluido_en) == ("concluido", None, H(2026, 11, 27, 12, 0))
    assert _historial(t) == SOLICITADO + [("5", "", 255600), ("6", "", 4 * 86400 + 3 * 3600), ("7", "", 0)]
    resultado = ValorPaso.get((ValorPaso.tramite == t) & (ValorPaso.clave == "resultado")).valor
    assert "TM/DAC/0500/2026" in resultado and resultado.startswith(
        "Armonización Contable aplicó el movimiento (baja del inventario; oficio TM/DAC/0500/2026 del 27/11/2026)")


def test_el_rechazo_cancela_el_tramite(demo, a_las):
    redes = usuario("redes")
    bien = _bien("CN0EXPALTA01")
    alta = movimientos.solicitar_alta(redes, [bien.id])
    assert [p for p, _o, _s in _historial(_tramite(alta))] == ["1", "2", "3", "3.1", "4", "5"]
    assert _historial(_tramite(alta))[2] == ("3", "Alta", 0)
    a_las("2026-11-20T12:00:00")
    alta = movimientos.marcar_enviado(redes, alta.id, alta.version)
    a_las("2026-11-24T10:00:00")
    movimientos.rechazar(redes, alta.id, alta.version, "TM/DAC/0501/2026", dt.date(2026, 11, 24),
                         "Falta la factura del bien.")
    t = _tramite(alta)
    assert (t.estado, t.paso_actual, t.concluido_en) == ("cancelado", None, H(2026, 11, 24, 10, 0))
    assert t.motivo_cancelacion == ("Rechazado por Armonización Contable (oficio TM/DAC/0501/2026 del "
                                    "24/11/2026): Falta la factura del bien.")
    assert _historial(t)[-1] == ("6", "", 4 * 86400 - 7200)


def test_vincular_existentes_coloca_cada_movimiento_y_es_idempotente(demo, a_las):
    redes = usuario("redes")
    assert expedientes.vincular_existentes() == 0          # la demostración ya tiene sus trámites
    uno, dos = _bien("CN0EXPVIN01"), _bien("CN0EXPVIN02")
    aplicado = movimientos.solicitar_alta(redes, [uno.id])
    pendiente = movimientos.solicitar_alta(redes, [dos.id])
    a_las("2026-11-23T09:00:00")
    aplicado = movimientos.marcar_enviado(redes, aplicado.id, aplicado.version)
    a_las("2026-11-25T13:00:00")
    movimientos.aplicar(redes, aplicado.id, aplicado.version, "TM/DAC/0502/2026", dt.date(2026, 11, 25))
    original = _historial(_tramite(aplicado))

    Movimiento.update(expediente=None).where(Movimiento.id.in_([aplicado.id, pendiente.id])).execute()
    antes = Tramite.select().count()
    a_las("2026-12-01T09:00:00")
    assert expedientes.vincular_existentes() == 2
    t = _tramite(aplicado)
    assert _historial(t) == original
    assert (t.estado, t.creado_en, t.concluido_en) == ("concluido", H(2026, 11, 20, 10, 0), H(2026, 11, 25, 13, 0))
    assert (_tramite(pendiente).estado, _tramite(pendiente).paso_actual) == ("abierto", "5")
    assert expedientes.vincular_existentes() == 0
    assert Tramite.select().count() == antes + 2
