"""Catálogos de la institución: dependencias, servidores públicos, proveedores y usuarios de la DTI.

Los usan todos los procedimientos del manual.
"""
