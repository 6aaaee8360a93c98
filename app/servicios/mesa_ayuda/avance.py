"""Cómo cada acción de la mesa de ayuda lleva el trámite de su caso (expediente único).

Un ticket es un caso del **procedimiento 6** («Atención a solicitudes de soporte técnico») y
cada escalamiento, uno del **procedimiento 2** («Escalamiento de incidentes»). Su trámite se
abre en la misma transacción que el registro y cada acción del módulo lo lleva al paso que
implica; desde la pestaña Trámites no se mueve. Los momentos son los del registro (recibido,
primera respuesta, solución, cierre), así que el tiempo de cada paso es el real.

Procedimiento 6 (ticket):

============================  ==============================================================
Acción del ticket             Trámite
============================  ==============================================================
Registro («nuevo»)            Pasos 1 y 2 cerrados al recibirse; espera en la decisión 3.
Atender («en atención»)       Responde la 3: remota → «Sí» (paso 4), presencial → «No» (3.1).
Escalar a proveedor           El trámite espera en 4 o 3.1 (lo lleva el del procedimiento 2).
Resolver («resuelto»)         Cierra 4 o 3.1; queda en el paso 5 (entrega de la solución).
Reabrir                       Sigue en el paso 5: la solución aún no se entrega a satisfacción.
Cerrar («cerrado»)            Cierra el paso 5: el trámite concluye.
Cancelar («cancelado»)        El trámite se cancela con el mismo motivo.
Asignar técnico / atender     El técnico asignado es el responsable del trámite.
============================  ==============================================================

Procedimiento 2 (escalamiento): al escalar se abre con el inicio del ticket y se lleva a 5.1
(1 y 2 al recibirse; 3 respondida como en el ticket, al atenderlo; 4 o 3.1 hasta el envío;
5 = «No» al enviarlo). La devolución reparada lo lleva al paso 6 (entrega del equipo); la
entrega lo concluye. Devuelto sin reparar, el trámite del escalamiento se cancela (el ticket
vuelve a «en atención» y puede escalarse de nuevo, con otro trámite). Si el ticket se cierra
con un equipo devuelto que no pasó por «Entregar equipo», su escalamiento concluye con él.

Aquí no se revisan permisos ni se abren transacciones: lo llaman :mod:`tickets` y
:mod:`escalamiento` dentro de las suyas. Los registros anteriores al expediente único
reciben su trámite con :func:`app.servicios.mesa_ayuda.expedientes.vincular_existentes`.
"""
from __future__ import annotations

from typing import Any

from app.modelos import Escalamiento, Ticket, Tramite, Usuario
from app.servicios.tramites import expediente
from app.servicios.tramites.tramites import ABIERTO

PROCEDIMIENTO_TICKET = 6
PROCEDIMIENTO_ESCALAMIENTO = 2
SI, NO = "Sí", "No"
MODALIDAD_PRESENCIAL = "presencial"     # = tickets.PRESENCIAL (tickets importa este módulo)


def respuesta_remota(modalidad: str) -> str:
    """La respuesta a «¿Es posible atenderlo de manera remota?» según la modalidad del ticket."""
    return NO if modalidad == MODALIDAD_PRESENCIAL else SI


def paso_atencion(modalidad: str) -> str:
    """El paso de la atención: 4 (acceso remoto) o 3.1 (se asiste al lugar)."""
    return "4" if respuesta_remota(modalidad) == SI else "3.1"


# Canal del ticket → opción «Medio de la solicitud» de los pasos (política 1).
MEDIOS = {"presencial": "Presencial en la oficina de la DTI",
          "telefono": "Llamada telefónica (ext. 222, 223, 224, 225)",
          "whatsapp": "Mensaje de texto (WhatsApp)", "correo": "Correo electrónico"}


def _asunto(ticket: Ticket) -> str:
    return f"Ticket {ticket.folio}: {' '.join(ticket.descripcion.split())}"


def usuario_de(actor: Any) -> Usuario | None:
    """El actor como usuario del trámite (None si es el sistema u otro actor sin cuenta)."""
    return actor if isinstance(actor, Usuario) else None


def _tramite(tramite_id: int | None) -> Tramite | None:
    return Tramite.get_or_none(Tramite.id == tramite_id) if tramite_id else None


# --- Procedimiento 6: el ticket --------------------------------------------------------------

def abrir_de_ticket(actor: Any, ticket: Ticket, oficio_entrada=None) -> Tramite:
    """Abre el trámite del ticket recién registrado: pasos 1 y 2 cerrados al recibirse, en la 3."""
    datos = {"1": {"problema": ticket.descripcion[:5000], "bien": ticket.bien_id},
             "2": {"medio": MEDIOS.get(ticket.canal), "ubicacion": ticket.dependencia.nombre}}
    tramite = expediente.abrir(
        usuario_de(actor), PROCEDIMIENTO_TICKET, _asunto(ticket), dependencia=ticket.dependencia,
        solicitante=ticket.solicitante, oficio_entrada=oficio_entrada, hasta="3",
        momento=ticket.recibido_en, datos=datos)
    if ticket.asignado_id:
        expediente.asignar(usuario_de(actor), tramite, ticket.asignado)
    return tramite


