"""Recuperación (3.1) y entrega en dispositivo (4) con acuse: el caso recorre el procedimiento hasta concluir."""
from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from app.errores import ErrorValidacion
from app.modelos import EntregaRespaldo, PasoTramite, RecuperacionInformacion, Tramite, ahora
from app.servicios.nucleo import bitacora
from app.servicios.respaldos import entregas, oficios_plan, planes, recuperaciones
from tests.conftest import usuario
from tests.servicios.respaldos.ayudas import SUMA, dependencia, oficio, plan, titular


def _pasos(tramite_id: int) -> list[tuple[str, str, str | None]]:
    return [(p.paso, p.opcion, p.destino)
            for p in PasoTramite.select().where(PasoTramite.tramite == tramite_id).order_by(PasoTramite.id)]


def _respaldado(resultado: str = "exitoso"):
    nuevo = plan(informacion=f"Bitácoras de obra (respaldo {resultado})")
    datos = dict(sha256=SUMA, tamano_bytes=2048) if resultado == "exitoso" else dict(notas="Se cortó la luz.")
    return nuevo, planes.registrar_ejecucion(usuario("soporte"), nuevo, medio="NAS de la DTI",
                                             ubicacion="\\\\nas\\SOP", resultado=resultado, **datos)


def _texto_pdf(contenido: bytes) -> str:
    return "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(contenido))


def test_recuperacion_recorre_3_1_y_la_entrega_con_acuse_la_concluye(demo):
    soporte = usuario("soporte")
    nuevo, respaldo = _respaldado()
    pedida = recuperaciones.solicitar(soporte, oficio=oficio("SOP/0700/2026", descripcion="Recuperar planos."),
                                      plan=nuevo, informacion="Planos del puente de la colonia Centro.")
    tramite = Tramite.get_by_id(pedida.expediente_id)
    assert (tramite.paso_actual, tramite.procedimiento) == ("3.1", 5)
    assert _pasos(tramite.id)[2] == ("3", "Recuperación", "3.1")
    # Sin verificación no hay recuperación; tampoco de un respaldo fallido; ni entrega antes de recuperar.
    with pytest.raises(ErrorValidacion, match="Verificación"):
        recuperaciones.registrar_recuperacion(soporte, pedida, restaurado="Planos.dwg", verificacion=" ",
                                              ejecucion=respaldo)
    with pytest.raises(ErrorValidacion, match="ya restaurada y verificada"):
        entregas.registrar_entrega(soporte, recuperacion=pedida, dispositivo="USB 32 GB", recibe=titular(),
                                   acuse_en=ahora())
    hecha = recuperaciones.registrar_recuperacion(
        soporte, pedida, restaurado="Planos.dwg (12 MB)", verificacion="Se abrieron en AutoCAD y coinciden.",
        ejecucion=respaldo)
    assert hecha.estado == "recuperada" and Tramite.get_by_id(tramite.id).paso_actual == "4"
    # Política de entrega: quién recibe (de la dependencia) y su acuse.
    with pytest.raises(ErrorValidacion, match="Falta el acuse"):
        entregas.registrar_entrega(soporte, recuperacion=hecha, dispositivo="USB 32 GB", recibe=titular(),
                                   acuse_en=None)
    with pytest.raises(ErrorValidacion, match="debe ser de Secretaría de Obras Públicas"):
        entregas.registrar_entrega(soporte, recuperacion=hecha, dispositivo="USB 32 GB", recibe=titular("TM"),
                                   acuse_en=ahora())
    with pytest.raises(ErrorValidacion, match="Falta «Recibe"):
        entregas.registrar_entrega(soporte, recuperacion=hecha, dispositivo="USB 32 GB", recibe=None,
                                   acuse_en=ahora())
    with pytest.raises(ErrorValidacion, match="posterior a ahora"):
        entregas.registrar_entrega(soporte, recuperacion=hecha, dispositivo="USB 32 GB", recibe=titular(),
                                   acuse_en=ahora() + dt.timedelta(days=1))
    assert EntregaRespaldo.select().where(EntregaRespaldo.recuperacion == hecha.id).count() == 0
    entrega = entregas.registrar_entrega(soporte, recuperacion=hecha, dispositivo="Memoria USB Kingston 32 GB",
                                         recibe=titular(), acuse_en=ahora())
    tramite = Tramite.get_by_id(tramite.id)
    assert tramite.estado == "concluido"
    assert _pasos(tramite.id)[-2:] == [("3.1", "", "4"), ("4", "", None)]
    assert RecuperacionInformacion.get_by_id(hecha.id).estado == "entregada"
    with pytest.raises(ErrorValidacion, match="ya se entregó"):
        entregas.registrar_entrega(soporte, recuperacion=RecuperacionInformacion.get_by_id(hecha.id),
                                   dispositivo="Otra USB", recibe=titular(), acuse_en=ahora())
    # El oficio de entrega sale de la plantilla con el folio, el dispositivo, el SHA-256 y quien recibió.
    emitido = entregas.emitir_oficio_entrega(usuario("director"), entrega)
    texto = _texto_pdf(bytes(emitido.pdf))
    assert emitido.folio in texto and "Memoria USB Kingston 32 GB" in texto and titular().nombre in texto
    assert "${" not in emitido.cuerpo and SUMA in emitido.cuerpo
    assert "Miguel Ángel Mendoza López" in texto     # firma el titular de la DTI
    with pytest.raises(ErrorValidacion, match="ya tiene su oficio"):
        entregas.emitir_oficio_entrega(usuario("director"), EntregaRespaldo.get_by_id(entrega.id))
    assert bitacora.verificar() == []


