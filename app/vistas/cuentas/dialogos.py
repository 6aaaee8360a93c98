"""Diálogos de la pestaña Cuentas: solicitud, contraseña mostrada una vez, restablecer en persona y SMTP."""
from __future__ import annotations

from typing import Any, TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import correo
from app.servicios.cuentas import cuentas
from app.errores import ErrorDTI, ErrorValidacion
from app.tiempo import hoy_mexico
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.fuentes import fuente_fija

if TYPE_CHECKING:
    from app.modelos import Cuenta, Oficio, SolicitudCuenta, Usuario

HOJA_ERRORES = ('QLineEdit[error="true"], QComboBox[error="true"], QSpinBox[error="true"] '
                '{ border: 2px solid #c0392b; }')
COLOR_ERROR = "color: #b3261e;"


class _ConErrores(QDialog):
    """Diálogo con formulario cuyos campos se marcan en rojo cuando el servicio los rechaza."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setStyleSheet(HOJA_ERRORES)
        self.campos: dict[str, QWidget] = {}
        self.errores = etiqueta_plana("", self)
        self.errores.setStyleSheet(COLOR_ERROR)
        self.errores.hide()

    def _limpiar(self) -> None:
        for widget in self.campos.values():
            if widget.property("error"):
                marcar_campo(widget, False)
        self.errores.hide()

    def _intentar(self, funcion, *args, **kwargs) -> Any:
        """Llama al servicio; si rechaza datos, marca los campos y devuelve None (lo capturado se queda)."""
        self._limpiar()
        try:
            return funcion(*args, **kwargs)
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
            return None
        except ErrorDTI as exc:
            comunes.avisar(self, tr("No se pudo completar"), exc.mensaje, QMessageBox.Icon.Warning)
        except Exception as exc:  # noqa: BLE001 - la GUI nunca se cierra por un error
            comunes.avisar(self, tr("Error inesperado"), tr("Ocurrió un error inesperado; no se guardó nada.")
                           + f"\n\n{type(exc).__name__}: {exc}", QMessageBox.Icon.Critical)
        return None


def _linea(padre: QWidget, maximo: int, marcador: str = "") -> QLineEdit:
    campo = QLineEdit(padre)
    campo.setMaxLength(maximo)
    campo.setPlaceholderText(marcador)
    return campo


# --- Solicitud de cuenta ------------------------------------------------------------------

class DialogoSolicitudCuenta(_ConErrores):
    """Captura el oficio de solicitud (o completa una solicitud incompleta con la respuesta)."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None,
                 solicitud: SolicitudCuenta | None = None, oficio: Oficio | None = None) -> None:
        """``oficio``: el oficio recibido ya registrado que pide la cuenta (expediente único)."""
        super().__init__(parent)
        self.sesion = sesion
        self.solicitud = solicitud
        self.oficio = oficio
        self.resultado: cuentas.ResultadoSolicitud | None = None
        completar = solicitud is not None
        self.setWindowTitle(tr("Completar datos de la solicitud") if completar else tr("Nueva solicitud de cuenta"))
        self.setMinimumWidth(620)

        self.tipo = QComboBox(self)
        for clave, texto in cuentas.TIPOS.items():
            self.tipo.addItem(tr(texto), clave)
        self.aplicacion = QComboBox(self)
        self.aplicacion.setEditable(True)
        self.aplicacion.addItems(cuentas.aplicaciones())
        self.aplicacion.setCurrentText("")
        self.aplicacion.lineEdit().setMaxLength(120)
        self.aplicacion.lineEdit().setPlaceholderText(tr("Nombre de la aplicación municipal"))
        self.numero_oficio = _linea(self, 100, tr("p. ej. TM/0415/2026"))
        self.fecha = QDateEdit(self)
        self.fecha.setCalendarPopup(True)
        self.fecha.setDisplayFormat("dd/MM/yyyy")
        hoy = hoy_mexico()
        self.fecha.setDate(QDate(hoy.year, hoy.month, hoy.day))
        self.solicitante = _linea(self, 200, tr("Titular de la dependencia que firma el oficio"))
        self.cargo = _linea(self, 200)
        self.firmado = QCheckBox(tr("El oficio viene firmado"), self)
        self.firmado.setChecked(True)

        self.nombre = _linea(self, 200, tr("Nombre completo del servidor público"))
        self.dependencia = QComboBox(self)
        self.dependencia.addItem(tr("(No viene en el oficio)"), None)
        self._dependencias = {d.id: d for d in catalogos.dependencias()}
        for dep in self._dependencias.values():
            self.dependencia.addItem(dep.nombre, dep.id)
        self.correo_alternativo = _linea(self, 254, tr("correo personal donde recibirá la contraseña"))
        self.propuesta_1 = _linea(self, 60, tr("p. ej. lucia.mendez"))
        self.propuesta_2 = _linea(self, 60, tr("p. ej. lmendez"))
        self.dictamen = etiqueta_plana("", self)

        oficio = QGroupBox(tr("Oficio recibido"), self)
        forma_oficio = QFormLayout(oficio)
        forma_oficio.addRow(tr("&Tipo de cuenta:"), self.tipo)
        forma_oficio.addRow(tr("&Aplicación:"), self.aplicacion)
        forma_oficio.addRow(tr("&Número de oficio:"), self.numero_oficio)
        forma_oficio.addRow(tr("&Fecha del oficio:"), self.fecha)
        forma_oficio.addRow(tr("&Solicitante:"), self.solicitante)
        forma_oficio.addRow(tr("&Cargo:"), self.cargo)
        forma_oficio.addRow("", self.firmado)
        datos = QGroupBox(tr("Datos que exige el procedimiento 9"), self)
        forma = QFormLayout(datos)
        forma.addRow(tr("Nombre co&mpleto:"), self.nombre)
        forma.addRow(tr("&Dependencia:"), self.dependencia)
        forma.addRow(tr("Correo a&lternativo:"), self.correo_alternativo)
        forma.addRow(tr("Propuesta &1:"), self.propuesta_1)
        forma.addRow(tr("Propuesta &2:"), self.propuesta_2)
        forma.addRow("", self.dictamen)

        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Guardar") if completar else tr("Registrar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.aceptar)
        botones.rejected.connect(self.reject)
        self.boton_revisar = QPushButton(tr("Revisar propuestas"), self)
        self.boton_revisar.setAutoDefault(False)
        self.boton_revisar.clicked.connect(self.revisar_propuestas)
        abajo = QHBoxLayout()
        abajo.addWidget(self.boton_revisar)
        abajo.addStretch(1)
        abajo.addWidget(botones)

        if self.oficio is not None:
            self._mostrar_oficio(self.oficio)
        capa = QVBoxLayout(self)
        if not completar:
            capa.addWidget(oficio)
        else:
            oficio.hide()
        capa.addWidget(datos)
        capa.addWidget(self.errores)
        capa.addLayout(abajo)

        self.campos = {"tipo": self.tipo, "aplicacion": self.aplicacion, "numero_oficio": self.numero_oficio,
                       "fecha_documento": self.fecha, "solicitante_nombre": self.solicitante,
                       "nombre_completo": self.nombre, "dependencia": self.dependencia,
                       "correo_alternativo": self.correo_alternativo, "propuestas": self.propuesta_1,
                       "nombre_usuario": self.propuesta_1}
        self.tipo.currentIndexChanged.connect(self._al_cambiar_tipo)
        if solicitud is not None:
            self._llenar(solicitud)
        self._al_cambiar_tipo()

    def _llenar(self, solicitud: SolicitudCuenta) -> None:
        self.tipo.setCurrentIndex(max(self.tipo.findData(solicitud.tipo), 0))
        self.tipo.setEnabled(False)
        self.aplicacion.setCurrentText(solicitud.aplicacion)
        self.nombre.setText(solicitud.nombre_completo)
        indice = self.dependencia.findData(solicitud.dependencia_id)
        self.dependencia.setCurrentIndex(max(indice, 0))
        self.correo_alternativo.setText(solicitud.correo_alternativo)
        self.propuesta_1.setText(solicitud.propuesta_1)
        self.propuesta_2.setText(solicitud.propuesta_2)
        self.dictamen.setText(solicitud.dictamen_propuestas)

    def _al_cambiar_tipo(self) -> None:
        self.aplicacion.setEnabled(self.tipo.currentData() == cuentas.APLICACION and self.solicitud is None)

    def revisar_propuestas(self) -> None:
        """Muestra, antes de guardar, si cada propuesta sirve y por qué."""
        revision = cuentas.verificar_propuestas(self.tipo.currentData(), self.aplicacion.currentText(),
                                                [self.propuesta_1.text(), self.propuesta_2.text()])
        self.dictamen.setText(cuentas.explicar_propuestas(revision))

    def _mostrar_oficio(self, oficio: Oficio) -> None:
        """El oficio ya está registrado: sus datos se muestran sin poder cambiarse."""
        self.numero_oficio.setText(oficio.numero_oficio or "")
        if oficio.fecha_documento:
            f = oficio.fecha_documento
            self.fecha.setDate(QDate(f.year, f.month, f.day))
        self.solicitante.setText(oficio.solicitante_nombre or "")
        self.cargo.setText(oficio.solicitante_cargo or "")
        self.firmado.setChecked(bool(oficio.firmado))
        for control in (self.numero_oficio, self.fecha, self.solicitante, self.cargo, self.firmado):
            control.setEnabled(False)
        if oficio.procedencia_id:
            self.dependencia.setCurrentIndex(max(0, self.dependencia.findData(oficio.procedencia_id)))

    def aceptar(self) -> None:
        dependencia = self._dependencias.get(self.dependencia.currentData())
        datos = dict(nombre_completo=self.nombre.text(), dependencia=dependencia,
                     correo_alternativo=self.correo_alternativo.text(), propuesta_1=self.propuesta_1.text(),
                     propuesta_2=self.propuesta_2.text())
        if self.solicitud is not None:
            resultado = self._intentar(cuentas.completar_solicitud, self.sesion, self.solicitud,
                                       version=self.solicitud.version, **datos)
        elif self.oficio is not None:
            resultado = self._intentar(cuentas.registrar_solicitud, self.sesion, tipo=self.tipo.currentData(),
                                       aplicacion=self.aplicacion.currentText(), oficio=self.oficio, **datos)
        else:
            fecha = self.fecha.date()
            resultado = self._intentar(
                cuentas.registrar_solicitud, self.sesion, tipo=self.tipo.currentData(),
                aplicacion=self.aplicacion.currentText(), numero_oficio=self.numero_oficio.text(),
                fecha_oficio=fecha.toPython() if fecha.isValid() else None,
                solicitante_nombre=self.solicitante.text(), solicitante_cargo=self.cargo.text(),
                firmado=self.firmado.isChecked(), **datos)
        if resultado is not None:
            self.resultado = resultado
            self.accept()


