"""Control de licenciamiento de software (procedimiento 10 del manual).

Catálogo de software, licencias (perpetua, suscripción, volumen, OEM, libre) con su clave
**cifrada** (:mod:`app.servicios.nucleo.secretos`; en listas solo se ve enmascarada y verla completa queda
en la bitácora), asientos, vigencia, costo, proveedor y CFDI; asignaciones a bienes o a servidores
públicos con baja lógica; y el flujo de decisión del manual:

* ¿el Ayuntamiento ya tiene licencia del software? → se asigna e instala (actividades 2 y 4);
* si no, ¿es necesaria la adquisición? → se abre el trámite de adquisición (actividad 5, que sigue
  el procedimiento 1 de pagos y adquisiciones de TIC);
* si no, se propone y registra una alternativa de uso libre (actividad 6).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from peewee import JOIN, fn

from app.base_datos import serializar, transaccion
from app.modelos import Bien, Dependencia, Oficio, Proveedor, ServidorPublico, Usuario, ahora
from app.modelos.licencias import (ADQUISICION, ALTERNATIVA_LIBRE, ASIGNADA, DECISIONES, LIBRE, OEM, PERPETUA,
                                   SUSCRIPCION, TIPOS_LICENCIA, VOLUMEN, AsignacionLicencia, Licencia, Software,
                                   SolicitudSoftware)
from app.servicios.adquisiciones import adquisiciones
from app.servicios.licencias import expedientes
from app.servicios.nucleo import archivos, bitacora, permisos, secretos
from app.errores import ErrorDTI, ErrorNoEncontrado, ErrorPermiso, ErrorValidacion
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia, crea

__all__ = ["TIPOS_LICENCIA", "DECISIONES", "PERPETUA", "SUSCRIPCION", "VOLUMEN", "OEM", "LIBRE", "ASIGNADA",
           "ADQUISICION", "ALTERNATIVA_LIBRE", "PROCEDIMIENTO_ADQUISICION", "DIAS_AVISO_OMISION",
           "guardar_software", "catalogo_software", "registrar_licencia", "dar_de_baja_licencia", "archivo_cfdi",
           "puede_ver_clave", "ver_clave", "asignar", "quitar_asignacion", "licencia_disponible",
           "atender_solicitud", "consultar_licencias", "asignaciones", "asignaciones_de_bien", "solicitudes",
           "dias_aviso", "fijar_dias_aviso", "informe_cumplimiento", "obtener_licencia", "obtener_software",
           "obtener_asignacion"]

# Actividad 5: «Se hace trámite de adquisición», que en el manual es el procedimiento 1.
PROCEDIMIENTO_ADQUISICION = 1
DIAS_AVISO_OMISION = 30
CLAVE_CONFIG_DIAS = "licencias_dias_aviso"
MAXIMO_CFDI = 25 * 1024 * 1024
AREA = permisos.AREA_SOPORTE
_UUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
# Roles que pueden ver una clave completa (además queda en la bitácora).
ROLES_VER_CLAVE = frozenset({permisos.DIRECTOR, permisos.JEFE_SOPORTE})


# --- Catálogo de software ------------------------------------------------------------------------

def obtener_software(identificador: int) -> Software:
    software = Software.get_or_none(Software.id == identificador)
    if software is None:
        raise ErrorNoEncontrado(f"No existe el software {identificador}.")
    return software


@cambia("software")
def guardar_software(actor: Usuario | None, *, nombre: str, fabricante: str = "", categoria: str = "",
                     es_libre: bool = False, alternativa_libre: str = "", notas: str = "",
                     activo: bool = True, software: Software | None = None,
                     version: int | None = None) -> Software:
    """Alta o edición de un programa del catálogo (nombres únicos sin importar mayúsculas ni acentos)."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    nombre = v.texto("nombre", "Nombre del software", nombre, 150, requerido=True)
    fabricante = v.texto("fabricante", "Fabricante", fabricante, 150)
    categoria = v.texto("categoria", "Categoría", categoria, 100)
    alternativa_libre = v.texto("alternativa_libre", "Alternativa libre", alternativa_libre, 300)
    notas = v.texto("notas", "Notas", notas, 5000, multilinea=True)
    if nombre:
        for otro_id, otro in Software.select(Software.id, Software.nombre).tuples():
            if normalizar(otro) == normalizar(nombre) and (software is None or otro_id != software.id):
                v.error("nombre", f"Ya existe «{otro}» en el catálogo de software.")
    v.validar()
    registro = software or Software(creado_en=ahora())
    registro.nombre, registro.fabricante, registro.categoria = nombre, fabricante, categoria
    registro.es_libre, registro.alternativa_libre, registro.notas = bool(es_libre), alternativa_libre, notas
    registro.activo = bool(activo)
    registro.busqueda = texto_busqueda(nombre, fabricante, categoria, alternativa_libre)
    accion = "alta de software" if software is None else "edición de software"
    return bitacora.guardar_versionado(registro, accion, actor, version if software is not None else None)


