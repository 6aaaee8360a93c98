"""Usuarios del sistema y sus roles."""
from __future__ import annotations

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField

from app.modelos.base import ModeloVersionado
from app.modelos.catalogos import ServidorPublico


class Usuario(ModeloVersionado):
    """Cuenta de acceso. La contraseña solo se guarda como hash Argon2id."""

    nombre_usuario = CharField(max_length=60, unique=True)   # normalizado: minúsculas sin acentos
    nombre = CharField(max_length=200)
    rol = CharField(max_length=40)
    hash_contrasena = CharField(max_length=200, default="")  # vacío: no puede iniciar sesión
    servidor = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="+")
    activo = BooleanField(default=True)
    intentos_fallidos = IntegerField(default=0)
    bloqueado_hasta = DateTimeField(null=True)
    ultimo_acceso = DateTimeField(null=True)

    class Meta:
        table_name = "usuario"
        indexes = ((("nombre", "id"), False),)     # orden de los tickets por asignado (0025)

    def instantanea(self):
        """La bitácora guarda la huella del hash, nunca el hash mismo."""
        import hashlib

        datos = super().instantanea()
        if self.hash_contrasena:
            datos["hash_contrasena"] = "sha256:" + hashlib.sha256(
                self.hash_contrasena.encode("utf-8")).hexdigest()
        return datos
