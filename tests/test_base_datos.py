"""La URL elige el motor; SQLite con WAL; migraciones que conservan los datos."""
from __future__ import annotations

import json

import pytest

from app import base_datos, configuracion, esquema


def test_orden_de_la_url(monkeypatch, tmp_path):
    monkeypatch.setenv("DTI_DATOS", str(tmp_path))
    monkeypatch.delenv("DTI_DB_URL", raising=False)
    assert configuracion.resolver_url_bd() == f"sqlite:///{(tmp_path / 'dti.sqlite3').as_posix()}"
    (tmp_path / "config.json").write_text(json.dumps({"db_url": "postgresql://u@servidor/dti"}), encoding="utf-8")
    assert configuracion.resolver_url_bd() == "postgresql://u@servidor/dti"
    monkeypatch.setenv("DTI_DB_URL", "sqlite:///entorno.sqlite3")
    assert configuracion.resolver_url_bd() == "sqlite:///entorno.sqlite3"
    assert configuracion.resolver_url_bd("sqlite:///opcion.sqlite3") == "sqlite:///opcion.sqlite3"
    (tmp_path / "config.json").write_text("{no es json", encoding="utf-8")
    monkeypatch.delenv("DTI_DB_URL")
    with pytest.raises(configuracion.ErrorConfiguracion, match="No se pudo leer"):
        configuracion.resolver_url_bd()


def test_sqlite_con_wal_llaves_y_espera(bd_sqlite):
    assert bd_sqlite.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert bd_sqlite.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert bd_sqlite.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 30000
    assert bd_sqlite.execute_sql("PRAGMA synchronous").fetchone()[0] == 2   # FULL


@pytest.mark.parametrize("url,mensaje", [
    ("sqlite:///\\\\servidor\\compartida\\dti.sqlite3", "carpeta de red"),
    ("mysql://root@localhost/dti", "no reconocido"),
    ("postgresql://postgres@127.0.0.1:5432/", "debe incluir la base"),
])
def test_urls_rechazadas(url, mensaje):
    with pytest.raises(base_datos.ErrorBaseDatos, match=mensaje):
        base_datos.crear_base(url)


def test_servidor_que_no_responde():
    with pytest.raises(base_datos.ErrorBaseDatos, match="No se pudo abrir"):
        base_datos.conectar("postgresql://postgres:secreta@127.0.0.1:1/dti", migrar=False)


def test_esquema_coincide_con_los_modelos(bd):
    assert not esquema.diferencias_esquema()
    assert base_datos.version_esquema() == max(m.name for m in base_datos.corredor_migraciones().migrations())


def test_base_antigua_se_migra_con_sus_datos(url_bd):
    """Una base en la versión 1 se abre con la versión actual: se migra y conserva todo."""
    base = base_datos.conectar(url_bd, migrar=False)
    if "sqlite" not in url_bd:
        # La base de PostgreSQL de las pruebas sale de una plantilla ya migrada: se vacía para que
        # de verdad quede en la versión 1.
        base.execute_sql("DROP SCHEMA public CASCADE")
        base.execute_sql("CREATE SCHEMA public")
    base_datos.aplicar_migraciones(hasta="0001_esquema_inicial")
    verdadero = "1" if "sqlite" in url_bd else "TRUE"
    base.execute_sql("INSERT INTO dependencia (version, creado_en, modificado_en, nombre, siglas, ubicacion, "
                     f"activo, busqueda) VALUES (1, '2025-03-01 09:00:00', '2025-03-01 09:00:00', "
                     f"'Tesorería Municipal', 'TM', '', {verdadero}, 'tesoreria municipal')")
    base.execute_sql("INSERT INTO oficio (version, creado_en, modificado_en, tipo, estado, numero_oficio, "
                     "procedencia_texto, solicitante_nombre, solicitante_cargo, firmado, descripcion, faltantes, "
                     "asunto, destinatario_nombre, destinatario_cargo, destinatario_dependencia, cuerpo, firmantes, "
                     "ccp, plantilla, sha256, huella, motivo_cancelacion, busqueda) VALUES (1, '2025-03-01 09:00:00', "
                     "'2025-03-01 09:00:00', 'entrante', 'registrado', 'TM/0001/2025', 'Tesorería', 'Ana', '', "
                     f"{verdadero}, 'Petición antigua', '', '', '', '', '', '', '', '', '', '', '', '', '')")
    base_datos.cerrar()
    base = base_datos.conectar(url_bd)          # abrir con la versión actual migra
    from app.modelos import Dependencia, Oficio

    assert Dependencia.get().nombre == "Tesorería Municipal"
    antiguo = Oficio.get()
    assert antiguo.descripcion == "Petición antigua" and antiguo.recibido_por is None
    assert not esquema.diferencias_esquema()
    base_datos.cerrar()


def test_respaldo_antes_de_migrar_sqlite(tmp_path):
    url = f"sqlite:///{(tmp_path / 'vieja.sqlite3').as_posix()}"
    base_datos.conectar(url, migrar=False)
    base_datos.aplicar_migraciones(hasta="0001_esquema_inicial")
    base_datos.cerrar()
    base_datos.conectar(url)
    base_datos.cerrar()
    assert list(tmp_path.glob("vieja.sqlite3.antes-de-0002*.respaldo"))


def test_postgres_se_reconecta_si_el_servidor_corta(url_pg, plantilla_pg):
    """Un PostgreSQL que se reinicia (o una red que se cae) no deja la aplicación inservible."""
    from app.servicios.catalogos import catalogos, usuarios

    base = base_datos.conectar(url_pg)
    sistema = usuarios.usuario_sistema()
    catalogos.guardar_dependencia(sistema, "Tesorería Municipal", "TM")
    pid = base.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    admin = plantilla_pg[0]
    with admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert [d.nombre for d in catalogos.dependencias()] == ["Tesorería Municipal"]
    catalogos.guardar_dependencia(sistema, "Contraloría Municipal", "CM")
    assert base.execute_sql("SELECT pg_backend_pid()").fetchone()[0] != pid
    base_datos.cerrar()
