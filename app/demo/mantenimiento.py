"""Datos de demostración de mantenimientos: equipos del municipio, planes preventivos y un
calendario con trabajos hechos (verificados, con ajustes) y por venir.

Lo ya hecho se registra con la hora en que ocurrió (``reloj_fijo``): así el trámite de cada
mantenimiento tiene los tiempos reales de sus pasos."""
from __future__ import annotations

import datetime as dt

from contextlib import AbstractContextManager

from app.modelos import Dependencia, Usuario, ahora
from app.servicios.nucleo import calendario_laboral
from app.servicios.mantenimiento import (avisos, mantenimiento as servicio,
                                         recurrencia, servidores)
from app.tiempo import hoy_mexico, reloj_fijo

# nombre, tipo, ubicación, siglas de las dependencias que lo usan, descripción
EQUIPOS = [
    ("SRV-BD-TESORERÍA", "servidor_datos", "Site de Tesorería, rack 1", ("TM", "DI"),
     "Servidor de base de datos (SQL Server 2019) de ingresos, egresos y catastro."),
    ("SRV-APLICACIONES", "servidor", "Site de Tesorería, rack 1", ("TM",),
     "Servidor de aplicaciones y carpetas compartidas (Windows Server 2022)."),
    ("SW-NÚCLEO-PALACIO", "switch", "Site del Palacio Municipal", ("PM", "SGA"),
     "Switch principal de 48 puertos de la red de datos del Palacio Municipal."),
    ("CONMUTADOR-PALACIO", "conmutador", "Site del Palacio Municipal", ("PM",),
     "Conmutador telefónico IP con 60 extensiones (222 a 225 de la DTI)."),
    ("NVR-SEGURIDAD", "video", "Complejo de Seguridad, C2", ("SSPTM",),
     "Grabador de video en red de 32 canales de videovigilancia."),
    ("ENLACE-PALACIO-TESORERÍA", "enlace", "Palacio Municipal – Edificio de Tesorería", ("TM",),
     "Enlace de fibra óptica entre el Palacio Municipal y el edificio de Tesorería."),
    ("SISTEMA DE IMPUESTO PREDIAL", "sistema", "Servidor SRV-APLICACIONES", ("DC",),
     "Cobro del impuesto predial y padrón catastral."),
    ("SISTEMA DE NÓMINA", "sistema", "Servidor SRV-APLICACIONES", ("RH",),
     "Cálculo y timbrado de la nómina quincenal."),
]


