"""Modelo base: nada se borra físicamente y todo sabe dar su instantánea."""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
from typing import Any

from peewee import BlobField, DateTimeField, IntegerField, Model

from app.base_datos import bd


class ErrorBorradoFisico(Exception):
    """Intento de borrar un registro: en este sistema solo hay bajas lógicas."""


def ahora() -> dt.datetime:
    """Hora local de la Ciudad de México, sin zona, a segundos exactos."""
    from app.tiempo import ahora_mexico

    return ahora_mexico().replace(tzinfo=None, microsecond=0)


def valor_instantanea(valor: Any) -> Any:
    """Convierte un valor de campo a algo JSON estable entre SQLite y PostgreSQL."""
    if valor is None or isinstance(valor, (bool, int, str)):
        return valor
    if isinstance(valor, decimal.Decimal):
        return format(valor.normalize(), "f") if valor == valor else str(valor)
    if isinstance(valor, float):
        return repr(valor)
    if isinstance(valor, dt.datetime):
        # Con sus microsegundos (seis cifras, o ninguna si son cero, como las marcas de ``ahora``):
        # un cambio de solo microsegundos no pasa inadvertido, y SQLite y PostgreSQL, que los
        # guardan completos, dan el mismo texto.
        return valor.isoformat(sep=" ", timespec="microseconds" if valor.microsecond else "seconds")
    if isinstance(valor, dt.date):
        return valor.isoformat()
    if isinstance(valor, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(valor)).hexdigest()
    return str(valor)


class ModeloBase(Model):
    """Base de todos los modelos de la aplicación."""

    class Meta:
        database = bd
        legacy_table_names = False

    def delete_instance(self, *args, **kwargs):  # noqa: D102 - se prohíbe a propósito
        raise ErrorBorradoFisico(
            "Los registros no se borran: use la baja lógica (cancelar o desactivar).")

    @classmethod
    def delete(cls, *args, **kwargs):  # noqa: D102
        raise ErrorBorradoFisico(
            "Los registros no se borran: use la baja lógica (cancelar o desactivar).")

    def instantanea(self) -> dict[str, Any]:
        """Contenido del registro tal como se guarda en la bitácora."""
        datos: dict[str, Any] = {}
        for nombre, campo in self._meta.fields.items():
            valor = self.__data__.get(nombre)
            if isinstance(campo, BlobField) and valor is not None:
                valor = bytes(valor)
            datos[nombre] = valor_instantanea(valor)
        return datos


class ModeloVersionado(ModeloBase):
    """Modelo editable por varias PC: la columna ``version`` detecta conflictos."""

    version = IntegerField(default=1)
    creado_en = DateTimeField(default=ahora)
    modificado_en = DateTimeField(default=ahora)

    def save(self, force_insert: bool = False, only=None):  # noqa: D102
        # Todo cambio de un registro que ya existe sube su versión (si quien guarda no la puso ya,
        # como ``bitacora.guardar_versionado``): así la otra PC que lo tenía abierto lo nota
        # (app.servicios.nucleo.concurrencia).
        if not force_insert and self.get_id() is not None and "version" not in self._dirty:
            self.version = (self.version or 0) + 1
            if only is not None:
                only = [*only, type(self).version]
        return super().save(force_insert=force_insert, only=only)
