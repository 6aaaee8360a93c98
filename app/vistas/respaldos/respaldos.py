"""Módulo «Respaldos»: calendario de planes por dependencia, respaldos hechos, recuperaciones y entregas
(procedimiento 5 del manual)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QTabWidget, QVBoxLayout, QWidget)

from app.modelos import Usuario
from app.modelos.respaldos import PlanRespaldo, RecuperacionInformacion, RECUPERADA, SOLICITADA
from app.servicios.nucleo import permisos
from app.servicios.respaldos import entregas, expedientes, oficios_plan, planes, recuperaciones
from app.vistas.comun.ayudas import boton, exportar_listado, pedir_texto
from app.vistas.comun.comunes import abrir_dialogo, avisar, confirmar, division_lista_detalle, ejecutar, tr
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros
from app.vistas.respaldos.dialogos import (DialogoEjecucion, DialogoEntrega, DialogoPlan, DialogoRecuperacion,
                                           DialogoResultadoRecuperacion)

COLOR_VENCIDO = QColor("#a01c1c")
COLOR_HOY = QColor("#8a5a00")
COLOR_BAJA = QColor("#8a8a8a")
MOSTRAR = (("Vigentes", "vigentes"), ("Solo vencidos", "vencidos"), ("Con los dados de baja", "todos"))


def _color(fila: dict[str, Any]) -> QColor | None:
    if not fila["activo"]:
        return COLOR_BAJA
    if fila["vencido"]:
        return COLOR_VENCIDO
    return COLOR_HOY if fila["estado"] == "Toca hoy" else None


COLUMNAS = (
    Columna("Plan", lambda f: f["folio"], 100),
    Columna("Dependencia", lambda f: f["dependencia"], 150),
    Columna("Información", lambda f: f["informacion"], 230),
    Columna("Periodicidad", lambda f: f["periodicidad_texto"], 96),
    Columna("Último respaldo", lambda f: f["ultima_exitosa"], 118),
    Columna("Próximo", lambda f: f["proxima"], 86),
    Columna("Atraso (días)", lambda f: f["dias_atraso"] or None, 92, derecha=True),
    Columna("Situación", lambda f: f["estado"], 140),
)
COLUMNAS_EXPORTAR = COLUMNAS + (
    Columna("Propietario", lambda f: f["propietario"], 220),
    Columna("Oficio de solicitud", lambda f: f["oficio"] or "", 130),
    Columna("Sistema", lambda f: f["sistema"], 200),
    Columna("Medio", lambda f: f["medio"], 160),
    Columna("Ubicación", lambda f: f["ubicacion"], 260),
    Columna("Respaldos registrados", lambda f: f["ejecuciones"], 90, derecha=True),
)
COLUMNA_ELASTICA = 2

COLUMNAS_RECUPERACIONES = (
    Columna("Fecha", lambda f: f["creado_en"], 118),
    Columna("Dependencia", lambda f: f["dependencia"], 170),
    Columna("Oficio", lambda f: f["oficio"] or "", 110),
    Columna("Qué se pidió", lambda f: f["informacion"], 250),
    Columna("Qué se restauró", lambda f: f["restaurado"], 220),
    Columna("Verificación", lambda f: f["verificacion"], 220),
    Columna("Estado", lambda f: f["estado_texto"], 150),
    Columna("Trámite", lambda f: f["expediente"], 260),
)
COLUMNAS_ENTREGAS = (
    Columna("Entregado", lambda f: f["entregado_en"], 118),
    Columna("Qué se entregó", lambda f: f["que"], 260),
    Columna("Dispositivo", lambda f: f["dispositivo"], 260),
    Columna("Recibió", lambda f: f["recibe"], 190),
    Columna("Dependencia", lambda f: f["dependencia"] or "", 170),
    Columna("Acuse firmado", lambda f: f["acuse_en"], 118),
    Columna("Oficio de entrega", lambda f: f["oficio"] or "", 120),
)


class VistaRespaldos(QWidget):
    """Calendario de planes de respaldo con sus ejecuciones, recuperaciones y entregas con acuse."""

    TITULO = "Respaldos"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.plan: PlanRespaldo | None = None
        self.dialogo: QDialog | None = None
        self._registros: list[dict[str, Any]] = []
        self._recuperaciones: dict[int, dict[str, Any]] = {}

        self.boton_nuevo = boton(self, tr("&Nuevo plan…"), "Ctrl+N", self.nuevo_plan)
        self.boton_recuperacion = boton(self, tr("Solicitud de &recuperación…"), "Ctrl+Shift+R",
                                        self.nueva_recuperacion)
        self.boton_exportar = boton(self, tr("Exportar a E&xcel…"), "Ctrl+Shift+X", self.exportar)
        self.filtro = QComboBox(self)
        for texto, clave in MOSTRAR:
            self.filtro.addItem(tr(texto), clave)
        self.filtro.currentIndexChanged.connect(lambda _i: self.refrescar())
        self.resumen = QLabel(self)
        self.resumen.setStyleSheet(f"color: {COLOR_VENCIDO.name()}; font-weight: bold;")
        arriba = QHBoxLayout()
        for b in (self.boton_nuevo, self.boton_recuperacion, self.boton_exportar):
            arriba.addWidget(b)
        etiqueta = QLabel(tr("&Mostrar:"), self)
        etiqueta.setBuddy(self.filtro)
        arriba.addSpacing(12)
        arriba.addWidget(etiqueta)
        arriba.addWidget(self.filtro)
        arriba.addSpacing(12)
        arriba.addWidget(self.resumen)
        arriba.addStretch(1)

        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por plan, dependencia, información, propietario, medio…"),
                                    self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        self.tabla.activada.connect(lambda _id: self.registrar_respaldo())
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(COLUMNA_ELASTICA, QHeaderView.ResizeMode.Stretch)

        self.tabla_recuperaciones = TablaFiltrable(COLUMNAS_RECUPERACIONES, tr("Buscar recuperaciones…"), self)
        self.tabla_recuperaciones.filtro_cambiado.connect(lambda _t: self._refrescar_recuperaciones())
        self.tabla_recuperaciones.seleccion_cambiada.connect(lambda _id: self._actualizar_acciones())
        self.boton_recuperar = boton(self, tr("Registrar &lo restaurado…"), None, self.registrar_recuperacion)
        self.boton_entregar_recuperacion = boton(self, tr("Entregar en &dispositivo…"), None,
                                                 self.entregar_recuperacion)
        self.pagina_recuperaciones = QWidget(self)
        capa_rec = QVBoxLayout(self.pagina_recuperaciones)
        capa_rec.setContentsMargins(0, 0, 0, 0)
        fila = QHBoxLayout()
        fila.addWidget(self.boton_recuperar)
        fila.addWidget(self.boton_entregar_recuperacion)
        fila.addStretch(1)
        capa_rec.addLayout(fila)
        capa_rec.addWidget(self.tabla_recuperaciones, 1)

        self.tabla_entregas = TablaFiltrable(COLUMNAS_ENTREGAS, tr("Buscar entregas…"), self)
        self.tabla_entregas.filtro_cambiado.connect(lambda _t: self._refrescar_entregas())

        self.pestanas = QTabWidget(self)
        self.pestanas.addTab(division_lista_detalle(self, self.tabla, self._crear_detalle(), [900, 380]),
                             tr("Calendario de planes"))
        self.pestanas.addTab(self.pagina_recuperaciones, tr("Recuperaciones"))
        self.pestanas.addTab(self.tabla_entregas, tr("Entregas en dispositivo"))
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(self.pestanas, 1)
        self.refrescar()

    def _crear_detalle(self) -> QWidget:
        detalle = PanelDetalle(self, tr("Seleccione un plan"), (
            ("dependencia", "Dependencia"), ("propietario", "Propietario"), ("oficio", "Oficio"),
            ("periodicidad", "Periodicidad"), ("proxima", "Próximo respaldo"), ("situacion", "Situación"),
            ("sistema", "Sistema"), ("medio", "Medio"), ("ubicacion", "Ubicación"), ("tramite", "Trámite"),
            ("notas", "Notas"), ("baja", "Baja")), ancho_minimo=340)
        self.titulo_detalle, self.formulario, self.campos = detalle.titulo, detalle.formulario, detalle.campos
        self.campos["situacion"].setStyleSheet(f"color: {COLOR_VENCIDO.name()}; font-weight: bold;")
        self.ejecuciones = QListWidget(detalle.panel)
        self.ejecuciones.setMinimumHeight(120)
        self.ejecuciones.setWordWrap(True)
        self.ejecuciones.currentItemChanged.connect(lambda _a, _b: self._actualizar_acciones())
        detalle.agregar_fila("Respaldos", self.ejecuciones)
        self.boton_respaldo = boton(self, tr("Registrar &respaldo…"), "Ctrl+R", self.registrar_respaldo)
        self.boton_entregar = boton(self, tr("&Entregar respaldo…"), None, self.entregar_respaldo)
        self.boton_oficio = boton(self, tr("&Oficio de respuesta"), None, self.oficio_plan)
        self.boton_baja = boton(self, tr("Dar de &baja…"), None, self.dar_de_baja)
        detalle.agregar_botones((self.boton_respaldo, self.boton_entregar, self.boton_oficio, self.boton_baja))
        return detalle

    # --- Datos ---------------------------------------------------------------------------------

    def refrescar(self) -> None:
        mostrar = self.filtro.currentData()
        filas = ejecutar(self, planes.calendario, self.tabla.busqueda.text(), mostrar == "vencidos",
                         mostrar == "todos") or []
        self._registros = filas
        self.tabla.cargar(filas, color=_color)
        vencidos = sum(1 for f in filas if f["vencido"])
        self.resumen.setText(tr("{n} plan(es) vencido(s)").format(n=vencidos) if vencidos else "")
        self._mostrar(self.tabla.id_actual())
        self._refrescar_recuperaciones()
        self._refrescar_entregas()

    def _refrescar_recuperaciones(self) -> None:
        filas = ejecutar(self, recuperaciones.recuperaciones, self.tabla_recuperaciones.busqueda.text()) or []
        self._recuperaciones = {f["id"]: f for f in filas}
        self.tabla_recuperaciones.cargar(filas)
        self._actualizar_acciones()

    def _refrescar_entregas(self) -> None:
        self.tabla_entregas.cargar(ejecutar(self, entregas.entregas, self.tabla_entregas.busqueda.text()) or [])

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario.setRowVisible(self.campos[clave], bool(texto))

    def _mostrar(self, identificador: Any) -> None:
        self.plan = ejecutar(self, planes.obtener_plan, identificador) if identificador else None
        fila = next((r for r in self._registros if r["id"] == identificador), None)
        for clave in self.campos:
            self._fila(clave, "")
        self.ejecuciones.clear()
        p = self.plan
        if p is None or fila is None:
            self.titulo_detalle.setText(tr("Seleccione un plan"))
            self._actualizar_acciones()
            return
        self.titulo_detalle.setText(f"{p.folio} · {p.informacion}")
        self._fila("dependencia", p.dependencia.nombre)
        self._fila("propietario", f"{p.propietario.nombre}, {p.propietario.cargo}".strip(", "))
        self._fila("oficio", p.oficio.numero_oficio or tr("(sin número)"))
        self._fila("periodicidad", fila["periodicidad_texto"] + tr(" (propuesta por el propietario)"))
        self._fila("proxima", f"{fila['proxima']:%d/%m/%Y}" if fila["proxima"] else "—")
        self._fila("situacion", fila["estado"] if fila["vencido"] else "")
        self._fila("sistema", p.sistema)
        self._fila("medio", p.medio)
        self._fila("ubicacion", p.ubicacion)
        self._fila("tramite", expedientes.resumen_expediente(p.expediente_id))
        self._fila("notas", p.notas)
        if not p.activo:
            self._fila("baja", f"{p.motivo_baja} ({p.baja_en:%d/%m/%Y})")
        for e in planes.ejecuciones(p.id):
            texto = (f"{e['realizado_en']:%d/%m/%Y %H:%M} · {e['resultado_texto']} · {e['medio']} · "
                     f"{planes.describir_tamano(e['tamano_bytes'])}\n    {e['realizo']}"
                     + (f" · SHA-256 {e['sha256'][:16]}…" if e["sha256"] else "")
                     + (f"\n    {e['notas']}" if e["notas"] else ""))
            elemento = QListWidgetItem(texto)
            elemento.setData(Qt.ItemDataRole.UserRole, e["id"])
            elemento.setData(Qt.ItemDataRole.UserRole + 1, e["resultado"])
            if e["resultado"] != "exitoso":
                elemento.setForeground(COLOR_VENCIDO)
            self.ejecuciones.addItem(elemento)
        self._actualizar_acciones()

    def _habilitar(self, b: QPushButton, permitido: bool, aplica: bool, motivo: str) -> None:
        if not permitido:
            b.setEnabled(False)
            b.setToolTip(tr("Su rol ({rol}) no lo permite.").format(
                rol=permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol)))
            return
        b.setEnabled(aplica)
        b.setToolTip("" if aplica else motivo)

    def _recuperacion_elegida(self) -> dict[str, Any] | None:
        return self._recuperaciones.get(self.tabla_recuperaciones.id_actual())

    def _actualizar_acciones(self) -> None:
        if not hasattr(self, "boton_recuperar"):
            return
        p = self.plan
        activo = p is not None and p.activo
        abrir = permisos.puede(self.sesion, permisos.ABRIR_TRAMITE)
        avanzar = permisos.puede(self.sesion, permisos.AVANZAR_TRAMITE)
        self._habilitar(self.boton_nuevo, abrir, True, "")
        self._habilitar(self.boton_recuperacion, abrir, True, "")
        self._habilitar(self.boton_exportar, permisos.puede(self.sesion, permisos.EXPORTAR), True, "")
        self._habilitar(self.boton_respaldo, avanzar, activo, tr("Seleccione un plan vigente."))
        elemento = self.ejecuciones.currentItem()
        exitosa = elemento is not None and elemento.data(Qt.ItemDataRole.UserRole + 1) == "exitoso"
        self._habilitar(self.boton_entregar, avanzar, exitosa,
                        tr("Elija en la lista un respaldo exitoso del plan."))
        self._habilitar(self.boton_oficio, permisos.puede(self.sesion, permisos.EMITIR_OFICIO), p is not None,
                        tr("Seleccione un plan."))
        self._habilitar(self.boton_baja, permisos.puede(self.sesion, permisos.CANCELAR_TRAMITE), activo,
                        tr("Seleccione un plan vigente."))
        r = self._recuperacion_elegida()
        self._habilitar(self.boton_recuperar, avanzar, r is not None and r["estado"] == SOLICITADA,
                        tr("Elija una recuperación solicitada."))
        self._habilitar(self.boton_entregar_recuperacion, avanzar, r is not None and r["estado"] == RECUPERADA,
                        tr("Elija una recuperación ya restaurada y verificada."))

    # --- Acciones ------------------------------------------------------------------------------

    def _abrir_dialogo(self, dialogo: QDialog, al_aceptar: Callable[[Any], None]) -> None:
        abrir_dialogo(self, dialogo, al_aceptar, self.refrescar)

    def seleccionar(self, identificador: int) -> None:
        self.refrescar()
        if self.tabla.modelo.fila_de(identificador) < 0:
            quitar_filtros(self.tabla)
            self.filtro.blockSignals(True)
            self.filtro.setCurrentIndex(2)
            self.filtro.blockSignals(False)
            self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.pestanas.setCurrentIndex(0)
            self.tabla.vista.selectRow(fila)
            self.tabla.vista.scrollTo(self.tabla.modelo.index(fila, 0))
            self._mostrar(identificador)

    def nuevo_plan(self, oficio_id: int | None = None) -> None:
        if self.boton_nuevo.isEnabled():
            self._abrir_dialogo(DialogoPlan(self.sesion, self, oficio_id), lambda d: self.seleccionar(d.resultado.id))

    def nueva_recuperacion(self, oficio_id: int | None = None) -> None:
        if self.boton_recuperacion.isEnabled():
            plan_id = self.plan.id if self.plan is not None else None
            self._abrir_dialogo(DialogoRecuperacion(self.sesion, self, oficio_id, plan_id),
                                lambda d: self._mostrar_recuperacion(d.resultado.id))

    def registrar_respaldo(self) -> None:
        if self.plan is not None and self.boton_respaldo.isEnabled():
            identificador = self.plan.id
            self._abrir_dialogo(DialogoEjecucion(self.sesion, identificador, self),
                                lambda _d: self.seleccionar(identificador))

    def entregar_respaldo(self) -> None:
        elemento = self.ejecuciones.currentItem()
        if elemento is None or self.plan is None or not self.boton_entregar.isEnabled():
            return
        identificador = self.plan.id
        self._abrir_dialogo(DialogoEntrega(self.sesion, self, ejecucion_id=elemento.data(Qt.ItemDataRole.UserRole)),
                            lambda d: self._tras_entregar(d, lambda: self.seleccionar(identificador)))

    def registrar_recuperacion(self) -> None:
        r = self._recuperacion_elegida()
        if r is not None and self.boton_recuperar.isEnabled():
            self._abrir_dialogo(DialogoResultadoRecuperacion(self.sesion, r["id"], self),
                                lambda d: self._mostrar_recuperacion(d.resultado.id))

    def entregar_recuperacion(self) -> None:
        r = self._recuperacion_elegida()
        if r is not None and self.boton_entregar_recuperacion.isEnabled():
            identificador = r["id"]
            self._abrir_dialogo(DialogoEntrega(self.sesion, self, recuperacion_id=identificador),
                                lambda d: self._tras_entregar(d, lambda: self._mostrar_recuperacion(identificador)))

    def _tras_entregar(self, dialogo: DialogoEntrega, despues: Callable[[], None]) -> None:
        despues()
        if permisos.puede(self.sesion, permisos.EMITIR_OFICIO) and confirmar(
                self, tr("Oficio de entrega"), tr("Entrega registrada con su acuse. ¿Emitir ahora el oficio de "
                                                  "entrega (toma folio)?")):
            oficio = ejecutar(self, entregas.emitir_oficio_entrega, self.sesion, dialogo.resultado)
            if oficio is not None:
                avisar(self, tr("Oficio emitido"), tr("Oficio {folio}.").format(folio=oficio.folio))
        self._refrescar_entregas()

    def oficio_plan(self) -> None:
        if self.plan is None or not self.boton_oficio.isEnabled():
            return
        if not confirmar(self, tr("Oficio de respuesta"), tr("Se emitirá el oficio de respuesta al titular con la "
                                                            "periodicidad del plan {folio} y tomará folio. ¿Emitirlo?")
                         .format(folio=self.plan.folio)):
            return
        oficio = ejecutar(self, oficios_plan.emitir_oficio_plan, self.sesion, self.plan)
        if oficio is not None:
            avisar(self, tr("Oficio emitido"), tr("Oficio {folio}: {asunto}").format(folio=oficio.folio,
                                                                                     asunto=oficio.asunto))

    def dar_de_baja(self) -> None:
        if self.plan is None or not self.boton_baja.isEnabled():
            return
        motivo = pedir_texto(self, tr("Dar de baja el plan"), tr("Motivo (el plan deja de respaldarse y su trámite "
                                                                 "concluye):"), multilinea=True)
        if motivo is None:
            return
        ejecutar(self, planes.dar_de_baja, self.sesion, self.plan, motivo)
        self.refrescar()

    def exportar(self) -> None:
        if self.boton_exportar.isEnabled():
            exportar_listado(self, tr("Calendario de respaldos"), COLUMNAS_EXPORTAR, self._registros,
                             "calendario-respaldos.xlsx")

    # --- Expediente único ---------------------------------------------------------------------------

    def _mostrar_recuperacion(self, identificador: int) -> None:
        self.refrescar()
        self.pestanas.setCurrentWidget(self.pagina_recuperaciones)
        tabla = self.tabla_recuperaciones
        if tabla.modelo.fila_de(identificador) < 0 and tabla.busqueda.text():
            tabla.busqueda.blockSignals(True)
            tabla.busqueda.clear()
            tabla.busqueda.blockSignals(False)
            self._refrescar_recuperaciones()
        fila = tabla.modelo.fila_de(identificador)
        if fila >= 0:
            tabla.vista.selectRow(fila)
            tabla.vista.scrollTo(tabla.modelo.index(fila, 0))

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Abre el plan o la recuperación que lleva el trámite ``tramite_id`` (desde Pendientes u Oficios)."""
        registro = ejecutar(self, expedientes.por_expediente, tramite_id)
        if isinstance(registro, PlanRespaldo):
            self.seleccionar(registro.id)
        elif isinstance(registro, RecuperacionInformacion):
            self._mostrar_recuperacion(registro.id)

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
        """Un caso nuevo del procedimiento 5 desde un oficio: ¿respaldo o recuperación? (paso 3)."""
        del procedimiento
        if not self.boton_nuevo.isEnabled():
            avisar(self, tr("Respaldos"), tr("Su cuenta no puede registrar planes de respaldo ni recuperaciones."))
            return
        if confirmar(self, tr("¿Qué tipo de actividad es?"),
                     tr("¿El oficio pide un RESPALDO periódico?\n\nSí: nuevo plan de respaldo.\n"
                        "No: solicitud de recuperación de información.")):
            self.nuevo_plan(oficio_id)
        else:
            self.nueva_recuperacion(oficio_id)
