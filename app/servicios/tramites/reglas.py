"""Registro de reglas (guardias) que un paso de procedimiento puede declarar en su JSON.

Cada regla tiene un nombre, los parámetros que admite, el momento en que se revisa
(al abrir el trámite o al cerrar el paso) y los campos que necesita (si el paso no
los declara, el motor los pide igual). Una regla que no se cumple rechaza con el
motivo de la política del manual.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.modelos import Dependencia, Oficio, ServidorPublico
from app.servicios.catalogos import catalogos
from app.servicios.nucleo import calendario_laboral
from app.servicios.nucleo.validacion import normalizar
from app.servicios.tramites.datos_paso import Valor
from app.servicios.tramites.procedimientos import Campo, Paso, Procedimiento, Regla

APERTURA = "apertura"
CIERRE = "cierre"

Errores = list[tuple[str, str]]

# Lo que el motor pide en un paso de otra área: la DTI registra la respuesta de ellos.
CAMPOS_OTRA_AREA = (
    Campo("respondio", "Quién respondió (nombre y cargo)", "texto", True,
          ayuda="La persona del área responsable que dio la respuesta; la DTI solo la registra."),
    Campo("respondio_en", "Cuándo respondió", "fecha_hora", True),
    Campo("oficio_respuesta", "Oficio de la respuesta", "texto", False,
          ayuda="Número y fecha del oficio con que respondieron, si lo hubo."),
)


@dataclass(frozen=True)
class Contexto:
    """Lo que una regla puede mirar: el trámite (o lo que se abre), el paso y sus valores."""

    procedimiento: Procedimiento
    paso: Paso
    dependencia: Dependencia | None
    solicitante: ServidorPublico | None
    oficio_entrada: Oficio | None
    valores: Mapping[str, Valor]
    opcion: str | None
    momento: dt.datetime


@dataclass(frozen=True)
class DefinicionRegla:
    nombre: str
    descripcion: str
    cuando: str                                   # APERTURA o CIERRE
    parametros: tuple[str, ...]                   # los que admite
    obligatorios: tuple[str, ...]                 # los que debe traer
    revisar: Callable[[Contexto, dict[str, Any]], Errores]
    campos: Callable[[dict[str, Any]], tuple[Campo, ...]] = lambda _p: ()


# --- Auxiliares -------------------------------------------------------------------------------

def _politica(procedimiento: Procedimiento, parametros: dict[str, Any], *piezas: str) -> str:
    """Texto de la política que funda la regla: la indicada en ``politica`` o la que menciona ``piezas``."""
    if parametros.get("motivo"):
        return str(parametros["motivo"])
    indice = parametros.get("politica")
    if isinstance(indice, int) and 1 <= indice <= len(procedimiento.politicas):
        return f"Política {indice} del procedimiento {procedimiento.numero}: «{procedimiento.politicas[indice - 1]}»"
    for numero, texto in enumerate(procedimiento.politicas, start=1):
        normal = normalizar(texto)
        if any(normalizar(p) in normal for p in piezas if p):
            return f"Política {numero} del procedimiento {procedimiento.numero}: «{texto}»"
    return ""


def _con_motivo(mensaje: str, motivo: str) -> str:
    return f"{mensaje} {motivo}" if motivo else mensaje


def _servidores_de_rol(rol: str, procedimiento: Procedimiento) -> list[ServidorPublico]:
    institucion = catalogos.institucion()
    if rol == "tesorero":
        return [institucion.tesorero] if institucion.tesorero_id else []
    if rol in ("titular_dti", "director"):
        return [institucion.titular_dti] if institucion.titular_dti_id else []
    if rol == "jefe_area":
        area = normalizar(procedimiento.area).replace("departamento de ", "")
        return [s for s in ServidorPublico.select().where(ServidorPublico.activo == True)  # noqa: E712
                if normalizar(s.cargo).startswith("jefe") and area[:12] in normalizar(s.cargo)]
    return []


_NOMBRE_ROL = {"tesorero": "el Tesorero Municipal", "titular_dti": "el titular de la DTI",
               "director": "el director de la DTI", "jefe_area": "el jefe del área responsable"}


def _es_persona(valor: Valor, servidor: ServidorPublico) -> bool:
    if valor.referencia_id is not None:
        return valor.referencia_id == servidor.id
    return normalizar(valor.texto) == normalizar(servidor.nombre)


def _falta(ctx: Contexto, clave: str, etiqueta: str) -> Errores:
    if clave in ctx.valores:
        return []
    return [(clave, f"Falta «{etiqueta}» [{clave}].")]


# --- Reglas -----------------------------------------------------------------------------------

def _solicitante_de(ctx: Contexto, parametros: dict[str, Any]) -> Errores:
    permitidas = [str(d) for d in parametros.get("dependencias") or ()]
    lista = ", ".join(permitidas)
    motivo = _politica(ctx.procedimiento, parametros, *permitidas)
    if ctx.dependencia is None:
        return [("dependencia", _con_motivo(
            f"Falta la dependencia solicitante: este trámite solo lo puede pedir {lista}.", motivo))]
    if normalizar(ctx.dependencia.nombre) not in {normalizar(d) for d in permitidas}:
        return [("dependencia", _con_motivo(
            f"La dependencia «{ctx.dependencia.nombre}» no puede solicitar este trámite: solo {lista}.", motivo))]
    return []


def _campos_firma(parametros: dict[str, Any]) -> tuple[Campo, ...]:
    campos = [Campo("firmante", "Firmante de la respuesta", "servidor_publico", True)]
    if parametros.get("autoriza"):
        campos.append(Campo("autorizacion_de", "Autorización para firmar (oficio y fecha)", "texto", False,
                            ayuda="Solo si firma el director: el oficio y la fecha de la autorización."))
    return tuple(campos)


def _firma(ctx: Contexto, parametros: dict[str, Any]) -> Errores:
    faltan = _falta(ctx, "firmante", "Firmante de la respuesta")
    if faltan:
        return faltan
    firmante = ctx.valores["firmante"]
    roles = [str(r) for r in parametros.get("firmantes") or ()]
    for rol in roles:
        if any(_es_persona(firmante, s) for s in _servidores_de_rol(rol, ctx.procedimiento)):
            return []
    autoriza = parametros.get("autoriza")
    nombres = " o ".join(_NOMBRE_ROL.get(r, r) for r in roles)
    motivo = _politica(ctx.procedimiento, parametros, "firmad", "firma")
    if autoriza and any(_es_persona(firmante, s) for s in _servidores_de_rol("titular_dti", ctx.procedimiento)):
        if "autorizacion_de" in ctx.valores:
            return []
        return [("autorizacion_de", _con_motivo(
            f"El director solo firma la respuesta con la autorización de {_NOMBRE_ROL.get(autoriza, autoriza)} "
            "registrada: capture el oficio y la fecha de la autorización [autorizacion_de].", motivo))]
    excepcion = (f"; el director, solo con la autorización de {_NOMBRE_ROL.get(autoriza, autoriza)}"
                 if autoriza else "")
    return [("firmante", _con_motivo(
        f"«{firmante.texto}» no puede firmar esta respuesta: la firma {nombres}{excepcion}.", motivo))]


def _campos_horario(parametros: dict[str, Any]) -> tuple[Campo, ...]:
    return (Campo(str(parametros.get("campo") or "programado_para"), "Programado para", "fecha_hora", True,
                  ayuda="Fecha y hora del trabajo; debe caer fuera del horario laboral."),)


def _fuera_de_horario(ctx: Contexto, parametros: dict[str, Any]) -> Errores:
    clave = str(parametros.get("campo") or "programado_para")
    faltan = _falta(ctx, clave, "Programado para")
    if faltan:
        return faltan
    momento = ctx.valores[clave].valor
    calendario = calendario_laboral.calendario()
    if calendario.es_horario_laboral(momento):
        return [(clave, f"El {momento:%d/%m/%Y a las %H:%M} es horario laboral "
                        f"({calendario.horario.descripcion()}): un trabajo que interrumpe el servicio "
                        "se programa fuera del horario laboral.")]
    return []


def _requiere_oficio_de_entrada(ctx: Contexto, parametros: dict[str, Any]) -> Errores:
    if ctx.oficio_entrada is not None:
        return []
    motivo = _politica(ctx.procedimiento, parametros, "oficio")
    return [("oficio_entrada", _con_motivo(
        "El trámite no tiene oficio de entrada: registre el oficio recibido y vincúlelo antes de cerrar este paso.",
        motivo))]


def _campos_retencion(parametros: dict[str, Any]) -> tuple[Campo, ...]:
    return (Campo(str(parametros.get("campo") or "fecha_grabacion"), "Fecha de la grabación solicitada",
                  "fecha", True),)


def _dentro_de_retencion(ctx: Contexto, parametros: dict[str, Any]) -> Errores:
    clave = str(parametros.get("campo") or "fecha_grabacion")
    faltan = _falta(ctx, clave, "Fecha de la grabación solicitada")
    if faltan:
        return faltan
    dias = int(parametros.get("dias") or 0)
    fecha = ctx.valores[clave].valor
    limite = ctx.momento.date() - dt.timedelta(days=dias)
    negativa = str(parametros.get("negativa") or "No")
    if fecha >= limite:
        return []
    if ctx.paso.es_decision and normalizar(ctx.opcion or "") == normalizar(negativa):
        return []
    return [(clave, f"La grabación del {fecha:%d/%m/%Y} ya pasó el tiempo de retención ({dias} días): "
                    f"la solicitud se contesta negándola por oficio (respuesta «{negativa}»).")]


def _respuesta_otra_area(ctx: Contexto, parametros: dict[str, Any]) -> Errores:
    respondio_en = ctx.valores.get("respondio_en")
    if respondio_en is not None and respondio_en.valor > ctx.momento:
        return [("respondio_en", "«Cuándo respondió» no puede ser posterior a ahora.")]
    return []


REGLAS: dict[str, DefinicionRegla] = {r.nombre: r for r in (
    DefinicionRegla("solicitante_de", "La dependencia solicitante debe ser una de la lista.", APERTURA,
                    ("dependencias", "politica", "motivo"), ("dependencias",), _solicitante_de),
    DefinicionRegla("firma", "Quién puede firmar la respuesta (o el director con autorización registrada).", CIERRE,
                    ("firmantes", "autoriza", "politica", "motivo"), ("firmantes",), _firma, _campos_firma),
    DefinicionRegla("fuera_de_horario", "La fecha y hora programada cae fuera del horario laboral.", CIERRE,
                    ("campo",), (), _fuera_de_horario, _campos_horario),
    DefinicionRegla("requiere_oficio_de_entrada", "El trámite debe tener oficio de entrada.", CIERRE,
                    ("politica", "motivo"), (), _requiere_oficio_de_entrada),
    DefinicionRegla("dentro_de_retencion", "Lo solicitado pasada la retención se contesta negando.", CIERRE,
                    ("dias", "campo", "negativa"), ("dias",), _dentro_de_retencion, _campos_retencion),
)}

# Se aplica sola a todo paso de otra área (no se declara en el JSON).
_REGLA_OTRA_AREA = DefinicionRegla("respuesta_de_otra_area", "La respuesta registrada no es del futuro.", CIERRE,
                                   (), (), _respuesta_otra_area)


def problemas_de_regla(regla: Regla) -> list[str]:
    """Problemas de una regla declarada (para validar los archivos de procedimientos)."""
    definicion = REGLAS.get(regla.nombre)
    if definicion is None:
        return [f"regla desconocida «{regla.nombre}» (conocidas: {', '.join(REGLAS)})"]
    problemas = [f"la regla «{regla.nombre}» no admite el parámetro «{p}»"
                 for p in regla.parametros if p not in definicion.parametros]
    problemas += [f"a la regla «{regla.nombre}» le falta el parámetro «{p}»"
                  for p in definicion.obligatorios if p not in regla.parametros]
    return problemas


def campos_del_paso(paso: Paso) -> tuple[Campo, ...]:
    """Los campos que se piden al cerrar el paso: los declarados, los de otra área y los que piden sus reglas."""
    campos = list(paso.campos)
    claves = {c.clave for c in campos}
    extra: list[Campo] = []
    if paso.es_externo:
        extra += CAMPOS_OTRA_AREA
    for regla in paso.reglas:
        definicion = REGLAS.get(regla.nombre)
        if definicion is not None:
            extra += definicion.campos(regla.parametros)
    for campo in extra:
        if campo.clave not in claves:
            campos.append(campo)
            claves.add(campo.clave)
    return tuple(campos)


def _revisar(ctx: Contexto, cuando: str) -> Errores:
    errores: Errores = []
    for regla in ctx.paso.reglas:
        definicion = REGLAS.get(regla.nombre)
        if definicion is None:
            errores.append(("reglas", f"El paso {ctx.paso.numero} declara la regla desconocida «{regla.nombre}»."))
        elif definicion.cuando == cuando:
            errores += definicion.revisar(ctx, regla.parametros)
    if cuando == CIERRE and ctx.paso.es_externo:
        errores += _REGLA_OTRA_AREA.revisar(ctx, {})
    return errores


def revisar_apertura(ctx: Contexto) -> Errores:
    """Reglas del primer paso que se revisan al abrir el trámite."""
    return _revisar(ctx, APERTURA)


def revisar_cierre(ctx: Contexto) -> Errores:
    """Reglas del paso que se revisan al cerrarlo."""
    return _revisar(ctx, CIERRE)
