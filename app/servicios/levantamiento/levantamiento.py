"""Levantamiento físico del inventario con lector de códigos (procedimiento 21, política 5).

Se elige una dependencia o una ubicación (edificio y, si se quiere, área) y se lee el código
de cada bien. Cada lectura responde al instante (una consulta por el índice único del número
de inventario): encontrado, pertenece a otra área (dice cuál), dado de baja o desconocido; una
lectura repetida no se cuenta dos veces. Al cerrar se congela el informe de faltantes,
sobrantes y mal ubicados y se proponen los cambios de resguardante.

Fuera de línea (laptop sin red), ver :mod:`app.servicios.levantamiento.archivo`.
"""
from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from peewee import JOIN, fn

from app.base_datos import bd, serializar, transaccion
from app.modelos import Bien, Dependencia, ServidorPublico, Usuario, ahora
from app.modelos.inventario import DADO_DE_BAJA as BIEN_DADO_DE_BAJA
from app.modelos.levantamiento import (CERRADO, DADO_DE_BAJA, DESCONOCIDO, EN_CURSO, ENCONTRADO,
                                       ESTADOS_LEVANTAMIENTO, OTRA_AREA, PAUSADO, REPETIDO,
                                       RESULTADOS_LECTURA, LecturaLevantamiento, Levantamiento)
from app.servicios.nucleo import bitacora, permisos
from app.errores import ErrorConflicto, ErrorNoEncontrado, ErrorTransicion, ErrorValidacion
from app.tiempo import ahora_mexico
from app.servicios.inventario.comun import EventoHistorial, exigir_inventario
from app.servicios.inventario.inventario import candidatos_numero, normalizar_numero
from app.servicios.nucleo.validacion import Validador, normalizar
from app.servicios.nucleo.concurrencia import cambia

LOCAL = "local"
FUERA_DE_LINEA = "fuera de línea"
# El avance «123 de 150» no se cuenta en cada lectura (issue 19, punto 4): se cuenta una vez y
# cada lectura encontrada de este proceso le suma uno. Cada tantos segundos se vuelve a contar,
# para que aparezcan las lecturas de otras PC y los bienes que cambiaron (el avance puede ir un
# instante atrasado; la lectura no).
VIGENCIA_ESPERADOS_S = 10.0
_avance: dict[str, list[float | int]] = {}        # clave del levantamiento → [contado en, encontrados, esperados]
_candado_avance = threading.Lock()


@dataclass(frozen=True)
class Resultado:
    """Respuesta inmediata a una lectura del lector."""

    tipo: str                   # ENCONTRADO, OTRA_AREA, DADO_DE_BAJA, DESCONOCIDO o REPETIDO
    mensaje: str
    numero: str
    bien_id: int | None
    descripcion: str
    otra_area: str              # a qué dependencia o ubicación pertenece (solo OTRA_AREA)
    encontrados: int
    esperados: int

    @property
    def progreso(self) -> str:
        return f"{self.encontrados:,} de {self.esperados:,}"

    @property
    def nombre(self) -> str:
        return RESULTADOS_LECTURA[self.tipo]


@dataclass
class Informe:
    """Resultado de un levantamiento: lo que se esperaba, lo que se vio y lo que no cuadra."""

    levantamiento_id: int
    ambito: str
    estado: str
    iniciado_en: str
    cerrado_en: str
    esperados: int
    encontrados: list[dict[str, Any]] = field(default_factory=list)
    faltantes: list[dict[str, Any]] = field(default_factory=list)
    mal_ubicados: list[dict[str, Any]] = field(default_factory=list)
    sobrantes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def progreso(self) -> str:
        return f"{len(self.encontrados):,} de {self.esperados:,}"


@dataclass(frozen=True)
class PropuestaCambio:
    """Cambio de resguardante sugerido para un bien mal ubicado."""

    bien_id: int
    numero_inventario: str
    descripcion: str
    resguardante_actual: str
    dependencia_actual: str
    resguardante_id: int | None       # a quién se propone asignarlo (editable)
    dependencia_id: int | None
    edificio: str
    area: str


# --- Ámbito ---------------------------------------------------------------------------------

