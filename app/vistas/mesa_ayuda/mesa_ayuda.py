"""Pestaña «Mesa de ayuda»: lista rápida de tickets, filtros, detalle con historial y acciones.

La lista pide al servicio bloques de 300 tickets (paginación por llave en el orden del
encabezado, filtros en SQL), carga el siguiente al desplazarse y suelta los lejanos
(:class:`app.vistas.comun.bloques.ModeloBloques`): sirve igual con 40 que con 500,000. Al
abrir la pestaña se lee el primer bloque y el detalle del primer ticket una sola vez, en
segundo plano (son varias consultas).
Los tickets por vencer se pintan en ámbar y los vencidos en rojo. El detalle dice el
número del trámite del ticket (procedimiento 6) y su paso actual; la ventana principal abre
aquí un caso con :meth:`VistaMesaAyuda.mostrar_expediente` y uno nuevo con
:meth:`VistaMesaAyuda.nuevo_caso`.

Atajos: Ctrl+N nuevo ticket · Ctrl+F buscar · Alt+A atender · Alt+R resolver ·
Alt+C cerrar · Alt+E escalar · Alt+V devolución del proveedor · Alt+G entregar equipo ·
Alt+B reabrir · Alt+L cancelar · F5 actualizar.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QFrame, QGridLayout, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QTableView, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)

from app.modelos import Escalamiento
from app.servicios.catalogos import catalogos
from app.servicios.mesa_ayuda import escalamiento, sla, tickets
from app.servicios.nucleo import permisos
from app.vistas.comun import comunes
from app.vistas.comun.bloques import ModeloBloques
from app.vistas.comun.lector import LectorSegundoPlano
from app.vistas.comun.comunes import division_lista_detalle, etiqueta_plana, tr
from app.vistas.mesa_ayuda.captura import CapturaTicket, abrir_captura
from app.vistas.comun.tabla import texto

if TYPE_CHECKING:
    from app.modelos import Usuario

__all__ = ["VistaMesaAyuda", "abrir_captura", "CapturaTicket"]

Indice = QModelIndex | QPersistentModelIndex
PAGINA = 300
HISTORIAL = 200          # tickets más recientes en cada pestaña del historial
FONDO_SLA = {sla.POR_VENCER: QColor("#fff1c2"), sla.VENCIDO: QColor("#f9d2d0")}
TEXTO_SLA = {sla.POR_VENCER: QColor("#7a4f00"), sla.VENCIDO: QColor("#8c1d18")}

COLUMNAS: list[tuple[str, Callable[[dict], Any], int]] = [
    ("Folio", lambda f: f["folio"], 110),
    ("Recibido", lambda f: f["recibido_en"], 136),
    ("Prioridad", lambda f: sla.PRIORIDADES[f["prioridad"]], 84),
    ("Estado", lambda f: tickets.ESTADOS[f["estado"]], 162),
    ("SLA", lambda f: _texto_sla(f["estado"], f["sla"]), 82),
    ("Dependencia", lambda f: f["dependencia"], 200),
    ("Solicitante", lambda f: f["solicitante_nombre"], 170),
    ("Asignado a", lambda f: f["asignado"] or "", 150),
    ("Proveedor", lambda f: ("Entrega vencida " if f["entrega_vencida"] else "Entrega ")
     + f"{f['entrega_comprometida']:%d/%m}" if f["entrega_comprometida"] else "", 150),
    ("Inventario", lambda f: f["numero_inventario"] or "", 110),
    ("Descripción", lambda f: " ".join(f["descripcion"].split()), 300),
]

COLUMNA_PROVEEDOR = [t for t, _o, _a in COLUMNAS].index("Proveedor")
# Orden del servicio por columna al pulsar el encabezado (None: esa columna no se ordena).
ORDEN_COLUMNAS: dict[str, str] = {"Folio": "folio", "Recibido": "recibido", "Estado": "estado",
                                  "Dependencia": "dependencia", "Solicitante": "solicitante",
                                  "Asignado a": "asignado", "Inventario": "inventario"}


def _texto_sla(estado: str, estado_sla: str) -> str:
    """En tiempo / por vencer / vencido si está abierto; cumplido o incumplido al terminar."""
    if estado in tickets.ABIERTOS:
        return sla.ESTADOS_SLA[estado_sla]
    if estado == tickets.CANCELADO:
        return "—"
    return "Cumplido" if estado_sla == sla.EN_TIEMPO else "Incumplido"


def texto_expediente(expediente: dict | None) -> str:
    """«TR-2026-00012 · paso 3. ¿Es posible atenderlo de manera remota?» (texto plano)."""
    if expediente is None:
        return tr("(sin trámite)")
    if expediente["paso"]:
        return f"{expediente['numero']} · {tr('paso')} {expediente['paso_texto']}"
    return f"{expediente['numero']} · {tr(expediente['estado'].capitalize())}"


def pedir_texto(padre: QWidget, titulo: str, pregunta: str, inicial: str = "") -> str | None:
    """Pide un texto de varias líneas; None si el usuario desiste."""
    valor, aceptado = QInputDialog.getMultiLineText(padre, titulo, pregunta, inicial)
    return valor if aceptado else None


class ModeloTickets(ModeloBloques):
    """Tickets por bloques: tuplas ya formateadas, el bloque siguiente por llave al llegar al final."""

    def __init__(self, parent=None) -> None:
        super().__init__(tickets.listar, None, bloque=PAGINA, orden=None, parent=parent)
        self.titulos = [tr(t) for t, _o, _a in COLUMNAS]
        self.ordenes = [ORDEN_COLUMNAS.get(t) for t, _o, _a in COLUMNAS]

    @property
    def filtros(self) -> dict[str, Any]:
        return self.filtro

    def recargar(self, filtros: dict[str, Any]) -> None:
        self.cargar(filtros)

    def textos(self, registro: dict) -> tuple[str, ...]:
        return tuple(texto(obtener(registro)) for _t, obtener, _a in COLUMNAS)

    def extra(self, registro: dict) -> tuple[str, bool, bool]:
        return registro["sla"], registro["estado"] in tickets.ABIERTOS, registro["entrega_vencida"]

    def data(self, index: Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        fila = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texto(fila, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return comunes.ayuda_plana(self.texto(fila, index.column()))
        extra = self.extra_de(fila)
        if extra is None:
            return None
        estado, abierto, entrega_vencida = extra
        if index.column() == COLUMNA_PROVEEDOR and entrega_vencida:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(FONDO_SLA[sla.VENCIDO])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(TEXTO_SLA[sla.VENCIDO])
            if role == Qt.ItemDataRole.FontRole:
                fuente = QFont()
                fuente.setBold(True)
                return fuente
        if role == Qt.ItemDataRole.BackgroundRole and abierto and estado in FONDO_SLA:
            return QBrush(FONDO_SLA[estado])
        if role == Qt.ItemDataRole.ForegroundRole and abierto and estado in TEXTO_SLA:
            return QBrush(TEXTO_SLA[estado])
        return None


class DialogoEscalar(QDialog):
    """Elegir proveedor (los autorizados de la marca primero), plazo y motivo."""

    def __init__(self, padre: QWidget, marca: str) -> None:
        super().__init__(padre)
        self.setWindowTitle(tr("Escalar a proveedor"))
        self.proveedor = QComboBox(self)
        autorizados = {p.id for p in escalamiento.proveedores_autorizados(marca)} if marca else set()
        for p in sorted(catalogos.proveedores(), key=lambda p: (p.id not in autorizados, p.razon_social)):
            etiqueta = p.razon_social + (tr(" (autorizado)") if p.id in autorizados else "")
            self.proveedor.addItem(etiqueta, p.id)
        self.marca = QLineEdit(marca, self)
        self.marca.setReadOnly(bool(marca))
        self.dias = QLineEdit(self)
        self.dias.setPlaceholderText(tr("Por omisión, el tiempo de entrega del proveedor"))
        self.motivo = QLineEdit(self)
        self.motivo.setPlaceholderText(tr("Qué no se pudo resolver en la DTI"))
        formulario = QFormLayout()
        for etiqueta, widget in ((tr("&Proveedor:"), self.proveedor), (tr("&Marca del equipo:"), self.marca),
                                 (tr("&Días hábiles comprometidos:"), self.dias), (tr("M&otivo:"), self.motivo)):
            formulario.addRow(etiqueta, widget)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Escalar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(formulario)
        capa.addWidget(botones)

    def valores(self) -> dict:
        return {"proveedor_id": self.proveedor.currentData(), "marca": self.marca.text(),
                "dias": self.dias.text().strip() or None, "motivo": self.motivo.text()}


def pedir_escalamiento(padre: QWidget, marca: str) -> dict | None:
    dialogo = DialogoEscalar(padre, marca)
    return dialogo.valores() if dialogo.exec() == QDialog.DialogCode.Accepted else None


class VistaMesaAyuda(QWidget):
    """Tickets de soporte: lista con filtros y resaltado de SLA, detalle, historial y acciones."""

    TITULO = "Mesa de ayuda"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.detalle: dict | None = None
        puede_abrir = permisos.puede(sesion, permisos.ABRIR_TRAMITE)
        self.puede_atender = permisos.puede(sesion, permisos.AVANZAR_TRAMITE)

        self.boton_nuevo = self._boton(tr("Nuevo ticket…"), "Ctrl+N", self.nuevo_ticket)
        self.boton_nuevo.setObjectName("principal")
        self.boton_nuevo.setEnabled(puede_abrir)
        self.busqueda = QLineEdit(self)
        self.busqueda.setPlaceholderText(tr("Buscar folio, solicitante, dependencia, inventario o texto…"))
        self.busqueda.setClearButtonEnabled(True)
        self.filtro_estado = QComboBox(self)
        self.filtro_estado.addItem(tr("Sin cerrar"), "sin_cerrar")
        self.filtro_estado.addItem(tr("Abiertos"), "abiertos")
        self.filtro_estado.addItem(tr("Todos"), None)
        for clave, nombre in tickets.ESTADOS.items():
            self.filtro_estado.addItem(tr(nombre), clave)
        self.filtro_prioridad = QComboBox(self)
        self.filtro_prioridad.addItem(tr("Todas"), None)
        for clave, nombre in sla.PRIORIDADES.items():
            self.filtro_prioridad.addItem(tr(nombre), clave)
        self.filtro_dependencia = QComboBox(self)
        self.filtro_dependencia.addItem(tr("Todas"), None)
        for dep in catalogos.dependencias():
            self.filtro_dependencia.addItem(dep.nombre, dep.id)
        self.filtro_dependencia.setMaximumWidth(230)
        self.filtro_asignado = QComboBox(self)
        self.filtro_asignado.addItem(tr("Todos"), None)
        if getattr(sesion, "id", None):
            self.filtro_asignado.addItem(tr("Asignados a mí"), sesion.id)
        for usuario in tickets.usuarios_asignables():
            self.filtro_asignado.addItem(usuario.nombre, usuario.id)
        self.solo_alerta = QCheckBox(tr("Solo por &vencer o vencidos"), self)
        self.boton_configurar = self._boton(tr("Calendario y SLA…"), None, self.configurar)

        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_nuevo)
        arriba.addWidget(self.busqueda, 1)
        arriba.addWidget(self.solo_alerta)
        filtros = QHBoxLayout()
        for etiqueta, combo in ((tr("E&stado:"), self.filtro_estado), (tr("&Prioridad:"), self.filtro_prioridad),
                                (tr("&Dependencia:"), self.filtro_dependencia),
                                (tr("Asi&gnado:"), self.filtro_asignado)):
            texto_etiqueta = QLabel(etiqueta, self)
            texto_etiqueta.setBuddy(combo)
            filtros.addWidget(texto_etiqueta)
            filtros.addWidget(combo)
            filtros.addSpacing(8)
            combo.currentIndexChanged.connect(lambda _i: self.refrescar())
        filtros.addStretch(1)
        filtros.addWidget(self.boton_configurar)
        self.solo_alerta.toggled.connect(lambda _c: self.refrescar())
        self._pausa = QTimer(self)
        self._pausa.setSingleShot(True)
        self._pausa.setInterval(150)
        self._pausa.timeout.connect(self.refrescar)
        self.busqueda.textChanged.connect(lambda _t: self._pausa.start())
        self.busqueda.returnPressed.connect(lambda: self.vista.setFocus())

        # Lista.
        self.modelo = ModeloTickets(self)
        self.vista = QTableView(self)
        self.vista.setModel(self.modelo)
        self.vista.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.vista.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.vista.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.vista.verticalHeader().setVisible(False)
        self.vista.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.vista.verticalHeader().setDefaultSectionSize(24)
        self.vista.setWordWrap(False)
        for i, (_t, _o, ancho) in enumerate(COLUMNAS):
            self.vista.setColumnWidth(i, ancho)
        encabezado = self.vista.horizontalHeader()
        encabezado.setStretchLastSection(True)
        # Ordenar al pulsar un encabezado: lo hace el servicio en SQL (paginación por llave).
        encabezado.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        encabezado.setSortIndicatorShown(True)
        encabezado.setSectionsClickable(True)
        encabezado.sortIndicatorChanged.connect(self._ordenar)
        self._indicador = (-1, Qt.SortOrder.AscendingOrder)
        self._sin_detalle = False        # al volver a seleccionar tras recargar, el detalle se lee una vez
        self.vista.selectionModel().currentRowChanged.connect(
            lambda actual, _ant: None if self._sin_detalle else self.mostrar(self.modelo.id_de(actual.row())))
        self.lector = LectorSegundoPlano("detalle-ticket", self)
        self.lector.listo.connect(self._detalle_leido)
        self.detalles_leidos = 0         # cuántas veces se leyó un detalle (pruebas y mediciones)
        self.contador = etiqueta_plana("", self)
        self.leyenda = etiqueta_plana(tr("Ámbar: por vencer · Rojo: SLA vencido"), self)
        self.leyenda.setObjectName("ayuda")
        self.leyenda.setWordWrap(False)
        lista = QWidget(self)
        capa_lista = QVBoxLayout(lista)
        capa_lista.setContentsMargins(0, 0, 0, 0)
        capa_lista.addWidget(self.vista, 1)
        pie = QHBoxLayout()
        pie.addWidget(self.contador)
        pie.addStretch(1)
        pie.addWidget(self.leyenda)
        capa_lista.addLayout(pie)

        self.panel = self._crear_detalle()
        divisor = division_lista_detalle(self, lista, self.panel, [820, 560])
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addLayout(filtros)
        capa.addWidget(divisor, 1)

        contexto = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._enfocar_busqueda, context=contexto)
        QShortcut(QKeySequence("F5"), self, activated=self.refrescar, context=contexto)
        self.refrescar(en_segundo_plano=True)

    # --- Construcción -------------------------------------------------------------------------

    def _boton(self, texto_boton: str, atajo: str | None, accion: Callable[[], None],
               padre: QWidget | None = None) -> QPushButton:
        boton = QPushButton(texto_boton, padre or self)
        boton.setAutoDefault(False)
        if atajo:
            boton.setShortcut(QKeySequence(atajo))
            boton.setToolTip(f"{texto_boton.replace('&', '').rstrip('…')} "
                             f"({QKeySequence(atajo).toString(QKeySequence.SequenceFormat.NativeText)})")
        boton.clicked.connect(lambda _c=False: accion())
        return boton

    def _crear_detalle(self) -> QWidget:
        panel = QFrame(self)
        panel.setObjectName("panel")
        panel.setMinimumWidth(400)
        capa = QVBoxLayout(panel)
        self.titulo = etiqueta_plana(tr("Seleccione un ticket"), panel)
        self.titulo.setObjectName("titulo")
        self.estado_sla = etiqueta_plana("", panel)
        capa.addWidget(self.titulo)
        capa.addWidget(self.estado_sla)

        acciones = QGridLayout()
        self.boton_atender = self._boton(tr("&Atender"), None, self.atender, panel)
        self.boton_resolver = self._boton(tr("&Resolver…"), None, self.resolver, panel)
        self.boton_cerrar = self._boton(tr("&Cerrar"), None, self.cerrar, panel)
        self.boton_escalar = self._boton(tr("&Escalar…"), None, self.escalar, panel)
        self.boton_devolucion = self._boton(tr("De&volución…"), None, self.devolucion, panel)
        self.boton_entregar = self._boton(tr("Entre&gar equipo…"), None, self.entregar, panel)
        self.boton_reabrir = self._boton(tr("Rea&brir…"), None, self.reabrir, panel)
        self.boton_cancelar = self._boton(tr("Cance&lar…"), None, self.cancelar, panel)
        self.botones = [self.boton_atender, self.boton_resolver, self.boton_cerrar, self.boton_escalar,
                        self.boton_devolucion, self.boton_entregar, self.boton_reabrir, self.boton_cancelar]
        for i, boton in enumerate(self.botones):
            acciones.addWidget(boton, i // 4, i % 4)
        capa.addLayout(acciones)

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.campos: dict[str, QLabel] = {}
        for clave, nombre in (("recibido", "Recibido"), ("canal", "Canal"), ("dependencia", "Dependencia"),
                              ("solicitante", "Solicitante"), ("bien", "Bien"), ("categoria", "Categoría"),
                              ("modalidad", "Modalidad"), ("descripcion", "Descripción"),
                              ("tiempos", "Tiempos"), ("metas", "Metas de SLA"), ("solucion", "Solución"),
                              ("escalamiento", "Proveedor"), ("expediente", "Trámite")):
            self.campos[clave] = etiqueta_plana("", panel)
            self.campos[clave].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            formulario.addRow(tr(nombre) + ":", self.campos[clave])
        self.prioridad = QComboBox(panel)
        for clave, nombre in sla.PRIORIDADES.items():
            self.prioridad.addItem(tr(nombre), clave)
        self.asignado = QComboBox(panel)
        self.asignado.addItem(tr("Sin asignar"), None)
        for usuario in tickets.usuarios_asignables():
            self.asignado.addItem(usuario.nombre, usuario.id)
        formulario.insertRow(0, tr("Prioridad:"), self.prioridad)
        formulario.insertRow(1, tr("Asignado a:"), self.asignado)
        self.prioridad.activated.connect(lambda _i: self._cambiar_prioridad())
        self.asignado.activated.connect(lambda _i: self._cambiar_asignado())
        contenido = QWidget(panel)
        contenido.setLayout(formulario)
        desplazable = QScrollArea(panel)
        desplazable.setWidgetResizable(True)
        desplazable.setFrameShape(QFrame.Shape.NoFrame)
        desplazable.setWidget(contenido)
        capa.addWidget(desplazable, 3)

        # Historial a un clic: cambios del ticket y tickets del bien, la dependencia y el solicitante.
        self.historiales = QTabWidget(panel)
        self.tabla_cambios = self._tabla_historial(["Fecha", "Usuario", "Estado", "Cambio"])
        self.tabla_bien = self._tabla_historial(["Fecha", "Folio", "Estado", "Descripción"])
        self.tabla_dependencia = self._tabla_historial(["Fecha", "Folio", "Estado", "Descripción"])
        self.tabla_servidor = self._tabla_historial(["Fecha", "Folio", "Estado", "Descripción"])
        for tabla, nombre in ((self.tabla_cambios, "Cambios"), (self.tabla_bien, "Bien"),
                              (self.tabla_dependencia, "Dependencia"),
                              (self.tabla_servidor, "Solicitante")):
            self.historiales.addTab(tabla, tr(nombre))
        capa.addWidget(self.historiales, 2)
        self._habilitar()
        return panel

    def _tabla_historial(self, encabezados: list[str]) -> QTableWidget:
        tabla = QTableWidget(0, len(encabezados), self)
        tabla.setHorizontalHeaderLabels([tr(e) for e in encabezados])
        tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tabla.verticalHeader().setVisible(False)
        tabla.horizontalHeader().setStretchLastSection(True)
        tabla.setColumnWidth(0, 128)
        tabla.setColumnWidth(1, 110)
        tabla.setColumnWidth(2, 110)
        tabla.cellDoubleClicked.connect(lambda fila, _c, t=tabla: self._abrir_de_historial(t, fila))
        return tabla

    # --- Lista ----------------------------------------------------------------------------------

    def filtros(self) -> dict[str, Any]:
        estado = self.filtro_estado.currentData()
        return {"estado": estado if estado not in (None, "abiertos", "sin_cerrar") else None,
                "solo_abiertos": estado == "abiertos", "sin_cerrar": estado == "sin_cerrar", "prioridad": self.filtro_prioridad.currentData(),
                "dependencia_id": self.filtro_dependencia.currentData(),
                "asignado_id": self.filtro_asignado.currentData(), "texto": self.busqueda.text(),
                "solo_alerta": self.solo_alerta.isChecked()}

    def refrescar(self, en_segundo_plano: bool = False) -> None:
        """Vuelve a leer el primer bloque y el detalle del ticket elegido (una sola vez).

        ``en_segundo_plano`` (al abrir la pestaña): el detalle, que son varias consultas, se lee
        en el hilo de trabajo y se pinta al llegar; la lista ya se ve.
        """
        actual = self.detalle["id"] if self.detalle else None
        self.modelo.recargar(self.filtros())
        self._actualizar_contador()
        fila = self.modelo.fila_de(actual)
        if fila < 0 and self.modelo.rowCount():
            fila = 0
        self._elegir_fila(fila)
        ticket_id = self.modelo.id_de(fila) if fila >= 0 else None
        if en_segundo_plano and ticket_id is not None:
            self.lector.leer(self._leer_detalle, ticket_id)
        else:
            self.mostrar(ticket_id)

    def _actualizar_contador(self) -> None:
        n = self.modelo.rowCount()
        self.contador.setText(tr("{n} tickets").replace("{n}", f"{n:,}") + ("+" if self.modelo.canFetchMore() else ""))

    def _ordenar(self, columna: int, orden: Qt.SortOrder) -> None:
        """Clic en el encabezado: la lista se vuelve a pedir en ese orden (las columnas calculadas no se ordenan)."""
        if columna >= 0 and self.modelo.ordenes[columna] is None:
            encabezado = self.vista.horizontalHeader()
            encabezado.blockSignals(True)
            encabezado.setSortIndicator(*self._indicador)
            encabezado.blockSignals(False)
            return
        self._indicador = (columna, orden)
        actual = self.detalle["id"] if self.detalle else None
        comunes.ejecutar(self, self.modelo.sort, columna, orden)
        self._actualizar_contador()
        fila = self.modelo.fila_de(actual)
        if fila < 0 and self.modelo.rowCount():
            fila = 0
        if fila >= 0:
            self._elegir_fila(fila)
            if self.modelo.id_de(fila) != actual:
                self.mostrar(self.modelo.id_de(fila))

    def _enfocar_busqueda(self) -> None:
        self.busqueda.setFocus()
        self.busqueda.selectAll()

    def seleccionar(self, ticket_id: int) -> None:
        self._elegir_fila(self.modelo.fila_de(ticket_id))
        self.mostrar(ticket_id)

    def _elegir_fila(self, fila: int) -> None:
        """Selecciona ``fila`` sin leer su detalle (quien llama lo lee una sola vez)."""
        if fila < 0:
            return
        self._sin_detalle = True
        try:
            self.vista.selectRow(fila)
        finally:
            self._sin_detalle = False

    # --- Detalle --------------------------------------------------------------------------------

    def mostrar(self, ticket_id: int | None) -> None:
        """Lee y pinta el detalle de ``ticket_id`` (en este hilo: lo pidió el usuario)."""
        self.lector.descartar()          # un detalle que venía en segundo plano ya no manda
        self._pintar(self._leer_detalle(ticket_id) if ticket_id is not None else None)

    def _leer_detalle(self, ticket_id: int) -> dict:
        """Todo lo que pinta el panel: el detalle y los tres historiales (corre en cualquier hilo)."""
        d = tickets.detalle(ticket_id)
        d["historial_bien"] = tickets.historial_de_bien(d["bien_id"], HISTORIAL) if d["bien_id"] else []
        d["historial_dependencia"] = tickets.de_dependencia(d["dependencia_id"], HISTORIAL)
        d["historial_servidor"] = tickets.de_servidor(d["solicitante_id"], HISTORIAL) if d["solicitante_id"] else []
        return d

    def _detalle_leido(self, _generacion: int, datos: object, error: str) -> None:
        if error:
            comunes.avisar(self, tr("No se pudo leer el ticket"), error)
            return
        if self.modelo.id_de(self.vista.currentIndex().row()) == datos["id"]:
            self._pintar(datos)

    def _pintar(self, d: dict | None) -> None:
        if d is None:
            self.detalle = None
            self.titulo.setText(tr("Seleccione un ticket"))
            self.estado_sla.clear()
            for campo in self.campos.values():
                campo.clear()
            for tabla in (self.tabla_cambios, self.tabla_bien, self.tabla_dependencia, self.tabla_servidor):
                tabla.setRowCount(0)
            self._habilitar()
            return
        self.detalles_leidos += 1
        self.detalle = d
        self.titulo.setText(f"{d['folio']} · {d['estado_texto']}")
        estado = tr(_texto_sla(d["estado"], d["sla"]))
        if d["estado"] == tickets.CANCELADO:
            estado = tr("no aplica (cancelado)")
        self.estado_sla.setText(tr("SLA: ") + estado)
        color = {sla.POR_VENCER: "#7a4f00", sla.VENCIDO: "#8c1d18"}.get(d["sla"], "#1e6b30")
        self.estado_sla.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.prioridad.setCurrentIndex(self.prioridad.findData(d["prioridad"]))
        self.asignado.setCurrentIndex(max(0, self.asignado.findText(d["asignado"])) if d["asignado"] else 0)
        canal = d["canal"] + (f" (ext. {d['extension']})" if d["extension"] else "")
        tiempos = [f"{tr('Primera respuesta')}: {texto(d['primera_respuesta_en']) or '—'}",
                   f"{tr('Resuelto')}: {texto(d['resuelto_en']) or '—'}",
                   f"{tr('Cerrado')}: {texto(d['cerrado_en']) or '—'}"]
        valores = {"recibido": texto(d["recibido_en"]), "canal": canal, "dependencia": d["dependencia"],
                   "solicitante": d["solicitante"], "bien": d["bien"] or tr("(sin bien)"),
                   "categoria": d["categoria"], "modalidad": d["modalidad"], "descripcion": d["descripcion"],
                   "tiempos": "\n".join(tiempos),
                   "metas": f"{tr('Respuesta')}: {texto(d['meta_respuesta_en'])}\n"
                            f"{tr('Solución')}: {texto(d['meta_resolucion_en'])}",
                   "solucion": d["solucion"] or "—", "escalamiento": self._texto_escalamientos(d),
                   "expediente": texto_expediente(d["expediente"])}
        for clave, valor in valores.items():
            self.campos[clave].setText(valor)
        vencida = any(e["estado"] == escalamiento.CON_PROVEEDOR and e["entrega_comprometida"] < _hoy()
                      for e in d["escalamientos"])
        self.campos["escalamiento"].setStyleSheet("color: #8c1d18; font-weight: bold;" if vencida else "")
        self._llenar(self.tabla_cambios, [(texto(c["momento"]), c["usuario"],
                                           tickets.ESTADOS.get(c["instantanea"].get("estado"), ""), c["accion"], None)
                                          for c in reversed(d["cambios"])])
        # Los más recientes (el historial completo de una dependencia puede tener miles).
        self._llenar_historial(self.tabla_bien, d["historial_bien"])
        self._llenar_historial(self.tabla_dependencia, d["historial_dependencia"])
        self._llenar_historial(self.tabla_servidor, d["historial_servidor"])
        for i, (nombre, tabla) in enumerate(((tr("Bien"), self.tabla_bien),
                                             (tr("Dependencia"), self.tabla_dependencia),
                                             (tr("Solicitante"), self.tabla_servidor)), start=1):
            n = tabla.rowCount()
            self.historiales.setTabText(i, f"{nombre} ({n}{'+' if n >= HISTORIAL else ''})")
        self._habilitar()

    @staticmethod
    def _texto_escalamientos(d: dict) -> str:
        lineas = []
        for e in d["escalamientos"]:
            linea = (f"{e['proveedor']} ({e['marca']}): {escalamiento.ESTADOS[e['estado']]}; "
                     f"enviado {texto(e['enviado_en'])}, entrega comprometida {texto(e['entrega_comprometida'])}")
            if e["estado"] == escalamiento.CON_PROVEEDOR and e["entrega_comprometida"] < _hoy():
                linea += " — " + tr("ENTREGA VENCIDA")
            if e["devuelto_en"]:
                linea += f"; devuelto {texto(e['devuelto_en'])}"
            if e["recibido_por"]:
                linea += f"; recibió {e['recibido_por']} el {texto(e['entregado_en'])}"
            if e["expediente"]:
                linea += f"; {tr('trámite')} {texto_expediente(e['expediente'])}"
            lineas.append(linea)
        return "\n".join(lineas) or "—"

    def _llenar(self, tabla: QTableWidget, filas: list[tuple]) -> None:
        tabla.setRowCount(len(filas))
        for i, fila in enumerate(filas):
            *valores, ticket_id = fila
            for j, valor in enumerate(valores):
                celda = QTableWidgetItem(str(valor))
                celda.setData(Qt.ItemDataRole.UserRole, ticket_id)
                celda.setToolTip(comunes.ayuda_plana(str(valor)))
                tabla.setItem(i, j, celda)

    def _llenar_historial(self, tabla: QTableWidget, filas: list[dict]) -> None:
        self._llenar(tabla, [(texto(h["fecha"]), h["referencia"], h["estado"], h["descripcion"], h["ticket_id"])
                             for h in filas])

    def _abrir_de_historial(self, tabla: QTableWidget, fila: int) -> None:
        celda = tabla.item(fila, 0)
        ticket_id = celda.data(Qt.ItemDataRole.UserRole) if celda else None
        if ticket_id:
            self.seleccionar(ticket_id)

    def _habilitar(self) -> None:
        d = self.detalle
        estado = d["estado"] if d else None
        esc = [e for e in d["escalamientos"]] if d else []
        ultimo = esc[-1]["estado"] if esc else None
        permitido = {
            self.boton_atender: estado in (tickets.NUEVO,),
            self.boton_resolver: estado == tickets.EN_ATENCION or (estado == tickets.ESCALADO
                                                                   and ultimo == escalamiento.DEVUELTO),
            self.boton_cerrar: estado == tickets.RESUELTO,
            self.boton_escalar: estado == tickets.EN_ATENCION,
            self.boton_devolucion: estado == tickets.ESCALADO and ultimo == escalamiento.CON_PROVEEDOR,
            self.boton_entregar: estado == tickets.ESCALADO and ultimo == escalamiento.DEVUELTO,
            self.boton_reabrir: estado == tickets.RESUELTO,
            self.boton_cancelar: estado in (tickets.NUEVO, tickets.EN_ATENCION),
        }
        for boton, si in permitido.items():
            boton.setEnabled(bool(si) and self.puede_atender)
        abierto = estado is not None and estado not in tickets.TERMINADOS and self.puede_atender
        self.prioridad.setEnabled(abierto)
        self.asignado.setEnabled(abierto)

    # --- Acciones ---------------------------------------------------------------------------------

    def _ticket(self):
        return tickets.obtener(self.detalle["id"]) if self.detalle else None

    def _hacer(self, funcion: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Corre el servicio mostrando su error (un conflicto de versión incluido) y vuelve a leer."""
        resultado = comunes.ejecutar(self, funcion, *args, **kwargs)
        self.refrescar()
        return resultado

    def _con_version(self, funcion: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Acción sobre el ticket mostrado, con la versión que se leyó al mostrarlo."""
        ticket = self._ticket()
        if ticket is None:
            return None
        return self._hacer(funcion, self.sesion, ticket, *args, version=self.detalle["version"], **kwargs)

    def configurar(self) -> None:
        from app.vistas.mesa_ayuda.configuracion import abrir_configuracion

        abrir_configuracion(self, self.sesion)
        self.refrescar()

    def nuevo_ticket(self, oficio_id: int | None = None) -> None:
        ticket = abrir_captura(self, self.sesion, oficio_id=oficio_id)
        if ticket is not None:
            self.filtro_estado.setCurrentIndex(0)
            self.refrescar()
            self.seleccionar(ticket.id)

    # --- Expediente único (la ventana principal abre aquí los casos de los procedimientos 6 y 2) ---

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Selecciona el ticket cuyo trámite es ``tramite_id`` (o el de su escalamiento).

        Si no está en la lista cargada, quita los filtros y lo busca por su folio.
        """
        ticket = tickets.por_expediente(tramite_id)
        if ticket is None:
            return
        if self.modelo.fila_de(ticket.id) < 0:
            self._quitar_filtros(ticket.folio)
        fila = self.modelo.fila_de(ticket.id)
        if fila >= 0:
            self._elegir_fila(fila)
            self.vista.scrollTo(self.modelo.index(fila, 0))
        self.mostrar(ticket.id)

    def _quitar_filtros(self, busqueda: str = "") -> None:
        controles = (self.filtro_estado, self.filtro_prioridad, self.filtro_dependencia, self.filtro_asignado,
                     self.solo_alerta, self.busqueda)
        for control in controles:
            control.blockSignals(True)
        try:
            self.filtro_estado.setCurrentIndex(self.filtro_estado.findData(None))
            for combo in (self.filtro_prioridad, self.filtro_dependencia, self.filtro_asignado):
                combo.setCurrentIndex(0)
            self.solo_alerta.setChecked(False)
            self.busqueda.setText(busqueda)
        finally:
            for control in controles:
                control.blockSignals(False)
        self._pausa.stop()
        self.refrescar()

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
        """Un caso nuevo del procedimiento 6 o 2 empieza con un ticket: abre su captura.

        Con ``oficio_id`` la captura trae el oficio recibido elegido y, de él, la dependencia.
        """
        del procedimiento   # el 2 (escalamiento) también nace de un ticket
        if not self.boton_nuevo.isEnabled():
            comunes.avisar(self, tr("Nuevo ticket"), tr("Su cuenta no puede registrar tickets."))
            return
        self.nuevo_ticket(oficio_id)

    def atender(self) -> None:
        self._con_version(tickets.atender)

    def resolver(self) -> None:
        solucion = pedir_texto(self, tr("Resolver ticket"), tr("Solución entregada al usuario:"))
        if solucion is not None:
            self._con_version(tickets.resolver, solucion)

    def cerrar(self) -> None:
        self._con_version(tickets.cerrar)

    def cancelar(self) -> None:
        motivo = pedir_texto(self, tr("Cancelar ticket"), tr("¿Por qué se cancela (duplicado, lo retiró el usuario…)?"))
        if motivo is not None:
            self._con_version(tickets.cancelar, motivo)

    def reabrir(self) -> None:
        motivo = pedir_texto(self, tr("Reabrir ticket"), tr("¿Por qué no quedó resuelto?"))
        if motivo is not None:
            self._con_version(tickets.reabrir, motivo)

    def _cambiar_prioridad(self) -> None:
        if self.detalle and self.prioridad.currentData() != self.detalle["prioridad"]:
            self._con_version(tickets.cambiar_prioridad, self.prioridad.currentData())

    def _cambiar_asignado(self) -> None:
        if self.detalle:
            self._con_version(tickets.asignar, self.asignado.currentData())

    def escalar(self) -> None:
        if not self.detalle:
            return
        valores = pedir_escalamiento(self, self.detalle["marca"])
        if valores is None:
            return
        proveedor = catalogos.proveedor(valores["proveedor_id"])
        self._con_version(escalamiento.escalar, proveedor, motivo=valores["motivo"],
                          dias_comprometidos=valores["dias"], marca=valores["marca"])

    def _escalamiento_actual(self) -> Escalamiento | None:
        ticket = self._ticket()
        return escalamiento.del_ticket(ticket) if ticket else None

    def devolucion(self) -> None:
        esc = self._escalamiento_actual()
        if esc is None:
            return
        diagnostico = pedir_texto(self, tr("Devolución del proveedor"),
                                  tr("Diagnóstico o trabajo realizado por el proveedor:"))
        if diagnostico is None:
            return
        reparado = comunes.confirmar(self, tr("Devolución del proveedor"), tr("¿El equipo regresó reparado?"))
        self._hacer(escalamiento.registrar_devolucion, self.sesion, esc, diagnostico,
                    reparado=reparado, version=esc.version)

    def entregar(self) -> None:
        esc = self._escalamiento_actual()
        if esc is None:
            return
        nombre = pedir_texto(self, tr("Entrega del equipo en óptimas condiciones"),
                             tr("¿Quién recibe el equipo?"), self.detalle["solicitante"])
        if nombre is None:
            return
        servidor = next((s for s in catalogos.servidores() if s.nombre == nombre.strip()), None)
        self._hacer(escalamiento.entregar_equipo, self.sesion, esc, recibido_por=servidor,
                    recibido_por_nombre=nombre, version=esc.version)


def _hoy():
    from app.tiempo import hoy_mexico

    return hoy_mexico()
