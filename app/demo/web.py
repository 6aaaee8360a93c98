"""Datos de demostración del módulo Web (procedimientos 14, 16 y 17).

Los hipervínculos son ficticios (``transparencia.example`` y ``.invalid``) y la demostración
nunca los pide: el resultado de verificación que se ve en la pestaña se escribe aquí como datos.
"""
from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from app.modelos import Dependencia, Oficio, Tramite, Usuario, ahora
from app.servicios.oficios import oficios
from app.servicios.web import carga, declaraciones, hipervinculos
from app.servicios.web.verificador import Resultado
from app.tiempo import hoy_mexico

SITIO = "https://transparencia.example/tesoreria"
AREAS = [
    ("Ingresos", "/transparencia/tesoreria/ingresos"),
    ("Egresos", "/transparencia/tesoreria/egresos"),
    ("Catastro", "/transparencia/tesoreria/catastro"),
    ("Contabilidad", "/transparencia/tesoreria/contabilidad"),
    ("Armonización Contable", "/transparencia/tesoreria/armonizacion-contable"),
]
# (área, fracción del artículo 77 de la ley estatal de transparencia, periodo, archivo)
ENLACES = [
    ("Ingresos", "Fracción XXI. Presupuesto asignado e informes del ejercicio", "3er trimestre 2026", "ingresos/ley-de-ingresos-2026.pdf"),
    ("Ingresos", "Fracción XLIII. Ingresos recibidos por cualquier concepto", "3er trimestre 2026", "ingresos/ingresos-3t-2026.xlsx"),
    ("Ingresos", "Fracción XLIII. Ingresos recibidos por cualquier concepto", "2o trimestre 2026", "ingresos/ingresos-2t-2026.xlsx"),
    ("Egresos", "Fracción XXI. Presupuesto asignado e informes del ejercicio", "3er trimestre 2026", "egresos/ejercicio-3t-2026.pdf"),
    ("Egresos", "Fracción XXVIII. Resultados de procedimientos de adjudicación", "3er trimestre 2026", "egresos/adjudicaciones-3t-2026.xlsx"),
    ("Egresos", "Fracción XXXII. Padrón de proveedores y contratistas", "3er trimestre 2026", "egresos/padron-proveedores-3t-2026.xlsx"),
    ("Egresos", "Fracción XXVI. Montos pagados por gastos de comunicación social", "2o trimestre 2026", "egresos/comunicacion-social-2t-2026.pdf"),
    ("Catastro", "Fracción XX. Trámites, requisitos y formatos", "2026", "catastro/tramites-catastrales-2026.pdf"),
    ("Catastro", "Fracción XIX. Servicios que ofrece", "2026", "catastro/servicios-2026.pdf"),
    ("Contabilidad", "Fracción XXXI. Informes de avances programáticos o presupuestales", "3er trimestre 2026", "contabilidad/avance-presupuestal-3t-2026.pdf"),
    ("Contabilidad", "Fracción XXXI. Informes de avances programáticos o presupuestales", "2o trimestre 2026", "contabilidad/avance-presupuestal-2t-2026.pdf"),
    ("Contabilidad", "Fracción XXII. Deuda pública", "3er trimestre 2026", "contabilidad/deuda-publica-3t-2026.pdf"),
    ("Armonización Contable", "Fracción XXXI. Estados financieros (LGCG)", "3er trimestre 2026", "armonizacion/estados-financieros-3t-2026.pdf"),
    ("Armonización Contable", "Fracción XXXI. Estados financieros (LGCG)", "2o trimestre 2026", "armonizacion/estados-financieros-2t-2026.pdf"),
]
# Resultado ficticio de la última verificación: todos responden salvo estos.
ROTOS = {
    "egresos/comunicacion-social-2t-2026.pdf": Resultado("", False, 404, "", 212, "", "HEAD"),
    "contabilidad/deuda-publica-3t-2026.pdf": Resultado("", False, 500, "", 1840, "", "GET"),
}


def _png(ancho: int, alto: int, color: tuple[int, int, int]) -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (ancho, alto), color).save(salida, "PNG")
    return salida.getvalue()


def _oficio(asistente: Usuario, numero: str, dias: int, dependencia: Dependencia, nombre: str, cargo: str,
            descripcion: str) -> Oficio:
    return oficios.registrar_oficio_entrante(
        asistente, numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=dias),
        procedencia=dependencia, solicitante_nombre=nombre, solicitante_cargo=cargo, firmado=True,
        descripcion=descripcion)


