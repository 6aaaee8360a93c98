"""Pestaña Licencias: licencias de software, asignaciones, vencimientos e informe.

Procedimiento 10, «Control de Licenciamiento de Software».
"""
