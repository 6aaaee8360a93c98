"""Oficio recibido → caso: lo que produjo, archivo y descarte con motivo, y la lista de por atender."""
from __future__ import annotations

import datetime as dt

import pytest

from app.errores import ErrorConflicto, ErrorPermiso, ErrorTransicion, ErrorValidacion
from app.modelos import Bitacora, Oficio
from app.servicios.oficios import oficios
from app.servicios.tramites import propietarios, tramites
from tests.conftest import hace_dias, usuario

def _recibido(numero: str = "DOP/0310/2026", descripcion: str = "Invitación al informe de obra pública.") -> Oficio:
    return oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio=numero, fecha_documento=hace_dias(3),
        procedencia_texto="Dirección de Obras Públicas", solicitante_nombre="Ing. Raúl Téllez Ortiz",
        solicitante_cargo="Director de Obras Públicas", firmado=True, descripcion=descripcion)


def _por_atender() -> set[int]:
    return {fila["id"] for fila in oficios.consultar(oficios.ENTRANTE, por_atender=True, limite=100000)}


def _entradas_de(oficio: Oficio) -> list[str]:
    return [accion for (accion,) in Bitacora.select(Bitacora.accion)
            .where((Bitacora.tabla == "oficio") & (Bitacora.registro_id == oficio.id)).order_by(Bitacora.id).tuples()]


def test_archivar_con_motivo_lo_saca_de_por_atender(demo, reloj):
    oficio = _recibido()
    assert oficio.id in _por_atender()
    momento = oficio.recibido_en + dt.timedelta(hours=3)
    reloj.fijar(momento)
    asistente = usuario("asistente")
    version = oficio.version
    oficios.archivar_oficio(asistente, oficio, "Es una invitación: no pide nada a la DTI.", version=version)
    guardado = oficios.obtener(oficio.id)
    assert guardado.estado == oficios.ARCHIVADO
    assert guardado.motivo_archivo == "Es una invitación: no pide nada a la DTI."
    assert momento <= guardado.archivado_en <= momento + dt.timedelta(seconds=5)
    assert guardado.archivado_por_id == asistente.id
    assert guardado.version == version + 1
    assert _entradas_de(oficio)[-1] == "oficio recibido archivado"
    assert oficio.id not in _por_atender()
    # Ni se archiva dos veces ni se descarta después.
    with pytest.raises(ErrorTransicion, match="ya está archivado"):
        oficios.descartar_oficio(asistente, guardado, "Duplicado.")


def test_sin_motivo_no_se_archiva_y_nada_se_escribe(demo):
    oficio = _recibido()
    entradas = Bitacora.select().count()
    for motivo in ("", "   \n "):
        with pytest.raises(ErrorValidacion, match="Motivo para archivar el oficio"):
            oficios.archivar_oficio(usuario("asistente"), oficio, motivo)
    with pytest.raises(ErrorValidacion, match="Motivo para descartar el oficio"):
        oficios.descartar_oficio(usuario("asistente"), oficio, "")
    guardado = oficios.obtener(oficio.id)
    assert (guardado.estado, guardado.motivo_archivo, guardado.archivado_en) == (oficios.REGISTRADO, "", None)
    assert guardado.version == oficio.version and Bitacora.select().count() == entradas
    assert oficio.id in _por_atender()


def test_descartar_y_quien_puede(demo):
    oficio = _recibido()
    with pytest.raises(ErrorPermiso):
        oficios.descartar_oficio(usuario("consulta"), oficio, "Duplicado del DOP/0309/2026.")
    oficios.descartar_oficio(usuario("asistente"), oficio, "Duplicado del DOP/0309/2026.")
    guardado = oficios.obtener(oficio.id)
    assert guardado.estado == oficios.DESCARTADO and guardado.motivo_archivo == "Duplicado del DOP/0309/2026."
    assert _entradas_de(oficio)[-1] == "oficio recibido descartado"
    assert oficio.id not in _por_atender()


def test_otro_cambio_en_otra_pc_no_se_sobrescribe(demo):
    oficio = _recibido()
    vista_en_otra_pc = oficios.obtener(oficio.id)
    oficios.archivar_oficio(usuario("asistente"), oficio, "No pide nada.")
    with pytest.raises((ErrorConflicto, ErrorTransicion)):
        oficios.descartar_oficio(usuario("director"), vista_en_otra_pc, "Duplicado.",
                                 version=vista_en_otra_pc.version)
    assert oficios.obtener(oficio.id).estado == oficios.ARCHIVADO


def test_version_vieja_es_conflicto(demo):
    oficio = _recibido()
    with pytest.raises(ErrorConflicto):
        oficios.archivar_oficio(usuario("asistente"), oficio, "No pide nada.", version=oficio.version - 1)
    assert oficios.obtener(oficio.id).estado == oficios.REGISTRADO


