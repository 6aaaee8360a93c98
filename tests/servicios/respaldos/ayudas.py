"""Datos de prueba del procedimiento 5: oficios del titular y un plan nuevo sobre la demostración."""
from __future__ import annotations

import hashlib

from app.modelos import Dependencia, Oficio, ServidorPublico
from app.servicios.oficios import oficios
from app.servicios.respaldos import planes
from app.tiempo import hoy_mexico
from tests.conftest import usuario

SUMA = hashlib.sha256(b"respaldo de prueba").hexdigest()


def dependencia(siglas: str = "SOP") -> Dependencia:
    return Dependencia.get(Dependencia.siglas == siglas)


def titular(siglas: str = "SOP") -> ServidorPublico:
    """Un titular para la dependencia (Obras Públicas no tiene servidores en la demostración)."""
    dep = dependencia(siglas)
    existente = ServidorPublico.get_or_none(ServidorPublico.dependencia == dep)
    if existente is not None:
        return existente
    from app.servicios.catalogos import catalogos

    return catalogos.guardar_servidor(usuario("soporte"), "Ing. Ramiro Téllez Bonilla",
                                      "Secretario de Obras Públicas", dep, "obras@texmelucan.gob.mx", "330")


def oficio(numero: str = "SOP/0501/2026", siglas: str = "SOP", **datos) -> Oficio:
    persona = titular(siglas)
    valores = dict(numero_oficio=numero, fecha_documento=hoy_mexico(), procedencia=dependencia(siglas),
                   solicitante_nombre=persona.nombre, solicitante_cargo=persona.cargo, firmado=True,
                   descripcion="Solicita el respaldo semanal de los expedientes de obra.")
    valores.update(datos)
    return oficios.registrar_oficio_entrante(usuario("asistente"), **valores)


def plan(periodicidad: str = "semanal", **datos):
    valores = dict(dependencia=dependencia(), informacion="Expedientes técnicos de obra pública",
                   propietario=titular(), oficio=datos.pop("oficio", None) or oficio(), periodicidad=periodicidad,
                   inicio=hoy_mexico(), medio="NAS de la DTI", ubicacion="\\\\nas\\respaldos\\SOP")
    valores.update(datos)
    return planes.registrar_plan(usuario("soporte"), **valores)
