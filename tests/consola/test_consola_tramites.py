"""«dti tramite avanzar» con campos y adjuntos, «dti tramite listar», y los procedimientos que lleva un módulo."""
from __future__ import annotations

from tests.conftest import primer_director
from tests.consola.test_consola import dti

import pytest

# Lo que cambia datos pide usuario y contraseña: el Director de la demostración (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")

CAMPOS_PASO_1 = ["--campo", "informacion=Expedientes de la ventanilla 2 de Catastro",
                 "--campo", "respondio=Sofía Navarro Peña, Directora de Catastro",
                 "--campo", "respondio_en=18/11/2026 09:00"]


def test_avanzar_con_faltantes_sale_con_2_y_una_linea_por_faltante(url_sqlite, tmp_path, manual_sin_modulos):
    primer_director(url_sqlite)         # la base nueva y su primera cuenta, con la que se identifica la consola
    abierto = dti("tramite", "abrir", "--db", url_sqlite, "--procedimiento", "5", "--asunto", "Respaldo de Catastro")
    assert abierto.returncode == 0, abierto.stderr
    numero = abierto.stdout.strip()
    falta = dti("tramite", "avanzar", numero, "--db", url_sqlite, "--campo", "respondio_en=ayer")
    assert falta.returncode == 2
    lineas = falta.stderr.strip().splitlines()
    assert "nada se guardó" in lineas[0]
    assert len(lineas) == 1 + 3                                  # encabezado, fecha inválida y 2 que faltan
    assert any("[respondio_en]" in l and "debe ser fecha y hora" in l for l in lineas)
    for clave in ("informacion", "respondio"):
        assert any(f"[{clave}]" in l for l in lineas), clave
    assert "Paso actual 1:" in dti("tramite", "ver", numero, "--db", url_sqlite).stdout
    mal = dti("tramite", "avanzar", numero, "--db", url_sqlite, "--campo", "sinigual")
    assert mal.returncode == 2 and "CLAVE=VALOR" in mal.stderr
    bien = dti("tramite", "avanzar", numero, "--db", url_sqlite, *CAMPOS_PASO_1)
    assert bien.returncode == 0, bien.stderr
    assert f"{numero}: paso 2" in bien.stdout
    visto = dti("tramite", "ver", numero, "--db", url_sqlite).stdout
    assert "Datos capturados:" in visto and "Expedientes de la ventanilla 2 de Catastro" in visto
    assert "--campo equipo_origen=" in visto                         # lo que pide el paso actual
    adjunto = tmp_path / "foto.pdf"
    adjunto.write_bytes(b"%PDF-1.4 no soy un PDF")
    rechazo = dti("tramite", "avanzar", numero, "--db", url_sqlite, "--adjunto", f"foto={adjunto}")
    assert rechazo.returncode == 2 and "no lleva el adjunto «foto»" in rechazo.stderr


def test_listar_una_linea_por_tramite(url_sqlite, manual_sin_modulos):
    primer_director(url_sqlite)
    numeros = []
    for procedimiento, asunto in ((5, "Respaldo de Catastro"), (19, "Cámara del mercado"), (5, "Respaldo de Nómina")):
        abierto = dti("tramite", "abrir", "--db", url_sqlite, "--procedimiento", str(procedimiento),
                      "--asunto", asunto)
        assert abierto.returncode == 0, abierto.stderr
        numeros.append(abierto.stdout.strip())
    todas = dti("tramite", "listar", "--db", url_sqlite).stdout.strip().splitlines()
    assert [l.split("\t")[0] for l in todas] == numeros
    assert todas[0].split("\t") == [numeros[0], "P05", "1", "Respaldo de Catastro"]
    del_5 = dti("tramite", "listar", "--procedimiento", "5", "--db", url_sqlite).stdout.strip().splitlines()
    assert [l.split("\t")[3] for l in del_5] == ["Respaldo de Catastro", "Respaldo de Nómina"]
    assert dti("tramite", "listar", "--estado", "concluido", "--db", url_sqlite).stdout.strip() == ""


def test_un_ticket_no_se_abre_como_tramite_suelto(url_sqlite):
    """El procedimiento 6 lo lleva Mesa de ayuda: la consola lo dice, sale con 2 y no escribe nada."""
    assert dti("iniciar", "--db", url_sqlite).returncode == 0
    primer_director(url_sqlite)
    for procedimiento in ("6", "2"):
        salida = dti("tramite", "abrir", "--db", url_sqlite, "--procedimiento", procedimiento,
                     "--asunto", "No enciende la impresora de Catastro")
        assert salida.returncode == 2
        assert salida.stdout == ""
        assert salida.stderr.startswith("Error: Los tickets se abren en Mesa de ayuda.")
        assert "Traceback" not in salida.stderr
    assert dti("tramite", "listar", "--db", url_sqlite).stdout.strip() == ""


def test_listar_los_tramites_de_los_tickets(url_sqlite):
    """Tras «dti demo», «dti tramite listar --procedimiento 6» da el trámite de cada ticket (y nada más)."""
    assert dti("demo", "--db", url_sqlite).returncode == 0
    lineas = dti("tramite", "listar", "--procedimiento", "6", "--db", url_sqlite).stdout.strip().splitlines()
    assert lineas and all(l.split("\t")[1] == "P06" for l in lineas)
    tickets = [l.split("\t")[3] for l in lineas]
    assert all(asunto.startswith("Ticket T-") for asunto in tickets)
    assert len(set(asunto.split(":")[0] for asunto in tickets)) == len(lineas)   # uno por ticket
