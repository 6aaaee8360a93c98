"""Pantalla «Trámites» usada como la usaría el personal de la DTI; lo que quedó se revisa con los servicios."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer

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

def demo_decision() -> int:
    """Trámite de demostración P09 (Soporte Técnico), en la decisión 2 (Sí → 3, No → 2.1)."""
    from app.modelos import Tramite

    return Tramite.get(Tramite.asunto == "Correo institucional para auxiliar administrativa").id


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


def test_abrir_tramite_desde_el_dialogo_con_el_teclado(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "soporte")
    antes = {r["id"] for r in tramites.consultar()}
    vistos: dict[str, object] = {}

    def capturar() -> None:
        dialogo = vista.findChild(DialogoNuevoTramite)
        assert dialogo is not None, "Ctrl+N debió abrir el diálogo"
        vistos["procedimientos"] = [dialogo.procedimiento.itemText(i) for i in range(dialogo.procedimiento.count())]
        qtbot.keyClicks(dialogo.procedimiento, "P06")          # búsqueda por teclado en el combo
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
    assert "Facilitar soporte técnico" in str(vistos["objetivo"])
    assert any("Sofía Navarro Peña" in s for s in vistos["solicitantes"])
    nuevos = [r for r in tramites.consultar() if r["id"] not in antes]
    assert len(nuevos) == 1
    nuevo = tramites.obtener(nuevos[0]["id"])
    assert nuevo.procedimiento == 6 and nuevo.paso_actual == "1" and nuevo.estado == tramites.ABIERTO
    assert nuevo.asunto == "No imprime la impresora de la ventanilla de Catastro"
    assert nuevos[0]["dependencia"] == "Dirección de Catastro"
    # La vista lo muestra elegido, en el paso 1.
    assert vista.ficha is not None and vista.ficha.tramite.id == nuevo.id
    assert vista.paso_titulo.text().startswith("Paso 1 ·")
    assert vista.boton_continuar is not None and vista.boton_continuar.text() == "Concluir paso y continuar → 2"
    assert respuestas.avisos == []


def test_responder_no_en_una_decision(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "soporte")
    assert vista.seleccionar(demo_decision())
    assert set(vista.botones_opcion) == {"Sí", "No"}
    assert vista.botones_opcion["Sí"].text() == "Sí → 3"
    assert vista.botones_opcion["No"].text() == "No → 2.1"
    teclear(qtbot, vista.nota, "Falta el puesto de la auxiliar.")
    qtbot.mouseClick(vista.botones_opcion["No"], Qt.MouseButton.LeftButton)

    tramite = tramites.obtener(demo_decision())
    assert tramite.paso_actual == "2.1"
    registro = [p for p in tramites.pasos(tramite) if p.paso == "2"][-1]
    assert registro.opcion == "No" and registro.destino == "2.1"
    assert "Falta el puesto de la auxiliar." in registro.nota
    assert registro.usuario.nombre_usuario == "soporte"
    # Lo que el usuario ve: el historial con la respuesta y el nuevo paso actual.
    historial = filas(vista.historial)
    paso, respuesta = columna(vista.historial, "Paso"), columna(vista.historial, "Respuesta")
    assert any(f[paso] == "2" and f[respuesta] == "No" for f in historial)
    assert historial[-1][paso] == "2.1"
    assert vista.paso_titulo.text().startswith("Paso 2.1 ·")
    assert vista.nota.toPlainText() == ""
    assert respuestas.avisos == []


def test_atajo_alt_s_responde_si(qtbot, demo_sqlite, respuestas):
    soporte = usuario("soporte")
    tramite = tramites.abrir_tramite(soporte, 6, "Falla de red en la caja 2")
    datos_tramites.avanzar(soporte, tramite)            # con los datos que piden los pasos 1 y 2
    datos_tramites.avanzar(soporte, tramite)            # paso 3: ¿Es posible atenderlo de manera remota?
    vista = abrir_vista(qtbot, "soporte")
    vista.seleccionar(tramite.id)
    qtbot.keyClick(vista.tabla.vista, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert tramites.obtener(tramite.id).paso_actual == "4"


def test_enter_en_la_lista_pasa_a_la_nota(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "soporte")
    vista.seleccionar(demo_decision())
    vista.tabla.vista.setFocus()
    qtbot.keyClick(vista.tabla.vista, Qt.Key.Key_Return)
    assert vista.focusWidget() is vista.nota


def test_otra_area_no_puede_avanzar(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "redes")
    vista.seleccionar(demo_decision())
    assert vista.botones_opcion and not any(b.isEnabled() for b in vista.botones_opcion.values())
    assert not vista.boton_cancelar.isEnabled()
    assert vista.aviso.isVisibleTo(vista) and "Departamento de Soporte Técnico" in vista.aviso.text()
    vista.avanzar("No")                                   # aun forzando la llamada, el servicio se niega
    assert "no atiende trámites" in respuestas.texto()
    with pytest.raises(ErrorPermiso):
        tramites.avanzar_tramite(usuario("redes"), tramites.obtener(demo_decision()), "No")
    assert tramites.obtener(demo_decision()).paso_actual == "2"


def test_consulta_solo_mira(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "consulta")
    vista.seleccionar(demo_decision())
    assert not vista.boton_nuevo.isEnabled()
    assert not vista.boton_cancelar.isEnabled() and not vista.boton_oficio.isEnabled()
    assert not any(b.isEnabled() for b in vista.botones_opcion.values())
    assert vista.nota.isReadOnly()
    qtbot.keyClick(vista.tabla.vista, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert vista.findChild(DialogoNuevoTramite) is None


def test_cambio_en_otra_pc_muestra_el_conflicto(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "soporte")
    vista.seleccionar(demo_decision())
    # Mientras tanto, el director lo mueve desde otra PC.
    tramites.avanzar_tramite(usuario("director"), tramites.obtener(demo_decision()), "Sí")
    qtbot.mouseClick(vista.botones_opcion["No"], Qt.MouseButton.LeftButton)
    assert "Otro usuario movió el trámite" in respuestas.texto()
    assert tramites.obtener(demo_decision()).paso_actual == "3"     # nadie sobrescribió
    assert vista.paso_titulo.text().startswith("Paso 3 ·")          # la pantalla se actualizó


def test_cancelar_tramite_pide_motivo_y_confirmacion(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "soporte")
    vista.seleccionar(demo_decision())
    assert vista.boton_cancelar.isEnabled()
    respuestas.si = False
    vista.boton_cancelar.click()
    assert tramites.obtener(demo_decision()).estado == tramites.ABIERTO
    respuestas.si = True
    vista.boton_cancelar.click()
    tramite = tramites.obtener(demo_decision())
    assert tramite.estado == tramites.CANCELADO
    assert tramite.motivo_cancelacion == "Se registró dos veces la misma solicitud."
    assert vista.titulo.text().endswith("Cancelado")
    assert not vista.boton_cancelar.isEnabled()


def test_emitir_oficio_de_respuesta(qtbot, demo_sqlite, respuestas, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from app.vistas.oficios.vista_previa import DialogoVistaPrevia

    previas: list[DialogoVistaPrevia] = []

    def emitir_en_la_vista_previa(dialogo) -> int:
        previas.append(dialogo)
        assert dialogo.paginas, "la vista previa muestra el oficio"
        assert not [o for o in oficios.consultar(tipo=oficios.SALIENTE) if o["tramite_id"] == demo_decision()]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DialogoVistaPrevia, "exec", emitir_en_la_vista_previa)
    vista = abrir_vista(qtbot, "soporte")
    vista.seleccionar(demo_decision())
    vistos: dict[str, str] = {}

    def emitir() -> None:
        dialogo = vista.findChild(DialogoOficioRespuesta)
        assert dialogo is not None
        vistos.update(destinatario=dialogo.destinatario.text(), dependencia=dialogo.dependencia.text(),
                      cuerpo=dialogo.cuerpo.toPlainText(), asunto=dialogo.asunto.text())
        dialogo.boton_emitir.click()

    QTimer.singleShot(0, emitir)
    vista.boton_oficio.click()

    assert vistos["destinatario"] == "Alejandro Romero Vázquez"
    assert vistos["dependencia"] == "Secretaría General del Ayuntamiento"
    assert "SGA/0187/2026" in vistos["cuerpo"] and tramites.obtener(demo_decision()).numero in vistos["cuerpo"]
    assert "asignación de usuarios y contraseñas" in vistos["cuerpo"]
    emitidos = [o for o in oficios.consultar(tipo=oficios.SALIENTE) if o["tramite_id"] == demo_decision()]
    assert len(emitidos) == 1
    assert emitidos[0]["folio"] in respuestas.texto()
    assert len(previas) == 1, "debe mostrar la vista previa antes de consumir un folio"
    assert emitidos[0]["folio"] in vista.oficios_emitidos.text()


def test_marcado_en_datos_del_usuario_no_se_interpreta(qtbot, demo_sqlite, respuestas):
    hostil = '<img src="C:/Windows/win.ini"> <b>urgente</b>'
    tramite = tramites.abrir_tramite(usuario("soporte"), 6, hostil)
    vista = abrir_vista(qtbot, "soporte")
    vista.seleccionar(tramite.id)
    assert vista.asunto.textFormat() == Qt.TextFormat.PlainText
    assert vista.asunto.text() == hostil


def test_filtros_de_estado_y_procedimiento(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "director")
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(tramites.CONCLUIDO))
    concluidos = filas(vista.tabla)
    from app.modelos import Tramite

    monitor = Tramite.get(Tramite.asunto == "No enciende el monitor de la caja 3")
    assert len(concluidos) == 1 and concluidos[0][0] == monitor.numero
    assert concluidos[0][columna(vista.tabla, "Estado")] == "Concluido"
    vista.filtro_estado.setCurrentIndex(0)
    vista.filtro_procedimiento.setCurrentIndex(vista.filtro_procedimiento.findData(9))
    assert [f[columna(vista.tabla, "Procedimiento")][:3] for f in filas(vista.tabla)] == ["P09"]


def test_duracion_humanizada():
    assert ficha_tramite.humanizar_duracion(None) == ""
    assert ficha_tramite.humanizar_duracion(42) == "42 s"
    assert ficha_tramite.humanizar_duracion(15 * 60) == "15 min"
    assert ficha_tramite.humanizar_duracion(2 * 3600 + 15 * 60) == "2 h 15 min"
    assert ficha_tramite.humanizar_duracion(3 * 86400 + 4 * 3600) == "3 d 4 h"
