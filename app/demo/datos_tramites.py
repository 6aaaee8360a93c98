"""Datos de demostración para los pasos de los trámites.

La demostración avanza trámites con valores que parecen reales (los que se le dan) y
completa con un valor de ejemplo, según su tipo, cualquier otro campo o adjunto
requerido que declare el procedimiento; así sigue cargando aunque un municipio
agregue campos a sus archivos de procedimientos.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from app.modelos import Bien, Dependencia, Proveedor, ServidorPublico, Tramite, Usuario, ahora
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import calendario_laboral
from app.servicios.tramites import reglas, tramites
from app.servicios.tramites.datos_paso import MIME
from app.servicios.tramites.procedimientos import Adjunto, Campo, Paso

_PREFERENCIA = ("pdf", "txt", "csv", "png", "jpg", "xml", "zip", "docx", "xlsx", "odt", "ods")


def _fuera_de_horario() -> dt.datetime:
    """El primer momento en punto, desde ahora, que cae fuera del horario laboral."""
    calendario = calendario_laboral.calendario()
    momento = ahora().replace(minute=0, second=0) + dt.timedelta(hours=1)
    while calendario.es_horario_laboral(momento):
        momento += dt.timedelta(hours=1)
    return momento


def _firmante_permitido(paso: Paso) -> ServidorPublico | None:
    regla = paso.regla("firma")
    institucion = catalogos.institucion()
    roles = [str(r) for r in regla.parametros.get("firmantes") or ()] if regla is not None else []
    if "tesorero" in roles and institucion.tesorero_id:
        return institucion.tesorero
    return institucion.titular_dti if institucion.titular_dti_id else None


def valor_de_ejemplo(campo: Campo, paso: Paso, tramite: Tramite | None = None) -> Any:
    """Un valor válido para ``campo`` según su tipo (y lo que piden las reglas del paso)."""
    tipo = campo.tipo
    horario = paso.regla("fuera_de_horario")
    if horario is not None and campo.clave == str(horario.parametros.get("campo") or "programado_para"):
        return _fuera_de_horario()
    if campo.clave == "firmante":
        firmante = _firmante_permitido(paso)
        if firmante is not None:
            return firmante.id if tipo == "servidor_publico" else firmante.nombre
    if tipo in ("texto", "texto_largo"):
        return f"{campo.etiqueta} (dato de demostración)"[:300]
    if tipo == "fecha":
        return ahora().date()
    if tipo == "fecha_hora":
        return ahora()
    if tipo == "importe":
        return Decimal("1500.00")
    if tipo == "entero":
        return 1
    if tipo == "opcion":
        return campo.opciones[0] if campo.opciones else ""
    if tipo == "si_no":
        return True
    if tipo == "url":
        return "https://www.texmelucan.gob.mx/"
    if tipo == "correo":
        return "demostracion@texmelucan.gob.mx"
    modelos = {"dependencia": Dependencia, "servidor_publico": ServidorPublico, "proveedor": Proveedor, "bien": Bien}
    if tipo == "dependencia" and tramite is not None and tramite.dependencia_id:
        return tramite.dependencia_id
    registro = modelos[tipo].select().order_by(modelos[tipo].id).first() if tipo in modelos else None
    return registro.id if registro is not None else None


def _pdf(texto: str) -> bytes:
    salida = io.BytesIO()
    hoja = canvas.Canvas(salida, pagesize=letter)
    hoja.drawString(72, 720, texto)
    hoja.showPage()
    hoja.save()
    return salida.getvalue()


def _zip(entradas: dict[str, bytes], primero: str | None = None) -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as archivo:
        if primero:
            archivo.writestr(primero, entradas.pop(primero), compress_type=zipfile.ZIP_STORED)
        for nombre, contenido in entradas.items():
            archivo.writestr(nombre, contenido, compress_type=zipfile.ZIP_DEFLATED)
    return salida.getvalue()


def archivo_de_ejemplo(tipo: str, texto: str = "Documento de demostración") -> bytes:
    """Un archivo pequeño y válido del tipo pedido."""
    if tipo == "pdf":
        return _pdf(texto)
    if tipo in ("txt", "csv"):
        return (texto if tipo == "txt" else f"concepto,valor\n{texto},1\n").encode("utf-8")
    if tipo in ("png", "jpg"):
        salida = io.BytesIO()
        Image.new("RGB", (8, 8), (40, 90, 160)).save(salida, format="PNG" if tipo == "png" else "JPEG")
        return salida.getvalue()
    if tipo == "xml":
        return f'<?xml version="1.0" encoding="UTF-8"?><documento>{texto}</documento>'.encode("utf-8")
    if tipo == "zip":
        return _zip({"leeme.txt": texto.encode("utf-8")})
    if tipo == "docx":
        return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    if tipo == "xlsx":
        return _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    return _zip({"mimetype": MIME[tipo].encode("ascii"), "content.xml": b"<office:document-content/>"},
                primero="mimetype")


def adjunto_de_ejemplo(adjunto: Adjunto) -> tuple[str, bytes]:
    tipo = next((t for t in _PREFERENCIA if t in adjunto.tipos), adjunto.tipos[0])
    return f"{adjunto.clave}.{tipo}", archivo_de_ejemplo(tipo, adjunto.etiqueta)


def completar(tramite: Tramite, valores: dict[str, Any] | None = None,
              adjuntos: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Los valores y adjuntos dados, más uno de ejemplo por cada requerido que falte en el paso actual."""
    paso = tramites.situacion(tramite).paso
    valores, adjuntos = dict(valores or {}), dict(adjuntos or {})
    if paso is None:
        return valores, adjuntos
    for campo in reglas.campos_del_paso(paso):
        if campo.requerido and campo.clave not in valores:
            valores[campo.clave] = valor_de_ejemplo(campo, paso, tramite)
    for adjunto in paso.adjuntos:
        if adjunto.requerido and adjunto.clave not in adjuntos:
            adjuntos[adjunto.clave] = adjunto_de_ejemplo(adjunto)
    return valores, adjuntos


def avanzar(actor: Usuario | None, tramite: Tramite, opcion: str | None = None, nota: str = "",
            adjuntos: dict[str, Any] | None = None, **valores: Any) -> Tramite:
    """Cierra el paso actual con ``valores`` (los conocidos del paso) y completa los requeridos que falten."""
    paso = tramites.situacion(tramite).paso
    conocidos = {c.clave for c in reglas.campos_del_paso(paso)} if paso is not None else set()
    valores = {clave: valor for clave, valor in valores.items() if clave in conocidos}
    completos, archivos = completar(tramite, valores, adjuntos)
    return tramites.avanzar_tramite(actor, tramite, opcion, nota, valores=completos, adjuntos=archivos)
