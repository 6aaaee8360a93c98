"""Alta desde la factura CFDI en la interfaz: facturas reales de tests/datos/cfdi; nada se escribe hasta aceptar."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.modelos import Bien, Factura, Proveedor, ServidorPublico
from app.servicios.inventario import movimientos
from app.vistas.comun import comunes
from app.vistas.inventario.inventario import VistaInventario
from app.vistas.inventario.cfdi import DialogoAltaCfdi
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import DATOS_PRUEBAS, usuario

pytestmark = pytest.mark.gui

CFDI = DATOS_PRUEBAS / "cfdi"


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    return r


def elegir_archivo(monkeypatch, ruta: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ruta), ""))


def abrir_dialogo(qtbot, monkeypatch, archivo: str) -> tuple[VistaInventario, DialogoAltaCfdi]:
    vista = mostrar(qtbot, VistaInventario(usuario("redes")), 1280, 760)
    vista.acciones.alta_cfdi()
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoAltaCfdi)
    elegir_archivo(monkeypatch, CFDI / archivo)
    qtbot.mouseClick(dialogo.boton_xml, Qt.MouseButton.LeftButton)
    return vista, dialogo


def test_un_concepto_con_cantidad_4_da_cuatro_bienes_que_se_registran(demo_sqlite, qtbot, respuestas,
                                                                     monkeypatch):
    antes = Bien.select().count()
    vista, dialogo = abrir_dialogo(qtbot, monkeypatch, "cfdi40-valid.xml")
    assert not dialogo.error_archivo.isVisible()
    assert "EKU9003173C9" in dialogo.campos_factura["proveedor"].text()
    assert "proveedor nuevo" in dialogo.campos_factura["proveedor"].text()
    assert dialogo.campos_factura["uuid"].text().startswith("6F35D3B5-3651-5370-BC2C-14CDBE384CD7")
    assert dialogo.tabla.rowCount() == 4
    assert dialogo.tabla.item(0, 1).text().startswith("Portable tetris gamepad pro++")
    assert Bien.select().count() == antes and Factura.select().count() == 0    # nada escrito aún

    laura = ServidorPublico.get(ServidorPublico.nombre == "Laura Hernández Sánchez")
    primera = dialogo.filas[0]
    primera.tipo.setCurrentIndex(primera.tipo.findText("Tableta"))
    teclear(qtbot, primera.marca, "Nintendo")
    teclear(qtbot, primera.color, "Gris")
    primera.resguardo.servidor.setCurrentIndex(primera.resguardo.servidor.findData(laura.id))
    qtbot.mouseClick(dialogo.boton_copiar, Qt.MouseButton.LeftButton)
    for numero, fila in enumerate(dialogo.filas, start=1):
        teclear(qtbot, fila.serie, f"GP-00{numero}")
    # Una serie repetida: se marca esa fila y no se escribe nada.
    dialogo.filas[3].serie.setText("GP-001")
    qtbot.mouseClick(dialogo.boton_registrar, Qt.MouseButton.LeftButton)
    assert dialogo.isVisible() and "Bien 4" in dialogo.errores.text() and "GP-001" in dialogo.errores.text()
    assert dialogo.filas[3].serie.property("error")
    assert dialogo.filas[0].marca.text() == "Nintendo"                       # lo capturado sigue
    assert Bien.select().count() == antes and Factura.select().count() == 0
    dialogo.filas[3].serie.setText("GP-004")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_registrar, Qt.MouseButton.LeftButton)

    factura = Factura.get(Factura.uuid == "6F35D3B5-3651-5370-BC2C-14CDBE384CD7")
    bienes = list(Bien.select().where(Bien.factura == factura).order_by(Bien.serie))
    assert [b.serie for b in bienes] == ["GP-001", "GP-002", "GP-003", "GP-004"]
    assert {b.marca for b in bienes} == {"Nintendo"} and {b.resguardante_id for b in bienes} == {laura.id}
    # Costo de adquisición: (3824.15 − 956.04 + 458.90 de IVA) ÷ 4; el centavo que sobra, a la primera.
    assert sorted(b.valor for b in bienes) == [Decimal("831.75")] * 3 + [Decimal("831.76")]
    assert sum(b.valor for b in bienes) == factura.total == Decimal("3327.01")
    assert Proveedor.get(Proveedor.rfc == "EKU9003173C9").id == factura.proveedor_id
    assert movimientos.pendiente_de(bienes[0].id).tipo == "alta"
    assert "Se registraron 4 bienes" in respuestas.texto()
    assert vista.bien.factura_id == factura.id and vista.campos["cfdi"].text() == factura.uuid


def test_la_misma_factura_no_se_registra_dos_veces(demo_sqlite, qtbot, respuestas, monkeypatch):
    _vista, dialogo = abrir_dialogo(qtbot, monkeypatch, "cfdi33-real.xml")
    for fila in dialogo.filas:
        fila.omitir.setChecked(True)
    dialogo.filas[0].omitir.setChecked(False)
    fila = dialogo.filas[0]
    fila.tipo.setCurrentIndex(fila.tipo.findText("Computadora"))
    fila.resguardo.servidor.setCurrentIndex(1)
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_registrar, Qt.MouseButton.LeftButton)
    assert Factura.select().count() == 1
    _vista2, otro = abrir_dialogo(qtbot, monkeypatch, "cfdi33-real.xml")
    assert otro.error_archivo.isVisible() and "ya está registrada" in otro.error_archivo.text()
    assert otro.tabla.rowCount() == 0 and not otro.boton_registrar.isEnabled()
    otro.reject()


def test_xml_hostil_o_que_no_es_factura_se_explica(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    bomba = tmp_path / "bomba.xml"
    bomba.write_text('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                     '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4">&b;</cfdi:Comprobante>',
                     encoding="utf-8")
    _vista, dialogo = abrir_dialogo(qtbot, monkeypatch, "cfdi40-valid.xml")
    assert dialogo.tabla.rowCount() == 4
    elegir_archivo(monkeypatch, bomba)
    qtbot.mouseClick(dialogo.boton_xml, Qt.MouseButton.LeftButton)
    assert dialogo.error_archivo.isVisible() and dialogo.error_archivo.text()
    assert dialogo.tabla.rowCount() == 0 and not dialogo.boton_registrar.isEnabled()
    # Un PDF que no es PDF no reemplaza nada y se explica.
    elegir_archivo(monkeypatch, CFDI / "cfdi40-valid.xml")
    qtbot.mouseClick(dialogo.boton_xml, Qt.MouseButton.LeftButton)
    falso = tmp_path / "factura.pdf"
    falso.write_bytes(b"no soy un pdf")
    elegir_archivo(monkeypatch, falso)
    qtbot.mouseClick(dialogo.boton_pdf, Qt.MouseButton.LeftButton)
    assert "no es un PDF" in dialogo.error_archivo.text() and dialogo.tabla.rowCount() == 4
    assert Factura.select().count() == 0
    dialogo.reject()


def test_conceptos_cuadre_y_no_es_bien(demo_sqlite, qtbot, respuestas, monkeypatch):
    _vista, dialogo = abrir_dialogo(qtbot, monkeypatch, "cfdi40-real.xml")
    assert dialogo.conceptos.rowCount() == 2 and dialogo.tabla.rowCount() == 2
    assert dialogo.conceptos.item(0, 6).text() == "$ 10.00"          # 8.62 + 1.38 de IVA
    cuadre = dialogo.campos_factura["cuadre"].text()
    assert "2 piezas que se dan de alta: $ 1,000.00" in cuadre and "total de la factura: $ 1,000.00" in cuadre
    assert "Diferencia" not in cuadre and "IVA incluido" in cuadre
    # La comisión es un servicio: no es bien; su pieza queda fuera y el cuadre lo explica.
    dialogo.no_es_bien[1].setChecked(True)
    assert dialogo.filas[0].omitir.isChecked() and not dialogo.filas[0].omitir.isEnabled()
    cuadre = dialogo.campos_factura["cuadre"].text()
    assert "1 piezas que se dan de alta: $ 990.00" in cuadre and "Conceptos que no son bienes: $ 10.00" in cuadre
    assert "Diferencia" not in cuadre
    assert dialogo.filas[0].captura() == {"omitir": True}
    dialogo.no_es_bien[1].setChecked(False)
    assert not dialogo.filas[0].omitir.isChecked() and dialogo.filas[0].omitir.isEnabled()
    dialogo.reject()


def test_un_cfdi_de_pago_se_rechaza_en_el_dialogo(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    pago = tmp_path / "pago.xml"
    pago.write_bytes((CFDI / "cfdi40-valid.xml").read_bytes().replace(
        b'TipoDeComprobante="I"', b'TipoDeComprobante="P"'))
    vista = mostrar(qtbot, VistaInventario(usuario("redes")), 1280, 760)
    vista.acciones.alta_cfdi()
    dialogo = vista.dialogo
    elegir_archivo(monkeypatch, pago)
    qtbot.mouseClick(dialogo.boton_xml, Qt.MouseButton.LeftButton)
    assert "recepción de pagos (tipo P)" in dialogo.error_archivo.text()
    assert dialogo.tabla.rowCount() == 0 and not dialogo.boton_registrar.isEnabled()
    dialogo.reject()
