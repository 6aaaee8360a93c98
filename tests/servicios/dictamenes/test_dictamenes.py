"""Dictámenes técnicos (procedimiento 4): ciclo completo, PDF firmado por el titular, baja."""
from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest

from app.modelos import Bien, ContadorFolio, Dictamen, Oficio, inventario as inv
from app.servicios.nucleo import bitacora
from app.servicios.catalogos import catalogos
from app.servicios.dictamenes import dictamenes
from app.servicios.inventario import baja_por_dictamen
from app.servicios.oficios import oficios
from app.errores import ErrorDTI, ErrorPermiso, ErrorTransicion, ErrorValidacion
from tests.ayudas_dictamenes import crear_bien
from tests.conftest import hace_dias, usuario


@pytest.fixture
def base(bd, monkeypatch):
    """Demostración general sin la de dictámenes y licencias: cada prueba arma sus propios datos."""
    from app.demo import carga as demo, dictamenes_licencias as demo_dictamenes_licencias

    monkeypatch.setattr(demo_dictamenes_licencias, "cargar", lambda *_a: {})
    demo.cargar_demo()
    return bd


def _texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def _oficio_solicitud(numero: str = "DE/0301/2026") -> Oficio:
    return oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio=numero, fecha_documento=hace_dias(2),
        procedencia=catalogos.dependencia_por_nombre("Dirección de Egresos"),
        solicitante_nombre="Ricardo Flores Aguilar", solicitante_cargo="Director de Egresos", firmado=True,
        descripcion="Solicita dictamen técnico de la computadora de la caja 2, que no arranca.")


def _en_revision(bien: Bien | None = None) -> Dictamen:
    bien = bien or crear_bien()
    soporte = usuario("soporte")
    dictamen = dictamenes.registrar_solicitud(soporte, bien=bien, oficio=_oficio_solicitud())
    dictamen = dictamenes.programar_recepcion(soporte, dictamen, dictamen.version,
                                              recepcion_acordada=dt.datetime.combine(hace_dias(-3), dt.time(10, 30)),
                                              acuerdo_telefonico="Se acordó con Ricardo Flores, ext. 206.")
    return dictamenes.recibir_equipo(soporte, dictamen, dictamen.version, entregado_por="Luis Pérez, auxiliar")


def _evaluar(dictamen: Dictamen, resultado: str, **cambios) -> Dictamen:
    datos = dict(pruebas="Prueba de encendido: no arranca.\nDiagnóstico de fuente: falla la tarjeta madre.",
                 resultado=resultado, posible_solucion="", conclusion="",
                 fecha_fabricacion=dictamen.fecha_fabricacion, marca=dictamen.marca, modelo=dictamen.modelo,
                 caracteristicas_hardware=dictamen.caracteristicas_hardware,
                 caracteristicas_software=dictamen.caracteristicas_software)
    datos.update(cambios)
    return dictamenes.capturar_evaluacion(usuario("soporte"), dictamen, dictamen.version, **datos)