def cargar(cuentas: dict[str, Usuario], deps: dict[str, Dependencia]) -> dict[str, int]:
    """Áreas y hipervínculos con su verificación, cargas a la página web y una declaración publicada."""
    sistemas, asistente = cuentas["sistemas"], cuentas["asistente"]
    for nombre, carpeta in AREAS:
        hipervinculos.guardar_area(sistemas, nombre, carpeta)
    # Una solicitud de hipervínculos ya concluida (de ella salen los de Egresos del 3er trimestre).
    e_hv = _oficio(asistente, "TM/DE/0398/2026", 12, deps["DE"], "Ricardo Flores Aguilar", "Director de Egresos",
                   "Solicita los hipervínculos de las obligaciones de transparencia de Egresos del tercer trimestre.")
    solicitud = hipervinculos.registrar_solicitud(
        sistemas, oficio=e_hv, area=hipervinculos.area_por_nombre("Egresos"), dirigido_a="tesorero",
        descripcion="Hipervínculos de las fracciones XXI, XXVIII y XXXII del tercer trimestre de 2026.")
    hipervinculos.analizar(sistemas, solicitud, analisis="Se recibieron los tres archivos en Excel y PDF.",
                           completa=True)
    hipervinculos.cargar_hosting(sistemas, solicitud, carpeta="/transparencia/tesoreria/egresos/2026-3t")
    propios = [e for e in ENLACES if e[0] == "Egresos" and e[2] == "3er trimestre 2026"]
    hipervinculos.publicar(sistemas, solicitud, enlaces=[(f, p, f"{SITIO}/{a}") for _, f, p, a in propios],
                           url_publicacion="https://texmelucan.example/transparencia/tesoreria")
    for area, fraccion, periodo, archivo in ENLACES:
        if (area, fraccion, periodo, archivo) not in propios:
            hipervinculos.agregar_hipervinculo(sistemas, area=area, fraccion=fraccion, periodo=periodo,
                                               url=f"{SITIO}/{archivo}")
    hipervinculos.agregar_hipervinculo(sistemas, area="Catastro", fraccion="Fracción XX. Trámites, requisitos y formatos",
                                       periodo="2025", url="https://catastro-anterior.invalid/tramites-2025.pdf",
                                       descripcion="Sitio anterior de Catastro (dado de baja en 2026)")
    _verificaciones(sistemas)

    # Procedimiento 14: una publicada, una con el previo en revisión y una que espera imágenes.
    e_c1 = _oficio(asistente, "DI/0140/2026", 9, deps["DI"], "Martha Elena Cruz Solís", "Directora de Ingresos",
                   "Solicita publicar el calendario de descuentos del impuesto predial 2027 con su cartel.")
    publicada = carga.registrar(sistemas, oficio=e_c1, url_pagina="https://texmelucan.example/tesoreria/predial",
                                descripcion="Calendario de descuentos del predial 2027 y cartel de la campaña.",
                                contiene_imagenes=True)
    carga.agregar_imagenes(sistemas, publicada, [("cartel-predial-2027.png", _png(1200, 628, (0, 94, 84)))])
    carga.registrar_programacion(sistemas, publicada, cambios="Sección «Descuentos 2027» con tabla y cartel.",
                                 url_previo="https://previo.texmelucan.example/tesoreria/predial")
    carga.resolver_previo(sistemas, publicada, acepta=False, quien="Martha Elena Cruz Solís",
                          observaciones="Corregir el porcentaje de febrero: es 10 %, no 15 %.")
    carga.registrar_programacion(sistemas, publicada, cambios="Se corrigió el descuento de febrero a 10 %.")
    carga.resolver_previo(sistemas, publicada, acepta=True, quien="Martha Elena Cruz Solís")
    carga.publicar(sistemas, publicada, url_publicacion="https://texmelucan.example/tesoreria/predial#descuentos-2027",
                   fecha_publicacion=hoy_mexico())
    e_c2 = _oficio(asistente, "DC/0061/2026", 3, deps["DC"], "Sofía Navarro Peña", "Directora de Catastro",
                   "Solicita actualizar los requisitos del trámite de avalúo catastral en la página web.")
    previo = carga.registrar(sistemas, oficio=e_c2, url_pagina="https://texmelucan.example/catastro/avaluo",
                             descripcion="Requisitos y costos 2027 del avalúo catastral.", contiene_imagenes=False)
    carga.registrar_programacion(sistemas, previo, cambios="Se actualizó la lista de requisitos y la tabla de costos.",
                                 url_previo="https://previo.texmelucan.example/catastro/avaluo")
    e_c3 = _oficio(asistente, "DE/0420/2026", 1, deps["DE"], "Ricardo Flores Aguilar", "Director de Egresos",
                   "Solicita publicar los avisos de pago a proveedores de diciembre con sus infografías.")
    carga.registrar(sistemas, oficio=e_c3, url_pagina="https://texmelucan.example/tesoreria/proveedores",
                    descripcion="Avisos de pago a proveedores de diciembre e infografía del calendario.",
                    contiene_imagenes=True)

    # Procedimiento 16: una actualización ya publicada (la otra, en programación, la abre la carga general).
    e_d = _oficio(asistente, "CM/0064/2026", 15, deps["CM"], "Nadia Elizabeth Olivera Rendón", "Contralora Municipal",
                  "Solicita habilitar la declaración de modificación patrimonial 2026 en la plataforma.")
    decl = declaraciones.registrar(sistemas, oficio=e_d, actualizacion="Habilitar la declaración de modificación "
                                   "patrimonial 2026 con el formato vigente del SNA.",
                                   lineamiento="Formatos de declaración del Comité Coordinador del SNA")
    declaraciones.presentar_previo(sistemas, decl, cambios="Se habilitó el periodo de modificación (mayo) y el formato.",
                                   url_previo="https://declaraciones-pruebas.texmelucan.example", version_previo="2.4.0")
    declaraciones.resolver_previo(sistemas, decl, acepta=True, quien="Nadia Elizabeth Olivera Rendón")
    declaraciones.publicar(sistemas, decl, fecha_publicacion=hoy_mexico(),
                           url_publicacion="https://declaraciones.texmelucan.example")
    return {"hipervinculos": len(ENLACES) + 1, "solicitudes_web": 3, "declaraciones": 1}


