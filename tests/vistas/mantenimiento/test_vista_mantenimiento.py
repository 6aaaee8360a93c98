"""Pestaña «Mantenimiento» usada como la usaría el personal de la DTI; se comprueba lo que quedó en la base."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from app.servicios.mantenimiento import mantenimiento as servicio, servidores
from app.vistas.comun import comunes
from app.vistas.mantenimiento import respuestas as preguntas
from app.vistas.mantenimiento.mantenimiento import VistaMantenimiento
from app.vistas.mantenimiento.detalle import DialogoDetalle
from app.vistas.mantenimiento.dialogos import (DialogoCambioServidor, DialogoEquipo, DialogoPlan,
                                               DialogoProgramar)
from app.tiempo import hoy_mexico
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def reloj(reloj, request, monkeypatch):
    """Hoy es el viernes 20 de noviembre de 2026 (la demostración se acomoda a esa fecha).

    Las pruebas marcadas ``fecha`` corren en cambio en cada instante difícil del reloj de las pruebas.
    """
    if request.node.get_closest_marker("fecha") is None:
        monkeypatch.setenv("DTI_AHORA", "2026-11-20T10:00:00")
    return reloj


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(preguntas, "avisar", r.avisar)
    monkeypatch.setattr(preguntas, "confirmar", r.confirmar)
    monkeypatch.setattr(preguntas, "pedir_motivo", r.pedir_motivo)
    return r


def abrir_vista(qtbot, nombre: str = "director") -> VistaMantenimiento:
    return mostrar(qtbot, VistaMantenimiento(usuario(nombre)), 1280, 760)


def elegir(combo, dato) -> None:
    indice = combo.findData(dato)
    assert indice >= 0, f"{dato!r} no está en el combo"
    combo.setCurrentIndex(indice)


# --- Calendario ---------------------------------------------------------------------------------------

@pytest.mark.fecha
def test_calendario_muestra_el_mes_por_colores_y_doble_clic_abre_el_detalle(demo_sqlite, qtbot, respuestas):
    hoy = hoy_mexico()
    vista = abrir_vista(qtbot)
    mes = vista.calendario.mes
    assert (mes.yearShown(), mes.monthShown()) == (hoy.year, hoy.month)     # abre en el mes de hoy (en México)
    desde, hasta = mes.rango_visible()
    esperados = servicio.del_calendario(desde, hasta)
    assert esperados and mes.por_dia.keys() == esperados.keys()
    categorias = {f["categoria"] for filas in mes.por_dia.values() for f in filas}
    assert {"preventivo", "correctivo", "datos"} <= categorias
    fila = next(f for filas in mes.por_dia.values() for f in filas if f["inicio"].month == hoy.month)
    qtbot.waitUntil(lambda: mes.punto_de(fila["id"]) is not None)
    qtbot.mouseDClick(mes._tabla.viewport(), Qt.MouseButton.LeftButton, pos=mes.punto_de(fila["id"]))
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoDetalle)
    assert dialogo.panel.mantenimiento.id == fila["id"]
    assert dialogo.panel.titulo.text().startswith(fila["numero"])
    dialogo.reject()
    assert respuestas.avisos == []


@pytest.mark.fecha
def test_calendario_se_navega_con_el_teclado(demo_sqlite, qtbot, respuestas):
    hoy = hoy_mexico()
    siguiente = (hoy.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    fin_siguiente = (siguiente + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    vista = abrir_vista(qtbot)
    mes = vista.calendario.mes
    tabla = mes._tabla                    # la rejilla de días recibe el teclado
    tabla.setFocus()
    qtbot.keyClick(tabla, Qt.Key.Key_PageDown)
    assert (mes.yearShown(), mes.monthShown()) == (siguiente.year, siguiente.month)
    desde, hasta = mes.rango_visible()
    assert desde <= siguiente and hasta >= fin_siguiente
    assert mes.por_dia == servicio.del_calendario(desde, hasta)     # se recargó el mes nuevo
    # Ir a un día con un solo mantenimiento y pulsar Enter abre su detalle.
    dia, filas = next((d, f) for d, f in sorted(mes.por_dia.items()) if len(f) == 1 and d.month == siguiente.month)
    mes.setSelectedDate(QDate(dia.year, dia.month, dia.day - 1) if dia.day > 1 else QDate(dia.year, dia.month, 1))
    if dia.day > 1:
        qtbot.keyClick(tabla, Qt.Key.Key_Right)
    assert vista.calendario.fecha_elegida() == dia
    assert vista.calendario.semana.currentItem().data(Qt.ItemDataRole.UserRole) == filas[0]["id"]
    qtbot.keyClick(tabla, Qt.Key.Key_Return)
    assert isinstance(vista.dialogo, DialogoDetalle) and vista.dialogo.panel.mantenimiento.id == filas[0]["id"]
    vista.dialogo.reject()


# --- Programar: servidor de datos a las 11:00 ----------------------------------------------------------

def _programar_bd(qtbot, vista: VistaMantenimiento) -> DialogoProgramar:
    qtbot.mouseClick(vista.boton_programar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoProgramar) and dialogo.isVisible()
    elegir(dialogo.procedimiento, servicio.SERVIDORES_DATOS)
    assert dialogo.equipo.currentText().startswith("SRV-BD-TESORERÍA")
    assert "lunes a viernes 08:00–16:00" in dialogo.nota_horario.text()
    dialogo.fecha.setDate(QDate(2026, 12, 3))
    dialogo.hora.setTime(QTime(11, 0))
    teclear(qtbot, dialogo.descripcion, "Actualización acumulativa de SQL Server")
    return dialogo


def test_servidor_de_datos_a_las_11_se_rechaza_y_el_director_lo_autoriza(demo_sqlite, qtbot, respuestas):
    antes = len(servicio.consultar())
    vista = abrir_vista(qtbot, "soporte")
    dialogo = _programar_bd(qtbot, vista)
    assert not dialogo.autorizar.isVisible()          # solo el director autoriza
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert dialogo.isVisible()
    assert "Las 11:00 del jueves 3 de diciembre es horario laboral (lunes a viernes 08:00–16:00)" \
        in dialogo.errores.text()
    assert dialogo.fecha.property("error") is True
    assert len(servicio.consultar()) == antes
    dialogo.reject()

    vista = abrir_vista(qtbot, "director")
    dialogo = _programar_bd(qtbot, vista)
    assert dialogo.autorizar.isVisible()
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert "puede autorizarlo" in dialogo.errores.text()
    dialogo.autorizar.setChecked(True)
    teclear(qtbot, dialogo.motivo, "Tesorería acepta una hora sin sistema por el cierre del mes.")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    [nuevo] = [f for f in servicio.consultar(dt.date(2026, 12, 3), dt.date(2026, 12, 3))
               if f["inicio"].hour == 11]
    registro = servicio.obtener(nuevo["id"])
    assert registro.autorizado_por.nombre_usuario == "director"
    assert "cierre del mes" in registro.motivo_autorizacion
    assert any("cierre del mes" in e["descripcion"]
               for e in servidores.consultar_bitacora(busqueda="cierre del mes"))
    assert "Se programó el mantenimiento " + registro.numero in respuestas.texto()
    assert vista.calendario.fecha_elegida() == dt.date(2026, 12, 3)
    assert nuevo["id"] in [f["id"] for f in vista.calendario.mes.por_dia[dt.date(2026, 12, 3)]]


def test_un_correctivo_avisa_que_desplazo_al_preventivo(demo_sqlite, qtbot, respuestas):
    preventivo = next(f for f in servicio.consultar(dt.date(2026, 11, 21), dt.date(2027, 2, 1))
                      if f["categoria"] == "preventivo" and f["estado"] == servicio.PROGRAMADO)
    vista = abrir_vista(qtbot, "soporte")
    qtbot.mouseClick(vista.boton_programar, Qt.MouseButton.LeftButton)
    dialogo = vista.dialogo
    elegir(dialogo.procedimiento, servicio.SERVIDORES_REDES)
    elegir(dialogo.clase, servicio.CORRECTIVO)
    elegir(dialogo.equipo, preventivo["dispositivo_id"])
    dia = preventivo["inicio"].date()
    dialogo.fecha.setDate(QDate(dia.year, dia.month, dia.day))
    dialogo.hora.setTime(QTime(7, 30))
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    movido = servicio.obtener(preventivo["id"])
    assert movido.inicio.date() > dia
    assert f"{preventivo['numero']} ({preventivo['dispositivo']})" in respuestas.texto()
    assert "tiene prioridad" in respuestas.texto()


# --- Lista y detalle: el ciclo de verificación ---------------------------------------------------------

def test_ciclo_completo_desde_la_lista(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "director")
    vista.pestanas.setCurrentWidget(vista.lista)
    lista = vista.lista
    pendiente = next(f for f in servicio.consultar() if f["requiere_aviso"])
    lista.seleccionar(pendiente["id"])
    detalle = lista.detalle
    assert detalle.mantenimiento.id == pendiente["id"]
    assert "Avisar por oficio" in detalle.campos["siguiente"].text()
    assert detalle.boton_avisar.isEnabled() and detalle.boton_realizado.isEnabled()
    assert not detalle.boton_funciona.isEnabled()

    respuestas.si = False                       # el usuario se arrepiente: no se emite nada
    qtbot.mouseClick(detalle.boton_avisar, Qt.MouseButton.LeftButton)
    assert detalle.lista_avisos.count() == 0
    respuestas.si = True
    qtbot.mouseClick(detalle.boton_avisar, Qt.MouseButton.LeftButton)
    assert detalle.lista_avisos.count() == len(servicio.ids_dependencias(pendiente["dependencias"]))
    assert detalle.lista_avisos.item(0).text().startswith("TM/DTI/")

    respuestas.motivo = "Se hizo la limpieza y el respaldo."
    qtbot.mouseClick(detalle.boton_realizado, Qt.MouseButton.LeftButton)
    assert servicio.obtener(pendiente["id"]).estado == servicio.POR_VERIFICAR
    assert "¿Funcionan correctamente" in detalle.campos["siguiente"].text()
    respuestas.motivo = "El puerto 12 no levanta."
    qtbot.mouseClick(detalle.boton_fallas, Qt.MouseButton.LeftButton)
    assert servicio.obtener(pendiente["id"]).estado == servicio.EN_AJUSTES
    respuestas.motivo = "Se cambió el cable del puerto 12."
    qtbot.mouseClick(detalle.boton_ajustes, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(detalle.boton_funciona, Qt.MouseButton.LeftButton)
    final = servicio.obtener(pendiente["id"])
    assert final.estado == servicio.CONCLUIDO and final.verificaciones == 2
    assert not any(b.isEnabled() for b in detalle.botones())
    textos = [detalle.historial.item(i).text() for i in range(detalle.historial.count())]
    assert any("Se cambió el cable del puerto 12." in t for t in textos)
    assert [a for a in respuestas.avisos if a[0] != "Oficios emitidos"] == []


def test_consulta_solo_mira(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "consulta")
    assert not vista.boton_programar.isEnabled() and not vista.boton_generar.isEnabled()
    vista.pestanas.setCurrentWidget(vista.lista)
    vista.lista.seleccionar(servicio.consultar()[0]["id"])
    assert not any(b.isEnabled() for b in vista.lista.detalle.botones())
    assert not vista.equipos.boton_nuevo.isEnabled()
    assert not vista.bitacora.boton_documentar.isEnabled()


# --- Equipos, planes y bitácora --------------------------------------------------------------------

def test_alta_de_equipo_y_plan_con_vista_previa_de_fechas(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "director")
    vista.pestanas.setCurrentWidget(vista.equipos)
    equipos = vista.equipos
    qtbot.mouseClick(equipos.boton_nuevo, Qt.MouseButton.LeftButton)
    dialogo = equipos.dialogo
    assert isinstance(dialogo, DialogoEquipo)
    teclear(qtbot, dialogo.nombre, "SW-PISO-2-TESORERÍA")
    elegir(dialogo.tipo, "switch")
    teclear(qtbot, dialogo.ubicacion, "Edificio de Tesorería, 2.º piso")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    equipo = servicio.dispositivo_por_nombre("SW-PISO-2-TESORERÍA")
    equipos.tabla.vista.selectRow(equipos.tabla.modelo.fila_de(equipo.id))
    qtbot.mouseClick(equipos.boton_plan, Qt.MouseButton.LeftButton)
    plan = equipos.dialogo
    assert isinstance(plan, DialogoPlan)
    plan.inicio.setDate(QDate(2027, 1, 31))
    plan.cada.setValue(1)
    elegir(plan.unidad, "meses")
    assert plan.vista_previa.text().startswith("31/01/2027, 28/02/2027, 31/03/2027, 30/04/2027")
    with qtbot.waitSignal(plan.finished):
        qtbot.mouseClick(plan.boton_guardar, Qt.MouseButton.LeftButton)
    [guardado] = servicio.planes(equipo)
    assert (guardado.cada, guardado.unidad, guardado.inicio) == (1, "meses", dt.date(2027, 1, 31))
    assert "Cada mes" in equipos.planes.item(0).text() and "28/02/2027" in equipos.planes.item(0).text()


def test_bitacora_de_servidores_busca_y_documenta(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "soporte")
    vista.pestanas.setCurrentWidget(vista.bitacora)
    bitacora = vista.bitacora
    total = bitacora.tabla.modelo.rowCount()
    assert total > 0
    teclear(qtbot, bitacora.tabla.busqueda, "ampLIO la unidad")
    qtbot.waitUntil(lambda: bitacora.tabla.modelo.rowCount() == 1)
    assert "1 TB" in bitacora.tabla.modelo.index(0, 5).data()
    bitacora.tabla.busqueda.clear()
    qtbot.waitUntil(lambda: bitacora.tabla.modelo.rowCount() == total)
    elegir(bitacora.servidor, servicio.dispositivo_por_nombre("SRV-BD-TESORERÍA").id)
    assert {bitacora.tabla.modelo.index(f, 1).data() for f in range(bitacora.tabla.modelo.rowCount())} == {
        "SRV-BD-TESORERÍA"}
    qtbot.mouseClick(bitacora.boton_documentar, Qt.MouseButton.LeftButton)
    dialogo = bitacora.dialogo
    assert isinstance(dialogo, DialogoCambioServidor)
    assert dialogo.servidor.currentText() == "SRV-BD-TESORERÍA"
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert dialogo.isVisible() and "Descripción del cambio" in dialogo.errores.text()
    teclear(qtbot, dialogo.descripcion, "Se actualizó el controlador ODBC a la versión 18.3")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    textos = [bitacora.tabla.modelo.index(f, 5).data() for f in range(bitacora.tabla.modelo.rowCount())]
    assert "Se actualizó el controlador ODBC a la versión 18.3" in textos


def test_acordar_la_fecha_de_una_propuesta_de_sistemas(demo_sqlite, qtbot, respuestas):
    sistemas = usuario("sistemas")
    predial = servicio.dispositivo_por_nombre("SISTEMA DE IMPUESTO PREDIAL")
    plan = servicio.guardar_plan(usuario("director"), predial, 6, "meses", dt.date(2027, 1, 11), "09:00")
    [propuesta] = servicio.generar_preventivos(sistemas, dt.date(2027, 1, 31), plan=plan)
    vista = abrir_vista(qtbot, "sistemas")
    vista.pestanas.setCurrentWidget(vista.lista)
    vista.lista.seleccionar(propuesta.id)
    detalle = vista.lista.detalle
    assert "Paso 4: acordar la fecha" in detalle.campos["siguiente"].text()
    respuestas.motivo = None                      # el usuario cierra la pregunta: nada cambia
    qtbot.mouseClick(detalle.boton_acordar, Qt.MouseButton.LeftButton)
    assert servicio.obtener(propuesta.id).acordado_con == ""
    respuestas.motivo = "Sofía Navarro Peña, Directora de Catastro"
    qtbot.mouseClick(detalle.boton_acordar, Qt.MouseButton.LeftButton)
    assert servicio.obtener(propuesta.id).acordado_con == "Sofía Navarro Peña, Directora de Catastro"
    assert detalle.campos["acordado"].text() == "Sofía Navarro Peña, Directora de Catastro"
    assert "Avisar por oficio" in detalle.campos["siguiente"].text()
    assert respuestas.avisos == []


def test_reprogramar_cancelar_y_abrir_el_oficio_de_aviso(demo_sqlite, qtbot, respuestas, monkeypatch):
    from app.vistas.oficios import oficios as vista_oficios
    from app.vistas.mantenimiento.dialogos import DialogoReprogramar

    abiertos: list[tuple[str, bytes]] = []
    monkeypatch.setattr(vista_oficios, "abrir_con_programa",
                        lambda _padre, nombre, contenido: abiertos.append((nombre, contenido)))
    avisado = next(f for f in servicio.consultar() if f["aviso_vigente"] and f["estado"] == servicio.PROGRAMADO
                   and f["procedimiento"] == 7)
    vista = abrir_vista(qtbot, "soporte")
    vista.pestanas.setCurrentWidget(vista.lista)
    vista.lista.seleccionar(avisado["id"])
    detalle = vista.lista.detalle
    assert detalle.lista_avisos.count() >= 1
    folio = detalle.lista_avisos.item(0).text().split(" · ")[0]
    detalle.lista_avisos.itemActivated.emit(detalle.lista_avisos.item(0))
    assert abiertos and abiertos[0][0] == folio.replace("/", "-") + ".pdf" and abiertos[0][1].startswith(b"%PDF")

    qtbot.mouseClick(detalle.boton_reprogramar, Qt.MouseButton.LeftButton)
    dialogo = detalle.dialogo
    assert isinstance(dialogo, DialogoReprogramar)
    nueva = avisado["inicio"].date() + dt.timedelta(days=1)
    dialogo.fecha.setDate(QDate(nueva.year, nueva.month, nueva.day))
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert dialogo.isVisible() and "Motivo" in dialogo.errores.text()
    teclear(qtbot, dialogo.motivo, "La dependencia pidió cambiar el día.")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    movido = servicio.obtener(avisado["id"])
    assert movido.inicio.date() == nueva and not movido.aviso_vigente
    assert "(fecha anterior)" in detalle.lista_avisos.item(0).text()
    assert "Avisar por oficio" in detalle.campos["siguiente"].text()

    respuestas.motivo = "Se sustituye el equipo."
    respuestas.si = False
    qtbot.mouseClick(detalle.boton_cancelar, Qt.MouseButton.LeftButton)
    assert servicio.obtener(avisado["id"]).estado == servicio.PROGRAMADO
    respuestas.si = True
    qtbot.mouseClick(detalle.boton_cancelar, Qt.MouseButton.LeftButton)
    cancelado = servicio.obtener(avisado["id"])
    assert cancelado.estado == servicio.CANCELADO and cancelado.motivo_cancelacion == "Se sustituye el equipo."
    assert "Se sustituye el equipo." in detalle.campos["cancelacion"].text()


def test_generar_preventivos_desde_la_pestana(demo_sqlite, qtbot, respuestas):
    antes = len(servicio.consultar())
    vista = abrir_vista(qtbot, "soporte")
    respuestas.si = False
    qtbot.mouseClick(vista.boton_generar, Qt.MouseButton.LeftButton)
    assert len(servicio.consultar()) == antes
    respuestas.si = True
    qtbot.mouseClick(vista.boton_generar, Qt.MouseButton.LeftButton)
    nuevos = len(servicio.consultar()) - antes
    assert nuevos > 0 and f"Se programaron {nuevos} mantenimientos preventivos." in respuestas.texto()
    qtbot.mouseClick(vista.boton_generar, Qt.MouseButton.LeftButton)
    assert "no piden mantenimientos nuevos" in respuestas.texto()
