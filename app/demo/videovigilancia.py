"""Datos de demostración de videovigilancia (procedimiento 19).

Tres grabadores (Palacio Municipal, Mercado Domingo Arenas y el C2 de Seguridad, que recibe las
cámaras de la Central de Abasto y de los bulevares) con 15 a 30 días de retención, sus cámaras,
tres solicitudes por oficio (una negada con su oficio, una con cita y una ya vista) y la
bitácora de monitoreo con una falla que abrió un mantenimiento correctivo. Se llama desde
:func:`app.demo.carga.cargar_demo`, dentro de su transacción, después de Mantenimiento.
"""
from __future__ import annotations

import datetime as dt

from app.modelos import Usuario
from app.modelos.videovigilancia import CORRECTO, FALLA, NVR, DVR
from app.servicios.oficios import oficios
from app.servicios.videovigilancia import equipos, monitoreo, solicitudes
from app.tiempo import hoy_mexico

# nombre, tipo, ubicación, canales, días de retención
GRABADORES = [
    ("NVR Palacio Municipal", NVR, "Palacio Municipal, site de la planta baja", 32, 30),
    ("DVR Mercado Domingo Arenas", DVR, "Mercado Domingo Arenas, oficina de la administración", 16, 15),
    ("NVR-SEGURIDAD", NVR, "Complejo de Seguridad, C2", 32, 20),
]
# nombre, grabador, canal, ubicación
CAMARAS = [
    ("Palacio – Acceso principal", "NVR Palacio Municipal", 1, "Portal del Palacio Municipal, acceso por la plaza"),
    ("Palacio – Cajas de Tesorería", "NVR Palacio Municipal", 2, "Planta baja, área de cajas de cobro"),
    ("Palacio – Pasillo de Registro Civil", "NVR Palacio Municipal", 3, "Planta baja, pasillo de ventanillas"),
    ("Palacio – Estacionamiento", "NVR Palacio Municipal", 4, "Estacionamiento de funcionarios"),
    ("Mercado – Nave central", "DVR Mercado Domingo Arenas", 1, "Mercado Domingo Arenas, pasillo central"),
    ("Mercado – Acceso calle Hidalgo", "DVR Mercado Domingo Arenas", 2, "Mercado Domingo Arenas, acceso oriente"),
    ("Central de Abasto – Acceso norte", "NVR-SEGURIDAD", 1, "Central de Abasto, caseta del acceso norte"),
    ("Central de Abasto – Andenes", "NVR-SEGURIDAD", 2, "Central de Abasto, zona de andenes de carga"),
    ("Bulevar Xicoténcatl – Glorieta", "NVR-SEGURIDAD", 3, "Bulevar Xicoténcatl, glorieta de la entrada"),
    ("Bulevar Libertad – Puente peatonal", "NVR-SEGURIDAD", 4, "Bulevar Libertad, frente al puente peatonal"),
]


def _oficio(asistente: Usuario, deps, numero: str, siglas: str, nombre: str, cargo: str, dias: int, texto: str):
    return oficios.registrar_oficio_entrante(
        asistente, numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=dias),
        procedencia=deps[siglas], solicitante_nombre=nombre, solicitante_cargo=cargo, firmado=True,
        descripcion=texto)


def cargar(cuentas: dict[str, Usuario], deps) -> dict[str, int]:
    """Carga grabadores, cámaras, solicitudes, una visualización y el monitoreo."""
    director, redes, asistente = cuentas["director"], cuentas["redes"], cuentas["asistente"]
    hoy = hoy_mexico()
    grabadores = {nombre: equipos.guardar_grabador(director, nombre=nombre, tipo=tipo, ubicacion=ubicacion,
                                                   canales=canales, dias_retencion=dias)
                  for nombre, tipo, ubicacion, canales, dias in GRABADORES}
    camaras = {nombre: equipos.guardar_camara(director, nombre=nombre, grabador=grabadores[grabador], canal=canal,
                                              ubicacion=ubicacion)
               for nombre, grabador, canal, ubicacion in CAMARAS}
    monitoreo.registrar(redes, resultado=CORRECTO, descripcion="Revisión semanal: 10 cámaras con imagen, "
                                                               "discos de los tres grabadores sin errores.")

    # Negada: la grabación pedida tiene más días que los 20 que conserva el NVR del C2.
    e1 = _oficio(asistente, deps, "SSPTM/DJ/0311/2026", "SSPTM", "Cmte. Raúl Ortega Baños",
                 "Secretario de Seguridad Pública y Tránsito Municipal", 2,
                 "Solicita la grabación del acceso norte de la Central de Abasto por el robo de una camioneta.")
    solicitudes.solicitar(redes, camara=camaras["Central de Abasto – Acceso norte"], oficio=e1,
                          fecha=hoy - dt.timedelta(days=41), desde="05:00", hasta="07:30",
                          motivo="Robo de una camioneta de reparto en el acceso norte.")
    # Ya vista: Tesorería revisó con la DTI el video de las cajas.
    e2 = _oficio(asistente, deps, "TM/0877/2026", "TM", "José Javier Gregorio Pérez Hernández", "Tesorero Municipal", 5,
                 "Solicita ver la grabación de las cajas de cobro por un faltante en el corte de caja.")
    vista = solicitudes.solicitar(redes, camara=camaras["Palacio – Cajas de Tesorería"], oficio=e2,
                                  fecha=hoy - dt.timedelta(days=6), desde="13:00", hasta="15:00",
                                  motivo="Faltante de $1,200.00 en el corte de la caja 2.")
    solicitudes.registrar_visualizacion(
        redes, vista.solicitud, asistentes="José Javier Gregorio Pérez Hernández (Tesorero Municipal) y la "
                                           "cajera de la caja 2",
        contenido="Se reprodujo de 13:00 a 15:00 el canal 2: se observa el conteo del efectivo en la caja 2; "
                  "no se copió ni se entregó el video.")
    # Una falla en el DVR del mercado abre su mantenimiento correctivo.
    monitoreo.registrar(redes, resultado=FALLA, grabador=grabadores["DVR Mercado Domingo Arenas"],
                        camara=camaras["Mercado – Acceso calle Hidalgo"],
                        descripcion="El canal 2 sin señal desde la madrugada; el DVR reporta error de disco.")
    # Con cita: la Sindicatura verá el acceso principal del Palacio.
    e3 = _oficio(asistente, deps, "SM/0154/2026", "SM", "Lic. Adriana Campos Meléndez", "Síndica Municipal", 1,
                 "Solicita ver la grabación del acceso principal por un incidente con un contribuyente.")
    solicitudes.solicitar(redes, camara=camaras["Palacio – Acceso principal"], oficio=e3,
                          fecha=hoy - dt.timedelta(days=3), desde="10:00", hasta="11:00",
                          motivo="Incidente con un contribuyente en el acceso principal.")
    return {"grabadores": len(grabadores), "camaras": len(camaras), "solicitudes_grabacion": 3}