def ambito(lev: Levantamiento) -> str:
    """«Tesorería Municipal» o «Edificio de Tesorería › Caja 3»."""
    if lev.dependencia_id:
        return lev.dependencia.nombre
    return lev.edificio + (f" › {lev.area}" if lev.area else "")


def _condicion(lev: Levantamiento):
    if lev.dependencia_id:
        return Bien.dependencia == lev.dependencia_id
    condicion = Bien.edificio == lev.edificio
    if lev.area:
        condicion &= Bien.area == lev.area
    return condicion


def _pertenece(lev: Levantamiento, bien: Bien) -> bool:
    if lev.dependencia_id:
        return bien.dependencia_id == lev.dependencia_id
    return bien.edificio == lev.edificio and (not lev.area or bien.area == lev.area)


def _lugar(lev: Levantamiento, bien: Bien, dependencia_nombre: str | None = None) -> str:
    if dependencia_nombre is None:
        dependencia_nombre = bien.dependencia.nombre if bien.dependencia_id else ""
    dependencia = dependencia_nombre if bien.dependencia_id else "sin dependencia"
    ubicacion = bien.edificio + (f" › {bien.area}" if bien.area else "")
    if lev.dependencia_id:
        return dependencia + (f" ({ubicacion})" if ubicacion else "")
    return (ubicacion or "sin ubicación") + f" ({dependencia})"


def ubicaciones() -> list[dict[str, Any]]:
    """Edificios y áreas registrados, con cuántos bienes activos tiene cada uno."""
    consulta = (Bien.select(Bien.edificio, Bien.area, fn.COUNT(Bien.id).alias("bienes"))
                .where((Bien.estado != BIEN_DADO_DE_BAJA) & (Bien.edificio != ""))
                .group_by(Bien.edificio, Bien.area).order_by(Bien.edificio, Bien.area))
    return list(consulta.dicts())


# --- Ciclo del levantamiento ----------------------------------------------------------------

def obtener(levantamiento_id: int) -> Levantamiento:
    lev = Levantamiento.get_or_none(Levantamiento.id == levantamiento_id)
    if lev is None:
        raise ErrorNoEncontrado(f"No existe el levantamiento {levantamiento_id}.")
    return lev


def iniciar(actor: Usuario | None, dependencia_id: int | None = None, edificio: str = "", area: str = "",
            observaciones: str = "") -> Levantamiento:
    """Abre un levantamiento de una dependencia o de una ubicación (edificio y área opcional)."""
    exigir_inventario(actor)
    v = Validador()
    edificio = v.texto("edificio", "Edificio", edificio, 150)
    area = v.texto("area", "Área", area, 150)
    observaciones = v.texto("observaciones", "Observaciones", observaciones, 2000, multilinea=True)
    dependencia = None
    if dependencia_id:
        dependencia = Dependencia.get_or_none(Dependencia.id == dependencia_id)
        if dependencia is None:
            v.error("dependencia", "La dependencia elegida no existe.")
        edificio = area = ""
    elif not edificio:
        v.error("dependencia", "Elija la dependencia o el edificio que se va a recorrer.")
    v.validar()
    with transaccion():
        # Con el candado de este ámbito: dos PC no abren a la vez dos levantamientos de lo mismo.
        serializar("levantamiento abierto", dependencia.id if dependencia else "", edificio, area)
        return _iniciar(actor, dependencia, edificio, area, observaciones)


def _iniciar(actor: Usuario | None, dependencia: Dependencia | None, edificio: str, area: str,
             observaciones: str) -> Levantamiento:
    abiertos = Levantamiento.select().where(Levantamiento.estado.in_((EN_CURSO, PAUSADO)))
    abiertos = abiertos.where(Levantamiento.dependencia == dependencia.id) if dependencia else abiertos.where(
        Levantamiento.dependencia.is_null() & (Levantamiento.edificio == edificio) & (Levantamiento.area == area))
    abierto = abiertos.first()
    if abierto is not None:
        raise ErrorValidacion([("dependencia", f"Ya hay un levantamiento abierto de {ambito(abierto)} (número "
                                               f"{abierto.id}, {ESTADOS_LEVANTAMIENTO[abierto.estado].lower()}): "
                                               "reanúdelo o ciérrelo antes de iniciar otro.")])
    momento = ahora()
    lev = Levantamiento(clave=str(uuid.uuid4()), dependencia=dependencia, edificio=edificio, area=area,
                        estado=EN_CURSO, iniciado_por=actor, iniciado_en=momento, observaciones=observaciones,
                        creado_en=momento, modificado_en=momento)
    return bitacora.guardar(lev, "inicio de levantamiento", actor)


