"""Alta de bienes desde la factura: un concepto con Cantidad 3 da tres bienes; la factura, el
proveedor nuevo, los bienes y la solicitud de alta se guardan juntos o nada se guarda."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.demo.datos_tramites import archivo_de_ejemplo
from app.modelos import Bien, ContadorFolio, Factura, Movimiento, Oficio, Proveedor, ServidorPublico
from app.servicios.inventario import alta_cfdi, tipos_bien
from app.servicios.nucleo import bitacora
from app.errores import ErrorValidacion
from tests.conftest import DATOS_PRUEBAS, usuario

FACTURAS = DATOS_PRUEBAS / "cfdi"
UUID = "5F1C7A2E-9B3D-4E6F-A1B2-C3D4E5F60718"


def factura_computo(uuid: str = UUID, rfc: str = "CTP090512AB3", fecha: str = "2026-10-15T11:20:00") -> bytes:
    """CFDI 4.0 de una compra de equipo de cómputo: 3 PC y 1 switch, más el flete."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital"
 Version="4.0" Serie="A" Folio="8812" Fecha="{fecha}" SubTotal="67497.00" Moneda="MXN" Total="78296.52"
 TipoDeComprobante="I" Exportacion="01" LugarExpedicion="72000">
  <cfdi:Emisor Rfc="{rfc}" Nombre="COMPUTACION Y TECNOLOGIA DE PUEBLA" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="MSM850101AB1" Nombre="MUNICIPIO DE SAN MARTIN TEXMELUCAN" UsoCFDI="I04"
   DomicilioFiscalReceptor="74000" RegimenFiscalReceptor="603"/>
  <cfdi:Conceptos>
    <cfdi:Concepto ClaveProdServ="43211507" NoIdentificacion="HP-400G7-SFF" Cantidad="3" ClaveUnidad="H87"
     Descripcion="Computadora de escritorio HP ProDesk 400 G7 SFF Core i5 8GB 256GB SSD" ValorUnitario="15999.00"
     Importe="47997.00" ObjetoImp="02"/>
    <cfdi:Concepto ClaveProdServ="43222612" NoIdentificacion="WS-C2960X-24PS" Cantidad="1.00" ClaveUnidad="H87"
     Descripcion="Switch Cisco Catalyst 2960-X 24 puertos PoE" ValorUnitario="19000.00" Importe="19000.00"
     ObjetoImp="02"/>
    <cfdi:Concepto ClaveProdServ="78102203" Cantidad="0.5" ClaveUnidad="E48" Descripcion="Flete"
     ValorUnitario="1000.00" Importe="500.00" ObjetoImp="02"/>
  </cfdi:Conceptos>
  <cfdi:Complemento>
    <tfd:TimbreFiscalDigital Version="1.1" UUID="{uuid}" FechaTimbrado="{fecha}"/>
  </cfdi:Complemento>
