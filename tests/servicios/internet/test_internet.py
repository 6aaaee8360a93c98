"""Procedimiento 20 por sus servicios: política por versiones, solicitud, cada decisión y sus rechazos."""
from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from app.errores import ErrorPermiso, ErrorTransicion, ErrorValidacion
from app.modelos import Oficio, PasoTramite, PoliticaFiltrado, SolicitudDesbloqueo, Tramite
from app.servicios.internet import expedientes, politicas, solicitudes
from app.servicios.nucleo import bitacora
from app.servicios.oficios import oficios
from app.servicios.tramites import propietarios
from app.tiempo import hoy_mexico
from tests.conftest import usuario
from tests.servicios.internet.ayudas import base, oficio, politica, solicitud  # noqa: F401 - fixture

__all__ = ["base"]


def _texto_pdf(contenido: bytes) -> str:
    return "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(contenido))


def _pasos(tramite_id: int) -> list[tuple[str, str, str | None]]:
    return [(p.paso, p.opcion, p.destino)
            for p in PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)]


def _conteos() -> tuple[int, int, int]:
    return SolicitudDesbloqueo.select().count(), Tramite.select().count(), Oficio.select().count()


def test_la_politica_tiene_versiones_y_la_anterior_no_se_reescribe(base):
    v1 = politica(categorias=["Redes sociales", "Apuestas"], sin_excepcion=["Apuestas"],
                  aplicada_el=hoy_mexico() - dt.timedelta(days=30))
    v2 = politica()
    assert (v1.numero, v2.numero) == (1, 2)
    assert politicas.vigente().id == v2.id
    assert [p.numero for p in politicas.historial()] == [2, 1]
    recargada = PoliticaFiltrado.get_by_id(v1.id)
    assert politicas.categorias_de(recargada) == ["Redes sociales", "Apuestas"]
    assert (recargada.version, recargada.firewall) == (1, "FortiGate 100F del site de Palacio Municipal")
    assert "Descargas P2P" in politicas.sin_excepcion_de(v2)
    assert politicas.texto_version(v2).startswith("versión 2 del ")
    assert bitacora.verificar() == []


def test_la_politica_rehusa_lo_incompleto_y_a_quien_no_es_de_redes(base):
    politica(aplicada_el=hoy_mexico() - dt.timedelta(days=2))
    with pytest.raises(ErrorValidacion, match="al menos una categoría"):
        politica(categorias=["  ", ""])
    with pytest.raises(ErrorValidacion, match="«Casinos» no está entre las categorías bloqueadas"):
        politica(sin_excepcion=["Casinos"])
    with pytest.raises(ErrorValidacion, match="no puede ser anterior"):
        politica(aplicada_el=hoy_mexico() - dt.timedelta(days=10))
    with pytest.raises(ErrorValidacion, match="posterior a hoy"):
        politica(aplicada_el=hoy_mexico() + dt.timedelta(days=1))
    with pytest.raises(ErrorValidacion, match="Firewall"):
        politica(firewall="")
    with pytest.raises(ErrorPermiso, match="Departamento de Redes de Transporte"):
        politicas.nueva_version(usuario("soporte"), categorias=["Apuestas"], firewall="FW")
    assert PoliticaFiltrado.select().count() == 1


def test_no_infringe_se_libera_con_oficio_y_el_tramite_recorre_4_1(base):
    politica()
    s = solicitud()
    tramite = Tramite.get_by_id(s.expediente_id)
    assert (s.sitio, s.solicitante, s.estado) == ("facebook.com", "Daniela Aguilar Romero", solicitudes.RECIBIDA)
    assert (tramite.procedimiento, tramite.modulo, tramite.paso_actual) == (20, "internet", "4")
    assert tramite.oficio_entrada_id == s.oficio_id
    assert propietarios.registro_de(tramite).descripcion == "Solicitud de desbloqueo facebook.com"

    vence = hoy_mexico() + dt.timedelta(days=180)
    s = solicitudes.decidir(usuario("redes"), s, infringe=False, categoria="redes sociales",
                            razon="Difusión institucional a cargo de Comunicación Social.",
                            regla_firewall="Política DTI-EXC-01: permitir facebook.com al grupo DCS.", vence=vence)
    tramite = Tramite.get_by_id(s.expediente_id)
    assert (s.estado, s.infringe, s.categoria, s.vence) == (solicitudes.LIBERADA, False, "Redes sociales", vence)
    assert tramite.estado == "concluido"
    assert _pasos(tramite.id) == [("3", "", "4"), ("4", "No", "4.1"), ("4.1", "", None)]
    respuesta = Oficio.get_by_id(s.oficio_respuesta_id)
    assert (respuesta.tipo, respuesta.plantilla, respuesta.tramite_id) == ("saliente", "tramite_sitio_liberado",
                                                                         tramite.id)
    assert respuesta.en_respuesta_a_id == s.oficio_id and respuesta.destinatario_nombre == "Daniela Aguilar Romero"
    assert "${" not in respuesta.cuerpo and "facebook.com" in respuesta.cuerpo
    assert "DCS/0188/2026" in respuesta.cuerpo and "versión 1" in respuesta.cuerpo
    texto = _texto_pdf(oficios.pdf_de_oficio(respuesta))
    assert respuesta.folio in texto and "Miguel Ángel Mendoza López" in texto
    assert Oficio.get_by_id(s.oficio_id).estado == "atendido"
    fila = solicitudes.excepciones()[0]
    assert (fila["sitio"], fila["dependencia"], fila["vence"], fila["vencida"]) == (
        "facebook.com", "Dirección de Comunicación Social", vence, False)
    assert fila["autorizo"] == usuario("redes").nombre
    assert solicitudes.lista_excepciones(usuario("asistente")) == b"facebook.com\n"
    assert expedientes.por_expediente(tramite.id).id == s.id
    assert bitacora.verificar() == []


