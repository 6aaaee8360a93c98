"""Bitácora (issue 17, punto 1): borrados con SQL, folios que faltan o sobran, contadores
auditados y marcas de tiempo con microsegundos, en SQLite y en PostgreSQL."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

from app import base_datos
from app.modelos import Bien, Bitacora, ContadorFolio, Dependencia, ModeloBase, Oficio
from app.modelos.base import valor_instantanea
from app.servicios.nucleo import bitacora, folios


def _sin_referencias(modelo: type[ModeloBase], condicion=None) -> ModeloBase:
    """Un registro de ``modelo`` al que ningún otro apunta (se puede borrar con SQL sin violar llaves)."""
    usados: set[int] = set()
    for campo in modelo._meta.backrefs:
        usados |= {i for (i,) in campo.model.select(campo).where(campo.is_null(False)).tuples()}
    consulta = modelo.select().where(modelo.id.not_in(usados) if usados else True)
    if condicion is not None:
        consulta = consulta.where(condicion)
    return consulta.order_by(modelo.id).first()


def _pares(problemas) -> set[tuple[str, int]]:
    return {(p.tabla, p.registro_id) for p in problemas}


def _de(problemas, tabla: str, registro_id: int) -> list[str]:
    return [p.descripcion for p in problemas if (p.tabla, p.registro_id) == (tabla, registro_id)]


def test_demo_integra_y_contadores_auditados(demo):
    assert bitacora.verificar() == []
    contadores = list(ContadorFolio.select())
    assert contadores
    anotados = {i for (i,) in Bitacora.select(Bitacora.registro_id)
                .where(Bitacora.tabla == "contador_folio").tuples()}
    assert {c.id for c in contadores} <= anotados


def test_borrar_un_oficio_con_sql(demo):
    oficio = _sin_referencias(Oficio, Oficio.consecutivo.is_null(False))
    contador = ContadorFolio.get((ContadorFolio.serie == "oficio") & (ContadorFolio.anio == oficio.anio))
    demo.execute_sql(f"DELETE FROM oficio WHERE id = {oficio.id}")
    problemas = bitacora.verificar()
    falta = _de(problemas, "oficio", oficio.id)
    assert falta and "falta el registro" in falta[0] and "no está en la tabla oficio" in falta[0]
    hueco = _de(problemas, "contador_folio", contador.id)
    assert hueco and f"n.º {oficio.consecutivo}" in hueco[0] and "«oficio»" in hueco[0]
    assert str(problemas[0]).startswith(("oficio #", "contador_folio #"))


def test_borrar_un_bien_con_sql(demo):
    bien = _sin_referencias(Bien)
    demo.execute_sql(f"DELETE FROM bien WHERE id = {bien.id}")
    problemas = bitacora.verificar()
    assert _pares(problemas) == {("bien", bien.id)}
    assert "falta el registro" in problemas[0].descripcion


def test_borrar_el_contador_de_folios(demo):
    contador = ContadorFolio.get(ContadorFolio.serie == "oficio")
    demo.execute_sql(f"DELETE FROM contador_folio WHERE id = {contador.id}")
    problemas = bitacora.verificar()
    assert any("falta el registro" in d for d in _de(problemas, "contador_folio", contador.id))
    assert any(p.tabla == "oficio" and "falta el contador de folios" in p.descripcion for p in problemas)


def test_bajar_el_contador_deja_un_folio_de_sobra(demo):
    contador = ContadorFolio.get(ContadorFolio.serie == "oficio")
    demo.execute_sql(f"UPDATE contador_folio SET ultimo = ultimo - 1 WHERE id = {contador.id}")
    problemas = bitacora.verificar()
    assert any("ultimo" in d for d in _de(problemas, "contador_folio", contador.id))
    ultimo = Oficio.get((Oficio.anio == contador.anio) & (Oficio.consecutivo == contador.ultimo))
    assert any("sobra" in d for d in _de(problemas, "oficio", ultimo.id))


def test_subir_el_contador_deja_un_hueco(demo):
    contador = ContadorFolio.get(ContadorFolio.serie == "tramite")
    demo.execute_sql(f"UPDATE contador_folio SET ultimo = ultimo + 2 WHERE id = {contador.id}")
    descripciones = _de(bitacora.verificar(), "contador_folio", contador.id)
    assert any("ultimo" in d for d in descripciones)
    assert any(f"faltan los folios n.º {contador.ultimo + 1} a {contador.ultimo + 2}" in d
               for d in descripciones)


def test_folio_repetido(demo):
    primero, segundo = (Oficio.select().where(Oficio.consecutivo.is_null(False))
                        .order_by(Oficio.anio, Oficio.consecutivo).limit(2))
    demo.execute_sql(f"UPDATE oficio SET consecutivo = {primero.consecutivo} WHERE id = {segundo.id}")
    problemas = bitacora.verificar()
    assert any("repite el folio" in d for d in _de(problemas, "oficio", segundo.id))
    assert any("falta el folio" in p.descripcion for p in problemas if p.tabla == "contador_folio")


def test_cambiar_solo_microsegundos(demo):
    oficio = Oficio.select().order_by(Oficio.id).first()
    Oficio.update(creado_en=oficio.creado_en.replace(microsecond=1)).where(Oficio.id == oficio.id).execute()
    problemas = bitacora.verificar()
    assert _pares(problemas) == {("oficio", oficio.id)}
    assert "creado_en" in problemas[0].descripcion


def test_microsegundos_iguales_en_ambos_motores(bd):
    """Una marca con microsegundos guardada por la aplicación vuelve con el mismo texto."""
    marca = dt.datetime(2026, 11, 18, 10, 30, 0, 123456)
    assert valor_instantanea(marca) == "2026-11-18 10:30:00.123456"
    assert valor_instantanea(marca.replace(microsecond=0)) == "2026-11-18 10:30:00"
    dependencia = Dependencia(nombre="Tesorería Municipal", siglas="TM", creado_en=marca, modificado_en=marca)
    bitacora.guardar(dependencia, "alta de dependencia")
    assert Dependencia.get_by_id(dependencia.id).modificado_en == marca
    assert bitacora.verificar() == []
    Dependencia.update(modificado_en=marca.replace(microsecond=123457)).where(
        Dependencia.id == dependencia.id).execute()
    assert _pares(bitacora.verificar()) == {("dependencia", dependencia.id)}


def test_el_contador_queda_en_la_bitacora(sistema):
    with base_datos.transaccion():
        numero = folios.siguiente_consecutivo(folios.SERIE_OFICIOS, 2026, sistema)
    contador = ContadorFolio.get(ContadorFolio.serie == folios.SERIE_OFICIOS)
    historia = bitacora.historial("contador_folio", contador.id)
    assert numero == 1 and historia[-1]["instantanea"]["ultimo"] == 1
    assert historia[-1]["usuario"] == sistema.nombre_usuario
    # Un folio reservado sin documento es un hueco en la serie de oficios.
    assert [(p.tabla, p.registro_id) for p in bitacora.verificar()] == [("contador_folio", contador.id)]


def test_series_continuas_coinciden_con_los_servicios():
    from app.servicios.dictamenes import dictamenes
    from app.servicios.mantenimiento import mantenimiento
    from app.servicios.mesa_ayuda import tickets

    assert set(bitacora.SERIES_CONTINUAS) == {folios.SERIE_OFICIOS, folios.SERIE_TRAMITES, tickets.SERIE_TICKETS,
                                              mantenimiento.SERIE, dictamenes.SERIE_DICTAMENES}
    assert bitacora._NUMERO_TRAMITE.match("DTI-T-0001/2026")


def test_rangos():
    assert bitacora._rangos([3]) == "3"
    assert bitacora._rangos([3, 5, 6, 7, 8, 11]) == "3, 5 a 8, 11"


def test_consola_reporta_el_borrado(demo, url_bd):
    oficio = _sin_referencias(Oficio, Oficio.consecutivo.is_null(False))
    demo.execute_sql(f"DELETE FROM oficio WHERE id = {oficio.id}")
    base_datos.cerrar()
    salida = subprocess.run([sys.executable, "-m", "app", "verificar-bitacora", "--db", url_bd],
                            capture_output=True, text=True, timeout=120)
    assert salida.returncode == 1
    assert f"oficio #{oficio.id}: falta el registro" in salida.stderr
    assert "Bitácora íntegra" not in salida.stdout
    base_datos.conectar(url_bd)



def test_migracion_0011_anota_los_contadores_anteriores(bd):
    """Una base anterior con contadores sin bitácora queda íntegra tras la migración 0011."""
    import importlib.util

    from app.rutas import carpeta_migraciones

    bd.execute_sql("INSERT INTO contador_folio (serie, anio, ultimo) VALUES ('inventario', 0, 7)")
    contador = ContadorFolio.get(ContadorFolio.serie == "inventario")
    assert any("no aparece en la bitácora" in d for d in _de(bitacora.verificar(), "contador_folio", contador.id))
    ruta = carpeta_migraciones() / "0011_contadores_de_folio_en_la_bitacora.py"
    especificacion = importlib.util.spec_from_file_location("migracion_0011", ruta)
    modulo = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(modulo)
    with base_datos.transaccion():
        modulo.up(None, bd)
        modulo.up(None, bd)     # una segunda vez no anota de nuevo
    # En una base de hoy (autenticada desde la 0013), lo que la 0011 anota con SQL no lleva HMAC: se
    # señala como agregado por fuera; en una base anterior, la 0013 corre después y lo cubre.
    bitacora.llave_bitacora()            # la llave de la instalación (la crea la primera escritura)
    problemas = bitacora.verificar()
    assert problemas and all("HMAC" in p.descripcion for p in problemas)
    assert not _de(problemas, "contador_folio", contador.id)
    assert len(bitacora.historial("contador_folio", contador.id)) == 1
