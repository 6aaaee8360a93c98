"""Paginación por llave (issue 19, punto 2): un índice (columna de orden, id) por columna ordenable.

Las listas de bienes y de tickets se leen por bloques con ``WHERE (orden, id) > (…)``; con estos
índices el último bloque de 200,000 cuesta lo que el primero, ordenado por cualquier columna del
encabezado. Los de tablas unidas (dependencia, resguardante, tipo, asignado, bien) se leen por
(llave foránea, id) y el nombre de la tabla unida; los historiales del detalle de un ticket, por
(llave, fecha de recepción, id). Solo agrega índices: ningún dato cambia.
"""

INDICES = {
    "bien": (("descripcion", "id"), ("marca", "modelo", "id"), ("modelo", "id"), ("serie", "id"),
             ("tipo_id", "id"), ("dependencia_id", "id"), ("resguardante_id", "id"), ("estado", "id"),
             ("valor", "id"), ("fecha_adquisicion", "id")),
    "ticket": (("recibido_en", "id"), ("estado", "id"), ("dependencia_id", "id"), ("solicitante_nombre", "id"),
               ("asignado_id", "id"), ("bien_id", "id"), ("bien_id", "recibido_en", "id"),
               ("dependencia_id", "recibido_en", "id"), ("solicitante_id", "recibido_en", "id")),
    "servidor_publico": (("nombre", "id"),),
    "usuario": (("nombre", "id"),),
}


def up(migrator, db):
    migrator.migrate(*[migrator.add_index(tabla, columnas, False)
                       for tabla, indices in INDICES.items() for columnas in indices])


def down(migrator, db):
    migrator.migrate(*[migrator.drop_index(tabla, "_".join((tabla,) + columnas))
                       for tabla, indices in INDICES.items() for columnas in indices])
