"""El trámite (expediente único) de cada mantenimiento de los procedimientos 7, 8 y 12.

Un mantenimiento es un caso de su procedimiento: al programarlo se abre su trámite en la
misma transacción y cada acción del módulo lo lleva por los pasos del manual. La clase
(preventivo/correctivo) responde la decisión «¿Qué tipo de mantenimiento es?» (paso 2 del
7 y paso 3 del 12; el 8 no la tiene).

Estado del mantenimiento → paso abierto del trámite:

============== ============================ =========== =========================
Estado         Procedimiento 7              8           12
============== ============================ =========== =========================
programado     correctivo: 3 (realizarlo);  3           correctivo: 3.2;
               preventivo: 5 (oficio de                 preventivo: 4 (concretar
               aviso) o 6 si no hay a quién             la fecha; 3.1, la
               avisar o ya se avisó                     propuesta, queda cerrada)
por_verificar  7 (¿funcionan?)              4           5 (¿corrigió el problema?)
en_ajustes     7.1 (ajustes)                4.1         5.1
concluido      trámite concluido (7 «Sí»    concluido   concluido (5 «Sí» y 6
               y 8 cerrados)                (4 «Sí»,    cerrados)
                                            5, 6 «Sí»
                                            y 7)
cancelado      trámite cancelado con el mismo motivo
============== ============================ =========== =========================

Al programar se cierran los pasos que la programación ya cumple (identificar el tipo, la
decisión, y en el preventivo del 7 el análisis 2.1 y la adquisición 4). La verificación
con fallas lleva el trámite del paso de verificación a su paso de ajustes (respuesta «No»)
y registrar los ajustes lo regresa a verificar: el ciclo queda en el historial del trámite
con el tiempo real que tomaron los ajustes. Reprogramar no mueve el trámite.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.modelos import (AvisoMantenimiento, Dependencia, EventoMantenimiento, Mantenimiento, Oficio, Tramite,
                         Usuario)
from app.servicios.mantenimiento import estados, servidores
from app.servicios.mantenimiento.estados import SERVIDORES_DATOS, SERVIDORES_REDES, SISTEMAS
from app.servicios.tramites import expediente

# Paso de la decisión «¿Qué tipo de mantenimiento es?» (el 8 no la tiene).
DECISION_TIPO = {SERVIDORES_REDES: "2", SISTEMAS: "3"}
# Pasos (verificación, ajustes) de cada procedimiento.
VERIFICACION = {SERVIDORES_REDES: ("7", "7.1"), SERVIDORES_DATOS: ("4", "4.1"), SISTEMAS: ("5", "5.1")}
# Dónde queda el trabajo realizado, los ajustes y el resultado de la verificación.
CAMPO_REALIZADO = "trabajos_realizados"
CAMPO_AJUSTES = {SERVIDORES_REDES: "ajustes", SERVIDORES_DATOS: "correcciones", SISTEMAS: "ajustes"}
CAMPO_PRUEBAS = {SERVIDORES_REDES: "pruebas", SERVIDORES_DATOS: "pruebas", SISTEMAS: "observaciones"}


def respuestas(registro: Mantenimiento) -> dict[str, str]:
    """La clase del mantenimiento como respuesta de la decisión de tipo del manual."""
    decision = DECISION_TIPO.get(registro.procedimiento)
    return {decision: estados.CLASES[registro.clase]} if decision else {}


def paso_programado(registro: Mantenimiento) -> str:
    """El paso en que queda el trámite de un mantenimiento programado (ver la tabla del módulo)."""
    if registro.procedimiento == SERVIDORES_DATOS:
        return "3"
    if registro.procedimiento == SISTEMAS:
        return "3.2" if registro.clase == estados.CORRECTIVO else "4"
    if registro.clase == estados.CORRECTIVO:
        return "3"
    return "5" if estados.requiere_aviso(registro) and not registro.aviso_vigente else "6"


def paso_realizado(registro: Mantenimiento) -> str | None:
    """El paso donde se anota el trabajo realizado (None: el 12 preventivo no tiene uno)."""
    correctivo = registro.clase == estados.CORRECTIVO
    if registro.procedimiento == SERVIDORES_DATOS:
        return "3"
    if registro.procedimiento == SISTEMAS:
        return "3.2" if correctivo else None
    return "3" if correctivo else "6"


def _datos_inicio(registro: Mantenimiento) -> dict[str, dict[str, Any]]:
    problema = registro.descripcion or f"Mantenimiento {estados.CLASES[registro.clase].lower()} programado."
    dependencias = ", ".join(d.nombre for d in estados.dependencias_de(registro.dependencias))
    equipo = registro.dispositivo.nombre
    if registro.procedimiento == SERVIDORES_DATOS:
        datos: dict[str, dict[str, Any]] = {"1": {"bases_datos": equipo, "areas": dependencias}}
    elif registro.procedimiento == SISTEMAS:
        datos = {"1": {"sistema": equipo[:300], "problema": problema}}
    else:
        datos = {"1": {"equipos": equipo, "problema": problema},
                 "2": {"prioridad": "Alta" if registro.clase == estados.CORRECTIVO else "Media"}}
    return datos


def asunto(registro: Mantenimiento) -> str:
    texto = f"{registro.numero} · {estados.CLASES[registro.clase]} de {registro.dispositivo.nombre}"
    return f"{texto}: {registro.descripcion}" if registro.descripcion else texto


def abrir(actor: Usuario | None, registro: Mantenimiento, *, oficio_entrada: Oficio | None = None,
          momento: dt.datetime | None = None, nota: str = "") -> Tramite:
    """Abre el trámite del mantenimiento recién programado y lo deja en su paso (sin guardar el registro)."""
    dependencias = estados.dependencias_de(registro.dependencias)
    dependencia: Dependencia | None = dependencias[0] if dependencias else None
    return expediente.abrir(actor, registro.procedimiento, asunto(registro), dependencia=dependencia,
                            oficio_entrada=oficio_entrada, hasta=paso_programado(registro),
                            respuestas=respuestas(registro), nota=nota, momento=momento or registro.creado_en,
                            datos=_datos_inicio(registro))


def _tramite(registro: Mantenimiento) -> Tramite | None:
    return Tramite.get_or_none(Tramite.id == registro.expediente_id) if registro.expediente_id else None


def _abierto(registro: Mantenimiento) -> Tramite | None:
    tramite = _tramite(registro)
    return tramite if tramite is not None and tramite.estado == "abierto" else None


def al_avisar(actor: Usuario | None, registro: Mantenimiento, momento: dt.datetime | None = None,
              nota: str = "") -> None:
    """Se emitió el oficio de aviso con la fecha: cierra el paso 5 del procedimiento 7."""
    tramite = _abierto(registro)
    if tramite is not None and registro.procedimiento == SERVIDORES_REDES and tramite.paso_actual == "5":
        expediente.llevar(actor, tramite, "6", nota=nota, momento=momento)


def al_realizar(actor: Usuario | None, registro: Mantenimiento, nota: str = "",
                momento: dt.datetime | None = None) -> None:
    """El trabajo se hizo: el trámite pasa a la verificación de su procedimiento."""
    tramite = _abierto(registro)
    if tramite is None:
        return
    procedimiento = registro.procedimiento
    paso = paso_realizado(registro)
    datos = {paso: {CAMPO_REALIZADO: nota}} if nota and paso else None
    expediente.llevar(actor, tramite, VERIFICACION[procedimiento][0], respuestas=respuestas(registro),
                      nota=nota, momento=momento, datos=datos)


def al_verificar(actor: Usuario | None, registro: Mantenimiento, correcto: bool, nota: str = "",
                 momento: dt.datetime | None = None) -> None:
    """Responde «Sí» (el trámite concluye) o «No» (pasa a ajustes) en la decisión de verificación."""
    tramite = _abierto(registro)
    if tramite is None:
        return
    procedimiento = registro.procedimiento
    verificar, ajustar = VERIFICACION[procedimiento]
    datos = {verificar: {CAMPO_PRUEBAS[procedimiento]: nota}} if nota else None
    if correcto:
        # El 8 tiene una segunda verificación (paso 6) tras documentar: también «Sí».
        decisiones = {verificar: "Sí", "6": "Sí"} if procedimiento == SERVIDORES_DATOS else {verificar: "Sí"}
        expediente.concluir(actor, tramite, respuestas=decisiones, nota=nota, momento=momento, datos=datos)
    else:
        expediente.llevar(actor, tramite, ajustar, respuestas={verificar: "No"}, nota=nota, momento=momento,
                          datos=datos)


def al_ajustar(actor: Usuario | None, registro: Mantenimiento, nota: str,
               momento: dt.datetime | None = None) -> None:
    """Se hicieron los ajustes: el trámite vuelve a verificar (el ciclo «No» → ajustes → verificar)."""
    tramite = _abierto(registro)
    if tramite is None:
        return
    procedimiento = registro.procedimiento
    verificar, ajustar = VERIFICACION[procedimiento]
    datos = {ajustar: {CAMPO_AJUSTES[procedimiento]: nota}} if nota else None
    if tramite.paso_actual == verificar:
        # Un trámite que quedó en la verificación (p. ej. vinculado después): el ciclo completo.
        expediente.llevar(actor, tramite, verificar, respuestas={verificar: "No"}, nota=nota, momento=momento,
                          datos=datos, repetir=True)
    else:
        expediente.llevar(actor, tramite, verificar, nota=nota, momento=momento, datos=datos)


def al_cancelar(actor: Usuario | None, registro: Mantenimiento, motivo: str,
                momento: dt.datetime | None = None) -> None:
    tramite = _abierto(registro)
    if tramite is not None:
        expediente.cancelar(actor, tramite, motivo, momento)


# --- Registros de antes del expediente único --------------------------------------------------------

def _vincular(actor: Usuario | None, registro: Mantenimiento) -> None:
    """Abre el trámite con la fecha de programación y repite la historia del mantenimiento."""
    historia = list(EventoMantenimiento.select().where(EventoMantenimiento.mantenimiento == registro)
                    .order_by(EventoMantenimiento.momento, EventoMantenimiento.id))
    avisado = registro.aviso_vigente
    registro.aviso_vigente = False   # el trámite se abre como quedó al programarse, antes de avisar
    tramite = abrir(actor, registro, momento=registro.creado_en)
    registro.aviso_vigente = avisado
    Mantenimiento.update(expediente=tramite.id).where(Mantenimiento.id == registro.id).execute()
    registro.expediente = tramite
    avisados = (AvisoMantenimiento.select(AvisoMantenimiento.oficio)
                .where(AvisoMantenimiento.mantenimiento == registro))
    Oficio.update(tramite_id=tramite.id).where(Oficio.id.in_(avisados) & Oficio.tramite_id.is_null()).execute()
    for evento in historia:
        if evento.tipo == servidores.AVISO:
            al_avisar(actor, registro, evento.momento, evento.nota)
        elif evento.tipo == servidores.REALIZACION:
            al_realizar(actor, registro, evento.nota, evento.momento)
        elif evento.tipo == servidores.VERIFICACION:
            al_verificar(actor, registro, "Funciona correctamente" in evento.nota, evento.nota, evento.momento)
        elif evento.tipo == servidores.AJUSTE:
            al_ajustar(actor, registro, evento.nota, evento.momento)
        elif evento.tipo == servidores.CANCELACION:
            al_cancelar(actor, registro, evento.nota or registro.motivo_cancelacion, evento.momento)
    # Sin historia completa, el estado manda: concluido o cancelado en su fecha.
    if registro.estado == estados.CONCLUIDO and _abierto(registro) is not None:
        verificar = VERIFICACION[registro.procedimiento][0]
        momento = registro.concluido_en or registro.modificado_en
        if Tramite.get_by_id(tramite.id).paso_actual != verificar:
            expediente.llevar(actor, tramite, verificar, respuestas=respuestas(registro), momento=momento)
        al_verificar(actor, registro, True, "", momento)
    elif registro.estado == estados.CANCELADO and _abierto(registro) is not None:
        al_cancelar(actor, registro, registro.motivo_cancelacion, registro.cancelado_en or registro.modificado_en)


def vincular_existentes(actor: Usuario | None = None) -> int:
    """Da su trámite a cada mantenimiento que no lo tiene, en el paso que implica su estado.

    Cada trámite se abre con la fecha en que se programó el mantenimiento y recorre su
    historial (aviso, realización, verificaciones, ajustes, cancelación) con sus momentos.
    Idempotente: los que ya tienen trámite no se tocan. Devuelve cuántos vinculó.
    """
    from app.base_datos import transaccion

    pendientes = list(Mantenimiento.select().where(Mantenimiento.expediente.is_null()).order_by(Mantenimiento.id))
    with transaccion():
        for registro in pendientes:
            _vincular(actor, registro)
    return len(pendientes)


# Número del trámite y su paso actual, para el detalle (el mismo en Mantenimiento e Inventario).
resumen = expediente.resumen_de
