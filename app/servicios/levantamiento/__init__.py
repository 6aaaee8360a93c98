"""Levantamiento físico del inventario: recorrido por dependencia leyendo etiquetas QR.

Procedimiento 21, «Modificaciones al inventario de bienes TIC» (verificación física).
"""
