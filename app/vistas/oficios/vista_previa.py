"""Vista previa del PDF de un oficio antes de tomar el folio: las páginas como imagen, «Emitir» o «Regresar».

El PDF lo genera el servicio con el folio provisional «VISTA PREVIA» y su marca de agua; este
diálogo solo lo muestra. Aceptarlo («Emitir») es la confirmación de que el oficio sale así.
"""
from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.pantalla import acotar

ESCALA = 1.15         # 72 ppp × 1.15 ≈ 83 ppp: la hoja carta cabe a lo ancho y se lee bien
MAXIMO_PAGINAS = 20   # un oficio tiene 1 a 3; más allá no se dibujan (el PDF completo se emite igual)


def paginas_como_imagen(contenido: bytes, escala: float = ESCALA,
                        maximo: int = MAXIMO_PAGINAS) -> list[QImage]:
    """Cada página del PDF dibujada en una imagen RGB."""
    documento = pdfium.PdfDocument(contenido)
    try:
        imagenes = []
        for indice in range(min(len(documento), maximo)):
            pagina = documento[indice]
            mapa = pagina.render(scale=escala, rev_byteorder=True)   # RGB, sin canal alfa
            imagen = QImage(mapa.buffer, mapa.width, mapa.height, mapa.stride, QImage.Format.Format_RGB888)
            imagenes.append(imagen.copy())   # la copia es dueña de sus bytes; el mapa se libera
            mapa.close()
            pagina.close()
        return imagenes
    finally:
        documento.close()


class DialogoVistaPrevia(QDialog):
    """Muestra el PDF de la vista previa; «Emitir» acepta y «Regresar» vuelve al formulario sin tomar folio."""

    def __init__(self, contenido: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Vista previa del oficio"))
        self.setMinimumWidth(780)
        acotar(self, 780, 760)      # las páginas se desplazan
        aviso = etiqueta_plana(tr("Así saldrá el oficio. Todavía no tiene folio: «VISTA PREVIA» se sustituye por "
                                  "el siguiente folio del año al emitirlo, y desde ese momento queda congelado. "
                                  "Para corregir algo, regrese al formulario."), self)

        contenedor = QWidget(self)
        capa_paginas = QVBoxLayout(contenedor)
        capa_paginas.setSpacing(12)
        self.paginas: list[QLabel] = []
        for numero, imagen in enumerate(paginas_como_imagen(contenido), start=1):
            pagina = QLabel(contenedor)
            pagina.setPixmap(QPixmap.fromImage(imagen))
            pagina.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            pagina.setAccessibleName(tr("Página {n} de la vista previa").replace("{n}", str(numero)))
            pagina.setStyleSheet("border: 1px solid #9a9a9a; background: white;")
            capa_paginas.addWidget(pagina, 0, Qt.AlignmentFlag.AlignHCenter)
            self.paginas.append(pagina)
        desplazable = QScrollArea(self)
        desplazable.setWidget(contenedor)
        desplazable.setWidgetResizable(True)
        desplazable.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        botones = QDialogButtonBox(self)
        self.boton_emitir = botones.addButton(tr("&Emitir"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_regresar = botones.addButton(tr("&Regresar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_regresar.setDefault(True)     # Enter no emite por accidente
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.addWidget(aviso)
        capa.addWidget(desplazable, 1)
        capa.addWidget(botones)
        self.boton_regresar.setFocus()
