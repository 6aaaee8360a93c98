"""Inserción masiva que conserva la bitácora íntegra.

Para miles de registros (la demostración con 50,000 bienes, preparar un levantamiento en la
laptop) guardar uno por uno cuesta minutos. Aquí los registros y sus entradas de bitácora se
insertan con ``insert_many`` en lotes: cada registro recibe su id antes de insertarse, su
instantánea se calcula igual que en :func:`bitacora.registrar` y la cadena de hashes se
continúa en orden. El resultado es idéntico al de guardar uno por uno: ``dti
verificar-bitacora`` pasa.
"""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from peewee import DecimalField

from app.base_datos import bd, es_postgres
from app.modelos import Bitacora, ModeloBase, ahora
from app.modelos.base import valor_instantanea
from app.servicios.nucleo import bitacora

LOTE = 500


def reservar_ids(modelo: type[ModeloBase], cuantos: int) -> int:
    """Primer id de un bloque libre de ``cuantos`` ids (dentro de la transacción de escritura)."""
    if bd.transaction_depth() == 0:
        raise RuntimeError("Los ids se reservan dentro de la transacción de la inserción.")
    from peewee import fn

    maximo = modelo.select(fn.MAX(modelo.id)).scalar() or 0
    return maximo + 1


def _ajustar_secuencia(modelo: type[ModeloBase]) -> None:
    """En PostgreSQL, la secuencia del id debe quedar después de los ids insertados a mano."""
    if es_postgres():
        tabla = modelo._meta.table_name
        bd.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{tabla}\"', 'id'), "
                       f"(SELECT COALESCE(MAX(id), 1) FROM \"{tabla}\"))")


def _directos() -> tuple[type, ...]:
    from peewee import (AutoField, BooleanField, CharField, DateField, DateTimeField, IntegerField, TextField)

    return (AutoField, BooleanField, CharField, DateField, DateTimeField, IntegerField, TextField)


_DIRECTOS = _directos()


def _insertar(modelo: type[ModeloBase], campos: list[Any], filas: list[tuple]) -> None:
    """INSERT parametrizado de un lote: el SQL se arma una vez (generarlo con ``insert_many``
    costaba más que escribir); cada valor pasa por ``db_value`` igual que con peewee."""
    tabla = modelo._meta.table_name
    columnas = ", ".join(f'"{c.column_name}"' for c in campos)
    # Solo pasan por ``db_value`` las columnas que convierten algo (importes, imágenes, llaves con
    # el objeto); un texto, un número o una fecha del tipo de su columna van tal cual.
    convertir = [i for i, c in enumerate(campos) if type(c) not in _DIRECTOS]
    if convertir:
        convertidas = []
        for fila in filas:
            fila = list(fila)
            for i in convertir:
                fila[i] = campos[i].db_value(fila[i])
            convertidas.append(tuple(fila))
    else:
        convertidas = filas
    cursor = bd.cursor()
    if es_postgres():
        from psycopg2.extras import execute_values

        execute_values(cursor, f'INSERT INTO "{tabla}" ({columnas}) VALUES %s', convertidas, page_size=len(filas))
    else:
        marcas = ", ".join("?" for _ in campos)
        cursor.executemany(f'INSERT INTO "{tabla}" ({columnas}) VALUES ({marcas})', convertidas)


def _como_en_la_base(instancia: ModeloBase, decimales: list[str]) -> None:
    """Un importe 0 (entero) se lee de la base como Decimal: la instantánea debe coincidir."""
    for nombre in decimales:
        valor = instancia.__data__.get(nombre)
        if valor is not None and not isinstance(valor, Decimal):
            instancia.__data__[nombre] = Decimal(str(valor))


def insertar_con_bitacora(instancias: Sequence[ModeloBase], accion: str, usuario: Any = None,
                          lote: int = LOTE) -> int:
    """Inserta ``instancias`` (todas del mismo modelo y con ``id`` ya asignado) y anota cada
    una en la bitácora, en la transacción del llamador. Devuelve cuántas insertó.
    """
    if bd.transaction_depth() == 0:
        raise RuntimeError("La inserción masiva se hace dentro de una transacción.")
    if not instancias:
        return 0
    modelo = type(instancias[0])
    tabla = modelo._meta.table_name
    autor = bitacora.nombre_usuario(usuario)[:100]
    accion = accion[:60]
    momento = ahora()
    momento_texto = valor_instantanea(momento)
    # Las entradas pendientes de la transacción van antes; luego la cabeza de la cadena (con su
    # candado en PostgreSQL, hasta el COMMIT) y las de la carga, en bloques.
    bitacora.asentar_pendientes()
    _, anterior = bitacora.cabeza()
    campos = list(modelo._meta.sorted_fields)
    decimales = [c.name for c in campos if isinstance(c, DecimalField)]
    campos_bitacora = [Bitacora.momento, Bitacora.usuario, Bitacora.accion, Bitacora.tabla, Bitacora.registro_id,
                       Bitacora.instantanea, Bitacora.hash_anterior, Bitacora.hash, Bitacora.mac, Bitacora.canal]
    canal = bitacora.canal_actual()
    llave = bitacora.llave_bitacora()
    for inicio in range(0, len(instancias), lote):
        parte = instancias[inicio:inicio + lote]
        filas = []
        entradas = []
        for instancia in parte:
            _como_en_la_base(instancia, decimales)
            if instancia.id is None:
                raise ValueError("Cada instancia necesita su id antes de la inserción masiva.")
            datos = instancia.__data__
            filas.append(tuple(datos[c.name] if c.name in datos
                               else (c.default() if callable(c.default) else c.default) for c in campos))
            foto = bitacora._json(instancia.instantanea())
            nuevo = bitacora.calcular_hash(momento_texto, autor, accion, tabla, instancia.id, foto, anterior, canal)
            entradas.append((momento, autor, accion, tabla, instancia.id, foto, anterior, nuevo,
                             bitacora.autenticar(nuevo, llave), canal))
            anterior = nuevo
        _insertar(modelo, campos, filas)
        _insertar(Bitacora, campos_bitacora, entradas)
    _ajustar_secuencia(modelo)
    return len(instancias)
