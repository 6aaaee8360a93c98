"""Pestañas internas «Equipos y planes» y «Bitácora de servidores» del módulo Mantenimiento."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from app.modelos import Usuario
from app.servicios.mantenimiento import (mantenimiento as servicio, recurrencia,
                                         servidores)
from app.servicios.nucleo import permisos
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import ayuda_plana, division_lista_detalle, ejecutar, etiqueta_plana, tr
from app.vistas.mantenimiento import respuestas
from app.vistas.mantenimiento.dialogos import DialogoCambioServidor, DialogoEquipo, DialogoPlan
from app.vistas.comun.fechas import fecha_de, qfecha
from app.vistas.comun.tabla import Columna, TablaFiltrable

COLUMNAS_EQUIPOS = (
    Columna("Equipo o sistema", lambda f: f["nombre"], 220),
    Columna("Tipo", lambda f: f["tipo"], 170),
    Columna("Ubicación", lambda f: f["ubicacion"], 200),
    Columna("Inventario", lambda f: f["inventario"], 110),
    Columna("Activo", lambda f: "Sí" if f["activo"] else "No", 60),
)

COLUMNAS_BITACORA = (
    Columna("Fecha y hora", lambda f: f["momento"], 130),
    Columna("Servidor", lambda f: f["servidor"], 170),
    Columna("Anotación", lambda f: f["tipo_texto"], 175),
    Columna("Mantenimiento", lambda f: f["mantenimiento"] or "", 124),
    Columna("Usuario", lambda f: f["usuario"] or "", 150),
    Columna("Descripción", lambda f: f["descripcion"], 320),
)


class PanelEquipos(QWidget):
    """Catálogo de equipos y sistemas con sus planes preventivos y las próximas fechas."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.dialogo = None
        self.inactivos = QCheckBox(tr("Mostrar dados de baja"), self)
        self.inactivos.toggled.connect(lambda _m: self.refrescar())
        self.boton_nuevo = self._boton(tr("Nuevo equipo…"), self.nuevo_equipo)
        self.boton_editar = self._boton(tr("Modificar…"), self.editar_equipo)
        self.boton_baja = self._boton(tr("Dar de baja / reactivar"), self.cambiar_activo)
        edita = permisos.puede(sesion, permisos.EDITAR_CATALOGOS)
        for boton in (self.boton_nuevo, self.boton_editar, self.boton_baja):
            boton.setEnabled(edita)
        arriba = QHBoxLayout()
        for boton in (self.boton_nuevo, self.boton_editar, self.boton_baja):
            arriba.addWidget(boton)
        arriba.addStretch(1)
        arriba.addWidget(self.inactivos)
        self.tabla = TablaFiltrable(COLUMNAS_EQUIPOS, tr("Buscar equipo, tipo, ubicación o inventario…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        self.tabla.activada.connect(lambda _i: self.editar_equipo())

        derecha = QWidget(self)
        capa_derecha = QVBoxLayout(derecha)
        capa_derecha.setContentsMargins(0, 0, 0, 0)
        self.titulo = etiqueta_plana(tr("Seleccione un equipo"), derecha)
        self.titulo.setObjectName("titulo")
        self.datos = etiqueta_plana("", derecha)
        self.planes = QListWidget(derecha)
        self.planes.setWordWrap(True)
        self.planes.itemActivated.connect(lambda _e: self.editar_plan())
        self.boton_plan = self._boton(tr("Nuevo plan preventivo…"), self.nuevo_plan)
        self.boton_editar_plan = self._boton(tr("Modificar plan…"), self.editar_plan)
        self.boton_baja_plan = self._boton(tr("Dar de baja el plan"), self.baja_plan)
        for boton in (self.boton_plan, self.boton_editar_plan, self.boton_baja_plan):
            boton.setEnabled(edita)
        botones_plan = QHBoxLayout()
        for boton in (self.boton_plan, self.boton_editar_plan, self.boton_baja_plan):
            botones_plan.addWidget(boton)
        capa_derecha.addWidget(self.titulo)
        capa_derecha.addWidget(self.datos)
        capa_derecha.addWidget(QLabel(tr("Planes preventivos y próximas fechas:"), derecha))
        capa_derecha.addWidget(self.planes, 1)
        capa_derecha.addLayout(botones_plan)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(division_lista_detalle(self, self.tabla, derecha, [700, 500]), 1)

    def _boton(self, texto: str, accion) -> QPushButton:
        boton = QPushButton(texto, self)
        boton.setAutoDefault(False)
        boton.clicked.connect(lambda _c=False: accion())
        return boton

    def refrescar(self) -> None:
        registros = ejecutar(self, servicio.dispositivos, not self.inactivos.isChecked(), None,
                             self.tabla.busqueda.text()) or []
        filas = [{"id": r.id, "nombre": r.nombre, "tipo": servicio.TIPOS_DISPOSITIVO.get(r.tipo, r.tipo),
                  "ubicacion": r.ubicacion, "inventario": r.bien.numero_inventario if r.bien else "",
                  "activo": r.activo} for r in registros]
        self.tabla.cargar(filas)
        self._mostrar(self.tabla.id_actual())

    def equipo(self):
        identificador = self.tabla.id_actual()
        return ejecutar(self, servicio.obtener_dispositivo, identificador) if identificador is not None else None

    def _mostrar(self, identificador: Any) -> None:
        self.planes.clear()
        equipo = ejecutar(self, servicio.obtener_dispositivo, identificador) if identificador is not None else None
        if equipo is None:
            self.titulo.setText(tr("Seleccione un equipo"))
            self.datos.clear()
            return
        self.titulo.setText(equipo.nombre)
        dependencias = ", ".join(d.nombre for d in servicio.dependencias_de(equipo.dependencias)) or tr("ninguna")
        self.datos.setText(f"{servicio.TIPOS_DISPOSITIVO[equipo.tipo]} · {equipo.ubicacion}\n"
                           + tr("Dependencias que lo usan: ") + dependencias
                           + (f"\n{equipo.descripcion}" if equipo.descripcion else ""))
        for plan in servicio.planes(equipo, activos=False):
            proximas = ", ".join(f"{f:%d/%m/%Y}" for f in servicio.proximas_fechas(plan, 4)) if plan.activo else ""
            texto = (f"{recurrencia.describir(plan.cada, plan.unidad)} a las {plan.hora} "
                     f"({plan.duracion_min} min), desde el {plan.inicio:%d/%m/%Y}")
            texto += (tr("\n    Próximas: ") + (proximas or tr("ninguna"))) if plan.activo else tr("  · dado de baja")
            elemento = QListWidgetItem(texto, self.planes)
            elemento.setData(256, plan.id)
            elemento.setToolTip(ayuda_plana(plan.actividades))

    def _plan(self):
        elemento = self.planes.currentItem()
        return ejecutar(self, servicio.obtener_plan, elemento.data(256)) if elemento is not None else None

    def _abrir(self, dialogo, al_aceptar) -> None:
        respuestas.abrir_dialogo(self, dialogo, al_aceptar)

    def nuevo_equipo(self) -> None:
        self._abrir(DialogoEquipo(self.sesion, parent=self), lambda _d: self.refrescar())

    def editar_equipo(self) -> None:
        equipo = self.equipo()
        if equipo is not None and self.boton_editar.isEnabled():
            self._abrir(DialogoEquipo(self.sesion, equipo, parent=self), lambda _d: self.refrescar())

    def cambiar_activo(self) -> None:
        equipo = self.equipo()
        if equipo is None:
            return
        pregunta = (tr("¿Dar de baja «") + equipo.nombre + tr("»? Ya no se ofrecerá al programar.")) if equipo.activo \
            else (tr("¿Reactivar «") + equipo.nombre + "»?")
        if respuestas.confirmar(self, tr("Equipo"), pregunta):
            ejecutar(self, servicio.cambiar_activo_dispositivo, self.sesion, equipo, not equipo.activo,
                     equipo.version)
            self.refrescar()

    def nuevo_plan(self) -> None:
        equipo = self.equipo()
        if equipo is not None:
            self._abrir(DialogoPlan(self.sesion, equipo, parent=self), lambda _d: self._mostrar(equipo.id))

    def editar_plan(self) -> None:
        plan = self._plan()
        if plan is not None and self.boton_editar_plan.isEnabled():
            self._abrir(DialogoPlan(self.sesion, plan.dispositivo, plan, parent=self),
                        lambda _d: self._mostrar(plan.dispositivo_id))

    def baja_plan(self) -> None:
        plan = self._plan()
        if plan is None or not plan.activo:
            return
        if respuestas.confirmar(self, tr("Plan preventivo"),
                              tr("¿Dar de baja este plan? Los mantenimientos ya programados se conservan.")):
            ejecutar(self, servicio.cambiar_activo_plan, self.sesion, plan, False, plan.version)
            self._mostrar(plan.dispositivo_id)


class PanelBitacoraServidores(QWidget):
    """Bitácora consultable de los servidores: texto, servidor y fechas."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.dialogo = None
        self.servidor = QComboBox(self)
        self.desde = QDateEdit(self)
        self.hasta = QDateEdit(self)
        hoy = hoy_mexico()
        for campo, fecha in ((self.desde, hoy - dt.timedelta(days=90)), (self.hasta, hoy + dt.timedelta(days=90))):
            campo.setCalendarPopup(True)
            campo.setDisplayFormat("dd/MM/yyyy")
            campo.setDate(qfecha(fecha))
            campo.dateChanged.connect(lambda _d: self.refrescar())
        self.servidor.currentIndexChanged.connect(lambda _i: self.refrescar())
        self.boton_documentar = QPushButton(tr("Documentar cambio…"), self)
        self.boton_documentar.setAutoDefault(False)
        self.boton_documentar.setEnabled(permisos.puede(sesion, permisos.AVANZAR_TRAMITE)
                                         and permisos.AREA_SOPORTE in permisos.AREAS_TRAMITE.get(sesion.rol, ()))
        self.boton_documentar.clicked.connect(lambda _c=False: self.documentar())
        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_documentar)
        arriba.addStretch(1)
        for texto, campo in ((tr("&Servidor:"), self.servidor), (tr("&Desde:"), self.desde),
                             (tr("&Hasta:"), self.hasta)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(campo)
            arriba.addWidget(etiqueta)
            arriba.addWidget(campo)
        self.tabla = TablaFiltrable(COLUMNAS_BITACORA, tr("Buscar en la bitácora (sin importar acentos)…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(True)
        encabezado.setSectionResizeMode(len(COLUMNAS_BITACORA) - 1, QHeaderView.ResizeMode.Stretch)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(self.tabla, 1)
        self._llenar_servidores()

    def _llenar_servidores(self) -> None:
        actual = self.servidor.currentData()
        self.servidor.blockSignals(True)
        self.servidor.clear()
        self.servidor.addItem(tr("Todos"), None)
        for registro in servicio.dispositivos(activos=False, tipos=servidores.TIPOS_SERVIDOR):
            self.servidor.addItem(registro.nombre, registro.id)
        self.servidor.setCurrentIndex(max(self.servidor.findData(actual), 0))
        self.servidor.blockSignals(False)

    def refrescar(self) -> None:
        self._llenar_servidores()        # pudieron darse de alta servidores en «Equipos y planes»
        filas = ejecutar(self, servidores.consultar_bitacora, self.tabla.busqueda.text(),
                         self.servidor.currentData(), fecha_de(self.desde.date()), fecha_de(self.hasta.date()))
        self.tabla.cargar(filas or [])

    def documentar(self) -> None:
        identificador = self.servidor.currentData()
        equipo = ejecutar(self, servicio.obtener_dispositivo, identificador) if identificador else None

        def hecho(_d) -> None:
            hoy = qfecha(hoy_mexico())
            if self.hasta.date() < hoy:
                self.hasta.setDate(hoy)      # que se vea lo que se acaba de anotar
            self.refrescar()

        respuestas.abrir_dialogo(self, DialogoCambioServidor(self.sesion, self, equipo), hecho)
