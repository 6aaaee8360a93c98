"""Pestaña «Internet»: aplicación de políticas de acceso a internet (procedimiento 20).

Tres vistas: las solicitudes de desbloqueo (con su decisión, razón, oficio de respuesta y trámite),
las excepciones concedidas (las vencidas resaltadas) y el historial de versiones de la política.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QTabWidget, QVBoxLayout, QWidget)

from app.modelos import Usuario
from app.modelos.internet import SolicitudDesbloqueo
from app.servicios.internet import expedientes, politicas, solicitudes
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.vistas.comun.ayudas import boton, exportar_listado, guardar_bytes, ruta_para_guardar
from app.vistas.comun.comunes import (abrir_dialogo, avisar, division_lista_detalle, ejecutar, etiqueta_plana,
                                      tr)
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros
from app.vistas.internet.dialogos import DialogoDecision, DialogoPolitica, DialogoSolicitud
from app.vistas.comun.archivos import abrir_con_programa

COLOR_VENCIDA = QColor("#a01c1c")
COLOR_NEGADA = QColor("#6b4a00")
COLOR_PENDIENTE = QColor("#1f4e8c")
ESTADOS_FILTRO = (("Todas", None), ("Por decidir", solicitudes.RECIBIDA), ("Liberadas", solicitudes.LIBERADA),
                  ("Negadas", solicitudes.NEGADA))


def _color(fila: dict[str, Any]) -> QColor | None:
    if fila["vencida"]:
        return COLOR_VENCIDA
    if fila["estado"] == solicitudes.RECIBIDA:
        return COLOR_PENDIENTE
    return COLOR_NEGADA if fila["estado"] == solicitudes.NEGADA else None


COLUMNAS = (
    Columna("Recibida", lambda f: f["creado_en"], 112),
    Columna("Sitio", lambda f: f["sitio"], 130),
    Columna("Dependencia", lambda f: f["dependencia"], 200),
    Columna("Oficio", lambda f: f["oficio"], 104),
    Columna("Situación", lambda f: f["situacion"], 170),
    Columna("Categoría", lambda f: f["categoria"], 120),
    Columna("Respuesta", lambda f: f["respuesta"] or "", 110),
)
COLUMNAS_EXPORTAR = COLUMNAS + (
    Columna("Trámite", lambda f: f["expediente"], 260),
    Columna("Solicitante (titular)", lambda f: f["solicitante"], 220),
    Columna("Razón de la decisión", lambda f: f["razon"], 320),
    Columna("Autorizó o negó", lambda f: f["autorizo"] or "", 200),
    Columna("Decidida el", lambda f: f["decidido_en"], 118),
    Columna("Vence", lambda f: f["vence"], 90),
)
COLUMNAS_EXCEPCIONES = (
    Columna("Sitio", lambda f: f["sitio"], 170),
    Columna("Dependencia", lambda f: f["dependencia"], 240),
    Columna("Autorizó", lambda f: f["autorizo"] or "", 170),
    Columna("Autorizada el", lambda f: f["decidido_en"], 118),
    Columna("Vence", lambda f: f["vence"], 90),
    Columna("Situación", lambda f: f["situacion"], 190),
    Columna("Oficio de respuesta", lambda f: f["respuesta"] or "", 150),
)


class VistaInternet(QWidget):
    """Solicitudes de desbloqueo, excepciones concedidas y versiones de la política de filtrado."""

    TITULO = "Internet"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.solicitud: SolicitudDesbloqueo | None = None
        self.dialogo: QDialog | None = None
        self._registros: list[dict[str, Any]] = []
        self._excepciones: list[dict[str, Any]] = []

        self.boton_nueva = boton(self, tr("&Nueva solicitud…"), "Ctrl+N", self.nueva_solicitud)
        self.boton_decidir = boton(self, tr("&Decidir…"), "Ctrl+D", self.decidir)
        self.boton_politica = boton(self, tr("Nueva versión de la &política…"), "Ctrl+Shift+P", self.nueva_politica)
        self.boton_lista = boton(self, tr("&Lista para el firewall…"), "Ctrl+L", self.lista_firewall)
        self.boton_exportar = boton(self, tr("Exportar a E&xcel…"), "Ctrl+Shift+X", self.exportar)
        self.filtro_estado = QComboBox(self)
        for texto, clave in ESTADOS_FILTRO:
            self.filtro_estado.addItem(tr(texto), clave)
        self.filtro_estado.currentIndexChanged.connect(lambda _i: self.refrescar())
        self.resumen_politica = etiqueta_plana("", self)
        arriba = QHBoxLayout()
        for b in (self.boton_nueva, self.boton_decidir, self.boton_politica, self.boton_lista, self.boton_exportar):
            arriba.addWidget(b)
        arriba.addStretch(1)
        filtros = QHBoxLayout()
        etiqueta = QLabel(tr("&Mostrar:"), self)
        etiqueta.setBuddy(self.filtro_estado)
        filtros.addWidget(etiqueta)
        filtros.addWidget(self.filtro_estado)
        filtros.addSpacing(12)
        filtros.addWidget(self.resumen_politica, 1)

        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por sitio, dependencia, oficio, categoría o razón…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        self.tabla.activada.connect(lambda _id: self.decidir())
        self.tabla.vista.horizontalHeader().setStretchLastSection(True)
        self.tabla_excepciones = TablaFiltrable(COLUMNAS_EXCEPCIONES, tr("Buscar excepciones…"), self)
        self.tabla_excepciones.filtro_cambiado.connect(lambda _t: self._refrescar_excepciones())
        self.tabla_excepciones.activada.connect(self._ir_a_solicitud)
        self.tabla_excepciones.vista.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.aviso_excepciones = etiqueta_plana("", self)
        self.pagina_excepciones = QWidget(self)
        capa_exc = QVBoxLayout(self.pagina_excepciones)
        capa_exc.setContentsMargins(0, 0, 0, 0)
        capa_exc.addWidget(self.aviso_excepciones)
        capa_exc.addWidget(self.tabla_excepciones, 1)

        self.pestanas = QTabWidget(self)
        self.pagina_solicitudes = division_lista_detalle(self, self.tabla, self._crear_detalle(), [930, 360])
        self.pestanas.addTab(self.pagina_solicitudes, tr("Solicitudes de desbloqueo"))
        self.pestanas.addTab(self.pagina_excepciones, tr("Excepciones concedidas"))
        self.pestanas.addTab(self._crear_politica(), tr("Política de filtrado"))
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addLayout(filtros)
        capa.addWidget(self.pestanas, 1)
        self.refrescar()

    # --- Construcción --------------------------------------------------------------------------

    def _crear_detalle(self) -> QWidget:
        detalle = PanelDetalle(self, tr("Seleccione una solicitud"), (
            ("dependencia", "Dependencia"), ("solicitante", "Solicita"), ("oficio", "Oficio"),
            ("capturado", "Dirección pedida"), ("motivo", "Motivo"), ("situacion", "Situación"),
            ("decision", "¿Infringe?"), ("categoria", "Categoría"), ("razon", "Razón"), ("politica", "Política"),
            ("regla", "Regla del firewall"), ("autorizo", "Decidió"), ("respuesta", "Respuesta"),
            ("tramite", "Trámite")), ancho_minimo=330)
        self.titulo_detalle, self.formulario, self.campos = detalle.titulo, detalle.formulario, detalle.campos
        self.campos["situacion"].setStyleSheet("font-weight: bold;")
        self.boton_ver_oficio = boton(self, tr("Ver oficio de respuesta"), "Ctrl+O", self.ver_respuesta)
        detalle.agregar_botones((self.boton_ver_oficio,), columnas=1)
        return detalle

    def _crear_politica(self) -> QWidget:
        pagina = QWidget(self)
        capa = QHBoxLayout(pagina)
        capa.setContentsMargins(0, 0, 0, 0)
        self.versiones = QListWidget(pagina)
        self.versiones.setMaximumWidth(360)
        self.versiones.currentItemChanged.connect(lambda actual, _previo: self._mostrar_version(actual))
        self.texto_version = etiqueta_plana("", pagina)
        self.texto_version.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.texto_version.setWordWrap(True)
        capa.addWidget(self.versiones)
        capa.addWidget(self.texto_version, 1)
        return pagina

    # --- Datos ---------------------------------------------------------------------------------

    def refrescar(self) -> None:
        filas = ejecutar(self, solicitudes.consultar, self.tabla.busqueda.text(), self.filtro_estado.currentData())
        self._registros = filas or []
        self.tabla.cargar(self._registros, color=_color)
        self._mostrar(self.tabla.id_actual())
        self._refrescar_excepciones()
        self._refrescar_politica()

    def _refrescar_excepciones(self) -> None:
        self._excepciones = ejecutar(self, solicitudes.excepciones, self.tabla_excepciones.busqueda.text()) or []
        self.tabla_excepciones.cargar(self._excepciones, color=lambda f: COLOR_VENCIDA if f["vencida"] else None)
        vencidas = sum(1 for f in self._excepciones if f["vencida"])
        vigentes = len(self._excepciones) - vencidas
        texto = tr("{v} excepción(es) vigente(s) en la lista del firewall").format(v=vigentes)
        if vencidas:
            texto += tr("; {n} vencida(s), en rojo: retírelas del firewall.").format(n=vencidas)
        self.aviso_excepciones.setText(texto)
        self.aviso_excepciones.setStyleSheet(f"color: {COLOR_VENCIDA.name()}; font-weight: bold;" if vencidas else "")

    def _refrescar_politica(self) -> None:
        vigente = politicas.vigente()
        self.resumen_politica.setText(tr("Política vigente: {p}").format(p=politicas.texto_version(vigente)))
        actual = self.versiones.currentRow()
        self.versiones.blockSignals(True)
        self.versiones.clear()
        for politica in politicas.historial():
            marca = tr("vigente") if vigente is not None and politica.id == vigente.id else tr("anterior")
            elemento = QListWidgetItem(tr("Versión {n} ({m}) · {f:%d/%m/%Y}").format(
                n=politica.numero, m=marca, f=politica.aplicada_el))
            elemento.setData(Qt.ItemDataRole.UserRole, politica.id)
            self.versiones.addItem(elemento)
        self.versiones.blockSignals(False)
        if self.versiones.count():
            self.versiones.setCurrentRow(actual if 0 <= actual < self.versiones.count() else 0)
        self._mostrar_version(self.versiones.currentItem())

    def _mostrar_version(self, elemento: QListWidgetItem | None) -> None:
        if elemento is None:
            self.texto_version.setText(tr("Aún no hay política de filtrado: registre la primera versión "
                                          "(actividades 1 y 2 del procedimiento)."))
            return
        politica = politicas.obtener(elemento.data(Qt.ItemDataRole.UserRole))
        cerradas = set(politicas.sin_excepcion_de(politica))
        lineas = [tr("Versión {n}, aplicada el {f:%d/%m/%Y}").format(n=politica.numero, f=politica.aplicada_el),
                  tr("Firewall: {f}").format(f=politica.firewall), "", tr("Categorías bloqueadas:")]
        lineas += [f"  • {c}" + (tr(" — sin excepciones") if c in cerradas else "")
                   for c in politicas.categorias_de(politica)]
        if politica.descripcion:
            lineas += ["", tr("Cambios: {d}").format(d=politica.descripcion)]
        self.texto_version.setText("\n".join(lineas))

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario.setRowVisible(self.campos[clave], bool(texto))

    def _mostrar(self, identificador: Any) -> None:
        self.solicitud = ejecutar(self, solicitudes.obtener, identificador) if identificador else None
        fila = next((r for r in self._registros if r["id"] == identificador), None)
        for clave in self.campos:
            self._fila(clave, "")
        s = self.solicitud
        if s is None or fila is None:
            self.titulo_detalle.setText(tr("Seleccione una solicitud"))
        else:
            self.titulo_detalle.setText(s.sitio)
            self._fila("dependencia", fila["dependencia"])
            self._fila("solicitante", s.solicitante)
            self._fila("oficio", f"{fila['oficio']} ({s.oficio.recibido_en:%d/%m/%Y})")
            self._fila("capturado", s.sitio_capturado if s.sitio_capturado != s.sitio else "")
            self._fila("motivo", s.motivo)
            self._fila("situacion", fila["situacion"])
            self.campos["situacion"].setStyleSheet(
                f"font-weight: bold; color: {COLOR_VENCIDA.name()};" if fila["vencida"] else "font-weight: bold;")
            if s.infringe is not None:
                self._fila("decision", tr("Sí: no se libera") if s.infringe else tr("No: se liberó"))
            self._fila("categoria", s.categoria)
            self._fila("razon", s.razon)
            self._fila("politica", politicas.texto_version(solicitudes.politica_de(s)) if s.politica_id else "")
            self._fila("regla", s.regla_firewall)
            if s.decidido_en:
                self._fila("autorizo", f"{fila['autorizo'] or ''} ({s.decidido_en:%d/%m/%Y %H:%M})")
            self._fila("respuesta", fila["respuesta"] or "")
            self._fila("tramite", expedientes.resumen_expediente(s.expediente_id))
        self._actualizar_acciones()

    def _habilitar(self, b: QPushButton, permitido: bool, aplica: bool, motivo: str) -> None:
        if not permitido:
            b.setEnabled(False)
            b.setToolTip(tr("Su rol ({rol}) no lo permite.").format(
                rol=permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol)))
            return
        b.setEnabled(aplica)
        b.setToolTip(b.property("ayuda") if aplica else motivo)

    def _actualizar_acciones(self) -> None:
        s = self.solicitud
        areas = permisos.AREAS_TRAMITE.get(self.sesion.rol, frozenset())
        registrar = permisos.puede(self.sesion, permisos.ABRIR_TRAMITE) and permisos.AREA_DIRECCION in areas
        decidir = (permisos.puede(self.sesion, permisos.AVANZAR_TRAMITE)
                   and permisos.puede(self.sesion, permisos.EMITIR_OFICIO) and permisos.AREA_REDES in areas)
        politica = permisos.puede(self.sesion, permisos.EDITAR_CATALOGOS) and permisos.AREA_REDES in areas
        exportar = permisos.puede(self.sesion, permisos.EXPORTAR)
        self._habilitar(self.boton_nueva, registrar, True, "")
        self._habilitar(self.boton_decidir, decidir, s is not None and s.estado == solicitudes.RECIBIDA,
                        tr("Seleccione una solicitud por decidir."))
        self._habilitar(self.boton_politica, politica, True, "")
        self._habilitar(self.boton_lista, exportar, True, "")
        self._habilitar(self.boton_exportar, exportar, True, "")
        self._habilitar(self.boton_ver_oficio, permisos.puede(self.sesion, permisos.VER),
                        s is not None and s.oficio_respuesta_id is not None,
                        tr("La solicitud aún no tiene oficio de respuesta."))

    # --- Acciones ------------------------------------------------------------------------------

    def _abrir_dialogo(self, dialogo: QDialog, al_aceptar: Callable[[Any], None]) -> None:
        abrir_dialogo(self, dialogo, al_aceptar, self.refrescar)

    def seleccionar(self, identificador: int) -> None:
        self.pestanas.setCurrentWidget(self.pagina_solicitudes)
        self.refrescar()
        if self.tabla.modelo.fila_de(identificador) < 0:
            quitar_filtros(self.tabla, self.filtro_estado)
            self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self.tabla.vista.scrollTo(self.tabla.modelo.index(fila, 0))
            self._mostrar(identificador)

    def _ir_a_solicitud(self, identificador: Any) -> None:
        if identificador:
            self.seleccionar(identificador)

    def nueva_solicitud(self, oficio_id: int | None = None) -> None:
        if self.boton_nueva.isEnabled():
            self._abrir_dialogo(DialogoSolicitud(self.sesion, self, oficio_id),
                                lambda d: self.seleccionar(d.solicitud.id))

    def decidir(self) -> None:
        if self.solicitud is None or not self.boton_decidir.isEnabled():
            return

        def decidida(dialogo: DialogoDecision) -> None:
            s = dialogo.solicitud
            self.seleccionar(s.id)
            avisar(self, tr("Solicitud decidida"), tr("{estado}. Oficio de respuesta: {folio}.").format(
                estado=solicitudes.ESTADOS[s.estado], folio=s.oficio_respuesta.folio))

        self._abrir_dialogo(DialogoDecision(self.sesion, self.solicitud.id, self), decidida)

    def nueva_politica(self) -> None:
        if self.boton_politica.isEnabled():
            self._abrir_dialogo(DialogoPolitica(self.sesion, self), lambda _d: self.refrescar())

    def ver_respuesta(self) -> None:
        s = self.solicitud
        if s is None or not self.boton_ver_oficio.isEnabled():
            return
        contenido = ejecutar(self, oficios.pdf_de_oficio, s.oficio_respuesta)
        if contenido is not None:
            abrir_con_programa(self, f"{s.oficio_respuesta.folio.replace('/', '-')}.pdf", contenido)

    def lista_firewall(self) -> None:
        if not self.boton_lista.isEnabled():
            return
        ruta = ruta_para_guardar(self, tr("Lista de excepciones para el firewall"), "excepciones-internet.txt",
                                 tr("Texto (*.txt)"), ".txt")
        if ruta is None:
            return
        contenido = ejecutar(self, solicitudes.lista_excepciones, self.sesion)
        if contenido is not None and guardar_bytes(self, ruta, contenido):
            avisar(self, tr("Lista guardada"), tr("{n} dominio(s) en {ruta}").format(
                n=contenido.count(b"\n"), ruta=ruta))

    def exportar(self) -> None:
        if not self.boton_exportar.isEnabled():
            return
        if self.pestanas.currentWidget() is self.pagina_excepciones:
            exportar_listado(self, tr("Excepciones de acceso a internet"), COLUMNAS_EXCEPCIONES, self._excepciones,
                             "excepciones-internet.xlsx")
        else:
            exportar_listado(self, tr("Solicitudes de desbloqueo de sitios"), COLUMNAS_EXPORTAR, self._registros,
                             "solicitudes-desbloqueo.xlsx")

    # --- Expediente único (la ventana principal abre aquí los casos del procedimiento 20) --------

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Muestra y selecciona la solicitud que lleva el trámite ``tramite_id``."""
        solicitud = ejecutar(self, expedientes.por_expediente, tramite_id)
        if solicitud is not None:
            self.seleccionar(solicitud.id)

    def nuevo_caso(self, procedimiento: int | None = None, oficio_id: int | None = None) -> None:
        """Un caso nuevo del procedimiento 20: la solicitud de desbloqueo con ese oficio ya elegido."""
        del procedimiento
        if not self.boton_nueva.isEnabled():
            avisar(self, tr("Nueva solicitud de desbloqueo"),
                   tr("Su cuenta no puede registrar solicitudes de desbloqueo."))
            return
        self.nueva_solicitud(oficio_id)
