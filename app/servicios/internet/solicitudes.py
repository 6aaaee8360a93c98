"""Solicitudes de desbloqueo de sitios web y las excepciones concedidas (procedimiento 20).

Las políticas de operación del manual que aquí se hacen cumplir:

* «En caso de necesitar el acceso a un sitio bloqueado, el **titular** de la dependencia deberá
  solicitarlo **por escrito**»: sin oficio recibido no hay solicitud, y el oficio debe venir
  firmado por el titular de la dependencia (el de ``titular_de`` en el catálogo).
* «Para liberar el bloqueo de algún sitio web no debe infringir las políticas de filtrado de
  contenido»: la decisión (actividad 4) lleva su razón; un sitio de una categoría que la
  versión vigente no libera en ningún caso (apuestas, contenido para adultos…) no se libera.

La respuesta sale por oficio en ambos casos (plantillas ``tramite_sitio_no_liberado`` y
``tramite_sitio_liberado`` de ``formatos/``). Las excepciones concedidas tienen vencimiento, y las
vigentes se exportan como la lista de dominios que carga el administrador del firewall.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.errores import ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.modelos import Dependencia, Oficio, ServidorPublico, Usuario, ahora
from app.modelos.internet import ESTADOS, LIBERADA, NEGADA, RECIBIDA, PoliticaFiltrado, SolicitudDesbloqueo
from app.servicios.internet import expedientes, politicas
from app.servicios.internet.sitios import lista_firewall, normalizar_sitio
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.servicios.oficios import oficios
from app.servicios.tramites import formulario
from app.documentos.fechas import fecha_larga
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia, crea

__all__ = ["ESTADOS", "RECIBIDA", "LIBERADA", "NEGADA", "titular_de", "registrar_solicitud", "decidir",
           "obtener", "consultar", "excepciones", "dominios_vigentes", "lista_excepciones", "PLANTILLA_NEGADA",
           "PLANTILLA_LIBERADA"]

AREA_RECEPCION = permisos.AREA_DIRECCION
AREA_DECISION = permisos.AREA_REDES
PLANTILLA_NEGADA = "tramite_sitio_no_liberado"
PLANTILLA_LIBERADA = "tramite_sitio_liberado"
# Cargos de titular cuando el cargo no nombra a la dependencia («Director», «Secretaria»…).
CARGOS_TITULAR = ("presidente", "presidenta", "secretario", "secretaria", "tesorero", "tesorera", "contralor",
                  "contralora", "sindico", "sindica", "director", "directora", "titular")
_OFICIO_NO_VALIDO = ("incompleto", "cancelado", "archivado", "descartado")


# --- El titular de la dependencia ------------------------------------------------------------------

def _es_cargo_de(cargo: str, dependencia: str) -> bool:
    """«Directora de Comunicación Social» es cargo de «Dirección de Comunicación Social»."""
    palabras_cargo, palabras_dep = normalizar(cargo).split(), normalizar(dependencia).split()
    if not palabras_cargo or not palabras_dep:
        return False
    contiene = f" {' '.join(palabras_dep)} " in f" {' '.join(palabras_cargo)} "
    return contiene or (len(palabras_dep) > 1 and palabras_cargo[1:] == palabras_dep[1:])


def titular_de(dependencia: Dependencia | None) -> ServidorPublico | None:
    """El titular de ``dependencia`` según el catálogo de servidores públicos (None si no lo hay).

    Es el primer servidor público activo de la dependencia cuyo cargo la nombra («Directora de
    Comunicación Social» de la Dirección de Comunicación Social, «Tesorero Municipal» de la
    Tesorería Municipal); si ninguno, el primero cuyo cargo empieza con «Director(a)»,
    «Secretario(a) de…», «Titular de…». Un «Coordinador de área», un «Jefe de departamento» o
    una «Secretaria» a secas no lo son.
    """
    if dependencia is None:
        return None
    servidores = list(ServidorPublico.select()
                      .where((ServidorPublico.dependencia == dependencia) & (ServidorPublico.activo == True))  # noqa: E712
                      .order_by(ServidorPublico.id))
    propio = next((s for s in servidores if _es_cargo_de(s.cargo, dependencia.nombre)), None)
    if propio is not None:
        return propio
    # «Secretaria» a secas es un puesto de apoyo; «Secretario de Obras» sí es titular.
    return next((s for s in servidores if len(palabras := normalizar(s.cargo).split()) > 1
                 and palabras[0] in CARGOS_TITULAR), None)


def _exigir_oficio_del_titular(v: Validador, oficio: Oficio | None,
                               dependencia: Dependencia | None) -> tuple[Dependencia | None, str]:
    """Política 2: por escrito (oficio recibido) y firmado por el titular de la dependencia."""
    if oficio is None:
        v.error("oficio", "La solicitud de desbloqueo debe hacerse por escrito: registre primero el oficio "
                          "recibido del titular de la dependencia y elíjalo (política 2 del procedimiento 20).")
        return dependencia, ""
    if oficio.tipo != oficios.ENTRANTE:
        v.error("oficio", f"El oficio {oficio.folio or oficio.id} lo emitió la DTI: la solicitud llega en un "
                          "oficio recibido de la dependencia.")
        return dependencia, ""
    numero = oficio.numero_oficio or f"n.º {oficio.id}"
    if oficio.estado in _OFICIO_NO_VALIDO:
        v.error("oficio", f"El oficio {numero} está {oficio.estado}: no sustenta una solicitud de desbloqueo.")
        return dependencia, ""
    if oficio.tramite_id:
        v.error("oficio", f"El oficio {numero} ya dio lugar a otro trámite: cada solicitud lleva su oficio.")
    if not oficio.firmado:
        v.error("oficio", f"El oficio {numero} no está firmado: el titular debe firmar la solicitud.")
    if oficio.procedencia_id is None:
        v.error("oficio", f"El oficio {numero} no tiene la dependencia del catálogo como procedencia: "
                          "complételo en Oficios para saber quién es su titular.")
        return dependencia, ""
    if dependencia is not None and dependencia.id != oficio.procedencia_id:
        v.error("dependencia", f"El oficio {numero} es de {oficio.procedencia.nombre}, no de {dependencia.nombre}.")
    dependencia = oficio.procedencia
    titular = titular_de(dependencia)
    firmante = limpiar_texto(oficio.solicitante_nombre)
    if titular is None:
        v.error("oficio", f"{dependencia.nombre} no tiene titular registrado en Catálogos › Servidores públicos: "
                          "regístrelo para poder comprobar quién firma la solicitud.")
    elif normalizar(firmante) != normalizar(titular.nombre):
        v.error("oficio", f"La solicitud no la hace el titular de la dependencia: el oficio {numero} lo firma "
                          f"{firmante or '(sin nombre)'} y el titular de {dependencia.nombre} es {titular.nombre} "
                          f"({titular.cargo}). Solo el titular puede pedir un desbloqueo (política 2).")
    return dependencia, firmante


# --- Registro (actividad 3) ----------------------------------------------------------------------

@crea
def registrar_solicitud(actor: Usuario | None, *, oficio: Oficio | None, sitio: str, motivo: str,
                        dependencia: Dependencia | None = None) -> SolicitudDesbloqueo:
    """Registra la petición de desbloqueo con su oficio y abre su trámite (queda en la decisión, paso 4)."""
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    permisos.exigir_area(actor, AREA_RECEPCION)
    v = Validador()
    capturado = limpiar_texto(sitio)[:500]
    try:
        dominio = normalizar_sitio(sitio)
    except ErrorValidacion as exc:
        v.errores.extend(exc.errores)
        dominio = ""
    motivo = v.texto("motivo", "Para qué se necesita el acceso", motivo, 5000, requerido=True, multilinea=True)
    dependencia, firmante = _exigir_oficio_del_titular(v, oficio, dependencia)
    if dominio and dependencia is not None:
        previa = (SolicitudDesbloqueo.select()
                  .where((SolicitudDesbloqueo.sitio == dominio) & (SolicitudDesbloqueo.dependencia == dependencia)
                         & (SolicitudDesbloqueo.estado == RECIBIDA)).first())
        if previa is not None:
            v.error("sitio", f"{dependencia.nombre} ya pidió {dominio} y la solicitud está por decidirse "
                             f"({expedientes.texto_expediente(previa.expediente_id)}).")
        vigente = next((f for f in excepciones(vigentes=True) if f["sitio"] == dominio
                        and f["dependencia_id"] == dependencia.id), None)
        if vigente is not None:
            hasta = f"hasta el {vigente['vence']:%d/%m/%Y}" if vigente["vence"] else "sin vencimiento"
            v.error("sitio", f"{dependencia.nombre} ya tiene liberado {dominio} ({hasta}).")
    v.validar()
    momento = ahora()
    with transaccion():
        solicitud = SolicitudDesbloqueo(
            oficio=oficio, dependencia=dependencia, solicitante=firmante[:200], sitio=dominio,
            sitio_capturado=capturado, motivo=motivo, estado=RECIBIDA, creado_por=actor,
            creado_en=momento, modificado_en=momento)
        solicitud.busqueda = _busqueda(solicitud)
        expedientes.abrir(actor, solicitud, momento)
        bitacora.guardar(solicitud, "solicitud de desbloqueo registrada", actor)
    return solicitud


def _busqueda(s: SolicitudDesbloqueo) -> str:
    return texto_busqueda(s.sitio, s.sitio_capturado, s.dependencia.nombre, s.solicitante,
                          s.oficio.numero_oficio if s.oficio_id else "", ESTADOS.get(s.estado, ""), s.categoria,
                          s.motivo[:300], s.razon[:300])


# --- Decisión y respuesta (actividades 4, 4.1 y 5) ---------------------------------------------

def _vigencia_texto(vence: dt.date | None) -> str:
    return f"hasta el {fecha_larga(vence)}" if vence else "sin fecha de vencimiento"


@cambia("solicitud")
def decidir(actor: Usuario | None, solicitud: SolicitudDesbloqueo, *, infringe: bool, razon: str,
            categoria: str = "", regla_firewall: str = "", vence: dt.date | None = None,
            version: int | None = None) -> SolicitudDesbloqueo:
    """¿La liberación infringe la política? Anota la decisión con su razón y emite el oficio de respuesta.

    * ``infringe``: la categoría de la política que infringe es obligatoria; sale el oficio
      «sitio no liberado» (paso 5) y el trámite concluye.
    * no infringe: si la categoría dada es de las que la versión vigente no libera en ningún
      caso (apuestas…), se rehúsa (política 3); se exige la regla aplicada en el firewall; ``vence`` (opcional) debe ser
      posterior a hoy. Sale el oficio «sitio liberado» (paso 4.1) y el trámite concluye.
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    permisos.exigir_area(actor, AREA_DECISION)
    solicitud = SolicitudDesbloqueo.get_by_id(solicitud.id)
    if solicitud.estado != RECIBIDA:
        raise ErrorTransicion(f"La solicitud de {solicitud.sitio} ya se decidió ({ESTADOS[solicitud.estado]}).")
    politica = politicas.vigente()
    v = Validador()
    if politica is None:
        v.error("politica", "Aún no hay política de filtrado registrada (actividades 1 y 2): registre su primera "
                            "versión antes de decidir.")
    razon = v.texto("razon", "Razón de la decisión", razon, 5000, requerido=True, multilinea=True)
    categoria = v.texto("categoria", "Categoría de filtrado", categoria, 100)
    regla_firewall = v.texto("regla_firewall", "Regla aplicada en el firewall", regla_firewall, 5000,
                             multilinea=True)
    bloqueada = politicas.categoria_bloqueada(politica, categoria) if politica else None
    if infringe:
        if not categoria:
            v.error("categoria", "Indique qué categoría de la política de filtrado infringe el sitio.")
        elif politica is not None and bloqueada is None:
            v.error("categoria", f"«{categoria}» no es una categoría bloqueada por la política vigente "
                                 f"({', '.join(politicas.categorias_de(politica))}).")
        if vence is not None:
            v.error("vence", "Un sitio que no se libera no lleva vencimiento.")
        regla_firewall = ""
    else:
        cerrada = next((c for c in politicas.sin_excepcion_de(politica) if bloqueada and c == bloqueada), None)
        if cerrada is not None:
            v.error("categoria", f"El sitio es de la categoría «{cerrada}», que la política vigente "
                                 f"({politicas.texto_version(politica)}) no libera en ningún caso: liberarlo "
                                 "infringe las políticas de filtrado de contenido (política 3).")
        if not regla_firewall:
            v.error("regla_firewall", "Falta «Regla aplicada en el firewall» (paso 4.1).")
        if vence is not None and vence <= hoy_mexico():
            v.error("vence", f"El vencimiento debe ser posterior a hoy ({hoy_mexico():%d/%m/%Y}).")
    v.validar()
    leida = solicitud.version if version is None else version
    momento = ahora()
    with transaccion():
        solicitud.infringe, solicitud.razon = bool(infringe), razon
        solicitud.categoria = bloqueada or categoria
        solicitud.politica, solicitud.regla_firewall, solicitud.vence = politica, regla_firewall, vence
        solicitud.estado = NEGADA if infringe else LIBERADA
        solicitud.decidido_por, solicitud.decidido_en = actor, momento
        datos: dict[str, dict[str, Any]] = {"4": {"categoria_filtrado": solicitud.categoria,
                                                  "politica_aplicada": politicas.texto_version(politica),
                                                  "razon_decision": razon}}
        if infringe:
            datos["5"] = {"motivo_no_liberacion": _motivo_negativa(solicitud)}
        else:
            datos["4.1"] = {"regla_liberacion": regla_firewall, "liberado_en": momento,
                            "vigencia_excepcion": _vigencia_texto(vence)}
        tramite = expedientes.llevar_a_respuesta(actor, solicitud, datos)
        solicitud.oficio_respuesta = _emitir_respuesta(actor, solicitud, tramite)
        expedientes.concluir(actor, solicitud, f"Respuesta por oficio {solicitud.oficio_respuesta.folio}.")
        solicitud.busqueda = _busqueda(solicitud)
        bitacora.guardar_versionado(solicitud, "solicitud de desbloqueo decidida", actor, leida)
    return solicitud


