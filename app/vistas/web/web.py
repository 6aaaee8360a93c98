"""Módulo «Web»: cargas a la página web (14), declaraciones patrimoniales (16) e hipervínculos (17)."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.modelos import Tramite, Usuario
from app.vistas.comun.comunes import tr
from app.vistas.web.cargas import PaginaCargas
from app.vistas.web.declaraciones import PaginaDeclaraciones
from app.vistas.web.hipervinculos import PaginaHipervinculos, PaginaSolicitudesHipervinculos


class VistaWeb(QWidget):
    """Tres sub-pestañas, una por procedimiento; la de hipervínculos tiene el registro y las solicitudes."""

    TITULO = "Web"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.cargas = PaginaCargas(sesion, self)
        self.declaraciones = PaginaDeclaraciones(sesion, self)
        self.hipervinculos = PaginaHipervinculos(sesion, self)
        self.solicitudes_hipervinculos = PaginaSolicitudesHipervinculos(sesion, self)
        self.pestanas = QTabWidget(self)
        # Primero los hipervínculos: el registro y su verificador son lo que se consulta a diario.
        self.subpestanas_hipervinculos = QTabWidget(self)
        self.subpestanas_hipervinculos.addTab(self.hipervinculos, tr("Registro y verificación"))
        self.subpestanas_hipervinculos.addTab(self.solicitudes_hipervinculos, tr("Solicitudes de hipervínculos"))
        self.pestanas.addTab(self.subpestanas_hipervinculos, tr("Hipervínculos de la Tesorería"))
        self.pestanas.addTab(self.cargas, tr("Cargas a la página web"))
        self.pestanas.addTab(self.declaraciones, tr("Declaraciones patrimoniales"))
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.pestanas)
        self.refrescar()

    def _paginas(self):
        return (self.cargas, self.declaraciones, self.hipervinculos, self.solicitudes_hipervinculos)

    def refrescar(self) -> None:
        for pagina in self._paginas():
            pagina.refrescar()

    def _pagina_de(self, procedimiento: int):
        return {14: self.cargas, 16: self.declaraciones, 17: self.solicitudes_hipervinculos}.get(procedimiento)

    def _mostrar_pagina(self, pagina) -> None:
        if pagina in (self.hipervinculos, self.solicitudes_hipervinculos):
            self.pestanas.setCurrentWidget(self.subpestanas_hipervinculos)
            self.subpestanas_hipervinculos.setCurrentWidget(pagina)
        else:
            self.pestanas.setCurrentWidget(pagina)

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Muestra la sub-pestaña del procedimiento del trámite y selecciona su caso."""
        from app.servicios.web import carga, declaraciones, hipervinculos

        tramite = Tramite.get_or_none(Tramite.id == tramite_id)
        if tramite is None:
            return
        buscar = {14: carga.por_expediente, 16: declaraciones.por_expediente,
                  17: hipervinculos.por_expediente}.get(tramite.procedimiento)
        pagina = self._pagina_de(tramite.procedimiento)
        registro = buscar(tramite_id) if buscar else None
        if pagina is None or registro is None:
            return
        self._mostrar_pagina(pagina)
        pagina.refrescar()
        pagina.seleccionar(registro.id)

    def nuevo_caso(self, procedimiento: int = 14, oficio_id: int | None = None) -> None:
        """Un caso nuevo del procedimiento (14, 16 o 17) con ese oficio recibido ya elegido."""
        pagina = self._pagina_de(procedimiento) or self.cargas
        self._mostrar_pagina(pagina)
        pagina.nueva(oficio_id)
