"""Oficios desde plantilla: nunca salen a medias; un ``${…}`` sin llenar no toma folio ni escribe nada."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from app.errores import ErrorValidacion
from app.modelos import Bitacora, ContadorFolio, Oficio
from app.servicios.nucleo import plantillas
from app.servicios.oficios import oficios
from tests.conftest import usuario

DESTINO = dict(destinatario_nombre="Sofía Navarro Peña", destinatario_cargo="Directora de Catastro",
               destinatario_dependencia="Dirección de Catastro")
AVISO_COMPLETO = dict(clase="preventivo", equipo="el conmutador del edificio de Catastro",
                      tipo="conmutador de red", procedimiento="procedimiento para el mantenimiento preventivo",
                      fecha="sábado 14 de noviembre de 2026", hora_inicio="09:00", hora_fin="13:00",
                      numero="MNT-2026-0042", descripcion="Actualización de firmware y limpieza.")


def _texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def _estado() -> tuple[int, int, list[tuple]]:
    """Lo que una emisión escribe: oficios, renglones de bitácora y contadores de folio."""
    return (Oficio.select().count(), Bitacora.select().count(),
            sorted(ContadorFolio.select(ContadorFolio.serie, ContadorFolio.anio, ContadorFolio.ultimo).tuples()))


def test_llenar_informa_las_faltantes_del_asunto_y_del_cuerpo():
    plantilla = plantillas.cargar("aviso_mantenimiento")
    assert plantilla.variables()[:2] == ("clase", "equipo")
    llenado = plantilla.llenado(clase="preventivo", tipo=None, motivo="sobra")
    assert llenado.faltantes_asunto == ("equipo",)
    assert "clase" not in llenado.faltantes_cuerpo and "tipo" in llenado.faltantes_cuerpo   # None no es valor
    assert llenado.faltantes[:3] == ("equipo", "tipo", "procedimiento") and not llenado.completo
    assert llenado.asunto == "Aviso de mantenimiento preventivo a ${equipo}"
    with pytest.raises(ErrorValidacion) as error:
        plantilla.llenar_completa(clase="preventivo")
    assert "«equipo» (${equipo})" in str(error.value) and "aviso_mantenimiento" in str(error.value)
    assert f"{plantillas.CAMPO}fecha" in error.value.campos()
    # Una cadena vacía sí es un valor (un «motivo» opcional, por ejemplo).
    asunto, cuerpo = plantillas.cargar("inventario_cambio").llenar_completa(bienes="• Bien 1", motivo="")
    assert "${" not in asunto + cuerpo
    assert plantillas.sin_llenar("a ${uno} b ${dos} ${uno} ${}") == ("uno", "dos", "…")


def test_aviso_de_mantenimiento_incompleto_no_toma_folio_ni_escribe(demo):
    director = usuario("director")
    antes = _estado()
    with pytest.raises(ErrorValidacion) as error:
        oficios.emitir_desde_plantilla(director, "aviso_mantenimiento", {"tipo": "conmutador"}, **DESTINO)
    mensaje = str(error.value)
    for variable in ("clase", "equipo", "fecha", "hora_inicio", "hora_fin", "numero", "descripcion"):
        assert f"«{variable}»" in mensaje, variable
    # ${dependencia} sale del destinatario y ${procedimiento} no: se pide.
    assert "«dependencia»" not in mensaje and "«procedimiento»" in mensaje
    assert _estado() == antes


def test_aviso_de_mantenimiento_completo_sale_lleno_con_el_folio_siguiente(demo):
    director = usuario("director")
    with pytest.raises(ErrorValidacion):
        oficios.emitir_desde_plantilla(director, "aviso_mantenimiento", {}, **DESTINO)
    previo = oficios.emitir_oficio(director, asunto="Previo", **DESTINO)
    oficio = oficios.emitir_desde_plantilla(director, "aviso_mantenimiento", AVISO_COMPLETO, **DESTINO)
    assert oficio.consecutivo == previo.consecutivo + 1      # el intento fallido no gastó folio
    assert oficio.asunto == "Aviso de mantenimiento preventivo a el conmutador del edificio de Catastro"
    assert oficio.plantilla == "aviso_mantenimiento" and "${" not in oficio.asunto + oficio.cuerpo
    texto = _texto_pdf(oficios.pdf_de_oficio(oficio))
    for esperado in (oficio.folio, "sábado 14 de noviembre de 2026", "MNT-2026-0042", "Dirección de Catastro",
                     "de las 09:00 a las 13:00 horas"):
        assert esperado in " ".join(texto.split()), esperado
    assert "${" not in texto and "$" not in texto


def test_asunto_propio_reemplaza_el_de_la_plantilla_y_sus_variables_no_faltan(demo):
    director = usuario("director")
    variables = {k: v for k, v in AVISO_COMPLETO.items() if k != "clase"}
    with pytest.raises(ErrorValidacion, match="«clase»"):     # ${clase} también está en el cuerpo
        oficios.emitir_desde_plantilla(director, "aviso_mantenimiento", variables, asunto="Aviso", **DESTINO)
    oficio = oficios.emitir_desde_plantilla(director, "oficio_generico", {}, asunto="Red de Catastro",
                                            cuerpo="El martes se dará mantenimiento a la red.", **DESTINO)
    assert oficio.asunto == "Red de Catastro"
    assert oficio.cuerpo.startswith("El martes se dará mantenimiento a la red.")


def test_variables_de_la_institucion_y_del_formulario(demo):
    variables = oficios.variables_generales(destinatario_nombre="Sofía Navarro Peña", destinatario_cargo="  ",
                                            destinatario_dependencia="Dirección de Catastro")
    assert variables["titular_dti"] == "Miguel Ángel Mendoza López"
    assert variables["lugar"] == "San Martín Texmelucan, Pue." and variables["institucion"]
    assert variables["destinatario"] == "Sofía Navarro Peña"
    assert variables["dependencia"] == variables["destinatario_dependencia"] == "Dirección de Catastro"
    # Lo vacío no llena nada, y ${fecha} es la de lo que se avisa: nunca se rellena sola con la de hoy.
    assert "destinatario_cargo" not in variables and "asunto" not in variables and "fecha" not in variables


def test_un_texto_tecleado_con_variables_sin_llenar_se_rechaza(demo):
    director = usuario("director")
    antes = _estado()
    with pytest.raises(ErrorValidacion) as error:
        oficios.emitir_oficio(director, asunto="Aviso a ${equipo}",
                              cuerpo="Fecha: ${fecha}. Horario: ${hora_inicio}.", **DESTINO)
    assert error.value.campos() == [f"{plantillas.CAMPO}{n}" for n in ("equipo", "fecha", "hora_inicio")]
    assert "el asunto tiene «${equipo}»" in str(error.value) and "el cuerpo tiene «${fecha}»" in str(error.value)
    # Un valor que trae «${…}» tampoco deja el oficio a medias.
    with pytest.raises(ErrorValidacion, match="«otro»"):
        oficios.emitir_desde_plantilla(director, "oficio_generico", {}, asunto="X", cuerpo="Vea ${otro}",
                                       **DESTINO)
    assert _estado() == antes
    # Un signo de pesos suelto no es variable.
    oficio = oficios.emitir_oficio(director, asunto="Costo", cuerpo="Importe: $1,500.00 M.N.", **DESTINO)
    assert "$1,500.00" in _texto_pdf(oficios.pdf_de_oficio(oficio))


def test_vista_previa_no_toma_folio_y_valida_igual(demo):
    director = usuario("director")
    antes = _estado()
    asunto, cuerpo = plantillas.cargar("aviso_mantenimiento").llenar_completa(
        dependencia="Dirección de Catastro", **AVISO_COMPLETO)
    pdf = oficios.vista_previa_pdf(director, asunto=asunto, cuerpo=cuerpo, **DESTINO)
    texto = _texto_pdf(pdf)
    assert oficios.FOLIO_VISTA_PREVIA in texto and "MNT-2026-0042" in texto
    assert "TM/DTI/" not in texto
    assert _estado() == antes
    with pytest.raises(ErrorValidacion, match="«equipo»"):
        oficios.vista_previa_pdf(director, asunto="Aviso a ${equipo}", **DESTINO)
    with pytest.raises(ErrorValidacion, match="Destinatario"):
        oficios.vista_previa_pdf(director, destinatario_nombre="", asunto="Algo")
    assert _estado() == antes
    # La marca «VISTA PREVIA» se dibuja sobre la página: la vista previa no es el oficio sin marca.
    sin_marca = oficios.emitir_oficio(director, asunto=asunto, cuerpo=cuerpo, **DESTINO)
    assert oficios.pdf_de_oficio(sin_marca) != pdf
