"""La demostración del procedimiento 20: política con historial, una excepción vigente, una vencida y una negada."""
from __future__ import annotations

from app.modelos import Oficio, Tramite
from app.servicios.internet import politicas, solicitudes
from app.servicios.nucleo import bitacora


def test_la_demo_trae_el_procedimiento_completo(demo_sqlite):
    assert [p.numero for p in politicas.historial()] == [2, 1]
    assert "Descargas P2P" in politicas.categorias_de(politicas.vigente())
    assert "Descargas P2P" not in politicas.categorias_de(politicas.historial()[1])
    filas = {f["sitio"]: f for f in solicitudes.consultar()}
    assert filas["facebook.com"]["dependencia"] == "Dirección de Comunicación Social"
    assert filas["facebook.com"]["vigente"] and filas["facebook.com"]["vence"] is not None
    assert filas["youtube.com"]["vencida"] and filas["youtube.com"]["situacion"].startswith("Vencida el ")
    assert filas["caliente.mx"]["estado"] == solicitudes.NEGADA and filas["caliente.mx"]["categoria"] == "Apuestas"
    assert filas["vimeo.com"]["estado"] == solicitudes.RECIBIDA
    assert Tramite.get_by_id(filas["vimeo.com"]["expediente_id"]).paso_actual == "4"
    negada = Oficio.get(Oficio.folio == filas["caliente.mx"]["respuesta"])
    assert negada.plantilla == "tramite_sitio_no_liberado" and "${" not in negada.cuerpo
    assert solicitudes.excepciones()[0]["sitio"] == "youtube.com"      # la vencida resalta primero
    assert solicitudes.lista_excepciones(None) == b"facebook.com\ninstagram.com\n"
    assert bitacora.verificar() == []