def _cambiar_estado(actor: Usuario | None, levantamiento_id: int, version: int, desde: str, hacia: str,
                    accion: str) -> Levantamiento:
    exigir_inventario(actor)
    with transaccion():
        lev = obtener(levantamiento_id)
        if lev.estado != desde:
            raise ErrorTransicion(f"No se puede {accion}: el levantamiento está "
                                  f"«{ESTADOS_LEVANTAMIENTO[lev.estado].lower()}».")
        lev.estado = hacia
        return bitacora.guardar_versionado(lev, f"levantamiento: {accion}", actor, version)


@cambia("levantamiento_id", Levantamiento)
def pausar(actor: Usuario | None, levantamiento_id: int, version: int) -> Levantamiento:
    """Deja el levantamiento para después; las lecturas hechas se conservan."""
    return _cambiar_estado(actor, levantamiento_id, version, EN_CURSO, PAUSADO, "pausar")


@cambia("levantamiento_id", Levantamiento)
def reanudar(actor: Usuario | None, levantamiento_id: int, version: int) -> Levantamiento:
    return _cambiar_estado(actor, levantamiento_id, version, PAUSADO, EN_CURSO, "reanudar")


def esperados(lev: Levantamiento) -> int:
    """Bienes activos registrados en el ámbito del levantamiento (consulta por índice)."""
    return (Bien.select(fn.COUNT(Bien.id))
            .where(_condicion(lev) & (Bien.estado != BIEN_DADO_DE_BAJA)).scalar() or 0)


def _avance_vigente(lev: Levantamiento, encontrado_ahora: bool) -> tuple[int, int]:
    """(encontrados, esperados) sin contar en cada lectura: se cuenta al empezar y cada
    :data:`VIGENCIA_ESPERADOS_S` segundos; entretanto, cada lectura encontrada suma uno."""
    momento = time.monotonic()
    with _candado_avance:
        guardado = _avance.get(lev.clave)
        if guardado is not None and momento - guardado[0] < VIGENCIA_ESPERADOS_S:
            if encontrado_ahora:
                guardado[1] += 1
            return int(guardado[1]), int(guardado[2])
    cuenta = [momento, encontrados(lev.id), esperados(lev)]      # ya incluye la lectura de ahora
    with _candado_avance:
        _avance[lev.clave] = cuenta
    return int(cuenta[1]), int(cuenta[2])


def olvidar_avance(levantamiento_id: int | None = None) -> None:
    """La siguiente lectura vuelve a contar el avance (tras importar lecturas, o en las pruebas)."""
    clave = None
    if levantamiento_id is not None:
        clave = Levantamiento.select(Levantamiento.clave).where(Levantamiento.id == levantamiento_id).scalar()
    with _candado_avance:
        if levantamiento_id is None:
            _avance.clear()
        else:
            _avance.pop(clave, None)


def encontrados(levantamiento_id: int) -> int:
    return (LecturaLevantamiento.select(fn.COUNT(LecturaLevantamiento.id))
            .where((LecturaLevantamiento.levantamiento == levantamiento_id)
                   & (LecturaLevantamiento.resultado == ENCONTRADO)).scalar() or 0)


def progreso(levantamiento_id: int) -> tuple[int, int]:
    """(encontrados, esperados): «123 de 150»."""
    lev = obtener(levantamiento_id)
    return encontrados(lev.id), esperados(lev)


@dataclass(frozen=True)
class _BienLeido:
    """Lo que una lectura necesita del bien, con los nombres ya resueltos (sin cargas perezosas)."""

    id: int
    numero_inventario: str
    descripcion: str
    estado: str
    dependencia_id: int | None
    edificio: str
    area: str
    resguardante_id: int | None
    dependencia_nombre: str
    resguardante_nombre: str


