"""Pestaña «Tablero»: cifras de la mesa de ayuda, gráfica por mes y exportaciones.

Cada cifra tiene su botón «Excel»; «Exportar todo» guarda todas en un libro y
«Informe mensual (PDF)» genera el informe de actividades para la Tesorería. La
sección «Por procedimiento» muestra los casos y los tiempos por paso de los 21
procedimientos (:mod:`app.vistas.tablero.procedimientos`).
"""
from __future__ import annotations

import atexit
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QThread, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QScrollArea, QSizePolicy, QSpinBox,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import guardar_como
from app.servicios.nucleo import permisos
from app.servicios.tablero import tablero
from app.tiempo import hoy_mexico
from app.vistas.comun import impresion
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.segundo_plano import conexion_del_hilo
from app.vistas.tablero import procedimientos as vista_procedimientos
from app.vistas.tablero.procedimientos import SeccionProcedimientos

if TYPE_CHECKING:
    from app.modelos import Usuario

GUINDA = QColor("#6B1B2E")
DORADO = QColor("#B38E5D")
MESES_CORTOS = ("Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic")


def elegir_destino(padre: QWidget, titulo: str, nombre: str, filtro: str) -> str:
    """Diálogo «Guardar como» ('' si el usuario desiste)."""
    ruta, _f = guardar_como(padre, titulo, nombre, filtro)
    return ruta


def formatear(valor, formato: str) -> str:
    if valor is None:
        return "—"
    if formato == "porcentaje":
        return f"{valor * 100:.1f} %"
    if formato == "horas":
        return f"{valor:,.2f} h"
    if formato == "entero":
        return f"{valor:,}"
    if formato == "mes":
        return f"{MESES_CORTOS[valor.month - 1]} {valor.year}"
    return str(valor)


