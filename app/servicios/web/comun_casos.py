"""Cómo se guarda cada acción de un caso del módulo Web junto con el paso de su trámite."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.base_datos import transaccion
from app.errores import ErrorTransicion
from app.modelos import ModeloBase, Usuario, ahora
from app.servicios.nucleo import bitacora
from app.servicios.tramites import expediente


def exigir_estado(registro: Any, estados: tuple[str, ...], nombres: Mapping[str, str], accion: str) -> None:
    """Rehúsa la acción si el caso no está en uno de ``estados`` (dice en qué estado está)."""
    if registro.estado not in estados:
        raise ErrorTransicion(f"No se puede {accion}: la solicitud está «{nombres.get(registro.estado, registro.estado)}».")


def guardar_con_tramite(actor: Usuario | None, registro: ModeloBase, accion: str, version: int | None,
                        hasta: str | None, *, respuestas: Mapping[str, str] | None = None,
                        datos: Mapping[str, Mapping[str, Any]] | None = None, nota: str = "",
                        repetir: bool = False) -> Any:
    """Lleva el trámite del caso a ``hasta`` (None: concluye) y guarda el caso, en una transacción."""
    leida = registro.version if version is None else version
    with transaccion():
        if registro.expediente_id:
            expediente.llevar(actor, registro.expediente, hasta, respuestas=respuestas, datos=datos, nota=nota,
                              repetir=repetir)
        registro.modificado_en = ahora()
        bitacora.guardar_versionado(registro, accion, actor, leida)
    return registro


def cancelar(actor: Usuario | None, registro: Any, motivo: str, cancelada: str, version: int | None) -> Any:
    """Cancela el caso y su trámite con el motivo (nada se borra)."""
    from app.errores import ErrorValidacion
    from app.servicios.nucleo.validacion import limpiar_texto

    motivo = limpiar_texto(motivo, multilinea=True)
    if not motivo:
        raise ErrorValidacion([("motivo", "Indique el motivo de la cancelación.")])
    leida = registro.version if version is None else version
    with transaccion():
        if registro.expediente_id:
            expediente.cancelar(actor, registro.expediente, motivo)
        registro.estado, registro.motivo_cancelacion = cancelada, motivo[:1000]
        registro.modificado_en = ahora()
        bitacora.guardar_versionado(registro, "cancelación", actor, leida)
    return registro