</cfdi:Comprobante>""".encode("utf-8")


PDF = archivo_de_ejemplo("pdf", "Factura A8812")


def _servidor(nombre: str) -> ServidorPublico:
    return ServidorPublico.get(ServidorPublico.nombre == nombre)


def _capturas(propuesta, series=("MXL1", "MXL2", "MXL3", "FOC1")) -> list[dict]:
    sofia, ricardo = _servidor("Sofía Navarro Peña"), _servidor("Ricardo Flores Aguilar")
    capturas = []
    for i, propuesto in enumerate(propuesta.bienes):
        capturas.append({"serie": series[i], "color": "Negro", "resguardante": (sofia if i < 2 else ricardo).id,
                         "modelo": "ProDesk 400 G7" if i < 3 else "Catalyst 2960-X"})
    return capturas


def _conteos() -> tuple[int, ...]:
    return (Factura.select().count(), Proveedor.select().count(), Bien.select().count(),
            Movimiento.select().count(), Oficio.select().count(),
            ContadorFolio.select().where(ContadorFolio.serie == "inventario").first().ultimo)


def test_la_factura_propone_un_bien_por_pieza(demo):
    tipos_bien.asegurar_predeterminados()
    propuesta = alta_cfdi.preparar_alta(factura_computo(), PDF, "C:\\Facturas\\..\\A8812.xml", "A8812.pdf")
    assert propuesta.uuid == UUID and propuesta.version_cfdi == "4.0"
    assert propuesta.proveedor_id == Proveedor.get(Proveedor.rfc == "CTP090512AB3").id
    assert propuesta.nombre_xml == "A8812.xml"
    assert len(propuesta.bienes) == 4                      # 3 computadoras + 1 switch; el flete no
    assert [b.pieza for b in propuesta.bienes[:3]] == [1, 2, 3]
    pc = propuesta.bienes[0]
    assert pc.valor_unitario == Decimal("15999.00") and pc.no_identificacion == "HP-400G7-SFF"
    assert pc.marca == "HP" and pc.tipo_id == tipos_bien.por_nombre("Computadora").id
    assert propuesta.bienes[3].tipo_id == tipos_bien.por_nombre("Switch").id
    assert any("Flete" in aviso for aviso in propuesta.avisos)


def test_registrar_alta_en_una_transaccion(demo):
    redes = usuario("redes")
    rfc = "NUE200101AB5"
    propuesta = alta_cfdi.preparar_alta(factura_computo(rfc=rfc), PDF)
    assert propuesta.proveedor_nuevo
    bienes = alta_cfdi.registrar_alta(redes, propuesta, _capturas(propuesta))
    assert len(bienes) == 4
    factura = Factura.get(Factura.uuid == UUID)
    assert bytes(factura.xml) == factura_computo(rfc=rfc) and bytes(factura.pdf) == PDF
    assert factura.fecha == dt.date(2026, 10, 15) and factura.total == Decimal("78296.52")
    proveedor = Proveedor.get(Proveedor.rfc == rfc)
    assert proveedor.razon_social == "COMPUTACION Y TECNOLOGIA DE PUEBLA" and factura.proveedor_id == proveedor.id
    guardados = list(Bien.select().where(Bien.factura == factura).order_by(Bien.id))
    assert [b.serie for b in guardados] == ["MXL1", "MXL2", "MXL3", "FOC1"]
    assert guardados[0].valor == Decimal("15999.00") and guardados[0].fecha_adquisicion == dt.date(2026, 10, 15)
    assert guardados[2].resguardante.nombre == "Ricardo Flores Aguilar"
    assert guardados[3].no_identificacion == "WS-C2960X-24PS" and guardados[3].cuenta_contable == "1.2.4.6.5"
    movimiento = Movimiento.select().where(Movimiento.tipo == "alta").order_by(Movimiento.id.desc()).first()
    assert movimiento.oficio.folio and len(movimiento.detalles) == 4
    assert not bitacora.verificar()


def test_uuid_repetido_no_se_registra_dos_veces(demo):
    redes = usuario("redes")
    propuesta = alta_cfdi.preparar_alta(factura_computo())
    alta_cfdi.registrar_alta(redes, propuesta, _capturas(propuesta))
    with pytest.raises(ErrorValidacion, match=f"La factura con UUID {UUID} ya está registrada"):
        alta_cfdi.preparar_alta(factura_computo(uuid=UUID.lower()))
    # La misma propuesta guardada dos veces (p. ej. dos PC a la vez): la segunda no escribe nada.
    antes = _conteos()
    with pytest.raises(ErrorValidacion, match="ya está registrada"):
        alta_cfdi.registrar_alta(redes, propuesta, _capturas(propuesta, ("X1", "X2", "X3", "X4")))
    assert _conteos() == antes


def test_un_bien_malo_y_no_se_escribe_nada(demo):
    redes = usuario("redes")
    propuesta = alta_cfdi.preparar_alta(factura_computo(rfc="NUE200101AB5"))
    antes = _conteos()
    capturas = _capturas(propuesta, ("MXL1", "MXL2", "mxl1 ", "FOC1"))     # serie repetida en la captura
    capturas[3]["resguardante"] = None
    with pytest.raises(ErrorValidacion) as error:
        alta_cfdi.registrar_alta(redes, propuesta, capturas)
    mensaje = str(error.value)
    assert "Bien 3: La serie «MXL1» está repetida en esta captura" in mensaje
    assert "Bien 4: Falta el resguardante" in mensaje
    assert _conteos() == antes
    assert not Proveedor.select().where(Proveedor.rfc == "NUE200101AB5").exists()


def test_falla_a_mitad_de_la_transaccion_y_no_queda_nada(demo, monkeypatch):
    from app.servicios.inventario import movimientos

    redes = usuario("redes")
    propuesta = alta_cfdi.preparar_alta(factura_computo(rfc="NUE200101AB5"), PDF)
    antes = _conteos()

    def falla(*args, **kwargs):
        raise RuntimeError("se fue la luz")

    monkeypatch.setattr(movimientos, "solicitar_alta", falla)
    with pytest.raises(RuntimeError):
        alta_cfdi.registrar_alta(redes, propuesta, _capturas(propuesta))
    assert _conteos() == antes
    assert not Factura.select().where(Factura.uuid == UUID).exists()


def test_piezas_omitidas_y_facturas_reales(demo):
    redes = usuario("redes")
    propuesta = alta_cfdi.preparar_alta((FACTURAS / "cfdi40-valid.xml").read_bytes())
    assert len(propuesta.bienes) == 4 and propuesta.bienes[0].no_identificacion == "GAMEPAD007"
    sofia = _servidor("Sofía Navarro Peña").id
    capturas = [{"omitir": True}, {"omitir": True},
                {"tipo": tipos_bien.por_nombre("Computadora").id, "resguardante": sofia, "serie": "GP-1"},
                {"tipo": tipos_bien.por_nombre("Computadora").id, "resguardante": sofia}]
    bienes = alta_cfdi.registrar_alta(redes, propuesta, capturas, solicitar_alta=False)
    assert len(bienes) == 2 and bienes[1].serie is None
    for nombre in ("cfdi32-real.xml", "cfdi33-real.xml"):
        assert alta_cfdi.preparar_alta((FACTURAS / nombre).read_bytes()).bienes


@pytest.mark.parametrize("datos,razon", [
    (b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x 'y'><!ENTITY y '&x;&x;'>]><a>&y;</a>", "DTD"),
    (b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>', "DTD"),
    (b"<cfdi:Comprobante xmlns:cfdi='http://www.sat.gob.mx/cfd/4' Version='4.0'>", "bien formado"),
    (b"<factura/>", "no es un CFDI"),
    (b"", "vacío"),
])
def test_xml_hostil_no_escribe_nada(demo, datos, razon):
    antes = _conteos()
    with pytest.raises(ErrorValidacion, match=razon):
        alta_cfdi.preparar_alta(datos)
    assert _conteos() == antes


def test_pdf_que_no_es_pdf(demo):
    with pytest.raises(ErrorValidacion, match="no es un PDF"):
        alta_cfdi.preparar_alta(factura_computo(), b"MZ\x90\x00 ejecutable")


# --- Valor de adquisición, tipo de comprobante y cuadre (issue 18) ----------------------------

def factura_gamepads(tipo: str = "I", timbres: tuple[str, ...] = (UUID,)) -> bytes:
    """4 gamepads a $500 con $500 de descuento en el renglón e IVA del 16 % sobre $1,500."""
    sellos = "".join(f'<tfd:TimbreFiscalDigital Version="1.1" UUID="{u}" FechaTimbrado="2026-10-15T11:20:00"/>'
                     for u in timbres)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital"
 Version="4.0" Fecha="2026-10-15T11:20:00" SubTotal="2000.00" Descuento="500.00" Moneda="MXN" Total="1740.00"
 TipoDeComprobante="{tipo}" Exportacion="01" LugarExpedicion="72000">
  <cfdi:Emisor Rfc="CTP090512AB3" Nombre="COMPUTACION Y TECNOLOGIA DE PUEBLA" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="MSM850101AB1" Nombre="MUNICIPIO DE SAN MARTIN TEXMELUCAN" UsoCFDI="I04"/>
  <cfdi:Conceptos>
    <cfdi:Concepto ClaveProdServ="52161557" NoIdentificacion="GP-500" Cantidad="4" ClaveUnidad="H87"
     Descripcion="Gamepad inalámbrico" ValorUnitario="500.00" Importe="2000.00" Descuento="500.00" ObjetoImp="02">
      <cfdi:Impuestos><cfdi:Traslados>
        <cfdi:Traslado Base="1500.00" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="240.00"/>
      </cfdi:Traslados></cfdi:Impuestos>
    </cfdi:Concepto>
  </cfdi:Conceptos>
  <cfdi:Impuestos TotalImpuestosTrasladados="240.00"><cfdi:Traslados>
    <cfdi:Traslado Base="1500.00" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="240.00"/>
  </cfdi:Traslados></cfdi:Impuestos>
  <cfdi:Complemento>{sellos}</cfdi:Complemento>
</cfdi:Comprobante>""".encode("utf-8")


