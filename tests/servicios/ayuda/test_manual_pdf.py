"""PDF del manual: tabla de contenido con número de página, capítulos, imágenes y texto hostil."""
from __future__ import annotations

import io
import re

import pypdfium2

from app.documentos.manual_pdf import CapituloPdf, manual_pdf
from app.servicios.ayuda import completo
from app.servicios.ayuda.manual import carpeta_manual
from app.vistas.modulos import MODULOS


def _paginas(contenido: bytes) -> list[str]:
    documento = pypdfium2.PdfDocument(io.BytesIO(contenido))
    try:
        return [documento[i].get_textpage().get_text_range() for i in range(len(documento))]
    finally:
        documento.close()


def _entradas_del_contenido(paginas: list[str]) -> dict[str, int]:
    """«Título . . . . 12» de las páginas del contenido → {título: 12}."""
    entradas: dict[str, int] = {}
    for pagina in paginas[:8]:
        for renglon in pagina.splitlines():
            coincide = re.match(r"^(.*?)[ .]*\.\s*(\d+)\s*$", renglon.strip())
            if coincide and " . " in renglon:
                entradas[coincide.group(1).strip(" .")] = int(coincide.group(2))
    return entradas


def test_el_contenido_lleva_a_la_pagina_de_cada_capitulo():
    capitulos = [CapituloPdf("Primero", "# Primero\n\nTexto del primero.\n"),
                 CapituloPdf("Segundo", "# Segundo\n\n" + "Renglón largo de relleno. " * 600),
                 CapituloPdf("Tercero", "Sin encabezado propio: el PDF le pone su título.")]
    paginas = _paginas(manual_pdf(capitulos, subtitulo="Prueba", version="Versión 1"))
    assert "Contenido" in paginas[1]
    entradas = _entradas_del_contenido(paginas)
    assert list(entradas) == ["Primero", "Segundo", "Tercero"]
    for titulo, numero in entradas.items():
        assert titulo in paginas[numero - 1].splitlines()[1:3] or titulo in paginas[numero - 1]
        assert f"Página {numero}" in paginas[numero - 1]
    assert entradas["Tercero"] > entradas["Segundo"] + 1      # el segundo ocupa varias páginas


def test_el_manual_del_sistema_tiene_un_capitulo_por_pestana_y_por_procedimiento():
    capitulos = completo.capitulos([m.titulo for m in MODULOS])
    contenido = manual_pdf([CapituloPdf(c.titulo, c.texto) for c in capitulos], carpeta_imagenes=carpeta_manual())
    assert contenido.startswith(b"%PDF") and b"/Outlines" in contenido
    paginas = _paginas(contenido)
    indice = " ".join(paginas[1:5])
    for modulo in MODULOS:
        assert f"Pestaña {modulo.titulo}" in indice
    for numero in range(1, 22):
        assert f"Procedimiento {numero}." in indice
    texto = " ".join(" ".join(paginas).split())      # los renglones de una celda se juntan
    assert "Falta la captura" not in texto           # todas las capturas citadas se incluyeron
    assert "Alta desde CFDI" in texto and "Ctrl+Shift+N" in texto


def test_texto_hostil_se_imprime_tal_cual_y_una_captura_faltante_se_avisa(tmp_path):
    hostil = ("# Capítulo <raro> & \"comillas\"\n\n<script>alert(1)</script> **negritas sin cerrar "
              "y *cursiva* 😀 «comillas» → flecha ${variable}\n\n![Falta](capturas/no-existe.png)\n\n"
              "| a & b | <c> |\n|---|---|\n| 1 | 2 |\n")
    paginas = _paginas(manual_pdf([CapituloPdf("Raro", hostil)], carpeta_imagenes=tmp_path))
    texto = "\n".join(paginas)
    assert "<script>alert(1)</script>" in texto
    assert "Capítulo <raro> & \"comillas\"" in texto
    assert "«comillas» → flecha" in texto
    assert "Falta la captura capturas/no-existe.png" in texto
    assert "a & b" in texto


def test_la_misma_entrada_da_los_mismos_bytes(reloj):
    capitulos = [CapituloPdf("Uno", "# Uno\n\nHola.\n")]
    assert manual_pdf(capitulos) == manual_pdf(capitulos)
