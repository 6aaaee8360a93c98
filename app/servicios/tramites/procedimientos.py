"""Los 21 procedimientos del manual, como datos (``app/datos/procedimientos/pNN.json``).

Cada procedimiento tiene pasos (número, actividad, área responsable, documento del
manual) y decisiones (pregunta y a qué paso lleva cada respuesta), tal como dicen las
tablas de actividades del manual. Un paso declara además los datos que lleva: campos
que se capturan, adjuntos, el oficio que produce, su plazo en horas hábiles y las
reglas (guardias) que se revisan al cerrarlo. Otro municipio adapta el sistema
cambiando estos archivos.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.rutas import carpeta_procedimientos
from app.errores import ErrorNoEncontrado
from app.servicios.nucleo.validacion import normalizar

MANUAL = {
    "titulo": "Manual de Procedimientos de la Dirección de Tecnologías de la Información",
    "registro": "HASMT2124/MP/TM/22/0624",
    "fecha_elaboracion": "18/06/2024",
    "revision": 1,
}

TIPOS_CAMPO = ("texto", "texto_largo", "fecha", "fecha_hora", "importe", "entero", "opcion", "si_no",
               "dependencia", "servidor_publico", "proveedor", "bien", "url", "correo")
TIPOS_ADJUNTO = ("pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "zip", "txt", "xml", "csv")
FIRMANTES = ("titular_dti", "tesorero", "jefe_area", "director")

# Un responsable es de la DTI si su nombre tiene alguna de estas piezas (normalizadas).
_PIEZAS_DTI = ("tecnologias de la informacion", "departamento de sistemas", "soporte tecnico",
               "programacion de sistemas", "redes de transporte", "red de transporte", "asistente de soporte")


def es_area_dti(responsable: str) -> bool:
    """¿El responsable es un área de la Dirección de Tecnologías de la Información?"""
    normal = normalizar(responsable or "")
    return any(pieza in normal for pieza in _PIEZAS_DTI)


@dataclass(frozen=True)
class Opcion:
    etiqueta: str
    destino: str


@dataclass(frozen=True)
class Campo:
    """Un dato que se captura en un paso."""

    clave: str
    etiqueta: str
    tipo: str = "texto"
    requerido: bool = False
    opciones: tuple[str, ...] = ()
    ayuda: str = ""


@dataclass(frozen=True)
class Adjunto:
    """Un documento que el paso necesita (minuta, memoria técnica, evidencia…)."""

    clave: str
    etiqueta: str
    requerido: bool = False
    tipos: tuple[str, ...] = ("pdf",)


@dataclass(frozen=True)
class DocumentoPaso:
    """El oficio que produce el paso: plantilla de ``formatos/`` y quién lo firma."""

    plantilla: str
    firmante: str = "titular_dti"


@dataclass(frozen=True)
class Regla:
    """Una guardia con nombre (del registro de ``reglas.py``) y sus parámetros."""

    nombre: str
    parametros: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Paso:
    numero: str
    actividad: str
    responsable: str
    documento_manual: str = ""
    tantos: str = ""
    siguiente: str | None = None
    pregunta: str = ""
    opciones: tuple[Opcion, ...] = ()
    campos: tuple[Campo, ...] = ()
    adjuntos: tuple[Adjunto, ...] = ()
    documento: DocumentoPaso | None = None
    plazo_horas_habiles: float | None = None
    reglas: tuple[Regla, ...] = ()

    @property
    def es_decision(self) -> bool:
        return bool(self.opciones)

    @property
    def es_final(self) -> bool:
        return not self.opciones and self.siguiente is None

    @property
    def es_externo(self) -> bool:
        """Paso de otra área (dependencia solicitante, Tesorería, Contraloría…): la DTI registra su respuesta."""
        return not es_area_dti(self.responsable)

    def destino(self, opcion: str | None) -> str | None:
        """Paso al que lleva ``opcion`` (o el siguiente, si no es decisión)."""
        if not self.es_decision:
            return self.siguiente
        for candidata in self.opciones:
            if candidata.etiqueta.casefold() == (opcion or "").casefold():
                return candidata.destino
        raise KeyError(opcion)

    def regla(self, nombre: str) -> Regla | None:
        return next((r for r in self.reglas if r.nombre == nombre), None)


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
    # Pasos que se hacen una sola vez (p. ej. establecer e implementar las políticas del
    # procedimiento 20), no en cada caso: se muestran con el procedimiento, pero un trámite no
    # pasa por ellos. Clave «preparacion» del JSON (números de paso).
    preparacion: tuple[Paso, ...] = field(default=(), repr=False)
    # Módulo dueño de los casos («mesa_ayuda», «dictamenes», …; vacío: se llevan en Trámites).
    modulo: str = ""

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


def _campo(datos: dict) -> Campo:
    return Campo(clave=str(datos["clave"]), etiqueta=str(datos.get("etiqueta") or datos["clave"]),
                 tipo=str(datos.get("tipo") or "texto"), requerido=bool(datos.get("requerido", False)),
                 opciones=tuple(str(o) for o in datos.get("opciones") or ()), ayuda=str(datos.get("ayuda") or ""))


def _adjunto(datos: dict) -> Adjunto:
    tipos = tuple(str(t).lower().lstrip(".") for t in datos.get("tipos") or ("pdf",))
    return Adjunto(clave=str(datos["clave"]), etiqueta=str(datos.get("etiqueta") or datos["clave"]),
                   requerido=bool(datos.get("requerido", False)), tipos=tipos)


def _documento(valor: Any) -> tuple[str, DocumentoPaso | None]:
    """``documento`` de texto (archivos anteriores) es el ``documento_manual``; un objeto es el oficio."""
    if isinstance(valor, dict) and valor.get("plantilla"):
        return "", DocumentoPaso(str(valor["plantilla"]), str(valor.get("firmante") or "titular_dti"))
    return (valor if isinstance(valor, str) else ""), None


def _paso(datos: dict) -> Paso:
    decision = datos.get("decision") or {}
    texto_viejo, documento = _documento(datos.get("documento"))
    plazo = datos.get("plazo_horas_habiles")
    return Paso(
        numero=str(datos["numero"]), actividad=datos["actividad"], responsable=datos.get("responsable", ""),
        documento_manual=datos.get("documento_manual") or texto_viejo or "", tantos=datos.get("tantos", "") or "",
        siguiente=datos.get("siguiente"), pregunta=decision.get("pregunta", ""),
        opciones=tuple(Opcion(o["etiqueta"], str(o["destino"])) for o in decision.get("opciones", ())),
        campos=tuple(_campo(c) for c in datos.get("campos") or ()),
        adjuntos=tuple(_adjunto(a) for a in datos.get("adjuntos") or ()),
        documento=documento,
        plazo_horas_habiles=float(plazo) if isinstance(plazo, (int, float)) and not isinstance(plazo, bool) else None,
        reglas=tuple(Regla(str(r["nombre"]), {k: v for k, v in r.items() if k != "nombre"})
                     for r in datos.get("reglas") or () if isinstance(r, dict) and r.get("nombre")))


def cargar_archivo(ruta: Path) -> Procedimiento:
    """Lee un archivo ``pNN.json`` (sin validarlo: eso lo hace ``validacion_procedimientos``)."""
    datos = json.loads(Path(ruta).read_text(encoding="utf-8"))
    preparacion = {str(n) for n in datos.get("preparacion", ())}
    return Procedimiento(
        numero=int(datos["numero"]), nombre=datos["nombre"], titulo=datos["titulo"], area=datos["area"],
        objetivo=datos.get("objetivo", ""), fundamento_legal=tuple(datos.get("fundamento_legal", ())),
        politicas=tuple(datos.get("politicas", ())), tiempo_gestion=datos.get("tiempo_gestion", ""),
        documentos=tuple(datos.get("documentos", ())), notas=tuple(datos.get("notas", ())),
        pasos=tuple(_paso(p) for p in datos["pasos"] if str(p["numero"]) not in preparacion),
        preparacion=tuple(_paso(p) for p in datos["pasos"] if str(p["numero"]) in preparacion),
        modulo=str(datos.get("modulo") or ""))


@lru_cache(maxsize=4)
def _de_carpeta(carpeta: str) -> tuple[Procedimiento, ...]:
    return tuple(sorted((cargar_archivo(r) for r in Path(carpeta).glob("p*.json")), key=lambda p: p.numero))


def todos() -> tuple[Procedimiento, ...]:
    """Los procedimientos definidos, en orden de número."""
    return _de_carpeta(str(carpeta_procedimientos()))


def obtener(numero: int) -> Procedimiento:
    for procedimiento in todos():
        if procedimiento.numero == int(numero):
            return procedimiento
    raise ErrorNoEncontrado(f"No existe el procedimiento {numero}.")
