"""Diálogos del módulo «Mantenimiento»: programar, equipos, planes preventivos y cambios de servidor."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QSpinBox, QTimeEdit, QVBoxLayout, QWidget)

from app.modelos import Dispositivo, Oficio, PlanPreventivo, Usuario
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import permisos
from app.servicios.mantenimiento import (mantenimiento as servicio, recurrencia,
                                         servidores)
from app.errores import ErrorDTI, ErrorValidacion
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import avisar, etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.fechas import fecha_de, qfecha

NOMBRES_PROCEDIMIENTO = {n: f"{n} · {texto}" for n, texto in servicio.PROCEDIMIENTOS.items()}


def pedir_motivo(padre: QWidget | None, titulo: str, pregunta: str) -> str | None:
    """Texto libre (motivo, nota); None si el usuario desiste."""
    texto, aceptado = QInputDialog.getMultiLineText(padre, titulo, pregunta)
    return texto if aceptado else None


def _fecha_edit(padre: QWidget, fecha: dt.date) -> QDateEdit:
    campo = QDateEdit(padre)
    campo.setCalendarPopup(True)
    campo.setDisplayFormat("dd/MM/yyyy")
    campo.setDate(qfecha(fecha))
    campo.setMinimumWidth(120)
    return campo


def _lista_dependencias(padre: QWidget) -> QListWidget:
    lista = QListWidget(padre)
    lista.setMinimumHeight(110)
    lista.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for dependencia in catalogos.dependencias():
        elemento = QListWidgetItem(dependencia.nombre, lista)
        elemento.setData(Qt.ItemDataRole.UserRole, dependencia.id)
        elemento.setFlags(elemento.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        elemento.setCheckState(Qt.CheckState.Unchecked)
    return lista


def _marcar_dependencias(lista: QListWidget, ids: list[int]) -> None:
    primero = None
    for i in range(lista.count()):
        elemento = lista.item(i)
        marcado = elemento.data(Qt.ItemDataRole.UserRole) in ids
        elemento.setCheckState(Qt.CheckState.Checked if marcado else Qt.CheckState.Unchecked)
        if marcado and primero is None:
            primero = elemento
    if primero is not None:     # que se vea la primera marcada
        lista.scrollToItem(primero, QListWidget.ScrollHint.PositionAtTop)


def _dependencias_marcadas(lista: QListWidget) -> list[Any]:
    ids = [lista.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lista.count())
           if lista.item(i).checkState() == Qt.CheckState.Checked]
    return servicio.dependencias_de(";".join(str(i) for i in ids))


class _DialogoBase(QDialog):
    """Formulario con etiqueta de errores y botones Guardar/Cancelar; no se cierra si el servicio rechaza."""

    def __init__(self, titulo: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(titulo)
        self.formulario = QFormLayout()
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errores = etiqueta_plana("", self)
        self.errores.setObjectName("error")
        self.errores.hide()
        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.boton_guardar = self.botones.button(QDialogButtonBox.StandardButton.Save)
        self.boton_guardar.setText(tr("Guardar"))
        self.botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        self.botones.accepted.connect(self.guardar)
        self.botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(self.formulario)
        capa.addWidget(self.errores)
        capa.addWidget(self.botones)
        self.campos: dict[str, QWidget] = {}

    def _fila(self, etiqueta: str, campo: QWidget | QHBoxLayout, clave: str | None = None) -> None:
        self.formulario.addRow(tr(etiqueta), campo)
        if clave and isinstance(campo, QWidget):
            self.campos[clave] = campo

    def _intentar(self, funcion, *args, **kwargs) -> Any:
        """Llama al servicio; si rechaza, marca los campos y deja el diálogo abierto."""
        for campo in self.campos.values():
            marcar_campo(campo, False)
        self.errores.hide()
        try:
            return funcion(*args, **kwargs)
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
        except ErrorDTI as exc:
            self.errores.setText(exc.mensaje)
            self.errores.show()
        except Exception as exc:  # noqa: BLE001 - la GUI nunca se cierra por un error
            avisar(self, tr("Error inesperado"), tr("Ocurrió un error inesperado; no se guardó nada.")
                   + f"\n\n{type(exc).__name__}: {exc}")
        return None

    def guardar(self) -> None:  # pragma: no cover - cada diálogo la define
        raise NotImplementedError


# --- Programar un mantenimiento ---------------------------------------------------------------------

class DialogoProgramar(_DialogoBase):
    """Programa un mantenimiento (7, 8 o 12). Al aceptar, ``mantenimiento`` es el registro guardado.

    ``oficio_id``: el oficio recibido que lo pide; queda en el trámite del mantenimiento.
    """

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, fecha: dt.date | None = None,
                 procedimiento: int = servicio.SERVIDORES_REDES, oficio_id: int | None = None) -> None:
        super().__init__(tr("Programar mantenimiento"), parent)
        self.sesion = sesion
        self.mantenimiento = None
        self.oficio = Oficio.get_or_none(Oficio.id == oficio_id) if oficio_id else None
        self.setMinimumWidth(560)
        self.procedimiento = QComboBox(self)
        for numero, texto in NOMBRES_PROCEDIMIENTO.items():
            self.procedimiento.addItem(texto, numero)
        self.clase = QComboBox(self)
        for clave, texto in servicio.CLASES.items():
            self.clase.addItem(tr(texto), clave)
        self.equipo = QComboBox(self)
        self.fecha = _fecha_edit(self, fecha or hoy_mexico() + dt.timedelta(days=1))
        self.hora = QTimeEdit(QTime(18, 0), self)
        self.hora.setDisplayFormat("HH:mm")
        self.duracion = QSpinBox(self)
        self.duracion.setRange(15, servicio.DURACION_MAXIMA_MIN)
        self.duracion.setSingleStep(15)
        self.duracion.setValue(120)
        self.duracion.setSuffix(tr(" min"))
        cuando = QHBoxLayout()
        cuando.addWidget(self.fecha)
        cuando.addWidget(self.hora)
        cuando.addWidget(QLabel(tr("Duración:"), self))
        cuando.addWidget(self.duracion)
        cuando.addStretch(1)
        self.dependencias = _lista_dependencias(self)
        self.acordado = QLineEdit(self)
        self.acordado.setMaxLength(300)
        self.acordado.setPlaceholderText(tr("Titular del área con quien se acordó la fecha"))
        self.descripcion = QPlainTextEdit(self)
        self.descripcion.setTabChangesFocus(True)
        self.descripcion.setMaximumHeight(80)
        self.descripcion.setPlaceholderText(tr("Trabajos a realizar"))
        self.nota_horario = etiqueta_plana("", self)
        self.nota_horario.setObjectName("subtitulo")

        if self.oficio is not None:
            numero = self.oficio.numero_oficio or self.oficio.folio or str(self.oficio.id)
            procedencia = self.oficio.procedencia.nombre if self.oficio.procedencia_id else ""
            self.formulario.addRow(tr("Oficio recibido:"),
                                   etiqueta_plana(" · ".join(p for p in (numero, procedencia) if p), self))
        self._fila("&Procedimiento:", self.procedimiento, "procedimiento")
        self._fila("&Tipo:", self.clase, "clase")
        self._fila("&Equipo o sistema:", self.equipo, "dispositivo")
        self._fila("Fecha y hora:", cuando)
        self.campos["inicio"] = self.fecha
        self.campos["duracion"] = self.duracion
        self._fila("&Dependencias afectadas:", self.dependencias, "dependencias")
        self._fila("&Acordado con:", self.acordado, "acordado_con")
        self._fila("Des&cripción:", self.descripcion, "descripcion")
        self.formulario.addRow("", self.nota_horario)

        # Autorización del director (procedimiento 8 dentro del horario laboral).
        self.autorizar = QCheckBox(tr("Autorizo hacerlo dentro del horario laboral"), self)
        self.motivo = QLineEdit(self)
        self.motivo.setMaxLength(2000)
        self.motivo.setPlaceholderText(tr("Motivo de la autorización (queda en la bitácora del servidor)"))
        self.motivo.setEnabled(False)
        self.autorizar.toggled.connect(self.motivo.setEnabled)
        self._fila("Autorización:", self.autorizar)
        self._fila("&Motivo:", self.motivo, "autorizacion")
        es_director = sesion.rol == permisos.DIRECTOR
        for widget in (self.autorizar, self.motivo):
            widget.setVisible(es_director)
            self.formulario.labelForField(widget).setVisible(es_director)

        self.procedimiento.currentIndexChanged.connect(lambda _i: self._al_cambiar_procedimiento())
        self.equipo.currentIndexChanged.connect(lambda _i: self._al_cambiar_equipo())
        indice = self.procedimiento.findData(procedimiento)
        self.procedimiento.setCurrentIndex(max(indice, 0))
        self._al_cambiar_procedimiento()

    def _al_cambiar_procedimiento(self) -> None:
        numero = self.procedimiento.currentData()
        self.equipo.blockSignals(True)
        self.equipo.clear()
        for registro in servicio.dispositivos(tipos=servicio.TIPOS_POR_PROCEDIMIENTO[numero]):
            self.equipo.addItem(f"{registro.nombre} · {servicio.TIPOS_DISPOSITIVO[registro.tipo]}",
                                registro.id)
        self.equipo.blockSignals(False)
        self.acordado.setEnabled(numero == servicio.SISTEMAS)
        if numero == servicio.SERVIDORES_DATOS:
            from app.servicios.nucleo import calendario_laboral

            horario = servidores.describir_horario(calendario_laboral.horario())
            self.nota_horario.setText(tr("Fuera del horario laboral (") + horario
                                      + tr("), con las áreas que usan el servidor."))
            self.hora.setTime(QTime(21, 0))
        elif numero == servicio.SISTEMAS:
            self.nota_horario.setText(tr("El sistema no estará disponible mientras dure el mantenimiento; "
                                         "se avisará por oficio."))
        else:
            self.nota_horario.setText(tr("Un correctivo tiene prioridad: desplaza al preventivo del mismo "
                                         "equipo ese día."))
        self._al_cambiar_equipo()

    def _al_cambiar_equipo(self) -> None:
        identificador = self.equipo.currentData()
        equipo = servicio.obtener_dispositivo(identificador) if identificador else None
        _marcar_dependencias(self.dependencias, servicio.ids_dependencias(equipo.dependencias) if equipo else [])

    def inicio(self) -> dt.datetime:
        hora = self.hora.time()
        return dt.datetime.combine(fecha_de(self.fecha.date()), dt.time(hora.hour(), hora.minute()))

    def guardar(self) -> None:
        identificador = self.equipo.currentData()
        equipo = servicio.obtener_dispositivo(identificador) if identificador else None
        registro = self._intentar(
            servicio.programar, self.sesion, dispositivo=equipo, inicio=self.inicio(),
            duracion_min=self.duracion.value(), procedimiento=self.procedimiento.currentData(),
            clase=self.clase.currentData(), descripcion=self.descripcion.toPlainText(),
            dependencias=_dependencias_marcadas(self.dependencias), acordado_con=self.acordado.text(),
            autorizar_motivo=self.motivo.text() if self.autorizar.isChecked() else "", oficio_entrada=self.oficio)
        if registro is not None:
            self.mantenimiento = registro
            self.accept()


# --- Equipos y planes ---------------------------------------------------------------------------------

class DialogoEquipo(_DialogoBase):
    """Alta o cambio de un equipo o sistema con mantenimiento."""

    def __init__(self, sesion: Usuario, equipo: Dispositivo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("Modificar equipo") if equipo else tr("Nuevo equipo o sistema"), parent)
        self.sesion, self.original, self.equipo = sesion, equipo, None
        self.setMinimumWidth(520)
        self.nombre = QLineEdit(self)
        self.nombre.setMaxLength(150)
        self.tipo = QComboBox(self)
        for clave, texto in servicio.TIPOS_DISPOSITIVO.items():
            self.tipo.addItem(tr(texto), clave)
        self.ubicacion = QLineEdit(self)
        self.ubicacion.setMaxLength(200)
        self.inventario = QLineEdit(self)
        self.inventario.setMaxLength(40)
        self.inventario.setPlaceholderText(tr("Opcional: número de inventario del bien (escanee el QR)"))
        self.dependencias = _lista_dependencias(self)
        self.descripcion = QPlainTextEdit(self)
        self.descripcion.setTabChangesFocus(True)
        self.descripcion.setMaximumHeight(70)
        self._fila("&Nombre:", self.nombre, "nombre")
        self._fila("&Tipo:", self.tipo, "tipo")
        self._fila("&Ubicación:", self.ubicacion, "ubicacion")
        self._fila("Número de &inventario:", self.inventario, "numero_inventario")
        self._fila("&Dependencias que lo usan:", self.dependencias, "dependencias")
        self._fila("Des&cripción:", self.descripcion, "descripcion")
        if equipo is not None:
            self.nombre.setText(equipo.nombre)
            self.tipo.setCurrentIndex(max(self.tipo.findData(equipo.tipo), 0))
            self.ubicacion.setText(equipo.ubicacion)
            self.inventario.setText(equipo.bien.numero_inventario if equipo.bien else "")
            self.descripcion.setPlainText(equipo.descripcion)
            _marcar_dependencias(self.dependencias, servicio.ids_dependencias(equipo.dependencias))

    def guardar(self) -> None:
        registro = self._intentar(
            servicio.guardar_dispositivo, self.sesion, self.nombre.text(), self.tipo.currentData(),
            ubicacion=self.ubicacion.text(), dependencias=_dependencias_marcadas(self.dependencias),
            numero_inventario=self.inventario.text(), descripcion=self.descripcion.toPlainText(),
            dispositivo=self.original, version=self.original.version if self.original else None)
        if registro is not None:
            self.equipo = registro
            self.accept()


class DialogoPlan(_DialogoBase):
    """Plan preventivo recurrente de un equipo, con la vista previa de sus próximas fechas."""

    def __init__(self, sesion: Usuario, equipo: Dispositivo, plan: PlanPreventivo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Plan preventivo de ") + equipo.nombre, parent)
        self.sesion, self.equipo_plan, self.original, self.plan = sesion, equipo, plan, None
        self.setMinimumWidth(480)
        self.cada = QSpinBox(self)
        self.cada.setRange(1, 366)
        self.cada.setValue(plan.cada if plan else 3)
        self.unidad = QComboBox(self)
        for clave, texto in recurrencia.UNIDADES.items():
            self.unidad.addItem(tr(texto), clave)
        self.unidad.setCurrentIndex(max(self.unidad.findData(plan.unidad if plan else recurrencia.MESES), 0))
        recurrencia_fila = QHBoxLayout()
        recurrencia_fila.addWidget(QLabel(tr("Cada"), self))
        recurrencia_fila.addWidget(self.cada)
        recurrencia_fila.addWidget(self.unidad)
        recurrencia_fila.addStretch(1)
        self.inicio = _fecha_edit(self, plan.inicio if plan else hoy_mexico() + dt.timedelta(days=7))
        self.hora = QTimeEdit(QTime.fromString(plan.hora, "HH:mm") if plan else QTime(18, 0), self)
        self.hora.setDisplayFormat("HH:mm")
        self.duracion = QSpinBox(self)
        self.duracion.setRange(15, servicio.DURACION_MAXIMA_MIN)
        self.duracion.setSingleStep(15)
        self.duracion.setSuffix(tr(" min"))
        self.duracion.setValue(plan.duracion_min if plan else 120)
        self.actividades = QPlainTextEdit(self)
        self.actividades.setTabChangesFocus(True)
        self.actividades.setMaximumHeight(70)
        if plan:
            self.actividades.setPlainText(plan.actividades)
        self.vista_previa = etiqueta_plana("", self)
        self.vista_previa.setObjectName("subtitulo")
        self._fila("Recurrencia:", recurrencia_fila)
        self.campos["cada"] = self.cada
        self.campos["unidad"] = self.unidad
        self._fila("&Primera fecha:", self.inicio, "inicio")
        self._fila("&Hora:", self.hora, "hora")
        self._fila("&Duración:", self.duracion, "duracion")
        self._fila("&Actividades:", self.actividades, "actividades")
        self._fila("Próximas fechas:", self.vista_previa)
        for senal in (self.cada.valueChanged, self.unidad.currentIndexChanged, self.inicio.dateChanged):
            senal.connect(lambda *_a: self._previa())
        self._previa()

    def fechas_previas(self) -> list[dt.date]:
        return recurrencia.fechas(fecha_de(self.inicio.date()), self.cada.value(), self.unidad.currentData(),
                                  desde=hoy_mexico(), cantidad=6)

    def _previa(self) -> None:
        self.vista_previa.setText(", ".join(f"{f:%d/%m/%Y}" for f in self.fechas_previas()))

    def guardar(self) -> None:
        hora = self.hora.time()
        registro = self._intentar(
            servicio.guardar_plan, self.sesion, self.equipo_plan, self.cada.value(), self.unidad.currentData(),
            fecha_de(self.inicio.date()), dt.time(hora.hour(), hora.minute()), duracion_min=self.duracion.value(),
            actividades=self.actividades.toPlainText(), plan=self.original,
            version=self.original.version if self.original else None)
        if registro is not None:
            self.plan = registro
            self.accept()


class DialogoCambioServidor(_DialogoBase):
    """Documenta un cambio hecho a un servidor en su bitácora."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, equipo: Dispositivo | None = None) -> None:
        super().__init__(tr("Documentar cambio en un servidor"), parent)
        self.sesion, self.entrada = sesion, None
        self.setMinimumWidth(520)
        self.servidor = QComboBox(self)
        for registro in servicio.dispositivos(tipos=servidores.TIPOS_SERVIDOR):
            self.servidor.addItem(registro.nombre, registro.id)
        if equipo is not None:
            self.servidor.setCurrentIndex(max(self.servidor.findData(equipo.id), 0))
        self.descripcion = QPlainTextEdit(self)
        self.descripcion.setTabChangesFocus(True)
        self.descripcion.setPlaceholderText(tr("Qué se cambió, versión anterior y nueva, quién lo pidió…"))
        self._fila("&Servidor:", self.servidor, "dispositivo")
        self._fila("&Cambio realizado:", self.descripcion, "descripcion")

    def guardar(self) -> None:
        identificador = self.servidor.currentData()
        if identificador is None:
            self.errores.setText(tr("No hay servidores registrados. Dé de alta uno en «Equipos y planes»."))
            self.errores.show()
            return
        registro = self._intentar(servidores.documentar_cambio, self.sesion,
                                  servicio.obtener_dispositivo(identificador), self.descripcion.toPlainText())
        if registro is not None:
            self.entrada = registro
            self.accept()


