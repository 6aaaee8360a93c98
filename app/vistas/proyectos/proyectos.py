"""Pestaña «Proyectos»: proyectos de TI de los procedimientos 3, 11, 13, 15 y 18.

La tabla rápida lista los proyectos (filtrar al teclear, ordenar por encabezado, exportar a Excel); el
panel de detalle muestra la viabilidad, las versiones del diseño con su historia, las reuniones, los
entregables y el plan de trabajo como un Gantt, y los botones de cada acción del manual.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)

from app.errores import ErrorDTI
from app.modelos import Proyecto, ServidorPublico, Usuario
from app.modelos.proyectos import (DESARROLLO, DISENO, ESPERA_HARDWARE, ESTADOS_VERSION, IMPLEMENTADO, NO_VIABLE,
                                   OBSERVADO, PLANEACION, POR_APROBAR, REGISTRADO, REVISION_BETA, TIPOS_ENTREGABLE)
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import permisos
from app.servicios.oficios import oficios
from app.servicios.proyectos import flujo, oficios_proyecto, proyectos
from app.servicios.tramites import expediente
from app.vistas.comun.ayudas import boton, exportar_listado
from app.vistas.comun.comunes import abrir_dialogo, avisar, confirmar, division_lista_detalle, ejecutar, tr
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros
from app.vistas.proyectos.dialogos import Campo, DialogoCampos, fecha_texto
from app.vistas.proyectos.gantt import Gantt

COLUMNAS = (
    Columna("Proyecto", lambda f: f["nombre"], 190),
    Columna("Tipo", lambda f: f"{f['procedimiento']} · {f['tipo']}", 120),
    Columna("Dependencia", lambda f: f["dependencia"] or "", 130),
    Columna("Oficio", lambda f: f["numero_oficio"] or "", 90),
    Columna("Etapa", lambda f: f["etapa_texto"], 140),
    Columna("Avance %", lambda f: f["avance"], 70, derecha=True),
    Columna("Trámite", lambda f: f["expediente"], 320),
)
COLUMNA_ELASTICA = 0


def _servidores() -> list[tuple[str, Any]]:
    institucion = catalogos.institucion()
    lista: list[tuple[str, Any]] = []
    if institucion.tesorero_id:
        lista.append((f"{institucion.tesorero.nombre} — {institucion.tesorero.cargo}", institucion.tesorero.id))
    if institucion.titular_dti_id:
        lista.append((f"{institucion.titular_dti.nombre} — {institucion.titular_dti.cargo} (con autorización)",
                      institucion.titular_dti.id))
    return lista


class VistaProyectos(QWidget):
    """Proyectos con su viabilidad, diseño por versiones, plan de trabajo, beta, entregables y oficios."""

    TITULO = "Proyectos"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.proyecto: Proyecto | None = None
        self.dialogo: QDialog | None = None
        self._registros: list[dict[str, Any]] = []
        self.boton_nuevo = boton(self, tr("&Nuevo proyecto…"), "Ctrl+N", self.nuevo_proyecto)
        self.boton_exportar = boton(self, tr("Exportar a E&xcel…"), "Ctrl+Shift+X", self.exportar)
        self.filtro = QComboBox(self)
        self.filtro.addItem(tr("Todos los procedimientos"), None)
        for numero, nombre in flujo.NOMBRES.items():
            self.filtro.addItem(f"{numero} · {nombre}", numero)
        self.filtro.currentIndexChanged.connect(lambda _i: self.refrescar())
        etiqueta = QLabel(tr("&Procedimiento:"), self)
        etiqueta.setBuddy(self.filtro)
        arriba = QHBoxLayout()
        for w in (self.boton_nuevo, self.boton_exportar):
            arriba.addWidget(w)
        arriba.addSpacing(12)
        arriba.addWidget(etiqueta)
        arriba.addWidget(self.filtro)
        arriba.addStretch(1)
        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por proyecto, dependencia, oficio o etapa…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(COLUMNA_ELASTICA, QHeaderView.ResizeMode.Stretch)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(division_lista_detalle(self, self.tabla, self._crear_detalle(), [820, 520]), 1)
        self.refrescar()

    def _crear_detalle(self) -> QWidget:
        detalle = PanelDetalle(self, tr("Seleccione un proyecto"), (
            ("tipo", "Procedimiento"), ("solicitud", "Solicitud"), ("etapa", "Etapa"), ("tramite", "Trámite"),
            ("viabilidad", "Viabilidad"), ("hardware", "Hardware faltante"), ("beta", "Beta"),
            ("entrega", "Entrega")), ancho_minimo=480)
        self.titulo_detalle, self.formulario, self.campos = detalle.titulo, detalle.formulario, detalle.campos
        self.versiones = QListWidget(detalle.panel)
        self.versiones.setWordWrap(True)
        self.versiones.setMinimumHeight(60)
        self.versiones.setMaximumHeight(96)
        detalle.agregar_fila("Diseño (versiones)", self.versiones)
        self.gantt = Gantt(detalle.panel)
        detalle.agregar_fila("Plan de trabajo", self.gantt)
        self.otros = QListWidget(detalle.panel)
        self.otros.setWordWrap(True)
        self.otros.setMinimumHeight(50)
        self.otros.setMaximumHeight(80)
        detalle.agregar_fila("Reuniones y entregables", self.otros)
        self.botones: dict[str, QPushButton] = {}
        acciones = (("viabilidad", "Evaluar &viabilidad…", self.evaluar), ("reunion", "&Reunión y minuta…", self.reunion),
                    ("requerimientos", "Re&querimientos…", self.requerimientos), ("tarea", "Agregar &tarea…", self.tarea),
                    ("plan", "Presentar &plan", self.presentar_plan), ("hardware", "&Hardware…", self.hardware),
                    ("proponer", "Proponer &diseño…", self.proponer), ("resolver", "Re&solver diseño…", self.resolver),
                    ("iniciar", "&Iniciar desarrollo", self.iniciar), ("beta", "Presentar &beta…", self.beta),
                    ("resolver_beta", "Resolver b&eta…", self.resolver_beta),
                    ("entregable", "Adjuntar entre&gable…", self.entregable),
                    ("responder", "Responder n&o viable…", self.responder), ("entregar", "Entre&gar con oficio…",
                                                                              self.entregar))
        for clave, texto, accion in acciones:
            self.botones[clave] = boton(self, tr(texto), None, accion)
        detalle.agregar_botones(list(self.botones.values()), columnas=3)
        return detalle

    # --- Datos ---------------------------------------------------------------------------------

    def refrescar(self) -> None:
        self._registros = ejecutar(self, proyectos.consultar, self.tabla.busqueda.text(),
                                   self.filtro.currentData()) or []
        self.tabla.cargar(self._registros)
        self._mostrar(self.tabla.id_actual())

    def seleccionar(self, identificador: int) -> None:
        self.refrescar()
        if self.tabla.modelo.fila_de(identificador) < 0:
            quitar_filtros(self.tabla, self.filtro)
            self.refrescar()
        fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self.tabla.vista.scrollTo(self.tabla.modelo.index(fila, 0))
            self._mostrar(identificador)

    def _fila(self, clave: str, texto: str) -> None:
        self.campos[clave].setText(texto)
        self.formulario.setRowVisible(self.campos[clave], bool(texto))

    def _mostrar(self, identificador: Any) -> None:
        self.proyecto = Proyecto.get_or_none(Proyecto.id == identificador) if identificador else None
        for clave in self.campos:
            self._fila(clave, "")
        self.versiones.clear()
        self.otros.clear()
        p = self.proyecto
        if p is None:
            self.titulo_detalle.setText(tr("Seleccione un proyecto"))
            self.gantt.cargar([])
            self._actualizar()
            return
        self.titulo_detalle.setText(p.nombre)
        self._fila("tipo", f"{p.procedimiento} · {flujo.NOMBRES[p.procedimiento]}")
        oficio = p.oficio.numero_oficio or tr("(sin número)") if p.oficio_id else ""
        self._fila("solicitud", " · ".join(x for x in (p.dependencia.nombre if p.dependencia_id else "",
                                                       tr("oficio ") + oficio if oficio else "") if x))
        self._fila("etapa", proyectos.ETAPAS.get(p.etapa, p.etapa))
        self._fila("tramite", expediente.resumen_de(p.expediente_id))
        if p.viable is not None:
            criterios = proyectos.criterios_evaluados(p)
            ultima = max((c["ronda"] for c in criterios), default=0)
            marcas = "\n".join(f"{'✔' if c['cumple'] else '✘'} {c['etiqueta']}" for c in criterios
                               if c["ronda"] == ultima)
            costo = f"\n{tr('Costo estimado')}: ${p.costo_estimado:,.2f}" if p.costo_estimado is not None else ""
            self._fila("viabilidad", f"{tr('Viable') if p.viable else tr('No viable')}\n{marcas}{costo}")
        self._fila("hardware", p.hardware_faltante)
        if p.beta_version:
            estado = tr("aceptada") if p.beta_aceptada_en else tr("en revisión")
            self._fila("beta", f"{p.beta_version} ({estado}) {p.beta_url}".strip())
        if p.oficio_entrega_id:
            autoridad = f"\n{tr('Por autorización del Tesorero')}: {p.autorizacion_tesorero}" \
                if p.autorizacion_tesorero else ""
            self._fila("entrega", f"{fecha_texto(p.implementado_el)} · {p.oficio_entrega.folio} · "
                                  f"{tr('firma')} {p.firmante_nombre}{autoridad}")
        for v in proyectos.versiones(p):
            linea = f"v{v.numero} · {ESTADOS_VERSION[v.estado]} · {v.descripcion}"
            if v.resuelto_en:
                linea += f"\n    {v.resuelto_por}, {fecha_texto(v.resuelto_en)}" + (f": {v.motivo}" if v.motivo else "")
            self.versiones.addItem(linea)
        self.gantt.cargar([(t.nombre, t.inicio, t.fin, t.avance) for t in proyectos.tareas(p)])
        for r in p.reuniones.order_by(proyectos.ReunionProyecto.fecha):
            self.otros.addItem(f"{tr('Reunión')} {fecha_texto(r.fecha)} · {r.duracion_minutos} min · {r.acuerdos}")
        for e in proyectos.entregables(p):
            self.otros.addItem(f"{TIPOS_ENTREGABLE[e.tipo]}: {e.nombre}")
        self._actualizar()

    def _actualizar(self) -> None:
        p = self.proyecto
        avanzar = permisos.puede(self.sesion, permisos.AVANZAR_TRAMITE)
        self.boton_nuevo.setEnabled(permisos.puede(self.sesion, permisos.ABRIR_TRAMITE))
        self.boton_exportar.setEnabled(permisos.puede(self.sesion, permisos.EXPORTAR))
        etapa = p.etapa if p is not None else ""
        proc = p.procedimiento if p is not None else 0
        ultima = proyectos.versiones(p)[-1] if p is not None and proyectos.versiones(p) else None
        aplica = {
            "viabilidad": etapa in (REGISTRADO, NO_VIABLE, OBSERVADO) and not (proc == 3 and etapa == NO_VIABLE),
            "reunion": etapa not in ("", "entregado", "cancelado"),
            "requerimientos": proc == 11 and etapa == PLANEACION,
            "tarea": etapa not in ("", "entregado", "cancelado"),
            "plan": etapa == PLANEACION and proc in (11, 13),
            "hardware": proc == 11 and etapa in (PLANEACION, ESPERA_HARDWARE, DISENO),
            "proponer": etapa in (PLANEACION, DISENO, ESPERA_HARDWARE) and (ultima is None or ultima.estado == "rechazada"),
            "resolver": ultima is not None and ultima.estado == POR_APROBAR,
            "iniciar": ultima is not None and ultima.estado == "aprobada" and etapa in (DISENO, PLANEACION),
            "beta": proc in flujo.CON_BETA and etapa == DESARROLLO,
            "resolver_beta": etapa == REVISION_BETA,
            "entregable": etapa not in ("", "entregado", "cancelado"),
            "responder": etapa in (NO_VIABLE, OBSERVADO) and proc in (3, 18) and (proc != 3 or p.oficio_respuesta_id is None),
            "entregar": etapa == IMPLEMENTADO or (etapa == DESARROLLO and proc not in flujo.CON_BETA),
        }
        for clave, b in self.botones.items():
            b.setEnabled(avanzar and aplica[clave])
            b.setToolTip(b.property("ayuda") if aplica[clave] else tr("No aplica en la etapa actual del proyecto."))

    # --- Acciones ------------------------------------------------------------------------------

    def _dialogo(self, titulo: str, campos: list[Campo], accion, texto: str = "Guardar") -> None:
        identificador = self.proyecto.id if self.proyecto is not None else None

        def listo(dialogo: DialogoCampos) -> None:
            nuevo = dialogo.resultado if isinstance(dialogo.resultado, Proyecto) else None
            self.seleccionar(nuevo.id if nuevo is not None else identificador)

        abrir_dialogo(self, DialogoCampos(titulo, campos, accion, texto, self), listo, self.refrescar)

    def nuevo_proyecto(self, oficio_id: int | None = None, procedimiento: int | None = None) -> None:
        if not self.boton_nuevo.isEnabled():
            return
        entrantes = [((f["numero_oficio"] or tr("(sin número)")) + " — " + (f.get("procedencia") or "") + " — "
                      + (f["descripcion"] or "")[:60], f["id"])
                     for f in oficios.consultar(oficios.ENTRANTE, limite=300) if f["estado"] not in ("cancelado",
                                                                                              "archivado", "descartado")]
        campos = [Campo("procedimiento", tr("&Procedimiento:"), "opcion",
                        [(f"{n} · {t}", n) for n, t in flujo.NOMBRES.items()], procedimiento),
                  Campo("nombre", tr("&Nombre del proyecto:")),
                  Campo("oficio", tr("&Oficio de solicitud:"), "opcion", [(tr("(elija el oficio)"), None)] + entrantes,
                        oficio_id),
                  Campo("descripcion", tr("&Descripción:"), "largo")]

        def crear(v: dict[str, Any]) -> Proyecto:
            oficio = oficios.obtener(v["oficio"]) if v["oficio"] else None
            return proyectos.registrar(self.sesion, procedimiento=v["procedimiento"], nombre=v["nombre"],
                                       oficio=oficio, descripcion=v["descripcion"])

        self.proyecto = None
        self._dialogo(tr("Nuevo proyecto"), campos, crear, tr("Registrar"))

    def evaluar(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo(clave, texto, "si_no", inicial=True) for clave, texto in proyectos.criterios_de(p.procedimiento)]
        campos += [Campo("justificacion", tr("&Justificación:"), "largo"), Campo("costo_estimado", tr("&Costo estimado:"))]
        claves = [c for c, _ in proyectos.criterios_de(p.procedimiento)]
        self._dialogo(tr("Viabilidad del proyecto"), campos, lambda v: proyectos.evaluar_viabilidad(
            self.sesion, p, {c: v[c] for c in claves}, justificacion=v["justificacion"],
            costo_estimado=v["costo_estimado"]))

    def reunion(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("fecha", tr("&Fecha y hora:"), "fecha_hora"),
                  Campo("duracion", tr("D&uración (min):"), "entero", inicial=45, minimo=1, maximo=600),
                  Campo("asistentes", tr("&Asistentes:"), "largo"), Campo("acuerdos", tr("A&cuerdos:"), "largo"),
                  Campo("requerimientos", tr("&Requerimientos (uno por renglón):"), "largo"),
                  Campo("minuta", tr("&Minuta (PDF, Word u ODT):"), "archivo")]
        self._dialogo(tr("Reunión con la dependencia"), campos, lambda v: proyectos.registrar_reunion(
            self.sesion, p, fecha=v["fecha"], duracion_minutos=v["duracion"], asistentes=v["asistentes"],
            acuerdos=v["acuerdos"], minuta=v["minuta"],
            requerimientos=[r for r in v["requerimientos"].splitlines() if r.strip()]))

    def requerimientos(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("completos", tr("La información de la dependencia está completa"), "si_no"),
                  Campo("nuevo", tr("&Agregar requerimiento:"), "largo"),
                  Campo("faltante", tr("&Información faltante:"), "largo")]

        def aplicar(v: dict[str, Any]) -> Proyecto:
            if v["nuevo"].strip():
                proyectos.agregar_requerimiento(self.sesion, p, v["nuevo"])
            return proyectos.revisar_requerimientos(self.sesion, p, v["completos"], v["faltante"])

        self._dialogo(tr("Requerimientos del sistema"), campos, aplicar)

    def tarea(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("nombre", tr("&Tarea:")), Campo("responsable", tr("&Responsable:")),
                  Campo("inicio", tr("&Inicio:"), "fecha"), Campo("fin", tr("&Fin:"), "fecha"),
                  Campo("avance", tr("&Avance (%):"), "entero", inicial=0, minimo=0, maximo=100)]
        self._dialogo(tr("Tarea del plan de trabajo"), campos, lambda v: proyectos.guardar_tarea(
            self.sesion, p, nombre=v["nombre"], responsable=v["responsable"], inicio=v["inicio"], fin=v["fin"],
            avance=v["avance"]))

    def _confirmada(self, titulo: str, pregunta: str, funcion) -> None:
        p = self.proyecto
        if p is not None and confirmar(self, titulo, pregunta):
            ejecutar(self, funcion, self.sesion, p)
            self.seleccionar(p.id)

    def presentar_plan(self) -> None:
        self._confirmada(tr("Presentar plan de trabajo"), tr("¿Se presentó el plan de trabajo a la dependencia?"),
                         proyectos.presentar_plan)

    def iniciar(self) -> None:
        self._confirmada(tr("Iniciar desarrollo"), tr("¿Iniciar el desarrollo con la versión aprobada del diseño?"),
                         proyectos.iniciar_desarrollo)

    def hardware(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("cuenta", tr("La dependencia cuenta con la infraestructura de hardware"), "si_no"),
                  Campo("faltante", tr("&Hardware que le falta:"), "largo")]
        self._dialogo(tr("Hardware de la dependencia"), campos,
                      lambda v: proyectos.verificar_hardware(self.sesion, p, v["cuenta"], v["faltante"]))

    def proponer(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("descripcion", tr("&Descripción de la versión:"), "largo"),
                  Campo("archivo", tr("&Archivo del diseño (opcional):"), "archivo")]
        self._dialogo(tr("Nueva versión del diseño"), campos, lambda v: proyectos.proponer_version(
            self.sesion, p, descripcion=v["descripcion"], archivo=v["archivo"]))

    def resolver(self) -> None:
        p = self.proyecto
        lista = proyectos.versiones(p) if p is not None else []
        if not lista:
            return
        version = lista[-1]
        campos = [Campo("aprobada", tr("Opción"), "opcion", [(tr("Aprobada por la dependencia"), True),
                                                             (tr("Rechazada por la dependencia"), False)]),
                  Campo("resuelto_por", tr("&Quién resolvió:"), inicial=p.solicitante.nombre if p.solicitante_id
                        else (p.oficio.solicitante_nombre if p.oficio_id else "")),
                  Campo("motivo", tr("&Motivo del rechazo u observaciones:"), "largo")]
        campos[0].etiqueta = tr("&Resolución de la versión {n}:").format(n=version.numero)
        self._dialogo(tr("Resolver la versión {n} del diseño").format(n=version.numero), campos,
                      lambda v: proyectos.resolver_version(self.sesion, version, aprobada=v["aprobada"],
                                                           resuelto_por=v["resuelto_por"], motivo=v["motivo"]))

    def beta(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("version_beta", tr("&Versión de la beta:")), Campo("url", tr("&Dirección (opcional):"))]
        self._dialogo(tr("Presentar beta"), campos, lambda v: proyectos.presentar_beta(
            self.sesion, p, version_beta=v["version_beta"], url=v["url"]))

    def resolver_beta(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("aceptada", tr("La dependencia acepta la beta"), "si_no"),
                  Campo("observaciones", tr("&Observaciones o ajustes:"), "largo")]
        self._dialogo(tr("Resolver beta"), campos, lambda v: proyectos.resolver_beta(
            self.sesion, p, aceptada=v["aceptada"], observaciones=v["observaciones"]))

    def entregable(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("tipo", tr("&Tipo:"), "opcion", list((t, c) for c, t in TIPOS_ENTREGABLE.items())),
                  Campo("archivo", tr("&Archivo:"), "archivo")]
        self._dialogo(tr("Adjuntar entregable"), campos,
                      lambda v: proyectos.adjuntar_entregable(self.sesion, p, v["tipo"], v["archivo"]))

    def _firma(self, p: Proyecto) -> list[Campo]:
        if p.procedimiento not in flujo.FIRMA_TESORERO:
            return []
        return [Campo("firmante", tr("&Firma:"), "opcion", _servidores()),
                Campo("autorizacion", tr("Autori&zación del Tesorero (oficio y fecha):"))]

    def _firmante(self, v: dict[str, Any]) -> ServidorPublico | None:
        return ServidorPublico.get_or_none(ServidorPublico.id == v["firmante"]) if v.get("firmante") else None

    def responder(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("motivo", tr("&Motivo u observaciones:"), "largo")] + self._firma(p)
        self._dialogo(tr("Respuesta a la dependencia"), campos, lambda v: oficios_proyecto.responder_no_viable(
            self.sesion, p, motivo=v["motivo"], firmante=self._firmante(v), autorizacion=v.get("autorizacion", "")),
            tr("Emitir oficio"))

    def entregar(self) -> None:
        p = self.proyecto
        if p is None:
            return
        campos = [Campo("fecha", tr("&Fecha de implementación:"), "fecha"), Campo("url", tr("&Dirección:"))]
        if p.procedimiento in flujo.CON_DOCUMENTACION:
            campos.append(Campo("fuente", tr("&Ubicación del código fuente:"), inicial=p.ubicacion_fuente))
        if p.procedimiento == 18:
            campos += [Campo("ubicacion", tr("&Lugar de la instalación:")),
                       Campo("trabajos", tr("&Trabajos realizados:"), "largo")]
        campos += self._firma(p)

        def entregar(v: dict[str, Any]):
            if not confirmar(self, tr("Entregar con oficio"), tr("Se emitirá el oficio de entrega con folio y el "
                                                               "trámite concluirá. ¿Continuar?")):
                raise ErrorDTI(tr("No se emitió el oficio."))
            oficios_proyecto.entregar(self.sesion, p, fecha=v["fecha"], url=v["url"], ubicacion_fuente=v.get("fuente", ""),
                                      ubicacion=v.get("ubicacion", ""), trabajos_realizados=v.get("trabajos", ""),
                                      firmante=self._firmante(v), autorizacion=v.get("autorizacion", ""))
            return p

        self._dialogo(tr("Entregar el proyecto"), campos, entregar, tr("Emitir oficio de entrega"))

    def exportar(self) -> None:
        if self.boton_exportar.isEnabled():
            exportar_listado(self, tr("Proyectos"), COLUMNAS, self._registros, "proyectos.xlsx")

    # --- Expediente único --------------------------------------------------------------------

    def mostrar_expediente(self, tramite_id: int) -> None:
        """Selecciona el proyecto cuyo trámite es ``tramite_id``."""
        proyecto = ejecutar(self, proyectos.por_expediente, tramite_id)
        if proyecto is not None:
            self.seleccionar(proyecto.id)

    def nuevo_caso(self, procedimiento: int | None = None, oficio_id: int | None = None) -> None:
        """Un proyecto nuevo del procedimiento dado, con ese oficio recibido ya elegido."""
        if not self.boton_nuevo.isEnabled():
            avisar(self, tr("Nuevo proyecto"), tr("Su cuenta no puede registrar proyectos."))
            return
        self.nuevo_proyecto(oficio_id, procedimiento)
