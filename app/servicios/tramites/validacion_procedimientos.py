"""Revisión de una carpeta de procedimientos (``pNN.json``) antes de usarla.

Otro municipio adopta el sistema cambiando estos archivos; aquí se comprueba que
estén bien escritos antes de cargarlos:

* contra el JSON Schema ``app/datos/procedimiento.schema.json`` (biblioteca ``jsonschema``);
* y con revisiones que un esquema no expresa: todo destino existe, desde todo paso se
  llega al fin, todo paso se alcanza desde el inicio, toda decisión tiene al menos dos
  respuestas, toda plantilla existe en ``formatos/`` y cada ``${…}`` suyo lo llena un
  campo de ese paso o de uno anterior (o una variable estándar del trámite), y toda
  regla está en el registro.

Cada problema se informa como ``archivo: paso N: problema``.
"""
from __future__ import annotations

import json
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from app.rutas import carpeta_formatos, carpeta_procedimientos
from app.servicios.tramites.procedimientos import Campo, Paso, Regla
from app.servicios.tramites.reglas import REGLAS, campos_del_paso, problemas_de_regla

# Junto a la carpeta de los procedimientos: app/datos/procedimiento.schema.json (dato del paquete).
RUTA_ESQUEMA = carpeta_procedimientos().parent / "procedimiento.schema.json"

# Variables que el trámite y la institución llenan solos en cualquier plantilla.
VARIABLES_ESTANDAR = frozenset({
    "numero_tramite", "asunto", "procedimiento", "dependencia", "solicitante", "solicitante_cargo",
    "oficio_entrada", "fecha", "lugar", "institucion", "area", "titular_dti", "tesorero"})


@dataclass(frozen=True)
class Problema:
    """Un problema de un archivo de procedimiento; ``paso`` es None si no es de un paso."""

    archivo: str
    paso: str | None
    mensaje: str

    def __str__(self) -> str:
        if self.paso is None:
            return f"{self.archivo}: {self.mensaje}"
        return f"{self.archivo}: paso {self.paso}: {self.mensaje}"


