"""Cada oficio ancla la bitácora (issue 17, punto 2): su QR lleva posición y hash de la cadena."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from app.consola.principal import principal
from app.modelos import Bitacora, Oficio
from app.servicios.oficios import oficios
from tests.conftest import usuario


def _qr_de_pdf(contenido: bytes) -> list[str]:
    documento = pdfium.PdfDocument(contenido)
    try:
        imagen = documento[len(documento) - 1].render(scale=300 / 72).to_pil()
    finally:
        documento.close()
    return [r.text for r in zxingcpp.read_barcodes(imagen) if r.format == zxingcpp.BarcodeFormat.QRCode]


def _emitir(asunto: str = "Alta de equipo") -> Oficio:
    return oficios.emitir_oficio(usuario("director"), destinatario_nombre="Laura Hernández Sánchez",
                                 asunto=asunto, cuerpo="Le solicito dar de alta el equipo.")


def _verificar(url: str, texto: str, capsys) -> tuple[int, str]:
    codigo = principal(["oficio", "verificar", texto, "--db", url])
    salida = capsys.readouterr()
    return codigo, (salida.out + salida.err).strip()


def test_el_qr_impreso_lleva_posicion_y_hash_de_la_cadena(demo):
    oficio = _emitir()
    [leido] = _qr_de_pdf(oficios.pdf_de_oficio(oficio))
    prefijo, folio, huella, posicion, hash_ = leido.split("|")
    assert (prefijo, folio, huella) == (oficios.PREFIJO_QR, oficio.folio, oficio.huella)
    # La posición es una entrada real de la bitácora con ese hash, y la emisión se encadena a ella.
    assert Bitacora.get_by_id(int(posicion)).hash == hash_
    emision = Bitacora.get((Bitacora.tabla == "oficio") & (Bitacora.registro_id == oficio.id)
                           & (Bitacora.accion == "emisión de oficio"))
    assert emision.hash_anterior == hash_ and emision.id > int(posicion)
    assert oficios.verificar_qr(leido) == (True, f"Oficio {oficio.folio} auténtico, emitido el "
                                                 f"{oficio.fecha_documento:%d/%m/%Y}.")


def test_reimprimir_no_cambia_el_pdf_ni_el_qr(demo):
    oficio = _emitir()
    congelado = oficios.pdf_de_oficio(oficio)
    releido = oficios.por_folio(oficio.folio)
    assert oficios.pdf_de_oficio(releido) == congelado
    assert oficios._generar_pdf(releido) == congelado
    # Cancelado se regenera con la marca, pero el QR es el mismo que el del papel original.
    oficios.cancelar_oficio(usuario("director"), releido, "Duplicado")
    assert _qr_de_pdf(oficios.pdf_de_oficio(oficios.por_folio(oficio.folio))) == _qr_de_pdf(congelado)


def test_oficio_de_antes_del_ancla_se_verifica_como_siempre(demo, url_bd, capsys):
    oficio = _emitir()
    huella = oficio.huella
    # Un oficio emitido antes de la migración 0014: sin ancla, su QR tiene tres partes.
    Oficio.update(ancla_posicion=None, ancla_hash=None).where(Oficio.id == oficio.id).execute()
    antiguo = oficios.por_folio(oficio.folio)
    texto = oficios.texto_qr(antiguo)
    assert texto == f"{oficios.PREFIJO_QR}|{oficio.folio}|{huella}"
    assert oficios._huella(antiguo) == huella
    assert _verificar(url_bd, texto, capsys) == (0, f"Oficio {oficio.folio} auténtico, emitido el "
                                                    f"{oficio.fecha_documento:%d/%m/%Y}.")


@pytest.mark.parametrize("corte", ["despues_del_ancla", "desde_el_ancla"])
def test_truncar_la_bitacora_hace_fallar_la_verificacion(demo, url_bd, capsys, corte):
    oficio = _emitir()
    texto = oficios.texto_qr(oficio)
    assert _verificar(url_bd, texto, capsys)[0] == 0
    from app.base_datos import bd

    posicion = oficio.ancla_posicion
    # Se quita la cola: lo que siguió al ancla (la emisión) o también el ancla misma (el folio).
    desde = posicion + 1 if corte == "despues_del_ancla" else posicion
    bd.execute_sql(f"DELETE FROM bitacora WHERE id >= {desde}")
    codigo, mensaje = _verificar(url_bd, texto, capsys)
    assert codigo == 1
    if corte == "despues_del_ancla":
        assert mensaje == (f"Falta en la bitácora la entrada de la emisión del oficio {oficio.folio} "
                           f"(la que sigue a la n.º {posicion}): se quitó o se rehízo.")
    else:
        assert mensaje.startswith(f"La bitácora ya no tiene la entrada n.º {posicion} que el oficio "
                                  f"{oficio.folio} ancló al emitirse (hoy termina en la n.º {posicion - 1})")


def test_rehacer_la_cadena_antes_del_ancla_hace_fallar_la_verificacion(demo, url_bd, capsys):
    oficio = _emitir()
    texto = oficios.texto_qr(oficio)
    Bitacora.update(hash="f" * 64).where(Bitacora.id == oficio.ancla_posicion).execute()
    codigo, mensaje = _verificar(url_bd, texto, capsys)
    assert codigo == 1
    assert mensaje == (f"La entrada n.º {oficio.ancla_posicion} de la bitácora cambió desde que se emitió el "
                       f"oficio {oficio.folio}: la cadena se rehízo antes de ese punto.")


def test_ancla_mal_formada_no_es_un_qr_de_la_dti(demo):
    oficio = _emitir()
    valido, explicacion = oficios.verificar_qr(f"{oficios.PREFIJO_QR}|{oficio.folio}|{oficio.huella}|x|123")
    assert not valido and "ancla en la bitácora no tiene la forma esperada" in explicacion
