"""``dti respaldo crear|restaurar`` y los errores del controlador traducidos en la consola."""
from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from peewee import InterfaceError, OperationalError

from app import base_datos
from app.consola import principal as consola


def _nombres(url: str) -> list[str]:
    base_datos.conectar(url)
    from app.modelos import Dependencia

    nombres = sorted(d.nombre for d in Dependencia.select())
    base_datos.cerrar()
    return nombres


def _alta(url: str, nombre: str, siglas: str) -> None:
    base_datos.conectar(url)
    from app.servicios.catalogos import catalogos, usuarios

    catalogos.guardar_dependencia(usuarios.usuario_sistema(), nombre, siglas)
    base_datos.cerrar()


class _SinTerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_crear_y_restaurar_por_consola(url_sqlite, tmp_path, capsys, monkeypatch):
    _alta(url_sqlite, "Tesorería Municipal", "TM")
    archivo = tmp_path / "respaldo.sqlite3"
    assert consola.principal(["respaldo", "crear", "--salida", str(archivo), "--db", url_sqlite]) == 0
    salida = capsys.readouterr()
    assert salida.out.startswith(f"Respaldo escrito en {archivo}") and salida.err == ""
    assert stat.S_IMODE(archivo.stat().st_mode) == 0o600
    _alta(url_sqlite, "Contraloría Municipal", "CM")

    monkeypatch.setattr("sys.stdin", _SinTerminal())
    assert consola.principal(["respaldo", "restaurar", str(archivo), "--db", url_sqlite]) == 2
    assert "sin terminal agregue --si" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    assert consola.principal(["respaldo", "restaurar", str(archivo), "--db", url_sqlite]) == 2
    assert "No se restauró nada." in capsys.readouterr().err
    base_datos.cerrar()
    assert _nombres(url_sqlite) == ["Contraloría Municipal", "Tesorería Municipal"]

    assert consola.principal(["respaldo", "restaurar", str(archivo), "--si", "--db", url_sqlite]) == 0
    salida = capsys.readouterr()
    assert salida.out.startswith(f"Base restaurada desde {archivo}") and "La base de antes quedó en" in salida.out
    base_datos.cerrar()
    assert _nombres(url_sqlite) == ["Tesorería Municipal"]


def test_respaldo_alterado_por_consola(url_sqlite, tmp_path, capsys):
    _alta(url_sqlite, "Tesorería Municipal", "TM")
    archivo = tmp_path / "alterado.sqlite3"
    archivo.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    assert consola.principal(["respaldo", "restaurar", str(archivo), "--si", "--db", url_sqlite]) == 2
    salida = capsys.readouterr()
    assert salida.out == ""
    assert salida.err.startswith("Error: El respaldo está dañado") and salida.err.count("\n") == 1
    base_datos.cerrar()
    assert _nombres(url_sqlite) == ["Tesorería Municipal"]
    assert not list(Path(url_sqlite.removeprefix("sqlite:///")).parent.glob("*antes-de-restaurar*"))


def test_postgres_explica_pg_dump(capsys):
    url = "postgresql://dti@127.0.0.1:1/dti"          # nada escucha ahí: ni siquiera se conecta
    assert consola.principal(["respaldo", "crear", "--salida", "x.respaldo", "--db", url]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Error: Con PostgreSQL el respaldo lo hace el servidor")
    assert "pg_dump --format=custom" in error and "pg_restore" in error
    assert not Path("x.respaldo").exists()


@pytest.mark.parametrize("excepcion", [
    InterfaceError("connection already closed"),
    OperationalError("server closed the connection unexpectedly\n\tThis probably means the server "
                     "terminated abnormally"),
])
def test_conexion_perdida_en_espanol(monkeypatch, capsys, excepcion):
    def falla(_args):
        raise excepcion

    monkeypatch.setattr(consola, "_ejecutar", falla)
    assert consola.principal(["oficio", "listar"]) == 2
    salida = capsys.readouterr()
    assert salida.out == ""
    assert salida.err.startswith("Error: Se perdió la conexión con la base de datos; la operación no se guardó.")
    assert "closed" not in salida.err and "Traceback" not in salida.err and salida.err.count("\n") == 1


def test_conexion_perdida_de_psycopg2_en_espanol(monkeypatch, capsys):
    psycopg2 = pytest.importorskip("psycopg2")

    def falla(_args):
        raise psycopg2.OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(consola, "_ejecutar", falla)
    assert consola.principal(["oficio", "listar"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Error: Se perdió la conexión con la base de datos") and "terminating" not in error


def test_un_error_ajeno_a_la_base_no_se_disfraza(monkeypatch):
    def falla(_args):
        raise ZeroDivisionError("división entre cero")

    monkeypatch.setattr(consola, "_ejecutar", falla)
    with pytest.raises(ZeroDivisionError):
        consola.principal(["oficio", "listar"])
