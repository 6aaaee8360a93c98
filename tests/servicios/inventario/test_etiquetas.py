"""Etiquetas QR: cada código de una página impresa se lee con un decodificador común."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from app.documentos.etiquetas import Etiqueta, PLANTILLAS, generar_pdf_etiquetas
from app.modelos import Bien
from app.servicios.inventario import etiquetas
from app.errores import ErrorNoEncontrado, ErrorValidacion
from tests.bienes_prueba import catalogo_minimo, crear_bienes


def _codigos(pdf: bytes, pagina: int, dpi: int) -> list[str]:
    documento = pdfium.PdfDocument(pdf)
    imagen = documento[pagina].render(scale=dpi / 72, grayscale=True).to_pil()
    return sorted(r.text for r in zxingcpp.read_barcodes(imagen) if r.format == zxingcpp.BarcodeFormat.QRCode)


def _texto(pdf: bytes, pagina: int) -> str:
    return pdfium.PdfDocument(pdf)[pagina].get_textpage().get_text_range()


@pytest.mark.parametrize("plantilla", list(PLANTILLAS))
@pytest.mark.parametrize("dpi", [203, 300])
def test_cada_codigo_se_decodifica_al_numero_correcto(plantilla, dpi):
    hoja = PLANTILLAS[plantilla]
    numeros = [f"SMT-TIC-{i:05d}" for i in range(1, hoja.por_hoja + 2)]
    numeros[1] = "SMT-TIC-2026-000123/ÑA"        # largo y con caracteres fuera de ASCII
    pdf = generar_pdf_etiquetas([Etiqueta(n, f"Computadora HP ProDesk {n}") for n in numeros],
                                plantilla, "H. Ayuntamiento de San Martín Texmelucan")
    documento = pdfium.PdfDocument(pdf)
    assert len(documento) == 2 if hoja.por_hoja > 1 else len(documento) == len(numeros)
    ancho, alto = documento[0].get_size()
    assert (round(ancho, 1), round(alto, 1)) == (round(hoja.pagina[0], 1), round(hoja.pagina[1], 1))
    assert _codigos(pdf, 0, dpi) == sorted(numeros[:hoja.por_hoja])
    assert _codigos(pdf, 1, dpi) == [numeros[hoja.por_hoja]]


def test_empezar_en_una_posicion_de_hoja_usada():
    hoja = PLANTILLAS["carta-3x10"]
    numeros = [f"SMT-TIC-{i:05d}" for i in range(1, 6)]
    pdf = generar_pdf_etiquetas([Etiqueta(n) for n in numeros], "carta-3x10", "Ayuntamiento", inicio=29)
    documento = pdfium.PdfDocument(pdf)
    assert len(documento) == 2
    assert _codigos(pdf, 0, 203) == numeros[:2] and _codigos(pdf, 1, 203) == numeros[2:]
    # La etiqueta 29 es la del centro del último renglón: su número está en esa caja.
    pagina = documento[0].get_textpage()
    x, y = hoja.origen(28)
    caja = pagina.get_text_bounded(left=x, bottom=y, right=x + hoja.ancho, top=y + hoja.alto)
    assert "SMT-TIC-00001" in caja
    with pytest.raises(ValueError):
        generar_pdf_etiquetas([Etiqueta("X")], "carta-3x10", inicio=31)


def test_la_etiqueta_muestra_institucion_numero_y_descripcion_recortada():
    larga = "Conmutador administrable de 48 puertos Gigabit con 4 puertos SFP+ " * 4
    pdf = generar_pdf_etiquetas([Etiqueta("SMT-TIC-00077", larga)], "carta-2x7",
                                "H. Ayuntamiento de San Martín Texmelucan, Puebla")
    texto = _texto(pdf, 0)
    assert "SMT-TIC-00077" in texto and "San Mart" in texto
    assert "Conmutador administrable" in texto and "…" in texto
    assert len(texto) < 250


def test_servicio_elige_por_numero_dependencia_o_todos(bd, tmp_path):
    tesoreria = catalogo_minimo()["tesoreria"]
    otros = crear_bienes(3)
    de_tesoreria = crear_bienes(4, dependencia=tesoreria, inicio=100)
    Bien.update(estado="dado_de_baja").where(Bien.id == de_tesoreria[0].id).execute()
    ruta = tmp_path / "etiquetas.pdf"
    pdf = etiquetas.generar_etiquetas(ruta, "carta-3x10", dependencia=tesoreria.nombre)
    assert ruta.read_bytes() == pdf
    assert _codigos(pdf, 0, 300) == sorted(b.numero_inventario for b in de_tesoreria[1:])
    todos = etiquetas.generar_etiquetas(None, "carta-2x7")
    assert _codigos(todos, 0, 203) == sorted(b.numero_inventario for b in otros + de_tesoreria[1:])
    elegidos = [otros[2].numero_inventario, otros[0].numero_inventario]
    termica = etiquetas.generar_etiquetas(None, "termica-50x25", numeros=elegidos)
    assert [_codigos(termica, i, 203) for i in range(2)] == [[elegidos[0]], [elegidos[1]]]
    assert "H. Ayuntamiento de San Mart" in _texto(termica, 0)
    with pytest.raises(ErrorNoEncontrado, match="TXM-PRB-99999"):
        etiquetas.generar_etiquetas(None, numeros=["TXM-PRB-99999"])
    with pytest.raises(ErrorValidacion):
        etiquetas.generar_etiquetas(None, "carta-2x7", inicio=15)
    with pytest.raises(ErrorValidacion):
        etiquetas.generar_etiquetas(None, "avery-inexistente")
