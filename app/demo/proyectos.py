"""Demostración de Proyectos (procedimientos 3, 11, 13, 15 y 18): al menos uno de cada procedimiento.

* Sistema de turnos de Ingresos (3): en la aprobación del diseño, versión 1 rechazada con su motivo y
  versión 2 por aprobar.
* Sistema de control de expedientes de Recursos Humanos (11): en desarrollo, con plan de trabajo y avance.
* Micrositio de Transparencia (13): entregado con memoria técnica, manual de usuario y oficio.
* Módulo de carga de padrones de Bienestar (15): beta en revisión.
* Nodo de red del DIF (18): en análisis; enlace de Seguridad Pública (18): entregado, firmado por el
  director con la autorización del Tesorero registrada.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.demo.datos_tramites import archivo_de_ejemplo
from app.modelos import Oficio, Tramite, Usuario, ahora
from app.modelos.proyectos import MANUAL_USUARIO, MEMORIA_TECNICA, Proyecto
from app.servicios.oficios import oficios
from app.servicios.proyectos import oficios_proyecto, proyectos
from app.tiempo import hoy_mexico

_SI = True


def _todos(procedimiento: int) -> dict[str, bool]:
    return {clave: _SI for clave, _ in proyectos.criterios_de(procedimiento)}


def _minuta(texto: str) -> tuple[str, bytes]:
    return "minuta.pdf", archivo_de_ejemplo("pdf", texto)


def _tareas(actor: Usuario, proyecto: Proyecto, lista: list[tuple[str, str, int, int, int]]) -> None:
    hoy = hoy_mexico()
    for nombre, responsable, desde, dias, avance in lista:
        inicio = hoy + dt.timedelta(days=desde)
        proyectos.guardar_tarea(actor, proyecto, nombre=nombre, responsable=responsable, inicio=inicio,
                                fin=inicio + dt.timedelta(days=dias), avance=avance)


def turnos_ingresos(sistemas: Usuario, oficio: Oficio) -> Tramite:
    """Procedimiento 3 en la aprobación del diseño (versión 1 rechazada, versión 2 por aprobar)."""
    p = proyectos.registrar(sistemas, procedimiento=3, nombre="Sistema de turnos para las cajas de Ingresos",
                            oficio=oficio, descripcion="Turnos con pantalla en la sala de espera y aviso por SMS.")
    proyectos.evaluar_viabilidad(sistemas, p, _todos(3), costo_estimado=Decimal("38500.00"),
                                 justificacion="Se puede hacer con el servidor de aplicaciones y dos pantallas "
                                               "nuevas; la Tesorería confirmó la partida.")
    _tareas(sistemas, p, [("Análisis de requerimientos", "Andrés Limón Illescas", -6, 4, 100),
                          ("Diseño de pantallas y flujo de turnos", "Andrés Limón Illescas", -2, 6, 40),
                          ("Desarrollo del módulo de turnos", "Equipo de sistemas", 5, 15, 0),
                          ("Instalación de pantallas y pruebas", "Isaías Soto López", 21, 5, 0)])
    proyectos.registrar_reunion(sistemas, p, fecha=ahora() - dt.timedelta(days=3), duracion_minutos=50,
                                asistentes="Martha Elena Cruz Solís (Ingresos)\nAndrés Limón Illescas (DTI)",
                                acuerdos="Se mostró el plan de trabajo. Ingresos pide turnos preferentes.",
                                minuta=_minuta("Minuta de la reunión del sistema de turnos"),
                                requerimientos=["Turnos preferentes para adultos mayores",
                                                "Aviso por SMS cuando falten tres turnos"])
    v1 = proyectos.proponer_version(sistemas, p, descripcion="Pantalla única con turno actual y tres siguientes.",
                                    archivo=("diseno_v1.pdf", archivo_de_ejemplo("pdf", "Diseño v1")))
    proyectos.resolver_version(sistemas, v1, aprobada=False, resuelto_por="Martha Elena Cruz Solís",
                               motivo="Falta distinguir los turnos preferentes y el número de caja.")
    proyectos.proponer_version(sistemas, p, descripcion="Pantalla con columna de turnos preferentes y caja asignada.",
                               archivo=("diseno_v2.pdf", archivo_de_ejemplo("pdf", "Diseño v2")))
    return Tramite.get_by_id(p.expediente_id)


def nodo_dif(redes: Usuario, oficio: Oficio) -> Tramite:
    """Procedimiento 18 recién registrado: el nodo de red del área de psicología del DIF."""
    p = proyectos.registrar(redes, procedimiento=18, nombre="Nodo de red en el área de psicología del DIF",
                            oficio=oficio)
    return Tramite.get_by_id(p.expediente_id)


def _oficio(asistente: Usuario, numero: str, dependencia, nombre: str, cargo: str, descripcion: str,
            dias: int) -> Oficio:
    return oficios.registrar_oficio_entrante(
        asistente, numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=dias),
        procedencia=dependencia, solicitante_nombre=nombre, solicitante_cargo=cargo, firmado=True,
        descripcion=descripcion)


def cargar(cuentas: dict[str, Usuario], deps, servs) -> dict[str, int]:
    """Los demás proyectos de la demostración (los de t6 y t7 los crea ``carga._oficios_y_tramites``)."""
    sistemas, redes, asistente = cuentas["sistemas"], cuentas["redes"], cuentas["asistente"]
    hoy = hoy_mexico()
    # 11: en desarrollo con plan de trabajo y avance.
    e = _oficio(asistente, "RH/0211/2026", deps["RH"], "Gabriela Torres Medina", "Directora de Recursos Humanos",
                "Solicita un sistema para el control de expedientes del personal.", 40)
    rh = proyectos.registrar(sistemas, procedimiento=11, nombre="Sistema de control de expedientes de personal",
                             oficio=e)
    proyectos.evaluar_viabilidad(sistemas, rh, _todos(11), justificacion="Funcionalidad acotada; se usa el "
                                 "servidor de aplicaciones y la red de Tesorería.")
    proyectos.agregar_requerimiento(sistemas, rh, "Alta, baja y consulta de expedientes digitalizados.")
    proyectos.revisar_requerimientos(sistemas, rh, False, "Faltan los tipos de documento de cada expediente.")
    proyectos.registrar_reunion(sistemas, rh, fecha=ahora() - dt.timedelta(days=30), duracion_minutos=45,
                                asistentes="Gabriela Torres Medina (RH)\nAndrés Limón Illescas (DTI)",
                                acuerdos="RH entrega el catálogo de 14 tipos de documento.",
                                minuta=_minuta("Minuta RH"), requerimientos=["Catálogo de 14 tipos de documento"])
    proyectos.revisar_requerimientos(sistemas, rh, True)
    _tareas(sistemas, rh, [("Modelo de datos", "Andrés Limón Illescas", -25, 5, 100),
                           ("Captura y digitalización", "Equipo de sistemas", -18, 14, 80),
                           ("Consultas e informes", "Equipo de sistemas", -3, 10, 30),
                           ("Pruebas con RH", "Andrés Limón Illescas", 8, 5, 0)])
    proyectos.presentar_plan(sistemas, rh)
    proyectos.verificar_hardware(sistemas, rh, False, "Un escáner de alimentación automática para RH.")
    proyectos.verificar_hardware(sistemas, rh, True)
    v = proyectos.proponer_version(sistemas, rh, descripcion="Pantallas de captura y consulta de expedientes.")
    proyectos.resolver_version(sistemas, v, aprobada=True, resuelto_por="Gabriela Torres Medina")
    proyectos.iniciar_desarrollo(sistemas, rh)

    # 13: entregado con sus entregables y oficio.
    e = _oficio(asistente, "UT/0077/2026", deps["UT"], "Jorge Luis Ramírez Cruz",
                "Titular de la Unidad de Transparencia", "Solicita un micrositio de transparencia proactiva.", 60)
    ut = proyectos.registrar(sistemas, procedimiento=13, nombre="Micrositio de transparencia proactiva", oficio=e)
    proyectos.evaluar_viabilidad(sistemas, ut, _todos(13), justificacion="Sitio estático en el servidor web actual.")
    proyectos.registrar_reunion(sistemas, ut, fecha=ahora() - dt.timedelta(days=55), duracion_minutos=40,
                                asistentes="Jorge Luis Ramírez Cruz (UT)\nAndrés Limón Illescas (DTI)",
                                acuerdos="Secciones: datos abiertos, preguntas frecuentes y solicitudes.",
                                minuta=_minuta("Minuta UT"))
    _tareas(sistemas, ut, [("Prediseño", "Andrés Limón Illescas", -50, 7, 100),
                           ("Maquetación y contenidos", "Equipo de sistemas", -42, 14, 100),
                           ("Publicación", "Andrés Limón Illescas", -26, 2, 100)])
    v = proyectos.proponer_version(sistemas, ut, descripcion="Prediseño con tres secciones y buscador.")
    proyectos.resolver_version(sistemas, v, aprobada=True, resuelto_por="Jorge Luis Ramírez Cruz")
    proyectos.iniciar_desarrollo(sistemas, ut)
    for tipo in (MEMORIA_TECNICA, MANUAL_USUARIO):
        proyectos.adjuntar_entregable(sistemas, ut, tipo, (f"{tipo}.pdf", archivo_de_ejemplo("pdf", tipo)))
    oficios_proyecto.entregar(sistemas, ut, fecha=hoy - dt.timedelta(days=20),
                              url="https://texmelucan.gob.mx/transparencia-proactiva",
                              ubicacion_fuente="git.texmelucan.gob.mx/dti/transparencia-proactiva")

    # 15: beta en revisión.
    e = _oficio(asistente, "SB/0140/2026", deps["SB"], "Titular de la Secretaría de Bienestar",
                "Secretario de Bienestar", "Solicita un módulo para cargar los padrones de beneficiarios.", 25)
    sb = proyectos.registrar(sistemas, procedimiento=15, nombre="Módulo de carga de padrones de beneficiarios",
                             oficio=e)
    proyectos.evaluar_viabilidad(sistemas, sb, _todos(15), justificacion="Carga de hojas de cálculo al portal.")
    _tareas(sistemas, sb, [("Formato de carga", "Andrés Limón Illescas", -20, 5, 100),
                           ("Desarrollo del módulo", "Equipo de sistemas", -14, 10, 100),
                           ("Revisión de formato", "Andrés Limón Illescas", -2, 4, 50)])
    v = proyectos.proponer_version(sistemas, sb, descripcion="Plan y formato de carga en Excel con validación.")
    proyectos.resolver_version(sistemas, v, aprobada=True, resuelto_por="Secretaría de Bienestar")
    proyectos.iniciar_desarrollo(sistemas, sb)
    proyectos.presentar_beta(sistemas, sb, version_beta="0.9", url="https://pruebas.texmelucan.gob.mx/padrones")

    # 18: entregado, firmado por el director con la autorización del Tesorero.
    e = _oficio(asistente, "SSPTM/0301/2026", deps["SSPTM"], "Fernando Ríos Salazar",
                "Secretario de Seguridad Pública y Tránsito Municipal",
                "Solicita un enlace inalámbrico entre el Complejo de Seguridad y el Palacio Municipal.", 70)
    ss = proyectos.registrar(redes, procedimiento=18, nombre="Enlace inalámbrico Complejo de Seguridad–Palacio",
                             oficio=e)
    proyectos.evaluar_viabilidad(redes, ss, _todos(18), costo_estimado=Decimal("64200.00"),
                                 justificacion="Línea de vista confirmada en el levantamiento del sitio.")
    _tareas(redes, ss, [("Levantamiento y alineación", "Isaías Soto López", -60, 3, 100),
                        ("Instalación de antenas", "Isaías Soto López", -55, 5, 100)])
    v = proyectos.proponer_version(redes, ss, descripcion="Enlace punto a punto en 5.8 GHz con respaldo.")
    proyectos.resolver_version(redes, v, aprobada=True, resuelto_por="Fernando Ríos Salazar")
    proyectos.iniciar_desarrollo(redes, ss)
    oficios_proyecto.entregar(redes, ss, fecha=hoy - dt.timedelta(days=45), ubicacion="Complejo de Seguridad y "
                              "azotea del Palacio Municipal", trabajos_realizados="Se instalaron dos antenas de "
                              "5.8 GHz, mástiles y protección contra descargas.",
                              firmante=servs["Miguel Ángel Mendoza López"],
                              autorizacion="Oficio TM/0988/2026 del Tesorero Municipal")
    return {"proyectos": 5}
