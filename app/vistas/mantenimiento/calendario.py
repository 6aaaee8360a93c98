"""Calendario mensual de mantenimientos y la lista de la semana.

El mes es un ``QCalendarWidget`` (flechas, RePág/AvPág y Enter funcionan desde el teclado)
que pinta en cada día sus mantenimientos como barras de color. Doble clic sobre una barra
abre ese mantenimiento; Enter sobre un día abre el único que tiene o lleva a la lista de la
semana para elegir.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemView, QCalendarWidget, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QTableView, QVBoxLayout, QWidget)

from app.servicios.mantenimiento import mantenimiento as servicio
from app.servicios.mantenimiento.servidores import dia_largo
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import ayuda_plana, tr
from app.vistas.comun.fechas import qfecha_hoy

COLORES: dict[str, QColor] = {
    "preventivo": QColor("#1f6fb2"),     # azul
    "correctivo": QColor("#c0392b"),     # rojo
    "datos": QColor("#7d3c98"),          # morado
    "sistemas": QColor("#1e8449"),       # verde
}
COLOR_CONCLUIDO = QColor("#9aa5b1")
ALTO_BARRA = 16
MARGEN_SUPERIOR = 20


def color_de(fila: dict[str, Any]) -> QColor:
    if fila["estado"] == servicio.CONCLUIDO:
        return COLOR_CONCLUIDO
    return COLORES[fila["categoria"]]


def texto_corto(fila: dict[str, Any]) -> str:
    marca = "✓ " if fila["estado"] == servicio.CONCLUIDO else ""
    return f"{marca}{fila['inicio']:%H:%M} {fila['dispositivo']}"


def texto_largo(fila: dict[str, Any]) -> str:
    clase = servicio.CLASES[fila["clase"]]
    estado = servicio.ESTADOS[fila["estado"]]
    aviso = " · falta avisar por oficio" if fila.get("requiere_aviso") else ""
    return (f"{fila['inicio']:%H:%M}–{fila['fin']:%H:%M}  {fila['dispositivo']}  ·  {clase} "
            f"(proc. {fila['procedimiento']})  ·  {estado}{aviso}")


class CalendarioMes(QCalendarWidget):
    """Mes con los mantenimientos de cada día. Emite ``abrir(id)`` al hacer doble clic en uno."""

    abrir = Signal(int)
    dia_activado = Signal(object)       # dt.date: Enter o doble clic en un día sin barra elegida

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.LongDayNames)
        # El «hoy» de QCalendarWidget es el de la PC; el de la aplicación es el de la Ciudad de México.
        self.setSelectedDate(qfecha_hoy())
        self.setCurrentPage(self.selectedDate().year(), self.selectedDate().month())
        self.por_dia: dict[dt.date, list[dict[str, Any]]] = {}
        self._celdas: list[tuple[QRect, dt.date]] = []
        self._tabla = self.findChild(QTableView)
        self._tabla.viewport().installEventFilter(self)
        self._tabla.viewport().setMouseTracking(True)
        # La fila de los nombres de los días no necesita la altura de una semana.
        encabezado = self._tabla.verticalHeader()
        encabezado.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        encabezado.resizeSection(0, 26)
        self.activated.connect(lambda q: self.dia_activado.emit(dt.date(q.year(), q.month(), q.day())))

    def cargar(self, por_dia: dict[dt.date, list[dict[str, Any]]]) -> None:
        self.por_dia = por_dia
        self._celdas = []
        self.updateCells()

    def rango_visible(self) -> tuple[dt.date, dt.date]:
        """Del primer al último día que se ven (el mes y los días de los meses vecinos)."""
        primero = dt.date(self.yearShown(), self.monthShown(), 1)
        inicio = primero - dt.timedelta(days=primero.weekday())
        return inicio, inicio + dt.timedelta(days=41)

    def paintCell(self, painter: QPainter, rect: QRect, fecha_q: QDate) -> None:  # noqa: N802 - API de Qt
        fecha = dt.date(fecha_q.year(), fecha_q.month(), fecha_q.day())
        self._celdas = [c for c in self._celdas if c[1] != fecha] + [(QRect(rect), fecha)]
        painter.save()
        paleta = self.palette()
        del_mes = fecha_q.month() == self.monthShown()
        fondo = paleta.base().color() if del_mes else QColor("#f3f4f6")
        if fecha_q == self.selectedDate():
            fondo = QColor("#dbeafe")
        painter.fillRect(rect, fondo)
        if fecha == hoy_mexico():
            painter.setPen(QPen(QColor("#1f6fb2"), 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        fuente = QFont(painter.font())
        fuente.setBold(fecha == hoy_mexico())
        painter.setFont(fuente)
        painter.setPen(paleta.text().color() if del_mes else QColor("#9ca3af"))
        painter.drawText(rect.adjusted(5, 2, -4, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         str(fecha.day))
        filas = self.por_dia.get(fecha, [])
        caben = max(0, (rect.height() - MARGEN_SUPERIOR - 2) // (ALTO_BARRA + 1))
        visibles = filas if len(filas) <= caben else filas[:max(caben - 1, 0)]
        chica = QFont(painter.font())
        chica.setBold(False)
        chica.setPointSizeF(max(7.0, chica.pointSizeF() - 1.5))
        painter.setFont(chica)
        metrica = painter.fontMetrics()
        y = rect.top() + MARGEN_SUPERIOR
        for fila in visibles:
            barra = QRect(rect.left() + 3, y, rect.width() - 6, ALTO_BARRA)
            color = color_de(fila)
            if not del_mes:
                color = color.lighter(135)
            painter.fillRect(barra, color)
            painter.setPen(QColor("white"))
            texto = metrica.elidedText(texto_corto(fila), Qt.TextElideMode.ElideRight, barra.width() - 6)
            painter.drawText(barra.adjusted(3, 0, -3, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), texto)
            y += ALTO_BARRA + 1
        if len(visibles) < len(filas):
            painter.setPen(QColor("#374151"))
            painter.drawText(QRect(rect.left() + 4, y, rect.width() - 8, ALTO_BARRA),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             tr("+{n} más").replace("{n}", str(len(filas) - len(visibles))))
        painter.restore()

    def mantenimiento_en(self, punto: QPoint) -> tuple[dt.date | None, int | None]:
        """Qué día y qué mantenimiento (por su barra) hay bajo ``punto`` (coordenadas del área de la tabla)."""
        for rect, fecha in self._celdas:
            if rect.contains(punto):
                filas = self.por_dia.get(fecha, [])
                indice = (punto.y() - rect.top() - MARGEN_SUPERIOR) // (ALTO_BARRA + 1)
                caben = max(0, (rect.height() - MARGEN_SUPERIOR - 2) // (ALTO_BARRA + 1))
                visibles = filas if len(filas) <= caben else filas[:max(caben - 1, 0)]
                if punto.y() >= rect.top() + MARGEN_SUPERIOR and 0 <= indice < len(visibles):
                    return fecha, visibles[indice]["id"]
                return fecha, None
        return None, None

    def punto_de(self, identificador: int) -> QPoint | None:
        """Centro de la barra de un mantenimiento (para pruebas y accesibilidad)."""
        for rect, fecha in self._celdas:
            for i, fila in enumerate(self.por_dia.get(fecha, [])):
                if fila["id"] == identificador:
                    return QPoint(rect.center().x(), rect.top() + MARGEN_SUPERIOR + i * (ALTO_BARRA + 1)
                                  + ALTO_BARRA // 2)
        return None

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - API de Qt
        if objeto is self._tabla.viewport():
            if evento.type() == QEvent.Type.MouseButtonDblClick:
                fecha, identificador = self.mantenimiento_en(evento.position().toPoint())
                if identificador is not None:
                    self.abrir.emit(identificador)
                    return True
            elif evento.type() == QEvent.Type.ToolTip:
                fecha, identificador = self.mantenimiento_en(evento.pos())
                filas = {f["id"]: f for f in self.por_dia.get(fecha, [])} if fecha else {}
                if identificador in filas:
                    self._tabla.viewport().setToolTip(ayuda_plana(texto_largo(filas[identificador])))
                else:
                    self._tabla.viewport().setToolTip("")
        return super().eventFilter(objeto, evento)


class ListaSemana(QListWidget):
    """Los mantenimientos de una semana, agrupados por día. Enter o doble clic emite ``abrir(id)``."""

    abrir = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.itemActivated.connect(self._activar)

    def _activar(self, elemento: QListWidgetItem) -> None:
        identificador = elemento.data(Qt.ItemDataRole.UserRole)
        if identificador is not None:
            self.abrir.emit(identificador)

    def cargar(self, lunes: dt.date, por_dia: dict[dt.date, list[dict[str, Any]]]) -> None:
        self.clear()
        for n in range(7):
            fecha = lunes + dt.timedelta(days=n)
            encabezado = QListWidgetItem(dia_largo(fecha).capitalize(), self)
            fuente = encabezado.font()
            fuente.setBold(True)
            encabezado.setFont(fuente)
            encabezado.setFlags(Qt.ItemFlag.NoItemFlags)
            encabezado.setForeground(QColor("#111827"))
            filas = por_dia.get(fecha, [])
            if not filas:
                vacio = QListWidgetItem(tr("    Sin mantenimientos"), self)
                vacio.setFlags(Qt.ItemFlag.NoItemFlags)
                vacio.setForeground(QColor("#9ca3af"))
            for fila in filas:
                elemento = QListWidgetItem("■ " + texto_largo(fila), self)
                elemento.setData(Qt.ItemDataRole.UserRole, fila["id"])
                elemento.setData(Qt.ItemDataRole.UserRole + 1, fecha)
                elemento.setForeground(color_de(fila))
                elemento.setToolTip(ayuda_plana(f"{fila['numero']} · {fila['descripcion']}"))

    def seleccionar_dia(self, fecha: dt.date) -> bool:
        """Selecciona el primer mantenimiento de ``fecha``; False si ese día no tiene."""
        for i in range(self.count()):
            elemento = self.item(i)
            if elemento.data(Qt.ItemDataRole.UserRole + 1) == fecha:
                self.setCurrentItem(elemento)
                return True
        return False


class PanelCalendario(QWidget):
    """Mes a la izquierda, semana del día elegido a la derecha y la leyenda de colores debajo."""

    abrir = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mes = CalendarioMes(self)
        self.semana = ListaSemana(self)
        self.titulo_semana = QLabel(self)
        self.titulo_semana.setTextFormat(Qt.TextFormat.PlainText)
        self.titulo_semana.setObjectName("titulo")
        self.mes.abrir.connect(self.abrir)
        self.semana.abrir.connect(self.abrir)
        self.mes.currentPageChanged.connect(lambda _a, _m: self.refrescar())
        self.mes.selectionChanged.connect(self._cargar_semana)
        self.mes.dia_activado.connect(self._dia_activado)

        leyenda = QHBoxLayout()
        for clave, texto in servicio.CATEGORIAS.items():
            muestra = QLabel("■ " + tr(texto), self)
            muestra.setStyleSheet(f"color: {COLORES[clave].name()}; font-weight: bold;")
            leyenda.addWidget(muestra)
        concluido = QLabel(tr("✓ Concluido"), self)
        concluido.setStyleSheet(f"color: {COLOR_CONCLUIDO.name()}; font-weight: bold;")
        leyenda.addWidget(concluido)
        leyenda.addStretch(1)
        ayuda = QLabel(tr("Flechas y RePág/AvPág para moverse · Enter o doble clic para abrir"), self)
        ayuda.setObjectName("subtitulo")
        leyenda.addWidget(ayuda)

        izquierda = QVBoxLayout()
        izquierda.addWidget(self.mes, 1)
        izquierda.addLayout(leyenda)
        derecha = QVBoxLayout()
        derecha.addWidget(self.titulo_semana)
        derecha.addWidget(self.semana, 1)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(izquierda, 3)
        capa.addLayout(derecha, 1)
        self._por_dia: dict[dt.date, list[dict[str, Any]]] = {}

    def fecha_elegida(self) -> dt.date:
        q = self.mes.selectedDate()
        return dt.date(q.year(), q.month(), q.day())

    def refrescar(self) -> None:
        desde, hasta = self.mes.rango_visible()
        elegida = self.fecha_elegida()
        lunes = elegida - dt.timedelta(days=elegida.weekday())
        desde, hasta = min(desde, lunes), max(hasta, lunes + dt.timedelta(days=6))
        self._por_dia = servicio.del_calendario(desde, hasta)
        self.mes.cargar(self._por_dia)
        self._cargar_semana()

    def _cargar_semana(self) -> None:
        elegida = self.fecha_elegida()
        lunes = elegida - dt.timedelta(days=elegida.weekday())
        domingo = lunes + dt.timedelta(days=6)
        desde, hasta = self.mes.rango_visible()
        if lunes < desde or domingo > hasta:
            self._por_dia.update(servicio.del_calendario(lunes, domingo))
        self.titulo_semana.setText(tr("Semana del ") + f"{lunes:%d/%m} " + tr("al") + f" {domingo:%d/%m/%Y}")
        self.semana.cargar(lunes, self._por_dia)
        self.semana.seleccionar_dia(elegida)

    def ir_a(self, fecha: dt.date) -> None:
        self.mes.setSelectedDate(QDate(fecha.year, fecha.month, fecha.day))
        self.mes.setCurrentPage(fecha.year, fecha.month)
        self._cargar_semana()

    def _dia_activado(self, fecha: dt.date) -> None:
        filas = self._por_dia.get(fecha, [])
        if len(filas) == 1:
            self.abrir.emit(filas[0]["id"])
        elif filas:
            self.semana.seleccionar_dia(fecha)
            self.semana.setFocus()
