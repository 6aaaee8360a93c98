"""Diálogos de Videovigilancia: solicitud de grabación, visualización, monitoreo, grabador y cámara."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDateTimeEdit, QDialog, QFormLayout, QLineEdit, QSpinBox,
                               QTimeEdit, QWidget)

from app.errores import ErrorDTI, ErrorValidacion
from app.modelos import Usuario, ahora
from app.modelos.videovigilancia import CORRECTO, FALLA, RESULTADOS_MONITOREO, TIPOS_GRABADOR
from app.servicios.oficios import oficios
from app.servicios.videovigilancia import equipos, monitoreo, solicitudes
from app.tiempo import hoy_mexico
from app.vistas.comun.campos import combo_buscable, dato_de_combo, elegir_en_combo
from app.vistas.comun.comunes import confirmar, etiqueta_plana, marcar_errores, tr
from app.vistas.comun.fechas import fecha_de, fecha_hora_de, qfecha, qfecha_hora
from app.vistas.comun.formulario import (SEPARADOR, armar_dialogo, botones_de_dialogo, etiqueta_errores,
                                         texto_multilinea)


class _Dialogo(QDialog):
    """Formulario + errores en rojo + «Guardar/Cancelar»; ``_guardar`` llama al servicio."""

    def __init__(self, sesion: Usuario, titulo: str, aceptar: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.resultado: Any = None
        self.setWindowTitle(titulo)
        self.setMinimumWidth(560)
        self.formulario = QFormLayout()
        self.formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errores = etiqueta_errores(self)
        self.caja, self.boton_guardar = botones_de_dialogo(self, aceptar)
        self.campos: dict[str, QWidget] = {}

    def _armar(self) -> None:
        armar_dialogo(self, self.formulario, self.errores, self.caja)

    def _servicio(self) -> Any:  # pragma: no cover - cada diálogo lo define
        raise NotImplementedError

    def guardar(self) -> None:
        try:
            self.resultado = self._servicio()
        except ErrorValidacion as exc:
            marcar_errores(self.campos, exc.errores, self.errores)
            return
        except ErrorDTI as exc:
            marcar_errores({}, [("", exc.mensaje)], self.errores)
            return
        if self.resultado is not None:
            self.accept()


def _hora(campo: QTimeEdit) -> str:
    return campo.time().toString("HH:mm")


class DialogoSolicitud(_Dialogo):
    """Solicitud de una grabación por oficio: la retención del grabador decide negativa o cita."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, oficio_id: int | None = None) -> None:
        super().__init__(sesion, tr("Solicitud de grabación de videovigilancia"), tr("Registrar"), parent)
        self.oficio = combo_buscable(self, tr("(elija el oficio recibido)"))
        for fila in oficios.consultar(oficios.ENTRANTE, limite=300):
            if fila["estado"] in (oficios.REGISTRADO, oficios.INCOMPLETO, oficios.ATENDIDO):
                procedencia = fila.get("procedencia") or fila.get("procedencia_texto") or ""
                self.oficio.addItem(SEPARADOR.join(p for p in (fila["numero_oficio"] or tr("(sin número)"), procedencia,
                                                               (fila["descripcion"] or "")[:60]) if p), fila["id"])
        if oficio_id is not None:
            elegir_en_combo(self.oficio, oficio_id)
        self.camara = combo_buscable(self, tr("(elija la cámara)"))
        for camara in equipos.camaras():
            self.camara.addItem(f"{camara.nombre}{SEPARADOR}{camara.ubicacion}", camara.id)
        self.fecha = QDateEdit(self)
        self.fecha.setCalendarPopup(True)
        self.fecha.setDisplayFormat("dd/MM/yyyy")
        self.fecha.setMaximumDate(qfecha(hoy_mexico()))
        self.fecha.setDate(qfecha(hoy_mexico() - dt.timedelta(days=1)))
        self.desde, self.hasta = QTimeEdit(QTime(0, 0), self), QTimeEdit(QTime(23, 59), self)
        for campo in (self.desde, self.hasta):
            campo.setDisplayFormat("HH:mm")
        self.motivo = texto_multilinea(self, 60, tr("Evento por el que se pide la grabación"))
        self.prevision = etiqueta_plana("", self)
        self.prevision.setStyleSheet("font-weight: bold;")
        self.formulario.addRow(tr("&Oficio recibido:"), self.oficio)
        self.formulario.addRow(tr("&Cámara:"), self.camara)
        self.formulario.addRow(tr("&Fecha de la grabación:"), self.fecha)
        self.formulario.addRow(tr("&Desde:"), self.desde)
        self.formulario.addRow(tr("&Hasta:"), self.hasta)
        self.formulario.addRow(tr("&Motivo:"), self.motivo)
        self.formulario.addRow("", self.prevision)
        self.campos = {"oficio": self.oficio, "camara": self.camara, "fecha_grabacion": self.fecha,
                       "hora_desde": self.desde, "hora_hasta": self.hasta, "motivo": self.motivo}
        self.camara.currentIndexChanged.connect(lambda _i: self._prever())
        self.fecha.dateChanged.connect(lambda _d: self._prever())
        self._armar()
        self._prever()

    def _camara(self):
        identificador = dato_de_combo(self.camara)
        return equipos.obtener_camara(identificador) if identificador else None

    def _prever(self) -> str:
        """Dice antes de registrar qué decidirá el manual (actividad 3) con la retención del grabador."""
        camara = self._camara()
        if camara is None:
            self.prevision.setText("")
            return ""
        razon = solicitudes.razon_fuera_de_retencion(camara, fecha_de(self.fecha.date()))
        if razon:
            self.prevision.setText(tr("Fuera de la retención: se emitirá el oficio de negativa. ") + razon)
            self.prevision.setStyleSheet("font-weight: bold; color: #a01c1c;")
        else:
            self.prevision.setText(tr("Dentro de la retención ({d} días): se agendará la cita en la próxima hora hábil.")
                                   .format(d=camara.grabador.dias_retencion))
            self.prevision.setStyleSheet("font-weight: bold; color: #1e6b34;")
        return razon

    def _servicio(self):
        identificador = dato_de_combo(self.oficio)
        if self._prever() and not confirmar(self, tr("Negar la solicitud"), tr(
                "La grabación ya no está en el sistema. Se emitirá con folio el oficio que niega la solicitud; "
                "un oficio emitido no se borra. ¿Continuar?")):
            return None
        return solicitudes.solicitar(self.sesion, camara=self._camara(),
                                     oficio=oficios.obtener(identificador) if identificador else None,
                                     fecha=fecha_de(self.fecha.date()), desde=_hora(self.desde),
                                     hasta=_hora(self.hasta), motivo=self.motivo.toPlainText())


