"""«dti oficio archivar|descartar»: el recibido que no pide nada sale de por atender, con su motivo."""
from __future__ import annotations

import json

from tests.conftest import credenciales
from tests.consola.test_consola import dti

import pytest

# Lo que cambia datos pide usuario y contraseña: el Director de la demostración (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")


def _por_atender(url: str) -> list[str]:
    salida = dti("oficio", "listar", "--por-atender", "--db", url)
    assert salida.returncode == 0, salida.stderr
    return [json.loads(l)["numero_oficio"] for l in salida.stdout.strip().splitlines()]


def test_archivar_y_descartar_desde_la_consola(url_sqlite):
    assert dti("demo", "--db", url_sqlite).returncode == 0
    assert _por_atender(url_sqlite) == ["SGA/0187/2026"]
    sin_motivo = dti("oficio", "archivar", "SGA/0187/2026", "--motivo", "  ", "--db", url_sqlite)
    assert sin_motivo.returncode == 2 and sin_motivo.stdout == ""
    assert sin_motivo.stderr.strip() == "Error: Falta «Motivo para archivar el oficio»."
    assert _por_atender(url_sqlite) == ["SGA/0187/2026"]                    # nada se escribió
    falta = dti("oficio", "descartar", "SGA/0187/2026", "--db", url_sqlite)
    assert falta.returncode == 2 and "--motivo" in falta.stderr
    con_tramite = dti("oficio", "archivar", "TM/DE/0412/2026", "--motivo", "No pide nada.", "--db", url_sqlite)
    assert con_tramite.returncode == 2
    assert "ya dio lugar al trámite DTI-T-" in con_tramite.stderr and "no se puede archivar" in con_tramite.stderr
    no_existe = dti("oficio", "archivar", "XX/1/2026", "--motivo", "No pide nada.", "--db", url_sqlite)
    assert no_existe.returncode == 2 and "No existe el oficio «XX/1/2026»" in no_existe.stderr
    archivado = dti("oficio", "archivar", "SGA/0187/2026", "--motivo", "Se atendió por teléfono.",
                    "--usuario", "asistente", "--db", url_sqlite, entorno=credenciales("asistente"))
    assert archivado.returncode == 0, archivado.stderr
    assert archivado.stdout.startswith("Oficio recibido SGA/0187/2026 archivado el ")
    assert archivado.stdout.strip().endswith(": Se atendió por teléfono.")
    assert _por_atender(url_sqlite) == []
    otra_vez = dti("oficio", "descartar", "SGA/0187/2026", "--motivo", "Duplicado.", "--db", url_sqlite)
    assert otra_vez.returncode == 2 and "ya está archivado" in otra_vez.stderr
    fila = [json.loads(l) for l in dti("oficio", "listar", "--buscar", "SGA/0187", "--db", url_sqlite)
            .stdout.strip().splitlines()]
    assert [f["estado"] for f in fila] == ["archivado"]
