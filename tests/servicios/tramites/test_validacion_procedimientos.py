"""Validación de una carpeta de procedimientos: esquema JSON y revisiones del flujo.

La carpeta del sistema pasa; una copia con un defecto falla nombrando archivo, paso y problema.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from app.rutas import carpeta_formatos, carpeta_procedimientos
from app.servicios.tramites import validacion_procedimientos as validacion


def _lineas(carpeta: Path, formatos: Path | None = None) -> list[str]:
    return [str(p) for p in validacion.validar_carpeta(carpeta, formatos)]


@pytest.fixture
def copia(tmp_path) -> Path:
    """Copia de los procedimientos del sistema, para romperla."""
    destino = tmp_path / "procedimientos"
    shutil.copytree(carpeta_procedimientos(), destino)
    return destino


def _editar(carpeta: Path, nombre: str, cambio) -> None:
    ruta = carpeta / nombre
    datos = json.loads(ruta.read_text(encoding="utf-8"))
    cambio(datos)
    ruta.write_text(json.dumps(datos, ensure_ascii=False, indent=2), encoding="utf-8")


def _paso(datos: dict, numero: str) -> dict:
    return next(p for p in datos["pasos"] if p["numero"] == numero)


def test_el_esquema_es_un_json_schema_2020_12_valido():
    esquema = validacion.esquema()
    assert esquema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(esquema)
    paso = esquema["$defs"]["paso"]["properties"]
    assert {"campos", "adjuntos", "documento", "plazo_horas_habiles", "reglas", "documento_manual"} <= set(paso)


def test_los_procedimientos_del_sistema_son_validos():
    assert _lineas(carpeta_procedimientos()) == []
    assert len(list(carpeta_procedimientos().glob("p*.json"))) == 21


def test_destino_que_falta(copia):
    _editar(copia, "p16.json", lambda d: _paso(d, "3")["decision"]["opciones"][1].update(destino="9"))
    assert "p16.json: paso 3: lleva al paso 9, que no existe" in _lineas(copia)


def test_paso_inalcanzable(copia):
    def agregar(datos):
        datos["pasos"].append({"numero": "5", "actividad": "Se archiva el expediente.",
                               "responsable": "Departamento de Sistemas", "siguiente": None, "decision": None})
    _editar(copia, "p16.json", agregar)
    assert "p16.json: paso 5: no se alcanza desde el inicio (paso 1)" in _lineas(copia)


def test_ciclo_sin_salida(copia):
    # «Sí» también lleva a las correcciones: 3 ↔ 3.1 para siempre y el paso 4 queda suelto.
    _editar(copia, "p16.json", lambda d: _paso(d, "3")["decision"]["opciones"][0].update(destino="3.1"))
    lineas = _lineas(copia)
    assert "p16.json: paso 3: desde este paso no se llega al fin (ciclo sin salida)" in lineas
    assert "p16.json: paso 3.1: desde este paso no se llega al fin (ciclo sin salida)" in lineas
    assert "p16.json: paso 4: no se alcanza desde el inicio (paso 1)" in lineas


def test_decision_con_una_sola_respuesta(copia):
    _editar(copia, "p16.json", lambda d: _paso(d, "3")["decision"]["opciones"].pop())
    assert "p16.json: paso 3: la decisión tiene 1 respuesta(s); necesita al menos dos" in _lineas(copia)


def test_regla_desconocida(copia):
    _editar(copia, "p16.json", lambda d: _paso(d, "2").setdefault("reglas", []).append({"nombre": "solo_en_martes"}))
    lineas = [linea for linea in _lineas(copia) if linea.startswith("p16.json: paso 2: ")]
    assert len(lineas) == 1 and "regla desconocida «solo_en_martes»" in lineas[0]
    assert "solicitante_de" in lineas[0]        # dice cuáles existen


def test_regla_con_parametro_que_no_admite(copia):
    _editar(copia, "p16.json", lambda d: _paso(d, "2").setdefault("reglas", []).append(
        {"nombre": "requiere_oficio_de_entrada", "dias": 3}))
    assert "p16.json: paso 2: la regla «requiere_oficio_de_entrada» no admite el parámetro «dias»" in _lineas(copia)


def test_solicitante_de_fuera_del_primer_paso(copia):
    _editar(copia, "p16.json", lambda d: _paso(d, "2").setdefault("reglas", []).append(
        {"nombre": "solicitante_de", "dependencias": ["Contraloría Municipal"]}))
    assert any(linea.startswith("p16.json: paso 2: la regla «solicitante_de» se revisa al abrir")
               for linea in _lineas(copia))


@pytest.fixture
def formatos(tmp_path) -> Path:
    """Copia de formatos/ con una plantilla que pide un costo."""
    destino = tmp_path / "formatos"
    shutil.copytree(carpeta_formatos(), destino)
    (destino / "prueba_costo.txt").write_text(
        "Asunto: Costo del trámite ${numero_tramite}\n\nEl costo estimado es ${costo_total} (${dependencia}).\n",
        encoding="utf-8")
    return destino


def _con_documento(datos: dict) -> None:
    _paso(datos, "4")["documento"] = {"plantilla": "prueba_costo.txt", "firmante": "titular_dti"}


def test_variable_de_plantilla_que_ningun_campo_llena(copia, formatos):
    _editar(copia, "p16.json", _con_documento)
    lineas = [linea for linea in _lineas(copia, formatos) if linea.startswith("p16.json")]
    assert lineas == ["p16.json: paso 4: la variable ${costo_total} de la plantilla «prueba_costo.txt» "
                      "no la llena ningún campo de este paso ni de uno anterior"]


def test_la_variable_la_cubre_un_campo_de_un_paso_anterior(copia, formatos):
    def cambio(datos):
        _con_documento(datos)
        _paso(datos, "2").setdefault("campos", []).append(
            {"clave": "costo_total", "etiqueta": "Costo total", "tipo": "importe", "requerido": True})
    _editar(copia, "p16.json", cambio)
    assert not [linea for linea in _lineas(copia, formatos) if linea.startswith("p16.json")]


def test_un_campo_de_un_paso_posterior_no_cubre_la_variable(copia, formatos):
    def cambio(datos):
        _paso(datos, "2")["documento"] = {"plantilla": "prueba_costo", "firmante": "titular_dti"}
        _paso(datos, "4").setdefault("campos", []).append(
            {"clave": "costo_total", "etiqueta": "Costo total", "tipo": "importe"})
    _editar(copia, "p16.json", cambio)
    assert any(linea.startswith("p16.json: paso 2: la variable ${costo_total}") for linea in _lineas(copia, formatos))


def test_plantilla_que_no_existe(copia):
    _editar(copia, "p16.json", lambda d: _paso(d, "4").update(documento={"plantilla": "no_existe.txt"}))
    assert "p16.json: paso 4: la plantilla «no_existe.txt» no existe en formatos/" in _lineas(copia)


@pytest.mark.parametrize(("cambio", "esperado"), [
    (lambda p: p.setdefault("campos", []).append({"clave": "monto", "etiqueta": "Monto", "tipo": "moneda"}),
     "«moneda» no es válido"),
    (lambda p: p.setdefault("campos", []).append({"clave": "prioridad", "etiqueta": "Prioridad", "tipo": "opcion"}),
     "falta «opciones»"),
    (lambda p: p.setdefault("adjuntos", []).append({"clave": "minuta", "etiqueta": "Minuta", "tipos": ["exe"]}),
     "«exe» no es válido"),
    (lambda p: p.update(plazo_horas_habiles=0), "debe ser mayor que 0"),
    (lambda p: p.update(documento={"plantilla": "respuesta_tramite.txt", "firmante": "el_alcalde"}),
     "«el_alcalde» no es válido"),
    (lambda p: p.update(siguentes="3"), "clave desconocida «siguentes»"),
    (lambda p: p.setdefault("reglas", []).append({"nombre": "solicitante_de"}), "falta «dependencias»"),
])
def test_json_que_no_cumple_el_esquema(copia, cambio, esperado):
    _editar(copia, "p16.json", lambda d: cambio(_paso(d, "2")))
    lineas = [linea for linea in _lineas(copia) if linea.startswith("p16.json")]
    assert lineas and all(linea.startswith("p16.json: paso 2: ") for linea in lineas), lineas
    assert any(esperado in linea for linea in lineas), lineas


def test_archivo_que_no_es_json(copia):
    (copia / "p16.json").write_text('{"numero": 16,', encoding="utf-8")
    assert any(linea.startswith("p16.json: no es JSON válido (línea 1") for linea in _lineas(copia))


def test_falta_una_clave_general(copia):
    _editar(copia, "p16.json", lambda d: d.pop("titulo"))
    assert "p16.json: falta «titulo»" in _lineas(copia)


def test_numero_de_procedimiento_repetido(copia):
    shutil.copy(copia / "p16.json", copia / "p99.json")
    assert "p99.json: el procedimiento 16 ya está en p16.json" in _lineas(copia)


def test_carpeta_vacia_o_inexistente(tmp_path):
    assert [p.mensaje for p in validacion.validar_carpeta(tmp_path)] == [
        "no tiene archivos de procedimiento (p*.json)"]
    assert [p.mensaje for p in validacion.validar_carpeta(tmp_path / "no")] == ["no es una carpeta"]


def test_las_reglas_conocidas_son_las_del_registro():
    from app.servicios.tramites.reglas import REGLAS

    assert validacion.reglas_conocidas() == frozenset(REGLAS)
    assert {"solicitante_de", "firma", "fuera_de_horario", "requiere_oficio_de_entrada"} <= validacion.reglas_conocidas()
