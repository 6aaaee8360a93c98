"""El verificador contra un servidor HTTP real en 127.0.0.1: 200, 404, redirección, tiempo agotado y rechazo."""
from __future__ import annotations

import threading
import time

import pytest

from app.servicios.web import verificador
from tests.servicios.web.servidor_http import servidor_local

LIMITE = 0.4


@pytest.fixture
def servidor():
    with servidor_local() as s:
        yield s


def test_cada_caso_se_reconoce(servidor):
    urls = [servidor.url("/ok"), servidor.url("/falta"), servidor.url("/movido"), servidor.url("/lento"),
            f"{servidor.cerrado}/x", servidor.url("/solo-get"), servidor.url("/error")]
    inicio = time.monotonic()
    ok, falta, movido, lento, rechazado, solo_get, error = verificador.verificar_todos(urls, LIMITE, hilos=4)
    # Varios a la vez: el lento no retrasa a los demás y nada espera más que el tiempo límite.
    assert time.monotonic() - inicio < 1.4
    assert (ok.ok, ok.codigo, ok.metodo) == (True, 200, "HEAD")
    assert (falta.ok, falta.codigo, falta.descripcion) == (False, 404, "HTTP 404")
    assert (movido.ok, movido.codigo, movido.url_final) == (True, 200, servidor.url("/ok"))
    assert (lento.ok, lento.codigo, lento.de_red) == (False, None, True) and "Tiempo agotado" in lento.error
    assert lento.milisegundos < 1000
    assert not rechazado.ok and "Conexión rechazada" in rechazado.error and rechazado.de_red
    assert (solo_get.ok, solo_get.codigo, solo_get.metodo) == (True, 200, "GET")   # HEAD no permitido → GET
    assert ("HEAD", "/solo-get") in servidor.pedidos and ("GET", "/solo-get") in servidor.pedidos
    assert (error.ok, error.codigo) == (False, 500)
    assert not verificador.sin_conexion([ok, falta, movido, lento, rechazado])


def test_redirecciones_en_cadena_y_url_mala(servidor):
    cadena = verificador.verificar_url(servidor.url("/cadena"), LIMITE)
    assert (cadena.ok, cadena.url_final) == (True, servidor.url("/ok"))
    malo = verificador.verificar_url("ftp://127.0.0.1/archivo", LIMITE)
    assert not malo.ok and not malo.de_red and "http://" in malo.error


def test_dns_inexistente_y_sin_conexion(monkeypatch):
    import socket

    def sin_dns(*_a, **_k):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", sin_dns)   # nada sale de la máquina
    resultados = verificador.verificar_todos(["https://portal.invalid/a", "http://otro.invalid/b"], LIMITE)
    assert all("DNS" in r.error and r.de_red for r in resultados)
    assert verificador.sin_conexion(resultados)


def test_cancelar_no_pide_los_pendientes(servidor):
    cancelado = threading.Event()
    vistos: list[int] = []

    def progreso(hechos, total):
        vistos.append(hechos)
        cancelado.set()

    urls = [servidor.url("/lento")] + [servidor.url(f"/ok?{i}") for i in range(30)]
    resultados = verificador.verificar_todos(urls, LIMITE, hilos=1, progreso=progreso, cancelado=cancelado)
    assert 1 <= len(resultados) < len(urls) and vistos[0] == 1
