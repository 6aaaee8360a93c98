"""Datos mínimos para probar el procedimiento 20 sin la demostración completa."""
from __future__ import annotations

import datetime as dt

import pytest

from app.modelos import Dependencia, Oficio
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.internet import politicas, solicitudes
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.tiempo import hoy_mexico
from tests.conftest import usuario

DEPENDENCIAS = [("Dirección de Tecnologías de la Información", "DTI"), ("Dirección de Comunicación Social", "DCS"),
                ("Secretaría General del Ayuntamiento", "SGA"), ("Registro Civil", "RC")]
SERVIDORES = [
    ("Miguel Ángel Mendoza López", "Director de Tecnologías de la Información", "DTI"),
    ("Isaías Soto López", "Jefe del Departamento de Red de Transporte", "DTI"),
    ("Karla Jiménez Ortega", "Asistente de soporte técnico", "DTI"),
    ("Juan González Rodríguez", "Coordinador de área", "DCS"),
    ("Daniela Aguilar Romero", "Directora de Comunicación Social", "DCS"),
    ("Alejandro Romero Vázquez", "Secretario General del Ayuntamiento", "SGA"),
    ("Claudia Pérez Mendoza", "Secretaria", "RC"),
]
USUARIOS = [("director", permisos.DIRECTOR, "Miguel Ángel Mendoza López"),
            ("redes", permisos.JEFE_REDES, "Isaías Soto López"),
            ("asistente", permisos.ASISTENTE, "Karla Jiménez Ortega"),
            ("soporte", permisos.JEFE_SOPORTE, "Miguel Ángel Mendoza López"),
            ("consulta", permisos.CONSULTA, "Karla Jiménez Ortega")]
CATEGORIAS = ["Redes sociales", "Streaming de video y música", "Juegos en línea", "Apuestas",
              "Contenido para adultos", "Descargas P2P"]
SIN_EXCEPCION = ["Apuestas", "Contenido para adultos", "Descargas P2P"]
FIREWALL = "FortiGate 100F del site de Palacio Municipal"


def cargar_base() -> None:
    sistema = usuarios.usuario_sistema()
    deps = {s: catalogos.guardar_dependencia(sistema, n, s) for n, s in DEPENDENCIAS}
    servs = {n: catalogos.guardar_servidor(sistema, n, c, deps[s]) for n, c, s in SERVIDORES}
    catalogos.guardar_institucion(sistema, titular_dti=servs["Miguel Ángel Mendoza López"])
    for clave, rol, servidor in USUARIOS:
        usuarios.crear_usuario(sistema, clave, f"{servidor} ({clave})", rol, f"{clave.capitalize()}2026x!",
                               servs[servidor])


@pytest.fixture
def base(bd):
    cargar_base()
    return bd


def dependencia(siglas: str) -> Dependencia:
    return Dependencia.get(Dependencia.siglas == siglas)


def politica(**datos):
    valores = dict(categorias=CATEGORIAS, sin_excepcion=SIN_EXCEPCION, firewall=FIREWALL,
                   descripcion="Versión de prueba")
    valores.update(datos)
    return politicas.nueva_version(usuario("redes"), **valores)


def oficio(numero: str = "DCS/0188/2026", siglas: str = "DCS", firmante: str = "Daniela Aguilar Romero",
           cargo: str = "Directora de Comunicación Social", **datos) -> Oficio:
    valores = dict(numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=1),
                   procedencia=dependencia(siglas), solicitante_nombre=firmante, solicitante_cargo=cargo,
                   firmado=True, descripcion="Solicita el desbloqueo de un sitio web.")
    valores.update(datos)
    return oficios.registrar_oficio_entrante(usuario("asistente"), **valores)


def solicitud(sitio: str = "https://www.facebook.com/AyuntamientoTexmelucan", **datos):
    entrada = datos.pop("oficio", None) or oficio(**datos)
    return solicitudes.registrar_solicitud(usuario("asistente"), oficio=entrada, sitio=sitio,
                                           motivo="Administrar la página oficial del Ayuntamiento.")
