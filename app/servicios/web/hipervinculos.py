"""Procedimiento 17: hipervínculos de las áreas de la Tesorería Municipal y su verificación.

* Áreas de la Tesorería con su carpeta en el hosting (un área nueva se agrega al catálogo).
* Solicitudes por oficio dirigido al Tesorero Municipal o al director de la DTI (política 1):
  análisis (2), ¿información completa? (3: «Sí» → 4, «No» → 3.1 y se vuelve a 3), carga al
  hosting con su carpeta (4), hipervínculos elaborados (5) y publicación (6).
* El registro de hipervínculos (área, fracción de la ley de transparencia, periodo, dirección) y
  el historial de cada verificación (estado HTTP o error, milisegundos y momento).
"""
from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.errores import ErrorNoEncontrado, ErrorValidacion
from app.modelos import Dependencia, Oficio, Usuario, ahora
from app.modelos.web import (ANALISIS, CANCELADA, ELABORACION, ESTADOS_HIPERVINCULOS, HOSTING, INFORMACION_FALTANTE,
                             PUBLICADA, AreaTesoreria, Hipervinculo, SolicitudHipervinculos, VerificacionHipervinculo)
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, normalizar, texto_busqueda
from app.servicios.tramites import expediente
from app.servicios.web import comun, comun_casos, verificador
from app.servicios.web.verificador import Resultado
from app.servicios.nucleo.concurrencia import cambia, crea

PROCEDIMIENTO = 17
DIRIGIDO_A: dict[str, str] = {"tesorero": "Titular de la Tesorería Municipal",
                              "titular_dti": "Director de Tecnologías de la Información"}
CARPETA_RAIZ = "/transparencia/tesoreria"


# --- Áreas de la Tesorería -------------------------------------------------------------------------

def _carpeta_de(nombre: str) -> str:
    return f"{CARPETA_RAIZ}/{re.sub(r'[^a-z0-9]+', '-', normalizar(nombre)).strip('-') or 'area'}"


