"""Datos de demostración de dictámenes técnicos (procedimiento 4) y licencias (procedimiento 10).

Se llama desde :func:`app.demo.carga.cargar_demo`, dentro de su transacción. Si la demostración
aún no tiene bienes del inventario, crea unos pocos (con su bitácora) para poder dictaminarlos y
asignarles licencias.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from app.modelos import Bien, TipoBien, Usuario, inventario as inv
from app.servicios.nucleo import bitacora
from app.servicios.catalogos import catalogos
from app.servicios.dictamenes import dictamenes
from app.servicios.inventario import baja_por_dictamen
from app.servicios.licencias import licencias
from app.servicios.oficios import oficios
from app.servicios.nucleo.validacion import texto_busqueda
from app.tiempo import hoy_mexico

# número, descripción, marca, modelo, serie, fabricación, hardware, software, dependencia (siglas)
BIENES = [
    ("Computadora de escritorio", "Computadora de escritorio HP Compaq 6200 Pro", "HP", "Compaq 6200 Pro",
     "MXL2130KQ7", dt.date(2011, 9, 12), "Intel Core i3-2100, 4 GB RAM DDR3, disco duro 500 GB",
     "Windows 7 Professional (sin soporte), Office 2010", "TM"),
    ("Impresora", "Impresora multifuncional Epson EcoTank L4260", "Epson", "EcoTank L4260", "X8H3012457",
     dt.date(2021, 2, 3), "Impresión de inyección de tinta, Wi-Fi, escáner de cama plana",
     "Controlador Epson 3.0", "DE"),
    ("Computadora portátil", "Laptop Lenovo ThinkPad E14 Gen 2", "Lenovo", "ThinkPad E14 Gen 2", "PF2KX7Q1",
     dt.date(2020, 11, 20), "AMD Ryzen 5 4500U, 8 GB RAM, SSD 256 GB", "Windows 10 Pro, Microsoft 365", "DIF"),
    ("Monitor", "Monitor Dell P2219H de 22 pulgadas", "Dell", "P2219H", "CN0KW14V", dt.date(2019, 5, 8),
     "Panel IPS 1920×1080, HDMI y DisplayPort", "", "SOP"),
    ("Computadora de escritorio", "Computadora de escritorio Dell OptiPlex 3080", "Dell", "OptiPlex 3080",
     "7DKQ3G3", dt.date(2021, 1, 14), "Intel Core i5-10505, 8 GB RAM, SSD 256 GB", "Windows 11 Pro", "TM"),
    ("Computadora de escritorio", "Computadora de escritorio Lenovo ThinkCentre M70q", "Lenovo",
     "ThinkCentre M70q", "MJ0GH2KL", dt.date(2022, 6, 2), "Intel Core i5-12400T, 16 GB RAM, SSD 512 GB",
     "Windows 11 Pro", "DAC"),
    ("Computadora de escritorio", "Computadora de escritorio HP ProDesk 400 G7", "HP", "ProDesk 400 G7",
     "MXL1234ABC", dt.date(2021, 8, 30), "Intel Core i5-10500, 8 GB RAM, SSD 256 GB", "Windows 11 Pro", "SOP"),
]
VALORES = [Decimal("12480.00"), Decimal("5699.00"), Decimal("16350.00"), Decimal("3299.00"), Decimal("15890.00"),
           Decimal("18420.00"), Decimal("15240.00")]
CUENTAS_TIPO = {"Computadora de escritorio": ("1.2.4.1.3", 3), "Computadora portátil": ("1.2.4.1.3", 3),
                "Impresora": ("1.2.4.1.3", 3), "Monitor": ("1.2.4.1.3", 3)}

# nombre, fabricante, categoría, libre, alternativa libre
SOFTWARE = [
    ("Windows 11 Pro", "Microsoft", "Sistema operativo", False, ""),
    ("Microsoft 365 Empresa Estándar", "Microsoft", "Ofimática", False, "LibreOffice"),
    ("CONTPAQi Nóminas", "CONTPAQi", "Contabilidad y nómina", False, ""),
    ("AutoCAD LT 2026", "Autodesk", "Diseño asistido (CAD)", False, "LibreCAD o FreeCAD"),
    ("ESET PROTECT Entry", "ESET", "Antivirus", False, "Microsoft Defender (incluido en Windows)"),
    ("Adobe Acrobat Pro", "Adobe", "Documentos PDF", False, "PDFsam Basic y LibreOffice Draw"),
    ("LibreOffice", "The Document Foundation", "Ofimática", True, ""),
    ("GIMP", "The GIMP Team", "Diseño gráfico", True, ""),
]


def _bienes(sistema: Usuario | None, deps: dict[str, Any], servs: dict[str, Any]) -> list[Bien]:
    existentes = list(Bien.select().where(Bien.estado == inv.EN_USO).order_by(Bien.id).limit(len(BIENES)))
    if len(existentes) >= len(BIENES):
        return existentes
    formato = catalogos.institucion().formato_inventario
    creados = []
    for numero, (tipo_nombre, descripcion, marca, modelo, serie, fabricacion, hardware, software, siglas), valor in \
            zip(range(901, 901 + len(BIENES)), BIENES, VALORES):
        tipo = TipoBien.get_or_none(TipoBien.nombre == tipo_nombre)
        if tipo is None:
            cuenta, vida = CUENTAS_TIPO[tipo_nombre]
            tipo = bitacora.guardar(TipoBien(nombre=tipo_nombre, cuenta_contable=cuenta, vida_util_anios=vida),
                                    "alta de tipo de bien", sistema)
        if Bien.select().where(Bien.serie == serie).exists():
            continue
        bien = Bien(numero_inventario=formato.format(numero=numero), tipo=tipo, descripcion=descripcion,
                    marca=marca, modelo=modelo, serie=serie, fecha_fabricacion=fabricacion,
                    fecha_adquisicion=fabricacion + dt.timedelta(days=90), caracteristicas_hardware=hardware,
                    caracteristicas_software=software, dependencia=deps.get(siglas), valor=valor,
                    cuenta_contable=tipo.cuenta_contable)
        bien.busqueda = texto_busqueda(bien.numero_inventario, serie, marca, modelo, descripcion)
        creados.append(bitacora.guardar(bien, "alta de bien (demostración)", sistema))
    return (existentes + creados)[:len(BIENES)]


def _oficio(asistente: Usuario, numero: str, dias: int, dependencia, solicitante: str, cargo: str,
            descripcion: str):
    return oficios.registrar_oficio_entrante(
        asistente, numero_oficio=numero, fecha_documento=hoy_mexico() - dt.timedelta(days=dias),
        procedencia=dependencia, solicitante_nombre=solicitante, solicitante_cargo=cargo, firmado=True,
        descripcion=descripcion)


def _dictamenes(cuentas: dict[str, Usuario], deps, bienes: list[Bien]) -> int:
    soporte, asistente, director = cuentas["soporte"], cuentas["asistente"], cuentas["director"]
    ahora = dt.datetime.combine(hoy_mexico(), dt.time(10, 0))
    casos = [
        (bienes[0], "TM/0233/2026", 12, "TM", "José Javier Gregorio Pérez Hernández", "Tesorero Municipal",
         "Solicita dictamen técnico de la computadora de la caja 2, que se apaga sola y ya no arranca.",
         "emitir", dictamenes.NO_APTO, "", "Prueba de encendido: la fuente entrega voltajes fuera de rango.\n"
         "Prueba de memoria (MemTest86): sin errores.\nDiagnóstico de la tarjeta madre: capacitores inflados "
         "junto al procesador; el equipo se reinicia bajo carga.\nEl sistema operativo ya no recibe "
         "actualizaciones de seguridad."),
        (bienes[1], "DE/0418/2026", 9, "DE", "Ricardo Flores Aguilar", "Director de Egresos",
         "Solicita dictamen de la impresora multifuncional del área de pagos: imprime con rayas.",
         "emitir", dictamenes.REPARABLE, "Sustituir el cabezal de impresión y realizar limpieza profunda del "
         "sistema de tinta continua; costo estimado menor al 30 % del valor de reposición.",
         "Impresión de patrón de inyectores: faltan inyectores del color negro.\nLimpieza de cabezales (3 ciclos): "
         "sin mejoría.\nEscaneo y copia: funcionan correctamente."),
        (bienes[2], "DIF/0091/2026", 5, "DIF", "Patricia Morales Guzmán", "Directora del Sistema Municipal DIF",
         "Solicita dictamen de la laptop del área de psicología: la batería no carga.", "recibir", "", "", ""),
        (bienes[3], "SOP/0150/2026", 3, "SOP", "Ing. Arturo Vélez Cruz", "Secretario de Obras Públicas",
         "Solicita dictamen del monitor de la ventanilla de licencias de construcción: parpadea.",
         "programar", "", "", ""),
    ]
    for bien, numero, dias, siglas, solicitante, cargo, descripcion, hasta, resultado, solucion, pruebas in casos:
        oficio = _oficio(asistente, numero, dias, deps.get(siglas), solicitante, cargo, descripcion)
        d = dictamenes.registrar_solicitud(soporte, bien=bien, oficio=oficio)
        d = dictamenes.programar_recepcion(
            soporte, d, d.version, recepcion_acordada=ahora + dt.timedelta(days=1 if hasta == "programar" else -dias + 2),
            acuerdo_telefonico=f"Se acordó por teléfono con la oficina de {solicitante}.")
        if hasta == "programar":
            continue
        d = dictamenes.recibir_equipo(soporte, d, d.version, entregado_por=f"Personal de {siglas}")
        if hasta == "recibir":
            continue
        d = dictamenes.capturar_evaluacion(
            soporte, d, d.version, pruebas=pruebas, resultado=resultado, posible_solucion=solucion,
            fecha_fabricacion=d.fecha_fabricacion, marca=d.marca, modelo=d.modelo,
            caracteristicas_hardware=d.caracteristicas_hardware, caracteristicas_software=d.caracteristicas_software)
        baja_por_dictamen.emitir_dictamen(director, d, d.version)
    return len(casos)


def _licencias(cuentas: dict[str, Usuario], deps, servs, bienes: list[Bien]) -> int:
    soporte, director = cuentas["soporte"], cuentas["director"]
    hoy = hoy_mexico()
    proveedores = {p.rfc: p for p in catalogos.proveedores()}
    ctp = proveedores.get("CTP090512AB3")
    sw = {nombre: licencias.guardar_software(director, nombre=nombre, fabricante=fabricante, categoria=categoria,
                                             es_libre=libre, alternativa_libre=alternativa)
          for nombre, fabricante, categoria, libre, alternativa in SOFTWARE}
    lic = licencias.registrar_licencia
    oem = []
    for clave, serie in (("7QHNR-K8J2T-XW4VD-M9CPF-3B6YG", "7DKQ3G3"), ("N4JXC-8TQ2W-BVK7H-RD3MP-9YF6G", "MJ0GH2KL"),
                         ("W2KPD-7XH9V-QJ4TC-M8RBN-6FG3Y", "MXL1234ABC")):
        oem.append(lic(soporte, software=sw["Windows 11 Pro"], tipo=licencias.OEM, asientos=1, clave=clave,
                       descripcion=f"OEM preinstalada en el equipo con serie {serie}", costo=Decimal("0"),
                       vigencia_inicio=hoy - dt.timedelta(days=700)))
    m365 = lic(soporte, software=sw["Microsoft 365 Empresa Estándar"], tipo=licencias.SUSCRIPCION, asientos=25,
               descripcion="Suscripción anual, 25 usuarios", costo=Decimal("64875.00"), proveedor=ctp,
               vigencia_inicio=hoy - dt.timedelta(days=345), vigencia_fin=hoy + dt.timedelta(days=20),
               cfdi_uuid="5E2D8A41-7C3B-4F19-9A6E-0B1C2D3E4F50")
    contpaq = lic(soporte, software=sw["CONTPAQi Nóminas"], tipo=licencias.SUSCRIPCION, asientos=2,
                  clave="CNOM-4471-8823-XK29", descripcion="Licencia anual multiempresa, 2 usuarios",
                  costo=Decimal("18940.00"), proveedor=ctp, vigencia_inicio=hoy - dt.timedelta(days=120),
                  vigencia_fin=hoy + dt.timedelta(days=245), cfdi_uuid="A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D")
    autocad = lic(soporte, software=sw["AutoCAD LT 2026"], tipo=licencias.SUSCRIPCION, asientos=1,
                  descripcion="Suscripción anual, 1 usuario nombrado", costo=Decimal("9890.00"),
                  vigencia_inicio=hoy - dt.timedelta(days=30), vigencia_fin=hoy + dt.timedelta(days=335))
    eset = lic(soporte, software=sw["ESET PROTECT Entry"], tipo=licencias.VOLUMEN, asientos=50,
               clave="EAV-0398-1746-5521", descripcion="Antivirus por volumen, 50 equipos",
               costo=Decimal("27600.00"), proveedor=proveedores.get("RSA1103158K2"),
               vigencia_inicio=hoy - dt.timedelta(days=170), vigencia_fin=hoy + dt.timedelta(days=195))
    lic(soporte, software=sw["ESET PROTECT Entry"], tipo=licencias.VOLUMEN, asientos=40,
        clave="EAV-0211-5530-9042", descripcion="Antivirus por volumen, 40 equipos (periodo anterior, no renovado)",
        costo=Decimal("21300.00"), proveedor=proveedores.get("RSA1103158K2"),
        vigencia_inicio=hoy - dt.timedelta(days=540), vigencia_fin=hoy - dt.timedelta(days=175))
    libre = lic(soporte, software=sw["LibreOffice"], tipo=licencias.LIBRE, asientos=1,
                descripcion="Licencia MPL 2.0, sin límite de equipos")
    lic(soporte, software=sw["Adobe Acrobat Pro"], tipo=licencias.PERPETUA, asientos=3,
        clave="1118-1937-4620-8873-2215-0094", descripcion="Acrobat 2020, licencia perpetua por volumen",
        costo=Decimal("21450.00"), proveedor=ctp, vigencia_inicio=hoy - dt.timedelta(days=1100))

    asignar = licencias.asignar
    for licencia, bien in zip(oem, bienes[4:7]):
        asignar(soporte, licencia, bien=bien)
    for nombre in ("Ricardo Flores Aguilar", "Laura Hernández Sánchez", "María Fernanda Castillo Ruiz",
                   "Gabriela Torres Medina", "Alejandro Romero Vázquez"):
        asignar(soporte, m365, servidor=servs[nombre])
    asignar(soporte, contpaq, servidor=servs["Gabriela Torres Medina"])
    asignar(soporte, contpaq, servidor=servs["Laura Hernández Sánchez"])
    asignar(soporte, contpaq, servidor=servs["Ricardo Flores Aguilar"], permitir_exceso=True,
            nota="Asignada en exceso durante el cierre de la quincena; pendiente de regularizar.")
    for bien in bienes[4:7]:
        asignar(soporte, eset, bien=bien)
        asignar(soporte, libre, bien=bien)
    asignar(soporte, autocad, servidor=servs["Sofía Navarro Peña"])

    # El flujo de decisión del manual, con sus tres salidas.
    asistente = cuentas["asistente"]
    peticion = _oficio(asistente, "SOP/0162/2026", 2, deps.get("SOP"), "Ing. Arturo Vélez Cruz",
                       "Secretario de Obras Públicas",
                       "Solicita una licencia de AutoCAD para el área de proyectos de obra pública.")
    licencias.atender_solicitud(soporte, software=sw["AutoCAD LT 2026"], oficio=peticion, adquirir=True,
                                justificacion="Los planos de los contratistas llegan en formato DWG.")
    licencias.atender_solicitud(soporte, software=sw["Adobe Acrobat Pro"], servidor=servs["Sofía Navarro Peña"],
                                justificacion="Firma y edición de formatos de catastro.")
    licencias.atender_solicitud(soporte, software=None,
                                software_texto="Adobe Photoshop", alternativa="GIMP",
                                dependencia=deps.get("DCS"),
                                justificacion="Retoque de fotografías para redes sociales; no se justifica la compra.")
    return len(SOFTWARE)


def cargar(cuentas: dict[str, Usuario], deps: dict[str, Any], servs: dict[str, Any]) -> dict[str, int]:
    """Crea bienes mínimos (si faltan), dictámenes en distintas etapas, software, licencias y asignaciones."""
    bienes = _bienes(None, deps, servs)
    return {"dictamenes": _dictamenes(cuentas, deps, bienes),
            "software": _licencias(cuentas, deps, servs, bienes)}
