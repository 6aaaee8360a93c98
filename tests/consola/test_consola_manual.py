"""«dti manual»: el PDF con un capítulo por pestaña y por procedimiento, el índice y las capturas."""
from __future__ import annotations

import io

import pypdfium2
import pytest
from PIL import Image

from app.consola import principal
from app.servicios.tramites import procedimientos
from app.vistas.modulos import MODULOS


def _dti(capsys, *argumentos: str) -> tuple[int, str, str]:
    codigo = principal.principal(list(argumentos))
    salida = capsys.readouterr()
    return codigo, salida.out, salida.err


def test_manual_pdf_con_contenido_y_un_capitulo_por_pestana_y_procedimiento(capsys, url_sqlite, tmp_path):
    destino = tmp_path / "manual de usuario.pdf"
    codigo, salida, error = _dti(capsys, "manual", "--db", url_sqlite, "--salida", str(destino))
    assert (codigo, error) == (0, "")
    assert salida.strip().splitlines()[-1] == str(destino)          # la ruta al final
    documento = pypdfium2.PdfDocument(io.BytesIO(destino.read_bytes()))
    try:
        paginas = [documento[i].get_textpage().get_text_range() for i in range(len(documento))]
    finally:
        documento.close()
    contenido = "".join(paginas[1:5])
    assert "Contenido" in contenido
    for modulo in MODULOS:
        assert f"Pestaña {modulo.titulo}" in contenido
    for procedimiento in procedimientos.todos():
        assert f"Procedimiento {procedimiento.numero}. " in contenido
    assert "San Martín Texmelucan" in paginas[0]           # la portada dice de qué institución es
    assert not list(tmp_path.glob("*.tmp"))


def test_sin_opciones_lista_los_capitulos(capsys, url_sqlite):
    codigo, salida, _ = _dti(capsys, "manual", "--db", url_sqlite)
    renglones = salida.strip().splitlines()
    assert codigo == 0
    assert renglones[0].strip() == "1. Introducción: cómo se usa el sistema"
    assert any(r.strip().endswith("Pestaña Inventario") for r in renglones)
    assert len(renglones) == 1 + len(MODULOS) + len(procedimientos.todos())


@pytest.mark.parametrize(("argumentos", "mensaje"), [
    (("--salida", "manual.docx"), "debe terminar en .pdf"),
    (("--pestana", "Inventario"), "--pestana solo sirve con --capturas"),
    (("--capturas", "{tmp}/capturas", "--pestana", "No existe"), "No existe la pestaña «No existe»"),
])
def test_errores_claros_y_nada_escrito(capsys, url_sqlite, tmp_path, monkeypatch, argumentos, mensaje):
    aqui = tmp_path / "aqui"
    aqui.mkdir()
    monkeypatch.chdir(aqui)
    argumentos = tuple(a.replace("{tmp}", str(aqui)) for a in argumentos)
    codigo, salida, error = _dti(capsys, "manual", "--db", url_sqlite, *argumentos)
    assert codigo == 2 and error.startswith("Error: ") and mensaje in error
    assert list(aqui.iterdir()) == []


@pytest.mark.gui
def test_capturas_sobre_una_base_de_demostracion_temporal(capsys, url_sqlite, tmp_path, qapp):
    carpeta = tmp_path / "capturas"
    codigo, salida, error = _dti(capsys, "manual", "--db", url_sqlite, "--capturas", str(carpeta),
                                 "--pestana", "mesa de ayuda")
    assert codigo == 0, error
    assert sorted(p.name for p in carpeta.iterdir()) == ["mesa-de-ayuda.png"]
    with Image.open(carpeta / "mesa-de-ayuda.png") as imagen:
        assert imagen.width == 1000 and imagen.height > 400
    assert "Capturas guardadas: 1" in salida
    # La base de --db no recibió la demostración: la captura usa una base temporal.
    from app import base_datos
    from app.modelos import Dependencia

    base_datos.conectar(url_sqlite)
    try:
        assert Dependencia.select().count() == 0
    finally:
        base_datos.cerrar()
