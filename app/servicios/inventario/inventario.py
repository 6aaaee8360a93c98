"""Bienes TIC (procedimiento 21): alta manual, edición, consulta para 50,000 bienes e historial.

El número de inventario se guarda normalizado (mayúsculas, sin espacios sobrantes) para que
lo que teclea un lector de códigos lo encuentre por el índice único; la serie, cuando existe,
también es única (vacía se guarda como NULL).
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from peewee import JOIN, fn

from app.base_datos import transaccion
from app.modelos import (Bien, Dependencia, Factura, Proveedor, ServidorPublico,
                         TipoBien, Usuario, ahora)
from app.modelos.inventario import ESTADOS_BIEN
from app.servicios.nucleo import bitacora, folios, paginacion
from app.servicios.catalogos import catalogos
from app.errores import ErrorDTI, ErrorNoEncontrado, ErrorValidacion
from app.servicios.nucleo import busqueda_indexada
from app.servicios.nucleo.validacion import Validador, limpiar_texto, texto_busqueda
from app.servicios.inventario.comun import exigir_inventario
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import cambia

SERIE_INVENTARIO = "inventario"
TAMANO_MAXIMO_FOTO = 5 * 1024 * 1024
PIXELES_MAXIMOS_FOTO = 40_000_000
VALOR_MAXIMO = Decimal("99999999999999.99")
LIMITE_PAGINA = 500

# Orden de la consulta: clave → orden por llave (el id desempata; ver app.servicios.nucleo.paginacion).
# Cada columna de la fila tiene su índice compuesto (columna, id) (migración 0025); las de tablas
# unidas (tipo, dependencia, resguardante) se leen por el índice (llave foránea, id).
_ORDENES: dict[str, paginacion.Orden] = {
    "numero": paginacion.de_fila(Bien.numero_inventario),
    "descripcion": paginacion.de_fila(Bien.descripcion),
    "marca": paginacion.de_fila(Bien.marca, Bien.modelo),
    "modelo": paginacion.de_fila(Bien.modelo),
    "serie": paginacion.de_fila(Bien.serie, nula=True),
    "tipo": paginacion.unida(Bien.tipo, TipoBien.nombre),
    "dependencia": paginacion.unida(Bien.dependencia, Dependencia.nombre),
    "resguardante": paginacion.unida(Bien.resguardante, ServidorPublico.nombre),
    "estado": paginacion.de_fila(Bien.estado),
    "valor": paginacion.de_fila(Bien.valor),
    "fecha_adquisicion": paginacion.de_fila(Bien.fecha_adquisicion, nula=True),
    "id": paginacion.POR_ID,
}
ORDENES = tuple(_ORDENES)


# --- Normalización y validación -------------------------------------------------------------

def normalizar_numero(texto: Any) -> str:
    """Número de inventario como se guarda: sin control, mayúsculas y espacios sencillos."""
    return limpiar_texto(texto).upper()


def normalizar_serie(texto: Any) -> str | None:
    """Serie como se guarda: mayúsculas sin espacios sobrantes; vacía es None (no se conoce)."""
    limpio = limpiar_texto(texto).upper()
    return limpio or None


def convertir_valor(v: Validador, valor: Any, campo: str = "valor") -> Decimal:
    """Importe en pesos: Decimal finito, ≥ 0, con dos decimales (acepta «$15,999.00»)."""
    if valor is None or valor == "":
        return Decimal("0.00")
    if isinstance(valor, float):
        valor = repr(valor)
    texto = str(valor).strip().replace("$", "").replace(",", "").replace(" ", "")
    try:
        numero = Decimal(texto)
    except (InvalidOperation, ValueError):
        v.error(campo, f"El valor «{str(valor)[:30]}» no es un importe válido (p. ej. 15999.00).")
        return Decimal("0.00")
    if not numero.is_finite():
        v.error(campo, "El valor debe ser un número finito.")
        return Decimal("0.00")
    if numero < 0:
        v.error(campo, "El valor del bien no puede ser negativo.")
    elif numero > VALOR_MAXIMO:
        v.error(campo, "El valor del bien es demasiado grande.")
    return numero.quantize(Decimal("0.01"))


def validar_fotografia(datos: bytes | None, campo: str = "fotografia") -> bytes | None:
    """Comprueba que la fotografía sea una imagen JPEG o PNG legible de tamaño razonable."""
    if datos is None or len(datos) == 0:
        return None
    datos = bytes(datos)
    if len(datos) > TAMANO_MAXIMO_FOTO:
        raise ErrorValidacion([(campo, f"La fotografía pesa {len(datos) / 1048576:.1f} MB; el máximo es "
                                       f"{TAMANO_MAXIMO_FOTO // 1048576} MB.")])
    if not (datos.startswith(b"\xff\xd8\xff") or datos.startswith(b"\x89PNG\r\n\x1a\n")):
        raise ErrorValidacion([(campo, "La fotografía debe ser una imagen JPEG o PNG.")])
    from PIL import Image

    try:
        with Image.open(io.BytesIO(datos)) as imagen:
            ancho, alto = imagen.size
            if ancho * alto > PIXELES_MAXIMOS_FOTO:
                raise ErrorValidacion([(campo, f"La fotografía mide {ancho}×{alto} píxeles; redúzcala "
                                               "(máximo 40 megapíxeles).")])
            imagen.load()   # decodifica: una imagen truncada o corrupta falla aquí
    except ErrorValidacion:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow lanza varias clases según el defecto
        raise ErrorValidacion([(campo, "La fotografía está dañada o incompleta y no se puede abrir.")]) from exc
    return datos


def _fecha(v: Validador, campo: str, etiqueta: str, valor: Any) -> dt.date | None:
    if valor in (None, ""):
        return None
    if isinstance(valor, dt.datetime):
        valor = valor.date()
    if isinstance(valor, str):
        try:
            valor = dt.date.fromisoformat(valor.strip())
        except ValueError:
            v.error(campo, f"«{etiqueta}» no es una fecha válida (AAAA-MM-DD).")
            return None
    if not isinstance(valor, dt.date):
        v.error(campo, f"«{etiqueta}» no es una fecha válida.")
        return None
    return v.fecha_no_futura(campo, etiqueta, valor, hoy_mexico())


def _por_id(modelo, valor: Any):
    if valor is None or valor == "":
        return None
    if isinstance(valor, modelo):
        return valor
    return modelo.get_or_none(modelo.id == int(valor))


CAMPOS_BIEN = ("numero_inventario", "tipo", "descripcion", "marca", "modelo", "serie", "color",
               "fecha_fabricacion", "fecha_adquisicion", "valor", "cuenta_contable", "proveedor",
               "factura", "no_identificacion", "fotografia", "caracteristicas_hardware",
               "caracteristicas_software", "resguardante", "dependencia", "edificio", "area",
               "observaciones")


def preparar_bien(v: Validador, datos: dict[str, Any], bien: Bien | None = None,
                  prefijo: str = "") -> Bien:
    """Valida ``datos`` y los pone en un :class:`Bien` (nuevo o ``bien``) sin guardarlo.

    Los errores van a ``v`` con el campo precedido de ``prefijo`` (p. ej. «bien 2: »), para
    capturas de varios bienes a la vez. El número de inventario vacío se genera al guardar.
    """
    desconocidos = set(datos) - set(CAMPOS_BIEN)
    if desconocidos:
        raise ErrorDTI(f"Campos desconocidos del bien: {', '.join(sorted(desconocidos))}.")
    registro = bien or Bien()

    def dato(nombre: str, omision: Any = "") -> Any:
        if nombre in datos:
            return datos[nombre]
        if bien is not None:
            return getattr(bien, nombre + "_id", None) if nombre in (
                "tipo", "proveedor", "factura", "resguardante", "dependencia") else getattr(bien, nombre)
        return omision

    def campo(nombre: str) -> str:
        return prefijo + nombre

    numero = normalizar_numero(dato("numero_inventario"))
    if len(numero) > 40:
        v.error(campo("numero_inventario"), f"{prefijo}El número de inventario admite como máximo 40 caracteres.")
    tipo = _por_id(TipoBien, dato("tipo", None))
    if tipo is None:
        v.error(campo("tipo"), f"{prefijo}Falta el tipo de bien (computadora, impresora, switch, ...).")
    descripcion = v.texto(campo("descripcion"), "Descripción", dato("descripcion"), 500, requerido=True)
    marca = v.texto(campo("marca"), "Marca", dato("marca"), 100)
    modelo = v.texto(campo("modelo"), "Modelo", dato("modelo"), 100)
    serie = normalizar_serie(dato("serie", None))
    if serie and len(serie) > 100:
        v.error(campo("serie"), f"{prefijo}El número de serie admite como máximo 100 caracteres.")
    color = v.texto(campo("color"), "Color", dato("color"), 60)
    fabricacion = _fecha(v, campo("fecha_fabricacion"), "Fecha de fabricación", dato("fecha_fabricacion", None))
    adquisicion = _fecha(v, campo("fecha_adquisicion"), "Fecha de adquisición", dato("fecha_adquisicion", None))
    if fabricacion and adquisicion and fabricacion > adquisicion:
        v.error(campo("fecha_fabricacion"),
                f"{prefijo}La fecha de fabricación no puede ser posterior a la de adquisición.")
    valor = convertir_valor(v, dato("valor", None), campo("valor"))
    cuenta = v.texto(campo("cuenta_contable"), "Cuenta contable", dato("cuenta_contable"), 30)
    if not cuenta and tipo is not None:
        cuenta = tipo.cuenta_contable
    proveedor = _por_id(Proveedor, dato("proveedor", None))
    factura = _por_id(Factura, dato("factura", None))
    no_identificacion = v.texto(campo("no_identificacion"), "No. de identificación",
                                dato("no_identificacion"), 100)
    foto = dato("fotografia", None)
    if "fotografia" in datos:
        try:
            foto = validar_fotografia(foto, campo("fotografia"))
        except ErrorValidacion as exc:
            for c, m in exc.errores:
                v.error(c, prefijo + m)
            foto = None
    hardware = v.texto(campo("caracteristicas_hardware"), "Características de hardware",
                       dato("caracteristicas_hardware"), 5000, multilinea=True)
    software = v.texto(campo("caracteristicas_software"), "Características de software",
                       dato("caracteristicas_software"), 5000, multilinea=True)
    resguardante = _por_id(ServidorPublico, dato("resguardante", None))
    dependencia = _por_id(Dependencia, dato("dependencia", None))
    if resguardante is not None:
        if not resguardante.activo and (bien is None or bien.resguardante_id != resguardante.id):
            v.error(campo("resguardante"), f"{prefijo}{resguardante.nombre} está dado de baja como servidor público.")
        if dependencia is None:
            dependencia = resguardante.dependencia
        elif resguardante.dependencia_id is not None and resguardante.dependencia_id != dependencia.id:
            v.error(campo("dependencia"),
                    f"{prefijo}{resguardante.nombre} pertenece a «{resguardante.dependencia.nombre}», "
                    f"no a «{dependencia.nombre}»: el resguardante y su dependencia deben coincidir.")
    edificio = v.texto(campo("edificio"), "Edificio", dato("edificio"), 150)
    area = v.texto(campo("area"), "Área", dato("area"), 150)
    if not edificio and dependencia is not None and bien is None:
        edificio = dependencia.ubicacion[:150]
    observaciones = v.texto(campo("observaciones"), "Observaciones", dato("observaciones"), 5000, multilinea=True)
    registro.numero_inventario = numero
    registro.tipo = tipo
    registro.descripcion, registro.marca, registro.modelo = descripcion, marca, modelo
    registro.serie, registro.color = serie, color
    registro.fecha_fabricacion, registro.fecha_adquisicion = fabricacion, adquisicion
    registro.valor, registro.cuenta_contable = valor, cuenta
    registro.proveedor, registro.factura = proveedor, factura
    registro.no_identificacion, registro.fotografia = no_identificacion, foto
    registro.caracteristicas_hardware, registro.caracteristicas_software = hardware, software
    registro.resguardante, registro.dependencia = resguardante, dependencia
    registro.edificio, registro.area, registro.observaciones = edificio, area, observaciones
    registro.busqueda = texto_busqueda(numero, serie, marca, modelo, descripcion,
                                       resguardante.nombre if resguardante else "")
    return registro


def comprobar_unicos(v: Validador, bienes: list[Bien], prefijos: list[str] | None = None) -> None:
    """Número de inventario y serie únicos, contra la base y dentro del mismo lote."""
    prefijos = prefijos or [""] * len(bienes)
    vistos_numero: dict[str, str] = {}
    vistos_serie: dict[str, str] = {}
    for bien, prefijo in zip(bienes, prefijos):
        if bien.numero_inventario:
            otro = Bien.select(Bien.id).where(Bien.numero_inventario == bien.numero_inventario)
            if bien.id is not None:
                otro = otro.where(Bien.id != bien.id)
            if otro.exists() or bien.numero_inventario in vistos_numero:
                v.error(prefijo + "numero_inventario",
                        f"{prefijo}Ya existe un bien con el número de inventario «{bien.numero_inventario}».")
            vistos_numero[bien.numero_inventario] = prefijo
        if bien.serie:
            otro = Bien.select(Bien.numero_inventario).where(Bien.serie == bien.serie)
            if bien.id is not None:
                otro = otro.where(Bien.id != bien.id)
            existente = otro.scalar()
            if existente:
                v.error(prefijo + "serie", f"{prefijo}La serie «{bien.serie}» ya está registrada en el bien "
                                           f"{existente}.")
            elif bien.serie in vistos_serie:
                v.error(prefijo + "serie", f"{prefijo}La serie «{bien.serie}» está repetida en esta captura.")
            vistos_serie[bien.serie] = prefijo


def siguiente_numero(fecha_adquisicion: dt.date | None = None) -> str:
    """Reserva el siguiente número de inventario con el formato de la institución.

    Usa el contador de folios (dentro de la transacción del alta): si el alta falla, el
    número no se consume. Salta los números que ya se capturaron a mano.
    """
    formato = catalogos.institucion().formato_inventario or "SMT-TIC-{numero:05d}"
    anio = (fecha_adquisicion or hoy_mexico()).year
    anio_contador = anio if "{anio" in formato else 0
    while True:
        numero = folios.siguiente_consecutivo(SERIE_INVENTARIO, anio_contador)
        try:
            texto = normalizar_numero(formato.format(numero=numero, anio=anio))
        except (KeyError, IndexError, ValueError) as exc:
            raise ErrorDTI(f"El formato del número de inventario «{formato}» no es válido: use "
                           "{numero} y, si quiere, {anio}.") from exc
        if not Bien.select().where(Bien.numero_inventario == texto).exists():
            return texto


def guardar_nuevo(bien: Bien, actor: Usuario | None, accion: str = "alta de bien") -> Bien:
    """Asigna número si falta y guarda con bitácora (dentro de la transacción del llamador)."""
    if not bien.numero_inventario:
        bien.numero_inventario = siguiente_numero(bien.fecha_adquisicion)
        bien.busqueda = texto_busqueda(bien.numero_inventario, bien.serie, bien.marca, bien.modelo,
                                       bien.descripcion, bien.resguardante.nombre if bien.resguardante else "")
    momento = ahora()
    bien.creado_en = bien.modificado_en = momento
    return bitacora.guardar(bien, accion, actor)


# --- Alta y edición ---------------------------------------------------------------------------

def registrar_bien(actor: Usuario | None, solicitar_alta: bool = False, **datos: Any) -> Bien:
    """Alta manual de un bien. Con ``solicitar_alta`` también emite el oficio de alta a
    Armonización Contable (procedimiento 21) en la misma transacción.
    """
    exigir_inventario(actor)
    v = Validador()
    bien = preparar_bien(v, datos)
    comprobar_unicos(v, [bien])
    v.validar()
    with transaccion():
        comprobar_unicos(v, [bien])   # otra PC pudo ganar el número o la serie
        v.validar()
        guardar_nuevo(bien, actor)
        if solicitar_alta:
            from app.servicios.inventario import movimientos

            movimientos.solicitar_alta(actor, [bien.id])
    return bien


@cambia("bien_id", Bien)
def editar_bien(actor: Usuario | None, bien_id: int, version: int, **datos: Any) -> Bien:
    """Corrige los datos de un bien (detecta la edición simultánea con ``version``).

    El resguardante y la dependencia de un bien cuya alta ya aplicó Armonización Contable
    solo cambian con una solicitud de cambio de resguardante; el estado, con los movimientos.
    """
    exigir_inventario(actor)
    bien = obtener(bien_id)
    if bien.estado == "dado_de_baja":
        raise ErrorDTI(f"El bien {bien.numero_inventario} está dado de baja: ya no se modifica.")
    v = Validador()
    anterior = (bien.resguardante_id, bien.dependencia_id)
    numero_anterior = bien.numero_inventario
    preparar_bien(v, datos, bien)
    if not bien.numero_inventario:
        v.error("numero_inventario", "El número de inventario no puede quedar vacío.")
    cambia_resguardo = (bien.resguardante_id, bien.dependencia_id) != anterior
    cambia_numero = bien.numero_inventario != numero_anterior
    if (cambia_resguardo and anterior[0] is not None) or cambia_numero:
        from app.servicios.inventario import movimientos

        if movimientos.alta_aplicada(bien_id):
            if cambia_resguardo and anterior[0] is not None:
                v.error("resguardante", "El resguardante de un bien ya dado de alta cambia con una "
                                        "«solicitud de cambio de resguardante» a Armonización Contable.")
            if cambia_numero:
                v.error("numero_inventario", "El número de inventario de un bien ya dado de alta por "
                                             "Armonización Contable no se cambia.")
    comprobar_unicos(v, [bien])
    v.validar()
    return bitacora.guardar_versionado(bien, "edición de bien", actor, version)


@cambia("bien_id", Bien)
def cambiar_fotografia(actor: Usuario | None, bien_id: int, version: int, datos: bytes | None) -> Bien:
    """Pone (o quita, con None) la fotografía del bien."""
    exigir_inventario(actor)
    bien = obtener(bien_id)
    bien.fotografia = validar_fotografia(datos)
    return bitacora.guardar_versionado(bien, "fotografía de bien", actor, version)


_ESTADOS_OPERATIVOS = ("en_uso", "en_reparacion", "en_dictamen")


@cambia("bien_id", Bien)
def cambiar_estado(actor: Usuario | None, bien_id: int, version: int, estado: str, motivo: str = "") -> Bien:
    """En uso ↔ en reparación ↔ en dictamen (lo usarán tickets y dictámenes). La baja solicitada y
    el dado de baja solo llegan por los movimientos del procedimiento 21."""
    exigir_inventario(actor)
    bien = obtener(bien_id)
    if estado not in _ESTADOS_OPERATIVOS:
        raise ErrorValidacion([("estado", f"El estado «{ESTADOS_BIEN.get(estado, estado)}» solo se alcanza con "
                                          "una solicitud de baja a Armonización Contable.")])
    if bien.estado not in _ESTADOS_OPERATIVOS:
        raise ErrorValidacion([("estado", f"El bien {bien.numero_inventario} está "
                                          f"«{ESTADOS_BIEN[bien.estado].lower()}»: su estado ya no cambia aquí.")])
    v = Validador()
    motivo = v.texto("motivo", "Motivo", motivo, 1000, multilinea=True)
    v.validar()
    bien.estado = estado
    if motivo:
        bien.observaciones = (bien.observaciones + "\n" if bien.observaciones else "") + \
            f"{ahora():%d/%m/%Y}: {ESTADOS_BIEN[estado]}. {motivo}"
    return bitacora.guardar_versionado(bien, f"estado: {ESTADOS_BIEN[estado].lower()}", actor, version)


# --- Consultas -------------------------------------------------------------------------------

def numero_de(bien_id: int) -> str | None:
    """El número de inventario del bien ``bien_id`` (None si no existe)."""
    return Bien.select(Bien.numero_inventario).where(Bien.id == bien_id).scalar()


def obtener(bien_id: int) -> Bien:
    bien = Bien.get_or_none(Bien.id == bien_id)
    if bien is None:
        raise ErrorNoEncontrado(f"No existe el bien {bien_id}.")
    return bien


def por_numero(numero: str) -> Bien:
    """El bien con ese número de inventario (acepta espacios y minúsculas del lector)."""
    bien = buscar_por_numero(numero)
    if bien is None:
        raise ErrorNoEncontrado(f"No existe el bien con número de inventario «{limpiar_texto(numero)[:40]}».")
    return bien


def candidatos_numero(texto: str) -> list[str]:
    """Formas en que un número leído puede estar guardado.

    Además de mayúsculas y espacios, un lector configurado con teclado de EE. UU. en una PC
    con teclado latinoamericano escribe «'» en lugar de «-».
    """
    limpio = normalizar_numero(texto)
    formas = [limpio, limpio.replace(" ", ""), limpio.replace("'", "-"),
              limpio.replace(" ", "").replace("'", "-")]
    return list(dict.fromkeys(f for f in formas if f))


def buscar_por_numero(texto: str, sin_fotografia: bool = False) -> Bien | None:
    """Una consulta por el índice único del número de inventario (``sin_fotografia``: no trae
    los bytes de la foto, para el lector, que solo clasifica)."""
    formas = candidatos_numero(texto)
    if not formas:
        return None
    columnas = [c for c in Bien._meta.sorted_fields if c is not Bien.fotografia] if sin_fotografia else []
    return Bien.select(*columnas).where(Bien.numero_inventario.in_(formas)).first()


def _filtrada(consulta, busqueda: str = "", dependencia: Any = None, tipo: Any = None,
              estado: str | None = None, resguardante: Any = None):
    if busqueda and limpiar_texto(busqueda):
        # Por el índice de búsqueda (app.servicios.nucleo.busqueda_indexada). El «prefijo del
        # número» de antes ya está dentro: ``busqueda`` empieza con el número normalizado, así
        # que un número que empieza con lo tecleado contiene cada una de sus palabras.
        condicion = busqueda_indexada.condicion(Bien, busqueda)
        if condicion is None:      # solo signos que la normalización quita: el prefijo del número
            condicion = Bien.numero_inventario.startswith(normalizar_numero(busqueda))
        consulta = consulta.where(condicion)
    if dependencia:
        consulta = consulta.where(Bien.dependencia == _id(dependencia))
    if tipo:
        consulta = consulta.where(Bien.tipo == _id(tipo))
    if resguardante:
        consulta = consulta.where(Bien.resguardante == _id(resguardante))
    if estado:
        if estado == "activos":
            consulta = consulta.where(Bien.estado != "dado_de_baja")
        else:
            consulta = consulta.where(Bien.estado == estado)
    return consulta


def _id(valor: Any) -> int:
    return valor.id if hasattr(valor, "id") else int(valor)


def orden_de(orden: str | None) -> tuple[paginacion.Orden, bool]:
    """La :class:`~app.servicios.nucleo.paginacion.Orden` de una clave de :data:`ORDENES`
    («-» delante: descendente) y si es descendente."""
    orden = orden or "numero"
    descendente = orden.startswith("-")
    clave = orden.lstrip("-")
    if clave not in _ORDENES:
        raise ErrorDTI(f"Orden desconocido: «{orden}». Use uno de: {', '.join(ORDENES)}.")
    return _ORDENES[clave], descendente


def _orden(orden: str) -> list[Any]:
    """Las columnas del ``ORDER BY`` completo (las mismas que recorre la paginación por llave)."""
    definicion, descendente = orden_de(orden)
    columnas = list(definicion.columnas) + [Bien.id]
    return [c.desc() for c in columnas] if descendente else columnas


COLUMNAS_CONSULTA = ("id", "numero_inventario", "tipo", "descripcion", "marca", "modelo", "serie",
                     "dependencia", "resguardante", "edificio", "area", "estado", "valor",
                     "fecha_adquisicion", "version")


def _base_consulta():
    return (Bien.select(Bien.id, Bien.numero_inventario, TipoBien.nombre.alias("tipo"), Bien.descripcion,
                        Bien.marca, Bien.modelo, Bien.serie, Dependencia.nombre.alias("dependencia"),
                        ServidorPublico.nombre.alias("resguardante"), Bien.edificio, Bien.area, Bien.estado,
                        Bien.valor, Bien.fecha_adquisicion, Bien.version)
            .join(TipoBien, on=(Bien.tipo == TipoBien.id))
            .switch(Bien).join(Dependencia, JOIN.LEFT_OUTER, on=(Bien.dependencia == Dependencia.id))
            .switch(Bien).join(ServidorPublico, JOIN.LEFT_OUTER, on=(Bien.resguardante == ServidorPublico.id)))


def consultar(busqueda: str = "", dependencia: Any = None, tipo: Any = None, estado: str | None = None,
              despues: tuple | None = None, limite: int = 200, orden: str = "numero",
              resguardante: Any = None) -> list[dict[str, Any]]:
    """Un bloque de la lista de bienes (diccionarios con :data:`COLUMNAS_CONSULTA` y ``llave``).

    Filtra y ordena en SQL: ``busqueda`` por número, serie, marca, modelo, descripción o
    resguardante (cada palabra, sin acentos ni mayúsculas) o prefijo exacto del número;
    ``estado`` puede ser un estado de :data:`ESTADOS_BIEN` o «activos» (todo menos la baja);
    ``orden`` es una de :data:`ORDENES`, con «-» delante para invertir. Paginación por llave:
    el bloque siguiente se pide con ``despues`` = la ``llave`` de la última fila recibida
    (sin ``OFFSET``: cualquier bloque cuesta lo que el primero).
    """
    limite = max(1, min(int(limite), LIMITE_PAGINA))
    definicion, descendente = orden_de(orden)
    consulta = _filtrada(_base_consulta(), busqueda, dependencia, tipo, estado, resguardante)
    return paginacion.bloque(consulta, definicion, Bien.id, descendente=descendente, despues=despues,
                             limite=limite)


def contar(busqueda: str = "", dependencia: Any = None, tipo: Any = None, estado: str | None = None,
           resguardante: Any = None) -> int:
    """Cuántos bienes cumplen los filtros de :func:`consultar`.

    Con ``busqueda`` el conteo se acota: a lo más :data:`~app.servicios.nucleo.busqueda_indexada.TOPE_CONTEO`
    + 1 («más de 1,000»), para no recorrer la tabla entera en cada pulsación.
    """
    consulta = _filtrada(Bien.select(fn.COUNT(Bien.id)), busqueda, dependencia, tipo, estado, resguardante)
    if busqueda and limpiar_texto(busqueda):
        if not (dependencia or tipo or estado or resguardante) and busqueda_indexada.filtro(Bien, busqueda).muchos:
            return busqueda_indexada.TOPE_CONTEO + 1       # el índice ya vio más: no hace falta recorrer
        return busqueda_indexada.contar(consulta)
    return consulta.scalar() or 0


def consultar_ids(busqueda: str = "", dependencia: Any = None, tipo: Any = None, estado: str | None = None,
                  orden: str = "numero", resguardante: Any = None) -> list[int]:
    """Solo los ids en orden (para una tabla perezosa que pide las filas al verlas)."""
    consulta = _base_consulta().select(Bien.id) if orden.lstrip("-") in (
        "tipo", "dependencia", "resguardante") else Bien.select(Bien.id)
    consulta = _filtrada(consulta, busqueda, dependencia, tipo, estado, resguardante)
    return [i for (i,) in consulta.order_by(*_orden(orden)).tuples()]


def filas(ids: list[int]) -> list[dict[str, Any]]:
    """Las filas de :func:`consultar` de esos ids, en el mismo orden."""
    if not ids:
        return []
    por_id = {f["id"]: f for f in _base_consulta().where(Bien.id.in_(list(ids))).dicts()}
    return [por_id[i] for i in ids if i in por_id]


def fotografia(bien_id: int) -> bytes | None:
    """Los bytes de la fotografía (se piden aparte: la lista nunca carga imágenes)."""
    valor = Bien.select(Bien.fotografia).where(Bien.id == bien_id).scalar()
    return bytes(valor) if valor is not None else None
