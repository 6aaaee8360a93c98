"""Trámites: un caso de uno de los 21 procedimientos, movido paso a paso.

Un trámite solo se mueve por las transiciones que define su procedimiento: del
paso actual al siguiente, o en una decisión, al destino de la respuesta elegida.
Cada paso guarda quién lo cerró, cuándo, la nota y cuánto tiempo estuvo abierto,
y los datos que declara su definición (campos y adjuntos), que quedan con el paso
que los capturó. Un paso no se cierra mientras falte un dato requerido o no se
cumpla una de sus reglas: el rechazo nombra todo lo que falta y no escribe nada.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.modelos import (AdjuntoPaso, Dependencia, Oficio, PasoTramite, ServidorPublico, Tramite, Usuario,
                         ValorPaso, ahora)
from app.servicios.nucleo import bitacora, calendario_laboral, folios, permisos
from app.servicios.tramites import datos_paso, modulos, procedimientos, reglas
from app.errores import ErrorConflicto, ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.servicios.tramites.datos_paso import ArchivoValidado, Valor
from app.servicios.tramites.procedimientos import Campo, Paso, Procedimiento
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, normalizar, texto_busqueda
from app.servicios.nucleo.concurrencia import cambia

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
    dueno = modulos.modulo(definicion.modulo)
    if dueno is not None:
        raise ErrorTransicion(f"{dueno.mensaje} El procedimiento {definicion.numero} ({definicion.nombre}) "
                              f"se lleva desde ese módulo, que abre su trámite.")
    permisos.exigir_area(actor, definicion.area)
    v = Validador()
    asunto = v.texto("asunto", "Asunto del trámite", asunto, 300, requerido=True)
    nota = v.texto("nota", "Nota", nota, 5000, multilinea=True)
    if oficio_entrada is not None and oficio_entrada.tipo != "entrante":
        v.error("oficio_entrada", "El oficio que origina un trámite debe ser un oficio recibido.")
    elif oficio_entrada is not None and oficio_entrada.estado in ("archivado", "descartado"):
        v.error("oficio_entrada", f"El oficio {oficio_entrada.numero_oficio or oficio_entrada.id} está "
                                  f"{oficio_entrada.estado}: no abre casos.")
    v.validar()
    if dependencia is None and oficio_entrada is not None:
        dependencia = oficio_entrada.procedencia
    errores = reglas.revisar_apertura(reglas.Contexto(
        definicion, definicion.inicio, dependencia, solicitante, oficio_entrada, {}, None, ahora()))
    if errores:
        raise ErrorValidacion(errores)
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
        iniciar_paso(tramite, definicion.inicio, actor, momento, nota)
        if oficio_entrada is not None and oficio_entrada.tramite_id is None:
            oficio_entrada.tramite_id = tramite.id
            oficio_entrada.modificado_en = momento
            oficio_entrada.save()
            bitacora.registrar(oficio_entrada, "oficio vinculado a trámite", actor)
    return tramite


def exigir_sin_modulo(tramite: Tramite) -> None:
    """Un trámite que lleva un módulo (el de un ticket, un dictamen…) solo se mueve desde ese módulo."""
    dueno = modulos.modulo(tramite.modulo)
    if dueno is not None:
        raise ErrorTransicion(f"El trámite {tramite.numero} es el de un {dueno.registro}: se atiende desde la "
                              f"pestaña {dueno.pestana}, que mueve sus pasos.")


def iniciar_paso(tramite: Tramite, paso: Paso, actor: Usuario | None, momento, nota: str = "") -> PasoTramite:
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


@cambia("tramite")
def avanzar_tramite(actor: Usuario | None, tramite: Tramite, opcion: str | None = None,
                    nota: str = "", version: int | None = None,
                    valores: Mapping[str, Any] | None = None,
                    adjuntos: Mapping[str, Any] | None = None) -> Tramite:
    """Cierra el paso actual y pasa al que indica el procedimiento.

    En una decisión, ``opcion`` es la respuesta («Sí», «No», «Correctivo», …). Si el
    paso no tiene siguiente, el trámite queda concluido. ``version`` (la que tenía el
    trámite cuando se mostró) evita que dos personas lo muevan a la vez sin saberlo.
    ``valores`` son los campos del paso (clave → valor, de su tipo o como texto) y
    ``adjuntos`` sus documentos (clave → ruta o par (nombre, bytes)). Si falta un
    requerido, un valor es inválido o una regla no se cumple, lanza
    :class:`ErrorValidacion` con TODOS los problemas y no escribe nada.
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    exigir_sin_modulo(tramite)
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
    _exigir_version(tramite, version)        # antes de revisar datos de un paso que quizá ya no es el actual
    abierto = paso_abierto(tramite)
    nuevos, archivos = _revisar_datos(tramite, estado.procedimiento, paso, abierto, valores, adjuntos,
                                      etiqueta or None, cerrar=True)
    with transaccion():
        esperada = _exigir_version(tramite, version)
        momento = ahora()
        if abierto is not None:
            guardar_datos(tramite, abierto, nuevos, archivos, actor, momento)
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
            iniciar_paso(tramite, estado.procedimiento.paso(destino), actor, momento)
    return tramite


