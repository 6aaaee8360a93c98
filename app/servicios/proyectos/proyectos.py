"""Proyectos de TI (procedimientos 3, 11, 13, 15 y 18): del oficio de solicitud a la entrega.

Cada proyecto nace de un oficio recibido de una dependencia y abre su trámite en la misma
transacción (expediente único). Cada acción guarda lo suyo (criterios de viabilidad, reuniones con
su minuta, requerimientos, versiones del diseño, tareas, entregables) y lleva el trámite al paso del
manual que implica (:mod:`app.servicios.proyectos.flujo`). Reglas que se hacen cumplir:

* el desarrollo no inicia sobre una versión del diseño que la dependencia no aprobó;
* un sistema, página o módulo no se entrega sin memoria técnica, manual de usuario y ubicación del
  código fuente (políticas de los procedimientos 11 y 13);
* la reunión del procedimiento 13 dura de 30 a 60 minutos y su minuta registra asistentes y acuerdos;
* en el 11 el proyecto espera a que la dependencia subsane el hardware que le falta (actividad 6.1);
* las respuestas del 18 las firma el Tesorero Municipal, o el director con la autorización del
  Tesorero registrada (política 3); el oficio dice quién firmó y con qué autoridad.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.errores import ErrorDTI, ErrorNoEncontrado, ErrorValidacion
from app.modelos import Dependencia, Oficio, ServidorPublico, Tramite, Usuario, ahora
from app.modelos.proyectos import (APROBADA, CANCELADO, DESARROLLO, DISENO, ENTREGADO, ESPERA_HARDWARE, ETAPAS,
                                   IMPLEMENTADO, MANUAL_USUARIO, MEMORIA_TECNICA, NO_VIABLE, OBSERVADO,
                                   PLANEACION, POR_APROBAR, RECHAZADA, REGISTRADO, REVISION_BETA,
                                   TIPOS_ENTREGABLE, CriterioViabilidad, EntregableProyecto, Proyecto,
                                   RequerimientoProyecto, ReunionProyecto, TareaProyecto, VersionDiseno)
from app.servicios.nucleo import archivos, bitacora, permisos
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, texto_busqueda
from app.servicios.proyectos import flujo
from app.servicios.tramites import expediente
from app.servicios.nucleo.concurrencia import cambia, crea

PROCEDIMIENTOS = tuple(sorted(flujo.CAMINOS))
TIPOS_MINUTA = ("pdf", "docx", "odt")
TIPOS_DISENO = ("pdf", "docx", "odt", "png", "jpg")
TIPOS_ENTREGA = ("pdf", "docx", "odt", "xlsx", "zip")
Archivo = str | Path | tuple[str, bytes]


# --- Utilidades ----------------------------------------------------------------------------------

def obtener(identificador: int) -> Proyecto:
    proyecto = Proyecto.get_or_none(Proyecto.id == identificador)
    if proyecto is None:
        raise ErrorNoEncontrado(f"No existe el proyecto {identificador}.")
    return proyecto


def _exigir(actor: Usuario | None, proyecto_o_proc: Proyecto | int, permiso: str = permisos.AVANZAR_TRAMITE) -> None:
    procedimiento = proyecto_o_proc if isinstance(proyecto_o_proc, int) else proyecto_o_proc.procedimiento
    permisos.exigir(actor, permiso)
    permisos.exigir_area(actor, flujo.AREAS[procedimiento])


def _abierto(proyecto: Proyecto) -> Proyecto:
    """Relee el proyecto y rehúsa si ya terminó."""
    proyecto = obtener(proyecto.id)
    if proyecto.etapa in (ENTREGADO, CANCELADO) or (proyecto.etapa == NO_VIABLE and proyecto.procedimiento == 3):
        raise ErrorDTI(f"El proyecto «{proyecto.nombre}» ya está {ETAPAS[proyecto.etapa].lower()}: no admite cambios.")
    return proyecto


def _mover(actor: Usuario | None, proyecto: Proyecto, accion: str, nota: str = "") -> None:
    """Lleva el trámite del proyecto al paso que implica ``accion`` (si la acción lo mueve)."""
    camino = flujo.camino(proyecto.procedimiento, accion)
    if camino is None or proyecto.expediente_id is None:
        return
    hasta, respuestas = camino
    if hasta == flujo.QUEDA:
        return
    tramite = Tramite.get_by_id(proyecto.expediente_id)
    repetir = tramite.paso_actual == hasta and hasta is not None and accion in ("no_viable", "rechazar",
                                                                                 "rechazar_beta")
    expediente.llevar(actor, tramite, hasta, respuestas=respuestas, nota=nota, repetir=repetir)


def _paso(proyecto: Proyecto) -> str | None:
    if proyecto.expediente_id is None:
        return None
    return Tramite.select(Tramite.paso_actual).where(Tramite.id == proyecto.expediente_id).scalar()


def _archivo(v: Validador, campo: str, etiqueta: str, archivo: Archivo | None, tipos: tuple[str, ...],
             requerido: bool) -> archivos.Archivo | None:
    if archivo is None or archivo == "":
        if requerido:
            v.error(campo, f"Adjunte {etiqueta.lower()} ({', '.join(tipos)}).")
        return None
    try:
        if isinstance(archivo, tuple):
            return archivos.validar(archivo[0], archivo[1], tipos, etiqueta, campo)
        return archivos.leer_y_validar(archivo, tipos, etiqueta, campo)
    except ErrorValidacion as exc:
        for campo_error, mensaje in exc.errores:
            v.error(campo_error, mensaje)
    except ErrorDTI as exc:
        v.error(campo, f"{etiqueta}: {exc}")
    return None


def _importe(v: Validador, valor: Any) -> Decimal | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    try:
        importe = valor if isinstance(valor, Decimal) else Decimal(str(valor).replace("$", "").replace(",", "").strip())
    except (InvalidOperation, ValueError):
        v.error("costo_estimado", f"El costo estimado «{str(valor)[:30]}» no es un importe válido.")
        return None
    if not importe.is_finite() or importe < 0 or importe >= Decimal("1e14"):
        v.error("costo_estimado", "El costo estimado debe ser un importe de cero o más, sin NaN ni infinitos.")
        return None
    return importe.quantize(Decimal("0.01"))


def _buscar(proyecto: Proyecto) -> str:
    dependencia = proyecto.dependencia.nombre if proyecto.dependencia_id else ""
    oficio = proyecto.oficio.numero_oficio if proyecto.oficio_id else ""
    return texto_busqueda(proyecto.nombre, proyecto.descripcion, dependencia, oficio,
                          flujo.NOMBRES[proyecto.procedimiento], ETAPAS.get(proyecto.etapa, ""))


def _guardar(actor: Usuario | None, proyecto: Proyecto, accion: str) -> Proyecto:
    proyecto.busqueda = _buscar(proyecto)
    proyecto.version += 1
    proyecto.modificado_en = ahora()
    return bitacora.guardar(proyecto, accion, actor)


# --- Registro ------------------------------------------------------------------------------------

@crea
def registrar(actor: Usuario | None, *, procedimiento: int, nombre: str, oficio: Oficio | None,
              descripcion: str = "", dependencia: Dependencia | None = None,
              solicitante: ServidorPublico | None = None, responsable: Usuario | None = None) -> Proyecto:
    """Registra el proyecto que pide el oficio de una dependencia y abre su trámite (paso de análisis)."""
    v = Validador()
    try:
        procedimiento = int(procedimiento)
    except (TypeError, ValueError):
        procedimiento = 0
    if procedimiento not in flujo.CAMINOS:
        raise ErrorValidacion([("procedimiento", "El procedimiento de un proyecto es el 3, 11, 13, 15 o 18.")])
    _exigir(actor, procedimiento, permisos.ABRIR_TRAMITE)
    nombre = v.texto("nombre", "Nombre del proyecto", nombre, 200, requerido=True)
    descripcion = v.texto("descripcion", "Descripción de la petición", descripcion, 5000, multilinea=True)
    if oficio is None:
        v.error("oficio", "El proyecto nace del oficio de solicitud de la dependencia (política 1): elíjalo.")
    elif oficio.tipo != "entrante":
        v.error("oficio", "La solicitud llega por un oficio recibido, no por uno emitido.")
    elif oficio.estado in ("archivado", "descartado", "cancelado"):
        v.error("oficio", f"El oficio {oficio.numero_oficio or oficio.id} está {oficio.estado}: no abre proyectos.")
    v.validar()
    if dependencia is None and oficio.procedencia_id:
        dependencia = oficio.procedencia
    momento = ahora()
    with transaccion():
        proyecto = Proyecto(procedimiento=procedimiento, nombre=nombre, descripcion=descripcion or oficio.descripcion,
                            oficio=oficio, dependencia=dependencia, solicitante=solicitante,
                            responsable=responsable or actor, etapa=REGISTRADO, creado_por=actor,
                            creado_en=momento, modificado_en=momento)
        hasta, _ = flujo.camino(procedimiento, "registrar")
        tramite = expediente.abrir(actor, procedimiento, f"{flujo.NOMBRES[procedimiento]}: {nombre}",
                                   dependencia=dependencia, solicitante=solicitante, oficio_entrada=oficio,
                                   hasta=hasta, momento=momento)
        proyecto.expediente = tramite
        proyecto.busqueda = _buscar(proyecto)
        bitacora.guardar(proyecto, "registro de proyecto", actor)
    return proyecto


# --- Viabilidad ----------------------------------------------------------------------------------

def criterios_de(procedimiento: int) -> tuple[tuple[str, str], ...]:
    """Los criterios de viabilidad del manual para ``procedimiento`` (clave, texto)."""
    return flujo.CRITERIOS[procedimiento]


def evaluar_viabilidad(actor: Usuario | None, proyecto: Proyecto, criterios: dict[str, bool], *,
                       justificacion: str, costo_estimado: Any = None,
                       notas: dict[str, str] | None = None) -> Proyecto:
    """Evalúa la viabilidad por los criterios del manual; el proyecto es viable si los cumple todos.

    Procedimiento 3 no viable: el trámite va a 3.1 (el oficio de respuesta lo concluye). 11: va a 1, se
    espera una nueva propuesta. 18: va a 3.1, observaciones para su corrección (oficio firmado por el
    Tesorero). 13 y 15 no tienen rama de no viabilidad en el manual: el proyecto se cancela con el motivo.
    """
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    justificacion = v.texto("justificacion", "Justificación de la viabilidad", justificacion, 5000,
                            requerido=True, multilinea=True)
    importe = _importe(v, costo_estimado)
    esperados = dict(criterios_de(proyecto.procedimiento))
    criterios = criterios or {}
    for clave in esperados:
        if not isinstance(criterios.get(clave), bool):
            v.error(clave, f"Indique si se cumple el criterio «{esperados[clave]}».")
    for clave in criterios:
        if clave not in esperados:
            v.error(clave, f"«{str(clave)[:40]}» no es un criterio del procedimiento {proyecto.procedimiento}.")
    notas = {clave: v.texto(clave, "Nota del criterio", texto, 1000) for clave, texto in (notas or {}).items()}
    if proyecto.etapa not in (REGISTRADO, NO_VIABLE, OBSERVADO):
        v.error("proyecto", "La viabilidad ya se determinó: el proyecto está "
                            f"{ETAPAS[proyecto.etapa].lower()}.")
    v.validar()
    viable = all(criterios[clave] for clave in esperados)
    ronda = (CriterioViabilidad.select().where(CriterioViabilidad.proyecto == proyecto)
             .order_by(CriterioViabilidad.ronda.desc()).first())
    ronda = (ronda.ronda + 1) if ronda else 1
    with transaccion():
        for clave, etiqueta in esperados.items():
            bitacora.guardar(CriterioViabilidad(proyecto=proyecto, ronda=ronda, clave=clave, etiqueta=etiqueta,
                                                cumple=criterios[clave], nota=notas.get(clave, ""),
                                                evaluado_por=actor), "criterio de viabilidad", actor)
        proyecto.viable, proyecto.justificacion_viabilidad, proyecto.costo_estimado = viable, justificacion, importe
        if viable:
            proyecto.etapa = PLANEACION
            _mover(actor, proyecto, "viable", nota=justificacion)
        elif proyecto.procedimiento in (13, 15):
            proyecto.etapa, proyecto.motivo_cancelacion = CANCELADO, f"No viable: {justificacion}"
            expediente.cancelar(actor, proyecto.expediente, proyecto.motivo_cancelacion)
        else:
            proyecto.etapa = OBSERVADO if proyecto.procedimiento == 18 else NO_VIABLE
            _mover(actor, proyecto, "no_viable", nota=justificacion)
        _guardar(actor, proyecto, "viabilidad de proyecto")
    return proyecto


def criterios_evaluados(proyecto: Proyecto) -> list[dict[str, Any]]:
    return list(CriterioViabilidad.select(CriterioViabilidad.ronda, CriterioViabilidad.etiqueta,
                                          CriterioViabilidad.cumple, CriterioViabilidad.nota)
                .where(CriterioViabilidad.proyecto == proyecto).order_by(CriterioViabilidad.id).dicts())


# --- Reuniones y requerimientos ------------------------------------------------------------------

def registrar_reunion(actor: Usuario | None, proyecto: Proyecto, *, fecha: dt.datetime, duracion_minutos: int,
                      asistentes: str, acuerdos: str, minuta: Archivo | None,
                      requerimientos: list[str] | tuple[str, ...] = ()) -> ReunionProyecto:
    """Registra una reunión con la dependencia, su minuta y los requerimientos que completó.

    En el 13 (actividad 2) la reunión dura de 30 a 60 minutos y lleva el trámite al plan de trabajo;
    en el 11 la reunión de la actividad 4.1 regresa a verificar que la información esté completa.
    """
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    asistentes = v.texto("asistentes", "Asistentes", asistentes, 3000, requerido=True, multilinea=True)
    acuerdos = v.texto("acuerdos", "Acuerdos", acuerdos, 10000, requerido=True, multilinea=True)
    duracion = v.entero("duracion_minutos", "Duración (minutos)", duracion_minutos, 1, 24 * 60)
    minimo, maximo = flujo.DURACION_REUNION_13
    if proyecto.procedimiento == 13 and duracion and not minimo <= duracion <= maximo:
        v.error("duracion_minutos", f"La reunión con el titular del procedimiento 13 dura de {minimo} a {maximo} "
                                    f"minutos (actividad 2); se capturaron {duracion}.")
    if not isinstance(fecha, dt.datetime):
        v.error("fecha", "Capture la fecha y hora de la reunión.")
    elif fecha > ahora() + dt.timedelta(minutes=5):
        v.error("fecha", "La minuta es de una reunión que ya ocurrió: la fecha no puede ser futura.")
    textos = [v.texto("requerimientos", "Requerimiento", r, 2000, multilinea=True) for r in requerimientos]
    archivo = _archivo(v, "minuta", "Minuta de la reunión", minuta, TIPOS_MINUTA, True)
    v.validar()
    with transaccion():
        reunion = ReunionProyecto(proyecto=proyecto, fecha=fecha, duracion_minutos=duracion, asistentes=asistentes,
                                  acuerdos=acuerdos, minuta_nombre=archivo.original, minuta_tipo=archivo.tipo,
                                  minuta=archivo.contenido, minuta_sha256=archivo.sha256, registrado_por=actor)
        bitacora.guardar(reunion, "reunión de proyecto", actor)
        for texto in textos:
            if texto:
                bitacora.guardar(RequerimientoProyecto(proyecto=proyecto, descripcion=texto, reunion=reunion,
                                                       registrado_por=actor), "requerimiento de proyecto", actor)
        paso = _paso(proyecto)
        if (proyecto.procedimiento == 13 and paso == "2") or (proyecto.procedimiento == 11 and paso == "4.1"):
            _mover(actor, proyecto, "reunion", nota=f"Minuta: {acuerdos[:300]}")
            _guardar(actor, proyecto, "reunión de proyecto")
    return reunion


def agregar_requerimiento(actor: Usuario | None, proyecto: Proyecto, descripcion: str) -> RequerimientoProyecto:
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    descripcion = v.texto("descripcion", "Requerimiento", descripcion, 2000, requerido=True, multilinea=True)
    v.validar()
    with transaccion():
        return bitacora.guardar(RequerimientoProyecto(proyecto=proyecto, descripcion=descripcion,
                                                      registrado_por=actor), "requerimiento de proyecto", actor)


def revisar_requerimientos(actor: Usuario | None, proyecto: Proyecto, completos: bool, faltante: str = "") -> Proyecto:
    """Procedimiento 11, actividad 4: ¿está completa la información? No → reunión para completarla (4.1)."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    if proyecto.procedimiento != 11:
        raise ErrorDTI("La revisión de requerimientos completos es del procedimiento 11.")
    v = Validador()
    faltante = v.texto("faltante", "Información faltante", faltante, 3000, requerido=not completos, multilinea=True)
    if proyecto.etapa != PLANEACION:
        v.error("proyecto", "Los requerimientos se revisan cuando el proyecto ya es viable y antes del plan.")
    if completos and not RequerimientoProyecto.select().where(RequerimientoProyecto.proyecto == proyecto).exists():
        v.error("requerimientos", "Registre los requerimientos que proporcionó la dependencia antes de darlos por completos.")
    v.validar()
    with transaccion():
        _mover(actor, proyecto, "requerimientos_completos" if completos else "requerimientos_incompletos",
               nota=faltante)
        _guardar(actor, proyecto, "revisión de requerimientos")
    return proyecto


