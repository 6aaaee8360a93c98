"""Consola: «dti oficio emitir --plantilla» nunca emite a medias; sale con 2 nombrando lo que falta."""
from __future__ import annotations

import os
import subprocess
import sys

import pypdfium2 as pdfium

from app.modelos import ContadorFolio, Oficio
from app.servicios.oficios import oficios

import pytest
# Lo que cambia datos pide usuario y contraseña: el Director de la demostración (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")

DESTINO = ("--destinatario", "Sofía Navarro Peña", "--cargo", "Directora de Catastro",
           "--dependencia", "Dirección de Catastro")
AVISO = {"clase": "preventivo", "equipo": "el conmutador de Catastro", "tipo": "conmutador de red",
         "procedimiento": "procedimiento para el mantenimiento preventivo",
         "fecha": "sábado 14 de noviembre de 2026", "hora_inicio": "09:00", "hora_fin": "13:00",
         "numero": "MNT-2026-0042", "descripcion": "Actualización de firmware."}


def dti(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=180, env=dict(os.environ))


def datos(**valores: str) -> list[str]:
    return [argumento for clave, valor in valores.items() for argumento in ("--dato", f"{clave}={valor}")]


def escrito() -> tuple[int, list[tuple]]:
    return Oficio.select().count(), sorted(ContadorFolio.select(ContadorFolio.anio, ContadorFolio.ultimo).tuples())


def lineas_de_error(salida: subprocess.CompletedProcess) -> list[str]:
    return [linea.strip() for linea in salida.stderr.strip().splitlines()]


def test_plantilla_incompleta_sale_con_2_y_nombra_cada_variable(demo_sqlite, url_sqlite):
    antes = escrito()
    salida = dti("oficio", "emitir", "--db", url_sqlite, "--plantilla", "aviso_mantenimiento", *DESTINO,
                 *datos(clase="preventivo", tipo="conmutador", hora_fin=""))
    assert salida.returncode == 2 and salida.stdout == ""
    lineas = lineas_de_error(salida)
    assert lineas[0].startswith("Error: faltan valores de la plantilla «aviso_mantenimiento»")
    # Una por línea, en el orden del texto; ${dependencia} sale de --dependencia y un valor vacío no cuenta.
    assert lineas[1:] == ["equipo", "procedimiento", "fecha", "hora_inicio", "hora_fin", "numero", "descripcion"]
    assert escrito() == antes


def test_plantilla_desconocida_lista_las_disponibles(demo_sqlite, url_sqlite):
    antes = escrito()
    salida = dti("oficio", "emitir", "--db", url_sqlite, "--plantilla", "aviso_de_nada", "--asunto", "X",
                 *DESTINO)
    assert salida.returncode == 2
    lineas = lineas_de_error(salida)
    assert "aviso_de_nada" in lineas[0]
    assert {"aviso_mantenimiento", "oficio_generico", "respuesta_tramite"} <= set(lineas[1:])
    assert escrito() == antes


def test_texto_tecleado_con_variables_o_dato_mal_escrito_tampoco_se_emite(demo_sqlite, url_sqlite):
    antes = escrito()
    tecleado = dti("oficio", "emitir", "--db", url_sqlite, *DESTINO, "--asunto", "Aviso a ${equipo}",
                   "--cuerpo", "El día ${fecha}.")
    assert tecleado.returncode == 2 and lineas_de_error(tecleado)[1:] == ["equipo", "fecha"]
    mal = dti("oficio", "emitir", "--db", url_sqlite, "--plantilla", "oficio_generico", *DESTINO,
              "--asunto", "X", "--dato", "equipo")
    assert mal.returncode == 2 and "CLAVE=VALOR" in mal.stderr and lineas_de_error(mal)[-1] == "equipo"
    sin_asunto = dti("oficio", "emitir", "--db", url_sqlite, *DESTINO)
    assert sin_asunto.returncode == 2 and "Asunto" in sin_asunto.stderr
    assert escrito() == antes


def test_plantilla_completa_emite_e_imprime_el_folio_al_final(demo_sqlite, url_sqlite):
    salida = dti("oficio", "emitir", "--db", url_sqlite, "--plantilla", "aviso_mantenimiento", *DESTINO,
                 *datos(**AVISO))
    assert salida.returncode == 0, salida.stderr
    folio = salida.stdout.strip().splitlines()[-1]
    assert folio.startswith("TM/DTI/")
    oficio = oficios.por_folio(folio)
    assert oficio.plantilla == "aviso_mantenimiento"
    assert oficio.asunto == "Aviso de mantenimiento preventivo a el conmutador de Catastro"
    documento = pdfium.PdfDocument(oficios.pdf_de_oficio(oficio))
    texto = " ".join("\n".join(documento[i].get_textpage().get_text_range()
                               for i in range(len(documento))).split())
    for esperado in (folio, "sábado 14 de noviembre de 2026", "MNT-2026-0042", "Dirección de Catastro"):
        assert esperado in texto, esperado
    assert "${" not in texto
    # Con una plantilla cuyo asunto es ${asunto}, --asunto y --cuerpo la llenan.
    generico = dti("oficio", "emitir", "--db", url_sqlite, "--plantilla", "oficio_generico", *DESTINO,
                   "--asunto", "Red de Catastro", "--cuerpo", "El martes habrá mantenimiento.")
    assert generico.returncode == 0, generico.stderr
    otro = oficios.por_folio(generico.stdout.strip().splitlines()[-1])
    assert otro.asunto == "Red de Catastro" and otro.cuerpo.startswith("El martes habrá mantenimiento.")
    assert otro.consecutivo == oficio.consecutivo + 1
