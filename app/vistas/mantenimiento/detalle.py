"""Detalle de un mantenimiento con las acciones que el manual permite en su estado."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QFrame, QGridLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from app.modelos import Mantenimiento, Usuario
from app.servicios.mantenimiento import avisos, expedientes, mantenimiento as servicio
from app.servicios.oficios import oficios
from app.servicios.nucleo import permisos
from app.vistas.comun.comunes import ayuda_plana, ejecutar, etiqueta_plana, tr
from app.vistas.mantenimiento import respuestas
from app.vistas.mantenimiento.calendario import COLORES
from app.vistas.comun.pantalla import acotar

CAMPOS = (("numero", "Número"), ("procedimiento", "Procedimiento"), ("clase", "Tipo"), ("equipo", "Equipo"),
          ("cuando", "Fecha y hora"), ("estado", "Estado"), ("siguiente", "Qué sigue"), ("tramite", "Trámite"),
          ("dependencias", "Dependencias afectadas"), ("acordado", "Acordado con"), ("descripcion", "Trabajos"),
          ("autorizacion", "Autorización"), ("reprogramacion", "Reprogramación"), ("cancelacion", "Cancelación"))


OPCIONALES = ("acordado", "autorizacion", "reprogramacion", "cancelacion")


class PanelDetalle(QWidget):
    """Muestra un mantenimiento; sus botones llaman a los servicios y emiten ``cambiado(id)``."""

    cambiado = Signal(int)

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.mantenimiento: Mantenimiento | None = None
        self.dialogo: QDialog | None = None
        panel = QFrame(self)
        panel.setObjectName("panel")
        interior = QVBoxLayout(panel)
        self.titulo = etiqueta_plana(tr("Seleccione un mantenimiento"), panel)
        self.titulo.setObjectName("titulo")
        interior.addWidget(self.titulo)
        formulario = QFormLayout()
        self.formulario = formulario
        formulario.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.campos: dict[str, QLabel] = {}
        for clave, texto in CAMPOS:
            valor = etiqueta_plana("", panel)
            valor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            etiqueta = QLabel(tr(texto) + ":", panel)
            etiqueta.setObjectName("campo")
            formulario.addRow(etiqueta, valor)
            self.campos[clave] = valor
        self.campos["siguiente"].setStyleSheet("font-weight: bold;")
        self.lista_avisos = QListWidget(panel)
        self.lista_avisos.setMaximumHeight(80)
        self.lista_avisos.setWordWrap(True)
        self.lista_avisos.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lista_avisos.setToolTip(tr("Enter o doble clic para abrir el PDF del oficio"))
        self.lista_avisos.itemActivated.connect(self.abrir_oficio)
        etiqueta = QLabel(tr("Oficios de aviso:"), panel)
        etiqueta.setObjectName("campo")
        formulario.addRow(etiqueta, self.lista_avisos)
        self.historial = QListWidget(panel)
        self.historial.setWordWrap(True)
        self.historial.setAlternatingRowColors(True)
        self.historial.setMinimumHeight(110)
        self.historial.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        etiqueta = QLabel(tr("Historial:"), panel)
        etiqueta.setObjectName("campo")
        formulario.addRow(etiqueta, self.historial)
        interior.addLayout(formulario)
        interior.addStretch(1)
        desplazable = QScrollArea(self)
        desplazable.setWidgetResizable(True)
        desplazable.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        desplazable.setFrameShape(QFrame.Shape.NoFrame)
        desplazable.setWidget(panel)

        self.boton_avisar = self._boton(tr("Emitir oficios de aviso"), self.emitir_avisos)
        self.boton_realizado = self._boton(tr("Registrar realizado…"), self.registrar_realizado)
        self.boton_funciona = self._boton(tr("Verificado: funciona"), self.verificado_correcto)
        self.boton_fallas = self._boton(tr("Verificado: con fallas…"), self.verificado_con_fallas)
        self.boton_ajustes = self._boton(tr("Registrar ajustes…"), self.registrar_ajustes)
        self.boton_reprogramar = self._boton(tr("Reprogramar…"), self.reprogramar)
        self.boton_acordar = self._boton(tr("Fecha acordada con…"), self.acordar_fecha)
        self.boton_cancelar = self._boton(tr("Cancelar mantenimiento…"), self.cancelar)
        rejilla = QGridLayout()
        rejilla.setContentsMargins(0, 6, 0, 0)
        for posicion, boton in enumerate(self.botones()):
            rejilla.addWidget(boton, posicion // 2, posicion % 2)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(desplazable, 1)
        capa.addLayout(rejilla)
        self.mostrar(None)

    def botones(self) -> tuple[QPushButton, ...]:
        return (self.boton_avisar, self.boton_realizado, self.boton_funciona, self.boton_fallas,
                self.boton_ajustes, self.boton_acordar, self.boton_reprogramar, self.boton_cancelar)

    def _boton(self, texto: str, accion: Callable[[], None]) -> QPushButton:
        boton = QPushButton(texto, self)
        boton.setAutoDefault(False)
        boton.clicked.connect(lambda _c=False: accion())
        return boton

    # --- Mostrar ----------------------------------------------------------------------------------

    def mostrar(self, identificador: int | None) -> None:
        registro = ejecutar(self, servicio.obtener, identificador) if identificador is not None else None
        self.mantenimiento = registro
        for valor in self.campos.values():
            valor.clear()
        self.historial.clear()
        self.lista_avisos.clear()
        if registro is None:
            self.titulo.setText(tr("Seleccione un mantenimiento"))
            for boton in self.botones():
                boton.setEnabled(False)
            return
        categoria = servicio.categoria(registro.procedimiento, registro.clase)
        self.titulo.setText(f"{registro.numero} · {registro.dispositivo.nombre}")
        self.titulo.setStyleSheet(f"color: {COLORES[categoria].name()};")
        c = self.campos
        c["numero"].setText(registro.numero)
        c["procedimiento"].setText(f"{registro.procedimiento}. {servicio.PROCEDIMIENTOS[registro.procedimiento]}")
        c["clase"].setText(servicio.CLASES[registro.clase])
        c["equipo"].setText(f"{registro.dispositivo.nombre} · {servicio.TIPOS_DISPOSITIVO[registro.dispositivo.tipo]}")
        c["cuando"].setText(f"{registro.inicio:%d/%m/%Y %H:%M} a {registro.fin:%d/%m/%Y %H:%M}")
        estado = servicio.ESTADOS[registro.estado]
        if registro.verificaciones:
            estado += f" · {registro.verificaciones} verificación(es)"
        c["estado"].setText(estado)
        c["siguiente"].setText(servicio.siguiente_paso(registro))
        c["tramite"].setText(expedientes.resumen(registro.expediente_id))
        c["dependencias"].setText(", ".join(d.nombre for d in servicio.dependencias_de(registro.dependencias))
                                  or tr("Ninguna"))
        c["acordado"].setText(registro.acordado_con)
        c["descripcion"].setText(registro.descripcion)
        if registro.autorizado_por is not None:
            c["autorizacion"].setText(f"{registro.autorizado_por.nombre}, {registro.autorizado_en:%d/%m/%Y %H:%M}: "
                                      f"{registro.motivo_autorizacion}")
        c["reprogramacion"].setText(registro.nota_reprogramacion)
        if registro.estado == servicio.CANCELADO:
            c["cancelacion"].setText(f"{registro.cancelado_en:%d/%m/%Y %H:%M}: {registro.motivo_cancelacion}")
        # Los datos opcionales vacíos no ocupan espacio (queda más lugar para el historial).
        for clave in OPCIONALES:
            self.formulario.setRowVisible(self.campos[clave], bool(self.campos[clave].text()))
        for aviso in avisos.avisos_de(registro):
            texto = f"{aviso['folio']} · {aviso['destinatario_dependencia']}"
            if not aviso["vigente"]:
                texto += tr(" (fecha anterior)")
            elemento = QListWidgetItem(texto, self.lista_avisos)
            elemento.setData(Qt.ItemDataRole.UserRole, aviso["oficio_id"])
        for evento in servicio.eventos(registro):
            elemento = QListWidgetItem(f"{evento['momento']:%d/%m/%Y %H:%M} · {evento['tipo_texto']} · "
                                       f"{evento['usuario'] or ''}\n{evento['nota']}", self.historial)
            elemento.setToolTip(ayuda_plana(evento["nota"]))
        self._habilitar(registro)

    def _habilitar(self, registro: Mantenimiento) -> None:
        puede = lambda permiso: permisos.puede(self.sesion, permiso) and (  # noqa: E731
            registro.procedimiento not in servicio.AREA
            or servicio.AREA[registro.procedimiento] in permisos.AREAS_TRAMITE.get(self.sesion.rol, frozenset()))
        estado = registro.estado
        self.boton_avisar.setEnabled(estado == servicio.PROGRAMADO and bool(registro.dependencias)
                                     and puede(permisos.EMITIR_OFICIO))
        self.boton_realizado.setEnabled(estado == servicio.PROGRAMADO and puede(permisos.AVANZAR_TRAMITE))
        self.boton_funciona.setEnabled(estado == servicio.POR_VERIFICAR and puede(permisos.AVANZAR_TRAMITE))
        self.boton_fallas.setEnabled(estado == servicio.POR_VERIFICAR and puede(permisos.AVANZAR_TRAMITE))
        self.boton_ajustes.setEnabled(estado == servicio.EN_AJUSTES and puede(permisos.AVANZAR_TRAMITE))
        self.boton_reprogramar.setEnabled(estado == servicio.PROGRAMADO and puede(permisos.AVANZAR_TRAMITE))
        self.boton_acordar.setEnabled(estado == servicio.PROGRAMADO and puede(permisos.AVANZAR_TRAMITE))
        self.boton_cancelar.setEnabled(estado in servicio.ACTIVOS and puede(permisos.CANCELAR_TRAMITE))

    # --- Acciones -----------------------------------------------------------------------------------

    def _hecho(self, registro: Mantenimiento | None) -> None:
        if registro is not None:
            self.mostrar(registro.id)
            self.cambiado.emit(registro.id)

    def emitir_avisos(self) -> None:
        registro = self.mantenimiento
        if registro is None:
            return
        nombres = [d.nombre for d in servicio.dependencias_de(registro.dependencias)]
        if not respuestas.confirmar(self, tr("Emitir oficios de aviso"),
                                     tr("Se emitirá un oficio con folio a cada dependencia afectada:\n")
                                     + "\n".join(f"• {n}" for n in nombres)
                                     + tr("\n\nLos folios no se pueden reutilizar. ¿Emitirlos?")):
            return
        emitidos = ejecutar(self, avisos.emitir_avisos, self.sesion, registro)
        if emitidos:
            respuestas.avisar(self, tr("Oficios emitidos"),
                               tr("Se emitieron los oficios ") + ", ".join(o.folio for o in emitidos) + ".")
            self._hecho(servicio.obtener(registro.id))

    def registrar_realizado(self) -> None:
        registro = self.mantenimiento
        if registro is None:
            return
        nota = respuestas.pedir_motivo(self, tr("Mantenimiento realizado"), tr("¿Qué se hizo? (opcional)"))
        if nota is None:
            return
        self._hecho(ejecutar(self, servicio.registrar_realizacion, self.sesion, registro, nota,
                             version=registro.version))

    def verificado_correcto(self) -> None:
        registro = self.mantenimiento
        if registro is None:
            return
        if not respuestas.confirmar(self, tr("Verificación"),
                                     tr("¿Se verificó que todo funciona correctamente? El mantenimiento "
                                        "quedará concluido.")):
            return
        self._hecho(ejecutar(self, servicio.registrar_verificacion, self.sesion, registro, True,
                             version=registro.version))

    def verificado_con_fallas(self) -> None:
        registro = self.mantenimiento
        if registro is None:
            return
        nota = respuestas.pedir_motivo(self, tr("Verificación con fallas"), tr("¿Qué falla?"))
        if nota is None:
            return
        self._hecho(ejecutar(self, servicio.registrar_verificacion, self.sesion, registro, False, nota,
                             version=registro.version))

    def registrar_ajustes(self) -> None:
        registro = self.mantenimiento
        if registro is None:
            return
        nota = respuestas.pedir_motivo(self, tr("Ajustes"), tr("¿Qué ajustes se hicieron?"))
        if nota is None:
            return
        self._hecho(ejecutar(self, servicio.registrar_ajustes, self.sesion, registro, nota,
                             version=registro.version))

    def acordar_fecha(self) -> None:
        registro = self.mantenimiento
        if registro is None:
            return
        titular = respuestas.pedir_motivo(self, tr("Fecha acordada"),
                                           tr("¿Con qué titular del área se acordó la fecha del ")
                                           + f"{registro.inicio:%d/%m/%Y %H:%M}?")
        if titular is None:
            return
        self._hecho(ejecutar(self, servicio.acordar_fecha, self.sesion, registro, titular,
                             version=registro.version))

    def reprogramar(self) -> None:
        registro = self.mantenimiento
        if registro is None:
            return
        from app.vistas.mantenimiento.dialogos import DialogoReprogramar

        respuestas.abrir_dialogo(self, DialogoReprogramar(self.sesion, registro, self),
                                  lambda d: self._hecho(d.mantenimiento))

    def cancelar(self) -> None:
        registro = self.mantenimiento
        if registro is None:
            return
        motivo = respuestas.pedir_motivo(self, tr("Cancelar mantenimiento"), tr("Motivo de la cancelación:"))
        if motivo is None:
            return
        if not respuestas.confirmar(self, tr("Cancelar mantenimiento"),
                                     tr("¿Cancelar el mantenimiento ") + registro.numero
                                     + tr("? No se puede deshacer.")):
            return
        self._hecho(ejecutar(self, servicio.cancelar, self.sesion, registro, motivo, version=registro.version))

    def abrir_oficio(self, elemento: QListWidgetItem) -> None:
        from app.vistas.oficios.oficios import abrir_con_programa, nombre_archivo_pdf

        oficio = ejecutar(self, oficios.obtener, elemento.data(Qt.ItemDataRole.UserRole))
        if oficio is not None:
            contenido = ejecutar(self, oficios.pdf_de_oficio, oficio)
            if contenido:
                abrir_con_programa(self, nombre_archivo_pdf(oficio), contenido)


class DialogoDetalle(QDialog):
    """El detalle de un mantenimiento en una ventana (se abre desde el calendario)."""

    def __init__(self, sesion: Usuario, identificador: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Mantenimiento"))
        acotar(self, 600, 700)
        self.panel = PanelDetalle(sesion, self)
        self.panel.mostrar(identificador)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        botones.button(QDialogButtonBox.StandardButton.Close).setText(tr("Cerrar"))
        botones.rejected.connect(self.accept)
        capa = QVBoxLayout(self)
        capa.addWidget(self.panel, 1)
        capa.addWidget(botones)
