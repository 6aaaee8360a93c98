"""Módulo «Bitácora»: quién cambió qué y cuándo, legible para un director, y la verificación de su integridad.

La lista se lee por bloques (nunca crece sin límite); el detalle dice qué cambió campo por
campo y guarda, plegada, la instantánea cruda para el auditor. Lo filtrado se exporta a Excel.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.modelos import Usuario
from app.servicios.nucleo import bitacora, consulta_bitacora, permisos
from app.servicios.nucleo.consulta_bitacora import Filtro
from app.vistas.bitacora import exportar
from app.vistas.bitacora.detalle import PanelEntrada
from app.vistas.bitacora.filtros import BarraFiltros
from app.vistas.comun.comunes import avisar, division_lista_detalle, ejecutar, etiqueta_plana, tr
from app.vistas.comun.tabla import Columna, TablaFiltrable

BLOQUE_FILAS = 500
MAXIMO_FILAS = 10_000
MAXIMO_PROBLEMAS_EN_AVISO = 30

COLUMNAS = (
    Columna("Cuándo", lambda f: f["momento"], 120),
    Columna("Quién", lambda f: f["persona"], 190),
    Columna("Acción", lambda f: f["accion"], 190),
    Columna("Módulo", lambda f: f["modulo"], 105),
    Columna("Registro", lambda f: f["registro"], 240),
)


def informe_verificacion(problemas: list[Any], total: int, maximo: int | None = None) -> str:
    """«La bitácora está íntegra: N entradas verificadas.» o la lista de problemas."""
    if not problemas:
        return tr("La bitácora está íntegra: {n} entradas verificadas.").format(n=f"{total:,}")
    lineas = [str(p) for p in problemas]
    if maximo is not None and len(lineas) > maximo:
        restantes = len(lineas) - maximo
        lineas = lineas[:maximo] + [tr("… y {n} problemas más.").format(n=f"{restantes:,}")]
    encabezado = tr("Se encontraron {n} problemas de integridad en la bitácora:").format(n=f"{len(problemas):,}")
    return encabezado + "\n\n" + "\n".join(f"• {linea}" for linea in lineas)


class VistaBitacora(QWidget):
    """Entradas de la bitácora (de la más reciente a la más antigua), sus filtros y su detalle."""

    TITULO = "Bitácora"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.puede_ver = permisos.puede(sesion, permisos.VER_BITACORA)
        self.ultimo_informe = ""
        self.tabla: TablaFiltrable | None = None
        self.filas: list[dict[str, Any]] = []
        self.coinciden = 0
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        if not self.puede_ver:
            self.aviso = etiqueta_plana(tr("Su rol no permite consultar la bitácora."), self)
            self.aviso.setObjectName("aviso")
            self.aviso.setAlignment(Qt.AlignmentFlag.AlignCenter)
            capa.addWidget(self.aviso)
            return

        self.boton_verificar = QPushButton(tr("Verificar integridad"), self)
        self.boton_verificar.setObjectName("principal")
        self.boton_verificar.setAutoDefault(False)
        self.boton_verificar.setToolTip(
            tr("Revisa que la cadena de hashes no esté rota y que cada registro coincida con su última "
               "instantánea (detecta cambios hechos por fuera de la aplicación)."))
        self.boton_verificar.clicked.connect(self.verificar)
        self.boton_exportar = QPushButton(tr("Exportar a Excel…"), self)
        self.boton_exportar.setAutoDefault(False)
        self.boton_exportar.setToolTip(tr("Guarda en Excel las entradas que cumplen los filtros, con sus cambios."))
        self.boton_exportar.clicked.connect(self.exportar_excel)
        self.total = etiqueta_plana("", self)
        self.total.setObjectName("subtitulo")
        self.total.setWordWrap(False)
        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_verificar)
        arriba.addWidget(self.boton_exportar)
        arriba.addStretch(1)
        arriba.addWidget(self.total)

        usuarios = ejecutar(self, consulta_bitacora.usuarios_en_bitacora, sesion) or []
        self.filtros = BarraFiltros(usuarios, self)
        self.filtros.cambiado.connect(self.refrescar)

        self.tabla = TablaFiltrable(COLUMNAS, tr("Buscar por acción, usuario o tabla…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)
        self.mostradas = etiqueta_plana("", self)
        self.mostradas.setWordWrap(False)
        self.boton_mas = QPushButton(tr("Mostrar {n} más").format(n=f"{BLOQUE_FILAS:,}"), self)
        self.boton_mas.setAutoDefault(False)
        self.boton_mas.clicked.connect(self.cargar_mas)
        abajo = QHBoxLayout()
        abajo.addWidget(self.mostradas, 1)
        abajo.addWidget(self.boton_mas)
        lista = QWidget(self)
        capa_lista = QVBoxLayout(lista)
        capa_lista.setContentsMargins(0, 0, 0, 0)
        capa_lista.addWidget(self.tabla, 1)
        capa_lista.addLayout(abajo)

        self.panel = PanelEntrada(self)
        self.panel.solo_este_registro.connect(self.filtros.solo_registro)

        self.divisor = division_lista_detalle(self, lista, self.panel, [800, 460])

        capa.addLayout(arriba)
        capa.addWidget(self.filtros)
        capa.addWidget(self.divisor, 1)
        self.refrescar()

    def filtro(self) -> Filtro:
        """Los filtros de la barra más el texto de búsqueda de la lista."""
        return self.filtros.filtro(self.tabla.busqueda.text() if self.tabla is not None else "")

    def refrescar(self) -> None:
        """Vuelve a leer el primer bloque con los filtros actuales; conserva la selección si sigue."""
        if self.tabla is None:
            return
        filtro = self.filtro()
        filas = ejecutar(self, consulta_bitacora.consultar, self.sesion, "", BLOQUE_FILAS, filtro)
        coinciden = ejecutar(self, consulta_bitacora.contar, self.sesion, filtro)
        self.filas = filas or []
        self.coinciden = coinciden or 0
        self._cargar()

    def cargar_mas(self) -> None:
        """Agrega el bloque siguiente (las entradas más antiguas que las ya mostradas)."""
        if self.tabla is None or not self.filas or len(self.filas) >= MAXIMO_FILAS:
            return
        filas = ejecutar(self, consulta_bitacora.consultar, self.sesion, "", BLOQUE_FILAS, self.filtro(),
                         self.filas[-1]["id"])
        if filas:
            self.filas.extend(filas[:MAXIMO_FILAS - len(self.filas)])
            self._cargar()

    def _cargar(self) -> None:
        self.tabla.cargar(self.filas)
        mostradas = len(self.filas)
        total = ejecutar(self, consulta_bitacora.total, self.sesion)
        if total is not None:
            self.total.setText(tr("{total} entradas en la bitácora").format(total=f"{total:,}"))
        texto = tr("Se muestran {n} de {m} entradas que cumplen los filtros.").format(
            n=f"{mostradas:,}", m=f"{self.coinciden:,}")
        hay_mas = mostradas < self.coinciden
        if hay_mas and mostradas >= MAXIMO_FILAS:
            texto += " " + tr("Para ver las demás, afine los filtros o exporte a Excel.")
        self.mostradas.setText(texto)
        self.boton_mas.setEnabled(hay_mas and mostradas < MAXIMO_FILAS)
        self.boton_exportar.setEnabled(self.coinciden > 0)
        self._mostrar(self.tabla.id_actual())

    def _mostrar(self, identificador: Any) -> None:
        if identificador is None:
            self.panel.mostrar(None)
            return
        self.panel.mostrar(ejecutar(self, consulta_bitacora.entrada, self.sesion, identificador))

    def exportar_excel(self) -> None:
        """Exporta a Excel las entradas que cumplen los filtros (todas, no solo las mostradas)."""
        ruta = exportar.pedir_ruta(self)
        if ruta:
            exportar.exportar(self, self.sesion, self.filtro(), ruta)

    def verificar(self) -> None:
        """Verifica toda la bitácora (puede tardar en bases grandes) y dice el resultado."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            resultado = ejecutar(self, lambda: (bitacora.verificar(), consulta_bitacora.total(self.sesion)))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if resultado is None:
            return
        problemas, total = resultado
        self.ultimo_informe = informe_verificacion(problemas, total)
        if problemas:
            avisar(self, tr("Problemas de integridad"),
                   informe_verificacion(problemas, total, MAXIMO_PROBLEMAS_EN_AVISO), QMessageBox.Icon.Warning)
        else:
            avisar(self, tr("Bitácora íntegra"), self.ultimo_informe)
