"""Los buscadores incluidos: oficios, trámites, bienes, tickets, servidores públicos y licencias.

Cada uno hace a lo más dos consultas con tope: la exacta (por el índice único del folio, número
o serie) y la de texto (``LIKE`` sobre la columna ``busqueda`` normalizada, de lo más reciente a
lo más antiguo, que se detiene al juntar ``tope`` filas).
"""
from __future__ import annotations

from typing import Any

from peewee import JOIN, fn

from app.modelos import Bien, Dependencia, Licencia, Oficio, ServidorPublico, Software, Ticket, Tramite
from app.modelos.inventario import ESTADOS_BIEN
from app.servicios.busqueda.registro import Buscador, Consulta, Resultado, coincide, registrar
from app.servicios.mesa_ayuda.tickets import ESTADOS as ESTADOS_TICKET
from app.servicios.tramites.modulos import modulo as modulo_dueno

LARGO_SUBTITULO = 140


def _recortar(texto: str, largo: int = LARGO_SUBTITULO) -> str:
    texto = " ".join((texto or "").split())
    return texto if len(texto) <= largo else texto[:largo - 1].rstrip() + "…"


def _unir(*partes: Any) -> str:
    return _recortar(" · ".join(str(p) for p in partes if p))


def _etiqueta(estado: str, nombres: dict[str, str] | None = None) -> str:
    if nombres and estado in nombres:
        return nombres[estado]
    return (estado or "").replace("_", " ").capitalize()


def _exactos_y_texto(consulta_base, condicion_exacta, condicion_texto, orden, tope: int) -> list[tuple[bool, dict]]:
    """Las filas exactas primero y luego las de texto (sin repetir), a lo más ``tope``."""
    filas: list[tuple[bool, dict]] = []
    vistos: set[int] = set()
    if condicion_exacta is not None:
        for fila in consulta_base().where(condicion_exacta).limit(tope).dicts():
            vistos.add(fila["id"])
            filas.append((True, fila))
    if len(filas) < tope and condicion_texto is not None:
        for fila in consulta_base().where(condicion_texto).order_by(orden).limit(tope).dicts():
            if fila["id"] not in vistos:
                vistos.add(fila["id"])
                filas.append((False, fila))
    return filas[:tope]


def formas_de_numero(consulta: Consulta) -> list[str]:
    """Formas en que un folio o número leído puede estar guardado (como en Inventario: un lector
    con teclado de EE. UU. escribe «'» en lugar de «-»)."""
    texto = consulta.exacto
    formas = [texto, texto.replace(" ", ""), texto.replace("'", "-"), texto.replace(" ", "").replace("'", "-")]
    return list(dict.fromkeys(f for f in formas if f))


# --- Oficios ---------------------------------------------------------------------------------

def buscar_oficios(consulta: Consulta, tope: int) -> list[Resultado]:
    """Por folio (emitidos), número de oficio (recibidos), asunto, procedencia o solicitante."""
    def base():
        return (Oficio.select(Oficio.id, Oficio.tipo, Oficio.estado, Oficio.folio, Oficio.numero_oficio,
                              Oficio.asunto, Oficio.descripcion, Oficio.destinatario_nombre,
                              Oficio.procedencia_texto, Dependencia.nombre.alias("procedencia"), Oficio.tramite_id)
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Oficio.procedencia == Dependencia.id)))

    formas = formas_de_numero(consulta)
    exacta = Oficio.folio.in_(formas) | fn.UPPER(Oficio.numero_oficio).in_(formas)
    filas = _exactos_y_texto(base, exacta, coincide(Oficio.busqueda, consulta), Oficio.id.desc(), tope)
    resultados = []
    for exacto, f in filas:
        if f["tipo"] == "saliente":
            titulo = f["folio"] or "Oficio emitido sin folio"
            estado = "Emitido" if f["estado"] == "emitido" else f"Emitido, {_etiqueta(f['estado']).lower()}"
            subtitulo = _unir(estado, f["asunto"],
                              f"para {f['destinatario_nombre']}" if f["destinatario_nombre"] else "")
        else:
            titulo = f["numero_oficio"] or "Oficio recibido sin número"
            subtitulo = _unir("Recibido", _etiqueta(f["estado"]), f["procedencia"] or f["procedencia_texto"],
                              f["descripcion"])
        resultados.append(Resultado("oficio", f["id"], titulo, subtitulo, "Oficios", f["tramite_id"], exacto))
    return resultados


# --- Trámites --------------------------------------------------------------------------------

def buscar_tramites(consulta: Consulta, tope: int) -> list[Resultado]:
    """Por número de trámite, asunto, procedimiento o dependencia. Se abre en el módulo dueño."""
    def base():
        return (Tramite.select(Tramite.id, Tramite.numero, Tramite.procedimiento, Tramite.asunto, Tramite.estado,
                               Tramite.modulo, Dependencia.nombre.alias("dependencia"))
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Tramite.dependencia == Dependencia.id)))

    texto = coincide(Tramite.busqueda, consulta) | Tramite.numero.contains(consulta.texto)
    filas = _exactos_y_texto(base, Tramite.numero.in_(formas_de_numero(consulta)), texto, Tramite.id.desc(), tope)
    resultados = []
    for exacto, f in filas:
        dueno = modulo_dueno(f["modulo"])
        subtitulo = _unir(f"Procedimiento {f['procedimiento']}", _etiqueta(f["estado"]), f["asunto"],
                          f["dependencia"])
        resultados.append(Resultado("tramite", f["id"], f["numero"], subtitulo,
                                    dueno.pestana if dueno else "Trámites", f["id"], exacto))
    return resultados