@lru_cache(maxsize=1)
def esquema() -> dict:
    """El JSON Schema (draft 2020-12) de un archivo de procedimiento."""
    return json.loads(RUTA_ESQUEMA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validador() -> Draft202012Validator:
    Draft202012Validator.check_schema(esquema())
    return Draft202012Validator(esquema())


def validar_carpeta(carpeta: Path | str | None = None, formatos: Path | str | None = None) -> list[Problema]:
    """Revisa todos los ``p*.json`` de ``carpeta`` (por omisión, los del sistema)."""
    carpeta = Path(carpeta) if carpeta is not None else carpeta_procedimientos()
    if not carpeta.is_dir():
        return [Problema(str(carpeta), None, "no es una carpeta")]
    archivos = sorted(carpeta.glob("p*.json"))
    if not archivos:
        return [Problema(str(carpeta), None, "no tiene archivos de procedimiento (p*.json)")]
    problemas: list[Problema] = []
    numeros: dict[int, str] = {}
    for ruta in archivos:
        problemas.extend(validar_archivo(ruta, formatos))
        numero = _numero_del_archivo(ruta)
        if numero is not None:
            if numero in numeros:
                problemas.append(Problema(ruta.name, None, f"el procedimiento {numero} ya está en {numeros[numero]}"))
            numeros.setdefault(numero, ruta.name)
    return problemas


def _numero_del_archivo(ruta: Path) -> int | None:
    try:
        numero = json.loads(ruta.read_text(encoding="utf-8")).get("numero")
    except (OSError, ValueError, AttributeError):
        return None
    return numero if isinstance(numero, int) else None


def validar_archivo(ruta: Path | str, formatos: Path | str | None = None) -> list[Problema]:
    """Revisa un archivo de procedimiento: esquema y revisiones semánticas."""
    ruta = Path(ruta)
    try:
        datos = json.loads(ruta.read_text(encoding="utf-8"))
    except OSError as exc:
        return [Problema(ruta.name, None, f"no se pudo leer: {exc.strerror or exc}")]
    except UnicodeDecodeError:
        return [Problema(ruta.name, None, "no está en UTF-8")]
    except json.JSONDecodeError as exc:
        return [Problema(ruta.name, None, f"no es JSON válido (línea {exc.lineno}, columna {exc.colno}): {exc.msg}")]
    return validar_datos(datos, ruta.name, formatos)


def validar_datos(datos: object, archivo: str, formatos: Path | str | None = None) -> list[Problema]:
    """Revisa el contenido ya leído de un archivo; ``archivo`` solo nombra los problemas."""
    errores = sorted(_validador().iter_errors(datos), key=lambda e: list(map(str, e.absolute_path)))
    problemas = [_problema_de_esquema(e, datos, archivo) for e in errores]
    if problemas:
        # Con la forma equivocada las revisiones semánticas dirían lo mismo de otro modo.
        return problemas
    carpeta = Path(formatos) if formatos is not None else carpeta_formatos()
    return list(_revisar(datos, archivo, carpeta))


# ---------------------------------------------------------------------------------------------
# Errores del esquema, en español
# ---------------------------------------------------------------------------------------------
def _problema_de_esquema(error: ValidationError, datos: object, archivo: str) -> Problema:
    while error.validator in ("anyOf", "oneOf") and error.context:
        # «documento» puede ser texto u objeto: se informa el error de la forma que sí tiene.
        propios = [e for e in error.context if e.validator != "type"]
        if not propios:
            break
        error = best_match(propios)
    ruta = list(error.absolute_path)
    paso = None
    if len(ruta) >= 2 and ruta[0] == "pasos" and isinstance(ruta[1], int):
        crudo = datos["pasos"][ruta[1]]
        numero = crudo.get("numero") if isinstance(crudo, dict) else None
        paso = str(numero) if isinstance(numero, (str, int)) else f"#{ruta[1] + 1}"
        ruta = ruta[2:]
    lugar = ".".join(str(p) if not isinstance(p, int) else f"[{p + 1}]" for p in ruta).replace(".[", "[")
    texto = _mensaje(error)
    return Problema(archivo, paso, f"«{lugar}»: {texto}" if lugar else texto)


_TIPOS = {"string": "texto", "integer": "número entero", "number": "número", "object": "objeto",
          "array": "lista", "boolean": "verdadero/falso", "null": "null"}


def _mensaje(error: ValidationError) -> str:
    validador, valor = error.validator, error.validator_value
    if validador == "required":
        faltan = [c for c in valor if isinstance(error.instance, dict) and c not in error.instance]
        return "falta " + ", ".join(f"«{c}»" for c in faltan)
    if validador == "additionalProperties":
        sobran = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return "clave desconocida " + ", ".join(f"«{c}»" for c in sobran)
    if validador == "type":
        tipos = [valor] if isinstance(valor, str) else valor
        return f"debe ser {' o '.join(_TIPOS.get(t, t) for t in tipos)}, no {json.dumps(error.instance, ensure_ascii=False)}"
    if validador == "enum":
        return (f"«{error.instance}» no es válido; se acepta: " + ", ".join(str(v) for v in valor))
    if validador == "const":
        return f"debe ser «{valor}»"
    if validador == "pattern":
        return f"«{error.instance}» no tiene la forma esperada ({error.schema.get('description') or valor})"
    if validador == "minItems":
        return f"necesita al menos {valor} elemento(s)"
    if validador == "minLength":
        return "no puede estar vacío"
    if validador == "uniqueItems":
        return "tiene elementos repetidos"
    if validador in ("minimum", "exclusiveMinimum"):
        return f"debe ser mayor {'o igual ' if validador == 'minimum' else ''}que {valor}"
    if validador == "not" and isinstance(error.instance, dict) and "opciones" in error.instance:
        return "«opciones» solo va con el tipo «opcion»"
    if validador == "anyOf":
        return f"valor no válido: {json.dumps(error.instance, ensure_ascii=False)[:80]}"
    return f"no cumple el esquema ({validador})"


# ---------------------------------------------------------------------------------------------
# Revisiones semánticas (el contenido ya cumple el esquema)
# ---------------------------------------------------------------------------------------------
def _revisar(datos: dict, archivo: str, formatos: Path) -> Iterator[Problema]:
    preparacion = [str(n) for n in datos.get("preparacion", ())]
    todos = {p["numero"] for p in datos["pasos"]}
    for numero in preparacion:
        if numero not in todos:
            yield Problema(archivo, numero, "está en «preparacion» pero no existe")
    # Los pasos de preparación se hacen una vez, no en cada caso: el flujo de un trámite no los cuenta.
    pasos = [p for p in datos["pasos"] if p["numero"] not in preparacion]
    if not pasos:
        yield Problema(archivo, None, "todos los pasos son de preparación: no queda flujo para un trámite")
        return
    numeros = [p["numero"] for p in pasos]
    vistos: set[str] = set()
    for numero in numeros:
        if numero in vistos:
            yield Problema(archivo, numero, "número de paso repetido")
        vistos.add(numero)
    grafo = {p["numero"]: _destinos(p) for p in pasos}
    for paso in pasos:
        yield from _revisar_paso(paso, archivo, grafo)
    finales = [n for n, destinos in grafo.items() if not destinos]
    if not finales:
        yield Problema(archivo, None, "ningún paso termina el procedimiento (todos tienen «siguiente» o decisión)")
    alcanzables = _alcanzables(numeros[0], grafo)
    llegan_al_fin = _alcanzables_en_reversa(finales, grafo)
    for numero in dict.fromkeys(numeros):
        if numero not in alcanzables:
            yield Problema(archivo, numero, f"no se alcanza desde el inicio (paso {numeros[0]})")
        elif finales and numero not in llegan_al_fin:
            yield Problema(archivo, numero, "desde este paso no se llega al fin (ciclo sin salida)")
    yield from _revisar_plantillas(pasos, archivo, grafo, formatos)


def _destinos(paso: dict) -> list[str]:
    decision = paso.get("decision")
    if decision:
        return [o["destino"] for o in decision["opciones"]]
    return [paso["siguiente"]] if paso.get("siguiente") else []


def _revisar_paso(paso: dict, archivo: str, grafo: dict[str, list[str]]) -> Iterator[Problema]:
    numero = paso["numero"]
    for destino in grafo[numero]:
        if destino not in grafo:
            yield Problema(archivo, numero, f"lleva al paso {destino}, que no existe")
        elif destino == numero and not paso.get("decision"):
            yield Problema(archivo, numero, "su «siguiente» es él mismo")
    decision = paso.get("decision")
    if decision:
        opciones = decision["opciones"]
        if len(opciones) < 2:
            yield Problema(archivo, numero, f"la decisión tiene {len(opciones)} respuesta(s); necesita al menos dos")
        etiquetas = [o["etiqueta"].casefold() for o in opciones]
        for repetida in sorted({e for e in etiquetas if etiquetas.count(e) > 1}):
            yield Problema(archivo, numero, f"la respuesta «{repetida}» está repetida")
    yield from _repetidas(archivo, numero, "campo", [c["clave"] for c in paso.get("campos", ())])
    yield from _repetidas(archivo, numero, "adjunto", [a["clave"] for a in paso.get("adjuntos", ())])
    for regla in _reglas(paso):
        for problema in problemas_de_regla(regla):
            yield Problema(archivo, numero, problema)
        if regla.nombre == "solicitante_de" and numero != next(iter(grafo)):
            yield Problema(archivo, numero, "la regla «solicitante_de» se revisa al abrir el trámite: "
                                            "debe ir en el primer paso")


def _reglas(paso: dict) -> list[Regla]:
    return [Regla(r["nombre"], {k: v for k, v in r.items() if k != "nombre"}) for r in paso.get("reglas", ())]


def _repetidas(archivo: str, numero: str, que: str, claves: list[str]) -> Iterator[Problema]:
    for clave in sorted({c for c in claves if claves.count(c) > 1}):
        yield Problema(archivo, numero, f"la clave de {que} «{clave}» está repetida")


def _alcanzables(inicio: str, grafo: dict[str, list[str]]) -> set[str]:
    vistos, pendientes = {inicio}, [inicio]
    while pendientes:
        for destino in grafo.get(pendientes.pop(), ()):
            if destino in grafo and destino not in vistos:
                vistos.add(destino)
                pendientes.append(destino)
    return vistos


def _reverso(grafo: dict[str, list[str]]) -> dict[str, list[str]]:
    """El grafo con las flechas al revés: de cada paso, los que llevan a él."""
    reverso: dict[str, list[str]] = {n: [] for n in grafo}
    for origen, destinos in grafo.items():
        for destino in destinos:
            if destino in reverso:
                reverso[destino].append(origen)
    return reverso


def _alcanzables_en_reversa(finales: Iterable[str], grafo: dict[str, list[str]]) -> set[str]:
    reverso = _reverso(grafo)
    return set().union(*(_alcanzables(f, reverso) for f in finales)) if finales else set()


def _revisar_plantillas(pasos: list[dict], archivo: str, grafo: dict[str, list[str]],
                        formatos: Path) -> Iterator[Problema]:
    reverso = _reverso(grafo)
    campos_de = {p["numero"]: _campos_que_llena(p) for p in pasos}
    for paso in pasos:
        documento = paso.get("documento")
        if not isinstance(documento, dict):
            continue
        numero = paso["numero"]
        nombre = documento["plantilla"]
        ruta = formatos / (nombre if nombre.endswith(".txt") else f"{nombre}.txt")
        if not ruta.is_file():
            yield Problema(archivo, numero, f"la plantilla «{nombre}» no existe en {formatos.name}/")
            continue
        try:
            variables = string.Template(ruta.read_text(encoding="utf-8")).get_identifiers()
        except (OSError, UnicodeDecodeError) as exc:
            yield Problema(archivo, numero, f"no se pudo leer la plantilla «{nombre}»: {exc}")
            continue
        # «Un paso anterior»: cualquiera desde el que se llega a este (el propio, incluido).
        disponibles = set(VARIABLES_ESTANDAR)
        for anterior in _alcanzables(numero, reverso):
            disponibles |= campos_de[anterior]
        faltan = [v for v in dict.fromkeys(variables) if v not in disponibles]
        for variable in faltan:
            yield Problema(archivo, numero, f"la variable ${{{variable}}} de la plantilla «{nombre}» "
                                            "no la llena ningún campo de este paso ni de uno anterior")


def _campos_que_llena(paso: dict) -> set[str]:
    """Claves que el motor pide al cerrar el paso: las declaradas, las de un paso de otra área
    (quién respondió, cuándo, oficio) y las que piden sus reglas (p. ej. «firmante»)."""
    campos = tuple(Campo(c["clave"], c["etiqueta"], c["tipo"]) for c in paso.get("campos", ()))
    minimo = Paso(numero=paso["numero"], actividad=paso["actividad"], responsable=paso["responsable"],
                  campos=campos, reglas=tuple(_reglas(paso)))
    return {c.clave for c in campos_del_paso(minimo)}


def reglas_conocidas() -> frozenset[str]:
    """Nombres de las reglas del registro en código (``reglas.REGLAS``)."""
    return frozenset(REGLAS)
