"""Etiquetas QR de los bienes: elegir cuáles y generar el PDF para la impresora."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.modelos import Bien, Dependencia, Institucion
from app.modelos.inventario import DADO_DE_BAJA
from app.errores import ErrorNoEncontrado, ErrorValidacion

# Descripción corta: la etiqueta tiene lugar para dos renglones chicos.
LARGO_DESCRIPCION = 90


def plantillas() -> dict[str, str]:
    """Clave → nombre legible de cada plantilla de etiquetas (para elegir en la interfaz)."""
    from app.documentos.etiquetas import PLANTILLAS

    return {clave: p.nombre for clave, p in PLANTILLAS.items()}


def posiciones_por_hoja(plantilla: str) -> int:
    from app.documentos.etiquetas import PLANTILLAS

    return PLANTILLAS[plantilla].por_hoja


def _dependencia(dependencia: Dependencia | str) -> Dependencia:
    if isinstance(dependencia, Dependencia):
        return dependencia
    from app.servicios.catalogos.catalogos import dependencia_por_nombre

    return dependencia_por_nombre(dependencia)


def seleccionar(numeros: Sequence[str] | None = None,
                dependencia: Dependencia | str | None = None) -> list[tuple[str, str]]:
    """(número, descripción) de los bienes a etiquetar, en el orden en que se imprimirán.

    Con ``numeros``: esos bienes, en ese orden (todos deben existir). Con ``dependencia``:
    sus bienes activos. Sin ninguno: todos los bienes activos (no dados de baja).
    """
    consulta = Bien.select(Bien.numero_inventario, Bien.descripcion)
    if numeros:
        buscados = [n.strip() for n in numeros if n and n.strip()]
        encontrados = dict(consulta.where(Bien.numero_inventario.in_(buscados)).tuples())
        faltan = [n for n in buscados if n not in encontrados]
        if faltan:
            muestra = ", ".join(faltan[:5]) + (f" y {len(faltan) - 5} más" if len(faltan) > 5 else "")
            raise ErrorNoEncontrado(f"No existen los bienes con número de inventario: {muestra}.")
        return [(n, encontrados[n]) for n in dict.fromkeys(buscados)]
    consulta = consulta.where(Bien.estado != DADO_DE_BAJA)
    if dependencia is not None:
        consulta = consulta.where(Bien.dependencia == _dependencia(dependencia))
    return list(consulta.order_by(Bien.numero_inventario).tuples())


def _institucion() -> str:
    registro = Institucion.get_or_none(Institucion.id == 1)
    if registro is None:
        return "Gobierno Municipal"
    return registro.nombre.split(",")[0].strip()


def generar_etiquetas(ruta: str | Path | None, plantilla: str = "carta-3x10",
                      numeros: Sequence[str] | None = None,
                      dependencia: Dependencia | str | None = None, inicio: int = 1) -> bytes:
    """PDF de etiquetas QR; lo guarda en ``ruta`` (si se da) y devuelve sus bytes.

    ``inicio`` (1..N) es la primera posición libre de una hoja ya usada.
    """
    from app.documentos.etiquetas import Etiqueta, PLANTILLAS, generar_pdf_etiquetas

    if plantilla not in PLANTILLAS:
        raise ErrorValidacion([("plantilla", f"Plantilla de etiquetas desconocida: «{plantilla}». "
                                             f"Use {', '.join(PLANTILLAS)}.")])
    maximo = PLANTILLAS[plantilla].por_hoja
    if not isinstance(inicio, int) or not 1 <= inicio <= maximo:
        raise ErrorValidacion([("inicio", f"La posición inicial debe estar entre 1 y {maximo} "
                                          f"en la plantilla {plantilla}.")])
    elegidos = seleccionar(numeros, dependencia)
    if not elegidos:
        raise ErrorValidacion([("bienes", "No hay bienes que etiquetar con esa selección.")])
    etiquetas = [Etiqueta(numero, (descripcion or "")[:LARGO_DESCRIPCION])
                 for numero, descripcion in elegidos]
    pdf = generar_pdf_etiquetas(etiquetas, plantilla, _institucion(), inicio)
    if ruta is not None:
        destino = Path(ruta)
        temporal = destino.with_name(f".{destino.stem}.tmp{destino.suffix}")
        temporal.write_bytes(pdf)
        temporal.replace(destino)
    return pdf
