"""Ventana principal: una pestaña por módulo, creada la primera vez que se muestra."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from app import __version__, base_datos
from app.modelos import Usuario
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import permisos
from app.servicios.nucleo.validacion import normalizar
from app.vistas.busqueda import instalar_busqueda
from app.vistas.comun import pantalla, preferencias
from app.vistas.comun.comunes import avisar, etiqueta_plana, tr
from app.vistas.modulos import Modulo, MODULOS

registro = logging.getLogger(__name__)


def describir_base() -> str:
    """Qué base está abierta, sin la contraseña."""
    return base_datos.descripcion_conexion()


class _Contenedor(QWidget):
    """Lugar de una pestaña: vacío hasta que se muestra por primera vez."""

    def __init__(self, modulo: Modulo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definicion = modulo
        self.modulo: QWidget | None = None
        self.error: str | None = None
        self.capa = QVBoxLayout(self)
        self.capa.setContentsMargins(8, 8, 8, 8)


ESPERA_COLA_MS = 10_000


class VentanaPrincipal(QMainWindow):
    """Ventana del usuario que inició sesión (``sesion``)."""

    sesion_cerrada = Signal()

    def __init__(self, sesion: Usuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sesion = sesion
        nombre_rol = permisos.NOMBRES_ROL.get(sesion.rol, sesion.rol)
        self.institucion = catalogos.institucion().nombre
        # Qt agrega al final el nombre de la aplicación («— DTI»): no se repite aquí.
        self.setWindowTitle(f"{self.institucion} — {sesion.nombre} ({nombre_rol})")
        # Cabe en 1366×768 con la barra de tareas; ``abrir()`` recupera el tamaño que dejó el usuario.
        self.resize(pantalla.VENTANA_POR_OMISION)
        self._recordar = False

        self.pestanas = QTabWidget(self)
        self.pestanas.setDocumentMode(False)
        self._contenedores: list[_Contenedor] = []
        for modulo in MODULOS:
            contenedor = _Contenedor(modulo, self.pestanas)
            self._contenedores.append(contenedor)
            self.pestanas.addTab(contenedor, modulo.titulo)
        self.setCentralWidget(self.pestanas)
        self.pestanas.currentChanged.connect(self._al_cambiar_pestana)

        self._crear_menus()
        self._crear_atajos()
        # Búsqueda global (issue 20): caja a la derecha del menú y Ctrl+K.
        self.busqueda_global = instalar_busqueda(self)
        self._crear_barra_estado(nombre_rol)
        # La cola de correo (contraseñas iniciales, avisos) avanza aunque nadie abra la pestaña
        # Cuentas. Se arranca después de mostrar la ventana para no retrasar el inicio.
        self.cola_correo = None
        self._arranque_cola = QTimer(self)
        self._arranque_cola.setSingleShot(True)
        self._arranque_cola.setInterval(ESPERA_COLA_MS)
        self._arranque_cola.timeout.connect(self._iniciar_cola_correo)

    # --- Construcción ---------------------------------------------------------------------

    def _crear_menus(self) -> None:
        archivo = self.menuBar().addMenu(tr("&Archivo"))
        self.accion_cerrar_sesion = QAction(tr("&Cerrar sesión"), self)
        self.accion_cerrar_sesion.triggered.connect(self.cerrar_sesion)
        archivo.addAction(self.accion_cerrar_sesion)
        self.accion_mi_contrasena = QAction(tr("Cambiar &mi contraseña…"), self)
        self.accion_mi_contrasena.triggered.connect(self.cambiar_mi_contrasena)
        archivo.addAction(self.accion_mi_contrasena)
        archivo.addSeparator()
        self.accion_salir = QAction(tr("&Salir"), self)
        # Ctrl+Q explícito: la combinación estándar de «Salir» no existe en Windows.
        self.accion_salir.setShortcut(QKeySequence("Ctrl+Q"))
        self.accion_salir.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.accion_salir.triggered.connect(self.close)
        archivo.addAction(self.accion_salir)
        self.addAction(self.accion_salir)

        ayuda = self.menuBar().addMenu(tr("A&yuda"))
        # Manual de usuario (procedimiento 11, política 5): F1 abre el capítulo de la pestaña visible.
        self.accion_manual = QAction(tr("&Manual de usuario"), self)
        self.accion_manual.triggered.connect(lambda: self.abrir_manual())
        ayuda.addAction(self.accion_manual)
        self.accion_ayuda_pestana = QAction(tr("Ayuda de esta &pestaña"), self)
        self.accion_ayuda_pestana.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.accion_ayuda_pestana.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.accion_ayuda_pestana.triggered.connect(self.ayuda_pestana)
        ayuda.addAction(self.accion_ayuda_pestana)
        self.addAction(self.accion_ayuda_pestana)
        ayuda.addSeparator()
        self.accion_acerca = QAction(tr("&Acerca de…"), self)
        self.accion_acerca.triggered.connect(self.acerca_de)
        ayuda.addAction(self.accion_acerca)

    def cambiar_mi_contrasena(self) -> None:
        """Archivo → «Cambiar mi contraseña…» (sin pasar por Catálogos → Usuarios)."""
        from app.vistas.login import DialogoMiContrasena

        self.dialogo_contrasena = DialogoMiContrasena(self.sesion, self)
        if self.dialogo_contrasena.exec():
            avisar(self, tr("Contraseña cambiada"), tr("Su contraseña se cambió. Úsela la próxima vez que entre."))

    def _crear_atajos(self) -> None:
        for numero in range(1, min(len(self._contenedores), 9) + 1):
            atajo = QShortcut(QKeySequence(f"Ctrl+{numero}"), self)
            atajo.activated.connect(lambda i=numero - 1: self.pestanas.setCurrentIndex(i))
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.refrescar_actual)

    def _iniciar_cola_correo(self) -> None:
        from app.vistas.cuentas.cola import ProcesadorCola

        self.cola_correo = ProcesadorCola(self)
        self.cola_correo.iniciar()

    def _crear_barra_estado(self, nombre_rol: str) -> None:
        barra = self.statusBar()
        barra.setSizeGripEnabled(True)
        try:
            version = base_datos.version_esquema() or tr("sin migraciones")
        except Exception as exc:  # noqa: BLE001 - la barra no debe impedir abrir la ventana
            registro.warning("No se pudo leer la versión del esquema: %s", exc)
            version = tr("desconocida")
        self.etiqueta_usuario = etiqueta_plana(f"{tr('Usuario')}: {self.sesion.nombre}", barra)
        self.etiqueta_rol = etiqueta_plana(f"{tr('Rol')}: {nombre_rol}", barra)
        self.etiqueta_base = etiqueta_plana(describir_base(), barra)
        self.etiqueta_esquema = etiqueta_plana(f"{tr('Esquema')}: {version}", barra)
        for etiqueta in (self.etiqueta_usuario, self.etiqueta_rol, self.etiqueta_base, self.etiqueta_esquema):
            etiqueta.setWordWrap(False)
        self.etiqueta_base.setToolTip(describir_base())
        barra.addWidget(self.etiqueta_usuario)
        barra.addWidget(self.etiqueta_rol)
        barra.addPermanentWidget(self.etiqueta_base)
        barra.addPermanentWidget(self.etiqueta_esquema)

    # --- Módulos (carga perezosa) ---------------------------------------------------------

    def showEvent(self, evento: QShowEvent) -> None:  # noqa: N802 - API de Qt
        super().showEvent(evento)
        self._asegurar(self.pestanas.currentIndex())
        if self.cola_correo is None and not self._arranque_cola.isActive():
            self._arranque_cola.start()

    def abrir(self) -> None:
        """Muestra la ventana como la dejó este usuario (tamaño, estado, divisores) y lo recuerda al cerrar.

        La primera vez: 1280×680 si cabe, o maximizada en una pantalla más chica.
        """
        self._recordar = True
        usuario = self.sesion.nombre_usuario
        geometria = preferencias.leer(usuario, "ventana", "geometria")
        if geometria is not None and self.restoreGeometry(geometria):
            estado = preferencias.leer(usuario, "ventana", "estado")
            if estado is not None:
                self.restoreState(estado)
            self.show()
            return
        tamano, maximizar = pantalla.tamano_inicial(pantalla.disponible(self))
        if maximizar:
            self.showMaximized()
            return
        self.resize(tamano)
        self.show()

    def _guardar_preferencias(self) -> None:
        usuario = self.sesion.nombre_usuario
        preferencias.guardar(usuario, self.saveGeometry(), "ventana", "geometria")
        preferencias.guardar(usuario, self.saveState(), "ventana", "estado")
        for contenedor in self._contenedores:
            if contenedor.modulo is not None:
                preferencias.guardar_divisores(usuario, contenedor.definicion.titulo, contenedor.modulo)

    def closeEvent(self, evento: QCloseEvent) -> None:  # noqa: N802 - API de Qt
        """Al cerrar la ventana se recuerdan tamaño y divisores; la cola de correo deja de procesarse."""
        if self._recordar:
            try:
                self._guardar_preferencias()
            except Exception as exc:  # noqa: BLE001 - no poder recordar no impide cerrar
                registro.warning("No se pudieron guardar las preferencias de la ventana: %s", exc)
        self._arranque_cola.stop()
        if self.cola_correo is not None:
            self.cola_correo.temporizador.stop()
        super().closeEvent(evento)

    def _al_cambiar_pestana(self, indice: int) -> None:
        if self.isVisible():
            self._asegurar(indice)

    def _asegurar(self, indice: int) -> _Contenedor | None:
        """Crea el módulo de la pestaña ``indice`` si todavía no existe."""
        if not 0 <= indice < len(self._contenedores):
            return None
        contenedor = self._contenedores[indice]
        if contenedor.modulo is not None or contenedor.error is not None:
            return contenedor
        definicion = contenedor.definicion
        try:
            clase = definicion.clase()
            modulo = clase(self.sesion, contenedor)
        except Exception as exc:  # noqa: BLE001 - un módulo roto no debe tumbar la ventana
            registro.exception("No se pudo abrir el módulo %s", definicion.titulo)
            contenedor.error = f"{type(exc).__name__}: {exc}"
            aviso = etiqueta_plana(
                tr("No se pudo abrir el módulo «{titulo}».").format(titulo=definicion.titulo)
                + "\n\n" + contenedor.error, contenedor)
            aviso.setObjectName("aviso")
            aviso.setAlignment(Qt.AlignmentFlag.AlignCenter)
            contenedor.capa.addWidget(aviso)
            return contenedor
        contenedor.modulo = modulo
        contenedor.capa.addWidget(modulo)
        if self._recordar:
            preferencias.restaurar_divisores(self.sesion.nombre_usuario, definicion.titulo, modulo)
        senal = getattr(modulo, "tramite_abierto", None)
        if senal is not None:
            senal.connect(self.ir_a_tramite)
        return contenedor

    def ir_a_tramite(self, identificador: int) -> None:
        """Muestra la pestaña Trámites con ese trámite seleccionado (p. ej. recién abierto)."""
        vista = self.mostrar_modulo("Trámites")
        vista.refrescar()
        seleccionar = getattr(vista, "seleccionar", None)
        if seleccionar is not None:
            seleccionar(identificador)

    def abrir_caso(self, tramite_id: int) -> QWidget:
        """Muestra el caso en el módulo que lo lleva (el ticket en Mesa de ayuda…) o en Trámites.

        Un módulo dueño de casos implementa ``mostrar_expediente(tramite_id)``: selecciona el
        registro cuyo trámite es ``tramite_id``.
        """
        from app.modelos import Tramite
        from app.servicios.tramites.modulos import modulo as modulo_dueno

        tramite = Tramite.get_or_none(Tramite.id == tramite_id)
        dueno = modulo_dueno(tramite.modulo) if tramite is not None else None
        if dueno is None:
            self.ir_a_tramite(tramite_id)
            return self.modulo_cargado("Trámites")
        vista = self.mostrar_modulo(dueno.pestana)
        mostrar = getattr(vista, "mostrar_expediente", None)
        if callable(mostrar):
            mostrar(tramite_id)
        return vista

    def nuevo_caso(self, procedimiento: int, oficio_id: int | None = None) -> QWidget:
        """Abre un caso nuevo del procedimiento donde se abre: en su módulo, o en Trámites.

        El módulo implementa ``nuevo_caso(procedimiento, oficio_id)``: su diálogo de alta, con el
        oficio recibido que lo pide ya elegido. Trámites implementa lo mismo para los demás.
        """
        from app.servicios.tramites import procedimientos
        from app.servicios.tramites.modulos import modulo as modulo_dueno

        dueno = modulo_dueno(procedimientos.obtener(procedimiento).modulo)
        vista = self.mostrar_modulo(dueno.pestana if dueno is not None else "Trámites")
        nuevo = getattr(vista, "nuevo_caso", None)
        if callable(nuevo):
            nuevo(procedimiento, oficio_id)
        return vista

    def titulos(self) -> list[str]:
        return [c.definicion.titulo for c in self._contenedores]

    def modulo_cargado(self, titulo: str) -> QWidget | None:
        """El módulo ya creado con ese título, o None si aún no se ha mostrado."""
        buscado = normalizar(titulo)
        for contenedor in self._contenedores:
            if normalizar(contenedor.definicion.titulo) == buscado:
                return contenedor.modulo
        return None

    def mostrar_modulo(self, titulo: str) -> QWidget:
        """Selecciona la pestaña ``titulo`` (sin importar mayúsculas ni acentos) y devuelve su módulo."""
        buscado = normalizar(titulo or "")
        for indice, contenedor in enumerate(self._contenedores):
            if normalizar(contenedor.definicion.titulo) == buscado:
                self.pestanas.setCurrentIndex(indice)
                self._asegurar(indice)
                if contenedor.modulo is None:
                    raise RuntimeError(
                        f"No se pudo abrir el módulo «{contenedor.definicion.titulo}»: {contenedor.error}")
                return contenedor.modulo
        raise ValueError(f"No existe el módulo «{titulo}». Los módulos son: {', '.join(self.titulos())}.")

    def modulo_actual(self) -> QWidget | None:
        contenedor = self._asegurar(self.pestanas.currentIndex())
        return contenedor.modulo if contenedor else None

    def refrescar_actual(self) -> None:
        """F5: vuelve a leer los datos del módulo visible."""
        modulo = self.modulo_actual()
        refrescar = getattr(modulo, "refrescar", None)
        if callable(refrescar):
            refrescar()

    # --- Menús ----------------------------------------------------------------------------

    def cerrar_sesion(self) -> None:
        """Cierra esta ventana y avisa para volver a pedir usuario y contraseña."""
        self.sesion_cerrada.emit()
        self.close()

    def abrir_manual(self, titulo_pestana: str | None = None) -> QWidget:
        """Abre (o trae al frente) el manual de usuario; con ``titulo_pestana``, en el capítulo de esa pestaña."""
        from app.vistas.ayuda.visor import VisorManual

        visor = getattr(self, "visor_manual", None)
        if visor is None:
            visor = self.visor_manual = VisorManual(self.titulos(), self)
        if titulo_pestana:
            visor.mostrar_pestana(titulo_pestana)
        visor.show()
        visor.raise_()
        visor.activateWindow()
        return visor

    def ayuda_pestana(self) -> QWidget:
        """F1: el capítulo del manual de la pestaña visible."""
        indice = self.pestanas.currentIndex()
        titulo = self._contenedores[indice].definicion.titulo if 0 <= indice < len(self._contenedores) else None
        return self.abrir_manual(titulo)

    def acerca_de(self) -> None:
        from app.servicios.tramites.procedimientos import MANUAL

        mensaje = (
            f"{tr('Sistema de la Dirección de Tecnologías de la Información')}\n"
            f"{self.institucion}\n\n"
            f"{tr('Versión')} {__version__}\n\n"
            f"{tr('Basado en el')} {MANUAL['titulo']}\n"
            f"{tr('Registro')}: {MANUAL['registro']}\n"
            f"{tr('Fecha de elaboración')}: {MANUAL['fecha_elaboracion']} · "
            f"{tr('Revisión')}: {MANUAL['revision']}\n\n"
            f"{tr('Base de datos')}: {describir_base()}")
        avisar(self, tr("Acerca de DTI"), mensaje)


__all__ = ["VentanaPrincipal", "describir_base"]