def catalogo_software(busqueda: str = "", activos: bool = True) -> list[Software]:
    consulta = Software.select()
    if activos:
        consulta = consulta.where(Software.activo == True)  # noqa: E712 - SQL
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Software, busqueda, por_palabras=False)
    return list(consulta.order_by(Software.nombre))


# --- Licencias -----------------------------------------------------------------------------------

def obtener_licencia(identificador: int) -> Licencia:
    licencia = Licencia.get_or_none(Licencia.id == identificador)
    if licencia is None:
        raise ErrorNoEncontrado(f"No existe la licencia {identificador}.")
    return licencia


def _costo(v: Validador, valor: Any) -> Decimal:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return Decimal("0")
    try:
        texto = str(valor).replace("$", "").replace(",", "").strip()
        importe = valor if isinstance(valor, Decimal) else Decimal(texto)
    except (InvalidOperation, ValueError):
        v.error("costo", f"El costo «{str(valor)[:30]}» no es un importe válido.")
        return Decimal("0")
    if not importe.is_finite() or importe < 0 or importe >= Decimal("1e14"):
        v.error("costo", "El costo debe ser un importe de cero o más, sin NaN ni infinitos.")
        return Decimal("0")
    return importe.quantize(Decimal("0.01"))


def _leer_cfdi(v: Validador, ruta: str | Path | None) -> tuple[bytes | None, str]:
    if not ruta:
        return None, ""
    try:
        nombre, contenido = archivos.leer(ruta, MAXIMO_CFDI, "cfdi_archivo")   # con tope: nunca entero
    except ErrorDTI as exc:
        v.error("cfdi_archivo", f"Archivo del CFDI: {exc}")
        return None, ""
    # Un PDF debe abrir como PDF (PDFium); el XML se guarda como texto y se abre como XML o texto.
    inicio = contenido[:200].lstrip(b"\xef\xbb\xbf \r\n\t")
    es_xml = (inicio.startswith(b"<?xml") or inicio.startswith(b"<cfdi:")) and b"<!DOCTYPE" not in contenido[:4096]
    if not (es_xml or archivos.es_pdf(contenido)):
        v.error("cfdi_archivo", f"«{nombre}» no es el XML ni el PDF de un CFDI.")
        return None, ""
    return contenido, nombre


