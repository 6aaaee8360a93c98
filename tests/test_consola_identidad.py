"""La consola con identidad (issue 17, punto 5): nada cambia datos sin usuario y contraseña.

Antes, sin ``--usuario`` la consola actuaba como la cuenta «sistema» con el rol de Director, y
``--usuario director`` se hacía pasar por cualquiera: ``dti usuario crear puerta --rol director``
creaba una cuenta de Director. Estas pruebas repiten cada ataque y comprueban que se rechaza con
un mensaje en español que dice cómo identificarse, sin escribir nada.
"""
from __future__ import annotations

import datetime as dt
import io

import pytest

from app.consola import comun
from app.consola.principal import cambia_datos, principal
from app.modelos import Bitacora, Usuario
from tests.conftest import credenciales

pytestmark = pytest.mark.usefixtures("consola_sin_credenciales")

CREAR_PUERTA = ["usuario", "crear", "puerta", "--nombre", "Puerta Trasera", "--rol", "director",
                "--contrasena-stdin"]
COMO = "indique --usuario NOMBRE (o la variable DTI_USUARIO) y la contraseña en la variable DTI_CONTRASENA"


class _SinTerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.fixture
def url(demo_sqlite) -> str:
    return f"sqlite:///{demo_sqlite.database}"


@pytest.fixture
def sin_terminal(monkeypatch):
    """La entrada estándar no es una terminal (la contraseña no se puede pedir); trae la de la cuenta nueva."""
    monkeypatch.setattr("sys.stdin", _SinTerminal("Puerta2026x\n"))


def _como(monkeypatch, nombre: str, contrasena: str | None = None) -> None:
    variables = credenciales(nombre)
    if contrasena is not None:
        variables["DTI_CONTRASENA"] = contrasena
    for variable, valor in variables.items():
        monkeypatch.setenv(variable, valor)


def _estado() -> tuple[int, int, list]:
    """Lo que un ataque rechazado no debe cambiar: entradas de la bitácora, cuentas y sus fallos."""
    return (Bitacora.select().count(), Usuario.select().count(),
            list(Usuario.select(Usuario.nombre_usuario, Usuario.intentos_fallidos, Usuario.bloqueado_hasta)
                 .order_by(Usuario.id).tuples()))


def _un_error(capsys) -> str:
    salida = capsys.readouterr()
    assert salida.out == ""
    assert salida.err.count("\n") == 1, salida.err
    return salida.err


# --- El ataque del issue: crear una cuenta de Director desde la consola -------------------------

def test_sin_credenciales_no_crea_un_director(url, sin_terminal, capsys):
    antes = _estado()
    assert principal([*CREAR_PUERTA, "--db", url]) == 2
    error = _un_error(capsys)
    assert error == f"Error: Este comando cambia datos: {COMO} o al pedírsela en la terminal.\n"
    assert _estado() == antes
    assert not Usuario.select().where(Usuario.nombre_usuario == "puerta").exists()


def test_usuario_director_sin_contrasena_no_se_hace_pasar_por_el(url, sin_terminal, capsys, monkeypatch):
    antes = _estado()
    assert principal([*CREAR_PUERTA, "--usuario", "director", "--db", url]) == 2
    assert "falta la contraseña de «director»" in _un_error(capsys)
    # Tampoco con la variable: el nombre solo no identifica a nadie.
    monkeypatch.setenv("DTI_USUARIO", "director")
    assert principal([*CREAR_PUERTA, "--db", url]) == 2
    assert COMO in _un_error(capsys)
    assert _estado() == antes


def test_la_cuenta_sistema_ya_no_sirve_para_entrar(url, sin_terminal, capsys, monkeypatch):
    monkeypatch.setenv("DTI_CONTRASENA", "")
    assert principal([*CREAR_PUERTA, "--usuario", "sistema", "--db", url]) == 2
    assert "Usuario o contraseña incorrectos." in _un_error(capsys)
    assert not Usuario.select().where(Usuario.nombre_usuario == "puerta").exists()


