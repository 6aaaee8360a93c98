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
    Modulo("Pendientes", "app.vistas.bandeja.pendientes:VistaPendientes"),
    Modulo("Oficios", "app.vistas.oficios.oficios:VistaOficios"),
    Modulo("Trámites", "app.vistas.tramites.tramites:VistaTramites"),
    Modulo("Mesa de ayuda", "app.vistas.mesa_ayuda.mesa_ayuda:VistaMesaAyuda"),
    Modulo("Inventario", "app.vistas.inventario.inventario:VistaInventario"),
    Modulo("Dictámenes", "app.vistas.dictamenes.dictamenes:VistaDictamenes"),
    Modulo("Mantenimiento", "app.vistas.mantenimiento.mantenimiento:VistaMantenimiento"),
    Modulo("Licencias", "app.vistas.licencias.licencias:VistaLicencias"),
    Modulo("Cuentas", "app.vistas.cuentas.cuentas:VistaCuentas"),
    Modulo("Internet", "app.vistas.internet.internet:VistaInternet"),
    Modulo("Adquisiciones", "app.vistas.adquisiciones.adquisiciones:VistaAdquisiciones"),
    Modulo("Respaldos", "app.vistas.respaldos.respaldos:VistaRespaldos"),
    Modulo("Web", "app.vistas.web.web:VistaWeb"),
    Modulo("Proyectos", "app.vistas.proyectos.proyectos:VistaProyectos"),
    Modulo("Videovigilancia", "app.vistas.videovigilancia.videovigilancia:VistaVideovigilancia"),
    Modulo("Tablero", "app.vistas.tablero.tablero:VistaTablero"),
    Modulo("Procedimientos", "app.vistas.tramites.procedimientos:VistaProcedimientos"),
    Modulo("Catálogos", "app.vistas.catalogos.catalogos:VistaCatalogos"),
    Modulo("Bitácora", "app.vistas.bitacora.bitacora:VistaBitacora"),
)
