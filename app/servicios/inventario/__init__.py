"""Inventario de bienes TIC: altas (también desde CFDI), cambios, bajas, resguardos y etiquetas.

Procedimiento 21, «Modificaciones al inventario de bienes TIC».
"""