def _leido(bien: Bien) -> _BienLeido:
    return _BienLeido(bien.id, bien.numero_inventario, bien.descripcion, bien.estado, bien.dependencia_id,
                      bien.edificio, bien.area, bien.resguardante_id,
                      bien.dependencia.nombre if bien.dependencia_id else "",
                      bien.resguardante.nombre if bien.resguardante_id else "")


def clasificar(lev: Levantamiento, bien: Bien | _BienLeido | None, texto: str) -> tuple[str, str, str]:
    """(resultado, mensaje, otra área) de leer ``texto`` (que resolvió a ``bien``)."""
    if bien is None:
        return DESCONOCIDO, f"«{texto}» no está en el inventario: desconocido.", ""
    if isinstance(bien, Bien):
        bien = _leido(bien)
    if bien.estado == BIEN_DADO_DE_BAJA:
        return DADO_DE_BAJA, f"{bien.numero_inventario} ({bien.descripcion}) está DADO DE BAJA.", ""
    if not _pertenece(lev, bien):
        lugar = _lugar(lev, bien, bien.dependencia_nombre)
        quien = f"; resguardante: {bien.resguardante_nombre}" if bien.resguardante_id else ""
        return OTRA_AREA, f"{bien.numero_inventario} ({bien.descripcion}) pertenece a {lugar}{quien}.", lugar
    return ENCONTRADO, f"{bien.numero_inventario} ({bien.descripcion}): encontrado.", ""


# Una lectura es una consulta por índices (el levantamiento por su llave, el bien por el índice
# único de su número con hasta cuatro formas de lo leído, sus nombres por llave, la lectura previa
# por el índice único (levantamiento, número) y la cuenta de quien lee por su llave) y un INSERT
# (más la entrada de bitácora, al final de la transacción). El texto de ambas es fijo: el
# controlador reutiliza la sentencia preparada (sqlite3 guarda las preparadas por texto).
_CONSULTA_LECTURA = """
SELECT l.estado, l.dependencia_id, l.edificio, l.area, l.clave,
       b.id, b.numero_inventario, b.descripcion, b.estado, b.dependencia_id, b.edificio, b.area,
       b.resguardante_id, d.nombre, s.nombre, p.momento, p.resultado, u.activo, u.rol
FROM levantamiento AS l
LEFT JOIN bien AS b ON b.numero_inventario IN ({m}, {m}, {m}, {m})
LEFT JOIN dependencia AS d ON d.id = b.dependencia_id
LEFT JOIN servidor_publico AS s ON s.id = b.resguardante_id
LEFT JOIN lectura_levantamiento AS p ON p.levantamiento_id = l.id AND p.numero = COALESCE(b.numero_inventario, {m})
LEFT JOIN usuario AS u ON u.id = {m}
WHERE l.id = {m}
ORDER BY b.numero_inventario <> {m}
LIMIT 1
"""
_INSERT_LECTURA = """
INSERT INTO lectura_levantamiento (levantamiento_id, numero, bien_id, resultado, detalle, momento, usuario, origen,
                                   conflicto)
VALUES ({m}, {m}, {m}, {m}, {m}, {m}, {m}, {m}, '')
ON CONFLICT (levantamiento_id, numero) DO NOTHING
RETURNING id
"""
_PREVIA = "SELECT momento, resultado FROM lectura_levantamiento WHERE levantamiento_id = {m} AND numero = {m}"


def _sql(plantilla: str) -> str:
    return plantilla.format(m=bd.param)


def _exigir_cuenta(actor: Usuario | None, activo: Any, rol: str | None) -> None:
    """Los permisos del inventario con el estado y el rol de ahora, que trajo la consulta de la lectura."""
    if isinstance(actor, Usuario) and actor.id is not None:
        if not activo:
            permisos.vigente(actor)          # la vuelve a leer y lanza el aviso de cuenta desactivada
        actor.activo, actor.rol = True, rol
    if not permisos.puede(actor, permisos.AVANZAR_TRAMITE):
        exigir_inventario(actor)
    if actor is not None and permisos.AREA_REDES not in permisos.AREAS_TRAMITE.get(actor.rol, frozenset()):
        exigir_inventario(actor)


