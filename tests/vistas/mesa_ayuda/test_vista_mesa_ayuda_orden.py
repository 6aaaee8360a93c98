"""Mesa de ayuda (issue 19, puntos 2 y 3): ordenar por el encabezado con paginación por llave y abrir
la pestaña leyendo el detalle del primer ticket una sola vez, en segundo plano."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.servicios.mesa_ayuda import tickets
from app.vistas.mesa_ayuda.mesa_ayuda import COLUMNAS, VistaMesaAyuda
from tests.ayudas_gui import mostrar
from tests.conftest import usuario
from tests.servicios.mesa_ayuda.test_tickets import _ticket

pytestmark = pytest.mark.gui


@pytest.fixture
def base(bd_sqlite, monkeypatch):
    """Catálogos y usuarios de demostración, sin los tickets de demostración."""
    from app.demo import carga as servicio_demo, mesa_ayuda as demo_mesa_ayuda

    monkeypatch.setattr(demo_mesa_ayuda, "cargar_demo", lambda: 0)
    servicio_demo.cargar_demo()
    return bd_sqlite

TITULOS = [t for t, _o, _a in COLUMNAS]


def _clic_encabezado(qtbot, vista: VistaMesaAyuda, titulo: str) -> None:
    encabezado = vista.vista.horizontalHeader()
    columna = TITULOS.index(titulo)
    x = encabezado.sectionViewportPosition(columna) + encabezado.sectionSize(columna) // 2
    qtbot.mouseClick(encabezado.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, encabezado.height() // 2))


def _folios(vista: VistaMesaAyuda) -> list[str]:
    return [vista.modelo.index(f, 0).data() for f in range(vista.modelo.rowCount())]


def test_abrir_lee_el_detalle_del_primer_ticket_una_vez_en_segundo_plano(base, qtbot, monkeypatch):
    creados = [_ticket(descripcion=f"Falla número {i}") for i in range(3)]
    leidos: list[int] = []
    original = tickets.detalle
    monkeypatch.setattr(tickets, "detalle", lambda ticket_id: (leidos.append(ticket_id), original(ticket_id))[1])
    vista = mostrar(qtbot, VistaMesaAyuda(usuario("soporte")), 1400, 800)
    qtbot.waitUntil(lambda: vista.detalle is not None)
    qtbot.wait(50)
    assert leidos == [creados[-1].id] and vista.detalles_leidos == 1
    assert vista.titulo.text().startswith(creados[-1].folio)
    # Elegir otra fila lee su detalle una vez (en este hilo: lo pidió el usuario).
    vista.vista.selectRow(1)
    assert leidos == [creados[-1].id, creados[-2].id] and vista.detalle["id"] == creados[-2].id
    # Refrescar (F5) vuelve a leer el detalle del mismo ticket una sola vez.
    vista.refrescar()
    assert leidos[2:] == [creados[-2].id]


def test_ordenar_por_el_encabezado_lo_hace_el_servicio(base, qtbot):
    for dependencia, solicitante in (("Registro Civil", "Zoila Zamora"), ("Tesorería Municipal", "Ana Ávila"),
                                     ("Registro Civil", "Beto Bravo"), ("Contraloría Municipal", "Carla Cruz")):
        _ticket(dependencia=dependencia, solicitante_nombre=solicitante, modalidad="presencial")
    vista = mostrar(qtbot, VistaMesaAyuda(usuario("soporte")), 1400, 800)
    qtbot.waitUntil(lambda: vista.detalle is not None)
    filtro = vista.filtros()
    sin_orden = _folios(vista)
    elegido = vista.detalle["id"]
    _clic_encabezado(qtbot, vista, "Dependencia")
    ids = tickets.listar_ids(orden="dependencia", **filtro)
    assert [vista.modelo.id_de(f) for f in range(vista.modelo.rowCount())] == ids
    dependencias = [vista.modelo.index(f, TITULOS.index("Dependencia")).data() for f in range(len(ids))]
    assert dependencias == sorted(dependencias)
    assert vista.detalle["id"] == elegido                   # la selección sigue en el mismo ticket
    _clic_encabezado(qtbot, vista, "Dependencia")            # otra vez: descendente
    assert [vista.modelo.id_de(f) for f in range(vista.modelo.rowCount())] == \
        tickets.listar_ids(orden="-dependencia", **filtro)
    _clic_encabezado(qtbot, vista, "Solicitante")
    solicitantes = [vista.modelo.index(f, TITULOS.index("Solicitante")).data() for f in range(len(ids))]
    assert solicitantes == sorted(solicitantes)
    antes = _folios(vista)
    _clic_encabezado(qtbot, vista, "SLA")                    # calculada: no se ordena ni cambia el indicador
    assert _folios(vista) == antes
    assert vista.vista.horizontalHeader().sortIndicatorSection() == TITULOS.index("Solicitante")
    assert sorted(sin_orden) == sorted(antes)
