"""Datos comunes de las pruebas de dictámenes y licencias: bienes del inventario mínimos."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.base_datos import transaccion
from app.modelos import Bien, TipoBien
from app.servicios import bitacora
from app.servicios.validacion import texto_busqueda


def tipo_computadora() -> TipoBien:
    tipo = TipoBien.get_or_none(TipoBien.nombre == "Computadora de escritorio")
    if tipo is None:
        with transaccion():
            tipo = bitacora.guardar(TipoBien(nombre="Computadora de escritorio", cuenta_contable="1.2.4.1.3",
                                             vida_util_anios=3), "alta de tipo de bien")
    return tipo


def crear_bien(numero: str = "SMT-TIC-00123", **datos) -> Bien:
    """Un bien como lo dejaría el inventario (con bitácora)."""
    valores = dict(descripcion="Computadora de escritorio HP ProDesk 400 G4", marca="HP", modelo="ProDesk 400 G4",
                   serie=f"MXL{numero[-5:]}QX", fecha_fabricacion=dt.date(2017, 3, 15),
                   fecha_adquisicion=dt.date(2017, 6, 1), valor=Decimal("14850.00"),
                   caracteristicas_hardware="Intel Core i5-7500, 8 GB RAM DDR4, disco duro 1 TB",
                   caracteristicas_software="Windows 10 Pro, Microsoft Office 2016")
    valores.update(datos)
    bien = Bien(numero_inventario=numero, tipo=tipo_computadora(), **valores)
    bien.busqueda = texto_busqueda(numero, bien.serie, bien.marca, bien.modelo, bien.descripcion)
    with transaccion():
        return bitacora.guardar(bien, "alta de bien")
