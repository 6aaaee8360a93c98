"""Un servidor HTTP real en 127.0.0.1 para probar el verificador (nunca sale de la máquina)."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ESPERA_LENTO = 1.5     # más que el tiempo límite de las pruebas (0.4 s)


class _Manejador(BaseHTTPRequestHandler):
    pedidos: list[tuple[str, str]] = []

    def log_message(self, *_args) -> None:   # silencio en la salida de pytest
        return

    def _responder(self, cuerpo: bool) -> None:
        type(self).pedidos.append((self.command, self.path))
        ruta = self.path.split("?", 1)[0]
        if ruta == "/lento":
            time.sleep(ESPERA_LENTO)
        if ruta == "/solo-get" and self.command == "HEAD":
            self.send_response(405)
            self.send_header("Allow", "GET")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        codigo, extra = {"/ok": (200, {}), "/solo-get": (200, {}), "/lento": (200, {}),
                         "/movido": (301, {"Location": "/ok"}), "/cadena": (302, {"Location": "/movido"}),
                         "/error": (500, {})}.get(ruta, (404, {}))
        contenido = b"hola" if codigo == 200 else b""
        try:
            self.send_response(codigo)
            for clave, valor in extra.items():
                self.send_header(clave, valor)
            self.send_header("Content-Length", str(len(contenido)))
            self.end_headers()
            if cuerpo:
                self.wfile.write(contenido)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_HEAD(self) -> None:  # noqa: N802 - API de http.server
        self._responder(False)

    def do_GET(self) -> None:  # noqa: N802
        self._responder(True)


@dataclass
class Servidor:
    base: str               # http://127.0.0.1:PUERTO
    cerrado: str            # http://127.0.0.1:PUERTO_CERRADO (conexión rechazada)
    pedidos: list[tuple[str, str]]

    def url(self, ruta: str) -> str:
        return f"{self.base}{ruta}"


def puerto_cerrado() -> int:
    """Un puerto de 127.0.0.1 en que nadie escucha."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def servidor_local() -> Iterator[Servidor]:
    _Manejador.pedidos = []
    servidor = ThreadingHTTPServer(("127.0.0.1", 0), _Manejador)
    servidor.daemon_threads = True
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    try:
        yield Servidor(f"http://127.0.0.1:{servidor.server_address[1]}", f"http://127.0.0.1:{puerto_cerrado()}",
                       _Manejador.pedidos)
    finally:
        servidor.shutdown()
        servidor.server_close()
