"""Modelos peewee: sin Qt y sin reglas de negocio largas."""
from app.modelos.base import ErrorBorradoFisico, ModeloBase, ahora
from app.modelos.bitacora import Bitacora
from app.modelos.calendario import DiaInhabil, HorarioLaboral
from app.modelos.cuentas import ConfiguracionCorreo, Cuenta, MensajeCorreo, MovimientoCuenta, SolicitudCuenta
from app.modelos.catalogos import Dependencia, Institucion, Proveedor, ServidorPublico
from app.modelos.dictamenes import Dictamen
from app.modelos.inventario import Bien, Factura, TipoBien
from app.modelos.levantamiento import LecturaLevantamiento, Levantamiento
from app.modelos.mantenimiento import (AvisoMantenimiento, BitacoraServidor, Dispositivo, EventoMantenimiento,
                                       Mantenimiento, PlanPreventivo)
from app.modelos.mesa_ayuda import Escalamiento, MetaSLA, Ticket
from app.modelos.movimientos import DetalleMovimiento, Movimiento
from app.modelos.licencias import AsignacionLicencia, Licencia, Software, SolicitudSoftware
from app.modelos.oficios import Adjunto, ContadorFolio, Oficio
from app.modelos.tramites import AdjuntoPaso, AvisoTramite, DestinatarioAviso, PasoTramite, Tramite, ValorPaso
from app.modelos.usuarios import Usuario

TODOS = [Dependencia, ServidorPublico, Proveedor, Institucion, Usuario, ContadorFolio,
         Oficio, Adjunto, Tramite, PasoTramite, Bitacora, TipoBien, Factura, Bien,
         Movimiento, DetalleMovimiento, Levantamiento, LecturaLevantamiento,
         HorarioLaboral, DiaInhabil, Ticket, MetaSLA, Escalamiento,
         Dispositivo, PlanPreventivo, Mantenimiento, EventoMantenimiento, AvisoMantenimiento, BitacoraServidor,
         Dictamen, Software, Licencia, AsignacionLicencia, SolicitudSoftware]

# Modelos cuyo contenido actual debe coincidir con su última instantánea en la bitácora.
AUDITADOS = [Dependencia, ServidorPublico, Proveedor, Institucion, Usuario, Oficio,
             Adjunto, Tramite, PasoTramite, TipoBien, Factura, Bien, Movimiento, DetalleMovimiento,
             Levantamiento, LecturaLevantamiento,
             HorarioLaboral, DiaInhabil, Ticket, MetaSLA, Escalamiento,
             Dispositivo, PlanPreventivo, Mantenimiento, EventoMantenimiento, AvisoMantenimiento, BitacoraServidor,
             Dictamen, Software, Licencia, AsignacionLicencia, SolicitudSoftware]

__all__ = ["TODOS", "AUDITADOS", "ErrorBorradoFisico", "ModeloBase", "ahora", "Bitacora",
           "Dependencia", "Institucion", "Proveedor", "ServidorPublico", "Adjunto",
           "ContadorFolio", "Oficio", "Bien", "Factura", "TipoBien", "PasoTramite", "Tramite", "Usuario",
           "Movimiento", "DetalleMovimiento", "Levantamiento", "LecturaLevantamiento",
           "HorarioLaboral", "DiaInhabil", "Ticket", "MetaSLA", "Escalamiento", "Dispositivo", "PlanPreventivo", "Mantenimiento",
           "EventoMantenimiento", "AvisoMantenimiento", "BitacoraServidor",
           "Dictamen", "Software", "Licencia", "AsignacionLicencia", "SolicitudSoftware"]

# Procedimiento 9: cuentas de correo y de aplicaciones, y la cola de correo.
TODOS += [SolicitudCuenta, Cuenta, MovimientoCuenta, ConfiguracionCorreo, MensajeCorreo]
AUDITADOS += [SolicitudCuenta, Cuenta, MovimientoCuenta, ConfiguracionCorreo, MensajeCorreo]
__all__ += ["SolicitudCuenta", "Cuenta", "MovimientoCuenta", "ConfiguracionCorreo", "MensajeCorreo"]

# Issue 13: los datos de cada paso de trámite (valores capturados y adjuntos).
TODOS += [ValorPaso, AdjuntoPaso]
AUDITADOS += [ValorPaso, AdjuntoPaso]
__all__ += ["ValorPaso", "AdjuntoPaso"]

# Issue 17: los contadores de folios también se auditan (cada cambio queda en la bitácora).
AUDITADOS += [ContadorFolio]

