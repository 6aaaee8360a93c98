"""Pestaña Catálogos: institución, dependencias, servidores públicos, proveedores y usuarios.
"""
