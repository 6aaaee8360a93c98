"""Datos comunes de las pruebas de dictámenes y licencias: bienes del inventario mínimos."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.base_datos import transaccion
from app.modelos import Bien, TipoBien
from app.servicios.nucleo import bitacora
from app.servicios.nucleo.validacion import texto_busqueda
from tests.conftest import hace_dias


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


def dictamen_emitido(bien: Bien, resultado: str = "no_apto", numero_oficio: str = "DE/0777/2026"):
    """Dictamen técnico emitido por Soporte para ``bien`` (requiere los datos de demostración).

    Un «no apto para operar» abre al emitirse la baja del bien en el inventario.
    """
    from app.servicios.catalogos import catalogos, usuarios
    from app.servicios.dictamenes import dictamenes
    from app.servicios.inventario import baja_por_dictamen
    from app.servicios.oficios import oficios

    soporte = usuarios.obtener("soporte")
    oficio = oficios.registrar_oficio_entrante(
        usuarios.obtener("asistente"), numero_oficio=numero_oficio, fecha_documento=hace_dias(2),
        procedencia=catalogos.dependencia_por_nombre("Dirección de Egresos"),
        solicitante_nombre="Ricardo Flores Aguilar", solicitante_cargo="Director de Egresos", firmado=True,
        descripcion="Solicita dictamen técnico del equipo, que no arranca.")
    dictamen = dictamenes.registrar_solicitud(soporte, bien=bien, oficio=oficio)
    dictamen = dictamenes.recibir_equipo(soporte, dictamen, dictamen.version, entregado_por="Luis Pérez")
    dictamen = dictamenes.capturar_evaluacion(
        soporte, dictamen, dictamen.version, pruebas="Prueba de encendido: no arranca; falla la tarjeta madre.",
        resultado=resultado, posible_solucion="Cambiar la fuente." if resultado == "reparable" else "",
        conclusion="", fecha_fabricacion=dictamen.fecha_fabricacion, marca=dictamen.marca, modelo=dictamen.modelo,
        caracteristicas_hardware=dictamen.caracteristicas_hardware,
        caracteristicas_software=dictamen.caracteristicas_software)
    return baja_por_dictamen.emitir_dictamen(soporte, dictamen, dictamen.version)
