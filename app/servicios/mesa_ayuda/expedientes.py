"""Trámites para los tickets y escalamientos anteriores al expediente único.

:func:`vincular_existentes` da a cada ticket y a cada escalamiento sin ``expediente`` su
trámite (procedimiento 6 y 2), colocado en el paso que implica su estado y con los momentos
de su historia (recibido, atendido, resuelto, cerrado; enviado, devuelto, entregado). El
mapeo de estados a pasos es el de :mod:`app.servicios.mesa_ayuda.avance`.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from app.base_datos import transaccion
from app.modelos import Escalamiento, Ticket, Tramite
from app.servicios.mesa_ayuda import avance, escalamiento, tickets
from app.servicios.mesa_ayuda.avance import paso_atencion, respuesta_remota, usuario_de
from app.servicios.nucleo import bitacora
from app.servicios.tramites import expediente


def vincular_existentes(actor: Any = None) -> int:
    """Da su trámite a cada ticket y escalamiento que no lo tiene; devuelve cuántos vinculó.

    El trámite queda en el paso que implica el estado del registro, con los momentos de su
    historia. Cada registro va en su propia transacción; una segunda llamada no hace nada.
    """
    vinculados = 0
    pendientes = Ticket.select(Ticket.id).where(Ticket.expediente.is_null()).order_by(Ticket.id)
    for (ticket_id,) in list(pendientes.tuples()):
        with transaccion():
            ticket = Ticket.get_by_id(ticket_id)
            if ticket.expediente_id is None:
                _colocar_ticket(actor, ticket)
                vinculados += 1
    pendientes = (Escalamiento.select(Escalamiento.id).where(Escalamiento.expediente.is_null())
                  .order_by(Escalamiento.id))
    for (esc_id,) in list(pendientes.tuples()):
        with transaccion():
            esc = Escalamiento.get_by_id(esc_id)
            if esc.expediente_id is None:
                _colocar_escalamiento(actor, esc)
                vinculados += 1
    return vinculados


def _vincular(actor: Any, registro, tramite: Tramite) -> None:
    """Anota el vínculo en el registro y en su bitácora (la instantánea lleva el trámite)."""
    registro.expediente = tramite
    bitacora.guardar_versionado(registro, "vínculo con su trámite", actor, registro.version)


def _colocar_ticket(actor: Any, ticket: Ticket) -> None:
    tramite = avance.abrir_de_ticket(actor, ticket)
    _vincular(actor, ticket, tramite)
    actor = usuario_de(actor)
    atendido = ticket.primera_respuesta_en
    if ticket.estado != tickets.NUEVO and atendido is not None:
        expediente.llevar(actor, tramite, paso_atencion(ticket.modalidad),
                          respuestas={"3": respuesta_remota(ticket.modalidad)},
                          momento=max(atendido, ticket.recibido_en))
    if ticket.estado in (tickets.RESUELTO, tickets.CERRADO):
        resuelto = ticket.resuelto_en or ticket.cerrado_en or ticket.modificado_en
        expediente.llevar(actor, tramite, "5", respuestas={"3": respuesta_remota(ticket.modalidad)},
                          momento=_despues(resuelto, atendido, ticket.recibido_en))
    if ticket.estado == tickets.CERRADO:
        cerrado = ticket.cerrado_en or ticket.modificado_en
        expediente.concluir(actor, tramite, momento=_despues(cerrado, ticket.resuelto_en, atendido,
                                                              ticket.recibido_en))
    elif ticket.estado == tickets.CANCELADO:
        expediente.cancelar(actor, tramite, "Ticket cancelado antes del expediente único.",
                            momento=_despues(ticket.modificado_en, atendido, ticket.recibido_en))


def _colocar_escalamiento(actor: Any, esc: Escalamiento) -> None:
    ticket = Ticket.get_by_id(esc.ticket_id)
    tramite = avance.abrir_de_escalamiento(actor, ticket, esc)
    _vincular(actor, esc, tramite)
    actor = usuario_de(actor)
    if esc.estado == escalamiento.ENTREGADO:
        expediente.llevar(actor, tramite, "6", momento=_despues(esc.devuelto_en, esc.enviado_en))
        expediente.concluir(actor, tramite, momento=_despues(esc.entregado_en, esc.devuelto_en, esc.enviado_en))
    elif esc.estado == escalamiento.DEVUELTO:
        ultimo = escalamiento.del_ticket(ticket)
        devuelto = _despues(esc.devuelto_en, esc.enviado_en)
        if ticket.estado == tickets.ESCALADO and ultimo is not None and ultimo.id == esc.id:
            expediente.llevar(actor, tramite, "6", momento=devuelto)          # reparado, por entregar
        elif ticket.estado in (tickets.RESUELTO, tickets.CERRADO) and ultimo is not None and ultimo.id == esc.id:
            expediente.llevar(actor, tramite, "6", momento=devuelto)
            expediente.concluir(actor, tramite, momento=_despues(ticket.resuelto_en, devuelto))
        else:
            expediente.cancelar(actor, tramite, "El proveedor devolvió el equipo sin reparar.", momento=devuelto)


def _despues(*momentos: dt.datetime | None) -> dt.datetime | None:
    """El más tardío de los momentos conocidos: un paso no termina antes que el anterior."""
    conocidos = [m for m in momentos if m is not None]
    return max(conocidos) if conocidos else None