def test_infringe_se_niega_con_el_motivo_en_el_oficio_y_el_tramite_recorre_5(base):
    politica()
    s = solicitud("https://www.caliente.mx/promociones", numero="SGA/0977/2026", siglas="SGA",
                  firmante="Alejandro Romero Vázquez", cargo="Secretario General del Ayuntamiento")
    s = solicitudes.decidir(usuario("director"), s, infringe=True, categoria="Apuestas",
                            razon="Las apuestas no admiten excepciones.")
    tramite = Tramite.get_by_id(s.expediente_id)
    assert (s.estado, s.infringe, s.vence, s.regla_firewall) == (solicitudes.NEGADA, True, None, "")
    assert _pasos(tramite.id) == [("3", "", "4"), ("4", "Sí", "5"), ("5", "", None)]
    respuesta = Oficio.get_by_id(s.oficio_respuesta_id)
    assert respuesta.plantilla == "tramite_sitio_no_liberado"
    assert "no es posible liberarlo" in respuesta.cuerpo and "«Apuestas»" in respuesta.cuerpo
    assert "Las apuestas no admiten excepciones." in respuesta.cuerpo and "${" not in respuesta.cuerpo
    assert respuesta.destinatario_nombre == "Alejandro Romero Vázquez"
    assert solicitudes.excepciones() == [] and solicitudes.lista_excepciones(None) == b""
    assert bitacora.verificar() == []


def test_sin_oficio_no_hay_solicitud(base):
    antes = _conteos()
    with pytest.raises(ErrorValidacion) as error:
        solicitudes.registrar_solicitud(usuario("asistente"), oficio=None, sitio="facebook.com", motivo="Difusión")
    assert "por escrito" in error.value.mensaje and "política 2" in error.value.mensaje
    assert _conteos() == antes


def test_la_solicitud_que_no_firma_el_titular_se_rehusa_con_su_razon(base):
    entrada = oficio(firmante="Juan González Rodríguez", cargo="Coordinador de área")
    antes = _conteos()
    with pytest.raises(ErrorValidacion) as error:
        solicitud(oficio=entrada)
    mensaje = error.value.mensaje
    assert "no la hace el titular" in mensaje and "Juan González Rodríguez" in mensaje
    assert "Daniela Aguilar Romero" in mensaje
    assert _conteos() == antes and Oficio.get_by_id(entrada.id).tramite_id is None
    # Una «Secretaria» a secas no es titular: Registro Civil no tiene titular registrado.
    with pytest.raises(ErrorValidacion, match="no tiene titular registrado"):
        solicitud(numero="RC/1/2026", siglas="RC", firmante="Claudia Pérez Mendoza", cargo="Secretaria")


