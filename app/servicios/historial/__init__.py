"""Historial de un bien TIC reunido desde todos los módulos que lo tocan.

Procedimientos 21 (movimientos y levantamiento), 4 (dictámenes) y 6 (tickets de la mesa de ayuda).
"""
