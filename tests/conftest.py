"""Fixtures comunes: una base nueva por prueba, en SQLite y en un PostgreSQL real.

Las pruebas de datos usan la fixture ``bd`` (parametrizada: ``sqlite`` y ``postgres``).
Sin servidor PostgreSQL las pruebas de ese motor se omiten, salvo en CI (variable ``CI``),
donde fallan: allí el servidor debe estar.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Nada de las pruebas toca la carpeta de datos real del usuario.
os.environ["DTI_DATOS"] = tempfile.mkdtemp(prefix="dti-pruebas-")
os.environ.pop("DTI_DB_URL", None)
os.environ.pop("DTI_USUARIO", None)        # la consola se identifica solo con lo que cada prueba le da
os.environ.pop("DTI_CONTRASENA", None)

RAIZ = Path(__file__).resolve().parent.parent       # la carpeta del proyecto
DATOS_PRUEBAS = RAIZ / "tests" / "datos"            # archivos de prueba (CFDI, imágenes…)
URL_SERVIDOR_PG = os.environ.get("DTI_PRUEBAS_PG", "postgresql://postgres@127.0.0.1:5432/test")


# ---------------------------------------------------------------------------------------------
# El reloj de las pruebas. Ninguna prueba depende del día en que corre: cada una empieza en un
# instante fijo (time-machine, con el reloj andando desde ahí) y la demostración se acomoda a él.
# Las pruebas marcadas ``@pytest.mark.fecha`` corren además en cada instante difícil y con la
# zona horaria del proceso en UTC y en la Ciudad de México. ``DTI_PRUEBAS_INSTANTE`` (un nombre
# de INSTANTES o una fecha ISO con zona) cambia el instante de toda la corrida.
# ---------------------------------------------------------------------------------------------
INSTANTES = {
    "quincena": "2026-11-18T10:30:00-06:00",        # miércoles hábil a media mañana, a medio mes
    "fin-de-mes": "2026-11-30T19:30:00-06:00",      # última noche de noviembre: en UTC ya es 1 de diciembre
    "fin-de-anio": "2026-12-31T18:30:00-06:00",     # 31 de diciembre por la tarde: en UTC ya es 2027
    "bisiesto": "2028-02-29T12:00:00-06:00",        # 29 de febrero
}
ZONAS_DEL_PROCESO = {"utc": "UTC", "cdmx": "America/Mexico_City"}


@dataclass(frozen=True)
class Instante:
    nombre: str
    momento: dt.datetime        # con zona
    zona_proceso: str | None    # TZ del proceso durante la prueba (None: la que tenga)


def _instante_de_la_corrida() -> Instante:
    valor = os.environ.get("DTI_PRUEBAS_INSTANTE", "quincena")
    iso = INSTANTES.get(valor, valor)
    momento = dt.datetime.fromisoformat(iso)
    if momento.tzinfo is None:
        raise pytest.UsageError(f"DTI_PRUEBAS_INSTANTE={valor!r}: use un nombre de {sorted(INSTANTES)} "
                                "o una fecha ISO con zona (p. ej. 2026-11-30T19:30:00-06:00).")
    return Instante(valor if valor in INSTANTES else "personalizado", momento, None)


def pytest_configure(config) -> None:
    _instante_de_la_corrida()   # un valor mal escrito se avisa antes de correr nada


def pytest_generate_tests(metafunc) -> None:
    """Una prueba ``@pytest.mark.fecha`` corre en cada instante × zona horaria del proceso."""
    if metafunc.definition.get_closest_marker("fecha") is None or "instante" not in metafunc.fixturenames:
        return
    casos = [Instante(nombre, dt.datetime.fromisoformat(iso), zona)
             for nombre, iso in INSTANTES.items() for zona in ZONAS_DEL_PROCESO.values()]
    ids = [f"{c.nombre}-{next(k for k, v in ZONAS_DEL_PROCESO.items() if v == c.zona_proceso)}" for c in casos]
    metafunc.parametrize("instante", casos, ids=ids, scope="function")


@pytest.fixture
def instante() -> Instante:
    """El instante en que empieza la prueba (el de la corrida, o cada uno si lleva ``fecha``)."""
    return _instante_de_la_corrida()


class Reloj:
    """El reloj de una prueba: empieza en ``inicio`` y anda; ``fijar`` lo lleva a otro momento."""

    def __init__(self, viajero, inicio: dt.datetime) -> None:
        self._viajero = viajero
        self.inicio = inicio

    def fijar(self, momento: str | dt.datetime) -> None:
        """Lleva el reloj a ``momento`` (ISO o datetime; sin zona es hora de México) y sigue andando."""
        from app.tiempo import ZONA_MEXICO

        if isinstance(momento, str):
            momento = dt.datetime.fromisoformat(momento)
        if momento.tzinfo is None:
            momento = momento.replace(tzinfo=ZONA_MEXICO)
        self._viajero.move_to(momento.timestamp())


@pytest.fixture(autouse=True)
def reloj(instante: Instante):
    """Toda prueba corre con el reloj congelado en su instante (y andando desde ahí)."""
    zona_anterior = os.environ.get("TZ")
    if instante.zona_proceso is not None:
        os.environ["TZ"] = instante.zona_proceso
        time.tzset()
    try:
        # Se viaja con una marca de tiempo, no con la zona: time-machine no debe tocar TZ por su cuenta.
        with time_machine.travel(instante.momento.timestamp(), tick=True) as viajero:
            yield Reloj(viajero, instante.momento)
    finally:
        if instante.zona_proceso is not None:
            if zona_anterior is None:
                os.environ.pop("TZ", None)
            else:
                os.environ["TZ"] = zona_anterior
            time.tzset()


def hace_dias(dias: int) -> dt.date:
    """La fecha de hace ``dias`` días en la Ciudad de México según el reloj de la prueba (negativo: futura)."""
    from app.tiempo import hoy_mexico

    return hoy_mexico() - dt.timedelta(days=dias)


def _conexion_admin():
    import psycopg2
    from urllib.parse import urlparse

    partes = urlparse(URL_SERVIDOR_PG)
    conexion = psycopg2.connect(host=partes.hostname, port=partes.port or 5432,
                                user=partes.username or "postgres", password=partes.password,
                                dbname=partes.path.lstrip("/") or "postgres", connect_timeout=5)
    conexion.autocommit = True
    return conexion


def _url_base(nombre: str) -> str:
    from urllib.parse import urlparse

    partes = urlparse(URL_SERVIDOR_PG)
    return partes._replace(path=f"/{nombre}").geturl()


@pytest.fixture(scope="session")
def plantilla_pg():
    """Base PostgreSQL migrada que sirve de plantilla (``CREATE DATABASE … TEMPLATE``)."""
    try:
        admin = _conexion_admin()
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("CI"):
            pytest.fail(f"CI exige PostgreSQL en {URL_SERVIDOR_PG} y no respondió: {exc}")
        pytest.skip(f"Sin servidor PostgreSQL ({exc})")
    nombre = f"dti_plantilla_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{nombre}"')
    from app import base_datos

    base = base_datos.conectar(_url_base(nombre))
    base.close()
    creadas: list[str] = []
    yield admin, nombre, creadas
    base_datos.cerrar()
    with admin.cursor() as cursor:
        for nombre_base in creadas + [nombre]:
            cursor.execute(f'DROP DATABASE IF EXISTS "{nombre_base}" WITH (FORCE)')
    admin.close()


def _nueva_pg(plantilla_pg) -> str:
    admin, plantilla, creadas = plantilla_pg
    nombre = f"dti_prueba_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{nombre}" TEMPLATE "{plantilla}"')
    creadas.append(nombre)
    return _url_base(nombre)


@pytest.fixture
def url_sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'dti.sqlite3').as_posix()}"


@pytest.fixture
def url_pg(request) -> str:
    return _nueva_pg(request.getfixturevalue("plantilla_pg"))


@pytest.fixture(params=["sqlite", "postgres"])
def url_bd(request) -> str:
    """URL de una base nueva y vacía, en cada motor."""
    if request.param == "sqlite":
        return request.getfixturevalue("url_sqlite")
    return _nueva_pg(request.getfixturevalue("plantilla_pg"))


@pytest.fixture
def bd(url_bd):
    """Base nueva, migrada y conectada (SQLite y PostgreSQL)."""
    from app import base_datos

    base = base_datos.conectar(url_bd)
    yield base
    base_datos.cerrar()


@pytest.fixture
def bd_sqlite(url_sqlite):
    """Base SQLite nueva (para pruebas de interfaz, que no dependen del motor)."""
    from app import base_datos

    base = base_datos.conectar(url_sqlite)
    yield base
    base_datos.cerrar()


@pytest.fixture
def sistema(bd):
    from app.servicios.catalogos import usuarios

    return usuarios.usuario_sistema()


# La demostración completa tarda varios segundos: se carga una vez por motor (y por reloj,
# llave y carpeta de datos) y cada prueba recibe una copia: archivo copiado en SQLite,
# base creada con TEMPLATE en PostgreSQL.
_DEMOS: dict[tuple, str] = {}


def _clave_demo(motor: str) -> tuple:
    # La demostración se acomoda al momento en que se carga: una por hora del reloj de las pruebas.
    from app.tiempo import ahora_mexico

    hora = ahora_mexico().replace(minute=0, second=0, microsecond=0)
    return (motor, hora, os.environ.get("DTI_LLAVE"), os.environ.get("DTI_DATOS"))


def _ruta_sqlite(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _con_demo(request, url: str):
    """Deja en ``url`` (base ya conectada por ``bd``) los datos de demostración."""
    from app import base_datos
    from app.demo import carga as servicio_demo

    motor = "postgres" if url.startswith("postgres") else "sqlite"
    clave = _clave_demo(motor)
    origen = _DEMOS.get(clave)
    if origen is None:
        servicio_demo.cargar_demo()
        if motor == "sqlite":
            copia = Path(tempfile.mkdtemp(prefix="dti-demo-")) / "demo.sqlite3"
            base_datos.bd.obj.execute_sql("VACUUM INTO ?", (str(copia),))
            _DEMOS[clave] = str(copia)
            return base_datos.bd.obj
        admin, _plantilla, creadas = request.getfixturevalue("plantilla_pg")
        nombre_actual = url.rsplit("/", 1)[1]
        plantilla_demo = f"dti_demo_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        base_datos.cerrar()
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{plantilla_demo}" TEMPLATE "{nombre_actual}"')
        creadas.append(plantilla_demo)
        _DEMOS[clave] = plantilla_demo
        return base_datos.conectar(url)
    base_datos.cerrar()
    if motor == "sqlite":
        ruta = _ruta_sqlite(url)
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{ruta}{sufijo}").unlink(missing_ok=True)
        shutil.copyfile(origen, ruta)
    else:
        admin, _plantilla, _creadas = request.getfixturevalue("plantilla_pg")
        nombre_actual = url.rsplit("/", 1)[1]
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{nombre_actual}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{nombre_actual}" TEMPLATE "{origen}"')
    return base_datos.conectar(url)


@pytest.fixture
def demo(bd, url_bd, request):
    """Base con los datos de demostración cargados."""
    return _con_demo(request, url_bd)


@pytest.fixture
def demo_sqlite(bd_sqlite, url_sqlite, request):
    return _con_demo(request, url_sqlite)


def usuario(nombre: str):
    from app.servicios.catalogos import usuarios

    return usuarios.obtener(nombre)


# ---------------------------------------------------------------------------------------------
# La consola pide usuario y contraseña para cambiar datos (issue 17, punto 5). Las pruebas que
# la corren sobre la demostración se identifican con sus usuarios documentados (app/demo/carga.py)
# por las variables de entorno, que también heredan los «dti» que se corren en un subproceso.
# ---------------------------------------------------------------------------------------------
def credenciales(nombre: str = "director") -> dict[str, str]:
    """Las variables con que la consola se identifica como el usuario ``nombre`` de la demostración."""
    from app.demo.carga import USUARIOS

    contrasena = next(c for clave, _rol, c, _servidor in USUARIOS if clave == nombre)
    return {"DTI_USUARIO": nombre, "DTI_CONTRASENA": contrasena}


def primer_director(url: str) -> None:
    """Crea en la base nueva ``url`` su primera cuenta con «dti usuario crear» (el primer paso de una
    base vacía, sin credenciales): «director», con la contraseña de la demostración."""
    import subprocess
    import sys

    entorno = {k: v for k, v in os.environ.items() if k not in ("DTI_USUARIO", "DTI_CONTRASENA")}
    resultado = subprocess.run([sys.executable, "-m", "app", "usuario", "crear", "director", "--nombre",
                                "Director de prueba", "--rol", "director", "--contrasena-stdin", "--db", url],
                               input=credenciales("director")["DTI_CONTRASENA"] + "\n", capture_output=True,
                               text=True, timeout=120, env=entorno, cwd=RAIZ)
    assert resultado.returncode == 0, resultado.stderr


@pytest.fixture
def consola_como(monkeypatch):
    """``consola_como("soporte")``: desde ahí la consola de la prueba se identifica como ese usuario de la demo."""
    def como(nombre: str) -> None:
        for variable, valor in credenciales(nombre).items():
            monkeypatch.setenv(variable, valor)

    return como


@pytest.fixture
def consola_director(consola_como):
    """La consola de la prueba (en el proceso y en subprocesos) se identifica como el Director de la demo."""
    consola_como("director")


@pytest.fixture
def consola_sin_credenciales(monkeypatch):
    """Ni DTI_USUARIO ni DTI_CONTRASENA en el entorno (p. ej. las de quien corre las pruebas)."""
    monkeypatch.delenv("DTI_USUARIO", raising=False)
    monkeypatch.delenv("DTI_CONTRASENA", raising=False)


@pytest.fixture(autouse=True)
def _canal_de_la_bitacora():
    """Una prueba que corrió la consola en el proceso no deja el canal «consola» a las siguientes."""
    yield
    import sys

    bitacora = sys.modules.get("app.servicios.nucleo.bitacora")
    if bitacora is not None:
        bitacora.fijar_canal("")


@pytest.fixture(scope="session")
def qapp(qapp):
    """La aplicación Qt de las pruebas, configurada como al arrancar (fuentes propias, estilo, idioma)."""
    from app.vistas.aplicacion import configurar_aplicacion

    configurar_aplicacion(qapp)
    return qapp


def instalar_manual_sin_modulos(request, carpeta: Path, monkeypatch, numeros: set[int] | None = None) -> Path:
    """Copia los procedimientos a ``carpeta`` sin ``"modulo"`` (todos, o solo ``numeros``) y la instala.

    Se instala con ``DTI_PROCEDIMIENTOS`` (la configuración real) y DESPUÉS de cargar la
    demostración, que sí usa los módulos del manual de la DTI.
    """
    import json

    from app.rutas import VARIABLE_PROCEDIMIENTOS, carpeta_procedimientos

    for nombre in ("demo", "demo_sqlite"):
        if nombre in request.fixturenames:
            request.getfixturevalue(nombre)
    carpeta.mkdir(exist_ok=True)
    for archivo in sorted(carpeta_procedimientos().glob("p*.json")):
        datos = json.loads(archivo.read_text(encoding="utf-8"))
        if numeros is None or datos.get("numero") in numeros:
            datos.pop("modulo", None)
        (carpeta / archivo.name).write_text(json.dumps(datos, ensure_ascii=False, indent=1), encoding="utf-8")
    monkeypatch.setenv(VARIABLE_PROCEDIMIENTOS, str(carpeta))
    return carpeta


@pytest.fixture
def manual_sin_modulos(request, tmp_path, monkeypatch):
    """El manual de otro municipio: los mismos 21 procedimientos, ninguno con módulo propio.

    Con él se prueba el motor genérico de trámites (la pestaña Trámites), que lleva completo un
    procedimiento sin ``"modulo"``.
    """
    return instalar_manual_sin_modulos(request, tmp_path / "procedimientos-sin-modulos", monkeypatch)


@pytest.fixture
def respaldos_sin_modulo(request, tmp_path, monkeypatch):
    """Un manual donde solo el procedimiento 5 (respaldos) se lleva en Trámites; los demás, en su módulo."""
    return instalar_manual_sin_modulos(request, tmp_path / "procedimientos-p05-suelto", monkeypatch, {5})
