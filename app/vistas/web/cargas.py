"""Sub-pestaña «Cargas a la página web» (procedimiento 14)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QPushButton

from app.modelos.web import ACEPTADA, CORRECCIONES, IMAGENES, PREVIO, PROGRAMACION, PUBLICADA
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.servicios.web import carga, oficios_web
from app.vistas.comun.ayudas import boton
from app.vistas.comun.comunes import ejecutar, tr
from app.vistas.comun.tabla import Columna
from app.vistas.web.base import PaginaCasos
from app.vistas.web.dialogos import CASILLA, FECHA, OPCIONES, TEXTO, Campo, opciones_oficios

ABIERTAS = (IMAGENES, PROGRAMACION, PREVIO, CORRECCIONES, ACEPTADA)


def elegir_imagenes(padre) -> list[Path]:
    """Las imágenes que entregó el área (diálogo del sistema; las pruebas lo sustituyen)."""
    rutas, _ = QFileDialog.getOpenFileNames(padre, tr("Imágenes del área"), "",
                                            tr("Imágenes (*.png *.jpg *.jpeg *.webp);;Todos los archivos (*)"))
    return [Path(r) for r in rutas]


class PaginaCargas(PaginaCasos):
    COLUMNAS = (
        Columna("Oficio", lambda f: f["numero_oficio"], 110),
        Columna("Dependencia", lambda f: f["dependencia_nombre"], 170),
        Columna("Página", lambda f: f["url_pagina"], 220),
        Columna("Estado", lambda f: f["estado_texto"], 150),
        Columna("Imágenes", lambda f: f["imagenes"], 70, derecha=True),
        Columna("Publicada el", lambda f: f["fecha_publicacion"], 90),
        Columna("Trámite", lambda f: f["tramite"], 240),
    )
    FILAS = (("oficio", "Oficio"), ("dependencia", "Dependencia"), ("pagina", "Página"),
             ("descripcion", "Información"), ("responsabilidad", "Responsabilidad"), ("imagenes", "Imágenes"),
             ("programacion", "Programación"), ("previo", "Previo"), ("aceptacion", "Aceptación del previo"),
             ("observaciones", "Observaciones"), ("publicacion", "Publicación"), ("tramite", "Trámite"))
    VACIO = "Seleccione una solicitud de carga"
    EXCEL = "cargas-pagina-web.xlsx"
    TITULO_EXCEL = "Cargas a la página web"

    def __init__(self, sesion, padre=None) -> None:
        super().__init__(sesion, padre)
        self.boton_nueva = boton(self, tr("&Nueva solicitud…"), None, self.nueva)
        self.boton_imagenes = boton(self, tr("Recibir &imágenes…"), None, self.recibir_imagenes)
        self.boton_previo = boton(self, tr("Presentar &previo…"), None, self.presentar_previo)
        self.boton_resolver = boton(self, tr("&Respuesta al previo…"), None, self.resolver_previo)
        self.boton_publicar = boton(self, tr("P&ublicar…"), None, self.publicar)
        self.boton_oficio = boton(self, tr("&Oficio de respuesta"), None, self.oficio)
        self.boton_cancelar = boton(self, tr("Cancelar solicitud…"), None, self.cancelar)
        self.poner_botones()

    def botones(self) -> list[QPushButton]:
        return [self.boton_nueva, self.boton_imagenes, self.boton_previo, self.boton_resolver, self.boton_publicar,
                self.boton_oficio, self.boton_cancelar]

    def listar(self, busqueda: str) -> list[dict[str, Any]]:
        return carga.listar(busqueda)

    def llenar(self, f: dict[str, Any] | None) -> None:
        operar = self.puede(permisos.AVANZAR_TRAMITE)
        self.boton_nueva.setEnabled(self.puede(permisos.ABRIR_TRAMITE))
        estado = f["estado"] if f else None
        self.boton_imagenes.setEnabled(operar and estado == IMAGENES)
        self.boton_previo.setEnabled(operar and estado in (PROGRAMACION, CORRECCIONES))
        self.boton_resolver.setEnabled(operar and estado == PREVIO)
        self.boton_publicar.setEnabled(operar and estado == ACEPTADA)
        self.boton_oficio.setEnabled(estado == PUBLICADA and permisos.puede(self.sesion, permisos.EMITIR_OFICIO))
        self.boton_cancelar.setEnabled(estado in ABIERTAS and permisos.puede(self.sesion, permisos.CANCELAR_TRAMITE))
        if f is None:
            self.detalle.titulo.setText(tr(self.VACIO))
            return
        self.detalle.titulo.setText(f"{tr('Carga a la página web')} n.º {f['id']} · {f['estado_texto']}")
        self.poner("oficio", f["numero_oficio"] or "")
        self.poner("dependencia", f["dependencia_nombre"] or "")
        self.poner("pagina", f["url_pagina"])
        self.poner("descripcion", f["descripcion"])
        self.poner("responsabilidad", f["responsabilidad"])
        lista = carga.imagenes_de(f["id"])
        self.poner("imagenes", "\n".join(f"{i['nombre']} · {i['formato'].upper()} {i['ancho']}×{i['alto']} px · "
                                         f"{i['tamano']:,} bytes" for i in lista)
                   or (tr("Se esperan del área") if f["contiene_imagenes"] else tr("Sin imágenes")))
        self.poner("programacion", f["cambios_realizados"])
        self.poner("previo", f["url_previo"])
        self.poner("aceptacion", f"{f['previo_aceptado_por']} · {f['previo_aceptado_en']:%d/%m/%Y %H:%M}"
                   if f["previo_aceptado_en"] else (f"{f['rechazos_previo']} previo(s) con correcciones"
                                                    if f["rechazos_previo"] else ""))
        self.poner("observaciones", f["observaciones"])
        self.poner("publicacion", f"{f['fecha_publicacion']:%d/%m/%Y} · {f['url_publicacion']}"
                   if f["fecha_publicacion"] else "")
        self.poner("tramite", f["tramite"])

    def _solicitud(self):
        fila = self.fila_actual()
        return carga.obtener(fila["id"]) if fila else None

    def nueva(self, oficio_id: int | None = None) -> None:
        if not self.boton_nueva.isEnabled():
            return
        self.formulario(tr("Nueva solicitud de carga a la página web"), [
            Campo("oficio", "Oficio recibido", OPCIONES, oficio_id, opciones_oficios()),
            Campo("url_pagina", "Página que se carga o actualiza", valor="https://"),
            Campo("descripcion", "Información por cargar o actualizar", TEXTO),
            Campo("contiene_imagenes", "¿La carga contiene imágenes?", CASILLA),
        ], lambda v: carga.registrar(self.sesion, oficio=oficios.obtener(v["oficio"]) if v["oficio"] else None,
                                     url_pagina=v["url_pagina"], descripcion=v["descripcion"],
                                     contiene_imagenes=v["contiene_imagenes"]),
            aviso=carga.responsabilidad(""))

    def recibir_imagenes(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_imagenes.isEnabled():
            return
        rutas = elegir_imagenes(self)
        if not rutas:
            return
        try:
            archivos = [(r.name, r.read_bytes()) for r in rutas]
        except OSError as exc:
            self.avisar(tr("No se pudo leer"), f"{tr('No se pudo leer la imagen')}: {exc.strerror or exc}")
            return
        if ejecutar(self, carga.agregar_imagenes, self.sesion, solicitud, archivos) is not None:
            self.refrescar()

    def presentar_previo(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_previo.isEnabled():
            return
        correccion = solicitud.estado == CORRECCIONES
        self.formulario(tr("Correcciones al previo") if correccion else tr("Programación y previo"), [
            Campo("cambios", "Correcciones realizadas" if correccion else "Programación realizada", TEXTO),
            Campo("url_previo", "Dirección del previo", valor=solicitud.url_previo),
        ], lambda v: carga.registrar_programacion(self.sesion, solicitud, cambios=v["cambios"],
                                                  url_previo=v["url_previo"], version=solicitud.version),
            aviso=solicitud.observaciones and f"{tr('Observaciones del titular')}: {solicitud.observaciones}")

    def resolver_previo(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_resolver.isEnabled():
            return
        self.formulario(tr("¿El previo cumple con las necesidades del solicitante?"), [
            Campo("acepta", "Respuesta", OPCIONES, True, [(tr("Sí: se publica"), True), (tr("No: se corrige"), False)]),
            Campo("quien", "Quién lo revisó por la dependencia", valor=solicitud.oficio.solicitante_nombre
                  if solicitud.oficio_id else ""),
            Campo("observaciones", "Observaciones del titular", TEXTO),
        ], lambda v: carga.resolver_previo(self.sesion, solicitud, acepta=v["acepta"], quien=v["quien"],
                                           observaciones=v["observaciones"], version=solicitud.version))

    def publicar(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_publicar.isEnabled():
            return
        self.formulario(tr("Publicar la información"), [
            Campo("url_publicacion", "Dirección de la información publicada", valor=solicitud.url_pagina),
            Campo("fecha_publicacion", "Fecha de publicación", FECHA),
        ], lambda v: carga.publicar(self.sesion, solicitud, url_publicacion=v["url_publicacion"],
                                    fecha_publicacion=v["fecha_publicacion"], version=solicitud.version),
            texto_aceptar="Publicar")

    def oficio(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_oficio.isEnabled():
            return
        emitido = self.confirmar_y(tr("Oficio de respuesta"), tr("¿Emitir con folio el oficio de respuesta a la "
                                                                  "dependencia? No se puede deshacer."),
                                   oficios_web.emitir_respuesta, self.sesion, solicitud)
        if emitido is not None:
            self.avisar(tr("Oficio emitido"), f"{tr('Se emitió el oficio')} {emitido.folio}.")

    def cancelar(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_cancelar.isEnabled():
            return
        self.formulario(tr("Cancelar la solicitud"), [Campo("motivo", "Motivo de la cancelación", TEXTO)],
                        lambda v: carga.cancelar(self.sesion, solicitud, v["motivo"], version=solicitud.version),
                        aviso=tr("La solicitud y su trámite quedan cancelados; nada se borra."),
                        texto_aceptar="Cancelar solicitud")
