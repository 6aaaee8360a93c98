"""Escalamiento de incidentes a proveedores (procedimiento 2, actividades 5.1 y 6).

Política 4: el proveedor debe ser servicio técnico autorizado de la marca del
equipo y cumplir tiempos de entrega. Se registra el plazo comprometido (por
omisión el tiempo de entrega del proveedor, en días hábiles), el envío y la
devolución del equipo; la entrega «en óptimas condiciones» registra quién lo
recibió y cierra el ticket.

Cada escalamiento lleva su trámite del procedimiento 2 (``Escalamiento.expediente``): se
abre al escalar, con la historia del ticket, y queda en la actividad 5.1 mientras el equipo
está con el proveedor; la devolución reparada lo lleva a la 6 y la entrega lo concluye (el
mapeo completo está en :mod:`app.servicios.mesa_ayuda.avance`). El trámite del ticket
(procedimiento 6) espera en su paso de atención hasta que el ticket se resuelve y se cierra.
"""
from __future__ import annotations

import datetime as dt

from app.base_datos import transaccion
from app.modelos import Escalamiento, Proveedor, ServidorPublico, Ticket, ahora
from app.servicios.nucleo import bitacora, permisos
from app.servicios.mesa_ayuda import avance, tickets
from app.servicios.nucleo.calendario_laboral import calendario
from app.servicios.catalogos.catalogos import es_servicio_autorizado
from app.errores import ErrorTransicion
from app.servicios.nucleo.validacion import Validador, limpiar_texto
from app.servicios.nucleo.concurrencia import cambia

CON_PROVEEDOR, DEVUELTO, ENTREGADO = "con_proveedor", "devuelto", "entregado"
ESTADOS = {CON_PROVEEDOR: "Con el proveedor", DEVUELTO: "Devuelto a la DTI",
           ENTREGADO: "Entregado al usuario"}


def razon_no_autorizado(proveedor: Proveedor, marca: str) -> str | None:
    """Por qué ``proveedor`` no puede recibir un equipo de ``marca`` (None si sí puede)."""
    if not proveedor.activo:
        return f"{proveedor.razon_social} está dado de baja en el catálogo de proveedores."
    if not es_servicio_autorizado(proveedor, marca):
        return f"{proveedor.razon_social} no es servicio autorizado de la marca {marca}."
    return None


def proveedores_autorizados(marca: str) -> list[Proveedor]:
    """Proveedores activos que son servicio autorizado de ``marca``."""
    return [p for p in Proveedor.select().where(Proveedor.activo == True)  # noqa: E712
            .order_by(Proveedor.razon_social) if es_servicio_autorizado(p, marca)]


@cambia("ticket")
def escalar(actor, ticket: Ticket, proveedor: Proveedor, *, motivo: str,
            dias_comprometidos: int | str | None = None, marca: str = "",
            version: int | None = None) -> Escalamiento:
    """Envía el equipo del ticket a un proveedor autorizado de su marca; el ticket queda «escalado».

    La marca es la del bien del ticket (o ``marca`` si el ticket no tiene bien). Un
    proveedor que no es servicio autorizado se rechaza con la razón.
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    motivo = v.texto("motivo", "Motivo del escalamiento", motivo, 2000, requerido=True, multilinea=True)
    marca = (ticket.bien.marca if ticket.bien_id else "") or limpiar_texto(marca)
    if not marca:
        v.error("marca", "Indique la marca del equipo: el proveedor debe ser servicio autorizado de ella.")
    elif proveedor is None:
        v.error("proveedor", "Elija el proveedor.")
    else:
        razon = razon_no_autorizado(proveedor, marca)
        if razon:
            v.error("proveedor", razon)
    dias = v.entero("dias_comprometidos", "Tiempo de entrega comprometido (días hábiles)",
                    proveedor.tiempo_entrega_dias if dias_comprometidos in (None, "") and proveedor
                    else dias_comprometidos, 0, 365)
    v.validar()
    if ticket.estado != tickets.EN_ATENCION:
        raise ErrorTransicion(f"Solo se escala un ticket «en atención» (el {ticket.folio} está "
                              f"«{tickets.ESTADOS[ticket.estado]}»).")
    leida = ticket.version if version is None else version
    momento = ahora()
    with transaccion():
        tickets._mover(ticket, tickets.ESCALADO)
        bitacora.guardar_versionado(ticket, "escalamiento de ticket a proveedor", actor, leida)
        registro = Escalamiento(
            ticket=ticket, proveedor=proveedor, marca=marca, motivo=motivo, enviado_en=momento,
            dias_comprometidos=dias,
            entrega_comprometida=calendario().sumar_dias_habiles(momento.date(), dias),
            estado=CON_PROVEEDOR)
        registro.expediente = avance.abrir_de_escalamiento(actor, ticket, registro)
        bitacora.guardar_versionado(registro, "envío de equipo a proveedor", actor, None)
    return registro


@cambia("escalamiento")
def registrar_devolucion(actor, escalamiento: Escalamiento, diagnostico: str, reparado: bool = True,
                         version: int | None = None) -> Escalamiento:
    """El proveedor devuelve el equipo. Sin reparar, el ticket vuelve a «en atención»."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    diagnostico = v.texto("diagnostico", "Diagnóstico o trabajo del proveedor", diagnostico, 5000,
                          requerido=True, multilinea=True)
    v.validar()
    if escalamiento.estado != CON_PROVEEDOR:
        raise ErrorTransicion("El equipo ya se había devuelto.")
    leida = escalamiento.version if version is None else version
    with transaccion():
        escalamiento.devuelto_en = ahora()
        escalamiento.diagnostico_proveedor = diagnostico
        escalamiento.estado = DEVUELTO
        bitacora.guardar_versionado(escalamiento, "devolución de equipo del proveedor", actor, leida)
        avance.al_devolver(actor, escalamiento, reparado)
        if not reparado:
            ticket = Ticket.get_by_id(escalamiento.ticket_id)
            tickets._mover(ticket, tickets.EN_ATENCION)
            bitacora.guardar_versionado(ticket, "equipo devuelto sin reparar", actor, ticket.version)
    return escalamiento


