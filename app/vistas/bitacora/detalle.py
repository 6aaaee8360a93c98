"""Detalle de una entrada: quién, cuándo, qué registro, qué cambió y la instantánea para el auditor."""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QFrame, QPlainTextEdit, QPushButton, QSizePolicy, QToolButton,
                               QVBoxLayout, QWidget)

from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.fechas import fecha_hora_legible
from app.vistas.comun.fuentes import fuente_fija

TITULO_VACIO = "Seleccione una entrada de la bitácora"
TITULO_AUDITOR = "Instantánea (auditor)"


def texto_momento(momento: Any) -> str:
    """«domingo, 6 de diciembre de 2026, 15:33:49» (o el texto tal cual si no es fecha)."""
    return fecha_hora_legible(momento) if hasattr(momento, "hour") else str(momento or "")


def texto_cambios(entrada: dict[str, Any]) -> str:
    """Los cambios, uno por renglón («Estado: emitido → cancelado»)."""
    if entrada.get("instantanea") is None:
        return tr("La instantánea guardada no es JSON válido: vea la instantánea cruda abajo.")
    cambios = entrada.get("cambios") or []
    if not cambios:
        return tr("Sin cambios en los datos respecto de la entrada anterior de este registro.")
    encabezado = (tr("Datos con que se registró:") if entrada.get("anterior_id") is None
                  else tr("Cambios respecto de la entrada anterior (#{n}):").format(n=entrada["anterior_id"]))
    return encabezado + "\n" + "\n".join(f"• {cambio}" for cambio in cambios)


def texto_instantanea(entrada: dict[str, Any]) -> str:
    """Para el auditor: tabla e id internos, hashes y la instantánea JSON con sangría."""
    encabezado = [
        f"{tr('Entrada')} #{entrada['id']}",
        f"{tr('Usuario')}: {entrada['usuario']}",
        f"{tr('Acción')}: {entrada['accion']}",
        f"{tr('Canal')}: {entrada.get('canal') or tr('(sin anotar)')}",
        f"{tr('Tabla')}: {entrada['tabla']} #{entrada['registro_id']}",
        f"{tr('Hash')}: {entrada['hash']}",
        f"{tr('Hash anterior')}: {entrada['hash_anterior']}",
        "",
        tr("Instantánea del registro después del cambio:"),
    ]
    if entrada.get("instantanea") is not None:
        cuerpo = json.dumps(entrada["instantanea"], ensure_ascii=False, indent=2, sort_keys=True)
    else:
        cuerpo = tr("(la instantánea guardada no es JSON válido)") + "\n" + entrada.get("instantanea_texto", "")
    return "\n".join(encabezado) + "\n" + cuerpo


class PanelEntrada(QWidget):
    """Lo que un director lee de una entrada; la instantánea cruda va plegada debajo."""

    solo_este_registro = Signal(str, int, str)      # tabla, id, nombre del registro

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(380)
        self.entrada: dict[str, Any] | None = None
        self.titulo = etiqueta_plana(tr(TITULO_VACIO), self)
        self.titulo.setObjectName("titulo")
        self.titulo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        formulario = QFormLayout()
        formulario.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.campos = {}
        for clave, texto in (("quien", "Quién"), ("cuando", "Cuándo"), ("accion", "Acción"), ("modulo", "Módulo")):
            valor = etiqueta_plana("", self)
            valor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            etiqueta = etiqueta_plana(tr(texto) + ":", self)
            etiqueta.setObjectName("campo")
            etiqueta.setWordWrap(False)
            formulario.addRow(etiqueta, valor)
            self.campos[clave] = valor

        self.cambios = QPlainTextEdit(self)
        self.cambios.setReadOnly(True)
        self.cambios.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.cambios.setFrameShape(QFrame.Shape.StyledPanel)
        self.cambios.setPlaceholderText(tr("Aquí se ve qué cambió, campo por campo."))

        self.boton_registro = QPushButton(tr("Ver solo este registro"), self)
        self.boton_registro.setAutoDefault(False)
        self.boton_registro.setToolTip(tr("Filtra la bitácora para ver toda la historia de este registro."))
        self.boton_registro.setEnabled(False)
        self.boton_registro.clicked.connect(self._solo_este)

        self.plegable = QToolButton(self)
        self.plegable.setText(tr(TITULO_AUDITOR))
        self.plegable.setCheckable(True)
        self.plegable.setChecked(False)
        self.plegable.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.plegable.setArrowType(Qt.ArrowType.RightArrow)
        self.plegable.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.plegable.setToolTip(tr("Los datos tal como se guardaron (nombres internos, ids y hashes)."))
        self.plegable.toggled.connect(self._plegar)
        self.instantanea = QPlainTextEdit(self)
        self.instantanea.setReadOnly(True)
        self.instantanea.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.instantanea.setFont(fuente_fija())
        self.instantanea.setVisible(False)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.titulo)
        capa.addLayout(formulario)
        capa.addWidget(etiqueta_plana(tr("Qué cambió:"), self))
        capa.addWidget(self.cambios, 3)
        capa.addWidget(self.boton_registro, 0, Qt.AlignmentFlag.AlignLeft)
        capa.addWidget(self.plegable)
        capa.addWidget(self.instantanea, 2)

    def _plegar(self, abierto: bool) -> None:
        self.plegable.setArrowType(Qt.ArrowType.DownArrow if abierto else Qt.ArrowType.RightArrow)
        self.instantanea.setVisible(abierto)

    def _solo_este(self) -> None:
        if self.entrada is not None:
            self.solo_este_registro.emit(self.entrada["tabla"], self.entrada["registro_id"],
                                         self.entrada["registro"])

    def mostrar(self, entrada: dict[str, Any] | None) -> None:
        """Llena el panel con ``entrada`` (la de ``consulta_bitacora.entrada``) o lo vacía."""
        self.entrada = entrada
        self.boton_registro.setEnabled(entrada is not None)
        if entrada is None:
            self.titulo.setText(tr(TITULO_VACIO))
            for valor in self.campos.values():
                valor.clear()
            self.cambios.clear()
            self.instantanea.clear()
            return
        self.titulo.setText(entrada["registro"])
        persona, usuario = entrada["persona"], entrada["usuario"]
        self.campos["quien"].setText(f"{persona} ({usuario})" if persona != usuario else persona)
        self.campos["cuando"].setText(texto_momento(entrada["momento"]))
        self.campos["accion"].setText(entrada["accion"])
        self.campos["modulo"].setText(tr(entrada["modulo"]))
        self.cambios.setPlainText(texto_cambios(entrada))
        self.instantanea.setPlainText(texto_instantanea(entrada))
