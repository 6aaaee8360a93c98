"""Archivos que guarda la interfaz: en Documentos del usuario y completos o nada; los que se abren
con el programa del sistema, bajo un nombre generado con la extensión de su tipo real."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errores import ErrorValidacion
from app.servicios.nucleo import archivos
from app.vistas.comun import comunes
from app.vistas.comun.comunes import tr


def escribir_archivo(ruta: Path, contenido: bytes) -> None:
    """Escribe completo o no escribe: primero un temporal junto al destino y luego lo reemplaza."""
    temporal = ruta.with_name(f".{ruta.name}.{os.getpid()}.tmp")
    try:
        temporal.write_bytes(contenido)
        os.replace(temporal, ruta)
    finally:
        if temporal.exists():
            try:
                temporal.unlink()
            except OSError:
                pass


CLAVE_ULTIMA_CARPETA = "archivos/ultima_carpeta"


def carpeta_documentos() -> str:
    """Dónde se proponen los archivos: la última carpeta que el usuario eligió o, la primera vez,
    su carpeta Documentos (todas las pantallas proponen la misma)."""
    from app.vistas.comun.preferencias import ajustes

    ultima = ajustes().value(CLAVE_ULTIMA_CARPETA, "")
    if isinstance(ultima, str) and ultima and Path(ultima).is_dir():
        return ultima
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def recordar_carpeta(ruta: str | Path | None) -> None:
    """Anota la carpeta de ``ruta`` (un archivo elegido) para proponerla la próxima vez."""
    if not ruta:
        return
    from app.vistas.comun.preferencias import ajustes

    carpeta = Path(ruta).expanduser().parent
    if carpeta.is_dir():
        ajustes().setValue(CLAVE_ULTIMA_CARPETA, str(carpeta))


def guardar_como(padre: QWidget | None, titulo: str, sugerido: str, filtro: str = "", *args: Any,
                 **opciones: Any) -> tuple[str, str]:
    """``QFileDialog.getSaveFileName`` que parte de la última carpeta y la recuerda."""
    from PySide6.QtWidgets import QFileDialog

    inicio = sugerido if Path(sugerido).is_absolute() else str(Path(carpeta_documentos()) / sugerido)
    ruta, elegido = QFileDialog.getSaveFileName(padre, titulo, inicio, filtro, *args, **opciones)
    recordar_carpeta(ruta)
    return ruta, elegido


def abrir_archivo(padre: QWidget | None, titulo: str, inicio: str = "", filtro: str = "", *args: Any,
                  **opciones: Any) -> tuple[str, str]:
    """``QFileDialog.getOpenFileName`` que recuerda la carpeta elegida."""
    from PySide6.QtWidgets import QFileDialog

    ruta, elegido = QFileDialog.getOpenFileName(padre, titulo, inicio or carpeta_documentos(), filtro, *args,
                                                **opciones)
    recordar_carpeta(ruta)
    return ruta, elegido


def carpeta_temporal() -> Path:
    """Donde se dejan los archivos que se abren con el programa del sistema."""
    return Path(tempfile.gettempdir()) / "DTI"


def guardar_para_abrir(nombre: str, contenido: bytes, carpeta: Path | None = None) -> Path:
    """Escribe ``contenido`` bajo un nombre generado con la extensión de su tipo real.

    Nunca se usa ``nombre`` (el que trajo el archivo) en el disco: un «x.bat» que abre como
    PDF se escribe como «dti-….pdf». Si el contenido no es de un tipo reconocido no se
    escribe nada y se lanza :class:`ErrorValidacion`.
    """
    tipo = archivos.tipo_para_abrir(nombre, contenido)
    if tipo is None:
        raise ErrorValidacion([("archivo", f"No se abre «{archivos.nombre_original(nombre)}»: su contenido no es "
                                           "de un tipo que el sistema reconozca.")])
    carpeta = carpeta or carpeta_temporal()
    carpeta.mkdir(parents=True, exist_ok=True)
    ruta = carpeta / archivos.nombre_generado(tipo)
    with open(ruta, "xb") as archivo:       # «x»: nunca sobre un archivo (o enlace) que ya exista
        archivo.write(contenido)
    return ruta


def abrir_con_programa(padre: QWidget, nombre: str, contenido: bytes) -> Path | None:
    """Guarda ``contenido`` en la carpeta temporal bajo un nombre generado y lo abre con el programa
    predeterminado de su tipo real."""
    try:
        ruta = guardar_para_abrir(nombre, contenido)
    except ErrorValidacion as exc:
        comunes.avisar(padre, tr("No se pudo abrir"), str(exc), QMessageBox.Icon.Warning)
        return None
    except OSError as exc:
        comunes.avisar(padre, tr("No se pudo abrir"),
               tr("No se pudo preparar el archivo para abrirlo: ") + str(exc.strerror or exc),
               QMessageBox.Icon.Warning)
        return None
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(ruta))):
        comunes.avisar(padre, tr("No se pudo abrir"),
               tr("No hay un programa para abrir este archivo. Se guardó en:") + f"\n{ruta}",
               QMessageBox.Icon.Warning)
    return ruta
