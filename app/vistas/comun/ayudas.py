"""Piezas compartidas por las pestañas «Dictámenes» y «Licencias»: botones con atajo, pedir un texto,
guardar bytes con el diálogo de archivo y exportar a Excel lo listado."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton, QWidget

from app.vistas.comun.archivos import guardar_como
from app.vistas.comun.comunes import avisar, tr
from app.vistas.comun.archivos import carpeta_documentos, escribir_archivo
from app.vistas.comun.tabla import Columna


def boton(padre: QWidget, texto: str, atajo: str | None, accion: Callable[[], None]) -> QPushButton:
    """Botón que no se activa con Enter, con su atajo en la ayuda emergente."""
    nuevo = QPushButton(texto, padre)
    nuevo.setAutoDefault(False)
    ayuda = texto.replace("&", "").rstrip("…")
    if atajo:
        nuevo.setShortcut(QKeySequence(atajo))
        ayuda += f" ({QKeySequence(atajo).toString(QKeySequence.SequenceFormat.NativeText)})"
    nuevo.setProperty("ayuda", ayuda)
    nuevo.setToolTip(ayuda)
    nuevo.clicked.connect(lambda _c=False: accion())
    return nuevo


def pedir_texto(padre: QWidget, titulo: str, pregunta: str, multilinea: bool = False) -> str | None:
    """Pide un texto; None si el usuario desiste."""
    if multilinea:
        texto, aceptado = QInputDialog.getMultiLineText(padre, titulo, pregunta)
    else:
        texto, aceptado = QInputDialog.getText(padre, titulo, pregunta)
    return texto if aceptado else None


def ruta_para_guardar(padre: QWidget, titulo: str, sugerido: str, filtro: str, extension: str) -> Path | None:
    ruta, _ = guardar_como(padre, titulo, str(Path(carpeta_documentos()) / sugerido), filtro)
    if not ruta:
        return None
    if not ruta.lower().endswith(extension):
        ruta += extension
    return Path(ruta)


def guardar_bytes(padre: QWidget, ruta: Path, contenido: bytes) -> bool:
    """Escribe completo o nada; si el archivo está abierto en otro programa lo dice."""
    try:
        escribir_archivo(ruta, contenido)
    except OSError as exc:
        avisar(padre, tr("No se pudo guardar"),
               tr("No se pudo escribir el archivo:") + f"\n{ruta}\n\n"
               + tr("Si está abierto en otro programa (por ejemplo, Excel), ciérrelo e intente de nuevo.")
               + f"\n\n{tr('Detalle')}: {exc.strerror or exc}", QMessageBox.Icon.Warning)
        return False
    return True


def exportar_listado(padre: QWidget, titulo: str, columnas: Sequence[Columna], registros: Sequence[dict[str, Any]],
                     nombre_archivo: str) -> Path | None:
    """Guarda en Excel exactamente lo listado (mismas columnas; fechas y montos con su tipo)."""
    from app.documentos.hoja_listado import libro_listado

    ruta = ruta_para_guardar(padre, tr("Exportar a Excel"), nombre_archivo, tr("Libro de Excel (*.xlsx)"), ".xlsx")
    if ruta is None:
        return None
    filas = ([c.obtener(r) for c in columnas] for r in registros)
    contenido = libro_listado(titulo, [c.titulo for c in columnas], filas, [max(10, c.ancho // 7) for c in columnas])
    return ruta if guardar_bytes(padre, ruta, contenido) else None