def _motivo_negativa(solicitud: SolicitudDesbloqueo) -> str:
    return f"El sitio pertenece a la categoría «{solicitud.categoria}», bloqueada por la política. {solicitud.razon}"


def _emitir_respuesta(actor: Usuario | None, solicitud: SolicitudDesbloqueo, tramite) -> Oficio:
    """El oficio de respuesta al titular, desde la plantilla de ``formatos/`` (sin variables sin llenar)."""
    variables = dict(formulario.variables_documento(tramite))
    variables.update(sitio_web=solicitud.sitio, oficio_entrada=solicitud.oficio.numero_oficio,
                     politica_aplicada=politicas.texto_version(solicitud.politica), razon_decision=solicitud.razon,
                     vigencia_excepcion=_vigencia_texto(solicitud.vence),
                     motivo_no_liberacion=_motivo_negativa(solicitud))
    titular = titular_de(solicitud.dependencia)
    return oficios.emitir_desde_plantilla(
        actor, PLANTILLA_NEGADA if solicitud.infringe else PLANTILLA_LIBERADA, variables,
        destinatario_nombre=solicitud.solicitante or (titular.nombre if titular else ""),
        destinatario_cargo=solicitud.oficio.solicitante_cargo or (titular.cargo if titular else ""),
        destinatario_dependencia=solicitud.dependencia.nombre, en_respuesta_a=solicitud.oficio,
        tramite_id=tramite.id)


