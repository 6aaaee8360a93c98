"""Tickets de la mesa de ayuda (procedimiento 6 y actividades 1–5 del 2).

El ciclo de un ticket: **nuevo** → **en atención** (primera respuesta) →
[**escalado a proveedor** → en atención] → **resuelto** (con solución) →
**cerrado**. Un resuelto que el usuario no acepta vuelve a «en atención». Un ticket
nuevo o en atención que ya no procede (duplicado, lo retiró el usuario) se **cancela** con
motivo. Cada cambio queda en la bitácora y se guarda con control de versión.

Cada ticket lleva su trámite del procedimiento 6, abierto y movido en la misma transacción
que la acción del ticket; el mapeo de estados a pasos está en
:mod:`app.servicios.mesa_ayuda.avance`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from peewee import JOIN, fn

from app.base_datos import transaccion
from app.modelos import Bien, Dependencia, Escalamiento, Oficio, ServidorPublico, Ticket, Tramite, Usuario, ahora
from app.servicios.nucleo import bitacora, folios, paginacion, permisos
from app.servicios.mesa_ayuda import avance, sla
from app.servicios.nucleo.calendario_laboral import calendario
from app.errores import ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.servicios.nucleo.concurrencia import cambia

SERIE_TICKETS = "ticket"

# Canales de la política 1 del procedimiento 6.
PRESENCIAL_OFICINA, TELEFONO, WHATSAPP, CORREO = "presencial", "telefono", "whatsapp", "correo"
CANALES: dict[str, str] = {
    TELEFONO: "Teléfono (ext. 222–225)",
    PRESENCIAL_OFICINA: "Presencial en la oficina de la DTI",
    WHATSAPP: "Mensaje de WhatsApp",
    CORREO: "Correo electrónico",
}
EXTENSIONES_DTI = ("222", "223", "224", "225")

# Modalidades: política 3 (remotas) y 2 (presencial).
PRESENCIAL = "presencial"
MODALIDADES: dict[str, str] = {
    "anydesk": "Remota: AnyDesk",
    "teamviewer": "Remota: TeamViewer",
    "escritorio_remoto": "Remota: Escritorio remoto de Windows",
    "asistencia_rapida": "Remota: Asistencia rápida de Windows",
    PRESENCIAL: "Presencial",
}
# Dependencias donde la política 2 exige atención presencial: su nombre normalizado empieza así
# («Presidencia Municipal», «Tesorería Municipal»). Se puede ampliar aquí.
DEPENDENCIAS_PRESENCIALES = ("presidencia", "tesoreria")

CATEGORIAS: dict[str, str] = {
    "equipo": "Equipo de cómputo",
    "impresora": "Impresora o escáner",
    "red": "Red e internet",
    "software": "Software y paquetería",
    "correo": "Correo electrónico",
    "cuenta": "Cuentas y contraseñas",
    "sistema": "Sistemas municipales",
    "telefonia": "Telefonía",
    "otro": "Otro",
}

NUEVO, EN_ATENCION, ESCALADO, RESUELTO, CERRADO, CANCELADO = (
    "nuevo", "en_atencion", "escalado", "resuelto", "cerrado", "cancelado")
ESTADOS: dict[str, str] = {
    NUEVO: "Nuevo", EN_ATENCION: "En atención", ESCALADO: "Escalado a proveedor",
    RESUELTO: "Resuelto", CERRADO: "Cerrado", CANCELADO: "Cancelado"}
ABIERTOS = (NUEVO, EN_ATENCION, ESCALADO)
TERMINADOS = (CERRADO, CANCELADO)
TRANSICIONES: dict[str, frozenset[str]] = {
    NUEVO: frozenset({EN_ATENCION, CANCELADO}),
    EN_ATENCION: frozenset({ESCALADO, RESUELTO, CANCELADO}),
    ESCALADO: frozenset({EN_ATENCION, RESUELTO}),
    RESUELTO: frozenset({CERRADO, EN_ATENCION}),
    CERRADO: frozenset(),
    CANCELADO: frozenset(),
}

_SEPARADORES_QR = re.compile(r"[\s|/?=&;,#]+")


# --- Búsquedas auxiliares --------------------------------------------------------------------

def requiere_presencial(dependencia: Dependencia | None) -> bool:
    """¿La política exige atención presencial (Presidencia o Tesorería municipal)?"""
    if dependencia is None:
        return False
    return normalizar(dependencia.nombre).startswith(DEPENDENCIAS_PRESENCIALES)


def bien_por_inventario(texto: str) -> Bien:
    """El bien de un número de inventario tecleado o leído de su etiqueta QR.

    Acepta el número solo («SMT-TIC-00012», sin importar mayúsculas) o el texto
    completo del QR (una dirección o varios datos separados), del que toma la
    pieza que coincide con un número de inventario existente.
    """
    limpio = limpiar_texto(texto)
    if not limpio:
        raise ErrorValidacion([("bien", "Falta el número de inventario.")])
    candidatos = [limpio] + [p for p in _SEPARADORES_QR.split(limpio) if p]
    for candidato in candidatos:
        bien = Bien.get_or_none(fn.UPPER(Bien.numero_inventario) == candidato.upper()[:40])
        if bien is not None:
            return bien
    raise ErrorNoEncontrado(f"No existe un bien con el número de inventario «{limpio[:40]}».")


def _dependencia(valor: Dependencia | int | str | None) -> Dependencia | None:
    if valor is None or isinstance(valor, Dependencia):
        return valor
    if isinstance(valor, int):
        return Dependencia.get_or_none(Dependencia.id == valor)
    from app.servicios.catalogos.catalogos import dependencia_por_nombre

    try:
        return dependencia_por_nombre(str(valor))
    except ErrorNoEncontrado:
        return None


def _servidor(valor: ServidorPublico | int | None) -> ServidorPublico | None:
    if valor is None or isinstance(valor, ServidorPublico):
        return valor
    return ServidorPublico.get_or_none(ServidorPublico.id == int(valor))


def _usuario(valor: Usuario | int | str | None) -> Usuario | None:
    if valor is None or isinstance(valor, Usuario):
        return valor
    if isinstance(valor, int):
        return Usuario.get_or_none(Usuario.id == valor)
    return Usuario.get_or_none(Usuario.nombre_usuario == normalizar(valor))


def usuarios_asignables() -> list[Usuario]:
    """Personal de la DTI al que se puede asignar un ticket (activo y con permiso de atender)."""
    return [u for u in Usuario.select().where(Usuario.activo == True).order_by(Usuario.nombre)  # noqa: E712
            if permisos.puede(u, permisos.AVANZAR_TRAMITE) and u.hash_contrasena]


# --- Registro ---------------------------------------------------------------------------------

def crear_ticket(actor: Usuario | None, *, canal: str, dependencia: Dependencia | int | str | None,
                 descripcion: str, categoria: str, prioridad: str = sla.MEDIA,
                 modalidad: str | None = None, solicitante: ServidorPublico | int | None = None,
                 solicitante_nombre: str = "", bien: Bien | int | None = None,
                 numero_inventario: str = "", extension: str = "",
                 asignado: Usuario | int | str | None = None,
                 recibido_en: dt.datetime | None = None, oficio: Oficio | int | None = None) -> Ticket:
    """Registra una solicitud de soporte con folio ``T-AAAA-NNNNN`` y sus metas de SLA.

    El bien se da por ``bien`` (objeto o id) o por ``numero_inventario`` (tecleado o
    leído del QR); si falta la dependencia se toma la del bien (o la que envía el
    ``oficio`` recibido que pide el soporte). Sin modalidad se atiende presencial. En la
    misma transacción abre su trámite del procedimiento 6 (``Ticket.expediente``), que
    empieza cuando se recibió. Ante cualquier dato malo no escribe nada.
    """
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    v = Validador()
    momento = ahora()
    recibido_en = (recibido_en or momento).replace(microsecond=0)
    if recibido_en > momento + dt.timedelta(minutes=5):
        v.error("recibido_en", "La fecha de recepción no puede ser posterior a ahora.")
    if canal not in CANALES:
        v.error("canal", "Elija el canal: teléfono, presencial, WhatsApp o correo.")
    extension = limpiar_texto(extension)
    if canal == TELEFONO:
        extension = extension or EXTENSIONES_DTI[0]
        if extension not in EXTENSIONES_DTI:
            v.error("extension", f"Las llamadas de soporte entran por las extensiones "
                                 f"{', '.join(EXTENSIONES_DTI)} (no «{extension[:10]}»).")
    else:
        extension = ""
    solicitante_nombre = limpiar_texto(solicitante_nombre)
    registro_bien: Bien | None = None
    error_bien = ""            # se anota después de dependencia y solicitante (el orden del formulario)
    if bien is not None:
        registro_bien = bien if isinstance(bien, Bien) else Bien.get_or_none(Bien.id == int(bien))
        if registro_bien is None:
            error_bien = "El bien indicado no existe."
    elif limpiar_texto(numero_inventario):
        try:
            registro_bien = bien_por_inventario(numero_inventario)
        except (ErrorNoEncontrado, ErrorValidacion) as error:
            error_bien = str(error)
    registro_oficio = _oficio(oficio, v)
    registro_dep = _dependencia(dependencia)
    if registro_dep is None and registro_bien is not None and registro_bien.dependencia_id:
        registro_dep = registro_bien.dependencia
    if registro_dep is None and dependencia in (None, "") and registro_oficio is not None:
        registro_dep = registro_oficio.procedencia
    if registro_dep is None:
        v.error("dependencia", "Falta la dependencia que solicita el soporte." if dependencia in (None, "")
                else f"No existe la dependencia «{str(dependencia)[:100]}».")
    registro_sol = _servidor(solicitante)
    if registro_sol is not None:
        solicitante_nombre = registro_sol.nombre
    if not solicitante_nombre:
        v.error("solicitante", "Falta el nombre de quien solicita el soporte.")
    elif len(solicitante_nombre) > 200:
        v.error("solicitante", "«Solicitante» admite como máximo 200 caracteres.")
    if error_bien:
        v.error("bien", error_bien)
    if categoria not in CATEGORIAS:
        v.error("categoria", "Elija la categoría del problema.")
    if prioridad not in sla.PRIORIDADES:
        v.error("prioridad", "Elija la prioridad: urgente, alta, media o baja.")
    modalidad = modalidad or PRESENCIAL
    if modalidad not in MODALIDADES:
        v.error("modalidad", "Elija la modalidad: presencial, AnyDesk, TeamViewer, Escritorio remoto "
                             "o Asistencia rápida.")
    elif modalidad != PRESENCIAL and requiere_presencial(registro_dep):
        v.error("modalidad", f"La política del procedimiento 6 exige soporte presencial en la "
                             f"Presidencia y en la Tesorería municipal («{registro_dep.nombre}»).")
    descripcion = v.texto("descripcion", "Descripción del problema", descripcion, 5000,
                          requerido=True, multilinea=True)
    responsable = _usuario(asignado)
    if asignado not in (None, "") and responsable is None:
        v.error("asignado", f"No existe el usuario «{asignado}».")
    v.validar()
    cal = calendario()
    meta_respuesta, meta_resolucion = sla.vencimientos(recibido_en, prioridad, cal)
    with transaccion():
        anio = recibido_en.year
        numero = folios.siguiente_consecutivo(SERIE_TICKETS, anio)
        ticket = Ticket(
            folio=f"T-{anio}-{numero:05d}", anio=anio, consecutivo=numero, recibido_en=recibido_en,
            canal=canal, extension=extension, dependencia=registro_dep, solicitante=registro_sol,
            solicitante_nombre=solicitante_nombre, bien=registro_bien, categoria=categoria,
            descripcion=descripcion, prioridad=prioridad, modalidad=modalidad, asignado=responsable,
            estado=NUEVO, meta_respuesta_en=meta_respuesta, meta_resolucion_en=meta_resolucion,
            registrado_por=actor if isinstance(actor, Usuario) else None)
        ticket.busqueda = _busqueda(ticket)
        # El trámite antes de la bitácora del ticket: la instantánea del registro lo lleva.
        ticket.expediente = avance.abrir_de_ticket(actor, ticket, registro_oficio)
        bitacora.guardar_versionado(ticket, "registro de ticket", actor, None)
    return ticket


def datos_de_oficio(oficio_id: int) -> dict:
    """Lo que un oficio recibido adelanta de la captura de su ticket (folio, dependencia, quién, qué)."""
    oficio = Oficio.get_or_none((Oficio.id == oficio_id) & (Oficio.tipo == "entrante"))
    if oficio is None:
        raise ErrorNoEncontrado(f"No existe el oficio recibido #{oficio_id}.")
    referencia = oficio.folio or oficio.numero_oficio or f"#{oficio.id}"
    return {"id": oficio.id, "referencia": referencia, "asunto": oficio.asunto,
            "dependencia": oficio.procedencia.nombre if oficio.procedencia_id else "",
            "solicitante": oficio.solicitante_nombre,
            "descripcion": oficio.descripcion or oficio.asunto}


def _oficio(valor: Oficio | int | None, v: Validador) -> Oficio | None:
    """El oficio recibido que pide el soporte (None si no se dio); anota el error si no sirve."""
    if valor is None or valor == "":
        return None
    registro = valor if isinstance(valor, Oficio) else Oficio.get_or_none(Oficio.id == int(valor))
    if registro is None:
        v.error("oficio", "El oficio indicado no existe.")
        return None
    if registro.tipo != "entrante":
        v.error("oficio", "El ticket se abre por un oficio recibido, no por uno emitido.")
        return None
    return registro


def _busqueda(ticket: Ticket) -> str:
    bien = ticket.bien
    return texto_busqueda(ticket.folio, ticket.solicitante_nombre, ticket.dependencia.nombre,
                          ticket.dependencia.siglas, bien.numero_inventario if bien else "",
                          bien.marca if bien else "", CATEGORIAS.get(ticket.categoria, ""),
                          ticket.descripcion[:500])


# --- Cambios de estado ------------------------------------------------------------------------

def obtener(ticket_id: int) -> Ticket:
    ticket = Ticket.get_or_none(Ticket.id == ticket_id)
    if ticket is None:
        raise ErrorNoEncontrado(f"No existe el ticket #{ticket_id}.")
    return ticket


def por_folio(folio: str) -> Ticket:
    ticket = Ticket.get_or_none(Ticket.folio == limpiar_texto(folio).upper())
    if ticket is None:
        raise ErrorNoEncontrado(f"No existe el ticket con folio «{limpiar_texto(folio)[:30]}».")
    return ticket


def _mover(ticket: Ticket, destino: str) -> None:
    if destino not in TRANSICIONES[ticket.estado]:
        permitidos = ", ".join(ESTADOS[e].lower() for e in sorted(TRANSICIONES[ticket.estado])) or "ninguno"
        raise ErrorTransicion(
            f"El ticket {ticket.folio} está «{ESTADOS[ticket.estado]}»: no puede pasar a "
            f"«{ESTADOS[destino]}» (puede pasar a: {permitidos}).")
    ticket.estado = destino


def _version(ticket: Ticket, version: int | None) -> int:
    return ticket.version if version is None else version


@cambia("ticket")
def atender(actor: Usuario | None, ticket: Ticket, version: int | None = None,
            asignado: Usuario | int | str | None = None) -> Ticket:
    """Primera respuesta: el ticket pasa a «en atención» (se asigna a quien atiende si no tenía)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    leida = _version(ticket, version)
    _mover(ticket, EN_ATENCION)
    responsable = _usuario(asignado) or ticket.asignado or (actor if isinstance(actor, Usuario) else None)
    ticket.asignado = responsable
    momento = ahora()
    if ticket.primera_respuesta_en is None:
        ticket.primera_respuesta_en = momento
        ticket.horas_respuesta = round(calendario().horas_habiles_entre(ticket.recibido_en, momento), 4)
    with transaccion():
        bitacora.guardar_versionado(ticket, "atención de ticket", actor, leida)
        avance.al_atender(actor, ticket)
    return ticket


