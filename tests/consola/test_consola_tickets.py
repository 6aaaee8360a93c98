"""``dti ticket crear|listar|ver``: registrar y consultar tickets desde la consola."""
from __future__ import annotations

import json

from tests.conftest import credenciales
from tests.consola.test_consola import dti

import pytest

# Lo que cambia datos pide usuario y contraseña: el Director de la demostración (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")


def test_crear_listar_y_ver(url_bd):
    assert dti("demo", "--db", url_bd).returncode == 0
    creado = dti("ticket", "crear", "--db", url_bd, "--dependencia", "RC", "--solicitante", "Oficial del Registro",
                 "--descripcion", "No imprime las actas", "--categoria", "impresora", "--extension", "224",
                 "--modalidad", "anydesk", "--prioridad", "alta", "--usuario", "asistente",
                 entorno=credenciales("asistente"))
    assert creado.returncode == 0, creado.stderr
    folio = creado.stdout.strip().splitlines()[-1]
    assert folio.startswith("T-") and len(folio) == len("T-2026-00001")
    filas = [json.loads(linea) for linea in dti("ticket", "listar", "--db", url_bd, "--abiertos",
                                                 "--limite", "3").stdout.splitlines()]
    assert len(filas) == 3 and filas[0]["folio"] == folio and filas[0]["dependencia"] == "Registro Civil"
    ver = dti("ticket", "ver", folio, "--db", url_bd)
    assert ver.returncode == 0 and "No imprime las actas" in ver.stdout and "registro de ticket" in ver.stdout


def test_errores_en_una_linea(url_bd):
    dti("demo", "--db", url_bd)
    presencial = dti("ticket", "crear", "--db", url_bd, "--dependencia", "Tesorería Municipal",
                     "--solicitante", "Cajero", "--descripcion", "Sin red", "--modalidad", "teamviewer")
    assert presencial.returncode == 2 and "presencial" in presencial.stderr
    assert len(presencial.stderr.strip().splitlines()) == 1
    inexistente = dti("ticket", "ver", "T-2026-99999", "--db", url_bd)
    assert inexistente.returncode == 2 and "T-2026-99999" in inexistente.stderr
