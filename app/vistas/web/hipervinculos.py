"""Sub-pestaña «Hipervínculos» (procedimiento 17): registro por área, verificador e historial; y solicitudes."""
from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QProgressDialog, QPushButton, QTableWidget, QTableWidgetItem

from app.modelos.web import ANALISIS, ELABORACION, HOSTING, INFORMACION_FALTANTE, PUBLICADA
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.servicios.web import comun, hipervinculos, oficios_web, verificador
from app.vistas.comun.ayudas import boton
from app.vistas.comun.comunes import ejecutar, etiqueta_plana, tr
from app.vistas.comun.segundo_plano import conexion_del_hilo
from app.vistas.comun.tabla import Columna
from app.vistas.web.base import PaginaCasos
from app.vistas.web.dialogos import OPCIONES, TEXTO, Campo, opciones_oficios

COLOR_ROTO = QColor("#a01c1c")


class PaginaHipervinculos(PaginaCasos):
    COLUMNAS = (
        Columna("Área", lambda f: f["area_nombre"], 130),
        Columna("Fracción", lambda f: f["fraccion"], 230),
        Columna("Periodo", lambda f: f["periodo"], 110),
        Columna("Dirección", lambda f: f["url"], 250),
        Columna("Situación", lambda f: f["situacion"], 90),
        Columna("Último resultado", lambda f: f["ultimo_resultado"], 150),
        Columna("Verificado el", lambda f: f["ultima_verificacion"], 120),
    )
    FILAS = (("area", "Área"), ("carpeta", "Carpeta en el hosting"), ("fraccion", "Fracción"), ("periodo", "Periodo"),
             ("url", "Dirección"), ("descripcion", "Descripción"), ("resultado", "Último resultado"))
    VACIO = "Seleccione un hipervínculo"
    EXCEL = "hipervinculos.xlsx"
    TITULO_EXCEL = "Hipervínculos"
    TIEMPO_LIMITE = verificador.TIEMPO_LIMITE_OMISION

    def __init__(self, sesion, padre=None) -> None:
        super().__init__(sesion, padre)
        self.historial = QTableWidget(0, 4, self.detalle)
        self.historial.setHorizontalHeaderLabels([tr("Momento"), tr("Resultado"), tr("ms"), tr("Dirección final")])
        self.historial.verticalHeader().setVisible(False)
        self.historial.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.historial.setMinimumHeight(150)
        self.historial.horizontalHeader().setStretchLastSection(True)
        for columna, ancho in enumerate((112, 150, 56)):
            self.historial.setColumnWidth(columna, ancho)
        self.detalle.agregar_fila("Historial", self.historial)
        self.resumen = etiqueta_plana("", self)
        self.resumen.setObjectName("ayuda")
        self.detalle.agregar_al_pie(self.resumen)
        self.boton_verificar = boton(self, tr("&Verificar todos"), "F6", self.verificar)
        self.boton_agregar = boton(self, tr("&Agregar hipervínculo…"), None, self.agregar)
        self.boton_baja = boton(self, tr("Dar de &baja…"), None, self.dar_de_baja)
        self.poner_botones()
        self.verificando = False
        self._hilo: threading.Thread | None = None
        self._cancelado = threading.Event()
        self._avance = (0, 0)
        self._resultados: list[verificador.Resultado] | None = None
        self._error: BaseException | None = None
        self._temporizador = QTimer(self)
        self._temporizador.setInterval(100)
        self._temporizador.timeout.connect(self._revisar_hilo)
        self.progreso: QProgressDialog | None = None

    def botones(self) -> list[QPushButton]:
        return [self.boton_verificar, self.boton_agregar, self.boton_baja]

    def listar(self, busqueda: str) -> list[dict[str, Any]]:
        return hipervinculos.listar(busqueda)

    def refrescar(self) -> None:
        registros = ejecutar(self, self.listar, self.tabla.busqueda.text())
        self._registros = registros if registros is not None else []
        self.tabla.cargar(self._registros, color=lambda f: COLOR_ROTO if f["ultimo_ok"] is False else None)
        if not self.verificando and not self.resumen.text():
            self.resumen.setText(hipervinculos.resumen_ultima(self._registros))
        self._mostrar()

    def llenar(self, f: dict[str, Any] | None) -> None:
        operar = permisos.puede(self.sesion, permisos.AVANZAR_TRAMITE)
        self.boton_agregar.setEnabled(operar and not self.verificando)
        self.boton_verificar.setEnabled(bool(self._registros) and not self.verificando)
        self.boton_baja.setEnabled(operar and f is not None and not self.verificando)
        self.historial.setRowCount(0)
        if f is None:
            self.detalle.titulo.setText(tr(self.VACIO))
            return
        self.detalle.titulo.setText(f"{f['area_nombre']} · {f['situacion']}")
        for clave, valor in (("area", f["area_nombre"]), ("carpeta", f["carpeta"]), ("fraccion", f["fraccion"]),
                             ("periodo", f["periodo"]), ("url", f["url"]), ("descripcion", f["descripcion"]),
                             ("resultado", f["ultimo_resultado"])):
            self.poner(clave, valor or "")
        filas = hipervinculos.historial(f["id"])
        self.historial.setRowCount(len(filas))
        for i, h in enumerate(filas):
            for j, valor in enumerate((f"{h['momento']:%d/%m/%Y %H:%M}", h["resultado"], f"{h['milisegundos']:,}",
                                       h["url_final"])):
                celda = QTableWidgetItem(valor)
                if not h["ok"]:
                    celda.setForeground(COLOR_ROTO)
                self.historial.setItem(i, j, celda)

    # --- Verificación en segundo plano -----------------------------------------------------------

    def verificar(self) -> None:
        """Pide todos los hipervínculos en un hilo aparte, con progreso y «Cancelar»."""
        if self.verificando or not self.boton_verificar.isEnabled():
            return
        enlaces = ejecutar(self, hipervinculos.objetivos)
        if not enlaces:
            return
        self._enlaces = enlaces
        urls = [h.url for h in enlaces]
        self.verificando, self._resultados, self._error = True, None, None
        self._cancelado.clear()
        self._avance = (0, len(urls))
        self.progreso = QProgressDialog(tr("Verificando hipervínculos…"), tr("Cancelar"), 0, len(urls), self)
        self.progreso.setWindowTitle(tr("Verificar hipervínculos"))
        self.progreso.setMinimumDuration(0)
        self.progreso.setAutoClose(False)
        self.progreso.setAutoReset(False)
        self.progreso.canceled.connect(self._cancelado.set)
        self.progreso.show()
        self._mostrar()

        def trabajo() -> None:
            with conexion_del_hilo():
                try:
                    self._resultados = verificador.verificar_todos(
                        urls, self.TIEMPO_LIMITE, progreso=lambda h, t: setattr(self, "_avance", (h, t)),
                        cancelado=self._cancelado)
                except BaseException as exc:  # noqa: BLE001 - se informa en la ventana
                    self._error = exc

        self._hilo = threading.Thread(target=trabajo, name="verificador-hipervinculos", daemon=True)
        self._hilo.start()
        self._temporizador.start()

    def _revisar_hilo(self) -> None:
        hechos, total = self._avance
        if self.progreso is not None:
            self.progreso.setValue(hechos)
            self.progreso.setLabelText(tr("Verificados {h} de {t} hipervínculos…").format(h=hechos, t=total))
        if self._hilo is not None and self._hilo.is_alive():
            return
        self._temporizador.stop()
        cancelada = self._cancelado.is_set()
        if self.progreso is not None:
            self.progreso.canceled.disconnect()      # cerrarlo también emite «canceled»
            self.progreso.close()
            self.progreso.deleteLater()
            self.progreso = None
        self.verificando = False
        if self._error is not None:
            self.resumen.setText(f"{tr('La verificación falló')}: {self._error}")
            self.refrescar()
            return
        resultados = self._resultados or []
        por_url = {r.url: r for r in resultados}
        pares = [(h, por_url[h.url]) for h in self._enlaces if h.url in por_url]
        ejecutar(self, hipervinculos.registrar_resultados, self.sesion, pares)
        rotos = [r for _, r in pares if not r.ok]
        if verificador.sin_conexion(resultados):
            texto = tr("Sin conexión a la red: no se pudo verificar ningún hipervínculo.")
        else:
            texto = tr("{n} verificados; {r} rotos.").format(n=len(pares), r=len(rotos)) if rotos else \
                tr("{n} verificados; todos responden.").format(n=len(pares))
        if cancelada:
            texto = tr("Verificación cancelada: ") + texto
        self.resumen.setText(texto)
        self.refrescar()

    def cancelar_verificacion(self) -> None:
        self._cancelado.set()

    # --- Registro --------------------------------------------------------------------------------

    def agregar(self) -> None:
        if not self.boton_agregar.isEnabled():
            return
        areas = [(a.nombre, a.nombre) for a in hipervinculos.areas()]
        self.formulario(tr("Agregar hipervínculo"), [
            Campo("area", "Área de la Tesorería", OPCIONES, None, areas),
            Campo("fraccion", "Fracción de la ley de transparencia"),
            Campo("periodo", "Periodo"),
            Campo("url", "Dirección", valor="https://"),
            Campo("descripcion", "Descripción"),
        ], lambda v: hipervinculos.agregar_hipervinculo(self.sesion, area=v["area"] or "", fraccion=v["fraccion"],
                                                        periodo=v["periodo"], url=v["url"],
                                                        descripcion=v["descripcion"]))

    def dar_de_baja(self) -> None:
        fila = self.fila_actual()
        if fila is None or not self.boton_baja.isEnabled():
            return
        self.confirmar_y(tr("Dar de baja"), tr("¿Dejar de verificar {u}? Su historial se conserva.").format(u=fila["url"]),
                         hipervinculos.dar_de_baja, self.sesion, hipervinculos.obtener(fila["id"]), fila["version"])