def test_ciclo_completo_no_apto_con_pdf_del_titular(base):
    bien = crear_bien()
    dictamen = _en_revision(bien)
    assert Bien.get_by_id(bien.id).estado == inv.EN_DICTAMEN
    # Criterios prellenados desde el bien.
    assert (dictamen.marca, dictamen.modelo) == ("HP", "ProDesk 400 G4")
    assert dictamen.fecha_fabricacion == dt.date(2017, 3, 15)
    assert "Core i5-7500" in dictamen.caracteristicas_hardware
    # …y editables.
    dictamen = _evaluar(dictamen, dictamenes.NO_APTO, marca="Hewlett-Packard",
                        caracteristicas_software="Windows 7 Professional sin soporte")
    emitido = baja_por_dictamen.emitir_dictamen(usuario("soporte"), dictamen, dictamen.version)
    assert emitido.folio == f"DTI/DT/0001/{emitido.anio}"
    assert emitido.estado == dictamenes.EMITIDO
    guardado = Dictamen.get_by_id(emitido.id)
    assert bytes(guardado.pdf) == dictamenes.pdf_de_dictamen(guardado)
    import hashlib
    assert guardado.sha256 == hashlib.sha256(bytes(guardado.pdf)).hexdigest()
    texto = _texto_pdf(bytes(guardado.pdf))
    for esperado in ("DICTAMEN TÉCNICO", emitido.folio, "SMT-TIC-00123", "Fecha de fabricación", "15/03/2017",
                     "Hewlett-Packard", "ProDesk 400 G4", "Core i5-7500", "Windows 7 Professional sin soporte",
                     "Pruebas realizadas", "falla la tarjeta madre", "NO APTO PARA OPERAR",
                     "se autoriza iniciar el", "DE/0301/2026"):
        assert esperado in texto, esperado
    # Firma solo el titular de la DTI (política 1).
    titular = catalogos.institucion().titular_dti
    assert titular.nombre in texto and titular.cargo in texto
    assert texto.count("Director de Tecnologías de la Información") == 1
    assert "Jefe del Departamento de Soporte Técnico" not in texto
    # El bien sale de «En dictamen»: el «no apto» abre su baja en el inventario (oficio a
    # Armonización Contable) y el historial lo cuenta.
    from app.servicios.inventario import movimientos

    assert Bien.get_by_id(bien.id).estado == inv.BAJA_SOLICITADA
    baja = movimientos.pendiente_de(bien.id)
    assert baja.tipo == "baja" and baja.dictamen_id == emitido.id == Dictamen.get_by_id(emitido.id).id
    assert Dictamen.get_by_id(emitido.id).movimiento_baja_id == baja.id
    assert "Se abrió la solicitud de baja" in emitido.aviso_baja
    historial = dictamenes.historial_de_bien(bien.id)
    assert [e["tipo"] for e in historial][:3] == ["Solicitud de dictamen", "Equipo recibido para dictamen",
                                                  "Dictamen emitido"]
    assert historial[2]["referencia"] == emitido.folio
    assert "No apto" in historial[2]["descripcion"]
    assert not bitacora.verificar()


def test_reparable_exige_posible_solucion_y_deja_el_bien_en_reparacion(base):
    dictamen = _en_revision()
    with pytest.raises(ErrorValidacion) as error:
        _evaluar(dictamen, dictamenes.REPARABLE)
    assert "posible_solucion" in error.value.campos()
    dictamen = _evaluar(Dictamen.get_by_id(dictamen.id), dictamenes.REPARABLE,
                        posible_solucion="Sustituir la fuente de poder de 250 W.")
    emitido = baja_por_dictamen.emitir_dictamen(usuario("director"), dictamen, dictamen.version)
    texto = _texto_pdf(bytes(emitido.pdf))
    assert "REPARABLE" in texto and "Sustituir la fuente de poder de 250 W." in texto
    assert Bien.get_by_id(emitido.bien_id).estado == inv.EN_REPARACION


def test_solicitud_exige_oficio_y_no_escribe_nada(base):
    bien = crear_bien()
    antes = Dictamen.select().count()
    with pytest.raises(ErrorValidacion) as error:
        dictamenes.registrar_solicitud(usuario("soporte"), bien=bien)
    assert "oficio" in error.value.campos()
    assert Dictamen.select().count() == antes


def test_solicitud_registra_el_oficio_en_la_misma_transaccion(base):
    bien = crear_bien()
    datos = dict(numero_oficio="DIF/0077/2026", fecha_documento=hace_dias(4),
                 procedencia=catalogos.dependencia_por_nombre("Sistema Municipal DIF"),
                 solicitante_nombre="Patricia Morales Guzmán", firmado=True,
                 descripcion="Dictamen de la impresora del área de psicología.")
    dictamen = dictamenes.registrar_solicitud(usuario("soporte"), bien=bien, oficio_nuevo=datos)
    assert dictamen.oficio_solicitud.numero_oficio == "DIF/0077/2026"
    assert dictamen.dependencia.nombre == "Sistema Municipal DIF"
    assert dictamen.estado == dictamenes.SOLICITADO
    # Un segundo dictamen del mismo bien en curso se rechaza.
    with pytest.raises(ErrorValidacion, match="dictamen en curso"):
        dictamenes.registrar_solicitud(usuario("soporte"), bien=bien, oficio=_oficio_solicitud("X/1/2026"))


def test_no_se_emite_sin_pruebas_ni_resultado_y_no_gasta_folio(base):
    dictamen = _en_revision()
    with pytest.raises(ErrorValidacion) as error:
        baja_por_dictamen.emitir_dictamen(usuario("soporte"), dictamen, dictamen.version)
    assert set(error.value.campos()) == {"pruebas", "resultado"}
    assert ContadorFolio.select().where(ContadorFolio.serie == dictamenes.SERIE_DICTAMENES).count() == 0


