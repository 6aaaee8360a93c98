"""Búsqueda indexada (issue 19, punto 1): las mismas filas que el ``LIKE`` de antes, en los dos motores.

No mide tiempos (eso es ``bench/medida_busqueda.py``): comprueba que el índice (FTS5 con trigramas
en SQLite, ``pg_trgm`` en PostgreSQL) da exactamente lo que daba el ``LIKE '%…%'`` sobre la columna
normalizada, que ignora acentos y mayúsculas, que las palabras cortas funcionan, que el índice
está al día dentro de la misma transacción y que el conteo se acota.
"""
from __future__ import annotations

import operator
from functools import reduce

import pytest

from app import base_datos
from app.base_datos import transaccion
from app.modelos import Bien, ServidorPublico
from app.servicios.catalogos import catalogos
from app.servicios.inventario import inventario
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import limpiar_texto, normalizar, texto_busqueda
from tests.bienes_prueba import crear_bienes

TEXTOS = ["hp", "HP ProDesk", "prodesk 400", "lenovo", "LENOVO thinkcentre", "mxl00", "MXL0000012", "txm-prb-0001",
          "TXM-PRB-00017", "8 gb", "16", "g", "gb", "cisco catalyst", "josé", "JOSE nunez", "núñez", "zzz-no-existe",
          "%", "_", "o'brien", '"comillas"', "de", "cámara", "camara hikvision ds-2cd"]


def _como_antes(texto: str) -> list[int]:
    """Los ids que daba la consulta de antes: cada palabra con LIKE, o el prefijo del número."""
    palabras = normalizar(limpiar_texto(texto)).split()
    condicion = reduce(operator.and_, [Bien.busqueda.contains(p) for p in palabras])
    prefijo = limpiar_texto(texto).upper()
    consulta = Bien.select(Bien.id).where(condicion | Bien.numero_inventario.startswith(prefijo))
    return sorted(i for (i,) in consulta.tuples())


def _ids(texto: str, **filtros) -> list[int]:
    return sorted(f["id"] for f in inventario.consultar(texto, limite=500, orden="id", **filtros))


@pytest.fixture
def bienes(bd, sistema):
    dependencia = catalogos.guardar_dependencia(sistema, "Tesorería Municipal", "TM")
    jose = catalogos.guardar_servidor(sistema, "José Núñez O'Brien", "Jefe de área", dependencia)
    creados = crear_bienes(60, dependencia=dependencia)
    creados += crear_bienes(8, dependencia=dependencia, resguardante=jose, inicio=100)
    return creados


def test_mismas_filas_que_el_like_de_antes(bienes):
    if not base_datos.es_postgres():
        assert busqueda_indexada.hay_indice(Bien)
    for texto in TEXTOS:
        assert _ids(texto) == _como_antes(texto), texto
    assert _ids("josé") and _ids("JOSE nunez") == _ids("josé núñez") == _ids("Jose NUÑEZ")
    from app.servicios.nucleo import bitacora

    assert bitacora.verificar() == []          # las tablas del índice no son registros de la bitácora


def test_con_filtros_y_terminos_comunes_o_escasos(bienes, monkeypatch):
    """Un término común (más de TOPE_IDS en el índice) se resuelve con LIKE: las mismas filas."""
    esperado = {t: _ids(t) for t in ("hp", "gb", "prodesk", "txm-prb", "o'brien", "de 8 gb")}
    monkeypatch.setattr(busqueda_indexada, "TOPE_IDS", 5)
    for texto, ids in esperado.items():
        assert _ids(texto) == ids == _como_antes(texto), texto
    assert busqueda_indexada.filtro(Bien, "prodesk").muchos is (not base_datos.es_postgres())
    dependencia = bienes[0].dependencia_id
    assert _ids("prodesk", dependencia=dependencia, estado="activos") == sorted(
        b.id for b in Bien.select().where(Bien.busqueda.contains("prodesk"), Bien.dependencia == dependencia,
                                          Bien.estado != "dado_de_baja"))