def _momento_db(valor: Any) -> Any:
    return LecturaLevantamiento.momento.python_value(valor)


def registrar_lectura(levantamiento_id: int, texto_escaneado: str, actor: Usuario | None = None,
                      origen: str = LOCAL) -> Resultado:
    """Anota lo que tecleó el lector y responde al instante.

    El texto puede llegar con espacios, minúsculas o el apóstrofo de un teclado mal
    configurado; se busca por el índice único del número de inventario (nunca se carga la
    tabla). Una lectura repetida se responde como «repetido» y no se cuenta ni se guarda.
    Una consulta (fuera de la transacción: no espera a nadie) y un INSERT con su entrada de
    bitácora; el avance no se cuenta en cada lectura (:func:`_avance_vigente`).
    """
    texto = normalizar_numero(texto_escaneado)[:100]
    if not texto:
        exigir_inventario(actor)
        raise ErrorValidacion([("lectura", "La lectura llegó vacía; vuelva a leer el código.")])
    formas = (candidatos_numero(texto) or [texto])[:4]
    formas += [formas[-1]] * (4 - len(formas))
    actor_id = actor.id if isinstance(actor, Usuario) else None
    fila = bd.execute_sql(_sql(_CONSULTA_LECTURA), (*formas, texto, actor_id, levantamiento_id, formas[0])).fetchone()
    if fila is None:
        exigir_inventario(actor)
        raise ErrorNoEncontrado(f"No existe el levantamiento {levantamiento_id}.")
    (estado, dependencia_id, edificio, area, clave_lev, bien_id, numero, descripcion, estado_bien, dep_bien, edificio_bien,
     area_bien, resguardante_id, dependencia_nombre, resguardante_nombre, previa_momento, previa_resultado,
     activo, rol) = fila
    _exigir_cuenta(actor, activo, rol)
    if estado != EN_CURSO:
        raise ErrorTransicion("El levantamiento está " + ESTADOS_LEVANTAMIENTO[estado].lower()
                              + ("; reanúdelo para seguir leyendo." if estado == PAUSADO else "."))
    lev = Levantamiento(id=levantamiento_id, clave=clave_lev, dependencia=dependencia_id, edificio=edificio,
                        area=area, estado=estado)
    bien = None if bien_id is None else _BienLeido(
        bien_id, numero, descripcion, estado_bien, dep_bien, edificio_bien, area_bien, resguardante_id,
        dependencia_nombre or "", resguardante_nombre or "")
    clave = bien.numero_inventario if bien else texto
    tipo, mensaje, otra = clasificar(lev, bien, texto)
    insertada = False
    if previa_momento is None:
        momento, autor = ahora(), bitacora.nombre_usuario(actor)[:100]
        with transaccion():
            nueva = bd.execute_sql(_sql(_INSERT_LECTURA), (
                levantamiento_id, clave, bien_id, tipo, otra[:300], LecturaLevantamiento.momento.db_value(momento),
                autor, origen)).fetchone()
            if nueva is not None:
                lectura = LecturaLevantamiento(id=nueva[0], levantamiento=levantamiento_id, numero=clave,
                                               bien=bien_id, resultado=tipo, detalle=otra[:300], momento=momento,
                                               usuario=autor, origen=origen, conflicto="")
                bitacora.registrar(lectura, "lectura de levantamiento", actor)
                insertada = True
        if not insertada:       # otro lector la guardó en este mismo instante
            previa_momento, previa_resultado = bd.execute_sql(_sql(_PREVIA), (levantamiento_id, clave)).fetchone()
    if not insertada:
        previa_momento = _momento_db(previa_momento)
        tipo, mensaje, otra = REPETIDO, (f"{clave} ya se había leído a las {previa_momento:%H:%M} "
                                         f"({RESULTADOS_LECTURA[previa_resultado].lower()}); no se cuenta "
                                         "dos veces."), ""
    hallados, total = _avance_vigente(lev, insertada and tipo == ENCONTRADO)
    return Resultado(tipo, mensaje, clave, bien.id if bien else None, bien.descripcion if bien else "", otra,
                     hallados, total)


