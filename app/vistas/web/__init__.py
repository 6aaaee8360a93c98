"""Pestaña «Web»: cargas a la página web (14), declaraciones patrimoniales (16) e hipervínculos (17)."""
