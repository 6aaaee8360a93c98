"""Usuarios: alta, inicio de sesión con Argon2id y freno a los intentos repetidos."""
from __future__ import annotations

import datetime as dt
import functools
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.base_datos import transaccion
from app.modelos import ServidorPublico, Usuario, ahora
from app.servicios.nucleo import bitacora, permisos
from app.errores import ErrorAutenticacion, ErrorNoEncontrado, ErrorPermiso, ErrorValidacion
from app.servicios.nucleo.validacion import Validador, limpiar_nombre, normalizar
from app.servicios.nucleo.concurrencia import cambia, crea

_HASHER = PasswordHasher()  # Argon2id con los parámetros recomendados por argon2-cffi


@functools.cache
def _hash_senuelo() -> str:
    """Hash contra el que se verifica cuando el usuario no existe.

    Se calcula la primera vez que hace falta y no al importar el módulo: un hash Argon2id
    cuesta ~0.3–0.7 s y este módulo se importa al arrancar, antes de mostrar el inicio de sesión.
    """
    return _HASHER.hash("contraseña que nadie tiene")


INTENTOS_LIBRES = 3          # tras estos fallos, cada intento espera más
ESPERA_MAXIMA_S = 300
LONGITUD_MINIMA = 8


def normalizar_usuario(nombre: str) -> str:
    """«José.Pérez» y «jose.perez» son el mismo usuario: no pueden existir los dos.

    Antes se pasa a NFKC y se quitan los caracteres de formato (espacio de ancho cero, guion
    suave…): «jose\u200bperez» también es «joseperez».
    """
    return normalizar(limpiar_nombre(nombre)).replace(" ", "")


def validar_contrasena(contrasena: str) -> None:
    if len(contrasena) < LONGITUD_MINIMA:
        raise ErrorValidacion([("contrasena", f"La contraseña debe tener al menos {LONGITUD_MINIMA} caracteres.")])
    if contrasena.strip() != contrasena or not any(c.isdigit() for c in contrasena) \
            or not any(c.isalpha() for c in contrasena):
        raise ErrorValidacion([("contrasena", "La contraseña debe combinar letras y números, "
                                              "sin espacios al principio o al final.")])


@crea
def crear_usuario(actor: Usuario | None, nombre_usuario: str, nombre: str, rol: str,
                  contrasena: str | None, servidor: ServidorPublico | None = None) -> Usuario:
    """Da de alta un usuario; ``contrasena`` None crea una cuenta que no inicia sesión."""
    permisos.exigir(actor, permisos.ADMINISTRAR_USUARIOS)
    v = Validador()
    clave = normalizar_usuario(v.nombre("nombre_usuario", "Usuario", nombre_usuario, 60, requerido=True))
    nombre = v.nombre("nombre", "Nombre", nombre, 200, requerido=True)
    if rol not in permisos.NOMBRES_ROL:
        v.error("rol", f"Rol desconocido: «{rol}».")
    if clave and Usuario.select().where(Usuario.nombre_usuario == clave).exists():
        v.error("nombre_usuario", f"Ya existe el usuario «{clave}».")
    v.validar()
    if contrasena is not None:
        validar_contrasena(contrasena)
    usuario = Usuario(nombre_usuario=clave, nombre=nombre, rol=rol, servidor=servidor,
                      hash_contrasena=_HASHER.hash(contrasena) if contrasena else "")
    return bitacora.guardar(usuario, "alta de usuario", actor)


@cambia("usuario")
def cambiar_contrasena(actor: Usuario, usuario: Usuario, nueva: str, version: int | None = None) -> None:
    """El propio usuario o quien administra usuarios fija una contraseña nueva."""
    if actor.id != usuario.id:
        permisos.exigir(actor, permisos.ADMINISTRAR_USUARIOS)
    validar_contrasena(nueva)
    leida = usuario.version if version is None else version
    usuario.hash_contrasena = _HASHER.hash(nueva)
    usuario.intentos_fallidos = 0
    usuario.bloqueado_hasta = None
    bitacora.guardar_versionado(usuario, "cambio de contraseña", actor, leida)


