"""Oficios: registro de los que llegan, emisión con folio de los que salen, cancelación y PDF.

Políticas de operación del manual para todo oficio de solicitud: procedencia,
descripción de la petición, nombre y firma del servidor público solicitante,
número de oficio y fecha. Sin alguno de ellos el oficio solo se registra como
incompleto y se ofrece la «solicitud de datos faltantes».
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import JOIN, fn

from app.base_datos import transaccion
from app.modelos import Adjunto, Dependencia, Oficio, Tramite, Usuario, ahora
from app.servicios.nucleo import archivos, bitacora, folios, permisos, plantillas
from app.servicios.nucleo.concurrencia import cambia, crea
from app.servicios.catalogos import catalogos
from app.servicios.oficios import anclas
from app.errores import ErrorDTI, ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, texto_busqueda
from app.tiempo import hoy_mexico

ENTRANTE = "entrante"
SALIENTE = "saliente"

REGISTRADO = "registrado"
INCOMPLETO = "incompleto"
ATENDIDO = "atendido"
EMITIDO = "emitido"
CANCELADO = "cancelado"
# Un oficio recibido que no da lugar a ningún caso (política 2 e) de los procedimientos 3 y 18:
# «será almacenado o en su defecto descartado»).
ARCHIVADO = "archivado"
DESCARTADO = "descartado"
# Los recibidos que todavía esperan que la DTI haga algo con ellos.
POR_ATENDER_ESTADOS = (REGISTRADO, INCOMPLETO)

PREFIJO_QR = "DTI-OFICIO"
# El folio provisional de la vista previa: el verdadero se toma solo al emitir.
FOLIO_VISTA_PREVIA = "VISTA PREVIA (sin folio)"
MARCA_VISTA_PREVIA = "VISTA PREVIA"
MAXIMO_ADJUNTO = 25 * 1024 * 1024

# Los datos que exigen las políticas de operación, con su nombre para el usuario.
REQUISITOS_ENTRANTE = {
    "procedencia": "Procedencia del oficio",
    "descripcion": "Descripción de la petición",
    "solicitante_nombre": "Nombre del servidor público solicitante",
    "firmado": "Firma del servidor público solicitante",
    "numero_oficio": "Número de oficio",
    "fecha_documento": "Fecha del oficio",
}


@dataclass(frozen=True)
class Firma:
    nombre: str
    cargo: str


# --- Oficios entrantes ----------------------------------------------------------------------

@cambia("oficio")
def registrar_oficio_entrante(actor: Usuario | None, *, numero_oficio: str = "",
                              fecha_documento: dt.date | None = None,
                              procedencia: Dependencia | None = None, procedencia_texto: str = "",
                              solicitante_nombre: str = "", solicitante_cargo: str = "",
                              firmado: bool = False, descripcion: str = "",
                              permitir_incompleto: bool = False,
                              oficio: Oficio | None = None, version: int | None = None) -> Oficio:
    """Registra (o completa) un oficio recibido y anota el acuse de recibo con fecha y hora.

    Al completar uno (``oficio``), ``version`` es la que se mostró al usuario: si otra PC lo
    cambió entretanto, :class:`~app.errores.ErrorConflicto` y nada se escribe.

    Si falta un dato obligatorio y ``permitir_incompleto`` es falso, no escribe nada y
    lanza :class:`ErrorValidacion` con la lista de faltantes.
    """
    permisos.exigir(actor, permisos.REGISTRAR_OFICIO)
    v = Validador()
    numero_oficio = v.texto("numero_oficio", "Número de oficio", numero_oficio, 100)
    procedencia_texto = v.texto("procedencia", "Procedencia", procedencia_texto, 300)
    solicitante_nombre = v.texto("solicitante_nombre", "Nombre del solicitante", solicitante_nombre, 200)
    solicitante_cargo = v.texto("solicitante_cargo", "Cargo del solicitante", solicitante_cargo, 200)
    descripcion = v.texto("descripcion", "Descripción de la petición", descripcion, 5000, multilinea=True)
    fecha_documento = v.fecha_no_futura("fecha_documento", "Fecha del oficio", fecha_documento, hoy_mexico())
    v.validar()
    presentes = {
        "procedencia": procedencia is not None or bool(procedencia_texto),
        "descripcion": bool(descripcion),
        "solicitante_nombre": bool(solicitante_nombre),
        "firmado": bool(firmado),
        "numero_oficio": bool(numero_oficio),
        "fecha_documento": fecha_documento is not None,
    }
    faltantes = [REQUISITOS_ENTRANTE[c] for c, hay in presentes.items() if not hay]
    if faltantes and not permitir_incompleto:
        raise ErrorValidacion(
            [(c, f"Falta «{REQUISITOS_ENTRANTE[c]}».") for c, hay in presentes.items() if not hay]
            + [("", "Puede registrarlo como incompleto y enviar la solicitud de datos faltantes.")])
    registro = oficio or Oficio(tipo=ENTRANTE, creado_por=actor, recibido_en=ahora(), recibido_por=actor)
    if oficio is not None and (oficio.tipo != ENTRANTE or oficio.estado not in (REGISTRADO, INCOMPLETO)):
        raise ErrorDTI("Solo se completan oficios recibidos que no se han atendido.")
    registro.numero_oficio, registro.fecha_documento = numero_oficio, fecha_documento
    registro.procedencia, registro.procedencia_texto = procedencia, procedencia_texto
    registro.solicitante_nombre, registro.solicitante_cargo = solicitante_nombre, solicitante_cargo
    registro.firmado, registro.descripcion = bool(firmado), descripcion
    registro.estado = INCOMPLETO if faltantes else REGISTRADO
    registro.anio = registro.recibido_en.year
    registro.faltantes = "; ".join(faltantes)
    registro.busqueda = texto_busqueda(numero_oficio, procedencia.nombre if procedencia else "",
                                       procedencia_texto, solicitante_nombre, descripcion[:500])
    registro.modificado_en = ahora()
    accion = "registro de oficio recibido" if oficio is None else "oficio recibido completado"
    return bitacora.guardar(registro, accion, actor)


@crea
def adjuntar(actor: Usuario | None, oficio: Oficio, ruta: str | Path,
             nombre: str | None = None) -> Adjunto:
    """Adjunta el PDF escaneado de un oficio: hasta 25 MB y solo si abre como PDF.

    El nombre original se guarda solo como texto (``app.servicios.nucleo.archivos``).
    """
    permisos.exigir(actor, permisos.REGISTRAR_OFICIO)
    leido, contenido = archivos.leer(ruta, MAXIMO_ADJUNTO, "adjunto")
    original = archivos.nombre_original(nombre or leido, "oficio.pdf")
    if not archivos.es_pdf(contenido):
        raise ErrorValidacion([("adjunto", f"«{original}» no es un PDF (no se pudo abrir como PDF). "
                                           "Escanee el documento como PDF.")])
    archivo = archivos.validar(original, contenido, ("pdf",), "Oficio escaneado", "adjunto", tope=MAXIMO_ADJUNTO)
    with transaccion():
        adjunto = Adjunto.create(oficio=oficio, nombre_archivo=archivo.original, tipo_mime=archivo.tipo_mime,
                                 contenido=archivo.contenido, sha256=archivo.sha256, tamano=archivo.tamano,
                                 creado_por=actor, creado_en=ahora())
        bitacora.registrar(adjunto, "adjunto de oficio", actor)
    return adjunto


def adjuntos_de(oficio: Oficio) -> list[dict[str, Any]]:
    """Adjuntos del oficio sin su contenido (cada uno puede pesar hasta 25 MB)."""
    return list(Adjunto.select(Adjunto.id, Adjunto.nombre_archivo, Adjunto.tamano, Adjunto.creado_en,
                               Adjunto.sha256)
                .where(Adjunto.oficio == oficio).order_by(Adjunto.id).dicts())


def contenido_adjunto(identificador: int) -> tuple[str, bytes]:
    """Nombre y bytes de un adjunto."""
    adjunto = Adjunto.get_or_none(Adjunto.id == identificador)
    if adjunto is None:
        raise ErrorNoEncontrado(f"No existe el adjunto {identificador}.")
    return adjunto.nombre_archivo, bytes(adjunto.contenido)


def respuestas_a(oficio: Oficio) -> list[str]:
    """Folios de los oficios emitidos en respuesta a ``oficio``."""
    return [folio for (folio,) in Oficio.select(Oficio.folio).where(Oficio.en_respuesta_a == oficio)
            .order_by(Oficio.id).tuples() if folio]


def faltantes_de(oficio: Oficio) -> list[str]:
    return [f.strip() for f in oficio.faltantes.split(";") if f.strip()]


# --- Lo que produjo un oficio recibido; archivo y descarte de los que no piden nada -----------

@dataclass(frozen=True)
class CasoProducido:
    """Un trámite abierto a partir del oficio (con el registro de módulo que lo lleva, si hay)."""

    tramite_id: int
    numero: str
    procedimiento: int
    asunto: str
    estado: str
    paso_actual: str | None
    modulo: str
    registro: str = ""        # «Ticket T-2026-00012»; vacío si se lleva en Trámites


@dataclass(frozen=True)
class Producido:
    """Lo que salió de un oficio recibido: casos y oficios de respuesta (los cancelados también)."""

    casos: list[CasoProducido] = field(default_factory=list)
    respuestas: list[dict[str, Any]] = field(default_factory=list)

    @property
    def vacio(self) -> bool:
        return not self.casos and not self.respuestas


def produjo(oficio: Oficio,
            describir: Callable[[list[int]], dict[int, str]] | None = None) -> Producido:
    """Los casos (trámites cuyo oficio de entrada es ``oficio``) y los oficios emitidos en respuesta.

    ``describir`` recibe los ids de los trámites y devuelve qué registro de módulo es cada uno
    (``app.servicios.tramites.propietarios.registros_de``: este paquete no importa Trámites,
    que sí lo importa a él).
    """
    filas = list(Tramite.select(Tramite.id, Tramite.numero, Tramite.procedimiento, Tramite.asunto,
                                Tramite.estado, Tramite.paso_actual, Tramite.modulo)
                 .where(Tramite.oficio_entrada == oficio.id).order_by(Tramite.id).tuples())
    if oficio.tramite_id and oficio.tramite_id not in {f[0] for f in filas}:
        filas += list(Tramite.select(Tramite.id, Tramite.numero, Tramite.procedimiento, Tramite.asunto,
                                     Tramite.estado, Tramite.paso_actual, Tramite.modulo)
                      .where(Tramite.id == oficio.tramite_id).tuples())
    registros = describir([f[0] for f in filas]) if describir is not None and filas else {}
    casos = [CasoProducido(*fila, registro=registros.get(fila[0], "")) for fila in filas]
    respuestas = list(Oficio.select(Oficio.id, Oficio.folio, Oficio.asunto, Oficio.estado, Oficio.fecha_documento)
                      .where((Oficio.en_respuesta_a == oficio.id) & (Oficio.tipo == SALIENTE))
                      .order_by(Oficio.id).dicts())
    return Producido(casos, respuestas)


def _sin_respuesta_vigente():
    """Condición SQL: el oficio no tiene un oficio de respuesta emitido (uno cancelado no cuenta)."""
    Respuesta = Oficio.alias("respuesta")
    return ~fn.EXISTS(Respuesta.select(Respuesta.id).where(
        (Respuesta.en_respuesta_a == Oficio.id) & (Respuesta.tipo == SALIENTE) & (Respuesta.estado != CANCELADO)))


def _sin_tramite():
    """Condición SQL: ningún trámite (de Trámites o de un módulo) salió del oficio."""
    return Oficio.tramite_id.is_null() & ~fn.EXISTS(
        Tramite.select(Tramite.id).where(Tramite.oficio_entrada == Oficio.id))


def condicion_por_atender():
    """Recibidos que esperan a la DTI: sin trámite, sin respuesta, ni archivados ni descartados."""
    return ((Oficio.tipo == ENTRANTE) & Oficio.estado.in_(POR_ATENDER_ESTADOS)
            & _sin_tramite() & _sin_respuesta_vigente())


def _archivar(actor: Usuario | None, oficio: Oficio, motivo: str, version: int | None,
              estado: str, nombre: str) -> Oficio:
    permisos.exigir(actor, permisos.REGISTRAR_OFICIO)
    v = Validador()
    motivo = v.texto("motivo", f"Motivo para {nombre} el oficio", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    leida = oficio.version if version is None else version
    etiqueta = oficio.numero_oficio or f"#{oficio.id}"
    with transaccion():
        actual = Oficio.get_or_none(Oficio.id == oficio.id)
        if actual is None:
            raise ErrorNoEncontrado(f"No existe el oficio {oficio.id}.")
        if actual.tipo != ENTRANTE:
            raise ErrorTransicion(f"Solo se puede {nombre} un oficio recibido; el {actual.folio or etiqueta} "
                                  "es un oficio emitido.")
        if actual.estado in (ARCHIVADO, DESCARTADO):
            raise ErrorTransicion(f"El oficio {etiqueta} ya está {actual.estado}.")
        caso = (Tramite.select(Tramite.numero).where(Tramite.oficio_entrada == actual.id)
                .order_by(Tramite.id).scalar())
        if caso is None and actual.tramite_id:
            caso = Tramite.select(Tramite.numero).where(Tramite.id == actual.tramite_id).scalar()
        if caso is not None:
            raise ErrorTransicion(f"El oficio {etiqueta} ya dio lugar al trámite {caso}: no se puede {nombre}.")
        respuesta = (Oficio.select(Oficio.folio).where(
            (Oficio.en_respuesta_a == actual.id) & (Oficio.tipo == SALIENTE) & (Oficio.estado != CANCELADO))
            .order_by(Oficio.id).scalar())
        if respuesta is not None or actual.estado not in POR_ATENDER_ESTADOS:
            detalle = f" con el oficio {respuesta}" if respuesta else ""
            raise ErrorTransicion(f"El oficio {etiqueta} ya se respondió{detalle}: no se puede {nombre}.")
        oficio.estado = estado
        oficio.motivo_archivo = motivo
        oficio.archivado_en = ahora()
        oficio.archivado_por = actor if isinstance(actor, Usuario) else None
        accion = "oficio recibido archivado" if estado == ARCHIVADO else "oficio recibido descartado"
        return bitacora.guardar_versionado(oficio, accion, actor, leida)


@cambia("oficio")
def archivar_oficio(actor: Usuario | None, oficio: Oficio, motivo: str, version: int | None = None) -> Oficio:
    """Archiva (almacena) un oficio recibido que no pide ningún caso ni respuesta, con su motivo.

    Política 2 e) de los procedimientos 3 y 18. No se archiva uno que ya tiene trámite o
    respuesta; ``version`` es la que se mostró al usuario (otro cambio entretanto se rechaza).
    """
    return _archivar(actor, oficio, motivo, version, ARCHIVADO, "archivar")


@cambia("oficio")
def descartar_oficio(actor: Usuario | None, oficio: Oficio, motivo: str, version: int | None = None) -> Oficio:
    """Descarta un oficio recibido que no pide nada a la DTI (duplicado, dirigido a otra área…)."""
    return _archivar(actor, oficio, motivo, version, DESCARTADO, "descartar")


# --- Oficios salientes --------------------------------------------------------------------

def firmante_titular() -> Firma:
    """El titular de la DTI según los datos de la institución."""
    institucion = catalogos.institucion()
    titular = institucion.titular_dti
    if titular is None:
        raise ErrorDTI("Configure al titular de la DTI en Catálogos › Institución antes de emitir oficios.")
    return Firma(titular.nombre, titular.cargo)


def _huella(oficio: Oficio) -> str:
    contenido = {
        "folio": oficio.folio, "fecha": oficio.fecha_documento.isoformat(),
        "asunto": oficio.asunto, "destinatario": [oficio.destinatario_nombre, oficio.destinatario_cargo,
                                                  oficio.destinatario_dependencia],
        "cuerpo": oficio.cuerpo, "firmantes": json.loads(oficio.firmantes or "[]"),
        "ccp": oficio.ccp,
    }
    texto = json.dumps(contenido, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def texto_qr(oficio: Oficio) -> str:
    """Lo que lleva el QR de verificación: folio, huella del contenido y ancla en la bitácora.

    El ancla (posición y hash del eslabón de la bitácora al que se encadenó la emisión) no va en
    los QR de los oficios emitidos antes de la migración 0014: esos se reimprimen y verifican
    igual que entonces.
    """
    texto = f"{PREFIJO_QR}|{oficio.folio}|{oficio.huella}"
    if oficio.ancla_posicion is not None and oficio.ancla_hash:
        texto += f"|{oficio.ancla_posicion}|{oficio.ancla_hash}"
    return texto


def _logotipo() -> Path | None:
    from app.configuracion import carpeta_datos
    from app.rutas import carpeta_recursos

    institucion = catalogos.institucion()
    if institucion.logotipo:
        contenido = bytes(institucion.logotipo)
        ruta = carpeta_datos() / f"logotipo-{hashlib.sha256(contenido).hexdigest()[:16]}.img"
        if not ruta.exists():
            ruta.write_bytes(contenido)
        return ruta
    ruta = carpeta_recursos() / "logotipo.png"
    return ruta if ruta.exists() else None


def _generar_pdf(oficio: Oficio, cancelado: bool = False, vista_previa: bool = False) -> bytes:
    from app.documentos.oficio_pdf import DatosOficio, Firmante, generar_oficio_pdf

    institucion = catalogos.institucion()
    datos = DatosOficio(
        institucion=institucion.nombre, lema=institucion.lema, area_emisora=institucion.area,
        lugar=institucion.lugar, fecha=oficio.fecha_documento, folio=oficio.folio, asunto=oficio.asunto,
        destinatario_nombre=oficio.destinatario_nombre, destinatario_cargo=oficio.destinatario_cargo,
        destinatario_dependencia=oficio.destinatario_dependencia, cuerpo=oficio.cuerpo,
        firmantes=tuple(Firmante(f["nombre"], f["cargo"]) for f in json.loads(oficio.firmantes or "[]")),
        ccp=tuple(linea for linea in oficio.ccp.split("\n") if linea.strip()),
        texto_verificacion=texto_qr(oficio), logotipo=_logotipo(), cancelado=cancelado,
        marca_agua=MARCA_VISTA_PREVIA if vista_previa else "", pie=institucion.pie,
        creado=oficio.creado_en)  # la emisión: regenerarlo da los mismos bytes
    return generar_oficio_pdf(datos)


def variables_generales(*, destinatario_nombre: str = "", destinatario_cargo: str = "",
                        destinatario_dependencia: str = "", asunto: str = "", cuerpo: str = "",
                        **_otros: Any) -> dict[str, str]:
    """Lo que toda plantilla puede usar: los datos de la institución y los del formulario del oficio.

    Lo vacío no se incluye: la variable queda sin valor y el oficio no se emite hasta llenarla.
    ``fecha`` no está aquí a propósito: en las plantillas es la fecha de lo que se avisa (un
    mantenimiento, una reunión), no la del oficio, que el PDF ya imprime.
    """
    institucion = catalogos.institucion()
    valores = {
        "institucion": institucion.nombre, "municipio": institucion.municipio, "lugar": institucion.lugar,
        "area": institucion.area,
        "titular_dti": institucion.titular_dti.nombre if institucion.titular_dti_id else "",
        "tesorero": institucion.tesorero.nombre if institucion.tesorero_id else "",
        "destinatario": destinatario_nombre, "destinatario_cargo": destinatario_cargo,
        "destinatario_dependencia": destinatario_dependencia, "dependencia": destinatario_dependencia,
        "asunto": asunto, "cuerpo": cuerpo,
    }
    return {clave: limpio for clave, valor in valores.items() if (limpio := limpiar_texto(valor or ""))}


def _preparar(actor: Usuario | None, *, destinatario_nombre: str, asunto: str, cuerpo: str = "",
              destinatario_cargo: str = "", destinatario_dependencia: str = "",
              firmantes: list[Firma] | None = None, ccp: list[str] | tuple[str, ...] = (),
              en_respuesta_a: Oficio | None = None, tramite_id: int | None = None,
              plantilla: str = "") -> Oficio:
    """Valida lo capturado y arma el oficio en memoria, todavía sin folio (no escribe nada)."""
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    v = Validador()
    destinatario_nombre = v.texto("destinatario_nombre", "Destinatario", destinatario_nombre, 200, requerido=True)
    destinatario_cargo = v.texto("destinatario_cargo", "Cargo del destinatario", destinatario_cargo, 200)
    destinatario_dependencia = v.texto("destinatario_dependencia", "Dependencia del destinatario",
                                       destinatario_dependencia, 200)
    asunto = v.texto("asunto", "Asunto", asunto, 300, requerido=True)
    cuerpo = v.texto("cuerpo", "Cuerpo del oficio", cuerpo, 20000, multilinea=True)
    lineas_ccp = [v.texto("ccp", "c.c.p.", linea, 300) for linea in ccp if limpiar_texto(linea)]
    v.validar()
    # Ningún oficio sale con una variable de plantilla sin llenar, aunque el texto venga tecleado.
    plantillas.exigir_sin_variables(asunto, cuerpo)
    firmas = list(firmantes) if firmantes else [firmante_titular()]
    return Oficio(
        tipo=SALIENTE, estado=EMITIDO, asunto=asunto, destinatario_nombre=destinatario_nombre,
        destinatario_cargo=destinatario_cargo, destinatario_dependencia=destinatario_dependencia,
        cuerpo=cuerpo, ccp="\n".join(lineas_ccp), plantilla=plantilla,
        firmantes=json.dumps([{"nombre": f.nombre, "cargo": f.cargo} for f in firmas], ensure_ascii=False),
        en_respuesta_a=en_respuesta_a, tramite_id=tramite_id, creado_por=actor)


def vista_previa_pdf(actor: Usuario | None, **datos: Any) -> bytes:
    """El PDF del oficio tal como saldría, con el folio provisional «VISTA PREVIA» y su marca de agua.

    Recibe lo mismo que :func:`emitir_oficio` y lo valida igual, pero no toma folio ni escribe nada.
    """
    oficio = _preparar(actor, **datos)
    oficio.folio = FOLIO_VISTA_PREVIA
    oficio.fecha_documento = hoy_mexico()
    oficio.huella = "sin-validez"
    return _generar_pdf(oficio, vista_previa=True)


@crea
def emitir_oficio(actor: Usuario | None, *, destinatario_nombre: str, asunto: str, cuerpo: str = "",
                  destinatario_cargo: str = "", destinatario_dependencia: str = "",
                  firmantes: list[Firma] | None = None, ccp: list[str] | tuple[str, ...] = (),
                  en_respuesta_a: Oficio | None = None, tramite_id: int | None = None,
                  plantilla: str = "") -> Oficio:
    """Emite un oficio: le da el siguiente folio del año, genera y congela su PDF.

    Un asunto o cuerpo con ``${…}`` sin llenar se rechaza antes de tomar el folio. Todo
    ocurre en una transacción: si algo falla, no se consume el folio.
    """
    oficio = _preparar(actor, destinatario_nombre=destinatario_nombre, asunto=asunto, cuerpo=cuerpo,
                       destinatario_cargo=destinatario_cargo, destinatario_dependencia=destinatario_dependencia,
                       firmantes=firmantes, ccp=ccp, en_respuesta_a=en_respuesta_a, tramite_id=tramite_id,
                       plantilla=plantilla)
    institucion = catalogos.institucion()
    with transaccion():
        momento = ahora()
        anio = momento.year
        numero = folios.siguiente_consecutivo(folios.SERIE_OFICIOS, anio)
        oficio.anio, oficio.consecutivo = anio, numero
        oficio.folio = institucion.formato_folio.format(numero=numero, anio=anio)
        oficio.fecha_documento = momento.date()
        oficio.creado_en = oficio.modificado_en = momento
        oficio.huella = _huella(oficio)
        oficio.ancla_posicion, oficio.ancla_hash = anclas.eslabon_actual()
        oficio.pdf = _generar_pdf(oficio)
        oficio.sha256 = hashlib.sha256(oficio.pdf).hexdigest()
        oficio.busqueda = texto_busqueda(oficio.folio, oficio.asunto, oficio.destinatario_nombre,
                                         oficio.destinatario_dependencia)
        oficio.save()
        bitacora.registrar(oficio, "emisión de oficio", actor)
        # El recibido se relee aquí: con el objeto que se mostró se sobrescribiría lo que otra PC
        # le cambió entretanto (issue 17, actualizaciones perdidas).
        recibido = Oficio.get_or_none(Oficio.id == en_respuesta_a.id) if en_respuesta_a is not None else None
        if recibido is not None and recibido.tipo == ENTRANTE and recibido.estado == REGISTRADO:
            recibido.estado = ATENDIDO
            recibido.modificado_en = momento
            recibido.save()
            bitacora.registrar(recibido, "oficio recibido atendido", actor)
            en_respuesta_a.estado, en_respuesta_a.version = recibido.estado, recibido.version
    return oficio


def llenar_plantilla(clave: str, variables: dict[str, Any], **datos: Any) -> plantillas.Llenado:
    """Llena la plantilla ``clave`` con los datos de la institución, los del formulario y ``variables``.

    Si ``datos`` trae su propio asunto, el de la plantilla no se usa y sus variables no faltan.
    """
    plantilla = plantillas.cargar(clave)
    llenado = plantilla.llenado(**{**variables_generales(**datos), **variables})
    if limpiar_texto(datos.get("asunto") or ""):
        return plantillas.Llenado(datos["asunto"], llenado.cuerpo, (), llenado.faltantes_cuerpo)
    return llenado


@crea
def emitir_desde_plantilla(actor: Usuario | None, clave: str, variables: dict[str, Any],
                           **datos: Any) -> Oficio:
    """Emite un oficio cuyo asunto y cuerpo salen de una plantilla de ``formatos/``.

    Si alguna variable queda sin valor, rechaza con :class:`ErrorValidacion` que las nombra
    todas, antes de tomar el folio (no escribe nada).
    """
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    llenado = llenar_plantilla(clave, variables, **datos)
    if not llenado.completo:
        raise plantillas.error_faltantes(llenado.faltantes, clave)
    datos["asunto"] = llenado.asunto
    datos.pop("cuerpo", None)   # el del formulario ya se usó como ${cuerpo}
    return emitir_oficio(actor, cuerpo=llenado.cuerpo, plantilla=clave, **datos)


@crea
def emitir_solicitud_datos_faltantes(actor: Usuario | None, entrante: Oficio) -> Oficio:
    """La respuesta que pide al solicitante los datos que le faltaron a su oficio."""
    if entrante.tipo != ENTRANTE or entrante.estado != INCOMPLETO:
        raise ErrorDTI("La solicitud de datos faltantes solo aplica a oficios recibidos incompletos.")
    faltantes = faltantes_de(entrante)
    variables = {
        "numero_oficio": entrante.numero_oficio or "sin número",
        "fecha_recepcion": f"{entrante.recibido_en:%d/%m/%Y a las %H:%M}",
        "descripcion": entrante.descripcion or "su petición",
        "faltantes": "\n".join(f"• {f}" for f in faltantes),
    }
    procedencia = entrante.procedencia.nombre if entrante.procedencia else entrante.procedencia_texto
    return emitir_desde_plantilla(
        actor, "solicitud_datos_faltantes", variables,
        destinatario_nombre=entrante.solicitante_nombre or f"Titular de {procedencia or 'la dependencia'}",
        destinatario_cargo=entrante.solicitante_cargo, destinatario_dependencia=procedencia,
        en_respuesta_a=entrante)


@cambia("oficio")
def cancelar_oficio(actor: Usuario | None, oficio: Oficio, motivo: str, version: int | None = None) -> Oficio:
    """Cancela un oficio emitido: conserva su folio y sus bytes; queda marcado con motivo, quién y cuándo.

    ``version`` es la que se mostró al usuario: si otra PC lo canceló o cambió entretanto,
    :class:`~app.errores.ErrorConflicto` y se conservan el motivo, quién y cuándo de la primera.
    """
    permisos.exigir(actor, permisos.CANCELAR_OFICIO)
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la cancelación", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    if oficio.tipo != SALIENTE or oficio.estado != EMITIDO:
        raise ErrorDTI(f"Solo se cancelan oficios emitidos; el {oficio.folio or oficio.id} está «{oficio.estado}».")
    oficio.estado = CANCELADO
    oficio.motivo_cancelacion = motivo
    oficio.cancelado_en = ahora()
    oficio.cancelado_por = actor
    oficio.modificado_en = oficio.cancelado_en
    return bitacora.guardar(oficio, "cancelación de oficio", actor)


def pdf_de_oficio(oficio: Oficio) -> bytes:
    """El PDF congelado del oficio; si está cancelado, con la marca «CANCELADO»."""
    if oficio.tipo != SALIENTE or oficio.pdf is None:
        raise ErrorDTI("Solo los oficios emitidos tienen PDF.")
    if oficio.estado == CANCELADO:
        return _generar_pdf(oficio, cancelado=True)
    return bytes(oficio.pdf)


def por_folio(folio: str) -> Oficio:
    oficio = Oficio.get_or_none(Oficio.folio == limpiar_texto(folio))
    if oficio is None:
        raise ErrorNoEncontrado(f"No existe el oficio con folio «{folio}».")
    return oficio


def verificar_qr(texto: str) -> tuple[bool, str]:
    """Comprueba el texto de un QR de oficio: (auténtico, explicación)."""
    partes = limpiar_texto(texto).split("|")
    if len(partes) not in (3, 5) or partes[0] != PREFIJO_QR:
        return False, "El código no es de un oficio de la DTI."
    folio, huella = partes[1], partes[2]
    ancla = anclas.leer(partes[3], partes[4]) if len(partes) == 5 else None
    if len(partes) == 5 and ancla is None:
        return False, "El código no es de un oficio de la DTI: su ancla en la bitácora no tiene la forma esperada."
    oficio = Oficio.get_or_none(Oficio.folio == folio)
    if oficio is None:
        return False, f"No existe un oficio con folio {folio}."
    if _huella(oficio) != huella or oficio.huella != huella:
        return False, f"El contenido del oficio {folio} no coincide con el emitido."
    if ancla is not None:
        falla = anclas.comprobar(oficio, *ancla)
        if falla:
            return False, falla
    if oficio.estado == CANCELADO:
        return False, f"El oficio {folio} es auténtico pero fue CANCELADO: {oficio.motivo_cancelacion}"
    return True, f"Oficio {folio} auténtico, emitido el {oficio.fecha_documento:%d/%m/%Y}."


def consultar(tipo: str | None = None, busqueda: str = "", estado: str | None = None,
              anio: int | None = None, limite: int = 500, sin_tramite: bool = False,
              por_atender: bool = False) -> list[dict[str, Any]]:
    """Lista para tablas: una consulta, sin instancias de modelo.

    ``por_atender``: solo los recibidos que esperan a la DTI (:func:`condicion_por_atender`).
    """
    consulta = (Oficio.select(Oficio.id, Oficio.tipo, Oficio.estado, Oficio.folio, Oficio.numero_oficio,
                              Oficio.fecha_documento, Oficio.recibido_en, Oficio.asunto, Oficio.descripcion,
                              Oficio.destinatario_nombre, Oficio.destinatario_dependencia,
                              Oficio.procedencia_texto, Dependencia.nombre.alias("procedencia"),
                              Oficio.solicitante_nombre, Oficio.faltantes, Oficio.tramite_id)
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Oficio.procedencia == Dependencia.id)))
    if tipo:
        consulta = consulta.where(Oficio.tipo == tipo)
    if estado:
        consulta = consulta.where(Oficio.estado == estado)
    if anio:
        consulta = consulta.where(Oficio.anio == anio)
    if sin_tramite:
        consulta = consulta.where(_sin_tramite() & Oficio.estado.not_in((CANCELADO, ARCHIVADO, DESCARTADO)))
    if por_atender:
        consulta = consulta.where(condicion_por_atender())
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Oficio, busqueda, por_palabras=False)
    # Del más reciente al más antiguo por la fecha que muestra la lista (la del oficio o, sin ella,
    # la de recepción); a la misma fecha, el último registrado primero.
    fecha = fn.COALESCE(Oficio.fecha_documento, Oficio.recibido_en)
    return list(consulta.order_by(fecha.desc(), Oficio.id.desc()).limit(limite).dicts())


def obtener(identificador: int) -> Oficio:
    oficio = Oficio.get_or_none(Oficio.id == identificador)
    if oficio is None:
        raise ErrorNoEncontrado(f"No existe el oficio {identificador}.")
    return oficio
