"""La consola ``dti``: mismos servicios que la GUI, salida útil para programar."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

# Lo que cambia datos pide usuario y contraseña: el Director de la demostración (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")


def dti(*args: str, entorno: dict | None = None, entrada: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(entorno or {})
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=180, env=env, input=entrada)


def test_version():
    from app import __version__

    salida = dti("--version")
    assert salida.returncode == 0 and salida.stdout.strip() == f"dti {__version__}"


def test_iniciar_demo_emitir_y_pdf(url_bd, tmp_path):
    assert "Esquema al día" in dti("iniciar", "--db", url_bd).stdout
    demo = dti("demo", "--db", url_bd)
    assert demo.returncode == 0 and "director/Director2026" in demo.stdout
    # El avance va a la terminal por stderr, una línea por parte; stdout queda con el resumen.
    from app.demo.carga import PASOS_DEMO

    avance = [linea for linea in demo.stderr.splitlines() if linea.startswith("[")]
    assert len(avance) == len(PASOS_DEMO) and avance[-1].startswith(f"[{len(PASOS_DEMO)}/{len(PASOS_DEMO)}]")
    assert "[1/" not in demo.stdout
    assert "ya tiene datos" in dti("demo", "--db", url_bd).stdout
    emitido = dti("oficio", "emitir", "--db", url_bd, "--destinatario", "Laura Hernández Sánchez",
                  "--asunto", "Alta de bienes", "--cuerpo", "Solicito el alta.", "--ccp", "Archivo")
    assert emitido.returncode == 0, emitido.stderr
    folio = emitido.stdout.strip().splitlines()[-1]
    assert folio.startswith("TM/DTI/") and folio.endswith(folio[-4:])
    salida = tmp_path / "oficio.pdf"
    assert dti("oficio", "pdf", folio, "--salida", str(salida), "--db", url_bd).returncode == 0
    documento = pdfium.PdfDocument(salida.read_bytes())
    texto = documento[0].get_textpage().get_text_range()
    assert folio in texto and "Miguel Ángel Mendoza López" in texto
    siguiente = dti("oficio", "emitir", "--db", url_bd, "--destinatario", "X", "--asunto", "Y")
    anterior_num = int(folio.split("/")[2])
    assert siguiente.stdout.strip().splitlines()[-1] == folio.replace(f"{anterior_num:04d}", f"{anterior_num + 1:04d}")


def test_errores_en_una_linea_y_codigo_2(url_sqlite, tmp_path):
    dti("iniciar", "--db", url_sqlite)
    # La primera cuenta de la base nueva (la del Director) y con ella se emite.
    primera = dti("usuario", "crear", "titular", "--nombre", "T", "--rol", "director", "--contrasena-stdin",
                  "--db", url_sqlite, entrada="Titular2026\n")
    assert primera.returncode == 0, primera.stderr
    titular = {"DTI_USUARIO": "titular", "DTI_CONTRASENA": "Titular2026"}
    sin_titular = dti("oficio", "emitir", "--db", url_sqlite, "--destinatario", "X", "--asunto", "Y", entorno=titular)
    assert sin_titular.returncode == 2 and "titular de la DTI" in sin_titular.stderr
    assert len(sin_titular.stderr.strip().splitlines()) == 1
    no_existe = dti("oficio", "pdf", "TM/DTI/9999/2026", "--salida", str(tmp_path / "x.pdf"), "--db", url_sqlite)
    assert no_existe.returncode == 2 and "No existe el oficio" in no_existe.stderr
    assert not (tmp_path / "x.pdf").exists()
    mala = dti("iniciar", "--db", "mysql://x@y/z")
    assert mala.returncode == 2 and "no reconocido" in mala.stderr


def test_la_opcion_db_gana_a_la_variable(tmp_path):
    por_opcion = tmp_path / "opcion.sqlite3"
    por_entorno = tmp_path / "entorno.sqlite3"
    dti("iniciar", "--db", f"sqlite:///{por_opcion.as_posix()}",
        entorno={"DTI_DB_URL": f"sqlite:///{por_entorno.as_posix()}"})
    assert por_opcion.exists() and not por_entorno.exists()
    dti("iniciar", entorno={"DTI_DB_URL": f"sqlite:///{por_entorno.as_posix()}"})
    assert por_entorno.exists()


def test_tramite_por_consola(url_sqlite, request, tmp_path, monkeypatch):
    from tests.conftest import instalar_manual_sin_modulos

    dti("demo", "--db", url_sqlite)
    # Un procedimiento sin módulo (el manual de otro municipio) se lleva completo desde la consola.
    instalar_manual_sin_modulos(request, tmp_path / "manual", monkeypatch)
    abierto = dti("tramite", "abrir", "--db", url_sqlite, "--procedimiento", "19", "--asunto", "Robo en la caja 1",
                  "--dependencia", "Tesorería Municipal", "--oficio", "SGA/0187/2026")
    assert abierto.returncode == 0, abierto.stderr
    numero = abierto.stdout.strip()
    paso_2 = ["--campo", "ubicacion_evento=Caja 1 de Tesorería", "--campo", "descripcion_evento=Faltante en caja"]
    for args in ([], paso_2, ["--opcion", "No", "--campo", "fecha_grabacion=18/11/2026"]):
        avance = dti("tramite", "avanzar", numero, "--db", url_sqlite, *args)
        assert avance.returncode == 0, avance.stderr
    visto = dti("tramite", "ver", numero, "--db", url_sqlite)
    assert "Paso actual 3.1" in visto.stdout
    mala = dti("tramite", "avanzar", numero, "--opcion", "Sí", "--db", url_sqlite)
    assert mala.returncode == 2 and "no es una decisión" in mala.stderr
    # El oficio que lo pidió ya no está por atender.
    pendientes = dti("oficio", "listar", "--por-atender", "--db", url_sqlite)
    assert pendientes.returncode == 0 and "SGA/0187/2026" not in pendientes.stdout


def test_procedimientos_y_usuario(url_sqlite):
    lista = dti("procedimientos", "--db", url_sqlite)
    assert len(lista.stdout.strip().splitlines()) == 21
    creado = dti("usuario", "crear", "titular", "--nombre", "Miguel Ángel Mendoza López", "--rol", "director",
                 "--contrasena-stdin", "--db", url_sqlite, entrada="Titular2026\n")
    assert creado.returncode == 0, creado.stderr
    from app import base_datos
    from app.servicios.catalogos import usuarios

    base_datos.conectar(url_sqlite)
    assert usuarios.iniciar_sesion("titular", "Titular2026").rol == "director"
    base_datos.cerrar()


@pytest.mark.gui
def test_captura_por_consola(url_sqlite, tmp_path):
    from PIL import Image

    dti("demo", "--db", url_sqlite)
    salida = tmp_path / "tramites.png"
    resultado = dti("captura", "--salida", str(salida), "--pestana", "TRAMITES", "--db", url_sqlite,
                    entorno={"QT_QPA_PLATFORM": "offscreen"})
    assert resultado.returncode == 0, resultado.stderr
    imagen = Image.open(salida)
    assert imagen.size[0] >= 1000 and len(imagen.convert("L").getcolors(256) or []) > 20
    mala = dti("captura", "--salida", str(tmp_path / "x.png"), "--pestana", "Inexistente", "--db", url_sqlite,
               entorno={"QT_QPA_PLATFORM": "offscreen"})
    assert mala.returncode != 0 and "Inexistente" in mala.stderr
    assert Path(salida).stat().st_size > 10000