def test_descuento_e_iva_forman_el_costo_de_cada_pieza(demo):
    propuesta = alta_cfdi.preparar_alta(factura_gamepads())
    assert not propuesta.acredita_iva
    assert [b.valor_unitario for b in propuesta.bienes] == [Decimal("435.00")] * 4     # (2000 − 500 + 240) ÷ 4
    concepto = propuesta.conceptos[0]
    assert (concepto.descuento, concepto.impuestos_costo, concepto.costo) == (
        Decimal("500.00"), Decimal("240.00"), Decimal("1740.00"))
    cuadre = alta_cfdi.cuadre(propuesta)
    assert cuadre.suma == cuadre.total == Decimal("1740.00") and not cuadre.diferencia
    assert not propuesta.avisos


def test_si_la_institucion_acredita_el_iva_queda_fuera_del_valor(demo):
    from app.modelos import Institucion
    from app.servicios.catalogos import catalogos

    catalogos.guardar_institucion(usuario("director"), iva_acreditable=True)
    assert Institucion.get_by_id(1).iva_acreditable
    propuesta = alta_cfdi.preparar_alta(factura_gamepads())
    assert [b.valor_unitario for b in propuesta.bienes] == [Decimal("375.00")] * 4     # (2000 − 500) ÷ 4
    cuadre = alta_cfdi.cuadre(propuesta)
    assert cuadre.iva_acreditable == Decimal("240.00") and cuadre.suma == Decimal("1740.00")
    assert not propuesta.avisos and "IVA acreditable" in "\n".join(cuadre.lineas())
    assert not bitacora.verificar()


