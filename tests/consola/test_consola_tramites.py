"""«dti tramite avanzar» con campos y adjuntos, y «dti tramite listar»."""
from __future__ import annotations

from tests.consola.test_consola import dti

CAMPOS_PASO_1 = ["--campo", "medio=Correo electrónico", "--campo", "problema=No enciende el UPS de la caja 2",
                 "--campo", "respondio=Cajera de la caja 2", "--campo", "respondio_en=18/11/2026 09:00"]


def test_avanzar_con_faltantes_sale_con_2_y_una_linea_por_faltante(url_sqlite, tmp_path):
    abierto = dti("tramite", "abrir", "--db", url_sqlite, "--procedimiento", "2", "--asunto", "Falla de UPS")
    assert abierto.returncode == 0, abierto.stderr
    numero = abierto.stdout.strip()
    falta = dti("tramite", "avanzar", numero, "--db", url_sqlite, "--campo", "medio=Paloma mensajera")
    assert falta.returncode == 2
    lineas = falta.stderr.strip().splitlines()
    assert "nada se guardó" in lineas[0]
    assert len(lineas) == 1 + 4                                  # encabezado, medio inválido y 3 que faltan
    assert any("[medio]" in l and "debe ser una de" in l for l in lineas)
    for clave in ("problema", "respondio", "respondio_en"):
        assert any(f"[{clave}]" in l for l in lineas), clave
    assert "Paso actual 1:" in dti("tramite", "ver", numero, "--db", url_sqlite).stdout
    mal = dti("tramite", "avanzar", numero, "--db", url_sqlite, "--campo", "sinigual")
    assert mal.returncode == 2 and "CLAVE=VALOR" in mal.stderr
    bien = dti("tramite", "avanzar", numero, "--db", url_sqlite, *CAMPOS_PASO_1)
    assert bien.returncode == 0, bien.stderr
    assert f"{numero}: paso 2" in bien.stdout
    visto = dti("tramite", "ver", numero, "--db", url_sqlite).stdout
    assert "Datos capturados:" in visto and "No enciende el UPS de la caja 2" in visto
    assert "--campo ubicacion=" in visto                         # lo que pide el paso actual
    adjunto = tmp_path / "foto.pdf"
    adjunto.write_bytes(b"%PDF-1.4 no soy un PDF")
    rechazo = dti("tramite", "avanzar", numero, "--db", url_sqlite, "--adjunto", f"foto={adjunto}")
    assert rechazo.returncode == 2 and "no lleva el adjunto «foto»" in rechazo.stderr


def test_listar_una_linea_por_tramite(url_sqlite):
    numeros = []
    for procedimiento, asunto in ((2, "Falla de UPS"), (4, "Dictamen de CPU"), (2, "Impresora atascada")):
        abierto = dti("tramite", "abrir", "--db", url_sqlite, "--procedimiento", str(procedimiento),
                      "--asunto", asunto)
        assert abierto.returncode == 0, abierto.stderr
        numeros.append(abierto.stdout.strip())
    todas = dti("tramite", "listar", "--db", url_sqlite).stdout.strip().splitlines()
    assert [l.split("\t")[0] for l in todas] == numeros
    assert todas[0].split("\t") == [numeros[0], "P02", "1", "Falla de UPS"]
    del_2 = dti("tramite", "listar", "--procedimiento", "2", "--db", url_sqlite).stdout.strip().splitlines()
    assert [l.split("\t")[3] for l in del_2] == ["Falla de UPS", "Impresora atascada"]
    assert dti("tramite", "listar", "--estado", "concluido", "--db", url_sqlite).stdout.strip() == ""
