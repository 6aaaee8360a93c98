"""Sección «Por procedimiento» del Tablero: casos por mes y tiempos de cada paso, con su Excel.

Las cifras se calculan en segundo plano la primera vez que se muestra la sección y
cada vez que cambia el año; el filtro de procedimiento solo vuelve a llenar las tablas.
"""
from __future__ import annotations

import atexit
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.vistas.comun.archivos import guardar_como
from app.servicios.nucleo import permisos
from app.servicios.tablero import procedimientos as cifras_procedimientos
from app.servicios.tramites import procedimientos
from app.tiempo import hoy_mexico
from app.vistas.comun import comunes
from app.vistas.comun.archivos import carpeta_documentos
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.progreso import con_espera
from app.vistas.comun.segundo_plano import conexion_del_hilo

if TYPE_CHECKING:
    from app.modelos import Usuario

ROJO = QColor("#B00020")
MESES_CORTOS = ("Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic")


def duracion(horas: float | None) -> str:
    """Un tiempo en horas como se lee: «45 min», «5.2 h», «3.4 días» (días de 24 horas)."""
    if horas is None:
        return "—"
    if horas < 1:
        return f"{round(horas * 60):,} min"
    if horas < 48:
        return f"{horas:,.1f} h"
    return f"{horas / 24:,.1f} días"


def plazo(horas: float | None) -> str:
    """El plazo de un paso en horas hábiles («5 min», «8 h hábiles»)."""
    if not horas:
        return "—"
    if horas < 1:
        return f"{round(horas * 60):,} min hábiles"
    return f"{horas:,.4g} h hábiles"


def elegir_archivo(padre: QWidget, nombre: str) -> str:
    """Diálogo «Guardar como» ('' si el usuario desiste); la sobrescritura se confirma aparte."""
    ruta, _filtro = guardar_como(
        padre, tr("Exportar a Excel"), str(Path(carpeta_documentos()) / nombre), tr("Libro de Excel (*.xlsx)"),
        options=QFileDialog.Option.DontConfirmOverwrite)
    return ruta


class _Calculo(QThread):
    """Calcula las cifras por procedimiento en segundo plano."""

    listo = Signal(int, object, object)      # generación, cifras, error

    def __init__(self, generacion: int, anio: int) -> None:
        super().__init__()
        self.generacion, self.anio = generacion, anio

    def run(self) -> None:
        cifras, error = None, None
        with conexion_del_hilo():
            try:
                cifras = cifras_procedimientos.calcular(self.anio)
            except Exception as exc:  # noqa: BLE001 - se muestra en la pantalla
                error = exc
        self.listo.emit(self.generacion, cifras, error)


_EN_CURSO: set[_Calculo] = set()


def esperar_calculos(milisegundos: int = 30000) -> None:
    """Espera a que terminen los cálculos en curso (al cerrar la aplicación y en las pruebas)."""
    for calculo in list(_EN_CURSO):
        calculo.wait(milisegundos)


atexit.register(esperar_calculos)


def _tabla(padre: QWidget, encabezados: list[str]) -> QTableWidget:
    tabla = QTableWidget(0, len(encabezados), padre)
    tabla.setHorizontalHeaderLabels(encabezados)
    tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabla.setAlternatingRowColors(True)
    tabla.verticalHeader().setVisible(False)
    tabla.verticalHeader().setDefaultSectionSize(22)
    return tabla


def _celda(texto: str, numero: bool = False, ayuda: str = "") -> QTableWidgetItem:
    celda = QTableWidgetItem(texto)
    if numero:
        celda.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if ayuda:
        celda.setToolTip(ayuda)
    return celda


