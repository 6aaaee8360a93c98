"""Procedimiento 9: cuentas de correo institucional y de aplicaciones municipales.

El oficio de solicitud debe traer nombre completo, dependencia, correo alternativo y dos
propuestas de nombre de usuario; si falta algo se pide con la «solicitud de datos faltantes».
Las propuestas se revisan (formato y que nadie las tenga) y se usa la primera que sirve.

La contraseña inicial la genera :func:`generar_contrasena` con ``secrets``; no se guarda en
claro en ningún lado: la cuenta conserva su hash Argon2id, el mensaje al correo alternativo se
guarda cifrado en la cola y se vacía al enviarse, y quien la crea la ve una sola vez.
Si el titular la pierde, se restablece solo en persona en la oficina de la DTI.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from peewee import JOIN

from app.base_datos import transaccion
from app.modelos import (Cuenta, Dependencia, MovimientoCuenta, Oficio, ServidorPublico, SolicitudCuenta,
                         Usuario, ahora)
from app.servicios.cuentas import expedientes
from app.servicios.nucleo import bitacora, correo, permisos
from app.servicios.oficios import oficios
from app.errores import ErrorConflicto, ErrorDTI, ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.servicios.nucleo.concurrencia import cambia, crea

CORREO = "correo"
APLICACION = "aplicacion"
TIPOS = {CORREO: "Correo institucional", APLICACION: "Aplicación municipal"}

# Solicitudes.
INCOMPLETA = "incompleta"
LISTA = "lista"
ATENDIDA = "atendida"
CANCELADA = "cancelada"
ESTADOS_SOLICITUD = {INCOMPLETA: "Solicitud incompleta", LISTA: "Solicitud lista",
                     ATENDIDA: "Solicitud atendida", CANCELADA: "Solicitud cancelada"}

# Cuentas.
ACTIVA = "activa"
BLOQUEADA = "bloqueada"
BAJA = "baja"
ESTADOS_CUENTA = {ACTIVA: "Activa", BLOQUEADA: "Bloqueada", BAJA: "Dada de baja"}

IDENTIFICACIONES = ("Credencial para votar (INE)", "Pasaporte", "Cédula profesional",
                    "Licencia de conducir", "Gafete del Ayuntamiento")

REQUISITOS = {
    "nombre_completo": "Nombre completo del servidor público",
    "dependencia": "Dependencia a la que pertenece",
    "correo_alternativo": "Correo electrónico alternativo",
    "propuestas": "Dos propuestas de nombre de usuario",
}

LONGITUD_USUARIO = (3, 30)
_FORMA_USUARIO = re.compile(r"^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$")
RESERVADOS = frozenset({"admin", "administrador", "root", "postmaster", "abuse", "webmaster", "hostmaster",
                        "soporte", "dti", "sistemas", "redes", "noreply", "no-reply", "info", "contacto",
                        "presidencia", "tesoreria", "seguridad", "mailer-daemon", "sistema"})

# Contraseñas: sin caracteres que se confunden al dictarlas o copiarlas (0/O, 1/l/I, comillas).
LONGITUD_CONTRASENA = 16
MAYUSCULAS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
MINUSCULAS = "abcdefghijkmnopqrstuvwxyz"
DIGITOS = "23456789"
SIMBOLOS = "#$%&*+-=?@_!"
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class Propuesta:
    """Una propuesta de nombre de usuario y si sirve."""

    texto: str
    disponible: bool
    motivo: str


@dataclass
class ResultadoSolicitud:
    solicitud: SolicitudCuenta
    faltantes: list[str]
    propuestas: list[Propuesta]
    oficio_faltantes: Oficio | None = None

    @property
    def elegida(self) -> str | None:
        return next((p.texto for p in self.propuestas if p.disponible), None)


@dataclass
class CuentaCreada:
    """Resultado de crear o restablecer: la contraseña viaja solo aquí, para mostrarse una vez."""

    cuenta: Cuenta
    contrasena: str = field(repr=False)
    mensaje_id: int | None = None


# --- Contraseñas y nombres ------------------------------------------------------------------

def generar_contrasena(longitud: int = LONGITUD_CONTRASENA) -> str:
    """Contraseña aleatoria fuerte (``secrets``): mayúsculas, minúsculas, dígitos y símbolos, sin ambiguos."""
    if longitud < 14:
        raise ValueError("La contraseña generada debe tener al menos 14 caracteres.")
    grupos = (MAYUSCULAS, MINUSCULAS, DIGITOS, SIMBOLOS)
    todos = "".join(grupos)
    caracteres = [secrets.choice(g) for g in grupos]
    caracteres += [secrets.choice(todos) for _ in range(longitud - len(grupos))]
    # Barajar con secrets (random.shuffle no es criptográfico).
    for i in range(len(caracteres) - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        caracteres[i], caracteres[j] = caracteres[j], caracteres[i]
    return "".join(caracteres)


def verificar_contrasena(cuenta: Cuenta, contrasena: str) -> bool:
    """¿``contrasena`` es la última generada para la cuenta? (compara contra el hash Argon2id)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if not cuenta.hash_contrasena:
        return False
    try:
        return _HASHER.verify(cuenta.hash_contrasena, contrasena)
    except (VerificationError, InvalidHashError):
        return False