# --- Plan de trabajo -----------------------------------------------------------------------------

@cambia("tarea")
def guardar_tarea(actor: Usuario | None, proyecto: Proyecto, *, nombre: str, inicio: dt.date, fin: dt.date,
                  responsable: str = "", avance: int = 0, tarea: TareaProyecto | None = None,
                  version: int | None = None) -> TareaProyecto:
    """Alta o edición de una tarea del plan de trabajo (inicio, fin, responsable y avance 0–100)."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    nombre = v.texto("nombre", "Tarea", nombre, 200, requerido=True)
    responsable = v.texto("responsable", "Responsable", responsable, 200)
    avance = v.entero("avance", "Avance (%)", avance, 0, 100)
    if not isinstance(inicio, dt.date) or not isinstance(fin, dt.date):
        v.error("inicio", "Capture las fechas de inicio y fin de la tarea.")
    elif fin < inicio:
        v.error("fin", "La tarea termina antes de empezar.")
    v.validar()
    registro = tarea or TareaProyecto(proyecto=proyecto, orden=TareaProyecto.select().where(
        TareaProyecto.proyecto == proyecto).count() + 1)
    registro.nombre, registro.responsable, registro.inicio, registro.fin = nombre, responsable, inicio, fin
    registro.avance = avance
    accion = "tarea de proyecto" if tarea is None else "avance de tarea de proyecto"
    return bitacora.guardar_versionado(registro, accion, actor, version if tarea is not None else None)


def tareas(proyecto: Proyecto) -> list[TareaProyecto]:
    return list(TareaProyecto.select().where((TareaProyecto.proyecto == proyecto)
                                             & (TareaProyecto.activa == True))  # noqa: E712 - SQL
                .order_by(TareaProyecto.orden, TareaProyecto.id))


def avance_plan(proyecto: Proyecto) -> int:
    """Avance del plan ponderado por la duración de cada tarea (0–100)."""
    lista = tareas(proyecto)
    total = sum((t.fin - t.inicio).days + 1 for t in lista)
    if not total:
        return 0
    return round(sum(((t.fin - t.inicio).days + 1) * t.avance for t in lista) / total)


def presentar_plan(actor: Usuario | None, proyecto: Proyecto) -> Proyecto:
    """El plan de trabajo (sus tareas) se presenta a la dependencia; el trámite sigue al paso siguiente."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    if not tareas(proyecto):
        raise ErrorValidacion([("tareas", "El plan de trabajo no tiene tareas: agregue al menos una con sus fechas.")])
    if proyecto.etapa != PLANEACION:
        raise ErrorValidacion([("proyecto", "El plan se presenta cuando el proyecto es viable, antes del diseño.")])
    paso = _paso(proyecto)
    esperado = {11: "5", 13: "3"}.get(proyecto.procedimiento)
    if esperado and paso != esperado:
        raise ErrorValidacion([("proyecto", f"El trámite está en el paso {paso}: el plan de trabajo se presenta en "
                                            f"el paso {esperado} del procedimiento {proyecto.procedimiento}.")])
    with transaccion():
        _mover(actor, proyecto, "plan")
        _guardar(actor, proyecto, "plan de trabajo presentado")
    return proyecto


