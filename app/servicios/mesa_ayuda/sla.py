"""Niveles de servicio de la mesa de ayuda: metas por prioridad y estado de cada ticket.

Las metas se miden en **horas hábiles** del calendario laboral (una llamada a las
15:30 de un viernes con meta de 2 horas vence el lunes a las 9:30, o el martes
si el lunes es feriado). Un ticket está *por vencer* cuando le queda una cuarta
parte o menos de su meta, y *vencido* cuando la meta pasó sin la respuesta o la
solución.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.base_datos import transaccion
from app.modelos import MetaSLA, ahora
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.calendario_laboral import Calendario, calendario
from app.servicios.nucleo.validacion import Validador

URGENTE, ALTA, MEDIA, BAJA = "urgente", "alta", "media", "baja"
PRIORIDADES: dict[str, str] = {URGENTE: "Urgente", ALTA: "Alta", MEDIA: "Media", BAJA: "Baja"}

# Horas hábiles (respuesta, resolución) si nadie las ha configurado.
METAS_PREDETERMINADAS: dict[str, tuple[float, float]] = {
    URGENTE: (1, 8), ALTA: (2, 16), MEDIA: (4, 24), BAJA: (8, 40)}

EN_TIEMPO, POR_VENCER, VENCIDO = "en_tiempo", "por_vencer", "vencido"
ESTADOS_SLA = {EN_TIEMPO: "En tiempo", POR_VENCER: "Por vencer", VENCIDO: "Vencido"}
FRACCION_POR_VENCER = 0.25


@dataclass(frozen=True)
class Meta:
    prioridad: str
    horas_respuesta: float
    horas_resolucion: float


def metas() -> dict[str, Meta]:
    """Meta de cada prioridad (las configuradas o las predeterminadas)."""
    resultado = {p: Meta(p, *h) for p, h in METAS_PREDETERMINADAS.items()}
    for registro in MetaSLA.select():
        if registro.prioridad in resultado:
            resultado[registro.prioridad] = Meta(registro.prioridad, registro.horas_respuesta,
                                                 registro.horas_resolucion)
    return resultado


def guardar_meta(actor, prioridad: str, horas_respuesta: float | str,
                 horas_resolucion: float | str) -> Meta:
    """Configura la meta de una prioridad (aplica a los tickets que se registren después)."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    if prioridad not in PRIORIDADES:
        v.error("prioridad", f"Prioridad desconocida: «{prioridad}».")
    respuesta = _horas(v, "horas_respuesta", "Horas para la primera respuesta", horas_respuesta)
    resolucion = _horas(v, "horas_resolucion", "Horas para la solución", horas_resolucion)
    if respuesta and resolucion and resolucion < respuesta:
        v.error("horas_resolucion", "La meta de solución no puede ser menor que la de respuesta.")
    v.validar()
    with transaccion():
        registro = MetaSLA.get_or_none(MetaSLA.prioridad == prioridad)
        version = registro.version if registro else None
        registro = registro or MetaSLA(prioridad=prioridad)
        registro.horas_respuesta, registro.horas_resolucion = respuesta, resolucion
        bitacora.guardar_versionado(registro, "meta de SLA", actor, version)
    return Meta(prioridad, respuesta, resolucion)


def _horas(v: Validador, campo: str, etiqueta: str, valor) -> float:
    try:
        horas = float(str(valor).replace(",", "."))
    except (TypeError, ValueError):
        v.error(campo, f"«{etiqueta}» debe ser un número de horas.")
        return 0.0
    if not (0 < horas <= 2000):          # descarta NaN, infinito, cero y negativos
        v.error(campo, f"«{etiqueta}» debe ser mayor que 0 y a lo más 2,000 horas hábiles.")
        return 0.0
    return horas


def vencimientos(recibido_en: dt.datetime, prioridad: str, cal: Calendario | None = None,
                 tabla: dict[str, Meta] | None = None) -> tuple[dt.datetime, dt.datetime]:
    """(meta de respuesta, meta de solución) de un ticket recibido en ``recibido_en``."""
    cal = cal or calendario()
    meta = (tabla or metas())[prioridad]
    return (cal.sumar_horas_habiles(recibido_en, meta.horas_respuesta),
            cal.sumar_horas_habiles(recibido_en, meta.horas_resolucion))


def _estado_de(meta_en: dt.datetime | None, hecho_en: dt.datetime | None, horas_meta: float,
               momento: dt.datetime, cal: Calendario) -> str:
    if meta_en is None:
        return EN_TIEMPO
    if hecho_en is not None:
        return EN_TIEMPO if hecho_en <= meta_en else VENCIDO
    if momento >= meta_en:
        return VENCIDO
    restante = cal.horas_habiles_entre(momento, meta_en)
    return POR_VENCER if restante <= horas_meta * FRACCION_POR_VENCER else EN_TIEMPO


_GRAVEDAD = {EN_TIEMPO: 0, POR_VENCER: 1, VENCIDO: 2}


def estado(fila: dict, momento: dt.datetime | None = None, cal: Calendario | None = None,
           tabla: dict[str, Meta] | None = None) -> str:
    """Estado de SLA de un ticket (el peor entre respuesta y solución).

    ``fila`` trae ``prioridad``, ``meta_respuesta_en``, ``meta_resolucion_en``,
    ``primera_respuesta_en`` y ``resuelto_en`` (un ``Ticket`` o un dict).
    Un ticket ya resuelto queda *en tiempo* o *vencido* según cumplió o no.
    """
    g = fila.get if isinstance(fila, dict) else (lambda c: getattr(fila, c))
    momento = momento or ahora()
    cal = cal or calendario()
    meta = (tabla or metas())[g("prioridad")]
    respuesta = _estado_de(g("meta_respuesta_en"), g("primera_respuesta_en") or g("resuelto_en"),
                           meta.horas_respuesta, momento, cal)
    solucion = _estado_de(g("meta_resolucion_en"), g("resuelto_en"), meta.horas_resolucion, momento, cal)
    return max(respuesta, solucion, key=_GRAVEDAD.__getitem__)


class Evaluador:
    """Calcula el estado de SLA de muchas filas con una sola lectura del calendario y las metas."""

    def __init__(self, momento: dt.datetime | None = None) -> None:
        self.momento = momento or ahora()
        self.cal = calendario()
        self.tabla = metas()

    def __call__(self, fila) -> str:
        return estado(fila, self.momento, self.cal, self.tabla)

    def limites_por_vencer(self) -> dict[str, tuple[dt.datetime, dt.datetime]]:
        """Por prioridad: hasta qué momento una meta (respuesta, solución) cuenta como «por vencer»."""
        return {p: (self.cal.sumar_horas_habiles(self.momento, m.horas_respuesta * FRACCION_POR_VENCER),
                    self.cal.sumar_horas_habiles(self.momento, m.horas_resolucion * FRACCION_POR_VENCER))
                for p, m in self.tabla.items()}
