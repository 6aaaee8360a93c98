"""Procedimiento 14: cada solicitud de carga recorre el manual por sus decisiones (imágenes y previo)."""
from __future__ import annotations

import pytest

from app.errores import ErrorPermiso, ErrorTransicion, ErrorValidacion
from app.modelos import Bitacora, ImagenCargaWeb, Oficio, SolicitudCargaWeb
from app.modelos.web import ACEPTADA, CORRECCIONES, IMAGENES, PREVIO, PROGRAMACION, PUBLICADA
from app.servicios.nucleo import bitacora
from app.servicios.oficios import oficios
from app.servicios.web import carga, imagenes, oficios_web
from app.tiempo import hoy_mexico
from tests.conftest import usuario
from tests.servicios.web.ayudas import imagen, oficio, pasos, texto_pdf, tramite


def _registrar(con_imagenes: bool, numero: str = "DI/0900/2026"):
    return carga.registrar(usuario("sistemas"), oficio=oficio("DI", numero), contiene_imagenes=con_imagenes,
                           url_pagina="https://texmelucan.example/ingresos", descripcion="Tabla de descuentos 2027")


def test_con_imagenes_y_previo_corregido_hasta_publicar(demo):
    sistemas = usuario("sistemas")
    solicitud = _registrar(True)
    assert solicitud.estado == IMAGENES
    # La nota de la política 2: el contenido es responsabilidad de la dependencia solicitante.
    assert "responsabilidad de Dirección de Ingresos" in solicitud.responsabilidad
    assert "Política 2 del procedimiento 14" in solicitud.responsabilidad
    assert tramite(solicitud).paso_actual == "2.1" and tramite(solicitud).modulo == "web"
    carga.agregar_imagenes(sistemas, solicitud, [("cartel.png", imagen()), ("foto.jpg", imagen("JPEG", 640, 480))])
    assert [(i.formato, i.ancho, i.alto) for i in ImagenCargaWeb.select().where(ImagenCargaWeb.solicitud == solicitud.id)
            .order_by(ImagenCargaWeb.id)] == [("png", 800, 600), ("jpg", 640, 480)]
    carga.registrar_programacion(sistemas, solicitud, cambios="Se agregó la tabla.",
                                 url_previo="https://previo.texmelucan.example/ingresos")
    assert solicitud.estado == PREVIO and tramite(solicitud).paso_actual == "4"
    # «No cumple»: sin observaciones se rehúsa; con ellas va a 4.1 y de vuelta a 4.
    with pytest.raises(ErrorValidacion, match="observaciones"):
        carga.resolver_previo(sistemas, solicitud, acepta=False, quien="Martha Elena Cruz Solís")
    carga.resolver_previo(sistemas, solicitud, acepta=False, quien="Martha Elena Cruz Solís",
                          observaciones="El descuento de febrero es 10 %.")
    assert solicitud.estado == CORRECCIONES and tramite(solicitud).paso_actual == "4.1"
    carga.registrar_programacion(sistemas, solicitud, cambios="Se corrigió febrero.")
    carga.resolver_previo(sistemas, solicitud, acepta=True, quien="Martha Elena Cruz Solís")
    assert solicitud.estado == ACEPTADA and solicitud.previo_aceptado_por == "Martha Elena Cruz Solís"
    with pytest.raises(ErrorValidacion, match="http"):
        carga.publicar(sistemas, solicitud, url_publicacion="javascript:alert(1)", fecha_publicacion=hoy_mexico())
    carga.publicar(sistemas, solicitud, url_publicacion="https://texmelucan.example/ingresos#2027",
                   fecha_publicacion=hoy_mexico())
    final = tramite(solicitud)
    assert (solicitud.estado, final.estado) == (PUBLICADA, "concluido")
    assert pasos(final.id) == [("1", "", "2"), ("2", "Sí", "2.1"), ("2.1", "", "3"), ("3", "", "4"),
                               ("4", "No", "4.1"), ("4.1", "", "4"), ("4", "Sí", "5"), ("5", "", None)]
    # El oficio de respuesta sale de su plantilla, con folio, la URL publicada y la nota de responsabilidad.
    emitido = oficios_web.emitir_respuesta(usuario("director"), SolicitudCargaWeb.get_by_id(solicitud.id))
    pdf = texto_pdf(oficios.pdf_de_oficio(emitido))
    assert emitido.folio in pdf and "DI/0900/2026" in pdf and "responsabilidad" in pdf
    assert emitido.tramite_id == final.id and "${" not in emitido.cuerpo
    assert not bitacora.verificar()


def test_sin_imagenes_va_directo_a_la_programacion(demo):
    solicitud = _registrar(False, "DI/0901/2026")
    assert solicitud.estado == PROGRAMACION
    assert pasos(tramite(solicitud).id) == [("1", "", "2"), ("2", "No", "3"), ("3", "", None)]
    with pytest.raises(ErrorTransicion, match="recibir imágenes"):
        carga.agregar_imagenes(usuario("sistemas"), solicitud, [("a.png", imagen())])


@pytest.mark.parametrize("nombre, contenido, razon", [
    ("cartel.png", imagen("GIF"), "no está en el formato correcto"),      # extensión engañosa: es GIF
    ("cartel.png", b"%PDF-1.4 no soy imagen", "no es una imagen"),
    ("enorme.png", imagen("PNG", 3000, 200), "3000×200"),
    ("vacia.png", b"", "vacía"),
], ids=["gif-con-extension-png", "pdf", "demasiado-ancha", "vacia"])
def test_imagen_mala_se_rehusa_con_su_razon_y_no_guarda_nada(demo, nombre, contenido, razon):
    solicitud = _registrar(True, "DI/0902/2026")
    antes = (ImagenCargaWeb.select().count(), Bitacora.select().count())
    with pytest.raises(ErrorValidacion, match=razon):
        carga.agregar_imagenes(usuario("sistemas"), solicitud, [("buena.png", imagen()), (nombre, contenido)])
    assert (ImagenCargaWeb.select().count(), Bitacora.select().count()) == antes
    assert SolicitudCargaWeb.get_by_id(solicitud.id).estado == IMAGENES
    assert tramite(solicitud).paso_actual == "2.1"


def test_tamano_maximo_configurable(demo):
    politica = imagenes.Politica(maximo_bytes=1000)
    with pytest.raises(ErrorValidacion, match="pesa"):
        imagenes.revisar("grande.png", imagen("PNG", 400, 400) + b"\0" * 2000, politica)


@pytest.mark.parametrize("url", ["", "texmelucan.example", "https://", "https://a b.example", "file:///etc/passwd",
                                 "https://x.example/" + "a" * 1200], ids=range(6))
def test_entradas_hostiles_no_escriben_nada(demo, url):
    antes = (SolicitudCargaWeb.select().count(), Bitacora.select().count())
    with pytest.raises(ErrorValidacion):
        carga.registrar(usuario("sistemas"), oficio=oficio("DI", "DI/0903/2026"), contiene_imagenes=False,
                        url_pagina=url, descripcion="x")
    assert SolicitudCargaWeb.select().count() == antes[0]


def test_sin_oficio_o_sin_permiso_se_rehusa(demo):
    with pytest.raises(ErrorValidacion, match="oficio"):
        carga.registrar(usuario("sistemas"), oficio=None, contiene_imagenes=False,
                        url_pagina="https://texmelucan.example", descripcion="x")
    with pytest.raises(ErrorPermiso):
        carga.registrar(usuario("consulta"), oficio=Oficio.select().first(), contiene_imagenes=False,
                        url_pagina="https://texmelucan.example", descripcion="x")
