"""Procedimiento 17: solicitudes por la Tesorería, carpetas por área, registro y verificación con historial."""
from __future__ import annotations

import io

import openpyxl
import pytest

from app.errores import ErrorValidacion
from app.modelos import AreaTesoreria, Bitacora, Hipervinculo, SolicitudHipervinculos, Tramite, VerificacionHipervinculo
from app.modelos.web import ELABORACION, HOSTING, INFORMACION_FALTANTE, PUBLICADA
from app.servicios.catalogos import usuarios
from app.servicios.nucleo import bitacora
from app.servicios.oficios import oficios
from app.servicios.web import hipervinculos, oficios_web
from tests.conftest import usuario
from tests.servicios.web.ayudas import oficio, pasos, texto_pdf, tramite
from tests.servicios.web.servidor_http import servidor_local


def test_solicitud_con_informacion_faltante_hasta_los_hipervinculos(demo):
    sistemas = usuario("sistemas")
    egresos = hipervinculos.area_por_nombre("egresos")          # sin importar mayúsculas
    solicitud = hipervinculos.registrar_solicitud(sistemas, oficio=oficio("DE", "DE/0990/2026"), area=egresos,
                                                  dirigido_a="titular_dti", descripcion="Fracción XXI, 4o trimestre")
    assert tramite(solicitud).paso_actual == "2"
    with pytest.raises(ErrorValidacion, match="qué falta"):
        hipervinculos.analizar(sistemas, solicitud, analisis="Falta un anexo.", completa=False)
    hipervinculos.analizar(sistemas, solicitud, analisis="Falta el anexo de octubre.", completa=False,
                           faltante="Anexo de octubre en Excel.")
    assert solicitud.estado == INFORMACION_FALTANTE and tramite(solicitud).paso_actual == "3.1"
    # Llega incompleta otra vez (3.1 → 3 → 3.1) y luego completa (3.1 → 3 → 4).
    hipervinculos.analizar(sistemas, solicitud, analisis="Llegó octubre; falta noviembre.", completa=False,
                           faltante="Anexo de noviembre.")
    hipervinculos.analizar(sistemas, solicitud, analisis="Ya está completa.", completa=True)
    assert solicitud.estado == HOSTING and tramite(solicitud).paso_actual == "4"
    with pytest.raises(ErrorValidacion, match="«/»"):
        hipervinculos.cargar_hosting(sistemas, solicitud, carpeta="../../etc")
    hipervinculos.cargar_hosting(sistemas, solicitud)                 # la carpeta del área
    assert (solicitud.estado, solicitud.carpeta) == (ELABORACION, egresos.carpeta)
    hipervinculos.publicar(sistemas, solicitud, enlaces=[
        ("Fracción XXI. Presupuesto", "4o trimestre 2026", "https://transparencia.example/egresos/4t.pdf")])
    final = tramite(solicitud)
    assert (solicitud.estado, final.estado) == (PUBLICADA, "concluido")
    assert pasos(final.id) == [("1", "", "2"), ("2", "", "3"), ("3", "No", "3.1"), ("3.1", "", "3"),
                               ("3", "No", "3.1"), ("3.1", "", "3"), ("3", "Sí", "4"), ("4", "", "5"),
                               ("5", "", "6"), ("6", "", None)]
    nuevo = Hipervinculo.get(Hipervinculo.url == "https://transparencia.example/egresos/4t.pdf")
    assert (nuevo.area_id, nuevo.solicitud_id, nuevo.periodo) == (egresos.id, solicitud.id, "4o trimestre 2026")
    emitido = oficios_web.emitir_respuesta(usuario("director"), SolicitudHipervinculos.get_by_id(solicitud.id))
    pdf = texto_pdf(oficios.pdf_de_oficio(emitido))
    assert emitido.folio in pdf and "4t.pdf" in pdf and egresos.carpeta in pdf
    assert not bitacora.verificar()


def test_oficio_no_dirigido_a_la_tesoreria_se_rehusa(demo):
    antes = (SolicitudHipervinculos.select().count(), Tramite.select().count())
    entrante = oficio("DE", "DE/0991/2026")
    with pytest.raises(ErrorValidacion) as error:
        hipervinculos.registrar_solicitud(usuario("sistemas"), oficio=entrante, area=hipervinculos.areas()[0],
                                          dirigido_a="otro", descripcion="Hipervínculos")
    assert "Política 1 del procedimiento 17" in str(error.value) and "Tesorería" in str(error.value)
    assert (SolicitudHipervinculos.select().count(), Tramite.select().count()) == antes


