"""Cola de correo contra un servidor SMTP local real (aiosmtpd) que la prueba arranca y apaga."""
from __future__ import annotations

import datetime as dt
import email
import socket
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from app.modelos import Bitacora, MensajeCorreo, ahora
from app.servicios.nucleo import correo
from app.errores import ErrorPermiso, ErrorValidacion
from tests.conftest import usuario


class Buzon:
    """Manejador de aiosmtpd que guarda lo que llega; rechaza con 550 a ``inexistente@…``."""

    def __init__(self) -> None:
        self.recibidos: list[tuple[list[str], email.message.EmailMessage]] = []
        self.candado = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("inexistente@"):
            return "550 5.1.1 El buzón no existe"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        mensaje = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.candado:
            self.recibidos.append((list(envelope.rcpt_tos), mensaje))
        return "250 Mensaje aceptado"


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServidorSmtp:
    """Un aiosmtpd que se puede encender y apagar en el mismo puerto."""

    def __init__(self, puerto: int, credenciales: tuple[str, str] | None = None) -> None:
        self.puerto = puerto
        self.buzon = Buzon()
        self.credenciales = credenciales
        self.controlador: Controller | None = None
        self.ingresos: list[str] = []

    def _autenticar(self, server, session, envelope, mecanismo, datos):
        ok = (self.credenciales is not None and datos.login.decode() == self.credenciales[0]
              and datos.password.decode() == self.credenciales[1])
        if ok:
            self.ingresos.append(datos.login.decode())
        return AuthResult(success=ok)

    def encender(self) -> None:
        opciones = {}
        if self.credenciales:
            opciones = {"authenticator": self._autenticar, "auth_require_tls": False}
        self.controlador = Controller(self.buzon, hostname="127.0.0.1", port=self.puerto, **opciones)
        self.controlador.start()

    def apagar(self) -> None:
        if self.controlador is not None:
            self.controlador.stop()
            self.controlador = None


@pytest.fixture
def smtp():
    servidor = ServidorSmtp(puerto_libre())
    yield servidor
    servidor.apagar()


def configurar(puerto: int, **extra) -> None:
    datos = dict(host="127.0.0.1", puerto=puerto, seguridad=correo.NINGUNA, usuario="", contrasena=None,
                 remitente="dti@texmelucan.gob.mx", dominio="texmelucan.gob.mx")
    datos.update(extra)
    correo.guardar_configuracion(None, **datos)


def test_el_mensaje_llega_con_destinatario_asunto_y_message_id(bd, smtp):
    smtp.encender()
    configurar(smtp.puerto)
    mensaje = correo.encolar("lucia.mendez@gmail.com", "Su cuenta de correo institucional",
                             "Hola, Lucía: su cuenta está lista.")
    resumen = correo.procesar_cola()
    assert resumen.enviados == 1 and resumen.pendientes == 0
    assert len(smtp.buzon.recibidos) == 1
    destinatarios, recibido = smtp.buzon.recibidos[0]
    assert destinatarios == ["lucia.mendez@gmail.com"]
    assert recibido["Subject"] == "Su cuenta de correo institucional"
    assert recibido["From"] == "dti@texmelucan.gob.mx"
    assert recibido["Message-ID"] == mensaje.message_id
    assert "Lucía" in recibido.get_content()
    guardado = MensajeCorreo.get_by_id(mensaje.id)
    assert guardado.estado == correo.ENVIADO and guardado.enviado_en is not None


