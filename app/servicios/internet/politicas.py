"""La política de filtrado de contenido como datos (actividades 1 y 2 del procedimiento 20).

Qué categorías se bloquean, cuáles de ellas nunca admiten excepción (apuestas, contenido para
adultos…), en qué firewall se aplica, su versión y la fecha en que se aplicó.
Cada cambio es una **versión nueva**: la anterior no se reescribe y queda en el historial; la
vigente es la de número mayor. Cada solicitud decidida guarda la versión con que se decidió.
"""
from __future__ import annotations

import datetime as dt

from app.base_datos import transaccion
from app.errores import ErrorNoEncontrado
from app.modelos import Usuario, ahora
from app.modelos.internet import PoliticaFiltrado
from app.servicios.nucleo import bitacora, permisos
from app.servicios.nucleo.validacion import Validador, limpiar_texto, normalizar, texto_busqueda
from app.tiempo import hoy_mexico
from app.servicios.nucleo.concurrencia import crea

AREA = permisos.AREA_REDES
MAXIMO_CATEGORIAS = 100


def categorias_de(politica: PoliticaFiltrado | None) -> list[str]:
    """Las categorías bloqueadas de la versión, en el orden capturado."""
    return [c for c in (politica.categorias if politica else "").split("\n") if c.strip()]


def sin_excepcion_de(politica: PoliticaFiltrado | None) -> list[str]:
    """Las categorías bloqueadas que nunca se liberan, ni a petición del titular."""
    return [c for c in (politica.sin_excepcion if politica else "").split("\n") if c.strip()]


def vigente() -> PoliticaFiltrado | None:
    """La versión vigente de la política (la de número mayor), o None si aún no se establece."""
    return PoliticaFiltrado.select().order_by(PoliticaFiltrado.numero.desc()).first()


def historial() -> list[PoliticaFiltrado]:
    """Todas las versiones, de la más reciente a la primera."""
    return list(PoliticaFiltrado.select().order_by(PoliticaFiltrado.numero.desc()))


def obtener(identificador: int) -> PoliticaFiltrado:
    politica = PoliticaFiltrado.get_or_none(PoliticaFiltrado.id == identificador)
    if politica is None:
        raise ErrorNoEncontrado(f"No existe la versión {identificador} de la política de filtrado.")
    return politica


def texto_version(politica: PoliticaFiltrado | None) -> str:
    """«versión 2 del 15/11/2026, firewall FortiGate 100F del site de Palacio»."""
    if politica is None:
        return "sin política registrada"
    return f"versión {politica.numero} del {politica.aplicada_el:%d/%m/%Y}, {politica.firewall}"


def _lista(v: Validador, campo: str, valores: list[str] | str) -> list[str]:
    if isinstance(valores, str):
        valores = valores.replace(";", "\n").split("\n")
    limpias: list[str] = []
    vistas: set[str] = set()
    for valor in valores:
        texto = v.texto(campo, "Categoría", valor, 100)
        if texto and normalizar(texto) not in vistas:
            vistas.add(normalizar(texto))
            limpias.append(texto)
    return limpias


@crea
def nueva_version(actor: Usuario | None, *, categorias: list[str] | str, firewall: str,
                  aplicada_el: dt.date | None = None, descripcion: str = "",
                  sin_excepcion: list[str] | str = ()) -> PoliticaFiltrado:
    """Registra una versión nueva de la política; la anterior queda intacta como historial.

    ``sin_excepcion`` son categorías de ``categorias`` que nunca se liberan.
    """
    permisos.exigir(actor, permisos.EDITAR_CATALOGOS)
    permisos.exigir_area(actor, AREA)
    v = Validador()
    limpias = _lista(v, "categorias", categorias)
    nombres = {normalizar(c): c for c in limpias}
    cerradas = []
    for categoria in _lista(v, "sin_excepcion", list(sin_excepcion) if not isinstance(sin_excepcion, str)
                            else sin_excepcion):
        if normalizar(categoria) not in nombres:
            v.error("sin_excepcion", f"«{categoria}» no está entre las categorías bloqueadas de esta versión.")
        else:
            cerradas.append(nombres[normalizar(categoria)])
    if not limpias:
        v.error("categorias", "Indique al menos una categoría bloqueada (p. ej. redes sociales, apuestas).")
    elif len(limpias) > MAXIMO_CATEGORIAS:
        v.error("categorias", f"Admite como máximo {MAXIMO_CATEGORIAS} categorías.")
    firewall = v.texto("firewall", "Firewall donde se aplica", firewall, 200, requerido=True)
    descripcion = v.texto("descripcion", "Cambios de esta versión", descripcion, 5000, multilinea=True)
    aplicada_el = v.fecha_no_futura("aplicada_el", "Fecha en que se aplicó", aplicada_el or hoy_mexico(),
                                    hoy_mexico())
    anterior = vigente()
    if anterior is not None and aplicada_el and aplicada_el < anterior.aplicada_el:
        v.error("aplicada_el", f"La versión {anterior.numero} se aplicó el {anterior.aplicada_el:%d/%m/%Y}: "
                               "una versión nueva no puede ser anterior.")
    v.validar()
    with transaccion():
        numero = (PoliticaFiltrado.select(PoliticaFiltrado.numero).order_by(PoliticaFiltrado.numero.desc())
                  .scalar() or 0) + 1
        politica = PoliticaFiltrado(numero=numero, categorias="\n".join(limpias), firewall=firewall,
                                    sin_excepcion="\n".join(cerradas),
                                    aplicada_el=aplicada_el, descripcion=descripcion, creado_por=actor,
                                    creado_en=ahora(), modificado_en=ahora(),
                                    busqueda=texto_busqueda(firewall, *limpias, descripcion[:300]))
        bitacora.guardar(politica, "nueva versión de la política de filtrado", actor)
    return politica


def categoria_bloqueada(politica: PoliticaFiltrado | None, categoria: str) -> str | None:
    """La categoría de la política que coincide con ``categoria`` (sin importar mayúsculas ni acentos)."""
    objetivo = normalizar(limpiar_texto(categoria))
    return next((c for c in categorias_de(politica) if normalizar(c) == objetivo), None) if objetivo else None
