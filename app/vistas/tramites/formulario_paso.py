"""El formulario del paso actual de un trámite, armado con los ``campos`` que declara su JSON.

Cada tipo de campo tiene su control (fecha con calendario, importe con dos decimales, combos que
buscan en los catálogos…). El formulario no decide qué es válido: entrega lo capturado al servicio,
que lo valida, y marca en rojo, junto a cada campo, lo que el servicio rechazó.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QRegularExpression, Qt, QTime
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDateTimeEdit, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.servicios.catalogos import catalogos
from app.vistas.comun.archivos import carpeta_documentos
from app.vistas.comun.campos import combo_buscable, dato_de_combo, elegir_en_combo
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, tr
from app.vistas.comun.fechas import fecha_de, fecha_hora_de, qfecha, qfecha_hora
from app.vistas.comun.formulario import etiqueta_errores, texto_multilinea

SI, NO = "Sí", "No"
EXTENSIONES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "odt": "Texto OpenDocument",
               "ods": "Hoja OpenDocument", "png": "Imagen PNG", "jpg": "Imagen JPEG", "zip": "ZIP",
               "txt": "Texto", "xml": "XML", "csv": "CSV"}


def _atributo(definicion: Any, nombre: str, omision: Any = None) -> Any:
    """Lee ``nombre`` de una definición de campo (dataclass del servicio o diccionario del JSON)."""
    if isinstance(definicion, Mapping):
        return definicion.get(nombre, omision)
    return getattr(definicion, nombre, omision)


def _control(padre: QWidget, tipo: str, opciones: Sequence[str]) -> QWidget:
    """El control de captura de un tipo de campo."""
    if tipo == "texto_largo":
        campo = texto_multilinea(padre, 60)
        campo.setMaximumHeight(110)
        return campo
    if tipo == "fecha":
        campo = QDateEdit(padre)
        campo.setCalendarPopup(True)
        campo.setDisplayFormat("dd/MM/yyyy")
        campo.setSpecialValueText(" ")              # vacía hasta que se elige
        campo.setMinimumDate(QDate(1900, 1, 1))
        campo.setDate(campo.minimumDate())
        return campo
    if tipo == "fecha_hora":
        campo = QDateTimeEdit(padre)
        campo.setCalendarPopup(True)
        campo.setDisplayFormat("dd/MM/yyyy HH:mm")
        campo.setSpecialValueText(" ")
        campo.setMinimumDateTime(QDateTime(QDate(1900, 1, 1), QTime(0, 0)))
        campo.setDateTime(campo.minimumDateTime())
        return campo
    if tipo in ("opcion", "si_no"):
        combo = QComboBox(padre)
        combo.addItem("", None)
        for opcion in (opciones if tipo == "opcion" else (SI, NO)):
            combo.addItem(opcion, opcion)
        return combo
    if tipo in ("dependencia", "servidor_publico", "proveedor"):
        combo = combo_buscable(padre, "")
        registros = {"dependencia": lambda: [(d.nombre, d.id) for d in catalogos.dependencias()],
                     "servidor_publico": lambda: [(f"{s.nombre} — {s.cargo}" if s.cargo else s.nombre, s.id)
                                                  for s in catalogos.servidores()],
                     "proveedor": lambda: [(f"{p.razon_social} ({p.rfc})", p.id) for p in catalogos.proveedores()]}
        for texto, identificador in registros[tipo]():
            combo.addItem(texto, identificador)
        return combo
    campo = QLineEdit(padre)
    if tipo == "importe":
        campo.setPlaceholderText("0.00")
        campo.setValidator(QRegularExpressionValidator(QRegularExpression(r"\$?\s*[0-9,]*(\.[0-9]{0,2})?"), campo))
        campo.setAlignment(Qt.AlignmentFlag.AlignRight)
    elif tipo == "entero":
        campo.setValidator(QRegularExpressionValidator(QRegularExpression(r"-?[0-9]*"), campo))
    elif tipo == "url":
        campo.setPlaceholderText("https://…")
    elif tipo == "correo":
        campo.setPlaceholderText("nombre@dominio.gob.mx")
    elif tipo == "bien":
        campo.setPlaceholderText(tr("Número de inventario o lectura del QR"))
    return campo


def _leer(control: QWidget, tipo: str) -> Any:
    """El valor capturado (None si está vacío), en el tipo de Python que el servicio espera."""
    if isinstance(control, QPlainTextEdit):
        return control.toPlainText().strip() or None
    if isinstance(control, QDateTimeEdit) and tipo == "fecha_hora":
        return None if control.dateTime() == control.minimumDateTime() else fecha_hora_de(control.dateTime())
    if isinstance(control, QDateEdit):
        return None if control.date() == control.minimumDate() else fecha_de(control.date())
    if isinstance(control, QComboBox):
        if tipo in ("opcion", "si_no"):
            return control.currentData()
        return dato_de_combo(control)
    texto = control.text().strip()
    return texto or None


def _poner(control: QWidget, tipo: str, valor: Any) -> None:
    """Muestra un valor ya capturado (el servicio lo guardó en su tipo)."""
    if valor is None or valor == "":
        return
    if isinstance(control, QPlainTextEdit):
        control.setPlainText(str(valor))
    elif isinstance(control, QDateTimeEdit) and tipo == "fecha_hora":
        control.setDateTime(qfecha_hora(valor if isinstance(valor, dt.datetime)
                                        else dt.datetime.fromisoformat(str(valor))))
    elif isinstance(control, QDateEdit):
        control.setDate(qfecha(valor if isinstance(valor, dt.date) else dt.date.fromisoformat(str(valor))))
    elif isinstance(control, QComboBox):
        if tipo == "si_no" and isinstance(valor, bool):
            valor = SI if valor else NO
        elegir_en_combo(control, valor)
    else:
        control.setText(str(valor))


class FormularioPaso(QWidget):
    """Campos y adjuntos del paso actual. ``valores()`` y ``adjuntos()`` entregan lo capturado."""

    def __init__(self, padre: QWidget | None = None) -> None:
        super().__init__(padre)
        self.controles: dict[str, tuple[QWidget, str]] = {}
        self.archivos: dict[str, Path] = {}
        self._etiquetas_adjunto: dict[str, QLabel] = {}
        self._capa = QVBoxLayout(self)
        self._capa.setContentsMargins(0, 0, 0, 0)
        self.formulario = QFormLayout()
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # La etiqueta encima de su campo: el detalle es angosto y las etiquetas del manual, largas.
        self.formulario.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.formulario.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self._capa.addLayout(self.formulario)
        self.errores = etiqueta_errores(self)
        self._capa.addWidget(self.errores)

    def cargar(self, campos: Sequence[Any], adjuntos: Sequence[Any] = (),
               valores: Mapping[str, Any] | None = None, guardados: Mapping[str, str] | None = None) -> None:
        """Arma el formulario con las definiciones del paso y muestra lo ya capturado."""
        while self.formulario.rowCount():
            self.formulario.removeRow(0)
        self.controles.clear()
        self.archivos.clear()
        self._etiquetas_adjunto.clear()
        self.errores.hide()
        valores = valores or {}
        for definicion in campos:
            clave, tipo = _atributo(definicion, "clave"), _atributo(definicion, "tipo", "texto")
            control = _control(self, tipo, tuple(_atributo(definicion, "opciones", ()) or ()))
            control.setObjectName(f"campo_{clave}")
            ayuda = _atributo(definicion, "ayuda", "") or ""
            if ayuda:
                control.setToolTip(ayuda)
            _poner(control, tipo, valores.get(clave))
            texto = _atributo(definicion, "etiqueta", clave) + (" *" if _atributo(definicion, "requerido") else "")
            etiqueta = QLabel(texto + ":", self)
            etiqueta.setBuddy(control)
            self.formulario.addRow(etiqueta, control)
            self.controles[clave] = (control, tipo)
        for definicion in adjuntos:
            self._fila_adjunto(definicion, (guardados or {}).get(_atributo(definicion, "clave")))
        self.setVisible(bool(self.controles or self._etiquetas_adjunto))

    def _fila_adjunto(self, definicion: Any, guardado: str | None) -> None:
        clave = _atributo(definicion, "clave")
        tipos = tuple(_atributo(definicion, "tipos", ()) or ("pdf",))
        fila = QWidget(self)
        capa = QHBoxLayout(fila)
        capa.setContentsMargins(0, 0, 0, 0)
        estado = etiqueta_plana(guardado or tr("(sin archivo)"), fila)
        boton = QPushButton(tr("Elegir…"), fila)
        boton.setObjectName(f"adjunto_{clave}")
        boton.setAutoDefault(False)
        boton.clicked.connect(lambda _c=False, c=clave, t=tipos: self.elegir_archivo(c, t))
        capa.addWidget(estado, 1)
        capa.addWidget(boton)
        texto = _atributo(definicion, "etiqueta", clave) + (" *" if _atributo(definicion, "requerido") else "")
        etiqueta = QLabel(texto + ":", self)
        etiqueta.setBuddy(boton)
        etiqueta.setToolTip(tr("Tipos aceptados: ") + ", ".join(EXTENSIONES.get(t, t.upper()) for t in tipos))
        self.formulario.addRow(etiqueta, fila)
        self._etiquetas_adjunto[clave] = estado

    def elegir_archivo(self, clave: str, tipos: Sequence[str]) -> None:
        """Pide el archivo del adjunto ``clave`` (se guarda al cerrar el paso, no antes)."""
        filtro = ";;".join([tr("Documentos") + " (" + " ".join(f"*.{t}" for t in tipos) + ")"])
        ruta, _f = abrir_archivo(self, tr("Adjuntar documento"), carpeta_documentos(), filtro)
        if ruta:
            self.poner_archivo(clave, Path(ruta))

    def poner_archivo(self, clave: str, ruta: Path) -> None:
        self.archivos[clave] = ruta
        self._etiquetas_adjunto[clave].setText(ruta.name)

    def valores(self) -> dict[str, Any]:
        """Lo capturado, por clave (None en lo que quedó vacío)."""
        return {clave: _leer(control, tipo) for clave, (control, tipo) in self.controles.items()}

    def adjuntos(self) -> dict[str, Path]:
        return dict(self.archivos)

    def marcar_errores(self, errores: Sequence[tuple[str, str]]) -> None:
        """Marca en rojo cada campo rechazado y lista los mensajes bajo el formulario."""
        rechazados = {campo for campo, _m in errores}
        for clave, (control, _tipo) in self.controles.items():
            marcar_campo(control, clave in rechazados,
                         next((m for c, m in errores if c == clave), ""))
        self.errores.setText("\n".join(f"• {mensaje}" for _c, mensaje in errores))
        self.errores.setVisible(bool(errores))
