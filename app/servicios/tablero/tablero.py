"""Tablero de la mesa de ayuda: cifras para el jefe de Soporte y el director.

Todo se agrega en SQL (``COUNT``, ``AVG``, agrupados por mes): con cientos de
miles de tickets las cifras salen en una sola consulta cada una. Los tiempos
promedio están en **horas hábiles** (se guardan en cada ticket al ocurrir).
"""
from __future__ import annotations

import calendar as calendario_civil
import datetime as dt
from dataclasses import dataclass, field

from peewee import Case, fn

from app.base_datos import es_postgres
from app.modelos import Bien, Dependencia, Ticket, ahora
from app.servicios.nucleo import permisos
from app.servicios.mesa_ayuda import sla, tickets
from app.tiempo import hoy_mexico

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
         "octubre", "noviembre", "diciembre")


@dataclass
class Cifra:
    """Una cifra del tablero lista para mostrarse o exportarse: encabezados y filas."""

    clave: str
    titulo: str
    encabezados: list[str]
    filas: list[tuple]
    formatos: list[str] = field(default_factory=list)   # por columna: "texto", "entero", "horas", "porcentaje", "fecha"


@dataclass(frozen=True)
class Periodo:
    desde: dt.datetime
    hasta: dt.datetime          # exclusivo
    nombre: str

    @classmethod
    def mes(cls, anio: int, mes: int) -> "Periodo":
        fin = dt.datetime(anio + (mes == 12), mes % 12 + 1, 1)
        return cls(dt.datetime(anio, mes, 1), fin, f"{MESES[mes - 1]} de {anio}")

    @classmethod
    def anio(cls, anio: int) -> "Periodo":
        return cls(dt.datetime(anio, 1, 1), dt.datetime(anio + 1, 1, 1), f"año {anio}")


def _en(periodo: Periodo):
    return (Ticket.recibido_en >= periodo.desde) & (Ticket.recibido_en < periodo.hasta)


def abiertos_por_estado() -> Cifra:
    """Tickets abiertos hoy, por estado (incluye estados sin tickets)."""
    cuenta = dict(Ticket.select(Ticket.estado, fn.COUNT(Ticket.id)).where(Ticket.estado.in_(tickets.ABIERTOS))
                  .group_by(Ticket.estado).tuples())
    filas = [(tickets.ESTADOS[e], cuenta.get(e, 0)) for e in tickets.ABIERTOS]
    return Cifra("abiertos_estado", "Tickets abiertos por estado", ["Estado", "Tickets"], filas,
                 ["texto", "entero"])


def abiertos_por_dependencia() -> Cifra:
    """Tickets abiertos hoy, por dependencia (la de más tickets primero)."""
    total = fn.COUNT(Ticket.id)
    filas = list(Ticket.select(Dependencia.nombre, total).join(Dependencia)
                 .where(Ticket.estado.in_(tickets.ABIERTOS)).group_by(Dependencia.nombre)
                 .order_by(total.desc(), Dependencia.nombre).tuples())
    return Cifra("abiertos_dependencia", "Tickets abiertos por dependencia", ["Dependencia", "Tickets"],
                 filas, ["texto", "entero"])


def tiempos_promedio(periodo: Periodo) -> Cifra:
    """Promedio de horas hábiles a la primera respuesta y a la solución, de lo recibido en el periodo."""
    respuesta, n_resp, solucion, n_sol = Ticket.select(
        fn.AVG(Ticket.horas_respuesta), fn.COUNT(Ticket.horas_respuesta),
        fn.AVG(Ticket.horas_resolucion), fn.COUNT(Ticket.horas_resolucion)).where(_en(periodo)).tuples().get()
    filas = [("Primera respuesta", round(float(respuesta), 2) if respuesta is not None else None, n_resp),
             ("Solución", round(float(solucion), 2) if solucion is not None else None, n_sol)]
    return Cifra("tiempos", f"Tiempo promedio ({periodo.nombre})",
                 ["Medida", "Horas hábiles", "Tickets"], filas,
                 ["texto", "horas", "entero"])