class SeccionProcedimientos(QWidget):
    """Casos por procedimiento y mes, y tiempos por paso (mediana, percentil 90, vencidos)."""

    COLUMNAS_CASOS = ("Procedimiento", "Mes", "Abiertos", "Concluidos", "Cancelados", "Abiertos al cierre")
    COLUMNAS_PASOS = ("Procedimiento", "Paso", "Actividad", "Plazo", "Veces", "Mediana", "Percentil 90",
                      "Abiertos", "Vencidos")

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.datos: cifras_procedimientos.CifrasProcedimientos | None = None
        self._generacion = 0
        self._pendiente: int | None = None
        self.anio = QSpinBox(self)
        self.anio.setRange(2000, 2100)
        self.anio.setValue(hoy_mexico().year)
        self.procedimiento = QComboBox(self)
        self.procedimiento.addItem(tr("Todos"), None)
        for definicion in procedimientos.todos():
            self.procedimiento.addItem(f"{definicion.numero}. {definicion.nombre}", definicion.numero)
        self.procedimiento.setMinimumContentsLength(28)
        self.procedimiento.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.boton_excel = QPushButton(tr("Exportar a Excel…"), self)
        self.boton_excel.setAutoDefault(False)
        self.boton_excel.setEnabled(False)
        self.boton_excel.setToolTip(tr("Guarda las dos tablas del año, de todos los procedimientos, en un libro "
                                       "de Excel (una hoja por tabla)."))
        self.boton_excel.clicked.connect(lambda _c=False: self.exportar())
        arriba = QHBoxLayout()
        for texto, widget in ((tr("A&ño:"), self.anio), (tr("&Procedimiento:"), self.procedimiento)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(widget)
            arriba.addWidget(etiqueta)
            arriba.addWidget(widget)
        arriba.addStretch(1)
        arriba.addWidget(self.boton_excel)
        self.resumen = etiqueta_plana("", self)
        self.resumen.setObjectName("titulo")
        self.caja_casos = QGroupBox(tr("Casos por procedimiento y mes"), self)
        self.tabla_casos = _tabla(self.caja_casos, [tr(c) for c in self.COLUMNAS_CASOS])
        QVBoxLayout(self.caja_casos).addWidget(self.tabla_casos)
        self.caja_pasos = QGroupBox(tr("Tiempos por paso"), self)
        self.tabla_pasos = _tabla(self.caja_pasos, [tr(c) for c in self.COLUMNAS_PASOS])
        self.tabla_pasos.setToolTip(tr("Veces, mediana y percentil 90: pasos cerrados en el año (tiempo de reloj). "
                                       "Abiertos y vencidos: hoy, según el plazo en horas hábiles."))
        QVBoxLayout(self.caja_pasos).addWidget(self.tabla_pasos)
        for tabla, estirada in ((self.tabla_casos, 0), (self.tabla_pasos, 2)):
            encabezado = tabla.horizontalHeader()
            encabezado.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            encabezado.setSectionResizeMode(estirada, QHeaderView.ResizeMode.Stretch)
            tabla.setWordWrap(False)
        # El nombre del procedimiento se recorta al ancho de su columna (completo en la ayuda).
        self.tabla_pasos.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tabla_pasos.setColumnWidth(0, 330)
        division = QSplitter(Qt.Orientation.Vertical, self)
        division.addWidget(self.caja_casos)
        division.addWidget(self.caja_pasos)
        division.setStretchFactor(0, 1)
        division.setStretchFactor(1, 1)
        division.setChildrenCollapsible(False)
        capa = QVBoxLayout(self)
        capa.addLayout(arriba)
        capa.addWidget(self.resumen)
        capa.addWidget(division, 1)
        self.anio.valueChanged.connect(lambda _v: self.refrescar())
        self.procedimiento.currentIndexChanged.connect(lambda _i: self._mostrar())

    # --- Cálculo --------------------------------------------------------------------------------

    @property
    def cargando(self) -> bool:
        return self._pendiente is not None

    def showEvent(self, evento) -> None:  # noqa: N802 - API de Qt
        super().showEvent(evento)
        if self.datos is None and not self.cargando:
            self.refrescar()

    def refrescar(self) -> None:
        """Pide las cifras del año en segundo plano; la respuesta de una petición anterior se descarta."""
        self._generacion += 1
        self._pendiente = self._generacion
        self.resumen.setText(tr("Calculando las cifras por procedimiento…"))
        self.boton_excel.setEnabled(False)
        calculo = _Calculo(self._generacion, self.anio.value())
        calculo.listo.connect(self._recibir)
        calculo.finished.connect(lambda c=calculo: (_EN_CURSO.discard(c), c.deleteLater()))
        _EN_CURSO.add(calculo)
        calculo.start()

    def _recibir(self, generacion: int, datos, error) -> None:
        if generacion != self._generacion:
            return
        self._pendiente = None
        if error is not None:
            self.resumen.setText(tr("No se pudieron calcular las cifras: ") + str(error))
            return
        self.datos = datos
        self.boton_excel.setEnabled(permisos.puede(self.sesion, permisos.EXPORTAR))
        self._mostrar()

    # --- Tablas ---------------------------------------------------------------------------------

    def _filtrar(self, filas: list[tuple]) -> list[tuple]:
        numero = self.procedimiento.currentData()
        return [f for f in filas if numero is None or f[0] == numero]

    def _mostrar(self) -> None:
        if self.datos is None:
            return
        casos = self._filtrar(self.datos.casos.filas)
        pasos = self._filtrar(self.datos.pasos.filas)
        self._llenar_casos(casos)
        self._llenar_pasos(pasos)
        abiertos = sum(f[8] for f in pasos)
        vencidos = sum(f[9] for f in pasos)
        self.resumen.setText(
            tr("{a} casos abiertos hoy · {v} con el paso vencido · calculado el {f}")
            .replace("{a}", f"{abiertos:,}").replace("{v}", f"{vencidos:,}")
            .replace("{f}", f"{self.datos.calculado_en:%d/%m/%Y %H:%M}"))
        self.caja_casos.setTitle(self.datos.casos.titulo)
        self.caja_pasos.setTitle(self.datos.pasos.titulo)

    def _llenar_casos(self, filas: list[tuple]) -> None:
        self.tabla_casos.setRowCount(len(filas))
        for i, (numero, nombre, mes, *cifras) in enumerate(filas):
            self.tabla_casos.setItem(i, 0, _celda(f"{numero}. {nombre}", ayuda=nombre))
            self.tabla_casos.setItem(i, 1, _celda(f"{MESES_CORTOS[mes.month - 1]} {mes.year}"))
            for j, valor in enumerate(cifras, start=2):
                self.tabla_casos.setItem(i, j, _celda(f"{valor:,}", numero=True))

    def _llenar_pasos(self, filas: list[tuple]) -> None:
        self.tabla_pasos.setRowCount(len(filas))
        negrita = QFont(self.tabla_pasos.font())
        negrita.setBold(True)
        for i, (numero, nombre, paso, actividad, plazo_h, veces, mediana, p90, abiertos, vencidos) in enumerate(filas):
            celdas = [_celda(f"{numero}. {nombre}", ayuda=nombre), _celda(paso), _celda(actividad, ayuda=actividad),
                      _celda(plazo(plazo_h), numero=True), _celda(f"{veces:,}", numero=True),
                      _celda(duracion(mediana), numero=True), _celda(duracion(p90), numero=True),
                      _celda(f"{abiertos:,}", numero=True), _celda(f"{vencidos:,}", numero=True)]
            if vencidos:
                celdas[8].setForeground(QBrush(ROJO))
                celdas[8].setFont(negrita)
                celdas[8].setToolTip(tr("Pasos abiertos que ya pasaron su plazo en horas hábiles."))
            for j, celda in enumerate(celdas):
                self.tabla_pasos.setItem(i, j, celda)

    # --- Exportar -------------------------------------------------------------------------------

    def exportar(self) -> None:
        """Guarda las dos tablas (de todos los procedimientos) en un libro de Excel."""
        if self.datos is None or self.cargando:
            return
        ruta = elegir_archivo(self, f"cifras-por-procedimiento-{self.datos.anio}.xlsx")
        if not ruta:
            return
        if not ruta.lower().endswith(".xlsx"):
            ruta += ".xlsx"
        if Path(ruta).exists() and not comunes.confirmar(
                self, tr("Reemplazar archivo"),
                tr("Ya existe {r}.\n¿Desea reemplazarlo?").replace("{r}", ruta)):
            return
        guardado = con_espera(self, tr("Exportar a Excel"),
                              tr("Escribiendo {a}…").replace("{a}", Path(ruta).name),
                              cifras_procedimientos.exportar_excel, self.sesion, self.datos.cifras, ruta)
        if guardado is not None:
            comunes.avisar(self, tr("Exportado"), tr("Se guardó {r}").replace("{r}", str(guardado)))


__all__ = ["SeccionProcedimientos", "duracion", "plazo"]
