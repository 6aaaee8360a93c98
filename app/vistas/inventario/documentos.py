"""Documentos de la pestaña «Inventario»: etiquetas QR y resguardo del resguardante."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGridLayout, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import guardar_como
from app.servicios.catalogos import catalogos
from app.servicios.inventario import etiquetas, resguardos
from app.tiempo import hoy_mexico
from app.vistas.comun import impresion
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.progreso import con_espera
from app.vistas.comun.archivos import carpeta_documentos, escribir_archivo

SELECCION = "seleccion"
DEPENDENCIA = "dependencia"
TODAS = "todas"
_PROHIBIDOS_EN_ARCHIVO = re.compile(r'[\\/:*?"<>|\x00-\x1f]')     # Windows no los acepta en nombres


def pedir_ruta_pdf(padre: QWidget, titulo: str, nombre: str) -> str:
    """Ruta donde guardar un PDF ('' si el usuario desiste); agrega «.pdf» si falta."""
    limpio = _PROHIBIDOS_EN_ARCHIVO.sub("-", nombre).strip(" .") or "documento.pdf"
    ruta, _f = guardar_como(padre, titulo, str(Path(carpeta_documentos()) / limpio),
                                           tr("Documentos PDF (*.pdf)"))
    if ruta and not ruta.lower().endswith(".pdf"):
        ruta += ".pdf"
    return ruta


class DialogoEtiquetas(QDialog):
    """Qué bienes (selección, dependencia o todos), plantilla y posición inicial de la hoja."""

    def __init__(self, numeros_seleccion: list[str], dependencia_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.numeros_seleccion = numeros_seleccion
        self.setWindowTitle(tr("Etiquetas QR"))
        self.setMinimumWidth(560)
        self.opciones = {
            SELECCION: QRadioButton(tr("Los {n} bienes seleccionados en la lista").format(n=len(numeros_seleccion)),
                                    self),
            DEPENDENCIA: QRadioButton(tr("Todos los bienes activos de la dependencia:"), self),
            TODAS: QRadioButton(tr("Todos los bienes activos del inventario"), self),
        }
        grupo = QButtonGroup(self)
        for boton in self.opciones.values():
            grupo.addButton(boton)
        self.dependencia = QComboBox(self)
        for dependencia in catalogos.dependencias():
            self.dependencia.addItem(dependencia.nombre, dependencia.id)
        if dependencia_id is not None:
            self.dependencia.setCurrentIndex(max(self.dependencia.findData(dependencia_id), 0))
        self.dependencia.currentIndexChanged.connect(lambda _i: self.opciones[DEPENDENCIA].setChecked(True))
        self.opciones[SELECCION].setEnabled(bool(numeros_seleccion))
        self.opciones[SELECCION if numeros_seleccion else DEPENDENCIA].setChecked(True)
        self.plantilla = QComboBox(self)
        for clave, nombre in etiquetas.plantillas().items():
            self.plantilla.addItem(nombre, clave)
        self.inicio = QSpinBox(self)
        self.inicio.setMinimum(1)
        self.ayuda_inicio = etiqueta_plana("", self)
        self.plantilla.currentIndexChanged.connect(lambda _i: self._ajustar_inicio())
        self._ajustar_inicio()
        rejilla = QGridLayout()
        rejilla.addWidget(self.opciones[SELECCION], 0, 0, 1, 2)
        rejilla.addWidget(self.opciones[DEPENDENCIA], 1, 0)
        rejilla.addWidget(self.dependencia, 1, 1)
        rejilla.addWidget(self.opciones[TODAS], 2, 0, 1, 2)
        rejilla.setColumnStretch(1, 1)
        formulario = QFormLayout()
        formulario.addRow(tr("Plantilla:"), self.plantilla)
        formulario.addRow(tr("Empezar en la posición:"), self.inicio)
        formulario.addRow("", self.ayuda_inicio)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Generar PDF…"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(rejilla)
        capa.addLayout(formulario)
        capa.addWidget(botones)

    def _ajustar_inicio(self) -> None:
        maximo = etiquetas.posiciones_por_hoja(self.plantilla.currentData())
        self.inicio.setMaximum(maximo)
        self.ayuda_inicio.setText(tr("Para aprovechar una hoja ya usada: posición 1 a {m}, de izquierda a derecha "
                                     "y de arriba abajo.").format(m=maximo) if maximo > 1
                                  else tr("Rollo térmico: una etiqueta por posición."))

    def argumentos(self) -> dict:
        """Argumentos para ``etiquetas.generar_etiquetas`` (sin la ruta)."""
        argumentos = {"plantilla": self.plantilla.currentData(), "inicio": self.inicio.value()}
        if self.opciones[SELECCION].isChecked():
            argumentos["numeros"] = list(self.numeros_seleccion)
        elif self.opciones[DEPENDENCIA].isChecked():
            argumentos["dependencia"] = self.dependencia.currentText()
        return argumentos


def accion_etiquetas(acciones) -> None:
    vista = acciones.vista
    numeros = [vista.modelo.texto(f, 0) for f in sorted({i.row() for i in vista.tabla.selectionModel().selectedRows()})]
    dialogo = DialogoEtiquetas(numeros, vista.filtro_dependencia.currentData(), parent=vista)

    def al_aceptar(d: DialogoEtiquetas) -> None:
        argumentos = d.argumentos()
        ruta = pedir_ruta_pdf(vista, tr("Guardar etiquetas QR"), f"etiquetas-{hoy_mexico():%Y-%m-%d}.pdf")
        if not ruta:
            return
        pdf = con_espera(vista, tr("Etiquetas QR"), tr("Generando las etiquetas…"), etiquetas.generar_etiquetas,
                         ruta, **argumentos)
        if pdf is not None:
            # «Imprimir…» aquí mismo imprime a tamaño real; desde otro programa, al 100 %.
            impresion.ofrecer_impresion(
                vista, tr("Etiquetas generadas"),
                tr("Se guardaron las etiquetas en:\n{r}\n\nSi las imprime desde otro programa, hágalo al 100 % "
                   "(sin «ajustar a la página»).").format(r=ruta), Path(ruta).read_bytes(), tr("Etiquetas QR"))

    acciones.abrir_dialogo(dialogo, al_aceptar)


def accion_resguardo(acciones) -> None:
    """PDF del resguardo de quien tiene el bien seleccionado (todos los bienes a su cargo)."""
    vista = acciones.vista
    bien = vista.bien
    if bien is None or bien.resguardante_id is None:
        return
    servidor = bien.resguardante
    ruta = pedir_ruta_pdf(vista, tr("Guardar resguardo"), f"resguardo-{servidor.nombre}.pdf")
    if not ruta:
        return
    contenido = comunes.ejecutar(vista, resguardos.generar_resguardo, servidor)
    if contenido is None:
        return
    try:
        escribir_archivo(Path(ruta), contenido)
    except OSError as exc:
        comunes.avisar(vista, tr("No se pudo guardar el resguardo"),
                       tr("No se pudo escribir el archivo (¿está abierto en otro programa?):") +
                       f"\n{ruta}\n\n{exc.strerror or exc}")
        return
    impresion.ofrecer_impresion(vista, tr("Resguardo generado"),
                                tr("Resguardo de {n} guardado en:\n{r}").format(n=servidor.nombre, r=ruta),
                                contenido, tr("Resguardo de {n}").format(n=servidor.nombre))