def test_contrasena_mala_se_rechaza_y_frena_como_en_la_ventana(url, sin_terminal, capsys, monkeypatch, reloj):
    """Tras tres fallos, la cuenta espera 2, 4, 8… s (el mismo servicio que la ventana de inicio).

    El reloj de la prueba se mueve a mano: nadie espera de verdad.
    """
    inicio = reloj.inicio.replace(microsecond=0)
    _como(monkeypatch, "director", "NoEsLaClave1")
    entradas = Bitacora.select().count()
    for intento in (1, 2):
        reloj.fijar(inicio + dt.timedelta(seconds=intento))
        assert principal([*CREAR_PUERTA, "--db", url]) == 2
        assert _un_error(capsys) == f"Error: Usuario o contraseña incorrectos. Este comando cambia datos: {COMO} " \
                                    "o al pedírsela en la terminal.\n"
    reloj.fijar(inicio + dt.timedelta(seconds=3))
    assert principal([*CREAR_PUERTA, "--db", url]) == 2
    assert "Por seguridad, espere 2 segundos antes del siguiente intento." in _un_error(capsys)
    # Mientras dura la espera, ni la contraseña correcta entra.
    _como(monkeypatch, "director")
    reloj.fijar(inicio + dt.timedelta(seconds=4))
    assert principal([*CREAR_PUERTA, "--db", url]) == 2
    assert "Demasiados intentos fallidos. Espere" in _un_error(capsys)
    director = Usuario.get(Usuario.nombre_usuario == "director")
    assert director.intentos_fallidos == 3
    assert not Usuario.select().where(Usuario.nombre_usuario == "puerta").exists()
    # Lo único escrito: los tres intentos fallidos, como en la ventana, y desde la consola.
    nuevas = list(Bitacora.select().where(Bitacora.id > 0).order_by(Bitacora.id.desc()).limit(3))
    assert Bitacora.select().count() == entradas + 3
    assert [(e.usuario, e.accion, e.canal) for e in nuevas] == [("director", "intento de acceso fallido",
                                                                  "consola")] * 3
    # Pasada la espera, el Director identificado sí la crea.
    reloj.fijar(inicio + dt.timedelta(seconds=30))
    assert principal([*CREAR_PUERTA, "--db", url]) == 0
    assert capsys.readouterr().out == "Usuario «puerta» creado.\n"


def test_crear_un_director_sin_serlo(url, sin_terminal, capsys, monkeypatch):
    _como(monkeypatch, "soporte")
    cuentas = Usuario.select().count()
    assert principal([*CREAR_PUERTA, "--db", url]) == 2
    assert _un_error(capsys) == "Error: Su rol (Jefe(a) de Soporte Técnico) no permite administrar usuarios.\n"
    assert Usuario.select().count() == cuentas
    # «--usuario» no cambia de identidad a media ejecución: quien se identificó es quien actúa.
    assert principal([*CREAR_PUERTA, "--usuario", "soporte", "--db", url]) == 2
    assert "no permite administrar usuarios" in _un_error(capsys)
    assert Usuario.select().count() == cuentas


def test_el_director_identificado_crea_la_cuenta_a_su_nombre(url, sin_terminal, capsys, monkeypatch):
    from app.servicios.nucleo import bitacora

    _como(monkeypatch, "director")
    entradas = Bitacora.select().count()
    assert principal([*CREAR_PUERTA, "--db", url]) == 0
    assert capsys.readouterr().out == "Usuario «puerta» creado.\n"
    # Una sola entrada: el alta, a nombre de quien se identificó y por la consola (identificarse no
    # escribe nada: un comando que falla después no deja rastro).
    assert Bitacora.select().count() == entradas + 1
    alta = Bitacora.select().order_by(Bitacora.id.desc()).first()
    assert (alta.usuario, alta.accion, alta.canal) == ("director", "alta de usuario", "consola")
    assert bitacora.verificar() == []


def test_identificarse_no_escribe_si_el_comando_falla(url, capsys, monkeypatch):
    _como(monkeypatch, "director")
    antes = _estado()
    assert principal(["ticket", "crear", "--solicitante", "X", "--descripcion", "Y", "--dependencia", "Nadie",
                      "--db", url]) == 2
    assert "Nadie" in _un_error(capsys)
    assert _estado() == antes


# --- Todo comando que cambia datos pide credenciales -------------------------------------------

CAMBIAN_DATOS = {
    "oficio emitir": ["oficio", "emitir", "--destinatario", "X", "--asunto", "Y"],
    "oficio emitir --usuario": ["oficio", "emitir", "--destinatario", "X", "--asunto", "Y", "--usuario", "director"],
    "oficio cancelar": ["oficio", "cancelar", "TM/DTI/0001/2026", "--motivo", "x"],
    "oficio archivar": ["oficio", "archivar", "1", "--motivo", "x"],
    "tramite abrir": ["tramite", "abrir", "--procedimiento", "9", "--asunto", "x"],
    "tramite avanzar": ["tramite", "avanzar", "DTI-T-0001/2026"],
    "ticket crear": ["ticket", "crear", "--solicitante", "X", "--descripcion", "No enciende"],
    "mantenimiento programar": ["mantenimiento", "programar", "--equipo", "X", "--inicio", "2026-12-01T10:00",
                                "--procedimiento", "7"],
    "bandeja avisos": ["bandeja", "avisos"],
    "bandeja destinatarios --agregar": ["bandeja", "destinatarios", "--agregar", "a@b.mx"],
    "correo procesar": ["correo", "procesar"],
    "correo probar": ["correo", "probar", "a@b.mx"],
    "hipervinculos agregar": ["hipervinculos", "agregar", "--area", "X", "--fraccion", "I", "--periodo", "2026",
                              "--url", "https://example.org"],
    "hipervinculos verificar": ["hipervinculos", "verificar"],
    "videovigilancia solicitar": ["videovigilancia", "solicitar", "--camara", "X", "--fecha", "2026-11-01",
                                  "--dependencia", "TM"],
    "levantamiento iniciar": ["levantamiento", "iniciar"],
    "levantamiento cerrar": ["levantamiento", "cerrar", "1"],
    "inventario alta-cfdi": ["inventario", "alta-cfdi", "factura.xml", "--resguardante", "X"],
    "importar inventario": ["importar", "inventario", "inventario.xlsx"],
    "demo --bienes en una base con datos": ["demo", "--bienes", "5"],
    "usuario crear": CREAR_PUERTA,
}


