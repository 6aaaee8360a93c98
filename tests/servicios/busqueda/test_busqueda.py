"""Búsqueda global sobre la demostración: folios, series, sin acentos, permisos y entradas hostiles."""
from __future__ import annotations

import pytest

from app.errores import ErrorPermiso
from app.modelos import Bien, Licencia, Oficio, ServidorPublico, Ticket, Tramite, Usuario
from app.servicios import busqueda
from app.servicios.busqueda import Buscador, Resultado
from app.servicios.nucleo import permisos
from app.servicios.tramites.modulos import modulo as modulo_dueno
from tests.conftest import usuario


def _tipos(grupos) -> list[str]:
    return [g.tipo for g in grupos]


def _todos(grupos) -> list[Resultado]:
    return [r for g in grupos for r in g.resultados]


def test_el_folio_de_un_oficio_emitido_lo_encuentra_primero(demo):
    oficio = Oficio.select().where(Oficio.tipo == "saliente", Oficio.folio.is_null(False)).order_by(Oficio.id).first()
    grupos = busqueda.buscar(usuario("consulta"), oficio.folio)
    primero = grupos[0].resultados[0]
    assert (grupos[0].tipo, grupos[0].nombre) == ("oficio", "Oficios")
    assert (primero.id, primero.titulo, primero.exacto, primero.pestana) == (oficio.id, oficio.folio, True, "Oficios")
    assert oficio.asunto[:40] in primero.subtitulo
    # En minúsculas y sin el año también lo encuentra (por texto, ya no exacto).
    parcial = busqueda.buscar(usuario("consulta"), oficio.folio.lower().rsplit("/", 1)[0])
    assert oficio.id in [r.id for r in parcial[0].resultados]


def test_el_numero_de_un_oficio_recibido_sin_importar_mayusculas(demo):
    oficio = Oficio.select().where(Oficio.tipo == "entrante", Oficio.numero_oficio != "").order_by(Oficio.id).first()
    grupos = busqueda.buscar(usuario("asistente"), oficio.numero_oficio.lower())
    assert grupos[0].tipo == "oficio"
    assert grupos[0].resultados[0].id == oficio.id and grupos[0].resultados[0].exacto


def test_la_serie_de_un_bien_pone_primero_el_grupo_de_bienes(demo):
    bien = Bien.select().where(Bien.serie.is_null(False)).order_by(Bien.id.desc()).first()
    grupos = busqueda.buscar(usuario("consulta"), f"  {bien.serie.lower()} ")
    assert grupos[0].tipo == "bien"
    primero = grupos[0].resultados[0]
    assert (primero.id, primero.titulo, primero.exacto, primero.pestana) == (
        bien.id, bien.numero_inventario, True, "Inventario")
    assert f"serie {bien.serie}" in primero.subtitulo


def test_el_numero_de_inventario_leido_con_teclado_de_otro_idioma(demo):
    bien = Bien.select().order_by(Bien.id).first()
    grupos = busqueda.buscar(usuario("consulta"), bien.numero_inventario.replace("-", "'").lower())
    assert grupos[0].tipo == "bien" and grupos[0].resultados[0].id == bien.id


def test_sin_acentos_ni_mayusculas_telefono_encuentra_telefono(demo):
    con_acento = {b.id for b in Bien.select() if "Teléfono" in b.descripcion}
    assert con_acento, "la demostración trae teléfonos"
    for texto in ("telefono", "TELÉFONO", "Teléfono"):
        bienes = next(g for g in busqueda.buscar(usuario("consulta"), texto) if g.tipo == "bien")
        assert {r.id for r in bienes.resultados} <= con_acento
        assert len(bienes.resultados) == min(len(con_acento), busqueda.TOPE_POR_TIPO)


def test_varias_palabras_deben_aparecer_todas(demo):
    servidor = ServidorPublico.select().where(ServidorPublico.nombre.contains("Héctor")).first()
    grupos = busqueda.buscar(usuario("consulta"), "perez hector")
    servidores = next(g for g in grupos if g.tipo == "servidor")
    assert [r.id for r in servidores.resultados] == [servidor.id]
    assert servidores.resultados[0].pestana == "Catálogos"
    assert busqueda.buscar(usuario("consulta"), "hector zzzzqq") == []


def test_un_servidor_publico_por_su_correo(demo):
    servidor = ServidorPublico.select().where(ServidorPublico.correo != "").order_by(ServidorPublico.id).first()
    grupos = busqueda.buscar(usuario("consulta"), servidor.correo.split("@")[0] + "@")
    assert servidor.id in [r.id for r in next(g for g in grupos if g.tipo == "servidor").resultados]


def test_un_tramite_por_su_numero_se_abre_en_el_modulo_dueno(demo):
    tramite = Tramite.select().where(Tramite.modulo == "mesa_ayuda").first()
    grupos = busqueda.buscar(usuario("consulta"), tramite.numero)
    assert grupos[0].tipo == "tramite"
    primero = grupos[0].resultados[0]
    assert (primero.id, primero.tramite_id, primero.exacto) == (tramite.id, tramite.id, True)
    assert primero.pestana == modulo_dueno("mesa_ayuda").pestana == "Mesa de ayuda"