def _verificaciones(actor: Usuario) -> None:
    """Dos verificaciones anotadas como datos (ayer todos respondían; hoy hay dos rotos y uno sin DNS)."""
    enlaces = hipervinculos.objetivos()
    ayer = ahora().replace(hour=7, minute=0, second=0) - dt.timedelta(days=1)
    hipervinculos.registrar_resultados(actor, [(h, Resultado(h.url, True, 200, "", 180 + 7 * h.id, h.url, "HEAD"))
                                               for h in enlaces if ".invalid" not in h.url], momento=ayer)
    pares = []
    for h in enlaces:
        archivo = h.url.removeprefix(f"{SITIO}/")
        if ".invalid" in h.url:
            resultado = Resultado(h.url, False, None, "DNS: no se encontró el servidor (el nombre no existe o no hay "
                                  "red).", 35, h.url, "HEAD", True)
        elif archivo in ROTOS:
            base = ROTOS[archivo]
            resultado = Resultado(h.url, False, base.codigo, "", base.milisegundos, h.url, base.metodo)
        else:
            resultado = Resultado(h.url, True, 200, "", 150 + 11 * h.id, h.url, "HEAD")
        pares.append((h, resultado))
    hipervinculos.registrar_resultados(actor, pares, momento=ayer + dt.timedelta(days=1))


def hipervinculos_transparencia(actor: Usuario, oficio: Oficio) -> Tramite:
    """El oficio de la Unidad de Transparencia (dirigido al Tesorero) abre su solicitud de hipervínculos."""
    solicitud = hipervinculos.registrar_solicitud(
        actor, oficio=oficio, area=hipervinculos.area_por_nombre("Contabilidad"), dirigido_a="tesorero",
        descripcion="Hipervínculos de las obligaciones de transparencia del tercer trimestre de 2026.",
        asunto="Hipervínculos de transparencia, tercer trimestre")
    return Tramite.get_by_id(solicitud.expediente_id)


def declaraciones_conflicto(actor: Usuario, oficio: Oficio) -> Tramite:
    """El oficio de la Contraloría: nuevo formato de conflicto de interés, en programación (paso 2)."""
    solicitud = declaraciones.registrar(actor, oficio=oficio, actualizacion="Nuevo formato de declaración de "
                                        "conflicto de interés (lineamientos 2026 del SNA).",
                                        lineamiento="Lineamientos 2026 del SNA",
                                        asunto="Formato de conflicto de interés en la plataforma de declaraciones")
    return Tramite.get_by_id(solicitud.expediente_id)
