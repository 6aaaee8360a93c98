"""Firma de oficios con la e.firma: PAdES que pyHanko valida; cada e.firma mala se rechaza sin escribir nada."""
from __future__ import annotations

import hashlib
import io

import pytest
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from app.documentos import efirma
from app.errores import ErrorDTI
from app.modelos import Adjunto, Bitacora
from app.servicios.oficios import firma_electronica, oficios
from app.tiempo import ahora_mexico
from tests.ayudas_efirma import CARPETA_SAT, CONTRASENA_SAT, cadena, sujeto_con_identificador_imprimible
from tests.conftest import usuario

DIRECTOR_SAT = "MIGUEL ANGEL MENDOZA LOPEZ"      # el titular de la demostración, como lo escribe el SAT
RFC, CURP = "MELM800101AB1", "MELM800101HPLNPG09"


def _oficio():
    return oficios.emitir_oficio(usuario("director"), destinatario_nombre="Laura Hernández Sánchez",
                                 asunto="Alta de equipo", cuerpo="Le solicito dar de alta el equipo.")


def _escrito() -> tuple[int, int]:
    return Adjunto.select().count(), Bitacora.select().count()


def _validar(pdf: bytes, raiz_der: bytes):
    firmas = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(firmas) == 1
    contexto = ValidationContext(trust_roots=[asn1_x509.Certificate.load(raiz_der)])
    return firmas[0], validate_pdf_signature(firmas[0], contexto)


def test_oficio_firmado_valida_con_pyhanko_y_el_congelado_no_cambia(demo):
    oficio = _oficio()
    congelado, huella = bytes(oficio.pdf), oficio.sha256
    mia = cadena(DIRECTOR_SAT, RFC, CURP, ahora_mexico())
    assert sujeto_con_identificador_imprimible(mia.cer)      # la forma de los certificados reales del SAT
    documento = firma_electronica.firmar_oficio(usuario("director"), oficio, mia.cer, mia.key, mia.contrasena)

    firmado = bytes(Adjunto.get_by_id(documento.id).contenido)
    assert documento.sha256 == hashlib.sha256(firmado).hexdigest() and documento.tamano == len(firmado)
    assert documento.nombre_archivo == f"{firma_electronica.nombre_firmado(oficio)}"
    assert documento.nombre_archivo.endswith("-firmado.pdf") and "/" not in documento.nombre_archivo
    releido = oficios.por_folio(oficio.folio)
    assert bytes(releido.pdf) == congelado and releido.sha256 == huella
    assert oficios.pdf_de_oficio(releido) == congelado
    assert firmado.startswith(congelado)          # firma incremental: el emitido va intacto adentro

    firma, estado = _validar(firmado, mia.raiz_der)
    assert estado.intact and estado.valid and estado.trusted and estado.bottom_line
    assert estado.coverage.name == "ENTIRE_FILE"
    sujeto = estado.signing_cert.subject.native
    assert sujeto["common_name"] == DIRECTOR_SAT and sujeto["unique_identifier"] == RFC
    assert str(firma.sig_object["/Name"]) == DIRECTOR_SAT
    assert f"Firma del oficio {oficio.folio}" == str(firma.sig_object["/Reason"])
    # El recuadro visible, en la última hoja, con su apariencia dibujada.
    assert [float(x) for x in firma.sig_field["/Rect"]] == list(efirma.RECUADRO_FIRMA)
    assert "/AP" in firma.sig_field

    entrada = Bitacora.select().order_by(Bitacora.id.desc()).first()
    assert entrada.accion == firma_electronica.ACCION_BITACORA and entrada.registro_id == documento.id
    assert documento.sha256 in entrada.instantanea
    assert firma_electronica.firmados_de(oficio)[-1]["sha256"] == documento.sha256


def test_firma_sin_recuadro_tambien_valida(demo):
    oficio = _oficio()
    mia = cadena(DIRECTOR_SAT, RFC, CURP, ahora_mexico())
    documento = firma_electronica.firmar_oficio(usuario("director"), oficio, mia.cer, mia.key, mia.contrasena,
                                                visible=False)
    firma, estado = _validar(bytes(documento.contenido), mia.raiz_der)
    assert [float(x) for x in firma.sig_field["/Rect"]] == [0, 0, 0, 0]
    assert estado.bottom_line and estado.signing_cert.subject.native["common_name"] == DIRECTOR_SAT


