"""Configuración de la mesa de ayuda: horario laboral, días inhábiles y metas de SLA.

El calendario laboral lo usan también los mantenimientos (fuera de horario) y el
cálculo de SLA en horas hábiles. Solo quien puede modificar catálogos lo cambia.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDateEdit, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QTimeEdit,
                               QVBoxLayout, QWidget)

from app.servicios.nucleo import calendario_laboral, permisos
from app.servicios.mesa_ayuda import sla
from app.tiempo import hoy_mexico
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.fechas import qfecha_hoy

if TYPE_CHECKING:
    from app.modelos import Usuario


class DialogoConfiguracion(QDialog):
    """Horario, días inhábiles del año y metas de SLA por prioridad."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.setWindowTitle(tr("Calendario laboral y metas de SLA"))
        editable = permisos.puede(sesion, permisos.EDITAR_CATALOGOS)

        # Horario.
        horario = calendario_laboral.horario()
        caja_horario = QGroupBox(tr("Horario laboral"), self)
        self.inicio = QTimeEdit(QTime(horario.hora_inicio.hour, horario.hora_inicio.minute), caja_horario)
        self.fin = QTimeEdit(QTime(horario.hora_fin.hour, horario.hora_fin.minute), caja_horario)
        for campo in (self.inicio, self.fin):
            campo.setDisplayFormat("HH:mm")
        self.dias = []
        fila_dias = QHBoxLayout()
        for numero, nombre in enumerate(calendario_laboral.NOMBRES_DIA):
            casilla = QCheckBox(nombre.capitalize(), caja_horario)
            casilla.setChecked(numero in horario.dias_habiles)
            self.dias.append(casilla)
            fila_dias.addWidget(casilla)
        self.boton_horario = QPushButton(tr("Guardar horario"), caja_horario)
        self.boton_horario.clicked.connect(lambda _c=False: self.guardar_horario())
        capa_horario = QGridLayout(caja_horario)
        capa_horario.addWidget(QLabel(tr("De:")), 0, 0)
        capa_horario.addWidget(self.inicio, 0, 1)
        capa_horario.addWidget(QLabel(tr("a:")), 0, 2)
        capa_horario.addWidget(self.fin, 0, 3)
        capa_horario.setColumnStretch(4, 1)
        capa_horario.addLayout(fila_dias, 1, 0, 1, 5)
        capa_horario.addWidget(self.boton_horario, 2, 4, Qt.AlignmentFlag.AlignRight)

        # Días inhábiles.
        caja_dias = QGroupBox(tr("Días inhábiles"), self)
        self.anio = QSpinBox(caja_dias)
        self.anio.setRange(2000, 2100)
        self.anio.setValue(hoy_mexico().year)
        self.anio.valueChanged.connect(lambda _v: self.cargar_dias())
        self.tabla_dias = QTableWidget(0, 3, caja_dias)
        self.tabla_dias.setHorizontalHeaderLabels([tr("Fecha"), tr("Descripción"), tr("Situación")])
        self.tabla_dias.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla_dias.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla_dias.verticalHeader().setVisible(False)
        self.tabla_dias.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabla_dias.setColumnWidth(0, 100)
        self.tabla_dias.setColumnWidth(2, 120)
        self.fecha_nueva = QDateEdit(qfecha_hoy(), caja_dias)
        self.fecha_nueva.setCalendarPopup(True)
        self.fecha_nueva.setDisplayFormat("dd/MM/yyyy")
        self.descripcion_nueva = QLineEdit(caja_dias)
        self.descripcion_nueva.setPlaceholderText(tr("Motivo (p. ej. Día de Muertos)"))
        self.boton_agregar = QPushButton(tr("Declarar inhábil"), caja_dias)
        self.boton_quitar = QPushButton(tr("Volver hábil el seleccionado"), caja_dias)
        self.boton_agregar.clicked.connect(lambda _c=False: self.agregar_dia())
        self.boton_quitar.clicked.connect(lambda _c=False: self.quitar_dia())
        capa_dias = QVBoxLayout(caja_dias)
        fila = QHBoxLayout()
        fila.addWidget(QLabel(tr("Año:")))
        fila.addWidget(self.anio)
        fila.addStretch(1)
        fila.addWidget(self.boton_quitar)
        capa_dias.addLayout(fila)
        capa_dias.addWidget(self.tabla_dias, 1)
        fila = QHBoxLayout()
        fila.addWidget(self.fecha_nueva)
        fila.addWidget(self.descripcion_nueva, 1)
        fila.addWidget(self.boton_agregar)
        capa_dias.addLayout(fila)

        # Metas de SLA.
        caja_sla = QGroupBox(tr("Metas de SLA (horas hábiles)"), self)
        capa_sla = QGridLayout(caja_sla)
        capa_sla.addWidget(QLabel(tr("Prioridad")), 0, 0)
        capa_sla.addWidget(QLabel(tr("Primera respuesta")), 0, 1)
        capa_sla.addWidget(QLabel(tr("Solución")), 0, 2)
        self.metas: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        for fila_n, (clave, meta) in enumerate(sla.metas().items(), start=1):
            respuesta, solucion = QDoubleSpinBox(caja_sla), QDoubleSpinBox(caja_sla)
            for campo, valor in ((respuesta, meta.horas_respuesta), (solucion, meta.horas_resolucion)):
                campo.setRange(0.25, 2000)
                campo.setDecimals(2)
                campo.setSingleStep(0.5)
                campo.setValue(valor)
                campo.setSuffix(" h")
            self.metas[clave] = (respuesta, solucion)
            capa_sla.addWidget(QLabel(tr(sla.PRIORIDADES[clave])), fila_n, 0)
            capa_sla.addWidget(respuesta, fila_n, 1)
            capa_sla.addWidget(solucion, fila_n, 2)
        self.boton_metas = QPushButton(tr("Guardar metas"), caja_sla)
        self.boton_metas.clicked.connect(lambda _c=False: self.guardar_metas())
        capa_sla.addWidget(self.boton_metas, len(self.metas) + 1, 2)
        nota = etiqueta_plana(tr("Las metas nuevas aplican a los tickets que se registren después."), caja_sla)
        nota.setObjectName("ayuda")
        capa_sla.addWidget(nota, len(self.metas) + 2, 0, 1, 3)

        for widget in ([self.inicio, self.fin, self.boton_horario, self.boton_agregar, self.boton_quitar,
                        self.boton_metas, self.fecha_nueva, self.descripcion_nueva] + self.dias
                       + [c for par in self.metas.values() for c in par]):
            widget.setEnabled(editable)

        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        botones.button(QDialogButtonBox.StandardButton.Close).setText(tr("Cerrar"))
        botones.rejected.connect(self.reject)
        capa = QGridLayout(self)
        capa.addWidget(caja_horario, 0, 0)
        capa.addWidget(caja_sla, 1, 0)
        capa.addWidget(caja_dias, 0, 1, 2, 1)
        capa.addWidget(botones, 2, 0, 1, 2)
        capa.setColumnStretch(1, 1)
        self.resize(1060, 520)
        self.cargar_dias()

    def cargar_dias(self) -> None:
        dias = calendario_laboral.dias_inhabiles(self.anio.value())
        self.tabla_dias.setRowCount(len(dias))
        for i, dia in enumerate(dias):
            situacion = ("Oficial" if dia["oficial"] else "Capturado") + ("" if dia["activo"] else " · hábil")
            for j, valor in enumerate((f"{dia['fecha']:%d/%m/%Y}", dia["descripcion"], situacion)):
                celda = QTableWidgetItem(valor)
                celda.setData(Qt.ItemDataRole.UserRole, dia["fecha"].isoformat())
                if not dia["activo"]:
                    celda.setForeground(Qt.GlobalColor.gray)
                self.tabla_dias.setItem(i, j, celda)

    def guardar_horario(self) -> None:
        inicio, fin = self.inicio.time(), self.fin.time()
        resultado = comunes.ejecutar(
            self, calendario_laboral.guardar_horario, self.sesion, dt.time(inicio.hour(), inicio.minute()),
            dt.time(fin.hour(), fin.minute()), [i for i, c in enumerate(self.dias) if c.isChecked()])
        if resultado is not None:
            comunes.avisar(self, tr("Horario guardado"), tr("Horario laboral: ") + resultado.descripcion())

    def agregar_dia(self) -> None:
        fecha = self.fecha_nueva.date()
        if comunes.ejecutar(self, calendario_laboral.agregar_dia_inhabil, self.sesion,
                            dt.date(fecha.year(), fecha.month(), fecha.day()), self.descripcion_nueva.text()):
            self.descripcion_nueva.clear()
            self.anio.setValue(fecha.year())
            self.cargar_dias()

    def quitar_dia(self) -> None:
        fila = self.tabla_dias.currentRow()
        celda = self.tabla_dias.item(fila, 0) if fila >= 0 else None
        if celda is None:
            return
        fecha = dt.date.fromisoformat(celda.data(Qt.ItemDataRole.UserRole))
        comunes.ejecutar(self, calendario_laboral.quitar_dia_inhabil, self.sesion, fecha)
        self.cargar_dias()

    def guardar_metas(self) -> None:
        for clave, (respuesta, solucion) in self.metas.items():
            if comunes.ejecutar(self, sla.guardar_meta, self.sesion, clave, respuesta.value(),
                                solucion.value()) is None:
                return
        comunes.avisar(self, tr("Metas guardadas"), tr("Las metas de SLA se guardaron."))


def abrir_configuracion(padre: QWidget | None, sesion: Usuario) -> None:
    DialogoConfiguracion(sesion, padre).exec()
