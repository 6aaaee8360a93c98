"""Pantalla de catálogos: dependencias, servidores públicos, proveedores, institución y usuarios.

Cada pestaña es una lista con búsqueda (la hace el servicio) y un formulario a la derecha.
Los servicios validan y comprueban la columna ``version``: si rechazan los datos, se marcan
los campos con el problema y se conserva lo capturado; si otro usuario cambió el registro,
se avisa y se vuelve a leer.
"""
from __future__ import annotations

import string
from pathlib import Path
from typing import Any, TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QModelIndex, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox,
                               QTabWidget, QVBoxLayout, QWidget)

from app.vistas.comun.archivos import abrir_archivo
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.nucleo import archivos, folios, permisos
from app.errores import ErrorConflicto, ErrorDTI, ErrorValidacion
from app.servicios.nucleo.validacion import normalizar
from app.tiempo import hoy_mexico
from app.vistas.comun import comunes
from app.vistas.comun.comunes import etiqueta_plana, marcar_campo, marcar_errores, tr
from app.vistas.comun.tabla import Columna, TablaFiltrable, quitar_filtros
from app.vistas.tramites.tramites import COLOR_ERROR, GRIS, ajustar_columnas

if TYPE_CHECKING:
    from app.modelos import Usuario

HOJA_ERRORES = ('QLineEdit[error="true"], QPlainTextEdit[error="true"], QComboBox[error="true"], '
                'QSpinBox[error="true"], QLabel[error="true"] { border: 2px solid #c0392b; }')
MAXIMO_LOGOTIPO = 5 * 1024 * 1024
MAXIMO_PIXELES_LOGOTIPO = 40_000_000     # una imagen «bomba» se rechaza antes de decodificarla
_SIN_CAMBIO = object()


def elegir_imagen(padre: QWidget) -> str:
    """Diálogo para elegir el archivo del logotipo ('' si el usuario desiste)."""
    ruta, _filtro = abrir_archivo(padre, tr("Logotipo de la institución"), "",
                                                tr("Imágenes PNG o JPG (*.png *.jpg *.jpeg)"))
    return ruta


def leer_imagen(contenido: bytes) -> tuple[QImage | None, str]:
    """Decodifica un PNG/JPG con límites: (imagen, '') o (None, motivo para el usuario)."""
    if len(contenido) > MAXIMO_LOGOTIPO:
        return None, tr("El logotipo no debe pasar de 5 MB.")
    memoria = QBuffer()
    memoria.setData(QByteArray(contenido))
    memoria.open(QIODevice.OpenModeFlag.ReadOnly)
    lector = QImageReader(memoria)
    formato = bytes(lector.format().data()).lower()
    if formato not in (b"png", b"jpg", b"jpeg"):
        return None, tr("El archivo no es una imagen PNG o JPG.")
    medida = lector.size()
    if medida.width() * medida.height() > MAXIMO_PIXELES_LOGOTIPO:
        return None, tr("La imagen es demasiado grande ({w}×{h} píxeles).").replace(
            "{w}", str(medida.width())).replace("{h}", str(medida.height()))
    imagen = lector.read()
    if imagen.isNull():
        return None, tr("La imagen está dañada o incompleta: {e}").replace("{e}", lector.errorString())
    return imagen, ""


def problema_ancho_folio(formato: str) -> str | None:
    """Rechaza anchos absurdos («{numero:999999999}») antes de formatear: armarían textos enormes."""
    try:
        partes = list(string.Formatter().parse(formato))
    except ValueError:
        return None   # el servicio explica el error de sintaxis
    for _texto, _campo, especificacion, _conversion in partes:
        if especificacion and any(len(n) > 2 for n in "".join(
                c if c.isdigit() else " " for c in especificacion).split()):
            return tr("El formato de folio tiene un ancho demasiado grande; use, p. ej., {numero:04d}.")
    return None


def _campo_editable(widget: QWidget, editable: bool) -> None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.setReadOnly(not editable)
    else:
        widget.setEnabled(editable)


# --- Marcas de error, comunes a las pestañas --------------------------------------------------

class ErroresDeFormulario:
    """Marcas de error de un formulario: ``campos`` (nombre → widget) y la etiqueta ``errores``."""

    campos: dict[str, QWidget]
    errores: QLabel

    def limpiar_errores(self) -> None:
        for widget in self.campos.values():
            if widget.property("error"):
                marcar_campo(widget, False)
        self.errores.clear()
        self.errores.hide()

    def mostrar_errores(self, errores: list[tuple[str, str]]) -> None:
        """Marca en rojo los campos rechazados y lista los mensajes; lo capturado no se toca."""
        self.limpiar_errores()
        marcar_errores(self.campos, errores, self.errores)


# --- Base de las pestañas con lista --------------------------------------------------------

