"""Módulo «Inventario»: bienes TIC con búsqueda al teclear, filtros, detalle y sus acciones.

La tabla es perezosa (``ModeloBienes``): con 50,000 bienes solo pide al servicio el total y
bloques de 200 filas; buscar, filtrar y ordenar lo hace el servicio en SQL.
"""
from __future__ import annotations

import time
from typing import Any

from shiboken6 import isValid
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QScrollArea,
                               QTableView, QVBoxLayout, QWidget)

from app.modelos.inventario import BAJA_SOLICITADA, DADO_DE_BAJA, EN_DICTAMEN, EN_REPARACION, ESTADOS_BIEN
from app.modelos.movimientos import ESTADOS_MOVIMIENTO, TIPOS_MOVIMIENTO
from app.servicios.catalogos import catalogos
from app.servicios.historial import historial
from app.servicios.inventario import expedientes, inventario, movimientos, tipos_bien
from app.servicios.nucleo import busqueda_indexada, permisos
from app.vistas.comun import comunes
from app.vistas.comun.comunes import division_lista_detalle, ejecutar, etiqueta_plana, tr
from app.vistas.inventario.acciones import AccionesInventario
from app.vistas.inventario.busqueda import BuscadorSegundoPlano
from app.vistas.inventario.modelo import ColumnaBien, ModeloBienes

PAUSA_BUSQUEDA_MS = 150
# El detalle (foto, historial) sigue a la selección cuando ésta se queda quieta: al teclear una
# búsqueda o bajar con las flechas no se lee el historial de cada fila por la que se pasa.
PAUSA_DETALLE_MS = 120
ALTO_FOTO = 180

COLORES_ESTADO = {
    DADO_DE_BAJA: QColor("#8a8a8a"),       # gris: ya no está en el patrimonio
    BAJA_SOLICITADA: QColor("#b35900"),    # naranja oscuro: en trámite de baja
    EN_DICTAMEN: QColor("#7a5c00"),
    EN_REPARACION: QColor("#1f5fa8"),
}


def _nombre_estado(clave: Any) -> str:
    return ESTADOS_BIEN.get(clave, str(clave or ""))


COLUMNAS: tuple[ColumnaBien, ...] = (
    ColumnaBien("Número", "numero_inventario", "numero", 130),
    ColumnaBien("Tipo", "tipo", "tipo", 110),
    ColumnaBien("Descripción", "descripcion", "descripcion", 230),
    ColumnaBien("Marca", "marca", "marca", 90),
    ColumnaBien("Modelo", "modelo", "modelo", 120),
    ColumnaBien("Serie", "serie", "serie", 120),
    ColumnaBien("Resguardante", "resguardante", "resguardante", 190),
    ColumnaBien("Dependencia", "dependencia", "dependencia", 190),
    ColumnaBien("Estado", "estado", "estado", 110, formato=_nombre_estado),
)


def _color_fila(registro: dict[str, Any]) -> QColor | None:
    return COLORES_ESTADO.get(registro.get("estado"))


