"""«dti bandeja»: una línea por paso pendiente del usuario, y los avisos por correo."""
from __future__ import annotations

import re

import pytest

from app.consola.principal import principal
from app.modelos import AvisoTramite, MensajeCorreo, PasoTramite
from app.servicios.bandeja import bandeja
from app.servicios.catalogos import usuarios
from tests.servicios.bandeja.ayudas import abrir

# Lo que cambia datos pide usuario y contraseña: el Director de la demostración (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("consola_director")

VENCE = re.compile(r"^(vence \d\d/\d\d/\d{4} \d\d:\d\d|sin plazo)$")
PROCEDIMIENTOS_DE_REDES = {"P18", "P19", "P20", "P21"}


def _lineas(texto: str) -> list[list[str]]:
    return [linea.split("\t") for linea in texto.strip().splitlines() if linea]


def test_bandeja_de_soporte_en_la_demo(demo_sqlite, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    esperados = bandeja.pendientes(usuarios.obtener("soporte"))
    assert esperados, "la demostración debe dejarle pasos pendientes a Soporte Técnico"
    assert principal(["bandeja", "--usuario", "soporte", "--db", url]) == 0
    salida = capsys.readouterr()
    lineas = _lineas(salida.out)
    assert [l[0] for l in lineas] == [p.numero for p in esperados]
    for campos, pendiente in zip(lineas, esperados):
        assert campos[2].split(" ")[0] == pendiente.clave
        assert pendiente.clave not in PROCEDIMIENTOS_DE_REDES
        assert campos[3].startswith(f"paso {pendiente.paso} · ")
        assert campos[4] == (pendiente.dependencia or "—") and VENCE.match(campos[5])
        assert (campos[6:] == ["VENCIDO"]) == pendiente.vencido
    vencidos = sum(p.vencido for p in esperados)
    assert f"{len(esperados)} pasos pendientes ({vencidos} vencidos) · Mi departamento" in salida.err

    assert principal(["bandeja", "--usuario", "soporte", "--vencidos", "--db", url]) == 0
    solo = _lineas(capsys.readouterr().out)
    assert len(solo) == vencidos and all(l[-1] == "VENCIDO" for l in solo)

    assert principal(["bandeja", "--usuario", "soporte", "--alcance", "mios", "--db", url]) == 0
    mios = _lineas(capsys.readouterr().out)
    assert [l[0] for l in mios] == [p.numero for p in bandeja.pendientes(usuarios.obtener("soporte"), "mios")]


def test_usuario_inexistente_sale_con_2_en_una_linea(demo_sqlite, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    assert principal(["bandeja", "--usuario", "nadie", "--db", url]) == 2
    salida = capsys.readouterr()
    assert salida.out == "" and salida.err == "Error: No existe el usuario «nadie».\n"


def test_avisos_desde_la_consola_se_encolan_una_vez(demo_sqlite, capsys):
    url = f"sqlite:///{demo_sqlite.database}"
    antes = MensajeCorreo.select().count()
    assert principal(["bandeja", "destinatarios", "--agregar", "soporte@texmelucan.gob.mx",
                      "--area", "Departamento de Soporte Técnico", "--usuario", "director", "--db", url]) == 0
    assert "recibe «Le toca un paso a su área» de Departamento de Soporte Técnico." in capsys.readouterr().out
    assert principal(["bandeja", "destinatarios", "--agregar", "director@texmelucan.gob.mx", "--clase", "vencidos",
                      "--db", url]) == 0
    capsys.readouterr()
    assert principal(["bandeja", "destinatarios", "--agregar", "x@texmelucan.gob.mx", "--area", "Tesorería",
                      "--db", url]) == 2
    assert capsys.readouterr().err.startswith("Error: Elija el área cuyos pasos se avisan")

    # Lo que se abre después del alta se avisa (una vez por paso y correo); el resumen sale si hay vencidos.
    nuevo = abrir(usuarios.obtener("soporte"), 6, "No enciende el monitor de la caja 3", hasta="2")
    assert principal(["bandeja", "avisos", "--fecha", "2026-11-18", "--db", url]) == 0
    primera = capsys.readouterr().out
    pasos = AvisoTramite.select().where(AvisoTramite.clase == "paso").count()
    hay_vencidos = int(any(p.vencido for p in bandeja.abiertos()))
    assert pasos >= 1 and hay_vencidos == 1                      # la demostración tiene tickets vencidos
    assert f"Avisos de pasos encolados: {pasos} · resúmenes de vencidos encolados: 1." in primera
    assert MensajeCorreo.select().count() == antes + pasos + 1
    paso_nuevo = PasoTramite.get((PasoTramite.tramite == nuevo) & PasoTramite.fin.is_null())
    aviso = AvisoTramite.get(AvisoTramite.clave == f"paso:{paso_nuevo.id}:soporte@texmelucan.gob.mx")
    assert MensajeCorreo.get_by_id(aviso.mensaje_id).asunto.startswith(f"Pendiente: paso 2 de {nuevo.numero}")
    assert all(a.destinatario == "soporte@texmelucan.gob.mx" for a in AvisoTramite.select()
               .where(AvisoTramite.clase == "paso"))                # solo Soporte se dio de alta para pasos
    assert principal(["bandeja", "avisos", "--fecha", "2026-11-18", "--db", url]) == 0
    assert "Avisos de pasos encolados: 0 · resúmenes de vencidos encolados: 0." in capsys.readouterr().out
    assert MensajeCorreo.select().count() == antes + pasos + 1