@cambia("licencia")
def registrar_licencia(actor: Usuario | None, *, software: Software, tipo: str, asientos: int = 1,
                       clave: str | None = None, descripcion: str = "", vigencia_inicio: dt.date | None = None,
                       vigencia_fin: dt.date | None = None, costo: Any = Decimal("0"),
                       proveedor: Proveedor | None = None, cfdi_uuid: str = "",
                       cfdi_archivo: str | Path | None = None, notas: str = "",
                       licencia: Licencia | None = None, version: int | None = None) -> Licencia:
    """Alta o edición de una licencia. La clave se cifra antes de tocar la base.

    Al editar, ``clave=None`` conserva la clave guardada y ``clave=""`` la quita.
    """
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    permisos.exigir_area(actor, AREA)
    v = Validador()
    if software is None:
        v.error("software", "Elija el software de la licencia.")
    tipo = limpiar_texto(tipo)
    if tipo not in TIPOS_LICENCIA:
        v.error("tipo", "Elija el tipo de licencia: perpetua, suscripción, volumen, OEM o libre.")
    asientos = v.entero("asientos", "Asientos", asientos, 1, 1_000_000)
    descripcion = v.texto("descripcion", "Descripción", descripcion, 300)
    notas = v.texto("notas", "Notas", notas, 5000, multilinea=True)
    clave_limpia = None if clave is None else v.texto("clave", "Clave de la licencia", clave, 500)
    importe = _costo(v, costo)
    if tipo == LIBRE and importe:
        v.error("costo", "Una licencia libre no tiene costo.")
    if tipo == SUSCRIPCION and vigencia_fin is None:
        v.error("vigencia_fin", "Una suscripción lleva la fecha en que vence.")
    if vigencia_inicio and vigencia_fin and vigencia_fin < vigencia_inicio:
        v.error("vigencia_fin", "La vigencia termina antes de empezar.")
    uuid = limpiar_texto(cfdi_uuid).upper()
    if uuid and not _UUID.match(uuid):
        v.error("cfdi_uuid", f"El UUID del CFDI «{uuid[:40]}» no tiene la forma "
                             "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX.")
    contenido_cfdi, nombre_cfdi = _leer_cfdi(v, cfdi_archivo)
    v.validar()
    registro = licencia or Licencia(creado_por=actor, creado_en=ahora())
    registro.software, registro.tipo, registro.asientos = software, tipo, asientos
    registro.descripcion, registro.notas = descripcion, notas
    registro.vigencia_inicio, registro.vigencia_fin = vigencia_inicio, vigencia_fin
    registro.costo, registro.proveedor, registro.cfdi_uuid = importe, proveedor, uuid
    if contenido_cfdi is not None:
        registro.cfdi_archivo, registro.cfdi_nombre = contenido_cfdi, nombre_cfdi
    if clave_limpia is not None:
        registro.clave_cifrada = secretos.cifrar(clave_limpia) if clave_limpia else ""
        registro.clave_mascara = secretos.enmascarar(clave_limpia)
    registro.busqueda = texto_busqueda(software.nombre, software.fabricante, TIPOS_LICENCIA[tipo], descripcion,
                                       proveedor.razon_social if proveedor else "", uuid)
    accion = "alta de licencia" if licencia is None else "edición de licencia"
    return bitacora.guardar_versionado(registro, accion, actor, version if licencia is not None else None)


def archivo_cfdi(licencia: Licencia) -> tuple[str, bytes]:
    """Nombre y bytes del XML o PDF del CFDI guardado con la licencia."""
    if licencia.cfdi_archivo is None:
        raise ErrorDTI("La licencia no tiene archivo del CFDI.")
    return licencia.cfdi_nombre or "cfdi", bytes(licencia.cfdi_archivo)