def verificar_hardware(actor: Usuario | None, proyecto: Proyecto, cuenta: bool, faltante: str = "") -> Proyecto:
    """Procedimiento 11, actividad 6: si la dependencia no tiene el hardware, el proyecto espera (6.1)."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    if proyecto.procedimiento != 11:
        raise ErrorDTI("La verificación del hardware de la dependencia es del procedimiento 11.")
    v = Validador()
    faltante = v.texto("faltante", "Hardware que le falta a la dependencia", faltante, 3000,
                       requerido=not cuenta, multilinea=True)
    if _paso(proyecto) not in ("6", "6.1"):
        v.error("proyecto", "El hardware se verifica después de presentar el plan de trabajo (actividad 6).")
    v.validar()
    with transaccion():
        if cuenta:
            nota = f"Subsanado: {proyecto.hardware_faltante}" if proyecto.hardware_faltante else ""
            proyecto.hardware_faltante = ""
            if proyecto.etapa == ESPERA_HARDWARE:
                proyecto.etapa = DISENO if versiones(proyecto) else PLANEACION
            _mover(actor, proyecto, "hardware_si", nota=nota)
        else:
            proyecto.hardware_faltante, proyecto.etapa = faltante, ESPERA_HARDWARE
            _mover(actor, proyecto, "hardware_no", nota=faltante)
        _guardar(actor, proyecto, "hardware de la dependencia")
    return proyecto


# --- Versiones del diseño ------------------------------------------------------------------------

def versiones(proyecto: Proyecto) -> list[VersionDiseno]:
    return list(VersionDiseno.select().where(VersionDiseno.proyecto == proyecto).order_by(VersionDiseno.numero))


def proponer_version(actor: Usuario | None, proyecto: Proyecto, *, descripcion: str,
                     archivo: Archivo | None = None) -> VersionDiseno:
    """Una nueva versión del diseño o propuesta, para que la dependencia la apruebe o rechace."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    descripcion = v.texto("descripcion", "Descripción de la versión", descripcion, 5000, requerido=True,
                          multilinea=True)
    lista = versiones(proyecto)
    if lista and lista[-1].estado == POR_APROBAR:
        v.error("version", f"La versión {lista[-1].numero} sigue por aprobar: resuélvala antes de proponer otra.")
    if lista and lista[-1].estado == APROBADA:
        v.error("version", f"La versión {lista[-1].numero} ya fue aprobada.")
    if proyecto.etapa not in (PLANEACION, DISENO, ESPERA_HARDWARE):
        v.error("proyecto", f"El diseño se propone cuando el proyecto es viable; está {ETAPAS[proyecto.etapa].lower()}.")
    if proyecto.procedimiento == 3 and not ReunionProyecto.select().where(ReunionProyecto.proyecto == proyecto).exists():
        v.error("reunion", "Registre la reunión en que se mostró el plan de trabajo a la dependencia, con su minuta "
                           "(actividad 4), antes de someter el diseño.")
    if proyecto.procedimiento in (13, 15, 18) and _paso(proyecto) in ("3", "3.2") and not tareas(proyecto):
        v.error("tareas", "Capture el plan de trabajo (sus tareas) antes de someter el diseño.")
    adjunto = _archivo(v, "archivo", "Archivo del diseño", archivo, TIPOS_DISENO, False)
    v.validar()
    with transaccion():
        version = VersionDiseno(proyecto=proyecto, numero=(lista[-1].numero + 1) if lista else 1,
                                descripcion=descripcion, registrado_por=actor)
        if adjunto is not None:
            version.archivo_nombre, version.archivo_tipo = adjunto.original, adjunto.tipo
            version.archivo, version.archivo_sha256 = adjunto.contenido, adjunto.sha256
        bitacora.guardar(version, "versión de diseño propuesta", actor)
        if proyecto.etapa != ESPERA_HARDWARE:
            proyecto.etapa = DISENO
        if proyecto.procedimiento == 13 and _paso(proyecto) == "3":
            _mover(actor, proyecto, "plan")
        _mover(actor, proyecto, "proponer", nota=f"Versión {version.numero}: {descripcion[:200]}")
        _guardar(actor, proyecto, "versión de diseño propuesta")
    return version


