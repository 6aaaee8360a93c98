"""Diálogo de alta manual y edición de un bien TIC.

El servicio valida todo; si rechaza los datos, se marcan los campos con el problema y se
conserva lo capturado. Nada se escribe hasta «Guardar».
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from app.modelos.inventario import ESTADOS_BIEN
from app.servicios.catalogos import catalogos
from app.servicios.inventario import inventario, tipos_bien
from app.errores import ErrorConflicto, ErrorValidacion
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.pantalla import acotar, desplazable
from app.vistas.comun.campos import (SelectorFoto, SelectorResguardante, combo_buscable, dato_de_combo,
                                          elegir_en_combo, fecha_opcional, leer_fecha, leer_monto, poner_fecha)

HOJA_ERRORES = ('QLineEdit[error="true"], QPlainTextEdit[error="true"], QComboBox[error="true"], '
                'QDateEdit[error="true"], QWidget[error="true"] { border: 2px solid #c0392b; }')


class DialogoBien(QDialog):
    """Alta (``bien`` None) o edición de un bien. Tras aceptar, ``self.bien`` es el guardado."""

    def __init__(self, sesion, bien=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.bien = bien
        self.setWindowTitle(tr("Editar bien {n}").format(n=bien.numero_inventario) if bien
                            else tr("Alta manual de un bien"))
        self.setStyleSheet(HOJA_ERRORES)
        self.setMinimumWidth(820)
        self.numero = QLineEdit(self)
        self.numero.setPlaceholderText(tr("Vacío: se asigna el siguiente con el formato de la institución"))
        self.tipo = combo_buscable(self, tr("(elija el tipo)"))
        for tipo in tipos_bien.tipos():
            self.tipo.addItem(tipo.nombre, tipo.id)
        self.descripcion = QLineEdit(self)
        self.marca = QLineEdit(self)
        self.modelo = QLineEdit(self)
        self.serie = QLineEdit(self)
        self.color = QLineEdit(self)
        self.fecha_fabricacion = fecha_opcional(self)
        self.fecha_adquisicion = fecha_opcional(self)
        self.valor = QLineEdit(self)
        self.valor.setPlaceholderText("0.00")
        self.valor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.cuenta = QLineEdit(self)
        self.cuenta.setPlaceholderText(tr("Vacío: la del tipo de bien"))
        self.proveedor = combo_buscable(self, tr("(sin proveedor)"))
        for proveedor in catalogos.proveedores():
            self.proveedor.addItem(f"{proveedor.razon_social} ({proveedor.rfc})", proveedor.id)
        self.resguardo = SelectorResguardante(self)
        self.edificio = QLineEdit(self)
        self.area = QLineEdit(self)
        self.foto = SelectorFoto(self)
        self.hardware = QPlainTextEdit(self)
        self.software = QPlainTextEdit(self)
        self.observaciones = QPlainTextEdit(self)
        for campo in (self.hardware, self.software, self.observaciones):
            campo.setTabChangesFocus(True)
            campo.setFixedHeight(64)
        self.solicitar_alta = QCheckBox(tr("Emitir el oficio de alta a Armonización Contable al guardar"), self)
        self.solicitar_alta.setChecked(bien is None)
        self.solicitar_alta.setVisible(bien is None)
        self.errores = etiqueta_plana("", self)
        self.errores.setStyleSheet("color: #b3261e;")
        self.errores.hide()
        self.campos: dict[str, QWidget] = {
            "numero_inventario": self.numero, "tipo": self.tipo, "descripcion": self.descripcion,
            "marca": self.marca, "modelo": self.modelo, "serie": self.serie, "color": self.color,
            "fecha_fabricacion": self.fecha_fabricacion, "fecha_adquisicion": self.fecha_adquisicion,
            "valor": self.valor, "cuenta_contable": self.cuenta, "proveedor": self.proveedor,
            "resguardante": self.resguardo.servidor, "dependencia": self.resguardo.dependencia,
            "edificio": self.edificio, "area": self.area, "fotografia": self.foto,
            "caracteristicas_hardware": self.hardware, "caracteristicas_software": self.software,
            "observaciones": self.observaciones,
        }
        self._acomodar()
        acotar(self, 860, 760)
        if bien is not None:
            self._llenar(bien)

    def _acomodar(self) -> None:
        identidad = QGroupBox(tr("Identificación"), self)
        rejilla = QGridLayout(identidad)
        filas = [(tr("Número de inventario"), self.numero, tr("Tipo *"), self.tipo),
                 (tr("Descripción *"), self.descripcion, tr("Color"), self.color),
                 (tr("Marca"), self.marca, tr("Modelo"), self.modelo),
                 (tr("Número de serie"), self.serie, tr("Fecha de fabricación"), self.fecha_fabricacion)]
        for fila, (t1, w1, t2, w2) in enumerate(filas):
            rejilla.addWidget(QLabel(t1 + ":", identidad), fila, 0)
            rejilla.addWidget(w1, fila, 1)
            rejilla.addWidget(QLabel(t2 + ":", identidad), fila, 2)
            rejilla.addWidget(w2, fila, 3)
        rejilla.setColumnStretch(1, 3)
        rejilla.setColumnStretch(3, 2)
        compra = QGroupBox(tr("Adquisición"), self)
        rejilla_compra = QGridLayout(compra)
        rejilla_compra.addWidget(QLabel(tr("Fecha de adquisición:"), compra), 0, 0)
        rejilla_compra.addWidget(self.fecha_adquisicion, 0, 1)
        rejilla_compra.addWidget(QLabel(tr("Valor (MXN):"), compra), 0, 2)
        rejilla_compra.addWidget(self.valor, 0, 3)
        rejilla_compra.addWidget(QLabel(tr("Cuenta CONAC:"), compra), 1, 0)
        rejilla_compra.addWidget(self.cuenta, 1, 1)
        rejilla_compra.addWidget(QLabel(tr("Proveedor:"), compra), 1, 2)
        rejilla_compra.addWidget(self.proveedor, 1, 3)
        rejilla_compra.setColumnStretch(3, 1)
        resguardo = QGroupBox(tr("Resguardo y ubicación"), self)
        formulario = QFormLayout(resguardo)
        formulario.addRow(tr("Resguardante y dependencia:"), self.resguardo)
        ubicacion = QHBoxLayout()
        ubicacion.addWidget(self.edificio, 1)
        ubicacion.addWidget(QLabel(tr("Área:"), resguardo))
        ubicacion.addWidget(self.area, 1)
        formulario.addRow(tr("Edificio:"), ubicacion)
        formulario.addRow(tr("Fotografía:"), self.foto)
        detalle = QGroupBox(tr("Características"), self)
        formulario_detalle = QFormLayout(detalle)
        formulario_detalle.addRow(tr("Hardware:"), self.hardware)
        formulario_detalle.addRow(tr("Software:"), self.software)
        formulario_detalle.addRow(tr("Observaciones:"), self.observaciones)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        self.boton_guardar = botones.button(QDialogButtonBox.StandardButton.Save)
        self.boton_guardar.setText(tr("Guardar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.guardar)
        botones.rejected.connect(self.reject)
        # Los grupos se desplazan en pantallas de 768 px; los botones quedan siempre a la vista.
        cuerpo = QWidget(self)
        capa_cuerpo = QVBoxLayout(cuerpo)
        capa_cuerpo.setContentsMargins(0, 0, 0, 0)
        for grupo in (identidad, compra, resguardo, detalle):
            capa_cuerpo.addWidget(grupo)
        capa = QVBoxLayout(self)
        capa.addWidget(desplazable(cuerpo, self), 1)
        capa.addWidget(self.errores)
        capa.addWidget(self.solicitar_alta)
        capa.addWidget(botones)

    def _llenar(self, bien) -> None:
        self.numero.setText(bien.numero_inventario)
        elegir_en_combo(self.tipo, bien.tipo_id)
        self.descripcion.setText(bien.descripcion)
        self.marca.setText(bien.marca)
        self.modelo.setText(bien.modelo)
        self.serie.setText(bien.serie or "")
        self.color.setText(bien.color)
        poner_fecha(self.fecha_fabricacion, bien.fecha_fabricacion)
        poner_fecha(self.fecha_adquisicion, bien.fecha_adquisicion)
        self.valor.setText(f"{bien.valor:,.2f}" if bien.valor is not None else "")
        self.cuenta.setText(bien.cuenta_contable)
        elegir_en_combo(self.proveedor, bien.proveedor_id)
        self.resguardo.poner(bien.resguardante_id, bien.dependencia_id)
        self.edificio.setText(bien.edificio)
        self.area.setText(bien.area)
        self.foto.poner(bien.fotografia)
        self.hardware.setPlainText(bien.caracteristicas_hardware)
        self.software.setPlainText(bien.caracteristicas_software)
        self.observaciones.setPlainText(bien.observaciones)
        estado = ESTADOS_BIEN.get(bien.estado, bien.estado)
        self.setWindowTitle(self.windowTitle() + f" ({estado})")

    def datos(self) -> dict[str, Any]:
        """Lo capturado con los nombres de campo del servicio."""
        return {
            "numero_inventario": self.numero.text(), "tipo": dato_de_combo(self.tipo),
            "descripcion": self.descripcion.text(), "marca": self.marca.text(), "modelo": self.modelo.text(),
            "serie": self.serie.text(), "color": self.color.text(),
            "fecha_fabricacion": leer_fecha(self.fecha_fabricacion),
            "fecha_adquisicion": leer_fecha(self.fecha_adquisicion),
            "valor": leer_monto(self.valor.text()), "cuenta_contable": self.cuenta.text(),
            "proveedor": dato_de_combo(self.proveedor), "resguardante": self.resguardo.servidor_id(),
            "dependencia": self.resguardo.dependencia_id(), "edificio": self.edificio.text(),
            "area": self.area.text(), "fotografia": self.foto.contenido,
            "caracteristicas_hardware": self.hardware.toPlainText(),
            "caracteristicas_software": self.software.toPlainText(),
            "observaciones": self.observaciones.toPlainText(),
        }

    def _limpiar_errores(self) -> None:
        for widget in self.campos.values():
            if widget.property("error"):
                marcar_campo(widget, False)
        self.errores.hide()

    def guardar(self) -> None:
        self._limpiar_errores()
        if self.foto.error:
            marcar_errores(self.campos, [("fotografia", self.foto.error)], self.errores)
            return
        datos = self.datos()
        if self.bien is None and self.solicitar_alta.isChecked() and not comunes.confirmar(
                self, self.windowTitle(),
                tr("Se registrará el bien y se emitirá con el siguiente folio el oficio de alta a Armonización "
                   "Contable. ¿Registrar?")):
            return
        try:
            if self.bien is None:
                self.bien = inventario.registrar_bien(self.sesion, solicitar_alta=self.solicitar_alta.isChecked(),
                                                      **datos)
            else:
                self.bien = inventario.editar_bien(self.sesion, self.bien.id, self.bien.version, **datos)
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
            return
        except ErrorConflicto as exc:
            comunes.avisar(self, tr("Otro usuario cambió el bien"), exc.mensaje)
            return
        except Exception as exc:  # noqa: BLE001 - se muestra y se conserva lo capturado
            comunes.ejecutar(self, _relanzar, exc)
            return
        self.accept()


def _relanzar(exc: Exception) -> None:
    raise exc


