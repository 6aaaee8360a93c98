"""Inventario (issue 19, puntos 2 y 3): ordenar por cualquier columna del encabezado recorre por llave
las mismas filas que la consulta completa, y abrir la pestaña lee el detalle del bien elegido una vez."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.servicios.inventario import inventario
from app.vistas.inventario.inventario import COLUMNAS, VistaInventario
from tests.ayudas_gui import mostrar
from tests.conftest import usuario
from tests.vistas.inventario.test_vista_inventario import insertar_bienes

pytestmark = pytest.mark.gui


def test_abrir_la_pestana_lee_el_detalle_una_vez(demo_sqlite, qtbot, monkeypatch):
    """El detalle (bien, foto, movimiento, historial) se construye una vez al abrir y no otra vez al mostrarse."""
    leidos: list[int | None] = []
    original = VistaInventario._mostrar
    monkeypatch.setattr(VistaInventario, "_mostrar", lambda self, bien_id: (leidos.append(bien_id),
                                                                              original(self, bien_id))[1])
    vista = mostrar(qtbot, VistaInventario(usuario("redes")), 1280, 760)
    qtbot.wait(400)                       # más que la pausa del detalle (120 ms)
    assert leidos == [vista.modelo.id_de(0)]
    vista.hide()
    vista.show()                          # volver a la pestaña no vuelve a leer lo que ya se ve
    qtbot.wait(400)
    assert leidos == [vista.modelo.id_de(0)]


@pytest.mark.parametrize("titulo", ["Dependencia", "Resguardante", "Serie", "Marca"])
def test_cada_columna_del_encabezado_recorre_por_llave_las_filas_de_la_consulta_completa(
        demo_sqlite, qtbot, titulo):
    insertar_bienes(450)
    vista = mostrar(qtbot, VistaInventario(usuario("redes")), 1280, 760)
    columna = [c.titulo for c in COLUMNAS].index(titulo)
    clave = COLUMNAS[columna].orden
    for sentido, prefijo in ((Qt.SortOrder.AscendingOrder, ""), (Qt.SortOrder.DescendingOrder, "-")):
        vista.tabla.horizontalHeader().setSortIndicator(columna, sentido)
        assert vista.modelo.orden == prefijo + clave
        vista.modelo.cargar_hasta(vista.modelo.total - 1)
        recorridos = [vista.modelo.id_de(f) for f in range(vista.modelo.rowCount())]
        assert recorridos == inventario.consultar_ids(orden=prefijo + clave, **vista.filtro())
