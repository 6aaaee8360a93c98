"""Preferencias de pantalla de cada usuario: tamaño y estado de la ventana, posición de los divisores.

Se guardan con ``QSettings`` bajo una organización y una aplicación fijas (en Windows, en el
registro del usuario). Si ``DTI_DATOS`` está definida (pruebas, instalaciones portátiles), van
en un archivo ``preferencias.ini`` dentro de esa carpeta.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

ORGANIZACION = "Ayuntamiento"
APLICACION = "DTI"
ARCHIVO = "preferencias.ini"


def ajustes() -> QSettings:
    """El almacén de preferencias de esta instalación."""
    propia = os.environ.get("DTI_DATOS")
    if propia:
        return QSettings(str(Path(propia) / ARCHIVO), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZACION, APLICACION)


def _clave(usuario: str, *partes: str) -> str:
    limpias = [p.replace("/", "_").replace("\\", "_") for p in (usuario, *partes)]
    return "usuarios/" + "/".join(limpias)


def leer(usuario: str, *partes: str) -> QByteArray | None:
    """El valor binario guardado (geometría, estado), o None si no hay."""
    valor = ajustes().value(_clave(usuario, *partes))
    if isinstance(valor, QByteArray) and not valor.isEmpty():
        return valor
    if isinstance(valor, (bytes, bytearray)) and valor:
        return QByteArray(bytes(valor))
    return None


def guardar(usuario: str, valor: QByteArray, *partes: str) -> None:
    almacen = ajustes()
    almacen.setValue(_clave(usuario, *partes), valor)
    almacen.sync()


def divisores(raiz: QWidget) -> list[QSplitter]:
    """Los divisores dentro de ``raiz``, en un orden estable (el de creación)."""
    return raiz.findChildren(QSplitter)


def _nombre_divisor(divisor: QSplitter, indice: int) -> str:
    return divisor.objectName() or f"divisor{indice}"


def restaurar_divisores(usuario: str, seccion: str, raiz: QWidget) -> None:
    """Devuelve cada divisor de ``raiz`` a la posición que el usuario le dejó."""
    for indice, divisor in enumerate(divisores(raiz)):
        estado = leer(usuario, seccion, _nombre_divisor(divisor, indice))
        if estado is not None:
            divisor.restoreState(estado)


def guardar_divisores(usuario: str, seccion: str, raiz: QWidget) -> None:
    for indice, divisor in enumerate(divisores(raiz)):
        guardar(usuario, divisor.saveState(), seccion, _nombre_divisor(divisor, indice))
