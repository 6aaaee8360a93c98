"""Un solo reloj: la fecha de la Ciudad de México, sin importar la zona de la PC ni el día en que corre.

Cada prueba de este archivo corre en los instantes difíciles (a medio mes, la última noche de un mes
—en UTC ya es el día siguiente—, el 31 de diciembre —en UTC ya es el año nuevo— y el 29 de febrero),
con la zona horaria del proceso en UTC y en la Ciudad de México.
"""
from __future__ import annotations

import datetime as dt
import time
from email.utils import parsedate_to_datetime

import pypdfium2 as pdfium
import pytest

from app.tiempo import ZONA_MEXICO, ahora_mexico, hoy_mexico

pytestmark = pytest.mark.fecha


def _hoy_esperado(instante) -> dt.date:
    return instante.momento.astimezone(ZONA_MEXICO).date()


def test_hoy_es_el_de_la_ciudad_de_mexico(instante):
    assert hoy_mexico() == _hoy_esperado(instante)
    assert abs(ahora_mexico() - instante.momento) < dt.timedelta(minutes=5)
    if instante.zona_proceso == "UTC" and instante.nombre in ("fin-de-mes", "fin-de-anio"):
        # La PC ya cambió de día (y de año): la aplicación no.
        assert time.strftime("%Y-%m-%d") != hoy_mexico().isoformat()     # la fecha local de la PC


def test_la_hora_guardada_en_la_base_es_la_de_mexico(instante):
    from app.modelos.base import ahora

    assert ahora().date() == _hoy_esperado(instante)
    assert ahora().tzinfo is None


def test_el_folio_y_la_fecha_del_oficio_son_de_mexico(bd_sqlite, instante):
    from app.servicios.catalogos import catalogos, usuarios
    from app.servicios.oficios import oficios

    sistema = usuarios.usuario_sistema()
    dep = catalogos.guardar_dependencia(sistema, "Dirección de Tecnologías de la Información", "DTI")
    titular = catalogos.guardar_servidor(sistema, "Miguel Ángel Mendoza López",
                                         "Director de Tecnologías de la Información", dep)
    catalogos.guardar_institucion(sistema, titular_dti=titular)
    oficio = oficios.emitir_oficio(sistema, destinatario_nombre="Laura Hernández Sánchez",
                                   destinatario_cargo="Directora de Armonización Contable",
                                   asunto="Prueba del reloj", cuerpo="Texto del oficio.")
    hoy = _hoy_esperado(instante)
    assert oficio.folio == f"TM/DTI/0001/{hoy.year}"
    assert oficio.fecha_documento == hoy
    # Un oficio recibido con fecha de mañana (en México) se rechaza; el de hoy no.
    with pytest.raises(Exception, match="posterior a hoy"):
        oficios.registrar_oficio_entrante(sistema, numero_oficio="X/1", fecha_documento=hoy + dt.timedelta(days=1),
                                          procedencia_texto="Tesorería", solicitante_nombre="Ana Ruiz",
                                          firmado=True, descripcion="Prueba")
    recibido = oficios.registrar_oficio_entrante(sistema, numero_oficio="X/2", fecha_documento=hoy,
                                                 procedencia_texto="Tesorería", solicitante_nombre="Ana Ruiz",
                                                 firmado=True, descripcion="Prueba")
    assert recibido.recibido_en.date() == hoy


def test_el_correo_lleva_la_hora_de_mexico(bd_sqlite, instante):
    from app.servicios.nucleo import correo

    mensaje = correo.encolar("destino@texmelucan.gob.mx", "Prueba", "Cuerpo")
    compuesto = correo._componer(mensaje, "dti@texmelucan.gob.mx")
    fecha = parsedate_to_datetime(compuesto["Date"])
    assert fecha.utcoffset() == instante.momento.astimezone(ZONA_MEXICO).utcoffset()
    assert abs(fecha - instante.momento) < dt.timedelta(minutes=5)


def test_el_informe_mensual_se_fecha_hoy_en_mexico(bd_sqlite, instante):
    from app.documentos.fechas import fecha_larga
    from app.documentos.informe_mensual_pdf import generar_informe_pdf
    from app.servicios.tablero import tablero

    hoy = _hoy_esperado(instante)
    pdf = generar_informe_pdf(tablero.informe_mensual(hoy.year, hoy.month), institucion="H. Ayuntamiento",
                              area="DTI", lema="", lugar="San Martín Texmelucan, Puebla", logotipo=None, pie="",
                              firmante=("Miguel Ángel Mendoza López", "Director"),
                              destinatario=("Tesorero Municipal", "Tesorería"))
    documento = pdfium.PdfDocument(pdf)
    texto = " ".join(documento[0].get_textpage().get_text_range().split())
    assert fecha_larga(hoy) in texto


@pytest.mark.gui
def test_calendario_y_selectores_de_fecha_abren_en_el_hoy_de_mexico(qtbot, instante):
    from app.vistas.comun.fechas import qfecha
    from app.vistas.mantenimiento.calendario import CalendarioMes

    calendario = CalendarioMes()
    qtbot.addWidget(calendario)
    hoy = _hoy_esperado(instante)
    assert calendario.selectedDate() == qfecha(hoy)
    assert (calendario.yearShown(), calendario.monthShown()) == (hoy.year, hoy.month)


def test_el_plazo_de_un_dia_habil_cae_en_dia_habil_siguiente(bd_sqlite, instante):
    """El plazo que empieza hoy vence en el siguiente día hábil de México (fin de semana y 1 de enero fuera)."""
    from app.modelos.base import ahora
    from app.servicios.nucleo import calendario_laboral

    hoy = _hoy_esperado(instante)
    vence = calendario_laboral.sumar_dias_habiles(hoy, 1)
    assert vence > hoy and calendario_laboral.es_dia_habil(vence)
    assert vence.weekday() < 5 and (vence.month, vence.day) != (1, 1)
    saltados = [hoy + dt.timedelta(days=d) for d in range(1, (vence - hoy).days)]
    assert not any(calendario_laboral.es_dia_habil(d) for d in saltados)
    plazo = calendario_laboral.sumar_horas_habiles(ahora(), 8)
    assert plazo > ahora() and calendario_laboral.es_dia_habil(plazo.date())
