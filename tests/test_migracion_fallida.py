"""Una migración que falla o deja otro esquema no queda aplicada: la base vuelve a como estaba."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import base_datos, esquema
from app.rutas import carpeta_migraciones

ULTIMA_REAL = max(p.stem for p in carpeta_migraciones().glob("0*.py"))
SIGUIENTE = int(ULTIMA_REAL[:4]) + 1          # las migraciones de prueba van después de las reales

FALLA_A_LA_MITAD = {
    f"{SIGUIENTE:04d}_tabla_nueva.py": '''"""Prueba: crea una tabla (se aplica bien)."""


def up(migrator, db):
    db.execute_sql("CREATE TABLE tabla_de_prueba (id INTEGER PRIMARY KEY)")
''',
    f"{SIGUIENTE + 1:04d}_falla_a_la_mitad.py": '''"""Prueba: agrega una columna y luego falla (sin transacción propia)."""
from peewee import TextField

atomic = False


def up(migrator, db):
    migrator.migrate(migrator.add_column("dependencia", "columna_a_medias", TextField(null=True)))
    raise RuntimeError("la conversión de los datos se interrumpió")
''',
}

ESQUEMA_DISTINTO = {
    f"{SIGUIENTE:04d}_quita_una_columna.py": '''"""Prueba: «se aplica» pero quita una columna que los modelos usan."""


def up(migrator, db):
    migrator.migrate(migrator.drop_column("dependencia", "ubicacion"))
''',
}


def _carpeta(tmp_path: Path, nuevas: dict[str, str]) -> Path:
    carpeta = tmp_path / "migraciones"
    carpeta.mkdir()
    for archivo in carpeta_migraciones().glob("0*.py"):
        shutil.copy(archivo, carpeta / archivo.name)
    for nombre, texto in nuevas.items():
        (carpeta / nombre).write_text(texto, encoding="utf-8")
    return carpeta


def _base_con_datos(url: str):
    base = base_datos.conectar(url)
    from app.servicios.catalogos import catalogos, usuarios

    catalogos.guardar_dependencia(usuarios.usuario_sistema(), "Tesorería Municipal", "TM", ubicacion="Planta baja")
    return base


def _columnas(base, tabla: str) -> set[str]:
    return {c.name for c in base.get_columns(tabla)}


@pytest.mark.parametrize("nuevas,causa", [
    (FALLA_A_LA_MITAD, f"la migración «{SIGUIENTE + 1:04d}_falla_a_la_mitad» falló "
                       "(la conversión de los datos se interrumpió)"),
    (ESQUEMA_DISTINTO, "el esquema resultante no coincide con el del programa"),
])
def test_migracion_fallida_deja_la_base_como_antes(url_bd, tmp_path, monkeypatch, nuevas, causa):
    base = _base_con_datos(url_bd)
    carpeta = _carpeta(tmp_path, nuevas)
    monkeypatch.setattr(base_datos, "carpeta_migraciones", lambda: carpeta)

    with pytest.raises(base_datos.ErrorMigracion) as error:
        base_datos.aplicar_migraciones()

    mensaje = str(error.value)
    assert causa in mensaje
    assert f"la base quedó como estaba antes (versión {ULTIMA_REAL})" in mensaje
    assert "Traceback" not in mensaje
    assert base_datos.version_esquema() == ULTIMA_REAL
    assert not base.table_exists("tabla_de_prueba")
    assert _columnas(base, "dependencia") >= {"ubicacion"}
    assert "columna_a_medias" not in _columnas(base, "dependencia")
    assert not esquema.diferencias_esquema()
    from app.modelos import Dependencia

    assert [(d.nombre, d.ubicacion) for d in Dependencia.select()] == [("Tesorería Municipal", "Planta baja")]
    base_datos.cerrar()


def test_la_consola_explica_la_migracion_fallida(url_sqlite, tmp_path, monkeypatch, capsys):
    from app.consola.principal import principal

    _base_con_datos(url_sqlite)
    base_datos.cerrar()
    carpeta = _carpeta(tmp_path, ESQUEMA_DISTINTO)
    monkeypatch.setattr(base_datos, "carpeta_migraciones", lambda: carpeta)

    assert principal(["iniciar", "--db", url_sqlite]) == 2
    salida = capsys.readouterr()
    assert salida.out == ""
    assert salida.err.startswith("Error: No se pudo actualizar el esquema de la base de datos:")
    assert "Traceback" not in salida.err and salida.err.count("\n") == 1
    base_datos.cerrar()
    monkeypatch.undo()
    base = base_datos.conectar(url_sqlite)          # con el programa correcto abre sin migrar nada
    assert base_datos.version_esquema() == ULTIMA_REAL
    assert "ubicacion" in _columnas(base, "dependencia")
    base_datos.cerrar()