def ambito_de(tipo: str, aplicacion: str = "") -> str:
    """Dónde debe ser único el nombre de usuario: el correo institucional o cada aplicación."""
    return CORREO if tipo == CORREO else f"app:{normalizar(aplicacion)}"


def sugerencia(texto: str) -> str:
    """«José.Pérez» → «jose.perez»: lo que el usuario quizá quiso escribir."""
    limpio = normalizar(limpiar_texto(texto)).replace(" ", ".")
    return re.sub(r"[^a-z0-9._-]", "", limpio)


def problema_de_forma(texto: str) -> str | None:
    """Por qué un nombre de usuario no tiene forma válida (None si la tiene)."""
    minimo, maximo = LONGITUD_USUARIO
    if not texto:
        return "está vacía"
    if texto != texto.strip() or " " in texto:
        return "tiene espacios"
    if texto != texto.lower():
        return f"tiene mayúsculas (escríbala como «{sugerencia(texto)}»)"
    if normalizar(texto) != texto or not texto.isascii():
        return f"tiene acentos, «ñ» u otros caracteres especiales (p. ej. «{sugerencia(texto)}»)"
    if not minimo <= len(texto) <= maximo:
        return f"debe tener entre {minimo} y {maximo} caracteres (tiene {len(texto)})"
    if not _FORMA_USUARIO.match(texto):
        return ("solo admite letras minúsculas, dígitos y un «.», «_» o «-» entre ellos, "
                "y debe empezar con letra")
    return None


def verificar_propuestas(tipo: str, aplicacion: str, propuestas: list[str]) -> list[Propuesta]:
    """Revisa cada propuesta: forma válida, no reservada y que ninguna cuenta la tenga ya.

    Las cuentas dadas de baja siguen ocupando su nombre (el registro se conserva). Para el
    correo institucional también cuentan los buzones ya registrados en el catálogo de
    servidores públicos.
    """
    ambito = ambito_de(tipo, aplicacion)
    dominio = correo.dominio_institucional()
    resultado: list[Propuesta] = []
    vistas: set[str] = set()
    for texto in propuestas:
        texto = (texto or "").replace("\x00", "")
        motivo = problema_de_forma(texto)
        if motivo is None and texto in vistas:
            motivo = "repite la otra propuesta"
        if motivo is None and texto in RESERVADOS:
            motivo = "es un nombre reservado para cuentas del sistema"
        if motivo is None:
            existente = Cuenta.get_or_none((Cuenta.ambito == ambito) & (Cuenta.nombre_usuario == texto))
            if existente is not None:
                estado = ESTADOS_CUENTA.get(existente.estado, existente.estado).lower()
                motivo = f"ya pertenece a otra cuenta ({existente.nombre_completo}, {estado})"
        if motivo is None and tipo == CORREO:
            direccion = f"{texto}@{dominio}"
            if ServidorPublico.select().where(ServidorPublico.correo == direccion).exists():
                motivo = f"el buzón {direccion} ya existe en el catálogo de servidores públicos"
        vistas.add(texto)
        resultado.append(Propuesta(texto, motivo is None, motivo or "disponible"))
    return resultado


def explicar_propuestas(propuestas: list[Propuesta]) -> str:
    """Una línea por propuesta: «1. jose.perez: disponible»."""
    return "\n".join(f"{i}. {p.texto or '(vacía)'}: {p.motivo}" for i, p in enumerate(propuestas, 1))


# --- Solicitudes ---------------------------------------------------------------------------

