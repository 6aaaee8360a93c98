"""Solicitudes de grabaciones por oficio y sus visualizaciones (procedimiento 19, actividades 2 a 4).

Política 1: la DTI accede a los videos si una dependencia requiere visualizarlos o presentarlos
en caso de algún problema; la petición llega por oficio (actividad 2). La decisión del manual
(actividad 3) se toma sola con la retención del grabador de la cámara:

* la grabación pedida tiene más días que los que el grabador conserva → la solicitud se niega y
  sale el **oficio de negativa** con la razón (actividad 3.1, plantilla
  ``formatos/videovigilancia_denegacion.txt``);
* si no → se agenda la cita para reproducir el video en la próxima hora hábil libre (actividad 4).

Política 2: nadie elimina ni hace mal uso del contenido. Cada reproducción queda registrada
(quién, cuándo, qué se vio, por qué oficio) y no se puede borrar ni reescribir: una corrección es
una anotación nueva que apunta a la visualización que corrige.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, IntegrityError

from app.base_datos import transaccion
from app.errores import ErrorConflicto, ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.modelos import Dependencia, Oficio, Usuario, ahora
from app.modelos.base import ErrorBorradoFisico
from app.modelos.videovigilancia import (CITADA, DENEGADA, ESTADOS_SOLICITUD, POLITICA_NO_BORRAR, VISTA, Camara,
                                         Grabador, SolicitudGrabacion, Visualizacion)
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.servicios.videovigilancia import citas, expedientes
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia, crea

AREA = permisos.AREA_REDES
PLANTILLA_NEGATIVA = "videovigilancia_denegacion"
LUGAR_CITA = "Sala de monitoreo de la Dirección de Tecnologías de la Información"


@dataclass(frozen=True)
class Decision:
    """Lo que decidió :func:`solicitar`: la solicitud, y el oficio de negativa o la cita."""

    solicitud: SolicitudGrabacion
    oficio_negativa: Oficio | None
    cita: dt.datetime | None

    @property
    def denegada(self) -> bool:
        return self.oficio_negativa is not None

    def linea(self) -> str:
        """«DENEGADA <folio>» o «CITA AAAA-MM-DD HH:MM» (la última línea de ``dti videovigilancia solicitar``)."""
        if self.oficio_negativa is not None:
            return f"DENEGADA {self.oficio_negativa.folio}"
        return f"CITA {self.cita:%Y-%m-%d %H:%M}"


def _hora(v: Validador, campo: str, etiqueta: str, valor: Any, omision: str) -> str:
    if isinstance(valor, dt.time):
        return f"{valor:%H:%M}"
    texto = limpiar_texto(valor if valor not in (None, "") else omision)
    try:
        hora = dt.time.fromisoformat(texto)
    except ValueError:
        v.error(campo, f"«{etiqueta}» debe ser una hora como 14:30 (recibido «{texto[:20]}»).")
        return omision
    return f"{hora:%H:%M}"


def dias_transcurridos(fecha: dt.date, hoy: dt.date | None = None) -> int:
    return ((hoy or hoy_mexico()) - fecha).days


def razon_fuera_de_retencion(camara: Camara, fecha: dt.date, hoy: dt.date | None = None) -> str:
    """La razón por la que la grabación ya no está («» si todavía está dentro de la retención)."""
    dias = dias_transcurridos(fecha, hoy)
    grabador = camara.grabador
    if dias <= grabador.dias_retencion:
        return ""
    return (f"La grabación del {fecha:%d/%m/%Y} tiene {dias} días y el grabador «{grabador.nombre}» conserva "
            f"{grabador.dias_retencion} días: excedió el límite de tiempo y ya no se encuentra en el sistema.")


def _validar(camara: Camara | None, oficio: Oficio | None, dependencia: Dependencia | None, fecha: Any,
             desde: Any, hasta: Any, motivo: str) -> tuple[dt.date, str, str, str, Dependencia]:
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la solicitud", motivo, 2000, multilinea=True)
    if camara is None:
        v.error("camara", "Elija la cámara cuya grabación se solicita.")
    elif not camara.activa:
        v.error("camara", f"La cámara «{camara.nombre}» está dada de baja.")
    if oficio is None:
        v.error("oficio", "La solicitud llega por oficio (actividad 2 del procedimiento 19): "
                          "registre el oficio recibido y elíjalo.")
    elif oficio.tipo != "entrante":
        v.error("oficio", "La solicitud se atiende con el oficio recibido de la dependencia, no con uno emitido.")
    elif oficio.estado in ("archivado", "descartado"):
        v.error("oficio", f"El oficio {oficio.numero_oficio or oficio.id} está {oficio.estado}: no abre casos.")
    if dependencia is None and oficio is not None and oficio.procedencia_id:
        dependencia = oficio.procedencia
    if dependencia is None:
        v.error("dependencia", "Indique la dependencia que solicita la grabación.")
    hoy = hoy_mexico()
    if isinstance(fecha, dt.datetime):
        fecha = fecha.date()
    if not isinstance(fecha, dt.date):
        v.error("fecha_grabacion", "Falta la fecha de la grabación solicitada.")
    elif fecha > hoy:
        v.error("fecha_grabacion", f"La fecha de la grabación ({fecha:%d/%m/%Y}) es posterior a hoy "
                                   f"({hoy:%d/%m/%Y}): no hay grabación de un día que no ha pasado.")
    hora_desde = _hora(v, "hora_desde", "Desde (hora)", desde, "00:00")
    hora_hasta = _hora(v, "hora_hasta", "Hasta (hora)", hasta, "23:59")
    if hora_desde > hora_hasta:
        v.error("hora_hasta", f"El horario pedido termina ({hora_hasta}) antes de empezar ({hora_desde}).")
    elif isinstance(fecha, dt.date) and fecha == hoy and hora_desde > f"{ahora():%H:%M}":
        v.error("hora_desde", f"Hoy todavía no son las {hora_desde}: no hay grabación de esa hora.")
    v.validar()
    return fecha, hora_desde, hora_hasta, motivo, dependencia


@crea
def solicitar(actor: Usuario | None, *, camara: Camara | None, oficio: Oficio | None, fecha: Any,
              dependencia: Dependencia | None = None, desde: Any = "", hasta: Any = "", motivo: str = "",
              lugar: str = LUGAR_CITA) -> Decision:
    """Registra la solicitud de una grabación y toma la decisión del manual (ver el módulo).

    Todo en una transacción: la solicitud, su trámite, y el oficio de negativa (con folio) o la cita.
    """
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    permisos.exigir_area(actor, AREA)
    fecha, hora_desde, hora_hasta, motivo, dependencia = _validar(camara, oficio, dependencia, fecha, desde,
                                                                   hasta, motivo)
    lugar = limpiar_texto(lugar)[:200] or LUGAR_CITA
    razon = razon_fuera_de_retencion(camara, fecha)
    if razon:
        permisos.exigir(actor, permisos.EMITIR_OFICIO)     # la negativa sale con folio en esta transacción
    descartadas: set[dt.datetime] = set()
    for _intento in range(3):
        try:
            return _registrar(actor, camara, oficio, dependencia, fecha, hora_desde, hora_hasta, motivo, lugar,
                              razon, descartadas)
        except IntegrityError as exc:       # otra PC tomó la misma hora de cita al mismo tiempo
            if razon:
                raise
            descartadas.add(getattr(exc, "cita", None) or citas.proxima(excepto=descartadas))
    raise ErrorConflicto("Otras PC agendaron citas al mismo tiempo: vuelva a intentarlo.")


def _registrar(actor: Usuario | None, camara: Camara, oficio: Oficio, dependencia: Dependencia, fecha: dt.date,
               hora_desde: str, hora_hasta: str, motivo: str, lugar: str, razon: str,
               descartadas: set[dt.datetime]) -> Decision:
    from app.servicios.oficios import oficios

    with transaccion():
        momento = ahora()
        solicitud = SolicitudGrabacion(
            oficio=oficio, dependencia=dependencia, camara=camara, fecha_grabacion=fecha, hora_desde=hora_desde,
            hora_hasta=hora_hasta, motivo=motivo, dias_retencion=camara.grabador.dias_retencion,
            estado=DENEGADA if razon else CITADA, razon=razon, creado_por=actor, creado_en=momento,
            modificado_en=momento)
        tramite = expedientes.abrir(actor, solicitud, momento)
        negativa, cita = None, None
        if razon:
            expedientes.negar(actor, tramite, razon, momento)
            negativa = oficios.emitir_desde_plantilla(
                actor, PLANTILLA_NEGATIVA, _variables(solicitud, tramite.numero, tramite.procedimiento),
                **_destinatario(oficio, dependencia), en_respuesta_a=oficio, tramite_id=tramite.id)
            solicitud.oficio_respuesta = negativa
            expedientes.negativa_enviada(actor, tramite, negativa, momento)
        else:
            cita = citas.proxima(momento, descartadas)
            solicitud.cita, solicitud.lugar_cita = cita, lugar
            expedientes.citar(actor, tramite, cita, lugar, momento)
        solicitud.busqueda = _busqueda(solicitud, negativa)
        try:
            bitacora.guardar(solicitud, "solicitud de grabación denegada" if razon
                             else "solicitud de grabación con cita", actor)
        except IntegrityError as exc:       # deshace toda la transacción (también el trámite)
            exc.cita = cita
            raise
    return Decision(solicitud, negativa, cita)


def _variables(solicitud: SolicitudGrabacion, numero_tramite: str, procedimiento: int) -> dict[str, Any]:
    from app.servicios.tramites import procedimientos

    camara, oficio = solicitud.camara, solicitud.oficio
    entrada = oficio.numero_oficio or f"recibido el {oficio.recibido_en:%d/%m/%Y}"
    return {
        "oficio_entrada": entrada, "camara": camara.nombre, "ubicacion": camara.ubicacion or "sin ubicación",
        "fecha_grabacion": f"{solicitud.fecha_grabacion:%d/%m/%Y}",
        "horario": f"las {solicitud.hora_desde} a las {solicitud.hora_hasta} horas",
        "dias_transcurridos": str(dias_transcurridos(solicitud.fecha_grabacion)),
        "dias_retencion": str(solicitud.dias_retencion), "grabador": camara.grabador.nombre,
        "procedimiento": procedimientos.obtener(procedimiento).titulo, "numero_tramite": numero_tramite,
    }


def _destinatario(oficio: Oficio, dependencia: Dependencia) -> dict[str, str]:
    nombre = oficio.solicitante_nombre or f"Titular de {dependencia.nombre}"
    return {"destinatario_nombre": nombre, "destinatario_cargo": oficio.solicitante_cargo,
            "destinatario_dependencia": dependencia.nombre}


def _busqueda(solicitud: SolicitudGrabacion, negativa: Oficio | None) -> str:
    return texto_busqueda(solicitud.camara.nombre, solicitud.camara.ubicacion, solicitud.dependencia.nombre,
                          solicitud.oficio.numero_oficio, ESTADOS_SOLICITUD[solicitud.estado],
                          negativa.folio if negativa else "", solicitud.motivo[:300])


# --- Visualizaciones (solo agregar) ------------------------------------------------------------------

@cambia("solicitud")
def registrar_visualizacion(actor: Usuario | None, solicitud: SolicitudGrabacion, *, asistentes: str,
                            contenido: str, visto_en: dt.datetime | None = None,
                            corrige: Visualizacion | None = None) -> Visualizacion:
    """Registra una reproducción del video de la solicitud: quién la vio, cuándo y qué se vio.

    La primera deja la solicitud «vista» y lleva su trámite al monitoreo (5). Con ``corrige`` es
    una anotación que corrige a otra visualización de la misma solicitud (la original no cambia).
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, AREA)
    solicitud = SolicitudGrabacion.get_by_id(solicitud.id)
    v = Validador()
    asistentes = v.texto("asistentes", "Quiénes vieron el video", asistentes, 1000, requerido=True, multilinea=True)
    contenido = v.texto("contenido", "Qué se vio", contenido, 5000, requerido=True, multilinea=True)
    momento = ahora()
    visto_en = (visto_en or momento).replace(second=0, microsecond=0, tzinfo=None)
    if visto_en > momento:
        v.error("visto_en", f"La visualización no puede registrarse en el futuro ({visto_en:%d/%m/%Y %H:%M}).")
    if solicitud.estado == DENEGADA:
        v.error("solicitud", "La solicitud se negó porque la grabación ya no está en el sistema: no hay video que "
                             "reproducir.")
    if corrige is not None and corrige.solicitud_id != solicitud.id:
        v.error("corrige", "La corrección debe ser de una visualización de la misma solicitud.")
    if corrige is None and solicitud.estado == VISTA:
        v.error("solicitud", "La reproducción de esta solicitud ya se registró; para corregirla agregue una "
                             "anotación de corrección.")
    v.validar()
    with transaccion():
        registro = Visualizacion(solicitud=solicitud, oficio=solicitud.oficio_id, visto_en=visto_en, atendio=actor,
                                 asistentes=asistentes, contenido=contenido, corrige=corrige, creado_en=momento)
        bitacora.guardar(registro, "corrección de visualización de video" if corrige
                         else "visualización de video", actor)
        if solicitud.estado == CITADA:
            solicitud.estado = VISTA
            solicitud.busqueda = texto_busqueda(solicitud.busqueda, ESTADOS_SOLICITUD[VISTA])
            if solicitud.expediente_id:
                expedientes.vista(actor, solicitud.expediente, asistentes, momento)
            bitacora.guardar_versionado(solicitud, "grabación reproducida", actor, solicitud.version)
    return registro


