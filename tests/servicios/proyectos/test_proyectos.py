"""Proyectos (procedimientos 3, 11, 13, 15 y 18): cada procedimiento por sus decisiones y cada política."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from app.errores import ErrorPermiso, ErrorValidacion
from app.modelos import Proyecto, ServidorPublico, VersionDiseno
from app.modelos.proyectos import MANUAL_USUARIO, MEMORIA_TECNICA
from app.servicios.nucleo import bitacora
from app.servicios.oficios import oficios
from app.servicios.proyectos import oficios_proyecto, proyectos
from app.tiempo import hoy_mexico
from app.modelos import ahora
from tests.conftest import usuario
from tests.servicios.proyectos.ayudas import huella, oficio, pasos, pdf, tramite, tramite_paso

HOY = dt.date(2026, 11, 18)


def _todos(procedimiento: int, valor: bool = True) -> dict[str, bool]:
    return {clave: valor for clave, _ in proyectos.criterios_de(procedimiento)}


def _texto_pdf(contenido: bytes) -> str:
    documento = pdfium.PdfDocument(contenido)
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def _reunion(actor, proyecto, minutos: int = 45, **extra):
    return proyectos.registrar_reunion(actor, proyecto, fecha=ahora() - dt.timedelta(hours=2),
                                       duracion_minutos=minutos, asistentes="Martha Elena Cruz Solís\nAndrés Limón",
                                       acuerdos="Se revisó el alcance.", minuta=pdf("minuta.pdf"), **extra)


def _tarea(actor, proyecto, avance: int = 0):
    return proyectos.guardar_tarea(actor, proyecto, nombre="Análisis", responsable="Andrés Limón",
                                   inicio=hoy_mexico(), fin=hoy_mexico() + dt.timedelta(days=4), avance=avance)


def _aprobar(actor, proyecto, descripcion: str = "Diseño"):
    version = proyectos.proponer_version(actor, proyecto, descripcion=descripcion)
    return proyectos.resolver_version(actor, version, aprobada=True, resuelto_por="Titular de la dependencia")


def test_procedimiento_3_viable_con_ciclos_de_diseno_y_ajustes_hasta_la_entrega(base):
    sistemas = usuario("sistemas")
    p = proyectos.registrar(sistemas, procedimiento=3, nombre="Sistema de turnos", oficio=oficio())
    assert tramite(p).modulo == "proyectos" and tramite(p).paso_actual == "2"
    proyectos.evaluar_viabilidad(sistemas, p, _todos(3), justificacion="Hay servidor y partida.",
                                 costo_estimado="$38,500.00")
    assert tramite(p).paso_actual == "4" and Proyecto.get_by_id(p.id).costo_estimado == Decimal("38500.00")
    # Sin la reunión del plan de trabajo (actividad 4) el diseño no se somete.
    with pytest.raises(ErrorValidacion, match="reunión"):
        proyectos.proponer_version(sistemas, p, descripcion="v1")
    _tarea(sistemas, p, 50)
    _reunion(sistemas, p)
    v1 = proyectos.proponer_version(sistemas, p, descripcion="Pantalla única")
    assert tramite(p).paso_actual == "5"
    proyectos.resolver_version(sistemas, v1, aprobada=False, resuelto_por="Martha Elena Cruz Solís",
                               motivo="Faltan los turnos preferentes.")
    assert tramite(p).paso_actual == "5.1"
    v2 = proyectos.proponer_version(sistemas, p, descripcion="Con turnos preferentes")
    proyectos.resolver_version(sistemas, v2, aprobada=True, resuelto_por="Martha Elena Cruz Solís")
    # La historia del diseño se conserva: la versión 1 sigue rechazada con su motivo.
    historia = [(v.numero, v.estado, v.motivo) for v in proyectos.versiones(p)]
    assert historia == [(1, "rechazada", "Faltan los turnos preferentes."), (2, "aprobada", "")]
    assert tramite(p).paso_actual == "6"
    proyectos.iniciar_desarrollo(sistemas, p)
    proyectos.presentar_beta(sistemas, p, version_beta="0.1")
    proyectos.resolver_beta(sistemas, p, aceptada=False, observaciones="Letra más grande.")
    assert tramite(p).paso_actual == "7.1"
    proyectos.presentar_beta(sistemas, p, version_beta="0.2")
    proyectos.resolver_beta(sistemas, p, aceptada=True)
    assert tramite(p).paso_actual == "8"
    salida = oficios_proyecto.entregar(sistemas, p, fecha=hoy_mexico())
    assert tramite(p).estado == "concluido"
    assert [x[0] for x in pasos(p)] == ["0", "1", "2", "3", "4", "5", "5.1", "5", "6", "7", "7.1", "7", "8"]
    texto = _texto_pdf(oficios.pdf_de_oficio(salida))
    assert salida.folio in texto and "Miguel Ángel Mendoza López" in texto and "DI/0131/2026" in texto
    assert bitacora.verificar() == []


def test_procedimiento_3_no_viable_responde_con_oficio_y_concluye(base):
    sistemas = usuario("sistemas")
    p = proyectos.registrar(sistemas, procedimiento=3, nombre="Videomuro", oficio=oficio())
    criterios = {"tecnologia": True, "presupuesto": False}
    proyectos.evaluar_viabilidad(sistemas, p, criterios, justificacion="Sin partida presupuestal.")
    assert tramite(p).paso_actual == "3.1" and Proyecto.get_by_id(p.id).viable is False
    salida = oficios_proyecto.responder_no_viable(sistemas, p, motivo="No hay recursos económicos este año.")
    assert tramite(p).estado == "concluido" and pasos(p)[-2] == ("3", "No", "3.1")
    assert "No hay recursos económicos" in _texto_pdf(oficios.pdf_de_oficio(salida))
    with pytest.raises(Exception, match="no admite cambios"):
        _tarea(sistemas, p)


def test_procedimiento_11_completo_requerimientos_hardware_y_beta(base):
    sistemas = usuario("sistemas")
    p = proyectos.registrar(sistemas, procedimiento=11, nombre="Expedientes de personal", oficio=oficio("RH/1", "RH"))
    proyectos.evaluar_viabilidad(sistemas, p, {**_todos(11), "red": False}, justificacion="La red no llega.")
    assert tramite(p).paso_actual == "1"          # se informa su no viabilidad y se espera nueva propuesta
    proyectos.evaluar_viabilidad(sistemas, p, _todos(11), justificacion="Se amplió la red.")
    assert tramite(p).paso_actual == "3"
    assert [c["ronda"] for c in proyectos.criterios_evaluados(p)] == [1] * 4 + [2] * 4
    with pytest.raises(ErrorValidacion, match="Registre los requerimientos"):
        proyectos.revisar_requerimientos(sistemas, p, True)
    proyectos.agregar_requerimiento(sistemas, p, "Alta y consulta de expedientes.")
    proyectos.revisar_requerimientos(sistemas, p, False, "Faltan los tipos de documento.")
    assert tramite(p).paso_actual == "4.1"
    _reunion(sistemas, p, requerimientos=["Catálogo de tipos de documento"])
    assert tramite(p).paso_actual == "4"
    proyectos.revisar_requerimientos(sistemas, p, True)
    _tarea(sistemas, p, 20)
    proyectos.presentar_plan(sistemas, p)
    proyectos.verificar_hardware(sistemas, p, False, "Un escáner.")
    assert (tramite(p).paso_actual, Proyecto.get_by_id(p.id).etapa) == ("6.1", "espera_hardware")
    # Política: el proyecto espera el hardware que le falta a la dependencia.
    _aprobar(sistemas, p)
    with pytest.raises(ErrorValidacion, match="subsane el hardware"):
        proyectos.iniciar_desarrollo(sistemas, p)
    proyectos.verificar_hardware(sistemas, p, True)
    proyectos.iniciar_desarrollo(sistemas, p)
    proyectos.presentar_beta(sistemas, p, version_beta="1.0-beta")
    proyectos.resolver_beta(sistemas, p, aceptada=False, observaciones="Falta el buscador.")
    assert tramite(p).paso_actual == "9.1"
    proyectos.presentar_beta(sistemas, p, version_beta="1.0-beta2")
    proyectos.resolver_beta(sistemas, p, aceptada=True)
    assert tramite(p).paso_actual == "9"
    for tipo in (MEMORIA_TECNICA, MANUAL_USUARIO):
        proyectos.adjuntar_entregable(sistemas, p, tipo, pdf(f"{tipo}.pdf"))
    oficios_proyecto.entregar(sistemas, p, fecha=hoy_mexico(), ubicacion_fuente="git.texmelucan.gob.mx/dti/rh")
    assert tramite(p).estado == "concluido" and [x[0] for x in pasos(p)][-3:] == ["8", "9", "10"]


def test_entrega_sin_memoria_tecnica_o_manual_se_rehusa_con_su_razon(base):
    sistemas = usuario("sistemas")
    p = proyectos.registrar(sistemas, procedimiento=13, nombre="Micrositio", oficio=oficio("UT/1", "UT"))
    proyectos.evaluar_viabilidad(sistemas, p, _todos(13), justificacion="Servidor web actual.")
    with pytest.raises(ErrorValidacion, match="30 a 60 minutos"):
        _reunion(sistemas, p, minutos=90)
    _reunion(sistemas, p, minutos=30)
    assert tramite(p).paso_actual == "3"
    _tarea(sistemas, p, 100)
    _aprobar(sistemas, p)
    assert tramite(p).paso_actual == "6"
    proyectos.iniciar_desarrollo(sistemas, p)
    proyectos.adjuntar_entregable(sistemas, p, MANUAL_USUARIO, pdf("manual.pdf"))
    antes = huella()
    with pytest.raises(ErrorValidacion) as exc:
        oficios_proyecto.entregar(sistemas, p, fecha=hoy_mexico(), url="https://texmelucan.gob.mx/ut",
                                  ubicacion_fuente="git/ut")
    assert "memoria técnica" in str(exc.value) and huella() == antes
    proyectos.adjuntar_entregable(sistemas, p, MEMORIA_TECNICA, pdf("memoria.pdf"))
    with pytest.raises(ErrorValidacion, match="código fuente"):
        oficios_proyecto.entregar(sistemas, p, fecha=hoy_mexico(), url="https://texmelucan.gob.mx/ut")
    oficios_proyecto.entregar(sistemas, p, fecha=hoy_mexico(), url="https://texmelucan.gob.mx/ut",
                              ubicacion_fuente="git/ut")
    assert tramite(p).estado == "concluido" and [x[0] for x in pasos(p)][-2:] == ["6", "7"]


def test_manual_de_usuario_faltante_tambien_se_rehusa(base):
    sistemas = usuario("sistemas")
    p = proyectos.registrar(sistemas, procedimiento=15, nombre="Carga de padrones", oficio=oficio("SB/1", "SB"))
    proyectos.evaluar_viabilidad(sistemas, p, _todos(15), justificacion="Carga de Excel.")
    _tarea(sistemas, p)
    v = proyectos.proponer_version(sistemas, p, descripcion="Plan y formato")
    assert tramite(p).paso_actual == "4"
    proyectos.resolver_version(sistemas, v, aprobada=False, resuelto_por="Bienestar", motivo="Falta la CURP.")
    assert tramite(p).paso_actual == "4.1"
    _aprobar(sistemas, p, "Con CURP")
    assert tramite(p).paso_actual == "5"
    proyectos.iniciar_desarrollo(sistemas, p)
    proyectos.presentar_beta(sistemas, p, version_beta="0.9")
    assert tramite(p).paso_actual == "7"
    proyectos.resolver_beta(sistemas, p, aceptada=True)
    proyectos.adjuntar_entregable(sistemas, p, MEMORIA_TECNICA, pdf("memoria.pdf"))
    with pytest.raises(ErrorValidacion, match="manual de usuario"):
        oficios_proyecto.entregar(sistemas, p, fecha=hoy_mexico(), ubicacion_fuente="git/sb")
    proyectos.adjuntar_entregable(sistemas, p, MANUAL_USUARIO, pdf("manual.pdf"))
    oficios_proyecto.entregar(sistemas, p, fecha=hoy_mexico(), ubicacion_fuente="git/sb")
    assert tramite(p).estado == "concluido"


def test_desarrollo_sobre_version_no_aprobada_se_rehusa(base):
    sistemas = usuario("sistemas")
    p = proyectos.registrar(sistemas, procedimiento=15, nombre="Carga", oficio=oficio("SB/2", "SB"))
    proyectos.evaluar_viabilidad(sistemas, p, _todos(15), justificacion="Viable.")
    with pytest.raises(ErrorValidacion, match="sin un diseño aprobado"):
        proyectos.iniciar_desarrollo(sistemas, p)
    _tarea(sistemas, p)
    v1 = proyectos.proponer_version(sistemas, p, descripcion="v1")
    with pytest.raises(ErrorValidacion, match="versión 1 del diseño está por aprobar"):
        proyectos.iniciar_desarrollo(sistemas, p)
    proyectos.resolver_version(sistemas, v1, aprobada=False, resuelto_por="Bienestar", motivo="No.")
    antes = huella()
    with pytest.raises(ErrorValidacion, match="está rechazada; la dependencia solicitante debe aprobarla"):
        proyectos.iniciar_desarrollo(sistemas, p)
    assert huella() == antes and Proyecto.get_by_id(p.id).desarrollo_iniciado_en is None
    # El rechazo pide motivo y una versión resuelta no se vuelve a resolver.
    v2 = proyectos.proponer_version(sistemas, p, descripcion="v2")
    with pytest.raises(ErrorValidacion, match="Motivo del rechazo"):
        proyectos.resolver_version(sistemas, v2, aprobada=False, resuelto_por="Bienestar")
    with pytest.raises(ErrorValidacion, match="ya fue rechazada"):
        proyectos.resolver_version(sistemas, VersionDiseno.get_by_id(v1.id), aprobada=True, resuelto_por="X")


def _infraestructura(redes):
    p = proyectos.registrar(redes, procedimiento=18, nombre="Nodo DIF", oficio=oficio("DIF/1", "DIF"))
    return p


def test_procedimiento_18_observaciones_firmadas_y_entrega_con_autoridad(base):
    redes = usuario("redes")
    tesorero = ServidorPublico.get(ServidorPublico.nombre == "José Javier Gregorio Pérez Hernández")
    director = ServidorPublico.get(ServidorPublico.nombre == "Miguel Ángel Mendoza López")
    p = _infraestructura(redes)
    proyectos.evaluar_viabilidad(redes, p, {"tecnica": False, "materiales": True}, justificacion="Sin canalización.")
    assert tramite(p).paso_actual == "3.1"
    antes = huella()
    # Política 3: el director no firma sin la autorización del Tesorero registrada.
    with pytest.raises(ErrorValidacion, match="autorización del Tesorero Municipal registrada"):
        oficios_proyecto.responder_no_viable(redes, p, motivo="Falta canalización.", firmante=director)
    assert huella() == antes
    otro = ServidorPublico.get(ServidorPublico.nombre == "Isaías Soto López")
    with pytest.raises(ErrorValidacion, match="no puede firmar esta respuesta"):
        oficios_proyecto.responder_no_viable(redes, p, motivo="Falta canalización.", firmante=otro)
    respuesta = oficios_proyecto.responder_no_viable(redes, p, motivo="Falta canalización.", firmante=tesorero)
    assert tesorero.nombre in _texto_pdf(oficios.pdf_de_oficio(respuesta))
    proyectos.evaluar_viabilidad(redes, p, _todos(18), justificacion="Ya hay canalización.")
    assert tramite(p).paso_actual == "3.2"
    _tarea(redes, p, 100)
    _aprobar(redes, p)
    assert tramite(p).paso_actual == "4.2"
    proyectos.iniciar_desarrollo(redes, p)
    datos = dict(fecha=hoy_mexico(), ubicacion="DIF, área de psicología", trabajos_realizados="Nodo categoría 6.")
    with pytest.raises(ErrorValidacion, match="autorización del Tesorero"):
        oficios_proyecto.entregar(redes, p, firmante=director, **datos)
    salida = oficios_proyecto.entregar(redes, p, firmante=director, autorizacion="Oficio TM/0988/2026", **datos)
    texto = " ".join(_texto_pdf(oficios.pdf_de_oficio(salida)).split())
    assert director.nombre in texto and "por autorización del Tesorero Municipal" in texto and "TM/0988/2026" in texto
    assert Proyecto.get_by_id(p.id).autorizacion_tesorero == "Oficio TM/0988/2026"
    assert tramite(p).estado == "concluido" and [x[0] for x in pasos(p)][-2:] == ["4.2", "5"]


def test_entradas_hostiles_dan_error_claro_y_no_escriben(base, tmp_path):
    sistemas = usuario("sistemas")
    antes = huella()
    with pytest.raises(ErrorValidacion, match="3, 11, 13, 15 o 18"):
        proyectos.registrar(sistemas, procedimiento="'; DROP TABLE proyecto; --", nombre="x", oficio=oficio())
    antes = huella()
    with pytest.raises(ErrorValidacion, match="oficio de solicitud"):
        proyectos.registrar(sistemas, procedimiento=11, nombre="Sin oficio", oficio=None)
    with pytest.raises(ErrorValidacion, match="Nombre del proyecto"):
        proyectos.registrar(sistemas, procedimiento=11, nombre="   \x00 ", oficio=oficio("A/1"))
    p = proyectos.registrar(sistemas, procedimiento=11, nombre="Sistema", oficio=oficio("A/2"))
    antes = huella()
    with pytest.raises(ErrorValidacion, match="importe de cero o más"):
        proyectos.evaluar_viabilidad(sistemas, p, _todos(11), justificacion="x", costo_estimado="NaN$$")
    with pytest.raises(ErrorValidacion, match="Indique si se cumple"):
        proyectos.evaluar_viabilidad(sistemas, p, {"funcionalidad": "sí"}, justificacion="x")
    falso = tmp_path / "minuta.pdf"
    falso.write_bytes(b"%PDF-1.7\nesto no es un PDF")
    with pytest.raises(ErrorValidacion, match="minuta.pdf"):
        proyectos.registrar_reunion(sistemas, p, fecha=ahora(), duracion_minutos=40, asistentes="A", acuerdos="B",
                                    minuta=falso)
    with pytest.raises(ErrorValidacion, match="no puede ser futura"):
        proyectos.registrar_reunion(sistemas, p, fecha=ahora() + dt.timedelta(days=3), duracion_minutos=40,
                                    asistentes="A", acuerdos="B", minuta=pdf())
    with pytest.raises(ErrorValidacion, match="termina antes de empezar"):
        proyectos.guardar_tarea(sistemas, p, nombre="T", inicio=HOY, fin=HOY - dt.timedelta(days=1))
    with pytest.raises(ErrorValidacion, match="Avance"):
        proyectos.guardar_tarea(sistemas, p, nombre="T", inicio=HOY, fin=HOY, avance=150)
    with pytest.raises(ErrorValidacion, match="Falso"):
        proyectos.adjuntar_entregable(sistemas, p, MEMORIA_TECNICA, ("Falso.pdf", b"MZ\x90\x00 ejecutable"))
    assert huella() == antes
    with pytest.raises(ErrorPermiso):
        proyectos.registrar(usuario("consulta"), procedimiento=11, nombre="x", oficio=oficio("A/3"))
    with pytest.raises(ErrorPermiso):       # soporte no atiende el área de sistemas
        proyectos.evaluar_viabilidad(usuario("soporte"), p, _todos(11), justificacion="x")


def test_avance_del_plan_y_lista(base):
    sistemas = usuario("sistemas")
    p = proyectos.registrar(sistemas, procedimiento=13, nombre="Página del DIF", oficio=oficio("DIF/9", "DIF"))
    proyectos.guardar_tarea(sistemas, p, nombre="A", inicio=HOY, fin=HOY + dt.timedelta(days=1), avance=100)
    proyectos.guardar_tarea(sistemas, p, nombre="B", inicio=HOY, fin=HOY + dt.timedelta(days=5), avance=0)
    assert proyectos.avance_plan(p) == 25
    fila = proyectos.consultar("PAGINA del dif")[0]
    assert (fila["tipo"], fila["avance"], fila["etapa_texto"]) == ("Página web", 25, "Registrado, en análisis")
    assert fila["expediente"] == f"{tramite(p).numero} · paso 2. {tramite_paso(p)}"
    assert proyectos.por_expediente(tramite(p).id).id == p.id