class PaginaSolicitudesHipervinculos(PaginaCasos):
    COLUMNAS = (
        Columna("Oficio", lambda f: f["numero_oficio"], 110),
        Columna("Dependencia", lambda f: f["dependencia_nombre"], 170),
        Columna("Área", lambda f: f["area_nombre"], 120),
        Columna("Solicitado", lambda f: f["descripcion"], 230),
        Columna("Estado", lambda f: f["estado_texto"], 150),
        Columna("Trámite", lambda f: f["tramite"], 240),
    )
    FILAS = (("oficio", "Oficio"), ("dirigido", "Dirigido a"), ("area", "Área"), ("descripcion", "Solicitado"),
             ("analisis", "Análisis"), ("faltante", "Información faltante"), ("carpeta", "Carpeta en el hosting"),
             ("publicacion", "Publicación"), ("tramite", "Trámite"))
    VACIO = "Seleccione una solicitud de hipervínculos"
    EXCEL = "solicitudes-hipervinculos.xlsx"
    TITULO_EXCEL = "Solicitudes de hipervínculos"

    def __init__(self, sesion, padre=None) -> None:
        super().__init__(sesion, padre)
        self.boton_nueva = boton(self, tr("&Nueva solicitud…"), None, self.nueva)
        self.boton_analizar = boton(self, tr("A&nálisis…"), None, self.analizar)
        self.boton_hosting = boton(self, tr("Carga al &hosting…"), None, self.hosting)
        self.boton_publicar = boton(self, tr("Hipervínculos &elaborados…"), None, self.publicar)
        self.boton_oficio = boton(self, tr("&Oficio de respuesta"), None, self.oficio)
        self.boton_cancelar = boton(self, tr("Cancelar solicitud…"), None, self.cancelar)
        self.poner_botones()

    def botones(self) -> list[QPushButton]:
        return [self.boton_nueva, self.boton_analizar, self.boton_hosting, self.boton_publicar, self.boton_oficio,
                self.boton_cancelar]

    def listar(self, busqueda: str) -> list[dict[str, Any]]:
        return hipervinculos.solicitudes(busqueda)

    def llenar(self, f: dict[str, Any] | None) -> None:
        operar = self.puede(permisos.AVANZAR_TRAMITE)
        estado = f["estado"] if f else None
        self.boton_nueva.setEnabled(self.puede(permisos.ABRIR_TRAMITE))
        self.boton_analizar.setEnabled(operar and estado in (ANALISIS, INFORMACION_FALTANTE))
        self.boton_hosting.setEnabled(operar and estado == HOSTING)
        self.boton_publicar.setEnabled(operar and estado == ELABORACION)
        self.boton_oficio.setEnabled(estado == PUBLICADA and permisos.puede(self.sesion, permisos.EMITIR_OFICIO))
        self.boton_cancelar.setEnabled(estado in (ANALISIS, INFORMACION_FALTANTE, HOSTING, ELABORACION)
                                       and permisos.puede(self.sesion, permisos.CANCELAR_TRAMITE))
        if f is None:
            self.detalle.titulo.setText(tr(self.VACIO))
            return
        self.detalle.titulo.setText(f"{tr('Solicitud de hipervínculos')} n.º {f['id']} · {f['estado_texto']}")
        for clave, valor in (("oficio", f["numero_oficio"]), ("dirigido", hipervinculos.DIRIGIDO_A.get(f["dirigido_a"])),
                             ("area", f["area_nombre"]), ("descripcion", f["descripcion"]), ("analisis", f["analisis"]),
                             ("faltante", f["informacion_faltante"]), ("carpeta", f["carpeta"]),
                             ("publicacion", f["url_publicacion"]), ("tramite", f["tramite"])):
            self.poner(clave, valor or "")

    def _solicitud(self):
        fila = self.fila_actual()
        return hipervinculos.obtener_solicitud(fila["id"]) if fila else None

    def nueva(self, oficio_id: int | None = None) -> None:
        if not self.boton_nueva.isEnabled():
            return
        self.formulario(tr("Nueva solicitud de hipervínculos"), [
            Campo("oficio", "Oficio recibido", OPCIONES, oficio_id, opciones_oficios()),
            Campo("dirigido_a", "El oficio va dirigido a", OPCIONES, "tesorero",
                  [*[(t, c) for c, t in hipervinculos.DIRIGIDO_A.items()], (tr("Otra persona"), "otro")]),
            Campo("area", "Área de la Tesorería", OPCIONES, None, [(a.nombre, a.id) for a in hipervinculos.areas()]),
            Campo("descripcion", "Hipervínculos solicitados", TEXTO),
        ], lambda v: hipervinculos.registrar_solicitud(
            self.sesion, oficio=oficios.obtener(v["oficio"]) if v["oficio"] else None,
            area=next((a for a in hipervinculos.areas() if a.id == v["area"]), None), dirigido_a=v["dirigido_a"],
            descripcion=v["descripcion"]), aviso=comun.politica(hipervinculos.PROCEDIMIENTO, 1))

    def analizar(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_analizar.isEnabled():
            return
        self.formulario(tr("¿Contiene la información completa emitida por la dependencia?"), [
            Campo("analisis", "Análisis de la información", TEXTO),
            Campo("completa", "Respuesta", OPCIONES, True, [(tr("Sí: se carga al hosting"), True),
                                                            (tr("No: se pide lo faltante"), False)]),
            Campo("faltante", "Información faltante", TEXTO),
        ], lambda v: hipervinculos.analizar(self.sesion, solicitud, analisis=v["analisis"], completa=v["completa"],
                                            faltante=v["faltante"], version=solicitud.version))

    def hosting(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_hosting.isEnabled():
            return
        self.formulario(tr("Carga al hosting"), [Campo("carpeta", "Carpeta en el hosting", valor=solicitud.area.carpeta)],
                        lambda v: hipervinculos.cargar_hosting(self.sesion, solicitud, carpeta=v["carpeta"],
                                                               version=solicitud.version))

    def publicar(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_publicar.isEnabled():
            return

        def accion(v: dict[str, Any]):
            enlaces = []
            for numero, renglon in enumerate((v["enlaces"] or "").splitlines(), start=1):
                if not renglon.strip():
                    continue
                partes = [p.strip() for p in renglon.split("|")]
                if len(partes) != 3:
                    from app.errores import ErrorValidacion

                    raise ErrorValidacion([("enlaces", f"Renglón {numero}: escriba «fracción | periodo | dirección».")])
                enlaces.append(tuple(partes))
            return hipervinculos.publicar(self.sesion, solicitud, enlaces=enlaces, url_publicacion=v["url_publicacion"],
                                          version=solicitud.version)

        self.formulario(tr("Hipervínculos elaborados"), [
            Campo("enlaces", "Hipervínculos (fracción | periodo | dirección, uno por renglón)", TEXTO),
            Campo("url_publicacion", "Publicación en la página web (si hizo falta)"),
        ], accion, aviso=tr("Verifique que cada hipervínculo abra la información (actividad 5)."))

    def oficio(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_oficio.isEnabled():
            return
        emitido = self.confirmar_y(tr("Oficio de respuesta"), tr("¿Emitir con folio el oficio de respuesta? "
                                                                  "No se puede deshacer."),
                                   oficios_web.emitir_respuesta, self.sesion, solicitud)
        if emitido is not None:
            self.avisar(tr("Oficio emitido"), f"{tr('Se emitió el oficio')} {emitido.folio}.")

    def cancelar(self) -> None:
        solicitud = self._solicitud()
        if solicitud is None or not self.boton_cancelar.isEnabled():
            return
        self.formulario(tr("Cancelar la solicitud"), [Campo("motivo", "Motivo de la cancelación", TEXTO)],
                        lambda v: hipervinculos.cancelar(self.sesion, solicitud, v["motivo"], version=solicitud.version),
                        aviso=tr("La solicitud y su trámite quedan cancelados; nada se borra."),
                        texto_aceptar="Cancelar solicitud")

