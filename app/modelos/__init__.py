"""Modelos peewee: sin Qt y sin reglas de negocio largas."""
from app.modelos.base import ErrorBorradoFisico, ModeloBase, ahora
from app.modelos.bitacora import Bitacora
from app.modelos.calendario import DiaInhabil, HorarioLaboral
from app.modelos.catalogos import Dependencia, Institucion, Proveedor, ServidorPublico
from app.modelos.inventario import Bien, Factura, TipoBien
from app.modelos.levantamiento import LecturaLevantamiento, Levantamiento
from app.modelos.mantenimiento import (AvisoMantenimiento, BitacoraServidor, Dispositivo, EventoMantenimiento,
                                       Mantenimiento, PlanPreventivo)
from app.modelos.mesa_ayuda import Escalamiento, MetaSLA, Ticket
from app.modelos.movimientos import DetalleMovimiento, Movimiento
from app.modelos.oficios import Adjunto, ContadorFolio, Oficio
from app.modelos.tramites import PasoTramite, Tramite
from app.modelos.usuarios import Usuario

TODOS = [Dependencia, ServidorPublico, Proveedor, Institucion, Usuario, ContadorFolio,
         Oficio, Adjunto, Tramite, PasoTramite, Bitacora, TipoBien, Factura, Bien,
         Movimiento, DetalleMovimiento, Levantamiento, LecturaLevantamiento,
         HorarioLaboral, DiaInhabil, Ticket, MetaSLA, Escalamiento,
         Dispositivo, PlanPreventivo, Mantenimiento, EventoMantenimiento, AvisoMantenimiento, BitacoraServidor]

# Modelos cuyo contenido actual debe coincidir con su última instantánea en la bitácora.
AUDITADOS = [Dependencia, ServidorPublico, Proveedor, Institucion, Usuario, Oficio,
             Adjunto, Tramite, PasoTramite, TipoBien, Factura, Bien, Movimiento, DetalleMovimiento,
             Levantamiento, LecturaLevantamiento,
             HorarioLaboral, DiaInhabil, Ticket, MetaSLA, Escalamiento,
             Dispositivo, PlanPreventivo, Mantenimiento, EventoMantenimiento, AvisoMantenimiento, BitacoraServidor]

__all__ = ["TODOS", "AUDITADOS", "ErrorBorradoFisico", "ModeloBase", "ahora", "Bitacora",
           "Dependencia", "Institucion", "Proveedor", "ServidorPublico", "Adjunto",
           "ContadorFolio", "Oficio", "Bien", "Factura", "TipoBien", "PasoTramite", "Tramite", "Usuario",
           "Movimiento", "DetalleMovimiento", "Levantamiento", "LecturaLevantamiento",
           "HorarioLaboral", "DiaInhabil", "Ticket", "MetaSLA", "Escalamiento", "Dispositivo", "PlanPreventivo", "Mantenimiento",
           "EventoMantenimiento", "AvisoMantenimiento", "BitacoraServidor"]