def cumplimiento_sla(periodo: Periodo, momento: dt.datetime | None = None) -> Cifra:
    """Porcentaje de metas cumplidas: respondidos/resueltos a tiempo entre los que ya debían estarlo."""
    momento = momento or ahora()

    def contar(condicion):
        return fn.COALESCE(fn.SUM(Case(None, [(condicion, 1)], 0)), 0)
    respondido = Ticket.primera_respuesta_en.is_null(False)
    resuelto = Ticket.resuelto_en.is_null(False)
    # Una sola pasada sobre los tickets del periodo.
    resp_ok, resp_total, sol_ok, sol_total = (Ticket.select(
        contar(respondido & (Ticket.primera_respuesta_en <= Ticket.meta_respuesta_en)),
        contar(respondido | (Ticket.meta_respuesta_en < momento)),
        contar(resuelto & (Ticket.resuelto_en <= Ticket.meta_resolucion_en)),
        contar(resuelto | (Ticket.meta_resolucion_en < momento)))
        # Un ticket cancelado (duplicado, retirado) no cumple ni incumple una meta.
        .where(_en(periodo) & (Ticket.estado != "cancelado")).tuples().get())
    resp_ok, resp_total, sol_ok, sol_total = (int(x) for x in (resp_ok, resp_total, sol_ok, sol_total))

    def fila(nombre: str, ok: int, total: int) -> tuple:
        return (nombre, ok, total, round(ok / total, 4) if total else None)
    return Cifra("sla", f"Cumplimiento de SLA ({periodo.nombre})",
                 ["Meta", "A tiempo", "Exigibles", "Cumplimiento"],
                 [fila("Respuesta", resp_ok, resp_total), fila("Solución", sol_ok, sol_total)],
                 ["texto", "entero", "entero", "porcentaje"])


def _mes(campo):
    """Número de mes calculado por el motor (en SQLite, ``strftime`` nativo y no una función de Python)."""
    return campo.month if es_postgres() else fn.strftime("%m", campo)


def tickets_por_mes(anio: int) -> Cifra:
    """Tickets recibidos y resueltos en cada mes de ``anio``."""
    periodo = Periodo.anio(anio)
    mes_recibido, mes_resuelto = _mes(Ticket.recibido_en), _mes(Ticket.resuelto_en)
    recibidos = dict(Ticket.select(mes_recibido, fn.COUNT(Ticket.id)).where(_en(periodo))
                     .group_by(mes_recibido).tuples())
    resueltos = dict(Ticket.select(mes_resuelto, fn.COUNT(Ticket.id))
                     .where((Ticket.resuelto_en >= periodo.desde) & (Ticket.resuelto_en < periodo.hasta))
                     .group_by(mes_resuelto).tuples())
    recibidos = {int(m): n for m, n in recibidos.items()}
    resueltos = {int(m): n for m, n in resueltos.items()}
    filas = [(dt.date(anio, m, 1), recibidos.get(m, 0), resueltos.get(m, 0)) for m in range(1, 13)]
    return Cifra("por_mes", f"Tickets por mes ({anio})", ["Mes", "Recibidos", "Resueltos"], filas,
                 ["mes", "entero", "entero"])


def equipos_con_mas_incidencias(periodo: Periodo, limite: int = 10) -> Cifra:
    """Los bienes con más tickets en el periodo."""
    total = fn.COUNT(Ticket.id)
    filas = list(Ticket.select(Bien.numero_inventario, Bien.descripcion, Bien.marca, Bien.modelo, total)
                 .join(Bien).where(_en(periodo))
                 .group_by(Bien.numero_inventario, Bien.descripcion, Bien.marca, Bien.modelo)
                 .order_by(total.desc(), Bien.numero_inventario).limit(limite).tuples())
    return Cifra("equipos", f"Equipos con más incidencias ({periodo.nombre})",
                 ["Número de inventario", "Descripción", "Marca", "Modelo", "Tickets"], filas,
                 ["texto", "texto", "texto", "texto", "entero"])


def por_categoria(periodo: Periodo) -> Cifra:
    total = fn.COUNT(Ticket.id)
    cuenta = list(Ticket.select(Ticket.categoria, total).where(_en(periodo)).group_by(Ticket.categoria)
                  .order_by(total.desc()).tuples())
    return Cifra("categorias", f"Tickets por categoría ({periodo.nombre})", ["Categoría", "Tickets"],
                 [(tickets.CATEGORIAS.get(c, c), n) for c, n in cuenta], ["texto", "entero"])


