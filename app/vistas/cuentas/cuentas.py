"""Pestaña «Cuentas»: solicitudes y cuentas de correo institucional y de aplicaciones (procedimiento 9).

Tabla con filtros, detalle con historial, acciones con atajos y el estado de la cola de correo.
La cola se procesa cada minuto en un hilo de trabajo (:class:`ProcesadorCola`) para no congelar la ventana.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit,
                               QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import guardar_como
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import correo, permisos
from app.servicios.cuentas import cuentas, expedientes
from app.servicios.oficios import oficios
from app.vistas.comun import comunes
from app.vistas.comun.comunes import avisar, ayuda_plana, division_lista_detalle, etiqueta_plana, tr
from app.vistas.cuentas.dialogos import (DialogoColaCorreo, DialogoContrasena, DialogoCorreoSaliente,
                                         DialogoRestablecer, DialogoSolicitudCuenta)
from app.vistas.cuentas.cola import ProcesadorCola
from app.vistas.comun.tabla import Columna, TablaFiltrable
from app.vistas.tramites.tramites import ajustar_columnas, pedir_motivo

if TYPE_CHECKING:
    from app.modelos import Cuenta, Oficio, SolicitudCuenta, Usuario

COLORES = {cuentas.BLOQUEADA: QColor(176, 96, 0), cuentas.BAJA: QColor(128, 128, 128),
           cuentas.INCOMPLETA: QColor(179, 38, 30), cuentas.LISTA: QColor(21, 101, 192)}

COLUMNAS = [
    Columna("Tipo", lambda f: f["tipo_texto"], 120),
    Columna("Usuario o correo", lambda f: f["usuario"], 215),
    Columna("Nombre completo", lambda f: f["nombre_completo"], 170),
    Columna("Dependencia", lambda f: f["dependencia"], 150),
    Columna("Estado", lambda f: f["estado_texto"], 125),
    Columna("Fecha", lambda f: f["creado_en"].date() if f["creado_en"] else None, 80),
]
COLUMNA_ELASTICA = 3

ESTADOS_FILTRO = [("Todos", None)] + [(t, c) for c, t in cuentas.ESTADOS_CUENTA.items()] + [
    (cuentas.ESTADOS_SOLICITUD[cuentas.INCOMPLETA], cuentas.INCOMPLETA),
    (cuentas.ESTADOS_SOLICITUD[cuentas.LISTA], cuentas.LISTA),
    (cuentas.ESTADOS_SOLICITUD[cuentas.CANCELADA], cuentas.CANCELADA)]


def elegir_archivo_excel(padre: QWidget) -> str:
    """Diálogo para guardar el Excel ('' si el usuario desiste)."""
    ruta, _filtro = guardar_como(padre, tr("Exportar cuentas a Excel"), "cuentas.xlsx",
                                                tr("Libro de Excel (*.xlsx)"))
    if ruta and not ruta.lower().endswith(".xlsx"):
        ruta += ".xlsx"
    return ruta


class VistaCuentas(QWidget):
    """Solicitudes y cuentas: lista, detalle e historial, acciones y cola de correo."""

    TITULO = "Cuentas"
    procesada = Signal(object)

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.seleccion: Cuenta | SolicitudCuenta | None = None
        self.dialogo: Any = None
        self.cola = ProcesadorCola(self)
        self.cola.procesada.connect(self._cola_procesada)
        self.cola.iniciada.connect(self.actualizar_cola)

        # Barra superior: nueva solicitud, filtros, exportar y correo saliente.
        self.boton_nueva = self._boton(tr("Nueva solicitud…"), "Ctrl+N", self.nueva_solicitud)
        self.boton_nueva.setObjectName("principal")
        negrita = QFont(self.boton_nueva.font())
        negrita.setBold(True)
        self.boton_nueva.setMinimumWidth(QFontMetrics(negrita).horizontalAdvance(self.boton_nueva.text()) + 56)
        self.filtro_tipo = QComboBox(self)
        self.filtro_tipo.addItem(tr("Todos"), None)
        for clave, texto in cuentas.TIPOS.items():
            self.filtro_tipo.addItem(tr(texto), clave)
        self.filtro_estado = QComboBox(self)
        for texto, clave in ESTADOS_FILTRO:
            self.filtro_estado.addItem(tr(texto), clave)
        self.filtro_dependencia = QComboBox(self)
        self.filtro_dependencia.addItem(tr("Todas"), None)
        for dep in catalogos.dependencias():
            self.filtro_dependencia.addItem(dep.nombre, dep.id)
        for combo, letras in ((self.filtro_tipo, 12), (self.filtro_estado, 14), (self.filtro_dependencia, 18)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letras)
        for combo in (self.filtro_tipo, self.filtro_estado, self.filtro_dependencia):
            combo.currentIndexChanged.connect(lambda _i: self.refrescar())
        self.boton_excel = self._boton(tr("Exportar a Excel…"), "Ctrl+E", self.exportar)
        self.boton_smtp = self._boton(tr("Correo saliente…"), None, self.configurar_correo)

        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_nueva)
        arriba.addSpacing(10)
        for texto, combo in ((tr("&Tipo:"), self.filtro_tipo), (tr("E&stado:"), self.filtro_estado),
                             (tr("De&pendencia:"), self.filtro_dependencia)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(combo)
            arriba.addWidget(etiqueta)
            arriba.addWidget(combo)
            arriba.addSpacing(6)
        arriba.addStretch(1)
        arriba.addWidget(self.boton_excel)
        arriba.addWidget(self.boton_smtp)

        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por usuario, nombre, dependencia o correo alternativo…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(COLUMNA_ELASTICA, QHeaderView.ResizeMode.Stretch)
        ajustar_columnas(self.tabla, {4: "Solicitud incompleta", 5: "00/00/0000"})

        detalle = self._crear_detalle()
        divisor = division_lista_detalle(self, self.tabla, detalle, [880, 380])

        # Cola de correo.
        self.estado_cola = etiqueta_plana("", self)
        self.estado_cola.setWordWrap(False)
        # Un error largo del servidor no debe ensanchar la ventana: se corta y va completo en la ayuda.
        self.estado_cola.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.boton_reintentar = self._boton(tr("Reintentar ahora"), "Ctrl+Shift+R", self.reintentar_ahora)
        self.boton_ver_cola = self._boton(tr("Ver cola…"), None, self.ver_cola)
        # En una PC donde el correo aún no se configura no hay error que mostrar: se dice y se ofrece.
        self.boton_configurar_correo = self._boton(tr("Configurar correo…"), None, self.configurar_correo)
        self.boton_configurar_correo.hide()
        abajo = QHBoxLayout()
        abajo.addWidget(QLabel(tr("Cola de correo:"), self))
        abajo.addWidget(self.estado_cola, 1)
        abajo.addWidget(self.boton_configurar_correo)
        abajo.addWidget(self.boton_ver_cola)
        abajo.addWidget(self.boton_reintentar)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(divisor, 1)
        capa.addLayout(abajo)

        self.temporizador = self.cola.temporizador
        self.cola.iniciar()
        self._aplicar_permisos()
        self.refrescar()

    # --- Construcción -----------------------------------------------------------------------

    def _boton(self, texto: str, atajo: str | None, accion: Callable[[], None], padre: QWidget | None = None
               ) -> QPushButton:
        boton = QPushButton(texto, padre or self)
        boton.setAutoDefault(False)
        ayuda = texto.rstrip("…")
        if atajo:
            boton.setShortcut(QKeySequence(atajo))
            ayuda += f" ({QKeySequence(atajo).toString(QKeySequence.SequenceFormat.NativeText)})"
        boton.setToolTip(ayuda)
        boton.clicked.connect(lambda _c=False: accion())
        return boton

    def _crear_detalle(self) -> QWidget:
        panel = QFrame(self)
        panel.setObjectName("panel")
        panel.setMinimumWidth(340)
        capa = QVBoxLayout(panel)
        self.titulo = etiqueta_plana(tr("Seleccione una cuenta o solicitud"), panel)
        self.titulo.setObjectName("titulo")
        self.datos = etiqueta_plana("", panel)
        self.boton_crear = self._boton(tr("Crear cuenta…"), "Ctrl+Shift+C", self.crear_cuenta, panel)  # Ctrl+K: búsqueda global
        self.boton_crear.setObjectName("principal")
        self.boton_completar = self._boton(tr("Completar datos…"), None, self.completar_datos, panel)
        self.boton_faltantes = self._boton(tr("Solicitar datos faltantes"), None, self.solicitar_faltantes, panel)
        self.boton_restablecer = self._boton(tr("Restablecer en persona…"), "Ctrl+R", self.restablecer, panel)
        self.boton_bloquear = self._boton(tr("Bloquear…"), "Ctrl+B", self.bloquear, panel)
        self.boton_desbloquear = self._boton(tr("Desbloquear…"), None, self.desbloquear, panel)
        self.boton_baja = self._boton(tr("Dar de baja…"), "Ctrl+D", self.dar_de_baja, panel)
        self.boton_cancelar = self._boton(tr("Cancelar solicitud…"), None, self.cancelar_solicitud, panel)
        self.acciones = [self.boton_crear, self.boton_completar, self.boton_faltantes, self.boton_restablecer,
                         self.boton_bloquear, self.boton_desbloquear, self.boton_baja, self.boton_cancelar]
        fila1, fila2 = QHBoxLayout(), QHBoxLayout()
        for boton in self.acciones[:4]:
            fila1.addWidget(boton)
        for boton in self.acciones[4:]:
            fila2.addWidget(boton)
        fila1.addStretch(1)
        fila2.addStretch(1)
        self.historial = QPlainTextEdit(panel)
        self.historial.setReadOnly(True)
        self.historial.setPlaceholderText(tr("Sin movimientos"))
        capa.addWidget(self.titulo)
        capa.addWidget(self.datos)
        capa.addLayout(fila1)
        capa.addLayout(fila2)
        capa.addWidget(QLabel(tr("Historial:"), panel))
        capa.addWidget(self.historial, 1)
        return panel

    def _aplicar_permisos(self) -> None:
        self.boton_nueva.setEnabled(permisos.puede(self.sesion, permisos.REGISTRAR_OFICIO))
        self.boton_excel.setEnabled(permisos.puede(self.sesion, permisos.EXPORTAR))
        self.boton_smtp.setEnabled(permisos.puede(self.sesion, permisos.EDITAR_INSTITUCION))

    def _puede_soporte(self, permiso: str) -> bool:
        from app.errores import ErrorPermiso

        try:
            permisos.exigir(self.sesion, permiso)
            permisos.exigir_area(self.sesion, permisos.AREA_SOPORTE)
        except ErrorPermiso:
            return False
        return True

    # --- Lista y detalle --------------------------------------------------------------------

    def filtros(self) -> dict[str, Any]:
        return {"tipo": self.filtro_tipo.currentData(), "estado": self.filtro_estado.currentData(),
                "dependencia_id": self.filtro_dependencia.currentData(), "busqueda": self.tabla.busqueda.text()}

    def refrescar(self) -> None:
        filas = comunes.ejecutar(self, cuentas.consultar, **self.filtros())
        if filas is not None:
            self.tabla.cargar(filas, clave="clave", color=lambda f: COLORES.get(f["estado"]))
            self._mostrar(self.tabla.id_actual())
        self.actualizar_cola()

    def _mostrar(self, clave: str | None) -> None:
        self.seleccion = None
        if clave:
            obtener = cuentas.obtener_cuenta if clave.startswith("c") else cuentas.obtener_solicitud
            self.seleccion = comunes.ejecutar(self, obtener, int(clave[1:]))
        for boton in self.acciones:
            boton.setVisible(False)
        if self.seleccion is None:
            self.titulo.setText(tr("Seleccione una cuenta o solicitud"))
            self.datos.setText("")
            self.historial.setPlainText("")
            return
        if clave.startswith("c"):
            self._mostrar_cuenta(self.seleccion)
        else:
            self._mostrar_solicitud(self.seleccion)

    def _mostrar_cuenta(self, cuenta: Cuenta) -> None:
        self.titulo.setText(cuenta.direccion or f"{cuenta.nombre_usuario} · {cuenta.aplicacion}")
        lineas = [
            f"{tr('Tipo')}: {cuentas.TIPOS[cuenta.tipo]}" + (f" ({cuenta.aplicacion})" if cuenta.aplicacion else ""),
            f"{tr('Titular')}: {cuenta.nombre_completo}",
            f"{tr('Dependencia')}: {cuenta.dependencia.nombre if cuenta.dependencia_id else '—'}",
            f"{tr('Correo alternativo')}: {cuenta.correo_alternativo}",
            f"{tr('Estado')}: {cuentas.ESTADOS_CUENTA[cuenta.estado]}",
            f"{tr('Contraseña generada')}: {cuenta.contrasena_generada_en:%d/%m/%Y %H:%M}"
            if cuenta.contrasena_generada_en else "",
        ]
        if cuenta.motivo_estado:
            lineas.append(f"{tr('Motivo')}: {cuenta.motivo_estado}")
        self.datos.setText("\n".join(linea for linea in lineas if linea))
        historial = []
        for m in cuentas.historial(cuenta):
            texto = f"{m['momento']:%d/%m/%Y %H:%M}  {m['accion']} — {m['usuario'] or 'sistema'}\n    {m['detalle']}"
            if m["identificacion_tipo"]:
                texto += (f"\n    {tr('Identificación')}: {m['identificacion_tipo']} {m['identificacion_numero']}"
                          f" · {tr('identificó')}: {m['identifico'] or '—'}")
            historial.append(texto)
        self.historial.setPlainText("\n".join(historial))
        soporte = self._puede_soporte(permisos.AVANZAR_TRAMITE)
        jefatura = self._puede_soporte(permisos.EMITIR_OFICIO)
        self.boton_restablecer.setVisible(cuenta.estado == cuentas.ACTIVA)
        self.boton_restablecer.setEnabled(soporte)
        self.boton_bloquear.setVisible(cuenta.estado == cuentas.ACTIVA)
        self.boton_desbloquear.setVisible(cuenta.estado == cuentas.BLOQUEADA)
        self.boton_baja.setVisible(cuenta.estado != cuentas.BAJA)
        for boton in (self.boton_bloquear, self.boton_desbloquear, self.boton_baja):
            boton.setEnabled(jefatura)

    def _mostrar_solicitud(self, solicitud: SolicitudCuenta) -> None:
        self.titulo.setText(tr("Solicitud de ") + (cuentas.TIPOS[solicitud.tipo].lower() if solicitud.tipo ==
                                                   cuentas.CORREO else f"cuenta de {solicitud.aplicacion}"))
        oficio = solicitud.oficio
        lineas = [
            f"{tr('Oficio')}: {oficio.numero_oficio or tr('sin número')}" if oficio else "",
            f"{tr('Nombre')}: {solicitud.nombre_completo or '—'}",
            f"{tr('Dependencia')}: {solicitud.dependencia.nombre if solicitud.dependencia_id else '—'}",
            f"{tr('Correo alternativo')}: {solicitud.correo_alternativo or '—'}",
            f"{tr('Estado')}: {cuentas.ESTADOS_SOLICITUD[solicitud.estado]}",
            f"{tr('Trámite')}: {expedientes.texto_expediente(solicitud.expediente_id)}",
        ]
        if solicitud.faltantes:
            lineas.append(f"{tr('Faltan')}: {solicitud.faltantes}")
        if solicitud.oficio_faltantes_id:
            lineas.append(f"{tr('Solicitud de datos faltantes')}: {solicitud.oficio_faltantes.folio}")
        if solicitud.motivo_cancelacion:
            lineas.append(f"{tr('Motivo de cancelación')}: {solicitud.motivo_cancelacion}")
        self.datos.setText("\n".join(linea for linea in lineas if linea))
        self.historial.setPlainText(tr("Propuestas de nombre de usuario:") + "\n" + solicitud.dictamen_propuestas)
        abierta = solicitud.estado in (cuentas.INCOMPLETA, cuentas.LISTA)
        self.boton_crear.setVisible(solicitud.estado == cuentas.LISTA)
        self.boton_crear.setEnabled(self._puede_soporte(permisos.AVANZAR_TRAMITE))
        self.boton_completar.setVisible(abierta)
        self.boton_completar.setEnabled(permisos.puede(self.sesion, permisos.REGISTRAR_OFICIO))
        self.boton_faltantes.setVisible(solicitud.estado == cuentas.INCOMPLETA and not solicitud.oficio_faltantes_id)
        self.boton_faltantes.setEnabled(permisos.puede(self.sesion, permisos.EMITIR_OFICIO))
        self.boton_cancelar.setVisible(abierta)
        self.boton_cancelar.setEnabled(permisos.puede(self.sesion, permisos.CANCELAR_TRAMITE))

    def seleccionar(self, clave: str) -> None:
        fila = self.tabla.modelo.fila_de(clave)
        if fila < 0:
            for combo in (self.filtro_tipo, self.filtro_estado, self.filtro_dependencia):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.tabla.busqueda.blockSignals(True)
            self.tabla.busqueda.clear()
            self.tabla.busqueda.blockSignals(False)
            self.refrescar()
            fila = self.tabla.modelo.fila_de(clave)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self._mostrar(clave)

    # --- Acciones ---------------------------------------------------------------------------

    def nueva_solicitud(self, oficio: Oficio | None = None) -> None:
        self.dialogo = DialogoSolicitudCuenta(self.sesion, self, oficio=oficio)
        if self.dialogo.exec() and self.dialogo.resultado is not None:
            self._informar_solicitud(self.dialogo.resultado)

    # --- Expediente único (la ventana principal abre aquí los casos del procedimiento 9) ---------

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Selecciona la solicitud cuyo trámite es ``tramite_id`` (o la cuenta que salió de ella)."""
        solicitud = comunes.ejecutar(self, expedientes.por_expediente, tramite_id)
        if solicitud is None:
            return
        cuenta = solicitud.cuentas.first()
        self.seleccionar(f"c{cuenta.id}" if cuenta is not None else f"s{solicitud.id}")

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> None:
        """Un caso nuevo del procedimiento 9: la solicitud de cuenta con ese oficio recibido ya elegido."""
        del procedimiento
        if not self.boton_nueva.isEnabled():
            comunes.avisar(self, tr("Nueva solicitud de cuenta"), tr("Su cuenta no puede registrar solicitudes."))
            return
        oficio = comunes.ejecutar(self, oficios.obtener, oficio_id) if oficio_id else None
        self.nueva_solicitud(oficio)

    def completar_datos(self) -> None:
        solicitud = self.seleccion
        if solicitud is None or not hasattr(solicitud, "propuesta_1"):
            return
        self.dialogo = DialogoSolicitudCuenta(self.sesion, self, solicitud)
        if self.dialogo.exec() and self.dialogo.resultado is not None:
            self._informar_solicitud(self.dialogo.resultado)

    def _informar_solicitud(self, resultado: cuentas.ResultadoSolicitud) -> None:
        solicitud = resultado.solicitud
        self.seleccionar(f"s{solicitud.id}")
        if resultado.faltantes:
            texto = tr("Faltan datos en la solicitud:") + "\n• " + "\n• ".join(resultado.faltantes)
            if resultado.oficio_faltantes is not None:
                texto += "\n\n" + tr("Se emitió la solicitud de datos faltantes con folio ") \
                    + resultado.oficio_faltantes.folio + "."
            avisar(self, tr("Solicitud incompleta"), texto)
        else:
            avisar(self, tr("Solicitud completa"), tr("Propuesta elegida: ") + str(resultado.elegida) + "\n\n"
                   + cuentas.explicar_propuestas(resultado.propuestas))

    def solicitar_faltantes(self) -> None:
        if self.seleccion is None or not hasattr(self.seleccion, "propuesta_1"):
            return
        saliente = comunes.ejecutar(self, cuentas.solicitar_datos_faltantes, self.sesion, self.seleccion)
        if saliente is not None:
            self.seleccionar(f"s{self.seleccion.id}")
            avisar(self, tr("Solicitud de datos faltantes"), tr("Oficio emitido con folio ") + saliente.folio + ".")

    def cancelar_solicitud(self) -> None:
        solicitud = self.seleccion
        if solicitud is None or not hasattr(solicitud, "propuesta_1"):
            return
        motivo = pedir_motivo(self, tr("Cancelar solicitud"), tr("Motivo de la cancelación:"))
        if motivo is None:
            return
        if comunes.ejecutar(self, cuentas.cancelar_solicitud, self.sesion, solicitud, motivo,
                            version=solicitud.version) is not None:
            self.refrescar()

    def crear_cuenta(self) -> None:
        solicitud = self.seleccion
        if solicitud is None or not hasattr(solicitud, "propuesta_1") or solicitud.estado != cuentas.LISTA:
            return
        creada = comunes.ejecutar(self, cuentas.crear_cuenta, self.sesion, solicitud, version=solicitud.version)
        if creada is None:
            return
        self.seleccionar(f"c{creada.cuenta.id}")
        self._mostrar_contrasena(creada, tr("Se envió cifrada a la cola de correo para ")
                                 + creada.cuenta.correo_alternativo + ".")
        self.procesar_cola(True)

    def _mostrar_contrasena(self, creada: cuentas.CuentaCreada, explicacion: str) -> None:
        self.dialogo = DialogoContrasena(creada.cuenta, creada.contrasena, explicacion, self)
        creada.contrasena = ""
        self.dialogo.exec()
        self.dialogo.campo.clear()

    def restablecer(self) -> None:
        cuenta = self._cuenta()
        if cuenta is None:
            return
        self.dialogo = DialogoRestablecer(self.sesion, cuenta, self)
        if self.dialogo.exec() and self.dialogo.resultado is not None:
            creada = self.dialogo.resultado
            self.dialogo.resultado = None
            self.seleccionar(f"c{cuenta.id}")
            self._mostrar_contrasena(creada, tr("Entréguela en este momento al titular; no se envía por correo."))

    def _cuenta(self) -> Cuenta | None:
        return self.seleccion if self.seleccion is not None and hasattr(self.seleccion, "direccion") else None

    def _cambiar_estado(self, funcion, titulo: str, pregunta: str) -> None:
        cuenta = self._cuenta()
        if cuenta is None:
            return
        motivo = pedir_motivo(self, titulo, pregunta)
        if motivo is None:
            return
        if comunes.ejecutar(self, funcion, self.sesion, cuenta, motivo, version=cuenta.version) is not None:
            self.seleccionar(f"c{cuenta.id}")

    def bloquear(self) -> None:
        self._cambiar_estado(cuentas.bloquear, tr("Bloquear cuenta"), tr("Motivo del bloqueo (mal uso):"))

    def desbloquear(self) -> None:
        self._cambiar_estado(cuentas.desbloquear, tr("Desbloquear cuenta"), tr("Motivo del desbloqueo:"))

    def dar_de_baja(self) -> None:
        self._cambiar_estado(cuentas.dar_de_baja, tr("Dar de baja la cuenta"),
                             tr("Motivo de la baja (el registro se conserva):"))

    def exportar(self) -> None:
        ruta = elegir_archivo_excel(self)
        if not ruta:
            return
        total = comunes.ejecutar(self, cuentas.exportar_excel, self.sesion, ruta, **self.filtros())
        if total is not None:
            avisar(self, tr("Exportación lista"), f"{total:,} " + tr("filas exportadas a ") + ruta)

    def configurar_correo(self) -> None:
        self.dialogo = DialogoCorreoSaliente(self.sesion, self)
        self.dialogo.exec()
        self.actualizar_cola()

    # --- Cola de correo ---------------------------------------------------------------------

    def actualizar_cola(self) -> None:
        estado = comunes.ejecutar(self, correo.estado_cola)
        if estado is None:
            return
        partes = [f"{estado.pendientes} {tr('pendiente(s)')}", f"{estado.enviados} {tr('enviado(s)')}"]
        if estado.rechazados:
            partes.append(f"{estado.rechazados} {tr('rechazado(s)')}")
        if estado.pendientes and estado.proximo_intento:
            partes.append(f"{tr('próximo intento')} {estado.proximo_intento:%H:%M}")
        if not estado.configurado:
            partes.append(tr("correo no configurado: los mensajes esperan en la cola"))
        elif estado.ultimo_error:
            partes.append(f"{tr('último error')}: {estado.ultimo_error}")
        if self._procesando:
            partes.append(tr("enviando…"))
        self.estado_cola.setText(" · ".join(partes))
        self.estado_cola.setToolTip(ayuda_plana(" · ".join(partes)))
        # Rojo solo para un error de verdad (rechazos o un servidor que falla), no por falta de configuración.
        self.estado_cola.setStyleSheet("color: #b3261e;" if estado.rechazados or (
            estado.pendientes and estado.configurado and estado.ultimo_error) else "")
        self.boton_configurar_correo.setVisible(not estado.configurado)
        self.boton_configurar_correo.setEnabled(permisos.puede(self.sesion, permisos.EDITAR_INSTITUCION))

    @property
    def _procesando(self) -> bool:
        return self.cola.ocupado

    def procesar_cola(self, forzar: bool) -> bool:
        """Lanza una pasada por la cola en segundo plano (una a la vez); False si ya había una."""
        return self.cola.procesar(forzar)

    def ver_cola(self) -> None:
        self.dialogo = DialogoColaCorreo(self.sesion, self)
        self.dialogo.exec()
        self.actualizar_cola()

    def reintentar_ahora(self) -> None:
        self.procesar_cola(True)

    def _cola_procesada(self, resultado: Any) -> None:
        self.actualizar_cola()
        if isinstance(resultado, correo.ResumenCola) and resultado.enviados:
            self.refrescar()
        self.procesada.emit(resultado)

    def detener(self) -> None:
        """Para el temporizador y espera a que termine la pasada en curso (al cerrar)."""
        self.cola.detener()

    def closeEvent(self, evento) -> None:  # noqa: N802 - API de Qt
        self.detener()
        super().closeEvent(evento)
