"""El trámite del procedimiento 1 que lleva cada adquisición (un solo expediente).

Cada acción del módulo lleva el trámite al paso del manual que implica:

* registrar → paso 1 cerrado con lo que se necesita; queda en 2 (evaluación);
* viable → 3 (compra); no viable → 2.1 con la solución alternativa y el trámite concluye;
* compra o contratación registrada → 4 (recepción);
* recepción que no cumple → 4.1 (corrección al proveedor) y de vuelta a 4;
* recepción conforme → 5 (pago con la Dirección de Egresos); pagado → concluye.
"""
from __future__ import annotations

from typing import Any

from app.modelos import Tramite, Usuario
from app.modelos.adquisiciones import Adquisicion
from app.servicios.adquisiciones.comun import PROCEDIMIENTO
from app.servicios.tramites import expediente


def abrir(actor: Usuario | None, adquisicion: Adquisicion) -> Tramite:
    """Abre el trámite en la transacción del registro y cierra el paso 1 con la necesidad."""
    vincular = adquisicion.oficio if adquisicion.oficio_id and adquisicion.oficio.tramite_id is None else None
    tramite = expediente.abrir(actor, PROCEDIMIENTO, f"Adquisición: {adquisicion.descripcion}",
                               dependencia=adquisicion.dependencia, oficio_entrada=vincular,
                               momento=adquisicion.creado_en, hasta="2",
                               datos={"1": {"bien_o_servicio": adquisicion.descripcion}})
    adquisicion.expediente = tramite
    return tramite


def llevar(actor: Usuario | None, adquisicion: Adquisicion, hasta: str | None,
           respuestas: dict[str, str] | None = None, datos: dict[str, dict[str, Any]] | None = None,
           nota: str = "") -> None:
    """Lleva el trámite de la adquisición al paso ``hasta`` (None: concluye)."""
    if adquisicion.expediente_id:
        expediente.llevar(actor, adquisicion.expediente, hasta, respuestas=respuestas, datos=datos, nota=nota)


def cancelar(actor: Usuario | None, adquisicion: Adquisicion, motivo: str) -> None:
    if adquisicion.expediente_id:
        expediente.cancelar(actor, adquisicion.expediente, motivo)


def por_expediente(tramite_id: int) -> Adquisicion | None:
    """La adquisición cuyo trámite es ``tramite_id`` (None si no es de este módulo)."""
    return Adquisicion.get_or_none(Adquisicion.expediente == tramite_id) if tramite_id else None


texto_expediente = expediente.texto_de
textos_expedientes = expediente.textos_de
resumen_expediente = expediente.resumen_de
