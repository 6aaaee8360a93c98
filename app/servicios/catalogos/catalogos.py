"""Catálogos: dependencias, servidores públicos, proveedores y datos de la institución."""
from __future__ import annotations

import re
import string
from typing import Any

from peewee import JOIN

from app.base_datos import transaccion
from app.modelos import Dependencia, Institucion, Proveedor, ServidorPublico, Usuario
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.concurrencia import cambia
from app.errores import ErrorNoEncontrado
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, normalizar, texto_busqueda


# --- Dependencias -------------------------------------------------------------------------

@cambia("dependencia")
def guardar_dependencia(actor: Usuario | None, nombre: str, siglas: str = "", ubicacion: str = "",
                        dependencia: Dependencia | None = None) -> Dependencia:
    """Alta o edición de una dependencia municipal."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    nombre = v.nombre("nombre", "Nombre de la dependencia", nombre, 200, requerido=True)
    siglas = v.texto("siglas", "Siglas", siglas, 30)
    ubicacion = v.texto("ubicacion", "Ubicación", ubicacion, 200)
    repetida = Dependencia.select().where(Dependencia.busqueda.startswith(normalizar(nombre)))
    for otra in repetida:
        if normalizar(otra.nombre) == normalizar(nombre) and (dependencia is None or otra.id != dependencia.id):
            v.error("nombre", f"Ya existe la dependencia «{otra.nombre}».")
    v.validar()
    registro = dependencia or Dependencia()
    version = dependencia.version if dependencia else None
    registro.nombre, registro.siglas, registro.ubicacion = nombre, siglas, ubicacion
    registro.busqueda = texto_busqueda(nombre, siglas)
    return bitacora.guardar_versionado(registro, "edición de dependencia" if dependencia else "alta de dependencia",
                               actor, version)


def dependencias(activas: bool = True, busqueda: str = "") -> list[Dependencia]:
    consulta = Dependencia.select()
    if activas:
        consulta = consulta.where(Dependencia.activo == True)  # noqa: E712
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Dependencia, busqueda, por_palabras=False)
    return list(consulta.order_by(Dependencia.nombre))


def dependencia_por_nombre(nombre: str) -> Dependencia:
    buscado = normalizar(nombre)
    for dep in Dependencia.select():
        if normalizar(dep.nombre) == buscado or (dep.siglas and normalizar(dep.siglas) == buscado):
            return dep
    raise ErrorNoEncontrado(f"No existe la dependencia «{nombre}».")


@cambia("registro")
def cambiar_estado(actor: Usuario | None, registro: Dependencia | ServidorPublico | Proveedor, activo: bool):
    """Baja lógica (o reactivación) de un registro de catálogo; devuelve el registro."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    version = registro.version
    registro.activo = activo
    return bitacora.guardar_versionado(registro, "reactivación" if activo else "baja lógica", actor, version)


# --- Servidores públicos ------------------------------------------------------------------