def test_conteo_acotado(bienes, monkeypatch):
    total = len(_como_antes("txm-prb"))
    assert inventario.contar("txm-prb") == total == 68
    monkeypatch.setattr(busqueda_indexada, "TOPE_CONTEO", 10)
    assert inventario.contar("txm-prb") == 11            # «más de 10»: deja de contar ahí
    assert busqueda_indexada.es_mas_de(inventario.contar("txm-prb"))
    assert inventario.contar("o'brien") == 8             # por debajo del tope, exacto
    assert inventario.contar() == Bien.select().count()  # sin búsqueda: el total de siempre
    assert busqueda_indexada.texto_total(11, "bien", "bienes") == "más de 10 bienes"
    assert busqueda_indexada.texto_total(1, "bien", "bienes") == "1 bien"


def _en_el_indice(termino: str) -> list[int]:
    """Lo que dice el índice FTS5 mismo (SQLite) o la consulta (PostgreSQL, el índice lo lleva el motor)."""
    if base_datos.es_postgres():
        return sorted(i for (i,) in Bien.select(Bien.id).where(Bien.busqueda.contains(termino)).tuples())
    return sorted(busqueda_indexada.ids_del_indice(Bien, [termino], 1000))


def _integro() -> None:
    if not base_datos.es_postgres():
        for tabla in busqueda_indexada.TABLAS:
            fts = busqueda_indexada.tabla_fts(tabla)
            base_datos.bd.execute_sql(f"INSERT INTO \"{fts}\"(\"{fts}\") VALUES ('integrity-check')")


def test_indice_al_dia_en_la_misma_transaccion(bienes):
    bien = bienes[0]
    with transaccion():
        bien.descripcion = "Servidor Xilofono Especial"
        bien.busqueda = texto_busqueda(bien.numero_inventario, bien.descripcion)
        bien.save()
        assert _en_el_indice("xilofono") == [bien.id]       # dentro de la transacción, ya está
        assert _ids("XILÓFONO especial") == [bien.id]
    assert _en_el_indice("prodesk 400 g9 de") == sorted(b.id for b in bienes[1:] if "prodesk 400 g9 de" in b.busqueda)
    with pytest.raises(RuntimeError):
        with transaccion():
            nuevo = crear_bienes(1, inicio=900, prefijo="QQQ-")[0]
            assert _ids("qqq-00900") == [nuevo.id]
            raise RuntimeError("se deshace")
    assert _ids("qqq-00900") == [] and _en_el_indice("qqq-00900") == []   # el índice se deshizo con el alta
    with transaccion():                                    # baja lógica: sigue en la búsqueda, fuera de «activos»
        Bien.update(estado="dado_de_baja").where(Bien.id == bien.id).execute()
    assert _ids("xilofono") == [bien.id] and _ids("xilofono", estado="activos") == []
    with transaccion():          # la aplicación no borra; un borrado por SQL también sale del índice
        base_datos.bd.execute_sql(f"DELETE FROM bien WHERE id = {int(bienes[1].id)}")
    assert bienes[1].id not in _en_el_indice("txm-prb") and bienes[2].id in _en_el_indice("txm-prb")
    _integro()


def test_otras_listas_como_antes(bienes, sistema):
    for texto in ("jose", "núñez o'b", "jefe", "tesoreria", "zz", "é"):
        antes = sorted(s.id for s in ServidorPublico.select().where(ServidorPublico.busqueda.contains(normalizar(texto))))
        assert sorted(s.id for s in catalogos.servidores(busqueda=texto)) == antes, texto