def lecturas(levantamiento_id: int, limite: int = 1000) -> list[dict[str, Any]]:
    """Las lecturas más recientes primero (para la lista de la ventana del lector)."""
    consulta = (LecturaLevantamiento.select(LecturaLevantamiento.id, LecturaLevantamiento.numero,
                                            LecturaLevantamiento.resultado, LecturaLevantamiento.detalle,
                                            LecturaLevantamiento.momento, LecturaLevantamiento.origen,
                                            LecturaLevantamiento.conflicto, Bien.descripcion)
                .join(Bien, JOIN.LEFT_OUTER, on=(LecturaLevantamiento.bien == Bien.id))
                .where(LecturaLevantamiento.levantamiento == levantamiento_id)
                .order_by(LecturaLevantamiento.id.desc()).limit(limite))
    filas = list(consulta.dicts())
    for fila in filas:
        fila["resultado_nombre"] = RESULTADOS_LECTURA.get(fila["resultado"], fila["resultado"])
    return filas


def consultar(estado: str | None = None, limite: int = 200) -> list[dict[str, Any]]:
    """Levantamientos (más recientes primero) con su ámbito y avance."""
    consulta = Levantamiento.select().order_by(Levantamiento.id.desc()).limit(limite)
    if estado:
        consulta = consulta.where(Levantamiento.estado == estado)
    filas = []
    for lev in consulta:
        filas.append({"id": lev.id, "clave": lev.clave, "ambito": ambito(lev), "estado": lev.estado,
                      "estado_nombre": ESTADOS_LEVANTAMIENTO[lev.estado], "iniciado_en": lev.iniciado_en,
                      "cerrado_en": lev.cerrado_en, "version": lev.version,
                      "encontrados": encontrados(lev.id), "esperados": esperados(lev)})
    return filas


# --- Informe y cierre -----------------------------------------------------------------------

def _fila_bien(bien: dict[str, Any]) -> dict[str, Any]:
    return {"bien_id": bien["id"], "numero_inventario": bien["numero_inventario"],
            "descripcion": bien["descripcion"], "marca": bien["marca"], "modelo": bien["modelo"],
            "serie": bien["serie"] or "", "resguardante": bien.get("resguardante") or "",
            "dependencia": bien.get("dependencia") or "", "edificio": bien["edificio"], "area": bien["area"]}


def _consulta_bienes():
    return (Bien.select(Bien.id, Bien.numero_inventario, Bien.descripcion, Bien.marca, Bien.modelo, Bien.serie,
                        Bien.edificio, Bien.area, ServidorPublico.nombre.alias("resguardante"),
                        Dependencia.nombre.alias("dependencia"))
            .join(ServidorPublico, JOIN.LEFT_OUTER, on=(Bien.resguardante == ServidorPublico.id))
            .switch(Bien).join(Dependencia, JOIN.LEFT_OUTER, on=(Bien.dependencia == Dependencia.id)))