class DialogoVisualizacion(_Dialogo):
    """Registra quién vio el video, cuándo y qué se vio (o la anotación que corrige un registro)."""

    def __init__(self, sesion: Usuario, solicitud_id: int, parent: QWidget | None = None,
                 corrige_id: int | None = None) -> None:
        titulo = tr("Corregir una visualización") if corrige_id else tr("Registrar la visualización del video")
        super().__init__(sesion, titulo, tr("Registrar"), parent)
        self.solicitud = solicitudes.obtener(solicitud_id)
        self.corrige_id = corrige_id
        s = self.solicitud
        resumen = etiqueta_plana(f"{s.camara.nombre} · {s.fecha_grabacion:%d/%m/%Y} {s.hora_desde}–{s.hora_hasta} · "
                                 f"{tr('oficio')} {s.oficio.numero_oficio or s.oficio_id}", self)
        self.visto_en = QDateTimeEdit(qfecha_hora(ahora()), self)
        self.visto_en.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.visto_en.setCalendarPopup(True)
        self.asistentes = texto_multilinea(self, 50, tr("Nombre y cargo de quienes vieron el video"))
        self.contenido = texto_multilinea(self, 80, tr("Qué se reprodujo y qué se observó"))
        self.formulario.addRow(tr("Solicitud:"), resumen)
        if corrige_id:
            self.formulario.addRow("", etiqueta_plana(tr("El registro original no cambia: esta anotación lo corrige "
                                                         "(política 2: el contenido no se elimina)."), self))
        self.formulario.addRow(tr("&Cuándo:"), self.visto_en)
        self.formulario.addRow(tr("&Quiénes lo vieron:"), self.asistentes)
        self.formulario.addRow(tr("Q&ué se vio:"), self.contenido)
        self.campos = {"visto_en": self.visto_en, "asistentes": self.asistentes, "contenido": self.contenido}
        self._armar()

    def _servicio(self):
        from app.modelos.videovigilancia import Visualizacion

        corrige = Visualizacion.get_by_id(self.corrige_id) if self.corrige_id else None
        return solicitudes.registrar_visualizacion(
            self.sesion, self.solicitud, asistentes=self.asistentes.toPlainText(),
            contenido=self.contenido.toPlainText(), visto_en=fecha_hora_de(self.visto_en.dateTime()), corrige=corrige)


