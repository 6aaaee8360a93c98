"""Carga masiva de la demostración para mediciones: ``dti demo --bienes N --tickets M``.

Bienes (:func:`app.demo.inventario.cargar_bienes`) y tickets
(:func:`app.demo.mesa_ayuda.cargar_tickets_masivos`) se insertan por lotes, cada lote en su
transacción con sus entradas de bitácora en bloque y encadenadas: la memoria no crece con N ni
con M, y al terminar ``dti verificar-bitacora`` dice que está íntegra. Lo que tardó y el pico de
memoria del proceso se informan al final.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

LOTE_TICKETS = 2000


def pico_memoria_mb() -> float | None:
    """El pico de memoria residente de este proceso en MB (None donde el sistema no lo da).

    En Linux, ``VmHWM`` de ``/proc/self/status`` (empieza de cero al arrancar el programa;
    ``ru_maxrss`` arrastra el del proceso que lo lanzó).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as estado:
            for linea in estado:
                if linea.startswith("VmHWM:"):
                    return int(linea.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    try:
        import resource
    except ImportError:       # Windows
        return None
    pico = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return pico / (1024 * 1024) if sys.platform == "darwin" else pico / 1024


def cargar_masiva(bienes: int = 0, tickets: int = 0, avance: TextIO | None = None) -> list[str]:
    """Inserta ``bienes`` bienes y ``tickets`` tickets de demostración; devuelve el resumen (líneas).

    ``avance`` (p. ej. ``sys.stderr``) recibe una línea por lote.
    """
    from app.demo.inventario import cargar_bienes
    from app.demo.mesa_ayuda import cargar_tickets_masivos

    resumen: list[str] = []

    def decir(que: str):
        def funcion(hechos: int, total: int) -> None:
            if avance is not None:
                print(f"  {que}: {hechos:,} de {total:,}", file=avance, flush=True)
        return funcion

    if bienes > 0:
        inicio = time.perf_counter()
        cargados = cargar_bienes(bienes, avance=decir("bienes"))
        resumen.append(f"Bienes de demostración cargados: {cargados:,} en {time.perf_counter() - inicio:.1f} s.")
    if tickets > 0:
        inicio = time.perf_counter()
        hechos = 0
        while hechos < tickets:
            lote = min(LOTE_TICKETS, tickets - hechos)
            hechos += cargar_tickets_masivos(lote, lote=lote, semilla=7 + hechos)
            decir("tickets")(hechos, tickets)
        resumen.append(f"Tickets de demostración cargados: {hechos:,} en {time.perf_counter() - inicio:.1f} s.")
    pico = pico_memoria_mb()
    if resumen and pico is not None:
        resumen.append(f"Pico de memoria del proceso: {pico:,.0f} MB.")
    return resumen
