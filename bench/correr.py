"""Corre todas las mediciones ``bench/medida_*.py``, imprime la tabla y escribe el JSON.

Uso::

    python3 bench/correr.py [TEMA ...] [--json ARCHIVO] [--limite SEGUNDOS]

Sin ``TEMA`` corre todas; ``TEMA`` es el final del nombre del archivo (``arranque`` corre
``medida_arranque.py``). Cada medición corre en su propio proceso, para que lo que una importa
o deja en memoria no cambie los tiempos de otra; una que falla se informa y las demás siguen.
El tamaño sale de ``DTI_BENCH_BIENES`` (50,000 por omisión).

``--json`` escribe la lista ``[{"medida": str, "app_s": float, "base_s": float | null,
"razon": float | null}, ...]`` (``razon = app_s / base_s``). Sale con 1 si alguna falló.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CARPETA = Path(__file__).resolve().parent
RAIZ = CARPETA.parent
CLAVES = ("medida", "app_s", "base_s", "razon")


@dataclass(frozen=True)
class Meta:
    """Lo que pide el issue para una figura."""
    texto: str
    razon_max: float | None = None
    app_max_s: float | None = None

    def cumple(self, f: dict) -> bool | None:
        if self.razon_max is not None:
            return None if f.get("razon") is None else f["razon"] <= self.razon_max
        if self.app_max_s is not None:
            return f["app_s"] <= self.app_max_s
        return None


METAS: dict[str, Meta] = {
    "etiquetas qr": Meta("razón ≤ 0.5", razon_max=0.5),
    "excel inventario": Meta("razón ≤ 1.25", razon_max=1.25),
    "arranque": Meta("razón ≤ 5", razon_max=5.0),
    "filtro inventario": Meta("≤ 0.050 s/tecla", app_max_s=0.050),
    "escaneo levantamiento": Meta("≤ 0.020 s", app_max_s=0.020),
    "escaneo escala": Meta("razón ≤ 1.5", razon_max=1.5),
    "folios postgresql": Meta("razón ≤ 2, sin duplicados ni huecos", razon_max=2.0),
    "carga demo": Meta("razón ≤ 1.5", razon_max=1.5),
    "oficios pdf": Meta("—"),
    "busqueda escala": Meta("razón ≤ 1.5", razon_max=1.5),
    "desplazamiento escala": Meta("razón ≤ 2", razon_max=2.0),
    "mesa de ayuda escala": Meta("razón ≤ 1.5", razon_max=1.5),
}


def descubrir(temas: list[str] | None = None) -> list[Path]:
    """Los ``medida_*.py`` de ``bench/`` (solo los de ``temas`` si se dan), en orden alfabético."""
    scripts = sorted(CARPETA.glob("medida_*.py"))
    if not temas:
        return scripts
    elegidos = [s for s in scripts if s.stem.removeprefix("medida_") in temas]
    faltan = set(temas) - {s.stem.removeprefix("medida_") for s in elegidos}
    if faltan:
        raise SystemExit(f"No hay medición para: {', '.join(sorted(faltan))} "
                         f"(disponibles: {', '.join(s.stem.removeprefix('medida_') for s in scripts)}).")
    return elegidos


def _validar(figuras: object, script: Path) -> list[dict]:
    if not isinstance(figuras, list) or not figuras:
        raise ValueError(f"{script.name}: medir() debe devolver una lista no vacía de figuras.")
    for f in figuras:
        if not isinstance(f, dict) or not isinstance(f.get("medida"), str) \
                or not isinstance(f.get("app_s"), (int, float)):
            raise ValueError(f"{script.name}: figura sin «medida» o «app_s» numérico: {f!r}")
        for clave in ("base_s", "razon"):
            if f.get(clave) is not None and not isinstance(f[clave], (int, float)):
                raise ValueError(f"{script.name}: «{clave}» debe ser número o null: {f!r}")
    return figuras


def correr_una(script: Path, limite_s: float) -> tuple[list[dict], str | None, float]:
    """Corre ``medir()`` de ``script`` en un proceso aparte: (figuras, error o None, segundos)."""
    with tempfile.TemporaryDirectory(prefix="dti-bench-") as temporal:
        salida = Path(temporal) / "figuras.json"
        entorno = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(RAIZ), str(CARPETA)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else []))}
        entorno.setdefault("QT_QPA_PLATFORM", "offscreen")
        inicio = time.perf_counter()
        try:
            proceso = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--una", str(script),
                                      "--salida", str(salida)], cwd=RAIZ, env=entorno, capture_output=True,
                                     text=True, timeout=limite_s)
        except subprocess.TimeoutExpired:
            return [], f"no terminó en {limite_s:.0f} s", time.perf_counter() - inicio
        segundos = time.perf_counter() - inicio
        if proceso.stdout.strip():
            print(proceso.stdout.rstrip(), flush=True)
        if proceso.returncode != 0:
            ultimas = [l for l in proceso.stderr.strip().splitlines() if l.strip()][-3:]
            return [], f"salió con {proceso.returncode}: " + " | ".join(ultimas), segundos
        try:
            return _validar(json.loads(salida.read_text(encoding="utf-8")), script), None, segundos
        except (OSError, ValueError) as exc:
            return [], str(exc), segundos


def _una(script: Path, salida: Path) -> int:
    """Modo hijo: importa ``script`` por ruta, llama ``medir()`` y guarda las figuras en ``salida``."""
    especificacion = importlib.util.spec_from_file_location(script.stem, script)
    modulo = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(modulo)
    figuras = modulo.medir()
    salida.write_text(json.dumps(figuras, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


def _num(valor: float | None, decimales: int) -> str:
    return "—" if valor is None else f"{valor:.{decimales}f}"


def tabla(figuras: list[dict], errores: dict[str, str]) -> str:
    """La tabla de resultados: medida, app s, base s, razón, meta, ¿cumple?"""
    lineas = [f"{'medida':<24} {'app s':>10} {'base s':>10} {'razón':>8}  {'meta':<26} cumple",
              "-" * 90]
    for f in figuras:
        meta = METAS.get(f["medida"], Meta("—"))
        cumple = f["cumple"] if "cumple" in f else meta.cumple(f)
        marca = {True: "sí", False: "NO", None: "—"}[cumple]
        lineas.append(f"{f['medida']:<24} {_num(f['app_s'], 4):>10} {_num(f.get('base_s'), 4):>10} "
                      f"{_num(f.get('razon'), 2):>8}  {meta.texto:<26} {marca}")
        if f.get("nota"):
            lineas.append(f"    {f['nota']}")
    for nombre, error in errores.items():
        lineas.append(f"{nombre:<24} {'ERROR':>10}  {error}")
    return "\n".join(lineas)


def solo_esquema(figuras: list[dict]) -> list[dict]:
    """Las figuras con exactamente las claves del esquema (lo demás es para la tabla)."""
    return [{clave: f.get(clave) for clave in CLAVES} for f in figuras]


def main(argv: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description="Corre las mediciones de bench/ y resume las cifras.")
    analizador.add_argument("temas", nargs="*", help="solo estas mediciones (p. ej. arranque oficios)")
    analizador.add_argument("--json", metavar="ARCHIVO", help="escribir las figuras en JSON")
    analizador.add_argument("--limite", type=float, default=3600, metavar="SEGUNDOS",
                            help="tiempo máximo de cada medición (por omisión 3600)")
    analizador.add_argument("--una", type=Path, help=argparse.SUPPRESS)
    analizador.add_argument("--salida", type=Path, help=argparse.SUPPRESS)
    args = analizador.parse_args(argv)
    if args.una:
        return _una(args.una, args.salida)

    figuras: list[dict] = []
    errores: dict[str, str] = {}
    for script in descubrir(args.temas):
        print(f"== {script.name}", flush=True)
        resultado, error, segundos = correr_una(script, args.limite)
        figuras.extend(resultado)
        if error:
            errores[script.stem.removeprefix("medida_")] = error
        print(f"   ({segundos:.1f} s)", flush=True)
    print()
    print(tabla(figuras, errores))
    if args.json:
        Path(args.json).write_text(json.dumps(solo_esquema(figuras), ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")
    return 1 if errores else 0


if __name__ == "__main__":
    sys.exit(main())
