"""Bienes TIC: alta manual con validación, edición con control de versión, consulta para
tablas grandes, fotografía e historial por bien."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from PIL import Image

from app.modelos import Bien, ContadorFolio, ServidorPublico
from app.servicios.nucleo import bitacora
from app.servicios.catalogos import catalogos
from app.servicios.inventario import inventario, movimientos, tipos_bien
from app.servicios.inventario.comun import EventoHistorial
from app.servicios.historial import historial
from app.errores import ErrorConflicto, ErrorPermiso, ErrorValidacion
from app.tiempo import hoy_mexico
from tests.conftest import usuario


def _servidor(nombre: str) -> ServidorPublico:
    return ServidorPublico.get(ServidorPublico.nombre == nombre)


def _alta(actor=None, **cambios) -> Bien:
    tipos_bien.asegurar_predeterminados()
    datos = dict(tipo=tipos_bien.por_nombre("Computadora"),
                 descripcion="Computadora de escritorio HP ProDesk 400 G7, Core i5, 8 GB",
                 marca="HP", modelo="ProDesk 400 G7", serie="MXL2041ABC", color="Negro",
                 valor="15,999.00", fecha_adquisicion=dt.date(2025, 3, 14),
                 resguardante=_servidor("Sofía Navarro Peña"))
    datos.update(cambios)
    return inventario.registrar_bien(actor or usuario("redes"), **datos)


def _jpeg(ancho=40, alto=30) -> bytes:
    salida = io.BytesIO()
    Image.new("RGB", (ancho, alto), (120, 30, 40)).save(salida, "JPEG")
    return salida.getvalue()


def test_alta_manual_genera_numero_consecutivo_y_normaliza(demo):
    primero = _alta(serie="  mxl2041abc ")
    segundo = _alta(serie="", descripcion="Laptop Dell Latitude 5420", marca="Dell")
    assert primero.numero_inventario.startswith("SMT-TIC-")
    consecutivo = int(primero.numero_inventario.rsplit("-", 1)[1])
    assert segundo.numero_inventario == f"SMT-TIC-{consecutivo + 1:05d}"
    guardado = Bien.get_by_id(primero.id)
    assert guardado.serie == "MXL2041ABC"
    assert guardado.valor == Decimal("15999.00")
    # El resguardante arrastra su dependencia y la ubicación de ésta.
    assert guardado.dependencia.nombre == "Dirección de Catastro"
    assert guardado.cuenta_contable == "1.2.4.1.3"
    assert Bien.get_by_id(segundo.id).serie is None          # vacío es NULL, no ""
    assert "prodesk" in guardado.busqueda and "sofia navarro" in guardado.busqueda
    assert not bitacora.verificar()


def test_numero_capturado_a_mano_se_respeta_y_el_generado_lo_salta(demo):
    capturado = _alta(numero_inventario=" smt-tic-00061 ")
    assert capturado.numero_inventario == "SMT-TIC-00061"
    # El demo dejó el contador en 60: el siguiente generado salta el 61 capturado a mano.
    assert _alta(serie="OTRA-1").numero_inventario == "SMT-TIC-00062"
    with pytest.raises(ErrorValidacion, match="Ya existe un bien con el número de inventario «SMT-TIC-00061»"):
        _alta(numero_inventario="SMT-TIC-00061", serie="OTRA-2")


def test_serie_repetida_no_escribe_nada(demo):
    _alta(serie="CN0P2422H")
    bienes = Bien.select().count()
    contador = ContadorFolio.get(ContadorFolio.serie == "inventario").ultimo
    with pytest.raises(ErrorValidacion, match="La serie «CN0P2422H» ya está registrada en el bien SMT-TIC-"):
        _alta(serie=" cn0p2422h")
    assert Bien.select().count() == bienes
    assert ContadorFolio.get(ContadorFolio.serie == "inventario").ultimo == contador


@pytest.mark.parametrize("campo,valor,mensaje", [
    ("valor", "-1", "no puede ser negativo"),
    ("valor", "NaN", "número finito"),
    ("valor", "Infinity", "número finito"),
    ("valor", "quince mil", "no es un importe válido"),
    ("fecha_adquisicion", "2999-01-01", "no puede ser posterior a hoy"),
    ("fecha_adquisicion", "31/02/2025", "no es una fecha válida"),
    ("descripcion", "   ", "Falta «Descripción»"),
    ("descripcion", "x" * 10_000, "como máximo 500"),
    ("tipo", None, "Falta el tipo de bien"),
])
def test_entradas_invalidas_se_rechazan(demo, campo, valor, mensaje):
    antes = Bien.select().count()
    with pytest.raises(ErrorValidacion, match=mensaje):
        _alta(**{campo: valor})
    assert Bien.select().count() == antes


def test_resguardante_y_dependencia_deben_coincidir(demo):
    tesoreria = _servidor("José Javier Gregorio Pérez Hernández").dependencia
    with pytest.raises(ErrorValidacion, match="pertenece a «Dirección de Catastro», no a «Tesorería Municipal»"):
        _alta(dependencia=tesoreria)


def test_fabricacion_posterior_a_la_adquisicion(demo):
    with pytest.raises(ErrorValidacion, match="fabricación no puede ser posterior"):
        _alta(fecha_fabricacion=dt.date(2025, 6, 1), fecha_adquisicion=dt.date(2025, 3, 1))


def test_texto_hostil_se_limpia(demo):
    bien = _alta(descripcion="Switch\x00 Cisco\x0b <b>Catalyst</b> 🚀", color="=HYPERLINK(\"x\")")
    guardado = Bien.get_by_id(bien.id)
    assert "\x00" not in guardado.descripcion and "\x0b" not in guardado.descripcion
    assert guardado.descripcion == "Switch Cisco <b>Catalyst</b> 🚀"


def test_rol_sin_permiso_no_da_de_alta(demo):
    with pytest.raises(ErrorPermiso):
        _alta(actor=usuario("consulta"))
    with pytest.raises(ErrorPermiso, match="Departamento de Redes"):
        _alta(actor=usuario("soporte"))


def test_edicion_con_control_de_version(demo):
    bien = _alta()
    version = bien.version
    inventario.editar_bien(usuario("redes"), bien.id, version, color="Gris")
    with pytest.raises(ErrorConflicto, match="Otro usuario cambió el bien "):
        inventario.editar_bien(usuario("director"), bien.id, version, color="Blanco")
    assert Bien.get_by_id(bien.id).color == "Gris"


def test_resguardante_de_un_bien_dado_de_alta_cambia_solo_por_movimiento(demo):
    bien = _alta(solicitar_alta=True)
    movimiento = movimientos.pendiente_de(bien.id)
    movimiento = movimientos.marcar_enviado(usuario("redes"), movimiento.id, movimiento.version)
    movimientos.aplicar(usuario("redes"), movimiento.id, movimiento.version, "DAC/0099/2026", hoy_mexico())
    bien = Bien.get_by_id(bien.id)
    with pytest.raises(ErrorValidacion, match="solicitud de cambio de resguardante"):
        inventario.editar_bien(usuario("redes"), bien.id, bien.version,
                               resguardante=_servidor("Ricardo Flores Aguilar"))
    with pytest.raises(ErrorValidacion, match="no se cambia"):
        inventario.editar_bien(usuario("redes"), bien.id, bien.version, numero_inventario="SMT-TIC-77777")
    inventario.editar_bien(usuario("redes"), bien.id, bien.version, color="Plata")   # lo demás sí


def test_consulta_filtra_ordena_y_pagina_en_sql(demo):
    tipo_switch = tipos_bien.por_nombre("Switch")
    _alta(tipo=tipo_switch, descripcion="Switch administrable 24 puertos", marca="Cisco",
          modelo="Catalyst 9200L-24P", serie="FOC1234X0AB")
    _alta(descripcion="Computadora 100%_especial", serie="ESP-1")
    total = inventario.contar()
    assert total == Bien.select().count() == 62
    assert [f["modelo"] for f in inventario.consultar("catalyst 9200l")] == ["Catalyst 9200L-24P"]
    assert inventario.contar("CATALYST") >= 1
    # Por resguardante, sin acentos ni mayúsculas.
    assert all(f["resguardante"] == "Sofía Navarro Peña" for f in inventario.consultar("sofia navarro"))
    # Comodines de LIKE se buscan literalmente.
    assert [f["serie"] for f in inventario.consultar("100%_")] == ["ESP-1"]
    assert inventario.contar("%") == 1
    # Prefijo exacto del número.
    assert {f["numero_inventario"] for f in inventario.consultar("smt-tic-0000")} == {
        f"SMT-TIC-{i:05d}" for i in range(1, 10)}
    assert inventario.contar(tipo=tipo_switch.id) == Bien.select().where(Bien.tipo == tipo_switch).count()
    pagina1 = inventario.consultar(limite=25, orden="numero")
    pagina2 = inventario.consultar(despues=pagina1[-1]["llave"], limite=25, orden="numero")
    assert len(pagina1) == 25 and pagina1[-1]["numero_inventario"] < pagina2[0]["numero_inventario"]
    descendente = inventario.consultar(limite=3, orden="-valor")
    assert descendente[0]["valor"] >= descendente[1]["valor"] >= descendente[2]["valor"]
    ids = inventario.consultar_ids(orden="dependencia")
    assert len(ids) == total
    assert [f["id"] for f in inventario.filas(ids[:5])] == ids[:5]
    assert inventario.contar(estado="activos") == Bien.select().where(Bien.estado != "dado_de_baja").count()


def test_por_numero_acepta_lo_que_teclea_el_lector(demo):
    bien = _alta()
    assert inventario.por_numero(f"  {bien.numero_inventario.lower()} ").id == bien.id
    assert inventario.por_numero(bien.numero_inventario.replace("-", "'")).id == bien.id


def test_fotografia_valida_y_hostil(demo):
    bien = _alta(fotografia=_jpeg())
    assert inventario.fotografia(bien.id).startswith(b"\xff\xd8")
    with pytest.raises(ErrorValidacion, match="JPEG o PNG"):
        inventario.cambiar_fotografia(usuario("redes"), bien.id, bien.version, b"GIF89a" + b"0" * 100)
    with pytest.raises(ErrorValidacion, match="dañada o incompleta"):
        inventario.cambiar_fotografia(usuario("redes"), bien.id, bien.version, _jpeg(400, 300)[:300])
    with pytest.raises(ErrorValidacion, match="el máximo es 5 MB"):
        inventario.cambiar_fotografia(usuario("redes"), bien.id, bien.version,
                                      b"\xff\xd8\xff" + b"0" * (6 * 1024 * 1024))
    salida = io.BytesIO()
    Image.new("1", (9000, 9000)).save(salida, "PNG")     # 81 megapíxeles, pocos bytes
    with pytest.raises(ErrorValidacion, match="redúzcala"):
        inventario.cambiar_fotografia(usuario("redes"), bien.id, bien.version, salida.getvalue())
    inventario.cambiar_fotografia(usuario("redes"), bien.id, bien.version, None)
    assert inventario.fotografia(bien.id) is None


def test_historial_por_bien_con_movimientos_y_fuentes_registradas(demo, monkeypatch):
    redes = usuario("redes")
    bien = _alta(solicitar_alta=True)
    inventario.editar_bien(redes, bien.id, Bien.get_by_id(bien.id).version, color="Gris")
    alta = movimientos.pendiente_de(bien.id)
    alta = movimientos.marcar_enviado(redes, alta.id, alta.version)
    movimientos.aplicar(redes, alta.id, alta.version, "DAC/0100/2026", hoy_mexico())
    ticket = EventoHistorial(dt.datetime(2026, 1, 2, 9, 0), "Ticket", "Ticket 15: no enciende", "T-15")
    monkeypatch.setattr(historial, "FUENTES_HISTORIAL", [lambda bien_id: [ticket] if bien_id == bien.id else []])
    eventos = historial.historial_bien(bien.id)
    textos = [e.descripcion for e in eventos]
    assert any("color: Gris" in t for t in textos)
    assert any("Solicitud de alta al inventario" in t for t in textos)
    assert any("aplicado por Armonización Contable (oficio DAC/0100/2026" in t for t in textos)
    assert ticket in eventos
    fechas = [e.fecha for e in eventos]
    assert fechas == sorted(fechas)


def test_formato_de_inventario_por_anio(demo):
    institucion = catalogos.institucion()
    institucion.formato_inventario = "TXM/{anio}/{numero:04d}"
    bitacora.guardar(institucion, "formato de inventario", None)
    a = _alta(fecha_adquisicion=dt.date(2024, 5, 1), serie="A-1")
    b = _alta(fecha_adquisicion=dt.date(2025, 5, 1), serie="B-1")
    c = _alta(fecha_adquisicion=dt.date(2024, 8, 1), serie="C-1")
    assert (a.numero_inventario, b.numero_inventario, c.numero_inventario) == (
        "TXM/2024/0001", "TXM/2025/0001", "TXM/2024/0002")


def test_estados_operativos_y_los_que_solo_llegan_por_movimiento(demo):
    redes = usuario("redes")
    bien = _alta()
    bien = inventario.cambiar_estado(redes, bien.id, bien.version, "en_reparacion", "No enciende; ticket 31.")
    assert Bien.get_by_id(bien.id).estado == "en_reparacion" and "ticket 31" in bien.observaciones
    with pytest.raises(ErrorValidacion, match="solo se alcanza con una solicitud de baja"):
        inventario.cambiar_estado(redes, bien.id, bien.version, "dado_de_baja")
    with pytest.raises(ErrorConflicto):
        inventario.cambiar_estado(redes, bien.id, bien.version - 1, "en_uso")
