"""Exportar el inventario a Excel desde la pestaña: libro CONAC (todo o lo filtrado) o la lista tal como se ve."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (QButtonGroup, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QRadioButton, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import guardar_como
from app.servicios.inventario import exportacion as exportacion_inventario, inventario
from app.tiempo import hoy_mexico
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.fechas import fecha_de, qfecha
from app.vistas.inventario.modelo import ColumnaBien
from app.vistas.comun.progreso import con_progreso
from app.vistas.comun.archivos import carpeta_documentos

LIBRO_TODO = "libro_todo"
LIBRO_FILTRADO = "libro_filtrado"
LISTA_FILTRADA = "lista_filtrada"
BLOQUE_LISTA = 500


class DialogoExportar(QDialog):
    """Elegir qué se exporta; el archivo se pide al aceptar."""

    def __init__(self, total_filtrado: int, hay_filtro: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Exportar a Excel"))
        self.setMinimumWidth(520)
        self.opciones: dict[str, QRadioButton] = {
            LIBRO_TODO: QRadioButton(tr("Libro de inventarios CONAC y Relación de bienes (todo el inventario)"), self),
            LIBRO_FILTRADO: QRadioButton(tr("Libro CONAC solo de los {n} bienes filtrados").format(
                n=f"{total_filtrado:,}"), self),
            LISTA_FILTRADA: QRadioButton(tr("La lista filtrada tal como se ve ({n} bienes)").format(
                n=f"{total_filtrado:,}"), self),
        }
        grupo = QButtonGroup(self)
        capa = QVBoxLayout(self)
        capa.addWidget(etiqueta_plana(tr("¿Qué desea exportar?"), self))
        for boton in self.opciones.values():
            grupo.addButton(boton)
            capa.addWidget(boton)
        self.opciones[LIBRO_FILTRADO if hay_filtro else LIBRO_TODO].setChecked(True)
        self.opciones[LIBRO_FILTRADO].setEnabled(hay_filtro)
        # Fecha de corte del libro: qué bienes entran y hasta cuándo se deprecian (31/12 al cierre).
        self.corte = QDateEdit(self)
        self.corte.setCalendarPopup(True)
        self.corte.setDisplayFormat("dd/MM/yyyy")
        self.corte.setDate(qfecha(hoy_mexico()))
        self.corte.setToolTip(tr("El libro incluye los bienes adquiridos hasta esta fecha y no dados de baja "
                                 "en o antes de ella; la depreciación se calcula hasta esta fecha."))
        formulario = QFormLayout()
        formulario.addRow(tr("Fecha de corte del libro:"), self.corte)
        capa.addLayout(formulario)
        self.opciones[LISTA_FILTRADA].toggled.connect(lambda lista: self.corte.setEnabled(not lista))
        self.corte.setEnabled(not self.opciones[LISTA_FILTRADA].isChecked())
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Exportar…"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)
        capa.addWidget(botones)

    def eleccion(self) -> str:
        return next(clave for clave, boton in self.opciones.items() if boton.isChecked())

    def fecha_corte(self) -> dt.date:
        """Fecha de corte elegida para el Libro de inventarios."""
        return fecha_de(self.corte.date())


def pedir_ruta_excel(padre: QWidget, nombre: str) -> str:
    """Ruta donde guardar el Excel ('' si el usuario desiste); agrega «.xlsx» si falta."""
    sugerido = str(Path(carpeta_documentos()) / nombre)
    ruta, _filtro = guardar_como(padre, tr("Guardar Excel"), sugerido, tr("Libro de Excel (*.xlsx)"))
    if ruta and not ruta.lower().endswith(".xlsx"):
        ruta += ".xlsx"
    return ruta


def filas_filtradas(filtro: dict[str, Any], orden: str | None, columnas: Sequence[ColumnaBien],
                    progreso=None) -> Iterator[list[str]]:
    """Todas las filas del filtro, en el orden de la tabla, con el texto de cada columna visible.

    Se piden por bloques de ids (nunca 50,000 objetos en memoria ni OFFSET creciente).
    """
    ids = inventario.consultar_ids(orden=orden or "numero", **filtro)
    for inicio in range(0, len(ids), BLOQUE_LISTA):
        for registro in inventario.filas(ids[inicio:inicio + BLOQUE_LISTA]):
            yield [c.formato(registro.get(c.llave)) if c.formato else _texto(registro.get(c.llave))
                   for c in columnas]
        if progreso is not None:
            progreso(min(inicio + BLOQUE_LISTA, len(ids)), len(ids))


def _texto(valor: Any) -> Any:
    return "" if valor is None else valor


def exportar(vista, eleccion: str, ruta: str, al: dt.date | None = None) -> int | None:
    """Exporta según ``eleccion``; devuelve cuántos bienes se escribieron (None si falló o se canceló).

    ``al``: fecha de corte del Libro de inventarios (hoy en México si no se da).
    """
    sesion, filtro = vista.sesion, vista.filtro()
    titulo = tr("Exportar a Excel")
    texto = tr("Escribiendo {archivo}…").format(archivo=Path(ruta).name)
    if eleccion == LISTA_FILTRADA:
        columnas = [vista.modelo.columna(i) for i in range(vista.modelo.columnCount())]
        especificacion = [(c.titulo, "texto", max(10, c.ancho / 7)) for c in columnas]

        def lista(progreso) -> int:
            return exportacion_inventario.exportar_lista(
                ruta, tr("Inventario de bienes TIC"), especificacion,
                filas_filtradas(filtro, vista.modelo.orden, columnas, progreso), actor=sesion)

        return con_progreso(vista, titulo, texto, lambda progreso: lista(progreso))
    bienes = None
    if eleccion == LIBRO_FILTRADO:
        bienes = inventario.consultar_ids(**filtro)
    return con_progreso(vista, titulo, texto, exportacion_inventario.exportar_inventario, ruta, bienes=bienes,
                        actor=sesion, al=al or hoy_mexico())


def accion_exportar(acciones) -> None:
    """Acción «Exportar Excel» de la pestaña."""
    vista = acciones.vista
    filtro = vista.filtro()
    hay_filtro = any(v not in (None, "") for v in filtro.values())
    dialogo = DialogoExportar(vista.modelo.total, hay_filtro, parent=vista)

    def al_aceptar(d: DialogoExportar) -> None:
        eleccion, al = d.eleccion(), d.fecha_corte()
        if eleccion == LISTA_FILTRADA:
            nombre = f"inventario-lista-{hoy_mexico():%Y-%m-%d}"
        else:
            nombre = f"libro-inventarios-conac-al-{al:%Y-%m-%d}"
        ruta = pedir_ruta_excel(vista, f"{nombre}.xlsx")
        if not ruta:
            return
        cuantos = exportar(vista, eleccion, ruta, al)
        if cuantos is not None:
            comunes.avisar(vista, tr("Exportación terminada"),
                           tr("Se exportaron {n} bienes a:\n{ruta}").format(n=f"{cuantos:,}", ruta=ruta))

    acciones.abrir_dialogo(dialogo, al_aceptar)
