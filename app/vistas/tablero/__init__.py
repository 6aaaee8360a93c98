"""Pestaña Tablero: indicadores de la DTI, su exportación a Excel y el informe mensual.
"""
