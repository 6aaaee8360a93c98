"""Procedimiento 1 por sus servicios: cada decisión del manual y cada política con su rechazo."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import io
import pytest

from app.demo.adquisiciones import cfdi_demo, pdf_demo
from app.errores import ErrorPermiso, ErrorTransicion, ErrorValidacion
from app.modelos import Bien, Oficio, Proveedor, Tramite
from app.modelos.adquisiciones import (CONTRATADA, EN_COMPRA, EN_CORRECCION, NO_VIABLE, PAGADA, PAGO_EN_TRAMITE,
                                       PAGO_SOLICITADO, RECIBIDA, Adquisicion, RecepcionAdquisicion)
from app.servicios.adquisiciones import adquisiciones, alta_inventario, consultas, pagos, recepcion
from app.servicios.nucleo import bitacora
from app.servicios.oficios import oficios
from app.tiempo import hoy_mexico
from tests.conftest import usuario

CFDI = Path(__file__).resolve().parents[2] / "datos" / "cfdi"


def _oficio(numero: str = "SOP/0999/2026") -> Oficio:
    return oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio=numero, fecha_documento=hoy_mexico(),
        procedencia=None, procedencia_texto="Secretaría de Obras Públicas", solicitante_nombre="Ing. Raúl Ortega",
        solicitante_cargo="Secretario de Obras Públicas", firmado=True,
        descripcion="Solicita dos computadoras para el área de proyectos.")


def _contratada(proveedor: Proveedor | None = None, entrega: dt.date | None = None) -> Adquisicion:
    director = usuario("director")
    a = adquisiciones.registrar(director, descripcion="Dos computadoras de escritorio", oficio=_oficio())
    adquisiciones.evaluar(director, a, viable=True, justificacion="Los equipos actuales tienen 9 años.",
                          costo_estimado="$30,000.00")
    proveedor = proveedor or Proveedor.get(Proveedor.rfc == "CTP090512AB3")
    hoy = hoy_mexico()
    adquisiciones.contratar(director, a, proveedor=proveedor.rfc, numero_contrato="DTI/OC/099/2026",
                            fecha_contrato=hoy - dt.timedelta(days=10),
                            fecha_entrega_pactada=entrega or hoy - dt.timedelta(days=3),
                            partidas=[{"descripcion": "Computadora de escritorio", "cantidad": 2,
                                       "precio_unitario": Decimal("14500.50"), "marca": "Lenovo",
                                       "modelo": "ThinkCentre M70s"}])
    return Adquisicion.get_by_id(a.id)


def _revision(a: Adquisicion, recibidas: int, conforme: bool, observacion: str = "", series=()):
    (partida,) = list(a.partidas)
    return [{"partida": partida.id, "cantidad_recibida": recibidas, "conforme": conforme,
             "observacion": observacion, "series": list(series)}]


def _xml(a: Adquisicion, total_pieza: str = "14500.50") -> bytes:
    return cfdi_demo(a.proveedor, [("Computadora Lenovo ThinkCentre M70s", 2, Decimal(total_pieza))],
                     hoy_mexico(), f"prueba-{a.id}-{total_pieza}")


def test_recorrido_completo_con_correccion_cfdi_pago_y_alta(demo_sqlite):
    director = usuario("director")
    a = _contratada()
    assert a.estado == CONTRATADA and a.importe == Decimal("29001.00")
    assert Tramite.get_by_id(a.expediente_id).paso_actual == "4"
    # Primera entrega: tardía y no conforme → oficio de corrección al proveedor; el trámite vuelve a 4.
    primera = recepcion.recibir(director, a, fecha_recepcion=hoy_mexico(), revisiones=_revision(
        a, 1, False, "Llegó un solo equipo, sin teclado."))
    a = Adquisicion.get_by_id(a.id)
    assert a.estado == EN_CORRECCION and not primera.conforme and primera.tardia
    correccion = Oficio.get_by_id(primera.oficio_correccion_id)
    assert "llegaron 1 de 2" in correccion.cuerpo and "Computación y Tecnología de Puebla" in correccion.cuerpo
    assert "${" not in correccion.cuerpo and correccion.folio
    assert Tramite.get_by_id(a.expediente_id).paso_actual == "4"
    # El pago antes de la recepción conforme se rehúsa con su razón.
    with pytest.raises(ErrorTransicion, match="recibe conforme"):
        pagos.solicitar_pago(director, a)
    recepcion.recibir(director, a, fecha_recepcion=hoy_mexico(),
                      revisiones=_revision(a, 2, True, series=["MJ0ABC12", "MJ0ABC13"]))
    a = Adquisicion.get_by_id(a.id)
    assert a.estado == RECIBIDA and Tramite.get_by_id(a.expediente_id).paso_actual == "5"
    pagos.registrar_cfdi(director, a, xml=_xml(a), pdf=pdf_demo("CFDI"))
    a = Adquisicion.get_by_id(a.id)
    assert a.cfdi_total == a.importe
    pagos.solicitar_pago(director, a)
    a = Adquisicion.get_by_id(a.id)
    assert a.estado == PAGO_SOLICITADO
    oficio_pago = Oficio.get_by_id(a.oficio_pago_id)
    assert a.cfdi_uuid in oficio_pago.cuerpo and "$29,001.00" in oficio_pago.cuerpo
    assert oficio_pago.destinatario_dependencia == "Dirección de Egresos"
    with pytest.raises(ErrorTransicion, match="en trámite"):
        pagos.marcar_pagado(director, a, fecha_pago=hoy_mexico(), referencia="SPEI 1")
    pagos.marcar_en_tramite(director, a)
    with pytest.raises(ErrorValidacion, match="Referencia"):
        pagos.marcar_pagado(director, Adquisicion.get_by_id(a.id), fecha_pago=hoy_mexico(), referencia="  ")
    pagos.marcar_pagado(director, Adquisicion.get_by_id(a.id), fecha_pago=hoy_mexico(), referencia="SPEI 0026-5")
    a = Adquisicion.get_by_id(a.id)
    assert a.estado == PAGADA and Tramite.get_by_id(a.expediente_id).estado == "concluido"
    # Lo recibido pasa al inventario sin capturarlo otra vez (marca, modelo, serie, costo y factura).
    bienes = alta_inventario.dar_de_alta(director, a, a.oficio.procedencia or _resguardante())
    assert [b.serie for b in bienes] == ["MJ0ABC12", "MJ0ABC13"]
    assert {b.marca for b in bienes} == {"Lenovo"} and {b.modelo for b in bienes} == {"ThinkCentre M70s"}
    assert sum((b.valor for b in bienes), Decimal("0")) == Decimal("29001.00")
    assert all(b.factura.uuid == a.cfdi_uuid for b in Bien.select().where(Bien.id.in_([b.id for b in bienes])))
    # El historial del proveedor muestra la entrega tardía y la rechazada.
    historial = consultas.historial_proveedor(a.proveedor)
    assert historial["rechazadas"] >= 1 and historial["tardias"] >= 1
    assert bitacora.verificar() == []


def _resguardante():
    from app.modelos import ServidorPublico

    return ServidorPublico.get(ServidorPublico.nombre == "Sofía Navarro Peña")


def test_no_viable_sin_alternativa_se_rehusa_y_no_escribe(demo_sqlite):
    director = usuario("director")
    a = adquisiciones.registrar(director, descripcion="Pantalla de 85 pulgadas", oficio=_oficio("X/1/2026"))
    antes = Oficio.select().count()
    with pytest.raises(ErrorValidacion, match="solución alternativa"):
        adquisiciones.evaluar(director, a, viable=False, justificacion="Sin presupuesto.",
                              motivo_no_viable="No hay partida.")
    assert Oficio.select().count() == antes and Adquisicion.get_by_id(a.id).estado == "solicitada"
    adquisiciones.evaluar(director, a, viable=False, justificacion="Sin presupuesto.", motivo_no_viable="No hay "
                          "partida.", solucion_alternativa="Usar el proyector de la sala de Cabildo.")
    a = Adquisicion.get_by_id(a.id)
    assert a.estado == NO_VIABLE and Tramite.get_by_id(a.expediente_id).estado == "concluido"
    oficio = Oficio.get_by_id(a.oficio_alternativa_id)
    assert "proyector de la sala de Cabildo" in oficio.cuerpo and oficio.destinatario_nombre == "Ing. Raúl Ortega"


def test_solicitud_sin_oficio_y_proveedor_fuera_del_catalogo(demo_sqlite):
    director = usuario("director")
    with pytest.raises(ErrorValidacion, match="oficio"):
        adquisiciones.registrar(director, descripcion="Algo")
    a = adquisiciones.registrar(director, descripcion="Cable UTP", oficio=_oficio("X/2/2026"))
    adquisiciones.evaluar(director, a, viable=True, justificacion="Necesario.")
    a = Adquisicion.get_by_id(a.id)
    assert a.estado == EN_COMPRA
    for partidas, razon in (([{"descripcion": "Bobina", "cantidad": 1, "precio_unitario": "NaN"}], "importe"),
                            ([{"descripcion": "Bobina", "cantidad": 1, "precio_unitario": 1.5}], "exacto"),
                            ([{"descripcion": "=HYPERLINK(1)", "cantidad": True, "precio_unitario": "1"}], "entero"),
                            ([], "al menos una")):
        with pytest.raises(ErrorValidacion, match=razon):
            adquisiciones.contratar(director, a, proveedor="CTP090512AB3", partidas=partidas,
                                    fecha_entrega_pactada=hoy_mexico())
    with pytest.raises(ErrorValidacion, match="no está en el catálogo"):
        adquisiciones.contratar(director, a, proveedor="XAXX010101000", fecha_entrega_pactada=hoy_mexico(),
                                partidas=[{"descripcion": "Bobina", "cantidad": 1, "precio_unitario": "2300"}])
    assert Adquisicion.get_by_id(a.id).estado == EN_COMPRA and not list(a.partidas)


def test_recepcion_partida_por_partida_y_cfdi_que_no_cuadra(demo_sqlite):
    director = usuario("director")
    a = _contratada(entrega=hoy_mexico())
    with pytest.raises(ErrorValidacion, match="llegaron 1 de 2"):
        recepcion.recibir(director, a, fecha_recepcion=hoy_mexico(), revisiones=_revision(a, 1, True))
    with pytest.raises(ErrorValidacion, match="falta revisarla"):
        recepcion.recibir(director, a, fecha_recepcion=hoy_mexico(), revisiones=[])
    with pytest.raises(ErrorValidacion, match="no puede ser posterior"):
        recepcion.recibir(director, a, fecha_recepcion=hoy_mexico() + dt.timedelta(days=1),
                          revisiones=_revision(a, 2, True))
    assert not RecepcionAdquisicion.select().where(RecepcionAdquisicion.adquisicion == a).exists()
    recibida = recepcion.recibir(director, a, fecha_recepcion=hoy_mexico(), revisiones=_revision(a, 2, True))
    assert recibida.conforme and not recibida.tardia
    a = Adquisicion.get_by_id(a.id)
    distinto = _xml(a, "14600.00")
    with pytest.raises(ErrorValidacion, match="no coincide con el contrato"):
        pagos.registrar_cfdi(director, a, xml=distinto, pdf=pdf_demo("CFDI"))
    pagos.registrar_cfdi(director, a, xml=distinto, pdf=pdf_demo("CFDI"),
                         explicacion_diferencia="El proveedor incluyó el flete acordado por escrito.")
    a = Adquisicion.get_by_id(a.id)
    assert pagos.diferencia(a) == Decimal("199.00")
    with pytest.raises(ErrorValidacion, match="no el proveedor contratado"):
        pagos.registrar_cfdi(director, a, xml=(CFDI / "cfdi40-valid.xml").read_bytes(), pdf=pdf_demo("x"))
    with pytest.raises(ErrorValidacion):
        pagos.registrar_cfdi(director, a, xml=(CFDI / "cfdi32-dirty-addenda.xml").read_bytes(), pdf=pdf_demo("x"))
    with pytest.raises(ErrorValidacion, match="PDF"):
        pagos.registrar_cfdi(director, a, xml=distinto, pdf=b"%PDF-1.4 falso",
                             explicacion_diferencia="flete")
    pagos.solicitar_pago(director, a)
    oficio = Oficio.get_by_id(Adquisicion.get_by_id(a.id).oficio_pago_id)
    assert "flete acordado" in oficio.cuerpo


def test_permisos_y_lista_en_excel(demo_sqlite):
    with pytest.raises(ErrorPermiso):
        adquisiciones.registrar(usuario("consulta"), descripcion="x", oficio=_oficio("X/3/2026"))
    filas = consultas.lista()
    assert {f["estado"] for f in filas} >= {NO_VIABLE, PAGADA, PAGO_EN_TRAMITE, CONTRATADA}
    impresoras = next(f for f in filas if "impresoras" in f["descripcion"])
    assert impresoras["tardias"] == 2 and impresoras["rechazadas"] == 1   # las dos entregas, tarde
    libro = openpyxl.load_workbook(io.BytesIO(consultas.exportar_excel(filas)))
    hoja = libro.active
    encabezados = [c.value for c in hoja[1]]
    fila = next(r for r in hoja.iter_rows(min_row=2) if "impresoras" in str(r[3].value))
    assert isinstance(fila[encabezados.index("Registrada")].value, dt.datetime)
    assert fila[encabezados.index("Importe contratado")].value == 18450


def test_licencias_crea_la_adquisicion_con_su_servicio(demo_sqlite):
    a = Adquisicion.get(Adquisicion.solicitud_software.is_null(False))
    assert a.origen == "software" and "Licencia de" in a.descripcion
    assert a.solicitud_software.tramite_id == a.expediente_id
    assert Tramite.get_by_id(a.expediente_id).modulo == "adquisiciones"
