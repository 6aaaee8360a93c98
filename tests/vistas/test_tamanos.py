"""La ventana y los diálogos principales caben en las pantallas de la DTI (1366×768 y 1280×720).

Cada pestaña se muestra con la demostración en una ventana de ese tamaño: si alguna pide más
(``minimumSizeHint``) la ventana tendría que crecer y la prueba falla diciendo cuál. Los diálogos
principales se abren en una pantalla simulada de ese tamaño (menos la barra de tareas) y deben
caber con su barra de título.
"""
from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QSplitter

from app.consola.principal import principal
from app.modelos import Dictamen, Mantenimiento
from app.vistas.captura import capturar, interpretar_tamano
from app.vistas.comun import pantalla
from app.vistas.modulos import MODULOS
from app.vistas.ventana_principal import VentanaPrincipal
from tests.conftest import usuario

pytestmark = pytest.mark.gui

TAMANOS = [pytest.param((1366, 768), id="1366x768"), pytest.param((1280, 720), id="1280x720")]
BARRA_DE_TAREAS = 40      # px lógicos de la barra de tareas de Windows
BARRA_DE_TITULO = 32      # px lógicos del marco de la ventana


def _procesar() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _cabe(tamano: QSize, ancho: int, alto: int) -> bool:
    return tamano.width() <= ancho and tamano.height() <= alto


@pytest.fixture
def simular_pantalla(monkeypatch):
    """Hace creer a las vistas que la pantalla es de ``ancho``×``alto`` con la barra de tareas."""
    def simular(ancho: int, alto: int) -> QSize:
        area = QSize(ancho, alto - BARRA_DE_TAREAS)
        monkeypatch.setattr(pantalla, "disponible", lambda widget=None: QSize(area))
        return area
    return simular


@pytest.mark.parametrize("tamano", TAMANOS)
def test_cada_pestana_cabe_sin_que_crezca_la_ventana(demo_sqlite, qtbot, tamano):
    ancho, alto = tamano
    ventana = VentanaPrincipal(usuario("director"))
    qtbot.addWidget(ventana)
    ventana.resize(ancho, alto)
    with qtbot.waitExposed(ventana):
        ventana.show()
    no_caben = []
    for modulo in MODULOS:
        vista = ventana.mostrar_modulo(modulo.titulo)
        _procesar()
        minimo = ventana.minimumSizeHint()
        if not _cabe(minimo, ancho, alto) or (ventana.width(), ventana.height()) != tamano:
            no_caben.append(f"{modulo.titulo}: pide {minimo.width()}×{minimo.height()}, "
                            f"ventana {ventana.width()}×{ventana.height()}")
        assert vista.isVisible()
    assert no_caben == [], f"pestañas que no caben en {ancho}×{alto}: {no_caben}"


def _alta_cfdi(sesion):
    from app.vistas.inventario.cfdi import DialogoAltaCfdi
    return DialogoAltaCfdi(sesion)


def _bien(sesion):
    from app.vistas.inventario.bien import DialogoBien
    return DialogoBien(sesion)


def _levantamiento(sesion):
    from app.vistas.levantamiento.levantamiento import VentanaLevantamiento
    return VentanaLevantamiento(sesion)


def _emitir_oficio(sesion):
    from app.vistas.oficios.oficios import DialogoEmitirOficio
    return DialogoEmitirOficio(sesion)


def _evaluacion(sesion):
    from app.vistas.dictamenes.dialogos import DialogoEvaluacion
    return DialogoEvaluacion(sesion, Dictamen.select().order_by(Dictamen.id).first())


def _detalle_mantenimiento(sesion):
    from app.vistas.mantenimiento.detalle import DialogoDetalle
    return DialogoDetalle(sesion, Mantenimiento.select().order_by(Mantenimiento.id).first().id)


def _cola_correo(sesion):
    from app.vistas.cuentas.dialogos import DialogoColaCorreo
    return DialogoColaCorreo(sesion)


def _configuracion_mesa(sesion):
    from app.vistas.mesa_ayuda.configuracion import DialogoConfiguracion
    return DialogoConfiguracion(sesion)


def _catalogo_software(sesion):
    from app.vistas.licencias.dialogos import DialogoCatalogoSoftware
    return DialogoCatalogoSoftware(sesion)


DIALOGOS = [_alta_cfdi, _bien, _levantamiento, _emitir_oficio, _evaluacion, _detalle_mantenimiento,
            _cola_correo, _configuracion_mesa, _catalogo_software]


