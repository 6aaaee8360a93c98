"""El instalador: versión única, icono, script de Inno Setup y el paquete de PyInstaller.

La prueba lenta construye el paquete con ``instalador/construir.py`` y corre el ejecutable
de verdad: ``--version``, crear una base con la demostración, emitir un oficio y leer su PDF,
y la captura de la ventana sin pantalla.
"""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import app

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "instalador"))
import version_windows  # noqa: E402


def test_una_sola_version_en_app_pyproject_y_recurso_de_windows():
    pyproject = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    assert version_windows.version_app() == app.__version__ == pyproject["project"]["version"]


@pytest.mark.parametrize("texto, tupla", [("0.1.0", (0, 1, 0, 0)), ("2.10", (2, 10, 0, 0)),
                                          ("1.2.3rc1", (1, 2, 3, 0)), ("1.2.3.4.5", (1, 2, 3, 4))])
def test_tupla_de_version_para_windows(texto, tupla):
    assert version_windows.tupla_version(texto) == tupla


def test_version_sin_numeros_se_rechaza():
    with pytest.raises(ValueError, match="no empieza con números"):
        version_windows.tupla_version("beta")


def test_recurso_de_version_es_una_expresion_con_la_version_y_el_nombre(tmp_path):
    ruta = version_windows.escribir_version_info(tmp_path / "v.txt", "DTI.exe")
    arbol = ast.parse(ruta.read_text(encoding="utf-8"), mode="eval")   # PyInstaller lo evalúa así
    assert isinstance(arbol.body, ast.Call) and arbol.body.func.id == "VSVersionInfo"
    texto = ruta.read_text(encoding="utf-8")
    numeros = version_windows.tupla_version(app.__version__)
    assert f"filevers={numeros}" in texto and f"prodvers={numeros}" in texto
    assert f"StringStruct('ProductVersion', '{app.__version__}')" in texto
    assert "StringStruct('OriginalFilename', 'DTI.exe')" in texto
    assert "San Martín Texmelucan" in texto   # acentos intactos (UTF-8)


def test_icono_de_windows_trae_todos_los_tamanos():
    from PIL import Image

    with Image.open(RAIZ / "recursos" / "dti.ico") as icono:
        assert icono.format == "ICO"
        tamanos = icono.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(tamanos)


def test_icono_se_regenera_igual(tmp_path):
    sys.path.insert(0, str(RAIZ / "instalador"))
    import generar_icono

    ico, png = generar_icono.generar(tmp_path)
    from PIL import Image

    with Image.open(png) as imagen:
        assert imagen.size == (256, 256)
        assert imagen.getpixel((128, 40))[:3] == generar_icono.GUINDA[:3]   # fondo guinda arriba del texto
    assert ico.stat().st_size > 1000


def _seccion(texto: str, nombre: str) -> str:
    hallada = re.search(rf"^\[{nombre}\]\n(.*?)(?=^\[|\Z)", texto, re.MULTILINE | re.DOTALL)
    return hallada.group(1) if hallada else ""


def test_inno_setup_conserva_los_datos_y_actualiza_encima():
    texto = (RAIZ / "instalador" / "dti.iss").read_text(encoding="utf-8")
    # AppId fijo: una versión nueva reemplaza a la anterior en vez de instalarse al lado.
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}", texto, re.MULTILINE)
    # Desinstalar y actualizar solo tocan la carpeta del programa, nunca la de datos.
    for seccion in ("UninstallDelete", "InstallDelete"):
        cuerpo = "\n".join(l for l in _seccion(texto, seccion).splitlines() if not l.startswith(";"))
        assert "{app}" in cuerpo
        assert "appdata" not in cuerpo.lower() and "Ayuntamiento" not in cuerpo
    iconos = _seccion(texto, "Icons")
    assert "{group}" in iconos and "{autodesktop}" in iconos and "{uninstallexe}" in iconos
    assert "Tasks: escritorio" in iconos   # el del escritorio es opcional
    assert "SetupIconFile=..\\recursos\\dti.ico" in texto
    assert "GetVersionNumbersString" in texto   # la versión sale de las propiedades del .exe


def test_la_carpeta_de_datos_de_inno_coincide_con_platformdirs(monkeypatch):
    """El README y dti.iss dicen %LOCALAPPDATA%\\Ayuntamiento\\DTI: es lo que usa la app en Windows."""
    import platformdirs.windows

    from app import configuracion

    monkeypatch.delenv("DTI_DATOS", raising=False)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder",
                        lambda csidl: r"C:\Users\ana\AppData\Local", raising=False)
    carpeta = platformdirs.windows.Windows(configuracion.NOMBRE_APP, configuracion.AUTOR_APP).user_data_dir
    assert carpeta.replace("/", "\\") == r"C:\Users\ana\AppData\Local\Ayuntamiento\DTI"
    assert "Ayuntamiento\\DTI" in (RAIZ / "instalador" / "dti.iss").read_text(encoding="utf-8")


