"""Lo que la pantalla necesita de los datos de un trámite: el formulario del paso actual,
el registro legible de lo capturado en cada paso, los adjuntos y las variables del oficio.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from app.modelos import AdjuntoPaso, Dependencia, Oficio, PasoTramite, ServidorPublico, Tramite, Usuario, ValorPaso, ahora
from app.servicios.catalogos import catalogos
from app.servicios.tramites import procedimientos, reglas, tramites
from app.errores import ErrorNoEncontrado
from app.servicios.tramites.datos_paso import Valor
from app.servicios.tramites.procedimientos import Adjunto, Campo, DocumentoPaso, Paso


@dataclass(frozen=True)
class FormularioPaso:
    """El paso actual de un trámite, listo para armar su formulario."""

    paso: Paso
    campos: tuple[Campo, ...]                    # declarados + los de otra área + los que piden sus reglas
    adjuntos: tuple[Adjunto, ...]
    documento: DocumentoPaso | None
    plazo_horas_habiles: float | None
    inicio: dt.datetime | None
    vence_en: dt.datetime | None
    vencido: bool
    es_otra_area: bool
    valores: dict[str, Valor]                    # ya capturados en este paso (el último de cada clave)
    adjuntos_capturados: dict[str, dict[str, Any]]   # clave → id, nombre_archivo, tamano, sha256, creado_en
    anteriores: dict[str, str]                   # clave → texto capturado en pasos anteriores (el último)

    @property
    def faltantes(self) -> list[str]:
        """Etiquetas de lo requerido que aún no se captura."""
        campos = [c.etiqueta for c in self.campos if c.requerido and c.clave not in self.valores]
        return campos + [a.etiqueta for a in self.adjuntos if a.requerido and a.clave not in self.adjuntos_capturados]


def formulario_paso(tramite: Tramite) -> FormularioPaso | None:
    """Campos, adjuntos, documento y plazo del paso actual, con lo ya capturado; None si terminó."""
    estado = tramites.situacion(tramite)
    if estado.terminado:
        return None
    paso = estado.paso
    campos = reglas.campos_del_paso(paso)
    abierto = tramites.paso_abierto(tramite)
    valores = tramites.valores_vigentes(abierto, campos) if abierto is not None else {}
    capturados: dict[str, dict[str, Any]] = {}
    if abierto is not None:
        for fila in (AdjuntoPaso.select(AdjuntoPaso.id, AdjuntoPaso.clave, AdjuntoPaso.nombre_archivo,
                                        AdjuntoPaso.tamano, AdjuntoPaso.sha256, AdjuntoPaso.creado_en)
                     .where(AdjuntoPaso.paso_tramite == abierto).order_by(AdjuntoPaso.id).dicts()):
            capturados[fila["clave"]] = fila
    inicio = abierto.inicio if abierto is not None else None
    vence = tramites.vencimiento(inicio, paso) if inicio is not None else None
    anteriores = {fila.clave: fila.texto for fila in ValorPaso.select(ValorPaso.clave, ValorPaso.texto)
                  .where((ValorPaso.tramite == tramite)
                         & (ValorPaso.paso_tramite != (abierto.id if abierto is not None else 0)))
                  .order_by(ValorPaso.id)}
    return FormularioPaso(paso=paso, campos=campos, adjuntos=paso.adjuntos, documento=paso.documento,
                          plazo_horas_habiles=paso.plazo_horas_habiles, inicio=inicio, vence_en=vence,
                          vencido=vence is not None and vence < ahora(), es_otra_area=paso.es_externo,
                          valores=valores, adjuntos_capturados=capturados, anteriores=anteriores)


def valores_por_paso(tramite: Tramite) -> list[dict[str, Any]]:
    """Cada paso recorrido con lo que se capturó en él: valores y adjuntos (sin su contenido)."""
    registros = list(PasoTramite.select(PasoTramite, Usuario).join(Usuario, JOIN.LEFT_OUTER)
                     .where(PasoTramite.tramite == tramite).order_by(PasoTramite.id))
    valores: dict[int, dict[str, ValorPaso]] = {}
    for fila in ValorPaso.select().where(ValorPaso.tramite == tramite).order_by(ValorPaso.id):
        valores.setdefault(fila.paso_tramite_id, {})[fila.clave] = fila      # el último de cada clave
    adjuntos: dict[int, list[dict[str, Any]]] = {}
    for fila in (AdjuntoPaso.select(AdjuntoPaso.id, AdjuntoPaso.paso_tramite, AdjuntoPaso.clave,
                                    AdjuntoPaso.etiqueta, AdjuntoPaso.nombre_archivo, AdjuntoPaso.tamano,
                                    AdjuntoPaso.sha256, AdjuntoPaso.creado_en)
                 .where(AdjuntoPaso.tramite == tramite).order_by(AdjuntoPaso.id).dicts()):
        adjuntos.setdefault(fila["paso_tramite"], []).append(fila)
    return [{"registro": r, "valores": list(valores.get(r.id, {}).values()), "adjuntos": adjuntos.get(r.id, [])}
            for r in registros]


def _tamano(bytes_: int) -> str:
    if bytes_ < 1024:
        return f"{bytes_} B"
    if bytes_ < 1048576:
        return f"{bytes_ / 1024:.0f} KB"
    return f"{bytes_ / 1048576:.1f} MB"


def registro_legible(tramite: Tramite, entradas: list[dict[str, Any]] | None = None) -> str:
    """Lo capturado en cada paso, como texto para el detalle del trámite (no JSON).

    ``entradas`` es lo que ya devolvió :func:`valores_por_paso` (para no consultarlo dos veces).
    """
    lineas: list[str] = []
    for entrada in (valores_por_paso(tramite) if entradas is None else entradas):
        registro: PasoTramite = entrada["registro"]
        if not entrada["valores"] and not entrada["adjuntos"]:
            continue
        quien = registro.usuario.nombre if registro.usuario_id and registro.usuario else ""
        cuando = f"{registro.fin:%d/%m/%Y %H:%M}" if registro.fin else "en curso"
        encabezado = f"Paso {registro.paso} · {registro.actividad}"
        detalle = f" ({cuando}{', ' + quien if quien and registro.fin else ''})"
        lineas.append(encabezado + detalle)
        if registro.opcion:
            lineas.append(f"    Respuesta: {registro.opcion}")
        for valor in entrada["valores"]:
            lineas.append(f"    {valor.etiqueta or valor.clave}: {valor.texto or valor.valor}")
        for adjunto in entrada["adjuntos"]:
            lineas.append(f"    {adjunto['etiqueta'] or adjunto['clave']}: {adjunto['nombre_archivo']} "
                          f"({_tamano(adjunto['tamano'])}, SHA-256 {adjunto['sha256'][:12]}…)")
    return "\n".join(lineas)


def contenido_adjunto(identificador: int) -> tuple[str, str, bytes]:
    """Nombre seguro (con la extensión de su tipo real), tipo MIME y bytes de un adjunto de paso."""
    adjunto = AdjuntoPaso.get_or_none(AdjuntoPaso.id == identificador)
    if adjunto is None:
        raise ErrorNoEncontrado(f"No existe el adjunto {identificador}.")
    return adjunto.nombre_archivo, adjunto.tipo_mime, bytes(adjunto.contenido)


def variables_documento(tramite: Tramite) -> dict[str, str]:
    """Variables estándar del trámite e institución, más lo capturado en sus pasos (el último de cada clave)."""
    institucion = catalogos.institucion()
    definicion = procedimientos.obtener(tramite.procedimiento)
    dependencia = Dependencia.get_or_none(Dependencia.id == tramite.dependencia_id) if tramite.dependencia_id else None
    solicitante = (ServidorPublico.get_or_none(ServidorPublico.id == tramite.solicitante_id)
                   if tramite.solicitante_id else None)
    oficio = Oficio.get_or_none(Oficio.id == tramite.oficio_entrada_id) if tramite.oficio_entrada_id else None
    titular = institucion.titular_dti if institucion.titular_dti_id else None
    tesorero = institucion.tesorero if institucion.tesorero_id else None
    variables = {
        "numero_tramite": tramite.numero, "asunto": tramite.asunto, "procedimiento": definicion.titulo,
        "dependencia": dependencia.nombre if dependencia else "",
        "solicitante": solicitante.nombre if solicitante else (oficio.solicitante_nombre if oficio else ""),
        "solicitante_cargo": solicitante.cargo if solicitante else (oficio.solicitante_cargo if oficio else ""),
        "oficio_entrada": oficio.numero_oficio if oficio else "",
        "fecha": f"{ahora():%d/%m/%Y}", "lugar": institucion.lugar, "institucion": institucion.nombre,
        "area": institucion.area, "titular_dti": titular.nombre if titular else "",
        "tesorero": tesorero.nombre if tesorero else "",
    }
    for fila in (ValorPaso.select(ValorPaso.clave, ValorPaso.texto).where(ValorPaso.tramite == tramite)
                 .order_by(ValorPaso.id)):
        variables[fila.clave] = fila.texto
    return variables
