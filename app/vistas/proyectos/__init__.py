"""Pestaña «Proyectos»: procedimientos 3, 11, 13, 15 y 18 del manual."""
