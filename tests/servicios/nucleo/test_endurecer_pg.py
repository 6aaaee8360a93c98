"""PostgreSQL endurecido (issue 17, punto 10), en el servidor real: con las credenciales del programa
no se borra ni se reescribe la bitácora, ni se borra ningún registro; el programa sigue trabajando."""
from __future__ import annotations

import uuid
from urllib.parse import urlparse

import psycopg2
import pytest
from psycopg2 import errors

from app import base_datos
from app.errores import ErrorValidacion
from app.modelos import Bitacora, Dependencia
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import bitacora, endurecer_pg
from tests.consola.test_consola import dti


def _conexion(url: str, usuario: str):
    partes = urlparse(url)
    conexion = psycopg2.connect(host=partes.hostname, port=partes.port or 5432, user=usuario,
                                dbname=partes.path.lstrip("/"), connect_timeout=5)
    conexion.autocommit = True
    return conexion


def _url_con_usuario(url: str, usuario: str) -> str:
    partes = urlparse(url)
    return partes._replace(netloc=f"{usuario}@{partes.hostname}:{partes.port or 5432}").geturl()


@pytest.fixture
def rol_app(url_pg):
    """Una cuenta del programa propia de la prueba (las cuentas son de todo el servidor: se quitan al final)."""
    nombre = f"dti_app_{uuid.uuid4().hex[:10]}"
    yield nombre
    base_datos.cerrar()
    dueno = _conexion(url_pg, "postgres")
    with dueno.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (nombre,))
        if cursor.fetchone():
            cursor.execute(f'DROP OWNED BY "{nombre}"')
            cursor.execute(f'DROP ROLE "{nombre}"')
    dueno.close()


@pytest.fixture
def endurecida(url_pg, rol_app):
    base_datos.conectar(url_pg)
    sistema = usuarios.usuario_sistema()
    catalogos.guardar_dependencia(sistema, "Tesorería Municipal", "TM", "Palacio Municipal, planta alta")
    resultado = endurecer_pg.endurecer(rol_app, "Clave%App'2026", crear=True)
    base_datos.cerrar()
    return resultado


def test_la_cuenta_del_programa_no_borra_ni_reescribe_la_bitacora(url_pg, rol_app, endurecida):
    assert endurecida.creado and endurecida.tablas > 30
    app = _conexion(url_pg, rol_app)
    with app.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bitacora")
        entradas = cursor.fetchone()[0]
        assert entradas > 0
        for sentencia in ("DELETE FROM bitacora", "DELETE FROM bitacora WHERE id = (SELECT max(id) FROM bitacora)",
                          "UPDATE bitacora SET accion = 'otra cosa'", "TRUNCATE bitacora",
                          "DELETE FROM dependencia", "TRUNCATE dependencia", "DROP TABLE bitacora",
                          "ALTER TABLE bitacora DISABLE TRIGGER bitacora_inmutable"):
            with pytest.raises(psycopg2.Error) as error:
                cursor.execute(sentencia)
            assert isinstance(error.value, (errors.InsufficientPrivilege, errors.RaiseException)), sentencia
        cursor.execute("SELECT count(*) FROM bitacora")
        assert cursor.fetchone()[0] == entradas
    app.close()


def test_ni_la_propietaria_cambia_la_bitacora_sin_quitar_antes_el_disparador(url_pg, endurecida):
    dueno = _conexion(url_pg, "postgres")
    with dueno.cursor() as cursor:
        for sentencia in ("DELETE FROM bitacora", "UPDATE bitacora SET accion = 'x'", "TRUNCATE bitacora"):
            with pytest.raises(errors.InsufficientPrivilege) as error:
                cursor.execute(sentencia)
            assert endurecer_pg.MENSAJE_DISPARADOR in str(error.value)
    dueno.close()


def test_el_programa_trabaja_con_la_cuenta_endurecida(url_pg, rol_app, endurecida):
    base_datos.conectar(_url_con_usuario(url_pg, rol_app))
    sistema = usuarios.usuario_sistema()
    antes = Bitacora.select().count()
    dependencia = catalogos.guardar_dependencia(sistema, "Dirección de Catastro", "DC", "Palacio Municipal")
    catalogos.guardar_dependencia(sistema, "Dirección de Catastro", "DC", "Edificio anexo", dependencia=dependencia)
    assert Dependencia.select().count() == 2
    assert Dependencia.get_by_id(dependencia.id).ubicacion == "Edificio anexo"     # UPDATE sí
    assert Bitacora.select().count() > antes
    assert bitacora.verificar() == []
    # Borrar por fuera, con la misma conexión del programa, se rehúsa con un mensaje en español.
    with pytest.raises(Exception) as error:
        base_datos.bd.obj.execute_sql("DELETE FROM bitacora")
    traducido = base_datos.mensaje_error_base_datos(error.value)
    assert traducido and "no tiene permiso" in traducido
    base_datos.cerrar()


def test_se_puede_repetir_y_rehusa_lo_que_no_tiene_sentido(url_pg, rol_app, endurecida, url_sqlite):
    base_datos.conectar(url_pg)
    repetido = endurecer_pg.endurecer(rol_app)
    assert not repetido.creado and repetido.tablas == endurecida.tablas
    with pytest.raises(ErrorValidacion, match="use una propia"):
        endurecer_pg.endurecer("postgres")
    with pytest.raises(ErrorValidacion, match="--crear"):
        endurecer_pg.endurecer(f"no_existe_{uuid.uuid4().hex[:6]}")
    for malo in ("DTI App", "x;drop role postgres", "1abc", ""):
        with pytest.raises(ErrorValidacion):
            endurecer_pg.endurecer(malo, crear=True)
    base_datos.cerrar()
    base_datos.conectar(url_sqlite)
    with pytest.raises(ErrorValidacion, match="PostgreSQL"):
        endurecer_pg.endurecer(rol_app)
    base_datos.cerrar()


def test_consola_endurecer(url_pg, rol_app, url_sqlite):
    assert dti("iniciar", "--db", url_pg).returncode == 0
    sql = dti("postgresql", "endurecer", "--db", url_pg, "--rol-app", rol_app, "--solo-sql")
    assert sql.returncode == 0 and "CREATE TRIGGER bitacora_inmutable" in sql.stdout
    salida = dti("postgresql", "endurecer", "--db", url_pg, "--rol-app", rol_app, "--crear",
                 entorno={"DTI_CONTRASENA_APP": "Clave2026app"})
    assert salida.returncode == 0, salida.stderr
    ultima = salida.stdout.strip().splitlines()[-1]
    assert ultima.startswith(f"Endurecida: la cuenta «{rol_app}» (creada ahora)")
    assert "en la bitácora solo agrega" in ultima
    en_sqlite = dti("postgresql", "endurecer", "--db", url_sqlite, "--rol-app", rol_app)
    assert en_sqlite.returncode == 2 and "PostgreSQL" in en_sqlite.stderr and "Traceback" not in en_sqlite.stderr
