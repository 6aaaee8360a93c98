"""Catálogos, usuarios y roles: validación clara, nada escrito con datos malos, contraseñas seguras."""
from __future__ import annotations

import pytest

from app.modelos import Dependencia, Proveedor, Usuario
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import permisos
from app.errores import ErrorAutenticacion, ErrorConflicto, ErrorPermiso, ErrorValidacion
from tests.conftest import usuario


@pytest.mark.parametrize("rfc", ["ABC12", "ABC0113329X1", "1BC010203XY1", "ABCD010203XY", "ABC-010230-XY1", ""])
def test_rfc_mal_formado_no_escribe(sistema, rfc):
    with pytest.raises(ErrorValidacion, match="RFC"):
        catalogos.guardar_proveedor(sistema, rfc, "Proveedor de Prueba, S.A. de C.V.")
    assert Proveedor.select().count() == 0


def test_proveedor_valido_y_duplicado(sistema):
    p = catalogos.guardar_proveedor(sistema, "ctp-090512-ab3", "Computación y Tecnología de Puebla, S.A. de C.V.",
                                    marcas="HP; dell, Lenovo", tiempo_entrega_dias=5)
    assert p.rfc == "CTP090512AB3" and p.marcas_autorizadas == "dell; hp; lenovo"
    assert catalogos.es_servicio_autorizado(p, "DELL") and not catalogos.es_servicio_autorizado(p, "Epson")
    pf = catalogos.guardar_proveedor(sistema, "PEHJ800101AB1", "Juan Pérez Hernández")
    assert pf.rfc == "PEHJ800101AB1"
    with pytest.raises(ErrorValidacion, match="Ya existe un proveedor"):
        catalogos.guardar_proveedor(sistema, "CTP090512AB3", "Otra razón social")
    with pytest.raises(ErrorValidacion, match="entre 0 y 365"):
        catalogos.guardar_proveedor(sistema, "RSA1103158K2", "Redes", tiempo_entrega_dias=900)


def test_errores_juntos_y_texto_largo(sistema):
    with pytest.raises(ErrorValidacion) as error:
        catalogos.guardar_servidor(sistema, "", "x" * 500, None, correo="no-es-correo")
    assert set(error.value.campos()) == {"nombre", "cargo", "correo", "dependencia"}
    assert "como máximo 200" in str(error.value)


def test_dependencia_duplicada_sin_importar_acentos(sistema):
    catalogos.guardar_dependencia(sistema, "Tesorería Municipal", "TM")
    with pytest.raises(ErrorValidacion, match="Ya existe"):
        catalogos.guardar_dependencia(sistema, "TESORERIA MUNICIPAL")
    assert catalogos.dependencias(busqueda="tesoreria")[0].nombre == "Tesorería Municipal"


def test_conflicto_de_version(sistema):
    dep = catalogos.guardar_dependencia(sistema, "Registro Civil", "RC")
    copia_de_otra_pc = Dependencia.get_by_id(dep.id)
    catalogos.guardar_dependencia(sistema, "Registro Civil", "RCIV", dependencia=dep)
    with pytest.raises(ErrorConflicto, match="Otro usuario"):
        catalogos.guardar_dependencia(sistema, "Registro Civil", "R.C.", dependencia=copia_de_otra_pc)
    assert Dependencia.get_by_id(dep.id).siglas == "RCIV"


def test_baja_logica(sistema):
    dep = catalogos.guardar_dependencia(sistema, "Dirección de Catastro", "DC")
    catalogos.cambiar_estado(sistema, dep, False)
    assert catalogos.dependencias() == [] and catalogos.dependencias(activas=False)[0].id == dep.id


def test_login_y_freno_a_intentos(demo, monkeypatch):
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T10:00:00")
    assert usuarios.iniciar_sesion("Director", "Director2026").nombre_usuario == "director"
    for _ in range(2):
        with pytest.raises(ErrorAutenticacion, match="incorrectos.$"):
            usuarios.iniciar_sesion("director", "mala")
    with pytest.raises(ErrorAutenticacion, match="espere 2 segundos"):
        usuarios.iniciar_sesion("director", "mala")
    # Ni la contraseña correcta entra mientras dura la espera.
    with pytest.raises(ErrorAutenticacion, match="Demasiados intentos"):
        usuarios.iniciar_sesion("director", "Director2026")
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T10:00:03")
    with pytest.raises(ErrorAutenticacion, match="espere 4 segundos"):
        usuarios.iniciar_sesion("director", "otra mala")
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T10:00:08")
    assert usuarios.iniciar_sesion("director", "Director2026").intentos_fallidos == 0
    with pytest.raises(ErrorAutenticacion, match="incorrectos"):
        usuarios.iniciar_sesion("nadie", "Director2026")


