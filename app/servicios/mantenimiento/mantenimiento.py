"""Mantenimientos de los procedimientos 7, 8 y 12 del manual.

- 7: servidores, redes de voz, datos y video (preventivo con plan recurrente o correctivo;
  el correctivo tiene prioridad y desplaza al preventivo del mismo equipo y día).
- 8: mantenimiento y actualización de servidores de datos, fuera del horario laboral salvo
  autorización del director; todo queda en la bitácora del servidor.
- 12: sistemas informáticos, con fecha acordada con el titular del área.

Todos siguen el mismo ciclo: programado → realizado (por verificar) → verificado correcto
(concluido) o con fallas (ajustes → nueva verificación). Cada movimiento queda en el
historial del mantenimiento y en la bitácora general.

Cada mantenimiento es un caso de su procedimiento: al programarlo se abre su trámite en la
misma transacción y cada acción lo lleva por los pasos del manual (el mapeo estado → paso
está en :mod:`app.servicios.mantenimiento.expedientes`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.modelos import (Bien, Dependencia, Dispositivo, EventoMantenimiento, Mantenimiento, Oficio,
                         PlanPreventivo, Usuario, ahora)
from app.servicios.nucleo import bitacora, calendario_laboral, folios, permisos
from app.servicios.tramites import procedimientos
from app.servicios.mantenimiento import expedientes, recurrencia, servidores
from app.servicios.mantenimiento.estados import (ACTIVOS, CANCELADO, CLASES, CONCLUIDO, CORRECTIVO, EN_AJUSTES,
                                                 ESTADOS, POR_VERIFICAR, PREVENTIVO, PROCEDIMIENTOS, PROGRAMADO,
                                                 SERVIDORES_DATOS, SERVIDORES_REDES, SISTEMAS, dependencias_de,
                                                 ids_dependencias, requiere_aviso)
from app.errores import ErrorNoEncontrado, ErrorPermiso, ErrorTransicion, ErrorValidacion
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.servicios.nucleo.concurrencia import cambia, crea

SERIE = "mantenimiento"

AREA = {SERVIDORES_REDES: permisos.AREA_SOPORTE, SERVIDORES_DATOS: permisos.AREA_SOPORTE,
        SISTEMAS: permisos.AREA_SISTEMAS}

TIPOS_DISPOSITIVO: dict[str, str] = {
    "servidor": "Servidor",
    "servidor_datos": "Servidor de datos",
    "switch": "Switch o red de datos",
    "conmutador": "Conmutador de voz",
    "video": "Grabador de video (DVR/NVR)",
    "enlace": "Enlace de comunicaciones",
    "sistema": "Sistema informático",
}
# Qué equipos atiende cada procedimiento.
TIPOS_POR_PROCEDIMIENTO: dict[int, tuple[str, ...]] = {
    SERVIDORES_REDES: ("servidor", "servidor_datos", "switch", "conmutador", "video", "enlace"),
    SERVIDORES_DATOS: ("servidor_datos",),
    SISTEMAS: ("sistema",),
}

# Categorías del calendario (cada una con su color en la vista).
CATEGORIAS = {"preventivo": "Preventivo", "correctivo": "Correctivo",
              "datos": "Servidores de datos", "sistemas": "Sistemas informáticos"}

# Pasos del manual que corresponden a cada estado: (verificación, ajustes, final).
PASOS = {SERVIDORES_REDES: ("7", "7.1", "8"), SERVIDORES_DATOS: ("4", "4.1", "7"), SISTEMAS: ("5", "5.1", "6")}

DURACION_MAXIMA_MIN = 7 * 24 * 60
_DIAS_BUSCAR_HUECO = 120


# --- Utilidades -----------------------------------------------------------------------------------

def _texto_ids(dependencias: list[Dependencia]) -> str:
    return ";".join(str(d.id) for d in dependencias)


def tipo_en_frase(tipo: str) -> str:
    """El tipo para usarse a media frase: «grabador de video (DVR/NVR)» (solo la inicial en minúscula)."""
    texto = TIPOS_DISPOSITIVO.get(tipo, tipo)
    return texto[:1].lower() + texto[1:]


def categoria(procedimiento: int, clase: str) -> str:
    """Categoría del calendario: «datos», «sistemas», o la clase (preventivo/correctivo) del 7."""
    if procedimiento == SERVIDORES_DATOS:
        return "datos"
    if procedimiento == SISTEMAS:
        return "sistemas"
    return clase


def _exigir_area(actor: Usuario | None, procedimiento: int) -> None:
    permisos.exigir_area(actor, AREA[procedimiento])


def anotar_evento(actor: Usuario | None, mantenimiento: Mantenimiento, tipo: str, nota: str) -> None:
    evento = EventoMantenimiento.create(mantenimiento=mantenimiento, momento=ahora(), usuario=actor,
                                        tipo=tipo, nota=nota)
    bitacora.registrar(evento, f"mantenimiento: {tipo}", actor)
    if servidores.es_servidor(mantenimiento.dispositivo):
        servidores.anotar(actor, mantenimiento.dispositivo, tipo, nota, mantenimiento)


def guardar_cambio(actor: Usuario | None, mantenimiento: Mantenimiento, accion: str) -> None:
    mantenimiento.modificado_en = ahora()
    if mantenimiento.id is not None:
        mantenimiento.version += 1
    mantenimiento.busqueda = texto_busqueda(
        mantenimiento.numero, mantenimiento.dispositivo.nombre, CLASES[mantenimiento.clase],
        PROCEDIMIENTOS[mantenimiento.procedimiento], mantenimiento.descripcion[:1000], mantenimiento.acordado_con,
        " ".join(d.nombre for d in dependencias_de(mantenimiento.dependencias)))
    mantenimiento.save()
    bitacora.registrar(mantenimiento, accion, actor)


def _version(mantenimiento: Mantenimiento, version_leida: int | None) -> None:
    if version_leida is None:
        return
    actual = Mantenimiento.select(Mantenimiento.version).where(Mantenimiento.id == mantenimiento.id).scalar()
    if actual != version_leida:
        from app.errores import ErrorConflicto

        raise ErrorConflicto("Otro usuario modificó este mantenimiento mientras usted lo veía. "
                             "Vuelva a abrirlo para ver los cambios.")


def _momento(fecha_hora: dt.datetime) -> str:
    return f"{fecha_hora:%d/%m/%Y %H:%M}"


# --- Equipos y sistemas -------------------------------------------------------------------------

@cambia("dispositivo")
def guardar_dispositivo(actor: Usuario | None, nombre: str, tipo: str, *, ubicacion: str = "",
                        dependencias: list[Dependencia] | tuple[Dependencia, ...] = (),
                        numero_inventario: str = "", descripcion: str = "",
                        dispositivo: Dispositivo | None = None, version: int | None = None) -> Dispositivo:
    """Da de alta (o modifica) un equipo o sistema con mantenimiento.

    ``numero_inventario`` liga el equipo a un bien del inventario (vacío: sin liga).
    """
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    nombre = v.texto("nombre", "Nombre del equipo o sistema", nombre, 150, requerido=True)
    ubicacion = v.texto("ubicacion", "Ubicación", ubicacion, 200)
    descripcion = v.texto("descripcion", "Descripción", descripcion, 5000, multilinea=True)
    numero_inventario = v.texto("numero_inventario", "Número de inventario", numero_inventario, 40)
    if tipo not in TIPOS_DISPOSITIVO:
        v.error("tipo", "Elija el tipo de equipo o sistema.")
    bien = None
    if numero_inventario:
        bien = Bien.get_or_none(Bien.numero_inventario == numero_inventario.upper()) \
            or Bien.get_or_none(Bien.numero_inventario == numero_inventario)
        if bien is None:
            v.error("numero_inventario", f"No existe el bien con número de inventario «{numero_inventario}».")
    if nombre:
        repetido = Dispositivo.select().where(Dispositivo.nombre == nombre)
        if dispositivo is not None:
            repetido = repetido.where(Dispositivo.id != dispositivo.id)
        if repetido.exists():
            v.error("nombre", f"Ya existe un equipo o sistema llamado «{nombre}».")
    v.validar()
    registro = dispositivo or Dispositivo()
    registro.nombre, registro.tipo, registro.ubicacion = nombre, tipo, ubicacion
    registro.bien, registro.descripcion = bien, descripcion
    registro.dependencias = _texto_ids(list(dependencias))
    registro.busqueda = texto_busqueda(nombre, TIPOS_DISPOSITIVO[tipo], ubicacion,
                                       bien.numero_inventario if bien else "", descripcion[:500])
    accion = "alta de equipo para mantenimiento" if dispositivo is None else "cambio de equipo para mantenimiento"
    return bitacora.guardar_versionado(registro, accion, actor, version if dispositivo else None)


@cambia("dispositivo")
def cambiar_activo_dispositivo(actor: Usuario | None, dispositivo: Dispositivo, activo: bool,
                               version: int | None = None) -> Dispositivo:
    """Baja (o reactivación) lógica de un equipo: deja de ofrecerse al programar."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    dispositivo.activo = activo
    accion = "reactivación de equipo" if activo else "baja de equipo para mantenimiento"
    return bitacora.guardar_versionado(dispositivo, accion, actor, version)