@cambia("licencia")
def dar_de_baja_licencia(actor: Usuario | None, licencia: Licencia, motivo: str) -> Licencia:
    """Baja lógica de una licencia (vencida y no renovada, equipo retirado…), con motivo."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la baja", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    if not licencia.activa:
        raise ErrorDTI("La licencia ya está dada de baja.")
    licencia.activa, licencia.motivo_baja, licencia.baja_en, licencia.baja_por = False, motivo, ahora(), actor
    return bitacora.guardar_versionado(licencia, "baja de licencia", actor, licencia.version)


def puede_ver_clave(actor: Usuario | None) -> bool:
    """¿El rol permite ver completa la clave de una licencia?"""
    return actor is None or (bool(getattr(actor, "activo", False)) and actor.rol in ROLES_VER_CLAVE)


def ver_clave(actor: Usuario | None, licencia: Licencia) -> str:
    """La clave completa, descifrada. Solo para Director(a) y Jefatura de Soporte; queda en la bitácora.

    El rol y el estado se leen de la base (una ventana abierta no conserva un rol que ya le quitaron).
    """
    permisos.vigente(actor)
    if not puede_ver_clave(actor):
        rol = permisos.NOMBRES_ROL.get(getattr(actor, "rol", ""), "sin rol")
        raise ErrorPermiso(f"Su rol ({rol}) no permite ver completas las claves de licencia.")
    if not licencia.clave_cifrada:
        raise ErrorDTI("La licencia no tiene clave registrada.")
    clave = secretos.descifrar(licencia.clave_cifrada)
    with transaccion():
        bitacora.registrar(licencia, "consulta de clave de licencia", actor)
    return clave


# --- Vigencia y ocupación ------------------------------------------------------------------------

def _ocupados(licencia_id: int) -> int:
    return (AsignacionLicencia.select().where((AsignacionLicencia.licencia == licencia_id)
                                              & (AsignacionLicencia.activa == True))  # noqa: E712
            .count())


def _vencida(licencia: Licencia, hoy: dt.date) -> bool:
    return licencia.vigencia_fin is not None and licencia.vigencia_fin < hoy


def licencia_disponible(software: Software) -> Licencia | None:
    """Una licencia vigente del software con asientos libres (la que vence primero), o None."""
    hoy = hoy_mexico()
    candidatas = (Licencia.select().where((Licencia.software == software) & (Licencia.activa == True)  # noqa: E712
                                          & (Licencia.vigencia_fin.is_null() | (Licencia.vigencia_fin >= hoy)))
                  .order_by(Licencia.vigencia_fin.asc(nulls="LAST"), Licencia.id))
    for licencia in candidatas:
        if licencia.tipo == LIBRE or _ocupados(licencia.id) < licencia.asientos:
            return licencia
    return None


# --- Asignaciones --------------------------------------------------------------------------------

def obtener_asignacion(identificador: int) -> AsignacionLicencia:
    asignacion = AsignacionLicencia.get_or_none(AsignacionLicencia.id == identificador)
    if asignacion is None:
        raise ErrorNoEncontrado(f"No existe la asignación {identificador}.")
    return asignacion


@cambia("licencia")
def asignar(actor: Usuario | None, licencia: Licencia, *, bien: Bien | None = None,
            servidor: ServidorPublico | None = None, instalada: bool = True, nota: str = "",
            permitir_exceso: bool = False) -> AsignacionLicencia:
    """Asigna un asiento de ``licencia`` a un bien o a un servidor público (actividad 4).

    Sin asientos libres se rechaza, salvo ``permitir_exceso`` (queda sobreasignada y resaltada).
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, AREA)
    v = Validador()
    nota = v.texto("nota", "Nota", nota, 2000, multilinea=True)
    if (bien is None) == (servidor is None):
        v.error("destino", "Asigne la licencia a un bien o a un servidor público (uno de los dos).")
    if not licencia.activa:
        v.error("licencia", "La licencia está dada de baja.")
    elif _vencida(licencia, hoy_mexico()):
        v.error("licencia", f"La licencia venció el {licencia.vigencia_fin:%d/%m/%Y}; renuévela antes de asignarla.")
    if bien is not None and bien.estado == "dado_de_baja":
        v.error("destino", f"El bien {bien.numero_inventario} está dado de baja.")
    v.validar()
    with transaccion():
        # Contar los asientos libres y luego asignar: dos PC a la vez no deben tomar el último.
        serializar(Licencia._meta.table_name, licencia.id)
        ocupados = _ocupados(licencia.id)
        if licencia.tipo != LIBRE and ocupados >= licencia.asientos and not permitir_exceso:
            raise ErrorValidacion([("licencia", f"La licencia ya ocupa sus {licencia.asientos} asiento(s); "
                                                "adquiera más o libere una asignación.")])
        repetida = AsignacionLicencia.select().where(
            (AsignacionLicencia.licencia == licencia) & (AsignacionLicencia.activa == True)  # noqa: E712
            & ((AsignacionLicencia.bien == bien) if bien is not None
               else (AsignacionLicencia.servidor == servidor))).exists()
        if repetida:
            destino = bien.numero_inventario if bien is not None else servidor.nombre
            raise ErrorValidacion([("destino", f"La licencia ya está asignada a {destino}.")])
        momento = ahora()
        asignacion = AsignacionLicencia(licencia=licencia, bien=bien, servidor=servidor, asignado_en=momento,
                                        asignado_por=actor, instalada=bool(instalada), nota=nota,
                                        creado_en=momento, modificado_en=momento)
        bitacora.guardar(asignacion, "asignación de licencia", actor)
    return asignacion


