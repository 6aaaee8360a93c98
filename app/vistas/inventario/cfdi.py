"""Diálogo de alta desde la factura CFDI: elegir XML (y PDF), revisar lo leído y completar cada bien.

Un concepto con Cantidad 3 da tres filas. El usuario completa tipo, marca, modelo, serie, color,
resguardante (con su dependencia) y fotografía; nada se escribe hasta «Registrar alta», y si el
servicio rechaza algo se marca la fila y el campo sin perder lo capturado.

El valor de cada pieza es su costo de adquisición (con el descuento y el IVA no acreditable). La
tabla de conceptos desglosa ese costo y permite marcar un concepto como «no es bien» (envío,
instalación, servicio); el cuadre muestra cómo las piezas suman el total de la factura.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.servicios.inventario import alta_cfdi, tipos_bien
from app.servicios.catalogos import catalogos
from app.errores import ErrorDTI, ErrorValidacion
from app.servicios.nucleo import archivos
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, tr
from app.vistas.inventario.bien import HOJA_ERRORES
from app.vistas.comun.campos import (SelectorFoto, SelectorResguardante, combo_buscable, dato_de_combo,
                                          elegir_en_combo)
from app.vistas.comun.archivos import carpeta_documentos
from app.vistas.comun.pantalla import acotar

COLUMNAS = ("#", "Concepto", "Valor de adquisición", "Tipo *", "Marca", "Modelo", "Serie", "Color",
            "Resguardante *", "Dependencia", "Fotografía", "Omitir")
ANCHOS = (30, 190, 110, 130, 90, 120, 120, 80, 240, 220, 160, 70)
_PREFIJO = re.compile(r"^Bien (\d+): (.+)$")
COLUMNAS_CONCEPTOS = ("#", "Concepto", "Cantidad", "Importe", "Descuento", "Impuestos en el costo", "Costo",
                      "No es bien")
ANCHOS_CONCEPTOS = (30, 360, 70, 110, 100, 140, 110, 80)


def _pesos(monto) -> str:
    return f"$ {monto:,.2f}"


class FilaBien:
    """Los widgets de una fila (un bien propuesto)."""

    def __init__(self, tabla: QTableWidget, fila: int, propuesto, tipos: list, servidores: list) -> None:
        self.propuesto = propuesto
        self.tipo = combo_buscable(tabla, tr("(elija)"))
        for tipo in tipos:
            self.tipo.addItem(tipo.nombre, tipo.id)
        elegir_en_combo(self.tipo, propuesto.tipo_id)
        self.marca = QLineEdit(propuesto.marca, tabla)
        self.modelo = QLineEdit(tabla)
        self.serie = QLineEdit(tabla)
        self.color = QLineEdit(tabla)
        self.resguardo = SelectorResguardante(tabla, servidores, compacto=True)
        self.foto = SelectorFoto(tabla, alto=28, compacto=True)
        self.omitir = QCheckBox(tabla)
        self.omitir.setToolTip(tr("No es un bien (p. ej. flete o servicio): no se da de alta"))
        numero = QTableWidgetItem(str(fila + 1))
        concepto = QTableWidgetItem(f"{propuesto.descripcion}" + (
            f"  [{propuesto.no_identificacion}]" if propuesto.no_identificacion else ""))
        concepto.setToolTip(comunes.ayuda_plana(propuesto.descripcion))
        valor = QTableWidgetItem(f"$ {propuesto.valor_unitario:,.2f}")
        valor.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for columna, celda in ((0, numero), (1, concepto), (2, valor)):
            celda.setFlags(Qt.ItemFlag.ItemIsEnabled)
            tabla.setItem(fila, columna, celda)
        for columna, widget in ((3, self.tipo), (4, self.marca), (5, self.modelo), (6, self.serie), (7, self.color),
                                (8, self.resguardo.servidor), (9, self.resguardo.dependencia), (10, self.foto),
                                (11, self.omitir)):
            tabla.setCellWidget(fila, columna, widget)
        self.resguardo.hide()          # sus dos combos viven en sus propias celdas
        self.campos: dict[str, QWidget] = {
            "tipo": self.tipo, "marca": self.marca, "modelo": self.modelo, "serie": self.serie, "color": self.color,
            "resguardante": self.resguardo.servidor, "dependencia": self.resguardo.dependencia,
            "fotografia": self.foto,
        }

    def captura(self) -> dict[str, Any]:
        if self.omitir.isChecked():
            return {"omitir": True}
        datos: dict[str, Any] = {"tipo": dato_de_combo(self.tipo), "marca": self.marca.text(),
                                 "modelo": self.modelo.text(), "serie": self.serie.text(), "color": self.color.text(),
                                 "resguardante": self.resguardo.servidor_id(),
                                 "dependencia": self.resguardo.dependencia_id()}
        if self.foto.contenido:
            datos["fotografia"] = self.foto.contenido
        return datos


class DialogoAltaCfdi(QDialog):
    """Alta de los bienes de una factura. Tras aceptar, ``self.bienes`` son los guardados."""

    def __init__(self, sesion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.propuesta = None
        self.filas: list[FilaBien] = []
        self.bienes: list = []
        self.xml: bytes | None = None
        self.pdf: bytes | None = None
        self.nombre_xml = self.nombre_pdf = ""
        self.setWindowTitle(tr("Alta de bienes desde la factura (CFDI)"))
        self.setStyleSheet(HOJA_ERRORES)
        acotar(self, 1620, 640)     # la tabla de bienes se desplaza si no cabe
        self._tipos = tipos_bien.tipos()
        self._servidores = catalogos.servidores()
        archivos = QHBoxLayout()
        self.boton_xml = QPushButton(tr("Elegir XML de la factura…"), self)
        self.boton_pdf = QPushButton(tr("PDF (opcional)…"), self)
        self.archivo_xml = etiqueta_plana(tr("Ningún XML elegido"), self)
        self.archivo_pdf = etiqueta_plana("", self)
        archivos.addWidget(self.boton_xml)
        archivos.addWidget(self.archivo_xml, 2)
        archivos.addWidget(self.boton_pdf)
        archivos.addWidget(self.archivo_pdf, 1)
        self.boton_xml.clicked.connect(self.elegir_xml)
        self.boton_pdf.clicked.connect(self.elegir_pdf)
        self.error_archivo = etiqueta_plana("", self)
        self.error_archivo.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_archivo.hide()
        self.datos_factura = QGroupBox(tr("Factura"), self)
        formulario = QFormLayout(self.datos_factura)
        self.campos_factura: dict[str, QLabel] = {}
        for clave, titulo in (("proveedor", "Proveedor"), ("fecha", "Fecha"), ("uuid", "UUID"),
                              ("total", "Total"), ("cuadre", "Cuadre"), ("avisos", "Avisos")):
            etiqueta = etiqueta_plana("", self.datos_factura)
            etiqueta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.campos_factura[clave] = etiqueta
            formulario.addRow(tr(titulo) + ":", etiqueta)
        self.conceptos = QTableWidget(0, len(COLUMNAS_CONCEPTOS), self.datos_factura)
        self.conceptos.setHorizontalHeaderLabels([tr(c) for c in COLUMNAS_CONCEPTOS])
        self.conceptos.verticalHeader().setVisible(False)
        self.conceptos.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.conceptos.setMaximumHeight(150)
        for i, ancho in enumerate(ANCHOS_CONCEPTOS):
            self.conceptos.setColumnWidth(i, ancho)
        self.conceptos.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        formulario.addRow(tr("Conceptos") + ":", self.conceptos)
        self.no_es_bien: dict[int, QCheckBox] = {}      # número de concepto → casilla
        self.tabla = QTableWidget(0, len(COLUMNAS), self)
        self.tabla.setHorizontalHeaderLabels([tr(c) for c in COLUMNAS])
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.verticalHeader().setDefaultSectionSize(36)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabla.setWordWrap(False)
        for i, ancho in enumerate(ANCHOS):
            self.tabla.setColumnWidth(i, ancho)
        self.tabla.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)   # el concepto ocupa lo que sobra
        copiar = QHBoxLayout()
        self.boton_copiar = QPushButton(tr("Copiar tipo, marca, modelo, color y resguardante de la fila 1 a todas"),
                                        self)
        self.boton_copiar.clicked.connect(self.copiar_primera)
        copiar.addWidget(self.boton_copiar)
        copiar.addStretch(1)
        self.solicitar_alta = QCheckBox(tr("Emitir el oficio de alta a Armonización Contable al registrar"), self)
        self.solicitar_alta.setChecked(True)
        self.errores = etiqueta_plana("", self)
        self.errores.setStyleSheet("color: #b3261e;")
        self.errores.hide()
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.boton_registrar = botones.button(QDialogButtonBox.StandardButton.Ok)
        self.boton_registrar.setText(tr("Registrar alta"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.registrar)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(archivos)
        capa.addWidget(self.error_archivo)
        capa.addWidget(self.datos_factura)
        capa.addWidget(self.tabla, 1)
        capa.addLayout(copiar)
        capa.addWidget(self.errores)
        capa.addWidget(self.solicitar_alta)
        capa.addWidget(botones)
        self._mostrar_propuesta()

    # --- Archivos ------------------------------------------------------------------------------

    def elegir_xml(self) -> None:
        ruta, _f = abrir_archivo(self, tr("XML de la factura (CFDI)"), carpeta_documentos(),
                                               tr("Factura electrónica (*.xml);;Todos los archivos (*)"))
        if ruta:
            self.cargar_xml(ruta)

    def elegir_pdf(self) -> None:
        ruta, _f = abrir_archivo(self, tr("PDF de la factura"), carpeta_documentos(),
                                               tr("Documentos PDF (*.pdf)"))
        if ruta:
            self.cargar_pdf(ruta)

    def _leer(self, ruta: str, tope: int = alta_cfdi.MAXIMO_PDF) -> bytes | None:
        """Los bytes del archivo, leídos con tope (un dispositivo o un archivo enorme no se leen)."""
        try:
            return archivos.leer(ruta, tope)[1]
        except ErrorDTI as exc:
            self._error_archivo(str(exc))
            return None

    def cargar_xml(self, ruta: str) -> None:
        contenido = self._leer(ruta, alta_cfdi.MAXIMO_XML)
        if contenido is None:
            return
        self.xml, self.nombre_xml = contenido, Path(ruta).name
        self.archivo_xml.setText(self.nombre_xml)
        self._preparar(conservar=False)

    def cargar_pdf(self, ruta: str) -> None:
        contenido = self._leer(ruta)
        if contenido is None:
            return
        anterior = (self.pdf, self.nombre_pdf)
        self.pdf, self.nombre_pdf = contenido, Path(ruta).name
        self.archivo_pdf.setText(self.nombre_pdf)
        if self.xml is not None and not self._preparar(conservar=True):
            self.pdf, self.nombre_pdf = anterior          # el PDF malo no reemplaza al bueno
            self.archivo_pdf.setText(self.nombre_pdf)

    def _error_archivo(self, mensaje: str) -> None:
        self.error_archivo.setText(mensaje)
        self.error_archivo.show()

    def _preparar(self, conservar: bool) -> bool:
        """Lee la factura con el servicio (no escribe nada). ``conservar``: mantener lo capturado."""
        self.error_archivo.hide()
        try:
            propuesta = alta_cfdi.preparar_alta(self.xml, self.pdf, self.nombre_xml, self.nombre_pdf)
        except ErrorValidacion as exc:
            self._error_archivo("\n".join(m for _c, m in exc.errores) or exc.mensaje)
            if not conservar:
                self.propuesta = None
                self._mostrar_propuesta()
            return False
        except Exception as exc:  # noqa: BLE001 - el dialogo sigue abierto
            self._error_archivo(tr("No se pudo leer la factura: ") + f"{type(exc).__name__}: {exc}")
            return False
        mismo = conservar and self.propuesta is not None and self.propuesta.uuid == propuesta.uuid \
            and len(self.propuesta.bienes) == len(propuesta.bienes)
        self.propuesta = propuesta
        if mismo:
            self._llenar_factura()
        else:
            self._mostrar_propuesta()
        return True

    # --- Presentación ---------------------------------------------------------------------------

    def _llenar_factura(self) -> None:
        p = self.propuesta
        if p is None:
            for etiqueta in self.campos_factura.values():
                etiqueta.setText("")
            return
        nuevo = tr(" (proveedor nuevo: se registrará)") if p.proveedor_nuevo else ""
        self.campos_factura["proveedor"].setText(f"{p.nombre_emisor} · RFC {p.rfc_emisor}{nuevo}")
        self.campos_factura["fecha"].setText(f"{p.fecha:%d/%m/%Y %H:%M}")
        self.campos_factura["uuid"].setText(f"{p.uuid}  (CFDI {p.version_cfdi})")
        self.campos_factura["total"].setText(f"$ {p.total:,.2f} {p.moneda}  ·  " +
                                             tr("{n} bienes propuestos").format(n=len(p.bienes)))
        self._mostrar_cuadre()

    def omitidas(self) -> set[int]:
        """Índices de las piezas que no se darán de alta (marcadas o de un concepto que no es bien)."""
        return {i for i, fila in enumerate(self.filas) if fila.omitir.isChecked()}

    def cuadre(self):
        """El cuadre de la propuesta con lo que el usuario dejó fuera (None sin propuesta)."""
        if self.propuesta is None:
            return None
        return alta_cfdi.cuadre(self.propuesta, self.omitidas() if self.filas else ())

    def _mostrar_cuadre(self) -> None:
        p = self.propuesta
        if p is None:
            return
        cuadre = self.cuadre()
        iva = tr("IVA acreditable: fuera del valor") if p.acredita_iva else tr("IVA incluido en el valor (no se acredita)")
        self.campos_factura["cuadre"].setText("\n".join(cuadre.lineas() + [iva]))
        avisos = [a for a in p.avisos if not a.startswith("Las piezas y")]
        if cuadre.aviso():
            avisos.append(cuadre.aviso())
        self.campos_factura["avisos"].setText("\n".join(avisos))
        self.campos_factura["avisos"].setStyleSheet("color: #8a5a00;" if cuadre.aviso() else "")
        self.datos_factura.layout().setRowVisible(self.campos_factura["avisos"], bool(avisos))

    def _llenar_conceptos(self) -> None:
        self.conceptos.setRowCount(0)
        self.no_es_bien = {}
        if self.propuesta is None:
            return
        self.conceptos.setRowCount(len(self.propuesta.conceptos))
        for fila, concepto in enumerate(self.propuesta.conceptos):
            textos = (str(concepto.numero), concepto.descripcion, f"{concepto.cantidad.normalize():f}",
                      _pesos(concepto.importe), _pesos(concepto.descuento), _pesos(concepto.impuestos_costo),
                      _pesos(concepto.costo))
            for columna, texto in enumerate(textos):
                celda = QTableWidgetItem(texto)
                celda.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if columna >= 2:
                    celda.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.conceptos.setItem(fila, columna, celda)
            casilla = QCheckBox(self.conceptos)
            casilla.setToolTip(tr("Envío, instalación, servicio…: sus piezas no se dan de alta"))
            if not self.propuesta.piezas_de(concepto.numero):
                casilla.setChecked(True)             # cantidad fraccionaria: no son piezas
                casilla.setEnabled(False)
            else:
                casilla.toggled.connect(lambda marcado, n=concepto.numero: self.marcar_no_es_bien(n, marcado))
            self.no_es_bien[concepto.numero] = casilla
            self.conceptos.setCellWidget(fila, len(COLUMNAS_CONCEPTOS) - 1, casilla)

    def marcar_no_es_bien(self, concepto: int, marcado: bool = True) -> None:
        """Marca (o desmarca) el concepto ``concepto`` como «no es bien»: sus piezas quedan fuera."""
        casilla = self.no_es_bien.get(concepto)
        if casilla is not None and casilla.isChecked() != marcado:
            casilla.setChecked(marcado)              # vuelve a entrar por la señal
            return
        for indice in self.propuesta.piezas_de(concepto) if self.propuesta else ():
            fila = self.filas[indice]
            fila.omitir.setChecked(marcado)
            fila.omitir.setEnabled(not marcado)
        self._mostrar_cuadre()

    def _mostrar_propuesta(self) -> None:
        self.tabla.setRowCount(0)
        self.filas = []
        self._llenar_conceptos()
        self._llenar_factura()
        hay = self.propuesta is not None
        self.datos_factura.setVisible(hay)
        self.boton_registrar.setEnabled(hay)
        self.boton_copiar.setEnabled(hay and len(self.propuesta.bienes) > 1)
        self.boton_pdf.setEnabled(self.xml is not None)
        if not hay:
            return
        self.tabla.setRowCount(len(self.propuesta.bienes))
        for fila, propuesto in enumerate(self.propuesta.bienes):
            self.filas.append(FilaBien(self.tabla, fila, propuesto, self._tipos, self._servidores))
            self.filas[-1].omitir.toggled.connect(lambda _m: self._mostrar_cuadre())
        self._mostrar_cuadre()

    def copiar_primera(self) -> None:
        if len(self.filas) < 2:
            return
        primera = self.filas[0]
        for fila in self.filas[1:]:
            fila.tipo.setCurrentIndex(primera.tipo.currentIndex())
            for campo in ("marca", "modelo", "color"):
                getattr(fila, campo).setText(getattr(primera, campo).text())
            fila.resguardo.poner(primera.resguardo.servidor_id(), primera.resguardo.dependencia_id())

    # --- Registrar ------------------------------------------------------------------------------

    def _limpiar_errores(self) -> None:
        for fila in self.filas:
            for widget in fila.campos.values():
                if widget.property("error"):
                    marcar_campo(widget, False)
        self.errores.hide()

    def _marcar(self, errores: list[tuple[str, str]]) -> None:
        primero: QWidget | None = None
        for campo, mensaje in errores:
            coincidencia = _PREFIJO.match(campo)
            if coincidencia is None:
                continue
            indice = int(coincidencia.group(1)) - 1
            if 0 <= indice < len(self.filas):
                widget = self.filas[indice].campos.get(coincidencia.group(2))
                if widget is not None:
                    marcar_campo(widget, True, mensaje)
                    primero = primero or widget
        self.errores.setText("\n".join(m for _c, m in errores))
        self.errores.show()
        if primero is not None:
            primero.setFocus()
            self.tabla.scrollToItem(self.tabla.item(self.filas.index(
                next(f for f in self.filas if primero in f.campos.values())), 0))

    def registrar(self) -> None:
        if self.propuesta is None:
            return
        self._limpiar_errores()
        for numero, fila in enumerate(self.filas, start=1):
            if fila.foto.error and not fila.omitir.isChecked():
                self._marcar([(f"Bien {numero}: fotografia", f"Bien {numero}: {fila.foto.error}")])
                return
        capturas = [fila.captura() for fila in self.filas]
        cuantos = sum(1 for c in capturas if not c.get("omitir"))
        if self.solicitar_alta.isChecked() and not comunes.confirmar(
                self, self.windowTitle(),
                tr("Se registrarán la factura y {n} bienes y se emitirá con el siguiente folio el oficio de alta a "
                   "Armonización Contable. ¿Registrar?").format(n=cuantos)):
            return
        try:
            self.bienes = alta_cfdi.registrar_alta(self.sesion, self.propuesta, capturas,
                                                   solicitar_alta=self.solicitar_alta.isChecked())
        except ErrorValidacion as exc:
            self._marcar(exc.errores)
            return
        except Exception as exc:  # noqa: BLE001 - se muestra y se conserva lo capturado
            comunes.ejecutar(self, _relanzar, exc)
            return
        self.accept()


def _relanzar(exc: Exception) -> None:
    raise exc