def resolver_version(actor: Usuario | None, version: VersionDiseno, *, aprobada: bool, resuelto_por: str,
                     motivo: str = "") -> VersionDiseno:
    """La dependencia aprueba o rechaza una versión; el rechazo lleva su motivo y no se sobrescribe."""
    version = VersionDiseno.get_by_id(version.id)
    proyecto = version.proyecto
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    resuelto_por = v.texto("resuelto_por", "Quién resolvió en la dependencia", resuelto_por, 200, requerido=True)
    motivo = v.texto("motivo", "Motivo del rechazo" if not aprobada else "Observaciones", motivo, 5000,
                     requerido=not aprobada, multilinea=True)
    if version.estado != POR_APROBAR:
        v.error("version", f"La versión {version.numero} ya fue {ESTADOS_TEXTO[version.estado]}: no se resuelve de nuevo.")
    v.validar()
    with transaccion():
        version.estado = APROBADA if aprobada else RECHAZADA
        version.motivo, version.resuelto_por, version.resuelto_en = motivo, resuelto_por, ahora()
        version.version += 1
        version.modificado_en = ahora()
        bitacora.guardar(version, "versión de diseño aprobada" if aprobada else "versión de diseño rechazada", actor)
        if aprobada:
            proyecto.version_aprobada = version.numero
            _mover(actor, proyecto, "aprobar", nota=f"Versión {version.numero} aprobada por {resuelto_por}.")
        else:
            _mover(actor, proyecto, "rechazar", nota=f"Versión {version.numero} rechazada: {motivo}")
        _guardar(actor, proyecto, "diseño resuelto por la dependencia")
    return version


