"""Lo que comparten las tres partes del módulo Web: área, validación de direcciones y políticas."""
from __future__ import annotations

from urllib.parse import urlsplit

from app.modelos import Oficio
from app.servicios.nucleo import permisos
from app.servicios.nucleo.validacion import Validador, limpiar_texto
from app.servicios.oficios import oficios
from app.servicios.tramites import procedimientos

AREA = permisos.AREA_SISTEMAS
MAXIMO_URL = 1000


def politica(procedimiento: int, numero: int) -> str:
    """«Política 2 del procedimiento 16: «…»» tal como la dice el JSON del manual."""
    definicion = procedimientos.obtener(procedimiento)
    texto = definicion.politicas[numero - 1] if 0 < numero <= len(definicion.politicas) else ""
    return f"Política {numero} del procedimiento {procedimiento}: «{texto}»" if texto else ""


def url(v: Validador, campo: str, etiqueta: str, valor: object, requerido: bool = False) -> str:
    """Una dirección http(s) completa, sin espacios ni caracteres de control."""
    texto = limpiar_texto(valor or "")
    if not texto:
        if requerido:
            v.error(campo, f"Falta «{etiqueta}».")
        return ""
    if len(texto) > MAXIMO_URL:
        v.error(campo, f"«{etiqueta}» es demasiado larga (máximo {MAXIMO_URL} caracteres).")
        return ""
    try:
        partes = urlsplit(texto)
        _ = partes.port
    except ValueError:
        partes = None
    if (partes is None or partes.scheme.lower() not in ("http", "https") or not partes.hostname
            or any(c.isspace() or ord(c) < 32 for c in texto)):
        v.error(campo, f"«{etiqueta}» debe ser una dirección completa que empiece con http:// o https:// "
                       f"(se recibió «{texto[:80]}»).")
        return ""
    return texto


def exigir_oficio(v: Validador, oficio: Oficio | None) -> None:
    """Los casos de la página web llegan por un oficio recibido vigente (política 1 de los tres)."""
    if oficio is None:
        v.error("oficio", "Indique el oficio recibido con que se solicita.")
    elif oficio.tipo != oficios.ENTRANTE or oficio.estado in (oficios.CANCELADO, "archivado", "descartado"):
        v.error("oficio", f"El oficio {oficio.numero_oficio or oficio.id} no es un oficio recibido vigente.")


def exigir_operador(actor) -> None:
    """Permisos del Departamento de Programación de Sistemas para mover estos casos."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, AREA)
