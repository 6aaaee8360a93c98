"""Cifras por procedimiento del Tablero: casos por mes y tiempos de cada paso.

Todo sale de ``Tramite`` y ``PasoTramite`` con consultas agregadas (ninguna por
trámite): los casos por mes son tres consultas agrupadas y una con los abiertos al
cierre de cada mes; los tiempos de los pasos, una consulta con los segundos de los
pasos cerrados en el año (la mediana y el percentil 90 se calculan con
:mod:`statistics`) y otra con los pasos abiertos, cuyo vencimiento se calcula con
el calendario laboral leído una sola vez.

Los tiempos están en horas de reloj (lo que el paso estuvo abierto); el plazo y el
vencimiento, en horas hábiles del calendario laboral.
"""
from __future__ import annotations

import datetime as dt
import os
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from peewee import Case, fn

from app.modelos import PasoTramite, Tramite, ahora
from app.servicios.nucleo import calendario_laboral, permisos
from app.servicios.tablero.tablero import Cifra, _mes
from app.servicios.tramites import procedimientos, tramites
from app.servicios.tramites.procedimientos import Procedimiento

CLAVE_CASOS = "casos_procedimiento"
CLAVE_PASOS = "pasos_procedimiento"


@dataclass
class CifrasProcedimientos:
    """Las dos cifras de la sección «Por procedimiento» de un año."""

    anio: int
    calculado_en: dt.datetime
    casos: Cifra
    pasos: Cifra

    @property
    def cifras(self) -> list[Cifra]:
        return [self.casos, self.pasos]


def meses_del_anio(anio: int, momento: dt.datetime) -> list[int]:
    """Los meses de ``anio`` que ya empezaron en ``momento`` (todos si el año ya pasó)."""
    if anio < momento.year:
        return list(range(1, 13))
    if anio > momento.year:
        return []
    return list(range(1, momento.month + 1))


def _fin_de_mes(anio: int, mes: int) -> dt.datetime:
    return dt.datetime(anio + (mes == 12), mes % 12 + 1, 1)


def _nombre(definiciones: dict[int, Procedimiento], numero: int) -> str:
    definicion = definiciones.get(numero)
    return definicion.nombre if definicion else f"Procedimiento {numero}"


def _por_mes(consulta) -> dict[tuple, int]:
    """Convierte filas (…, mes, cuenta) en {(…, mes entero): cuenta} (SQLite da el mes como texto)."""
    return {(*fila[:-2], int(fila[-2])): fila[-1] for fila in consulta.tuples()}


def casos_por_mes(anio: int, momento: dt.datetime | None = None,
                  definiciones: dict[int, Procedimiento] | None = None) -> Cifra:
    """Por procedimiento y mes: casos abiertos, concluidos, cancelados y abiertos al cierre del mes.

    «Abiertos» son los casos que empezaron en el mes (``creado_en``); «concluidos» y
    «cancelados», los que terminaron así en el mes (``concluido_en``); «abiertos al cierre»,
    los que empezaron antes del fin del mes y no habían terminado entonces (un caso
    cancelado después cuenta como abierto en los meses anteriores a su cancelación).
    Solo aparecen las filas con alguna cifra distinta de cero.
    """
    momento = momento or ahora()
    definiciones = definiciones if definiciones is not None else {p.numero: p for p in procedimientos.todos()}
    meses = meses_del_anio(anio, momento)
    desde, hasta = dt.datetime(anio, 1, 1), dt.datetime(anio + 1, 1, 1)
    mes_inicio, mes_fin = _mes(Tramite.creado_en), _mes(Tramite.concluido_en)
    total = fn.COUNT(Tramite.id)
    abiertos = _por_mes(Tramite.select(Tramite.procedimiento, mes_inicio, total)
                        .where((Tramite.creado_en >= desde) & (Tramite.creado_en < hasta))
                        .group_by(Tramite.procedimiento, mes_inicio))
    terminados = _por_mes(Tramite.select(Tramite.procedimiento, Tramite.estado, mes_fin, total)
                          .where((Tramite.concluido_en >= desde) & (Tramite.concluido_en < hasta)
                                 & Tramite.estado.in_((tramites.CONCLUIDO, tramites.CANCELADO)))
                          .group_by(Tramite.procedimiento, Tramite.estado, mes_fin))
    al_cierre: dict[tuple[int, int], int] = {}
    if meses:
        columnas = []
        for mes in meses:
            fin = _fin_de_mes(anio, mes)
            vivo = (Tramite.creado_en < fin) & (Tramite.concluido_en.is_null() | (Tramite.concluido_en >= fin))
            columnas.append(fn.COALESCE(fn.SUM(Case(None, [(vivo, 1)], 0)), 0))
        for numero, *cuentas in (Tramite.select(Tramite.procedimiento, *columnas)
                                 .where(Tramite.creado_en < _fin_de_mes(anio, meses[-1]))
                                 .group_by(Tramite.procedimiento).tuples()):
            for mes, cuenta in zip(meses, cuentas):
                al_cierre[(numero, mes)] = int(cuenta)
    numeros = sorted({clave[0] for diccionario in (abiertos, terminados, al_cierre) for clave in diccionario})
    filas = []
    for numero in numeros:
        for mes in meses:
            cifras = (abiertos.get((numero, mes), 0), terminados.get((numero, tramites.CONCLUIDO, mes), 0),
                      terminados.get((numero, tramites.CANCELADO, mes), 0), al_cierre.get((numero, mes), 0))
            if any(cifras):
                filas.append((numero, _nombre(definiciones, numero), dt.date(anio, mes, 1), *cifras))
    return Cifra(CLAVE_CASOS, f"Casos por procedimiento ({anio})",
                 ["Núm.", "Procedimiento", "Mes", "Abiertos", "Concluidos", "Cancelados", "Abiertos al cierre"],
                 filas, ["entero", "texto", "mes", "entero", "entero", "entero", "entero"])


