"""Adjuntar el PDF escaneado de un oficio (issue 17, punto 6): se abre como PDF o no entra."""
from __future__ import annotations

import hashlib

import pytest

from app.demo.datos_tramites import archivo_de_ejemplo
from app.errores import ErrorValidacion
from app.modelos import Adjunto, Bitacora
from app.servicios.oficios import oficios
from tests.conftest import hace_dias, usuario


def _recibido():
    return oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="TM/DE/0412/2026", fecha_documento=hace_dias(4),
        procedencia_texto="Dirección de Egresos", solicitante_nombre="Ricardo Flores Aguilar",
        solicitante_cargo="Director de Egresos", firmado=True, descripcion="Solicita dos impresoras.")


def _conteos() -> tuple[int, int]:
    return Adjunto.select().count(), Bitacora.select().count()


def test_bat_que_empieza_con_pdf_no_se_adjunta(demo, tmp_path):
    oficio = _recibido()
    bat = tmp_path / "x.bat"
    bat.write_bytes(b"%PDF-1.4\r\n@echo off\r\nstart calc.exe\r\n")
    antes = _conteos()
    with pytest.raises(ErrorValidacion, match=r"«x\.bat» no es un PDF \(no se pudo abrir como PDF\)"):
        oficios.adjuntar(usuario("asistente"), oficio, bat)
    assert _conteos() == antes


def test_pdf_real_con_nombre_enganoso_se_guarda_con_el_nombre_limpio(demo, tmp_path):
    oficio = _recibido()
    escaneo = tmp_path / "escaneo.pdf"
    contenido = archivo_de_ejemplo("pdf", "Oficio escaneado")
    escaneo.write_bytes(contenido)
    adjunto = oficios.adjuntar(usuario("asistente"), oficio, escaneo, nombre="..\\oficio\u202Efdp.bat")
    guardado = Adjunto.get_by_id(adjunto.id)
    assert guardado.nombre_archivo == "oficiofdp.bat" and guardado.tipo_mime == "application/pdf"
    assert guardado.sha256 == hashlib.sha256(contenido).hexdigest() and bytes(guardado.contenido) == contenido
    assert [a["nombre_archivo"] for a in oficios.adjuntos_de(oficio)] == ["oficiofdp.bat"]


def test_pdf_demasiado_grande_no_se_lee_ni_se_adjunta(demo, tmp_path):
    oficio = _recibido()
    enorme = tmp_path / "enorme.pdf"
    with open(enorme, "wb") as archivo:
        archivo.write(archivo_de_ejemplo("pdf"))
        archivo.truncate(2 * 1024 ** 3)          # disperso: 2 GB que no ocupan disco
    antes = _conteos()
    with pytest.raises(ErrorValidacion, match=r"«enorme\.pdf» pesa 2048 MB; el máximo es 25 MB"):
        oficios.adjuntar(usuario("asistente"), oficio, enorme)
    assert _conteos() == antes