# --- Contraseña mostrada una sola vez -----------------------------------------------------

class DialogoContrasena(QDialog):
    """Muestra la contraseña generada una sola vez, con botón para copiarla. Al cerrar se olvida."""

    def __init__(self, cuenta: Cuenta, contrasena: str, explicacion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Contraseña de la cuenta"))
        self.setMinimumWidth(520)
        usuario = cuenta.direccion or f"{cuenta.nombre_usuario} ({cuenta.aplicacion})"
        self.cuenta = etiqueta_plana(f"{tr('Cuenta')}: {usuario}\n{tr('Titular')}: {cuenta.nombre_completo}", self)
        self.campo = QLineEdit(self)
        self.campo.setReadOnly(True)
        self.campo.setText(contrasena)
        fuente = fuente_fija(14)
        self.campo.setFont(fuente)
        self.campo.setMinimumWidth(self.campo.fontMetrics().horizontalAdvance("W" * (len(contrasena) + 2)))
        self.boton_copiar = QPushButton(tr("&Copiar"), self)
        self.boton_copiar.clicked.connect(self.copiar)
        self.aviso = etiqueta_plana(
            explicacion + "\n" + tr("Esta contraseña no se guarda en ningún lado y no se volverá a mostrar."), self)
        self.aviso.setStyleSheet("color: #8a5a00;")
        cerrar = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        cerrar.button(QDialogButtonBox.StandardButton.Close).setText(tr("Cerrar"))
        cerrar.rejected.connect(self.reject)
        fila = QHBoxLayout()
        fila.addWidget(self.campo, 1)
        fila.addWidget(self.boton_copiar)
        capa = QVBoxLayout(self)
        capa.addWidget(self.cuenta)
        capa.addLayout(fila)
        capa.addWidget(self.aviso)
        capa.addWidget(cerrar)
        self.finished.connect(self._olvidar)

    def copiar(self) -> None:
        QGuiApplication.clipboard().setText(self.campo.text())
        self.boton_copiar.setText(tr("Copiada"))

    def _olvidar(self, _resultado: int = 0) -> None:
        self.campo.clear()


# --- Restablecer en persona ---------------------------------------------------------------

class DialogoRestablecer(_ConErrores):
    """Pérdida de contraseña: el titular está en la oficina de la DTI y se identifica."""

    def __init__(self, sesion: Usuario, cuenta: Cuenta, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.cuenta = cuenta
        self.resultado: cuentas.CuentaCreada | None = None
        self.setWindowTitle(tr("Restablecer contraseña en persona"))
        self.setMinimumWidth(560)
        explicacion = etiqueta_plana(tr(
            "Solo el titular de la cuenta, presente en la oficina de la DTI y con identificación oficial, "
            "puede restablecer su contraseña. Titular: ") + cuenta.nombre_completo, self)
        self.persona = _linea(self, 200, tr("Nombre de quien se presenta, como en su identificación"))
        self.identificacion = QComboBox(self)
        self.identificacion.setEditable(True)
        self.identificacion.addItems(list(cuentas.IDENTIFICACIONES))
        self.numero = _linea(self, 60, tr("Número o folio de la identificación"))
        self.identifico = QComboBox(self)
        for cuenta_dti in usuarios.listar():
            if cuenta_dti.activo and cuenta_dti.hash_contrasena:
                self.identifico.addItem(cuenta_dti.nombre, cuenta_dti.id)
        self._usuarios = {u.id: u for u in usuarios.listar()}
        self.identifico.setCurrentIndex(max(self.identifico.findData(sesion.id), 0))
        forma = QFormLayout()
        forma.addRow(tr("&Persona presente:"), self.persona)
        forma.addRow(tr("&Identificación:"), self.identificacion)
        forma.addRow(tr("&Número:"), self.numero)
        forma.addRow(tr("Identificó (&DTI):"), self.identifico)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Generar contraseña nueva"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.aceptar)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addWidget(explicacion)
        capa.addLayout(forma)
        capa.addWidget(self.errores)
        capa.addWidget(botones)
        self.campos = {"persona_presente": self.persona, "identificacion_tipo": self.identificacion,
                       "identificacion_numero": self.numero}

    def aceptar(self) -> None:
        resultado = self._intentar(
            cuentas.restablecer_en_persona, self.sesion, self.cuenta, persona_presente=self.persona.text(),
            identificacion_tipo=self.identificacion.currentText(), identificacion_numero=self.numero.text(),
            identifico=self._usuarios.get(self.identifico.currentData()), version=self.cuenta.version)
        if resultado is not None:
            self.resultado = resultado
            self.accept()


# --- Configuración SMTP -------------------------------------------------------------------

class DialogoCorreoSaliente(_ConErrores):
    """Servidor SMTP: host, puerto, seguridad, usuario, contraseña (cifrada), remitente y dominio."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.setWindowTitle(tr("Correo saliente (SMTP)"))
        self.setMinimumWidth(560)
        actual = correo.configuracion()
        self.version = actual.version
        self.host = _linea(self, 200, tr("p. ej. smtp.texmelucan.gob.mx"))
        self.host.setText(actual.host)
        self.puerto = QSpinBox(self)
        self.puerto.setRange(1, 65535)
        self.puerto.setValue(actual.puerto)
        self.seguridad = QComboBox(self)
        for clave, texto in correo.SEGURIDADES.items():
            self.seguridad.addItem(tr(texto), clave)
        self.seguridad.setCurrentIndex(max(self.seguridad.findData(actual.seguridad), 0))
        self.usuario = _linea(self, 200, tr("vacío si el servidor no pide usuario"))
        self.usuario.setText(actual.usuario)
        self.contrasena = _linea(self, 500)
        self.contrasena.setEchoMode(QLineEdit.EchoMode.Password)
        self.contrasena.setPlaceholderText(tr("(guardada; escriba solo para cambiarla)") if actual.tiene_contrasena
                                           else tr("sin contraseña"))
        self.quitar = QCheckBox(tr("Quitar la contraseña guardada"), self)
        self.quitar.setVisible(actual.tiene_contrasena)
        self.remitente = _linea(self, 254, tr("p. ej. dti@texmelucan.gob.mx"))
        self.remitente.setText(actual.remitente)
        self.dominio = _linea(self, 200)
        self.dominio.setText(actual.dominio)
        self.destino_prueba = _linea(self, 254, tr("correo al que se envía la prueba"))
        self.boton_prueba = QPushButton(tr("Guardar y enviar &prueba"), self)
        self.boton_prueba.setAutoDefault(False)
        self.boton_prueba.clicked.connect(self.probar)
        self.resultado_prueba = etiqueta_plana("", self)
        forma = QFormLayout()
        forma.addRow(tr("&Servidor:"), self.host)
        forma.addRow(tr("P&uerto:"), self.puerto)
        forma.addRow(tr("S&eguridad:"), self.seguridad)
        forma.addRow(tr("&Usuario:"), self.usuario)
        forma.addRow(tr("&Contraseña:"), self.contrasena)
        forma.addRow("", self.quitar)
        forma.addRow(tr("&Remitente:"), self.remitente)
        forma.addRow(tr("&Dominio institucional:"), self.dominio)
        prueba = QHBoxLayout()
        prueba.addWidget(self.destino_prueba, 1)
        prueba.addWidget(self.boton_prueba)
        forma.addRow(tr("Prueba a:"), prueba)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Save).setText(tr("Guardar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancelar"))
        botones.accepted.connect(self.aceptar)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(forma)
        capa.addWidget(self.resultado_prueba)
        capa.addWidget(self.errores)
        capa.addWidget(botones)
        self.campos = {"host": self.host, "puerto": self.puerto, "seguridad": self.seguridad,
                       "usuario": self.usuario, "contrasena": self.contrasena, "remitente": self.remitente,
                       "dominio": self.dominio, "destinatario": self.destino_prueba}
        self.seguridad.currentIndexChanged.connect(self._puerto_sugerido)

    def _puerto_sugerido(self) -> None:
        sugeridos = {correo.NINGUNA: 25, correo.STARTTLS: 587, correo.SSL: 465}
        if self.puerto.value() in sugeridos.values():
            self.puerto.setValue(sugeridos[self.seguridad.currentData()])

    def guardar(self) -> bool:
        contrasena: str | None = self.contrasena.text() or None
        if self.quitar.isChecked():
            contrasena = ""
        datos = self._intentar(correo.guardar_configuracion, self.sesion, host=self.host.text(),
                               puerto=self.puerto.value(), seguridad=self.seguridad.currentData(),
                               usuario=self.usuario.text(), contrasena=contrasena, remitente=self.remitente.text(),
                               dominio=self.dominio.text(), version=self.version)
        if datos is None:
            return False
        self.version = datos.version
        self.contrasena.clear()
        return True

    def aceptar(self) -> None:
        if self.guardar():
            self.accept()

    def probar(self) -> None:
        if not self.guardar():
            return
        resultado = self._intentar(correo.probar, self.sesion, self.destino_prueba.text())
        if resultado is None:
            return
        mensaje, resumen = resultado
        if mensaje.estado == correo.ENVIADO:
            self.resultado_prueba.setText(tr("Prueba enviada a ") + mensaje.destinatario + ".")
            self.resultado_prueba.setStyleSheet("color: #1e6b2f;")
        else:
            detalle = resumen.errores[-1] if resumen.errores else mensaje.ultimo_error
            self.resultado_prueba.setText(tr("No se pudo enviar (queda en la cola): ") + detalle)
            self.resultado_prueba.setStyleSheet(COLOR_ERROR)



# --- Cola de correo -----------------------------------------------------------------------

class DialogoColaCorreo(QDialog):
    """Los últimos mensajes de la cola (sin su cuerpo) y volver a encolar uno rechazado."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        from app.vistas.comun.tabla import Columna, TablaFiltrable
        from app.vistas.tramites.tramites import ajustar_columnas

        super().__init__(parent)
        self.sesion = sesion
        self.setWindowTitle(tr("Cola de correo"))
        self.resize(1120, 440)
        self.tabla = TablaFiltrable([
            Columna(tr("Destinatario"), lambda f: f["destinatario"], 210),
            Columna(tr("Asunto"), lambda f: f["asunto"], 220),
            Columna(tr("Estado"), lambda f: correo.ESTADOS.get(f["estado"], f["estado"]), 90),
            Columna(tr("Intentos"), lambda f: f["intentos"], 60, derecha=True),
            Columna(tr("Creado"), lambda f: f["creado_en"], 120),
            Columna(tr("Envío o turno"), lambda f: f["enviado_en"] or f["proximo_intento"], 150),
            Columna(tr("Último error"), lambda f: f["ultimo_error"], 160),
        ], tr("Filtrar por destinatario o asunto…"), self)
        ajustar_columnas(self.tabla, {2: "Rechazado", 3: "Intentos", 4: "00/00/0000 00:00", 5: "00/00/0000 00:00"})
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(lambda _id: self._habilitar())
        self.boton_reencolar = QPushButton(tr("Volver a encolar"), self)
        self.boton_reencolar.setAutoDefault(False)
        self.boton_reencolar.clicked.connect(self.reencolar)
        cerrar = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        cerrar.button(QDialogButtonBox.StandardButton.Close).setText(tr("Cerrar"))
        cerrar.rejected.connect(self.reject)
        abajo = QHBoxLayout()
        abajo.addWidget(self.boton_reencolar)
        abajo.addStretch(1)
        abajo.addWidget(cerrar)
        capa = QVBoxLayout(self)
        capa.addWidget(self.tabla, 1)
        capa.addLayout(abajo)
        self._filas: dict[int, dict] = {}
        self.refrescar()

    def refrescar(self) -> None:
        from app.servicios.nucleo.validacion import normalizar

        filtro = normalizar(self.tabla.busqueda.text())
        filas = [f for f in correo.mensajes(limite=1000)
                 if not filtro or filtro in normalizar(f"{f['destinatario']} {f['asunto']}")]
        self._filas = {f["id"]: f for f in filas}
        self.tabla.cargar(filas)
        self._habilitar()

    def _habilitar(self) -> None:
        fila = self._filas.get(self.tabla.id_actual())
        self.boton_reencolar.setEnabled(fila is not None and fila["estado"] == correo.RECHAZADO)

    def reencolar(self) -> None:
        identificador = self.tabla.id_actual()
        if identificador is not None and comunes.ejecutar(self, correo.reencolar_rechazado, self.sesion,
                                                          identificador) is not None:
            self.refrescar()
