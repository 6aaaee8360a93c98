"""Sub-pestaña «Declaraciones patrimoniales» (procedimiento 16; solo las pide la Contraloría)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from app.modelos.web import ACEPTADA, CORRECCIONES, PREVIO, PROGRAMACION, PUBLICADA
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.servicios.web import comun, declaraciones, oficios_web
from app.vistas.comun.ayudas import boton
from app.vistas.comun.comunes import tr
from app.vistas.comun.tabla import Columna
from app.vistas.web.base import PaginaCasos
from app.vistas.web.dialogos import FECHA, OPCIONES, TEXTO, Campo, opciones_oficios

ABIERTAS = (PROGRAMACION, PREVIO, CORRECCIONES, ACEPTADA)


class PaginaDeclaraciones(PaginaCasos):
    COLUMNAS = (
        Columna("Oficio", lambda f: f["numero_oficio"], 110),
        Columna("Actualización", lambda f: f["actualizacion"], 260),
        Columna("Estado", lambda f: f["estado_texto"], 150),
        Columna("Aceptó", lambda f: f["aceptado_por"], 160),
        Columna("Publicada el", lambda f: f["fecha_publicacion"], 90),
        Columna("Trámite", lambda f: f["tramite"], 240),
    )
    FILAS = (("oficio", "Oficio"), ("dependencia", "Solicitante"), ("actualizacion", "Actualización solicitada"),
             ("lineamiento", "Lineamiento del SNA"), ("cambios", "Qué cambió"), ("previo", "Previo"),
             ("aceptacion", "Aceptación de la Contraloría"), ("observaciones", "Observaciones"),
             ("publicacion", "Publicación"), ("tramite", "Trámite"))
    VACIO = "Seleccione una actualización de la plataforma"
    EXCEL = "declaraciones-patrimoniales.xlsx"
    TITULO_EXCEL = "Declaraciones patrimoniales"

    def __init__(self, sesion, padre=None) -> None:
        super().__init__(sesion, padre)
        self.boton_nueva = boton(self, tr("&Nueva solicitud…"), None, self.nueva)
        self.boton_previo = boton(self, tr("Presentar &previo…"), None, self.presentar_previo)
        self.boton_resolver = boton(self, tr("&Respuesta de la Contraloría…"), None, self.resolver_previo)
        self.boton_publicar = boton(self, tr("P&ublicar…"), None, self.publicar)
        self.boton_oficio = boton(self, tr("&Oficio de respuesta"), None, self.oficio)
        self.boton_cancelar = boton(self, tr("Cancelar solicitud…"), None, self.cancelar)
        self.poner_botones()

    def botones(self) -> list[QPushButton]:
        return [self.boton_nueva, self.boton_previo, self.boton_resolver, self.boton_publicar, self.boton_oficio,
                self.boton_cancelar]

    def listar(self, busqueda: str) -> list[dict[str, Any]]:
        return declaraciones.listar(busqueda)

    def llenar(self, f: dict[str, Any] | None) -> None:
        operar = self.puede(permisos.AVANZAR_TRAMITE)
        self.boton_nueva.setEnabled(self.puede(permisos.ABRIR_TRAMITE))
        estado = f["estado"] if f else None
        self.boton_previo.setEnabled(operar and estado in (PROGRAMACION, CORRECCIONES))
        self.boton_resolver.setEnabled(operar and estado == PREVIO)
        self.boton_publicar.setEnabled(operar and estado == ACEPTADA)
        self.boton_oficio.setEnabled(estado == PUBLICADA and permisos.puede(self.sesion, permisos.EMITIR_OFICIO))
        self.boton_cancelar.setEnabled(estado in ABIERTAS and permisos.puede(self.sesion, permisos.CANCELAR_TRAMITE))
        if f is None:
            self.detalle.titulo.setText(tr(self.VACIO))
            return
        self.detalle.titulo.setText(f"{tr('Actualización de declaraciones')} n.º {f['id']} · {f['estado_texto']}")
        self.poner("oficio", f["numero_oficio"] or "")
        self.poner("dependencia", f["dependencia_nombre"] or "")
        self.poner("actualizacion", f["actualizacion"])
        self.poner("lineamiento", f["lineamiento"])
        self.poner("cambios", "\n".join(x for x in (f["cambios_programados"], f["correcciones"]) if x))
        self.poner("previo", " · ".join(x for x in (f["url_previo"], f["version_previo"]) if x))
        self.poner("aceptacion", f"{f['aceptado_por']} · {f['aceptado_en']:%d/%m/%Y %H:%M}" if f["aceptado_en"]
                   else (f"{f['rechazos_previo']} previo(s) con observaciones" if f["rechazos_previo"] else ""))
        self.poner("observaciones", f["observaciones"])
        self.poner("publicacion", " · ".join(x for x in (f"{f['fecha_publicacion']:%d/%m/%Y}"
                                                          if f["fecha_publicacion"] else "", f["url_publicacion"]) if x))
        self.poner("tramite", f["tramite"])

    def _solicitud(self):
        fila = self.fila_actual()
        return declaraciones.obtener(fila["id"]) if fila else None

    def nueva(self, oficio_id: int | None = None) -> None:
        if not self.boton_nueva.isEnabled():
            return
        self.formulario(tr("Nueva actualización de la plataforma de declaraciones"), [
            Campo("oficio", "Oficio de la Contraloría", OPCIONES, oficio_id, opciones_oficios()),
            Campo("actualizacion", "Actualización solicitada", TEXTO),
            Campo("lineamiento", "Lineamiento o formato del SNA"),
        ], lambda v: declaraciones.registrar(self.sesion, oficio=oficios.obtener(v["oficio"]) if v["oficio"] else None,
                                             actualizacion=v["actualizacion"], lineamiento=v["lineamiento"]),
            aviso=comun.politica(declaraciones.PROCEDIMIENTO, 2))

    def presentar_previo(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_previo.isEnabled():
            return
        correccion = solicitud.estado == CORRECCIONES
        self.formulario(tr("Correcciones al previo") if correccion else tr("Programación y previo"), [
            Campo("cambios", "Correcciones realizadas" if correccion else "Cambios programados", TEXTO),
            Campo("url_previo", "Dirección del previo", valor=solicitud.url_previo),
            Campo("version_previo", "Versión del previo", valor=solicitud.version_previo),
        ], lambda v: declaraciones.presentar_previo(self.sesion, solicitud, cambios=v["cambios"],
                                                    url_previo=v["url_previo"], version_previo=v["version_previo"],
                                                    version=solicitud.version),
            aviso=solicitud.observaciones and f"{tr('Observaciones de la Contraloría')}: {solicitud.observaciones}")

    def resolver_previo(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_resolver.isEnabled():
            return
        self.formulario(tr("¿El previo cumple con los requerimientos de la Contraloría?"), [
            Campo("acepta", "Respuesta", OPCIONES, True, [(tr("Sí: se publica"), True), (tr("No: se corrige"), False)]),
            Campo("quien", "Quién respondió por la Contraloría", valor=solicitud.oficio.solicitante_nombre
                  if solicitud.oficio_id else ""),
            Campo("observaciones", "Observaciones de la Contraloría", TEXTO),
        ], lambda v: declaraciones.resolver_previo(self.sesion, solicitud, acepta=v["acepta"], quien=v["quien"],
                                                   observaciones=v["observaciones"], version=solicitud.version))

    def publicar(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_publicar.isEnabled():
            return
        self.formulario(tr("Publicar las actualizaciones"), [
            Campo("fecha_publicacion", "Fecha de publicación", FECHA),
            Campo("url_publicacion", "Dirección de la plataforma actualizada"),
        ], lambda v: declaraciones.publicar(self.sesion, solicitud, fecha_publicacion=v["fecha_publicacion"],
                                            url_publicacion=v["url_publicacion"], version=solicitud.version),
            texto_aceptar="Publicar")

    def oficio(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_oficio.isEnabled():
            return
        emitido = self.confirmar_y(tr("Oficio de respuesta"), tr("¿Emitir con folio el oficio de respuesta a la "
                                                                  "Contraloría? No se puede deshacer."),
                                   oficios_web.emitir_respuesta, self.sesion, solicitud)
        if emitido is not None:
            self.avisar(tr("Oficio emitido"), f"{tr('Se emitió el oficio')} {emitido.folio}.")

    def cancelar(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_cancelar.isEnabled():
            return
        self.formulario(tr("Cancelar la solicitud"), [Campo("motivo", "Motivo de la cancelación", TEXTO)],
                        lambda v: declaraciones.cancelar(self.sesion, solicitud, v["motivo"], version=solicitud.version),
                        aviso=tr("La solicitud y su trámite quedan cancelados; nada se borra."),
                        texto_aceptar="Cancelar solicitud")
