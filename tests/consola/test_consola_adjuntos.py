"""Consola: «dti oficio adjuntar» y «dti cfdi» leen con tope y validan abriendo el archivo (issue 17, punto 6)."""
from __future__ import annotations

import os
import subprocess
import sys

from app.demo.datos_tramites import archivo_de_ejemplo
from app.modelos import Adjunto, Bitacora, Oficio

RECIBIDO = "DC/0055/2026"
CREDENCIALES = {"DTI_USUARIO": "asistente", "DTI_CONTRASENA": "Asistente2026"}


def dti(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=180, env={**os.environ, **CREDENCIALES})


def escrito(oficio: Oficio) -> tuple[int, int]:
    return Adjunto.select().where(Adjunto.oficio == oficio).count(), Bitacora.select().count()


def test_oficio_adjuntar_rechaza_el_bat_y_acepta_el_pdf(demo_sqlite, url_sqlite, tmp_path):
    oficio = Oficio.get(Oficio.numero_oficio == RECIBIDO)
    antes = escrito(oficio)
    bat = tmp_path / "x.bat"
    bat.write_bytes(b"%PDF-1.4\r\n@echo off\r\nstart calc.exe\r\n")
    rechazado = dti("oficio", "adjuntar", RECIBIDO, str(bat), "--usuario", "asistente", "--db", url_sqlite)
    assert rechazado.returncode == 2 and rechazado.stdout == ""
    assert rechazado.stderr.strip().splitlines() == [
        "Error: «x.bat» no es un PDF (no se pudo abrir como PDF). Escanee el documento como PDF."]
    assert escrito(oficio) == antes

    escaneo = tmp_path / "escaneo\u202Efdp.pdf"
    escaneo.write_bytes(archivo_de_ejemplo("pdf", "Oficio de Catastro escaneado"))
    aceptado = dti("oficio", "adjuntar", RECIBIDO, str(escaneo), "--usuario", "asistente", "--db", url_sqlite)
    assert aceptado.returncode == 0, aceptado.stderr
    assert "«escaneofdp.pdf»" in aceptado.stdout and RECIBIDO in aceptado.stdout
    adjunto = Adjunto.select().where(Adjunto.oficio == oficio).order_by(Adjunto.id.desc()).get()
    assert adjunto.nombre_archivo == "escaneofdp.pdf" and bytes(adjunto.contenido) == escaneo.read_bytes()


def test_oficio_adjuntar_y_cfdi_no_leen_un_dispositivo_ni_un_archivo_enorme(demo_sqlite, url_sqlite, tmp_path):
    oficio = Oficio.get(Oficio.numero_oficio == RECIBIDO)
    antes = escrito(oficio)
    enorme = tmp_path / "enorme.pdf"
    with open(enorme, "wb") as archivo:
        archivo.truncate(3 * 1024 ** 3)
    grande = dti("oficio", "adjuntar", RECIBIDO, str(enorme), "--usuario", "asistente", "--db", url_sqlite)
    assert grande.returncode == 2 and "«enorme.pdf» pesa 3072 MB; el máximo es 25 MB." in grande.stderr
    assert escrito(oficio) == antes
    if os.path.exists("/dev/zero"):
        cero = dti("cfdi", "/dev/zero", "--db", url_sqlite)
        assert cero.returncode == 2 and "«zero» no es un archivo" in cero.stderr
    factura = dti("cfdi", str(enorme), "--db", url_sqlite)
    assert factura.returncode == 2 and "el máximo es 10 MB" in factura.stderr
