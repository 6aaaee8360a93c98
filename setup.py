"""Empaquetado: lleva ``formatos/`` y ``recursos/`` DENTRO del paquete ``app`` al construirlo.

En el repositorio esas carpetas viven junto a ``app/`` (se editan sin tocar código). Un
``pip install .`` que no es editable solo copiaría ``app/``: las plantillas de los oficios, las
fuentes y el logotipo no viajarían y todo oficio fallaría con «No existe la plantilla». Aquí se
copian a ``app/_raiz/formatos`` y ``app/_raiz/recursos`` en el paquete construido;
``app.rutas`` las busca ahí cuando no están junto al código fuente.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RAIZ = Path(__file__).resolve().parent
CARPETAS = ("formatos", "recursos")


class ConFormatosYRecursos(build_py):
    """``build_py`` que además copia las carpetas de datos de la raíz al paquete construido."""

    def run(self) -> None:
        super().run()
        destino = Path(self.build_lib) / "app" / "_raiz"
        for carpeta in CARPETAS:
            objetivo = destino / carpeta
            if objetivo.exists():
                shutil.rmtree(objetivo)
            shutil.copytree(RAIZ / carpeta, objetivo,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "generar_*.py"))


setup(cmdclass={"build_py": ConFormatosYRecursos})
