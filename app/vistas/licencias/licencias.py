"""Módulo «Licencias»: control de licenciamiento de software (procedimiento 10)."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from app.modelos import Licencia, Usuario
from app.servicios.catalogos import catalogos
from app.servicios.licencias import expedientes, licencias
from app.servicios.nucleo import permisos
from app.vistas.comun import impresion
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.comunes import abrir_dialogo, avisar, confirmar, division_lista_detalle, ejecutar, tr
from app.vistas.comun.ayudas import boton, exportar_listado, guardar_bytes, pedir_texto, ruta_para_guardar
from app.vistas.licencias.dialogos import (DialogoAsignar, DialogoCatalogoSoftware, DialogoLicencia,
                                           DialogoSolicitudSoftware, DialogoInstalarAdquirida, costo_texto)
from app.vistas.oficios.oficios import abrir_con_programa
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros

COLOR_ALERTA = QColor("#a01c1c")
COLOR_POR_VENCER = QColor("#8a5a00")
COLOR_BAJA = QColor("#8a8a8a")
ALERTAS = (("Todas", None), ("Con alguna alerta", "alguna"), ("Sobreasignadas", "sobreasignada"),
           ("Por vencer", "por_vencer"), ("Vencidas", "vencida"))


def _color(fila: dict[str, Any]) -> QColor | None:
    if not fila["activa"]:
        return COLOR_BAJA
    if fila["sobreasignada"] or fila["vencida"]:
        return COLOR_ALERTA
    return COLOR_POR_VENCER if fila["por_vencer"] else None


class Pesos(Decimal):
    """Importe que se muestra como «$21,450.00» pero ordena y se exporta como número."""

    def __str__(self) -> str:
        return f"${self:,.2f}"


def pesos(valor: Decimal | None) -> Pesos:
    return Pesos(f"{(valor or Decimal('0')):.2f}")


def clave_corta(mascara: str) -> str:
    """«•••••-•••••-•••••-•••••-3V66T» → «•••3V66T» (lo visible de la máscara, para la tabla)."""
    visible = (mascara or "").lstrip("•-· ")
    return f"•••{visible}" if mascara else ""


COLUMNAS = (
    Columna("Software", lambda f: f["software"], 140),
    Columna("Tipo", lambda f: f["tipo_texto"], 84),
    Columna("Descripción", lambda f: f["descripcion"], 160),
    Columna("Clave", lambda f: clave_corta(f["clave_mascara"]), 92),
    Columna("Asientos", lambda f: None if f["tipo"] == licencias.LIBRE else f["asientos"], 80, derecha=True),
    Columna("Asignados", lambda f: f["asignados"], 88, derecha=True),
    Columna("Vence", lambda f: f["vigencia_fin"], 84),
    Columna("Costo", lambda f: pesos(f["costo"]), 96, derecha=True),
    Columna("Alertas", lambda f: f["alertas"], 170),
)
# Lo que se exporta a Excel: lo listado, más la clave enmascarada completa, proveedor y CFDI.
COLUMNAS_EXPORTAR = COLUMNAS[:3] + (
    Columna("Clave (enmascarada)", lambda f: f["clave_mascara"], 210),) + COLUMNAS[4:] + (
    Columna("Inicio de vigencia", lambda f: f["vigencia_inicio"], 100),
    Columna("Proveedor", lambda f: f["proveedor"] or "", 240),
    Columna("UUID del CFDI", lambda f: f["cfdi_uuid"], 260),
)
COLUMNA_ELASTICA = 2

COLUMNAS_SOLICITUDES = (
    Columna("Fecha", lambda f: f["creado_en"], 120),
    Columna("Software", lambda f: f["software_texto"], 190),
    Columna("Dependencia", lambda f: f["dependencia"] or "", 200),
    Columna("Oficio", lambda f: f["numero_oficio"] or "", 120),
    Columna("Decisión", lambda f: licencias.DECISIONES.get(f["decision"], f["decision"]), 250),
    Columna("Alternativa / trámite", lambda f: f["alternativa"] or (f"Trámite #{f['tramite_id']}"
                                                                    if f["tramite_id"] else ""), 200),
    Columna("Trámite de la solicitud", lambda f: f.get("expediente") or "", 320),
)


class VistaLicencias(QWidget):
    """Licencias con ocupación y alertas, asignaciones, catálogo de software, solicitudes e informe."""

    TITULO = "Licencias"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.licencia: Licencia | None = None
        self.dialogo: QDialog | None = None
        self._registros: list[dict[str, Any]] = []

        self.boton_nueva = boton(self, tr("&Nueva licencia…"), "Ctrl+N", self.nueva_licencia)
        self.boton_catalogo = boton(self, tr("Catálogo de &software…"), "Ctrl+Shift+C", self.catalogo)  # Ctrl+K: búsqueda global
        self.boton_solicitud = boton(self, tr("Atender &solicitud…"), "Ctrl+Shift+S", self.atender_solicitud)
        self.boton_informe_excel = boton(self, tr("Informe Excel…"), "Ctrl+I", lambda: self.informe(".xlsx"))
        self.boton_informe_pdf = boton(self, tr("Informe PDF…"), "Ctrl+Shift+I", lambda: self.informe(".pdf"))
        self.boton_exportar = boton(self, tr("Exportar a E&xcel…"), "Ctrl+Shift+X", self.exportar)
        self.filtro_tipo = QComboBox(self)
        self.filtro_tipo.addItem(tr("Todos"), None)
        for clave, texto in licencias.TIPOS_LICENCIA.items():
            self.filtro_tipo.addItem(tr(texto), clave)
        self.filtro_alerta = QComboBox(self)
        for texto, clave in ALERTAS:
            self.filtro_alerta.addItem(tr(texto), clave)
        self.filtro_bajas = QComboBox(self)
        self.filtro_bajas.addItem(tr("Activas"), False)
        self.filtro_bajas.addItem(tr("Con las dadas de baja"), True)
        self.dias = QSpinBox(self)
        self.dias.setRange(1, 3650)
        self.dias.setSuffix(tr(" días"))
        self.dias.setValue(licencias.dias_aviso())
        self.dias.setToolTip(tr("Se resaltan las licencias que vencen dentro de estos días (se guarda en esta PC)"))
        self.dias.editingFinished.connect(self._cambiar_dias)
        arriba = QHBoxLayout()
        for b in (self.boton_nueva, self.boton_catalogo, self.boton_solicitud, self.boton_informe_excel,
                  self.boton_informe_pdf, self.boton_exportar):
            arriba.addWidget(b)
        arriba.addStretch(1)
        filtros = QHBoxLayout()
        for texto, control in ((tr("&Tipo:"), self.filtro_tipo), (tr("A&lertas:"), self.filtro_alerta),
                               (tr("&Mostrar:"), self.filtro_bajas), (tr("A&viso de vencimiento:"), self.dias)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(control)
            filtros.addWidget(etiqueta)
            filtros.addWidget(control)
            filtros.addSpacing(8)
            if isinstance(control, QComboBox):
                control.currentIndexChanged.connect(lambda _i: self.refrescar())
        filtros.addStretch(1)

        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por software, fabricante, descripción, proveedor o UUID…"),
                                    self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        self.tabla.activada.connect(lambda _id: self.asignar())
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(COLUMNA_ELASTICA, QHeaderView.ResizeMode.Stretch)
        self.tabla_solicitudes = TablaFiltrable(COLUMNAS_SOLICITUDES, tr("Buscar solicitudes…"), self)
        self.tabla_solicitudes.filtro_cambiado.connect(lambda _t: self._refrescar_solicitudes())
        self.tabla_solicitudes.seleccion_cambiada.connect(lambda _id: self._actualizar_instalar())
        self.boton_instalar = boton(self, tr("&Instalar licencia adquirida…"), None, self.instalar_adquirida)
        self.boton_instalar.setProperty("ayuda", tr("Llegó la licencia que se compró para la solicitud: se instala "
                                                    "(paso 4) y su trámite concluye"))
        self.pagina_solicitudes = pagina_solicitudes = QWidget(self)
        capa_solicitudes = QVBoxLayout(pagina_solicitudes)
        capa_solicitudes.setContentsMargins(0, 0, 0, 0)
        fila_botones = QHBoxLayout()
        fila_botones.addWidget(self.boton_instalar)
        fila_botones.addStretch(1)
        capa_solicitudes.addLayout(fila_botones)
        capa_solicitudes.addWidget(self.tabla_solicitudes, 1)

        self.pestanas = QTabWidget(self)
        self.pestanas.addTab(division_lista_detalle(self, self.tabla, self._crear_detalle(), [950, 330]),
                             tr("Licencias"))
        self.pestanas.addTab(pagina_solicitudes, tr("Solicitudes de software"))
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addLayout(filtros)
        capa.addWidget(self.pestanas, 1)
        self.refrescar()

    # --- Construcción --------------------------------------------------------------------------

    def _crear_detalle(self) -> QWidget:
        detalle = PanelDetalle(self, tr("Seleccione una licencia"), (
            ("tipo", "Tipo"), ("descripcion", "Descripción"), ("clave", "Clave"), ("ocupacion", "Ocupación"),
            ("vigencia", "Vigencia"), ("costo", "Costo"), ("proveedor", "Proveedor"), ("cfdi", "CFDI"),
            ("alertas", "Alertas"), ("notas", "Notas"), ("baja", "Baja")), ancho_minimo=320)
        self.titulo_detalle, self.formulario, self.campos = detalle.titulo, detalle.formulario, detalle.campos
        self.campos["alertas"].setStyleSheet(f"color: {COLOR_ALERTA.name()}; font-weight: bold;")
        self.asignaciones = QListWidget(detalle.panel)
        self.asignaciones.setMinimumHeight(120)
        self.asignaciones.setWordWrap(True)
        self.asignaciones.currentItemChanged.connect(lambda _a, _b: self._actualizar_acciones())
        detalle.agregar_fila("Asignada a", self.asignaciones)
        self.boton_asignar = boton(self, tr("Asignar…"), "Ctrl+Shift+A", self.asignar)
        self.boton_quitar = boton(self, tr("Quitar asignación…"), None, self.quitar_asignacion)
        self.boton_editar = boton(self, tr("Editar licencia…"), "Ctrl+E", self.editar_licencia)
        self.boton_ver_clave = boton(self, tr("Ver clave completa"), "Ctrl+Shift+K", self.ver_clave)
        self.boton_baja = boton(self, tr("Dar de baja…"), None, self.dar_de_baja)
        self.boton_cfdi = boton(self, tr("Abrir CFDI"), None, self.abrir_cfdi)
        detalle.agregar_botones((self.boton_asignar, self.boton_quitar, self.boton_editar, self.boton_ver_clave,
                                 self.boton_baja, self.boton_cfdi))
        return detalle

    # --- Datos ---------------------------------------------------------------------------------

    def refrescar(self) -> None:
        filas = ejecutar(self, licencias.consultar_licencias, self.tabla.busqueda.text(),
                         self.filtro_tipo.currentData(), None, self.filtro_alerta.currentData(), self.dias.value(),
                         bool(self.filtro_bajas.currentData()))
        self._registros = filas or []
        self.tabla.cargar(self._registros, color=_color)
        self._mostrar(self.tabla.id_actual())
        self._refrescar_solicitudes()

    def _refrescar_solicitudes(self) -> None:
        filas = ejecutar(self, licencias.solicitudes, self.tabla_solicitudes.busqueda.text()) or []
        self._solicitudes = {f["id"]: f for f in filas}
        self.tabla_solicitudes.cargar(filas)
        self._actualizar_instalar()

    def seleccionar(self, identificador: int) -> None:
        self.refrescar()
        if self.tabla.modelo.fila_de(identificador) < 0:
            quitar_filtros(self.tabla, self.filtro_tipo, self.filtro_alerta)
            self.filtro_bajas.blockSignals(True)
            self.filtro_bajas.setCurrentIndex(1)
            self.filtro_bajas.blockSignals(False)
            self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self._mostrar(identificador)

    def _cambiar_dias(self) -> None:
        if self.dias.value() != licencias.dias_aviso():
            ejecutar(self, licencias.fijar_dias_aviso, self.dias.value())
            self.refrescar()

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario.setRowVisible(self.campos[clave], bool(texto))

    def _mostrar(self, identificador: Any) -> None:
        self.licencia = ejecutar(self, licencias.obtener_licencia, identificador) if identificador else None
        fila = next((r for r in self._registros if r["id"] == identificador), None)
        self._llenar(self.licencia, fila)
        self._actualizar_acciones()

    def _llenar(self, l: Licencia | None, fila: dict[str, Any] | None) -> None:  # noqa: E741
        for clave in self.campos:
            self._fila(clave, "")
        self.asignaciones.clear()
        if l is None or fila is None:
            self.titulo_detalle.setText(tr("Seleccione una licencia"))
            return
        self.titulo_detalle.setText(l.software.nombre)
        self._fila("tipo", fila["tipo_texto"])
        self._fila("descripcion", l.descripcion)
        self._fila("clave", l.clave_mascara or tr("(sin clave)"))
        if l.tipo == licencias.LIBRE:
            self._fila("ocupacion", tr("{n} asignación(es); sin límite").format(n=fila["asignados"]))
        else:
            self._fila("ocupacion", tr("{a} de {t} asientos asignados; libres: {d}").format(
                a=fila["asignados"], t=l.asientos, d=max(0, fila["disponibles"])))
        desde = f"{l.vigencia_inicio:%d/%m/%Y}" if l.vigencia_inicio else "—"
        hasta = f"{l.vigencia_fin:%d/%m/%Y}" if l.vigencia_fin else tr("no vence")
        self._fila("vigencia", f"{desde} → {hasta}")
        self._fila("costo", costo_texto(l.costo))
        self._fila("proveedor", l.proveedor.razon_social if l.proveedor_id else "")
        # El UUID (36 caracteres sin espacios) no cabe en un renglón del panel: en dos.
        uuid = f"{l.cfdi_uuid[:19]}\n{l.cfdi_uuid[19:]}" if l.cfdi_uuid else ""
        self._fila("cfdi", "\n".join(p for p in (uuid, l.cfdi_nombre) if p))
        self._fila("alertas", fila["alertas"] if l.activa else "")
        self._fila("notas", l.notas)
        if not l.activa:
            self._fila("baja", f"{l.motivo_baja} ({l.baja_en:%d/%m/%Y})")
        for a in licencias.asignaciones(l.id):
            elemento = QListWidgetItem(f"{a['destino']}\n    {a['asignado_en']:%d/%m/%Y}"
                                       + (tr(" · instalada") if a["instalada"] else tr(" · sin instalar"))
                                       + (f" · {a['nota']}" if a["nota"] else ""))
            elemento.setData(Qt.ItemDataRole.UserRole, a["id"])
            self.asignaciones.addItem(elemento)

    def _habilitar(self, b: QPushButton, permitido: bool, aplica: bool, motivo: str) -> None:
        if not permitido:
            b.setEnabled(False)
            b.setToolTip(tr("Su rol ({rol}) no lo permite.").format(
                rol=permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol)))
            return
        b.setEnabled(aplica)
        b.setToolTip(b.property("ayuda") if aplica else motivo)

    def _actualizar_acciones(self) -> None:
        l = self.licencia  # noqa: E741
        activa = l is not None and l.activa
        editar = permisos.puede(self.sesion, permisos.EDITAR_CATALOGOS)
        asignar = permisos.puede(self.sesion, permisos.AVANZAR_TRAMITE)
        self._habilitar(self.boton_nueva, editar, True, "")
        self._habilitar(self.boton_catalogo, editar, True, "")
        self._habilitar(self.boton_solicitud, permisos.puede(self.sesion, permisos.ABRIR_TRAMITE), True, "")
        for b in (self.boton_informe_excel, self.boton_informe_pdf, self.boton_exportar):
            self._habilitar(b, permisos.puede(self.sesion, permisos.EXPORTAR), True, "")
        self._habilitar(self.boton_asignar, asignar, activa, tr("Seleccione una licencia activa."))
        self._habilitar(self.boton_quitar, asignar, activa and self.asignaciones.currentItem() is not None,
                        tr("Seleccione una asignación de la lista."))
        self._habilitar(self.boton_editar, editar, activa, tr("Seleccione una licencia activa."))
        self._habilitar(self.boton_ver_clave, licencias.puede_ver_clave(self.sesion),
                        l is not None and bool(l.clave_cifrada), tr("La licencia no tiene clave registrada."))
        self._habilitar(self.boton_baja, editar, activa, tr("Seleccione una licencia activa."))
        self._habilitar(self.boton_cfdi, permisos.puede(self.sesion, permisos.VER),
                        l is not None and bool(l.cfdi_nombre), tr("La licencia no tiene archivo del CFDI."))

    # --- Acciones ------------------------------------------------------------------------------

    def _abrir_dialogo(self, dialogo: QDialog, al_aceptar: Callable[[Any], None]) -> None:
        abrir_dialogo(self, dialogo, al_aceptar, self.refrescar)

    def nueva_licencia(self) -> None:
        if self.boton_nueva.isEnabled():
            self._abrir_dialogo(DialogoLicencia(self.sesion, parent=self), lambda d: self.seleccionar(d.licencia.id))

    def editar_licencia(self) -> None:
        if self.licencia is not None and self.boton_editar.isEnabled():
            self._abrir_dialogo(DialogoLicencia(self.sesion, self.licencia, self),
                                lambda d: self.seleccionar(d.licencia.id))

    def catalogo(self) -> None:
        if self.boton_catalogo.isEnabled():
            self._abrir_dialogo(DialogoCatalogoSoftware(self.sesion, self), lambda _d: self.refrescar())

    def asignar(self) -> None:
        if self.licencia is not None and self.boton_asignar.isEnabled():
            identificador = self.licencia.id
            self._abrir_dialogo(DialogoAsignar(self.sesion, self.licencia, self),
                                lambda _d: self.seleccionar(identificador))

    def atender_solicitud(self, oficio_id: int | None = None) -> None:
        if not self.boton_solicitud.isEnabled():
            return

        def atendida(dialogo: DialogoSolicitudSoftware) -> None:
            s = dialogo.solicitud
            self.refrescar()
            mensaje = licencias.DECISIONES[s.decision]
            if s.decision == licencias.ADQUISICION:
                from app.servicios.tramites import tramites

                mensaje += ": " + tramites.obtener(s.tramite_id).numero
            elif s.decision == licencias.ALTERNATIVA_LIBRE:
                mensaje += ": " + s.alternativa
            avisar(self, tr("Solicitud atendida"), mensaje)

        self._abrir_dialogo(DialogoSolicitudSoftware(self.sesion, self, oficio_id), atendida)

    # --- Expediente único (la ventana principal abre aquí los casos del procedimiento 10) --------

    def _solicitud_elegida(self) -> dict[str, Any] | None:
        return getattr(self, "_solicitudes", {}).get(self.tabla_solicitudes.id_actual())

    def _actualizar_instalar(self) -> None:
        fila = self._solicitud_elegida()
        aplica = fila is not None and fila["decision"] == licencias.ADQUISICION and not fila.get("asignacion_id")
        self._habilitar(self.boton_instalar, permisos.puede(self.sesion, permisos.AVANZAR_TRAMITE), aplica,
                        tr("Elija una solicitud en adquisición cuya licencia aún no se instala."))

    def instalar_adquirida(self) -> None:
        """La licencia comprada para la solicitud elegida llegó: se instala y su caso concluye."""
        fila = self._solicitud_elegida()
        if fila is None or not self.boton_instalar.isEnabled():
            return

        def instalada(_dialogo: DialogoInstalarAdquirida) -> None:
            self.refrescar()
            avisar(self, tr("Licencia instalada"), tr("La licencia quedó instalada y la solicitud concluyó."))

        self._abrir_dialogo(DialogoInstalarAdquirida(self.sesion, fila["id"], self), instalada)

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Muestra la pestaña de solicitudes y selecciona la que lleva el trámite ``tramite_id``."""
        solicitud = ejecutar(self, expedientes.por_expediente, tramite_id)
        if solicitud is None:
            return
        self.pestanas.setCurrentWidget(self.pagina_solicitudes)
        tabla = self.tabla_solicitudes
        if tabla.modelo.fila_de(solicitud.id) < 0 and tabla.busqueda.text():
            tabla.busqueda.blockSignals(True)
            tabla.busqueda.clear()
            tabla.busqueda.blockSignals(False)
            self._refrescar_solicitudes()
        fila = tabla.modelo.fila_de(solicitud.id)
        if fila >= 0:
            tabla.vista.selectRow(fila)
            tabla.vista.scrollTo(tabla.modelo.index(fila, 0))

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
        """Un caso nuevo del procedimiento 10: atender la solicitud con ese oficio recibido ya elegido."""
        del procedimiento
        if not self.boton_solicitud.isEnabled():
            avisar(self, tr("Atender solicitud de software"), tr("Su cuenta no puede atender solicitudes de software."))
            return
        self.atender_solicitud(oficio_id)

    def quitar_asignacion(self) -> None:
        elemento = self.asignaciones.currentItem()
        if elemento is None or not self.boton_quitar.isEnabled():
            return
        motivo = pedir_texto(self, tr("Quitar asignación"), tr("Motivo (p. ej. se desinstaló al formatear):"))
        if motivo is None:
            return
        asignacion = ejecutar(self, licencias.obtener_asignacion, elemento.data(Qt.ItemDataRole.UserRole))
        if asignacion is not None:
            ejecutar(self, licencias.quitar_asignacion, self.sesion, asignacion, motivo)
        self.refrescar()

    def ver_clave(self) -> None:
        if self.licencia is None or not self.boton_ver_clave.isEnabled():
            return
        if not confirmar(self, tr("Ver clave completa"), tr("La consulta de la clave queda registrada en la bitácora "
                                                            "con su nombre. ¿Mostrarla?")):
            return
        clave = ejecutar(self, licencias.ver_clave, self.sesion, self.licencia)
        if clave is not None:
            avisar(self, tr("Clave de la licencia"), f"{self.licencia.software.nombre}\n\n{clave}")

    def dar_de_baja(self) -> None:
        if self.licencia is None or not self.boton_baja.isEnabled():
            return
        motivo = pedir_texto(self, tr("Dar de baja la licencia"), tr("Motivo de la baja:"), multilinea=True)
        if motivo is None:
            return
        ejecutar(self, licencias.dar_de_baja_licencia, self.sesion, self.licencia, motivo)
        self.refrescar()

    def abrir_cfdi(self) -> None:
        if self.licencia is None or not self.boton_cfdi.isEnabled():
            return
        leido = ejecutar(self, licencias.archivo_cfdi, self.licencia)
        if leido is not None:
            abrir_con_programa(self, *leido)

    def informe(self, extension: str) -> None:
        from app.documentos.licencias_informe import informe_excel, informe_pdf

        filtro = tr("Libro de Excel (*.xlsx)") if extension == ".xlsx" else tr("Documentos PDF (*.pdf)")
        ruta = ruta_para_guardar(self, tr("Informe de cumplimiento de licencias"),
                                 f"informe-licencias{extension}", filtro, extension)
        if ruta is None:
            return
        datos = ejecutar(self, licencias.informe_cumplimiento, self.dias.value())
        if datos is None:
            return
        institucion = catalogos.institucion()
        contenido = (informe_excel(datos, institucion.nombre) if extension == ".xlsx" else
                     informe_pdf(datos, institucion.nombre, institucion.area, institucion.lema, institucion.pie))
        if guardar_bytes(self, ruta, contenido):
            if extension == ".pdf":
                impresion.ofrecer_impresion(self, tr("Informe guardado"), str(ruta), contenido,
                                            tr("Informe de cumplimiento de licencias"))
            else:
                avisar(self, tr("Informe guardado"), str(ruta))

    def exportar(self) -> None:
        if self.boton_exportar.isEnabled():
            exportar_listado(self, tr("Licencias"), COLUMNAS_EXPORTAR, self._registros, "licencias.xlsx")
