"""Trámites: casos de los 21 procedimientos del manual, paso a paso según su definición JSON
(procedimientos 1, 3, 5, 11 y 13 a 20 se atienden aquí por completo).
"""
