"""Adjuntos seguros (issue 17, punto 6): lectura con tope, tipo por contenido y nombres limpios."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from app.demo.datos_tramites import archivo_de_ejemplo
from app.errores import ErrorDTI, ErrorValidacion
from app.servicios.nucleo import archivos

BAT_CON_PDF = b"%PDF-1.4\r\n@echo off\r\nstart calc.exe\r\n%%EOF\r\n"


def test_bat_que_empieza_con_pdf_se_rechaza_y_un_pdf_real_se_acepta(tmp_path):
    falso = tmp_path / "x.bat"
    falso.write_bytes(BAT_CON_PDF)
    with pytest.raises(ErrorValidacion, match=r"no se reconoce el contenido de «x\.bat»; se admite: pdf"):
        archivos.leer_y_validar(falso, ("pdf",), "Oficio escaneado")
    with pytest.raises(ErrorValidacion, match=r"«x\.pdf» dice ser PDF pero su contenido no lo es"):
        archivos.validar("x.pdf", BAT_CON_PDF, ("pdf",), "Oficio escaneado")
    real = archivo_de_ejemplo("pdf")
    archivo = archivos.validar("x.bat", real, ("pdf",), "Oficio escaneado")
    # El nombre original queda como texto; el nombre seguro lleva la extensión del tipo validado.
    assert (archivo.original, archivo.nombre, archivo.tipo, archivo.tipo_mime) == (
        "x.bat", "x.pdf", "pdf", "application/pdf")


def test_nombre_con_marcas_bidireccionales_y_rutas_queda_limpio():
    engano = "C:\\Users\\..\\factura\u202Efdp.exe"
    assert archivos.nombre_original(engano) == "facturafdp.exe"
    assert archivos.nombre_original("../../oficio\u200b 412\u2066\u2069\x00\x1b.pdf") == "oficio 412.pdf"
    assert archivos.nombre_original("\u202E\u200F") == "documento"
    assert archivos.nombre_seguro("evil\u202Egpj.exe", "pdf") == "evilgpj.pdf"
    archivo = archivos.validar("reporte\u202Efdp.bat", archivo_de_ejemplo("pdf"), ("pdf",), "Evidencia")
    assert "\u202E" not in archivo.original and archivo.original == "reportefdp.bat"


def test_archivo_demasiado_grande_se_rechaza_sin_leerlo(tmp_path, monkeypatch):
    disperso = tmp_path / "enorme.pdf"
    with open(disperso, "wb") as archivo:
        archivo.truncate(4 * 1024 ** 3)          # 4 GB dispersos: no ocupan disco
    leidos: list[int] = []
    original = open

    def abrir_vigilado(ruta, *args, **kwargs):
        leidos.append(1)
        return original(ruta, *args, **kwargs)

    monkeypatch.setattr("builtins.open", abrir_vigilado)
    with pytest.raises(ErrorValidacion, match=r"«enorme\.pdf» pesa 4096 MB; el máximo es 25 MB"):
        archivos.leer(disperso)
    assert leidos == []                          # ni siquiera se abrió


def test_un_dispositivo_no_se_lee_nunca_y_la_lectura_tiene_tope(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("sin /dev/zero en este sistema")
    with pytest.raises(ErrorValidacion, match=r"«zero» no es un archivo"):
        archivos.leer("/dev/zero")
    # Un archivo que dice pesar poco pero crece: se leen a lo más tope + 1 bytes.
    crece = tmp_path / "crece.txt"
    crece.write_bytes(b"a" * 1000)
    with pytest.raises(ErrorValidacion, match="pesa 1,000 bytes; el máximo es 100 bytes"):
        archivos.leer(crece, tope=100)
    fifo = tmp_path / "tuberia"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        with pytest.raises(ErrorValidacion, match="no es un archivo"):
            archivos.leer(fifo)              # abrirla bloquearía para siempre


def test_archivo_que_no_existe_dice_la_razon_en_espanol(tmp_path):
    with pytest.raises(ErrorDTI, match=r"No se pudo leer el archivo «no-existe\.pdf»: no existe\."):
        archivos.leer(tmp_path / "no-existe.pdf")


def test_nombre_generado_lleva_la_extension_del_tipo():
    uno, otro = archivos.nombre_generado("pdf"), archivos.nombre_generado("pdf")
    assert re.fullmatch(r"dti-[0-9a-f]{16}\.pdf", uno) and uno != otro
    with pytest.raises(ValueError):
        archivos.nombre_generado("bat")
    assert archivos.tipo_para_abrir("x.bat", archivo_de_ejemplo("pdf")) == "pdf"
    assert archivos.tipo_para_abrir("x.pdf", BAT_CON_PDF) is None
    assert archivos.tipo_para_abrir("x.bat", b"@echo off\r\nstart calc.exe\r\n") == "txt"