@cambia("tramite")
def capturar_datos(actor: Usuario | None, tramite: Tramite, valores: Mapping[str, Any] | None = None,
                   adjuntos: Mapping[str, Any] | None = None, version: int | None = None) -> Tramite:
    """Guarda datos del paso actual sin cerrarlo (el formulario a medias, un adjunto que llegó antes).

    Los valores inválidos se rechazan todos juntos; los requeridos se exigen hasta cerrar el paso.
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    exigir_sin_modulo(tramite)
    estado = situacion(tramite)
    permisos.exigir_area(actor, estado.procedimiento.area)
    if estado.terminado:
        raise ErrorTransicion(f"El trámite {tramite.numero} ya está {tramite.estado}; no se le capturan datos.")
    _exigir_version(tramite, version)
    abierto = paso_abierto(tramite)
    if abierto is None:
        raise ErrorTransicion(f"El trámite {tramite.numero} no tiene un paso abierto.")
    nuevos, archivos = _revisar_datos(tramite, estado.procedimiento, estado.paso, abierto, valores, adjuntos,
                                      None, cerrar=False)
    if not nuevos and not archivos:
        return tramite
    with transaccion():
        esperada = _exigir_version(tramite, version)
        momento = ahora()
        guardar_datos(tramite, abierto, nuevos, archivos, actor, momento)
        tramite.version = esperada + 1
        tramite.modificado_en = momento
        tramite.save()
        bitacora.registrar(tramite, "datos de paso capturados", actor)
    return tramite


def paso_abierto(tramite: Tramite) -> PasoTramite | None:
    return (PasoTramite.select().where((PasoTramite.tramite == tramite) & PasoTramite.fin.is_null())
            .order_by(PasoTramite.id.desc()).first())


def _revisar_datos(tramite: Tramite, definicion: Procedimiento, paso: Paso, abierto: PasoTramite | None,
                   valores: Mapping[str, Any] | None, adjuntos: Mapping[str, Any] | None,
                   opcion: str | None, cerrar: bool) -> tuple[dict[str, Valor], dict[str, ArchivoValidado]]:
    """Convierte y revisa los datos del paso; junta todos los problemas en un solo ErrorValidacion."""
    campos = reglas.campos_del_paso(paso)
    previos = valores_vigentes(abierto, campos) if abierto is not None else {}
    nuevos, errores = datos_paso.validar_valores(campos, valores, previos, exigir_requeridos=cerrar)
    previos_adjuntos = claves_adjuntos(abierto) if abierto is not None else set()
    archivos, errores_adjuntos = datos_paso.validar_adjuntos(paso.adjuntos, adjuntos, previos_adjuntos,
                                                             exigir_requeridos=cerrar)
    errores += errores_adjuntos
    if cerrar:
        con_error = {clave for clave, _ in errores}
        contexto = reglas.Contexto(definicion, paso, tramite.dependencia if tramite.dependencia_id else None,
                                   tramite.solicitante if tramite.solicitante_id else None,
                                   tramite.oficio_entrada if tramite.oficio_entrada_id else None,
                                   {**previos, **nuevos}, opcion, ahora())
        errores += [(clave, mensaje) for clave, mensaje in reglas.revisar_cierre(contexto) if clave not in con_error]
    if errores:
        raise ErrorValidacion(errores)
    return nuevos, archivos


def guardar_datos(tramite: Tramite, abierto: PasoTramite, nuevos: dict[str, Valor],
                   archivos: dict[str, ArchivoValidado], actor: Usuario | None, momento: dt.datetime) -> None:
    """Dentro de la transacción: cada valor y adjunto queda con su paso y en la bitácora."""
    for valor in nuevos.values():
        registro = ValorPaso.create(tramite=tramite, paso_tramite=abierto, paso=abierto.paso, clave=valor.clave,
                                    etiqueta=valor.etiqueta[:200], tipo=valor.tipo, valor=valor.guardado,
                                    texto=valor.texto, referencia_id=valor.referencia_id, creado_en=momento,
                                    creado_por=actor)
        bitacora.registrar(registro, "valor de paso capturado", actor)
    for archivo in archivos.values():
        registro = AdjuntoPaso.create(tramite=tramite, paso_tramite=abierto, paso=abierto.paso, clave=archivo.clave,
                                      etiqueta=archivo.etiqueta[:200], nombre_archivo=archivo.nombre,
                                      tipo=archivo.tipo, tipo_mime=archivo.tipo_mime, contenido=archivo.contenido,
                                      sha256=archivo.sha256, tamano=archivo.tamano, creado_en=momento,
                                      creado_por=actor)
        bitacora.registrar(registro, "adjunto de paso", actor)


def valores_vigentes(registro: PasoTramite, campos: tuple[Campo, ...]) -> dict[str, Valor]:
    """El último valor de cada clave capturado en ``registro`` (un paso recorrido)."""
    por_clave = {c.clave: c for c in campos}
    vigentes: dict[str, Valor] = {}
    for fila in ValorPaso.select().where(ValorPaso.paso_tramite == registro).order_by(ValorPaso.id):
        campo = por_clave.get(fila.clave) or Campo(fila.clave, fila.etiqueta, fila.tipo)
        valor = datos_paso.desde_guardado(campo, fila.valor, fila.referencia_id)
        if valor is not None:
            vigentes[fila.clave] = valor
    return vigentes


def claves_adjuntos(registro: PasoTramite) -> set[str]:
    return {clave for (clave,) in AdjuntoPaso.select(AdjuntoPaso.clave)
            .where(AdjuntoPaso.paso_tramite == registro).tuples()}


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


@cambia("tramite")
def cancelar_tramite(actor: Usuario | None, tramite: Tramite, motivo: str,
                     version: int | None = None) -> Tramite:
    """Baja lógica: el trámite queda cancelado con su motivo; su historial se conserva."""
    permisos.exigir(actor, permisos.CANCELAR_TRAMITE)
    exigir_sin_modulo(tramite)
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
        condicion = busqueda_indexada.condicion(Tramite, busqueda, por_palabras=False)
        numero = Tramite.numero.contains(busqueda.strip())
        consulta = consulta.where(numero if condicion is None else condicion | numero)
    if estado:
        consulta = consulta.where(Tramite.estado == estado)
    if procedimiento:
        consulta = consulta.where(Tramite.procedimiento == procedimiento)
    filas = list(consulta.order_by(Tramite.id.desc()).limit(limite).dicts())
    _agregar_vencimientos(filas)
    return filas


def vencimiento(inicio: dt.datetime, paso: Paso,
                calendario: calendario_laboral.Calendario | None = None) -> dt.datetime | None:
    """Cuándo vence un paso abierto en ``inicio``: su plazo en horas hábiles del calendario laboral."""
    if not paso.plazo_horas_habiles:
        return None
    calendario = calendario or calendario_laboral.calendario()
    return calendario.sumar_horas_habiles(inicio, paso.plazo_horas_habiles).replace(microsecond=0)


def _agregar_vencimientos(filas: list[dict[str, Any]]) -> None:
    """Pone en cada fila ``vence_en`` (o None) y ``vencido`` del paso abierto, con una consulta más."""
    abiertos = [f["id"] for f in filas if f["estado"] == ABIERTO and f["paso_actual"]]
    inicios: dict[int, dt.datetime] = {}
    if abiertos:
        for tramite_id, inicio in (PasoTramite.select(PasoTramite.tramite, PasoTramite.inicio)
                                   .where(PasoTramite.tramite.in_(abiertos) & PasoTramite.fin.is_null())
                                   .order_by(PasoTramite.id).tuples()):
            inicios[tramite_id] = inicio
    calendario = calendario_laboral.calendario() if inicios else None
    momento = ahora()
    for fila in filas:
        fila["vence_en"], fila["vencido"] = None, False
        inicio = inicios.get(fila["id"])
        if inicio is None:
            continue
        try:
            paso = procedimientos.obtener(fila["procedimiento"]).paso(fila["paso_actual"])
        except ErrorNoEncontrado:
            continue
        vence = vencimiento(inicio, paso, calendario)
        fila["vence_en"], fila["vencido"] = vence, vence is not None and vence < momento


def tiempos_por_paso(tramite: Tramite) -> dict[str, int]:
    """Segundos acumulados en cada paso (un paso puede repetirse en un ciclo de corrección)."""
    total: dict[str, int] = {}
    for registro in pasos(tramite):
        fin = registro.fin or ahora()
        total[registro.paso] = total.get(registro.paso, 0) + max(0, int((fin - registro.inicio).total_seconds()))
    return total

