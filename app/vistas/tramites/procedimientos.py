"""Pantalla de procedimientos: los 21 del manual, su ficha, su tabla de pasos y su diagrama de flujo.

Las definiciones vienen de ``app.servicios.tramites.procedimientos`` (archivos JSON); aquí solo se
muestran. El diagrama se dibuja de arriba abajo en el orden del manual: los saltos hacia
adelante van por la derecha y los regresos (ciclos de corrección) por la izquierda.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (QAbstractItemView, QGraphicsPathItem, QGraphicsScene,
                               QGraphicsSimpleTextItem, QGraphicsTextItem, QGraphicsView, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QTextBrowser,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from app.servicios.tramites import procedimientos
from app.servicios.nucleo.validacion import normalizar
from app.vistas.comun import comunes
from app.vistas.comun.comunes import ayuda_plana, etiqueta_plana, tr
from app.vistas.comun.tabla import Columna, TablaFiltrable
from app.vistas.tramites.tramites import ajustar_columnas, clave_y_nombre, puede_abrir

if TYPE_CHECKING:
    from app.modelos import Usuario
    from app.servicios.tramites.procedimientos import Paso, Procedimiento

FIN = "Fin"
INICIO = "Inicio"


def texto_siguiente(paso: Paso) -> str:
    """«¿…? Sí → 3 · No → 2.1» en una decisión; «→ 3» o «Fin» en un paso normal."""
    if paso.es_decision:
        opciones = " · ".join(f"{o.etiqueta} → {o.destino}" for o in paso.opciones)
        return f"{paso.pregunta} {opciones}"
    return f"→ {paso.siguiente}" if paso.siguiente else tr(FIN)


# --- Diagrama de flujo ---------------------------------------------------------------------

@dataclass(frozen=True)
class Flecha:
    """Una transición dibujada: de qué paso, a cuál (o «Fin») y con qué respuesta."""

    origen: str
    destino: str
    etiqueta: str


class DiagramaFlujo(QGraphicsView):
    """Diagrama de un procedimiento: un recuadro por paso, decisiones con puntas, flechas con su respuesta."""

    ANCHO = 236           # ancho de cada recuadro
    SEPARACION = 34       # espacio vertical entre pasos (cabe la etiqueta de la flecha)
    CARRIL = 16           # distancia entre flechas laterales paralelas
    PUNTA = 18            # lo que sobresale la punta de un paso de decisión

    COLOR_PASO = (QColor("#eaf1fb"), QColor("#3b6aa0"))
    COLOR_DECISION = (QColor("#fff3d6"), QColor("#b7791f"))
    COLOR_TERMINAL = (QColor("#e9ecef"), QColor("#6c757d"))
    COLOR_FLECHA = QColor("#444444")
    COLOR_ETIQUETA = QColor("#8a3b00")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.escena = QGraphicsScene(self)
        self.setScene(self.escena)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(QColor("white"))   # lienzo de dibujo: blanco aun con tema oscuro
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.nodos: dict[str, QGraphicsPathItem] = {}
        self.flechas: list[Flecha] = []
        self._geometria: dict[str, QRectF] = {}
        self._decisiones: set[str] = set()
        self._resaltado: str | None = None

    # --- Dibujo -----------------------------------------------------------------------------

    def mostrar(self, procedimiento: Procedimiento | None) -> None:
        """Dibuja el flujo de ``procedimiento`` (None: deja el lienzo vacío)."""
        self.escena.clear()
        self.nodos, self.flechas, self._geometria, self._decisiones = {}, [], {}, set()
        self._resaltado = None
        if procedimiento is None:
            return
        pasos = procedimiento.pasos
        y = 0.0
        y = self._terminal(INICIO, y) + self.SEPARACION
        for paso in pasos:
            y = self._nodo(paso, y) + self.SEPARACION
        self._terminal(FIN, y)

        orden = {paso.numero: i for i, paso in enumerate(pasos)}
        orden[FIN] = len(pasos)
        self._recta(INICIO, pasos[0].numero, "")
        laterales: list[tuple[int, int, str, str, str]] = []
        for i, paso in enumerate(pasos):
            salidas = ([(o.etiqueta, o.destino) for o in paso.opciones] if paso.es_decision
                       else [("", paso.siguiente)])
            for etiqueta, destino in salidas:
                destino = destino or FIN
                if destino not in orden:      # definición incompleta: no se inventa la flecha
                    continue
                j = orden[destino]
                if j == i + 1:
                    self._recta(paso.numero, destino, etiqueta)
                else:
                    laterales.append((i, j, paso.numero, destino, etiqueta))
        self._laterales(laterales)
        self.escena.setSceneRect(self.escena.itemsBoundingRect().adjusted(-24, -16, 24, 24))

    def _terminal(self, nombre: str, y: float) -> float:
        rect = QRectF(-50, y, 100, 30)
        camino = QPainterPath()
        camino.addRoundedRect(rect, 15, 15)
        item = self._figura(camino, self.COLOR_TERMINAL, tr(nombre))
        texto = QGraphicsSimpleTextItem(tr(nombre), item)
        fuente = QFont(self.font())
        fuente.setBold(True)
        texto.setFont(fuente)
        texto.setBrush(QColor("black"))
        caja = texto.boundingRect()
        texto.setPos(rect.center().x() - caja.width() / 2, rect.center().y() - caja.height() / 2)
        self.nodos[nombre] = item
        self._geometria[nombre] = rect
        return rect.bottom()

    def _nodo(self, paso: Paso, y: float) -> float:
        decision = paso.es_decision
        margen = 10 + (self.PUNTA if decision else 0)
        ancho_texto = self.ANCHO - 2 * margen
        texto = QGraphicsTextItem()
        texto.setPlainText(f"{paso.numero}. {paso.pregunta if decision else paso.actividad}")
        texto.setDefaultTextColor(QColor("black"))
        texto.setTextWidth(ancho_texto)
        if decision:
            fuente = QFont(self.font())
            fuente.setBold(True)
            texto.setFont(fuente)
        responsable = QGraphicsTextItem()
        responsable.setPlainText(paso.responsable)
        responsable.setDefaultTextColor(QColor("#555555"))
        fuente_chica = QFont(self.font())
        fuente_chica.setPointSizeF(max(6.0, fuente_chica.pointSizeF() * 0.85))
        responsable.setFont(fuente_chica)
        responsable.setTextWidth(ancho_texto)
        alto = texto.boundingRect().height() + responsable.boundingRect().height() + 8
        rect = QRectF(-self.ANCHO / 2, y, self.ANCHO, max(44.0, alto))
        camino = QPainterPath()
        if decision:
            medio = rect.center().y()
            camino.addPolygon(QPolygonF([
                QPointF(rect.left() + self.PUNTA, rect.top()), QPointF(rect.right() - self.PUNTA, rect.top()),
                QPointF(rect.right(), medio), QPointF(rect.right() - self.PUNTA, rect.bottom()),
                QPointF(rect.left() + self.PUNTA, rect.bottom()), QPointF(rect.left(), medio)]))
            camino.closeSubpath()
            self._decisiones.add(paso.numero)
        else:
            camino.addRoundedRect(rect, 6, 6)
        colores = self.COLOR_DECISION if decision else self.COLOR_PASO
        detalle = f"{paso.numero}. {paso.actividad}\n{tr('Responsable')}: {paso.responsable}"
        if paso.documento_manual:
            detalle += f"\n{tr('Documento')}: {paso.documento_manual}"
        item = self._figura(camino, colores, detalle)
        texto.setParentItem(item)
        responsable.setParentItem(item)
        arriba = rect.top() + (rect.height() - alto) / 2 + 4
        texto.setPos(rect.left() + margen, arriba)
        responsable.setPos(rect.left() + margen, arriba + texto.boundingRect().height())
        self.nodos[paso.numero] = item
        self._geometria[paso.numero] = rect
        return rect.bottom()

    def _figura(self, camino: QPainterPath, colores: tuple[QColor, QColor], ayuda: str) -> QGraphicsPathItem:
        item = QGraphicsPathItem(camino)
        item.setBrush(QBrush(colores[0]))
        item.setPen(QPen(colores[1], 1.5))
        item.setToolTip(ayuda_plana(ayuda))
        item.setData(0, colores[1])
        self.escena.addItem(item)
        return item

    def _recta(self, origen: str, destino: str, etiqueta: str) -> None:
        """Flecha vertical entre dos pasos consecutivos."""
        de, a = self._geometria[origen], self._geometria[destino]
        x = de.center().x()
        camino = QPainterPath(QPointF(x, de.bottom()))
        camino.lineTo(QPointF(x, a.top() - 1))
        self._trazo(camino, QPointF(x, a.top() - 1), QPointF(0, 1))
        if etiqueta:
            self._etiqueta(etiqueta, QPointF(x + 6, de.bottom() + 2), False, False)
        self.flechas.append(Flecha(origen, destino, etiqueta))

    def _laterales(self, laterales: list[tuple[int, int, str, str, str]]) -> None:
        """Saltos y regresos: cada uno por su carril, sin encimarse con los que cruzan los mismos pasos."""
        carriles: dict[str, list[list[tuple[int, int]]]] = {"der": [], "izq": []}
        puertos: dict[tuple[str, str], int] = {}
        for i, j, origen, destino, etiqueta in sorted(laterales, key=lambda t: abs(t[1] - t[0])):
            lado = "der" if j > i else "izq"
            tramo = (min(i, j), max(i, j))
            ocupados = carriles[lado]
            carril = next((n for n, usados in enumerate(ocupados)
                           if all(tramo[1] < a or tramo[0] > b for a, b in usados)), len(ocupados))
            if carril == len(ocupados):
                ocupados.append([])
            ocupados[carril].append(tramo)
            signo = 1 if lado == "der" else -1
            x_carril = signo * (self.ANCHO / 2 + 22 + carril * self.CARRIL)
            y_sale = self._puerto(origen, lado, puertos, salida=True)
            y_llega = self._puerto(destino, lado, puertos, salida=False)
            x_sale = self._borde(origen, lado, y_sale)
            x_llega = self._borde(destino, lado, y_llega)
            camino = QPainterPath(QPointF(x_sale, y_sale))
            camino.lineTo(QPointF(x_carril, y_sale))
            camino.lineTo(QPointF(x_carril, y_llega))
            fin = QPointF(x_llega + signo * 1, y_llega)
            camino.lineTo(fin)
            self._trazo(camino, fin, QPointF(-signo, 0))
            if etiqueta:
                self._etiqueta(etiqueta, QPointF(x_sale + signo * 4, y_sale - 1), lado == "izq", True)
            self.flechas.append(Flecha(origen, destino, etiqueta))

    def _puerto(self, nodo: str, lado: str, puertos: dict[tuple[str, str], int], salida: bool) -> float:
        """Altura donde sale o llega una flecha lateral; varias en el mismo lado se reparten."""
        rect = self._geometria[nodo]
        clave = (nodo, lado + ("s" if salida else "l"))
        n = puertos.get(clave, 0)
        puertos[clave] = n + 1
        base = 7 if salida else -7          # las que salen, abajo del centro; las que llegan, arriba
        desplazamiento = base + (n * 9 if salida else -n * 9)
        limite = rect.height() / 2 - 4
        return rect.center().y() + max(-limite, min(limite, desplazamiento))

    def _borde(self, nodo: str, lado: str, y: float) -> float:
        """X del contorno del nodo a la altura ``y`` (las puntas de una decisión son inclinadas)."""
        rect = self._geometria[nodo]
        x = rect.right() if lado == "der" else rect.left()
        if nodo in self._decisiones:
            mitad = rect.height() / 2
            entrada = self.PUNTA * abs(y - rect.center().y()) / mitad if mitad else 0
            x += -entrada if lado == "der" else entrada
        return x

    def _trazo(self, camino: QPainterPath, punta: QPointF, direccion: QPointF) -> None:
        linea = QGraphicsPathItem(camino)
        linea.setPen(QPen(self.COLOR_FLECHA, 1.4))
        linea.setZValue(-1)
        self.escena.addItem(linea)
        # Punta de flecha: triángulo que apunta en ``direccion``.
        largo, media = 9.0, 4.5
        atras = QPointF(punta.x() - direccion.x() * largo, punta.y() - direccion.y() * largo)
        normal = QPointF(-direccion.y() * media, direccion.x() * media)
        triangulo = QPolygonF([punta, atras + normal, atras - normal])
        cabeza = self.escena.addPolygon(triangulo, QPen(self.COLOR_FLECHA, 1), QBrush(self.COLOR_FLECHA))
        cabeza.setParentItem(linea)

    def _etiqueta(self, texto: str, posicion: QPointF, a_la_izquierda: bool, encima: bool) -> None:
        """Respuesta de una decisión junto al arranque de su flecha."""
        item = QGraphicsSimpleTextItem(texto)
        fuente = QFont(self.font())
        fuente.setBold(True)
        item.setFont(fuente)
        item.setBrush(self.COLOR_ETIQUETA)
        caja = item.boundingRect()
        x = posicion.x() - caja.width() if a_la_izquierda else posicion.x()
        y = posicion.y() - caja.height() if encima else posicion.y()
        item.setPos(x, y)
        item.setZValue(1)
        self.escena.addItem(item)

    # --- Interacción ------------------------------------------------------------------------

    def resaltar(self, numero: str | None) -> None:
        """Marca con borde grueso el paso ``numero`` y lo trae a la vista."""
        if self._resaltado in self.nodos:
            anterior = self.nodos[self._resaltado]
            anterior.setPen(QPen(anterior.data(0), 1.5))
        self._resaltado = numero
        item = self.nodos.get(numero or "")
        if item is not None:
            item.setPen(QPen(QColor("#e67e22"), 3.5))
            self.ensureVisible(item, 20, 40)


# --- La vista ------------------------------------------------------------------------------

class VistaProcedimientos(QWidget):
    """Los 21 procedimientos por área; a la derecha, la ficha, los pasos y el diagrama del elegido."""

    TITULO = "Procedimientos"
    tramite_abierto = Signal(int)      # id del trámite que se abrió desde aquí

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.actual: Procedimiento | None = None

        # Izquierda: búsqueda y árbol por área.
        self.busqueda = QLineEdit(self)
        self.busqueda.setPlaceholderText(tr("Buscar procedimiento…"))
        self.busqueda.setClearButtonEnabled(True)
        self.arbol = QTreeWidget(self)
        self.arbol.setHeaderHidden(True)
        self.arbol.setRootIsDecorated(True)
        self.arbol.setWordWrap(True)
        self.arbol.setUniformRowHeights(False)
        self.arbol.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.arbol.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._items: dict[int, QTreeWidgetItem] = {}
        self._areas: dict[str, QTreeWidgetItem] = {}
        negrita = QFont(self.font())
        negrita.setBold(True)
        for definicion in procedimientos.todos():
            area = self._areas.get(definicion.area)
            if area is None:
                area = QTreeWidgetItem(self.arbol, [definicion.area])
                area.setFont(0, negrita)
                area.setFlags(Qt.ItemFlag.ItemIsEnabled)
                area.setToolTip(0, ayuda_plana(definicion.area))
                self._areas[definicion.area] = area
            item = QTreeWidgetItem(area, [clave_y_nombre(definicion)])
            item.setData(0, Qt.ItemDataRole.UserRole, definicion.numero)
            item.setToolTip(0, ayuda_plana(definicion.titulo))
            self._items[definicion.numero] = item
        self.arbol.expandAll()
        izquierda = QWidget(self)
        capa_izq = QVBoxLayout(izquierda)
        capa_izq.setContentsMargins(0, 0, 0, 0)
        capa_izq.addWidget(self.busqueda)
        capa_izq.addWidget(self.arbol, 1)
        self.contador = QLabel(self)
        capa_izq.addWidget(self.contador)

        # Centro: encabezado, ficha y tabla de pasos.
        self.titulo = etiqueta_plana("", self)
        self.titulo.setObjectName("titulo")
        fuente = QFont(self.font())
        fuente.setPointSizeF(fuente.pointSizeF() * 1.25)
        fuente.setBold(True)
        self.titulo.setFont(fuente)
        self.subtitulo = etiqueta_plana("", self)
        self.subtitulo.setObjectName("subtitulo")
        self.boton_abrir = QPushButton(tr("Abrir trámite de este procedimiento…"), self)
        self.ficha = QTextBrowser(self)
        self.ficha.setOpenLinks(False)
        self.ficha.setOpenExternalLinks(False)
        self.pasos = TablaFiltrable([
            Columna(tr("No."), lambda r: r["numero"], 38),
            Columna(tr("Responsable"), lambda r: r["responsable"], 125),
            Columna(tr("Actividad"), lambda r: r["actividad"], 200),
            Columna(tr("Documento"), lambda r: r["documento"], 85),
            Columna(tr("Siguiente / Decisión"), lambda r: r["siguiente"], 165),
        ], parent=self)
        ajustar_columnas(self.pasos, {0: "10.1", 3: "Oficio"})
        self.pasos.busqueda.hide()
        self.pasos.contador.hide()
        # Tabla corta (≤ 14 pasos): aquí sí conviene ver el texto completo en varias líneas.
        self.pasos.vista.setWordWrap(True)
        self.pasos.vista.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.pasos.vista.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.pasos.vista.horizontalHeader().setStretchLastSection(False)
        self.pasos.vista.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        centro = QWidget(self)
        capa_centro = QVBoxLayout(centro)
        capa_centro.setContentsMargins(0, 0, 0, 0)
        capa_centro.addWidget(self.titulo)
        encabezado = QHBoxLayout()
        encabezado.addWidget(self.subtitulo, 1)
        encabezado.addWidget(self.boton_abrir, 0, Qt.AlignmentFlag.AlignTop)
        capa_centro.addLayout(encabezado)
        division = QSplitter(Qt.Orientation.Vertical, centro)
        division.addWidget(self.ficha)
        division.addWidget(self.pasos)
        division.setChildrenCollapsible(False)
        division.setSizes([240, 420])
        capa_centro.addWidget(division, 1)

        # Derecha: diagrama.
        self.diagrama = DiagramaFlujo(self)
        self.diagrama.setMinimumWidth(300)

        division_principal = QSplitter(Qt.Orientation.Horizontal, self)
        division_principal.addWidget(izquierda)
        division_principal.addWidget(centro)
        division_principal.addWidget(self.diagrama)
        division_principal.setChildrenCollapsible(False)
        division_principal.setStretchFactor(1, 1)
        division_principal.setSizes([290, 620, 370])
        capa = QHBoxLayout(self)
        capa.addWidget(division_principal)

        self.busqueda.textChanged.connect(self._filtrar)
        self.busqueda.returnPressed.connect(self._enfocar_primero)
        self.arbol.currentItemChanged.connect(lambda actual, _ant: self._al_elegir(actual))
        self.pasos.seleccion_cambiada.connect(lambda numero: self.diagrama.resaltar(numero))
        self.boton_abrir.clicked.connect(self.abrir_tramite)
        self._filtrar("")
        self.seleccionar(procedimientos.todos()[0].numero)

    # --- Lista ----------------------------------------------------------------------------

    def refrescar(self) -> None:
        """Las definiciones no cambian en ejecución: solo se revisan los permisos del botón."""
        self._actualizar_boton()

    def _filtrar(self, texto: str) -> None:
        buscado = normalizar(texto)
        visibles = 0
        for definicion in procedimientos.todos():
            item = self._items[definicion.numero]
            pajar = normalizar(" ".join([definicion.clave, str(definicion.numero), definicion.nombre,
                                         definicion.titulo, definicion.area, definicion.objetivo]))
            coincide = not buscado or buscado in pajar
            item.setHidden(not coincide)
            visibles += coincide
        for area in self._areas.values():
            area.setHidden(all(area.child(i).isHidden() for i in range(area.childCount())))
        total = len(procedimientos.todos())
        self.contador.setText(tr("{n} de {t} procedimientos").replace("{n}", str(visibles))
                              .replace("{t}", str(total)))

    def _enfocar_primero(self) -> None:
        for numero, item in self._items.items():
            if not item.isHidden():
                self.arbol.setCurrentItem(item)
                self.arbol.setFocus()
                return

    def seleccionar(self, numero: int) -> None:
        """Elige el procedimiento ``numero`` en el árbol (y lo muestra)."""
        item = self._items.get(int(numero))
        if item is not None:
            self.arbol.setCurrentItem(item)
            self.arbol.scrollToItem(item)

    def _al_elegir(self, item: QTreeWidgetItem | None) -> None:
        numero = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if numero is None:
            return
        definicion = comunes.ejecutar(self, procedimientos.obtener, numero)
        if definicion is not None:
            self.mostrar(definicion)

    # --- Detalle --------------------------------------------------------------------------

    def mostrar(self, definicion: Procedimiento) -> None:
        self.actual = definicion
        self.titulo.setText(f"{definicion.clave} · {definicion.titulo}")
        self.subtitulo.setText(f"{tr('Área')}: {definicion.area}   ·   {tr('Tiempo de gestión')}: "
                               f"{definicion.tiempo_gestion or '—'}")
        self.ficha.setHtml(self._html_ficha(definicion))
        self.pasos.cargar([{"id": p.numero, "numero": p.numero, "responsable": p.responsable,
                            "actividad": p.actividad,
                            "documento": (f"{p.documento_manual} ({p.tantos})" if p.documento_manual and p.tantos
                                          else p.documento_manual),
                            "siguiente": (tr("una sola vez (no en cada trámite)") if p in definicion.preparacion
                                          else texto_siguiente(p))}
                           for p in (*definicion.preparacion, *definicion.pasos)], clave="id")
        # Sin paso elegido al cambiar de procedimiento: el resaltado aparece cuando el usuario elige uno.
        self.pasos.vista.setCurrentIndex(QModelIndex())
        self.pasos.vista.clearSelection()
        self.diagrama.mostrar(definicion)
        self._actualizar_boton()

    @staticmethod
    def _html_ficha(definicion: Procedimiento) -> str:
        """Ficha en HTML; todo texto de los datos va escapado (nunca se interpreta como marcado)."""
        e = html.escape

        def lista(elementos: tuple[str, ...], numerada: bool = False) -> str:
            if not elementos:
                return f"<p>{e(tr('Ninguno.'))}</p>"
            etiqueta = "ol" if numerada else "ul"
            return f"<{etiqueta}>" + "".join(f"<li>{e(x)}</li>" for x in elementos) + f"</{etiqueta}>"

        manual = procedimientos.MANUAL
        partes = [
            f"<p><b>{e(tr('Objetivo'))}.</b> {e(definicion.objetivo)}</p>",
            f"<p><b>{e(tr('Fundamento legal'))}</b></p>", lista(definicion.fundamento_legal),
            f"<p><b>{e(tr('Políticas de operación'))}</b></p>", lista(definicion.politicas, numerada=True),
            f"<p><b>{e(tr('Tiempo de gestión'))}:</b> {e(definicion.tiempo_gestion or '—')}</p>",
            f"<p><b>{e(tr('Documentos'))}</b></p>", lista(definicion.documentos),
            f"<p><b>{e(tr('Registro del manual'))}:</b> {e(manual['titulo'])}. "
            f"{e(tr('Registro'))} {e(manual['registro'])}, {e(tr('elaborado el'))} "
            f"{e(manual['fecha_elaboracion'])}, {e(tr('revisión'))} {e(str(manual['revision']))}.</p>",
        ]
        if definicion.notas:
            partes += [f"<p><b>{e(tr('Notas: numeración corregida respecto al manual'))}</b></p>",
                       lista(definicion.notas)]
        return "".join(partes)

    def _dueno(self):
        from app.servicios.tramites.modulos import modulo

        return modulo(self.actual.modulo) if self.actual is not None else None

    def _actualizar_boton(self) -> None:
        permitido = self.actual is not None and puede_abrir(self.sesion, self.actual)
        dueno = self._dueno()
        self.boton_abrir.setText(tr("Abrir caso en {pestana}…").replace("{pestana}", dueno.pestana)
                                 if dueno is not None else tr("Abrir trámite de este procedimiento…"))
        self.boton_abrir.setEnabled(permitido)
        self.boton_abrir.setToolTip((dueno.mensaje if dueno is not None else "") if permitido else
                                    tr("Su rol no abre trámites de este procedimiento."))

    def abrir_tramite(self) -> None:
        """Abre el diálogo de trámite nuevo con este procedimiento ya elegido.

        Si el procedimiento lo lleva un módulo, pide a la ventana el alta en la pestaña del módulo.
        """
        if self.actual is None or not self.boton_abrir.isEnabled():
            return
        dueno = self._dueno()
        if dueno is not None:
            nuevo = getattr(self.window(), "nuevo_caso", None) if self.window() is not self else None
            if callable(nuevo):
                nuevo(self.actual.numero, None)
            else:
                comunes.avisar(self, tr("Nuevo caso"), dueno.mensaje)
            return
        from app.vistas.tramites.tramites import DialogoNuevoTramite

        dialogo = DialogoNuevoTramite(self.sesion, self, self.actual.numero)
        try:
            aceptado = dialogo.exec() == DialogoNuevoTramite.DialogCode.Accepted
            tramite = dialogo.tramite
        finally:
            dialogo.deleteLater()
        if not aceptado or tramite is None:
            return
        comunes.avisar(self, tr("Trámite abierto"),
                       tr("Se abrió el trámite {numero}. Lo encontrará en la pestaña Trámites.")
                       .replace("{numero}", tramite.numero))
        self.tramite_abierto.emit(tramite.id)


__all__ = ["DiagramaFlujo", "Flecha", "VistaProcedimientos", "texto_siguiente"]
