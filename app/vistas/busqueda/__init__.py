"""Búsqueda global de la ventana principal: caja en la cabecera, Ctrl+K y resultados agrupados.

Usa el servicio :mod:`app.servicios.busqueda`; Enter abre el registro en su pestaña.
"""
from app.vistas.busqueda.abrir import abrir_resultado, registrar_abridor
from app.vistas.busqueda.caja import ATAJO, CajaBusqueda, instalar_busqueda

__all__ = ["ATAJO", "CajaBusqueda", "abrir_resultado", "instalar_busqueda", "registrar_abridor"]