def test_entrada_no_toca_la_consola_fuera_de_windows(monkeypatch):
    import dti_entrada

    salida = sys.stdout
    monkeypatch.setattr(sys, "argv", ["DTI", "--version"])
    dti_entrada._adjuntar_consola_del_padre()
    assert sys.stdout is salida


# --- El paquete construido ---------------------------------------------------------------

def _correr(ejecutable: Path, *argumentos: str, entrada: str | None = None, entorno: dict) -> str:
    resultado = subprocess.run([str(ejecutable), *argumentos], capture_output=True, text=True, input=entrada,
                               timeout=300, env=entorno)
    assert resultado.returncode == 0, f"{ejecutable.name} {' '.join(argumentos)}: {resultado.stderr}"
    return resultado.stdout


@pytest.mark.lento
@pytest.mark.timeout(1200)
def test_paquete_construido_corre_version_oficio_y_captura(tmp_path):
    import pypdfium2
    from PIL import Image

    import construir

    subprocess.run([sys.executable, str(RAIZ / "instalador" / "construir.py"), "--json",
                    str(tmp_path / "construccion.json")], check=True, timeout=1100)
    consola, grafico = construir.EXE_CONSOLA, construir.EXE_GRAFICO
    assert consola.exists() and grafico.exists()
    internos = construir.PAQUETE / "_internal"
    # Lo que la app no usa no viaja: ni herramientas de prueba ni módulos de Qt ajenos.
    for sobra in ("pytest", "_pytest", "zxingcpp", "SpiffWorkflow", "PyInstaller", "tkinter"):
        assert not (internos / sobra).exists(), sobra
    # Lo que sí usa: pypdfium2 (adjuntos de trámites y vista previa de oficios) y el esquema de los
    # procedimientos con jsonschema.
    assert (internos / "pypdfium2").exists() and (internos / "app" / "datos" / "procedimiento.schema.json").exists()
    assert not list(internos.glob("PySide6/*WebEngine*")) and not list(internos.glob("PySide6/*Qml*"))
    assert (internos / "app" / "migraciones" / "0001_esquema_inicial.py").exists()
    assert list((internos / "app" / "datos" / "procedimientos").glob("p*.json"))

    # Sin el huso horario del sistema: el paquete debe traer el suyo (en Windows no hay otro).
    entorno = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DTI_DATOS": str(tmp_path / "datos"),
               "PYTHONTZPATH": "", "PYTHONPATH": ""}
    entorno.pop("DTI_DB_URL", None)
    assert _correr(consola, "--version", entorno=entorno).strip() == f"dti {app.__version__}"
    assert _correr(grafico, "--version", entorno=entorno).strip() == f"dti {app.__version__}"

    url = f"sqlite:///{(tmp_path / 'demo.sqlite3').as_posix()}"
    assert "Esquema al día" in _correr(consola, "iniciar", "--db", url, entorno=entorno)
    assert "Datos de demostración cargados" in _correr(consola, "demo", "--db", url, entorno=entorno)
    # Emitir cambia datos: el paquete también pide usuario y contraseña (aquí, por el entorno).
    folio = _correr(consola, "oficio", "emitir", "--db", url, "--destinatario", "Laura Hernández Sánchez",
                    "--asunto", "Prueba del paquete", "--usuario", "director",
                    entorno={**entorno, "DTI_CONTRASENA": "Director2026"}).splitlines()[-1]
    pdf = tmp_path / "oficio.pdf"
    _correr(consola, "oficio", "pdf", folio, "--db", url, "--salida", str(pdf), entorno=entorno)
    documento = pypdfium2.PdfDocument(str(pdf))
    texto = documento[0].get_textpage().get_text_range()
    assert folio in texto and "Laura Hernández Sánchez" in texto
    documento.close()

    assert "válidos" in _correr(consola, "procedimientos", "validar", entorno=entorno)
    png = tmp_path / "ventana.png"
    _correr(consola, "captura", "--db", url, "--salida", str(png), "--pestana", "Trámites", entorno=entorno)
    with Image.open(png) as imagen:
        imagen.verify()
    with Image.open(png) as imagen:
        assert imagen.size == (1366, 768)          # el tamaño por omisión de dti captura
        assert len(imagen.convert("RGB").getcolors(1_000_000)) > 50   # no es una imagen vacía
