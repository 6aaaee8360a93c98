"""Tabla rápida común: modelo sobre tuplas, filtro al escribir y selección por teclado.

El modelo guarda filas ya formateadas (tuplas de texto) y el identificador de cada
fila; nunca objetos peewee. Filtrar y ordenar se pide al servicio (SQL), no a Qt.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from app.servicios.nucleo.validacion import normalizar

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


def clave_orden(valor: Any) -> tuple[int, Any]:
    """Clave para ordenar una celda: vacíos primero, luego números, fechas y textos (sin acentos)."""
    if valor is None or valor == "":
        return (0, "")
    if isinstance(valor, bool):
        return (1, int(valor))
    if isinstance(valor, (int, float, Decimal)):
        return (1, valor)
    if hasattr(valor, "isoformat"):
        return (2, valor.isoformat())
    # Orden del español: sin acentos, pero la «ñ» va después de toda la «n» (Nube antes que Ñandú).
    return (3, normalizar(str(valor).casefold().replace("ñ", "n\uffff")))


class ModeloFilas(QAbstractTableModel):
    """Modelo de solo lectura sobre una lista de tuplas de texto."""

    def __init__(self, columnas: Sequence[Columna], parent=None) -> None:
        super().__init__(parent)
        self._columnas = list(columnas)
        self._filas: list[tuple[str, ...]] = []
        self._ids: list[Any] = []
        self._colores: list[Any] = []
        self._claves: list[tuple[Any, ...]] = []
        self._orden: tuple[int, Qt.SortOrder] | None = None   # None: el orden del servicio

    def cargar(self, registros: Sequence[dict[str, Any]], clave: str = "id",
               color: Callable[[dict[str, Any]], Any] | None = None) -> None:
        self.beginResetModel()
        crudos = [tuple(c.obtener(r) for c in self._columnas) for r in registros]
        self._filas = [tuple(texto(v) for v in fila) for fila in crudos]
        self._claves = [tuple(clave_orden(v) for v in fila) for fila in crudos]
        self._ids = [r.get(clave) for r in registros]
        self._colores = [color(r) if color else None for r in registros]
        if self._orden is not None:
            self._reordenar(*self._orden)
        self.endResetModel()

    def sort(self, columna: int, orden: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ordena lo cargado al pulsar el encabezado (fechas y números por su valor, textos sin acentos)."""
        if not 0 <= columna < len(self._columnas):
            return
        self.layoutAboutToBeChanged.emit()
        self._orden = (columna, orden)
        self._reordenar(columna, orden)
        self.layoutChanged.emit()

    def _reordenar(self, columna: int, orden: Qt.SortOrder) -> None:
        indices = sorted(range(len(self._filas)), key=lambda i: self._claves[i][columna],
                         reverse=orden == Qt.SortOrder.DescendingOrder)
        for nombre in ("_filas", "_ids", "_colores", "_claves"):
            lista = getattr(self, nombre)
            setattr(self, nombre, [lista[i] for i in indices])

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
        # Ordenar al pulsar un encabezado; hasta entonces se respeta el orden del servicio.
        self.vista.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.vista.setSortingEnabled(True)
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
        # «activated» llega con el doble clic y con Enter (según la plataforma, también con un clic):
        # conectar además «doubleClicked» abría dos veces el mismo diálogo con un doble clic.
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


def quitar_filtros(tabla: TablaFiltrable, *combos: QComboBox) -> None:
    """Vuelve los ``combos`` de filtro a su primera opción («Todos») y vacía la búsqueda de ``tabla``.

    No emite señales: quien llama vuelve a leer la lista una sola vez.
    """
    for combo in combos:
        combo.blockSignals(True)
        combo.setCurrentIndex(0)
        combo.blockSignals(False)
    tabla.busqueda.blockSignals(True)
    tabla.busqueda.clear()
    tabla.busqueda.blockSignals(False)
