"""La bitácora en palabras: el nombre de cada registro y las diferencias campo por campo.

Una instantánea guarda ids y nombres internos (``"creado_por": 2``); aquí se convierten en lo
que dicen las pantallas: «Creado por: Miguel Ángel Mendoza López», «Estado: emitido →
cancelado», fechas dd/mm/aaaa e importes con signo de pesos. Los nombres de los registros se
piden por lotes (una consulta por tabla, no una por fila).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from peewee import BlobField, BooleanField, DateField, DateTimeField, DecimalField, ForeignKeyField

from app.modelos import TODOS, ModeloBase, Usuario
from app.servicios.nucleo.etiquetas_bitacora import (IDENTIFICACION, IDENTIFICACION_UNIDA, OCULTOS, REFERENCIAS,
                                                      SECRETOS, etiqueta, nombre_tabla)

VACIO = "(vacío)"
OCULTO = "(oculto)"
LARGO_MAXIMO_VALOR = 300
USUARIO_SISTEMA = "sistema"
NOMBRE_SISTEMA = "Sistema"

Clave = tuple[str, int]

# Campos de opciones fijas guardadas como clave («en_uso»): se leen sin guiones bajos.
CATALOGADOS = frozenset({"estado", "tipo", "clase", "prioridad", "resultado", "decision", "modalidad", "canal",
                         "categoria", "estado_previo_bien", "estado_bien_anterior", "unidad", "seguridad"})
_CLAVE = re.compile(r"[a-z]+(?:_[a-z]+)+")


@dataclass(frozen=True)
class Cambio:
    """Un campo que cambió: etiqueta de pantalla, valor anterior (None en un alta) y valor nuevo."""

    campo: str
    etiqueta: str
    antes: str | None
    despues: str

    def __str__(self) -> str:
        if self.antes is None:
            return f"{self.etiqueta}: {self.despues}"
        return f"{self.etiqueta}: {self.antes} → {self.despues}"


def modelos_por_tabla() -> dict[str, type[ModeloBase]]:
    """Cada modelo por el nombre de su tabla."""
    return {modelo._meta.table_name: modelo for modelo in TODOS}


def personas(nombres_usuario: Iterable[str]) -> dict[str, str]:
    """El nombre de la persona de cada usuario («director» → «Miguel Ángel Mendoza López»)."""
    buscados = {n for n in nombres_usuario if n}
    resultado = {USUARIO_SISTEMA: NOMBRE_SISTEMA} if USUARIO_SISTEMA in buscados else {}
    if buscados:
        consulta = (Usuario.select(Usuario.nombre_usuario, Usuario.nombre)
                    .where(Usuario.nombre_usuario.in_(sorted(buscados))).tuples())
        resultado.update({usuario: nombre for usuario, nombre in consulta if nombre})
    return resultado


def _texto_corto(valor: Any) -> str:
    texto = " ".join(str(valor).split())
    return texto if len(texto) <= LARGO_MAXIMO_VALOR else texto[:LARGO_MAXIMO_VALOR - 1] + "…"


class Nombrador:
    """Nombra registros por lotes: primero se anotan las claves, luego se resuelven juntas."""

    def __init__(self) -> None:
        self.modelos = modelos_por_tabla()
        self._nombres: dict[Clave, str] = {}

    def nombres(self, claves: Iterable[Clave], profundidad: int = 0) -> dict[Clave, str]:
        """El nombre de cada registro sin la clase («TM/DTI/0003/2026», «3 (Trámite …)»)."""
        pendientes = {c for c in claves if c not in self._nombres and c[1] is not None}
        if not pendientes:
            return self._nombres
        por_tabla: dict[str, set[int]] = defaultdict(set)
        for tabla, registro_id in pendientes:
            por_tabla[tabla].add(registro_id)
        propios: dict[Clave, tuple[str, Clave | None]] = {}
        for tabla, ids in por_tabla.items():
            propios.update(self._propios(tabla, ids))
        padres = {p for _t, p in propios.values() if p is not None and p not in self._nombres}
        if padres and profundidad < 2:          # el padre del padre, como mucho
            self.nombres(padres, profundidad + 1)
        for clave, (texto, padre) in propios.items():
            if padre is not None:
                texto = f"{texto} ({nombre_tabla(padre[0])} {self._nombres.get(padre, f'#{padre[1]}')})"
            self._nombres[clave] = texto
        return self._nombres

    def nombre(self, tabla: str, registro_id: int | None) -> str:
        """El nombre de un registro (resuelto antes o en este momento)."""
        if registro_id is None:
            return VACIO
        clave = (tabla, registro_id)
        if clave not in self._nombres:
            self.nombres([clave])
        return self._nombres.get(clave, f"#{registro_id}")

    def titulo(self, tabla: str, registro_id: int) -> str:
        """«Oficio TM/DTI/0003/2026», «Dependencia Tesorería Municipal»."""
        return f"{nombre_tabla(tabla)} {self.nombre(tabla, registro_id)}"

    def _propios(self, tabla: str, ids: set[int]) -> dict[Clave, tuple[str, Clave | None]]:
        """Texto propio de cada registro y la clave de su padre (si la tabla lo declara)."""
        modelo = self.modelos.get(tabla)
        campos, campo_padre = IDENTIFICACION.get(tabla, ((), None))
        resultado: dict[Clave, tuple[str, Clave | None]] = {(tabla, i): (f"#{i}", None) for i in ids}
        if modelo is None:
            return resultado
        columnas = [modelo._meta.primary_key] + [modelo._meta.fields[c] for c in campos if c in modelo._meta.fields]
        padre_campo = modelo._meta.fields.get(campo_padre) if campo_padre else None
        if isinstance(padre_campo, ForeignKeyField):
            columnas.append(padre_campo)
        else:
            padre_campo = None
        for bloque in _bloques(sorted(ids), 500):
            for fila in modelo.select(*columnas).where(modelo._meta.primary_key.in_(bloque)).tuples():
                registro_id, *valores = fila
                padre_id = valores.pop() if padre_campo is not None else None
                presentes = [_valor_nombre(v) for v in valores if v not in (None, "")]
                if tabla in IDENTIFICACION_UNIDA:
                    presentes = [" ".join(presentes)] if presentes else []
                propio = presentes[0] if presentes else f"#{registro_id}"
                padre = (padre_campo.rel_model._meta.table_name, padre_id) if padre_id is not None else None
                resultado[(tabla, registro_id)] = (propio, padre)
        return resultado


def _valor_nombre(valor: Any) -> str:
    if isinstance(valor, dt.date):
        return valor.strftime("%d/%m/%Y")
    return _texto_corto(valor)


def _bloques(lista: list[int], tamano: int) -> Iterable[list[int]]:
    for inicio in range(0, len(lista), tamano):
        yield lista[inicio:inicio + tamano]


def _referencia(modelo: type[ModeloBase] | None, campo: str) -> str | None:
    """La tabla a la que apunta ``campo`` (llave foránea o número de registro conocido)."""
    definicion = modelo._meta.fields.get(campo) if modelo is not None else None
    if isinstance(definicion, ForeignKeyField):
        return definicion.rel_model._meta.table_name
    return REFERENCIAS.get(campo)


def formatear(modelo: type[ModeloBase] | None, campo: str, valor: Any, nombrador: Nombrador) -> str:
    """El valor guardado en la instantánea, como se lee en pantalla."""
    if valor is None or valor == "":
        return VACIO
    if campo in SECRETOS:
        return OCULTO
    referencia = _referencia(modelo, campo)
    if referencia is not None and isinstance(valor, int) and not isinstance(valor, bool):
        return nombrador.nombre(referencia, valor)
    definicion = modelo._meta.fields.get(campo) if modelo is not None else None
    if isinstance(valor, bool) or isinstance(definicion, BooleanField):
        return "Sí" if valor else "No"
    if isinstance(definicion, BlobField) or (isinstance(valor, str) and valor.startswith("sha256:")):
        return "archivo " + str(valor).removeprefix("sha256:")[:12] + "…"
    if isinstance(definicion, DateTimeField):
        return _fecha_hora(str(valor))
    if isinstance(definicion, DateField):
        return _fecha(str(valor))
    if isinstance(definicion, DecimalField):
        return _importe(str(valor))
    if campo == "firmantes":
        return _firmantes(str(valor))
    if campo in CATALOGADOS and isinstance(valor, str) and _CLAVE.fullmatch(valor):
        return valor.replace("_", " ")          # «en_uso» → «en uso»
    return _texto_corto(valor)


def _firmantes(texto: str) -> str:
    """``[{"nombre": …, "cargo": …}]`` como «Nombre (cargo); …»."""
    try:
        lista = json.loads(texto)
        partes = [f"{f['nombre']} ({f['cargo']})" if f.get("cargo") else str(f["nombre"]) for f in lista]
    except (ValueError, TypeError, KeyError, AttributeError):
        return _texto_corto(texto)
    return _texto_corto("; ".join(partes)) if partes else VACIO


def _fecha_hora(texto: str) -> str:
    try:
        momento = dt.datetime.fromisoformat(texto)
    except ValueError:
        return texto
    return momento.strftime("%d/%m/%Y %H:%M")


def _fecha(texto: str) -> str:
    try:
        return dt.date.fromisoformat(texto[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return texto


def _importe(texto: str) -> str:
    try:
        return f"${Decimal(texto):,.2f}"
    except (InvalidOperation, ValueError):
        return texto


def _campos_en_orden(modelo: type[ModeloBase] | None, *instantaneas: dict[str, Any]) -> list[str]:
    """Los campos en el orden del modelo (como en las pantallas); los desconocidos al final."""
    conocidos = [f.name for f in modelo._meta.sorted_fields] if modelo is not None else []
    extra = sorted({c for foto in instantaneas for c in foto} - set(conocidos))
    return [c for c in conocidos + extra if c not in OCULTOS]


def referencias(tabla: str, instantanea: dict[str, Any], modelos: dict[str, type[ModeloBase]]) -> set[Clave]:
    """Los registros a los que apunta la instantánea (para nombrarlos por lote)."""
    modelo = modelos.get(tabla)
    claves: set[Clave] = set()
    for campo, valor in instantanea.items():
        destino = _referencia(modelo, campo)
        if destino is not None and isinstance(valor, int) and not isinstance(valor, bool):
            claves.add((destino, valor))
    return claves


def diferencias(tabla: str, anterior: dict[str, Any] | None, actual: dict[str, Any],
                nombrador: Nombrador) -> list[Cambio]:
    """Qué cambió de ``anterior`` a ``actual``; sin anterior (un alta), los campos con valor."""
    modelo = nombrador.modelos.get(tabla)
    nombrador.nombres(referencias(tabla, actual, nombrador.modelos)
                      | referencias(tabla, anterior or {}, nombrador.modelos))
    cambios: list[Cambio] = []
    for campo in _campos_en_orden(modelo, actual, anterior or {}):
        nuevo = actual.get(campo)
        if anterior is None:
            if nuevo in (None, "", False):
                continue
            cambios.append(Cambio(campo, etiqueta(tabla, campo), None, formatear(modelo, campo, nuevo, nombrador)))
            continue
        viejo = anterior.get(campo)
        if viejo == nuevo:
            continue
        if campo in SECRETOS:
            cambios.append(Cambio(campo, etiqueta(tabla, campo), OCULTO, "(cambió)"))
            continue
        cambios.append(Cambio(campo, etiqueta(tabla, campo), formatear(modelo, campo, viejo, nombrador),
                              formatear(modelo, campo, nuevo, nombrador)))
    return cambios
