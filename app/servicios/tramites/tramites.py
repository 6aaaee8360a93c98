"""Trámites: un caso de uno de los 21 procedimientos, movido paso a paso.

Un trámite solo se mueve por las transiciones que define su procedimiento: del
paso actual al siguiente, o en una decisión, al destino de la respuesta elegida.
Cada paso guarda quién lo cerró, cuándo, la nota y cuánto tiempo estuvo abierto.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.modelos import Dependencia, Oficio, PasoTramite, ServidorPublico, Tramite, Usuario, ahora
from app.servicios.nucleo import bitacora, folios, permisos
from app.servicios.tramites import procedimientos
from app.errores import ErrorConflicto, ErrorNoEncontrado, ErrorTransicion
from app.servicios.tramites.procedimientos import Paso, Procedimiento
from app.servicios.nucleo.validacion import Validador, normalizar, texto_busqueda

ABIERTO = "abierto"
CONCLUIDO = "concluido"
CANCELADO = "cancelado"

FORMATO_NUMERO = "DTI-T-{numero:04d}/{anio}"


@dataclass(frozen=True)
class Situacion:
    """Dónde está un trámite y qué se puede hacer ahora."""

    procedimiento: Procedimiento
    paso: Paso | None            # None si ya terminó
    opciones: tuple[str, ...]    # respuestas posibles si el paso es una decisión

    @property
    def terminado(self) -> bool:
        return self.paso is None


def abrir_tramite(actor: Usuario | None, procedimiento: int, asunto: str,
                  dependencia: Dependencia | None = None, solicitante: ServidorPublico | None = None,
                  oficio_entrada: Oficio | None = None, nota: str = "") -> Tramite:
    """Abre un trámite en el primer paso de su procedimiento."""
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    definicion = procedimientos.obtener(procedimiento)
    permisos.exigir_area(actor, definicion.area)
    v = Validador()
    asunto = v.texto("asunto", "Asunto del trámite", asunto, 300, requerido=True)
    nota = v.texto("nota", "Nota", nota, 5000, multilinea=True)
    if oficio_entrada is not None and oficio_entrada.tipo != "entrante":
        v.error("oficio_entrada", "El oficio que origina un trámite debe ser un oficio recibido.")
    v.validar()
    if dependencia is None and oficio_entrada is not None:
        dependencia = oficio_entrada.procedencia
    with transaccion():
        momento = ahora()
        numero = folios.siguiente_consecutivo(folios.SERIE_TRAMITES, momento.year)
        tramite = Tramite.create(
            numero=FORMATO_NUMERO.format(numero=numero, anio=momento.year), procedimiento=definicion.numero,
            asunto=asunto, dependencia=dependencia, solicitante=solicitante, oficio_entrada=oficio_entrada,
            paso_actual=definicion.inicio.numero, estado=ABIERTO, responsable=actor,
            creado_en=momento, modificado_en=momento,
            busqueda=texto_busqueda(asunto, definicion.nombre, dependencia.nombre if dependencia else ""))
        bitacora.registrar(tramite, "apertura de trámite", actor)
        _iniciar_paso(tramite, definicion.inicio, actor, momento, nota)
        if oficio_entrada is not None and oficio_entrada.tramite_id is None:
            oficio_entrada.tramite_id = tramite.id
            oficio_entrada.modificado_en = momento
            oficio_entrada.save()
            bitacora.registrar(oficio_entrada, "oficio vinculado a trámite", actor)
    return tramite


def _iniciar_paso(tramite: Tramite, paso: Paso, actor: Usuario | None, momento, nota: str = "") -> PasoTramite:
    registro = PasoTramite.create(tramite=tramite, paso=paso.numero, actividad=paso.actividad,
                                  responsable_area=paso.responsable, inicio=momento, nota=nota,
                                  usuario=actor)
    bitacora.registrar(registro, "inicio de paso", actor)
    return registro


def situacion(tramite: Tramite) -> Situacion:
    definicion = procedimientos.obtener(tramite.procedimiento)
    if tramite.estado != ABIERTO or tramite.paso_actual is None:
        return Situacion(definicion, None, ())
    paso = definicion.paso(tramite.paso_actual)
    return Situacion(definicion, paso, tuple(o.etiqueta for o in paso.opciones))


def avanzar_tramite(actor: Usuario | None, tramite: Tramite, opcion: str | None = None,
                    nota: str = "", version: int | None = None) -> Tramite:
    """Cierra el paso actual y pasa al que indica el procedimiento.

    En una decisión, ``opcion`` es la respuesta («Sí», «No», «Correctivo», …). Si el
    paso no tiene siguiente, el trámite queda concluido. ``version`` (la que tenía el
    trámite cuando se mostró) evita que dos personas lo muevan a la vez sin saberlo.
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    estado = situacion(tramite)
    permisos.exigir_area(actor, estado.procedimiento.area)
    if estado.terminado:
        raise ErrorTransicion(f"El trámite {tramite.numero} ya está {tramite.estado}; no se puede avanzar.")
    v = Validador()
    nota = v.texto("nota", "Nota", nota, 5000, multilinea=True)
    v.validar()
    paso = estado.paso
    if paso.es_decision:
        if not opcion:
            raise ErrorTransicion(f"El paso {paso.numero} es una decisión: «{paso.pregunta}». "
                                  f"Elija una respuesta: {', '.join(estado.opciones)}.")
        try:
            destino = paso.destino(normalizar_opcion(opcion, estado.opciones))
        except KeyError:
            raise ErrorTransicion(f"«{opcion}» no es una respuesta de «{paso.pregunta}». "
                                  f"Respuestas posibles: {', '.join(estado.opciones)}.") from None
        etiqueta = normalizar_opcion(opcion, estado.opciones)
    else:
        if opcion:
            raise ErrorTransicion(f"El paso {paso.numero} no es una decisión; no lleva respuesta.")
        destino, etiqueta = paso.siguiente, ""
    with transaccion():
        esperada = _exigir_version(tramite, version)
        momento = ahora()
        abierto = (PasoTramite.select().where((PasoTramite.tramite == tramite) & PasoTramite.fin.is_null())
                   .order_by(PasoTramite.id.desc()).first())
        if abierto is not None:
            abierto.fin = momento
            abierto.segundos = max(0, int((momento - abierto.inicio).total_seconds()))
            abierto.opcion, abierto.destino, abierto.usuario = etiqueta, destino, actor
            if nota:
                abierto.nota = f"{abierto.nota}\n{nota}".strip() if abierto.nota else nota
            abierto.save()
            bitacora.registrar(abierto, "paso concluido", actor)
        tramite.version = esperada + 1
        tramite.modificado_en = momento
        if destino is None:
            tramite.paso_actual = None
            tramite.estado = CONCLUIDO
            tramite.concluido_en = momento
        else:
            tramite.paso_actual = destino
        tramite.save()
        bitacora.registrar(tramite, "trámite concluido" if destino is None else "avance de trámite", actor)
        if destino is not None:
            _iniciar_paso(tramite, estado.procedimiento.paso(destino), actor, momento)
    return tramite


