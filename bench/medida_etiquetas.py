"""Medida «etiquetas qr»: 1,000 etiquetas con la app frente a ``QrCodeWidget`` de ReportLab.

La app genera las etiquetas completas (QR vectorial de un solo trazo, institución, número y
descripción) en la plantilla carta 3×10; la base de comparación dibuja **los mismos 1,000
códigos** con ``reportlab.graphics.barcode.qr.QrCodeWidget`` en un lienzo con las mismas
hojas y del mismo tamaño, sin texto. Objetivo: razón ≤ 0.5.

    python3 bench/medida_etiquetas.py
"""
from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CANTIDAD = int(os.environ.get("DTI_BENCH_ETIQUETAS", "1000"))
# Tiempo de CPU del proceso: la máquina se comparte y el tiempo de reloj varía con la carga.
reloj = time.process_time


def _numeros() -> list[str]:
    return [f"SMT-TIC-{i:05d}" for i in range(1, CANTIDAD + 1)]


def _con_la_app(numeros: list[str]) -> bytes:
    from app.documentos.etiquetas import Etiqueta, generar_pdf_etiquetas
    from app.documentos.qr import matriz_qr

    matriz_qr.cache_clear()          # sin ventaja de caché: cada código se calcula
    etiquetas = [Etiqueta(n, f"Computadora HP ProDesk 400 G9 número {n}") for n in numeros]
    return generar_pdf_etiquetas(etiquetas, "carta-3x10", "H. Ayuntamiento de San Martín Texmelucan")


def _con_reportlab(numeros: list[str]) -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen.canvas import Canvas

    from app.documentos.etiquetas import PLANTILLAS

    hoja = PLANTILLAS["carta-3x10"]
    lado = hoja.alto * 0.6
    salida = io.BytesIO()
    lienzo = Canvas(salida, pagesize=hoja.pagina, invariant=1, pageCompression=0)
    for i, numero in enumerate(numeros):
        posicion = i % hoja.por_hoja
        if i and posicion == 0:
            lienzo.showPage()
        x, y = hoja.origen(posicion)
        widget = QrCodeWidget(numero, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        dibujo = Drawing(lado, lado, transform=[lado / (x1 - x0), 0, 0, lado / (y1 - y0), 0, 0])
        dibujo.add(widget)
        renderPDF.draw(dibujo, lienzo, x + 8, y + 8)
    lienzo.showPage()
    lienzo.save()
    return salida.getvalue()


def medir() -> list[dict]:
    numeros = _numeros()
    _con_la_app(numeros[:30])       # calienta importaciones de ambos lados
    _con_reportlab(numeros[:30])
    inicio = reloj()
    _con_reportlab(numeros)
    base_s = reloj() - inicio
    inicio = reloj()
    _con_la_app(numeros)
    app_s = reloj() - inicio
    return [{"medida": "etiquetas qr", "app_s": round(app_s, 3),
             "base_s": round(base_s, 3), "razon": round(app_s / base_s, 3)}]


if __name__ == "__main__":
    resultados = medir()
    print(f"{'medida':<40} {'app_s':>8} {'base_s':>8} {'razón':>7}")
    for r in resultados:
        print(f"{r['medida']:<40} {r['app_s']:>8.3f} {r['base_s']:>8.3f} {r['razon']:>7.3f}")
