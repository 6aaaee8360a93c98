"""Caja de búsqueda de la cabecera (a la derecha de la barra de menús) y su lista de resultados.

Ctrl+K la enfoca. Al teclear, tras una pausa de 200 ms, la búsqueda corre en un hilo de trabajo
(con su propia conexión) y la ventana no se congela; solo se muestra la respuesta de lo último
que se escribió. La lista flota bajo la caja, agrupada por tipo (los encabezados no se eligen):
flechas para moverse, Enter abre el registro en su pestaña, Esc cierra.
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPalette,
                           QShortcut)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QMainWindow, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QWidget)

from app.servicios import busqueda
from app.servicios.busqueda import Grupo, Resultado
from app.vistas.busqueda.abrir import abrir_resultado
from app.vistas.comun import hilos
from app.vistas.comun.comunes import ejecutar, tr
from app.vistas.comun.segundo_plano import conexion_del_hilo

registro = logging.getLogger(__name__)

ATAJO = "Ctrl+K"
PAUSA_MS = 200
ANCHO_CAJA = 320
ANCHO_LISTA = 560
ALTO_MAXIMO_LISTA = 440
ROL_RESULTADO = Qt.ItemDataRole.UserRole + 1
FONDO_ENCABEZADO = QColor("#e8ecf1")
GRIS_SUBTITULO = "#5a6470"

# Perder el foco por un menú o porque se cambió de ventana no cierra la lista.
_SIN_CERRAR = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)

class _Trabajador(QObject):
    """Vive en el hilo de trabajo: atiende una búsqueda a la vez, la más reciente."""

    listo = Signal(int, str, object, str)   # generación, texto buscado, grupos, error

    def __init__(self, sesion: Any) -> None:
        super().__init__()
        self.sesion = sesion
        self.ultima = 0

    @Slot(int, str)
    def buscar(self, generacion: int, texto: str) -> None:
        if generacion != self.ultima:
            return                           # ya se escribió otra cosa
        try:
            with conexion_del_hilo():
                grupos = busqueda.buscar(self.sesion, texto)
        except Exception as exc:  # noqa: BLE001 - se informa en la lista, en español
            mensaje = getattr(exc, "mensaje", "") or f"{type(exc).__name__}: {exc}"
            registro.warning("Falló la búsqueda global: %s", mensaje)
            self.listo.emit(generacion, texto, [], mensaje)
            return
        self.listo.emit(generacion, texto, grupos, "")


class _Campo(QLineEdit):
    """La caja: las flechas, Enter y Esc manejan la lista sin quitarle el foco al texto."""

    def __init__(self, caja: "CajaBusqueda") -> None:
        super().__init__(caja)
        self._caja = caja

    def keyPressEvent(self, evento: QKeyEvent) -> None:  # noqa: N802 - API de Qt
        if self._caja.tecla(evento.key()):
            evento.accept()
            return
        super().keyPressEvent(evento)


class _Dibujante(QStyledItemDelegate):
    """Un resultado en dos renglones: el folio o nombre en negritas y, abajo, en gris, lo demás."""

    MARGEN = 6

    def sizeHint(self, opcion: QStyleOptionViewItem, indice: QModelIndex) -> QSize:  # noqa: N802 - API de Qt
        alto = opcion.fontMetrics.height()
        renglones = 2 if indice.data(ROL_RESULTADO) is not None else 1
        return QSize(opcion.rect.width(), renglones * alto + self.MARGEN + (2 if renglones == 2 else 0))

    def paint(self, pintor: QPainter, opcion: QStyleOptionViewItem, indice: QModelIndex) -> None:
        resultado = indice.data(ROL_RESULTADO)
        if resultado is None:
            super().paint(pintor, opcion, indice)
            return
        self.initStyleOption(opcion, indice)
        texto_original = opcion.text
        opcion.text = ""
        estilo = opcion.widget.style() if opcion.widget is not None else QApplication.style()
        estilo.drawControl(QStyle.ControlElement.CE_ItemViewItem, opcion, pintor, opcion.widget)
        opcion.text = texto_original
        elegido = bool(opcion.state & QStyle.StateFlag.State_Selected)
        paleta = opcion.palette
        zona = opcion.rect.adjusted(self.MARGEN + 8, self.MARGEN // 2, -self.MARGEN, -self.MARGEN // 2)
        alto = opcion.fontMetrics.height()
        pintor.save()
        negrita = QFont(opcion.font)
        negrita.setBold(True)
        pintor.setFont(negrita)
        pintor.setPen(paleta.color(QPalette.ColorRole.HighlightedText if elegido else QPalette.ColorRole.Text))
        titulo = QFontMetrics(negrita).elidedText(resultado.titulo, Qt.TextElideMode.ElideRight, zona.width())
        pintor.drawText(zona.x(), zona.y(), zona.width(), alto, Qt.AlignmentFlag.AlignLeft, titulo)
        pintor.setFont(opcion.font)
        if not elegido:
            pintor.setPen(QColor(GRIS_SUBTITULO))
        subtitulo = opcion.fontMetrics.elidedText(resultado.subtitulo, Qt.TextElideMode.ElideRight, zona.width())
        pintor.drawText(zona.x(), zona.y() + alto + 2, zona.width(), alto, Qt.AlignmentFlag.AlignLeft, subtitulo)
        pintor.restore()


class ListaResultados(QListWidget):
    """Resultados flotando sobre la ventana; no toma el foco (se escribe y se elige a la vez)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("resultadosBusqueda")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QFrame.Shape.Box)
        self.setWordWrap(False)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_Dibujante(self))
        self.hide()


