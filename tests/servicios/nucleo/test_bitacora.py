"""Bitácora encadenada: detecta entradas alteradas y registros cambiados por fuera de la aplicación."""
from __future__ import annotations

import subprocess
import sys

import pytest

from app.modelos import Bitacora, Dependencia, ErrorBorradoFisico, Oficio
from app.servicios.nucleo import bitacora


def test_integra_despues_de_la_demo(demo):
    assert bitacora.verificar() == []
    assert Bitacora.select().count() > 50


def test_update_directo_de_un_oficio(demo):
    oficio = Oficio.select().order_by(Oficio.id).first()
    demo.execute_sql("UPDATE oficio SET descripcion = 'cambiado con SQL' WHERE id = %d" % oficio.id)
    problemas = bitacora.verificar()
    assert [(p.tabla, p.registro_id) for p in problemas] == [("oficio", oficio.id)]
    assert "descripcion" in problemas[0].descripcion


@pytest.mark.parametrize("columna,valor", [("instantanea", "'{}'"), ("usuario", "'intruso'"),
                                            ("accion", "'nada'")])
def test_update_directo_de_la_bitacora(demo, columna, valor):
    entrada = Bitacora.select().order_by(Bitacora.id).offset(10).first()
    demo.execute_sql(f"UPDATE bitacora SET {columna} = {valor} WHERE id = {entrada.id}")
    problemas = bitacora.verificar()
    assert any(p.tabla == "bitacora" and p.registro_id == entrada.id for p in problemas)


def test_registro_insertado_por_fuera(demo):
    demo.execute_sql("INSERT INTO dependencia (version, creado_en, modificado_en, nombre, siglas, ubicacion, "
                     "activo, busqueda) VALUES (1, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'Fantasma', "
                     "'F', '', TRUE, 'fantasma')")
    fantasma = Dependencia.get(Dependencia.nombre == "Fantasma")
    assert any(p.tabla == "dependencia" and p.registro_id == fantasma.id and "no aparece" in p.descripcion
               for p in bitacora.verificar())


def test_nada_se_borra_fisicamente(demo):
    with pytest.raises(ErrorBorradoFisico):
        Oficio.select().first().delete_instance()
    with pytest.raises(ErrorBorradoFisico):
        Oficio.delete()


def test_instantanea_no_guarda_el_hash_de_la_contrasena(demo):
    fotos = [e.instantanea for e in Bitacora.select().where(Bitacora.tabla == "usuario")]
    assert fotos and not any("$argon2" in f for f in fotos)


def _dti(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=120,
                          env=env)


def test_consola_verificar_bitacora(url_bd):
    assert _dti("demo", "--db", url_bd).returncode == 0
    correcto = _dti("verificar-bitacora", "--db", url_bd)
    assert correcto.returncode == 0 and "íntegra" in correcto.stdout
    from app import base_datos

    base = base_datos.conectar(url_bd)
    base.execute_sql("UPDATE oficio SET asunto = 'alterado' WHERE id = 2")
    base_datos.cerrar()
    alterado = _dti("verificar-bitacora", "--db", url_bd)
    assert alterado.returncode != 0 and "oficio #2" in alterado.stderr
