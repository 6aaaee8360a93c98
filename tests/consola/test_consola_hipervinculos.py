"""Consola: «dti hipervinculos agregar» y «dti hipervinculos verificar» contra un servidor en 127.0.0.1."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from app.consola.principal import principal
from tests.conftest import primer_director
from tests.servicios.web.servidor_http import servidor_local


@pytest.fixture(autouse=True)
def _director(url_sqlite, consola_director):
    """Agregar y verificar cambian datos: la base lleva su primera cuenta y la consola se identifica con ella."""
    primer_director(url_sqlite)


def _agregar(url_bd: str, area: str, fraccion: str, url: str) -> int:
    return principal(["hipervinculos", "agregar", "--area", area, "--fraccion", fraccion, "--periodo",
                      "3er trimestre 2026", "--url", url, "--db", url_bd])


def test_verificar_lista_exactamente_los_rotos_y_sale_1(url_sqlite, tmp_path, capsys):
    with servidor_local() as servidor:
        buenos = [servidor.url("/ok"), servidor.url("/movido")]
        rotos = [servidor.url("/falta"), servidor.url("/lento"), f"{servidor.cerrado}/x"]
        for numero, url in enumerate(buenos + rotos):
            assert _agregar(url_sqlite, "Egresos", f"Fracción {numero}", url) == 0
        salida = capsys.readouterr().out
        assert "registrado en Egresos (/transparencia/tesoreria/egresos)" in salida
        informe = tmp_path / "informe.xlsx"
        codigo = principal(["hipervinculos", "verificar", "--tiempo-limite", "0.4", "--salida", str(informe),
                            "--db", url_sqlite])
    lineas = capsys.readouterr().out.strip().splitlines()
    assert codigo == 1
    assert {linea.split("\t")[0] for linea in lineas[:-1]} == set(rotos)      # una línea por roto, nada más
    assert next(l for l in lineas if l.startswith(rotos[0])).endswith("HTTP 404")
    assert "Tiempo agotado" in next(l for l in lineas if l.startswith(rotos[1]))
    assert "Conexión rechazada" in next(l for l in lineas if l.startswith(rotos[2]))
    assert lineas[-1] == "5 hipervínculos verificados; 3 rotos."
    hoja = openpyxl.load_workbook(io.BytesIO(informe.read_bytes())).active
    filas = list(hoja.iter_rows(values_only=True))[1:]
    assert len(filas) == 5 and {f[3] for f in filas if f[4] == "Roto"} == set(rotos)
    assert all(isinstance(f[9], dt.datetime) for f in filas)


def test_todos_responden_sale_0(url_sqlite, capsys):
    with servidor_local() as servidor:
        assert _agregar(url_sqlite, "Ingresos", "Fracción XLIII", servidor.url("/ok")) == 0
        assert _agregar(url_sqlite, "Ingresos", "Fracción XXI", servidor.url("/solo-get")) == 0
        capsys.readouterr()
        assert principal(["hipervinculos", "verificar", "--tiempo-limite", "1", "--db", url_sqlite]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2 hipervínculos verificados; todos responden."


def test_sin_conexion_lo_dice_y_sale_1_sin_colgarse(url_sqlite, capsys, monkeypatch):
    import socket

    def sin_red(*_a, **_k):
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    assert _agregar(url_sqlite, "Catastro", "Fracción XX", "https://transparencia.example/catastro.pdf") == 0
    assert _agregar(url_sqlite, "Catastro", "Fracción XIX", "https://portal.invalid/servicios.pdf") == 0
    capsys.readouterr()
    monkeypatch.setattr(socket, "getaddrinfo", sin_red)      # ninguna petición sale de la máquina
    assert principal(["hipervinculos", "verificar", "--tiempo-limite", "0.5", "--db", url_sqlite]) == 1
    assert capsys.readouterr().out.strip() == "Sin conexión a la red: no se pudo verificar ningún hipervínculo."


def test_entradas_malas_una_linea_en_espanol(url_sqlite, capsys):
    assert _agregar(url_sqlite, "Egresos", "Fracción XXI", "no-es-una-url") == 2
    error = capsys.readouterr().err
    assert error.startswith("Error: «Dirección del hipervínculo» debe ser una dirección completa")
    with pytest.raises(SystemExit) as salida:        # argparse: uso y el error, salida 2
        principal(["hipervinculos", "verificar", "--tiempo-limite", "0", "--db", url_sqlite])
    assert salida.value.code == 2 and "el tiempo límite va de más de 0 a 300 segundos" in capsys.readouterr().err