ESTADOS_TEXTO = {APROBADA: "aprobada", RECHAZADA: "rechazada", POR_APROBAR: "por aprobar"}


# --- Desarrollo, beta e implementación -----------------------------------------------------------

def iniciar_desarrollo(actor: Usuario | None, proyecto: Proyecto) -> Proyecto:
    """Inicia el desarrollo (o la instalación) sobre la versión del diseño aprobada por la dependencia."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    lista = versiones(proyecto)
    if not lista:
        raise ErrorValidacion([("version", "No se inicia el desarrollo sin un diseño aprobado por la dependencia "
                                           "solicitante: proponga la versión 1 del diseño.")])
    ultima = lista[-1]
    if ultima.estado != APROBADA:
        raise ErrorValidacion([("version", f"No se inicia el desarrollo: la versión {ultima.numero} del diseño está "
                                           f"{ESTADOS_TEXTO[ultima.estado]}; la dependencia solicitante debe "
                                           "aprobarla antes.")])
    if proyecto.hardware_faltante:
        raise ErrorValidacion([("hardware", "El proyecto espera a que la dependencia subsane el hardware que le "
                                            f"falta: {proyecto.hardware_faltante}")])
    if proyecto.procedimiento == 11 and _paso(proyecto) != "7":
        raise ErrorValidacion([("proyecto", "Verifique antes que la dependencia cuenta con la infraestructura de "
                                            "hardware (actividad 6).")])
    if proyecto.desarrollo_iniciado_en is not None:
        raise ErrorDTI("El desarrollo de este proyecto ya inició.")
    with transaccion():
        proyecto.desarrollo_iniciado_en, proyecto.etapa = ahora(), DESARROLLO
        _mover(actor, proyecto, "iniciar", nota=f"Se inicia con la versión {ultima.numero} aprobada.")
        _guardar(actor, proyecto, "inicio de desarrollo")
    return proyecto


def presentar_beta(actor: Usuario | None, proyecto: Proyecto, *, version_beta: str, url: str = "") -> Proyecto:
    """La beta o vista previa se presenta a la dependencia para su análisis (3, 11 y 15)."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    version_beta = v.texto("version_beta", "Versión de la beta", version_beta, 100, requerido=True)
    url = v.texto("url", "Dirección de la beta", url, 500)
    if proyecto.procedimiento not in flujo.CON_BETA:
        v.error("proyecto", f"El procedimiento {proyecto.procedimiento} no tiene beta que acepte la dependencia.")
    if proyecto.etapa not in (DESARROLLO, REVISION_BETA) or proyecto.desarrollo_iniciado_en is None:
        v.error("proyecto", "La beta se presenta cuando el desarrollo ya inició.")
    v.validar()
    with transaccion():
        proyecto.beta_version, proyecto.beta_url, proyecto.etapa = version_beta, url, REVISION_BETA
        _mover(actor, proyecto, "beta", nota=f"Beta {version_beta}")
        _guardar(actor, proyecto, "beta presentada")
    return proyecto


