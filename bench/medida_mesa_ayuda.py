"""Medida: la mesa de ayuda con muchos tickets (lista por páginas, alertas de SLA, búsqueda, tablero).

Tamaño: ``DTI_BENCH_TICKETS`` o, si falta, ``DTI_BENCH_BIENES`` (50,000 por omisión). La base
va en una carpeta temporal. La base de comparación es la consulta cruda equivalente por el
cursor del controlador, sin peewee, **con** el cálculo del SLA de cada fila (el mismo
``sla.Evaluador``): la lista no puede saltarse ese trabajo, así que la base tampoco.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _tiempo(funcion, repeticiones: int = 5) -> float:
    mejor = float("inf")
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        funcion()
        mejor = min(mejor, time.perf_counter() - inicio)
    return mejor


def _fila(medida: str, app_s: float, base_s: float | None) -> dict:
    return {"medida": medida, "app_s": round(app_s, 4), "base_s": round(base_s, 4) if base_s else None,
            "razon": round(app_s / base_s, 2) if base_s else None}


def medir() -> list[dict]:
    from app import base_datos
    from app.demo import carga as demo, mesa_ayuda as demo_mesa_ayuda
    from app.servicios.tablero import tablero
    from app.servicios.mesa_ayuda import sla, tickets
    from app.tiempo import hoy_mexico

    n = int(os.environ.get("DTI_BENCH_TICKETS") or os.environ.get("DTI_BENCH_BIENES") or 50000)
    with tempfile.TemporaryDirectory(prefix="dti-bench-mesa-") as carpeta:
        base_datos.conectar(f"sqlite:///{Path(carpeta, 'dti.sqlite3').as_posix()}")
        demo.cargar_demo()
        inicio = time.perf_counter()
        demo_mesa_ayuda.cargar_tickets_masivos(n, lote=5000)
        carga = time.perf_counter() - inicio
        bd = base_datos.bd
        cruda = ("SELECT t.id, t.folio, t.recibido_en, t.estado, t.prioridad, d.nombre, t.meta_respuesta_en, "
                 "t.meta_resolucion_en, t.primera_respuesta_en, t.resuelto_en FROM ticket t "
                 "JOIN dependencia d ON d.id = t.dependencia_id ORDER BY t.id DESC LIMIT 300")

        def fecha(valor):
            return dt.datetime.fromisoformat(valor) if isinstance(valor, str) else valor

        def base_lista() -> None:
            """La consulta cruda y el SLA de cada fila (lo que la lista también calcula)."""
            evaluador = sla.Evaluador()
            for fila in bd.execute_sql(cruda).fetchall():
                evaluador({"prioridad": fila[4], "meta_respuesta_en": fecha(fila[6]),
                           "meta_resolucion_en": fecha(fila[7]), "primera_respuesta_en": fecha(fila[8]),
                           "resuelto_en": fecha(fila[9])})
        hoy = hoy_mexico()
        filas = [
            _fila(f"carga masiva de {n:,} tickets con bitácora", carga, None),
            _fila("primera página de la lista (300)", _tiempo(lambda: tickets.listar(limite=300)),
                  _tiempo(base_lista)),
            _fila("lista «sin cerrar»", _tiempo(lambda: tickets.listar(sin_cerrar=True)), None),
            _fila("lista por vencer o vencidos", _tiempo(lambda: tickets.listar(solo_alerta=True)), None),
            _fila("búsqueda al teclear («egresos»)", _tiempo(lambda: tickets.listar(texto="egresos")),
                  _tiempo(lambda: bd.execute_sql(
                      "SELECT id FROM ticket WHERE busqueda LIKE '%egresos%' ORDER BY id DESC LIMIT 300")
                          .fetchall())),
            _fila("tablero del mes (7 cifras)", _tiempo(lambda: tablero.todas(hoy.year, hoy.month), 3), None),
            _fila("tablero del año (7 cifras)", _tiempo(lambda: tablero.todas(hoy.year, None), 3), None),
        ]
        base_datos.cerrar()
    return filas


if __name__ == "__main__":
    resultado = medir()
    print(f"{'medida':48s} {'app_s':>9s} {'base_s':>9s} {'razón':>7s}")
    for fila in resultado:
        base = f"{fila['base_s']:.4f}" if fila["base_s"] is not None else "—"
        razon = f"{fila['razon']:.2f}" if fila["razon"] is not None else "—"
        print(f"{fila['medida']:48s} {fila['app_s']:9.4f} {base:>9s} {razon:>7s}")
