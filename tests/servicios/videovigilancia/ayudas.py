"""Una base mínima para las pruebas de videovigilancia: institución, dependencias, usuarios y equipos."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.modelos import Dependencia, Oficio, Usuario
from app.modelos.videovigilancia import DVR, NVR, Camara, Grabador
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.servicios.videovigilancia import equipos
from app.tiempo import hoy_mexico


@dataclass
class Base:
    director: Usuario
    redes: Usuario
    asistente: Usuario
    consulta: Usuario
    sindicatura: Dependencia
    seguridad: Dependencia
    palacio: Grabador
    mercado: Grabador
    acceso: Camara
    nave: Camara


def crear_base() -> Base:
    sistema = usuarios.usuario_sistema()
    dti = catalogos.guardar_dependencia(sistema, "Dirección de Tecnologías de la Información", "DTI")
    sindicatura = catalogos.guardar_dependencia(sistema, "Sindicatura Municipal", "SM", "Palacio Municipal")
    seguridad = catalogos.guardar_dependencia(sistema, "Secretaría de Seguridad Pública y Tránsito Municipal", "SSPTM")
    titular = catalogos.guardar_servidor(sistema, "Miguel Ángel Mendoza López",
                                         "Director de Tecnologías de la Información", dti)
    jefe = catalogos.guardar_servidor(sistema, "Isaías Soto López", "Jefe del Departamento de Red de Transporte", dti)
    catalogos.guardar_institucion(sistema, titular_dti=titular)
    director = usuarios.crear_usuario(sistema, "director", "Miguel Ángel Mendoza López", permisos.DIRECTOR,
                                      "Director2026", titular)
    redes = usuarios.crear_usuario(sistema, "redes", "Isaías Soto López", permisos.JEFE_REDES, "Redes2026", jefe)
    asistente = usuarios.crear_usuario(sistema, "asistente", "Ana Ruiz", permisos.ASISTENTE, "Asistente2026")
    consulta = usuarios.crear_usuario(sistema, "consulta", "Pedro Gil", permisos.CONSULTA, "Consulta2026")
    palacio = equipos.guardar_grabador(director, nombre="NVR Palacio Municipal", tipo=NVR, dias_retencion=30,
                                       ubicacion="Palacio Municipal, site", canales=16)
    mercado = equipos.guardar_grabador(director, nombre="DVR Mercado Domingo Arenas", tipo=DVR, dias_retencion=15,
                                       ubicacion="Mercado Domingo Arenas", canales=8)
    acceso = equipos.guardar_camara(director, nombre="Palacio – Acceso principal", grabador=palacio, canal=1,
                                    ubicacion="Portal del Palacio Municipal")
    nave = equipos.guardar_camara(director, nombre="Mercado – Nave central", grabador=mercado, canal=1,
                                  ubicacion="Pasillo central del mercado")
    return Base(director, redes, asistente, consulta, sindicatura, seguridad, palacio, mercado, acceso, nave)


def oficio(base: Base, numero: str = "SM/0154/2026", dependencia: Dependencia | None = None) -> Oficio:
    dependencia = dependencia or base.sindicatura
    return oficios.registrar_oficio_entrante(
        base.asistente, numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=1), procedencia=dependencia,
        solicitante_nombre="Lic. Adriana Campos Meléndez", solicitante_cargo="Síndica Municipal", firmado=True,
        descripcion="Solicita ver la grabación del acceso principal por un incidente.")