class VistaInventario(QWidget):
    """Pestaña de bienes TIC: lista perezosa a la izquierda, detalle y acciones a la derecha."""

    TITULO = "Inventario"

    def __init__(self, sesion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.bien = None                 # el Bien seleccionado (objeto del servicio)
        self.pendiente = None            # su movimiento que espera a Armonización Contable
        self.movimiento_mostrado: int | None = None   # el que se abrió desde su trámite (bandeja, oficio)
        self.dialogo = None              # diálogo abierto (las pruebas lo contestan)
        self.modelo = ModeloBienes(COLUMNAS, inventario.consultar, inventario.contar, _color_fila,
                                   orden="numero", parent=self)
        self._crear_filtros()
        self._crear_tabla()
        self.acciones = AccionesInventario(self)
        detalle = self._crear_detalle()
        lista = QWidget(self)
        capa_lista = QVBoxLayout(lista)
        capa_lista.setContentsMargins(0, 0, 0, 0)
        capa_lista.addLayout(self.barra_filtros)
        capa_lista.addWidget(self.tabla, 1)
        capa = QVBoxLayout(self)
        capa.addWidget(self.acciones.barra())
        capa.addWidget(division_lista_detalle(self, lista, detalle, [840, 420]), 1)
        self._pausa = QTimer(self)
        self._pausa.setSingleShot(True)
        self._pausa.setInterval(PAUSA_BUSQUEDA_MS)
        self._pausa.timeout.connect(self.buscar_al_teclear)
        self.buscando = False            # hay una búsqueda en el hilo de trabajo sin aplicar
        self._filtro_pedido: dict[str, Any] = {}
        self.ultima_aplicacion_s = 0.0   # lo que tardó en la interfaz aplicar la última (medición)
        self._buscador = BuscadorSegundoPlano(inventario.consultar, inventario.contar, self)
        self._buscador.resultado.connect(self._aplicar_resultado)
        self.busqueda.textChanged.connect(lambda _t: self._pausa.start())
        self._pausa_detalle = QTimer(self)
        self._pausa_detalle.setSingleShot(True)
        self._pausa_detalle.setInterval(PAUSA_DETALLE_MS)
        self._pausa_detalle.timeout.connect(self._al_terminar_pausa_detalle)
        self._detalle_pendiente = False   # la pausa del detalle se detuvo al ocultarse la pantalla
        self.busqueda.returnPressed.connect(self._buscar_ya)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.enfocar_busqueda,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for combo in (self.filtro_dependencia, self.filtro_tipo, self.filtro_estado):
            combo.currentIndexChanged.connect(lambda _i: self.aplicar_filtros())
        self._llenar_combos()
        self.aplicar_filtros()
        self.mostrar_detalle_ya()

    # --- Construcción ------------------------------------------------------------------------------

    def _crear_filtros(self) -> None:
        self.busqueda = QLineEdit(self)
        self.busqueda.setPlaceholderText(tr("Buscar por número, serie, marca, modelo o resguardante…"))
        self.busqueda.setClearButtonEnabled(True)
        self.filtro_dependencia = QComboBox(self)
        self.filtro_dependencia.setMinimumContentsLength(18)
        self.filtro_dependencia.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filtro_tipo = QComboBox(self)
        self.filtro_tipo.setMinimumContentsLength(12)
        self.filtro_tipo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filtro_estado = QComboBox(self)
        self.filtro_estado.addItem(tr("Todos los estados"), None)
        self.filtro_estado.addItem(tr("Activos (sin bajas)"), "activos")
        for clave, nombre in ESTADOS_BIEN.items():
            self.filtro_estado.addItem(tr(nombre), clave)
        self.contador = QLabel(self)
        self.barra_filtros = QVBoxLayout()
        arriba = QHBoxLayout()
        arriba.addWidget(self.busqueda, 1)
        arriba.addWidget(self.contador)
        abajo = QHBoxLayout()
        abajo.addWidget(self.filtro_dependencia, 3)
        abajo.addWidget(self.filtro_tipo, 2)
        abajo.addWidget(self.filtro_estado, 2)
        self.barra_filtros.addLayout(arriba)
        self.barra_filtros.addLayout(abajo)
        self.busqueda.setToolTip(tr("Buscar (Ctrl+F)"))

    def _crear_tabla(self) -> None:
        self.tabla = QTableView(self)
        self.tabla.setModel(self.modelo)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setAlternatingRowColors(True)
        self.tabla.setWordWrap(False)
        vertical = self.tabla.verticalHeader()
        vertical.setVisible(False)
        # Alto fijo: Qt no mide fila por fila (con miles de filas eso es lo lento).
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        encabezado = self.tabla.horizontalHeader()
        encabezado.setStretchLastSection(True)
        encabezado.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        encabezado.setSortIndicatorShown(True)
        encabezado.setSectionsClickable(True)
        # El orden lo hace el servicio en SQL: se llama a sort() del modelo al pulsar.
        encabezado.sortIndicatorChanged.connect(self._ordenar)
        for i, columna in enumerate(COLUMNAS):
            self.tabla.setColumnWidth(i, columna.ancho)
        self.tabla.selectionModel().currentRowChanged.connect(lambda actual, _ant: self._mostrar_fila(actual.row()))
        self.tabla.doubleClicked.connect(lambda _i: self.acciones.editar())
        self.modelo.modelReset.connect(self._tras_recargar)
        self.modelo.rowsInserted.connect(lambda *_a: self._actualizar_contador())

    def _crear_detalle(self) -> QWidget:
        contenido = QWidget(self)
        capa = QVBoxLayout(contenido)
        self.titulo_detalle = etiqueta_plana(tr("Seleccione un bien"), contenido)
        self.titulo_detalle.setStyleSheet("font-size: 14pt; font-weight: bold;")
        capa.addWidget(self.titulo_detalle)
        # Las acciones del bien arriba, siempre a la vista (el detalle puede ser largo).
        rejilla = QGridLayout()
        for posicion, boton in enumerate(self.acciones.botones_detalle()):
            rejilla.addWidget(boton, posicion // 2, posicion % 2)
        capa.addLayout(rejilla)
        self.foto = QLabel(contenido)
        self.foto.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.foto.setFixedHeight(ALTO_FOTO)
        self.foto.setFrameShape(QFrame.Shape.StyledPanel)
        self.foto.setTextFormat(Qt.TextFormat.PlainText)
        capa.addWidget(self.foto)
        self.formulario_detalle = QFormLayout()
        self.formulario_detalle.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.campos: dict[str, QLabel] = {}
        for clave, titulo in (("numero", "Número"), ("tipo", "Tipo"), ("descripcion", "Descripción"),
                              ("marca_modelo", "Marca y modelo"), ("serie", "Serie"), ("color", "Color"),
                              ("estado", "Estado"), ("resguardante", "Resguardante"),
                              ("dependencia", "Dependencia"), ("ubicacion", "Ubicación"),
                              ("adquisicion", "Adquisición"), ("valor", "Valor"), ("cuenta", "Cuenta CONAC"),
                              ("proveedor", "Proveedor"), ("cfdi", "CFDI (UUID)"),
                              ("pendiente", "Pendiente"), ("tramite", "Trámite"), ("hardware", "Hardware"),
                              ("software", "Software"),
                              ("observaciones", "Observaciones")):
            etiqueta = etiqueta_plana("", contenido)
            etiqueta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.campos[clave] = etiqueta
            self.formulario_detalle.addRow(tr(titulo) + ":", etiqueta)
        capa.addLayout(self.formulario_detalle)
        capa.addWidget(etiqueta_plana(tr("Historial"), contenido))
        self.historial = QListWidget(contenido)
        self.historial.setMinimumHeight(120)
        self.historial.setWordWrap(True)
        capa.addWidget(self.historial, 1)
        desplazable = QScrollArea(self)
        desplazable.setWidgetResizable(True)
        desplazable.setFrameShape(QFrame.Shape.NoFrame)
        desplazable.setWidget(contenido)
        desplazable.setMinimumWidth(400)
        desplazable.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return desplazable

    def _llenar_combos(self) -> None:
        for combo in (self.filtro_dependencia, self.filtro_tipo):
            combo.blockSignals(True)
        actual_dep, actual_tipo = self.filtro_dependencia.currentData(), self.filtro_tipo.currentData()
        self.filtro_dependencia.clear()
        self.filtro_dependencia.addItem(tr("Todas las dependencias"), None)
        for dependencia in ejecutar(self, catalogos.dependencias) or []:
            self.filtro_dependencia.addItem(dependencia.nombre, dependencia.id)
        self.filtro_tipo.clear()
        self.filtro_tipo.addItem(tr("Todos los tipos"), None)
        for tipo in ejecutar(self, tipos_bien.tipos) or []:
            self.filtro_tipo.addItem(tipo.nombre, tipo.id)
        for combo, actual in ((self.filtro_dependencia, actual_dep), (self.filtro_tipo, actual_tipo)):
            indice = combo.findData(actual)
            combo.setCurrentIndex(max(indice, 0))
            combo.blockSignals(False)

    # --- Datos -------------------------------------------------------------------------------------

    def filtro(self) -> dict[str, Any]:
        """El filtro actual tal como lo recibe el servicio."""
        return {"busqueda": self.busqueda.text(), "dependencia": self.filtro_dependencia.currentData(),
                "tipo": self.filtro_tipo.currentData(), "estado": self.filtro_estado.currentData()}

    def enfocar_busqueda(self) -> None:
        self.busqueda.setFocus()
        self.busqueda.selectAll()

    def _buscar_ya(self) -> None:
        self._pausa.stop()
        self.aplicar_filtros()
        self.tabla.setFocus()

    def buscar_al_teclear(self) -> None:
        """Tras la pausa de tecleo: la consulta va al hilo de trabajo; la ventana sigue respondiendo."""
        self._pausa.stop()
        self.buscando = True
        self._filtro_pedido = self.filtro()
        self._buscador.buscar(self._filtro_pedido, self.modelo.orden, self.modelo.bloque)

    def _aplicar_resultado(self, _generacion: int, total: object, registros: object, error: str) -> None:
        inicio = time.perf_counter()
        self.buscando = False
        if error:
            comunes.avisar(self, tr("No se pudo buscar"), error)
            return
        anterior = self.id_actual()
        self.modelo.poner(self._filtro_pedido, self.modelo.orden, int(total), registros)
        self._volver_a_seleccionar(anterior)
        self.ultima_aplicacion_s = time.perf_counter() - inicio

    def _ordenar(self, columna: int, orden: Qt.SortOrder) -> None:
        self._buscador.nueva_generacion()          # una búsqueda en curso ya no manda
        self.buscando = False
        anterior = self.id_actual()
        ejecutar(self, self.modelo.sort, columna, orden)
        self._volver_a_seleccionar(anterior)

    def aplicar_filtros(self) -> None:
        """Vuelve a pedir la lista con la búsqueda y los filtros actuales (conserva la selección si sigue)."""
        self._pausa.stop()
        self._buscador.nueva_generacion()
        self.buscando = False
        anterior = self.id_actual()
        if ejecutar(self, self.modelo.cargar, self.filtro()) is None and self.modelo.filtro != self.filtro():
            return
        self._volver_a_seleccionar(anterior)

    def _volver_a_seleccionar(self, anterior: int | None) -> None:
        fila = self.modelo.fila_de(anterior)
        if fila < 0 and self.modelo.rowCount():
            fila = 0
        if fila >= 0:
            self.tabla.selectRow(fila)
        else:
            self._pausa_detalle.stop()
            self._mostrar(None)

    def mostrar_detalle_ya(self) -> None:
        """Lee el detalle del bien actual sin esperar la pausa (tras una acción que lo cambió)."""
        self._pausa_detalle.stop()
        self._mostrar(self.id_actual())

    def refrescar(self) -> None:
        """Vuelve a leer catálogos, lista y detalle (F5, al volver a la pestaña o tras una acción)."""
        self._llenar_combos()
        self.aplicar_filtros()
        self.mostrar_detalle_ya()

    def seleccionar(self, bien_id: int) -> None:
        """Refresca y selecciona el bien; si los filtros lo ocultan, los quita."""
        self.aplicar_filtros()
        if self._seleccionar_cargado(bien_id):
            return
        for combo in (self.filtro_dependencia, self.filtro_tipo, self.filtro_estado):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.busqueda.blockSignals(True)
        self.busqueda.clear()
        self.busqueda.blockSignals(False)
        self.aplicar_filtros()
        self._seleccionar_cargado(bien_id)

    def _seleccionar_cargado(self, bien_id: int) -> bool:
        fila = self.modelo.fila_de(bien_id)
        while fila < 0 and self.modelo.canFetchMore():
            self.modelo.fetchMore()
            fila = self.modelo.fila_de(bien_id)
        if fila < 0:
            return False
        self.tabla.selectRow(fila)
        self.tabla.scrollTo(self.modelo.index(fila, 0))
        self.mostrar_detalle_ya()
        return True

    def id_actual(self) -> int | None:
        indice = self.tabla.currentIndex()
        return self.modelo.id_de(indice.row()) if indice.isValid() else None

    def ids_seleccionados(self) -> list[int]:
        filas = sorted({i.row() for i in self.tabla.selectionModel().selectedRows()})
        return [i for i in (self.modelo.id_de(f) for f in filas) if i is not None]

    def _tras_recargar(self) -> None:
        self._actualizar_contador()

    def _actualizar_contador(self) -> None:
        total = self.modelo.total
        if (str(self.modelo.filtro.get("busqueda") or "").strip() and busqueda_indexada.es_mas_de(total)
                and self.modelo.canFetchMore()):
            # El conteo de una búsqueda se acota: no se recorre la tabla para saber cuántos más hay.
            self.contador.setText(tr("más de {n} bienes").format(n=f"{busqueda_indexada.TOPE_CONTEO:,}"))
            return
        self.contador.setText(tr("{n} bienes").format(n=f"{total:,}") if total != 1 else tr("1 bien"))

    def _mostrar_fila(self, fila: int) -> None:
        bien_id = self.modelo.id_de(fila)
        if self.bien is not None and bien_id == self.bien.id and not self._pausa_detalle.isActive():
            return                      # la misma fila tras volver a filtrar: el detalle ya está
        self._pausa_detalle.start()

    def _al_terminar_pausa_detalle(self) -> None:
        """Muestra el bien elegido cuando el usuario deja de moverse por la lista.

        Si la pantalla ya no se ve (se cerró la ventana o se cambió de pestaña con la pausa en
        curso) no hace nada: al volver a mostrarse se refresca (``showEvent``).
        """
        if not all(isValid(w) for w in (self, self.formulario_detalle, *self.campos.values())) \
                or not self.isVisible():
            return
        self._mostrar(self.id_actual())

    def hideEvent(self, evento) -> None:  # noqa: N802 - API de Qt
        # Lo que quedó pendiente al ocultarse se lee al volver a mostrarse (y nada más: abrir la
        # pestaña no vuelve a leer el detalle que el constructor ya leyó).
        self._detalle_pendiente = self._pausa_detalle.isActive() or self._detalle_pendiente
        self._pausa_detalle.stop()
        super().hideEvent(evento)

    def showEvent(self, evento) -> None:  # noqa: N802 - API de Qt
        super().showEvent(evento)
        pendiente = self._detalle_pendiente or (self.bien is None and self.id_actual() is not None)
        self._detalle_pendiente = False
        if pendiente:
            self._pausa_detalle.start()      # lo que quedó pendiente al ocultarse

    def _mostrar(self, bien_id: int | None) -> None:
        self.bien = ejecutar(self, inventario.obtener, bien_id) if bien_id is not None else None
        self.pendiente = ejecutar(self, movimientos.pendiente_de, self.bien.id) if self.bien is not None else None
        self._llenar_detalle()
        self.acciones.actualizar()

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario_detalle.setRowVisible(self.campos[clave], bool(texto))

    def _llenar_detalle(self) -> None:
        bien = self.bien
        for clave in self.campos:
            self._fila(clave, "")
        self.historial.clear()
        self.foto.clear()
        if bien is None:
            self.titulo_detalle.setText(tr("Seleccione un bien"))
            self.foto.setText(tr("Sin fotografía"))
            return
        self.titulo_detalle.setText(bien.numero_inventario)
        self._mostrar_foto(bien.fotografia)
        self._fila("numero", bien.numero_inventario)
        self._fila("tipo", bien.tipo.nombre if bien.tipo_id else "")
        self._fila("descripcion", bien.descripcion)
        self._fila("marca_modelo", " ".join(p for p in (bien.marca, bien.modelo) if p))
        self._fila("serie", bien.serie or "")
        self._fila("color", bien.color)
        self._fila("estado", _nombre_estado(bien.estado))
        if bien.resguardante_id:
            servidor = bien.resguardante
            self._fila("resguardante", ", ".join(p for p in (servidor.nombre, servidor.cargo) if p))
        self._fila("dependencia", bien.dependencia.nombre if bien.dependencia_id else "")
        self._fila("ubicacion", " / ".join(p for p in (bien.edificio, bien.area) if p))
        self._fila("adquisicion", f"{bien.fecha_adquisicion:%d/%m/%Y}" if bien.fecha_adquisicion else "")
        self._fila("valor", f"$ {bien.valor:,.2f}" if bien.valor is not None else "")
        self._fila("cuenta", bien.cuenta_contable)
        self._fila("proveedor", bien.proveedor.razon_social if bien.proveedor_id else "")
        self._fila("cfdi", bien.factura.uuid if bien.factura_id else "")
        if self.pendiente is not None:
            self._fila("pendiente", self._describir_movimiento(self.pendiente))
        mostrado = ejecutar(self, self._movimiento_mostrado, bien.id)
        movimiento = mostrado or self.pendiente
        if movimiento is not None:
            resumen = ejecutar(self, expedientes.resumen, movimiento.expediente_id) or ""
            ajeno = self.pendiente is None or movimiento.id != self.pendiente.id
            self._fila("tramite", f"{self._describir_movimiento(movimiento)}\n{resumen}" if ajeno else resumen)
        self._fila("hardware", bien.caracteristicas_hardware)
        self._fila("software", bien.caracteristicas_software)
        self._fila("observaciones", bien.observaciones)
        for linea in ejecutar(self, self._lineas_historial, bien.id) or []:
            self.historial.addItem(linea)

    @staticmethod
    def _describir_movimiento(movimiento) -> str:
        folio = movimiento.oficio.folio if movimiento.oficio_id else ""
        return (f"{TIPOS_MOVIMIENTO.get(movimiento.tipo, movimiento.tipo)} · "
                f"{ESTADOS_MOVIMIENTO.get(movimiento.estado, movimiento.estado)} · {folio}")

    def _movimiento_mostrado(self, bien_id: int):
        """El movimiento abierto desde su trámite, si es de este bien (el pendiente ya se muestra)."""
        if self.movimiento_mostrado is None:
            return None
        movimiento = movimientos.obtener(self.movimiento_mostrado)
        return movimiento if any(b.id == bien_id for b in movimientos.bienes_de(movimiento)) else None

    # --- Expediente único ----------------------------------------------------------------------

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Abre el movimiento cuyo trámite es ``tramite_id``: selecciona su bien y muestra su trámite."""
        self.acciones.abrir_movimiento(tramite_id)

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
        """Nuevo movimiento al inventario (procedimiento 21) con el oficio recibido ya puesto."""
        self.acciones.nuevo_movimiento(oficio_id)

    @staticmethod
    def _lineas_historial(bien_id: int) -> list[str]:
        # Lo más reciente arriba: es lo que se busca al abrir un bien.
        return [texto_evento(e) for e in reversed(historial.historial_bien(bien_id))]

    def _mostrar_foto(self, contenido: bytes | None) -> None:
        self.foto.setVisible(bool(contenido))
        if not contenido:
            self.foto.setText(tr("Sin fotografía"))
            return
        imagen = QPixmap()
        if not imagen.loadFromData(bytes(contenido)):
            self.foto.setText(tr("La fotografía no se puede mostrar"))
            return
        self.foto.setPixmap(imagen.scaled(self.foto.width() or 320, ALTO_FOTO - 8,
                                          Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))

    def puede(self, permiso: str) -> bool:
        return permisos.puede(self.sesion, permiso)


def texto_evento(evento: inventario.EventoHistorial) -> str:
    """Una línea del historial: «dd/mm/aaaa hh:mm · Tipo: descripción [referencia]»."""
    fecha = evento.fecha
    cuando = fecha.strftime("%d/%m/%Y %H:%M") if hasattr(fecha, "hour") else fecha.strftime("%d/%m/%Y")
    referencia = f" [{evento.referencia}]" if evento.referencia else ""
    return f"{cuando} · {evento.tipo}: {evento.descripcion}{referencia}"


