"""Captura de pantalla de la ventana principal (manual de usuario, revisión visual, pruebas).

Funciona sin pantalla con ``QT_QPA_PLATFORM=offscreen``. La base ya debe estar conectada.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

ANCHO, ALTO = 1366, 768          # la pantalla más común en la DTI
TAMANO_MINIMO = (640, 480)
TAMANO_MAXIMO = (7680, 4320)

_aplicacion: QApplication | None = None   # la que creamos aquí, para que no la recoja el recolector


def _asegurar_aplicacion() -> QApplication:
    global _aplicacion
    existente = QApplication.instance()
    if isinstance(existente, QApplication):
        return existente
    if existente is None and not os.environ.get("DISPLAY") and os.name != "nt" \
            and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _aplicacion = QApplication([])
    return _aplicacion


def interpretar_tamano(texto: str) -> tuple[int, int]:
    """``"1366x768"`` → ``(1366, 768)``. ``ValueError`` con un mensaje en español si no se entiende."""
    coincide = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", texto or "")
    if coincide is None:
        raise ValueError(f"El tamaño «{texto}» no se entiende: escríbalo como ANCHOxALTO, p. ej. 1366x768.")
    ancho, alto = int(coincide.group(1)), int(coincide.group(2))
    if not (TAMANO_MINIMO[0] <= ancho <= TAMANO_MAXIMO[0] and TAMANO_MINIMO[1] <= alto <= TAMANO_MAXIMO[1]):
        raise ValueError(f"El tamaño {ancho}x{alto} está fuera de lo posible: va de "
                         f"{TAMANO_MINIMO[0]}x{TAMANO_MINIMO[1]} a {TAMANO_MAXIMO[0]}x{TAMANO_MAXIMO[1]}.")
    return ancho, alto


def esperar(milisegundos: int = 200) -> None:
    """Procesa eventos un rato para que la ventana termine de acomodarse y pintarse."""
    for _ in range(5):
        QCoreApplication.processEvents()
    ciclo = QEventLoop()
    QTimer.singleShot(milisegundos, ciclo.quit)
    ciclo.exec()
    QCoreApplication.processEvents()


def capturar(ruta_png: str | Path, pestana: str | None = None, nombre_usuario: str = "director",
             tamano: tuple[int, int] = (ANCHO, ALTO)) -> Path:
    """Muestra la ventana principal como ``nombre_usuario`` a ``tamano``, abre ``pestana`` y la guarda en PNG.

    Si la pestaña no cabe, la ventana crece y la imagen sale más grande que ``tamano``.
    Lanza ``ValueError`` si la pestaña no existe y ``OSError`` si no se pudo escribir el archivo.
    """
    from app.servicios.catalogos import usuarios
    from app.vistas.aplicacion import configurar_aplicacion
    from app.vistas.ventana_principal import VentanaPrincipal

    aplicacion = _asegurar_aplicacion()
    configurar_aplicacion(aplicacion)
    ruta = Path(ruta_png)
    sesion = usuarios.obtener(nombre_usuario)
    ventana = VentanaPrincipal(sesion)
    try:
        ventana.resize(*tamano)
        ventana.show()
        esperar(50)
        if pestana:
            ventana.mostrar_modulo(pestana)   # ValueError con la lista de módulos si no existe
        esperar()
        imagen = ventana.grab()
        ruta.parent.mkdir(parents=True, exist_ok=True)
        if not imagen.save(str(ruta), "PNG"):
            raise OSError(f"No se pudo guardar la captura en {ruta}.")
    finally:
        ventana.close()
        ventana.deleteLater()
        QCoreApplication.processEvents()
    return ruta