# Issue 14: avisos por correo de los pasos que le tocan a cada área y de los vencidos.
TODOS += [DestinatarioAviso, AvisoTramite]
AUDITADOS += [DestinatarioAviso, AvisoTramite]
__all__ += ["DestinatarioAviso", "AvisoTramite"]

# Issue 17: la huella de la llave de secretos (todas las PC que comparten la base usan la misma).
from app.modelos.llave import HuellaLlave  # noqa: E402

TODOS += [HuellaLlave]
__all__ += ["HuellaLlave"]

# Procedimiento 20: política de filtrado (por versiones) y solicitudes de desbloqueo de sitios.
from app.modelos.internet import PoliticaFiltrado, SolicitudDesbloqueo  # noqa: E402

TODOS += [PoliticaFiltrado, SolicitudDesbloqueo]
AUDITADOS += [PoliticaFiltrado, SolicitudDesbloqueo]
__all__ += ["PoliticaFiltrado", "SolicitudDesbloqueo"]

# Procedimientos 14, 16 y 17: cargas a la página web, declaraciones patrimoniales e hipervínculos.
from app.modelos.web import (AreaTesoreria, Hipervinculo, ImagenCargaWeb, SolicitudCargaWeb,  # noqa: E402
                             SolicitudDeclaraciones, SolicitudHipervinculos, VerificacionHipervinculo)

_WEB = [SolicitudCargaWeb, ImagenCargaWeb, SolicitudDeclaraciones, AreaTesoreria, SolicitudHipervinculos,
        Hipervinculo, VerificacionHipervinculo]
TODOS += _WEB
AUDITADOS += _WEB
__all__ += ["SolicitudCargaWeb", "ImagenCargaWeb", "SolicitudDeclaraciones", "AreaTesoreria",
            "SolicitudHipervinculos", "Hipervinculo", "VerificacionHipervinculo"]

# Procedimientos 3, 11, 13, 15 y 18: proyectos de TI (sistemas, páginas web, módulos e infraestructura).
from app.modelos.proyectos import (CriterioViabilidad, EntregableProyecto, Proyecto, ReunionProyecto,  # noqa: E402
                                   RequerimientoProyecto, TareaProyecto, VersionDiseno)

_PROYECTOS = [Proyecto, CriterioViabilidad, ReunionProyecto, RequerimientoProyecto, VersionDiseno, TareaProyecto,
              EntregableProyecto]
TODOS += _PROYECTOS
AUDITADOS += _PROYECTOS
__all__ += ["Proyecto", "CriterioViabilidad", "ReunionProyecto", "RequerimientoProyecto", "VersionDiseno",
            "TareaProyecto", "EntregableProyecto"]

# Procedimiento 1: adquisiciones y pagos a proveedores de TIC.
from app.modelos.adquisiciones import (Adquisicion, PartidaAdquisicion, RecepcionAdquisicion,  # noqa: E402
                                       RevisionPartida)

TODOS += [Adquisicion, PartidaAdquisicion, RecepcionAdquisicion, RevisionPartida]
AUDITADOS += [Adquisicion, PartidaAdquisicion, RecepcionAdquisicion, RevisionPartida]
__all__ += ["Adquisicion", "PartidaAdquisicion", "RecepcionAdquisicion", "RevisionPartida"]

# Procedimiento 5: respaldo y recuperación de información.
from app.modelos.respaldos import EjecucionRespaldo, EntregaRespaldo, PlanRespaldo, RecuperacionInformacion  # noqa: E402

TODOS += [PlanRespaldo, EjecucionRespaldo, RecuperacionInformacion, EntregaRespaldo]
AUDITADOS += [PlanRespaldo, EjecucionRespaldo, RecuperacionInformacion, EntregaRespaldo]
__all__ += ["PlanRespaldo", "EjecucionRespaldo", "RecuperacionInformacion", "EntregaRespaldo"]

# Procedimiento 19: videovigilancia (grabadores, cámaras, solicitudes, visualizaciones y monitoreo).
from app.modelos.videovigilancia import (Camara, Grabador, MonitoreoVideo, SolicitudGrabacion,  # noqa: E402
                                         Visualizacion)

_VIDEO = [Grabador, Camara, SolicitudGrabacion, Visualizacion, MonitoreoVideo]
TODOS += _VIDEO
AUDITADOS += _VIDEO
__all__ += ["Grabador", "Camara", "SolicitudGrabacion", "Visualizacion", "MonitoreoVideo"]

# Issue 17: al migrar, la base se compara con estos modelos; una migración que deja otro esquema se deshace.
from app.base_datos import registrar_modelos  # noqa: E402

registrar_modelos(TODOS)
