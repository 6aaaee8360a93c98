"""Piezas comunes de las mediciones de ``bench/`` (no son pruebas: imprimen cifras).

Cada ``bench/medida_<tema>.py`` define ``medir() -> list[dict]`` con objetos
``{"medida", "app_s", "base_s", "razon"}`` y puede correrse solo
(``python3 bench/medida_<tema>.py``). Importar este módulo pone la raíz del proyecto al
principio de ``sys.path``: así se mide el código de esta carpeta y no el de otra instalación.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path[:1]:
    sys.path.insert(0, str(RAIZ))

BIENES_POR_OMISION = 50_000


def bienes_bench() -> int:
    """Tamaño de las mediciones: ``DTI_BENCH_BIENES`` (50,000 por omisión)."""
    valor = os.environ.get("DTI_BENCH_BIENES", "").strip()
    if not valor:
        return BIENES_POR_OMISION
    numero = int(valor.replace(",", "").replace("_", ""))
    if numero < 1:
        raise ValueError("DTI_BENCH_BIENES debe ser un número positivo.")
    return numero


def figura(medida: str, app_s: float, base_s: float | None, **extra) -> dict:
    """Una cifra: ``razon = app_s / base_s`` (``None`` si no hay base). ``extra`` va aparte del esquema."""
    razon = app_s / base_s if base_s else None
    return {"medida": medida, "app_s": round(app_s, 6), "base_s": None if base_s is None else round(base_s, 6),
            "razon": None if razon is None else round(razon, 4), **extra}


def cronometrar(funcion: Callable[[], object]) -> float:
    """Segundos de reloj de pared que tarda ``funcion()``."""
    inicio = time.perf_counter()
    funcion()
    return time.perf_counter() - inicio


def mediana_de(veces: int, funcion: Callable[[], object]) -> float:
    """Mediana de ``veces`` corridas de ``funcion()``: robusta ante un proceso vecino que estorba."""
    return statistics.median(cronometrar(funcion) for _ in range(veces))


def carpeta_temporal(prefijo: str) -> Path:
    """Carpeta nueva para las bases y archivos de una medición (el sistema la limpia)."""
    return Path(tempfile.mkdtemp(prefix=f"dti-bench-{prefijo}-"))


def preparar_entorno(carpeta: Path) -> None:
    """Sin pantalla y con la carpeta de datos del usuario en ``carpeta`` (nada toca la real)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["DTI_DATOS"] = str(carpeta / "datos")
    os.environ.pop("DTI_DB_URL", None)


def _numero(valor: float | None, decimales: int = 4) -> str:
    return "—" if valor is None else f"{valor:.{decimales}f}"


def imprimir_tabla(figuras: list[dict]) -> None:
    """Tabla sencilla medida / app / base / razón (lo que imprime cada medición sola)."""
    print(f"{'medida':<24} {'app s':>10} {'base s':>10} {'razón':>8}")
    for f in figuras:
        print(f"{f['medida']:<24} {_numero(f['app_s']):>10} {_numero(f['base_s']):>10} "
              f"{_numero(f['razon'], 2):>8}")
        if f.get("nota"):
            print(f"  {f['nota']}")