def todas(anio: int, mes: int | None = None) -> list[Cifra]:
    """Todas las cifras del tablero; las de periodo, del mes (o del año si ``mes`` es None)."""
    periodo = Periodo.mes(anio, mes) if mes else Periodo.anio(anio)
    return [abiertos_por_estado(), abiertos_por_dependencia(), tiempos_promedio(periodo),
            cumplimiento_sla(periodo), tickets_por_mes(anio), equipos_con_mas_incidencias(periodo),
            por_categoria(periodo)]


# --- Exportaciones ------------------------------------------------------------------------------

def exportar_excel(actor, cifras: list[Cifra], ruta) -> None:
    """Guarda las cifras en un libro de Excel (una hoja por cifra; números y fechas reales)."""
    permisos.exigir(actor, permisos.EXPORTAR)
    from app.documentos.excel_tablero import escribir_libro

    escribir_libro(cifras, ruta)


def informe_mensual(anio: int, mes: int) -> dict:
    """Datos del informe mensual de actividades de la mesa de ayuda."""
    periodo = Periodo.mes(anio, mes)
    en = _en(periodo)
    recibidos = Ticket.select().where(en).count()
    resueltos = Ticket.select().where((Ticket.resuelto_en >= periodo.desde)
                                      & (Ticket.resuelto_en < periodo.hasta)).count()
    por_canal = dict(Ticket.select(Ticket.canal, fn.COUNT(Ticket.id)).where(en).group_by(Ticket.canal).tuples())
    por_modalidad = dict(Ticket.select(Ticket.modalidad, fn.COUNT(Ticket.id)).where(en)
                         .group_by(Ticket.modalidad).tuples())
    from app.modelos import Escalamiento

    escalados = (Escalamiento.select().where((Escalamiento.enviado_en >= periodo.desde)
                                             & (Escalamiento.enviado_en < periodo.hasta)).count())
    ultimo_dia = calendario_civil.monthrange(anio, mes)[1]
    return {
        "anio": anio, "mes": mes, "periodo": periodo.nombre,
        "desde": periodo.desde.date(), "hasta": dt.date(anio, mes, ultimo_dia),
        "recibidos": recibidos, "resueltos": resueltos, "escalados": escalados,
        "abiertos_al_corte": Ticket.select().where(
            (Ticket.recibido_en < periodo.hasta) & (
                Ticket.resuelto_en.is_null() | (Ticket.resuelto_en >= periodo.hasta))).count(),
        "por_canal": [(tickets.CANALES[c], por_canal.get(c, 0)) for c in tickets.CANALES],
        "por_modalidad": [(tickets.MODALIDADES[m], por_modalidad.get(m, 0)) for m in tickets.MODALIDADES],
        "cifras": [tiempos_promedio(periodo), cumplimiento_sla(periodo, min(ahora(), periodo.hasta)),
                   por_categoria(periodo), equipos_con_mas_incidencias(periodo, 5),
                   _por_dependencia(periodo)],
        "prioridades": sla.PRIORIDADES,
    }


def _por_dependencia(periodo: Periodo) -> Cifra:
    total = fn.COUNT(Ticket.id)
    filas = list(Ticket.select(Dependencia.nombre, total).join(Dependencia).where(_en(periodo))
                 .group_by(Dependencia.nombre).order_by(total.desc(), Dependencia.nombre).tuples())
    return Cifra("dependencias", "Tickets recibidos por dependencia", ["Dependencia", "Tickets"], filas,
                 ["texto", "entero"])


def pdf_informe_mensual(actor, anio: int, mes: int) -> bytes:
    """PDF del informe mensual de actividades para la Tesorería (membrete como los oficios)."""
    permisos.exigir(actor, permisos.EXPORTAR)
    from app.documentos.informe_mensual_pdf import generar_informe_pdf
    from app.servicios.catalogos import catalogos
    from app.servicios.oficios.oficios import _logotipo

    institucion = catalogos.institucion()
    titular = institucion.titular_dti
    tesorero = institucion.tesorero
    return generar_informe_pdf(
        informe_mensual(anio, mes), institucion=institucion.nombre, area=institucion.area,
        lema=institucion.lema, lugar=institucion.lugar, logotipo=_logotipo(), pie=institucion.pie,
        firmante=(titular.nombre, titular.cargo) if titular else ("", institucion.area),
        destinatario=(tesorero.nombre, tesorero.cargo) if tesorero else ("", "Tesorería Municipal"),
        fecha=hoy_mexico())