class PestanaCatalogo(ErroresDeFormulario, QWidget):
    """Lista con búsqueda + formulario (Nuevo / Guardar / Dar de baja / Reactivar)."""

    PERMISO = permisos.EDITAR_CATALOGOS
    MARCADOR = "Buscar…"
    TITULO_NUEVO = "Nuevo registro"
    TITULO_EDICION = "Editar registro"
    ESTIRAR = 0            # columna que se lleva el ancho sobrante
    MUESTRAS: dict[int, str] = {}   # columnas de forma conocida: su ancho sale de la fuente

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.puede_editar = permisos.puede(sesion, self.PERMISO)
        self.registro: Any = None          # el registro tal como se leyó (con su versión)
        self._registros: dict[int, Any] = {}
        self._recargando = False
        self._llenando = False
        self._sucio = False
        self._modo_nuevo = False
        self.campos: dict[str, QWidget] = {}

        self.tabla = TablaFiltrable(self.columnas(), tr(self.MARCADOR), self)
        encabezado = self.tabla.vista.horizontalHeader()
        encabezado.setStretchLastSection(False)
        encabezado.setSectionResizeMode(self.ESTIRAR, QHeaderView.ResizeMode.Stretch)
        ajustar_columnas(self.tabla, self.MUESTRAS)
        self.ver_bajas = QCheckBox(tr("Mostrar dados de baja"), self)
        izquierda = QWidget(self)
        capa_izq = QVBoxLayout(izquierda)
        capa_izq.setContentsMargins(0, 0, 0, 0)
        capa_izq.addWidget(self.tabla, 1)
        capa_izq.addWidget(self.ver_bajas)

        self.caja = QGroupBox(tr(self.TITULO_NUEVO), self)
        self.formulario = QFormLayout()
        self.construir_campos(self.formulario)
        self.errores = etiqueta_plana("", self.caja)
        self.errores.setObjectName("error")
        self.errores.setStyleSheet(COLOR_ERROR)
        self.errores.hide()
        self.aviso = etiqueta_plana("", self.caja)
        self.aviso.setStyleSheet("color: #8a5a00;")
        self.boton_nuevo = QPushButton(tr("Nuevo"), self.caja)
        self.boton_guardar = QPushButton(tr("Guardar"), self.caja)
        self.boton_guardar.setDefault(True)
        self.boton_baja = QPushButton(tr("Dar de baja…"), self.caja)
        self.boton_reactivar = QPushButton(tr("Reactivar"), self.caja)
        self.botones = QHBoxLayout()
        for boton in (self.boton_nuevo, self.boton_guardar, self.boton_baja, self.boton_reactivar):
            self.botones.addWidget(boton)
        self.botones.addStretch(1)
        capa_caja = QVBoxLayout(self.caja)
        capa_caja.addLayout(self.formulario)
        capa_caja.addWidget(self.errores)
        capa_caja.addLayout(self.botones)
        capa_caja.addWidget(self.aviso)
        capa_caja.addStretch(1)

        division = comunes.division_lista_detalle(self, izquierda, self.caja, [860, 400])
        capa = QVBoxLayout(self)
        capa.addWidget(division)

        self.tabla.filtro_cambiado.connect(lambda _t: self.refrescar())
        self.tabla.seleccion_cambiada.connect(self._al_seleccionar)
        self.tabla.activada.connect(lambda _id: self._enfocar_formulario())
        self.ver_bajas.toggled.connect(lambda _v: self.refrescar())
        self.boton_nuevo.clicked.connect(self.nuevo)
        self.boton_guardar.clicked.connect(self.guardar)
        self.boton_baja.clicked.connect(self.dar_de_baja)
        self.boton_reactivar.clicked.connect(self.reactivar)
        for nombre, widget in self.campos.items():
            self._vigilar(nombre, widget)
        self._aplicar_permisos()

    # --- Lo que cada catálogo define ---------------------------------------------------------

    def columnas(self) -> list[Columna]:
        raise NotImplementedError

    def construir_campos(self, formulario: QFormLayout) -> None:
        raise NotImplementedError

    def listar(self, busqueda: str, con_bajas: bool) -> list[Any]:
        raise NotImplementedError

    def fila(self, registro: Any) -> dict[str, Any]:
        raise NotImplementedError

    def llenar(self, registro: Any) -> None:
        raise NotImplementedError

    def guardar_servicio(self) -> Any:
        raise NotImplementedError

    def descripcion(self, registro: Any) -> str:
        return str(getattr(registro, "nombre", registro.id))

    def activo(self, registro: Any) -> bool:
        return bool(registro.activo)

    def cambiar_estado_servicio(self, registro: Any, activo: bool) -> Any:
        catalogos.cambiar_estado(self.sesion, registro, activo)
        return registro

    def antes_de_listar(self) -> None:
        """Gancho para recargar combos que dependen de otros catálogos."""

    # --- Lista y formulario --------------------------------------------------------------------

    def refrescar(self) -> None:
        """Vuelve a leer la lista; el formulario solo se recarga si no tiene cambios sin guardar."""
        self.antes_de_listar()
        registros = comunes.ejecutar(self, self.listar, self.tabla.busqueda.text(), self.ver_bajas.isChecked())
        if registros is None:
            return
        self._registros = {r.id: r for r in registros}
        self._recargando = True
        try:
            self.tabla.cargar([self.fila(r) for r in registros],
                              color=lambda f: None if f.get("_activo", True) else GRIS)
        finally:
            self._recargando = False
        if not self._sucio and not self._modo_nuevo:
            self._cargar_formulario(self._registros.get(self.tabla.id_actual()))

    def _al_seleccionar(self, identificador: Any) -> None:
        if self._recargando:
            return
        self._modo_nuevo = False
        self._cargar_formulario(self._registros.get(identificador))

    def seleccionar(self, identificador: int) -> None:
        """Elige el registro en la lista (quita la búsqueda si lo oculta)."""
        fila = self.tabla.modelo.fila_de(identificador)
        if fila < 0 and self.tabla.busqueda.text():
            quitar_filtros(self.tabla)
            self.refrescar()
            fila = self.tabla.modelo.fila_de(identificador)
        if fila >= 0:
            self.tabla.vista.selectRow(fila)
            self._cargar_formulario(self._registros.get(identificador))

    def _cargar_formulario(self, registro: Any) -> None:
        self._llenando = True
        try:
            self.registro = registro
            self.llenar(registro)
            for widget in self.campos.values():
                if isinstance(widget, QLineEdit):
                    widget.setCursorPosition(0)     # que se lea el principio de los textos largos
        finally:
            self._llenando = False
        self._sucio = False
        self.limpiar_errores()
        self._aplicar_permisos()

    def _vigilar(self, nombre: str, widget: QWidget) -> None:
        """Todo cambio del usuario marca el formulario como modificado y quita la marca de error del campo."""
        def cambio(*_args: Any) -> None:
            if not self._llenando:
                self._sucio = True
                marcar_campo(widget, False)

        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(cambio)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(cambio)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(cambio)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(cambio)

    def _enfocar_formulario(self) -> None:
        primero = next(iter(self.campos.values()), None)
        if primero is not None:
            primero.setFocus()

    def _aplicar_permisos(self) -> None:
        editable = self.puede_editar
        for widget in self.campos.values():
            _campo_editable(widget, editable)
        self.boton_nuevo.setEnabled(editable)
        self.boton_guardar.setEnabled(editable)
        hay = self.registro is not None
        self.boton_baja.setEnabled(editable and hay and self.activo(self.registro))
        self.boton_reactivar.setEnabled(editable and hay and not self.activo(self.registro))
        self.caja.setTitle(tr(self.TITULO_EDICION) if hay else tr(self.TITULO_NUEVO))
        if not editable:
            rol = permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol)
            self.aviso.setText(tr("Solo consulta: su rol ({rol}) no permite modificar este catálogo.")
                               .replace("{rol}", rol))
        self.aviso.setVisible(not editable)

    # --- Acciones ------------------------------------------------------------------------------

    def nuevo(self) -> None:
        """Formulario vacío para un alta."""
        if not self.puede_editar:
            return
        # Sin fila actual: así, volver a hacer clic en la fila anterior la vuelve a cargar.
        self._recargando = True
        try:
            self.tabla.vista.setCurrentIndex(QModelIndex())
            self.tabla.vista.clearSelection()
        finally:
            self._recargando = False
        self._modo_nuevo = True
        self._cargar_formulario(None)
        self._enfocar_formulario()

    def ejecutar_servicio(self, funcion: Any, *args: Any) -> Any:
        """Llama al servicio: validación → marcas; conflicto → aviso y recarga; lo demás → aviso."""
        hubo_conflicto = False
        version = getattr(self.registro, "version", None)

        def llamada() -> Any:
            nonlocal hubo_conflicto
            try:
                return funcion(*args)
            except ErrorValidacion as exc:
                self.mostrar_errores(exc.errores)
                return None
            except ErrorConflicto:
                hubo_conflicto = True
                raise

        resultado = comunes.ejecutar(self, llamada)
        if hubo_conflicto:
            self._sucio = False
            self._modo_nuevo = False
            self.refrescar()
        elif resultado is None and self.registro is not None and version is not None:
            # Si el guardado falló a medias, el registro leído conserva su versión original.
            self.registro.version = version
        return resultado

    def guardar(self) -> None:
        if not self.puede_editar:
            return
        self.limpiar_errores()
        guardado = self.ejecutar_servicio(self.guardar_servicio)
        if guardado is None:
            return
        self._sucio = False
        self._modo_nuevo = False
        self.refrescar()
        self.seleccionar(guardado.id)

    def dar_de_baja(self) -> None:
        registro = self.registro
        if registro is None or not self.boton_baja.isEnabled():
            return
        if not comunes.confirmar(self, tr("Dar de baja"),
                                 tr("¿Dar de baja «{nombre}»? No se borra: queda marcado como dado de baja "
                                    "y puede reactivarse.").replace("{nombre}", self.descripcion(registro))):
            return
        if self.ejecutar_servicio(self.cambiar_estado_servicio, registro, False) is not None:
            self._sucio = False
            self.refrescar()

    def reactivar(self) -> None:
        registro = self.registro
        if registro is None or not self.boton_reactivar.isEnabled():
            return
        if self.ejecutar_servicio(self.cambiar_estado_servicio, registro, True) is not None:
            self._sucio = False
            self.refrescar()
            self.seleccionar(registro.id)


