"""La pestaña Adquisiciones sobre la demostración: tabla, filtro, detalle, acciones y expediente."""
from __future__ import annotations

from decimal import Decimal

from app.modelos.adquisiciones import Adquisicion, PAGO_EN_TRAMITE
from app.vistas.adquisiciones.adquisiciones import VistaAdquisiciones
from tests.conftest import usuario


def test_tabla_filtra_y_muestra_el_detalle(qtbot, demo_sqlite):
    vista = VistaAdquisiciones(usuario("director"))
    qtbot.addWidget(vista)
    assert vista.tabla.modelo.rowCount() >= 5
    vista.tabla.busqueda.setText("impresoras")
    vista.refrescar()
    assert vista.tabla.modelo.rowCount() == 1
    a = Adquisicion.get(Adquisicion.estado == PAGO_EN_TRAMITE)
    vista.mostrar_expediente(a.expediente_id)
    assert vista.adquisicion is not None and vista.adquisicion.id == a.id
    assert "Soluciones Integrales" in vista.campos["proveedor"].text()
    assert "no conforme" in vista.campos["recepciones"].text() and "tardía" in vista.campos["recepciones"].text()
    assert vista.boton_pagado.isEnabled() and not vista.boton_evaluar.isEnabled()


def test_consulta_no_puede_registrar_ni_pagar(qtbot, demo_sqlite):
    vista = VistaAdquisiciones(usuario("consulta"))
    qtbot.addWidget(vista)
    assert not vista.boton_nueva.isEnabled()
    a = Adquisicion.get(Adquisicion.estado == PAGO_EN_TRAMITE)
    vista.mostrar_expediente(a.expediente_id)
    assert not vista.boton_pagado.isEnabled()


def test_compra_y_recepcion_desde_los_dialogos(qtbot, demo_sqlite, monkeypatch):
    from PySide6.QtWidgets import QTableWidgetItem

    from app.modelos.adquisiciones import CONTRATADA, EN_COMPRA, EN_CORRECCION
    from app.servicios.adquisiciones import adquisiciones
    from app.vistas.adquisiciones import dialogos

    director = usuario("director")
    a = Adquisicion.get(Adquisicion.estado == "solicitada")
    adquisiciones.evaluar(director, a, viable=True, justificacion="Se necesita.")
    a = Adquisicion.get_by_id(a.id)
    assert a.estado == EN_COMPRA
    compra = dialogos.DialogoCompra(director, a)
    qtbot.addWidget(compra)
    for columna, valor in enumerate(("Lector de código de barras", "2", "1,250.00", "Zebra", "DS2208", "Sí")):
        compra.partidas.setItem(0, columna, QTableWidgetItem(valor))
    assert "$2,500.00" in compra.total.text()
    compra._aceptar()
    a = Adquisicion.get_by_id(a.id)
    assert a.estado == CONTRATADA and a.importe == Decimal("2500.00")
    monkeypatch.setattr(dialogos, "confirmar", lambda *_a: True)
    recibida = dialogos.DialogoRecepcion(director, a)
    qtbot.addWidget(recibida)
    recibida.tabla.setItem(0, 2, QTableWidgetItem("1"))
    recibida.cumple[0].setChecked(False)
    recibida.tabla.setItem(0, 4, QTableWidgetItem("Falta un lector."))
    recibida._aceptar()
    assert Adquisicion.get_by_id(a.id).estado == EN_CORRECCION
