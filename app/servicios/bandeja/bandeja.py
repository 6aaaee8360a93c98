"""La bandeja «Pendientes»: cada paso abierto de los 21 procedimientos que le toca a alguien.

Un paso abierto es un ``PasoTramite`` sin ``fin`` de un trámite abierto, venga de la pestaña
Trámites o del módulo que lleva el caso (un ticket, un dictamen…). Lo atiende el área que dice
el manual en su responsable; un paso de fuera de la DTI («Dependencia solicitante», Armonización
Contable…) lo espera el área del procedimiento, que le da seguimiento: sale «en espera de …».

Todo se lee con un número fijo de consultas (los pasos con su trámite, dependencia y
responsable; el registro de módulo de cada caso; el calendario laboral), nunca una por fila.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from app.errores import ErrorNoEncontrado, ErrorValidacion
from app.modelos import Dependencia, PasoTramite, Tramite, Usuario, ahora
from app.servicios.nucleo import calendario_laboral, permisos
from app.servicios.nucleo.validacion import normalizar
from app.servicios.respaldos import planes as planes_respaldo
from app.servicios.tramites import procedimientos, propietarios, tramites

DEPARTAMENTO = "departamento"
MIOS = "mios"
TODOS = "todos"
ALCANCES = {MIOS: "Míos", DEPARTAMENTO: "Mi departamento", TODOS: "Todos"}

# Pieza del nombre del responsable (normalizado) → área de la DTI que atiende el paso. El orden
# importa: «Asistente de soporte» es de Soporte y solo al final se reconoce la Dirección.
_PIEZAS_AREA = (
    ("soporte", permisos.AREA_SOPORTE),
    ("sistemas", permisos.AREA_SISTEMAS),
    ("redes de transporte", permisos.AREA_REDES),
    ("red de transporte", permisos.AREA_REDES),
    ("tecnologias de la informacion", permisos.AREA_DIRECCION),
)


@dataclass(frozen=True)
class Pendiente:
    """Un paso abierto, como lo ve quien debe atenderlo."""

    paso_tramite_id: int
    tramite_id: int
    numero: str                  # número del trámite: «DTI-T-0012/2026»
    caso: str                    # qué es: «Ticket T-2026-00012» o el número del trámite
    modulo: str                  # módulo que lleva el caso («» si se lleva en Trámites)
    procedimiento: int
    procedimiento_nombre: str
    paso: str
    actividad: str
    responsable_paso: str        # el responsable como lo dice el manual
    area: str                    # área de la DTI que lo atiende (o le da seguimiento)
    en_espera_de: str            # «» o quién, fuera de la DTI, debe responder
    asunto: str
    dependencia: str
    responsable_id: int | None   # usuario responsable del trámite
    responsable: str
    inicio: dt.datetime
    antiguedad: dt.timedelta
    horas_habiles: float         # horas hábiles que lleva abierto
    vence_en: dt.datetime | None
    vencido: bool

    @property
    def clave(self) -> str:
        return f"P{self.procedimiento:02d}"

    @property
    def paso_y_actividad(self) -> str:
        texto = f"{self.paso} · {self.actividad}"
        return f"{texto} (en espera de {self.en_espera_de})" if self.en_espera_de else texto


def area_que_atiende(responsable: str, area_procedimiento: str) -> tuple[str, str]:
    """(área de la DTI que atiende el paso, de quién se espera respuesta fuera de la DTI o «»)."""
    if procedimientos.es_area_dti(responsable):
        normal = normalizar(responsable)
        for pieza, area in _PIEZAS_AREA:
            if pieza in normal:
                return area, ""
    return area_procedimiento, responsable or "otra área"


def describir_antiguedad(antiguedad: dt.timedelta) -> str:
    """«3 d 4 h», «5 h 20 min», «12 min»."""
    minutos = max(0, int(antiguedad.total_seconds() // 60))
    dias, resto = divmod(minutos, 24 * 60)
    horas, minutos = divmod(resto, 60)
    if dias:
        return f"{dias} d {horas} h"
    if horas:
        return f"{horas} h {minutos} min"
    return f"{minutos} min"


def abiertos(procedimientos_visibles: set[int] | None = None, responsable: Usuario | None = None,
             momento: dt.datetime | None = None) -> list[Pendiente]:
    """Todos los pasos abiertos (de ``procedimientos_visibles`` o de ``responsable``, si se dan).

    Ordenados por urgencia: primero lo que vence antes; al final lo que no tiene plazo.
    """
    momento = momento or ahora()
    consulta = (PasoTramite
                .select(PasoTramite.id, PasoTramite.paso, PasoTramite.actividad, PasoTramite.responsable_area,
                        PasoTramite.inicio, Tramite.id.alias("tramite_id"), Tramite.numero, Tramite.procedimiento,
                        Tramite.asunto, Tramite.modulo, Tramite.responsable.alias("responsable_id"),
                        Dependencia.nombre.alias("dependencia"), Usuario.nombre.alias("responsable"))
                .join(Tramite, on=(PasoTramite.tramite == Tramite.id))
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Tramite.dependencia == Dependencia.id))
                .join(Usuario, JOIN.LEFT_OUTER, on=(Tramite.responsable == Usuario.id), src=Tramite)
                .where(PasoTramite.fin.is_null() & (Tramite.estado == tramites.ABIERTO)))
    if procedimientos_visibles is not None:
        if not procedimientos_visibles:
            return []
        consulta = consulta.where(Tramite.procedimiento.in_(sorted(procedimientos_visibles)))
    if responsable is not None:
        consulta = consulta.where(Tramite.responsable == responsable.id)
    filas = list(consulta.order_by(PasoTramite.id).dicts())
    descripciones = propietarios.registros_de(sorted({f["tramite_id"] for f in filas}))
    calendario = calendario_laboral.calendario()
    # Un plan de respaldo espera en el paso 3.2 hasta su próxima fecha debida (procedimiento 5).
    vence_planes = planes_respaldo.vencimientos_por_tramite(
        {f["tramite_id"] for f in filas if f["modulo"] == "respaldos" and f["paso"] == "3.2"})
    resultado = []
    for fila in filas:
        try:
            definicion = procedimientos.obtener(fila["procedimiento"])
            paso = definicion.paso(fila["paso"])
        except ErrorNoEncontrado:
            continue        # un procedimiento o paso que ya no está en los JSON: no se adivina su plazo
        area, espera = area_que_atiende(fila["responsable_area"] or paso.responsable, definicion.area)
        vence = vence_planes.get(fila["tramite_id"]) or tramites.vencimiento(fila["inicio"], paso, calendario)
        resultado.append(Pendiente(
            paso_tramite_id=fila["id"], tramite_id=fila["tramite_id"], numero=fila["numero"],
            caso=descripciones.get(fila["tramite_id"], fila["numero"]), modulo=fila["modulo"] or "",
            procedimiento=definicion.numero, procedimiento_nombre=definicion.nombre, paso=fila["paso"],
            actividad=fila["actividad"], responsable_paso=fila["responsable_area"] or paso.responsable,
            area=area, en_espera_de=espera, asunto=fila["asunto"], dependencia=fila["dependencia"] or "",
            responsable_id=fila["responsable_id"], responsable=fila["responsable"] or "",
            inicio=fila["inicio"], antiguedad=max(dt.timedelta(0), momento - fila["inicio"]),
            horas_habiles=max(0.0, calendario.horas_habiles_entre(fila["inicio"], momento)),
            vence_en=vence, vencido=vence is not None and vence < momento))
    resultado.sort(key=lambda p: (p.vence_en is None, p.vence_en or p.inicio, p.inicio, p.paso_tramite_id))
    return resultado


def areas_de(usuario: Usuario) -> frozenset[str]:
    """Las áreas del manual que atiende el rol de ``usuario``."""
    return permisos.AREAS_TRAMITE.get(usuario.rol, frozenset())


def pendientes(usuario: Usuario, alcance: str = DEPARTAMENTO, solo_vencidos: bool = False) -> list[Pendiente]:
    """Los pasos abiertos que ``usuario`` debe ver en su bandeja.

    * ``departamento``: los de los procedimientos que su rol mueve, cuyo paso atiende un área de su
      rol (un paso externo lo espera el área del procedimiento).
    * ``mios``: los de los trámites de los que ``usuario`` es responsable.
    * ``todos``: todos los pasos abiertos de la DTI (solo consulta).
    """
    permisos.exigir(usuario, permisos.VER)
    if alcance not in ALCANCES:
        raise ErrorValidacion([("alcance", f"Alcance desconocido: «{alcance}» (mios, departamento o todos).")])
    if alcance == TODOS:
        lista = abiertos()
    elif alcance == MIOS:
        lista = abiertos(responsable=usuario)
    else:
        areas = areas_de(usuario)
        visibles = {d.numero for d in procedimientos.todos() if d.area in areas}
        lista = [p for p in abiertos(visibles) if p.area in areas]
    return [p for p in lista if p.vencido] if solo_vencidos else lista


def filtrar(lista: list[Pendiente], texto: str) -> list[Pendiente]:
    """Los pendientes cuyo caso, número, asunto, procedimiento, paso o dependencia contienen ``texto``."""
    buscado = normalizar(texto or "").strip()
    if not buscado:
        return list(lista)
    return [p for p in lista if buscado in normalizar(" ".join((
        p.caso, p.numero, p.asunto, p.clave, p.procedimiento_nombre, p.paso_y_actividad, p.dependencia,
        p.responsable)))]
