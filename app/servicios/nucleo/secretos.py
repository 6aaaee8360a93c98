"""Secretos protegidos: claves de licencia, contraseñas iniciales y otros textos sensibles.

Se cifran con Fernet (AES-128-CBC + HMAC-SHA256, cifrado autenticado de la biblioteca
``cryptography``) para que **nunca** se lean en claro en el archivo de la base ni en un volcado
de PostgreSQL. La llave de la instalación vive *fuera* de la base:

1. la variable de entorno ``DTI_LLAVE`` (la llave Fernet en base64, 44 caracteres), si existe;
2. si no, el archivo ``llave-secretos.key`` en la carpeta de datos de
   :func:`app.configuracion.carpeta_datos`, con permisos solo para el usuario (0600). Se crea
   al primer uso.

**PostgreSQL compartido**: todas las PC deben usar la *misma* llave, o ninguna podrá leer lo
que otra cifró. Copie ``llave-secretos.key`` de la primera PC a la carpeta de datos de cada una
(en Windows ``%LOCALAPPDATA%\\Ayuntamiento\\DTI``) por un medio seguro (USB, no correo), o defina
``DTI_LLAVE`` con el mismo valor en todas. ``huella_llave()`` (en la consola: ``dti secretos huella``)
sirve para comprobar que dos PC tienen la misma llave sin mostrarla.
Sin la llave los secretos no se recuperan: respáldela junto con la base, pero en otro lugar.

Al escribir el primer secreto (o la primera entrada de la bitácora) la base anota la *huella* de la
llave (tabla ``huella_llave``, nunca la llave); una PC cuya llave no coincide rehúsa escribir secretos
y bitácora y dice cómo copiar la llave, en vez de crear la suya en silencio.

Los textos cifrados llevan el prefijo ``v1:`` para poder cambiar de esquema en el futuro.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import threading
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from app.configuracion import carpeta_datos
from app.errores import ErrorDTI

ARCHIVO_LLAVE = "llave-secretos.key"
VARIABLE_LLAVE = "DTI_LLAVE"
PREFIJO = "v1:"
PUNTO = "•"
VISIBLES = 5

_candado = threading.Lock()
_cache: dict[str, Fernet] = {}


class ErrorSecreto(ErrorDTI):
    """La llave de secretos falta, está dañada o no corresponde al texto cifrado."""


def ruta_llave() -> Path:
    """Ruta del archivo de la llave en la carpeta de datos de esta PC."""
    return carpeta_datos() / ARCHIVO_LLAVE


def _validar_llave(texto: str, origen: str) -> Fernet:
    try:
        return Fernet(texto.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise ErrorSecreto(
            f"La llave de secretos de {origen} está dañada: debe ser una llave Fernet "
            "(44 caracteres en base64). Restáurela desde el respaldo o cópiela de otra PC "
            "de la instalación.") from exc


def _crear_archivo_llave(ruta: Path) -> None:
    """Crea la llave de forma exclusiva (si otra PC o proceso la crea a la vez, gana el primero)."""
    llave = Fernet.generate_key()
    banderas = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(ruta, banderas, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "wb") as archivo:
        archivo.write(llave + b"\n")
        archivo.flush()
        os.fsync(archivo.fileno())
    try:
        os.chmod(ruta, 0o600)
    except OSError:  # pragma: no cover - sistemas de archivos sin permisos POSIX
        pass


def _fuente(crear: bool) -> tuple[str, str]:
    """La llave en texto y de dónde salió (entorno o archivo)."""
    entorno = os.environ.get(VARIABLE_LLAVE, "").strip()
    if entorno:
        return entorno, f"la variable {VARIABLE_LLAVE}"
    ruta = ruta_llave()
    with _candado:
        if not ruta.exists():
            if not crear:
                raise ErrorSecreto(
                    f"No se encontró la llave de secretos ({ruta}). Sin ella no se pueden "
                    "leer las claves guardadas: copie el archivo desde la PC donde se "
                    f"capturaron o defina la variable {VARIABLE_LLAVE}.")
            _crear_archivo_llave(ruta)
        try:
            return ruta.read_text(encoding="ascii").strip(), f"el archivo {ruta}"
        except (OSError, UnicodeDecodeError) as exc:
            raise ErrorSecreto(f"No se pudo leer la llave de secretos {ruta}: {exc}") from exc


def _fernet(crear: bool) -> Fernet:
    texto, origen = _fuente(crear)
    with _candado:
        if texto not in _cache:
            _cache[texto] = _validar_llave(texto, origen)
        return _cache[texto]


def llave_del_entorno() -> bool:
    """¿La llave viene de la variable ``DTI_LLAVE`` (y no del archivo)?"""
    return bool(os.environ.get(VARIABLE_LLAVE, "").strip())


def olvidar_llave() -> None:
    """Vacía la caché de llaves (tras cambiar ``DTI_LLAVE`` o reemplazar el archivo)."""
    with _candado:
        _cache.clear()


def generar_llave() -> str:
    """Una llave nueva para ``DTI_LLAVE`` (no la guarda)."""
    return Fernet.generate_key().decode("ascii")


def huella_llave() -> str:
    """Huella corta (SHA-256) de la llave en uso, para comparar PC sin revelar la llave."""
    texto, _ = _fuente(crear=True)
    _fernet(crear=True)  # valida que la llave sirve
    return hashlib.sha256(base64.urlsafe_b64decode(texto.encode("ascii"))).hexdigest()[:16]


CLAVE_HUELLA = "secretos"


class ErrorLlaveDistinta(ErrorSecreto):
    """La llave de esta PC no es la que la base ya usa: no se escribe nada con ella."""


def _tabla_huella(base) -> bool:
    """¿La base ya tiene la tabla de la huella? (no durante las migraciones anteriores a la 0014)."""
    if getattr(base, "_dti_tabla_huella", False):
        return True
    existe = base.table_exists("huella_llave")
    if existe:
        base._dti_tabla_huella = True
    return existe


def comprobar_llave_de_la_base() -> None:
    """Antes de escribir un secreto o una entrada de la bitácora: ¿es la llave de la instalación?

    La primera vez anota en la base la huella de la llave de esta PC (no la llave). Después,
    una PC cuya llave da otra huella lanza :class:`ErrorLlaveDistinta`: lo que cifrara o
    autenticara no se podría leer ni comprobar en las demás PC. Sin base abierta no hace nada.
    """
    from app.base_datos import bd, transaccion

    base = bd.obj
    if base is None or base.is_closed() or not _tabla_huella(base):
        return
    from app.modelos import HuellaLlave, ahora

    huella = huella_llave()
    consulta = HuellaLlave.select(HuellaLlave.huella).where(HuellaLlave.clave == CLAVE_HUELLA)
    guardada = consulta.scalar()
    if guardada is None:
        with transaccion():
            (HuellaLlave.insert(clave=CLAVE_HUELLA, huella=huella, registrada_en=ahora())
             .on_conflict_ignore().execute())
            guardada = consulta.scalar()   # si otra PC la anotó a la vez, gana la suya
    if guardada != huella:
        origen = (f"la variable {VARIABLE_LLAVE}" if llave_del_entorno() else f"el archivo {ruta_llave()}")
        raise ErrorLlaveDistinta(
            f"La llave de secretos de esta PC (huella {huella}, de {origen}) no es la de la instalación "
            f"(huella {guardada}): no se guardó nada, porque lo cifrado o anotado en la bitácora con ella no "
            "se podría leer ni comprobar en las otras PC. Copie la llave de una PC de la instalación por un "
            f"medio seguro (USB, no correo): el archivo {ARCHIVO_LLAVE} a la carpeta de datos de esta PC "
            f"({ruta_llave().parent}) o la variable {VARIABLE_LLAVE} con el mismo valor, y compruebe con "
            "«dti secretos huella» que las dos PC dan la misma huella.")


def llave_derivada(proposito: str, crear: bool = True) -> bytes:
    """Una llave de 32 bytes para ``proposito`` («bitacora»…), derivada de la llave de la instalación.

    Vive fuera de la base como la llave de secretos (de ella sale); sin ``crear``, lanza
    :class:`ErrorSecreto` si esta PC no tiene la llave en vez de crear una nueva. Con ``crear``
    (para escribir) comprueba antes que sea la llave de la base (:func:`comprobar_llave_de_la_base`).
    """
    if crear:
        comprobar_llave_de_la_base()
    texto, _ = _fuente(crear)
    _fernet(crear)  # valida que la llave sirve
    base = base64.urlsafe_b64decode(texto.encode("ascii"))
    return hmac.new(base, f"dti:{proposito}:v1".encode("utf-8"), hashlib.sha256).digest()


def cifrar(texto: str) -> str:
    """Cifra ``texto`` y devuelve un token ASCII (``v1:...``) apto para un campo de texto.

    Crea la llave de la instalación si aún no existe. Cada llamada produce un token distinto
    (IV aleatorio), así que dos licencias con la misma clave no se delatan en la base.
    """
    if not isinstance(texto, str):
        raise ErrorSecreto("Solo se pueden proteger textos.")
    comprobar_llave_de_la_base()
    token = _fernet(crear=True).encrypt(texto.encode("utf-8"))
    return PREFIJO + token.decode("ascii")


def descifrar(token: str) -> str:
    """Recupera el texto de un token de :func:`cifrar`.

    Lanza :class:`ErrorSecreto` si la llave falta, está dañada o no es la que cifró el token
    (p. ej. una PC con otra llave conectada a la misma base PostgreSQL).
    """
    if not token or not isinstance(token, str) or not token.startswith(PREFIJO):
        raise ErrorSecreto("El dato guardado no es un secreto cifrado por este sistema.")
    fernet = _fernet(crear=False)
    try:
        return fernet.decrypt(token[len(PREFIJO):].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise ErrorSecreto(
            "La llave de secretos de esta PC no corresponde a la que cifró el dato (o el dato "
            "se alteró). Todas las PC que comparten la base deben tener la misma llave: "
            f"copie {ARCHIVO_LLAVE} de la PC original o defina {VARIABLE_LLAVE}.") from exc


def es_cifrado(valor: str | None) -> bool:
    """¿Parece un token de :func:`cifrar`?"""
    return bool(valor) and str(valor).startswith(PREFIJO)


_ALFANUMERICO = re.compile(r"[^\W_]", re.UNICODE)


def enmascarar(texto: str, visibles: int = VISIBLES) -> str:
    """Oculta todo salvo los últimos ``visibles`` caracteres alfanuméricos; respeta separadores.

    ``XXXXX-XXXXX-XXXXX-XXXXX-7K3QF`` → ``•••••-•••••-•••••-•••••-7K3QF``. Una clave tan corta
    que se vería casi completa se oculta entera.
    """
    if not texto:
        return ""
    posiciones = [i for i, c in enumerate(texto) if _ALFANUMERICO.match(c)]
    if len(posiciones) <= visibles * 2:
        visibles = max(0, len(posiciones) // 3)
    ocultar = set(posiciones[:len(posiciones) - visibles]) if visibles else set(posiciones)
    return "".join(PUNTO if i in ocultar else c for i, c in enumerate(texto))
