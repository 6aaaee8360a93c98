"""Bienes de prueba con datos que parecen reales (para exportación, etiquetas y resguardos)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.base_datos import transaccion
from app.modelos import Bien, Dependencia, Proveedor, ServidorPublico
from app.servicios.nucleo import bitacora
from app.servicios.inventario import tipos_bien
from app.servicios.nucleo.validacion import texto_busqueda

MARCAS = [("HP", "ProDesk 400 G9"), ("Dell", "OptiPlex 7010"), ("Lenovo", "ThinkCentre M70q"),
          ("Cisco", "Catalyst 1000-24T"), ("Epson", "EcoTank L6270"), ("Hikvision", "DS-2CD1043G2")]
TIPOS = ["Computadora", "Laptop", "Switch", "Impresora", "Cámara", "UPS"]


def crear_bienes(cantidad: int, dependencia: Dependencia | None = None,
                 resguardante: ServidorPublico | None = None, inicio: int = 1,
                 prefijo: str = "TXM-PRB-") -> list[Bien]:
    """Crea ``cantidad`` bienes con bitácora (sin pasar por el servicio de altas)."""
    tipos_bien.asegurar_predeterminados()
    proveedor = Proveedor.select().first()
    creados = []
    with transaccion():
        for i in range(inicio, inicio + cantidad):
            marca, modelo = MARCAS[i % len(MARCAS)]
            tipo = tipos_bien.por_nombre(TIPOS[i % len(TIPOS)])
            numero = f"{prefijo}{i:05d}"
            serie = f"MXL{i:07d}" if i % 5 else None
            descripcion = f"{tipo.nombre} {marca} {modelo} de {8 * (1 + i % 3)} GB"
            bien = Bien(
                numero_inventario=numero, tipo=tipo, descripcion=descripcion, marca=marca,
                modelo=modelo, serie=serie, color=["Negro", "Gris", "Blanco"][i % 3],
                fecha_adquisicion=dt.date(2022, 1 + i % 12, 1 + i % 28),
                fecha_fabricacion=dt.date(2021, 1 + i % 12, 1) if i % 2 else None,
                valor=Decimal(12000 + 137 * i) / 1 + Decimal("0.45"),
                cuenta_contable=tipo.cuenta_contable, proveedor=proveedor,
                resguardante=resguardante, dependencia=dependencia,
                edificio="Palacio Municipal", area=f"Oficina {i % 7 + 1}",
                caracteristicas_hardware="Intel Core i5, 8 GB RAM, SSD 256 GB" if i % 2 else "",
                observaciones="",
                busqueda=texto_busqueda(numero, serie, marca, modelo, descripcion,
                                        resguardante.nombre if resguardante else ""))
            bitacora.guardar(bien, "alta de bien (prueba)", None)
            creados.append(bien)
    return creados


def catalogo_minimo() -> dict:
    """Dos dependencias, tres servidores, un proveedor y la institución con titular de la DTI."""
    from app.servicios.catalogos import catalogos, usuarios

    sistema = usuarios.usuario_sistema()
    tesoreria = catalogos.guardar_dependencia(sistema, "Tesorería Municipal", "TM", "Palacio Municipal")
    dti = catalogos.guardar_dependencia(sistema, "Dirección de Tecnologías de la Información", "DTI")
    laura = catalogos.guardar_servidor(sistema, "Laura Hernández Sánchez", "Auxiliar contable", tesoreria)
    ricardo = catalogos.guardar_servidor(sistema, "Ricardo Flores Aguilar", "Director de Egresos", tesoreria)
    titular = catalogos.guardar_servidor(sistema, "Miguel Ángel Mendoza López",
                                         "Director de Tecnologías de la Información", dti)
    proveedor = catalogos.guardar_proveedor(sistema, "CTO021007DZ8", "Cómputo de Texmelucan S.A. de C.V.")
    catalogos.institucion()
    catalogos.guardar_institucion(sistema, titular_dti=titular, tesorero=ricardo)
    return {"tesoreria": tesoreria, "dti": dti, "laura": laura, "ricardo": ricardo,
            "titular": titular, "proveedor": proveedor}
