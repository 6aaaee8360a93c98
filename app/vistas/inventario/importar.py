"""Importar un inventario existente desde Excel: vista previa con los errores por fila y botón aceptar.

Nada se escribe hasta «Importar»; el servicio vuelve a validar el archivo completo y, si una sola
fila está mal, no importa ninguna.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.servicios.inventario import importacion as importacion_inventario
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.progreso import con_espera
from app.vistas.comun.archivos import carpeta_documentos

MUESTRA = 500          # filas de la vista previa (el archivo completo se valida igual)
CAMPOS_MUESTRA = (("numero_inventario", "Número"), ("tipo", "Tipo"), ("descripcion", "Descripción"),
                  ("marca", "Marca"), ("modelo", "Modelo"), ("serie", "Serie"), ("resguardante", "Resguardante"),
                  ("dependencia", "Dependencia"), ("fecha_adquisicion", "Adquisición"), ("valor", "Valor"),
                  ("estado", "Estado"))


def _tabla(padre: QWidget, titulos: list[str], filas: list[list[str]], anchos: list[int]) -> QTableWidget:
    tabla = QTableWidget(len(filas), len(titulos), padre)
    tabla.setHorizontalHeaderLabels(titulos)
    tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabla.verticalHeader().setVisible(False)
    tabla.verticalHeader().setDefaultSectionSize(24)
    tabla.horizontalHeader().setStretchLastSection(True)
    tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for i, ancho in enumerate(anchos):
        tabla.setColumnWidth(i, ancho)
    for f, fila in enumerate(filas):
        for c, valor in enumerate(fila):
            tabla.setItem(f, c, QTableWidgetItem(valor))
    return tabla


def _texto(valor) -> str:
    if valor is None:
        return ""
    if hasattr(valor, "strftime"):
        return valor.strftime("%d/%m/%Y")
    return str(valor)


class DialogoImportar(QDialog):
    """Vista previa de la importación: resumen, errores por fila, advertencias y primeras filas."""

    def __init__(self, vista_previa, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vista_previa = vista_previa
        self.setWindowTitle(tr("Importar inventario desde Excel: vista previa"))
        self.resize(1100, 620)
        capa = QVBoxLayout(self)
        capa.addWidget(etiqueta_plana(f"{Path(vista_previa.archivo).name}: {vista_previa.resumen()}", self))
        mapeadas = ", ".join(f"{encabezado} → {importacion_inventario.CAMPOS[campo][0]}"
                             for campo, encabezado in vista_previa.columnas.items())
        columnas = etiqueta_plana(tr("Columnas reconocidas: ") + mapeadas, self)
        capa.addWidget(columnas)
        if vista_previa.ignoradas:
            capa.addWidget(etiqueta_plana(tr("Columnas que no se importan: ") + ", ".join(vista_previa.ignoradas),
                                          self))
        self.pestanas = QTabWidget(self)
        self.tabla_errores = _tabla(self, [tr("Fila"), tr("Campo"), tr("Error")],
                                    [[str(e.fila), importacion_inventario.CAMPOS.get(e.campo, (e.campo,))[0],
                                      e.mensaje] for e in vista_previa.errores], [70, 200, 600])
        self.tabla_advertencias = _tabla(self, [tr("Fila"), tr("Campo"), tr("Advertencia")],
                                         [[str(e.fila), importacion_inventario.CAMPOS.get(e.campo, (e.campo,))[0],
                                           e.mensaje] for e in vista_previa.advertencias], [70, 200, 600])
        muestra = [[_texto(fila.get(campo)) for campo, _t in CAMPOS_MUESTRA] for fila in vista_previa.filas[:MUESTRA]]
        self.tabla_bienes = _tabla(self, [tr(t) for _c, t in CAMPOS_MUESTRA], muestra,
                                   [130, 110, 240, 90, 110, 110, 190, 190, 90, 90, 90])
        if vista_previa.errores:
            self.pestanas.addTab(self.tabla_errores, tr("Errores ({n})").format(n=len(vista_previa.errores)))
        self.pestanas.addTab(self.tabla_bienes, tr("Bienes ({n})").format(n=f"{len(vista_previa.filas):,}"))
        if vista_previa.advertencias:
            self.pestanas.addTab(self.tabla_advertencias,
                                 tr("Advertencias ({n})").format(n=len(vista_previa.advertencias)))
        capa.addWidget(self.pestanas, 1)
        if vista_previa.errores:
            aviso = etiqueta_plana(tr("Corrija las filas con error en el archivo y vuelva a importarlo: no se "
                                      "importa nada mientras haya errores."), self)
            aviso.setStyleSheet("color: #b3261e; font-weight: bold;")
            capa.addWidget(aviso)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.boton_importar = botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_importar.setText(tr("Importar {n} bienes").format(n=f"{len(vista_previa.filas):,}"))
        self.boton_importar.setEnabled(vista_previa.valida)
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)
        capa.addWidget(botones)


def accion_importar(acciones) -> None:
    """Acción «Importar Excel»: elegir archivo → vista previa → (aceptar) importar todo o nada."""
    vista = acciones.vista
    ruta, _f = abrir_archivo(vista, tr("Importar inventario desde Excel"), carpeta_documentos(),
                                           tr("Libro de Excel (*.xlsx)"))
    if not ruta:
        return
    previa = con_espera(vista, tr("Importar Excel"), tr("Leyendo y revisando {n}…").format(n=Path(ruta).name),
                        importacion_inventario.previsualizar, ruta)
    if previa is None:
        return

    def al_aceptar(d: DialogoImportar) -> None:
        cuantos = len(d.vista_previa.filas)
        if not comunes.confirmar(vista, tr("Importar inventario"),
                                 tr("Se darán de alta {n} bienes del archivo (y los catálogos nuevos). "
                                    "¿Importar?").format(n=f"{cuantos:,}")):
            return
        creados = con_espera(vista, tr("Importar Excel"), tr("Importando {n} bienes…").format(n=f"{cuantos:,}"),
                             importacion_inventario.importar, vista.sesion, ruta)
        vista.refrescar()
        if creados is not None:
            comunes.avisar(vista, tr("Importación terminada"),
                           tr("Se importaron {n} bienes.").format(n=f"{creados:,}"))

    acciones.abrir_dialogo(DialogoImportar(previa, parent=vista), al_aceptar)
