"""Diálogos de la pestaña Adquisiciones: compra, recepción partida por partida, CFDI y alta al inventario."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.modelos import ServidorPublico, Usuario
from app.modelos.adquisiciones import Adquisicion
from app.servicios.adquisiciones import adquisiciones, alta_inventario, pagos, recepcion
from app.servicios.catalogos import catalogos
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import confirmar, ejecutar, tr


def _fecha(control: QDateEdit):
    return control.date().toPython()


def _selector_fecha(padre: QWidget, dias: int = 0) -> QDateEdit:
    control = QDateEdit(padre)
    control.setCalendarPopup(True)
    control.setDisplayFormat("dd/MM/yyyy")
    hoy = hoy_mexico()
    control.setDate(QDate(hoy.year, hoy.month, hoy.day).addDays(dias))
    return control


def _botones(dialogo: QDialog, capa: QVBoxLayout, aceptar) -> None:
    botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialogo)
    botones.accepted.connect(aceptar)
    botones.rejected.connect(dialogo.reject)
    capa.addWidget(botones)


class DialogoCompra(QDialog):
    """Actividad 3: proveedor del catálogo, contrato, fecha de entrega pactada y partidas."""

    ENCABEZADOS = ("Descripción", "Cantidad", "Precio unitario (con IVA)", "Marca", "Modelo", "¿Bien inventariable?")

    def __init__(self, sesion: Usuario, adquisicion: Adquisicion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.adquisicion = sesion, adquisicion
        self.setWindowTitle(tr("Compra o contratación"))
        self.resize(900, 520)
        self.proveedor = QComboBox(self)
        for p in catalogos.proveedores():
            self.proveedor.addItem(f"{p.razon_social} — {p.rfc}", p.rfc)
        self.contrato = QLineEdit(self)
        self.fecha_contrato = _selector_fecha(self)
        self.entrega = _selector_fecha(self, 10)
        self.partidas = QTableWidget(0, len(self.ENCABEZADOS), self)
        self.partidas.setHorizontalHeaderLabels([tr(e) for e in self.ENCABEZADOS])
        self.partidas.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.partidas.itemChanged.connect(lambda _i: self._total())
        agregar = QPushButton(tr("&Agregar partida"), self)
        agregar.clicked.connect(self.agregar_partida)
        quitar = QPushButton(tr("&Quitar partida"), self)
        quitar.clicked.connect(lambda: self.partidas.removeRow(self.partidas.currentRow()))
        self.total = QLabel("", self)
        forma = QFormLayout()
        forma.addRow(tr("&Proveedor (catálogo):"), self.proveedor)
        forma.addRow(tr("&Contrato u orden de compra:"), self.contrato)
        forma.addRow(tr("&Fecha del contrato:"), self.fecha_contrato)
        forma.addRow(tr("&Entrega pactada:"), self.entrega)
        fila = QHBoxLayout()
        fila.addWidget(agregar)
        fila.addWidget(quitar)
        fila.addStretch(1)
        fila.addWidget(self.total)
        capa = QVBoxLayout(self)
        capa.addLayout(forma)
        capa.addLayout(fila)
        capa.addWidget(self.partidas, 1)
        _botones(self, capa, self._aceptar)
        self.agregar_partida()

    def agregar_partida(self) -> None:
        fila = self.partidas.rowCount()
        self.partidas.insertRow(fila)
        for columna, valor in enumerate(("", "1", "", "", "", "Sí")):
            self.partidas.setItem(fila, columna, QTableWidgetItem(valor))

    def _texto(self, fila: int, columna: int) -> str:
        item = self.partidas.item(fila, columna)
        return item.text().strip() if item is not None else ""

    def capturadas(self) -> list[dict[str, object]]:
        return [{"descripcion": self._texto(f, 0), "cantidad": self._texto(f, 1) or "1",
                 "precio_unitario": self._texto(f, 2), "marca": self._texto(f, 3), "modelo": self._texto(f, 4),
                 "es_bien": self._texto(f, 5).lower() not in ("no", "n")}
                for f in range(self.partidas.rowCount()) if any(self._texto(f, c) for c in (0, 2))]

    def _total(self) -> None:
        try:
            total = sum((Decimal(str(p["precio_unitario"]).replace("$", "").replace(",", "") or "0")
                         * int(p["cantidad"]) for p in self.capturadas()), Decimal("0"))
            self.total.setText(tr("Importe: ") + f"${total:,.2f}")
        except (InvalidOperation, ValueError):
            self.total.setText(tr("Importe: revise cantidades y precios"))

    def _aceptar(self) -> None:
        hecho = ejecutar(self, adquisiciones.contratar, self.sesion, self.adquisicion,
                         proveedor=self.proveedor.currentData(), partidas=self.capturadas(),
                         numero_contrato=self.contrato.text(), fecha_contrato=_fecha(self.fecha_contrato),
                         fecha_entrega_pactada=_fecha(self.entrega), version=self.adquisicion.version)
        if hecho is not None:
            self.accept()


class DialogoRecepcion(QDialog):
    """Actividad 4: cada partida se revisa contra lo contratado (cantidad, si cumple y series)."""

    ENCABEZADOS = ("Partida", "Contratadas", "Recibidas", "¿Cumple?", "Observación", "Números de serie (coma)")

    def __init__(self, sesion: Usuario, adquisicion: Adquisicion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.adquisicion = sesion, adquisicion
        self.setWindowTitle(tr("Recepción del bien o servicio"))
        self.resize(980, 480)
        self.fecha = _selector_fecha(self)
        self.observaciones = QPlainTextEdit(self)
        self.observaciones.setMaximumHeight(60)
        self._partidas = sorted(adquisicion.partidas, key=lambda p: p.numero)
        self.tabla = QTableWidget(len(self._partidas), len(self.ENCABEZADOS), self)
        self.tabla.setHorizontalHeaderLabels([tr(e) for e in self.ENCABEZADOS])
        self.tabla.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.cumple: list[QCheckBox] = []
        for fila, p in enumerate(self._partidas):
            for columna, valor in ((0, f"{p.numero}. {p.descripcion}"), (1, str(p.cantidad))):
                item = QTableWidgetItem(valor)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.tabla.setItem(fila, columna, item)
            self.tabla.setItem(fila, 2, QTableWidgetItem(str(p.cantidad)))
            casilla = QCheckBox(tr("Cumple"), self.tabla)
            casilla.setChecked(True)
            self.cumple.append(casilla)
            self.tabla.setCellWidget(fila, 3, casilla)
            self.tabla.setItem(fila, 4, QTableWidgetItem(""))
            self.tabla.setItem(fila, 5, QTableWidgetItem(""))
        forma = QFormLayout()
        forma.addRow(tr("&Fecha de recepción:"), self.fecha)
        forma.addRow(tr("&Observaciones:"), self.observaciones)
        capa = QVBoxLayout(self)
        capa.addLayout(forma)
        capa.addWidget(self.tabla, 1)
        _botones(self, capa, self._aceptar)

    def revisiones(self) -> list[dict[str, object]]:
        def texto(fila: int, columna: int) -> str:
            item = self.tabla.item(fila, columna)
            return item.text().strip() if item is not None else ""

        return [{"partida": p.id, "cantidad_recibida": texto(f, 2) or "0", "conforme": self.cumple[f].isChecked(),
                 "observacion": texto(f, 4), "series": texto(f, 5)} for f, p in enumerate(self._partidas)]

    def _aceptar(self) -> None:
        revisiones = self.revisiones()
        if not all(r["conforme"] for r in revisiones) and not confirmar(
                self, tr("Recepción no conforme"),
                tr("Se emitirá con folio el oficio de corrección al proveedor. ¿Continuar?")):
            return
        hecho = ejecutar(self, recepcion.recibir, self.sesion, self.adquisicion, fecha_recepcion=_fecha(self.fecha),
                         revisiones=revisiones, observaciones=self.observaciones.toPlainText(),
                         version=self.adquisicion.version)
        if hecho is not None:
            self.accept()


class DialogoCfdi(QDialog):
    """El CFDI del proveedor: XML y PDF; si el total no coincide con el contrato, se explica."""

    def __init__(self, sesion: Usuario, adquisicion: Adquisicion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.adquisicion = sesion, adquisicion
        self.setWindowTitle(tr("CFDI del proveedor"))
        self.xml, self.pdf = QLineEdit(self), QLineEdit(self)
        self.explicacion = QPlainTextEdit(self)
        self.explicacion.setPlaceholderText(tr("Solo si el total del CFDI no coincide con el contrato"))
        forma = QFormLayout()
        for etiqueta, campo, filtro in ((tr("Archivo &XML:"), self.xml, "CFDI (*.xml)"),
                                        (tr("Archivo &PDF:"), self.pdf, "PDF (*.pdf)")):
            fila = QHBoxLayout()
            fila.addWidget(campo, 1)
            elegir = QPushButton(tr("Elegir…"), self)
            elegir.clicked.connect(lambda _c=False, c=campo, f=filtro: self._elegir(c, f))
            fila.addWidget(elegir)
            forma.addRow(etiqueta, fila)
        forma.addRow(tr("&Diferencia:"), self.explicacion)
        capa = QVBoxLayout(self)
        capa.addLayout(forma)
        _botones(self, capa, self._aceptar)

    def _elegir(self, campo: QLineEdit, filtro: str) -> None:
        ruta, _ = abrir_archivo(self, tr("Elegir archivo"), "", filtro)
        if ruta:
            campo.setText(ruta)

    def _aceptar(self) -> None:
        hecho = ejecutar(self, pagos.registrar_cfdi_desde_archivos, self.sesion, self.adquisicion,
                         self.xml.text().strip(), self.pdf.text().strip(), self.explicacion.toPlainText(),
                         version=self.adquisicion.version)
        if hecho is not None:
            self.accept()


class DialogoAlta(QDialog):
    """Lo recibido pasa al inventario: solo se elige el futuro resguardante."""

    def __init__(self, sesion: Usuario, adquisicion: Adquisicion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.adquisicion, self.bienes = sesion, adquisicion, None
        self.setWindowTitle(tr("Alta al inventario de lo recibido"))
        self.resguardante = QComboBox(self)
        for s in ServidorPublico.select().where(ServidorPublico.activo == True).order_by(ServidorPublico.nombre):  # noqa: E712
            self.resguardante.addItem(f"{s.nombre} — {s.cargo}", s.id)
        if adquisicion.dependencia_id:
            titular = (ServidorPublico.select().where(ServidorPublico.dependencia == adquisicion.dependencia_id)
                       .order_by(ServidorPublico.id).first())
            if titular is not None:
                self.resguardante.setCurrentIndex(max(0, self.resguardante.findData(titular.id)))
        aviso = QLabel(tr("Descripción, marca, modelo, serie, costo y factura se toman de la adquisición y su CFDI; "
                          "se solicitará el alta a Armonización Contable."), self)
        aviso.setWordWrap(True)
        forma = QFormLayout()
        forma.addRow(tr("&Resguardante:"), self.resguardante)
        capa = QVBoxLayout(self)
        capa.addWidget(aviso)
        capa.addLayout(forma)
        _botones(self, capa, self._aceptar)

    def _aceptar(self) -> None:
        servidor = ServidorPublico.get_or_none(ServidorPublico.id == self.resguardante.currentData())
        self.bienes = ejecutar(self, alta_inventario.dar_de_alta, self.sesion, self.adquisicion, servidor,
                               version=self.adquisicion.version)
        if self.bienes is not None:
            self.accept()
