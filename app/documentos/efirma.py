"""e.firma del SAT: lectura del certificado y la llave, y firma PAdES de un PDF con pyHanko.

El certificado (``.cer``) viene en DER y la llave (``.key``) en PKCS#8 cifrado, DER. La llave se
descifra solo en memoria: ni ella ni la contraseña se escriben en disco ni en la base.

El SAT codifica el atributo ``x500UniqueIdentifier`` (2.5.4.45, «RFC / CURP») del sujeto y del
emisor como ``PrintableString``, no como ``BIT STRING`` como pide X.520; asn1crypto, el analizador
de pyHanko, rechaza ese nombre (issue 228 de wbond/asn1crypto). :func:`aceptar_identificador_sat`
le enseña a leerlo como cadena (sin cambiar los bytes del certificado, que siguen valiendo para su
firma); un ``BIT STRING`` se sigue leyendo como antes.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from asn1crypto import core as asn1_core
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from app.documentos.fechas import fecha_hora_larga, fecha_larga
from app.errores import ErrorDTI

OID_IDENTIFICADOR_UNICO = x509.ObjectIdentifier("2.5.4.45")   # «RFC / CURP» en los certificados del SAT
MAXIMO_ARCHIVO = 64 * 1024                                     # un .cer o .key del SAT pesa ~1.5 kB
CAMPO_FIRMA = "FirmaElectronica"
# Recuadro de la firma visible en la última hoja: abajo a la izquierda, dentro del margen inferior
# (2.5 cm) del oficio, sin tapar el texto (puntos PDF: x1, y1, x2, y2 desde la esquina inferior izquierda).
RECUADRO_FIRMA = (71, 8, 341, 64)


class _IdentificadorUnico(asn1_x509.DirectoryString):
    """2.5.4.45 como lo escribe el SAT (cadena) o como lo pide X.520 (``BIT STRING``)."""

    _alternatives = list(asn1_x509.DirectoryString._alternatives) + [("bit_string", asn1_core.OctetBitString)]


def aceptar_identificador_sat() -> None:
    """Hace que asn1crypto lea el ``x500UniqueIdentifier`` en ``PrintableString`` (idempotente)."""
    asn1_x509.NameTypeAndValue._oid_specs["unique_identifier"] = _IdentificadorUnico


aceptar_identificador_sat()


@dataclass(frozen=True)
class EFirma:
    """Certificado y llave de una e.firma ya comprobados (la llave solo vive en memoria)."""

    nombre: str
    rfc: str
    curp: str
    numero_serie: str
    vigente_desde: dt.datetime
    vigente_hasta: dt.datetime
    certificado: x509.Certificate
    llave: object          # llave privada de cryptography; no se serializa a disco

    @property
    def certificado_der(self) -> bytes:
        return self.certificado.public_bytes(serialization.Encoding.DER)


def _atributo(nombre: x509.Name, oid: x509.ObjectIdentifier) -> str:
    valores = nombre.get_attributes_for_oid(oid)
    valor = valores[0].value if valores else ""
    return valor.decode("latin-1") if isinstance(valor, bytes) else str(valor)


def _numero_serie_sat(certificado: x509.Certificate) -> str:
    """El número de certificado del SAT: los bytes del serial son dígitos ASCII («00001000000…»)."""
    crudo = certificado.serial_number.to_bytes((certificado.serial_number.bit_length() + 7) // 8, "big")
    texto = crudo.decode("ascii", errors="replace")
    return texto if texto.isdigit() else format(certificado.serial_number, "x")


def _leer_certificado(contenido: bytes) -> x509.Certificate:
    if not contenido or len(contenido) > MAXIMO_ARCHIVO:
        raise ErrorDTI("El archivo .cer no es un certificado de e.firma (debe ser el .cer en DER que entrega el SAT).")
    try:
        certificado = x509.load_der_x509_certificate(contenido)
        asn1_x509.Certificate.load(contenido).subject.native   # lo mismo que leerá pyHanko
    except ValueError as exc:
        raise ErrorDTI("El archivo .cer no es un certificado de e.firma (debe ser el .cer en DER que entrega "
                       "el SAT).") from exc
    return certificado


def _leer_llave(contenido: bytes, contrasena: str):
    if not contenido or len(contenido) > MAXIMO_ARCHIVO:
        raise ErrorDTI("El archivo .key no es una llave privada de e.firma (PKCS#8 cifrada, DER).")
    try:
        asn1_keys.EncryptedPrivateKeyInfo.load(contenido).native
    except ValueError as exc:
        raise ErrorDTI("El archivo .key no es una llave privada de e.firma cifrada (PKCS#8, DER); use el .key "
                       "que entrega el SAT.") from exc
    if not contrasena:
        raise ErrorDTI("Falta la contraseña de la llave privada de la e.firma.")
    try:
        return serialization.load_der_private_key(contenido, contrasena.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise ErrorDTI("La contraseña de la llave privada (.key) no es correcta.") from exc


def leer_efirma(cer: bytes, key: bytes, contrasena: str, momento: dt.datetime) -> EFirma:
    """Lee y comprueba una e.firma: contraseña, que el .cer sea de la .key, que no sea un CSD y su vigencia.

    ``momento`` (con zona) es cuándo se va a firmar. Cualquier problema: :class:`ErrorDTI` en español.
    """
    certificado = _leer_certificado(cer)
    llave = _leer_llave(key, contrasena)
    publica = serialization.PublicFormat.SubjectPublicKeyInfo
    if (llave.public_key().public_bytes(serialization.Encoding.DER, publica)
            != certificado.public_key().public_bytes(serialization.Encoding.DER, publica)):
        raise ErrorDTI("El certificado (.cer) no corresponde a la llave privada (.key): son de e.firmas distintas.")
    sujeto = certificado.subject
    nombre = _atributo(sujeto, NameOID.COMMON_NAME).strip()
    rfc, _, resto = _atributo(sujeto, OID_IDENTIFICADOR_UNICO).partition("/")
    curp = _atributo(sujeto, NameOID.SERIAL_NUMBER).strip(" /")
    if sujeto.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME):
        raise ErrorDTI(f"El certificado de {nombre} es un certificado de sello digital (CSD), que solo sirve para "
                       "facturar; para firmar un oficio use la e.firma (FIEL) del firmante.")
    desde, hasta = certificado.not_valid_before_utc, certificado.not_valid_after_utc
    local = momento.tzinfo
    if momento < desde:
        raise ErrorDTI(f"El certificado de e.firma de {nombre} todavía no es vigente: lo es desde el "
                       f"{fecha_hora_larga(desde.astimezone(local))}.")
    if momento > hasta:
        raise ErrorDTI(f"El certificado de e.firma de {nombre} venció el {fecha_larga(hasta.astimezone(local).date())}"
                       "; renuévelo en el SAT antes de firmar.")
    return EFirma(nombre=nombre, rfc=rfc.strip(), curp=curp or resto.strip(),
                  numero_serie=_numero_serie_sat(certificado), vigente_desde=desde, vigente_hasta=hasta,
                  certificado=certificado, llave=llave)


def _texto_recuadro(efirma: EFirma, momento: dt.datetime) -> str:
    lineas = ["Firmado electrónicamente con e.firma (SAT) por:", efirma.nombre, f"RFC: {efirma.rfc}",
              f"Certificado: {efirma.numero_serie}", f"Fecha: {fecha_hora_larga(momento)}"]
    return "\n".join(linea.replace("%", "%%") for linea in lineas)


def firmar_pdf(pdf: bytes, efirma: EFirma, momento: dt.datetime, *, motivo: str, lugar: str = "",
               visible: bool = True, intermedios: tuple[bytes, ...] = ()) -> bytes:
    """Firma ``pdf`` (PAdES B-B, CMS incrustado) y devuelve el PDF firmado; ``pdf`` no cambia.

    Con ``visible`` la firma lleva un recuadro en la última hoja con el nombre, el RFC y el número de
    certificado. ``intermedios``: certificados DER de la cadena que se incrustan con el del firmante.
    """
    from pyhanko import stamp
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    llave_der = efirma.llave.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption())   # solo en memoria
    certificado = asn1_x509.Certificate.load(efirma.certificado_der)
    firmante = signers.SimpleSigner(
        signing_cert=certificado, signing_key=asn1_keys.PrivateKeyInfo.load(llave_der),
        cert_registry=SimpleCertificateStore.from_certs(
            [certificado, *(asn1_x509.Certificate.load(der) for der in intermedios)]))
    try:
        escritor = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        ultima = int(escritor.root["/Pages"]["/Count"]) - 1
    except Exception as exc:  # pyHanko lanza varios tipos ante un PDF dañado
        raise ErrorDTI("El PDF del oficio no se pudo abrir para firmarlo.") from exc
    campo = fields.SigFieldSpec(CAMPO_FIRMA, on_page=ultima, box=RECUADRO_FIRMA if visible else None)
    metadatos = signers.PdfSignatureMetadata(
        field_name=CAMPO_FIRMA, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        name=efirma.nombre, reason=motivo, location=lugar or None)
    estilo = stamp.TextStampStyle(stamp_text=_texto_recuadro(efirma, momento), border_width=1)
    salida = io.BytesIO()
    signers.PdfSigner(metadatos, signer=firmante, stamp_style=estilo, new_field_spec=campo).sign_pdf(
        escritor, output=salida)
    return salida.getvalue()
