"""Procedimiento 16: solo la Contraloría Municipal pide cambios; el previo se acepta o se corrige."""
from __future__ import annotations

import pytest

from app.errores import ErrorValidacion
from app.modelos import Bitacora, Dependencia, SolicitudDeclaraciones, Tramite
from app.modelos.web import ACEPTADA, CORRECCIONES, PREVIO, PUBLICADA
from app.servicios.nucleo import bitacora
from app.servicios.oficios import oficios
from app.servicios.web import declaraciones, oficios_web
from app.tiempo import hoy_mexico
from tests.conftest import usuario
from tests.servicios.web.ayudas import oficio, pasos, texto_pdf, tramite


def test_otra_dependencia_se_rehusa_con_la_razon_de_la_politica(demo):
    antes = (SolicitudDeclaraciones.select().count(), Tramite.select().count(), Bitacora.select().count())
    entrante = oficio("DI", "DI/0950/2026")
    despues_del_oficio = Bitacora.select().count()
    with pytest.raises(ErrorValidacion) as error:
        declaraciones.registrar(usuario("sistemas"), oficio=entrante, actualizacion="Agregar un campo")
    mensaje = str(error.value)
    assert "Dirección de Ingresos" in mensaje and "solo la Contraloría Municipal" in mensaje
    assert "Política 2 del procedimiento 16" in mensaje and "única dependencia" in mensaje
    assert (SolicitudDeclaraciones.select().count(), Tramite.select().count()) == antes[:2]
    assert Bitacora.select().count() == despues_del_oficio


def test_la_contraloria_se_reconoce_sin_acentos_ni_mayusculas_o_por_siglas(demo):
    assert declaraciones.es_contraloria(Dependencia(nombre="CONTRALORIA MUNICIPAL", siglas=""))
    assert declaraciones.es_contraloria(Dependencia(nombre="Órgano Interno", siglas="cm"))
    assert not declaraciones.es_contraloria(Dependencia(nombre="Contraloría Social", siglas="CS"))
    assert declaraciones.contraloria().siglas == "CM"


def test_previo_rechazado_corregido_aceptado_y_publicado(demo):
    sistemas = usuario("sistemas")
    solicitud = declaraciones.registrar(sistemas, oficio=oficio("CM", "CM/0900/2026"),
                                        actualizacion="Agregar la sección de conflicto de interés",
                                        lineamiento="Formatos SNA 2026")
    assert tramite(solicitud).paso_actual == "2"
    declaraciones.presentar_previo(sistemas, solicitud, cambios="Nueva sección.", version_previo="2.5.0",
                                   url_previo="https://declaraciones-pruebas.texmelucan.example")
    assert solicitud.estado == PREVIO and tramite(solicitud).paso_actual == "3"
    declaraciones.resolver_previo(sistemas, solicitud, acepta=False, quien="Nadia Elizabeth Olivera Rendón",
                                  observaciones="Falta la leyenda de privacidad.")
    assert solicitud.estado == CORRECCIONES and tramite(solicitud).paso_actual == "3.1"
    declaraciones.presentar_previo(sistemas, solicitud, cambios="Se agregó la leyenda de privacidad.")
    declaraciones.resolver_previo(sistemas, solicitud, acepta=True, quien="Nadia Elizabeth Olivera Rendón")
    assert solicitud.estado == ACEPTADA and solicitud.aceptado_en is not None
    with pytest.raises(ErrorValidacion, match="posterior a hoy"):
        declaraciones.publicar(sistemas, solicitud, fecha_publicacion=hoy_mexico().replace(year=hoy_mexico().year + 1))
    declaraciones.publicar(sistemas, solicitud, fecha_publicacion=hoy_mexico())
    final = tramite(solicitud)
    assert (solicitud.estado, final.estado) == (PUBLICADA, "concluido")
    assert pasos(final.id) == [("1", "", "2"), ("2", "", "3"), ("3", "No", "3.1"), ("3.1", "", "3"),
                               ("3", "Sí", "4"), ("4", "", None)]
    emitido = oficios_web.emitir_respuesta(usuario("director"), SolicitudDeclaraciones.get_by_id(solicitud.id))
    pdf = texto_pdf(oficios.pdf_de_oficio(emitido))
    assert emitido.folio in pdf and "CM/0900/2026" in pdf and "Nadia Elizabeth Olivera Rendón" in pdf
    assert not bitacora.verificar()


def test_la_demostracion_lleva_el_caso_de_la_contraloria(demo):
    filas = declaraciones.listar("conflicto")
    assert len(filas) == 1 and filas[0]["numero_oficio"] == "CM/0072/2026"
    assert "paso 2" in filas[0]["tramite"]
