"""Pestaña Inventario: bienes TIC, altas desde CFDI, movimientos, resguardos, etiquetas y Excel.

Procedimiento 21, «Modificaciones al inventario de bienes TIC».
"""