# --- Consultas ----------------------------------------------------------------------------------

def obtener(identificador: int) -> SolicitudDesbloqueo:
    solicitud = SolicitudDesbloqueo.get_or_none(SolicitudDesbloqueo.id == identificador)
    if solicitud is None:
        raise ErrorNoEncontrado(f"No existe la solicitud de desbloqueo {identificador}.")
    return solicitud


def _situacion(fila: dict[str, Any], hoy: dt.date) -> dict[str, Any]:
    vence = fila.get("vence")
    fila["estado_texto"] = ESTADOS.get(fila["estado"], fila["estado"])
    fila["vencida"] = fila["estado"] == LIBERADA and vence is not None and vence < hoy
    fila["vigente"] = fila["estado"] == LIBERADA and not fila["vencida"]
    if fila["vencida"]:
        fila["situacion"] = f"Vencida el {vence:%d/%m/%Y}"
    elif fila["vigente"]:
        fila["situacion"] = f"Vigente hasta el {vence:%d/%m/%Y}" if vence else "Vigente, sin vencimiento"
    else:
        fila["situacion"] = fila["estado_texto"]
    return fila


def consultar(busqueda: str = "", estado: str | None = None, limite: int = 2000) -> list[dict[str, Any]]:
    """Las solicitudes para la tabla, de la más reciente a la más antigua, con su trámite y situación."""
    Respuesta = Oficio.alias("respuesta")
    consulta = (SolicitudDesbloqueo.select(
        SolicitudDesbloqueo.id, SolicitudDesbloqueo.creado_en, SolicitudDesbloqueo.sitio,
        SolicitudDesbloqueo.estado, SolicitudDesbloqueo.categoria, SolicitudDesbloqueo.razon,
        SolicitudDesbloqueo.vence, SolicitudDesbloqueo.decidido_en, SolicitudDesbloqueo.solicitante,
        SolicitudDesbloqueo.dependencia.alias("dependencia_id"), SolicitudDesbloqueo.version,
        SolicitudDesbloqueo.expediente.alias("expediente_id"), Dependencia.nombre.alias("dependencia"),
        Oficio.numero_oficio.alias("oficio"), Respuesta.folio.alias("respuesta"),
        Usuario.nombre.alias("autorizo"))
        .join(Dependencia, on=(SolicitudDesbloqueo.dependencia == Dependencia.id))
        .switch(SolicitudDesbloqueo).join(Oficio, on=(SolicitudDesbloqueo.oficio == Oficio.id))
        .switch(SolicitudDesbloqueo)
        .join(Respuesta, JOIN.LEFT_OUTER, on=(SolicitudDesbloqueo.oficio_respuesta == Respuesta.id))
        .switch(SolicitudDesbloqueo)
        .join(Usuario, JOIN.LEFT_OUTER, on=(SolicitudDesbloqueo.decidido_por == Usuario.id)))
    if estado:
        consulta = consulta.where(SolicitudDesbloqueo.estado == estado)
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, SolicitudDesbloqueo, busqueda, por_palabras=False)
    hoy = hoy_mexico()
    filas = [_situacion(f, hoy) for f in consulta.order_by(SolicitudDesbloqueo.id.desc()).limit(limite).dicts()]
    textos = expedientes.textos_expedientes([f["expediente_id"] for f in filas])
    for fila in filas:
        fila["expediente"] = textos.get(fila["expediente_id"], "(sin trámite)")
    return filas


def excepciones(busqueda: str = "", vigentes: bool = False) -> list[dict[str, Any]]:
    """Los sitios liberados: sitio, dependencia, quién autorizó y vencimiento (las vencidas, marcadas)."""
    filas = [f for f in consultar(busqueda, LIBERADA, limite=1_000_000) if f["vigente"] or not vigentes]
    return sorted(filas, key=lambda f: (not f["vencida"], f["sitio"], f["dependencia"]))


def dominios_vigentes() -> list[str]:
    """Los dominios con excepción vigente hoy, sin repetir y ordenados."""
    return sorted({f["sitio"] for f in excepciones(vigentes=True)})


def lista_excepciones(actor: Usuario | None) -> bytes:
    """La lista para el firewall: un dominio por línea (UTF-8 sin BOM, «\\n»). Queda en la bitácora."""
    permisos.exigir(actor, permisos.EXPORTAR)
    return lista_firewall(dominios_vigentes())


def politica_de(solicitud: SolicitudDesbloqueo) -> PoliticaFiltrado | None:
    return PoliticaFiltrado.get_or_none(PoliticaFiltrado.id == solicitud.politica_id) if solicitud.politica_id else None
