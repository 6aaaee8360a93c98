"""Datos de demostración realistas: dependencias, servidores públicos, proveedores,
usuarios (con contraseñas documentadas en el README), oficios y trámites.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.base_datos import transaccion
from app.modelos import Dependencia, Usuario
from app.servicios.catalogos import catalogos, usuarios
from app.servicios.oficios import oficios
from app.servicios.nucleo import permisos
from app.demo import internet as demo_internet
from app.demo import proyectos as demo_proyectos
from app.demo import respaldos as demo_respaldos
from app.demo import videovigilancia as demo_videovigilancia
from app.demo import web as demo_web
from app.demo import (cuentas as demo_cuentas, dictamenes_licencias as demo_dictamenes_licencias,
                      mantenimiento as demo_mantenimiento, mesa_ayuda as demo_mesa_ayuda)
from app.tiempo import hoy_mexico

DEPENDENCIAS = [
    ("Presidencia Municipal", "PM", "Palacio Municipal, planta alta"),
    ("Secretaría General del Ayuntamiento", "SGA", "Palacio Municipal, planta alta"),
    ("Sindicatura Municipal", "SM", "Palacio Municipal, planta baja"),
    ("Tesorería Municipal", "TM", "Edificio de Tesorería"),
    ("Dirección de Tecnologías de la Información", "DTI", "Edificio de Tesorería, 2.º piso"),
    ("Dirección de Armonización Contable", "DAC", "Edificio de Tesorería"),
    ("Dirección de Egresos", "DE", "Edificio de Tesorería"),
    ("Dirección de Ingresos", "DI", "Edificio de Tesorería"),
    ("Departamento de Inventarios", "INV", "Edificio de Tesorería"),
    ("Contraloría Municipal", "CM", "Palacio Municipal, planta baja"),
    ("Secretaría de Seguridad Pública y Tránsito Municipal", "SSPTM", "Complejo de Seguridad"),
    ("Secretaría de Obras Públicas", "SOP", "Edificio de Obras"),
    ("Secretaría de Desarrollo Urbano y Ecología", "SDUE", "Edificio de Obras"),
    ("Secretaría de Bienestar", "SB", "Casa de la Cultura"),
    ("Sistema Municipal DIF", "DIF", "Instalaciones del DIF"),
    ("Dirección de Comunicación Social", "DCS", "Palacio Municipal"),
    ("Unidad de Transparencia", "UT", "Palacio Municipal"),
    ("Registro Civil", "RC", "Palacio Municipal, planta baja"),
    ("Dirección de Catastro", "DC", "Edificio de Tesorería"),
    ("Dirección de Recursos Humanos", "RH", "Palacio Municipal"),
]

SERVIDORES = [
    ("Miguel Ángel Mendoza López", "Director de Tecnologías de la Información", "DTI", "dti@texmelucan.gob.mx", "222"),
    ("Héctor Pérez Moreno", "Jefe del Departamento de Soporte Técnico", "DTI", "soporte@texmelucan.gob.mx", "223"),
    ("Andrés Limón Illescas", "Jefe del Departamento de Programación de Sistemas", "DTI", "sistemas@texmelucan.gob.mx", "224"),
    ("Isaías Soto López", "Jefe del Departamento de Red de Transporte", "DTI", "redes@texmelucan.gob.mx", "225"),
    ("Karla Jiménez Ortega", "Asistente de soporte técnico", "DTI", "asistente.soporte@texmelucan.gob.mx", "222"),
    ("José Javier Gregorio Pérez Hernández", "Tesorero Municipal", "TM", "tesoreria@texmelucan.gob.mx", "201"),
    ("Nadia Elizabeth Olivera Rendón", "Contralora Municipal", "CM", "contraloria@texmelucan.gob.mx", "240"),
    ("Laura Hernández Sánchez", "Directora de Armonización Contable", "DAC", "armonizacion@texmelucan.gob.mx", "205"),
    ("Ricardo Flores Aguilar", "Director de Egresos", "DE", "egresos@texmelucan.gob.mx", "206"),
    ("María Fernanda Castillo Ruiz", "Jefa del Departamento de Inventarios", "INV", "inventarios@texmelucan.gob.mx", "209"),
    ("Alejandro Romero Vázquez", "Secretario General del Ayuntamiento", "SGA", "secretaria@texmelucan.gob.mx", "110"),
    ("Gabriela Torres Medina", "Directora de Recursos Humanos", "RH", "rh@texmelucan.gob.mx", "130"),
    ("Jorge Luis Ramírez Cruz", "Titular de la Unidad de Transparencia", "UT", "transparencia@texmelucan.gob.mx", "150"),
    ("Patricia Morales Guzmán", "Directora del Sistema Municipal DIF", "DIF", "dif@texmelucan.gob.mx", "300"),
    ("Fernando Ríos Salazar", "Secretario de Seguridad Pública y Tránsito Municipal", "SSPTM", "seguridad@texmelucan.gob.mx", "400"),
    ("Sofía Navarro Peña", "Directora de Catastro", "DC", "catastro@texmelucan.gob.mx", "210"),
]

PROVEEDORES = [
    ("CTP090512AB3", "Computación y Tecnología de Puebla, S.A. de C.V.", "Ing. Roberto Sánchez",
     "222 245 1100", "ventas@ctpuebla.com.mx", "HP; Lenovo; Dell", 5),
    ("RSA1103158K2", "Redes y Sistemas del Altiplano, S.A. de C.V.", "Lic. Mónica Parra",
     "222 310 4478", "contacto@rsaltiplano.mx", "Cisco; Ubiquiti; Hikvision", 7),
    ("SIM150720QW9", "Soluciones Integrales de Impresión de México, S.A. de C.V.", "Sr. Daniel Ortiz",
     "248 484 2020", "servicio@sim-impresion.mx", "Epson; Brother; Kyocera", 3),
    ("ESE180301LM4", "Energía y Seguridad Electrónica, S.A. de C.V.", "Ing. Paola Reyes",
     "222 876 5544", "ventas@eseguridad.mx", "APC; CyberPower; Dahua", 10),
]

# usuario, rol, contraseña de demostración, servidor público
USUARIOS = [
    ("director", permisos.DIRECTOR, "Director2026", "Miguel Ángel Mendoza López"),
    ("soporte", permisos.JEFE_SOPORTE, "Soporte2026", "Héctor Pérez Moreno"),
    ("sistemas", permisos.JEFE_SISTEMAS, "Sistemas2026", "Andrés Limón Illescas"),
    ("redes", permisos.JEFE_REDES, "Redes2026", "Isaías Soto López"),
    ("asistente", permisos.ASISTENTE, "Asistente2026", "Karla Jiménez Ortega"),
    ("consulta", permisos.CONSULTA, "Consulta2026", "Nadia Elizabeth Olivera Rendón"),
]


def hay_datos() -> bool:
    return Dependencia.select().exists()


# Lo que se carga, en orden, con el nombre que ve el usuario mientras espera (pantalla de inicio
# y «dti demo»). El inventario va primero: tickets, mantenimientos y dictámenes usan sus bienes.
PASOS_DEMO = ("catálogos y usuarios", "inventario", "mantenimiento", "videovigilancia", "mesa de ayuda",
              "dictámenes y licencias", "cuentas", "proyectos", "acceso a internet", "página web",
              "respaldos", "adquisiciones", "oficios y trámites")


def cargar_demo(avance: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Carga los datos de demostración si la base está vacía; devuelve cuántos creó de cada cosa.

    ``avance(paso, n, total)`` se llama al empezar cada parte (ver :data:`PASOS_DEMO`).
    """
    if hay_datos():
        return {}
    sistema = usuarios.usuario_sistema()
    cuenta: dict[str, int] = {}
    pasos = iter(enumerate(PASOS_DEMO, 1))

    def paso() -> None:
        numero, nombre = next(pasos)
        if avance is not None:
            avance(nombre, numero, len(PASOS_DEMO))

    with transaccion():
        paso()
        deps = {siglas: catalogos.guardar_dependencia(sistema, nombre, siglas, ubicacion)
                for nombre, siglas, ubicacion in DEPENDENCIAS}
        servs = {nombre: catalogos.guardar_servidor(sistema, nombre, cargo, deps[siglas], correo, ext)
                 for nombre, cargo, siglas, correo, ext in SERVIDORES}
        for rfc, razon, contacto, tel, correo, marcas, dias in PROVEEDORES:
            catalogos.guardar_proveedor(sistema, rfc, razon, contacto, tel, correo, marcas, dias)
        catalogos.guardar_institucion(sistema, titular_dti=servs["Miguel Ángel Mendoza López"],
                                      tesorero=servs["José Javier Gregorio Pérez Hernández"])
        cuentas = {}
        for clave, rol, contrasena, servidor in USUARIOS:
            cuentas[clave] = usuarios.crear_usuario(sistema, clave, servidor, rol, contrasena, servs[servidor])
        cuenta.update(dependencias=len(deps), servidores=len(servs), proveedores=len(PROVEEDORES),
                      usuarios=len(cuentas))
        from app.demo.inventario import cargar_demo_inventario

        paso()
        cuenta.update(cargar_demo_inventario(cuentas))
        paso()
        cuenta.update(demo_mantenimiento.cargar(cuentas, deps))
        paso()
        cuenta.update(demo_videovigilancia.cargar(cuentas, deps))   # después de Mantenimiento (su NVR)
        paso()
        cuenta.update(tickets=demo_mesa_ayuda.cargar_demo())
        paso()
        cuenta.update(demo_dictamenes_licencias.cargar(cuentas, deps, servs))
        paso()
        cuenta.update(demo_cuentas.cargar())
        paso()
        cuenta.update(demo_proyectos.cargar(cuentas, deps, servs))
        paso()
        cuenta.update(demo_internet.cargar(cuentas, deps, servs))
        paso()
        cuenta.update(demo_web.cargar(cuentas, deps))
        paso()
        cuenta.update(demo_respaldos.cargar(cuentas, deps, servs))
        from app.demo import adquisiciones as demo_adquisiciones

        paso()
        cuenta.update(demo_adquisiciones.cargar(cuentas, deps))
        # Al final, para que lo más reciente de la bitácora sean oficios y trámites.
        paso()
        cuenta.update(_oficios_y_tramites(cuentas, deps, servs))
    return cuenta


