"""Abrir un resultado de la búsqueda global en su pestaña, con el registro seleccionado.

Por omisión, la pestaña ``resultado.pestana`` y su método ``mostrar_registro(id)`` o
``seleccionar(id)``; un trámite se abre con ``abrir_caso`` (en el módulo dueño del caso).
Un módulo cuya vista necesita otra cosa registra su abridor con :func:`registrar_abridor`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from app.servicios.busqueda import Resultado

Abridor = Callable[[Any, Resultado], QWidget | None]
_ABRIDORES: dict[str, Abridor] = {}


def registrar_abridor(tipo: str, abridor: Abridor) -> None:
    """``abridor(ventana, resultado)`` muestra el registro; devuelve la vista donde quedó."""
    _ABRIDORES[tipo] = abridor


def abrir_resultado(ventana: Any, resultado: Resultado) -> QWidget | None:
    """Muestra ``resultado`` en la ventana principal y devuelve la vista que lo muestra."""
    abridor = _ABRIDORES.get(resultado.tipo, _abrir_en_pestana)
    return abridor(ventana, resultado)


def _abrir_en_pestana(ventana: Any, resultado: Resultado) -> QWidget | None:
    vista = ventana.mostrar_modulo(resultado.pestana)
    for nombre in ("mostrar_registro", "seleccionar"):
        metodo = getattr(vista, nombre, None)
        if callable(metodo):
            metodo(resultado.id)
            return vista
    if resultado.tramite_id is not None:
        return ventana.abrir_caso(resultado.tramite_id)
    return vista


def _abrir_tramite(ventana: Any, resultado: Resultado) -> QWidget | None:
    """El trámite se abre donde se lleva: el ticket en Mesa de ayuda, el dictamen en Dictámenes…"""
    return ventana.abrir_caso(resultado.id)


def _abrir_ticket(ventana: Any, resultado: Resultado) -> QWidget | None:
    """Mesa de ayuda quita sus filtros si ocultan el ticket (lo busca por su expediente)."""
    if resultado.tramite_id is not None:
        return ventana.abrir_caso(resultado.tramite_id)
    return _abrir_en_pestana(ventana, resultado)


def _abrir_licencia(ventana: Any, resultado: Resultado) -> QWidget | None:
    vista = ventana.mostrar_modulo(resultado.pestana)
    pestanas = getattr(vista, "pestanas", None)
    if pestanas is not None:
        pestanas.setCurrentIndex(0)            # la lista de licencias (no la de solicitudes)
    vista.seleccionar(resultado.id)
    return vista


def _abrir_servidor(ventana: Any, resultado: Resultado) -> QWidget | None:
    """Catálogos → Servidores públicos, con el servidor elegido."""
    vista = ventana.mostrar_modulo(resultado.pestana)
    pagina = getattr(vista, "servidores", None)
    if pagina is None:
        return vista
    vista.pestanas.setCurrentWidget(pagina)
    pagina.seleccionar(resultado.id)
    return pagina


registrar_abridor("tramite", _abrir_tramite)
registrar_abridor("ticket", _abrir_ticket)
registrar_abridor("licencia", _abrir_licencia)
registrar_abridor("servidor", _abrir_servidor)