@pytest.mark.parametrize("tamano", TAMANOS)
@pytest.mark.parametrize("fabrica", DIALOGOS, ids=lambda f: f.__name__.strip("_"))
def test_los_dialogos_principales_caben(demo_sqlite, qtbot, simular_pantalla, tamano, fabrica):
    area = simular_pantalla(*tamano)
    ancho, alto = area.width(), area.height() - BARRA_DE_TITULO
    dialogo = fabrica(usuario("director"))
    qtbot.addWidget(dialogo)
    with qtbot.waitExposed(dialogo):
        dialogo.show()
    _procesar()
    assert _cabe(dialogo.size(), ancho, alto), f"abre de {dialogo.width()}×{dialogo.height()}"
    minimo = dialogo.minimumSizeHint().expandedTo(dialogo.minimumSize())
    assert _cabe(minimo, ancho, alto), f"pide al menos {minimo.width()}×{minimo.height()}"


def test_el_alta_desde_cfdi_ya_no_abre_de_1620_px(demo_sqlite, qtbot, simular_pantalla):
    simular_pantalla(1920, 1080)        # aun en una pantalla grande, cabe en la más chica de la DTI
    dialogo = _alta_cfdi(usuario("director"))
    qtbot.addWidget(dialogo)
    assert dialogo.width() <= 1280 and dialogo.height() <= 680


# --- Tamaño inicial y preferencias ------------------------------------------------------------

@pytest.mark.parametrize(("area", "esperado", "maximizar"), [
    ((1366, 728), (1280, 680), False),       # 1366×768 con la barra de tareas
    ((1920, 1040), (1280, 680), False),
    ((1280, 680), (1280, 680), True),        # 1920×1080 al 150 %: no cabe con marco → maximizada
    ((1024, 728), (1024, 728), True),
])
def test_tamano_inicial_cabe_o_se_maximiza(area, esperado, maximizar):
    tamano, maximizada = pantalla.tamano_inicial(QSize(*area))
    assert (tamano.width(), tamano.height()) == esperado and maximizada is maximizar


def test_la_ventana_recuerda_tamano_y_divisores_por_usuario(demo_sqlite, qtbot):
    primera = VentanaPrincipal(usuario("director"))
    qtbot.addWidget(primera)
    primera.abrir()
    primera.showNormal()
    primera.resize(780, 640)
    vista = primera.mostrar_modulo("Oficios")
    _procesar()
    divisor = vista.findChildren(QSplitter)[0]
    total = sum(divisor.sizes())
    divisor.setSizes([total - 250, 250])
    _procesar()
    recordados = divisor.sizes()
    primera.close()

    segunda = VentanaPrincipal(usuario("director"))
    qtbot.addWidget(segunda)
    segunda.abrir()
    _procesar()
    assert (segunda.width(), segunda.height()) == (780, 640)
    vista = segunda.mostrar_modulo("Oficios")
    _procesar()
    assert vista.findChildren(QSplitter)[0].sizes() == recordados
    segunda.close()

    otro = VentanaPrincipal(usuario("soporte"))        # otro usuario no hereda ese tamaño
    qtbot.addWidget(otro)
    otro.abrir()
    _procesar()
    assert (otro.width(), otro.height()) != (780, 640)
    otro.close()


# --- Captura a un tamaño ----------------------------------------------------------------------

def test_captura_al_tamano_pedido(demo_sqlite, qtbot, tmp_path):
    ruta = capturar(tmp_path / "mantenimiento.png", "Mantenimiento", tamano=(1280, 720))
    with Image.open(ruta) as imagen:
        assert imagen.size == (1280, 720)


@pytest.mark.parametrize("texto", ["1366", "ancho x alto", "1366x", "100x100", "1366x768x2"])
def test_tamano_invalido(texto):
    with pytest.raises(ValueError, match="tamaño"):
        interpretar_tamano(texto)


def test_interpretar_tamano():
    assert interpretar_tamano("1920x1080") == (1920, 1080)
    assert interpretar_tamano(" 1366 × 768 ") == (1366, 768)


def test_consola_captura_con_tamano_invalido(demo_sqlite, capsys, tmp_path):
    salida = tmp_path / "x.png"
    url = f"sqlite:///{demo_sqlite.database}"
    assert principal(["captura", "--db", url, "--salida", str(salida), "--tamano", "grande"]) == 2
    error = capsys.readouterr().err
    assert error.strip() == ("Error: El tamaño «grande» no se entiende: escríbalo como ANCHOxALTO, "
                             "p. ej. 1366x768.")
    assert not salida.exists()


def test_consola_captura_con_tamano(demo_sqlite, capsys, tmp_path):
    salida = tmp_path / "x.png"
    url = f"sqlite:///{demo_sqlite.database}"
    assert principal(["captura", "--db", url, "--salida", str(salida), "--tamano", "1280x720",
                      "--pestana", "Pendientes"]) == 0
    with Image.open(salida) as imagen:
        assert imagen.size == (1280, 720)
