"""El trámite (expediente único) de cada movimiento al inventario: procedimiento 21.

Un movimiento (alta, baja o cambio de resguardante) es un caso del procedimiento 21; su
trámite se abre en la misma transacción en que se solicita y cada acción lo lleva por los
pasos del manual.

Estado del movimiento → paso abierto del trámite:

===========  ===================================================================
Estado       Trámite
===========  ===================================================================
solicitado   paso 5 (recepción del oficio por Armonización Contable): quedan
             cerrados 1 (solicitud), 2 (recepción), 3 («Identificar actividad»
             respondida Alta/Baja/Cambio → 3.1/3.2/3.3), la solicitud 3.x y el
             oficio de solicitud 4, que el servicio emite al solicitar
enviado      paso 6 (Armonización Contable realiza el movimiento)
aplicado     concluido: la respuesta de Armonización cierra 6 y 7
rechazado    cancelado con el número del oficio de respuesta y su motivo
===========  ===================================================================
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.modelos import Bien, Oficio, Tramite, Usuario
from app.modelos.movimientos import (ALTA, APLICADO, BAJA, CAMBIO, ENVIADO, RECHAZADO, TIPOS_MOVIMIENTO,
                                     DetalleMovimiento, Movimiento)
from app.servicios.tramites import expediente

PROCEDIMIENTO = 21
RESPUESTA_TIPO = {ALTA: "Alta", BAJA: "Baja", CAMBIO: "Cambio"}
PASO_TIPO = {ALTA: "3.1", BAJA: "3.2", CAMBIO: "3.3"}
PASO_SOLICITADO = "5"
PASO_ENVIADO = "6"
_LARGO, _CORTO = 5000, 300


def _recortar(texto: str, maximo: int) -> str:
    texto = (texto or "").strip()
    return texto if len(texto) <= maximo else texto[:maximo - 1].rstrip() + "…"


def asunto(tipo: str, bienes: list[Bien]) -> str:
    numeros = ", ".join(b.numero_inventario for b in bienes[:5]) + ("…" if len(bienes) > 5 else "")
    cuantos = "1 bien" if len(bienes) == 1 else f"{len(bienes)} bienes"
    return f"{TIPOS_MOVIMIENTO[tipo]}: {cuantos} ({numeros})"


def abrir(actor: Usuario | None, tipo: str, bienes: list[Bien], renglones: str, *, motivo: str = "",
          dictamen: str = "", oficio_entrada: Oficio | None = None,
          momento: dt.datetime | None = None) -> Tramite:
    """Abre el trámite de un movimiento recién solicitado y lo deja en el paso 5.

    ``renglones`` es la lista de bienes del oficio; ``dictamen``, el folio del dictamen de una baja.
    """
    datos: dict[str, dict[str, Any]] = {
        "1": {"movimiento_solicitado": _recortar(f"{TIPOS_MOVIMIENTO[tipo]}.\n{renglones}", _LARGO)}}
    paso = {"bienes": _recortar(renglones, _LARGO)}
    if tipo == BAJA:
        paso.update(motivo=_recortar(motivo, _LARGO), dictamen=_recortar(dictamen, _CORTO))
    elif tipo == CAMBIO:
        paso["motivo"] = _recortar(motivo, _CORTO)
    datos[PASO_TIPO[tipo]] = paso
    dependencia = next((b.dependencia for b in bienes if b.dependencia_id), None)
    return expediente.abrir(actor, PROCEDIMIENTO, asunto(tipo, bienes), dependencia=dependencia,
                            oficio_entrada=oficio_entrada, hasta=PASO_SOLICITADO,
                            respuestas={"3": RESPUESTA_TIPO[tipo]}, momento=momento, datos=datos)


def _abierto(movimiento: Movimiento) -> Tramite | None:
    if movimiento.expediente_id is None:
        return None
    tramite = Tramite.get_or_none(Tramite.id == movimiento.expediente_id)
    return tramite if tramite is not None and tramite.estado == "abierto" else None


def al_enviar(actor: Usuario | None, movimiento: Movimiento, momento: dt.datetime | None = None) -> None:
    """Armonización Contable recibió el oficio (paso 5): pasa a realizar el movimiento (6)."""
    tramite = _abierto(movimiento)
    if tramite is not None:
        expediente.llevar(actor, tramite, PASO_ENVIADO, momento=momento)


def _respuesta(movimiento: Movimiento) -> str:
    texto = f"oficio {movimiento.respuesta_numero}"
    if movimiento.respuesta_fecha:
        texto += f" del {movimiento.respuesta_fecha:%d/%m/%Y}"
    return texto


def al_aplicar(actor: Usuario | None, movimiento: Movimiento, numeros: list[str],
               momento: dt.datetime | None = None) -> None:
    """Armonización Contable aplicó el movimiento: cierra 6 y 7 y el trámite concluye."""
    tramite = _abierto(movimiento)
    if tramite is None:
        return
    resultado = (f"Armonización Contable aplicó el movimiento ({TIPOS_MOVIMIENTO[movimiento.tipo].lower()}; "
                 f"{_respuesta(movimiento)}).")
    if movimiento.respuesta_nota:
        resultado += f" {movimiento.respuesta_nota}"
    expediente.concluir(actor, tramite, momento=momento, nota=movimiento.respuesta_nota,
                        datos={"6": {"numeros_inventario": _recortar(", ".join(numeros), _LARGO)},
                               "7": {"resultado": _recortar(resultado, _LARGO)}})


def al_rechazar(actor: Usuario | None, movimiento: Movimiento, momento: dt.datetime | None = None) -> None:
    """Armonización Contable rechazó el movimiento: el trámite se cancela con el motivo."""
    tramite = _abierto(movimiento)
    if tramite is not None:
        expediente.cancelar(actor, tramite, f"Rechazado por Armonización Contable ({_respuesta(movimiento)}): "
                                            f"{movimiento.respuesta_nota}", momento)


# --- Movimientos de antes del expediente único ------------------------------------------------------

def _vincular(actor: Usuario | None, movimiento: Movimiento) -> None:
    bienes = list(Bien.select().join(DetalleMovimiento).where(DetalleMovimiento.movimiento == movimiento.id)
                  .order_by(Bien.numero_inventario))
    renglones = "\n".join(f"• No. de inventario {b.numero_inventario}: {b.descripcion}." for b in bienes)
    dictamen = f"Dictamen {movimiento.dictamen_id}" if movimiento.dictamen_id else ""
    tramite = abrir(actor, movimiento.tipo, bienes, renglones, motivo=movimiento.motivo, dictamen=dictamen,
                    momento=movimiento.creado_en)
    Movimiento.update(expediente=tramite.id).where(Movimiento.id == movimiento.id).execute()
    movimiento.expediente = tramite
    if movimiento.oficio_id and Oficio.get_by_id(movimiento.oficio_id).tramite_id is None:
        Oficio.update(tramite_id=tramite.id).where(Oficio.id == movimiento.oficio_id).execute()
    final = movimiento.resuelto_en or movimiento.modificado_en
    if movimiento.estado in (ENVIADO, APLICADO) or movimiento.enviado_en:
        al_enviar(actor, movimiento, movimiento.enviado_en or final)
    if movimiento.estado == APLICADO:
        al_aplicar(actor, movimiento, [b.numero_inventario for b in bienes], final)
    elif movimiento.estado == RECHAZADO:
        al_rechazar(actor, movimiento, final)


def vincular_existentes(actor: Usuario | None = None) -> int:
    """Da su trámite a cada movimiento que no lo tiene, en el paso que implica su estado.

    El trámite se abre con la fecha de la solicitud, pasa al 6 con la del envío y concluye
    (aplicado) o se cancela (rechazado) con la de la respuesta. Idempotente: los que ya
    tienen trámite no se tocan. Devuelve cuántos vinculó.
    """
    from app.base_datos import transaccion

    pendientes = list(Movimiento.select().where(Movimiento.expediente.is_null()).order_by(Movimiento.id))
    with transaccion():
        for movimiento in pendientes:
            _vincular(actor, movimiento)
    return len(pendientes)


# Número del trámite y su paso actual, para el detalle (el mismo en Mantenimiento e Inventario).
resumen = expediente.resumen_de
