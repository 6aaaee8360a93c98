"""Avisos por correo de la bandeja: a quién, una sola vez, y sin red (solo se encolan)."""
from __future__ import annotations

import datetime as dt

import pytest

from app.demo import datos_tramites
from app.errores import ErrorPermiso, ErrorValidacion
from app.modelos import AvisoTramite, Bitacora, DestinatarioAviso, MensajeCorreo, PasoTramite
from app.servicios.bandeja import avisos
from app.servicios.nucleo import bitacora, correo, permisos
from tests.servicios.bandeja.ayudas import abrir, usuario

VIERNES = dt.datetime(2026, 11, 20, 14, 0)
REDES = "redes@texmelucan.gob.mx"
DIRECTOR = "director@texmelucan.gob.mx"


def _mensajes() -> list[MensajeCorreo]:
    return list(MensajeCorreo.select().order_by(MensajeCorreo.id))


def _paso_abierto(tramite) -> PasoTramite:
    return PasoTramite.get((PasoTramite.tramite == tramite) & PasoTramite.fin.is_null())


def test_el_aviso_de_un_paso_se_encola_una_sola_vez(bd, reloj, manual_sin_modulos):
    reloj.fijar(VIERNES)
    director, redes, soporte = usuario("director"), usuario("redes"), usuario("soporte")
    avisos.agregar_destinatario(director, avisos.PASO, REDES, permisos.AREA_REDES)
    avisos.agregar_destinatario(director, avisos.PASO, "soporte@texmelucan.gob.mx", permisos.AREA_SOPORTE)
    nodo = abrir(redes, 18, "Nodo de red en psicología del DIF")
    abrir(soporte, 5, "Respaldo de la ventanilla 2")      # paso 1 de la dependencia: no se avisa a Soporte

    assert avisos.encolar_avisos_de_pasos() == 1
    [mensaje] = _mensajes()
    assert mensaje.destinatario == REDES and mensaje.estado == correo.PENDIENTE
    assert mensaje.asunto.startswith(f"Pendiente: paso 1 de {nodo.numero} (P18 · ")
    assert "Paso 1: " in mensaje.cuerpo and "Dependencia: Dirección de Catastro" in mensaje.cuerpo
    [aviso] = AvisoTramite.select()
    assert aviso.clave == f"paso:{_paso_abierto(nodo).id}:{REDES}" and aviso.mensaje_id == mensaje.id

    assert avisos.encolar_avisos_de_pasos() == 0                 # otra vez: nada nuevo
    assert len(_mensajes()) == 1 and AvisoTramite.select().count() == 1

    datos_tramites.avanzar(redes, nodo)                          # el paso 2 queda abierto: nuevo aviso
    assert avisos.encolar_avisos_de_pasos() == 1
    assert _mensajes()[-1].asunto.startswith(f"Pendiente: paso 2 de {nodo.numero}")
    assert avisos.encolar_avisos_de_pasos() == 0

    # Sin servidor SMTP (ni red) la cola los guarda: se enviarán cuando se pueda.
    resumen = correo.procesar_cola()
    assert resumen.pendientes == 2 and "no está configurado" in resumen.errores[0]
    assert bitacora.verificar() == []


def test_el_resumen_de_vencidos_sale_una_vez_al_dia(bd, reloj, manual_sin_modulos):
    reloj.fijar(VIERNES)
    director, redes = usuario("director"), usuario("redes")
    avisos.agregar_destinatario(director, avisos.VENCIDOS, DIRECTOR)
    nodo = abrir(redes, 18, "Nodo de red en psicología del DIF")
    datos_tramites.avanzar(redes, nodo)                          # paso 2: 16 h hábiles, vence el martes 14:00
    assert avisos.encolar_resumen_vencidos(dt.date(2026, 11, 20)) == 0     # nada vencido: no se manda nada

    reloj.fijar(dt.datetime(2026, 11, 23, 9, 0))                 # el fin de semana no cuenta
    assert avisos.encolar_resumen_vencidos(dt.date(2026, 11, 23)) == 0
    assert _mensajes() == []

    reloj.fijar(dt.datetime(2026, 11, 24, 14, 1))
    assert avisos.encolar_resumen_vencidos(dt.date(2026, 11, 24)) == 1
    assert avisos.encolar_resumen_vencidos(dt.date(2026, 11, 24)) == 0
    [mensaje] = _mensajes()
    assert mensaje.destinatario == DIRECTOR
    assert mensaje.asunto == "Pasos vencidos de la DTI al 24/11/2026: 1"
    assert f"{nodo.numero} · P18 paso 2" in mensaje.cuerpo and "venció el 24/11/2026 14:00" in mensaje.cuerpo
    assert AvisoTramite.get().clave == f"vencidos:2026-11-24:{DIRECTOR}"

    reloj.fijar(dt.datetime(2026, 11, 25, 8, 0))                 # al día siguiente, su propio resumen
    assert avisos.encolar_todo(dt.date(2026, 11, 25)).vencidos == 1
    assert len(_mensajes()) == 2