def test_usuarios_que_difieren_en_mayusculas_o_acentos(sistema):
    usuarios.crear_usuario(sistema, "José.Pérez", "José Pérez", permisos.ASISTENTE, "Asistente2026")
    with pytest.raises(ErrorValidacion, match="Ya existe el usuario"):
        usuarios.crear_usuario(sistema, "jose.perez", "Otro José", permisos.DIRECTOR, "Director2026")
    assert usuarios.iniciar_sesion("JOSE.PEREZ", "Asistente2026").rol == permisos.ASISTENTE


def test_contrasena_nunca_en_claro(url_sqlite):
    from app import base_datos

    base_datos.conectar(url_sqlite)
    sistema = usuarios.usuario_sistema()
    usuarios.crear_usuario(sistema, "redes2", "Isaías Soto", permisos.JEFE_REDES, "ClaveSecreta2026")
    cuenta = Usuario.get(Usuario.nombre_usuario == "redes2")
    assert cuenta.hash_contrasena.startswith("$argon2id$")
    base_datos.bd.execute_sql("PRAGMA wal_checkpoint(FULL)")
    base_datos.cerrar()
    from pathlib import Path

    archivo = Path(url_sqlite.removeprefix("sqlite:///"))
    assert b"ClaveSecreta2026" not in archivo.read_bytes()
    with pytest.raises(ErrorValidacion, match="al menos 8"):
        base_datos.conectar(url_sqlite)
        usuarios.crear_usuario(sistema, "corto", "Corto", permisos.CONSULTA, "abc1")


@pytest.mark.parametrize("rol,permitidos", [
    ("consulta", set()),
    ("asistente", set()),
    ("soporte", {"dependencia", "servidor", "proveedor"}),
    ("director", {"dependencia", "servidor", "proveedor", "institucion", "usuario"}),
])
def test_cada_rol_y_cada_verbo_de_catalogo(demo, rol, permitidos):
    actor = usuario(rol)
    dep = catalogos.dependencias()[0]
    intentos = {
        "dependencia": lambda: catalogos.guardar_dependencia(actor, "Nueva dependencia de prueba"),
        "servidor": lambda: catalogos.guardar_servidor(actor, "Nadie Nuevo", "Auxiliar", dep),
        "proveedor": lambda: catalogos.guardar_proveedor(actor, "XAX010101AB1", "Proveedor Nuevo"),
        "institucion": lambda: catalogos.guardar_institucion(actor, lema="Otro lema"),
        "usuario": lambda: usuarios.crear_usuario(actor, f"nuevo{rol}", "Nuevo", permisos.CONSULTA, "Consulta2026"),
    }
    for verbo, intento in intentos.items():
        if verbo in permitidos:
            intento()
        else:
            with pytest.raises(ErrorPermiso):
                intento()


@pytest.mark.parametrize("formato", ["TM/DTI/{numero:999999999}/{anio}", "{numero}/{anio}/{0}",
                                     "TM/{numero.__class__}/{anio}", "TM/{numero:04d}/{anio"])
def test_formato_de_folio_hostil(sistema, formato):
    with pytest.raises(ErrorValidacion, match="formato de folio"):
        catalogos.guardar_institucion(sistema, formato_folio=formato)
    assert catalogos.institucion().formato_folio == "TM/DTI/{numero:04d}/{anio}"


def test_institucion_editada_en_dos_pc(sistema):
    version_vista = catalogos.institucion().version
    catalogos.guardar_institucion(sistema, version=version_vista, lema="Lema de la PC 1")
    with pytest.raises(ErrorConflicto):
        catalogos.guardar_institucion(sistema, version=version_vista, lema="Lema de la PC 2")
    assert catalogos.institucion().lema == "Lema de la PC 1"


def test_editar_desactivar_y_reactivar_usuario(demo):
    director = usuario("director")
    cuenta = usuario("asistente")
    usuarios.guardar_usuario(director, cuenta, "Karla Jiménez Ortega", permisos.JEFE_SOPORTE)
    assert usuario("asistente").rol == permisos.JEFE_SOPORTE
    with pytest.raises(ErrorValidacion, match="propio rol"):
        usuarios.guardar_usuario(director, director, "Miguel", permisos.CONSULTA)
    with pytest.raises(ErrorValidacion, match="propia cuenta"):
        usuarios.cambiar_activo(director, director, False)
    vista = usuario("asistente")
    usuarios.desactivar(director, cuenta)
    with pytest.raises(ErrorAutenticacion):
        usuarios.iniciar_sesion("asistente", "Asistente2026")
    with pytest.raises(ErrorConflicto):
        usuarios.cambiar_activo(director, vista, True, version=vista.version)
    usuarios.cambiar_activo(director, usuario("asistente"), True)
    assert usuarios.iniciar_sesion("asistente", "Asistente2026").activo
