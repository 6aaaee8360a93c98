"""Bienes TIC de demostración: equipos reales de cómputo, red, video y energía.

:func:`cargar_bienes` inserta N bienes con inserción masiva (``insert_many`` en lotes dentro de
una transacción) y su entrada de bitácora por bien, encadenada igual que si se hubieran
guardado uno por uno (:mod:`app.servicios.nucleo.carga_masiva`): ``dti verificar-bitacora`` pasa.
:func:`cargar_demo_inventario` agrega a la demostración normal unos 60 bienes con
movimientos y un levantamiento en curso.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from collections.abc import Callable
from typing import Any

from app.base_datos import transaccion
from app.modelos import Bien, ContadorFolio, Dependencia, ServidorPublico, ahora
from app.modelos.inventario import DADO_DE_BAJA, EN_REPARACION, EN_USO
from app.servicios.nucleo import carga_masiva, folios
from app.servicios.catalogos import catalogos
from app.servicios.inventario import tipos_bien
from app.servicios.inventario.inventario import SERIE_INVENTARIO, normalizar_numero
from app.servicios.nucleo.validacion import normalizar, texto_busqueda
from app.tiempo import hoy_mexico

# (tipo, marca, modelo, descripción, valor mínimo, valor máximo, prefijo de serie, peso)
EQUIPOS: tuple[tuple[str, str, str, str, int, int, str, int], ...] = (
    ("Computadora", "HP", "ProDesk 400 G7 SFF", "Computadora de escritorio Intel Core i5, 8 GB RAM, SSD 256 GB",
     14500, 18900, "MXL", 14),
    ("Computadora", "Dell", "OptiPlex 7090 MT", "Computadora de escritorio Intel Core i7, 16 GB RAM, SSD 512 GB",
     19800, 24500, "DLL", 10),
    ("Computadora", "Lenovo", "ThinkCentre M70s Gen 3", "Computadora de escritorio Intel Core i5, 16 GB RAM",
     16200, 19900, "MJ0", 10),
    ("Computadora", "HP", "EliteOne 800 G6 AiO", "Computadora todo en uno 23.8 pulgadas Intel Core i5",
     21500, 26800, "8CG", 4),
    ("Laptop", "HP", "ProBook 450 G8", "Laptop 15.6 pulgadas Intel Core i5, 8 GB RAM, SSD 256 GB",
     15900, 19800, "5CD", 6),
    ("Laptop", "Dell", "Latitude 5420", "Laptop 14 pulgadas Intel Core i5, 16 GB RAM, SSD 512 GB",
     21900, 27500, "CN0", 5),
    ("Laptop", "Lenovo", "ThinkPad E14 Gen 2", "Laptop 14 pulgadas AMD Ryzen 5, 8 GB RAM", 14900, 18500, "PF2", 5),
    ("Monitor", "Dell", "P2422H", "Monitor LED 23.8 pulgadas Full HD", 3400, 4600, "CN0P", 8),
    ("Monitor", "HP", "P22 G5", "Monitor LED 21.5 pulgadas Full HD", 2600, 3500, "3CM", 6),
    ("Monitor", "Samsung", "S24R350", "Monitor LED 24 pulgadas IPS", 2400, 3200, "H4Z", 4),
    ("Impresora", "HP", "LaserJet Pro M404dn", "Impresora láser monocromática dúplex en red", 5200, 6900, "PHB", 4),
    ("Impresora", "Epson", "EcoTank L3250", "Impresora de tinta continua inalámbrica", 3600, 4400, "X5B", 4),
    ("Impresora", "Brother", "HL-L5100DN", "Impresora láser monocromática en red", 4800, 6100, "U64", 2),
    ("Multifuncional", "Kyocera", "Ecosys M2040dn", "Multifuncional láser monocromática", 7800, 9900, "VCF", 2),
    ("Multifuncional", "HP", "LaserJet Pro MFP M428fdw", "Multifuncional láser con fax y escáner dúplex",
     9800, 12500, "PHBB", 2),
    ("Escáner", "Epson", "WorkForce DS-530 II", "Escáner de documentos dúplex 35 ppm", 8900, 10900, "XA8", 1),
    ("Switch", "Cisco", "Catalyst 2960-X 24 PoE", "Switch administrable 24 puertos Gigabit PoE+",
     38000, 52000, "FOC", 2),
    ("Switch", "Ubiquiti", "UniFi Switch USW-24-PoE", "Switch administrable 24 puertos PoE", 9800, 12900,
     "F09FC2", 2),
    ("Switch", "TP-Link", "TL-SG1024D", "Switch no administrable 24 puertos Gigabit", 1800, 2600, "2224", 2),
    ("Router", "MikroTik", "RB4011iGS+RM", "Router de 10 puertos Gigabit con SFP+", 4200, 5600, "HD0", 1),
    ("Access point", "Ubiquiti", "UniFi U6-Lite", "Punto de acceso inalámbrico Wi-Fi 6", 2300, 3100, "E063DA", 2),
    ("Access point", "TP-Link", "EAP225", "Punto de acceso inalámbrico AC1350 de techo", 1500, 2100, "2227", 1),
    ("Firewall", "Fortinet", "FortiGate 60F", "Firewall de nueva generación 10 puertos", 18500, 26000, "FGT60F", 1),
    ("Cámara", "Hikvision", "DS-2CD2143G2-I", "Cámara IP domo 4 MP con infrarrojo", 2100, 2900, "J1", 4),
    ("Cámara", "Dahua", "IPC-HFW2431S-S-S2", "Cámara IP bala 4 MP para exterior", 1700, 2400, "6K0", 3),
    ("Grabador de video (NVR/DVR)", "Hikvision", "DS-7616NI-K2", "Grabador de video en red de 16 canales",
     6800, 8900, "G9", 1),
    ("Servidor", "Dell", "PowerEdge T340", "Servidor torre Intel Xeon E-2224, 32 GB RAM", 58000, 79000,
     "SVCT", 1),
    ("Servidor", "HPE", "ProLiant ML110 Gen10", "Servidor torre Intel Xeon Silver, 32 GB RAM", 52000, 71000,
     "CZJ", 1),
    ("No-break", "APC", "Back-UPS BX1100C-LM", "No-break 1100 VA con regulador", 2100, 2800, "3B21", 5),
    ("No-break", "CyberPower", "CP1500PFCLCD", "No-break 1500 VA onda senoidal pura", 4200, 5300, "CRV", 2),
    ("Teléfono IP", "Grandstream", "GXP1625", "Teléfono IP de 2 líneas con PoE", 1100, 1500, "20EZ", 4),
    ("Teléfono IP", "Yealink", "SIP-T31P", "Teléfono IP de 2 líneas con PoE", 1000, 1400, "8022", 2),
    ("Proyector", "Epson", "PowerLite X49", "Proyector 3LCD XGA 3600 lúmenes", 10500, 13500, "X4", 1),
)

COLORES = ("Negro", "Negro", "Negro", "Gris", "Plata", "Blanco", "Gris oscuro")
AREAS = ("Oficina del titular", "Recepción", "Área administrativa", "Ventanilla 1", "Ventanilla 2", "Archivo",
         "Sala de juntas", "Site de comunicaciones")
NOMBRES = ("Ana", "Luis", "María", "José", "Guadalupe", "Juan", "Rosa", "Carlos", "Verónica", "Jorge", "Leticia",
           "Francisco", "Alejandra", "Miguel", "Adriana", "Roberto", "Claudia", "Eduardo", "Martha", "Raúl")
APELLIDOS = ("Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
             "Flores", "Cruz", "Morales", "Reyes", "Juárez", "Torres", "Vázquez", "Aguilar", "Mendoza", "Rosas",
             "Xicoténcatl")
CARGOS = ("Auxiliar administrativo", "Analista", "Secretaria", "Jefe de departamento", "Coordinador de área")
SERVIDORES_POR_DEPENDENCIA = 4


def _servidores(azar: random.Random, actor: Any) -> dict[int, list[ServidorPublico]]:
    """Resguardantes por dependencia; completa hasta cuatro por dependencia (en lote)."""
    por_dependencia: dict[int, list[ServidorPublico]] = {}
    for servidor in ServidorPublico.select().where(ServidorPublico.activo == True):  # noqa: E712
        if servidor.dependencia_id:
            por_dependencia.setdefault(servidor.dependencia_id, []).append(servidor)
    nuevos = []
    siguiente = carga_masiva.reservar_ids(ServidorPublico, 1)
    momento = ahora()
    usados = {normalizar(s.nombre) for s in ServidorPublico.select(ServidorPublico.nombre)}
    for dependencia in Dependencia.select().where(Dependencia.activo == True).order_by(Dependencia.id):  # noqa: E712
        lista = por_dependencia.setdefault(dependencia.id, [])
        while len(lista) < SERVIDORES_POR_DEPENDENCIA:
            nombre = f"{azar.choice(NOMBRES)} {azar.choice(APELLIDOS)} {azar.choice(APELLIDOS)}"
            if normalizar(nombre) in usados:
                continue
            usados.add(normalizar(nombre))
            servidor = ServidorPublico(id=siguiente, nombre=nombre, cargo=azar.choice(CARGOS), dependencia=dependencia.id,
                                       busqueda=texto_busqueda(nombre, dependencia.nombre),
                                       creado_en=momento, modificado_en=momento)
            siguiente += 1
            nuevos.append(servidor)
            lista.append(servidor)
    carga_masiva.insertar_con_bitacora(nuevos, "alta de servidor público (demostración)", actor)
    return por_dependencia


def _numeros(fechas: list[dt.date]) -> list[str]:
    """Reserva un número de inventario por fecha, consecutivos y saltando los ya usados.

    Pregunta por los usados solo entre los propuestos (por el índice único, en bloques), no
    carga todos los números de la tabla: la memoria no crece con el inventario. Los contadores
    se actualizan una vez por lote.
    """
    formato = catalogos.institucion().formato_inventario or "SMT-TIC-{numero:05d}"
    por_anio = "{anio" in formato
    ultimos: dict[int, int] = {}
    numeros: list[str] = [""] * len(fechas)
    pendientes = list(range(len(fechas)))
    while pendientes:
        for i in pendientes:
            anio = fechas[i].year if por_anio else 0
            if anio not in ultimos:
                ContadorFolio.insert(serie=SERIE_INVENTARIO, anio=anio, ultimo=0).on_conflict_ignore().execute()
                ultimos[anio] = ContadorFolio.get((ContadorFolio.serie == SERIE_INVENTARIO)
                                                  & (ContadorFolio.anio == anio)).ultimo
            ultimos[anio] += 1
            numeros[i] = normalizar_numero(formato.format(numero=ultimos[anio], anio=fechas[i].year))
        usados: set[str] = set()
        for inicio in range(0, len(pendientes), 500):
            propuestos = [numeros[i] for i in pendientes[inicio:inicio + 500]]
            usados.update(n for (n,) in Bien.select(Bien.numero_inventario)
                          .where(Bien.numero_inventario.in_(propuestos)).tuples())
        pendientes = [i for i in pendientes if numeros[i] in usados]
    for anio, ultimo in ultimos.items():
        folios.fijar_ultimo(SERIE_INVENTARIO, anio, ultimo, accion="números de inventario de demostración")
    return numeros


LOTE_BIENES = 2000


def _bien(**datos: Any) -> Bien:
    """Un ``Bien`` con los valores por omisión de sus campos y ``datos``, sin el costo del constructor
    de peewee por cada uno (que llama a los valores por omisión de todos sus campos)."""
    global _POR_OMISION
    if _POR_OMISION is None:
        _POR_OMISION = dict(Bien().__data__)
    bien = Bien.__new__(Bien)
    bien.__data__ = {**_POR_OMISION, **datos}
    bien._dirty = set(bien.__data__)
    bien.__rel__ = {}
    return bien


_POR_OMISION: dict[str, Any] | None = None


class _Normalizados:
    """``texto_busqueda`` con las partes que se repiten (marca, modelo, descripción, nombre) normalizadas
    una sola vez: unir con espacios las partes ya normalizadas da lo mismo que normalizar la unión."""

    def __init__(self) -> None:
        self._hechas: dict[str, str] = {}

    def _parte(self, texto: str) -> str:
        hecha = self._hechas.get(texto)
        if hecha is None:
            hecha = self._hechas[texto] = normalizar(texto)
        return hecha

    def busqueda(self, numero: str, serie: str, *repetidas: str) -> str:
        partes = [normalizar(numero), normalizar(serie), *(self._parte(p) for p in repetidas if p)]
        return " ".join(p for p in partes if p)


def cargar_bienes(cuantos: int, actor: Any = None, semilla: int = 2026, lote: int = LOTE_BIENES,
                  avance: Callable[[int, int], None] | None = None) -> int:
    """Inserta ``cuantos`` bienes realistas repartidos entre las dependencias (requiere la
    demostración básica: dependencias y servidores). Devuelve cuántos insertó.

    Por lotes de ``lote`` bienes, cada uno en su transacción con sus entradas de bitácora en
    bloque: la memoria no crece con ``cuantos`` (200,000 bienes ocupan lo mismo que 2,000).
    ``avance(hechos, total)`` se llama después de cada lote.
    """
    if cuantos <= 0:
        return 0
    if not Dependencia.select().exists():
        raise ValueError("Primero cargue la demostración básica (dependencias y servidores públicos).")
    tipos_bien.asegurar_predeterminados()
    tipos = {normalizar(t.nombre): t for t in tipos_bien.tipos(activos=False)}
    azar = random.Random(semilla + Bien.select().count())
    hoy = hoy_mexico()
    pesos = [e[7] for e in EQUIPOS]
    with transaccion():
        resguardantes = _servidores(azar, actor)
    dependencias = {d.id: d for d in Dependencia.select().where(Dependencia.activo == True)}  # noqa: E712
    ids_dep = sorted(dependencias)
    hechos = 0
    while hechos < cuantos:
        n = min(lote, cuantos - hechos)
        with transaccion():
            fechas = [hoy - dt.timedelta(days=azar.randint(20, 365 * 10)) for _ in range(n)]
            numeros = _numeros(fechas)
            primero = carga_masiva.reservar_ids(Bien, n)
            momento = ahora()
            bienes = []
            normal = _Normalizados()
            for i in range(n):
                tipo, marca, modelo, descripcion, minimo, maximo, prefijo, _ = azar.choices(EQUIPOS, weights=pesos)[0]
                dependencia = dependencias[azar.choice(ids_dep)]
                resguardante = azar.choice(resguardantes[dependencia.id])
                serie = f"{prefijo}{primero + i:07X}{azar.randint(0, 35):X}".upper()
                valor = Decimal(azar.randint(minimo * 100, maximo * 100)) / 100
                adquisicion = fechas[i]
                estado = azar.choices((EN_USO, EN_REPARACION, DADO_DE_BAJA), weights=(95, 3, 2))[0]
                tipo_bien = tipos[normalizar(tipo)]
                bienes.append(_bien(
                    id=primero + i, numero_inventario=numeros[i], tipo=tipo_bien.id, descripcion=descripcion,
                    marca=marca, modelo=modelo, serie=serie, color=azar.choice(COLORES),
                    fecha_fabricacion=adquisicion - dt.timedelta(days=azar.randint(30, 300)),
                    fecha_adquisicion=adquisicion, valor=valor, cuenta_contable=tipo_bien.cuenta_contable,
                    resguardante=resguardante.id, dependencia=dependencia.id,
                    edificio=dependencia.ubicacion[:150], area=azar.choice(AREAS), estado=estado,
                    busqueda=normal.busqueda(numeros[i], serie, marca, modelo, descripcion, resguardante.nombre),
                    creado_en=momento, modificado_en=momento))
            carga_masiva.insertar_con_bitacora(bienes, "alta de bien (demostración)", actor)
        hechos += n
        del bienes, fechas, numeros
        if avance is not None:
            avance(hechos, cuantos)
    return cuantos


def cargar_demo_inventario(cuentas: dict[str, Any]) -> dict[str, int]:
    """Unos 60 bienes con movimientos en varios estados y un levantamiento pausado, para que la
    interfaz de demostración tenga datos (se llama desde ``cargar_demo``)."""
    from app.modelos import Bien as ModeloBien
    from app.servicios.levantamiento import levantamiento
    from app.servicios.inventario import movimientos

    redes = cuentas.get("redes") or cuentas.get("director")
    cargar_bienes(60, redes, semilla=60)
    bienes = list(ModeloBien.select().where(ModeloBien.estado == EN_USO).order_by(ModeloBien.id).limit(12))
    hoy = hoy_mexico()
    aplicada = movimientos.solicitar_alta(redes, [b.id for b in bienes[:4]])
    aplicada = movimientos.marcar_enviado(redes, aplicada.id, aplicada.version)
    movimientos.aplicar(redes, aplicada.id, aplicada.version, "TM/DAC/0311/2026", hoy,
                        nota="Alta registrada en el inventario de bienes muebles.")
    movimientos.solicitar_alta(redes, [b.id for b in bienes[4:6]])
    otro = next(s for s in ServidorPublico.select().where(ServidorPublico.activo == True)  # noqa: E712
                .order_by(ServidorPublico.id) if s.id != bienes[6].resguardante_id and s.dependencia_id)
    cambio = movimientos.solicitar_cambio(redes, bienes[6].id, otro.id,
                                          motivo="Reasignación por cambio de adscripción del resguardante.")
    movimientos.marcar_enviado(redes, cambio.id, cambio.version)
    # Catastro: así las pruebas y la demostración pueden iniciar otros (uno abierto por dependencia).
    catastro = Dependencia.get_or_none(Dependencia.siglas == "DC")
    dependencia = catastro.id if catastro else bienes[7].dependencia_id
    lev = levantamiento.iniciar(redes, dependencia_id=dependencia)
    de_la_dependencia = list(ModeloBien.select().where((ModeloBien.dependencia == dependencia)
                                                       & (ModeloBien.estado != DADO_DE_BAJA)).limit(3))
    for bien in de_la_dependencia:
        levantamiento.registrar_lectura(lev.id, bien.numero_inventario.lower(), redes)
    ajeno = ModeloBien.select().where(ModeloBien.dependencia != dependencia).first()
    if ajeno is not None:
        levantamiento.registrar_lectura(lev.id, ajeno.numero_inventario, redes)
    levantamiento.registrar_lectura(lev.id, "SMT-TIC-99999", redes)
    levantamiento.pausar(redes, lev.id, levantamiento.obtener(lev.id).version)
    return {"bienes": 60, "movimientos": 3, "levantamientos": 1}