@cambia("area")
def guardar_area(actor: Usuario | None, nombre: str, carpeta: str = "", area: AreaTesoreria | None = None,
                 version: int | None = None) -> AreaTesoreria:
    """Alta o edición de un área con su carpeta en el hosting (por omisión, /transparencia/tesoreria/<área>)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    nombre = v.nombre("nombre", "Área de la Tesorería", nombre, 150, requerido=True)
    carpeta = v.texto("carpeta", "Carpeta en el hosting", carpeta, 300) or (_carpeta_de(nombre) if nombre else "")
    if carpeta and (not carpeta.startswith("/") or ".." in carpeta.split("/") or "\\" in carpeta):
        v.error("carpeta", "La carpeta en el hosting es una ruta que empieza con «/», sin «..» ni «\\».")
    otra = area_por_nombre(nombre) if nombre else None
    if otra is not None and (area is None or otra.id != area.id):
        v.error("nombre", f"Ya existe el área «{otra.nombre}».")
    v.validar()
    registro = area or AreaTesoreria(creado_en=ahora())
    registro.nombre, registro.carpeta = nombre, carpeta
    registro.busqueda = texto_busqueda(nombre, carpeta)
    return bitacora.guardar_versionado(registro, "alta de área de la Tesorería" if area is None
                                       else "edición de área de la Tesorería", actor,
                                       version if area is not None else None)


def area_por_nombre(nombre: str) -> AreaTesoreria | None:
    """El área cuyo nombre coincide sin importar mayúsculas ni acentos."""
    buscado = normalizar(nombre)
    return next((a for a in AreaTesoreria.select() if normalizar(a.nombre) == buscado), None)


def areas() -> list[AreaTesoreria]:
    return list(AreaTesoreria.select().where(AreaTesoreria.activo == True).order_by(AreaTesoreria.nombre))  # noqa: E712


# --- Solicitudes (procedimiento 17) --------------------------------------------------------------------

def obtener_solicitud(identificador: int) -> SolicitudHipervinculos:
    solicitud = SolicitudHipervinculos.get_or_none(SolicitudHipervinculos.id == identificador)
    if solicitud is None:
        raise ErrorNoEncontrado(f"No existe la solicitud de hipervínculos {identificador}.")
    return solicitud


@crea
def registrar_solicitud(actor: Usuario | None, *, oficio: Oficio | None, area: AreaTesoreria | None,
                        dirigido_a: str, descripcion: str, asunto: str = "") -> SolicitudHipervinculos:
    """Actividad 1: el oficio dirigido al Tesorero o al director de la DTI (política 1); pasa al análisis (2)."""
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    permisos.exigir_area(actor, comun.AREA)
    v = Validador()
    comun.exigir_oficio(v, oficio)
    descripcion = v.texto("descripcion", "Hipervínculos solicitados", descripcion, 5000, requerido=True,
                          multilinea=True)
    asunto = v.texto("asunto", "Asunto", asunto, 300)
    if area is None:
        v.error("area", "Indique el área de la Tesorería cuya carpeta guardará los hipervínculos.")
    v.validar()
    if dirigido_a not in DIRIGIDO_A:
        raise ErrorValidacion([("dirigido_a", "El oficio debe ir dirigido al titular de la Tesorería Municipal o al "
                                              "director de Tecnologías de la Información. "
                                              f"{comun.politica(PROCEDIMIENTO, 1)}")])
    dependencia = oficio.procedencia if oficio.procedencia_id else None
    momento = ahora()
    with transaccion():
        solicitud = SolicitudHipervinculos(
            oficio=oficio, dependencia=dependencia, area=area, dirigido_a=dirigido_a, descripcion=descripcion,
            estado=ANALISIS, creado_por=actor, creado_en=momento, modificado_en=momento,
            busqueda=texto_busqueda(descripcion[:300], area.nombre, oficio.numero_oficio,
                                    dependencia.nombre if dependencia else ""))
        solicitud.expediente = expediente.abrir(
            actor, PROCEDIMIENTO, asunto or f"Hipervínculos de {area.nombre}", dependencia=dependencia,
            oficio_entrada=oficio, momento=momento, hasta="2", datos={"1": {"hipervinculos_solicitados": descripcion}})
        bitacora.guardar(solicitud, "solicitud de hipervínculos", actor)
    return solicitud


@cambia("solicitud")
def analizar(actor: Usuario | None, solicitud: SolicitudHipervinculos, *, analisis: str, completa: bool,
             faltante: str = "", version: int | None = None) -> SolicitudHipervinculos:
    """Actividades 2 y 3 (o 3.1 → 3): ¿la información está completa? Sí → 4; No → 3.1 (se pide lo faltante)."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (ANALISIS, INFORMACION_FALTANTE), ESTADOS_HIPERVINCULOS, "analizar")
    v = Validador()
    analisis = v.texto("analisis", "Análisis de la información", analisis, 5000, requerido=True, multilinea=True)
    faltante = v.texto("faltante", "Información faltante", faltante, 5000, multilinea=True)
    if not completa and not faltante:
        v.error("faltante", "Si la información no está completa, diga qué falta.")
    v.validar()
    desde_faltante = solicitud.estado == INFORMACION_FALTANTE
    solicitud.analisis = f"{solicitud.analisis}\n{analisis}".strip() if desde_faltante else analisis
    solicitud.informacion_faltante = "" if completa else faltante
    solicitud.estado = HOSTING if completa else INFORMACION_FALTANTE
    datos: dict[str, dict[str, Any]] = {} if desde_faltante else {"2": {"analisis": analisis}}
    if faltante:
        datos["3"] = {"informacion_faltante": faltante}
    destino = "4" if completa else "3.1"
    return comun_casos.guardar_con_tramite(actor, solicitud, "análisis de la información", version, destino,
                                           respuestas={"3": "Sí" if completa else "No"}, datos=datos or None,
                                           repetir=desde_faltante and not completa)


