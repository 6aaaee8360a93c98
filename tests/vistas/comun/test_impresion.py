"""«Imprimir…» (issue 18, punto 6): el PDF llega a la impresora completo y a tamaño real (100 %).

La «impresora» es la de Qt que escribe PDF: se lee lo impreso como lo leería quien recoge la hoja.
"""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PySide6.QtPrintSupport import QPrinter

from app.documentos.etiquetas import Etiqueta, generar_pdf_etiquetas
from app.vistas.comun import impresion

PPP = 300


def _impresora(ruta) -> QPrinter:
    impresora = QPrinter(QPrinter.PrinterMode.HighResolution)
    impresora.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    impresora.setOutputFileName(str(ruta))
    return impresora


def _qrs(contenido: bytes) -> list[tuple[str, float, float]]:
    """Texto, lado y posición x de cada QR de la primera página, en puntos de la hoja."""
    documento = pdfium.PdfDocument(contenido)
    imagen = documento[0].render(scale=PPP / 72).to_pil()
    resultado = []
    for codigo in zxingcpp.read_barcodes(imagen):
        p = codigo.position
        lado = ((p.top_right.x - p.top_left.x) ** 2 + (p.top_right.y - p.top_left.y) ** 2) ** 0.5
        resultado.append((codigo.text, lado * 72 / PPP, p.top_left.x * 72 / PPP))
    documento.close()
    return sorted(resultado)


def test_las_etiquetas_se_imprimen_a_tamano_real_y_su_qr_se_lee(qapp, tmp_path):
    etiquetas = [Etiqueta(f"SMT-TIC-{n:05d}", "Computadora de escritorio") for n in range(1, 31)]
    original = generar_pdf_etiquetas(etiquetas, plantilla="carta-3x10")
    salida = tmp_path / "impreso.pdf"
    impresora = _impresora(salida)
    assert impresion.preparar_impresora(impresora, original, "Etiquetas") == 1
    assert impresion.imprimir_en(impresora, original) == 1
    impreso = salida.read_bytes()
    hoja = pdfium.PdfDocument(impreso)
    assert len(hoja) == 1 and hoja[0].get_size() == pytest.approx((612, 792), abs=1)     # carta, sin escalar
    hoja.close()
    antes, despues = _qrs(original), _qrs(impreso)
    assert len(despues) == len(antes) == 30
    for (texto_a, lado_a, x_a), (texto_d, lado_d, x_d) in zip(antes, despues):
        assert texto_d == texto_a
        assert lado_d == pytest.approx(lado_a, rel=0.03)        # el QR mide lo mismo: 100 %
        assert x_d == pytest.approx(x_a, abs=2)                  # y está en el mismo lugar de la hoja


def test_imprime_el_rango_pedido_y_se_puede_cancelar(qapp, tmp_path, demo_sqlite):
    from app.servicios.oficios import oficios
    from app.modelos import Oficio

    emitido = Oficio.select().where(Oficio.pdf.is_null(False)).first()
    contenido = oficios.pdf_de_oficio(emitido)
    impresora = _impresora(tmp_path / "oficio.pdf")
    paginas = impresion.preparar_impresora(impresora, contenido, f"Oficio {emitido.folio}")
    assert paginas >= 1
    assert impresion.imprimir_en(impresora, contenido, 1, 1) == 1
    texto = pdfium.PdfDocument(str(tmp_path / "oficio.pdf"))
    assert len(texto) == 1
    texto.close()
    cancelar = impresion.imprimir_en(_impresora(tmp_path / "otro.pdf"), contenido, avance=lambda h, t: False)
    assert cancelar == 1                                            # lo enviado antes de cancelar


def test_un_pdf_danado_da_un_error_claro(qapp, tmp_path):
    with pytest.raises(impresion.ErrorImpresion, match="dañado o incompleto"):
        impresion.preparar_impresora(_impresora(tmp_path / "x.pdf"), b"%PDF-1.4 basura", "Dañado")
    assert not (tmp_path / "x.pdf").exists()


def test_el_rectangulo_es_el_tamano_real_a_cualquier_resolucion():
    from PySide6.QtCore import QSizeF

    for ppp in (300, 600, 1200):
        rect = impresion.rectangulo_real(QSizeF(144, 72), ppp)      # 2 × 1 pulgadas
        assert (rect.x(), rect.y(), rect.width(), rect.height()) == (0, 0, 2 * ppp, ppp)


def test_imprimir_desde_oficios_manda_el_pdf_congelado(qapp, qtbot, demo_sqlite, monkeypatch):
    from app.modelos import Oficio
    from app.servicios.oficios import oficios
    from app.vistas.oficios import oficios as vista_oficios
    from tests.vistas.oficios.test_vista_oficios import abrir_vista, seleccionar

    enviados: list[tuple[bytes, str]] = []
    monkeypatch.setattr(vista_oficios, "imprimir_pdf", lambda _p, contenido, titulo: enviados.append((contenido, titulo)))
    vista = abrir_vista(qtbot)
    emitido = Oficio.select().where(Oficio.tipo == oficios.SALIENTE, Oficio.estado == oficios.EMITIDO).first()
    seleccionar(vista, emitido.id)
    assert vista.boton_imprimir.isEnabled()
    vista.boton_imprimir.click()
    assert enviados == [(bytes(emitido.pdf), f"Oficio {emitido.folio}")]
    recibido = Oficio.select().where(Oficio.tipo == oficios.ENTRANTE).first()
    seleccionar(vista, recibido.id)
    assert not vista.boton_imprimir.isEnabled()          # un oficio recibido no tiene PDF que imprimir
