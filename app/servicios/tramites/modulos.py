"""Los módulos de la aplicación que son dueños de los casos de un procedimiento.

Un procedimiento cuyo JSON dice ``"modulo": "mesa_ayuda"`` no se abre en la pestaña Trámites:
sus casos nacen en el módulo (un ticket, un dictamen…) y el módulo mueve su trámite. Aquí solo
están los nombres que ve el usuario y el mensaje que lo lleva a la pestaña correcta.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModuloDueno:
    clave: str          # la del JSON: «mesa_ayuda»
    pestana: str        # el título de la pestaña: «Mesa de ayuda»
    registro: str       # qué es un caso en ese módulo: «ticket»
    mensaje: str        # adónde ir para abrir un caso


MODULOS: dict[str, ModuloDueno] = {m.clave: m for m in (
    ModuloDueno("mesa_ayuda", "Mesa de ayuda", "ticket", "Los tickets se abren en Mesa de ayuda."),
    ModuloDueno("dictamenes", "Dictámenes", "dictamen", "Los dictámenes se solicitan en la pestaña Dictámenes."),
    ModuloDueno("mantenimiento", "Mantenimiento", "mantenimiento",
                "Los mantenimientos se programan en la pestaña Mantenimiento."),
    ModuloDueno("cuentas", "Cuentas", "solicitud de cuenta",
                "Las solicitudes de cuenta se registran en la pestaña Cuentas."),
    ModuloDueno("licencias", "Licencias", "solicitud de software",
                "Las solicitudes de software se registran en la pestaña Licencias."),
    ModuloDueno("proyectos", "Proyectos", "proyecto", "Los proyectos se registran en la pestaña Proyectos."),
    ModuloDueno("respaldos", "Respaldos", "plan de respaldo o recuperación",
                "Los planes de respaldo y las recuperaciones se registran en la pestaña Respaldos."),
    ModuloDueno("inventario", "Inventario", "movimiento al inventario",
                "Los movimientos al inventario se solicitan en la pestaña Inventario."),
    ModuloDueno("web", "Web", "solicitud de la página web",
                "Las cargas a la página web, las declaraciones y los hipervínculos se registran en la pestaña Web."),
    ModuloDueno("adquisiciones", "Adquisiciones", "adquisición",
                "Las adquisiciones y pagos a proveedores se registran en la pestaña Adquisiciones."),
    ModuloDueno("internet", "Internet", "solicitud de desbloqueo",
                "Las solicitudes de desbloqueo de sitios se registran en la pestaña Internet."),
    ModuloDueno("videovigilancia", "Videovigilancia", "solicitud de grabación",
                "Las solicitudes de grabaciones de videovigilancia se registran en la pestaña Videovigilancia."),
)}


def modulo(clave: str) -> ModuloDueno | None:
    """El módulo de ``clave`` (None si la clave está vacía o no se conoce)."""
    return MODULOS.get(clave or "")
