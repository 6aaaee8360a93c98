"""Firma electrónica de oficios emitidos con la e.firma (SAT) del firmante: PAdES con pyHanko.

El PDF congelado del oficio no cambia: el firmado se guarda aparte, como un documento del oficio
(:class:`~app.modelos.Adjunto`) con su SHA-256, y se anota en la bitácora. La llave privada y su
contraseña solo se usan en memoria; no se escriben en disco ni en la base.
"""
from __future__ import annotations

import hashlib
import json

from app.base_datos import transaccion
from app.documentos import efirma as lector_efirma
from app.errores import ErrorDTI
from app.modelos import Adjunto, Oficio, Usuario, ahora
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.validacion import normalizar
from app.servicios.oficios import oficios
from app.tiempo import ahora_mexico

SUFIJO_FIRMADO = "-firmado.pdf"
ACCION_BITACORA = "firma electrónica de oficio"


def nombre_firmado(oficio: Oficio) -> str:
    """Nombre del documento firmado: el folio sin «/» ni espacios, con «-firmado.pdf»."""
    limpio = "".join(c if c.isalnum() or c in "-_." else "-" for c in oficio.folio)
    return f"{limpio}{SUFIJO_FIRMADO}"


def _exigir_firmante(oficio: Oficio, nombre_certificado: str) -> None:
    """El certificado debe ser de uno de los firmantes del oficio (se comparan sin acentos ni mayúsculas)."""
    firmantes = [f.get("nombre", "") for f in json.loads(oficio.firmantes or "[]")]
    if normalizar(nombre_certificado) not in {normalizar(n) for n in firmantes}:
        nombres = " y ".join(firmantes) or "nadie"
        raise ErrorDTI(f"La e.firma es de {nombre_certificado}, pero el oficio {oficio.folio} lo firma {nombres}: "
                       "use la e.firma del firmante.")


def firmar_oficio(actor: Usuario | None, oficio: Oficio, cer: bytes, key: bytes, contrasena: str, *,
                  visible: bool = True) -> Adjunto:
    """Firma el PDF congelado de un oficio emitido con la e.firma y guarda el firmado como documento aparte.

    Rechaza con :class:`ErrorDTI` (sin escribir nada) una contraseña equivocada, un .cer que no es
    de la .key, un certificado de sello digital, uno vencido o uno que no es de un firmante del oficio.
    """
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    if oficio.tipo != oficios.SALIENTE or oficio.pdf is None:
        raise ErrorDTI("Solo se firman oficios emitidos con folio.")
    if oficio.estado != oficios.EMITIDO:
        raise ErrorDTI(f"El oficio {oficio.folio} está «{oficio.estado}»: no se puede firmar.")
    momento = ahora_mexico()
    efirma = lector_efirma.leer_efirma(cer, key, contrasena, momento)
    _exigir_firmante(oficio, efirma.nombre)
    institucion = catalogos.institucion()
    firmado = lector_efirma.firmar_pdf(
        bytes(oficio.pdf), efirma, momento, motivo=f"Firma del oficio {oficio.folio}",
        lugar=institucion.lugar, visible=visible)
    with transaccion():
        documento = Adjunto.create(
            oficio=oficio, nombre_archivo=nombre_firmado(oficio), contenido=firmado,
            sha256=hashlib.sha256(firmado).hexdigest(), tamano=len(firmado), creado_por=actor,
            creado_en=ahora())
        bitacora.registrar(documento, ACCION_BITACORA, actor)
    return documento


def firmados_de(oficio: Oficio) -> list[dict]:
    """Los PDF firmados del oficio, sin su contenido (el más reciente al final)."""
    return [fila for fila in oficios.adjuntos_de(oficio) if fila["nombre_archivo"].endswith(SUFIJO_FIRMADO)]
