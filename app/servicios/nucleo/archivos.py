"""Archivos que entran al sistema: lectura con tope, tipo real por contenido y nombres seguros.

Todo adjunto (oficio escaneado, documento de un paso, fotografía de un bien, CFDI) pasa por
aquí:

- se lee con un tope de tamaño que se revisa **antes** de leerlo entero, y solo si es un
  archivo común (un dispositivo como ``/dev/zero`` o una tubería no se leen nunca);
- su tipo se decide **abriéndolo** como lo que dice ser (un PDF debe abrir como PDF con
  PDFium, una imagen con Pillow, un Office como ZIP con sus partes, un XML sin DTD);
- el nombre original se guarda solo como texto: sin carpetas, sin caracteres de control
  ni de formato (U+202E y demás marcas bidireccionales, espacios de ancho cero);
- al escribirlo a disco para abrirlo se usa siempre un nombre generado con la extensión
  del tipo validado (:func:`nombre_generado`): nunca el que trajo el archivo.
"""
from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import secrets
import stat
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pypdfium2
from defusedxml import ElementTree
from PIL import Image

from app.errores import ErrorDTI, ErrorValidacion

TAMANO_MAXIMO = 25 * 1024 * 1024
MAXIMO_NOMBRE = 255
_MAXIMO_DESCOMPRIMIDO = 300 * 1024 * 1024
_NO_PERMITIDOS_EN_NOMBRE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVADOS_WINDOWS = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))}
# Control (Cc), formato (Cf: U+202E, U+200B, U+2066…), sustitutos, uso privado y sin asignar.
_CATEGORIAS_FUERA = {"Cc", "Cf", "Cs", "Co", "Cn"}

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png", "jpg": "image/jpeg", "zip": "application/zip",
    "txt": "text/plain", "xml": "application/xml", "csv": "text/csv",
}
NOMBRE_TIPO = {"pdf": "PDF", "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "odt": "texto OpenDocument (.odt)",
               "ods": "hoja OpenDocument (.ods)", "png": "imagen PNG", "jpg": "imagen JPEG", "zip": "ZIP",
               "txt": "texto", "xml": "XML", "csv": "CSV"}
_EXTENSIONES = {"jpeg": "jpg", "jpe": "jpg", "text": "txt"}


@dataclass(frozen=True)
class Archivo:
    """Un archivo que pasó la revisión de contenido."""

    original: str           # el nombre con que llegó, solo como texto (limpio)
    nombre: str             # nombre seguro, con la extensión de su tipo real
    tipo: str               # pdf, docx, …
    tipo_mime: str
    contenido: bytes
    sha256: str
    tamano: int


# --- Nombres ----------------------------------------------------------------------------------

def nombre_original(nombre: object, respaldo: str = "documento") -> str:
    """El nombre con que llegó, como texto: sin carpetas, sin control ni marcas bidireccionales."""
    texto = unicodedata.normalize("NFC", str(nombre or ""))
    texto = "".join(" " if unicodedata.category(c) in ("Zl", "Zp") else c for c in texto
                    if unicodedata.category(c) not in _CATEGORIAS_FUERA)
    texto = " ".join(texto.split())
    base = PureWindowsPath(texto.replace("/", "\\")).name.strip()
    return base[:MAXIMO_NOMBRE] or respaldo


def extension_de(nombre: str) -> str:
    """La extensión declarada (sin punto, en minúsculas; «jpeg» cuenta como «jpg»)."""
    sufijo = PureWindowsPath(nombre).suffix.lower().lstrip(".")
    return _EXTENSIONES.get(sufijo, sufijo)


def nombre_seguro(nombre: str, tipo: str, respaldo: str = "documento") -> str:
    """Solo el nombre (sin carpetas ni «..\\»), sin caracteres prohibidos, con la extensión del tipo real."""
    base = nombre_original(nombre, "")
    raiz = base[: -len(PureWindowsPath(base).suffix)] if PureWindowsPath(base).suffix else base
    raiz = _NO_PERMITIDOS_EN_NOMBRE.sub("_", raiz).strip(" .")[:120]
    if not raiz or raiz.split(".")[0].lower() in _RESERVADOS_WINDOWS:
        raiz = respaldo
    return f"{raiz}.{tipo}"


def nombre_generado(tipo: str) -> str:
    """Un nombre nuevo para escribir a disco, con la extensión del tipo validado (``dti-…​.pdf``)."""
    if tipo not in MIME:
        raise ValueError(f"tipo desconocido: {tipo}")
    return f"dti-{secrets.token_hex(8)}.{tipo}"


