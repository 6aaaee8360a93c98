"""Datos de demostración del procedimiento 9: cuentas de correo y de aplicaciones en varios estados.

Los correos alternativos usan el dominio reservado ``example.com``: aunque alguien configure un
servidor SMTP real sobre la base de demostración, las credenciales no llegan a nadie.
"""
from __future__ import annotations

import datetime as dt

from app.modelos import Dependencia, ServidorPublico
from app.servicios.nucleo import correo
from app.servicios.cuentas import cuentas
from app.servicios.catalogos import usuarios
from app.tiempo import hoy_mexico

# tipo, aplicación, nombre, siglas, correo alternativo, propuestas, oficio, estado final, motivo
CUENTAS = [
    (cuentas.CORREO, "", "Lucía Méndez Ortiz", "TM", "lucia.mendez.ortiz@example.com",
     ("tesoreria", "lucia.mendez"), "TM/0415/2026", cuentas.ACTIVA, ""),
    (cuentas.CORREO, "", "Roberto Aguilar Campos", "SOP", "roberto.aguilar.c@example.com",
     ("raguilar", "roberto.aguilar"), "SOP/0231/2026", cuentas.ACTIVA, ""),
    (cuentas.CORREO, "", "Mariana Cortés Flores", "DIF", "mariana.cortes.f@example.com",
     ("mariana.cortes", "mcortes"), "DIF/0098/2026", cuentas.ACTIVA, ""),
    (cuentas.CORREO, "", "Diana Salazar Cruz", "RC", "diana.salazar.cruz@example.com",
     ("diana.salazar", "dsalazar"), "RC/0044/2026", cuentas.BLOQUEADA,
     "Envío masivo de cadenas y publicidad no institucional desde la cuenta (reporte del 12/11/2026)."),
    (cuentas.CORREO, "", "Ernesto Vargas León", "SSPTM", "ernesto.vargas.l@example.com",
     ("ernesto.vargas", "evargas"), "SSPTM/0610/2026", cuentas.BAJA,
     "Reincidencia en mal uso después del bloqueo: uso del correo institucional para fines personales."),
    (cuentas.APLICACION, "Sistema de Catastro", "Sofía Navarro Peña", "DC", "sofia.navarro.p@example.com",
     ("snavarro", "sofia.navarro"), "DC/0150/2026", cuentas.ACTIVA, ""),
    (cuentas.APLICACION, "Sistema de Nómina", "Gabriela Torres Medina", "RH", "gabriela.torres.m@example.com",
     ("gtorres", "gabriela.torres"), "RH/0322/2026", cuentas.ACTIVA, ""),
    (cuentas.APLICACION, "Sistema de Ingresos (cajas)", "Óscar Bautista Rivera", "DI", "oscar.bautista.r@example.com",
     ("caja1", "obautista"), "DI/0077/2026", cuentas.ACTIVA, ""),
]


def cargar() -> dict[str, int]:
    """Crea las cuentas de demostración (la base ya tiene catálogos y usuarios de la demo)."""
    soporte = usuarios.obtener("soporte")
    director = usuarios.obtener("director")
    deps = {d.siglas: d for d in Dependencia.select()}
    hace = lambda dias: hoy_mexico() - dt.timedelta(days=dias)  # noqa: E731
    correo.guardar_configuracion(director, host="smtp.texmelucan.gob.mx", puerto=587, seguridad=correo.STARTTLS,
                                 usuario="", remitente="dti@texmelucan.gob.mx", dominio="texmelucan.gob.mx")
    creadas = 0
    for i, (tipo, aplicacion, nombre, siglas, alterno, propuestas, oficio, estado, motivo) in enumerate(CUENTAS):
        titular = titular_de(siglas)
        resultado = cuentas.registrar_solicitud(
            soporte, tipo=tipo, aplicacion=aplicacion, nombre_completo=nombre, dependencia=deps[siglas],
            correo_alternativo=alterno, propuesta_1=propuestas[0], propuesta_2=propuestas[1],
            numero_oficio=oficio, fecha_oficio=hace(30 - i * 3), solicitante_nombre=titular[0],
            solicitante_cargo=titular[1], firmado=True)
        cuenta = cuentas.crear_cuenta(soporte, resultado.solicitud).cuenta
        creadas += 1
        if estado in (cuentas.BLOQUEADA, cuentas.BAJA):
            cuenta = cuentas.bloquear(soporte, cuenta, motivo if estado == cuentas.BLOQUEADA
                                      else "Uso del correo institucional para fines personales.")
        if estado == cuentas.BAJA:
            cuentas.dar_de_baja(director, cuenta, motivo)
        if nombre.startswith("Mariana"):
            cuentas.restablecer_en_persona(soporte, cuenta, persona_presente=nombre,
                                           identificacion_tipo="Credencial para votar (INE)",
                                           identificacion_numero="CRFLMR88052121M300")
    # Una solicitud incompleta (se emite la solicitud de datos faltantes) y una lista para crear.
    cuentas.registrar_solicitud(
        soporte, nombre_completo="Jazmín Olvera Ramos", dependencia=deps["SB"], propuesta_1="jazmin.olvera",
        numero_oficio="SB/0189/2026", fecha_oficio=hace(2), solicitante_nombre="Titular de la Secretaría de Bienestar",
        firmado=True)
    cuentas.registrar_solicitud(
        soporte, nombre_completo="Arturo Domínguez Pineda", dependencia=deps["SDUE"],
        correo_alternativo="arturo.dominguez.p@example.com", propuesta_1="arturo.dominguez", propuesta_2="adominguez",
        numero_oficio="SDUE/0402/2026", fecha_oficio=hace(1), solicitante_nombre="Titular de Desarrollo Urbano",
        firmado=True)
    return {"cuentas": creadas, "solicitudes_de_cuenta": 2}


def titular_de(siglas: str) -> tuple[str, str]:
    """El servidor público de mayor cargo registrado en la dependencia (o el titular genérico)."""
    servidor = (ServidorPublico.select().join(Dependencia).where(Dependencia.siglas == siglas)
                .order_by(ServidorPublico.id).first())
    if servidor is None:
        return f"Titular de {siglas}", ""
    return servidor.nombre, servidor.cargo