def calcular_informe(levantamiento_id: int) -> Informe:
    """El informe con los datos de hoy (el de un levantamiento cerrado es el congelado)."""
    lev = obtener(levantamiento_id)
    if lev.estado == CERRADO and lev.informe:
        return Informe(**json.loads(lev.informe))
    leidas = list(LecturaLevantamiento.select().where(LecturaLevantamiento.levantamiento == lev.id)
                  .order_by(LecturaLevantamiento.id))
    ids_leidos = [lec.bien_id for lec in leidas if lec.bien_id]
    por_id: dict[int, dict[str, Any]] = {}
    for inicio in range(0, len(ids_leidos), 500):
        for fila in _consulta_bienes().where(Bien.id.in_(ids_leidos[inicio:inicio + 500])).dicts():
            por_id[fila["id"]] = fila
    informe = Informe(lev.id, ambito(lev), lev.estado, f"{lev.iniciado_en:%Y-%m-%d %H:%M}",
                      f"{lev.cerrado_en:%Y-%m-%d %H:%M}" if lev.cerrado_en else "", esperados(lev))
    for lec in leidas:
        momento = f"{lec.momento:%Y-%m-%d %H:%M:%S}"
        if lec.resultado == ENCONTRADO and lec.bien_id in por_id:
            informe.encontrados.append(_fila_bien(por_id[lec.bien_id]) | {"leido_en": momento})
        elif lec.resultado == OTRA_AREA and lec.bien_id in por_id:
            informe.mal_ubicados.append(_fila_bien(por_id[lec.bien_id])
                                        | {"leido_en": momento, "registrado_en": lec.detalle})
        elif lec.resultado in (DESCONOCIDO, DADO_DE_BAJA):
            fila = _fila_bien(por_id[lec.bien_id]) if lec.bien_id in por_id else {
                "bien_id": None, "numero_inventario": lec.numero, "descripcion": "", "marca": "", "modelo": "",
                "serie": "", "resguardante": "", "dependencia": "", "edificio": "", "area": ""}
            fila["motivo"] = ("Dado de baja en el inventario" if lec.resultado == DADO_DE_BAJA
                              else "No está en el inventario")
            informe.sobrantes.append(fila | {"leido_en": momento})
    vistos = set(ids_leidos)
    faltantes = (_consulta_bienes().where(_condicion(lev) & (Bien.estado != BIEN_DADO_DE_BAJA))
                 .order_by(Bien.numero_inventario).dicts())
    informe.faltantes = [_fila_bien(f) for f in faltantes if f["id"] not in vistos]
    return informe


@cambia("levantamiento_id", Levantamiento)
def cerrar(actor: Usuario | None, levantamiento_id: int, version: int) -> Informe:
    """Cierra el levantamiento y congela su informe (faltantes, sobrantes y mal ubicados)."""
    exigir_inventario(actor)
    with transaccion():
        lev = obtener(levantamiento_id)
        if lev.version != version:
            raise ErrorConflicto("Otro usuario actualizó este levantamiento; vuelva a abrirlo.")
        if lev.estado == CERRADO:
            raise ErrorTransicion("El levantamiento ya está cerrado.")
        lev.estado = CERRADO
        lev.cerrado_en = ahora()
        informe = calcular_informe(lev.id)
        informe.estado, informe.cerrado_en = CERRADO, f"{lev.cerrado_en:%Y-%m-%d %H:%M}"
        lev.informe = json.dumps(asdict(informe), ensure_ascii=False)
        bitacora.guardar_versionado(lev, "cierre de levantamiento", actor, version)
    return informe


def _firmantes_informe(lev: Levantamiento, institucion: Any) -> list[tuple[str, str]]:
    """(nombre, cargo) de quien realizó el levantamiento y del titular de la DTI."""
    area = institucion.area or "Dirección de Tecnologías de la Información"
    usuario = lev.iniciado_por if lev.iniciado_por_id else None
    servidor = usuario.servidor if usuario is not None and usuario.servidor_id else None
    responsable = (servidor.nombre if servidor else usuario.nombre if usuario else "",
                   (servidor.cargo if servidor and servidor.cargo else "Responsable del levantamiento"))
    titular = institucion.titular_dti if institucion.titular_dti_id else None
    return [responsable, (titular.nombre if titular else "",
                          titular.cargo if titular and titular.cargo else f"Titular de la {area}")]


def informe_pdf(levantamiento_id: int) -> bytes:
    """PDF del informe, con el membrete de la institución y las firmas de quien lo realizó y del titular."""
    from app.documentos.levantamiento_pdf import generar_informe_pdf
    from app.servicios.catalogos import catalogos
    from app.servicios.oficios.oficios import _logotipo

    institucion = catalogos.institucion()
    informe = calcular_informe(levantamiento_id)
    return generar_informe_pdf(informe, institucion.nombre, area=institucion.area, lema=institucion.lema,
                               logotipo=_logotipo(), pie=institucion.pie,
                               firmantes=_firmantes_informe(obtener(levantamiento_id), institucion),
                               creado=ahora_mexico())


def informe_excel(levantamiento_id: int, ruta) -> None:
    from app.documentos.levantamiento_excel import escribir_informe_excel

    escribir_informe_excel(calcular_informe(levantamiento_id), ruta)


# --- Cambios de resguardante para los mal ubicados ----------------------------------------

