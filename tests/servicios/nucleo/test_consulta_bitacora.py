"""Servicio de consulta de la bitácora: orden, filtro, detalle, total y permisos."""
from __future__ import annotations

import pytest

from app.servicios.nucleo import consulta_bitacora
from app.servicios.catalogos import usuarios
from app.errores import ErrorNoEncontrado, ErrorPermiso
from tests.conftest import usuario

pytestmark = pytest.mark.gui     # se corre junto con las vistas de la bitácora


def test_lista_de_la_mas_reciente_con_los_campos_de_la_tabla(demo_sqlite):
    director = usuario("director")
    filas = consulta_bitacora.consultar(director)
    assert len(filas) == min(2000, consulta_bitacora.total(director))
    assert [f["id"] for f in filas] == sorted((f["id"] for f in filas), reverse=True)
    assert set(filas[0]) == {"id", "momento", "usuario", "persona", "accion", "tabla", "modulo", "registro_id",
                             "registro", "hash", "canal"}
    assert filas[0]["accion"] == "cancelación de oficio" and len(filas[0]["hash"]) == 64


def test_limite(demo_sqlite):
    director = usuario("director")
    filas = consulta_bitacora.consultar(director, limite=5)
    assert len(filas) == 5 and filas[0]["id"] == consulta_bitacora.total(director)


@pytest.mark.parametrize("busqueda, campo, esperado", [
    ("asistente", "usuario", "asistente"),
    ("paso_tramite", "tabla", "paso_tramite"),
    ("EMISIÓN DE OFICIO", "accion", "emisión de oficio"),
])
def test_filtra_por_usuario_accion_o_tabla(demo_sqlite, busqueda, campo, esperado):
    filas = consulta_bitacora.consultar(usuario("soporte"), busqueda)
    assert filas and all(esperado in f[campo] for f in filas)


def test_busqueda_sin_acentos_encuentra_acciones_con_acentos(demo_sqlite):
    usuarios.iniciar_sesion("director", "Director2026")
    filas = consulta_bitacora.consultar(usuario("director"), "sesion")
    assert [f["accion"] for f in filas] == ["inicio de sesión"]


@pytest.mark.parametrize("comodin", ["%", "_", "\\", "' OR 1=1 --"])
def test_comodines_y_comillas_se_buscan_literalmente(demo_sqlite, comodin):
    filas = consulta_bitacora.consultar(usuario("director"), comodin)
    assert all(comodin in f["usuario"] + f["accion"] + f["tabla"] for f in filas)
    if comodin == "_":
        from app.modelos import TODOS

        assert {f["tabla"] for f in filas} <= {m._meta.table_name for m in TODOS if "_" in m._meta.table_name}


def test_entrada_con_la_instantanea_ya_convertida(demo_sqlite):
    director = usuario("director")
    ultima = consulta_bitacora.consultar(director, limite=1)[0]
    entrada = consulta_bitacora.entrada(director, ultima["id"])
    assert entrada["instantanea"]["estado"] == "cancelado"
    assert entrada["hash"] == ultima["hash"] and len(entrada["hash_anterior"]) == 64
    with pytest.raises(ErrorNoEncontrado):
        consulta_bitacora.entrada(director, 10**9)


def test_instantanea_alterada_que_no_es_json(demo_sqlite):
    demo_sqlite.execute_sql("UPDATE bitacora SET instantanea='{roto' WHERE id=1")
    entrada = consulta_bitacora.entrada(usuario("director"), 1)
    assert entrada["instantanea"] is None and entrada["instantanea_texto"] == "{roto"


@pytest.mark.parametrize("nombre", ["consulta", "asistente"])
def test_roles_sin_permiso_no_consultan(demo_sqlite, nombre):
    actor = usuario(nombre)
    with pytest.raises(ErrorPermiso, match="no permite consultar la bitácora"):
        consulta_bitacora.consultar(actor)
    with pytest.raises(ErrorPermiso):
        consulta_bitacora.entrada(actor, 1)
    with pytest.raises(ErrorPermiso):
        consulta_bitacora.total(actor)


def test_usuario_dado_de_baja_no_consulta(demo_sqlite):
    director = usuario("director")
    soporte = usuario("soporte")
    usuarios.desactivar(director, soporte)
    with pytest.raises(ErrorPermiso):
        consulta_bitacora.consultar(usuario("soporte"))