@pytest.mark.parametrize("nombre", list(CAMBIAN_DATOS))
def test_cada_comando_que_cambia_datos_pide_credenciales(nombre, url, sin_terminal, capsys):
    antes = _estado()
    assert principal([*CAMBIAN_DATOS[nombre], "--db", url]) == 2
    error = _un_error(capsys)
    assert error.startswith("Error: Este comando cambia datos") and "DTI_CONTRASENA" in error
    assert _estado() == antes


def test_restaurar_una_base_con_cuentas_pide_al_director(url, sin_terminal, capsys, monkeypatch, tmp_path):
    from app.modelos import Dependencia

    respaldo = tmp_path / "respaldo.sqlite3"
    assert principal(["respaldo", "crear", "--salida", str(respaldo), "--db", url]) == 0     # solo lee
    capsys.readouterr()
    dependencias = Dependencia.select().count()
    assert principal(["respaldo", "restaurar", str(respaldo), "--si", "--db", url]) == 2
    assert COMO in _un_error(capsys)
    _como(monkeypatch, "soporte")
    assert principal(["respaldo", "restaurar", str(respaldo), "--si", "--db", url]) == 2
    assert "no permite restaurar la base desde un respaldo: solo el Director(a) de TI" in _un_error(capsys)
    from app import base_datos

    base_datos.conectar(url)
    assert Dependencia.select().count() == dependencias
    assert not list(tmp_path.glob("**/*antes-de-restaurar*"))


LEEN = [
    ["oficio", "listar"], ["tramite", "listar"], ["ticket", "listar", "--limite", "1"], ["mantenimiento", "listar"],
    ["bandeja"], ["bandeja", "destinatarios"], ["verificar-bitacora"], ["procedimientos"], ["esquema", "version"],
    ["buscar", "Tesorería"], ["proyectos", "lista"], ["adquisiciones", "lista"], ["respaldos", "calendario"],
    ["videovigilancia", "camaras"], ["internet", "politica"], ["levantamiento", "listar"],
]


def test_lo_que_solo_lee_no_pide_credenciales(url, sin_terminal, capsys):
    for argumentos in LEEN:
        codigo = principal([*argumentos, "--db", url])
        salida = capsys.readouterr()
        assert codigo == 0, (argumentos, salida.err)
        assert "cambia datos" not in salida.err


def test_simular_no_pide_credenciales_y_lo_demas_si():
    import argparse

    def args(comando, accion=None, **mas):
        return argparse.Namespace(comando=comando, accion=accion, **mas)

    assert not cambia_datos(args("importar", simular=True, que="inventario"))
    assert cambia_datos(args("importar", simular=False, que="inventario"))
    assert not cambia_datos(args("inventario", "alta-cfdi", simular=True))
    assert not cambia_datos(args("bandeja", "destinatarios", agregar=None, baja=None))
    assert cambia_datos(args("bandeja", "destinatarios", agregar=None, baja=3))
    assert not cambia_datos(args("iniciar")) and not cambia_datos(args("cfdi"))
    # Un comando que nadie clasificó pide credenciales: lo nuevo empieza cerrado.
    assert cambia_datos(args("comando-nuevo", "hacer"))
    assert cambia_datos(args("hipervinculos", "verificar"))


# --- Los primeros pasos de una base vacía ------------------------------------------------------

