"""Diálogos del módulo «Licencias»: catálogo de software, licencia, asignación y solicitud de software."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QCompleter, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.modelos import Bien, Licencia, Proveedor, ServidorPublico, Software, Usuario
from app.servicios.catalogos import catalogos
from app.servicios.dictamenes import dictamenes
from app.servicios.licencias import licencias
from app.servicios.oficios import oficios
from app.errores import ErrorDTI, ErrorValidacion
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.fechas import fecha_de, qfecha
from app.vistas.comun.archivos import carpeta_documentos
from app.vistas.comun.formulario import (SEPARADOR, armar_dialogo, botones_de_dialogo, etiqueta_errores,
                                       fila_con_atajo, texto_multilinea)


def _fecha_opcional(padre: QWidget, texto: str) -> tuple[QDateEdit, QCheckBox, QHBoxLayout]:
    fecha = QDateEdit(padre)
    fecha.setCalendarPopup(True)
    fecha.setDisplayFormat("dd/MM/yyyy")
    fecha.setDate(qfecha(hoy_mexico()))
    ninguna = QCheckBox(texto, padre)
    ninguna.toggled.connect(lambda marcado: fecha.setEnabled(not marcado))
    fila = QHBoxLayout()
    fila.addWidget(fecha)
    fila.addWidget(ninguna)
    fila.addStretch(1)
    return fecha, ninguna, fila


class SelectorBien(QLineEdit):
    """Campo de número de inventario con sugerencias mientras se escribe."""

    def __init__(self, padre: QWidget) -> None:
        super().__init__(padre)
        self.setPlaceholderText(tr("Número de inventario, serie, marca o descripción"))
        self._modelo = QStringListModel(self)
        completador = QCompleter(self._modelo, self)
        completador.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completador.setFilterMode(Qt.MatchFlag.MatchContains)
        completador.activated.connect(lambda texto: self.setText(texto.split(SEPARADOR)[0]))
        self.setCompleter(completador)
        self.textEdited.connect(self._sugerir)

    def _sugerir(self, texto: str) -> None:
        if len(texto.strip()) >= 2:
            self._modelo.setStringList([f"{f['numero_inventario']}{SEPARADOR}{f['descripcion']}"
                                        for f in dictamenes.buscar_bienes(texto, 30)])

    def bien(self) -> Bien | None:
        numero = self.text().split(SEPARADOR)[0].strip()
        if not numero:
            return None
        try:
            return dictamenes.bien_por_numero(numero)
        except ErrorDTI:
            return None


# --- Catálogo de software --------------------------------------------------------------------------

class DialogoCatalogoSoftware(QDialog):
    """Alta y edición del catálogo de software (con su alternativa libre para la actividad 6)."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.software: Software | None = None
        self.cambios = 0
        self.setWindowTitle(tr("Catálogo de software"))
        self.setMinimumSize(760, 460)
        self.lista = QListWidget(self)
        self.lista.currentItemChanged.connect(lambda actual, _a: self._elegir(actual))
        self.nombre = QLineEdit(self)
        self.nombre.setMaxLength(150)
        self.fabricante = QLineEdit(self)
        self.categoria = QLineEdit(self)
        self.libre = QCheckBox(tr("Es software libre (sin costo de licencia)"), self)
        self.alternativa = QLineEdit(self)
        self.alternativa.setPlaceholderText(tr("p. ej. LibreOffice, GIMP, LibreCAD"))
        self.activo = QCheckBox(tr("Activo"), self)
        self.activo.setChecked(True)
        self.notas = texto_multilinea(self, 60)
        formulario = QFormLayout()
        formulario.addRow(tr("&Nombre:"), self.nombre)
        formulario.addRow(tr("&Fabricante:"), self.fabricante)
        formulario.addRow(tr("&Categoría:"), self.categoria)
        formulario.addRow("", self.libre)
        formulario.addRow(tr("&Alternativa libre:"), self.alternativa)
        formulario.addRow(tr("N&otas:"), self.notas)
        formulario.addRow("", self.activo)
        self.errores = etiqueta_errores(self)
        self.boton_nuevo = QPushButton(tr("Nuevo"), self)
        self.boton_nuevo.setAutoDefault(False)
        self.boton_nuevo.clicked.connect(self.nuevo)
        self.boton_guardar = QPushButton(tr("Guardar"), self)
        self.boton_guardar.setDefault(True)
        self.boton_guardar.clicked.connect(self.guardar)
        cerrar = QPushButton(tr("Cerrar"), self)
        cerrar.setAutoDefault(False)
        cerrar.clicked.connect(self.accept)
        botones = QHBoxLayout()
        botones.addWidget(self.boton_nuevo)
        botones.addStretch(1)
        botones.addWidget(self.boton_guardar)
        botones.addWidget(cerrar)
        derecha = QVBoxLayout()
        derecha.addLayout(formulario)
        derecha.addWidget(self.errores)
        derecha.addStretch(1)
        derecha.addLayout(botones)
        capa = QHBoxLayout(self)
        capa.addWidget(self.lista, 2)
        capa.addLayout(derecha, 3)
        self._cargar()
        self.nuevo()

    def _cargar(self, elegir: int | None = None) -> None:
        self.lista.blockSignals(True)
        self.lista.clear()
        for s in licencias.catalogo_software(activos=False):
            elemento = QListWidgetItem(s.nombre + ("" if s.activo else tr(" (inactivo)")))
            elemento.setData(Qt.ItemDataRole.UserRole, s.id)
            self.lista.addItem(elemento)
            if s.id == elegir:
                self.lista.setCurrentItem(elemento)
        self.lista.blockSignals(False)

    def _elegir(self, elemento: QListWidgetItem | None) -> None:
        if elemento is None:
            return
        s = licencias.obtener_software(elemento.data(Qt.ItemDataRole.UserRole))
        self.software = s
        self.nombre.setText(s.nombre)
        self.fabricante.setText(s.fabricante)
        self.categoria.setText(s.categoria)
        self.libre.setChecked(s.es_libre)
        self.alternativa.setText(s.alternativa_libre)
        self.notas.setPlainText(s.notas)
        self.activo.setChecked(s.activo)

    def nuevo(self) -> None:
        self.software = None
        self.lista.clearSelection()
        for campo in (self.nombre, self.fabricante, self.categoria, self.alternativa):
            campo.clear()
        self.notas.clear()
        self.libre.setChecked(False)
        self.activo.setChecked(True)
        self.nombre.setFocus()

    def guardar(self) -> None:
        marcar_campo(self.nombre, False)
        try:
            guardado = licencias.guardar_software(
                self.sesion, nombre=self.nombre.text(), fabricante=self.fabricante.text(),
                categoria=self.categoria.text(), es_libre=self.libre.isChecked(),
                alternativa_libre=self.alternativa.text(), notas=self.notas.toPlainText(),
                activo=self.activo.isChecked(), software=self.software,
                version=self.software.version if self.software else None)
        except ErrorValidacion as exc:
            marcar_errores({"nombre": self.nombre, "alternativa_libre": self.alternativa}, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        self.errores.hide()
        self.cambios += 1
        self._cargar(guardado.id)
        self._elegir(self.lista.currentItem())


# --- Licencia ------------------------------------------------------------------------------------------

class DialogoLicencia(QDialog):
    """Alta o edición de una licencia. La clave se escribe oculta y se guarda cifrada."""

    def __init__(self, sesion: Usuario, licencia: Licencia | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.original = sesion, licencia
        self.licencia: Licencia | None = None
        self.ruta_cfdi = ""
        self.setWindowTitle(tr("Editar licencia") if licencia else tr("Nueva licencia"))
        self.setMinimumWidth(700)
        self.software = QComboBox(self)
        for s in licencias.catalogo_software():
            self.software.addItem(s.nombre, s.id)
        self.tipo = QComboBox(self)
        for clave, texto in licencias.TIPOS_LICENCIA.items():
            self.tipo.addItem(tr(texto), clave)
        self.descripcion = QLineEdit(self)
        self.descripcion.setMaxLength(300)
        self.asientos = QSpinBox(self)
        self.asientos.setRange(1, 1_000_000)
        self.clave = QLineEdit(self)
        self.clave.setEchoMode(QLineEdit.EchoMode.Password)
        self.clave.setMaxLength(500)
        self.mostrar_clave = QCheckBox(tr("Mostrar mientras escribo"), self)
        self.mostrar_clave.toggled.connect(lambda marcado: self.clave.setEchoMode(
            QLineEdit.EchoMode.Normal if marcado else QLineEdit.EchoMode.Password))
        self.quitar_clave = QCheckBox(tr("Quitar la clave guardada"), self)
        fila_clave = QHBoxLayout()
        fila_clave.addWidget(self.clave, 1)
        fila_clave.addWidget(self.mostrar_clave)
        self.inicio, self.sin_inicio, fila_inicio = _fecha_opcional(self, tr("Sin fecha"))
        self.fin, self.sin_fin, fila_fin = _fecha_opcional(self, tr("No vence"))
        self.costo = QLineEdit("0.00", self)
        self.costo.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.proveedor = QComboBox(self)
        self.proveedor.addItem(tr("(sin proveedor)"), None)
        for p in catalogos.proveedores():
            self.proveedor.addItem(p.razon_social, p.id)
        self.uuid = QLineEdit(self)
        self.uuid.setPlaceholderText("XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX")
        self.boton_cfdi = QPushButton(tr("Adjuntar XML o PDF del CFDI…"), self)
        self.boton_cfdi.setAutoDefault(False)
        self.boton_cfdi.clicked.connect(self.elegir_cfdi)
        self.etiqueta_cfdi = etiqueta_plana(tr("Sin archivo"), self)
        fila_cfdi = QHBoxLayout()
        fila_cfdi.addWidget(self.boton_cfdi)
        fila_cfdi.addWidget(self.etiqueta_cfdi, 1)
        self.notas = texto_multilinea(self, 50)
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.addRow(tr("&Software:"), self.software)
        formulario.addRow(tr("&Tipo:"), self.tipo)
        formulario.addRow(tr("&Descripción:"), self.descripcion)
        formulario.addRow(tr("&Asientos:"), self.asientos)
        fila_con_atajo(formulario, tr("C&lave:"), fila_clave, self.clave)
        if licencia is not None:
            formulario.addRow("", self.quitar_clave)
        fila_con_atajo(formulario, tr("Vigencia d&esde:"), fila_inicio, self.inicio)
        fila_con_atajo(formulario, tr("Vigencia &hasta:"), fila_fin, self.fin)
        formulario.addRow(tr("C&osto (MXN):"), self.costo)
        formulario.addRow(tr("&Proveedor:"), self.proveedor)
        formulario.addRow(tr("&UUID del CFDI:"), self.uuid)
        formulario.addRow(tr("Archivo del CFDI:"), fila_cfdi)
        formulario.addRow(tr("&Notas:"), self.notas)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Guardar"))
        armar_dialogo(self, formulario, self.errores, caja)
        self.campos = {"software": self.software, "tipo": self.tipo, "descripcion": self.descripcion,
                       "asientos": self.asientos, "clave": self.clave, "vigencia_inicio": self.inicio,
                       "vigencia_fin": self.fin, "costo": self.costo, "cfdi_uuid": self.uuid,
                       "cfdi_archivo": self.boton_cfdi, "notas": self.notas}
        self.sin_inicio.setChecked(True)
        self.sin_fin.setChecked(True)
        if licencia is not None:
            self._llenar(licencia)

    def _llenar(self, l: Licencia) -> None:  # noqa: E741
        self.software.setCurrentIndex(max(0, self.software.findData(l.software_id)))
        if self.software.findData(l.software_id) < 0:
            self.software.addItem(l.software.nombre, l.software_id)
            self.software.setCurrentIndex(self.software.count() - 1)
        self.tipo.setCurrentIndex(max(0, self.tipo.findData(l.tipo)))
        self.descripcion.setText(l.descripcion)
        self.asientos.setValue(l.asientos)
        self.clave.setPlaceholderText(tr("Guardada: {mascara}").format(mascara=l.clave_mascara)
                                      if l.clave_mascara else tr("Sin clave"))
        self.clave.setToolTip(tr("Déjela vacía para conservar la clave guardada; escriba solo para reemplazarla."))
        self.sin_inicio.setChecked(l.vigencia_inicio is None)
        if l.vigencia_inicio:
            self.inicio.setDate(qfecha(l.vigencia_inicio))
        self.sin_fin.setChecked(l.vigencia_fin is None)
        if l.vigencia_fin:
            self.fin.setDate(qfecha(l.vigencia_fin))
        self.costo.setText(f"{l.costo:.2f}")
        self.proveedor.setCurrentIndex(max(0, self.proveedor.findData(l.proveedor_id)))
        self.uuid.setText(l.cfdi_uuid)
        if l.cfdi_nombre:
            self.etiqueta_cfdi.setText(tr("Guardado: ") + l.cfdi_nombre)
        self.notas.setPlainText(l.notas)

    def elegir_cfdi(self) -> None:
        ruta, _ = abrir_archivo(self, tr("CFDI de la licencia"), carpeta_documentos(),
                                              tr("CFDI (*.xml *.pdf);;Todos los archivos (*)"))
        if ruta:
            self.ruta_cfdi = ruta
            self.etiqueta_cfdi.setText(Path(ruta).name)

    def _clave(self) -> str | None:
        if self.original is None:
            return self.clave.text()
        if self.quitar_clave.isChecked():
            return ""
        return self.clave.text() or None     # vacío al editar: se conserva la guardada

    def guardar(self) -> None:
        for campo in self.campos.values():
            marcar_campo(campo, False)
        software_id = self.software.currentData()
        proveedor_id = self.proveedor.currentData()
        try:
            self.licencia = licencias.registrar_licencia(
                self.sesion, software=licencias.obtener_software(software_id) if software_id else None,
                tipo=self.tipo.currentData(), asientos=self.asientos.value(), clave=self._clave(),
                descripcion=self.descripcion.text(),
                vigencia_inicio=None if self.sin_inicio.isChecked() else fecha_de(self.inicio.date()),
                vigencia_fin=None if self.sin_fin.isChecked() else fecha_de(self.fin.date()),
                costo=self.costo.text(), proveedor=catalogos.obtener(Proveedor, proveedor_id)
                if proveedor_id else None, cfdi_uuid=self.uuid.text(), cfdi_archivo=self.ruta_cfdi or None,
                notas=self.notas.toPlainText(), licencia=self.original,
                version=self.original.version if self.original else None)
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        self.clave.clear()
        self.accept()


# --- Asignación ----------------------------------------------------------------------------------------

class _Destino(QWidget):
    """Elegir un bien (por número de inventario) o un servidor público."""

    def __init__(self, padre: QWidget) -> None:
        super().__init__(padre)
        self.a_bien = QRadioButton(tr("A un &bien"), self)
        self.a_servidor = QRadioButton(tr("A un ser&vidor público"), self)
        grupo = QButtonGroup(self)
        grupo.addButton(self.a_bien)
        grupo.addButton(self.a_servidor)
        self.bien = SelectorBien(self)
        self.servidor = QComboBox(self)
        self.servidor.addItem(tr("(elija)"), None)
        for s in catalogos.servidores():
            self.servidor.addItem(s.nombre, s.id)
        self.a_bien.toggled.connect(self.bien.setEnabled)
        self.a_servidor.toggled.connect(self.servidor.setEnabled)
        self.a_bien.setChecked(True)
        self.servidor.setEnabled(False)
        capa = QFormLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addRow(self.a_bien, self.bien)
        capa.addRow(self.a_servidor, self.servidor)

    def elegido(self) -> dict:
        if self.a_bien.isChecked():
            return {"bien": self.bien.bien()}
        identificador = self.servidor.currentData()
        return {"servidor": catalogos.obtener(ServidorPublico, identificador) if identificador else None}

    def falta(self) -> str:
        if self.a_bien.isChecked() and self.bien.bien() is None:
            return tr("Escriba el número de inventario de un bien existente.")
        if self.a_servidor.isChecked() and self.servidor.currentData() is None:
            return tr("Elija el servidor público.")
        return ""


class DialogoAsignar(QDialog):
    """Asigna un asiento de la licencia (actividad 4: se instala la licencia)."""

    def __init__(self, sesion: Usuario, licencia: Licencia, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.objetivo = sesion, licencia
        self.asignacion = None
        self.setWindowTitle(tr("Asignar licencia"))
        self.setMinimumWidth(560)
        fila = next(iter(licencias.consultar_licencias(licencia_id=licencia.id, incluir_bajas=True)), None)
        if fila is None or fila["disponibles"] is None:
            libres = ""
        elif fila["disponibles"] > 0:
            libres = tr(" · asientos libres: {n}").format(n=fila["disponibles"])
        else:
            libres = tr(" · sin asientos libres") + (tr(" (sobreasignada por {n})").format(n=-fila["disponibles"])
                                                   if fila["disponibles"] < 0 else "")
        self.destino = _Destino(self)
        self.instalada = QCheckBox(tr("Ya quedó instalada"), self)
        self.instalada.setChecked(True)
        self.exceso = QCheckBox(tr("Asignar aunque no queden asientos (quedará sobreasignada)"), self)
        self.nota = texto_multilinea(self, 50)
        formulario = QFormLayout()
        formulario.addRow(tr("Licencia:"), etiqueta_plana(
            f"{licencia.software.nombre} · {licencias.TIPOS_LICENCIA[licencia.tipo]} · {licencia.descripcion}{libres}",
            self))
        formulario.addRow(self.destino)
        formulario.addRow("", self.instalada)
        formulario.addRow("", self.exceso)
        formulario.addRow(tr("&Nota:"), self.nota)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Asignar"))
        armar_dialogo(self, formulario, self.errores, caja)

    def guardar(self) -> None:
        falta = self.destino.falta()
        if falta:
            marcar_errores({}, [("destino", falta)], self.errores)
            return
        try:
            self.asignacion = licencias.asignar(self.sesion, self.objetivo, instalada=self.instalada.isChecked(),
                                                nota=self.nota.toPlainText(), permitir_exceso=self.exceso.isChecked(),
                                                **self.destino.elegido())
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        self.accept()


# --- Solicitud de software (flujo de decisión) ---------------------------------------------------------

class DialogoSolicitudSoftware(QDialog):
    """Atiende una petición de software con el flujo del manual: asignar, adquirir o alternativa libre."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, oficio_id: int | None = None) -> None:
        """``oficio_id``: el oficio recibido que pide el software, ya elegido (expediente único)."""
        super().__init__(parent)
        self.sesion = sesion
        self.solicitud = None
        self.setWindowTitle(tr("Atender solicitud de software"))
        self.setMinimumWidth(640)
        self.oficio = QComboBox(self)
        self.oficio.addItem(tr("(sin oficio)"), None)
        for fila in oficios.consultar(oficios.ENTRANTE, limite=300):
            if fila["estado"] != oficios.CANCELADO:
                procedencia = fila.get("procedencia") or fila.get("procedencia_texto") or ""
                self.oficio.addItem(SEPARADOR.join(p for p in (fila["numero_oficio"] or tr("(sin número)"),
                                                               procedencia, (fila["descripcion"] or "")[:60]) if p),
                                    fila["id"])
        if oficio_id is not None:
            self.oficio.setCurrentIndex(max(0, self.oficio.findData(oficio_id)))
        self.software = QComboBox(self)
        self.software.setEditable(True)
        self.software.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.software.addItem("", None)
        for s in licencias.catalogo_software():
            self.software.addItem(s.nombre, s.id)
        self.software.lineEdit().setPlaceholderText(tr("Elija del catálogo o escriba el nombre"))
        self.software.currentTextChanged.connect(lambda _t: self._evaluar())
        self.disponibilidad = etiqueta_plana("", self)
        self.disponibilidad.setStyleSheet("font-weight: bold;")
        self.destino = _Destino(self)
        self.adquirir = QCheckBox(tr("Es necesaria la adquisición (abrir el trámite de adquisición)"), self)
        self.alternativa = QLineEdit(self)
        self.alternativa.setPlaceholderText(tr("Alternativa de uso libre que se propone"))
        self.adquirir.toggled.connect(lambda marcado: self.alternativa.setEnabled(not marcado))
        self.justificacion = texto_multilinea(self, 60)
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.addRow(tr("&Oficio:"), self.oficio)
        formulario.addRow(tr("&Software solicitado:"), self.software)
        formulario.addRow("", self.disponibilidad)
        formulario.addRow(QLabel(tr("Si hay licencia, se asigna:"), self))
        formulario.addRow(self.destino)
        formulario.addRow(QLabel(tr("Si no hay licencia:"), self))
        formulario.addRow("", self.adquirir)
        formulario.addRow(tr("&Alternativa libre:"), self.alternativa)
        formulario.addRow(tr("&Justificación:"), self.justificacion)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Atender"))
        armar_dialogo(self, formulario, self.errores, caja)
        self._evaluar()

    def _software(self) -> Software | None:
        """El software del catálogo cuyo nombre está escrito o elegido (sin importar mayúsculas)."""
        indice = self.software.findText(self.software.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        return licencias.obtener_software(self.software.itemData(indice)) if indice > 0 else None

    def _evaluar(self) -> None:
        """Actividad 2: ¿el Ayuntamiento ya tiene licencia del software?"""
        software = self._software()
        disponible = licencias.licencia_disponible(software) if software is not None else None
        if disponible is not None:
            self.disponibilidad.setText(tr("Hay licencia disponible: se asignará ({descripcion}).")
                                        .format(descripcion=disponible.descripcion or disponible.software.nombre))
            self.disponibilidad.setStyleSheet("font-weight: bold; color: #1e6b34;")
        else:
            self.disponibilidad.setText(tr("No hay licencia disponible: adquirir o proponer alternativa libre.")
                                        if self.software.currentText().strip() else "")
            self.disponibilidad.setStyleSheet("font-weight: bold; color: #8a5a00;")
            if software is not None and software.alternativa_libre and not self.alternativa.text():
                self.alternativa.setText(software.alternativa_libre)
        self.destino.setEnabled(disponible is not None)

    def guardar(self) -> None:
        software = self._software()
        datos: dict = {}
        if software is not None and licencias.licencia_disponible(software) is not None:
            falta = self.destino.falta()
            if falta:
                marcar_errores({}, [("destino", falta)], self.errores)
                return
            datos = self.destino.elegido()
        identificador = self.oficio.currentData()
        try:
            self.solicitud = licencias.atender_solicitud(
                self.sesion, software=software, software_texto="" if software else self.software.currentText(),
                oficio=oficios.obtener(identificador) if identificador else None, adquirir=self.adquirir.isChecked(),
                alternativa=self.alternativa.text() if not self.adquirir.isChecked() else "",
                justificacion=self.justificacion.toPlainText(), **datos)
        except ErrorValidacion as exc:
            marcar_errores({"alternativa": self.alternativa, "software": self.software}, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        self.accept()


def costo_texto(valor: Decimal | None) -> str:
    return f"${(valor or Decimal('0')):,.2f}"


class DialogoInstalarAdquirida(QDialog):
    """Llegó la licencia que se compró para una solicitud (paso 5): se instala (paso 4) y el caso concluye."""

    def __init__(self, sesion: Usuario, solicitud_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.modelos import SolicitudSoftware

        self.sesion = sesion
        self.solicitud_objetivo = SolicitudSoftware.get_by_id(solicitud_id)
        self.solicitud = None
        self.setWindowTitle(tr("Instalar la licencia adquirida"))
        self.setMinimumWidth(560)
        nombre = (self.solicitud_objetivo.software.nombre if self.solicitud_objetivo.software_id
                  else self.solicitud_objetivo.software_texto)
        self.licencia = QComboBox(self)
        self.licencia.addItem(tr("(elija la licencia registrada con su CFDI)"), None)
        for fila in licencias.consultar_licencias():
            if self.solicitud_objetivo.software_id and fila.get("software_id") != self.solicitud_objetivo.software_id:
                continue
            libres = fila.get("disponibles")
            texto = f"{fila.get('software', '')} · {fila.get('descripcion', '')}".strip(" ·")
            if libres is not None:
                texto += tr(" · asientos libres: {n}").format(n=libres)
            self.licencia.addItem(texto, fila["id"])
        self.destino = _Destino(self)
        formulario = QFormLayout()
        formulario.addRow(tr("Solicitud:"), etiqueta_plana(tr("{software} (en adquisición)").format(software=nombre),
                                                           self))
        formulario.addRow(tr("&Licencia:"), self.licencia)
        formulario.addRow(self.destino)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Instalar y concluir"))
        armar_dialogo(self, formulario, self.errores, caja)

    def guardar(self) -> None:
        falta = self.destino.falta() or ("" if self.licencia.currentData() else tr("Elija la licencia adquirida."))
        if falta:
            marcar_errores({}, [("destino", falta)], self.errores)
            return
        try:
            self.solicitud = licencias.instalar_adquirida(
                self.sesion, self.solicitud_objetivo, licencias.obtener_licencia(self.licencia.currentData()),
                **self.destino.elegido())
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        self.accept()
