"""Exportar el inventario a Excel para la Dirección de Armonización Contable.

Un libro con dos hojas, escritas en una sola pasada sobre una sola consulta (``.tuples()``
con todos los catálogos unidos: nada de una consulta por bien):

1. **Libro de inventarios de bienes muebles** (formato CONAC): número de inventario,
   descripción, marca, modelo, serie, cuenta contable, fecha de adquisición, valor,
   resguardante, dependencia, UUID del CFDI y estado; y a la derecha los demás datos del
   bien (tipo, color, ubicación, proveedor, ...) para que el archivo se pueda volver a
   importar sin perder nada (:mod:`app.servicios.inventario.importacion`).
2. **Relación de bienes muebles que componen el patrimonio** (Ley General de Contabilidad
   Gubernamental): código, descripción del bien y valor en libros (depreciación en línea
   recta con la vida útil del tipo), con subtotal por cuenta contable y total general. Los
   bienes dados de baja ya no forman parte del patrimonio y no aparecen en esta hoja.

Ambas hojas van ordenadas por cuenta contable y número de inventario.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from peewee import JOIN, fn

from app.modelos import (Bien, Dependencia, Factura, Institucion, Proveedor, ServidorPublico,
                         TipoBien, Usuario)
from app.modelos.inventario import DADO_DE_BAJA, ESTADOS_BIEN
from app.servicios.nucleo import permisos
from app.errores import ErrorDTI
from app.servicios.inventario.tipos_bien import NOMBRES_CUENTA, valor_en_libros

Progreso = Callable[[int, int], None]

HOJA_LIBRO = "Libro de inventarios"
HOJA_RELACION = "Relación de bienes"
TITULO_LIBRO = "Libro de inventarios de bienes muebles"
TITULO_RELACION = "Relación de bienes muebles que componen el patrimonio"

# (título, tipo, ancho): los 12 del formato CONAC y luego los que hacen falta para reimportar.
_COLUMNAS_LIBRO: tuple[tuple[str, str, float], ...] = (
    ("Número de inventario", "texto", 18),
    ("Descripción", "texto", 42),
    ("Marca", "texto", 14),
    ("Modelo", "texto", 18),
    ("Número de serie", "texto", 20),
    ("Cuenta contable", "texto", 13),
    ("Fecha de adquisición", "fecha", 13),
    ("Valor", "moneda", 14),
    ("Resguardante", "texto", 30),
    ("Dependencia", "texto", 30),
    ("UUID del CFDI", "texto", 38),
    ("Estado", "texto", 15),
    ("Tipo", "texto", 16),
    ("Color", "texto", 11),
    ("Fecha de fabricación", "fecha", 13),
    ("Edificio", "texto", 20),
    ("Área", "texto", 20),
    ("RFC del proveedor", "texto", 15),
    ("Proveedor", "texto", 28),
    ("No. de identificación", "texto", 16),
    ("Características de hardware", "texto", 36),
    ("Características de software", "texto", 36),
    ("Observaciones", "texto", 36),
)

_COLUMNAS_RELACION: tuple[tuple[str, str, float], ...] = (
    ("Código", "texto", 18),
    ("Descripción del bien", "texto", 60),
    ("Cuenta contable", "texto", 13),
    ("Valor en libros", "moneda", 16),
)

TITULOS_LIBRO = tuple(c[0] for c in _COLUMNAS_LIBRO)


def columnas(especificacion: Iterable[tuple[str, str, float]]):
    from app.documentos.excel_inventario import ColumnaExcel

    return [ColumnaExcel(titulo, tipo, ancho) for titulo, tipo, ancho in especificacion]


# Más ids que esto no caben en un IN (…) de SQLite: se filtra al recorrer.
_IDS_EN_SQL = 500


def _consulta(bienes: Any = None) -> tuple[Any, set[int] | None]:
    """Consulta ordenada y, si la selección es una lista grande de ids, el conjunto a conservar."""
    cuenta = fn.COALESCE(fn.NULLIF(Bien.cuenta_contable, ""), TipoBien.cuenta_contable)
    consulta = (Bien.select(
        Bien.numero_inventario, Bien.descripcion, Bien.marca, Bien.modelo, Bien.serie, cuenta,
        Bien.fecha_adquisicion, Bien.valor, ServidorPublico.nombre, Dependencia.nombre,
        Factura.uuid, Bien.estado, TipoBien.nombre, Bien.color, Bien.fecha_fabricacion,
        Bien.edificio, Bien.area, Proveedor.rfc, Proveedor.razon_social, Bien.no_identificacion,
        Bien.caracteristicas_hardware, Bien.caracteristicas_software, Bien.observaciones,
        TipoBien.vida_util_anios, Bien.id)
        .join(TipoBien, on=(Bien.tipo == TipoBien.id))
        .switch(Bien).join(ServidorPublico, JOIN.LEFT_OUTER, on=(Bien.resguardante == ServidorPublico.id))
        .switch(Bien).join(Dependencia, JOIN.LEFT_OUTER, on=(Bien.dependencia == Dependencia.id))
        .switch(Bien).join(Factura, JOIN.LEFT_OUTER, on=(Bien.factura == Factura.id))
        .switch(Bien).join(Proveedor, JOIN.LEFT_OUTER, on=(Bien.proveedor == Proveedor.id)))
    if bienes is not None:
        if hasattr(bienes, "select") and hasattr(bienes, "sql"):
            consulta = consulta.where(Bien.id.in_(bienes.select(Bien.id)))
        else:
            ids = [b if isinstance(b, int) else b.id for b in bienes]
            if len(ids) > _IDS_EN_SQL:
                return consulta.order_by(cuenta, Bien.numero_inventario), set(ids)
            consulta = consulta.where(Bien.id.in_(ids)) if ids else consulta.where(Bien.id < 0)
    return consulta.order_by(cuenta, Bien.numero_inventario), None


def _titulo(nombre: str, al: dt.date) -> list[str]:
    institucion = Institucion.get_or_none(Institucion.id == 1)
    encabezado = institucion.nombre if institucion else "Gobierno Municipal"
    return [nombre, encabezado, f"Al {al:%d/%m/%Y}"]


def _destino_temporal(ruta: str | Path) -> tuple[Path, Path]:
    destino = Path(ruta)
    return destino, destino.with_name(f".{destino.stem}.tmp{destino.suffix}")


def _guardar_seguro(ruta: str | Path, escribir: Callable[[Path], int]) -> int:
    """Escribe en un temporal y lo pone en su lugar: nunca queda un archivo a medias."""
    destino, temporal = _destino_temporal(ruta)
    try:
        cuantos = escribir(temporal)
        temporal.replace(destino)
    except PermissionError:
        temporal.unlink(missing_ok=True)
        raise ErrorDTI(f"No se pudo escribir «{destino.name}»: el archivo está abierto en otro "
                       "programa (¿Excel?) o la carpeta no permite escribir.") from None
    except BaseException:
        temporal.unlink(missing_ok=True)
        raise
    return cuantos


def exportar_inventario(ruta: str | Path, bienes: Any = None, progreso: Progreso | None = None,
                        actor: Usuario | None = None, al: dt.date | None = None) -> int:
    """Escribe el Libro de inventarios y la Relación de bienes; devuelve cuántos bienes exportó.

    ``bienes``: None (todos), una consulta peewee de :class:`Bien` (p. ej. la que filtra la
    vista) o una lista de bienes o de ids. ``progreso(hechos, total)`` se llama cada 1,000
    bienes y al final; si lanza una excepción (el usuario canceló), la exportación se detiene
    y no queda ningún archivo. ``al``: fecha del valor en libros (hoy en México si no se da).
    """
    from app.documentos.excel_inventario import LibroExcel
    from app.tiempo import hoy_mexico

    permisos.exigir(actor, permisos.EXPORTAR)
    al = al or hoy_mexico()
    consulta, conservar = _consulta(bienes)
    total = (len(conservar) if conservar is not None else consulta.count()) if progreso else 0

    def escribir(destino: Path) -> int:
        hechos = 0
        with LibroExcel(destino) as libro:
            libro_hoja = libro.hoja(HOJA_LIBRO, columnas(_COLUMNAS_LIBRO), _titulo(TITULO_LIBRO, al))
            relacion = libro.hoja(HOJA_RELACION, columnas(_COLUMNAS_RELACION),
                                  _titulo(TITULO_RELACION, al))
            fila_libro, fila_relacion = libro_hoja.fila, relacion.fila
            estados = ESTADOS_BIEN
            cuenta_actual: str | None = None
            subtotal = general = Decimal("0.00")
            depreciados: dict[tuple, Decimal] = {}
            for fila in consulta.tuples().iterator():
                (numero, descripcion, marca, modelo, serie, cuenta, fecha, valor, resguardante,
                 dependencia, uuid, estado, tipo, color, fabricacion, edificio, area, rfc,
                 proveedor, no_ident, hardware, software, observaciones, vida, id_) = fila
                if conservar is not None and id_ not in conservar:
                    continue
                fila_libro((numero, descripcion, marca, modelo, serie, cuenta, fecha, valor,
                            resguardante, dependencia, uuid, estados.get(estado, estado), tipo,
                            color, fabricacion, edificio, area, rfc, proveedor, no_ident,
                            hardware, software, observaciones))
                hechos += 1
                if estado != DADO_DE_BAJA:
                    if cuenta != cuenta_actual:
                        if cuenta_actual is not None:
                            _subtotal(relacion, cuenta_actual, subtotal)
                        cuenta_actual, subtotal = cuenta, Decimal("0.00")
                    valor = valor if valor is not None else Decimal("0")
                    llave = (valor, fecha, vida)
                    libros = depreciados.get(llave)
                    if libros is None:
                        libros = depreciados[llave] = valor_en_libros(valor, fecha, vida, al)
                    fila_relacion((numero, descripcion, cuenta, libros))
                    subtotal += libros
                    general += libros
                if progreso and hechos % 1000 == 0:
                    progreso(hechos, total)
            if cuenta_actual is not None:
                _subtotal(relacion, cuenta_actual, subtotal)
            relacion.fila_total(("Total general", None, None, general))
        if progreso:
            progreso(hechos, total or hechos)
        return hechos

    return _guardar_seguro(ruta, escribir)


def _subtotal(hoja, cuenta: str, libros: Decimal) -> None:
    nombre = NOMBRES_CUENTA.get(cuenta, "")
    hoja.fila_total((f"Total {cuenta}", nombre, cuenta, libros))


def exportar_lista(ruta: str | Path, titulo: str, columnas_lista: Sequence[Any],
                   filas: Iterable[Sequence[Any]], actor: Usuario | None = None) -> int:
    """Exporta cualquier lista filtrada tal como la ve el usuario; devuelve las filas escritas.

    ``columnas_lista``: :class:`~app.documentos.excel_inventario.ColumnaExcel` o tuplas
    ``(título, tipo, ancho)`` con tipo ``texto``, ``fecha``, ``moneda``, ``numero`` o
    ``entero``; ``filas``: secuencias de valores en ese orden (fechas como ``date`` e importes
    como ``Decimal`` para que Excel los reciba como tales).
    """
    from app.documentos.excel_inventario import ColumnaExcel, escribir_lista
    from app.tiempo import hoy_mexico

    permisos.exigir(actor, permisos.EXPORTAR)
    cols = [c if isinstance(c, ColumnaExcel) else ColumnaExcel(*c) for c in columnas_lista]
    encabezado = _titulo(titulo, hoy_mexico())
    return _guardar_seguro(ruta, lambda destino: escribir_lista(destino, titulo, cols, filas,
                                                                encabezado))