@cambia("ticket")
def asignar(actor: Usuario | None, ticket: Ticket, asignado: Usuario | int | str | None,
            version: int | None = None) -> Ticket:
    """Cambia a quién está asignado un ticket abierto."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    if ticket.estado in TERMINADOS:
        raise ErrorTransicion(f"El ticket {ticket.folio} ya está {ESTADOS[ticket.estado].lower()}.")
    responsable = _usuario(asignado)
    if asignado not in (None, "") and responsable is None:
        raise ErrorValidacion([("asignado", f"No existe el usuario «{asignado}».")])
    leida = _version(ticket, version)
    ticket.asignado = responsable
    with transaccion():
        bitacora.guardar_versionado(ticket, "asignación de ticket", actor, leida)
        avance.al_asignar(actor, ticket)
    return ticket


@cambia("ticket")
def cambiar_prioridad(actor: Usuario | None, ticket: Ticket, prioridad: str,
                      version: int | None = None) -> Ticket:
    """Cambia la prioridad y recalcula las metas de SLA desde la recepción."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    if prioridad not in sla.PRIORIDADES:
        raise ErrorValidacion([("prioridad", "Elija la prioridad: urgente, alta, media o baja.")])
    if ticket.estado in TERMINADOS:
        raise ErrorTransicion(f"El ticket {ticket.folio} ya está {ESTADOS[ticket.estado].lower()}.")
    leida = _version(ticket, version)
    ticket.prioridad = prioridad
    ticket.meta_respuesta_en, ticket.meta_resolucion_en = sla.vencimientos(ticket.recibido_en, prioridad)
    return bitacora.guardar_versionado(ticket, "cambio de prioridad de ticket", actor, leida)


