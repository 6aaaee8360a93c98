"""Importar un inventario existente desde Excel (.xlsx), con vista previa y todo o nada.

Cómo se lee el archivo
    Se usa la hoja «Inventario completo» si existe (la que escribe
    :mod:`app.servicios.inventario.exportacion` con todos los datos), luego «Libro de
    inventarios» (archivos exportados antes de la versión CONAC del libro) o, si no, la primera. La fila de encabezados
    se busca en los primeros 15 renglones (puede haber un título arriba) y cada columna se
    reconoce por su nombre, sin importar acentos, mayúsculas ni puntuación, y con los
    sinónimos comunes («No. de inventario», «Número de serie», «Costo», «Responsable», ...).
    Las columnas que no se reconocen se ignoran y se dicen en la vista previa.

Qué se valida (errores por fila: con uno solo no se importa nada)
    Número de inventario, tipo y descripción obligatorios; número y serie únicos en el archivo
    y contra la base (sin distinguir mayúsculas); tipo de bien existente (o de los
    predeterminados del CONAC); fechas e importes bien formados (importe finito y no negativo);
    estado conocido; RFC del proveedor válido; largos máximos de cada campo.

Decisión sobre catálogos
    Las **dependencias y servidores públicos** que no existan se **crean** (el inventario del
    municipio nombra a personas y áreas que aún no están en el sistema); el **proveedor** se
    crea si trae un RFC válido. La vista previa dice qué se creará antes de aceptar. Un UUID de
    CFDI que no está registrado, o un proveedor sin RFC, no bloquean: el bien se importa sin
    factura o sin proveedor y la vista previa lo advierte fila por fila.

:func:`previsualizar` nunca escribe. :func:`importar` vuelve a validar el archivo y lo
guarda todo en una sola transacción, con una entrada de bitácora por registro creado.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from peewee import IntegrityError, JOIN

from app.base_datos import transaccion
from app.modelos import (Bien, Dependencia, Factura, Proveedor, ServidorPublico, TipoBien,
                         Usuario)
from app.modelos.inventario import EN_USO, ESTADOS_BIEN
from app.servicios.nucleo import bitacora
from app.errores import ErrorConflicto, ErrorValidacion
from app.servicios.nucleo.validacion import limpiar_texto, normalizar, texto_busqueda

TAMANO_MAXIMO = 60 * 1024 * 1024              # archivo .xlsx
DESCOMPRIMIDO_MAXIMO = 800 * 1024 * 1024      # contra bombas zip
FILAS_MAXIMAS = 200_000
FILAS_ENCABEZADO = 15
VALOR_MAXIMO = Decimal("99999999999999.99")

# campo → (etiqueta para mensajes, largo máximo o None, sinónimos del encabezado)
CAMPOS: dict[str, tuple[str, int | None, tuple[str, ...]]] = {
    "numero_inventario": ("Número de inventario", 40, (
        "numero de inventario", "no de inventario", "num de inventario", "no inventario",
        "numero inventario", "num inventario", "n de inventario", "inventario", "clave de inventario",
        "codigo", "clave", "numero de control", "no de control", "folio de inventario")),
    "descripcion": ("Descripción", 500, (
        "descripcion", "descripcion del bien", "bien", "articulo", "nombre del bien", "concepto")),
    "tipo": ("Tipo", 100, ("tipo", "tipo de bien", "tipo de equipo", "clase", "categoria")),
    "marca": ("Marca", 100, ("marca",)),
    "modelo": ("Modelo", 100, ("modelo",)),
    "serie": ("Número de serie", 100, (
        "numero de serie", "no de serie", "num de serie", "serie", "n s", "ns", "s n", "sn")),
    "cuenta_contable": ("Cuenta contable", 30, ("cuenta contable", "cuenta", "cuenta conac")),
    "fecha_adquisicion": ("Fecha de adquisición", None, (
        "fecha de adquisicion", "fecha adquisicion", "fecha de compra", "fecha de alta",
        "adquisicion", "fecha")),
    "valor": ("Valor", None, (
        "valor", "costo", "importe", "precio", "valor de adquisicion", "costo de adquisicion",
        "monto", "valor historico", "precio unitario", "valor unitario")),
    "resguardante": ("Resguardante", 200, (
        "resguardante", "responsable", "usuario", "asignado a", "resguardo", "nombre del resguardante")),
    "dependencia": ("Dependencia", 200, (
        "dependencia", "area de adscripcion", "unidad administrativa", "adscripcion", "direccion")),
    "uuid": ("UUID del CFDI", 36, ("uuid del cfdi", "uuid", "folio fiscal", "cfdi")),
    "estado": ("Estado", 40, ("estado", "estatus", "status", "situacion")),
    "color": ("Color", 60, ("color",)),
    "fecha_fabricacion": ("Fecha de fabricación", None, ("fecha de fabricacion", "fabricacion")),
    "edificio": ("Edificio", 150, ("edificio", "ubicacion", "inmueble")),
    "area": ("Área", 150, ("area", "oficina", "departamento")),
    "rfc_proveedor": ("RFC del proveedor", 13, ("rfc del proveedor", "rfc proveedor", "rfc")),
    "proveedor": ("Proveedor", 300, ("proveedor", "razon social del proveedor", "razon social")),
    "no_identificacion": ("No. de identificación", 100, (
        "no de identificacion", "numero de identificacion", "no identificacion")),
    "caracteristicas_hardware": ("Características de hardware", 5000, (
        "caracteristicas de hardware", "hardware", "caracteristicas")),
    "caracteristicas_software": ("Características de software", 5000, (
        "caracteristicas de software", "software")),
    "observaciones": ("Observaciones", 5000, ("observaciones", "notas", "comentarios")),
}
OBLIGATORIOS = ("numero_inventario", "tipo", "descripcion")
_MULTILINEA = {"caracteristicas_hardware", "caracteristicas_software", "observaciones"}


def _llave(texto: Any) -> str:
    """Encabezado normalizado: sin acentos, minúsculas, sin puntuación («No.» → «no»)."""
    return " ".join(re.sub(r"[^0-9a-zñ]+", " ", normalizar(str(texto or ""))).split())


_SINONIMOS: dict[str, str] = {}
for _campo, (_etiqueta, _, _nombres) in CAMPOS.items():
    for _nombre in (_etiqueta, *_nombres):
        _SINONIMOS.setdefault(_llave(_nombre), _campo)

_ESTADOS = {**{normalizar(v): k for k, v in ESTADOS_BIEN.items()},
            **{normalizar(k.replace("_", " ")): k for k in ESTADOS_BIEN}, "activo": EN_USO,
            "baja": "dado_de_baja"}
_RFC = re.compile(r"^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$")
_UUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
_CUENTA = re.compile(r"^\d+(\.\d+){3,}$")


@dataclass(frozen=True)
class Aviso:
    """Un error o una advertencia de una fila del archivo (``fila`` como la numera Excel)."""

    fila: int
    campo: str
    mensaje: str

    def __str__(self) -> str:
        return f"Fila {self.fila}: {self.mensaje}"


@dataclass
class VistaPrevia:
    """Lo que se importaría, sin haber escrito nada."""

    archivo: str
    hoja: str
    fila_encabezado: int
    columnas: dict[str, str]                       # campo → encabezado tal como viene
    ignoradas: list[str]
    filas: list[dict[str, Any]] = field(default_factory=list)   # valores ya convertidos
    errores: list[Aviso] = field(default_factory=list)
    advertencias: list[Aviso] = field(default_factory=list)
    nuevas_dependencias: list[str] = field(default_factory=list)
    nuevos_servidores: list[str] = field(default_factory=list)
    nuevos_proveedores: list[str] = field(default_factory=list)

    @property
    def valida(self) -> bool:
        return not self.errores and bool(self.filas)

    def errores_de_fila(self, fila: int) -> list[Aviso]:
        return [e for e in self.errores if e.fila == fila]

    def resumen(self) -> str:
        partes = [f"{len(self.filas):,} bien(es) en la hoja «{self.hoja}»"]
        if self.errores:
            partes.append(f"{len(self.errores):,} error(es) en {len({e.fila for e in self.errores}):,} fila(s)")
        if self.advertencias:
            partes.append(f"{len(self.advertencias):,} advertencia(s)")
        for cuantos, que in ((self.nuevas_dependencias, "dependencia(s)"),
                             (self.nuevos_servidores, "servidor(es) público(s)"),
                             (self.nuevos_proveedores, "proveedor(es)")):
            if cuantos:
                partes.append(f"se crearán {len(cuantos)} {que}")
        return "; ".join(partes) + "."


# --- Lectura del archivo ----------------------------------------------------------------------

def _abrir(ruta: str | Path):
    from openpyxl import load_workbook

    ruta = Path(ruta)
    if not ruta.is_file():
        raise ErrorValidacion([("archivo", f"No existe el archivo «{ruta.name}».")])
    if ruta.stat().st_size > TAMANO_MAXIMO:
        raise ErrorValidacion([("archivo", f"El archivo pesa más de {TAMANO_MAXIMO // 1048576} MB.")])
    try:
        with zipfile.ZipFile(ruta) as paquete:
            descomprimido = sum(i.file_size for i in paquete.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ErrorValidacion([("archivo", f"«{ruta.name}» no es un libro de Excel (.xlsx) válido.")]) from None
    if descomprimido > DESCOMPRIMIDO_MAXIMO:
        raise ErrorValidacion([("archivo", f"«{ruta.name}» se expande a más de "
                                           f"{DESCOMPRIMIDO_MAXIMO // 1048576} MB: no se abre.")])
    try:
        return _cargar_sin_medir(load_workbook, ruta)
    except Exception:  # noqa: BLE001 - openpyxl lanza muchas clases ante un archivo dañado
        raise ErrorValidacion([("archivo", f"«{ruta.name}» está dañado o no es un libro de Excel "
                                           "(.xlsx) que se pueda leer.")]) from None


def _cargar_sin_medir(load_workbook, ruta: Path):
    """Abre en modo de solo lectura sin medir cada hoja de antemano.

    Un libro escrito en modo *write-only* (como nuestras exportaciones) no declara sus
    dimensiones, y openpyxl recorre entonces **todas** las hojas completas solo para medirlas
    antes de leer nada (un tercio del tiempo de la vista previa). Las filas se leen igual sin
    medirlas: es lo que hace ``reset_dimensions()``.
    """
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    medir = ReadOnlyWorksheet._get_size
    ReadOnlyWorksheet._get_size = lambda hoja: None
    try:
        libro = load_workbook(ruta, read_only=True, data_only=True)
    finally:
        ReadOnlyWorksheet._get_size = medir
    for hoja in libro.worksheets:
        hoja.reset_dimensions()
    return libro


def _hoja(libro):
    # «Inventario completo» trae todos los datos; los archivos de antes los traían en el Libro.
    for buscada in ("inventario completo", "libro de inventarios"):
        for nombre in libro.sheetnames:
            if _llave(nombre) == buscada:
                return libro[nombre]
    return libro[libro.sheetnames[0]]


def _mapear(encabezados: tuple) -> tuple[dict[str, int], dict[str, str], list[str]]:
    indices: dict[str, int] = {}
    textos: dict[str, str] = {}
    ignoradas: list[str] = []
    for indice, valor in enumerate(encabezados):
        if valor is None or str(valor).strip() == "":
            continue
        campo = _SINONIMOS.get(_llave(valor))
        if campo and campo not in indices:
            indices[campo], textos[campo] = indice, str(valor).strip()
        else:
            ignoradas.append(str(valor).strip())
    return indices, textos, ignoradas


# --- Conversión de celdas ---------------------------------------------------------------------

def _fecha(valor: Any) -> dt.date | None:
    """None si está vacía; lanza ValueError si no es una fecha."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    if isinstance(valor, (int, float)) and not isinstance(valor, bool) and 1 <= valor < 2958466:
        from openpyxl.utils.datetime import from_excel

        return from_excel(valor).date()
    texto = str(valor).strip()
    for formato in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(texto, formato).date()
        except ValueError:
            continue
    raise ValueError(texto)


