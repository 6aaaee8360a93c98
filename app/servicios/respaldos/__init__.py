"""Respaldo y recuperación de información: planes por dependencia, calendario, ejecuciones, recuperaciones
y entregas en dispositivo de almacenamiento masivo.

Procedimiento 5 del manual, «Procedimiento para el Respaldo y recuperación de información».
"""
