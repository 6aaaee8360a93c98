"""Videovigilancia (procedimiento 19): retención, oficio de negativa, citas, visualizaciones y monitoreo."""
from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from app.errores import ErrorPermiso, ErrorValidacion
from app.modelos import Mantenimiento, Oficio, PasoTramite, Tramite
from app.modelos.base import ErrorBorradoFisico
from app.modelos.videovigilancia import CITADA, CORRECTO, DENEGADA, FALLA, VISTA, SolicitudGrabacion, Visualizacion
from app.servicios.nucleo import bitacora
from app.servicios.oficios import oficios
from app.servicios.videovigilancia import equipos, monitoreo, solicitudes
from tests.servicios.videovigilancia.ayudas import oficio

HOY = dt.date(2026, 11, 18)     # el instante de las pruebas: miércoles 18/11/2026 10:30


def _pasos(tramite_id: int) -> list[tuple[str, str, str | None]]:
    return [(p.paso, p.opcion, p.destino)
            for p in PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)]


def _texto_pdf(contenido: bytes) -> str:
    return " ".join(" ".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(contenido)).split())


def _cuentas() -> tuple[int, int, int, int]:
    return (SolicitudGrabacion.select().count(), Oficio.select().where(Oficio.tipo == "saliente").count(),
            Tramite.select().count(), Visualizacion.select().count())


def test_pasada_la_retencion_se_niega_con_oficio_y_su_razon(base, reloj):
    entrante = oficio(base)
    decision = solicitudes.solicitar(base.redes, camara=base.acceso, oficio=entrante, fecha=dt.date(2026, 10, 1),
                                     desde="09:00", hasta="10:30", motivo="Incidente con un contribuyente.")
    solicitud, negativa = decision.solicitud, decision.oficio_negativa
    assert decision.denegada and solicitud.estado == DENEGADA and decision.cita is None
    assert decision.linea() == f"DENEGADA {negativa.folio}"
    assert "tiene 48 días" in solicitud.razon and "conserva 30 días" in solicitud.razon
    # El oficio existe en la tabla de oficios, responde al recibido, es del trámite y su PDF dice la razón.
    guardado = oficios.por_folio(negativa.folio)
    assert (guardado.tipo, guardado.en_respuesta_a_id, guardado.tramite_id) == (
        "saliente", entrante.id, solicitud.expediente_id)
    texto = _texto_pdf(oficios.pdf_de_oficio(guardado))
    for esperado in (negativa.folio, "SM/0154/2026", "Palacio – Acceso principal", "01/10/2026", "48 días",
                     "durante 30 días", "Miguel Ángel Mendoza López", "Lic. Adriana Campos Meléndez"):
        assert esperado in texto, esperado
    assert "${" not in texto
    assert Oficio.get_by_id(entrante.id).estado == "atendido"
    # El trámite recorrió la decisión «No» → 3.1 (el oficio) y espera el monitoreo (5).
    tramite = Tramite.get_by_id(solicitud.expediente_id)
    assert (tramite.procedimiento, tramite.modulo, tramite.paso_actual) == (19, "videovigilancia", "5")
    assert _pasos(tramite.id) == [("1", "", "2"), ("2", "", "3"), ("3", "No", "3.1"), ("3.1", "", "5"),
                                  ("5", "", None)]
    assert bitacora.verificar() == []


def test_el_limite_de_retencion_es_por_grabador(base, reloj):
    # 30 días exactos en el NVR del Palacio todavía se ven; 16 en el DVR del mercado (15 días) ya no.
    dentro = solicitudes.solicitar(base.redes, camara=base.acceso, oficio=oficio(base), fecha=HOY - dt.timedelta(30))
    fuera = solicitudes.solicitar(base.redes, camara=base.nave, oficio=oficio(base, "SM/0155/2026"),
                                  fecha=HOY - dt.timedelta(16))
    assert (dentro.solicitud.estado, fuera.solicitud.estado) == (CITADA, DENEGADA)
    assert "«DVR Mercado Domingo Arenas» conserva 15 días" in fuera.solicitud.razon


