"""Pestaña «Mesa de ayuda» y captura rápida usadas como lo haría el personal de soporte."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.modelos import Escalamiento, Proveedor, Ticket
from app.demo import mesa_ayuda as demo_mesa_ayuda
from app.servicios.mesa_ayuda import escalamiento, sla, tickets
from app.vistas.comun import comunes
from app.vistas.mesa_ayuda import mesa_ayuda as vista_mesa
from app.vistas.mesa_ayuda.mesa_ayuda import FONDO_SLA, VistaMesaAyuda
from app.vistas.mesa_ayuda.captura import CapturaTicket, abrir_captura
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario
from tests.servicios.mesa_ayuda.test_tickets import _bien, _ticket

pytestmark = pytest.mark.gui


@pytest.fixture
def base(bd_sqlite, monkeypatch):
    """Catálogos y usuarios de demostración, sin los tickets de demostración."""
    from app.demo import carga as servicio_demo

    monkeypatch.setattr(demo_mesa_ayuda, "cargar_demo", lambda: 0)
    servicio_demo.cargar_demo()
    return bd_sqlite


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    return r


def _enfocado():
    widget = QApplication.focusWidget()
    assert widget is not None, "nada tiene el foco"
    return widget


def _destino():
    """A dónde manda Qt una tecla real: a la lista de sugerencias si está abierta, si no al foco."""
    return QApplication.activePopupWidget() or _enfocado()


def escribir(qtbot, texto: str) -> None:
    for caracter in texto:
        teclear(qtbot, _destino(), caracter)


def tecla(qtbot, clave: Qt.Key, modificadores=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_destino(), clave, modificadores)


def test_un_ticket_completo_solo_con_el_teclado(base, qtbot):
    bien = _bien("SMT-TIC-00321", marca="Brother", siglas="DI")
    dialogo = mostrar(qtbot, CapturaTicket(usuario("asistente")), 620, 560, activar=True)
    assert _enfocado() is dialogo.canal                       # empieza en el canal (Teléfono)
    tecla(qtbot, Qt.Key.Key_Tab)
    tecla(qtbot, Qt.Key.Key_Down)                             # extensión 223
    tecla(qtbot, Qt.Key.Key_Tab)
    assert _enfocado() is dialogo.dependencia
    escribir(qtbot, "di")                                    # siglas: Dirección de Ingresos
    tecla(qtbot, Qt.Key.Key_Tab)
    assert dialogo.dependencia.text() == "Dirección de Ingresos"
    assert _enfocado() is dialogo.solicitante
    escribir(qtbot, "Lucía Méndez Ortíz")
    tecla(qtbot, Qt.Key.Key_Tab)
    assert _enfocado() is dialogo.inventario
    escribir(qtbot, "smt-tic-00321")
    tecla(qtbot, Qt.Key.Key_Tab)
    assert "Brother" in dialogo.bien.text() and dialogo.inventario.text() == "SMT-TIC-00321"
    assert _enfocado() is dialogo.categoria
    escribir(qtbot, "I")                                     # Impresora o escáner
    tecla(qtbot, Qt.Key.Key_Tab)
    escribir(qtbot, "A")                                     # prioridad Alta
    tecla(qtbot, Qt.Key.Key_Tab)
    assert _enfocado() is dialogo.modalidad
    tecla(qtbot, Qt.Key.Key_Down)                             # de AnyDesk a TeamViewer
    tecla(qtbot, Qt.Key.Key_Tab)
    assert _enfocado() is dialogo.descripcion
    escribir(qtbot, "No imprime: atasco en la bandeja 2")
    tecla(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)      # nueva línea
    escribir(qtbot, "Urge para la recaudación del día.")
    tecla(qtbot, Qt.Key.Key_Return)                          # Enter guarda
    assert dialogo.result() == CapturaTicket.DialogCode.Accepted
    t = Ticket.get(Ticket.folio == dialogo.ticket.folio)
    assert (t.canal, t.extension, t.dependencia.nombre) == (tickets.TELEFONO, "223", "Dirección de Ingresos")
    assert t.solicitante_nombre == "Lucía Méndez Ortíz" and t.solicitante_id is None
    assert t.bien_id == bien.id and t.categoria == "impresora" and t.prioridad == sla.ALTA
    assert t.modalidad == "teamviewer"
    assert t.descripcion == "No imprime: atasco en la bandeja 2\nUrge para la recaudación del día."
    assert t.registrado_por_id == usuario("asistente").id and t.estado == tickets.NUEVO


def test_autocompletar_solicitante_llena_dependencia_y_presidencia_es_presencial(base, qtbot):
    dialogo = mostrar(qtbot, CapturaTicket(usuario("asistente")), 620, 560, activar=True)
    dialogo.solicitante.setFocus()
    escribir(qtbot, "jose javier gregorio perez hernandez")
    tecla(qtbot, Qt.Key.Key_Tab)
    assert dialogo.solicitante.text() == "José Javier Gregorio Pérez Hernández"
    assert dialogo.dependencia.text() == "Tesorería Municipal"
    assert dialogo.modalidad.currentData() == tickets.PRESENCIAL and not dialogo.modalidad.isEnabled()
    assert "presencial" in dialogo.aviso_modalidad.text()


def test_captura_incompleta_marca_los_campos_y_no_guarda(base, qtbot):
    dialogo = mostrar(qtbot, CapturaTicket(usuario("asistente")), 620, 560, activar=True)
    teclear(qtbot, dialogo.dependencia, "Secretaría de Marte")
    teclear(qtbot, dialogo.inventario, "SMT-TIC-99999")
    dialogo.guardar()
    assert dialogo.result() != CapturaTicket.DialogCode.Accepted and dialogo.ticket is None
    for campo in (dialogo.dependencia, dialogo.solicitante, dialogo.descripcion, dialogo.inventario):
        assert campo.property("error") is True
    assert "Secretaría de Marte" in dialogo.errores.text() and "SMT-TIC-99999" in dialogo.errores.text()
    assert Ticket.select().count() == 0
    assert dialogo.dependencia.text() == "Secretaría de Marte"        # lo capturado se conserva


def test_abrir_captura_desde_el_inventario_lleva_el_bien(base, qtbot, monkeypatch):
    bien = _bien("SMT-TIC-00555", marca="HP", siglas="RC")

    def exec_simulado(dialogo):
        qtbot.addWidget(dialogo)
        assert dialogo.inventario.text() == "SMT-TIC-00555"
        assert dialogo.dependencia.text() == "Registro Civil"
        teclear(qtbot, dialogo.solicitante, "Oficial del Registro Civil")
        teclear(qtbot, dialogo.descripcion, "La pantalla parpadea.")
        dialogo.guardar()
        return dialogo.result()

    monkeypatch.setattr(CapturaTicket, "exec", exec_simulado)
    ticket = abrir_captura(None, usuario("asistente"), numero_inventario="smt-tic-00555")
    assert ticket is not None and ticket.bien_id == bien.id
    otro = abrir_captura(None, usuario("asistente"), bien_id=bien.id)
    assert otro.bien_id == bien.id and otro.folio != ticket.folio


def _vista(qtbot, nombre: str = "soporte") -> VistaMesaAyuda:
    return mostrar(qtbot, VistaMesaAyuda(usuario(nombre)), 1400, 800)


def test_lista_resalta_sla_y_filtra(base, qtbot, qtmodeltester, monkeypatch):
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T08:00:00")
    urgente = _ticket(prioridad=sla.URGENTE, dependencia="Registro Civil", modalidad="presencial")
    media = _ticket(prioridad=sla.MEDIA)
    baja = _ticket(prioridad=sla.BAJA)
    monkeypatch.setenv("DTI_AHORA", "2026-11-24T11:10:00")
    vista = _vista(qtbot)
    qtmodeltester.check(vista.modelo)
    modelo = vista.modelo
    fondo = {modelo.index(f, 0).data(): modelo.index(f, 0).data(Qt.ItemDataRole.BackgroundRole)
             for f in range(modelo.rowCount())}
    assert fondo[urgente.folio].color() == FONDO_SLA[sla.VENCIDO]
    assert fondo[media.folio].color() == FONDO_SLA[sla.POR_VENCER]
    assert fondo[baja.folio] is None
    vista.solo_alerta.setChecked(True)
    assert {modelo.index(f, 0).data() for f in range(modelo.rowCount())} == {urgente.folio, media.folio}
    vista.solo_alerta.setChecked(False)
    vista.filtro_dependencia.setCurrentIndex(vista.filtro_dependencia.findText("Registro Civil"))
    assert [modelo.index(f, 0).data() for f in range(modelo.rowCount())] == [urgente.folio]
    vista.filtro_dependencia.setCurrentIndex(0)
    vista.filtro_prioridad.setCurrentIndex(vista.filtro_prioridad.findData(sla.BAJA))
    assert [modelo.index(f, 0).data() for f in range(modelo.rowCount())] == [baja.folio]
    vista.filtro_prioridad.setCurrentIndex(0)
    teclear(qtbot, vista.busqueda, "registro civil")
    qtbot.waitUntil(lambda: modelo.rowCount() == 1)


def test_ciclo_con_botones_y_atajos(base, qtbot, respuestas, monkeypatch):
    t = _ticket()
    vista = _vista(qtbot)
    vista.seleccionar(t.id)
    assert vista.titulo.text() == f"{t.folio} · Nuevo"
    assert not vista.boton_resolver.isEnabled()
    vista.boton_atender.click()
    assert tickets.obtener(t.id).estado == tickets.EN_ATENCION
    assert tickets.obtener(t.id).asignado_id == usuario("soporte").id
    monkeypatch.setattr(vista_mesa, "pedir_texto", lambda *_a, **_k: "Se liberó el atasco y se limpió el rodillo.")
    vista.boton_resolver.click()
    assert tickets.obtener(t.id).estado == tickets.RESUELTO
    vista.boton_cerrar.click()
    assert tickets.obtener(t.id).estado == tickets.CERRADO
    # Cerrado sale de «Abiertos»; con «Todos» aparece y su historial muestra los cambios.
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(None))
    vista.seleccionar(t.id)
    cambios = [vista.tabla_cambios.item(i, 3).text() for i in range(vista.tabla_cambios.rowCount())]
    assert cambios == ["cierre de ticket", "solución de ticket", "atención de ticket", "registro de ticket"]
    assert respuestas.avisos == []


def test_conflicto_entre_dos_pc_se_avisa(base, qtbot, respuestas):
    t = _ticket()
    vista = _vista(qtbot)
    vista.seleccionar(t.id)
    tickets.cambiar_prioridad(usuario("asistente"), tickets.obtener(t.id), sla.URGENTE)   # otra PC
    vista.atender()
    assert "Otro usuario" in respuestas.texto()
    assert tickets.obtener(t.id).estado == tickets.NUEVO                 # nada se sobrescribió
    assert vista.prioridad.currentData() == sla.URGENTE                  # se volvió a leer


def test_escalar_a_no_autorizado_muestra_la_razon(base, qtbot, respuestas, monkeypatch):
    bien = _bien("SMT-TIC-00888", marca="Lenovo")
    t = _ticket(numero_inventario=bien.numero_inventario)
    tickets.atender(usuario("soporte"), t)
    vista = _vista(qtbot)
    vista.seleccionar(t.id)
    redes = Proveedor.get(Proveedor.rfc == "RSA1103158K2")
    monkeypatch.setattr(vista_mesa, "pedir_escalamiento", lambda _p, marca: {
        "proveedor_id": redes.id, "marca": marca, "dias": None, "motivo": "Tarjeta madre dañada"})
    vista.boton_escalar.click()
    assert "no es servicio autorizado de la marca Lenovo" in respuestas.texto()
    assert Escalamiento.select().count() == 0
    ctp = Proveedor.get(Proveedor.rfc == "CTP090512AB3")
    monkeypatch.setattr(vista_mesa, "pedir_escalamiento", lambda _p, marca: {
        "proveedor_id": ctp.id, "marca": marca, "dias": "3", "motivo": "Tarjeta madre dañada"})
    vista.boton_escalar.click()
    assert tickets.obtener(t.id).estado == tickets.ESCALADO
    assert vista.boton_devolucion.isEnabled() and not vista.boton_resolver.isEnabled()
    monkeypatch.setattr(vista_mesa, "pedir_texto", lambda *_a, **_k: "Se cambió la tarjeta madre.")
    vista.boton_devolucion.click()
    assert escalamiento.del_ticket(t).estado == escalamiento.DEVUELTO
    monkeypatch.setattr(vista_mesa, "pedir_texto", lambda *_a, **_k: "Ricardo Flores Aguilar")
    vista.boton_entregar.click()
    assert tickets.obtener(t.id).estado == tickets.CERRADO
    assert escalamiento.del_ticket(t).recibido_por_nombre == "Ricardo Flores Aguilar"


def test_historial_a_un_clic(base, qtbot):
    bien = _bien("SMT-TIC-00999")
    viejo = _ticket(numero_inventario=bien.numero_inventario, descripcion="No enciende")
    nuevo = _ticket(numero_inventario=bien.numero_inventario, descripcion="Sin red")
    vista = _vista(qtbot)
    vista.seleccionar(nuevo.id)
    assert vista.historiales.tabText(1) == "Bien (2)"
    vista.historiales.setCurrentIndex(1)
    assert [vista.tabla_bien.item(i, 1).text() for i in range(2)] == [nuevo.folio, viejo.folio]
    vista._abrir_de_historial(vista.tabla_bien, 1)
    assert vista.detalle["folio"] == viejo.folio


def test_lista_por_paginas_con_miles_de_tickets(base, qtbot):
    demo_mesa_ayuda.cargar_tickets_masivos(700, lote=700)
    vista = _vista(qtbot)
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(None))
    assert vista.modelo.rowCount() == 300 and vista.modelo.canFetchMore()
    vista.vista.scrollToBottom()
    qtbot.waitUntil(lambda: vista.modelo.rowCount() > 300)
    while vista.modelo.canFetchMore():
        vista.modelo.fetchMore()
    assert vista.modelo.rowCount() == 700


def test_consulta_no_ve_acciones(base, qtbot):
    t = _ticket()
    vista = _vista(qtbot, "consulta")
    vista.seleccionar(t.id)
    assert not vista.boton_nuevo.isEnabled() and not vista.boton_atender.isEnabled()
    assert not vista.prioridad.isEnabled()


def test_configurar_calendario_y_metas(base, qtbot, respuestas):
    import datetime as dt

    from PySide6.QtCore import QDate, QTime

    from app.servicios.nucleo import calendario_laboral
    from app.vistas.mesa_ayuda.configuracion import DialogoConfiguracion

    dialogo = mostrar(qtbot, DialogoConfiguracion(usuario("director")), 1060, 520)
    dialogo.anio.setValue(2026)
    fechas = [dialogo.tabla_dias.item(i, 0).text() for i in range(dialogo.tabla_dias.rowCount())]
    assert "16/11/2026" in fechas and "16/09/2026" in fechas
    dialogo.fin.setTime(QTime(15, 0))
    dialogo.dias[5].setChecked(True)                     # sábado
    dialogo.boton_horario.click()
    horario = calendario_laboral.horario()
    assert horario.hora_fin == dt.time(15) and 5 in horario.dias_habiles
    dialogo.fecha_nueva.setDate(QDate(2026, 11, 2))
    teclear(qtbot, dialogo.descripcion_nueva, "Día de Muertos")
    dialogo.boton_agregar.click()
    assert not calendario_laboral.es_dia_habil(dt.date(2026, 11, 2))
    fila = [dialogo.tabla_dias.item(i, 0).text() for i in range(dialogo.tabla_dias.rowCount())].index("02/11/2026")
    dialogo.tabla_dias.selectRow(fila)
    dialogo.boton_quitar.click()
    assert calendario_laboral.es_dia_habil(dt.date(2026, 11, 2))
    dialogo.metas[sla.URGENTE][0].setValue(0.5)
    dialogo.boton_metas.click()
    assert sla.metas()[sla.URGENTE].horas_respuesta == 0.5
    assert "Metas guardadas" in respuestas.texto()
    solo_lectura = mostrar(qtbot, DialogoConfiguracion(usuario("asistente")), 1060, 520)
    assert not solo_lectura.boton_horario.isEnabled() and not solo_lectura.boton_metas.isEnabled()


def test_entrega_vencida_del_proveedor_resaltada(base, qtbot, monkeypatch):
    from app.vistas.mesa_ayuda.mesa_ayuda import COLUMNA_PROVEEDOR

    bien = _bien("SMT-TIC-00600", marca="HP")
    monkeypatch.setenv("DTI_AHORA", "2026-11-12T10:00:00")
    t = _ticket(numero_inventario=bien.numero_inventario)
    tickets.atender(usuario("soporte"), t)
    escalamiento.escalar(usuario("soporte"), t, Proveedor.get(Proveedor.rfc == "CTP090512AB3"),
                         motivo="Disco dañado")                          # entrega comprometida: 20/11
    monkeypatch.setenv("DTI_AHORA", "2026-11-20T12:00:00")
    vista = _vista(qtbot)
    celda = vista.modelo.index(vista.modelo.fila_de(t.id), COLUMNA_PROVEEDOR)
    assert celda.data() == "Entrega 20/11" and celda.data(Qt.ItemDataRole.FontRole) is None
    monkeypatch.setenv("DTI_AHORA", "2026-11-23T09:00:00")
    vista.refrescar()
    celda = vista.modelo.index(vista.modelo.fila_de(t.id), COLUMNA_PROVEEDOR)
    assert celda.data() == "Entrega vencida 20/11" and celda.data(Qt.ItemDataRole.FontRole).bold()
    assert celda.data(Qt.ItemDataRole.BackgroundRole).color() == FONDO_SLA[sla.VENCIDO]
    assert "ENTREGA VENCIDA" in vista.campos["escalamiento"].text()


def test_mostrar_expediente_selecciona_el_ticket_aunque_el_filtro_lo_oculte(base, qtbot, respuestas):
    soporte = usuario("soporte")
    cerrado = _ticket(descripcion="No imprime")
    tickets.atender(soporte, cerrado)
    tickets.resolver(soporte, cerrado, "Se cambió el tóner.")
    tickets.cerrar(soporte, cerrado)
    abierto = _ticket(dependencia="Registro Civil", modalidad="presencial")
    vista = _vista(qtbot)
    vista.busqueda.setText("registro civil")
    vista.refrescar()
    assert vista.modelo.fila_de(cerrado.id) < 0                     # «Sin cerrar» y la búsqueda lo ocultan
    tramite = tickets.obtener(cerrado.id).expediente
    vista.mostrar_expediente(tramite.id)
    assert vista.detalle["id"] == cerrado.id
    assert vista.modelo.id_de(vista.vista.currentIndex().row()) == cerrado.id
    assert vista.campos["expediente"].text() == f"{tramite.numero} · Concluido"
    otro = tickets.obtener(abierto.id).expediente
    vista.mostrar_expediente(otro.id)
    assert vista.detalle["id"] == abierto.id
    assert vista.campos["expediente"].text() == (f"{otro.numero} · paso 3. ¿Es posible atenderlo de manera "
                                                 "remota?")
    assert respuestas.avisos == []


def test_cancelar_desde_la_vista_cancela_el_tramite(base, qtbot, respuestas, monkeypatch):
    t = _ticket()
    vista = _vista(qtbot)
    vista.seleccionar(t.id)
    assert vista.boton_cancelar.isEnabled()
    monkeypatch.setattr(vista_mesa, "pedir_texto", lambda *_a, **_k: "Duplicado")
    vista.boton_cancelar.click()
    guardado = tickets.obtener(t.id)
    assert guardado.estado == tickets.CANCELADO and guardado.expediente.estado == "cancelado"
    assert respuestas.avisos == []


def test_nuevo_caso_por_oficio_preselecciona_su_dependencia(base, qtbot, monkeypatch):
    from app.servicios.catalogos import catalogos
    from app.servicios.oficios import oficios

    egresos = catalogos.dependencia_por_nombre("Dirección de Egresos")
    oficio = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="TM/DE/0413/2026", procedencia=egresos,
        solicitante_nombre="Ricardo Flores Aguilar", solicitante_cargo="Director de Egresos", firmado=True,
        descripcion="Solicita revisar la impresora del área de pagos.", permitir_incompleto=True)
    abiertas: list[CapturaTicket] = []

    def ejecutar(dialogo):
        abiertas.append(dialogo)
        dialogo.guardar()
        return 1

    monkeypatch.setattr(CapturaTicket, "exec", ejecutar)
    vista = _vista(qtbot, "asistente")
    vista.nuevo_caso(6, oficio.id)
    dialogo = abiertas[0]
    assert dialogo.dependencia.text() == "Dirección de Egresos"
    assert dialogo.solicitante.text() == "Ricardo Flores Aguilar"
    assert dialogo.canal.currentData() == tickets.PRESENCIAL_OFICINA
    ticket = dialogo.ticket
    assert ticket is not None and ticket.expediente.oficio_entrada_id == oficio.id
    assert vista.detalle["id"] == ticket.id
