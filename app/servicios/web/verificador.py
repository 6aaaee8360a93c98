"""Verificador de hipervínculos: pide cada dirección y dice si responde (sin tocar la base).

Para cada enlace: HEAD y, si el servidor no lo permite (405, 501 o 403), GET; las redirecciones
se siguen (hasta 10); cada enlace tiene un tiempo límite y nunca se espera más; se revisan
varios a la vez (``ThreadPoolExecutor``). «Roto» es un estado 4xx/5xx, un error de conexión,
un tiempo agotado o un nombre que no existe (DNS). Si ninguno contestó por fallas de red, el
resultado dice que no hay conexión.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

TIEMPO_LIMITE_OMISION = 10.0
MAXIMO_REDIRECCIONES = 10
HILOS_OMISION = 8
_REINTENTAR_CON_GET = (403, 405, 501)
AGENTE = "DTI-verificador-de-hipervinculos/1.0"


@dataclass(frozen=True)
class Resultado:
    """Lo que contestó (o no) un enlace."""

    url: str
    ok: bool
    codigo: int | None = None
    error: str = ""
    milisegundos: int = 0
    url_final: str = ""
    metodo: str = ""
    de_red: bool = False        # falló sin que contestara ningún servidor (DNS, conexión, tiempo)

    @property
    def descripcion(self) -> str:
        """«200», «404 Not Found» o el error en español."""
        if self.codigo is not None:
            return f"HTTP {self.codigo}"
        return self.error


class _Fallo(Exception):
    def __init__(self, mensaje: str, de_red: bool = True) -> None:
        super().__init__(mensaje)
        self.mensaje, self.de_red = mensaje, de_red


def _una_peticion(metodo: str, url: str, limite: float) -> tuple[int, str | None]:
    partes = urlsplit(url)
    if partes.scheme not in ("http", "https") or not partes.hostname:
        raise _Fallo("Dirección no válida (debe empezar con http:// o https://).", de_red=False)
    clase = http.client.HTTPSConnection if partes.scheme == "https" else http.client.HTTPConnection
    opciones = {"context": ssl.create_default_context()} if partes.scheme == "https" else {}
    conexion = clase(partes.hostname, partes.port, timeout=max(limite, 0.05), **opciones)
    ruta = partes.path or "/"
    if partes.query:
        ruta += "?" + partes.query
    try:
        conexion.request(metodo, ruta, headers={"User-Agent": AGENTE, "Accept": "*/*", "Connection": "close"})
        respuesta = conexion.getresponse()
        if metodo == "GET":
            respuesta.read(1024)    # basta saber que contesta; no se descarga el documento
        return respuesta.status, respuesta.getheader("Location")
    finally:
        conexion.close()


def _traducir(exc: BaseException) -> _Fallo:
    if isinstance(exc, _Fallo):
        return exc
    if isinstance(exc, socket.gaierror):
        return _Fallo("DNS: no se encontró el servidor (el nombre no existe o no hay red).")
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return _Fallo("Tiempo agotado: el servidor no contestó a tiempo.")
    if isinstance(exc, ConnectionRefusedError):
        return _Fallo("Conexión rechazada: el servidor no acepta conexiones en ese puerto.")
    if isinstance(exc, ssl.SSLError):
        return _Fallo(f"Error de certificado o de cifrado (SSL): {exc.__class__.__name__}.", de_red=False)
    if isinstance(exc, (ConnectionError, OSError)):
        return _Fallo(f"Error de conexión: {exc.strerror or exc.__class__.__name__}.")
    if isinstance(exc, http.client.HTTPException):
        return _Fallo(f"Respuesta HTTP no válida ({exc.__class__.__name__}).", de_red=False)
    return _Fallo(f"Error inesperado: {exc.__class__.__name__}.", de_red=False)


def verificar_url(url: str, tiempo_limite: float = TIEMPO_LIMITE_OMISION) -> Resultado:
    """Pide ``url`` (HEAD; GET si hace falta), sigue redirecciones y dice cómo contestó."""
    inicio = time.monotonic()
    fin = inicio + tiempo_limite
    actual, metodo = url, "HEAD"
    try:
        for _ in range(MAXIMO_REDIRECCIONES + 1):
            restante = fin - time.monotonic()
            if restante <= 0:
                raise _Fallo("Tiempo agotado: el servidor no contestó a tiempo.")
            codigo, destino = _una_peticion(metodo, actual, restante)
            if metodo == "HEAD" and codigo in _REINTENTAR_CON_GET:
                metodo = "GET"
                codigo, destino = _una_peticion(metodo, actual, max(fin - time.monotonic(), 0.05))
            if codigo in (301, 302, 303, 307, 308) and destino:
                actual = urljoin(actual, destino)
                metodo = "HEAD"
                continue
            ms = int((time.monotonic() - inicio) * 1000)
            return Resultado(url, codigo < 400, codigo, "", ms, actual, metodo)
        raise _Fallo(f"Demasiadas redirecciones (más de {MAXIMO_REDIRECCIONES}).", de_red=False)
    except Exception as exc:  # noqa: BLE001 - todo error se informa, ninguno detiene la verificación
        fallo = _traducir(exc)
        ms = int((time.monotonic() - inicio) * 1000)
        return Resultado(url, False, None, fallo.mensaje, ms, actual, metodo, fallo.de_red)


def verificar_todos(urls: Sequence[str], tiempo_limite: float = TIEMPO_LIMITE_OMISION, hilos: int = HILOS_OMISION,
                    progreso: Callable[[int, int], None] | None = None,
                    cancelado: threading.Event | None = None) -> list[Resultado]:
    """Verifica todas las direcciones a la vez (hasta ``hilos``); devuelve los resultados en el mismo orden.

    ``progreso(hechos, total)`` se llama al terminar cada una; si ``cancelado`` se activa, las que no
    empezaron no se piden y se devuelven solo las terminadas.
    """
    total = len(urls)
    resultados: dict[int, Resultado] = {}
    if not total:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(hilos, total))) as grupo:
        pendientes: dict[Future, int] = {grupo.submit(verificar_url, u, tiempo_limite): i for i, u in enumerate(urls)}
        while pendientes:
            hechos, _ = wait(list(pendientes), timeout=0.1, return_when=FIRST_COMPLETED)
            for futuro in hechos:
                resultados[pendientes.pop(futuro)] = futuro.result()
                if progreso is not None:
                    progreso(len(resultados), total)
            if cancelado is not None and cancelado.is_set():
                for futuro in list(pendientes):
                    if futuro.cancel():
                        pendientes.pop(futuro)
    return [resultados[i] for i in sorted(resultados)]


def sin_conexion(resultados: Sequence[Resultado]) -> bool:
    """¿Fallaron todos por la red (ninguno contestó)?"""
    return bool(resultados) and all(not r.ok and r.de_red for r in resultados)
