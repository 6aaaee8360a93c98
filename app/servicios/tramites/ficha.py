"""Lo que muestra la pantalla de un trámite, reunido en pocas consultas.

La vista de trámites no consulta la base: pide aquí la ficha completa (trámite,
dependencia, solicitante, oficio que lo originó, historial de pasos y oficios
emitidos) y la muestra tal cual.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from app.modelos import Dependencia, Oficio, PasoTramite, ServidorPublico, Tramite
from app.servicios.tramites import tramites
from app.errores import ErrorNoEncontrado


@dataclass(frozen=True)
class FichaTramite:
    """Todo lo que se muestra de un trámite, leído en el mismo momento."""

    tramite: Tramite
    situacion: tramites.Situacion
    dependencia: str
    solicitante: ServidorPublico | None
    oficio_entrada: Oficio | None
    procedencia_oficio: str
    historial: tuple[PasoTramite, ...]
    tiempos: dict[str, int]
    oficios_emitidos: tuple[dict[str, Any], ...]

    @property
    def version(self) -> int:
        """La versión del trámite tal como se mostró (para detectar cambios de otra PC)."""
        return self.tramite.version


def ficha(tramite_id: int) -> FichaTramite:
    """Lee un trámite con sus datos relacionados; lanza ErrorNoEncontrado si no existe."""
    procedencia = Dependencia.alias("procedencia")
    consulta = (Tramite
                .select(Tramite, Dependencia, ServidorPublico, Oficio, procedencia)
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Tramite.dependencia == Dependencia.id),
                      attr="dependencia_leida")
                .switch(Tramite)
                .join(ServidorPublico, JOIN.LEFT_OUTER, on=(Tramite.solicitante == ServidorPublico.id),
                      attr="solicitante_leido")
                .switch(Tramite)
                .join(Oficio, JOIN.LEFT_OUTER, on=(Tramite.oficio_entrada == Oficio.id), attr="oficio_leido")
                .join(procedencia, JOIN.LEFT_OUTER, on=(Oficio.procedencia == procedencia.id),
                      attr="procedencia_leida")
                .where(Tramite.id == tramite_id))
    tramite = consulta.first()
    if tramite is None:
        raise ErrorNoEncontrado(f"No existe el trámite {tramite_id}.")
    dependencia = getattr(tramite, "dependencia_leida", None) if tramite.dependencia_id is not None else None
    solicitante = getattr(tramite, "solicitante_leido", None) if tramite.solicitante_id is not None else None
    oficio = getattr(tramite, "oficio_leido", None) if tramite.oficio_entrada_id is not None else None
    procedencia_oficio = ""
    if oficio is not None:
        origen = getattr(oficio, "procedencia_leida", None) if oficio.procedencia_id is not None else None
        procedencia_oficio = origen.nombre if origen is not None else oficio.procedencia_texto
    historial = tuple(tramites.pasos(tramite))
    emitidos = tuple(Oficio.select(Oficio.id, Oficio.folio, Oficio.estado, Oficio.fecha_documento, Oficio.asunto)
                     .where((Oficio.tramite_id == tramite.id) & (Oficio.tipo == "saliente"))
                     .order_by(Oficio.id).dicts())
    return FichaTramite(
        tramite=tramite, situacion=tramites.situacion(tramite),
        dependencia=dependencia.nombre if dependencia is not None else "",
        solicitante=solicitante, oficio_entrada=oficio, procedencia_oficio=procedencia_oficio,
        historial=historial, tiempos=_tiempos(historial), oficios_emitidos=emitidos)


def _tiempos(historial: tuple[PasoTramite, ...]) -> dict[str, int]:
    """Segundos acumulados por paso (igual que ``tramites.tiempos_por_paso``, sin volver a consultar)."""
    from app.modelos import ahora

    momento = ahora()
    total: dict[str, int] = {}
    for registro in historial:
        fin = registro.fin or momento
        total[registro.paso] = total.get(registro.paso, 0) + max(0, int((fin - registro.inicio).total_seconds()))
    return total


def humanizar_duracion(segundos: int | float | None) -> str:
    """Duración legible: «45 s», «15 min», «2 h 15 min», «3 d 4 h»; vacío si no hay dato."""
    if segundos is None:
        return ""
    total = max(0, int(segundos))
    if total < 60:
        return f"{total} s"
    minutos, _ = divmod(total, 60)
    if minutos < 60:
        return f"{minutos} min"
    horas, minutos = divmod(minutos, 60)
    if horas < 24:
        return f"{horas} h {minutos} min" if minutos else f"{horas} h"
    dias, horas = divmod(horas, 24)
    return f"{dias} d {horas} h" if horas else f"{dias} d"
