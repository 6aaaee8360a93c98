"""Diálogo «Destinatarios de avisos»: quién recibe por correo los avisos de pasos y de vencidos."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.errores import ErrorValidacion
from app.servicios.bandeja import avisos
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, tr
from app.vistas.comun.tabla import Columna, TablaFiltrable

if TYPE_CHECKING:
    from app.modelos import Usuario


class DialogoDestinatarios(QDialog):
    """Lista de destinatarios, alta de uno nuevo y baja del elegido (todo queda en la bitácora)."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.setWindowTitle(tr("Destinatarios de avisos"))
        self.setMinimumWidth(760)
        self.tabla = TablaFiltrable([
            Columna(tr("Aviso"), lambda r: r["clase"], 230),
            Columna(tr("Área"), lambda r: r["area"], 260),
            Columna(tr("Correo"), lambda r: r["correo"], 200),
            Columna(tr("Estado"), lambda r: r["estado"], 70),
        ], parent=self)
        self.tabla.busqueda.hide()
        self.clase = QComboBox(self)
        for clave, texto in avisos.CLASES.items():
            self.clase.addItem(tr(texto), clave)
        self.area = QComboBox(self)
        for area in avisos.AREAS:
            self.area.addItem(area, area)
        self.correo = QLineEdit(self)
        self.correo.setMaxLength(254)
        self.correo.setPlaceholderText(tr("nombre@dominio.gob.mx"))
        self.errores = etiqueta_plana("", self)
        self.errores.setObjectName("error")
        self.errores.hide()
        self.boton_agregar = QPushButton(tr("&Agregar"), self)
        self.boton_baja = QPushButton(tr("Dar de &baja al elegido"), self)
        formulario = QFormLayout()
        formulario.addRow(tr("A&viso:"), self.clase)
        formulario.addRow(tr("Á&rea:"), self.area)
        formulario.addRow(tr("&Correo:"), self.correo)
        acciones = QHBoxLayout()
        acciones.addWidget(self.boton_agregar)
        acciones.addStretch(1)
        acciones.addWidget(self.boton_baja)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        botones.button(QDialogButtonBox.StandardButton.Close).setText(tr("Cerrar"))
        botones.rejected.connect(self.accept)
        capa = QVBoxLayout(self)
        capa.addWidget(self.tabla, 1)
        capa.addLayout(formulario)
        capa.addWidget(self.errores)
        capa.addLayout(acciones)
        capa.addWidget(botones)
        self.clase.currentIndexChanged.connect(self._al_cambiar_clase)
        self.correo.textChanged.connect(lambda _t: marcar_campo(self.correo, False))
        self.boton_agregar.clicked.connect(lambda _c=False: self.agregar())
        self.boton_baja.clicked.connect(lambda _c=False: self.dar_de_baja())
        self._al_cambiar_clase()
        self.refrescar()

    def _al_cambiar_clase(self) -> None:
        self.area.setEnabled(self.clase.currentData() == avisos.PASO)

    def refrescar(self) -> None:
        self.tabla.cargar([{"id": d.id, "clase": avisos.CLASES.get(d.clase, d.clase), "area": d.area or "—",
                            "correo": d.correo, "estado": tr("Activo") if d.activo else tr("De baja")}
                           for d in avisos.destinatarios()])

    def agregar(self) -> None:
        try:
            avisos.agregar_destinatario(self.sesion, self.clase.currentData(), self.correo.text(),
                                        self.area.currentData() if self.area.isEnabled() else "")
        except ErrorValidacion as exc:
            comunes.marcar_errores({"correo": self.correo, "area": self.area}, exc.errores, self.errores)
            return
        except Exception as exc:  # noqa: BLE001 - el aviso lo explica con comunes.ejecutar
            comunes.ejecutar(self, _relanzar, exc)
            return
        self.errores.hide()
        self.correo.clear()
        self.refrescar()

    def dar_de_baja(self) -> None:
        identificador = self.tabla.id_actual()
        if identificador is None:
            return
        if comunes.ejecutar(self, avisos.desactivar_destinatario, self.sesion, identificador) is not None:
            self.refrescar()


def _relanzar(exc: Exception) -> None:
    raise exc
