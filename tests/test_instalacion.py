"""Se instala como se instala un paquete de Python (issue 20, punto 9): ``pip install .``, no editable.

Con un entorno virtual nuevo, desde una copia limpia del código, sin red: ``dti iniciar`` y
``dti demo`` funcionan (la demostración emite oficios: necesita las plantillas de ``formatos/``
y las fuentes de ``recursos/``, que viajan dentro del paquete).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
COPIAR = ("app", "formatos", "recursos", "pyproject.toml", "setup.py", "README.md")

pytestmark = pytest.mark.timeout(600)


def _correr(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=480, env=env)


def test_pip_install_no_editable_y_la_demo_corre(tmp_path):
    fuente = tmp_path / "fuente"
    fuente.mkdir()
    for nombre in COPIAR:
        origen = RAIZ / nombre
        if origen.is_dir():
            shutil.copytree(origen, fuente / nombre,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_raiz", "*.egg-info"))
        else:
            shutil.copy2(origen, fuente / nombre)
    entorno = tmp_path / "entorno"
    # Las dependencias vienen del entorno de las pruebas (sin red): solo el paquete se instala aquí.
    creado = _correr(sys.executable, "-m", "venv", "--system-site-packages", str(entorno), cwd=tmp_path)
    assert creado.returncode == 0, creado.stderr
    python = entorno / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    instalado = _correr(str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                        "--no-index", str(fuente), cwd=tmp_path)
    assert instalado.returncode == 0, instalado.stdout + instalado.stderr

    trabajo = tmp_path / "trabajo"           # lejos del código: nada se toma del repositorio
    trabajo.mkdir()
    env = {**os.environ, "DTI_DATOS": str(tmp_path / "datos"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    donde = _correr(str(python), "-c", "import app, app.rutas as r; print(app.__file__); "
                    "print(r.carpeta_formatos()); print(r.carpeta_recursos())", cwd=trabajo, env=env)
    assert donde.returncode == 0, donde.stderr
    paquete, formatos, recursos = (Path(linea) for linea in donde.stdout.split())
    assert str(entorno) in str(paquete), paquete                     # el instalado, no el del repositorio
    assert (formatos / "oficio_generico.txt").is_file()
    assert (recursos / "fuentes" / "LiberationSans-Regular.ttf").is_file()
    assert (recursos / "estilo.qss").is_file() and (recursos / "logotipo.png").is_file()

    base = f"sqlite:///{tmp_path / 'instalado.sqlite3'}"
    iniciar = _correr(str(python), "-m", "app", "iniciar", "--db", base, cwd=trabajo, env=env)
    assert iniciar.returncode == 0 and "Esquema al día" in iniciar.stdout, iniciar.stderr
    demo = _correr(str(python), "-m", "app", "demo", "--db", base, cwd=trabajo, env=env)
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "Datos de demostración cargados" in demo.stdout and "oficios_emitidos" in demo.stdout
    # El manual de usuario también viaja en el paquete (texto y capturas).
    manual = _correr(str(python), "-m", "app", "manual", "--db", base, "--salida", str(tmp_path / "manual.pdf"),
                     cwd=trabajo, env=env)
    assert manual.returncode == 0, manual.stderr[-2000:]
    assert (tmp_path / "manual.pdf").read_bytes().startswith(b"%PDF")
    assert "Falta la captura" not in manual.stderr
