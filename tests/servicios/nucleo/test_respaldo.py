"""Respaldos de la base SQLite: se crean solo para el usuario y se restauran solo si son válidos."""
from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from app import base_datos
from app.servicios.nucleo import bitacora, respaldo


def _permisos(ruta: Path) -> int:
    return stat.S_IMODE(ruta.stat().st_mode)


def _nombres() -> list[str]:
    from app.modelos import Dependencia

    return sorted(d.nombre for d in Dependencia.select())


def _alta(nombre: str, siglas: str) -> None:
    from app.servicios.catalogos import catalogos, usuarios

    catalogos.guardar_dependencia(usuarios.usuario_sistema(), nombre, siglas)


@pytest.fixture
def con_respaldo(bd_sqlite, tmp_path):
    """Base con «Tesorería», su respaldo, y después «Contraloría» agregada a la base."""
    _alta("Tesorería Municipal", "TM")
    copia = tmp_path / "respaldos" / "dti-respaldo.sqlite3"
    resumen = respaldo.crear(copia)
    _alta("Contraloría Municipal", "CM")
    return copia, resumen


def _ruta_base() -> Path:
    return Path(base_datos.bd.obj.database)


def test_crear_alterar_y_restaurar(con_respaldo):
    copia, resumen = con_respaldo
    assert resumen.ruta == copia.resolve() and resumen.entradas_bitacora > 0
    assert _permisos(copia) == 0o600
    assert _permisos(_ruta_base()) == 0o600
    assert _nombres() == ["Contraloría Municipal", "Tesorería Municipal"]

    restaurado, anterior = respaldo.restaurar(copia)

    assert _nombres() == ["Tesorería Municipal"]
    assert restaurado.version == base_datos.version_esquema()
    assert bitacora.verificar() == []
    assert _permisos(anterior) == 0o600 and _permisos(_ruta_base()) == 0o600
    with closing(sqlite3.connect(anterior)) as guardada:       # la base de antes quedó aparte, completa
        assert sorted(f[0] for f in guardada.execute("SELECT nombre FROM dependencia")) == [
            "Contraloría Municipal", "Tesorería Municipal"]


def _danar(copia: Path) -> None:
    datos = bytearray(copia.read_bytes())
    mitad = len(datos) // 4
    datos[mitad:3 * mitad] = b"\xa5" * (2 * mitad)
    copia.write_bytes(bytes(datos))


def _alterar(sql: str):
    def cambiar(copia: Path) -> None:
        with closing(sqlite3.connect(copia)) as conexion:
            conexion.execute(sql)
            conexion.commit()
    return cambiar


@pytest.mark.parametrize("cambio,motivo", [
    (_danar, "El respaldo está dañado"),
    (lambda copia: copia.write_text("esto no es una base", encoding="utf-8"), "no es un archivo SQLite"),
    (_alterar("UPDATE dependencia SET nombre = 'Tesorería Paralela'"),
     "La bitácora del respaldo no pasa la verificación"),
    (_alterar("DELETE FROM dependencia"), "La bitácora del respaldo no pasa la verificación"),
    (_alterar(f"INSERT INTO {base_datos.TABLA_MIGRACIONES} (name, applied) "
              "VALUES ('0099_de_una_version_futura', '2026-12-01 10:00:00')"),
     "versión más nueva del programa (esquema 0099_de_una_version_futura)"),
])
def test_respaldo_danado_o_alterado_no_toca_la_base(con_respaldo, cambio, motivo):
    copia, _ = con_respaldo
    cambio(copia)
    antes = sorted(p.name for p in _ruta_base().parent.iterdir())

    with pytest.raises(respaldo.ErrorRespaldo, match=motivo.replace("(", r"\(").replace(")", r"\)")) as error:
        respaldo.restaurar(copia)

    assert "no se restauró nada" in str(error.value).lower()
    assert _nombres() == ["Contraloría Municipal", "Tesorería Municipal"]
    assert sorted(p.name for p in _ruta_base().parent.iterdir()) == antes   # ni copia de la base actual
    assert bitacora.verificar() == []


def test_no_se_respalda_sobre_la_misma_base(bd_sqlite):
    with pytest.raises(respaldo.ErrorRespaldo, match="misma base"):
        respaldo.crear(_ruta_base())