@cambia("escalamiento")
def entregar_equipo(actor, escalamiento: Escalamiento, *, recibido_por: ServidorPublico | None = None,
                    recibido_por_nombre: str = "", observaciones: str = "",
                    version: int | None = None) -> Escalamiento:
    """«Entrega equipo en óptimas condiciones»: anota quién lo recibió, resuelve y cierra el ticket."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    nombre = recibido_por.nombre if recibido_por else v.texto(
        "recibido_por", "Quién recibe el equipo", recibido_por_nombre, 200)
    if not nombre:
        v.error("recibido_por", "Falta el nombre de quien recibe el equipo.")
    observaciones = v.texto("observaciones", "Observaciones", observaciones, 2000, multilinea=True)
    v.validar()
    if escalamiento.estado != DEVUELTO:
        raise ErrorTransicion("Solo se entrega al usuario un equipo que el proveedor ya devolvió."
                              if escalamiento.estado == CON_PROVEEDOR else "El equipo ya se entregó.")
    ticket = Ticket.get_by_id(escalamiento.ticket_id)
    if ticket.estado != tickets.ESCALADO:
        raise ErrorTransicion(f"El ticket {ticket.folio} no está escalado a proveedor.")
    leida = escalamiento.version if version is None else version
    momento = ahora()
    with transaccion():
        escalamiento.entregado_en = momento
        escalamiento.recibido_por = recibido_por
        escalamiento.recibido_por_nombre = nombre
        escalamiento.estado = ENTREGADO
        bitacora.guardar_versionado(escalamiento, "entrega de equipo en óptimas condiciones", actor, leida)
        solucion = (f"Reparado por {escalamiento.proveedor.razon_social}: "
                    f"{escalamiento.diagnostico_proveedor}. Equipo entregado en óptimas condiciones "
                    f"a {nombre} el {momento:%d/%m/%Y %H:%M}.")
        if observaciones:
            solucion += f" {observaciones}"
        avance.al_entregar(actor, escalamiento, solucion)
        tickets.resolver(actor, ticket, solucion[:5000])
        tickets.cerrar(actor, ticket)
    return escalamiento


def listar(solo_pendientes: bool = False, hoy: dt.date | None = None) -> list[dict]:
    """Escalamientos, el más reciente primero; ``vencida`` marca entregas atrasadas del proveedor."""
    hoy = hoy or ahora().date()
    consulta = (Escalamiento.select(Escalamiento, Ticket, Proveedor)
                .join(Ticket).switch(Escalamiento).join(Proveedor))
    if solo_pendientes:
        consulta = consulta.where(Escalamiento.estado == CON_PROVEEDOR)
    filas = []
    for e in consulta.order_by(Escalamiento.id.desc()):
        filas.append({"id": e.id, "ticket_id": e.ticket_id, "folio": e.ticket.folio,
                      "proveedor": e.proveedor.razon_social, "marca": e.marca, "enviado_en": e.enviado_en,
                      "entrega_comprometida": e.entrega_comprometida, "devuelto_en": e.devuelto_en,
                      "entregado_en": e.entregado_en, "recibido_por": e.recibido_por_nombre,
                      "estado": e.estado, "estado_texto": ESTADOS[e.estado],
                      "vencida": e.estado == CON_PROVEEDOR and e.entrega_comprometida < hoy})
    return filas


def del_ticket(ticket: Ticket) -> Escalamiento | None:
    """El escalamiento más reciente del ticket (None si nunca se escaló)."""
    return (Escalamiento.select().where(Escalamiento.ticket == ticket)
            .order_by(Escalamiento.id.desc()).first())


