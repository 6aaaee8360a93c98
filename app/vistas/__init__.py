"""Interfaz Qt (PySide6). Es la única capa que importa Qt; pide todo a los servicios."""