def cambiar_mi_contrasena(usuario: Usuario, actual: str, nueva: str, confirmacion: str) -> None:
    """El usuario de la sesión cambia su propia contraseña (Archivo → Cambiar mi contraseña…).

    Pide la contraseña actual: una PC que se quedó con la sesión abierta no basta para
    cambiarla. La nueva se escribe dos veces y no puede ser igual a la actual.
    """
    usuario = Usuario.get_by_id(usuario.id)
    errores: list[tuple[str, str]] = []
    try:
        correcta = bool(usuario.hash_contrasena) and _HASHER.verify(usuario.hash_contrasena, actual or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        correcta = False
    if not correcta:
        errores.append(("actual", "La contraseña actual no es correcta."))
    if nueva != confirmacion:
        errores.append(("confirmacion", "La confirmación no coincide con la contraseña nueva."))
    elif correcta and nueva == actual:
        errores.append(("contrasena", "La contraseña nueva debe ser distinta de la actual."))
    if errores:
        raise ErrorValidacion(errores)
    with transaccion():
        cambiar_contrasena(usuario, usuario, nueva)


def _espera(intentos: int) -> int:
    if intentos < INTENTOS_LIBRES:
        return 0
    return min(2 ** (intentos - INTENTOS_LIBRES + 1), ESPERA_MAXIMA_S)


def iniciar_sesion(nombre_usuario: str, contrasena: str, anotar_acceso: bool = True) -> Usuario:
    """Devuelve el usuario si la contraseña es correcta.

    Tras tres fallos seguidos la cuenta espera 2, 4, 8… segundos (hasta 5 minutos)
    antes de aceptar otro intento. El mensaje no dice si el usuario existe.

    Con ``anotar_acceso=False`` (la consola, que se identifica en cada comando) un acceso correcto
    no escribe nada mientras no haya fallos que borrar: ni el último acceso ni una entrada «inicio
    de sesión» por comando; lo que el comando cambie queda en la bitácora a su nombre y con su
    canal. Los fallos y el freno se anotan igual que en la ventana.
    """
    clave = normalizar_usuario(nombre_usuario or "")
    usuario = Usuario.get_or_none(Usuario.nombre_usuario == clave)
    momento = ahora()
    if usuario is not None and usuario.bloqueado_hasta and usuario.bloqueado_hasta > momento:
        restante = int((usuario.bloqueado_hasta - momento).total_seconds()) + 1
        raise ErrorAutenticacion(
            f"Demasiados intentos fallidos. Espere {restante} segundos antes de intentar de nuevo.")
    valido = False
    if usuario is not None and usuario.activo and usuario.hash_contrasena:
        try:
            valido = _HASHER.verify(usuario.hash_contrasena, contrasena or "")
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            valido = False
    else:
        # Mismo costo que una verificación real: no se adivina qué usuarios existen.
        try:
            _HASHER.verify(_hash_senuelo(), contrasena or "")
        except VerificationError:
            pass
    if usuario is None:
        time.sleep(0.2)
        raise ErrorAutenticacion("Usuario o contraseña incorrectos.")
    with transaccion():
        if valido:
            if (not anotar_acceso and not usuario.intentos_fallidos and usuario.bloqueado_hasta is None
                    and not _HASHER.check_needs_rehash(usuario.hash_contrasena)):
                return usuario
            usuario.intentos_fallidos = 0
            usuario.bloqueado_hasta = None
            usuario.ultimo_acceso = momento
            if _HASHER.check_needs_rehash(usuario.hash_contrasena):
                usuario.hash_contrasena = _HASHER.hash(contrasena)
            usuario.save()
            bitacora.registrar(usuario, "inicio de sesión", usuario)
            return usuario
        usuario.intentos_fallidos += 1
        espera = _espera(usuario.intentos_fallidos)
        usuario.bloqueado_hasta = momento + dt.timedelta(seconds=espera) if espera else None
        usuario.save()
        bitacora.registrar(usuario, "intento de acceso fallido", usuario)
    if espera:
        raise ErrorAutenticacion(f"Usuario o contraseña incorrectos. Por seguridad, espere {espera} "
                                 "segundos antes del siguiente intento.")
    raise ErrorAutenticacion("Usuario o contraseña incorrectos.")


def hay_cuentas_con_acceso() -> bool:
    """¿Existe al menos una cuenta activa que pueda iniciar sesión?"""
    return (Usuario.select().where((Usuario.activo == True) & (Usuario.hash_contrasena != ""))  # noqa: E712
            .exists())


@crea
def crear_primer_director(nombre_usuario: str, nombre: str, contrasena: str) -> Usuario:
    """Primer uso: crea la cuenta del Director(a) de TI cuando nadie puede iniciar sesión.

    Solo funciona mientras no exista ninguna cuenta con acceso; después, las cuentas
    las crea quien administra usuarios.
    """
    with transaccion():
        if hay_cuentas_con_acceso():
            raise ErrorPermiso("Ya existen cuentas con acceso: pida a la Dirección que le cree la suya.")
        return crear_usuario(None, nombre_usuario, nombre, permisos.DIRECTOR, contrasena)


def obtener(nombre_usuario: str) -> Usuario:
    """La cuenta con ese nombre de usuario (sin importar mayúsculas ni acentos)."""
    usuario = Usuario.get_or_none(Usuario.nombre_usuario == normalizar_usuario(nombre_usuario))
    if usuario is None:
        raise ErrorNoEncontrado(f"No existe el usuario «{nombre_usuario}».")
    return usuario


def usuario_sistema() -> Usuario:
    """Cuenta con la que actúa la consola ``dti`` (rol de Director, sin contraseña)."""
    usuario = Usuario.get_or_none(Usuario.nombre_usuario == bitacora.USUARIO_SISTEMA)
    if usuario is None:
        with transaccion():
            usuario = Usuario.create(nombre_usuario=bitacora.USUARIO_SISTEMA,
                                     nombre="Sistema (consola)", rol=permisos.DIRECTOR)
            bitacora.registrar(usuario, "alta de usuario", None)
    return usuario


def listar() -> list[Usuario]:
    return list(Usuario.select().order_by(Usuario.nombre_usuario))


@cambia("usuario")
def guardar_usuario(actor: Usuario | None, usuario: Usuario, nombre: str, rol: str,
                    servidor: ServidorPublico | None = None, version: int | None = None) -> Usuario:
    """Cambia nombre, rol o servidor público de una cuenta (el nombre de usuario no cambia)."""
    permisos.exigir(actor, permisos.ADMINISTRAR_USUARIOS)
    v = Validador()
    nombre = v.nombre("nombre", "Nombre", nombre, 200, requerido=True)
    if rol not in permisos.NOMBRES_ROL:
        v.error("rol", f"Rol desconocido: «{rol}».")
    if actor is not None and actor.id == usuario.id and rol != usuario.rol:
        v.error("rol", "Nadie puede cambiar su propio rol.")
    v.validar()
    leida = usuario.version if version is None else version
    usuario.nombre, usuario.rol, usuario.servidor = nombre, rol, servidor
    return bitacora.guardar_versionado(usuario, "edición de usuario", actor, leida)


@cambia("usuario")
def cambiar_activo(actor: Usuario | None, usuario: Usuario, activo: bool,
                   version: int | None = None) -> Usuario:
    """Baja lógica o reactivación de una cuenta; nadie se da de baja a sí mismo."""
    permisos.exigir(actor, permisos.ADMINISTRAR_USUARIOS)
    if actor is not None and actor.id == usuario.id and not activo:
        raise ErrorValidacion([("activo", "No puede dar de baja su propia cuenta.")])
    leida = usuario.version if version is None else version
    usuario.activo = activo
    return bitacora.guardar_versionado(usuario, "reactivación de usuario" if activo else "baja de usuario",
                                       actor, leida)


@cambia("usuario")
def desactivar(actor: Usuario, usuario: Usuario, version: int | None = None) -> Usuario:
    """Baja lógica de una cuenta (el registro y su historial se conservan)."""
    return cambiar_activo(actor, usuario, False, version)
