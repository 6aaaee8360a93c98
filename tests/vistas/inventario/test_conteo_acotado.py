"""La lista por bloques con el conteo acotado de la búsqueda («más de 1,000»): sigue hasta el final."""
from __future__ import annotations

import pytest

from app.servicios.nucleo import busqueda_indexada
from app.vistas.inventario.modelo import ModeloBienes
from tests.vistas.inventario.test_vista_inventario_modelo import COLUMNAS, Fuente

pytestmark = pytest.mark.gui


def test_un_conteo_acotado_no_corta_la_lista(monkeypatch):
    monkeypatch.setattr(busqueda_indexada, "TOPE_CONTEO", 100)
    fuente = Fuente(total=450)
    acotado = lambda busqueda="": min(fuente.contar(busqueda), busqueda_indexada.TOPE_CONTEO + 1)  # noqa: E731
    modelo = ModeloBienes(COLUMNAS, fuente.consultar, acotado, bloque=60)
    modelo.cargar({"busqueda": "tic"})
    assert modelo.total == 101 and busqueda_indexada.es_mas_de(modelo.total)
    modelo.cargar_hasta(449)
    assert modelo.rowCount() == 450 and not modelo.canFetchMore()
    assert modelo.total == 450                   # al llegar al final, el total ya es exacto
    modelo.cargar({"busqueda": "tic-0001"})      # por debajo del tope: el conteo es exacto como siempre
    assert modelo.total == 10 and modelo.rowCount() == 10 and not modelo.canFetchMore()