class CajaBusqueda(QWidget):
    """Búsqueda global: una caja, una lista y cómo abrir lo elegido en la ventana principal."""

    abierto = Signal(object)            # el Resultado que se abrió

    def __init__(self, ventana: QMainWindow, sesion: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ventana = ventana
        self.sesion = sesion
        self.grupos: list[Grupo] = []
        self.texto_buscado: str | None = None       # el texto al que corresponden ``grupos``
        self.error = ""
        self.campo = _Campo(self)
        self.campo.setObjectName("busquedaGlobal")
        self.campo.setPlaceholderText(tr("Buscar folio, número, serie o nombre… (Ctrl+K)"))
        self.campo.setAccessibleName(tr("Búsqueda global"))
        self.campo.setToolTip(tr("Busca oficios, trámites, tickets, bienes, licencias y servidores públicos "
                                 "por folio, número, serie o texto (Ctrl+K). Enter abre el elegido; Esc cierra."))
        self.campo.setClearButtonEnabled(True)
        self.campo.setMinimumWidth(ANCHO_CAJA)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(4, 2, 4, 2)
        capa.addWidget(self.campo)

        self.lista = ListaResultados(ventana)
        self.lista.itemClicked.connect(self._al_hacer_clic)

        self.pausa = QTimer(self)
        self.pausa.setSingleShot(True)
        self.pausa.setInterval(PAUSA_MS)
        self.pausa.timeout.connect(self._pedir_busqueda)
        self.campo.textEdited.connect(self._al_teclear)
        self.campo.textChanged.connect(self._al_cambiar_texto)
        self.campo.installEventFilter(self)
        ventana.installEventFilter(self)

        self.generacion = 0
        self._hilo = QThread()
        self._hilo.setObjectName("busqueda-global")
        self._trabajador = _Trabajador(sesion)
        self._trabajador.moveToThread(self._hilo)
        self._pedir.connect(self._trabajador.buscar)
        self._trabajador.listo.connect(self._al_responder)
        hilos.arrancar(self._hilo, self._trabajador, self)

    _pedir = Signal(int, str)

    # --- Buscar ---------------------------------------------------------------------------

    def enfocar(self) -> None:
        """Ctrl+K: pone el cursor en la caja con el texto seleccionado (y muestra lo encontrado)."""
        self.campo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.campo.selectAll()
        if self.grupos and self.texto_buscado == self.campo.text():
            self._mostrar_lista()

    def _al_teclear(self, _texto: str) -> None:
        self.pausa.start()

    def _al_cambiar_texto(self, texto: str) -> None:
        if busqueda.preparar(texto) is None:
            self.pausa.stop()
            self._invalidar()
            self.grupos, self.texto_buscado, self.error = [], None, ""
            self.lista.hide()

    def _invalidar(self) -> int:
        self.generacion += 1
        self._trabajador.ultima = self.generacion
        return self.generacion

    def _pedir_busqueda(self) -> None:
        texto = self.campo.text()
        if busqueda.preparar(texto) is None:
            return
        self._pedir.emit(self._invalidar(), texto)

    def _al_responder(self, generacion: int, texto: str, grupos: object, error: str) -> None:
        if generacion != self.generacion or texto != self.campo.text():
            return                       # respuesta de algo que ya se borró o cambió
        self._aplicar(list(grupos or []), texto, error)

    def buscar_ahora(self) -> None:
        """Busca en este hilo lo que dice la caja (Enter antes de que llegue la respuesta)."""
        self.pausa.stop()
        texto = self.campo.text()
        self._invalidar()
        if busqueda.preparar(texto) is None:
            return
        grupos = ejecutar(self, busqueda.buscar, self.sesion, texto)
        self._aplicar(grupos or [], texto, "")

    def _aplicar(self, grupos: list[Grupo], texto: str, error: str) -> None:
        self.grupos, self.texto_buscado, self.error = grupos, texto, error
        self._llenar()
        self._mostrar_lista()

    # --- Lista ----------------------------------------------------------------------------

    def _llenar(self) -> None:
        self.lista.clear()
        negrita = QFont(self.lista.font())
        negrita.setBold(True)
        if self.error:
            self._aviso(tr("No se pudo buscar: {error}").format(error=self.error))
            return
        if not self.grupos:
            self._aviso(tr("Sin resultados para «{texto}».").format(texto=(self.texto_buscado or "")[:60]))
            return
        for grupo in self.grupos:
            encabezado = QListWidgetItem(tr(grupo.nombre))
            encabezado.setFlags(Qt.ItemFlag.ItemIsEnabled)            # se ve, pero no se elige
            encabezado.setFont(negrita)
            encabezado.setBackground(QBrush(FONDO_ENCABEZADO))
            self.lista.addItem(encabezado)
            for resultado in grupo.resultados:
                elemento = QListWidgetItem(f"{resultado.titulo}\n{resultado.subtitulo}")
                elemento.setData(ROL_RESULTADO, resultado)
                elemento.setToolTip(f"{resultado.titulo}\n{resultado.subtitulo}\n"
                                    + tr("Se abre en la pestaña {pestana}.").format(pestana=resultado.pestana))
                self.lista.addItem(elemento)
        self._elegir(self._siguiente(-1, 1))

    def _aviso(self, texto: str) -> None:
        elemento = QListWidgetItem(texto)
        elemento.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.lista.addItem(elemento)

    def filas_elegibles(self) -> list[int]:
        return [f for f in range(self.lista.count()) if self.lista.item(f).data(ROL_RESULTADO) is not None]

    def _siguiente(self, desde: int, paso: int) -> int:
        elegibles = self.filas_elegibles()
        if not elegibles:
            return -1
        candidatas = [f for f in elegibles if (f > desde if paso > 0 else f < desde)]
        if not candidatas:
            return desde if desde in elegibles else elegibles[0 if paso > 0 else -1]
        return candidatas[0] if paso > 0 else candidatas[-1]

    def _elegir(self, fila: int) -> None:
        if fila < 0:
            return
        self.lista.setCurrentRow(fila)
        if fila == self.filas_elegibles()[0]:
            self.lista.scrollToTop()             # que se vea el encabezado del primer grupo
        else:
            self.lista.scrollToItem(self.lista.item(fila))

    def resultado_actual(self) -> Resultado | None:
        elemento = self.lista.currentItem()
        return elemento.data(ROL_RESULTADO) if elemento is not None else None

    def _mostrar_lista(self) -> None:
        if self.lista.count() == 0:
            return
        self._colocar()
        self.lista.show()
        self.lista.raise_()

    def _colocar(self) -> None:
        """Bajo la caja, alineada a su derecha, sin salirse de la ventana."""
        esquina = self.campo.mapTo(self.ventana, QPoint(self.campo.width(), self.campo.height()))
        ancho = min(ANCHO_LISTA, max(200, self.ventana.width() - 16))
        alto_filas = sum(self.lista.sizeHintForRow(f) for f in range(self.lista.count())) + 6
        alto = max(40, min(ALTO_MAXIMO_LISTA, alto_filas, self.ventana.height() - esquina.y() - 8))
        x = max(8, min(esquina.x() - ancho, self.ventana.width() - ancho - 8))
        self.lista.setGeometry(x, esquina.y() + 2, ancho, alto)

    def cerrar_lista(self) -> None:
        self.lista.hide()

    # --- Teclado y ratón ------------------------------------------------------------------

    def tecla(self, tecla: int) -> bool:
        """Atiende una tecla de la caja; True si la usó."""
        if tecla in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if not self.lista.isVisible():
                if self.grupos and self.texto_buscado == self.campo.text():
                    self._mostrar_lista()
                    return True
                return False
            paso = 1 if tecla == Qt.Key.Key_Down else -1
            self._elegir(self._siguiente(self.lista.currentRow(), paso))
            return True
        if tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.texto_buscado != self.campo.text() or self.pausa.isActive():
                self.buscar_ahora()
            resultado = self.resultado_actual()
            if resultado is not None:
                self.abrir(resultado)
            return True
        if tecla == Qt.Key.Key_Escape:
            if self.lista.isVisible():
                self.cerrar_lista()
            else:
                self.campo.clear()
                self.campo.clearFocus()
            return True
        return False

    def _al_hacer_clic(self, elemento: QListWidgetItem) -> None:
        resultado = elemento.data(ROL_RESULTADO)
        if resultado is not None:
            self.abrir(resultado)

    def abrir(self, resultado: Resultado) -> QWidget | None:
        """Cierra la lista y muestra el registro en su pestaña."""
        self.cerrar_lista()
        vista = ejecutar(self, abrir_resultado, self.ventana, resultado)
        self.abierto.emit(resultado)
        return vista

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - API de Qt
        tipo = evento.type()
        if objeto is self.campo and tipo == QEvent.Type.FocusOut and evento.reason() not in _SIN_CERRAR:
            # Un clic en la lista no le quita el foco a la caja; un clic en otra parte sí: se cierra.
            self.cerrar_lista()
        elif objeto is self.ventana and tipo == QEvent.Type.Resize and self.lista.isVisible():
            self._colocar()
        return super().eventFilter(objeto, evento)


def instalar_busqueda(ventana: QMainWindow, sesion: Any | None = None) -> CajaBusqueda:
    """Pone la caja en la cabecera de ``ventana`` (a la derecha del menú) y el atajo Ctrl+K."""
    caja = CajaBusqueda(ventana, sesion if sesion is not None else getattr(ventana, "sesion", None),
                        ventana.menuBar())
    ventana.menuBar().setCornerWidget(caja, Qt.Corner.TopRightCorner)
    atajo = QShortcut(QKeySequence(ATAJO), ventana)
    atajo.setContext(Qt.ShortcutContext.WindowShortcut)
    atajo.activated.connect(caja.enfocar)
    caja.atajo = atajo
    return caja
