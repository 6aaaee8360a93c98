"""Medida «filtro inventario»: cargar la pestaña Inventario y buscar al teclear con 50,000 bienes.

- ``app_s`` de «cargar la pestaña»: construir ``VistaInventario`` (cuenta y primer bloque) y pintarla.
- «pulsación»: seis búsquedas escritas letra por letra; cada pulsación cuenta y trae el
  primer bloque por el servicio (en el hilo de trabajo) y repinta la tabla. «Ventana ocupada»
  es lo que la interfaz deja de responder (pedir + aplicar al modelo + repintar; objetivo
  ≤ 50 ms); «hasta ver la lista» incluye la consulta en segundo plano. El detalle del bien
  (foto, historial) no entra: se lee cuando la selección se queda quieta 120 ms.
- ``base_s``: la misma consulta SQL desnuda (conteo + primer bloque de 200 filas con
  ``LIKE``) por el cursor de la base, sin servicio ni Qt.

El tamaño sale de ``DTI_BENCH_BIENES`` (50000 por omisión). La base se crea en una carpeta
temporal con la carga masiva de ``dti demo --bienes`` (``insert_many`` en una transacción).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DTI_DATOS", tempfile.mkdtemp(prefix="dti-bench-"))

TEXTOS = ("smt-tic-0123", "hp prodesk", "lenovo", "mxl00", "garcia", "switch cisco")


def poblar(total: int) -> None:
    """Demostración básica y ``total`` bienes realistas con inserción masiva (lo de ``dti demo --bienes``)."""
    from app.demo import carga as demo
    from app.demo.inventario import cargar_bienes

    demo.cargar_demo()
    cargar_bienes(total)


def _base_sql(base, texto: str) -> None:
    """La consulta desnuda: conteo y primer bloque de 200, con el mismo filtro (cada palabra con LIKE
    sobre la columna normalizada, o prefijo del número) y el mismo orden, por el cursor de la base."""
    from app.servicios.nucleo.validacion import normalizar

    palabras = normalizar(texto).split()
    condicion = " AND ".join("b.busqueda LIKE ?" for _ in palabras)
    donde = f"(({condicion}) OR b.numero_inventario LIKE ?)"
    parametros = [f"%{p}%" for p in palabras] + [f"{texto.strip().upper()}%"]
    base.execute_sql(f"SELECT COUNT(b.id) FROM bien b WHERE {donde}", parametros).fetchone()
    base.execute_sql(
        "SELECT b.id, b.numero_inventario, t.nombre, b.descripcion, b.marca, b.modelo, b.serie, d.nombre, "
        "s.nombre, b.edificio, b.area, b.estado, b.valor, b.fecha_adquisicion, b.version "
        "FROM bien b JOIN tipo_bien t ON t.id = b.tipo_id "
        "LEFT JOIN dependencia d ON d.id = b.dependencia_id LEFT JOIN servidor_publico s ON s.id = b.resguardante_id "
        f"WHERE {donde} ORDER BY b.numero_inventario LIMIT 200 OFFSET 0", parametros).fetchall()


def medir() -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from app import base_datos
    from app.servicios.catalogos import usuarios

    total = int(os.environ.get("DTI_BENCH_BIENES", "50000"))
    carpeta = Path(tempfile.mkdtemp(prefix="dti-bench-filtro-"))
    base = base_datos.conectar(f"sqlite:///{(carpeta / 'filtro.sqlite3').as_posix()}")
    poblar(total)
    aplicacion = QApplication.instance() or QApplication([])

    from app.vistas.inventario.inventario import VistaInventario

    sesion = usuarios.obtener("director")
    inicio = time.perf_counter()
    vista = VistaInventario(sesion)
    vista.resize(1280, 800)
    vista.show()
    aplicacion.processEvents()
    vista.repaint()
    cargar_s = time.perf_counter() - inicio
    assert vista.modelo.total >= total, (vista.modelo.total, total)

    bloqueo: list[float] = []        # lo que la ventana no responde por pulsación
    espera: list[float] = []         # de la pulsación a la lista nueva pintada
    tiempos_base: list[float] = []
    for texto in TEXTOS:
        for largo in range(1, len(texto) + 1):
            vista.busqueda.blockSignals(True)
            vista.busqueda.setText(texto[:largo])
            vista.busqueda.blockSignals(False)
            inicio = time.perf_counter()
            vista.buscar_al_teclear()        # lo que hace el temporizador tras la pausa de tecleo
            pedir = time.perf_counter() - inicio
            while vista.buscando:
                aplicacion.processEvents()
                time.sleep(0.0005)
            antes_de_pintar = time.perf_counter()
            vista.tabla.viewport().repaint()
            fin = time.perf_counter()
            bloqueo.append(pedir + vista.ultima_aplicacion_s + (fin - antes_de_pintar))
            espera.append(fin - inicio)
            inicio = time.perf_counter()
            _base_sql(base, texto[:largo])
            tiempos_base.append(time.perf_counter() - inicio)
    vista.close()
    vista.deleteLater()
    aplicacion.processEvents()
    base_datos.cerrar()
    base_media = statistics.mean(tiempos_base)

    def fila(nombre: str, app_s: float, base_s: float) -> dict:
        # La figura principal lleva el nombre exacto que pide el corredor: lo que una pulsación
        # ocupa la ventana (la consulta corre en un hilo aparte); las demás, su descripción.
        medida = "filtro inventario" if nombre == PRINCIPAL else f"filtro inventario: {nombre} ({total:,} bienes)"
        return {"medida": medida, "app_s": app_s, "base_s": base_s, "razon": app_s / base_s if base_s else None}

    return [
        {"medida": f"filtro inventario: cargar la pestaña ({total:,} bienes)", "app_s": cargar_s,
         "base_s": None, "razon": None},
        fila(PRINCIPAL, statistics.mean(bloqueo), base_media),
        fila("pulsación, ventana ocupada (peor)", max(bloqueo), max(tiempos_base)),
        fila("pulsación hasta ver la lista (media)", statistics.mean(espera), base_media),
        fila("pulsación hasta ver la lista (peor)", max(espera), max(tiempos_base)),
    ]


PRINCIPAL = "pulsación, ventana ocupada (media)"


def _imprimir(resultados: list[dict]) -> None:
    print(f"{'medida':<78} {'app (ms)':>10} {'base (ms)':>10} {'razón':>7}")
    for r in resultados:
        base = f"{r['base_s'] * 1000:10.1f}" if r["base_s"] is not None else f"{'—':>10}"
        razon = f"{r['razon']:7.2f}" if r["razon"] is not None else f"{'—':>7}"
        print(f"{r['medida']:<78} {r['app_s'] * 1000:10.1f} {base} {razon}")


if __name__ == "__main__":
    _imprimir(medir())
