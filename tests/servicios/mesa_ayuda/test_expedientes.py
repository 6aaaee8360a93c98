"""Cada ticket lleva su trámite del procedimiento 6 y cada escalamiento el suyo del 2."""
from __future__ import annotations

import datetime as dt

import pytest

from app.errores import ErrorTransicion
from app.modelos import Escalamiento, PasoTramite, Proveedor, Ticket, Tramite
from app.servicios.catalogos import catalogos
from app.servicios.mesa_ayuda import avance, escalamiento, expedientes, tickets
from app.servicios.nucleo import bitacora
from app.servicios.tramites import tramites
from tests.conftest import usuario
from tests.servicios.mesa_ayuda.test_tickets import _bien, _ticket

H = 3600


@pytest.fixture
def demo(bd, monkeypatch):
    """Catálogos y usuarios de demostración, sin los tickets de demostración (los folios empiezan en 1)."""
    from app.demo import carga as servicio_demo, mesa_ayuda as demo_mesa_ayuda

    monkeypatch.setattr(demo_mesa_ayuda, "cargar_demo", lambda: 0)
    servicio_demo.cargar_demo()
    return bd


def _pasos(tramite_id: int) -> list[tuple]:
    """(paso, respuesta, segundos) de cada paso cerrado y (paso, «abierto») del que sigue abierto."""
    filas = PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)
    return [(p.paso, p.opcion or "", p.segundos) if p.fin is not None else (p.paso, "abierto") for p in filas]


def _tramite(tramite_id: int) -> Tramite:
    return Tramite.get_by_id(tramite_id)


def test_ticket_en_sitio_escalado_y_entregado_lleva_sus_dos_tramites(demo, reloj):
    soporte = usuario("soporte")
    bien = _bien("SMT-TIC-00901", marca="HP")
    reloj.fijar(dt.datetime(2026, 11, 12, 9, 0))                    # jueves
    t = _ticket(numero_inventario=bien.numero_inventario, modalidad="presencial")
    caso = _tramite(t.expediente_id)
    assert (caso.procedimiento, caso.modulo, caso.estado, caso.paso_actual) == (6, "mesa_ayuda", "abierto", "3")
    assert caso.creado_en == dt.datetime(2026, 11, 12, 9, 0) and caso.dependencia_id == t.dependencia_id
    assert _pasos(caso.id) == [("1", "", 0), ("2", "", 0), ("3", "abierto")]
    # La instantánea del registro del ticket ya lleva su trámite.
    assert bitacora.historial("ticket", t.id)[0]["instantanea"]["expediente"] == caso.id

    reloj.fijar(dt.datetime(2026, 11, 12, 9, 30))
    tickets.atender(soporte, t)                                     # presencial: decisión 3 = «No»
    assert _pasos(caso.id)[2:] == [("3", "No", 30 * 60), ("3.1", "abierto")]
    assert _tramite(caso.id).responsable_id == soporte.id

    reloj.fijar(dt.datetime(2026, 11, 12, 11, 0))
    ctp = Proveedor.get(Proveedor.rfc == "CTP090512AB3")
    esc = escalamiento.escalar(soporte, t, ctp, motivo="Falla de tarjeta madre; en garantía.")
    envio = _tramite(Escalamiento.get_by_id(esc.id).expediente_id)
    assert (envio.procedimiento, envio.paso_actual, envio.creado_en) == (2, "5.1", dt.datetime(2026, 11, 12, 9))
    assert _pasos(envio.id) == [("1", "", 0), ("2", "", 0), ("3", "No", 30 * 60), ("3.1", "", 90 * 60),
                                ("5", "No", 0), ("5.1", "abierto")]
    assert _pasos(caso.id)[-1] == ("3.1", "abierto")               # el ticket espera en su paso
    assert tickets.por_expediente(envio.id).id == t.id == tickets.por_expediente(caso.id).id

    reloj.fijar(dt.datetime(2026, 11, 19, 12, 0))
    escalamiento.registrar_devolucion(soporte, esc, "Se reemplazó la tarjeta madre en garantía.")
    assert _pasos(envio.id)[-2:] == [("5.1", "", 7 * 24 * H + H), ("6", "abierto")]
    assert _tramite(caso.id).paso_actual == "3.1"

    reloj.fijar(dt.datetime(2026, 11, 20, 10, 0))
    ricardo = catalogos.servidor_por_nombre("Ricardo Flores Aguilar")
    escalamiento.entregar_equipo(soporte, Escalamiento.get_by_id(esc.id), recibido_por=ricardo)
    envio = _tramite(envio.id)
    assert (envio.estado, envio.paso_actual, envio.concluido_en) == ("concluido", None,
                                                                    dt.datetime(2026, 11, 20, 10))
    assert _pasos(envio.id)[-1] == ("6", "", 22 * H)
    caso = _tramite(caso.id)
    assert (caso.estado, caso.concluido_en) == ("concluido", dt.datetime(2026, 11, 20, 10))
    assert _pasos(caso.id) == [("1", "", 0), ("2", "", 0), ("3", "No", 30 * 60),
                               ("3.1", "", 8 * 24 * H + 30 * 60), ("5", "", 0)]
    assert tickets.obtener(t.id).estado == tickets.CERRADO
    assert bitacora.verificar() == []


