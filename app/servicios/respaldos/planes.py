"""Planes de respaldo por dependencia e información, su calendario y sus ejecuciones (procedimiento 5).

Política 1 del manual: «Los respaldos se realizarán de acuerdo con la periodicidad que sugiera el
propietario de la información». Por eso el plan lleva al propietario (de la dependencia), la
periodicidad que él propuso y el oficio con que la pidió; cambiarla exige un oficio nuevo.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peewee import JOIN, fn

from app.base_datos import transaccion
from app.errores import ErrorDTI, ErrorNoEncontrado, ErrorValidacion
from app.modelos import Dependencia, Oficio, ServidorPublico, Usuario, ahora
from app.modelos.respaldos import (CADA_N_DIAS, EXITOSO, FALLIDO, PERIODICIDADES, RESULTADOS, UNICA,
                                   EjecucionRespaldo, PlanRespaldo)
from app.servicios.nucleo import bitacora, folios, permisos
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.servicios.respaldos import comunes, expedientes, periodicidad as ciclo
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia, crea

SERIE_PLANES = "respaldo_plan"
FORMATO_FOLIO = "RES-{numero:04d}/{anio}"
BLOQUE = 1024 * 1024
MAXIMO_TAMANO = 1 << 62
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def obtener_plan(identificador: int) -> PlanRespaldo:
    plan = PlanRespaldo.get_or_none(PlanRespaldo.id == identificador)
    if plan is None:
        raise ErrorNoEncontrado(f"No existe el plan de respaldo {identificador}.")
    return plan


def _periodicidad(v: Validador, periodicidad: str, cada_dias: Any) -> tuple[str, int | None]:
    clave = limpiar_texto(periodicidad)
    if clave not in PERIODICIDADES:
        buscada = normalizar(clave)
        clave = next((c for c, texto in PERIODICIDADES.items() if normalizar(texto) == buscada), clave)
    if clave not in PERIODICIDADES:
        v.error("periodicidad", "Elija la periodicidad que propuso el propietario: "
                                + ", ".join(PERIODICIDADES.values()) + ".")
        return clave, None
    if clave != CADA_N_DIAS:
        return clave, None
    if cada_dias in (None, ""):
        v.error("cada_dias", "Con «Cada N días» indique cada cuántos días.")
        return clave, None
    return clave, v.entero("cada_dias", "Cada cuántos días", cada_dias, 1, ciclo.MAXIMO_DIAS)


@crea
def registrar_plan(actor: Usuario | None, *, dependencia: Dependencia | None, informacion: str,
                   propietario: ServidorPublico | None, oficio: Oficio | None, periodicidad: str,
                   cada_dias: int | None = None, inicio: dt.date | None = None, sistema: str = "",
                   medio: str = "", ubicacion: str = "", notas: str = "") -> PlanRespaldo:
    """Registra el plan pedido por oficio y abre su trámite del procedimiento 5 (queda en el paso 3.2)."""
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    permisos.exigir_area(actor, comunes.AREA)
    v = Validador()
    if dependencia is None and oficio is not None and oficio.procedencia_id:
        dependencia = oficio.procedencia
    if dependencia is None:
        v.error("dependencia", "Falta la dependencia dueña de la información.")
    informacion = v.texto("informacion", "Información o sistema que se respalda", informacion, 300, requerido=True)
    sistema = v.texto("sistema", "Sistema o equipo", sistema, 200)
    medio = v.texto("medio", "Medio del respaldo", medio, 100)
    ubicacion = v.texto("ubicacion", "Dónde quedan los respaldos", ubicacion, 300)
    notas = v.texto("notas", "Notas", notas, 5000, multilinea=True)
    clave, dias = _periodicidad(v, periodicidad, cada_dias)
    comunes.revisar_oficio(v, oficio, "El plan de respaldo")
    comunes.revisar_servidor(v, "propietario", "Propietario de la información", propietario, dependencia)
    hoy = hoy_mexico()
    inicio = inicio or hoy
    if not isinstance(inicio, dt.date) or isinstance(inicio, dt.datetime):
        v.error("inicio", "La fecha del primer respaldo no es una fecha.")
        inicio = hoy
    elif abs((inicio - hoy).days) > 366:
        v.error("inicio", "La fecha del primer respaldo debe estar dentro del año anterior o del siguiente.")
    if dependencia is not None and informacion:
        for otro in (PlanRespaldo.select(PlanRespaldo.folio, PlanRespaldo.informacion)
                     .where((PlanRespaldo.dependencia == dependencia) & (PlanRespaldo.activo == True))):  # noqa: E712
            if normalizar(otro.informacion) == normalizar(informacion):
                v.error("informacion", f"{dependencia.nombre} ya tiene el plan {otro.folio} para «{otro.informacion}».")
    v.validar()
    with transaccion():
        momento = ahora()
        numero = folios.siguiente_consecutivo(SERIE_PLANES, momento.year, actor)
        plan = PlanRespaldo(folio=FORMATO_FOLIO.format(numero=numero, anio=momento.year), anio=momento.year,
                            consecutivo=numero, dependencia=dependencia, informacion=informacion, sistema=sistema,
                            propietario=propietario, oficio=oficio, periodicidad=clave, cada_dias=dias,
                            inicio=inicio, medio=medio, ubicacion=ubicacion, notas=notas, creado_por=actor,
                            creado_en=momento, modificado_en=momento)
        _buscar(plan)
        expedientes.abrir_plan(actor, plan, momento)
        bitacora.guardar(plan, "alta de plan de respaldo", actor)
    return plan


def _buscar(plan: PlanRespaldo) -> None:
    plan.busqueda = texto_busqueda(plan.folio, plan.informacion, plan.sistema, plan.dependencia.nombre,
                                   plan.propietario.nombre, PERIODICIDADES[plan.periodicidad], plan.medio,
                                   plan.ubicacion, plan.oficio.numero_oficio)


@cambia("plan")
def cambiar_periodicidad(actor: Usuario | None, plan: PlanRespaldo, *, periodicidad: str,
                         cada_dias: int | None = None, oficio: Oficio | None = None,
                         version: int | None = None) -> PlanRespaldo:
    """El propietario propone otra periodicidad: se cambia con su nuevo oficio (política 1)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, comunes.AREA)
    v = Validador()
    clave, dias = _periodicidad(v, periodicidad, cada_dias)
    comunes.revisar_oficio(v, oficio, "El cambio de periodicidad")
    if oficio is not None and oficio.id == plan.oficio_id:
        v.error("oficio", "La nueva periodicidad se pide con un oficio nuevo del propietario, no con el del plan.")
    elif oficio is not None and oficio.procedencia_id and oficio.procedencia_id != plan.dependencia_id:
        v.error("oficio", f"El oficio es de {oficio.procedencia.nombre}; la periodicidad la propone "
                          f"{plan.dependencia.nombre}, dueña de la información.")
    if not plan.activo:
        v.error("plan", f"El plan {plan.folio} está dado de baja.")
    v.validar()
    anterior = ciclo.describir(plan.periodicidad, plan.cada_dias)
    plan.periodicidad, plan.cada_dias, plan.oficio = clave, dias, oficio
    plan.notas = (f"{plan.notas}\n" if plan.notas else "") + (
        f"{ahora():%d/%m/%Y}: periodicidad {anterior} → {ciclo.describir(clave, dias)} "
        f"(oficio {oficio.numero_oficio}).")
    _buscar(plan)
    return bitacora.guardar_versionado(plan, "cambio de periodicidad de respaldo", actor,
                                       plan.version if version is None else version)