def test_la_demostracion_tiene_areas_enlaces_y_su_verificacion(demo):
    assert {"Ingresos", "Egresos", "Catastro", "Contabilidad"} <= {a.nombre for a in hipervinculos.areas()}
    filas = hipervinculos.listar()
    assert 10 <= len(filas) <= 20
    assert all(".invalid" in f["url"] or f["url"].startswith("https://transparencia.example/") for f in filas)
    rotos = {f["url"].rsplit("/", 1)[1] for f in filas if f["ultimo_ok"] is False}
    assert rotos == {"comunicacion-social-2t-2026.pdf", "deuda-publica-3t-2026.pdf", "tramites-2025.pdf"}
    assert len(hipervinculos.historial(filas[0]["id"])) == 2
    # El oficio UT/0098/2026 de Transparencia abrió su solicitud (dirigida al Tesorero) en la pestaña Web.
    (transparencia,) = hipervinculos.solicitudes("UT/0098/2026")
    assert transparencia["area_nombre"] == "Contabilidad" and "paso 2" in transparencia["tramite"]


@pytest.fixture
def base_vacia(bd_sqlite):
    return usuarios.usuario_sistema()


def test_agregar_crea_el_area_que_falta_y_rehusa_duplicados(base_vacia):
    nuevo = hipervinculos.agregar_hipervinculo(base_vacia, area="Tesorería · Predial", fraccion="Fracción XLIII",
                                               periodo="2026", url="https://transparencia.example/predial.pdf")
    assert nuevo.area.nombre == "Tesorería · Predial" and nuevo.area.carpeta == "/transparencia/tesoreria/tesoreria-predial"
    with pytest.raises(ErrorValidacion, match="ya está registrado"):
        hipervinculos.agregar_hipervinculo(base_vacia, area="Otra", fraccion="X", periodo="2026",
                                           url="https://transparencia.example/predial.pdf")
    assert AreaTesoreria.select().count() == 1       # el área «Otra» no se creó: no se escribió nada


def test_verificar_registra_cada_resultado_y_su_historial(base_vacia):
    with servidor_local() as servidor:
        urls = {"ok": servidor.url("/ok"), "falta": servidor.url("/falta"), "movido": servidor.url("/movido"),
                "lento": servidor.url("/lento"), "cerrado": f"{servidor.cerrado}/nada"}
        for clave, url in urls.items():
            hipervinculos.agregar_hipervinculo(base_vacia, area="Ingresos", fraccion=f"Fracción {clave}",
                                               periodo="2026", url=url)
        informe = hipervinculos.verificar(base_vacia, tiempo_limite=0.4)
        assert not informe.sin_conexion
        assert {h.url for h, _ in informe.rotos} == {urls["falta"], urls["lento"], urls["cerrado"]}
        hipervinculos.verificar(base_vacia, tiempo_limite=0.4)
    assert VerificacionHipervinculo.select().count() == 10
    falta = Hipervinculo.get(Hipervinculo.url == urls["falta"])
    (ultima, primera) = hipervinculos.historial(falta.id)
    assert (ultima["codigo"], ultima["ok"], ultima["resultado"]) == (404, False, "HTTP 404")
    assert falta.ultimo_ok is False and falta.ultimo_resultado == "HTTP 404"
    lento = hipervinculos.historial(Hipervinculo.get(Hipervinculo.url == urls["lento"]).id)[0]
    assert lento["codigo"] is None and "Tiempo agotado" in lento["error"] and lento["milisegundos"] < 1000
    libro = openpyxl.load_workbook(io.BytesIO(hipervinculos.informe_excel(informe.pares)))
    filas = list(libro.active.iter_rows(values_only=True))
    assert filas[0][4] == "Resultado" and len(filas) == 6
    assert {f[3] for f in filas[1:] if f[4] == "Roto"} == {urls["falta"], urls["lento"], urls["cerrado"]}
    import datetime as dt

    assert all(isinstance(f[9], dt.datetime) for f in filas[1:])     # fecha real en la celda
    assert not bitacora.verificar() and Bitacora.select().count() > 0