def _validar_datos(v: Validador, tipo: str, aplicacion: str, nombre_completo: str, correo_alternativo: str,
                   propuesta_1: str, propuesta_2: str) -> tuple[str, str, str, str, str]:
    if tipo not in TIPOS:
        v.error("tipo", f"Tipo de cuenta desconocido: «{tipo}».")
    aplicacion = v.texto("aplicacion", "Aplicación", aplicacion, 120)
    if tipo == APLICACION and not aplicacion:
        v.error("aplicacion", "Indique la aplicación municipal de la cuenta.")
    nombre_completo = v.texto("nombre_completo", "Nombre completo", nombre_completo, 200)
    correo_alternativo = v.correo("correo_alternativo", "Correo alternativo", correo_alternativo)
    propuesta_1 = limpiar_texto(propuesta_1)[:60]
    propuesta_2 = limpiar_texto(propuesta_2)[:60]
    return aplicacion, nombre_completo, correo_alternativo, propuesta_1, propuesta_2


def _evaluar(solicitud: SolicitudCuenta) -> tuple[list[str], list[Propuesta]]:
    """Faltantes del manual y dictamen de las propuestas; actualiza estado y texto de búsqueda."""
    faltantes = []
    if not solicitud.nombre_completo:
        faltantes.append(REQUISITOS["nombre_completo"])
    if solicitud.dependencia_id is None:
        faltantes.append(REQUISITOS["dependencia"])
    if not solicitud.correo_alternativo:
        faltantes.append(REQUISITOS["correo_alternativo"])
    if not (solicitud.propuesta_1 and solicitud.propuesta_2):
        faltantes.append(REQUISITOS["propuestas"])
    propuestas = verificar_propuestas(solicitud.tipo, solicitud.aplicacion,
                                      [p for p in (solicitud.propuesta_1, solicitud.propuesta_2) if p])
    if propuestas and not any(p.disponible for p in propuestas) and REQUISITOS["propuestas"] not in faltantes:
        faltantes.append("Propuestas de nombre de usuario válidas y disponibles (ninguna de las recibidas sirve)")
    solicitud.faltantes = "; ".join(faltantes)
    solicitud.dictamen_propuestas = explicar_propuestas(propuestas)
    solicitud.estado = INCOMPLETA if faltantes else LISTA
    dependencia = solicitud.dependencia.nombre if solicitud.dependencia_id else ""
    solicitud.busqueda = texto_busqueda(solicitud.nombre_completo, dependencia, solicitud.correo_alternativo,
                                        solicitud.propuesta_1, solicitud.propuesta_2, solicitud.aplicacion,
                                        solicitud.oficio.numero_oficio if solicitud.oficio_id else "")
    return faltantes, propuestas


@crea
def registrar_solicitud(actor: Usuario | None, *, tipo: str = CORREO, aplicacion: str = "",
                        nombre_completo: str = "", dependencia: Dependencia | None = None,
                        correo_alternativo: str = "", propuesta_1: str = "", propuesta_2: str = "",
                        servidor: ServidorPublico | None = None, oficio: Oficio | None = None,
                        numero_oficio: str = "", fecha_oficio: dt.date | None = None,
                        solicitante_nombre: str = "", solicitante_cargo: str = "", firmado: bool = False,
                        emitir_faltantes: bool | None = None) -> ResultadoSolicitud:
    """Registra el oficio de solicitud (o usa ``oficio`` ya registrado) y revisa sus datos.

    Si falta algo, el oficio queda incompleto con esos faltantes y, si el rol puede emitir
    oficios (``emitir_faltantes`` None = según el rol), se emite en la misma transacción la
    «solicitud de datos faltantes». Ante datos mal escritos no se guarda nada.
    """
    permisos.exigir(actor, permisos.REGISTRAR_OFICIO)
    v = Validador()
    aplicacion, nombre_completo, correo_alternativo, propuesta_1, propuesta_2 = _validar_datos(
        v, tipo, aplicacion, nombre_completo, correo_alternativo, propuesta_1, propuesta_2)
    v.validar()
    if emitir_faltantes is None:
        emitir_faltantes = permisos.puede(actor, permisos.EMITIR_OFICIO)
    que = TIPOS[tipo].lower() if tipo == CORREO else f"cuenta de la aplicación «{aplicacion}»"
    with transaccion():
        if oficio is None:
            oficio = oficios.registrar_oficio_entrante(
                actor, numero_oficio=numero_oficio, fecha_documento=fecha_oficio, procedencia=dependencia,
                solicitante_nombre=solicitante_nombre, solicitante_cargo=solicitante_cargo, firmado=firmado,
                descripcion=f"Solicitud de {que} para {nombre_completo or 'un servidor público'}.",
                permitir_incompleto=True)
        solicitud = SolicitudCuenta(tipo=tipo, aplicacion=aplicacion, ambito=ambito_de(tipo, aplicacion),
                                    oficio=oficio, nombre_completo=nombre_completo, dependencia=dependencia,
                                    servidor=servidor, correo_alternativo=correo_alternativo,
                                    propuesta_1=propuesta_1, propuesta_2=propuesta_2, creado_por=actor)
        faltantes, propuestas = _evaluar(solicitud)
        # Su trámite del procedimiento 9 se abre aquí mismo (expediente único), antes de la bitácora.
        expedientes.abrir(actor, solicitud)
        bitacora.guardar(solicitud, "registro de solicitud de cuenta", actor)
        resultado = ResultadoSolicitud(solicitud, faltantes, propuestas)
        if faltantes:
            _marcar_oficio_incompleto(actor, oficio, faltantes)
            if emitir_faltantes:
                resultado.oficio_faltantes = _emitir_faltantes(actor, solicitud)
    return resultado


