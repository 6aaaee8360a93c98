"""Diálogos de la pestaña «Internet»: solicitud de desbloqueo, decisión y nueva versión de la política."""
from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QRadioButton, QWidget)

from app.errores import ErrorDTI, ErrorValidacion
from app.modelos import Usuario
from app.servicios.internet import politicas, solicitudes
from app.servicios.internet.sitios import normalizar_sitio
from app.servicios.nucleo.validacion import normalizar
from app.servicios.oficios import oficios
from app.tiempo import hoy_mexico
from app.vistas.comun.comunes import etiqueta_plana, marcar_errores, tr
from app.vistas.comun.fechas import fecha_de, qfecha
from app.vistas.comun.formulario import (SEPARADOR, armar_dialogo, botones_de_dialogo, etiqueta_errores,
                                       fila_con_atajo, texto_multilinea)

COLOR_BIEN = "#1e6b34"
COLOR_MAL = "#a01c1c"


def _formulario() -> QFormLayout:
    formulario = QFormLayout()
    formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return formulario


def _mostrar_error(dialogo, campos: dict, exc: ErrorDTI) -> None:
    if isinstance(exc, ErrorValidacion):
        marcar_errores(campos, exc.errores, dialogo.errores)
    else:
        marcar_errores({}, [("", exc.mensaje)], dialogo.errores)