def test_no_se_emite_sin_titular_configurado(base):
    dictamen = _evaluar(_en_revision(), dictamenes.OPERATIVO)
    institucion = catalogos.institucion()
    institucion.titular_dti = None
    bitacora.guardar(institucion, "sin titular")
    with pytest.raises(ErrorDTI, match="titular"):
        baja_por_dictamen.emitir_dictamen(usuario("soporte"), dictamen, dictamen.version)
    assert Dictamen.get_by_id(dictamen.id).folio is None


def test_transiciones_fuera_de_orden_se_rechazan(base):
    bien = crear_bien()
    dictamen = dictamenes.registrar_solicitud(usuario("soporte"), bien=bien, oficio=_oficio_solicitud())
    with pytest.raises(ErrorTransicion, match="reciba el equipo"):
        _evaluar(dictamen, dictamenes.OPERATIVO)
    with pytest.raises(ErrorTransicion):
        baja_por_dictamen.emitir_dictamen(usuario("soporte"), dictamen, dictamen.version)


def test_permisos(base):
    bien = crear_bien()
    with pytest.raises(ErrorPermiso):
        dictamenes.registrar_solicitud(usuario("consulta"), bien=bien, oficio=_oficio_solicitud())
    dictamen = _evaluar(_en_revision(bien), dictamenes.OPERATIVO)
    # El asistente captura, pero emitir (con folio) es de jefatura; redes no atiende Soporte Técnico.
    with pytest.raises(ErrorPermiso):
        baja_por_dictamen.emitir_dictamen(usuario("asistente"), dictamen, dictamen.version)
    with pytest.raises(ErrorPermiso):
        baja_por_dictamen.emitir_dictamen(usuario("redes"), dictamen, dictamen.version)


def test_cancelar_en_revision_devuelve_el_bien_y_el_emitido_lleva_marca(base):
    bien = crear_bien()
    dictamen = _en_revision(bien)
    dictamenes.cancelar_dictamen(usuario("director"), dictamen, "El área retiró la solicitud.")
    assert Bien.get_by_id(bien.id).estado == inv.EN_USO
    otro = _evaluar(_en_revision(bien), dictamenes.OPERATIVO)
    emitido = baja_por_dictamen.emitir_dictamen(usuario("director"), otro, otro.version)
    original = bytes(emitido.pdf)
    dictamenes.cancelar_dictamen(usuario("director"), emitido, "Se capturó otro bien por error.")
    cancelado = Dictamen.get_by_id(emitido.id)
    assert bytes(cancelado.pdf) == original        # lo congelado no cambia
    assert "CANCELADO" in _texto_pdf(dictamenes.pdf_de_dictamen(cancelado))
    assert [e["tipo"] for e in dictamenes.historial_de_bien(bien.id)][-1] == "Dictamen cancelado"


def test_validar_para_baja_y_marcar_usado(base):
    bien = crear_bien()
    otro_bien = crear_bien("SMT-TIC-00456")
    with pytest.raises(ErrorValidacion, match="no existe"):
        dictamenes.validar_dictamen_para_baja(999999, bien.id)
    operativo = baja_por_dictamen.emitir_dictamen(usuario("soporte"), (d := _evaluar(_en_revision(bien), "operativo")),
                                           d.version)
    with pytest.raises(ErrorValidacion, match="solo uno «no apto para operar»"):
        dictamenes.validar_dictamen_para_baja(operativo.id, bien.id)
    en_revision = _en_revision(bien)
    with pytest.raises(ErrorValidacion, match="aún no se emite"):
        dictamenes.validar_dictamen_para_baja(en_revision.id, bien.id)
    no_apto = _evaluar(en_revision, dictamenes.NO_APTO)
    no_apto = baja_por_dictamen.emitir_dictamen(usuario("soporte"), no_apto, no_apto.version)
    with pytest.raises(ErrorValidacion, match="es del bien SMT-TIC-00123"):
        dictamenes.validar_dictamen_para_baja(no_apto.id, otro_bien.id)
    # Al emitirse abrió la baja del bien: ya no sirve para otra.
    assert Dictamen.get_by_id(no_apto.id).movimiento_baja_id is not None
    with pytest.raises(ErrorValidacion, match="ya se usó para la baja"):
        dictamenes.validar_dictamen_para_baja(no_apto.id, bien.id)
    with pytest.raises(ErrorTransicion, match="sustenta la baja"):
        dictamenes.cancelar_dictamen(usuario("director"), Dictamen.get_by_id(no_apto.id), "error")
    assert dictamenes.historial_de_bien(bien.id)[-1]["tipo"] == "Baja autorizada por dictamen"
    # Cancelado: razón clara.
    sofia = catalogos.servidor_por_nombre("Sofía Navarro Peña")
    tercero = crear_bien("SMT-TIC-00789", resguardante=sofia, dependencia=sofia.dependencia)
    # Con otro movimiento pendiente del bien, el «no apto» se emite sin abrir la baja (lo avisa)
    # y todavía se puede cancelar.
    from app.servicios.inventario import movimientos

    en_revision = _en_revision(tercero)
    movimientos.solicitar_alta(usuario("redes"), [tercero.id])
    cancelable = baja_por_dictamen.emitir_dictamen(usuario("soporte"), (d := _evaluar(en_revision, "no_apto")),
                                            d.version)
    assert "No se abrió la baja del bien" in cancelable.aviso_baja
    dictamenes.cancelar_dictamen(usuario("director"), cancelable, "Equipo equivocado")
    with pytest.raises(ErrorValidacion, match="está cancelado"):
        dictamenes.validar_dictamen_para_baja(cancelable.id, tercero.id)
    assert not bitacora.verificar()


