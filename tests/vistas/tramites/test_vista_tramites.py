"""Pantalla «Trámites» usada como la usaría el personal de la DTI; lo que quedó se revisa con los servicios."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.demo import datos_tramites
from app.servicios.tramites import ficha as ficha_tramite, tramites
from app.servicios.oficios import oficios
from app.errores import ErrorPermiso
from app.vistas.comun import comunes
from app.vistas.tramites import tramites as vista_tramites
from app.vistas.tramites.tramites import DialogoNuevoTramite, DialogoOficioRespuesta, VistaTramites
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui

@pytest.fixture
def decision(demo_sqlite, manual_sin_modulos) -> int:
    """Un trámite P17 llevado en Trámites (un manual sin módulo Web), en la decisión 3 (Sí → 4, No → 3.1).

    Su oficio de entrada es el UT/0131/2026 de la Unidad de Transparencia.
    """
    from app.modelos import Dependencia
    from app.tiempo import hoy_mexico

    entrante = oficios.registrar_oficio_entrante(
        usuario("asistente"), numero_oficio="UT/0131/2026", fecha_documento=hoy_mexico(),
        procedencia=Dependencia.get(Dependencia.siglas == "UT"), solicitante_nombre="Jorge Luis Ramírez Cruz",
        solicitante_cargo="Titular de la Unidad de Transparencia", firmado=True,
        descripcion="Solicita hipervínculos para las obligaciones de transparencia del cuarto trimestre.")
    tramite = tramites.abrir_tramite(usuario("sistemas"), 17, "Hipervínculos de transparencia, cuarto trimestre",
                                     oficio_entrada=entrante)
    while tramite.paso_actual != "3":
        datos_tramites.avanzar(usuario("sistemas"), tramite)
        tramite = tramites.obtener(tramite.id)
    return tramite.id


class VentanaFalsa(QWidget):
    """Hace de ventana principal: anota lo que la vista le pide abrir (un caso, o uno nuevo)."""

    def __init__(self, vista: QWidget) -> None:
        super().__init__()
        self.vista = vista
        self.nuevos: list[tuple[int, int | None]] = []
        self.abiertos: list[int] = []
        QVBoxLayout(self).addWidget(vista)

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> QWidget:
        self.nuevos.append((procedimiento, oficio_id))
        return self.vista

    def abrir_caso(self, tramite_id: int) -> QWidget:
        self.abiertos.append(tramite_id)
        return self.vista


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    r.motivo = "Se registró dos veces la misma solicitud."
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    monkeypatch.setattr(vista_tramites, "pedir_motivo", r.pedir_motivo)
    return r


def abrir_vista(qtbot, nombre: str = "soporte") -> VistaTramites:
    # Activa: los atajos de teclado piden la ventana activa.
    return mostrar(qtbot, VistaTramites(usuario(nombre)), 1280, 760, activar=True)


def filas(tabla) -> list[tuple[str, ...]]:
    modelo = tabla.modelo
    return [tuple(modelo.index(f, c).data() for c in range(modelo.columnCount())) for f in range(modelo.rowCount())]


def columna(tabla, titulo: str) -> int:
    modelo = tabla.modelo
    return next(c for c in range(modelo.columnCount()) if modelo.headerData(c, Qt.Orientation.Horizontal) == titulo)


def test_abrir_tramite_desde_el_dialogo_con_el_teclado(qtbot, demo_sqlite, respuestas, manual_sin_modulos):
    vista = abrir_vista(qtbot, "soporte")
    antes = {r["id"] for r in tramites.consultar()}
    vistos: dict[str, object] = {}

    def capturar() -> None:
        dialogo = vista.findChild(DialogoNuevoTramite)
        assert dialogo is not None, "Ctrl+N debió abrir el diálogo"
        vistos["procedimientos"] = [dialogo.procedimiento.itemText(i) for i in range(dialogo.procedimiento.count())]
        qtbot.keyClicks(dialogo.procedimiento, "P05")          # búsqueda por teclado en el combo
        vistos["objetivo"] = dialogo.objetivo.text()
        qtbot.keyClick(dialogo.procedimiento, Qt.Key.Key_Tab)
        assert dialogo.focusWidget() is dialogo.asunto
        teclear(qtbot, dialogo.asunto, "No imprime la impresora de la ventanilla de Catastro")
        qtbot.keyClick(dialogo.asunto, Qt.Key.Key_Tab)
        assert dialogo.focusWidget() is dialogo.dependencia
        dialogo.dependencia.setCurrentIndex(dialogo.dependencia.findText("Dirección de Catastro"))
        vistos["solicitantes"] = [dialogo.solicitante.itemText(i) for i in range(dialogo.solicitante.count())]
        qtbot.keyClick(dialogo.asunto, Qt.Key.Key_Return)     # Enter acepta (botón por omisión)

    QTimer.singleShot(0, capturar)
    qtbot.keyClick(vista.tabla.vista, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    # El jefe de Soporte solo ve los procedimientos de su área y de la Dirección.
    assert all(texto[:3] in {f"P{n:02d}" for n in range(1, 11)} for texto in vistos["procedimientos"])
    assert "Resguardar y proteger" in str(vistos["objetivo"])
    assert any("Sofía Navarro Peña" in s for s in vistos["solicitantes"])
    nuevos = [r for r in tramites.consultar() if r["id"] not in antes]
    assert len(nuevos) == 1
    nuevo = tramites.obtener(nuevos[0]["id"])
    assert nuevo.procedimiento == 5 and nuevo.paso_actual == "1" and nuevo.estado == tramites.ABIERTO
    assert nuevo.modulo == ""
    assert nuevo.asunto == "No imprime la impresora de la ventanilla de Catastro"
    assert nuevos[0]["dependencia"] == "Dirección de Catastro"
    # La vista lo muestra elegido, en el paso 1.
    assert vista.ficha is not None and vista.ficha.tramite.id == nuevo.id
    assert vista.paso_titulo.text().startswith("Paso 1 ·")
    assert vista.boton_continuar is not None and vista.boton_continuar.text() == "Concluir paso y continuar → 2"
    assert respuestas.avisos == []


def test_responder_no_en_una_decision(qtbot, decision, respuestas):
    vista = abrir_vista(qtbot, "sistemas")
    assert vista.seleccionar(decision)
    assert set(vista.botones_opcion) == {"Sí", "No"}
    assert vista.botones_opcion["Sí"].text() == "Sí → 4"
    assert vista.botones_opcion["No"].text() == "No → 3.1"
    teclear(qtbot, vista.nota, "Faltan los formatos del tercer trimestre.")
    qtbot.mouseClick(vista.botones_opcion["No"], Qt.MouseButton.LeftButton)

    tramite = tramites.obtener(decision)
    assert tramite.paso_actual == "3.1"
    registro = [p for p in tramites.pasos(tramite) if p.paso == "3"][-1]
    assert registro.opcion == "No" and registro.destino == "3.1"
    assert "Faltan los formatos del tercer trimestre." in registro.nota
    assert registro.usuario.nombre_usuario == "sistemas"
    # Lo que el usuario ve: el historial con la respuesta y el nuevo paso actual.
    historial = filas(vista.historial)
    paso, respuesta = columna(vista.historial, "Paso"), columna(vista.historial, "Respuesta")
    assert any(f[paso] == "3" and f[respuesta] == "No" for f in historial)
    assert historial[-1][paso] == "3.1"
    assert vista.paso_titulo.text().startswith("Paso 3.1 ·")
    assert vista.nota.toPlainText() == ""
    assert respuestas.avisos == []


def test_atajo_alt_s_responde_si(qtbot, decision, respuestas):
    vista = abrir_vista(qtbot, "sistemas")
    vista.seleccionar(decision)
    qtbot.keyClick(vista.tabla.vista, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    tramite = tramites.obtener(decision)
    assert tramite.paso_actual == "4"
    assert [p.opcion for p in tramites.pasos(tramite) if p.paso == "3"] == ["Sí"]


def test_enter_en_la_lista_pasa_a_la_nota(qtbot, decision, respuestas):
    vista = abrir_vista(qtbot, "sistemas")
    vista.seleccionar(decision)
    vista.tabla.vista.setFocus()
    qtbot.keyClick(vista.tabla.vista, Qt.Key.Key_Return)
    assert vista.focusWidget() is vista.nota


def test_otra_area_no_puede_avanzar(qtbot, decision, respuestas):
    vista = abrir_vista(qtbot, "redes")
    vista.seleccionar(decision)
    assert vista.botones_opcion and not any(b.isEnabled() for b in vista.botones_opcion.values())
    assert not vista.boton_cancelar.isEnabled()
    assert vista.aviso.isVisibleTo(vista) and "Departamento de Programación de Sistemas" in vista.aviso.text()
    vista.avanzar("No")                                   # aun forzando la llamada, el servicio se niega
    assert "no atiende trámites" in respuestas.texto()
    with pytest.raises(ErrorPermiso):
        tramites.avanzar_tramite(usuario("redes"), tramites.obtener(decision), "No")
    assert tramites.obtener(decision).paso_actual == "3"


def test_consulta_solo_mira(qtbot, decision, respuestas):
    vista = abrir_vista(qtbot, "consulta")
    vista.seleccionar(decision)
    assert not vista.boton_nuevo.isEnabled()
    assert not vista.boton_cancelar.isEnabled() and not vista.boton_oficio.isEnabled()
    assert not any(b.isEnabled() for b in vista.botones_opcion.values())
    assert vista.nota.isReadOnly()
    qtbot.keyClick(vista.tabla.vista, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert vista.findChild(DialogoNuevoTramite) is None


def test_cambio_en_otra_pc_muestra_el_conflicto(qtbot, decision, respuestas):
    vista = abrir_vista(qtbot, "sistemas")
    vista.seleccionar(decision)
    # Mientras tanto, el director lo mueve desde otra PC.
    tramites.avanzar_tramite(usuario("director"), tramites.obtener(decision), "Sí")
    qtbot.mouseClick(vista.botones_opcion["No"], Qt.MouseButton.LeftButton)
    assert "Otro usuario cambió el trámite" in respuestas.texto()
    assert tramites.obtener(decision).paso_actual == "4"            # nadie sobrescribió
    assert vista.paso_titulo.text().startswith("Paso 4 ·")          # la pantalla se actualizó


def test_cancelar_tramite_pide_motivo_y_confirmacion(qtbot, decision, respuestas):
    vista = abrir_vista(qtbot, "sistemas")
    vista.seleccionar(decision)
    assert vista.boton_cancelar.isEnabled()
    respuestas.si = False
    vista.boton_cancelar.click()
    assert tramites.obtener(decision).estado == tramites.ABIERTO
    respuestas.si = True
    vista.boton_cancelar.click()
    tramite = tramites.obtener(decision)
    assert tramite.estado == tramites.CANCELADO
    assert tramite.motivo_cancelacion == "Se registró dos veces la misma solicitud."
    assert vista.titulo.text().endswith("Cancelado")
    assert not vista.boton_cancelar.isEnabled()


def test_emitir_oficio_de_respuesta(qtbot, decision, respuestas, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from app.vistas.oficios.vista_previa import DialogoVistaPrevia

    previas: list[DialogoVistaPrevia] = []

    def emitir_en_la_vista_previa(dialogo) -> int:
        previas.append(dialogo)
        assert dialogo.paginas, "la vista previa muestra el oficio"
        assert not [o for o in oficios.consultar(tipo=oficios.SALIENTE) if o["tramite_id"] == decision]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DialogoVistaPrevia, "exec", emitir_en_la_vista_previa)
    vista = abrir_vista(qtbot, "sistemas")
    vista.seleccionar(decision)
    vistos: dict[str, str] = {}

    def emitir() -> None:
        dialogo = vista.findChild(DialogoOficioRespuesta)
        assert dialogo is not None
        vistos.update(destinatario=dialogo.destinatario.text(), dependencia=dialogo.dependencia.text(),
                      cuerpo=dialogo.cuerpo.toPlainText(), asunto=dialogo.asunto.text())
        dialogo.boton_emitir.click()

    QTimer.singleShot(0, emitir)
    vista.boton_oficio.click()

    assert vistos["destinatario"] == "Jorge Luis Ramírez Cruz"
    assert vistos["dependencia"] == "Unidad de Transparencia"
    assert "UT/0131/2026" in vistos["cuerpo"] and tramites.obtener(decision).numero in vistos["cuerpo"]
    assert "creación de hipervínculos para las distintas áreas de la tesorería" in vistos["cuerpo"]
    emitidos = [o for o in oficios.consultar(tipo=oficios.SALIENTE) if o["tramite_id"] == decision]
    assert len(emitidos) == 1
    assert emitidos[0]["folio"] in respuestas.texto()
    assert len(previas) == 1, "debe mostrar la vista previa antes de consumir un folio"
    assert emitidos[0]["folio"] in vista.oficios_emitidos.text()


def test_marcado_en_datos_del_usuario_no_se_interpreta(qtbot, demo_sqlite, respuestas, manual_sin_modulos):
    hostil = '<img src="C:/Windows/win.ini"> <b>urgente</b>'
    tramite = tramites.abrir_tramite(usuario("soporte"), 5, hostil)
    vista = abrir_vista(qtbot, "soporte")
    vista.seleccionar(tramite.id)
    assert vista.asunto.textFormat() == Qt.TextFormat.PlainText
    assert vista.asunto.text() == hostil


def test_filtros_de_estado_y_procedimiento(qtbot, demo_sqlite, respuestas, manual_sin_modulos):
    suelto = tramites.abrir_tramite(usuario("soporte"), 5, "Respaldo de la caja 2")
    vista = abrir_vista(qtbot, "director")
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(tramites.CONCLUIDO))
    concluidos = filas(vista.tabla)
    estado = columna(vista.tabla, "Estado")
    assert concluidos and {f[estado] for f in concluidos} == {"Concluido"}
    assert len(concluidos) == len(tramites.consultar(estado=tramites.CONCLUIDO))
    vista.filtro_estado.setCurrentIndex(0)
    vista.filtro_procedimiento.setCurrentIndex(vista.filtro_procedimiento.findData(5))
    del_5 = filas(vista.tabla)
    assert {f[columna(vista.tabla, "Procedimiento")][:3] for f in del_5} == {"P05"}
    propio = [f for f in del_5 if f[columna(vista.tabla, "Asunto")] == suelto.asunto]
    assert len(propio) == 1 and propio[0][columna(vista.tabla, "Caso")] == "—"     # se lleva aquí, en Trámites


def test_la_lista_dice_de_que_registro_es_cada_tramite(qtbot, demo_sqlite, respuestas):
    """Los trámites de los tickets (procedimiento 6) dicen su ticket en la columna «Caso»."""
    vista = abrir_vista(qtbot, "director")
    vista.filtro_procedimiento.setCurrentIndex(vista.filtro_procedimiento.findData(6))
    tickets = filas(vista.tabla)
    caso, asunto = columna(vista.tabla, "Caso"), columna(vista.tabla, "Asunto")
    assert tickets and all(f[caso].startswith("Ticket T-") for f in tickets)
    assert all(f[asunto].startswith(f[caso] + ":") for f in tickets)     # el suyo, no otro
    vista.filtro_procedimiento.setCurrentIndex(vista.filtro_procedimiento.findData(9))
    assert {f[caso].split()[0] for f in filas(vista.tabla)} == {"Solicitud"}


def test_nuevo_de_un_procedimiento_con_modulo_va_a_su_pestana(qtbot, demo_sqlite, respuestas):
    """«Nuevo…» con P06 no abre un trámite suelto: avisa que va a Mesa de ayuda y se lo pide a la ventana."""
    from app.modelos import Oficio, Tramite

    vista = VistaTramites(usuario("soporte"))
    ventana = mostrar(qtbot, VentanaFalsa(vista), 1280, 760)
    antes = Tramite.select().count()
    sga = Oficio.get(Oficio.numero_oficio == "SGA/0187/2026")
    vistos: dict[str, object] = {}

    def elegir() -> None:
        dialogo = vista.findChild(DialogoNuevoTramite)
        assert dialogo is not None
        dialogo.procedimiento.setCurrentIndex(dialogo.procedimiento.findData(6))
        dialogo.oficio.setCurrentIndex(dialogo.oficio.findData(sga.id))
        vistos.update(texto=dialogo.procedimiento.currentText(), aviso=dialogo.aviso_modulo.text(),
                      visible=dialogo.aviso_modulo.isVisibleTo(dialogo), boton=dialogo.boton_abrir.text(),
                      asunto=dialogo.asunto.isEnabled())
        dialogo.boton_abrir.click()

    QTimer.singleShot(0, elegir)
    vista.boton_nuevo.click()
    assert vistos["texto"].endswith("— en Mesa de ayuda")
    assert vistos["visible"] and str(vistos["aviso"]).startswith("Los tickets se abren en Mesa de ayuda.")
    assert vistos["boton"] == "Ir a Mesa de ayuda…" and vistos["asunto"] is False
    assert ventana.nuevos == [(6, sga.id)]
    assert Tramite.select().count() == antes                    # ningún trámite suelto
    assert respuestas.avisos == []


def test_nuevo_caso_abre_el_dialogo_con_procedimiento_y_oficio(qtbot, demo_sqlite, respuestas, manual_sin_modulos):
    """Lo que la ventana llama para un procedimiento sin módulo: el diálogo llega con ambos elegidos."""
    from app.modelos import Oficio

    sga = Oficio.get(Oficio.numero_oficio == "SGA/0187/2026")
    vista = abrir_vista(qtbot, "redes")
    vistos: dict[str, object] = {}

    def aceptar() -> None:
        dialogo = vista.findChild(DialogoNuevoTramite)
        vistos.update(procedimiento=dialogo.procedimiento.currentData(), oficio=dialogo.oficio.currentData(),
                      asunto=dialogo.asunto.text(), dependencia=dialogo.dependencia.currentText())
        dialogo.boton_abrir.click()

    QTimer.singleShot(0, aceptar)
    tramite = vista.nuevo_caso(19, sga.id)
    assert vistos["procedimiento"] == 19 and vistos["oficio"] == sga.id
    assert vistos["asunto"].startswith("Solicita cuenta de correo institucional")    # lo propone el oficio
    assert vistos["dependencia"] == "Secretaría General del Ayuntamiento"
    assert tramite is not None and tramite.procedimiento == 19 and tramite.oficio_entrada_id == sga.id
    assert sga.id not in {f["id"] for f in oficios.consultar(por_atender=True)}
    assert vista.ficha.tramite.id == tramite.id and vista.paso_titulo.text().startswith("Paso 1 ·")


def test_tramite_de_un_modulo_se_ve_de_solo_lectura(qtbot, demo_sqlite, respuestas, manual_sin_modulos):
    """La solicitud de cuenta en el paso 2.1 se consulta aquí, pero se mueve en la pestaña Cuentas."""
    from app.modelos import Tramite

    tramite = Tramite.get((Tramite.procedimiento == 9) & (Tramite.paso_actual == "2.1"))
    vista = VistaTramites(usuario("soporte"))
    ventana = mostrar(qtbot, VentanaFalsa(vista), 1280, 760)
    assert vista.seleccionar(tramite.id)
    assert vista.paso_titulo.text().startswith("Paso 2.1 ·")
    assert vista.botones_opcion == {} and vista.boton_continuar is None
    assert not vista.boton_cancelar.isEnabled()
    assert not vista.nota.isVisibleTo(vista) and not vista.boton_guardar_datos.isVisibleTo(vista)
    assert vista.aviso_modulo.isVisibleTo(vista)
    assert "Solicitud de cuenta" in vista.aviso_modulo.text() and "pestaña Cuentas" in vista.aviso_modulo.text()
    assert vista.boton_modulo.text() == "Abrir en Cuentas"
    qtbot.mouseClick(vista.boton_modulo, Qt.MouseButton.LeftButton)
    assert ventana.abiertos == [tramite.id]
    assert tramites.obtener(tramite.id).paso_actual == "2.1"      # nada se movió
    # Un trámite que se lleva aquí no muestra el botón.
    propio = tramites.abrir_tramite(usuario("soporte"), 5, "Respaldo de la caja 1")
    vista.seleccionar(propio.id)
    assert not vista.boton_modulo.isVisibleTo(vista) and vista.boton_continuar is not None


def test_duracion_humanizada():
    assert ficha_tramite.humanizar_duracion(None) == ""
    assert ficha_tramite.humanizar_duracion(42) == "42 s"
    assert ficha_tramite.humanizar_duracion(15 * 60) == "15 min"
    assert ficha_tramite.humanizar_duracion(2 * 3600 + 15 * 60) == "2 h 15 min"
    assert ficha_tramite.humanizar_duracion(3 * 86400 + 4 * 3600) == "3 d 4 h"