def _estado(activo: bool) -> str:
    return tr("Activo") if activo else tr("Baja")


def _linea(maximo: int, marcador: str = "") -> QLineEdit:
    campo = QLineEdit()
    campo.setMaxLength(maximo)
    if marcador:
        campo.setPlaceholderText(marcador)
    return campo


# --- Dependencias --------------------------------------------------------------------------

class PestanaDependencias(PestanaCatalogo):
    MARCADOR = "Buscar dependencia por nombre o siglas…"
    TITULO_NUEVO = "Nueva dependencia"
    TITULO_EDICION = "Dependencia"
    MUESTRAS = {1: "SSPTM", 3: "Activo"}

    def columnas(self) -> list[Columna]:
        return [Columna(tr("Nombre"), lambda r: r["nombre"], 320),
                Columna(tr("Siglas"), lambda r: r["siglas"], 70),
                Columna(tr("Ubicación"), lambda r: r["ubicacion"], 220),
                Columna(tr("Estado"), lambda r: _estado(r["_activo"]), 70)]

    def construir_campos(self, formulario: QFormLayout) -> None:
        self.nombre = _linea(200)
        self.siglas = _linea(30)
        self.ubicacion = _linea(200)
        formulario.addRow(tr("&Nombre:"), self.nombre)
        formulario.addRow(tr("&Siglas:"), self.siglas)
        formulario.addRow(tr("&Ubicación:"), self.ubicacion)
        self.campos = {"nombre": self.nombre, "siglas": self.siglas, "ubicacion": self.ubicacion}

    def listar(self, busqueda: str, con_bajas: bool) -> list[Any]:
        return catalogos.dependencias(activas=not con_bajas, busqueda=busqueda)

    def fila(self, registro: Any) -> dict[str, Any]:
        return {"id": registro.id, "nombre": registro.nombre, "siglas": registro.siglas,
                "ubicacion": registro.ubicacion, "_activo": registro.activo}

    def llenar(self, registro: Any) -> None:
        self.nombre.setText(registro.nombre if registro else "")
        self.siglas.setText(registro.siglas if registro else "")
        self.ubicacion.setText(registro.ubicacion if registro else "")

    def guardar_servicio(self) -> Any:
        return catalogos.guardar_dependencia(self.sesion, self.nombre.text(), self.siglas.text(),
                                             self.ubicacion.text(), dependencia=self.registro)


