"""Pestaña «Inventario» usada como la usaría Redes de Transporte; se comprueba lo que quedó en la base."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.base_datos import transaccion
from app.modelos import Bien, Dependencia, ServidorPublico
from app.modelos.inventario import BAJA_SOLICITADA, EN_USO
from app.modelos.movimientos import APLICADO, CAMBIO, ENVIADO, Movimiento
from app.servicios.inventario import inventario, movimientos, tipos_bien
from app.servicios.nucleo.validacion import texto_busqueda
from app.vistas.comun import comunes
from app.vistas.inventario.inventario import VistaInventario
from app.vistas.inventario.bien import DialogoBien
from app.vistas.inventario.excel import DialogoExportar, LISTA_FILTRADA
from app.vistas.inventario.movimientos import DialogoBaja, DialogoCambioResguardante, DialogoRespuesta
from app.tiempo import hoy_mexico
from tests.ayudas_dictamenes import dictamen_emitido
from tests.ayudas_gui import Respuestas, mostrar, teclear
from tests.conftest import usuario

pytestmark = pytest.mark.gui


@pytest.fixture
def respuestas(monkeypatch) -> Respuestas:
    r = Respuestas()
    monkeypatch.setattr(comunes, "avisar", r.avisar)
    monkeypatch.setattr(comunes, "confirmar", r.confirmar)
    return r


def insertar_bienes(cantidad: int, dependencia: Dependencia | None = None) -> None:
    """``cantidad`` bienes con insert_many (como una importación masiva), repartidos entre servidores."""
    tipos_bien.asegurar_predeterminados()
    tipo = tipos_bien.por_nombre("Computadora")
    servidores = list(ServidorPublico.select().order_by(ServidorPublico.id))
    filas = []
    for i in range(1, cantidad + 1):
        servidor = servidores[i % len(servidores)]
        numero, serie = f"PRB-{i:05d}", f"PRBS{i:07d}"
        marca, modelo = ("HP", "ProDesk 400 G9") if i % 2 else ("Lenovo", "ThinkCentre M70q")
        descripcion = f"Computadora {marca} {modelo}"
        filas.append({"numero_inventario": numero, "tipo": tipo.id, "descripcion": descripcion, "marca": marca,
                      "modelo": modelo, "serie": serie, "valor": Decimal("15999.00"),
                      "cuenta_contable": tipo.cuenta_contable, "resguardante": servidor.id,
                      "dependencia": dependencia.id if dependencia else servidor.dependencia_id,
                      "edificio": "Palacio Municipal",
                      "busqueda": texto_busqueda(numero, serie, marca, modelo, descripcion, servidor.nombre)})
    with transaccion():
        for inicio in range(0, len(filas), 500):
            Bien.insert_many(filas[inicio:inicio + 500]).execute()


def abrir_vista(qtbot, nombre: str = "redes") -> VistaInventario:
    return mostrar(qtbot, VistaInventario(usuario(nombre)), 1280, 760)


def esperar_filtro(qtbot, vista: VistaInventario, total: int) -> None:
    qtbot.waitUntil(lambda: vista.modelo.total == total and not vista._pausa.isActive() and not vista.buscando)


# --- Tabla perezosa y búsqueda -------------------------------------------------------------------

def test_carga_perezosa_de_miles_y_busqueda_al_teclear(demo_sqlite, qtbot, respuestas):
    antes = Bien.select().count()          # la demostración puede traer sus propios bienes
    insertar_bienes(3000)
    consultas: list[int] = []
    original = inventario.consultar

    def contar_consultas(*args, **kwargs):
        consultas.append(kwargs.get("limite", 0))
        return original(*args, **kwargs)

    vista = abrir_vista(qtbot)
    vista.modelo._consultar = contar_consultas
    assert vista.modelo.total == antes + 3000
    assert vista.modelo.rowCount() == 200                 # solo el primer bloque
    assert vista.contador.text() == f"{antes + 3000:,} bienes"
    assert vista.bien is not None and vista.bien.numero_inventario == "PRB-00001"   # orden por número
    # Al bajar hasta el final, Qt pide más bloques (y solo de 200 en 200).
    vista.tabla.scrollToBottom()
    qtbot.waitUntil(lambda: vista.modelo.rowCount() > 200)
    assert all(limite == 200 for limite in consultas) and vista.modelo.rowCount() < 3000

    teclear(qtbot, vista.busqueda, "prb-0299")
    esperar_filtro(qtbot, vista, 10)                      # 02990..02999
    assert vista.modelo.rowCount() == 10
    assert vista.modelo.index(0, 0).data() == "PRB-02990"
    qtbot.waitUntil(lambda: vista.bien.numero_inventario == "PRB-02990")   # el detalle sigue a la lista
    assert respuestas.avisos == []

    # Por serie y por resguardante (sin acentos), y con el filtro de dependencia.
    vista.busqueda.clear()
    teclear(qtbot, vista.busqueda, "PRBS0001234")
    esperar_filtro(qtbot, vista, 1)
    assert vista.modelo.index(0, 5).data() == "PRBS0001234"
    vista.busqueda.clear()
    teclear(qtbot, vista.busqueda, "hector perez")
    servidor = ServidorPublico.get(ServidorPublico.nombre == "Héctor Pérez Moreno")
    esperados = Bien.select().where(Bien.resguardante == servidor).count()
    esperar_filtro(qtbot, vista, esperados)
    assert {vista.modelo.index(f, 6).data() for f in range(vista.modelo.rowCount())} == {"Héctor Pérez Moreno"}
    vista.busqueda.clear()
    esperar_filtro(qtbot, vista, antes + 3000)
    tesoreria = Dependencia.get(Dependencia.siglas == "TM")
    vista.filtro_dependencia.setCurrentIndex(vista.filtro_dependencia.findData(tesoreria.id))
    assert vista.modelo.total == Bien.select().where(Bien.dependencia == tesoreria).count() > 0
    assert {vista.modelo.index(f, 7).data() for f in range(vista.modelo.rowCount())} == {tesoreria.nombre}


def test_orden_por_encabezado_lo_hace_el_servicio(demo_sqlite, qtbot, respuestas):
    insertar_bienes(450)
    vista = abrir_vista(qtbot)
    teclear(qtbot, vista.busqueda, "prb-")
    esperar_filtro(qtbot, vista, 450)
    vista.tabla.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert vista.modelo.orden == "-numero"
    assert vista.modelo.index(0, 0).data() == "PRB-00450"
    assert vista.modelo.rowCount() == 200 and vista.modelo.total == 450
    vista.tabla.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)   # marca
    assert vista.modelo.index(0, 3).data() == "HP" and vista.modelo.index(199, 3).data() == "HP"


# --- Alta, edición y movimientos -----------------------------------------------------------------

def test_alta_manual_con_atajo_crea_el_bien_y_el_oficio_de_alta(demo_sqlite, qtbot, respuestas):
    vista = mostrar(qtbot, VistaInventario(usuario("redes")), 1280, 760, activar=True)
    qtbot.keyClick(vista.tabla, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoBien) and dialogo.isVisible()
    dialogo.tipo.setCurrentIndex(dialogo.tipo.findText("Laptop"))
    teclear(qtbot, dialogo.descripcion, "Laptop para el área de cajas")
    teclear(qtbot, dialogo.marca, "Lenovo")
    teclear(qtbot, dialogo.modelo, "ThinkPad E14")
    teclear(qtbot, dialogo.serie, "pf3abc12")
    teclear(qtbot, dialogo.valor, "18,450.50")
    laura = ServidorPublico.get(ServidorPublico.nombre == "Laura Hernández Sánchez")
    dialogo.resguardo.servidor.setCurrentIndex(dialogo.resguardo.servidor.findData(laura.id))
    assert dialogo.resguardo.dependencia_id() == laura.dependencia_id      # propuesta con su dependencia
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)

    bien = Bien.get(Bien.serie == "PF3ABC12")
    assert bien.numero_inventario.startswith("SMT-TIC-") and bien.valor == Decimal("18450.50")
    assert bien.resguardante_id == laura.id and bien.dependencia_id == laura.dependencia_id
    alta = movimientos.pendiente_de(bien.id)
    assert alta is not None and alta.tipo == "alta" and alta.oficio.folio
    assert vista.bien.id == bien.id and alta.oficio.folio in vista.campos["pendiente"].text()
    assert any("Alta al inventario" in vista.historial.item(i).text() or "alta" in vista.historial.item(i).text()
               for i in range(vista.historial.count()))


def test_alta_con_datos_malos_marca_el_campo_y_conserva_lo_capturado(demo_sqlite, qtbot, respuestas):
    insertar_bienes(3)
    antes = Bien.select().count()
    vista = abrir_vista(qtbot)
    vista.acciones.alta_manual()
    dialogo = vista.dialogo
    dialogo.tipo.setCurrentIndex(dialogo.tipo.findText("Switch"))
    teclear(qtbot, dialogo.descripcion, "Switch de 24 puertos")
    teclear(qtbot, dialogo.serie, "prbs0000002")                  # ya es de PRB-00002
    teclear(qtbot, dialogo.valor, "-5")
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert dialogo.isVisible()
    assert "PRB-00002" in dialogo.errores.text() and "negativo" in dialogo.errores.text()
    assert dialogo.serie.property("error") and dialogo.valor.property("error")
    assert dialogo.descripcion.text() == "Switch de 24 puertos"
    assert Bien.select().count() == antes
    dialogo.reject()


def test_cambio_de_resguardante_enviado_y_aplicado(demo_sqlite, qtbot, respuestas):
    insertar_bienes(5)
    vista = abrir_vista(qtbot)
    bien = Bien.get(Bien.numero_inventario == "PRB-00003")
    vista.seleccionar(bien.id)
    assert vista.acciones.qacciones["cambio_resguardante"].isEnabled()
    assert not vista.acciones.qacciones["registrar_respuesta"].isEnabled()
    vista.acciones.cambio_resguardante()
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoCambioResguardante)
    sofia = ServidorPublico.get(ServidorPublico.nombre == "Sofía Navarro Peña")
    dialogo.futuro.servidor.setCurrentIndex(dialogo.futuro.servidor.findData(sofia.id))
    teclear(qtbot, dialogo.motivo, "Reasignación por cambio de área")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_aceptar, Qt.MouseButton.LeftButton)
    movimiento = movimientos.pendiente_de(bien.id)
    assert movimiento.tipo == CAMBIO and "cambio de resguardante" in respuestas.preguntas[-1]
    assert movimiento.oficio.folio in respuestas.texto()
    assert Bien.get_by_id(bien.id).resguardante_id != sofia.id     # aún no surte efecto

    # Se entrega el oficio y llega la respuesta «aplicado».
    assert vista.bien.id == bien.id and vista.acciones.qacciones["marcar_enviado"].isEnabled()
    vista.acciones.marcar_enviado()
    assert Movimiento.get_by_id(movimiento.id).estado == ENVIADO
    assert vista.acciones.qacciones["registrar_respuesta"].isEnabled()
    vista.acciones.registrar_respuesta()
    respuesta = vista.dialogo
    assert isinstance(respuesta, DialogoRespuesta)
    teclear(qtbot, respuesta.numero, "DAC/0456/2026")
    with qtbot.waitSignal(respuesta.finished):
        qtbot.mouseClick(respuesta.boton_aceptar, Qt.MouseButton.LeftButton)
    movimiento = Movimiento.get_by_id(movimiento.id)
    assert movimiento.estado == APLICADO and movimiento.respuesta_numero == "DAC/0456/2026"
    bien = Bien.get_by_id(bien.id)
    assert bien.resguardante_id == sofia.id and bien.dependencia_id == sofia.dependencia_id
    assert vista.campos["resguardante"].text().startswith("Sofía Navarro Peña")
    historial = [vista.historial.item(i).text() for i in range(vista.historial.count())]
    assert any("DAC/0456/2026" in linea for linea in historial)


def test_baja_sin_dictamen_explica_y_no_escribe_nada(demo_sqlite, qtbot, respuestas):
    insertar_bienes(2)
    bien = Bien.get(Bien.numero_inventario == "PRB-00002")
    # Un dictamen «no apto» abre la baja al emitirse; Armonización la rechaza y el dictamen
    # queda disponible para pedirla otra vez desde la pestaña.
    dictamen = dictamen_emitido(bien)
    redes = usuario("redes")
    automatica = movimientos.marcar_enviado(redes, movimientos.pendiente_de(bien.id).id,
                                            movimientos.pendiente_de(bien.id).version)
    movimientos.rechazar(redes, automatica.id, automatica.version, "DAC/0600/2026", hoy_mexico(), "Falta firma.")
    vista = abrir_vista(qtbot)
    movimientos_antes = Movimiento.select().count()
    vista.seleccionar(bien.id)
    vista.acciones.solicitar_baja()
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoBaja)
    assert dialogo.dictamen.count() == 2 and dictamen.folio in dialogo.dictamen.itemText(1)
    dialogo.dictamen.setCurrentIndex(0)          # «(sin dictamen)»
    teclear(qtbot, dialogo.motivo, "Tarjeta madre dañada")
    qtbot.mouseClick(dialogo.boton_aceptar, Qt.MouseButton.LeftButton)
    assert dialogo.isVisible() and "dictamen técnico" in dialogo.errores.text()
    assert Movimiento.select().count() == movimientos_antes and Bien.get_by_id(bien.id).estado == EN_USO
    dialogo.dictamen.setCurrentIndex(1)
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_aceptar, Qt.MouseButton.LeftButton)
    assert Bien.get_by_id(bien.id).estado == BAJA_SOLICITADA
    assert movimientos.pendiente_de(bien.id).dictamen_id == dictamen.id
    assert vista.campos["estado"].text() == "Baja solicitada"
    assert not vista.acciones.qacciones["solicitar_baja"].isEnabled()


def test_reportar_falla_abre_el_ticket_con_el_bien(demo_sqlite, qtbot, respuestas):
    from app.modelos import Ticket
    from app.vistas.mesa_ayuda.captura import CapturaTicket

    insertar_bienes(2)
    bien = Bien.get(Bien.numero_inventario == "PRB-00001")
    vista = abrir_vista(qtbot, "asistente")
    vista.seleccionar(bien.id)
    assert vista.acciones.qacciones["reportar_falla"].isEnabled()
    vista.acciones.reportar_falla()
    dialogo = vista.dialogo
    assert isinstance(dialogo, CapturaTicket) and dialogo._bien is not None and dialogo._bien.id == bien.id
    dialogo.reject()
    assert not Ticket.select().where(Ticket.bien == bien.id).exists()


def test_consulta_no_puede_dar_altas_ni_mover(demo_sqlite, qtbot, respuestas):
    insertar_bienes(2)
    vista = abrir_vista(qtbot, "consulta")
    for nombre in ("alta_manual", "editar", "cambio_resguardante", "solicitar_baja"):
        assert not vista.acciones.qacciones[nombre].isEnabled(), nombre
    assert "no opera el inventario" in vista.acciones.qacciones["alta_manual"].toolTip()
    vista.acciones.alta_manual()
    assert vista.dialogo is None


def test_el_detalle_no_interpreta_marcado(demo_sqlite, qtbot, respuestas):
    insertar_bienes(1)
    bien = Bien.get(Bien.numero_inventario == "PRB-00001")
    Bien.update(descripcion='<img src="C:/Windows/win.ini"><b>Laptop</b>').where(Bien.id == bien.id).execute()
    vista = abrir_vista(qtbot)
    vista.seleccionar(bien.id)
    assert vista.campos["descripcion"].textFormat() == Qt.TextFormat.PlainText
    assert vista.campos["descripcion"].text().startswith("<img")


# --- Exportar -------------------------------------------------------------------------------------

def test_exportar_la_lista_filtrada_tal_como_se_ve(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path):
    insertar_bienes(600)
    vista = abrir_vista(qtbot)
    teclear(qtbot, vista.busqueda, "prb lenovo")
    esperar_filtro(qtbot, vista, 300)
    vista.tabla.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    ruta = tmp_path / "lista.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(ruta), ""))
    vista.acciones.exportar_excel()
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoExportar)
    dialogo.opciones[LISTA_FILTRADA].setChecked(True)
    dialogo.accept()
    assert "Se exportaron 300 bienes" in respuestas.texto()
    hoja = load_workbook(ruta).active
    filas = [[c.value for c in fila] for fila in hoja.iter_rows()]
    encabezado = next(i for i, f in enumerate(filas) if f[0] == "Número")
    datos = [f for f in filas[encabezado + 1:] if f[0]]
    assert len(datos) == 300
    assert datos[0][0] == "PRB-00600" and datos[-1][0] == "PRB-00002"   # el orden de la tabla
    assert {f[3] for f in datos} == {"Lenovo"} and datos[0][8] == "En uso"


def test_exportar_con_rol_consulta_esta_deshabilitado(demo_sqlite, qtbot, respuestas):
    vista = abrir_vista(qtbot, "consulta")
    assert not vista.acciones.qacciones["exportar_excel"].isEnabled()


def test_fecha_de_adquisicion_se_guarda_como_fecha(demo_sqlite, qtbot, respuestas):
    insertar_bienes(1)
    bien = Bien.get(Bien.numero_inventario == "PRB-00001")
    vista = abrir_vista(qtbot)
    vista.seleccionar(bien.id)
    vista.acciones.editar()
    dialogo = vista.dialogo
    from PySide6.QtCore import QDate

    dialogo.fecha_adquisicion.setDate(QDate(2024, 2, 29))
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert Bien.get_by_id(bien.id).fecha_adquisicion == dt.date(2024, 2, 29)
    assert vista.campos["adquisicion"].text() == "29/02/2024"


# --- Etiquetas y resguardo ------------------------------------------------------------------------

def texto_pdf(ruta) -> str:
    import pypdfium2 as pdfium

    documento = pdfium.PdfDocument(str(ruta))
    return "\n".join(documento[i].get_textpage().get_text_range() for i in range(len(documento)))


def test_etiquetas_de_la_seleccion_desde_una_posicion(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path, impresiones_ofrecidas):
    import pypdfium2 as pdfium
    import zxingcpp

    from app.vistas.inventario.documentos import DialogoEtiquetas

    insertar_bienes(5)
    vista = abrir_vista(qtbot)
    teclear(qtbot, vista.busqueda, "prb-")
    esperar_filtro(qtbot, vista, 5)
    vista.tabla.selectAll()
    ruta = tmp_path / "etiquetas.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(ruta), ""))
    qtbot.keyClick(vista.tabla, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoEtiquetas)
    assert "5 bienes seleccionados" in dialogo.opciones["seleccion"].text()
    assert dialogo.opciones["seleccion"].isChecked()
    dialogo.plantilla.setCurrentIndex(dialogo.plantilla.findData("carta-3x10"))
    assert dialogo.inicio.maximum() == 30
    dialogo.inicio.setValue(7)
    dialogo.accept()
    assert "Se guardaron las etiquetas" in impresiones_ofrecidas[-1][1]    # y se ofrece imprimirlas ahí mismo
    texto = texto_pdf(ruta)
    assert all(f"PRB-0000{i}" in texto for i in range(1, 6))
    imagen = pdfium.PdfDocument(str(ruta))[0].render(scale=300 / 72).to_pil()
    leidos = {r.text for r in zxingcpp.read_barcodes(imagen)}
    assert leidos == {f"PRB-0000{i}" for i in range(1, 6)}


def test_resguardo_del_resguardante_del_bien(demo_sqlite, qtbot, respuestas, monkeypatch, tmp_path,
                                            impresiones_ofrecidas):
    insertar_bienes(40)
    bien = Bien.get(Bien.numero_inventario == "PRB-00007")
    servidor = bien.resguardante
    suyos = [b.numero_inventario for b in Bien.select().where(Bien.resguardante == servidor)]
    vista = abrir_vista(qtbot)
    vista.seleccionar(bien.id)
    ruta = tmp_path / "resguardo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(ruta), ""))
    impresas: list[tuple[bytes, str]] = []
    from app.vistas.comun import impresion

    monkeypatch.setattr(impresion, "preguntar_imprimir", lambda _p, titulo, mensaje: True)
    monkeypatch.setattr(impresion, "imprimir_pdf", lambda _p, contenido, titulo: impresas.append((contenido, titulo)) or 1)
    vista.acciones.qacciones["imprimir_resguardo"].trigger()
    # Guardado y, como el usuario eligió «Imprimir…», el mismo PDF va a la impresora.
    assert len(impresas) == 1 and impresas[0][0] == ruta.read_bytes() and servidor.nombre in impresas[0][1]
    texto = texto_pdf(ruta)
    assert servidor.nombre in texto and all(n in texto for n in suyos)


# --- Importar -------------------------------------------------------------------------------------

def libro_excel(ruta, filas) -> None:
    from openpyxl import Workbook

    libro = Workbook()
    hoja = libro.active
    hoja.append(["No. de inventario", "Tipo", "Descripción", "Marca", "Serie", "Fecha de adquisición", "Valor",
                 "Dependencia"])
    for fila in filas:
        hoja.append(fila)
    libro.save(ruta)


def test_importar_excel_con_vista_previa_errores_por_fila_y_aceptar(demo_sqlite, qtbot, respuestas, monkeypatch,
                                                                    tmp_path):
    from app.vistas.inventario.importar import DialogoImportar

    antes = Bien.select().count()
    malo = tmp_path / "malo.xlsx"
    libro_excel(malo, [["IMP-001", "Computadora", "Computadora HP", "HP", "S1", dt.date(2023, 5, 2), 15000,
                        "Tesorería Municipal"],
                       ["IMP-001", "Laptop", "Laptop Dell", "Dell", "S2", dt.date(2023, 5, 2), 18000,
                        "Tesorería Municipal"],
                       ["IMP-003", "Switch", "", "Cisco", "S3", "31/02/2023", "mil", "Tesorería Municipal"]])
    vista = abrir_vista(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(malo), ""))
    vista.acciones.importar_excel()
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoImportar)
    assert not dialogo.boton_importar.isEnabled()
    errores = [[dialogo.tabla_errores.item(f, c).text() for c in range(3)]
               for f in range(dialogo.tabla_errores.rowCount())]
    filas_con_error = {int(e[0]) for e in errores}
    assert filas_con_error == {3, 4}                       # la 2 está bien; la 3 repite número; la 4 varias
    assert any("IMP-001" in e[2] for e in errores if e[0] == "3")
    dialogo.reject()
    assert Bien.select().count() == antes

    bueno = tmp_path / "bueno.xlsx"
    libro_excel(bueno, [["IMP-001", "Computadora", "Computadora HP ProDesk", "HP", "S1", dt.date(2023, 5, 2),
                         15000, "Tesorería Municipal"],
                        ["IMP-002", "Laptop", "Laptop Dell Latitude", "Dell", "S2", dt.date(2024, 2, 29),
                         18000.5, "Tesorería Municipal"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bueno), ""))
    vista.acciones.importar_excel()
    dialogo = vista.dialogo
    assert dialogo.boton_importar.isEnabled() and dialogo.tabla_bienes.rowCount() == 2
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_importar, Qt.MouseButton.LeftButton)
    assert "Se importaron 2 bienes" in respuestas.texto()
    importado = Bien.get(Bien.numero_inventario == "IMP-002")
    assert importado.fecha_adquisicion == dt.date(2024, 2, 29) and importado.valor == Decimal("18000.50")
    assert vista.modelo.total == antes + 2


def test_fotografia_en_el_detalle_y_una_imagen_danada_no_se_guarda(demo_sqlite, qtbot, respuestas, tmp_path):
    from PySide6.QtGui import QColor, QImage

    insertar_bienes(1)
    bien = Bien.get(Bien.numero_inventario == "PRB-00001")
    imagen = QImage(640, 480, QImage.Format.Format_RGB32)
    imagen.fill(QColor("#2e7d32"))
    foto = tmp_path / "equipo.png"
    assert imagen.save(str(foto))
    danada = tmp_path / "danada.png"
    danada.write_bytes(foto.read_bytes()[:200])
    vista = abrir_vista(qtbot)
    vista.seleccionar(bien.id)
    assert not vista.foto.isVisible()                              # sin foto no ocupa lugar
    vista.acciones.editar()
    dialogo = vista.dialogo
    assert dialogo.foto.cargar_archivo(str(danada))
    qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert dialogo.isVisible() and dialogo.foto.property("error")
    assert Bien.get_by_id(bien.id).fotografia is None
    assert dialogo.foto.cargar_archivo(str(foto)) == ""
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_guardar, Qt.MouseButton.LeftButton)
    assert bytes(Bien.get_by_id(bien.id).fotografia) == foto.read_bytes()
    assert vista.foto.isVisible() and not vista.foto.pixmap().isNull()


def test_atajos_buscar_y_abrir_el_levantamiento(demo_sqlite, qtbot, respuestas):
    from app.vistas.levantamiento.levantamiento import VentanaLevantamiento

    vista = mostrar(qtbot, VistaInventario(usuario("redes")), 1280, 760, activar=True)
    vista.tabla.setFocus()
    qtbot.keyClick(vista.tabla, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert vista.busqueda.hasFocus()
    qtbot.keyClick(vista.busqueda, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ventana = vista.ventana_levantamiento
    assert isinstance(ventana, VentanaLevantamiento) and ventana.isVisible()
    assert ventana.paginas.currentIndex() == 0 and ventana.tabla_anteriores.rowCount() >= 1
    ventana.close()


def test_estado_operativo_en_reparacion_y_de_vuelta(demo_sqlite, qtbot, respuestas):
    from app.modelos.inventario import EN_REPARACION
    from app.vistas.inventario.movimientos import DialogoEstado

    insertar_bienes(2)
    bien = Bien.get(Bien.numero_inventario == "PRB-00002")
    vista = abrir_vista(qtbot)
    vista.seleccionar(bien.id)
    vista.acciones.cambiar_estado()
    dialogo = vista.dialogo
    assert isinstance(dialogo, DialogoEstado)
    dialogo.estado.setCurrentIndex(dialogo.estado.findData(EN_REPARACION))
    teclear(qtbot, dialogo.motivo, "Enviado a garantía con el proveedor")
    with qtbot.waitSignal(dialogo.finished):
        qtbot.mouseClick(dialogo.boton_aceptar, Qt.MouseButton.LeftButton)
    guardado = Bien.get_by_id(bien.id)
    assert guardado.estado == EN_REPARACION and "garantía" in guardado.observaciones
    assert vista.campos["estado"].text() == "En reparación"
    vista.filtro_estado.setCurrentIndex(vista.filtro_estado.findData(EN_REPARACION))
    assert bien.id in [vista.modelo.id_de(f) for f in range(vista.modelo.rowCount())]
    assert all(vista.modelo.index(f, 8).data() == "En reparación" for f in range(vista.modelo.rowCount()))
