"""La bitácora legible: quién, qué registro, qué cambió, filtros y Excel (SQLite y PostgreSQL)."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from app.errores import ErrorPermiso, ErrorValidacion
from app.modelos import Bitacora, Oficio, Ticket, Usuario
from app.servicios.nucleo import consulta_bitacora
from app.servicios.nucleo.consulta_bitacora import Filtro
from app.tiempo import hoy_mexico
from tests.conftest import usuario


def _ultima(accion: str, tabla: str) -> Bitacora:
    return (Bitacora.select().where((Bitacora.accion == accion) & (Bitacora.tabla == tabla))
            .order_by(Bitacora.id.desc()).get())


def test_oficio_cancelado_dice_que_cambio_con_las_etiquetas_de_pantalla(demo):
    director = usuario("director")
    cancelacion = _ultima("cancelación de oficio", "oficio")
    oficio = Oficio.get_by_id(cancelacion.registro_id)
    entrada = consulta_bitacora.entrada(director, cancelacion.id)
    cambios = [str(c) for c in entrada["cambios"]]
    assert "Estado: emitido → cancelado" in cambios
    assert f"Motivo de cancelación: (vacío) → {oficio.motivo_cancelacion}" in cambios
    assert f"Cancelado por: (vacío) → {director.nombre}" in cambios
    assert entrada["registro"] == f"Oficio {oficio.folio}" and entrada["modulo"] == "Oficios"
    assert entrada["persona"] == director.nombre and entrada["usuario"] == "director"
    # Solo lo que cambió: ni el asunto ni campos internos como «version» o «busqueda».
    assert not any(c.startswith(("Asunto", "Version", "Busqueda", "Modificado")) for c in cambios)
    # La instantánea cruda sigue ahí para el auditor.
    assert entrada["instantanea"]["estado"] == "cancelado"
    assert '"motivo_cancelacion"' in entrada["instantanea_texto"]
    assert entrada["anterior_id"] is not None and entrada["anterior_id"] < cancelacion.id


def test_llave_foranea_se_lee_por_el_nombre_de_la_persona(demo):
    director = usuario("director")
    alta = (Bitacora.select().where((Bitacora.tabla == "oficio") & Bitacora.instantanea.contains('"creado_por":'))
            .order_by(Bitacora.id).first())
    entrada = consulta_bitacora.entrada(director, alta.id)
    creador_id = entrada["instantanea"]["creado_por"]
    assert isinstance(creador_id, int)
    creado_por = next(c for c in entrada["cambios"] if c.campo == "creado_por")
    assert creado_por.etiqueta == "Creado por"
    assert creado_por.despues == Usuario.get_by_id(creador_id).nombre


def test_fechas_importes_y_secretos_legibles(demo):
    director = usuario("director")
    alta_bien = (Bitacora.select().where(Bitacora.tabla == "bien").order_by(Bitacora.id).first())
    cambios = {c.campo: c for c in consulta_bitacora.entrada(director, alta_bien.id)["cambios"]}
    assert re.fullmatch(r"\$[\d,]+\.\d\d", cambios["valor"].despues)
    assert cambios["valor"].etiqueta == "Valor de adquisición"
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", cambios["fecha_adquisicion"].despues)
    assert cambios["tipo"].despues and not cambios["tipo"].despues.isdigit()
    # La contraseña de una cuenta nunca se muestra, ni su huella: solo se dice que cambió.
    alta_cuenta = Bitacora.select().where(Bitacora.tabla == "cuenta").order_by(Bitacora.id).first()
    entrada = consulta_bitacora.entrada(director, alta_cuenta.id)
    guardado = entrada["instantanea"]["hash_contrasena"]
    assert guardado and all(guardado[7:19] not in str(c) for c in entrada["cambios"])
    assert "Contraseña: (oculto)" in [str(c) for c in entrada["cambios"]]


def test_lista_con_persona_modulo_y_registro(demo):
    filas = consulta_bitacora.consultar(usuario("director"), limite=50)
    assert len(filas) == 50
    personas = {u.nombre_usuario: u.nombre for u in Usuario.select()}
    assert all(f["persona"] == personas.get(f["usuario"], f["usuario"]) for f in filas)
    tickets = consulta_bitacora.consultar(usuario("director"), filtro=Filtro(modulo="Mesa de ayuda"), limite=20)
    ticket = next(f for f in tickets if f["tabla"] == "ticket")
    assert ticket["registro"] == f"Ticket {Ticket.get_by_id(ticket['registro_id']).folio}"
    assert ticket["modulo"] == "Mesa de ayuda"


def test_filtros_reducen_la_lista(demo):
    director = usuario("director")
    todas = consulta_bitacora.contar(director)
    por_modulo = consulta_bitacora.contar(director, Filtro(modulo="Oficios"))
    por_usuario = consulta_bitacora.contar(director, Filtro(usuario="redes"))
    assert 0 < por_modulo < todas and 0 < por_usuario < todas
    filas = consulta_bitacora.consultar(director, filtro=Filtro(modulo="Oficios", usuario="director"), limite=5000)
    assert filas and all(f["tabla"] in ("oficio", "adjunto") and f["usuario"] == "director" for f in filas)
    dias = sorted({m.date() for (m,) in Bitacora.select(Bitacora.momento).tuples()})
    primero, ultimo, medio = dias[0], dias[-1], dias[len(dias) // 2]
    assert len(dias) > 1
    assert consulta_bitacora.contar(director, Filtro(desde=ultimo + dt.timedelta(days=1))) == 0
    assert consulta_bitacora.contar(director, Filtro(hasta=primero - dt.timedelta(days=1))) == 0
    assert consulta_bitacora.contar(director, Filtro(desde=primero, hasta=ultimo)) == todas
    hasta_medio = consulta_bitacora.consultar(director, filtro=Filtro(hasta=medio), limite=10_000)
    despues = consulta_bitacora.contar(director, Filtro(desde=medio + dt.timedelta(days=1)))
    assert 0 < len(hasta_medio) < todas and len(hasta_medio) + despues == todas
    assert all(f["momento"].date() <= medio for f in hasta_medio)
    hoy = hoy_mexico()
    with pytest.raises(ErrorValidacion, match="«desde» es posterior"):
        consulta_bitacora.contar(director, Filtro(desde=hoy, hasta=hoy - dt.timedelta(days=1)))


def test_filtro_por_registro_y_bloques(demo):
    director = usuario("director")
    oficio = Oficio.get_by_id(_ultima("cancelación de oficio", "oficio").registro_id)
    filas = consulta_bitacora.consultar(director, filtro=Filtro(registro=oficio.folio))
    assert [f["accion"] for f in filas][:2] == ["cancelación de oficio", "emisión de oficio"]
    assert {f["registro"] for f in filas} == {f"Oficio {oficio.folio}"}
    exacto = consulta_bitacora.consultar(director, filtro=Filtro(tabla="oficio", registro_id=oficio.id))
    assert [f["id"] for f in exacto] == [f["id"] for f in filas]
    assert consulta_bitacora.contar(director, Filtro(registro="no-existe-zzz")) == 0
    # El bloque siguiente sigue donde acabó el anterior, sin repetir.
    primero = consulta_bitacora.consultar(director, limite=10)
    segundo = consulta_bitacora.consultar(director, limite=10, antes_de=primero[-1]["id"])
    assert segundo[0]["id"] == primero[-1]["id"] - 1 and len(segundo) == 10


def test_excel_de_lo_filtrado_con_fechas_reales(demo, tmp_path):
    from openpyxl import load_workbook

    director = usuario("director")
    filtro = Filtro(modulo="Oficios")
    carpeta = tmp_path / "salida"
    carpeta.mkdir()
    ruta = carpeta / "bitacora.xlsx"
    cuantas = consulta_bitacora.exportar_excel(director, ruta, filtro)
    assert cuantas == consulta_bitacora.contar(director, filtro)
    hoja = load_workbook(ruta).active
    assert hoja["A4"].value == "Fecha y hora" and hoja["B2"].value == "Módulo: Oficios"
    filas = list(hoja.iter_rows(min_row=5, values_only=True))
    assert len(filas) == cuantas
    assert all(isinstance(f[0], dt.datetime) for f in filas)
    assert hoja["A5"].number_format == "dd/mm/yyyy hh:mm"
    assert {f[4] for f in filas} == {"Oficios"}
    assert any("Estado: emitido → cancelado" in (f[6] or "") for f in filas)
    assert hoja.page_setup.orientation == "landscape" and hoja.print_title_rows == "$4:$4"
    assert list(carpeta.iterdir()) == [ruta]           # sin temporales


def test_sin_permiso_no_exporta_ni_consulta(demo, tmp_path):
    ruta = tmp_path / "bitacora.xlsx"
    with pytest.raises(ErrorPermiso, match="no permite consultar la bitácora"):
        consulta_bitacora.exportar_excel(usuario("consulta"), ruta)
    with pytest.raises(ErrorPermiso):
        consulta_bitacora.contar(usuario("asistente"))
    with pytest.raises(ErrorPermiso):
        consulta_bitacora.usuarios_en_bitacora(usuario("asistente"))
    assert not ruta.exists()


def test_claves_de_estado_se_leen_sin_guiones_bajos(bd):
    from app.modelos import Bien
    from app.servicios.nucleo.bitacora_legible import Nombrador, formatear

    nombrador = Nombrador()
    assert formatear(Bien, "estado", "en_dictamen", nombrador) == "en dictamen"
    assert formatear(Bien, "descripcion", "texto_con_guion", nombrador) == "texto_con_guion"
    assert formatear(Bien, "valor", "12500.5", nombrador) == "$12,500.50"
    assert formatear(Bien, "fecha_adquisicion", "2026-11-18", nombrador) == "18/11/2026"
    assert formatear(Bien, "serie", None, nombrador) == "(vacío)"