# --- Servidores públicos -------------------------------------------------------------------

class PestanaServidores(PestanaCatalogo):
    MARCADOR = "Buscar por nombre, cargo o dependencia…"
    TITULO_NUEVO = "Nuevo servidor público"
    TITULO_EDICION = "Servidor público"
    ESTIRAR = 1
    MUESTRAS = {4: "000", 5: "Activo"}

    def columnas(self) -> list[Columna]:
        return [Columna(tr("Nombre"), lambda r: r["nombre"], 200),
                Columna(tr("Cargo"), lambda r: r["cargo"], 180),
                Columna(tr("Dependencia"), lambda r: r["dependencia"], 175),
                Columna(tr("Correo"), lambda r: r["correo"], 170),
                Columna(tr("Ext."), lambda r: r["extension"], 40, derecha=True),
                Columna(tr("Estado"), lambda r: _estado(r["_activo"]), 55)]

    def construir_campos(self, formulario: QFormLayout) -> None:
        self._dependencias: dict[int, Any] = {}
        self.nombre = _linea(200)
        self.cargo = _linea(200)
        self.dependencia = QComboBox()
        self.correo = _linea(254, "nombre@texmelucan.gob.mx")
        self.extension = _linea(20)
        formulario.addRow(tr("&Nombre:"), self.nombre)
        formulario.addRow(tr("&Cargo:"), self.cargo)
        formulario.addRow(tr("&Dependencia:"), self.dependencia)
        formulario.addRow(tr("C&orreo:"), self.correo)
        formulario.addRow(tr("E&xtensión:"), self.extension)
        self.campos = {"nombre": self.nombre, "cargo": self.cargo, "dependencia": self.dependencia,
                       "correo": self.correo, "extension": self.extension}

    def antes_de_listar(self) -> None:
        todas = comunes.ejecutar(self, catalogos.dependencias, False)
        if todas is None:
            return
        elegida = self.dependencia.currentData()
        self._llenando, antes = True, self._llenando
        try:
            self.dependencia.clear()
            self.dependencia.addItem(tr("(Elija la dependencia)"), None)
            self._dependencias = {}
            for dep in todas:
                if dep.activo or dep.id == elegida:
                    self._dependencias[dep.id] = dep
                    self.dependencia.addItem(dep.nombre if dep.activo else f"{dep.nombre} {tr('(baja)')}", dep.id)
            indice = self.dependencia.findData(elegida)
            self.dependencia.setCurrentIndex(max(0, indice))
        finally:
            self._llenando = antes

    def listar(self, busqueda: str, con_bajas: bool) -> list[Any]:
        return catalogos.servidores(busqueda=busqueda, activos=not con_bajas)

    def fila(self, registro: Any) -> dict[str, Any]:
        return {"id": registro.id, "nombre": registro.nombre, "cargo": registro.cargo,
                "dependencia": registro.dependencia.nombre if registro.dependencia_id is not None else "",
                "correo": registro.correo, "extension": registro.extension, "_activo": registro.activo}

    def llenar(self, registro: Any) -> None:
        self.nombre.setText(registro.nombre if registro else "")
        self.cargo.setText(registro.cargo if registro else "")
        self.correo.setText(registro.correo if registro else "")
        self.extension.setText(registro.extension if registro else "")
        dependencia_id = registro.dependencia_id if registro else None
        if dependencia_id is not None and self.dependencia.findData(dependencia_id) < 0:
            # Dependencia dada de baja: se muestra para no perder el dato al guardar.
            dep = registro.dependencia
            self._dependencias[dep.id] = dep
            self.dependencia.addItem(f"{dep.nombre} {tr('(baja)')}", dep.id)
        self.dependencia.setCurrentIndex(max(0, self.dependencia.findData(dependencia_id)))

    def guardar_servicio(self) -> Any:
        return catalogos.guardar_servidor(self.sesion, self.nombre.text(), self.cargo.text(),
                                          self._dependencias.get(self.dependencia.currentData()),
                                          self.correo.text(), self.extension.text(), servidor=self.registro)


# --- Proveedores ---------------------------------------------------------------------------