def test_la_migracion_puebla_el_indice_de_una_base_existente(url_bd):
    """Una base con datos de antes de la 0023 queda con su índice completo al migrar."""
    base = base_datos.conectar(url_bd, migrar=False)
    if "sqlite" not in url_bd:
        base.execute_sql("DROP SCHEMA public CASCADE")
        base.execute_sql("CREATE SCHEMA public")
    previa = max(m.name for m in base_datos.corredor_migraciones().migrations() if m.name < "0023")
    base_datos.aplicar_migraciones(hasta=previa)
    verdadero = "1" if "sqlite" in url_bd else "TRUE"
    base.execute_sql("INSERT INTO dependencia (version, creado_en, modificado_en, nombre, siglas, ubicacion, "
                     f"activo, busqueda) VALUES (1, '2025-03-01 09:00:00', '2025-03-01 09:00:00', "
                     f"'Tesorería Municipal', 'TM', '', {verdadero}, 'tesoreria municipal tm')")
    base_datos.cerrar()
    base = base_datos.conectar(url_bd)
    from app.modelos import Dependencia
    from app import esquema

    assert not esquema.diferencias_esquema()
    assert [d.nombre for d in catalogos.dependencias(busqueda="TESORERÍA")] == ["Tesorería Municipal"]
    if "sqlite" in url_bd:
        assert busqueda_indexada.ids_del_indice(Dependencia, ["tesoreria"], 10) == [Dependencia.get().id]
        _integro()
    else:
        indices = {n for (n,) in base.execute_sql("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s",
                                                   ("%_busqueda_trgm",)).fetchall()}
        assert indices == {busqueda_indexada.indice_trgm(t) for t in busqueda_indexada.TABLAS}
    base_datos.cerrar()


def _listas():
    from app.servicios.adquisiciones import consultas as adquisiciones
    from app.servicios.dictamenes import dictamenes
    from app.servicios.internet import solicitudes as internet
    from app.servicios.licencias import licencias
    from app.servicios.mesa_ayuda import tickets
    from app.servicios.oficios import oficios
    from app.servicios.proyectos import proyectos
    from app.servicios.respaldos import planes
    from app.servicios.tramites import tramites
    from app.servicios.videovigilancia import solicitudes as videovigilancia

    return {
        "bienes": lambda t: [f["id"] for f in inventario.consultar(t, limite=500, orden="id")],
        "tickets": lambda t: [f["id"] for f in tickets.listar(texto=t, limite=500)],
        "oficios": lambda t: [f["id"] for f in oficios.consultar(busqueda=t, limite=500)],
        "tramites": lambda t: [f["id"] for f in tramites.consultar(t)],
        "servidores": lambda t: [s.id for s in catalogos.servidores(busqueda=t)],
        "dependencias": lambda t: [d.id for d in catalogos.dependencias(busqueda=t)],
        "licencias": lambda t: [f["id"] for f in licencias.consultar_licencias(t)],
        "software": lambda t: [s.id for s in licencias.catalogo_software(t)],
        "adquisiciones": lambda t: [f["id"] for f in adquisiciones.lista(t)],
        "dictamenes": lambda t: [f["id"] for f in dictamenes.consultar(t)],
        "proyectos": lambda t: [f["id"] for f in proyectos.consultar(t)],
        "respaldos": lambda t: [f["id"] for f in planes.calendario(t)],
        "internet": lambda t: [f["id"] for f in internet.consultar(t)],
        "videovigilancia": lambda t: [f["id"] for f in videovigilancia.consultar(t)],
    }


LISTAS_TEXTOS = ["a", "de", "tesorería", "SOPORTE técnico", "licencia", "equipo de", "zzz-nada", "2026", "%", "o"]


def test_cada_lista_da_lo_mismo_que_el_like_de_antes(demo, monkeypatch):
    """Cada lista, con el índice y con el LIKE de antes (índice apagado), da las mismas filas."""
    listas = _listas()
    con_indice = {(n, t): f(t) for n, f in listas.items() for t in LISTAS_TEXTOS}
    monkeypatch.setattr(busqueda_indexada, "hay_indice", lambda modelo: False)
    for (nombre, texto), ids in con_indice.items():
        assert ids == listas[nombre](texto), (nombre, texto)
    assert any(ids for ids in con_indice.values())
