"""Consola: «dti videovigilancia solicitar» da DENEGADA con un folio real o CITA con la próxima hora hábil."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from app.consola.principal import principal
from app.modelos import Oficio, SolicitudGrabacion, Tramite
from app.servicios.oficios import oficios
from tests.servicios.videovigilancia.ayudas import crear_base, oficio

# Lo que cambia datos pide usuario y contraseña: el Director de la demostración (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")


@pytest.fixture
def url(bd_sqlite, url_sqlite):
    base = crear_base()
    oficio(base)            # SM/0154/2026, de la Sindicatura
    return url_sqlite


def _ultima(capsys) -> tuple[str, str]:
    salida = capsys.readouterr()
    return salida.out.strip().splitlines()[-1], salida.err


def _cuentas() -> tuple[int, int, int]:
    return SolicitudGrabacion.select().count(), Oficio.select().count(), Tramite.select().count()


def test_fecha_pasada_la_retencion_da_denegada_con_un_oficio_real(url, tmp_path, capsys):
    assert principal(["videovigilancia", "solicitar", "--camara", "palacio - acceso principal", "--fecha",
                      "2026-10-01", "--dependencia", "sindicatura municipal", "--oficio", "sm/0154/2026",
                      "--db", url]) == 0
    linea, _ = _ultima(capsys)
    assert linea.startswith("DENEGADA ")
    folio = linea.removeprefix("DENEGADA ")
    negativa = oficios.por_folio(folio)
    assert negativa.tipo == "saliente" and negativa.en_respuesta_a.numero_oficio == "SM/0154/2026"
    salida = tmp_path / "negativa.pdf"
    assert principal(["oficio", "pdf", folio, "--salida", str(salida), "--db", url]) == 0
    texto = " ".join(" ".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(salida.read_bytes()))
                     .split())
    assert folio in texto and "48 días" in texto and "Miguel Ángel Mendoza López" in texto


def test_dentro_de_la_retencion_da_cita_y_sin_oficio_registra_el_recibido(url, capsys):
    antes = Oficio.select().where(Oficio.tipo == "entrante").count()
    assert principal(["videovigilancia", "solicitar", "--camara", "MERCADO – NAVE CENTRAL", "--fecha", "2026-11-17",
                      "--dependencia", "SM", "--db", url]) == 0
    assert _ultima(capsys)[0] == "CITA 2026-11-18 11:00"
    recibido = Oficio.select().where(Oficio.tipo == "entrante").order_by(Oficio.id.desc()).first()
    assert Oficio.select().where(Oficio.tipo == "entrante").count() == antes + 1
    assert recibido.estado == "incompleto" and recibido.procedencia.siglas == "SM"
    assert principal(["videovigilancia", "solicitar", "--camara", "Mercado – Nave central", "--fecha", "2026-11-18",
                      "--dependencia", "SM", "--oficio", "SM/0154/2026", "--db", url]) == 0
    assert _ultima(capsys)[0] == "CITA 2026-11-18 12:00"        # sin empalmar con la anterior


@pytest.mark.parametrize("argumentos, mensaje", [
    (["--camara", "Palacio – Acceso principal", "--fecha", "2026-11-30", "--dependencia", "SM"], "posterior a hoy"),
    (["--camara", "Palacio – Acceso principal", "--fecha", "18/11/2026", "--dependencia", "SM"], "AAAA-MM-DD"),
    (["--camara", "Palacio – Acceso principal", "--fecha", "2026-02-30", "--dependencia", "SM"], "AAAA-MM-DD"),
    (["--camara", "Cámara inventada", "--fecha", "2026-11-17", "--dependencia", "SM"], "No existe la cámara"),
    (["--camara", "Palacio – Acceso principal", "--fecha", "2026-11-17", "--dependencia", "Marte"],
     "No existe la dependencia"),
    (["--camara", "Palacio – Acceso principal", "--fecha", "2026-11-17", "--dependencia", "SM", "--oficio", "X/1"],
     "No hay un oficio recibido"),
])
def test_errores_en_espanol_salida_2_y_nada_escrito(url, capsys, argumentos, mensaje):
    antes = _cuentas()
    assert principal(["videovigilancia", "solicitar", *argumentos, "--db", url]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Error: ") and mensaje in error and error.count("\n") == 1
    assert _cuentas() == antes


def test_la_ayuda_explica_el_oficio(capsys):
    with pytest.raises(SystemExit):
        principal(["videovigilancia", "solicitar", "--help"])
    ayuda = " ".join(capsys.readouterr().out.split())
    assert "Sin --oficio se registra el oficio recibido" in ayuda and "DENEGADA <folio>" in ayuda
