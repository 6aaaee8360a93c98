"""El expediente único: el trámite que lleva cada registro de un módulo.

Un ticket, un dictamen, un mantenimiento, una solicitud de cuenta o de software y un
movimiento de inventario son casos de un procedimiento del manual. Su módulo abre el
trámite en la misma transacción en que crea el registro (:func:`abrir`) y, con cada
acción propia (escalar, emitir el dictamen, aplicar el movimiento…), lo lleva al paso
que esa acción implica (:func:`llevar`). Los pasos recorridos quedan con su inicio, su
fin, la respuesta de cada decisión y quién los cerró, igual que si se hubieran movido
desde la pestaña Trámites; por eso el tiempo de cada paso se mide igual en todos los
casos de la DTI.

Estas funciones se llaman **dentro** de la transacción del módulo y no revisan permisos:
el módulo ya revisó los suyos. Tampoco exigen los campos declarados del paso: el módulo
guarda sus propios datos (validados por él) y puede dejar copia en el paso con ``datos``.
"""
from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Mapping
from typing import Any

from app.modelos import Dependencia, Oficio, PasoTramite, ServidorPublico, Tramite, Usuario, ahora
from app.errores import ErrorTransicion, ErrorValidacion
from app.servicios.nucleo import bitacora, folios
from app.servicios.nucleo.validacion import Validador, texto_busqueda
from app.servicios.tramites import datos_paso, procedimientos, reglas
from app.servicios.tramites.modulos import MODULOS
from app.servicios.tramites.procedimientos import Paso, Procedimiento
from app.servicios.tramites.tramites import (ABIERTO, CANCELADO, CONCLUIDO, FORMATO_NUMERO, iniciar_paso,
                                             paso_abierto, guardar_datos, normalizar_opcion)

FIN = None   # destino «el trámite concluye»


def abrir(actor: Usuario | None, procedimiento: int, asunto: str, *, dependencia: Dependencia | None = None,
          solicitante: ServidorPublico | None = None, oficio_entrada: Oficio | None = None,
          hasta: str | None = None, respuestas: Mapping[str, str] | None = None, nota: str = "",
          momento: dt.datetime | None = None,
          datos: Mapping[str, Mapping[str, Any]] | None = None) -> Tramite:
    """Abre el trámite de un registro de módulo; si se da ``hasta``, lo lleva a ese paso.

    ``momento`` es el inicio del caso (el del registro: un ticket recibido ayer se abre con
    la hora de ayer). El asunto se recorta a lo que cabe; el procedimiento debe tener módulo.
    """
    definicion = procedimientos.obtener(procedimiento)
    if definicion.modulo not in MODULOS:
        raise ErrorTransicion(f"El procedimiento {definicion.numero} no pertenece a un módulo; "
                              "sus trámites se abren en la pestaña Trámites.")
    v = Validador()
    asunto = v.texto("asunto", "Asunto del trámite", " ".join((asunto or "").split())[:300] or definicion.nombre,
                     300, requerido=True)
    if oficio_entrada is not None and oficio_entrada.estado in ("archivado", "descartado"):
        v.error("oficio_entrada", f"El oficio {oficio_entrada.numero_oficio or oficio_entrada.id} está "
                                  f"{oficio_entrada.estado}: no abre casos.")
    v.validar()
    if dependencia is None and oficio_entrada is not None and oficio_entrada.procedencia_id:
        dependencia = oficio_entrada.procedencia
    momento = momento or ahora()
    numero = folios.siguiente_consecutivo(folios.SERIE_TRAMITES, ahora().year)
    tramite = Tramite.create(
        numero=FORMATO_NUMERO.format(numero=numero, anio=ahora().year), procedimiento=definicion.numero,
        asunto=asunto, dependencia=dependencia, solicitante=solicitante, oficio_entrada=oficio_entrada,
        paso_actual=definicion.inicio.numero, estado=ABIERTO, responsable=actor,
        creado_en=momento, modificado_en=momento, modulo=definicion.modulo,
        busqueda=texto_busqueda(asunto, definicion.nombre, dependencia.nombre if dependencia else ""))
    bitacora.registrar(tramite, "apertura de trámite", actor)
    iniciar_paso(tramite, definicion.inicio, actor, momento, nota)
    if oficio_entrada is not None and oficio_entrada.tramite_id is None:
        oficio_entrada.tramite_id = tramite.id
        oficio_entrada.modificado_en = ahora()
        oficio_entrada.save()
        bitacora.registrar(oficio_entrada, "oficio vinculado a trámite", actor)
    if hasta is not None or datos:
        tramite = llevar(actor, tramite, hasta if hasta is not None else definicion.inicio.numero,
                         respuestas=respuestas, momento=momento, datos=datos)
    return tramite