def _rechazo(oficio, cer: bytes, key: bytes, contrasena: str) -> str:
    antes = _escrito()
    with pytest.raises(ErrorDTI) as error:
        firma_electronica.firmar_oficio(usuario("director"), oficio, cer, key, contrasena)
    assert _escrito() == antes
    return str(error.value)


def test_contrasena_equivocada_cer_ajeno_vencido_y_otro_firmante(demo):
    oficio = _oficio()
    ahora = ahora_mexico()
    mia = cadena(DIRECTOR_SAT, RFC, CURP, ahora)
    otra = cadena(DIRECTOR_SAT, RFC, CURP, ahora)
    assert _rechazo(oficio, mia.cer, mia.key, "no-es-la-clave") == \
        "La contraseña de la llave privada (.key) no es correcta."
    assert _rechazo(oficio, otra.cer, mia.key, mia.contrasena) == \
        "El certificado (.cer) no corresponde a la llave privada (.key): son de e.firmas distintas."
    vencida = cadena(DIRECTOR_SAT, RFC, CURP, ahora, desde_dias=-800, hasta_dias=-2)
    assert "venció el" in _rechazo(oficio, vencida.cer, vencida.key, vencida.contrasena)
    futura = cadena(DIRECTOR_SAT, RFC, CURP, ahora, desde_dias=3)
    assert "todavía no es vigente" in _rechazo(oficio, futura.cer, futura.key, futura.contrasena)
    ajena = cadena("ROSA MARIA PEREZ CRUZ", "PECR800101XY1", "PECR800101MPLRRS01", ahora)
    assert _rechazo(oficio, ajena.cer, ajena.key, ajena.contrasena) == (
        f"La e.firma es de ROSA MARIA PEREZ CRUZ, pero el oficio {oficio.folio} lo firma Miguel Ángel Mendoza "
        "López: use la e.firma del firmante.")
    assert "no es un certificado" in _rechazo(oficio, b"%PDF-1.4 no soy un .cer", mia.key, mia.contrasena)
    assert "no es una llave privada" in _rechazo(oficio, mia.cer, mia.cer, mia.contrasena)


def test_certificados_de_prueba_del_sat_se_leen_y_se_rechazan(demo):
    """Los del SAT llevan el RFC en PrintableString (la trampa de asn1crypto) y están vencidos."""
    oficio = _oficio()
    fiel = (CARPETA_SAT / "cacx7605101p8.cer").read_bytes()
    assert sujeto_con_identificador_imprimible(fiel)
    # Leído por el analizador de pyHanko, con el nombre y el RFC (sin el ajuste, esto lanza ValueError).
    sujeto = asn1_x509.Certificate.load(fiel).subject.native
    assert sujeto["common_name"] == "XOCHILT CASAS CHAVEZ" and sujeto["unique_identifier"] == "CACX7605101P8"
    llave = (CARPETA_SAT / "cacx7605101p8.key").read_bytes()
    assert _rechazo(oficio, fiel, llave, "12345678b") == "La contraseña de la llave privada (.key) no es correcta."
    assert _rechazo(oficio, fiel, llave, CONTRASENA_SAT) == (
        "El certificado de e.firma de XOCHILT CASAS CHAVEZ venció el 27 de mayo de 2023; renuévelo en el SAT "
        "antes de firmar.")
    csd = (CARPETA_SAT / "jes900109q90_csd.cer").read_bytes()
    assert "certificado de sello digital (CSD)" in _rechazo(
        oficio, csd, (CARPETA_SAT / "jes900109q90_csd.key").read_bytes(), CONTRASENA_SAT)
    assert "no corresponde" in _rechazo(oficio, csd, llave, CONTRASENA_SAT)


def test_cancelado_no_se_firma_y_quien_puede(demo):
    from app.errores import ErrorPermiso

    oficio = _oficio()
    mia = cadena(DIRECTOR_SAT, RFC, CURP, ahora_mexico())
    with pytest.raises(ErrorPermiso):
        firma_electronica.firmar_oficio(usuario("asistente"), oficio, mia.cer, mia.key, mia.contrasena)
    oficios.cancelar_oficio(usuario("director"), oficio, "Se emitió por error.")
    assert "no se puede firmar" in _rechazo(oficios.por_folio(oficio.folio), mia.cer, mia.key, mia.contrasena)
