"""«dti procedimientos»: lista, pasos, validar una carpeta y exportar a BPMN."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from lxml import etree

from app.consola import principal
from app.consola.procedimientos import normalizar
from app.rutas import carpeta_procedimientos


def _dti(capsys, *argumentos: str) -> tuple[int, str, str]:
    codigo = principal.principal(list(argumentos))
    salida = capsys.readouterr()
    return codigo, salida.out, salida.err


@pytest.mark.parametrize(("entrada", "esperado"), [
    (["procedimientos"], ["procedimientos", "listar"]),
    (["procedimientos", "16"], ["procedimientos", "ver", "16"]),
    (["--db", "sqlite:///x.sqlite3", "procedimientos", "16"], ["--db", "sqlite:///x.sqlite3", "procedimientos", "ver", "16"]),
    (["procedimientos", "--db", "sqlite:///x.sqlite3"], ["procedimientos", "--db", "sqlite:///x.sqlite3", "listar"]),
    (["procedimientos", "validar", "carpeta"], ["procedimientos", "validar", "carpeta"]),
    (["procedimientos", "bpmn", "16", "--salida", "p16.bpmn"], ["procedimientos", "bpmn", "16", "--salida", "p16.bpmn"]),
    (["procedimientos", "--help"], ["procedimientos", "--help"]),
    (["tramite", "ver", "procedimientos"], ["tramite", "ver", "procedimientos"]),
])
def test_normalizar(entrada, esperado):
    assert normalizar(entrada) == esperado


def test_lista_y_pasos(capsys):
    codigo, salida, _ = _dti(capsys, "procedimientos")
    assert codigo == 0 and len(salida.strip().splitlines()) == 21
    assert salida.splitlines()[15].startswith("16. Procedimiento para la Actualización del sistema de declaraciones")
    codigo, salida, _ = _dti(capsys, "procedimientos", "16")
    assert codigo == 0 and salida.startswith("16. Procedimiento para la Actualización")
    assert "3.1" in salida and "Sí → 4" in salida
    assert _dti(capsys, "procedimientos", "ver", "16")[1] == salida


def test_procedimiento_que_no_existe(capsys):
    codigo, _, error = _dti(capsys, "procedimientos", "99")
    assert codigo == 2 and error.strip() == "Error: No existe el procedimiento 99."


def test_validar_la_carpeta_del_sistema(capsys):
    codigo, salida, error = _dti(capsys, "procedimientos", "validar")
    assert codigo == 0, salida + error
    assert salida.startswith("Procedimientos válidos en ")


def test_validar_una_carpeta_rota_sale_con_2_y_una_linea_por_problema(capsys, tmp_path):
    carpeta = tmp_path / "otro_municipio"
    shutil.copytree(carpeta_procedimientos(), carpeta)
    ruta = carpeta / "p16.json"
    datos = json.loads(ruta.read_text(encoding="utf-8"))
    tercero = next(p for p in datos["pasos"] if p["numero"] == "3")
    tercero["decision"]["opciones"][1]["destino"] = "9"
    tercero.setdefault("reglas", []).append({"nombre": "solo_en_martes"})
    ruta.write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    codigo, salida, error = _dti(capsys, "procedimientos", "validar", str(carpeta))
    assert codigo == 2
    lineas = salida.strip().splitlines()
    assert "p16.json: paso 3: lleva al paso 9, que no existe" in lineas
    assert any(linea.startswith("p16.json: paso 3: regla desconocida «solo_en_martes»") for linea in lineas)
    assert "p16.json: paso 3.1: no se alcanza desde el inicio (paso 1)" in lineas
    assert all(": " in linea for linea in lineas)
    assert error.strip() == f"{len(lineas)} problema(s) en {carpeta}."


def test_bpmn_a_archivo(capsys, tmp_path):
    destino = tmp_path / "p16.bpmn"
    codigo, salida, _ = _dti(capsys, "procedimientos", "bpmn", "16", "--salida", str(destino))
    assert codigo == 0 and salida.strip() == str(destino)
    raiz = etree.parse(str(destino)).getroot()
    assert etree.QName(raiz).localname == "definitions"
    assert len(raiz.findall(".//{http://www.omg.org/spec/BPMN/20100524/MODEL}userTask")) == 5


def test_bpmn_desde_otra_carpeta(capsys, tmp_path):
    carpeta = tmp_path / "otro"
    carpeta.mkdir()
    shutil.copy(carpeta_procedimientos() / "p05.json", carpeta / "p05.json")
    destino = tmp_path / "p05.bpmn"
    codigo, _, _ = _dti(capsys, "procedimientos", "bpmn", "5", "--carpeta", str(carpeta), "--salida", str(destino))
    assert codigo == 0 and destino.exists()
    codigo, _, error = _dti(capsys, "procedimientos", "bpmn", "16", "--carpeta", str(carpeta))
    assert codigo == 2 and "No existe el procedimiento 16" in error


def test_por_la_linea_de_comandos(tmp_path):
    """El mismo «dti» que se instala: validar sale con 0 y «procedimientos N» funciona con --db antes."""
    entorno = {**os.environ, "DTI_DATOS": str(tmp_path)}
    validar = subprocess.run([sys.executable, "-m", "app", "procedimientos", "validar"], capture_output=True,
                             text=True, timeout=120, env=entorno)
    assert validar.returncode == 0, validar.stdout + validar.stderr
    ver = subprocess.run([sys.executable, "-m", "app", "--db", f"sqlite:///{tmp_path / 'x.sqlite3'}",
                          "procedimientos", "18"], capture_output=True, text=True, timeout=120, env=entorno)
    assert ver.returncode == 0 and ver.stdout.startswith("18. "), ver.stderr