@cambia("solicitud")
def cargar_hosting(actor: Usuario | None, solicitud: SolicitudHipervinculos, *, carpeta: str = "",
                   version: int | None = None) -> SolicitudHipervinculos:
    """Actividad 4: la información se carga al hosting en la carpeta del área (o una subcarpeta)."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (HOSTING,), ESTADOS_HIPERVINCULOS, "registrar la carga al hosting")
    v = Validador()
    carpeta = v.texto("carpeta", "Carpeta en el hosting", carpeta, 300) or solicitud.area.carpeta
    if not carpeta.startswith("/") or ".." in carpeta.split("/") or "\\" in carpeta:
        v.error("carpeta", "La carpeta en el hosting es una ruta que empieza con «/», sin «..» ni «\\».")
    v.validar()
    solicitud.carpeta, solicitud.estado = carpeta, ELABORACION
    return comun_casos.guardar_con_tramite(actor, solicitud, "información cargada al hosting", version, "5",
                                           datos={"4": {"carpeta_hosting": carpeta}})


@cambia("solicitud")
def publicar(actor: Usuario | None, solicitud: SolicitudHipervinculos, *, enlaces: Sequence[tuple[str, str, str]],
             url_publicacion: str = "", version: int | None = None) -> SolicitudHipervinculos:
    """Actividades 5 y 6: se registran los hipervínculos (fracción, periodo, dirección) y, si hizo falta, la publicación."""
    comun.exigir_operador(actor)
    comun_casos.exigir_estado(solicitud, (ELABORACION,), ESTADOS_HIPERVINCULOS, "registrar los hipervínculos")
    v = Validador()
    url_publicacion = comun.url(v, "url_publicacion", "Dirección de la publicación", url_publicacion)
    if not enlaces:
        v.error("enlaces", "Registre al menos un hipervínculo elaborado.")
    v.validar()
    with transaccion():
        creados = [agregar_hipervinculo(actor, area=solicitud.area.nombre, fraccion=f, periodo=p, url=u,
                                        solicitud=solicitud) for f, p, u in enlaces]
        solicitud.url_publicacion, solicitud.estado = url_publicacion, PUBLICADA
        texto = "\n".join(h.url for h in creados)
        comun_casos.guardar_con_tramite(actor, solicitud, "hipervínculos elaborados", version, None,
                                        datos={"5": {"hipervinculos": texto},
                                               **({"6": {"url_publicacion": url_publicacion}} if url_publicacion
                                                  else {})})
    return solicitud


@cambia("solicitud")
def cancelar(actor: Usuario | None, solicitud: SolicitudHipervinculos, motivo: str,
             version: int | None = None) -> SolicitudHipervinculos:
    permisos.exigir(actor, permisos.CANCELAR_TRAMITE)
    comun_casos.exigir_estado(solicitud, (ANALISIS, INFORMACION_FALTANTE, HOSTING, ELABORACION),
                              ESTADOS_HIPERVINCULOS, "cancelar")
    return comun_casos.cancelar(actor, solicitud, motivo, CANCELADA, version)


def solicitudes(busqueda: str = "", limite: int = 2000) -> list[dict[str, Any]]:
    consulta = (SolicitudHipervinculos.select(SolicitudHipervinculos, AreaTesoreria.nombre.alias("area_nombre"),
                                              Dependencia.nombre.alias("dependencia_nombre"), Oficio.numero_oficio)
                .join(AreaTesoreria, on=(SolicitudHipervinculos.area == AreaTesoreria.id))
                .switch(SolicitudHipervinculos)
                .join(Dependencia, JOIN.LEFT_OUTER, on=(SolicitudHipervinculos.dependencia == Dependencia.id))
                .switch(SolicitudHipervinculos)
                .join(Oficio, JOIN.LEFT_OUTER, on=(SolicitudHipervinculos.oficio == Oficio.id)))
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, SolicitudHipervinculos, busqueda, por_palabras=False)
    filas = list(consulta.order_by(SolicitudHipervinculos.id.desc()).limit(limite).dicts())
    textos = expediente.textos_de([f["expediente"] for f in filas])
    for fila in filas:
        fila["estado_texto"] = ESTADOS_HIPERVINCULOS.get(fila["estado"], fila["estado"])
        fila["tramite"] = textos.get(fila["expediente"], "(sin trámite)")
    return filas


def por_expediente(tramite_id: int) -> SolicitudHipervinculos | None:
    return SolicitudHipervinculos.get_or_none(SolicitudHipervinculos.expediente == tramite_id) if tramite_id else None


# --- Registro de hipervínculos ---------------------------------------------------------------------------

@crea
def agregar_hipervinculo(actor: Usuario | None, *, area: str, fraccion: str, periodo: str, url: str,
                         descripcion: str = "", solicitud: SolicitudHipervinculos | None = None) -> Hipervinculo:
    """Registra un hipervínculo; si el área no está en el catálogo, se agrega con su carpeta."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    v = Validador()
    nombre_area = v.nombre("area", "Área de la Tesorería", area, 150, requerido=True)
    fraccion = v.texto("fraccion", "Fracción de la ley de transparencia", fraccion, 200, requerido=True)
    periodo = v.texto("periodo", "Periodo", periodo, 100, requerido=True)
    url = comun.url(v, "url", "Dirección del hipervínculo", url, requerido=True)
    descripcion = v.texto("descripcion", "Descripción", descripcion, 300)
    if url and Hipervinculo.select().where((Hipervinculo.url == url) & (Hipervinculo.activo == True)).exists():  # noqa: E712
        v.error("url", f"El hipervínculo {url} ya está registrado.")
    v.validar()
    with transaccion():
        registro_area = area_por_nombre(nombre_area) or guardar_area(actor, nombre_area)
        hipervinculo = Hipervinculo(area=registro_area, fraccion=fraccion, periodo=periodo, url=url,
                                    descripcion=descripcion, solicitud=solicitud, creado_por=actor,
                                    creado_en=ahora(), modificado_en=ahora(),
                                    busqueda=texto_busqueda(registro_area.nombre, fraccion, periodo, url, descripcion))
        bitacora.guardar(hipervinculo, "alta de hipervínculo", actor)
    return hipervinculo