def test_servidor_apagado_queda_en_cola_y_al_volver_llega_una_sola_vez(bd, smtp):
    configurar(smtp.puerto)          # nadie escucha todavía en ese puerto
    mensaje = correo.encolar("karla.jimenez@hotmail.com", "Credenciales", "Contraseña: Xy7#pQ2m!Rt9wK4z",
                             secreto=True)
    inicio = ahora()
    primero = correo.procesar_cola(ahora=inicio)
    assert primero.enviados == 0 and primero.fallidos == 1 and primero.pendientes == 1
    assert "rechazó la conexión" in primero.errores[0]
    guardado = MensajeCorreo.get_by_id(mensaje.id)
    assert guardado.estado == correo.PENDIENTE and guardado.intentos == 1
    assert guardado.proximo_intento == inicio + dt.timedelta(minutes=1)
    assert guardado.cuerpo_cifrado, "mientras no se envíe, el cuerpo cifrado se conserva"

    # Segundo fallo: la espera crece.
    correo.procesar_cola(ahora=inicio + dt.timedelta(seconds=61))
    guardado = MensajeCorreo.get_by_id(mensaje.id)
    assert guardado.intentos == 2
    assert guardado.proximo_intento == inicio + dt.timedelta(seconds=61) + dt.timedelta(minutes=2)

    smtp.encender()
    # Antes de su turno no se intenta, aunque el servidor ya esté arriba.
    antes = correo.procesar_cola(ahora=inicio + dt.timedelta(seconds=90))
    assert antes.enviados == 0 and smtp.buzon.recibidos == []

    despues = inicio + dt.timedelta(minutes=5)
    assert correo.procesar_cola(ahora=despues).enviados == 1
    for minutos in (6, 30, 120):
        assert correo.procesar_cola(ahora=inicio + dt.timedelta(minutes=minutos)).enviados == 0
    assert correo.procesar_cola(forzar=True).enviados == 0
    assert len(smtp.buzon.recibidos) == 1
    destinatarios, recibido = smtp.buzon.recibidos[0]
    assert destinatarios == ["karla.jimenez@hotmail.com"]
    assert "Xy7#pQ2m!Rt9wK4z" in recibido.get_content()
    enviado = MensajeCorreo.get_by_id(mensaje.id)
    assert enviado.estado == correo.ENVIADO and enviado.intentos == 3
    assert enviado.cuerpo_cifrado == "", "al enviarse se vacía el cuerpo cifrado (el registro se queda)"
    assert MensajeCorreo.select().count() == 1


def test_reintentar_ahora_no_espera_el_turno(bd, smtp):
    configurar(smtp.puerto)
    correo.encolar("a@ejemplo.mx", "Aviso", "Texto")
    correo.procesar_cola()
    smtp.encender()
    assert correo.procesar_cola().enviados == 0          # aún no es su turno
    assert correo.procesar_cola(forzar=True).enviados == 1
    assert len(smtp.buzon.recibidos) == 1


def test_reclamo_vencido_se_reintenta_con_el_mismo_message_id(bd, smtp):
    """Si el proceso murió con el mensaje tomado, a los 10 minutos otro lo envía (mismo Message-ID)."""
    smtp.encender()
    configurar(smtp.puerto)
    mensaje = correo.encolar("b@ejemplo.mx", "Aviso", "Texto")
    ids = correo._reclamar(ahora(), False, None)      # otra PC lo tomó y se apagó
    assert ids == [mensaje.id]
    assert correo.procesar_cola(forzar=True).enviados == 0, "tomado por otro: no se toca"
    resumen = correo.procesar_cola(ahora=ahora() + dt.timedelta(minutes=11))
    assert resumen.enviados == 1
    assert smtp.buzon.recibidos[0][1]["Message-ID"] == mensaje.message_id


def test_destinatario_rechazado_no_se_pierde_y_se_puede_reencolar(bd, smtp):
    smtp.encender()
    configurar(smtp.puerto)
    malo = correo.encolar("inexistente@ejemplo.mx", "Aviso", "Texto")
    bueno = correo.encolar("existe@ejemplo.mx", "Aviso", "Texto")
    resumen = correo.procesar_cola()
    assert resumen.rechazados == 1 and resumen.enviados == 1
    guardado = MensajeCorreo.get_by_id(malo.id)
    assert guardado.estado == correo.RECHAZADO and "550" in guardado.ultimo_error
    assert MensajeCorreo.get_by_id(bueno.id).estado == correo.ENVIADO
    estado = correo.estado_cola()
    assert estado.rechazados == 1 and estado.pendientes == 0 and "550" in estado.ultimo_error
    correo.reencolar_rechazado(None, malo.id)
    assert MensajeCorreo.get_by_id(malo.id).estado == correo.PENDIENTE


