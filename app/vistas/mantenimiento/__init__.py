"""Pestaña Mantenimiento: calendario, programación, detalle y equipos.

Procedimientos 7, «Mantenimiento a servidores, redes de voz, datos y video»; 8,
«Mantenimiento y actualización de servidores de datos (software)», y 12, «Mantenimiento a
sistemas informáticos».
"""
