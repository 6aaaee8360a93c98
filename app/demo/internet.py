"""Datos de demostración del procedimiento 20: la política de filtrado y solicitudes de desbloqueo.

La política tiene dos versiones (la segunda agrega las descargas P2P) aplicadas en el firewall del
site de Palacio Municipal. Comunicación Social tiene liberadas dos redes sociales con vencimiento;
Recursos Humanos, una excepción que ya venció; a la Secretaría General se le negó un sitio de
apuestas, y la de Transparencia espera su decisión.
"""
from __future__ import annotations

import datetime as dt

from app.modelos import Usuario
from app.servicios.catalogos import catalogos
from app.servicios.internet import politicas, solicitudes
from app.servicios.oficios import oficios
from app.tiempo import hoy_mexico, reloj_fijo

FIREWALL = "FortiGate 100F (FortiOS 7.4) del site de Palacio Municipal"
CATEGORIAS_V1 = ["Redes sociales", "Streaming de video y música", "Juegos en línea", "Apuestas",
                 "Contenido para adultos"]
CATEGORIAS_V2 = CATEGORIAS_V1 + ["Descargas P2P"]

# (dependencia, número de oficio, sitio, motivo, días atrás, decisión: None, (infringe, categoría, razón, vence en días))
CASOS = [
    ("RH", "DRH/0412/2026", "https://www.youtube.com/@CapacitacionINAP",
     "Curso en línea de inducción para el personal de nuevo ingreso (videos del INAP).", 45,
     (False, "Streaming de video y música", "Uso de capacitación por tiempo limitado, mientras dura el curso.", -7)),
    ("DCS", "DCS/0188/2026", "https://www.facebook.com/AyuntamientoTexmelucan",
     "Administrar la página oficial del Ayuntamiento y publicar los comunicados y avisos a la ciudadanía.", 10,
     (False, "Redes sociales", "La difusión institucional es función de la Dirección de Comunicación Social; "
      "se libera solo para los equipos de esa dirección.", 180)),
    ("DCS", "DCS/0191/2026", "instagram.com/texmelucan.gob",
     "Publicar la agenda del Presidente Municipal y las campañas de la administración.", 8,
     (False, "Redes sociales", "Difusión institucional a cargo de Comunicación Social.", 180)),
    ("SGA", "SGA/0977/2026", "https://www.caliente.mx/promociones",
     "Revisar la publicidad de la casa de apuestas que solicitó licencia de funcionamiento en el municipio.", 6,
     (True, "Apuestas", "La categoría Apuestas no admite excepciones; la revisión puede hacerse con las capturas "
      "que entregue el propio solicitante de la licencia.", None)),
    ("UT", "UT/0154/2026", "https://vimeo.com/inai/capacitacion",
     "Ver las sesiones grabadas de capacitación del INAI sobre la Plataforma Nacional de Transparencia.", 1, None),
]

TITULAR_DCS = ("Daniela Aguilar Romero", "Directora de Comunicación Social", "comunicacion@texmelucan.gob.mx", "115")


def _en(dias: int, hora: int) -> dt.datetime:
    return dt.datetime.combine(hoy_mexico() - dt.timedelta(days=dias), dt.time(hora, 0))


def cargar(cuentas: dict[str, Usuario], deps, servs) -> dict[str, int]:
    """Carga la política y las solicitudes; devuelve cuántas de cada cosa creó."""
    redes, asistente = cuentas["redes"], cuentas["asistente"]
    nombre, cargo, correo, extension = TITULAR_DCS
    titulares = dict(servs)
    titulares[nombre] = catalogos.guardar_servidor(redes, nombre, cargo, deps["DCS"], correo, extension)
    with reloj_fijo(_en(300, 9)):
        politicas.nueva_version(redes, categorias=CATEGORIAS_V1, firewall=FIREWALL,
                                sin_excepcion=["Apuestas", "Contenido para adultos"],
                                descripcion="Primera política de filtrado de contenido de la administración.")
    with reloj_fijo(_en(60, 9)):
        politicas.nueva_version(redes, categorias=CATEGORIAS_V2, firewall=FIREWALL,
                                sin_excepcion=["Apuestas", "Contenido para adultos", "Descargas P2P"],
                                descripcion="Se bloquean las descargas P2P (BitTorrent) por saturar el enlace.")
    creadas = 0
    for siglas, numero, sitio, motivo, dias, decision in CASOS:
        dependencia = deps[siglas]
        titular = solicitudes.titular_de(dependencia)
        with reloj_fijo(_en(dias, 10)):
            oficio = oficios.registrar_oficio_entrante(
                asistente, numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=1),
                procedencia=dependencia, solicitante_nombre=titular.nombre, solicitante_cargo=titular.cargo,
                firmado=True, descripcion=f"Solicita el desbloqueo del sitio {sitio}. {motivo}")
            solicitud = solicitudes.registrar_solicitud(asistente, oficio=oficio, sitio=sitio, motivo=motivo)
        creadas += 1
        if decision is None:
            continue
        infringe, categoria, razon, vence = decision
        with reloj_fijo(_en(dias, 13) if dias <= 1 else _en(dias - 1, 12)):
            solicitudes.decidir(
                redes, solicitud, infringe=infringe, categoria=categoria, razon=razon,
                regla_firewall="" if infringe else f"Política «DTI-EXC-{numero}»: permitir {solicitud.sitio} "
                                                   f"al grupo de direcciones de {siglas}.",
                vence=None if vence is None else hoy_mexico() + dt.timedelta(days=vence + dias - 1))
    return {"politicas_filtrado": 2, "solicitudes_desbloqueo": creadas}
