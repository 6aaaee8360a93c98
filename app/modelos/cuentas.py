"""Cuentas de correo institucional y de aplicaciones municipales (procedimiento 9) y la cola de correo.

Ninguna contraseña se guarda en claro: la cuenta solo conserva el hash Argon2id de la
contraseña inicial; el mensaje que la lleva al correo alternativo se guarda cifrado y su
cuerpo se vacía en cuanto se envía.
"""
from __future__ import annotations

import hashlib

from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField)

from app.modelos.base import ModeloBase, ModeloVersionado, ahora
from app.modelos.catalogos import Dependencia, ServidorPublico
from app.modelos.oficios import Oficio
from app.modelos.tramites import Tramite
from app.modelos.usuarios import Usuario


def _huella(texto: str) -> str:
    return "sha256:" + hashlib.sha256(texto.encode("utf-8")).hexdigest() if texto else ""


class SolicitudCuenta(ModeloVersionado):
    """Oficio de solicitud de una cuenta: los datos que pide el manual y lo que se decidió."""

    tipo = CharField(max_length=12, index=True)               # correo, aplicacion
    aplicacion = CharField(max_length=120, default="")        # nombre de la aplicación municipal
    ambito = CharField(max_length=140, index=True)            # "correo" o "app:<nombre normalizado>"
    oficio = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    nombre_completo = CharField(max_length=200, default="")
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    servidor = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="+")
    correo_alternativo = CharField(max_length=254, default="")
    propuesta_1 = CharField(max_length=60, default="")
    propuesta_2 = CharField(max_length=60, default="")
    estado = CharField(max_length=12, index=True)             # incompleta, lista, atendida, cancelada
    faltantes = TextField(default="")                         # separados por «;»
    dictamen_propuestas = TextField(default="")               # por qué sirve o no cada propuesta
    oficio_faltantes = ForeignKeyField(Oficio, null=True, on_delete="RESTRICT", backref="+")
    motivo_cancelacion = TextField(default="")
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    # El trámite de su procedimiento (issue 14: un solo expediente), creado en la misma transacción.
    expediente = ForeignKeyField(Tramite, null=True, unique=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "solicitud_cuenta"


class Cuenta(ModeloVersionado):
    """Cuenta creada. Estado lógico: activa, bloqueada o baja (el registro nunca se borra)."""

    tipo = CharField(max_length=12, index=True)
    aplicacion = CharField(max_length=120, default="")
    ambito = CharField(max_length=140)
    nombre_usuario = CharField(max_length=60)
    direccion = CharField(max_length=254, default="")         # correo: usuario@dominio
    solicitud = ForeignKeyField(SolicitudCuenta, null=True, on_delete="RESTRICT", backref="cuentas")
    nombre_completo = CharField(max_length=200)
    dependencia = ForeignKeyField(Dependencia, null=True, on_delete="RESTRICT", backref="+")
    servidor = ForeignKeyField(ServidorPublico, null=True, on_delete="RESTRICT", backref="+")
    correo_alternativo = CharField(max_length=254)
    estado = CharField(max_length=12, index=True)             # activa, bloqueada, baja
    hash_contrasena = CharField(max_length=200, default="")   # Argon2id de la última contraseña generada
    contrasena_generada_en = DateTimeField(null=True)
    motivo_estado = TextField(default="")
    estado_cambiado_en = DateTimeField(null=True)
    creado_por = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    busqueda = TextField(default="", index=True)

    class Meta:
        table_name = "cuenta"
        indexes = ((("ambito", "nombre_usuario"), True),)

    def instantanea(self):
        """La bitácora guarda la huella del hash, nunca el hash mismo."""
        datos = super().instantanea()
        datos["hash_contrasena"] = _huella(self.hash_contrasena)
        return datos


class MovimientoCuenta(ModeloBase):
    """Historial legible de una cuenta: alta, envío, restablecimiento en persona, bloqueo, baja."""

    cuenta = ForeignKeyField(Cuenta, backref="movimientos", on_delete="RESTRICT")
    momento = DateTimeField(default=ahora)
    accion = CharField(max_length=40)
    detalle = TextField(default="")
    persona_presente = CharField(max_length=200, default="")
    identificacion_tipo = CharField(max_length=60, default="")
    identificacion_numero = CharField(max_length=60, default="")
    identifico = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")
    usuario = ForeignKeyField(Usuario, null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        table_name = "movimiento_cuenta"


class ConfiguracionCorreo(ModeloVersionado):
    """Servidor SMTP de salida (un solo registro, id = 1). La contraseña va cifrada."""

    host = CharField(max_length=200, default="")
    puerto = IntegerField(default=587)
    seguridad = CharField(max_length=10, default="starttls")  # ninguna, starttls, ssl
    usuario = CharField(max_length=200, default="")
    contrasena_cifrada = TextField(default="")
    remitente = CharField(max_length=254, default="")
    dominio = CharField(max_length=200, default="texmelucan.gob.mx")   # del correo institucional

    class Meta:
        table_name = "configuracion_correo"

    def instantanea(self):
        datos = super().instantanea()
        datos["contrasena_cifrada"] = _huella(self.contrasena_cifrada)
        return datos


class MensajeCorreo(ModeloBase):
    """Mensaje en la cola persistente. Estado: pendiente, enviando, enviado, rechazado."""

    message_id = CharField(max_length=200, unique=True)      # estable en todos los reintentos
    destinatario = CharField(max_length=254)
    asunto = CharField(max_length=300)
    cuerpo = TextField(default="")                            # en claro solo si no lleva secretos
    cuerpo_cifrado = TextField(default="")                    # se vacía al enviarse
    cifrado = BooleanField(default=False)
    estado = CharField(max_length=12, index=True)
    intentos = IntegerField(default=0)
    proximo_intento = DateTimeField(index=True)
    ultimo_error = TextField(default="")
    reclamado_por = CharField(max_length=80, default="")
    reclamado_en = DateTimeField(null=True)
    creado_en = DateTimeField(default=ahora)
    enviado_en = DateTimeField(null=True)
    cuenta = ForeignKeyField(Cuenta, null=True, on_delete="RESTRICT", backref="mensajes")

    class Meta:
        table_name = "mensaje_correo"

    def instantanea(self):
        """El cuerpo cifrado no pasa a la bitácora: solo su huella."""
        datos = super().instantanea()
        datos["cuerpo_cifrado"] = _huella(self.cuerpo_cifrado)
        return datos
