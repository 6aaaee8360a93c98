"""Abrir un adjunto con el programa del sistema: siempre bajo un nombre generado con la extensión
de su tipo real (issue 17, punto 6)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.demo.datos_tramites import archivo_de_ejemplo
from app.vistas.comun import archivos as vista_archivos
from app.vistas.comun import comunes
from tests.ayudas_gui import Respuestas

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    return r


@pytest.fixture
def carpeta(tmp_path, monkeypatch) -> Path:
    destino = tmp_path / "temporal"
    monkeypatch.setattr(vista_archivos, "carpeta_temporal", lambda: destino)
    return destino


def test_un_pdf_llamado_bat_se_escribe_con_nombre_generado_pdf(qtbot, respuestas, carpeta, monkeypatch):
    abiertos: list[Path] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: abiertos.append(Path(url.toLocalFile())) or True)
    padre = QWidget()
    qtbot.addWidget(padre)
    contenido = archivo_de_ejemplo("pdf", "Oficio escaneado")
    ruta = vista_archivos.abrir_con_programa(padre, "..\\oficio\u202Efdp.bat", contenido)
    assert abiertos == [ruta] and ruta.parent == carpeta
    assert re.fullmatch(r"dti-[0-9a-f]{16}\.pdf", ruta.name) and ruta.read_bytes() == contenido
    otra = vista_archivos.abrir_con_programa(padre, "..\\oficio\u202Efdp.bat", contenido)
    assert otra != ruta and ruta.read_bytes() == contenido     # nunca se reescribe uno que ya existe
    assert respuestas.avisos == []


def test_lo_que_no_abre_como_su_tipo_no_se_escribe_ni_se_abre(qtbot, respuestas, carpeta, monkeypatch):
    abiertos: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: abiertos.append(url) or True)
    padre = QWidget()
    qtbot.addWidget(padre)
    assert vista_archivos.abrir_con_programa(padre, "x.pdf", b"%PDF-1.4\r\n@echo off\r\nstart calc.exe\r\n") is None
    assert abiertos == [] and not (carpeta.exists() and any(carpeta.iterdir()))
    assert "No se abre «x.pdf»" in respuestas.texto()


def test_los_dialogos_de_guardar_proponen_la_ultima_carpeta(qapp, tmp_path, monkeypatch):
    """Todas las pantallas proponen Documentos la primera vez y, después, la última carpeta elegida."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from app.vistas.comun import archivos as comun_archivos
    from app.vistas.comun.preferencias import ajustes

    ajustes().remove(comun_archivos.CLAVE_ULTIMA_CARPETA)
    documentos = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    propuestos: list[str] = []
    elegida = tmp_path / "oficios-de-diciembre"
    elegida.mkdir()

    def dialogo(_padre, _titulo, inicio, _filtro="", *_a, **_k):
        propuestos.append(inicio)
        return str(elegida / "respaldo.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialogo))
    comun_archivos.guardar_como(None, "Guardar", "inventario.xlsx", "Excel (*.xlsx)")
    comun_archivos.guardar_como(None, "Guardar", "licencias.pdf", "PDF (*.pdf)")
    assert propuestos[0] == str(Path(documentos or Path.home()) / "inventario.xlsx")
    assert propuestos[1] == str(elegida / "licencias.pdf")
    assert comun_archivos.carpeta_documentos() == str(elegida)
    # Si la carpeta ya no existe (una USB que se retiró), vuelve a Documentos.
    elegida.rename(tmp_path / "otra")
    assert comun_archivos.carpeta_documentos() == (documentos or str(Path.home()))
