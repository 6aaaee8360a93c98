"""Correo saliente por SMTP con una cola persistente en la base.

Promesas:

* **Nunca se pierde un mensaje**: todo mensaje se guarda en la cola (``mensaje_correo``) antes de
  intentar enviarlo; si la red o el servidor fallan, queda pendiente y se reintenta con espera
  creciente (1, 2, 4, … minutos, hasta una hora).
* **No se envía dos veces**: antes de enviar, el mensaje se *reclama* en una transacción (estado
  ``enviando``, quién y cuándo), así dos PC que procesan la cola a la vez no toman el mismo; al
  aceptarlo el servidor se marca ``enviado`` en otra transacción. Si el proceso muere justo entre
  la entrega y la marca, el reclamo vence a los 10 minutos y el mensaje se reintenta con el mismo
  ``Message-ID``, que los servidores de correo usan para descartar duplicados.
* **Ningún secreto en claro**: un mensaje con contraseña se guarda cifrado con
  :mod:`app.servicios.nucleo.secretos` y su cuerpo cifrado se vacía al enviarse (el registro se queda).
"""
from __future__ import annotations

import datetime as dt
import os
import smtplib
import socket
import ssl
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime

from app.base_datos import transaccion
from app.modelos import ConfiguracionCorreo, MensajeCorreo, MovimientoCuenta, Usuario, ahora
from app.servicios.nucleo import bitacora, permisos
from app.errores import ErrorDTI, ErrorValidacion
from app.servicios.nucleo.validacion import Validador, limpiar_texto
from app.tiempo import ahora_mexico

NINGUNA = "ninguna"
STARTTLS = "starttls"
SSL = "ssl"
SEGURIDADES = {NINGUNA: "Sin cifrado", STARTTLS: "STARTTLS", SSL: "SSL/TLS directo"}

PENDIENTE = "pendiente"
ENVIANDO = "enviando"
ENVIADO = "enviado"
RECHAZADO = "rechazado"
ESTADOS = {PENDIENTE: "Pendiente", ENVIANDO: "Enviando", ENVIADO: "Enviado", RECHAZADO: "Rechazado"}

ESPERA_BASE_S = 60
ESPERA_MAXIMA_S = 3600
VENCE_RECLAMO = dt.timedelta(minutes=10)
TIEMPO_CONEXION_S = 20
LOTE = 50


@dataclass
class ResumenCola:
    """Lo que hizo una pasada por la cola."""

    enviados: int = 0
    fallidos: int = 0
    rechazados: int = 0
    pendientes: int = 0
    errores: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        texto = (f"Enviados: {self.enviados} · con falla (se reintentarán): {self.fallidos} · "
                 f"rechazados: {self.rechazados} · pendientes en cola: {self.pendientes}")
        if self.errores:
            texto += f"\nÚltimo error: {self.errores[-1]}"
        return texto


@dataclass(frozen=True)
class EstadoCola:
    """Lo que muestra la pestaña: cuántos esperan, cuántos fallaron y cuándo es el próximo intento."""

    pendientes: int
    rechazados: int
    enviados: int
    proximo_intento: dt.datetime | None
    ultimo_error: str
    configurado: bool


@dataclass(frozen=True)
class DatosConfiguracion:
    """La configuración SMTP tal como la ve el usuario (la contraseña nunca sale de aquí)."""

    host: str
    puerto: int
    seguridad: str
    usuario: str
    tiene_contrasena: bool
    remitente: str
    dominio: str
    version: int

    @property
    def completa(self) -> bool:
        return bool(self.host and self.remitente)


# --- Configuración -------------------------------------------------------------------------

def _registro_configuracion() -> ConfiguracionCorreo:
    registro = ConfiguracionCorreo.get_or_none(ConfiguracionCorreo.id == 1)
    if registro is None:
        with transaccion():
            registro = ConfiguracionCorreo.get_or_none(ConfiguracionCorreo.id == 1)
            if registro is None:
                registro = ConfiguracionCorreo(id=1)
                registro.save(force_insert=True)
                bitacora.registrar(registro, "alta de configuración de correo", None)
    return registro


