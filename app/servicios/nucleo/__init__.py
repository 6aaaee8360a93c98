"""Núcleo común a todos los procedimientos: bitácora de auditoría, folios, permisos,
validación, secretos, plantillas, carga masiva, calendario laboral y correo.

No implementa un procedimiento del manual: lo usan los 21.
"""