class DialogoMonitoreo(_Dialogo):
    """Anota una revisión del sistema; una falla abre el mantenimiento correctivo del grabador."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(sesion, tr("Registrar monitoreo del sistema"), tr("Registrar"), parent)
        self.resultado_combo = QComboBox(self)
        for clave, texto in RESULTADOS_MONITOREO.items():
            self.resultado_combo.addItem(tr(texto), clave)
        self.grabador = combo_buscable(self, tr("(todo el sistema)"))
        for grabador in equipos.grabadores():
            self.grabador.addItem(grabador.nombre, grabador.id)
        self.camara = combo_buscable(self, tr("(ninguna en particular)"))
        for camara in equipos.camaras():
            self.camara.addItem(camara.nombre, camara.id)
        self.descripcion = texto_multilinea(self, 70, tr("Qué se revisó y, si hay falla, qué presenta"))
        self.formulario.addRow(tr("&Resultado:"), self.resultado_combo)
        self.formulario.addRow(tr("&Grabador:"), self.grabador)
        self.formulario.addRow(tr("&Cámara:"), self.camara)
        self.formulario.addRow(tr("&Descripción:"), self.descripcion)
        self.campos = {"resultado": self.resultado_combo, "grabador": self.grabador, "camara": self.camara,
                       "descripcion": self.descripcion}
        self._armar()

    def _servicio(self):
        resultado = self.resultado_combo.currentData()
        grabador_id, camara_id = dato_de_combo(self.grabador), dato_de_combo(self.camara)
        if resultado == FALLA and not confirmar(self, tr("Registrar falla"), tr(
                "Se abrirá un mantenimiento correctivo del grabador en el módulo Mantenimiento. ¿Continuar?")):
            return None
        return monitoreo.registrar(self.sesion, resultado=resultado or CORRECTO,
                                   descripcion=self.descripcion.toPlainText(),
                                   grabador=equipos.obtener_grabador(grabador_id) if grabador_id else None,
                                   camara=equipos.obtener_camara(camara_id) if camara_id else None)


class DialogoGrabador(_Dialogo):
    """Alta o edición de un DVR/NVR y sus días de retención."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, grabador_id: int | None = None) -> None:
        super().__init__(sesion, tr("Grabador de video"), tr("Guardar"), parent)
        self.grabador = equipos.obtener_grabador(grabador_id) if grabador_id else None
        self.nombre, self.ubicacion = QLineEdit(self), QLineEdit(self)
        self.tipo = QComboBox(self)
        for clave, texto in TIPOS_GRABADOR.items():
            self.tipo.addItem(tr(texto), clave)
        self.dias, self.canales = QSpinBox(self), QSpinBox(self)
        self.dias.setRange(1, equipos.DIAS_RETENCION_MAXIMO)
        self.dias.setSuffix(tr(" días"))
        self.dias.setValue(30)
        self.canales.setRange(1, 256)
        self.canales.setValue(16)
        self.notas = texto_multilinea(self, 50)
        if self.grabador is not None:
            g = self.grabador
            self.nombre.setText(g.nombre)
            self.ubicacion.setText(g.ubicacion)
            elegir_en_combo(self.tipo, g.tipo)
            self.dias.setValue(g.dias_retencion)
            self.canales.setValue(g.canales)
            self.notas.setPlainText(g.notas)
        for texto, campo in ((tr("&Nombre:"), self.nombre), (tr("&Tipo:"), self.tipo),
                             (tr("&Ubicación:"), self.ubicacion), (tr("&Retención:"), self.dias),
                             (tr("&Canales:"), self.canales), (tr("N&otas:"), self.notas)):
            self.formulario.addRow(texto, campo)
        self.campos = {"nombre": self.nombre, "tipo": self.tipo, "ubicacion": self.ubicacion,
                       "dias_retencion": self.dias, "canales": self.canales, "notas": self.notas}
        self._armar()

    def _servicio(self):
        g = self.grabador
        return equipos.guardar_grabador(self.sesion, nombre=self.nombre.text(), tipo=self.tipo.currentData(),
                                        dias_retencion=self.dias.value(), ubicacion=self.ubicacion.text(),
                                        canales=self.canales.value(), notas=self.notas.toPlainText(), grabador=g,
                                        version=g.version if g else None)


class DialogoCamara(_Dialogo):
    """Alta o edición de una cámara y el grabador donde queda su video."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None, camara_id: int | None = None) -> None:
        super().__init__(sesion, tr("Cámara"), tr("Guardar"), parent)
        self.camara = equipos.obtener_camara(camara_id) if camara_id else None
        self.nombre, self.ubicacion = QLineEdit(self), QLineEdit(self)
        self.grabador = combo_buscable(self, tr("(elija el grabador)"))
        for grabador in equipos.grabadores():
            self.grabador.addItem(f"{grabador.nombre} ({grabador.dias_retencion} días)", grabador.id)
        self.canal = QSpinBox(self)
        self.canal.setRange(1, 256)
        self.notas = texto_multilinea(self, 50)
        if self.camara is not None:
            c = self.camara
            self.nombre.setText(c.nombre)
            self.ubicacion.setText(c.ubicacion)
            elegir_en_combo(self.grabador, c.grabador_id)
            self.canal.setValue(c.canal)
            self.notas.setPlainText(c.notas)
        for texto, campo in ((tr("&Nombre:"), self.nombre), (tr("&Ubicación:"), self.ubicacion),
                             (tr("&Grabador:"), self.grabador), (tr("&Canal:"), self.canal),
                             (tr("N&otas:"), self.notas)):
            self.formulario.addRow(texto, campo)
        self.campos = {"nombre": self.nombre, "ubicacion": self.ubicacion, "grabador": self.grabador,
                       "canal": self.canal, "notas": self.notas}
        self._armar()

    def _servicio(self):
        c = self.camara
        grabador_id = dato_de_combo(self.grabador)
        return equipos.guardar_camara(self.sesion, nombre=self.nombre.text(), ubicacion=self.ubicacion.text(),
                                      grabador=equipos.obtener_grabador(grabador_id) if grabador_id else None,
                                      canal=self.canal.value(), notas=self.notas.toPlainText(), camara=c,
                                      version=c.version if c else None)