def test_dentro_de_la_retencion_se_agenda_la_proxima_hora_habil_sin_empalmes(base, reloj):
    primera = solicitudes.solicitar(base.redes, camara=base.acceso, oficio=oficio(base), fecha=HOY - dt.timedelta(3))
    segunda = solicitudes.solicitar(base.redes, camara=base.nave, oficio=oficio(base, "SM/0156/2026"),
                                    fecha=HOY)
    assert primera.linea() == "CITA 2026-11-18 11:00"
    assert segunda.linea() == "CITA 2026-11-18 12:00"          # la de las 11:00 ya estaba dada
    tramite = Tramite.get_by_id(primera.solicitud.expediente_id)
    assert tramite.paso_actual == "4"
    assert _pasos(tramite.id)[2] == ("3", "Sí", "4")
    # A las 15:30 ya no cabe una hora: la cita es el siguiente día hábil a las 08:00.
    reloj.fijar(dt.datetime(2026, 11, 18, 15, 30))
    tarde = solicitudes.solicitar(base.redes, camara=base.acceso, oficio=oficio(base, "SM/0157/2026"), fecha=HOY)
    assert tarde.cita == dt.datetime(2026, 11, 19, 8, 0)
    # Viernes 13 por la tarde: el lunes 16 es día inhábil (Revolución Mexicana), la cita es el martes 17.
    reloj.fijar(dt.datetime(2026, 11, 13, 15, 45))
    puente = solicitudes.solicitar(base.redes, camara=base.acceso, oficio=oficio(base, "SM/0158/2026"),
                                   fecha=dt.date(2026, 11, 12))
    assert puente.cita == dt.datetime(2026, 11, 17, 8, 0)


def test_visualizacion_registrada_y_correcciones_como_anotaciones(base, reloj):
    solicitud = solicitudes.solicitar(base.redes, camara=base.acceso, oficio=oficio(base),
                                      fecha=HOY - dt.timedelta(2)).solicitud
    vista = solicitudes.registrar_visualizacion(base.redes, solicitud, asistentes="Síndica y su asesor jurídico",
                                                contenido="Acceso principal de 09:00 a 10:30; se ve el incidente.")
    assert (vista.atendio_id, vista.oficio_id) == (base.redes.id, solicitud.oficio_id)
    solicitud = SolicitudGrabacion.get_by_id(solicitud.id)
    assert solicitud.estado == VISTA and Tramite.get_by_id(solicitud.expediente_id).paso_actual == "5"
    with pytest.raises(ErrorValidacion, match="ya se registró"):
        solicitudes.registrar_visualizacion(base.redes, solicitud, asistentes="Otra", contenido="Otra vez")
    correccion = solicitudes.registrar_visualizacion(base.redes, solicitud, asistentes="Síndica, asesor y secretaria",
                                                     contenido="Corrige: también asistió la secretaria.", corrige=vista)
    assert correccion.corrige_id == vista.id
    assert Visualizacion.get_by_id(vista.id).asistentes == "Síndica y su asesor jurídico"   # la original no cambia
    assert [f["id"] for f in solicitudes.visualizaciones(solicitud.id)] == [vista.id, correccion.id]
    assert bitacora.verificar() == []


def test_una_visualizacion_no_se_borra_ni_se_reescribe(base, reloj):
    solicitud = solicitudes.solicitar(base.redes, camara=base.acceso, oficio=oficio(base), fecha=HOY).solicitud
    vista = solicitudes.registrar_visualizacion(base.redes, solicitud, asistentes="Síndica", contenido="Acceso.")
    antes = _cuentas()
    for intento in (lambda: vista.delete_instance(), lambda: Visualizacion.delete().execute(),
                    lambda: solicitudes.borrar_visualizacion(base.director, vista),
                    lambda: Visualizacion.update(contenido="nada").execute()):
        with pytest.raises(ErrorBorradoFisico, match="Política 2 del procedimiento 19: ni la Dirección .* pueden eliminar"):
            intento()
    vista.contenido = "Otra cosa"
    with pytest.raises(ErrorBorradoFisico, match="una corrección se anota como registro nuevo"):
        vista.save()
    assert _cuentas() == antes and Visualizacion.get_by_id(vista.id).contenido == "Acceso."


def test_la_solicitud_negada_no_tiene_video_que_reproducir(base, reloj):
    negada = solicitudes.solicitar(base.redes, camara=base.nave, oficio=oficio(base),
                                   fecha=HOY - dt.timedelta(60)).solicitud
    with pytest.raises(ErrorValidacion, match="no hay video que reproducir"):
        solicitudes.registrar_visualizacion(base.redes, negada, asistentes="Síndica", contenido="Nada")


