"""Acciones de la pestaña «Inventario»: cada una con su atajo de teclado, su botón y su regla de habilitación.

Las acciones generales (alta, importar, exportar, etiquetas, levantamiento) van en la barra de
arriba; las del bien seleccionado (editar, movimientos, resguardo), bajo su detalle.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QToolButton, QWidget

from app.modelos.inventario import BAJA_SOLICITADA, DADO_DE_BAJA, EN_DICTAMEN, EN_REPARACION, EN_USO
from app.modelos.movimientos import ENVIADO, SOLICITADO
from app.servicios.nucleo import permisos
from app.vistas.comun import comunes
from app.vistas.comun.comunes import tr

if TYPE_CHECKING:
    from app.vistas.inventario.inventario import VistaInventario


@dataclass(frozen=True)
class DefinicionAccion:
    nombre: str                  # atributo de AccionesInventario que la ejecuta
    texto: str
    atajo: str
    ayuda: str
    de_bien: bool                # requiere un bien seleccionado
    escribe: bool                # requiere permiso de inventario (no solo consultar)


DEFINICIONES: tuple[DefinicionAccion, ...] = (
    DefinicionAccion("alta_manual", "Alta manual", "Ctrl+N", "Registrar un bien capturando sus datos", False, True),
    DefinicionAccion("alta_cfdi", "Alta desde CFDI", "Ctrl+Shift+N",
                     "Registrar los bienes de una factura electrónica (XML y PDF)", False, True),
    DefinicionAccion("importar_excel", "Importar Excel", "Ctrl+I",
                     "Importar un inventario existente desde Excel (con vista previa)", False, True),
    DefinicionAccion("exportar_excel", "Exportar Excel", "Ctrl+Shift+E",
                     "Libro CONAC para Armonización Contable o la lista filtrada tal como se ve", False, False),
    DefinicionAccion("etiquetas", "Etiquetas QR", "Ctrl+Shift+Q",
                     "Imprimir etiquetas con código QR (selección, dependencia o todas)", False, False),
    DefinicionAccion("levantamiento", "Levantamiento", "Ctrl+Shift+L",
                     "Recorrer una dependencia o ubicación leyendo las etiquetas con el lector", False, True),
    DefinicionAccion("editar", "Editar", "Ctrl+E", "Corregir los datos del bien", True, True),
    DefinicionAccion("cambiar_estado", "Estado operativo", "Ctrl+Shift+T",
                     "En uso, en reparación o en dictamen (la baja va con su solicitud)", True, True),
    DefinicionAccion("cambio_resguardante", "Cambiar resguardante", "Ctrl+R",
                     "Solicitar a Armonización Contable el cambio o reasignación de resguardante", True, True),
    DefinicionAccion("solicitar_baja", "Solicitar baja", "Ctrl+Shift+B",
                     "Solicitar la baja del bien (con su dictamen técnico)", True, True),
    DefinicionAccion("marcar_enviado", "Oficio entregado", "Ctrl+Shift+M",
                     "Marcar que el oficio del movimiento pendiente se entregó a Armonización Contable", True, True),
    DefinicionAccion("registrar_respuesta", "Registrar respuesta", "Ctrl+Shift+R",
                     "Registrar que Armonización Contable aplicó o rechazó el movimiento pendiente", True, True),
    DefinicionAccion("imprimir_resguardo", "Resguardo", "Ctrl+P",
                     "PDF del resguardo con todos los bienes del resguardante, para firma", True, False),
    DefinicionAccion("reportar_falla", "Reportar falla", "Ctrl+Shift+F",
                     "Abrir un ticket de la mesa de ayuda con este bien ya puesto", True, False),
)


def puede_inventario(sesion) -> bool:
    """¿El rol opera el inventario? (procedimiento 21: Redes de Transporte y la Dirección)."""
    return permisos.puede(sesion, permisos.AVANZAR_TRAMITE) and (
        sesion is None or permisos.AREA_REDES in permisos.AREAS_TRAMITE.get(sesion.rol, frozenset()))


class AccionesInventario:
    """Crea las ``QAction`` de la vista, sus botones y las ejecuta."""

    def __init__(self, vista: VistaInventario) -> None:
        self.vista = vista
        self.sesion = vista.sesion
        self.opera = puede_inventario(self.sesion)
        self.qacciones: dict[str, QAction] = {}
        self.botones: dict[str, QPushButton | QToolButton] = {}
        for definicion in DEFINICIONES:
            funcion: Callable[[], None] | None = getattr(self, definicion.nombre, None)
            if funcion is None:
                continue          # la acción no está disponible en esta versión
            accion = QAction(tr(definicion.texto), vista)
            accion.setShortcut(QKeySequence(definicion.atajo))
            accion.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            accion.setToolTip(f"{tr(definicion.ayuda)} ({definicion.atajo})")
            accion.setProperty("ayuda", accion.toolTip())
            accion.triggered.connect(lambda _c=False, f=funcion: f())
            vista.addAction(accion)
            self.qacciones[definicion.nombre] = accion

    # --- Botones -------------------------------------------------------------------------------

    def _boton(self, nombre: str, clase=QPushButton) -> QWidget:
        accion = self.qacciones[nombre]
        if clase is QToolButton:
            boton = QToolButton(self.vista)
            boton.setDefaultAction(accion)
            boton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        else:
            boton = QPushButton(accion.text(), self.vista)
            boton.setToolTip(accion.toolTip())
            boton.clicked.connect(accion.trigger)
            accion.changed.connect(lambda b=boton, a=accion: (b.setEnabled(a.isEnabled()), b.setToolTip(a.toolTip())))
        self.botones[nombre] = boton
        return boton

    def barra(self) -> QWidget:
        contenedor = QWidget(self.vista)
        capa = QHBoxLayout(contenedor)
        capa.setContentsMargins(0, 0, 0, 0)
        for definicion in DEFINICIONES:
            if not definicion.de_bien and definicion.nombre in self.qacciones:
                capa.addWidget(self._boton(definicion.nombre))
        capa.addStretch(1)
        return contenedor

    def botones_detalle(self) -> list[QWidget]:
        return [self._boton(d.nombre) for d in DEFINICIONES if d.de_bien and d.nombre in self.qacciones]

    # --- Habilitación --------------------------------------------------------------------------

    def _habilitar(self, nombre: str, aplica: bool, motivo: str = "") -> None:
        accion = self.qacciones.get(nombre)
        if accion is None:
            return
        definicion = next(d for d in DEFINICIONES if d.nombre == nombre)
        if definicion.escribe and not self.opera:
            rol = permisos.NOMBRES_ROL.get(getattr(self.sesion, "rol", ""), "")
            accion.setEnabled(False)
            accion.setToolTip(tr("Su rol ({rol}) no opera el inventario.").format(rol=rol))
            return
        accion.setEnabled(aplica)
        accion.setToolTip(accion.property("ayuda") if aplica else motivo)

    def actualizar(self) -> None:
        bien = self.vista.bien
        hay = bien is not None
        vigente = hay and bien.estado != DADO_DE_BAJA
        sin_bien = tr("Seleccione un bien.")
        for definicion in DEFINICIONES:
            if not definicion.de_bien:
                self._habilitar(definicion.nombre, True)
        if not permisos.puede(self.sesion, permisos.EXPORTAR):
            self._habilitar("exportar_excel", False, tr("Su rol no permite exportar."))
        self._habilitar("editar", vigente, sin_bien if not hay else tr("El bien está dado de baja."))
        operativo = hay and bien.estado in (EN_USO, EN_REPARACION, EN_DICTAMEN)
        self._habilitar("cambiar_estado", operativo,
                        sin_bien if not hay else tr("El bien está en trámite de baja o dado de baja."))
        self._habilitar("reportar_falla", vigente and permisos.puede(self.sesion, permisos.ABRIR_TRAMITE),
                        sin_bien if not hay else (tr("El bien está dado de baja.") if not vigente
                                                  else tr("Su rol no registra tickets.")))
        self._habilitar("imprimir_resguardo", hay and bien.resguardante_id is not None,
                        sin_bien if not hay else tr("El bien no tiene resguardante."))
        self._actualizar_movimientos(bien)

    def _actualizar_movimientos(self, bien) -> None:
        """Las acciones de movimientos dependen de lo pendiente con Armonización Contable."""
        pendiente = self.vista.pendiente
        hay = bien is not None
        sin_bien = tr("Seleccione un bien.")
        libre = hay and pendiente is None and bien.estado not in (DADO_DE_BAJA, BAJA_SOLICITADA)
        motivo = sin_bien if not hay else (
            tr("Tiene un movimiento pendiente con Armonización Contable.") if pendiente is not None
            else tr("El bien está dado de baja o en trámite de baja."))
        self._habilitar("cambio_resguardante", libre, motivo)
        self._habilitar("solicitar_baja", libre, motivo)
        self._habilitar("marcar_enviado", pendiente is not None and pendiente.estado == SOLICITADO,
                        sin_bien if not hay else tr("No hay un oficio de movimiento pendiente de entregar."))
        self._habilitar("registrar_respuesta", pendiente is not None and pendiente.estado == ENVIADO,
                        sin_bien if not hay else tr("No hay un movimiento enviado esperando respuesta."))

    # --- Ejecución ---------------------------------------------------------------------------

    def _puede(self, nombre: str) -> bool:
        accion = self.qacciones.get(nombre)
        return accion is not None and accion.isEnabled()

    def abrir_dialogo(self, dialogo: QDialog, al_aceptar: Callable[[QDialog], None]) -> None:
        """Abre ``dialogo`` (modal, sin bloquear el ciclo de eventos) y llama ``al_aceptar`` si se acepta."""
        vista = self.vista
        vista.dialogo = dialogo

        def terminado(resultado: int) -> None:
            vista.dialogo = None
            try:
                if resultado == QDialog.DialogCode.Accepted:
                    al_aceptar(dialogo)
                else:
                    vista.refrescar()
            finally:
                # Se destruye después (no con WA_DeleteOnClose): lo que haga al_aceptar puede
                # procesar eventos (barra de progreso) y el diálogo aún emite ``finished``.
                dialogo.deleteLater()

        dialogo.finished.connect(terminado)
        dialogo.open()

    def alta_manual(self) -> None:
        if not self._puede("alta_manual"):
            return
        from app.vistas.inventario.bien import DialogoBien

        self.abrir_dialogo(DialogoBien(self.sesion, parent=self.vista), lambda d: self.vista.seleccionar(d.bien.id))

    def alta_cfdi(self) -> None:
        if not self._puede("alta_cfdi"):
            return
        from app.vistas.inventario.cfdi import DialogoAltaCfdi

        def registrados(dialogo) -> None:
            numeros = [b.numero_inventario for b in dialogo.bienes]
            if numeros:
                self.vista.seleccionar(dialogo.bienes[0].id)
                comunes.avisar(self.vista, tr("Alta registrada"),
                               tr("Se registraron {n} bienes de la factura: {lista}.").format(
                                   n=len(numeros), lista=", ".join(numeros)))

        self.abrir_dialogo(DialogoAltaCfdi(self.sesion, parent=self.vista), registrados)

    def editar(self) -> None:
        if not self._puede("editar") or self.vista.bien is None:
            return
        from app.vistas.inventario.bien import DialogoBien

        self.abrir_dialogo(DialogoBien(self.sesion, self.vista.bien, parent=self.vista),
                           lambda d: self.vista.seleccionar(d.bien.id))

    def reportar_falla(self) -> None:
        """Ticket de la mesa de ayuda para el bien seleccionado (captura rápida con el bien puesto)."""
        if not self._puede("reportar_falla") or self.vista.bien is None:
            return
        from app.vistas.mesa_ayuda.captura import CapturaTicket

        def registrado(dialogo) -> None:
            self.vista.refrescar()
            if dialogo.ticket is not None:
                comunes.avisar(self.vista, tr("Ticket registrado"),
                               tr("Se registró el ticket {folio} para el bien {numero}.").format(
                                   folio=dialogo.ticket.folio, numero=self.vista.bien.numero_inventario
                                   if self.vista.bien else ""))

        self.abrir_dialogo(CapturaTicket(self.sesion, self.vista,
                                         numero_inventario=self.vista.bien.numero_inventario), registrado)

    # --- Movimientos ---------------------------------------------------------------------------

    def _bienes_elegidos(self) -> list:
        """Los bienes seleccionados (o el actual), leídos de nuevo con su versión."""
        from app.servicios.inventario import inventario

        ids = self.vista.ids_seleccionados() or ([self.vista.bien.id] if self.vista.bien else [])
        return [b for b in (comunes.ejecutar(self.vista, inventario.obtener, i) for i in ids) if b is not None]

    def _tras_movimiento(self, dialogo) -> None:
        movimiento = dialogo.resultado
        self.vista.refrescar()
        folio = movimiento.oficio.folio if movimiento is not None and movimiento.oficio_id else ""
        if folio:
            comunes.avisar(self.vista, tr("Oficio emitido"),
                           tr("Se emitió el oficio {folio} para Armonización Contable. Lo encuentra en la pestaña "
                              "«Oficios» para imprimirlo.").format(folio=folio))

    def cambio_resguardante(self, oficio_id: int | None = None) -> None:
        if not self._puede("cambio_resguardante"):
            return
        from app.vistas.inventario.movimientos import DialogoCambioResguardante

        bienes = self._bienes_elegidos()
        if bienes:
            self.abrir_dialogo(DialogoCambioResguardante(self.sesion, bienes, parent=self.vista, oficio_id=oficio_id),
                               self._tras_movimiento)

    def solicitar_baja(self, oficio_id: int | None = None) -> None:
        if not self._puede("solicitar_baja") or self.vista.bien is None:
            return
        from app.vistas.inventario.movimientos import DialogoBaja

        self.abrir_dialogo(DialogoBaja(self.sesion, self.vista.bien, parent=self.vista, oficio_id=oficio_id),
                           self._tras_movimiento)

    def nuevo_movimiento(self, oficio_id: int | None = None) -> None:
        """El movimiento que pide un oficio recibido: se elige cuál y se abre su diálogo con el oficio puesto."""
        from app.vistas.inventario.movimientos import DialogoNuevoMovimiento, oficio_recibido

        def motivo(nombre: str) -> str:
            if self._puede(nombre):
                return ""
            accion = self.qacciones.get(nombre)
            return (accion.toolTip() if accion is not None else "") or tr("No disponible.")

        disponibles = {"cambio": motivo("cambio_resguardante"), "baja": motivo("solicitar_baja"),
                       "alta": motivo("alta_manual")}
        acciones = {"cambio": lambda: self.cambio_resguardante(oficio_id),
                    "baja": lambda: self.solicitar_baja(oficio_id), "alta": self.alta_manual}
        dialogo = DialogoNuevoMovimiento(oficio_recibido(oficio_id), disponibles, parent=self.vista)
        self.abrir_dialogo(dialogo, lambda d: acciones[d.eleccion]() if d.eleccion in acciones else None)

    def abrir_movimiento(self, tramite_id: int) -> bool:
        """Selecciona el bien del movimiento cuyo trámite es ``tramite_id`` y muestra su trámite."""
        from app.modelos import Movimiento
        from app.servicios.inventario import movimientos

        movimiento = Movimiento.get_or_none(Movimiento.expediente == tramite_id)
        if movimiento is None:
            return False
        bienes = comunes.ejecutar(self.vista, movimientos.bienes_de, movimiento) or []
        self.vista.movimiento_mostrado = movimiento.id
        if bienes:
            self.vista.seleccionar(bienes[0].id)
        return True

    def cambiar_estado(self) -> None:
        if not self._puede("cambiar_estado") or self.vista.bien is None:
            return
        from app.vistas.inventario.movimientos import DialogoEstado

        self.abrir_dialogo(DialogoEstado(self.sesion, self.vista.bien, parent=self.vista),
                           lambda _d: self.vista.refrescar())

    def marcar_enviado(self) -> None:
        from app.servicios.inventario import movimientos

        pendiente = self.vista.pendiente
        if not self._puede("marcar_enviado") or pendiente is None:
            return
        folio = pendiente.oficio.folio if pendiente.oficio_id else ""
        if not comunes.confirmar(self.vista, tr("Oficio entregado"),
                                 tr("¿El oficio {folio} ya se entregó a Armonización Contable (con acuse)? "
                                    "Quedará «Enviado» en espera de su respuesta.").format(folio=folio)):
            return
        comunes.ejecutar(self.vista, movimientos.marcar_enviado, self.sesion, pendiente.id, pendiente.version)
        self.vista.refrescar()

    def registrar_respuesta(self) -> None:
        pendiente = self.vista.pendiente
        if not self._puede("registrar_respuesta") or pendiente is None:
            return
        from app.vistas.inventario.movimientos import DialogoRespuesta

        self.abrir_dialogo(DialogoRespuesta(self.sesion, pendiente, parent=self.vista),
                           lambda _d: self.vista.refrescar())

    # --- Documentos ---------------------------------------------------------------------------

    def importar_excel(self) -> None:
        if not self._puede("importar_excel"):
            return
        from app.vistas.inventario.importar import accion_importar

        accion_importar(self)

    def exportar_excel(self) -> None:
        if not self._puede("exportar_excel"):
            return
        from app.vistas.inventario.excel import accion_exportar

        accion_exportar(self)

    def levantamiento(self) -> None:
        """Abre la ventana del levantamiento (independiente: se recorre con la laptop mientras tanto)."""
        if not self._puede("levantamiento"):
            return
        from app.vistas.levantamiento.levantamiento import VentanaLevantamiento

        ventana = getattr(self.vista, "ventana_levantamiento", None)
        if ventana is None:
            ventana = VentanaLevantamiento(self.sesion, parent=self.vista)
            ventana.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            ventana.destroyed.connect(lambda *_a: setattr(self.vista, "ventana_levantamiento", None))
            self.vista.ventana_levantamiento = ventana
        ventana.show()
        ventana.raise_()
        ventana.activateWindow()

    def etiquetas(self) -> None:
        if not self._puede("etiquetas"):
            return
        from app.vistas.inventario.documentos import accion_etiquetas

        accion_etiquetas(self)

    def imprimir_resguardo(self) -> None:
        if not self._puede("imprimir_resguardo"):
            return
        from app.vistas.inventario.documentos import accion_resguardo

        accion_resguardo(self)
