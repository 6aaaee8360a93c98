"""Los 21 procedimientos del manual, como datos (``app/datos/procedimientos/pNN.json``).

Cada procedimiento tiene pasos (número, actividad, área responsable, documento) y
decisiones (pregunta y a qué paso lleva cada respuesta), tal como dicen las tablas
de actividades del manual. Otro municipio adapta el sistema cambiando estos archivos.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from app.rutas import carpeta_procedimientos
from app.errores import ErrorNoEncontrado

MANUAL = {
    "titulo": "Manual de Procedimientos de la Dirección de Tecnologías de la Información",
    "registro": "HASMT2124/MP/TM/22/0624",
    "fecha_elaboracion": "18/06/2024",
    "revision": 1,
}


@dataclass(frozen=True)
class Opcion:
    etiqueta: str
    destino: str


@dataclass(frozen=True)
class Paso:
    numero: str
    actividad: str
    responsable: str
    documento: str = ""
    tantos: str = ""
    siguiente: str | None = None
    pregunta: str = ""
    opciones: tuple[Opcion, ...] = ()

    @property
    def es_decision(self) -> bool:
        return bool(self.opciones)

    @property
    def es_final(self) -> bool:
        return not self.opciones and self.siguiente is None

    def destino(self, opcion: str | None) -> str | None:
        """Paso al que lleva ``opcion`` (o el siguiente, si no es decisión)."""
        if not self.es_decision:
            return self.siguiente
        for candidata in self.opciones:
            if candidata.etiqueta.casefold() == (opcion or "").casefold():
                return candidata.destino
        raise KeyError(opcion)


@dataclass(frozen=True)
class Procedimiento:
    numero: int
    nombre: str
    titulo: str
    area: str
    objetivo: str
    fundamento_legal: tuple[str, ...]
    politicas: tuple[str, ...]
    tiempo_gestion: str
    documentos: tuple[str, ...]
    notas: tuple[str, ...]
    pasos: tuple[Paso, ...] = field(repr=False)

    @property
    def inicio(self) -> Paso:
        return self.pasos[0]

    def paso(self, numero: str) -> Paso:
        for paso in self.pasos:
            if paso.numero == numero:
                return paso
        raise ErrorNoEncontrado(f"El procedimiento {self.numero} no tiene el paso {numero}.")

    @property
    def clave(self) -> str:
        return f"P{self.numero:02d}"


def _paso(datos: dict) -> Paso:
    decision = datos.get("decision") or {}
    return Paso(
        numero=str(datos["numero"]), actividad=datos["actividad"], responsable=datos.get("responsable", ""),
        documento=datos.get("documento", "") or "", tantos=datos.get("tantos", "") or "",
        siguiente=datos.get("siguiente"), pregunta=decision.get("pregunta", ""),
        opciones=tuple(Opcion(o["etiqueta"], str(o["destino"])) for o in decision.get("opciones", ())))


def _cargar(ruta) -> Procedimiento:
    datos = json.loads(ruta.read_text(encoding="utf-8"))
    return Procedimiento(
        numero=int(datos["numero"]), nombre=datos["nombre"], titulo=datos["titulo"], area=datos["area"],
        objetivo=datos.get("objetivo", ""), fundamento_legal=tuple(datos.get("fundamento_legal", ())),
        politicas=tuple(datos.get("politicas", ())), tiempo_gestion=datos.get("tiempo_gestion", ""),
        documentos=tuple(datos.get("documentos", ())), notas=tuple(datos.get("notas", ())),
        pasos=tuple(_paso(p) for p in datos["pasos"]))


@lru_cache(maxsize=1)
def todos() -> tuple[Procedimiento, ...]:
    """Los procedimientos definidos, en orden de número."""
    return tuple(sorted((_cargar(r) for r in carpeta_procedimientos().glob("p*.json")),
                        key=lambda p: p.numero))


def obtener(numero: int) -> Procedimiento:
    for procedimiento in todos():
        if procedimiento.numero == int(numero):
            return procedimiento
    raise ErrorNoEncontrado(f"No existe el procedimiento {numero}.")