@cambia("asignacion")
def quitar_asignacion(actor: Usuario | None, asignacion: AsignacionLicencia, motivo: str) -> AsignacionLicencia:
    """Libera el asiento (baja lógica de la asignación, con motivo, quién y cuándo)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, AREA)
    v = Validador()
    motivo = v.texto("motivo", "Motivo", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    if not asignacion.activa:
        raise ErrorDTI("La asignación ya estaba dada de baja.")
    asignacion.activa, asignacion.motivo_baja = False, motivo
    asignacion.baja_en, asignacion.baja_por = ahora(), actor
    return bitacora.guardar_versionado(asignacion, "baja de asignación de licencia", actor, asignacion.version)


# --- Flujo de decisión del procedimiento 10 -------------------------------------------------------

@crea
def atender_solicitud(actor: Usuario | None, *, software: Software | None = None, software_texto: str = "",
                      oficio: Oficio | None = None, dependencia: Dependencia | None = None,
                      bien: Bien | None = None, servidor: ServidorPublico | None = None,
                      adquirir: bool = False, alternativa: str = "", justificacion: str = "") -> SolicitudSoftware:
    """Aplica la decisión del manual a una petición de software y la registra.

    1. Si el Ayuntamiento tiene licencia disponible del software → se asigna a ``bien`` o ``servidor``.
    2. Si no y ``adquirir`` → se abre el trámite de adquisición (procedimiento 1).
    3. Si no → se registra la alternativa de uso libre (``alternativa`` o la del catálogo).
    """
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    v = Validador()
    software_texto = v.texto("software_texto", "Software solicitado", software_texto, 200)
    alternativa = v.texto("alternativa", "Alternativa libre", alternativa, 300)
    justificacion = v.texto("justificacion", "Justificación", justificacion, 5000, multilinea=True)
    if software is None and not software_texto:
        v.error("software", "Indique el software solicitado.")
    if oficio is not None and oficio.tipo != "entrante":
        v.error("oficio", "La petición llega por un oficio recibido.")
    v.validar()
    nombre = software.nombre if software is not None else software_texto
    if dependencia is None and oficio is not None and oficio.procedencia_id:
        dependencia = oficio.procedencia
    disponible = licencia_disponible(software) if software is not None else None
    with transaccion():
        solicitud = SolicitudSoftware(oficio=oficio, dependencia=dependencia, software=software,
                                      software_texto=software_texto or nombre, justificacion=justificacion,
                                      creado_por=actor, creado_en=ahora(), modificado_en=ahora())
        if disponible is not None:
            if bien is None and servidor is None:
                raise ErrorValidacion([("destino", f"Hay licencia de {nombre}: indique a qué bien o servidor "
                                                   "público se asigna.")])
            solicitud.asignacion = asignar(actor, disponible, bien=bien, servidor=servidor,
                                           nota=f"Solicitud de software: {nombre}")
            solicitud.decision = ASIGNADA
        elif adquirir:
            # Actividad 5: la adquisición del procedimiento 1 nace en su módulo, con la solicitud como origen.
            solicitud.decision = ADQUISICION
            solicitud.save()
            adquisicion = adquisiciones.desde_solicitud_software(
                actor, solicitud, nombre, justificacion or f"Procedimiento 10: no hay licencia de {nombre}.")
            solicitud.tramite_id = adquisicion.expediente_id
        else:
            propuesta = alternativa or (software.alternativa_libre if software is not None else "")
            if not propuesta:
                raise ErrorValidacion([("alternativa", f"No hay licencia de {nombre} ni se adquirirá: proponga "
                                                       "la alternativa de uso libre.")])
            solicitud.alternativa, solicitud.decision = propuesta, ALTERNATIVA_LIBRE
        solicitud.busqueda = texto_busqueda(nombre, dependencia.nombre if dependencia else "",
                                            DECISIONES[solicitud.decision], solicitud.alternativa)
        # Su trámite del procedimiento 10 (expediente único) sigue la decisión tomada, antes de la bitácora.
        expedientes.abrir(actor, solicitud, solicitud.creado_en)
        bitacora.guardar(solicitud, "solicitud de software atendida", actor)
    return solicitud


@cambia("solicitud")
def instalar_adquirida(actor: Usuario | None, solicitud: SolicitudSoftware, licencia: Licencia, *,
                       bien: Bien | None = None, servidor: ServidorPublico | None = None,
                       version: int | None = None) -> SolicitudSoftware:
    """Llegó la licencia que se adquirió (paso 5): se instala (paso 4) y el caso del procedimiento 10 concluye.

    La licencia (registrada ya con su CFDI) se asigna al bien o al servidor público que la pidió;
    la solicitud queda con esa asignación y su trámite pasa de 5 a 4 y termina.
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, AREA)
    if solicitud.decision != ADQUISICION or solicitud.asignacion_id:
        raise ErrorValidacion([("solicitud", "Solo se instala así una licencia que se adquirió para esta solicitud "
                                             "y que aún no se instala.")])
    nombre = solicitud.software.nombre if solicitud.software_id else solicitud.software_texto
    if solicitud.software_id and licencia.software_id != solicitud.software_id:
        raise ErrorValidacion([("licencia", f"La licencia es de {licencia.software.nombre}, no de {nombre}.")])
    leida = solicitud.version if version is None else version
    with transaccion():
        solicitud.asignacion = asignar(actor, licencia, bien=bien, servidor=servidor,
                                       nota=f"Licencia adquirida para la solicitud de software: {nombre}")
        if solicitud.expediente_id:
            from app.servicios.tramites import expediente

            destino = bien.numero_inventario if bien is not None else servidor.nombre
            expediente.concluir(actor, solicitud.expediente, nota=f"Se instaló la licencia adquirida en {destino}.")
        bitacora.guardar_versionado(solicitud, "licencia adquirida instalada", actor, leida)
    return solicitud


