"""Qué funciones públicas de ``app.servicios`` escriben en la base (análisis del código, sin importarlo).

Una función escribe si abre una transacción (``transaccion()``), anota en la bitácora
(``bitacora.registrar``, ``guardar``, ``guardar_versionado``) o llama, directa o
indirectamente, a otra función de ``app.servicios`` que lo hace.
"""
from __future__ import annotations

import ast
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[3]
SERVICIOS = RAIZ / "app" / "servicios"
BASE = {("app.base_datos", "transaccion"), ("app.servicios.nucleo.bitacora", "registrar"),
        ("app.servicios.nucleo.bitacora", "guardar"), ("app.servicios.nucleo.bitacora", "guardar_versionado")}
# La infraestructura que escribe por todos (la bitácora misma, folios, llaves, correo saliente,
# el propio decorador): no son servicios que cambien un registro que el usuario tenga en pantalla.
INFRAESTRUCTURA = ("app.servicios.nucleo.bitacora.", "app.servicios.nucleo.folios.",
                   "app.servicios.nucleo.secretos.", "app.servicios.nucleo.concurrencia.",
                   "app.servicios.nucleo.endurecer_pg.", "app.servicios.nucleo.respaldo.",
                   "app.servicios.nucleo.sello_bitacora.")


def _modulo(ruta: Path) -> str:
    partes = ruta.relative_to(RAIZ).with_suffix("").parts
    return ".".join(partes[:-1] if partes[-1] == "__init__" else partes)


def _nombres(arbol: ast.Module, modulo: str) -> dict[str, tuple[str, str | None]]:
    """Nombre local → (módulo, símbolo) de cada importación (símbolo None: el nombre es un módulo)."""
    nombres: dict[str, tuple[str, str | None]] = {}
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            for alias in nodo.names:
                nombres[alias.asname or alias.name.split(".")[0]] = (alias.name, None)
        elif isinstance(nodo, ast.ImportFrom) and nodo.module:
            base = nodo.module
            if nodo.level:
                base = ".".join(modulo.split(".")[:-nodo.level] + [nodo.module])
            for alias in nodo.names:
                nombres[alias.asname or alias.name] = (base, alias.name)
    return nombres


def escritores() -> dict[str, int]:
    """Nombre completo de cada función pública de primer nivel que escribe → su línea."""
    funciones: dict[str, tuple[ast.FunctionDef, str, dict]] = {}
    for ruta in sorted(SERVICIOS.rglob("*.py")):
        arbol = ast.parse(ruta.read_text(encoding="utf-8"))
        modulo = _modulo(ruta)
        nombres = _nombres(arbol, modulo)
        for nodo in arbol.body:
            if isinstance(nodo, ast.FunctionDef):
                funciones[f"{modulo}.{nodo.name}"] = (nodo, modulo, nombres)
    llamadas: dict[str, set[tuple[str, str]]] = {}
    for nombre, (nodo, modulo, nombres) in funciones.items():
        destino: set[tuple[str, str]] = set()
        for sub in ast.walk(nodo):
            if not isinstance(sub, ast.Call):
                continue
            f = sub.func
            if isinstance(f, ast.Name):
                if f.id in nombres and nombres[f.id][1] is not None:
                    base, simbolo = nombres[f.id]
                    destino.add((base, simbolo))
                    destino.add((f"{base}.{simbolo}".rsplit(".", 1)[0], simbolo))
                else:
                    destino.add((modulo, f.id))
            elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in nombres:
                base, simbolo = nombres[f.value.id]
                destino.add((base if simbolo is None else f"{base}.{simbolo}", f.attr))
        llamadas[nombre] = destino
    escribe = {n for n, d in llamadas.items() if d & BASE}
    cambio = True
    while cambio:
        cambio = False
        for n, d in llamadas.items():
            if n not in escribe and any(f"{m}.{s}" in escribe for m, s in d):
                escribe.add(n)
                cambio = True
    return {n: funciones[n][0].lineno for n in sorted(escribe)
            if not n.rsplit(".", 1)[1].startswith("_") and not n.startswith(INFRAESTRUCTURA)}
