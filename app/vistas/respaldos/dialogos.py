"""Diálogos de la pestaña «Respaldos»: plan, respaldo realizado, recuperación y entrega con acuse."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QComboBox, QDateEdit, QDateTimeEdit, QDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QSpinBox, QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.errores import ErrorDTI, ErrorValidacion
from app.modelos import Dependencia, Oficio, ServidorPublico, Usuario
from app.modelos.respaldos import CADA_N_DIAS, PERIODICIDADES, RESULTADOS, EjecucionRespaldo
from app.servicios.catalogos import catalogos
from app.servicios.oficios import oficios
from app.servicios.respaldos import entregas, planes, recuperaciones
from app.tiempo import ahora_mexico, hoy_mexico
from app.vistas.comun.archivos import carpeta_documentos
from app.vistas.comun.campos import combo_buscable, dato_de_combo
from app.vistas.comun.comunes import etiqueta_plana, marcar_errores, tr
from app.vistas.comun.fechas import fecha_de, fecha_hora_de, qfecha, qfecha_hora
from app.vistas.comun.formulario import armar_dialogo, botones_de_dialogo, etiqueta_errores, texto_multilinea
from app.vistas.comun.progreso import con_progreso

def _combo_oficios(padre: QWidget, elegido: int | None = None) -> QComboBox:
    """Los oficios recibidos que todavía pueden abrir un caso."""
    combo = combo_buscable(padre, tr("(elija el oficio recibido del titular)"))
    for fila in oficios.consultar(tipo="entrante", limite=300):
        if fila["estado"] in ("cancelado", "archivado", "descartado"):
            continue
        texto = f"{fila['numero_oficio'] or 'sin número'} · {fila['procedencia'] or fila['procedencia_texto'] or ''}"
        combo.addItem(f"{texto} · {(fila['descripcion'] or '')[:70]}", fila["id"])
    if elegido is not None:
        combo.setCurrentIndex(max(0, combo.findData(elegido)))
    return combo


def _combo_servidores(padre: QWidget, vacio: str) -> QComboBox:
    combo = combo_buscable(padre, vacio)
    for servidor in catalogos.servidores():
        dependencia = servidor.dependencia.nombre if servidor.dependencia_id else ""
        combo.addItem(f"{servidor.nombre} · {servidor.cargo} · {dependencia}".strip(" ·"), servidor.id)
    return combo


def _obtener(modelo, identificador: Any):
    return modelo.get_or_none(modelo.id == identificador) if identificador else None


class _Dialogo(QDialog):
    """Formulario con etiqueta de errores y botones; ``guardar`` llama a ``_guardar`` y marca los errores."""

    def __init__(self, sesion: Usuario, titulo: str, boton: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.resultado: Any = None
        self.setWindowTitle(titulo)
        self.setMinimumWidth(600)
        self.formulario = QFormLayout()
        self.campos: dict[str, QWidget] = {}
        self.errores = etiqueta_errores(self)
        self._caja, self.boton_guardar = botones_de_dialogo(self, boton)

    def _armar(self) -> None:
        armar_dialogo(self, self.formulario, self.errores, self._caja)

    def _fila(self, clave: str, etiqueta: str, widget: QWidget) -> QWidget:
        self.campos[clave] = widget
        self.formulario.addRow(etiqueta, widget)
        return widget

    def guardar(self) -> None:
        try:
            self.resultado = self._guardar()
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores(self.campos, [("", exc.mensaje)], self.errores)
            return
        if self.resultado is not None:
            self.accept()

    def _guardar(self) -> Any:  # pragma: no cover - cada diálogo lo define
        raise NotImplementedError


class DialogoPlan(_Dialogo):
    """Nuevo plan de respaldo: dependencia, información, propietario, periodicidad que propuso y su oficio."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, oficio_id: int | None = None) -> None:
        super().__init__(sesion, tr("Nuevo plan de respaldo"), tr("Registrar plan"), parent)
        self.oficio = self._fila("oficio", tr("&Oficio de solicitud:"), _combo_oficios(self, oficio_id))
        self.dependencia = self._fila("dependencia", tr("&Dependencia:"), combo_buscable(self, tr("(la del oficio)")))
        for dependencia in catalogos.dependencias():
            self.dependencia.addItem(dependencia.nombre, dependencia.id)
        self.informacion = self._fila("informacion", tr("&Información o sistema:"), QLineEdit(self))
        self.informacion.setPlaceholderText(tr("Base de datos del padrón catastral, actas digitalizadas…"))
        self.sistema = self._fila("sistema", tr("&Sistema o equipo:"), QLineEdit(self))
        self.propietario = self._fila("propietario", tr("&Propietario de la información:"),
                                      _combo_servidores(self, tr("(titular que propone la periodicidad)")))
        self.periodicidad = QComboBox(self)
        for clave, texto in PERIODICIDADES.items():
            self.periodicidad.addItem(tr(texto), clave)
        self.cada_dias = QSpinBox(self)
        self.cada_dias.setRange(1, 3660)
        self.cada_dias.setValue(10)
        self.cada_dias.setSuffix(tr(" días"))
        self.cada_dias.setEnabled(False)
        self.periodicidad.currentIndexChanged.connect(
            lambda _i: self.cada_dias.setEnabled(self.periodicidad.currentData() == CADA_N_DIAS))
        fila = QHBoxLayout()
        fila.addWidget(self.periodicidad)
        fila.addWidget(self.cada_dias)
        fila.addStretch(1)
        self.campos["periodicidad"], self.campos["cada_dias"] = self.periodicidad, self.cada_dias
        self.formulario.addRow(tr("Peri&odicidad:"), fila)
        self.inicio = QDateEdit(self)
        self.inicio.setCalendarPopup(True)
        self.inicio.setDisplayFormat("dd/MM/yyyy")
        self.inicio.setDate(qfecha(hoy_mexico()))
        self._fila("inicio", tr("Primer res&paldo:"), self.inicio)
        self.medio = self._fila("medio", tr("&Medio:"), QLineEdit(self))
        self.medio.setPlaceholderText(tr("NAS de la DTI, disco externo, nube institucional…"))
        self.ubicacion = self._fila("ubicacion", tr("&Ubicación:"), QLineEdit(self))
        self.notas = self._fila("notas", tr("No&tas:"), texto_multilinea(self, 50))
        self._armar()

    def _guardar(self):
        oficio = _obtener(Oficio, dato_de_combo(self.oficio))
        return planes.registrar_plan(
            self.sesion, dependencia=_obtener(Dependencia, dato_de_combo(self.dependencia)), oficio=oficio,
            informacion=self.informacion.text(), sistema=self.sistema.text(),
            propietario=_obtener(ServidorPublico, dato_de_combo(self.propietario)),
            periodicidad=self.periodicidad.currentData(), cada_dias=self.cada_dias.value(),
            inicio=fecha_de(self.inicio.date()), medio=self.medio.text(), ubicacion=self.ubicacion.text(),
            notas=self.notas.toPlainText())