def test_la_factura_real_suma_lo_que_dice_la_factura(demo):
    propuesta = alta_cfdi.preparar_alta((FACTURAS / "cfdi40-valid.xml").read_bytes())
    valores = [b.valor_unitario for b in propuesta.bienes]
    # (3824.15 − 956.04 + 458.90) ÷ 4 = 831.7525: el centavo que no se reparte parejo va a la primera.
    assert valores == [Decimal("831.76")] + [Decimal("831.75")] * 3
    assert sum(valores) == propuesta.total == Decimal("3327.01") and not propuesta.avisos
    for nombre, total in (("cfdi32-real.xml", "4685.00"), ("cfdi33-real.xml", "2010.01"),
                          ("cfdi40-real.xml", "1000.00")):
        otra = alta_cfdi.preparar_alta((FACTURAS / nombre).read_bytes())
        assert sum(b.valor_unitario for b in otra.bienes) == Decimal(total), nombre
        assert not alta_cfdi.cuadre(otra).diferencia and not otra.avisos, nombre


def test_no_es_bien_y_diferencias_en_el_cuadre(demo):
    propuesta = alta_cfdi.preparar_alta((FACTURAS / "cfdi40-real.xml").read_bytes())
    omitidas = propuesta.piezas_de(1)                  # la comisión es un servicio
    cuadre = alta_cfdi.cuadre(propuesta, omitidas)
    assert (cuadre.bienes, cuadre.otros, cuadre.piezas) == (Decimal("990.00"), Decimal("10.00"), 1)
    assert not cuadre.diferencia
    # Una factura sin los nodos de impuestos no cuadra: se avisa la diferencia.
    sin_iva = alta_cfdi.preparar_alta(factura_computo())
    assert alta_cfdi.cuadre(sin_iva).diferencia == Decimal("10799.52")
    assert any("diferencia de $ 10,799.52" in aviso for aviso in sin_iva.avisos)


