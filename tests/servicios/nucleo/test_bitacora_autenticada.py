"""Bitácora autenticada y sello (issue 17, punto 2), en SQLite y en PostgreSQL.

Quien tiene acceso de escritura a la base y el código fuente, pero no la llave de la
instalación, no puede agregar una entrada a nombre de otro, rehacer la cadena ni quitar la
cola sin que la verificación (con el sello, para la cola) lo diga.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys

import pytest

from app import base_datos
from app.modelos import Bitacora, Dependencia
from app.modelos.base import valor_instantanea
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import bitacora, sello_bitacora


def _crear_dependencias(actor, cuantas: int = 3) -> list[Dependencia]:
    hay = Dependencia.select().count()
    return [catalogos.guardar_dependencia(actor, f"Dependencia de prueba {hay + i}", siglas=f"DP{hay + i}")
            for i in range(cuantas)]


@pytest.fixture
def con_entradas(sistema):
    _crear_dependencias(sistema)
    assert bitacora.verificar() == []
    return sistema


def _agregar_con_sql(bd, usuario: str, foto: dict, mac: str | None) -> int:
    """Agrega una entrada bien encadenada (hash recalculado con el código público)."""
    anterior = Bitacora.select(Bitacora.hash).order_by(Bitacora.id.desc()).limit(1).scalar()
    momento = "2026-12-01 10:00:00"
    texto = json.dumps(foto, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    nuevo = bitacora.calcular_hash(momento, usuario, "edición de dependencia", "dependencia", foto["id"], texto,
                                   anterior)
    p = bd.param
    bd.execute_sql("INSERT INTO bitacora (momento, usuario, accion, tabla, registro_id, instantanea, hash_anterior, "
                   f"hash, mac) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p})",
                   (momento, usuario, "edición de dependencia", "dependencia", foto["id"], texto, anterior, nuevo,
                    mac if mac is not None else ""))
    return Bitacora.select(Bitacora.id).order_by(Bitacora.id.desc()).limit(1).scalar()


def test_cada_entrada_lleva_su_hmac(con_entradas):
    llave = bitacora.llave_bitacora(crear=False)
    for entrada in Bitacora.select():
        esperado = hmac.new(llave, entrada.hash.encode("ascii"), hashlib.sha256).hexdigest()
        assert entrada.mac == esperado


@pytest.mark.parametrize("mac", [None, "0" * 64], ids=["sin-hmac", "hmac-inventado"])
def test_entrada_agregada_a_nombre_de_otro_se_detecta(bd, con_entradas, mac):
    ultima = Dependencia.select().order_by(Dependencia.id.desc()).first()
    foto = {**json.loads(Bitacora.select(Bitacora.instantanea).where(
        (Bitacora.tabla == "dependencia") & (Bitacora.registro_id == ultima.id)).order_by(Bitacora.id.desc())
        .scalar()), "nombre": "Dependencia renombrada"}
    bd.execute_sql(f"UPDATE dependencia SET nombre = 'Dependencia renombrada' WHERE id = {ultima.id}")
    agregada = _agregar_con_sql(bd, "director", foto, mac)
    problemas = bitacora.verificar()
    # La cadena cuadra y la instantánea coincide con la fila: solo el HMAC delata la entrada.
    assert [(p.tabla, p.registro_id) for p in problemas] == [("bitacora", agregada)]
    assert "«director»" in problemas[0].descripcion
    assert ("no lleva HMAC" if mac is None else "no es auténtica") in problemas[0].descripcion


def test_reescribir_una_instantanea_antigua_y_recalcular_la_cadena(bd, con_entradas):
    entradas = list(Bitacora.select().order_by(Bitacora.id))
    vieja = next(e for e in entradas if e.tabla == "dependencia")
    anterior = vieja.hash_anterior
    with base_datos.transaccion():
        for entrada in entradas[entradas.index(vieja):]:
            foto = entrada.instantanea.replace("Dependencia de prueba", "Dependencia falsa") \
                if entrada.id == vieja.id else entrada.instantanea
            nuevo = bitacora.calcular_hash(valor_instantanea(entrada.momento), entrada.usuario, entrada.accion,
                                           entrada.tabla, entrada.registro_id, foto, anterior)
            Bitacora.update(instantanea=foto, hash_anterior=anterior, hash=nuevo).where(
                Bitacora.id == entrada.id).execute()
            anterior = nuevo
    problemas = bitacora.verificar()
    rehechas = {p.registro_id for p in problemas if p.tabla == "bitacora" and "no es auténtica" in p.descripcion}
    assert rehechas == {e.id for e in entradas[entradas.index(vieja):]}


def test_quitar_todos_los_hmac_tampoco_pasa(bd, con_entradas):
    bd.execute_sql("UPDATE bitacora SET mac = ''")
    problemas = bitacora.verificar()
    assert len(problemas) == 1 and "ninguna entrada lleva HMAC" in problemas[0].descripcion


def test_sin_la_llave_no_se_declara_integra(con_entradas, monkeypatch, tmp_path):
    from app.servicios.nucleo import secretos

    monkeypatch.delenv(secretos.VARIABLE_LLAVE, raising=False)
    monkeypatch.setattr(secretos, "ruta_llave", lambda: tmp_path / "no-existe.key")
    secretos.olvidar_llave()
    problemas = bitacora.verificar()
    assert problemas and "no se pudo comprobar la autenticidad" in problemas[0].descripcion
    assert not (tmp_path / "no-existe.key").exists(), "verificar no debe crear una llave nueva"


def test_el_sello_detecta_la_cola_quitada(bd, con_entradas):
    sello = sello_bitacora.sellar()
    assert sello_bitacora.verificar_sello(sello) == []
    # Después del sello se trabaja normalmente: eso no es un problema.
    _crear_dependencias(con_entradas, 1)
    assert sello_bitacora.verificar_sello(sello) == []
    # Alguien quita la última dependencia creada antes del sello y todas sus entradas (la cola).
    ultima = Dependencia.select().where(Dependencia.nombre == "Dependencia de prueba 2").get()
    bd.execute_sql(f"DELETE FROM dependencia WHERE id > {ultima.id}")      # la creada después del sello
    bd.execute_sql("DELETE FROM bitacora WHERE id > {}".format(sello["posicion"]))
    primera_suya = Bitacora.select(Bitacora.id).where(
        (Bitacora.tabla == "dependencia") & (Bitacora.registro_id == ultima.id)).order_by(Bitacora.id).scalar()
    bd.execute_sql(f"DELETE FROM bitacora WHERE id >= {primera_suya}")
    bd.execute_sql(f"DELETE FROM dependencia WHERE id >= {ultima.id}")
    assert bitacora.verificar() == [], "sin el sello, la cola quitada no se nota"
    problemas = sello_bitacora.verificar_sello(sello)
    descripciones = " | ".join(p.descripcion for p in problemas)
    assert "falta la entrada del sello" in descripciones and "se borraron filas" in descripciones


def test_un_sello_alterado_no_sirve(con_entradas):
    sello = sello_bitacora.sellar()
    sello["posicion"] = 1
    problemas = sello_bitacora.verificar_sello(sello)
    assert len(problemas) == 1 and "no es auténtico" in problemas[0].descripcion


def test_migracion_0013_en_una_base_anterior(bd, con_entradas):
    """Una base con entradas sin HMAC (de antes de 0013) queda íntegra: la 0013 agrega una autenticada."""
    import importlib.util

    from app.rutas import carpeta_migraciones

    bd.execute_sql("UPDATE bitacora SET mac = ''")
    ruta = carpeta_migraciones() / "0013_bitacora_autenticada.py"
    especificacion = importlib.util.spec_from_file_location("migracion_0013", ruta)
    modulo = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(modulo)

    class _SinColumna:
        """La columna ya existe en esta base: solo se corre la parte de datos."""

        def migrate(self, *operaciones):
            return None

        def add_column(self, *args, **kwargs):
            return None

    with base_datos.transaccion():
        modulo.up(_SinColumna(), bd)
    assert bitacora.verificar() == []
    _crear_dependencias(con_entradas, 1)
    assert bitacora.verificar() == []


def _dti(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=120)


def test_consola_sello_y_verificacion(bd, url_bd, con_entradas, tmp_path):
    ruta = tmp_path / "sello.json"
    base_datos.cerrar()
    salida = _dti("bitacora", "sello", "--db", url_bd, "--salida", str(ruta))
    assert salida.returncode == 0, salida.stderr
    assert str(ruta) in salida.stdout and json.loads(ruta.read_text(encoding="utf-8"))["mac"]
    salida = _dti("verificar-bitacora", "--db", url_bd, "--sello", str(ruta))
    assert salida.returncode == 0, salida.stderr
    assert salida.stdout.startswith("Bitácora íntegra") and "coincide con el sello" in salida.stdout
    base_datos.conectar(url_bd)
    ultima = Bitacora.select(Bitacora.id).order_by(Bitacora.id.desc()).limit(1).scalar()
    bd.execute_sql(f"DELETE FROM bitacora WHERE id = {ultima}")
    base_datos.cerrar()
    salida = _dti("verificar-bitacora", "--db", url_bd, "--sello", str(ruta))
    assert salida.returncode == 1 and "falta la entrada del sello" in salida.stderr
    ruta.write_text("{no es json", encoding="utf-8")
    salida = _dti("verificar-bitacora", "--db", url_bd, "--sello", str(ruta))
    assert salida.returncode == 2 and "No se pudo leer el sello" in salida.stderr
    base_datos.conectar(url_bd)