def _importe(valor: Any) -> Decimal:
    """Decimal con dos decimales (acepta «$15,999.00»); lanza ValueError si no es un importe."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return Decimal("0.00")
    if isinstance(valor, bool):
        raise ValueError(valor)
    if isinstance(valor, float):
        valor = repr(valor)
    texto = str(valor).strip().replace("$", "").replace(",", "").replace(" ", "")
    try:
        numero = Decimal(texto)
    except InvalidOperation:
        raise ValueError(valor) from None
    if not numero.is_finite() or numero < 0 or numero > VALOR_MAXIMO:
        raise ValueError(valor)
    return numero.quantize(Decimal("0.01"))


def _texto(valor: Any, multilinea: bool = False) -> str:
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)                 # 12345.0 de una celda numérica → «12345»
    return limpiar_texto(valor, multilinea=multilinea)


# --- Catálogos existentes ---------------------------------------------------------------------

@dataclass
class _Catalogos:
    tipos: dict[str, tuple[str, str]]                      # nombre normalizado → (nombre, cuenta)
    dependencias: dict[str, str]                           # nombre o siglas normalizados → nombre
    servidores: dict[str, list[tuple[str, str | None]]]    # nombre normalizado → [(nombre, dependencia)]
    proveedores: dict[str, str]                            # RFC → razón social
    proveedores_nombre: dict[str, str]                     # razón social normalizada → RFC
    facturas: set[str]
    numeros: set[str]
    series: dict[str, str]                                 # serie normalizada → número del bien


def _catalogos() -> _Catalogos:
    from app.servicios.inventario.tipos_bien import PREDETERMINADOS

    tipos = {normalizar(n): (n, c) for n, c, _ in PREDETERMINADOS}
    tipos.update({normalizar(n): (n, c) for n, c in TipoBien.select(TipoBien.nombre, TipoBien.cuenta_contable).tuples()})
    dependencias: dict[str, str] = {}
    for nombre, siglas in Dependencia.select(Dependencia.nombre, Dependencia.siglas).tuples():
        dependencias[normalizar(nombre)] = nombre
        if siglas:
            dependencias.setdefault(normalizar(siglas), nombre)
    servidores: dict[str, list[tuple[str, str | None]]] = {}
    consulta = (ServidorPublico.select(ServidorPublico.nombre, Dependencia.nombre)
                .join(Dependencia, on=(ServidorPublico.dependencia == Dependencia.id), join_type=JOIN.LEFT_OUTER)
                .tuples())
    for nombre, dependencia in consulta:
        servidores.setdefault(normalizar(nombre), []).append((nombre, dependencia))
    proveedores = dict(Proveedor.select(Proveedor.rfc, Proveedor.razon_social).tuples())
    return _Catalogos(
        tipos=tipos, dependencias=dependencias, servidores=servidores, proveedores=proveedores,
        proveedores_nombre={normalizar(r): rfc for rfc, r in proveedores.items()},
        facturas={u for (u,) in Factura.select(Factura.uuid).tuples()},
        numeros={n.casefold() for (n,) in Bien.select(Bien.numero_inventario).tuples()},
        series={s.casefold(): n for s, n in Bien.select(Bien.serie, Bien.numero_inventario)
                .where(Bien.serie.is_null(False)).tuples()},
    )


# --- Vista previa -----------------------------------------------------------------------------

def previsualizar(ruta: str | Path) -> VistaPrevia:
    """Lee y valida el archivo completo **sin escribir nada**; devuelve la vista previa."""
    from app.servicios.inventario.inventario import normalizar_numero, normalizar_serie

    libro = _abrir(ruta)
    try:
        hoja = _hoja(libro)
        filas = hoja.iter_rows(values_only=True)
        encabezado_en, mapa, textos, ignoradas = 0, {}, {}, []
        for numero, valores in enumerate(filas, start=1):
            indices, nombres, fuera = _mapear(valores or ())
            if "numero_inventario" in indices and len(indices) >= 2:
                encabezado_en, mapa, textos, ignoradas = numero, indices, nombres, fuera
                break
            if numero >= FILAS_ENCABEZADO:
                break
        if not encabezado_en:
            raise ErrorValidacion([("archivo", "No se encontró la fila de encabezados: debe tener al "
                                               "menos «Número de inventario» y «Descripción».")])
        faltan = [CAMPOS[c][0] for c in OBLIGATORIOS if c not in mapa]
        if faltan:
            raise ErrorValidacion([("archivo", "Faltan columnas obligatorias: " + ", ".join(
                f"«{f}»" for f in faltan) + ".")])
        vista = VistaPrevia(str(ruta), hoja.title, encabezado_en, textos, ignoradas)
        catalogos = _catalogos()
        numeros_archivo: dict[str, int] = {}
        series_archivo: dict[str, int] = {}
        nuevas_dep: dict[str, str] = {}
        nuevos_serv: dict[tuple[str, str], str] = {}
        nuevos_prov: dict[str, str] = {}
        for numero_fila, valores in enumerate(filas, start=encabezado_en + 1):
            if valores is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in valores):
                continue
            if len(vista.filas) >= FILAS_MAXIMAS:
                vista.errores.append(Aviso(numero_fila, "archivo", f"El archivo tiene más de "
                                                                   f"{FILAS_MAXIMAS:,} filas; divídalo."))
                break
            crudo = {c: (valores[i] if i < len(valores) else None) for c, i in mapa.items()}
            datos = _validar_fila(numero_fila, crudo, vista, catalogos, normalizar_numero, normalizar_serie)
            numero = datos["numero_inventario"]
            if numero:
                previa = numeros_archivo.get(numero.casefold())
                if previa:
                    vista.errores.append(Aviso(numero_fila, "numero_inventario",
                                               f"El número de inventario «{numero}» está repetido "
                                               f"(también en la fila {previa})."))
                elif numero.casefold() in catalogos.numeros:
                    vista.errores.append(Aviso(numero_fila, "numero_inventario",
                                               f"Ya existe en el sistema un bien con el número «{numero}»."))
                numeros_archivo.setdefault(numero.casefold(), numero_fila)
            serie = datos["serie"]
            if serie:
                previa = series_archivo.get(serie.casefold())
                if previa:
                    vista.errores.append(Aviso(numero_fila, "serie", f"La serie «{serie}» está repetida "
                                                                     f"(también en la fila {previa})."))
                elif serie.casefold() in catalogos.series:
                    vista.errores.append(Aviso(numero_fila, "serie", f"La serie «{serie}» ya está "
                                               f"registrada en el bien {catalogos.series[serie.casefold()]}."))
                series_archivo.setdefault(serie.casefold(), numero_fila)
            _planear_catalogos(datos, catalogos, nuevas_dep, nuevos_serv, nuevos_prov)
            datos["_fila"] = numero_fila
            vista.filas.append(datos)
        vista.nuevas_dependencias = sorted(nuevas_dep.values())
        vista.nuevos_servidores = sorted(nuevos_serv.values())
        vista.nuevos_proveedores = sorted(f"{rfc} {razon}" for rfc, razon in nuevos_prov.items())
        vista.errores.sort(key=lambda a: a.fila)
        return vista
    finally:
        libro.close()


def _validar_fila(fila: int, crudo: dict[str, Any], vista: VistaPrevia, catalogos: _Catalogos,
                  normalizar_numero, normalizar_serie) -> dict[str, Any]:
    errores = vista.errores

    def error(campo: str, mensaje: str) -> None:
        errores.append(Aviso(fila, campo, mensaje))

    datos: dict[str, Any] = {}
    for campo, (etiqueta, largo, _) in CAMPOS.items():
        if campo in ("fecha_adquisicion", "fecha_fabricacion", "valor"):
            continue
        texto = _texto(crudo.get(campo), multilinea=campo in _MULTILINEA)
        if largo is not None and len(texto) > largo:
            error(campo, f"«{etiqueta}» admite como máximo {largo:,} caracteres (tiene {len(texto):,}).")
            texto = texto[:largo]
        datos[campo] = texto
    datos["numero_inventario"] = normalizar_numero(datos["numero_inventario"])
    datos["serie"] = normalizar_serie(datos["serie"])
    for campo in OBLIGATORIOS:
        if not datos[campo]:
            error(campo, f"Falta «{CAMPOS[campo][0]}».")
    for campo in ("fecha_adquisicion", "fecha_fabricacion"):
        try:
            datos[campo] = _fecha(crudo.get(campo))
        except ValueError:
            datos[campo] = None
            error(campo, f"«{CAMPOS[campo][0]}» no es una fecha válida («{str(crudo.get(campo))[:30]}»; "
                         "use dd/mm/aaaa).")
    try:
        datos["valor"] = _importe(crudo.get("valor"))
    except ValueError:
        datos["valor"] = Decimal("0.00")
        error("valor", f"El valor «{str(crudo.get('valor'))[:30]}» no es un importe válido "
                       "(número finito, no negativo, p. ej. 15999.00).")
    if datos["tipo"]:
        tipo = catalogos.tipos.get(normalizar(datos["tipo"]))
        if tipo is None:
            error("tipo", f"Tipo de bien desconocido: «{datos['tipo']}». Agréguelo en los tipos de "
                          "bien o use uno existente.")
        else:
            datos["tipo"] = tipo[0]
            if not datos["cuenta_contable"]:
                datos["cuenta_contable"] = tipo[1]
    if datos["cuenta_contable"] and not _CUENTA.match(datos["cuenta_contable"]):
        error("cuenta_contable", f"La cuenta contable «{datos['cuenta_contable']}» no tiene la forma "
                                 "del CONAC (p. ej. 1.2.4.1.3).")
    estado = datos["estado"]
    if not estado:
        datos["estado"] = EN_USO
    elif normalizar(estado) in _ESTADOS:
        datos["estado"] = _ESTADOS[normalizar(estado)]
    else:
        error("estado", f"Estado desconocido: «{estado}» (use {', '.join(ESTADOS_BIEN.values())}).")
    uuid = datos["uuid"].upper()
    datos["uuid"] = uuid
    if uuid and not _UUID.match(uuid):
        error("uuid", f"El UUID del CFDI «{uuid[:40]}» no tiene la forma correcta.")
    elif uuid and uuid not in catalogos.facturas:
        vista.advertencias.append(Aviso(fila, "uuid", f"La factura {uuid} no está registrada: el bien "
                                                      "se importa sin factura (dé de alta el CFDI aparte)."))
    rfc = datos["rfc_proveedor"].upper().replace(" ", "").replace("-", "")
    datos["rfc_proveedor"] = rfc
    if rfc and not _RFC.match(rfc):
        error("rfc_proveedor", f"El RFC del proveedor «{rfc[:20]}» no tiene la forma correcta.")
    elif not rfc and datos["proveedor"] and normalizar(datos["proveedor"]) not in catalogos.proveedores_nombre:
        vista.advertencias.append(Aviso(fila, "proveedor", f"El proveedor «{datos['proveedor']}» no "
                                                           "está registrado y no trae RFC: se importa sin proveedor."))
    return datos


def _planear_catalogos(datos: dict[str, Any], catalogos: _Catalogos, nuevas_dep: dict[str, str],
                       nuevos_serv: dict[tuple[str, str], str], nuevos_prov: dict[str, str]) -> None:
    dependencia = datos["dependencia"]
    if dependencia:
        existente = catalogos.dependencias.get(normalizar(dependencia))
        if existente:
            datos["dependencia"] = existente
        else:
            datos["dependencia"] = nuevas_dep.setdefault(normalizar(dependencia), dependencia)
    resguardante = datos["resguardante"]
    if resguardante:
        candidatos = catalogos.servidores.get(normalizar(resguardante), [])
        if candidatos:
            propio = [c for c in candidatos if datos["dependencia"] and c[1] and
                      normalizar(c[1]) == normalizar(datos["dependencia"])]
            datos["resguardante"] = (propio or candidatos)[0][0]
        else:
            llave = (normalizar(resguardante), normalizar(datos["dependencia"] or ""))
            datos["resguardante"] = nuevos_serv.setdefault(llave, resguardante)
    rfc = datos["rfc_proveedor"]
    if rfc and _RFC.match(rfc) and rfc not in catalogos.proveedores:
        nuevos_prov.setdefault(rfc, datos["proveedor"] or rfc)
    elif not rfc and datos["proveedor"]:
        datos["rfc_proveedor"] = catalogos.proveedores_nombre.get(normalizar(datos["proveedor"]), "")


# --- Importación ------------------------------------------------------------------------------

def importar(actor: Usuario | None, ruta: str | Path) -> int:
    """Importa todos los bienes del archivo o ninguno; devuelve cuántos creó.

    Vuelve a leer y validar el archivo (no confía en una vista previa vieja). Con cualquier
    error de fila lanza :class:`ErrorValidacion` con un renglón por error y no escribe nada.
    """
    from app.servicios.inventario.inventario import exigir_inventario

    exigir_inventario(actor)
    vista = previsualizar(ruta)
    if vista.errores:
        raise ErrorValidacion([(f"fila {e.fila}", str(e)) for e in vista.errores])
    if not vista.filas:
        raise ErrorValidacion([("archivo", "El archivo no tiene bienes que importar.")])
    accion = "importación de inventario desde Excel"
    try:
        return _guardar(vista, actor, accion)
    except IntegrityError as exc:
        raise ErrorConflicto("Mientras se importaba, otra PC registró un bien con el mismo número de "
                             "inventario o serie; no se importó nada. Vuelva a revisar el archivo.") from exc


def _guardar(vista: VistaPrevia, actor: Usuario | None, accion: str) -> int:
    from app.servicios.nucleo import carga_masiva
    from app.servicios.inventario import tipos_bien

    with transaccion():
        tipos_bien.asegurar_predeterminados()
        tipos = {normalizar(t.nombre): t.id for t in TipoBien.select()}
        dependencias = _crear_dependencias(vista, actor, accion)
        servidores = _crear_servidores(vista, dependencias, actor, accion)
        proveedores = _crear_proveedores(vista, actor, accion)
        facturas = dict(Factura.select(Factura.uuid, Factura.id).tuples())
        primero = carga_masiva.reservar_ids(Bien, len(vista.filas))
        bienes = []
        for desplazamiento, d in enumerate(vista.filas):
            llave_serv = (normalizar(d["resguardante"]), normalizar(d["dependencia"] or ""))
            resguardante = servidores.get(llave_serv) or servidores.get((normalizar(d["resguardante"]), None))
            bienes.append(Bien(
                id=primero + desplazamiento, numero_inventario=d["numero_inventario"],
                tipo=tipos[normalizar(d["tipo"])], descripcion=d["descripcion"], marca=d["marca"],
                modelo=d["modelo"], serie=d["serie"], color=d["color"],
                fecha_fabricacion=d["fecha_fabricacion"], fecha_adquisicion=d["fecha_adquisicion"],
                valor=d["valor"], cuenta_contable=d["cuenta_contable"],
                proveedor=proveedores.get(d["rfc_proveedor"]), factura=facturas.get(d["uuid"]),
                no_identificacion=d["no_identificacion"],
                caracteristicas_hardware=d["caracteristicas_hardware"],
                caracteristicas_software=d["caracteristicas_software"],
                resguardante=resguardante[0] if resguardante else None,
                dependencia=dependencias.get(normalizar(d["dependencia"])) if d["dependencia"] else None,
                edificio=d["edificio"], area=d["area"], estado=d["estado"],
                observaciones=d["observaciones"],
                busqueda=texto_busqueda(d["numero_inventario"], d["serie"], d["marca"], d["modelo"],
                                        d["descripcion"], resguardante[1] if resguardante else "")))
        carga_masiva.insertar_con_bitacora(bienes, accion, actor)
    return len(bienes)


def _crear_dependencias(vista: VistaPrevia, actor, accion: str) -> dict[str, int]:
    mapa: dict[str, int] = {}
    for dep in Dependencia.select():
        mapa[normalizar(dep.nombre)] = dep.id
    for nombre in vista.nuevas_dependencias:
        if normalizar(nombre) not in mapa:
            nueva = Dependencia(nombre=nombre, busqueda=texto_busqueda(nombre))
            bitacora.guardar(nueva, accion, actor)
            mapa[normalizar(nombre)] = nueva.id
    return mapa


def _crear_servidores(vista: VistaPrevia, dependencias: dict[str, int], actor,
                      accion: str) -> dict[tuple[str, str | None], tuple[int, str]]:
    """(nombre, dependencia) normalizados → (id, nombre); también (nombre, None) para el primero."""
    mapa: dict[tuple[str, str | None], tuple[int, str]] = {}
    consulta = (ServidorPublico.select(ServidorPublico.id, ServidorPublico.nombre, Dependencia.nombre)
                .join(Dependencia, on=(ServidorPublico.dependencia == Dependencia.id), join_type=JOIN.LEFT_OUTER)
                .order_by(ServidorPublico.id).tuples())
    for id_, nombre, dependencia in consulta:
        mapa.setdefault((normalizar(nombre), normalizar(dependencia or "")), (id_, nombre))
        mapa.setdefault((normalizar(nombre), None), (id_, nombre))
    for d in vista.filas:
        if not d["resguardante"]:
            continue
        llave = (normalizar(d["resguardante"]), normalizar(d["dependencia"] or ""))
        if llave in mapa or (llave[0], None) in mapa:
            continue
        dependencia_id = dependencias.get(normalizar(d["dependencia"])) if d["dependencia"] else None
        nuevo = ServidorPublico(nombre=d["resguardante"], cargo="", dependencia=dependencia_id,
                                busqueda=texto_busqueda(d["resguardante"], d["dependencia"]))
        bitacora.guardar(nuevo, accion, actor)
        mapa[llave] = mapa[(llave[0], None)] = (nuevo.id, nuevo.nombre)
    return mapa


def _crear_proveedores(vista: VistaPrevia, actor, accion: str) -> dict[str, int]:
    mapa = dict(Proveedor.select(Proveedor.rfc, Proveedor.id).tuples())
    for d in vista.filas:
        rfc = d["rfc_proveedor"]
        if rfc and rfc not in mapa:
            razon = d["proveedor"] or rfc
            nuevo = Proveedor(rfc=rfc, razon_social=razon, busqueda=texto_busqueda(rfc, razon))
            bitacora.guardar(nuevo, accion, actor)
            mapa[rfc] = nuevo.id
    return mapa
