"""Issue 17, punto 4: ningún servicio que cambia un registro acepta una escritura con la versión vieja.

La prueba descubre los servicios en el registro de :mod:`app.servicios.nucleo.concurrencia` (el
decorador ``@cambia``): por cada uno, dos lecturas del mismo registro (las dos PC); la primera
escribe; la segunda llama al servicio con la versión que vio y recibe :class:`ErrorConflicto`
con el nombre del registro, sin que se escriba nada (ni el registro ni una entrada de bitácora).
Otra prueba revisa el código: toda función pública de ``app.servicios`` que escribe está anotada
(``@cambia`` o ``@crea``) o en la lista de pendientes, que solo puede achicarse.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import app.modelos as modelos
import app.servicios
from app.errores import ErrorConflicto
from app.modelos import Bitacora
from app.modelos.base import ModeloVersionado
from app.servicios.nucleo import bitacora, concurrencia
from tests.conftest import usuario
from tests.servicios.nucleo.escritores import escritores

PENDIENTES = Path(__file__).with_name("escritores_pendientes.txt")


def _cargar_servicios() -> dict[str, concurrencia.Servicio]:
    for info in pkgutil.walk_packages(app.servicios.__path__, "app.servicios."):
        importlib.import_module(info.name)
    return dict(concurrencia.SERVICIOS)


SERVICIOS = _cargar_servicios()
QUE_CAMBIAN = sorted(n for n, s in SERVICIOS.items() if s.parametro is not None)


def _modelo(servicio: concurrencia.Servicio) -> type[ModeloVersionado]:
    if servicio.modelo is not None:
        return servicio.modelo
    anotacion = inspect.signature(servicio.funcion).parameters[servicio.parametro].annotation
    if not isinstance(anotacion, str):
        anotacion = getattr(anotacion, "__name__", str(anotacion))
    for nombre in (t.strip() for t in anotacion.replace("|", " ").split()):
        clase = getattr(modelos, nombre, None)
        if isinstance(clase, type) and issubclass(clase, ModeloVersionado):
            return clase
    raise AssertionError(f"{servicio.nombre}: el parámetro «{servicio.parametro}» no anota un modelo versionado "
                         "(use @cambia(parametro, Modelo)).")


def _ultima_bitacora() -> int:
    return Bitacora.select(Bitacora.id).order_by(Bitacora.id.desc()).scalar() or 0


def test_hay_servicios_que_cambian_y_todos_traen_un_modelo_versionado():
    assert "app.servicios.oficios.oficios.cancelar_oficio" in QUE_CAMBIAN
    assert "app.servicios.oficios.oficios.registrar_oficio_entrante" in QUE_CAMBIAN
    for nombre in QUE_CAMBIAN:
        _modelo(SERVICIOS[nombre])


@pytest.mark.parametrize("nombre", QUE_CAMBIAN)
def test_dos_sesiones_la_segunda_con_la_version_vieja_se_rechaza(demo_sqlite, nombre):
    servicio = SERVICIOS[nombre]
    modelo = _modelo(servicio)
    registro = modelo.select().order_by(modelo._meta.primary_key).first()
    if registro is None:        # la demostración no trae uno: se crea como lo dejaría la aplicación
        pytest.fail(f"La demostración no tiene ningún registro de {modelo.__name__} para probar {nombre}.")
    pc1 = modelo.get_by_id(registro.get_id())     # las dos PC leen el mismo registro
    pc2 = modelo.get_by_id(registro.get_id())
    vista = pc2.version
    director = usuario("director")
    bitacora.guardar_versionado(pc1, "cambio desde otra PC", director, pc1.version)   # la primera escribe
    antes, ultima = modelo.get_by_id(registro.get_id()).instantanea(), _ultima_bitacora()

    firma = inspect.signature(servicio.funcion)
    argumentos = {}
    for parametro in firma.parameters.values():
        if parametro.kind in (parametro.VAR_POSITIONAL, parametro.VAR_KEYWORD):
            continue
        if parametro.name == servicio.parametro:
            argumentos[parametro.name] = pc2.get_id() if servicio.modelo is not None else pc2
        elif parametro.name == "actor":
            argumentos[parametro.name] = director
        elif parametro.default is parametro.empty:
            argumentos[parametro.name] = None     # no llega a usarse: la versión se revisa antes que nada
    argumentos["version"] = vista
    if servicio.modelo is None:         # la pantalla relee el registro, pero pasa la versión que mostró
        argumentos[servicio.parametro] = modelo.get_by_id(registro.get_id())
    with pytest.raises(ErrorConflicto) as error:
        getattr(importlib.import_module(nombre.rsplit(".", 1)[0]), nombre.rsplit(".", 1)[1])(**argumentos)
    assert str(error.value).startswith("Otro usuario cambió ")
    assert "actualice la pantalla" in str(error.value) and "No se guardó nada" in str(error.value)
    assert modelo.get_by_id(registro.get_id()).instantanea() == antes
    assert _ultima_bitacora() == ultima


def test_todo_servicio_que_escribe_esta_anotado_o_pendiente():
    """Una función pública nueva que escribe sin ``@cambia``/``@crea`` hace fallar esta prueba."""
    pendientes = {linea.strip() for linea in PENDIENTES.read_text(encoding="utf-8").splitlines()
                  if linea.strip() and not linea.startswith("#")}
    anotados = set(SERVICIOS)
    sin_anotar = sorted(set(escritores()) - anotados - pendientes)
    assert not sin_anotar, ("Estos servicios escriben y no llevan @concurrencia.cambia(...) ni @concurrencia.crea:\n"
                            + "\n".join(sin_anotar))
    ya_anotados = sorted(pendientes & anotados)
    assert not ya_anotados, ("Ya están anotados; quítelos de escritores_pendientes.txt:\n" + "\n".join(ya_anotados))


def test_guardar_un_registro_sube_su_version(bd):
    """Toda escritura de un registro existente sube la versión (la otra PC lo nota)."""
    from app.servicios.catalogos import catalogos, usuarios

    sistema = usuarios.usuario_sistema()
    dependencia = catalogos.guardar_dependencia(sistema, "Tesorería")
    assert dependencia.version == 1
    dependencia.ubicacion = "Planta baja"
    bitacora.guardar(dependencia, "edición", sistema)
    assert dependencia.version == 2 == type(dependencia).get_by_id(dependencia.id).version


def test_el_aviso_nombra_el_registro():
    from app.modelos import Cuenta, Oficio

    assert concurrencia.mensaje_conflicto(Oficio(id=3, folio="TM/DTI/0003/2026")).startswith(
        "Otro usuario cambió el oficio TM/DTI/0003/2026 mientras usted lo veía; actualice la pantalla")
    assert concurrencia.mensaje_conflicto(Cuenta(id=5, direccion="ana@municipio.gob.mx")).startswith(
        "Otro usuario cambió la cuenta ana@municipio.gob.mx mientras usted la veía")
