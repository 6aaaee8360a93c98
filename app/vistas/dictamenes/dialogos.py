"""Diálogos del módulo «Dictámenes»: solicitud por oficio, recepción acordada y evaluación del equipo."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QCompleter, QDateEdit, QDateTimeEdit,
                               QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton,
                               QRadioButton, QWidget)

from app.modelos import Bien, Dictamen, Oficio, Usuario
from app.servicios.dictamenes import dictamenes
from app.servicios.oficios import oficios
from app.errores import ErrorDTI, ErrorValidacion
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.fechas import fecha_de, fecha_hora_de, qfecha, qfecha_hora
from app.vistas.comun.formulario import (SEPARADOR, armar_dialogo, botones_de_dialogo, etiqueta_errores,
                                       fila_con_atajo, texto_multilinea)
from app.vistas.comun.pantalla import acotar



def _fecha_hora(padre: QWidget, valor: dt.datetime | None) -> QDateTimeEdit:
    campo = QDateTimeEdit(padre)
    campo.setCalendarPopup(True)
    campo.setDisplayFormat("dd/MM/yyyy HH:mm")
    manana = dt.datetime.combine(hoy_mexico() + dt.timedelta(days=1), dt.time(10, 0))
    campo.setDateTime(qfecha_hora(valor or manana))
    return campo


# --- Solicitud ----------------------------------------------------------------------------------

class DialogoSolicitudDictamen(QDialog):
    """Registra la solicitud (paso 2): el bien por número de inventario, el oficio y, si ya se acordó
    por teléfono, la fecha y hora de recepción. Al aceptar, ``dictamen`` es el registro guardado."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, oficio_id: int | None = None) -> None:
        """``oficio_id``: el oficio recibido que pide el dictamen, ya elegido (expediente único)."""
        super().__init__(parent)
        self.sesion = sesion
        self.dictamen: Dictamen | None = None
        self.setWindowTitle(tr("Nueva solicitud de dictamen técnico"))
        self.setMinimumWidth(640)

        self.bien = QLineEdit(self)
        self.bien.setPlaceholderText(tr("Número de inventario, serie, marca o descripción"))
        self._modelo_bienes = QStringListModel(self)
        completador = QCompleter(self._modelo_bienes, self)
        completador.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completador.setFilterMode(Qt.MatchFlag.MatchContains)
        completador.activated.connect(self._elegir_bien)
        self.bien.setCompleter(completador)
        self.bien.textEdited.connect(self._sugerir_bienes)
        self.bien.editingFinished.connect(self._mostrar_bien)
        self.info_bien = etiqueta_plana("", self)
        self.info_bien.setObjectName("subtitulo")

        self.oficio = QComboBox(self)
        self._cargar_oficios(oficio_id)
        self.boton_oficio = QPushButton(tr("Registrar oficio recibido…"), self)
        self.boton_oficio.setAutoDefault(False)
        self.boton_oficio.clicked.connect(self.registrar_oficio)
        fila_oficio = QHBoxLayout()
        fila_oficio.addWidget(self.oficio, 1)
        fila_oficio.addWidget(self.boton_oficio)

        self.motivo = texto_multilinea(self, 60, tr("Si se deja vacío, se toma la descripción del oficio"))
        self.acordada = QCheckBox(tr("Ya se acordó por teléfono la fecha y hora de recepción"), self)
        self.recepcion = _fecha_hora(self, None)
        self.acuerdo = QLineEdit(self)
        self.acuerdo.setMaxLength(1000)
        self.acuerdo.setPlaceholderText(tr("Con quién se habló, extensión…"))
        for campo in (self.recepcion, self.acuerdo):
            campo.setEnabled(False)
            self.acordada.toggled.connect(campo.setEnabled)

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.addRow(tr("&Bien:"), self.bien)
        formulario.addRow("", self.info_bien)
        fila_con_atajo(formulario, tr("&Oficio de solicitud:"), fila_oficio, self.oficio)
        formulario.addRow(tr("&Motivo:"), self.motivo)
        formulario.addRow("", self.acordada)
        formulario.addRow(tr("&Recepción acordada:"), self.recepcion)
        formulario.addRow(tr("&Acuerdo telefónico:"), self.acuerdo)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Registrar solicitud"))
        armar_dialogo(self, formulario, self.errores, caja)
        self.campos = {"bien": self.bien, "oficio": self.oficio, "motivo": self.motivo,
                       "recepcion_acordada": self.recepcion, "acuerdo_telefonico": self.acuerdo}
        self.bien.setFocus()

    def _cargar_oficios(self, elegir: int | None = None) -> None:
        self.oficio.clear()
        self.oficio.addItem(tr("(elija el oficio recibido)"), None)
        for fila in oficios.consultar(oficios.ENTRANTE, limite=300):
            if fila["estado"] == oficios.CANCELADO:
                continue
            procedencia = fila.get("procedencia") or fila.get("procedencia_texto") or ""
            texto = SEPARADOR.join(p for p in (fila["numero_oficio"] or tr("(sin número)"), procedencia,
                                               (fila.get("descripcion") or "")[:70]) if p)
            self.oficio.addItem(texto, fila["id"])
        if elegir is not None:
            self.oficio.setCurrentIndex(max(0, self.oficio.findData(elegir)))

    def _sugerir_bienes(self, texto: str) -> None:
        if len(texto.strip()) < 2:
            return
        filas = dictamenes.buscar_bienes(texto, 30)
        self._modelo_bienes.setStringList([f"{f['numero_inventario']}{SEPARADOR}{f['descripcion']}" for f in filas])

    def _elegir_bien(self, texto: str) -> None:
        self.bien.setText(texto.split(SEPARADOR)[0])
        self._mostrar_bien()

    def _bien(self) -> Bien | None:
        numero = self.bien.text().split(SEPARADOR)[0].strip()
        if not numero:
            return None
        try:
            return dictamenes.bien_por_numero(numero)
        except ErrorDTI:
            return None

    def _mostrar_bien(self) -> None:
        bien = self._bien()
        if bien is None:
            self.info_bien.setText(tr("No hay un bien con ese número de inventario.") if self.bien.text().strip()
                                   else "")
            return
        partes = [bien.descripcion, f"{bien.marca} {bien.modelo}".strip(), f"Serie {bien.serie}" if bien.serie else ""]
        self.info_bien.setText(" · ".join(p for p in partes if p))

    def registrar_oficio(self) -> None:
        from app.vistas.oficios.oficios import DialogoOficioRecibido

        dialogo = DialogoOficioRecibido(self.sesion, parent=self)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.oficio is not None:
            self._cargar_oficios(dialogo.oficio.id)

    def _oficio_elegido(self) -> Oficio | None:
        identificador = self.oficio.currentData()
        return oficios.obtener(identificador) if identificador else None

    def guardar(self) -> None:
        for campo in self.campos.values():
            marcar_campo(campo, False)
        bien = self._bien()
        if bien is None:
            marcar_errores(self.campos, [("bien", tr("Escriba el número de inventario de un bien existente."))],
                           self.errores)
            return
        try:
            self.dictamen = dictamenes.registrar_solicitud(
                self.sesion, bien=bien, oficio=self._oficio_elegido(), motivo=self.motivo.toPlainText(),
                recepcion_acordada=fecha_hora_de(self.recepcion.dateTime()) if self.acordada.isChecked() else None,
                acuerdo_telefonico=self.acuerdo.text() if self.acordada.isChecked() else "")
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores(self.campos, [("", exc.mensaje)], self.errores)
            return
        self.accept()


