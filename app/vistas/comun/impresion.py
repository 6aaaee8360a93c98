"""«Imprimir…»: cualquier PDF del programa (oficio, dictamen, resguardo, etiquetas, informes) a la impresora.

Se abre el diálogo de impresión del sistema; cada página del PDF se dibuja a la resolución de la
impresora y **a tamaño real** (100 %, desde la esquina de la hoja): una etiqueta de 5 cm sale de
5 cm y su QR se lee con el lector. La impresora no reduce nada; si la hoja elegida es más chica
que la página, se avisa antes de imprimir.
"""
from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from app.errores import ErrorDTI
from app.vistas.comun.comunes import avisar, confirmar, ejecutar, tr
from app.vistas.comun.progreso import Cancelado, Progreso

PUNTOS_POR_PULGADA = 72.0
# Se dibuja a 300 ppp como máximo (una impresora de 1200 ppp pediría 400 MB por hoja carta) y la
# imagen se coloca al tamaño real de la página: el 100 % no depende de la resolución dibujada.
PPP_MAXIMO = 300


class ErrorImpresion(ErrorDTI):
    """La impresora rechazó el trabajo o el PDF no se pudo leer."""


def _tamano_pagina(pagina: pdfium.PdfPage) -> QSizeF:
    ancho, alto = pagina.get_size()
    return QSizeF(ancho, alto)


def _imagen_de(pagina: pdfium.PdfPage, escala: float) -> QImage:
    """La página dibujada por PDFium como ``QImage`` (copia propia: el mapa de bits se libera)."""
    mapa = pagina.render(scale=escala, rev_byteorder=True)   # RGB en el orden de bytes de Qt
    alto, ancho = mapa.height, mapa.width
    formato = QImage.Format.Format_RGB888 if mapa.n_channels == 3 else QImage.Format.Format_RGBA8888
    imagen = QImage(bytes(mapa.buffer), ancho, alto, mapa.stride, formato).copy()
    mapa.close()
    return imagen


