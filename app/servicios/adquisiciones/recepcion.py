"""Recepción del bien o instalación del servicio, partida por partida (actividades 4 y 4.1).

Cada entrega se revisa contra lo contratado: cuántas piezas llegaron de cada partida, si cumple y
sus números de serie. Si alguna partida no cumple, la corrección se pide al proveedor **por
oficio** (política del procedimiento) y el trámite vuelve a la actividad 4 para la siguiente
entrega. Cada recepción queda como evidencia; la que llega después de la fecha pactada queda
marcada como tardía (el historial del proveedor las muestra).
"""
from __future__ import annotations

from typing import Any

from app.base_datos import transaccion
from app.errores import ErrorValidacion
from app.modelos import Usuario, ahora
from app.modelos.adquisiciones import (CONTRATADA, EN_CORRECCION, RECIBIDA, Adquisicion, PartidaAdquisicion,
                                       RecepcionAdquisicion, RevisionPartida)
from app.servicios.adquisiciones import expedientes, oficios_adquisicion
from app.servicios.adquisiciones.comun import exigir, exigir_estado, fecha, guardar
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.validacion import Validador, limpiar_texto
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia

MAXIMO_SERIE = 100


def _series(v: Validador, prefijo: str, crudo: Any) -> list[str]:
    if crudo is None:
        return []
    renglones = crudo if isinstance(crudo, (list, tuple)) else str(crudo).replace(",", "\n").splitlines()
    series = [limpiar_texto(s).upper() for s in renglones if limpiar_texto(s)]
    for serie in series:
        if len(serie) > MAXIMO_SERIE:
            v.error("series", f"{prefijo}un número de serie pasa de {MAXIMO_SERIE} caracteres.")
    return series


def _revisar(v: Validador, partidas: list[PartidaAdquisicion],
             revisiones: list[dict[str, Any]]) -> list[tuple[PartidaAdquisicion, int, bool, str, list[str]]]:
    """Una revisión por partida, en cualquier orden, identificada por ``partida`` (id) o ``numero``."""
    por_partida: dict[int, dict[str, Any]] = {}
    for crudo in revisiones or []:
        if not isinstance(crudo, dict):
            v.error("revisiones", "Cada revisión de partida debe traer la partida, lo recibido y si cumple.")
            continue
        partida = next((p for p in partidas if p.id == crudo.get("partida") or p.numero == crudo.get("numero")),
                       None)
        if partida is None:
            v.error("revisiones", f"La partida «{str(crudo.get('partida') or crudo.get('numero'))[:20]}» no es de "
                                  "esta adquisición.")
            continue
        if partida.id in por_partida:
            v.error("revisiones", f"La partida {partida.numero} se revisó dos veces en la misma recepción.")
        por_partida[partida.id] = crudo
    resultado = []
    todas_las_series: dict[str, int] = {}
    for partida in partidas:
        crudo = por_partida.get(partida.id)
        prefijo = f"Partida {partida.numero} («{partida.descripcion[:40]}»): "
        if crudo is None:
            v.error("revisiones", f"{prefijo}falta revisarla. Cada partida se revisa contra lo solicitado.")
            continue
        recibida = crudo.get("cantidad_recibida", 0)
        if isinstance(recibida, bool) or not isinstance(recibida, (int, str)):
            recibida = -1
        recibida = v.entero("revisiones", prefijo + "cantidad recibida", recibida, 0, partida.cantidad * 10)
        conforme = crudo.get("conforme")
        if not isinstance(conforme, bool):
            v.error("revisiones", f"{prefijo}diga si cumple con lo solicitado (Sí o No).")
            conforme = False
        observacion = v.texto("revisiones", prefijo + "observación", crudo.get("observacion", ""), 2000,
                              multilinea=True)
        series = _series(v, prefijo, crudo.get("series"))
        if conforme and recibida != partida.cantidad:
            v.error("revisiones", f"{prefijo}se marcó conforme, pero llegaron {recibida} de {partida.cantidad} "
                                  "piezas contratadas.")
        if not conforme and not observacion and recibida == partida.cantidad:
            v.error("revisiones", f"{prefijo}diga en qué no cumple con lo solicitado.")
        if len(series) > recibida:
            v.error("revisiones", f"{prefijo}hay {len(series)} números de serie para {recibida} piezas recibidas.")
        for serie in series:
            if serie in todas_las_series:
                v.error("revisiones", f"{prefijo}el número de serie {serie} se repite.")
            todas_las_series[serie] = partida.numero
        resultado.append((partida, recibida, conforme, observacion, series))
    return resultado


def _incumplimientos(revisadas, extra: str) -> str:
    renglones = []
    for partida, recibida, conforme, observacion, _series_ in revisadas:
        if conforme:
            continue
        detalle = f"llegaron {recibida} de {partida.cantidad}" if recibida != partida.cantidad else "no cumple"
        renglones.append(f"• Partida {partida.numero}, {partida.descripcion}: {detalle}"
                         + (f". {observacion}" if observacion else "."))
    if extra:
        renglones.append(extra)
    return "\n".join(renglones)


