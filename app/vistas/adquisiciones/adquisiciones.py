"""Módulo «Adquisiciones» (procedimiento 1): lista, detalle, evaluación, pago y exportación."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from app.modelos import Oficio, Usuario
from app.modelos.adquisiciones import (CONTRATADA, EN_COMPRA, EN_CORRECCION, ESTADOS, PAGO_EN_TRAMITE,
                                       PAGO_SOLICITADO, RECIBIDA, SOLICITADA, Adquisicion)
from app.servicios.adquisiciones import adquisiciones, consultas, expedientes, pagos
from app.servicios.adquisiciones.comun import obtener
from app.servicios.nucleo import permisos
from app.tiempo import hoy_mexico
from app.vistas.comun.ayudas import boton, exportar_listado, pedir_texto
from app.vistas.comun.comunes import avisar, confirmar, division_lista_detalle, ejecutar, tr
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros
from app.vistas.adquisiciones.dialogos import DialogoAlta, DialogoCfdi, DialogoCompra, DialogoRecepcion


class Pesos(Decimal):
    """Importe que se muestra como «$21,450.00» pero ordena y se exporta como número."""

    def __str__(self) -> str:
        return f"${self:,.2f}"


def pesos(valor: Decimal | None) -> Pesos | None:
    return None if valor is None else Pesos(f"{valor:.2f}")


COLUMNAS = (
    Columna("Trámite", lambda f: f["numero"], 120),
    Columna("Dependencia", lambda f: f["dependencia"], 130),
    Columna("Bien o servicio", lambda f: f["descripcion"], 170),
    Columna("Proveedor", lambda f: f["proveedor"], 130),
    Columna("Importe", lambda f: pesos(f["importe"]), 84, derecha=True),
    Columna("Estado", lambda f: f["estado_texto"], 128),
    Columna("Tardías", lambda f: f["tardias"], 56, derecha=True),
    Columna("Rechazadas", lambda f: f["rechazadas"], 76, derecha=True),
)
COLUMNAS_EXPORTAR = COLUMNAS[:1] + (Columna("Registrada", lambda f: f["creado_en"], 110),) + COLUMNAS[1:] + (
    Columna("Entregas", lambda f: f["entregas"], 64),
    Columna("RFC", lambda f: f["rfc"], 110),
    Columna("Total del CFDI", lambda f: pesos(f["cfdi_total"]), 100),
    Columna("Entrega pactada", lambda f: f["fecha_entrega_pactada"], 100),
    Columna("Fecha de pago", lambda f: f["pago_fecha"], 100),
    Columna("Referencia del pago", lambda f: f["pago_referencia"], 150),
)


class DialogoSolicitud(QDialog):
    """Nueva solicitud de adquisición a partir de un oficio recibido."""

    def __init__(self, sesion: Usuario, oficio_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.adquisicion = sesion, None
        self.setWindowTitle(tr("Nueva solicitud de adquisición"))
        self.oficio = QComboBox(self)
        for o in (Oficio.select().where((Oficio.tipo == "entrante") & Oficio.estado.in_(("registrado", "incompleto")))
                  .order_by(Oficio.id.desc()).limit(300)):
            self.oficio.addItem(f"{o.numero_oficio or 's/n'} — {(o.descripcion or '')[:70]}", o.id)
        if oficio_id is not None:
            self.oficio.setCurrentIndex(max(0, self.oficio.findData(oficio_id)))
        self.descripcion = QPlainTextEdit(self)
        self.descripcion.setPlaceholderText(tr("Bien o servicio que se necesita (lo que especifica la dependencia)"))
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        forma = QFormLayout()
        forma.addRow(tr("&Oficio recibido:"), self.oficio)
        forma.addRow(tr("&Necesidad:"), self.descripcion)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.accepted.connect(self._aceptar)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(forma)
        capa.addWidget(self.error)
        capa.addWidget(botones)

    def _aceptar(self) -> None:
        oficio = Oficio.get_or_none(Oficio.id == self.oficio.currentData()) if self.oficio.currentData() else None
        self.adquisicion = ejecutar(self, adquisiciones.registrar, self.sesion,
                                    descripcion=self.descripcion.toPlainText(), oficio=oficio)
        if self.adquisicion is not None:
            self.accept()


class DialogoEvaluacion(QDialog):
    """Actividad 2: ¿es viable? Si no, motivo y solución alternativa (sale por oficio)."""

    def __init__(self, sesion: Usuario, adquisicion: Adquisicion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion, self.adquisicion = sesion, adquisicion
        self.setWindowTitle(tr("Evaluar la adquisición"))
        self.viable = QComboBox(self)
        self.viable.addItem(tr("Sí, es viable"), True)
        self.viable.addItem(tr("No es viable: se ofrece una solución alternativa"), False)
        self.justificacion = QPlainTextEdit(self)
        self.costo = QPlainTextEdit(self)
        self.costo.setMaximumHeight(34)
        self.motivo = QPlainTextEdit(self)
        self.alternativa = QPlainTextEdit(self)
        forma = QFormLayout()
        forma.addRow(tr("¿&Viable?"), self.viable)
        forma.addRow(tr("&Evaluación:"), self.justificacion)
        forma.addRow(tr("&Costo estimado:"), self.costo)
        forma.addRow(tr("&Motivo (no viable):"), self.motivo)
        forma.addRow(tr("Solución &alternativa:"), self.alternativa)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.accepted.connect(self._aceptar)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(forma)
        capa.addWidget(botones)

    def _aceptar(self) -> None:
        viable = bool(self.viable.currentData())
        if not viable and not confirmar(self, tr("Adquisición no viable"),
                                        tr("Se emitirá con folio el oficio de solución alternativa y el trámite "
                                           "concluirá. ¿Continuar?")):
            return
        hecho = ejecutar(self, adquisiciones.evaluar, self.sesion, self.adquisicion, viable=viable,
                         justificacion=self.justificacion.toPlainText(), costo_estimado=self.costo.toPlainText(),
                         motivo_no_viable=self.motivo.toPlainText(),
                         solucion_alternativa=self.alternativa.toPlainText(), version=self.adquisicion.version)
        if hecho is not None:
            self.accept()


class VistaAdquisiciones(QWidget):
    """Adquisiciones con su estado, entregas tardías y rechazadas, pago y exportación a Excel."""

    TITULO = "Adquisiciones"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.adquisicion: Adquisicion | None = None
        self._registros: list[dict[str, Any]] = []
        self.boton_nueva = boton(self, tr("&Nueva solicitud…"), "Ctrl+N", lambda: self.nuevo_caso())
        self.boton_exportar = boton(self, tr("Exportar a E&xcel…"), "Ctrl+Shift+X", self.exportar)
        self.filtro_estado = QComboBox(self)
        self.filtro_estado.addItem(tr("Todos"), None)
        for clave, texto in ESTADOS.items():
            self.filtro_estado.addItem(tr(texto), clave)
        self.filtro_estado.currentIndexChanged.connect(lambda _i: self.refrescar())
        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_nueva)
        arriba.addWidget(self.boton_exportar)
        etiqueta = QLabel(tr("&Estado:"), self)
        etiqueta.setBuddy(self.filtro_estado)
        arriba.addSpacing(12)
        arriba.addWidget(etiqueta)
        arriba.addWidget(self.filtro_estado)
        arriba.addStretch(1)
        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por trámite, necesidad, dependencia, proveedor, RFC, "
                                                 "contrato o UUID…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(division_lista_detalle(self, self.tabla, self._crear_detalle(), [910, 420]), 1)
        self.refrescar()

    def _crear_detalle(self) -> QWidget:
        detalle = PanelDetalle(self, tr("Seleccione una adquisición"), (
            ("tramite", "Trámite"), ("origen", "Origen"), ("estado", "Estado"), ("evaluacion", "Evaluación"),
            ("alternativa", "Alternativa"), ("proveedor", "Proveedor"), ("contrato", "Contrato"),
            ("partidas", "Partidas"), ("recepciones", "Recepciones"), ("cfdi", "CFDI"), ("pago", "Pago"),
            ("historial", "Historial del proveedor")), ancho_minimo=380)
        self.titulo_detalle, self.formulario, self.campos = detalle.titulo, detalle.formulario, detalle.campos
        self.boton_evaluar = boton(self, tr("E&valuar…"), "Ctrl+E", self.evaluar)
        self.boton_compra = boton(self, tr("&Compra o contratación…"), None,
                                  lambda: self._dialogo(DialogoCompra, self.boton_compra))
        self.boton_recepcion = boton(self, tr("&Recepción…"), None,
                                     lambda: self._dialogo(DialogoRecepcion, self.boton_recepcion))
        self.boton_cfdi = boton(self, tr("C&FDI del proveedor…"), None,
                                lambda: self._dialogo(DialogoCfdi, self.boton_cfdi))
        self.boton_alta = boton(self, tr("&Alta al inventario…"), None,
                                lambda: self._dialogo(DialogoAlta, self.boton_alta))
        self.boton_pago = boton(self, tr("Solicitar &pago a Egresos"), None, self.solicitar_pago)
        self.boton_tramite = boton(self, tr("Pago en &trámite"), None, self.en_tramite)
        self.boton_pagado = boton(self, tr("Marcar pa&gado…"), None, self.pagado)
        self.boton_cancelar = boton(self, tr("Cancelar…"), None, self.cancelar)
        detalle.agregar_botones((self.boton_evaluar, self.boton_compra, self.boton_recepcion, self.boton_cfdi,
                                 self.boton_pago, self.boton_tramite, self.boton_pagado, self.boton_alta,
                                 self.boton_cancelar))
        return detalle

    # --- Datos -----------------------------------------------------------------------------------

    def refrescar(self) -> None:
        self._registros = ejecutar(self, consultas.lista, self.tabla.busqueda.text(),
                                   self.filtro_estado.currentData()) or []
        self.tabla.cargar(self._registros)
        self._mostrar(self.tabla.id_actual())

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario.setRowVisible(self.campos[clave], bool(texto))

    def _mostrar(self, identificador: Any) -> None:
        self.adquisicion = ejecutar(self, obtener, identificador) if identificador else None
        for clave in self.campos:
            self._fila(clave, "")
        a = self.adquisicion
        if a is None:
            self.titulo_detalle.setText(tr("Seleccione una adquisición"))
            self._acciones()
            return
        self.titulo_detalle.setText(a.descripcion[:90])
        self._fila("tramite", expedientes.resumen_expediente(a.expediente_id))
        origen = (f"Oficio {a.oficio.numero_oficio or 's/n'}" if a.oficio_id else "") + (
            " · solicitud de software" if a.solicitud_software_id else "")
        self._fila("origen", " · ".join(x for x in (origen.strip(" ·"), a.dependencia.nombre if a.dependencia_id
                                                    else "") if x))
        self._fila("estado", ESTADOS.get(a.estado, a.estado))
        if a.viable is not None:
            self._fila("evaluacion", ("Viable. " if a.viable else "No viable. ") + a.justificacion)
        if a.solucion_alternativa:
            folio = f" (oficio {a.oficio_alternativa.folio})" if a.oficio_alternativa_id else ""
            self._fila("alternativa", f"{a.motivo_no_viable}\n→ {a.solucion_alternativa}{folio}")
        if a.proveedor_id:
            self._fila("proveedor", f"{a.proveedor.razon_social}\nRFC {a.proveedor.rfc}")
            self._fila("contrato", f"{a.numero_contrato or 's/n'} · ${a.importe:,.2f} · entrega pactada "
                                   f"{a.fecha_entrega_pactada:%d/%m/%Y}")
            h = consultas.historial_proveedor(a.proveedor)
            self._fila("historial", f"{h['total']} entregas: {h['tardias']} tardías, {h['rechazadas']} rechazadas")
        self._fila("partidas", "\n".join(f"{p['numero']}. {p['cantidad']} × {p['descripcion']} "
                                         f"(${p['precio_unitario']:,.2f})" for p in consultas.partidas(a)))
        self._fila("recepciones", "\n".join(
            f"{r['fecha']:%d/%m/%Y}: {'conforme' if r['conforme'] else 'no conforme'}"
            + (" · tardía" if r["tardia"] else "")
            + (f" · corrección {r['oficio_correccion']}" if r["oficio_correccion"] else "")
            for r in consultas.recepciones(a)))
        if a.cfdi_uuid:
            diferencia = pagos.diferencia(a)
            self._fila("cfdi", f"{a.cfdi_uuid[:18]}\n{a.cfdi_uuid[18:]} · ${a.cfdi_total:,.2f}"
                               + (f"\nDiferencia ${diferencia:,.2f}: {a.explicacion_diferencia}" if diferencia else ""))
        if a.oficio_pago_id:
            self._fila("pago", f"Oficio {a.oficio_pago.folio}"
                               + (f" · en trámite desde {a.pago_en_tramite_en:%d/%m/%Y}" if a.pago_en_tramite_en else "")
                               + (f" · pagado {a.pago_fecha:%d/%m/%Y}, ref. {a.pago_referencia}" if a.pago_fecha
                                  else ""))
        self._acciones()

    def _habilitar(self, b: QPushButton, permiso: str, aplica: bool, motivo: str) -> None:
        if not permisos.puede(self.sesion, permiso):
            b.setEnabled(False)
            b.setToolTip(tr("Su rol no lo permite."))
            return
        b.setEnabled(aplica)
        b.setToolTip("" if aplica else motivo)

    def _acciones(self) -> None:
        a = self.adquisicion
        estado = a.estado if a is not None else None
        self._habilitar(self.boton_nueva, permisos.ABRIR_TRAMITE, True, "")
        self._habilitar(self.boton_exportar, permisos.EXPORTAR, True, "")
        self._habilitar(self.boton_evaluar, permisos.AVANZAR_TRAMITE, estado == SOLICITADA,
                        tr("Solo se evalúa una solicitud en evaluación."))
        self._habilitar(self.boton_compra, permisos.AVANZAR_TRAMITE, estado == EN_COMPRA,
                        tr("La compra se registra cuando la adquisición es viable."))
        self._habilitar(self.boton_recepcion, permisos.AVANZAR_TRAMITE, estado in (CONTRATADA, EN_CORRECCION),
                        tr("Se recibe lo contratado (o la corrección pedida al proveedor)."))
        self._habilitar(self.boton_cfdi, permisos.AVANZAR_TRAMITE, estado in (CONTRATADA, EN_CORRECCION, RECIBIDA),
                        tr("El CFDI se adjunta antes de solicitar el pago."))
        self._habilitar(self.boton_alta, permisos.AVANZAR_TRAMITE,
                        estado in (RECIBIDA, PAGO_SOLICITADO, PAGO_EN_TRAMITE, "pagada") and bool(
                            a and a.cfdi_uuid and not a.factura_id and any(p.es_bien for p in a.partidas)),
                        tr("Se da de alta lo recibido conforme con su CFDI, una sola vez."))
        self._habilitar(self.boton_pago, permisos.EMITIR_OFICIO, estado == RECIBIDA and bool(a and a.cfdi_uuid),
                        tr("El pago se solicita con la recepción conforme y el CFDI adjunto."))
        self._habilitar(self.boton_tramite, permisos.AVANZAR_TRAMITE, estado == PAGO_SOLICITADO,
                        tr("Primero se solicita el pago a Egresos."))
        self._habilitar(self.boton_pagado, permisos.AVANZAR_TRAMITE, estado == PAGO_EN_TRAMITE,
                        tr("El pago debe estar en trámite en Egresos."))
        self._habilitar(self.boton_cancelar, permisos.CANCELAR_TRAMITE,
                        estado in ("solicitada", "en_compra", "contratada", "en_correccion", "recibida"),
                        tr("No se cancela una adquisición terminada o con el pago solicitado."))

    # --- Acciones --------------------------------------------------------------------------------

    def _seleccionar(self, identificador: int) -> None:
        self.refrescar()
        if self.tabla.modelo.fila_de(identificador) < 0:
            quitar_filtros(self.tabla, self.filtro_estado)
            self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self._mostrar(identificador)

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Selecciona la adquisición que lleva el trámite ``tramite_id`` (desde Pendientes u Oficios)."""
        adquisicion = ejecutar(self, expedientes.por_expediente, tramite_id)
        if adquisicion is not None:
            self._seleccionar(adquisicion.id)

    def nuevo_caso(self, procedimiento: int = 1, oficio_id: int | None = None) -> None:
        """Una solicitud nueva del procedimiento 1, con el oficio recibido ya elegido."""
        del procedimiento
        if not self.boton_nueva.isEnabled():
            avisar(self, tr("Nueva solicitud"), tr("Su cuenta no puede registrar solicitudes de adquisición."))
            return
        dialogo = DialogoSolicitud(self.sesion, oficio_id, self)
        if dialogo.exec() and dialogo.adquisicion is not None:
            self._seleccionar(dialogo.adquisicion.id)

    def evaluar(self) -> None:
        if self.adquisicion is not None and self.boton_evaluar.isEnabled():
            identificador = self.adquisicion.id
            if DialogoEvaluacion(self.sesion, self.adquisicion, self).exec():
                self._seleccionar(identificador)

    def _accion(self, funcion, *args, **kwargs) -> None:
        a = self.adquisicion
        if a is not None and ejecutar(self, funcion, self.sesion, a, *args, version=a.version, **kwargs) is not None:
            self._seleccionar(a.id)

    def _dialogo(self, clase, boton_origen: QPushButton) -> None:
        if self.adquisicion is not None and boton_origen.isEnabled():
            identificador = self.adquisicion.id
            if clase(self.sesion, self.adquisicion, self).exec():
                self._seleccionar(identificador)

    def solicitar_pago(self) -> None:
        if self.boton_pago.isEnabled() and confirmar(self, tr("Solicitar pago"),
                                                     tr("Se emitirá con folio el oficio a la Dirección de Egresos. "
                                                        "¿Continuar?")):
            self._accion(pagos.solicitar_pago)

    def en_tramite(self) -> None:
        if self.boton_tramite.isEnabled():
            self._accion(pagos.marcar_en_tramite)

    def pagado(self) -> None:
        if not self.boton_pagado.isEnabled():
            return
        referencia = pedir_texto(self, tr("Pago realizado"), tr("Referencia del pago (transferencia o cheque):"))
        if referencia is not None:
            self._accion(pagos.marcar_pagado, fecha_pago=hoy_mexico(), referencia=referencia)

    def cancelar(self) -> None:
        if not self.boton_cancelar.isEnabled():
            return
        motivo = pedir_texto(self, tr("Cancelar adquisición"), tr("Motivo de la cancelación:"), multilinea=True)
        if motivo is not None and confirmar(self, tr("Cancelar adquisición"),
                                            tr("La adquisición y su trámite quedarán cancelados. ¿Continuar?")):
            self._accion(adquisiciones.cancelar, motivo)

    def exportar(self) -> None:
        if self.boton_exportar.isEnabled():
            exportar_listado(self, tr("Adquisiciones"), COLUMNAS_EXPORTAR, self._registros,
                             "adquisiciones.xlsx")
