"""Manual de usuario: un capítulo por pestaña y por procedimiento, búsqueda y capítulos generados del JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from app.documentos.manual_markdown import leer
from app.errores import ErrorNoEncontrado
from app.rutas import carpeta_procedimientos
from app.servicios.ayuda import completo, manual
from app.servicios.ayuda.imagenes import ANCHO_CAPTURA, PESO_MAXIMO, reducir_captura
from app.servicios.ayuda.procedimientos import capitulo_procedimiento, capitulos_procedimientos, texto_plazo
from app.servicios.tramites import procedimientos
from app.vistas.modulos import MODULOS

CAPTURA = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


# --- Cobertura: cada pestaña y cada procedimiento tienen capítulo ----------------------------

@pytest.mark.parametrize("titulo", [m.titulo for m in MODULOS])
def test_cada_pestana_tiene_su_capitulo(titulo):
    capitulo = manual.capitulo_pestana(titulo)
    assert capitulo.tipo == manual.PESTANA and capitulo.pestana == titulo
    assert capitulo.texto.startswith(f"# Pestaña {titulo}\n"), "el capítulo empieza con el nombre de su pestaña"
    assert len(capitulo.texto) > 500, "un capítulo de pestaña explica algo más que el título"


def test_cada_procedimiento_tiene_su_capitulo_con_introduccion_escrita_a_mano():
    capitulos = capitulos_procedimientos()
    numeros = [p.numero for p in procedimientos.todos()]
    assert [c.clave for c in capitulos] == [f"procedimiento-p{n:02d}" for n in numeros]
    for capitulo, procedimiento in zip(capitulos, procedimientos.todos()):
        assert capitulo.titulo == f"Procedimiento {procedimiento.numero}. {procedimiento.nombre}"
        assert (manual.carpeta_manual() / f"{capitulo.clave}.md").is_file()
        assert "> **Consejo.**" in capitulo.texto
        for paso in procedimiento.pasos:
            assert f"| {paso.numero} |" in capitulo.texto, f"falta el paso {paso.numero} en {capitulo.clave}"


def test_el_manual_completo_va_en_orden_introduccion_pestanas_procedimientos():
    capitulos = completo.capitulos([m.titulo for m in MODULOS])
    tipos = [c.tipo for c in capitulos]
    assert capitulos[0].clave == "introduccion"
    assert tipos == sorted(tipos, key=[manual.GENERAL, manual.PESTANA, manual.PROCEDIMIENTO].index)
    assert [c.pestana for c in capitulos if c.tipo == manual.PESTANA][:len(MODULOS)] == [m.titulo for m in MODULOS]
    assert len({c.clave for c in capitulos}) == len(capitulos)


def test_las_capturas_que_citan_los_capitulos_existen_y_son_ligeras():
    citadas = set()
    for ruta in manual.carpeta_manual().glob("*.md"):
        for destino in CAPTURA.findall(ruta.read_text(encoding="utf-8")):
            archivo = manual.carpeta_manual() / destino
            assert archivo.is_file(), f"{ruta.name} cita {destino}, que no existe"
            citadas.add(archivo.name)
    esperadas = {f"{manual.clave_pestana(m.titulo).removeprefix('pestana-')}.png" for m in MODULOS}
    assert esperadas <= citadas, "cada capítulo de pestaña muestra su captura"
    for archivo in (manual.carpeta_manual() / "capturas").glob("*.png"):
        assert archivo.stat().st_size <= PESO_MAXIMO, f"{archivo.name} pesa demasiado"
        with Image.open(archivo) as imagen:
            assert imagen.width == ANCHO_CAPTURA


# --- Pestañas ---------------------------------------------------------------------------------

def test_la_clave_de_la_pestana_no_depende_de_acentos_ni_mayusculas():
    assert manual.clave_pestana("Mesa de ayuda") == "pestana-mesa-de-ayuda"
    assert manual.clave_pestana("  CATÁLOGOS ") == "pestana-catalogos"
    assert manual.capitulo_pestana("bitacora").titulo == "Pestaña Bitácora"


@pytest.mark.parametrize("hostil", ["No existe", "", "../introduccion", "inventario/../../p01"])
def test_una_pestana_sin_capitulo_da_un_error_claro(hostil):
    with pytest.raises(ErrorNoEncontrado, match="todavía no tiene capítulo"):
        manual.capitulo_pestana(hostil)


def test_capitulos_de_pestanas_de_otra_carpeta_sigue_el_orden_pedido_y_agrega_los_demas(tmp_path):
    (tmp_path / "pestana-b.md").write_text("# Pestaña B\n\nTexto b.\n", encoding="utf-8")
    (tmp_path / "pestana-a.md").write_text("# Pestaña A\n\nTexto a.\n", encoding="utf-8")
    (tmp_path / "pestana-sobrante.md").write_text("Sin título al principio.\n", encoding="utf-8")
    lista = manual.capitulos_pestanas(["B", "Falta", "A"], tmp_path)
    assert [c.clave for c in lista] == ["pestana-b", "pestana-a", "pestana-sobrante"]
    assert lista[2].titulo == "pestana-sobrante"     # sin «# Título»: el nombre del archivo


# --- Búsqueda ---------------------------------------------------------------------------------

def test_buscar_ignora_acentos_y_pide_todas_las_palabras():
    capitulos = completo.capitulos([m.titulo for m in MODULOS])
    encontrados = {c.clave for c in manual.buscar(capitulos, "ARMONIZACION contable")}
    assert "pestana-inventario" in encontrados and "procedimiento-p21" in encontrados
    assert "pestana-bitacora" not in encontrados
    assert manual.buscar(capitulos, "palabraquenoexiste inventario") == []
    assert manual.buscar(capitulos, "   ") == capitulos


# --- Capítulo generado del JSON (otro municipio) ----------------------------------------------

def _carpeta_otro_municipio(tmp_path: Path) -> Path:
    carpeta = tmp_path / "procedimientos"
    carpeta.mkdir()
    datos = json.loads((carpeta_procedimientos() / "p04.json").read_text(encoding="utf-8"))
    datos["numero"] = 31
    datos["nombre"] = "Dictámenes | de otro municipio"
    datos["modulo"] = ""
    datos["pasos"][0]["actividad"] = "Recibe el oficio | con barra <b>y marcas</b>"
    (carpeta / "p31.json").write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
    return carpeta


def test_otro_municipio_obtiene_sus_capitulos_de_sus_pnn_json(tmp_path):
    carpeta = _carpeta_otro_municipio(tmp_path)
    (capitulo,) = capitulos_procedimientos(tmp_path, carpeta)
    assert capitulo.clave == "procedimiento-p31"
    assert capitulo.titulo == "Procedimiento 31. Dictámenes | de otro municipio"
    assert "Consejo" not in capitulo.texto                  # sin introducción escrita: solo lo generado
    assert "pestaña **Trámites**" in capitulo.texto          # sin módulo: se lleva en Trámites
    tabla = next(b for b in leer(capitulo.texto) if b.tipo == "tabla")
    assert tabla.filas[0] == ["Paso", "Actividad", "Responsable", "Plazo"]
    assert tabla.filas[1][1] == "Recibe el oficio | con barra <b>y marcas</b>"   # la barra no parte la celda
    assert all(len(fila) == 4 for fila in tabla.filas)


def test_el_capitulo_dice_decisiones_oficios_reglas_y_la_pestana_del_modulo():
    assert "pestaña **Dictámenes**" in capitulo_procedimiento(procedimientos.obtener(4)).texto
    p11 = procedimientos.obtener(11)
    texto = capitulo_procedimiento(p11).texto
    decisiones = [p for p in p11.pasos if p.es_decision]
    assert decisiones
    for decision in decisiones:
        assert f"- Paso {decision.numero}:" in texto
        assert all(f"**{o.etiqueta}** → paso {o.destino}" in texto for o in decision.opciones)
    for paso in p11.pasos:
        assert f"| {texto_plazo(paso.plazo_horas_habiles)} |" in texto
    con_oficio = [(p, paso) for p in procedimientos.todos() for paso in p.pasos if paso.documento is not None]
    assert con_oficio, "algún procedimiento produce oficios"
    procedimiento, paso = con_oficio[0]
    texto = capitulo_procedimiento(procedimiento).texto
    assert "## Oficios que produce" in texto and f"| {paso.numero} | {paso.documento.plantilla} |" in texto
    p16 = capitulo_procedimiento(procedimientos.obtener(16)).texto
    assert "La dependencia solicitante debe ser una de la lista. (política 2)" in p16


def test_texto_plazo():
    assert texto_plazo(None) == "sin plazo"
    assert texto_plazo(0.0833) == "5 min"
    assert texto_plazo(0.001) == "1 min"
    assert texto_plazo(24) == "24 h hábiles"
    assert texto_plazo(1.5) == "1.5 h hábiles"


# --- Capturas reducidas -----------------------------------------------------------------------

def test_reducir_captura_deja_1000_px_y_menos_de_150_kb(tmp_path):
    import random

    generador = random.Random(7)
    imagen = Image.new("RGB", (1366, 768), "white")
    for _ in range(4000):     # ruido de colores: el peor caso para un PNG
        x, y = generador.randrange(1300), generador.randrange(700)
        imagen.paste((generador.randrange(256), generador.randrange(256), generador.randrange(256)),
                     (x, y, x + 40, y + 12))
    origen = tmp_path / "grande.png"
    imagen.save(origen)
    destino = reducir_captura(origen, tmp_path / "sub" / "chica.png")
    with Image.open(destino) as chica:
        assert chica.size == (1000, 562) and chica.mode == "P"
    assert destino.stat().st_size <= PESO_MAXIMO
    assert not list(tmp_path.glob("sub/*.tmp"))

