"""Lector de CFDI: facturas reales de las tres versiones y archivos hostiles."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from app.documentos.cfdi import ErrorCfdi, leer_cfdi
from app.errores import ErrorDTI, ErrorValidacion
from tests.conftest import DATOS_PRUEBAS

DATOS = DATOS_PRUEBAS / "cfdi"


def leer(nombre: str):
    return leer_cfdi((DATOS / nombre).read_bytes())


def test_todas_las_facturas_de_muestra_tienen_resultado_esperado():
    archivos = sorted(p.name for p in DATOS.glob("*.xml"))
    assert archivos == ["cfdi32-dirty-addenda.xml", "cfdi32-real.xml", "cfdi33-real.xml",
                        "cfdi40-real.xml", "cfdi40-valid.xml", "created-with-discounts-40.xml"]
    validos = {"cfdi32-real.xml": "3.2", "cfdi33-real.xml": "3.3", "cfdi40-real.xml": "4.0",
               "cfdi40-valid.xml": "4.0"}
    for nombre in archivos:
        if nombre in validos:
            assert leer(nombre).version == validos[nombre]
        else:
            with pytest.raises(ErrorCfdi):
                leer(nombre)


def test_cfdi32_atributos_en_minuscula():
    cfdi = leer("cfdi32-real.xml")
    assert cfdi.uuid == "80824F3B-323E-407B-8F8E-40D83FE2E69F"
    assert cfdi.fecha == dt.datetime(2017, 3, 21, 8, 17, 31)
    assert (cfdi.rfc_emisor, cfdi.nombre_emisor) == ("CTO021007DZ8", "CEVER TOLUCA S.A. DE C.V.")
    assert cfdi.rfc_receptor == "XAXX010101000"
    assert (cfdi.total, cfdi.total_decimal, cfdi.moneda) == ("4685.00", Decimal("4685.00"), "MXN")
    assert len(cfdi.conceptos) == 7
    aceite = cfdi.conceptos[0]
    assert (aceite.descripcion, aceite.cantidad, aceite.valor_unitario, aceite.importe,
            aceite.no_identificacion, aceite.clave_prod_serv) == (
        "ACEITE", "5", "61.86", "309.30", "00279DRM2001", "")
    assert aceite.piezas == 5
    assert sum(c.importe_decimal for c in cfdi.conceptos) == Decimal("4038.79")


def test_cfdi33_y_40_montos_exactos_como_texto():
    c33 = leer("cfdi33-real.xml")
    assert c33.uuid == "CEE4BE01-ADFA-4DEB-8421-ADD60F0BEDAC"
    assert [(c.cantidad, c.valor_unitario, c.importe, c.clave_prod_serv) for c in c33.conceptos] == [
        ("2.00", "677.83", "1355.67", "90111501"), ("1.00", "353.45", "353.45", "90101501")]
    assert c33.conceptos[0].piezas == 2
    c40 = leer("cfdi40-real.xml")
    assert (c40.total, c40.rfc_receptor, c40.fecha) == (
        "1000.00", "COSC8001137NA", dt.datetime(2025, 1, 24, 10, 10, 41))
    assert c40.conceptos[1].valor_unitario == "853.448276"
    assert c40.conceptos[1].valor_unitario_decimal == Decimal("853.448276")
    valido = leer("cfdi40-valid.xml")
    assert valido.conceptos[0].descripcion == "Portable tetris gamepad pro++ ⏻"
    assert valido.conceptos[0].no_identificacion == "GAMEPAD007"
    assert valido.conceptos[0].cantidad_decimal == 4
    assert valido.rfc_receptor == "MCI7306249Y1"


def test_a_json_tiene_las_claves_del_issue():
    datos = json.loads(leer("cfdi40-valid.xml").a_json())
    assert list(datos) == ["version", "uuid", "fecha", "rfc_emisor", "nombre_emisor",
                           "rfc_receptor", "total", "moneda", "conceptos"]
    assert list(datos["conceptos"][0]) == ["descripcion", "cantidad", "valor_unitario", "importe",
                                           "no_identificacion", "clave_prod_serv"]
    assert datos["total"] == "3327.01" and datos["fecha"] == "2025-02-19T08:32:29"


def test_uuid_en_minusculas_se_entrega_en_mayusculas():
    xml = (DATOS / "cfdi40-valid.xml").read_bytes().replace(
        b"6F35D3B5-3651-5370-BC2C-14CDBE384CD7", b"6f35d3b5-3651-5370-bc2c-14cdbe384cd7")
    assert leer_cfdi(xml).uuid == "6F35D3B5-3651-5370-BC2C-14CDBE384CD7"


def test_errores_de_cfdi_son_de_validacion_con_una_linea():
    with pytest.raises(ErrorCfdi) as error:
        leer("cfdi32-dirty-addenda.xml")
    assert isinstance(error.value, ErrorValidacion) and isinstance(error.value, ErrorDTI)
    assert "emisor" in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(ErrorCfdi, match="UUID"):
        leer("created-with-discounts-40.xml")


BOMBA = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0"><cfdi:Emisor Rfc="&lol9;"/></cfdi:Comprobante>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0">
<cfdi:Emisor Rfc="EKU9003173C9" Nombre="x"/><cfdi:Conceptos><cfdi:Concepto Descripcion="&xxe;"
Cantidad="1" ValorUnitario="1" Importe="1"/></cfdi:Conceptos></cfdi:Comprobante>"""

