"""Demostración del procedimiento 5: planes de respaldo de varias dependencias, algunos vencidos,
sus ejecuciones (con SHA-256), una recuperación verificada y entregas en disco externo con acuse."""
from __future__ import annotations

import datetime as dt
import hashlib

from app.modelos import Oficio, ServidorPublico, Usuario
from app.modelos.respaldos import (DIARIA, EXITOSO, FALLIDO, MENSUAL, QUINCENAL, SEMANAL, UNICA, EjecucionRespaldo,
                                   PlanRespaldo)
from app.servicios.catalogos import catalogos
from app.servicios.oficios import oficios
from app.servicios.respaldos import entregas, oficios_plan, planes, recuperaciones
from app.tiempo import hoy_mexico, reloj_fijo

NAS = "NAS Synology DS920+ de la DTI"
TITULARES = (
    ("Martha Elena Cruz Solís", "Directora de Ingresos", "DI", "ingresos@texmelucan.gob.mx", "207"),
    ("Rosa María Aguilar Tlapa", "Jueza del Registro Civil", "RC", "registro.civil@texmelucan.gob.mx", "120"),
)

# (clave, dependencia, titular, oficio, información, sistema, periodicidad, días atrás del alta,
#  días atrás de cada respaldo exitoso, medio, tamaño aproximado en MB)
PLANES = (
    ("contabilidad", "TM", "José Javier Gregorio Pérez Hernández", "TM/0921/2026",
     "Base de datos de la contabilidad gubernamental", "SACG.Net en el servidor de Tesorería", DIARIA, 40,
     (8, 7, 6, 5, 4), NAS, 2_350),
    ("nomina", "TM", "José Javier Gregorio Pérez Hernández", "TM/0934/2026",
     "Nómina quincenal y timbrado de recibos", "CONTPAQi Nóminas", QUINCENAL, 45, (40, 25, 10), NAS, 860),
    ("actas", "RC", "Rosa María Aguilar Tlapa", "RC/0311/2026", "Actas digitalizadas del Registro Civil",
     "Escáner y carpeta compartida de la oficialía", SEMANAL, 50, (42, 35, 28), "Disco externo de 2 TB", 41_200),
    ("predial", "DI", "Martha Elena Cruz Solís", "DI/0127/2026", "Padrón del impuesto predial y cortes de caja",
     "Sistema de cajas de cobro", DIARIA, 30, (5, 4, 3, 2, 1), NAS, 1_120),
    ("cartografia", "DC", "Sofía Navarro Peña", "DC/0041/2026", "Cartografía digital del padrón catastral",
     "QGIS y base PostGIS de Catastro", MENSUAL, 70, (68, 38), "Disco externo de 4 TB", 96_500),
)


def _en(dias: int, hora: int, minuto: int = 0) -> dt.datetime:
    return dt.datetime.combine(hoy_mexico() - dt.timedelta(days=dias), dt.time(hora, minuto))


def _suma(texto: str) -> str:
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def _oficio(asistente: Usuario, deps, titular: ServidorPublico, numero: str, sigla: str, descripcion: str) -> Oficio:
    return oficios.registrar_oficio_entrante(
        asistente, numero_oficio=numero, fecha_documento=hoy_mexico(), procedencia=deps[sigla],
        solicitante_nombre=titular.nombre, solicitante_cargo=titular.cargo, firmado=True, descripcion=descripcion)


