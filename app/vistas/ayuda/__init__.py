"""Manual de usuario en la ventana: visor con índice y búsqueda; F1 abre el capítulo de la pestaña.

Procedimiento 11, política 5: la DTI entrega un manual de usuario con cada sistema que desarrolla.
"""
