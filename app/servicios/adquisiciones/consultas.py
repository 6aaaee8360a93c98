"""Listas y detalles de adquisiciones, el historial de un proveedor y el Excel de la lista."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from app.modelos import Dependencia, Oficio, Proveedor
from app.modelos.adquisiciones import (ESTADOS, ORIGENES, Adquisicion, PartidaAdquisicion, RecepcionAdquisicion,
                                       RevisionPartida)
from app.servicios.adquisiciones import expedientes
from app.servicios.nucleo import busqueda_indexada

COLUMNAS_EXCEL: tuple[tuple[str, str, int], ...] = (
    ("numero", "Trámite", 18), ("creado_en", "Registrada", 17), ("dependencia", "Dependencia", 32),
    ("descripcion", "Bien o servicio", 48), ("proveedor", "Proveedor", 36), ("rfc", "RFC", 15),
    ("importe", "Importe contratado", 16), ("cfdi_total", "Total del CFDI", 16),
    ("fecha_entrega_pactada", "Entrega pactada", 14), ("estado_texto", "Estado", 22),
    ("entregas", "Entregas", 10), ("tardias", "Tardías", 10), ("rechazadas", "Rechazadas", 11),
    ("pago_fecha", "Fecha de pago", 14), ("pago_referencia", "Referencia del pago", 22),
)


def _conteos(ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """Por adquisición: (entregas, tardías, rechazadas)."""
    if not ids:
        return {}
    filas = (RecepcionAdquisicion.select(RecepcionAdquisicion.adquisicion, fn.COUNT(RecepcionAdquisicion.id),
                                         fn.SUM(RecepcionAdquisicion.tardia.cast("integer")),
                                         fn.SUM((~RecepcionAdquisicion.conforme).cast("integer")))
             .where(RecepcionAdquisicion.adquisicion.in_(ids)).group_by(RecepcionAdquisicion.adquisicion).tuples())
    return {a: (int(n or 0), int(t or 0), int(r or 0)) for a, n, t, r in filas}


def lista(busqueda: str = "", estado: str | None = None, proveedor_id: int | None = None,
          limite: int = 2000) -> list[dict[str, Any]]:
    """Filas para la tabla de la pestaña (la más reciente primero)."""
    consulta = (Adquisicion.select(Adquisicion.id, Adquisicion.creado_en, Adquisicion.descripcion, Adquisicion.estado,
                                   Adquisicion.importe, Adquisicion.cfdi_total, Adquisicion.fecha_entrega_pactada,
                                   Adquisicion.pago_fecha, Adquisicion.pago_referencia, Adquisicion.origen,
                                   Adquisicion.version, Adquisicion.expediente.alias("expediente_id"),
                                   Dependencia.nombre.alias("dependencia"), Proveedor.razon_social.alias("proveedor"),
                                   Proveedor.rfc.alias("rfc"), Oficio.numero_oficio.alias("oficio"))
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Adquisicion.dependencia == Dependencia.id)).switch(Adquisicion)
                .join(Proveedor, JOIN.LEFT_OUTER, on=(Adquisicion.proveedor == Proveedor.id)).switch(Adquisicion)
                .join(Oficio, JOIN.LEFT_OUTER, on=(Adquisicion.oficio == Oficio.id)))
    if estado:
        consulta = consulta.where(Adquisicion.estado == estado)
    if proveedor_id:
        consulta = consulta.where(Adquisicion.proveedor == proveedor_id)
    if busqueda:
        consulta = busqueda_indexada.donde(consulta, Adquisicion, busqueda, por_palabras=False)
    filas = list(consulta.order_by(Adquisicion.id.desc()).limit(limite).dicts())
    textos = expedientes.textos_expedientes([f["expediente_id"] for f in filas])
    conteos = _conteos([f["id"] for f in filas])
    for fila in filas:
        fila["numero"] = (textos.get(fila["expediente_id"], "") or "").split(" · ")[0]
        fila["expediente"] = textos.get(fila["expediente_id"], "(sin trámite)")
        fila["estado_texto"] = ESTADOS.get(fila["estado"], fila["estado"])
        fila["origen_texto"] = ORIGENES.get(fila["origen"], fila["origen"])
        fila["entregas"], fila["tardias"], fila["rechazadas"] = conteos.get(fila["id"], (0, 0, 0))
        fila["dependencia"] = fila["dependencia"] or ""
        fila["proveedor"] = fila["proveedor"] or ""
        fila["rfc"] = fila["rfc"] or ""
    return filas


def partidas(adquisicion: Adquisicion) -> list[dict[str, Any]]:
    return [{"id": p.id, "numero": p.numero, "descripcion": p.descripcion, "cantidad": p.cantidad,
             "precio_unitario": p.precio_unitario, "importe": p.precio_unitario * p.cantidad, "marca": p.marca,
             "modelo": p.modelo, "es_bien": p.es_bien}
            for p in PartidaAdquisicion.select().where(PartidaAdquisicion.adquisicion == adquisicion)
            .order_by(PartidaAdquisicion.numero)]


def recepciones(adquisicion: Adquisicion) -> list[dict[str, Any]]:
    """Cada entrega revisada, con la revisión de sus partidas y el oficio de corrección si lo hubo."""
    filas = []
    for r in (RecepcionAdquisicion.select().where(RecepcionAdquisicion.adquisicion == adquisicion)
              .order_by(RecepcionAdquisicion.numero)):
        revisiones = [{"partida": rv.partida.numero, "descripcion": rv.partida.descripcion,
                       "cantidad": rv.partida.cantidad, "recibida": rv.cantidad_recibida, "conforme": rv.conforme,
                       "observacion": rv.observacion, "series": [s for s in rv.series.splitlines() if s]}
                      for rv in RevisionPartida.select().where(RevisionPartida.recepcion == r).order_by(RevisionPartida.id)]
        filas.append({"numero": r.numero, "fecha": r.fecha, "conforme": r.conforme, "tardia": r.tardia,
                      "observaciones": r.observaciones, "incumplimientos": r.incumplimientos,
                      "oficio_correccion": r.oficio_correccion.folio if r.oficio_correccion_id else "",
                      "revisiones": revisiones})
    return filas


def historial_proveedor(proveedor: Proveedor) -> dict[str, Any]:
    """Las entregas de un proveedor: cuántas, cuáles tardías y cuáles rechazadas (no conformes)."""
    entregas = []
    for r in (RecepcionAdquisicion.select(RecepcionAdquisicion, Adquisicion)
              .join(Adquisicion).where(Adquisicion.proveedor == proveedor)
              .order_by(RecepcionAdquisicion.fecha.desc(), RecepcionAdquisicion.id.desc())):
        a = r.adquisicion
        entregas.append({"adquisicion_id": a.id, "tramite": expedientes.texto_expediente(a.expediente_id).split(" · ")[0],
                         "descripcion": a.descripcion, "fecha": r.fecha, "pactada": a.fecha_entrega_pactada,
                         "dias_retraso": (r.fecha - a.fecha_entrega_pactada).days if r.tardia else 0,
                         "tardia": r.tardia, "rechazada": not r.conforme, "incumplimientos": r.incumplimientos})
    contratado = (Adquisicion.select(fn.SUM(Adquisicion.importe)).where(Adquisicion.proveedor == proveedor).scalar())
    return {"proveedor": proveedor, "entregas": entregas, "total": len(entregas),
            "tardias": sum(1 for e in entregas if e["tardia"]),
            "rechazadas": sum(1 for e in entregas if e["rechazada"]),
            "adquisiciones": Adquisicion.select().where(Adquisicion.proveedor == proveedor).count(),
            "contratado": Decimal(contratado or 0)}


def exportar_excel(filas: list[dict[str, Any]]) -> bytes:
    """La lista mostrada como XLSX: fechas y montos con su tipo real, el texto nunca como fórmula."""
    from app.documentos.hoja_listado import libro_listado

    def valor(fila: dict[str, Any], clave: str) -> Any:
        dato = fila.get(clave)
        if isinstance(dato, dt.datetime):
            return dato.replace(microsecond=0)
        return "" if dato is None else dato

    return libro_listado("Adquisiciones", [c[1] for c in COLUMNAS_EXCEL],
                         ([valor(f, c[0]) for c in COLUMNAS_EXCEL] for f in filas), [c[2] for c in COLUMNAS_EXCEL])
