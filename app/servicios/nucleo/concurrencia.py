"""Actualizaciones perdidas: cada cambio de un registro exige la versión que el usuario vio.

Dos PC abren el mismo registro; la primera guarda; la segunda, con lo que vio antes, no debe
sobrescribir en silencio lo que guardó la primera. Todo registro editable es un
:class:`~app.modelos.base.ModeloVersionado` (columna ``version``): cada escritura la sube
(:func:`app.servicios.nucleo.bitacora.guardar` y ``guardar_versionado``) y cada servicio que
cambia un registro lleva el decorador :func:`cambia`, que **dentro de la misma transacción** y
antes de que el servicio escriba nada compara la versión guardada con la que se mostró
(el argumento ``version``, o si no se da, la que trae el objeto que se leyó al mostrarlo). Si
otra PC lo cambió entretanto: :class:`~app.errores.ErrorConflicto` con el nombre del registro, y
la transacción se deshace entera.

Los servicios que solo crean registros nuevos (no hay «versión vista» que comprobar) llevan
:func:`crea`. Los dos decoradores anotan el servicio en :data:`SERVICIOS`: la prueba de
concurrencia recorre todos los que cambian registros con dos sesiones, y una prueba de
arquitectura falla si una función pública de ``app.servicios`` escribe sin estar anotada.
"""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from app.base_datos import bd, serializar, transaccion
from app.errores import ErrorConflicto

F = TypeVar("F", bound=Callable[..., Any])

# Cómo se nombra un registro de cada tabla en el aviso: (sustantivo, femenino).
NOMBRES: dict[str, tuple[str, bool]] = {
    "oficio": ("oficio", False), "tramite": ("trámite", False), "ticket": ("ticket", False),
    "escalamiento": ("escalamiento", False), "meta_sla": ("meta de atención", True),
    "bien": ("bien", False), "tipo_bien": ("tipo de bien", False), "factura": ("factura", True),
    "movimiento": ("movimiento", False), "levantamiento": ("levantamiento", False),
    "dictamen": ("dictamen", False), "software": ("software", False), "licencia": ("licencia", True),
    "asignacion_licencia": ("asignación de licencia", True),
    "solicitud_software": ("solicitud de software", True), "solicitud_cuenta": ("solicitud de cuenta", True),
    "cuenta": ("cuenta", True), "configuracion_correo": ("configuración del correo", True),
    "dispositivo": ("dispositivo", False), "plan_preventivo": ("plan preventivo", False),
    "mantenimiento": ("mantenimiento", False), "dependencia": ("dependencia", True),
    "servidor_publico": ("servidor público", False), "proveedor": ("proveedor", False),
    "institucion": ("datos de la institución", False), "usuario": ("usuario", False),
    "horario_laboral": ("horario laboral", False), "dia_inhabil": ("día inhábil", False),
    "destinatario_aviso": ("destinatario de avisos", False), "adquisicion": ("adquisición", True),
    "partida_adquisicion": ("partida", True), "politica_filtrado": ("política de filtrado", True),
    "solicitud_desbloqueo": ("solicitud de desbloqueo", True), "plan_respaldo": ("plan de respaldo", False),
    "ejecucion_respaldo": ("ejecución de respaldo", True),
    "recuperacion_informacion": ("recuperación de información", True),
    "entrega_respaldo": ("entrega de respaldo", True), "grabador": ("grabador", False),
    "camara": ("cámara", True), "solicitud_grabacion": ("solicitud de grabación", True),
    "proyecto": ("proyecto", False), "criterio_viabilidad": ("criterio de viabilidad", False),
    "reunion_proyecto": ("reunión", True), "requerimiento_proyecto": ("requerimiento", False),
    "version_diseno": ("versión del diseño", True), "tarea_proyecto": ("tarea", True),
    "entregable_proyecto": ("entregable", False), "solicitud_carga_web": ("solicitud de carga web", True),
    "imagen_carga_web": ("imagen", True), "solicitud_declaraciones": ("solicitud de declaraciones", True),
    "area_tesoreria": ("área de la Tesorería", True),
    "solicitud_hipervinculos": ("solicitud de hipervínculos", True), "hipervinculo": ("hipervínculo", False),
    "verificacion_hipervinculo": ("verificación de hipervínculos", True),
}
# Los campos que identifican un registro en el aviso (el primero no vacío); si ninguno, «#id».
CAMPOS_NOMBRE = ("folio", "numero_oficio", "numero", "numero_inventario", "direccion", "nombre_completo", "razon_social",
                 "nombre", "nombre_usuario")


@dataclass(frozen=True)
class Servicio:
    """Un servicio que escribe: cuál es, y qué parámetro trae el registro que cambia (None: solo crea)."""

    nombre: str                 # «app.servicios.oficios.oficios.cancelar_oficio»
    funcion: Callable[..., Any]
    parametro: str | None
    modelo: type | None = None  # cuando el parámetro es el número del registro


# Todos los servicios anotados con ``cambia`` o ``crea``, por nombre completo.
SERVICIOS: dict[str, Servicio] = {}


def nombre_registro(registro: Any) -> tuple[str, bool]:
    """«oficio TM/DTI/0003/2026» y si el sustantivo es femenino."""
    tabla = registro._meta.table_name
    sustantivo, femenino = NOMBRES.get(tabla, (tabla.replace("_", " "), False))
    for campo in CAMPOS_NOMBRE:
        if campo in registro._meta.fields:
            valor = registro.__data__.get(campo)
            if valor not in (None, ""):
                return f"{sustantivo} {valor}", femenino
    if registro.get_id() is None or tabla == "institucion":
        return sustantivo, femenino
    return f"{sustantivo} #{registro.get_id()}", femenino


