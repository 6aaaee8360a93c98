"""Tipos de bien TIC: predeterminados CONAC, configuración y valor en libros."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.modelos import Bitacora, TipoBien
from app.servicios.inventario import tipos_bien
from app.errores import ErrorNoEncontrado, ErrorPermiso, ErrorValidacion
from tests.conftest import usuario


def test_predeterminados_conac_idempotentes(bd):
    tipos_bien.asegurar_predeterminados()
    cuantos = TipoBien.select().count()
    altas = Bitacora.select().where(Bitacora.tabla == "tipo_bien").count()
    assert cuantos == altas == len(tipos_bien.PREDETERMINADOS)
    tipos_bien.asegurar_predeterminados()
    assert TipoBien.select().count() == cuantos
    computo = tipos_bien.por_nombre("COMPUTADORA")
    assert (computo.cuenta_contable, computo.vida_util_anios) == ("1.2.4.1.3", 3)
    switch = tipos_bien.por_nombre("switch")
    assert (switch.cuenta_contable, switch.vida_util_anios) == ("1.2.4.6.5", 10)
    assert tipos_bien.por_nombre("telefono ip").nombre == "Teléfono IP"
    assert tipos_bien.por_nombre("  Escaner ").nombre == "Escáner"
    for nombre in ("Laptop", "Impresora", "Cámara", "Servidor", "UPS", "Proyector", "Router",
                   "Access point", "Monitor", "No-break"):
        assert tipos_bien.por_nombre(nombre).cuenta_contable.startswith("1.2.4.")
    with pytest.raises(ErrorNoEncontrado):
        tipos_bien.por_nombre("Refrigerador")


def test_guardar_tipo_valida_y_detecta_conflicto(bd):
    tipos_bien.asegurar_predeterminados()
    from app.demo import carga as demo
    demo.cargar_demo()
    director = usuario("director")
    nuevo = tipos_bien.guardar_tipo(director, "Kiosco digital", "1.2.4.1.3", "5")
    assert nuevo.vida_util_anios == 5
    with pytest.raises(ErrorValidacion) as error:
        tipos_bien.guardar_tipo(director, "kiosco DIGITAL", "1.2.4", 0)
    assert set(error.value.campos()) == {"nombre", "cuenta_contable", "vida_util_anios"}
    with pytest.raises(ErrorPermiso):
        tipos_bien.guardar_tipo(usuario("consulta"), "Otro", "1.2.4.1.3", 3)
    computo = tipos_bien.por_nombre("Computadora")
    leida = computo.version
    tipos_bien.guardar_tipo(director, "Computadora", "1.2.4.1.3", 4, tipo=computo, version=leida)
    assert TipoBien.get_by_id(computo.id).vida_util_anios == 4
    from app.errores import ErrorConflicto
    with pytest.raises(ErrorConflicto):
        tipos_bien.guardar_tipo(director, "Computadora", "1.2.4.1.3", 5,
                                tipo=TipoBien.get_by_id(computo.id), version=leida)
    assert [t.nombre for t in tipos_bien.tipos()][:2] == ["Access point", "Almacenamiento (NAS/disco externo)"]


@pytest.mark.parametrize("fecha, al, esperado", [
    (dt.date(2024, 1, 15), dt.date(2024, 1, 15), "36000.00"),     # el mismo día
    (dt.date(2024, 1, 15), dt.date(2024, 2, 14), "36000.00"),     # aún no cumple el mes
    (dt.date(2024, 1, 15), dt.date(2024, 2, 15), "35000.00"),     # un mes completo
    (dt.date(2024, 1, 31), dt.date(2024, 2, 29), "35000.00"),     # fin de mes bisiesto
    (dt.date(2024, 1, 15), dt.date(2025, 7, 15), "18000.00"),     # 18 de 36 meses
    (dt.date(2024, 1, 15), dt.date(2027, 1, 15), "0.00"),         # vida agotada
    (dt.date(2024, 1, 15), dt.date(2035, 1, 1), "0.00"),          # nunca negativo
    (dt.date(2024, 1, 15), dt.date(2023, 1, 1), "36000.00"),      # antes de comprarlo
    (None, dt.date(2030, 1, 1), "36000.00"),                      # sin fecha: no se deprecia
])
def test_valor_en_libros_linea_recta_por_meses(fecha, al, esperado):
    resultado = tipos_bien.valor_en_libros(Decimal("36000"), fecha, 3, al)
    assert resultado == Decimal(esperado)
    assert str(resultado) == esperado


def test_valor_en_libros_redondea_a_centavos():
    # 10,000 / 120 meses × 7 = 583.333… → 583.33; libros 9,416.67
    assert tipos_bien.valor_en_libros(Decimal("10000.00"), dt.date(2025, 1, 1), 10,
                                      dt.date(2025, 8, 1)) == Decimal("9416.67")
    with pytest.raises(ValueError):
        tipos_bien.valor_en_libros(Decimal("NaN"), dt.date(2025, 1, 1), 3, dt.date(2026, 1, 1))


def test_base_nueva_recibe_los_tipos_la_primera_vez(bd):
    assert TipoBien.select().count() == 0
    assert len(tipos_bien.tipos()) == len(tipos_bien.PREDETERMINADOS)
    assert tipos_bien.por_nombre("laptop").cuenta_contable == "1.2.4.1.3"
