"""Visor del manual de usuario: índice a la izquierda, búsqueda y el capítulo a la derecha.

Se abre desde Ayuda → «Manual de usuario» (el manual completo) o con F1 (el capítulo de la
pestaña visible). Los enlaces entre capítulos (``[Trámites](pestana-tramites.md)``) se siguen
dentro del visor; los de internet se abren en el navegador.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import re

from PySide6.QtCore import QRegularExpression, QUrl, Qt
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QSplitter, QTextBrowser, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from app.servicios.ayuda import completo, manual
from app.servicios.ayuda.manual import Capitulo
from app.servicios.nucleo.validacion import normalizar
from app.vistas.comun.comunes import tr

__all__ = ["VisorManual"]

_GRUPOS = ((manual.GENERAL, "Generalidades"), (manual.PESTANA, "Pestañas"),
           (manual.PROCEDIMIENTO, "Procedimientos del manual"))
_CLAVE = Qt.ItemDataRole.UserRole
_VARIANTES = {"a": "aáàäâ", "e": "eéèëê", "i": "iíìïî", "o": "oóòöô", "u": "uúùüû", "n": "nñ"}


def patron_sin_acentos(palabra: str) -> QRegularExpression:
    """«armonizacion» encuentra «Armonización» (y al revés): cada vocal admite sus acentos."""
    piezas = []
    for letra in normalizar(palabra):
        variantes = _VARIANTES.get(letra)
        piezas.append(f"[{variantes}]" if variantes else re.escape(letra))
    return QRegularExpression("".join(piezas), QRegularExpression.PatternOption.CaseInsensitiveOption)


class _Texto(QTextBrowser):
    """Muestra el Markdown del capítulo con las capturas a lo ancho de la vista, nunca más grandes."""

    def __init__(self, carpeta: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.carpeta = carpeta
        self.setOpenLinks(False)

    def loadResource(self, tipo: int, nombre: QUrl):  # noqa: N802 - API de Qt
        if tipo == QTextDocument.ResourceType.ImageResource.value and not nombre.scheme():
            ruta = (self.carpeta / nombre.path()).resolve()
            if ruta.is_relative_to(self.carpeta.resolve()) and ruta.is_file():
                imagen = QImage(str(ruta))
                ancho = max(300, self.viewport().width() - 40)
                if imagen.width() > ancho:
                    imagen = imagen.scaledToWidth(ancho, Qt.TransformationMode.SmoothTransformation)
                return imagen
        return super().loadResource(tipo, nombre)


class VisorManual(QDialog):
    """El manual de usuario; ``mostrar(clave)`` abre un capítulo (``"pestana-inventario"``…)."""

    def __init__(self, titulos_pestanas: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Manual de usuario"))
        self.resize(1100, 680)      # cabe en 1366×768 con la barra de tareas
        self.capitulos: list[Capitulo] = completo.capitulos(titulos_pestanas)
        self._por_clave = {c.clave: c for c in self.capitulos}
        self.clave_actual = ""

        self.busqueda = QLineEdit(self)
        self.busqueda.setPlaceholderText(tr("Buscar en el manual (Ctrl+F)…"))
        self.busqueda.setClearButtonEnabled(True)
        self.busqueda.textChanged.connect(self._filtrar)
        self.busqueda.returnPressed.connect(self._buscar_en_texto)
        self.indice = QTreeWidget(self)
        self.indice.setHeaderHidden(True)
        self.indice.currentItemChanged.connect(self._al_elegir)
        self.sin_resultados = QLabel(tr("Ningún capítulo contiene ese texto."), self)
        self.sin_resultados.setWordWrap(True)
        self.sin_resultados.hide()
        izquierda = QWidget(self)
        capa_izquierda = QVBoxLayout(izquierda)
        capa_izquierda.setContentsMargins(0, 0, 0, 0)
        capa_izquierda.addWidget(self.busqueda)
        capa_izquierda.addWidget(self.indice, 1)
        capa_izquierda.addWidget(self.sin_resultados)

        self.texto = _Texto(manual.carpeta_manual(), self)
        self.texto.anchorClicked.connect(self._seguir_enlace)
        division = QSplitter(Qt.Orientation.Horizontal, self)
        division.addWidget(izquierda)
        division.addWidget(self.texto)
        division.setStretchFactor(1, 1)
        division.setSizes([300, 800])
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        botones.rejected.connect(self.close)
        capa = QVBoxLayout(self)
        capa.addWidget(division, 1)
        capa.addWidget(botones)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._enfocar_busqueda)
        self._llenar_indice(self.capitulos)
        if self.capitulos:
            self.mostrar(self.capitulos[0].clave)

    # --- Índice y búsqueda -----------------------------------------------------------------

    def _llenar_indice(self, lista: Sequence[Capitulo]) -> None:
        self.indice.blockSignals(True)
        self.indice.clear()
        for tipo, nombre in _GRUPOS:
            del_grupo = [c for c in lista if c.tipo == tipo]
            if not del_grupo:
                continue
            grupo = QTreeWidgetItem(self.indice, [tr(nombre)])
            grupo.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for capitulo in del_grupo:
                elemento = QTreeWidgetItem(grupo, [capitulo.titulo])
                elemento.setToolTip(0, capitulo.titulo)
                elemento.setData(0, _CLAVE, capitulo.clave)
            grupo.setExpanded(True)
        self.indice.blockSignals(False)
        self.sin_resultados.setVisible(not lista)
        self._marcar_actual()

    def _filtrar(self, texto: str) -> None:
        encontrados = manual.buscar(self.capitulos, texto)
        self._llenar_indice(encontrados)
        if texto.strip() and encontrados and self.clave_actual not in {c.clave for c in encontrados}:
            self.mostrar(encontrados[0].clave)
        self._resaltar()

    def _buscar_en_texto(self) -> None:
        """Enter en la búsqueda: salta a la siguiente aparición en el capítulo (y vuelve a empezar)."""
        palabras = self.busqueda.text().split()
        if palabras and not self.texto.find(patron_sin_acentos(palabras[0])):
            self.texto.moveCursor(self.texto.textCursor().MoveOperation.Start)
            self.texto.find(patron_sin_acentos(palabras[0]))

    def _resaltar(self) -> None:
        palabras = self.busqueda.text().split()
        self.texto.moveCursor(self.texto.textCursor().MoveOperation.Start)
        if palabras:
            self.texto.find(patron_sin_acentos(palabras[0]))

    def _enfocar_busqueda(self) -> None:
        self.busqueda.setFocus()
        self.busqueda.selectAll()

    def elementos(self) -> list[QTreeWidgetItem]:
        """Los capítulos del índice (sin los encabezados de grupo), en orden."""
        resultado = []
        for i in range(self.indice.topLevelItemCount()):
            grupo = self.indice.topLevelItem(i)
            resultado += [grupo.child(j) for j in range(grupo.childCount())]
        return resultado

    def _marcar_actual(self) -> None:
        for elemento in self.elementos():
            if elemento.data(0, _CLAVE) == self.clave_actual:
                self.indice.blockSignals(True)
                self.indice.setCurrentItem(elemento)
                self.indice.blockSignals(False)
                return

    def _al_elegir(self, actual: QTreeWidgetItem | None, _anterior: QTreeWidgetItem | None) -> None:
        clave = actual.data(0, _CLAVE) if actual is not None else None
        if clave:
            self.mostrar(clave)

    # --- Capítulos -------------------------------------------------------------------------

    def mostrar(self, clave: str) -> bool:
        """Muestra el capítulo ``clave``; False (y deja el actual) si no existe."""
        capitulo = self._por_clave.get(clave)
        if capitulo is None:
            return False
        self.clave_actual = clave
        self.texto.setMarkdown(capitulo.texto)
        self.texto.moveCursor(self.texto.textCursor().MoveOperation.Start)
        self.setWindowTitle(f"{tr('Manual de usuario')} — {capitulo.titulo}")
        self._marcar_actual()
        return True

    def mostrar_pestana(self, titulo: str) -> bool:
        """Muestra el capítulo de la pestaña ``titulo``; si no tiene, el primero del manual."""
        if self.mostrar(manual.clave_pestana(titulo)):
            return True
        if self.capitulos:
            self.mostrar(self.capitulos[0].clave)
        return False

    def capitulo_actual(self) -> Capitulo | None:
        return self._por_clave.get(self.clave_actual)

    def _seguir_enlace(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        self.mostrar(Path(url.path()).stem)
