"""El corredor de mediciones (``bench/correr.py``): esquema del JSON, fallas aisladas y metas.

No mide tiempos (eso lo hacen los scripts de ``bench/``): comprueba que el corredor descubre
las mediciones, que una que falla no tumba a las demás y que el JSON tiene el esquema pedido.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "bench"))
import correr  # noqa: E402

BUENA = '''
def medir():
    return [{"medida": "arranque", "app_s": 0.6, "base_s": 0.2, "razon": 3.0, "nota": "extra"},
            {"medida": "filtro inventario", "app_s": 0.08, "base_s": None, "razon": None}]
'''
FALLA = '''
def medir():
    raise RuntimeError("sin servidor de prueba")
'''
MALA = '''
def medir():
    return [{"medida": "x", "app_s": "rápido"}]
'''


def _script(tmp_path: Path, nombre: str, codigo: str) -> Path:
    ruta = tmp_path / f"medida_{nombre}.py"
    ruta.write_text(codigo, encoding="utf-8")
    return ruta


def test_descubre_las_mediciones_de_esta_rama_y_rechaza_un_tema_que_no_existe():
    temas = {s.stem.removeprefix("medida_") for s in correr.descubrir()}
    assert {"arranque", "oficios", "folios"} <= temas
    assert [s.name for s in correr.descubrir(["folios"])] == ["medida_folios.py"]
    with pytest.raises(SystemExit, match="No hay medición para: no_existe"):
        correr.descubrir(["no_existe"])


def test_una_medicion_corre_en_su_propio_proceso(tmp_path):
    figuras, error, _ = correr.correr_una(_script(tmp_path, "buena", BUENA), limite_s=120)
    assert error is None
    assert [f["medida"] for f in figuras] == ["arranque", "filtro inventario"]


def test_una_medicion_que_falla_se_informa_sin_excepcion(tmp_path):
    figuras, error, _ = correr.correr_una(_script(tmp_path, "falla", FALLA), limite_s=120)
    assert figuras == [] and "sin servidor de prueba" in error


def test_una_medicion_con_cifras_que_no_son_numeros_se_rechaza(tmp_path):
    figuras, error, _ = correr.correr_una(_script(tmp_path, "mala", MALA), limite_s=120)
    assert figuras == [] and "app_s" in error


def test_tabla_con_metas_cumplidas_incumplidas_y_errores():
    figuras = [
        {"medida": "arranque", "app_s": 0.6, "base_s": 0.2, "razon": 3.0},
        {"medida": "etiquetas qr", "app_s": 0.8, "base_s": 1.0, "razon": 0.8},
        {"medida": "filtro inventario", "app_s": 0.03, "base_s": None, "razon": None},
        {"medida": "folios postgresql", "app_s": 1.0, "base_s": 0.5, "razon": 2.0, "cumple": False},
    ]
    lineas = correr.tabla(figuras, {"excel": "salió con 1: MemoryError"}).splitlines()
    fila = {nombre: next(linea for linea in lineas if linea.startswith(nombre + " "))
            for nombre in ("arranque", "etiquetas qr", "filtro inventario", "folios postgresql", "excel")}
    assert fila["arranque"].endswith("sí") and "razón ≤ 5" in fila["arranque"]
    assert fila["etiquetas qr"].endswith("NO")
    assert fila["filtro inventario"].endswith("sí") and "≤ 0.050 s/tecla" in fila["filtro inventario"]
    assert fila["folios postgresql"].endswith("NO")
    assert "ERROR" in fila["excel"] and "MemoryError" in fila["excel"]


def test_json_solo_con_las_claves_del_esquema():
    figuras = [{"medida": "arranque", "app_s": 0.6, "base_s": 0.2, "razon": 3.0, "nota": "x", "cumple": True}]
    assert correr.solo_esquema(figuras) == [{"medida": "arranque", "app_s": 0.6, "base_s": 0.2, "razon": 3.0}]


def _hay_postgres() -> bool:
    sys.path.insert(0, str(RAIZ / "bench"))
    import medida_folios

    try:
        medida_folios._conectar_psycopg(medida_folios.URL_SERVIDOR).close()
    except Exception:  # noqa: BLE001
        return False
    return True


@pytest.mark.lento
def test_correr_escribe_json_con_el_esquema_pedido(tmp_path):
    """``correr.py --json`` de punta a punta con un tamaño pequeño (arranque y, si hay servidor, folios)."""
    temas = ["arranque"] + (["folios"] if _hay_postgres() or os.environ.get("CI") else [])
    salida = tmp_path / "cifras.json"
    entorno = {**os.environ, "DTI_BENCH_BIENES": "200", "QT_QPA_PLATFORM": "offscreen"}
    resultado = subprocess.run([sys.executable, str(RAIZ / "bench" / "correr.py"), *temas, "--json", str(salida)],
                               capture_output=True, text=True, env=entorno, cwd=tmp_path, timeout=600)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    figuras = json.loads(salida.read_text(encoding="utf-8"))
    assert isinstance(figuras, list)
    assert {f["medida"] for f in figuras} == {"arranque"} | ({"folios postgresql"} if "folios" in temas else set())
    for f in figuras:
        assert set(f) == {"medida", "app_s", "base_s", "razon"}
        assert isinstance(f["app_s"], float) and f["app_s"] > 0
        assert isinstance(f["base_s"], float) and f["base_s"] > 0
        assert f["razon"] == pytest.approx(f["app_s"] / f["base_s"], rel=1e-3)
    assert "meta" in resultado.stdout and "arranque" in resultado.stdout


def test_cada_figura_del_issue_tiene_su_medicion_con_el_nombre_exacto():
    """El JSON debe traer las siete figuras con estos nombres (las metas se buscan por nombre)."""
    import re

    fuentes = "\n".join(s.read_text(encoding="utf-8") for s in correr.descubrir())
    nombres = set(re.findall(r'"medida":\s*"([^"]+)"', fuentes)) | set(re.findall(r'medida = "([^"]+)" if', fuentes))
    nombres |= set(re.findall(r'figura\(\s*"([^"]+)"', fuentes))
    for nombre in correr.METAS:
        assert nombre in nombres, nombre