def ruta(definicion: Procedimiento, desde: str, hasta: str | None,
         respuestas: Mapping[str, str] | None = None) -> list[tuple[Paso, str, str | None]]:
    """Los pasos que hay que cerrar para ir de ``desde`` a ``hasta`` (None: concluir).

    Cada elemento es (paso que se cierra, respuesta elegida o «», destino). En una
    decisión solo se sigue la respuesta de ``respuestas`` si la trae; si no, cualquiera
    que lleve al destino, en el orden del manual (el camino más corto). Lanza
    :class:`ErrorTransicion` si el procedimiento no lleva de un paso al otro.
    """
    respuestas = {k: v for k, v in (respuestas or {}).items()}
    if desde == hasta:
        return []
    previo: dict[str | None, tuple[str, str, str | None] | None] = {desde: None}
    cola: deque[str] = deque([desde])
    while cola:
        actual = cola.popleft()
        paso = definicion.paso(actual)
        for etiqueta, destino in _salidas(paso, respuestas.get(actual)):
            if destino in previo:
                continue
            previo[destino] = (actual, etiqueta, destino)
            if destino == hasta:
                cola.clear()
                break
            if destino is not None:
                cola.append(destino)
    if hasta not in previo:
        objetivo = "concluir" if hasta is None else f"llegar al paso {hasta}"
        raise ErrorTransicion(f"El procedimiento {definicion.numero} no permite {objetivo} desde el paso {desde}.")
    camino: list[tuple[Paso, str, str | None]] = []
    nodo: str | None = hasta
    while previo[nodo] is not None:
        origen, etiqueta, destino = previo[nodo]
        camino.append((definicion.paso(origen), etiqueta, destino))
        nodo = origen
    return list(reversed(camino))


def _salidas(paso: Paso, respuesta: str | None) -> list[tuple[str, str | None]]:
    if not paso.es_decision:
        return [("", paso.siguiente)]
    if respuesta:
        etiqueta = normalizar_opcion(respuesta, tuple(o.etiqueta for o in paso.opciones))
        return [(o.etiqueta, o.destino) for o in paso.opciones if o.etiqueta == etiqueta]
    return [(o.etiqueta, o.destino) for o in paso.opciones]