def resolver_beta(actor: Usuario | None, proyecto: Proyecto, *, aceptada: bool, observaciones: str = "") -> Proyecto:
    """La dependencia acepta la beta (se implementa) o pide ajustes (se ajusta y se presenta otra)."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    observaciones = v.texto("observaciones", "Observaciones de la dependencia", observaciones, 5000,
                            requerido=not aceptada, multilinea=True)
    if proyecto.etapa != REVISION_BETA:
        v.error("proyecto", "No hay beta presentada por resolver.")
    v.validar()
    with transaccion():
        if aceptada:
            proyecto.beta_aceptada_en, proyecto.etapa = ahora(), IMPLEMENTADO
            _mover(actor, proyecto, "aceptar_beta", nota=observaciones)
        else:
            proyecto.etapa = DESARROLLO
            _mover(actor, proyecto, "rechazar_beta", nota=observaciones)
        _guardar(actor, proyecto, "beta aceptada" if aceptada else "beta con ajustes")
    return proyecto


# --- Entregables ---------------------------------------------------------------------------------

def adjuntar_entregable(actor: Usuario | None, proyecto: Proyecto, tipo: str, archivo: Archivo) -> EntregableProyecto:
    """Adjunta un entregable validado por su contenido (un PDF que no abre como PDF se rechaza)."""
    _exigir(actor, proyecto)
    proyecto = _abierto(proyecto)
    v = Validador()
    if tipo not in TIPOS_ENTREGABLE:
        v.error("tipo", "Elija el tipo de entregable: memoria técnica, manual de usuario, diseño, plan u otro.")
    adjunto = _archivo(v, "archivo", TIPOS_ENTREGABLE.get(tipo, "Entregable"), archivo, TIPOS_ENTREGA, True)
    v.validar()
    with transaccion():
        return bitacora.guardar(EntregableProyecto(proyecto=proyecto, tipo=tipo, nombre=adjunto.original,
                                                   tipo_archivo=adjunto.tipo, contenido=adjunto.contenido,
                                                   sha256=adjunto.sha256, tamano=adjunto.tamano,
                                                   registrado_por=actor), "entregable de proyecto", actor)


def entregables(proyecto: Proyecto) -> list[EntregableProyecto]:
    return list(EntregableProyecto.select().where((EntregableProyecto.proyecto == proyecto)
                                                  & (EntregableProyecto.activo == True))  # noqa: E712 - SQL
                .order_by(EntregableProyecto.id))


def faltantes_entrega(proyecto: Proyecto, ubicacion_fuente: str | None = None) -> list[str]:
    """Lo que le falta al proyecto para entregarse (vacío: se puede entregar)."""
    faltan: list[str] = []
    tipos = {e.tipo for e in entregables(proyecto)}
    if proyecto.procedimiento in flujo.CON_DOCUMENTACION:
        for tipo in (MEMORIA_TECNICA, MANUAL_USUARIO):
            if tipo not in tipos:
                faltan.append(f"Falta adjuntar la {TIPOS_ENTREGABLE[tipo].lower()} (políticas de los "
                              "procedimientos 11 y 13).")
        fuente = proyecto.ubicacion_fuente if ubicacion_fuente is None else ubicacion_fuente
        if not limpiar_texto(fuente or ""):
            faltan.append("Falta la ubicación del código fuente (repositorio o carpeta).")
    if proyecto.procedimiento in flujo.CON_BETA and proyecto.beta_aceptada_en is None:
        faltan.append("La dependencia no ha aceptado la beta o vista previa.")
    if proyecto.desarrollo_iniciado_en is None:
        faltan.append("El desarrollo o la instalación no ha iniciado sobre un diseño aprobado.")
    return faltan


def archivo_entregable(identificador: int) -> tuple[str, bytes]:
    registro = EntregableProyecto.get_or_none(EntregableProyecto.id == identificador)
    if registro is None:
        raise ErrorNoEncontrado(f"No existe el entregable {identificador}.")
    return registro.nombre, bytes(registro.contenido)


# --- Consultas para las pantallas ----------------------------------------------------------------

def consultar(busqueda: str = "", procedimiento: int | None = None, limite: int = 2000) -> list[dict[str, Any]]:
    """Lista para la tabla: proyecto, procedimiento, dependencia, oficio, etapa, avance y paso del trámite."""
    consulta = (Proyecto.select(Proyecto.id, Proyecto.procedimiento, Proyecto.nombre, Proyecto.etapa,
                                Proyecto.creado_en, Proyecto.expediente.alias("expediente_id"),
                                Proyecto.version_aprobada, Proyecto.costo_estimado,
                                Dependencia.nombre.alias("dependencia"), Oficio.numero_oficio)
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Proyecto.dependencia == Dependencia.id))
                .switch(Proyecto).join(Oficio, JOIN.LEFT_OUTER, on=(Proyecto.oficio == Oficio.id)))
    if procedimiento:
        consulta = consulta.where(Proyecto.procedimiento == procedimiento)
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Proyecto, busqueda, por_palabras=False)
    filas = list(consulta.order_by(Proyecto.id.desc()).limit(limite).dicts())
    textos = expediente.textos_de([f["expediente_id"] for f in filas])
    for fila in filas:
        fila["tipo"] = flujo.NOMBRES[fila["procedimiento"]]
        fila["etapa_texto"] = ETAPAS.get(fila["etapa"], fila["etapa"])
        fila["expediente"] = textos.get(fila["expediente_id"], "(sin trámite)")
        fila["avance"] = avance_plan(fila["id"])
    return filas


def por_expediente(tramite_id: int) -> Proyecto | None:
    return Proyecto.get_or_none(Proyecto.expediente == tramite_id) if tramite_id else None
