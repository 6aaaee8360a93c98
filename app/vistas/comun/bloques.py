"""Modelo de tabla por bloques con paginación por llave: memoria plana con 200,000 filas.

Pide al servicio el primer bloque y, al desplazarse hacia abajo (``fetchMore``), el siguiente
con la ``llave`` de la última fila vista (``WHERE (orden, id) > (…)``, nunca ``OFFSET``). De
cada bloque guarda su llave de inicio y cuántas filas tiene; el texto de las filas solo de los
últimos bloques que se vieron (:data:`BLOQUES_EN_MEMORIA`): un bloque lejano se suelta y, si el
usuario regresa, se vuelve a pedir con su llave de inicio (cuesta lo mismo que el primero).

``consultar(despues=llave | None, limite=int, orden=str | None, **filtro) -> list[dict]``: cada
registro trae ``id`` y ``llave``. ``contar(**filtro) -> int`` es opcional: sin él, el modelo
sabe que hay más mientras los bloques lleguen llenos.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.servicios.nucleo import busqueda_indexada

Indice = QModelIndex | QPersistentModelIndex
Registro = dict[str, Any]

BLOQUE = 200
BLOQUES_EN_MEMORIA = 6


@dataclass
class Bloque:
    """Un bloque leído: dónde empieza (la llave de la fila anterior), dónde acaba y sus filas
    (``None`` si se soltó)."""

    inicio: tuple | None
    fin: tuple | None
    n: int
    filas: list[tuple[str, ...]] | None = None
    ids: list[Any] | None = None
    extras: list[Any] | None = field(default=None)


class ModeloBloques(QAbstractTableModel):
    """Tabla de solo lectura por bloques. Las subclases dicen cómo se ve cada fila:

    ``textos(registro) -> tuple[str, ...]`` (una celda por columna), ``extra(registro)`` (lo que
    ``data`` necesita para colores u otros papeles) y ``titulos`` (los encabezados). ``ordenes``
    da, por columna, la clave de orden del servicio (None: esa columna no se ordena).
    """

    def __init__(self, consultar: Callable[..., Sequence[Registro]], contar: Callable[..., int] | None = None,
                 bloque: int = BLOQUE, orden: str | None = None, en_memoria: int = BLOQUES_EN_MEMORIA,
                 parent=None) -> None:
        super().__init__(parent)
        self._consultar = consultar
        self._contar = contar
        self._bloque = bloque
        self._en_memoria = max(2, en_memoria)
        self._filtro: dict[str, Any] = {}
        self._orden = orden
        self._orden_inicial = orden
        self._total = 0                 # con contar(): filas que cumplen el filtro
        self._hay_mas = False           # sin contar(): el último bloque llegó lleno
        self._acotado = False           # el total es un conteo acotado: puede haber más filas
        self._bloques: list[Bloque] = []
        self._filas_vistas = 0          # filas de todos los bloques leídos (suma de n)
        self._recientes: OrderedDict[int, None] = OrderedDict()   # bloques con filas, del más viejo al más nuevo
        self.lecturas = 0               # consultas hechas (para pruebas y mediciones)

    # --- Lo que definen las subclases --------------------------------------------------------

    titulos: Sequence[str] = ()
    ordenes: Sequence[str | None] = ()

    def textos(self, registro: Registro) -> tuple[str, ...]:
        raise NotImplementedError

    def extra(self, registro: Registro) -> Any:
        return None

    # --- Estado ---------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Filas que cumplen el filtro (con ``contar``) o las leídas hasta ahora."""
        return self._total if self._contar is not None else self._filas_vistas

    @property
    def cargadas(self) -> int:
        return self._filas_vistas

    @property
    def en_memoria(self) -> int:
        """Filas cuyo texto está en memoria (a lo más ``BLOQUES_EN_MEMORIA`` bloques)."""
        return sum(len(b.filas) for b in self._bloques if b.filas is not None)

    @property
    def filtro(self) -> dict[str, Any]:
        return dict(self._filtro)

    @property
    def orden(self) -> str | None:
        return self._orden

    @property
    def bloque(self) -> int:
        return self._bloque

    # --- Carga ----------------------------------------------------------------------------------

    def _pedir(self, despues: tuple | None, filtro: dict[str, Any] | None = None, orden: Any = ...) -> list[Registro]:
        self.lecturas += 1
        return list(self._consultar(despues=despues, limite=self._bloque,
                                    orden=self._orden if orden is ... else orden,
                                    **(self._filtro if filtro is None else filtro)))

    def cargar(self, filtro: dict[str, Any] | None = None, orden: Any = ...) -> None:
        """Vuelve a empezar con ``filtro`` (y ``orden`` si se da): cuenta y trae el primer bloque.

        Si el servicio falla, la excepción sube y el modelo queda como estaba.
        """
        nuevo_filtro = dict(self._filtro if filtro is None else filtro)
        nuevo_orden = self._orden if orden is ... else orden
        total = int(self._contar(**nuevo_filtro)) if self._contar is not None else None
        registros = self._pedir(None, nuevo_filtro, nuevo_orden) if total is None or total else []
        self.poner(nuevo_filtro, nuevo_orden, total, registros)

    def poner(self, filtro: dict[str, Any], orden: Any, total: int | None, registros: Sequence[Registro]) -> None:
        """Empieza de nuevo con un total y un primer bloque ya leídos (p. ej. en segundo plano)."""
        self.beginResetModel()
        self._filtro, self._orden = dict(filtro), orden
        self._bloques, self._recientes, self._filas_vistas = [], OrderedDict(), 0
        registros = list(registros)
        if registros:
            self._agregar_bloque(None, registros)
        self._hay_mas = len(registros) >= self._bloque
        # Un conteo acotado («más de 1,000», app.servicios.nucleo.busqueda_indexada) no es el final:
        # se siguen pidiendo bloques mientras lleguen llenos.
        self._acotado = total is not None and busqueda_indexada.es_mas_de(int(total))
        if total is not None:
            self._total = int(total)
            # Si la base cambió entre contar y consultar, lo cargado manda.
            if len(registros) < min(self._total, self._bloque):
                self._total = len(registros)
        self.endResetModel()

    def _agregar_bloque(self, inicio: tuple | None, registros: list[Registro]) -> None:
        bloque = Bloque(inicio, registros[-1].get("llave"), len(registros))
        self._llenar(bloque, registros)
        self._bloques.append(bloque)
        self._filas_vistas += bloque.n
        self._usar(len(self._bloques) - 1)

    def _llenar(self, bloque: Bloque, registros: Sequence[Registro]) -> None:
        bloque.filas = [self.textos(r) for r in registros]
        bloque.ids = [r["id"] for r in registros]
        bloque.extras = [self.extra(r) for r in registros]

    def _usar(self, numero: int) -> None:
        """Anota que el bloque ``numero`` se acaba de ver y suelta el más viejo si sobran."""
        self._recientes.pop(numero, None)
        self._recientes[numero] = None
        while len(self._recientes) > self._en_memoria:
            viejo, _ = self._recientes.popitem(last=False)
            bloque = self._bloques[viejo]
            bloque.filas = bloque.ids = bloque.extras = None

    def _hay_siguiente(self) -> bool:
        if self._contar is not None:
            return self._filas_vistas < self._total or (self._acotado and self._hay_mas)
        return self._hay_mas

    def canFetchMore(self, parent: Indice = QModelIndex()) -> bool:  # noqa: N802 - API de Qt
        return not parent.isValid() and bool(self._bloques) and self._hay_siguiente()

    def fetchMore(self, parent: Indice = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or not self.canFetchMore():
            return
        inicio = self._bloques[-1].fin
        registros = self._pedir(inicio)
        if not registros:
            # Alguien dio de baja o filtró filas entre bloques: ya no hay más.
            self._total, self._hay_mas = self._filas_vistas, False
            return
        primera = self._filas_vistas
        self.beginInsertRows(QModelIndex(), primera, primera + len(registros) - 1)
        self._agregar_bloque(inicio, registros)
        self.endInsertRows()
        if len(registros) < self._bloque:
            self._total, self._hay_mas = self._filas_vistas, False

    def cargar_hasta(self, fila: int) -> None:
        """Trae bloques hasta tener ``fila`` (para seleccionar una fila lejana)."""
        while fila >= self._filas_vistas and self.canFetchMore():
            antes = self._filas_vistas
            self.fetchMore()
            if self._filas_vistas == antes:
                break

    def _bloque_de(self, fila: int) -> tuple[Bloque, int] | None:
        """El bloque de ``fila`` con sus filas en memoria (lo vuelve a pedir si se soltó) y la posición."""
        if not 0 <= fila < self._filas_vistas:
            return None
        numero, posicion = divmod(fila, self._bloque)
        numero = min(numero, len(self._bloques) - 1)
        bloque = self._bloques[numero]
        posicion = fila - numero * self._bloque
        if bloque.filas is None:
            self._llenar(bloque, self._pedir(bloque.inicio)[:bloque.n])
        self._usar(numero)
        if posicion >= len(bloque.filas):
            return None              # la base cambió al volver a pedirlo: la fila ya no está
        return bloque, posicion

    # --- Consulta ---------------------------------------------------------------------------------

    def id_de(self, fila: int) -> Any:
        encontrado = self._bloque_de(fila)
        return encontrado[0].ids[encontrado[1]] if encontrado else None

    def fila_de(self, identificador: Any) -> int:
        """Fila de un registro en los bloques en memoria, o -1."""
        if identificador is None:
            return -1
        for numero, bloque in enumerate(self._bloques):
            if bloque.ids is not None and identificador in bloque.ids:
                return numero * self._bloque + bloque.ids.index(identificador)
        return -1

    def texto(self, fila: int, columna: int) -> str:
        encontrado = self._bloque_de(fila)
        return encontrado[0].filas[encontrado[1]][columna] if encontrado else ""

    def extra_de(self, fila: int) -> Any:
        encontrado = self._bloque_de(fila)
        return encontrado[0].extras[encontrado[1]] if encontrado else None

    # --- API de Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: Indice = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._filas_vistas

    def columnCount(self, parent: Indice = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.titulos)

    def headerData(self, seccion: int, orientacion: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientacion == Qt.Orientation.Horizontal:
            return self.titulos[seccion]
        return None

    def sort(self, columna: int, orden: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ordenar al pulsar el encabezado: se pide al servicio (SQL), «-clave» si es descendente."""
        if columna < 0:
            self.cargar(orden=self._orden_inicial)
            return
        if columna >= len(self.ordenes):
            return
        clave = self.ordenes[columna]
        if clave is None:
            return
        self.cargar(orden=f"-{clave}" if orden == Qt.SortOrder.DescendingOrder else clave)