def percentil_90(valores: list[float]) -> float:
    """Percentil 90 con interpolación entre el mínimo y el máximo (método «inclusive»)."""
    if len(valores) == 1:
        return float(valores[0])
    return statistics.quantiles(valores, n=10, method="inclusive")[8]


def _horas(segundos: float) -> float:
    return round(segundos / 3600, 4)


def tiempos_por_paso(anio: int, momento: dt.datetime | None = None,
                     definiciones: dict[int, Procedimiento] | None = None) -> Cifra:
    """Por paso de cada procedimiento: veces recorrido, mediana y percentil 90, abiertos y vencidos.

    Las veces y los tiempos son de los pasos **cerrados en el año** (un paso repetido en un
    ciclo de corrección cuenta cada vez; el paso que se cerró al cancelar el caso no cuenta,
    porque no se terminó). Abiertos y vencidos son los de ``momento``: un paso abierto está
    vencido si su plazo en horas hábiles ya pasó.
    """
    momento = momento or ahora()
    definiciones = definiciones if definiciones is not None else {p.numero: p for p in procedimientos.todos()}
    desde, hasta = dt.datetime(anio, 1, 1), dt.datetime(anio + 1, 1, 1)
    segundos: dict[tuple[int, str], list[int]] = defaultdict(list)
    cancelado_al_cerrar = (Tramite.estado == tramites.CANCELADO) & PasoTramite.destino.is_null()
    for numero, paso, valor in (PasoTramite.select(Tramite.procedimiento, PasoTramite.paso, PasoTramite.segundos)
                                .join(Tramite)
                                .where((PasoTramite.fin >= desde) & (PasoTramite.fin < hasta)
                                       & PasoTramite.segundos.is_null(False) & ~cancelado_al_cerrar)
                                .tuples().iterator()):
        segundos[(numero, paso)].append(valor)
    abiertos: dict[tuple[int, str], int] = defaultdict(int)
    vencidos: dict[tuple[int, str], int] = defaultdict(int)
    calendario = None
    for numero, paso, inicio in (PasoTramite.select(Tramite.procedimiento, PasoTramite.paso, PasoTramite.inicio)
                                 .join(Tramite)
                                 .where(PasoTramite.fin.is_null() & (Tramite.estado == tramites.ABIERTO))
                                 .tuples().iterator()):
        abiertos[(numero, paso)] += 1
        definicion = _paso(definiciones, numero, paso)
        if definicion is None or not definicion.plazo_horas_habiles:
            continue
        calendario = calendario or calendario_laboral.calendario()
        vence = tramites.vencimiento(inicio, definicion, calendario)
        if vence is not None and vence < momento:
            vencidos[(numero, paso)] += 1
    filas = []
    for numero, paso in sorted(set(segundos) | set(abiertos), key=lambda c: _orden(definiciones, *c)):
        definicion = _paso(definiciones, numero, paso)
        valores = segundos.get((numero, paso), [])
        filas.append((
            numero, _nombre(definiciones, numero), paso, definicion.actividad if definicion else "",
            definicion.plazo_horas_habiles if definicion else None, len(valores),
            _horas(statistics.median(valores)) if valores else None,
            _horas(percentil_90(valores)) if valores else None,
            abiertos.get((numero, paso), 0), vencidos.get((numero, paso), 0)))
    return Cifra(CLAVE_PASOS, f"Tiempos por paso ({anio})",
                 ["Núm.", "Procedimiento", "Paso", "Actividad", "Plazo (horas hábiles)", "Veces",
                  "Mediana (horas)", "Percentil 90 (horas)", "Abiertos", "Vencidos"],
                 filas, ["entero", "texto", "texto", "texto", "horas", "entero", "horas", "horas", "entero",
                         "entero"])


def _paso(definiciones: dict[int, Procedimiento], numero: int, paso: str):
    definicion = definiciones.get(numero)
    if definicion is None:
        return None
    return next((p for p in definicion.pasos if p.numero == paso), None)


def _orden(definiciones: dict[int, Procedimiento], numero: int, paso: str) -> tuple:
    """Los pasos en el orden del manual; uno que ya no está en la definición va al final."""
    definicion = definiciones.get(numero)
    posiciones = [p.numero for p in definicion.pasos] if definicion else []
    return (numero, posiciones.index(paso) if paso in posiciones else len(posiciones), paso)


def calcular(anio: int, momento: dt.datetime | None = None) -> CifrasProcedimientos:
    """Las dos cifras de la sección «Por procedimiento» del Tablero para ``anio``."""
    momento = momento or ahora()
    definiciones = {p.numero: p for p in procedimientos.todos()}
    return CifrasProcedimientos(anio, momento, casos_por_mes(anio, momento, definiciones),
                                tiempos_por_paso(anio, momento, definiciones))


def exportar_excel(actor, cifras: list[Cifra], ruta: str | Path) -> Path:
    """Guarda las cifras en un libro de Excel (una hoja por cifra, números y meses reales).

    Se escribe completo o nada: primero un temporal junto al destino y luego lo reemplaza.
    """
    permisos.exigir(actor, permisos.EXPORTAR)
    from app.documentos.excel_tablero import escribir_libro

    ruta = Path(ruta)
    temporal = ruta.with_name(f".{ruta.stem}.{os.getpid()}.tmp.xlsx")
    try:
        escribir_libro(cifras, temporal)
        os.replace(temporal, ruta)
    finally:
        if temporal.exists():
            try:
                temporal.unlink()
            except OSError:
                pass
    return ruta
