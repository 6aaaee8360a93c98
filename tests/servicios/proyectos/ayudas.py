"""Ayudas de las pruebas de Proyectos: base con catálogos y usuarios, oficios y archivos de ejemplo."""
from __future__ import annotations

import datetime as dt

from app.demo.datos_tramites import archivo_de_ejemplo
from app.modelos import Bitacora, Dependencia, Oficio, PasoTramite, Proyecto, Tramite
from app.servicios.oficios import oficios
from app.tiempo import hoy_mexico
from tests.conftest import usuario


def preparar_base() -> None:
    """Catálogos, institución y usuarios de la demostración (sin el resto de la demostración)."""
    from app.base_datos import transaccion
    from app.demo import carga
    from app.servicios.catalogos import catalogos, usuarios

    sistema = usuarios.usuario_sistema()
    with transaccion():
        deps = {siglas: catalogos.guardar_dependencia(sistema, nombre, siglas, ubicacion)
                for nombre, siglas, ubicacion in carga.DEPENDENCIAS}
        servs = {nombre: catalogos.guardar_servidor(sistema, nombre, cargo, deps[siglas], correo, ext)
                 for nombre, cargo, siglas, correo, ext in carga.SERVIDORES}
        catalogos.guardar_institucion(sistema, titular_dti=servs["Miguel Ángel Mendoza López"],
                                      tesorero=servs["José Javier Gregorio Pérez Hernández"])
        for clave, rol, contrasena, servidor in carga.USUARIOS:
            usuarios.crear_usuario(sistema, clave, servidor, rol, contrasena, servs[servidor])


def oficio(numero: str = "DI/0131/2026", siglas: str = "DI", descripcion: str = "Solicita un sistema.") -> Oficio:
    return oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=2),
        procedencia=Dependencia.get(Dependencia.siglas == siglas), solicitante_nombre="Martha Elena Cruz Solís",
        solicitante_cargo="Directora de Ingresos", firmado=True, descripcion=descripcion)


def pdf(nombre: str = "documento.pdf", texto: str = "Documento") -> tuple[str, bytes]:
    return nombre, archivo_de_ejemplo("pdf", texto)


def pasos(proyecto: Proyecto) -> list[tuple[str, str, str | None]]:
    tramite = Proyecto.get_by_id(proyecto.id).expediente_id
    return [(p.paso, p.opcion, p.destino) for p in PasoTramite.select().where(PasoTramite.tramite == tramite)
            .order_by(PasoTramite.id)]


def tramite(proyecto: Proyecto) -> Tramite:
    return Tramite.get_by_id(Proyecto.get_by_id(proyecto.id).expediente_id)


def huella() -> tuple[int, int, int]:
    """Cuántos registros hay: si una regla rehúsa, nada cambia."""
    return Bitacora.select().count(), Oficio.select().count(), PasoTramite.select().count()


def tramite_paso(proyecto: Proyecto) -> str:
    """La actividad del paso actual del trámite del proyecto, como la da el manual."""
    from app.servicios.tramites import procedimientos

    t = tramite(proyecto)
    return procedimientos.obtener(t.procedimiento).paso(t.paso_actual).actividad
