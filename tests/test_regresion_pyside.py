"""Regresión: PySide6 6.12.0 sobre CPython 3.11 aborta («none_dealloc») tras miles de llamadas void."""
from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui

LLAMADAS = 100_000


def test_version_de_pyside_fijada_por_debajo_de_6_12_en_python_311():
    import PySide6

    if sys.version_info < (3, 12):
        mayor, menor = (int(p) for p in PySide6.__version__.split(".")[:2])
        assert (mayor, menor) < (6, 12), f"PySide6 {PySide6.__version__} aborta con none_dealloc en Python 3.11"


def test_cien_mil_llamadas_a_un_metodo_que_no_devuelve_nada(qtbot):
    from PySide6.QtWidgets import QLabel

    etiqueta = QLabel()
    qtbot.addWidget(etiqueta)
    referencias_none = sys.getrefcount(None)
    for i in range(LLAMADAS):
        etiqueta.setText(f"Oficio {i}")
    # Si cada llamada restara una referencia a None, el proceso ya habría abortado; además
    # la cuenta no debe haber bajado en el orden de las llamadas hechas.
    assert etiqueta.text() == f"Oficio {LLAMADAS - 1}"
    assert sys.getrefcount(None) > referencias_none - LLAMADAS // 2