def test_la_primera_cuenta_de_una_base_vacia_es_la_del_director(url_sqlite, capsys, monkeypatch):
    assert principal(["iniciar", "--db", url_sqlite]) == 0
    monkeypatch.setattr("sys.stdin", _SinTerminal("Titular2026\n"))
    assert principal(["usuario", "crear", "titular", "--nombre", "T", "--rol", "asistente", "--contrasena-stdin",
                      "--db", url_sqlite]) == 2
    assert "La primera cuenta de una base vacía es la del Director(a) de TI" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", _SinTerminal("Titular2026\n"))
    assert principal(["usuario", "crear", "titular", "--nombre", "T", "--rol", "director", "--contrasena-stdin",
                      "--db", url_sqlite]) == 0
    capsys.readouterr()
    # Ya hay una cuenta: la segunda la crea el Director identificado, no cualquiera.
    monkeypatch.setattr("sys.stdin", _SinTerminal("Segunda2026\n"))
    assert principal(["usuario", "crear", "segunda", "--nombre", "S", "--rol", "director", "--contrasena-stdin",
                      "--db", url_sqlite]) == 2
    assert COMO in capsys.readouterr().err
    # Ni la demostración, que crearía al «director» con su contraseña publicada en el README.
    assert principal(["demo", "--db", url_sqlite]) == 2
    assert COMO in capsys.readouterr().err
    assert sorted(u.nombre_usuario for u in Usuario.select()) == ["sistema", "titular"]
    monkeypatch.setenv("DTI_USUARIO", "titular")
    monkeypatch.setenv("DTI_CONTRASENA", "Titular2026")
    monkeypatch.setattr("sys.stdin", _SinTerminal("Segunda2026\n"))
    assert principal(["usuario", "crear", "segunda", "--nombre", "S", "--rol", "asistente", "--contrasena-stdin",
                      "--db", url_sqlite]) == 0


def test_una_base_con_datos_pero_sin_cuentas_dice_como_empezar(url_sqlite, capsys, monkeypatch):
    assert principal(["iniciar", "--db", url_sqlite]) == 0
    monkeypatch.setenv("DTI_USUARIO", "director")
    monkeypatch.setenv("DTI_CONTRASENA", "Director2026")
    assert principal(["ticket", "crear", "--solicitante", "X", "--descripcion", "Y", "--db", url_sqlite]) == 2
    assert "Esta base no tiene cuentas con contraseña: cree la primera" in capsys.readouterr().err


def test_demo_en_una_base_vacia_no_pide_credenciales(url_sqlite, capsys):
    assert principal(["demo", "--db", url_sqlite]) == 0
    assert "director/Director2026" in capsys.readouterr().out
    # Con datos, volver a cargarla ya es cambiar datos de una base en uso.
    assert principal(["demo", "--db", url_sqlite]) == 2
    assert COMO in capsys.readouterr().err


# --- El canal en la bitácora -------------------------------------------------------------------

def test_el_canal_entra_en_el_hash_y_las_entradas_sin_canal_siguen_cuadrando(bd, sistema):
    from app.servicios.catalogos import catalogos
    from app.servicios.nucleo import bitacora

    catalogos.guardar_dependencia(sistema, "Sin canal (como antes de la migración 0021)", "SC")
    bitacora.fijar_canal(bitacora.CANAL_VENTANA)
    catalogos.guardar_dependencia(sistema, "Desde la ventana", "DV")
    bitacora.fijar_canal(bitacora.CANAL_CONSOLA)
    catalogos.guardar_dependencia(sistema, "Desde la consola", "DC")
    canales = [e.canal for e in Bitacora.select().where(Bitacora.tabla == "dependencia").order_by(Bitacora.id)]
    assert canales == ["", "ventana", "consola"]
    assert bitacora.verificar() == []
    # Quien cambia «consola» por «ventana» con SQL rompe la cadena.
    ultima = Bitacora.select().order_by(Bitacora.id.desc()).first()
    Bitacora.update(canal="ventana").where(Bitacora.id == ultima.id).execute()
    assert any("fue alterada" in str(p) for p in bitacora.verificar())
    with pytest.raises(ValueError):
        bitacora.fijar_canal("correo")


def test_el_canal_de_la_consola_se_ve_en_la_consulta(url, monkeypatch, capsys):
    from app.servicios.nucleo import consulta_bitacora

    _como(monkeypatch, "director")
    assert principal(["ticket", "crear", "--solicitante", "Ana", "--descripcion", "No imprime",
                      "--dependencia", "Tesorería Municipal", "--db", url]) == 0
    capsys.readouterr()
    fila = consulta_bitacora.consultar(Usuario.get(Usuario.nombre_usuario == "director"), limite=1)[0]
    assert fila["canal"] == "consola" and fila["usuario"] == "director"
    assert comun.sesion() is None          # la identidad no sobrevive a la ejecución


@pytest.mark.gui
def test_la_ventana_anota_el_canal_ventana(qapp, monkeypatch):
    from app.servicios.nucleo import bitacora
    from app.vistas import aplicacion

    monkeypatch.setattr(aplicacion, "_conectar_base", lambda *_args: False)     # no abre ninguna base
    assert aplicacion.ejecutar_gui("sqlite:///:memory:") == 1
    assert bitacora.canal_actual() == bitacora.CANAL_VENTANA
