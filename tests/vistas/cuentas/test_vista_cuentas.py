"""Pestaña «Cuentas» usada como la usaría Soporte Técnico; se comprueba lo que quedó en la base."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtGui import QGuiApplication

from app.modelos import Cuenta, MensajeCorreo, SolicitudCuenta
from app.servicios.nucleo import correo
from app.servicios.cuentas import cuentas
from app.vistas.comun import comunes
from app.vistas.cuentas import cuentas as vista_cuentas
from app.vistas.cuentas.cuentas import VistaCuentas
from app.vistas.cuentas.dialogos import (DialogoContrasena, DialogoCorreoSaliente, DialogoRestablecer,
                                         DialogoSolicitudCuenta)
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario
from tests.servicios.nucleo.test_correo import ServidorSmtp, puerto_libre

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    for modulo in (comunes, vista_cuentas):
        monkeypatch.setattr(modulo, "avisar", r.avisar)
    monkeypatch.setattr(vista_cuentas, "pedir_motivo", r.pedir_motivo)
    return r


@pytest.fixture
def contrasenas(monkeypatch) -> list[str]:
    """El diálogo de la contraseña «se muestra» y se anota lo que vio el usuario."""
    vistas: list[str] = []

    def exec_(dialogo: DialogoContrasena) -> int:
        vistas.append(dialogo.campo.text())
        dialogo.copiar()
        dialogo.reject()
        return 0

    monkeypatch.setattr(DialogoContrasena, "exec", exec_)
    return vistas


def abrir(qtbot, nombre: str = "soporte") -> VistaCuentas:
    vista = mostrar(qtbot, VistaCuentas(usuario(nombre)), 1240, 720)
    vista.temporizador.stop()
    return vista


def claves(vista: VistaCuentas) -> list[str]:
    modelo = vista.tabla.modelo
    return [modelo.id_de(f) for f in range(modelo.rowCount())]


def test_lista_filtros_y_detalle(qtbot, demo_sqlite, respuestas):
    vista = abrir(qtbot)
    assert len(claves(vista)) == 10
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(cuentas.BLOQUEADA))
    assert len(claves(vista)) == 1
    assert vista.titulo.text() == "diana.salazar@texmelucan.gob.mx"
    assert "Envío masivo" in vista.datos.text()
    assert vista.boton_desbloquear.isVisibleTo(vista) and not vista.boton_bloquear.isVisibleTo(vista)
    vista.filtro_estado.setCurrentIndex(0)
    vista.filtro_tipo.setCurrentIndex(vista.filtro_tipo.findData(cuentas.APLICACION))
    assert len(claves(vista)) == 3
    vista.filtro_tipo.setCurrentIndex(0)
    vista.filtro_dependencia.setCurrentIndex(vista.filtro_dependencia.findText("Sistema Municipal DIF"))
    assert len(claves(vista)) == 1
    assert "Restablecimiento en persona" in vista.historial.toPlainText()
    assert "Credencial para votar (INE)" in vista.historial.toPlainText()
    vista.filtro_dependencia.setCurrentIndex(0)
    teclear(qtbot, vista.tabla.busqueda, "sofía")
    qtbot.waitUntil(lambda: len(claves(vista)) == 1)
    assert "Sistema de Catastro" in vista.datos.text()
    assert respuestas.avisos == []


def test_nueva_solicitud_incompleta_emite_faltantes_y_completar_crea_cuenta(qtbot, demo_sqlite, respuestas,
                                                                           contrasenas, monkeypatch):
    vista = abrir(qtbot)

    def llenar_nueva(dialogo: DialogoSolicitudCuenta) -> int:
        qtbot.keyClicks(dialogo.numero_oficio, "CM/0321/2026")
        teclear(qtbot, dialogo.solicitante, "Nadia Elizabeth Olivera Rendón")
        teclear(qtbot, dialogo.nombre, "Rocío Peña Álvarez")
        dialogo.dependencia.setCurrentIndex(dialogo.dependencia.findText("Contraloría Municipal"))
        qtbot.keyClicks(dialogo.propuesta_1, "rocio.pena")
        dialogo.aceptar()
        return int(dialogo.result())

    monkeypatch.setattr(DialogoSolicitudCuenta, "exec", llenar_nueva)
    vista.boton_nueva.click()
    solicitud = SolicitudCuenta.select().order_by(SolicitudCuenta.id.desc()).get()
    assert solicitud.estado == cuentas.INCOMPLETA and solicitud.nombre_completo == "Rocío Peña Álvarez"
    assert vista.tabla.id_actual() == f"s{solicitud.id}"
    titulo, texto = respuestas.avisos[-1]
    assert titulo == "Solicitud incompleta" and "Correo electrónico alternativo" in texto
    assert solicitud.oficio_faltantes.folio in texto
    assert not vista.boton_crear.isVisibleTo(vista) and vista.boton_completar.isVisibleTo(vista)

    def completar(dialogo: DialogoSolicitudCuenta) -> int:
        assert dialogo.nombre.text() == "Rocío Peña Álvarez"
        qtbot.keyClicks(dialogo.correo_alternativo, "rocio.pena.alvarez@example.com")
        qtbot.keyClicks(dialogo.propuesta_2, "rpena")
        dialogo.revisar_propuestas()
        assert "1. rocio.pena: disponible" in dialogo.dictamen.text()
        dialogo.aceptar()
        return int(dialogo.result())

    monkeypatch.setattr(DialogoSolicitudCuenta, "exec", completar)
    vista.boton_completar.click()
    assert SolicitudCuenta.get_by_id(solicitud.id).estado == cuentas.LISTA
    assert vista.boton_crear.isVisibleTo(vista)

    vista.boton_crear.click()
    cuenta = Cuenta.get(Cuenta.solicitud == solicitud)
    assert cuenta.direccion == "rocio.pena@texmelucan.gob.mx"
    assert len(contrasenas) == 1 and cuentas.verificar_contrasena(cuenta, contrasenas[0])
    assert QGuiApplication.clipboard().text() == contrasenas[0]
    assert vista.dialogo.campo.text() == "", "al cerrar, el diálogo olvida la contraseña"
    assert vista.tabla.id_actual() == f"c{cuenta.id}"
    qtbot.waitUntil(lambda: not vista._procesando)
    assert MensajeCorreo.get(MensajeCorreo.cuenta == cuenta).destinatario == "rocio.pena.alvarez@example.com"


def test_datos_rechazados_se_marcan_y_no_se_guarda_nada(qtbot, demo_sqlite, respuestas, monkeypatch):
    vista = abrir(qtbot)
    antes = SolicitudCuenta.select().count()
    vistos = {}

    def llenar_mal(dialogo: DialogoSolicitudCuenta) -> int:
        dialogo.tipo.setCurrentIndex(dialogo.tipo.findData(cuentas.APLICACION))
        qtbot.keyClicks(dialogo.correo_alternativo, "=HYPERLINK(x)")
        dialogo.aceptar()
        vistos["errores"] = dialogo.errores.text()
        vistos["marcado"] = dialogo.correo_alternativo.property("error")
        vistos["capturado"] = dialogo.correo_alternativo.text()
        return int(dialogo.result())

    monkeypatch.setattr(DialogoSolicitudCuenta, "exec", llenar_mal)
    vista.boton_nueva.click()
    assert "no parece un correo" in vistos["errores"] and "aplicación" in vistos["errores"]
    assert vistos["marcado"] is True and vistos["capturado"] == "=HYPERLINK(x)"
    assert SolicitudCuenta.select().count() == antes


def test_restablecer_en_persona_muestra_la_contrasena_una_vez(qtbot, demo_sqlite, respuestas, contrasenas,
                                                              monkeypatch):
    vista = abrir(qtbot)
    cuenta = Cuenta.get(Cuenta.nombre_usuario == "lucia.mendez")
    vista.seleccionar(f"c{cuenta.id}")

    def identificar(dialogo: DialogoRestablecer) -> int:
        teclear(qtbot, dialogo.persona, "Otra Persona")
        qtbot.keyClicks(dialogo.numero, "LMNORT90")
        dialogo.aceptar()
        assert dialogo.persona.property("error") is True and "Solo el titular" in dialogo.errores.text()
        dialogo.persona.clear()
        teclear(qtbot, dialogo.persona, "Lucía Méndez Ortiz")
        dialogo.identifico.setCurrentIndex(dialogo.identifico.findText("Karla Jiménez Ortega"))
        dialogo.aceptar()
        return int(dialogo.result())

    monkeypatch.setattr(DialogoRestablecer, "exec", identificar)
    vista.boton_restablecer.click()
    assert len(contrasenas) == 1
    assert cuentas.verificar_contrasena(Cuenta.get_by_id(cuenta.id), contrasenas[0])
    texto = vista.historial.toPlainText()
    assert "Restablecimiento en persona" in texto and "identificó: Karla Jiménez Ortega" in texto


def test_bloquear_y_dar_de_baja_con_motivo(qtbot, demo_sqlite, respuestas):
    vista = abrir(qtbot)
    cuenta = Cuenta.get(Cuenta.nombre_usuario == "raguilar")
    vista.seleccionar(f"c{cuenta.id}")
    respuestas.motivo = None
    vista.boton_bloquear.click()
    assert Cuenta.get_by_id(cuenta.id).estado == cuentas.ACTIVA, "si el usuario desiste no cambia nada"
    respuestas.motivo = "Suplantación de remitente en comunicados"
    vista.boton_bloquear.click()
    assert Cuenta.get_by_id(cuenta.id).estado == cuentas.BLOQUEADA
    assert "Suplantación" in vista.datos.text()
    respuestas.motivo = "Reincidencia"
    vista.boton_baja.click()
    assert Cuenta.get_by_id(cuenta.id).estado == cuentas.BAJA
    assert not vista.boton_baja.isVisibleTo(vista)
    assert "Baja" in vista.historial.toPlainText()


def test_asistente_no_puede_bloquear(qtbot, demo_sqlite, respuestas):
    vista = abrir(qtbot, "asistente")
    cuenta = Cuenta.get(Cuenta.nombre_usuario == "raguilar")
    vista.seleccionar(f"c{cuenta.id}")
    assert not vista.boton_bloquear.isEnabled() and vista.boton_restablecer.isEnabled()
    assert not vista.boton_smtp.isEnabled()


def test_exportar_lo_listado_a_excel(qtbot, demo_sqlite, respuestas, monkeypatch, tmp_path):
    vista = abrir(qtbot)
    vista.filtro_tipo.setCurrentIndex(vista.filtro_tipo.findData(cuentas.APLICACION))
    ruta = tmp_path / "aplicaciones"
    monkeypatch.setattr(vista_cuentas, "elegir_archivo_excel", lambda _p: str(ruta) + ".xlsx")
    vista.boton_excel.click()
    hoja = openpyxl.load_workbook(str(ruta) + ".xlsx").active
    assert hoja.max_row == 4
    assert {hoja.cell(f, 2).value for f in range(2, 5)} == {"caja1", "gtorres", "snavarro"}
    assert hoja.cell(2, 7).is_date
    assert "3 filas exportadas" in respuestas.texto()


def test_cola_en_segundo_plano_y_reintentar_ahora(qtbot, demo_sqlite, respuestas, monkeypatch):
    servidor = ServidorSmtp(puerto_libre())
    vista = abrir(qtbot, "director")

    def configurar(dialogo: DialogoCorreoSaliente) -> int:
        dialogo.host.setText("127.0.0.1")
        dialogo.seguridad.setCurrentIndex(dialogo.seguridad.findData(correo.NINGUNA))
        dialogo.puerto.setValue(servidor.puerto)
        qtbot.keyClicks(dialogo.contrasena, "Secreta#2026")
        dialogo.aceptar()
        return int(dialogo.result())

    monkeypatch.setattr(DialogoCorreoSaliente, "exec", configurar)
    vista.boton_smtp.click()
    assert correo.configuracion().puerto == servidor.puerto and correo.configuracion().tiene_contrasena
    assert "Secreta#2026" not in correo._registro_configuracion().contrasena_cifrada
    # Servidor apagado: todo queda en cola.
    with qtbot.waitSignal(vista.procesada, timeout=30000) as senal:
        assert vista.procesar_cola(True)
        assert not vista.procesar_cola(True), "una pasada a la vez"
        assert "enviando…" in vista.estado_cola.text()
    assert senal.args[0].enviados == 0 and senal.args[0].pendientes == 8
    assert "8 pendiente(s)" in vista.estado_cola.text() and "rechazó la conexión" in vista.estado_cola.text()
    servidor.encender()
    try:
        with qtbot.waitSignal(vista.procesada, timeout=30000) as senal:
            vista.boton_reintentar.click()
        assert senal.args[0].enviados == 8
        assert len(servidor.buzon.recibidos) == 8
        assert "0 pendiente(s) · 8 enviado(s)" in vista.estado_cola.text()
    finally:
        servidor.apagar()


def test_ver_cola_y_volver_a_encolar_un_rechazado(qtbot, demo_sqlite, respuestas, monkeypatch):
    servidor = ServidorSmtp(puerto_libre())
    servidor.encender()
    try:
        correo.guardar_configuracion(None, host="127.0.0.1", puerto=servidor.puerto, seguridad=correo.NINGUNA,
                                     remitente="dti@texmelucan.gob.mx", dominio="texmelucan.gob.mx")
        mensaje = correo.encolar("inexistente@example.com", "Aviso <b>importante</b>", "Texto")
        correo.procesar_cola(ids=[mensaje.id])
    finally:
        servidor.apagar()
    vista = abrir(qtbot)
    assert "1 rechazado(s)" in vista.estado_cola.text() and "550" in vista.estado_cola.text()
    vistos = {}

    def revisar(dialogo) -> int:
        fila = dialogo.tabla.modelo.fila_de(mensaje.id)
        assert fila >= 0
        dialogo.tabla.vista.selectRow(fila)
        vistos["habilitado"] = dialogo.boton_reencolar.isEnabled()
        vistos["asunto"] = dialogo.tabla.modelo.index(fila, 1).data()
        dialogo.boton_reencolar.click()
        vistos["despues"] = dialogo.boton_reencolar.isEnabled()
        return 0

    monkeypatch.setattr(vista_cuentas.DialogoColaCorreo, "exec", revisar)
    vista.boton_ver_cola.click()
    assert vistos == {"habilitado": True, "asunto": "Aviso <b>importante</b>", "despues": False}
    assert MensajeCorreo.get_by_id(mensaje.id).estado == correo.PENDIENTE
    assert "rechazado" not in vista.estado_cola.text()


def test_cancelar_solicitud_con_motivo(qtbot, demo_sqlite, respuestas):
    vista = abrir(qtbot)
    solicitud = SolicitudCuenta.get(SolicitudCuenta.nombre_completo == "Jazmín Olvera Ramos")
    vista.seleccionar(f"s{solicitud.id}")
    assert vista.boton_cancelar.isVisibleTo(vista) and vista.boton_cancelar.isEnabled()
    respuestas.motivo = "La dependencia retiró la solicitud por oficio SB/0200/2026"
    vista.boton_cancelar.click()
    guardada = SolicitudCuenta.get_by_id(solicitud.id)
    assert guardada.estado == cuentas.CANCELADA and guardada.motivo_cancelacion.startswith("La dependencia")
    assert f"s{solicitud.id}" not in claves(vista), "las canceladas no estorban en la lista"
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(cuentas.CANCELADA))
    assert claves(vista) == [f"s{solicitud.id}"]
    assert "SB/0200/2026" in vista.datos.text()


def test_sin_correo_configurado_lo_dice_sin_rojo_y_ofrece_configurarlo(qtbot, demo_sqlite, monkeypatch):
    """En una PC donde aún no se configura el correo no hay error rojo: «correo no configurado» y un botón."""
    monkeypatch.setattr(correo, "estado_cola",
                        lambda: correo.EstadoCola(3, 0, 0, None, "", False))
    vista = abrir(qtbot, "director")
    vista.actualizar_cola()
    assert "correo no configurado" in vista.estado_cola.text()
    assert "b3261e" not in vista.estado_cola.styleSheet()
    assert vista.boton_configurar_correo.isVisible() and vista.boton_configurar_correo.isEnabled()
    abiertos: list[DialogoCorreoSaliente] = []
    monkeypatch.setattr(DialogoCorreoSaliente, "exec", lambda d: abiertos.append(d) or 0)
    vista.boton_configurar_correo.click()
    assert len(abiertos) == 1
    # Configurado y con un servidor que falla, sí es un error (en rojo) y el botón se va.
    monkeypatch.setattr(correo, "estado_cola",
                        lambda: correo.EstadoCola(3, 0, 0, None, "Conexión rechazada por el servidor", True))
    vista.actualizar_cola()
    assert "b3261e" in vista.estado_cola.styleSheet()
    assert not vista.boton_configurar_correo.isVisible()