def configuracion() -> DatosConfiguracion:
    r = _registro_configuracion()
    return DatosConfiguracion(r.host, r.puerto, r.seguridad, r.usuario, bool(r.contrasena_cifrada),
                              r.remitente, r.dominio, r.version)


def dominio_institucional() -> str:
    return _registro_configuracion().dominio


def guardar_configuracion(actor: Usuario | None, *, host: str, puerto: int, seguridad: str,
                          usuario: str = "", contrasena: str | None = None, remitente: str,
                          dominio: str, version: int | None = None) -> DatosConfiguracion:
    """Guarda el servidor SMTP. ``contrasena`` None la deja como estaba; "" la quita.

    La contraseña se guarda cifrada con la llave de la instalación, nunca en claro.
    """
    from app.servicios.nucleo import secretos

    permisos.exigir(actor, permisos.EDITAR_INSTITUCION)
    v = Validador()
    host = v.texto("host", "Servidor SMTP", host, 200, requerido=True)
    if any(c.isspace() or c in "/@" for c in host):
        v.error("host", "El servidor SMTP es un nombre o una dirección IP, sin espacios ni «/».")
    puerto = v.entero("puerto", "Puerto", puerto, 1, 65535)
    if seguridad not in SEGURIDADES:
        v.error("seguridad", f"Seguridad desconocida: «{seguridad}» (ninguna, starttls o ssl).")
    usuario = v.texto("usuario", "Usuario SMTP", usuario, 200)
    remitente = v.correo("remitente", "Remitente", remitente, requerido=True)
    dominio = v.texto("dominio", "Dominio del correo institucional", dominio, 200, requerido=True).lower()
    if dominio and ("." not in dominio or any(c.isspace() or c in "/@" for c in dominio)):
        v.error("dominio", "El dominio debe ser como «texmelucan.gob.mx» (sin «@»).")
    if contrasena is not None and len(contrasena) > 500:
        v.error("contrasena", "La contraseña SMTP es demasiado larga.")
    v.validar()
    registro = _registro_configuracion()
    leida = registro.version if version is None else version
    registro.host, registro.puerto, registro.seguridad = host, puerto, seguridad
    registro.usuario, registro.remitente, registro.dominio = usuario, remitente, dominio
    if contrasena is not None:
        registro.contrasena_cifrada = secretos.cifrar(contrasena) if contrasena else ""
    bitacora.guardar_versionado(registro, "configuración del correo saliente", actor, leida)
    return configuracion()


# --- Cola -----------------------------------------------------------------------------------

def encolar(destinatario: str, asunto: str, cuerpo: str, *, secreto: bool = False,
            cuenta=None, actor: Usuario | None = None) -> MensajeCorreo:
    """Guarda un mensaje en la cola (no lo envía). Con ``secreto`` el cuerpo se guarda cifrado.

    Puede llamarse dentro de la transacción de quien lo origina: si esa transacción se
    deshace, el mensaje tampoco queda.
    """
    from app.servicios.nucleo import secretos

    v = Validador()
    destinatario = v.correo("destinatario", "Destinatario", destinatario, requerido=True)
    asunto = v.texto("asunto", "Asunto", asunto, 300, requerido=True)
    if not cuerpo or not cuerpo.strip():
        v.error("cuerpo", "El mensaje no tiene texto.")
    v.validar()
    dominio = dominio_institucional() or "dti.local"
    momento = ahora()
    mensaje = MensajeCorreo(
        message_id=f"<dti.{uuid.uuid4().hex}@{dominio}>",
        destinatario=destinatario, asunto=asunto, estado=PENDIENTE, proximo_intento=momento,
        creado_en=momento, cuenta=cuenta, cifrado=secreto,
        cuerpo="" if secreto else limpiar_texto(cuerpo, multilinea=True),
        cuerpo_cifrado=secretos.cifrar(cuerpo) if secreto else "")
    return bitacora.guardar(mensaje, "mensaje encolado", actor)