@cambia("servidor")
def guardar_servidor(actor: Usuario | None, nombre: str, cargo: str, dependencia: Dependencia | None,
                     correo: str = "", extension: str = "",
                     servidor: ServidorPublico | None = None) -> ServidorPublico:
    """Alta o edición de un servidor público."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    nombre = v.nombre("nombre", "Nombre", nombre, 200, requerido=True)
    cargo = v.texto("cargo", "Cargo", cargo, 200, requerido=True)
    correo = v.correo("correo", "Correo", correo)
    extension = v.texto("extension", "Extensión", extension, 20)
    if dependencia is None:
        v.error("dependencia", "Falta la dependencia.")
    v.validar()
    registro = servidor or ServidorPublico()
    version = servidor.version if servidor else None
    registro.nombre, registro.cargo, registro.dependencia = nombre, cargo, dependencia
    registro.correo, registro.extension = correo, extension
    registro.busqueda = texto_busqueda(nombre, cargo, dependencia.nombre if dependencia else "")
    return bitacora.guardar_versionado(registro, "edición de servidor público" if servidor else "alta de servidor público",
                               actor, version)


def servidores(busqueda: str = "", dependencia: Dependencia | None = None,
               activos: bool = True) -> list[ServidorPublico]:
    consulta = (ServidorPublico.select(ServidorPublico, Dependencia)
                .join(Dependencia, JOIN.LEFT_OUTER))
    if activos:
        consulta = consulta.where(ServidorPublico.activo == True)  # noqa: E712
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, ServidorPublico, busqueda, por_palabras=False)
    if dependencia is not None:
        consulta = consulta.where(ServidorPublico.dependencia == dependencia)
    return list(consulta.order_by(ServidorPublico.nombre))


def servidor_por_nombre(nombre: str) -> ServidorPublico:
    buscado = normalizar(nombre)
    candidatos = [s for s in ServidorPublico.select().where(ServidorPublico.busqueda.contains(normalizar(nombre)))
                  if normalizar(s.nombre) == buscado]
    if not candidatos:
        raise ErrorNoEncontrado(f"No existe el servidor público «{nombre}».")
    return candidatos[0]


# --- Proveedores --------------------------------------------------------------------------

def marcas_de_texto(texto: str) -> list[str]:
    """«HP; Dell, Lenovo» → ['dell', 'hp', 'lenovo'] (normalizadas y sin repetir)."""
    piezas = [normalizar(p) for p in texto.replace(",", ";").split(";")]
    return sorted({p for p in piezas if p})


@cambia("proveedor")
def guardar_proveedor(actor: Usuario | None, rfc: str, razon_social: str, contacto: str = "",
                      telefono: str = "", correo: str = "", marcas: str = "",
                      tiempo_entrega_dias: int | str = 0,
                      proveedor: Proveedor | None = None) -> Proveedor:
    """Alta o edición de un proveedor (RFC validado y único)."""
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    v = Validador()
    rfc = v.rfc("rfc", rfc)
    razon_social = v.texto("razon_social", "Razón social", razon_social, 300, requerido=True)
    contacto = v.texto("contacto", "Contacto", contacto, 200)
    telefono = v.texto("telefono", "Teléfono", telefono, 40)
    correo = v.correo("correo", "Correo", correo)
    marcas = v.texto("marcas", "Marcas autorizadas", marcas, 2000)
    dias = v.entero("tiempo_entrega_dias", "Tiempo de entrega (días)", tiempo_entrega_dias or 0, 0, 365)
    otro = Proveedor.get_or_none(Proveedor.rfc == rfc)
    if otro is not None and (proveedor is None or otro.id != proveedor.id):
        v.error("rfc", f"Ya existe un proveedor con el RFC {rfc}: «{otro.razon_social}».")
    v.validar()
    registro = proveedor or Proveedor()
    version = proveedor.version if proveedor else None
    registro.rfc, registro.razon_social, registro.contacto = rfc, razon_social, contacto
    registro.telefono, registro.correo = telefono, correo
    registro.marcas_autorizadas = "; ".join(marcas_de_texto(marcas))
    registro.tiempo_entrega_dias = dias
    registro.busqueda = texto_busqueda(rfc, razon_social, contacto, registro.marcas_autorizadas)
    return bitacora.guardar_versionado(registro, "edición de proveedor" if proveedor else "alta de proveedor",
                               actor, version)


def es_servicio_autorizado(proveedor: Proveedor, marca: str) -> bool:
    """¿El proveedor es servicio técnico autorizado de ``marca``? (política 4 del procedimiento 2)."""
    return normalizar(marca) in marcas_de_texto(proveedor.marcas_autorizadas)


def proveedor(identificador: int | None) -> Proveedor | None:
    """El proveedor con ese id (None si no se eligió o ya no existe)."""
    return Proveedor.get_or_none(Proveedor.id == identificador) if identificador else None


def proveedores(busqueda: str = "", activos: bool = True) -> list[Proveedor]:
    consulta = Proveedor.select()
    if activos:
        consulta = consulta.where(Proveedor.activo == True)  # noqa: E712
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Proveedor, busqueda, por_palabras=False)
    return list(consulta.order_by(Proveedor.razon_social))


# --- Institución --------------------------------------------------------------------------

INSTITUCION_POR_OMISION = {
    "nombre": "H. Ayuntamiento de San Martín Texmelucan, Puebla",
    "municipio": "San Martín Texmelucan",
    "lugar": "San Martín Texmelucan, Pue.",
    "lema": "¡Unidos Seguimos Haciendo Historia!",
    "area": permisos.AREA_DIRECCION,
    "formato_folio": "TM/DTI/{numero:04d}/{anio}",
    "pie": "Tesorería Municipal · Dirección de Tecnologías de la Información",
}


def institucion() -> Institucion:
    """Los datos de la institución (se crean con valores de San Martín Texmelucan si faltan)."""
    registro = Institucion.get_or_none(Institucion.id == 1)
    if registro is None:
        with transaccion():
            registro = Institucion.create(id=1, **INSTITUCION_POR_OMISION)
            bitacora.registrar(registro, "alta de institución", None)
    return registro


_ESPEC_FOLIO = re.compile(r"^0?[1-9]?d?$")


def validar_formato_folio(formato: str) -> str | None:
    """Devuelve el mensaje de error, o None si el formato produce folios distintos por número y año."""
    try:
        campos = [(campo, espec) for _, campo, espec, _ in string.Formatter().parse(formato) if campo is not None]
    except ValueError as exc:
        return f"El formato de folio no es válido ({exc})."
    for campo, espec in campos:
        if campo not in ("numero", "anio") or not _ESPEC_FOLIO.match(espec or ""):
            return (f"El formato de folio solo admite {{numero}} (con relleno de hasta 9 ceros, p. ej. "
                    f"{{numero:04d}}) y {{anio}}; «{{{campo}{':' + espec if espec else ''}}}» no es válido.")
    try:
        uno = formato.format(numero=1, anio=2026)
        dos = formato.format(numero=2, anio=2026)
        otro_anio = formato.format(numero=1, anio=2027)
    except (KeyError, IndexError, ValueError) as exc:
        return f"El formato de folio no es válido ({exc}). Use {{numero:04d}} y {{anio}}, p. ej. TM/DTI/{{numero:04d}}/{{anio}}."
    if uno == dos or uno == otro_anio:
        return "El formato de folio debe incluir {numero} y {anio} para que ningún folio se repita."
    if len(formato.format(numero=999999999, anio=2026)) > 60:
        return "El folio resultante no debe pasar de 60 caracteres."
    return None


def guardar_institucion(actor: Usuario | None, version: int | None = None, **datos: Any) -> Institucion:
    """Modifica los datos de la institución (nombre, lema, titulares, formato de folio, IVA acreditable, logotipo).

    ``version`` es la que tenía el registro cuando se mostró: si otra PC lo cambió
    entretanto, se rechaza con :class:`ErrorConflicto` en lugar de sobrescribir.
    """
    permisos.exigir(actor, permisos.EDITAR_INSTITUCION)
    registro = institucion()
    v = Validador()
    limites = {"nombre": 300, "municipio": 200, "lugar": 200, "lema": 300, "area": 200,
               "formato_folio": 100, "pie": 300}
    for campo, maximo in limites.items():
        if campo in datos:
            etiqueta = campo.replace("_", " ").capitalize()
            setattr(registro, campo, v.texto(campo, etiqueta, datos[campo], maximo,
                                             requerido=campo not in ("lema", "pie")))
    if "formato_folio" in datos:
        problema = validar_formato_folio(registro.formato_folio)
        if problema:
            v.error("formato_folio", problema)
    for campo in ("titular_dti", "tesorero"):
        if campo in datos:
            setattr(registro, campo, datos[campo])
    if "iva_acreditable" in datos:      # si es falso, el IVA es parte del costo de los bienes
        registro.iva_acreditable = bool(datos["iva_acreditable"])
    if "logotipo" in datos:
        contenido = datos["logotipo"]
        if contenido is not None and len(contenido) > 5 * 1024 * 1024:
            v.error("logotipo", "El logotipo no debe pasar de 5 MB.")
        else:
            registro.logotipo = contenido
    v.validar()
    return bitacora.guardar_versionado(registro, "edición de institución", actor,
                               registro.version if version is None else version)


def obtener(modelo, identificador: int):
    registro = modelo.get_or_none(modelo.id == identificador)
    if registro is None:
        raise ErrorNoEncontrado(f"No existe el registro {identificador}.")
    return registro

