"""Exportar el inventario a Excel para la Dirección de Armonización Contable.

Un libro con tres hojas, escritas en una sola pasada sobre una sola consulta (``.tuples()``
con todos los catálogos unidos: nada de una consulta por bien), todas a una **fecha de
corte** (``al``; hoy en México si no se da):

1. **Libro de inventarios de bienes muebles** (formato CONAC) «al 31 de diciembre de 2026
   (pesos)»: número de inventario, descripción del bien, cuenta contable, fecha y valor de
   adquisición, depreciación acumulada al corte y valor en libros, con subtotal por cuenta,
   total general (valores, no fórmulas) y el bloque de firmas (elaboró, revisó, autorizó).
   Entran los bienes que el municipio tenía en la fecha de corte: quedan fuera los adquiridos
   después y los dados de baja en o antes de ella (fecha de la respuesta de Armonización
   Contable al movimiento de baja aplicado; un bien dado de baja sin movimiento registrado,
   p. ej. importado así, queda fuera siempre, porque no se sabe desde cuándo).
2. **Relación de bienes muebles que componen el patrimonio** (Ley General de Contabilidad
   Gubernamental): código, descripción del bien y valor en libros, con subtotal por cuenta
   contable y total general; los mismos bienes que el Libro.
3. **Inventario completo**: todos los bienes seleccionados (también los dados de baja) con
   todos sus datos tal como están hoy, para que el archivo se pueda volver a importar sin
   perder nada (:mod:`app.servicios.inventario.importacion` lee esta hoja).

Depreciación: línea recta por meses completos hasta el corte con la vida útil del tipo de
bien (``TipoBien.vida_util_anios``, que ya trae los años del CONAC y cada municipio ajusta),
sin bajar de cero (:func:`app.servicios.inventario.tipos_bien.valor_en_libros`).

Las hojas van ordenadas por cuenta contable y número de inventario.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
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
HOJA_COMPLETO = "Inventario completo"
TITULO_LIBRO = "Libro de inventarios de bienes muebles"
TITULO_RELACION = "Relación de bienes muebles que componen el patrimonio"
TITULO_COMPLETO = "Inventario de bienes TIC: todos los datos (para reimportar)"

# (título, tipo, ancho): las columnas del Libro de inventarios del CONAC.
_COLUMNAS_CONAC: tuple[tuple[str, str, float], ...] = (
    ("Número de inventario", "texto", 18),
    ("Descripción del bien", "texto", 50),
    ("Cuenta contable", "texto", 13),
    ("Fecha de adquisición", "fecha", 13),
    ("Valor de adquisición", "moneda", 16),
    ("Depreciación acumulada", "moneda", 16),
    ("Valor en libros", "moneda", 16),
)

# Hoja «Inventario completo»: los datos del formato y luego los que hacen falta para reimportar.
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
TITULOS_CONAC = tuple(c[0] for c in _COLUMNAS_CONAC)
_CERO = Decimal("0.00")


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


def _institucion() -> Institucion | None:
    return Institucion.get_or_none(Institucion.id == 1)


def _titulo(nombre: str, al: dt.date, institucion: Institucion | None = None) -> list[str]:
    institucion = institucion if institucion is not None else _institucion()
    encabezado = institucion.nombre if institucion else "Gobierno Municipal"
    return [nombre, encabezado, f"Al {al:%d/%m/%Y}"]


def _titulo_al_corte(nombre: str, al: dt.date, institucion: Institucion | None) -> list[str]:
    """«… al 31 de diciembre de 2026 (pesos)», la institución y el área que lo elabora."""
    from app.documentos.fechas import fecha_larga

    encabezado = institucion.nombre if institucion else "Gobierno Municipal"
    area = institucion.area if institucion and institucion.area else ""
    return [f"{nombre} al {fecha_larga(al)} (pesos)", encabezado, area]


def fechas_de_baja(hasta: dt.date | None = None) -> dict[int, dt.date]:
    """Fecha en que cada bien quedó dado de baja, según los movimientos de baja **aplicados**.

    La fecha es la del oficio de respuesta de Armonización Contable (o, si faltara, el día en
    que se registró la respuesta). ``hasta``: solo las bajas en o antes de esa fecha.
    """
    from app.modelos.movimientos import APLICADO, BAJA, DetalleMovimiento, Movimiento

    consulta = (Movimiento.select(DetalleMovimiento.bien, Movimiento.respuesta_fecha, Movimiento.resuelto_en)
                .join(DetalleMovimiento, on=(DetalleMovimiento.movimiento == Movimiento.id))
                .where((Movimiento.tipo == BAJA) & (Movimiento.estado == APLICADO)))
    fechas: dict[int, dt.date] = {}
    for bien_id, respuesta, resuelto in consulta.tuples():
        fecha = respuesta or (resuelto.date() if isinstance(resuelto, dt.datetime) else resuelto)
        if fecha is None or (hasta is not None and fecha > hasta):
            continue
        anterior = fechas.get(bien_id)
        fechas[bien_id] = fecha if anterior is None else min(anterior, fecha)
    return fechas


def en_libro_al(estado: str, fecha_adquisicion: dt.date | None, fecha_baja: dt.date | None,
                al: dt.date) -> bool:
    """¿El bien forma parte del inventario en la fecha de corte ``al``?

    No, si se adquirió después del corte o si se dio de baja en o antes de él; un bien dado de
    baja del que no hay movimiento aplicado (no se sabe desde cuándo) tampoco entra.
    """
    if fecha_adquisicion is not None and fecha_adquisicion > al:
        return False
    if fecha_baja is not None:
        return fecha_baja > al
    return estado != DADO_DE_BAJA


def _firmas(institucion: Institucion | None, actor: Usuario | None) -> list[tuple[str, str, str]]:
    """(leyenda, nombre, cargo) de quien elaboró, revisó y autorizó; nombre vacío si no se sabe."""
    elaboro_nombre = elaboro_cargo = ""
    if actor is not None:
        servidor = actor.servidor if actor.servidor_id else None
        elaboro_nombre = servidor.nombre if servidor else actor.nombre
        elaboro_cargo = servidor.cargo if servidor else ""
    titular = institucion.titular_dti if institucion and institucion.titular_dti_id else None
    tesorero = institucion.tesorero if institucion and institucion.tesorero_id else None
    area = institucion.area if institucion and institucion.area else "Dirección de Tecnologías de la Información"
    return [
        ("Elaboró", elaboro_nombre, elaboro_cargo),
        ("Revisó", titular.nombre if titular else "", (titular.cargo if titular and titular.cargo
                                                       else f"Titular de la {area}")),
        ("Autorizó", tesorero.nombre if tesorero else "", (tesorero.cargo if tesorero and tesorero.cargo
                                                           else "Tesorero Municipal")),
    ]


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
    """Escribe el Libro de inventarios, la Relación de bienes y el Inventario completo.

    Devuelve cuántos bienes escribió en la hoja «Inventario completo» (todos los seleccionados).
    ``bienes``: None (todos), una consulta peewee de :class:`Bien` (p. ej. la que filtra la
    vista) o una lista de bienes o de ids. ``progreso(hechos, total)`` se llama cada 1,000
    bienes y al final; si lanza una excepción (el usuario canceló), la exportación se detiene
    y no queda ningún archivo. ``al``: fecha de corte del Libro y de la Relación (qué bienes
    entran y hasta cuándo se deprecian); hoy en México si no se da.
    """
    from app.documentos.excel_inventario import LibroExcel
    from app.tiempo import hoy_mexico

    permisos.exigir(actor, permisos.EXPORTAR)
    al = al or hoy_mexico()
    if isinstance(al, dt.datetime):
        al = al.date()
    consulta, conservar = _consulta(bienes)
    total = (len(conservar) if conservar is not None else consulta.count()) if progreso else 0
    institucion = _institucion()
    bajas = fechas_de_baja()
    firmas = _firmas(institucion, actor)

    def escribir(destino: Path) -> int:
        hechos = 0
        with LibroExcel(destino) as libro:
            conac = libro.hoja(HOJA_LIBRO, columnas(_COLUMNAS_CONAC),
                               _titulo_al_corte(TITULO_LIBRO, al, institucion))
            relacion = libro.hoja(HOJA_RELACION, columnas(_COLUMNAS_RELACION),
                                  _titulo_al_corte(TITULO_RELACION, al, institucion))
            completo = libro.hoja(HOJA_COMPLETO, columnas(_COLUMNAS_LIBRO),
                                  _titulo(TITULO_COMPLETO, hoy_mexico(), institucion))
            fila_conac, fila_relacion, fila_completo = conac.fila, relacion.fila, completo.fila
            estados = ESTADOS_BIEN
            cuenta_actual: str | None = None
            subtotal = [_CERO, _CERO, _CERO]         # adquisición, depreciación, en libros
            general = [_CERO, _CERO, _CERO]
            depreciados: dict[tuple, tuple[Decimal, Decimal, Decimal]] = {}
            for fila in consulta.tuples().iterator():
                (numero, descripcion, marca, modelo, serie, cuenta, fecha, valor, resguardante,
                 dependencia, uuid, estado, tipo, color, fabricacion, edificio, area, rfc,
                 proveedor, no_ident, hardware, software, observaciones, vida, id_) = fila
                if conservar is not None and id_ not in conservar:
                    continue
                fila_completo((numero, descripcion, marca, modelo, serie, cuenta, fecha, valor,
                               resguardante, dependencia, uuid, estados.get(estado, estado), tipo,
                               color, fabricacion, edificio, area, rfc, proveedor, no_ident,
                               hardware, software, observaciones))
                hechos += 1
                if en_libro_al(estado, fecha, bajas.get(id_), al):
                    if cuenta != cuenta_actual:
                        if cuenta_actual is not None:
                            _subtotales(conac, relacion, cuenta_actual, subtotal)
                        cuenta_actual, subtotal = cuenta, [_CERO, _CERO, _CERO]
                    llave = (valor, fecha, vida)
                    importes = depreciados.get(llave)
                    if importes is None:
                        importes = depreciados[llave] = _importes(valor, fecha, vida, al)
                    original, depreciacion, libros = importes
                    fila_conac((numero, descripcion, cuenta, fecha, original, depreciacion, libros))
                    fila_relacion((numero, descripcion, cuenta, libros))
                    for suma in (subtotal, general):
                        suma[0] += original
                        suma[1] += depreciacion
                        suma[2] += libros
                if progreso and hechos % 1000 == 0:
                    progreso(hechos, total)
            if cuenta_actual is not None:
                _subtotales(conac, relacion, cuenta_actual, subtotal)
            conac.fila_total(("Total general", None, None, None, *general))
            relacion.fila_total(("Total general", None, None, general[2]))
            conac.firmas(firmas)
            relacion.firmas(firmas)
        if progreso:
            progreso(hechos, total or hechos)
        return hechos

    return _guardar_seguro(ruta, escribir)


def _importes(valor: Decimal | None, fecha: dt.date | None, vida: int | None,
              al: dt.date) -> tuple[Decimal, Decimal, Decimal]:
    """(valor de adquisición, depreciación acumulada, valor en libros) al corte, en centavos."""
    original = Decimal(valor if valor is not None else 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    libros = valor_en_libros(original, fecha, vida, al)
    return original, original - libros, libros


def _subtotales(conac, relacion, cuenta: str, suma: list[Decimal]) -> None:
    nombre = NOMBRES_CUENTA.get(cuenta, "")
    conac.fila_total((f"Total {cuenta}", nombre, cuenta, None, *suma))
    relacion.fila_total((f"Total {cuenta}", nombre, cuenta, suma[2]))


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