def test_oficios_que_no_sustentan_la_solicitud(base):
    incompleto = oficio(firmado=False, permitir_incompleto=True)
    with pytest.raises(ErrorValidacion, match="incompleto"):
        solicitud(oficio=incompleto)
    sin_procedencia = oficio(numero="X/1", procedencia=None, procedencia_texto="Comunicación")
    with pytest.raises(ErrorValidacion, match="procedencia"):
        solicitud(oficio=sin_procedencia)
    emitido = oficios.emitir_oficio(usuario("director"), destinatario_nombre="Daniela Aguilar Romero",
                                    asunto="Aviso", cuerpo="Texto")
    with pytest.raises(ErrorValidacion, match="lo emitió la DTI"):
        solicitud(oficio=emitido)
    usado = solicitud()
    with pytest.raises(ErrorValidacion, match="ya dio lugar a otro trámite"):
        solicitud(oficio=usado.oficio)
    with pytest.raises(ErrorValidacion, match="está por decidirse"):
        solicitud("facebook.com/otra", numero="DCS/0200/2026")
    with pytest.raises(ErrorValidacion, match="no es un dominio completo"):
        solicitud("facebook", numero="DCS/0201/2026")
    assert SolicitudDesbloqueo.select().count() == 1


def test_la_decision_hace_cumplir_la_politica(base):
    s = solicitud()
    with pytest.raises(ErrorValidacion, match="Aún no hay política de filtrado"):
        solicitudes.decidir(usuario("redes"), s, infringe=False, razon="r", regla_firewall="regla")
    politica()
    redes = usuario("redes")
    with pytest.raises(ErrorValidacion, match="no libera en ningún caso.*política 3"):
        solicitudes.decidir(redes, s, infringe=False, categoria="apuestas", razon="Lo pide el titular.",
                            regla_firewall="permitir")
    with pytest.raises(ErrorValidacion, match="Razón de la decisión"):
        solicitudes.decidir(redes, s, infringe=True, categoria="Redes sociales", razon="  ")
    with pytest.raises(ErrorValidacion, match="qué categoría de la política"):
        solicitudes.decidir(redes, s, infringe=True, razon="Porque sí.")
    with pytest.raises(ErrorValidacion, match="«Noticias» no es una categoría bloqueada"):
        solicitudes.decidir(redes, s, infringe=True, categoria="Noticias", razon="Porque sí.")
    with pytest.raises(ErrorValidacion, match="Regla aplicada en el firewall"):
        solicitudes.decidir(redes, s, infringe=False, categoria="Redes sociales", razon="Difusión.")
    with pytest.raises(ErrorValidacion, match="posterior a hoy"):
        solicitudes.decidir(redes, s, infringe=False, categoria="Redes sociales", razon="Difusión.",
                            regla_firewall="permitir", vence=hoy_mexico())
    for nombre in ("asistente", "soporte", "consulta"):
        with pytest.raises(ErrorPermiso):
            solicitudes.decidir(usuario(nombre), s, infringe=True, categoria="Redes sociales", razon="r")
    antes = _conteos()
    assert SolicitudDesbloqueo.get_by_id(s.id).estado == solicitudes.RECIBIDA
    assert Tramite.get_by_id(s.expediente_id).paso_actual == "4"
    solicitudes.decidir(redes, s, infringe=True, categoria="Redes sociales", razon="Uso personal.")
    assert _conteos() == (antes[0], antes[1], antes[2] + 1)
    with pytest.raises(ErrorTransicion, match="ya se decidió"):
        solicitudes.decidir(redes, s, infringe=False, razon="r", regla_firewall="regla")


def test_la_excepcion_vencida_resalta_y_sale_de_la_lista(base, reloj):
    politica()
    s = solicitud()
    vence = hoy_mexico() + dt.timedelta(days=10)
    solicitudes.decidir(usuario("redes"), s, infringe=False, categoria="Redes sociales", razon="Difusión.",
                        regla_firewall="permitir facebook.com", vence=vence)
    otra = solicitud("https://vimeo.com/inai", numero="DCS/0300/2026")
    solicitudes.decidir(usuario("redes"), otra, infringe=False, categoria="Streaming de video y música",
                        razon="Capacitación.", regla_firewall="permitir vimeo.com")   # sin vencimiento
    assert solicitudes.dominios_vigentes() == ["facebook.com", "vimeo.com"]
    with pytest.raises(ErrorValidacion, match="ya tiene liberado facebook.com"):
        solicitud("https://www.facebook.com/otra", numero="DCS/0301/2026")
    reloj.fijar(dt.datetime.combine(vence + dt.timedelta(days=1), dt.time(9, 0)))
    filas = solicitudes.excepciones()
    assert [(f["sitio"], f["vencida"]) for f in filas] == [("facebook.com", True), ("vimeo.com", False)]
    assert filas[0]["situacion"] == f"Vencida el {vence:%d/%m/%Y}"
    assert solicitudes.lista_excepciones(None) == b"vimeo.com\n"
    # Vencida, la dependencia puede volver a pedirla.
    nueva = solicitud("facebook.com", numero="DCS/0400/2026")
    assert nueva.estado == solicitudes.RECIBIDA