def llevar(actor: Usuario | None, tramite: Tramite, hasta: str | None, *,
           respuestas: Mapping[str, str] | None = None, nota: str = "", momento: dt.datetime | None = None,
           datos: Mapping[str, Mapping[str, Any]] | None = None, repetir: bool = False) -> Tramite:
    """Lleva el trámite de su paso actual al paso ``hasta`` (None: lo concluye).

    Cierra cada paso del camino con la respuesta que toca (``respuestas``: paso → respuesta
    de su decisión) y abre el siguiente. ``nota`` queda en el primer paso que se cierra.
    ``datos`` (paso → {clave: valor}) deja copia de lo que el módulo capturó en los pasos
    que recorre. Si el trámite ya está en ``hasta`` no hace nada, salvo con ``repetir``
    (un ciclo de corrección: vuelve a abrir el mismo paso). Un trámite concluido o
    cancelado no se mueve.
    """
    tramite = Tramite.get_by_id(tramite.id)
    if tramite.estado != ABIERTO or tramite.paso_actual is None:
        if hasta is None and tramite.estado == CONCLUIDO:
            return tramite
        raise ErrorTransicion(f"El trámite {tramite.numero} ya está {tramite.estado}; no se puede mover.")
    definicion = procedimientos.obtener(tramite.procedimiento)
    momento = momento or ahora()
    datos = datos or {}
    if tramite.paso_actual == hasta and not repetir:
        _guardar_copia(actor, tramite, paso_abierto(tramite), definicion, datos.get(hasta), momento)
        return tramite
    if repetir and tramite.paso_actual == hasta:
        camino = _ciclo(definicion, hasta, respuestas)
    else:
        camino = ruta(definicion, tramite.paso_actual, hasta, respuestas)
    primero = True
    for paso, etiqueta, destino in camino:
        abierto = paso_abierto(tramite)
        if abierto is not None:
            _guardar_copia(actor, tramite, abierto, definicion, datos.get(paso.numero), momento)
            inicio = abierto.inicio if abierto.inicio <= momento else momento
            abierto.fin = momento
            abierto.segundos = max(0, int((momento - inicio).total_seconds()))
            abierto.opcion, abierto.destino, abierto.usuario = etiqueta, destino, actor
            if nota and primero:
                abierto.nota = f"{abierto.nota}\n{nota}".strip() if abierto.nota else nota
            abierto.save()
            bitacora.registrar(abierto, "paso concluido", actor)
        primero = False
        if destino is None:
            tramite.paso_actual, tramite.estado, tramite.concluido_en = None, CONCLUIDO, momento
        else:
            tramite.paso_actual = destino
        tramite.version += 1
        tramite.modificado_en = ahora()
        tramite.save()
        bitacora.registrar(tramite, "trámite concluido" if destino is None else "avance de trámite", actor)
        if destino is not None:
            nuevo = iniciar_paso(tramite, definicion.paso(destino), actor, momento)
            if destino == hasta:
                _guardar_copia(actor, tramite, nuevo, definicion, datos.get(destino), momento)
    return tramite


def _ciclo(definicion: Procedimiento, paso: str, respuestas: Mapping[str, str] | None):
    """Camino que sale de ``paso`` y vuelve a él (el ajuste de un «¿Funciona?» que dijo «No»)."""
    actual = definicion.paso(paso)
    for etiqueta, destino in _salidas(actual, (respuestas or {}).get(paso)):
        if destino is None:
            continue
        try:
            resto = ruta(definicion, destino, paso, respuestas)
        except ErrorTransicion:
            continue
        return [(actual, etiqueta, destino), *resto]
    raise ErrorTransicion(f"El paso {paso} del procedimiento {definicion.numero} no se repite.")


def _guardar_copia(actor: Usuario | None, tramite: Tramite, abierto: PasoTramite | None,
                   definicion: Procedimiento, valores: Mapping[str, Any] | None, momento: dt.datetime) -> None:
    """Copia en el paso los valores que el módulo ya validó (los que el paso declara)."""
    if not valores or abierto is None:
        return
    paso = definicion.paso(abierto.paso)
    campos = reglas.campos_del_paso(paso)
    nuevos, errores = datos_paso.validar_valores(campos, valores, {}, exigir_requeridos=False)
    if errores:
        raise ErrorValidacion(errores)
    guardar_datos(tramite, abierto, nuevos, {}, actor, momento)


def concluir(actor: Usuario | None, tramite: Tramite, *, respuestas: Mapping[str, str] | None = None,
             nota: str = "", momento: dt.datetime | None = None,
             datos: Mapping[str, Mapping[str, Any]] | None = None) -> Tramite:
    """Lleva el trámite hasta su fin por el camino que marcan ``respuestas``."""
    return llevar(actor, tramite, FIN, respuestas=respuestas, nota=nota, momento=momento, datos=datos)


