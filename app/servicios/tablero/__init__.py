"""Tablero de indicadores de la DTI e informe mensual.

Reúne lo que registran los procedimientos 2, 4, 6, 7, 8, 9, 10, 12 y 21.
"""
