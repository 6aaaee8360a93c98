"""Lo común de las sub-pestañas del módulo Web: tabla rápida, panel de detalle, botones y Excel."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.modelos import Usuario
from app.servicios.nucleo import permisos
from app.vistas.comun.ayudas import boton, exportar_listado
from app.vistas.comun.comunes import abrir_dialogo, avisar, confirmar, division_lista_detalle, ejecutar, tr
from app.vistas.comun.detalle import PanelDetalle
from app.vistas.comun.tabla import Columna, TablaFiltrable
from app.vistas.web.dialogos import Campo, DialogoFormulario


class PaginaCasos(QWidget):
    """Una lista con su detalle. Las subclases dan ``COLUMNAS``, ``FILAS`` y ``listar``/``llenar``."""

    COLUMNAS: Sequence[Columna] = ()
    FILAS: Sequence[tuple[str, str]] = ()
    VACIO = "Seleccione un registro"
    EXCEL = "listado.xlsx"
    TITULO_EXCEL = "Listado"

    def __init__(self, sesion: Usuario, padre: QWidget | None = None) -> None:
        super().__init__(padre)
        self.sesion = sesion
        self.dialogo = None
        self._registros: list[dict[str, Any]] = []
        self.tabla = TablaFiltrable(self.COLUMNAS, tr("Buscar…"), self)
        self.detalle = PanelDetalle(self, tr(self.VACIO), self.FILAS)
        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(lambda _id: self._mostrar())
        self.boton_exportar = boton(self, tr("Exportar a E&xcel…"), None, self.exportar)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(division_lista_detalle(self, self.tabla, self.detalle, [760, 480]), 1)

    # Lo que cada página define.
    def listar(self, busqueda: str) -> list[dict[str, Any]]:
        raise NotImplementedError

    def llenar(self, fila: dict[str, Any] | None) -> None:
        raise NotImplementedError

    def botones(self) -> list[QPushButton]:
        return []

    def poner_botones(self) -> None:
        self.detalle.agregar_botones([*self.botones(), self.boton_exportar])

    # Comunes.
    def puede(self, permiso: str) -> bool:
        return permisos.puede(self.sesion, permiso) and (
            permiso == permisos.VER or self.sesion is None
            or permisos.AREA_SISTEMAS in permisos.AREAS_TRAMITE.get(self.sesion.rol, frozenset()))

    def refrescar(self) -> None:
        registros = ejecutar(self, self.listar, self.tabla.busqueda.text())
        self._registros = registros if registros is not None else []
        self.tabla.cargar(self._registros)
        self._mostrar()

    def fila_actual(self) -> dict[str, Any] | None:
        identificador = self.tabla.id_actual()
        return next((f for f in self._registros if f["id"] == identificador), None)

    def _mostrar(self) -> None:
        fila = self.fila_actual()
        for etiqueta in self.detalle.campos.values():
            etiqueta.setText("")
        self.llenar(fila)
        self.boton_exportar.setEnabled(bool(self._registros) and permisos.puede(self.sesion, permisos.EXPORTAR))

    def poner(self, clave: str, valor: Any) -> None:
        from app.vistas.comun.tabla import texto

        self.detalle.campos[clave].setText(texto(valor) if not isinstance(valor, str) else valor)

    def seleccionar(self, identificador: int) -> None:
        fila = self.tabla.modelo.fila_de(identificador)
        if fila < 0 and self.tabla.busqueda.text():
            self.tabla.busqueda.blockSignals(True)
            self.tabla.busqueda.clear()
            self.tabla.busqueda.blockSignals(False)
            self.refrescar()
            fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self.tabla.vista.scrollTo(self.tabla.modelo.index(fila, 0))

    def formulario(self, titulo: str, campos: Sequence[Campo], accion: Callable[[dict[str, Any]], Any],
                   aviso: str = "", texto_aceptar: str = "Guardar") -> DialogoFormulario:
        """Abre el formulario; al guardarse, refresca y deja seleccionado lo que devolvió el servicio."""
        dialogo = DialogoFormulario(self, titulo, campos, accion, aviso, texto_aceptar)

        def listo(d: DialogoFormulario) -> None:
            self.refrescar()
            if getattr(d.resultado, "id", None) is not None and self.tabla.modelo.fila_de(d.resultado.id) >= 0:
                self.seleccionar(d.resultado.id)

        abrir_dialogo(self, dialogo, listo)
        return dialogo

    def confirmar_y(self, titulo: str, mensaje: str, funcion: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not confirmar(self, titulo, mensaje):
            return None
        resultado = ejecutar(self, funcion, *args, **kwargs)
        self.refrescar()
        return resultado

    def exportar(self) -> None:
        if self.boton_exportar.isEnabled():
            exportar_listado(self, tr(self.TITULO_EXCEL), self.COLUMNAS, self._registros, self.EXCEL)

    def avisar(self, titulo: str, mensaje: str) -> None:
        avisar(self, titulo, mensaje)
