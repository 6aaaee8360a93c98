"""Construye el paquete de Windows (o del sistema donde corra) con PyInstaller y lo mide.

Uso, desde cualquier carpeta::

    python3 instalador/construir.py [--limpio] [--probar] [--json ARCHIVO]

- Instala PyInstaller si falta (la versión del extra ``instalador`` de ``pyproject.toml``; no
  reinstala el proyecto).
- Construye ``dist/DTI/`` (una carpeta) en la raíz del proyecto; los intermedios van en ``build/``.
- Informa el tamaño total, los 15 archivos y las 15 carpetas más grandes y cuánto tardó.
- ``--probar`` corre ``dti-consola --version`` con el ejecutable construido.

En Windows el resultado alimenta a Inno Setup: ``iscc instalador\\dti.iss``.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
DIST = RAIZ / "dist"
BUILD = RAIZ / "build"
PAQUETE = DIST / "DTI"
EXE_CONSOLA = PAQUETE / ("dti-consola.exe" if os.name == "nt" else "dti-consola")
EXE_GRAFICO = PAQUETE / ("DTI.exe" if os.name == "nt" else "DTI")


def requisitos_instalador() -> list[str]:
    """Los paquetes del extra ``instalador`` de ``pyproject.toml``."""
    datos = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    return list(datos["project"]["optional-dependencies"]["instalador"])


def asegurar_pyinstaller() -> None:
    """Instala el extra ``instalador`` (solo esos paquetes) si PyInstaller no está."""
    if importlib.util.find_spec("PyInstaller") is None:
        requisitos = requisitos_instalador()
        print("Instalando " + ", ".join(requisitos) + " …", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *requisitos], check=True)


def construir(limpio: bool = False) -> float:
    """Corre PyInstaller sobre ``instalador/dti.spec``; devuelve los segundos que tardó."""
    asegurar_pyinstaller()
    orden = [sys.executable, "-m", "PyInstaller", str(RAIZ / "instalador" / "dti.spec"), "--noconfirm",
             "--log-level", "WARN", "--distpath", str(DIST), "--workpath", str(BUILD)]
    if limpio:
        orden.append("--clean")
    inicio = time.perf_counter()
    subprocess.run(orden, check=True, cwd=RAIZ)
    return time.perf_counter() - inicio


def tamano(ruta: Path) -> int:
    """Bytes de un archivo o de una carpeta completa (sin seguir enlaces)."""
    if ruta.is_symlink() or ruta.is_file():
        return ruta.lstat().st_size
    return sum(p.lstat().st_size for p in ruta.rglob("*") if p.is_symlink() or p.is_file())


def medir(paquete: Path = PAQUETE, cuantos: int = 15) -> dict:
    """Tamaño total y los ``cuantos`` archivos y carpetas más grandes (rutas relativas a ``paquete``)."""
    archivos = [(p.relative_to(paquete).as_posix(), p.lstat().st_size)
                for p in paquete.rglob("*") if p.is_file() or p.is_symlink()]
    carpetas = [(p.relative_to(paquete).as_posix(), tamano(p))
                for p in paquete.rglob("*") if p.is_dir() and not p.is_symlink()]
    por_tamano = lambda par: par[1]  # noqa: E731
    return {
        "total_bytes": sum(t for _, t in archivos),
        "archivos": len(archivos),
        "mayores_archivos": sorted(archivos, key=por_tamano, reverse=True)[:cuantos],
        "mayores_carpetas": sorted(carpetas, key=por_tamano, reverse=True)[:cuantos],
    }


def _mb(n: int) -> str:
    return f"{n / 1_048_576:8.1f} MB"


def imprimir(medida: dict) -> None:
    print(f"\nPaquete {PAQUETE}: {_mb(medida['total_bytes']).strip()} en {medida['archivos']} archivos")
    print("\nArchivos más grandes:")
    for ruta, bytes_ in medida["mayores_archivos"]:
        print(f"  {_mb(bytes_)}  {ruta}")
    print("\nCarpetas más grandes:")
    for ruta, bytes_ in medida["mayores_carpetas"]:
        print(f"  {_mb(bytes_)}  {ruta}/")


def probar() -> str:
    """Corre ``dti-consola --version`` y devuelve lo que imprimió."""
    resultado = subprocess.run([str(EXE_CONSOLA), "--version"], capture_output=True, text=True, timeout=120)
    if resultado.returncode != 0:
        raise RuntimeError(f"{EXE_CONSOLA.name} --version salió con {resultado.returncode}: {resultado.stderr}")
    return resultado.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(description="Construye y mide el paquete de PyInstaller (dist/DTI).")
    analizador.add_argument("--limpio", action="store_true", help="borrar build/ y dist/DTI antes de construir")
    analizador.add_argument("--probar", action="store_true", help="correr «dti-consola --version» al terminar")
    analizador.add_argument("--json", metavar="ARCHIVO", help="escribir tamaño y tiempo en JSON")
    args = analizador.parse_args(argv)
    if args.limpio:
        shutil.rmtree(BUILD, ignore_errors=True)
        shutil.rmtree(PAQUETE, ignore_errors=True)
    segundos = construir(args.limpio)
    medida = medir()
    imprimir(medida)
    print(f"\nConstrucción: {segundos:.1f} s")
    if args.probar:
        print(f"{EXE_CONSOLA.name} --version → {probar()}")
    if args.json:
        Path(args.json).write_text(json.dumps({"segundos": round(segundos, 1), **medida}, ensure_ascii=False,
                                              indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
