"""Pestaña Levantamiento: recorrido físico leyendo etiquetas QR y sus cambios.

Procedimiento 21, «Modificaciones al inventario de bienes TIC» (verificación física).
"""
