"""Cómo cada acción de un proyecto lleva su trámite al paso del manual que implica.

Una tabla por procedimiento: acción del módulo → (paso al que llega, respuestas de las decisiones
que cruza). ``QUEDA`` indica que la acción no mueve el trámite en ese procedimiento (por ejemplo,
en el 13 la viabilidad no es una actividad propia del manual). ``None`` como paso: concluye.
"""
from __future__ import annotations

QUEDA = "="

# Criterios de viabilidad de cada procedimiento (políticas del manual).
_CRITERIOS_SISTEMAS = (
    ("funcionalidad", "La funcionalidad deseada por la dependencia es alcanzable"),
    ("complejidad", "La complejidad es manejable con los recursos de la DTI"),
    ("hardware", "Se cuenta con la infraestructura de hardware"),
    ("red", "Se cuenta con la infraestructura de red"),
)
CRITERIOS: dict[int, tuple[tuple[str, str], ...]] = {
    3: (("tecnologia", "El Ayuntamiento cuenta con la tecnología necesaria (política 3 a)"),
        ("presupuesto", "El Ayuntamiento cuenta con los recursos económicos (política 3 b)")),
    11: _CRITERIOS_SISTEMAS,
    13: _CRITERIOS_SISTEMAS,
    15: _CRITERIOS_SISTEMAS,
    18: (("tecnica", "La instalación es viable técnicamente en el sitio"),
         ("materiales", "Se cuenta con los materiales y el equipo necesarios")),
}

AREAS: dict[int, str] = {3: "Dirección de Tecnologías de la Información", 11: "Departamento de Programación de Sistemas",
                         13: "Departamento de Programación de Sistemas", 15: "Departamento de Programación de Sistemas",
                         18: "Departamento de Redes de Transporte"}

NOMBRES: dict[int, str] = {3: "Proyecto de TI", 11: "Sistema informático", 13: "Página web",
                           15: "Módulos de carga de información", 18: "Infraestructura de TI"}

Camino = tuple[str | None, dict[str, str]]

CAMINOS: dict[int, dict[str, Camino]] = {
    3: {"registrar": ("2", {}), "viable": ("4", {"3": "Sí"}), "no_viable": ("3.1", {"3": "No"}),
        "proponer": ("5", {}), "aprobar": ("6", {"5": "Sí"}), "rechazar": ("5.1", {"5": "No"}),
        "iniciar": ("7", {}), "beta": ("7", {}), "aceptar_beta": ("8", {"7": "Sí"}),
        "rechazar_beta": ("7.1", {"7": "No"}), "entregar": (None, {})},
    11: {"registrar": ("2", {}), "viable": ("3", {"2.1": "Sí"}), "no_viable": ("1", {"2.1": "No"}),
         "requerimientos_completos": ("5", {"4": "Sí"}), "requerimientos_incompletos": ("4.1", {"4": "No"}),
         "reunion": ("4", {}), "plan": ("6", {}), "hardware_si": ("7", {"6": "Sí"}),
         "hardware_no": ("6.1", {"6": "No"}), "proponer": (QUEDA, {}), "aprobar": (QUEDA, {}),
         "rechazar": (QUEDA, {}), "iniciar": (QUEDA, {}), "beta": ("8", {}), "aceptar_beta": ("9", {"8": "Sí"}),
         "rechazar_beta": ("9.1", {"8": "No"}), "entregar": (None, {})},
    13: {"registrar": ("2", {}), "viable": (QUEDA, {}), "reunion": ("3", {}), "plan": ("4", {}),
         "proponer": ("5", {}), "aprobar": ("6", {"5": "Sí"}), "rechazar": ("5.1", {"5": "No"}),
         "iniciar": (QUEDA, {}), "entregar": (None, {})},
    15: {"registrar": ("2", {}), "viable": ("3", {}), "plan": (QUEDA, {}), "proponer": ("4", {}),
         "aprobar": ("5", {"4": "Sí"}), "rechazar": ("4.1", {"4": "No"}), "iniciar": (QUEDA, {}),
         "beta": ("7", {}), "aceptar_beta": ("8", {"7": "Sí"}), "rechazar_beta": ("7.1", {"7": "No"}),
         "entregar": (None, {})},
    18: {"registrar": ("2", {}), "viable": ("3.2", {"3": "Sí"}), "no_viable": ("3.1", {"3": "No"}),
         "plan": (QUEDA, {}), "proponer": ("4", {}), "aprobar": ("4.2", {"4": "Sí"}),
         "rechazar": ("4.1", {"4": "No"}), "iniciar": (QUEDA, {}), "entregar": (None, {})},
}

# Procedimientos con beta o vista previa que la dependencia acepta antes de implementar.
CON_BETA = frozenset({3, 11, 15})
# Procedimientos cuyo proyecto se entrega con memoria técnica, manual de usuario y ubicación del código
# fuente (políticas de los procedimientos 11 y 13; el 15 entrega módulos de sistema de la misma forma).
CON_DOCUMENTACION = frozenset({11, 13, 15})
# Las respuestas del 18 las firma el Tesorero, o el director con su autorización registrada (política 3).
FIRMA_TESORERO = frozenset({18})
# Reunión del procedimiento 13 (actividad 2): de 30 a 60 minutos.
DURACION_REUNION_13 = (30, 60)


def camino(procedimiento: int, accion: str) -> Camino | None:
    """(paso destino, respuestas) de ``accion``; None si la acción no existe en ese procedimiento."""
    return CAMINOS.get(procedimiento, {}).get(accion)