def test_quien_recibe_que_se_configura_con_bitacora(bd, reloj):
    reloj.fijar(dt.datetime(2026, 11, 24, 10, 0))
    director, redes = usuario("director"), usuario("redes")
    with pytest.raises(ErrorValidacion, match="Elija el área"):
        avisos.agregar_destinatario(director, avisos.PASO, REDES, "Tesorería")
    with pytest.raises(ErrorValidacion, match="no parece un correo"):
        avisos.agregar_destinatario(director, avisos.VENCIDOS, "director.texmelucan")
    with pytest.raises(ErrorPermiso):
        avisos.agregar_destinatario(usuario("consulta"), avisos.VENCIDOS, DIRECTOR)
    assert DestinatarioAviso.select().count() == 0

    alta = avisos.agregar_destinatario(director, avisos.PASO, " Redes@Texmelucan.gob.mx ", permisos.AREA_REDES)
    assert (alta.correo, alta.area, alta.activo) == (REDES, permisos.AREA_REDES, True)
    assert avisos.agregar_destinatario(director, avisos.PASO, REDES, permisos.AREA_REDES).id == alta.id
    baja = avisos.desactivar_destinatario(director, alta.id)
    assert not baja.activo and avisos.destinatarios(solo_activos=True) == []
    abrir(redes, 18, "Nodo de red")
    assert avisos.encolar_avisos_de_pasos() == 0                 # dado de baja: ya no recibe nada
    reloj.fijar(dt.datetime(2026, 11, 24, 10, 5))
    assert avisos.agregar_destinatario(director, avisos.PASO, REDES, permisos.AREA_REDES).id == alta.id
    assert avisos.encolar_avisos_de_pasos() == 0                 # lo abierto mientras estuvo de baja no llega de golpe
    reloj.fijar(dt.datetime(2026, 11, 24, 10, 10))
    nuevo = abrir(redes, 18, "Otro nodo de red")
    assert avisos.encolar_avisos_de_pasos() == 1
    assert MensajeCorreo.get().asunto.startswith(f"Pendiente: paso 1 de {nuevo.numero}")
    acciones = [(b.accion, b.usuario) for b in Bitacora.select().where(
        (Bitacora.tabla == "destinatario_aviso") & (Bitacora.registro_id == alta.id)).order_by(Bitacora.id)]
    assert acciones == [("alta de destinatario de avisos", "director"),
                        ("baja de destinatario de avisos", "director"),
                        ("reactivación de destinatario de avisos", "director")]


def test_la_cola_de_la_ventana_encola_los_avisos_antes_de_enviar(bd_sqlite, url_sqlite, reloj, qapp):
    """La pasada de la cola (cada minuto, en la ventana principal) encola los avisos sin que nadie corra la consola."""
    from app.vistas.cuentas.cola import TareaCola

    reloj.fijar(VIERNES)
    director, redes = usuario("director"), usuario("redes")
    avisos.agregar_destinatario(director, avisos.PASO, REDES, permisos.AREA_REDES)
    abrir(redes, 18, "Nodo de red en psicología del DIF")
    TareaCola(forzar=False).run()
    assert [m.destinatario for m in _mensajes()] == [REDES]
    TareaCola(forzar=False).run()                                # la pasada siguiente no lo repite
    assert len(_mensajes()) == 1 and AvisoTramite.select().count() == 1