def cargar(cuentas: dict[str, Usuario], deps, servs) -> dict[str, int]:
    """Carga los planes, ejecuciones, la recuperación y las entregas; devuelve cuántos creó."""
    soporte, asistente, director = cuentas["soporte"], cuentas["asistente"], cuentas["director"]
    titulares = dict(servs)
    for nombre, cargo, sigla, correo, extension in TITULARES:
        titulares[nombre] = (ServidorPublico.get_or_none(ServidorPublico.nombre == nombre)
                             or catalogos.guardar_servidor(soporte, nombre, cargo, deps[sigla], correo, extension))
    creados: dict[str, PlanRespaldo] = {}
    ejecuciones = 0
    for clave, sigla, titular, numero, info, sistema, period, alta, respaldos, medio, megas in PLANES:
        with reloj_fijo(_en(alta, 9, 15)):
            oficio = _oficio(asistente, deps, titulares[titular], numero, sigla,
                             f"Solicita el respaldo {period if period != DIARIA else 'diario'} de: {info}.")
            plan = planes.registrar_plan(soporte, dependencia=deps[sigla], informacion=info,
                                         propietario=titulares[titular], oficio=oficio, periodicidad=period,
                                         inicio=hoy_mexico() + dt.timedelta(days=2), sistema=sistema, medio=medio,
                                         ubicacion=f"{medio}: \\\\respaldos\\{sigla}\\{clave}")
        creados[clave] = plan
        for i, dias in enumerate(respaldos):
            with reloj_fijo(_en(dias, 21, 10)):
                planes.registrar_ejecucion(
                    soporte, plan, medio=medio, ubicacion=f"{plan.ubicacion}\\{_en(dias, 0):%Y-%m-%d}",
                    resultado=EXITOSO, tamano_bytes=(megas + 7 * i) * 1024 * 1024,
                    sha256=_suma(f"{clave}-{dias}"))
            ejecuciones += 1
    # Un respaldo que falló: el disco externo del Registro Civil se llenó (el plan sigue vencido).
    with reloj_fijo(_en(21, 21, 30)):
        planes.registrar_ejecucion(soporte, creados["actas"], medio="Disco externo de 2 TB",
                                   ubicacion=creados["actas"].ubicacion, resultado=FALLIDO,
                                   notas="El disco externo se llenó al 97 %; se pidió uno de 4 TB.")
    ejecuciones += 1
    # El respaldo de la nómina se entregó a la Tesorería en disco externo, con acuse.
    ultima_nomina = creados["nomina"].ejecuciones.order_by(EjecucionRespaldo.realizado_en.desc()).first()
    with reloj_fijo(_en(9, 12, 0)):
        entrega = entregas.registrar_entrega(
            soporte, ejecucion=ultima_nomina, dispositivo="Disco externo Seagate Expansion 2 TB, serie NAB3K7QX",
            recibe=titulares["José Javier Gregorio Pérez Hernández"], acuse_en=_en(9, 12, 20),
            notas="Copia para auditoría de la ASF.")
        entregas.emitir_oficio_entrega(director, entrega)
    # Recuperación: Ingresos borró por error el corte de caja; se recupera del respaldo de antier.
    with reloj_fijo(_en(1, 10, 0)):
        pedido = _oficio(asistente, deps, titulares["Martha Elena Cruz Solís"], "DI/0139/2026", "DI",
                         "Solicita recuperar el corte de caja del día anterior, borrado por error en la caja 3.")
        recuperacion = recuperaciones.solicitar(soporte, oficio=pedido, plan=creados["predial"],
                                                informacion="Corte de caja de la caja 3 (archivo CORTE_C3.xlsx).")
    origen = creados["predial"].ejecuciones.order_by(EjecucionRespaldo.realizado_en.desc()).first()
    with reloj_fijo(_en(1, 12, 30)):
        recuperaciones.registrar_recuperacion(
            soporte, recuperacion, ejecucion=origen, restaurado="CORTE_C3.xlsx (48 KB) en la carpeta de la caja 3.",
            verificacion="El SHA-256 del respaldo coincidió y la cajera abrió el archivo con los 212 cobros del día.")
    with reloj_fijo(_en(1, 13, 0)):
        entregas.registrar_entrega(
            soporte, recuperacion=recuperaciones.obtener(recuperacion.id),
            dispositivo="Memoria USB Kingston DataTraveler 32 GB, serie KT-0921",
            recibe=titulares["Martha Elena Cruz Solís"], acuse_en=_en(1, 13, 5))
    with reloj_fijo(_en(38, 10, 0)):
        oficios_plan.emitir_oficio_plan(director, creados["contabilidad"])
    return {"planes_respaldo": len(creados), "ejecuciones_respaldo": ejecuciones, "recuperaciones": 1,
            "entregas_respaldo": 2}


def plan_de_oficio(soporte: Usuario, oficio: Oficio, propietario: ServidorPublico) -> PlanRespaldo:
    """El plan de «única vez» que pidió Catastro para la ventanilla 2 (queda por hacerse hoy)."""
    return planes.registrar_plan(soporte, dependencia=oficio.procedencia,
                                 informacion="Expedientes y hojas de cálculo de la ventanilla 2",
                                 propietario=propietario, oficio=oficio, periodicidad=UNICA,
                                 sistema="Equipo de cómputo de la ventanilla 2", medio="Disco externo de 1 TB",
                                 ubicacion="Disco externo de la DTI: \\\\respaldos\\DC\\ventanilla2")
