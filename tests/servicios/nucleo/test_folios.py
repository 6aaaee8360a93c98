"""Folios de oficios: consecutivos por año, sin huecos ni repetidos, aun con varias PC a la vez."""
from __future__ import annotations

import multiprocessing as mp
import re

import pytest

from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import folios
from app.servicios.oficios import oficios
from app.errores import ErrorValidacion

POR_PROCESO = 25


def _preparar(sistema):
    dep = catalogos.guardar_dependencia(sistema, "Dirección de Tecnologías de la Información", "DTI")
    titular = catalogos.guardar_servidor(sistema, "Miguel Ángel Mendoza López",
                                         "Director de Tecnologías de la Información", dep)
    catalogos.guardar_institucion(sistema, titular_dti=titular)


def _emitir(sistema, asunto="Prueba de folio"):
    return oficios.emitir_oficio(sistema, destinatario_nombre="Laura Hernández Sánchez",
                                 destinatario_cargo="Directora de Armonización Contable", asunto=asunto,
                                 cuerpo="Texto del oficio.")


def test_consecutivo_y_cancelado_conserva_folio(sistema, monkeypatch):
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T10:00:00")
    _preparar(sistema)
    a, b = _emitir(sistema), _emitir(sistema)
    assert (a.folio, b.folio) == ("TM/DTI/0001/2026", "TM/DTI/0002/2026")
    oficios.cancelar_oficio(sistema, a, "Error en el destinatario")
    c = _emitir(sistema)
    assert c.folio == "TM/DTI/0003/2026"
    assert oficios.por_folio("TM/DTI/0001/2026").estado == oficios.CANCELADO


def test_anio_del_folio_es_el_de_mexico(sistema, monkeypatch):
    """El 31 de diciembre a las 19:00 en México ya es 1 de enero en UTC: el folio sigue siendo del año viejo."""
    _preparar(sistema)
    monkeypatch.setenv("DTI_AHORA", "2027-01-01T01:00:00+00:00")
    viejo = _emitir(sistema)
    monkeypatch.setenv("DTI_AHORA", "2027-01-01T00:05:00-06:00")
    nuevo = _emitir(sistema)
    assert viejo.folio == "TM/DTI/0001/2026" and viejo.fecha_documento.isoformat() == "2026-12-31"
    assert nuevo.folio == "TM/DTI/0001/2027"


def test_falla_al_generar_pdf_no_consume_folio(sistema, monkeypatch):
    _preparar(sistema)
    primero = _emitir(sistema)
    import app.documentos.oficio_pdf as pdf

    def falla(_datos):
        raise OSError("disco lleno")

    monkeypatch.setattr(pdf, "generar_oficio_pdf", falla)
    with pytest.raises(OSError):
        _emitir(sistema)
    monkeypatch.undo()
    segundo = _emitir(sistema)
    assert int(segundo.folio.split("/")[2]) == int(primero.folio.split("/")[2]) + 1
    assert folios.ultimo_consecutivo(folios.SERIE_OFICIOS, segundo.anio) == segundo.consecutivo


def test_formato_configurable_y_validado(sistema):
    _preparar(sistema)
    with pytest.raises(ErrorValidacion, match="numero"):
        catalogos.guardar_institucion(sistema, formato_folio="TM/DTI/{anio}")
    catalogos.guardar_institucion(sistema, formato_folio="SMT-DTI-{anio}-{numero:05d}")
    assert re.fullmatch(r"SMT-DTI-\d{4}-00001", _emitir(sistema).folio)


def _proceso_emisor(url: str, inicio, salida) -> None:
    from app import base_datos
    from app.servicios.oficios import oficios as servicio
    from app.servicios.catalogos import usuarios as cuentas

    base_datos.conectar(url)
    actor = cuentas.usuario_sistema()
    inicio.wait(30)
    emitidos = []
    for i in range(POR_PROCESO):
        emitidos.append(servicio.emitir_oficio(actor, destinatario_nombre="Destinatario concurrente",
                                               asunto=f"Concurrencia {i}").folio)
    base_datos.cerrar()
    salida.put(emitidos)


def _dos_procesos(url: str) -> list[str]:
    contexto = mp.get_context("spawn")
    inicio, salida = contexto.Event(), contexto.Queue()
    procesos = [contexto.Process(target=_proceso_emisor, args=(url, inicio, salida)) for _ in range(2)]
    for proceso in procesos:
        proceso.start()
    inicio.set()   # los dos empiezan en el mismo momento
    resultados = [salida.get(timeout=120) for _ in procesos]
    for proceso in procesos:
        proceso.join(30)
        assert proceso.exitcode == 0
    return resultados[0] + resultados[1]


@pytest.mark.parametrize("motor", ["postgres", "sqlite"])
def test_dos_pc_emiten_a_la_vez(request, motor):
    """Dos procesos emiten 25 oficios cada uno al mismo tiempo: 50 folios distintos y consecutivos."""
    from app import base_datos

    url = request.getfixturevalue("url_pg" if motor == "postgres" else "url_sqlite")
    base_datos.conectar(url)
    _preparar(usuarios.usuario_sistema())
    base_datos.cerrar()
    emitidos = _dos_procesos(url)
    assert len(emitidos) == 2 * POR_PROCESO
    assert len(set(emitidos)) == 2 * POR_PROCESO, "hay folios repetidos"
    numeros = sorted(int(f.split("/")[2]) for f in emitidos)
    assert numeros == list(range(1, 2 * POR_PROCESO + 1)), "hay folios saltados"
    base_datos.conectar(url)
    from app.servicios.nucleo import bitacora

    assert bitacora.verificar() == []
    base_datos.cerrar()


_SCRIPT_MATADO = """
import sys, time, pathlib
from app import base_datos
from app.servicios.oficios import oficios
from app.servicios.catalogos import usuarios
import app.documentos.oficio_pdf as pdf

def lento(_datos):
    pathlib.Path(sys.argv[2]).write_text("dentro")
    time.sleep(60)

pdf.generar_oficio_pdf = lento
base_datos.conectar(sys.argv[1])
oficios.emitir_oficio(usuarios.usuario_sistema(), destinatario_nombre="X", asunto="Nunca termina")
"""


@pytest.mark.parametrize("motor", ["sqlite", "postgres"])
def test_matar_el_proceso_al_emitir_no_consume_folio(request, tmp_path, motor):
    """kill -9 a mitad de la emisión: ni folio gastado, ni oficio a medias, ni bitácora rota."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from app import base_datos
    from app.servicios.nucleo import bitacora

    url = request.getfixturevalue("url_pg" if motor == "postgres" else "url_sqlite")
    base_datos.conectar(url)
    sistema = usuarios.usuario_sistema()
    _preparar(sistema)
    primero = _emitir(sistema)
    base_datos.cerrar()
    marca = tmp_path / "dentro.txt"
    proceso = subprocess.Popen([sys.executable, "-c", _SCRIPT_MATADO, url, str(marca)])
    limite = time.monotonic() + 60
    while not marca.exists() and time.monotonic() < limite and proceso.poll() is None:
        time.sleep(0.05)
    assert marca.exists(), "el proceso no llegó a generar el PDF"
    os.kill(proceso.pid, signal.SIGKILL)
    proceso.wait(10)
    base_datos.conectar(url)
    siguiente = _emitir(usuarios.usuario_sistema())
    assert siguiente.consecutivo == primero.consecutivo + 1
    assert bitacora.verificar() == []
    base_datos.cerrar()
