"""PostgreSQL: dos PC que escriben registros distintos no se esperan (issue 19, punto 5).

Nada toma un candado al empezar la transacción: solo se serializan la cabeza de la cadena de la
bitácora (un instante, justo antes del COMMIT) y la fila del contador del folio de la serie que
se usa. Cada prueba deja una transacción abierta a media escritura en un hilo (su propia
conexión) y comprueba que otra conexión escribe, lee y confirma sin esperarla; después la
primera confirma y la bitácora queda íntegra. No mide tiempos: la segunda corre con
``lock_timeout`` y falla si tuviera que esperar.
"""
from __future__ import annotations

import threading

import pytest

from app import base_datos
from app.base_datos import bd, transaccion
from app.modelos import Bitacora, ContadorFolio, Dependencia
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import bitacora, folios

# Series sin documentos (las de oficios o trámites exigen su documento por cada número).
SERIE, OTRA_SERIE = "prueba concurrente", "otra serie"
ESPERA_MAXIMA = "3s"     # si la segunda conexión tuviera que esperar, falla con lock_timeout


class Mitad(threading.Thread):
    """Un hilo (su conexión) que abre una transacción, hace ``trabajo`` y se queda a media escritura."""

    def __init__(self, trabajo):
        super().__init__(daemon=True)
        self.trabajo = trabajo
        self.dentro = threading.Event()
        self.soltar = threading.Event()
        self.error: BaseException | None = None
        self.resultado = None

    def run(self) -> None:
        try:
            with transaccion():
                self.resultado = self.trabajo()
                self.dentro.set()
                if not self.soltar.wait(60):
                    raise TimeoutError("nadie soltó la transacción")
        except BaseException as exc:  # noqa: BLE001 - se revisa en la prueba
            self.error = exc
            self.dentro.set()
        finally:
            bd.close()

    def terminar(self) -> None:
        self.soltar.set()
        self.join(60)
        assert not self.is_alive()
        if self.error is not None:
            raise self.error


def _en_otra_conexion(trabajo):
    """Corre ``trabajo`` en otro hilo (otra conexión) con ``lock_timeout``: no debe esperar a nadie."""
    salida: dict = {}

    def correr() -> None:
        try:
            bd.execute_sql(f"SET lock_timeout = '{ESPERA_MAXIMA}'")
            salida["valor"] = trabajo()
        except BaseException as exc:  # noqa: BLE001
            salida["error"] = exc
        finally:
            bd.close()

    hilo = threading.Thread(target=correr, daemon=True)
    hilo.start()
    hilo.join(60)
    assert not hilo.is_alive(), "la otra conexión se quedó esperando"
    if "error" in salida:
        raise salida["error"]
    return salida.get("valor")


@pytest.fixture
def pg(url_pg):
    base = base_datos.conectar(url_pg)
    usuarios.usuario_sistema()
    yield base
    base_datos.cerrar()


def test_dos_registros_distintos_no_se_esperan(pg):
    """Una PC guarda una dependencia y se queda con la transacción abierta; la otra guarda otra
    (con su entrada de bitácora), la lee y termina; luego la primera confirma: cadena íntegra."""
    sistema = usuarios.usuario_sistema()
    primera = Mitad(lambda: catalogos.guardar_dependencia(sistema, "Dirección de Catastro", "DC"))
    primera.start()
    assert primera.dentro.wait(30) and primera.error is None

    def segunda():
        with transaccion():
            dep = catalogos.guardar_dependencia(sistema, "Registro Civil", "RC")
        # Las lecturas no esperan: la tabla y la bitácora se leen con la otra transacción abierta.
        return dep.id, Dependencia.select().count(), Bitacora.select().where(Bitacora.registro_id == dep.id).count()

    dep_id, dependencias, entradas = _en_otra_conexion(segunda)
    assert dependencias == 1 and entradas >= 1, "la segunda no vio lo suyo confirmado"
    primera.terminar()
    assert {d.siglas for d in Dependencia.select()} == {"DC", "RC"}
    assert bitacora.verificar() == []
    # La entrada de la que confirmó después va después en la cadena.
    ultima = Bitacora.select().order_by(Bitacora.id.desc()).first()
    assert ultima.tabla == "dependencia" and ultima.registro_id == primera.resultado.id != dep_id


