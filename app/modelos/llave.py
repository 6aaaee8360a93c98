"""La huella de la llave de la instalación, guardada en la base para que las PC la comparen."""
from __future__ import annotations

from peewee import CharField, DateTimeField

from app.modelos.base import ModeloBase, ahora


class HuellaLlave(ModeloBase):
    """La huella (no la llave) con que se escribió el primer secreto o la primera entrada autenticada.

    Una PC cuya llave da otra huella rehúsa escribir secretos y bitácora: lo que guardara no se
    podría leer ni comprobar en las demás. Una sola fila por ``clave`` («secretos»).
    """

    clave = CharField(max_length=30, unique=True)
    huella = CharField(max_length=64)
    registrada_en = DateTimeField(default=ahora)

    class Meta:
        table_name = "huella_llave"