@cambia("hipervinculo")
def dar_de_baja(actor: Usuario | None, hipervinculo: Hipervinculo, version: int | None = None) -> Hipervinculo:
    """Deja de verificarse (baja lógica; su historial se conserva)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    leida = hipervinculo.version if version is None else version
    hipervinculo.activo = False
    return bitacora.guardar_versionado(hipervinculo, "baja de hipervínculo", actor, leida)


def obtener(identificador: int) -> Hipervinculo:
    hipervinculo = Hipervinculo.get_or_none(Hipervinculo.id == identificador)
    if hipervinculo is None:
        raise ErrorNoEncontrado(f"No existe el hipervínculo {identificador}.")
    return hipervinculo


def listar(busqueda: str = "", incluir_bajas: bool = False, limite: int = 5000) -> list[dict[str, Any]]:
    consulta = (Hipervinculo.select(Hipervinculo, AreaTesoreria.nombre.alias("area_nombre"),
                                    AreaTesoreria.carpeta.alias("carpeta"))
                .join(AreaTesoreria, on=(Hipervinculo.area == AreaTesoreria.id)))
    if not incluir_bajas:
        consulta = consulta.where(Hipervinculo.activo == True)  # noqa: E712
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Hipervinculo, busqueda, por_palabras=False)
    filas = list(consulta.order_by(AreaTesoreria.nombre, Hipervinculo.fraccion, Hipervinculo.id).limit(limite).dicts())
    for fila in filas:
        fila["situacion"] = ("Sin verificar" if fila["ultimo_ok"] is None
                             else "Responde" if fila["ultimo_ok"] else "Roto")
    return filas


def resumen_ultima(filas: Sequence[dict[str, Any]]) -> str:
    """«Última verificación: 07/12/2026 07:00 · 15 hipervínculos; 3 rotos.» (de la lista ya leída)."""
    fechas = [f["ultima_verificacion"] for f in filas if f["ultima_verificacion"]]
    if not fechas:
        return "Ningún hipervínculo se ha verificado todavía." if filas else ""
    rotos = sum(1 for f in filas if f["ultimo_ok"] is False)
    sin = sum(1 for f in filas if f["ultimo_ok"] is None)
    partes = [f"Última verificación: {max(fechas):%d/%m/%Y %H:%M}", f"{len(filas)} hipervínculos",
              f"{rotos} rotos" if rotos else "todos responden"]
    if sin:
        partes.append(f"{sin} sin verificar")
    return " · ".join(partes) + "."


def historial(hipervinculo_id: int, limite: int = 200) -> list[dict[str, Any]]:
    """Las verificaciones de un hipervínculo, de la más reciente a la más antigua."""
    filas = list(VerificacionHipervinculo.select().where(VerificacionHipervinculo.hipervinculo == hipervinculo_id)
                 .order_by(VerificacionHipervinculo.momento.desc(), VerificacionHipervinculo.id.desc())
                 .limit(limite).dicts())
    for fila in filas:
        fila["resultado"] = f"HTTP {fila['codigo']}" if fila["codigo"] is not None else fila["error"]
    return filas


# --- Verificación --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Informe:
    """Resultado de una verificación: cada enlace con lo que contestó."""

    pares: list[tuple[Hipervinculo, Resultado]]
    sin_conexion: bool
    cancelada: bool = False

    @property
    def rotos(self) -> list[tuple[Hipervinculo, Resultado]]:
        return [(h, r) for h, r in self.pares if not r.ok]


def objetivos() -> list[Hipervinculo]:
    """Los hipervínculos vigentes que se verifican."""
    return list(Hipervinculo.select().where(Hipervinculo.activo == True).order_by(Hipervinculo.id))  # noqa: E712


def registrar_resultados(actor: Usuario | None, pares: Sequence[tuple[Hipervinculo, Resultado]],
                         momento: dt.datetime | None = None) -> None:
    """Anota cada verificación (estado, error, milisegundos, momento) y el último resultado de cada enlace."""
    momento = momento or ahora()
    with transaccion():
        for hipervinculo, resultado in pares:
            registro = VerificacionHipervinculo(
                hipervinculo=hipervinculo, momento=momento, ok=resultado.ok, codigo=resultado.codigo,
                error=resultado.error[:300], milisegundos=resultado.milisegundos,
                url_final=resultado.url_final[:1000], metodo=resultado.metodo, usuario=actor,
                creado_en=momento, modificado_en=momento)
            bitacora.guardar(registro, "verificación de hipervínculo", actor)
            actual = Hipervinculo.get_by_id(hipervinculo.id)
            actual.ultimo_ok, actual.ultima_verificacion = resultado.ok, momento
            actual.ultimo_resultado = resultado.descripcion[:300]
            actual.version += 1
            actual.modificado_en = ahora()
            bitacora.guardar(actual, "resultado de verificación", actor)


def verificar(actor: Usuario | None, *, tiempo_limite: float = verificador.TIEMPO_LIMITE_OMISION,
              hilos: int = verificador.HILOS_OMISION, progreso: Callable[[int, int], None] | None = None,
              cancelado: threading.Event | None = None) -> Informe:
    """Verifica todos los hipervínculos vigentes y registra cada resultado."""
    permisos.exigir(actor, permisos.VER)
    enlaces = objetivos()
    resultados = verificador.verificar_todos([h.url for h in enlaces], tiempo_limite, hilos, progreso, cancelado)
    por_url = {}
    for resultado in resultados:
        por_url.setdefault(resultado.url, resultado)
    pares = [(h, por_url[h.url]) for h in enlaces if h.url in por_url]
    registrar_resultados(actor, pares)
    return Informe(pares, verificador.sin_conexion(resultados), len(pares) < len(enlaces))


def informe_excel(pares: Sequence[tuple[Hipervinculo, Resultado]], momento: dt.datetime | None = None) -> bytes:
    """Excel con todos los hipervínculos verificados y su resultado (fechas reales en las celdas)."""
    from app.documentos.hoja_listado import libro_listado

    momento = momento or ahora()
    encabezados = ["Área", "Fracción", "Periodo", "Dirección", "Resultado", "Estado HTTP", "Error",
                   "Milisegundos", "Dirección final", "Verificado el"]
    filas = [[h.area.nombre, h.fraccion, h.periodo, h.url, "Responde" if r.ok else "Roto", r.codigo, r.error,
              r.milisegundos, r.url_final, momento] for h, r in pares]
    return libro_listado("Verificación de hipervínculos", encabezados, filas,
                         [22, 30, 16, 50, 12, 12, 40, 14, 50, 18])


def listado_excel(filas: Sequence[dict[str, Any]]) -> bytes:
    """Excel de la lista de hipervínculos tal como se ve (con su último resultado)."""
    from app.documentos.hoja_listado import libro_listado

    encabezados = ["Área", "Carpeta", "Fracción", "Periodo", "Dirección", "Situación", "Último resultado",
                   "Verificado el"]
    return libro_listado("Hipervínculos", encabezados,
                         [[f["area_nombre"], f["carpeta"], f["fraccion"], f["periodo"], f["url"], f["situacion"],
                           f["ultimo_resultado"], f["ultima_verificacion"]] for f in filas],
                         [22, 30, 30, 16, 50, 14, 30, 18])
