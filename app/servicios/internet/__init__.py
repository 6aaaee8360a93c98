"""Acceso a internet: política de filtrado por versiones, solicitudes de desbloqueo y excepciones.

Procedimiento 20, «Aplicación de políticas de acceso a internet».
"""
