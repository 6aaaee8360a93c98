"""Demostración de inventario: bienes realistas por inserción masiva con la bitácora íntegra,
y los comandos ``dti demo --bienes`` y ``dti levantamiento``."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pypdfium2 as pdfium

from app.modelos import Bien, Bitacora, ContadorFolio, Levantamiento, Movimiento
from app.servicios.nucleo import bitacora
from app.servicios.inventario import inventario, tipos_bien
from app.demo.inventario import EQUIPOS, cargar_bienes
from tests.conftest import usuario


def dti(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=300, env=dict(os.environ))


def test_la_demo_normal_trae_bienes_movimientos_y_levantamiento(demo):
    assert Bien.select().count() == 60
    # Tres del inventario y la baja que abrió el dictamen «no apto» de la demostración.
    assert Movimiento.select().where(Movimiento.tipo != "baja").count() == 3
    assert Movimiento.select().where(Movimiento.tipo == "baja").count() == 1
    assert Levantamiento.get().estado == "pausado"
    assert not bitacora.verificar()


def test_carga_masiva_realista_con_bitacora_integra(demo):
    entradas = Bitacora.select().count()
    assert cargar_bienes(700) == 700
    assert Bien.select().count() == 760
    assert Bitacora.select().count() >= entradas + 700
    assert not bitacora.verificar()
    series = [s for (s,) in Bien.select(Bien.serie).tuples()]
    assert len(series) == len(set(series))
    marcas = {m for (m,) in Bien.select(Bien.marca).distinct().tuples()}
    assert {"HP", "Dell", "Lenovo", "Cisco"} <= marcas <= {e[1] for e in EQUIPOS}
    numeros = sorted(n for (n,) in Bien.select(Bien.numero_inventario).tuples())
    assert numeros[0] == "SMT-TIC-00001" and numeros[-1] == "SMT-TIC-00760"
    assert ContadorFolio.get(ContadorFolio.serie == "inventario").ultimo == 760
    muestra = Bien.select().where(Bien.id == 700).get()
    assert isinstance(muestra.valor, Decimal) and muestra.valor > 0
    assert muestra.resguardante.dependencia_id == muestra.dependencia_id
    assert inventario.contar(muestra.resguardante.nombre.split()[0]) >= 1
    # Después de la carga masiva, el alta normal sigue (en PostgreSQL la secuencia quedó al día).
    nuevo = inventario.registrar_bien(usuario("redes"), tipo=tipos_bien.por_nombre("Switch"),
                                      descripcion="Switch Cisco Catalyst 9200L", serie="FOC-NUEVO-1",
                                      resguardante=muestra.resguardante)
    assert nuevo.numero_inventario == "SMT-TIC-00761" and nuevo.id > 760
    assert not bitacora.verificar()


def test_comandos_demo_y_levantamiento(url_bd, tmp_path, consola_como):
    salida = dti("demo", "--bienes", "300", "--db", url_bd)       # base vacía: sin credenciales
    assert salida.returncode == 0, salida.stderr
    assert "Bienes de demostración cargados: 300" in salida.stdout
    assert dti("verificar-bitacora", "--db", url_bd).returncode == 0
    consola_como("redes")           # lo que sigue cambia datos: se identifica quien lo hace
    iniciado = dti("levantamiento", "iniciar", "--dependencia", "TM", "--usuario", "redes", "--db", url_bd)
    assert iniciado.returncode == 0, iniciado.stderr
    numero = iniciado.stdout.strip().splitlines()[-1]
    leido = dti("levantamiento", "leer", numero, " smt-tic-00001 ", "NO-EXISTE", "--usuario", "redes",
                "--db", url_bd)
    assert leido.returncode == 0, leido.stderr
    assert "[Desconocido]" in leido.stdout and "SMT-TIC-00001" in leido.stdout
    archivo = tmp_path / "lev.json"
    assert dti("levantamiento", "exportar", numero, "--salida", str(archivo), "--db", url_bd).returncode == 0
    assert json.loads(archivo.read_text(encoding="utf-8"))["formato"] == "dti-levantamiento"
    pdf = tmp_path / "informe.pdf"
    cerrado = dti("levantamiento", "cerrar", numero, "--pdf", str(pdf), "--excel", str(tmp_path / "i.xlsx"),
                  "--usuario", "redes", "--db", url_bd)
    assert cerrado.returncode == 0, cerrado.stderr
    documento = pdfium.PdfDocument(pdf.read_bytes())
    texto = " ".join(" ".join(documento[i].get_textpage().get_text_range() for i in range(len(documento))).split())
    assert "Tesorería Municipal" in texto and "NO-EXISTE" in texto
    rechazo = dti("levantamiento", "importar", str(archivo), "--db", url_bd)
    assert rechazo.returncode == 2 and "ya se cerró" in rechazo.stderr
    listado = dti("levantamiento", "listar", "--db", url_bd)
    assert json.loads(listado.stdout.splitlines()[0])["estado"] == "cerrado"