def solicitudes(busqueda: str = "", limite: int = 500) -> list[dict[str, Any]]:
    consulta = (SolicitudSoftware.select(SolicitudSoftware.id, SolicitudSoftware.creado_en,
                                         SolicitudSoftware.software_texto, SolicitudSoftware.decision,
                                         SolicitudSoftware.alternativa, SolicitudSoftware.tramite_id,
                                         SolicitudSoftware.asignacion.alias("asignacion_id"),
                                         SolicitudSoftware.expediente.alias("expediente_id"),
                                         Dependencia.nombre.alias("dependencia"), Oficio.numero_oficio)
                .join(Dependencia, JOIN.LEFT_OUTER, on=(SolicitudSoftware.dependencia == Dependencia.id))
                .switch(SolicitudSoftware)
                .join(Oficio, JOIN.LEFT_OUTER, on=(SolicitudSoftware.oficio == Oficio.id)))
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, SolicitudSoftware, busqueda, por_palabras=False)
    filas = list(consulta.order_by(SolicitudSoftware.id.desc()).limit(limite).dicts())
    textos = expedientes.textos_expedientes([f["expediente_id"] for f in filas])
    for fila in filas:
        fila["expediente"] = textos.get(fila["expediente_id"], "(sin trámite)")
    return filas


