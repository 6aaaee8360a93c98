"""Integridad de los datos de los 21 procedimientos del manual de la DTI (app/datos/procedimientos)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import RAIZ

DIR_PROCEDIMIENTOS = RAIZ / "app" / "datos" / "procedimientos"

NUMEROS = list(range(1, 22))

AREAS = {
    "Dirección de Tecnologías de la Información",
    "Departamento de Soporte Técnico",
    "Departamento de Programación de Sistemas",
    "Departamento de Redes de Transporte",
}

# Procedimientos que en el manual no tienen ninguna actividad de decisión.
SIN_DECISION = {4}

CLAVES_PROCEDIMIENTO = {
    "numero": int,
    "nombre": str,
    "titulo": str,
    "area": str,
    "objetivo": str,
    "fundamento_legal": list,
    "politicas": list,
    "tiempo_gestion": str,
    "documentos": list,
    "notas": list,
    "pasos": list,
}

CLAVES_PASO = {"numero", "actividad", "responsable", "documento_manual", "tantos", "siguiente", "decision"}
# Lo que el paso lleva además de su renglón de la tabla del manual (todo opcional; ver el esquema).
CLAVES_DATOS_PASO = {"campos", "adjuntos", "documento", "plazo_horas_habiles", "reglas"}


def _ruta(numero: int) -> Path:
    return DIR_PROCEDIMIENTOS / f"p{numero:02d}.json"


def _cargar(numero: int) -> dict:
    with _ruta(numero).open(encoding="utf-8") as f:
        return json.load(f)


def _destinos(paso: dict) -> list[str]:
    if paso["decision"] is not None:
        return [op["destino"] for op in paso["decision"]["opciones"]]
    if paso["siguiente"] is not None:
        return [paso["siguiente"]]
    return []


def _es_fin(paso: dict) -> bool:
    return paso["siguiente"] is None and paso["decision"] is None


def _grafo(proc: dict) -> dict[str, list[str]]:
    return {p["numero"]: _destinos(p) for p in proc["pasos"]}


def _alcanzables(grafo: dict[str, list[str]], inicio: str) -> set[str]:
    vistos = {inicio}
    pendientes = [inicio]
    while pendientes:
        actual = pendientes.pop()
        for destino in grafo.get(actual, []):
            if destino not in vistos:
                vistos.add(destino)
                pendientes.append(destino)
    return vistos


@pytest.fixture(params=NUMEROS, ids=lambda n: f"p{n:02d}")
def proc(request) -> dict:
    return _cargar(request.param)


def test_hay_exactamente_21_archivos():
    nombres = sorted(p.name for p in DIR_PROCEDIMIENTOS.glob("*.json"))
    assert nombres == [_ruta(n).name for n in NUMEROS]


@pytest.mark.parametrize("numero", NUMEROS, ids=lambda n: f"p{n:02d}")
def test_numero_coincide_con_archivo(numero):
    assert _cargar(numero)["numero"] == numero


def test_claves_y_tipos(proc):
    # «preparacion» (pasos que se hacen una sola vez) y «modulo» (quién lleva los casos) son opcionales.
    assert set(CLAVES_PROCEDIMIENTO) <= set(proc) <= set(CLAVES_PROCEDIMIENTO) | {"preparacion", "modulo"}
    for clave, tipo in CLAVES_PROCEDIMIENTO.items():
        assert isinstance(proc[clave], tipo), clave
        assert not isinstance(proc[clave], bool), clave
    for clave in ("nombre", "titulo", "objetivo", "tiempo_gestion"):
        assert proc[clave].strip(), clave
    assert proc["titulo"].startswith("Procedimiento para")
    assert proc["nombre"] in proc["titulo"] or proc["nombre"][1:] in proc["titulo"]
    for clave in ("fundamento_legal", "politicas", "documentos", "notas"):
        assert all(isinstance(x, str) and x.strip() for x in proc[clave]), clave
    assert proc["fundamento_legal"], "sin fundamento legal"
    assert proc["politicas"], "sin políticas de operación"
    assert proc["pasos"], "sin pasos"


def test_sin_html(proc):
    textos = [proc["objetivo"], *proc["fundamento_legal"], *proc["politicas"]]
    textos += [p["actividad"] for p in proc["pasos"]]
    for texto in textos:
        assert not re.search(r"</?[a-zA-Z][^>]*>", texto), texto


def test_area_valida(proc):
    assert proc["area"] in AREAS


def test_pasos_claves_y_tipos(proc):
    for paso in proc["pasos"]:
        assert CLAVES_PASO <= set(paso) <= CLAVES_PASO | CLAVES_DATOS_PASO, paso.get("numero")
        numero = paso["numero"]
        assert isinstance(numero, str) and re.fullmatch(r"\d+(\.\d+)?", numero), numero
        for clave in ("actividad", "responsable"):
            assert isinstance(paso[clave], str) and paso[clave].strip(), (numero, clave)
        for clave in ("documento_manual", "tantos"):
            assert isinstance(paso[clave], str), (numero, clave)
        assert paso["siguiente"] is None or isinstance(paso["siguiente"], str), numero
        decision = paso["decision"]
        if decision is not None:
            assert isinstance(decision, dict) and set(decision) == {"pregunta", "opciones"}, numero
            assert isinstance(decision["pregunta"], str) and decision["pregunta"].strip(), numero
            assert isinstance(decision["opciones"], list), numero
            for opcion in decision["opciones"]:
                assert set(opcion) == {"etiqueta", "destino"}, numero
                assert isinstance(opcion["etiqueta"], str) and opcion["etiqueta"].strip(), numero
                assert isinstance(opcion["destino"], str), numero


def test_numeros_de_paso_unicos(proc):
    numeros = [p["numero"] for p in proc["pasos"]]
    assert len(numeros) == len(set(numeros))


def test_destinos_existen(proc):
    existentes = {p["numero"] for p in proc["pasos"]}
    for paso in proc["pasos"]:
        for destino in _destinos(paso):
            assert destino in existentes, f"paso {paso['numero']} → {destino!r} no existe"


def test_decisiones_bien_formadas(proc):
    for paso in proc["pasos"]:
        decision = paso["decision"]
        if decision is None:
            continue
        assert paso["siguiente"] is None, f"paso {paso['numero']}: decisión con siguiente"
        etiquetas = [op["etiqueta"] for op in decision["opciones"]]
        assert len(etiquetas) >= 2, f"paso {paso['numero']}: menos de 2 opciones"
        assert len(etiquetas) == len(set(etiquetas)), f"paso {paso['numero']}: etiquetas repetidas"
        if {"Sí", "No"} & set(etiquetas):
            assert etiquetas == ["Sí", "No"], f"paso {paso['numero']}: {etiquetas}"


def test_sin_autociclos(proc):
    for paso in proc["pasos"]:
        if paso["decision"] is None:
            assert paso["siguiente"] != paso["numero"], f"paso {paso['numero']} apunta a sí mismo"


def test_todos_alcanzables_desde_el_inicio(proc):
    grafo = _grafo(proc)
    inicio = proc["pasos"][0]["numero"]
    faltan = set(grafo) - _alcanzables(grafo, inicio)
    assert not faltan, f"pasos inalcanzables desde {inicio}: {sorted(faltan)}"


def test_fin_alcanzable_desde_cada_paso(proc):
    grafo = _grafo(proc)
    fines = {p["numero"] for p in proc["pasos"] if _es_fin(p)}
    assert fines, "el procedimiento no tiene fin"
    for numero in grafo:
        assert _alcanzables(grafo, numero) & fines, f"desde el paso {numero} no se llega a un fin"


def test_documentos_corresponden_a_la_tabla(proc):
    esperados: list[str] = []
    for paso in proc["pasos"]:
        if paso["documento_manual"] and paso["documento_manual"] not in esperados:
            esperados.append(paso["documento_manual"])
    assert proc["documentos"] == esperados


def test_procedimientos_sin_decision():
    sin_decision = {
        n for n in NUMEROS if not any(p["decision"] is not None for p in _cargar(n)["pasos"])
    }
    assert sin_decision == SIN_DECISION


def test_modulos_del_esquema_son_los_de_la_aplicacion():
    """El esquema acepta exactamente los módulos que la aplicación sabe llevar, y cada uno lleva alguno."""
    from app.servicios.tramites import procedimientos
    from app.servicios.tramites.modulos import MODULOS

    esquema = json.loads((RAIZ / "app" / "datos" / "procedimiento.schema.json").read_text(encoding="utf-8"))
    assert set(esquema["properties"]["modulo"]["enum"]) == set(MODULOS)
    duenos = {p.numero: p.modulo for p in procedimientos.todos() if p.modulo}
    # Los 21 procedimientos del manual de la DTI tienen módulo (issues 14, 15 y 16).
    assert duenos == {1: "adquisiciones", 2: "mesa_ayuda", 3: "proyectos", 4: "dictamenes", 5: "respaldos",
                      6: "mesa_ayuda", 7: "mantenimiento", 8: "mantenimiento", 9: "cuentas", 10: "licencias",
                      11: "proyectos", 12: "mantenimiento", 13: "proyectos", 14: "web", 15: "proyectos", 16: "web",
                      17: "web", 18: "proyectos", 19: "videovigilancia", 20: "internet", 21: "inventario"}