class PestanaProveedores(PestanaCatalogo):
    MARCADOR = "Buscar por RFC, razón social, contacto o marca…"
    TITULO_NUEVO = "Nuevo proveedor"
    TITULO_EDICION = "Proveedor"
    ESTIRAR = 1
    MUESTRAS = {0: "ABCD000000XX0", 3: "000 000 0000", 5: "365 días", 6: "Activo"}

    def columnas(self) -> list[Columna]:
        return [Columna(tr("RFC"), lambda r: r["rfc"], 110),
                Columna(tr("Razón social"), lambda r: r["razon_social"], 200),
                Columna(tr("Contacto"), lambda r: r["contacto"], 140),
                Columna(tr("Teléfono"), lambda r: r["telefono"], 100),
                Columna(tr("Marcas autorizadas"), lambda r: r["marcas"], 160),
                Columna(tr("Entrega"), lambda r: r["entrega"], 62, derecha=True),
                Columna(tr("Estado"), lambda r: _estado(r["_activo"]), 55)]

    def construir_campos(self, formulario: QFormLayout) -> None:
        self.rfc = _linea(20, "ABC010203XY1")
        self.razon_social = _linea(300)
        self.contacto = _linea(200)
        self.telefono = _linea(40)
        self.correo = _linea(254)
        self.marcas = _linea(2000, "HP; Dell; Lenovo")
        self.marcas.setToolTip(tr("Marcas de las que es servicio técnico autorizado, separadas por «;»."))
        self.tiempo_entrega = QSpinBox()
        self.tiempo_entrega.setRange(0, 365)
        self.tiempo_entrega.setSuffix(tr(" días"))
        formulario.addRow(tr("&RFC:"), self.rfc)
        formulario.addRow(tr("Ra&zón social:"), self.razon_social)
        formulario.addRow(tr("&Contacto:"), self.contacto)
        formulario.addRow(tr("&Teléfono:"), self.telefono)
        formulario.addRow(tr("C&orreo:"), self.correo)
        formulario.addRow(tr("&Marcas autorizadas:"), self.marcas)
        formulario.addRow(tr("Tiempo de &entrega:"), self.tiempo_entrega)
        self.campos = {"rfc": self.rfc, "razon_social": self.razon_social, "contacto": self.contacto,
                       "telefono": self.telefono, "correo": self.correo, "marcas": self.marcas,
                       "tiempo_entrega_dias": self.tiempo_entrega}

    def descripcion(self, registro: Any) -> str:
        return f"{registro.razon_social} ({registro.rfc})"

    def listar(self, busqueda: str, con_bajas: bool) -> list[Any]:
        return catalogos.proveedores(busqueda=busqueda, activos=not con_bajas)

    @staticmethod
    def _marcas(registro: Any) -> str:
        return registro.marcas_autorizadas.upper()

    def fila(self, registro: Any) -> dict[str, Any]:
        return {"id": registro.id, "rfc": registro.rfc, "razon_social": registro.razon_social,
                "contacto": registro.contacto, "telefono": registro.telefono, "marcas": self._marcas(registro),
                "entrega": f"{registro.tiempo_entrega_dias} {tr('días')}", "_activo": registro.activo}

    def llenar(self, registro: Any) -> None:
        self.rfc.setText(registro.rfc if registro else "")
        self.razon_social.setText(registro.razon_social if registro else "")
        self.contacto.setText(registro.contacto if registro else "")
        self.telefono.setText(registro.telefono if registro else "")
        self.correo.setText(registro.correo if registro else "")
        self.marcas.setText(self._marcas(registro) if registro else "")
        self.tiempo_entrega.setValue(registro.tiempo_entrega_dias if registro else 0)

    def guardar_servicio(self) -> Any:
        return catalogos.guardar_proveedor(
            self.sesion, self.rfc.text(), self.razon_social.text(), self.contacto.text(), self.telefono.text(),
            self.correo.text(), self.marcas.text(), self.tiempo_entrega.value(), proveedor=self.registro)


# --- Usuarios ------------------------------------------------------------------------------