def _titular(dependencia_id: int) -> ServidorPublico | None:
    servidores = list(ServidorPublico.select().where((ServidorPublico.dependencia == dependencia_id)
                                                     & (ServidorPublico.activo == True))  # noqa: E712
                      .order_by(ServidorPublico.id))
    for prefijo in ("director", "secretari", "titular", "jef", "contralor", "tesorer"):
        for servidor in servidores:
            if normalizar(servidor.cargo).startswith(prefijo):
                return servidor
    return servidores[0] if servidores else None


def proponer_cambios(levantamiento_id: int) -> list[PropuestaCambio]:
    """Un cambio de resguardante por cada bien mal ubicado que no tenga otro movimiento en espera.

    En un levantamiento por dependencia se propone como resguardante al titular de esa
    dependencia; por ubicación, el mismo resguardante con la ubicación donde se encontró.
    """
    from app.servicios.inventario import movimientos

    lev = obtener(levantamiento_id)
    titular = _titular(lev.dependencia_id) if lev.dependencia_id else None
    propuestas = []
    for fila in calcular_informe(lev.id).mal_ubicados:
        bien = Bien.get_or_none(Bien.id == fila["bien_id"])
        if bien is None or bien.estado == BIEN_DADO_DE_BAJA or movimientos.pendiente_de(bien.id):
            continue
        if _pertenece(lev, bien):
            continue   # ya se corrigió después de leerlo
        if lev.dependencia_id:
            resguardante_id = titular.id if titular else None
            dependencia_id, edificio, area = lev.dependencia_id, lev.dependencia.ubicacion, ""
        else:
            resguardante_id, dependencia_id = bien.resguardante_id, bien.dependencia_id
            edificio, area = lev.edificio, lev.area
        propuestas.append(PropuestaCambio(
            bien.id, bien.numero_inventario, bien.descripcion,
            bien.resguardante.nombre if bien.resguardante_id else "",
            bien.dependencia.nombre if bien.dependencia_id else "", resguardante_id, dependencia_id,
            edificio, area))
    return propuestas


def aplicar_cambios(actor: Usuario | None, levantamiento_id: int,
                    propuestas: list[PropuestaCambio]) -> list[Any]:
    """Solicita los cambios aceptados: un oficio por cada futuro resguardante y ubicación, todo
    en una transacción (si uno falla, no se emite ninguno)."""
    from app.servicios.inventario import movimientos

    exigir_inventario(actor)
    obtener(levantamiento_id)
    grupos: dict[tuple, list[int]] = {}
    for p in propuestas:
        if not p.resguardante_id:
            raise ErrorValidacion([("resguardante", f"Elija el futuro resguardante del bien {p.numero_inventario}.")])
        grupos.setdefault((p.resguardante_id, p.dependencia_id, p.edificio, p.area), []).append(p.bien_id)
    creados = []
    with transaccion():
        for (resguardante_id, dependencia_id, edificio, area), ids in grupos.items():
            for inicio in range(0, len(ids), movimientos.MAXIMO_BIENES_POR_OFICIO):
                creados.append(movimientos.solicitar_cambio(
                    actor, ids[inicio:inicio + movimientos.MAXIMO_BIENES_POR_OFICIO], resguardante_id,
                    dependencia_id, edificio, area,
                    motivo=f"Bienes encontrados en el levantamiento físico número {levantamiento_id}.",
                    levantamiento_id=levantamiento_id))
    return creados


# --- Historial ------------------------------------------------------------------------------

def eventos_de_bien(bien_id: int) -> list[EventoHistorial]:
    consulta = (LecturaLevantamiento.select(LecturaLevantamiento, Levantamiento)
                .join(Levantamiento).where(LecturaLevantamiento.bien == bien_id)
                .order_by(LecturaLevantamiento.id))
    eventos = []
    for lec in consulta:
        texto = f"Visto en el levantamiento {lec.levantamiento.id} ({ambito(lec.levantamiento)}): " \
                f"{RESULTADOS_LECTURA[lec.resultado].lower()}"
        if lec.detalle:
            texto += f"; registrado en {lec.detalle}"
        eventos.append(EventoHistorial(lec.momento, "Levantamiento", texto, lec.levantamiento.clave[:8]))
    return eventos
