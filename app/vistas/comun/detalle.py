"""El panel de detalle que va a la derecha de una lista (oficios, dictámenes, licencias…).

Un título («Seleccione un oficio» mientras no hay selección), filas «Etiqueta: valor» de solo
lectura y seleccionables con el ratón, las filas extra que cada pestaña agregue (listas, enlaces)
y, bajo el área desplazable, los botones de la pestaña. Así las pestañas se ven y se leen igual.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QFrame, QGridLayout, QLabel, QLayout, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from app.vistas.comun.comunes import etiqueta_plana, tr


class PanelDetalle(QWidget):
    """Detalle de solo lectura: ``campos[clave]`` es la etiqueta donde va el valor de cada fila."""

    def __init__(self, padre: QWidget, titulo_vacio: str, filas: Sequence[tuple[str, str]],
                 ancho_minimo: int = 360) -> None:
        super().__init__(padre)
        self.setMinimumWidth(ancho_minimo)
        self.capa = QVBoxLayout(self)
        self.capa.setContentsMargins(0, 0, 0, 0)
        self.panel = QFrame(self)
        self.panel.setObjectName("panel")
        interior = QVBoxLayout(self.panel)
        self.titulo = etiqueta_plana(titulo_vacio, self.panel)
        self.titulo.setObjectName("titulo")
        interior.addWidget(self.titulo)
        self.formulario = QFormLayout()
        self.formulario.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.campos: dict[str, QLabel] = {}
        for clave, texto in filas:
            valor = etiqueta_plana("", self.panel)
            valor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.agregar_fila(texto, valor)
            self.campos[clave] = valor
        interior.addLayout(self.formulario)
        interior.addStretch(1)
        desplazable = QScrollArea(self)
        desplazable.setWidgetResizable(True)
        # Sin barra horizontal: los textos se ajustan al ancho del panel.
        desplazable.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        desplazable.setFrameShape(QFrame.Shape.NoFrame)
        desplazable.setWidget(self.panel)
        self.capa.addWidget(desplazable, 1)

    def agregar_fila(self, texto: str, widget: QWidget) -> None:
        """Agrega la fila «texto: widget» (una lista, un enlace…) al final del formulario."""
        etiqueta = QLabel(tr(texto) + ":", self.panel)
        etiqueta.setObjectName("campo")
        self.formulario.addRow(etiqueta, widget)

    def agregar_al_pie(self, elemento: QWidget | QLayout) -> None:
        """Pone ``elemento`` (p. ej. la rejilla de botones) bajo el área desplazable."""
        if isinstance(elemento, QLayout):
            self.capa.addLayout(elemento)
        else:
            self.capa.addWidget(elemento)

    def agregar_botones(self, botones: Sequence[QPushButton], columnas: int = 2) -> None:
        """Los botones de la pestaña en una rejilla bajo el detalle (de ``columnas`` en ``columnas``)."""
        rejilla = QGridLayout()
        rejilla.setContentsMargins(0, 6, 0, 0)
        for posicion, boton in enumerate(botones):
            rejilla.addWidget(boton, posicion // columnas, posicion % columnas)
        self.capa.addLayout(rejilla)
