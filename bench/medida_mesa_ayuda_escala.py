"""Medida «mesa de ayuda escala»: abrir la pestaña Mesa de ayuda con 500,000 tickets ÷ con 10,000.

Abrir = construir ``VistaMesaAyuda`` (filtros, primer bloque de la lista) hasta que el detalle del
primer ticket está pintado (se lee una vez, en segundo plano). Se cronometra en tiempo de CPU del
proceso (cuenta también el hilo del detalle; la máquina puede estar compartida), mediana de 5
aperturas tras una de calentamiento, primero con ``DTI_BENCH_MESA_CHICA`` tickets (10,000) y luego,
en la misma base, con ``DTI_BENCH_MESA_GRANDE`` (500,000).

- ``app_s``: abrir con 500,000; ``base_s``: abrir con 10,000; ``razon``: meta ≤ 1.5.
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

RONDAS = 5


def _abrir(aplicacion, sesion) -> int:
    """Abre la pestaña y espera el detalle; devuelve cuántas veces se leyó el detalle."""
    from app.vistas.mesa_ayuda.mesa_ayuda import VistaMesaAyuda

    vista = VistaMesaAyuda(sesion)
    vista.resize(1366, 700)
    vista.show()
    limite = time.monotonic() + 60
    while vista.detalle is None and time.monotonic() < limite:
        aplicacion.processEvents()
        time.sleep(0.0005)
    aplicacion.processEvents()
    leidos = vista.detalles_leidos
    assert vista.detalle is not None, "el detalle del primer ticket no llegó"
    vista.close()
    vista.deleteLater()
    aplicacion.processEvents()
    return leidos


def _cpu(aplicacion, sesion) -> tuple[float, int]:
    _abrir(aplicacion, sesion)                  # calentamiento (cachés de la base y de Qt)
    tiempos, leidos = [], 0
    for _ in range(RONDAS):
        inicio = time.process_time()
        leidos = _abrir(aplicacion, sesion)
        tiempos.append(time.process_time() - inicio)
    return statistics.median(tiempos), leidos


def medir() -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from app import base_datos
    from app.demo import carga as demo, mesa_ayuda as demo_mesa_ayuda
    from app.modelos import Ticket
    from app.servicios.catalogos import usuarios

    chica = int(os.environ.get("DTI_BENCH_MESA_CHICA") or 10_000)
    grande = int(os.environ.get("DTI_BENCH_MESA_GRANDE") or 500_000)
    carpeta = Path(tempfile.mkdtemp(prefix="dti-bench-mesa-escala-"))
    base_datos.conectar(f"sqlite:///{(carpeta / 'mesa.sqlite3').as_posix()}")
    demo.cargar_demo()
    demo_mesa_ayuda.cargar_tickets_masivos(max(0, chica - Ticket.select().count()), lote=5000)
    aplicacion = QApplication.instance() or QApplication([])
    sesion = usuarios.obtener("soporte")
    con_chica, leidos_chica = _cpu(aplicacion, sesion)
    demo_mesa_ayuda.cargar_tickets_masivos(max(0, grande - Ticket.select().count()), lote=5000)
    con_grande, leidos_grande = _cpu(aplicacion, sesion)
    n_chica, n_grande = chica, Ticket.select().count()
    base_datos.cerrar()
    return [{"medida": "mesa de ayuda escala", "app_s": con_grande, "base_s": con_chica,
             "razon": con_grande / con_chica if con_chica else None,
             "nota": f"abrir con {n_grande:,} tickets ÷ con {n_chica:,} (CPU); detalle leído "
                     f"{leidos_grande} vez por apertura (antes 2)"}]


if __name__ == "__main__":
    from comun import imprimir_tabla

    imprimir_tabla(medir())
