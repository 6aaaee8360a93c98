"""Pestaña «Videovigilancia»: solicitudes de grabaciones, cámaras y monitoreo (procedimiento 19)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QHeaderView, QListWidget, QListWidgetItem, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from app.modelos import Usuario
from app.modelos.videovigilancia import CITADA, DENEGADA, FALLA
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.servicios.videovigilancia import equipos, expedientes, monitoreo, solicitudes
from app.vistas.comun.ayudas import boton, exportar_listado
from app.vistas.comun.comunes import abrir_dialogo, avisar, division_lista_detalle, ejecutar, tr
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.tabla import Columna, TablaFiltrable
from app.vistas.videovigilancia.dialogos import (DialogoCamara, DialogoGrabador, DialogoMonitoreo, DialogoSolicitud,
                                                 DialogoVisualizacion)

COLOR_NEGADA = QColor("#a01c1c")
COLOR_CITA = QColor("#1e5a8a")
COLOR_FALLA = QColor("#a01c1c")

COLUMNAS_SOLICITUDES = (
    Columna("Recibida", lambda f: f["creado_en"], 112),
    Columna("Cámara", lambda f: f["camara"], 170),
    Columna("Grabación", lambda f: f["fecha_grabacion"], 84),
    Columna("Horario", lambda f: f["horario"], 86),
    Columna("Dependencia", lambda f: f["dependencia"], 150),
    Columna("Oficio", lambda f: f["numero_oficio"] or tr("(sin número)"), 118),
    Columna("Estado", lambda f: f["estado_texto"], 92),
    Columna("Negativa o cita", lambda f: f["resultado"], 160),
    Columna("Trámite", lambda f: f["expediente"], 300),
)
COLUMNAS_EXPORTAR = COLUMNAS_SOLICITUDES + (
    Columna("Ubicación", lambda f: f["ubicacion"], 200),
    Columna("Grabador", lambda f: f["grabador"], 160),
    Columna("Retención (días)", lambda f: f["dias_retencion"], 90),
    Columna("Cita", lambda f: f["cita"], 120),
    Columna("Razón de la negativa", lambda f: f["razon"], 300),
    Columna("Motivo", lambda f: f["motivo"], 300),
)
COLUMNAS_CAMARAS = (
    Columna("Cámara", lambda f: f["nombre"], 220),
    Columna("Ubicación", lambda f: f["ubicacion"], 280),
    Columna("Grabador", lambda f: f["grabador"], 200),
    Columna("Tipo", lambda f: f["tipo_texto"], 170),
    Columna("Canal", lambda f: f["canal"], 60, derecha=True),
    Columna("Retención (días)", lambda f: f["dias_retencion"], 110, derecha=True),
    Columna("Solicitudes", lambda f: f["solicitudes"], 90, derecha=True),
    Columna("Estado", lambda f: tr("Activa") if f["activa"] else tr("Dada de baja"), 90),
)
COLUMNAS_MONITOREO = (
    Columna("Cuándo", lambda f: f["momento"], 120),
    Columna("Resultado", lambda f: f["resultado_texto"], 150),
    Columna("Grabador", lambda f: f["grabador"] or tr("(todo el sistema)"), 200),
    Columna("Cámara", lambda f: f["camara"] or "", 200),
    Columna("Descripción", lambda f: f["descripcion"], 360),
    Columna("Mantenimiento", lambda f: f["mantenimiento"] or "", 120),
    Columna("Registró", lambda f: f["usuario"] or "", 90),
)


def _color_solicitud(fila: dict[str, Any]) -> QColor | None:
    return {DENEGADA: COLOR_NEGADA, CITADA: COLOR_CITA}.get(fila["estado"])


class VistaVideovigilancia(QWidget):
    """Solicitudes por oficio (negativa o cita), visualizaciones, cámaras, grabadores y monitoreo."""

    TITULO = "Videovigilancia"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.dialogo: QDialog | None = None
        self._solicitudes: dict[int, dict[str, Any]] = {}
        self._camaras: list[dict[str, Any]] = []
        self._monitoreo: list[dict[str, Any]] = []

        self.boton_solicitud = boton(self, tr("Nueva &solicitud…"), "Ctrl+N", self.nueva_solicitud)
        self.boton_monitoreo = boton(self, tr("Registrar &monitoreo…"), "Ctrl+Shift+M", self.registrar_monitoreo)
        self.boton_grabador = boton(self, tr("Nuevo &grabador…"), None, self.nuevo_grabador)
        self.boton_camara = boton(self, tr("Nueva &cámara…"), None, self.nueva_camara)
        self.boton_exportar = boton(self, tr("Exportar a E&xcel…"), "Ctrl+Shift+X", self.exportar)
        arriba = QHBoxLayout()
        for b in (self.boton_solicitud, self.boton_monitoreo, self.boton_grabador, self.boton_camara,
                  self.boton_exportar):
            arriba.addWidget(b)
        arriba.addStretch(1)

        self.tabla = TablaFiltrable(COLUMNAS_SOLICITUDES, tr("Buscar por cámara, dependencia, oficio, estado o folio…"),
                                    self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        self.tabla.activada.connect(lambda _id: self.registrar_visualizacion())
        self.tabla.vista.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tabla_camaras = TablaFiltrable(COLUMNAS_CAMARAS, tr("Buscar cámaras…"), self)
        self.tabla_camaras.filtro_cambiado.connect(lambda _t: self._refrescar_camaras())
        self.tabla_camaras.activada.connect(lambda _id: self.editar_camara())
        self.boton_editar_camara = boton(self, tr("&Editar cámara…"), None, self.editar_camara)
        self.boton_editar_grabador = boton(self, tr("Editar g&rabador…"), None, self.editar_grabador)
        pagina_camaras = QWidget(self)
        capa_camaras = QVBoxLayout(pagina_camaras)
        capa_camaras.setContentsMargins(0, 0, 0, 0)
        botones_camaras = QHBoxLayout()
        botones_camaras.addWidget(self.boton_editar_camara)
        botones_camaras.addWidget(self.boton_editar_grabador)
        botones_camaras.addStretch(1)
        capa_camaras.addLayout(botones_camaras)
        capa_camaras.addWidget(self.tabla_camaras, 1)
        self.tabla_monitoreo = TablaFiltrable(COLUMNAS_MONITOREO, tr("Buscar en el monitoreo…"), self)
        self.tabla_monitoreo.filtro_cambiado.connect(lambda _t: self._refrescar_monitoreo())

        self.pestanas = QTabWidget(self)
        self.pagina_solicitudes = division_lista_detalle(self, self.tabla, self._crear_detalle(), [930, 400])
        self.pestanas.addTab(self.pagina_solicitudes, tr("Solicitudes de grabación"))
        self.pestanas.addTab(pagina_camaras, tr("Cámaras y grabadores"))
        self.pestanas.addTab(self.tabla_monitoreo, tr("Bitácora de monitoreo"))
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(self.pestanas, 1)
        self.refrescar()

    def _crear_detalle(self) -> QWidget:
        detalle = PanelDetalle(self, tr("Seleccione una solicitud"), (
            ("camara", "Cámara"), ("grabador", "Grabador"), ("dependencia", "Dependencia"), ("oficio", "Oficio"),
            ("grabacion", "Grabación"), ("motivo", "Motivo"), ("estado", "Estado"), ("razon", "Razón"),
            ("negativa", "Oficio de negativa"), ("cita", "Cita"), ("tramite", "Trámite")), ancho_minimo=360)
        self.titulo_detalle, self.formulario, self.campos = detalle.titulo, detalle.formulario, detalle.campos
        self.campos["razon"].setStyleSheet(f"color: {COLOR_NEGADA.name()};")
        self.visualizaciones = QListWidget(detalle.panel)
        self.visualizaciones.setMinimumHeight(110)
        self.visualizaciones.setWordWrap(True)
        self.visualizaciones.currentItemChanged.connect(lambda _a, _b: self._actualizar_acciones())
        detalle.agregar_fila("Visualizaciones", self.visualizaciones)
        self.boton_visualizacion = boton(self, tr("Registrar &visualización…"), "Ctrl+Shift+V",
                                         self.registrar_visualizacion)
        self.boton_corregir = boton(self, tr("Anotar c&orrección…"), None, self.corregir_visualizacion)
        self.boton_negativa = boton(self, tr("Ver oficio de &negativa"), None, self.ver_negativa)
        detalle.agregar_botones((self.boton_visualizacion, self.boton_corregir, self.boton_negativa))
        return detalle

    # --- Datos ---------------------------------------------------------------------------------

    def refrescar(self) -> None:
        filas = ejecutar(self, solicitudes.consultar, self.tabla.busqueda.text()) or []
        self._solicitudes = {f["id"]: f for f in filas}
        self.tabla.cargar(filas, color=_color_solicitud)
        self._mostrar(self.tabla.id_actual())
        self._refrescar_camaras()
        self._refrescar_monitoreo()

    def _filtrar(self, filas: list[dict[str, Any]], texto: str, claves: tuple[str, ...]) -> list[dict[str, Any]]:
        from app.servicios.nucleo.validacion import normalizar

        palabras = normalizar(texto).split()
        return [f for f in filas if all(p in normalizar(" ".join(str(f.get(c) or "") for c in claves))
                                        for p in palabras)]

    def _refrescar_camaras(self) -> None:
        filas = ejecutar(self, equipos.consultar_camaras, True) or []
        self._camaras = self._filtrar(filas, self.tabla_camaras.busqueda.text(),
                                      ("nombre", "ubicacion", "grabador", "tipo_texto"))
        self.tabla_camaras.cargar(self._camaras)
        self._actualizar_acciones()

    def _refrescar_monitoreo(self) -> None:
        filas = ejecutar(self, monitoreo.consultar) or []
        self._monitoreo = self._filtrar(filas, self.tabla_monitoreo.busqueda.text(),
                                        ("resultado_texto", "grabador", "camara", "descripcion", "mantenimiento"))
        self.tabla_monitoreo.cargar(self._monitoreo,
                                    color=lambda f: COLOR_FALLA if f["resultado"] == FALLA else None)

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario.setRowVisible(self.campos[clave], bool(texto))

    def _actual(self) -> dict[str, Any] | None:
        return self._solicitudes.get(self.tabla.id_actual())

    def _mostrar(self, identificador: Any) -> None:
        fila = self._solicitudes.get(identificador)
        for clave in self.campos:
            self._fila(clave, "")
        self.visualizaciones.clear()
        if fila is None:
            self.titulo_detalle.setText(tr("Seleccione una solicitud"))
            self._actualizar_acciones()
            return
        self.titulo_detalle.setText(tr("Solicitud de grabación n.º {n}").format(n=fila["id"]))
        self._fila("camara", f"{fila['camara']}\n{fila['ubicacion']}".strip())
        self._fila("grabador", tr("{g} · conserva {d} días").format(g=fila["grabador"], d=fila["dias_retencion"]))
        self._fila("dependencia", fila["dependencia"])
        self._fila("oficio", fila["numero_oficio"] or tr("(sin número: complételo en Oficios)"))
        self._fila("grabacion", f"{fila['fecha_grabacion']:%d/%m/%Y} · {fila['horario']}")
        self._fila("motivo", fila["motivo"])
        self._fila("estado", fila["estado_texto"])
        self._fila("razon", fila["razon"])
        self._fila("negativa", fila["folio_negativa"] or "")
        if fila["cita"]:
            self._fila("cita", f"{fila['cita']:%d/%m/%Y %H:%M}\n{fila['lugar_cita']}")
        self._fila("tramite", expedientes.resumen_expediente(fila["expediente_id"]))
        for v in solicitudes.visualizaciones(fila["id"]):
            prefijo = tr("Corrección de n.º {n}: ").format(n=v["corrige"]) if v["corrige"] else ""
            elemento = QListWidgetItem(f"n.º {v['id']} · {v['visto_en']:%d/%m/%Y %H:%M} · {v['atendio'] or ''}\n"
                                       f"    {prefijo}{v['asistentes']}: {v['contenido']}")
            elemento.setData(Qt.ItemDataRole.UserRole, v["id"])
            self.visualizaciones.addItem(elemento)
        self._actualizar_acciones()

    def _habilitar(self, b: QPushButton, permitido: bool, aplica: bool, motivo: str) -> None:
        if not permitido:
            b.setEnabled(False)
            b.setToolTip(tr("Su rol ({rol}) no lo permite.").format(
                rol=permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol)))
            return
        b.setEnabled(aplica)
        b.setToolTip(b.property("ayuda") if aplica else motivo)

    def _de_redes(self, permiso: str) -> bool:
        return permisos.puede(self.sesion, permiso) and permisos.AREA_REDES in permisos.AREAS_TRAMITE.get(
            self.sesion.rol, frozenset())

    def _actualizar_acciones(self) -> None:
        fila = self._actual()
        avanzar = self._de_redes(permisos.AVANZAR_TRAMITE)
        editar = permisos.puede(self.sesion, permisos.EDITAR_CATALOGOS)
        self._habilitar(self.boton_solicitud, self._de_redes(permisos.ABRIR_TRAMITE), True, "")
        self._habilitar(self.boton_monitoreo, avanzar, True, "")
        self._habilitar(self.boton_grabador, editar, True, "")
        self._habilitar(self.boton_camara, editar, bool(equipos.grabadores()), tr("Registre primero un grabador."))
        self._habilitar(self.boton_exportar, permisos.puede(self.sesion, permisos.EXPORTAR), True, "")
        self._habilitar(self.boton_visualizacion, avanzar, fila is not None and fila["estado"] == CITADA,
                        tr("Elija una solicitud con cita agendada."))
        self._habilitar(self.boton_corregir, avanzar, self.visualizaciones.currentItem() is not None,
                        tr("Elija en la lista la visualización que corrige."))
        self._habilitar(self.boton_negativa, permisos.puede(self.sesion, permisos.VER),
                        fila is not None and bool(fila["negativa_id"]), tr("La solicitud no se negó."))
        hay_camara = self.tabla_camaras.id_actual() is not None
        self._habilitar(self.boton_editar_camara, editar, hay_camara, tr("Elija una cámara."))
        self._habilitar(self.boton_editar_grabador, editar, hay_camara, tr("Elija una cámara de ese grabador."))

    def seleccionar(self, identificador: int) -> None:
        self.refrescar()
        if self.tabla.modelo.fila_de(identificador) < 0 and self.tabla.busqueda.text():
            self.tabla.busqueda.blockSignals(True)
            self.tabla.busqueda.clear()
            self.tabla.busqueda.blockSignals(False)
            self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.pestanas.setCurrentWidget(self.pagina_solicitudes)
            self.tabla.vista.selectRow(fila)
            self.tabla.vista.scrollTo(self.tabla.modelo.index(fila, 0))
            self._mostrar(identificador)

    # --- Acciones ------------------------------------------------------------------------------

    def _abrir(self, dialogo: QDialog, al_aceptar: Callable[[Any], None]) -> None:
        abrir_dialogo(self, dialogo, al_aceptar, self.refrescar)

    def nueva_solicitud(self, oficio_id: int | None = None) -> None:
        if not self.boton_solicitud.isEnabled():
            return

        def registrada(dialogo: DialogoSolicitud) -> None:
            decision = dialogo.resultado
            self.seleccionar(decision.solicitud.id)
            if decision.denegada:
                avisar(self, tr("Solicitud negada"), tr("Se emitió el oficio {folio}.\n\n{razon}").format(
                    folio=decision.oficio_negativa.folio, razon=decision.solicitud.razon))
            else:
                avisar(self, tr("Cita agendada"), tr("La reproducción quedó agendada el {cita}.").format(
                    cita=f"{decision.cita:%d/%m/%Y a las %H:%M}"))

        self._abrir(DialogoSolicitud(self.sesion, self, oficio_id), registrada)

    def registrar_visualizacion(self) -> None:
        fila = self._actual()
        if fila is not None and self.boton_visualizacion.isEnabled():
            self._abrir(DialogoVisualizacion(self.sesion, fila["id"], self), lambda _d: self.seleccionar(fila["id"]))

    def corregir_visualizacion(self) -> None:
        fila, elemento = self._actual(), self.visualizaciones.currentItem()
        if fila is not None and elemento is not None and self.boton_corregir.isEnabled():
            self._abrir(DialogoVisualizacion(self.sesion, fila["id"], self,
                                             corrige_id=elemento.data(Qt.ItemDataRole.UserRole)),
                        lambda _d: self.seleccionar(fila["id"]))

    def ver_negativa(self) -> None:
        fila = self._actual()
        if fila is None or not self.boton_negativa.isEnabled():
            return
        from app.vistas.comun.archivos import abrir_con_programa

        oficio = ejecutar(self, oficios.obtener, fila["negativa_id"])
        contenido = ejecutar(self, oficios.pdf_de_oficio, oficio) if oficio is not None else None
        if contenido is not None:
            abrir_con_programa(self, f"{oficio.folio.replace('/', '-')}.pdf", contenido)

    def registrar_monitoreo(self) -> None:
        if not self.boton_monitoreo.isEnabled():
            return

        def registrado(dialogo: DialogoMonitoreo) -> None:
            self.refrescar()
            self.pestanas.setCurrentWidget(self.tabla_monitoreo)
            if dialogo.resultado.mantenimiento_id:
                avisar(self, tr("Falla registrada"), tr("Se abrió el mantenimiento correctivo {n}.").format(
                    n=dialogo.resultado.mantenimiento.numero))

        self._abrir(DialogoMonitoreo(self.sesion, self), registrado)

    def nuevo_grabador(self) -> None:
        if self.boton_grabador.isEnabled():
            self._abrir(DialogoGrabador(self.sesion, self), lambda _d: self.refrescar())

    def nueva_camara(self) -> None:
        if self.boton_camara.isEnabled():
            self._abrir(DialogoCamara(self.sesion, self), lambda _d: self.refrescar())

    def editar_camara(self) -> None:
        identificador = self.tabla_camaras.id_actual()
        if identificador is not None and self.boton_editar_camara.isEnabled():
            self._abrir(DialogoCamara(self.sesion, self, identificador), lambda _d: self.refrescar())

    def editar_grabador(self) -> None:
        fila = next((f for f in self._camaras if f["id"] == self.tabla_camaras.id_actual()), None)
        if fila is not None and self.boton_editar_grabador.isEnabled():
            self._abrir(DialogoGrabador(self.sesion, self, fila["grabador_id"]), lambda _d: self.refrescar())

    def exportar(self) -> None:
        if not self.boton_exportar.isEnabled():
            return
        actual = self.pestanas.currentIndex()
        if actual == 1:
            exportar_listado(self, tr("Cámaras"), COLUMNAS_CAMARAS, self._camaras, "camaras.xlsx")
        elif actual == 2:
            exportar_listado(self, tr("Monitoreo"), COLUMNAS_MONITOREO, self._monitoreo, "monitoreo-video.xlsx")
        else:
            exportar_listado(self, tr("Solicitudes de grabación"), COLUMNAS_EXPORTAR,
                             list(self._solicitudes.values()), "solicitudes-grabacion.xlsx")

    # --- Expediente único ------------------------------------------------------------------------

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Selecciona la solicitud cuyo trámite es ``tramite_id`` (desde Pendientes u Oficios)."""
        solicitud = ejecutar(self, expedientes.por_expediente, tramite_id)
        if solicitud is not None:
            self.seleccionar(solicitud.id)

    def nuevo_caso(self, procedimiento: int = 19, oficio_id: int | None = None) -> None:
        """Un caso nuevo del procedimiento 19: la solicitud con ese oficio recibido ya elegido."""
        del procedimiento
        if not self.boton_solicitud.isEnabled():
            avisar(self, tr("Solicitud de grabación"), tr("Su cuenta no puede registrar solicitudes de grabación."))
            return
        self.nueva_solicitud(oficio_id)
