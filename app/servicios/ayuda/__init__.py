"""Manual de usuario dentro de la aplicación: capítulos por pestaña y por procedimiento.

Cumple la política 5 del procedimiento 11 del manual, «Desarrollo de sistemas informáticos»:
la DTI entrega un manual de usuario con cada sistema que desarrolla, también con este. El texto
vive en ``app/datos/manual/`` (Markdown en español); los capítulos de los procedimientos se
completan con lo que dicen sus ``pNN.json`` (pasos, responsables, decisiones, oficios y plazos),
así que otro municipio que carga su propio manual obtiene sus capítulos.
"""
