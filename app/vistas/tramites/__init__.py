"""Pestañas Trámites y Procedimientos: los casos de los 21 procedimientos del manual y sus
definiciones (procedimientos 1, 3, 5, 11 y 13 a 20 se atienden aquí por completo).
"""