def dispositivos(activos: bool = True, tipos: tuple[str, ...] | None = None,
                 busqueda: str = "") -> list[Dispositivo]:
    consulta = Dispositivo.select()
    if activos:
        consulta = consulta.where(Dispositivo.activo == True)  # noqa: E712 - expresión SQL
    if tipos:
        consulta = consulta.where(Dispositivo.tipo.in_(tipos))
    consulta = busqueda_indexada.donde(consulta, Dispositivo, busqueda)
    return list(consulta.order_by(Dispositivo.nombre))


def dispositivo_por_nombre(nombre: str) -> Dispositivo:
    buscado = normalizar(limpiar_texto(nombre))
    for registro in Dispositivo.select():
        if normalizar(registro.nombre) == buscado:
            return registro
    raise ErrorNoEncontrado(f"No existe el equipo o sistema «{nombre}».")


def obtener_dispositivo(identificador: int) -> Dispositivo:
    registro = Dispositivo.get_or_none(Dispositivo.id == identificador)
    if registro is None:
        raise ErrorNoEncontrado(f"No existe el equipo {identificador}.")
    return registro


# --- Planes preventivos ---------------------------------------------------------------------------

def _hora(v: Validador, valor: dt.time | str) -> dt.time | None:
    if isinstance(valor, dt.time):
        return valor.replace(second=0, microsecond=0)
    try:
        return dt.time.fromisoformat(limpiar_texto(valor))
    except ValueError:
        v.error("hora", "La hora debe escribirse como 21:30.")
        return None


