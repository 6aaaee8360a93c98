"""Lo que comparten los grupos de subcomandos: la opción ``--db``, conectar, el usuario y escribir archivos."""
from __future__ import annotations

import argparse
from pathlib import Path

from app.errores import ErrorAutenticacion


def padre_db() -> argparse.ArgumentParser:
    """Analizador padre con ``--db`` (la base; sin ella, la de la configuración)."""
    padre = argparse.ArgumentParser(add_help=False)
    padre.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                       help="base de datos: sqlite:///archivo.sqlite3 o postgresql://usuario:clave@servidor/base")
    return padre


def conectar(args: argparse.Namespace) -> None:
    """Conecta (y migra) la base de ``--db`` o la de la configuración.

    Después de migrar, los registros de módulo de antes del expediente único reciben su trámite
    (una consulta por modelo cuando ya no queda ninguno).
    """
    from app.base_datos import conectar as conectar_base
    from app.configuracion import resolver_url_bd
    from app.servicios.expedientes import vincular

    conectar_base(resolver_url_bd(getattr(args, "db", None)))
    vincular.vincular_existentes()


VARIABLE_USUARIO = "DTI_USUARIO"
VARIABLE_CONTRASENA = "DTI_CONTRASENA"
COMO_IDENTIFICARSE = (f"indique --usuario NOMBRE (o la variable {VARIABLE_USUARIO}) y la contraseña en la "
                      f"variable {VARIABLE_CONTRASENA} o al pedírsela en la terminal.")
MENSAJE_SIN_CREDENCIALES = f"Este comando cambia datos: {COMO_IDENTIFICARSE}"
AYUDA_USUARIO = (f"quién lo hace: su usuario (o la variable {VARIABLE_USUARIO}); la contraseña, en la variable "
                 f"{VARIABLE_CONTRASENA} o se pide en la terminal")

# La cuenta que se identificó en esta ejecución de «dti» (una sola vez por ejecución).
_sesion = None


class ErrorIdentidad(ErrorAutenticacion):
    """La consola no pudo identificar a quien cambia datos; el mensaje dice cómo hacerlo."""


def olvidar_sesion() -> None:
    """Cada ejecución de «dti» se identifica de nuevo (``principal`` lo llama al empezar)."""
    global _sesion
    _sesion = None


def sesion():
    """La cuenta identificada en esta ejecución, o None (comando de solo lectura)."""
    return _sesion


def identificar(args: argparse.Namespace):
    """La cuenta con que la consola cambia datos: usuario y contraseña verificados (issue 17, punto 5).

    El usuario sale de ``--usuario`` o de ``DTI_USUARIO``; la contraseña, de ``DTI_CONTRASENA``
    o, si hay terminal, se pide sin eco. Se verifica con el mismo servicio que la ventana de
    inicio de sesión (:func:`app.servicios.catalogos.usuarios.iniciar_sesion`): Argon2id y el
    freno tras tres fallos seguidos, que se anotan en la bitácora como en la ventana; un acceso
    correcto no escribe nada (un comando que después falla no deja rastro). Sin usuario, sin
    contraseña o con una equivocada lanza :class:`ErrorIdentidad` (la consola sale con 2).
    """
    global _sesion
    if _sesion is not None:
        return _sesion
    import getpass
    import os
    import sys

    from app.servicios.catalogos import usuarios

    nombre = (getattr(args, "usuario", None) or os.environ.get(VARIABLE_USUARIO) or "").strip()
    if not nombre:
        raise ErrorIdentidad(MENSAJE_SIN_CREDENCIALES)
    contrasena = os.environ.get(VARIABLE_CONTRASENA)
    if contrasena is None:
        if not sys.stdin.isatty():
            raise ErrorIdentidad(f"Este comando cambia datos y falta la contraseña de «{nombre}»: "
                                 f"{COMO_IDENTIFICARSE}")
        contrasena = getpass.getpass(f"Contraseña de «{nombre}»: ")
    if not usuarios.hay_cuentas_con_acceso():
        raise ErrorIdentidad("Esta base no tiene cuentas con contraseña: cree la primera, la del Director(a) de "
                             "TI, con «dti usuario crear NOMBRE --nombre \"Nombre completo\" --rol director» "
                             "(o cargue la demostración con «dti demo»).")
    try:
        _sesion = usuarios.iniciar_sesion(nombre, contrasena, anotar_acceso=False)
    except ErrorAutenticacion as exc:
        raise ErrorIdentidad(f"{exc.mensaje} Este comando cambia datos: {COMO_IDENTIFICARSE}") from None
    return _sesion


def actor(nombre: str | None):
    """Quién hace lo que pide el comando.

    En un comando que cambia datos, la cuenta identificada con :func:`identificar` (``principal``
    la exige antes de ejecutarlo; ``nombre`` ya no elige a nadie). En uno de solo lectura, la
    cuenta ``nombre`` (p. ej. de quién es la bandeja) o, sin él, el usuario del sistema.
    """
    from app.servicios.catalogos import usuarios

    if _sesion is not None:
        return _sesion
    return usuarios.obtener(nombre) if nombre else usuarios.usuario_sistema()


def escribir(ruta: str, contenido: bytes) -> None:
    """Escribe ``contenido`` en ``ruta`` de una vez (archivo temporal y reemplazo): nunca a medias."""
    destino = Path(ruta)
    temporal = destino.with_name(destino.name + ".tmp")
    temporal.write_bytes(contenido)
    temporal.replace(destino)