class PestanaUsuarios(PestanaCatalogo):
    """Cuentas de acceso. La contraseña se escribe dos veces y nunca se muestra."""

    PERMISO = permisos.ADMINISTRAR_USUARIOS
    MARCADOR = "Buscar por usuario, nombre o rol…"
    TITULO_NUEVO = "Nuevo usuario"
    TITULO_EDICION = "Usuario"
    ESTIRAR = 1
    MUESTRAS = {0: "asistente", 4: "Activo", 5: "00/00/0000 00:00"}

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(sesion, parent)
        self.boton_guardar.setText(tr("Crear usuario"))
        self.boton_baja.setText(tr("Desactivar…"))
        self.boton_reactivar.hide()          # no hay reactivación de cuentas
        self.boton_contrasena = QPushButton(tr("Cambiar contraseña"), self.caja)
        self.botones.insertWidget(2, self.boton_contrasena)
        self.boton_contrasena.clicked.connect(self.cambiar_contrasena)
        self.nota_cuenta = etiqueta_plana(tr("El usuario, el nombre, el rol y el servidor público se fijan al "
                                             "crear la cuenta; aquí puede cambiar su contraseña o desactivarla."),
                                          self.caja)
        self.caja.layout().insertWidget(1, self.nota_cuenta)
        self._aplicar_permisos()

    def columnas(self) -> list[Columna]:
        return [Columna(tr("Usuario"), lambda r: r["usuario"], 90),
                Columna(tr("Nombre"), lambda r: r["nombre"], 200),
                Columna(tr("Rol"), lambda r: r["rol"], 185),
                Columna(tr("Servidor público"), lambda r: r["servidor"], 160),
                Columna(tr("Estado"), lambda r: _estado(r["_activo"]), 55),
                Columna(tr("Último acceso"), lambda r: r["ultimo_acceso"], 120)]

    def construir_campos(self, formulario: QFormLayout) -> None:
        self._servidores: dict[int, Any] = {}
        self.nombre_usuario = _linea(60, "nombre.apellido")
        self.nombre = _linea(200)
        self.rol = QComboBox()
        for clave, nombre in permisos.NOMBRES_ROL.items():
            self.rol.addItem(nombre, clave)
        self.servidor = QComboBox()
        self.contrasena = _linea(200)
        self.contrasena.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirmacion = _linea(200)
        self.confirmacion.setEchoMode(QLineEdit.EchoMode.Password)
        for campo in (self.contrasena, self.confirmacion):
            campo.setPlaceholderText(tr("Al menos 8 caracteres, con letras y números"))
        formulario.addRow(tr("&Usuario:"), self.nombre_usuario)
        formulario.addRow(tr("&Nombre:"), self.nombre)
        formulario.addRow(tr("&Rol:"), self.rol)
        formulario.addRow(tr("&Servidor público:"), self.servidor)
        formulario.addRow(tr("Con&traseña:"), self.contrasena)
        formulario.addRow(tr("Con&firmación:"), self.confirmacion)
        self.campos = {"nombre_usuario": self.nombre_usuario, "nombre": self.nombre, "rol": self.rol,
                       "servidor": self.servidor, "contrasena": self.contrasena, "confirmacion": self.confirmacion}

    def antes_de_listar(self) -> None:
        todos = comunes.ejecutar(self, catalogos.servidores, "", None, False)
        if todos is None:
            return
        elegido = self.servidor.currentData()
        self._llenando, antes = True, self._llenando
        try:
            self._servidores = {s.id: s for s in todos}
            self.servidor.clear()
            self.servidor.addItem(tr("(Ninguno)"), None)
            for servidor in todos:
                if servidor.activo or servidor.id == elegido:
                    self.servidor.addItem(f"{servidor.nombre} — {servidor.cargo}", servidor.id)
            self.servidor.setCurrentIndex(max(0, self.servidor.findData(elegido)))
        finally:
            self._llenando = antes

    def listar(self, busqueda: str, con_bajas: bool) -> list[Any]:
        # usuarios.listar() no filtra: son pocas cuentas, se filtra aquí.
        buscado = normalizar(busqueda)
        resultado = []
        for usuario in usuarios.listar():
            if not con_bajas and not usuario.activo:
                continue
            pajar = normalizar(" ".join([usuario.nombre_usuario, usuario.nombre,
                                         permisos.NOMBRES_ROL.get(usuario.rol, usuario.rol)]))
            if buscado and buscado not in pajar:
                continue
            resultado.append(usuario)
        return resultado

    def descripcion(self, registro: Any) -> str:
        return f"{registro.nombre_usuario} ({registro.nombre})"

    def fila(self, registro: Any) -> dict[str, Any]:
        servidor = self._servidores.get(registro.servidor_id)
        return {"id": registro.id, "usuario": registro.nombre_usuario, "nombre": registro.nombre,
                "rol": permisos.NOMBRES_ROL.get(registro.rol, registro.rol),
                "servidor": servidor.nombre if servidor is not None else "",
                "ultimo_acceso": registro.ultimo_acceso, "_activo": registro.activo}

    def llenar(self, registro: Any) -> None:
        self.nombre_usuario.setText(registro.nombre_usuario if registro else "")
        self.nombre.setText(registro.nombre if registro else "")
        self.rol.setCurrentIndex(max(0, self.rol.findData(registro.rol if registro else permisos.ASISTENTE)))
        self.servidor.setCurrentIndex(max(0, self.servidor.findData(registro.servidor_id if registro else None)))
        self.contrasena.clear()
        self.confirmacion.clear()

    def _aplicar_permisos(self) -> None:
        super()._aplicar_permisos()
        if not hasattr(self, "boton_contrasena"):
            return
        hay = self.registro is not None
        administra = self.puede_editar
        propio = hay and self.registro.id == getattr(self.sesion, "id", None)
        # La cuenta se define al crearla: usuario, nombre, rol y servidor no se editan después.
        for campo in (self.nombre_usuario, self.nombre, self.rol, self.servidor):
            _campo_editable(campo, administra)
            campo.setEnabled(administra and not hay)       # fijos: se ven apagados, no solo de lectura
        for campo in (self.contrasena, self.confirmacion):
            _campo_editable(campo, administra or propio)
        self.boton_guardar.setEnabled(administra and not hay)
        self.boton_contrasena.setEnabled(hay and (administra or propio) and self.registro.activo)
        self.boton_baja.setEnabled(administra and hay and self.registro.activo and not propio)
        self.nota_cuenta.setVisible(hay)

    def _contrasena_confirmada(self) -> str:
        if self.contrasena.text() != self.confirmacion.text():
            raise ErrorValidacion([("confirmacion", tr("La contraseña y su confirmación no coinciden."))])
        return self.contrasena.text()

    def guardar_servicio(self) -> Any:
        contrasena = self._contrasena_confirmada()
        return usuarios.crear_usuario(self.sesion, self.nombre_usuario.text(), self.nombre.text(),
                                      self.rol.currentData(), contrasena,
                                      self._servidores.get(self.servidor.currentData()))

    def guardar(self) -> None:
        super().guardar()
        if not self.errores.isVisible():
            self.contrasena.clear()
            self.confirmacion.clear()

    def cambiar_estado_servicio(self, registro: Any, activo: bool) -> Any:
        # Se relee la cuenta: desactivar guarda el registro completo y no debe revertir otro cambio.
        actual = usuarios.obtener(registro.nombre_usuario)
        usuarios.desactivar(self.sesion, actual)
        return actual

    def cambiar_contrasena(self) -> None:
        """Fija la contraseña escrita (dos veces) a la cuenta elegida."""
        if self.registro is None or not self.boton_contrasena.isEnabled():
            return
        self.limpiar_errores()

        def cambiar() -> Any:
            contrasena = self._contrasena_confirmada()
            actual = usuarios.obtener(self.registro.nombre_usuario)
            usuarios.cambiar_contrasena(self.sesion, actual, contrasena)
            return actual

        if self.ejecutar_servicio(cambiar) is None:
            return
        self.contrasena.clear()
        self.confirmacion.clear()
        self._sucio = False
        comunes.avisar(self, tr("Contraseña cambiada"),
                       tr("La contraseña de «{u}» se cambió.").replace("{u}", self.registro.nombre_usuario))
        self.refrescar()


# --- Institución ---------------------------------------------------------------------------

