"""Levantamiento fuera de línea: exportar a un archivo, trabajar en una laptop sin red e importar.

Cómo se hace (también en la ayuda de ``dti levantamiento``)::

    # 1. En la oficina (base compartida): iniciar y exportar
    dti levantamiento iniciar --dependencia "Tesorería Municipal"          → imprime el número
    dti levantamiento exportar 7 --salida tesoreria.dti-lev.json
    # 2. En la laptop, con su propia base SQLite nueva:
    dti levantamiento preparar tesoreria.dti-lev.json --db sqlite:///C:/campo/lev.sqlite3
    #    ...recorrer el edificio con el lector (ventana del levantamiento o
    #    «dti levantamiento leer 7 NUMERO»)...
    dti levantamiento exportar 7 --salida tesoreria-leido.dti-lev.json --db sqlite:///C:/campo/lev.sqlite3
    # 3. De vuelta en la oficina:
    dti levantamiento importar tesoreria-leido.dti-lev.json

El archivo es JSON: ``{"formato", "version", "huella", "contenido"}``; ``huella`` es el
SHA-256 del contenido canónico. Lleva la identidad de la base de origen (el hash de la
primera entrada de su bitácora), el levantamiento, los catálogos y una copia de los bienes
(con su ``version``) para que la laptop responda cada lectura igual que en la oficina.

Al importar nada se sobrescribe en silencio: un archivo alterado o de otra base se rechaza
sin escribir nada; un levantamiento ya cerrado no recibe lecturas; una lectura de un bien que
cambió mientras tanto (se movió, se dio de baja) se guarda clasificada con los datos de hoy y
marcada con el conflicto, que también se reporta. La huella detecta alteraciones y archivos
dañados; no es una firma: quien tenga el archivo puede recalcularla.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.base_datos import es_postgres, transaccion
from app.modelos import Bien, Bitacora, Dependencia, ServidorPublico, TipoBien, Usuario, ahora
from app.modelos.levantamiento import (CERRADO, EN_CURSO, LecturaLevantamiento, Levantamiento,
                                       RESULTADOS_LECTURA)
from app.servicios.nucleo import bitacora, carga_masiva
from app.errores import ErrorConflicto, ErrorDTI, ErrorValidacion
from app.servicios.inventario.inventario import exigir_inventario
from app.servicios.levantamiento.levantamiento import FUERA_DE_LINEA, clasificar, obtener, olvidar_avance
from app.servicios.nucleo.validacion import normalizar, texto_busqueda

FORMATO = "dti-levantamiento"
VERSION = 1
TAMANO_MAXIMO = 300 * 1024 * 1024

_CAMPOS_BIEN = ("id", "numero_inventario", "tipo", "descripcion", "marca", "modelo", "serie", "color",
                "dependencia", "resguardante", "edificio", "area", "estado", "version")


@dataclass
class ResultadoImportacion:
    """Lo que pasó al importar un archivo de levantamiento."""

    levantamiento_id: int
    importadas: int = 0
    ya_registradas: int = 0
    conflictos: list[str] = field(default_factory=list)


def identidad_base() -> str:
    """Identidad estable de esta base: el hash de la primera entrada de su bitácora."""
    primera = Bitacora.select(Bitacora.hash).order_by(Bitacora.id).limit(1).scalar()
    return primera or ""


def _canonico(contenido: dict[str, Any]) -> bytes:
    return json.dumps(contenido, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode("utf-8")


def _texto(valor: Any) -> Any:
    if isinstance(valor, (dt.date, dt.datetime)):
        return valor.isoformat(sep=" ") if isinstance(valor, dt.datetime) else valor.isoformat()
    return valor


def exportar_levantamiento(levantamiento_id: int, ruta: str | Path) -> Path:
    """Escribe el levantamiento (con la copia de bienes y catálogos y sus lecturas) en ``ruta``."""
    lev = obtener(levantamiento_id)
    if lev.estado == CERRADO:
        raise ErrorDTI("El levantamiento ya está cerrado: no hay nada que llevar a la laptop.")
    bienes = [[_texto(v) for v in fila] for fila in
              Bien.select(*[getattr(Bien, c) for c in _CAMPOS_BIEN]).order_by(Bien.id).tuples()]
    contenido = {
        "base": lev.base_origen or identidad_base(),
        "exportado_en": ahora().isoformat(sep=" "),
        "levantamiento": {"clave": lev.clave, "dependencia": lev.dependencia_id, "edificio": lev.edificio,
                          "area": lev.area, "estado": lev.estado, "iniciado_en": _texto(lev.iniciado_en),
                          "observaciones": lev.observaciones},
        "dependencias": [[d.id, d.nombre, d.siglas, d.ubicacion, d.activo] for d in
                         Dependencia.select().order_by(Dependencia.id)],
        "servidores": [[s.id, s.nombre, s.cargo, s.dependencia_id, s.activo] for s in
                       ServidorPublico.select().order_by(ServidorPublico.id)],
        "tipos": [[t.id, t.nombre, t.cuenta_contable, t.vida_util_anios] for t in TipoBien.select()],
        "campos_bien": list(_CAMPOS_BIEN),
        "bienes": bienes,
        "lecturas": [[lec.numero, lec.bien_id, lec.resultado, lec.detalle, _texto(lec.momento), lec.usuario]
                     for lec in LecturaLevantamiento.select()
                     .where(LecturaLevantamiento.levantamiento == lev.id).order_by(LecturaLevantamiento.id)],
    }
    datos = {"formato": FORMATO, "version": VERSION,
             "huella": hashlib.sha256(_canonico(contenido)).hexdigest(), "contenido": contenido}
    destino = Path(ruta)
    temporal = destino.with_name(destino.name + ".tmp")
    with open(temporal, "w", encoding="utf-8") as archivo:
        json.dump(datos, archivo, ensure_ascii=False, separators=(",", ":"), default=str)
        archivo.flush()
        os.fsync(archivo.fileno())
    temporal.replace(destino)
    return destino


def leer_archivo(ruta: str | Path) -> dict[str, Any]:
    """Lee y comprueba el archivo (formato, versión, huella); devuelve su contenido."""
    ruta = Path(ruta)
    try:
        if ruta.stat().st_size > TAMANO_MAXIMO:
            raise ErrorValidacion([("archivo", "El archivo es demasiado grande para ser un levantamiento.")])
        datos = json.loads(ruta.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ErrorDTI(f"No se pudo leer {ruta.name}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ErrorValidacion([("archivo", f"«{ruta.name}» no es un archivo de levantamiento (está dañado "
                                           "o no es JSON).")]) from exc
    if not isinstance(datos, dict) or datos.get("formato") != FORMATO or not isinstance(datos.get("contenido"), dict):
        raise ErrorValidacion([("archivo", f"«{ruta.name}» no es un archivo de levantamiento de la DTI.")])
    if datos.get("version") != VERSION:
        raise ErrorValidacion([("archivo", f"El archivo es de la versión {datos.get('version')} del formato; "
                                           f"esta aplicación lee la {VERSION}.")])
    contenido = datos["contenido"]
    if hashlib.sha256(_canonico(contenido)).hexdigest() != datos.get("huella"):
        raise ErrorValidacion([("archivo", f"El archivo «{ruta.name}» fue alterado o está dañado: su contenido "
                                           "no coincide con su huella SHA-256. No se importó nada.")])
    try:
        contenido["levantamiento"]["clave"]
        contenido["base"], contenido["bienes"], contenido["lecturas"]
    except (KeyError, TypeError) as exc:
        raise ErrorValidacion([("archivo", "Al archivo de levantamiento le faltan datos.")]) from exc
    return contenido


# --- En la laptop ----------------------------------------------------------------------------

def preparar_campo(actor: Usuario | None, ruta: str | Path) -> Levantamiento:
    """Carga el archivo en la base SQLite nueva de la laptop para trabajar sin red.

    Copia catálogos y bienes con sus mismos ids (para que al volver se reconozcan) y crea el
    levantamiento con la misma clave. Todo queda en la bitácora de la laptop.
    """
    exigir_inventario(actor)
    contenido = leer_archivo(ruta)
    if es_postgres():
        raise ErrorDTI("El levantamiento fuera de línea se prepara en la base SQLite propia de la laptop, "
                       "no en la base compartida.")
    clave = contenido["levantamiento"]["clave"]
    if Levantamiento.select().where(Levantamiento.clave == clave).exists():
        raise ErrorConflicto("Este levantamiento ya está preparado en esta base.")
    if Bien.select().exists() or Dependencia.select().exists() or ServidorPublico.select().exists():
        raise ErrorDTI("Prepare el levantamiento en una base nueva de la laptop (por ejemplo "
                       "«dti iniciar --db sqlite:///C:/campo/levantamiento.sqlite3»): esta ya tiene datos.")
    if contenido["base"] == identidad_base():
        raise ErrorDTI("Este archivo salió de esta misma base: no hace falta prepararlo.")
    momento = ahora()
    with transaccion():
        deps = [Dependencia(id=i, nombre=n, siglas=s, ubicacion=u, activo=bool(a), busqueda=normalizar(n),
                            creado_en=momento, modificado_en=momento)
                for i, n, s, u, a in contenido["dependencias"]]
        carga_masiva.insertar_con_bitacora(deps, "copia para levantamiento fuera de línea", actor)
        servs = [ServidorPublico(id=i, nombre=n, cargo=c, dependencia=d, activo=bool(a), busqueda=normalizar(n),
                                 creado_en=momento, modificado_en=momento)
                 for i, n, c, d, a in contenido["servidores"]]
        carga_masiva.insertar_con_bitacora(servs, "copia para levantamiento fuera de línea", actor)
        tipos = {normalizar(t.nombre): t.id for t in TipoBien.select()}
        nuevos_tipos, mapa_tipos = [], {}
        siguiente = carga_masiva.reservar_ids(TipoBien, 1)
        for i, nombre, cuenta, vida in contenido["tipos"]:
            if normalizar(nombre) in tipos:
                mapa_tipos[i] = tipos[normalizar(nombre)]
            else:
                nuevos_tipos.append(TipoBien(id=siguiente, nombre=nombre, cuenta_contable=cuenta,
                                             vida_util_anios=vida, creado_en=momento, modificado_en=momento))
                mapa_tipos[i] = siguiente
                siguiente += 1
        carga_masiva.insertar_con_bitacora(nuevos_tipos, "copia para levantamiento fuera de línea", actor)
        campos = contenido["campos_bien"]
        nombres = {s.id: s.nombre for s in servs}
        bienes = []
        for fila in contenido["bienes"]:
            datos = dict(zip(campos, fila))
            datos["tipo"] = mapa_tipos[datos["tipo"]]
            bienes.append(Bien(**datos, creado_en=momento, modificado_en=momento,
                               busqueda=texto_busqueda(datos["numero_inventario"], datos["serie"], datos["marca"],
                                                       datos["modelo"], datos["descripcion"],
                                                       nombres.get(datos["resguardante"], ""))))
        carga_masiva.insertar_con_bitacora(bienes, "copia para levantamiento fuera de línea", actor)
        datos_lev = contenido["levantamiento"]
        lev = Levantamiento(clave=clave, dependencia=datos_lev["dependencia"], edificio=datos_lev["edificio"],
                            area=datos_lev["area"], estado=EN_CURSO, iniciado_por=actor,
                            iniciado_en=dt.datetime.fromisoformat(datos_lev["iniciado_en"]),
                            observaciones=datos_lev.get("observaciones", ""), base_origen=contenido["base"],
                            creado_en=momento, modificado_en=momento)
        bitacora.guardar(lev, "levantamiento preparado fuera de línea", actor)
        for numero, bien_id, resultado, detalle, momento_lectura, usuario in contenido["lecturas"]:
            lectura = LecturaLevantamiento(levantamiento=lev, numero=numero, bien=bien_id, resultado=resultado,
                                           detalle=detalle, momento=dt.datetime.fromisoformat(momento_lectura),
                                           usuario=usuario, origen="local")
            bitacora.guardar(lectura, "lectura copiada de la oficina", actor)
    return lev


# --- De vuelta en la oficina ------------------------------------------------------------------

def _describir(bien: dict[str, Any] | Bien) -> str:
    if isinstance(bien, Bien):
        dependencia = bien.dependencia.nombre if bien.dependencia_id else "sin dependencia"
        resguardante = bien.resguardante.nombre if bien.resguardante_id else "sin resguardante"
        return f"{dependencia}, {resguardante}, {bien.edificio or 'sin ubicación'}, estado {bien.estado}"
    return str(bien)


def importar_levantamiento(actor: Usuario | None, ruta: str | Path) -> ResultadoImportacion:
    """Trae de vuelta las lecturas hechas fuera de línea. Reporta cada conflicto; nada se
    sobrescribe en silencio y, ante un archivo alterado o de otra base, no escribe nada.
    """
    exigir_inventario(actor)
    contenido = leer_archivo(ruta)
    if contenido["base"] != identidad_base():
        raise ErrorValidacion([("archivo", "El archivo es de otra base de datos: este levantamiento no se "
                                           "inició aquí. No se importó nada.")])
    clave = contenido["levantamiento"]["clave"]
    lev = Levantamiento.get_or_none(Levantamiento.clave == clave)
    if lev is None:
        raise ErrorValidacion([("archivo", "El levantamiento del archivo no existe en esta base.")])
    if lev.estado == CERRADO:
        raise ErrorConflicto(f"El levantamiento {lev.id} ya se cerró el {lev.cerrado_en:%d/%m/%Y %H:%M}: "
                             f"sus {len(contenido['lecturas'])} lecturas del archivo no se importaron. "
                             "Inicie un levantamiento nuevo si hace falta.")
    try:
        campos = contenido["campos_bien"]
        copia = {fila[0]: dict(zip(campos, fila)) for fila in contenido["bienes"]}
        lecturas = [(str(n)[:100], int(b) if b is not None else None, str(r), d, dt.datetime.fromisoformat(m),
                     str(u)[:100]) for n, b, r, d, m, u in contenido["lecturas"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise ErrorValidacion([("archivo", "El archivo de levantamiento trae datos inválidos; no se importó "
                                           "nada.")]) from exc
    resultado = ResultadoImportacion(lev.id)
    with transaccion():
        ya = {n for (n,) in LecturaLevantamiento.select(LecturaLevantamiento.numero)
              .where(LecturaLevantamiento.levantamiento == lev.id).tuples()}
        for numero, bien_id, resultado_campo, _detalle, momento, usuario in lecturas:
            if numero in ya:
                resultado.ya_registradas += 1
                continue
            bien = Bien.get_or_none(Bien.id == bien_id) if bien_id else None
            if bien is not None and bien.numero_inventario != numero:
                bien = None
            if bien is None and bien_id is None:
                from app.servicios.inventario.inventario import buscar_por_numero

                bien = buscar_por_numero(numero)
            tipo, _mensaje, otra = clasificar(lev, bien, numero)
            conflictos = []
            antes = copia.get(bien_id) if bien_id else None
            if antes is not None and bien is not None and antes["version"] != bien.version:
                campos_cambiados = [c for c in ("dependencia", "resguardante", "edificio", "area", "estado")
                                    if antes[c] != getattr(bien, c + "_id" if c in ("dependencia", "resguardante")
                                                           else c)]
                if campos_cambiados:
                    conflictos.append(f"el bien {numero} cambió en la oficina mientras se levantaba "
                                      f"({', '.join(campos_cambiados)}); ahora: {_describir(bien)}")
            if bien_id and bien is None:
                conflictos.append(f"el bien {numero} ya no existe con ese número en la oficina")
            if tipo != resultado_campo:
                conflictos.append(f"en campo se leyó como «{RESULTADOS_LECTURA.get(resultado_campo, resultado_campo)}» "
                                  f"y con los datos de hoy es «{RESULTADOS_LECTURA[tipo]}»")
            texto_conflicto = "; ".join(conflictos)
            lectura = LecturaLevantamiento(levantamiento=lev, numero=numero, bien=bien, resultado=tipo,
                                           detalle=otra[:300], momento=momento,
                                           usuario=usuario, origen=FUERA_DE_LINEA,
                                           conflicto=texto_conflicto)
            bitacora.guardar(lectura, "lectura importada de levantamiento fuera de línea", actor)
            ya.add(numero)
            resultado.importadas += 1
            if texto_conflicto:
                resultado.conflictos.append(f"{numero}: {texto_conflicto}")
    olvidar_avance(resultado.levantamiento_id)      # el avance de la siguiente lectura se vuelve a contar
    return resultado
