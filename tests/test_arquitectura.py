"""Reglas de la casa: el núcleo no conoce Qt y los datos fluyen vistas → servicios → modelos."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def test_contratos_de_importacion():
    """import-linter: nada fuera de app/vistas importa PySide6; servicios y modelos no importan vistas."""
    resultado = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                                                      "lint_imports_command()"],
                               cwd=RAIZ, capture_output=True, text=True, timeout=120)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "2 kept, 0 broken" in resultado.stdout


def test_pyside_solo_en_vistas():
    culpables = [str(r.relative_to(RAIZ)) for r in (RAIZ / "app").rglob("*.py")
                 if "vistas" not in r.parts
                 and re.search(r"^\s*(from|import)\s+PySide6", r.read_text(encoding="utf-8"), re.M)]
    assert culpables == []


def test_arranque_no_importa_lo_pesado():
    """Importar la consola y los servicios básicos no carga ReportLab ni openpyxl."""
    codigo = ("import sys, app.consola, app.servicios.oficios, app.servicios.tramites; "
              "print(sorted(m for m in ('reportlab', 'openpyxl', 'PySide6') if m in sys.modules))")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, cwd=RAIZ, timeout=60)
    assert salida.stdout.strip() == "[]", salida.stdout + salida.stderr


def test_pyside_fijado_por_debajo_de_6_12_en_python_311():
    texto = (RAIZ / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"PySide6-Essentials>=[\d.]+,<6\.12; python_version < '3\.12'", texto)