@cambia("adquisicion")
def recibir(actor: Usuario | None, adquisicion: Adquisicion, *, fecha_recepcion: Any,
            revisiones: list[dict[str, Any]], observaciones: str = "", incumplimientos: str = "",
            version: int | None = None) -> RecepcionAdquisicion:
    """Registra una entrega revisada partida por partida.

    ``revisiones``: [{partida (id) o numero, cantidad_recibida, conforme (bool), observacion, series}].
    Todas conformes → la adquisición queda recibida y su trámite pasa al pago (5). Si alguna no
    cumple → se emite el oficio de corrección al proveedor (4.1) y el trámite vuelve a 4.
    """
    exigir(actor)
    exigir_estado(adquisicion, (CONTRATADA, EN_CORRECCION), "registrar la recepción")
    v = Validador()
    hoy = hoy_mexico()
    dia = fecha(v, "fecha_recepcion", "Fecha de recepción", fecha_recepcion)
    v.fecha_no_futura("fecha_recepcion", "Fecha de recepción", dia, hoy)
    if dia is not None and adquisicion.fecha_contrato and dia < adquisicion.fecha_contrato:
        v.error("fecha_recepcion", "La fecha de recepción es anterior a la del contrato.")
    observaciones = v.texto("observaciones", "Observaciones de la revisión", observaciones, 5000, multilinea=True)
    extra = v.texto("incumplimientos", "En qué no cumple", incumplimientos, 5000, multilinea=True)
    partidas = list(PartidaAdquisicion.select().where(PartidaAdquisicion.adquisicion == adquisicion)
                    .order_by(PartidaAdquisicion.numero))
    revisadas = _revisar(v, partidas, revisiones)
    v.validar()
    conforme = all(r[2] for r in revisadas)
    if not conforme:
        permisos.exigir(actor, permisos.EMITIR_OFICIO)
    leida = adquisicion.version if version is None else version
    anteriores = RecepcionAdquisicion.select().where(RecepcionAdquisicion.adquisicion == adquisicion).count()
    with transaccion():
        recepcion = RecepcionAdquisicion(
            adquisicion=adquisicion, numero=anteriores + 1, fecha=dia, conforme=conforme,
            tardia=bool(adquisicion.fecha_entrega_pactada and dia > adquisicion.fecha_entrega_pactada),
            observaciones=observaciones, registrado_en=ahora(), registrado_por=actor)
        if not conforme:
            recepcion.incumplimientos = _incumplimientos(revisadas, extra)
        recepcion.save()
        for partida, recibida, cumple, observacion, series in revisadas:
            revision = RevisionPartida.create(recepcion=recepcion, partida=partida, cantidad_recibida=recibida,
                                              conforme=cumple, observacion=observacion, series="\n".join(series))
            bitacora.registrar(revision, "revisión de partida recibida", actor)
        datos_4 = {"fecha_recepcion": dia, **({"observaciones": observaciones} if observaciones else {})}
        if conforme:
            adquisicion.estado = RECIBIDA
            expedientes.llevar(actor, adquisicion, "5", respuestas={"4": "Sí"}, datos={"4": datos_4})
            bitacora.registrar(recepcion, "recepción conforme", actor)
            guardar(actor, adquisicion, "adquisición recibida conforme", leida)
            return recepcion
        expedientes.llevar(actor, adquisicion, "4.1", respuestas={"4": "No"}, datos={"4": datos_4})
        oficio = oficios_adquisicion.correccion(actor, adquisicion, recepcion.incumplimientos)
        recepcion.oficio_correccion = oficio
        recepcion.save()
        bitacora.registrar(recepcion, "recepción no conforme: corrección pedida al proveedor", actor)
        expedientes.llevar(actor, adquisicion, "4", datos={"4.1": {"incumplimientos": recepcion.incumplimientos}},
                           nota=f"Oficio de corrección {oficio.folio} al proveedor.")
        adquisicion.estado = EN_CORRECCION
        guardar(actor, adquisicion, "corrección pedida al proveedor", leida)
    return recepcion


def series_recibidas(adquisicion: Adquisicion) -> dict[int, list[str]]:
    """Por partida (id), los números de serie de la recepción conforme."""
    conforme = (RecepcionAdquisicion.select().where((RecepcionAdquisicion.adquisicion == adquisicion)
                                                    & (RecepcionAdquisicion.conforme == True))  # noqa: E712
                .order_by(RecepcionAdquisicion.id.desc()).first())
    if conforme is None:
        raise ErrorValidacion([("recepcion", "La adquisición no tiene una recepción conforme.")])
    return {r.partida_id: [s for s in r.series.splitlines() if s] for r in conforme.revisiones}