def test_monitoreo_con_falla_abre_un_correctivo_y_el_correcto_concluye_los_tramites(base, reloj):
    negada = solicitudes.solicitar(base.redes, camara=base.nave, oficio=oficio(base),
                                   fecha=HOY - dt.timedelta(60)).solicitud
    falla = monitoreo.registrar(base.redes, resultado=FALLA, camara=base.nave,
                                descripcion="Canal 1 sin señal; el DVR reporta error de disco.")
    correctivo = Mantenimiento.get_by_id(falla.mantenimiento_id)
    assert (correctivo.clase, correctivo.procedimiento, correctivo.dispositivo_id) == (
        "correctivo", 7, base.mercado.dispositivo_id)
    assert "error de disco" in correctivo.descripcion and "redes" in correctivo.descripcion
    assert falla.grabador_id == base.mercado.id
    tramite = Tramite.get_by_id(negada.expediente_id)
    assert tramite.paso_actual == "6"
    assert _pasos(tramite.id)[-2:] == [("5", "", "6"), ("6", "", None)]
    monitoreo.registrar(base.redes, resultado=CORRECTO, descripcion="DVR con disco nuevo, 8 canales con imagen.")
    tramite = Tramite.get_by_id(negada.expediente_id)
    assert tramite.estado == "concluido"
    filas = monitoreo.consultar()
    assert [f["resultado"] for f in filas] == [CORRECTO, FALLA] and filas[1]["mantenimiento"] == correctivo.numero
    assert bitacora.verificar() == []


def test_falla_sin_descripcion_ni_grabador_se_rechaza(base, reloj):
    with pytest.raises(ErrorValidacion) as error:
        monitoreo.registrar(base.redes, resultado=FALLA)
    mensajes = " ".join(m for _c, m in error.value.errores)
    assert "Descripción" in mensajes and "grabador" in mensajes
    assert Mantenimiento.select().count() == 0


@pytest.mark.parametrize("datos, mensaje", [
    ({"fecha": dt.date(2026, 11, 19)}, "posterior a hoy"),
    ({"fecha": None}, "Falta la fecha"),
    ({"desde": "25:99"}, "debe ser una hora"),
    ({"desde": "14:00", "hasta": "09:00"}, "termina"),
    ({"fecha": HOY, "desde": "23:00"}, "todavía no son"),
    ({"oficio": None}, "llega por oficio"),
    ({"motivo": "x" * 2001}, "como máximo"),
    ({"camara": None}, "Elija la cámara"),
])
def test_entradas_hostiles_dan_error_claro_y_no_escriben_nada(base, reloj, datos, mensaje):
    valores = {"camara": base.acceso, "oficio": oficio(base), "fecha": HOY - dt.timedelta(1)}
    valores.update(datos)
    antes = _cuentas()
    with pytest.raises(ErrorValidacion, match=mensaje):
        solicitudes.solicitar(base.redes, **valores)
    assert _cuentas() == antes


def test_un_oficio_emitido_no_es_una_solicitud(base, reloj):
    emitido = oficios.emitir_oficio(base.director, destinatario_nombre="Síndica", asunto="Aviso", cuerpo="Texto.")
    with pytest.raises(ErrorValidacion, match="oficio recibido"):
        solicitudes.solicitar(base.redes, camara=base.acceso, oficio=emitido, fecha=HOY)


def test_permisos_y_area(base, reloj):
    for quien in (base.consulta, base.asistente):
        with pytest.raises(ErrorPermiso):
            solicitudes.solicitar(quien, camara=base.acceso, oficio=oficio(base), fecha=HOY)
    with pytest.raises(ErrorPermiso):
        equipos.guardar_grabador(base.asistente, nombre="NVR nuevo", tipo="nvr", dias_retencion=30)


def test_equipos_validan_nombres_retencion_y_canales(base, reloj):
    with pytest.raises(ErrorValidacion) as error:
        equipos.guardar_grabador(base.director, nombre="nvr palacio municipal", tipo="vhs", dias_retencion=0)
    mensajes = " ".join(m for _c, m in error.value.errores)
    assert "Ya existe el grabador" in mensajes and "DVR o NVR" in mensajes and "entre 1 y 3650" in mensajes
    with pytest.raises(ErrorValidacion, match="tiene 8 canales"):
        equipos.guardar_camara(base.director, nombre="Mercado – Estacionamiento", grabador=base.mercado, canal=9)
    assert equipos.camara_por_nombre("MERCADO - NAVE CENTRAL").id == base.nave.id     # guion o raya, sin mayúsculas
    equipos.cambiar_activa_camara(base.director, base.nave, False)
    with pytest.raises(ErrorValidacion, match="dada de baja"):
        solicitudes.solicitar(base.redes, camara=equipos.obtener_camara(base.nave.id), oficio=oficio(base), fecha=HOY)
