"""Consola: PDF de un dictamen e informe de licencias, con la base de demostración."""
from __future__ import annotations

import io

import openpyxl
import pypdfium2 as pdfium

from app.consola.principal import principal
from app.servicios.dictamenes import dictamenes


def test_dictamen_pdf_e_informe(demo_sqlite, tmp_path, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    folio = next(f["folio"] for f in dictamenes.consultar() if f["folio"])
    salida = tmp_path / "dictamen.pdf"
    assert principal(["dictamen", "pdf", folio, "--salida", str(salida), "--db", url]) == 0
    texto = "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(salida.read_bytes()))
    assert folio in texto and "criterios de evaluación" in texto
    informe = tmp_path / "licencias.xlsx"
    assert principal(["licencias", "informe", "--salida", str(informe), "--db", url]) == 0
    assert "1 sobreasignadas" in capsys.readouterr().out
    hoja = openpyxl.load_workbook(io.BytesIO(informe.read_bytes()))["Licencias"]
    assert any(fila[0] == "CONTPAQi Nóminas" for fila in hoja.iter_rows(values_only=True))
    assert principal(["licencias", "informe", "--salida", str(tmp_path / "i.pdf"), "--db", url]) == 0
    assert (tmp_path / "i.pdf").read_bytes().startswith(b"%PDF")


def test_folio_inexistente_una_linea_en_espanol(demo_sqlite, tmp_path, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    assert principal(["dictamen", "pdf", "DTI/DT/9999/2026", "--salida", str(tmp_path / "x.pdf"), "--db", url]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Error: No existe el dictamen") and error.count("\n") == 1


def test_huella_de_la_llave_igual_en_dos_pc(tmp_path, monkeypatch, capsys):
    from app.servicios.nucleo import secretos

    llave = secretos.generar_llave()
    monkeypatch.setenv("DTI_LLAVE", llave)
    secretos.olvidar_llave()
    assert principal(["secretos", "huella"]) == 0
    primera = capsys.readouterr().out
    monkeypatch.setenv("DTI_DATOS", str(tmp_path))      # otra PC, misma DTI_LLAVE
    assert principal(["secretos", "huella"]) == 0
    assert capsys.readouterr().out == primera and llave not in primera and "DTI_LLAVE" in primera
    secretos.olvidar_llave()
