"""El manual completo, en orden: introducción, un capítulo por pestaña y uno por procedimiento."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from app.servicios.ayuda.manual import Capitulo, capitulos_pestanas, carpeta_manual, leer_archivo
from app.servicios.ayuda.procedimientos import capitulos_procedimientos

__all__ = ["capitulos"]


def capitulos(titulos_pestanas: Sequence[str] | None = None, carpeta: Path | None = None,
              carpeta_pnn: Path | None = None) -> list[Capitulo]:
    """Todos los capítulos; las pestañas en el orden de ``titulos_pestanas`` (las de la ventana).

    ``carpeta`` es la de los capítulos (por omisión, la del sistema) y ``carpeta_pnn`` la de los
    ``pNN.json`` (por omisión, los procedimientos del sistema).
    """
    carpeta = carpeta or carpeta_manual()
    resultado: list[Capitulo] = []
    introduccion = carpeta / "introduccion.md"
    if introduccion.is_file():
        resultado.append(leer_archivo(introduccion))
    resultado.extend(capitulos_pestanas(titulos_pestanas, carpeta))
    resultado.extend(capitulos_procedimientos(carpeta, carpeta_pnn))
    return resultado
