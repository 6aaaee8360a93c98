"""Oficios recibidos y emitidos: datos obligatorios, acuse, PDF congelado con QR que verifica."""
from __future__ import annotations

import datetime as dt
import hashlib

import pypdfium2 as pdfium
import pytest
import zxingcpp

from app.demo.datos_tramites import archivo_de_ejemplo
from app.modelos import Adjunto, Oficio
from app.servicios.oficios import oficios
from app.errores import ErrorDTI, ErrorPermiso, ErrorValidacion
from app.tiempo import hoy_mexico
from tests.conftest import hace_dias, usuario


def _texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def _qr_de_pdf(contenido: bytes, dpi: int = 300) -> list[str]:
    documento = pdfium.PdfDocument(contenido)
    imagen = documento[len(documento) - 1].render(scale=dpi / 72).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(imagen)]


def _completo(**cambios):
    datos = dict(numero_oficio="TM/DE/0412/2026", fecha_documento=hace_dias(4),
                 procedencia_texto="Dirección de Egresos", solicitante_nombre="Ricardo Flores Aguilar",
                 solicitante_cargo="Director de Egresos", firmado=True,
                 descripcion="Solicita dos impresoras multifuncionales.")
    datos.update(cambios)
    return datos


def test_registrar_recibido_con_acuse(demo, monkeypatch):
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T10:15:30")
    asistente = usuario("asistente")
    oficio = oficios.registrar_oficio_entrante(asistente, **_completo())
    guardado = oficios.obtener(oficio.id)
    assert guardado.estado == oficios.REGISTRADO
    assert guardado.recibido_en == dt.datetime(2026, 11, 24, 10, 15, 30)
    assert guardado.recibido_por_id == asistente.id


@pytest.mark.parametrize("campo,valor,faltante", [
    ("firmado", False, "Firma del servidor público solicitante"),
    ("numero_oficio", "", "Número de oficio"),
    ("fecha_documento", None, "Fecha del oficio"),
    ("procedencia_texto", "  ", "Procedencia del oficio"),
    ("descripcion", "", "Descripción de la petición"),
    ("solicitante_nombre", "", "Nombre del servidor público solicitante"),
])
def test_faltante_no_escribe_nada_y_se_registra_solo_como_incompleto(demo, campo, valor, faltante):
    asistente = usuario("asistente")
    antes = Oficio.select().count()
    with pytest.raises(ErrorValidacion) as error:
        oficios.registrar_oficio_entrante(asistente, **_completo(**{campo: valor}))
    assert faltante in str(error.value) and "incompleto" in str(error.value)
    assert Oficio.select().count() == antes
    incompleto = oficios.registrar_oficio_entrante(asistente, permitir_incompleto=True,
                                                   **_completo(**{campo: valor}))
    assert incompleto.estado == oficios.INCOMPLETO
    assert oficios.faltantes_de(incompleto) == [faltante]


def test_solicitud_de_datos_faltantes(demo):
    director, asistente = usuario("director"), usuario("asistente")
    entrante = oficios.registrar_oficio_entrante(asistente, permitir_incompleto=True,
                                                 **_completo(firmado=False, numero_oficio=""))
    respuesta = oficios.emitir_solicitud_datos_faltantes(director, entrante)
    texto = _texto_pdf(oficios.pdf_de_oficio(respuesta))
    assert respuesta.folio in texto
    assert "Firma del servidor público solicitante" in texto and "Número de oficio" in texto
    assert "Ricardo Flores Aguilar" in texto
    assert respuesta.en_respuesta_a_id == entrante.id
    with pytest.raises(ErrorDTI):
        oficios.emitir_solicitud_datos_faltantes(director, respuesta)


def test_entradas_hostiles(demo):
    asistente = usuario("asistente")
    antes = Oficio.select().count()
    manana = hoy_mexico() + dt.timedelta(days=1)
    with pytest.raises(ErrorValidacion, match="posterior a hoy"):
        oficios.registrar_oficio_entrante(asistente, **_completo(fecha_documento=manana))
    with pytest.raises(ErrorValidacion, match="como máximo 5,000"):
        oficios.registrar_oficio_entrante(asistente, **_completo(descripcion="x" * 10000))
    with pytest.raises(ErrorValidacion, match="Asunto"):
        oficios.emitir_oficio(usuario("director"), destinatario_nombre="Alguien", asunto="a" * 301)
    assert Oficio.select().count() == antes
    # NUL y caracteres de control se limpian; emoji y acentos se conservan.
    raro = oficios.registrar_oficio_entrante(asistente, **_completo(
        descripcion="Falla\x00 en\x0b el equipo 🙂 de Tesorería ‮"))
    assert oficios.obtener(raro.id).descripcion == "Falla en el equipo 🙂 de Tesorería ‮"


def test_adjuntos(demo, tmp_path):
    asistente = usuario("asistente")
    oficio = oficios.registrar_oficio_entrante(asistente, **_completo())
    escaneo = tmp_path / "escaneo.pdf"
    escaneo.write_bytes(archivo_de_ejemplo("pdf", "Oficio escaneado"))
    adjunto = oficios.adjuntar(asistente, oficio, escaneo, nombre="..\\..\\CON\\oficio 412.pdf")
    assert adjunto.nombre_archivo == "oficio 412.pdf"
    assert adjunto.sha256 == hashlib.sha256(escaneo.read_bytes()).hexdigest()
    falso = tmp_path / "foto.pdf"
    falso.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(ErrorValidacion, match="no es un PDF"):
        oficios.adjuntar(asistente, oficio, falso)
    with pytest.raises(ErrorDTI, match="No se pudo leer"):
        oficios.adjuntar(asistente, oficio, tmp_path / "no-existe.pdf")
    assert Adjunto.select().where(Adjunto.oficio == oficio).count() == 1