# --- Lectura con tope -------------------------------------------------------------------------

def legible(tamano: int) -> str:
    """«25 MB», «1.5 MB» o «100 bytes»."""
    if tamano < 1024 * 1024:
        return f"{tamano:,} bytes"
    megas = tamano / 1048576
    return f"{megas:.0f} MB" if megas.is_integer() else f"{megas:.1f} MB"


def _razon(exc: OSError) -> str:
    """La causa en español (el texto del sistema operativo puede venir en inglés)."""
    razones = {errno.ENOENT: "no existe", errno.ENOTDIR: "la carpeta no existe",
               errno.EACCES: "no tiene permiso para leerlo", errno.EPERM: "no tiene permiso para leerlo",
               errno.EISDIR: "es una carpeta", errno.ENAMETOOLONG: "el nombre es demasiado largo"}
    return razones.get(exc.errno, "el sistema no permitió leerlo")


def leer(ruta: str | Path, tope: int = TAMANO_MAXIMO, campo: str = "archivo") -> tuple[str, bytes]:
    """(nombre original limpio, bytes) de ``ruta``, sin leer nunca más de ``tope`` bytes.

    Lanza :class:`ErrorValidacion` si no es un archivo común o pasa del tope, y
    :class:`ErrorDTI` si no se puede leer.
    """
    ruta = Path(ruta)
    nombre = nombre_original(ruta.name, "archivo")
    try:
        informacion = os.stat(ruta)
    except OSError as exc:
        raise ErrorDTI(f"No se pudo leer el archivo «{nombre}»: {_razon(exc)}.") from exc
    if not stat.S_ISREG(informacion.st_mode):
        raise ErrorValidacion([(campo, f"«{nombre}» no es un archivo (es una carpeta, un dispositivo o una "
                                       "tubería); elija un archivo.")])
    if informacion.st_size > tope:
        raise ErrorValidacion([(campo, f"«{nombre}» pesa {legible(informacion.st_size)}; "
                                       f"el máximo es {legible(tope)}.")])
    try:
        with open(ruta, "rb") as archivo:
            contenido = archivo.read(tope + 1)
    except OSError as exc:
        raise ErrorDTI(f"No se pudo leer el archivo «{nombre}»: {_razon(exc)}.") from exc
    if len(contenido) > tope:      # creció mientras se leía
        raise ErrorValidacion([(campo, f"«{nombre}» pesa más de {legible(tope)}; el máximo es {legible(tope)}.")])
    return nombre, contenido


# --- Tipo real por contenido ------------------------------------------------------------------

def es_pdf(contenido: bytes) -> bool:
    """¿Abre como PDF con PDFium y tiene al menos una página?"""
    if contenido.find(b"%PDF-", 0, 1024) < 0:
        return False
    try:
        documento = pypdfium2.PdfDocument(contenido)
    except (pypdfium2.PdfiumError, ValueError, OSError):
        return False
    try:
        return len(documento) > 0
    finally:
        documento.close()


def tipo_imagen(contenido: bytes) -> str | None:
    """«png» o «jpg» si la imagen abre con Pillow; None si no."""
    if not (contenido.startswith(b"\x89PNG\r\n\x1a\n") or contenido.startswith(b"\xff\xd8\xff")):
        return None
    try:
        with Image.open(io.BytesIO(contenido)) as imagen:
            formato = imagen.format
            imagen.verify()
    except Exception:  # noqa: BLE001 - Pillow lanza muchos tipos distintos ante un archivo dañado
        return None
    return {"PNG": "png", "JPEG": "jpg"}.get(formato or "")


def _tipo_zip(contenido: bytes) -> str | None:
    if not contenido.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
            miembros = archivo.infolist()
            if sum(m.file_size for m in miembros) > _MAXIMO_DESCOMPRIMIDO or archivo.testzip() is not None:
                return None
            nombres = {m.filename for m in miembros}
            if "mimetype" in nombres:
                tipo_od = archivo.read("mimetype").decode("ascii", "replace").strip()
                if tipo_od == MIME["odt"]:
                    return "odt"
                if tipo_od == MIME["ods"]:
                    return "ods"
            if "[Content_Types].xml" in nombres:
                if "word/document.xml" in nombres:
                    return "docx"
                if "xl/workbook.xml" in nombres:
                    return "xlsx"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError):
        return None
    return "zip"