class DialogoEjecucion(_Dialogo):
    """Anotar un respaldo hecho: fecha, medio, ubicación, resultado, tamaño y SHA-256 (del archivo o capturado)."""

    def __init__(self, sesion: Usuario, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(sesion, tr("Registrar respaldo realizado"), tr("Registrar respaldo"), parent)
        self.plan = planes.obtener_plan(plan_id)
        self.formulario.addRow(tr("Plan:"), etiqueta_plana(f"{self.plan.folio} · {self.plan.informacion}", self))
        self.momento = QDateTimeEdit(self)
        self.momento.setCalendarPopup(True)
        self.momento.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.momento.setDateTime(qfecha_hora(ahora_mexico().replace(tzinfo=None)))
        self._fila("realizado_en", tr("&Fecha y hora:"), self.momento)
        self.medio = self._fila("medio", tr("&Medio:"), QLineEdit(self.plan.medio, self))
        self.ubicacion = self._fila("ubicacion", tr("&Ubicación:"), QLineEdit(self.plan.ubicacion, self))
        self.resultado_combo = QComboBox(self)
        for clave, texto in RESULTADOS.items():
            self.resultado_combo.addItem(tr(texto), clave)
        self._fila("resultado", tr("&Resultado:"), self.resultado_combo)
        self.archivo = QLineEdit(self)
        self.archivo.setReadOnly(True)
        self.archivo.setPlaceholderText(tr("(opcional) el archivo del respaldo, para calcular su SHA-256"))
        elegir = QPushButton(tr("&Elegir archivo…"), self)
        elegir.clicked.connect(self._elegir)
        fila = QHBoxLayout()
        fila.addWidget(self.archivo, 1)
        fila.addWidget(elegir)
        self.campos["archivo"] = self.archivo
        self.formulario.addRow(tr("Archivo:"), fila)
        self.sha256 = self._fila("sha256", tr("&SHA-256:"), QLineEdit(self))
        self.sha256.setMaxLength(80)
        self.sha256.setPlaceholderText(tr("64 caracteres hexadecimales (se llena al elegir el archivo)"))
        self.tamano = self._fila("tamano_bytes", tr("&Tamaño (bytes):"), QLineEdit(self))
        self.notas = self._fila("notas", tr("No&tas:"), texto_multilinea(self, 50, tr("Qué falló, si no fue exitoso")))
        self._armar()

    def _elegir(self) -> None:
        ruta, _ = abrir_archivo(self, tr("Archivo del respaldo"), carpeta_documentos())
        if not ruta:
            return
        self.archivo.setText(ruta)
        try:
            calculado = con_progreso(self, tr("SHA-256"), tr("Calculando la suma de verificación…"),
                                     planes.calcular_sha256, ruta)
        except ErrorDTI as exc:
            marcar_errores(self.campos, [("archivo", exc.mensaje)], self.errores)
            return
        if calculado is not None:
            self.sha256.setText(calculado[0])
            self.tamano.setText(str(calculado[1]))

    def _guardar(self) -> EjecucionRespaldo:
        return planes.registrar_ejecucion(
            self.sesion, self.plan, realizado_en=fecha_hora_de(self.momento.dateTime()), medio=self.medio.text(),
            ubicacion=self.ubicacion.text(), resultado=self.resultado_combo.currentData(),
            sha256=self.sha256.text(), tamano_bytes=self.tamano.text().replace(",", "").strip() or None,
            notas=self.notas.toPlainText())


class DialogoRecuperacion(_Dialogo):
    """Solicitud de recuperación de información con el oficio del titular."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, oficio_id: int | None = None,
                 plan_id: int | None = None) -> None:
        super().__init__(sesion, tr("Solicitud de recuperación de información"), tr("Registrar solicitud"), parent)
        self.oficio = self._fila("oficio", tr("&Oficio de solicitud:"), _combo_oficios(self, oficio_id))
        self.plan = self._fila("plan", tr("&Plan de respaldo:"), combo_buscable(self, tr("(ninguno)")))
        for fila in planes.calendario():
            self.plan.addItem(f"{fila['folio']} · {fila['dependencia']} · {fila['informacion']}", fila["id"])
        if plan_id is not None:
            self.plan.setCurrentIndex(max(0, self.plan.findData(plan_id)))
        self.informacion = self._fila("informacion", tr("&Qué se necesita recuperar:"), texto_multilinea(self, 60))
        self._armar()

    def _guardar(self):
        plan_id = dato_de_combo(self.plan)
        return recuperaciones.solicitar(self.sesion, oficio=_obtener(Oficio, dato_de_combo(self.oficio)),
                                        plan=planes.obtener_plan(plan_id) if plan_id else None,
                                        informacion=self.informacion.toPlainText())


class DialogoResultadoRecuperacion(_Dialogo):
    """Qué se restauró, de qué respaldo y cómo se verificó."""

    def __init__(self, sesion: Usuario, recuperacion_id: int, parent: QWidget | None = None) -> None:
        super().__init__(sesion, tr("Registrar la recuperación"), tr("Registrar recuperación"), parent)
        self.recuperacion = recuperaciones.obtener(recuperacion_id)
        self.formulario.addRow(tr("Solicitud:"), etiqueta_plana(self.recuperacion.informacion[:200], self))
        self.ejecucion = self._fila("ejecucion", tr("&Respaldo de origen:"), QComboBox(self))
        self.ejecucion.addItem(tr("(elija el respaldo exitoso del que se recuperó)"), None)
        for fila in planes.calendario():
            if fila["dependencia"] != self.recuperacion.dependencia.nombre:
                continue
            for e in planes.ejecuciones(fila["id"]):
                if e["resultado"] == "exitoso":
                    self.ejecucion.addItem(f"{fila['folio']} · {e['realizado_en']:%d/%m/%Y %H:%M} · {e['medio']}",
                                           e["id"])
        self.restaurado = self._fila("restaurado", tr("&Qué se restauró:"), texto_multilinea(self, 60))
        self.verificacion = self._fila("verificacion", tr("&Verificación:"),
                                       texto_multilinea(self, 60, tr("Cómo se comprobó que la información está bien")))
        self._armar()

    def _guardar(self):
        ejecucion_id = self.ejecucion.currentData()
        return recuperaciones.registrar_recuperacion(
            self.sesion, self.recuperacion, restaurado=self.restaurado.toPlainText(),
            verificacion=self.verificacion.toPlainText(),
            ejecucion=planes.obtener_ejecucion(ejecucion_id) if ejecucion_id else None)


class DialogoEntrega(_Dialogo):
    """Entrega en dispositivo de almacenamiento masivo con el acuse de quien recibe."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, *, ejecucion_id: int | None = None,
                 recuperacion_id: int | None = None) -> None:
        super().__init__(sesion, tr("Entrega en dispositivo de almacenamiento masivo"), tr("Registrar entrega"),
                         parent)
        self.ejecucion = planes.obtener_ejecucion(ejecucion_id) if ejecucion_id else None
        self.recuperacion = recuperaciones.obtener(recuperacion_id) if recuperacion_id else None
        que = (f"Recuperación: {self.recuperacion.informacion[:120]}" if self.recuperacion is not None else
               f"Respaldo {self.ejecucion.plan.folio} del {self.ejecucion.realizado_en:%d/%m/%Y %H:%M}"
               if self.ejecucion is not None else tr("(nada elegido)"))
        self.formulario.addRow(tr("Se entrega:"), etiqueta_plana(que, self))
        self.dispositivo = self._fila("dispositivo", tr("&Dispositivo:"), QLineEdit(self))
        self.dispositivo.setPlaceholderText(tr("Tipo, marca, capacidad y número de serie"))
        self.recibe = self._fila("recibe", tr("&Recibe:"), _combo_servidores(self, tr("(quién firma de recibido)")))
        self.acuse = QDateTimeEdit(self)
        self.acuse.setCalendarPopup(True)
        self.acuse.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.acuse.setDateTime(qfecha_hora(ahora_mexico().replace(tzinfo=None)))
        self._fila("acuse_en", tr("&Acuse firmado el:"), self.acuse)
        self.archivo = QLineEdit(self)
        self.archivo.setReadOnly(True)
        self.archivo.setPlaceholderText(tr("(opcional) acuse escaneado en PDF, JPG o PNG"))
        elegir = QPushButton(tr("Elegir a&cuse…"), self)
        elegir.clicked.connect(self._elegir)
        fila = QHBoxLayout()
        fila.addWidget(self.archivo, 1)
        fila.addWidget(elegir)
        self.campos["acuse_archivo"] = self.archivo
        self.formulario.addRow(tr("Acuse escaneado:"), fila)
        self.notas = self._fila("notas", tr("No&tas:"), texto_multilinea(self, 50))
        self._armar()

    def _elegir(self) -> None:
        ruta, _ = abrir_archivo(self, tr("Acuse de entrega"), carpeta_documentos(),
                                              tr("Acuse (*.pdf *.jpg *.jpeg *.png)"))
        if ruta:
            self.archivo.setText(ruta)

    def _guardar(self):
        return entregas.registrar_entrega(
            self.sesion, ejecucion=self.ejecucion, recuperacion=self.recuperacion,
            dispositivo=self.dispositivo.text(),
            recibe=_obtener(ServidorPublico, dato_de_combo(self.recibe)),
            acuse_en=fecha_hora_de(self.acuse.dateTime()), acuse_archivo=self.archivo.text() or None,
            notas=self.notas.toPlainText())

