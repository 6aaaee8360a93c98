"""Módulo «Mantenimiento» (procedimientos 7, 8 y 12): calendario, lista, equipos y planes preventivos,
y la bitácora de servidores."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from app.modelos import Mantenimiento, Usuario
from app.servicios.mantenimiento import mantenimiento as servicio
from app.servicios.nucleo import permisos
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import division_lista_detalle, ejecutar, tr
from app.vistas.mantenimiento.calendario import PanelCalendario, color_de
from app.vistas.mantenimiento.detalle import DialogoDetalle, PanelDetalle
from app.vistas.mantenimiento import respuestas
from app.vistas.mantenimiento.dialogos import DialogoProgramar
from app.vistas.comun.tabla import Columna, TablaFiltrable

__all__ = ["VistaMantenimiento"]

DIAS_GENERAR = 90
PERIODOS = (("Próximos 90 días", 90), ("Últimos 30 días y próximos 90", -30), ("Todos", None))

COLUMNAS = (
    Columna("Número", lambda f: f["numero"], 124),
    Columna("Fecha", lambda f: f["inicio"], 128),
    Columna("Equipo o sistema", lambda f: f["dispositivo"], 210),
    Columna("Proc.", lambda f: f["procedimiento"], 46, derecha=True),
    Columna("Tipo", lambda f: servicio.CLASES[f["clase"]], 84),
    Columna("Estado", lambda f: servicio.ESTADOS[f["estado"]] + (" · sin aviso" if f["requiere_aviso"] else ""),
            140),
    Columna("Trabajos", lambda f: f["descripcion"], 200),
)


class _Lista(QWidget):
    """Lista filtrable de mantenimientos con el detalle del elegido."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.procedimiento = QComboBox(self)
        self.procedimiento.addItem(tr("Todos"), None)
        for numero, texto in servicio.PROCEDIMIENTOS.items():
            self.procedimiento.addItem(f"{numero} · {texto}", numero)
        self.estado = QComboBox(self)
        self.estado.addItem(tr("Todos"), None)
        for clave, texto in servicio.ESTADOS.items():
            self.estado.addItem(tr(texto), clave)
        self.periodo = QComboBox(self)
        for texto, dias in PERIODOS:
            self.periodo.addItem(tr(texto), dias)
        filtros = QHBoxLayout()
        for texto, combo in ((tr("&Procedimiento:"), self.procedimiento), (tr("&Estado:"), self.estado),
                             (tr("Pe&riodo:"), self.periodo)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(combo)
            filtros.addWidget(etiqueta)
            filtros.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.refrescar())
        filtros.addStretch(1)
        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por número, equipo, dependencia o trabajos…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(len(COLUMNAS) - 1, QHeaderView.ResizeMode.Stretch)
        self.detalle = PanelDetalle(sesion, self)
        self.detalle.setMinimumWidth(380)
        self.tabla.seleccion_cambiada.connect(self.detalle.mostrar)
        self.detalle.cambiado.connect(lambda _i: self.refrescar())
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(filtros)
        capa.addWidget(division_lista_detalle(self, self.tabla, self.detalle, [760, 440]), 1)

    def refrescar(self) -> None:
        hoy = hoy_mexico()
        dias = self.periodo.currentData()
        desde = hasta = None
        if dias == 90:
            desde, hasta = hoy, hoy + dt.timedelta(days=90)
        elif dias == -30:
            desde, hasta = hoy - dt.timedelta(days=30), hoy + dt.timedelta(days=90)
        filas = ejecutar(self, servicio.consultar, desde, hasta, self.procedimiento.currentData(),
                         self.estado.currentData(), busqueda=self.tabla.busqueda.text())
        self.tabla.cargar(filas or [], color=color_de)
        self.detalle.mostrar(self.tabla.id_actual())

    def seleccionar(self, identificador: int) -> None:
        self.periodo.blockSignals(True)
        self.periodo.setCurrentIndex(len(PERIODOS) - 1)
        self.periodo.blockSignals(False)
        for combo in (self.procedimiento, self.estado):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)


