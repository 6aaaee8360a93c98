"""Módulo «Dictámenes»: dictámenes técnicos de equipos (procedimiento 4), de la solicitud al PDF firmado."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QPushButton, QVBoxLayout, QWidget)

from app.modelos import Dictamen, Usuario
from app.servicios.dictamenes import dictamenes, expedientes
from app.servicios.inventario import baja_por_dictamen
from app.servicios.nucleo import permisos
from app.tiempo import hoy_mexico
from app.vistas.comun.impresion import imprimir_pdf
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.comunes import abrir_dialogo, avisar, confirmar, division_lista_detalle, ejecutar, tr
from app.vistas.comun.ayudas import boton, exportar_listado, guardar_bytes, pedir_texto, ruta_para_guardar
from app.vistas.dictamenes.dialogos import (DialogoEvaluacion, DialogoProgramarRecepcion,
                                            DialogoSolicitudDictamen)
from app.vistas.oficios.oficios import abrir_con_programa
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros

LIMITE_FILAS = 1000
ANIOS_EN_FILTRO = 5
COLOR_RESULTADO = {dictamenes.NO_APTO: QColor("#a01c1c"), dictamenes.REPARABLE: QColor("#8a5a00"),
                   dictamenes.OPERATIVO: QColor("#1e6b34")}
COLOR_CANCELADO = QColor("#8a8a8a")


def _fecha_fila(fila: dict[str, Any]) -> Any:
    if fila.get("fecha_emision"):
        return fila["fecha_emision"]
    return fila["creado_en"].date() if fila.get("creado_en") else None


def _color(fila: dict[str, Any]) -> QColor | None:
    if fila["estado"] == dictamenes.CANCELADO:
        return COLOR_CANCELADO
    return COLOR_RESULTADO.get(fila["resultado"]) if fila["estado"] == dictamenes.EMITIDO else None


COLUMNAS = (
    Columna("Folio", lambda f: f["folio"] or tr("(sin emitir)"), 128),
    Columna("Fecha", _fecha_fila, 86),
    Columna("No. inventario", lambda f: f["numero_inventario"], 124),
    Columna("Bien", lambda f: f["descripcion"], 200),
    Columna("Dependencia", lambda f: f["dependencia"] or "", 130),
    Columna("Resultado", lambda f: dictamenes.RESULTADOS.get(f["resultado"], ""), 122),
    Columna("Estado", lambda f: dictamenes.ESTADOS_DICTAMEN.get(f["estado"], f["estado"]), 152),
)
COLUMNA_ELASTICA = 3


def nombre_archivo(dictamen: Dictamen) -> str:
    return re.sub(r'[\\/:*?"<>|]', "-", dictamen.folio or f"dictamen-{dictamen.id}") + ".pdf"


class VistaDictamenes(QWidget):
    """Tabla de dictámenes con filtros, detalle con el historial del bien y las acciones del procedimiento."""

    TITULO = "Dictámenes"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.dictamen: Dictamen | None = None
        self.dialogo: QDialog | None = None
        self._registros: list[dict[str, Any]] = []

        self.boton_nueva = boton(self, tr("&Nueva solicitud…"), "Ctrl+N", self.nueva_solicitud)
        self.boton_exportar = boton(self, tr("Exportar a E&xcel…"), "Ctrl+Shift+X", self.exportar)
        self.filtro_estado = QComboBox(self)
        self.filtro_estado.addItem(tr("Todos"), None)
        for clave, texto in dictamenes.ESTADOS_DICTAMEN.items():
            self.filtro_estado.addItem(tr(texto), clave)
        self.filtro_resultado = QComboBox(self)
        self.filtro_resultado.addItem(tr("Todos"), None)
        for clave, texto in dictamenes.RESULTADOS.items():
            self.filtro_resultado.addItem(tr(texto), clave)
        self.filtro_anio = QComboBox(self)
        self.filtro_anio.addItem(tr("Todos"), None)
        anio = hoy_mexico().year
        for valor in range(anio, anio - ANIOS_EN_FILTRO, -1):
            self.filtro_anio.addItem(str(valor), valor)
        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_nueva)
        arriba.addWidget(self.boton_exportar)
        arriba.addStretch(1)
        for texto, combo in ((tr("E&stado:"), self.filtro_estado), (tr("&Resultado:"), self.filtro_resultado),
                             (tr("&Año:"), self.filtro_anio)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(combo)
            arriba.addWidget(etiqueta)
            arriba.addWidget(combo)
            arriba.addSpacing(6)
            combo.currentIndexChanged.connect(lambda _i: self.refrescar())

        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por folio, número de inventario, serie, marca, "
                                                 "dependencia u oficio…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        self.tabla.activada.connect(lambda _id: self.accion_principal())
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(COLUMNA_ELASTICA, QHeaderView.ResizeMode.Stretch)

        divisor = division_lista_detalle(self, self.tabla, self._crear_detalle(), [930, 400])
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(divisor, 1)
        self.refrescar()

    # --- Construcción --------------------------------------------------------------------------

    def _crear_detalle(self) -> QWidget:
        detalle = PanelDetalle(self, tr("Seleccione un dictamen"), (
            ("estado", "Estado"), ("tramite", "Trámite"), ("bien", "Bien"), ("oficio", "Oficio de solicitud"),
            ("dependencia", "Dependencia"), ("motivo", "Motivo"), ("recepcion", "Recepción acordada"),
            ("recibido", "Equipo recibido"), ("criterios", "Criterios"), ("pruebas", "Pruebas realizadas"),
            ("resultado", "Resultado"), ("solucion", "Posible solución"), ("conclusion", "Observaciones"),
            ("emision", "Emisión"), ("firma", "Firma"), ("baja", "Baja del inventario"),
            ("cancelacion", "Cancelación"), ("huella", "SHA-256 del PDF")))
        self.titulo_detalle, self.formulario, self.campos = detalle.titulo, detalle.formulario, detalle.campos
        self.campos["cancelacion"].setStyleSheet(f"color: {COLOR_CANCELADO.name()};")
        self.historial = QListWidget(detalle.panel)
        self.historial.setMaximumHeight(140)
        self.historial.setWordWrap(True)
        self.historial.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.historial.setToolTip(tr("Dictámenes anteriores y actuales de este bien"))
        detalle.agregar_fila("Historial del bien", self.historial)

        self.boton_programar = boton(self, tr("Programar recepción…"), "Ctrl+T", self.programar)
        self.boton_recibir = boton(self, tr("Recibir equipo…"), "Ctrl+R", self.recibir)
        self.boton_evaluar = boton(self, tr("Pruebas y resultado…"), "Ctrl+E", self.evaluar)
        self.boton_emitir = boton(self, tr("Emitir dictamen…"), "Ctrl+Shift+E", self.emitir)
        self.boton_abrir_pdf = boton(self, tr("Ver PDF"), "Ctrl+P", self.abrir_pdf)
        self.boton_guardar_pdf = boton(self, tr("Guardar PDF…"), "Ctrl+S", self.guardar_pdf)
        self.boton_imprimir = boton(self, tr("Imprimir…"), "Ctrl+Shift+P", self.imprimir)
        self.boton_cancelar = boton(self, tr("Cancelar dictamen…"), None, self.cancelar)
        detalle.agregar_botones((self.boton_programar, self.boton_recibir, self.boton_evaluar, self.boton_emitir,
                                 self.boton_abrir_pdf, self.boton_guardar_pdf, self.boton_imprimir,
                                 self.boton_cancelar))
        return detalle

    # --- Datos ---------------------------------------------------------------------------------

    def refrescar(self) -> None:
        """Vuelve a leer la lista con los filtros actuales (en SQL); conserva la selección."""
        filas = ejecutar(self, dictamenes.consultar, self.tabla.busqueda.text(), self.filtro_estado.currentData(),
                         self.filtro_resultado.currentData(), self.filtro_anio.currentData(), None, LIMITE_FILAS)
        self._registros = filas or []
        self.tabla.cargar(self._registros, color=_color)
        self._mostrar(self.tabla.id_actual())

    def seleccionar(self, identificador: int) -> None:
        self.refrescar()
        if self.tabla.modelo.fila_de(identificador) < 0:
            quitar_filtros(self.tabla, self.filtro_estado, self.filtro_resultado, self.filtro_anio)
            self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self._mostrar(identificador)

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario.setRowVisible(self.campos[clave], bool(texto))

    def _mostrar(self, identificador: Any) -> None:
        self.dictamen = ejecutar(self, dictamenes.obtener, identificador) if identificador is not None else None
        self._llenar(self.dictamen)
        self._actualizar_acciones()

    def _llenar(self, d: Dictamen | None) -> None:
        for clave in self.campos:
            self._fila(clave, "")
        self.historial.clear()
        self.formulario.setRowVisible(self.historial, False)
        if d is None:
            self.titulo_detalle.setText(tr("Seleccione un dictamen"))
            return
        bien = d.bien
        self.titulo_detalle.setText(tr("Dictamen ") + (d.folio or tr("(sin emitir)")))
        self._fila("estado", dictamenes.ESTADOS_DICTAMEN.get(d.estado, d.estado))
        self._fila("tramite", expedientes.texto_expediente(d.expediente_id))
        self._fila("bien", "\n".join(p for p in (bien.numero_inventario, bien.descripcion,
                                                  f"Serie {bien.serie}" if bien.serie else "") if p))
        if d.oficio_solicitud_id:
            o = d.oficio_solicitud
            texto = o.numero_oficio or tr("(sin número)")
            if o.fecha_documento:
                texto += f" del {o.fecha_documento:%d/%m/%Y}"
            if o.solicitante_nombre:
                texto += f"\n{o.solicitante_nombre}"
            self._fila("oficio", texto)
        self._fila("dependencia", d.dependencia.nombre if d.dependencia_id else "")
        self._fila("motivo", d.motivo_solicitud)
        if d.recepcion_acordada:
            self._fila("recepcion", f"{d.recepcion_acordada:%d/%m/%Y, %H:%M} h"
                       + (f"\n{d.acuerdo_telefonico}" if d.acuerdo_telefonico else ""))
        if d.recibido_en:
            quien = d.recibido_por.nombre if d.recibido_por_id else ""
            self._fila("recibido", f"{d.recibido_en:%d/%m/%Y, %H:%M} h"
                       + (f"\n{tr('Recibió')}: {quien}" if quien else "")
                       + (f"\n{tr('Entregó')}: {d.entregado_por}" if d.entregado_por else ""))
            fabricacion = f"{d.fecha_fabricacion:%d/%m/%Y}" if d.fecha_fabricacion else tr("no determinada")
            self._fila("criterios", f"a) {tr('Fabricación')}: {fabricacion}\nb) {tr('Marca')}: {d.marca}\n"
                                    f"c) {tr('Modelo')}: {d.modelo}\nd) {tr('Hardware')}: "
                                    f"{d.caracteristicas_hardware}\ne) {tr('Software')}: {d.caracteristicas_software}")
        self._fila("pruebas", d.pruebas)
        self._fila("resultado", dictamenes.RESULTADOS.get(d.resultado, ""))
        color = COLOR_RESULTADO.get(d.resultado)
        self.campos["resultado"].setStyleSheet(f"color: {color.name()}; font-weight: bold;" if color else "")
        self._fila("solucion", d.posible_solucion if d.resultado == dictamenes.REPARABLE else "")
        self._fila("conclusion", d.conclusion)
        if d.folio:
            self._fila("emision", f"{d.folio}, {d.fecha_emision:%d/%m/%Y}")
            self._fila("firma", f"{d.firmante_nombre}\n{d.firmante_cargo}")
            self._fila("huella", " ".join(d.sha256[i:i + 16] for i in range(0, 64, 16)))
        if d.movimiento_baja_id:
            self._fila("baja", tr("Sustenta el movimiento de baja ") + str(d.movimiento_baja_id))
        if d.estado == dictamenes.CANCELADO:
            quien = d.cancelado_por.nombre if d.cancelado_por_id else ""
            self._fila("cancelacion", f"{d.motivo_cancelacion}\n({quien}, {d.cancelado_en:%d/%m/%Y %H:%M})")
        eventos = dictamenes.historial_de_bien(bien.id)
        for e in eventos:
            fecha = f"{e['fecha']:%d/%m/%Y}" if e["fecha"] else ""
            self.historial.addItem(f"{fecha}  {e['tipo']} · {e['referencia']}\n    {e['descripcion'][:120]}")
        self.formulario.setRowVisible(self.historial, bool(eventos))

    def _habilitar(self, b: QPushButton, permiso: str, aplica: bool, motivo: str) -> None:
        if not permisos.puede(self.sesion, permiso):
            b.setEnabled(False)
            b.setToolTip(tr("Su rol ({rol}) no permite {accion}.").format(
                rol=permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol),
                accion=permisos.DESCRIPCION_PERMISO.get(permiso, permiso)))
            return
        b.setEnabled(aplica)
        b.setToolTip(b.property("ayuda") if aplica else motivo)

    def _actualizar_acciones(self) -> None:
        d = self.dictamen
        estado = d.estado if d is not None else None
        captura, emision = permisos.REGISTRAR_OFICIO, permisos.EMITIR_OFICIO
        self._habilitar(self.boton_nueva, captura, True, "")
        self._habilitar(self.boton_exportar, permisos.EXPORTAR, True, "")
        self._habilitar(self.boton_programar, captura, estado in (dictamenes.SOLICITADO, dictamenes.PROGRAMADO),
                        tr("Solo antes de recibir el equipo."))
        self._habilitar(self.boton_recibir, captura, estado in (dictamenes.SOLICITADO, dictamenes.PROGRAMADO),
                        tr("Solo para solicitudes cuyo equipo no se ha recibido."))
        self._habilitar(self.boton_evaluar, captura, estado == dictamenes.EN_REVISION,
                        tr("Primero reciba el equipo; un dictamen emitido ya no se edita."))
        self._habilitar(self.boton_emitir, emision, estado == dictamenes.EN_REVISION and bool(d.resultado)
                        and bool(d.pruebas.strip()), tr("Capture las pruebas y el resultado antes de emitir."))
        tiene_pdf = d is not None and bool(d.folio)
        self._habilitar(self.boton_abrir_pdf, permisos.VER, tiene_pdf, tr("Solo los dictámenes emitidos tienen PDF."))
        self._habilitar(self.boton_guardar_pdf, permisos.VER, tiene_pdf, tr("Solo los dictámenes emitidos tienen PDF."))
        self._habilitar(self.boton_imprimir, permisos.VER, tiene_pdf, tr("Solo los dictámenes emitidos tienen PDF."))
        self._habilitar(self.boton_cancelar, emision, estado is not None and estado != dictamenes.CANCELADO
                        and d.movimiento_baja_id is None, tr("Ya cancelado o ya usado en una baja."))

    # --- Acciones ------------------------------------------------------------------------------

    def _abrir_dialogo(self, dialogo: QDialog, al_aceptar: Callable[[Any], None]) -> None:
        """Abre ``dialogo`` (modal, sin bloquear el ciclo de eventos) y refresca al terminar."""
        abrir_dialogo(self, dialogo, al_aceptar, self.refrescar)

    def accion_principal(self) -> None:
        """Enter o doble clic: lo que sigue en el procedimiento."""
        for b, accion in ((self.boton_evaluar, self.evaluar), (self.boton_recibir, self.recibir),
                          (self.boton_abrir_pdf, self.abrir_pdf)):
            if b.isEnabled():
                accion()
                return

    def nueva_solicitud(self, oficio_id: int | None = None) -> None:
        if self.boton_nueva.isEnabled():
            self._abrir_dialogo(DialogoSolicitudDictamen(self.sesion, self, oficio_id),
                                lambda d: self.seleccionar(d.dictamen.id))

    # --- Expediente único (la ventana principal abre aquí los casos del procedimiento 4) ---------

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Selecciona el dictamen cuyo trámite es ``tramite_id`` (quita los filtros si hace falta)."""
        dictamen = ejecutar(self, expedientes.por_expediente, tramite_id)
        if dictamen is not None:
            self.seleccionar(dictamen.id)

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
        """Un caso nuevo del procedimiento 4: la solicitud de dictamen con ese oficio recibido ya elegido."""
        del procedimiento
        if not self.boton_nueva.isEnabled():
            avisar(self, tr("Nueva solicitud de dictamen"), tr("Su cuenta no puede registrar solicitudes de dictamen."))
            return
        self.nueva_solicitud(oficio_id)

    def programar(self) -> None:
        if self.dictamen is not None and self.boton_programar.isEnabled():
            self._abrir_dialogo(DialogoProgramarRecepcion(self.sesion, self.dictamen, self),
                                lambda d: self.seleccionar(d.dictamen.id))

    def evaluar(self) -> None:
        if self.dictamen is not None and self.boton_evaluar.isEnabled():
            self._abrir_dialogo(DialogoEvaluacion(self.sesion, self.dictamen, self),
                                lambda d: self.seleccionar(d.dictamen.id))

    def recibir(self) -> None:
        d = self.dictamen
        if d is None or not self.boton_recibir.isEnabled():
            return
        quien = pedir_texto(self, tr("Recibir equipo"),
                            tr("Se recibe en la DTI el bien {numero}; quedará «En dictamen».\n"
                               "¿Quién entrega el equipo?").format(numero=d.bien.numero_inventario))
        if quien is None:
            return
        ejecutar(self, dictamenes.recibir_equipo, self.sesion, d, d.version, quien)
        self.refrescar()

    def emitir(self) -> None:
        d = self.dictamen
        if d is None or not self.boton_emitir.isEnabled():
            return
        resultado = dictamenes.RESULTADOS.get(d.resultado, "")
        if not confirmar(self, tr("Emitir dictamen"),
                         tr("Se emitirá el dictamen del bien {numero} con resultado «{resultado}», con el siguiente "
                            "folio y firmado por el titular de la DTI. El PDF quedará congelado.\n\n¿Emitir?")
                         .format(numero=d.bien.numero_inventario, resultado=resultado)):
            return
        emitido = ejecutar(self, baja_por_dictamen.emitir_dictamen, self.sesion, d, d.version)
        self.refrescar()
        if emitido is not None:
            mensaje = tr("Se emitió el dictamen {folio}.").format(folio=emitido.folio)
            if emitido.resultado == dictamenes.NO_APTO:
                mensaje += "\n\n" + tr(getattr(emitido, "aviso_baja", "") or
                                       "El dictamen «no apto para operar» autoriza la baja del bien en el inventario.")
            avisar(self, tr("Dictamen emitido"), mensaje)

    def cancelar(self) -> None:
        d = self.dictamen
        if d is None or not self.boton_cancelar.isEnabled():
            return
        motivo = pedir_texto(self, tr("Cancelar dictamen"), tr("Motivo de la cancelación (queda registrado con su "
                                                               "nombre, la fecha y la hora):"), multilinea=True)
        if motivo is None:
            return
        if not motivo.strip():
            avisar(self, tr("Falta el motivo"), tr("Sin motivo no se cancela."))
            return
        if confirmar(self, tr("Cancelar dictamen"), tr("El dictamen quedará CANCELADO; si ya se emitió, conserva su "
                                                       "folio. ¿Cancelar?")):
            ejecutar(self, dictamenes.cancelar_dictamen, self.sesion, d, motivo)
            self.refrescar()

    def abrir_pdf(self) -> None:
        d = self.dictamen
        if d is None or not self.boton_abrir_pdf.isEnabled():
            return
        contenido = ejecutar(self, dictamenes.pdf_de_dictamen, d)
        if contenido is not None:
            abrir_con_programa(self, nombre_archivo(d), contenido)

    def imprimir(self) -> None:
        """«Imprimir…»: el PDF del dictamen a la impresora, a tamaño real."""
        d = self.dictamen
        if d is None or not self.boton_imprimir.isEnabled():
            return
        contenido = ejecutar(self, dictamenes.pdf_de_dictamen, d)
        if contenido is not None:
            imprimir_pdf(self, contenido, f"Dictamen {d.folio}")

    def guardar_pdf(self) -> None:
        d = self.dictamen
        if d is None or not self.boton_guardar_pdf.isEnabled():
            return
        ruta = ruta_para_guardar(self, tr("Guardar PDF del dictamen"), nombre_archivo(d),
                                 tr("Documentos PDF (*.pdf)"), ".pdf")
        contenido = ejecutar(self, dictamenes.pdf_de_dictamen, d) if ruta is not None else None
        if contenido is not None:
            guardar_bytes(self, ruta, contenido)

    def exportar(self) -> None:
        if self.boton_exportar.isEnabled():
            exportar_listado(self, tr("Dictámenes"), COLUMNAS, self._registros, "dictamenes.xlsx")
