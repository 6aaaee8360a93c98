"""Control de licencias de software: altas, asignaciones, vencimientos e informe.

Procedimiento 10, «Control de Licenciamiento de Software».
"""