@cambia("ticket")
def cambiar_modalidad(actor: Usuario | None, ticket: Ticket, modalidad: str,
                      version: int | None = None) -> Ticket:
    """Cambia la modalidad (remota o presencial), respetando la política de Presidencia y Tesorería."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    if modalidad not in MODALIDADES:
        raise ErrorValidacion([("modalidad", "Modalidad desconocida.")])
    if modalidad != PRESENCIAL and requiere_presencial(ticket.dependencia):
        raise ErrorValidacion([("modalidad", "La política del procedimiento 6 exige soporte presencial "
                                             f"en «{ticket.dependencia.nombre}».")])
    leida = _version(ticket, version)
    ticket.modalidad = modalidad
    return bitacora.guardar_versionado(ticket, "cambio de modalidad de ticket", actor, leida)


@cambia("ticket")
def resolver(actor: Usuario | None, ticket: Ticket, solucion: str, version: int | None = None) -> Ticket:
    """Entrega la solución (obligatoria): el ticket pasa a «resuelto»."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    solucion = v.texto("solucion", "Solución", solucion, 5000, requerido=True, multilinea=True)
    v.validar()
    if ticket.estado == ESCALADO and _escalamiento_con_proveedor(ticket) is not None:
        raise ErrorTransicion(f"El equipo del ticket {ticket.folio} sigue con el proveedor: registre "
                              "primero su devolución.")
    leida = _version(ticket, version)
    _mover(ticket, RESUELTO)
    momento = ahora()
    ticket.solucion = solucion
    ticket.resuelto_en = momento
    ticket.horas_resolucion = round(calendario().horas_habiles_entre(ticket.recibido_en, momento), 4)
    with transaccion():
        bitacora.guardar_versionado(ticket, "solución de ticket", actor, leida)
        avance.al_resolver(actor, ticket)
    return ticket


