"""Datos de demostración de la mesa de ayuda y carga masiva para mediciones.

:func:`cargar_demo` registra unos 40 tickets realistas de los últimos meses, en
todos los estados (con escalamientos a proveedores), a través de los mismos
servicios que usa la ventana: cada ticket y cada escalamiento queda con su trámite
(procedimientos 6 y 2) en el paso que le toca y con los tiempos de su historia. Si el
inventario aún no tiene bienes, crea unos cuantos para ligarlos (llámese después de los
datos de demostración del inventario).

:func:`cargar_tickets_masivos` inserta N tickets en lotes (``insert_many``) con sus
entradas de bitácora encadenadas, para medir listas y arranque con 200,000 tickets.
Esos tickets sintéticos no llevan trámite (se miden solos); si se quieren con él, después
se llama :func:`app.servicios.mesa_ayuda.expedientes.vincular_existentes`.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal

from app.base_datos import bd, es_postgres, transaccion
from app.modelos import (Bien, Bitacora, ContadorFolio, Dependencia, Proveedor, ServidorPublico, Ticket,
                         TipoBien, Usuario, ahora)
from app.servicios.nucleo import bitacora, folios
from app.servicios.mesa_ayuda import escalamiento, sla, tickets
from app.servicios.nucleo.calendario_laboral import calendario
from app.tiempo import reloj_fijo

# (número, tipo, descripción, marca, modelo, siglas de la dependencia)
BIENES_DEMO = [
    ("SMT-TIC-00101", "Computadora", "Computadora de escritorio", "HP", "ProDesk 400 G7", "DE"),
    ("SMT-TIC-00102", "Computadora", "Computadora de escritorio", "Dell", "OptiPlex 3080", "TM"),
    ("SMT-TIC-00103", "Computadora portátil", "Laptop", "Lenovo", "ThinkPad E14", "PM"),
    ("SMT-TIC-00104", "Impresora", "Impresora multifuncional láser", "Brother", "MFC-L2750DW", "DI"),
    ("SMT-TIC-00105", "Impresora", "Impresora de tinta continua", "Epson", "L3250", "RC"),
    ("SMT-TIC-00106", "Computadora", "Computadora todo en uno", "HP", "ProOne 440 G6", "DC"),
    ("SMT-TIC-00107", "No break", "No break 1000 VA", "APC", "BX1000M", "TM"),
    ("SMT-TIC-00108", "Switch", "Switch de 24 puertos", "Cisco", "CBS250-24T", "SSPTM"),
]
CUENTAS = {"Computadora": "1.2.4.1.3", "Computadora portátil": "1.2.4.1.3", "Impresora": "1.2.4.1.3",
           "No break": "1.2.4.1.9", "Switch": "1.2.4.1.9"}

# (siglas, solicitante, categoría, prioridad, canal, modalidad, descripción, solución, índice de bien)
CASOS = [
    ("DE", "Ricardo Flores Aguilar", "impresora", "media", "telefono", "anydesk",
     "La impresora del área de pagos marca atasco de papel aunque no hay hojas atoradas.",
     "Se limpió el sensor de papel y se reinstaló el controlador.", 3),
    ("TM", "José Javier Gregorio Pérez Hernández", "equipo", "alta", "telefono", "presencial",
     "La computadora del Tesorero se reinicia sola al abrir el sistema de contabilidad.",
     "Se cambió la fuente de poder y se limpió el equipo.", 1),
    ("RC", "", "impresora", "media", "whatsapp", "anydesk",
     "La impresora de actas imprime con rayas horizontales.", "Limpieza de cabezales desde el software.", 4),
    ("CM", "Nadia Elizabeth Olivera Rendón", "correo", "media", "correo", "teamviewer",
     "No recibe correos externos desde el lunes.", "El buzón estaba lleno; se archivaron mensajes antiguos.", None),
    ("DAC", "Laura Hernández Sánchez", "sistema", "alta", "telefono", "escritorio_remoto",
     "El sistema de contabilidad gubernamental no genera la balanza de comprobación.",
     "Se actualizó el módulo de reportes a la versión vigente.", None),
    ("SGA", "Alejandro Romero Vázquez", "cuenta", "urgente", "presencial", "presencial",
     "Olvidó la contraseña de su equipo y tiene sesión de cabildo en una hora.",
     "Se restableció la contraseña y se configuró la pregunta de recuperación.", None),
    ("DC", "Sofía Navarro Peña", "software", "baja", "correo", "asistencia_rapida",
     "Solicita instalar el visor de planos DWG en dos equipos de Catastro.",
     "Se instaló DWG TrueView en ambos equipos.", 5),
    ("PM", "", "red", "urgente", "telefono", "presencial",
     "Sin internet en la sala de juntas de Presidencia durante la videoconferencia con el Estado.",
     "Se reemplazó el cable de parcheo dañado en el rack del segundo piso.", 2),
    ("SSPTM", "Fernando Ríos Salazar", "red", "alta", "telefono", "presencial",
     "El switch del área de monitoreo se apaga intermitentemente.",
     "Se conectó a un no break y se actualizó el firmware.", 7),
    ("DIF", "Patricia Morales Guzmán", "equipo", "media", "whatsapp", "anydesk",
     "El equipo de la recepción del DIF tarda más de diez minutos en encender.",
     "Se desactivaron programas de inicio y se liberó espacio en disco.", None),
    ("RH", "Gabriela Torres Medina", "sistema", "alta", "correo", "escritorio_remoto",
     "El sistema de nómina no abre: marca error de conexión a la base de datos.",
     "Se restableció el servicio de la base de datos en el servidor.", None),
    ("UT", "Jorge Luis Ramírez Cruz", "software", "media", "correo", "teamviewer",
     "Solicita instalar el lector de PDF con firma electrónica para los acuses de la PNT.",
     "Se instaló y configuró el lector con el certificado de la Unidad.", None),
    ("INV", "María Fernanda Castillo Ruiz", "impresora", "baja", "telefono", "anydesk",
     "No puede escanear a la carpeta compartida del departamento.",
     "Se actualizó la contraseña guardada en la multifuncional.", None),
    ("DI", "", "impresora", "media", "presencial", "presencial",
     "La multifuncional de cajas no toma las hojas de la bandeja 2.",
     "Se cambió el rodillo de arrastre.", 3),
    ("TM", "", "no_break", "alta", "telefono", "presencial",
     "El no break de la caja principal suena constantemente.", "Se reemplazó la batería.", 6),
    ("DE", "", "equipo", "media", "telefono", "anydesk",
     "El equipo no reconoce el lector de huella para el reloj checador.",
     "Se reinstaló el controlador del lector.", 0),
]


def _bienes(sistema) -> list[Bien]:
    existentes = list(Bien.select().order_by(Bien.id).limit(8))
    if existentes:
        return existentes
    creados = []
    for numero, tipo_nombre, descripcion, marca, modelo, siglas in BIENES_DEMO:
        tipo = TipoBien.get_or_none(TipoBien.nombre == tipo_nombre) or bitacora.guardar(
            TipoBien(nombre=tipo_nombre, cuenta_contable=CUENTAS[tipo_nombre], vida_util_anios=5),
            "alta de tipo de bien", sistema)
        dep = Dependencia.get_or_none(Dependencia.siglas == siglas)
        creados.append(bitacora.guardar(Bien(
            numero_inventario=numero, tipo=tipo, descripcion=descripcion, marca=marca, modelo=modelo,
            dependencia=dep, valor=Decimal("14500.00"), cuenta_contable=CUENTAS[tipo_nombre],
            busqueda=f"{numero} {descripcion} {marca} {modelo}".lower()), "alta de bien", sistema))
    return creados


def cargar_demo() -> int:
    """Registra ~40 tickets de demostración (si aún no hay tickets); devuelve cuántos creó."""
    if Ticket.select().exists() or not Dependencia.select().exists():
        return 0
    cuentas = {u.nombre_usuario: u for u in Usuario.select()}
    asistente, soporte, director = cuentas.get("asistente"), cuentas.get("soporte"), cuentas.get("director")
    if asistente is None or soporte is None:
        return 0
    cal = calendario()
    azar = random.Random(2026)
    ahora_real = ahora()
    creados = 0
    with transaccion():
        bienes = _bienes(director)

        def registrar(caso, recibido: dt.datetime, prioridad: str | None = None) -> Ticket:
            siglas, solicitante, categoria, prio, canal, modalidad, descripcion, _sol, i_bien = caso
            dep = Dependencia.get(Dependencia.siglas == siglas)
            if tickets.requiere_presencial(dep):
                modalidad = tickets.PRESENCIAL
            servidor = (ServidorPublico.get_or_none(ServidorPublico.nombre == solicitante)
                        if solicitante else None)
            with reloj_fijo(recibido):
                return tickets.crear_ticket(
                    asistente, canal=canal, extension=azar.choice(tickets.EXTENSIONES_DTI), dependencia=dep,
                    solicitante=servidor, solicitante_nombre=solicitante or azar.choice(
                        ["Auxiliar administrativo", "Recepción", "Cajero en turno", "Secretaria del área"]),
                    categoria=categoria if categoria in tickets.CATEGORIAS else "equipo",
                    prioridad=prioridad or prio, modalidad=modalidad, descripcion=descripcion,
                    bien=bienes[i_bien % len(bienes)] if i_bien is not None and bienes else None)

        def dia_habil_hace(dias: int) -> dt.date:
            fecha = ahora_real.date() - dt.timedelta(days=dias)
            while not cal.es_dia_habil(fecha):
                fecha -= dt.timedelta(days=1)
            return fecha

        # Historia: 28 tickets cerrados de los últimos cinco meses.
        for n in range(28):
            caso = CASOS[n % len(CASOS)]
            recibido = dt.datetime.combine(dia_habil_hace(150 - n * 5), dt.time(8 + azar.randrange(6),
                                                                                azar.randrange(60)))
            t = registrar(caso, recibido)
            respuesta = cal.sumar_horas_habiles(recibido, azar.choice([0.25, 0.5, 1, 2, 3, 5]))
            with reloj_fijo(respuesta):
                tickets.atender(soporte if n % 3 else asistente, t)
            solucion = cal.sumar_horas_habiles(respuesta, azar.choice([0.5, 1, 3, 6, 12, 30]))
            with reloj_fijo(solucion):
                tickets.resolver(soporte, t, caso[7])
            with reloj_fijo(cal.sumar_horas_habiles(solucion, 2)):
                tickets.cerrar(soporte, t)
            creados += 1

        # Escalamiento completo (entregado) y dos con el proveedor: uno a tiempo y uno atrasado.
        ctp = Proveedor.get_or_none(Proveedor.rfc == "CTP090512AB3")
        hp = [b for b in bienes if b.marca in ("HP", "Dell", "Lenovo")]
        if ctp is not None and hp:
            for hace, estado in ((40, "entregado"), (12, "atrasado"), (2, "a_tiempo")):
                recibido = dt.datetime.combine(dia_habil_hace(hace), dt.time(9, 30))
                equipo = hp[hace % len(hp)]
                caso = ("DE", "Ricardo Flores Aguilar", "equipo", "alta", "telefono", "anydesk",
                        "La computadora no enciende; el LED de la fuente parpadea en ámbar.", "",
                        bienes.index(equipo))
                t = registrar(caso, recibido)
                with reloj_fijo(recibido + dt.timedelta(minutes=30)):
                    tickets.atender(soporte, t)
                    esc = escalamiento.escalar(soporte, t, ctp, motivo="Falla de tarjeta madre; equipo en garantía.",
                                               marca="HP")
                if estado == "entregado":
                    with reloj_fijo(recibido + dt.timedelta(days=6)):
                        escalamiento.registrar_devolucion(soporte, esc, "Se reemplazó la tarjeta madre en garantía.")
                    with reloj_fijo(recibido + dt.timedelta(days=7)):
                        escalamiento.entregar_equipo(soporte, esc, recibido_por_nombre="Ricardo Flores Aguilar")
                creados += 1

        # Abiertos recientes: resueltos por confirmar, en atención y nuevos (algunos ya vencidos).
        for n, (hace_horas, estado, prioridad) in enumerate([
                (30, "resuelto", None), (20, "resuelto", None), (9, "resuelto", None),
                (26, "en_atencion", None), (7, "en_atencion", "alta"), (5, "en_atencion", None),
                (3, "en_atencion", "baja"), (50, "nuevo", "alta"), (6, "nuevo", "urgente"),
                (1.5, "nuevo", None), (0.5, "nuevo", "media")]):
            caso = CASOS[(n * 5 + 3) % len(CASOS)]
            recibido = (ahora_real - dt.timedelta(hours=hace_horas)).replace(second=0)
            if not cal.es_horario_laboral(recibido):
                # Fuera de horario: se pasa a la tarde del día hábil anterior.
                dia = recibido.date() - dt.timedelta(days=1) if recibido.hour < 8 else recibido.date()
                while not cal.es_dia_habil(dia):
                    dia -= dt.timedelta(days=1)
                recibido = dt.datetime.combine(dia, dt.time(15, 50)) - dt.timedelta(minutes=37 * n)
            t = registrar(caso, recibido, prioridad)
            if estado in ("resuelto", "en_atencion"):
                with reloj_fijo(recibido + dt.timedelta(minutes=40)):
                    tickets.atender(asistente if n % 2 else soporte, t)
            if estado == "resuelto":
                with reloj_fijo(recibido + dt.timedelta(hours=3)):
                    tickets.resolver(soporte, t, caso[7])
            creados += 1

        # Un reporte duplicado (el usuario llamó y además escribió): se cancela; su trámite también.
        original = t
        recibido = original.recibido_en + dt.timedelta(minutes=5)
        duplicado = registrar(CASOS[(10 * 5 + 3) % len(CASOS)], recibido)
        with reloj_fijo(recibido + dt.timedelta(minutes=15)):
            tickets.cancelar(asistente, duplicado, f"Duplicado del ticket {original.folio}.")
        creados += 1
    return creados


# --- Carga masiva para mediciones -------------------------------------------------------------

def cargar_tickets_masivos(n: int, lote: int = 2000, semilla: int = 7) -> int:
    """Inserta ``n`` tickets sintéticos (casi todos cerrados) en lotes, con su bitácora encadenada.

    Para medir listas, tablero y arranque con cientos de miles de tickets. Cada ticket lleva su
    trámite del procedimiento 6 con sus pasos (también en bloque). Los folios siguen la serie
    del año (los contadores quedan al día) y ``bitacora.verificar()`` sigue sin problemas.
    Necesita al menos una dependencia.
    """
    azar = random.Random(semilla)
    dependencias = list(Dependencia.select(Dependencia.id, Dependencia.nombre, Dependencia.siglas))
    if not dependencias:
        raise ValueError("Cargue primero los catálogos (dependencias).")
    bienes = [b for (b,) in Bien.select(Bien.id).limit(500).tuples()]
    usuarios_ = [u for (u,) in Usuario.select(Usuario.id).tuples()]
    tabla_metas = sla.metas()
    prioridades = list(sla.PRIORIDADES)
    momento = ahora()
    llave = bitacora.llave_bitacora()      # cada entrada va autenticada, como las de la aplicación
    insertados = 0
    while insertados < n:
        cuantos = min(lote, n - insertados)
        with transaccion():
            ultimo_id = Ticket.select(Ticket.id).order_by(Ticket.id.desc()).scalar() or 0
            filas, entradas, nuevos = [], [], []
            contadores: dict[int, int] = {}
            for i in range(cuantos):
                dias = azar.randrange(0, 3 * 365)
                recibido = (momento - dt.timedelta(days=dias, minutes=azar.randrange(600))).replace(microsecond=0)
                anio = recibido.year
                if anio not in contadores:
                    contadores[anio] = _reservar_bloque(anio, 0)
                contadores[anio] += 1
                prioridad = azar.choice(prioridades)
                meta = tabla_metas[prioridad]
                # Metas aproximadas (días de 8 h hábiles) para no recorrer el calendario 200,000 veces.
                meta_resp = recibido + dt.timedelta(hours=meta.horas_respuesta * 3)
                meta_sol = recibido + dt.timedelta(hours=meta.horas_resolucion * 3)
                cerrado = dias > 3
                h_resp = round(azar.uniform(0.1, meta.horas_respuesta * 1.3), 2)
                h_sol = round(azar.uniform(h_resp, meta.horas_resolucion * 1.3), 2)
                dep = azar.choice(dependencias)
                t = Ticket(
                    id=ultimo_id + i + 1, folio=f"T-{anio}-{contadores[anio]:05d}", anio=anio,
                    consecutivo=contadores[anio], recibido_en=recibido, canal=azar.choice(list(tickets.CANALES)),
                    extension="", dependencia=dep.id, solicitante=None, solicitante_nombre="Usuario de prueba",
                    bien=azar.choice(bienes) if bienes and azar.random() < 0.6 else None,
                    categoria=azar.choice(list(tickets.CATEGORIAS)), descripcion="Falla reportada en el equipo.",
                    prioridad=prioridad, modalidad=tickets.PRESENCIAL,
                    asignado=azar.choice(usuarios_) if usuarios_ else None,
                    estado=tickets.CERRADO if cerrado else tickets.NUEVO, solucion="Atendido." if cerrado else "",
                    primera_respuesta_en=recibido + dt.timedelta(hours=h_resp * 3) if cerrado else None,
                    resuelto_en=recibido + dt.timedelta(hours=h_sol * 3) if cerrado else None,
                    cerrado_en=recibido + dt.timedelta(hours=h_sol * 3 + 1) if cerrado else None,
                    meta_respuesta_en=meta_resp, meta_resolucion_en=meta_sol,
                    horas_respuesta=h_resp if cerrado else None, horas_resolucion=h_sol if cerrado else None,
                    registrado_por=None, version=1, creado_en=momento, modificado_en=momento)
                t.busqueda = f"{t.folio.lower()} usuario de prueba {dep.nombre.lower()} falla reportada"
                nuevos.append(t)
            # Cada ticket lleva su trámite del procedimiento 6 (issue 14), también en la carga masiva.
            _tramites_de_tickets(nuevos, momento)
            bitacora.asentar_pendientes()          # lo pendiente (trámites, contadores) va antes
            _, anterior = bitacora.cabeza()        # con el candado de la cadena en PostgreSQL
            marca = bitacora.valor_instantanea(momento)
            for t in nuevos:
                filas.append(t.__data__.copy())
                foto = json.dumps(t.instantanea(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                hash_ = bitacora.calcular_hash(marca, "sistema", "registro de ticket", "ticket", t.id, foto, anterior)
                entradas.append({"momento": momento, "usuario": "sistema", "accion": "registro de ticket",
                                 "tabla": "ticket", "registro_id": t.id, "instantanea": foto,
                                 "hash_anterior": anterior, "hash": hash_,
                                 "mac": bitacora.autenticar(hash_, llave)})
                anterior = hash_
            _insertar(Ticket, filas)
            _insertar(Bitacora, entradas)
            # Después de las entradas del lote: cada contador se anota en la bitácora tras ellas.
            for anio, ultimo in contadores.items():
                folios.fijar_ultimo(tickets.SERIE_TICKETS, anio, ultimo, accion="tickets de demostración")
            if es_postgres():
                bd.execute_sql("SELECT setval(pg_get_serial_sequence('ticket', 'id'), "
                               "(SELECT MAX(id) FROM ticket))")
        insertados += cuantos
    return insertados


def _tramites_de_tickets(nuevos: list[Ticket], momento: dt.datetime) -> None:
    """El trámite (procedimiento 6) de cada ticket masivo, con sus pasos, en bloque y con bitácora.

    Cerrado: 1 → 2 → 3 «No» (en sitio) → 3.1 → 5 y concluido; nuevo: 1 → 2 y la decisión 3 abierta,
    como los deja ``crear_ticket``. Los números siguen la serie de trámites del año.
    """
    from app.modelos import PasoTramite, Tramite
    from app.servicios.nucleo import carga_masiva
    from app.servicios.tramites import procedimientos

    definicion = procedimientos.obtener(6)
    anio = momento.year
    ultimo = folios.ultimo_consecutivo(folios.SERIE_TRAMITES, anio)
    primero_tramite = carga_masiva.reservar_ids(Tramite, len(nuevos))
    primero_paso = carga_masiva.reservar_ids(PasoTramite, len(nuevos) * 5)
    tramites_, pasos_ = [], []
    for indice, t in enumerate(nuevos):
        cerrado = t.estado == tickets.CERRADO
        tramite = Tramite(
            id=primero_tramite + indice, numero=f"DTI-T-{ultimo + indice + 1:04d}/{anio}", procedimiento=6,
            asunto=f"{t.folio}: {t.descripcion}"[:300], dependencia=t.dependencia_id, solicitante=None,
            oficio_entrada=None, paso_actual=None if cerrado else "3",
            estado="concluido" if cerrado else "abierto", responsable=t.asignado_id,
            concluido_en=t.cerrado_en if cerrado else None, motivo_cancelacion="",
            busqueda=t.busqueda[:500], modulo="mesa_ayuda", version=1, creado_en=t.recibido_en,
            modificado_en=momento)
        tramites_.append(tramite)
        t.expediente = tramite.id
        recorrido = ([("1", "", "2", t.recibido_en), ("2", "", "3", t.recibido_en),
                      ("3", "No", "3.1", t.primera_respuesta_en), ("3.1", "", "5", t.resuelto_en),
                      ("5", "", None, t.cerrado_en)] if cerrado else
                     [("1", "", "2", t.recibido_en), ("2", "", "3", t.recibido_en), ("3", "", None, None)])
        inicio = t.recibido_en
        for paso, opcion, destino, fin in recorrido:
            definido = definicion.paso(paso)
            pasos_.append(PasoTramite(
                id=primero_paso + len(pasos_), tramite=tramite.id, paso=paso, actividad=definido.actividad,
                responsable_area=definido.responsable, inicio=inicio, fin=fin,
                segundos=int((fin - inicio).total_seconds()) if fin else None, opcion=opcion,
                destino=destino if fin else None, nota="", usuario=None))
            inicio = fin or inicio
    carga_masiva.insertar_con_bitacora(tramites_, "apertura de trámite (demostración)")
    carga_masiva.insertar_con_bitacora(pasos_, "paso de trámite (demostración)")
    folios.fijar_ultimo(folios.SERIE_TRAMITES, anio, ultimo + len(nuevos), accion="trámites de demostración")


def _insertar(modelo, filas: list[dict]) -> None:
    """``INSERT`` en lote con el cursor del controlador (armar el SQL con peewee es lo lento)."""
    if not filas:
        return
    campos = [c for c in modelo._meta.sorted_fields if c.name in filas[0]]
    columnas = ", ".join(f'"{c.column_name}"' for c in campos)
    valores = [tuple(c.db_value(f[c.name]) for c in campos) for f in filas]
    tabla = modelo._meta.table_name
    cursor = bd.cursor()
    if es_postgres():
        from psycopg2.extras import execute_values

        execute_values(cursor, f'INSERT INTO "{tabla}" ({columnas}) VALUES %s', valores, page_size=1000)
    else:
        marcas = ", ".join("?" for _ in campos)
        cursor.executemany(f'INSERT INTO "{tabla}" ({columnas}) VALUES ({marcas})', valores)


def _reservar_bloque(anio: int, _cuantos: int) -> int:
    """Último folio emitido de la serie de tickets en ``anio`` (crea el contador si falta)."""
    ContadorFolio.insert(serie=tickets.SERIE_TICKETS, anio=anio, ultimo=0).on_conflict_ignore().execute()
    return (ContadorFolio.select(ContadorFolio.ultimo)
            .where((ContadorFolio.serie == tickets.SERIE_TICKETS) & (ContadorFolio.anio == anio)).scalar())
