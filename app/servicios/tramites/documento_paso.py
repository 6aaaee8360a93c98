"""El oficio que produce el paso actual de un trámite (clave ``documento`` del paso en su JSON).

Se llena con la plantilla de ``formatos/`` que el paso nombra, los datos del trámite y de la
institución, lo capturado en los pasos anteriores y lo que el formulario del paso trae en ese
momento. Lo firma quien el paso dice (el titular de la DTI, el Tesorero Municipal…). Como todo
oficio desde plantilla, no sale si le falta un dato: la vista previa y la emisión lo rechazan
nombrando cada variable que falta, antes de tomar el folio.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.errores import ErrorDTI, ErrorTransicion
from app.modelos import Oficio, ServidorPublico, Tramite, Usuario
from app.servicios.catalogos import catalogos
from app.servicios.oficios import oficios
from app.servicios.oficios.oficios import Firma
from app.servicios.nucleo import plantillas
from app.servicios.tramites import datos_paso, formulario, reglas


def _firma(clave: str) -> Firma:
    """Quien firma el documento del paso según su JSON."""
    if clave == "tesorero":
        tesorero = catalogos.institucion().tesorero
        if tesorero is None:
            raise ErrorDTI("Configure al Tesorero Municipal en Catálogos › Institución: este oficio lo firma él.")
        return Firma(tesorero.nombre, tesorero.cargo)
    return oficios.firmante_titular()


def _destinatario(tramite: Tramite, entrada: Oficio | None) -> dict[str, str]:
    """El oficio del paso va a quien pidió el trámite (su solicitante o el titular de su dependencia)."""
    solicitante = (ServidorPublico.get_or_none(ServidorPublico.id == tramite.solicitante_id)
                   if tramite.solicitante_id else None)
    dependencia = tramite.dependencia.nombre if tramite.dependencia_id else ""
    if solicitante is not None:
        return {"destinatario_nombre": solicitante.nombre, "destinatario_cargo": solicitante.cargo,
                "destinatario_dependencia": dependencia}
    if entrada is not None and entrada.solicitante_nombre:
        return {"destinatario_nombre": entrada.solicitante_nombre, "destinatario_cargo": entrada.solicitante_cargo,
                "destinatario_dependencia": dependencia or entrada.procedencia_texto}
    return {"destinatario_nombre": f"Titular de {dependencia}" if dependencia else "",
            "destinatario_cargo": "", "destinatario_dependencia": dependencia}


def _preparar(tramite: Tramite, valores: Mapping[str, Any] | None) -> tuple[str, dict[str, Any], dict[str, Any]]:
    forma = formulario.formulario_paso(tramite)
    if forma is None:
        raise ErrorTransicion(f"El trámite {tramite.numero} ya terminó: no tiene paso que produzca un oficio.")
    if forma.documento is None:
        raise ErrorTransicion(f"El paso {forma.paso.numero} no produce un oficio.")
    variables: dict[str, Any] = dict(formulario.variables_documento(tramite))
    for clave, valor in forma.valores.items():
        variables[clave] = valor.texto
    for campo in reglas.campos_del_paso(forma.paso):
        crudo = (valores or {}).get(campo.clave)
        if datos_paso.vacio(crudo):
            continue
        convertido, _error = datos_paso.convertir(campo, crudo)
        if convertido is not None:
            variables[campo.clave] = convertido.texto
    variables = {clave: valor for clave, valor in variables.items() if valor not in (None, "")}
    entrada = Oficio.get_or_none(Oficio.id == tramite.oficio_entrada_id) if tramite.oficio_entrada_id else None
    datos = {**_destinatario(tramite, entrada), "firmantes": [_firma(forma.documento.firmante)],
             "tramite_id": tramite.id, "en_respuesta_a": entrada}
    clave = forma.documento.plantilla.removesuffix(".txt")
    return clave, variables, datos


def vista_previa(actor: Usuario | None, tramite: Tramite, valores: Mapping[str, Any] | None = None) -> bytes:
    """El PDF del oficio del paso, marcado «VISTA PREVIA»: no toma folio ni escribe nada."""
    clave, variables, datos = _preparar(tramite, valores)
    llenado = oficios.llenar_plantilla(clave, variables, **datos)
    if not llenado.completo:
        raise plantillas.error_faltantes(llenado.faltantes, clave)
    return oficios.vista_previa_pdf(actor, asunto=llenado.asunto, cuerpo=llenado.cuerpo, plantilla=clave, **datos)


def emitir(actor: Usuario | None, tramite: Tramite, valores: Mapping[str, Any] | None = None) -> Oficio:
    """Emite (con folio) el oficio del paso actual, vinculado al trámite y en respuesta a su oficio."""
    clave, variables, datos = _preparar(tramite, valores)
    return oficios.emitir_desde_plantilla(actor, clave, variables, **datos)


def oficios_del_tramite(tramite: Tramite) -> list[Oficio]:
    """Los oficios emitidos desde el trámite, del más reciente al más antiguo."""
    return list(Oficio.select().where(Oficio.tramite_id == tramite.id).order_by(Oficio.id.desc()))