def borrar_visualizacion(actor: Usuario | None, visualizacion: Visualizacion) -> None:
    """Siempre se rehúsa: la política 2 prohíbe eliminar el contenido y su registro."""
    raise ErrorBorradoFisico(POLITICA_NO_BORRAR)


def visualizaciones(solicitud_id: int | None = None) -> list[dict[str, Any]]:
    consulta = (Visualizacion.select(Visualizacion.id, Visualizacion.visto_en, Visualizacion.asistentes,
                                     Visualizacion.contenido, Visualizacion.corrige, Visualizacion.solicitud,
                                     Usuario.nombre_usuario.alias("atendio"), Oficio.numero_oficio)
                .join(Usuario, JOIN.LEFT_OUTER, on=(Visualizacion.atendio == Usuario.id))
                .switch(Visualizacion).join(Oficio, on=(Visualizacion.oficio == Oficio.id)))
    if solicitud_id is not None:
        consulta = consulta.where(Visualizacion.solicitud == solicitud_id)
    return list(consulta.order_by(Visualizacion.id).dicts())


# --- Consultas -----------------------------------------------------------------------------------------

def obtener(identificador: int) -> SolicitudGrabacion:
    solicitud = SolicitudGrabacion.get_or_none(SolicitudGrabacion.id == identificador)
    if solicitud is None:
        raise ErrorNoEncontrado(f"No existe la solicitud de grabación {identificador}.")
    return solicitud