def espera_para(intentos: int) -> dt.timedelta:
    """Espera antes del siguiente intento: 1, 2, 4, 8… minutos, hasta una hora."""
    return dt.timedelta(seconds=min(ESPERA_BASE_S * 2 ** max(intentos - 1, 0), ESPERA_MAXIMA_S))


def _quien() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _reclamar(momento: dt.datetime, forzar: bool, ids: list[int] | None) -> list[int]:
    """Marca como ``enviando`` los mensajes que tocan (en una transacción) y devuelve sus ids."""
    quien = _quien()
    with transaccion():
        disponibles = (MensajeCorreo.estado == PENDIENTE)
        if not forzar:
            disponibles &= (MensajeCorreo.proximo_intento <= momento)
        vencidos = ((MensajeCorreo.estado == ENVIANDO)
                    & (MensajeCorreo.reclamado_en < momento - VENCE_RECLAMO))
        consulta = MensajeCorreo.select().where(disponibles | vencidos)
        if ids is not None:
            consulta = consulta.where(MensajeCorreo.id.in_(ids))
        reclamados = []
        for mensaje in consulta.order_by(MensajeCorreo.id).limit(LOTE):
            mensaje.estado, mensaje.reclamado_por, mensaje.reclamado_en = ENVIANDO, quien, momento
            mensaje.save()
            bitacora.registrar(mensaje, "mensaje tomado para envío", None)
            reclamados.append(mensaje.id)
    return reclamados


def _componer(mensaje: MensajeCorreo, remitente: str) -> EmailMessage:
    from app.servicios.nucleo import secretos

    correo = EmailMessage()
    correo["From"] = remitente
    correo["To"] = mensaje.destinatario
    correo["Subject"] = mensaje.asunto
    correo["Date"] = format_datetime(ahora_mexico())   # hora de México, no la de la PC
    correo["Message-ID"] = mensaje.message_id
    cuerpo = secretos.descifrar(mensaje.cuerpo_cifrado) if mensaje.cifrado else mensaje.cuerpo
    correo.set_content(cuerpo)
    return correo


def _conectar(config: ConfiguracionCorreo) -> smtplib.SMTP:
    """Abre la sesión SMTP según la configuración (lanza OSError/SMTPException si no se puede)."""
    from app.servicios.nucleo import secretos

    if config.seguridad == SSL:
        sesion: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.puerto, timeout=TIEMPO_CONEXION_S,
                                                context=ssl.create_default_context())
    else:
        sesion = smtplib.SMTP(config.host, config.puerto, timeout=TIEMPO_CONEXION_S)
    try:
        sesion.ehlo()
        if config.seguridad == STARTTLS:
            if not sesion.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError(
                    "el servidor no ofrece STARTTLS; revise el puerto o elija otra seguridad")
            sesion.starttls(context=ssl.create_default_context())
            sesion.ehlo()
        if config.usuario:
            contrasena = secretos.descifrar(config.contrasena_cifrada) if config.contrasena_cifrada else ""
            sesion.login(config.usuario, contrasena)
    except BaseException:
        sesion.close()
        raise
    return sesion


def describir_error(exc: BaseException) -> str:
    """El error de red o SMTP en una línea en español."""
    if isinstance(exc, ConnectionRefusedError):
        return "el servidor SMTP rechazó la conexión (¿está apagado o el puerto es otro?)"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "el servidor SMTP no respondió a tiempo"
    if isinstance(exc, socket.gaierror):
        return "no se encontró el servidor SMTP (revise el nombre o la red)"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "el servidor SMTP no aceptó el usuario o la contraseña"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        detalle = "; ".join(f"{d}: {c} {m.decode('utf-8', 'replace') if isinstance(m, bytes) else m}"
                            for d, (c, m) in exc.recipients.items())
        return f"el servidor rechazó al destinatario ({detalle})"
    if isinstance(exc, smtplib.SMTPResponseException):
        texto = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        return f"el servidor SMTP respondió {exc.smtp_code}: {texto}"
    if isinstance(exc, ssl.SSLError):
        return f"falló la conexión cifrada (TLS): {exc.reason or exc}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "el servidor SMTP cerró la conexión"
    return f"{type(exc).__name__}: {exc}"


