"""PDF/A-2b para el archivo (issue 18, punto 4): oficios, dictámenes, resguardos e informes.

Cada propiedad se comprueba leyendo el archivo escrito con pikepdf: identificación PDF/A en el
XMP, título, autor y fecha de creación real, perfil sRGB como *output intent*, ``/Lang es-MX``,
todas las fuentes incrustadas; además lo aprueba el validador de pikepdf y el texto se extrae.
"""
from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pytest
from pikepdf import pdfa as validador

from app.documentos import pdfa
from tests.documentos.test_pdf_metadatos import _generadores, _paginas

ARCHIVO = [n for n in _generadores() if n != "etiquetas"]      # las etiquetas se imprimen, no se archivan


def _fuentes(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    fuentes = []
    for pagina in pdf.pages:
        for fuente in pagina.Resources.get("/Font", {}).values():
            fuentes.append(fuente)
            for descendiente in fuente.get("/DescendantFonts", []):
                fuentes.append(descendiente)
    return fuentes


@pytest.mark.parametrize("nombre", ARCHIVO)
def test_es_pdfa_2b_con_sus_metadatos(nombre):
    generar, titulo = _generadores()[nombre]
    contenido = generar()
    assert validador.validate_written(io.BytesIO(contenido), "2b").passed
    with pikepdf.open(io.BytesIO(contenido)) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"
        assert xmp["dc:title"] == titulo
        assert xmp["dc:creator"]                                      # autor
        assert xmp["xmp:CreateDate"].startswith("2026-12-01T21:45:07")  # la fecha real, no 2000-01-01
        assert str(pdf.Root.Lang) == "es-MX"
        intento = pdf.Root.OutputIntents[0]
        assert intento.S == "/GTS_PDFA1"
        perfil = intento.DestOutputProfile.read_bytes()
        assert perfil[36:40] == b"acsp" and perfil[16:20] == b"RGB "   # un perfil ICC de color RGB
        fuentes = _fuentes(pdf)
        assert fuentes
        for fuente in fuentes:
            if fuente.Subtype in ("/Type0",):
                continue                                              # la descendiente lleva el archivo
            descriptor = fuente.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor, fuente.get("/BaseFont")
            assert "Liberation" in str(fuente.BaseFont)
    assert any(texto.strip() for texto in _paginas(contenido))        # el texto se sigue extrayendo


def test_el_oficio_sigue_con_su_texto_y_es_determinista():
    generar, _titulo = _generadores()["oficio"]
    primero, segundo = generar(), generar()
    assert primero == segundo                      # mismos datos, mismos bytes (un oficio congelado se regenera igual)
    texto = " ".join(_paginas(primero))
    assert "TM/DTI/0007/2026" in texto and "Miguel Ángel Mendoza López" in texto


def test_un_pdf_que_no_cumple_no_se_entrega():
    """Un PDF con Helvetica sin incrustar se rehúsa con la razón (nunca dice ser PDF/A sin serlo)."""
    from reportlab.pdfgen.canvas import Canvas

    salida = io.BytesIO()
    lienzo = Canvas(salida, invariant=1)
    lienzo.setFont("Helvetica", 12)
    lienzo.drawString(72, 720, "Texto con una fuente sin incrustar")
    lienzo.showPage()
    lienzo.save()
    creado = dt.datetime(2026, 12, 1, 21, 45, tzinfo=dt.timezone(dt.timedelta(hours=-6)))
    with pytest.raises(pdfa.ErrorPdfA, match="no quedó como PDF/A-2b"):
        pdfa.convertir(salida.getvalue(), titulo="Prueba", creado=creado)
