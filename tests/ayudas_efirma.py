"""Cadenas de e.firma hechas por la prueba, con la forma exacta de las del SAT.

El sujeto y el emisor llevan el ``x500UniqueIdentifier`` (2.5.4.45, «RFC / CURP») como
``PrintableString``, igual que los certificados reales (y los de prueba que publica el SAT).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import NameOID

CARPETA_SAT = Path(__file__).resolve().parent / "datos" / "efirma"      # copia de shared/fixtures/efirma
CONTRASENA_SAT = "12345678a"
OID_RFC_CURP = x509.ObjectIdentifier("2.5.4.45")


@dataclass(frozen=True)
class CadenaPrueba:
    raiz_der: bytes
    cer: bytes
    key: bytes
    contrasena: str


def _imprimible(oid: x509.ObjectIdentifier, valor: str) -> x509.NameAttribute:
    return x509.NameAttribute(oid, valor, _type=_ASN1Type.PrintableString)


def _llave() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def cadena(nombre: str, rfc: str, curp: str, ahora: dt.datetime, *, contrasena: str = "clave-de-prueba",
           desde_dias: int = -30, hasta_dias: int = 365, unidad: str = "") -> CadenaPrueba:
    """Raíz «AC de pruebas» y certificado de e.firma de ``nombre``, con vigencia relativa a ``ahora``."""
    llave_raiz, llave = _llave(), _llave()
    raiz_nombre = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, "AC DE PRUEBAS DTI"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SERVICIO DE PRUEBAS"),
        _imprimible(OID_RFC_CURP, "2.5.4.45"),          # como el emisor de los del SAT
        x509.NameAttribute(NameOID.COUNTRY_NAME, "MX"),
    ])
    raiz = (x509.CertificateBuilder().subject_name(raiz_nombre).issuer_name(raiz_nombre)
            .public_key(llave_raiz.public_key()).serial_number(1)
            .not_valid_before(ahora - dt.timedelta(days=3650)).not_valid_after(ahora + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
            .sign(llave_raiz, hashes.SHA256()))
    atributos = [
        _imprimible(NameOID.COMMON_NAME, nombre), _imprimible(x509.ObjectIdentifier("2.5.4.41"), nombre),
        _imprimible(NameOID.ORGANIZATION_NAME, nombre), _imprimible(NameOID.COUNTRY_NAME, "MX"),
        x509.NameAttribute(NameOID.EMAIL_ADDRESS, "firmante@pruebas.gob.mx"),
        _imprimible(OID_RFC_CURP, rfc), _imprimible(NameOID.SERIAL_NUMBER, curp),
    ]
    if unidad:
        atributos.append(_imprimible(NameOID.ORGANIZATIONAL_UNIT_NAME, unidad))
    certificado = (x509.CertificateBuilder().subject_name(x509.Name(atributos)).issuer_name(raiz_nombre)
                   .public_key(llave.public_key()).serial_number(int.from_bytes(b"00001000000700000001", "big"))
                   .not_valid_before(ahora + dt.timedelta(days=desde_dias))
                   .not_valid_after(ahora + dt.timedelta(days=hasta_dias))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.KeyUsage(True, True, False, True, True, False, False, False, False),
                                  critical=False)
                   .sign(llave_raiz, hashes.SHA256()))
    cifrada = llave.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                  serialization.BestAvailableEncryption(contrasena.encode()))
    return CadenaPrueba(raiz.public_bytes(serialization.Encoding.DER),
                        certificado.public_bytes(serialization.Encoding.DER), cifrada, contrasena)


def sujeto_con_identificador_imprimible(cer: bytes) -> bool:
    """Que el 2.5.4.45 del sujeto vaya de verdad como PrintableString (la trampa del LEEME)."""
    certificado = x509.load_der_x509_certificate(cer)
    return any(a.oid == OID_RFC_CURP and a._type == _ASN1Type.PrintableString for a in certificado.subject)