@cambia("plan")
def dar_de_baja(actor: Usuario | None, plan: PlanRespaldo, motivo: str, version: int | None = None) -> PlanRespaldo:
    """Baja lógica del plan (ya no se respalda esa información); su trámite concluye."""
    permisos.exigir(actor, permisos.CANCELAR_TRAMITE)
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la baja", motivo, 1000, requerido=True, multilinea=True)
    v.validar()
    if not plan.activo:
        raise ErrorDTI(f"El plan {plan.folio} ya estaba dado de baja.")
    with transaccion():
        plan.activo, plan.motivo_baja, plan.baja_en, plan.baja_por = False, motivo, ahora(), actor
        expedientes.al_dar_de_baja(actor, plan, motivo)
        bitacora.guardar_versionado(plan, "baja de plan de respaldo", actor,
                                    plan.version if version is None else version)
    return plan


# --- Ejecuciones ---------------------------------------------------------------------------------

def calcular_sha256(ruta: str | Path, progreso: Callable[[int, int], None] | None = None) -> tuple[str, int]:
    """SHA-256 (hexadecimal) y tamaño en bytes de un archivo, leído por bloques de 1 MiB."""
    archivo = Path(ruta)
    try:
        total = archivo.stat().st_size
        suma = hashlib.sha256()
        leidos = 0
        with archivo.open("rb") as entrada:
            while bloque := entrada.read(BLOQUE):
                suma.update(bloque)
                leidos += len(bloque)
                if progreso is not None:
                    progreso(leidos, total)
    except IsADirectoryError:
        raise ErrorValidacion([("archivo", f"«{archivo.name}» es una carpeta; elija el archivo del respaldo.")])
    except FileNotFoundError:
        raise ErrorValidacion([("archivo", f"No se encontró el archivo «{archivo.name}».")])
    except OSError as exc:
        raise ErrorValidacion([("archivo", f"No se pudo leer «{archivo.name}»: {exc.strerror or exc}.")])
    return suma.hexdigest(), leidos