def test_usuario_y_contrasena_smtp_protegidos(bd, tmp_path):
    servidor = ServidorSmtp(puerto_libre(), credenciales=("dti-envios", "Clave SMTP 2026!"))
    servidor.encender()
    try:
        configurar(servidor.puerto, usuario="dti-envios", contrasena="Clave SMTP 2026!")
        guardada = correo._registro_configuracion()
        assert guardada.contrasena_cifrada.startswith("v1:") and "Clave SMTP" not in guardada.contrasena_cifrada
        assert correo.configuracion().tiene_contrasena
        # Guardar sin contraseña (None) la conserva.
        configurar(servidor.puerto, usuario="dti-envios", contrasena=None, remitente="otra@texmelucan.gob.mx")
        correo.encolar("c@ejemplo.mx", "Aviso", "Texto")
        assert correo.procesar_cola().enviados == 1
        assert servidor.buzon.recibidos[0][1]["From"] == "otra@texmelucan.gob.mx"
        assert servidor.ingresos == ["dti-envios"], "entró con la contraseña descifrada"
    finally:
        servidor.apagar()
    assert not any("Clave SMTP 2026!" in t for (t,) in Bitacora.select(Bitacora.instantanea).tuples())


def test_starttls_exigido_y_servidor_sin_starttls_queda_en_cola(bd, smtp):
    smtp.encender()
    configurar(smtp.puerto, seguridad=correo.STARTTLS)
    correo.encolar("e@ejemplo.mx", "Aviso", "Texto")
    resumen = correo.procesar_cola()
    assert resumen.fallidos == 1 and "STARTTLS" in resumen.errores[0]
    assert smtp.buzon.recibidos == []
    assert correo.estado_cola().pendientes == 1


def test_sin_configuracion_nada_se_pierde(bd):
    correo.encolar("f@ejemplo.mx", "Aviso", "Texto")
    resumen = correo.procesar_cola()
    assert resumen.enviados == 0 and resumen.pendientes == 1
    assert "no está configurado" in resumen.errores[0]
    assert MensajeCorreo.get().intentos == 0


def test_configuracion_invalida_no_escribe_nada(bd):
    antes = correo.configuracion()
    with pytest.raises(ErrorValidacion) as error:
        correo.guardar_configuracion(None, host="smtp mal/escrito", puerto=70000, seguridad="tls",
                                     remitente="no-es-correo", dominio="@texmelucan")
    assert set(error.value.campos()) >= {"host", "puerto", "seguridad", "remitente", "dominio"}
    assert correo.configuracion() == antes
    with pytest.raises(ErrorPermiso):
        from app.demo import carga as demo

        demo.cargar_demo()
        correo.guardar_configuracion(usuario("soporte"), host="smtp.ejemplo.mx", puerto=587,
                                     seguridad=correo.STARTTLS, remitente="dti@texmelucan.gob.mx",
                                     dominio="texmelucan.gob.mx")


def test_probar_envia_en_el_momento(bd, smtp):
    smtp.encender()
    configurar(smtp.puerto)
    mensaje, resumen = correo.probar(None, "director.dti@gmail.com")
    assert resumen.enviados == 1 and mensaje.estado == correo.ENVIADO
    assert smtp.buzon.recibidos[0][0] == ["director.dti@gmail.com"]
    assert "prueba" in smtp.buzon.recibidos[0][1]["Subject"].lower()


def test_espera_creciente_con_tope():
    assert [correo.espera_para(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert correo.espera_para(20).total_seconds() == correo.ESPERA_MAXIMA_S


def test_consola_correo_probar_y_procesar(bd_sqlite, smtp, capsys, consola_director):
    from app.consola.principal import principal
    from app.servicios.catalogos import usuarios

    url = f"sqlite:///{base_datos_ruta()}"
    # La cola cambia datos: la consola se identifica (la primera cuenta de la base, con la clave de la demo).
    usuarios.crear_primer_director("director", "Director de prueba", "Director2026")
    configurar(smtp.puerto)
    assert principal(["correo", "probar", "destino@example.com", "--db", url]) == 1, "servidor apagado"
    assert "queda en la cola" in capsys.readouterr().err
    smtp.encender()
    assert principal(["correo", "procesar", "--db", url]) == 0
    assert "Enviados: 0" in capsys.readouterr().out, "aún no es su turno"
    assert principal(["correo", "probar", "otro@example.com", "--db", url]) == 0
    assert "Prueba enviada a otro@example.com" in capsys.readouterr().out
    assert [r[0] for r in smtp.buzon.recibidos] == [["otro@example.com"]]
    assert correo.estado_cola().pendientes == 1, "la primera prueba espera su turno en la cola"


def base_datos_ruta() -> str:
    from app import base_datos

    return base_datos.bd.obj.database
