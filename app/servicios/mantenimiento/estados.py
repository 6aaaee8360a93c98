"""Clases, estados y procedimientos de un mantenimiento, y las dependencias que afecta.

Lo comparten el servicio de mantenimientos y su expediente (el trámite de cada uno); el
servicio los vuelve a exponer con los mismos nombres.
"""
from __future__ import annotations

from app.modelos import Dependencia, Mantenimiento

PREVENTIVO = "preventivo"
CORRECTIVO = "correctivo"
CLASES = {PREVENTIVO: "Preventivo", CORRECTIVO: "Correctivo"}

PROGRAMADO = "programado"
POR_VERIFICAR = "por_verificar"
EN_AJUSTES = "en_ajustes"
CONCLUIDO = "concluido"
CANCELADO = "cancelado"
ESTADOS = {PROGRAMADO: "Programado", POR_VERIFICAR: "Por verificar", EN_AJUSTES: "En ajustes",
           CONCLUIDO: "Concluido", CANCELADO: "Cancelado"}
ACTIVOS = (PROGRAMADO, POR_VERIFICAR, EN_AJUSTES)

SERVIDORES_REDES = 7
SERVIDORES_DATOS = 8
SISTEMAS = 12
PROCEDIMIENTOS = {
    SERVIDORES_REDES: "Servidores, redes de voz, datos y video",
    SERVIDORES_DATOS: "Servidores de datos",
    SISTEMAS: "Sistemas informáticos",
}


def ids_dependencias(texto: str) -> list[int]:
    return [int(p) for p in texto.split(";") if p.strip().isdigit()]


def dependencias_de(texto: str) -> list[Dependencia]:
    """Las dependencias de un campo «1;4;7», en ese orden."""
    ids = ids_dependencias(texto)
    por_id = {d.id: d for d in Dependencia.select().where(Dependencia.id.in_(ids))} if ids else {}
    return [por_id[i] for i in ids if i in por_id]


def requiere_aviso(mantenimiento: Mantenimiento) -> bool:
    """¿El manual pide avisar por oficio antes de hacerlo? (7 preventivo: paso 5; 12: el sistema no estará
    disponible). Solo si hay dependencias afectadas."""
    if not ids_dependencias(mantenimiento.dependencias):
        return False
    return ((mantenimiento.procedimiento == SERVIDORES_REDES and mantenimiento.clase == PREVENTIVO)
            or mantenimiento.procedimiento == SISTEMAS)