def mensaje_conflicto(registro: Any) -> str:
    """El aviso en español: qué registro cambió y qué hacer."""
    nombre, femenino = nombre_registro(registro)
    articulo, pronombre = ("la", "la") if femenino else ("el", "lo")
    if nombre.startswith("datos "):
        articulo, pronombre = "los", "los"
    return (f"Otro usuario cambió {articulo} {nombre} mientras usted {pronombre} veía; actualice la pantalla "
            "para ver cómo quedó y, si todavía hace falta, repita la operación. No se guardó nada.")


def version_guardada(registro: Any) -> int | None:
    """La versión que tiene ahora el registro en la base (None si ya no está)."""
    modelo = type(registro)
    return modelo.select(modelo.version).where(modelo._meta.primary_key == registro.get_id()).scalar()


def exigir_version(registro: Any, version: int | None = None) -> int:
    """Dentro de la transacción: el registro sigue en la versión que vio el usuario.

    ``version`` es la que se mostró; si no se da, la del objeto ``registro`` (leído al mostrarlo).
    Devuelve la versión guardada; si no coincide, :class:`ErrorConflicto`.
    """
    if bd.transaction_depth() == 0:
        raise RuntimeError("La versión se comprueba dentro de la transacción del cambio.")
    # En PostgreSQL ya no hay un candado para toda escritura (issue 19, punto 5): comprobar y
    # escribir se serializa con el candado de este registro, hasta el COMMIT (SQLite: BEGIN IMMEDIATE).
    serializar(registro._meta.table_name, registro.get_id())
    vista = registro.version if version is None else version
    actual = version_guardada(registro)
    if actual is None or actual != vista:
        raise ErrorConflicto(mensaje_conflicto(registro))
    return actual


def _al_dia(registro: Any) -> None:
    """El objeto de quien llamó queda como lo dejó su propio cambio (si el servicio guardó una copia releída).

    Sin esto, la siguiente operación de la misma pantalla con ese objeto se tomaría por una versión vieja.
    Corre dentro de la transacción: entre la comprobación y aquí nadie más escribió.
    """
    if version_guardada(registro) == registro.version:
        return
    fresco = type(registro).get_or_none(type(registro)._meta.primary_key == registro.get_id())
    if fresco is not None:
        registro.__data__.update(fresco.__data__)
        registro._dirty.clear()
        registro.__rel__.clear()


def _registrar(funcion: Callable[..., Any], parametro: str | None, modelo: type | None = None) -> str:
    nombre = f"{funcion.__module__}.{funcion.__qualname__}"
    SERVICIOS[nombre] = Servicio(nombre, funcion, parametro, modelo)
    return nombre


def cambia(parametro: str, modelo: type | None = None) -> Callable[[F], F]:
    """Decorador de un servicio que cambia el registro que llega en el parámetro ``parametro``.

    El parámetro trae el objeto leído al mostrarlo o, con ``modelo``, su número (``bien_id``).
    El servicio acepta ``version=`` (la que se mostró al usuario) aunque su firma no la lleve.
    Si el registro es ``None`` (un alta en un servicio de «alta o edición») no hay nada que comprobar.
    """
    def decorar(funcion: F) -> F:
        firma = inspect.signature(funcion)
        if parametro not in firma.parameters:
            raise TypeError(f"{funcion.__qualname__} no tiene el parámetro «{parametro}».")
        propia = "version" in firma.parameters

        @functools.wraps(funcion)
        def envoltura(*args: Any, **kwargs: Any) -> Any:
            version = kwargs.get("version") if propia else kwargs.pop("version", None)
            enlazados = firma.bind_partial(*args, **kwargs)
            registro = enlazados.arguments.get(parametro)
            if propia and version is None:
                version = enlazados.arguments.get("version")
            if modelo is not None and isinstance(registro, int):
                with transaccion():
                    leido = modelo.get_or_none(modelo._meta.primary_key == registro)
                    if leido is not None:       # si no existe, el servicio dice que no existe
                        exigir_version(leido, version)
                    return funcion(*args, **kwargs)
            if registro is None or getattr(registro, "get_id", lambda: None)() is None:
                return funcion(*args, **kwargs)
            with transaccion():
                exigir_version(registro, version)
                resultado = funcion(*args, **kwargs)
                _al_dia(registro)
                return resultado

        envoltura.__signature__ = firma if propia else firma.replace(parameters=[  # type: ignore[attr-defined]
            *firma.parameters.values(),
            inspect.Parameter("version", inspect.Parameter.KEYWORD_ONLY, default=None, annotation="int | None"),
        ]) if not any(p.kind is p.VAR_KEYWORD for p in firma.parameters.values()) else firma
        envoltura.servicio_mutante = _registrar(funcion, parametro, modelo)  # type: ignore[attr-defined]
        return envoltura  # type: ignore[return-value]

    return decorar


def crea(funcion: F) -> F:
    """Decorador de un servicio que solo crea registros nuevos (o escribe los suyos propios, sin edición).

    No hay versión vista que comprobar; queda anotado para que la prueba sepa que se revisó.
    """
    funcion.servicio_mutante = _registrar(funcion, None)  # type: ignore[attr-defined]
    return funcion
