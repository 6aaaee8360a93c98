"""Módulo «Bitácora»: consulta de los cambios registrados y verificación de su integridad."""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.modelos import Usuario
from app.servicios.nucleo import bitacora, consulta_bitacora, permisos
from app.vistas.comun.comunes import avisar, division_lista_detalle, ejecutar, etiqueta_plana, tr
from app.vistas.comun.fuentes import fuente_fija
from app.vistas.comun.tabla import Columna, TablaFiltrable

LIMITE_FILAS = 2000
MAXIMO_PROBLEMAS_EN_AVISO = 30
LARGO_HASH = 12

COLUMNAS = (
    Columna("Momento", lambda f: f["momento"], 130),
    Columna("Usuario", lambda f: f["usuario"], 110),
    Columna("Acción", lambda f: f["accion"], 200),
    Columna("Tabla", lambda f: f["tabla"], 120),
    Columna("Registro", lambda f: f["registro_id"], 80, derecha=True),
    Columna("Hash", lambda f: (f["hash"] or "")[:LARGO_HASH] + "…", 120),
)


def texto_entrada(entrada: dict[str, Any]) -> str:
    """La entrada como texto legible: encabezado y la instantánea JSON con sangría."""
    momento = entrada["momento"]
    momento_texto = momento.strftime("%d/%m/%Y %H:%M:%S") if hasattr(momento, "strftime") else str(momento)
    encabezado = [
        f"{tr('Entrada')} #{entrada['id']}",
        f"{tr('Momento')}: {momento_texto}",
        f"{tr('Usuario')}: {entrada['usuario']}",
        f"{tr('Acción')}: {entrada['accion']}",
        f"{tr('Registro')}: {entrada['tabla']} #{entrada['registro_id']}",
        f"{tr('Hash')}: {entrada['hash']}",
        f"{tr('Hash anterior')}: {entrada['hash_anterior']}",
        "",
        tr("Instantánea del registro después del cambio:"),
    ]
    if entrada.get("instantanea") is not None:
        cuerpo = json.dumps(entrada["instantanea"], ensure_ascii=False, indent=2, sort_keys=True)
    else:
        cuerpo = tr("(la instantánea guardada no es JSON válido)") + "\n" + entrada.get("instantanea_texto", "")
    return "\n".join(encabezado) + "\n" + cuerpo


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
    """Entradas de la bitácora (de la más reciente a la más antigua) y su detalle."""

    TITULO = "Bitácora"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.puede_ver = permisos.puede(sesion, permisos.VER_BITACORA)
        self.ultimo_informe = ""
        self.tabla: TablaFiltrable | None = None
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
        self.total = etiqueta_plana("", self)
        self.total.setObjectName("subtitulo")
        self.total.setWordWrap(False)
        arriba = QHBoxLayout()
        arriba.addWidget(self.boton_verificar)
        arriba.addStretch(1)
        arriba.addWidget(self.total)

        self.tabla = TablaFiltrable(COLUMNAS, tr("Filtrar por usuario, acción o tabla…"), self)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._mostrar)

        self.detalle = QPlainTextEdit(self)
        self.detalle.setReadOnly(True)
        self.detalle.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.detalle.setFont(fuente_fija())
        self.detalle.setPlaceholderText(tr("Seleccione una entrada para ver la instantánea del registro."))

        divisor = division_lista_detalle(self, self.tabla, self.detalle, [780, 460])

        capa.addLayout(arriba)
        capa.addWidget(divisor, 1)
        self.refrescar()

    def refrescar(self) -> None:
        """Vuelve a leer las entradas con el filtro actual; conserva la selección."""
        if self.tabla is None:
            return
        filas = ejecutar(self, consulta_bitacora.consultar, self.sesion, self.tabla.busqueda.text(), LIMITE_FILAS)
        self.tabla.cargar(filas or [])
        total = ejecutar(self, consulta_bitacora.total, self.sesion)
        if total is not None:
            mostradas = len(filas or [])
            texto = tr("{total} entradas en la bitácora").format(total=f"{total:,}")
            if mostradas >= LIMITE_FILAS:
                texto += tr(" (se muestran las {n} más recientes)").format(n=f"{LIMITE_FILAS:,}")
            self.total.setText(texto)
        self._mostrar(self.tabla.id_actual())

    def _mostrar(self, identificador: Any) -> None:
        if identificador is None:
            self.detalle.clear()
            return
        entrada = ejecutar(self, consulta_bitacora.entrada, self.sesion, identificador)
        self.detalle.setPlainText(texto_entrada(entrada) if entrada else "")

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
