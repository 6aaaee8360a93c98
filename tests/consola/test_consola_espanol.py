"""Consola en español: la ayuda y los errores de uso de argparse no salen en inglés (issue 20, punto 6)."""
from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.consola import espanol, principal

#: Lo que argparse escribe en inglés; ninguna de estas palabras debe verse.
INGLES = re.compile(
    r"usage|options:|positional arguments|show this help|show program's|error: the following|required"
    r"|invalid choice|invalid int|unrecognized|expected one|ambiguous option|not allowed with|subcommands"
    r"|choose from|\(default:", re.IGNORECASE)


def dti(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=180, env=dict(os.environ))


def sin_ingles(texto: str) -> None:
    assert not INGLES.findall(texto), texto


def ultima_linea(salida: subprocess.CompletedProcess) -> str:
    return salida.stderr.strip().splitlines()[-1]


def test_ayuda_general_en_espanol():
    salida = dti("--help")
    assert salida.returncode == 0, salida.stderr
    assert salida.stdout.startswith("uso: dti ")
    for texto in ("argumentos posicionales:", "opciones:", "-h, --help", "mostrar esta ayuda y salir",
                  "mostrar la versión del programa y salir", "SUBCOMANDO"):
        assert texto in salida.stdout
    sin_ingles(salida.stdout)


def test_ayuda_de_un_grupo_en_espanol():
    salida = dti("oficio", "--help")
    assert salida.returncode == 0, salida.stderr
    assert salida.stdout.startswith("uso: dti oficio ")
    assert "mostrar esta ayuda y salir" in salida.stdout and "emitir" in salida.stdout
    sin_ingles(salida.stdout)


def test_faltan_argumentos_requeridos():
    salida = dti("oficio", "emitir")
    assert salida.returncode == 2
    assert salida.stderr.startswith("uso: dti oficio emitir ")
    assert ultima_linea(salida) == "dti oficio emitir: error: faltan los argumentos requeridos: --destinatario"
    sin_ingles(salida.stderr)


def test_opcion_desconocida():
    salida = dti("oficio", "listar", "--no-existe")
    assert salida.returncode == 2
    assert ultima_linea(salida) == "dti: error: argumentos no reconocidos: --no-existe"
    sin_ingles(salida.stderr)


def test_subcomando_desconocido():
    salida = dti("no-existe")
    assert salida.returncode == 2
    assert ultima_linea(salida).startswith(
        "dti: error: argumento SUBCOMANDO: valor no válido: 'no-existe' (elija entre 'iniciar', ")
    sin_ingles(salida.stderr)


def test_entero_invalido():
    salida = dti("demo", "--bienes", "muchos")
    assert salida.returncode == 2
    assert ultima_linea(salida) == (
        "dti demo: error: argumento --bienes: valor inválido: 'muchos' (se esperaba un número entero)")
    sin_ingles(salida.stderr)


def test_opcion_sin_su_valor():
    salida = dti("demo", "--bienes")
    assert salida.returncode == 2
    assert ultima_linea(salida) == "dti demo: error: argumento --bienes: se esperaba un valor"


# --- Sin subprocesos: con la API de argparse -------------------------------------------------------

def _analizadores(analizador: argparse.ArgumentParser):
    yield analizador
    for accion in analizador._actions:
        if isinstance(accion, argparse._SubParsersAction):
            for hijo in dict.fromkeys(accion.choices.values()):     # sin repetir los alias
                yield from _analizadores(hijo)


def test_ningun_subanalizador_tiene_ayuda_en_ingles():
    analizadores = list(_analizadores(principal._construir()))
    assert len(analizadores) > 40           # todos los grupos, con sus acciones
    for analizador in analizadores:
        ayuda = analizador.format_help()
        assert ayuda.startswith("uso: "), analizador.prog
        assert re.search(r"-h, --help +mostrar esta ayuda y salir", ayuda), analizador.prog
        sin_ingles(ayuda)


@pytest.mark.parametrize("argv, esperado", [
    (["oficio", "emitir", "--destinatario"], "argumento --destinatario: se esperaba un valor"),
    (["oficio", "listar", "--tipo", "otro"], "argumento --tipo: valor no válido: 'otro' (elija entre"),
    (["oficio", "emitir", "--de", "x"], "opción ambigua: --de puede ser --destinatario, --dependencia"),
    (["oficio", "emitir", "--destinatario", "Ana", "sobra"], "argumentos no reconocidos: sobra"),
])
def test_errores_de_uso_en_espanol(capsys, argv, esperado):
    with pytest.raises(SystemExit) as salida:
        principal._construir().parse_args(argv)
    assert salida.value.code == 2
    error = capsys.readouterr().err
    assert esperado in error and error.startswith("uso: ")
    sin_ingles(error)


def _textos_de_argparse() -> tuple[set[str], set[tuple[str, str]]]:
    """Las cadenas que el argparse instalado pasa por ``_()`` y ``ngettext()``."""
    arbol = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    simples, plurales = set(), set()
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Call) and isinstance(nodo.func, ast.Name) and nodo.args:
            constantes = [a.value for a in nodo.args[:2] if isinstance(a, ast.Constant)]
            if nodo.func.id == "_" and constantes:
                simples.add(constantes[0])
            elif nodo.func.id == "ngettext" and len(constantes) == 2:
                plurales.add((constantes[0], constantes[1]))
    return simples, plurales


def test_el_catalogo_cubre_todas_las_cadenas_de_argparse():
    simples, plurales = _textos_de_argparse()
    assert "the following arguments are required: %s" in simples        # la extracción funciona
    assert simples - set(espanol.TEXTOS) == set()
    assert plurales - set(espanol.PLURALES) == set()


def test_el_catalogo_conserva_los_marcadores():
    marcador = re.compile(r"%(?:\(\w+\))?[sr]")
    for ingles, traduccion in espanol.TEXTOS.items():
        assert sorted(marcador.findall(ingles)) == sorted(marcador.findall(traduccion)), ingles
    for (uno, varios), (uno_es, varios_es) in espanol.PLURALES.items():
        assert marcador.findall(uno) == marcador.findall(uno_es)
        assert marcador.findall(varios) == marcador.findall(varios_es)


def test_lo_que_no_esta_en_el_catalogo_pasa_igual():
    assert espanol.traducir("texto que argparse no tiene") == "texto que argparse no tiene"
    assert espanol.traducir_plural("un %s", "varios %s", 2) == "varios %s"
    assert espanol.traducir("invalid %(type)s value: %(value)r") % {"type": "_fecha", "value": "x"} == (
        "valor inválido para _fecha: 'x'")