@pytest.mark.parametrize("tipo,nombre", [("P", "recepción de pagos"), ("N", "nómina"),
                                         ("E", "egreso o nota de crédito"), ("T", "traslado")])
def test_solo_un_cfdi_de_ingreso_es_adquisicion(demo, tipo, nombre):
    antes = _conteos()
    with pytest.raises(ErrorValidacion, match=f"{nombre} \\(tipo {tipo}\\), no una factura de ingreso"):
        alta_cfdi.preparar_alta(factura_gamepads(tipo))
    assert _conteos() == antes


def test_egreso_de_la_32_se_rechaza(demo):
    xml = (FACTURAS / "cfdi32-real.xml").read_bytes().replace(b'tipoDeComprobante="ingreso"',
                                                                b'tipoDeComprobante="egreso"')
    with pytest.raises(ErrorValidacion, match="tipo E"):
        alta_cfdi.preparar_alta(xml)


def test_dos_timbres_distintos_se_rechazan(demo):
    otro = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"
    with pytest.raises(ErrorValidacion, match=f"timbres fiscales con UUID distintos.*{otro}"):
        alta_cfdi.preparar_alta(factura_gamepads(timbres=(UUID, otro)))
    assert len(alta_cfdi.preparar_alta(factura_gamepads(timbres=(UUID, UUID))).bienes) == 4


def test_moneda_pesos_de_la_32_es_mxn(demo):
    for moneda in ("Pesos", "MN", "M.N.", "Peso Mexicano"):
        xml = (FACTURAS / "cfdi32-real.xml").read_bytes().replace(b'Moneda="MXN"', f'Moneda="{moneda}"'.encode())
        propuesta = alta_cfdi.preparar_alta(xml)
        assert propuesta.moneda == "MXN" and not any("capture el valor" in a for a in propuesta.avisos), moneda
    dolares = alta_cfdi.preparar_alta((FACTURAS / "cfdi32-real.xml").read_bytes()
                                      .replace(b'Moneda="MXN"', b'Moneda="USD"'))
    assert any("está en USD" in aviso for aviso in dolares.avisos)


def test_registrar_guarda_el_valor_de_adquisicion(demo):
    propuesta = alta_cfdi.preparar_alta(factura_gamepads())
    sofia = _servidor("Sofía Navarro Peña").id
    tipo = tipos_bien.por_nombre("Computadora").id
    bienes = alta_cfdi.registrar_alta(usuario("redes"), propuesta,
                                      [{"tipo": tipo, "resguardante": sofia}] * 4, solicitar_alta=False)
    assert [b.valor for b in bienes] == [Decimal("435.00")] * 4
    assert not bitacora.verificar()