# --- Programar la recepción -------------------------------------------------------------------------

class DialogoProgramarRecepcion(QDialog):
    """Pasos 3 y 4: la fecha y hora de recepción acordadas por teléfono (también para reprogramar)."""

    def __init__(self, sesion: Usuario, dictamen: Dictamen, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.original = sesion, dictamen
        self.dictamen: Dictamen | None = None
        self.setWindowTitle(tr("Programar la recepción del equipo"))
        self.setMinimumWidth(520)
        self.recepcion = _fecha_hora(self, dictamen.recepcion_acordada)
        self.acuerdo = QLineEdit(dictamen.acuerdo_telefonico, self)
        self.acuerdo.setPlaceholderText(tr("Con quién se habló, extensión…"))
        formulario = QFormLayout()
        formulario.addRow(tr("Bien:"), etiqueta_plana(f"{dictamen.bien.numero_inventario} · {dictamen.bien.descripcion}", self))
        formulario.addRow(tr("&Fecha y hora:"), self.recepcion)
        formulario.addRow(tr("&Acuerdo telefónico:"), self.acuerdo)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Guardar"))
        armar_dialogo(self, formulario, self.errores, caja)

    def guardar(self) -> None:
        try:
            self.dictamen = dictamenes.programar_recepcion(
                self.sesion, self.original, self.original.version,
                recepcion_acordada=fecha_hora_de(self.recepcion.dateTime()), acuerdo_telefonico=self.acuerdo.text())
        except ErrorValidacion as exc:
            marcar_errores({"recepcion_acordada": self.recepcion, "acuerdo_telefonico": self.acuerdo},
                           exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        self.accept()


# --- Evaluación: pruebas, criterios y resultado ---------------------------------------------------------

class DialogoEvaluacion(QDialog):
    """Paso 6 y resultado: pruebas realizadas, criterios de la política 4 (prellenados desde el bien y
    editables) y resultado. Se puede guardar y volver a abrir hasta emitir."""

    def __init__(self, sesion: Usuario, dictamen: Dictamen, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.original = sesion, dictamen
        self.dictamen: Dictamen | None = None
        self.setWindowTitle(tr("Pruebas y resultado del dictamen"))
        self.setMinimumWidth(760)
        acotar(self, 760, 700)

        self.pruebas = texto_multilinea(self, 110, tr("Una prueba por renglón: qué se probó y qué se observó"))
        grupo = QGroupBox(tr("Criterios de evaluación (política 4)"), self)
        self.fecha_fabricacion = QDateEdit(grupo)
        self.fecha_fabricacion.setCalendarPopup(True)
        self.fecha_fabricacion.setDisplayFormat("dd/MM/yyyy")
        self.fecha_fabricacion.setMaximumDate(qfecha(hoy_mexico()))
        self.sin_fecha = QCheckBox(tr("No determinada"), grupo)
        self.sin_fecha.toggled.connect(lambda marcado: self.fecha_fabricacion.setEnabled(not marcado))
        fila_fecha = QHBoxLayout()
        fila_fecha.addWidget(self.fecha_fabricacion)
        fila_fecha.addWidget(self.sin_fecha)
        fila_fecha.addStretch(1)
        self.marca = QLineEdit(grupo)
        self.marca.setMaxLength(100)
        self.modelo = QLineEdit(grupo)
        self.modelo.setMaxLength(100)
        self.hardware = texto_multilinea(grupo, 55)
        self.software = texto_multilinea(grupo, 55)
        self.boton_restaurar = QPushButton(tr("Tomar del inventario"), grupo)
        self.boton_restaurar.setAutoDefault(False)
        self.boton_restaurar.setToolTip(tr("Vuelve a llenar los criterios con lo registrado en el inventario"))
        self.boton_restaurar.clicked.connect(lambda: self._llenar_criterios(dictamenes.criterios_del_bien(dictamen.bien)))
        criterios = QFormLayout(grupo)
        criterios.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fila_con_atajo(criterios, tr("a) &Fecha de fabricación:"), fila_fecha, self.fecha_fabricacion)
        criterios.addRow(tr("b) Mar&ca:"), self.marca)
        criterios.addRow(tr("c) Mo&delo:"), self.modelo)
        criterios.addRow(tr("d) &Hardware:"), self.hardware)
        criterios.addRow(tr("e) &Software:"), self.software)
        criterios.addRow("", self.boton_restaurar)

        self.grupo_resultado = QButtonGroup(self)
        fila_resultado = QHBoxLayout()
        self.opciones: dict[str, QRadioButton] = {}
        for clave, texto in dictamenes.RESULTADOS.items():
            opcion = QRadioButton(tr(texto), self)
            self.grupo_resultado.addButton(opcion)
            self.opciones[clave] = opcion
            fila_resultado.addWidget(opcion)
        fila_resultado.addStretch(1)
        self.solucion = texto_multilinea(self, 55, tr("Obligatoria si el equipo es reparable"))
        self.conclusion = texto_multilinea(self, 45)
        self.opciones[dictamenes.REPARABLE].toggled.connect(self.solucion.setEnabled)

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        bien = dictamen.bien
        formulario.addRow(tr("Bien:"), etiqueta_plana(f"{bien.numero_inventario} · {bien.descripcion}", self))
        formulario.addRow(tr("&Pruebas realizadas:"), self.pruebas)
        formulario.addRow(grupo)
        formulario.addRow(tr("Resultado:"), fila_resultado)
        formulario.addRow(tr("Posible so&lución:"), self.solucion)
        formulario.addRow(tr("&Observaciones:"), self.conclusion)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Guardar"))
        armar_dialogo(self, formulario, self.errores, caja)
        self.campos: dict[str, QWidget] = {
            "pruebas": self.pruebas, "fecha_fabricacion": self.fecha_fabricacion, "marca": self.marca,
            "modelo": self.modelo, "caracteristicas_hardware": self.hardware,
            "caracteristicas_software": self.software, "resultado": self.opciones[dictamenes.OPERATIVO],
            "posible_solucion": self.solucion, "conclusion": self.conclusion}
        self._llenar(dictamen)
        self.pruebas.setFocus()

    def _llenar_criterios(self, criterios: dict[str, Any]) -> None:
        fecha = criterios.get("fecha_fabricacion")
        self.sin_fecha.setChecked(fecha is None)
        if fecha is not None:
            self.fecha_fabricacion.setDate(qfecha(fecha))
        self.marca.setText(criterios.get("marca") or "")
        self.modelo.setText(criterios.get("modelo") or "")
        self.hardware.setPlainText(criterios.get("caracteristicas_hardware") or "")
        self.software.setPlainText(criterios.get("caracteristicas_software") or "")

    def _llenar(self, d: Dictamen) -> None:
        self.pruebas.setPlainText(d.pruebas)
        self._llenar_criterios({"fecha_fabricacion": d.fecha_fabricacion, "marca": d.marca, "modelo": d.modelo,
                                "caracteristicas_hardware": d.caracteristicas_hardware,
                                "caracteristicas_software": d.caracteristicas_software})
        if d.resultado in self.opciones:
            self.opciones[d.resultado].setChecked(True)
        self.solucion.setPlainText(d.posible_solucion)
        self.solucion.setEnabled(d.resultado == dictamenes.REPARABLE)
        self.conclusion.setPlainText(d.conclusion)

    def resultado(self) -> str:
        return next((clave for clave, opcion in self.opciones.items() if opcion.isChecked()), "")

    def guardar(self) -> None:
        for campo in self.campos.values():
            marcar_campo(campo, False)
        resultado = self.resultado()
        try:
            self.dictamen = dictamenes.capturar_evaluacion(
                self.sesion, self.original, self.original.version, pruebas=self.pruebas.toPlainText(),
                resultado=resultado,
                posible_solucion=self.solucion.toPlainText() if resultado == dictamenes.REPARABLE else "",
                conclusion=self.conclusion.toPlainText(),
                fecha_fabricacion=None if self.sin_fecha.isChecked() else fecha_de(self.fecha_fabricacion.date()),
                marca=self.marca.text(), modelo=self.modelo.text(),
                caracteristicas_hardware=self.hardware.toPlainText(),
                caracteristicas_software=self.software.toPlainText())
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        self.accept()