def _es_permanente(exc: BaseException) -> bool:
    """Rechazos 5xx del destinatario o del contenido: reintentar no los arregla."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= codigo < 600 for codigo, _ in exc.recipients.values())
    if isinstance(exc, (smtplib.SMTPDataError, smtplib.SMTPSenderRefused)):
        return 500 <= exc.smtp_code < 600
    return False


def _marcar_enviado(id_: int, momento: dt.datetime) -> None:
    with transaccion():
        mensaje = MensajeCorreo.get_by_id(id_)
        mensaje.estado, mensaje.enviado_en, mensaje.ultimo_error = ENVIADO, momento, ""
        mensaje.cuerpo_cifrado = ""      # el secreto ya no hace falta: se vacía, el registro se queda
        mensaje.intentos += 1
        mensaje.save()
        bitacora.registrar(mensaje, "mensaje enviado", None)
        if mensaje.cuenta_id is not None:
            movimiento = MovimientoCuenta.create(
                cuenta=mensaje.cuenta_id, momento=momento, accion="Credenciales enviadas",
                detalle=f"El servidor de correo aceptó el mensaje para {mensaje.destinatario}.")
            bitacora.registrar(movimiento, "cuenta: credenciales enviadas", None)


def _marcar_falla(id_: int, momento: dt.datetime, error: str, permanente: bool) -> None:
    with transaccion():
        mensaje = MensajeCorreo.get_by_id(id_)
        mensaje.intentos += 1
        mensaje.ultimo_error = error[:2000]
        mensaje.reclamado_por, mensaje.reclamado_en = "", None
        if permanente:
            mensaje.estado = RECHAZADO
        else:
            mensaje.estado = PENDIENTE
            mensaje.proximo_intento = momento + espera_para(mensaje.intentos)
        mensaje.save()
        bitacora.registrar(mensaje, "mensaje rechazado" if permanente else "falla al enviar mensaje", None)


def procesar_cola(ahora: dt.datetime | None = None, forzar: bool = False,
                  ids: list[int] | None = None) -> ResumenCola:
    """Intenta enviar los mensajes pendientes cuyo turno llegó (o todos, con ``forzar``).

    Se puede llamar desde cualquier hilo y desde varias PC a la vez. Nunca lanza por
    fallas de red o del servidor: las anota en cada mensaje y las resume.
    """
    from app.modelos.base import ahora as reloj

    momento = ahora or reloj()
    resumen = ResumenCola()
    config = _registro_configuracion()
    if not (config.host and config.remitente):
        resumen.errores.append("El correo saliente no está configurado (servidor SMTP y remitente).")
        resumen.pendientes = _contar(PENDIENTE) + _contar(ENVIANDO)
        return resumen
    reclamados = _reclamar(momento, forzar, ids)
    sesion: smtplib.SMTP | None = None
    try:
        for id_ in reclamados:
            mensaje = MensajeCorreo.get_by_id(id_)
            try:
                correo = _componer(mensaje, config.remitente)
                if sesion is None:
                    sesion = _conectar(config)
                sesion.send_message(correo)
            except Exception as exc:  # noqa: BLE001 - cada falla se anota en su mensaje
                permanente = _es_permanente(exc)
                error = describir_error(exc)
                _marcar_falla(id_, momento, error, permanente)
                resumen.errores.append(error)
                if permanente:
                    resumen.rechazados += 1
                else:
                    resumen.fallidos += 1
                if not permanente and sesion is not None:
                    _cerrar(sesion)
                    sesion = None
                continue
            _marcar_enviado(id_, momento)
            resumen.enviados += 1
    finally:
        if sesion is not None:
            _cerrar(sesion)
    resumen.pendientes = _contar(PENDIENTE) + _contar(ENVIANDO)
    return resumen


def _cerrar(sesion: smtplib.SMTP) -> None:
    try:
        sesion.quit()
    except (smtplib.SMTPException, OSError):
        sesion.close()


def _contar(estado: str) -> int:
    return MensajeCorreo.select().where(MensajeCorreo.estado == estado).count()


def estado_cola() -> EstadoCola:
    """Resumen para la pantalla: pendientes, rechazados, enviados, próximo intento y último error."""
    from peewee import fn

    conteos = dict(MensajeCorreo.select(MensajeCorreo.estado, fn.COUNT(MensajeCorreo.id))
                   .group_by(MensajeCorreo.estado).tuples())
    proximo = (MensajeCorreo.select(fn.MIN(MensajeCorreo.proximo_intento))
               .where(MensajeCorreo.estado == PENDIENTE).scalar())
    ultimo = (MensajeCorreo.select(MensajeCorreo.ultimo_error)
              .where(MensajeCorreo.estado.in_([PENDIENTE, RECHAZADO]) & (MensajeCorreo.ultimo_error != ""))
              .order_by(MensajeCorreo.id.desc()).limit(1).scalar())
    config = configuracion()
    return EstadoCola(conteos.get(PENDIENTE, 0) + conteos.get(ENVIANDO, 0), conteos.get(RECHAZADO, 0),
                      conteos.get(ENVIADO, 0), proximo, ultimo or "", config.completa)


def mensajes(limite: int = 200) -> list[dict]:
    """Los últimos mensajes de la cola, sin cuerpo (el cifrado nunca sale de aquí)."""
    return list(MensajeCorreo.select(MensajeCorreo.id, MensajeCorreo.destinatario, MensajeCorreo.asunto,
                                     MensajeCorreo.estado, MensajeCorreo.intentos, MensajeCorreo.creado_en,
                                     MensajeCorreo.enviado_en, MensajeCorreo.proximo_intento,
                                     MensajeCorreo.ultimo_error, MensajeCorreo.message_id)
                .order_by(MensajeCorreo.id.desc()).limit(limite).dicts())


def reencolar_rechazado(actor: Usuario | None, mensaje_id: int) -> MensajeCorreo:
    """Vuelve a poner en la cola un mensaje rechazado (p. ej. tras corregir el buzón del destinatario)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    mensaje = MensajeCorreo.get_or_none(MensajeCorreo.id == mensaje_id)
    if mensaje is None or mensaje.estado != RECHAZADO:
        raise ErrorDTI("Solo se vuelven a encolar mensajes rechazados.")
    mensaje.estado, mensaje.proximo_intento = PENDIENTE, ahora()
    return bitacora.guardar(mensaje, "mensaje reencolado", actor)


def probar(actor: Usuario | None, destino: str) -> tuple[MensajeCorreo, ResumenCola]:
    """Encola un mensaje de prueba a ``destino`` y lo intenta enviar en ese momento."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    config = configuracion()
    if not config.completa:
        raise ErrorValidacion([("host", "Configure primero el servidor SMTP y el remitente.")])
    mensaje = encolar(destino, "Prueba del correo saliente de la DTI",
                      "Este es un mensaje de prueba del sistema de la Dirección de Tecnologías de la "
                      f"Información.\n\nServidor: {config.host}:{config.puerto} ({SEGURIDADES[config.seguridad]}).\n"
                      "Si lo recibió, la configuración del correo saliente funciona.", actor=actor)
    resumen = procesar_cola(ids=[mensaje.id], forzar=True)
    return MensajeCorreo.get_by_id(mensaje.id), resumen