def test_folios_consecutivos_y_consulta(base):
    folios = []
    for i in range(3):
        bien = crear_bien(f"SMT-TIC-0100{i}")
        d = _evaluar(_en_revision(bien), dictamenes.OPERATIVO)
        folios.append(baja_por_dictamen.emitir_dictamen(usuario("soporte"), d, d.version).folio)
    assert [f.split("/")[2] for f in folios] == ["0001", "0002", "0003"]
    filas = dictamenes.consultar(busqueda="smt-tic-01001")
    assert [f["numero_inventario"] for f in filas] == ["SMT-TIC-01001"]
    assert dictamenes.consultar(resultado=dictamenes.NO_APTO) == []
    anio = dictamenes.por_folio(folios[0]).anio
    assert len(dictamenes.consultar(anio=anio)) == 3 and dictamenes.consultar(anio=anio - 1) == []
    assert dictamenes.por_folio(folios[1]).bien.numero_inventario == "SMT-TIC-01001"


def test_texto_hostil_en_el_pdf(base):
    dictamen = _evaluar(_en_revision(), dictamenes.OPERATIVO,
                        pruebas='<img src="C:/x.png"/> & <b>prueba</b> 💻 =HYPERLINK("x")\x00',
                        caracteristicas_hardware="RAM 8 GB\u202e invertido")
    emitido = baja_por_dictamen.emitir_dictamen(usuario("soporte"), dictamen, dictamen.version)
    texto = _texto_pdf(bytes(emitido.pdf))
    assert '<img src="C:/x.png"/> & <b>prueba</b>' in texto


def test_la_demostracion_trae_dictamenes_y_licencias(demo):
    filas = dictamenes.consultar()
    assert {f["estado"] for f in filas} == {dictamenes.EMITIDO, dictamenes.EN_REVISION, dictamenes.PROGRAMADO}
    emitidos = [dictamenes.obtener(f["id"]) for f in filas if f["folio"]]
    assert {d.resultado for d in emitidos} == {dictamenes.NO_APTO, dictamenes.REPARABLE}
    assert all("NO APTO" in _texto_pdf(bytes(d.pdf)) or "REPARABLE" in _texto_pdf(bytes(d.pdf)) for d in emitidos)
    from app.servicios.licencias import licencias

    alertas = licencias.consultar_licencias(alerta="alguna")
    assert {f["software"] for f in alertas} == {"CONTPAQi Nóminas", "Microsoft 365 Empresa Estándar",
                                                 "ESET PROTECT Entry"}
    assert {f["decision"] for f in licencias.solicitudes()} == {"asignada", "adquisicion", "alternativa_libre"}
    assert not bitacora.verificar()


def test_dos_pc_capturan_la_misma_evaluacion(base):
    from app.errores import ErrorConflicto

    primera = _en_revision()
    segunda = Dictamen.get_by_id(primera.id)          # la otra PC lo abrió al mismo tiempo
    _evaluar(primera, dictamenes.OPERATIVO)
    with pytest.raises(ErrorConflicto):
        _evaluar(segunda, dictamenes.NO_APTO)
    assert Dictamen.get_by_id(primera.id).resultado == dictamenes.OPERATIVO
