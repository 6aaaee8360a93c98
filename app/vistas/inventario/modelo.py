"""Modelo de tabla perezoso para el inventario: pide las filas al servicio por bloques.

Con 200,000 bienes la tabla no carga todo: pide el total (``contar``) y las primeras
``BLOQUE`` filas; cuando la vista se desplaza hacia abajo, Qt llama a ``fetchMore`` y se
pide el siguiente bloque con la llave de la última fila (paginación por llave, en cualquier
orden del encabezado). Filtrar y ordenar lo hace el servicio en SQL; aquí solo se guardan
tuplas de texto ya formateadas de los bloques cercanos a lo visible
(:class:`app.vistas.comun.bloques.ModeloBloques`).
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.vistas.comun.bloques import BLOQUE, ModeloBloques

Indice = QModelIndex | QPersistentModelIndex
Registro = dict[str, Any]

__all__ = ["BLOQUE", "ColumnaBien", "ModeloBienes", "texto_celda"]


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


class ModeloBienes(ModeloBloques):
    """Tabla de solo lectura que carga por bloques lo que el servicio devuelve.

    ``consultar(despues=llave|None, limite=int, orden=str|None, **filtro) -> list[dict]`` y
    ``contar(**filtro) -> int`` son las funciones del servicio; ``filtro`` lleva búsqueda,
    dependencia, tipo y estado tal como el servicio los recibe.
    """

    def __init__(self, columnas: Sequence[ColumnaBien],
                 consultar: Callable[..., Sequence[Registro]], contar: Callable[..., int],
                 color: Callable[[Registro], QColor | None] | None = None, bloque: int = BLOQUE,
                 orden: str | None = None, parent=None, **opciones: Any) -> None:
        super().__init__(consultar, contar, bloque=bloque, orden=orden, parent=parent, **opciones)
        self._columnas = list(columnas)
        self._color = color
        self.titulos = [c.titulo for c in self._columnas]
        self.ordenes = [c.orden for c in self._columnas]

    def textos(self, registro: Registro) -> tuple[str, ...]:
        return tuple(c.formato(registro.get(c.llave)) if c.formato else texto_celda(registro.get(c.llave))
                     for c in self._columnas)

    def extra(self, registro: Registro) -> QColor | None:
        return self._color(registro) if self._color else None

    def columna(self, indice: int) -> ColumnaBien:
        return self._columnas[indice]

    def data(self, index: Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texto(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt adivina HTML en los tooltips: se escapa para que <img src=...> no cargue nada.
            return html.escape(self.texto(index.row(), index.column()))
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columnas[index.column()].derecha:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.extra_de(index.row())
        return None
