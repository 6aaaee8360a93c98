"""Inicio de sesión, ventana principal (pestañas perezosas, atajos, barra de estado) y capturas."""
from __future__ import annotations

import importlib.util

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app import __version__
from app.demo import carga as servicio_demo
from app.servicios.tramites.procedimientos import MANUAL
from app.vistas import aplicacion, login, ventana_principal
from app.vistas.captura import capturar
from app.vistas.login import DialogoLogin
from app.vistas.modulos import MODULOS
from app.vistas.ventana_principal import VentanaPrincipal
from tests.conftest import usuario

pytestmark = pytest.mark.gui


def modulo_existe(ruta: str) -> bool:
    return importlib.util.find_spec(ruta.partition(":")[0]) is not None


@pytest.fixture
def ventana(demo_sqlite, qtbot) -> VentanaPrincipal:
    ventana = VentanaPrincipal(usuario("director"))
    qtbot.addWidget(ventana)
    return ventana


# --- Inicio de sesión -------------------------------------------------------------------------

def test_login_con_contrasena_equivocada_muestra_el_error_y_no_se_cierra(demo_sqlite, qtbot):
    dialogo = DialogoLogin()
    qtbot.addWidget(dialogo)
    dialogo.show()
    # Qt agrega «— DTI» (el nombre de la aplicación) al título que ve el usuario: no se repite.
    assert dialogo.windowTitle() == "Iniciar sesión"
    assert "San Martín Texmelucan" in dialogo.institucion.text()
    qtbot.keyClicks(dialogo.campo_usuario, "director")
    qtbot.keyClicks(dialogo.campo_contrasena, "NoEsLaClave1")
    assert dialogo.campo_contrasena.echoMode() == dialogo.campo_contrasena.EchoMode.Password
    qtbot.keyClick(dialogo.campo_contrasena, Qt.Key.Key_Return)      # «Entrar» es el botón por omisión

    assert dialogo.isVisible() and dialogo.usuario is None
    assert dialogo.error.isVisible() and dialogo.error.text() == "Usuario o contraseña incorrectos."
    assert dialogo.error.textFormat() == Qt.TextFormat.PlainText
    assert dialogo.campo_contrasena.text() == ""                      # se borra para el siguiente intento

    qtbot.keyClicks(dialogo.campo_contrasena, "Director2026")
    with qtbot.waitSignal(dialogo.accepted):
        qtbot.mouseClick(dialogo.boton_entrar, Qt.MouseButton.LeftButton)
    assert dialogo.usuario is not None and dialogo.usuario.nombre_usuario == "director"


def test_login_muestra_tal_cual_el_mensaje_de_espera_del_servicio(demo_sqlite, qtbot):
    dialogo = DialogoLogin(nombre_usuario="consulta")
    qtbot.addWidget(dialogo)
    dialogo.show()
    for _ in range(3):
        dialogo.campo_contrasena.setText("Equivocada123")
        dialogo.entrar()
    assert "espere 2 segundos" in dialogo.error.text()
    dialogo.campo_contrasena.setText("Consulta2026")
    dialogo.entrar()                                  # aún bloqueada: el servicio lo dice
    assert dialogo.usuario is None and "Demasiados intentos fallidos" in dialogo.error.text()


def test_login_esc_cancela(demo_sqlite, qtbot):
    dialogo = DialogoLogin()
    qtbot.addWidget(dialogo)
    dialogo.show()
    with qtbot.waitSignal(dialogo.rejected):
        qtbot.keyClick(dialogo, Qt.Key.Key_Escape)
    assert dialogo.usuario is None


# --- Ventana principal ------------------------------------------------------------------------

