"""Lo que comparten los servicios de adquisiciones: lectura, guardado, importes y permisos."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from app.errores import ErrorNoEncontrado, ErrorTransicion
from app.modelos import Usuario, ahora
from app.modelos.adquisiciones import ESTADOS, Adquisicion
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.validacion import Validador, texto_busqueda

PROCEDIMIENTO = 1
AREA = permisos.AREA_DIRECCION
CENTAVO = Decimal("0.01")
IMPORTE_MAXIMO = Decimal("1e13")


def obtener(adquisicion_id: int) -> Adquisicion:
    """La adquisición ``adquisicion_id`` (``ErrorNoEncontrado`` si no existe)."""
    registro = Adquisicion.get_or_none(Adquisicion.id == adquisicion_id)
    if registro is None:
        raise ErrorNoEncontrado(f"No existe la adquisición {adquisicion_id}.")
    return registro


def exigir(actor: Usuario | None, permiso: str = permisos.AVANZAR_TRAMITE) -> None:
    """El rol permite ``permiso`` y atiende trámites de la Dirección (responsable del procedimiento 1)."""
    permisos.exigir(actor, permiso)
    permisos.exigir_area(actor, AREA)


def nombre(adquisicion: Adquisicion) -> str:
    """«Adquisición DTI-T-0012/2026» (o su número interno si aún no tiene trámite)."""
    numero = adquisicion.expediente.numero if adquisicion.expediente_id else f"n.º {adquisicion.id}"
    return f"Adquisición {numero}"


def exigir_estado(adquisicion: Adquisicion, estados: tuple[str, ...], que: str) -> None:
    """Rehúsa la acción ``que`` si la adquisición no está en uno de ``estados``."""
    if adquisicion.estado not in estados:
        raise ErrorTransicion(f"No se puede {que}: la {nombre(adquisicion).lower()} está "
                              f"«{ESTADOS.get(adquisicion.estado, adquisicion.estado).lower()}».")


def importe(v: Validador, campo: str, etiqueta: str, valor: Any, requerido: bool = True,
            positivo: bool = True) -> Decimal | None:
    """Un importe en pesos como ``Decimal`` a centavos (acepta «$12,500.50»); anota el error en ``v``."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        if requerido:
            v.error(campo, f"Falta «{etiqueta}».")
        return None
    if isinstance(valor, (bool, float)):
        v.error(campo, f"«{etiqueta}» debe capturarse como importe exacto (texto o Decimal), no {type(valor).__name__}.")
        return None
    try:
        numero = valor if isinstance(valor, Decimal) else Decimal(
            str(valor).replace("$", "").replace(",", "").replace(" ", "").strip())
    except (InvalidOperation, ValueError):
        v.error(campo, f"«{etiqueta}»: «{str(valor)[:30]}» no es un importe válido (p. ej. 12500.50).")
        return None
    if not numero.is_finite() or numero < 0 or (positivo and numero == 0) or numero >= IMPORTE_MAXIMO:
        v.error(campo, f"«{etiqueta}» debe ser un importe mayor que cero, sin NaN ni infinitos.")
        return None
    return numero.quantize(CENTAVO)


def fecha(v: Validador, campo: str, etiqueta: str, valor: Any, requerido: bool = True) -> dt.date | None:
    """Una fecha (``date``; un ``datetime`` se toma por su día); anota el error en ``v``."""
    if valor is None or valor == "":
        if requerido:
            v.error(campo, f"Falta «{etiqueta}».")
        return None
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    try:
        return dt.datetime.strptime(str(valor).strip(), "%d/%m/%Y").date()
    except ValueError:
        try:
            return dt.date.fromisoformat(str(valor).strip())
        except ValueError:
            v.error(campo, f"«{etiqueta}» debe ser una fecha como 18/11/2026.")
            return None


def actualizar_busqueda(adquisicion: Adquisicion) -> None:
    """El texto con que la lista la encuentra al teclear."""
    adquisicion.busqueda = texto_busqueda(
        adquisicion.expediente.numero if adquisicion.expediente_id else "", adquisicion.descripcion,
        adquisicion.dependencia.nombre if adquisicion.dependencia_id else "",
        adquisicion.proveedor.razon_social if adquisicion.proveedor_id else "",
        adquisicion.proveedor.rfc if adquisicion.proveedor_id else "", adquisicion.numero_contrato,
        adquisicion.cfdi_uuid, ESTADOS.get(adquisicion.estado, ""), adquisicion.pago_referencia,
        adquisicion.oficio.numero_oficio if adquisicion.oficio_id else "")


def guardar(actor: Usuario | None, adquisicion: Adquisicion, accion: str, version: int | None) -> Adquisicion:
    """Guarda con control de versión (otra PC pudo cambiarla) y la anota en la bitácora."""
    adquisicion.modificado_en = ahora()
    actualizar_busqueda(adquisicion)
    return bitacora.guardar_versionado(adquisicion, accion, actor, version)