def test_un_ticket_por_su_folio_trae_su_expediente(demo):
    ticket = Ticket.select().order_by(Ticket.id).first()
    grupos = busqueda.buscar(usuario("consulta"), ticket.folio.lower())
    assert grupos[0].tipo == "ticket"
    primero = grupos[0].resultados[0]
    assert (primero.id, primero.titulo, primero.tramite_id) == (ticket.id, ticket.folio, ticket.expediente_id)


def test_una_licencia_por_el_final_de_su_clave_sin_mostrar_la_clave(demo):
    licencia = Licencia.select().where(Licencia.clave_mascara != "").order_by(Licencia.id).first()
    final = licencia.clave_mascara.rsplit("-", 1)[-1]
    grupos = busqueda.buscar(usuario("consulta"), final.lower())
    licencias = next(g for g in grupos if g.tipo == "licencia")
    assert licencia.id in [r.id for r in licencias.resultados]
    elegido = next(r for r in licencias.resultados if r.id == licencia.id)
    assert licencia.clave_mascara in elegido.subtitulo and licencia.clave_cifrada not in elegido.subtitulo


def test_cada_grupo_respeta_su_tope(demo):
    grupos = busqueda.buscar(usuario("director"), "computadora")
    assert grupos and all(len(g.resultados) <= busqueda.TOPE_POR_TIPO for g in grupos)
    assert max(len(g.resultados) for g in grupos) == busqueda.TOPE_POR_TIPO
    assert all(len(g.resultados) <= 3 for g in busqueda.buscar(usuario("director"), "computadora", tope=3))


@pytest.mark.parametrize("hostil", ["%", "%%", "_", "__", "'", "\"", "''", "\\", "' OR '1'='1", "%' --",
                                    "x" * 10_000, "\x00\x01\x7f", "   ", "", "ñ" * 5000])
def test_entradas_hostiles_no_fallan_ni_devuelven_todo(demo, hostil):
    grupos = busqueda.buscar(usuario("director"), hostil)
    assert grupos == []


def test_los_caracteres_de_control_se_ignoran(demo):
    assert busqueda.buscar(usuario("director"), "\x00tm/dti\x07") == busqueda.buscar(usuario("director"), "tm/dti")


def test_los_comodines_se_buscan_tal_cual(demo):
    # Como comodines, «s_t» encontraría «sistema» y «a%e», casi todo; como texto no están en la demostración.
    assert busqueda.buscar(usuario("director"), "sis") != []
    for texto in ("s_s", "a%e", "100%", "i_n"):
        assert busqueda.buscar(usuario("director"), texto) == [], texto


def test_lo_que_el_rol_no_ve_no_sale(demo):
    secreto = Oficio.select().where(Oficio.folio.is_null(False)).first()

    def buscar_secreto(consulta, tope):
        return [Resultado("secreto", secreto.id, "Registro reservado", "", "Bitácora")]

    busqueda.registrar(Buscador("secreto", "Reservados", "Bitácora", buscar_secreto,
                                permiso=permisos.VER_BITACORA, orden=1))
    try:
        assert "secreto" in _tipos(busqueda.buscar(usuario("director"), "cualquier cosa"))
        assert "secreto" not in _tipos(busqueda.buscar(usuario("consulta"), "cualquier cosa"))
        assert "secreto" not in _tipos(busqueda.buscar(usuario("asistente"), "cualquier cosa"))
    finally:
        busqueda.quitar("secreto")
    assert "secreto" not in [b.tipo for b in busqueda.buscadores()]


def test_una_cuenta_sin_permiso_de_consultar_no_busca(demo):
    inactiva = Usuario(nombre_usuario="x", nombre="Sin sesión", rol=permisos.CONSULTA, activo=False)
    with pytest.raises(ErrorPermiso, match="no permite consultar"):
        busqueda.buscar(inactiva, "computadora")


def test_un_modulo_nuevo_registra_su_buscador_y_un_exacto_va_primero(demo):
    def buscar_camaras(consulta, tope):
        if consulta.exacto == "CAM-001":
            return [Resultado("camara", 1, "CAM-001", "Cámara del acceso", "Videovigilancia", None, True)]
        return [Resultado("camara", 2, "CAM-002", "Cámara del patio", "Videovigilancia")]

    busqueda.registrar(Buscador("camara", "Cámaras", "Videovigilancia", buscar_camaras, orden=999))
    try:
        assert busqueda.buscar(usuario("consulta"), "cam-001")[0].tipo == "camara"
        assert _tipos(busqueda.buscar(usuario("consulta"), "computadora"))[-1] == "camara"
    finally:
        busqueda.quitar("camara")
    with pytest.raises(ValueError):
        busqueda.registrar(Buscador("", "", "", buscar_camaras))