class DialogoReprogramar(_DialogoBase):
    """Nueva fecha y hora de un mantenimiento programado, con el motivo."""

    def __init__(self, sesion: Usuario, registro, parent: QWidget | None = None) -> None:
        super().__init__(tr("Reprogramar ") + registro.numero, parent)
        self.sesion, self.registro, self.mantenimiento = sesion, registro, None
        self.setMinimumWidth(460)
        self.fecha = _fecha_edit(self, registro.inicio.date())
        self.hora = QTimeEdit(QTime(registro.inicio.hour, registro.inicio.minute), self)
        self.hora.setDisplayFormat("HH:mm")
        self.motivo = QLineEdit(self)
        self.motivo.setMaxLength(2000)
        self.autorizacion = QLineEdit(self)
        self.autorizacion.setMaxLength(2000)
        self.autorizacion.setPlaceholderText(tr("Solo si se autoriza dentro del horario laboral"))
        self._fila("&Fecha:", self.fecha, "inicio")
        self._fila("&Hora:", self.hora)
        self._fila("&Motivo:", self.motivo, "motivo")
        self._fila("&Autorización del director:", self.autorizacion, "autorizacion")
        es_director = sesion.rol == permisos.DIRECTOR
        self.autorizacion.setVisible(es_director)
        self.formulario.labelForField(self.autorizacion).setVisible(es_director)

    def guardar(self) -> None:
        hora = self.hora.time()
        inicio = dt.datetime.combine(fecha_de(self.fecha.date()), dt.time(hora.hour(), hora.minute()))
        registro = self._intentar(servicio.reprogramar, self.sesion, self.registro, inicio, self.motivo.text(),
                                  autorizar_motivo=self.autorizacion.text(), version=self.registro.version)
        if registro is not None:
            self.mantenimiento = registro
            self.accept()
