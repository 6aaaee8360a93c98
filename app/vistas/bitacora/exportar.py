"""Exportar a Excel lo filtrado en la bitácora: pide el archivo, confirma si existe y muestra el avance."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.vistas.comun.archivos import guardar_como
from app.modelos import Usuario
from app.servicios.nucleo import consulta_bitacora
from app.servicios.nucleo.consulta_bitacora import Filtro
from app.tiempo import hoy_mexico
from app.vistas.comun import comunes
from app.vistas.comun.archivos import carpeta_documentos
from app.vistas.comun.comunes import tr
from app.vistas.comun.progreso import con_progreso


def pedir_ruta(padre: QWidget) -> str:
    """Dónde guardar el Excel ('' si el usuario desiste); agrega «.xlsx» y confirma si ya existe."""
    sugerido = str(Path(carpeta_documentos()) / f"bitacora-{hoy_mexico():%Y-%m-%d}.xlsx")
    # La confirmación la hace la app (no el diálogo) porque «.xlsx» puede agregarse después.
    ruta, _filtro = guardar_como(padre, tr("Exportar la bitácora a Excel"), sugerido,
                                                tr("Libro de Excel (*.xlsx)"),
                                                options=QFileDialog.Option.DontConfirmOverwrite)
    if not ruta:
        return ""
    if not ruta.lower().endswith(".xlsx"):
        ruta += ".xlsx"
    if Path(ruta).exists() and not comunes.confirmar(
            padre, tr("Reemplazar archivo"),
            tr("Ya existe «{nombre}».\n¿Desea reemplazarlo?").format(nombre=Path(ruta).name)):
        return ""
    return ruta


def exportar(padre: QWidget, sesion: Usuario, filtro: Filtro, ruta: str) -> int | None:
    """Escribe el Excel con barra de progreso; devuelve cuántas entradas (None si falló o se canceló)."""
    cuantas = con_progreso(padre, tr("Exportar a Excel"), tr("Escribiendo {archivo}…").format(archivo=Path(ruta).name),
                           consulta_bitacora.exportar_excel, sesion, ruta, filtro)
    if cuantas is not None:
        comunes.avisar(padre, tr("Exportación terminada"),
                       tr("Se exportaron {n} entradas de la bitácora a:\n{ruta}").format(n=f"{cuantas:,}", ruta=ruta))
    return cuantas
