"""Tabla rápida común: modelo sobre tuplas, filtro al escribir y selección por teclado.

El modelo guarda filas ya formateadas (tuplas de texto) y el identificador de cada
fila; nunca objetos peewee. Filtrar y ordenar se pide al servicio (SQL), no a Qt.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

Indice = QModelIndex | QPersistentModelIndex


class Columna:
    """Una columna: título, cómo sacar el texto de la fila y alineación."""

    def __init__(self, titulo: str, obtener: Callable[[dict[str, Any]], Any], ancho: int = 120,
                 derecha: bool = False) -> None:
        self.titulo = titulo
        self.obtener = obtener
        self.ancho = ancho
        self.derecha = derecha


def texto(valor: Any) -> str:
    """Formato de pantalla: fechas dd/mm/aaaa, None vacío."""
    if valor is None:
        return ""
    if hasattr(valor, "strftime"):
        return valor.strftime("%d/%m/%Y %H:%M") if hasattr(valor, "hour") else valor.strftime("%d/%m/%Y")
    return str(valor)


class ModeloFilas(QAbstractTableModel):
    """Modelo de solo lectura sobre una lista de tuplas de texto."""

    def __init__(self, columnas: Sequence[Columna], parent=None) -> None:
        super().__init__(parent)
        self._columnas = list(columnas)
        self._filas: list[tuple[str, ...]] = []
        self._ids: list[Any] = []
        self._colores: list[Any] = []

    def cargar(self, registros: Sequence[dict[str, Any]], clave: str = "id",
               color: Callable[[dict[str, Any]], Any] | None = None) -> None:
        self.beginResetModel()
        self._filas = [tuple(texto(c.obtener(r)) for c in self._columnas) for r in registros]
        self._ids = [r.get(clave) for r in registros]
        self._colores = [color(r) if color else None for r in registros]
        self.endResetModel()

    def id_de(self, fila: int) -> Any:
        return self._ids[fila] if 0 <= fila < len(self._ids) else None

    def fila_de(self, identificador: Any) -> int:
        try:
            return self._ids.index(identificador)
        except ValueError:
            return -1

    def rowCount(self, parent: Indice = QModelIndex()) -> int:  # noqa: N802 - API de Qt
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: Indice = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columnas)

    def data(self, index: Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._filas[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt adivina HTML en los tooltips: se escapa para que <img src=...> no cargue nada.
            return html.escape(self._filas[index.row()][index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columnas[index.column()].derecha:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colores[index.row()]
        return None

    def headerData(self, seccion: int, orientacion: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientacion == Qt.Orientation.Horizontal:
            return self._columnas[seccion].titulo
        return None


class TablaFiltrable(QWidget):
    """Caja de búsqueda + tabla. Emite ``filtro_cambiado`` (con pausa de 150 ms) y ``activada``."""

    filtro_cambiado = Signal(str)
    activada = Signal(object)          # id de la fila (Enter o doble clic)
    seleccion_cambiada = Signal(object)

    def __init__(self, columnas: Sequence[Columna], marcador: str = "Buscar…", parent=None) -> None:
        super().__init__(parent)
        self.modelo = ModeloFilas(columnas, self)
        self.busqueda = QLineEdit(self)
        self.busqueda.setPlaceholderText(marcador)
        self.busqueda.setClearButtonEnabled(True)
        self.contador = QLabel(self)
        self.vista = QTableView(self)
        self.vista.setModel(self.modelo)
        self.vista.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.vista.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.vista.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.vista.setAlternatingRowColors(True)
        self.vista.verticalHeader().setVisible(False)
        self.vista.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.vista.verticalHeader().setDefaultSectionSize(24)
        self.vista.horizontalHeader().setStretchLastSection(True)
        self.vista.setWordWrap(False)
        for i, columna in enumerate(columnas):
            self.vista.setColumnWidth(i, columna.ancho)
        arriba = QHBoxLayout()
        arriba.addWidget(self.busqueda, 1)
        arriba.addWidget(self.contador)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(self.vista, 1)
        self._pausa = QTimer(self)
        self._pausa.setSingleShot(True)
        self._pausa.setInterval(150)
        self._pausa.timeout.connect(lambda: self.filtro_cambiado.emit(self.busqueda.text()))
        self.busqueda.textChanged.connect(lambda _t: self._pausa.start())
        self.busqueda.returnPressed.connect(self.vista.setFocus)
        self.vista.doubleClicked.connect(lambda i: self.activada.emit(self.modelo.id_de(i.row())))
        self.vista.activated.connect(lambda i: self.activada.emit(self.modelo.id_de(i.row())))
        self.vista.selectionModel().currentRowChanged.connect(
            lambda actual, _ant: self.seleccion_cambiada.emit(self.modelo.id_de(actual.row())))
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.enfocar_busqueda)

    def enfocar_busqueda(self) -> None:
        self.busqueda.setFocus()
        self.busqueda.selectAll()

    def cargar(self, registros: Sequence[dict[str, Any]], clave: str = "id",
               color: Callable[[dict[str, Any]], Any] | None = None) -> None:
        anterior = self.id_actual()
        self.modelo.cargar(registros, clave, color)
        self.contador.setText(f"{len(registros):,} registros")
        fila = self.modelo.fila_de(anterior) if anterior is not None else -1
        if fila < 0 and registros:
            fila = 0
        if fila >= 0:
            self.vista.selectRow(fila)

    def id_actual(self) -> Any:
        indice = self.vista.currentIndex()
        return self.modelo.id_de(indice.row()) if indice.isValid() else None
