"""Barra de filtros de la bitácora: fechas, usuario, módulo y registro."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.servicios.nucleo.consulta_bitacora import Filtro, modulos
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import tr
from app.vistas.comun.fechas import fecha_de, qfecha

DIAS_ATRAS_POR_OMISION = 30
PAUSA_MS = 300


class BarraFiltros(QWidget):
    """Filtros de la bitácora; emite ``cambiado`` cuando el usuario cambia alguno."""

    cambiado = Signal()

    def __init__(self, usuarios: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hoy = hoy_mexico()
        self.usar_desde = QCheckBox(tr("Desde"), self)
        self.desde = self._fecha(hoy - dt.timedelta(days=DIAS_ATRAS_POR_OMISION))
        self.usar_hasta = QCheckBox(tr("Hasta"), self)
        self.hasta = self._fecha(hoy)
        for casilla, fecha in ((self.usar_desde, self.desde), (self.usar_hasta, self.hasta)):
            fecha.setEnabled(False)
            casilla.toggled.connect(fecha.setEnabled)
            casilla.toggled.connect(lambda _c: self.cambiado.emit())
            fecha.dateChanged.connect(lambda _f: self.cambiado.emit())

        self.usuario = QComboBox(self)
        self.usuario.setToolTip(tr("Quién hizo el cambio"))
        self.usuario.addItem(tr("Todas las personas"), "")
        for nombre_usuario, persona in usuarios:
            self.usuario.addItem(f"{persona} ({nombre_usuario})" if persona != nombre_usuario else persona,
                                 nombre_usuario)
        self.usuario.setMinimumContentsLength(16)
        self.usuario.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.usuario.currentIndexChanged.connect(lambda _i: self.cambiado.emit())

        self.modulo = QComboBox(self)
        self.modulo.setToolTip(tr("La pestaña donde se hizo el cambio"))
        self.modulo.addItem(tr("Todos los módulos"), "")
        for nombre in modulos():
            self.modulo.addItem(tr(nombre), nombre)
        self.modulo.currentIndexChanged.connect(lambda _i: self.cambiado.emit())

        self.registro = QLineEdit(self)
        self.registro.setPlaceholderText(tr("Registro: folio, número o nombre…"))
        self.registro.setToolTip(tr("Solo los cambios de los registros cuyo folio, número, serie o nombre "
                                    "contiene este texto (p. ej. «TM/DTI/0003», «T-2026-00012», «Tesorería»)."))
        self.registro.setClearButtonEnabled(True)
        self.registro.setMinimumWidth(200)
        self._pausa = QTimer(self)
        self._pausa.setSingleShot(True)
        self._pausa.setInterval(PAUSA_MS)
        self._pausa.timeout.connect(self.cambiado.emit)
        self.registro.textChanged.connect(lambda _t: self._pausa.start())

        self.quitar = QPushButton(tr("Quitar filtros"), self)
        self.quitar.setAutoDefault(False)
        self.quitar.clicked.connect(self.limpiar)

        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        for widget in (self.usar_desde, self.desde, self.usar_hasta, self.hasta, self.usuario, self.modulo):
            capa.addWidget(widget)
        capa.addWidget(self.registro, 1)
        capa.addWidget(self.quitar)
        # Un registro exacto («Ver solo este registro»), además de los filtros visibles.
        self.exacto: tuple[str, int] | None = None

    def _fecha(self, fecha: dt.date) -> QDateEdit:
        editor = QDateEdit(self)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("dd/MM/yyyy")
        editor.setDate(qfecha(fecha))
        return editor

    def filtro(self, busqueda: str = "") -> Filtro:
        """Lo elegido, como filtro del servicio."""
        tabla, registro_id = self.exacto if self.exacto else ("", None)
        return Filtro(busqueda=busqueda,
                      desde=fecha_de(self.desde.date()) if self.usar_desde.isChecked() else None,
                      hasta=fecha_de(self.hasta.date()) if self.usar_hasta.isChecked() else None,
                      usuario=self.usuario.currentData() or "", modulo=self.modulo.currentData() or "",
                      registro=self.registro.text(), tabla=tabla, registro_id=registro_id)

    def solo_registro(self, tabla: str, registro_id: int, nombre: str) -> None:
        """Muestra solo la historia de un registro (hasta que se quiten los filtros)."""
        self.exacto = (tabla, registro_id)
        self.registro.blockSignals(True)
        self.registro.setText("")
        self.registro.setPlaceholderText(tr("Solo: {registro}").format(registro=nombre))
        self.registro.blockSignals(False)
        self.cambiado.emit()

    def limpiar(self) -> None:
        """Vuelve a «todo» sin emitir una señal por cada control; emite ``cambiado`` una vez."""
        controles = (self.usar_desde, self.usar_hasta, self.usuario, self.modulo, self.registro,
                     self.desde, self.hasta)
        for control in controles:
            control.blockSignals(True)
        self.usar_desde.setChecked(False)
        self.usar_hasta.setChecked(False)
        self.desde.setEnabled(False)
        self.hasta.setEnabled(False)
        self.usuario.setCurrentIndex(0)
        self.modulo.setCurrentIndex(0)
        self.registro.clear()
        self.registro.setPlaceholderText(tr("Registro: folio, número o nombre…"))
        self.exacto = None
        for control in controles:
            control.blockSignals(False)
        self.cambiado.emit()