def al_atender(actor: Any, ticket: Ticket) -> None:
    """Primera respuesta: la decisión 3 según la modalidad; el técnico es el responsable."""
    tramite = _tramite(ticket.expediente_id)
    if tramite is None or tramite.estado != ABIERTO:
        return
    momento = ticket.primera_respuesta_en
    if tramite.paso_actual == "3":
        expediente.llevar(usuario_de(actor), tramite, paso_atencion(ticket.modalidad),
                          respuestas={"3": respuesta_remota(ticket.modalidad)}, momento=momento)
    expediente.asignar(usuario_de(actor), tramite, ticket.asignado)


def al_asignar(actor: Any, ticket: Ticket) -> None:
    tramite = _tramite(ticket.expediente_id)
    if tramite is not None and tramite.estado == ABIERTO:
        expediente.asignar(usuario_de(actor), tramite, ticket.asignado)


def al_resolver(actor: Any, ticket: Ticket) -> None:
    """Solución entregada: el trámite queda en el paso 5 (si ya estaba, no se mueve)."""
    tramite = _tramite(ticket.expediente_id)
    if tramite is None or tramite.estado != ABIERTO:
        return
    expediente.llevar(usuario_de(actor), tramite, "5", respuestas={"3": respuesta_remota(ticket.modalidad)},
                      momento=ticket.resuelto_en, datos={"5": {"solucion": ticket.solucion[:5000]}})


def al_cerrar(actor: Any, ticket: Ticket) -> None:
    """Ticket cerrado: concluye su trámite y el de un escalamiento devuelto que no se entregó."""
    momento = ticket.cerrado_en
    tramite = _tramite(ticket.expediente_id)
    if tramite is not None and tramite.estado == ABIERTO:
        expediente.llevar(usuario_de(actor), tramite, "5", respuestas={"3": respuesta_remota(ticket.modalidad)},
                          momento=momento)
        expediente.concluir(usuario_de(actor), tramite, momento=momento)
    for esc in Escalamiento.select().where((Escalamiento.ticket == ticket.id)
                                           & Escalamiento.expediente.is_null(False)):
        propio = _tramite(esc.expediente_id)
        if propio is not None and propio.estado == ABIERTO and propio.paso_actual == "6":
            expediente.concluir(usuario_de(actor), propio, momento=momento)


def al_cancelar(actor: Any, ticket: Ticket, motivo: str) -> None:
    tramite = _tramite(ticket.expediente_id)
    if tramite is not None:
        expediente.cancelar(usuario_de(actor), tramite, motivo)


# --- Procedimiento 2: el escalamiento ----------------------------------------------------------

def abrir_de_escalamiento(actor: Any, ticket: Ticket, esc: Escalamiento) -> Tramite:
    """Abre el trámite del escalamiento con la historia del ticket y lo lleva a 5.1 (con el proveedor)."""
    actor = usuario_de(actor)
    respuesta = respuesta_remota(ticket.modalidad)
    propio = _tramite(ticket.expediente_id)
    oficio = propio.oficio_entrada if propio is not None and propio.oficio_entrada_id else None
    tramite = expediente.abrir(
        actor, PROCEDIMIENTO_ESCALAMIENTO, f"Ticket {ticket.folio} con {esc.proveedor.razon_social}: "
        f"{' '.join(esc.motivo.split())}", dependencia=ticket.dependencia, solicitante=ticket.solicitante,
        oficio_entrada=oficio, hasta="3", momento=ticket.recibido_en,
        datos={"1": {"problema": ticket.descripcion[:5000], "bien": ticket.bien_id,
                     "medio": MEDIOS.get(ticket.canal)},
               "2": {"ubicacion": ticket.dependencia.nombre}})
    atendido = ticket.primera_respuesta_en or esc.enviado_en
    expediente.llevar(actor, tramite, paso_atencion(ticket.modalidad), respuestas={"3": respuesta},
                      momento=min(atendido, esc.enviado_en))
    expediente.llevar(actor, tramite, "5.1", respuestas={"5": NO}, momento=esc.enviado_en,
                      datos={"5.1": {"proveedor": esc.proveedor_id,
                                     "fecha_compromiso": esc.entrega_comprometida}})
    expediente.asignar(actor, tramite, ticket.asignado)
    return tramite


def al_devolver(actor: Any, esc: Escalamiento, reparado: bool) -> None:
    """Devuelto reparado: paso 6 (entregar el equipo). Sin reparar: el escalamiento se cancela."""
    tramite = _tramite(esc.expediente_id)
    if tramite is None or tramite.estado != ABIERTO:
        return
    if reparado:
        expediente.llevar(usuario_de(actor), tramite, "6", momento=esc.devuelto_en)
    else:
        expediente.cancelar(usuario_de(actor), tramite, f"El proveedor devolvió el equipo sin reparar: "
                                                    f"{esc.diagnostico_proveedor}", momento=esc.devuelto_en)


def al_entregar(actor: Any, esc: Escalamiento, solucion: str) -> None:
    """Equipo entregado en óptimas condiciones: cierra el paso 6 y el trámite concluye."""
    tramite = _tramite(esc.expediente_id)
    if tramite is None or tramite.estado != ABIERTO:
        return
    datos = {"6": {"solucion": solucion[:5000], "recibe": esc.recibido_por_id}}
    expediente.llevar(usuario_de(actor), tramite, "6", momento=esc.entregado_en)
    expediente.concluir(usuario_de(actor), tramite, momento=esc.entregado_en, datos=datos)
