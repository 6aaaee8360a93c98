"""Casos de prueba para la bandeja: usuarios de cada área y trámites abiertos como llegan de verdad."""
from __future__ import annotations

from app.base_datos import transaccion
from app.modelos import Dependencia, Tramite, Usuario
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.servicios.tramites import expediente, procedimientos, tramites
from app.tiempo import hoy_mexico

USUARIOS = {"soporte": permisos.JEFE_SOPORTE, "asistente": permisos.ASISTENTE, "redes": permisos.JEFE_REDES,
            "sistemas": permisos.JEFE_SISTEMAS, "director": permisos.DIRECTOR, "consulta": permisos.CONSULTA}


def usuario(nombre: str) -> Usuario:
    """El usuario ``nombre`` (con el rol de USUARIOS), creado la primera vez."""
    existente = Usuario.get_or_none(Usuario.nombre_usuario == nombre)
    if existente is not None:
        return existente
    return usuarios.crear_usuario(None, nombre, f"Usuario {nombre}", USUARIOS[nombre], "Clave2026segura")


def dependencia(nombre: str = "Dirección de Catastro") -> Dependencia:
    existente = Dependencia.get_or_none(Dependencia.nombre == nombre)
    return existente or catalogos.guardar_dependencia(None, nombre, "".join(p[0] for p in nombre.split()))


def abrir(actor: Usuario, numero: int, asunto: str, hasta: str | None = None) -> Tramite:
    """Abre un caso con su oficio recibido: en Trámites, o como lo abre su módulo (``expediente.abrir``)."""
    dep = dependencia()
    entrante = oficios.registrar_oficio_entrante(
        actor, numero_oficio=f"DC/{numero:02d}/{Tramite.select().count() + 1:04d}", fecha_documento=hoy_mexico(),
        procedencia=dep, solicitante_nombre="Sofía Navarro Peña", solicitante_cargo="Directora de Catastro",
        firmado=True, descripcion=asunto)
    if procedimientos.obtener(numero).modulo:
        with transaccion():
            return expediente.abrir(actor, numero, asunto, dependencia=dep, oficio_entrada=entrante, hasta=hasta)
    return tramites.abrir_tramite(actor, numero, asunto, dependencia=dep, oficio_entrada=entrante)