def _oficios_y_tramites(cuentas: dict[str, Usuario], deps, servs) -> dict[str, int]:
    hoy = hoy_mexico()
    director, soporte, sistemas = cuentas["director"], cuentas["soporte"], cuentas["sistemas"]
    redes, asistente = cuentas["redes"], cuentas["asistente"]
    hace = lambda dias: hoy - dt.timedelta(days=dias)  # noqa: E731

    # Oficios recibidos.
    e1 = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="TM/DE/0412/2026", fecha_documento=hace(6), procedencia=deps["DE"],
        solicitante_nombre="Ricardo Flores Aguilar", solicitante_cargo="Director de Egresos", firmado=True,
        descripcion="Solicita la adquisición de dos impresoras multifuncionales para el área de pagos.")
    # Este queda por atender: en Oficios se abre desde él la solicitud de cuenta (procedimiento 9).
    oficios.registrar_oficio_entrante(
        asistente, numero_oficio="SGA/0187/2026", fecha_documento=hace(4), procedencia=deps["SGA"],
        solicitante_nombre="Alejandro Romero Vázquez", solicitante_cargo="Secretario General del Ayuntamiento",
        firmado=True, descripcion="Solicita cuenta de correo institucional para la nueva auxiliar administrativa.")
    e3 = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="", fecha_documento=hace(2), procedencia=deps["DIF"],
        solicitante_nombre="Patricia Morales Guzmán", solicitante_cargo="Directora del Sistema Municipal DIF",
        firmado=False, descripcion="Solicita la instalación de un nodo de red en el área de psicología.",
        permitir_incompleto=True)
    e4 = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="UT/0098/2026", fecha_documento=hace(3), procedencia=deps["UT"],
        solicitante_nombre="Jorge Luis Ramírez Cruz", solicitante_cargo="Titular de la Unidad de Transparencia",
        firmado=True, descripcion="Solicita la creación de hipervínculos para las obligaciones de transparencia "
                                  "del tercer trimestre.")
    e5 = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="DC/0055/2026", fecha_documento=hace(1), procedencia=deps["DC"],
        solicitante_nombre="Sofía Navarro Peña", solicitante_cargo="Directora de Catastro", firmado=True,
        descripcion="Solicita el respaldo de la información del equipo de cómputo de la ventanilla 2.")

    # Trámites en varios procedimientos y en distintos pasos (los de tickets, cuentas, dictámenes…
    # los abre cada módulo al crear su registro).
    # Procedimiento 1: la adquisición de impresoras nace en su módulo (Adquisiciones), desde el oficio e1.
    from app.demo import adquisiciones as demo_adquisiciones

    t1 = demo_adquisiciones.impresoras(cuentas, e1).expediente
    t3 = demo_web.hipervinculos_transparencia(sistemas, e4)     # procedimiento 17, en la pestaña Web
    # El respaldo de la ventanilla 2 de Catastro es un plan de respaldo (procedimiento 5, su módulo).
    demo_respaldos.plan_de_oficio(soporte, e5, servs["Sofía Navarro Peña"])
    t6 = demo_proyectos.nodo_dif(redes, e3)   # procedimiento 18: lo lleva la pestaña Proyectos
    # Un proyecto de TI (procedimiento 3) en la aprobación de su diseño y una actualización de la
    # plataforma de declaraciones (procedimiento 16, que solo pide la Contraloría) en programación.
    e6 = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="DI/0131/2026", fecha_documento=hace(5), procedencia=deps["DI"],
        solicitante_nombre="Martha Elena Cruz Solís", solicitante_cargo="Directora de Ingresos", firmado=True,
        descripcion="Solicita un sistema de turnos para las cajas de cobro del impuesto predial.")
    t7 = demo_proyectos.turnos_ingresos(sistemas, e6)   # procedimiento 3, en la aprobación del diseño
    e7 = oficios.registrar_oficio_entrante(
        asistente, numero_oficio="CM/0072/2026", fecha_documento=hace(2), procedencia=deps["CM"],
        solicitante_nombre="Nadia Elizabeth Olivera Rendón", solicitante_cargo="Contralora Municipal", firmado=True,
        descripcion="Solicita agregar a la plataforma de declaraciones el nuevo formato de conflicto de interés.")
    t8 = demo_web.declaraciones_conflicto(sistemas, e7)         # procedimiento 16, en la pestaña Web

    # Oficios emitidos.
    oficios.emitir_solicitud_datos_faltantes(director, e3)
    oficios.emitir_oficio(
        director, destinatario_nombre="Ricardo Flores Aguilar", destinatario_cargo="Director de Egresos",
        destinatario_dependencia="Dirección de Egresos", asunto="Evaluación de la adquisición de impresoras",
        cuerpo="En atención a su oficio TM/DE/0412/2026, le informo que la adquisición solicitada es viable "
               "y se realizará el proceso de compra conforme a la normatividad vigente.",
        ccp=["José Javier Gregorio Pérez Hernández, Tesorero Municipal. Para su conocimiento.",
             "Archivo."], en_respuesta_a=e1, tramite_id=t1.id)
    cancelado = oficios.emitir_oficio(
        director, destinatario_nombre="Laura Hernández Sánchez",
        destinatario_cargo="Directora de Armonización Contable",
        destinatario_dependencia="Dirección de Armonización Contable",
        asunto="Alta de equipo de cómputo al inventario",
        cuerpo="Le solicito dar de alta al inventario el equipo de cómputo que se describe en el anexo.")
    oficios.cancelar_oficio(director, cancelado, "Se emitió sin el anexo; se sustituye por un oficio nuevo.")
    return {"oficios_recibidos": 7, "oficios_emitidos": 3, "tramites": 8 if t3 and t6 and t7 and t8 else 0}
