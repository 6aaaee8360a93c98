"""La ventana nunca muestra el texto del controlador en inglés: una conexión caída se explica en español
(issue 17, punto 11)."""
from __future__ import annotations

import pytest
from peewee import InterfaceError, OperationalError

from app.vistas.comun import comunes
from tests.ayudas_gui import Respuestas

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    return r


def _psycopg2_caido():
    psycopg2 = pytest.importorskip("psycopg2")
    return psycopg2.OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("fabrica", [
    lambda: InterfaceError("connection already closed"),
    lambda: OperationalError("terminating connection due to administrator command"),
    _psycopg2_caido,
], ids=["InterfaceError", "OperationalError", "psycopg2"])
def test_conexion_perdida_en_espanol(qapp, respuestas, fabrica):
    excepcion = fabrica()

    def guardar():
        raise excepcion

    assert comunes.ejecutar(None, guardar) is None
    [(titulo, mensaje)] = respuestas.avisos
    assert titulo == "Error de la base de datos"
    assert mensaje.startswith("Se perdió la conexión con la base de datos; la operación no se guardó.")
    assert "connection" not in mensaje and "Error:" not in mensaje


def test_otro_error_inesperado_conserva_su_aviso(qapp, respuestas):
    def guardar():
        raise ZeroDivisionError("división entre cero")

    assert comunes.ejecutar(None, guardar) is None
    assert respuestas.avisos == [("Error inesperado", "Ocurrió un error inesperado; no se guardó nada."
                                  "\n\nZeroDivisionError: división entre cero")]