def oficio_entrante_por_numero(numero: str, dependencia: Dependencia | None = None) -> Oficio:
    """El oficio recibido con ese número (sin importar mayúsculas); error claro si no hay o si es ambiguo."""
    buscado = normalizar(limpiar_texto(numero))
    if not buscado:
        raise ErrorValidacion([("oficio", "Indique el número del oficio recibido.")])
    candidatos = [o for o in Oficio.select().where(Oficio.tipo == "entrante").order_by(Oficio.id)
                  if normalizar(o.numero_oficio or "") == buscado]
    if dependencia is not None and len(candidatos) > 1:
        candidatos = [o for o in candidatos if o.procedencia_id == dependencia.id] or candidatos
    if not candidatos:
        raise ErrorNoEncontrado(f"No hay un oficio recibido con el número «{limpiar_texto(numero)[:100]}»: "
                                "regístrelo primero en Oficios (dti oficio registrar) o no use --oficio.")
    if len(candidatos) > 1:
        raise ErrorTransicion(f"Hay {len(candidatos)} oficios recibidos con el número «{numero}»: "
                              "indique la dependencia que lo envió.")
    return candidatos[0]


def consultar(busqueda: str = "", estado: str | None = None, limite: int = 2000) -> list[dict[str, Any]]:
    """Solicitudes para la tabla, de la más reciente a la más antigua, con su trámite y oficios."""
    respuesta = Oficio.alias("respuesta")
    consulta = (SolicitudGrabacion.select(
        SolicitudGrabacion.id, SolicitudGrabacion.creado_en, SolicitudGrabacion.fecha_grabacion,
        SolicitudGrabacion.hora_desde, SolicitudGrabacion.hora_hasta, SolicitudGrabacion.estado,
        SolicitudGrabacion.razon, SolicitudGrabacion.cita, SolicitudGrabacion.lugar_cita, SolicitudGrabacion.motivo,
        SolicitudGrabacion.dias_retencion, SolicitudGrabacion.version,
        SolicitudGrabacion.expediente.alias("expediente_id"), Camara.nombre.alias("camara"),
        Camara.ubicacion, Grabador.nombre.alias("grabador"), Dependencia.nombre.alias("dependencia"),
        Oficio.numero_oficio, respuesta.folio.alias("folio_negativa"), respuesta.id.alias("negativa_id"))
        .join(Camara, on=(SolicitudGrabacion.camara == Camara.id))
        .join(Grabador, on=(Camara.grabador == Grabador.id))
        .switch(SolicitudGrabacion).join(Dependencia, on=(SolicitudGrabacion.dependencia == Dependencia.id))
        .switch(SolicitudGrabacion).join(Oficio, on=(SolicitudGrabacion.oficio == Oficio.id))
        .switch(SolicitudGrabacion).join(respuesta, JOIN.LEFT_OUTER,
                                         on=(SolicitudGrabacion.oficio_respuesta == respuesta.id)))
    if estado:
        consulta = consulta.where(SolicitudGrabacion.estado == estado)
    consulta = busqueda_indexada.donde(consulta, SolicitudGrabacion, busqueda)
    filas = list(consulta.order_by(SolicitudGrabacion.id.desc()).limit(limite).dicts())
    textos = expedientes.textos_expedientes([f["expediente_id"] for f in filas])
    for fila in filas:
        fila["estado_texto"] = ESTADOS_SOLICITUD.get(fila["estado"], fila["estado"])
        fila["expediente"] = textos.get(fila["expediente_id"], "(sin trámite)")
        fila["horario"] = f"{fila['hora_desde']}–{fila['hora_hasta']}"
        fila["resultado"] = (f"Oficio {fila['folio_negativa']}" if fila["folio_negativa"]
                             else f"Cita {fila['cita']:%d/%m/%Y %H:%M}" if fila["cita"] else "")
    return filas
