"""Los avisos, confirmaciones y preguntas de la pestaña Mantenimiento, en un solo lugar.

Las pantallas del módulo los llaman por aquí (``respuestas.confirmar(...)``), así las pruebas los
contestan en un solo módulo sin que ninguna pantalla importe a otra de vuelta.
"""
from __future__ import annotations

from app.vistas.comun.comunes import abrir_dialogo, avisar, confirmar
from app.vistas.mantenimiento.dialogos import pedir_motivo

__all__ = ["abrir_dialogo", "avisar", "confirmar", "pedir_motivo"]
