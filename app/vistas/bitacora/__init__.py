"""Pestaña Bitácora: consulta de la bitácora de auditoría y su verificación.

Respaldo de todos los procedimientos del manual (todo cambio queda registrado).
"""