def test_no_se_recupera_de_un_respaldo_fallido_ni_sin_oficio(demo):
    soporte = usuario("soporte")
    _, fallido = _respaldado("fallido")
    pedida = recuperaciones.solicitar(soporte, oficio=oficio("SOP/0701/2026"), dependencia=dependencia(),
                                      informacion="La carpeta de estimaciones.")
    with pytest.raises(ErrorValidacion, match="respaldo exitoso"):
        recuperaciones.registrar_recuperacion(soporte, pedida, restaurado="x", verificacion="y", ejecucion=fallido)
    with pytest.raises(ErrorValidacion, match="Elija el respaldo"):
        recuperaciones.registrar_recuperacion(soporte, pedida, restaurado="x", verificacion="y", ejecucion=None)
    antes = RecuperacionInformacion.select().count()
    with pytest.raises(ErrorValidacion, match="oficio del titular"):
        recuperaciones.solicitar(soporte, oficio=None, dependencia=dependencia(), informacion="Algo")
    assert RecuperacionInformacion.select().count() == antes


def test_plan_de_unica_vez_pasa_a_entrega_y_concluye_al_entregar(demo):
    soporte = usuario("soporte")
    unica = plan("unica")
    with pytest.raises(ErrorValidacion, match="respaldo exitoso"):
        entregas.registrar_entrega(soporte, ejecucion=_respaldado("fallido")[1], dispositivo="Disco",
                                   recibe=titular(), acuse_en=ahora())
    hecho = planes.registrar_ejecucion(soporte, unica, medio="Disco externo", ubicacion="Disco 1 TB",
                                       sha256=SUMA, tamano_bytes=10)
    assert Tramite.get_by_id(unica.expediente_id).paso_actual == "4"
    fila = next(f for f in planes.calendario() if f["id"] == unica.id)
    assert fila["proxima"] is None and fila["estado"] == "Realizado (única vez)" and not fila["vencido"]
    with pytest.raises(ErrorValidacion, match="uno de los dos"):
        entregas.registrar_entrega(soporte, dispositivo="Disco", recibe=titular(), acuse_en=ahora())
    entregas.registrar_entrega(soporte, ejecucion=hecho, dispositivo="Disco externo WD 1 TB, serie WX91",
                               recibe=titular(), acuse_en=ahora())
    assert Tramite.get_by_id(unica.expediente_id).estado == "concluido"
    assert any(f["dispositivo"].startswith("Disco externo WD") for f in entregas.entregas("WX91"))


def test_oficio_de_respuesta_del_plan_desde_su_plantilla(demo):
    nuevo = plan("quincenal")
    emitido = oficios_plan.emitir_oficio_plan(usuario("director"), nuevo)
    texto = _texto_pdf(bytes(emitido.pdf))
    assert emitido.folio in texto and nuevo.folio in texto and "quincenal" in texto
    assert emitido.en_respuesta_a_id == nuevo.oficio_id and emitido.tramite_id == nuevo.expediente_id
    assert "${" not in emitido.cuerpo
    assert nuevo.oficio.__class__.get_by_id(nuevo.oficio_id).estado == "atendido"
