"""La solicitud de cuenta lleva su trámite del procedimiento 9: pasos y tiempos en cada punto (issue 14)."""
from __future__ import annotations

import datetime as dt

from app.base_datos import transaccion
from app.modelos import Dependencia, PasoTramite, SolicitudCuenta, Tramite
from app.servicios.cuentas import cuentas, expedientes
from app.servicios.nucleo import bitacora
from tests.conftest import usuario


def _dep(siglas: str) -> Dependencia:
    return Dependencia.get(Dependencia.siglas == siglas)


def _pasos(tramite_id: int) -> list[tuple[str, int | None, str, str | None]]:
    """(paso, segundos, respuesta, destino) de cada paso del trámite, en orden."""
    return [(p.paso, p.segundos, p.opcion, p.destino)
            for p in PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)]


def _tramite(solicitud: SolicitudCuenta) -> Tramite:
    return Tramite.get_by_id(SolicitudCuenta.get_by_id(solicitud.id).expediente_id)


def _solicitar(reloj, **cambios) -> SolicitudCuenta:
    reloj.fijar(dt.datetime(2026, 11, 16, 9, 0))
    datos = dict(tipo=cuentas.CORREO, nombre_completo="Valeria Ibarra Soto", dependencia=_dep("TM"),
                 correo_alternativo="", propuesta_1="valeria.ibarra", propuesta_2="",
                 numero_oficio="TM/0415/2026", fecha_oficio=dt.date(2026, 11, 13),
                 solicitante_nombre="José Javier Gregorio Pérez Hernández", solicitante_cargo="Tesorero Municipal",
                 firmado=True)
    datos.update(cambios)
    return cuentas.registrar_solicitud(usuario("soporte"), **datos).solicitud


def _completar(solicitud: SolicitudCuenta, **cambios) -> SolicitudCuenta:
    datos = dict(nombre_completo="Valeria Ibarra Soto", dependencia=_dep("TM"),
                 correo_alternativo="valeria.ibarra@gmail.com", propuesta_1="valeria.ibarra", propuesta_2="vibarra")
    datos.update(cambios)
    actual = SolicitudCuenta.get_by_id(solicitud.id)
    return cuentas.completar_solicitud(usuario("soporte"), actual, version=actual.version, **datos).solicitud


def test_una_solicitud_incompleta_pide_datos_dos_veces_y_concluye_en_la_entrega(demo, reloj):
    solicitud = _solicitar(reloj)
    tramite = _tramite(solicitud)
    assert (tramite.procedimiento, tramite.modulo, tramite.paso_actual) == (9, "cuentas", "2.1")
    assert tramite.oficio_entrada_id == solicitud.oficio_id and tramite.dependencia.siglas == "TM"
    # Recibido el oficio, la decisión 2 dijo «No»: se piden los datos faltantes (2.1).
    assert _pasos(tramite.id) == [("1", 0, "", "2"), ("2", 0, "No", "2.1"), ("2.1", None, "", None)]

    # Al día siguiente la dependencia manda el correo alternativo, pero aún falta la segunda propuesta.
    reloj.fijar(dt.datetime(2026, 11, 17, 12, 0))
    solicitud = _completar(solicitud, propuesta_2="")
    assert solicitud.estado == cuentas.INCOMPLETA
    assert _tramite(solicitud).paso_actual == "2.1"
    assert _pasos(tramite.id)[2:] == [("2.1", 97200, "", "2"), ("2", 0, "No", "2.1"), ("2.1", None, "", None)]

    reloj.fijar(dt.datetime(2026, 11, 18, 9, 0))
    solicitud = _completar(solicitud)
    assert solicitud.estado == cuentas.LISTA
    assert _tramite(solicitud).paso_actual == "3"
    assert _pasos(tramite.id)[4:] == [("2.1", 75600, "", "2"), ("2", 0, "Sí", "3"), ("3", None, "", None)]

    reloj.fijar(dt.datetime(2026, 11, 18, 10, 30))
    creada = cuentas.crear_cuenta(usuario("soporte"), SolicitudCuenta.get_by_id(solicitud.id))
    assert creada.cuenta.direccion.startswith("valeria.ibarra@")
    concluido = _tramite(solicitud)
    assert (concluido.estado, concluido.paso_actual) == ("concluido", None)
    assert concluido.concluido_en == dt.datetime(2026, 11, 18, 10, 30)
    assert _pasos(tramite.id) == [
        ("1", 0, "", "2"), ("2", 0, "No", "2.1"), ("2.1", 97200, "", "2"), ("2", 0, "No", "2.1"),
        ("2.1", 75600, "", "2"), ("2", 0, "Sí", "3"), ("3", 5400, "", "4"), ("4", 0, "", "5"), ("5", 0, "", None)]


