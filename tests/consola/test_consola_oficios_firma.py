"""Consola: «dti oficio firmar FOLIO --cer --key»; la última línea es el PDF firmado; un error sale con 2."""
from __future__ import annotations

import io
import os
import subprocess
import sys

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from app.documentos import efirma
from app.modelos import Adjunto
from app.servicios.oficios import oficios
from app.tiempo import ahora_mexico
from tests.ayudas_efirma import CARPETA_SAT, CONTRASENA_SAT, cadena
from tests.conftest import usuario

import pytest
# Lo que cambia datos pide usuario y contraseña: el Director de la demostración (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")

# Validar en este proceso también necesita que asn1crypto lea el RFC en PrintableString (lo hace la app al
# importar app.documentos.efirma; aquí se pide explícito).
efirma.aceptar_identificador_sat()


def dti(*args: str, contrasena: str | None) -> subprocess.CompletedProcess:
    entorno = {**os.environ, "DTI_AHORA": ahora_mexico().isoformat()}
    entorno.pop("DTI_EFIRMA_CONTRASENA", None)
    if contrasena is not None:
        entorno["DTI_EFIRMA_CONTRASENA"] = contrasena
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=180,
                          env=entorno, stdin=subprocess.DEVNULL)


def _preparar(tmp_path):
    oficio = oficios.emitir_oficio(usuario("director"), destinatario_nombre="Laura Hernández Sánchez",
                                   asunto="Alta de equipo", cuerpo="Le solicito dar de alta el equipo.")
    mia = cadena("MIGUEL ANGEL MENDOZA LOPEZ", "MELM800101AB1", "MELM800101HPLNPG09", ahora_mexico())
    (tmp_path / "director.cer").write_bytes(mia.cer)
    (tmp_path / "director.key").write_bytes(mia.key)
    return oficio, mia


def test_firmar_deja_el_pdf_firmado_y_lo_guarda_con_el_oficio(demo_sqlite, url_sqlite, tmp_path):
    oficio, mia = _preparar(tmp_path)
    destino = tmp_path / "firmado.pdf"
    salida = dti("oficio", "firmar", oficio.folio, "--db", url_sqlite, "--cer", str(tmp_path / "director.cer"),
                 "--key", str(tmp_path / "director.key"), "--salida", str(destino), contrasena=mia.contrasena)
    assert salida.returncode == 0, salida.stderr
    assert salida.stdout.strip().splitlines()[-1] == str(destino)
    firmado = destino.read_bytes()
    guardado = Adjunto.get(Adjunto.oficio == oficio)
    assert bytes(guardado.contenido) == firmado and guardado.sha256 in salida.stdout
    firma = PdfFileReader(io.BytesIO(firmado)).embedded_signatures[0]
    estado = validate_pdf_signature(
        firma, ValidationContext(trust_roots=[asn1_x509.Certificate.load(mia.raiz_der)]))
    assert estado.bottom_line and estado.signing_cert.subject.native["common_name"] == "MIGUEL ANGEL MENDOZA LOPEZ"


def test_errores_salen_con_2_en_una_linea_sin_escribir_nada(demo_sqlite, url_sqlite, tmp_path):
    oficio, mia = _preparar(tmp_path)
    destino = tmp_path / "firmado.pdf"
    propia = ("--cer", str(tmp_path / "director.cer"), "--key", str(tmp_path / "director.key"))
    sat = ("--cer", str(CARPETA_SAT / "cacx7605101p8.cer"), "--key", str(CARPETA_SAT / "cacx7605101p8.key"))
    casos = [
        (propia, "equivocada", "Error: La contraseña de la llave privada (.key) no es correcta."),
        (propia, None, "Error: falta la contraseña de la e.firma; póngala en la variable DTI_EFIRMA_CONTRASENA."),
        (sat, CONTRASENA_SAT, "Error: El certificado de e.firma de XOCHILT CASAS CHAVEZ venció el 27 de mayo de "
                              "2023; renuévelo en el SAT antes de firmar."),
    ]
    for archivos, contrasena, mensaje in casos:
        salida = dti("oficio", "firmar", oficio.folio, "--db", url_sqlite, *archivos, "--salida", str(destino),
                     contrasena=contrasena)
        assert salida.returncode == 2 and salida.stdout == ""
        assert salida.stderr.strip() == mensaje
        assert not destino.exists() and Adjunto.select().where(Adjunto.oficio == oficio).count() == 0