@cambia("plan")
def guardar_plan(actor: Usuario | None, dispositivo: Dispositivo, cada: int, unidad: str, inicio: dt.date,
                 hora: dt.time | str, *, duracion_min: int = 120, actividades: str = "",
                 hasta: dt.date | None = None, plan: PlanPreventivo | None = None,
                 version: int | None = None) -> PlanPreventivo:
    """Crea (o cambia) el plan preventivo recurrente de un equipo: cada ``cada`` ``unidad`` desde ``inicio``."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    if unidad not in recurrencia.UNIDADES:
        v.error("unidad", "Elija si la recurrencia es en días, semanas o meses.")
    else:
        cada = v.entero("cada", "Cada cuánto", cada, 1, recurrencia.MAXIMO_CADA[unidad])
    hora_valida = _hora(v, hora)
    duracion_min = v.entero("duracion", "Duración (minutos)", duracion_min, 15, DURACION_MAXIMA_MIN)
    actividades = v.texto("actividades", "Actividades del mantenimiento", actividades, 5000, multilinea=True)
    if not isinstance(inicio, dt.date):
        v.error("inicio", "Falta la fecha del primer mantenimiento.")
    elif hasta is not None and hasta < inicio:
        v.error("hasta", "La vigencia del plan termina antes de su primera fecha.")
    v.validar()
    if dispositivo.tipo == "servidor_datos":
        _exigir_plan_fuera_de_horario(hora_valida, duracion_min)
    registro = plan or PlanPreventivo(creado_por=actor)
    registro.dispositivo, registro.cada, registro.unidad = dispositivo, cada, unidad
    registro.inicio, registro.hora, registro.hasta = inicio, f"{hora_valida:%H:%M}", hasta
    registro.duracion_min, registro.actividades = duracion_min, actividades
    accion = "alta de plan preventivo" if plan is None else "cambio de plan preventivo"
    return bitacora.guardar_versionado(registro, accion, actor, version if plan else None)


def _exigir_plan_fuera_de_horario(hora: dt.time, duracion_min: int) -> None:
    """Un plan de servidor de datos no puede caer en horario laboral un día hábil (procedimiento 8)."""
    horario = calendario_laboral.horario()
    base = dt.date(2000, 1, 3)      # un lunes cualquiera: solo importan las horas
    inicio = dt.datetime.combine(base, hora)
    fin = inicio + dt.timedelta(minutes=duracion_min)
    abre, cierra = dt.datetime.combine(base, horario.hora_inicio), dt.datetime.combine(base, horario.hora_fin)
    dias = range((fin.date() - base).days + 1)
    if any(inicio < cierra + dt.timedelta(days=k) and fin > abre + dt.timedelta(days=k) for k in dias):
        raise ErrorValidacion([("hora", f"De las {inicio:%H:%M} a las {fin:%H:%M} se cruza el horario laboral "
                                        f"({servidores.describir_horario(horario)}): el mantenimiento de "
                                        "servidores de datos se programa fuera de él.")])


@cambia("plan")
def cambiar_activo_plan(actor: Usuario | None, plan: PlanPreventivo, activo: bool,
                        version: int | None = None) -> PlanPreventivo:
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    plan.activo = activo
    return bitacora.guardar_versionado(plan, "reactivación de plan preventivo" if activo
                                       else "baja de plan preventivo", actor, version)


def planes(dispositivo: Dispositivo | None = None, activos: bool = True) -> list[PlanPreventivo]:
    consulta = PlanPreventivo.select(PlanPreventivo, Dispositivo).join(Dispositivo)
    if dispositivo is not None:
        consulta = consulta.where(PlanPreventivo.dispositivo == dispositivo)
    if activos:
        consulta = consulta.where(PlanPreventivo.activo == True)  # noqa: E712
    return list(consulta.order_by(Dispositivo.nombre, PlanPreventivo.id))


def obtener_plan(identificador: int) -> PlanPreventivo:
    registro = PlanPreventivo.get_or_none(PlanPreventivo.id == identificador)
    if registro is None:
        raise ErrorNoEncontrado(f"No existe el plan preventivo {identificador}.")
    return registro


def proximas_fechas(plan: PlanPreventivo, cantidad: int = 6, desde: dt.date | None = None) -> list[dt.date]:
    """Las siguientes ``cantidad`` fechas del plan a partir de ``desde`` (hoy por omisión)."""
    return recurrencia.fechas(plan.inicio, plan.cada, plan.unidad, desde=desde or ahora().date(),
                              cantidad=cantidad, fin_plan=plan.hasta)


def procedimiento_del_plan(plan: PlanPreventivo) -> int:
    """Los servidores de datos van por el procedimiento 8, los sistemas por el 12 y lo demás por el 7."""
    tipo = plan.dispositivo.tipo
    if tipo == "servidor_datos":
        return SERVIDORES_DATOS
    if tipo == "sistema":
        return SISTEMAS
    return SERVIDORES_REDES


def generar_preventivos(actor: Usuario | None, hasta: dt.date, plan: PlanPreventivo | None = None,
                        desde: dt.date | None = None) -> list[Mantenimiento]:
    """Crea los mantenimientos preventivos que los planes activos piden hasta ``hasta``.

    No repite las fechas ya generadas (aunque se hayan reprogramado o cancelado). Las
    fechas anteriores a ``desde`` (hoy por omisión) no se generan.
    """
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    desde = desde or ahora().date()
    creados: list[Mantenimiento] = []
    with transaccion():
        lista = [plan] if plan is not None else planes()
        for registro in lista:
            if not registro.activo or not registro.dispositivo.activo:
                continue
            procedimiento = procedimiento_del_plan(registro)
            if plan is None and actor is not None \
                    and AREA[procedimiento] not in permisos.AREAS_TRAMITE.get(actor.rol, frozenset()):
                continue          # los planes de otra área los genera esa área
            _exigir_area(actor, procedimiento)
            ya = {f for (f,) in Mantenimiento.select(Mantenimiento.fecha_plan)
                  .where(Mantenimiento.plan == registro).tuples()}
            hora = dt.time.fromisoformat(registro.hora)
            for fecha in recurrencia.fechas(registro.inicio, registro.cada, registro.unidad, desde=desde,
                                            hasta=hasta, fin_plan=registro.hasta):
                if fecha in ya:
                    continue
                creados.append(_crear(
                    actor, dispositivo=registro.dispositivo, inicio=dt.datetime.combine(fecha, hora),
                    duracion_min=registro.duracion_min, procedimiento=procedimiento, clase=PREVENTIVO,
                    descripcion=registro.actividades or f"Mantenimiento preventivo según el plan "
                                                        f"({recurrencia.describir(registro.cada, registro.unidad).lower()})",
                    dependencias=dependencias_de(registro.dispositivo.dependencias), acordado_con="",
                    autorizar_motivo="", plan=registro, fecha_plan=fecha, validar_horario=False))
    return creados


# --- Programar ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Choque:
    """Un preventivo que el correctivo desplazó."""

    mantenimiento: Mantenimiento
    antes: dt.datetime
    despues: dt.datetime


def _validar_programacion(actor: Usuario | None, dispositivo: Dispositivo, inicio: Any, duracion_min: Any,
                          procedimiento: int, clase: str, descripcion: str, dependencias: list[Dependencia],
                          acordado_con: str, autorizar_motivo: str,
                          validar_horario: bool = True, desde_plan: bool = False) -> tuple[str, str, str, int]:
    v = Validador()
    if procedimiento not in PROCEDIMIENTOS:
        v.error("procedimiento", "El mantenimiento es del procedimiento 7, 8 o 12.")
        v.validar()
    if clase not in CLASES:
        v.error("clase", "Elija si el mantenimiento es preventivo o correctivo.")
    descripcion = v.texto("descripcion", "Descripción del trabajo", descripcion, 5000, multilinea=True)
    acordado_con = v.texto("acordado_con", "Acordado con", acordado_con, 300)
    autorizar_motivo = v.texto("autorizacion", "Motivo de la autorización", autorizar_motivo, 2000,
                               multilinea=True)
    duracion = v.entero("duracion", "Duración (minutos)", duracion_min, 15, DURACION_MAXIMA_MIN)
    if not isinstance(inicio, dt.datetime):
        v.error("inicio", "Falta la fecha y hora del mantenimiento.")
    if dispositivo is None:
        v.error("dispositivo", "Elija el equipo o sistema.")
    elif dispositivo.tipo not in TIPOS_POR_PROCEDIMIENTO[procedimiento]:
        permitidos = ", ".join(tipo_en_frase(t) for t in TIPOS_POR_PROCEDIMIENTO[procedimiento])
        v.error("dispositivo", f"«{dispositivo.nombre}» ({tipo_en_frase(dispositivo.tipo)}) no "
                               f"corresponde al procedimiento {procedimiento}, que atiende: {permitidos}.")
    elif not dispositivo.activo:
        v.error("dispositivo", f"«{dispositivo.nombre}» está dado de baja.")
    if procedimiento == SERVIDORES_DATOS and not dependencias:
        v.error("dependencias", "El mantenimiento de un servidor de datos se calendariza con las áreas que "
                                "lo usan: elija al menos una dependencia.")
    # Lo que genera un plan es la propuesta (3.1 del 12): la fecha se acuerda después con el titular.
    if procedimiento == SISTEMAS and not acordado_con and not desde_plan:
        v.error("acordado_con", "Anote con qué titular del área se acordó la fecha (paso 4 del procedimiento 12).")
    v.validar()
    if procedimiento == SERVIDORES_DATOS and validar_horario:
        fin = inicio + dt.timedelta(minutes=duracion)
        razon = servidores.razon_horario_laboral(inicio, fin)
        if razon and not autorizar_motivo:
            if actor is not None and actor.rol == permisos.DIRECTOR:
                razon += " Como director puede autorizarlo anotando el motivo."
            else:
                razon += " Solo el director puede autorizar una excepción."
            raise ErrorValidacion([("inicio", razon)])
        if razon is None:
            autorizar_motivo = ""
        elif actor is not None and actor.rol != permisos.DIRECTOR:
            raise ErrorPermiso("Solo el director puede autorizar un mantenimiento de servidor de datos "
                               "dentro del horario laboral.")
    else:
        autorizar_motivo = ""
    return descripcion, acordado_con, autorizar_motivo, duracion


def _crear(actor: Usuario | None, *, dispositivo: Dispositivo, inicio: dt.datetime, duracion_min: int,
           procedimiento: int, clase: str, descripcion: str, dependencias: list[Dependencia],
           acordado_con: str, autorizar_motivo: str, plan: PlanPreventivo | None = None,
           fecha_plan: dt.date | None = None, validar_horario: bool = True,
           oficio_entrada: Oficio | None = None) -> Mantenimiento:
    desde_plan = plan is not None
    descripcion, acordado_con, autorizar_motivo, duracion = _validar_programacion(
        actor, dispositivo, inicio, duracion_min, procedimiento, clase, descripcion, dependencias,
        acordado_con, autorizar_motivo, validar_horario, desde_plan)
    inicio = inicio.replace(second=0, microsecond=0, tzinfo=None)
    with transaccion():
        momento = ahora()
        numero = folios.siguiente_consecutivo(SERIE, momento.year)
        registro = Mantenimiento(
            numero=f"MTO-{momento.year}-{numero:04d}", anio=momento.year, consecutivo=numero,
            procedimiento=procedimiento, clase=clase, dispositivo=dispositivo, plan=plan, fecha_plan=fecha_plan,
            inicio=inicio, fin=inicio + dt.timedelta(minutes=duracion), descripcion=descripcion,
            dependencias=_texto_ids(dependencias), acordado_con=acordado_con, estado=PROGRAMADO,
            creado_por=actor, creado_en=momento)
        if autorizar_motivo:
            registro.autorizado_por, registro.autorizado_en = actor, momento
            registro.motivo_autorizacion = autorizar_motivo
        nota = f"{CLASES[clase]} programado para el {_momento(inicio)} ({duracion} min)."
        if acordado_con:
            nota += f" Fecha acordada con: {acordado_con}."
        registro.expediente = expedientes.abrir(actor, registro, oficio_entrada=oficio_entrada, momento=momento,
                                                nota=nota)
        guardar_cambio(actor, registro, "programación de mantenimiento")
        anotar_evento(actor, registro, servidores.PROGRAMACION, nota + (f" {descripcion}" if descripcion else ""))
        if autorizar_motivo:
            anotar_evento(actor, registro, servidores.AUTORIZACION,
                    f"El director autorizó hacerlo dentro del horario laboral. Motivo: {autorizar_motivo}")
        registro.desplazados = _resolver_choques(actor, registro)
    return registro


@crea
def programar(actor: Usuario | None, *, dispositivo: Dispositivo, inicio: dt.datetime, duracion_min: int,
              procedimiento: int, clase: str, descripcion: str = "",
              dependencias: list[Dependencia] | None = None, acordado_con: str = "",
              autorizar_motivo: str = "", oficio_entrada: Oficio | None = None) -> Mantenimiento:
    """Programa un mantenimiento del procedimiento 7, 8 o 12.

    - ``dependencias`` afectadas (por omisión, las que usan el equipo).
    - Procedimiento 8: fuera del horario laboral; dentro de él se rechaza con la razón, salvo que
      el director lo autorice con ``autorizar_motivo`` (queda registrado).
    - Procedimiento 12: ``acordado_con`` es el titular con quien se acordó la fecha.
    - Un correctivo desplaza a los preventivos del mismo equipo ese día (y queda anotado en ellos);
      el registro devuelto trae en ``desplazados`` la lista de :class:`Choque` (vacía si no hubo).
    - ``oficio_entrada``: el oficio recibido que pidió el mantenimiento (queda en su trámite).

    En la misma transacción abre su trámite, ya en el paso que le toca (ver ``expedientes``).
    """
    permisos.exigir(actor, permisos.ABRIR_TRAMITE)
    if procedimiento in AREA:
        _exigir_area(actor, procedimiento)
    if dependencias is None:
        dependencias = dependencias_de(dispositivo.dependencias) if dispositivo is not None else []
    return _crear(actor, dispositivo=dispositivo, inicio=inicio, duracion_min=duracion_min,
                  procedimiento=procedimiento, clase=clase, descripcion=descripcion,
                  dependencias=list(dependencias), acordado_con=acordado_con, autorizar_motivo=autorizar_motivo,
                  oficio_entrada=oficio_entrada)


def _ocupados(dispositivo: Dispositivo, excepto: int | None) -> set[dt.date]:
    consulta = (Mantenimiento.select(Mantenimiento.inicio)
                .where((Mantenimiento.dispositivo == dispositivo) & Mantenimiento.estado.in_(ACTIVOS)))
    if excepto is not None:
        consulta = consulta.where(Mantenimiento.id != excepto)
    return {inicio.date() for (inicio,) in consulta.tuples()}


def _dia_libre(dispositivo: Dispositivo, despues_de: dt.date, excepto: int | None) -> dt.date:
    """El primer día hábil después de ``despues_de`` sin otro mantenimiento del equipo."""
    calendario = calendario_laboral.calendario()
    ocupados = _ocupados(dispositivo, excepto)
    fecha = despues_de
    for _ in range(_DIAS_BUSCAR_HUECO):
        fecha += dt.timedelta(days=1)
        if calendario.es_dia_habil(fecha) and fecha not in ocupados:
            return fecha
    return despues_de + dt.timedelta(days=1)


def _desplazar(actor: Usuario | None, preventivo: Mantenimiento, correctivo: Mantenimiento) -> Choque:
    antes = preventivo.inicio
    fecha = _dia_libre(preventivo.dispositivo, correctivo.inicio.date(), preventivo.id)
    duracion = preventivo.fin - preventivo.inicio
    preventivo.inicio = dt.datetime.combine(fecha, antes.time())
    preventivo.fin = preventivo.inicio + duracion
    preventivo.reprogramado_desde = preventivo.reprogramado_desde or antes
    nota = (f"Reprogramado del {_momento(antes)} al {_momento(preventivo.inicio)}: el mantenimiento correctivo "
            f"{correctivo.numero} tiene prioridad (política del procedimiento {correctivo.procedimiento}).")
    if preventivo.aviso_vigente:
        nota += " Hay que avisar la nueva fecha a las dependencias afectadas."
    preventivo.nota_reprogramacion = nota
    preventivo.aviso_vigente = False
    guardar_cambio(actor, preventivo, "reprogramación de mantenimiento")
    anotar_evento(actor, preventivo, servidores.REPROGRAMACION, nota)
    return Choque(preventivo, antes, preventivo.inicio)


def _resolver_choques(actor: Usuario | None, registro: Mantenimiento) -> list[Choque]:
    """El correctivo tiene prioridad: los preventivos del mismo equipo y día se reprograman."""
    mismo_dia = ((Mantenimiento.dispositivo == registro.dispositivo) & Mantenimiento.estado.in_((PROGRAMADO,))
                 & (Mantenimiento.id != registro.id)
                 & (Mantenimiento.inicio >= dt.datetime.combine(registro.inicio.date(), dt.time.min))
                 & (Mantenimiento.inicio < dt.datetime.combine(registro.inicio.date() + dt.timedelta(days=1),
                                                               dt.time.min)))
    if registro.clase == CORRECTIVO:
        desplazados = Mantenimiento.select().where(mismo_dia & (Mantenimiento.clase == PREVENTIVO))
        return [_desplazar(actor, p, registro) for p in list(desplazados)]
    correctivo = (Mantenimiento.select().where(mismo_dia & (Mantenimiento.clase == CORRECTIVO))
                  .order_by(Mantenimiento.id).first())
    return [_desplazar(actor, registro, correctivo)] if correctivo is not None else []


@cambia("mantenimiento")
def reprogramar(actor: Usuario | None, mantenimiento: Mantenimiento, inicio: dt.datetime, motivo: str,
                duracion_min: int | None = None, autorizar_motivo: str = "",
                version: int | None = None) -> Mantenimiento:
    """Cambia la fecha de un mantenimiento programado (con motivo); el aviso anterior deja de valer."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    _exigir_area(actor, mantenimiento.procedimiento)
    if mantenimiento.estado != PROGRAMADO:
        raise ErrorTransicion(f"Solo se reprograma un mantenimiento programado; el {mantenimiento.numero} está "
                              f"«{ESTADOS[mantenimiento.estado].lower()}».")
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la reprogramación", motivo, 2000, requerido=True, multilinea=True)
    v.validar()
    duracion = duracion_min if duracion_min is not None else int(
        (mantenimiento.fin - mantenimiento.inicio).total_seconds() // 60)
    _, _, autorizar_motivo, duracion = _validar_programacion(
        actor, mantenimiento.dispositivo, inicio, duracion, mantenimiento.procedimiento, mantenimiento.clase,
        mantenimiento.descripcion, dependencias_de(mantenimiento.dependencias), mantenimiento.acordado_con,
        autorizar_motivo)
    with transaccion():
        _version(mantenimiento, version)
        antes = mantenimiento.inicio
        mantenimiento.inicio = inicio.replace(second=0, microsecond=0, tzinfo=None)
        mantenimiento.fin = mantenimiento.inicio + dt.timedelta(minutes=duracion)
        mantenimiento.reprogramado_desde = mantenimiento.reprogramado_desde or antes
        mantenimiento.nota_reprogramacion = (f"Reprogramado del {_momento(antes)} al "
                                             f"{_momento(mantenimiento.inicio)}. Motivo: {motivo}")
        mantenimiento.aviso_vigente = False
        if autorizar_motivo:
            mantenimiento.autorizado_por, mantenimiento.autorizado_en = actor, ahora()
            mantenimiento.motivo_autorizacion = autorizar_motivo
        guardar_cambio(actor, mantenimiento, "reprogramación de mantenimiento")
        anotar_evento(actor, mantenimiento, servidores.REPROGRAMACION, mantenimiento.nota_reprogramacion)
        if autorizar_motivo:
            anotar_evento(actor, mantenimiento, servidores.AUTORIZACION,
                    f"El director autorizó hacerlo dentro del horario laboral. Motivo: {autorizar_motivo}")
        _resolver_choques(actor, mantenimiento)
    return mantenimiento


# --- Realización, verificación y ajustes ---------------------------------------------------------

def _exigir_estado(mantenimiento: Mantenimiento, estado: str, que: str) -> None:
    if mantenimiento.estado != estado:
        raise ErrorTransicion(f"No se puede {que}: el mantenimiento {mantenimiento.numero} está "
                              f"«{ESTADOS[mantenimiento.estado].lower()}» (debe estar "
                              f"«{ESTADOS[estado].lower()}»).")


@cambia("mantenimiento")
def acordar_fecha(actor: Usuario | None, mantenimiento: Mantenimiento, acordado_con: str,
                  version: int | None = None) -> Mantenimiento:
    """Anota con qué titular se acordó la fecha (paso 4 del procedimiento 12; también sirve en el 7 y el 8)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    _exigir_area(actor, mantenimiento.procedimiento)
    _exigir_estado(mantenimiento, PROGRAMADO, "acordar la fecha")
    v = Validador()
    acordado_con = v.texto("acordado_con", "Acordado con", acordado_con, 300, requerido=True)
    v.validar()
    with transaccion():
        _version(mantenimiento, version)
        mantenimiento.acordado_con = acordado_con
        guardar_cambio(actor, mantenimiento, "fecha de mantenimiento acordada")
        anotar_evento(actor, mantenimiento, servidores.ACUERDO,
                      f"Fecha del {_momento(mantenimiento.inicio)} acordada con {acordado_con}.")
    return mantenimiento


@cambia("mantenimiento")
def registrar_realizacion(actor: Usuario | None, mantenimiento: Mantenimiento, nota: str = "",
                          version: int | None = None) -> Mantenimiento:
    """El trabajo se hizo; queda por verificar (pasos 3/6 del 7, 3 del 8, 3.2/4 del 12)."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    _exigir_area(actor, mantenimiento.procedimiento)
    _exigir_estado(mantenimiento, PROGRAMADO, "registrar que se realizó")
    if mantenimiento.procedimiento == SISTEMAS and not mantenimiento.acordado_con:
        raise ErrorTransicion("Antes de realizarlo, anote con qué titular del área se acordó la fecha "
                              "(paso 4 del procedimiento 12).")
    if requiere_aviso(mantenimiento) and not mantenimiento.aviso_vigente:
        paso = "paso 5 del procedimiento 7" if mantenimiento.procedimiento == SERVIDORES_REDES \
            else "política del procedimiento 12: el sistema no estará disponible"
        raise ErrorTransicion(f"Antes de realizarlo, avise por oficio la fecha a las dependencias afectadas "
                              f"({paso}).")
    v = Validador()
    nota = v.texto("nota", "Lo que se hizo", nota, 5000, multilinea=True)
    v.validar()
    with transaccion():
        _version(mantenimiento, version)
        mantenimiento.estado = POR_VERIFICAR
        guardar_cambio(actor, mantenimiento, "mantenimiento realizado")
        anotar_evento(actor, mantenimiento, servidores.REALIZACION, nota or "Se realizó el mantenimiento.")
        expedientes.al_realizar(actor, mantenimiento, nota)
    return mantenimiento


@cambia("mantenimiento")
def registrar_verificacion(actor: Usuario | None, mantenimiento: Mantenimiento, correcto: bool, nota: str = "",
                           version: int | None = None) -> Mantenimiento:
    """Decisión del manual (7: «¿Funcionan correctamente…?», 8: paso 4, 12: paso 5).

    Correcto → concluido. Con fallas → en ajustes (hace falta anotar qué falló).
    """
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    _exigir_area(actor, mantenimiento.procedimiento)
    _exigir_estado(mantenimiento, POR_VERIFICAR, "registrar la verificación")
    v = Validador()
    nota = v.texto("nota", "Resultado de la verificación", nota, 5000, requerido=not correcto, multilinea=True)
    v.validar()
    with transaccion():
        _version(mantenimiento, version)
        mantenimiento.verificaciones += 1
        if correcto:
            mantenimiento.estado = CONCLUIDO
            mantenimiento.concluido_en = ahora()
        else:
            mantenimiento.estado = EN_AJUSTES
        guardar_cambio(actor, mantenimiento, "verificación de mantenimiento")
        resultado = "Funciona correctamente: se concluye." if correcto else "Con fallas: se harán ajustes."
        anotar_evento(actor, mantenimiento, servidores.VERIFICACION,
                f"Verificación {mantenimiento.verificaciones}. {resultado}" + (f" {nota}" if nota else ""))
        expedientes.al_verificar(actor, mantenimiento, correcto, nota)
    return mantenimiento


@cambia("mantenimiento")
def registrar_ajustes(actor: Usuario | None, mantenimiento: Mantenimiento, nota: str,
                      version: int | None = None) -> Mantenimiento:
    """Se hicieron los ajustes (7.1, 4.1/6.1, 5.1); vuelve a verificación."""
    permisos.exigir(actor, permisos.AVANZAR_TRAMITE)
    _exigir_area(actor, mantenimiento.procedimiento)
    _exigir_estado(mantenimiento, EN_AJUSTES, "registrar ajustes")
    v = Validador()
    nota = v.texto("nota", "Ajustes realizados", nota, 5000, requerido=True, multilinea=True)
    v.validar()
    with transaccion():
        _version(mantenimiento, version)
        mantenimiento.estado = POR_VERIFICAR
        guardar_cambio(actor, mantenimiento, "ajustes de mantenimiento")
        anotar_evento(actor, mantenimiento, servidores.AJUSTE, nota)
        expedientes.al_ajustar(actor, mantenimiento, nota)
    return mantenimiento


@cambia("mantenimiento")
def cancelar(actor: Usuario | None, mantenimiento: Mantenimiento, motivo: str,
             version: int | None = None) -> Mantenimiento:
    """Baja lógica de un mantenimiento que no ha concluido (con motivo, quién y cuándo)."""
    permisos.exigir(actor, permisos.CANCELAR_TRAMITE)
    _exigir_area(actor, mantenimiento.procedimiento)
    if mantenimiento.estado in (CONCLUIDO, CANCELADO):
        raise ErrorTransicion(f"El mantenimiento {mantenimiento.numero} ya está "
                              f"«{ESTADOS[mantenimiento.estado].lower()}».")
    v = Validador()
    motivo = v.texto("motivo", "Motivo de la cancelación", motivo, 2000, requerido=True, multilinea=True)
    v.validar()
    with transaccion():
        _version(mantenimiento, version)
        mantenimiento.estado = CANCELADO
        mantenimiento.motivo_cancelacion = motivo
        mantenimiento.cancelado_en = ahora()
        guardar_cambio(actor, mantenimiento, "cancelación de mantenimiento")
        anotar_evento(actor, mantenimiento, servidores.CANCELACION, motivo)
        expedientes.al_cancelar(actor, mantenimiento, motivo)
    return mantenimiento


def siguiente_paso(mantenimiento: Mantenimiento) -> str:
    """Qué sigue según el manual, para mostrarlo al usuario."""
    procedimiento = procedimientos.obtener(mantenimiento.procedimiento)
    verificar, ajustar, final = PASOS[mantenimiento.procedimiento]
    if mantenimiento.estado == PROGRAMADO:
        if mantenimiento.procedimiento == SISTEMAS and not mantenimiento.acordado_con:
            return "Paso 4: acordar la fecha con el titular de la dependencia solicitante."
        if requiere_aviso(mantenimiento) and not mantenimiento.aviso_vigente:
            return "Avisar por oficio a las dependencias afectadas la fecha del mantenimiento."
        return f"Realizar el mantenimiento el {_momento(mantenimiento.inicio)} y registrarlo."
    if mantenimiento.estado == POR_VERIFICAR:
        paso = procedimiento.paso(verificar)
        return f"Paso {paso.numero}: {paso.pregunta or paso.actividad}"
    if mantenimiento.estado == EN_AJUSTES:
        paso = procedimiento.paso(ajustar)
        return f"Paso {paso.numero}: {paso.actividad}"
    if mantenimiento.estado == CONCLUIDO:
        paso = procedimiento.paso(final)
        return f"Paso {paso.numero}: {paso.actividad}"
    return "Cancelado: " + mantenimiento.motivo_cancelacion


# --- Consultas ------------------------------------------------------------------------------------

def obtener(identificador: int) -> Mantenimiento:
    registro = Mantenimiento.get_or_none(Mantenimiento.id == identificador)
    if registro is None:
        raise ErrorNoEncontrado(f"No existe el mantenimiento {identificador}.")
    return registro


def por_numero(numero: str) -> Mantenimiento:
    registro = Mantenimiento.get_or_none(Mantenimiento.numero == limpiar_texto(numero).upper())
    if registro is None:
        raise ErrorNoEncontrado(f"No existe el mantenimiento «{numero}».")
    return registro


def consultar(desde: dt.date | None = None, hasta: dt.date | None = None, procedimiento: int | None = None,
              estado: str | None = None, dispositivo: Dispositivo | int | None = None, busqueda: str = "",
              incluir_cancelados: bool = True, limite: int = 2000) -> list[dict[str, Any]]:
    """Lista para tablas y calendario (una consulta), ordenada por fecha. ``desde``/``hasta`` inclusivos."""
    consulta = (Mantenimiento
                .select(Mantenimiento.id, Mantenimiento.numero, Mantenimiento.procedimiento, Mantenimiento.clase,
                        Mantenimiento.inicio, Mantenimiento.fin, Mantenimiento.estado, Mantenimiento.descripcion,
                        Mantenimiento.aviso_vigente, Mantenimiento.dependencias, Mantenimiento.verificaciones,
                        Mantenimiento.reprogramado_desde, Mantenimiento.autorizado_por,
                        Dispositivo.id.alias("dispositivo_id"), Dispositivo.nombre.alias("dispositivo"),
                        Dispositivo.tipo.alias("tipo_dispositivo"))
                .join(Dispositivo, JOIN.INNER, on=(Mantenimiento.dispositivo == Dispositivo.id)))
    if desde is not None:
        consulta = consulta.where(Mantenimiento.inicio >= dt.datetime.combine(desde, dt.time.min))
    if hasta is not None:
        consulta = consulta.where(Mantenimiento.inicio < dt.datetime.combine(hasta + dt.timedelta(days=1),
                                                                             dt.time.min))
    if procedimiento:
        consulta = consulta.where(Mantenimiento.procedimiento == procedimiento)
    if estado:
        consulta = consulta.where(Mantenimiento.estado == estado)
    elif not incluir_cancelados:
        consulta = consulta.where(Mantenimiento.estado != CANCELADO)
    if dispositivo is not None:
        consulta = consulta.where(Mantenimiento.dispositivo == dispositivo)
    consulta = busqueda_indexada.donde(consulta, Mantenimiento, busqueda)
    filas = list(consulta.order_by(Mantenimiento.inicio, Mantenimiento.id).limit(limite).dicts())
    for fila in filas:
        fila["categoria"] = categoria(fila["procedimiento"], fila["clase"])
        fila["requiere_aviso"] = (bool(ids_dependencias(fila["dependencias"])) and not fila["aviso_vigente"]
                                  and fila["estado"] == PROGRAMADO
                                  and (fila["procedimiento"] == SISTEMAS
                                       or (fila["procedimiento"] == SERVIDORES_REDES
                                           and fila["clase"] == PREVENTIVO)))
    return filas


def del_calendario(desde: dt.date, hasta: dt.date) -> dict[dt.date, list[dict[str, Any]]]:
    """Mantenimientos no cancelados entre ``desde`` y ``hasta``, agrupados por día."""
    dias: dict[dt.date, list[dict[str, Any]]] = {}
    for fila in consulta_sin_cancelados(desde, hasta):
        dias.setdefault(fila["inicio"].date(), []).append(fila)
    return dias


def consulta_sin_cancelados(desde: dt.date, hasta: dt.date) -> list[dict[str, Any]]:
    return consultar(desde, hasta, incluir_cancelados=False)


def eventos(mantenimiento: Mantenimiento) -> list[dict[str, Any]]:
    """Historial del mantenimiento, del más antiguo al más reciente."""
    consulta = (EventoMantenimiento
                .select(EventoMantenimiento.momento, EventoMantenimiento.tipo, EventoMantenimiento.nota,
                        Usuario.nombre.alias("usuario"))
                .join(Usuario, JOIN.LEFT_OUTER, on=(EventoMantenimiento.usuario == Usuario.id))
                .where(EventoMantenimiento.mantenimiento == mantenimiento)
                .order_by(EventoMantenimiento.id))
    filas = list(consulta.dicts())
    for fila in filas:
        fila["tipo_texto"] = servidores.TIPOS_ANOTACION.get(fila["tipo"], fila["tipo"])
    return filas
