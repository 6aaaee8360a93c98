"""Consola: dti cfdi, exportar/importar inventario, etiquetas y resguardo."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
import zxingcpp
from openpyxl import Workbook, load_workbook
from tests.conftest import DATOS_PRUEBAS, RAIZ, primer_director

# Importar y dar de alta cambian datos: la consola se identifica como el Director (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")

DATOS = DATOS_PRUEBAS / "cfdi"


def dti(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=300, env=dict(os.environ))


def test_cfdi_imprime_json_y_rechaza_archivo_malo(tmp_path):
    salida = dti("cfdi", str(DATOS / "cfdi32-real.xml"))
    assert salida.returncode == 0, salida.stderr
    datos = json.loads(salida.stdout)
    assert datos["version"] == "3.2" and datos["total"] == "4685.00" and datos["moneda"] == "MXN"
    assert datos["uuid"] == "80824F3B-323E-407B-8F8E-40D83FE2E69F"
    assert datos["conceptos"][0] == {"descripcion": "ACEITE", "cantidad": "5", "valor_unitario": "61.86",
                                     "importe": "309.30", "no_identificacion": "00279DRM2001",
                                     "clave_prod_serv": ""}
    bomba = tmp_path / "bomba.xml"
    bomba.write_bytes(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>')
    for archivo in (bomba, DATOS / "cfdi32-dirty-addenda.xml", tmp_path / "no-existe.xml"):
        malo = dti("cfdi", str(archivo))
        assert malo.returncode == 2 and malo.stdout == ""
        assert len(malo.stderr.strip().splitlines()) == 1 and malo.stderr.startswith("Error: ")


def _bienes_en(url: str) -> None:
    """Carga unos bienes con las mismas ayudas de las pruebas, en otra conexión."""
    codigo = (
        "from app import base_datos\n"
        f"base_datos.conectar({url!r})\n"
        "from tests.bienes_prueba import catalogo_minimo, crear_bienes\n"
        "c = catalogo_minimo()\n"
        "crear_bienes(5, dependencia=c['tesoreria'], resguardante=c['laura'])\n"
        "crear_bienes(2, dependencia=c['dti'], resguardante=c['titular'], inicio=50)\n")
    resultado = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                               timeout=120, cwd=RAIZ)
    assert resultado.returncode == 0, resultado.stderr


def test_exportar_etiquetas_resguardo_e_importar(url_bd, tmp_path):
    assert dti("iniciar", "--db", url_bd).returncode == 0
    primer_director(url_bd)
    _bienes_en(url_bd)
    excel = tmp_path / "inventario.xlsx"
    exportado = dti("exportar", "inventario", "--salida", str(excel), "--db", url_bd)
    assert exportado.returncode == 0, exportado.stderr
    assert "7 bienes" in exportado.stdout
    assert load_workbook(excel)["Libro de inventarios"]["A6"].value.startswith("TXM-PRB-")

    pdf = tmp_path / "etiquetas.pdf"
    hechas = dti("etiquetas", "--salida", str(pdf), "--plantilla", "carta-2x7",
                 "--dependencia", "Tesorería Municipal", "--db", url_bd)
    assert hechas.returncode == 0, hechas.stderr
    imagen = pdfium.PdfDocument(pdf.read_bytes())[0].render(scale=300 / 72).to_pil()
    assert sorted(r.text for r in zxingcpp.read_barcodes(imagen)) == [f"TXM-PRB-0000{i}" for i in range(1, 6)]
    una = dti("etiquetas", "--salida", str(pdf), "--inventario", "TXM-PRB-00050", "--db", url_bd)
    assert una.returncode == 0 and "1 etiquetas" in una.stdout
    falta = dti("etiquetas", "--salida", str(pdf), "--inventario", "NO-EXISTE", "--db", url_bd)
    assert falta.returncode == 2 and "NO-EXISTE" in falta.stderr

    resguardo = tmp_path / "resguardo.pdf"
    hecho = dti("resguardo", "--servidor", "laura hernández sánchez", "--salida", str(resguardo), "--db", url_bd)
    assert hecho.returncode == 0, hecho.stderr
    texto = pdfium.PdfDocument(resguardo.read_bytes())[0].get_textpage().get_text_range()
    assert "Laura Hernández Sánchez" in texto and "TXM-PRB-00005" in texto
    nadie = dti("resguardo", "--servidor", "Nadie", "--salida", str(tmp_path / "x.pdf"), "--db", url_bd)
    assert nadie.returncode == 2 and not (tmp_path / "x.pdf").exists()

    # Importar en la misma base: todos los números ya existen → código 2 y errores por fila.
    repetido = dti("importar", "inventario", str(excel), "--db", url_bd)
    assert repetido.returncode == 2
    assert "Fila 6:" in repetido.stderr and "TXM-PRB-00001" in repetido.stderr


def test_importar_simular_no_escribe(url_sqlite, tmp_path):
    assert dti("iniciar", "--db", url_sqlite).returncode == 0
    primer_director(url_sqlite)
    ruta = tmp_path / "municipal.xlsx"
    libro = Workbook()
    libro.active.append(["No. de inventario", "Descripción", "Tipo", "Costo", "Fecha de compra"])
    libro.active.append(["SMT-0001", "Switch Cisco 24 puertos", "Switch", 8500, "15/01/2024"])
    libro.save(ruta)
    simulado = dti("importar", "inventario", str(ruta), "--simular", "--db", url_sqlite)
    assert simulado.returncode == 0, simulado.stderr
    assert "No se escribió nada" in simulado.stdout
    exportado = tmp_path / "vacio.xlsx"
    assert "0 bienes" in dti("exportar", "inventario", "--salida", str(exportado), "--db", url_sqlite).stdout
    hecho = dti("importar", "inventario", str(ruta), "--db", url_sqlite)
    assert hecho.returncode == 0 and "Importados 1 bienes" in hecho.stdout
    assert "1 bienes" in dti("exportar", "inventario", "--salida", str(exportado), "--db", url_sqlite).stdout


def _filas(url: str, tabla: str) -> int:
    import sqlite3

    with sqlite3.connect(url.removeprefix("sqlite:///")) as conexion:
        return conexion.execute(f"SELECT COUNT(*) FROM {tabla}").fetchone()[0]


def _escrito(url: str) -> tuple[int, ...]:
    return tuple(_filas(url, t) for t in ("factura", "bien", "proveedor", "movimiento", "bitacora"))


def test_alta_cfdi_simular_imprime_la_propuesta_y_no_escribe(url_sqlite):
    assert dti("iniciar", "--db", url_sqlite).returncode == 0
    primer_director(url_sqlite)
    antes = _escrito(url_sqlite)
    simulado = dti("inventario", "alta-cfdi", str(DATOS / "cfdi40-valid.xml"), "--simular", "--db", url_sqlite)
    assert simulado.returncode == 0, simulado.stderr
    datos = json.loads(simulado.stdout)
    assert datos["uuid"] == "6F35D3B5-3651-5370-BC2C-14CDBE384CD7" and datos["total"] == "3327.01"
    assert datos["avisos"] == []
    bien = datos["bienes"][0]
    assert (bien["descripcion"], bien["cantidad"], bien["valor_unitario"]) == (
        "Portable tetris gamepad pro++ ⏻", "4", "831.75")
    assert bien["valores"] == ["831.76", "831.75", "831.75", "831.75"] and bien["valor_total"] == "3327.01"
    assert _escrito(url_sqlite) == antes
    # Un concepto que no es bien sale del JSON y el cuadre avisa lo que no suma con la factura.
    sin = dti("inventario", "alta-cfdi", str(DATOS / "cfdi40-real.xml"), "--simular", "--no-es-bien", "1",
              "--db", url_sqlite)
    assert sin.returncode == 0, sin.stderr
    assert [b["concepto"] for b in json.loads(sin.stdout)["bienes"]] == [2]
    assert _escrito(url_sqlite) == antes


def test_alta_cfdi_rechaza_con_codigo_2_y_la_razon(url_sqlite, tmp_path):
    assert dti("iniciar", "--db", url_sqlite).returncode == 0
    primer_director(url_sqlite)
    antes = _escrito(url_sqlite)
    pago = tmp_path / "pago.xml"
    pago.write_bytes((DATOS / "cfdi40-valid.xml").read_bytes().replace(b'TipoDeComprobante="I"',
                                                                     b'TipoDeComprobante="P"'))
    for argumentos, razon in (((str(pago), "--simular"), "recepción de pagos (tipo P)"),
                              ((str(pago),), "tipo P"),
                              ((str(tmp_path / "no-existe.xml"), "--simular"), "no existe"),
                              ((str(DATOS / "cfdi40-valid.xml"),), "--resguardante")):
        salida = dti("inventario", "alta-cfdi", *argumentos, "--db", url_sqlite)
        assert salida.returncode == 2 and salida.stdout == "", argumentos
        assert salida.stderr.startswith("Error: ") and razon in salida.stderr, salida.stderr
    assert _escrito(url_sqlite) == antes


def test_alta_cfdi_registra_con_el_valor_de_adquisicion(url_sqlite):
    assert dti("iniciar", "--db", url_sqlite).returncode == 0
    primer_director(url_sqlite)
    _bienes_en(url_sqlite)
    hecho = dti("inventario", "alta-cfdi", str(DATOS / "cfdi40-valid.xml"), "--tipo", "Tableta",
                "--resguardante", "Laura Hernández Sánchez", "--sin-oficio", "--db", url_sqlite)
    assert hecho.returncode == 0, hecho.stderr
    assert "4 bienes dados de alta" in hecho.stdout
    import sqlite3

    with sqlite3.connect(url_sqlite.removeprefix("sqlite:///")) as conexion:
        valores = [v for (v,) in conexion.execute(
            "SELECT b.valor FROM bien b JOIN factura f ON b.factura_id = f.id ORDER BY b.id")]
    assert sum(Decimal(str(v)) for v in valores) == Decimal("3327.01")
    repetida = dti("inventario", "alta-cfdi", str(DATOS / "cfdi40-valid.xml"), "--simular", "--db", url_sqlite)
    assert repetida.returncode == 2 and "ya está registrada" in repetida.stderr


def test_exportar_libro_al_cierre_del_ejercicio(url_sqlite, tmp_path):
    assert dti("iniciar", "--db", url_sqlite).returncode == 0
    primer_director(url_sqlite)
    _bienes_en(url_sqlite)
    excel = tmp_path / "cierre.xlsx"
    hecho = dti("exportar", "inventario", "--al", "2026-12-31", "--salida", str(excel), "--db", url_sqlite)
    assert hecho.returncode == 0, hecho.stderr
    assert "7 bienes" in hecho.stdout and "31 de diciembre de 2026" in hecho.stdout
    hoja = load_workbook(excel)["Libro de inventarios"]
    assert hoja["A1"].value == "Libro de inventarios de bienes muebles al 31 de diciembre de 2026 (pesos)"
    filas = [[c.value for c in f] for f in hoja.iter_rows(min_row=6)]
    general = next(f for f in filas if f[0] == "Total general")
    datos = [f for f in filas[:filas.index(general)] if f[0] and not str(f[0]).startswith("Total ")]
    assert len(datos) == 7
    assert round(sum(Decimal(str(f[6])) for f in datos), 2) == round(Decimal(str(general[6])), 2)
    malo = dti("exportar", "inventario", "--al", "31/12/2026", "--salida", str(tmp_path / "x.xlsx"),
               "--db", url_sqlite)
    assert malo.returncode == 2 and "AAAA-MM-DD" in malo.stderr and not (tmp_path / "x.xlsx").exists()
