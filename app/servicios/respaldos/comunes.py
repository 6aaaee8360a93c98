"""Validaciones que comparten planes, recuperaciones y entregas del procedimiento 5."""
from __future__ import annotations

from app.modelos import Dependencia, Oficio, ServidorPublico
from app.servicios.nucleo import permisos
from app.servicios.nucleo.validacion import Validador

AREA = permisos.AREA_SOPORTE
NO_ABREN = ("cancelado", "archivado", "descartado")


def revisar_oficio(v: Validador, oficio: Oficio | None, que: str) -> None:
    """Política: el caso nace del oficio del titular de la dependencia (actividad 2 del manual)."""
    if oficio is None:
        v.error("oficio", f"{que} se registra con el oficio del titular de la dependencia que lo solicita "
                          "(actividad 2 del procedimiento 5).")
        return
    if oficio.tipo != "entrante":
        v.error("oficio", f"El oficio {oficio.folio or oficio.id} es emitido por la DTI; elija el oficio recibido "
                          "del titular.")
    elif oficio.estado in NO_ABREN:
        v.error("oficio", f"El oficio {oficio.numero_oficio or oficio.id} está {oficio.estado}: no abre casos.")
    elif oficio.estado == "incompleto":
        v.error("oficio", f"El oficio {oficio.numero_oficio or oficio.id} está incompleto "
                          f"({oficio.faltantes}); complételo primero en la pestaña Oficios.")


def revisar_servidor(v: Validador, campo: str, etiqueta: str, servidor: ServidorPublico | None,
                     dependencia: Dependencia | None) -> None:
    """El servidor existe, está activo y es de la dependencia del caso."""
    if servidor is None:
        v.error(campo, f"Falta «{etiqueta}».")
        return
    if not servidor.activo:
        v.error(campo, f"{servidor.nombre} está dado(a) de baja en el catálogo de servidores públicos.")
    elif dependencia is not None and servidor.dependencia_id != dependencia.id:
        v.error(campo, f"«{etiqueta}» debe ser de {dependencia.nombre}; {servidor.nombre} es de "
                       f"{servidor.dependencia.nombre if servidor.dependencia_id else 'otra dependencia'}.")