def _marcar_oficio_incompleto(actor: Usuario | None, oficio: Oficio, faltantes: list[str]) -> None:
    """El oficio recibido queda incompleto con los datos que pide el procedimiento 9."""
    if oficio.tipo != oficios.ENTRANTE or oficio.estado not in (oficios.REGISTRADO, oficios.INCOMPLETO):
        return
    actuales = oficios.faltantes_de(oficio)
    oficio.faltantes = "; ".join(actuales + [f for f in faltantes if f not in actuales])
    oficio.estado = oficios.INCOMPLETO
    oficio.modificado_en = ahora()
    bitacora.guardar(oficio, "oficio recibido incompleto (datos de la cuenta)", actor)


def _emitir_faltantes(actor: Usuario | None, solicitud: SolicitudCuenta) -> Oficio:
    saliente = oficios.emitir_solicitud_datos_faltantes(actor, solicitud.oficio)
    solicitud.oficio_faltantes = saliente
    solicitud.modificado_en = ahora()
    bitacora.guardar(solicitud, "solicitud de datos faltantes emitida", actor)
    return saliente


@cambia("solicitud")
def solicitar_datos_faltantes(actor: Usuario | None, solicitud: SolicitudCuenta) -> Oficio:
    """Emite la «solicitud de datos faltantes» de una solicitud incompleta (si aún no se emitió)."""
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    if solicitud.estado != INCOMPLETA:
        raise ErrorTransicion("La solicitud de datos faltantes solo aplica a solicitudes incompletas.")
    if solicitud.oficio_faltantes_id is not None and solicitud.oficio_faltantes.estado != oficios.CANCELADO:
        raise ErrorTransicion(f"Ya se emitió la solicitud de datos faltantes ({solicitud.oficio_faltantes.folio}).")
    if solicitud.oficio_id is None:
        raise ErrorDTI("La solicitud no tiene oficio recibido al cual responder.")
    with transaccion():
        _marcar_oficio_incompleto(actor, solicitud.oficio, solicitud.faltantes.split("; "))
        return _emitir_faltantes(actor, SolicitudCuenta.get_by_id(solicitud.id))


@cambia("solicitud")
def completar_solicitud(actor: Usuario | None, solicitud: SolicitudCuenta, *, nombre_completo: str,
                        dependencia: Dependencia | None, correo_alternativo: str, propuesta_1: str,
                        propuesta_2: str, servidor: ServidorPublico | None = None,
                        version: int | None = None) -> ResultadoSolicitud:
    """La dependencia respondió con los datos: se vuelven a revisar (el manual regresa al paso 2)."""
    permisos.exigir(actor, permisos.REGISTRAR_OFICIO)
    if solicitud.estado not in (INCOMPLETA, LISTA):
        raise ErrorTransicion("Solo se corrigen solicitudes que aún no tienen cuenta.")
    v = Validador()
    _, nombre_completo, correo_alternativo, propuesta_1, propuesta_2 = _validar_datos(
        v, solicitud.tipo, solicitud.aplicacion, nombre_completo, correo_alternativo, propuesta_1, propuesta_2)
    v.validar()
    leida = solicitud.version if version is None else version
    solicitud.nombre_completo, solicitud.dependencia = nombre_completo, dependencia
    solicitud.correo_alternativo, solicitud.servidor = correo_alternativo, servidor
    solicitud.propuesta_1, solicitud.propuesta_2 = propuesta_1, propuesta_2
    faltantes, propuestas = _evaluar(solicitud)
    with transaccion():
        bitacora.guardar_versionado(solicitud, "solicitud de cuenta completada", actor, leida)
        expedientes.revisar(actor, solicitud)
    return ResultadoSolicitud(solicitud, faltantes, propuestas)