def _exigir_version(tramite: Tramite, version: int | None) -> int:
    """Dentro de la transacción: la versión guardada debe ser la que se mostró al usuario."""
    actual = Tramite.select(Tramite.version).where(Tramite.id == tramite.id).scalar()
    esperada = tramite.version if version is None else version
    if actual != esperada:
        raise ErrorConflicto(f"Otro usuario movió el trámite {tramite.numero} mientras usted lo veía. "
                             "Actualice la pantalla para ver en qué paso está.")
    return esperada


def normalizar_opcion(opcion: str, opciones: tuple[str, ...]) -> str:
    """Acepta «si», «SÍ» o «Si» por «Sí»."""
    buscada = normalizar(opcion)
    for candidata in opciones:
        if normalizar(candidata) == buscada:
            return candidata
    return opcion


def cancelar_tramite(actor: Usuario | None, tramite: Tramite, motivo: str,
                     version: int | None = None) -> Tramite:
    """Baja lógica: el trámite queda cancelado con su motivo; su historial se conserva."""
    permisos.exigir(actor, permisos.CANCELAR_TRAMITE)
    permisos.exigir_area(actor, procedimientos.obtener(tramite.procedimiento).area)
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la cancelación", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    if tramite.estado != ABIERTO:
        raise ErrorTransicion(f"El trámite {tramite.numero} ya está {tramite.estado}.")
    with transaccion():
        _exigir_version(tramite, version)
        momento = ahora()
        abierto = PasoTramite.select().where((PasoTramite.tramite == tramite) & PasoTramite.fin.is_null()).first()
        if abierto is not None:
            abierto.fin = momento
            abierto.segundos = max(0, int((momento - abierto.inicio).total_seconds()))
            abierto.nota = f"{abierto.nota}\nCancelado: {motivo}".strip()
            abierto.usuario = actor
            abierto.save()
            bitacora.registrar(abierto, "paso cancelado", actor)
        tramite.estado, tramite.motivo_cancelacion = CANCELADO, motivo
        tramite.paso_actual, tramite.concluido_en = None, momento
        tramite.version += 1
        tramite.modificado_en = momento
        tramite.save()
        bitacora.registrar(tramite, "cancelación de trámite", actor)
    return tramite


def pasos(tramite: Tramite) -> list[PasoTramite]:
    """Historial de pasos, del primero al actual."""
    return list(PasoTramite.select(PasoTramite, Usuario).join(Usuario, JOIN.LEFT_OUTER)
                .where(PasoTramite.tramite == tramite).order_by(PasoTramite.id))


def obtener(identificador: int | str) -> Tramite:
    if isinstance(identificador, str) and not identificador.isdigit():
        tramite = Tramite.get_or_none(Tramite.numero == identificador)
    else:
        tramite = Tramite.get_or_none(Tramite.id == int(identificador))
    if tramite is None:
        raise ErrorNoEncontrado(f"No existe el trámite «{identificador}».")
    return tramite


def consultar(busqueda: str = "", estado: str | None = None, procedimiento: int | None = None,
              limite: int = 1000) -> list[dict[str, Any]]:
    """Lista para tablas: una consulta, con el nombre de la dependencia."""
    consulta = (Tramite.select(Tramite.id, Tramite.numero, Tramite.procedimiento, Tramite.asunto,
                               Tramite.estado, Tramite.paso_actual, Tramite.creado_en, Tramite.modificado_en,
                               Dependencia.nombre.alias("dependencia"))
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Tramite.dependencia == Dependencia.id)))
    if busqueda:
        consulta = consulta.where(Tramite.busqueda.contains(normalizar(busqueda))
                                  | Tramite.numero.contains(busqueda.strip()))
    if estado:
        consulta = consulta.where(Tramite.estado == estado)
    if procedimiento:
        consulta = consulta.where(Tramite.procedimiento == procedimiento)
    return list(consulta.order_by(Tramite.id.desc()).limit(limite).dicts())


def tiempos_por_paso(tramite: Tramite) -> dict[str, int]:
    """Segundos acumulados en cada paso (un paso puede repetirse en un ciclo de corrección)."""
    total: dict[str, int] = {}
    for registro in pasos(tramite):
        fin = registro.fin or ahora()
        total[registro.paso] = total.get(registro.paso, 0) + max(0, int((fin - registro.inicio).total_seconds()))
    return total