def test_titulo_tamano_y_barra_de_estado(ventana):
    assert ventana.windowTitle() == ("H. Ayuntamiento de San Martín Texmelucan, Puebla — "
                                     "Miguel Ángel Mendoza López (Director(a) de TI)")
    assert QApplication.applicationDisplayName() == "DTI"      # Qt lo agrega una sola vez al final
    assert (ventana.width(), ventana.height()) == (1280, 680)      # cabe en 1366×768 con la barra de tareas
    assert "Miguel Ángel Mendoza López" in ventana.etiqueta_usuario.text()
    assert "Director(a) de TI" in ventana.etiqueta_rol.text()
    assert ventana.etiqueta_base.text().startswith("SQLite: ") and "dti.sqlite3" in ventana.etiqueta_base.text()
    assert ventana.etiqueta_esquema.text().startswith("Esquema: 0")


def test_describir_postgres_no_muestra_la_contrasena(monkeypatch):
    from peewee import PostgresqlDatabase

    from app import base_datos

    base = base_datos.crear_base("postgresql://dti:S3creta!@servidor-bd:5433/municipio")
    assert isinstance(base, PostgresqlDatabase)
    monkeypatch.setattr(base_datos.bd, "obj", base)
    texto = ventana_principal.describir_base()
    assert texto == "PostgreSQL: dti@servidor-bd:5433/municipio" and "S3creta" not in texto


def test_pestanas_perezosas(ventana, qtbot):
    assert [ventana.pestanas.tabText(i) for i in range(ventana.pestanas.count())] == [m.titulo for m in MODULOS]
    assert all(ventana.modulo_cargado(m.titulo) is None for m in MODULOS)     # nada antes de mostrarse
    ventana.show()                    # la pestaña visible se crea al mostrarse la ventana
    assert ventana.modulo_cargado(MODULOS[0].titulo) is not None
    assert all(ventana.modulo_cargado(m.titulo) is None for m in MODULOS[1:])


@pytest.mark.parametrize("modulo", MODULOS, ids=[m.titulo for m in MODULOS])
def test_cada_modulo_se_puede_mostrar(ventana, qtbot, modulo):
    if not modulo_existe(modulo.ruta):
        pytest.skip(f"El módulo {modulo.ruta} aún no existe (lo escribe otro integrante del equipo).")
    ventana.show()
    widget = ventana.mostrar_modulo(modulo.titulo)
    assert type(widget).__name__ == modulo.ruta.partition(":")[2]
    assert ventana.pestanas.tabText(ventana.pestanas.currentIndex()) == modulo.titulo
    assert getattr(widget, "TITULO", None) == modulo.titulo
    widget.refrescar()
    assert ventana.mostrar_modulo(modulo.titulo) is widget                 # se crea una sola vez


def test_mostrar_modulo_ignora_mayusculas_y_acentos(ventana):
    ventana.show()
    assert type(ventana.mostrar_modulo("BITACORA")).__name__ == "VistaBitacora"
    assert type(ventana.mostrar_modulo("  oficios ")).__name__ == "VistaOficios"
    with pytest.raises(ValueError) as error:
        ventana.mostrar_modulo("Nómina")
    assert "No existe el módulo «Nómina»" in str(error.value)
    for modulo in MODULOS:
        assert modulo.titulo in str(error.value)