class DialogoSolicitud(QDialog):
    """Actividad 3: se recibe el oficio del titular que pide desbloquear un sitio web."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, oficio_id: int | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.solicitud = None
        self.setWindowTitle(tr("Nueva solicitud de desbloqueo"))
        self.setMinimumWidth(620)
        self.oficio = QComboBox(self)
        self.oficio.addItem(tr("(elija el oficio recibido del titular)"), None)
        for fila in oficios.consultar(oficios.ENTRANTE, limite=300):
            if fila["estado"] == oficios.REGISTRADO and not fila.get("tramite_id"):
                procedencia = fila.get("procedencia") or fila.get("procedencia_texto") or ""
                self.oficio.addItem(SEPARADOR.join(p for p in (fila["numero_oficio"] or tr("(sin número)"),
                                                               procedencia, (fila["descripcion"] or "")[:50]) if p),
                                    fila["id"])
        if oficio_id is not None:
            self.oficio.setCurrentIndex(max(0, self.oficio.findData(oficio_id)))
        self.oficio.currentIndexChanged.connect(lambda _i: self._revisar_oficio())
        self.firmante = etiqueta_plana("", self)
        self.sitio = QLineEdit(self)
        self.sitio.setMaxLength(500)
        self.sitio.setPlaceholderText(tr("p. ej. https://www.facebook.com/AyuntamientoTexmelucan"))
        self.sitio.textChanged.connect(lambda _t: self._revisar_sitio())
        self.dominio = etiqueta_plana("", self)
        self.motivo = texto_multilinea(self, 70, tr("Para qué necesita la dependencia el acceso"))
        formulario = _formulario()
        formulario.addRow(tr("&Oficio:"), self.oficio)
        formulario.addRow("", self.firmante)
        formulario.addRow(tr("&Sitio web:"), self.sitio)
        formulario.addRow("", self.dominio)
        formulario.addRow(tr("&Motivo:"), self.motivo)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Registrar solicitud"))
        armar_dialogo(self, formulario, self.errores, caja)
        self._revisar_oficio()

    def _revisar_oficio(self) -> None:
        """Dice quién firma el oficio y si es el titular de su dependencia (política 2)."""
        identificador = self.oficio.currentData()
        if not identificador:
            self.firmante.setText(tr("La solicitud debe llegar por escrito, firmada por el titular."))
            self.firmante.setStyleSheet("")
            return
        oficio = oficios.obtener(identificador)
        titular = solicitudes.titular_de(oficio.procedencia) if oficio.procedencia_id else None
        firma = oficio.solicitante_nombre or tr("(sin firmante)")
        if titular is not None and normalizar(titular.nombre) == normalizar(firma):
            self.firmante.setText(tr("Firma {firma}, titular de {dep}.").format(firma=firma, dep=oficio.procedencia.nombre))
            self.firmante.setStyleSheet(f"color: {COLOR_BIEN};")
        else:
            esperado = titular.nombre if titular else tr("(sin titular en Catálogos)")
            self.firmante.setText(tr("Firma {firma}; el titular es {titular}.").format(firma=firma, titular=esperado))
            self.firmante.setStyleSheet(f"color: {COLOR_MAL};")

    def _revisar_sitio(self) -> None:
        texto = self.sitio.text()
        if not texto.strip():
            self.dominio.setText("")
            return
        try:
            self.dominio.setText(tr("Se liberaría el dominio: {d}").format(d=normalizar_sitio(texto)))
            self.dominio.setStyleSheet(f"color: {COLOR_BIEN};")
        except ErrorValidacion as exc:
            self.dominio.setText(exc.errores[0][1])
            self.dominio.setStyleSheet(f"color: {COLOR_MAL};")

    def guardar(self) -> None:
        identificador = self.oficio.currentData()
        try:
            self.solicitud = solicitudes.registrar_solicitud(
                self.sesion, oficio=oficios.obtener(identificador) if identificador else None,
                sitio=self.sitio.text(), motivo=self.motivo.toPlainText())
        except ErrorDTI as exc:
            _mostrar_error(self, {"oficio": self.oficio, "sitio": self.sitio, "motivo": self.motivo}, exc)
            return
        self.accept()


class DialogoDecision(QDialog):
    """Actividad 4: ¿la liberación infringe la política? La razón, y el oficio de respuesta (5 o 4.1)."""

    def __init__(self, sesion: Usuario, solicitud_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.solicitud = solicitudes.obtener(solicitud_id)
        self.setWindowTitle(tr("Decidir la solicitud de {sitio}").format(sitio=self.solicitud.sitio))
        self.setMinimumWidth(640)
        politica = politicas.vigente()
        self.politica = etiqueta_plana(tr("Política vigente: {p}").format(p=politicas.texto_version(politica)), self)
        self.si = QRadioButton(tr("&Sí, infringe: no se libera (oficio con el motivo)"), self)
        self.no = QRadioButton(tr("&No infringe: se libera en el firewall (oficio de liberación)"), self)
        grupo = QButtonGroup(self)
        grupo.addButton(self.si)
        grupo.addButton(self.no)
        self.no.setChecked(True)
        self.categoria = QComboBox(self)
        self.categoria.setEditable(True)
        self.categoria.addItem("")
        cerradas = set(politicas.sin_excepcion_de(politica))
        for categoria in politicas.categorias_de(politica):
            self.categoria.addItem(categoria + (tr(" (sin excepciones)") if categoria in cerradas else ""), categoria)
        self.razon = texto_multilinea(self, 70, tr("Por qué infringe o no la política; va en el oficio"))
        self.regla = texto_multilinea(self, 50, tr("Regla o política del firewall que libera el sitio"))
        self.vence = QDateEdit(self)
        self.vence.setCalendarPopup(True)
        self.vence.setDisplayFormat("dd/MM/yyyy")
        self.vence.setDate(qfecha(hoy_mexico()).addMonths(6))
        self.sin_vence = QCheckBox(tr("Sin vencimiento"), self)
        self.sin_vence.toggled.connect(lambda marcado: self.vence.setEnabled(not marcado))
        fila_vence = QHBoxLayout()
        fila_vence.addWidget(self.vence)
        fila_vence.addWidget(self.sin_vence)
        fila_vence.addStretch(1)
        formulario = _formulario()
        formulario.addRow("", self.politica)
        formulario.addRow(tr("Sitio:"), etiqueta_plana(
            f"{self.solicitud.sitio}{SEPARADOR}{self.solicitud.dependencia.nombre}", self))
        formulario.addRow(tr("¿Infringe?"), self.si)
        formulario.addRow("", self.no)
        formulario.addRow(tr("&Categoría:"), self.categoria)
        formulario.addRow(tr("&Razón:"), self.razon)
        formulario.addRow(tr("Re&gla del firewall:"), self.regla)
        fila_con_atajo(formulario, tr("&Vence:"), fila_vence, self.vence)
        self.si.toggled.connect(self._cambiar)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Decidir y emitir oficio"))
        armar_dialogo(self, formulario, self.errores, caja)
        self._cambiar(False)

    def _cambiar(self, infringe: bool) -> None:
        for control in (self.regla, self.vence, self.sin_vence):
            control.setEnabled(not infringe)
        if not infringe:
            self.vence.setEnabled(not self.sin_vence.isChecked())

    def _categoria(self) -> str:
        indice = self.categoria.currentIndex()
        dato = self.categoria.itemData(indice) if indice > 0 else None
        texto = self.categoria.currentText().strip()
        return dato if dato and self.categoria.itemText(indice) == texto else texto

    def guardar(self) -> None:
        infringe = self.si.isChecked()
        try:
            self.solicitud = solicitudes.decidir(
                self.sesion, self.solicitud, infringe=infringe, razon=self.razon.toPlainText(),
                categoria=self._categoria(), regla_firewall=self.regla.toPlainText(),
                vence=None if infringe or self.sin_vence.isChecked() else fecha_de(self.vence.date()),
                version=self.solicitud.version)
        except ErrorDTI as exc:
            _mostrar_error(self, {"categoria": self.categoria, "razon": self.razon, "regla_firewall": self.regla,
                                  "vence": self.vence}, exc)
            return
        self.accept()


class DialogoPolitica(QDialog):
    """Actividades 1 y 2: una versión nueva de la política de filtrado (la anterior queda en el historial)."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.politica = None
        self.setWindowTitle(tr("Nueva versión de la política de filtrado"))
        self.setMinimumWidth(600)
        actual = politicas.vigente()
        self.categorias = texto_multilinea(self, 120, tr("Una categoría bloqueada por línea"))
        self.categorias.setPlainText("\n".join(politicas.categorias_de(actual)))
        self.cerradas = texto_multilinea(self, 60, tr("De las anteriores, las que nunca se liberan"))
        self.cerradas.setPlainText("\n".join(politicas.sin_excepcion_de(actual)))
        self.firewall = QLineEdit(actual.firewall if actual else "", self)
        self.firewall.setMaxLength(200)
        self.firewall.setPlaceholderText(tr("Dispositivo donde se aplica (p. ej. FortiGate del site de Palacio)"))
        self.aplicada = QDateEdit(self)
        self.aplicada.setCalendarPopup(True)
        self.aplicada.setDisplayFormat("dd/MM/yyyy")
        self.aplicada.setDate(qfecha(hoy_mexico()))
        self.descripcion = texto_multilinea(self, 50, tr("Qué cambia en esta versión"))
        formulario = _formulario()
        if actual is not None:
            formulario.addRow("", etiqueta_plana(tr("Vigente: {p}").format(p=politicas.texto_version(actual)), self))
        formulario.addRow(tr("&Categorías bloqueadas:"), self.categorias)
        formulario.addRow(tr("&Sin excepciones:"), self.cerradas)
        formulario.addRow(tr("&Firewall:"), self.firewall)
        formulario.addRow(tr("&Aplicada el:"), self.aplicada)
        formulario.addRow(tr("&Cambios:"), self.descripcion)
        self.errores = etiqueta_errores(self)
        caja, self.boton_guardar = botones_de_dialogo(self, tr("Registrar versión"))
        armar_dialogo(self, formulario, self.errores, caja)

    def guardar(self) -> None:
        try:
            self.politica = politicas.nueva_version(
                self.sesion, categorias=self.categorias.toPlainText(), sin_excepcion=self.cerradas.toPlainText(),
                firewall=self.firewall.text(), aplicada_el=fecha_de(self.aplicada.date()),
                descripcion=self.descripcion.toPlainText())
        except ErrorDTI as exc:
            _mostrar_error(self, {"categorias": self.categorias, "sin_excepcion": self.cerradas,
                                  "firewall": self.firewall, "aplicada_el": self.aplicada}, exc)
            return
        self.accept()
