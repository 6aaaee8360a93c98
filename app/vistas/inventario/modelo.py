"""Modelo de tabla perezoso para el inventario: pide las filas al servicio por bloques.

Con 50,000 bienes la tabla no carga todo: pide el total (``contar``) y las primeras
``BLOQUE`` filas; cuando la vista se desplaza hacia abajo, Qt llama a ``fetchMore`` y se
pide el siguiente bloque. Filtrar y ordenar lo hace el servicio en SQL; aquí solo se
guardan tuplas de texto ya formateadas (nunca objetos peewee).
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Indice = QModelIndex | QPersistentModelIndex
Registro = dict[str, Any]

BLOQUE = 200


@dataclass(frozen=True)
class ColumnaBien:
    """Una columna: título, llave del registro que devuelve el servicio y llave de orden en SQL."""

    titulo: str
    llave: str
    orden: str | None = None      # None: no se ordena por esta columna
    ancho: int = 120
    derecha: bool = False
    formato: Callable[[Any], str] | None = None    # p. ej. la clave del estado → su nombre


def texto_celda(valor: Any) -> str:
    """Formato de pantalla: fechas dd/mm/aaaa, montos con separador de miles, None vacío."""
    if valor is None:
        return ""
    if isinstance(valor, Decimal):
        return f"{valor:,.2f}"
    if hasattr(valor, "strftime"):
        return valor.strftime("%d/%m/%Y")
    return str(valor)


class ModeloBienes(QAbstractTableModel):
    """Tabla de solo lectura que carga por bloques lo que el servicio devuelve.

    ``consultar(desde=int, limite=int, orden=str|None, **filtro) -> list[dict]`` y
    ``contar(**filtro) -> int`` son las funciones del servicio; ``filtro`` lleva búsqueda,
    dependencia, tipo y estado tal como el servicio los recibe.
    """

    def __init__(self, columnas: Sequence[ColumnaBien],
                 consultar: Callable[..., Sequence[Registro]], contar: Callable[..., int],
                 color: Callable[[Registro], QColor | None] | None = None, bloque: int = BLOQUE,
                 orden: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self._columnas = list(columnas)
        self._consultar = consultar
        self._contar = contar
        self._color = color
        self._bloque = bloque
        self._filtro: dict[str, Any] = {}
        self._orden = orden           # el orden inicial (también al quitar el indicador)
        self._orden_inicial = orden
        self._total = 0
        self._filas: list[tuple[str, ...]] = []
        self._ids: list[int] = []
        self._colores: list[QColor | None] = []

    # --- Carga -------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Bienes que cumplen el filtro (aunque aún no estén cargados)."""
        return self._total

    @property
    def cargadas(self) -> int:
        return len(self._filas)

    @property
    def filtro(self) -> dict[str, Any]:
        return dict(self._filtro)

    @property
    def orden(self) -> str | None:
        return self._orden

    @property
    def bloque(self) -> int:
        return self._bloque

    def cargar(self, filtro: dict[str, Any] | None = None, orden: Any = ...) -> None:
        """Vuelve a empezar con ``filtro`` (y ``orden`` si se da): cuenta y trae el primer bloque.

        Si el servicio falla, la excepción sube y el modelo queda como estaba.
        """
        nuevo_filtro = dict(self._filtro if filtro is None else filtro)
        nuevo_orden = self._orden if orden is ... else orden
        total = int(self._contar(**nuevo_filtro))
        registros = list(self._consultar(desde=0, limite=self._bloque, orden=nuevo_orden, **nuevo_filtro)) \
            if total else []
        self.poner(nuevo_filtro, nuevo_orden, total, registros)

    def poner(self, filtro: dict[str, Any], orden: Any, total: int, registros: Sequence[Registro]) -> None:
        """Empieza de nuevo con un total y un primer bloque ya leídos (p. ej. en segundo plano)."""
        self.beginResetModel()
        self._filtro, self._orden, self._total = dict(filtro), orden, int(total)
        self._filas, self._ids, self._colores = [], [], []
        self._agregar(registros)
        # Si la base cambió entre contar y consultar, lo cargado manda.
        if len(registros) < min(self._total, self._bloque):
            self._total = len(registros)
        self.endResetModel()

    def _agregar(self, registros: Sequence[Registro]) -> None:
        for registro in registros:
            self._filas.append(tuple(c.formato(registro.get(c.llave)) if c.formato
                                     else texto_celda(registro.get(c.llave)) for c in self._columnas))
            self._ids.append(registro["id"])
            self._colores.append(self._color(registro) if self._color else None)

    def canFetchMore(self, parent: Indice = QModelIndex()) -> bool:  # noqa: N802 - API de Qt
        return not parent.isValid() and len(self._filas) < self._total

    def fetchMore(self, parent: Indice = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or len(self._filas) >= self._total:
            return
        registros = list(self._consultar(desde=len(self._filas), limite=self._bloque, orden=self._orden,
                                         **self._filtro))
        if not registros:
            # Alguien dio de baja o filtró bienes entre bloques: ya no hay más.
            self._total = len(self._filas)
            return
        inicio = len(self._filas)
        self.beginInsertRows(QModelIndex(), inicio, inicio + len(registros) - 1)
        self._agregar(registros)
        self.endInsertRows()
        if len(registros) < self._bloque:
            self._total = len(self._filas)

    def cargar_hasta(self, fila: int) -> None:
        """Trae bloques hasta tener ``fila`` cargada (para seleccionar un bien lejano)."""
        while fila >= len(self._filas) and self.canFetchMore():
            antes = len(self._filas)
            self.fetchMore()
            if len(self._filas) == antes:
                break

    # --- Consulta --------------------------------------------------------------------------------

    def id_de(self, fila: int) -> int | None:
        return self._ids[fila] if 0 <= fila < len(self._ids) else None

    def fila_de(self, identificador: int | None) -> int:
        """Fila de un bien ya cargado, o -1."""
        if identificador is None:
            return -1
        try:
            return self._ids.index(identificador)
        except ValueError:
            return -1

    def columna(self, indice: int) -> ColumnaBien:
        return self._columnas[indice]

    def texto(self, fila: int, columna: int) -> str:
        return self._filas[fila][columna]

    # --- API de Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Indice = QModelIndex()) -> int:  # noqa: N802
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

    def sort(self, columna: int, orden: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ordenar al pulsar el encabezado: se pide al servicio (SQL), «-llave» si es descendente."""
        if columna < 0:
            self.cargar(orden=self._orden_inicial)
            return
        if columna >= len(self._columnas):
            return
        llave = self._columnas[columna].orden
        if llave is None:
            return
        self.cargar(orden=f"-{llave}" if orden == Qt.SortOrder.DescendingOrder else llave)
