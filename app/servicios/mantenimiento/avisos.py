"""Oficios de aviso de un mantenimiento a las dependencias afectadas (paso 5 del procedimiento 7;
aviso de sistema no disponible del procedimiento 12; áreas que usan el servidor en el 8).

Un oficio por dependencia, cada uno con su folio de la serie común de oficios y su PDF
congelado (``oficios.emitir_desde_plantilla``). Todo en una transacción: si uno falla,
no se consume ningún folio.
"""
from __future__ import annotations

from typing import Any

from app.base_datos import transaccion
from app.modelos import (AvisoMantenimiento, Dependencia, Mantenimiento, Oficio, ServidorPublico, Usuario,
                         ahora)
from app.servicios.nucleo import bitacora, permisos
from app.servicios.oficios import oficios
from app.servicios.mantenimiento import expedientes, mantenimiento as servicio, servidores
from app.errores import ErrorTransicion, ErrorValidacion

PLANTILLA_EQUIPO = "aviso_mantenimiento"
PLANTILLA_SISTEMA = "aviso_sistema_no_disponible"


def titular_de(dependencia: Dependencia) -> ServidorPublico | None:
    """El titular de la dependencia: su primer servidor público activo registrado."""
    return (ServidorPublico.select()
            .where((ServidorPublico.dependencia == dependencia) & (ServidorPublico.activo == True))  # noqa: E712
            .order_by(ServidorPublico.id).first())


def _variables(mantenimiento: Mantenimiento, dependencia: Dependencia) -> dict[str, Any]:
    from app.servicios.tramites import procedimientos

    inicio, fin = mantenimiento.inicio, mantenimiento.fin
    fecha = servidores.dia_largo(inicio.date()) + f" de {inicio.year}"
    if fin.date() != inicio.date():
        fecha += f" al {servidores.dia_largo(fin.date())} de {fin.year}"
    procedimiento = procedimientos.obtener(mantenimiento.procedimiento)
    return {
        "clase": servicio.CLASES[mantenimiento.clase].lower(),
        "equipo": mantenimiento.dispositivo.nombre,
        "tipo": servicio.tipo_en_frase(mantenimiento.dispositivo.tipo),
        "procedimiento": procedimiento.titulo.replace("Procedimiento para el", "procedimiento para el"),
        "fecha": fecha,
        "hora_inicio": f"{inicio:%H:%M}",
        "hora_fin": f"{fin:%H:%M}",
        "numero": mantenimiento.numero,
        "descripcion": mantenimiento.descripcion or "mantenimiento general",
        "dependencia": dependencia.nombre,
        "acordado": f" con {mantenimiento.acordado_con}" if mantenimiento.acordado_con else "",
    }


def emitir_avisos(actor: Usuario | None, mantenimiento: Mantenimiento) -> list[Oficio]:
    """Emite el oficio de aviso con la fecha a cada dependencia afectada y deja el aviso vigente."""
    permisos.exigir(actor, permisos.EMITIR_OFICIO)
    permisos.exigir_area(actor, servicio.AREA[mantenimiento.procedimiento])
    if mantenimiento.estado != servicio.PROGRAMADO:
        raise ErrorTransicion(f"Solo se avisa un mantenimiento programado; el {mantenimiento.numero} está "
                              f"«{servicio.ESTADOS[mantenimiento.estado].lower()}».")
    if mantenimiento.procedimiento == servicio.SISTEMAS and not mantenimiento.acordado_con:
        raise ErrorTransicion("Primero anote con qué titular del área se acordó la fecha (paso 4 del "
                              "procedimiento 12): el aviso informa la fecha acordada.")
    dependencias = servicio.dependencias_de(mantenimiento.dependencias)
    if not dependencias:
        raise ErrorValidacion([("dependencias", f"El mantenimiento {mantenimiento.numero} no tiene dependencias "
                                                "afectadas a quién avisar.")])
    plantilla = PLANTILLA_SISTEMA if mantenimiento.procedimiento == servicio.SISTEMAS else PLANTILLA_EQUIPO
    emitidos: list[Oficio] = []
    with transaccion():
        for dependencia in dependencias:
            titular = titular_de(dependencia)
            oficio = oficios.emitir_desde_plantilla(
                actor, plantilla, _variables(mantenimiento, dependencia),
                destinatario_nombre=titular.nombre if titular else f"Titular de {dependencia.nombre}",
                destinatario_cargo=titular.cargo if titular else "",
                destinatario_dependencia=dependencia.nombre, tramite_id=mantenimiento.expediente_id)
            aviso = AvisoMantenimiento.create(mantenimiento=mantenimiento, dependencia=dependencia, oficio=oficio,
                                              inicio_avisado=mantenimiento.inicio, emitido_en=ahora())
            bitacora.registrar(aviso, "aviso de mantenimiento", actor)
            emitidos.append(oficio)
        mantenimiento.aviso_vigente = True
        servicio.guardar_cambio(actor, mantenimiento, "aviso de mantenimiento emitido")
        nota = "Oficios de aviso emitidos: " + ", ".join(
            f"{o.folio} ({o.destinatario_dependencia})" for o in emitidos) + "."
        servicio.anotar_evento(actor, mantenimiento, servidores.AVISO, nota)
        expedientes.al_avisar(actor, mantenimiento, nota=nota)
    return emitidos


def avisos_de(mantenimiento: Mantenimiento) -> list[dict[str, Any]]:
    """Oficios de aviso emitidos para el mantenimiento (también los de fechas anteriores)."""
    consulta = (AvisoMantenimiento
                .select(AvisoMantenimiento.inicio_avisado, AvisoMantenimiento.emitido_en,
                        Oficio.id.alias("oficio_id"), Oficio.folio, Oficio.estado,
                        Oficio.destinatario_nombre, Oficio.destinatario_dependencia)
                .join(Oficio, on=(AvisoMantenimiento.oficio == Oficio.id))
                .where(AvisoMantenimiento.mantenimiento == mantenimiento)
                .order_by(AvisoMantenimiento.id))
    filas = list(consulta.dicts())
    for fila in filas:
        fila["vigente"] = fila["inicio_avisado"] == mantenimiento.inicio and fila["estado"] != oficios.CANCELADO
    return filas