def test_ticket_remoto_resuelto_reabierto_y_cerrado(demo, reloj):
    soporte = usuario("soporte")
    reloj.fijar(dt.datetime(2026, 11, 24, 9, 0))
    t = _ticket(modalidad="anydesk")
    reloj.fijar(dt.datetime(2026, 11, 24, 9, 45))
    tickets.atender(soporte, t)
    assert _pasos(t.expediente_id)[2:] == [("3", "Sí", 45 * 60), ("4", "abierto")]
    reloj.fijar(dt.datetime(2026, 11, 24, 11, 0))
    tickets.resolver(soporte, t, "Se limpió el rodillo.")
    assert _pasos(t.expediente_id)[3:] == [("4", "", 75 * 60), ("5", "abierto")]
    tickets.reabrir(soporte, t, "Volvió a atascarse")               # la solución aún no se entrega
    reloj.fijar(dt.datetime(2026, 11, 24, 12, 0))
    tickets.resolver(soporte, t, "Se cambió el rodillo.")
    assert _pasos(t.expediente_id)[-1] == ("5", "abierto")
    reloj.fijar(dt.datetime(2026, 11, 24, 12, 30))
    tickets.cerrar(soporte, t)
    assert _pasos(t.expediente_id)[-1] == ("5", "", 90 * 60)
    assert _tramite(t.expediente_id).estado == "concluido"


def test_cancelar_un_ticket_cancela_su_tramite(demo, reloj):
    soporte = usuario("soporte")
    reloj.fijar(dt.datetime(2026, 11, 24, 9, 0))
    t = _ticket()
    reloj.fijar(dt.datetime(2026, 11, 24, 10, 0))
    tickets.cancelar(soporte, t, "Duplicado del T-2026-00001")
    caso = _tramite(t.expediente_id)
    assert (caso.estado, caso.paso_actual, caso.motivo_cancelacion) == ("cancelado", None,
                                                                      "Duplicado del T-2026-00001")
    assert _pasos(caso.id)[-1] == ("3", "", H)
    assert tickets.obtener(t.id).estado == tickets.CANCELADO
    assert t.id not in {f["id"] for f in tickets.listar(sin_cerrar=True)}
    with pytest.raises(ErrorTransicion):
        tickets.atender(soporte, tickets.obtener(t.id))
    # Un ticket con el equipo en el proveedor no se cancela, y nada se escribe.
    bien = _bien("SMT-TIC-00902", marca="HP")
    otro = _ticket(numero_inventario=bien.numero_inventario)
    tickets.atender(soporte, otro)
    escalamiento.escalar(soporte, otro, Proveedor.get(Proveedor.rfc == "CTP090512AB3"), motivo="No enciende.")
    antes = _pasos(otro.expediente_id)
    with pytest.raises(ErrorTransicion):
        tickets.cancelar(soporte, tickets.obtener(otro.id), "Ya no se necesita")
    assert _tramite(otro.expediente_id).estado == "abierto" and _pasos(otro.expediente_id) == antes


def test_devuelto_sin_reparar_cancela_el_escalamiento(demo, reloj):
    soporte = usuario("soporte")
    reloj.fijar(dt.datetime(2026, 11, 24, 9, 0))
    t = _ticket(categoria="equipo")
    tickets.atender(soporte, t)
    sim = Proveedor.get(Proveedor.rfc == "SIM150720QW9")
    esc = escalamiento.escalar(soporte, t, sim, motivo="Cabezal dañado", marca="Epson", dias_comprometidos=2)
    reloj.fijar(dt.datetime(2026, 11, 25, 9, 0))
    escalamiento.registrar_devolucion(soporte, esc, "Sin refacción disponible", reparado=False)
    envio = _tramite(Escalamiento.get_by_id(esc.id).expediente_id)
    assert envio.estado == "cancelado" and "Sin refacción disponible" in envio.motivo_cancelacion
    assert _tramite(t.expediente_id).estado == "abierto"


def test_el_tramite_de_un_ticket_no_se_mueve_desde_tramites(demo):
    t = _ticket()
    caso = _tramite(t.expediente_id)
    with pytest.raises(ErrorTransicion) as error:
        tramites.avanzar_tramite(usuario("director"), caso, opcion="Sí")
    assert "Mesa de ayuda" in str(error.value)
    assert _tramite(caso.id).paso_actual == "3" and _tramite(caso.id).version == caso.version