class GraficaMeses(QWidget):
    """Barras de tickets recibidos y resueltos por mes, dibujadas con QPainter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filas: list[tuple] = []
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def cargar(self, filas: list[tuple]) -> None:
        self.filas = list(filas)
        self.update()

    def paintEvent(self, _evento) -> None:  # noqa: N802 - API de Qt
        pintor = QPainter(self)
        pintor.setRenderHint(QPainter.RenderHint.Antialiasing)
        pintor.fillRect(self.rect(), QColor("white"))
        metrica = self.fontMetrics()
        alto_texto = metrica.height()
        izquierda, derecha, arriba, abajo = 40, 12, alto_texto + 10, alto_texto + 8
        area = QRectF(izquierda, arriba, self.width() - izquierda - derecha, self.height() - arriba - abajo)
        maximo = max([max(r, s) for _m, r, s in self.filas] + [1])
        # Escala «redonda» para las líneas guía.
        paso = max(1, round(maximo / 4))
        tope = paso * 4 if paso * 4 >= maximo else paso * 5
        pintor.setPen(QPen(QColor("#dddddd"), 1))
        for i in range(0, tope + 1, paso):
            y = area.bottom() - area.height() * i / tope
            pintor.drawLine(int(area.left()), int(y), int(area.right()), int(y))
            pintor.setPen(QColor("#555555"))
            pintor.drawText(QRectF(0, y - alto_texto / 2, izquierda - 6, alto_texto),
                            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{i:,}")
            pintor.setPen(QPen(QColor("#dddddd"), 1))
        if self.filas:
            ancho_mes = area.width() / len(self.filas)
            barra = max(2.0, ancho_mes * 0.34)
            for i, (mes, recibidos, resueltos) in enumerate(self.filas):
                x = area.left() + i * ancho_mes + ancho_mes * 0.14
                for j, (valor, color) in enumerate(((recibidos, GUINDA), (resueltos, DORADO))):
                    alto = area.height() * valor / tope
                    pintor.fillRect(QRectF(x + j * barra, area.bottom() - alto, barra, alto), color)
                pintor.setPen(QColor("#333333"))
                pintor.drawText(QRectF(area.left() + i * ancho_mes, area.bottom() + 4, ancho_mes, alto_texto),
                                int(Qt.AlignmentFlag.AlignHCenter), MESES_CORTOS[mes.month - 1])
        # Leyenda.
        x = area.left()
        for nombre, color in ((tr("Recibidos"), GUINDA), (tr("Resueltos"), DORADO)):
            pintor.fillRect(QRectF(x, 4, 12, 12), color)
            pintor.setPen(QColor("#333333"))
            pintor.drawText(int(x + 16), 4 + metrica.ascent(), nombre)
            x += 28 + metrica.horizontalAdvance(nombre)
        pintor.end()


class _Calculo(QThread):
    """Calcula las cifras en segundo plano: con cientos de miles de tickets el año tarda segundos."""

    listo = Signal(int, object, object)      # generación, cifras, error

    def __init__(self, generacion: int, anio: int, mes: int | None) -> None:
        super().__init__()
        self.generacion, self.anio, self.mes = generacion, anio, mes

    def run(self) -> None:
        cifras, error = None, None
        with conexion_del_hilo():
            try:
                cifras = tablero.todas(self.anio, self.mes)
            except Exception as exc:  # noqa: BLE001 - se muestra en la pantalla
                error = exc
        self.listo.emit(self.generacion, cifras, error)


_EN_CURSO: set[_Calculo] = set()     # referencias vivas hasta que terminan (aunque se cierre la pestaña)


def esperar_calculos(milisegundos: int = 30000) -> None:
    """Espera a que terminen los cálculos en curso (al cerrar la aplicación y en las pruebas)."""
    for calculo in list(_EN_CURSO):
        calculo.wait(milisegundos)
    vista_procedimientos.esperar_calculos(milisegundos)


atexit.register(esperar_calculos)     # un QThread destruido mientras corre aborta el proceso


class TarjetaCifra(QGroupBox):
    """Una cifra del tablero: tabla pequeña y su botón de Excel."""

    def __init__(self, vista: "VistaTablero", clave: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vista = vista
        self.clave = clave
        self.cifra: tablero.Cifra | None = None
        self.tabla = QTableWidget(0, 0, self)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.verticalHeader().setDefaultSectionSize(22)
        self.tabla.setMinimumHeight(110)
        self.boton_excel = QPushButton(tr("Excel…"), self)
        self.boton_excel.setAutoDefault(False)
        self.boton_excel.clicked.connect(lambda _c=False: self.vista.exportar([self.cifra], self.clave))
        capa = QVBoxLayout(self)
        capa.addWidget(self.tabla, 1)
        fila = QHBoxLayout()
        fila.addStretch(1)
        fila.addWidget(self.boton_excel)
        capa.addLayout(fila)

    def cargar(self, cifra: tablero.Cifra) -> None:
        self.cifra = cifra
        self.setTitle(cifra.titulo)
        self.tabla.clear()
        self.tabla.setColumnCount(len(cifra.encabezados))
        self.tabla.setHorizontalHeaderLabels(cifra.encabezados)
        self.tabla.setRowCount(len(cifra.filas))
        formatos = cifra.formatos or ["texto"] * len(cifra.encabezados)
        for i, fila in enumerate(cifra.filas):
            for j, valor in enumerate(fila):
                celda = QTableWidgetItem(formatear(valor, formatos[j]))
                if formatos[j] != "texto":
                    celda.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.tabla.setItem(i, j, celda)
        encabezado = self.tabla.horizontalHeader()
        encabezado.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for j in range(1, len(cifra.encabezados)):
            encabezado.setSectionResizeMode(j, QHeaderView.ResizeMode.ResizeToContents)


class VistaTablero(QWidget):
    """Tablero del jefe de Soporte y del director."""

    TITULO = "Tablero"
    CLAVES = ("abiertos_estado", "abiertos_dependencia", "tiempos", "sla", "equipos", "categorias")

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.cifras: list[tablero.Cifra] = []
        self._generacion = 0
        self._pendiente: int | None = None
        hoy = hoy_mexico()
        self.anio = QSpinBox(self)
        self.anio.setRange(2000, 2100)
        self.anio.setValue(hoy.year)
        self.mes = QComboBox(self)
        self.mes.addItem(tr("Todo el año"), None)
        for i, nombre in enumerate(tablero.MESES, start=1):
            self.mes.addItem(nombre.capitalize(), i)
        self.mes.setCurrentIndex(hoy.month)
        puede_exportar = permisos.puede(sesion, permisos.EXPORTAR)
        self.boton_todo = QPushButton(tr("Exportar todo a Excel…"), self)
        self.boton_informe = QPushButton(tr("Informe mensual (PDF)…"), self)
        self.boton_informe.setObjectName("principal")
        for boton in (self.boton_todo, self.boton_informe):
            boton.setAutoDefault(False)
            boton.setEnabled(puede_exportar)
        self.boton_todo.clicked.connect(lambda _c=False: self.exportar(self.cifras, "tablero"))
        self.boton_informe.clicked.connect(lambda _c=False: self.informe_pdf())
        arriba = QHBoxLayout()
        for texto, widget in ((tr("&Año:"), self.anio), (tr("&Mes:"), self.mes)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(widget)
            arriba.addWidget(etiqueta)
            arriba.addWidget(widget)
        arriba.addStretch(1)
        arriba.addWidget(self.boton_todo)
        arriba.addWidget(self.boton_informe)
        self.anio.valueChanged.connect(lambda _v: self.refrescar())
        self.mes.currentIndexChanged.connect(lambda _i: self.refrescar())

        self.resumen = etiqueta_plana("", self)
        self.resumen.setObjectName("titulo")
        self.grafica = GraficaMeses(self)
        self.caja_grafica = QGroupBox(self)
        capa_grafica = QVBoxLayout(self.caja_grafica)
        capa_grafica.addWidget(self.grafica, 1)
        fila_excel = QHBoxLayout()
        fila_excel.addStretch(1)
        self.boton_excel_meses = QPushButton(tr("Excel…"), self.caja_grafica)
        self.boton_excel_meses.setAutoDefault(False)
        self.boton_excel_meses.clicked.connect(
            lambda _c=False: self.exportar([self._cifra("por_mes")] if self.cifras else [], "por_mes"))
        fila_excel.addWidget(self.boton_excel_meses)
        capa_grafica.addLayout(fila_excel)

        self.tarjetas = {clave: TarjetaCifra(self, clave, self) for clave in self.CLAVES}
        for tarjeta in self.tarjetas.values():
            tarjeta.boton_excel.setEnabled(puede_exportar)
        self.boton_excel_meses.setEnabled(puede_exportar)
        rejilla = QGridLayout()
        rejilla.addWidget(self.caja_grafica, 0, 0, 1, 2)
        rejilla.addWidget(self.tarjetas["abiertos_estado"], 0, 2)
        rejilla.addWidget(self.tarjetas["tiempos"], 1, 0)
        rejilla.addWidget(self.tarjetas["sla"], 1, 1)
        rejilla.addWidget(self.tarjetas["abiertos_dependencia"], 1, 2)
        rejilla.addWidget(self.tarjetas["equipos"], 2, 0, 1, 2)
        rejilla.addWidget(self.tarjetas["categorias"], 2, 2)
        for columna in range(3):
            rejilla.setColumnStretch(columna, 1)
        contenido = QWidget(self)
        capa_contenido = QVBoxLayout(contenido)
        capa_contenido.addWidget(self.resumen)
        capa_contenido.addLayout(rejilla, 1)
        desplazable = QScrollArea(self)
        desplazable.setWidgetResizable(True)
        desplazable.setWidget(contenido)
        mesa = QWidget(self)
        capa_mesa = QVBoxLayout(mesa)
        capa_mesa.setContentsMargins(0, 4, 0, 0)
        capa_mesa.addLayout(arriba)
        capa_mesa.addWidget(desplazable, 1)
        self.por_procedimiento = SeccionProcedimientos(sesion, self)
        self.secciones = QTabWidget(self)
        self.secciones.setDocumentMode(True)
        self.secciones.addTab(mesa, tr("Mesa de ayuda"))
        self.secciones.addTab(self.por_procedimiento, tr("Por procedimiento"))
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.secciones, 1)
        self.refrescar()

    def _cifra(self, clave: str) -> tablero.Cifra:
        return next(c for c in self.cifras if c.clave == clave)

    @property
    def cargando(self) -> bool:
        return self._pendiente is not None

    def refrescar(self) -> None:
        """Pide las cifras en segundo plano; la respuesta de una petición anterior se descarta."""
        self._generacion += 1
        self._pendiente = self._generacion
        self.resumen.setText(tr("Calculando las cifras…"))
        for widget in (self.boton_todo, self.boton_informe):
            widget.setEnabled(False)
        calculo = _Calculo(self._generacion, self.anio.value(), self.mes.currentData())
        calculo.listo.connect(self._recibir)
        calculo.finished.connect(lambda c=calculo: (_EN_CURSO.discard(c), c.deleteLater()))
        _EN_CURSO.add(calculo)
        calculo.start()

    def _recibir(self, generacion: int, cifras, error) -> None:
        if generacion != self._generacion:
            return
        self._pendiente = None
        if error is not None:
            self.resumen.setText(tr("No se pudieron calcular las cifras: ") + str(error))
            return
        self.cifras = cifras
        self.boton_todo.setEnabled(permisos.puede(self.sesion, permisos.EXPORTAR))
        self._mostrar()

    def _mostrar(self) -> None:
        por_mes = self._cifra("por_mes")
        self.caja_grafica.setTitle(por_mes.titulo)
        self.grafica.cargar(por_mes.filas)
        for clave, tarjeta in self.tarjetas.items():
            tarjeta.cargar(self._cifra(clave))
        abiertos = sum(n for _e, n in self._cifra("abiertos_estado").filas)
        sla_filas = self._cifra("sla").filas
        cumplimiento = sla_filas[1][3]
        self.resumen.setText(
            tr("{n} tickets abiertos · cumplimiento de SLA de solución: {p}").replace("{n}", f"{abiertos:,}")
            .replace("{p}", formatear(cumplimiento, "porcentaje")))
        self.boton_informe.setEnabled(self.mes.currentData() is not None
                                      and permisos.puede(self.sesion, permisos.EXPORTAR))

    def exportar(self, cifras: list, nombre: str) -> None:
        cifras = [c for c in cifras if c is not None]
        if not cifras or self.cargando:
            return
        destino = elegir_destino(self, tr("Exportar a Excel"), f"{nombre}-{self.anio.value()}.xlsx",
                                 tr("Libro de Excel (*.xlsx)"))
        if not destino:
            return
        if not destino.lower().endswith(".xlsx"):
            destino += ".xlsx"
        if comunes.ejecutar(self, tablero.exportar_excel, self.sesion, cifras, destino) is None \
                and Path(destino).exists():
            comunes.avisar(self, tr("Exportado"), tr("Se guardó {r}").replace("{r}", destino))

    def informe_pdf(self) -> None:
        mes = self.mes.currentData()
        if mes is None:
            return
        destino = elegir_destino(self, tr("Informe mensual"),
                                 f"informe-mesa-de-ayuda-{self.anio.value()}-{mes:02d}.pdf",
                                 tr("Documento PDF (*.pdf)"))
        if not destino:
            return
        if not destino.lower().endswith(".pdf"):
            destino += ".pdf"
        contenido = comunes.ejecutar(self, tablero.pdf_informe_mensual, self.sesion, self.anio.value(), mes)
        if contenido is None:
            return
        try:
            Path(destino).write_bytes(contenido)
        except OSError as error:
            comunes.avisar(self, tr("No se pudo guardar"),
                           tr("No se pudo escribir el archivo (¿está abierto en otro programa?): ") + str(error))
            return
        impresion.ofrecer_impresion(self, tr("Informe guardado"), tr("Se guardó {r}").replace("{r}", destino),
                                    contenido, tr("Informe mensual de la mesa de ayuda"))


__all__ = ["VistaTablero", "GraficaMeses"]