def test_folio_de_otra_serie_no_espera_y_el_de_la_misma_si(pg):
    """A media transacción con el folio 1 de una serie: otra PC toma un folio de otra serie sin esperar;
    uno de la misma serie sí espera a que la primera confirme (y le toca el 2: sin huecos ni repetidos)."""
    primera = Mitad(lambda: folios.siguiente_consecutivo(SERIE, 2026))
    primera.start()
    assert primera.dentro.wait(30) and primera.error is None
    assert primera.resultado == 1

    def otra_serie():
        with transaccion():
            return folios.siguiente_consecutivo(OTRA_SERIE, 2026)

    assert _en_otra_conexion(otra_serie) == 1

    def misma_serie():
        with transaccion():
            return folios.siguiente_consecutivo(SERIE, 2026)

    from peewee import OperationalError

    with pytest.raises(OperationalError, match="lock timeout|canceling statement"):
        _en_otra_conexion(misma_serie)
    primera.terminar()
    assert _en_otra_conexion(misma_serie) == 2
    assert folios.ultimo_consecutivo(SERIE, 2026) == 2
    assert bitacora.verificar() == []


def test_la_cadena_solo_se_toma_al_final(pg):
    """Con la entrada de bitácora ya anotada (pendiente) y la transacción abierta, otra PC escribe y
    confirma la suya; la pendiente se encadena después, al confirmar."""
    sistema = usuarios.usuario_sistema()

    def anotar():
        dep = catalogos.guardar_dependencia(sistema, "Contraloría Municipal", "CM")
        return dep, len(base_datos._estado.diferidas)

    primera = Mitad(anotar)
    primera.start()
    assert primera.dentro.wait(30) and primera.error is None
    assert primera.resultado[1] >= 1, "la entrada debería estar pendiente hasta el COMMIT"
    antes = Bitacora.select().count()

    def segunda():
        with transaccion():
            catalogos.guardar_dependencia(sistema, "Tesorería Municipal", "TM")
        return Bitacora.select().count()

    assert _en_otra_conexion(segunda) > antes
    primera.terminar()
    assert bitacora.verificar() == []


def test_folios_a_la_vez_en_hilos_sin_huecos_ni_repetidos(pg):
    """Cuatro conexiones toman 20 folios cada una a la vez: 1…80, y la bitácora íntegra."""
    numeros: list[int] = []
    candado = threading.Lock()
    errores: list[BaseException] = []
    barrera = threading.Barrier(4)

    def tomar() -> None:
        try:
            barrera.wait(30)
            for _ in range(20):
                with transaccion():
                    numero = folios.siguiente_consecutivo(SERIE, 2026)
                with candado:
                    numeros.append(numero)
        except BaseException as exc:  # noqa: BLE001
            errores.append(exc)
        finally:
            bd.close()

    hilos = [threading.Thread(target=tomar) for _ in range(4)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(120)
    assert not errores, errores
    assert sorted(numeros) == list(range(1, 81))
    assert ContadorFolio.get(ContadorFolio.serie == SERIE).ultimo == 80
    assert bitacora.verificar() == []


def test_un_punto_de_guardado_deshecho_quita_sus_entradas_pendientes(pg):
    """Las entradas pendientes de un punto de guardado que se deshace no se escriben."""
    sistema = usuarios.usuario_sistema()
    with transaccion():
        catalogos.guardar_dependencia(sistema, "Sindicatura Municipal", "SM")
        with pytest.raises(RuntimeError):
            with transaccion():
                catalogos.guardar_dependencia(sistema, "Unidad de Transparencia", "UT")
                raise RuntimeError("se deshace")
    assert [d.siglas for d in Dependencia.select()] == ["SM"]
    assert bitacora.verificar() == []