def preparar_impresora(impresora: QPrinter, contenido: bytes, titulo: str) -> int:
    """Ajusta la impresora a la primera página del PDF (tamaño y orientación, sin márgenes); da las páginas."""
    try:
        documento = pdfium.PdfDocument(contenido)
    except pdfium.PdfiumError as exc:
        raise ErrorImpresion(tr("El PDF no se pudo leer: está dañado o incompleto; no se imprimió nada.")) from exc
    try:
        if len(documento) == 0:
            raise ErrorImpresion(tr("El PDF no tiene páginas."))
        tamano = _tamano_pagina(documento[0])
        paginas = len(documento)
    finally:
        documento.close()
    orientacion = (QPageLayout.Orientation.Landscape if tamano.width() > tamano.height()
                   else QPageLayout.Orientation.Portrait)
    vertical = QSizeF(min(tamano.width(), tamano.height()), max(tamano.width(), tamano.height()))
    impresora.setPageLayout(QPageLayout(QPageSize(vertical, QPageSize.Unit.Point, titulo,
                                                  QPageSize.SizeMatchPolicy.FuzzyMatch),
                                        orientacion, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    impresora.setFullPage(True)            # coordenadas desde la esquina de la hoja: 100 % real
    impresora.setDocName(titulo)
    return paginas


def rectangulo_real(pagina: QSizeF, resolucion: int) -> QRectF:
    """Dónde va la página en la hoja, en puntos de la impresora: desde la esquina, a tamaño real."""
    escala = resolucion / PUNTOS_POR_PULGADA
    return QRectF(0, 0, pagina.width() * escala, pagina.height() * escala)


def imprimir_en(impresora: QPrinter, contenido: bytes, desde: int = 1, hasta: int = 0,
                avance: Callable[[int, int], bool] | None = None) -> int:
    """Imprime las páginas ``desde``–``hasta`` (1 = la primera; 0 = la última) y devuelve cuántas.

    ``avance(hechas, total)`` puede cancelar devolviendo False (lo ya enviado queda impreso).
    """
    documento = pdfium.PdfDocument(contenido)
    pintor = QPainter()
    try:
        total = len(documento)
        hasta = total if hasta <= 0 else min(hasta, total)
        desde = max(1, desde)
        if not pintor.begin(impresora):
            raise ErrorImpresion(tr("La impresora no aceptó el trabajo. Revise que esté encendida y "
                                    "disponible, e intente de nuevo."))
        resolucion = impresora.resolution()
        impresas = 0
        for numero in range(desde, hasta + 1):
            if impresas:
                impresora.newPage()
            pagina = documento[numero - 1]
            imagen = _imagen_de(pagina, min(resolucion, PPP_MAXIMO) / PUNTOS_POR_PULGADA)
            pintor.drawImage(rectangulo_real(_tamano_pagina(pagina), resolucion), imagen)
            impresas += 1
            if avance is not None and not avance(impresas, hasta - desde + 1):
                break
        return impresas
    finally:
        if pintor.isActive():
            pintor.end()
        documento.close()


def imprimir_pdf(padre: QWidget | None, contenido: bytes, titulo: str) -> int:
    """Diálogo de impresión del sistema y, si se acepta, el PDF a tamaño real; devuelve páginas impresas."""
    impresora = QPrinter(QPrinter.PrinterMode.HighResolution)
    try:
        paginas = preparar_impresora(impresora, contenido, titulo)
    except (ErrorImpresion, pdfium.PdfiumError) as exc:
        avisar(padre, tr("No se pudo imprimir"), str(exc) or tr("El PDF no se pudo leer."))
        return 0
    dialogo = QPrintDialog(impresora, padre)
    dialogo.setWindowTitle(tr("Imprimir: ") + titulo)
    dialogo.setMinMax(1, paginas)
    if dialogo.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    hoja = impresora.pageLayout().fullRectPoints()
    pagina = preparar_tamano(contenido)
    if pagina.width() > hoja.width() + 1 or pagina.height() > hoja.height() + 1:
        if not confirmar(padre, tr("Imprimir"), tr("La página del documento es más grande que la hoja elegida y se "
                                                   "cortará (se imprime a tamaño real). ¿Imprimir de todos modos?")):
            return 0
    rango = dialogo.printRange() == QPrintDialog.PrintRange.PageRange
    desde, hasta = (dialogo.fromPage(), dialogo.toPage()) if rango else (1, 0)
    progreso = Progreso(padre, tr("Imprimir"), tr("Enviando las páginas a la impresora…"))

    def avance(hechas: int, total: int) -> bool:
        try:
            progreso(hechas, total)
        except Cancelado:
            return False
        return True

    try:
        impresas = ejecutar(padre, imprimir_en, impresora, contenido, desde, hasta, avance)
    finally:
        progreso.cerrar()
    return impresas or 0


def preparar_tamano(contenido: bytes) -> QSizeF:
    """Tamaño en puntos de la primera página del PDF."""
    documento = pdfium.PdfDocument(contenido)
    try:
        return _tamano_pagina(documento[0])
    finally:
        documento.close()


def preguntar_imprimir(padre: QWidget | None, titulo: str, mensaje: str) -> bool:
    """Aviso de «documento guardado» con un botón «Imprimir…»; True si el usuario lo eligió."""
    from PySide6.QtWidgets import QMessageBox

    caja = QMessageBox(QMessageBox.Icon.Information, titulo, mensaje, QMessageBox.StandardButton.NoButton, padre)
    caja.setTextFormat(Qt.TextFormat.PlainText)
    imprimir = caja.addButton(tr("Imprimir…"), QMessageBox.ButtonRole.ActionRole)
    cerrar = caja.addButton(tr("Cerrar"), QMessageBox.ButtonRole.AcceptRole)
    caja.setDefaultButton(cerrar)
    caja.setEscapeButton(cerrar)
    caja.exec()
    return caja.clickedButton() is imprimir


def ofrecer_impresion(padre: QWidget | None, titulo: str, mensaje: str, contenido: bytes, documento: str) -> int:
    """Después de guardar un PDF: lo dice y ofrece imprimirlo ahí mismo; devuelve páginas impresas."""
    if preguntar_imprimir(padre, titulo, mensaje):
        return imprimir_pdf(padre, contenido, documento)
    return 0
