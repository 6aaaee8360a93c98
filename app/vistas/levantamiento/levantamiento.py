"""Ventana de levantamiento físico: recorrer una dependencia o ubicación leyendo las etiquetas QR.

El lector USB teclea el número y un Enter en cualquier parte de la ventana (``CapturaLector``).
Cada lectura responde al instante con un aviso grande de color y un sonido distinto por
resultado: verde encontrado, ámbar otra área (dice cuál), rojo dado de baja o desconocido, gris
repetido. Se puede pausar y reanudar; al cerrar se muestra el informe (faltantes, sobrantes, mal
ubicados) con PDF, Excel y los cambios de resguardante de los mal ubicados.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QButtonGroup, QComboBox, QFrame,
                               QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QRadioButton, QStackedWidget, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import abrir_archivo, guardar_como
from app.modelos.levantamiento import (CERRADO, DADO_DE_BAJA, DESCONOCIDO, EN_CURSO, ENCONTRADO, OTRA_AREA, PAUSADO,
                                       REPETIDO, RESULTADOS_LECTURA)
from app.servicios.catalogos import catalogos
from app.servicios.levantamiento import archivo as levantamiento_archivo, levantamiento
from app.vistas.comun import impresion
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, tr
from app.vistas.levantamiento.lector import CapturaLector
from app.vistas.comun.archivos import carpeta_documentos, escribir_archivo
from app.vistas.comun.pantalla import acotar

# (fondo, texto) del aviso grande por resultado.
COLORES: dict[str, tuple[str, str]] = {
    ENCONTRADO: ("#1e7d32", "#ffffff"),
    OTRA_AREA: ("#f2a900", "#1a1a1a"),
    DADO_DE_BAJA: ("#c62828", "#ffffff"),
    DESCONOCIDO: ("#c62828", "#ffffff"),
    REPETIDO: ("#757575", "#ffffff"),
}
# Fondo suave de cada lectura en la lista (el texto sigue negro: se lee bien).
FONDOS_LISTA: dict[str, str] = {OTRA_AREA: "#fff1c7", DADO_DE_BAJA: "#fde0de", DESCONOCIDO: "#fde0de",
                                REPETIDO: "#eeeeee"}
# Pitidos por resultado: se distinguen sin mirar la pantalla.
PITIDOS: dict[str, int] = {ENCONTRADO: 1, OTRA_AREA: 2, DADO_DE_BAJA: 3, DESCONOCIDO: 3, REPETIDO: 1}
ESPERA_ENTRE_PITIDOS_MS = 140
TITULOS_AVISO: dict[str, str] = {
    ENCONTRADO: "ENCONTRADO",
    OTRA_AREA: "OTRA ÁREA",
    DADO_DE_BAJA: "DADO DE BAJA",
    DESCONOCIDO: "DESCONOCIDO",
    REPETIDO: "REPETIDO",
}


def sonar(resultado: str) -> None:
    """Uno, dos o tres pitidos según el resultado (QApplication.beep: no requiere QtMultimedia)."""
    for i in range(PITIDOS.get(resultado, 1)):
        QTimer.singleShot(i * ESPERA_ENTRE_PITIDOS_MS, QApplication.beep)


def _tabla(padre: QWidget, titulos: list[str], anchos: list[int]) -> QTableWidget:
    """Tabla de solo lectura (cientos de filas a lo más: las de un levantamiento)."""
    tabla = QTableWidget(0, len(titulos), padre)
    tabla.setHorizontalHeaderLabels(titulos)
    tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabla.verticalHeader().setVisible(False)
    tabla.verticalHeader().setDefaultSectionSize(24)
    tabla.setWordWrap(False)
    tabla.horizontalHeader().setStretchLastSection(True)
    tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for i, ancho in enumerate(anchos):
        tabla.setColumnWidth(i, ancho)
    return tabla


def _llenar(tabla: QTableWidget, filas: list[list[str]], fondos: list[QColor | None] | None = None) -> None:
    tabla.setRowCount(len(filas))
    for f, fila in enumerate(filas):
        for c, valor in enumerate(fila):
            celda = QTableWidgetItem(str(valor))
            if fondos and fondos[f] is not None:
                celda.setBackground(fondos[f])
            tabla.setItem(f, c, celda)


def _fondo(resultado: str) -> QColor | None:
    color = FONDOS_LISTA.get(resultado)
    return QColor(color) if color else None


class VentanaLevantamiento(QWidget):
    """Ventana independiente del levantamiento: elegir ámbito → leer → informe."""

    def __init__(self, sesion, parent: QWidget | None = None, levantamiento_id: int | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.sesion = sesion
        self.lev = None                       # Levantamiento en curso (objeto del servicio)
        self.ultimo = None                    # último Resultado
        self.informe = None
        self.dialogo = None
        self.setWindowTitle(tr("Levantamiento físico del inventario"))
        acotar(self, 1100, 760)
        self.paginas = QStackedWidget(self)
        self.paginas.addWidget(self._pagina_inicio())
        self.paginas.addWidget(self._pagina_lectura())
        self.paginas.addWidget(self._pagina_informe())
        capa = QVBoxLayout(self)
        capa.addWidget(self.paginas)
        self.lector = CapturaLector(self, self.entrada)
        self.lector.leido.connect(self.leer)
        self.lector.activa = False
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, activated=self.pausar_o_reanudar)
        self._cargar_inicio()
        if levantamiento_id is not None:
            self.abrir(levantamiento_id)

    # --- Página 1: elegir qué se recorre -----------------------------------------------------------

    def _pagina_inicio(self) -> QWidget:
        pagina = QWidget(self)
        capa = QVBoxLayout(pagina)
        nuevo = QGroupBox(tr("Nuevo levantamiento"), pagina)
        rejilla = QGridLayout(nuevo)
        self.por_dependencia = QRadioButton(tr("Por dependencia:"), nuevo)
        self.por_ubicacion = QRadioButton(tr("Por ubicación (edificio y área):"), nuevo)
        self.por_dependencia.setChecked(True)
        grupo = QButtonGroup(nuevo)
        grupo.addButton(self.por_dependencia)
        grupo.addButton(self.por_ubicacion)
        self.dependencia = QComboBox(nuevo)
        self.dependencia.setMinimumContentsLength(40)
        self.ubicacion = QComboBox(nuevo)
        self.ubicacion.setMinimumContentsLength(40)
        self.boton_iniciar = QPushButton(tr("Iniciar levantamiento"), nuevo)
        self.boton_iniciar.setDefault(True)
        rejilla.addWidget(self.por_dependencia, 0, 0)
        rejilla.addWidget(self.dependencia, 0, 1)
        rejilla.addWidget(self.por_ubicacion, 1, 0)
        rejilla.addWidget(self.ubicacion, 1, 1)
        rejilla.addWidget(self.boton_iniciar, 2, 1, Qt.AlignmentFlag.AlignRight)
        rejilla.setColumnStretch(1, 1)
        self.dependencia.currentIndexChanged.connect(lambda _i: self.por_dependencia.setChecked(True))
        self.ubicacion.currentIndexChanged.connect(lambda _i: self.por_ubicacion.setChecked(True))
        self.boton_iniciar.clicked.connect(self.iniciar)
        anteriores = QGroupBox(tr("Levantamientos anteriores"), pagina)
        capa_ant = QVBoxLayout(anteriores)
        self.tabla_anteriores = _tabla(anteriores, [tr("Núm."), tr("Ámbito"), tr("Estado"), tr("Iniciado"),
                                                    tr("Avance")], [60, 380, 100, 140, 120])
        self.tabla_anteriores.doubleClicked.connect(lambda _i: self.continuar())
        botones = QHBoxLayout()
        self.boton_continuar = QPushButton(tr("Continuar / ver informe"), anteriores)
        self.boton_continuar.clicked.connect(self.continuar)
        self.boton_importar = QPushButton(tr("Importar lecturas hechas sin red…"), anteriores)
        self.boton_importar.setToolTip(tr("Traer las lecturas que se hicieron en la laptop (archivo .dti-lev.json)"))
        self.boton_importar.clicked.connect(self.importar_fuera_de_linea)
        self.boton_preparar = QPushButton(tr("Preparar esta laptop con un archivo…"), anteriores)
        self.boton_preparar.setToolTip(tr("En la laptop sin red: cargar el levantamiento exportado en la oficina"))
        self.boton_preparar.clicked.connect(self.preparar_laptop)
        botones.addWidget(self.boton_continuar)
        botones.addStretch(1)
        botones.addWidget(self.boton_importar)
        botones.addWidget(self.boton_preparar)
        capa_ant.addWidget(self.tabla_anteriores)
        capa_ant.addLayout(botones)
        capa.addWidget(nuevo)
        capa.addWidget(anteriores, 1)
        return pagina

    def _cargar_inicio(self) -> None:
        self.dependencia.blockSignals(True)
        self.ubicacion.blockSignals(True)
        self.dependencia.clear()
        for dependencia in comunes.ejecutar(self, catalogos.dependencias) or []:
            self.dependencia.addItem(dependencia.nombre, dependencia.id)
        self.ubicacion.clear()
        for fila in comunes.ejecutar(self, levantamiento.ubicaciones) or []:
            nombre = fila["edificio"] + (f" › {fila['area']}" if fila["area"] else "")
            self.ubicacion.addItem(tr("{lugar} ({n} bienes)").format(lugar=nombre, n=fila["bienes"]),
                                   (fila["edificio"], fila["area"]))
        self.dependencia.blockSignals(False)
        self.ubicacion.blockSignals(False)
        self._anteriores = comunes.ejecutar(self, levantamiento.consultar) or []
        _llenar(self.tabla_anteriores, [[str(f["id"]), f["ambito"], f["estado_nombre"],
                                         f"{f['iniciado_en']:%d/%m/%Y %H:%M}",
                                         f"{f['encontrados']:,} de {f['esperados']:,}"] for f in self._anteriores])
        self.boton_continuar.setEnabled(bool(self._anteriores))
        if self._anteriores:
            self.tabla_anteriores.selectRow(0)

    def iniciar(self) -> None:
        if self.por_dependencia.isChecked():
            argumentos: dict[str, Any] = {"dependencia_id": self.dependencia.currentData()}
        else:
            edificio, area = self.ubicacion.currentData() or ("", "")
            argumentos = {"edificio": edificio, "area": area}
        lev = comunes.ejecutar(self, levantamiento.iniciar, self.sesion, **argumentos)
        if lev is not None:
            self.abrir(lev.id)

    def continuar(self) -> None:
        fila = self.tabla_anteriores.currentRow()
        if 0 <= fila < len(self._anteriores):
            self.abrir(self._anteriores[fila]["id"])

    def abrir(self, levantamiento_id: int) -> None:
        """Muestra el levantamiento: la lectura si está en curso o pausado, el informe si está cerrado."""
        lev = comunes.ejecutar(self, levantamiento.obtener, levantamiento_id)
        if lev is None:
            return
        self.lev = lev
        if lev.estado == CERRADO:
            self._mostrar_informe(comunes.ejecutar(self, levantamiento.calcular_informe, lev.id))
            return
        self.titulo_lectura.setText(tr("Levantamiento {n}: {ambito}").format(n=lev.id, ambito=levantamiento.ambito(lev)))
        self._poner_aviso(None, tr("Lea una etiqueta con el lector"), "")
        self._actualizar_progreso(*(comunes.ejecutar(self, levantamiento.progreso, lev.id) or (0, 0)))
        self._cargar_lecturas()
        self.paginas.setCurrentIndex(1)
        self._actualizar_estado()
        self.entrada.setFocus()

    # --- Página 2: lectura ---------------------------------------------------------------------------

    def _pagina_lectura(self) -> QWidget:
        pagina = QWidget(self)
        capa = QVBoxLayout(pagina)
        self.titulo_lectura = etiqueta_plana("", pagina)
        self.titulo_lectura.setStyleSheet("font-size: 14pt; font-weight: bold;")
        capa.addWidget(self.titulo_lectura)
        self.aviso = QFrame(pagina)
        self.aviso.setObjectName("aviso")
        self.aviso.setMinimumHeight(150)
        capa_aviso = QVBoxLayout(self.aviso)
        self.aviso_titulo = QLabel(self.aviso)
        self.aviso_titulo.setObjectName("aviso_titulo")
        self.aviso_titulo.setTextFormat(Qt.TextFormat.PlainText)
        self.aviso_titulo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.aviso_detalle = etiqueta_plana("", self.aviso)
        self.aviso_detalle.setObjectName("aviso_detalle")
        self.aviso_detalle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        capa_aviso.addWidget(self.aviso_titulo)
        capa_aviso.addWidget(self.aviso_detalle)
        capa.addWidget(self.aviso)
        fila_progreso = QHBoxLayout()
        self.progreso = QProgressBar(pagina)
        self.progreso.setTextVisible(False)
        self.texto_progreso = QLabel(pagina)
        self.texto_progreso.setTextFormat(Qt.TextFormat.PlainText)
        self.texto_progreso.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.progreso.setMinimumHeight(28)
        fila_progreso.addWidget(self.progreso, 1)
        fila_progreso.addWidget(self.texto_progreso)
        capa.addLayout(fila_progreso)
        fila_entrada = QHBoxLayout()
        self.entrada = QLineEdit(pagina)
        self.entrada.setPlaceholderText(tr("Número de inventario (el lector lo escribe solo; también a mano + Enter)"))
        self.estado = QLabel(pagina)
        self.estado.setTextFormat(Qt.TextFormat.PlainText)
        fila_entrada.addWidget(QLabel(tr("Lectura:"), pagina))
        fila_entrada.addWidget(self.entrada, 1)
        fila_entrada.addWidget(self.estado)
        capa.addLayout(fila_entrada)
        self.tabla_lecturas = _tabla(pagina, [tr("Hora"), tr("Número"), tr("Resultado"), tr("Descripción"),
                                              tr("Pertenece a")], [80, 150, 160, 300, 260])
        self.tabla_lecturas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        capa.addWidget(self.tabla_lecturas, 1)
        botones = QHBoxLayout()
        self.boton_pausar = QPushButton(tr("Pausar"), pagina)
        self.boton_pausar.setToolTip(tr("Pausar o reanudar (Ctrl+Shift+P)"))
        self.boton_pausar.clicked.connect(self.pausar_o_reanudar)
        self.boton_exportar = QPushButton(tr("Exportar a archivo (trabajo sin red)…"), pagina)
        self.boton_exportar.setToolTip(tr("Llevar este levantamiento a una laptop sin red, o traer de la laptop "
                                          "lo que se leyó"))
        self.boton_cerrar_lev = QPushButton(tr("Cerrar levantamiento e informe"), pagina)
        self.boton_volver = QPushButton(tr("Otro levantamiento"), pagina)
        self.boton_cerrar_lev.clicked.connect(self.cerrar_levantamiento)
        self.boton_volver.clicked.connect(self.volver_al_inicio)
        self.boton_exportar.clicked.connect(self.exportar_fuera_de_linea)
        for boton in (self.boton_pausar, self.boton_exportar):
            botones.addWidget(boton)
        botones.addStretch(1)
        botones.addWidget(self.boton_volver)
        botones.addWidget(self.boton_cerrar_lev)
        capa.addLayout(botones)
        # Los botones no se quedan el foco: el Enter del lector nunca «pulsa» uno por accidente.
        for boton in (self.boton_pausar, self.boton_exportar, self.boton_cerrar_lev, self.boton_volver):
            boton.setAutoDefault(False)
            boton.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return pagina

    def _poner_aviso(self, resultado: str | None, titulo: str, detalle: str) -> None:
        fondo, letra = COLORES.get(resultado or "", ("#eceff1", "#263238"))
        # Tamaños por hoja de estilo: la de la aplicación manda sobre setFont().
        self.aviso.setStyleSheet(f"QFrame#aviso {{ background: {fondo}; border-radius: 8px; }}"
                                 f"QFrame#aviso QLabel {{ color: {letra}; background: transparent; }}"
                                 "QLabel#aviso_titulo { font-size: 34pt; font-weight: bold; }"
                                 "QLabel#aviso_detalle { font-size: 14pt; }")
        self.aviso.setProperty("resultado", resultado or "")
        self.aviso_titulo.setText(titulo)
        self.aviso_detalle.setText(detalle)

    def _actualizar_progreso(self, encontrados: int, esperados: int) -> None:
        self.progreso.setMaximum(max(esperados, 1))
        self.progreso.setValue(min(encontrados, esperados))
        self.texto_progreso.setText(tr("{e} de {t}").format(e=f"{encontrados:,}", t=f"{esperados:,}"))

    def _cargar_lecturas(self) -> None:
        filas = comunes.ejecutar(self, levantamiento.lecturas, self.lev.id) or []
        _llenar(self.tabla_lecturas,
                [[f"{f['momento']:%H:%M:%S}", f["numero"], f["resultado_nombre"], f.get("descripcion") or "",
                  f["detalle"]] for f in filas],
                [_fondo(f["resultado"]) for f in filas])

    def _actualizar_estado(self) -> None:
        en_curso = self.lev is not None and self.lev.estado == EN_CURSO
        self.lector.activa = self.lev is not None and self.lev.estado in (EN_CURSO, PAUSADO) \
            and self.paginas.currentIndex() == 1
        self.entrada.setEnabled(en_curso)
        self.boton_pausar.setText(tr("Pausar") if en_curso else tr("Reanudar"))
        self.estado.setText(tr("En curso") if en_curso else tr("PAUSADO: reanude para seguir leyendo"))

    def leer(self, texto: str) -> None:
        """Una lectura del lector (o escrita a mano + Enter)."""
        if self.lev is None:
            return
        if self.lev.estado == PAUSADO:
            self._poner_aviso(REPETIDO, tr("EN PAUSA"), tr("Reanude el levantamiento para registrar «{t}».").format(t=texto))
            sonar(DESCONOCIDO)
            return
        resultado = comunes.ejecutar(self, levantamiento.registrar_lectura, self.lev.id, texto, self.sesion)
        if resultado is None:
            return
        self.ultimo = resultado
        self._poner_aviso(resultado.tipo, tr(TITULOS_AVISO.get(resultado.tipo, resultado.nombre)), resultado.mensaje)
        sonar(resultado.tipo)
        self._actualizar_progreso(resultado.encontrados, resultado.esperados)
        if resultado.tipo != REPETIDO:
            self._agregar_lectura(resultado)

    def _agregar_lectura(self, resultado) -> None:
        from app.modelos.base import ahora

        self.tabla_lecturas.insertRow(0)
        fondo = _fondo(resultado.tipo)
        valores = [f"{ahora():%H:%M:%S}", resultado.numero, RESULTADOS_LECTURA.get(resultado.tipo, resultado.tipo),
                   resultado.descripcion, resultado.otra_area]
        for c, valor in enumerate(valores):
            celda = QTableWidgetItem(valor)
            if fondo is not None:
                celda.setBackground(fondo)
            self.tabla_lecturas.setItem(0, c, celda)

    def pausar_o_reanudar(self) -> None:
        if self.lev is None or self.lev.estado == CERRADO:
            return
        funcion = levantamiento.pausar if self.lev.estado == EN_CURSO else levantamiento.reanudar
        lev = comunes.ejecutar(self, funcion, self.sesion, self.lev.id, self.lev.version)
        if lev is not None:
            self.lev = lev
        self._actualizar_estado()
        if self.lev.estado == EN_CURSO:
            self.entrada.setFocus()

    def volver_al_inicio(self) -> None:
        self.lev = None
        self.lector.activa = False
        self._cargar_inicio()
        self.paginas.setCurrentIndex(0)

    def cerrar_levantamiento(self) -> None:
        if self.lev is None:
            return
        encontrados, esperados = comunes.ejecutar(self, levantamiento.progreso, self.lev.id) or (0, 0)
        if not comunes.confirmar(self, tr("Cerrar levantamiento"),
                                 tr("Se leyeron {e} de {t} bienes esperados. Al cerrar, el informe de faltantes, "
                                    "sobrantes y mal ubicados queda congelado y ya no se pueden agregar lecturas. "
                                    "¿Cerrar el levantamiento?").format(e=f"{encontrados:,}", t=f"{esperados:,}")):
            return
        informe = comunes.ejecutar(self, levantamiento.cerrar, self.sesion, self.lev.id, self.lev.version)
        if informe is not None:
            self.lev = levantamiento.obtener(self.lev.id)
            self._mostrar_informe(informe)

    # --- Fuera de línea ---------------------------------------------------------------------------

    def _archivo(self, guardar: bool) -> str:
        filtro = tr("Levantamiento (*.dti-lev.json);;Todos los archivos (*)")
        if guardar:
            sugerido = str(Path(carpeta_documentos()) / f"levantamiento-{self.lev.id}.dti-lev.json")
            ruta, _f = guardar_como(self, tr("Exportar levantamiento"), sugerido, filtro)
            if ruta and not ruta.lower().endswith(".json"):
                ruta += ".dti-lev.json"
            return ruta
        ruta, _f = abrir_archivo(self, tr("Archivo de levantamiento"), carpeta_documentos(), filtro)
        return ruta

    def exportar_fuera_de_linea(self) -> None:
        """Escribe el levantamiento (bienes, catálogos y lecturas) para llevarlo a la laptop o traerlo de ella."""
        if self.lev is None:
            return
        ruta = self._archivo(guardar=True)
        if not ruta:
            return
        escrito = comunes.ejecutar(self, levantamiento_archivo.exportar_levantamiento, self.lev.id, ruta)
        if escrito is not None:
            comunes.avisar(self, tr("Levantamiento exportado"),
                           tr("Se guardó en:\n{r}\n\nEn la laptop sin red use «Preparar esta laptop con un "
                              "archivo…»; al volver, «Importar lecturas hechas sin red…».").format(r=escrito))

    def importar_fuera_de_linea(self) -> None:
        """Trae las lecturas de la laptop; cada conflicto se reporta y nada se sobrescribe."""
        ruta = self._archivo(guardar=False)
        if not ruta:
            return
        resultado = comunes.ejecutar(self, levantamiento_archivo.importar_levantamiento, self.sesion, ruta)
        if resultado is None:
            return
        mensaje = tr("Lecturas importadas: {i}. Ya estaban registradas: {y}.").format(
            i=resultado.importadas, y=resultado.ya_registradas)
        if resultado.conflictos:
            mensaje += "\n\n" + tr("Conflictos ({n}):").format(n=len(resultado.conflictos)) + "\n" + \
                "\n".join(f"• {c}" for c in resultado.conflictos[:30])
            if len(resultado.conflictos) > 30:
                mensaje += "\n" + tr("… y {n} más (quedan anotados en cada lectura).").format(
                    n=len(resultado.conflictos) - 30)
        comunes.avisar(self, tr("Importación del levantamiento"), mensaje)
        self.abrir(resultado.levantamiento_id)

    def preparar_laptop(self) -> None:
        """En la laptop sin red (su propia base SQLite): carga el archivo exportado en la oficina."""
        ruta = self._archivo(guardar=False)
        if not ruta:
            return
        lev = comunes.ejecutar(self, levantamiento_archivo.preparar_campo, self.sesion, ruta)
        if lev is not None:
            self.abrir(lev.id)

    # --- Página 3: informe ----------------------------------------------------------------------

    def _pagina_informe(self) -> QWidget:
        pagina = QWidget(self)
        capa = QVBoxLayout(pagina)
        self.titulo_informe = etiqueta_plana("", pagina)
        self.titulo_informe.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.resumen_informe = etiqueta_plana("", pagina)
        capa.addWidget(self.titulo_informe)
        capa.addWidget(self.resumen_informe)
        self.pestanas_informe = QTabWidget(pagina)
        titulos = [tr("Número"), tr("Descripción"), tr("Resguardante"), tr("Dependencia"), tr("Ubicación")]
        anchos = [140, 270, 200, 200, 180]
        self.tabla_faltantes = _tabla(pagina, titulos, anchos)
        self.tabla_sobrantes = _tabla(pagina, [tr("Número"), tr("Descripción"), tr("Motivo"), tr("Leído")],
                                      [150, 300, 240, 160])
        self.tabla_mal_ubicados = _tabla(pagina, titulos[:2] + [tr("Registrado en"), tr("Resguardante")],
                                         [150, 300, 320, 220])
        self.pestanas_informe.addTab(self.tabla_faltantes, tr("Faltantes"))
        self.pestanas_informe.addTab(self.tabla_sobrantes, tr("Sobrantes"))
        self.pestanas_informe.addTab(self.tabla_mal_ubicados, tr("Mal ubicados"))
        capa.addWidget(self.pestanas_informe, 1)
        botones = QHBoxLayout()
        self.boton_pdf = QPushButton(tr("Guardar PDF…"), pagina)
        self.boton_excel = QPushButton(tr("Guardar Excel…"), pagina)
        self.boton_cambios = QPushButton(tr("Generar cambios de resguardante…"), pagina)
        self.boton_otro = QPushButton(tr("Otro levantamiento"), pagina)
        self.boton_pdf.clicked.connect(self.guardar_pdf)
        self.boton_excel.clicked.connect(self.guardar_excel)
        self.boton_cambios.clicked.connect(self.generar_cambios)
        self.boton_otro.clicked.connect(self.volver_al_inicio)
        for boton in (self.boton_pdf, self.boton_excel, self.boton_cambios):
            botones.addWidget(boton)
        botones.addStretch(1)
        botones.addWidget(self.boton_otro)
        capa.addLayout(botones)
        return pagina

    def _mostrar_informe(self, informe) -> None:
        if informe is None:
            return
        self.informe = informe
        self.lector.activa = False
        self.titulo_informe.setText(tr("Informe del levantamiento {n}: {ambito}").format(
            n=informe.levantamiento_id, ambito=informe.ambito))
        self.resumen_informe.setText(tr(
            "Encontrados {e} de {t} · Faltantes: {f} · Sobrantes: {s} · Mal ubicados: {m}").format(
                e=f"{len(informe.encontrados):,}", t=f"{informe.esperados:,}", f=len(informe.faltantes),
                s=len(informe.sobrantes), m=len(informe.mal_ubicados)))

        def ubicacion(f: dict[str, Any]) -> str:
            return f["edificio"] + (f" › {f['area']}" if f["area"] else "")

        _llenar(self.tabla_faltantes, [[f["numero_inventario"], f["descripcion"], f["resguardante"],
                                        f["dependencia"], ubicacion(f)] for f in informe.faltantes])
        _llenar(self.tabla_sobrantes, [[f["numero_inventario"], f["descripcion"], f.get("motivo", ""),
                                        f.get("leido_en", "")] for f in informe.sobrantes])
        _llenar(self.tabla_mal_ubicados, [[f["numero_inventario"], f["descripcion"], f.get("registrado_en", ""),
                                           f["resguardante"]] for f in informe.mal_ubicados])
        for indice, lista in enumerate((informe.faltantes, informe.sobrantes, informe.mal_ubicados)):
            nombre = (tr("Faltantes"), tr("Sobrantes"), tr("Mal ubicados"))[indice]
            self.pestanas_informe.setTabText(indice, f"{nombre} ({len(lista)})")
        self.boton_cambios.setEnabled(bool(informe.mal_ubicados))
        self.paginas.setCurrentIndex(2)

    def _ruta(self, titulo: str, extension: str, filtro: str) -> str:
        nombre = f"levantamiento-{self.informe.levantamiento_id}.{extension}"
        ruta, _f = guardar_como(self, titulo, str(Path(carpeta_documentos()) / nombre), filtro)
        if ruta and not ruta.lower().endswith(f".{extension}"):
            ruta += f".{extension}"
        return ruta

    def guardar_pdf(self) -> None:
        if self.informe is None:
            return
        ruta = self._ruta(tr("Guardar informe en PDF"), "pdf", tr("Documentos PDF (*.pdf)"))
        if not ruta:
            return
        contenido = comunes.ejecutar(self, levantamiento.informe_pdf, self.informe.levantamiento_id)
        if contenido is None:
            return
        try:
            escribir_archivo(Path(ruta), contenido)
        except OSError as exc:
            comunes.avisar(self, tr("No se pudo guardar el PDF"),
                           tr("No se pudo escribir el archivo (¿está abierto en otro programa?):") +
                           f"\n{ruta}\n\n{exc.strerror or exc}")
            return
        impresion.ofrecer_impresion(self, tr("Informe guardado"), tr("Se guardó el informe en:\n{r}").format(r=ruta),
                                    contenido, tr("Informe del levantamiento físico"))

    def guardar_excel(self) -> None:
        if self.informe is None:
            return
        ruta = self._ruta(tr("Guardar informe en Excel"), "xlsx", tr("Libro de Excel (*.xlsx)"))
        if not ruta:
            return
        if comunes.ejecutar(self, levantamiento.informe_excel, self.informe.levantamiento_id, ruta) is None \
                and not Path(ruta).exists():
            return
        comunes.avisar(self, tr("Informe guardado"), tr("Se guardó el informe en:\n{r}").format(r=ruta))

    def generar_cambios(self) -> None:
        if self.informe is None:
            return
        from app.vistas.levantamiento.cambios import DialogoCambiosLevantamiento

        propuestas = comunes.ejecutar(self, levantamiento.proponer_cambios, self.informe.levantamiento_id)
        if not propuestas:
            if propuestas is not None:
                comunes.avisar(self, tr("Sin cambios"),
                               tr("Los bienes mal ubicados ya tienen un movimiento pendiente o ya se corrigieron."))
            return
        dialogo = DialogoCambiosLevantamiento(self.sesion, self.informe.levantamiento_id, propuestas, parent=self)
        self.dialogo = dialogo
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def terminado(resultado: int) -> None:
            self.dialogo = None
            if resultado and dialogo.movimientos:
                folios = ", ".join(m.oficio.folio for m in dialogo.movimientos if m.oficio_id)
                comunes.avisar(self, tr("Cambios solicitados"),
                               tr("Se emitieron {n} oficio(s) de cambio de resguardante: {f}.").format(
                                   n=len(dialogo.movimientos), f=folios))

        dialogo.finished.connect(terminado)
        dialogo.open()