def test_oficio_emitido_pdf_folio_firmante_y_qr(demo):
    director = usuario("director")
    oficio = oficios.emitir_oficio(
        director, destinatario_nombre="Laura Hernández Sánchez",
        destinatario_cargo="Directora de Armonización Contable",
        destinatario_dependencia="Dirección de Armonización Contable",
        asunto="Alta de equipo <b>nuevo</b> & accesorios", cuerpo="Le solicito dar de alta el equipo.",
        ccp=["Tesorero Municipal", "Archivo"])
    contenido = oficios.pdf_de_oficio(oficio)
    texto = _texto_pdf(contenido)
    for esperado in (oficio.folio, "Miguel Ángel Mendoza López", "Director de Tecnologías de la Información",
                     "Laura Hernández Sánchez", "Alta de equipo <b>nuevo</b> & accesorios", "c.c.p.",
                     "Tesorero Municipal", "San Martín Texmelucan, Pue., a "):
        assert esperado in texto, esperado
    assert hashlib.sha256(contenido).hexdigest() == oficio.sha256
    for dpi in (203, 300):
        assert _qr_de_pdf(contenido, dpi) == [oficios.texto_qr(oficio)]
    assert oficios.verificar_qr(oficios.texto_qr(oficio))[0]
    # Reimprimir da el mismo archivo.
    assert oficios.pdf_de_oficio(oficios.por_folio(oficio.folio)) == contenido
    # Regenerarlo desde el registro también: su fecha de creación es la de emisión, no la de «ahora».
    assert oficios._generar_pdf(oficios.por_folio(oficio.folio)) == contenido
    documento = pdfium.PdfDocument(contenido)
    try:
        metadatos = documento.get_metadata_dict()
    finally:
        documento.close()
    assert metadatos["Title"] == f"Oficio {oficio.folio}"
    assert metadatos["CreationDate"] == f"D:{oficio.creado_en:%Y%m%d%H%M%S}-06'00"


def test_qr_detecta_alteracion_y_cancelacion(demo):
    director = usuario("director")
    oficio = oficios.emitir_oficio(director, destinatario_nombre="Ricardo Flores Aguilar", asunto="Pago")
    texto = oficios.texto_qr(oficio)
    Oficio.update(cuerpo="Texto cambiado a escondidas").where(Oficio.id == oficio.id).execute()
    valido, explicacion = oficios.verificar_qr(texto)
    assert not valido and "no coincide" in explicacion
    assert not oficios.verificar_qr("cualquier cosa")[0]
    otro = oficios.emitir_oficio(director, destinatario_nombre="Ricardo Flores Aguilar", asunto="Otro")
    oficios.cancelar_oficio(director, otro, "Duplicado")
    valido, explicacion = oficios.verificar_qr(oficios.texto_qr(otro))
    assert not valido and "CANCELADO" in explicacion
    assert "CANCELADO" in _texto_pdf(oficios.pdf_de_oficio(otro))


def test_roles_al_emitir_y_cancelar(demo):
    asistente, consulta, soporte = usuario("asistente"), usuario("consulta"), usuario("soporte")
    with pytest.raises(ErrorPermiso, match="emitir oficios"):
        oficios.emitir_oficio(asistente, destinatario_nombre="X", asunto="Y")
    with pytest.raises(ErrorPermiso):
        oficios.registrar_oficio_entrante(consulta, **_completo())
    emitido = oficios.emitir_oficio(soporte, destinatario_nombre="X", asunto="Y")
    with pytest.raises(ErrorPermiso, match="cancelar"):
        oficios.cancelar_oficio(soporte, emitido, "No puede")
    with pytest.raises(ErrorValidacion, match="Motivo"):
        oficios.cancelar_oficio(usuario("director"), emitido, "")
    assert oficios.obtener(emitido.id).estado == oficios.EMITIDO


def test_consulta_busca_sin_importar_acentos_ni_comodines(demo):
    resultados = oficios.consultar(busqueda="ARMONIZACIÓN")
    assert resultados and all(r["id"] for r in resultados)
    assert oficios.consultar(busqueda="100%_") == []
    assert oficios.consultar(busqueda="egresos", tipo="entrante")[0]["procedencia"] == "Dirección de Egresos"


def test_la_lista_va_por_fecha_del_oficio_de_la_mas_reciente_a_la_mas_antigua(demo):
    """Un oficio fechado hace 20 días que se registra hoy no queda arriba de los de esta semana."""
    asistente = usuario("asistente")
    viejo = oficios.registrar_oficio_entrante(asistente, **_completo(numero_oficio="DE/0001/2026",
                                                                    fecha_documento=hace_dias(20)))
    nuevo = oficios.registrar_oficio_entrante(asistente, **_completo(numero_oficio="DE/0002/2026",
                                                                    fecha_documento=hace_dias(0)))
    medio = oficios.registrar_oficio_entrante(asistente, **_completo(numero_oficio="DE/0003/2026",
                                                                    fecha_documento=hace_dias(10)))
    filas = oficios.consultar(limite=2000)
    orden = [f["id"] for f in filas if f["id"] in (viejo.id, nuevo.id, medio.id)]
    assert orden == [nuevo.id, medio.id, viejo.id]
    fechas = [f["fecha_documento"] or f["recibido_en"].date() for f in filas]
    fechas = [f if isinstance(f, dt.date) and not isinstance(f, dt.datetime) else f.date() for f in fechas]
    assert fechas == sorted(fechas, reverse=True)