class VistaMantenimiento(QWidget):
    """Calendario, lista, equipos y planes, y bitácora de servidores."""

    TITULO = "Mantenimiento"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.dialogo: QDialog | None = None
        self.boton_programar = self._boton(tr("Programar mantenimiento…"), "Ctrl+N", self.programar)
        self.boton_programar.setObjectName("principal")
        self.boton_generar = self._boton(tr("Generar preventivos de los planes"), None, self.generar_preventivos)
        self.boton_hoy = self._boton(tr("Hoy"), "Ctrl+T", self.ir_a_hoy)
        puede_programar = permisos.puede(sesion, permisos.ABRIR_TRAMITE)
        self.boton_programar.setEnabled(puede_programar)
        self.boton_generar.setEnabled(puede_programar)
        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_programar)
        arriba.addWidget(self.boton_generar)
        arriba.addStretch(1)
        arriba.addWidget(self.boton_hoy)

        from app.vistas.mantenimiento.equipos import PanelBitacoraServidores, PanelEquipos

        self.pestanas = QTabWidget(self)
        self.calendario = PanelCalendario(self)
        self.calendario.abrir.connect(self.abrir_detalle)
        self.lista = _Lista(sesion, self)
        self.equipos = PanelEquipos(sesion, self)
        self.bitacora = PanelBitacoraServidores(sesion, self)
        self.lista.detalle.cambiado.connect(lambda _i: self.calendario.refrescar())
        self.pestanas.addTab(self.calendario, tr("&Calendario"))
        self.pestanas.addTab(self.lista, tr("&Lista"))
        self.pestanas.addTab(self.equipos, tr("E&quipos y planes"))
        self.pestanas.addTab(self.bitacora, tr("&Bitácora de servidores"))
        self.pestanas.currentChanged.connect(lambda _i: self._refrescar_actual())
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(self.pestanas, 1)
        self.refrescar()

    def _boton(self, texto: str, atajo: str | None, accion: Callable[[], None]) -> QPushButton:
        boton = QPushButton(texto, self)
        boton.setAutoDefault(False)
        if atajo:
            boton.setShortcut(QKeySequence(atajo))
            boton.setToolTip(f"{texto.rstrip('…')} ({QKeySequence(atajo).toString(QKeySequence.SequenceFormat.NativeText)})")
        boton.clicked.connect(lambda _c=False: accion())
        return boton

    def _refrescar_actual(self) -> None:
        actual = self.pestanas.currentWidget()
        refrescar = getattr(actual, "refrescar", None)
        if callable(refrescar):
            refrescar()

    def refrescar(self) -> None:
        """Vuelve a leer lo que muestra la pestaña interna visible (F5)."""
        self._refrescar_actual()

    # --- Acciones ---------------------------------------------------------------------------------

    def programar(self, procedimiento: int | None = None, oficio_id: int | None = None) -> None:
        if not permisos.puede(self.sesion, permisos.ABRIR_TRAMITE):
            return
        fecha = self.calendario.fecha_elegida() if self.pestanas.currentWidget() is self.calendario else None
        if fecha is not None and fecha < hoy_mexico():
            fecha = None
        if procedimiento not in servicio.PROCEDIMIENTOS:
            procedimiento = (servicio.SISTEMAS if self.sesion.rol == permisos.JEFE_SISTEMAS
                             else servicio.SERVIDORES_REDES)
        respuestas.abrir_dialogo(self, DialogoProgramar(self.sesion, self, fecha, procedimiento, oficio_id),
                                 self._programado)

    # --- Expediente único ---------------------------------------------------------------------------

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Selecciona en la lista el mantenimiento cuyo trámite es ``tramite_id`` (con su detalle)."""
        registro = Mantenimiento.get_or_none(Mantenimiento.expediente == tramite_id)
        if registro is None:
            return
        self.pestanas.setCurrentWidget(self.lista)
        self.lista.seleccionar(registro.id)

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
        """Programar un mantenimiento del procedimiento dado (7, 8 o 12) con el oficio recibido ya puesto."""
        self.programar(procedimiento, oficio_id)

    def _programado(self, dialogo: DialogoProgramar) -> None:
        registro = dialogo.mantenimiento
        self.calendario.ir_a(registro.inicio.date())
        self.refrescar()
        desplazados = getattr(registro, "desplazados", [])
        mensaje = tr("Se programó el mantenimiento ") + registro.numero + "."
        if desplazados:
            mensaje += tr("\n\nEl correctivo tiene prioridad; se reprogramaron: ") + ", ".join(
                f"{c.mantenimiento.numero} ({c.mantenimiento.dispositivo.nombre}) al {c.despues:%d/%m/%Y %H:%M}"
                for c in desplazados) + "."
        respuestas.avisar(self, tr("Mantenimiento programado"), mensaje)

    def generar_preventivos(self) -> None:
        hasta = hoy_mexico() + dt.timedelta(days=DIAS_GENERAR)
        if not respuestas.confirmar(self, tr("Generar preventivos"),
                         tr("Se programarán los mantenimientos preventivos que piden los planes activos hasta el ")
                         + f"{hasta:%d/%m/%Y}. " + tr("¿Continuar?")):
            return
        creados = ejecutar(self, servicio.generar_preventivos, self.sesion, hasta)
        if creados is None:
            return
        self.refrescar()
        respuestas.avisar(self, tr("Preventivos generados"),
               tr("Se programaron ") + str(len(creados)) + tr(" mantenimientos preventivos.") if creados
               else tr("Los planes no piden mantenimientos nuevos en ese periodo."))

    def ir_a_hoy(self) -> None:
        self.pestanas.setCurrentWidget(self.calendario)
        self.calendario.ir_a(hoy_mexico())
        self.calendario.mes.setFocus()

    def abrir_detalle(self, identificador: int) -> None:
        dialogo = DialogoDetalle(self.sesion, identificador, self)
        dialogo.panel.cambiado.connect(lambda _i: self.calendario.refrescar())
        respuestas.abrir_dialogo(self, dialogo, lambda _d: self.calendario.refrescar(), self.calendario.refrescar)
