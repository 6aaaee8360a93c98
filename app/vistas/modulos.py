"""Registro de los módulos (pestañas) de la ventana principal.

Cada módulo es una clase ``QWidget`` con ``TITULO``, constructor ``(sesion, parent=None)``
y ``refrescar()``. Se importa la primera vez que se muestra su pestaña, para que la
ventana aparezca rápido.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Modulo:
    titulo: str
    ruta: str          # "paquete.modulo:Clase"
    grupo: str = "General"

    def clase(self):
        nombre_modulo, _, nombre_clase = self.ruta.partition(":")
        return getattr(importlib.import_module(nombre_modulo), nombre_clase)


MODULOS: tuple[Modulo, ...] = (
    Modulo("Oficios", "app.vistas.oficios:VistaOficios"),
    Modulo("Trámites", "app.vistas.tramites:VistaTramites"),
    Modulo("Mesa de ayuda", "app.vistas.mesa_ayuda:VistaMesaAyuda"),
    Modulo("Inventario", "app.vistas.inventario:VistaInventario"),
    Modulo("Dictámenes", "app.vistas.dictamenes:VistaDictamenes"),
    Modulo("Mantenimiento", "app.vistas.mantenimiento:VistaMantenimiento"),
    Modulo("Licencias", "app.vistas.licencias:VistaLicencias"),
    Modulo("Cuentas", "app.vistas.cuentas:VistaCuentas"),
    Modulo("Tablero", "app.vistas.tablero:VistaTablero"),
    Modulo("Procedimientos", "app.vistas.procedimientos:VistaProcedimientos"),
    Modulo("Catálogos", "app.vistas.catalogos:VistaCatalogos"),
    Modulo("Bitácora", "app.vistas.bitacora:VistaBitacora"),
)