def cargar(cuentas: dict[str, Usuario], dependencias: dict[str, Dependencia]) -> dict[str, int]:
    """Carga equipos, planes y mantenimientos; devuelve cuántos creó de cada cosa."""
    director, soporte, sistemas = cuentas["director"], cuentas["soporte"], cuentas["sistemas"]
    hoy = hoy_mexico()
    dia = lambda n: hoy + dt.timedelta(days=n)  # noqa: E731
    a_las = lambda n, h, m=0: dt.datetime.combine(dia(n), dt.time(h, m))  # noqa: E731

    equipos = {nombre: servicio.guardar_dispositivo(director, nombre, tipo, ubicacion=ubicacion,
                                                    dependencias=[dependencias[s] for s in siglas],
                                                    descripcion=descripcion)
               for nombre, tipo, ubicacion, siglas, descripcion in EQUIPOS}

    planes = [
        servicio.guardar_plan(director, equipos["SW-NÚCLEO-PALACIO"], 3, recurrencia.MESES, dia(-80), "18:00",
                              duracion_min=120, actividades="Limpieza, revisión de puertos y respaldo de la "
                                                            "configuración del switch."),
        servicio.guardar_plan(director, equipos["NVR-SEGURIDAD"], 2, recurrencia.MESES, dia(-50), "17:00",
                              duracion_min=180, actividades="Revisión de discos, grabación de los 32 canales y "
                                                            "actualización de firmware."),
        servicio.guardar_plan(director, equipos["SRV-BD-TESORERÍA"], 1, recurrencia.MESES, dia(-27), "21:00",
                              duracion_min=180, actividades="Respaldo completo, actualizaciones acumulativas y "
                                                            "mantenimiento de índices."),
        servicio.guardar_plan(director, equipos["SRV-APLICACIONES"], 2, recurrencia.SEMANAS, dia(-13), "19:00",
                              duracion_min=90, actividades="Actualizaciones de Windows y revisión de espacio."),
        servicio.guardar_plan(director, equipos["CONMUTADOR-PALACIO"], 6, recurrencia.MESES, dia(12), "16:30",
                              duracion_min=120, actividades="Respaldo de la configuración y revisión de troncales."),
    ]
    tope = ahora()
    piso = dt.datetime(hoy.year, 1, 1)

    def en(momento: dt.datetime) -> AbstractContextManager[None]:
        """Registrar algo ya ocurrido con su hora: nunca después de ahora ni antes de que empezara el año
        (los folios de oficios y trámites de la demostración son todos del año en curso)."""
        return reloj_fijo(min(max(momento, piso), tope))

    # Los del pasado se programaron hace tres meses; los demás, hoy.
    with en(a_las(-91, 8)):
        preventivos = servicio.generar_preventivos(director, dia(-1), desde=dia(-90))
    preventivos += servicio.generar_preventivos(director, dia(75))

    # Lo ya hecho: avisado, realizado y verificado (uno con un ajuste de por medio).
    for m in [p for p in preventivos if p.inicio.date() < hoy]:
        if servicio.requiere_aviso(m):
            with en(dt.datetime.combine(m.inicio.date() - dt.timedelta(days=1), dt.time(10, 0))):
                avisos.emitir_avisos(director, m)
            m = servicio.obtener(m.id)
        with en(m.fin):
            m = servicio.registrar_realizacion(soporte, m, "Se realizó conforme al plan.")
        revision = m.fin + dt.timedelta(minutes=30)
        if m.dispositivo.nombre == "NVR-SEGURIDAD":
            with en(revision):
                m = servicio.registrar_verificacion(soporte, m, False, "El canal 12 no graba después del reinicio.")
            revision = dt.datetime.combine(m.fin.date() + dt.timedelta(days=1), dt.time(10, 0))
            with en(revision):
                m = servicio.registrar_ajustes(soporte, m,
                                               "Se reasignó el canal 12 y se revisó el cable de la cámara.")
            revision += dt.timedelta(hours=1)
        with en(revision):
            servicio.registrar_verificacion(soporte, m, True, "Sin fallas en la revisión posterior.")

    # Un correctivo ya concluido en el switch.
    with en(a_las(-9, 9, 15)):
        falla = servicio.programar(soporte, dispositivo=equipos["SW-NÚCLEO-PALACIO"], inicio=a_las(-9, 10),
                                   duracion_min=60, procedimiento=7, clase=servicio.CORRECTIVO,
                                   descripcion="Puerto 24 sin enlace: se cambió el transceptor SFP.")
    with en(a_las(-9, 11)):
        falla = servicio.registrar_realizacion(soporte, falla, "Se cambió el transceptor SFP del puerto 24.")
    with en(a_las(-9, 11, 20)):
        servicio.registrar_verificacion(soporte, falla, True, "El enlace al edificio de Tesorería está arriba.")

    # Por venir: un correctivo que desplaza al preventivo del NVR, avisos ya emitidos, y sistemas.
    proximo_nvr = min((p for p in preventivos if p.dispositivo.nombre == "NVR-SEGURIDAD" and p.inicio.date() >= hoy),
                      key=lambda p: p.inicio, default=None)
    if proximo_nvr is not None:
        servicio.programar(soporte, dispositivo=equipos["NVR-SEGURIDAD"],
                           inicio=dt.datetime.combine(proximo_nvr.inicio.date(), dt.time(9, 0)), duracion_min=120,
                           procedimiento=7, clase=servicio.CORRECTIVO,
                           descripcion="Fuente de poder del NVR con falla intermitente.")
    enlace = servicio.programar(soporte, dispositivo=equipos["ENLACE-PALACIO-TESORERÍA"], inicio=a_las(6, 18),
                                duracion_min=120, procedimiento=7, clase=servicio.PREVENTIVO,
                                descripcion="Medición de la fibra y limpieza de conectores.")
    avisos.emitir_avisos(director, enlace)
    habil = next(n for n in range(3, 20) if calendario_laboral.es_dia_habil(dia(n)))
    servicio.programar(director, dispositivo=equipos["SRV-BD-TESORERÍA"], inicio=a_las(habil, 12),
                       duracion_min=60,
                       procedimiento=8, clase=servicio.CORRECTIVO,
                       descripcion="Parche de seguridad urgente del motor de base de datos.",
                       autorizar_motivo="Vulnerabilidad crítica anunciada por el fabricante; la Tesorería "
                                        "aceptó una hora sin sistema al mediodía.")
    predial = servicio.programar(sistemas, dispositivo=equipos["SISTEMA DE IMPUESTO PREDIAL"], inicio=a_las(9, 9),
                                 duracion_min=240, procedimiento=12, clase=servicio.PREVENTIVO,
                                 descripcion="Actualización de tablas de valores catastrales 2027.",
                                 acordado_con="Sofía Navarro Peña, Directora de Catastro")
    avisos.emitir_avisos(sistemas, predial)
    servicio.programar(sistemas, dispositivo=equipos["SISTEMA DE NÓMINA"], inicio=a_las(16, 17), duracion_min=180,
                       procedimiento=12, clase=servicio.CORRECTIVO,
                       descripcion="Corrección del cálculo del ISR en aguinaldo.",
                       acordado_con="Gabriela Torres Medina, Directora de Recursos Humanos")
    servidores.documentar_cambio(soporte, equipos["SRV-APLICACIONES"],
                                 "Se amplió la unidad D: de 500 GB a 1 TB para las carpetas compartidas de Tesorería.")
    return {"equipos_mantenimiento": len(equipos), "planes_preventivos": len(planes),
            "mantenimientos": len(servicio.consultar(limite=100000))}
