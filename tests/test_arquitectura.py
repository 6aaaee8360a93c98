"""Reglas de la casa: el núcleo no conoce Qt y los datos fluyen vistas → servicios → modelos."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def test_contratos_de_importacion():
    """import-linter: Qt solo en las vistas, servicios sin vistas, capas y ningún ciclo entre paquetes."""
    resultado = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                                                      "lint_imports_command()"],
                               cwd=RAIZ, capture_output=True, text=True, timeout=120)
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "4 kept, 0 broken" in resultado.stdout


def test_pyside_solo_en_vistas():
    culpables = [str(r.relative_to(RAIZ)) for r in (RAIZ / "app").rglob("*.py")
                 if "vistas" not in r.parts
                 and re.search(r"^\s*(from|import)\s+PySide6", r.read_text(encoding="utf-8"), re.M)]
    assert culpables == []


def test_arranque_no_importa_lo_pesado():
    """Importar la consola y los servicios básicos no carga ReportLab ni openpyxl."""
    codigo = ("import sys, app.consola.principal, app.servicios.oficios.oficios, app.servicios.tramites.tramites; "
              "print(sorted(m for m in ('reportlab', 'openpyxl', 'PySide6') if m in sys.modules))")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, cwd=RAIZ, timeout=60)
    assert salida.stdout.strip() == "[]", salida.stdout + salida.stderr


def test_pyside_fijado_por_debajo_de_6_12_en_python_311():
    texto = (RAIZ / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"PySide6-Essentials>=[\d.]+,<6\.12; python_version < '3\.12'", texto)


# Llamadas que leen el reloj o la zona horaria de la PC: solo app/tiempo.py puede hacerlo.
_RELOJES_PROHIBIDOS = {"now", "today", "utcnow", "currentDate", "currentDateTime", "currentTime",
                       "currentDateTimeUtc", "localtime", "fromtimestamp"}


def _lecturas_del_reloj(ruta: Path) -> list[str]:
    import ast

    arbol = ast.parse(ruta.read_text(encoding="utf-8"), filename=str(ruta))
    halladas = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Call):
            funcion = nodo.func
            nombre = funcion.attr if isinstance(funcion, ast.Attribute) else getattr(funcion, "id", "")
            localtime = any(k.arg == "localtime" for k in nodo.keywords)   # email.utils.formatdate(localtime=True)
            if nombre in _RELOJES_PROHIBIDOS or localtime:
                nombre_archivo = ruta.relative_to(RAIZ) if ruta.is_relative_to(RAIZ) else ruta.name
                halladas.append(f"{nombre_archivo}:{nodo.lineno}: {ast.unparse(funcion)}(…)")
    return halladas


def test_un_solo_reloj_app_tiempo():
    """Nadie fuera de app/tiempo.py pregunta la hora o la fecha a la PC (ni Python ni Qt)."""
    archivos = [r for carpeta in ("app", "bench", "tests") for r in (RAIZ / carpeta).rglob("*.py")
                if r != RAIZ / "app" / "tiempo.py" and r != Path(__file__).resolve()]
    halladas = [h for r in archivos for h in _lecturas_del_reloj(r)]
    assert halladas == [], "Use app.tiempo (ahora_mexico, hoy_mexico):\n" + "\n".join(halladas)


def test_la_prueba_del_reloj_si_detecta(tmp_path):
    """La revisión anterior no es de adorno: encuentra cada forma prohibida."""
    muestra = tmp_path / "muestra.py"
    muestra.write_text("import datetime as dt\nfrom PySide6.QtCore import QDate\nfrom email.utils import formatdate\n"
                       "a = dt.datetime.now()\nb = dt.date.today()\nc = QDate.currentDate()\n"
                       "d = formatdate(localtime=True)\n", encoding="utf-8")
    assert len(_lecturas_del_reloj(muestra)) == 4


def test_el_contrato_de_ciclos_si_detecta_uno(tmp_path):
    """Un ciclo escondido en una importación dentro de una función rompe el contrato «acyclic_siblings»."""
    paquete = tmp_path / "paq"
    (paquete / "inventario").mkdir(parents=True)
    (paquete / "dictamenes").mkdir()
    for carpeta in (paquete, paquete / "inventario", paquete / "dictamenes"):
        (carpeta / "__init__.py").write_text("")
    (paquete / "inventario" / "bajas.py").write_text("from paq.dictamenes import emision\n")
    (paquete / "dictamenes" / "emision.py").write_text("def emitir():\n    from paq.inventario import bajas\n")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = paq\n\n[importlinter:contract:ciclos]\nname = Sin ciclos\n"
        "type = acyclic_siblings\nancestors =\n    paq\n")
    resultado = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                                                      "lint_imports_command()", "--no-cache"],
                               cwd=tmp_path, capture_output=True, text=True, timeout=120,
                               env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert resultado.returncode != 0 and "1 broken" in resultado.stdout, resultado.stdout + resultado.stderr


def test_un_paquete_por_modulo():
    """Pocos archivos sueltos en servicios y vistas, ninguna demostración entre las reglas, cada paquete
    dice en su docstring qué procedimientos del manual implementa."""
    for capa in ("servicios", "vistas"):
        sueltos = [r.name for r in (RAIZ / "app" / capa).glob("*.py") if r.name != "__init__.py"]
        assert len(sueltos) <= 8, (capa, sueltos)
    assert not list((RAIZ / "app" / "servicios").rglob("demo*.py"))
    for capa in ("servicios", "vistas"):
        for inicio in (RAIZ / "app" / capa).glob("*/__init__.py"):
            documento = inicio.read_text(encoding="utf-8").strip()
            assert documento.startswith('"""') and len(documento) > 40, inicio
