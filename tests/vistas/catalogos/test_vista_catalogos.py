"""Pantalla «Catálogos»: altas, ediciones, bajas lógicas, errores marcados en el campo y permisos por rol."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton

from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import folios
from app.errores import ErrorAutenticacion
from app.tiempo import hoy_mexico
from app.vistas.catalogos import catalogos as vista_catalogos
from app.vistas.comun import comunes
from app.vistas.catalogos.catalogos import VistaCatalogos
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    monkeypatch.setattr(vista_catalogos, "elegir_imagen", lambda _padre: "")
    return r


def abrir_vista(qtbot, nombre: str = "director") -> VistaCatalogos:
    return mostrar(qtbot, VistaCatalogos(usuario(nombre)), 1280, 760)


def elegir(pestana, texto: str) -> None:
    """Hace clic en la fila cuya primera columna es ``texto``."""
    modelo = pestana.tabla.modelo
    fila = next(f for f in range(modelo.rowCount()) if modelo.index(f, 0).data() == texto)
    pestana.tabla.vista.selectRow(fila)


def con_error(widget) -> bool:
    return bool(widget.property("error"))


def test_proveedor_con_rfc_mal_se_rechaza_y_conserva_lo_capturado(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.proveedores)
    pestana = vista.proveedores
    pestana.boton_nuevo.click()
    assert pestana.rfc.text() == "" and pestana.registro is None
    teclear(qtbot, pestana.rfc, "PCV10031")
    teclear(qtbot, pestana.razon_social, "Papelería y Cómputo del Valle, S.A. de C.V.")
    teclear(qtbot, pestana.marcas, "HP; Dell")
    pestana.tiempo_entrega.setValue(8)
    qtbot.mouseClick(pestana.boton_guardar, Qt.MouseButton.LeftButton)

    assert pestana.errores.isVisibleTo(pestana) and "RFC" in pestana.errores.text()
    assert con_error(pestana.rfc) and not con_error(pestana.razon_social)
    assert pestana.rfc.text() == "PCV10031"
    assert pestana.razon_social.text() == "Papelería y Cómputo del Valle, S.A. de C.V."
    assert pestana.marcas.text() == "HP; Dell" and pestana.tiempo_entrega.value() == 8
    assert catalogos.proveedores(busqueda="papeleria y computo") == []
    assert respuestas.avisos == []                       # el error se muestra junto al campo, sin ventanas

    # Al corregirlo, la marca roja se quita al escribir y el proveedor se guarda.
    teclear(qtbot, pestana.rfc, "5AB1")
    assert not con_error(pestana.rfc)
    qtbot.mouseClick(pestana.boton_guardar, Qt.MouseButton.LeftButton)
    assert not pestana.errores.isVisibleTo(pestana), pestana.errores.text()
    guardados = catalogos.proveedores(busqueda="PCV100315AB1")
    assert len(guardados) == 1
    proveedor = guardados[0]
    assert proveedor.razon_social == "Papelería y Cómputo del Valle, S.A. de C.V."
    assert proveedor.marcas_autorizadas == "dell; hp" and proveedor.tiempo_entrega_dias == 8
    assert pestana.registro is not None and pestana.registro.id == proveedor.id   # queda elegido


def test_marcado_en_un_error_no_se_interpreta(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.proveedores)
    pestana = vista.proveedores
    pestana.boton_nuevo.click()
    pestana.rfc.setText('<img src="C:/x.png">')
    pestana.boton_guardar.click()
    assert con_error(pestana.rfc)
    assert "<img" not in pestana.rfc.toolTip() and "&lt;IMG" in pestana.rfc.toolTip()
    assert pestana.errores.textFormat() == Qt.TextFormat.PlainText


def test_editar_una_dependencia(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    pestana = vista.dependencias
    teclear(qtbot, pestana.tabla.busqueda, "registro")
    qtbot.waitUntil(lambda: pestana.tabla.modelo.rowCount() == 1)
    elegir(pestana, "Registro Civil")
    assert pestana.nombre.text() == "Registro Civil"
    version = pestana.registro.version
    pestana.ubicacion.selectAll()
    teclear(qtbot, pestana.ubicacion, "Palacio Municipal, planta baja, ventanilla 3")
    qtbot.mouseClick(pestana.boton_guardar, Qt.MouseButton.LeftButton)
    dependencia = catalogos.dependencias(busqueda="registro civil")[0]
    assert dependencia.ubicacion == "Palacio Municipal, planta baja, ventanilla 3"
    assert dependencia.version == version + 1
    assert respuestas.avisos == []


def test_nombre_repetido_marca_el_campo(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    pestana = vista.dependencias
    pestana.boton_nuevo.click()
    teclear(qtbot, pestana.nombre, "TESORERIA MUNICIPAL")
    pestana.boton_guardar.click()
    assert con_error(pestana.nombre) and "Ya existe la dependencia" in pestana.errores.text()
    assert pestana.nombre.text() == "TESORERIA MUNICIPAL"


def test_cambio_en_otra_pc_avisa_y_recarga(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    pestana = vista.dependencias
    elegir(pestana, "Sindicatura Municipal")
    # Otra PC la modifica mientras esta la tiene abierta.
    otra = catalogos.dependencias(busqueda="sindicatura")[0]
    catalogos.guardar_dependencia(usuario("soporte"), otra.nombre, "SIND", otra.ubicacion, dependencia=otra)
    pestana.siglas.setText("SM-2")
    pestana.boton_guardar.click()
    assert "Otro usuario cambió la dependencia Sindicatura Municipal mientras usted la veía" in respuestas.texto()
    assert catalogos.dependencias(busqueda="sindicatura")[0].siglas == "SIND"   # nadie sobrescribió
    assert pestana.siglas.text() == "SIND"                                        # se recargó


def test_dar_de_baja_y_reactivar(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    pestana = vista.dependencias
    elegir(pestana, "Registro Civil")
    respuestas.si = False
    pestana.boton_baja.click()
    assert any(d.nombre == "Registro Civil" for d in catalogos.dependencias())
    respuestas.si = True
    pestana.boton_baja.click()
    assert respuestas.preguntas and "Registro Civil" in respuestas.preguntas[-1]
    assert not any(d.nombre == "Registro Civil" for d in catalogos.dependencias())
    nombres = [pestana.tabla.modelo.index(f, 0).data() for f in range(pestana.tabla.modelo.rowCount())]
    assert "Registro Civil" not in nombres
    pestana.ver_bajas.setChecked(True)
    elegir(pestana, "Registro Civil")
    assert pestana.boton_reactivar.isEnabled() and not pestana.boton_baja.isEnabled()
    pestana.boton_reactivar.click()
    assert any(d.nombre == "Registro Civil" for d in catalogos.dependencias())


def test_servidor_sin_dependencia_marca_el_combo(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.servidores)
    pestana = vista.servidores
    pestana.boton_nuevo.click()
    teclear(qtbot, pestana.nombre, "Rosa Elena Báez Cortés")
    teclear(qtbot, pestana.cargo, "Auxiliar administrativa")
    teclear(qtbot, pestana.correo, "rosa.baez")
    pestana.boton_guardar.click()
    assert con_error(pestana.dependencia) and con_error(pestana.correo)
    assert pestana.nombre.text() == "Rosa Elena Báez Cortés"
    pestana.dependencia.setCurrentIndex(pestana.dependencia.findText("Secretaría General del Ayuntamiento"))
    pestana.correo.setText("rosa.baez@texmelucan.gob.mx")
    pestana.boton_guardar.click()
    guardado = catalogos.servidores(busqueda="rosa elena baez")
    assert len(guardado) == 1 and guardado[0].dependencia.nombre == "Secretaría General del Ayuntamiento"


def test_consulta_ve_todo_desactivado(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "consulta")
    for pestana in (vista.dependencias, vista.servidores, vista.proveedores, vista.usuarios):
        vista.pestanas.setCurrentWidget(pestana)
        assert pestana.tabla.modelo.rowCount() > 0          # sí puede consultar
        for boton in pestana.caja.findChildren(QPushButton):
            assert not boton.isEnabled(), boton.text()
        for campo in pestana.campos.values():
            if isinstance(campo, (QLineEdit, QPlainTextEdit)):
                assert campo.isReadOnly()
            else:
                assert not campo.isEnabled()
        assert pestana.aviso.isVisibleTo(pestana) and "Solo consulta" in pestana.aviso.text()
    vista.pestanas.setCurrentWidget(vista.institucion)
    assert not vista.institucion.boton_guardar.isEnabled()
    assert vista.institucion.nombre.isReadOnly()
    assert not vista.institucion.titular_dti.isEnabled()


def test_jefe_edita_catalogos_pero_no_institucion_ni_usuarios(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot, "soporte")
    assert vista.dependencias.boton_guardar.isEnabled()
    assert not vista.usuarios.boton_nuevo.isEnabled()
    assert not vista.institucion.boton_guardar.isEnabled()


def test_institucion_formato_de_folio_invalido(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.institucion)
    pestana = vista.institucion
    anio = hoy_mexico().year
    siguiente = folios.ultimo_consecutivo(folios.SERIE_OFICIOS, anio) + 1
    assert pestana.vista_previa.text() == f"Siguiente folio: TM/DTI/{siguiente:04d}/{anio}"

    pestana.formato_folio.selectAll()
    teclear(qtbot, pestana.formato_folio, "TM/DTI/{numero:04d}")
    assert "{anio}" in pestana.vista_previa.text()              # la vista previa ya avisa
    pestana.boton_guardar.click()
    assert con_error(pestana.formato_folio)
    assert "debe incluir {numero} y {anio}" in pestana.errores.text()
    assert pestana.formato_folio.text() == "TM/DTI/{numero:04d}"
    assert catalogos.institucion().formato_folio == "TM/DTI/{numero:04d}/{anio}"

    # Un ancho absurdo no llega a formatearse (armaría un texto de cientos de megabytes).
    pestana.formato_folio.setText("{numero:999999999}/{anio}")
    assert "ancho demasiado grande" in pestana.vista_previa.text()
    pestana.boton_guardar.click()
    assert con_error(pestana.formato_folio)

    pestana.formato_folio.setText("DTI/{anio}/{numero:05d}")
    assert pestana.vista_previa.text() == f"Siguiente folio: DTI/{anio}/{siguiente:05d}"
    pestana.boton_guardar.click()
    assert not pestana.errores.isVisibleTo(pestana)
    assert catalogos.institucion().formato_folio == "DTI/{anio}/{numero:05d}"


def test_institucion_titulares_y_logotipo(qtbot, demo_sqlite, respuestas, tmp_path, monkeypatch):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.institucion)
    pestana = vista.institucion
    assert pestana.titular_dti.currentText().startswith("Miguel Ángel Mendoza López")

    falso = tmp_path / "logotipo.png"
    falso.write_text("esto no es una imagen", encoding="utf-8")
    monkeypatch.setattr(vista_catalogos, "elegir_imagen", lambda _padre: str(falso))
    pestana.boton_logotipo.click()
    assert con_error(pestana.logotipo) and "PNG o JPG" in pestana.errores.text()

    imagen = QImage(120, 60, QImage.Format.Format_RGB32)
    imagen.fill(QColor("#7a1f3d"))
    bueno = tmp_path / "escudo.png"
    assert imagen.save(str(bueno))
    monkeypatch.setattr(vista_catalogos, "elegir_imagen", lambda _padre: str(bueno))
    pestana.boton_logotipo.click()
    assert not pestana.logotipo.pixmap().isNull()
    pestana.tesorero.setCurrentIndex(pestana.tesorero.findText("Laura Hernández Sánchez", Qt.MatchFlag.MatchStartsWith))
    pestana.boton_guardar.click()
    registro = catalogos.institucion()
    assert bytes(registro.logotipo) == bueno.read_bytes()
    assert catalogos.obtener(type(registro.tesorero), registro.tesorero_id).nombre == "Laura Hernández Sánchez"


def test_crear_usuario_con_contrasena_escrita_dos_veces(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.usuarios)
    pestana = vista.usuarios
    pestana.boton_nuevo.click()
    assert pestana.contrasena.echoMode() == QLineEdit.EchoMode.Password
    assert pestana.confirmacion.echoMode() == QLineEdit.EchoMode.Password
    teclear(qtbot, pestana.nombre_usuario, "rosa.baez")
    teclear(qtbot, pestana.nombre, "Rosa Elena Báez Cortés")
    pestana.rol.setCurrentIndex(pestana.rol.findData("asistente"))
    teclear(qtbot, pestana.contrasena, "Texmelucan2026")
    teclear(qtbot, pestana.confirmacion, "Texmelucan2027")
    pestana.boton_guardar.click()
    assert con_error(pestana.confirmacion) and "no coinciden" in pestana.errores.text()
    assert pestana.nombre_usuario.text() == "rosa.baez"
    assert not any(u.nombre_usuario == "rosa.baez" for u in usuarios.listar())

    pestana.confirmacion.setText("Texmelucan2026")
    pestana.boton_guardar.click()
    nuevo = usuarios.obtener("rosa.baez")
    assert nuevo.rol == "asistente" and nuevo.nombre == "Rosa Elena Báez Cortés"
    assert usuarios.iniciar_sesion("rosa.baez", "Texmelucan2026").id == nuevo.id
    assert pestana.contrasena.text() == "" and pestana.confirmacion.text() == ""
    assert "Texmelucan2026" not in respuestas.texto()


def test_cambiar_contrasena_y_desactivar(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.usuarios)
    pestana = vista.usuarios
    elegir(pestana, "asistente")
    assert not pestana.boton_guardar.isEnabled()         # una cuenta existente no se re-crea
    pestana.contrasena.setText("corta")
    pestana.confirmacion.setText("corta")
    pestana.boton_contrasena.click()
    assert con_error(pestana.contrasena) and "al menos 8" in pestana.errores.text()
    pestana.contrasena.setText("Ventanilla2026")
    pestana.confirmacion.setText("Ventanilla2026")
    pestana.boton_contrasena.click()
    assert usuarios.iniciar_sesion("asistente", "Ventanilla2026").nombre_usuario == "asistente"

    elegir(pestana, "director")                          # la propia cuenta no se desactiva desde aquí
    assert not pestana.boton_baja.isEnabled()
    elegir(pestana, "asistente")
    pestana.boton_baja.click()
    assert not usuarios.obtener("asistente").activo
    with pytest.raises(ErrorAutenticacion):
        usuarios.iniciar_sesion("asistente", "Ventanilla2026")


def test_buscar_al_escribir_usa_el_servicio(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.proveedores)
    pestana = vista.proveedores
    teclear(qtbot, pestana.tabla.busqueda, "hikvision")
    qtbot.waitUntil(lambda: pestana.tabla.modelo.rowCount() == 1)
    assert pestana.tabla.modelo.index(0, 0).data() == "RSA1103158K2"
    assert pestana.rfc.text() == "RSA1103158K2"


def test_combos_no_pierden_la_eleccion_al_refrescar(qtbot, demo_sqlite, respuestas):
    vista = abrir_vista(qtbot)
    vista.pestanas.setCurrentWidget(vista.servidores)
    pestana = vista.servidores
    pestana.boton_nuevo.click()
    pestana.nombre.setText("Persona en captura")
    pestana.dependencia.setCurrentIndex(pestana.dependencia.findText("Registro Civil"))
    vista.refrescar()                                    # F5 a mitad de la captura
    assert pestana.nombre.text() == "Persona en captura"
    assert pestana.dependencia.currentText() == "Registro Civil"
    assert isinstance(pestana.dependencia, QComboBox)
