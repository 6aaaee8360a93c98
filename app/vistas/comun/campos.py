"""Campos de captura que comparten los formularios: combos que buscan, resguardante con su dependencia,
fotografía, fecha opcional y montos."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (QComboBox, QCompleter, QDateEdit, QHBoxLayout, QLabel, QPushButton,
                               QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.errores import ErrorDTI
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import archivos
from app.vistas.comun.comunes import tr

MAXIMO_FOTO = 8 * 1024 * 1024
MAXIMO_PIXELES_FOTO = 40_000_000          # una imagen «bomba» se rechaza antes de decodificarla
FECHA_VACIA = QDate(1900, 1, 1)


def combo_buscable(padre: QWidget, vacio: str | None = None) -> QComboBox:
    """Combo editable que completa por cualquier parte del texto (sin crear opciones nuevas)."""
    combo = QComboBox(padre)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    if vacio is not None:
        combo.addItem(vacio, None)
    # Un nombre largo se ve desde el principio, no desde el final.
    combo.currentIndexChanged.connect(lambda _i: combo.lineEdit().setCursorPosition(0))
    return combo


def dato_de_combo(combo: QComboBox):
    """El dato de la opción elegida, solo si el texto escrito coincide con ella (si no, None)."""
    indice = combo.findText(combo.currentText(), Qt.MatchFlag.MatchFixedString)
    return combo.itemData(indice) if indice >= 0 else None


def elegir_en_combo(combo: QComboBox, dato) -> None:
    indice = combo.findData(dato)
    combo.setCurrentIndex(max(indice, 0))


def llenar_dependencias(combo: QComboBox) -> None:
    for dependencia in catalogos.dependencias():
        combo.addItem(dependencia.nombre, dependencia.id)


class SelectorResguardante(QWidget):
    """Resguardante (servidor público) y su dependencia: al elegir al servidor se propone su dependencia."""

    cambiado = Signal()

    def __init__(self, padre: QWidget | None = None, servidores=None, compacto: bool = False) -> None:
        super().__init__(padre)
        self.servidor = combo_buscable(self, tr("(sin resguardante)"))
        self.dependencia = combo_buscable(self, tr("(sin dependencia)"))
        self._dependencia_de: dict[int, int | None] = {}
        for servidor in servidores if servidores is not None else catalogos.servidores():
            nombre = servidor.nombre if compacto else f"{servidor.nombre} — {servidor.cargo}".rstrip(" —")
            self.servidor.addItem(nombre, servidor.id)
            self._dependencia_de[servidor.id] = servidor.dependencia_id
        llenar_dependencias(self.dependencia)
        self.servidor.setMinimumContentsLength(24)
        self.dependencia.setMinimumContentsLength(20)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.servidor, 3)
        capa.addWidget(self.dependencia, 2)
        self.servidor.currentIndexChanged.connect(self._al_elegir_servidor)
        self.dependencia.currentIndexChanged.connect(lambda _i: self.cambiado.emit())

    def _al_elegir_servidor(self, _indice: int) -> None:
        servidor_id = self.servidor.currentData()
        dependencia_id = self._dependencia_de.get(servidor_id) if servidor_id is not None else None
        if dependencia_id is not None:
            elegir_en_combo(self.dependencia, dependencia_id)
        self.cambiado.emit()

    def servidor_id(self) -> int | None:
        return dato_de_combo(self.servidor)

    def dependencia_id(self) -> int | None:
        return dato_de_combo(self.dependencia)

    def poner(self, servidor_id: int | None, dependencia_id: int | None) -> None:
        elegir_en_combo(self.servidor, servidor_id)
        elegir_en_combo(self.dependencia, dependencia_id)


def validar_imagen(contenido: bytes) -> str:
    """'' si ``contenido`` es una foto PNG/JPG utilizable; si no, el motivo para el usuario."""
    if len(contenido) > MAXIMO_FOTO:
        return tr("La fotografía no debe pasar de 8 MB.")
    memoria = QBuffer()
    memoria.setData(QByteArray(contenido))
    memoria.open(QIODevice.OpenModeFlag.ReadOnly)
    lector = QImageReader(memoria)
    if bytes(lector.format().data()).lower() not in (b"png", b"jpg", b"jpeg"):
        return tr("El archivo no es una imagen PNG o JPG.")
    medida = lector.size()
    if medida.width() * medida.height() > MAXIMO_PIXELES_FOTO:
        return tr("La imagen es demasiado grande ({w}×{h} píxeles).").format(w=medida.width(), h=medida.height())
    if lector.read().isNull():
        return tr("La imagen está dañada o incompleta.")
    return ""


class SelectorFoto(QWidget):
    """Botón «Fotografía…» con miniatura; guarda los bytes del archivo elegido (validado)."""

    def __init__(self, padre: QWidget | None = None, alto: int = 48, compacto: bool = False) -> None:
        super().__init__(padre)
        self.contenido: bytes | None = None
        self.error = ""
        self.boton = QPushButton(tr("Foto…") if compacto else tr("Fotografía…"), self)
        self.quitar = QPushButton("×" if compacto else tr("Quitar"), self)
        self.quitar.setToolTip(tr("Quitar la fotografía"))
        self._compacto = compacto
        if compacto:
            self.quitar.setFixedWidth(36)
        self.miniatura = QLabel(self)
        self.miniatura.setFixedSize(int(alto * 4 / 3), alto)
        self.miniatura.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.miniatura.setTextFormat(Qt.TextFormat.PlainText)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.miniatura)
        capa.addWidget(self.boton)
        capa.addWidget(self.quitar)
        capa.addStretch(1)
        self.boton.clicked.connect(self.elegir)
        self.quitar.clicked.connect(lambda: self.poner(None))
        self.poner(None)

    def elegir(self) -> None:
        ruta, _filtro = abrir_archivo(self, tr("Fotografía del bien"), "",
                                                    tr("Imágenes PNG o JPG (*.png *.jpg *.jpeg)"))
        if ruta:
            self.cargar_archivo(ruta)

    def cargar_archivo(self, ruta: str) -> str:
        """Lee y valida la foto; devuelve '' o el motivo del rechazo (y lo muestra en la miniatura)."""
        try:
            _nombre, contenido = archivos.leer(ruta, MAXIMO_FOTO, "fotografia")   # con tope: nunca entero
        except ErrorDTI as exc:
            self.error = tr("No se pudo leer la fotografía: ") + str(exc)
        else:
            self.error = validar_imagen(contenido)
            if not self.error:
                self.poner(contenido)
        if self.error:
            self.miniatura.setText(tr("inválida"))
            self.miniatura.setToolTip(self.error)
        return self.error

    def poner(self, contenido: bytes | None) -> None:
        self.contenido = bytes(contenido) if contenido else None
        self.quitar.setEnabled(self.contenido is not None)
        imagen = QPixmap()
        if self.contenido and imagen.loadFromData(self.contenido):
            self.miniatura.setPixmap(imagen.scaled(self.miniatura.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))
            self.miniatura.setToolTip("")
        else:
            self.miniatura.setPixmap(QPixmap())
            self.miniatura.setText("—" if self._compacto else tr("sin foto"))


def fecha_opcional(padre: QWidget) -> QDateEdit:
    """Fecha que puede quedar vacía: la mínima se muestra como «Sin fecha»."""
    campo = QDateEdit(padre)
    campo.setCalendarPopup(True)
    campo.setDisplayFormat("dd/MM/yyyy")
    campo.setMinimumDate(FECHA_VACIA)
    campo.setSpecialValueText(tr("Sin fecha"))
    campo.setDate(FECHA_VACIA)
    return campo


def leer_fecha(campo: QDateEdit) -> dt.date | None:
    fecha = campo.date()
    if fecha == FECHA_VACIA or not fecha.isValid():
        return None
    return dt.date(fecha.year(), fecha.month(), fecha.day())


def poner_fecha(campo: QDateEdit, fecha: dt.date | None) -> None:
    campo.setDate(QDate(fecha.year, fecha.month, fecha.day) if fecha else FECHA_VACIA)


def leer_monto(texto: str) -> Decimal | str:
    """«12,345.60» o «$ 12345.6» → Decimal; texto vacío → Decimal 0; otro texto se devuelve tal cual
    para que el servicio lo rechace con su mensaje."""
    limpio = texto.replace("$", "").replace(",", "").strip()
    if not limpio:
        return Decimal("0")
    try:
        return Decimal(limpio)
    except InvalidOperation:
        return texto
