"""Canal en la bitácora (issue 17, punto 5): cada entrada dice si el cambio se hizo en la ventana o en la consola.

Las entradas anteriores quedan con ``canal`` vacío. El canal entra en el hash de la entrada solo
cuando no está vacío (:func:`app.servicios.nucleo.bitacora.calcular_hash`): la cadena de una base
existente se recalcula igual que antes y ``dti verificar-bitacora`` sigue pasando; en las
entradas nuevas, cambiar «consola» por «ventana» con SQL rompe la cadena.
"""
from peewee import SQL, CharField


def up(migrator, db):
    migrator.migrate(migrator.add_column('bitacora', 'canal', CharField(max_length=10, default='',
                                                                        constraints=[SQL("DEFAULT ''")])))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('bitacora', 'canal'))
