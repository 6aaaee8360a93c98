"""Modelo perezoso del inventario: trae bloques al desplazarse y cumple el contrato de Qt."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.vistas.inventario.modelo import ColumnaBien, ModeloBienes

pytestmark = pytest.mark.gui

COLUMNAS = [ColumnaBien("Número", "numero", "numero"), ColumnaBien("Marca", "marca", "marca"),
            ColumnaBien("Notas", "notas")]


class Fuente:
    """Servicio de prueba: 1,000 registros en memoria; anota cada llamada."""

    def __init__(self, total: int = 1000) -> None:
        self.datos = [{"id": i + 1, "numero": f"TIC-{i + 1:05d}", "marca": "HP" if i % 2 else "Dell",
                       "notas": "<b>x</b>"} for i in range(total)]
        self.llamadas: list[dict] = []

    def _filtrados(self, busqueda: str = "") -> list[dict]:
        return [d for d in self.datos if busqueda.lower() in (d["numero"] + d["marca"]).lower()]

    def consultar(self, despues: tuple | None, limite: int, orden: str | None = None,
                  busqueda: str = "") -> list[dict]:
        """Paginación por llave: la llave es (valor de orden, id); el bloque empieza tras ``despues``."""
        self.llamadas.append({"despues": despues, "limite": limite, "orden": orden, "busqueda": busqueda})
        clave = (orden or "id").lstrip("-")
        filas = [{**d, "llave": (d[clave], d["id"])} for d in self._filtrados(busqueda)]
        filas.sort(key=lambda d: d["llave"], reverse=bool(orden and orden.startswith("-")))
        if despues is not None:
            atras = bool(orden and orden.startswith("-"))
            filas = [d for d in filas if (d["llave"] < tuple(despues) if atras else d["llave"] > tuple(despues))]
        return filas[:limite]

    def contar(self, busqueda: str = "") -> int:
        return len(self._filtrados(busqueda))


def test_carga_por_bloques_y_cumple_el_contrato(qtmodeltester):
    fuente = Fuente()
    modelo = ModeloBienes(COLUMNAS, fuente.consultar, fuente.contar, bloque=200)
    modelo.cargar({})
    assert modelo.total == 1000 and modelo.rowCount() == 200
    assert modelo.canFetchMore()
    modelo.fetchMore()
    assert modelo.rowCount() == 400 and fuente.llamadas[-1]["despues"] == (200, 200)
    modelo.cargar_hasta(999)
    assert modelo.rowCount() == 1000 and not modelo.canFetchMore()
    assert modelo.index(999, 0).data() == "TIC-01000"
    assert modelo.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == "&lt;b&gt;x&lt;/b&gt;"
    qtmodeltester.check(modelo)


def test_filtro_y_orden_se_piden_al_servicio():
    fuente = Fuente()
    modelo = ModeloBienes(COLUMNAS, fuente.consultar, fuente.contar, bloque=50)
    modelo.cargar({"busqueda": "tic-0099"})
    assert modelo.total == 10 and modelo.rowCount() == 10 and not modelo.canFetchMore()
    modelo.cargar({})
    modelo.sort(0, Qt.SortOrder.DescendingOrder)
    assert fuente.llamadas[-1]["orden"] == "-numero"
    assert modelo.index(0, 0).data() == "TIC-01000"
    modelo.sort(2)                      # columna sin orden en SQL: no hace nada
    assert fuente.llamadas[-1]["orden"] == "-numero"
    assert modelo.fila_de(1000) == 0 and modelo.id_de(0) == 1000


def test_suelta_los_bloques_lejanos_y_los_vuelve_a_pedir_con_su_llave(qtmodeltester):
    """Memoria plana: con 1,000 filas solo quedan en memoria los últimos bloques vistos; al regresar,
    el bloque se pide otra vez con su llave de inicio y trae las mismas filas."""
    fuente = Fuente()
    modelo = ModeloBienes(COLUMNAS, fuente.consultar, fuente.contar, bloque=100, en_memoria=3)
    modelo.cargar({})
    modelo.cargar_hasta(999)
    assert modelo.rowCount() == 1000 and modelo.en_memoria == 300
    assert fuente.llamadas[-1]["despues"] == (900, 900)
    antes = len(fuente.llamadas)
    assert modelo.index(5, 0).data() == "TIC-00006" and modelo.id_de(5) == 6
    assert len(fuente.llamadas) == antes + 1 and fuente.llamadas[-1]["despues"] is None
    assert modelo.index(450, 0).data() == "TIC-00451"
    assert fuente.llamadas[-1]["despues"] == (400, 400)
    assert modelo.en_memoria == 300
    qtmodeltester.check(modelo)


def test_si_la_base_se_encoge_entre_bloques_se_detiene():
    fuente = Fuente(300)
    modelo = ModeloBienes(COLUMNAS, fuente.consultar, fuente.contar, bloque=200)
    modelo.cargar({})
    del fuente.datos[150:]
    modelo.fetchMore()
    assert modelo.rowCount() == 200 and not modelo.canFetchMore()


def test_la_busqueda_en_segundo_plano_entrega_solo_la_ultima(demo_sqlite, qtbot):
    """Dos búsquedas seguidas: solo se aplica la respuesta de la última."""
    from app.servicios.inventario import inventario
    from app.vistas.inventario.busqueda import BuscadorSegundoPlano

    buscador = BuscadorSegundoPlano(inventario.consultar, inventario.contar)
    recibidas: list[tuple] = []
    buscador.resultado.connect(lambda g, t, r, e: recibidas.append((g, t, len(r), e)))
    primera = buscador.buscar({"busqueda": "smt"}, "numero", 50)
    ultima = buscador.buscar({"busqueda": "no existe nada así"}, "numero", 50)
    qtbot.waitUntil(lambda: any(g == ultima for g, *_ in recibidas))
    assert primera != ultima and [g for g, *_ in recibidas] == [ultima]
    assert recibidas[-1][1:] == (0, 0, "")
    buscador.detener()
