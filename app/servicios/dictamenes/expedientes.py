"""El trámite del procedimiento 4 que lleva cada dictamen técnico (issue 14: un solo expediente).

Cada dictamen es un caso del procedimiento 4. Su trámite se abre en la misma transacción que
la solicitud (pasos 1 y 2: la necesidad y el oficio recibido) y las acciones del módulo lo
llevan por el manual:

* programar la recepción → cierra el paso 3; si ya se avisó por teléfono (acuerdo), también el 4;
* recibir el equipo → cierra el paso 5 (queda en el 6, las pruebas);
* capturar la evaluación → cierra el paso 6 (queda en el 7, el oficio de dictamen);
* emitir → cierra el paso 7 y el trámite concluye; cancelar → el trámite se cancela.

:func:`vincular_existentes` crea el trámite de los dictámenes anteriores al expediente único,
con los momentos que dejó su bitácora.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.modelos import Bitacora, Tramite, Usuario, ahora
from app.modelos.dictamenes import (CANCELADO, EMITIDO, EN_REVISION, PROGRAMADO, RESULTADOS,
                                    Dictamen)
from app.servicios.nucleo import bitacora
from app.servicios.tramites import expediente, procedimientos

PROCEDIMIENTO = 4
# Lo que el paso 7 («estado_bien») dice de cada resultado del módulo.
ESTADO_BIEN = {"operativo": "Apto para operar", "reparable": "Apto para operar con reparación",
               "no_apto": "No apto para operar"}


def _asunto(dictamen: Dictamen) -> str:
    bien = dictamen.bien
    return f"Dictamen técnico del bien {bien.numero_inventario}: {bien.descripcion}"


def paso_de(dictamen: Dictamen) -> str | None:
    """El paso del procedimiento 4 en que está un dictamen según su estado (None: concluido)."""
    if dictamen.estado == EMITIDO:
        return None
    if dictamen.estado == EN_REVISION:
        return "7" if dictamen.pruebas.strip() else "6"
    if dictamen.estado == PROGRAMADO:
        return "5" if dictamen.acuerdo_telefonico.strip() else "4"
    return "3"


def _datos(dictamen: Dictamen) -> dict[str, dict[str, Any]]:
    """Copia en cada paso de lo que el módulo ya capturó (solo lo que el paso declara)."""
    datos: dict[str, dict[str, Any]] = {
        "1": {"bien_a_dictaminar": _asunto(dictamen)},
        "2": {"motivo_dictamen": dictamen.motivo_solicitud},
    }
    if dictamen.recepcion_acordada:
        datos["3"] = {"fecha_recepcion_programada": dictamen.recepcion_acordada}
        if dictamen.acuerdo_telefonico.strip():
            datos["4"] = {"contacto": dictamen.acuerdo_telefonico[:200],
                          "fecha_entrega_acordada": dictamen.recepcion_acordada}
    if dictamen.recibido_en:
        datos["5"] = {"bien": dictamen.bien, "fecha_recepcion": dictamen.recibido_en,
                      "condiciones_recepcion": f"Entregó: {dictamen.entregado_por}" if dictamen.entregado_por else ""}
    if dictamen.pruebas.strip():
        datos["6"] = {"fecha_fabricacion": f"{dictamen.fecha_fabricacion:%d/%m/%Y}" if dictamen.fecha_fabricacion
                      else "", "marca": dictamen.marca, "modelo": dictamen.modelo,
                      "caracteristicas_hardware": dictamen.caracteristicas_hardware,
                      "caracteristicas_software": dictamen.caracteristicas_software,
                      "pruebas_realizadas": dictamen.pruebas}
    if dictamen.estado == EMITIDO:
        datos["7"] = {"estado_bien": ESTADO_BIEN.get(dictamen.resultado, ""),
                      "posible_solucion": dictamen.posible_solucion or RESULTADOS.get(dictamen.resultado, "")}
    return datos


def abrir(actor: Usuario | None, dictamen: Dictamen, momento: dt.datetime | None = None) -> Tramite:
    """Abre el trámite del dictamen recién solicitado y lo deja en el paso de su estado.

    Se llama dentro de la transacción de la solicitud, antes de registrarla en la bitácora.
    """
    momento = momento or dictamen.creado_en or ahora()
    tramite = expediente.abrir(actor, PROCEDIMIENTO, _asunto(dictamen), dependencia=dictamen.dependencia,
                               oficio_entrada=dictamen.oficio_solicitud, hasta="3", momento=momento,
                               datos=_datos(dictamen))
    dictamen.expediente = tramite
    hasta = paso_de(dictamen)
    if hasta != "3":
        expediente.llevar(actor, tramite, hasta, momento=momento, datos=_datos(dictamen))
    return tramite


def _orden(paso: str | None) -> int:
    if paso is None:
        return 10 ** 6
    definicion = procedimientos.obtener(PROCEDIMIENTO)
    return [p.numero for p in definicion.pasos].index(paso)


def llevar(actor: Usuario | None, dictamen: Dictamen, momento: dt.datetime | None = None) -> Tramite | None:
    """Lleva el trámite al paso que implica el estado actual del dictamen (nunca hacia atrás).

    Un dictamen sin trámite (anterior al expediente único) recibe el suyo aquí mismo.
    """
    if dictamen.expediente_id is None:
        return vincular(actor, dictamen)
    tramite = Tramite.get_by_id(dictamen.expediente_id)
    if tramite.estado != "abierto":
        return tramite
    if dictamen.estado == CANCELADO:
        return expediente.cancelar(actor, tramite, dictamen.motivo_cancelacion, momento)
    hasta = paso_de(dictamen)
    if _orden(hasta) < _orden(tramite.paso_actual):
        return tramite
    return expediente.llevar(actor, tramite, hasta, momento=momento or ahora(), datos=_datos(dictamen))


# --- Dictámenes anteriores al expediente único --------------------------------------------------------

def _momento(dictamen: Dictamen, accion: str, defecto: dt.datetime) -> dt.datetime:
    """Cuándo dejó la bitácora la ``accion`` del dictamen (la última vez), o ``defecto``."""
    fila = (Bitacora.select(Bitacora.momento)
            .where((Bitacora.tabla == Dictamen._meta.table_name) & (Bitacora.registro_id == dictamen.id)
                   & (Bitacora.accion == accion))
            .order_by(Bitacora.id.desc()).tuples().first())
    return fila[0] if fila else defecto


def vincular(actor: Usuario | None, dictamen: Dictamen) -> Tramite:
    """Crea el trámite de un dictamen que no lo tiene, con los momentos de su historia."""
    inicio = dictamen.creado_en
    tramite = expediente.abrir(actor, PROCEDIMIENTO, _asunto(dictamen), dependencia=dictamen.dependencia,
                               oficio_entrada=dictamen.oficio_solicitud, hasta="3", momento=inicio,
                               datos=_datos(dictamen))
    datos = _datos(dictamen)
    previo = inicio
    hitos: list[tuple[str | None, str, dt.datetime]] = []
    if dictamen.recepcion_acordada:
        hitos.append(("5" if dictamen.acuerdo_telefonico.strip() else "4", "recepción de equipo programada", inicio))
    if dictamen.recibido_en:
        hitos.append(("6", "", dictamen.recibido_en))
    if dictamen.pruebas.strip():
        hitos.append(("7", "evaluación de dictamen capturada", dictamen.modificado_en))
    if dictamen.estado == EMITIDO or (dictamen.estado == CANCELADO and dictamen.folio):
        emitido = (dt.datetime.combine(dictamen.fecha_emision, dt.time(12, 0)) if dictamen.fecha_emision
                   else dictamen.modificado_en)
        hitos.append((None, "emisión de dictamen técnico", emitido))
    for hasta, accion, defecto in hitos:
        momento = max(previo, _momento(dictamen, accion, defecto) if accion else defecto)
        # Un dictamen cancelado pudo haberse cancelado antes de llegar a ese paso.
        tramite = expediente.llevar(actor, tramite, hasta, momento=momento, datos=datos)
        previo = momento
    if dictamen.estado == CANCELADO and tramite.estado == "abierto":
        expediente.cancelar(actor, tramite, dictamen.motivo_cancelacion,
                            max(previo, dictamen.cancelado_en or dictamen.modificado_en))
    _anotar_vinculo(actor, dictamen, tramite)
    return Tramite.get_by_id(tramite.id)


def _anotar_vinculo(actor: Usuario | None, registro: Dictamen, tramite: Tramite) -> None:
    """Anota el trámite en el registro (con su bitácora) sin tocar lo demás que tenga guardado."""
    actual = Dictamen.get_by_id(registro.id)
    actual.expediente = tramite
    bitacora.guardar(actual, "trámite del expediente vinculado", actor, only=[Dictamen.expediente])
    registro.expediente = tramite


def vincular_existentes(actor: Usuario | None = None) -> int:
    """Crea el trámite de cada dictamen que no lo tiene; devuelve cuántos creó (idempotente)."""
    from app.base_datos import transaccion

    creados = 0
    for dictamen in Dictamen.select().where(Dictamen.expediente.is_null()).order_by(Dictamen.id):
        with transaccion():
            vincular(actor, dictamen)
        creados += 1
    return creados


# --- Para las vistas ---------------------------------------------------------------------------------

def por_expediente(tramite_id: int) -> Dictamen | None:
    """El registro cuyo trámite es ``tramite_id`` (None si no es de este módulo)."""
    return Dictamen.get_or_none(Dictamen.expediente == tramite_id) if tramite_id else None


# «DTI-T-0012/2026 · paso 3. …» o «… · Concluido»: el mismo texto en todos los módulos.
texto_expediente = expediente.texto_de
