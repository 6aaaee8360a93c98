"""Tablero de la mesa de ayuda: cifras en SQL, Excel con valores reales e informe mensual en PDF."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pypdfium2 as pdfium
import pytest

from app.modelos import Ticket
from app.servicios.nucleo import bitacora
from app.demo import mesa_ayuda as demo_mesa_ayuda
from app.servicios.mesa_ayuda import sla, tickets
from app.servicios.tablero import tablero
from app.errores import ErrorPermiso
from tests.conftest import usuario
from tests.servicios.mesa_ayuda import test_tickets
from tests.servicios.mesa_ayuda.test_tickets import _bien, _ticket

demo = test_tickets.demo     # la fixture con catálogos y sin los tickets de demostración


def _texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


@pytest.fixture
def escenario(demo, monkeypatch):
    """Noviembre 2026: 3 tickets atendidos (uno tarde), uno resuelto fuera de meta, uno abierto; octubre: 1."""
    soporte = usuario("soporte")
    bien = _bien("SMT-TIC-00777", marca="Dell")
    monkeypatch.setenv("DTI_AHORA", "2026-10-20T09:00:00")
    _ticket(numero_inventario=bien.numero_inventario)
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T08:00:00")
    a = _ticket(numero_inventario=bien.numero_inventario, prioridad=sla.MEDIA)       # respuesta 4 h
    b = _ticket(dependencia="Registro Civil", prioridad=sla.URGENTE, modalidad="presencial")  # respuesta 1 h
    c = _ticket(dependencia="Registro Civil", prioridad=sla.BAJA)
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T09:00:00")
    tickets.atender(soporte, a)                     # 1 h: a tiempo
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T10:00:00")
    tickets.atender(soporte, b)                     # 2 h: tarde (meta 1 h)
    monkeypatch.setenv("DTI_AHORA", "2026-11-25T12:00:00")
    tickets.resolver(soporte, a, "Se reinstaló el sistema operativo.")   # 12 h: a tiempo (meta 24 h)
    tickets.cerrar(soporte, a)
    monkeypatch.setenv("DTI_AHORA", "2026-11-26T10:00:00")
    return {"a": a, "b": b, "c": c, "bien": bien}


def test_cifras_del_tablero(escenario):
    assert tablero.abiertos_por_estado().filas == [("Nuevo", 2), ("En atención", 1),
                                                   ("Escalado a proveedor", 0)]
    assert tablero.abiertos_por_dependencia().filas == [("Registro Civil", 2), ("Dirección de Egresos", 1)]
    noviembre = tablero.Periodo.mes(2026, 11)
    tiempos = tablero.tiempos_promedio(noviembre).filas
    assert tiempos == [("Primera respuesta", 1.5, 2), ("Solución", 12.0, 1)]
    cumplimiento = tablero.cumplimiento_sla(noviembre).filas
    # Respuesta: a y b respondidos (1 a tiempo) + c sin responder con meta de 8 h ya vencida.
    assert cumplimiento[0] == ("Respuesta", 1, 3, round(1 / 3, 4))
    assert cumplimiento[1][1] == 1
    por_mes = tablero.tickets_por_mes(2026).filas
    assert por_mes[9] == (dt.date(2026, 10, 1), 1, 0) and por_mes[10] == (dt.date(2026, 11, 1), 3, 1)
    equipos = tablero.equipos_con_mas_incidencias(tablero.Periodo.anio(2026)).filas
    assert equipos[0][0] == "SMT-TIC-00777" and equipos[0][-1] == 2


def test_excel_con_numeros_y_fechas_reales_y_sin_formulas(escenario, tmp_path):
    _ticket(solicitante_nombre="=HYPERLINK(\"http://malo\")", dependencia="Registro Civil")
    cifras = tablero.todas(2026, 11)
    cifras.append(tablero.Cifra("prueba", "Texto hostil", ["Solicitante", "Tickets"],
                                [("=HYPERLINK(\"http://malo\")\x0b", 1), ("+1+1", 2), ("@SUM(1,1)", 3)],
                                ["texto", "entero"]))
    ruta = tmp_path / "tablero.xlsx"
    tablero.exportar_excel(usuario("soporte"), cifras, ruta)
    libro = openpyxl.load_workbook(ruta)
    meses = libro["Tickets por mes (2026)"]
    assert meses["A3"].value == dt.datetime(2026, 1, 1) and meses["A3"].is_date
    assert meses["B13"].value == 4 and isinstance(meses["B13"].value, int)
    sla_hoja = [h for h in libro.sheetnames if h.startswith("Cumplimiento")][0]
    celda = libro[sla_hoja]["D3"]
    assert isinstance(celda.value, float) and celda.number_format == "0.0%"
    hostil = libro["Texto hostil"]
    assert hostil["A3"].value == "=HYPERLINK(\"http://malo\")" and hostil["A3"].data_type == "s"
    assert hostil["A4"].data_type == "s" and hostil["A5"].value == "@SUM(1,1)"
    with pytest.raises(ErrorPermiso):
        tablero.exportar_excel(usuario("consulta"), cifras, tmp_path / "no.xlsx")
    assert not (tmp_path / "no.xlsx").exists()


def test_informe_mensual_pdf_para_tesoreria(escenario):
    contenido = tablero.pdf_informe_mensual(usuario("director"), 2026, 11)
    texto = _texto_pdf(contenido)
    assert "Informe mensual de actividades de la mesa de ayuda" in texto
    assert "noviembre de 2026" in texto
    assert "José Javier Gregorio Pérez Hernández" in texto          # el Tesorero, destinatario
    assert "Miguel Ángel Mendoza López" in texto                    # el titular de la DTI firma
    assert "se recibieron 3 solicitudes" in " ".join(texto.split())
    assert "SMT-TIC-00777" in texto
    assert "Página 1 de" in texto
    with pytest.raises(ErrorPermiso):
        tablero.pdf_informe_mensual(usuario("consulta"), 2026, 11)


def test_informe_escapa_el_marcado(demo, monkeypatch):
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T09:00:00")
    bien = _bien("SMT-<b>TIC</b>&01")
    _ticket(numero_inventario=bien.numero_inventario)
    texto = _texto_pdf(tablero.pdf_informe_mensual(usuario("director"), 2026, 11))
    assert "SMT-<b>TIC</b>&01" in texto


def test_demo_y_carga_masiva(bd):
    from app.demo import carga as servicio_demo

    servicio_demo.cargar_demo()
    creados = Ticket.select().count()
    assert 35 <= creados <= 50
    assert {t.estado for t in Ticket.select()} == set(tickets.ESTADOS)
    assert bitacora.verificar() == []
    assert demo_mesa_ayuda.cargar_demo() == 0          # no duplica
    assert demo_mesa_ayuda.cargar_tickets_masivos(2500, lote=1000) == 2500
    assert Ticket.select().count() == creados + 2500
    folios = [f for (f,) in Ticket.select(Ticket.folio).tuples()]
    assert len(folios) == len(set(folios))
    # El contador quedó al día: el siguiente ticket no repite folio.
    nuevo = _ticket()
    assert Ticket.select().where(Ticket.folio == nuevo.folio).count() == 1
    assert len(tickets.listar(limite=300)) == 300
    assert bitacora.verificar() == []
    # Cada ticket masivo lleva su trámite del procedimiento 6, con sus pasos (issue 14).
    from app.modelos import PasoTramite, Tramite
    from app.servicios.expedientes import vincular

    assert vincular.pendientes() == 0
    cerrado = Ticket.select().where(Ticket.estado == tickets.CERRADO).order_by(Ticket.id.desc()).first()
    tramite = Tramite.get_by_id(cerrado.expediente_id)
    assert tramite.procedimiento == 6 and tramite.estado == "concluido" and tramite.concluido_en == cerrado.cerrado_en
    recorrido = [(p.paso, p.opcion) for p in PasoTramite.select().where(PasoTramite.tramite == tramite)
                 .order_by(PasoTramite.id)]
    assert recorrido == [("1", ""), ("2", ""), ("3", "No"), ("3.1", ""), ("5", "")]
