"""Bitácora: registro de solo agregar, encadenado por hash y autenticado, de cada cambio.

Cada entrada guarda la instantánea del registro después del cambio, el hash de la entrada
anterior y el HMAC de su propio hash con una llave derivada de la llave de la instalación
(:func:`app.servicios.nucleo.secretos.llave_derivada`), que vive fuera de la base. El hash
solo es público (cualquiera con el código lo recalcula); el HMAC no se puede calcular sin la
llave, así que una entrada agregada o una cadena rehecha con SQL no pasa la verificación.

:func:`verificar` detecta una entrada alterada (la cadena ya no cuadra), una entrada sin
HMAC válido (agregada o rehecha sin la llave), un registro cuyo contenido actual difiere de
su última instantánea (lo cambiaron con SQL por fuera de la aplicación), un registro anotado
que ya no existe (lo borraron con SQL) y un folio que falta o sobra en la secuencia de su
serie. Lo que **no** detecta sola es que se quiten las últimas entradas junto con lo que
anotaron: para eso está el sello (:mod:`app.servicios.nucleo.sello_bitacora`), que se guarda
fuera de la base.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app import base_datos
from app.base_datos import bd, es_postgres
from app.modelos import (AUDITADOS, Bitacora, ContadorFolio, Dictamen, Mantenimiento, ModeloBase, Oficio, Ticket,
                         Tramite, ahora)
from app.modelos.base import valor_instantanea

HASH_INICIAL = "0" * 64
USUARIO_SISTEMA = "sistema"

# Por dónde entró el cambio (issue 17, punto 5). Es del proceso, no del hilo: la ventana y la
# consola son programas distintos, y los hilos de trabajo de la ventana escriben con su canal.
CANAL_VENTANA = "ventana"
CANAL_CONSOLA = "consola"
CANALES = (CANAL_VENTANA, CANAL_CONSOLA)
_canal = ""


def fijar_canal(canal: str) -> None:
    """Las entradas que escriba este proceso desde ahora llevan ``canal`` (``ventana`` o ``consola``)."""
    global _canal
    if canal not in CANALES + ("",):
        raise ValueError(f"Canal desconocido: {canal!r}")
    _canal = canal


def canal_actual() -> str:
    """El canal con que este proceso anota sus entradas (vacío si nadie lo fijó)."""
    return _canal


@dataclass(frozen=True)
class Problema:
    """Una inconsistencia encontrada al verificar."""

    tabla: str
    registro_id: int
    descripcion: str

    def __str__(self) -> str:
        return f"{self.tabla} #{self.registro_id}: {self.descripcion}"


def _json(datos: dict[str, Any]) -> str:
    return json.dumps(datos, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def calcular_hash(momento: str, usuario: str, accion: str, tabla: str, registro_id: int,
                  instantanea: str, hash_anterior: str, canal: str = "") -> str:
    """El hash de una entrada. El canal entra solo si no está vacío: las entradas de antes de la
    migración 0021 (sin canal) se recalculan igual que siempre."""
    partes = [momento, usuario, accion, tabla, str(registro_id), instantanea, hash_anterior]
    if canal:
        partes.append(canal)
    contenido = "\x1f".join(partes)
    return hashlib.sha256(contenido.encode("utf-8")).hexdigest()


PROPOSITO_LLAVE = "bitacora"


def llave_bitacora(crear: bool = True) -> bytes:
    """La llave con que se autentican las entradas (derivada de la llave de la instalación)."""
    from app.servicios.nucleo import secretos

    return secretos.llave_derivada(PROPOSITO_LLAVE, crear=crear)


def autenticar(hash_: str, llave: bytes | None = None) -> str:
    """El HMAC-SHA256 (hexadecimal) del hash de una entrada."""
    return hmac.new(llave or llave_bitacora(), hash_.encode("ascii"), hashlib.sha256).hexdigest()


def nombre_usuario(usuario: Any) -> str:
    """Cómo se anota al autor de un cambio."""
    if usuario is None:
        return USUARIO_SISTEMA
    return getattr(usuario, "nombre_usuario", None) or str(usuario)


def registrar(instancia: ModeloBase, accion: str, usuario: Any = None) -> Bitacora:
    """Anota ``instancia`` tal como quedó. Debe llamarse dentro de la transacción del cambio.

    La instantánea, el momento, el autor y el canal se toman ahora; la entrada se encadena y se
    inserta al final de la transacción (:func:`asentar`), junto con las demás de la transacción,
    con la cabeza de la cadena tomada solo ese instante (issue 19, punto 5). Devuelve la entrada,
    que recibe su ``id``, ``hash_anterior``, ``hash`` y ``mac`` al escribirse. Dentro de una
    transacción abierta sin :func:`app.base_datos.transaccion` (p. ej. una migración) se escribe
    de una vez.
    """
    if bd.transaction_depth() == 0:
        raise RuntimeError("La bitácora se escribe dentro de la transacción del cambio.")
    entrada = Bitacora(momento=ahora(), usuario=nombre_usuario(usuario)[:100], accion=accion[:60],
                       tabla=instancia._meta.table_name, registro_id=instancia.get_id(),
                       instantanea=_json(instancia.instantanea()), canal=_canal)
    if not base_datos.diferir(entrada):
        asentar([entrada])
    return entrada


def anotar(tabla: str, registro_id: int, instantanea: dict[str, Any], accion: str, usuario: Any = None) -> Bitacora:
    """Como :func:`registrar`, con la instantánea ya hecha (para quien no tiene la instancia a mano)."""
    if bd.transaction_depth() == 0:
        raise RuntimeError("La bitácora se escribe dentro de la transacción del cambio.")
    entrada = Bitacora(momento=ahora(), usuario=nombre_usuario(usuario)[:100], accion=accion[:60], tabla=tabla,
                       registro_id=registro_id, instantanea=_json(instantanea), canal=_canal)
    if not base_datos.diferir(entrada):
        asentar([entrada])
    return entrada


_CABEZA = "SELECT id, hash FROM bitacora ORDER BY id DESC LIMIT 1"
# En PostgreSQL, el candado y la lectura van en un solo viaje; la lectura es otra sentencia y
# toma su instantánea ya con el candado (READ COMMITTED): ve la última entrada confirmada.
_CANDADO_Y_CABEZA = f"{base_datos.CANDADO_CADENA_PG}; {_CABEZA}"
_COLUMNAS = ("momento", "usuario", "accion", "tabla", "registro_id", "instantanea", "hash_anterior", "hash", "mac",
             "canal")
_FILAS_POR_INSERT = 500


def cabeza() -> tuple[int, str]:
    """Toma la cabeza de la cadena para esta transacción y da (id, hash) de la última entrada.

    En PostgreSQL pide el candado de la cadena (hasta el COMMIT); en SQLite la transacción ya
    es la única que escribe (``BEGIN IMMEDIATE``). Quien inserta entradas por su cuenta (la
    carga masiva) llama antes a :func:`asentar_pendientes`.
    """
    if bd.transaction_depth() == 0:
        raise RuntimeError("La cabeza de la cadena se toma dentro de la transacción de escritura.")
    if es_postgres() and not base_datos.cadena_tomada():
        fila = bd.execute_sql(_CANDADO_Y_CABEZA).fetchone()
        base_datos.marcar_cadena_tomada()
    else:
        fila = bd.execute_sql(_CABEZA).fetchone()
    return (int(fila[0]), fila[1]) if fila else (0, HASH_INICIAL)


def asentar_pendientes() -> None:
    """Escribe ya las entradas pendientes de la transacción (para quien necesita la cadena al día)."""
    if bd.transaction_depth() == 0:
        raise RuntimeError("La bitácora se escribe dentro de la transacción del cambio.")
    base_datos.asentar_ahora()


def asentar(entradas: list[Bitacora], confirmar: bool = False) -> bool:
    """Encadena, autentica e inserta ``entradas`` (en orden) después de la última de la cadena.

    Un viaje para la cabeza (con su candado en PostgreSQL) y uno por cada 500 entradas. Con
    ``confirmar`` (PostgreSQL, al final de la transacción) el último INSERT lleva el COMMIT en el
    mismo viaje (sus entradas no reciben ``id``); devuelve True si confirmó.
    """
    if not entradas:
        return False
    _, anterior = cabeza()
    llave = _llave_para_escribir()
    for entrada in entradas:
        entrada.hash_anterior = anterior
        entrada.hash = calcular_hash(valor_instantanea(entrada.momento), entrada.usuario, entrada.accion,
                                     entrada.tabla, entrada.registro_id, entrada.instantanea, anterior,
                                     entrada.canal or "")
        entrada.mac = autenticar(entrada.hash, llave)
        anterior = entrada.hash
    campos = [Bitacora._meta.fields[c] for c in _COLUMNAS]
    lista = ", ".join(f'"{c}"' for c in _COLUMNAS)
    marca = bd.param
    cursor = bd.cursor()
    for inicio in range(0, len(entradas), _FILAS_POR_INSERT):
        parte = entradas[inicio:inicio + _FILAS_POR_INSERT]
        ultima = inicio + _FILAS_POR_INSERT >= len(entradas)
        valores = "(" + ", ".join(marca for _ in _COLUMNAS) + ")"
        parametros = [campo.db_value(entrada.__data__.get(campo.name)) for entrada in parte for campo in campos]
        sql = f'INSERT INTO "bitacora" ({lista}) VALUES {", ".join(valores for _ in parte)}'
        if confirmar and ultima and es_postgres():
            cursor.execute(sql + "; COMMIT", parametros)
            return True
        cursor.execute(sql + " RETURNING id", parametros)
        ids = sorted(fila[0] for fila in cursor.fetchall())
        for entrada, id_ in zip(parte, ids):
            entrada.id = id_
    return False


# La llave con que se autentica, por conexión: comprobar que es la de la base (su huella) cuesta
# una consulta y leer el archivo de la llave; basta una vez por conexión mientras la llave (la
# variable o el archivo) no cambie.
_LLAVES: dict[tuple, bytes] = {}


def _llave_para_escribir() -> bytes:
    from app.servicios.nucleo import secretos

    ruta = secretos.ruta_llave()
    try:
        marca = ruta.stat().st_mtime_ns
    except OSError:
        marca = None
    clave = (id(bd.connection()), bd.obj.database, os.environ.get(secretos.VARIABLE_LLAVE, ""), str(ruta), marca)
    llave = _LLAVES.get(clave)
    if llave is None:
        llave = llave_bitacora()
        _LLAVES.clear()
        _LLAVES[clave] = llave
    return llave


base_datos.fijar_asentador(asentar)


def guardar(instancia: ModeloBase, accion: str, usuario: Any = None, **opciones) -> ModeloBase:
    """Guarda y anota en la bitácora en la misma transacción."""
    from app.base_datos import transaccion

    with transaccion():
        instancia.save(**opciones)
        registrar(instancia, accion, usuario)
    return instancia


def guardar_versionado(instancia, accion: str, usuario: Any, version_leida: int | None) -> Any:
    """Guarda y anota, comprobando que nadie más lo cambió desde que se leyó (columna ``version``)."""
    from app.base_datos import transaccion
    from app.errores import ErrorConflicto

    with transaccion():
        if instancia.id is not None and version_leida is not None:
            modelo = type(instancia)
            actual = modelo.select(modelo.version).where(modelo.id == instancia.id).scalar()
            if actual != version_leida:
                raise ErrorConflicto(
                    "Otro usuario modificó este registro mientras usted lo editaba. "
                    "Vuelva a abrirlo para ver los cambios y capture de nuevo.")
            instancia.version = version_leida + 1
        instancia.modificado_en = ahora()
        instancia.save()
        registrar(instancia, accion, usuario)
    return instancia


def _verificar_cadena() -> Iterator[Problema]:
    """La cadena de hashes y el HMAC de cada entrada.

    Las entradas de antes de la migración 0013 no llevan HMAC; desde la primera que lo lleva,
    todas deben llevarlo y ser válido, y la última siempre lo lleva (la migración 0013 deja
    una entrada autenticada): quitar los HMAC de toda la cadena tampoco pasa.
    """
    from app.servicios.nucleo.secretos import ErrorSecreto

    try:
        llave: bytes | None = llave_bitacora(crear=False)
    except ErrorSecreto as exc:
        llave = None
        yield Problema("bitacora", 0, f"no se pudo comprobar la autenticidad de las entradas (HMAC): {exc}")
    anterior = HASH_INICIAL
    autenticadas = False
    ultima: tuple[int, str] | None = None
    consulta = (Bitacora.select(Bitacora.id, Bitacora.momento, Bitacora.usuario, Bitacora.accion,
                                Bitacora.tabla, Bitacora.registro_id, Bitacora.instantanea,
                                Bitacora.hash_anterior, Bitacora.hash, Bitacora.mac, Bitacora.canal)
                .order_by(Bitacora.id).tuples())
    for (id_, momento, usuario, accion, tabla, registro_id, foto, hash_anterior, hash_, mac,
         canal) in consulta.iterator():
        esperado = calcular_hash(valor_instantanea(momento), usuario, accion, tabla, registro_id,
                                 foto, hash_anterior, canal or "")
        if hash_anterior != anterior:
            yield Problema("bitacora", id_, "la cadena está rota: el hash anterior no coincide "
                                            "(se alteró, insertó o quitó una entrada antes de esta)")
        elif esperado != hash_:
            yield Problema("bitacora", id_, f"la entrada fue alterada (sobre {tabla} #{registro_id})")
        elif llave is not None:
            if mac:
                autenticadas = True
                if not hmac.compare_digest(mac, autenticar(hash_, llave)):
                    yield Problema("bitacora", id_, f"la entrada no es auténtica (sobre {tabla} #{registro_id}, "
                                                    f"a nombre de «{usuario}»): su HMAC no corresponde a la llave "
                                                    "de la instalación; se agregó o rehízo por fuera de la aplicación")
            elif autenticadas:
                yield Problema("bitacora", id_, f"la entrada no lleva HMAC (sobre {tabla} #{registro_id}, a nombre "
                                                f"de «{usuario}») aunque las anteriores sí: se agregó por fuera "
                                                "de la aplicación")
        anterior = hash_
        ultima = (id_, mac)
    if llave is not None and ultima is not None and not ultima[1] and not autenticadas:
        yield Problema("bitacora", ultima[0], "ninguna entrada lleva HMAC: la bitácora se rehízo sin la llave "
                                              "de la instalación (desde la migración 0013 toda entrada lo lleva)")


def _ultimas_entradas() -> dict[str, dict[int, tuple[str, str]]]:
    """Por tabla y registro, la instantánea y la acción de su última entrada (una sola pasada)."""
    ultimas: dict[str, dict[int, tuple[str, str]]] = {}
    consulta = (Bitacora.select(Bitacora.tabla, Bitacora.registro_id, Bitacora.instantanea, Bitacora.accion)
                .order_by(Bitacora.id).tuples())
    for tabla, registro_id, foto, accion in consulta.iterator():
        ultimas.setdefault(tabla, {})[registro_id] = (foto, accion)
    return ultimas


def _verificar_registros(ultimas: dict[str, dict[int, tuple[str, str]]]) -> Iterator[Problema]:
    """Cada registro coincide con su última instantánea y cada registro anotado sigue existiendo.

    En este sistema nada se borra físicamente (las bajas son lógicas y dejan la fila), así que
    todo registro que la bitácora anotó debe seguir en su tabla.
    """
    for modelo in AUDITADOS:
        tabla = modelo._meta.table_name
        pendientes = dict(ultimas.get(tabla, {}))
        for instancia in modelo.select().order_by(modelo._meta.primary_key).iterator():
            entrada = pendientes.pop(instancia.get_id(), None)
            if entrada is None:
                yield Problema(tabla, instancia.get_id(),
                               "el registro no aparece en la bitácora (se creó por fuera de la aplicación)")
                continue
            actual = instancia.instantanea()
            registrada = json.loads(entrada[0])
            distintos = sorted(c for c in set(actual) | set(registrada)
                               if actual.get(c) != registrada.get(c))
            if distintos:
                yield Problema(tabla, instancia.get_id(),
                               "su contenido difiere de la última instantánea en la bitácora "
                               f"(campos: {', '.join(distintos)})")
        for registro_id in sorted(pendientes):
            accion = pendientes[registro_id][1]
            yield Problema(tabla, registro_id,
                           f"falta el registro: la bitácora dice que existe (última entrada: «{accion}») "
                           f"y no está en la tabla {tabla} (se borró por fuera de la aplicación)")


@dataclass(frozen=True)
class FolioEmitido:
    """Un número de una serie de folios que lleva un documento."""

    serie: str
    anio: int
    consecutivo: int
    tabla: str
    registro_id: int


# Series cuyos documentos deben cubrir, sin huecos ni repetidos, del 1 al último número de su
# contador (los nombres son los de ``folios`` y de cada servicio; una prueba lo comprueba).
# Los números de inventario no están: se capturan también a mano y el contador salta los ya
# usados, así que su secuencia no es continua (su contador sí se audita).
SERIES_CONTINUAS: dict[str, type[ModeloBase]] = {
    "oficio": Oficio, "tramite": Tramite, "ticket": Ticket, "mantenimiento": Mantenimiento,
    "dictamen": Dictamen,
}
# El número de trámite lleva el consecutivo dentro del texto: «DTI-T-0001/2026».
_NUMERO_TRAMITE = re.compile(r"^DTI-T-(\d+)/(\d{4})$")


def folios_emitidos() -> Iterator[FolioEmitido]:
    """Los números de las series continuas que llevan los documentos (una consulta por tabla)."""
    for serie, modelo in SERIES_CONTINUAS.items():
        tabla = modelo._meta.table_name
        if modelo is Tramite:
            for registro_id, numero in Tramite.select(Tramite.id, Tramite.numero).tuples().iterator():
                coincide = _NUMERO_TRAMITE.match(numero or "")
                if coincide:
                    yield FolioEmitido(serie, int(coincide.group(2)), int(coincide.group(1)), tabla, registro_id)
            continue
        consulta = (modelo.select(modelo.id, modelo.anio, modelo.consecutivo)
                    .where(modelo.consecutivo.is_null(False)).tuples())
        for registro_id, anio, consecutivo in consulta.iterator():
            yield FolioEmitido(serie, anio, consecutivo, tabla, registro_id)


def _rangos(numeros: list[int]) -> str:
    """«3, 5 a 8, 11»: los números (ordenados) agrupados en tramos."""
    tramos: list[str] = []
    inicio = previo = numeros[0]
    for numero in numeros[1:] + [None]:
        if numero is not None and numero == previo + 1:
            previo = numero
            continue
        tramos.append(str(inicio) if inicio == previo else f"{inicio} a {previo}")
        if numero is not None:
            inicio = previo = numero
    return ", ".join(tramos)


def _verificar_folios() -> Iterator[Problema]:
    """La secuencia de cada serie y año es continua, sin repetidos, y termina en su contador."""
    tabla_contador = ContadorFolio._meta.table_name
    contadores = {(serie, anio): (id_, ultimo) for id_, serie, anio, ultimo in
                  ContadorFolio.select(ContadorFolio.id, ContadorFolio.serie, ContadorFolio.anio,
                                       ContadorFolio.ultimo)
                  .where(ContadorFolio.serie.in_(list(SERIES_CONTINUAS))).tuples()}
    emitidos: dict[tuple[str, int], dict[int, list[tuple[str, int]]]] = {}
    for folio in folios_emitidos():
        (emitidos.setdefault((folio.serie, folio.anio), {})
         .setdefault(folio.consecutivo, []).append((folio.tabla, folio.registro_id)))
    for serie, anio in sorted(set(contadores) | set(emitidos)):
        tabla = SERIES_CONTINUAS[serie]._meta.table_name
        numeros = emitidos.get((serie, anio), {})
        contador = contadores.get((serie, anio))
        if contador is None:
            mayor = max(numeros)
            tabla_doc, registro_id = numeros[mayor][0]
            yield Problema(tabla_doc, registro_id,
                           f"lleva el folio n.º {mayor} de {anio} de la serie «{serie}», pero falta el "
                           f"contador de folios de esa serie y año en la tabla {tabla_contador}")
            continue
        id_contador, ultimo = contador
        for numero in sorted(numeros):
            registros = numeros[numero]
            for tabla_doc, registro_id in registros[1:]:
                otro = registros[0]
                yield Problema(tabla_doc, registro_id,
                               f"repite el folio n.º {numero} de {anio} de la serie «{serie}» "
                               f"(también lo lleva {otro[0]} #{otro[1]})")
            if numero > ultimo or numero < 1:
                tabla_doc, registro_id = registros[0]
                yield Problema(tabla_doc, registro_id,
                               f"el folio n.º {numero} de {anio} de la serie «{serie}» sobra: el contador "
                               f"({tabla_contador} #{id_contador}) va en {ultimo}")
        faltan = [n for n in range(1, ultimo + 1) if n not in numeros]
        if faltan:
            plural = "faltan los folios" if len(faltan) > 1 else "falta el folio"
            yield Problema(tabla_contador, id_contador,
                           f"serie «{serie}» de {anio}: {plural} n.º {_rangos(faltan)} en la tabla {tabla} "
                           f"(el contador va en {ultimo}; un documento se borró o el contador se alteró)")


def verificar() -> list[Problema]:
    """Revisa la bitácora completa, con una pasada por tabla.

    - la cadena de hashes de la bitácora;
    - que cada registro coincida con su última instantánea (incluidos los contadores de folios);
    - que todo registro que la bitácora anotó siga existiendo;
    - que los folios de cada serie sean continuos, sin repetidos, y concuerden con su contador.
    """
    problemas = list(_verificar_cadena())
    problemas += _verificar_registros(_ultimas_entradas())
    problemas += _verificar_folios()
    return problemas


def historial(tabla: str, registro_id: int) -> list[dict[str, Any]]:
    """Entradas de un registro, de la más antigua a la más reciente."""
    consulta = (Bitacora.select().where((Bitacora.tabla == tabla) & (Bitacora.registro_id == registro_id))
                .order_by(Bitacora.id))
    return [{"momento": e.momento, "usuario": e.usuario, "accion": e.accion, "canal": e.canal,
             "instantanea": json.loads(e.instantanea)} for e in consulta]
