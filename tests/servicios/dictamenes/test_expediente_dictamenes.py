"""El dictamen lleva su trámite del procedimiento 4: pasos y tiempos en cada punto (issue 14)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from app.base_datos import transaccion
from app.modelos import Bitacora, Dictamen, Movimiento, PasoTramite, Tramite
from app.servicios.catalogos import catalogos
from app.servicios.dictamenes import dictamenes, expedientes
from app.servicios.inventario import baja_por_dictamen
from app.servicios.oficios import oficios
from app.servicios.tramites import expediente
from tests.ayudas_dictamenes import crear_bien
from tests.conftest import usuario


@pytest.fixture
def base(bd, monkeypatch):
    """Demostración general sin la de dictámenes y licencias: cada prueba arma sus propios datos."""
    from app.demo import carga as demo, dictamenes_licencias as demo_dictamenes_licencias

    monkeypatch.setattr(demo_dictamenes_licencias, "cargar", lambda *_a: {})
    demo.cargar_demo()
    return bd


def _pasos(tramite_id: int) -> list[tuple[str, int | None, str, str | None]]:
    """(paso, segundos, respuesta, destino) de cada paso del trámite, en orden."""
    return [(p.paso, p.segundos, p.opcion, p.destino)
            for p in PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)]


def _tramite(dictamen: Dictamen) -> Tramite:
    return Tramite.get_by_id(Dictamen.get_by_id(dictamen.id).expediente_id)


def _solicitar(reloj) -> Dictamen:
    reloj.fijar(dt.datetime(2026, 11, 16, 9, 0))
    oficio = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="DE/0301/2026", fecha_documento=dt.date(2026, 11, 13),
        procedencia=catalogos.dependencia_por_nombre("Dirección de Egresos"),
        solicitante_nombre="Ricardo Flores Aguilar", solicitante_cargo="Director de Egresos", firmado=True,
        descripcion="Solicita dictamen técnico de la computadora de la caja 2, que no arranca.")
    return dictamenes.registrar_solicitud(usuario("soporte"), bien=crear_bien(), oficio=oficio)


def test_un_dictamen_no_apto_lleva_su_tramite_hasta_concluir_y_la_baja_queda_pedida(base, reloj):
    dictamen = _solicitar(reloj)
    tramite = _tramite(dictamen)
    assert (tramite.procedimiento, tramite.modulo, tramite.estado, tramite.paso_actual) == (4, "dictamenes",
                                                                                            "abierto", "3")
    assert tramite.oficio_entrada_id == dictamen.oficio_solicitud_id
    assert tramite.dependencia.nombre == "Dirección de Egresos"
    assert tramite.creado_en == dt.datetime(2026, 11, 16, 9, 0)
    assert _pasos(tramite.id) == [("1", 0, "", "2"), ("2", 0, "", "3"), ("3", None, "", None)]
    # La bitácora de la solicitud ya dice cuál es su trámite (se abrió antes de registrarla).
    foto = (Bitacora.select().where((Bitacora.tabla == "dictamen") & (Bitacora.registro_id == dictamen.id))
            .order_by(Bitacora.id).first())
    assert json.loads(foto.instantanea)["expediente"] == tramite.id

    reloj.fijar(dt.datetime(2026, 11, 16, 10, 30))
    soporte = usuario("soporte")
    dictamen = dictamenes.programar_recepcion(soporte, dictamen, dictamen.version,
                                              recepcion_acordada=dt.datetime(2026, 11, 17, 10, 30),
                                              acuerdo_telefonico="Se acordó con Ricardo Flores, ext. 206.")
    # Programar cierra el paso 3 (hora y media) y el aviso telefónico (paso 4): espera el equipo.
    assert _tramite(dictamen).paso_actual == "5"
    assert _pasos(tramite.id)[2:] == [("3", 5400, "", "4"), ("4", 0, "", "5"), ("5", None, "", None)]

    reloj.fijar(dt.datetime(2026, 11, 17, 10, 30))
    dictamen = dictamenes.recibir_equipo(soporte, dictamen, dictamen.version, entregado_por="Luis Pérez")
    assert _tramite(dictamen).paso_actual == "6"
    assert _pasos(tramite.id)[4:] == [("5", 86400, "", "6"), ("6", None, "", None)]

    reloj.fijar(dt.datetime(2026, 11, 17, 16, 0))
    dictamen = dictamenes.capturar_evaluacion(
        soporte, dictamen, dictamen.version, pruebas="Prueba de encendido: no arranca; falla la tarjeta madre.",
        resultado=dictamenes.NO_APTO, fecha_fabricacion=dictamen.fecha_fabricacion, marca=dictamen.marca,
        modelo=dictamen.modelo, caracteristicas_hardware=dictamen.caracteristicas_hardware,
        caracteristicas_software=dictamen.caracteristicas_software)
    assert _tramite(dictamen).paso_actual == "7"
    assert _pasos(tramite.id)[5:] == [("6", 19800, "", "7"), ("7", None, "", None)]

    reloj.fijar(dt.datetime(2026, 11, 18, 9, 15))
    emitido = baja_por_dictamen.emitir_dictamen(soporte, dictamen, dictamen.version)
    concluido = _tramite(emitido)
    assert (concluido.estado, concluido.paso_actual) == ("concluido", None)
    assert concluido.concluido_en == dt.datetime(2026, 11, 18, 9, 15)
    assert _pasos(tramite.id) == [("1", 0, "", "2"), ("2", 0, "", "3"), ("3", 5400, "", "4"), ("4", 0, "", "5"),
                                  ("5", 86400, "", "6"), ("6", 19800, "", "7"), ("7", 62100, "", None)]
    # El «no apto» autorizó la baja: su movimiento del inventario se abrió con este dictamen.
    guardado = Dictamen.get_by_id(emitido.id)
    movimiento = Movimiento.get_by_id(guardado.movimiento_baja_id)
    assert movimiento.dictamen_id == guardado.id
    assert "Se abrió la solicitud de baja" in emitido.aviso_baja


def test_cancelar_el_dictamen_cancela_su_tramite(base, reloj):
    dictamen = _solicitar(reloj)
    reloj.fijar(dt.datetime(2026, 11, 16, 12, 0))
    dictamenes.cancelar_dictamen(usuario("director"), dictamen, "La dependencia retiró la solicitud.")
    tramite = _tramite(dictamen)
    assert (tramite.estado, tramite.paso_actual) == ("cancelado", None)
    assert tramite.motivo_cancelacion == "La dependencia retiró la solicitud."
    assert _pasos(tramite.id)[-1][:2] == ("3", 10800)


def test_vincular_existentes_coloca_cada_dictamen_en_su_paso_con_su_historia(base, reloj):
    dictamen = _solicitar(reloj)
    reloj.fijar(dt.datetime(2026, 11, 16, 11, 0))
    soporte = usuario("soporte")
    dictamen = dictamenes.programar_recepcion(soporte, dictamen, dictamen.version,
                                              recepcion_acordada=dt.datetime(2026, 11, 17, 9, 0))
    reloj.fijar(dt.datetime(2026, 11, 17, 9, 30))
    dictamen = dictamenes.recibir_equipo(soporte, dictamen, dictamen.version)
    anterior = Dictamen.get_by_id(dictamen.id).expediente_id
    # Como si fuera anterior al expediente único: sin trámite.
    with transaccion():
        Dictamen.update(expediente=None).where(Dictamen.id == dictamen.id).execute()
        expediente.cancelar(None, Tramite.get_by_id(anterior), "Prueba: trámite huérfano")

    reloj.fijar(dt.datetime(2026, 11, 20, 8, 0))
    assert expedientes.vincular_existentes() == 1
    assert expedientes.vincular_existentes() == 0
    tramite = _tramite(dictamen)
    assert tramite.id != anterior
    assert (tramite.estado, tramite.paso_actual, tramite.creado_en) == ("abierto", "6",
                                                                        dt.datetime(2026, 11, 16, 9, 0))
    # Programado sin aviso telefónico: el paso 3 se cerró al programar (2 h) y el 4 al recibir el equipo.
    assert _pasos(tramite.id) == [("1", 0, "", "2"), ("2", 0, "", "3"), ("3", 7200, "", "4"),
                                  ("4", 81000, "", "5"), ("5", 0, "", "6"), ("6", None, "", None)]