@cambia("ticket")
def reabrir(actor: Usuario | None, ticket: Ticket, motivo: str, version: int | None = None) -> Ticket:
    """El usuario no acepta la solución: vuelve a «en atención» (la meta de solución sigue corriendo)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    motivo = v.texto("motivo", "Motivo", motivo, 1000, requerido=True)
    v.validar()
    leida = _version(ticket, version)
    if ticket.estado != RESUELTO:
        raise ErrorTransicion(f"Solo un ticket resuelto se reabre (el {ticket.folio} está "
                              f"«{ESTADOS[ticket.estado]}»).")
    _mover(ticket, EN_ATENCION)
    ticket.solucion = f"{ticket.solucion}\n[Reabierto: {motivo}]".strip()
    ticket.resuelto_en = None
    ticket.horas_resolucion = None
    return bitacora.guardar_versionado(ticket, "reapertura de ticket", actor, leida)


@cambia("ticket")
def cerrar(actor: Usuario | None, ticket: Ticket, version: int | None = None) -> Ticket:
    """Cierra un ticket resuelto."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    leida = _version(ticket, version)
    _mover(ticket, CERRADO)
    ticket.cerrado_en = ahora()
    with transaccion():
        bitacora.guardar_versionado(ticket, "cierre de ticket", actor, leida)
        avance.al_cerrar(actor, ticket)
    return ticket


