"""Búsqueda transversal del expediente único (Ctrl+K en la ventana principal).

No implementa un procedimiento del manual: encuentra, por folio, número, serie o texto, los
registros que dejan todos ellos — oficios (políticas de operación de la recepción de oficios),
trámites de los 21 procedimientos, bienes del inventario (procedimiento 21), tickets de la mesa
de ayuda (procedimientos 6 y 2), servidores públicos del catálogo y licencias (procedimiento 10).

Cada módulo aporta su «buscador» con :func:`registrar`; :func:`buscar` los consulta todos,
respeta los permisos del rol y agrupa los resultados por tipo.
"""
from app.servicios.busqueda.registro import (LARGO_MAXIMO, MINIMO_CARACTERES, TOPE_POR_TIPO, Buscador,
                                             Consulta, Grupo, Resultado, buscadores, buscar, coincide,
                                             preparar, quitar, registrar)
from app.servicios.busqueda import incluidos  # registra los buscadores de los módulos existentes

__all__ = ["LARGO_MAXIMO", "MINIMO_CARACTERES", "TOPE_POR_TIPO", "Buscador", "Consulta", "Grupo", "Resultado",
           "buscadores", "buscar", "coincide", "incluidos", "preparar", "quitar", "registrar"]