def cancelar(actor: Usuario | None, tramite: Tramite, motivo: str, momento: dt.datetime | None = None) -> Tramite:
    """El registro del módulo se canceló: su trámite queda cancelado con el mismo motivo."""
    tramite = Tramite.get_by_id(tramite.id)
    if tramite.estado != ABIERTO:
        return tramite
    momento = momento or ahora()
    abierto = paso_abierto(tramite)
    if abierto is not None:
        abierto.fin = momento
        abierto.segundos = max(0, int((momento - abierto.inicio).total_seconds()))
        abierto.nota = f"{abierto.nota}\nCancelado: {motivo}".strip()
        abierto.usuario = actor
        abierto.save()
        bitacora.registrar(abierto, "paso cancelado", actor)
    tramite.estado, tramite.motivo_cancelacion = CANCELADO, (motivo or "Cancelado en su módulo")[:1000]
    tramite.paso_actual, tramite.concluido_en = None, momento
    tramite.version += 1
    tramite.modificado_en = ahora()
    tramite.save()
    bitacora.registrar(tramite, "cancelación de trámite", actor)
    return tramite


def mensaje_modulo(definicion: Procedimiento) -> str:
    """«Los tickets se abren en Mesa de ayuda.» para un procedimiento con módulo."""
    dueno = MODULOS.get(definicion.modulo)
    return dueno.mensaje if dueno else ""


def asignar(actor: Usuario | None, tramite: Tramite, responsable: Usuario | None) -> Tramite:
    """El registro del módulo cambió de encargado (el técnico del ticket…): su trámite también.

    La bandeja muestra en «Míos» los pasos abiertos de los trámites cuyo responsable es el usuario.
    """
    tramite = Tramite.get_by_id(tramite.id)
    nuevo = responsable.id if responsable is not None else None
    if tramite.responsable_id == nuevo:
        return tramite
    tramite.responsable = responsable
    tramite.version += 1
    tramite.modificado_en = ahora()
    tramite.save()
    bitacora.registrar(tramite, "responsable de trámite", actor)
    return tramite


# --- Cómo se lee el trámite de un registro en las pantallas de su módulo ------------------------------

def texto_de(tramite_id: int | None) -> str:
    """«DTI-T-0012/2026 · paso 3. Se programa fecha…» o «DTI-T-0012/2026 · Concluido» (texto plano)."""
    return textos_de([tramite_id]).get(tramite_id, "(sin trámite)") if tramite_id else "(sin trámite)"


def textos_de(tramite_ids: list[int]) -> dict[int, str]:
    """:func:`texto_de` de varios trámites en una consulta (para las tablas)."""
    textos: dict[int, str] = {}
    ids = [i for i in tramite_ids if i]
    if not ids:
        return textos
    for id_, numero, procedimiento, paso_actual, estado in (
            Tramite.select(Tramite.id, Tramite.numero, Tramite.procedimiento, Tramite.paso_actual, Tramite.estado)
            .where(Tramite.id.in_(ids)).tuples()):
        if paso_actual:
            paso = procedimientos.obtener(procedimiento).paso(paso_actual)
            textos[id_] = f"{numero} · paso {paso.numero}. {paso.actividad}"
        else:
            textos[id_] = f"{numero} · {estado.capitalize()}"
    return textos


def resumen_de(tramite_id: int | None) -> str:
    """Número del trámite y su paso actual, para un detalle: «DTI-T-0007/2026 · Paso 7: ¿Funcionan…?»."""
    tramite = Tramite.get_or_none(Tramite.id == tramite_id) if tramite_id else None
    if tramite is None:
        return "Sin trámite"
    if tramite.estado == CANCELADO:
        return f"{tramite.numero} · Cancelado"
    if tramite.paso_actual is None:
        cuando = f" el {tramite.concluido_en:%d/%m/%Y %H:%M}" if tramite.concluido_en else ""
        return f"{tramite.numero} · Concluido{cuando}"
    paso = procedimientos.obtener(tramite.procedimiento).paso(tramite.paso_actual)
    return f"{tramite.numero} · Paso {paso.numero}: {paso.pregunta or paso.actividad}"