# --- Listas, alertas e informe -------------------------------------------------------------------

def dias_aviso() -> int:
    """Días de anticipación con que se resaltan las licencias por vencer (configuración de la PC)."""
    from app.configuracion import ErrorConfiguracion, leer_config

    try:
        valor = leer_config().get(CLAVE_CONFIG_DIAS, DIAS_AVISO_OMISION)
        dias = int(valor)
    except (ErrorConfiguracion, TypeError, ValueError):
        return DIAS_AVISO_OMISION
    return dias if 1 <= dias <= 3650 else DIAS_AVISO_OMISION


def fijar_dias_aviso(dias: int) -> int:
    from app.configuracion import guardar_config

    v = Validador()
    dias = v.entero("dias", "Días de aviso", dias, 1, 3650)
    v.validar()
    guardar_config({CLAVE_CONFIG_DIAS: dias})
    return dias


def _situacion(fila: dict[str, Any], hoy: dt.date, dias: int) -> dict[str, Any]:
    fin = fila.get("vigencia_fin")
    fila["dias_restantes"] = (fin - hoy).days if fin else None
    fila["vencida"] = bool(fin and fin < hoy)
    fila["por_vencer"] = bool(fin and hoy <= fin <= hoy + dt.timedelta(days=dias))
    fila["sobreasignada"] = fila["tipo"] != LIBRE and fila["asignados"] > fila["asientos"]
    fila["disponibles"] = None if fila["tipo"] == LIBRE else fila["asientos"] - fila["asignados"]
    fila["tipo_texto"] = TIPOS_LICENCIA.get(fila["tipo"], fila["tipo"])
    alertas = []
    if not fila["activa"]:
        alertas.append("Dada de baja")
    if fila["sobreasignada"]:
        alertas.append(f"Sobreasignada ({fila['asignados']} de {fila['asientos']})")
    if fila["vencida"]:
        alertas.append(f"Vencida el {fin:%d/%m/%Y}")
    elif fila["por_vencer"]:
        alertas.append(f"Vence en {fila['dias_restantes']} día(s)")
    fila["alertas"] = "; ".join(alertas)
    return fila


def consultar_licencias(busqueda: str = "", tipo: str | None = None, software_id: int | None = None,
                        alerta: str | None = None, dias: int | None = None, incluir_bajas: bool = False,
                        limite: int = 2000, licencia_id: int | None = None) -> list[dict[str, Any]]:
    """Lista para tablas con ocupación y alertas. ``alerta``: sobreasignada, por_vencer, vencida o alguna."""
    dias = dias if dias is not None else dias_aviso()
    hoy = hoy_mexico()
    ocupados = (AsignacionLicencia.select(AsignacionLicencia.licencia, fn.COUNT(AsignacionLicencia.id).alias("n"))
                .where(AsignacionLicencia.activa == True).group_by(AsignacionLicencia.licencia)  # noqa: E712
                .alias("ocupados"))
    consulta = (Licencia.select(Licencia.id, Licencia.tipo, Licencia.descripcion, Licencia.asientos,
                                Licencia.clave_mascara, Licencia.vigencia_inicio, Licencia.vigencia_fin,
                                Licencia.costo, Licencia.cfdi_uuid, Licencia.activa, Licencia.version,
                                Software.id.alias("software_id"), Software.nombre.alias("software"),
                                Software.fabricante, Proveedor.razon_social.alias("proveedor"),
                                fn.COALESCE(ocupados.c.n, 0).alias("asignados"))
                .join(Software, on=(Licencia.software == Software.id))
                .switch(Licencia).join(Proveedor, JOIN.LEFT_OUTER, on=(Licencia.proveedor == Proveedor.id))
                .switch(Licencia).join(ocupados, JOIN.LEFT_OUTER, on=(ocupados.c.licencia_id == Licencia.id)))
    if not incluir_bajas:
        consulta = consulta.where(Licencia.activa == True)  # noqa: E712
    if tipo:
        consulta = consulta.where(Licencia.tipo == tipo)
    if software_id:
        consulta = consulta.where(Licencia.software == software_id)
    if licencia_id:
        consulta = consulta.where(Licencia.id == licencia_id)
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Licencia, busqueda, por_palabras=False)
    filas = [_situacion(f, hoy, dias) for f in consulta.order_by(Software.nombre, Licencia.id).limit(limite).dicts()]
    if alerta == "alguna":
        filas = [f for f in filas if f["sobreasignada"] or f["por_vencer"] or f["vencida"]]
    elif alerta in ("sobreasignada", "por_vencer", "vencida"):
        filas = [f for f in filas if f[alerta]]
    return filas


