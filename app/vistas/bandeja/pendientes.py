"""Pestaña «Pendientes»: cada paso abierto que le toca al usuario, con su plazo en horas hábiles.

La lista sale de ``app.servicios.bandeja.bandeja`` (los pasos abiertos de los 21 procedimientos);
un doble clic o Enter abre el caso en el módulo que lo lleva (``abrir_caso`` de la ventana).
Atajos: F5 actualizar (la ventana), Ctrl+F buscar, Enter abrir el caso.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from app.servicios.bandeja import bandeja
from app.servicios.nucleo import permisos
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.comun.tabla import Columna, TablaFiltrable

if TYPE_CHECKING:
    from app.modelos import Usuario

ROJO = QColor(179, 38, 30)
ESPERA_DOBLE_S = 0.5      # dos activaciones del mismo caso en menos de esto son un solo doble clic
# (texto, alcance) en el orden en que se ofrecen; «Mi departamento» es el de omisión.
ALCANCES = (("Mi departamento", bandeja.DEPARTAMENTO), ("Míos", bandeja.MIOS), ("Todos", bandeja.TODOS))


def _estado(pendiente: bandeja.Pendiente) -> str:
    if pendiente.vence_en is None:
        return tr("Sin plazo")
    return tr("VENCIDO") if pendiente.vencido else tr("En plazo")


def contador(pendientes: int, vencidos: int) -> str:
    """«1 pendiente · 0 vencidos», «12 pendientes · 3 vencidos»."""
    return (tr("{n} pendiente") if pendientes == 1 else tr("{n} pendientes")).format(n=f"{pendientes:,}") \
        + " · " + (tr("{v} vencido") if vencidos == 1 else tr("{v} vencidos")).format(v=f"{vencidos:,}")


class Antiguedad:
    """Celda de antigüedad: se lee «3 d 4 h» y se ordena por su duración (la tabla ordena por ``isoformat``)."""

    def __init__(self, pendiente: bandeja.Pendiente) -> None:
        self.segundos = int(pendiente.antiguedad.total_seconds())
        self.texto = bandeja.describir_antiguedad(pendiente.antiguedad)

    def __str__(self) -> str:
        return self.texto

    def isoformat(self) -> str:
        return f"{self.segundos:015d}"


def _caso(pendiente: bandeja.Pendiente) -> str:
    """«Ticket T-2026-00012 · No enciende el equipo» o, si se lleva en Trámites, su asunto."""
    if pendiente.caso == pendiente.numero:
        return pendiente.asunto
    identificador = pendiente.caso.rsplit(" ", 1)[-1]
    if len(identificador) > 4 and identificador in pendiente.asunto:   # «Ticket T-2026-00012: …» ya lo nombra
        return pendiente.asunto
    return f"{pendiente.caso} · {pendiente.asunto}"


def fila(pendiente: bandeja.Pendiente) -> dict[str, Any]:
    """La fila de la tabla (el id es el del paso: un trámite tiene un solo paso abierto)."""
    return {"id": pendiente.paso_tramite_id, "tramite_id": pendiente.tramite_id,
            "caso": _caso(pendiente), "numero": pendiente.numero,
            "procedimiento": f"{pendiente.clave} · {pendiente.procedimiento_nombre}",
            "paso": pendiente.paso_y_actividad, "dependencia": pendiente.dependencia or "—",
            "antiguedad": Antiguedad(pendiente),
            "vence": pendiente.vence_en, "estado": _estado(pendiente), "vencido": pendiente.vencido}


class VistaPendientes(QWidget):
    """La bandeja del usuario: filtros Míos / Mi departamento / Todos y «Solo vencidos»."""

    TITULO = "Pendientes"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.pendientes: dict[int, bandeja.Pendiente] = {}
        self.dialogo = None
        self._mostrada = False
        self._ultimo_abierto: tuple[int, ...] = ()
        self._abierto_en = 0.0

        self.alcance = QComboBox(self)
        for texto, valor in ALCANCES:
            self.alcance.addItem(tr(texto), valor)
        etiqueta_alcance = QLabel(tr("&Mostrar:"), self)
        etiqueta_alcance.setBuddy(self.alcance)
        self.solo_vencidos = QCheckBox(tr("Solo &vencidos"), self)
        self.boton_actualizar = QPushButton(tr("Actualizar"), self)
        self.boton_actualizar.setToolTip(tr("Volver a leer los pendientes (F5)"))
        self.boton_actualizar.setAutoDefault(False)
        self.boton_abrir = QPushButton(tr("Abrir caso"), self)
        self.boton_abrir.setToolTip(tr("Abrir el caso en el módulo que lo lleva (Enter o doble clic)"))
        self.boton_abrir.setAutoDefault(False)
        self.boton_destinatarios = QPushButton(tr("Destinatarios de avisos…"), self)
        self.boton_destinatarios.setToolTip(tr("Quién recibe por correo los avisos de pasos y el resumen de vencidos"))
        self.boton_destinatarios.setAutoDefault(False)
        self.boton_destinatarios.setEnabled(permisos.puede(sesion, permisos.EDITAR_CATALOGOS))
        barra = QHBoxLayout()
        barra.addWidget(etiqueta_alcance)
        barra.addWidget(self.alcance)
        barra.addSpacing(12)
        barra.addWidget(self.solo_vencidos)
        barra.addStretch(1)
        barra.addWidget(self.boton_abrir)
        barra.addWidget(self.boton_actualizar)
        barra.addWidget(self.boton_destinatarios)

        self.tabla = TablaFiltrable([
            Columna(tr("Número"), lambda r: r["numero"], 118),
            Columna(tr("Caso"), lambda r: r["caso"], 230),
            Columna(tr("Procedimiento"), lambda r: r["procedimiento"], 190),
            Columna(tr("Paso y actividad"), lambda r: r["paso"], 300),
            Columna(tr("Dependencia"), lambda r: r["dependencia"], 160),
            Columna(tr("Antigüedad"), lambda r: r["antiguedad"], 84, derecha=True),
            Columna(tr("Vence"), lambda r: r["vence"], 118),
            Columna(tr("Estado"), lambda r: r["estado"], 78),
        ], tr("Buscar por caso, trámite, asunto, procedimiento o dependencia…"), self)
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.detalle = etiqueta_plana("", self)
        self.detalle.setObjectName("ayuda")
        self.leyenda = etiqueta_plana(tr("Rojo: paso vencido (plazo del manual en horas hábiles). "
                                         "Enter o doble clic: abrir el caso en su módulo."), self)
        self.leyenda.setObjectName("ayuda")

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(barra)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.detalle)
        capa.addWidget(self.leyenda)

        self.alcance.currentIndexChanged.connect(lambda _i: self.refrescar())
        self.solo_vencidos.toggled.connect(lambda _v: self.refrescar())
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.activada.connect(self.abrir)
        self.tabla.seleccion_cambiada.connect(self._mostrar_detalle)
        self.boton_actualizar.clicked.connect(lambda _c=False: self.refrescar())
        self.boton_abrir.clicked.connect(lambda _c=False: self.abrir(self.tabla.id_actual()))
        self.boton_destinatarios.clicked.connect(lambda _c=False: self.editar_destinatarios())
        self.refrescar()

    # --- Datos ------------------------------------------------------------------------------

    def refrescar(self) -> None:
        """Vuelve a leer los pendientes con los filtros elegidos (F5, al volver a la pestaña)."""
        lista = comunes.ejecutar(self, bandeja.pendientes, self.sesion, self.alcance.currentData(),
                                 self.solo_vencidos.isChecked())
        if lista is None:
            lista = []
        lista = bandeja.filtrar(lista, self.tabla.busqueda.text())
        self.pendientes = {p.paso_tramite_id: p for p in lista}
        self.tabla.cargar([fila(p) for p in lista], color=lambda r: ROJO if r["vencido"] else None)
        vencidos = sum(p.vencido for p in lista)
        self.tabla.contador.setText(contador(len(lista), vencidos))
        self.boton_abrir.setEnabled(bool(lista))
        self._mostrar_detalle(self.tabla.id_actual())

    def _mostrar_detalle(self, identificador: Any) -> None:
        pendiente = self.pendientes.get(identificador)
        if pendiente is None:
            self.detalle.setText(tr("No hay pasos pendientes con estos filtros."))
            return
        partes = [f"{pendiente.caso}", f"{tr('Atiende')}: {pendiente.area}"]
        if pendiente.responsable:
            partes.append(f"{tr('Responsable')}: {pendiente.responsable}")
        partes.append(f"{tr('Abierto desde')}: {pendiente.inicio:%d/%m/%Y %H:%M} "
                      f"({pendiente.horas_habiles:.1f} h {tr('hábiles')})")
        self.detalle.setText(" · ".join(partes))

    def tramite_de(self, identificador: Any) -> int | None:
        pendiente = self.pendientes.get(identificador)
        return pendiente.tramite_id if pendiente is not None else None

    # --- Acciones ---------------------------------------------------------------------------

    def abrir(self, identificador: Any) -> None:
        """Abre el caso del paso elegido en el módulo que lo lleva (la ventana sabe cuál)."""
        tramite_id = self.tramite_de(identificador)
        abrir_caso = getattr(self.window(), "abrir_caso", None)
        if tramite_id is None or not callable(abrir_caso):
            return
        # Un doble clic llega dos veces (doubleClicked y activated de la tabla): se abre una sola.
        momento = time.monotonic()
        if self._ultimo_abierto == (tramite_id,) and momento - self._abierto_en < ESPERA_DOBLE_S:
            return
        self._ultimo_abierto, self._abierto_en = (tramite_id,), momento
        abrir_caso(tramite_id)

    def editar_destinatarios(self) -> None:
        from app.vistas.bandeja.destinatarios import DialogoDestinatarios

        comunes.abrir_dialogo(self, DialogoDestinatarios(self.sesion, self), lambda _d: None)

    def showEvent(self, evento) -> None:  # noqa: N802 - API de Qt
        """Al volver a la pestaña se releen los pendientes (otro pudo cerrar o abrir pasos)."""
        super().showEvent(evento)
        if self._mostrada:
            self.refrescar()
        self._mostrada = True