def test_una_solicitud_completa_va_directo_a_crear_la_cuenta(demo, reloj):
    solicitud = _solicitar(reloj, correo_alternativo="valeria.ibarra@gmail.com", propuesta_2="vibarra")
    assert _pasos(_tramite(solicitud).id) == [("1", 0, "", "2"), ("2", 0, "Sí", "3"), ("3", None, "", None)]


def test_cancelar_la_solicitud_cancela_su_tramite(demo, reloj):
    solicitud = _solicitar(reloj)
    reloj.fijar(dt.datetime(2026, 11, 16, 13, 0))
    cuentas.cancelar_solicitud(usuario("soporte"), SolicitudCuenta.get_by_id(solicitud.id), "Duplicada")
    tramite = _tramite(solicitud)
    assert (tramite.estado, tramite.motivo_cancelacion) == ("cancelado", "Duplicada")
    assert _pasos(tramite.id)[-1][:2] == ("2.1", 14400)


def test_vincular_existentes_sigue_la_historia_de_la_solicitud(demo, reloj):
    solicitud = _solicitar(reloj)
    reloj.fijar(dt.datetime(2026, 11, 17, 9, 0))
    solicitud = _completar(solicitud)
    reloj.fijar(dt.datetime(2026, 11, 17, 11, 0))
    cuentas.crear_cuenta(usuario("soporte"), SolicitudCuenta.get_by_id(solicitud.id))
    with transaccion():
        SolicitudCuenta.update(expediente=None).where(SolicitudCuenta.id == solicitud.id).execute()
        huerfano = SolicitudCuenta.get_by_id(solicitud.id)
        bitacora.registrar(huerfano, "prueba: sin trámite")
    reloj.fijar(dt.datetime(2026, 11, 20, 8, 0))
    sin_tramite = SolicitudCuenta.select().where(SolicitudCuenta.expediente.is_null()).count()
    assert expedientes.vincular_existentes() == sin_tramite
    assert expedientes.vincular_existentes() == 0
    tramite = _tramite(solicitud)
    assert (tramite.estado, tramite.creado_en, tramite.concluido_en) == (
        "concluido", dt.datetime(2026, 11, 16, 9, 0), dt.datetime(2026, 11, 17, 11, 0))
    assert _pasos(tramite.id) == [("1", 0, "", "2"), ("2", 0, "No", "2.1"), ("2.1", 86400, "", "2"),
                                  ("2", 0, "Sí", "3"), ("3", 7200, "", "4"), ("4", 0, "", "5"), ("5", 0, "", None)]


def test_tras_la_demostracion_cada_registro_tiene_su_tramite(demo):
    from app.modelos import Dictamen, SolicitudSoftware

    for modelo, procedimiento in ((Dictamen, 4), (SolicitudCuenta, 9), (SolicitudSoftware, 10)):
        registros = list(modelo.select())
        assert registros and all(r.expediente_id for r in registros), modelo.__name__
        assert {Tramite.get_by_id(r.expediente_id).procedimiento for r in registros} == {procedimiento}