@cambia("plan")
def registrar_ejecucion(actor: Usuario | None, plan: PlanRespaldo, *, realizado_en: dt.datetime | None = None,
                        medio: str, ubicacion: str, resultado: str = EXITOSO, tamano_bytes: Any = None,
                        sha256: str = "", archivo: str | Path | None = None, notas: str = "",
                        progreso: Callable[[int, int], None] | None = None) -> EjecucionRespaldo:
    """Anota un respaldo hecho (fecha, quién, medio, tamaño, SHA-256, ubicación y resultado).

    Con ``archivo`` el SHA-256 y el tamaño se calculan del archivo (por bloques); si además se
    capturó un SHA-256, deben coincidir. Un respaldo exitoso lleva SHA-256 y tamaño; uno fallido
    o parcial lleva en ``notas`` qué pasó. Solo las ejecuciones exitosas mueven la próxima fecha.
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    permisos.exigir_area(actor, comunes.AREA)
    v = Validador()
    medio = v.texto("medio", "Medio del respaldo", medio, 100, requerido=True)
    ubicacion = v.texto("ubicacion", "Ubicación del respaldo", ubicacion, 300, requerido=True)
    notas = v.texto("notas", "Notas", notas, 5000, multilinea=True)
    resultado = limpiar_texto(resultado)
    if resultado not in RESULTADOS:
        v.error("resultado", "El resultado debe ser exitoso, parcial o fallido.")
    if not plan.activo:
        v.error("plan", f"El plan {plan.folio} está dado de baja; no se registran más respaldos.")
    momento = ahora()
    realizado_en = realizado_en or momento
    if not isinstance(realizado_en, dt.datetime):
        v.error("realizado_en", "La fecha y hora del respaldo no es válida.")
        realizado_en = momento
    realizado_en = realizado_en.replace(tzinfo=None, microsecond=0)
    if realizado_en > momento + dt.timedelta(minutes=5):
        v.error("realizado_en", f"La fecha del respaldo ({realizado_en:%d/%m/%Y %H:%M}) es posterior a ahora.")
    elif realizado_en < dt.datetime.combine(plan.creado_en.date(), dt.time()) - dt.timedelta(days=366):
        v.error("realizado_en", "La fecha del respaldo es de más de un año antes del plan.")
    suma = limpiar_texto(sha256).lower().replace(" ", "")
    if suma and not _SHA256.match(suma):
        v.error("sha256", "El SHA-256 son 64 caracteres hexadecimales (0-9, a-f).")
    tamano = None
    if tamano_bytes not in (None, ""):
        if isinstance(tamano_bytes, bool):
            v.error("tamano_bytes", "El tamaño debe ser un número de bytes.")
        else:
            tamano = v.entero("tamano_bytes", "Tamaño en bytes", tamano_bytes, 0, MAXIMO_TAMANO)
    v.validar()
    if archivo:
        calculada, medido = calcular_sha256(archivo, progreso)
        if suma and suma != calculada:
            raise ErrorValidacion([("sha256", f"El SHA-256 capturado no coincide con el del archivo ({calculada}).")])
        suma, tamano = calculada, medido
    if resultado == EXITOSO:
        if not suma:
            v.error("sha256", "Un respaldo exitoso lleva su SHA-256: elija el archivo o capture la suma.")
        if not tamano:
            v.error("tamano_bytes", "Un respaldo exitoso lleva su tamaño (mayor que cero).")
    elif not notas:
        v.error("notas", f"Un respaldo {RESULTADOS[resultado].lower()} lleva en las notas qué falló.")
    v.validar()
    with transaccion():
        ejecucion = EjecucionRespaldo(plan=plan, realizado_en=realizado_en, realizado_por=actor, medio=medio,
                                      tamano_bytes=tamano or 0, sha256=suma, ubicacion=ubicacion,
                                      resultado=resultado, notas=notas, creado_en=momento, modificado_en=momento)
        bitacora.guardar(ejecucion, f"respaldo {RESULTADOS[resultado].lower()}", actor)
        if resultado == EXITOSO:
            expedientes.al_ejecutar(actor, plan, realizado_en, ubicacion, plan.periodicidad == UNICA)
    return ejecucion


def ejecuciones(plan_id: int) -> list[dict[str, Any]]:
    """Las ejecuciones de un plan, de la más reciente a la más antigua."""
    filas = list(EjecucionRespaldo
                 .select(EjecucionRespaldo.id, EjecucionRespaldo.realizado_en, EjecucionRespaldo.medio,
                         EjecucionRespaldo.tamano_bytes, EjecucionRespaldo.sha256, EjecucionRespaldo.ubicacion,
                         EjecucionRespaldo.resultado, EjecucionRespaldo.notas, Usuario.nombre.alias("realizo"))
                 .join(Usuario, on=(EjecucionRespaldo.realizado_por == Usuario.id))
                 .where(EjecucionRespaldo.plan == plan_id)
                 .order_by(EjecucionRespaldo.realizado_en.desc(), EjecucionRespaldo.id.desc()).dicts())
    for fila in filas:
        fila["resultado_texto"] = RESULTADOS.get(fila["resultado"], fila["resultado"])
    return filas


def obtener_ejecucion(identificador: int) -> EjecucionRespaldo:
    ejecucion = EjecucionRespaldo.get_or_none(EjecucionRespaldo.id == identificador)
    if ejecucion is None:
        raise ErrorNoEncontrado(f"No existe la ejecución de respaldo {identificador}.")
    return ejecucion


# --- Calendario ----------------------------------------------------------------------------------

def calendario(busqueda: str = "", solo_vencidos: bool = False, incluir_bajas: bool = False,
               hoy: dt.date | None = None) -> list[dict[str, Any]]:
    """Cada plan con su última ejecución, su próxima fecha debida y sus días de atraso.

    Ordenado por urgencia: primero los más atrasados; los que ya no tienen fecha, al final.
    """
    hoy = hoy or hoy_mexico()
    exitosas = (EjecucionRespaldo.select(EjecucionRespaldo.plan, fn.MAX(EjecucionRespaldo.realizado_en).alias("u"))
                .where(EjecucionRespaldo.resultado == EXITOSO).group_by(EjecucionRespaldo.plan).alias("exitosas"))
    todas = (EjecucionRespaldo.select(EjecucionRespaldo.plan, fn.MAX(EjecucionRespaldo.realizado_en).alias("u"),
                                      fn.COUNT(EjecucionRespaldo.id).alias("n"))
             .group_by(EjecucionRespaldo.plan).alias("todas"))
    consulta = (PlanRespaldo
                .select(PlanRespaldo.id, PlanRespaldo.folio, PlanRespaldo.informacion, PlanRespaldo.sistema,
                        PlanRespaldo.periodicidad, PlanRespaldo.cada_dias, PlanRespaldo.inicio, PlanRespaldo.medio,
                        PlanRespaldo.ubicacion, PlanRespaldo.activo, PlanRespaldo.version,
                        PlanRespaldo.expediente.alias("expediente_id"), Dependencia.nombre.alias("dependencia"),
                        ServidorPublico.nombre.alias("propietario"), Oficio.numero_oficio.alias("oficio"),
                        exitosas.c.u.alias("ultima_exitosa"), todas.c.u.alias("ultima"),
                        fn.COALESCE(todas.c.n, 0).alias("ejecuciones"))
                .join(Dependencia, on=(PlanRespaldo.dependencia == Dependencia.id))
                .switch(PlanRespaldo).join(ServidorPublico, on=(PlanRespaldo.propietario == ServidorPublico.id))
                .switch(PlanRespaldo).join(Oficio, on=(PlanRespaldo.oficio == Oficio.id))
                .switch(PlanRespaldo).join(exitosas, JOIN.LEFT_OUTER, on=(exitosas.c.plan_id == PlanRespaldo.id))
                .switch(PlanRespaldo).join(todas, JOIN.LEFT_OUTER, on=(todas.c.plan_id == PlanRespaldo.id)))
    if not incluir_bajas:
        consulta = consulta.where(PlanRespaldo.activo == True)  # noqa: E712
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, PlanRespaldo, busqueda, por_palabras=False)
    filas = [_situacion(f, hoy) for f in consulta.order_by(PlanRespaldo.id).dicts()]
    if solo_vencidos:
        filas = [f for f in filas if f["vencido"]]
    filas.sort(key=lambda f: (f["proxima"] is None, -f["dias_atraso"], f["proxima"] or hoy, f["id"]))
    return filas


def _fecha(valor: Any) -> dt.datetime | None:
    if valor is None or isinstance(valor, dt.datetime):
        return valor
    return dt.datetime.fromisoformat(str(valor))     # SQLite devuelve el MAX() como texto


def _situacion(fila: dict[str, Any], hoy: dt.date) -> dict[str, Any]:
    fila["ultima_exitosa"], fila["ultima"] = _fecha(fila["ultima_exitosa"]), _fecha(fila["ultima"])
    ultima = fila["ultima_exitosa"].date() if fila["ultima_exitosa"] else None
    proxima = (ciclo.proxima_fecha(fila["inicio"], fila["periodicidad"], fila["cada_dias"], ultima)
               if fila["activo"] else None)
    fila["proxima"] = proxima
    fila["dias_atraso"] = ciclo.dias_de_atraso(proxima, hoy)
    fila["vencido"] = fila["dias_atraso"] > 0
    fila["periodicidad_texto"] = ciclo.describir(fila["periodicidad"], fila["cada_dias"])
    if not fila["activo"]:
        estado = "Dado de baja"
    elif proxima is None:
        estado = "Realizado (única vez)"
    elif fila["vencido"]:
        estado = f"Vencido hace {fila['dias_atraso']} día(s)"
    elif proxima == hoy:
        estado = "Toca hoy"
    else:
        estado = f"En {(proxima - hoy).days} día(s)"
    fila["estado"] = estado
    return fila


def vencidos(hoy: dt.date | None = None) -> list[dict[str, Any]]:
    """Los planes vigentes cuya próxima fecha debida ya pasó, del más atrasado al menos."""
    return calendario(solo_vencidos=True, hoy=hoy)


def vencimientos_por_tramite(tramite_ids: list[int] | set[int]) -> dict[int, dt.datetime]:
    """Para la bandeja: el fin del día debido de cada plan vigente cuyo trámite espera en el paso 3.2."""
    ids = sorted(i for i in tramite_ids if i)
    if not ids:
        return {}
    resultado: dict[int, dt.datetime] = {}
    hoy = hoy_mexico()
    for fila in calendario(hoy=hoy):
        if fila["expediente_id"] in ids and fila["proxima"] is not None:
            resultado[fila["expediente_id"]] = dt.datetime.combine(fila["proxima"], dt.time(23, 59, 59))
    return resultado


def describir_tamano(tamano: int | None) -> str:
    """«1.5 GB», «820 KB»."""
    valor = float(tamano or 0)
    for unidad in ("bytes", "KB", "MB", "GB", "TB"):
        if valor < 1024 or unidad == "TB":
            return f"{valor:,.0f} {unidad}" if unidad == "bytes" else f"{valor:,.1f} {unidad}"
        valor /= 1024
    return f"{valor:,.1f} TB"


__all__ = ["registrar_plan", "cambiar_periodicidad", "dar_de_baja", "calcular_sha256", "registrar_ejecucion",
           "ejecuciones", "calendario", "vencidos", "vencimientos_por_tramite", "obtener_plan", "obtener_ejecucion",
           "describir_tamano", "FALLIDO"]