DTD_EXTERNA = b"""<?xml version="1.0"?>
<!DOCTYPE cfdi:Comprobante SYSTEM "http://127.0.0.1:9/cfdi.dtd">
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0"/>"""


def _valido() -> bytes:
    return (DATOS / "cfdi40-valid.xml").read_bytes()


@pytest.mark.parametrize("nombre, datos, palabra", [
    ("bomba de entidades", BOMBA, "DTD"),
    ("entidad externa /etc/passwd", XXE, "DTD"),
    ("DTD externa", DTD_EXTERNA, "DTD"),
    ("raíz distinta", b'<?xml version="1.0"?><factura total="1"/>', "raíz"),
    ("espacio de nombres equivocado",
     _valido().replace(b"http://www.sat.gob.mx/cfd/4", b"http://www.sat.gob.mx/cfd/9"), "raíz"),
    ("versión incoherente", _valido().replace(b'Version="4.0" Fecha', b'Version="3.3" Fecha'), "Versión"),
    ("truncado", _valido()[: len(_valido()) // 2], "bien formado"),
    ("vacío", b"", "vacío"),
    ("solo espacios", b"   \n ", "vacío"),
    ("binario", bytes(range(256)) * 4, "XML"),
    ("PDF en lugar de XML", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "XML"),
    ("sin UUID", _valido().replace(b'UUID="6F35D3B5-3651-5370-BC2C-14CDBE384CD7"', b""), "UUID"),
    ("UUID malformado", _valido().replace(b"6F35D3B5-3651-5370", b"6F35D3B5-XXXX-5370"), "UUID"),
    ("sin emisor", _valido().replace(b'Rfc="EKU9003173C9"', b'Xfc="EKU9003173C9"'), "emisor"),
    ("sin conceptos", _valido().replace(b"cfdi:Concepto ", b"cfdi:Otro ")
     .replace(b"</cfdi:Concepto>", b"</cfdi:Otro>"), "conceptos"),
    ("cantidad no numérica", _valido().replace(b'Cantidad="4"', b'Cantidad="cuatro"'), "cantidad"),
    ("importe NaN", _valido().replace(b'Importe="3824.15"', b'Importe="NaN"'), "importe"),
    ("importe negativo", _valido().replace(b'Importe="3824.15"', b'Importe="-3824.15"'), "importe"),
    ("total infinito", _valido().replace(b'Total="3327.01"', b'Total="Infinity"'), "total"),
    ("fecha imposible", _valido().replace(b"2025-02-19T08:32:29", b"2025-02-30T08:32:29"), "fecha"),
    ("demasiado grande", b"<a>" + b" " * (11 * 1024 * 1024) + b"</a>", "demasiado grande"),
])
def test_archivos_hostiles_se_rechazan_con_razon_clara(nombre, datos, palabra):
    with pytest.raises(ErrorCfdi) as error:
        leer_cfdi(datos)
    razon = str(error.value)
    assert palabra.lower() in razon.lower(), (nombre, razon)
    assert "\n" not in razon and "root:" not in razon


def test_utf16_con_bom_y_utf8_con_bom_se_leen_igual():
    texto = _valido().decode("utf-8").replace('encoding="utf-8"', 'encoding="UTF-16"')
    utf16 = texto.encode("utf-16")            # con BOM
    assert utf16[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert leer_cfdi(utf16) == leer_cfdi(_valido())
    assert leer_cfdi(b"\xef\xbb\xbf" + _valido()) == leer_cfdi(_valido())


# --- Tipo de comprobante, descuentos e impuestos, doble timbre y moneda (issue 18) ---------------

def test_descuento_e_impuestos_por_concepto_y_del_comprobante():
    valido = leer("cfdi40-valid.xml")
    gamepad = valido.conceptos[0]
    assert (gamepad.descuento_decimal, [t.importe for t in gamepad.traslados]) == (Decimal("956.04"), ["458.90"])
    assert gamepad.traslados[0].es_iva and valido.tipo_comprobante == "I"
    assert valido.descuento_decimal == Decimal("956.04")
    c32 = leer("cfdi32-real.xml")                 # 3.2: el IVA solo viene en el comprobante
    assert c32.tipo_comprobante == "I" and not c32.conceptos[0].traslados
    assert [(t.impuesto, t.importe, t.es_iva) for t in c32.traslados] == [("IVA", "646.21", True)]
    c33 = leer("cfdi33-real.xml")                 # impuesto local del complemento: no es IVA
    locales = [t for t in c33.traslados if t.local]
    assert [(t.impuesto, t.importe, t.es_iva) for t in locales] == [("IH", "27.43", False)]


@pytest.mark.parametrize("tipo", ["P", "N", "E", "T"])
def test_los_cfdi_que_no_son_de_ingreso_se_leen_tal_cual(tipo):
    cfdi = leer_cfdi(_valido().replace(b'TipoDeComprobante="I"', f'TipoDeComprobante="{tipo}"'.encode()))
    assert cfdi.tipo_comprobante == tipo and cfdi.total == "3327.01" and cfdi.nombre_tipo


def test_tipo_de_la_32_en_palabras():
    xml = (DATOS / "cfdi32-real.xml").read_bytes()
    assert leer_cfdi(xml.replace(b'tipoDeComprobante="ingreso"', b'tipoDeComprobante="egreso"')) \
        .tipo_comprobante == "E"


def _con_otro_timbre(uuid: str) -> bytes:
    otro = (f'<tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1" '
            f'UUID="{uuid}" FechaTimbrado="2025-02-19T08:40:00"/>').encode()
    return _valido().replace(b"</cfdi:Complemento>", otro + b"</cfdi:Complemento>")


def test_dos_timbres_con_uuid_distintos_se_rechazan():
    with pytest.raises(ErrorCfdi, match="2 timbres fiscales con UUID distintos") as error:
        leer_cfdi(_con_otro_timbre("11111111-2222-3333-4444-555555555555"))
    assert "6F35D3B5-3651-5370-BC2C-14CDBE384CD7" in str(error.value) and "\n" not in str(error.value)
    # El mismo timbre repetido no es ambiguo.
    assert leer_cfdi(_con_otro_timbre("6f35d3b5-3651-5370-bc2c-14cdbe384cd7")).uuid.startswith("6F35D3B5")


@pytest.mark.parametrize("moneda", ["Pesos", "MN", "M.N.", "Peso Mexicano", "pesos mexicanos", "MXN", "mxn"])
def test_moneda_de_la_32_en_pesos_es_mxn(moneda):
    xml = (DATOS / "cfdi32-real.xml").read_bytes().replace(b'Moneda="MXN"', f'Moneda="{moneda}"'.encode())
    assert xml.count(f'Moneda="{moneda}"'.encode()) == 1
    assert leer_cfdi(xml).moneda == "MXN"


def test_moneda_extranjera_se_conserva():
    assert leer_cfdi(_valido().replace(b'Moneda="MXN"', b'Moneda="USD"')).moneda == "USD"
