"""Roles del manual y lo que cada uno puede hacer (se aplica en los servicios)."""
from __future__ import annotations

from typing import Any

from app.errores import ErrorPermiso, ErrorSesion

DIRECTOR = "director"
JEFE_SOPORTE = "jefe_soporte"
JEFE_SISTEMAS = "jefe_sistemas"
JEFE_REDES = "jefe_redes"
ASISTENTE = "asistente"
CONSULTA = "consulta"

NOMBRES_ROL = {
    DIRECTOR: "Director(a) de TI",
    JEFE_SOPORTE: "Jefe(a) de Soporte Técnico",
    JEFE_SISTEMAS: "Jefe(a) de Programación de Sistemas",
    JEFE_REDES: "Jefe(a) de Redes de Transporte",
    ASISTENTE: "Asistente de soporte",
    CONSULTA: "Consulta",
}

AREA_DIRECCION = "Dirección de Tecnologías de la Información"
AREA_SOPORTE = "Departamento de Soporte Técnico"
AREA_SISTEMAS = "Departamento de Programación de Sistemas"
AREA_REDES = "Departamento de Redes de Transporte"

# Verbos que los servicios exigen.
VER = "ver"
REGISTRAR_OFICIO = "oficio.registrar"
EMITIR_OFICIO = "oficio.emitir"
CANCELAR_OFICIO = "oficio.cancelar"
ABRIR_TRAMITE = "tramite.abrir"
AVANZAR_TRAMITE = "tramite.avanzar"
CANCELAR_TRAMITE = "tramite.cancelar"
EDITAR_CATALOGOS = "catalogo.editar"
ADMINISTRAR_USUARIOS = "usuario.administrar"
EDITAR_INSTITUCION = "institucion.editar"
VER_BITACORA = "bitacora.ver"
EXPORTAR = "exportar"

_OPERACION = {VER, REGISTRAR_OFICIO, ABRIR_TRAMITE, AVANZAR_TRAMITE, EXPORTAR}
_JEFATURA = _OPERACION | {EMITIR_OFICIO, CANCELAR_TRAMITE, EDITAR_CATALOGOS, VER_BITACORA}

PERMISOS: dict[str, frozenset[str]] = {
    DIRECTOR: frozenset(_JEFATURA | {CANCELAR_OFICIO, ADMINISTRAR_USUARIOS, EDITAR_INSTITUCION}),
    JEFE_SOPORTE: frozenset(_JEFATURA),
    JEFE_SISTEMAS: frozenset(_JEFATURA),
    JEFE_REDES: frozenset(_JEFATURA),
    ASISTENTE: frozenset(_OPERACION),
    CONSULTA: frozenset({VER}),
}

# Áreas del manual cuyos trámites puede mover cada rol.
AREAS_TRAMITE: dict[str, frozenset[str]] = {
    DIRECTOR: frozenset({AREA_DIRECCION, AREA_SOPORTE, AREA_SISTEMAS, AREA_REDES}),
    JEFE_SOPORTE: frozenset({AREA_DIRECCION, AREA_SOPORTE}),
    JEFE_SISTEMAS: frozenset({AREA_DIRECCION, AREA_SISTEMAS}),
    JEFE_REDES: frozenset({AREA_DIRECCION, AREA_REDES}),
    ASISTENTE: frozenset({AREA_DIRECCION, AREA_SOPORTE}),
    CONSULTA: frozenset(),
}

DESCRIPCION_PERMISO = {
    VER: "consultar",
    REGISTRAR_OFICIO: "registrar oficios recibidos",
    EMITIR_OFICIO: "emitir oficios con folio",
    CANCELAR_OFICIO: "cancelar oficios emitidos",
    ABRIR_TRAMITE: "abrir trámites",
    AVANZAR_TRAMITE: "avanzar trámites",
    CANCELAR_TRAMITE: "cancelar trámites",
    EDITAR_CATALOGOS: "modificar catálogos",
    ADMINISTRAR_USUARIOS: "administrar usuarios",
    EDITAR_INSTITUCION: "modificar los datos de la institución",
    VER_BITACORA: "consultar la bitácora",
    EXPORTAR: "exportar",
}


def puede(usuario: Any, permiso: str) -> bool:
    """¿El rol de ``usuario`` permite ``permiso``? (None = proceso de sistema: sí)."""
    if usuario is None:
        return True
    if not getattr(usuario, "activo", False):
        return False
    return permiso in PERMISOS.get(usuario.rol, frozenset())


def vigente(usuario: Any) -> None:
    """Pone en ``usuario`` su estado y rol de **ahora**, leídos de la base.

    Una ventana abierta conserva el objeto del usuario con que inició sesión; si después el
    director lo desactivó o le cambió el rol, cada servicio lo sabe aquí (una lectura por llave
    primaria), no con lo que había al iniciar sesión. Una cuenta desactivada lanza
    :class:`ErrorSesion`: la ventana cierra la sesión.
    """
    from app.modelos import Usuario

    if not isinstance(usuario, Usuario) or usuario.id is None:
        return
    fila = Usuario.select(Usuario.activo, Usuario.rol).where(Usuario.id == usuario.id).tuples().first()
    if fila is None or not fila[0]:
        usuario.activo = False
        raise ErrorSesion(f"La cuenta «{usuario.nombre_usuario}» fue desactivada: la sesión se cerró y no se "
                          "guardó nada. Si es un error, pida a la Dirección que la reactive.")
    usuario.activo, usuario.rol = True, fila[1]


def exigir(usuario: Any, permiso: str) -> None:
    """Lanza :class:`ErrorPermiso` si el usuario (con su rol de ahora) no puede ``permiso``."""
    vigente(usuario)
    if not puede(usuario, permiso):
        rol = NOMBRES_ROL.get(getattr(usuario, "rol", ""), "sin rol")
        raise ErrorPermiso(f"Su rol ({rol}) no permite {DESCRIPCION_PERMISO.get(permiso, permiso)}.")


def exigir_area(usuario: Any, area: str) -> None:
    """Lanza :class:`ErrorPermiso` si el rol no atiende trámites de ``area``."""
    if usuario is None:
        return
    vigente(usuario)
    if area not in AREAS_TRAMITE.get(usuario.rol, frozenset()):
        rol = NOMBRES_ROL.get(usuario.rol, "sin rol")
        raise ErrorPermiso(f"Su rol ({rol}) no atiende trámites del área «{area}».")