def test_no_se_archiva_el_que_ya_tiene_tramite_o_respuesta(demo, manual_sin_modulos):
    con_tramite = _recibido("DC/0056/2026", "Solicita el respaldo del equipo de la ventanilla 3.")
    tramite = tramites.abrir_tramite(usuario("soporte"), 5, "Respaldo de la ventanilla 3", oficio_entrada=con_tramite)
    assert con_tramite.id not in _por_atender()
    with pytest.raises(ErrorTransicion, match=f"ya dio lugar al trámite {tramite.numero}"):
        oficios.archivar_oficio(usuario("asistente"), oficios.obtener(con_tramite.id), "No pide nada.")
    respondido = _recibido("DOP/0311/2026")
    respuesta = oficios.emitir_oficio(usuario("director"), destinatario_nombre="Ing. Raúl Téllez Ortiz",
                                      asunto="Respuesta a su invitación", en_respuesta_a=respondido)
    assert respondido.id not in _por_atender()
    with pytest.raises(ErrorTransicion, match=f"ya se respondió con el oficio {respuesta.folio}"):
        oficios.descartar_oficio(usuario("asistente"), oficios.obtener(respondido.id), "No pide nada.")
    for oficio in (con_tramite, respondido):
        assert oficios.obtener(oficio.id).estado != oficios.ARCHIVADO
        assert oficios.obtener(oficio.id).archivado_en is None


def test_por_atender_es_la_lista_verdadera(demo):
    """En la demostración: el SGA/0187/2026 espera; los que ya tienen trámite o respuesta, no."""
    pendientes = {fila["numero_oficio"] for fila in oficios.consultar(por_atender=True, limite=100000)}
    assert "SGA/0187/2026" in pendientes
    assert {"TM/DE/0412/2026", "DC/0055/2026", "UT/0098/2026"}.isdisjoint(pendientes)   # con trámite
    assert "" not in pendientes        # el del DIF, incompleto, ya tiene su solicitud de datos faltantes
    assert all(fila["tipo"] == oficios.ENTRANTE for fila in oficios.consultar(por_atender=True, limite=100000))
    sga = Oficio.get(Oficio.numero_oficio == "SGA/0187/2026")
    oficios.archivar_oficio(usuario("asistente"), sga, "Se atendió por teléfono con la Secretaría.")
    assert "SGA/0187/2026" not in {f["numero_oficio"] for f in oficios.consultar(por_atender=True)}


def test_produjo_casos_y_respuestas(demo, manual_sin_modulos):
    oficio = _recibido("DC/0057/2026", "Solicita respaldo y revisión del equipo de la ventanilla 4.")
    assert oficios.produjo(oficio).vacio
    primero = tramites.abrir_tramite(usuario("soporte"), 5, "Respaldo de la ventanilla 4", oficio_entrada=oficio)
    segundo = tramites.abrir_tramite(usuario("redes"), 19, "Revisión de la cámara de la ventanilla 4",
                                     oficio_entrada=oficios.obtener(oficio.id))
    respuesta = oficios.emitir_oficio(usuario("director"), destinatario_nombre="Ing. Raúl Téllez Ortiz",
                                      asunto="Atención a su oficio DC/0057/2026", en_respuesta_a=oficio)
    producido = oficios.produjo(oficios.obtener(oficio.id), describir=propietarios.registros_de)
    assert [(c.numero, c.procedimiento, c.paso_actual, c.registro) for c in producido.casos] == [
        (primero.numero, 5, "1", ""), (segundo.numero, 19, "1", "")]
    assert [(r["folio"], r["estado"]) for r in producido.respuestas] == [(respuesta.folio, oficios.EMITIDO)]
    assert oficios.produjo(respuesta).vacio


def test_produjo_dice_que_registro_de_modulo_es_el_caso(demo):
    """Un dictamen pedido por oficio es el caso que produjo: «Dictamen …», no un trámite suelto."""
    from app.modelos import Bien, Dictamen
    from app.modelos.inventario import DADO_DE_BAJA
    from app.servicios.dictamenes import dictamenes

    oficio = _recibido("DOP/0312/2026", "Solicita el dictamen del CPU de la oficina del director.")
    bien = next(b for b in Bien.select().order_by(Bien.id)
                if b.estado != DADO_DE_BAJA and dictamenes.en_curso(b) is None)
    dictamen = dictamenes.registrar_solicitud(usuario("soporte"), bien=bien, oficio=oficio)
    producido = oficios.produjo(oficios.obtener(oficio.id), describir=propietarios.registros_de)
    assert len(producido.casos) == 1
    caso = producido.casos[0]
    assert caso.procedimiento == 4 and caso.modulo == "dictamenes"
    assert caso.tramite_id == Dictamen.get_by_id(dictamen.id).expediente_id
    assert caso.registro.startswith("Dictamen ")
    assert oficio.id not in _por_atender()