@cambia("solicitud")
def cancelar_solicitud(actor: Usuario | None, solicitud: SolicitudCuenta, motivo: str,
                       version: int | None = None) -> SolicitudCuenta:
    permisos.exigir(actor, permisos.CANCELAR_TRAMITE)
    v = Validador()
    motivo = v.texto("motivo", "Motivo", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    if solicitud.estado not in (INCOMPLETA, LISTA):
        raise ErrorTransicion("Solo se cancelan solicitudes que aún no tienen cuenta.")
    leida = solicitud.version if version is None else version
    solicitud.estado, solicitud.motivo_cancelacion = CANCELADA, motivo
    with transaccion():
        bitacora.guardar_versionado(solicitud, "cancelación de solicitud de cuenta", actor, leida)
        expedientes.cancelar(actor, solicitud)
    return solicitud


# --- Cuentas ------------------------------------------------------------------------------

def _exigir_soporte(actor: Usuario | None, permiso: str) -> None:
    permisos.exigir(actor, permiso)
    permisos.exigir_area(actor, permisos.AREA_SOPORTE)


def _mensaje_credenciales(cuenta: Cuenta, contrasena: str) -> tuple[str, str]:
    if cuenta.tipo == CORREO:
        asunto = "Su cuenta de correo electrónico institucional"
        que = f"su cuenta de correo electrónico institucional: {cuenta.direccion}"
    else:
        asunto = f"Su cuenta para la aplicación {cuenta.aplicacion}"
        que = f"su cuenta para la aplicación municipal «{cuenta.aplicacion}»: usuario {cuenta.nombre_usuario}"
    cuerpo = (f"Estimado(a) {cuenta.nombre_completo}:\n\n"
              f"La Dirección de Tecnologías de la Información creó {que}\n\n"
              f"Contraseña inicial: {contrasena}\n\n"
              "Cámbiela al iniciar sesión por primera vez y no la comparta. Si la pierde, acuda en persona "
              "a la oficina de la Dirección de Tecnologías de la Información con una identificación oficial "
              "para restablecerla.\n\n"
              "Este mensaje se envió a su correo alternativo registrado en su oficio de solicitud.")
    return asunto, cuerpo


@cambia("solicitud")
def crear_cuenta(actor: Usuario | None, solicitud: SolicitudCuenta, nombre_usuario: str | None = None,
                 version: int | None = None) -> CuentaCreada:
    """Crea la cuenta de una solicitud completa y encola las credenciales al correo alternativo.

    Usa ``nombre_usuario`` o, si es None, la primera propuesta disponible. La contraseña
    devuelta no queda en claro en ningún lado: muéstrela una vez.
    """
    _exigir_soporte(actor, permisos.AVANZAR_TRAMITE)
    with transaccion():
        actual = SolicitudCuenta.get_by_id(solicitud.id)
        if version is not None and actual.version != version:
            raise ErrorConflicto("Otro usuario modificó la solicitud; vuelva a abrirla.")
        if actual.estado != LISTA:
            raise ErrorTransicion(
                f"La solicitud está «{ESTADOS_SOLICITUD.get(actual.estado, actual.estado)}»: "
                + ("complete primero los datos faltantes." if actual.estado == INCOMPLETA
                   else "ya no admite crear cuenta."))
        if nombre_usuario is None:
            propuestas = verificar_propuestas(actual.tipo, actual.aplicacion,
                                              [actual.propuesta_1, actual.propuesta_2])
            elegido = next((p.texto for p in propuestas if p.disponible), None)
            if elegido is None:
                raise ErrorValidacion([("propuestas", "Ninguna propuesta sirve:\n" + explicar_propuestas(propuestas))])
        else:
            propuesta = verificar_propuestas(actual.tipo, actual.aplicacion, [nombre_usuario])[0]
            if not propuesta.disponible:
                raise ErrorValidacion([("nombre_usuario", f"«{nombre_usuario}» no sirve: {propuesta.motivo}.")])
            elegido = propuesta.texto
        contrasena = generar_contrasena()
        momento = ahora()
        direccion = f"{elegido}@{correo.dominio_institucional()}" if actual.tipo == CORREO else ""
        cuenta = Cuenta(tipo=actual.tipo, aplicacion=actual.aplicacion, ambito=actual.ambito,
                        nombre_usuario=elegido, direccion=direccion, solicitud=actual,
                        nombre_completo=actual.nombre_completo, dependencia=actual.dependencia,
                        servidor=actual.servidor, correo_alternativo=actual.correo_alternativo, estado=ACTIVA,
                        hash_contrasena=_HASHER.hash(contrasena), contrasena_generada_en=momento,
                        estado_cambiado_en=momento, creado_por=actor, creado_en=momento, modificado_en=momento)
        cuenta.busqueda = _busqueda_cuenta(cuenta)
        bitacora.guardar(cuenta, "alta de cuenta", actor)
        _movimiento(cuenta, "Alta", f"Cuenta creada como «{elegido}» desde la solicitud "
                                    f"{actual.oficio.numero_oficio if actual.oficio_id else actual.id}.", actor)
        asunto, cuerpo = _mensaje_credenciales(cuenta, contrasena)
        mensaje = correo.encolar(cuenta.correo_alternativo, asunto, cuerpo, secreto=True, cuenta=cuenta, actor=actor)
        _movimiento(cuenta, "Credenciales en cola",
                    f"Mensaje cifrado para {cuenta.correo_alternativo}, en la cola de correo.", actor)
        actual.estado = ATENDIDA
        actual.modificado_en = momento
        bitacora.guardar(actual, "solicitud de cuenta atendida", actor)
        # Paso 3 (la cuenta) y paso 4 (la entrega por el correo alternativo): el trámite concluye.
        expedientes.entregar(actor, actual, direccion=direccion, enviado_a=cuenta.correo_alternativo,
                             momento=momento)
    return CuentaCreada(cuenta, contrasena, mensaje.id)


def _busqueda_cuenta(cuenta: Cuenta) -> str:
    dependencia = cuenta.dependencia.nombre if cuenta.dependencia_id else ""
    return texto_busqueda(cuenta.nombre_usuario, cuenta.direccion, cuenta.nombre_completo, dependencia,
                          cuenta.correo_alternativo, cuenta.aplicacion)


def _movimiento(cuenta: Cuenta, accion: str, detalle: str, actor: Usuario | None, **datos: Any) -> MovimientoCuenta:
    movimiento = MovimientoCuenta(cuenta=cuenta, accion=accion, detalle=detalle, usuario=actor,
                                  momento=ahora(), **datos)
    return bitacora.guardar(movimiento, f"cuenta: {accion.lower()}"[:60], actor)


def _releer(cuenta: Cuenta, version: int | None) -> Cuenta:
    """Dentro de la transacción: la cuenta como está guardada, si nadie la cambió desde que se leyó."""
    actual = Cuenta.get_by_id(cuenta.id)
    esperada = cuenta.version if version is None else version
    if actual.version != esperada:
        raise ErrorConflicto("Otro usuario modificó esta cuenta mientras usted la veía. Vuelva a abrirla.")
    return actual


@cambia("cuenta")
def restablecer_en_persona(actor: Usuario | None, cuenta: Cuenta, *, persona_presente: str,
                           identificacion_tipo: str, identificacion_numero: str,
                           identifico: Usuario | None = None, version: int | None = None) -> CuentaCreada:
    """Pérdida de contraseña: el titular acude en persona a la DTI y se le genera una nueva.

    Queda anotado quién de la DTI lo identificó (``identifico``, por omisión quien opera) y con
    qué identificación. La persona presente debe ser el titular de la cuenta.
    """
    _exigir_soporte(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    persona_presente = v.texto("persona_presente", "Persona presente", persona_presente, 200, requerido=True)
    identificacion_tipo = v.texto("identificacion_tipo", "Identificación", identificacion_tipo, 60, requerido=True)
    identificacion_numero = v.texto("identificacion_numero", "Número o folio de la identificación",
                                    identificacion_numero, 60, requerido=True)
    if persona_presente and normalizar(persona_presente) != normalizar(cuenta.nombre_completo):
        v.error("persona_presente", f"Solo el titular ({cuenta.nombre_completo}) puede restablecer su "
                                    "contraseña, y debe presentarse en persona.")
    v.validar()
    quien = identifico or actor
    with transaccion():
        actual = _releer(cuenta, version)
        if actual.estado != ACTIVA:
            raise ErrorTransicion(f"La cuenta está {ESTADOS_CUENTA[actual.estado].lower()}: "
                                  "no se restablece su contraseña.")
        contrasena = generar_contrasena()
        momento = ahora()
        actual.hash_contrasena = _HASHER.hash(contrasena)
        actual.contrasena_generada_en = momento
        bitacora.guardar_versionado(actual, "restablecimiento de contraseña en persona", actor, actual.version)
        _movimiento(actual, "Restablecimiento en persona",
                    f"{persona_presente} se presentó en la oficina de la DTI.", actor,
                    persona_presente=persona_presente, identificacion_tipo=identificacion_tipo,
                    identificacion_numero=identificacion_numero, identifico=quien)
    return CuentaCreada(actual, contrasena)


def _cambiar_estado(actor: Usuario | None, cuenta: Cuenta, nuevo: str, motivo: str, accion: str,
                    desde: tuple[str, ...], version: int | None) -> Cuenta:
    _exigir_soporte(actor, permisos.EMITIR_OFICIO)
    v = Validador()
    motivo = v.texto("motivo", "Motivo", motivo, 2000, requerido=True, multilinea=True)
    v.validar()
    with transaccion():
        actual = _releer(cuenta, version)
        if actual.estado not in desde:
            raise ErrorTransicion(f"La cuenta está {ESTADOS_CUENTA[actual.estado].lower()}: no se puede "
                                  f"{accion.lower()}.")
        actual.estado, actual.motivo_estado, actual.estado_cambiado_en = nuevo, motivo, ahora()
        bitacora.guardar_versionado(actual, f"cuenta: {accion.lower()}", actor, actual.version)
        _movimiento(actual, accion, motivo, actor)
    return actual


@cambia("cuenta")
def bloquear(actor: Usuario | None, cuenta: Cuenta, motivo: str, version: int | None = None) -> Cuenta:
    """Mal uso: la cuenta queda bloqueada con su motivo (se puede desbloquear)."""
    return _cambiar_estado(actor, cuenta, BLOQUEADA, motivo, "Bloqueo", (ACTIVA,), version)


@cambia("cuenta")
def desbloquear(actor: Usuario | None, cuenta: Cuenta, motivo: str, version: int | None = None) -> Cuenta:
    return _cambiar_estado(actor, cuenta, ACTIVA, motivo, "Desbloqueo", (BLOQUEADA,), version)


@cambia("cuenta")
def dar_de_baja(actor: Usuario | None, cuenta: Cuenta, motivo: str, version: int | None = None) -> Cuenta:
    """Baja lógica definitiva (el registro, su historial y su nombre de usuario se conservan)."""
    return _cambiar_estado(actor, cuenta, BAJA, motivo, "Baja", (ACTIVA, BLOQUEADA), version)


# --- Consultas -----------------------------------------------------------------------------

def obtener_cuenta(identificador: int) -> Cuenta:
    cuenta = Cuenta.get_or_none(Cuenta.id == identificador)
    if cuenta is None:
        raise ErrorNoEncontrado(f"No existe la cuenta {identificador}.")
    return cuenta


def obtener_solicitud(identificador: int) -> SolicitudCuenta:
    solicitud = SolicitudCuenta.get_or_none(SolicitudCuenta.id == identificador)
    if solicitud is None:
        raise ErrorNoEncontrado(f"No existe la solicitud {identificador}.")
    return solicitud


def consultar(tipo: str | None = None, estado: str | None = None, dependencia_id: int | None = None,
              busqueda: str = "", limite: int = 5000) -> list[dict[str, Any]]:
    """Cuentas y solicitudes sin cuenta, para la tabla: dos consultas, sin instancias de modelo.

    Cada fila lleva ``clave`` («c12» cuenta, «s7» solicitud), ``estado`` (de cuenta o de
    solicitud) y ``estado_texto``.
    """
    filtro_busqueda = normalizar(busqueda) if busqueda else ""
    filas: list[dict[str, Any]] = []
    if estado is None or estado in ESTADOS_CUENTA:
        consulta = (Cuenta.select(Cuenta.id, Cuenta.tipo, Cuenta.aplicacion, Cuenta.nombre_usuario,
                                  Cuenta.direccion, Cuenta.nombre_completo, Cuenta.correo_alternativo,
                                  Cuenta.estado, Cuenta.creado_en, Cuenta.estado_cambiado_en,
                                  Cuenta.motivo_estado, Dependencia.nombre.alias("dependencia"),
                                  Cuenta.dependencia.alias("dependencia_id"))
                    .join(Dependencia, JOIN.LEFT_OUTER, on=(Cuenta.dependencia == Dependencia.id)))
        if tipo:
            consulta = consulta.where(Cuenta.tipo == tipo)
        if estado:
            consulta = consulta.where(Cuenta.estado == estado)
        if dependencia_id:
            consulta = consulta.where(Cuenta.dependencia == dependencia_id)
        if filtro_busqueda:
            consulta = busqueda_indexada.donde(consulta, Cuenta, filtro_busqueda, por_palabras=False)
        for fila in consulta.order_by(Cuenta.id.desc()).limit(limite).dicts():
            fila["clave"] = f"c{fila['id']}"
            fila["estado_texto"] = ESTADOS_CUENTA.get(fila["estado"], fila["estado"])
            fila["usuario"] = fila["direccion"] or fila["nombre_usuario"]
            filas.append(fila)
    if estado is None or estado in (INCOMPLETA, LISTA, CANCELADA):
        consulta = (SolicitudCuenta.select(SolicitudCuenta.id, SolicitudCuenta.tipo, SolicitudCuenta.aplicacion,
                                           SolicitudCuenta.nombre_completo, SolicitudCuenta.correo_alternativo,
                                           SolicitudCuenta.estado, SolicitudCuenta.creado_en,
                                           SolicitudCuenta.propuesta_1, SolicitudCuenta.propuesta_2,
                                           SolicitudCuenta.faltantes, Dependencia.nombre.alias("dependencia"),
                                           SolicitudCuenta.dependencia.alias("dependencia_id"))
                    .join(Dependencia, JOIN.LEFT_OUTER, on=(SolicitudCuenta.dependencia == Dependencia.id))
                    .where(SolicitudCuenta.estado != ATENDIDA))
        if estado:
            consulta = consulta.where(SolicitudCuenta.estado == estado)
        else:
            consulta = consulta.where(SolicitudCuenta.estado != CANCELADA)
        if tipo:
            consulta = consulta.where(SolicitudCuenta.tipo == tipo)
        if dependencia_id:
            consulta = consulta.where(SolicitudCuenta.dependencia == dependencia_id)
        if filtro_busqueda:
            consulta = busqueda_indexada.donde(consulta, SolicitudCuenta, filtro_busqueda, por_palabras=False)
        pendientes = []
        for fila in consulta.order_by(SolicitudCuenta.id.desc()).limit(limite).dicts():
            fila["clave"] = f"s{fila['id']}"
            fila["estado_texto"] = ESTADOS_SOLICITUD.get(fila["estado"], fila["estado"])
            propuestas = " / ".join(p for p in (fila["propuesta_1"], fila["propuesta_2"]) if p)
            fila["usuario"] = f"(propuestas: {propuestas})" if propuestas else "(sin propuestas)"
            fila["estado_cambiado_en"] = None
            pendientes.append(fila)
        filas = pendientes + filas      # lo que espera atención, primero
    for fila in filas:
        fila["tipo_texto"] = "Correo" if fila["tipo"] == CORREO else fila["aplicacion"]
    return filas[:limite]


def historial(cuenta: Cuenta) -> list[dict[str, Any]]:
    """Movimientos de la cuenta, del más antiguo al más reciente (con quién y con qué identificación)."""
    Identifico = Usuario.alias()
    consulta = (MovimientoCuenta.select(MovimientoCuenta.momento, MovimientoCuenta.accion, MovimientoCuenta.detalle,
                                        MovimientoCuenta.persona_presente, MovimientoCuenta.identificacion_tipo,
                                        MovimientoCuenta.identificacion_numero,
                                        Usuario.nombre.alias("usuario"), Identifico.nombre.alias("identifico"))
                .join(Usuario, JOIN.LEFT_OUTER, on=(MovimientoCuenta.usuario == Usuario.id))
                .switch(MovimientoCuenta)
                .join(Identifico, JOIN.LEFT_OUTER, on=(MovimientoCuenta.identifico == Identifico.id))
                .where(MovimientoCuenta.cuenta == cuenta).order_by(MovimientoCuenta.id))
    return list(consulta.dicts())


def aplicaciones() -> list[str]:
    """Nombres de aplicaciones ya usadas (para sugerirlas al capturar)."""
    nombres = {a for (a,) in SolicitudCuenta.select(SolicitudCuenta.aplicacion)
               .where(SolicitudCuenta.aplicacion != "").distinct().tuples()}
    return sorted(nombres, key=normalizar)


def exportar_excel(actor: Usuario | None, ruta: str, *, tipo: str | None = None, estado: str | None = None,
                   dependencia_id: int | None = None, busqueda: str = "") -> int:
    """Exporta a Excel lo que lista la pestaña con esos filtros; devuelve cuántas filas escribió."""
    from app.documentos.excel_cuentas import exportar_cuentas

    permisos.exigir(actor, permisos.EXPORTAR)
    filas = consultar(tipo=tipo, estado=estado, dependencia_id=dependencia_id, busqueda=busqueda,
                      limite=1_000_000)
    exportar_cuentas(filas, ruta)
    return len(filas)