class PestanaInstitucion(ErroresDeFormulario, QWidget):
    """Datos que usan los oficios: nombre, lema, lugar, formato de folio, titulares y logotipo."""

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.puede_editar = permisos.puede(sesion, permisos.EDITAR_INSTITUCION)
        self.registro: Any = None
        self._servidores: dict[int, Any] = {}
        self._logotipo: Any = _SIN_CAMBIO      # bytes nuevos, None (quitar) o sin cambio
        self._ultimo_folio = 0
        self._llenando = False
        self._sucio = False

        self.nombre = _linea(300)
        self.municipio = _linea(200)
        self.lugar = _linea(200, "San Martín Texmelucan, Pue.")
        self.lema = _linea(300)
        self.area = _linea(200)
        self.pie = _linea(300)
        self.formato_folio = _linea(100, "TM/DTI/{numero:04d}/{anio}")
        self.formato_folio.setToolTip(tr("Use {numero:04d} para el consecutivo y {anio} para el año."))
        self.vista_previa = etiqueta_plana("", self)
        self.titular_dti = QComboBox(self)
        self.tesorero = QComboBox(self)
        for combo in (self.titular_dti, self.tesorero):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(30)
        datos = QGroupBox(tr("Datos de la institución"), self)
        formulario = QFormLayout(datos)
        formulario.addRow(tr("&Nombre:"), self.nombre)
        formulario.addRow(tr("&Municipio:"), self.municipio)
        formulario.addRow(tr("&Lugar (para la fecha):"), self.lugar)
        formulario.addRow(tr("L&ema:"), self.lema)
        formulario.addRow(tr("Á&rea emisora:"), self.area)
        formulario.addRow(tr("&Pie de página:"), self.pie)
        formulario.addRow(tr("&Formato de folio:"), self.formato_folio)
        formulario.addRow("", self.vista_previa)
        formulario.addRow(tr("&Titular de la DTI:"), self.titular_dti)
        formulario.addRow(tr("Te&sorero(a):"), self.tesorero)
        self.iva_acreditable = QCheckBox(tr("La institución acredita el IVA de sus compras"), self)
        self.iva_acreditable.setToolTip(tr("Un municipio normalmente no lo acredita: el IVA es parte del costo de "
                                           "adquisición de cada bien dado de alta desde la factura. Márquelo solo "
                                           "si la institución sí lo acredita; entonces queda fuera del valor."))
        formulario.addRow(tr("IVA:"), self.iva_acreditable)

        self.logotipo = QLabel(self)
        self.logotipo.setFixedSize(260, 150)
        self.logotipo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logotipo.setFrameShape(QFrame.Shape.StyledPanel)
        self.logotipo.setTextFormat(Qt.TextFormat.PlainText)
        self.boton_logotipo = QPushButton(tr("Cargar imagen…"), self)
        self.boton_quitar_logotipo = QPushButton(tr("Quitar"), self)
        caja_logo = QGroupBox(tr("Logotipo"), self)
        capa_logo = QVBoxLayout(caja_logo)
        capa_logo.addWidget(self.logotipo, 0, Qt.AlignmentFlag.AlignHCenter)
        botones_logo = QHBoxLayout()
        botones_logo.addWidget(self.boton_logotipo)
        botones_logo.addWidget(self.boton_quitar_logotipo)
        capa_logo.addLayout(botones_logo)
        capa_logo.addWidget(etiqueta_plana(tr("PNG o JPG de hasta 5 MB. Aparece en el membrete de los oficios."),
                                           caja_logo))
        capa_logo.addStretch(1)

        self.errores = etiqueta_plana("", self)
        self.errores.setObjectName("error")
        self.errores.setStyleSheet(COLOR_ERROR)
        self.errores.hide()
        self.aviso = etiqueta_plana("", self)
        self.aviso.setStyleSheet("color: #8a5a00;")
        self.boton_guardar = QPushButton(tr("Guardar"), self)
        self.boton_descartar = QPushButton(tr("Descartar cambios"), self)
        botones = QHBoxLayout()
        botones.addWidget(self.boton_guardar)
        botones.addWidget(self.boton_descartar)
        botones.addStretch(1)

        arriba = QHBoxLayout()
        arriba.addWidget(datos, 3)
        arriba.addWidget(caja_logo, 1)
        capa = QVBoxLayout(self)
        capa.addLayout(arriba)
        capa.addWidget(self.errores)
        capa.addLayout(botones)
        capa.addWidget(self.aviso)
        capa.addStretch(1)

        self.campos: dict[str, QWidget] = {
            "nombre": self.nombre, "municipio": self.municipio, "lugar": self.lugar, "lema": self.lema,
            "area": self.area, "pie": self.pie, "formato_folio": self.formato_folio,
            "titular_dti": self.titular_dti, "tesorero": self.tesorero, "iva_acreditable": self.iva_acreditable,
            "logotipo": self.logotipo}
        for widget in self.campos.values():
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(lambda _t, w=widget: self._al_editar(w))
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(lambda _m, w=widget: self._al_editar(w))
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _i, w=widget: self._al_editar(w))
        self.formato_folio.textChanged.connect(self._vista_previa)
        self.boton_guardar.clicked.connect(self.guardar)
        self.boton_descartar.clicked.connect(lambda: self.refrescar(forzar=True))
        self.boton_logotipo.clicked.connect(self.elegir_logotipo)
        self.boton_quitar_logotipo.clicked.connect(self.quitar_logotipo)
        self._aplicar_permisos()

    # --- Datos ----------------------------------------------------------------------------------

    def refrescar(self, forzar: bool = False) -> None:
        """Vuelve a leer los datos (si hay cambios sin guardar, solo con ``forzar``)."""
        if self._sucio and not forzar:
            return
        registro = comunes.ejecutar(self, catalogos.institucion)
        servidores = comunes.ejecutar(self, catalogos.servidores, "", None, False)
        if registro is None or servidores is None:
            return
        self.registro = registro
        self._servidores = {s.id: s for s in servidores}
        self._ultimo_folio = folios.ultimo_consecutivo(folios.SERIE_OFICIOS, hoy_mexico().year)
        self._llenando = True
        try:
            for campo in ("nombre", "municipio", "lugar", "lema", "area", "pie", "formato_folio"):
                self.campos[campo].setText(getattr(registro, campo) or "")
                self.campos[campo].setCursorPosition(0)
            for combo, elegido in ((self.titular_dti, registro.titular_dti_id), (self.tesorero, registro.tesorero_id)):
                combo.clear()
                combo.addItem(tr("(Sin asignar)"), None)
                for servidor in servidores:
                    if servidor.activo or servidor.id == elegido:
                        combo.addItem(f"{servidor.nombre} — {servidor.cargo}", servidor.id)
                combo.setCurrentIndex(max(0, combo.findData(elegido)))
            self.iva_acreditable.setChecked(bool(registro.iva_acreditable))
            self._logotipo = _SIN_CAMBIO
            self._mostrar_logotipo(bytes(registro.logotipo) if registro.logotipo else None)
        finally:
            self._llenando = False
        self._sucio = False
        self.limpiar_errores()
        self._vista_previa()

    def _al_editar(self, widget: QWidget) -> None:
        if not self._llenando:
            self._sucio = True
            marcar_campo(widget, False)

    def _vista_previa(self) -> None:
        formato = self.formato_folio.text()
        problema = problema_ancho_folio(formato) or catalogos.validar_formato_folio(formato)
        if problema:
            self.vista_previa.setText(problema)
            self.vista_previa.setStyleSheet(COLOR_ERROR)
            return
        siguiente = formato.format(numero=self._ultimo_folio + 1, anio=hoy_mexico().year)
        self.vista_previa.setText(tr("Siguiente folio: {folio}").replace("{folio}", siguiente))
        self.vista_previa.setStyleSheet("")

    def _mostrar_logotipo(self, contenido: bytes | None) -> None:
        if not contenido:
            self.logotipo.setPixmap(QPixmap())
            self.logotipo.setText(tr("Sin logotipo"))
            return
        imagen, problema = leer_imagen(contenido)
        if imagen is None:
            self.logotipo.setPixmap(QPixmap())
            self.logotipo.setText(problema)
            return
        pixmap = QPixmap.fromImage(imagen).scaled(self.logotipo.contentsRect().size(),
                                                  Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation)
        self.logotipo.setPixmap(pixmap)

    def _aplicar_permisos(self) -> None:
        editable = self.puede_editar
        for widget in self.campos.values():
            if widget is not self.logotipo:
                _campo_editable(widget, editable)
        for boton in (self.boton_guardar, self.boton_descartar, self.boton_logotipo, self.boton_quitar_logotipo):
            boton.setEnabled(editable)
        rol = permisos.NOMBRES_ROL.get(self.sesion.rol, self.sesion.rol)
        self.aviso.setText("" if editable else tr("Solo consulta: su rol ({rol}) no permite modificar los datos "
                                                  "de la institución.").replace("{rol}", rol))
        self.aviso.setVisible(not editable)

    # --- Acciones -------------------------------------------------------------------------------

    def elegir_logotipo(self) -> None:
        ruta = elegir_imagen(self)
        if ruta:
            self.cargar_logotipo(ruta)

    def cargar_logotipo(self, ruta: str | Path) -> None:
        """Lee el archivo (con límite de tamaño), comprueba que sea una imagen y la muestra."""
        try:
            _nombre, contenido = archivos.leer(ruta, MAXIMO_LOGOTIPO, "logotipo")   # con tope: nunca entero
        except ErrorValidacion as exc:
            self.mostrar_errores(exc.errores)
            return
        except ErrorDTI as exc:
            self.mostrar_errores([("logotipo", str(exc))])
            return
        imagen, problema = leer_imagen(contenido)
        if imagen is None:
            self.mostrar_errores([("logotipo", problema)])
            return
        self.limpiar_errores()
        self._logotipo = contenido
        self._sucio = True
        self._mostrar_logotipo(contenido)

    def quitar_logotipo(self) -> None:
        self._logotipo = None
        self._sucio = True
        self._mostrar_logotipo(None)

    def guardar(self) -> None:
        if not self.puede_editar:
            return
        self.limpiar_errores()
        problema = problema_ancho_folio(self.formato_folio.text())
        if problema:
            self.mostrar_errores([("formato_folio", problema)])
            return
        datos: dict[str, Any] = {campo: self.campos[campo].text() for campo in
                                 ("nombre", "municipio", "lugar", "lema", "area", "pie", "formato_folio")}
        datos["titular_dti"] = self._servidores.get(self.titular_dti.currentData())
        datos["tesorero"] = self._servidores.get(self.tesorero.currentData())
        datos["iva_acreditable"] = self.iva_acreditable.isChecked()
        if self._logotipo is not _SIN_CAMBIO:
            datos["logotipo"] = self._logotipo

        def llamada() -> Any:
            try:
                return catalogos.guardar_institucion(self.sesion, **datos)
            except ErrorValidacion as exc:
                self.mostrar_errores(exc.errores)
                return None

        if comunes.ejecutar(self, llamada) is None:
            return
        self._sucio = False
        self.refrescar(forzar=True)


