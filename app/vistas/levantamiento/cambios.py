"""Diálogo con los cambios de resguardante propuestos para los bienes mal ubicados de un levantamiento.

El usuario marca cuáles se solicitan y puede cambiar al futuro resguardante de cada uno; al
aceptar se emiten los oficios (uno por futuro resguardante y ubicación) en una sola transacción.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QHeaderView, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.servicios.catalogos import catalogos
from app.servicios.levantamiento import levantamiento
from app.errores import ErrorValidacion
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.campos import SelectorResguardante


class DialogoCambiosLevantamiento(QDialog):
    """Una fila por bien mal ubicado: incluir, número, descripción, resguardo actual y futuro."""

    def __init__(self, sesion, levantamiento_id: int, propuestas: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.levantamiento_id, self.propuestas = sesion, levantamiento_id, list(propuestas)
        self.movimientos: list = []
        self.setWindowTitle(tr("Cambios de resguardante de los bienes mal ubicados"))
        self.resize(1100, 460)
        self.tabla = QTableWidget(len(self.propuestas), 4, self)
        self.tabla.setHorizontalHeaderLabels([tr("Solicitar"), tr("Bien"), tr("Resguardo actual"),
                                              tr("Futuro resguardante y dependencia")])
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabla.verticalHeader().setDefaultSectionSize(34)
        encabezado = self.tabla.horizontalHeader()
        encabezado.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        encabezado.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tabla.setColumnWidth(1, 300)
        self.tabla.setColumnWidth(2, 260)
        servidores = catalogos.servidores()
        self.incluir: list[QCheckBox] = []
        self.futuros: list[SelectorResguardante] = []
        for fila, propuesta in enumerate(self.propuestas):
            marca = QCheckBox(self.tabla)
            marca.setChecked(True)
            self.incluir.append(marca)
            self.tabla.setCellWidget(fila, 0, marca)
            for columna, texto in ((1, f"{propuesta.numero_inventario} · {propuesta.descripcion}"),
                                   (2, f"{propuesta.resguardante_actual or tr('(sin resguardante)')} "
                                       f"({propuesta.dependencia_actual or tr('sin dependencia')})")):
                celda = QTableWidgetItem(texto)
                celda.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tabla.setItem(fila, columna, celda)
            futuro = SelectorResguardante(self.tabla, servidores, compacto=True)
            futuro.poner(propuesta.resguardante_id, propuesta.dependencia_id)
            self.futuros.append(futuro)
            self.tabla.setCellWidget(fila, 3, futuro)
        self.errores = etiqueta_plana("", self)
        self.errores.setStyleSheet("color: #b3261e;")
        self.errores.hide()
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.boton_aceptar = botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_aceptar.setText(tr("Emitir oficios"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.aceptar)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addWidget(etiqueta_plana(tr("Se emitirá un oficio a Armonización Contable por cada futuro resguardante. "
                                         "Desmarque los bienes que no quiera mover."), self))
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.errores)
        capa.addWidget(botones)

    def elegidas(self) -> list:
        return [dataclasses.replace(p, resguardante_id=f.servidor_id(), dependencia_id=f.dependencia_id())
                for p, marca, f in zip(self.propuestas, self.incluir, self.futuros) if marca.isChecked()]

    def aceptar(self) -> None:
        elegidas = self.elegidas()
        if not elegidas:
            self.reject()
            return
        if not comunes.confirmar(self, self.windowTitle(),
                                 tr("Se solicitará el cambio de resguardante de {n} bien(es) con oficios de folio "
                                    "consecutivo. ¿Emitir?").format(n=len(elegidas))):
            return
        try:
            self.movimientos = levantamiento.aplicar_cambios(self.sesion, self.levantamiento_id, elegidas)
        except ErrorValidacion as exc:
            self.errores.setText("\n".join(m for _c, m in exc.errores))
            self.errores.show()
            return
        except Exception as exc:  # noqa: BLE001 - se muestra en español; nada se emitió
            comunes.ejecutar(self, _relanzar, exc)
            return
        self.accept()


def _relanzar(exc: Exception) -> None:
    raise exc