def test_atajos_ctrl_numero_f5_y_ctrl_q(ventana, qtbot, monkeypatch):
    with qtbot.waitExposed(ventana):
        ventana.show()
    with qtbot.waitActive(ventana):
        ventana.activateWindow()
    # Ctrl+1…9: las nueve primeras pestañas; la novena (hoy «Cuentas») se refresca con F5.
    indice_bitacora = min([m.titulo for m in MODULOS].index("Tablero"), 8)
    qtbot.keyClick(ventana, Qt.Key(Qt.Key.Key_1 + indice_bitacora), Qt.KeyboardModifier.ControlModifier)
    assert ventana.pestanas.currentIndex() == indice_bitacora
    bitacora = ventana.modulo_actual()
    llamadas = []
    monkeypatch.setattr(bitacora, "refrescar", lambda: llamadas.append(1))
    qtbot.keyClick(ventana, Qt.Key.Key_F5)
    assert llamadas == [1]
    qtbot.keyClick(ventana, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert ventana.pestanas.currentIndex() == 0
    qtbot.keyClick(ventana, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not ventana.isVisible()


def test_acerca_de_y_cerrar_sesion(ventana, qtbot, monkeypatch):
    avisos = []
    monkeypatch.setattr(ventana_principal, "avisar", lambda _p, titulo, mensaje, *a: avisos.append(mensaje))
    ventana.show()
    ventana.accion_acerca.trigger()
    assert f"Versión {__version__}" in avisos[0] and MANUAL["registro"] in avisos[0]
    with qtbot.waitSignal(ventana.sesion_cerrada):
        ventana.accion_cerrar_sesion.trigger()
    assert not ventana.isVisible()


def test_modulo_roto_no_tumba_la_ventana(ventana, monkeypatch):
    from app.vistas import modulos

    roto = modulos.Modulo("Módulo roto", "app.vistas.no_existe:VistaRota")
    monkeypatch.setattr(ventana_principal, "MODULOS", (*MODULOS, roto))
    otra = VentanaPrincipal(usuario("consulta"))
    try:
        otra.show()
        with pytest.raises(RuntimeError) as error:
            otra.mostrar_modulo("modulo roto")
        assert "No se pudo abrir el módulo «Módulo roto»" in str(error.value)
        assert otra.mostrar_modulo("Oficios") is not None
    finally:
        otra.close()
        otra.deleteLater()


# --- Captura de pantalla -------------------------------------------------------------------

@pytest.mark.parametrize("pestana", ["Oficios", "bitacora"])
def test_captura_png_de_1366x768(demo_sqlite, qtbot, tmp_path, pestana):
    ruta = capturar(tmp_path / "capturas" / f"{pestana}.png", pestana)
    with Image.open(ruta) as imagen:
        assert imagen.size == (1366, 768)
        colores = imagen.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colores is None or len(colores) > 50          # no es un solo color plano


def test_captura_pestana_desconocida(demo_sqlite, qtbot, tmp_path):
    with pytest.raises(ValueError, match="No existe el módulo «Nómina»"):
        capturar(tmp_path / "x.png", "Nómina")
    assert not (tmp_path / "x.png").exists()


# --- Arranque -------------------------------------------------------------------------------

def test_arranque_con_base_que_no_abre(qtbot, monkeypatch, tmp_path):
    errores = []
    monkeypatch.setattr(aplicacion, "_error_fatal", lambda titulo, mensaje: errores.append(mensaje))
    assert aplicacion.ejecutar_gui("mysql://servidor/base") == 1
    assert "Motor de base de datos no reconocido" in errores[0]
    app = QApplication.instance()
    assert app.applicationName() == "DTI" and app.organizationName() == "Ayuntamiento"


def test_arranque_demo_carga_datos_y_abre_la_ventana(qtbot, monkeypatch, tmp_path):
    from app import base_datos

    url = f"sqlite:///{(tmp_path / 'arranque.sqlite3').as_posix()}"

    def entrar(dialogo):
        dialogo.campo_usuario.setText("asistente")
        dialogo.campo_contrasena.setText("Asistente2026")
        dialogo.entrar()
        return QDialog.DialogCode.Accepted if dialogo.usuario else QDialog.DialogCode.Rejected

    monkeypatch.setattr(login.DialogoLogin, "exec", entrar)
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    try:
        assert aplicacion.ejecutar_gui(url, demo=True) == 0
        assert servicio_demo.hay_datos()
        ventanas = [w for w in QApplication.topLevelWidgets() if isinstance(w, VentanaPrincipal) and w.isVisible()]
        assert len(ventanas) == 1 and ventanas[0].sesion.nombre_usuario == "asistente"
        assert QApplication.instance().styleSheet()          # se aplicó recursos/estilo.qss
        ventanas[0].close()
    finally:
        base_datos.cerrar()


def test_arranque_cancelado_en_el_login(qtbot, monkeypatch, tmp_path):
    from app import base_datos

    from app.servicios.catalogos import usuarios
    from app.vistas import primer_uso

    vistos: list[str] = []

    def primer_uso_cancelado(dialogo):
        vistos.append("primer uso")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(primer_uso.DialogoPrimerUso, "exec", primer_uso_cancelado)
    monkeypatch.setattr(login.DialogoLogin, "exec", lambda self: QDialog.DialogCode.Rejected)
    url = f"sqlite:///{(tmp_path / 'b.sqlite3').as_posix()}"
    try:
        # Base nueva sin cuentas: primero se ofrece crear la del Director(a); cancelar cierra.
        assert aplicacion.ejecutar_gui(url) == 0
        assert vistos == ["primer uso"]
        assert not servicio_demo.hay_datos()               # sin «demo» no se cargan datos
        usuarios.crear_primer_director("titular", "Miguel Ángel Mendoza López", "Titular2026")
        # Con una cuenta ya no se ofrece el primer uso: se pide iniciar sesión, y cancelar cierra.
        assert aplicacion.ejecutar_gui(url) == 0
        assert vistos == ["primer uso"]
    finally:
        base_datos.cerrar()


def test_tramite_abierto_desde_procedimientos_se_muestra_en_tramites(qtbot, demo_sqlite, manual_sin_modulos):
    """Abrir un trámite desde la pestaña Procedimientos lleva a Trámites con ese trámite elegido."""
    from app.servicios.tramites import tramites as servicio
    from app.vistas.ventana_principal import VentanaPrincipal
    from tests.conftest import usuario as obtener_usuario

    ventana = VentanaPrincipal(obtener_usuario("director"))
    qtbot.addWidget(ventana)
    with qtbot.waitExposed(ventana):
        ventana.show()
    procedimientos = ventana.mostrar_modulo("procedimientos")
    nuevo = servicio.abrir_tramite(obtener_usuario("director"), 13, "Página de la Feria 2026")
    procedimientos.tramite_abierto.emit(nuevo.id)
    actual = ventana.modulo_actual()
    assert actual is ventana.modulo_cargado("Trámites")
    assert actual.tabla.id_actual() == nuevo.id


def test_tablas_se_ordenan_al_pulsar_el_encabezado(qtbot, demo_sqlite):
    """Fechas por su valor (no como texto dd/mm/aaaa), textos sin importar acentos; el filtro conserva el orden."""
    import datetime as dt

    from PySide6.QtCore import Qt

    from app.vistas.comun.tabla import Columna, TablaFiltrable

    tabla = TablaFiltrable([Columna("Nombre", lambda r: r["nombre"]), Columna("Fecha", lambda r: r["fecha"])])
    qtbot.addWidget(tabla)
    registros = [{"id": 1, "nombre": "Ñandú", "fecha": dt.date(2026, 2, 1)},
                 {"id": 2, "nombre": "árbol", "fecha": dt.date(2025, 12, 31)},
                 {"id": 3, "nombre": "Nube", "fecha": dt.date(2026, 1, 15)}]
    tabla.cargar(registros)
    assert [tabla.modelo.id_de(i) for i in range(3)] == [1, 2, 3]       # orden del servicio
    tabla.vista.horizontalHeader().sectionClicked.emit(1)
    tabla.vista.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [tabla.modelo.id_de(i) for i in range(3)] == [2, 3, 1]
    tabla.vista.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [tabla.modelo.data(tabla.modelo.index(i, 0)) for i in range(3)] == ["árbol", "Nube", "Ñandú"]
    tabla.cargar(list(reversed(registros)))                               # recargar conserva el orden elegido
    assert [tabla.modelo.id_de(i) for i in range(3)] == [2, 3, 1]


def test_doble_clic_y_enter_activan_una_sola_vez(qtbot):
    """Un doble clic abría dos veces el mismo diálogo (llegaban «doubleClicked» y «activated»)."""
    from PySide6.QtCore import Qt

    from app.vistas.comun.tabla import Columna, TablaFiltrable

    tabla = TablaFiltrable([Columna("Nombre", lambda r: r["nombre"])])
    qtbot.addWidget(tabla)
    tabla.resize(400, 300)
    tabla.show()
    tabla.cargar([{"id": 7, "nombre": "Tesorería"}, {"id": 8, "nombre": "Catastro"}])
    activadas: list = []
    tabla.activada.connect(activadas.append)
    centro = tabla.vista.visualRect(tabla.modelo.index(0, 0)).center()
    qtbot.mouseClick(tabla.vista.viewport(), Qt.MouseButton.LeftButton, pos=centro)   # como un doble clic real
    qtbot.mouseDClick(tabla.vista.viewport(), Qt.MouseButton.LeftButton, pos=centro)
    assert activadas == [7]
    tabla.vista.setCurrentIndex(tabla.modelo.index(1, 0))
    qtbot.keyClick(tabla.vista, Qt.Key.Key_Return)
    assert activadas == [7, 8]


def test_la_cola_de_correo_avanza_sin_abrir_la_pestana_cuentas(demo_sqlite, qtbot, monkeypatch):
    """La ventana principal arranca el procesador de la cola de correo (después de mostrarse)."""
    from app.vistas import ventana_principal
    from app.vistas.cuentas.cola import ProcesadorCola

    monkeypatch.setattr(ventana_principal, "ESPERA_COLA_MS", 0)
    ventana = ventana_principal.VentanaPrincipal(usuario("director"))
    qtbot.addWidget(ventana)
    assert ventana.cola_correo is None          # nada antes de mostrarse
    ventana.show()
    qtbot.waitUntil(lambda: ventana.cola_correo is not None)
    assert isinstance(ventana.cola_correo, ProcesadorCola) and ventana.cola_correo.temporizador.isActive()
    # Una pasada en segundo plano termina y avisa, aunque el servidor SMTP no responda.
    with qtbot.waitSignal(ventana.cola_correo.procesada, timeout=60_000):
        assert ventana.cola_correo.procesar(True)
    ventana.close()
    assert not ventana.cola_correo.temporizador.isActive()


def test_archivo_cambiar_mi_contrasena(ventana, qtbot, monkeypatch):
    """Desde el menú Archivo, sin pasar por Catálogos → Usuarios; un error se ve en el diálogo."""
    from app.servicios.catalogos import usuarios as servicio_usuarios
    from app.vistas import ventana_principal
    from app.vistas.login import DialogoMiContrasena

    textos = [a.text() for a in ventana.menuBar().actions()[0].menu().actions()]
    assert "Cambiar &mi contraseña…" in textos
    avisos: list[str] = []
    monkeypatch.setattr(ventana_principal, "avisar", lambda _p, titulo, _m: avisos.append(titulo))
    vistos: list[DialogoMiContrasena] = []

    def exec_(dialogo: DialogoMiContrasena) -> int:
        vistos.append(dialogo)
        dialogo.show()
        dialogo.actual.setText("NoEsLaMia1")
        dialogo.nueva.setText("Director2027")
        dialogo.confirmacion.setText("Director2027")
        dialogo.boton_guardar.click()
        assert dialogo.errores.isVisible() and "actual no es correcta" in dialogo.errores.text()
        assert dialogo.result() == 0
        dialogo.actual.setText("Director2026")
        dialogo.boton_guardar.click()
        return dialogo.result()

    monkeypatch.setattr(DialogoMiContrasena, "exec", exec_)
    ventana.accion_mi_contrasena.trigger()
    assert len(vistos) == 1 and avisos == ["Contraseña cambiada"]
    assert servicio_usuarios.iniciar_sesion("director", "Director2027").nombre_usuario == "director"
