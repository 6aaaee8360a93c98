"""Mesa de ayuda: tickets, SLA en horas hábiles, escalamiento a proveedores e historiales."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.modelos import Bien, Escalamiento, Proveedor, Ticket, TipoBien
from app.servicios.nucleo import bitacora
from app.servicios.catalogos import catalogos
from app.servicios.mesa_ayuda import escalamiento, sla, tickets
from app.errores import ErrorConflicto, ErrorPermiso, ErrorTransicion, ErrorValidacion
from tests.conftest import usuario


@pytest.fixture
def demo(bd, monkeypatch):
    """Catálogos y usuarios de demostración, sin los tickets de demostración (los folios empiezan en 1)."""
    from app.demo import carga as servicio_demo, mesa_ayuda as demo_mesa_ayuda

    monkeypatch.setattr(demo_mesa_ayuda, "cargar_demo", lambda: 0)
    servicio_demo.cargar_demo()
    return bd


def _bien(numero: str, marca: str = "HP", siglas: str = "DE") -> Bien:
    tipo = TipoBien.get_or_none(TipoBien.nombre == "Computadora")
    if tipo is None:
        tipo = bitacora.guardar(TipoBien(nombre="Computadora", cuenta_contable="1.2.4.1.3"), "alta")
    dep = catalogos.dependencia_por_nombre(siglas)
    return bitacora.guardar(Bien(numero_inventario=numero, tipo=tipo, descripcion="Computadora de escritorio",
                                 marca=marca, modelo="ProDesk 400 G7", dependencia=dep,
                                 valor=Decimal("15999.00")), "alta de bien")


def _ticket(actor=None, **cambios) -> Ticket:
    datos = dict(canal=tickets.TELEFONO, extension="223", dependencia="Dirección de Egresos",
                 solicitante_nombre="Ricardo Flores Aguilar", categoria="impresora",
                 descripcion="La impresora del área de pagos no imprime: marca atasco de papel.",
                 prioridad=sla.MEDIA, modalidad="anydesk")
    datos.update(cambios)
    return tickets.crear_ticket(actor or usuario("asistente"), **datos)


def test_registro_con_folio_por_anio_y_metas_en_horas_habiles(demo, monkeypatch):
    monkeypatch.setenv("DTI_AHORA", "2026-11-13T15:00:00")        # viernes; el lunes 16 es feriado
    t1 = _ticket(prioridad=sla.ALTA)
    t2 = _ticket()
    assert (t1.folio, t2.folio) == ("T-2026-00001", "T-2026-00002")
    guardado = tickets.obtener(t1.id)
    assert guardado.estado == tickets.NUEVO and guardado.recibido_en == dt.datetime(2026, 11, 13, 15)
    assert guardado.extension == "223" and guardado.registrado_por_id == usuario("asistente").id
    # Alta: respuesta en 2 h hábiles (1 h el viernes + 1 h el martes), solución en 16 h.
    assert guardado.meta_respuesta_en == dt.datetime(2026, 11, 17, 9, 0)
    assert guardado.meta_resolucion_en == dt.datetime(2026, 11, 18, 15, 0)
    # 31 de diciembre a las 19:00 en México: el folio sigue siendo de 2026; el 1 de enero empieza en 1.
    monkeypatch.setenv("DTI_AHORA", "2026-12-31T19:00:00")
    assert _ticket().folio == "T-2026-00003"
    monkeypatch.setenv("DTI_AHORA", "2027-01-01T09:00:00")
    assert _ticket().folio == "T-2027-00001"
    assert bitacora.verificar() == []


def test_dato_malo_no_escribe_nada_ni_gasta_folio(demo):
    antes = Ticket.select().count()
    with pytest.raises(ErrorValidacion) as error:
        _ticket(canal="fax", extension="", descripcion="  ", categoria="x", prioridad="altísima",
                modalidad="zoom", dependencia="Secretaría de Marte", solicitante_nombre="")
    assert set(error.value.campos()) >= {"canal", "descripcion", "categoria", "prioridad", "modalidad",
                                         "dependencia", "solicitante"}
    with pytest.raises(ErrorValidacion) as error:
        _ticket(extension="301")
    assert "222, 223, 224, 225" in str(error.value)
    assert Ticket.select().count() == antes
    assert _ticket().folio.endswith("00001")


def test_presencial_obligatoria_en_presidencia_y_tesoreria(demo):
    for dependencia in ("Presidencia Municipal", "Tesorería Municipal"):
        with pytest.raises(ErrorValidacion) as error:
            _ticket(dependencia=dependencia, modalidad="teamviewer")
        assert "presencial" in str(error.value) and dependencia in str(error.value)
    t = _ticket(dependencia="Tesorería Municipal", modalidad=None)
    assert t.modalidad == tickets.PRESENCIAL
    assert _ticket(dependencia="Sistema Municipal DIF", modalidad="asistencia_rapida").modalidad == "asistencia_rapida"
    with pytest.raises(ErrorValidacion):
        tickets.cambiar_modalidad(usuario("soporte"), t, "anydesk")


def test_bien_por_numero_de_inventario_o_qr(demo):
    bien = _bien("SMT-TIC-00123")
    t = _ticket(numero_inventario="smt-tic-00123", dependencia=None)
    assert t.bien_id == bien.id and t.dependencia.nombre == "Dirección de Egresos"   # la del bien
    t2 = _ticket(numero_inventario="https://dti.texmelucan.gob.mx/bien/SMT-TIC-00123")
    assert t2.bien_id == bien.id
    with pytest.raises(ErrorValidacion) as error:
        _ticket(numero_inventario="SMT-TIC-99999")
    assert "SMT-TIC-99999" in str(error.value)


def test_ciclo_completo_con_tiempos_y_transiciones_invalidas(demo, monkeypatch):
    soporte = usuario("soporte")
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T09:00:00")
    t = _ticket()
    with pytest.raises(ErrorTransicion) as error:
        tickets.resolver(soporte, t, "Se cambió el tóner.")
    assert "Nuevo" in str(error.value)
    with pytest.raises(ErrorTransicion):
        tickets.cerrar(soporte, t)
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T09:45:00")
    tickets.atender(soporte, t)
    assert (t.estado, t.asignado_id, t.horas_respuesta) == (tickets.EN_ATENCION, soporte.id, 0.75)
    with pytest.raises(ErrorValidacion):
        tickets.resolver(soporte, t, "   ")                 # la solución es obligatoria
    monkeypatch.setenv("DTI_AHORA", "2026-11-25T10:00:00")
    tickets.resolver(soporte, t, "Se retiró el papel atascado y se limpió el rodillo.")
    assert t.estado == tickets.RESUELTO and t.horas_resolucion == 9.0
    tickets.reabrir(soporte, t, "Volvió a atascarse")
    assert t.estado == tickets.EN_ATENCION and t.resuelto_en is None
    tickets.resolver(soporte, t, "Se cambió el rodillo de arrastre.")
    monkeypatch.setenv("DTI_AHORA", "2026-11-25T11:00:00")
    tickets.cerrar(soporte, t)
    guardado = tickets.obtener(t.id)
    assert guardado.estado == tickets.CERRADO and guardado.cerrado_en == dt.datetime(2026, 11, 25, 11)
    assert guardado.primera_respuesta_en == dt.datetime(2026, 11, 24, 9, 45)
    acciones = [c["accion"] for c in tickets.detalle(t.id)["cambios"]]
    assert acciones == ["registro de ticket", "atención de ticket", "solución de ticket",
                        "reapertura de ticket", "solución de ticket", "cierre de ticket"]
    with pytest.raises(ErrorTransicion):
        tickets.atender(soporte, guardado)
    assert bitacora.verificar() == []


def test_dos_pc_editando_el_mismo_ticket(demo):
    t = _ticket()
    en_pc1, en_pc2 = tickets.obtener(t.id), tickets.obtener(t.id)
    tickets.asignar(usuario("soporte"), en_pc1, "asistente")
    with pytest.raises(ErrorConflicto):
        tickets.cambiar_prioridad(usuario("soporte"), en_pc2, sla.URGENTE, version=en_pc2.version)
    assert tickets.obtener(t.id).prioridad == sla.MEDIA


def test_consulta_no_registra_ni_atiende(demo):
    with pytest.raises(ErrorPermiso):
        _ticket(actor=usuario("consulta"))
    t = _ticket()
    with pytest.raises(ErrorPermiso):
        tickets.atender(usuario("consulta"), t)


def test_estado_de_sla_y_lista_resaltada(demo, monkeypatch):
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T08:00:00")
    urgente = _ticket(prioridad=sla.URGENTE)     # respuesta 1 h → 9:00
    media = _ticket(prioridad=sla.MEDIA)         # respuesta 4 h → 12:00
    baja = _ticket(prioridad=sla.BAJA)
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T11:10:00")
    estados = {f["folio"]: f["sla"] for f in tickets.listar()}
    assert estados[urgente.folio] == sla.VENCIDO
    assert estados[media.folio] == sla.POR_VENCER      # le quedan 50 min de 4 h
    assert estados[baja.folio] == sla.EN_TIEMPO
    alerta = {f["folio"] for f in tickets.listar(solo_alerta=True)}
    assert alerta == {urgente.folio, media.folio}
    # Responder a tiempo quita la alerta de respuesta.
    tickets.atender(usuario("soporte"), media)
    assert sla.estado(tickets.obtener(media.id)) == sla.EN_TIEMPO
    assert media.folio not in {f["folio"] for f in tickets.listar(solo_alerta=True)}


def test_metas_de_sla_configurables(demo, monkeypatch):
    with pytest.raises(ErrorValidacion):
        sla.guardar_meta(usuario("director"), sla.ALTA, "nan", "inf")
    with pytest.raises(ErrorValidacion):
        sla.guardar_meta(usuario("director"), sla.ALTA, 5, 2)
    with pytest.raises(ErrorPermiso):
        sla.guardar_meta(usuario("asistente"), sla.ALTA, 1, 4)
    sla.guardar_meta(usuario("director"), sla.ALTA, "0,5", 3)
    assert sla.metas()[sla.ALTA].horas_respuesta == 0.5
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T10:00:00")
    t = _ticket(prioridad=sla.ALTA)
    assert t.meta_respuesta_en == dt.datetime(2026, 11, 24, 10, 30)
    assert t.meta_resolucion_en == dt.datetime(2026, 11, 24, 13, 0)


def test_filtros_y_paginacion_por_llave(demo):
    soporte = usuario("soporte")
    creados = [_ticket(dependencia="Registro Civil" if i % 2 else "Dirección de Egresos",
                       prioridad=sla.ALTA if i % 3 == 0 else sla.BAJA) for i in range(7)]
    tickets.atender(soporte, creados[0])
    pagina1 = tickets.listar(limite=4)
    pagina2 = tickets.listar(limite=4, antes_de_id=pagina1[-1]["id"])
    assert [f["id"] for f in pagina1 + pagina2] == [t.id for t in reversed(creados)]
    rc = catalogos.dependencia_por_nombre("Registro Civil")
    assert {f["dependencia"] for f in tickets.listar(dependencia_id=rc.id)} == {"Registro Civil"}
    assert len(tickets.listar(prioridad=sla.ALTA)) == 3
    assert [f["id"] for f in tickets.listar(asignado_id=soporte.id)] == [creados[0].id]
    assert tickets.contar(estado=tickets.NUEVO) == 6
    # Búsqueda sin acentos ni mayúsculas; comodines de SQL se buscan literalmente.
    assert len(tickets.listar(texto="REGISTRO civil")) == 3
    assert tickets.listar(texto="%") == [] and tickets.listar(texto="_") == []


def test_entradas_hostiles_se_guardan_limpias(demo):
    t = _ticket(descripcion="=HYPERLINK(\"http://x\")\x00\x0b con 🙂 y ‮texto", solicitante_nombre="<b>Ana</b>")
    guardado = tickets.obtener(t.id)
    assert "\x00" not in guardado.descripcion and "\x0b" not in guardado.descripcion
    assert guardado.solicitante_nombre == "<b>Ana</b>"
    with pytest.raises(ErrorValidacion):
        _ticket(descripcion="x" * 10_001)


def test_escalar_a_no_autorizado_se_rechaza_con_la_razon(demo):
    soporte = usuario("soporte")
    bien = _bien("SMT-TIC-00845", marca="Lenovo")
    t = _ticket(numero_inventario=bien.numero_inventario)
    tickets.atender(soporte, t)
    redes = Proveedor.get(Proveedor.rfc == "RSA1103158K2")
    with pytest.raises(ErrorValidacion) as error:
        escalamiento.escalar(soporte, t, redes, motivo="No enciende: falla de tarjeta madre.")
    assert str(error.value) == ("Redes y Sistemas del Altiplano, S.A. de C.V. no es servicio autorizado "
                                "de la marca Lenovo.")
    assert tickets.obtener(t.id).estado == tickets.EN_ATENCION and Escalamiento.select().count() == 0
    assert [p.rfc for p in escalamiento.proveedores_autorizados("lenovo")] == ["CTP090512AB3"]


def test_escalamiento_completo_hasta_la_entrega(demo, monkeypatch):
    soporte = usuario("soporte")
    bien = _bien("SMT-TIC-00846", marca="HP")
    monkeypatch.setenv("DTI_AHORA", "2026-11-12T10:00:00")    # jueves
    t = _ticket(numero_inventario=bien.numero_inventario)
    tickets.atender(soporte, t)
    ctp = Proveedor.get(Proveedor.rfc == "CTP090512AB3")          # 5 días de entrega
    esc = escalamiento.escalar(soporte, t, ctp, motivo="Disco duro dañado; en garantía.")
    # 5 días hábiles desde el jueves 12: vie 13, (lun 16 feriado), mar 17, mié 18, jue 19, vie 20.
    assert esc.entrega_comprometida == dt.date(2026, 11, 20) and esc.dias_comprometidos == 5
    assert tickets.obtener(t.id).estado == tickets.ESCALADO
    with pytest.raises(ErrorTransicion):
        tickets.resolver(soporte, tickets.obtener(t.id), "listo")   # el equipo sigue con el proveedor
    assert not escalamiento.listar(hoy=dt.date(2026, 11, 20))[0]["vencida"]
    assert escalamiento.listar(hoy=dt.date(2026, 11, 23))[0]["vencida"]
    with pytest.raises(ErrorTransicion):
        escalamiento.entregar_equipo(soporte, esc, recibido_por_nombre="Ricardo Flores Aguilar")
    monkeypatch.setenv("DTI_AHORA", "2026-11-19T12:00:00")
    escalamiento.registrar_devolucion(soporte, esc, "Se reemplazó el disco duro por garantía.")
    with pytest.raises(ErrorValidacion):
        escalamiento.entregar_equipo(soporte, esc, recibido_por_nombre="  ")
    ricardo = catalogos.servidor_por_nombre("Ricardo Flores Aguilar")
    escalamiento.entregar_equipo(soporte, esc, recibido_por=ricardo)
    final = tickets.obtener(t.id)
    assert final.estado == tickets.CERRADO
    assert "óptimas condiciones a Ricardo Flores Aguilar" in final.solucion
    assert Escalamiento.get_by_id(esc.id).recibido_por_nombre == "Ricardo Flores Aguilar"
    assert escalamiento.listar()[0]["estado"] == escalamiento.ENTREGADO
    assert bitacora.verificar() == []


def test_devuelto_sin_reparar_vuelve_a_atencion(demo):
    soporte = usuario("soporte")
    t = _ticket(categoria="equipo")
    tickets.atender(soporte, t)
    sim = Proveedor.get(Proveedor.rfc == "SIM150720QW9")
    with pytest.raises(ErrorValidacion) as error:
        escalamiento.escalar(soporte, t, sim, motivo="Cabezal dañado")      # sin bien ni marca
    assert "marca" in str(error.value)
    esc = escalamiento.escalar(soporte, t, sim, motivo="Cabezal dañado", marca="Epson", dias_comprometidos=2)
    escalamiento.registrar_devolucion(soporte, esc, "Sin refacción disponible", reparado=False)
    assert tickets.obtener(t.id).estado == tickets.EN_ATENCION


def test_historiales_de_bien_dependencia_y_servidor(demo, monkeypatch):
    bien = _bien("SMT-TIC-00200")
    ricardo = catalogos.servidor_por_nombre("Ricardo Flores Aguilar")
    monkeypatch.setenv("DTI_AHORA", "2026-10-05T09:00:00")
    viejo = _ticket(numero_inventario=bien.numero_inventario, solicitante=ricardo.id)
    monkeypatch.setenv("DTI_AHORA", "2026-11-05T09:00:00")
    nuevo = _ticket(numero_inventario=bien.numero_inventario, categoria="red",
                    descripcion="Sin acceso a internet")
    _ticket(dependencia="Registro Civil")
    historial = tickets.historial_de_bien(bien.id)
    assert [h["referencia"] for h in historial] == [nuevo.folio, viejo.folio]
    assert historial[0]["fecha"] == dt.datetime(2026, 11, 5, 9)
    assert historial[0]["tipo"] == "Ticket de soporte" and "Sin acceso a internet" in historial[0]["descripcion"]
    egresos = catalogos.dependencia_por_nombre("Dirección de Egresos")
    assert {h["referencia"] for h in tickets.de_dependencia(egresos.id)} == {viejo.folio, nuevo.folio}
    assert [h["referencia"] for h in tickets.de_servidor(ricardo.id)] == [viejo.folio]