def asignaciones(licencia_id: int, activas: bool = True) -> list[dict[str, Any]]:
    """Asignaciones de una licencia: a qué bien o a quién, cuándo y si sigue vigente."""
    consulta = (AsignacionLicencia.select(AsignacionLicencia.id, AsignacionLicencia.asignado_en,
                                          AsignacionLicencia.instalada, AsignacionLicencia.activa,
                                          AsignacionLicencia.nota, AsignacionLicencia.motivo_baja,
                                          AsignacionLicencia.baja_en, Bien.numero_inventario, Bien.descripcion,
                                          ServidorPublico.nombre.alias("servidor"))
                .join(Bien, JOIN.LEFT_OUTER, on=(AsignacionLicencia.bien == Bien.id))
                .switch(AsignacionLicencia)
                .join(ServidorPublico, JOIN.LEFT_OUTER, on=(AsignacionLicencia.servidor == ServidorPublico.id))
                .where(AsignacionLicencia.licencia == licencia_id))
    if activas:
        consulta = consulta.where(AsignacionLicencia.activa == True)  # noqa: E712
    filas = list(consulta.order_by(AsignacionLicencia.id).dicts())
    for fila in filas:
        fila["destino"] = (f"{fila['numero_inventario']} — {fila['descripcion']}" if fila["numero_inventario"]
                           else fila["servidor"] or "")
    return filas


def asignaciones_de_bien(bien_id: int) -> list[dict[str, Any]]:
    """Software con licencia asignada a un bien (para su ficha en el inventario)."""
    return list(AsignacionLicencia.select(AsignacionLicencia.id, AsignacionLicencia.asignado_en,
                                          Software.nombre.alias("software"), Licencia.tipo,
                                          Licencia.clave_mascara, Licencia.vigencia_fin)
                .join(Licencia).join(Software)
                .where((AsignacionLicencia.bien == bien_id) & (AsignacionLicencia.activa == True))  # noqa: E712
                .order_by(Software.nombre).dicts())


def informe_cumplimiento(dias: int | None = None) -> dict[str, Any]:
    """Datos del informe de cumplimiento: cada licencia vigente con su ocupación y alertas, y el resumen."""
    dias = dias if dias is not None else dias_aviso()
    filas = consultar_licencias(dias=dias, limite=1_000_000)
    resumen = {
        "licencias": len(filas),
        "asientos": sum(f["asientos"] for f in filas if f["tipo"] != LIBRE),
        "asignados": sum(f["asignados"] for f in filas),
        "sobreasignadas": sum(1 for f in filas if f["sobreasignada"]),
        "por_vencer": sum(1 for f in filas if f["por_vencer"]),
        "vencidas": sum(1 for f in filas if f["vencida"]),
        "costo_total": sum((f["costo"] or Decimal("0") for f in filas), Decimal("0")),
    }
    return {"fecha": hoy_mexico(), "dias": dias, "filas": filas, "resumen": resumen}