# --- Bienes ----------------------------------------------------------------------------------

def buscar_bienes(consulta: Consulta, tope: int) -> list[Resultado]:
    """Por número de inventario o serie (exactos, por su índice único), marca, modelo o descripción."""
    def base():
        return Bien.select(Bien.id, Bien.numero_inventario, Bien.serie, Bien.descripcion, Bien.marca,
                           Bien.modelo, Bien.estado)

    formas = formas_de_numero(consulta)
    exacta = Bien.numero_inventario.in_(formas) | Bien.serie.in_(formas)
    filas = _exactos_y_texto(base, exacta, coincide(Bien.busqueda, consulta), Bien.id.desc(), tope)
    resultados = []
    for exacto, f in filas:
        subtitulo = _unir(f["descripcion"], " ".join(p for p in (f["marca"], f["modelo"]) if p),
                          f"serie {f['serie']}" if f["serie"] else "", _etiqueta(f["estado"], ESTADOS_BIEN))
        resultados.append(Resultado("bien", f["id"], f["numero_inventario"], subtitulo, "Inventario", None, exacto))
    return resultados


# --- Tickets ---------------------------------------------------------------------------------

def buscar_tickets(consulta: Consulta, tope: int) -> list[Resultado]:
    """Por folio, descripción, solicitante, dependencia o bien."""
    def base():
        return (Ticket.select(Ticket.id, Ticket.folio, Ticket.descripcion, Ticket.estado, Ticket.solicitante_nombre,
                              Ticket.expediente, Dependencia.nombre.alias("dependencia"))
                .join(Dependencia, JOIN.LEFT_OUTER, on=(Ticket.dependencia == Dependencia.id)))

    filas = _exactos_y_texto(base, Ticket.folio.in_(formas_de_numero(consulta)),
                             coincide(Ticket.busqueda, consulta), Ticket.id.desc(), tope)
    resultados = []
    for exacto, f in filas:
        subtitulo = _unir(_etiqueta(f["estado"], ESTADOS_TICKET), f["dependencia"], f["solicitante_nombre"], f["descripcion"])
        resultados.append(Resultado("ticket", f["id"], f["folio"], subtitulo, "Mesa de ayuda",
                                    f["expediente"], exacto))
    return resultados


# --- Servidores públicos ---------------------------------------------------------------------

def buscar_servidores(consulta: Consulta, tope: int) -> list[Resultado]:
    """Por nombre, cargo, dependencia o correo."""
    def base():
        return (ServidorPublico.select(ServidorPublico.id, ServidorPublico.nombre, ServidorPublico.cargo,
                                       ServidorPublico.correo, ServidorPublico.activo,
                                       Dependencia.nombre.alias("dependencia"))
                .join(Dependencia, JOIN.LEFT_OUTER, on=(ServidorPublico.dependencia == Dependencia.id)))

    texto = coincide(ServidorPublico.busqueda, consulta) | ServidorPublico.correo.contains(consulta.normal)
    filas = _exactos_y_texto(base, None, texto, ServidorPublico.nombre, tope)
    resultados = []
    for _exacto, f in filas:
        subtitulo = _unir(f["cargo"], f["dependencia"], f["correo"], "" if f["activo"] else "Inactivo")
        resultados.append(Resultado("servidor", f["id"], f["nombre"], subtitulo, "Catálogos"))
    return resultados


# --- Licencias -------------------------------------------------------------------------------

def buscar_licencias(consulta: Consulta, tope: int) -> list[Resultado]:
    """Por software, fabricante, tipo, descripción o los últimos caracteres de la clave (nunca la clave)."""
    def base():
        return (Licencia.select(Licencia.id, Software.nombre.alias("software"), Licencia.descripcion,
                                Licencia.clave_mascara, Licencia.vigencia_fin, Licencia.activa)
                .join(Software, on=(Licencia.software == Software.id)))

    texto = coincide(Licencia.busqueda, consulta)
    if len(consulta.exacto) >= 4 and " " not in consulta.exacto:
        texto = texto | Licencia.clave_mascara.endswith(consulta.exacto)
    filas = _exactos_y_texto(base, None, texto, Licencia.id.desc(), tope)
    resultados = []
    for _exacto, f in filas:
        vigencia = f"vence {f['vigencia_fin']:%d/%m/%Y}" if f["vigencia_fin"] else ""
        subtitulo = _unir(f["descripcion"], f["clave_mascara"], vigencia, "" if f["activa"] else "Dada de baja")
        resultados.append(Resultado("licencia", f["id"], f["software"], subtitulo, "Licencias"))
    return resultados


INCLUIDOS = (
    Buscador("oficio", "Oficios", "Oficios", buscar_oficios, orden=10),
    Buscador("tramite", "Trámites", "Trámites", buscar_tramites, orden=20),
    Buscador("ticket", "Tickets", "Mesa de ayuda", buscar_tickets, orden=30),
    Buscador("bien", "Bienes", "Inventario", buscar_bienes, orden=40),
    Buscador("licencia", "Licencias", "Licencias", buscar_licencias, orden=50),
    Buscador("servidor", "Servidores públicos", "Catálogos", buscar_servidores, orden=60),
)

for _buscador in INCLUIDOS:
    registrar(_buscador)