# --- La vista ------------------------------------------------------------------------------

class VistaCatalogos(QWidget):
    """Catálogos en pestañas; cada una se lee al mostrarse."""

    TITULO = "Catálogos"

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        self.setStyleSheet(HOJA_ERRORES)
        self.pestanas = QTabWidget(self)
        self.dependencias = PestanaDependencias(sesion, self)
        self.servidores = PestanaServidores(sesion, self)
        self.proveedores = PestanaProveedores(sesion, self)
        self.institucion = PestanaInstitucion(sesion, self)
        self.usuarios = PestanaUsuarios(sesion, self)
        # Sin aceleradores en las pestañas: chocarían con los de los formularios (Alt+D, Alt+N…).
        self.pestanas.addTab(self.dependencias, tr("Dependencias"))
        self.pestanas.addTab(self.servidores, tr("Servidores públicos"))
        self.pestanas.addTab(self.proveedores, tr("Proveedores"))
        self.pestanas.addTab(self.institucion, tr("Institución"))
        self.pestanas.addTab(self.usuarios, tr("Usuarios"))
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.pestanas)
        self.pestanas.currentChanged.connect(lambda _i: self.refrescar())
        self.refrescar()

    def refrescar(self) -> None:
        """Relee la pestaña visible (las demás se leen al elegirlas)."""
        actual = self.pestanas.currentWidget()
        if actual is not None:
            actual.refrescar()


__all__ = ["VistaCatalogos", "PestanaDependencias", "PestanaServidores", "PestanaProveedores",
           "PestanaInstitucion", "PestanaUsuarios"]