def test_vincular_existentes_coloca_tickets_viejos_y_es_idempotente(demo, reloj, monkeypatch):
    soporte = usuario("soporte")
    ctp = Proveedor.get(Proveedor.rfc == "CTP090512AB3")
    bien = _bien("SMT-TIC-00903", marca="HP")
    with monkeypatch.context() as antes_del_expediente:     # así se registraban antes del expediente único
        antes_del_expediente.setattr(avance, "abrir_de_ticket", lambda *a, **k: None)
        antes_del_expediente.setattr(avance, "abrir_de_escalamiento", lambda *a, **k: None)
        reloj.fijar(dt.datetime(2026, 11, 10, 9, 0))
        cerrado = _ticket(modalidad="anydesk")
        reloj.fijar(dt.datetime(2026, 11, 10, 9, 45))
        tickets.atender(soporte, cerrado)
        reloj.fijar(dt.datetime(2026, 11, 10, 11, 0))
        tickets.resolver(soporte, cerrado, "Se reinstaló el controlador.")
        reloj.fijar(dt.datetime(2026, 11, 10, 12, 0))
        tickets.cerrar(soporte, cerrado)
        en_sitio = _ticket(modalidad="presencial")
        tickets.atender(soporte, en_sitio)
        nuevo = _ticket()
        escalado = _ticket(numero_inventario=bien.numero_inventario)
        tickets.atender(soporte, escalado)
        reloj.fijar(dt.datetime(2026, 11, 10, 13, 0))
        esc = escalamiento.escalar(soporte, escalado, ctp, motivo="Falla de fuente.")
    assert Ticket.select().where(Ticket.expediente.is_null(False)).count() == 0

    reloj.fijar(dt.datetime(2026, 11, 24, 9, 0))
    assert expedientes.vincular_existentes() == 5                   # 4 tickets y 1 escalamiento
    viejo = _tramite(tickets.obtener(cerrado.id).expediente_id)
    assert (viejo.estado, viejo.creado_en, viejo.concluido_en) == (
        "concluido", dt.datetime(2026, 11, 10, 9), dt.datetime(2026, 11, 10, 12))
    assert _pasos(viejo.id) == [("1", "", 0), ("2", "", 0), ("3", "Sí", 45 * 60), ("4", "", 75 * 60),
                                ("5", "", H)]
    assert _tramite(tickets.obtener(en_sitio.id).expediente_id).paso_actual == "3.1"
    assert _tramite(tickets.obtener(nuevo.id).expediente_id).paso_actual == "3"
    assert _tramite(tickets.obtener(escalado.id).expediente_id).paso_actual == "4"    # remoto, espera
    envio = _tramite(Escalamiento.get_by_id(esc.id).expediente_id)
    assert (envio.procedimiento, envio.paso_actual) == (2, "5.1")
    assert _pasos(envio.id)[-2:] == [("5", "No", 0), ("5.1", "abierto")]
    version = tickets.obtener(nuevo.id).version
    assert expedientes.vincular_existentes() == 0
    assert Tramite.select().where(Tramite.procedimiento.in_([2, 6])).count() == 5
    assert tickets.obtener(nuevo.id).version == version
    # El ticket vinculado sigue su trámite con las acciones del módulo.
    tickets.atender(soporte, tickets.obtener(nuevo.id))
    assert _tramite(tickets.obtener(nuevo.id).expediente_id).paso_actual == "4"
    assert bitacora.verificar() == []


def test_la_demostracion_deja_cada_ticket_con_su_tramite(demo_sqlite):
    esperado = {tickets.NUEVO: "3", tickets.RESUELTO: "5", tickets.CERRADO: None, tickets.CANCELADO: None}
    todos = list(Ticket.select())
    assert todos
    for t in todos:
        caso = _tramite(t.expediente_id)
        assert (caso.procedimiento, caso.creado_en) == (6, t.recibido_en), t.folio
        if t.estado in (tickets.EN_ATENCION, tickets.ESCALADO):
            assert caso.paso_actual == avance.paso_atencion(t.modalidad), t.folio
        else:
            assert caso.paso_actual == esperado[t.estado], t.folio
        estado = {tickets.CERRADO: "concluido", tickets.CANCELADO: "cancelado"}.get(t.estado, "abierto")
        assert caso.estado == estado, t.folio
    envios = {e.estado: _tramite(e.expediente_id) for e in Escalamiento.select()}
    assert envios[escalamiento.CON_PROVEEDOR].paso_actual == "5.1"
    assert envios[escalamiento.ENTREGADO].estado == "concluido"
    assert expedientes.vincular_existentes() == 0