@cambia("ticket")
def cancelar(actor: Usuario | None, ticket: Ticket, motivo: str, version: int | None = None) -> Ticket:
    """Cancela un ticket nuevo o en atención (duplicado, el usuario lo retiró…); su trámite también."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la cancelación", motivo, 1000, requerido=True)
    v.validar()
    leida = _version(ticket, version)
    _mover(ticket, CANCELADO)
    ticket.solucion = f"{ticket.solucion}\n[Cancelado: {motivo}]".strip()
    with transaccion():
        bitacora.guardar_versionado(ticket, "cancelación de ticket", actor, leida)
        avance.al_cancelar(actor, ticket, motivo)
    return ticket


def _escalamiento_con_proveedor(ticket: Ticket) -> Escalamiento | None:
    return (Escalamiento.select().where((Escalamiento.ticket == ticket)
                                        & (Escalamiento.devuelto_en.is_null()))
            .order_by(Escalamiento.id.desc()).first())


# --- Listas -----------------------------------------------------------------------------------

def _consulta(estado: str | None = None, prioridad: str | None = None,
              dependencia_id: int | None = None, asignado_id: int | None = None,
              texto: str = "", solo_abiertos: bool = False, solo_alerta: bool = False,
              sin_cerrar: bool = False, evaluador: sla.Evaluador | None = None):
    consulta = (Ticket.select(Ticket.id, Ticket.folio, Ticket.recibido_en, Ticket.estado, Ticket.prioridad,
                              Ticket.categoria, Ticket.canal, Ticket.modalidad, Ticket.solicitante_nombre,
                              Ticket.descripcion, Ticket.meta_respuesta_en, Ticket.meta_resolucion_en,
                              Ticket.primera_respuesta_en, Ticket.resuelto_en, Ticket.version,
                              Dependencia.nombre.alias("dependencia"), Usuario.nombre.alias("asignado"),
                              Bien.numero_inventario.alias("numero_inventario"))
                .join(Dependencia, on=(Ticket.dependencia == Dependencia.id))
                .switch(Ticket).join(Usuario, JOIN.LEFT_OUTER, on=(Ticket.asignado == Usuario.id))
                .switch(Ticket).join(Bien, JOIN.LEFT_OUTER, on=(Ticket.bien == Bien.id)))
    if estado:
        consulta = consulta.where(Ticket.estado == estado)
    elif solo_abiertos or solo_alerta:
        consulta = consulta.where(Ticket.estado.in_(ABIERTOS))
    elif sin_cerrar:
        # IN (no NOT IN): se lee por el índice (estado, id) aunque casi todos estén cerrados.
        consulta = consulta.where(Ticket.estado.in_([e for e in ESTADOS if e not in TERMINADOS]))
    if prioridad:
        consulta = consulta.where(Ticket.prioridad == prioridad)
    if dependencia_id:
        consulta = consulta.where(Ticket.dependencia == dependencia_id)
    if asignado_id:
        consulta = consulta.where(Ticket.asignado == asignado_id)
    if texto and normalizar(texto):
        consulta = busqueda_indexada.donde(consulta, Ticket, texto, por_palabras=False)
    if solo_alerta:
        limites = (evaluador or sla.Evaluador()).limites_por_vencer()
        condicion = None
        for prioridad_, (lim_resp, lim_sol) in limites.items():
            parte = (Ticket.prioridad == prioridad_) & (
                (Ticket.primera_respuesta_en.is_null() & (Ticket.meta_respuesta_en <= lim_resp))
                | (Ticket.meta_resolucion_en <= lim_sol))
            condicion = parte if condicion is None else condicion | parte
        consulta = consulta.where(condicion)
    return consulta


# Orden de la lista por columna (clic en el encabezado): clave → orden por llave (el id desempata).
# Cada una tiene su índice compuesto (columna o llave foránea, id): migración 0025.
ORDENES_TICKETS: dict[str, paginacion.Orden] = {
    "folio": paginacion.de_fila(Ticket.folio),
    "recibido": paginacion.de_fila(Ticket.recibido_en),
    "estado": paginacion.de_fila(Ticket.estado),
    "dependencia": paginacion.unida(Ticket.dependencia, Dependencia.nombre),
    "solicitante": paginacion.de_fila(Ticket.solicitante_nombre),
    "asignado": paginacion.unida(Ticket.asignado, Usuario.nombre),
    "inventario": paginacion.unida(Ticket.bien, Bien.numero_inventario),
}
ORDENES = tuple(ORDENES_TICKETS)


def _orden(orden: str | None) -> tuple[paginacion.Orden, bool]:
    """Sin orden: del más reciente al más antiguo (id descendente)."""
    if not orden:
        return paginacion.POR_ID, True
    clave = orden.lstrip("-")
    if clave not in ORDENES_TICKETS:
        raise ErrorValidacion([("orden", f"Orden desconocido: «{orden}». Use uno de: {', '.join(ORDENES)}.")])
    return ORDENES_TICKETS[clave], orden.startswith("-")


def listar(*, estado: str | None = None, prioridad: str | None = None, dependencia_id: int | None = None,
           asignado_id: int | None = None, texto: str = "", solo_abiertos: bool = False,
           solo_alerta: bool = False, sin_cerrar: bool = False, antes_de_id: int | None = None,
           orden: str | None = None, despues: tuple | None = None, limite: int = 300) -> list[dict]:
    """Un bloque de tickets con su estado de SLA; sin ``orden``, del más reciente al más antiguo.

    Paginación por llave: pida el bloque siguiente con ``despues`` = la ``llave`` de la última
    fila recibida (sin orden también sirve ``antes_de_id`` = su ``id``). ``orden`` es una de
    :data:`ORDENES` («-» delante: descendente). ``solo_abiertos``: nuevos, en atención y
    escalados; ``sin_cerrar``: además los resueltos (ni cerrados ni cancelados);
    ``solo_alerta``: abiertos por vencer o vencidos.
    """
    evaluador = sla.Evaluador()
    consulta = _consulta(estado, prioridad, dependencia_id, asignado_id, texto, solo_abiertos,
                         solo_alerta, sin_cerrar, evaluador)
    definicion, descendente = _orden(orden)
    if despues is None and antes_de_id is not None and not orden:
        despues = (antes_de_id,)
    filas = paginacion.bloque(consulta, definicion, Ticket.id, descendente=descendente, despues=despues,
                              limite=limite)
    # Entrega comprometida del proveedor de los escalados de esta página (una sola consulta).
    escalados = [f["id"] for f in filas if f["estado"] == ESCALADO]
    entregas = dict(Escalamiento.select(Escalamiento.ticket, fn.MIN(Escalamiento.entrega_comprometida))
                    .where(Escalamiento.ticket.in_(escalados) & Escalamiento.devuelto_en.is_null())
                    .group_by(Escalamiento.ticket).tuples()) if escalados else {}
    hoy = evaluador.momento.date()
    for fila in filas:
        fila["sla"] = evaluador(fila)
        fila["descripcion"] = fila["descripcion"][:200]
        fila["entrega_comprometida"] = entregas.get(fila["id"])
        fila["entrega_vencida"] = bool(fila["entrega_comprometida"] and fila["entrega_comprometida"] < hoy)
    return filas


def listar_ids(*, orden: str | None = None, **filtros: Any) -> list[int]:
    """Los ids de todos los tickets que cumplen los filtros, en el orden de :func:`listar` (ORDER BY completo)."""
    definicion, descendente = _orden(orden)
    return [f["id"] for f in paginacion.todas(_consulta(**filtros), definicion, Ticket.id, descendente=descendente)]


def contar(**filtros: Any) -> int:
    """Cuántos tickets cumplen los filtros de :func:`listar`."""
    return _consulta(**filtros).count()


def detalle(ticket_id: int) -> dict:
    """Todo lo de un ticket para su panel: datos, SLA, escalamientos e historial de cambios."""
    t = obtener(ticket_id)
    bien = t.bien
    escalamientos = [
        {"id": e.id, "proveedor": e.proveedor.razon_social, "marca": e.marca, "enviado_en": e.enviado_en,
         "entrega_comprometida": e.entrega_comprometida, "devuelto_en": e.devuelto_en,
         "entregado_en": e.entregado_en, "recibido_por": e.recibido_por_nombre, "estado": e.estado,
         "diagnostico": e.diagnostico_proveedor, "expediente": _tramite_breve(e.expediente_id)}
        for e in t.escalamientos.order_by(Escalamiento.id)]
    return {
        "id": t.id, "folio": t.folio, "version": t.version, "estado": t.estado,
        "estado_texto": ESTADOS[t.estado], "recibido_en": t.recibido_en,
        "canal": CANALES.get(t.canal, t.canal), "extension": t.extension,
        "dependencia": t.dependencia.nombre, "dependencia_id": t.dependencia_id,
        "solicitante": t.solicitante_nombre, "solicitante_id": t.solicitante_id,
        "bien_id": t.bien_id, "bien": (f"{bien.numero_inventario} · {bien.descripcion} "
                                       f"{bien.marca} {bien.modelo}".strip()) if bien else "",
        "marca": bien.marca if bien else "",
        "categoria": CATEGORIAS.get(t.categoria, t.categoria), "descripcion": t.descripcion,
        "prioridad": t.prioridad, "modalidad": MODALIDADES.get(t.modalidad, t.modalidad),
        "asignado": t.asignado.nombre if t.asignado else "", "solucion": t.solucion,
        "primera_respuesta_en": t.primera_respuesta_en, "resuelto_en": t.resuelto_en,
        "cerrado_en": t.cerrado_en, "meta_respuesta_en": t.meta_respuesta_en,
        "meta_resolucion_en": t.meta_resolucion_en, "sla": sla.estado(t),
        "escalamientos": escalamientos, "expediente": expediente_de(t),
        "cambios": bitacora.historial("ticket", t.id),
    }


def expediente_de(ticket: Ticket) -> dict | None:
    """Número, estado y paso actual del trámite del ticket (None si aún no lo tiene)."""
    return _tramite_breve(ticket.expediente_id)


def _tramite_breve(tramite_id: int | None) -> dict | None:
    tramite = Tramite.get_or_none(Tramite.id == tramite_id) if tramite_id else None
    if tramite is None:
        return None
    from app.servicios.tramites import procedimientos

    paso = ""
    if tramite.paso_actual:
        definicion = procedimientos.obtener(tramite.procedimiento)
        paso = f"{tramite.paso_actual}. {definicion.paso(tramite.paso_actual).actividad}"
    return {"id": tramite.id, "numero": tramite.numero, "estado": tramite.estado, "paso": tramite.paso_actual,
            "paso_texto": paso}


def por_expediente(tramite_id: int) -> Ticket | None:
    """El ticket cuyo trámite es ``tramite_id``, o el del escalamiento cuyo trámite es ése."""
    ticket = Ticket.get_or_none(Ticket.expediente == tramite_id)
    if ticket is None:
        esc = Escalamiento.get_or_none(Escalamiento.expediente == tramite_id)
        ticket = Ticket.get_by_id(esc.ticket_id) if esc is not None else None
    return ticket


# --- Historiales ------------------------------------------------------------------------------

def _historial(condicion, limite: int | None = None) -> list[dict]:
    consulta = (Ticket.select(Ticket.id, Ticket.folio, Ticket.recibido_en, Ticket.estado, Ticket.categoria,
                              Ticket.descripcion, Ticket.solucion, Ticket.solicitante_nombre,
                              Dependencia.nombre.alias("dependencia"),
                              Bien.numero_inventario.alias("numero_inventario"))
                .join(Dependencia, on=(Ticket.dependencia == Dependencia.id))
                .switch(Ticket).join(Bien, JOIN.LEFT_OUTER, on=(Ticket.bien == Bien.id))
                .where(condicion).order_by(Ticket.recibido_en.desc(), Ticket.id.desc()))
    if limite:
        consulta = consulta.limit(limite)
    filas = []
    for f in consulta.dicts():
        resumen = f"{CATEGORIAS.get(f['categoria'], f['categoria'])}: {f['descripcion'][:160]}"
        if f["solucion"]:
            resumen += f" — Solución: {f['solucion'][:160]}"
        filas.append({"fecha": f["recibido_en"], "tipo": "Ticket de soporte", "descripcion": resumen,
                      "referencia": f["folio"], "ticket_id": f["id"], "estado": ESTADOS[f["estado"]],
                      "dependencia": f["dependencia"], "solicitante": f["solicitante_nombre"],
                      "numero_inventario": f["numero_inventario"] or ""})
    return filas


def historial_de_bien(bien_id: int, limite: int | None = None) -> list[dict]:
    """Tickets de un bien, del más reciente al más antiguo: ``fecha``, ``tipo``, ``descripcion``, ``referencia``."""
    return _historial(Ticket.bien == bien_id, limite)


def de_dependencia(dependencia_id: int, limite: int | None = None) -> list[dict]:
    """Tickets de una dependencia (mismo formato que :func:`historial_de_bien`)."""
    return _historial(Ticket.dependencia == dependencia_id, limite)


def de_servidor(servidor_id: int, limite: int | None = None) -> list[dict]:
    """Tickets que solicitó un servidor público (mismo formato que :func:`historial_de_bien`)."""
    return _historial(Ticket.solicitante == servidor_id, limite)
