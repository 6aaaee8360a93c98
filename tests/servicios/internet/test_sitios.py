"""El sitio de una solicitud se reduce al dominio que carga el firewall; la basura se rechaza con su razón."""
from __future__ import annotations

import pytest

from app.errores import ErrorValidacion
from app.servicios.internet.sitios import lista_firewall, normalizar_sitio


@pytest.mark.parametrize(("capturado", "dominio"), [
    ("https://WWW.Facebook.com:443/AyuntamientoTexmelucan?ref=1#x", "facebook.com"),
    ("facebook.com", "facebook.com"),
    ("  http://usuario:clave@www.texmelucan.gob.mx/ ", "texmelucan.gob.mx"),
    ("instagram.com.", "instagram.com"),
    ("//vimeo.com/inai", "vimeo.com"),
    ("https://bücher.de/", "xn--bcher-kva.de"),
    ("https://México.gob.mx", "xn--mxico-bsa.gob.mx"),
    ("cdn.www.ejemplo.com", "cdn.www.ejemplo.com"),
    ("facebook.com\x0b\t", "facebook.com"),      # el tabulador o el \x0b pegado desde Word se limpia
])
def test_se_normaliza_a_dominio(capturado, dominio):
    assert normalizar_sitio(capturado) == dominio


@pytest.mark.parametrize(("capturado", "razon"), [
    ("", "Falta el sitio web"),
    ("   ", "Falta el sitio web"),
    ("ftp://archivos.ejemplo.com", "Solo se liberan sitios web"),
    ("javascript:alert(1)", "no es una dirección web válida"),
    ("192.168.10.5", "no una dirección IP"),
    ("http://[::1]/", "no una dirección IP"),
    ("localhost", "no es un dominio completo"),
    ("face book.com", "espacios ni caracteres de control"),
    ("facebook\x00.com", "espacios ni caracteres de control"),
    ("=HYPERLINK(\"http://malo.com\")", "no es una dirección web válida"),
    ("=1+1", "no es un nombre de dominio válido"),
    ("@SUM(1,1)", "no es un nombre de dominio válido"),
    ("*.facebook.com", "comodines"),
    ("-malo.com", "no es un nombre de dominio válido"),
    ("http://ejemplo.com:99999", "no es una dirección web válida"),
    ("ejemplo.123", "no termina en un dominio"),
    ("a" * 64 + ".com", "no es un nombre de dominio válido"),
    ("x" * 10_000, "como máximo 500"),
    ("\u202efacebook.com", "no es un nombre de dominio válido"),
    ("😀.com", "no es un nombre de dominio válido"),
])
def test_la_basura_se_rechaza_con_su_razon(capturado, razon):
    with pytest.raises(ErrorValidacion) as error:
        normalizar_sitio(capturado)
    assert razon in error.value.mensaje
    assert "Codepoint" not in error.value.mensaje and "Label" not in error.value.mensaje   # nada en inglés


def test_la_lista_para_el_firewall_no_repite_va_ordenada_y_en_utf8_sin_bom():
    contenido = lista_firewall(["youtube.com", "facebook.com", "Facebook.com", "", "xn--bcher-kva.de", "youtube.com"])
    assert contenido == b"facebook.com\nxn--bcher-kva.de\nyoutube.com\n"
    assert not contenido.startswith(b"\xef\xbb\xbf") and b"\r" not in contenido
    assert lista_firewall([]) == b""
