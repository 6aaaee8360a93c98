"""Paginación por llave: recorrer por bloques da las mismas filas, en el mismo orden, que la consulta
completa con ORDER BY, para cada columna ordenable (SQLite y PostgreSQL), con empates, nulos y filtros."""
from __future__ import annotations

import pytest

from app.modelos import Bien, ServidorPublico, Ticket
from app.servicios.inventario import inventario
from app.servicios.mesa_ayuda import tickets
from app.servicios.nucleo import paginacion


def _recorrer(consultar, bloque: int, **filtro) -> list[int]:
    ids: list[int] = []
    despues = None
    while True:
        filas = consultar(despues=despues, limite=bloque, **filtro)
        ids.extend(f["id"] for f in filas)
        if len(filas) < bloque:
            return ids
        despues = filas[-1]["llave"]


@pytest.fixture
def bienes(demo):
    """La demostración y 400 bienes más, con empates (misma marca y modelo), nulos (sin serie, sin
    dependencia, sin resguardante, sin fecha) y un resguardante homónimo (dos personas, un nombre)."""
    from app.demo.inventario import cargar_bienes

    cargar_bienes(400, semilla=7)
    ids = [b.id for b in Bien.select(Bien.id).order_by(Bien.id)]
    Bien.update(serie=None).where(Bien.id.in_(ids[::7])).execute()
    Bien.update(dependencia=None).where(Bien.id.in_(ids[3::11])).execute()
    Bien.update(resguardante=None).where(Bien.id.in_(ids[5::13])).execute()
    Bien.update(fecha_adquisicion=None).where(Bien.id.in_(ids[2::9])).execute()
    Bien.update(marca="HP", modelo="ProDesk 400").where(Bien.id.in_(ids[::5])).execute()
    servidores = list(ServidorPublico.select().order_by(ServidorPublico.id).limit(2))
    ServidorPublico.update(nombre=servidores[0].nombre).where(ServidorPublico.id == servidores[1].id).execute()
    return ids


@pytest.mark.parametrize("orden", inventario.ORDENES)
@pytest.mark.parametrize("sentido", ["", "-"])
def test_bienes_por_bloques_igual_que_la_consulta_completa(bienes, orden, sentido):
    clave = sentido + orden
    completa = inventario.consultar_ids(orden=clave)
    assert len(completa) == len(bienes)
    assert _recorrer(inventario.consultar, 37, orden=clave) == completa
    # Con filtro: el mismo recorrido respeta la búsqueda y los combos.
    filtro = {"estado": "activos", "busqueda": "hp"}
    assert _recorrer(inventario.consultar, 11, orden=clave, **filtro) == inventario.consultar_ids(orden=clave, **filtro)


def test_empates_por_id_y_nulos_donde_los_pone_el_motor(bienes):
    por_marca = inventario.consultar(limite=500, orden="marca")
    hp = [f["id"] for f in por_marca if (f["marca"], f["modelo"]) == ("HP", "ProDesk 400")]
    assert hp == sorted(hp) and len(hp) > 50
    por_serie = [f["serie"] for f in inventario.consultar(limite=500, orden="serie")]
    nulos = [s is None for s in por_serie]
    assert any(nulos) and (nulos == sorted(nulos, reverse=paginacion.nulos_primero()))
    por_dependencia = inventario.consultar(limite=500, orden="dependencia")
    vacias = [f["dependencia"] is None for f in por_dependencia]
    assert any(vacias) and vacias == sorted(vacias, reverse=paginacion.nulos_primero())


def test_el_bloque_siguiente_no_usa_offset(bienes):
    """La consulta del bloque lleva la comparación por llave, no OFFSET."""
    from app.base_datos import bd

    primero = inventario.consultar(limite=50, orden="dependencia")
    consultas: list[str] = []
    original = bd.obj.execute_sql

    def anotar(sql, params=None, *a, **k):
        consultas.append(sql)
        return original(sql, params, *a, **k)

    bd.obj.execute_sql = anotar
    try:
        inventario.consultar(limite=50, orden="dependencia", despues=primero[-1]["llave"])
    finally:
        del bd.obj.execute_sql
    assert consultas and not any("OFFSET" in c.upper() for c in consultas)


@pytest.fixture
def muchos_tickets(demo):
    from app.demo import mesa_ayuda as demo_mesa_ayuda

    demo_mesa_ayuda.cargar_tickets_masivos(500, lote=500)
    ids = [t.id for t in Ticket.select(Ticket.id).order_by(Ticket.id)]
    Ticket.update(asignado=None).where(Ticket.id.in_(ids[::4])).execute()
    Ticket.update(bien=None).where(Ticket.id.in_(ids[1::3])).execute()
    return ids


@pytest.mark.parametrize("orden", [None, *tickets.ORDENES, *("-" + o for o in tickets.ORDENES)])
def test_tickets_por_bloques_igual_que_la_consulta_completa(muchos_tickets, orden):
    filtro = {"orden": orden}
    completa = tickets.listar_ids(**filtro)
    assert sorted(completa) == sorted(muchos_tickets)
    assert _recorrer(tickets.listar, 41, **filtro) == completa
    filtro = {"orden": orden, "sin_cerrar": True, "texto": "a"}
    assert _recorrer(tickets.listar, 13, **filtro) == tickets.listar_ids(**filtro)


def test_sin_orden_los_tickets_van_del_mas_reciente_al_mas_antiguo(muchos_tickets):
    ids = [f["id"] for f in tickets.listar(limite=50)]
    assert ids == sorted(muchos_tickets, reverse=True)[:50]
    # La llave antigua (antes_de_id) sigue sirviendo.
    assert [f["id"] for f in tickets.listar(limite=10, antes_de_id=ids[-1])] == \
        sorted(muchos_tickets, reverse=True)[50:60]


@pytest.mark.parametrize("orden", ["resguardante", "-resguardante", "tipo", "dependencia"])
def test_grupos_vacios_por_un_filtro(bienes, orden):
    """Ordenar por la tabla unida con un filtro que deja vacíos casi todos los grupos (los
    resguardantes de otras dependencias): mismas filas y pocas consultas por bloque."""
    from app.base_datos import bd
    from app.modelos import Dependencia

    dependencia = Dependencia.select().order_by(Dependencia.id).first()
    filtro = {"orden": orden, "dependencia": dependencia.id}
    completa = inventario.consultar_ids(**filtro)
    assert completa
    assert _recorrer(inventario.consultar, 7, **filtro) == completa
    consultas: list[str] = []
    original = bd.obj.execute_sql

    def anotar(sql, params=None, *a, **k):
        consultas.append(sql)
        return original(sql, params, *a, **k)

    bd.obj.execute_sql = anotar
    try:
        inventario.consultar(limite=50, **filtro)
    finally:
        del bd.obj.execute_sql
    assert len(consultas) <= 20
