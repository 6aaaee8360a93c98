"""Pruebas del PDF de oficios: se lee lo que se escribió (texto, QR, imágenes)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from PIL import Image, ImageDraw

from app.documentos.fechas import fecha_larga, lugar_y_fecha
from app.documentos.oficio_pdf import DatosOficio, Firmante, generar_oficio_pdf
from app.documentos.qr import matriz_qr
from tests.conftest import RAIZ

SHA = hashlib.sha256(b"oficio de prueba").hexdigest()
TEXTO_QR = f"DTI|TM/DTI/0001/2026|Dirección de Tecnologías — Núñez|sha256:{SHA}"

CUERPO = (
    "Por medio del presente me permito solicitar su apoyo para la revisión del "
    "equipo de cómputo asignado a la Tesorería Municipal, en atención al "
    "programa anual de mantenimiento preventivo.\n\n"
    "Sin otro particular, aprovecho la ocasión para enviarle un cordial saludo."
)


@pytest.fixture
def logotipo(tmp_path: Path) -> Path:
    ruta = tmp_path / "sello.png"
    imagen = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(imagen).ellipse((5, 5, 195, 195), fill=(107, 27, 46, 255))
    imagen.save(ruta)
    return ruta


@pytest.fixture
def datos() -> DatosOficio:
    return DatosOficio(
        institucion="H. Ayuntamiento de San Martín Texmelucan, Puebla",
        lema="¡Unidos Seguimos Haciendo Historia!",
        area_emisora="Dirección de Tecnologías de la Información",
        lugar="San Martín Texmelucan, Pue.",
        fecha=date(2026, 11, 24),
        folio="TM/DTI/0001/2026",
        asunto="Mantenimiento preventivo de equipo",
        destinatario_nombre="C.P. María Fernanda Ramírez Núñez",
        destinatario_cargo="Tesorera Municipal",
        destinatario_dependencia="Tesorería Municipal",
        cuerpo=CUERPO,
        firmantes=(
            Firmante(
                "Ing. José Luis Hernández Pérez", "Director de Tecnologías de la Información"
            ),
            Firmante("Lic. Ana Karen Sánchez Flores", "Jefa de Soporte Técnico"),
        ),
        ccp=("Presidencia Municipal. Para su conocimiento.", "Archivo."),
        texto_verificacion=TEXTO_QR,
        pie="Plaza de la Constitución No. 1, Col. Centro, C.P. 74000",
    )


def _paginas_texto(pdf: bytes) -> list[str]:
    documento = pdfium.PdfDocument(pdf)
    try:
        textos = []
        for pagina in documento:
            texto = pagina.get_textpage().get_text_range()
            textos.append(" ".join(texto.split()))
        return textos
    finally:
        documento.close()


def _texto(pdf: bytes) -> str:
    return " ".join(_paginas_texto(pdf))


def _codigos_qr(pdf: bytes, indice_pagina: int = -1) -> list[zxingcpp.Barcode]:
    """Renderiza la página a 300 ppp y devuelve los QR que se leen en ella."""
    documento = pdfium.PdfDocument(pdf)
    try:
        pagina = documento[indice_pagina % len(documento)]
        imagen = pagina.render(scale=300 / 72).to_pil()
    finally:
        documento.close()
    return [
        c for c in zxingcpp.read_barcodes(imagen) if c.format == zxingcpp.BarcodeFormat.QRCode
    ]


def _tipos_objetos(pdf: bytes) -> list[int]:
    documento = pdfium.PdfDocument(pdf)
    try:
        return [objeto.type for objeto in documento[0].get_objects()]
    finally:
        documento.close()


# --- Fechas -----------------------------------------------------------------


def test_fecha_larga_en_espanol() -> None:
    assert fecha_larga(date(2026, 11, 24)) == "24 de noviembre de 2026"
    assert fecha_larga(date(2028, 2, 29)) == "29 de febrero de 2028"
    assert fecha_larga(date(2027, 1, 1)) == "1 de enero de 2027"


def test_lugar_y_fecha() -> None:
    assert (
        lugar_y_fecha("San Martín Texmelucan, Pue.", date(2026, 11, 24))
        == "San Martín Texmelucan, Pue., a 24 de noviembre de 2026"
    )


# --- Contenido --------------------------------------------------------------


def test_el_pdf_contiene_los_datos_del_oficio(datos: DatosOficio) -> None:
    texto = _texto(generar_oficio_pdf(datos))
    assert "TM/DTI/0001/2026" in texto
    assert "Mantenimiento preventivo de equipo" in texto
    assert "C.P. María Fernanda Ramírez Núñez" in texto
    assert "Tesorera Municipal" in texto
    for firmante in datos.firmantes:
        assert firmante.nombre in texto
        assert firmante.cargo in texto
    assert "c.c.p." in texto
    assert "Presidencia Municipal. Para su conocimiento." in texto
    assert "San Martín Texmelucan, Pue., a 24 de noviembre de 2026" in texto
    assert "P R E S E N T E" in texto
    assert "A T E N T A M E N T E" in texto
    assert "Página 1 de 1" in texto
    assert "Plaza de la Constitución No. 1" in texto


def test_metadatos_del_pdf(datos: DatosOficio) -> None:
    documento = pdfium.PdfDocument(generar_oficio_pdf(datos))
    try:
        metadatos = documento.get_metadata_dict()
    finally:
        documento.close()
    assert metadatos["Title"] == "Oficio TM/DTI/0001/2026"
    assert metadatos["Author"] == "Dirección de Tecnologías de la Información"
    assert metadatos["Subject"] == "Mantenimiento preventivo de equipo"


def test_texto_hostil_se_imprime_literalmente(datos: DatosOficio) -> None:
    asunto = "<b>Hola</b> & <img src='C:/x.png'/>"
    texto = _texto(generar_oficio_pdf(replace(datos, asunto=asunto)))
    assert asunto in texto


def test_cuerpo_hostil_y_largo_fluye_a_varias_paginas(datos: DatosOficio) -> None:
    trozo = "Texto con control\x0b, nulo\x00, emoji 😀👍🏽, símbolo ⏻ y acentos áéíóúñ. "
    cuerpo = (trozo * (10_000 // len(trozo) + 1))[:10_000]
    pdf = generar_oficio_pdf(replace(datos, cuerpo=cuerpo))
    paginas = _paginas_texto(pdf)
    assert len(paginas) > 1
    texto = " ".join(paginas)
    assert "acentos áéíóúñ" in texto
    assert "⏻" not in texto and "😀" not in texto  # sustituidos por «?»
    assert "símbolo ? y" in texto
    assert f"Página {len(paginas)} de {len(paginas)}" in paginas[-1]
    # La hoja de firmas nunca queda sin texto del cuerpo.
    assert "acentos" in paginas[-1]


def test_palabra_larga_sin_espacios_no_rompe(datos: DatosOficio) -> None:
    pdf = generar_oficio_pdf(replace(datos, cuerpo="x" * 10_000, asunto="y" * 2_000))
    assert len(_paginas_texto(pdf)) > 1


def test_campos_vacios_y_muchos_firmantes(datos: DatosOficio) -> None:
    firmantes = tuple(Firmante(f"Nombre {i}", f"Cargo {i}") for i in range(5))
    vacios = {"cuerpo": "", "lema": "", "ccp": (), "pie": "", "texto_verificacion": ""}
    pdf = generar_oficio_pdf(replace(datos, firmantes=firmantes, **vacios))
    texto = _texto(pdf)
    for i in range(5):
        assert f"Nombre {i}" in texto and f"Cargo {i}" in texto
    assert _codigos_qr(pdf) == []


def test_cancelado_en_todas_las_paginas(datos: DatosOficio) -> None:
    normal = _texto(generar_oficio_pdf(datos))
    assert "CANCELADO" not in normal
    pdf = generar_oficio_pdf(replace(datos, cancelado=True, cuerpo=CUERPO * 15))
    paginas = _paginas_texto(pdf)
    assert len(paginas) > 1
    assert all("CANCELADO" in pagina for pagina in paginas)


# --- QR ---------------------------------------------------------------------


def test_matriz_qr_es_cuadrada_y_sin_borde() -> None:
    matriz = matriz_qr(TEXTO_QR)
    assert len(matriz) >= 21 and all(len(fila) == len(matriz) for fila in matriz)
    # Patrón de localización en la esquina: fila superior oscura (sin zona de silencio).
    assert all(matriz[0][:7])
    with pytest.raises(ValueError):
        matriz_qr("x", "Z")


@pytest.mark.parametrize("parrafos", [1, 6, 11])
def test_qr_se_lee_y_queda_abajo_a_la_derecha_sin_tapar_texto(
    datos: DatosOficio, parrafos: int
) -> None:
    cuerpo = "\n\n".join([CUERPO] * parrafos)
    pdf = generar_oficio_pdf(replace(datos, cuerpo=cuerpo))
    codigos = _codigos_qr(pdf)
    assert [c.text for c in codigos] == [TEXTO_QR]

    escala = 300 / 72
    posicion = codigos[0].position
    esquinas = [posicion.top_left, posicion.top_right, posicion.bottom_left, posicion.bottom_right]
    izquierda = min(p.x for p in esquinas) / escala
    derecha = max(p.x for p in esquinas) / escala
    arriba = min(p.y for p in esquinas) / escala
    abajo = max(p.y for p in esquinas) / escala

    documento = pdfium.PdfDocument(pdf)
    try:
        pagina = documento[len(documento) - 1]
        ancho, alto = pagina.get_size()
        assert izquierda > ancho / 2 and arriba > alto / 2  # cuadrante inferior derecho
        # Ningún carácter se encima al QR (con 1 mm de holgura).
        holgura = 72 / 25.4
        textos = pagina.get_textpage()
        for i in range(textos.count_chars()):
            x0, y0, x1, y1 = textos.get_charbox(i)
            y0, y1 = alto - y1, alto - y0  # a coordenadas con origen arriba
            encimado = (
                x0 < derecha + holgura
                and x1 > izquierda - holgura
                and y0 < abajo + holgura
                and y1 > arriba - holgura
            )
            assert not encimado, textos.get_text_range(i, 1)
    finally:
        documento.close()


# --- Determinismo -----------------------------------------------------------


def test_mismos_datos_mismos_bytes(datos: DatosOficio, logotipo: Path) -> None:
    datos = replace(datos, logotipo=logotipo)
    assert generar_oficio_pdf(datos) == generar_oficio_pdf(datos)
    assert generar_oficio_pdf(datos) != generar_oficio_pdf(
        replace(datos, folio="TM/DTI/0002/2026")
    )


# --- Logotipo ---------------------------------------------------------------


def test_logotipo_se_incrusta_como_imagen(datos: DatosOficio, logotipo: Path) -> None:
    assert pdfium_c.FPDF_PAGEOBJ_IMAGE == 3
    assert pdfium_c.FPDF_PAGEOBJ_IMAGE not in _tipos_objetos(generar_oficio_pdf(datos))
    con_logo = generar_oficio_pdf(replace(datos, logotipo=logotipo))
    assert pdfium_c.FPDF_PAGEOBJ_IMAGE in _tipos_objetos(con_logo)


def test_logotipo_del_proyecto(datos: DatosOficio) -> None:
    ruta = RAIZ / "recursos" / "logotipo.png"
    assert ruta.is_file()
    pdf = generar_oficio_pdf(replace(datos, logotipo=ruta))
    assert pdfium_c.FPDF_PAGEOBJ_IMAGE in _tipos_objetos(pdf)


def test_logotipo_faltante_o_corrupto_no_rompe(datos: DatosOficio, tmp_path: Path) -> None:
    corrupto = tmp_path / "corrupto.png"
    corrupto.write_bytes(b"esto no es una imagen")
    for ruta in (tmp_path / "no_existe.png", corrupto, tmp_path):
        pdf = generar_oficio_pdf(replace(datos, logotipo=ruta))
        assert "TM/DTI/0001/2026" in _texto(pdf)
        assert pdfium_c.FPDF_PAGEOBJ_IMAGE not in _tipos_objetos(pdf)
