"""Piezas que comparten todas las pantallas: avisos y confirmaciones, tablas, fuentes propias,
fechas, archivos, trabajo largo con progreso.

No implementa un procedimiento del manual: lo usan todas las pestañas.
"""