def _texto(contenido: bytes) -> str | None:
    if b"\x00" in contenido:
        return None
    for codificacion in ("utf-8-sig", "cp1252"):
        try:
            texto = contenido.decode(codificacion)
        except UnicodeDecodeError:
            continue
        if re.search(r"[\x01-\x08\x0b\x0e-\x1f\x7f]", texto):
            return None
        return texto
    return None


def _es_xml(contenido: bytes) -> bool:
    try:
        ElementTree.fromstring(contenido)
    except Exception:  # noqa: BLE001 - ParseError y los rechazos de defusedxml (DTD, entidades)
        return False
    return True


def tipo_por_contenido(contenido: bytes, sugerido: str = "") -> str | None:
    """El tipo real del archivo según su contenido (no su nombre), o None si no se reconoce."""
    if not contenido:
        return None
    if contenido.find(b"%PDF-", 0, 1024) >= 0:
        return "pdf" if es_pdf(contenido) else None
    imagen = tipo_imagen(contenido)
    if imagen:
        return imagen
    if contenido.startswith(b"PK"):
        return _tipo_zip(contenido)
    texto = _texto(contenido)
    if texto is None:
        return None
    if sugerido == "xml" or texto.lstrip().startswith("<?xml"):
        return "xml" if _es_xml(contenido) else None
    return "csv" if sugerido == "csv" else "txt"


# --- Revisión completa ------------------------------------------------------------------------

def revisar(nombre: str, contenido: bytes, tipos: Sequence[str], etiqueta: str,
            respaldo: str = "documento", tope: int = TAMANO_MAXIMO) -> tuple[Archivo | None, str | None]:
    """(archivo, None) si ``contenido`` es de uno de ``tipos`` al abrirlo; (None, razón) si no."""
    original = nombre_original(nombre, respaldo)
    if not contenido:
        return None, f"«{etiqueta}»: el archivo «{original}» está vacío."
    if len(contenido) > tope:
        return None, f"«{etiqueta}»: «{original}» pesa {legible(len(contenido))}; el máximo es {legible(tope)}."
    declarado = extension_de(original)
    real = tipo_por_contenido(contenido, declarado)
    admitidos = ", ".join(tipos)
    if declarado in MIME and real != declarado and not (declarado == "txt" and real == "csv"):
        if real is None or real not in tipos:
            return None, (f"«{etiqueta}»: «{original}» dice ser {NOMBRE_TIPO[declarado]} pero su contenido no lo es "
                          f"(no se pudo abrir como {NOMBRE_TIPO[declarado]}).")
    if real is None:
        return None, f"«{etiqueta}»: no se reconoce el contenido de «{original}»; se admite: {admitidos}."
    if real == "csv" and "csv" not in tipos and "txt" in tipos:
        real = "txt"
    if real == "txt" and "txt" not in tipos and "csv" in tipos:
        real = "csv"
    if real not in tipos:
        return None, f"«{etiqueta}»: «{original}» es {NOMBRE_TIPO[real]}; aquí se admite: {admitidos}."
    return Archivo(original, nombre_seguro(original, real, respaldo), real, MIME[real], bytes(contenido),
                   hashlib.sha256(contenido).hexdigest(), len(contenido)), None


def validar(nombre: str, contenido: bytes, tipos: Sequence[str], etiqueta: str, campo: str = "archivo",
            respaldo: str = "documento", tope: int = TAMANO_MAXIMO) -> Archivo:
    """Como :func:`revisar`, pero lanza :class:`ErrorValidacion` con la razón."""
    archivo, error = revisar(nombre, contenido, tipos, etiqueta, respaldo, tope)
    if error:
        raise ErrorValidacion([(campo, error)])
    return archivo


def leer_y_validar(ruta: str | Path, tipos: Sequence[str], etiqueta: str, campo: str = "archivo",
                   nombre: str | None = None, respaldo: str = "documento",
                   tope: int = TAMANO_MAXIMO) -> Archivo:
    """Lee ``ruta`` con tope y la valida por contenido; ``nombre`` reemplaza al de la ruta."""
    leido, contenido = leer(ruta, tope, campo)
    return validar(nombre if nombre is not None else leido, contenido, tipos, etiqueta, campo, respaldo, tope)


def tipo_para_abrir(nombre: str, contenido: bytes) -> str | None:
    """El tipo con que se escribe a disco un archivo guardado para abrirlo; None si no se reconoce."""
    tipo = tipo_por_contenido(contenido, extension_de(nombre_original(nombre)))
    if tipo is None and not contenido.lstrip().startswith(b"%PDF-") and _texto(contenido) is not None:
        return "txt"        # p. ej. un XML mal formado: como texto se abre sin riesgo
    return tipo
