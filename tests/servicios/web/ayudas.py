"""Ayudas de las pruebas del módulo Web: oficios recibidos, imágenes y los pasos del trámite."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image

from app.modelos import Dependencia, PasoTramite, Tramite
from app.servicios.oficios import oficios
from app.tiempo import hoy_mexico
from tests.conftest import usuario


def oficio(siglas: str, numero: str, descripcion: str = "Solicitud de prueba"):
    dependencia = Dependencia.get(Dependencia.siglas == siglas)
    return oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio=numero, procedencia=dependencia, fecha_documento=hoy_mexico(), solicitante_nombre="Titular de prueba",
        solicitante_cargo="Titular", firmado=True, descripcion=descripcion)


def imagen(formato: str = "PNG", ancho: int = 800, alto: int = 600) -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (ancho, alto), (10, 120, 90)).save(salida, formato)
    return salida.getvalue()


def pasos(tramite_id: int) -> list[tuple[str, str, str | None]]:
    """(paso, respuesta, destino) de cada paso recorrido, en orden."""
    return [(p.paso, p.opcion, p.destino)
            for p in PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)]


def tramite(registro) -> Tramite:
    return Tramite.get_by_id(type(registro).get_by_id(registro.id).expediente_id)


def texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))
